/* lg-lead-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-export"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-csv-writer.h"
#include "lg-lead-export.h"
#include "lg-lead.h"
#include "lg-search-export.h"
#include "lg-store-private.h"

/* Rows between looks at the cancellable. */
#define CHECK_EVERY 1024

static const char *lead_columns[] = {
  "Leadgram ID", "Name", "Email", "Phone", "Company", "Telegram", "Telegram ID", "Stage",
  "Qualification", "Value", "Currency", "Source", "Created", "Closed", "Lost Reason", "Notes",
  NULL
};

const char * const *
lg_lead_export_columns (void)
{
  return lead_columns;
}

char *
lg_csv_format_amount (gint64 minor)
{
  return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%02d", minor < 0 ? "-" : "",
                          ABS (minor) / 100, (int) (ABS (minor) % 100));
}

char *
lg_format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) time = NULL;

  if (unix_time == 0)
    return g_strdup ("");
  time = g_date_time_new_from_unix_utc (unix_time);
  return time != NULL ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("");
}

static gboolean
check_cancelled (GCancellable  *cancellable,
                 GError       **error)
{
  return g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* Steps stmt and writes a row per result through row_cb. */
typedef void (*RowFunc) (sqlite3_stmt *stmt,
                         GPtrArray    *fields);

/* The header and a row per result into writer, which the caller closes. */
static gboolean
write_rows (LgStore             *store,
            sqlite3_stmt        *stmt,
            LgCsvWriter         *writer,
            const char * const  *header,
            RowFunc              row_func,
            guint               *n_written,
            GCancellable        *cancellable,
            GError             **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  guint n_columns = g_strv_length ((char **) header);
  guint n = 0;
  int rc;

  if (!lg_csv_writer_write_row (writer, header, n_columns, error))
    {
      sqlite3_reset (stmt);
      return FALSE;
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_set_size (fields, 0);
      row_func (stmt, fields);
      if (!lg_csv_writer_write_row (writer, (const char * const *) fields->pdata, fields->len,
                                    error) ||
          (++n % CHECK_EVERY == 0 && check_cancelled (cancellable, error)))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      lg_store_set_error (store, error, _("Could not read what to export"));
      return FALSE;
    }

  if (n_written != NULL)
    *n_written = n;
  return TRUE;
}

static gboolean
write_query (LgStore             *store,
             sqlite3_stmt        *stmt,
             const char          *path,
             const char * const  *header,
             RowFunc              row_func,
             gboolean             bom,
             guint               *n_written,
             GCancellable        *cancellable,
             GError             **error)
{
  g_autoptr(LgCsvWriter) writer = lg_csv_writer_new_for_path (path, bom, error);

  if (writer == NULL)
    {
      sqlite3_reset (stmt);
      return FALSE;
    }
  return write_rows (store, stmt, writer, header, row_func, n_written, cancellable, error) &&
         lg_csv_writer_close (writer, cancellable, error);
}

static void
add_text (GPtrArray    *fields,
          sqlite3_stmt *stmt,
          int           column)
{
  const char *text = lg_stmt_text (stmt, column);

  g_ptr_array_add (fields, g_strdup (text != NULL ? text : ""));
}

static void
lead_row (sqlite3_stmt *stmt,
          GPtrArray    *fields)
{
  g_ptr_array_add (fields, g_strdup_printf ("%" G_GINT64_FORMAT,
                                           (gint64) sqlite3_column_int64 (stmt, 0)));
  for (int col = 1; col <= 8; col++)
    add_text (fields, stmt, col);
  g_ptr_array_add (fields, lg_csv_format_amount (sqlite3_column_int64 (stmt, 9)));
  add_text (fields, stmt, 10);
  add_text (fields, stmt, 11);
  g_ptr_array_add (fields, lg_format_time (sqlite3_column_int64 (stmt, 12)));
  g_ptr_array_add (fields, lg_format_time (sqlite3_column_int64 (stmt, 13)));
  add_text (fields, stmt, 14);
  add_text (fields, stmt, 15);
}

/* The leads with those ids (all of them when ids is NULL), oldest first. */
static sqlite3_stmt *
prepare_leads (LgStore       *store,
               const gint64  *ids,
               guint          n_ids,
               GError       **error)
{
  g_autoptr(GString) id_list = g_string_new ("[");
  sqlite3_stmt *stmt;

  /* The ids travel as one JSON array, whatever their number. */
  for (guint i = 0; ids != NULL && i < n_ids; i++)
    g_string_append_printf (id_list, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  g_string_append_c (id_list, ']');

  stmt = lg_store_prepare (store,
                           "SELECT l.id, l.name, l.email, l.phone, l.company, l.telegram_handle, "
                           "l.telegram_id, l.stage, l.qualification, l.value, l.currency, "
                           "coalesce(nullif(s.title, ''), s.handle), l.created_at, l.closed_at, "
                           "l.lost_reason, l.notes "
                           "FROM leads l LEFT JOIN sources s ON s.id = l.source_id "
                           "WHERE ?1 IS NULL OR l.id IN (SELECT value FROM json_each(?1)) "
                           "ORDER BY l.id", error);
  if (stmt != NULL && ids != NULL)
    sqlite3_bind_text (stmt, 1, id_list->str, -1, SQLITE_TRANSIENT);
  return stmt;
}

gboolean
lg_lead_export_leads (LgStore       *store,
                      const char    *path,
                      const gint64  *ids,
                      guint          n_ids,
                      gboolean       bom,
                      guint         *n_written,
                      GCancellable  *cancellable,
                      GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  stmt = prepare_leads (store, ids, n_ids, error);
  return stmt != NULL &&
         write_query (store, stmt, path, lead_columns, lead_row, bom, n_written, cancellable,
                      error);
}

/* The ids of the leads a board with that filter shows, in its order. */
static GArray *
filtered_ids (LgStore               *store,
              const LgLeadFilter    *filter,
              const LgPipelineRules *rules,
              gint64                 now,
              GError               **error)
{
  g_autoptr(GListModel) leads = NULL;
  GArray *ids;

  /* The board's own query decides which leads, staleness included, so the
   * file holds exactly what the user sees. */
  leads = lg_store_list_leads (store, filter, rules, now, error);
  if (leads == NULL)
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < g_list_model_get_n_items (leads); i++)
    {
      g_autoptr(LgLead) lead = g_list_model_get_item (leads, i);
      gint64 id = lg_lead_get_id (lead);

      g_array_append_val (ids, id);
    }
  return ids;
}

/* ids NULL would mean every lead: a filter that shows none gives a file with
 * the header only. */
static const gint64 no_ids[1] = { 0 };

gboolean
lg_lead_export_filtered (LgStore               *store,
                         const LgLeadFilter    *filter,
                         const LgPipelineRules *rules,
                         gint64                 now,
                         const char            *path,
                         gboolean               bom,
                         guint                 *n_written,
                         GCancellable          *cancellable,
                         GError               **error)
{
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (LG_IS_STORE (store), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (rules != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  ids = filtered_ids (store, filter, rules, now, error);
  return ids != NULL &&
         lg_lead_export_leads (store, path, ids->len > 0 ? (const gint64 *) ids->data : no_ids,
                               ids->len, bom, n_written, cancellable, error);
}

char *
lg_lead_export_filtered_text (LgStore               *store,
                              const LgLeadFilter    *filter,
                              const LgPipelineRules *rules,
                              gint64                 now,
                              GError               **error)
{
  g_autoptr(LgCsvWriter) writer = lg_csv_writer_new_in_memory (FALSE);
  g_autoptr(GArray) ids = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (store), NULL);
  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (rules != NULL, NULL);

  ids = filtered_ids (store, filter, rules, now, error);
  if (ids == NULL)
    return NULL;
  stmt = prepare_leads (store, ids->len > 0 ? (const gint64 *) ids->data : no_ids, ids->len,
                        error);
  if (stmt == NULL ||
      !write_rows (store, stmt, writer, lead_columns, lead_row, NULL, NULL, error))
    return NULL;
  return lg_csv_writer_finish_text (writer, error);
}

static void
match_row (sqlite3_stmt *stmt,
           GPtrArray    *fields)
{
  g_auto(GStrv) cells = lg_search_export_fields (sqlite3_column_int (stmt, 0),
                                                 lg_stmt_text (stmt, 1), lg_stmt_text (stmt, 2),
                                                 lg_stmt_text (stmt, 3), lg_stmt_text (stmt, 4),
                                                 sqlite3_column_int64 (stmt, 5),
                                                 lg_stmt_text (stmt, 6), lg_stmt_text (stmt, 7));

  for (guint i = 0; cells[i] != NULL; i++)
    g_ptr_array_add (fields, g_steal_pointer (&cells[i]));
}

gboolean
lg_lead_export_matches (LgStore       *store,
                        const char    *path,
                        gint64         search_id,
                        gboolean       bom,
                        guint         *n_written,
                        GCancellable  *cancellable,
                        GError       **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  stmt = lg_store_prepare (store,
                           /* Source and link as the search names them (lg-search.c). */
                           "SELECT m.score, m.reason, "
                           "CASE s.kind WHEN 'telegram_channel' THEN s.handle "
                           "  ELSE coalesce(nullif(s.title, ''), s.handle) END, "
                           "msg.author_name, msg.author_handle, msg.sent_at, msg.text, "
                           "coalesce(msg.permalink, CASE s.kind WHEN 'telegram_channel' THEN "
                           "  'https://t.me/' || s.handle || '/' || msg.external_id END) "
                           "FROM matches m "
                           "JOIN messages msg ON msg.id = m.message_id "
                           "JOIN sources s ON s.id = msg.source_id "
                           "WHERE (?1 = 0 OR m.search_id = ?1) AND m.status != 'dismissed' "
                           "ORDER BY m.score DESC, msg.sent_at DESC", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, search_id);

  return write_query (store, stmt, path, lg_search_export_columns (), match_row, bom, n_written,
                      cancellable, error);
}
