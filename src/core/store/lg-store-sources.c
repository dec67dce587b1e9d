/* lg-store-sources.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store's queries for sources beyond adding and listing them: their
 * sync state, removal, and adding a channel by name.
 */

#define G_LOG_DOMAIN "lg-store"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-store-private.h"

#define SOURCE_GONE _("The source no longer exists; it may have been removed.")

gboolean
lg_store_update_source (LgStore   *self,
                        LgSource  *source,
                        GError   **error)
{
  LgStmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (LG_IS_SOURCE (source), FALSE);

  stmt = lg_store_prepare (self,
                           "UPDATE sources SET title = ?, url = ?, sync_cursor = ?, "
                           "backfill_cursor = ?, last_sync = ?, last_error = ?, etag = ?, modified = ?, "
                           "retry_at = ?, failures = ?, icon_url = ? WHERE id = ?",
                           error);
  if (stmt == NULL)
    return FALSE;

  lg_stmt_bind_string (stmt, 1, lg_source_get_title (source) ? lg_source_get_title (source) : "",
                     -1, SQLITE_TRANSIENT);
  lg_stmt_bind_text (stmt, 2, lg_source_get_url (source));
  lg_stmt_bind_text (stmt, 3, lg_source_get_sync_cursor (source));
  lg_stmt_bind_text (stmt, 4, lg_source_get_backfill_cursor (source));
  lg_stmt_bind_int64 (stmt, 5, lg_source_get_last_sync (source));
  lg_stmt_bind_text (stmt, 6, lg_source_get_last_error (source));
  lg_stmt_bind_text (stmt, 7, lg_source_get_etag (source));
  lg_stmt_bind_text (stmt, 8, lg_source_get_modified (source));
  lg_stmt_bind_int64 (stmt, 9, lg_source_get_retry_at (source));
  lg_stmt_bind_int (stmt, 10, lg_source_get_failures (source));
  lg_stmt_bind_text (stmt, 11, lg_source_get_icon_url (source));
  lg_stmt_bind_int64 (stmt, 12, lg_source_get_id (source));

  return lg_store_step_change (self, stmt, _("Could not save the source"), SOURCE_GONE, error);
}

