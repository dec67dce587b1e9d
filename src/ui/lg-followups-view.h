/* lg-followups-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lg-store.h"

G_BEGIN_DECLS

/* The Follow-ups page: Overdue, Today, Upcoming and Done, each row with its
 * actions; "attention-count" (overdue + today) feeds the switcher's badge. */
#define LG_TYPE_FOLLOWUPS_VIEW (lg_followups_view_get_type ())
G_DECLARE_FINAL_TYPE (LgFollowupsView, lg_followups_view, LG, FOLLOWUPS_VIEW, AdwBin)

/* The most recent done ones shown; older ones stay in the database. */
#define LG_FOLLOWUPS_VIEW_DONE_LIMIT 50

void        lg_followups_view_set_store           (LgFollowupsView *self,
                                                   LgStore         *store);
/* Reads the follow-ups again, on a worker; the view shows them once read. */
void        lg_followups_view_refresh             (LgFollowupsView *self);
/* Whether a refresh is being read. */
gboolean    lg_followups_view_get_refreshing      (LgFollowupsView *self);
guint       lg_followups_view_get_attention_count (LgFollowupsView *self);
/* The list's items: GtkStringObject section headings and LgFollowup rows. */
GListModel *lg_followups_view_get_model           (LgFollowupsView *self);

G_END_DECLS
