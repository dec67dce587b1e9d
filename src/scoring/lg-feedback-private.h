/* lg-feedback-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lg-feedback.h"

G_BEGIN_DECLS

#define LG_FEEDBACK_MAX_TERMS 64

struct _LgFeedback
{
  double  bias;
  double  intent;     /* weight of (intent - 0.5) */
  double  relevance;  /* weight of (relevance - 0.5) */
  guint   n_votes;
  guint   n_terms;
  guint64 keys[LG_FEEDBACK_MAX_TERMS];
  float   weights[LG_FEEDBACK_MAX_TERMS];
  guint   touched[LG_FEEDBACK_MAX_TERMS];  /* vote number of the last update */
};

/* The logit shift for a message with these signals and content stems. */
double lg_feedback_delta (const LgFeedback *self,
                          double            intent,
                          double            relevance,
                          const guint64    *terms,
                          guint             n_terms);

G_END_DECLS
