/* lg-store-costs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What each source cost, per period: the other half of cost per lead and ROI.
 */

#define G_LOG_DOMAIN "lg-store"

#include "config.h"

/* PRId64, not G_GINT64_FORMAT, in translatable strings: xgettext knows it. */
#include <inttypes.h>

#include <glib/gi18n.h>

#include "lg-store-private.h"

#define COST_COLUMNS \
  "c.id, c.source_id, coalesce (nullif (s.title, ''), s.handle), c.period_start, c.period_end, " \
  "c.amount, c.currency, c.note"

#define COST_FROM " FROM costs c JOIN sources s ON s.id = c.source_id "

static gboolean
is_currency_code (const char *currency)
{
  if (currency == NULL || strlen (currency) != 3)
    return FALSE;
  for (int i = 0; i < 3; i++)
    if (!g_ascii_isupper (currency[i]))
      return FALSE;
  return TRUE;
}

/* What adding, editing and restoring a cost check alike. */
static gboolean
check_cost (gint64       period_start,
            gint64       period_end,
            gint64       amount,
            const char  *currency,
            GError     **error)
{
  if (period_end <= period_start)
    {
      g_set_error_literal (error, LG_STORE_ERROR, LG_STORE_ERROR_INVALID,
                           _("The cost’s period ends before it starts. "
                             "Choose an end date after the start date."));
      return FALSE;
    }
  if (amount < 0)
    {
      g_set_error_literal (error, LG_STORE_ERROR, LG_STORE_ERROR_INVALID,
                           _("A cost cannot be negative. Enter what the source cost, or 0 if "
                             "it was free."));
      return FALSE;
    }
  if (!is_currency_code (currency))
    {
      g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_INVALID,
                   _("“%s” is not a currency code. Use three capital letters, such as USD or "
                     "EUR."),
                   currency != NULL ? currency : "");
      return FALSE;
    }
  return TRUE;
}

static void
set_no_source_error (GError **error,
                     gint64   source_id)
{
  g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_NOT_FOUND,
               _("There is no source with id %" PRId64 ". Choose one of your sources."),
               source_id);
}

gint64
lg_store_add_cost (LgStore     *self,
                   gint64       source_id,
                   gint64       period_start,
                   gint64       period_end,
                   gint64       amount,
                   const char  *currency,
                   const char  *note,
                   GError     **error)
{
  LgStmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (self), 0);

  if (!check_cost (period_start, period_end, amount, currency, error))
    return 0;

  stmt = lg_store_prepare (self,
                           "INSERT INTO costs (source_id, period_start, period_end, amount, "
                           "currency, note) "
                           "SELECT id, ?2, ?3, ?4, ?5, coalesce (?6, '') FROM sources WHERE id = ?1",
                           error);
  if (stmt == NULL)
    return 0;

  lg_stmt_bind_int64 (stmt, 1, source_id);
  lg_stmt_bind_int64 (stmt, 2, period_start);
  lg_stmt_bind_int64 (stmt, 3, period_end);
  lg_stmt_bind_int64 (stmt, 4, amount);
  lg_stmt_bind_string (stmt, 5, currency, -1, SQLITE_TRANSIENT);
  lg_stmt_bind_text (stmt, 6, note);

  if (!lg_store_step_done (self, stmt, _("Could not save the cost"), error))
    return 0;
  if (lg_store_changes (self) == 0)
    {
      set_no_source_error (error, source_id);
      return 0;
    }

  return lg_store_last_insert_id (self);
}

