/* lg-metrics-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lg-metrics.h"

G_BEGIN_DECLS

/* One source's figures in a metrics report, as a GObject so a list view can
 * show and sort them. Source id 0 stands for the leads that have no source. */
#define LG_TYPE_METRICS_ROW (lg_metrics_row_get_type ())
G_DECLARE_FINAL_TYPE (LgMetricsRow, lg_metrics_row, LG, METRICS_ROW, GObject)

LgMetricsRow           *lg_metrics_row_new         (gint64                  source_id,
                                                    const char             *title);
gint64                  lg_metrics_row_get_source_id (LgMetricsRow          *self);
const char             *lg_metrics_row_get_title   (LgMetricsRow           *self);
const LgMetricsFigures *lg_metrics_row_get_figures (LgMetricsRow           *self);
LgMetricsFigures       *lg_metrics_row_edit_figures (LgMetricsRow          *self);

G_END_DECLS
