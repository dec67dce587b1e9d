/* lg-store-messages.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Messages: adding one as it arrives (with its buyer reading), listing the newest,
 * and reading the buyer probability of messages kept before it existed.
 */

#define G_LOG_DOMAIN "lg-store"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-scorer.h"
#include "lg-store-private.h"
#include "lg-store-terms.h"

void
lg_message_bind_fields (LgStmt *stmt,
                        LgMessage    *message)
{
  lg_stmt_bind_string (stmt, 2, lg_message_get_external_id (message), -1, SQLITE_TRANSIENT);
  lg_stmt_bind_text (stmt, 3, lg_message_get_author_name (message));
  lg_stmt_bind_text (stmt, 4, lg_message_get_author_handle (message));
  lg_stmt_bind_text (stmt, 5, lg_message_get_author_id (message));
  lg_stmt_bind_int64 (stmt, 6, lg_message_get_sent_at (message));
  lg_stmt_bind_string (stmt, 7, lg_message_get_text (message) ? lg_message_get_text (message) : "",
                     -1, SQLITE_TRANSIENT);
  lg_stmt_bind_text (stmt, 8, lg_message_get_permalink (message));
  lg_stmt_bind_int64 (stmt, 9, lg_message_get_views (message));
  lg_stmt_bind_int (stmt, 10, lg_message_get_edited (message));
  lg_stmt_bind_text (stmt, 11, lg_message_get_forwarded_from (message));
  lg_stmt_bind_text (stmt, 12, lg_message_get_media_kind (message));
  lg_stmt_bind_text (stmt, 13, lg_message_get_reply_to (message));
  lg_stmt_bind_text (stmt, 14, lg_message_get_thread (message));
}

void
lg_message_bind_reading (LgStmt     *stmt,
                         LgStore    *store,
                         const char *text)
{
  g_autofree char *terms = NULL;

  /* SQLite's queries read the buyer with lg_buyer (?7), and its index
   * follows by itself. */
  if (!lg_store_is_remote (store))
    return;
  text = text != NULL ? text : "";
  terms = lg_store_terms_vector (text, -1);
  lg_stmt_bind_double (stmt, 15, lg_store_read_buyer (store, text, -1));
  lg_stmt_bind_string (stmt, 16, terms, -1, SQLITE_TRANSIENT);
}

gboolean
lg_store_add_message (LgStore    *self,
                      LgMessage  *message,
                      gboolean   *inserted,
                      GError    **error)
{
  LgStmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (LG_IS_MESSAGE (message), FALSE);

  stmt = lg_store_prepare (self,
                           lg_store_is_remote (self)
                           ? "INSERT INTO messages (source_id, " LG_MESSAGE_FIELDS ", buyer, "
                             "terms) VALUES (" LG_MESSAGE_VALUES ", " LG_MESSAGE_READING ") "
                             "ON CONFLICT (source_id, external_id) DO NOTHING"
                           : "INSERT INTO messages (source_id, " LG_MESSAGE_FIELDS ", buyer) "
                             "VALUES (" LG_MESSAGE_VALUES ", lg_buyer (?7)) "
                             "ON CONFLICT (source_id, external_id) DO NOTHING",
                           error);
  if (stmt == NULL)
    return FALSE;

  lg_stmt_bind_int64 (stmt, 1, lg_message_get_source_id (message));
  lg_message_bind_fields (stmt, message);
  lg_message_bind_reading (stmt, self, lg_message_get_text (message));

  if (!lg_store_step_done (self, stmt, _("Could not store a message"), error))
    return FALSE;

  if (inserted != NULL)
    *inserted = lg_store_changes (self) > 0;
  if (lg_store_changes (self) > 0)
    lg_message_set_id (message, lg_store_last_insert_id (self));
  return TRUE;
}

/* Messages read per transaction: a few hundred milliseconds of work. */
#define DIRECTION_CHUNK 20000

static gboolean
query_text (LgStore     *self,
            const char  *sql,
            char       **out,
            GError     **error)
{
  LgStmt *stmt = lg_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = lg_stmt_step (stmt);
  *out = rc == SQLITE_ROW ? g_strdup (lg_stmt_text (stmt, 0)) : NULL;
  lg_stmt_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      lg_store_set_error (self, error, _("Could not read the messages"));
      return FALSE;
    }
  return TRUE;
}

/* Reads the buyers of the chunk of messages after from: all of them, or
 * those not read yet. */
static gboolean
read_chunk (LgStore  *self,
            gint64    from,
            gboolean  all,
            GError  **error)
{
  LgStmt *stmt = lg_store_prepare (self,
                                   "UPDATE messages SET buyer = lg_buyer (text) "
                                   "WHERE id > ?1 AND id <= ?2 AND (?3 OR buyer IS NULL)", error);

  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_int64 (stmt, 1, from);
  lg_stmt_bind_int64 (stmt, 2, from + DIRECTION_CHUNK);
  lg_stmt_bind_int (stmt, 3, all);
  return lg_store_step_done (self, stmt, _("Could not read the messages for buyers"), error);
}

/* The same where the database has no lg_buyer() (a team workspace): the
 * texts are read here, and the readings written back. */
