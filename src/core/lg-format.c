/* lg-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Dates, periods, durations and money as people read and type them: the one
 * place every view, export and CLI command takes them from. How old
 * something is ("3 days ago") sits lower, beside the scorer that writes it
 * into reasons (lg-date-format.c).
 */

#define G_LOG_DOMAIN "lg-format"

#include "config.h"

#include <glib/gi18n.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "lg-format.h"

G_DEFINE_QUARK (lg-format-error-quark, lg_format_error)

/* Dates and periods */

static gboolean
parse_numbers (const char  *text,
               const char  *format,
               int         *year,
               int         *month,
               int         *day)
{
  char rest;
  int n;

  if (day != NULL)
    n = sscanf (text, format, year, month, day, &rest);
  else
    n = sscanf (text, format, year, month, &rest);
  if (n != (day != NULL ? 3 : 2))
    return FALSE;
  return g_date_valid_dmy (day != NULL ? *day : 1, *month, *year);
}

gboolean
lg_parse_date (const char  *text,
               GTimeZone   *tz,
               gint64      *out,
               GError     **error)
{
  g_autoptr(GTimeZone) local = tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_local ();
  g_autoptr(GDateTime) t = NULL;
  int year, month, day;

  g_return_val_if_fail (text != NULL && out != NULL, FALSE);

  if (!parse_numbers (text, "%4d-%2d-%2d%c", &year, &month, &day))
    {
      g_set_error (error, LG_FORMAT_ERROR, LG_FORMAT_ERROR_INVALID_DATE,
                   _("“%s” is not a date. Write it as YYYY-MM-DD, for example 2024-03-01."), text);
      return FALSE;
    }

  t = g_date_time_new (local, year, month, day, 0, 0, 0);
  *out = g_date_time_to_unix (t);
  return TRUE;
}

void
lg_month_range (int        year,
                int        month,
                GTimeZone *tz,
                gint64    *start,
                gint64    *end)
{
  g_autoptr(GTimeZone) local = tz != NULL ? g_time_zone_ref (tz) : g_time_zone_new_local ();
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) next = NULL;

  g_return_if_fail (g_date_valid_dmy (1, month, year) && start != NULL && end != NULL);

  first = g_date_time_new (local, year, month, 1, 0, 0, 0);
  next = g_date_time_add_months (first, 1);
  *start = g_date_time_to_unix (first);
  *end = g_date_time_to_unix (next);
}

gboolean
lg_parse_month (const char  *text,
                GTimeZone   *tz,
                gint64      *start,
                gint64      *end,
                GError     **error)
{
  int year, month;

  g_return_val_if_fail (text != NULL && start != NULL && end != NULL, FALSE);

  if (!parse_numbers (text, "%4d-%2d%c", &year, &month, NULL))
    {
      g_set_error (error, LG_FORMAT_ERROR, LG_FORMAT_ERROR_INVALID_DATE,
                   _("“%s” is not a month. Write it as YYYY-MM, for example 2024-03."), text);
      return FALSE;
    }
  lg_month_range (year, month, tz, start, end);
  return TRUE;
}

gboolean
lg_parse_amount (const char  *text,
                 gint64      *minor,
                 GError     **error)
{
  g_return_val_if_fail (text != NULL && minor != NULL, FALSE);

  if (lg_parse_money (text, minor))
    return TRUE;
  g_set_error (error, LG_FORMAT_ERROR, LG_FORMAT_ERROR_INVALID_AMOUNT,
               _("“%s” is not an amount. Write a number with up to two decimals, "
                 "for example 250 or 99.90."), text);
  return FALSE;
}

char *
lg_format_amount (gint64 minor)
{
  const char *sign = minor < 0 ? "-" : "";

  if (minor % 100 == 0)
    return g_strdup_printf ("%s%" G_GINT64_FORMAT, sign, ABS (minor) / 100);
  return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%02d", sign, ABS (minor) / 100,
                          (int) (ABS (minor) % 100));
}

char *
lg_format_period (gint64     from,
                  gint64     to,
                  gint64     now,
                  GTimeZone *tz)
{
  g_autofree char *a = lg_format_short_date (from, now, tz);
  g_autofree char *b = lg_format_short_date (to - 1, now, tz);

  if (g_strcmp0 (a, b) == 0)
    return g_steal_pointer (&a);
  return g_strdup_printf ("%s – %s", a, b);
}

char *
lg_format_duration (double seconds)
{
  if (seconds < 60)
    return g_strdup (_("< 1 min"));
  if (seconds < 3600)
    /* TRANSLATORS: minutes */
    return g_strdup_printf (_("%.0f min"), floor (seconds / 60));
  if (seconds < 48 * 3600)
    /* TRANSLATORS: hours */
    return g_strdup_printf (_("%.1f h"), seconds / 3600);
  /* TRANSLATORS: days */
  return g_strdup_printf (_("%.1f days"), seconds / 86400);
}

/* Money */

/* The currencies a chooser offers beside those in use, by code; the symbol
 * where it is one no other currency shares (CAD's and AUD's "$" are not). */
