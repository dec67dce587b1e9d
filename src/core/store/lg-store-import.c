/* lg-store-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CSV import's queries: the staging area in TEMP tables of the import's
 * connection, the snapshot of the leads the import dedupes against, the move
 * of what is staged into the database in one transaction, the import
 * history and undo. The statements are hand-tuned for big files (the csv
 * benchmark measures them): change them with the benchmark at hand. They run
 * on both backends: a team workspace's TEMP tables are its session's in
 * PostgreSQL as they are the connection's in SQLite, and only their
 * definitions differ (staging_tables, staging_tables_pg).
 */

#define G_LOG_DOMAIN "lg-store"

#include "config.h"

/* PRId64, not G_GINT64_FORMAT, in translatable strings: xgettext knows it. */
#include <inttypes.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "lg-import-batch.h"
#include "lg-store-import.h"
#include "lg-store-private.h"

/* The columns an import may change, in LgImportColumn's order. */
#define LEAD_COLUMNS \
  "name, email, phone, company, telegram_handle, telegram_id, stage, furthest_stage, " \
  "qualification, value, currency, source_id, created_at, closed_at, lost_reason, notes, " \
  "external_id"

/* LEAD_COLUMNS one by one: the members of an update's previous values. */
static const char *update_columns[] = {
  "name", "email", "phone", "company", "telegram_handle", "telegram_id", "stage",
  "furthest_stage", "qualification", "value", "currency", "source_id", "created_at",
  "closed_at", "lost_reason", "notes", "external_id",
};

G_STATIC_ASSERT (G_N_ELEMENTS (update_columns) == LG_IMPORT_N_COLUMNS);

/* The dedupe index (lg-lead-import-dedupe.c decides what goes in): the
 * lead holding each key, by kind (LgImportKey), the first one given it; and
 * each lead's own keys as the file has left them (phone aside: no
 * contradiction), a row for every lead of the snapshot and every new one of
 * the file, whether it has keys or not. In TEMP tables, so it grows on disk,
 * not in memory, with the leads there are and the rows of the file. The
 * lead-form ids met so far (the leads' external_id, lg_lead_form_id_key ())
 * beside them. */
#define DEDUPE_TABLES \
  "CREATE TEMP TABLE dedupe_keys (" \
  "  kind INTEGER NOT NULL," \
  "  key TEXT NOT NULL," \
  "  lead_id INTEGER NOT NULL," \
  "  PRIMARY KEY (kind, key)" \
  ") WITHOUT ROWID;" \
  "CREATE TEMP TABLE dedupe_leads (" \
  "  id INTEGER PRIMARY KEY," \
  "  email TEXT," \
  "  telegram TEXT," \
  "  telegram_id TEXT" \
  ");" \
  "CREATE TEMP TABLE dedupe_form_ids (" \
  "  key TEXT PRIMARY KEY" \
  ") WITHOUT ROWID;"

/* The staging area, in TEMP tables of the import's connection: the leads the
 * file creates (existed = 0) and the ones there before that it reads or
 * changes, copied on first use (existed = 1; changed once it changes them);
 * those copies as they were read (staged_leads_before); the update records
 * for the import history, in the order made (seq); and the sources the file
 * names that are not there yet. Ids are those the move writes. The queries
 * name these tables without a schema, as both backends look for a TEMP
 * table first. */
static const char staging_tables[] =
  "CREATE TEMP TABLE staged_leads ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT, email TEXT, phone TEXT, company TEXT, telegram_handle TEXT, telegram_id TEXT,"
  "  stage TEXT, furthest_stage TEXT, qualification TEXT, value INTEGER, currency TEXT,"
  "  source_id INTEGER, created_at INTEGER, closed_at INTEGER, lost_reason TEXT, notes TEXT,"
  "  external_id TEXT,"
  "  position REAL,"
  "  existed INTEGER NOT NULL DEFAULT 0,"
  "  changed INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TEMP TABLE staged_leads_before AS SELECT id, " LEAD_COLUMNS " FROM leads "
  "  WHERE 0;"
  "CREATE TEMP TABLE staged_lead_changes ("
  "  seq INTEGER PRIMARY KEY,"
  "  lead_id INTEGER NOT NULL,"
  "  previous TEXT"
  ");"
  "CREATE TEMP TABLE staged_lead_sources ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE"
  ");"
  DEDUPE_TABLES;

/* The same tables in PostgreSQL's types, those of the leads' columns. */
static const char staging_tables_pg[] =
  "CREATE TEMP TABLE staged_leads ("
  "  id bigint PRIMARY KEY,"
  "  name text, email text, phone text, company text, telegram_handle text, telegram_id text,"
  "  stage text, furthest_stage text, qualification text, value bigint, currency text,"
  "  source_id bigint, created_at bigint, closed_at bigint, lost_reason text, notes text,"
  "  external_id text,"
  "  position double precision,"
  "  existed integer NOT NULL DEFAULT 0,"
  "  changed integer NOT NULL DEFAULT 0"
  ");"
  "CREATE TEMP TABLE staged_leads_before AS SELECT id, " LEAD_COLUMNS " FROM leads "
  "  WHERE false;"
  "CREATE TEMP TABLE staged_lead_changes ("
  "  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
  "  lead_id bigint NOT NULL,"
  "  previous text"
  ");"
  "CREATE TEMP TABLE staged_lead_sources ("
  "  id bigint PRIMARY KEY,"
  "  name text NOT NULL UNIQUE"
  ");"
  "CREATE TEMP TABLE dedupe_keys ("
  "  kind integer NOT NULL,"
  "  key text NOT NULL,"
  "  lead_id bigint NOT NULL,"
  "  PRIMARY KEY (kind, key)"
  ");"
  "CREATE TEMP TABLE dedupe_leads ("
  "  id bigint PRIMARY KEY,"
  "  email text,"
  "  telegram text,"
  "  telegram_id text"
  ");"
  "CREATE TEMP TABLE dedupe_form_ids ("
  "  key text PRIMARY KEY"
  ");";

