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
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (LG_IS_SOURCE (source), FALSE);

  stmt = lg_store_prepare (self,
                           "UPDATE sources SET title = ?, url = ?, sync_cursor = ?, "
                           "backfill_cursor = ?, last_sync = ?, last_error = ? WHERE id = ?",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, lg_source_get_title (source) ? lg_source_get_title (source) : "",
                     -1, SQLITE_TRANSIENT);
  lg_stmt_bind_text (stmt, 2, lg_source_get_url (source));
  lg_stmt_bind_text (stmt, 3, lg_source_get_sync_cursor (source));
  lg_stmt_bind_text (stmt, 4, lg_source_get_backfill_cursor (source));
  sqlite3_bind_int64 (stmt, 5, lg_source_get_last_sync (source));
  lg_stmt_bind_text (stmt, 6, lg_source_get_last_error (source));
  sqlite3_bind_int64 (stmt, 7, lg_source_get_id (source));

  return lg_store_step_change (self, stmt, _("Could not save the source"), SOURCE_GONE, error);
}

gboolean
lg_store_remove_source (LgStore  *self,
                        gint64    source_id,
                        GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  /* Messages go with their source (ON DELETE CASCADE); leads made from them
   * stay, with their source and message set to NULL. */
  stmt = lg_store_prepare (self, "DELETE FROM sources WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, source_id);
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
  sqlite3_stmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  stmt = lg_store_prepare (self,
                           "SELECT coalesce(min(sent_at), 0), coalesce(max(sent_at), 0) "
                           "FROM messages WHERE source_id = ?",
                           error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, source_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      lg_store_set_error (self, error, _("Could not read the source’s messages"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  *oldest = sqlite3_column_int64 (stmt, 0);
  *newest = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);
  return TRUE;
}