static const struct
{
  const char *code;
  const char *symbol;
} currencies[] = {
  { "AED", NULL }, { "AUD", NULL }, { "BRL", NULL }, { "BYN", NULL }, { "CAD", NULL },
  { "CHF", NULL }, { "CNY", NULL }, { "CZK", NULL }, { "DKK", NULL }, { "EUR", "€" },
  { "GBP", "£" }, { "GEL", NULL }, { "HKD", NULL }, { "ILS", NULL }, { "INR", "₹" },
  { "JPY", "¥" }, { "KRW", NULL }, { "KZT", "₸" }, { "MXN", NULL }, { "NOK", NULL },
  { "NZD", NULL }, { "PLN", NULL }, { "RUB", "₽" }, { "SEK", NULL }, { "SGD", NULL },
  { "TRY", NULL }, { "UAH", "₴" }, { "USD", "$" }, { "UZS", NULL }, { "ZAR", NULL },
};

GStrv
lg_currency_choices (const char * const *in_use,
                     const char         *current)
{
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (current != NULL && *current != '\0' && g_hash_table_add (seen, (gpointer) current))
    g_strv_builder_add (codes, current);
  for (guint i = 0; in_use != NULL && in_use[i] != NULL; i++)
    if (g_hash_table_add (seen, (gpointer) in_use[i]))
      g_strv_builder_add (codes, in_use[i]);
  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    if (g_hash_table_add (seen, (gpointer) currencies[i].code))
      g_strv_builder_add (codes, currencies[i].code);
  return g_strv_builder_end (codes);
}

static const char *
first_set (const char *a,
           const char *b,
           const char *fallback)
{
  return a != NULL && *a != '\0' ? a : b != NULL && *b != '\0' ? b : fallback;
}

/* Digits of whole in groups as grouping (localeconv()'s) says: each byte the
 * size of the next group from the right, the last one repeating, CHAR_MAX
 * ending the grouping. */
static void
append_grouped (GString    *out,
                guint64     whole,
                const char *separator,
                const char *grouping)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  gsize left;
  int size = 0;

  g_string_printf (digits, "%" G_GUINT64_FORMAT, whole);
  /* From the right, so that each separator goes among digits alone. */
  for (left = digits->len;;)
    {
      if (*grouping != '\0')
        size = *grouping++;
      if (size <= 0 || size == CHAR_MAX || (gsize) size >= left)
        break;
      left -= size;
      g_string_insert (digits, left, separator);
    }
  g_string_append (out, digits->str);
}

/* Minor units are hundredths, the case for nearly every currency. Figures
 * such as a cost per lead come as fractions of a cent: round them.
 *
 * The locale's money (LC_MONETARY, else LC_NUMERIC) with what it leaves
 * unsaid filled in, so that digits are always grouped: the C locale, which
 * many a desktop session and every test runs in, would show ₽2490000.
 * localeconv() is not thread-safe: money is formatted on the main thread. */
char *
lg_format_money (double      minor_units,
                 const char *currency)
{
  const struct lconv *lc = localeconv ();
  const char *code = currency != NULL && *currency != '\0' ? currency : "USD";
  const char *decimal = first_set (lc->mon_decimal_point, lc->decimal_point, ".");
  const char *thousands = first_set (lc->mon_thousands_sep, lc->thousands_sep,
                                     g_str_equal (decimal, ",") ? "\u202f" : ",");
  /* A no-break space keeps the amount on one line. */
  const char *space = lc->p_sep_by_space != CHAR_MAX && lc->p_sep_by_space != 0 ? "\u00a0" : "";
  gint64 cents = (gint64) (minor_units < 0 ? minor_units - 0.5 : minor_units + 0.5);
  const char *symbol = NULL;
  GString *out = g_string_new (cents < 0 ? "−" : "");
  g_autoptr(GString) amount = g_string_new (NULL);

  cents = ABS (cents);
  append_grouped (amount, (guint64) cents / 100, thousands,
                  first_set (lc->mon_grouping, lc->grouping, "\3"));
  if (cents % 100 != 0)
    g_string_append_printf (amount, "%s%02d", decimal, (int) (cents % 100));

  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    if (g_str_equal (code, currencies[i].code))
      symbol = currencies[i].symbol;

  /* p_cs_precedes CHAR_MAX: the locale does not say. Then a symbol goes
   * first ("$5") and a code last ("5 CHF"); a locale that puts its own
   * symbol first puts a code there too ("CHF 5"), as CLDR's patterns do. A
   * code is a word and always stands apart. */
  if (symbol != NULL && lc->p_cs_precedes != 0)
    g_string_append_printf (out, "%s%s%s", symbol, space, amount->str);
  else if (symbol != NULL)
    g_string_append_printf (out, "%s%s%s", amount->str, space, symbol);
  else if (lc->p_cs_precedes == 1)
    g_string_append_printf (out, "%s\u00a0%s", code, amount->str);
  else
    g_string_append_printf (out, "%s\u00a0%s", amount->str, code);
  return g_string_free (out, FALSE);
}