static const char *stages[] = { "cold", "warm", "hot", "won", "lost" };

G_STATIC_ASSERT (G_N_ELEMENTS (stages) == LG_N_STAGES);

LgStage
lg_import_stage_rank (const char *stage)
{
  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    if (g_strcmp0 (stage, stages[i]) == 0)
      return i;
  return LG_STAGE_COLD;
}

/* The import's memory must not grow with the file: its TEMP tables (the
 * staging area and the dedupe keys, as big as the file) are kept in a file
 * (LG_STORE_TEMP_ON_DISK), and both page caches have a fixed size. The
 * dedupe index is looked up at random: 4 MiB of its pages. A writing
 * connection keeps more pages of the database, for the move's one
 * transaction touches many index pages; past that, SQLite spills them to
 * the write-ahead log. */
#define MAIN_CACHE_WRITING "PRAGMA main.cache_size = -16384;"
#define TEMP_CACHE LG_STORE_TEMP_ON_DISK "PRAGMA temp.cache_size = -4096;"

LgStore *
lg_store_import_open (const char  *db_path,
                      gboolean     writing,
                      GError     **error)
{
  g_autoptr(LgStore) store = lg_store_open (db_path, error);

  if (store == NULL)
    return NULL;
  /* Not through lg_store_exec(), which a damaged store refuses: these are
   * the connection's, and a check of a file reads only. A team workspace's
   * TEMP tables and caches are the server's to size. */
  if (!lg_store_is_remote (store) &&
      sqlite3_exec (lg_store_get_db (store), writing ? TEMP_CACHE MAIN_CACHE_WRITING : TEMP_CACHE,
                    NULL, NULL, NULL) != SQLITE_OK)
    {
      lg_store_set_error (store, error, _("Could not prepare the import"));
      return NULL;
    }
  lg_store_give_back_memory_on_close (store);
  return g_steal_pointer (&store);
}

gboolean
lg_store_import_stage (LgStore  *self,
                       GError  **error)
{
  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  return lg_store_stage_tables (self, staging_tables, staging_tables_pg, error);
}

/* The write lock, as the move needs it. SQLite's is the file's; on
 * PostgreSQL, the tables whose ids the import gives (leads, sources) are
 * locked against other writers, not readers: every write to them waits for
 * the import's end, and the import for theirs, so nothing it did not see
 * is written meanwhile and no one takes the ids it staged. */
static gboolean
begin_locked (LgStore  *self,
              GError  **error)
{
  if (!lg_store_is_remote (self))
    return lg_store_begin (self, error);
  return lg_store_exec (self, "BEGIN; LOCK TABLE leads, sources IN EXCLUSIVE MODE", error);
}

gboolean
lg_store_import_begin (LgStore   *self,
                       gboolean   locked,
                       GError   **error)
{
  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  if (locked)
    return begin_locked (self, error);
  /* One snapshot for the whole staging, as SQLite's read transaction is:
   * PostgreSQL's default takes one a statement. */
  return lg_store_exec (self, lg_store_is_remote (self) ? "BEGIN ISOLATION LEVEL REPEATABLE READ"
                                                       : "BEGIN", error);
}

gboolean
lg_store_import_read_snapshot (LgStore              *self,
                               LgImportSnapshot     *snapshot,
                               LgImportLeadKeysFunc  func,
                               gpointer              user_data,
                               GError              **error)
{
  LgStmt *stmt;
  int rc;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  memset (snapshot, 0, sizeof *snapshot);
  snapshot->now = g_get_real_time () / G_USEC_PER_SEC;
  snapshot->next_lead_id = 1;

  stmt = lg_store_prepare (self, "SELECT id, email, phone, telegram_handle, telegram_id "
                                 "FROM leads ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = lg_stmt_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = lg_stmt_column_int64 (stmt, 0);

      if (!func (id, lg_stmt_text (stmt, 1), lg_stmt_text (stmt, 2), lg_stmt_text (stmt, 3),
                 lg_stmt_text (stmt, 4), user_data, error))
        {
          lg_stmt_reset (stmt);
          return FALSE;
        }
      snapshot->n_leads++;
      snapshot->next_lead_id = id + 1;
    }
  lg_stmt_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      lg_store_set_error (self, error, _("Could not read the leads"));
      return FALSE;
    }

  stmt = lg_store_prepare (self, "SELECT stage, max(position) FROM leads GROUP BY stage",
                           error);
  if (stmt == NULL)
    return FALSE;
  while (lg_stmt_step (stmt) == SQLITE_ROW)
    snapshot->last_position[lg_import_stage_rank (lg_stmt_text (stmt, 0))] =
      lg_stmt_column_double (stmt, 1);
  lg_stmt_reset (stmt);

  stmt = lg_store_prepare (self, "SELECT count(*), coalesce(max(id), 0) FROM sources", error);
  if (stmt == NULL ||
      !lg_store_step_one (self, stmt, _("Could not read the sources"),
                          _("Could not read the sources"), error))
    return FALSE;
  snapshot->n_sources = lg_stmt_column_int64 (stmt, 0);
  snapshot->next_source_id = lg_stmt_column_int64 (stmt, 1) + 1;
  lg_stmt_reset (stmt);
  return TRUE;
}

