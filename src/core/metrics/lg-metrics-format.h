/* lg-metrics-format.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Periods, dates and the figures as text, shared by the CLI, the exports and
 * the Insights view so they all say the same thing.
 */

#pragma once

#include "lg-metrics.h"

G_BEGIN_DECLS

#define LG_METRICS_ERROR (lg_metrics_error_quark ())

typedef enum
{
  LG_METRICS_ERROR_INVALID_DATE,
  LG_METRICS_ERROR_INVALID_AMOUNT,
} LgMetricsError;

GQuark lg_metrics_error_quark (void);

typedef enum
{
  LG_PERIOD_THIS_WEEK,
  LG_PERIOD_THIS_MONTH,
  LG_PERIOD_LAST_90_DAYS,
  LG_PERIOD_THIS_YEAR,
  LG_PERIOD_CUSTOM,
} LgPeriodPreset;

/* [from, to) of a preset around now, on local (now's zone) calendar days.
 * LG_PERIOD_CUSTOM is not a preset. */
void     lg_period_from_preset (LgPeriodPreset  preset,
                                GDateTime      *now,
                                gint64         *from,
                                gint64         *to);
/* "YYYY-MM-DD" → that day's start in tz (NULL: local). */
gboolean lg_parse_date         (const char     *text,
                                GTimeZone      *tz,
                                gint64         *out,
                                GError        **error);
/* [start of the month, start of the next) in tz (NULL: local); month 1–12. */
void     lg_month_range        (int             year,
                                int             month,
                                GTimeZone      *tz,
                                gint64         *start,
                                gint64         *end);
/* "YYYY-MM" → the same. */
gboolean lg_parse_month        (const char     *text,
                                GTimeZone      *tz,
                                gint64         *start,
                                gint64         *end,
                                GError        **error);
/* "12.50" or "12" (major units) → minor units. */
gboolean lg_parse_amount       (const char     *text,
                                gint64         *minor,
                                GError        **error);
/* The other way: minor units → "12.50" or "12", as lg_parse_amount() and
 * the lead's value field read it. */
char    *lg_format_amount      (gint64          minor);
/* "1 Mar – 31 Mar", with years outside now's ("1 Mar 2024 – 31 Mar 2024"):
 * the last day shown is the one before `to`. */
char    *lg_format_period      (gint64          from,
                                gint64          to,
                                gint64          now,
                                GTimeZone      *tz);

typedef enum
{
  LG_UNIT_COUNT,
  LG_UNIT_PERCENT,
  LG_UNIT_MONEY,    /* minor units */
  LG_UNIT_DURATION, /* seconds */
} LgUnit;

char    *lg_format_duration    (double          seconds);
/* "—" when the figure has no value. */
char    *lg_format_figure      (LgFigure        figure,
                                LgUnit          unit,
                                const char     *currency);
/* "+12%", "−3.5 pp", or "—". */
char    *lg_format_change      (LgFigure        change,
                                gboolean        points);

/* The figures of LgMetricsFigures, described once for every output. */
typedef struct
{
  const char *key;             /* CSV header and JSON key */
  const char *label;           /* for people; translate with _() */
  LgUnit      unit;
  gsize       offset;          /* of a gint64 when is_count, else of an LgFigure */
  gboolean    is_count;
  gboolean    points;          /* its change is in percentage points */
  gboolean    lower_is_better;
} LgFigureInfo;

extern const LgFigureInfo lg_figure_infos[];
extern const guint        lg_n_figure_infos;

const LgFigureInfo *lg_figure_info_lookup (const char             *key);
LgFigure            lg_figure_info_get    (const LgFigureInfo     *info,
                                           const LgMetricsFigures *figures);

G_END_DECLS
