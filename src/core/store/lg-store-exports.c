/* lg-store-exports.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows the CSV exports write, handed over one at a time while the query
 * steps: exporting 100,000 leads keeps one row in memory, not a list.
 */

#define G_LOG_DOMAIN "lg-store"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-store-exports.h"
#include "lg-store-private.h"

#define FAILED _("Could not read what to export")

gboolean
lg_store_read_export_leads (LgStore                *self,
                            const gint64           *ids,
                            guint                   n_ids,
                            LgStoreExportLeadFunc   func,
                            gpointer                user_data,
                            GError                **error)
{
  g_autoptr(GString) id_list = g_string_new ("[");
  LgStmt *stmt;
  int rc;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  /* The ids travel as one JSON array, whatever their number. */
  for (guint i = 0; ids != NULL && i < n_ids; i++)
    g_string_append_printf (id_list, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  g_string_append_c (id_list, ']');

  stmt = lg_store_prepare (self,
                           "SELECT l.id, l.name, l.email, l.phone, l.company, l.telegram_handle, "
                           "l.telegram_id, l.stage, l.qualification, l.value, l.currency, "
                           "coalesce(nullif(s.title, ''), s.handle), l.created_at, l.closed_at, "
                           "l.lost_reason, l.notes, l.external_id "
                           "FROM leads l LEFT JOIN sources s ON s.id = l.source_id "
                           "WHERE ?1 IS NULL OR l.id IN (SELECT value FROM json_each(?1)) "
                           "ORDER BY l.id", error);
  if (stmt == NULL)
    return FALSE;
  if (ids != NULL)
    lg_stmt_bind_string (stmt, 1, id_list->str, -1, SQLITE_TRANSIENT);

  while ((rc = lg_stmt_step (stmt)) == SQLITE_ROW)
    {
      LgStoreExportLead lead;

      lead.id = lg_stmt_column_int64 (stmt, 0);
      lead.name = lg_stmt_text (stmt, 1);
      lead.email = lg_stmt_text (stmt, 2);
      lead.phone = lg_stmt_text (stmt, 3);
      lead.company = lg_stmt_text (stmt, 4);
      lead.telegram_handle = lg_stmt_text (stmt, 5);
      lead.telegram_id = lg_stmt_text (stmt, 6);
      lead.stage = lg_stmt_text (stmt, 7);
      lead.qualification = lg_stmt_text (stmt, 8);
      lead.value = lg_stmt_column_int64 (stmt, 9);
      lead.currency = lg_stmt_text (stmt, 10);
      lead.source = lg_stmt_text (stmt, 11);
      lead.created_at = lg_stmt_column_int64 (stmt, 12);
      lead.closed_at = lg_stmt_column_int64 (stmt, 13);
      lead.lost_reason = lg_stmt_text (stmt, 14);
      lead.notes = lg_stmt_text (stmt, 15);
      lead.external_id = lg_stmt_text (stmt, 16);
      if (!func (&lead, user_data, error))
        {
          lg_stmt_reset (stmt);
          return FALSE;
        }
    }
  return lg_store_finish_rows (self, stmt, rc, FAILED, error);
}

gboolean
lg_store_read_export_matches (LgStore                 *self,
                              gint64                   search_id,
                              LgStoreExportMatchFunc   func,
                              gpointer                 user_data,
                              GError                 **error)
{
  LgStmt *stmt;
  int rc;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  stmt = lg_store_prepare (self,
                           /* Source and link as the search names them (lg-store-search.c). */
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
  lg_stmt_bind_int64 (stmt, 1, search_id);

  while ((rc = lg_stmt_step (stmt)) == SQLITE_ROW)
    {
      LgStoreExportMatch match;

      match.score = lg_stmt_column_int (stmt, 0);
      match.reason = lg_stmt_text (stmt, 1);
      match.source = lg_stmt_text (stmt, 2);
      match.author_name = lg_stmt_text (stmt, 3);
      match.author_handle = lg_stmt_text (stmt, 4);
      match.sent_at = lg_stmt_column_int64 (stmt, 5);
      match.text = lg_stmt_text (stmt, 6);
      match.link = lg_stmt_text (stmt, 7);
      if (!func (&match, user_data, error))
        {
          lg_stmt_reset (stmt);
          return FALSE;
        }
    }
  return lg_store_finish_rows (self, stmt, rc, FAILED, error);
}
