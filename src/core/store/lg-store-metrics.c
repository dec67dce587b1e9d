/* lg-store-metrics.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reads behind Insights. Three passes make a whole report: one aggregate
 * over the leads created in the previous and the current period, grouped by
 * chart bin and source (the previous period is bin 0, so the comparison costs
 * no extra pass); one over the cost rows that overlap either period; one that
 * pulls the speed-to-lead durations, whose medians lg-metrics.c takes in C.
 */

#define G_LOG_DOMAIN "lg-store"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-store-metrics.h"
#include "lg-store-private.h"

#define FAILED _("Could not compute the figures")

char *
lg_store_get_main_currency (LgStore  *self,
                            GError  **error)
{
  LgStmt *stmt;
  char *currency;
  int rc;

  g_return_val_if_fail (LG_IS_STORE (self), NULL);

  stmt = lg_store_prepare (self,
                           "SELECT currency FROM (SELECT currency FROM costs "
                           "UNION ALL SELECT currency FROM leads WHERE stage = 'won') AS used "
                           "GROUP BY currency ORDER BY count (*) DESC, currency LIMIT 1",
                           error);
  if (stmt == NULL)
    return NULL;

  rc = lg_stmt_step (stmt);
  if (rc != SQLITE_ROW)
    {
      lg_store_finish_rows (self, stmt, rc, FAILED, error);
      return NULL;
    }
  currency = g_strdup (lg_stmt_text (stmt, 0));
  lg_stmt_reset (stmt);
  return currency;
}

GHashTable *
lg_store_get_source_titles (LgStore  *self,
                            GError  **error)
{
  g_autoptr(GHashTable) titles = NULL;
  LgStmt *stmt;
  int rc;

  g_return_val_if_fail (LG_IS_STORE (self), NULL);

  stmt = lg_store_prepare (self,
                           "SELECT id, CASE WHEN title <> '' THEN title ELSE handle END FROM sources",
                           error);
  if (stmt == NULL)
    return NULL;

  titles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  while ((rc = lg_stmt_step (stmt)) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);

      *id = lg_stmt_column_int64 (stmt, 0);
      g_hash_table_insert (titles, id, g_strdup (lg_stmt_text (stmt, 1)));
    }
  if (!lg_store_finish_rows (self, stmt, rc, FAILED, error))
    return NULL;
  return g_steal_pointer (&titles);
}

#define REACH(col) \
  "CASE " col " WHEN 'warm' THEN 1 WHEN 'hot' THEN 2 WHEN 'won' THEN 3 ELSE 0 END"

