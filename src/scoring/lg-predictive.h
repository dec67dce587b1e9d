/* lg-predictive.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The fields the model learns from, each a short string value. */
typedef enum
{
  LG_PREDICTIVE_SOURCE,         /* the source's id, or "none" */
  LG_PREDICTIVE_STAGE,          /* furthest open stage reached: cold, warm or hot */
  LG_PREDICTIVE_QUALIFICATION,  /* unqualified, mql, sql, pql */
  LG_PREDICTIVE_HAS_EMAIL,      /* "yes" or "no" */
  LG_PREDICTIVE_HAS_PHONE,      /* "yes" or "no" */
  LG_PREDICTIVE_INTENT,         /* band of the originating message: act, look, weak, none */
  LG_PREDICTIVE_N_FIELDS,
} LgPredictiveField;

/* Below this many closed leads the model says nothing and the rule-based
 * score stands in. */
#define LG_PREDICTIVE_MIN_CLOSED 20

typedef struct
{
  LgPredictiveField  field;
  char              *value;
  /* Percentage points this value alone adds to (or, negative, takes from)
   * the base rate of winning: the prediction from the prior and this field
   * only, minus the prior. Measured alone so that a saturated total (99 %)
   * still shows which values pushed it there. */
  double             delta;
  /* P(value | won) / P(value | lost), 1 = says nothing. */
  double             ratio;
} LgPredictiveFactor;

typedef struct
{
  /* 1–99 from the model; the rule-based score (-1 if none) when fallback. */
  int        probability;
  double     exact;        /* the unclamped model probability in percent */
  gboolean   fallback;
  guint      n_won;
  guint      n_lost;
  GPtrArray *factors;      /* LgPredictiveFactor, strongest first; empty on fallback */
} LgPrediction;

typedef struct _LgPredictive LgPredictive;

LgPredictive *lg_predictive_new          (void);
void          lg_predictive_free         (LgPredictive       *self);
/* Adds count closed leads that all had these values. */
void          lg_predictive_add_closed   (LgPredictive       *self,
                                          gboolean            won,
                                          const char * const *values,
                                          guint               count);
LgPrediction *lg_predictive_predict      (LgPredictive       *self,
                                          const char * const *values,
                                          int                 fallback_score);
void          lg_prediction_free         (LgPrediction       *prediction);

const char   *lg_predictive_field_label  (LgPredictiveField   field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LgPredictive, lg_predictive_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LgPrediction, lg_prediction_free)

G_END_DECLS
