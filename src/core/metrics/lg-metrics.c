/* lg-metrics.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A report from the store's three passes (lg-store-metrics.c): the leads
 * created in the previous and the current period by chart bin and source, the
 * costs that overlap either period, and the speed-to-lead durations, whose
 * medians are taken here. Definitions: see the header.
 */

#define G_LOG_DOMAIN "lg-metrics"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lg-metrics.h"
#include "lg-metrics-row.h"
#include "lg-store-metrics.h"

const gint64 lg_speed_bucket_upper[LG_SPEED_N_BUCKETS] = {
  15 * 60, 60 * 60, 4 * 3600, 12 * 3600, 86400, 2 * 86400, 4 * 86400, 7 * 86400, G_MAXINT64,
};

LgFigure
lg_figure_none (void)
{
  return (LgFigure) { FALSE, 0.0 };
}

LgFigure
lg_figure_of (double value)
{
  if (!isfinite (value))
    return lg_figure_none ();
  return (LgFigure) { TRUE, value };
}

LgFigure
lg_figure_ratio (double numerator,
                 double denominator,
                 double scale)
{
  if (denominator == 0.0)
    return lg_figure_none ();
  return lg_figure_of (numerator / denominator * scale);
}

LgFigure
lg_figure_change (LgFigure now,
                  LgFigure before,
                  gboolean points)
{
  if (!now.known || !before.known)
    return lg_figure_none ();
  if (points)
    return lg_figure_of (now.value - before.value);
  return lg_figure_ratio (now.value - before.value, fabs (before.value), 100.0);
}

/* Report */

static void
clear_bin (gpointer data)
{
  LgMetricsBin *bin = data;

  g_free (bin->by_source);
}

static LgMetricsReport *
report_new (void)
{
  LgMetricsReport *report = g_atomic_rc_box_new0 (LgMetricsReport);

  report->bins = g_array_new (FALSE, TRUE, sizeof (LgMetricsBin));
  g_array_set_clear_func (report->bins, clear_bin);
  return report;
}

LgMetricsReport *
lg_metrics_report_ref (LgMetricsReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);

  return g_atomic_rc_box_acquire (report);
}

static void
report_clear (gpointer data)
{
  LgMetricsReport *report = data;

  g_free (report->currency);
  g_free (report->other_currencies);
  g_clear_object (&report->sources);
  g_array_unref (report->bins);
}

void
lg_metrics_report_unref (LgMetricsReport *report)
{
  g_return_if_fail (report != NULL);

  g_atomic_rc_box_release_full (report, report_clear);
}

G_DEFINE_BOXED_TYPE (LgMetricsReport, lg_metrics_report,
                     lg_metrics_report_ref, lg_metrics_report_unref)

/* Nothing to show: no lead created in the period and no cost entered for it. */
gboolean
lg_metrics_report_is_empty (LgMetricsReport *report)
{
  g_return_val_if_fail (report != NULL, TRUE);

  return report->total.leads == 0 && !report->total.has_cost;
}

/* Bins */

static GDateTime *
next_boundary (GDateTime *t,
               LgBinSize  size)
{
  switch (size)
    {
    case LG_BIN_DAY:
      return g_date_time_add_days (t, 1);
    case LG_BIN_WEEK:
      return g_date_time_add_days (t, 8 - g_date_time_get_day_of_week (t));
    case LG_BIN_MONTH:
    default:
      {
        g_autoptr(GDateTime) first = g_date_time_add_days (t, 1 - g_date_time_get_day_of_month (t));

        return g_date_time_add_months (first, 1);
      }
    }
}