gboolean
lg_store_read_lead_cohorts (LgStore            *self,
                            const gint64       *bounds,
                            guint               n_bounds,
                            LgStoreCohortFunc   func,
                            gpointer            user_data,
                            GError            **error)
{
  g_autoptr(GString) json = g_string_new ("[");
  LgStmt *stmt;
  int rc;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (bounds != NULL || n_bounds == 0, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  /* The bounds travel as one JSON array: the bins are a table to join. */
  for (guint i = 0; i < n_bounds; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", bounds[i]);
  g_string_append_c (json, ']');

  stmt = lg_store_prepare (self,
                           "WITH bins (i, start, stop) AS ("
                           "  SELECT key, value, lead (value) OVER (ORDER BY key) FROM json_each (?1)),"
                           " cohort AS ("
                           "  SELECT b.i AS i, coalesce (l.source_id, 0) AS source_id, l.stage AS stage,"
                           "   l.value AS value, l.currency AS currency, l.first_touch_at AS touch,"
                           "   max (" REACH ("l.furthest_stage") ", " REACH ("l.stage") ") AS reach"
                           "  FROM bins b JOIN leads l"
                           "   ON l.created_at >= b.start AND l.created_at < b.stop)"
                           "SELECT i, source_id, CASE WHEN stage = 'won' THEN currency END,"
                           " count (*), sum (reach >= 1), sum (reach >= 2), sum (reach = 3),"
                           " sum (stage = 'won'), sum (stage = 'lost'),"
                           " coalesce (sum (CASE WHEN stage = 'won' THEN value END), 0),"
                           " sum (touch > 0)"
                           " FROM cohort GROUP BY 1, 2, 3",
                           error);
  if (stmt == NULL)
    return FALSE;

  lg_stmt_bind_string (stmt, 1, json->str, -1, SQLITE_TRANSIENT);
  while ((rc = lg_stmt_step (stmt)) == SQLITE_ROW)
    {
      LgStoreCohort cohort;

      cohort.bin = lg_stmt_column_int (stmt, 0);
      cohort.source_id = lg_stmt_column_int64 (stmt, 1);
      cohort.won_currency = lg_stmt_text (stmt, 2);
      cohort.leads = lg_stmt_column_int64 (stmt, 3);
      cohort.warm = lg_stmt_column_int64 (stmt, 4);
      cohort.hot = lg_stmt_column_int64 (stmt, 5);
      cohort.reached_won = lg_stmt_column_int64 (stmt, 6);
      cohort.won = lg_stmt_column_int64 (stmt, 7);
      cohort.lost = lg_stmt_column_int64 (stmt, 8);
      cohort.won_value = lg_stmt_column_int64 (stmt, 9);
      cohort.touched = lg_stmt_column_int64 (stmt, 10);
      func (&cohort, user_data);
    }
  return lg_store_finish_rows (self, stmt, rc, FAILED, error);
}

/* A cost row overlapping a period counts by the share of its time inside it. */
#define PRO_RATA(from, to) \
  "total (amount * 1.0 * max (0, min (period_end, " to ") - max (period_start, " from "))" \
  " / (period_end - period_start))"

gboolean
lg_store_read_cost_shares (LgStore               *self,
                           gint64                 previous_from,
                           gint64                 from,
                           gint64                 to,
                           LgStoreCostShareFunc   func,
                           gpointer               user_data,
                           GError               **error)
{
  LgStmt *stmt;
  int rc;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  stmt = lg_store_prepare (self,
                           "SELECT source_id, currency, " PRO_RATA ("?1", "?2") ", "
                           PRO_RATA ("?2", "?3") ", "
                           " sum (period_start < ?2 AND period_end > ?1),"
                           " sum (period_start < ?3 AND period_end > ?2)"
                           " FROM costs"
                           " WHERE period_start < ?3 AND period_end > ?1 AND period_end > period_start"
                           " GROUP BY source_id, currency",
                           error);
  if (stmt == NULL)
    return FALSE;

  lg_stmt_bind_int64 (stmt, 1, previous_from);
  lg_stmt_bind_int64 (stmt, 2, from);
  lg_stmt_bind_int64 (stmt, 3, to);
  while ((rc = lg_stmt_step (stmt)) == SQLITE_ROW)
    {
      LgStoreCostShare share;

      share.source_id = lg_stmt_column_int64 (stmt, 0);
      share.currency = lg_stmt_text (stmt, 1);
      share.previous_amount = lg_stmt_column_double (stmt, 2);
      share.current_amount = lg_stmt_column_double (stmt, 3);
      share.in_previous = lg_stmt_column_int64 (stmt, 4) > 0;
      share.in_current = lg_stmt_column_int64 (stmt, 5) > 0;
      func (&share, user_data);
    }
  return lg_store_finish_rows (self, stmt, rc, FAILED, error);
}

gboolean
lg_store_read_first_touches (LgStore                *self,
                             gint64                  previous_from,
                             gint64                  from,
                             gint64                  to,
                             LgStoreFirstTouchFunc   func,
                             gpointer                user_data,
                             GError                **error)
{
  LgStmt *stmt;
  int rc;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  stmt = lg_store_prepare (self,
                           "SELECT created_at >= ?2, coalesce (source_id, 0),"
                           " max (0, first_touch_at"
                           "  - CASE WHEN message_at > 0 THEN message_at ELSE created_at END),"
                           " max (0, first_touch_at"
                           "  - CASE WHEN found_at > 0 THEN found_at ELSE created_at END)"
                           " FROM leads"
                           " WHERE created_at >= ?1 AND created_at < ?3 AND first_touch_at > 0",
                           error);
  if (stmt == NULL)
    return FALSE;

  lg_stmt_bind_int64 (stmt, 1, previous_from);
  lg_stmt_bind_int64 (stmt, 2, from);
  lg_stmt_bind_int64 (stmt, 3, to);
  while ((rc = lg_stmt_step (stmt)) == SQLITE_ROW)
    {
      LgStoreFirstTouch touch;

      touch.current = lg_stmt_column_int (stmt, 0) != 0;
      touch.source_id = lg_stmt_column_int64 (stmt, 1);
      touch.from_message = lg_stmt_column_int64 (stmt, 2);
      touch.from_found = lg_stmt_column_int64 (stmt, 3);
      func (&touch, user_data);
    }
  return lg_store_finish_rows (self, stmt, rc, FAILED, error);
}