static LgCost *
cost_from_row (LgStmt *stmt)
{
  LgCost *cost = lg_cost_new ();

  lg_cost_set_id (cost, lg_stmt_column_int64 (stmt, 0));
  lg_cost_set_source_id (cost, lg_stmt_column_int64 (stmt, 1));
  lg_cost_set_source_title (cost, lg_stmt_text (stmt, 2));
  lg_cost_set_period_start (cost, lg_stmt_column_int64 (stmt, 3));
  lg_cost_set_period_end (cost, lg_stmt_column_int64 (stmt, 4));
  lg_cost_set_amount (cost, lg_stmt_column_int64 (stmt, 5));
  lg_cost_set_currency (cost, lg_stmt_text (stmt, 6));
  lg_cost_set_note (cost, lg_stmt_text (stmt, 7));
  return cost;
}

GListModel *
lg_store_list_costs (LgStore  *self,
                     gint64    source_id,
                     gint64    from,
                     gint64    to,
                     GError  **error)
{
  LgStmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (self), NULL);

  /* A few rows per source and month: no index needed. */
  stmt = lg_store_prepare (self,
                           "SELECT " COST_COLUMNS COST_FROM
                           "WHERE (?1 = 0 OR c.source_id = ?1)"
                           " AND (?3 <= ?2 OR (c.period_start < ?3 AND c.period_end > ?2))"
                           " ORDER BY c.period_start DESC, c.id DESC",
                           error);
  if (stmt == NULL)
    return NULL;

  lg_stmt_bind_int64 (stmt, 1, source_id);
  lg_stmt_bind_int64 (stmt, 2, from);
  lg_stmt_bind_int64 (stmt, 3, to);
  return lg_store_collect_rows (self, stmt, LG_TYPE_COST, (LgRowReader) cost_from_row,
                                _("Could not list the costs"), error);
}

