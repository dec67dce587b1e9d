/* lg-followup-time.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Local-time arithmetic is done on GDateTime in the zone, never by adding
 * 86400 seconds: a follow-up at 09:00 stays at 09:00 across a DST change.
 */

#define G_LOG_DOMAIN "lg-followup"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-date-format.h"
#include "lg-followup-time.h"

/* hour:00 local on the day that is day_offset days after time's local day. */
static gint64
local_day_at (gint64     time,
              int        day_offset,
              int        hour,
              GTimeZone *tz)
{
  g_autoptr(GTimeZone) zone = tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_local ();
  g_autoptr(GDateTime) now = lg_date_local (time, zone);
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) result = NULL;
  int year, month, mday;

  day = g_date_time_add_days (now, day_offset);
  g_date_time_get_ymd (day, &year, &month, &mday);
  result = g_date_time_new (zone, year, month, mday, hour, 0, 0);
  return g_date_time_to_unix (result);
}

gint64
lg_followup_local_day_start (gint64     time,
                             int        day_offset,
                             GTimeZone *tz)
{
  return local_day_at (time, day_offset, 0, tz);
}

gint64
lg_followup_local_morning (gint64     time,
                           int        day_offset,
                           GTimeZone *tz)
{
  return local_day_at (time, day_offset, LG_FOLLOWUP_MORNING_HOUR, tz);
}

gint64
lg_followup_quick_time (LgFollowupQuick  quick,
                        gint64           now,
                        GTimeZone       *tz)
{
  g_autoptr(GDateTime) local = NULL;

  switch (quick)
    {
    case LG_FOLLOWUP_QUICK_IN_1_HOUR:
      return now + 3600;

    case LG_FOLLOWUP_QUICK_TOMORROW_MORNING:
      return lg_followup_local_morning (now, 1, tz);

    case LG_FOLLOWUP_QUICK_NEXT_WEEK:
      /* Monday morning of next week, as mail clients mean it. */
      local = lg_date_local (now, tz);
      return lg_followup_local_morning (now, 8 - g_date_time_get_day_of_week (local), tz);

    default:
      g_return_val_if_reached (now);
    }
}

gboolean
lg_followup_quick_from_string (const char      *name,
                               LgFollowupQuick *quick)
{
  static const char *names[] = { "hour", "tomorrow", "week" };

  g_return_val_if_fail (quick != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (g_strcmp0 (name, names[i]) == 0)
        {
          *quick = (LgFollowupQuick) i;
          return TRUE;
        }
    }
  return FALSE;
}

char *
lg_followup_format_day_time (gint64     time,
                             gint64     now,
                             GTimeZone *tz)
{
  g_autoptr(GDateTime) when = lg_date_local (time, tz);
  g_autofree char *clock = g_date_time_format (when, "%H:%M");
  g_autofree char *date = NULL;
  int days = lg_date_days_between (now, time, tz);

  switch (days)
    {
    case -1:
      /* Translators: %s is a time of day, e.g. 09:00 */
      return g_strdup_printf (_("yesterday %s"), clock);
    case 0:
      /* Translators: %s is a time of day, e.g. 09:00 */
      return g_strdup_printf (_("today %s"), clock);
    case 1:
      /* Translators: %s is a time of day, e.g. 09:00 */
      return g_strdup_printf (_("tomorrow %s"), clock);
    default:
      break;
    }

  if (days > 1 && days < 7)
    /* Translators: a weekday and a time, see strftime(3) */
    return g_date_time_format (when, _("%A %H:%M"));
  date = lg_format_short_date (time, now, tz);
  /* Translators: a date and a time of day, e.g. "2 Apr 16:15" */
  return g_strdup_printf (_("%s %s"), date, clock);
}

/* Near moments (within the hour, or the same day within six hours) by how
 * far they are, the others by their day and time. */
char *
lg_followup_format_due (gint64     due,
                        gint64     now,
                        GTimeZone *tz)
{
  gint64 distance = ABS (due - now);

  if (distance < 3600 || (distance < 6 * 3600 && lg_date_days_between (now, due, tz) == 0))
    return lg_format_relative (due, now, tz);
  return lg_followup_format_day_time (due, now, tz);
}

gboolean
lg_followup_kind_is_valid (const char *kind)
{
  return lg_followup_kind_label (kind) != NULL;
}

/* The kind's name for people, or NULL for a kind the schema does not know. */
const char *
lg_followup_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "call") == 0)
    return _("Call");
  if (g_strcmp0 (kind, "message") == 0)
    return _("Message");
  if (g_strcmp0 (kind, "email") == 0)
    return _("Email");
  if (g_strcmp0 (kind, "meeting") == 0)
    return _("Meeting");
  return NULL;
}
