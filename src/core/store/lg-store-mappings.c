/* lg-store-mappings.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import_mappings table: the store keeps each mapping as the JSON text
 * it is given and reads nothing inside it, so what a mapping holds can grow
 * without a migration.
 */

#define G_LOG_DOMAIN "lg-store"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-store-mappings.h"
#include "lg-store-private.h"

gboolean
lg_store_save_import_mapping (LgStore     *self,
                              const char  *header_key,
                              const char  *mapping,
                              gint64       used_at,
                              GError     **error)
{
  LgStmt *stmt;
  gboolean done;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (header_key != NULL, FALSE);
  g_return_val_if_fail (mapping != NULL, FALSE);

  stmt = lg_store_prepare (self,
                           "INSERT INTO import_mappings (header_key, mapping, used_at) "
                           "VALUES (?, ?, ?) ON CONFLICT (header_key) DO UPDATE SET "
                           "mapping = excluded.mapping, used_at = excluded.used_at", error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_string (stmt, 1, header_key, -1, SQLITE_TRANSIENT);
  lg_stmt_bind_string (stmt, 2, mapping, -1, SQLITE_TRANSIENT);
  lg_stmt_bind_int64 (stmt, 3, used_at);
  done = lg_stmt_step (stmt) == SQLITE_DONE;
  if (!done)
    lg_store_set_error (self, error, _("Could not save the column mapping"));
  lg_stmt_reset (stmt);
  return done;
}

gboolean
lg_store_get_import_mapping (LgStore     *self,
                             const char  *header_key,
                             char       **mapping,
                             GError     **error)
{
  LgStmt *stmt;
  int rc;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (header_key != NULL, FALSE);
  g_return_val_if_fail (mapping != NULL, FALSE);

  *mapping = NULL;
  stmt = lg_store_prepare (self, "SELECT mapping FROM import_mappings WHERE header_key = ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_string (stmt, 1, header_key, -1, SQLITE_TRANSIENT);
  rc = lg_stmt_step (stmt);
  if (rc == SQLITE_ROW)
    *mapping = g_strdup (lg_stmt_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    lg_store_set_error (self, error, _("Could not read the saved column mappings"));
  lg_stmt_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE;
}
