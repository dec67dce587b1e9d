/* lg-feedback.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-feedback"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "lg-feedback-private.h"
#include "lg-score-result-private.h"
#include "lg-scoring-error.h"

#define FORMAT_TAG  "lgfb1"
#define MAX_WEIGHT  4.0
#define STEP        0.6
/* How far one vote moves the voted message itself, in log odds at most
 * (a vote on a message scored 62 takes it to about 80). */
#define TERM_STEP   1.2
/* Votes before the general leanings (more intent, more relevance) count
 * half: one vote says what this message is worth, not what every message is. */
#define TRUST_VOTES 4.0

G_DEFINE_BOXED_TYPE (LgFeedback, lg_feedback, lg_feedback_copy, lg_feedback_free)

LgFeedback *
lg_feedback_new (void)
{
  return g_new0 (LgFeedback, 1);
}

LgFeedback *
lg_feedback_copy (const LgFeedback *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_memdup2 (self, sizeof *self);
}

void
lg_feedback_free (LgFeedback *self)
{
  g_free (self);
}

guint
lg_feedback_get_n_votes (const LgFeedback *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_votes;
}

static int
find_term (const LgFeedback *self,
           guint64           key)
{
  for (guint i = 0; i < self->n_terms; i++)
    if (self->keys[i] == key)
      return i;
  return -1;
}

double
lg_feedback_delta (const LgFeedback *self,
                   double            intent,
                   double            relevance,
                   const guint64    *terms,
                   guint             n_terms)
{
  double general, words = 0;

  if (self == NULL || self->n_votes == 0)
    return 0;
  general = self->bias + 2 * self->intent * (intent - 0.5) +
            2 * self->relevance * (relevance - 0.5);
  for (guint i = 0; i < n_terms; i++)
    {
      int t = find_term (self, terms[i]);

      if (t >= 0)
        words += self->weights[t];
    }
  /* Words count in proportion to how much of the message they are: the voted
   * message, all of whose words were learnt, moves by the whole step; one
   * sharing a few of them, by a little. */
  if (n_terms > 0)
    words /= sqrt (n_terms);
  return general * self->n_votes / (self->n_votes + TRUST_VOTES) + words;
}

static double
clamp_weight (double w)
{
  return CLAMP (w, -MAX_WEIGHT, MAX_WEIGHT);
}

/* The slot for @key: its own, a free one, or the one least recently voted on. */
static guint
term_slot (LgFeedback *self,
           guint64     key)
{
  int t = find_term (self, key);
  guint oldest = 0;

  if (t >= 0)
    return t;
  if (self->n_terms < LG_FEEDBACK_MAX_TERMS)
    {
      self->keys[self->n_terms] = key;
      self->weights[self->n_terms] = 0;
      return self->n_terms++;
    }
  for (guint i = 1; i < self->n_terms; i++)
    if (self->touched[i] < self->touched[oldest])
      oldest = i;
  self->keys[oldest] = key;
  self->weights[oldest] = 0;
  return oldest;
}

void
lg_feedback_add (LgFeedback          *self,
                 const LgScoreResult *result,
                 gboolean             thumbs_up)
{
  double sign = thumbs_up ? 1 : -1;
  double miss, step, intent, relevance, term_step;

  g_return_if_fail (self != NULL);
  g_return_if_fail (result != NULL);

  /* A perceptron-like step that always moves, more when the score was wrong:
   * a thumbs up on a message scored 30 moves it more than on one scored 90. */
  miss = 0.5 + fabs ((thumbs_up ? 1.0 : 0.0) - result->score / 100.0);
  step = sign * STEP * miss;
  intent = result->values[LG_SIGNAL_INTENT];
  relevance = result->values[LG_SIGNAL_RELEVANCE];

  self->n_votes++;
  self->bias = clamp_weight (self->bias + 0.1 * step);
  self->intent = clamp_weight (self->intent + step * (intent - 0.5));
  self->relevance = clamp_weight (self->relevance + step * (relevance - 0.5));

  /* Spread over the message's words so that together, read back by
   * lg_feedback_delta(), they move it by TERM_STEP × miss. */
  term_step = result->n_terms > 0 ? sign * TERM_STEP * miss / sqrt (result->n_terms) : 0;
  for (guint i = 0; i < result->n_terms; i++)
    {
      guint t = term_slot (self, result->terms[i]);

      self->weights[t] = clamp_weight (self->weights[t] + term_step);
      self->touched[t] = self->n_votes;
    }
}

char *
lg_feedback_to_string (const LgFeedback *self)
{
  GString *out;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (FORMAT_TAG);
  g_string_append_printf (out, " n=%u", self->n_votes);
  g_string_append_printf (out, " b=%s", g_ascii_formatd (buf, sizeof buf, "%.5g", self->bias));
  g_string_append_printf (out, " i=%s", g_ascii_formatd (buf, sizeof buf, "%.5g", self->intent));
  g_string_append_printf (out, " r=%s", g_ascii_formatd (buf, sizeof buf, "%.5g", self->relevance));
  for (guint i = 0; i < self->n_terms; i++)
    g_string_append_printf (out, " %016" G_GINT64_MODIFIER "x:%s:%u", self->keys[i],
                            g_ascii_formatd (buf, sizeof buf, "%.5g", self->weights[i]),
                            self->touched[i]);
  return g_string_free (out, FALSE);
}

static gboolean
parse_double (const char *text,
              double     *out)
{
  char *end = NULL;

  *out = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && isfinite (*out);
}

LgFeedback *
lg_feedback_new_from_string (const char  *string,
                             GError     **error)
{
  g_autoptr(LgFeedback) self = lg_feedback_new ();
  g_auto(GStrv) fields = NULL;

  g_return_val_if_fail (string != NULL, NULL);

  fields = g_strsplit (string, " ", -1);
  if (fields[0] == NULL || !g_str_equal (fields[0], FORMAT_TAG))
    goto bad;

  for (guint i = 1; fields[i] != NULL; i++)
    {
      const char *f = fields[i];
      double value;

      if (*f == '\0')
        continue;
      if (g_str_has_prefix (f, "n="))
        {
          guint64 n;

          if (!g_ascii_string_to_unsigned (f + 2, 10, 0, G_MAXUINT, &n, NULL))
            goto bad;
          self->n_votes = n;
        }
      else if (f[1] == '=' && strchr ("bir", f[0]) != NULL)
        {
          if (!parse_double (f + 2, &value))
            goto bad;
          value = clamp_weight (value);
          if (f[0] == 'b')
            self->bias = value;
          else if (f[0] == 'i')
            self->intent = value;
          else
            self->relevance = value;
        }
      else
        {
          g_auto(GStrv) parts = g_strsplit (f, ":", 3);
          guint64 key, touched;

          if (g_strv_length (parts) != 3 || self->n_terms == LG_FEEDBACK_MAX_TERMS ||
              !g_ascii_string_to_unsigned (parts[0], 16, 0, G_MAXUINT64, &key, NULL) ||
              !parse_double (parts[1], &value) ||
              !g_ascii_string_to_unsigned (parts[2], 10, 0, G_MAXUINT, &touched, NULL))
            goto bad;
          self->keys[self->n_terms] = key;
          self->weights[self->n_terms] = clamp_weight (value);
          self->touched[self->n_terms] = touched;
          self->n_terms++;
        }
    }
  return g_steal_pointer (&self);

bad:
  g_set_error_literal (error, LG_SCORING_ERROR, LG_SCORING_ERROR_PARSE,
                       _("The saved feedback of this search could not be read. "
                         "Its ranking starts afresh; rate a few results again."));
  return NULL;
}
