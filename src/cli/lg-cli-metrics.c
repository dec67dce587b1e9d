/* lg-cli-metrics.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `metrics`: the Insights figures for a period.
 */

#define G_LOG_DOMAIN "lg-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-cli.h"
#include "lg-format.h"
#include "lg-metrics-export.h"
#include "lg-metrics-format.h"
#include "lg-metrics-row.h"
#include "lg-pipeline.h"

#define DAY 86400

/* --from and --to name days; --to is included. Without them: the last 90 days. */
static gboolean
resolve_period (const char  *from_text,
                const char  *to_text,
                gint64      *from,
                gint64      *to,
                GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  lg_period_from_preset (LG_PERIOD_LAST_90_DAYS, now, from, to);

  if (to_text != NULL)
    {
      if (!lg_parse_date (to_text, NULL, to, error))
        return FALSE;
      *to += DAY;
      if (from_text == NULL)
        *from = *to - 90 * DAY;
    }
  if (from_text != NULL && !lg_parse_date (from_text, NULL, from, error))
    return FALSE;

  if (*to <= *from)
    {
      g_set_error_literal (error, LG_FORMAT_ERROR, LG_FORMAT_ERROR_INVALID_DATE,
                           _("--to is before --from. Give an end date on or after the start date."));
      return FALSE;
    }
  return TRUE;
}

static void
print_text (LgMetricsReport *report,
            gboolean         by_source)
{
  static const LgCliColumn figure_columns[] = { { 32 }, { -14 }, { -14 }, { -10 } };
  static const LgCliColumn source_columns[] = {
    { 24 }, { -7 }, { -11 }, { -12 }, { -14 }, { -10 }, { -12 },
  };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *period = lg_format_period (report->from, report->to, now, NULL);
  g_autofree char *previous = lg_format_period (report->previous_from, report->from, now, NULL);
  guint n = g_list_model_get_n_items (report->sources);

  g_print (_("Period:   %s — leads created in it\n"), period);
  g_print (_("Compared: %s (the previous period of the same length)\n"), previous);
  g_print (_("Money in %s; costs overlapping the period count pro rata by days.\n"),
           report->currency);
  if (report->other_currencies != NULL)
    g_print (_("Left out of the money figures: amounts in %s.\n"), report->other_currencies);
  g_print ("\n");
  lg_cli_print_row (figure_columns,
                    (const char *[]) { "", _("This period"), _("Previous"), _("Change") },
                    G_N_ELEMENTS (figure_columns));

  for (guint i = 0; i < lg_n_figure_infos; i++)
    {
      const LgFigureInfo *info = &lg_figure_infos[i];
      LgFigure current = lg_figure_info_get (info, &report->total);
      LgFigure before = lg_figure_info_get (info, &report->previous);
      g_autofree char *a = lg_format_figure (current, info->unit, report->currency);
      g_autofree char *b = lg_format_figure (before, info->unit, report->currency);
      g_autofree char *c = lg_format_change (lg_figure_change (current, before, info->points),
                                             info->points);

      lg_cli_print_row (figure_columns, (const char *[]) { _(info->label), a, b, c },
                        G_N_ELEMENTS (figure_columns));
    }

  if (!by_source)
    return;

  g_print ("\n");
  lg_cli_print_row (source_columns,
                    (const char *[]) { _("Source"), _("Leads"), _("Conversion"), _("CPL"),
                                       _("Won value"), _("ROI"), _("Speed") },
                    G_N_ELEMENTS (source_columns));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LgMetricsRow) row = g_list_model_get_item (report->sources, i);
      const LgMetricsFigures *f = lg_metrics_row_get_figures (row);
      const char *currency = report->currency;
      g_autofree char *conversion = lg_format_figure (f->conversion, LG_UNIT_PERCENT, currency);
      g_autofree char *cpl = lg_format_figure (f->cpl, LG_UNIT_MONEY, currency);
      g_autofree char *won = lg_format_money (f->won_value, currency);
      g_autofree char *roi = lg_format_figure (f->roi, LG_UNIT_PERCENT, currency);
      g_autofree char *speed = lg_format_figure (f->speed[LG_SPEED_FROM_MESSAGE],
                                                 LG_UNIT_DURATION, currency);

      g_autofree char *leads = g_strdup_printf ("%" G_GINT64_FORMAT, f->leads);

      lg_cli_print_row (source_columns,
                        (const char *[]) { lg_metrics_row_get_title (row), leads, conversion,
                                           cpl, won, roi, speed },
                        G_N_ELEMENTS (source_columns));
    }
}

LgMetricsReport *
lg_cli_metrics_report (LgCli       *cli,
                       const char  *from_text,
                       const char  *to_text,
                       const char  *currency,
                       GError     **error)
{
  LgMetricsQuery query = { 0 };
  LgStore *store;

  if (!resolve_period (from_text, to_text, &query.from, &query.to, error))
    return NULL;
  query.currency = currency;

  store = lg_cli_get_store (cli, error);
  if (store == NULL)
    return NULL;
  return lg_metrics_compute (store, &query, error);
}

int
lg_cli_metrics (LgCli  *cli,
                int     argc,
                char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgMetricsReport) report = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *currency = NULL;
  gboolean by_source = FALSE, json = FALSE, csv = FALSE;
  const GOptionEntry entries[] = {
    LG_CLI_PERIOD_OPTIONS (from_text, to_text, currency),
    { "by-source", 0, 0, G_OPTION_ARG_NONE, &by_source, N_("Also show each source"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print CSV"), NULL },
    { NULL }
  };

  if (!lg_cli_parse (&argc, &argv, "metrics", "",
                     N_("Show leads, cost per lead, conversion, speed to lead and ROI for a "
                        "period (the leads created in it)"),
                     entries, &error))
    return lg_cli_fail_error (error);

  if (json && csv)
    return lg_cli_fail (_("--json and --csv cannot be used together; choose one."));
  if (argc > 1)
    return lg_cli_fail (_("unexpected argument “%s”; run “leadgram-cli metrics --help”"), argv[1]);

  report = lg_cli_metrics_report (cli, from_text, to_text, currency, &error);
  if (report == NULL)
    return lg_cli_fail_error (error);

  if (json)
    {
      g_autofree char *text = lg_metrics_report_to_json (report, by_source);

      g_print ("%s\n", text);
    }
  else if (csv)
    {
      g_autofree char *text = lg_metrics_report_to_csv (report, by_source, &error);

      if (text == NULL)
        return lg_cli_fail_error (error);
      g_print ("%s", text);
    }
  else
    print_text (report, by_source);

  return 0;
}
