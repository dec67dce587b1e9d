/* lg-search-export.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Search results as CSV (RFC 4180, through the metrics export's writer) or
 * JSON: score, reason, source, author, handle, date (ISO 8601), excerpt and
 * link of each result, in the list's order.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The excerpt's length in both formats. */
#define LG_SEARCH_EXPORT_EXCERPT_CHARS 300

/* @results holds LgSearchResult. */
char *lg_search_results_to_csv  (GListModel *results);
char *lg_search_results_to_json (GListModel *results);

G_END_DECLS
