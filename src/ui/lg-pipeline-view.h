/* lg-pipeline-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lg-store.h"

G_BEGIN_DECLS

#define LG_TYPE_PIPELINE_VIEW (lg_pipeline_view_get_type ())
G_DECLARE_FINAL_TYPE (LgPipelineView, lg_pipeline_view, LG, PIPELINE_VIEW, GtkWidget)

LgPipelineView *lg_pipeline_view_new          (void);
void            lg_pipeline_view_set_store    (LgPipelineView *self,
                                               LgStore        *store);
void            lg_pipeline_view_open_lead     (LgPipelineView *self,
                                                gint64          id);
gint64          lg_pipeline_view_get_open_lead (LgPipelineView *self);
/* What the filter bar selects, for exporting what the board shows; FALSE when
 * it shows every lead. filter->text points into *text, which the caller frees. */
gboolean        lg_pipeline_view_get_filter    (LgPipelineView  *self,
                                                LgLeadFilter    *filter,
                                                char           **text,
                                                LgPipelineRules *rules);
void            lg_pipeline_view_filter_source (LgPipelineView *self,
                                                gint64          source_id);
/* TRUE while the board's leads are being read on a worker thread. */
gboolean        lg_pipeline_view_get_loading  (LgPipelineView *self);
/* The leads a column shows, in order; for tests and benchmarks. */
GListModel     *lg_pipeline_view_get_column   (LgPipelineView *self,
                                               LgStage         stage);

G_END_DECLS
