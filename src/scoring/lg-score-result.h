/* lg-score-result.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lg-score-band.h"

G_BEGIN_DECLS

/* The signals a score is made of. Each has a value in [0, 1]:
 * intent     how surely the author wants to buy or hire something (calibrated);
 * relevance  how much of the offer the message talks about;
 * negative   how surely the author sells, advertises, hires staff or spams;
 * recency    0.5 ^ (age / half-life), 1 when the time is unknown;
 * feedback   this search's thumbs up/down applied to the message, 0.5 = none. */
typedef enum
{
  LG_SIGNAL_INTENT,
  LG_SIGNAL_RELEVANCE,
  LG_SIGNAL_NEGATIVE,
  LG_SIGNAL_RECENCY,
  LG_SIGNAL_FEEDBACK,
  LG_N_SIGNALS
} LgSignal;

/* A stretch of the scored text, in bytes: for highlighting the words that
 * triggered a signal. */
typedef struct
{
  guint start;
  guint end;
} LgScoreSpan;

/* The outcome of lg_scorer_score(). Reuse one for many messages: scoring into it
 * does not allocate once its buffers have grown. Not thread-safe. */
typedef struct _LgScoreResult LgScoreResult;

LgScoreResult      *lg_score_result_new              (void);
void                lg_score_result_free             (LgScoreResult *self);

/* 0–100: 70 and up act now, 40–69 worth a look, below 40 weak (lg-score-band.h). */
int                 lg_score_result_get_score        (const LgScoreResult *self);
LgScoreBand         lg_score_result_get_band         (const LgScoreResult *self);
double              lg_score_result_get_value        (const LgScoreResult *self,
                                                      LgSignal             signal);
/* The score a message would have with every signal neutral (intent and
 * relevance 0.5, no seller sign, sent right now, no feedback), and the points
 * each signal then adds (negative: takes away), taken in LgSignal order: the
 * base and the contributions add up to the score exactly. 0 for an excluded
 * message. */
int                 lg_score_result_get_base         (const LgScoreResult *self);
int                 lg_score_result_get_contribution (const LgScoreResult *self,
                                                      LgSignal             signal);
/* The words that triggered the signal, as written in the message
 * (NULL-terminated, owned by @self until the next score). */
const char * const *lg_score_result_get_evidence     (LgScoreResult       *self,
                                                      LgSignal             signal);
const LgScoreSpan  *lg_score_result_get_spans        (const LgScoreResult *self,
                                                      LgSignal             signal,
                                                      guint               *n_spans);
/* Whether one of the offer's exclude words is in the message (the score is 0). */
gboolean            lg_score_result_is_excluded      (const LgScoreResult *self);

/* One sentence in the user's language, from the strongest signals and their
 * evidence: "Asks for a recommendation ('can anyone recommend') for CRM for dental
 * clinics · 2 days ago in @dentistry_chat". @source_label (may be NULL) names
 * where the message was posted; the age is from the times given to the scorer. */
char               *lg_score_result_get_reason       (const LgScoreResult *self,
                                                      const char          *source_label);
/* The reason's main clause alone, for a list that shows the offer, the age and
 * the source already: "Asks for a recommendation ('can anyone recommend') for
 * what you sell". */
char               *lg_score_result_get_summary      (const LgScoreResult *self);

/* A stable id ("intent", "relevance", …) and a translated name ("Intent"). */
const char         *lg_signal_get_id                 (LgSignal             signal);
const char         *lg_signal_get_label              (LgSignal             signal);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LgScoreResult, lg_score_result_free)

G_END_DECLS
