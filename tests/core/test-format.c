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
#include <stdio.h>

#include "lg-date-format.h"
#include "lg-format.h"
#include "lg-metrics-format.h"
#include "lg-pipeline.h"

typedef struct
{
  double      minor;
  const char *currency;
  const char *expected;
} MoneyCase;

/* Formats each case with LC_MONETARY and LC_NUMERIC set to locale, then
 * goes back to C; skips when the machine lacks the locale. */
static void
check_money (const char      *locale,
             const MoneyCase *cases,
             guint            n)
{
  if (setlocale (LC_MONETARY, locale) == NULL || setlocale (LC_NUMERIC, locale) == NULL)
    {
      g_autofree char *why = g_strdup_printf ("The %s locale is missing; build-aux/setup.sh "
                                              "generates it.", locale);

      setlocale (LC_ALL, "C");
      g_test_skip (why);
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = lg_format_money (cases[i].minor, cases[i].currency);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
  setlocale (LC_ALL, "C");
}

/* The C locale groups no digits; money is grouped all the same, English-style. */
static void
test_money_c (void)
{
  static const MoneyCase cases[] = {
    { 249000000, "RUB", "₽2,490,000" },
    { 790000, "EUR", "€7,900" },
    { 246000, "USD", "$2,460" },
    { 123456789, "EUR", "€1,234,567.89" },
    { 120000, NULL, "$1,200" },
    { 99900, "USD", "$999" },
    { 0, "USD", "$0" },
    { -150, "CHF", "−1.50\u00a0CHF" },
    { 123456, "CHF", "1,234.56\u00a0CHF" },
    /* A cost per lead in fractions of a cent, rounded. */
    { 5287.4, "USD", "$52.87" },
  };

  check_money ("C", cases, G_N_ELEMENTS (cases));
}

static void
test_money_english (void)
{
  static const MoneyCase cases[] = {
    { 249000000, "RUB", "₽2,490,000" },
    { 123456789, "EUR", "€1,234,567.89" },
    { -250000, "GBP", "−£2,500" },
    /* A code goes where this locale puts its symbol. */
    { 123456, "CHF", "CHF\u00a01,234.56" },
  };

  check_money ("en_US.UTF-8", cases, G_N_ELEMENTS (cases));
}

/* Russian: the symbol after the amount, a narrow no-break space between
 * groups, a decimal comma. */
static void
test_money_russian (void)
{
  static const MoneyCase cases[] = {
    { 249000000, "RUB", "2\u202f490\u202f000\u00a0₽" },
    { 123456789, "EUR", "1\u202f234\u202f567,89\u00a0€" },
    { 99900, "USD", "999\u00a0$" },
    { 123456, "CHF", "1\u202f234,56\u00a0CHF" },
  };

  check_money ("ru_RU.UTF-8", cases, G_N_ELEMENTS (cases));
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

/* A chooser's list: the current currency, those in use, then the rest. */
static void
test_currency_choices (void)
{
  const char *in_use[] = { "RUB", "EUR", "XTS", NULL };
  g_auto(GStrv) codes = lg_currency_choices (in_use, "EUR");
  g_auto(GStrv) none = lg_currency_choices (NULL, NULL);

  g_assert_cmpstr (codes[0], ==, "EUR");
  g_assert_cmpstr (codes[1], ==, "RUB");
  g_assert_cmpstr (codes[2], ==, "XTS");
  g_assert_cmpstr (codes[3], ==, "AED");
  g_assert_cmpuint (g_strv_length (codes), ==, g_strv_length (none) + 1);
  g_assert_true (g_strv_contains ((const char * const *) none, "USD"));
}

/* Berlin, for days across the change to summer time. */
static GTimeZone *
zone (void)
{
  static GTimeZone *berlin;

  if (berlin == NULL)
    berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_assert_nonnull (berlin);
  return berlin;
}

/* "2026-12-07 12:30" (or "…:30:15") in Berlin as Unix time. */
static gint64
at (const char *text)
{
  g_autoptr(GDateTime) time = NULL;
  int year, month, day, hour, minute, second = 0;

  g_assert_cmpint (sscanf (text, "%d-%d-%d %d:%d:%d", &year, &month, &day, &hour, &minute,
                           &second), >=, 5);
  time = g_date_time_new (zone (), year, month, day, hour, minute, second);
  return g_date_time_to_unix (time);
}

static void
test_short_date (void)
{
  gint64 now = at ("2026-12-07 12:30");
  g_autofree char *this_year = lg_format_short_date (at ("2026-09-09 00:00"), now, zone ());
  g_autofree char *last_year = lg_format_short_date (at ("2025-12-06 23:00"), now, zone ());
  g_autofree char *period = lg_format_period (at ("2026-09-09 00:00"), at ("2026-12-08 00:00"),
                                              now, zone ());
  g_autofree char *old = lg_format_period (at ("2024-03-01 00:00"), at ("2024-04-01 00:00"), now,
                                           zone ());
  g_autofree char *one_day = lg_format_period (at ("2026-03-01 00:00"), at ("2026-03-02 00:00"),
                                               now, zone ());

  g_assert_cmpstr (this_year, ==, "9 Sep");
  g_assert_cmpstr (last_year, ==, "6 Dec 2025");
  g_assert_cmpstr (period, ==, "9 Sep – 7 Dec");
  g_assert_cmpstr (old, ==, "1 Mar 2024 – 31 Mar 2024");
  g_assert_cmpstr (one_day, ==, "1 Mar");
}

/* From Monday 7 December 2026, 12:30 in Berlin. */
static void
test_when (void)
{
  static const struct
  {
    const char *time;
    const char *expected;
  } cases[] = {
    { "2026-12-07 12:30", "just now" },
    { "2026-12-07 12:05", "25 minutes ago (12:05)" },
    { "2026-12-07 12:45", "in 15 minutes (12:45)" },
    { "2026-12-07 13:29:31", "in 1 hour (13:29)" },
    { "2026-12-07 09:12", "3 hours ago (09:12)" },
    { "2026-12-07 14:00", "in 2 hours (14:00)" },
    { "2026-12-06 23:50", "yesterday (23:50)" },
    { "2026-12-08 09:00", "tomorrow (09:00)" },
    { "2026-12-04 10:00", "3 days ago (4 Dec)" },
    { "2026-12-11 10:00", "in 4 days (11 Dec)" },
    { "2026-11-20 09:12", "2 weeks ago (20 Nov)" },
    { "2026-09-09 08:00", "2 months ago (9 Sep)" },
    { "2027-02-01 08:00", "in 8 weeks (1 Feb 2027)" },
    { "2027-03-01 08:00", "in 2 months (1 Mar 2027)" },
    { "2025-12-06 08:00", "1 year ago (6 Dec 2025)" },
  };
  gint64 now = at ("2026-12-07 12:30");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = lg_format_when (at (cases[i].time), now, zone ());

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

/* Calendar days, not 24-hour spans: ten minutes past midnight is "tomorrow"
 * from late evening, though only an hour away. */
static void
test_days_between (void)
{
  g_assert_cmpint (lg_date_days_between (at ("2026-12-07 23:00"), at ("2026-12-08 00:10"), zone ()),
                   ==, 1);
  g_assert_cmpint (lg_date_days_between (at ("2026-12-07 00:10"), at ("2026-12-07 23:00"), zone ()),
                   ==, 0);
  /* Across the change to summer time (29 March 2026 in Berlin). */
  g_assert_cmpint (lg_date_days_between (at ("2026-03-28 12:00"), at ("2026-03-30 12:00"), zone ()),
                   ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/money/c-locale", test_money_c);
  g_test_add_func ("/format/money/english", test_money_english);
  g_test_add_func ("/format/money/russian", test_money_russian);
  g_test_add_func ("/format/money/round-trip", test_money_round_trip);
  g_test_add_func ("/format/money/currency-choices", test_currency_choices);
  g_test_add_func ("/format/date/short", test_short_date);
  g_test_add_func ("/format/date/when", test_when);
  g_test_add_func ("/format/date/days-between", test_days_between);

  return g_test_run ();
}
