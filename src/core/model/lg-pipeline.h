/* lg-pipeline.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The stages of the board, in board order. The open stages come first so a
 * stage's rank says how far a lead has come; Lost sits aside. */
typedef enum
{
  LG_STAGE_COLD,
  LG_STAGE_WARM,
  LG_STAGE_HOT,
  LG_STAGE_WON,
  LG_STAGE_LOST,
  LG_N_STAGES,
  LG_STAGE_INVALID = -1,
} LgStage;

#define LG_SECONDS_PER_DAY 86400

/* What the user set in Preferences, passed in as plain values so the core
 * (and its tests) never need GSettings. */
typedef struct
{
  guint probability[LG_N_STAGES]; /* percent a lead in the stage is worth */
  guint stale_days[LG_N_STAGES];  /* days without a touch before stale; 0 = never */
} LgPipelineRules;

/* The next follow-up of a lead, as a card shows it. */
typedef enum
{
  LG_DUE_NONE,
  LG_DUE_OVERDUE,
  LG_DUE_TODAY,
  LG_DUE_LATER,
} LgDueState;

const char *lg_stage_id            (LgStage               stage);
LgStage     lg_stage_from_id       (const char           *id);
const char *lg_stage_label         (LgStage               stage);
gboolean    lg_stage_is_closed     (LgStage               stage);

const char *lg_qualification_label (const char           *id);
/* What it means, a phrase for whoever picks it: the acronyms are jargon. */
const char *lg_qualification_describe (const char        *id);
gboolean    lg_qualification_valid (const char           *id);

void        lg_pipeline_rules_init_defaults (LgPipelineRules *rules);
gint64      lg_pipeline_weighted_value      (const LgPipelineRules *rules,
                                             LgStage                stage,
                                             gint64                 value);

/* One currency's share of a column's value: amounts in different
 * currencies cannot be added. */
typedef struct
{
  char  *currency; /* as the leads give it; "" when they give none */
  gint64 value;    /* minor units */
  gint64 weighted; /* value × the stage's probability */
} LgCurrencySum;

/* Sums the values of leads (LgLeads, all of stage) per currency, in the
 * order the currencies first appear; an array of LgCurrencySum. */
GArray     *lg_pipeline_sum_by_currency (GListModel            *leads,
                                         const LgPipelineRules *rules,
                                         LgStage                stage);
/* A column header's money: a line per currency, each with its weighted value
 * unless the stage is closed ("$1,500 · weighted $150"). */
char       *lg_pipeline_describe_sums   (GArray                *sums,
                                         LgStage                stage);

LgDueState  lg_due_state           (gint64                due_at,
                                    gint64                now);

G_END_DECLS
