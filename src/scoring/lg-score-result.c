/* lg-score-result.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The result of scoring one message, and the reason written from it.
 */

#define G_LOG_DOMAIN "lg-score-result"

#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "lg-date-format.h"
#include "lg-offer-private.h"
#include "lg-score-result-private.h"

#define MAX_MENTIONED 3

LgScoreResult *
lg_score_result_new (void)
{
  LgScoreResult *self = g_new0 (LgScoreResult, 1);

  self->text = g_string_sized_new (256);
  lg_score_result_reset (self);
  return self;
}

void
lg_score_result_free (LgScoreResult *self)
{
  if (self == NULL)
    return;
  for (guint s = 0; s < LG_N_SIGNALS; s++)
    g_clear_pointer (&self->evidence[s], g_ptr_array_unref);
  g_clear_pointer (&self->offer, lg_offer_unref);
  g_string_free (self->text, TRUE);
  g_free (self);
}

void
lg_score_result_reset (LgScoreResult *self)
{
  self->score = 0;
  for (guint s = 0; s < LG_N_SIGNALS; s++)
    {
      self->values[s] = 0;
      self->n_spans[s] = 0;
      if (self->evidence[s] != NULL && self->evidence[s]->len > 0)
        g_ptr_array_set_size (self->evidence[s], 0);
    }
  self->values[LG_SIGNAL_RECENCY] = 1;
  self->values[LG_SIGNAL_FEEDBACK] = 0.5;
  self->seller = 0;
  self->feedback_delta = 0;
  self->must_factor = 1;
  self->excluded = FALSE;
  self->excluded_filter = -1;
  self->missing_filter = -1;
  self->intent_cue = -1;
  self->negative_cue = -1;
  self->n_links = 0;
  self->topic_covered = FALSE;
  self->n_terms = 0;
  self->sent_at = 0;
  self->now = 0;
  g_string_truncate (self->text, 0);
}

double
lg_score_combine (double intent,
                  double relevance,
                  double negative,
                  double recency,
                  double feedback_delta,
                  double must_factor)
{
  /* Both needed: someone who wants to buy, and what they want is what the user
   * sells. Intent is a calibrated probability and relevance is read as one, so the
   * product estimates "a buyer for this offer"; a sure sign of a seller removes
   * most of it, and an old message keeps at least half. Feedback shifts the log
   * odds, so it reorders without ever reaching 0 or 100. */
  double p = intent * relevance * (1 - negative) * (0.5 + 0.5 * recency) * must_factor;

  if (feedback_delta != 0)
    {
      p = CLAMP (p, 1e-4, 1 - 1e-4);
      p = 1 / (1 + exp (-(log (p / (1 - p)) + feedback_delta)));
    }
  return CLAMP (p, 0, 1);
}

int
lg_score_result_get_score (const LgScoreResult *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->score;
}

LgScoreBand
lg_score_result_get_band (const LgScoreResult *self)
{
  g_return_val_if_fail (self != NULL, LG_SCORE_BAND_WEAK);

  return lg_score_band (self->score);
}

double
lg_score_result_get_value (const LgScoreResult *self,
                           LgSignal             signal)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (signal < LG_N_SIGNALS, 0);

  return self->values[signal];
}

gboolean
lg_score_result_is_excluded (const LgScoreResult *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->excluded;
}

/* The score with the signals before @n (in LgSignal order) at their values
 * and the others neutral: intent and relevance 0.5, no seller sign, a
 * message of right now, no feedback. */
static int
partial_score (const LgScoreResult *self,
               guint                n)
{
  double v[LG_N_SIGNALS] = { 0.5, 0.5, 0, 1, 0.5 };
  double delta = n > LG_SIGNAL_FEEDBACK ? self->feedback_delta : 0;

  for (guint s = 0; s < n && s < LG_N_SIGNALS; s++)
    v[s] = self->values[s];
  return (int) round (100 * lg_score_combine (v[LG_SIGNAL_INTENT], v[LG_SIGNAL_RELEVANCE],
                                              v[LG_SIGNAL_NEGATIVE], v[LG_SIGNAL_RECENCY],
                                              delta, self->must_factor));
}

int
lg_score_result_get_base (const LgScoreResult *self)
{
  g_return_val_if_fail (self != NULL, 0);

  if (self->excluded)
    return 0;
  return partial_score (self, 0);
}

int
lg_score_result_get_contribution (const LgScoreResult *self,
                                  LgSignal             signal)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (signal < LG_N_SIGNALS, 0);

  /* Each signal in turn moves the score from where the ones before left it,
   * so the base and the contributions add up to the score, to the point. */
  if (self->excluded)
    return 0;
  return partial_score (self, signal + 1) - partial_score (self, signal);
}