static gboolean
read_chunk_here (LgStore  *self,
                 gint64    from,
                 gboolean  all,
                 GError  **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) buyers = g_array_new (FALSE, FALSE, sizeof (double));
  LgStmt *stmt;
  int rc;

  stmt = lg_store_prepare (self, "SELECT id, text FROM messages "
                                 "WHERE id > ?1 AND id <= ?2 AND (?3 <> 0 OR buyer IS NULL)",
                           error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_int64 (stmt, 1, from);
  lg_stmt_bind_int64 (stmt, 2, from + DIRECTION_CHUNK);
  lg_stmt_bind_int (stmt, 3, all);
  while ((rc = lg_stmt_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = lg_stmt_column_int64 (stmt, 0);
      double buyer = lg_store_read_buyer (self, lg_stmt_text (stmt, 1), -1);

      g_array_append_val (ids, id);
      g_array_append_val (buyers, buyer);
    }
  if (!lg_store_finish_rows (self, stmt, rc, _("Could not read the messages for buyers"), error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      stmt = lg_store_prepare (self, "UPDATE messages SET buyer = ?1 WHERE id = ?2", error);
      if (stmt == NULL)
        return FALSE;
      lg_stmt_bind_double (stmt, 1, g_array_index (buyers, double, i));
      lg_stmt_bind_int64 (stmt, 2, g_array_index (ids, gint64, i));
      if (!lg_store_step_done (self, stmt, _("Could not read the messages for buyers"), error))
        return FALSE;
    }
  return TRUE;
}

gboolean
lg_store_read_directions (LgStore       *self,
                          GCancellable  *cancellable,
                          void         (*progress) (double   done,
                                                    gpointer user_data),
                          gpointer       user_data,
                          GError       **error)
{
  const char *model = lg_scorer_get_model_id ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *pending = NULL;
  g_autofree char *max_id = NULL;
  gboolean all;
  gint64 last, from;
  LgStmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  /* What may not be written is searched with the readings it has. */
  if (lg_store_is_read_only (self))
    return TRUE;
  if (!query_text (self, "SELECT value FROM store_state WHERE key = 'buyer_model'", &stored,
                   error) ||
      !query_text (self, "SELECT id FROM messages WHERE buyer IS NULL LIMIT 1", &pending, error) ||
      !query_text (self, "SELECT max (id) FROM messages", &max_id, error))
    return FALSE;
  all = g_strcmp0 (stored, model) != 0;
  if (!all && pending == NULL)
    return TRUE;

  last = max_id != NULL ? g_ascii_strtoll (max_id, NULL, 10) : 0;
  for (from = all ? 0 : g_ascii_strtoll (pending, NULL, 10) - 1; from < last;
       from += DIRECTION_CHUNK)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      /* Another writer (a sync, an import) goes first: the search goes on
       * with the readings there are, and the next one reads on. */
      if (!lg_store_begin (self, &local_error))
        {
          if ((sqlite3_errcode (lg_store_get_db (self)) & 0xff) == SQLITE_BUSY)
            return TRUE;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (!(lg_store_is_remote (self) ? read_chunk_here (self, from, all, error)
                                      : read_chunk (self, from, all, error)) ||
          !lg_store_commit (self, error))
        {
          lg_store_rollback (self);
          return FALSE;
        }
      if (progress != NULL)
        progress ((double) MIN (from + DIRECTION_CHUNK, last) / last, user_data);
    }

  stmt = lg_store_prepare (self,
                           "INSERT INTO store_state (key, value) VALUES ('buyer_model', ?1) "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_string (stmt, 1, model, -1, SQLITE_STATIC);
  return lg_store_step_done (self, stmt, _("Could not read the messages for buyers"), error);
}

static LgMessage *
message_from_row (LgStmt *stmt)
{
  LgMessage *message = lg_message_new ();

  lg_message_set_id (message, lg_stmt_column_int64 (stmt, 0));
  lg_message_set_source_id (message, lg_stmt_column_int64 (stmt, 1));
  lg_message_set_external_id (message, lg_stmt_text (stmt, 2));
  lg_message_set_author_name (message, lg_stmt_text (stmt, 3));
  lg_message_set_author_handle (message, lg_stmt_text (stmt, 4));
  lg_message_set_author_id (message, lg_stmt_text (stmt, 5));
  lg_message_set_sent_at (message, lg_stmt_column_int64 (stmt, 6));
  lg_message_set_text (message, lg_stmt_text (stmt, 7));
  lg_message_set_permalink (message, lg_stmt_text (stmt, 8));
  lg_message_set_views (message, lg_stmt_column_int64 (stmt, 9));
  lg_message_set_edited (message, lg_stmt_column_int (stmt, 10) != 0);
  lg_message_set_forwarded_from (message, lg_stmt_text (stmt, 11));
  lg_message_set_media_kind (message, lg_stmt_text (stmt, 12));
  lg_message_set_reply_to (message, lg_stmt_text (stmt, 13));
  lg_message_set_thread (message, lg_stmt_text (stmt, 14));
  return message;
}

GListModel *
lg_store_list_messages (LgStore  *self,
                        gint64    source_id,
                        guint     limit,
                        GError  **error)
{
  LgStmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (self), NULL);

  stmt = lg_store_prepare (self,
                           "SELECT id, source_id, external_id, author_name, author_handle, "
                           "author_id, sent_at, text, permalink, views, edited, forwarded_from, "
                           "media_kind, reply_to, thread FROM messages "
                           "WHERE (?1 = 0 OR source_id = ?1) ORDER BY sent_at DESC, id DESC LIMIT ?2",
                           error);
  if (stmt == NULL)
    return NULL;

  lg_stmt_bind_int64 (stmt, 1, source_id);
  lg_stmt_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : G_MAXINT64);

  return lg_store_collect_rows (self, stmt, LG_TYPE_MESSAGE, (LgRowReader) message_from_row,
                                _("Could not list the messages"), error);
}

