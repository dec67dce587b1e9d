/* lg-lead.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A person in the pipeline: one row of the store, as a GObject so lists and bindings can use it. */
#define LG_TYPE_LEAD (lg_lead_get_type ())
G_DECLARE_FINAL_TYPE (LgLead, lg_lead, LG, LEAD, GObject)

LgLead *lg_lead_new (void);

char       *lg_lead_dup_display_name (LgLead *self);

gint64      lg_lead_get_id (LgLead *self);
const char *lg_lead_get_name (LgLead *self);
const char *lg_lead_get_telegram_handle (LgLead *self);
const char *lg_lead_get_telegram_id (LgLead *self);
const char *lg_lead_get_email (LgLead *self);
const char *lg_lead_get_phone (LgLead *self);
const char *lg_lead_get_company (LgLead *self);
const char *lg_lead_get_stage (LgLead *self);
const char *lg_lead_get_qualification (LgLead *self);
gint64      lg_lead_get_value (LgLead *self);
const char *lg_lead_get_currency (LgLead *self);
int         lg_lead_get_score (LgLead *self);
gint64      lg_lead_get_source_id (LgLead *self);
gint64      lg_lead_get_message_id (LgLead *self);
double      lg_lead_get_position (LgLead *self);
gint64      lg_lead_get_created_at (LgLead *self);
gint64      lg_lead_get_first_touch_at (LgLead *self);
gint64      lg_lead_get_last_touch_at (LgLead *self);
gint64      lg_lead_get_closed_at (LgLead *self);
const char *lg_lead_get_lost_reason (LgLead *self);
const char *lg_lead_get_notes (LgLead *self);
const char * lg_lead_get_furthest_stage (LgLead *self);
gint64      lg_lead_get_found_at (LgLead *self);
gint64      lg_lead_get_message_at (LgLead *self);
const char * lg_lead_get_source_title (LgLead *self);
const char *lg_lead_get_import_file (LgLead *self);
const char *lg_lead_get_external_id (LgLead *self);
const char *lg_lead_get_owner (LgLead *self);
gint64      lg_lead_get_next_followup_at (LgLead *self);
gboolean    lg_lead_get_stale (LgLead *self);
guint       lg_lead_get_stay_in_touch_days (LgLead *self);

void        lg_lead_set_id (LgLead *self, gint64 value);
void        lg_lead_set_name (LgLead *self, const char *value);
void        lg_lead_set_telegram_handle (LgLead *self, const char *value);
void        lg_lead_set_telegram_id (LgLead *self, const char *value);
void        lg_lead_set_email (LgLead *self, const char *value);
void        lg_lead_set_phone (LgLead *self, const char *value);
void        lg_lead_set_company (LgLead *self, const char *value);
void        lg_lead_set_stage (LgLead *self, const char *value);
void        lg_lead_set_qualification (LgLead *self, const char *value);
void        lg_lead_set_value (LgLead *self, gint64 value);
void        lg_lead_set_currency (LgLead *self, const char *value);
void        lg_lead_set_score (LgLead *self, int value);
void        lg_lead_set_stay_in_touch_days (LgLead *self, guint value);
void        lg_lead_set_source_id (LgLead *self, gint64 value);
void        lg_lead_set_message_id (LgLead *self, gint64 value);
void        lg_lead_set_position (LgLead *self, double value);
void        lg_lead_set_created_at (LgLead *self, gint64 value);
void        lg_lead_set_first_touch_at (LgLead *self, gint64 value);
void        lg_lead_set_last_touch_at (LgLead *self, gint64 value);
void        lg_lead_set_closed_at (LgLead *self, gint64 value);
void        lg_lead_set_lost_reason (LgLead *self, const char *value);
void        lg_lead_set_notes (LgLead *self, const char *value);
void        lg_lead_set_furthest_stage (LgLead *self, const char * value);
void        lg_lead_set_found_at (LgLead *self, gint64 value);
void        lg_lead_set_message_at (LgLead *self, gint64 value);
void        lg_lead_set_source_title (LgLead *self, const char * value);
void        lg_lead_set_import_file (LgLead *self, const char *value);
void        lg_lead_set_external_id (LgLead *self, const char *value);
void        lg_lead_set_owner (LgLead *self, const char *value);

char       *lg_lead_dup_no_source_label (LgLead *self);
void        lg_lead_set_next_followup_at (LgLead *self, gint64 value);
void        lg_lead_set_stale (LgLead *self, gboolean value);

G_END_DECLS
