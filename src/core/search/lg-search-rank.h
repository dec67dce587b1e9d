/* lg-search-rank.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How the search picks the candidates it rescores: lg_rank(), an FTS5
 * function that weighs each of the offer's concepts a message holds by how
 * rare the concept is (bm25's idf and term-frequency saturation, without its
 * length normalisation). bm25 reads every match's length from the index and
 * counts each phrase's messages again on every query; with the frequencies
 * already known from fts5vocab, lg_rank() ranks the same candidates at a
 * fraction of the cost, so a search stays fast when its words are in tens of
 * thousands of messages.
 *
 *   SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?1
 *   ORDER BY lg_rank (messages_fts, ?2) DESC LIMIT 300
 *
 * with ?2 the blob of lg_search_rank_weights(). lg_rank() lives in the store
 * (lg-store-search.c), which runs it; the weights are worked out here.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* lg_rank()'s second argument: the weight of each phrase of the query, from
 * the document @frequencies of lg_search_query_build() among @n_messages. */
GBytes   *lg_search_rank_weights  (const GArray  *frequencies,
                                   gint64         n_messages);

G_END_DECLS