GArray *
lg_metrics_make_bins (gint64      from,
                      gint64      to,
                      GTimeZone  *tz,
                      LgBinSize  *size)
{
  g_autoptr(GTimeZone) local = tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_local ();
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (from);
  g_autoptr(GDateTime) there = NULL;
  g_autoptr(GDateTime) t = NULL;
  GArray *bounds = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 days = (to - from + 86399) / 86400;
  LgBinSize bin_size;

  g_return_val_if_fail (to > from, bounds);

  /* About 10 to 60 bars whatever the period. */
  bin_size = days <= 31 ? LG_BIN_DAY : days <= 400 ? LG_BIN_WEEK : LG_BIN_MONTH;
  if (size != NULL)
    *size = bin_size;

  g_array_append_val (bounds, from);

  there = g_date_time_to_timezone (utc, local);
  t = g_date_time_new (local, g_date_time_get_year (there), g_date_time_get_month (there),
                       g_date_time_get_day_of_month (there), 0, 0, 0);
  for (;;)
    {
      GDateTime *next = next_boundary (t, bin_size);
      gint64 at = g_date_time_to_unix (next);

      g_date_time_unref (t);
      t = next;
      if (at >= to)
        break;
      if (at > from)
        g_array_append_val (bounds, at);
    }

  g_array_append_val (bounds, to);
  return bounds;
}

/* Computation */

/* One cohort being summed up: its counts, its cost before rounding, and its
 * speed-to-lead durations for the medians. */
typedef struct
{
  LgMetricsFigures *f;
  double            cost;
  GArray           *durations[LG_N_SPEED_CLOCKS];
} Cohort;

typedef struct
{
  gint64        source_id;
  LgMetricsRow *row;
  Cohort        cohort;
  guint         index;
} SourceAcc;

/* One row of the aggregate: leads of one source in one bin. */
typedef struct
{
  guint  bin;
  gint64 source_id;
  gint64 leads;
  gint64 reached_won;
} BinCell;

typedef struct
{
  LgStore          *store;
  LgMetricsReport  *report;
  Cohort            total;
  Cohort            previous;
  GHashTable       *sources;  /* source id -> SourceAcc */
  GHashTable       *titles;   /* source id -> title */
  GHashTable       *others;   /* currencies left out */
  GArray           *cells;    /* BinCell */
} Computation;

static void
cohort_init (Cohort           *cohort,
             LgMetricsFigures *figures)
{
  cohort->f = figures;
  for (int c = 0; c < LG_N_SPEED_CLOCKS; c++)
    cohort->durations[c] = g_array_new (FALSE, FALSE, sizeof (gint64));
}

static void
cohort_clear (Cohort *cohort)
{
  for (int c = 0; c < LG_N_SPEED_CLOCKS; c++)
    g_clear_pointer (&cohort->durations[c], g_array_unref);
}

static void
free_source_acc (gpointer data)
{
  SourceAcc *acc = data;

  cohort_clear (&acc->cohort);
  g_clear_object (&acc->row);
  g_free (acc);
}

static SourceAcc *
get_source (Computation *comp,
            gint64       source_id)
{
  SourceAcc *acc = g_hash_table_lookup (comp->sources, &source_id);
  const char *title;

  if (acc != NULL)
    return acc;

  title = g_hash_table_lookup (comp->titles, &source_id);
  acc = g_new0 (SourceAcc, 1);
  acc->source_id = source_id;
  acc->row = lg_metrics_row_new (source_id, title != NULL ? title : _("No source"));
  cohort_init (&acc->cohort, lg_metrics_row_edit_figures (acc->row));
  g_hash_table_insert (comp->sources, &acc->source_id, acc);
  return acc;
}

