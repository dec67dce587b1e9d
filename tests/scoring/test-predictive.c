/* test-predictive.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "lg-predictive.h"

static void
add (LgPredictive *model,
     gboolean      won,
     const char   *source,
     const char   *stage,
     const char   *qualification,
     guint         count)
{
  const char *values[LG_PREDICTIVE_N_FIELDS] = {
    [LG_PREDICTIVE_SOURCE] = source,
    [LG_PREDICTIVE_STAGE] = stage,
    [LG_PREDICTIVE_QUALIFICATION] = qualification,
    [LG_PREDICTIVE_HAS_EMAIL] = "yes",
    [LG_PREDICTIVE_HAS_PHONE] = "no",
    [LG_PREDICTIVE_INTENT] = "act",
  };

  lg_predictive_add_closed (model, won, values, count);
}

/* 8 won and 12 lost leads:
 *
 *   won:  source 1 ×6, source 2 ×2; sql ×5, mql ×3
 *   lost: source 1 ×3, source 2 ×9; sql ×2, mql ×10;
 *         furthest stage cold ×6, warm ×4, hot ×2
 *   all:  email yes, phone no, intent act (so those fields say nothing)
 *
 * The lead: source 1, warm, sql. With +0.1 on every count:
 *
 *   prior      won 8.1/20.2               lost 12.1/20.2
 *   source 1   won 6.1/(6.1+2.1) = 6.1/8.2    lost 3.1/(3.1+9.1) = 3.1/12.2
 *   warm       won 8.1/8.1 (won leads passed every stage)
 *              lost (4+2 reached warm) 6.1/12.1
 *   sql        won 5.1/(5.1+3.1) = 5.1/8.2    lost 2.1/(2.1+10.1) = 2.1/12.2
 *   email, phone, intent: 8.1/8.1 and 12.1/12.1 = 1
 *
 *   s_won  = 8.1/20.2 × 6.1/8.2 × 1 × 5.1/8.2           = 0.1855265…
 *   s_lost = 12.1/20.2 × 3.1/12.2 × 6.1/12.1 × 2.1/12.2  = 0.0132081…
 *   P      = s_won / (s_won + s_lost)                      = 93.3539 %  → 93
 */
static void
test_hand_computed (void)
{
  g_autoptr(LgPredictive) model = lg_predictive_new ();
  g_autoptr(LgPrediction) prediction = NULL;
  const char *lead[LG_PREDICTIVE_N_FIELDS] = { "1", "warm", "sql", "yes", "no", "act" };
  double s_won = 8.1 / 20.2 * 6.1 / 8.2 * 5.1 / 8.2;
  double s_lost = 12.1 / 20.2 * 3.1 / 12.2 * 6.1 / 12.1 * 2.1 / 12.2;

  add (model, TRUE, "1", "hot", "sql", 5);
  add (model, TRUE, "1", "cold", "mql", 1);
  add (model, TRUE, "2", "warm", "mql", 2);
  add (model, FALSE, "1", "cold", "sql", 2);
  add (model, FALSE, "1", "warm", "mql", 1);
  add (model, FALSE, "2", "cold", "mql", 4);
  add (model, FALSE, "2", "warm", "mql", 3);
  add (model, FALSE, "2", "hot", "mql", 2);

  prediction = lg_predictive_predict (model, lead, 12);
  g_assert_false (prediction->fallback);
  g_assert_cmpuint (prediction->n_won, ==, 8);
  g_assert_cmpuint (prediction->n_lost, ==, 12);
  g_assert_cmpfloat_with_epsilon (prediction->exact, 100 * s_won / (s_won + s_lost), 1e-9);
  g_assert_cmpfloat_with_epsilon (prediction->exact, 93.3539, 1e-4);
  g_assert_cmpint (prediction->probability, ==, 93);

  /* Fields whose value every closed lead shared say nothing: only source,
   * stage and qualification move the score, all of them up here. Alone
   * against the prior of 8.1/20.2 = 40.1 %, sql gives
   *   0.401 × 5.1/8.2 / (0.401 × 5.1/8.2 + 0.599 × 2.1/12.2) = 70.7 %,
   * the strongest push: +30.6 points. */
  g_assert_cmpuint (prediction->factors->len, ==, LG_PREDICTIVE_N_FIELDS);
  for (guint i = 0; i < prediction->factors->len; i++)
    {
      LgPredictiveFactor *factor = g_ptr_array_index (prediction->factors, i);

      if (i < 3)
        g_assert_cmpfloat (factor->delta, >, 0.5);
      else
        g_assert_cmpfloat_with_epsilon (factor->delta, 0, 1e-9);
    }
  g_assert_cmpint (((LgPredictiveFactor *) g_ptr_array_index (prediction->factors, 0))->field, ==,
                   LG_PREDICTIVE_QUALIFICATION);
  g_assert_cmpfloat_with_epsilon (((LgPredictiveFactor *)
                                   g_ptr_array_index (prediction->factors, 0))->delta,
                                  100 * (8.1 / 20.2 * 5.1 / 8.2) /
                                  (8.1 / 20.2 * 5.1 / 8.2 + 12.1 / 20.2 * 2.1 / 12.2)
                                  - 100 * 8.1 / 20.2, 1e-9);
  g_assert_cmpfloat_with_epsilon (((LgPredictiveFactor *)
                                   g_ptr_array_index (prediction->factors, 0))->ratio,
                                  (5.1 / 8.2) / (2.1 / 12.2), 1e-9);
}

