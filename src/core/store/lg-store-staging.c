/* lg-store-staging.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Staged messages: a long import writes its sources and messages into TEMP
 * tables of its own connection, then moves them into the database with one
 * short transaction. Writing a TEMP table takes no lock on the database file,
 * so another connection writes while the import reads a big file (before,
 * the import held the write lock from its first message to its last, seconds
 * for a big export, and every other writer met "database is locked"). TEMP
 * tables live in a file SQLite removes as it opens it: an import killed
 * halfway leaves nothing behind, and one that fails or is cancelled empties
 * them.
 */

#define G_LOG_DOMAIN "lg-store"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-store-private.h"

/* Written in order of arrival, read back in it; "source" is a staged
 * source's row, whose source_id is filled in by the move. */
static const char create_tables[] =
  "CREATE TEMP TABLE staged_sources ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL,"
  "  handle TEXT NOT NULL,"
  "  title TEXT,"
  "  source_id INTEGER"
  ");"
  "CREATE TEMP TABLE staged_messages ("
  "  source INTEGER NOT NULL,"
  "  external_id TEXT NOT NULL,"
  "  author_name TEXT,"
  "  author_handle TEXT,"
  "  author_id TEXT,"
  "  sent_at INTEGER NOT NULL,"
  "  text TEXT NOT NULL,"
  "  permalink TEXT,"
  "  views INTEGER NOT NULL,"
  "  edited INTEGER NOT NULL,"
  "  forwarded_from TEXT,"
  "  media_kind TEXT,"
  "  reply_to TEXT,"
  "  thread TEXT,"
  "  buyer REAL"
  ");";

