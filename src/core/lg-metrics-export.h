/* lg-metrics-export.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A metrics report as CSV (RFC 4180) or JSON, for the CLI and the Insights
 * view's export. Numbers are machine-readable: money in major units with two
 * decimals, rates in percent, durations in seconds; a figure without a value
 * is an empty CSV field or JSON null.
 */

#pragma once

#include "lg-metrics.h"

G_BEGIN_DECLS

/* A small RFC 4180 writer: fields are quoted when they hold a comma, a quote
 * or a line break; rows end with CRLF. */
void  lg_metrics_csv_append_field (GString         *out,
                                   const char      *field,
                                   gboolean         first);
void  lg_metrics_csv_end_row      (GString         *out);

/* The overall row, then one per source when by_source. */
char *lg_metrics_report_to_csv    (LgMetricsReport *report,
                                   gboolean         by_source);
char *lg_metrics_report_to_json   (LgMetricsReport *report,
                                   gboolean         by_source);

G_END_DECLS
