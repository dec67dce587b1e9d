/* lg-intent-weights.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The intent model's weights, written at build time by trainer/lg-train.c into
 * lg-intent-weights.c: sparse buckets over LG_FEATURE_BUCKETS, each with one
 * weight per head (LG_INTENT_N_HEADS values in a row). Private to src/scoring.
 */

#pragma once

#include <glib.h>

#include "lg-intent-model.h"

extern const guint32 lg_intent_buckets[];
/* lg_intent_n_weights × LG_INTENT_N_HEADS */
extern const float   lg_intent_values[];
extern const guint   lg_intent_n_weights;
extern const double  lg_intent_bias[LG_INTENT_N_HEADS];
/* p = 1 / (1 + exp (-(a z + b))) for the raw logit z */
extern const double  lg_intent_platt_a[LG_INTENT_N_HEADS];
extern const double  lg_intent_platt_b[LG_INTENT_N_HEADS];
/* Tells this model from any other: a digest of everything above. */
extern const char    lg_intent_model_id[];
