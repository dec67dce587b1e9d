/* lg-stmt.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lg-stmt.h"

GVariant *
lg_stmt_column_variant (LgStmt *stmt,
                        int     column)
{
  switch (lg_stmt_column_type (stmt, column))
    {
    case SQLITE_INTEGER:
      return g_variant_ref_sink (g_variant_new_int64 (lg_stmt_column_int64 (stmt, column)));
    case SQLITE_FLOAT:
      return g_variant_ref_sink (g_variant_new_double (lg_stmt_column_double (stmt, column)));
    case SQLITE_BLOB:
      /* Only SQLite's own rows hold blobs (the search's weights). */
      return g_variant_ref_sink (g_variant_new_fixed_array (
          G_VARIANT_TYPE_BYTE, sqlite3_column_blob (stmt->sqlite, column),
          sqlite3_column_bytes (stmt->sqlite, column), 1));
    case SQLITE_NULL:
      return g_variant_ref_sink (g_variant_new_tuple (NULL, 0));
    default:
      return g_variant_ref_sink (g_variant_new_string ((const char *) lg_stmt_column_text (stmt, column)));
    }
}

void
lg_stmt_bind_variant (LgStmt   *stmt,
                      int       param,
                      GVariant *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    lg_stmt_bind_int64 (stmt, param, g_variant_get_int64 (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    lg_stmt_bind_double (stmt, param, g_variant_get_double (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    lg_stmt_bind_string (stmt, param, g_variant_get_string (value, NULL), -1, SQLITE_TRANSIENT);
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_BYTESTRING))
    {
      gsize size;
      gconstpointer data = g_variant_get_fixed_array (value, &size, 1);

      sqlite3_bind_blob (stmt->sqlite, param, data, (int) size, SQLITE_TRANSIENT);
    }
  else
    lg_stmt_bind_null (stmt, param);
}
