/* lg-metrics.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lead-generation figures for a period, overall and per source, and the
 * data the Insights charts draw. Every figure names its cohort:
 *
 * - The period is [from, to) in UTC seconds. It selects the leads CREATED in it
 *   (the cohort); what happens to them later, even after `to`, counts for them.
 * - Conversion rate = cohort leads that reached Won (furthest stage, so a won
 *   deal reopened later still counts) ÷ cohort leads × 100.
 * - Lead-to-close rate = cohort leads that are Won now ÷ cohort leads × 100;
 *   win rate = Won ÷ (Won + Lost) × 100, over the same cohort, shown apart.
 * - Cost = the source's cost rows that overlap the period; a row that overlaps
 *   only partly counts pro rata by time (days of overlap ÷ days of the row).
 *   CPL = cost ÷ cohort leads of that source. Overall CPL is blended: all costs
 *   ÷ all cohort leads, those from free sources included.
 * - ROI = (won value − cost) ÷ cost × 100; average deal value = won value ÷
 *   number of won leads.
 * - Speed to lead = median of (first touch − lead time) over cohort leads that
 *   have a first touch, on two clocks: from the originating message's time and
 *   from when a search found the lead. A lead entered by hand (no message, not
 *   found) uses its creation time on both clocks. A touch before the lead time
 *   counts as 0.
 * - Money is in integer minor units of ONE currency, the report's: the one the
 *   caller asks for, or else the currency most costs and won deals use. Costs
 *   and won values in other currencies are left out of the money figures and
 *   listed in other_currencies so the UI can say so.
 * - A figure that cannot be computed (nothing to divide by) has no value
 *   (LgFigure.known is FALSE, shown as "—"), never NaN, infinity or 0.
 */

#pragma once

#include <gio/gio.h>

#include "lg-store.h"

G_BEGIN_DECLS

#define LG_METRICS_NO_VALUE "—"

/* A figure that may have no value. */
typedef struct
{
  gboolean known;
  double   value;
} LgFigure;

LgFigure lg_figure_none   (void);
LgFigure lg_figure_of     (double value);
/* numerator ÷ denominator × scale; no value when the denominator is 0. */
LgFigure lg_figure_ratio  (double numerator,
                           double denominator,
                           double scale);
/* The change from before to now: in points (now − before) for rates, else
 * relative in percent ((now − before) ÷ before × 100; no value when before is 0). */
LgFigure lg_figure_change (LgFigure now,
                           LgFigure before,
                           gboolean points);

typedef enum
{
  LG_SPEED_FROM_MESSAGE, /* first touch − the message's time */
  LG_SPEED_FROM_FOUND,   /* first touch − when a search found the lead */
  LG_N_SPEED_CLOCKS
} LgSpeedClock;

/* The figures of one cohort: a period's leads, overall or from one source. */
typedef struct
{
  gint64   leads;           /* created in the period */
  gint64   warm;            /* of those, reached Warm or beyond */
  gint64   hot;             /* reached Hot or beyond */
  gint64   reached_won;     /* reached Won at some time */
  gint64   won;             /* are Won now */
  gint64   lost;            /* are Lost now */
  gint64   won_counted;     /* Won now with a value in the report's currency */
  gint64   won_value;       /* their value, minor units */
  gint64   touched;         /* have a first touch */
  gboolean has_cost;        /* a cost row in the report's currency overlaps */

  LgFigure cost;            /* pro-rated, minor units, rounded; no value without cost rows */
  LgFigure cpl;             /* minor units */
  LgFigure conversion;      /* percent */
  LgFigure lead_to_close;   /* percent */
  LgFigure win_rate;        /* percent */
  LgFigure roi;             /* percent */
  LgFigure avg_deal;        /* minor units */
  LgFigure speed[LG_N_SPEED_CLOCKS]; /* median, seconds */
} LgMetricsFigures;

typedef enum
{
  LG_BIN_DAY,
  LG_BIN_WEEK,  /* weeks start on Monday */
  LG_BIN_MONTH,
} LgBinSize;

/* One bar of "leads over time": [start, end), local calendar boundaries. */
typedef struct
{
  gint64   start;
  gint64   end;
  gint64   leads;
  gint64   reached_won;
  LgFigure conversion;  /* percent of this bin's leads that reached Won */
  gint64  *by_source;   /* leads per source, in the order of the report's sources */
} LgMetricsBin;

/* Speed-to-lead histogram buckets (upper bounds in seconds, exclusive). */
#define LG_SPEED_N_BUCKETS 9
extern const gint64 lg_speed_bucket_upper[LG_SPEED_N_BUCKETS];

#define LG_FUNNEL_N_STEPS 4 /* Cold (all) → Warm → Hot → Won */

typedef struct
{
  gint64            from;
  gint64            to;
  gint64            previous_from;    /* the previous period: [previous_from, from) */
  char             *currency;
  char             *other_currencies; /* "EUR, GBP", or NULL */
  LgMetricsFigures  total;
  LgMetricsFigures  previous;         /* the same figures for the previous period */
  GListModel       *sources;          /* LgMetricsRow, most leads first */
  LgBinSize         bin_size;
  GArray           *bins;             /* LgMetricsBin */
  gint64            funnel[LG_FUNNEL_N_STEPS];
  gint64            speed_hist[LG_N_SPEED_CLOCKS][LG_SPEED_N_BUCKETS];
} LgMetricsReport;

#define LG_TYPE_METRICS_REPORT (lg_metrics_report_get_type ())
GType            lg_metrics_report_get_type (void) G_GNUC_CONST;
LgMetricsReport *lg_metrics_report_ref      (LgMetricsReport *report);
void             lg_metrics_report_unref    (LgMetricsReport *report);
gboolean         lg_metrics_report_is_empty (LgMetricsReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LgMetricsReport, lg_metrics_report_unref)

/* What to compute. tz places the chart bins on local days; NULL is local time. */
typedef struct
{
  gint64      from;
  gint64      to;
  const char *currency;  /* NULL: the database's main currency */
  GTimeZone  *tz;
} LgMetricsQuery;

LgMetricsReport *lg_metrics_compute        (LgStore              *store,
                                            const LgMetricsQuery *query,
                                            GError              **error);
/* On a worker thread with its own connection to the database at db_path. */
void             lg_metrics_compute_async  (const char           *db_path,
                                            const LgMetricsQuery *query,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
LgMetricsReport *lg_metrics_compute_finish (GAsyncResult         *result,
                                            GError              **error);

/* Bin boundaries for [from, to): from, each local day/week/month start, to. */
GArray          *lg_metrics_make_bins      (gint64                from,
                                            gint64                to,
                                            GTimeZone            *tz,
                                            LgBinSize            *size);

G_END_DECLS
