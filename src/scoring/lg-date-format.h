/* lg-date-format.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Dates for people, the one style of every view and of the reasons the
 * scorer writes ("… · 2 days ago in @chat"), which is why it lives here: how
 * long ago or ahead, and the short local date. Every function takes now and
 * the time zone so tests can pin them (tz NULL = local).
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

GDateTime *lg_date_local          (gint64      time,
                                   GTimeZone  *tz);
/* Local calendar days from `from`'s day to `to`'s: 1 from late evening to
 * the next morning. */
int        lg_date_days_between   (gint64      from,
                                   gint64      to,
                                   GTimeZone  *tz);
/* "6 Dec", or "6 Dec 2025" for a day outside now's year. */
char      *lg_format_short_date   (gint64      time,
                                   gint64      now,
                                   GTimeZone  *tz);
/* How long ago or ahead alone: "just now", "in 5 minutes", "3 hours ago",
 * "yesterday", "in 2 weeks". */
char      *lg_format_relative     (gint64      time,
                                   gint64      now,
                                   GTimeZone  *tz);
/* A moment: how long ago or ahead, then the short date or, within a day of
 * now, the time: "3 days ago (6 Dec)", "yesterday (09:12)", "in 2 hours
 * (14:00)", "just now". */
char      *lg_format_when         (gint64      time,
                                   gint64      now,
                                   GTimeZone  *tz);

G_END_DECLS
