/* lg-predictive.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The predictive lead score: naive Bayes over the user's own won and lost
 * leads, the way Odoo's CRM computes its "probability":
 *
 *   P(won | lead) = s_won / (s_won + s_lost)
 *   s_won  = prior_won  × Π_fields count_won(field = value)  / total_won(field)
 *   s_lost = prior_lost × Π_fields count_lost(field = value) / total_lost(field)
 *
 * Every count gets +0.1 (so one value never zeroes the product); a field's
 * total is the sum of its smoothed counts. The stage is special, as in Odoo:
 * a won lead is taken to have passed every open stage and a lost one every
 * stage up to the furthest it reached, so its counts are cumulative and its
 * totals are the smoothed numbers of won and lost leads, which are also the
 * prior. A value the history has never seen says nothing and is left out.
 * The result is clamped to [1, 99] percent.
 */

#define G_LOG_DOMAIN "lg-predictive"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lg-predictive.h"

#define SMOOTHING 0.1

/* The open stages in order; the scoring layer knows only their names. */
static const char * const open_stages[] = { "cold", "warm", "hot" };
#define N_OPEN_STAGES G_N_ELEMENTS (open_stages)

typedef struct
{
  double won;
  double lost;
} Counts;

struct _LgPredictive
{
  GHashTable *values[LG_PREDICTIVE_N_FIELDS]; /* value -> Counts (raw) */
  double      lost_reached[N_OPEN_STAGES];    /* lost leads that reached stage i */
  double      n_won;
  double      n_lost;
};

LgPredictive *
lg_predictive_new (void)
{
  LgPredictive *self = g_new0 (LgPredictive, 1);

  for (guint f = 0; f < LG_PREDICTIVE_N_FIELDS; f++)
    self->values[f] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

void
lg_predictive_free (LgPredictive *self)
{
  if (self == NULL)
    return;

  for (guint f = 0; f < LG_PREDICTIVE_N_FIELDS; f++)
    g_hash_table_unref (self->values[f]);
  g_free (self);
}

static int
stage_rank (const char *stage)
{
  for (guint i = 0; i < N_OPEN_STAGES; i++)
    if (g_strcmp0 (stage, open_stages[i]) == 0)
      return i;
  return -1;
}

void
lg_predictive_add_closed (LgPredictive       *self,
                          gboolean            won,
                          const char * const *values,
                          guint               count)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (values != NULL);

  if (won)
    self->n_won += count;
  else
    self->n_lost += count;

  for (guint f = 0; f < LG_PREDICTIVE_N_FIELDS; f++)
    {
      Counts *counts;

      if (f == LG_PREDICTIVE_STAGE)
        {
          /* A closed lead with no known stage reached at least the first. */
          int rank = MAX (stage_rank (values[f]), 0);

          for (int i = 0; !won && i <= rank; i++)
            self->lost_reached[i] += count;
          continue;
        }

      if (values[f] == NULL)
        continue;

      counts = g_hash_table_lookup (self->values[f], values[f]);
      if (counts == NULL)
        {
          counts = g_new0 (Counts, 1);
          g_hash_table_insert (self->values[f], g_strdup (values[f]), counts);
        }
      if (won)
        counts->won += count;
      else
        counts->lost += count;
    }
}

/* The smoothed likelihoods of one field's value given won and given lost;
 * FALSE when the history has not seen the value. */
static gboolean
field_likelihoods (LgPredictive *self,
                   guint         field,
                   const char   *value,
                   double       *won,
                   double       *lost)
{
  GHashTableIter iter;
  gpointer item;
  Counts *counts;
  double total_won = 0;
  double total_lost = 0;

  if (field == LG_PREDICTIVE_STAGE)
    {
      int rank = stage_rank (value);

      if (rank < 0)
        return FALSE;
      *won = (self->n_won + SMOOTHING) / (self->n_won + SMOOTHING);
      *lost = (self->lost_reached[rank] + SMOOTHING) / (self->n_lost + SMOOTHING);
      return TRUE;
    }

  if (value == NULL || (counts = g_hash_table_lookup (self->values[field], value)) == NULL)
    return FALSE;

  g_hash_table_iter_init (&iter, self->values[field]);
  while (g_hash_table_iter_next (&iter, NULL, &item))
    {
      const Counts *other = item;

      total_won += other->won + SMOOTHING;
      total_lost += other->lost + SMOOTHING;
    }

  *won = (counts->won + SMOOTHING) / total_won;
  *lost = (counts->lost + SMOOTHING) / total_lost;
  return TRUE;
}

