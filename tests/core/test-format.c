/* test-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Money and dates as every view shows them: amounts grouped by the user's
 * locale (and grouped in the C locale too), and moments as how long ago or
 * ahead plus the short local date.
 */

#include "config.h"

#include <locale.h>

#include "lg-date-format.h"
#include "lg-metrics-format.h"
#include "lg-pipeline.h"

/* Runs with LC_MONETARY and LC_NUMERIC set to `name`; FALSE (and skips) when
 * the machine lacks it. */
static gboolean
use_locale (const char *name)
{
  if (setlocale (LC_MONETARY, name) == NULL || setlocale (LC_NUMERIC, name) == NULL)
    {
      g_autofree char *why = g_strdup_printf ("The %s locale is missing; build-aux/setup.sh "
                                              "generates it.", name);

      setlocale (LC_ALL, "C");
      g_test_skip (why);
      return FALSE;
    }
  return TRUE;
}

static void
assert_money (double      minor,
              const char *currency,
              const char *expected)
{
  g_autofree char *text = lg_format_money (minor, currency);

  g_assert_cmpstr (text, ==, expected);
}

/* The C locale groups no digits; money is grouped all the same, English-style. */
static void
test_money_c (void)
{
  setlocale (LC_ALL, "C");
  assert_money (249000000, "RUB", "₽2,490,000");
  assert_money (790000, "EUR", "€7,900");
  assert_money (246000, "USD", "$2,460");
  assert_money (123456789, "EUR", "€1,234,567.89");
  assert_money (120000, NULL, "$1,200");
  assert_money (99900, "USD", "$999");
  assert_money (0, "USD", "$0");
  assert_money (-150, "CHF", "−1.50\u00a0CHF");
  assert_money (123456, "CHF", "1,234.56\u00a0CHF");
  /* A cost per lead in fractions of a cent, rounded. */
  assert_money (5287.4, "USD", "$52.87");
}

static void
test_money_english (void)
{
  if (!use_locale ("en_US.UTF-8"))
    return;
  assert_money (249000000, "RUB", "₽2,490,000");
  assert_money (123456789, "EUR", "€1,234,567.89");
  assert_money (-250000, "GBP", "−£2,500");
  /* A code goes where this locale puts its symbol. */
  assert_money (123456, "CHF", "CHF\u00a01,234.56");
  setlocale (LC_ALL, "C");
}

/* Russian: the symbol after the amount, a narrow no-break space between
 * groups, a decimal comma. */
static void
test_money_russian (void)
{
  if (!use_locale ("ru_RU.UTF-8"))
    return;
  assert_money (249000000, "RUB", "2\u202f490\u202f000\u00a0₽");
  assert_money (123456789, "EUR", "1\u202f234\u202f567,89\u00a0€");
  assert_money (99900, "USD", "999\u00a0$");
  assert_money (123456, "CHF", "1\u202f234,56\u00a0CHF");
  setlocale (LC_ALL, "C");
}

/* Amounts the board and Insights show read back as the same amount. */
static void
test_money_round_trip (void)
{
  const char *locales[] = { "C", "en_US.UTF-8", "ru_RU.UTF-8" };

  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      g_autofree char *text = NULL;
      gint64 minor = 0;

      if (setlocale (LC_MONETARY, locales[i]) == NULL)
        continue;
      text = lg_format_money (123456789, "EUR");
      g_assert_true (lg_parse_money (text, &minor));
      g_assert_cmpint (minor, ==, 123456789);
    }
  setlocale (LC_ALL, "C");
}

static GTimeZone *berlin;

static gint64
at (int year,
    int month,
    int day,
    int hour,
    int minute)
{
  g_autoptr(GDateTime) time = g_date_time_new (berlin, year, month, day, hour, minute, 0);

  return g_date_time_to_unix (time);
}

