/* lg-chart.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lg-metrics.h"

G_BEGIN_DECLS

/* Each kind's nick names its export ("leadgram-leads-by-source-….png") and
 * follows its title. */
typedef enum
{
  LG_CHART_LEADS_OVER_TIME,      /* bars of leads per bin, stacked by source */
  LG_CHART_FUNNEL,               /* Cold → Warm → Hot → Won by furthest stage */
  LG_CHART_CPL_BY_SOURCE,        /* cost per lead of each source with a cost */
  LG_CHART_CONVERSION_OVER_TIME, /* conversion rate of each bin's leads */
  LG_CHART_SPEED,                /* speed-to-lead histogram with its median */
} LgChartKind;

#define LG_TYPE_CHART_KIND (lg_chart_kind_get_type ())
GType lg_chart_kind_get_type (void) G_GNUC_CONST;

/* One chart of a metrics report, drawn with Cairo: axes, legend, a tooltip on
 * hover and an accessible description of what it shows. Clicking a part that
 * belongs to a source emits ::source-activated. */
#define LG_TYPE_CHART (lg_chart_get_type ())
G_DECLARE_FINAL_TYPE (LgChart, lg_chart, LG, CHART, GtkWidget)

GtkWidget       *lg_chart_new        (LgChartKind       kind);
LgChartKind      lg_chart_get_kind   (LgChart          *self);
const char      *lg_chart_get_title  (LgChart          *self);
LgMetricsReport *lg_chart_get_report (LgChart          *self);
/* The file name an export suggests, after the chart and the period; NULL
 * without a report. */
char            *lg_chart_dup_file_name (LgChart       *self);
void             lg_chart_set_report (LgChart          *self,
                                      LgMetricsReport  *report);
/* Renders the chart at its current size, twice the pixels, into a PNG file. */
gboolean         lg_chart_save_png   (LgChart          *self,
                                      const char       *path,
                                      GError          **error);

G_END_DECLS