/* The probability in percent from the prior and the fields in use: all of
 * them (only < 0), or just one (only = its index). */
static double
probability_with (LgPredictive       *self,
                  const char * const *values,
                  int                 only)
{
  double s_won = (self->n_won + SMOOTHING) / (self->n_won + self->n_lost + 2 * SMOOTHING);
  double s_lost = (self->n_lost + SMOOTHING) / (self->n_won + self->n_lost + 2 * SMOOTHING);

  for (guint f = 0; f < LG_PREDICTIVE_N_FIELDS; f++)
    {
      double won, lost;

      if ((only >= 0 && (int) f != only) || !field_likelihoods (self, f, values[f], &won, &lost))
        continue;
      s_won *= won;
      s_lost *= lost;
    }

  return 100.0 * s_won / (s_won + s_lost);
}

static int
compare_factors (gconstpointer a,
                 gconstpointer b)
{
  const LgPredictiveFactor *fa = *(LgPredictiveFactor * const *) a;
  const LgPredictiveFactor *fb = *(LgPredictiveFactor * const *) b;
  double da = fabs (fa->delta);
  double db = fabs (fb->delta);

  return da < db ? 1 : da > db ? -1 : (int) fa->field - (int) fb->field;
}

static void
factor_free (gpointer data)
{
  LgPredictiveFactor *factor = data;

  g_free (factor->value);
  g_free (factor);
}

LgPrediction *
lg_predictive_predict (LgPredictive       *self,
                       const char * const *values,
                       int                 fallback_score)
{
  LgPrediction *prediction;
  double prior;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (values != NULL, NULL);

  prediction = g_new0 (LgPrediction, 1);
  prediction->factors = g_ptr_array_new_with_free_func (factor_free);
  prediction->n_won = self->n_won;
  prediction->n_lost = self->n_lost;

  /* Too little history, or only one outcome in it, teaches nothing. */
  if (self->n_won + self->n_lost < LG_PREDICTIVE_MIN_CLOSED ||
      self->n_won == 0 || self->n_lost == 0)
    {
      prediction->fallback = TRUE;
      prediction->probability = CLAMP (fallback_score, -1, 100);
      prediction->exact = prediction->probability;
      return prediction;
    }

  prediction->exact = probability_with (self, values, -1);
  prior = probability_with (self, values, LG_PREDICTIVE_N_FIELDS);
  prediction->probability = CLAMP ((int) round (prediction->exact), 1, 99);

  for (guint f = 0; f < LG_PREDICTIVE_N_FIELDS; f++)
    {
      LgPredictiveFactor *factor;
      double won, lost;

      if (!field_likelihoods (self, f, values[f], &won, &lost))
        continue;

      factor = g_new0 (LgPredictiveFactor, 1);
      factor->field = f;
      factor->value = g_strdup (values[f]);
      factor->ratio = won / lost;
      factor->delta = probability_with (self, values, f) - prior;
      g_ptr_array_add (prediction->factors, factor);
    }
  g_ptr_array_sort (prediction->factors, compare_factors);

  return prediction;
}

void
lg_prediction_free (LgPrediction *prediction)
{
  if (prediction == NULL)
    return;

  g_ptr_array_unref (prediction->factors);
  g_free (prediction);
}

const char *
lg_predictive_field_label (LgPredictiveField field)
{
  switch (field)
    {
    case LG_PREDICTIVE_SOURCE:
      return _("Source");
    case LG_PREDICTIVE_STAGE:
      return _("Furthest stage");
    case LG_PREDICTIVE_QUALIFICATION:
      return _("Qualification");
    case LG_PREDICTIVE_HAS_EMAIL:
      return _("Has email");
    case LG_PREDICTIVE_HAS_PHONE:
      return _("Has phone");
    case LG_PREDICTIVE_INTENT:
      return _("Message intent");
    case LG_PREDICTIVE_N_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}
