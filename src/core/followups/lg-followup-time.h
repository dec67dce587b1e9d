/* lg-followup-time.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Follow-up times: stored as UTC seconds, chosen and shown in local time.
 * Every function takes the time zone so tests can pin one (NULL = local).
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  LG_FOLLOWUP_QUICK_IN_1_HOUR,
  LG_FOLLOWUP_QUICK_TOMORROW_MORNING,
  LG_FOLLOWUP_QUICK_NEXT_WEEK,
} LgFollowupQuick;

/* The hour a "morning" choice lands on, in local time. */
#define LG_FOLLOWUP_MORNING_HOUR 9

gint64       lg_followup_quick_time        (LgFollowupQuick  quick,
                                            gint64           now,
                                            GTimeZone       *tz);
/* "hour", "tomorrow", "week": the names action targets use. */
gboolean     lg_followup_quick_from_string (const char      *name,
                                            LgFollowupQuick *quick);
gint64       lg_followup_local_day_start   (gint64           time,
                                            int              day_offset,
                                            GTimeZone       *tz);
gint64       lg_followup_local_morning     (gint64           time,
                                            int              day_offset,
                                            GTimeZone       *tz);
/* "in 2 hours", "yesterday 09:00", "Friday 09:00", "2 Apr 16:15". */
char        *lg_followup_format_due        (gint64           due,
                                            gint64           now,
                                            GTimeZone       *tz);
/* The same without "in N minutes/hours": "today 11:30". */
char        *lg_followup_format_day_time   (gint64           time,
                                            gint64           now,
                                            GTimeZone       *tz);

gboolean     lg_followup_kind_is_valid     (const char      *kind);
const char  *lg_followup_kind_label        (const char      *kind);

G_END_DECLS
