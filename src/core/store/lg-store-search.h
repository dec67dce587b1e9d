/* lg-store-search.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store's side of Find Leads (lg-search.c): how many messages hold a
 * word, the candidate messages for an offer, the likeliest buyers, what the
 * user did with earlier results, and the record of a saved search's run.
 * The candidates are ranked in the store by lg_rank(), an FTS5 function that
 * weighs each of the offer's concepts a message holds by how rare it is
 * (bm25's idf and term-frequency saturation, without its length
 * normalisation): bm25 reads every match's length from the index and counts
 * each phrase's messages again on every query; with the frequencies known
 * from the term counts, lg_rank() ranks the same candidates at a fraction of
 * the cost. The weights come from lg_search_rank_weights().
 */

#pragma once

#include "lg-store.h"

G_BEGIN_DECLS

/* Which messages a search reads: the FTS5 expression of the offer and the
 * weight of each of its phrases (a blob of doubles, lg_rank()'s argument),
 * the dates and sources it is limited to (0 and none: no limit), how many
 * candidates it reads (pool) from how many best matches (pool × widen), and
 * how many likeliest buyers besides (buyer_pool). */
typedef struct
{
  const char   *query;
  GBytes       *weights;
  gint64        since;
  gint64        until;
  const gint64 *source_ids;
  guint         n_sources;
  guint         pool;
  guint         widen;
  guint         buyer_pool;
} LgStoreCandidateQuery;

/* One candidate message, valid during the call only. */
typedef struct
{
  gint64      message_id;
  gint64      source_id;
  const char *author_name;
  const char *author_handle;
  const char *author_id;
  gint64      sent_at;
  const char *text;
  const char *permalink;
  const char *external_id;
} LgStoreCandidate;

/* What a saved search's run showed of one message. */
typedef struct
{
  gint64      message_id;
  int         score;
  const char *breakdown;
  const char *reason;
} LgStoreMatchRecord;

/* Returns FALSE to stop the reading (cancelled): no error then. */
typedef gboolean (*LgStoreCandidateFunc)  (const LgStoreCandidate *candidate,
                                           gpointer                user_data);
typedef void     (*LgStoreSourceNameFunc) (gint64                  id,
                                           const char             *kind,
                                           const char             *handle,
                                           const char             *title,
                                           gpointer                user_data);
/* handle is lower-cased; message_id 0 when the lead came from none. */
typedef void     (*LgStoreLeadOriginFunc) (gint64                  lead_id,
                                           gint64                  message_id,
                                           const char             *handle,
                                           gpointer                user_data);

/* Makes lg_rank() known to the connection (once per connection). */
gboolean lg_store_enable_ranking          (LgStore                      *self,
                                           GError                      **error);
/* The highest message id (0 when there are none): it moves whenever
 * messages are added, so what is known of them can be kept until then. */
gboolean lg_store_get_messages_stamp      (LgStore                      *self,
                                           gint64                       *stamp,
                                           GError                      **error);
gboolean lg_store_count_messages          (LgStore                      *self,
                                           gint64                       *n_messages,
                                           GError                      **error);
/* Makes the term counts of the messages readable on the connection; again
 * after the connection's staging area was emptied, which drops them. */
gboolean lg_store_open_term_counts        (LgStore                      *self);
/* How many messages hold the case-folded word, or, with prefix, a word
 * starting with it; -1 when that cannot be read. Needs the term counts. */
gint64   lg_store_count_term_messages     (LgStore                      *self,
                                           const char                   *folded,
                                           gboolean                      prefix);
/* Calls func with each source's id, kind, handle and title. */
gboolean lg_store_read_source_names       (LgStore                      *self,
                                           LgStoreSourceNameFunc         func,
                                           gpointer                      user_data,
                                           GError                      **error);
/* Calls func with each lead made from a message or with a Telegram handle. */
gboolean lg_store_read_lead_origins       (LgStore                      *self,
                                           LgStoreLeadOriginFunc         func,
                                           gpointer                      user_data,
                                           GError                      **error);
/* Calls func with the pool best candidates for query, the likeliest buyers
 * first among matches of equal rank, the newer first among equals. */
gboolean lg_store_read_candidates         (LgStore                      *self,
                                           const LgStoreCandidateQuery  *query,
                                           LgStoreCandidateFunc          func,
                                           gpointer                      user_data,
                                           GError                      **error);
/* Calls func with the buyer_pool likeliest buyers within the query's dates
 * and sources, whatever they wrote, the last stored first among equals. */
gboolean lg_store_read_buyer_candidates   (LgStore                      *self,
                                           const LgStoreCandidateQuery  *query,
                                           LgStoreCandidateFunc          func,
                                           gpointer                      user_data,
                                           GError                      **error);
/* What the user did with the message in the saved search: its status
 * ("new", "accepted", "dismissed"), thumbs (-1, 0, 1) and when the search
 * first showed it. FALSE, the outs untouched, when it never did. */
gboolean lg_store_get_match               (LgStore                      *self,
                                           gint64                        search_id,
                                           gint64                        message_id,
                                           char                        **status,
                                           int                          *feedback,
                                           gint64                       *first_seen);
/* Keeps what the saved search showed, and that it ran at now: one
 * transaction. */
gboolean lg_store_record_search_run       (LgStore                      *self,
                                           gint64                        search_id,
                                           const LgStoreMatchRecord     *matches,
                                           guint                         n_matches,
                                           gint64                        now,
                                           GError                      **error);

G_END_DECLS
