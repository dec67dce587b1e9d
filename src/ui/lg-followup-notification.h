/* lg-followup-notification.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lg-followup.h"

G_BEGIN_DECLS

/* The desktop notification for a follow-up that fell due: title the lead and
 * the kind, body the note and the due time, buttons Done and Snooze
 * (app.followup-done / app.followup-snooze with the follow-up id), and the
 * default action app.open-lead with the lead id. tz NULL = local. */
GNotification *lg_followup_notification_new           (LgFollowup *followup,
                                                       gint64      now,
                                                       GTimeZone  *tz);
/* After Done from a notification with no window open: asks for the next step,
 * which app.followup-next (the follow-up id) schedules in the window. */
GNotification *lg_followup_notification_new_next_step (LgFollowup *done);
/* One notification for those that fell due while Leadgram was closed;
 * its default action shows the Follow-ups view. */
GNotification *lg_followup_notification_new_missed    (GListModel *followups);
/* The id to send and withdraw a follow-up's notification with. */
char          *lg_followup_notification_id            (gint64      followup_id);

#define LG_FOLLOWUP_NOTIFICATION_MISSED_ID "followups-missed"

G_END_DECLS
