/* lg-search-export.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Search results as CSV (RFC 4180, through the shared writer) or JSON:
 * score, reason, source, author, handle, date (ISO 8601 in UTC), excerpt and
 * link of each result, in the list's order. The stored matches' export
 * (lg_lead_export_matches) writes the same columns through the same fields.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The excerpt's length in both formats. */
#define LG_SEARCH_EXPORT_EXCERPT_CHARS 300

/* The CSV header, NULL-terminated. */
const char * const *lg_search_export_columns (void);
/* One result's cells in the order of the columns; the excerpt is the
 * message's first LG_SEARCH_EXPORT_EXCERPT_CHARS characters. */
GStrv               lg_search_export_fields  (int         score,
                                              const char *reason,
                                              const char *source,
                                              const char *author,
                                              const char *handle,
                                              gint64      sent_at,
                                              const char *text,
                                              const char *link);

/* @results holds LgSearchResult. */
char *lg_search_results_to_csv  (GListModel *results);
char *lg_search_results_to_json (GListModel *results);

G_END_DECLS