gboolean
lg_store_remove_source (LgStore  *self,
                        gint64    source_id,
                        GError  **error)
{
  LgStmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  /* Messages go with their source (ON DELETE CASCADE); leads made from them
   * stay, with their source and message set to NULL. */
  stmt = lg_store_prepare (self, "DELETE FROM sources WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  lg_stmt_bind_int64 (stmt, 1, source_id);
  return lg_store_step_change (self, stmt, _("Could not remove the source"), SOURCE_GONE,
                               error);
}

LgSource *
lg_store_ensure_source (LgStore     *self,
                        const char  *kind,
                        const char  *handle,
                        const char  *title,
                        const char  *url,
                        gboolean    *created,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(LgSource) source = NULL;

  g_return_val_if_fail (LG_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL && handle != NULL, NULL);

  if (created != NULL)
    *created = FALSE;

  source = lg_store_find_source (self, kind, handle, &local_error);
  if (source != NULL)
    return g_steal_pointer (&source);
  if (!g_error_matches (local_error, LG_STORE_ERROR, LG_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  source = lg_source_new ();
  lg_source_set_kind (source, kind);
  lg_source_set_handle (source, handle);
  lg_source_set_title (source, title != NULL ? title : handle);
  lg_source_set_url (source, url);
  if (!lg_store_add_source (self, source, error))
    return NULL;

  if (created != NULL)
    *created = TRUE;
  return g_steal_pointer (&source);
}

gboolean
lg_store_get_source_time_span (LgStore  *self,
                             gint64    source_id,
                             gint64   *oldest,
                             gint64   *newest,
                             GError  **error)
{
  LgStmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  stmt = lg_store_prepare (self,
                           "SELECT coalesce(min(sent_at), 0), coalesce(max(sent_at), 0) "
                           "FROM messages WHERE source_id = ?",
                           error);
  if (stmt == NULL)
    return FALSE;

  lg_stmt_bind_int64 (stmt, 1, source_id);
  if (lg_stmt_step (stmt) != SQLITE_ROW)
    {
      lg_store_set_error (self, error, _("Could not read the source’s messages"));
      lg_stmt_reset (stmt);
      return FALSE;
    }
  *oldest = lg_stmt_column_int64 (stmt, 0);
  *newest = lg_stmt_column_int64 (stmt, 1);
  lg_stmt_reset (stmt);
  return TRUE;
}

/* Sources */

/* The columns source_from_row() reads, with count the source's count of
 * messages. */
#define SOURCE_COLUMNS_COUNTED(count) \
  "s.id, s.kind, s.handle, s.title, s.url, s.sync_cursor, s.backfill_cursor, s.last_sync, " \
  "s.last_error, " count ", s.sample, s.etag, s.modified, s.retry_at, s.failures, s.icon_url"
#define SOURCE_COLUMNS \
  SOURCE_COLUMNS_COUNTED ("(SELECT count(*) FROM messages m WHERE m.source_id = s.id)")

static LgSource *
source_from_row (LgStmt *stmt)
{
  LgSource *source = lg_source_new ();

  lg_source_set_id (source, lg_stmt_column_int64 (stmt, 0));
  lg_source_set_kind (source, lg_stmt_text (stmt, 1));
  lg_source_set_handle (source, lg_stmt_text (stmt, 2));
  lg_source_set_title (source, lg_stmt_text (stmt, 3));
  lg_source_set_url (source, lg_stmt_text (stmt, 4));
  lg_source_set_sync_cursor (source, lg_stmt_text (stmt, 5));
  lg_source_set_backfill_cursor (source, lg_stmt_text (stmt, 6));
  lg_source_set_last_sync (source, lg_stmt_column_int64 (stmt, 7));
  lg_source_set_last_error (source, lg_stmt_text (stmt, 8));
  lg_source_set_message_count (source, lg_stmt_column_int64 (stmt, 9));
  lg_source_set_sample (source, lg_stmt_column_int (stmt, 10));
  lg_source_set_etag (source, lg_stmt_text (stmt, 11));
  lg_source_set_modified (source, lg_stmt_text (stmt, 12));
  lg_source_set_retry_at (source, lg_stmt_column_int64 (stmt, 13));
  lg_source_set_failures (source, lg_stmt_column_int (stmt, 14));
  lg_source_set_icon_url (source, lg_stmt_text (stmt, 15));
  return source;
}

gboolean
lg_store_add_source (LgStore   *self,
                     LgSource  *source,
                     GError   **error)
{
  LgStmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (LG_IS_SOURCE (source), FALSE);

  stmt = lg_store_prepare (self,
                           "INSERT INTO sources (kind, handle, title, url, created_at) "
                           "VALUES (?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;

  lg_stmt_bind_string (stmt, 1, lg_source_get_kind (source), -1, SQLITE_TRANSIENT);
  lg_stmt_bind_string (stmt, 2, lg_source_get_handle (source), -1, SQLITE_TRANSIENT);
  lg_stmt_bind_string (stmt, 3, lg_source_get_title (source) ? lg_source_get_title (source) : "",
                     -1, SQLITE_TRANSIENT);
  lg_stmt_bind_text (stmt, 4, lg_source_get_url (source));
  lg_stmt_bind_int64 (stmt, 5, g_get_real_time () / G_USEC_PER_SEC);

  if (!lg_store_step_done (self, stmt, _("Could not add the source"), error))
    return FALSE;

  lg_source_set_id (source, lg_store_last_insert_id (self));
  return TRUE;
}

static LgSource *
get_one_source (LgStore      *self,
                LgStmt *stmt,
                GError      **error)
{
  LgSource *source;

  if (!lg_store_step_one (self, stmt, _("No such source"), _("Could not read the source"), error))
    return NULL;

  source = source_from_row (stmt);
  lg_stmt_reset (stmt);
  return source;
}

LgSource *
lg_store_get_source (LgStore  *self,
                     gint64    id,
                     GError  **error)
{
  LgStmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (self), NULL);

  stmt = lg_store_prepare (self, "SELECT " SOURCE_COLUMNS " FROM sources s WHERE s.id = ?", error);
  if (stmt == NULL)
    return NULL;

  lg_stmt_bind_int64 (stmt, 1, id);
  return get_one_source (self, stmt, error);
}

LgSource *
lg_store_find_source (LgStore     *self,
                      const char  *kind,
                      const char  *handle,
                      GError     **error)
{
  LgStmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL && handle != NULL, NULL);

  stmt = lg_store_prepare (self,
                           "SELECT " SOURCE_COLUMNS " FROM sources s "
                           "WHERE s.kind = ? AND s.handle = ? COLLATE NOCASE",
                           error);
  if (stmt == NULL)
    return NULL;

  lg_stmt_bind_string (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  lg_stmt_bind_string (stmt, 2, handle, -1, SQLITE_TRANSIENT);
  return get_one_source (self, stmt, error);
}

static GListModel *
list_sources (LgStore     *self,
              const char  *sql,
              GError     **error)
{
  LgStmt *stmt = lg_store_prepare (self, sql, error);

  if (stmt == NULL)
    return NULL;
  return lg_store_collect_rows (self, stmt, LG_TYPE_SOURCE, (LgRowReader) source_from_row,
                                _("Could not list the sources"), error);
}

GListModel *
lg_store_list_sources (LgStore  *self,
                       GError  **error)
{
  g_return_val_if_fail (LG_IS_STORE (self), NULL);

  return list_sources (self,
                       "SELECT " SOURCE_COLUMNS " FROM sources s ORDER BY s.title COLLATE NOCASE",
                       error);
}

GListModel *
lg_store_list_sources_brief (LgStore  *self,
                             GError  **error)
{
  g_return_val_if_fail (LG_IS_STORE (self), NULL);

  return list_sources (self,
                       "SELECT " SOURCE_COLUMNS_COUNTED ("0") " FROM sources s "
                       "ORDER BY s.title COLLATE NOCASE",
                       error);
}
