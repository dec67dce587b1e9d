/* lg-followup-scheduler.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lg-store.h"

G_BEGIN_DECLS

/* Returns the wall-clock time, UTC Unix seconds. Tests inject their own. */
typedef gint64 (*LgFollowupClockFunc) (gpointer user_data);

/* Sleeps until the next follow-up falls due and reports each due one once:
 * "missed" at start for those that fell due while the application was closed,
 * then "due" one by one. It arms one timeout at a time, and wakes early when
 * the store's follow-ups change, after a suspend and when the clock is set. */
#define LG_TYPE_FOLLOWUP_SCHEDULER (lg_followup_scheduler_get_type ())
G_DECLARE_FINAL_TYPE (LgFollowupScheduler, lg_followup_scheduler, LG, FOLLOWUP_SCHEDULER, GObject)

/* The longest the scheduler sleeps: a safety net for clock changes it was not
 * told about (the timeout runs on the monotonic clock). */
#define LG_FOLLOWUP_SCHEDULER_MAX_SLEEP (5 * 60)

LgFollowupScheduler *lg_followup_scheduler_new          (LgStore             *store);
void                 lg_followup_scheduler_set_clock    (LgFollowupScheduler *self,
                                                         LgFollowupClockFunc  clock,
                                                         gpointer             user_data,
                                                         GDestroyNotify       destroy);
gint64               lg_followup_scheduler_get_now      (LgFollowupScheduler *self);
void                 lg_followup_scheduler_start        (LgFollowupScheduler *self);
void                 lg_followup_scheduler_stop         (LgFollowupScheduler *self);
/* Looks at the store and the clock now, as a wake-up does. */
void                 lg_followup_scheduler_check        (LgFollowupScheduler *self);
/* The due time it sleeps towards (0: nothing scheduled) and the seconds of the
 * armed timeout (0: none armed). */
gint64               lg_followup_scheduler_get_next_due (LgFollowupScheduler *self);
guint                lg_followup_scheduler_get_sleep    (LgFollowupScheduler *self);

G_END_DECLS
