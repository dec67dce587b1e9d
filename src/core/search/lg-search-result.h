/* lg-search-result.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lg-score-result.h"

G_BEGIN_DECLS

/* Where a result's message comes from, as the search read it. */
typedef struct
{
  gint64      message_id;
  gint64      source_id;
  gint64      sent_at;
  const char *source_label;  /* "@dentistry_chat", or an export's chat title */
  const char *author_name;
  const char *author_handle;
  const char *author_key;    /* who wrote it, for one result per person */
  const char *text;
  const char *link;
} LgSearchResultInit;

typedef enum
{
  LG_MATCH_NEW,
  LG_MATCH_ACCEPTED,
  LG_MATCH_DISMISSED,
} LgMatchStatus;

/* One person a search found: their best message with its score, reason and
 * breakdown, how many other messages of theirs matched, and what the user did
 * with it (status, thumbs, the lead made from it). Immutable but for the
 * user's actions, which notify. */
#define LG_TYPE_SEARCH_RESULT (lg_search_result_get_type ())
G_DECLARE_FINAL_TYPE (LgSearchResult, lg_search_result, LG, SEARCH_RESULT, GObject)

LgSearchResult     *lg_search_result_new              (const LgSearchResultInit *init,
                                                       LgScoreResult            *score);
LgSearchResult     *lg_search_result_copy             (LgSearchResult           *self);

gint64              lg_search_result_get_message_id   (LgSearchResult *self);
gint64              lg_search_result_get_source_id    (LgSearchResult *self);
gint64              lg_search_result_get_sent_at      (LgSearchResult *self);
const char         *lg_search_result_get_source_label (LgSearchResult *self);
const char         *lg_search_result_get_author_name  (LgSearchResult *self);
const char         *lg_search_result_get_author_handle(LgSearchResult *self);
const char         *lg_search_result_get_author_key   (LgSearchResult *self);
/* The name, else "@handle", else "Unknown author". */
const char         *lg_search_result_get_author_label (LgSearchResult *self);
const char         *lg_search_result_get_text         (LgSearchResult *self);
const char         *lg_search_result_get_link         (LgSearchResult *self);
int                 lg_search_result_get_score        (LgSearchResult *self);
const char         *lg_search_result_get_reason       (LgSearchResult *self);
/* The reason without the source and age (lg_score_result_get_summary()). */
const char         *lg_search_result_get_summary      (LgSearchResult *self);
/* 1 where the search's feedback moved this result up the list, -1 down, else
 * 0: set by lg_search_result_mark_feedback_moves(). */
int                 lg_search_result_get_feedback_move (LgSearchResult *self);
void                lg_search_result_set_feedback_move (LgSearchResult *self,
                                                        int             move);

/* Each signal's value, its contribution in points and the words that
 * triggered it. */
double              lg_search_result_get_signal_value (LgSearchResult *self,
                                                       LgSignal        signal);
/* The score with every signal neutral; it and the contributions add up to
 * the score (lg_score_result_get_base()). */
int                 lg_search_result_get_base         (LgSearchResult *self);
int                 lg_search_result_get_contribution (LgSearchResult *self,
                                                       LgSignal        signal);
const char * const *lg_search_result_get_evidence     (LgSearchResult *self,
                                                       LgSignal        signal);
/* The breakdown as JSON, as `matches.breakdown` keeps it. */
char               *lg_search_result_dup_breakdown_json (LgSearchResult *self);

/* Up to @max_chars characters of the text around the first matched word, on
 * one line; with @markup, Pango markup with the matched words in bold and the
 * rest escaped. */
char               *lg_search_result_dup_excerpt      (LgSearchResult *self,
                                                       guint           max_chars,
                                                       gboolean        markup);

/* Other messages of the same author that matched. */
guint               lg_search_result_get_other_count  (LgSearchResult *self);
void                lg_search_result_set_other_count  (LgSearchResult *self,
                                                       guint           count);

LgMatchStatus       lg_search_result_get_status       (LgSearchResult *self);
void                lg_search_result_set_status       (LgSearchResult *self,
                                                       LgMatchStatus   status);
/* -1 thumbs down, 0 none, 1 thumbs up. */
int                 lg_search_result_get_feedback     (LgSearchResult *self);
void                lg_search_result_set_feedback     (LgSearchResult *self,
                                                       int             feedback);
/* Found since the saved search last ran. */
gboolean            lg_search_result_get_is_new       (LgSearchResult *self);
void                lg_search_result_set_is_new       (LgSearchResult *self,
                                                       gboolean        is_new);
/* The lead made from this person, 0 when none. */
gint64              lg_search_result_get_lead_id      (LgSearchResult *self);
void                lg_search_result_set_lead_id      (LgSearchResult *self,
                                                       gint64          lead_id);

/* Best first: higher score, then newer. For g_ptr_array_sort() on results. */
int                 lg_search_result_compare          (gconstpointer   a,
                                                       gconstpointer   b);

/* On results sorted by lg_search_result_compare(): marks those that their own
 * feedback points moved to another place than they would have without. */
void                lg_search_result_mark_feedback_moves (GPtrArray    *results);

const char         *lg_match_status_to_string         (LgMatchStatus   status);
LgMatchStatus       lg_match_status_from_string       (const char     *string);

G_END_DECLS
