/* lg-store-sample.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sample workspace's rows: the `sample` column of sources and leads marks
 * them, and the follow-ups and costs the sample adds find their lead or
 * source by that mark and a name, as the sample's files give them.
 */

#define G_LOG_DOMAIN "lg-store"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-store-private.h"
#include "lg-store-sample.h"

#define WRITE_FAILED _("Could not write the sample workspace")

/* Runs a write of two integer parameters. */
static gboolean
write_two (LgStore     *store,
           const char  *sql,
           gint64       a,
           gint64       b,
           GError     **error)
{
  LgStmt *stmt = lg_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_int64 (stmt, 1, a);
  lg_stmt_bind_int64 (stmt, 2, b);
  return lg_store_step_done (store, stmt, WRITE_FAILED, error);
}

gboolean
lg_store_has_sample (LgStore *self)
{
  LgStmt *stmt;
  gboolean loaded = FALSE;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  stmt = lg_store_prepare (self,
                           "SELECT EXISTS (SELECT 1 FROM sources WHERE sample = 1) "
                           "OR EXISTS (SELECT 1 FROM leads WHERE sample = 1)", NULL);
  if (stmt == NULL)
    return FALSE;
  if (lg_stmt_step (stmt) == SQLITE_ROW)
    loaded = lg_stmt_column_int (stmt, 0) != 0;
  lg_stmt_reset (stmt);
  return loaded;
}

gboolean
lg_store_mark_sample_source (LgStore  *self,
                             gint64    source_id,
                             gint64    last_sync,
                             GError  **error)
{
  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  return write_two (self, "UPDATE sources SET sample = 1, last_sync = ?2 WHERE id = ?1",
                    source_id, last_sync, error);
}

gboolean
lg_store_mark_sample_lead (LgStore  *self,
                           gint64    lead_id,
                           gint64    first_touch_at,
                           GError  **error)
{
  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  return write_two (self, "UPDATE leads SET sample = 1, first_touch_at = ?2 WHERE id = ?1",
                    lead_id, first_touch_at, error);
}

gboolean
lg_store_link_sample_leads (LgStore  *self,
                            GError  **error)
{
  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  return lg_store_exec (self,
                        "UPDATE leads SET (source_id, message_id, message_at, found_at) = "
                        "(SELECT m.source_id, m.id, m.sent_at, leads.created_at FROM messages m "
                        " JOIN sources s ON s.id = m.source_id AND s.sample = 1 "
                        " WHERE m.author_handle = leads.telegram_handle COLLATE NOCASE "
                        " ORDER BY m.sent_at DESC LIMIT 1) "
                        "WHERE sample = 1 AND telegram_handle IS NOT NULL AND EXISTS "
                        "(SELECT 1 FROM messages m JOIN sources s ON s.id = m.source_id "
                        " AND s.sample = 1 WHERE m.author_handle = leads.telegram_handle "
                        " COLLATE NOCASE)",
                        error);
}

gboolean
lg_store_read_sample_lead_messages (LgStore                   *self,
                                    const char                *name,
                                    LgStoreSampleMessageFunc   func,
                                    gpointer                   user_data,
                                    GError                   **error)
{
  LgStmt *stmt;
  int rc;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  stmt = lg_store_prepare (self, "SELECT l.id, m.id, m.text, m.sent_at, "
                                 "max (l.created_at, m.sent_at) FROM leads l "
                                 "JOIN messages m ON m.author_handle = l.telegram_handle "
                                 "  COLLATE NOCASE "
                                 "JOIN sources s ON s.id = m.source_id AND s.sample = 1 "
                                 "WHERE l.sample = 1 AND l.name = ?", error);
  if (stmt == NULL)
    return FALSE;

  lg_stmt_bind_string (stmt, 1, name, -1, SQLITE_STATIC);
  while ((rc = lg_stmt_step (stmt)) == SQLITE_ROW)
    {
      LgStoreSampleMessage message;

      message.lead_id = lg_stmt_column_int64 (stmt, 0);
      message.message_id = lg_stmt_column_int64 (stmt, 1);
      message.text = lg_stmt_text (stmt, 2);
      message.sent_at = lg_stmt_column_int64 (stmt, 3);
      message.found_at = lg_stmt_column_int64 (stmt, 4);
      if (!func (&message, user_data, error))
        {
          lg_stmt_reset (stmt);
          return FALSE;
        }
    }
  return lg_store_finish_rows (self, stmt, rc, WRITE_FAILED, error);
}

gboolean
lg_store_set_lead_origin (LgStore  *self,
                          gint64    lead_id,
                          int       score,
                          gint64    message_id,
                          gint64    message_at,
                          GError  **error)
{
  LgStmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  stmt = lg_store_prepare (self, "UPDATE leads SET score = ?2, message_id = ?3, "
                                 "message_at = ?4 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_int64 (stmt, 1, lead_id);
  lg_stmt_bind_int (stmt, 2, score);
  lg_stmt_bind_int64 (stmt, 3, message_id);
  lg_stmt_bind_int64 (stmt, 4, message_at);
  return lg_store_step_done (self, stmt, WRITE_FAILED, error);
}

gboolean
lg_store_add_sample_followup (LgStore     *self,
                              const char  *lead_name,
                              gint64       due_at,
                              const char  *kind,
                              const char  *note,
                              gint64       now,
                              GError     **error)
{
  LgStmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  stmt = lg_store_prepare (self,
                           "INSERT INTO followups (lead_id, due_at, kind, note, created_at, "
                           "notified_due_at) "
                           "SELECT id, ?2, ?3, ?4, ?5, CASE WHEN ?2 <= ?5 THEN ?2 ELSE 0 END "
                           "FROM leads WHERE sample = 1 AND name = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_string (stmt, 1, lead_name, -1, SQLITE_STATIC);
  lg_stmt_bind_int64 (stmt, 2, due_at);
  lg_stmt_bind_string (stmt, 3, kind, -1, SQLITE_STATIC);
  lg_stmt_bind_string (stmt, 4, note, -1, SQLITE_STATIC);
  lg_stmt_bind_int64 (stmt, 5, now);
  return lg_store_step_done (self, stmt, WRITE_FAILED, error);
}

gboolean
lg_store_add_sample_cost (LgStore     *self,
                          const char  *handle,
                          gint64       period_start,
                          gint64       period_end,
                          gint64       amount,
                          const char  *currency,
                          const char  *note,
                          GError     **error)
{
  LgStmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  stmt = lg_store_prepare (self,
                           "INSERT INTO costs (source_id, period_start, period_end, amount, "
                           "currency, note) "
                           "SELECT id, ?2, ?3, ?4, ?5, ?6 FROM sources "
                           "WHERE sample = 1 AND handle = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_string (stmt, 1, handle, -1, SQLITE_STATIC);
  lg_stmt_bind_int64 (stmt, 2, period_start);
  lg_stmt_bind_int64 (stmt, 3, period_end);
  lg_stmt_bind_int64 (stmt, 4, amount);
  lg_stmt_bind_string (stmt, 5, currency, -1, SQLITE_STATIC);
  lg_stmt_bind_string (stmt, 6, note, -1, SQLITE_STATIC);
  return lg_store_step_done (self, stmt, WRITE_FAILED, error);
}

gboolean
lg_store_remove_sample (LgStore  *self,
                        GError  **error)
{
  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  return lg_store_exec (self,
                        "DELETE FROM leads WHERE sample = 1 "
                        "OR source_id IN (SELECT id FROM sources WHERE sample = 1);"
                        "DELETE FROM sources WHERE sample = 1;",
                        error);
}