gboolean
lg_store_import_read_contact (LgStore  *self,
                              gint64    id,
                              char     *contact[5],
                              GError  **error)
{
  LgStmt *stmt;

  /* The import's copy, if it has one. */
  stmt = lg_store_prepare (self, "SELECT name, email, phone, telegram_handle, company "
                                 "FROM (SELECT 0 AS staged, " LEAD_COLUMNS
                                 "      FROM staged_leads WHERE id = ?1 "
                                 "      UNION ALL SELECT 1, " LEAD_COLUMNS
                                 "      FROM leads WHERE id = ?1) AS copies "
                                 "ORDER BY staged LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_int64 (stmt, 1, id);
  if (lg_stmt_step (stmt) == SQLITE_ROW)
    for (int i = 0; i < 5; i++)
      contact[i] = g_strdup (lg_stmt_text (stmt, i));
  lg_stmt_reset (stmt);
  return TRUE;
}

gboolean
lg_store_import_load_form_ids (LgStore  *self,
                               GError  **error)
{
  LgStmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  stmt = lg_store_prepare (self, "INSERT INTO dedupe_form_ids (key) "
                                 "SELECT external_id FROM leads "
                                 "WHERE external_id IS NOT NULL ON CONFLICT DO NOTHING", error);
  return stmt != NULL &&
         lg_store_step_done (self, stmt, _("Could not read the leads"), error);
}

gboolean
lg_store_import_add_form_id (LgStore     *self,
                             const char  *key,
                             gboolean    *added,
                             GError     **error)
{
  LgStmt *stmt;

  stmt = lg_store_prepare (self, "INSERT INTO dedupe_form_ids (key) VALUES (?) "
                           "ON CONFLICT DO NOTHING",
                           error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_string (stmt, 1, key, -1, SQLITE_STATIC);
  if (!lg_store_step_done (self, stmt, _("Could not prepare the import"), error))
    return FALSE;
  *added = lg_store_changes (self) > 0;
  return TRUE;
}

gboolean
lg_store_import_find_source (LgStore     *self,
                             const char  *name,
                             gint64      *id,
                             GError     **error)
{
  LgStmt *stmt;
  int rc;

  /* A source there before first, then one an earlier row of the file named. */
  stmt = lg_store_prepare (self,
                           "SELECT coalesce((SELECT id FROM sources WHERE title = ?1 "
                           "OR handle = ?1 OR '@' || handle = ?1 ORDER BY id LIMIT 1), "
                           "(SELECT id FROM staged_lead_sources WHERE name = ?1), 0)",
                           error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_string (stmt, 1, name, -1, SQLITE_STATIC);
  rc = lg_stmt_step (stmt);
  *id = rc == SQLITE_ROW ? lg_stmt_column_int64 (stmt, 0) : 0;
  lg_stmt_reset (stmt);
  return TRUE;
}

gboolean
lg_store_import_stage_source (LgStore     *self,
                              gint64       id,
                              const char  *name,
                              GError     **error)
{
  LgStmt *stmt;

  stmt = lg_store_prepare (self,
                           "INSERT INTO staged_lead_sources (id, name) VALUES (?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_int64 (stmt, 1, id);
  lg_stmt_bind_string (stmt, 2, name, -1, SQLITE_STATIC);
  return lg_store_step_done (self, stmt, _("Could not add the lead’s source"), error);
}

/* The statements that add the keys of n leads, for n a power of two up to
 * LG_IMPORT_MAX_NEW_LEADS: [0] gives each lead its keys no lead holds yet,
 * [1] makes them the lead's own. Their parameters are a lead's keys as
 * ?(5i+1) to ?(5i+4) and its id as ?(5i+5). Made once, for every
 * connection. */
#define N_KEY_BATCHES 7

G_STATIC_ASSERT (LG_IMPORT_MAX_NEW_LEADS == 1 << (N_KEY_BATCHES - 1));
G_STATIC_ASSERT (LG_IMPORT_N_KEYS == 4); /* the rows below */

static const char * const *
add_keys_sql (guint batch)
{
  static char *sql[N_KEY_BATCHES][2];
  static gsize made = 0;

  if (g_once_init_enter (&made))
    {
      for (guint b = 0; b < N_KEY_BATCHES; b++)
        {
          GString *keys = g_string_new ("INSERT INTO dedupe_keys (kind, key, lead_id) "
                                        "SELECT column1, column2, column3 FROM (VALUES ");
          GString *own = g_string_new ("INSERT INTO dedupe_leads "
                                       "(id, email, telegram, telegram_id) VALUES ");

          for (guint i = 0, p = 1; i < 1u << b; i++, p += LG_IMPORT_N_KEYS + 1)
            {
              g_string_append_printf (keys, "%s(0, ?%u, ?%u), (1, ?%u, ?%u), (2, ?%u, ?%u), "
                                      "(3, ?%u, ?%u)", i > 0 ? ", " : "", p, p + 4, p + 1,
                                      p + 4, p + 2, p + 4, p + 3, p + 4);
              g_string_append_printf (own, "%s(?%u, ?%u, ?%u, ?%u)", i > 0 ? ", " : "", p + 4,
                                      p, p + 2, p + 3);
            }
          /* A key none has, NULL, is no key; of two, the first stays. */
          g_string_append (keys, ") AS given WHERE column2 IS NOT NULL "
                                 "ON CONFLICT DO NOTHING");
          /* Unqualified, a column of the lead would be ambiguous to
           * PostgreSQL beside the excluded row's. */
          g_string_append (own, " ON CONFLICT (id) DO UPDATE SET "
                                "email = coalesce(excluded.email, dedupe_leads.email), "
                                "telegram = coalesce(excluded.telegram, dedupe_leads.telegram), "
                                "telegram_id = coalesce(excluded.telegram_id, "
                                "dedupe_leads.telegram_id)");
          sql[b][0] = g_string_free (keys, FALSE);
          sql[b][1] = g_string_free (own, FALSE);
        }
      g_once_init_leave (&made, 1);
    }
  return (const char * const *) sql[batch];
}

/* Runs sql over the leads, as add_keys_sql() numbers their parameters. */
static gboolean
add_keys_of (LgStore                *self,
             const char             *sql,
             const LgImportLeadKeys *leads,
             guint                   n_leads,
             GError                **error)
{
  LgStmt *stmt = lg_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < n_leads; i++)
    {
      guint base = i * (LG_IMPORT_N_KEYS + 1);

      for (guint kind = 0; kind < LG_IMPORT_N_KEYS; kind++)
        lg_stmt_bind_string (stmt, base + kind + 1, leads[i].keys[kind], -1, SQLITE_STATIC);
      lg_stmt_bind_int64 (stmt, base + LG_IMPORT_N_KEYS + 1, leads[i].id);
    }
  return lg_store_step_done (self, stmt, _("Could not prepare the import"), error);
}

gboolean
lg_store_import_add_keys (LgStore                *self,
                          const LgImportLeadKeys *leads,
                          guint                   n_leads,
                          GError                **error)
{
  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (n_leads <= LG_IMPORT_MAX_NEW_LEADS, FALSE);

  /* In order, biggest batch first: the first lead with a key keeps it (a
   * NULL key is left out, and a key held already is skipped); what the lead
   * holds after the row is the row's keys where it has them, as an update
   * writes coalesce (row, lead). */
  for (int batch = N_KEY_BATCHES - 1; batch >= 0; batch--)
    {
      guint n = 1u << batch;
      const char * const *sql = add_keys_sql (batch);

      if ((n_leads & n) == 0)
        continue;
      if (!add_keys_of (self, sql[0], leads, n, error) ||
          !add_keys_of (self, sql[1], leads, n, error))
        return FALSE;
      leads += n;
    }
  return TRUE;
}

gboolean
lg_store_import_find_keys (LgStore            *self,
                           gint64              id,
                           const char * const  keys[LG_IMPORT_N_KEYS],
                           gboolean           *known,
                           gint64              holders[LG_IMPORT_N_KEYS],
                           GError            **error)
{
  LgStmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  /* One statement for the row: most rows find nothing. */
  stmt = lg_store_prepare (self,
                           "SELECT EXISTS (SELECT 1 FROM dedupe_leads WHERE id = ?5), "
                           "(SELECT lead_id FROM dedupe_keys WHERE kind = 0 AND key = ?1), "
                           "(SELECT lead_id FROM dedupe_keys WHERE kind = 1 AND key = ?2), "
                           "(SELECT lead_id FROM dedupe_keys WHERE kind = 2 AND key = ?3), "
                           "(SELECT lead_id FROM dedupe_keys WHERE kind = 3 AND key = ?4)",
                           error);
  if (stmt == NULL)
    return FALSE;
  for (int kind = 0; kind < LG_IMPORT_N_KEYS; kind++)
    lg_stmt_bind_string (stmt, kind + 1, keys[kind], -1, SQLITE_STATIC);
  lg_stmt_bind_int64 (stmt, LG_IMPORT_N_KEYS + 1, id);
  if (!lg_store_step_one (self, stmt, _("Could not read the leads"),
                          _("Could not read the leads"), error))
    return FALSE;
  *known = lg_stmt_column_int (stmt, 0) != 0;
  for (int kind = 0; kind < LG_IMPORT_N_KEYS; kind++)
    holders[kind] = lg_stmt_column_int64 (stmt, kind + 1);
  lg_stmt_reset (stmt);
  return TRUE;
}

gboolean
lg_store_import_read_keys (LgStore  *self,
                           gint64    id,
                           char     *keys[LG_IMPORT_N_KEYS],
                           GError  **error)
{
  LgStmt *stmt;
  int rc;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  memset (keys, 0, LG_IMPORT_N_KEYS * sizeof (char *));
  stmt = lg_store_prepare (self, "SELECT email, telegram, telegram_id FROM dedupe_leads "
                                 "WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_int64 (stmt, 1, id);
  rc = lg_stmt_step (stmt);
  if (rc == SQLITE_ROW)
    {
      keys[LG_IMPORT_KEY_EMAIL] = g_strdup (lg_stmt_text (stmt, 0));
      keys[LG_IMPORT_KEY_TELEGRAM] = g_strdup (lg_stmt_text (stmt, 1));
      keys[LG_IMPORT_KEY_TELEGRAM_ID] = g_strdup (lg_stmt_text (stmt, 2));
    }
  return lg_store_finish_rows (self, stmt, rc == SQLITE_ROW ? SQLITE_DONE : rc,
                               _("Could not read the leads"), error);
}

/* Many rows a statement: one statement per row costs more in opening and
 * closing the table's indexes than in the inserting itself. 19 columns ×
 * 64 rows stays well under SQLite's 32,766 parameters. */
gboolean
lg_store_import_stage_new_leads (LgStore               *self,
                                 const LgImportNewLead *leads,
                                 guint                  n_leads,
                                 GError               **error)
{
  static const char row_sql[] = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  g_autoptr(GString) sql = NULL;
  LgStmt *stmt;
  int param = 0;

  g_return_val_if_fail (n_leads <= LG_IMPORT_MAX_NEW_LEADS, FALSE);

  if (n_leads == 0)
    return TRUE;

  sql = g_string_new ("INSERT INTO staged_leads (id, name, telegram_handle, telegram_id, "
                      "email, phone, company, stage, furthest_stage, qualification, value, "
                      "currency, source_id, position, created_at, closed_at, lost_reason, "
                      "notes, external_id) VALUES ");
  for (guint i = 0; i < n_leads; i++)
    g_string_append (g_string_append (sql, i > 0 ? ", " : ""), row_sql);
  stmt = lg_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < n_leads; i++)
    {
      const LgImportNewLead *lead = &leads[i];

      lg_stmt_bind_int64 (stmt, ++param, lead->id);
      lg_stmt_bind_string (stmt, ++param, lead->name, -1, SQLITE_STATIC);
      lg_stmt_bind_text (stmt, ++param, lead->telegram);
      lg_stmt_bind_text (stmt, ++param, lead->telegram_id);
      lg_stmt_bind_text (stmt, ++param, lead->email);
      lg_stmt_bind_text (stmt, ++param, lead->phone);
      lg_stmt_bind_text (stmt, ++param, lead->company);
      lg_stmt_bind_string (stmt, ++param, lead->stage, -1, SQLITE_STATIC);
      lg_stmt_bind_string (stmt, ++param, lead->stage, -1, SQLITE_STATIC);
      lg_stmt_bind_string (stmt, ++param, lead->qualification, -1, SQLITE_STATIC);
      lg_stmt_bind_int64 (stmt, ++param, lead->value);
      lg_stmt_bind_string (stmt, ++param, lead->currency, -1, SQLITE_STATIC);
      if (lead->source_id > 0)
        lg_stmt_bind_int64 (stmt, ++param, lead->source_id);
      else
        lg_stmt_bind_null (stmt, ++param);
      lg_stmt_bind_double (stmt, ++param, lead->position);
      lg_stmt_bind_int64 (stmt, ++param, lead->created);
      lg_stmt_bind_int64 (stmt, ++param, lead->closed);
      lg_stmt_bind_text (stmt, ++param, lead->lost_reason);
      lg_stmt_bind_string (stmt, ++param, lead->notes, -1, SQLITE_STATIC);
      lg_stmt_bind_text (stmt, ++param, lead->external_id);
    }
  return lg_store_step_done (self, stmt, _("Could not add the lead"), error);
}

gboolean
lg_store_import_copy_lead (LgStore  *self,
                           gint64    id,
                           GError  **error)
{
  LgStmt *stmt;

  stmt = lg_store_prepare (self,
                           "INSERT INTO staged_leads (id, " LEAD_COLUMNS
                           ", existed) SELECT id, " LEAD_COLUMNS ", 1 FROM leads "
                           "WHERE id = ? ON CONFLICT DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_int64 (stmt, 1, id);
  if (!lg_store_step_done (self, stmt, _("Could not read the lead to update"), error))
    return FALSE;
  if (lg_store_changes (self) == 0)
    return TRUE;

  /* Kept as read, for lg_store_import_lock's check. */
  stmt = lg_store_prepare (self,
                           "INSERT INTO staged_leads_before SELECT id, " LEAD_COLUMNS
                           " FROM leads WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_int64 (stmt, 1, id);
  return lg_store_step_done (self, stmt, _("Could not read the lead to update"), error);
}

/* Stages the update record of a lead; the move writes it to the import
 * history and the lead's timeline. */
static gboolean
record_update (LgStore     *self,
               gint64       lead_id,
               const char  *previous,
               GError     **error)
{
  LgStmt *stmt;

  stmt = lg_store_prepare (self,
                           "INSERT INTO staged_lead_changes (lead_id, previous) VALUES (?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_int64 (stmt, 1, lead_id);
  lg_stmt_bind_text (stmt, 2, previous);
  return lg_store_step_done (self, stmt, _("Could not record the import"), error);
}

/* The values of the read statement's current row; text only where a text
 * is, as reading an integer as text would convert it in place. */
static void
read_values (LgStmt       *read,
             LgImportLeadValues *now)
{
  for (int col = 0; col < LG_IMPORT_N_COLUMNS; col++)
    {
      now->is_integer[col] = lg_stmt_column_type (read, col) == SQLITE_INTEGER;
      now->number[col] = lg_stmt_column_int64 (read, col);
      now->text[col] = now->is_integer[col] ? NULL : lg_stmt_text (read, col);
    }
}

gboolean
lg_store_import_update_lead (LgStore            *self,
                             gint64              id,
                             LgImportMergeFunc   merge,
                             gpointer            user_data,
                             gboolean           *changed,
                             GError            **error)
{
  g_autoptr(JsonBuilder) previous = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *previous_json = NULL;
  LgImportLeadValues now;
  LgImportChange change = { 0 };
  LgStmt *read;
  LgStmt *write;
  int rc;

  *changed = FALSE;
  read = lg_store_prepare (self,
                           "SELECT " LEAD_COLUMNS " FROM staged_leads WHERE id = ?", error);
  if (read == NULL)
    return FALSE;
  lg_stmt_bind_int64 (read, 1, id);
  if (lg_stmt_step (read) != SQLITE_ROW)
    {
      lg_store_set_error (self, error, _("Could not read the lead to update"));
      lg_stmt_reset (read);
      return FALSE;
    }
  read_values (read, &now);
  merge (&now, &change, user_data);

  /* The previous values of what changes, for undo. */
  json_builder_begin_object (previous);
  for (int col = 0; col < LG_IMPORT_N_COLUMNS; col++)
    {
      if (!change.changed[col])
        continue;
      *changed = TRUE;
      json_builder_set_member_name (previous, update_columns[col]);
      if (now.is_integer[col])
        json_builder_add_int_value (previous, now.number[col]);
      else if (now.text[col] == NULL)
        json_builder_add_null_value (previous);
      else
        json_builder_add_string_value (previous, now.text[col]);
    }
  json_builder_end_object (previous);
  lg_stmt_reset (read);

  if (!*changed)
    return TRUE;

  root = json_builder_get_root (previous);
  previous_json = json_to_string (root, FALSE);

  write = lg_store_prepare (self,
                            "UPDATE staged_leads SET changed = 1, "
                            "name = coalesce(?1, name), "
                            "email = coalesce(?2, email), phone = coalesce(?3, phone), "
                            "company = coalesce(?4, company), "
                            "telegram_handle = coalesce(?5, telegram_handle), "
                            "telegram_id = coalesce(?6, telegram_id), "
                            "stage = coalesce(?7, stage), "
                            "furthest_stage = coalesce(?8, furthest_stage), "
                            "qualification = coalesce(?9, qualification), "
                            "value = coalesce(?10, value), currency = coalesce(?11, currency), "
                            "source_id = coalesce(?12, source_id), "
                            "created_at = coalesce(?13, created_at), "
                            "closed_at = coalesce(?14, closed_at), "
                            "lost_reason = coalesce(?15, lost_reason), "
                            "notes = coalesce(?16, notes), "
                            "external_id = coalesce(?17, external_id) WHERE id = ?18", error);
  if (write == NULL)
    return FALSE;
  for (int col = 0; col < LG_IMPORT_N_COLUMNS; col++)
    {
      if (!change.changed[col])
        continue;
      if (change.is_number[col])
        lg_stmt_bind_int64 (write, col + 1, change.number[col]);
      else
        lg_stmt_bind_string (write, col + 1, change.text[col], -1, SQLITE_TRANSIENT);
    }
  lg_stmt_bind_int64 (write, LG_IMPORT_N_COLUMNS + 1, id);
  rc = lg_stmt_step (write);
  lg_stmt_reset (write);
  if (rc != SQLITE_DONE)
    {
      lg_store_set_error (self, error, _("Could not update the lead"));
      return FALSE;
    }
  return record_update (self, id, previous_json, error);
}

/* Whether another connection changed what the import's decisions read since
 * its snapshot: added or removed a lead or a source (a lead the file should
 * have matched, ids the move would take), or changed a lead the import
 * changes (the move would write over it). */
static gboolean
changed_since (LgStore                *self,
               const LgImportSnapshot *snapshot,
               gboolean               *changed,
               GError                **error)
{
  LgStmt *stmt;

  stmt = lg_store_prepare (self,
                           "SELECT (SELECT count(*) FROM leads), "
                           "(SELECT coalesce(max(id), 0) FROM leads), "
                           "(SELECT count(*) FROM sources), "
                           "(SELECT coalesce(max(id), 0) FROM sources), "
                           "EXISTS (SELECT id, " LEAD_COLUMNS " FROM staged_leads_before "
                           "        WHERE id IN (SELECT id FROM staged_leads WHERE changed <> 0) "
                           "        EXCEPT SELECT id, " LEAD_COLUMNS " FROM leads "
                           "        WHERE id IN (SELECT id FROM staged_leads WHERE changed <> 0))",
                           error);
  if (stmt == NULL ||
      !lg_store_step_one (self, stmt, _("Could not read the leads"),
                          _("Could not read the leads"), error))
    return FALSE;
  *changed = lg_stmt_column_int64 (stmt, 0) != snapshot->n_leads ||
             lg_stmt_column_int64 (stmt, 1) != snapshot->next_lead_id - 1 ||
             lg_stmt_column_int64 (stmt, 2) != snapshot->n_sources ||
             lg_stmt_column_int64 (stmt, 3) != snapshot->next_source_id - 1 ||
             lg_stmt_column_int (stmt, 4) != 0;
  lg_stmt_reset (stmt);
  return TRUE;
}

gboolean
lg_store_import_lock (LgStore                *self,
                      const LgImportSnapshot *snapshot,
                      gboolean               *stale,
                      GError                **error)
{
  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  return lg_store_exec (self, "COMMIT", error) && begin_locked (self, error) &&
         changed_since (self, snapshot, stale, error);
}

/* The new leads go to the end of their column: after the last lead there is
 * now, should another connection have moved one there since the snapshot. */
static gboolean
place_new_leads (LgStore                *self,
                 const LgImportSnapshot *snapshot,
                 GError                **error)
{
  double last[G_N_ELEMENTS (stages)];
  LgStmt *stmt;

  memcpy (last, snapshot->last_position, sizeof last);
  stmt = lg_store_prepare (self, "SELECT stage, max(position) FROM leads "
                                 "GROUP BY stage", error);
  if (stmt == NULL)
    return FALSE;
  while (lg_stmt_step (stmt) == SQLITE_ROW)
    last[lg_import_stage_rank (lg_stmt_text (stmt, 0))] = lg_stmt_column_double (stmt, 1);
  lg_stmt_reset (stmt);

  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      if (last[i] <= snapshot->last_position[i])
        continue;
      stmt = lg_store_prepare (self, "UPDATE staged_leads SET position = "
                                     "position + ? WHERE stage = ? AND existed = 0",
                               error);
      if (stmt == NULL)
        return FALSE;
      lg_stmt_bind_double (stmt, 1, last[i] - snapshot->last_position[i]);
      lg_stmt_bind_string (stmt, 2, stages[i], -1, SQLITE_STATIC);
      if (!lg_store_step_done (self, stmt, _("Could not add the lead"), error))
        return FALSE;
    }
  return TRUE;
}

/* When the file brings at least as many new leads as there are leads (and
 * enough of them to matter), the leads' indexes are dropped before the move
 * inserts them and built again after, in its transaction: building an index
 * from sorted rows costs a fraction of keeping it up to date row by row. */
#define REBUILD_INDEXES_MIN_ROWS 5000

gboolean
lg_store_import_move (LgStore                *self,
                      const LgImportSnapshot *snapshot,
                      gint64                  n_new,
                      const char             *file_name,
                      guint                   created,
                      guint                   updated,
                      guint                   skipped,
                      guint                   failed,
                      gint64                 *batch_id,
                      GError                **error)
{
  g_autofree char *batch = NULL;
  g_auto(GStrv) indexes = NULL;
  LgStmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  stmt = lg_store_prepare (self,
                           "INSERT INTO sources (id, kind, handle, title, created_at) "
                           "SELECT id, 'csv', name, name, ? FROM staged_lead_sources "
                           "ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_int64 (stmt, 1, snapshot->now);
  if (!lg_store_step_done (self, stmt, _("Could not add the lead’s source"), error))
    return FALSE;

  stmt = lg_store_prepare (self,
                           "INSERT INTO import_batches (file_name, created_at, created_count, "
                           "updated_count, skipped_count, failed_count) VALUES (?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_string (stmt, 1, file_name, -1, SQLITE_STATIC);
  lg_stmt_bind_int64 (stmt, 2, snapshot->now);
  lg_stmt_bind_int (stmt, 3, created);
  lg_stmt_bind_int (stmt, 4, updated);
  lg_stmt_bind_int (stmt, 5, skipped);
  lg_stmt_bind_int (stmt, 6, failed);
  if (!lg_store_step_done (self, stmt, _("Could not record the import"), error))
    return FALSE;
  *batch_id = lg_store_last_insert_id (self);
  batch = g_strdup_printf ("%" PRId64, *batch_id);

  if (!place_new_leads (self, snapshot, error))
    return FALSE;
  /* A team workspace's server keeps its indexes up to date as well as it
   * would build them, and another's query may want them meanwhile. */
  if (!lg_store_is_remote (self) && n_new >= MAX (REBUILD_INDEXES_MIN_ROWS, snapshot->n_leads))
    {
      indexes = lg_store_drop_schema (self, "index", "leads", NULL, error);
      if (indexes == NULL)
        return FALSE;
    }

  /* Whoever imports the leads looks after them, as whoever adds one. */
  stmt = lg_store_prepare (self,
                           "INSERT INTO leads (id, " LEAD_COLUMNS ", position, import_batch, "
                           "owner) SELECT id, " LEAD_COLUMNS ", position, ?, ? FROM staged_leads "
                           "WHERE existed = 0 ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_int64 (stmt, 1, *batch_id);
  lg_store_bind_person (stmt, 2);
  if (!lg_store_step_done (self, stmt, _("Could not add the lead"), error) ||
      !lg_store_catch_up_ids (self, "sources", error) ||
      !lg_store_catch_up_ids (self, "leads", error))
    return FALSE;

  stmt = lg_store_prepare (self,
                           "UPDATE leads SET (" LEAD_COLUMNS ") = (SELECT " LEAD_COLUMNS
                           " FROM staged_leads t WHERE t.id = leads.id) "
                           "WHERE id IN (SELECT id FROM staged_leads "
                           "             WHERE existed <> 0 AND changed <> 0)", error);
  if (stmt == NULL || !lg_store_step_done (self, stmt, _("Could not update the lead"), error))
    return FALSE;

  /* The lead's timeline says which file changed it; new_value is the batch
   * so undo finds the entry. (A created lead's entry comes from its
   * import_batch column: lg_store_list_activities.) */
  stmt = lg_store_prepare (self,
                           "INSERT INTO import_changes (batch_id, lead_id, action, previous) "
                           "SELECT ?, lead_id, 'update', previous FROM staged_lead_changes "
                           "ORDER BY seq", error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_int64 (stmt, 1, *batch_id);
  if (!lg_store_step_done (self, stmt, _("Could not record the import"), error))
    return FALSE;
  stmt = lg_store_prepare (self,
                           "INSERT INTO activities (lead_id, kind, at, detail, old_value, "
                           "new_value, author) SELECT lead_id, 'import', ?, ?, 'update', ?, ? "
                           "FROM staged_lead_changes ORDER BY seq", error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_int64 (stmt, 1, snapshot->now);
  lg_stmt_bind_string (stmt, 2, file_name, -1, SQLITE_STATIC);
  lg_stmt_bind_string (stmt, 3, batch, -1, SQLITE_STATIC);
  lg_store_bind_person (stmt, 4);
  return lg_store_step_done (self, stmt, _("Could not record the import"), error) &&
         lg_store_exec_all (self, indexes, error);
}

/* History and undo */

GListModel *
lg_store_import_list_batches (LgStore  *self,
                              GError  **error)
{
  g_autoptr(GListStore) batches = g_list_store_new (LG_TYPE_IMPORT_BATCH);
  LgStmt *stmt;
  int rc;

  g_return_val_if_fail (LG_IS_STORE (self), NULL);

  stmt = lg_store_prepare (self,
                           "SELECT id, file_name, created_at, undone_at, created_count, "
                           "updated_count, skipped_count, failed_count FROM import_batches "
                           "ORDER BY id DESC", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = lg_stmt_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(LgImportBatch) batch = NULL;

      batch = lg_import_batch_new (lg_stmt_column_int64 (stmt, 0), lg_stmt_text (stmt, 1),
                                   lg_stmt_column_int64 (stmt, 2), lg_stmt_column_int64 (stmt, 3),
                                   lg_stmt_column_int (stmt, 4), lg_stmt_column_int (stmt, 5),
                                   lg_stmt_column_int (stmt, 6), lg_stmt_column_int (stmt, 7));
      g_list_store_append (batches, batch);
    }
  lg_stmt_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      lg_store_set_error (self, error, _("Could not read the import history"));
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&batches));
}

static gboolean
restore_lead (LgStore     *self,
              gint64       lead_id,
              const char  *previous,
              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  if (previous == NULL || !json_parser_load_from_data (parser, previous, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return TRUE;
  object = json_node_get_object (json_parser_get_root (parser));

  for (guint col = 0; col < LG_IMPORT_N_COLUMNS; col++)
    {
      g_autofree char *sql = NULL;
      JsonNode *node;
      LgStmt *stmt;

      node = json_object_get_member (object, update_columns[col]);
      if (node == NULL)
        continue;

      sql = g_strdup_printf ("UPDATE leads SET %s = ? WHERE id = ?", update_columns[col]);
      stmt = lg_store_prepare (self, sql, error);
      if (stmt == NULL)
        return FALSE;
      if (JSON_NODE_HOLDS_NULL (node))
        lg_stmt_bind_null (stmt, 1);
      else if (json_node_get_value_type (node) == G_TYPE_INT64)
        lg_stmt_bind_int64 (stmt, 1, json_node_get_int (node));
      else
        lg_stmt_bind_string (stmt, 1, json_node_get_string (node), -1, SQLITE_TRANSIENT);
      lg_stmt_bind_int64 (stmt, 2, lead_id);
      if (!lg_store_step_done (self, stmt, _("Could not restore a lead"), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
undo_changes (LgStore  *self,
              gint64    batch_id,
              GError  **error)
{
  g_autofree char *batch = g_strdup_printf ("%" PRId64, batch_id);
  LgStmt *stmt;
  int rc;

  stmt = lg_store_prepare (self, "SELECT undone_at FROM import_batches WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_int64 (stmt, 1, batch_id);
  rc = lg_stmt_step (stmt);
  if (rc != SQLITE_ROW || lg_stmt_column_int64 (stmt, 0) != 0)
    {
      g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_NOT_FOUND,
                   rc == SQLITE_ROW ? _("Import %" PRId64 " was already undone.")
                                    : _("There is no import %" PRId64 "."), batch_id);
      lg_stmt_reset (stmt);
      return FALSE;
    }
  lg_stmt_reset (stmt);

  /* Newest first: a lead the file updated twice gets its oldest values back. */
  stmt = lg_store_prepare (self, "SELECT lead_id, previous FROM import_changes "
                                 "WHERE batch_id = ? AND action = 'update' ORDER BY id DESC",
                           error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_int64 (stmt, 1, batch_id);
  while ((rc = lg_stmt_step (stmt)) == SQLITE_ROW)
    if (!restore_lead (self, lg_stmt_column_int64 (stmt, 0), lg_stmt_text (stmt, 1), error))
      {
        lg_stmt_reset (stmt);
        return FALSE;
      }
  lg_stmt_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      lg_store_set_error (self, error, _("Could not read what the import changed"));
      return FALSE;
    }

  stmt = lg_store_prepare (self, "DELETE FROM leads WHERE import_batch = ?", error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_int64 (stmt, 1, batch_id);
  if (!lg_store_step_done (self, stmt, _("Could not remove the imported leads"), error))
    return FALSE;

  stmt = lg_store_prepare (self, "DELETE FROM activities WHERE kind = 'import' "
                                 "AND new_value = ?", error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_string (stmt, 1, batch, -1, SQLITE_STATIC);
  if (!lg_store_step_done (self, stmt, _("Could not undo the import"), error))
    return FALSE;

  stmt = lg_store_prepare (self, "UPDATE import_batches SET undone_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_int64 (stmt, 1, g_get_real_time () / G_USEC_PER_SEC);
  lg_stmt_bind_int64 (stmt, 2, batch_id);
  return lg_store_step_done (self, stmt, _("Could not undo the import"), error);
}

gboolean
lg_store_import_undo (LgStore  *self,
                      gint64    batch_id,
                      GError  **error)
{
  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  if (!lg_store_begin (self, error))
    return FALSE;
  if (!undo_changes (self, batch_id, error))
    {
      lg_store_rollback (self);
      return FALSE;
    }
  return lg_store_commit (self, error);
}
