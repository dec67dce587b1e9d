/* lg-format.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Dates, periods, durations and money as text, read and written the same way
 * by every view, export and CLI command; with lg-date-format.h's ages and
 * short dates, which the scorer below the core writes into reasons too.
 */

#pragma once

#include <glib.h>

#include "lg-date-format.h"

G_BEGIN_DECLS

#define LG_FORMAT_ERROR (lg_format_error_quark ())

typedef enum
{
  LG_FORMAT_ERROR_INVALID_DATE,
  LG_FORMAT_ERROR_INVALID_AMOUNT,
} LgFormatError;

GQuark lg_format_error_quark (void);

/* "YYYY-MM-DD" → that day's start in tz (NULL: local). */
gboolean lg_parse_date         (const char     *text,
                                GTimeZone      *tz,
                                gint64         *out,
                                GError        **error);
/* [start of the month, start of the next) in tz (NULL: local); month 1–12. */
void     lg_month_range        (int             year,
                                int             month,
                                GTimeZone      *tz,
                                gint64         *start,
                                gint64         *end);
/* "YYYY-MM" → the same. */
gboolean lg_parse_month        (const char     *text,
                                GTimeZone      *tz,
                                gint64         *start,
                                gint64         *end,
                                GError        **error);
/* "12.50" or "12" (major units) → minor units. */
gboolean lg_parse_amount       (const char     *text,
                                gint64         *minor,
                                GError        **error);
/* The other way: minor units → "12.50" or "12", as lg_parse_amount() and
 * the lead's value field read it. */
char    *lg_format_amount      (gint64          minor);
/* "1 Mar – 31 Mar", with years outside now's ("1 Mar 2024 – 31 Mar 2024"):
 * the last day shown is the one before `to`. */
char    *lg_format_period      (gint64          from,
                                gint64          to,
                                gint64          now,
                                GTimeZone      *tz);

/* "< 1 min", "12 min", "3.5 h", "2.0 days". */
char    *lg_format_duration    (double          seconds);

/* Money for people, the one style of every view and the CLI, by the user's
 * locale (LC_MONETARY): the currency's symbol where one is known, else its
 * code (USD when NULL), before or after the amount as the locale puts its own
 * ("$1,234.50", "CHF 1,234.50"; "1 234,50 ₽", "1 234,50 CHF"); digits always
 * grouped, in threes with commas where the locale (C) groups none; cents
 * only when the amount is not whole ("$1,200"). Call it on the main thread. */
char       *lg_format_money        (double                minor_units,
                                    const char           *currency);
/* The codes a currency chooser offers: current, then those in use (as
 * lg_store_list_currencies() lists them), then the other common ones
 * alphabetically; each once. */
GStrv       lg_currency_choices    (const char * const   *in_use,
                                    const char           *current);
gboolean    lg_parse_money         (const char           *text,
                                    gint64               *minor_units);

G_END_DECLS
