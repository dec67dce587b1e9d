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

/* The tsquery (as text) of the one token, or, with prefix, of the tokens
 * that start with it. */
char     *lg_store_terms_token_query (const char *token,
                                      gboolean    prefix);

/* The tsquery (as text) that matches what expression, an FTS5 query of
 * lg_search_query_build(), matches in messages_fts; *phrases gets its phrases
 * in order, as the text of a PostgreSQL text[] whose each element is the
 * phrase's tokens separated by spaces, a prefix ending in '*' (lg_rank()'s
 * third argument on PostgreSQL, lg-store-pg-schema.c). NULL with error when
 * expression is not of that form. */
char     *lg_store_terms_query   (const char  *expression,
                                  char       **phrases,
                                  GError     **error);

G_END_DECLS
