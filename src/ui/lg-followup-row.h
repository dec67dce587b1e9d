/* lg-followup-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lg-followup.h"
#include "lg-lead.h"

G_BEGIN_DECLS

/* One item of the Follow-ups list: a section header, a follow-up with its
 * lead, kind, due time, note and the Done, Snooze and Open Lead actions, or a
 * lead not contacted yet. */
#define LG_TYPE_FOLLOWUP_ROW (lg_followup_row_get_type ())
G_DECLARE_FINAL_TYPE (LgFollowupRow, lg_followup_row, LG, FOLLOWUP_ROW, GtkBox)

GtkWidget  *lg_followup_row_new           (void);
void        lg_followup_row_show_header   (LgFollowupRow *self,
                                           const char    *title);
void        lg_followup_row_show_followup (LgFollowupRow *self,
                                           LgFollowup    *followup,
                                           gint64         now);
/* A found lead not contacted yet, with how long it has waited. */
void        lg_followup_row_show_lead     (LgFollowupRow *self,
                                           LgLead        *lead,
                                           gint64         now);
void        lg_followup_row_update_time   (LgFollowupRow *self,
                                           gint64         now);
const char *lg_followup_kind_icon_name    (const char    *kind);

G_END_DECLS
