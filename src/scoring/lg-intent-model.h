/* lg-intent-model.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The trained intent model at run time. Private to src/scoring.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The weights as a dense table of LG_FEATURE_BUCKETS floats, built on first use
 * (thread-safe) from the sparse arrays the trainer wrote. */
const float *lg_intent_model_weights     (void);
double       lg_intent_model_bias        (void);
/* Calibrated probability for a raw logit (bias included). */
double       lg_intent_model_probability (double logit);

G_END_DECLS
