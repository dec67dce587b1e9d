/* lg-store-copy.c: a whole workspace copied into another, empty one: a
 * personal workspace into a team's on PostgreSQL, or back into a file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n.h>

#include "lg-store-private.h"
#include "lg-store-terms.h"

/* Parents before the rows that point at them. store_state is the
 * connection's own (the intent model it was opened with). A personal
 * workspace's search index follows the messages by itself; a team's is their
 * terms column, which only it has, written as they are copied in. */
static const char * const tables[] = {
  "sources", "messages", "import_batches", "leads", "activities", "followups", "costs",
  "searches", "matches", "import_changes", "import_mappings",
};

#define MESSAGE_COLUMNS \
  "id, source_id, external_id, author_name, author_handle, author_id, sent_at, text, " \
  "permalink, views, edited, forwarded_from, media_kind, reply_to, buyer, thread"
/* The text's column among MESSAGE_COLUMNS, from 0. */
#define MESSAGE_TEXT_COLUMN 7

/* Whether the rows of table are copied with their search terms. */
static gboolean
with_terms (LgStore    *target,
            const char *table)
{
  return lg_store_is_remote (target) && g_str_equal (table, "messages");
}

/* The statement that inserts a row of read's columns into table. */
static LgStmt *
prepare_insert (LgStore     *target,
                const char  *table,
                LgStmt      *read,
                GError     **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  int n = lg_stmt_column_count (read);

  g_string_printf (sql, "INSERT INTO %s (", table);
  for (int c = 0; c < n; c++)
    g_string_append_printf (sql, "%s\"%s\"", c > 0 ? ", " : "", lg_stmt_column_name (read, c));
  if (with_terms (target, table))
    g_string_append (sql, ", terms");
  g_string_append (sql, ") VALUES (");
  for (int c = 0; c < n; c++)
    g_string_append_printf (sql, "%s?%d", c > 0 ? ", " : "", c + 1);
  if (with_terms (target, table))
    g_string_append_printf (sql, ", ?%d::tsvector", n + 1);
  g_string_append_c (sql, ')');
  return lg_store_prepare (target, sql->str, error);
}

static gboolean
copy_table (LgStore               *self,
            LgStore               *target,
            const char            *table,
            LgStoreCopyProgress    progress,
            gpointer               user_data,
            GCancellable          *cancellable,
            GError               **error)
{
  /* The messages' columns that both backends have. */
  g_autofree char *select = g_strdup_printf ("SELECT %s FROM %s ORDER BY 1",
                                             g_str_equal (table, "messages") ? MESSAGE_COLUMNS
                                                                             : "*",
                                             table);
  LgStmt *read = lg_store_prepare (self, select, error);
  LgStmt *write = NULL;
  gint64 copied = 0, total, in_target;
  int rc;

  if (read == NULL || !lg_store_count_rows (self, table, &total, error))
    return FALSE;
  /* A team workspace counts the words of the messages it is given
   * (terms_vocab) at the end of each statement, which is a row here: the
   * count is made once, at the end. */
  if (with_terms (target, table) &&
      !lg_store_exec (target, "SET LOCAL leadgram.counting_terms = later", error))
    return FALSE;
  while ((rc = lg_stmt_step (read)) == SQLITE_ROW)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          lg_stmt_reset (read);
          return FALSE;
        }
      if (write == NULL && (write = prepare_insert (target, table, read, error)) == NULL)
        {
          lg_stmt_reset (read);
          return FALSE;
        }
      for (int c = 0; c < lg_stmt_column_count (read); c++)
        {
          g_autoptr(GVariant) value = lg_stmt_column_variant (read, c);

          lg_stmt_bind_variant (write, c + 1, value);
        }
      if (with_terms (target, table))
        {
          const char *text = lg_stmt_text (read, MESSAGE_TEXT_COLUMN);
          g_autofree char *terms = lg_store_terms_vector (text != NULL ? text : "", -1);

          lg_stmt_bind_string (write, lg_stmt_column_count (read) + 1, terms, -1,
                               SQLITE_TRANSIENT);
        }
      if (!lg_store_step_done (target, write, _("Could not copy a row"), error))
        {
          lg_stmt_reset (read);
          return FALSE;
        }
      lg_stmt_reset (write);
      if (++copied % 1000 == 0 && progress != NULL)
        progress (table, copied, total, user_data);
    }
  if (!lg_store_finish_rows (self, read, rc, _("Could not read the workspace"), error))
    return FALSE;
  if (with_terms (target, table) &&
      !lg_store_exec (target, "SET LOCAL leadgram.counting_terms = now; "
                              "INSERT INTO terms_vocab (term, docs) "
                              "SELECT u.lexeme, count (*) FROM messages AS m, "
                              "unnest (m.terms) AS u GROUP BY u.lexeme "
                              "ON CONFLICT (term) DO UPDATE SET docs = excluded.docs", error))
    return FALSE;
  if (progress != NULL)
    progress (table, copied, total, user_data);

  /* The copy holds what was read, row for row. */
  if (!lg_store_count_rows (target, table, &in_target, error))
    return FALSE;
  if (in_target != copied || copied != total)
    {
      g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_QUERY,
                   _("The copy of “%s” has %" PRId64 " rows where the workspace has %" PRId64
                     "; nothing was copied."),
                   table, in_target, total);
      return FALSE;
    }

  /* A team workspace's ids come from a sequence, which the copied ids did
   * not move on. */
  return g_strcmp0 (table, "import_mappings") == 0 ||
         lg_store_catch_up_ids (target, table, error);
}

gboolean
lg_store_copy_into (LgStore               *self,
                    LgStore               *target,
                    LgStoreCopyProgress    progress,
                    gpointer               user_data,
                    GCancellable          *cancellable,
                    GError               **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (LG_IS_STORE (target), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      gint64 count;

      if (!lg_store_count_rows (target, tables[i], &count, error))
        return FALSE;
      if (count > 0)
        {
          g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_INVALID,
                       _("The workspace to copy into is not empty (it has %s). Copy into a "
                         "new file, or a new database on the server."), tables[i]);
          return FALSE;
        }
    }

  /* One snapshot read, one transaction written: the copy is all or nothing. */
  if (!lg_store_read_begin (self, error))
    return FALSE;
  if (!lg_store_begin (target, error))
    {
      lg_store_read_end (self);
      return FALSE;
    }
  for (guint i = 0; ok && i < G_N_ELEMENTS (tables); i++)
    ok = copy_table (self, target, tables[i], progress, user_data, cancellable, error);
  lg_store_read_end (self);
  if (!ok)
    {
      lg_store_rollback (target);
      return FALSE;
    }
  return lg_store_commit (target, error);
}
