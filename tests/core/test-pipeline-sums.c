/* test-pipeline-sums.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A board column's money without GTK: values summed per currency in the
 * order the currencies first appear, weighted by the stage's probability,
 * and the header's text made from them.
 */

#include "config.h"

#include "lg-format.h"
#include "lg-lead.h"
#include "lg-pipeline.h"

/* The sums of a column of leads, each given as a currency (NULL: none) and
 * a value. */
static GArray *
sum_column (const char            *currencies[],
            gint64                 values[],
            guint                  n,
            const LgPipelineRules *rules,
            LgStage                stage)
{
  g_autoptr(GListStore) leads = g_list_store_new (LG_TYPE_LEAD);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LgLead) lead = lg_lead_new ();

      lg_lead_set_currency (lead, currencies[i]);
      lg_lead_set_value (lead, values[i]);
      g_list_store_append (leads, lead);
    }
  return lg_pipeline_sum_by_currency (G_LIST_MODEL (leads), rules, stage);
}

static const LgCurrencySum *
sum_at (GArray *sums,
        guint   i)
{
  g_assert_cmpuint (i, <, sums->len);
  return &g_array_index (sums, LgCurrencySum, i);
}

static void
test_by_currency (void)
{
  const char *currencies[] = { "EUR", "USD", "EUR", NULL };
  gint64 values[] = { 30000, 20000, 10000, 5000 };
  g_autoptr(GArray) sums = NULL;
  g_autofree char *text = NULL;
  LgPipelineRules rules;

  lg_pipeline_rules_init_defaults (&rules);
  sums = sum_column (currencies, values, G_N_ELEMENTS (values), &rules, LG_STAGE_COLD);

  /* In the order they first appear; no currency is a currency of its own. */
  g_assert_cmpuint (sums->len, ==, 3);
  g_assert_cmpstr (sum_at (sums, 0)->currency, ==, "EUR");
  g_assert_cmpint (sum_at (sums, 0)->value, ==, 40000);
  g_assert_cmpint (sum_at (sums, 0)->weighted, ==, 4000);
  g_assert_cmpstr (sum_at (sums, 1)->currency, ==, "USD");
  g_assert_cmpint (sum_at (sums, 1)->value, ==, 20000);
  g_assert_cmpint (sum_at (sums, 1)->weighted, ==, 2000);
  g_assert_cmpstr (sum_at (sums, 2)->currency, ==, "");
  g_assert_cmpint (sum_at (sums, 2)->value, ==, 5000);

  /* Amounts without a currency are dollars, as lg_format_money() has it. */
  text = lg_pipeline_describe_sums (sums, LG_STAGE_COLD);
  g_assert_cmpstr (text, ==, "€400 · weighted €40\n$200 · weighted $20\n$50 · weighted $5");
}

/* Each currency's weighted value is rounded once, to the nearest minor
 * unit, with the user's probability for the stage. */
static void
test_weighted (void)
{
  const char *currencies[] = { "RUB", "RUB", "GBP" };
  gint64 values[] = { 1000, 5, 15 };
  g_autoptr(GArray) sums = NULL;
  LgPipelineRules rules;

  lg_pipeline_rules_init_defaults (&rules);
  rules.probability[LG_STAGE_WARM] = 30;
  sums = sum_column (currencies, values, G_N_ELEMENTS (values), &rules, LG_STAGE_WARM);

  g_assert_cmpuint (sums->len, ==, 2);
  g_assert_cmpint (sum_at (sums, 0)->value, ==, 1005);
  g_assert_cmpint (sum_at (sums, 0)->weighted, ==, 302);  /* 301.5 */
  g_assert_cmpint (sum_at (sums, 1)->weighted, ==, 5);    /* 4.5 */
}

static void
test_closed (void)
{
  const char *currencies[] = { "RUB", "EUR" };
  gint64 values[] = { 249000000, 790000 };
  g_autoptr(GArray) sums = NULL;
  g_autofree char *text = NULL;
  LgPipelineRules rules;

  lg_pipeline_rules_init_defaults (&rules);
  sums = sum_column (currencies, values, G_N_ELEMENTS (values), &rules, LG_STAGE_WON);
  text = lg_pipeline_describe_sums (sums, LG_STAGE_WON);

  /* A closed stage is worth what it is: no weighted value. */
  g_assert_cmpstr (text, ==, "₽2,490,000\n€7,900");
}

static void
test_zero_and_empty (void)
{
  const char *currencies[] = { "GBP", "USD" };
  gint64 values[] = { 0, 150000 };
  g_autoptr(GArray) sums = NULL;
  g_autoptr(GArray) empty = NULL;
  g_autofree char *text = NULL;
  g_autofree char *open_text = NULL;
  g_autofree char *lost_text = NULL;
  LgPipelineRules rules;

  lg_pipeline_rules_init_defaults (&rules);
  sums = sum_column (currencies, values, G_N_ELEMENTS (values), &rules, LG_STAGE_COLD);
  text = lg_pipeline_describe_sums (sums, LG_STAGE_COLD);

  /* The pound is summed, but "£0" beside "$1,500" is left unsaid. */
  g_assert_cmpuint (sums->len, ==, 2);
  g_assert_cmpstr (text, ==, "$1,500 · weighted $150");

  /* An empty column still says what it is worth. */
  empty = sum_column (NULL, NULL, 0, &rules, LG_STAGE_HOT);
  g_assert_cmpuint (empty->len, ==, 0);
  open_text = lg_pipeline_describe_sums (empty, LG_STAGE_HOT);
  g_assert_cmpstr (open_text, ==, "$0 · weighted $0");
  lost_text = lg_pipeline_describe_sums (empty, LG_STAGE_LOST);
  g_assert_cmpstr (lost_text, ==, "$0");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pipeline/sums/by-currency", test_by_currency);
  g_test_add_func ("/pipeline/sums/weighted", test_weighted);
  g_test_add_func ("/pipeline/sums/closed", test_closed);
  g_test_add_func ("/pipeline/sums/zero-and-empty", test_zero_and_empty);

  return g_test_run ();
}
