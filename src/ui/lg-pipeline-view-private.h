/* lg-pipeline-view-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The board's insides, shared by lg-pipeline-view.c (columns, loading,
 * the detail pane) and lg-pipeline-view-actions.c (what the user does to
 * cards), as GNOME Text Editor shares editor-page's.
 */

#pragma once

#include "lg-lead-card.h"
#include "lg-lead-detail.h"
#include "lg-pipeline-view.h"

G_BEGIN_DECLS

typedef struct
{
  GtkWidget   *box;
  GtkLabel    *title;
  GtkLabel    *count;
  GtkLabel    *totals;
  GtkGridView *list;
  GListStore  *model;
} Column;

/* Where _lg_pipeline_view_refresh_lead() puts a card in its column. */
#define PLACE_AT_END   0
#define PLACE_AS_BEFORE (-1) /* where it was, or at the end if it was not shown */

struct _LgPipelineView
{
  GtkWidget       parent_instance;

  LgStore        *store;
  GSettings      *settings;
  GCancellable   *cancellable;
  gboolean        loading;
  gboolean        reload_again;  /* a change came while loading */
  gint64          focus_lead_id; /* the card to focus once loaded */
  gint64          changed_lead_id; /* the one lead a "changed" signal is about */
  guint           focus_tick;
  guint           reveal_tick;  /* the detail waits for the board's first size */
  guint           focus_tries;
  GArray         *source_ids;    /* gint64, parallel to source_dropdown */
  GCancellable   *sources_cancellable; /* their read, read_sources() */
  gboolean        sources_known; /* read once since the store was set */
  gint64          wanted_source_id; /* filter_source() asked before they were read */
  LgDeletedLead  *deleted;       /* for Undo */
  GHashTable     *cards;         /* the bound LgLeadCards, to mark the open one */

  Column          columns[LG_N_STAGES];

  AdwFlap        *flap;
  GtkSearchEntry *search_entry;
  GtkDropDown    *source_dropdown;
  GtkDropDown    *qualification_dropdown;
  GtkToggleButton *stale_button;
  GtkDropDown    *owner_dropdown; /* a team workspace's only */
  GStrv           owner_names;   /* the people past its first three items */
  GtkToggleButton *lost_button;
  GtkStack       *stack;
  GtkBox         *columns_box;
  LgLeadDetail   *detail;
};

/* lg-pipeline-view.c */
gboolean _lg_pipeline_view_find_lead     (LgPipelineView *self,
                                          gint64          id,
                                          LgStage        *stage,
                                          guint          *position);
/* Shows one lead's new state (moved, edited, added, deleted) in place. */
void     _lg_pipeline_view_refresh_lead  (LgPipelineView *self,
                                          gint64          id,
                                          gint64          before_id);
void     _lg_pipeline_view_announce_lead (LgPipelineView *self,
                                          gint64          id);
/* Focuses the card of focus_lead_id, once its row exists. */
void     _lg_pipeline_view_restore_focus (LgPipelineView *self);

/* lg-pipeline-view-actions.c */
void     _lg_pipeline_view_class_add_actions (GtkWidgetClass *widget_class);
/* A lead dropped on card goes before or after it. */
void     _lg_pipeline_view_take_card_drops   (LgPipelineView *self,
                                              LgLeadCard     *card);
/* A lead dropped on the empty space of a column's box (its "stage" data)
 * goes to its end. */
void     _lg_pipeline_view_take_column_drops (LgPipelineView *self,
                                              GtkWidget      *box);

G_END_DECLS