static gboolean
is_space (gunichar c)
{
  /* NBSP and the narrow NBSP group digits in many locales. */
  return g_unichar_isspace (c) || c == 0x00a0 || c == 0x202f;
}

/* A word of letters (and dots, "руб."): a currency written out. */
static gboolean
is_word (const char *start,
         const char *end)
{
  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    if (!g_unichar_isalpha (g_utf8_get_char (p)) && *p != '.')
      return FALSE;
  return TRUE;
}

/* Digit groups between thousands separators: "1", "234", "567". One group
 * is any number of digits; several: the first 1 to 3 digits and no lone 0
 * ("0,125" is no thousand), the last 3, those between all 3 — or all 2, as
 * in India's "1,20,000". */
static gboolean
groups_valid (GStrv groups)
{
  guint n = g_strv_length (groups);
  gsize first, middle;

  if (n <= 1)
    return TRUE;
  first = strlen (groups[0]);
  if (first == 0 || first > 3 || (first == 1 && groups[0][0] == '0') ||
      strlen (groups[n - 1]) != 3)
    return FALSE;
  middle = n > 2 ? strlen (groups[1]) : 3;
  if (middle != 2 && middle != 3)
    return FALSE;
  for (guint i = 1; i + 1 < n; i++)
    if (strlen (groups[i]) != middle)
      return FALSE;
  return TRUE;
}

/* Amounts as people and other CRMs write them: "1200", "1,200.50",
 * "1.200,50", "1 200,5", "1'200", "$1,200", "1200 EUR", "15 000 руб.".
 * When both separators appear the last one is the decimal one; a lone comma
 * followed by three digits groups thousands; at most two decimals, so a lone
 * "1.200" (1200 or 1.2?) is refused rather than guessed. Currency signs and
 * words before or after the number are skipped; no negative amounts. The one
 * reader of money typed or imported. */
gboolean
lg_parse_money (const char *text,
                gint64     *minor_units)
{
  g_autoptr(GString) number = g_string_new (NULL);
  const char *p, *last_dot, *last_comma;
  g_autofree char *head = NULL;
  g_auto(GStrv) wholes = NULL;
  const char *fraction_text;
  gboolean words_after = FALSE, sign_after = FALSE;
  guint n_digits = 0, fraction_digits = 0;
  gint64 whole = 0, fraction = 0;
  char decimal = 0;

  g_return_val_if_fail (minor_units != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  /* Space-separated pieces: numbers (digits, separators, currency signs)
   * and, before or after them only, words. */
  for (p = text; *p != '\0';)
    {
      const char *start, *end;

      while (*p != '\0' && is_space (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = end = p;
      while (*end != '\0' && !is_space (g_utf8_get_char (end)))
        end = g_utf8_next_char (end);
      p = end;
      if (start == end)
        continue;

      if (is_word (start, end))
        {
          words_after = number->len > 0;
          continue;
        }
      if (words_after)
        return FALSE;
      for (const char *q = start; q < end; q = g_utf8_next_char (q))
        {
          gunichar c = g_utf8_get_char (q);

          if (c == '.' || c == ',' || g_ascii_isdigit (c))
            {
              /* A sign stands before or after the number, not inside it. */
              if (sign_after)
                return FALSE;
              g_string_append_c (number, (char) c);
            }
          else if (g_unichar_type (c) == G_UNICODE_CURRENCY_SYMBOL)
            sign_after = number->len > 0;
          else if (c != '\'' && c != '_')
            return FALSE;
        }
      sign_after = FALSE;
    }

  last_dot = strrchr (number->str, '.');
  last_comma = strrchr (number->str, ',');
  if (last_dot != NULL && last_comma != NULL)
    decimal = last_dot > last_comma ? '.' : ',';
  else if (last_dot != NULL && strchr (number->str, '.') == last_dot)
    decimal = '.';
  else if (last_comma != NULL && strchr (number->str, ',') == last_comma &&
           strlen (last_comma + 1) != 3)
    decimal = ',';

  /* The whole part, before the decimal separator, in groups between
   * thousands separators. */
  fraction_text = decimal != 0 ? strchr (number->str, decimal) + 1 : NULL;
  head = g_strndup (number->str, fraction_text != NULL
                                 ? (gsize) (fraction_text - 1 - number->str) : number->len);
  wholes = g_strsplit_set (head, ".,", -1);
  if (!groups_valid (wholes))
    return FALSE;
  for (guint i = 0; wholes[i] != NULL; i++)
    for (p = wholes[i]; *p != '\0'; p++)
      {
        whole = whole * 10 + (*p - '0');
        if (whole > (G_MAXINT64 - 99) / 100)
          return FALSE;
        n_digits++;
      }

  for (p = fraction_text; p != NULL && *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p) || ++fraction_digits > 2)
        return FALSE;
      fraction = fraction * 10 + (*p - '0');
    }
  if (n_digits == 0 && fraction_digits == 0)
    return FALSE;

  *minor_units = whole * 100 + (fraction_digits == 1 ? fraction * 10 : fraction);
  return TRUE;
}