static void
test_fallback_below_twenty (void)
{
  g_autoptr(LgPredictive) model = lg_predictive_new ();
  g_autoptr(LgPrediction) few = NULL;
  g_autoptr(LgPrediction) enough = NULL;
  const char *lead[LG_PREDICTIVE_N_FIELDS] = { "1", "hot", "sql", "yes", "no", "act" };

  add (model, TRUE, "1", "hot", "sql", 9);
  add (model, FALSE, "2", "cold", "mql", 10);

  /* 19 closed leads: the rule-based score stands, and says so. */
  few = lg_predictive_predict (model, lead, 64);
  g_assert_true (few->fallback);
  g_assert_cmpint (few->probability, ==, 64);
  g_assert_cmpuint (few->factors->len, ==, 0);

  add (model, FALSE, "2", "cold", "mql", 1);
  enough = lg_predictive_predict (model, lead, 64);
  g_assert_false (enough->fallback);
  /* Everything about this lead looks like the won ones: clamped at 99. */
  g_assert_cmpfloat (enough->exact, >, 99);
  g_assert_cmpint (enough->probability, ==, 99);
}

static void
test_one_outcome_and_unseen_values (void)
{
  g_autoptr(LgPredictive) model = lg_predictive_new ();
  g_autoptr(LgPrediction) all_won = NULL;
  g_autoptr(LgPrediction) prediction = NULL;
  const char *lead[LG_PREDICTIVE_N_FIELDS] = { "77", "cold", "pql", "no", "yes", "none" };

  /* Only wins teach nothing about losing. */
  add (model, TRUE, "1", "hot", "sql", 25);
  all_won = lg_predictive_predict (model, lead, -1);
  g_assert_true (all_won->fallback);
  g_assert_cmpint (all_won->probability, ==, -1);

  add (model, FALSE, "1", "hot", "sql", 25);
  prediction = lg_predictive_predict (model, lead, -1);
  g_assert_false (prediction->fallback);
  /* Source 77, pql, no email, a phone, no intent: never seen, left out. The
   * stage (cold, reached by all) and the prior are even: 50 %. */
  g_assert_cmpuint (prediction->factors->len, ==, 1);
  g_assert_cmpfloat_with_epsilon (prediction->exact, 50, 1e-9);
  g_assert_cmpint (prediction->probability, ==, 50);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/predictive/hand-computed", test_hand_computed);
  g_test_add_func ("/predictive/fallback-below-twenty", test_fallback_below_twenty);
  g_test_add_func ("/predictive/one-outcome-and-unseen-values", test_one_outcome_and_unseen_values);

  return g_test_run ();
}
