/* lg-feedback.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lg-score-result.h"

G_BEGIN_DECLS

/* One search's thumbs up and down, as a small online adjustment of its scores:
 * how much this user weighs intent and relevance, and the words of the messages
 * they liked or disliked. Each search keeps its own (the caller stores it, as a
 * string, and passes it to lg_scorer_score()), so feedback on one search changes
 * that search's ranking and nothing else. */
typedef struct _LgFeedback LgFeedback;

#define LG_TYPE_FEEDBACK (lg_feedback_get_type ())

GType       lg_feedback_get_type        (void) G_GNUC_CONST;

LgFeedback *lg_feedback_new             (void);
LgFeedback *lg_feedback_copy            (const LgFeedback    *self);
void        lg_feedback_free            (LgFeedback          *self);

/* Learns from a thumbs up (@thumbs_up TRUE) or down on the message @result was
 * scored from, with this feedback applied. */
void        lg_feedback_add             (LgFeedback          *self,
                                         const LgScoreResult *result,
                                         gboolean             thumbs_up);
guint       lg_feedback_get_n_votes     (const LgFeedback    *self);

/* A short ASCII string to store with the search, and back. */
char       *lg_feedback_to_string       (const LgFeedback    *self);
LgFeedback *lg_feedback_new_from_string (const char          *string,
                                         GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LgFeedback, lg_feedback_free)

G_END_DECLS