const LgScoreSpan *
lg_score_result_get_spans (const LgScoreResult *self,
                           LgSignal             signal,
                           guint               *n_spans)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (signal < LG_N_SIGNALS, NULL);
  g_return_val_if_fail (n_spans != NULL, NULL);

  *n_spans = self->n_spans[signal];
  return self->spans[signal];
}

static char *
span_text (const LgScoreResult *self,
           const LgScoreSpan   *span)
{
  return g_strndup (self->text->str + span->start, span->end - span->start);
}

const char * const *
lg_score_result_get_evidence (LgScoreResult *self,
                              LgSignal       signal)
{
  GPtrArray *evidence;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (signal < LG_N_SIGNALS, NULL);

  if (self->evidence[signal] == NULL)
    self->evidence[signal] = g_ptr_array_new_with_free_func (g_free);
  evidence = self->evidence[signal];
  if (evidence->len == 0)
    {
      for (guint i = 0; i < self->n_spans[signal]; i++)
        g_ptr_array_add (evidence, span_text (self, &self->spans[signal][i]));
      g_ptr_array_add (evidence, NULL);
    }
  return (const char * const *) evidence->pdata;
}

const char *
lg_signal_get_id (LgSignal signal)
{
  static const char * const ids[] = { "intent", "relevance", "negative", "recency", "feedback" };

  g_return_val_if_fail (signal < LG_N_SIGNALS, NULL);
  return ids[signal];
}

const char *
lg_signal_get_label (LgSignal signal)
{
  g_return_val_if_fail (signal < LG_N_SIGNALS, NULL);

  switch (signal)
    {
    case LG_SIGNAL_INTENT:
      return _("Wants to buy");
    case LG_SIGNAL_RELEVANCE:
      return _("About your offer");
    case LG_SIGNAL_NEGATIVE:
      return _("Seller");
    case LG_SIGNAL_RECENCY:
      return _("Age");
    case LG_SIGNAL_FEEDBACK:
    case LG_N_SIGNALS:
    default:
      return _("Your feedback");
    }
}

/* What the author does, from the strongest intent cue, with its words quoted. */
static char *
describe_intent (const LgScoreResult *self)
{
  g_autofree char *quote = NULL;

  if (self->intent_cue < 0 || self->n_spans[LG_SIGNAL_INTENT] == 0)
    return g_strdup (_("Reads like a request to buy"));

  quote = span_text (self, &self->spans[LG_SIGNAL_INTENT][0]);
  switch ((LgCueKind) self->intent_cue)
    {
    case LG_CUE_RECOMMEND:
      /* Translators: %s is the author's own words, e.g. "can anyone recommend" */
      return g_strdup_printf (_("Asks for a recommendation (‘%s’)"), quote);
    case LG_CUE_LOOKING:
      return g_strdup_printf (_("Is looking for it (‘%s’)"), quote);
    case LG_CUE_NEED:
      return g_strdup_printf (_("Says they need it (‘%s’)"), quote);
    case LG_CUE_SWITCH:
      return g_strdup_printf (_("Wants to replace what they use (‘%s’)"), quote);
    case LG_CUE_URGENT:
      return g_strdup_printf (_("Needs it urgently (‘%s’)"), quote);
    case LG_CUE_BUDGET:
      return g_strdup_printf (_("Has a budget for it (‘%s’)"), quote);
    case LG_CUE_BUY:
      return g_strdup_printf (_("Wants to buy (‘%s’)"), quote);
    case LG_CUE_WHO_DOES:
      return g_strdup_printf (_("Asks who can do it (‘%s’)"), quote);
    case LG_CUE_HIRING:
      return g_strdup_printf (_("Is hiring (‘%s’)"), quote);
    case LG_CUE_SELLING:
    case LG_CUE_SELF_PROMO:
    case LG_CUE_SPAM:
    case LG_N_CUE_KINDS:
    default:
      return g_strdup (_("Reads like a request to buy"));
    }
}

static char *
describe_negative (const LgScoreResult *self)
{
  g_autofree char *quote = NULL;

  if (self->negative_cue < 0 || self->n_spans[LG_SIGNAL_NEGATIVE] == 0)
    {
      if (self->seller < 0.5)
        return g_strdup (_("Looks like an advert full of links"));
      if (self->topic_covered)
        return g_strdup (_("Offers the same thing — a competitor, not a lead"));
      return g_strdup (_("Offers something rather than asks for it — a seller, not a lead"));
    }

  quote = span_text (self, &self->spans[LG_SIGNAL_NEGATIVE][0]);
  switch ((LgCueKind) self->negative_cue)
    {
    case LG_CUE_SELF_PROMO:
      return g_strdup_printf (_("The author offers their own services (‘%s’)"), quote);
    case LG_CUE_SPAM:
      return g_strdup_printf (_("Looks like spam (‘%s’)"), quote);
    case LG_CUE_SELLING:
    default:
      return g_strdup_printf (_("Looks like an advert (‘%s’)"), quote);
    }
}

