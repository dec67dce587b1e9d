/* lg-scorer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scoring engine: does a message show that its author wants what the user
 * sells? Text in, a 0–100 score, a breakdown and a reason out; no I/O.
 *
 *   g_autoptr(LgOffer) offer = lg_offer_new ("CRM for dental clinics", NULL, NULL, &error);
 *   g_autoptr(LgScorer) scorer = lg_scorer_new ();
 *   g_autoptr(LgScoreResult) result = lg_score_result_new ();
 *
 *   for (each candidate message)
 *     if (lg_scorer_score (scorer, offer, feedback, text, -1, sent_at, now, result, &error))
 *       {
 *         int score = lg_score_result_get_score (result);
 *         g_autofree char *reason = lg_score_result_get_reason (result, "@dentistry_chat");
 *       }
 *
 * A scorer caches what it learnt about each distinct word, so keep one per
 * thread and reuse it (and the result) for many messages: scoring then does not
 * allocate. The search retrieves candidates with lg_offer_get_query_terms().
 */

#pragma once

#include <glib.h>

#include "lg-feedback.h"
#include "lg-offer.h"
#include "lg-score-band.h"
#include "lg-score-result.h"
#include "lg-scoring-error.h"

G_BEGIN_DECLS

#define LG_SCORER_DEFAULT_HALF_LIFE (7 * 24 * 3600)

typedef struct _LgScorer LgScorer;

LgScorer *lg_scorer_new           (void);
void      lg_scorer_free          (LgScorer      *self);

/* How fast old messages lose score: a message this many seconds old has a
 * recency of 0.5. Default LG_SCORER_DEFAULT_HALF_LIFE (a week). */
void      lg_scorer_set_half_life (LgScorer      *self,
                                   double         seconds);
double    lg_scorer_get_half_life (LgScorer      *self);

/* Scores @text (UTF-8, @length bytes or -1) against @offer into @result.
 * @feedback (may be NULL) is the search's feedback. @sent_at and @now are Unix
 * times in seconds; @sent_at <= 0 means unknown (no recency penalty). Fails only
 * on invalid UTF-8 (LG_SCORING_ERROR_INVALID_UTF8); text beyond
 * LG_TOKENIZER_MAX_BYTES is not read.
 *
 * A message that names no concept of the offer (no word, stem or part of one)
 * has relevance 0 and so scores 0: unless @feedback has votes (which may lift
 * any message), such a message is not read for intent or cue phrases, and its
 * result's intent and negative values are 0 (lg_scorer_intent_plain() gives its
 * intent if you need it). */
gboolean  lg_scorer_score         (LgScorer         *self,
                                   LgOffer          *offer,
                                   const LgFeedback *feedback,
                                   const char       *text,
                                   gssize            length,
                                   gint64            sent_at,
                                   gint64            now,
                                   LgScoreResult    *result,
                                   GError          **error);

/* What the intent model reads in @text alone, whatever the offer: the
 * calibrated probabilities that its author would pay for something (@buyer: wants
 * it, asks for a recommendation, hires someone for the work) and that they offer
 * something (@seller: sells, advertises, looks for work). Either may be NULL.
 * It does not depend on the offer: the store keeps it with each message when
 * the message arrives. */
gboolean  lg_scorer_read_direction (LgScorer     *self,
                                    const char   *text,
                                    gssize        length,
                                    double       *buyer,
                                    double       *seller,
                                    GError      **error);
/* The same, read the plain way without the scorer's word cache, as the trainer
 * reads its corpus: for checking that the two agree. */
gboolean  lg_scorer_read_direction_plain (LgScorer     *self,
                                          const char   *text,
                                          gssize        length,
                                          double       *buyer,
                                          double       *seller,
                                          GError      **error);

/* Which intent model lg_scorer_read_direction() reads with: a short string
 * that changes whenever the model does (a new version of the app may bring a
 * retrained one), so that readings kept from another model can be redone. */
const char *lg_scorer_get_model_id (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LgScorer, lg_scorer_free)

G_END_DECLS
