/* lg-store-metrics.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store's side of Insights: the reads a metrics report is made of, as
 * sums per chart bin and source, cost shares and first-touch delays.
 * lg-metrics.c turns them into figures; the definitions are in lg-metrics.h.
 */

#pragma once

#include "lg-store.h"

G_BEGIN_DECLS

/* The leads created in one bin of the period from one source (0: none), and,
 * for the won ones, in one currency: won_currency is NULL for the rest, so
 * the values of each currency stay apart. warm, hot and reached_won count the
 * leads that got at least that far (the furthest stage, or the stage now). */
typedef struct
{
  guint       bin;
  gint64      source_id;
  const char *won_currency;
  gint64      leads;
  gint64      warm;
  gint64      hot;
  gint64      reached_won;
  gint64      won;
  gint64      lost;
  gint64      won_value;
  gint64      touched;
} LgStoreCohort;

/* The costs of one source in one currency that overlap the previous period
 * [previous_from, from) or the current one [from, to); a cost row counts by
 * the share of its time inside each. */
typedef struct
{
  gint64      source_id;
  const char *currency;
  double      previous_amount;
  double      current_amount;
  gboolean    in_previous;
  gboolean    in_current;
} LgStoreCostShare;

/* A lead first touched, created in the previous or the current period: the
 * seconds from the message's time (or the lead's, for one not found in a
 * message) and from when it was found (or created) to the first touch. */
typedef struct
{
  gboolean current;
  gint64   source_id;
  gint64   from_message;
  gint64   from_found;
} LgStoreFirstTouch;

typedef void (*LgStoreCohortFunc)     (const LgStoreCohort     *cohort,
                                       gpointer                 user_data);
typedef void (*LgStoreCostShareFunc)  (const LgStoreCostShare  *share,
                                       gpointer                 user_data);
typedef void (*LgStoreFirstTouchFunc) (const LgStoreFirstTouch *touch,
                                       gpointer                 user_data);

/* The currency most costs and won deals are in, NULL (and no error) when
 * there are none. */
char       *lg_store_get_main_currency    (LgStore               *self,
                                           GError               **error);
/* Each source's title (its handle when it has none), by id: a table from
 * gint64 * to char *, both freed with it. */
GHashTable *lg_store_get_source_titles    (LgStore               *self,
                                           GError               **error);
/* Calls func for each group of leads created between bounds[0] and
 * bounds[n_bounds - 1]: bin i runs from bounds[i] to bounds[i + 1]. */
gboolean    lg_store_read_lead_cohorts    (LgStore               *self,
                                           const gint64          *bounds,
                                           guint                  n_bounds,
                                           LgStoreCohortFunc      func,
                                           gpointer               user_data,
                                           GError               **error);
gboolean    lg_store_read_cost_shares     (LgStore               *self,
                                           gint64                 previous_from,
                                           gint64                 from,
                                           gint64                 to,
                                           LgStoreCostShareFunc   func,
                                           gpointer               user_data,
                                           GError               **error);
gboolean    lg_store_read_first_touches   (LgStore               *self,
                                           gint64                 previous_from,
                                           gint64                 from,
                                           gint64                 to,
                                           LgStoreFirstTouchFunc  func,
                                           gpointer               user_data,
                                           GError               **error);

G_END_DECLS
