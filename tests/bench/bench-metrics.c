/* bench-metrics.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A full Insights refresh (every figure, the previous period, the per-source
 * rows and the chart data) over 100,000 leads and 1,000,000 messages, on a
 * worker's fresh connection as the view does it. Prints milliseconds.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "lg-gen-insights.h"
#include "lg-metrics-format.h"
#include "lg-metrics.h"

#define RUNS 5

static LgMetricsReport *result;

static void
on_done_cb (GObject      *object,
            GAsyncResult *res,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  result = lg_metrics_compute_finish (res, &error);
  g_assert_no_error (error);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("leadgram-bench-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "bench.db", NULL);
  g_autoptr(LgStore) store = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  LgGenOptions options = { 100000, 1000000, 24, g_date_time_to_unix (now), 7 };
  static const struct { LgPeriodPreset preset; const char *name; } periods[] = {
    { LG_PERIOD_THIS_WEEK, "this week" },
    { LG_PERIOD_THIS_MONTH, "this month" },
    { LG_PERIOD_LAST_90_DAYS, "last 90 days" },
    { LG_PERIOD_THIS_YEAR, "this year" },
  };
  gint64 start;

  g_assert_no_error (error);
  store = lg_store_open (path, &error);
  g_assert_no_error (error);

  start = g_get_monotonic_time ();
  g_assert_true (lg_gen_insights (store, &options, &error));
  g_assert_no_error (error);
  g_print ("generated %u leads, %u messages over %u months in %.1f s\n", options.n_leads,
           options.n_messages, options.months, (g_get_monotonic_time () - start) / 1e6);

  for (guint p = 0; p <= G_N_ELEMENTS (periods); p++)
    {
      LgMetricsQuery query = { 0 };
      double ms[RUNS];
      const char *name = p < G_N_ELEMENTS (periods) ? periods[p].name : "all 24 months";
      gint64 leads = 0;

      if (p < G_N_ELEMENTS (periods))
        lg_period_from_preset (periods[p].preset, now, &query.from, &query.to);
      else
        {
          query.to = options.now + 1;
          query.from = options.now - (gint64) options.months * 30 * 86400;
        }

      for (guint r = 0; r < RUNS; r++)
        {
          start = g_get_monotonic_time ();
          lg_metrics_compute_async (path, &query, NULL, on_done_cb, NULL);
          while (result == NULL)
            g_main_context_iteration (NULL, TRUE);
          ms[r] = (g_get_monotonic_time () - start) / 1000.0;
          leads = result->total.leads + result->previous.leads;
          g_clear_pointer (&result, lg_metrics_report_unref);
        }
      qsort (ms, RUNS, sizeof (double), compare_doubles);
      g_print ("full Insights refresh, %-14s (%6" G_GINT64_FORMAT " leads in both periods): "
               "median %.1f ms, max %.1f ms\n", name, leads, ms[RUNS / 2], ms[RUNS - 1]);
    }

  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_remove (wal);
    g_remove (shm);
    g_remove (path);
    g_rmdir (dir);
  }
  return 0;
}