static int
compare_durations (gconstpointer a,
                   gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static LgFigure
median (GArray *values)
{
  guint n = values->len;

  if (n == 0)
    return lg_figure_none ();

  g_array_sort (values, compare_durations);
  if (n % 2 == 1)
    return lg_figure_of (g_array_index (values, gint64, n / 2));
  return lg_figure_of ((g_array_index (values, gint64, n / 2 - 1) +
                        g_array_index (values, gint64, n / 2)) / 2.0);
}

/* The figures that follow from the counts. */
static void
cohort_finish (Cohort *cohort)
{
  LgMetricsFigures *f = cohort->f;
  double cost;

  cost = (double) llround (cohort->cost);
  f->cost = f->has_cost ? lg_figure_of (cost) : lg_figure_none ();

  f->conversion = lg_figure_ratio (f->reached_won, f->leads, 100.0);
  f->lead_to_close = lg_figure_ratio (f->won, f->leads, 100.0);
  f->win_rate = lg_figure_ratio (f->won, f->won + f->lost, 100.0);
  f->avg_deal = lg_figure_ratio (f->won_value, f->won_counted, 1.0);
  f->cpl = f->has_cost ? lg_figure_ratio (cost, f->leads, 1.0) : lg_figure_none ();
  f->roi = f->has_cost ? lg_figure_ratio (f->won_value - cost, cost, 100.0) : lg_figure_none ();
  for (int c = 0; c < LG_N_SPEED_CLOCKS; c++)
    f->speed[c] = median (cohort->durations[c]);
}

static gboolean
read_main_currency (Computation  *comp,
                    const char   *wanted,
                    GError      **error)
{
  GError *local_error = NULL;

  if (wanted != NULL && *wanted != '\0')
    {
      comp->report->currency = g_ascii_strup (wanted, -1);
      return TRUE;
    }

  comp->report->currency = lg_store_get_main_currency (comp->store, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (comp->report->currency == NULL)
    comp->report->currency = g_strdup ("USD");
  return TRUE;
}

static void
add_counts (LgMetricsFigures    *f,
            const LgStoreCohort *cohort,
            gboolean             counted_currency)
{
  f->leads += cohort->leads;
  f->warm += cohort->warm;
  f->hot += cohort->hot;
  f->reached_won += cohort->reached_won;
  f->won += cohort->won;
  f->lost += cohort->lost;
  f->touched += cohort->touched;
  if (counted_currency)
    {
      f->won_counted += cohort->won;
      f->won_value += cohort->won_value;
    }
}

/* Bin 0 is the previous period; bins 1… split the current one for the charts. */
static void
add_cohort (const LgStoreCohort *cohort,
            gpointer             user_data)
{
  Computation *comp = user_data;
  const char *currency = cohort->won_currency;
  gboolean counted = currency != NULL && g_strcmp0 (currency, comp->report->currency) == 0;
  BinCell cell;

  if (currency != NULL && !counted)
    g_hash_table_add (comp->others, g_strdup (currency));

  if (cohort->bin == 0)
    {
      add_counts (comp->previous.f, cohort, counted);
      return;
    }

  add_counts (comp->total.f, cohort, counted);
  add_counts (get_source (comp, cohort->source_id)->cohort.f, cohort, counted);

  cell.bin = cohort->bin - 1;
  cell.source_id = cohort->source_id;
  cell.leads = cohort->leads;
  cell.reached_won = cohort->reached_won;
  g_array_append_val (comp->cells, cell);
}

static void
add_cost_share (const LgStoreCostShare *share,
                gpointer                user_data)
{
  Computation *comp = user_data;
  SourceAcc *acc;

  if (g_strcmp0 (share->currency, comp->report->currency) != 0)
    {
      if (share->in_current)
        g_hash_table_add (comp->others, g_strdup (share->currency));
      return;
    }

  if (share->in_previous)
    {
      comp->previous.cost += share->previous_amount;
      comp->previous.f->has_cost = TRUE;
    }
  if (share->in_current)
    {
      acc = get_source (comp, share->source_id);
      acc->cohort.cost += share->current_amount;
      acc->cohort.f->has_cost = TRUE;
      comp->total.cost += share->current_amount;
      comp->total.f->has_cost = TRUE;
    }
}

static guint
speed_bucket (gint64 seconds)
{
  guint i = 0;

  while (i < LG_SPEED_N_BUCKETS - 1 && seconds >= lg_speed_bucket_upper[i])
    i++;
  return i;
}

static void
add_first_touch (const LgStoreFirstTouch *touch,
                 gpointer                 user_data)
{
  Computation *comp = user_data;
  SourceAcc *acc = touch->current ? get_source (comp, touch->source_id) : NULL;
  gint64 clocks[LG_N_SPEED_CLOCKS];

  clocks[LG_SPEED_FROM_MESSAGE] = touch->from_message;
  clocks[LG_SPEED_FROM_FOUND] = touch->from_found;
  for (int c = 0; c < LG_N_SPEED_CLOCKS; c++)
    {
      gint64 seconds = clocks[c];

      if (!touch->current)
        {
          g_array_append_val (comp->previous.durations[c], seconds);
          continue;
        }
      g_array_append_val (comp->total.durations[c], seconds);
      g_array_append_val (acc->cohort.durations[c], seconds);
      comp->report->speed_hist[c][speed_bucket (seconds)]++;
    }
}

static int
compare_sources (gconstpointer a,
                 gconstpointer b)
{
  const SourceAcc *x = *(SourceAcc * const *) a;
  const SourceAcc *y = *(SourceAcc * const *) b;
  const LgMetricsFigures *fx = x->cohort.f, *fy = y->cohort.f;

  if (fx->leads != fy->leads)
    return fx->leads > fy->leads ? -1 : 1;
  if (x->cohort.cost != y->cohort.cost)
    return x->cohort.cost > y->cohort.cost ? -1 : 1;
  return g_utf8_collate (lg_metrics_row_get_title (x->row), lg_metrics_row_get_title (y->row));
}

static void
build_sources_and_bins (Computation *comp,
                        GArray      *bounds)
{
  LgMetricsReport *report = comp->report;
  g_autoptr(GPtrArray) accs = g_ptr_array_new ();
  GListStore *rows = g_list_store_new (LG_TYPE_METRICS_ROW);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, comp->sources);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (accs, value);

  g_ptr_array_sort (accs, compare_sources);
  for (guint i = 0; i < accs->len; i++)
    {
      SourceAcc *acc = g_ptr_array_index (accs, i);

      acc->index = i;
      cohort_finish (&acc->cohort);
      g_list_store_append (rows, acc->row);
    }
  report->sources = G_LIST_MODEL (rows);

  /* bounds[0] is the previous period's start; bins run from bounds[1]. */
  for (guint i = 1; i + 1 < bounds->len; i++)
    {
      LgMetricsBin bin = { 0 };

      bin.start = g_array_index (bounds, gint64, i);
      bin.end = g_array_index (bounds, gint64, i + 1);
      bin.by_source = g_new0 (gint64, MAX (accs->len, 1));
      g_array_append_val (report->bins, bin);
    }

  for (guint i = 0; i < comp->cells->len; i++)
    {
      BinCell *cell = &g_array_index (comp->cells, BinCell, i);
      LgMetricsBin *bin = &g_array_index (report->bins, LgMetricsBin, cell->bin);
      SourceAcc *acc = g_hash_table_lookup (comp->sources, &cell->source_id);

      bin->leads += cell->leads;
      bin->reached_won += cell->reached_won;
      bin->by_source[acc->index] += cell->leads;
    }

  for (guint i = 0; i < report->bins->len; i++)
    {
      LgMetricsBin *bin = &g_array_index (report->bins, LgMetricsBin, i);

      bin->conversion = lg_figure_ratio (bin->reached_won, bin->leads, 100.0);
    }
}

static int
compare_str_ptrs (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static char *
join_currencies (GHashTable *others)
{
  g_autofree gpointer *list = NULL;
  guint n;

  if (g_hash_table_size (others) == 0)
    return NULL;

  list = g_hash_table_get_keys_as_array (others, &n);
  g_qsort_with_data (list, n, sizeof (gpointer), compare_str_ptrs, NULL);
  return g_strjoinv (", ", (char **) list);
}

LgMetricsReport *
lg_metrics_compute (LgStore              *store,
                    const LgMetricsQuery *query,
                    GError              **error)
{
  g_autoptr(LgMetricsReport) report = NULL;
  g_autoptr(GArray) bounds = NULL;
  Computation comp = { 0 };
  gboolean ok;

  g_return_val_if_fail (LG_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (query->to <= query->from)
    {
      g_set_error_literal (error, LG_STORE_ERROR, LG_STORE_ERROR_INVALID,
                           _("The period ends before it starts. Choose an end date after the "
                             "start date."));
      return NULL;
    }

  report = report_new ();
  report->from = query->from;
  report->to = query->to;
  report->previous_from = query->from - (query->to - query->from);

  bounds = lg_metrics_make_bins (query->from, query->to, query->tz, &report->bin_size);
  g_array_prepend_val (bounds, report->previous_from);

  comp.store = store;
  comp.report = report;
  comp.sources = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, free_source_acc);
  comp.others = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  comp.cells = g_array_new (FALSE, FALSE, sizeof (BinCell));
  cohort_init (&comp.total, &report->total);
  cohort_init (&comp.previous, &report->previous);

  /* One read transaction: the passes see the same data. */
  ok = lg_store_read_begin (store, error);
  ok = ok &&
       read_main_currency (&comp, query->currency, error) &&
       (comp.titles = lg_store_get_source_titles (store, error)) != NULL &&
       lg_store_read_lead_cohorts (store, (const gint64 *) bounds->data, bounds->len,
                                   add_cohort, &comp, error) &&
       lg_store_read_cost_shares (store, report->previous_from, report->from, report->to,
                                  add_cost_share, &comp, error) &&
       lg_store_read_first_touches (store, report->previous_from, report->from, report->to,
                                    add_first_touch, &comp, error);
  lg_store_read_end (store);

  if (ok)
    {
      cohort_finish (&comp.total);
      cohort_finish (&comp.previous);
      build_sources_and_bins (&comp, bounds);
      report->other_currencies = join_currencies (comp.others);
      report->funnel[0] = report->total.leads;
      report->funnel[1] = report->total.warm;
      report->funnel[2] = report->total.hot;
      report->funnel[3] = report->total.reached_won;
    }

  cohort_clear (&comp.total);
  cohort_clear (&comp.previous);
  g_hash_table_unref (comp.sources);
  g_clear_pointer (&comp.titles, g_hash_table_unref);
  g_hash_table_unref (comp.others);
  g_array_unref (comp.cells);

  return ok ? g_steal_pointer (&report) : NULL;
}

/* On a worker */

typedef struct
{
  LgMetricsQuery   query;
  char            *currency;
  LgMetricsReport *report;
} ComputeData;

static void
compute_data_free (ComputeData *data)
{
  g_clear_pointer (&data->report, lg_metrics_report_unref);
  g_free (data->currency);
  g_clear_pointer (&data->query.tz, g_time_zone_unref);
  g_free (data);
}

static gboolean
compute_work (LgStore       *store,
              gpointer       source_object,
              gpointer       task_data,
              GCancellable  *cancellable,
              GError       **error)
{
  ComputeData *data = task_data;

  data->report = lg_metrics_compute (store, &data->query, error);
  return data->report != NULL;
}

void
lg_metrics_compute_async (const char           *db_path,
                          const LgMetricsQuery *query,
                          GCancellable         *cancellable,
                          GAsyncReadyCallback   callback,
                          gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  ComputeData *data;

  g_return_if_fail (db_path != NULL);
  g_return_if_fail (query != NULL);

  data = g_new0 (ComputeData, 1);
  data->query = *query;
  data->currency = g_strdup (query->currency);
  data->query.currency = data->currency;
  data->query.tz = query->tz != NULL ? g_time_zone_ref (query->tz) : NULL;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lg_metrics_compute_async);
  g_task_set_task_data (task, data, (GDestroyNotify) compute_data_free);
  lg_store_run_in_thread (task, db_path, compute_work);
}

LgMetricsReport *
lg_metrics_compute_finish (GAsyncResult  *result,
                           GError       **error)
{
  ComputeData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  /* A cancelled computation is an error here, as GTask checks the cancellable. */
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  data = g_task_get_task_data (G_TASK (result));
  return g_steal_pointer (&data->report);
}
