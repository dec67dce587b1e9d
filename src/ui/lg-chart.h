/* lg-chart.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lg-metrics.h"

G_BEGIN_DECLS

/* What the Insights view needs to know of a kind of chart. The kinds are
 * listed once, in the table in lg-chart.c: a new chart is one entry
 * there (and its drawing), and the view, its Export menu and the file names
 * follow. */
typedef struct
{
  const char *id;           /* the export's file name ("leadgram-ID-2024-03-01.png") and
                             * the insights.export-chart target */
  const char *title;        /* untranslated (N_): the card's heading */
  const char *export_label; /* untranslated (N_): its entry in the Export menu */
} LgChartInfo;

guint              lg_chart_get_n_infos  (void);
/* The kinds in the order the view shows them. */
const LgChartInfo *lg_chart_get_info_at  (guint       position);
const LgChartInfo *lg_chart_info_lookup  (const char *id);

/* One chart of a metrics report, drawn with Cairo: axes, legend, a tooltip on
 * hover and an accessible description of what it shows. Clicking a part that
 * belongs to a source emits ::source-activated. */
#define LG_TYPE_CHART (lg_chart_get_type ())
G_DECLARE_FINAL_TYPE (LgChart, lg_chart, LG, CHART, GtkWidget)

/* id: the LgChartInfo's. */
GtkWidget         *lg_chart_new         (const char       *id);
const LgChartInfo *lg_chart_get_info    (LgChart          *self);
/* The title, translated. */
const char        *lg_chart_get_title   (LgChart          *self);
LgMetricsReport   *lg_chart_get_report  (LgChart          *self);
/* The file name an export suggests, after the chart and the period; NULL
 * without a report. */
char              *lg_chart_dup_file_name (LgChart      *self);
void               lg_chart_set_report  (LgChart          *self,
                                         LgMetricsReport  *report);
/* Renders the chart at its current size, twice the pixels, into a PNG file. */
gboolean           lg_chart_save_png    (LgChart          *self,
                                         const char       *path,
                                         GError          **error);

G_END_DECLS
