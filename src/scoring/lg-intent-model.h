/* lg-intent-model.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The trained intent model at run time: two logistic heads over the same
 * features, one for "the author would pay for something" (a buyer, a business
 * hiring for the work) and one for "the author offers something" (a seller, a
 * competitor, a job seeker). A message neither is low on both. Private to
 * src/scoring.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  LG_INTENT_BUYER,
  LG_INTENT_SELLER,
  LG_INTENT_N_HEADS
} LgIntentHead;

/* One bucket's weights, one per head, side by side so that a probe reads both. */
typedef struct
{
  float head[LG_INTENT_N_HEADS];
} LgIntentWeight;

/* The weights as a dense table of LG_FEATURE_BUCKETS entries, built on first
 * use (thread-safe) from the sparse arrays the trainer wrote. */
const LgIntentWeight *lg_intent_model_weights     (void);
double                lg_intent_model_bias        (LgIntentHead head);
/* Calibrated probability for a raw logit (bias included). */
double                lg_intent_model_probability (LgIntentHead head,
                                                   double       logit);

G_END_DECLS