/* "‘patients’, ‘reminders’" */
static char *
mentioned_words (const LgScoreResult *self)
{
  g_autoptr(GString) words = g_string_new (NULL);
  guint n = MIN (self->n_spans[LG_SIGNAL_RELEVANCE], MAX_MENTIONED);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *word = span_text (self, &self->spans[LG_SIGNAL_RELEVANCE][i]);
      const LgConcept *concept = &self->offer->concepts[self->relevance_concepts[i]];

      if (i > 0)
        /* Translators: separates quoted words in a list */
        g_string_append (words, _(", "));
      if (concept->synonym_of >= 0)
        /* Translators: "‘accountant’ (a synonym of ‘bookkeeper’)": the first word
         * is the message's, the second the offer's */
        g_string_append_printf (words, _("‘%s’ (a synonym of ‘%s’)"), word,
                                self->offer->concepts[concept->synonym_of].word);
      else
        g_string_append_printf (words, _("‘%s’"), word);
    }
  return g_string_free (g_steal_pointer (&words), FALSE);
}

/* The main clause: what the author does, and what it has to do with the offer;
 * with @name_topic the offer by its topic, else as "what you sell" (where the
 * offer is on screen already). */
static char *
describe_message (const LgScoreResult *self,
                  gboolean             name_topic)
{
  double intent = self->values[LG_SIGNAL_INTENT];
  double relevance = self->values[LG_SIGNAL_RELEVANCE];
  g_autofree char *words = NULL;
  g_autofree char *what = NULL;

  if (self->values[LG_SIGNAL_NEGATIVE] >= 0.5)
    return describe_negative (self);

  words = mentioned_words (self);
  if (intent >= 0.5)
    {
      what = describe_intent (self);
      if (self->topic_covered && relevance >= 0.75 && name_topic)
        /* Translators: "<what the author does> for <what the user sells>", e.g.
         * "Asks for a recommendation (‘can anyone recommend’) for CRM for dental clinics" */
        return g_strdup_printf (_("%s for %s"), what, lg_offer_get_topic (self->offer));
      if (self->topic_covered && relevance >= 0.75)
        /* Translators: "<what the author does> for what you sell", e.g.
         * "Asks for a recommendation (‘can anyone recommend’) for what you sell" */
        return g_strdup_printf (_("%s for what you sell"), what);
      if (*words != '\0')
        /* Translators: "<what the author does>, mentions <quoted words>" */
        return g_strdup_printf (_("%s, mentions %s"), what, words);
      /* Translators: %s is what the author does, e.g. "Says they need it (‘need a’)" */
      return g_strdup_printf (_("%s, but not about your offer"), what);
    }
  if (*words != '\0')
    /* Translators: %s is a list of quoted words */
    return g_strdup_printf (_("Mentions %s but does not ask to buy"), words);
  return g_strdup (_("Neither asks to buy nor mentions your offer"));
}

/* The main clause, or why a filter set the message aside. */
static char *
describe (const LgScoreResult *self,
          gboolean             name_topic)
{
  g_autofree char *main = describe_message (self, name_topic);

  if (self->excluded && self->excluded_filter >= 0)
    return g_strdup_printf (_("Contains ‘%s’, which you excluded"),
                            self->offer->exclude[self->excluded_filter].text);
  if (self->missing_filter >= 0)
    return g_strdup_printf (_("%s; does not say ‘%s’, which you require"), main,
                            self->offer->must[self->missing_filter].text);
  return g_steal_pointer (&main);
}

char *
lg_score_result_get_summary (const LgScoreResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->offer != NULL, NULL);

  return describe (self, FALSE);
}

char *
lg_score_result_get_reason (const LgScoreResult *self,
                            const char          *source_label)
{
  g_autofree char *main = NULL;
  g_autofree char *age = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (self->offer != NULL, NULL);

  main = describe (self, TRUE);
  if (self->sent_at > 0 && self->now > 0)
    age = lg_format_relative (MIN (self->sent_at, self->now), self->now, NULL);

  if (age != NULL && source_label != NULL && *source_label != '\0')
    /* Translators: "<reason> · <2 days ago> in <@dentistry_chat>" */
    return g_strdup_printf (_("%s · %s in %s"), main, age, source_label);
  if (age != NULL)
    return g_strdup_printf (_("%s · %s"), main, age);
  if (source_label != NULL && *source_label != '\0')
    /* Translators: "<reason> · in <@dentistry_chat>" */
    return g_strdup_printf (_("%s · in %s"), main, source_label);
  return g_steal_pointer (&main);
}
