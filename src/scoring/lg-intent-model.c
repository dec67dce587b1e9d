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
  float *dense = g_new0 (float, LG_FEATURE_BUCKETS);

  for (guint i = 0; i < lg_intent_n_weights; i++)
    dense[lg_intent_buckets[i]] = lg_intent_values[i];
  return dense;
}

const float *
lg_intent_model_weights (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, expand_weights, NULL);
}

double
lg_intent_model_bias (void)
{
  return lg_intent_bias;
}

double
lg_intent_model_probability (double logit)
{
  return 1.0 / (1.0 + exp (-(lg_intent_platt_a * logit + lg_intent_platt_b)));
}
