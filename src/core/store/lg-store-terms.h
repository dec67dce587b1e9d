/* lg-store-terms.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The FTS5 interface of a SQLite connection, or NULL. */
fts5_api *lg_store_get_fts5_api  (sqlite3     *db);

/* The words of text as a team workspace indexes them (messages.terms): the
 * tokens of SQLite's own FTS5 tokenizer, made as the personal workspace's
 * messages_fts makes them, each with its positions, as a tsvector's text
 * ('token':1,4 'other':2). */
char     *lg_store_terms_vector  (const char  *text,
                                  gssize       length);

/* The tsquery (as text) that matches what expression, an FTS5 query of
 * lg_search_query_build(), matches in messages_fts; *phrases gets its
 * phrases in order, each a GStrv of its tokens, a prefix ending in '*'. NULL
 * with error when expression is not of that form. */
char     *lg_store_terms_query   (const char  *expression,
                                  GPtrArray  **phrases,
                                  GError     **error);

/* bm25's term-frequency saturation, and a phrase's share of lg_rank() when
 * it is count times in a message. */
#define LG_STORE_RANK_K1 1.2
double    lg_store_rank_phrase   (double       weight,
                                  int          count);

/* Ranks a team workspace's matches as lg_rank() ranks FTS5's, for the
 * phrases of lg_store_terms_query() and their weights (kept, not copied:
 * they outlive the ranker). */
typedef struct _LgStoreTermsRanker LgStoreTermsRanker;

LgStoreTermsRanker *lg_store_terms_ranker_new  (GPtrArray          *phrases,
                                                const double       *weights,
                                                guint               n_weights);
void                lg_store_terms_ranker_free (LgStoreTermsRanker *ranker);
/* The rank of the message whose terms these are: a tsvector in
 * PostgreSQL's binary format (tsvectorsend()). */
double              lg_store_terms_ranker_rank (LgStoreTermsRanker *ranker,
                                                const guint8       *vector,
                                                gsize               size);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LgStoreTermsRanker, lg_store_terms_ranker_free)

G_END_DECLS
