/* lg-store-mappings.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The column mappings the CSV import remembers (lg-csv-mapping.c): one per
 * set of headers, so the next file from the same CRM maps itself.
 */

#pragma once

#include "lg-store.h"

G_BEGIN_DECLS

/* Keeps mapping (JSON, as LgCsvMapping writes it) for the headers whose key
 * is header_key, replacing the one kept before, as used at used_at. */
gboolean lg_store_save_import_mapping (LgStore     *self,
                                       const char  *header_key,
                                       const char  *mapping,
                                       gint64       used_at,
                                       GError     **error);
/* The mapping kept for header_key into *mapping, NULL when there is none:
 * FALSE only when it cannot be read. */
gboolean lg_store_get_import_mapping  (LgStore     *self,
                                       const char  *header_key,
                                       char       **mapping,
                                       GError     **error);

G_END_DECLS
