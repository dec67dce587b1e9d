/* lg-activity.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One entry of a lead's timeline: one row of the store, as a GObject so lists can show it. */
#define LG_TYPE_ACTIVITY (lg_activity_get_type ())
G_DECLARE_FINAL_TYPE (LgActivity, lg_activity, LG, ACTIVITY, GObject)

LgActivity *lg_activity_new (void);

char       *lg_activity_describe (LgActivity *self);

gint64      lg_activity_get_id (LgActivity *self);
gint64      lg_activity_get_lead_id (LgActivity *self);
const char *lg_activity_get_kind (LgActivity *self);
gint64      lg_activity_get_at (LgActivity *self);
const char *lg_activity_get_detail (LgActivity *self);
const char *lg_activity_get_old_value (LgActivity *self);
const char *lg_activity_get_new_value (LgActivity *self);
const char *lg_activity_get_author (LgActivity *self);

void        lg_activity_set_id (LgActivity *self, gint64 value);
void        lg_activity_set_lead_id (LgActivity *self, gint64 value);
void        lg_activity_set_kind (LgActivity *self, const char *value);
void        lg_activity_set_at (LgActivity *self, gint64 value);
void        lg_activity_set_detail (LgActivity *self, const char *value);
void        lg_activity_set_old_value (LgActivity *self, const char *value);
void        lg_activity_set_new_value (LgActivity *self, const char *value);
void        lg_activity_set_author (LgActivity *self, const char *value);

G_END_DECLS
