/* lg-intent-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-intent-model"

#include "config.h"

#include <math.h>

#include "lg-features.h"
#include "lg-intent-model.h"
#include "lg-intent-weights.h"

static gpointer
expand_weights (gpointer data)
{
  LgIntentWeight *dense = g_new0 (LgIntentWeight, LG_FEATURE_BUCKETS);

  for (guint i = 0; i < lg_intent_n_weights; i++)
    for (guint h = 0; h < LG_INTENT_N_HEADS; h++)
      dense[lg_intent_buckets[i]].head[h] = lg_intent_values[i * LG_INTENT_N_HEADS + h];
  return dense;
}

const LgIntentWeight *
lg_intent_model_weights (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, expand_weights, NULL);
}

double
lg_intent_model_bias (LgIntentHead head)
{
  g_return_val_if_fail (head < LG_INTENT_N_HEADS, 0);

  return lg_intent_bias[head];
}

double
lg_intent_model_probability (LgIntentHead head,
                             double       logit)
{
  g_return_val_if_fail (head < LG_INTENT_N_HEADS, 0);

  return 1.0 / (1.0 + exp (-(lg_intent_platt_a[head] * logit + lg_intent_platt_b[head])));
}