static void
test_short_date (void)
{
  gint64 now = at (2026, 12, 7, 12, 30);
  g_autofree char *this_year = lg_format_short_date (at (2026, 9, 9, 0, 0), now, berlin);
  g_autofree char *last_year = lg_format_short_date (at (2025, 12, 6, 23, 0), now, berlin);
  g_autofree char *period = lg_format_period (at (2026, 9, 9, 0, 0), at (2026, 12, 8, 0, 0), now,
                                              berlin);
  g_autofree char *old = lg_format_period (at (2024, 3, 1, 0, 0), at (2024, 4, 1, 0, 0), now,
                                           berlin);
  g_autofree char *one_day = lg_format_period (at (2026, 3, 1, 0, 0), at (2026, 3, 2, 0, 0), now,
                                               berlin);

  g_assert_cmpstr (this_year, ==, "9 Sep");
  g_assert_cmpstr (last_year, ==, "6 Dec 2025");
  g_assert_cmpstr (period, ==, "9 Sep – 7 Dec");
  g_assert_cmpstr (old, ==, "1 Mar 2024 – 31 Mar 2024");
  g_assert_cmpstr (one_day, ==, "1 Mar");
}

/* Monday 7 December 2026, 12:30 in Berlin. */
static void
test_when (void)
{
  static const struct
  {
    int         year, month, day, hour, minute;
    const char *expected;
  } cases[] = {
    { 2026, 12, 7, 12, 30, "just now" },
    { 2026, 12, 7, 12, 5, "25 minutes ago (12:05)" },
    { 2026, 12, 7, 12, 45, "in 15 minutes (12:45)" },
    { 2026, 12, 7, 9, 12, "3 hours ago (09:12)" },
    { 2026, 12, 7, 14, 0, "in 2 hours (14:00)" },
    { 2026, 12, 6, 23, 50, "yesterday (23:50)" },
    { 2026, 12, 8, 9, 0, "tomorrow (09:00)" },
    { 2026, 12, 4, 10, 0, "3 days ago (4 Dec)" },
    { 2026, 12, 11, 10, 0, "in 4 days (11 Dec)" },
    { 2026, 11, 20, 9, 12, "2 weeks ago (20 Nov)" },
    { 2026, 9, 9, 8, 0, "2 months ago (9 Sep)" },
    { 2027, 2, 1, 8, 0, "in 8 weeks (1 Feb 2027)" },
    { 2027, 3, 1, 8, 0, "in 2 months (1 Mar 2027)" },
    { 2025, 12, 6, 8, 0, "1 year ago (6 Dec 2025)" },
  };
  gint64 now = at (2026, 12, 7, 12, 30);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = lg_format_when (at (cases[i].year, cases[i].month, cases[i].day,
                                                  cases[i].hour, cases[i].minute), now, berlin);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

/* Calendar days, not 24-hour spans: ten minutes past midnight is "tomorrow"
 * from late evening, though only an hour away. */
static void
test_days_between (void)
{
  g_assert_cmpint (lg_date_days_between (at (2026, 12, 7, 23, 0), at (2026, 12, 8, 0, 10), berlin),
                   ==, 1);
  g_assert_cmpint (lg_date_days_between (at (2026, 12, 7, 0, 10), at (2026, 12, 7, 23, 0), berlin),
                   ==, 0);
  /* Across the change to summer time (29 March 2026 in Berlin). */
  g_assert_cmpint (lg_date_days_between (at (2026, 3, 28, 12, 0), at (2026, 3, 30, 12, 0), berlin),
                   ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GTimeZone) zone = NULL;

  g_test_init (&argc, &argv, NULL);
  zone = g_time_zone_new_identifier ("Europe/Berlin");
  g_assert_nonnull (zone);
  berlin = zone;

  g_test_add_func ("/format/money/c-locale", test_money_c);
  g_test_add_func ("/format/money/english", test_money_english);
  g_test_add_func ("/format/money/russian", test_money_russian);
  g_test_add_func ("/format/money/round-trip", test_money_round_trip);
  g_test_add_func ("/format/date/short", test_short_date);
  g_test_add_func ("/format/date/when", test_when);
  g_test_add_func ("/format/date/days-between", test_days_between);

  return g_test_run ();
}
