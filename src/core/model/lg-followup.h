/* lg-followup.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A dated follow-up of a lead: one row of the store, as a GObject so lists and bindings can use it. */
#define LG_TYPE_FOLLOWUP (lg_followup_get_type ())
G_DECLARE_FINAL_TYPE (LgFollowup, lg_followup, LG, FOLLOWUP, GObject)

LgFollowup *lg_followup_new (void);

gint64      lg_followup_get_id (LgFollowup *self);
gint64      lg_followup_get_lead_id (LgFollowup *self);
gint64      lg_followup_get_due_at (LgFollowup *self);
const char *lg_followup_get_kind (LgFollowup *self);
const char *lg_followup_get_note (LgFollowup *self);
gint64      lg_followup_get_done_at (LgFollowup *self);
gint64      lg_followup_get_snoozed_until (LgFollowup *self);
gboolean    lg_followup_get_stay_in_touch (LgFollowup *self);
const char *lg_followup_get_lead_name (LgFollowup *self);
gint64      lg_followup_get_effective_due_at (LgFollowup *self);

void        lg_followup_set_id (LgFollowup *self, gint64 value);
void        lg_followup_set_lead_id (LgFollowup *self, gint64 value);
void        lg_followup_set_due_at (LgFollowup *self, gint64 value);
void        lg_followup_set_kind (LgFollowup *self, const char *value);
void        lg_followup_set_note (LgFollowup *self, const char *value);
void        lg_followup_set_done_at (LgFollowup *self, gint64 value);
void        lg_followup_set_snoozed_until (LgFollowup *self, gint64 value);
void        lg_followup_set_stay_in_touch (LgFollowup *self, gboolean value);
void        lg_followup_set_lead_name (LgFollowup *self, const char *value);

G_END_DECLS
