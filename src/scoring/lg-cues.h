/* lg-cues.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cue phrases: wordings that say "I want to buy" ("can anyone recommend", "ищу")
 * or "I am selling" ("we offer", "продаю"). They are matched on stems,
 * so "посоветуйте" also finds "посоветуете". The intent model reads which kinds
 * matched as features; the negative signal and the reason read them directly.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  /* wanting to buy */
  LG_CUE_RECOMMEND,
  LG_CUE_LOOKING,
  LG_CUE_NEED,
  LG_CUE_SWITCH,
  LG_CUE_URGENT,
  LG_CUE_BUDGET,
  LG_CUE_BUY,
  LG_CUE_WHO_DOES,
  /* a business hiring someone for the work: a buyer of it for a freelancer or
   * an agency */
  LG_CUE_HIRING,
  /* the opposite */
  LG_CUE_SELLING,
  LG_CUE_SELF_PROMO,
  LG_CUE_SPAM,
  LG_N_CUE_KINDS
} LgCueKind;

#define LG_CUE_FIRST_NEGATIVE LG_CUE_SELLING
#define LG_CUE_MAX_WORDS      6

typedef struct
{
  LgCueKind kind;
  float     strength;  /* for negative cues: how surely it marks a seller, 0–1 */
  guint     n_keys;
  guint64   keys[LG_CUE_MAX_WORDS];  /* stem hashes */
} LgCue;

typedef struct
{
  guint16 cue;    /* index into lg_cues_get () */
  guint16 start;  /* first token */
  guint16 n;      /* tokens */
} LgCueMatch;

const LgCue *lg_cues_get      (guint            *n_cues);
/* Finds the cues in a message given as its tokens' stem hashes. Writes at most
 * @max_matches, longest first among those starting on the same token; returns
 * how many it wrote. */
guint        lg_cues_match    (const guint64    *keys,
                               guint             n_keys,
                               LgCueMatch       *matches,
                               guint             max_matches);

/* There are fewer cue phrases than this: an index fits a byte. */
#define LG_CUES_NONE G_MAXUINT8

/* The first cue (an index into lg_cues_get ()) that may start on a token of stem
 * hash @key, or -1. It depends on the word alone: the scorer caches it. */
int          lg_cues_first       (guint64          key);
/* lg_cues_match() given each token's lg_cues_first() in @first, LG_CUES_NONE
 * for none. */
guint        lg_cues_match_first (const guint64    *keys,
                                  const guint8     *first,
                                  guint             n_keys,
                                  LgCueMatch       *matches,
                                  guint             max_matches);

static inline gboolean
lg_cue_kind_is_negative (LgCueKind kind)
{
  return kind >= LG_CUE_FIRST_NEGATIVE;
}

G_END_DECLS
