/* lg-metrics-export.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A metrics report as CSV (through LgCsvWriter) or JSON, for the CLI and
 * the Insights view's export. Numbers are machine-readable: money in major units with two
 * decimals, rates in percent, durations in seconds; a figure without a value
 * is an empty CSV field or JSON null.
 */

#pragma once

#include "lg-csv-writer.h"
#include "lg-metrics.h"

G_BEGIN_DECLS

/* The overall row, then one per source when by_source, through writer (left
 * open); *n_rows (may be NULL) is the number of rows after the header. */
gboolean  lg_metrics_report_write_csv (LgMetricsReport  *report,
                                       gboolean          by_source,
                                       LgCsvWriter      *writer,
                                       guint            *n_rows,
                                       GError          **error);
/* The same as text, for standard output and the Insights export. */
char     *lg_metrics_report_to_csv    (LgMetricsReport  *report,
                                       gboolean          by_source,
                                       GError          **error);
char     *lg_metrics_report_to_json   (LgMetricsReport  *report,
                                       gboolean          by_source);
/* The name an export of the report suggests: "leadgram-WHAT-2024-03-01.EXT",
 * after the period's first local day. */
char     *lg_metrics_report_file_name (LgMetricsReport  *report,
                                       const char       *what,
                                       const char       *extension);

G_END_DECLS
