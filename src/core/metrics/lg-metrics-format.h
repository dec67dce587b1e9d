/* lg-metrics-format.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The figures as text (units, changes, the list of figures) and the period
 * presets, shared by the CLI, the exports and the Insights view so they all
 * say the same thing.
 */

#pragma once

#include "lg-metrics.h"

G_BEGIN_DECLS

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
typedef enum
{
  LG_UNIT_COUNT,
  LG_UNIT_PERCENT,
  LG_UNIT_MONEY,    /* minor units */
  LG_UNIT_DURATION, /* seconds */
} LgUnit;

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
