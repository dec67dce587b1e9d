/* lg-pipeline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pipeline's vocabulary: stages, qualifications, the user's rules, due
 * states and money as text. Shared by the store, the CLI and the board.
 */

#define G_LOG_DOMAIN "lg-pipeline"

#include "config.h"

#include <glib/gi18n.h>
#include <limits.h>
#include <locale.h>
#include <string.h>

#include "lg-lead.h"
#include "lg-pipeline.h"

static const char * const stage_ids[LG_N_STAGES] = { "cold", "warm", "hot", "won", "lost" };

const char *
lg_stage_id (LgStage stage)
{
  g_return_val_if_fail (stage >= 0 && stage < LG_N_STAGES, NULL);

  return stage_ids[stage];
}

LgStage
lg_stage_from_id (const char *id)
{
  for (int i = 0; id != NULL && i < LG_N_STAGES; i++)
    if (g_ascii_strcasecmp (id, stage_ids[i]) == 0)
      return i;
  return LG_STAGE_INVALID;
}

const char *
lg_stage_label (LgStage stage)
{
  switch (stage)
    {
    case LG_STAGE_COLD:
      return _("Cold");
    case LG_STAGE_WARM:
      return _("Warm");
    case LG_STAGE_HOT:
      return _("Hot");
    case LG_STAGE_WON:
      return _("Won");
    case LG_STAGE_LOST:
      return _("Lost");
    case LG_N_STAGES:
    case LG_STAGE_INVALID:
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
lg_stage_is_closed (LgStage stage)
{
  return stage == LG_STAGE_WON || stage == LG_STAGE_LOST;
}

const char *
lg_qualification_label (const char *id)
{
  if (g_strcmp0 (id, "mql") == 0)
    return _("MQL");
  if (g_strcmp0 (id, "sql") == 0)
    return _("SQL");
  if (g_strcmp0 (id, "pql") == 0)
    return _("PQL");
  return _("Unqualified");
}

const char *
lg_qualification_describe (const char *id)
{
  if (g_strcmp0 (id, "mql") == 0)
    return _("Marketing-qualified: showed interest (asked, replied, signed up), not yet "
             "checked by sales");
  if (g_strcmp0 (id, "sql") == 0)
    return _("Sales-qualified: sales has talked to them and confirmed the need, the budget "
             "and who decides");
  if (g_strcmp0 (id, "pql") == 0)
    return _("Product-qualified: already uses your product, on a trial or a free plan, and "
             "gets value from it");
  return _("Not judged yet, or not a fit");
}

gboolean
lg_qualification_valid (const char *id)
{
  return g_strcmp0 (id, "unqualified") == 0 || g_strcmp0 (id, "mql") == 0 ||
         g_strcmp0 (id, "sql") == 0 || g_strcmp0 (id, "pql") == 0;
}

/* The same defaults as the settings schema, for the CLI and tests. */
void
lg_pipeline_rules_init_defaults (LgPipelineRules *rules)
{
  static const LgPipelineRules defaults = {
    .probability = { 10, 30, 60, 100, 0 },
    .stale_days = { 14, 7, 3, 0, 0 },
  };

  g_return_if_fail (rules != NULL);

  *rules = defaults;
}

gint64
lg_pipeline_weighted_value (const LgPipelineRules *rules,
                            LgStage                stage,
                            gint64                 value)
{
  g_return_val_if_fail (rules != NULL, 0);
  g_return_val_if_fail (stage >= 0 && stage < LG_N_STAGES, 0);

  /* Rounded to the nearest minor unit. */
  return (value * (gint64) MIN (rules->probability[stage], 100) + 50) / 100;
}

static void
clear_sum (gpointer data)
{
  g_free (((LgCurrencySum *) data)->currency);
}

GArray *
lg_pipeline_sum_by_currency (GListModel            *leads,
                             const LgPipelineRules *rules,
                             LgStage                stage)
{
  g_autoptr(GArray) sums = g_array_new (FALSE, TRUE, sizeof (LgCurrencySum));
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (leads), NULL);
  g_return_val_if_fail (rules != NULL, NULL);
  g_return_val_if_fail (stage >= 0 && stage < LG_N_STAGES, NULL);

  g_array_set_clear_func (sums, clear_sum);
  n = g_list_model_get_n_items (leads);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LgLead) lead = g_list_model_get_item (leads, i);
      const char *code = lg_lead_get_currency (lead) != NULL ? lg_lead_get_currency (lead) : "";
      LgCurrencySum *sum = NULL;

      /* A column uses a currency or two: a hash table would not pay. */
      for (guint j = 0; j < sums->len && sum == NULL; j++)
        if (g_str_equal (g_array_index (sums, LgCurrencySum, j).currency, code))
          sum = &g_array_index (sums, LgCurrencySum, j);
      if (sum == NULL)
        {
          LgCurrencySum added = { g_strdup (code), 0, 0 };

          g_array_append_val (sums, added);
          sum = &g_array_index (sums, LgCurrencySum, sums->len - 1);
        }
      sum->value += lg_lead_get_value (lead);
    }
  /* Weighted once per currency, rounded to the minor unit: the figure a
   * column of that currency alone shows. */
  for (guint j = 0; j < sums->len; j++)
    {
      LgCurrencySum *sum = &g_array_index (sums, LgCurrencySum, j);

      sum->weighted = lg_pipeline_weighted_value (rules, stage, sum->value);
    }
  return g_steal_pointer (&sums);
}

