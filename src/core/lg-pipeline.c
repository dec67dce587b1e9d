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
#include <string.h>

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

static const struct
{
  const char *code;
  const char *symbol;
} currency_symbols[] = {
  { "USD", "$" }, { "EUR", "€" }, { "GBP", "£" }, { "RUB", "₽" }, { "JPY", "¥" },
  { "INR", "₹" }, { "UAH", "₴" }, { "KZT", "₸" },
};

/* Minor units are hundredths, the case for nearly every currency. Figures
 * such as a cost per lead come as fractions of a cent: round them. */
char *
lg_format_money (double      minor_units,
                 const char *currency)
{
  const char *code = currency != NULL && *currency != '\0' ? currency : "USD";
  gint64 cents = (gint64) (minor_units < 0 ? minor_units - 0.5 : minor_units + 0.5);
  const char *sign = cents < 0 ? "−" : "";
  g_autofree char *amount = NULL;

  cents = ABS (cents);
  /* "%'" groups digits as LC_NUMERIC does: "1,234" in English, "1 234" in French. */
  if (cents % 100 == 0)
    amount = g_strdup_printf ("%'" G_GINT64_FORMAT, cents / 100);
  else
    amount = g_strdup_printf ("%'.2f", cents / 100.0);

  for (guint i = 0; i < G_N_ELEMENTS (currency_symbols); i++)
    if (g_str_equal (code, currency_symbols[i].code))
      return g_strdup_printf ("%s%s%s", sign, currency_symbols[i].symbol, amount);
  return g_strdup_printf ("%s%s %s", sign, amount, code);
}

/* Accepts "1200", "1,200.50", "1 200,5"; a lone comma followed by one or two
 * digits is taken as the decimal separator. */
gboolean
lg_parse_money (const char *text,
                gint64     *minor_units)
{
  g_autoptr(GString) whole = g_string_new (NULL);
  g_autoptr(GString) fraction = NULL;
  const char *p;
  guint64 value;

  g_return_val_if_fail (minor_units != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  for (p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (fraction != NULL ? fraction : whole, *p);
      else if ((*p == '.' || *p == ',') && fraction == NULL &&
               strspn (p + 1, "0123456789") == strlen (p + 1) &&
               strlen (p + 1) > 0 && strlen (p + 1) <= 2)
        fraction = g_string_new (NULL);
      else if (*p == ',' || *p == ' ' || *p == '\'' || *p == '_')
        continue;
      else if (!g_ascii_isspace (*p))
        return FALSE;
    }

  if (whole->len == 0 && fraction == NULL)
    return FALSE;
  if (whole->len > 15)
    return FALSE;

  value = whole->len > 0 ? g_ascii_strtoull (whole->str, NULL, 10) * 100 : 0;
  if (fraction != NULL)
    value += g_ascii_strtoull (fraction->str, NULL, 10) * (fraction->len == 1 ? 10 : 1);

  *minor_units = (gint64) value;
  return TRUE;
}
