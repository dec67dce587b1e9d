/* lg-intent-weights.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The intent model's weights, written at build time by trainer/lg-train.c into
 * lg-intent-weights.c: sparse (bucket, weight) pairs over LG_FEATURE_BUCKETS.
 * Private to src/scoring.
 */

#pragma once

#include <glib.h>

extern const guint32 lg_intent_buckets[];
extern const float   lg_intent_values[];
extern const guint   lg_intent_n_weights;
extern const double  lg_intent_bias;
/* p = 1 / (1 + exp (-(a z + b))) for the raw logit z */
extern const double  lg_intent_platt_a;
extern const double  lg_intent_platt_b;