static void
append_sum (GString             *text,
            const LgCurrencySum *sum,
            LgStage              stage)
{
  g_autofree char *value = lg_format_money (sum->value, sum->currency);
  g_autofree char *weighted = NULL;

  if (text->len > 0)
    g_string_append_c (text, '\n');
  if (lg_stage_is_closed (stage))
    {
      g_string_append (text, value);
      return;
    }
  weighted = lg_format_money (sum->weighted, sum->currency);
  /* TRANSLATORS: a column's total value, then the value weighted by the win probability */
  g_string_append_printf (text, _("%s · weighted %s"), value, weighted);
}

char *
lg_pipeline_describe_sums (GArray  *sums,
                           LgStage  stage)
{
  static const LgCurrencySum nothing = { (char *) "", 0, 0 };
  GString *text = g_string_new (NULL);
  gboolean any_value = FALSE;

  g_return_val_if_fail (sums != NULL, NULL);
  g_return_val_if_fail (stage >= 0 && stage < LG_N_STAGES, NULL);

  for (guint i = 0; i < sums->len; i++)
    any_value |= g_array_index (sums, LgCurrencySum, i).value != 0;

  for (guint i = 0; i < sums->len; i++)
    {
      const LgCurrencySum *sum = &g_array_index (sums, LgCurrencySum, i);

      /* Leads without a value say nothing about their currency: "$0" beside
       * "€4,500" would only be noise. */
      if (!any_value || sum->value != 0)
        append_sum (text, sum, stage);
    }
  /* An empty column still says what it is worth. */
  if (sums->len == 0)
    append_sum (text, &nothing, stage);
  return g_string_free (text, FALSE);
}

/* "Today" is the user's local day, not UTC's. */
LgDueState
lg_due_state (gint64 due_at,
              gint64 now)
{
  g_autoptr(GDateTime) now_local = NULL;
  g_autoptr(GDateTime) midnight = NULL;
  g_autoptr(GDateTime) tomorrow = NULL;

  if (due_at <= 0)
    return LG_DUE_NONE;
  if (due_at < now)
    return LG_DUE_OVERDUE;

  now_local = g_date_time_new_from_unix_local (now);
  midnight = g_date_time_new_local (g_date_time_get_year (now_local),
                                    g_date_time_get_month (now_local),
                                    g_date_time_get_day_of_month (now_local), 0, 0, 0);
  tomorrow = g_date_time_add_days (midnight, 1);

  return due_at < g_date_time_to_unix (tomorrow) ? LG_DUE_TODAY : LG_DUE_LATER;
}

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
