/* lg-search.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Find leads: the people whose messages show they want what the user sells.
 * FTS5 retrieves candidates with a query built from the offer
 * (lg-search-query.h), the best of them by bm25 are rescored by the scoring
 * engine, filtered, reduced to one result per author and ordered by score.
 */

#pragma once

#include <gio/gio.h>

#include "lg-search-result.h"
#include "lg-search-spec.h"
#include "lg-store.h"

G_BEGIN_DECLS

#define LG_SEARCH_ERROR (lg_search_error_quark ())

typedef enum
{
  LG_SEARCH_ERROR_EMPTY_OFFER,   /* nothing to look for in the offer */
  LG_SEARCH_ERROR_COMMON_WORDS,  /* every word of the offer is in too many messages */
  LG_SEARCH_ERROR_NO_MESSAGES,   /* there is nothing to search in yet */
  LG_SEARCH_ERROR_FEEDBACK,      /* the search's stored feedback cannot be read */
} LgSearchError;

/* How the search limits its work; lg_search_options_init() gives the defaults. */
typedef struct
{
  double  common_share;  /* leave out offer words found in more than this share … */
  gint64  common_floor;  /* … of the messages, and in more than this many */
  guint   pool;          /* rescore this many of the messages that name the offer … */
  guint   widen;         /* … the best of this many times as many by bm25, ranked by
                          * bm25 and the author's stored buyer probability */
  guint   buyer_pool;    /* and this many of the likeliest buyers, whatever words
                          * they use (the scorer reads the offer in them) */
  guint   batch;         /* report results after each this many candidates */
} LgSearchOptions;

/* What a run did, for the CLI, the benchmark and the view's messages. */
typedef struct
{
  char   *query;         /* the FTS5 expression */
  GStrv   dropped;       /* offer words left out as too common */
  guint   candidates;    /* messages rescored */
  guint   buyer_candidates; /* of them, those the buyer pool added */
} LgSearchStats;

/* Results found so far: new people, or a better message of someone reported
 * before (same author key). Called on the thread that runs the search, or for
 * lg_search_run_async() on the caller's main context. */
typedef void (*LgSearchBatchFunc) (GPtrArray *results,
                                   gpointer   user_data);

GQuark      lg_search_error_quark      (void);

void        lg_search_options_init     (LgSearchOptions     *options);
void        lg_search_stats_clear      (LgSearchStats       *stats);

/* Runs @spec on @store in the calling thread: the results (LgSearchResult),
 * best first, at most the spec's limit. A saved spec (id > 0) records its
 * matches and last run, hides what the user dismissed and marks what is new
 * since its last run; @now is the time of this run. @options and @stats may
 * be NULL. */
GPtrArray  *lg_search_run              (LgStore             *store,
                                        LgSearchSpec        *spec,
                                        const LgSearchOptions *options,
                                        gint64               now,
                                        GCancellable        *cancellable,
                                        LgSearchBatchFunc    batch_func,
                                        gpointer             batch_data,
                                        LgSearchStats       *stats,
                                        GError             **error);

/* The same on a worker thread with its own connection to @store's database;
 * @batch_func runs on the caller's main context. Once finished, the spec's
 * last run is updated and @store notifies "matches". */
void        lg_search_run_async        (LgStore             *store,
                                        LgSearchSpec        *spec,
                                        GCancellable        *cancellable,
                                        LgSearchBatchFunc    batch_func,
                                        gpointer             batch_data,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
GPtrArray  *lg_search_run_finish       (LgStore             *store,
                                        GAsyncResult        *result,
                                        GError             **error);

/* The user's actions on a result of a saved search (@spec id > 0; for an
 * unsaved one only the lead is written). */

/* Makes a lead of the result's author, in Hot for a score of 70 and up, Warm
 * for 40–69, Cold below, linked to the message, found now (its speed to lead
 * counts from the message and from now); marks the match accepted. */
gboolean    lg_search_add_to_pipeline  (LgStore             *store,
                                        LgSearchSpec        *spec,
                                        LgSearchResult      *result,
                                        GError             **error);
/* Undoes lg_search_add_to_pipeline(): deletes that lead again, with its
 * timeline and follow-ups. */
gboolean    lg_search_undo_add         (LgStore             *store,
                                        LgSearchSpec        *spec,
                                        LgSearchResult      *result,
                                        GError             **error);
/* Hides the result from this search's future runs. */
gboolean    lg_search_dismiss          (LgStore             *store,
                                        LgSearchSpec        *spec,
                                        LgSearchResult      *result,
                                        GError             **error);
/* Undoes lg_search_dismiss(): the result shows again. */
gboolean    lg_search_restore          (LgStore             *store,
                                        LgSearchSpec        *spec,
                                        LgSearchResult      *result,
                                        GError             **error);
/* Thumbs up (@vote 1), down (-1) or neither (0, a saved search only): stored
 * with the match, and the search's feedback learnt again from all its votes,
 * which changes the ranking of this search's next run only. */
gboolean    lg_search_vote             (LgStore             *store,
                                        LgSearchSpec        *spec,
                                        LgSearchResult      *result,
                                        int                  vote,
                                        GError             **error);

/* Saved searches (lg-store-searches.c): a spec with id 0 is added and gets
 * its id, otherwise updated. */
gboolean    lg_search_save             (LgStore             *store,
                                        LgSearchSpec        *spec,
                                        GError             **error);
/* Every saved search, the most recently run first. */
GListModel *lg_search_list_saved       (LgStore             *store,
                                        GError             **error);
gboolean    lg_search_remove_saved     (LgStore             *store,
                                        gint64               id,
                                        GError             **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LgSearchStats, lg_search_stats_clear)

G_END_DECLS
