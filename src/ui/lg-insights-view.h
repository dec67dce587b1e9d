/* lg-insights-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lg-chart.h"
#include "lg-metrics.h"
#include "lg-store.h"

G_BEGIN_DECLS

/* The Insights page: a period chooser, the headline figures with their change
 * against the previous period, the charts and the per-source table. Computes
 * on a worker and again whenever leads or costs change. */
#define LG_TYPE_INSIGHTS_VIEW (lg_insights_view_get_type ())
G_DECLARE_FINAL_TYPE (LgInsightsView, lg_insights_view, LG, INSIGHTS_VIEW, GtkWidget)

void             lg_insights_view_set_store    (LgInsightsView  *self,
                                                LgStore         *store);
/* A custom period [from, to), as the Custom choice sets it. */
void             lg_insights_view_set_period   (LgInsightsView  *self,
                                                gint64           from,
                                                gint64           to);
/* The report shown, or NULL while the first one is computed. */
LgMetricsReport *lg_insights_view_get_report   (LgInsightsView  *self);
/* "report", "empty", "loading" or "error". */
const char      *lg_insights_view_get_state    (LgInsightsView  *self);
/* id: an LgChartInfo's. */
LgChart         *lg_insights_view_get_chart    (LgInsightsView  *self,
                                                const char      *id);
gboolean         lg_insights_view_export_csv   (LgInsightsView  *self,
                                                GFile           *file,
                                                GError         **error);

G_END_DECLS
