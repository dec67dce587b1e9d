/* lg-store-salvage.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Salvage of a damaged database: what can still be read, table by table and
 * chunk by chunk past broken pages, into a new file.
 */

#define G_LOG_DOMAIN "lg-store"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-store-private.h"

#define SALVAGE_CHUNK 256

/* Copies up to SALVAGE_CHUNK rows of @table from @old into @out after @from
 * (by rowid), as far as they can be read: *@rc is SQLITE_DONE when the chunk
 * was read to its end, *@n_read how many rows it gave. Returns the last rowid
 * read, or -1 when none was. */
static gint64
copy_rows (sqlite3      *old,
           LgStore      *out,
           const char   *table,
           gint64        from,
           gint64       *copied,
           int          *rc,
           guint        *n_read,
           GError      **error)
{
  g_autofree char *select = g_strdup_printf ("SELECT rowid, * FROM \"%s\" WHERE rowid > ?1 "
                                             "ORDER BY rowid LIMIT %d", table, SALVAGE_CHUNK);
  g_autoptr(GString) insert = g_string_new (NULL);
  sqlite3_stmt *read = NULL;
  LgStmt *write = NULL; /* out is a SQLite store, as a salvage makes it */
  gint64 last = -1;
  int n_columns;

  *n_read = 0;
  *rc = sqlite3_prepare_v2 (old, select, -1, &read, NULL);
  if (*rc != SQLITE_OK)
    return -1;
  sqlite3_bind_int64 (read, 1, from);
  n_columns = sqlite3_column_count (read);
  g_string_printf (insert, "INSERT OR IGNORE INTO \"%s\" (rowid", table);
  for (int c = 1; c < n_columns; c++)
    g_string_append_printf (insert, ", \"%s\"", sqlite3_column_name (read, c));
  g_string_append (insert, ") VALUES (?");
  for (int c = 1; c < n_columns; c++)
    g_string_append (insert, ", ?");
  g_string_append_c (insert, ')');
  write = lg_store_prepare (out, insert->str, error);

  while (write != NULL && (*rc = sqlite3_step (read)) == SQLITE_ROW)
    {
      for (int c = 0; c < n_columns; c++)
        sqlite3_bind_value (write->sqlite, c + 1, sqlite3_column_value (read, c));
      if (lg_stmt_step (write) == SQLITE_DONE)
        (*copied)++;
      lg_stmt_reset (write);
      last = sqlite3_column_int64 (read, 0);
      (*n_read)++;
    }
  sqlite3_finalize (read);
  return last;
}

gboolean
lg_store_salvage (const char  *path,
                  const char  *out_path,
                  gint64      *copied,
                  GStrv       *damaged,
                  GError     **error)
{
  g_autoptr(LgStore) out = NULL;
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) hurt = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) trigger = NULL;
  sqlite3 *old = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n_copied = 0;
  int version = -1;

  g_return_val_if_fail (path != NULL && out_path != NULL, FALSE);

  if (g_file_test (out_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_OPEN,
                   _("“%s” exists already. Choose a new file for what can be saved."), out_path);
      return FALSE;
    }
  if (lg_store_open_read_only_db (path, &old) != SQLITE_OK ||
      sqlite3_prepare_v2 (old, "PRAGMA user_version", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_DAMAGED,
                   _("Nothing can be read from “%s”: %s. Restore a backup instead."), path,
                   old != NULL ? sqlite3_errmsg (old) : g_strerror (ENOENT));
      sqlite3_finalize (stmt);
      sqlite3_close (old);
      return FALSE;
    }
  version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  if (version != lg_store_n_migrations)
    {
      g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_DAMAGED,
                   _("“%s” has schema %d, this Leadgram %d: save what can be read with the "
                     "version of Leadgram that wrote it."), path, version,
                   lg_store_n_migrations);
      sqlite3_close (old);
      return FALSE;
    }

  /* The tables the schema made, but the search index: rebuilt from the
   * messages at the end. */
  if (sqlite3_prepare_v2 (old, "SELECT name FROM sqlite_schema WHERE type = 'table' "
                               "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'messages_fts%'",
                          -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  out = lg_store_open (out_path, error);
  /* The index is built once at the end, not a message at a time. */
  if (out == NULL || !lg_store_exec (out, "PRAGMA foreign_keys = OFF", error) ||
      !lg_store_begin (out, error) ||
      (trigger = lg_store_drop_schema (out, "trigger", "messages", "messages_fts_insert",
                                       error)) == NULL)
    {
      sqlite3_close (old);
      return FALSE;
    }
  for (guint t = 0; t < tables->len; t++)
    {
      const char *table = g_ptr_array_index (tables, t);
      gint64 from = G_MININT64, step = 1;
      gboolean lost = FALSE;
      guint failures = 0;

      /* Read on past each broken stretch, jumping further each time it is
       * broken still. */
      while (failures < 64)
        {
          guint n_read;
          int rc;
          gint64 last = copy_rows (old, out, table, from, &n_copied, &rc, &n_read, error);

          if (error != NULL && *error != NULL)
            break;
          if (last >= 0)
            {
              from = last;
              step = 1;
            }
          if (rc == SQLITE_DONE)
            {
              if (n_read < SALVAGE_CHUNK)
                break;
              continue;
            }
          lost = TRUE;
          failures++;
          if (from == G_MININT64)
            from = 0;
          from += step;
          step = MIN (step * 4, G_GINT64_CONSTANT (1) << 40);
        }
      if (lost)
        g_ptr_array_add (hurt, g_strdup (table));
    }
  sqlite3_close (old);
  if (error != NULL && *error != NULL)
    {
      lg_store_rollback (out);
      return FALSE;
    }

  /* Rows whose parent row was lost go as the schema's ON DELETE says: with
   * it (CASCADE) or keeping the row without the link (SET NULL); then the
   * search index, once, from the messages saved. */
  if (!lg_store_exec (out, "DELETE FROM messages WHERE source_id NOT IN (SELECT id FROM sources);"
                           "DELETE FROM matches WHERE message_id NOT IN (SELECT id FROM messages)"
                           " OR search_id NOT IN (SELECT id FROM searches);"
                           "DELETE FROM costs WHERE source_id NOT IN (SELECT id FROM sources);"
                           "UPDATE leads SET source_id = NULL"
                           " WHERE source_id NOT IN (SELECT id FROM sources);"
                           "UPDATE leads SET message_id = NULL"
                           " WHERE message_id NOT IN (SELECT id FROM messages);"
                           "DELETE FROM activities WHERE lead_id NOT IN (SELECT id FROM leads);"
                           "DELETE FROM followups WHERE lead_id NOT IN (SELECT id FROM leads);"
                           "DELETE FROM import_changes"
                           " WHERE batch_id NOT IN (SELECT id FROM import_batches);"
                           "INSERT INTO messages_fts (messages_fts) VALUES ('rebuild')", error) ||
      !lg_store_exec_all (out, trigger, error) ||
      !lg_store_commit (out, error) ||
      !lg_store_exec (out, "PRAGMA foreign_keys = ON", error))
    {
      lg_store_rollback (out);
      return FALSE;
    }
  if (copied != NULL)
    *copied = n_copied;
  if (damaged != NULL)
    {
      g_ptr_array_add (hurt, NULL);
      *damaged = (GStrv) g_ptr_array_free (g_steal_pointer (&hurt), FALSE);
    }
  return TRUE;
}
