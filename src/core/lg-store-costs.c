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
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LG_IS_STORE (self), 0);

  if (period_end <= period_start)
    {
      g_set_error_literal (error, LG_STORE_ERROR, LG_STORE_ERROR_INVALID,
                           _("The cost’s period ends before it starts. "
                             "Choose an end date after the start date."));
      return 0;
    }
  if (amount < 0)
    {
      g_set_error_literal (error, LG_STORE_ERROR, LG_STORE_ERROR_INVALID,
                           _("A cost cannot be negative. Enter what the source cost, or 0 if "
                             "it was free."));
      return 0;
    }
  if (!is_currency_code (currency))
    {
      g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_INVALID,
                   _("“%s” is not a currency code. Use three capital letters, such as USD or EUR."),
                   currency != NULL ? currency : "");
      return 0;
    }

  stmt = lg_store_prepare (self,
                           "INSERT INTO costs (source_id, period_start, period_end, amount, currency, "
                           "note) SELECT id, ?2, ?3, ?4, ?5, coalesce (?6, '') FROM sources WHERE id = ?1",
                           error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, source_id);
  sqlite3_bind_int64 (stmt, 2, period_start);
  sqlite3_bind_int64 (stmt, 3, period_end);
  sqlite3_bind_int64 (stmt, 4, amount);
  sqlite3_bind_text (stmt, 5, currency, -1, SQLITE_TRANSIENT);
  lg_stmt_bind_text (stmt, 6, note);

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      lg_store_set_error (self, error, _("Could not save the cost"));
      return 0;
    }
  if (sqlite3_changes (lg_store_get_db (self)) == 0)
    {
      g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_NOT_FOUND,
                   _("There is no source with id %" PRId64 ". Choose one of your sources."),
                   source_id);
      return 0;
    }

  return sqlite3_last_insert_rowid (lg_store_get_db (self));
}
