/* lg-date-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-date-format"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "lg-date-format.h"

GDateTime *
lg_date_local (gint64     time,
               GTimeZone *tz)
{
  g_autoptr(GTimeZone) zone = tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_local ();
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time);

  return g_date_time_to_timezone (utc, zone);
}

static int
julian_day (gint64     time,
            GTimeZone *tz)
{
  g_autoptr(GDateTime) local = lg_date_local (time, tz);
  GDate date;
  int year, month, day;

  g_date_time_get_ymd (local, &year, &month, &day);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return (int) g_date_get_julian (&date);
}

int
lg_date_days_between (gint64     from,
                      gint64     to,
                      GTimeZone *tz)
{
  return julian_day (to, tz) - julian_day (from, tz);
}

char *
lg_format_short_date (gint64     time,
                      gint64     now,
                      GTimeZone *tz)
{
  g_autoptr(GDateTime) when = lg_date_local (time, tz);
  g_autoptr(GDateTime) today = lg_date_local (now, tz);

  if (g_date_time_get_year (when) == g_date_time_get_year (today))
    /* TRANSLATORS: a day of this year, e.g. "6 Dec"; see strftime(3) */
    return g_date_time_format (when, _("%-d %b"));
  /* TRANSLATORS: a day of another year, e.g. "6 Dec 2025"; see strftime(3) */
  return g_date_time_format (when, _("%-d %b %Y"));
}

/* Minutes and hours by the clock, longer spans by calendar days, so that
 * "yesterday" is the day before today. */
char *
lg_format_relative (gint64     time,
                    gint64     now,
                    GTimeZone *tz)
{
  gint64 delta = time - now;
  gint64 age = ABS (delta);
  int days = lg_date_days_between (now, time, tz);
  int n;

  if (age < 60)
    return g_strdup (delta > 0 ? _("now") : _("just now"));
  /* Rounded towards the moment: "in 5 minutes" at 4:30 to go, and "in 1
   * hour" rather than "in 60 minutes". */
  n = (int) (delta > 0 ? (age + 59) / 60 : age / 60);
  if (n < 60)
    return g_strdup_printf (delta > 0
                            ? g_dngettext (GETTEXT_PACKAGE, "in %d minute", "in %d minutes", n)
                            : g_dngettext (GETTEXT_PACKAGE, "%d minute ago", "%d minutes ago", n),
                            n);
  if (days == 0)
    {
      n = (int) ((age + 1800) / 3600);
      return g_strdup_printf (delta > 0
                              ? g_dngettext (GETTEXT_PACKAGE, "in %d hour", "in %d hours", n)
                              : g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago", n),
                              n);
    }
  if (days == 1)
    return g_strdup (_("tomorrow"));
  if (days == -1)
    return g_strdup (_("yesterday"));

  n = ABS (days);
  if (n < 14)
    return g_strdup_printf (days > 0
                            ? g_dngettext (GETTEXT_PACKAGE, "in %d day", "in %d days", n)
                            : g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", n), n);
  if (n < 60)
    {
      n /= 7;
      return g_strdup_printf (days > 0
                              ? g_dngettext (GETTEXT_PACKAGE, "in %d week", "in %d weeks", n)
                              : g_dngettext (GETTEXT_PACKAGE, "%d week ago", "%d weeks ago", n),
                              n);
    }
  if (n < 365)
    {
      n /= 30;
      return g_strdup_printf (days > 0
                              ? g_dngettext (GETTEXT_PACKAGE, "in %d month", "in %d months", n)
                              : g_dngettext (GETTEXT_PACKAGE, "%d month ago", "%d months ago",
                                             n), n);
    }
  n /= 365;
  return g_strdup_printf (days > 0
                          ? g_dngettext (GETTEXT_PACKAGE, "in %d year", "in %d years", n)
                          : g_dngettext (GETTEXT_PACKAGE, "%d year ago", "%d years ago", n), n);
}

char *
lg_format_when (gint64     time,
                gint64     now,
                GTimeZone *tz)
{
  int days = lg_date_days_between (now, time, tz);
  g_autofree char *relative = lg_format_relative (time, now, tz);
  g_autofree char *date = NULL;

  if (ABS (time - now) < 60)
    return g_steal_pointer (&relative);

  /* Within a day of now the time tells more than the date. */
  if (ABS (days) <= 1)
    {
      g_autoptr(GDateTime) local = lg_date_local (time, tz);

      date = g_date_time_format (local, "%H:%M");
    }
  else
    date = lg_format_short_date (time, now, tz);
  /* TRANSLATORS: how long ago or ahead, then the date or time, e.g. "3 days ago (6 Dec)" */
  return g_strdup_printf (_("%s (%s)"), relative, date);
}