void
lg_store_stage_discard (LgStore *self)
{
  g_autoptr(GStrvBuilder) drops = g_strv_builder_new ();
  g_auto(GStrv) sql = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;

  g_return_if_fail (LG_IS_STORE (self));

  /* A team workspace stages nothing (lg_store_stage_tables()). */
  if (lg_store_is_remote (self))
    return;

  /* Every TEMP table of the connection is staging (its own or an import's,
   * lg-store-import.c). Not through lg_store_exec(), which a damaged store
   * refuses: the tables are the connection's, not the file's. */
  lg_store_rollback (self);
  db = lg_store_get_db (self);
  if (sqlite3_prepare_v2 (db, "SELECT name FROM temp.sqlite_schema WHERE type = 'table'", -1,
                          &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        char *drop = sqlite3_mprintf ("DROP TABLE temp.\"%w\"", sqlite3_column_text (stmt, 0));

        g_strv_builder_add (drops, drop);
        sqlite3_free (drop);
      }
  sqlite3_finalize (stmt);
  sql = g_strv_builder_end (drops);
  for (guint i = 0; sql[i] != NULL; i++)
    sqlite3_exec (db, sql[i], NULL, NULL, NULL);
}

gboolean
lg_store_stage_tables (LgStore     *self,
                       const char  *sql,
                       GError     **error)
{
  sqlite3 *db;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  if (lg_store_refuse_team (self, error))
    return FALSE;
  lg_store_stage_discard (self);
  db = lg_store_get_db (self);
  /* Before the tables are made: a change of temp_store drops those there
   * are. */
  if (sqlite3_exec (db, LG_STORE_TEMP_ON_DISK, NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      lg_store_set_error (self, error, _("Could not prepare the import"));
      lg_store_stage_discard (self);
      return FALSE;
    }
  return TRUE;
}

gboolean
lg_store_stage_begin (LgStore  *self,
                      GError  **error)
{
  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  /* The staged rows are written in one transaction of the TEMP database
   * alone (a statement that only writes TEMP tables opens no transaction on
   * the file): committing each would cost more than writing it. */
  if (!lg_store_stage_tables (self, create_tables, error))
    return FALSE;
  if (!lg_store_exec (self, "BEGIN", error))
    {
      lg_store_stage_discard (self);
      return FALSE;
    }
  return TRUE;
}

gint64
lg_store_stage_source (LgStore     *self,
                       const char  *kind,
                       const char  *handle,
                       const char  *title,
                       GError     **error)
{
  LgStmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (self), 0);
  g_return_val_if_fail (kind != NULL && handle != NULL, 0);

  stmt = lg_store_prepare (self, "INSERT INTO temp.staged_sources (kind, handle, title) "
                                 "VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  lg_stmt_bind_string (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  lg_stmt_bind_string (stmt, 2, handle, -1, SQLITE_TRANSIENT);
  lg_stmt_bind_text (stmt, 3, title);
  if (!lg_store_step_done (self, stmt, _("Could not add the source"), error))
    return 0;
  return lg_store_last_insert_id (self);
}

gboolean
lg_store_stage_message (LgStore    *self,
                        gint64      staged_source,
                        LgMessage  *message,
                        GError    **error)
{
  LgStmt *stmt;
  int rc;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (LG_IS_MESSAGE (message), FALSE);

  /* The buyer reading is the slow part of a message's way in: here, before
   * the lock, not in the move. */
  stmt = lg_store_prepare (self, "INSERT INTO temp.staged_messages (source, "
                                 LG_MESSAGE_FIELDS ", buyer) VALUES ("
                                 LG_MESSAGE_VALUES ", lg_buyer (?7))", error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_int64 (stmt, 1, staged_source);
  lg_message_bind_fields (stmt, message);
  /* The error's sentence is translated only when there is an error: looking
   * it up for each of a million messages cost as much as binding them. */
  rc = lg_stmt_step (stmt);
  return rc == SQLITE_DONE ||
         lg_store_finish_rows (self, stmt, rc, _("Could not store a message"), error);
}

/* A staged source, as an LgSource whose id is its number in the staging area. */
static LgSource *
staged_source_from_row (LgStmt *stmt)
{
  LgSource *source = lg_source_new ();

  lg_source_set_id (source, lg_stmt_column_int64 (stmt, 0));
  lg_source_set_kind (source, lg_stmt_text (stmt, 1));
  lg_source_set_handle (source, lg_stmt_text (stmt, 2));
  lg_source_set_title (source, lg_stmt_text (stmt, 3));
  return source;
}

/* Finds or adds the source of each staged one, and marks it synced now: an
 * import is a chat export's sync. */
static gboolean
move_sources (LgStore  *self,
              GError  **error)
{
  g_autoptr(GListModel) staged = NULL;
  LgStmt *stmt;

  stmt = lg_store_prepare (self, "SELECT id, kind, handle, title FROM temp.staged_sources "
                                 "ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  /* Read whole before the loop writes the rows it reads. */
  staged = lg_store_collect_rows (self, stmt, LG_TYPE_SOURCE,
                                  (LgRowReader) staged_source_from_row,
                                  _("Could not read the messages"), error);
  if (staged == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (staged); i++)
    {
      g_autoptr(LgSource) source = g_list_model_get_item (staged, i);
      g_autoptr(LgSource) stored = NULL;

      stored = lg_store_ensure_source (self, lg_source_get_kind (source),
                                       lg_source_get_handle (source),
                                       lg_source_get_title (source), NULL, NULL, error);
      if (stored == NULL)
        return FALSE;
      stmt = lg_store_prepare (self, "UPDATE temp.staged_sources SET source_id = ? WHERE id = ?",
                               error);
      if (stmt == NULL)
        return FALSE;
      lg_stmt_bind_int64 (stmt, 1, lg_source_get_id (stored));
      lg_stmt_bind_int64 (stmt, 2, lg_source_get_id (source));
      if (!lg_store_step_done (self, stmt, _("Could not save the source"), error))
        return FALSE;
    }

  stmt = lg_store_prepare (self, "UPDATE sources SET last_sync = ?, last_error = NULL "
                                 "WHERE id IN (SELECT source_id FROM temp.staged_sources)",
                           error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_int64 (stmt, 1, g_get_real_time () / G_USEC_PER_SEC);
  return lg_store_step_done (self, stmt, _("Could not save the source"), error);
}

/* Bytes, FTS5's 'hashsize': 16 MiB while the moved messages are indexed,
 * then FTS5's own default. */
#define MOVE_FTS_HASH_SIZE "16777216"
#define DEFAULT_FTS_HASH_SIZE "1048576"

/* With the full-text trigger in place, each message inserted would be
 * indexed on its own; the trigger is off during the move, in its
 * transaction, and the new messages (the ids after the last one there was)
 * are indexed in one statement at the end, which is several times faster. */
static gboolean
move_messages (LgStore  *self,
               guint    *added,
               GError  **error)
{
  g_auto(GStrv) trigger = NULL;
  LgStmt *stmt;
  gint64 last_id;

  stmt = lg_store_prepare (self, "SELECT coalesce (max (id), 0) FROM messages", error);
  if (stmt == NULL ||
      !lg_store_step_one (self, stmt, _("Could not read the messages"),
                          _("Could not read the messages"), error))
    return FALSE;
  last_id = lg_stmt_column_int64 (stmt, 0);
  lg_stmt_reset (stmt);

  trigger = lg_store_drop_schema (self, "trigger", "messages", "messages_fts_insert", error);
  if (trigger == NULL)
    return FALSE;

  /* In the order they were read: of two with the same id, the first stays,
   * and a message its source has already is left out (the dedupe of
   * lg_store_add_message()). "WHERE true" tells the parser that ON CONFLICT
   * is the upsert's, not a join's. */
  stmt = lg_store_prepare (self, "INSERT INTO messages (source_id, " LG_MESSAGE_FIELDS
                                 ", buyer) SELECT s.source_id, m.external_id, m.author_name, "
                                 "m.author_handle, m.author_id, m.sent_at, m.text, m.permalink, "
                                 "m.views, m.edited, m.forwarded_from, m.media_kind, "
                                 "m.reply_to, m.thread, m.buyer FROM temp.staged_messages m "
                                 "JOIN temp.staged_sources s ON s.id = m.source "
                                 "WHERE true ORDER BY m.rowid "
                                 "ON CONFLICT (source_id, external_id) DO NOTHING", error);
  if (stmt == NULL || !lg_store_step_done (self, stmt, _("Could not store a message"), error))
    return FALSE;
  *added = lg_store_changes (self);

  /* FTS5 gathers the terms of what it indexes in memory and writes them out
   * as a new segment of the index whenever they pass its hash size (1 MB by
   * default), merging segments as they pile up: a million messages made
   * hundreds of segments, each merged again and again. With 16 MB, a
   * sixteenth of them to write and merge (the indexing an eighth faster);
   * memory stays bounded whatever the export's size. The size is a setting
   * kept in the index's own table: back to the default in the same
   * transaction, before anything else indexes a message. */
  if (!lg_store_exec (self, "INSERT INTO messages_fts (messages_fts, rank) "
                            "VALUES ('hashsize', " MOVE_FTS_HASH_SIZE ")", error))
    return FALSE;
  stmt = lg_store_prepare (self, "INSERT INTO messages_fts (rowid, text) "
                                 "SELECT id, text FROM messages WHERE id > ?", error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_int64 (stmt, 1, last_id);
  return lg_store_step_done (self, stmt, _("Could not index the messages for search"), error) &&
         lg_store_exec (self, "INSERT INTO messages_fts (messages_fts, rank) "
                              "VALUES ('hashsize', " DEFAULT_FTS_HASH_SIZE ")", error) &&
         lg_store_exec_all (self, trigger, error);
}

/* KiB, as cache_size takes them (negative): 64 MiB during the move, then
 * SQLite's default. The cache, with FTS5's hash (about 30 MB of heap for
 * its 16 MiB), is most of what an import takes, and it is the same for any
 * file once the move's pages fill it (by 50 MB of export). 16 MiB, as the
 * CSV import's writer has, took a fifth more CPU time for a 100 MB WhatsApp
 * export into a database that held a million messages already. */
#define MOVE_CACHE_SIZE "-65536"
#define DEFAULT_CACHE_SIZE "-2000"

gboolean
lg_store_stage_commit (LgStore  *self,
                       guint    *added,
                       GError  **error)
{
  guint n_added = 0;
  gboolean ok;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  /* The staging transaction ends here, so that the move's begins with the
   * write lock (IMMEDIATE): waiting for another writer, not failing on it.
   * The messages' indexes by buyer and author take rows in no order: with
   * SQLite's 2 MB of cache, a million of them went to the disk and back for
   * each row (48 s for a 100 MB WhatsApp export, 14 of them with it). The
   * cache is bounded, whatever the export's size. */
  ok = lg_store_exec (self, "COMMIT", error) &&
       lg_store_exec (self, "PRAGMA main.cache_size = " MOVE_CACHE_SIZE, error) &&
       lg_store_begin (self, error) &&
       move_sources (self, error) &&
       move_messages (self, &n_added, error) &&
       lg_store_commit (self, error);
  lg_store_exec (self, "PRAGMA main.cache_size = " DEFAULT_CACHE_SIZE, NULL);
  lg_store_stage_discard (self);
  lg_store_give_back_memory_on_close (self);
  if (ok && added != NULL)
    *added = n_added;
  return ok;
}
