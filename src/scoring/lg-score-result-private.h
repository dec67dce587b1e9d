/* lg-score-result-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The result's fields, written by the scorer and read by the reason writer and
 * the feedback update.
 */

#pragma once

#include "lg-cues.h"
#include "lg-offer.h"
#include "lg-score-result.h"

G_BEGIN_DECLS

#define LG_RESULT_MAX_SPANS 8
#define LG_RESULT_MAX_TERMS 32

struct _LgScoreResult
{
  int          score;
  double       values[LG_N_SIGNALS];
  double       seller;          /* the intent model's seller probability */
  double       feedback_delta;  /* logit shift from the search's feedback */
  double       must_factor;     /* 1, or lower when a must-have word is missing */
  gboolean     excluded;
  int          excluded_filter;
  int          missing_filter;

  LgScoreSpan  spans[LG_N_SIGNALS][LG_RESULT_MAX_SPANS];
  guint        n_spans[LG_N_SIGNALS];
  /* The offer's concept that each relevance span names. */
  guint8       relevance_concepts[LG_RESULT_MAX_SPANS];
  int          intent_cue;    /* LgCueKind of the strongest intent cue, or -1 */
  int          negative_cue;  /* LgCueKind of the strongest negative cue, or -1 */
  guint        n_links;
  gboolean     topic_covered; /* the product or a feature of the offer is named */

  /* The distinct content stems, for the feedback update. */
  guint64      terms[LG_RESULT_MAX_TERMS];
  guint        n_terms;

  GString     *text;
  LgOffer     *offer;
  gint64       sent_at;
  gint64       now;

  GPtrArray   *evidence[LG_N_SIGNALS];
};

/* The score for the given signal values and adjustments, before rounding:
 * calibrated probability in [0, 1]. The scorer and the contributions use it. */
double lg_score_combine (double intent,
                         double relevance,
                         double negative,
                         double recency,
                         double feedback_delta,
                         double must_factor);

void   lg_score_result_reset (LgScoreResult *self);

G_END_DECLS
