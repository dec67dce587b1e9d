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

#include "lg-format.h"
#include "lg-format.h"
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

