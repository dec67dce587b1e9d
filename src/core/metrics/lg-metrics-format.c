/* lg-metrics-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-metrics"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stddef.h>

#include "lg-format.h"
#include "lg-metrics-format.h"
#include "lg-pipeline.h"

#define COUNT(key, label, field) \
  { key, label, LG_UNIT_COUNT, offsetof (LgMetricsFigures, field), TRUE, FALSE, FALSE }

const LgFigureInfo lg_figure_infos[] = {
  COUNT ("leads", N_("Leads"), leads),
  COUNT ("reached_won", N_("Reached Won"), reached_won),
  COUNT ("won", N_("Won"), won),
  COUNT ("lost", N_("Lost"), lost),
  { "conversion", N_("Conversion Rate"), LG_UNIT_PERCENT,
    offsetof (LgMetricsFigures, conversion), FALSE, TRUE, FALSE },
  { "lead_to_close", N_("Lead-to-Close Rate"), LG_UNIT_PERCENT,
    offsetof (LgMetricsFigures, lead_to_close), FALSE, TRUE, FALSE },
  { "win_rate", N_("Win Rate"), LG_UNIT_PERCENT,
    offsetof (LgMetricsFigures, win_rate), FALSE, TRUE, FALSE },
  { "cost", N_("Cost"), LG_UNIT_MONEY, offsetof (LgMetricsFigures, cost), FALSE, FALSE, TRUE },
  { "cpl", N_("Cost per Lead"), LG_UNIT_MONEY, offsetof (LgMetricsFigures, cpl), FALSE, FALSE, TRUE },
  { "won_value", N_("Won Value"), LG_UNIT_MONEY,
    offsetof (LgMetricsFigures, won_value), TRUE, FALSE, FALSE },
  { "roi", N_("ROI"), LG_UNIT_PERCENT, offsetof (LgMetricsFigures, roi), FALSE, TRUE, FALSE },
  { "avg_deal", N_("Average Deal Value"), LG_UNIT_MONEY,
    offsetof (LgMetricsFigures, avg_deal), FALSE, FALSE, FALSE },
  { "speed_from_message", N_("Speed to Lead (from message)"), LG_UNIT_DURATION,
    offsetof (LgMetricsFigures, speed[LG_SPEED_FROM_MESSAGE]), FALSE, FALSE, TRUE },
  { "speed_from_found", N_("Speed to Lead (from found)"), LG_UNIT_DURATION,
    offsetof (LgMetricsFigures, speed[LG_SPEED_FROM_FOUND]), FALSE, FALSE, TRUE },
};

const guint lg_n_figure_infos = G_N_ELEMENTS (lg_figure_infos);

const LgFigureInfo *
lg_figure_info_lookup (const char *key)
{
  for (guint i = 0; i < lg_n_figure_infos; i++)
    if (g_str_equal (lg_figure_infos[i].key, key))
      return &lg_figure_infos[i];
  g_return_val_if_reached (NULL);
}

LgFigure
lg_figure_info_get (const LgFigureInfo     *info,
                    const LgMetricsFigures *figures)
{
  const char *base = (const char *) figures;

  g_return_val_if_fail (info != NULL && figures != NULL, lg_figure_none ());

  if (info->is_count)
    return lg_figure_of ((double) *(const gint64 *) (base + info->offset));
  return *(const LgFigure *) (base + info->offset);
}

/* Periods and dates */

static gint64
day_start (GDateTime *t,
           int        add_days)
{
  g_autoptr(GDateTime) midnight = g_date_time_new (g_date_time_get_timezone (t),
                                                   g_date_time_get_year (t),
                                                   g_date_time_get_month (t),
                                                   g_date_time_get_day_of_month (t), 0, 0, 0);
  g_autoptr(GDateTime) moved = g_date_time_add_days (midnight, add_days);

  return g_date_time_to_unix (moved);
}

void
lg_period_from_preset (LgPeriodPreset  preset,
                       GDateTime      *now,
                       gint64         *from,
                       gint64         *to)
{
  GTimeZone *tz;
  int year, month;

  g_return_if_fail (now != NULL && from != NULL && to != NULL);

  tz = g_date_time_get_timezone (now);
  g_date_time_get_ymd (now, &year, &month, NULL);

  switch (preset)
    {
    case LG_PERIOD_THIS_WEEK:
      *from = day_start (now, 1 - g_date_time_get_day_of_week (now));
      *to = day_start (now, 8 - g_date_time_get_day_of_week (now));
      break;

    case LG_PERIOD_THIS_MONTH:
      {
        g_autoptr(GDateTime) first = g_date_time_new (tz, year, month, 1, 0, 0, 0);
        g_autoptr(GDateTime) next = g_date_time_add_months (first, 1);

        *from = g_date_time_to_unix (first);
        *to = g_date_time_to_unix (next);
      }
      break;

    case LG_PERIOD_THIS_YEAR:
      {
        g_autoptr(GDateTime) first = g_date_time_new (tz, year, 1, 1, 0, 0, 0);
        g_autoptr(GDateTime) next = g_date_time_add_years (first, 1);

        *from = g_date_time_to_unix (first);
        *to = g_date_time_to_unix (next);
      }
      break;

    case LG_PERIOD_LAST_90_DAYS:
    case LG_PERIOD_CUSTOM:
    default:
      /* 90 days, today included. */
      *from = day_start (now, -89);
      *to = day_start (now, 1);
      break;
    }
}

char *
lg_format_figure (LgFigure    figure,
                  LgUnit      unit,
                  const char *currency)
{
  if (!figure.known)
    return g_strdup (LG_METRICS_NO_VALUE);

  switch (unit)
    {
    case LG_UNIT_COUNT:
      return g_strdup_printf ("%'.0f", figure.value);
    case LG_UNIT_PERCENT:
      /* The minus sign of money and changes, not a hyphen: "−100.0%". */
      return g_strdup_printf ("%s%.1f%%", figure.value < -0.05 ? "−" : "", fabs (figure.value));
    case LG_UNIT_MONEY:
      return lg_format_money (figure.value, currency);
    case LG_UNIT_DURATION:
    default:
      return lg_format_duration (figure.value);
    }
}

char *
lg_format_change (LgFigure change,
                  gboolean points)
{
  const char *sign;

  if (!change.known)
    return g_strdup (LG_METRICS_NO_VALUE);

  sign = change.value > 0.05 ? "+" : change.value < -0.05 ? "−" : "±";
  if (points)
    /* TRANSLATORS: a change in percentage points */
    return g_strdup_printf (_("%s%.1f pp"), sign, fabs (change.value));
  return g_strdup_printf ("%s%.0f%%", sign, fabs (change.value));
}
