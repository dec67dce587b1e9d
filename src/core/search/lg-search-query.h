/* lg-search-query.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The FTS5 query a search retrieves its candidates with, built from an
 * offer's query terms. Every piece of user text is a double-quoted FTS5 string
 * (quotes doubled), so operators, parentheses, '*', ':' or '-' the user typed
 * are searched as words, never read as query syntax.
 */

#pragma once

#include <glib.h>

#include "lg-offer.h"

G_BEGIN_DECLS

/* How many messages hold the term (a prefix when @prefix): the document
 * frequency, or -1 when it is unknown. */
typedef gint64 (*LgTermFrequencyFunc) (const char *token,
                                       gboolean    prefix,
                                       gpointer    user_data);

/* @text as one FTS5 string: "…" with inner quotes doubled, then '*' when
 * @prefix (a prefix query on its last word). */
char  *lg_search_query_quote (const char          *text,
                              gboolean             prefix);

/* The MATCH expression for @offer: its concepts and phrases ORed (stems as
 * prefixes), ANDed with each must-have word, NOT each exclude word.
 * A concept or phrase found in more than @max_docs messages (per @frequency;
 * @max_docs < 0 keeps all) is left out and its word added to @dropped (may be
 * NULL), so that no query reads a large share of the database. @frequencies
 * (may be NULL) gets the document frequency (gint64, -1 when unknown) of each
 * concept and phrase kept, in the order of the expression's first phrases
 * (see lg-search-rank.h). Returns NULL with LG_SEARCH_ERROR_COMMON_WORDS when
 * every word to look for was dropped. */
char  *lg_search_query_build (const LgOffer       *offer,
                              gint64               max_docs,
                              LgTermFrequencyFunc  frequency,
                              gpointer             user_data,
                              GPtrArray           *dropped,
                              GArray              *frequencies,
                              GError             **error);

G_END_DECLS