GStrv
lg_store_list_currencies (LgStore  *self,
                          GError  **error)
{
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  LgStmt *stmt;
  int rc;

  g_return_val_if_fail (LG_IS_STORE (self), NULL);

  stmt = lg_store_prepare (self,
                           "SELECT currency FROM (SELECT currency FROM costs "
                           "UNION ALL SELECT currency FROM leads WHERE value > 0) AS used "
                           "GROUP BY currency ORDER BY count (*) DESC, currency",
                           error);
  if (stmt == NULL)
    return NULL;
  while ((rc = lg_stmt_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (codes, lg_stmt_text (stmt, 0));
  lg_stmt_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      lg_store_set_error (self, error, _("Could not list the currencies"));
      return NULL;
    }
  return g_strv_builder_end (codes);
}

LgCost *
lg_store_get_cost (LgStore  *self,
                   gint64    id,
                   GError  **error)
{
  g_autofree char *missing = NULL;
  LgStmt *stmt;
  LgCost *cost;

  g_return_val_if_fail (LG_IS_STORE (self), NULL);

  stmt = lg_store_prepare (self, "SELECT " COST_COLUMNS COST_FROM "WHERE c.id = ?", error);
  if (stmt == NULL)
    return NULL;

  lg_stmt_bind_int64 (stmt, 1, id);
  missing = g_strdup_printf (_("There is no cost with id %" PRId64 ". It may have been "
                               "removed; list the costs to see their ids."), id);
  if (!lg_store_step_one (self, stmt, missing, _("Could not read the cost"), error))
    return NULL;

  cost = cost_from_row (stmt);
  lg_stmt_reset (stmt);
  return cost;
}

/* ?1 id, ?2 source, ?3 and ?4 the period, ?5 amount, ?6 currency, ?7 note. */
static void
bind_cost (LgStmt *stmt,
           LgCost       *cost)
{
  lg_stmt_bind_int64 (stmt, 1, lg_cost_get_id (cost));
  lg_stmt_bind_int64 (stmt, 2, lg_cost_get_source_id (cost));
  lg_stmt_bind_int64 (stmt, 3, lg_cost_get_period_start (cost));
  lg_stmt_bind_int64 (stmt, 4, lg_cost_get_period_end (cost));
  lg_stmt_bind_int64 (stmt, 5, lg_cost_get_amount (cost));
  lg_stmt_bind_string (stmt, 6, lg_cost_get_currency (cost), -1, SQLITE_TRANSIENT);
  lg_stmt_bind_text (stmt, 7, lg_cost_get_note (cost));
}

gboolean
lg_store_update_cost (LgStore  *self,
                      LgCost   *cost,
                      GError  **error)
{
  LgStmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (LG_IS_COST (cost), FALSE);

  if (!check_cost (lg_cost_get_period_start (cost), lg_cost_get_period_end (cost),
                   lg_cost_get_amount (cost), lg_cost_get_currency (cost), error))
    return FALSE;

  stmt = lg_store_prepare (self,
                           "UPDATE costs SET source_id = ?2, period_start = ?3, period_end = ?4, "
                           "amount = ?5, currency = ?6, note = coalesce (?7, '') "
                           "WHERE id = ?1 AND EXISTS (SELECT 1 FROM sources WHERE id = ?2)",
                           error);
  if (stmt == NULL)
    return FALSE;

  bind_cost (stmt, cost);

  if (!lg_store_step_done (self, stmt, _("Could not save the cost"), error))
    return FALSE;
  if (lg_store_changes (self) == 0)
    {
      /* No row changed: either the cost or its new source is missing. */
      g_autoptr(LgCost) stored = lg_store_get_cost (self, lg_cost_get_id (cost), error);

      if (stored != NULL)
        set_no_source_error (error, lg_cost_get_source_id (cost));
      return FALSE;
    }
  return TRUE;
}

LgCost *
lg_store_delete_cost (LgStore  *self,
                      gint64    id,
                      GError  **error)
{
  g_autoptr(LgCost) cost = NULL;
  LgStmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (self), NULL);

  cost = lg_store_get_cost (self, id, error);
  if (cost == NULL)
    return NULL;

  stmt = lg_store_prepare (self, "DELETE FROM costs WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  lg_stmt_bind_int64 (stmt, 1, id);
  if (!lg_store_step_done (self, stmt, _("Could not remove the cost"), error))
    return NULL;

  return g_steal_pointer (&cost);
}

gboolean
lg_store_restore_cost (LgStore  *self,
                       LgCost   *cost,
                       GError  **error)
{
  LgStmt *stmt;
  gint64 id;
  int rc;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (LG_IS_COST (cost), FALSE);

  if (!check_cost (lg_cost_get_period_start (cost), lg_cost_get_period_end (cost),
                   lg_cost_get_amount (cost), lg_cost_get_currency (cost), error))
    return FALSE;

  /* Costs have no AUTOINCREMENT: a cost added after the delete may have
   * taken the id, and then NULL asks for a new one. */
  stmt = lg_store_prepare (self,
                           "INSERT INTO costs (id, source_id, period_start, period_end, amount, "
                           "currency, note) "
                           "SELECT CASE WHEN EXISTS (SELECT 1 FROM costs WHERE id = ?1) THEN NULL "
                           "ELSE ?1 END, id, ?3, ?4, ?5, ?6, coalesce (?7, '') "
                           "FROM sources WHERE id = ?2 RETURNING id",
                           error);
  if (stmt == NULL)
    return FALSE;

  bind_cost (stmt, cost);

  /* The id it took, old or new (a row given its id takes no new one from
   * a team workspace's sequence, which lg_store_last_insert_id() reads). */
  rc = lg_stmt_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      lg_store_set_error (self, error, _("Could not restore the cost"));
      lg_stmt_reset (stmt);
      return FALSE;
    }
  id = rc == SQLITE_ROW ? lg_stmt_column_int64 (stmt, 0) : 0;
  lg_stmt_reset (stmt);
  if (id == 0)
    {
      g_set_error_literal (error, LG_STORE_ERROR, LG_STORE_ERROR_NOT_FOUND,
                           _("The cost’s source has been removed, so the cost cannot come "
                             "back. Add the source again, then the cost."));
      return FALSE;
    }

  lg_cost_set_id (cost, id);
  return TRUE;
}
