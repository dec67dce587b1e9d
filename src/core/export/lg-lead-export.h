/* lg-lead-export.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lg-pipeline.h"
#include "lg-store.h"

G_BEGIN_DECLS

/* The columns of a leads export, in order: stable, and each one maps itself
 * back to the same field when the file is imported. */
const char * const *lg_lead_export_columns       (void);

/* Leads to a CSV file: all of them (ids NULL) or those with the given ids,
 * oldest first. *n_written (may be NULL) is the number of rows. */
gboolean            lg_lead_export_leads         (LgStore        *store,
                                                  const char     *path,
                                                  const gint64   *ids,
                                                  guint           n_ids,
                                                  gboolean        bom,
                                                  guint          *n_written,
                                                  GCancellable   *cancellable,
                                                  GError        **error);

/* The leads a board with that filter shows (stale under rules at now), in
 * the same columns and order as lg_lead_export_leads(). */
gboolean            lg_lead_export_filtered      (LgStore               *store,
                                                  const LgLeadFilter    *filter,
                                                  const LgPipelineRules *rules,
                                                  gint64                 now,
                                                  const char            *path,
                                                  gboolean               bom,
                                                  guint                 *n_written,
                                                  GCancellable          *cancellable,
                                                  GError               **error);

/* The same, as text, for standard output. */
char               *lg_lead_export_filtered_text (LgStore               *store,
                                                  const LgLeadFilter    *filter,
                                                  const LgPipelineRules *rules,
                                                  gint64                 now,
                                                  GError               **error);

/* Search results, best first: score, reason, source, author, handle, date,
 * excerpt and link. search_id 0 exports every search's results. */
gboolean            lg_lead_export_matches       (LgStore        *store,
                                                  const char     *path,
                                                  gint64          search_id,
                                                  gboolean        bom,
                                                  guint          *n_written,
                                                  GCancellable   *cancellable,
                                                  GError        **error);

G_END_DECLS
