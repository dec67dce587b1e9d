/* lg-store-terms.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Search terms of a team workspace. A personal workspace's search index is
 * FTS5's (messages_fts, lg-store-schema.c: tokenize='unicode61
 * remove_diacritics 2'); a team's is a tsvector column with a GIN index. So
 * that both find the same messages for the same words, the tsvector is not
 * made by PostgreSQL's parser (which reads e-mail addresses, numbers with
 * dots or hyphenated words its own way) but here, by the very tokenizer FTS5
 * indexes with, run through FTS5's C interface on an empty in-memory SQLite
 * connection; and a search's FTS5 expression becomes a tsquery of the tokens
 * the same tokenizer makes of its strings. Both kinds of text are given to
 * PostgreSQL as literals ('token':1,3 and 'stem':* <-> 'word'), which it
 * takes as they are, with no dictionary: the `simple` configuration at its
 * simplest. The matches are ranked here, from their terms, as lg_rank()
 * ranks them in FTS5 (lg-store-search.c): a PL/pgSQL function took 0.3 ms a
 * message, forty times the time of reading its terms.
 */

#define G_LOG_DOMAIN "lg-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lg-store.h"
#include "lg-store-terms.h"

/* As messages_fts's tokenize= option says. */
static const char *tokenizer_args[] = { "remove_diacritics", "2" };

/* PostgreSQL's limits on a tsvector (tsearch's MAXSTRLEN, MAXENTRYPOS and
 * MAXNUMPOS): longer tokens are refused, positions past the last are all
 * counted at it, and a token keeps its first 256 positions. */
#define MAX_TOKEN_BYTES 2046
#define MAX_POSITION 16383
#define MAX_POSITIONS 256

typedef struct
{
  sqlite3        *db;
  fts5_tokenizer  api;
  Fts5Tokenizer  *tokenizer;
} Tokenizer;

fts5_api *
lg_store_get_fts5_api (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5 (?1)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return api;
}

static void
tokenizer_free (gpointer data)
{
  Tokenizer *tokenizer = data;

  if (tokenizer->tokenizer != NULL)
    tokenizer->api.xDelete (tokenizer->tokenizer);
  sqlite3_close (tokenizer->db);
  g_free (tokenizer);
}

/* One per thread, kept: a message's tokens are read many times a second
 * during an import. */
static Tokenizer *
thread_tokenizer (void)
{
  static GPrivate tokenizers = G_PRIVATE_INIT (tokenizer_free);
  Tokenizer *tokenizer = g_private_get (&tokenizers);
  fts5_api *api;
  void *user_data = NULL;

  if (tokenizer != NULL)
    return tokenizer;
  tokenizer = g_new0 (Tokenizer, 1);
  if (sqlite3_open_v2 (":memory:", &tokenizer->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
      (api = lg_store_get_fts5_api (tokenizer->db)) == NULL ||
      api->xFindTokenizer (api, "unicode61", &user_data, &tokenizer->api) != SQLITE_OK ||
      tokenizer->api.xCreate (user_data, tokenizer_args, G_N_ELEMENTS (tokenizer_args),
                              &tokenizer->tokenizer) != SQLITE_OK)
    g_error ("SQLite's FTS5 unicode61 tokenizer is missing");
  g_private_set (&tokenizers, tokenizer);
  return tokenizer;
}

typedef struct
{
  GHashTable *positions;  /* token -> GArray of int */
  GPtrArray  *order;      /* tokens in order of arrival, for a phrase */
  int         n;          /* the next token's position, from 1 */
} Tokens;

static int
add_token (void       *data,
           int         flags,
           const char *token,
           int         length,
           int         start,
           int         end)
{
  Tokens *tokens = data;
  char *key = g_strndup (token, length);
  int position;

  tokens->n++;
  position = MIN (tokens->n, MAX_POSITION);

  if (tokens->order != NULL)
    g_ptr_array_add (tokens->order, g_strdup (key));
  if (tokens->positions != NULL && length <= MAX_TOKEN_BYTES)
    {
      GArray *at = g_hash_table_lookup (tokens->positions, key);

      if (at == NULL)
        {
          at = g_array_new (FALSE, FALSE, sizeof (int));
          g_hash_table_insert (tokens->positions, g_steal_pointer (&key), at);
        }
      if (at->len < MAX_POSITIONS && (at->len == 0 || g_array_index (at, int, at->len - 1) < position))
        g_array_append_val (at, position);
    }
  g_free (key);
  return SQLITE_OK;
}

static void
tokenize (Tokens     *tokens,
          const char *text,
          gssize      length)
{
  Tokenizer *tokenizer = thread_tokenizer ();

  tokenizer->api.xTokenize (tokenizer->tokenizer, tokens, FTS5_TOKENIZE_DOCUMENT, text,
                            length < 0 ? (int) strlen (text) : (int) length, add_token);
}

/* A lexeme of a tsvector's or tsquery's text: quoted, its quotes and
 * backslashes escaped. */
static void
append_lexeme (GString    *out,
               const char *token)
{
  g_string_append_c (out, '\'');
  for (const char *p = token; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (out, *p == '\'' ? '\'' : '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
}

char *
lg_store_terms_vector (const char *text,
                       gssize      length)
{
  g_autoptr(GHashTable) positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                           (GDestroyNotify) g_array_unref);
  Tokens tokens = { positions, NULL, 0 };
  GString *out = g_string_new (NULL);
  GHashTableIter iter;
  const char *token;
  GArray *at;

  g_return_val_if_fail (text != NULL, NULL);

  tokenize (&tokens, text, length);
  g_hash_table_iter_init (&iter, positions);
  while (g_hash_table_iter_next (&iter, (gpointer *) &token, (gpointer *) &at))
    {
      if (out->len > 0)
        g_string_append_c (out, ' ');
      append_lexeme (out, token);
      for (guint i = 0; i < at->len; i++)
        g_string_append_printf (out, "%c%d", i == 0 ? ':' : ',', g_array_index (at, int, i));
    }
  return g_string_free (out, FALSE);
}

/* Reading an FTS5 expression of lg_search_query_build(): strings ("…", inner
 * quotes doubled, '*' after one for a prefix) joined by " + " into phrases,
 * phrases and parenthesised expressions joined by " OR ", " AND " or " NOT ",
 * one kind of operator within a pair of parentheses. */
typedef struct
{
  const char *p;
  GString    *query;    /* the tsquery */
  GPtrArray  *phrases;  /* GStrv each */
} Parser;

static gboolean parse_expression (Parser *parser);

static gboolean
skip (Parser     *parser,
      const char *word)
{
  if (!g_str_has_prefix (parser->p, word))
    return FALSE;
  parser->p += strlen (word);
  return TRUE;
}

/* One string into its tokens, the last one ending in '*' after a '*'. */
static gboolean
parse_string (Parser       *parser,
              GStrvBuilder *words)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_free);
  Tokens tokens = { NULL, order, 0 };
  gboolean prefix;

  if (!skip (parser, "\""))
    return FALSE;
  for (;;)
    {
      if (*parser->p == '\0')
        return FALSE;
      if (parser->p[0] == '"' && parser->p[1] == '"')
        parser->p++;
      else if (parser->p[0] == '"')
        break;
      g_string_append_c (text, *parser->p++);
    }
  parser->p++;
  prefix = skip (parser, "*");
  tokenize (&tokens, text->str, text->len);
  for (guint i = 0; i < order->len; i++)
    {
      g_autofree char *word = g_strconcat (g_ptr_array_index (order, i),
                                           prefix && i + 1 == order->len ? "*" : "", NULL);

      g_strv_builder_add (words, word);
    }
  return TRUE;
}

static gboolean
parse_phrase (Parser *parser)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GStrv words;

  do
    if (!parse_string (parser, builder))
      return FALSE;
  while (skip (parser, " + "));

  words = g_strv_builder_end (builder);
  g_ptr_array_add (parser->phrases, words);
  /* A phrase FTS5 makes no token of matches nothing: nor does a lexeme
   * with a space, which no token has. */
  if (words[0] == NULL)
    {
      g_string_append (parser->query, "' '");
      return TRUE;
    }
  g_string_append_c (parser->query, '(');
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *token = g_strdup (words[i]);
      gboolean prefix = g_str_has_suffix (token, "*");

      if (prefix)
        token[strlen (token) - 1] = '\0';
      g_string_append (parser->query, i > 0 ? " <-> " : "");
      append_lexeme (parser->query, token);
      g_string_append (parser->query, prefix ? ":*" : "");
    }
  g_string_append_c (parser->query, ')');
  return TRUE;
}

static gboolean
parse_operand (Parser *parser)
{
  if (!skip (parser, "("))
    return parse_phrase (parser);
  g_string_append_c (parser->query, '(');
  if (!parse_expression (parser) || !skip (parser, ")"))
    return FALSE;
  g_string_append_c (parser->query, ')');
  return TRUE;
}

static gboolean
parse_expression (Parser *parser)
{
  if (!parse_operand (parser))
    return FALSE;
  for (;;)
    {
      if (skip (parser, " OR "))
        g_string_append (parser->query, " | ");
      else if (skip (parser, " AND "))
        g_string_append (parser->query, " & ");
      else if (skip (parser, " NOT "))
        g_string_append (parser->query, " & !");
      else
        return TRUE;
      if (!parse_operand (parser))
        return FALSE;
    }
}

char *
lg_store_terms_query (const char  *expression,
                      GPtrArray  **phrases,
                      GError     **error)
{
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  Parser parser = { expression, query, list };

  g_return_val_if_fail (expression != NULL, NULL);
  g_return_val_if_fail (phrases != NULL, NULL);

  if (!parse_expression (&parser) || *parser.p != '\0')
    {
      g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_INVALID,
                   _("Could not search the messages: the query “%s” cannot be read."),
                   expression);
      return NULL;
    }
  *phrases = g_steal_pointer (&list);
  return g_string_free (g_steal_pointer (&query), FALSE);
}

double
lg_store_rank_phrase (double weight,
                      int    count)
{
  return weight * count * (LG_STORE_RANK_K1 + 1) / (count + LG_STORE_RANK_K1);
}

struct _LgStoreTermsRanker
{
  GPtrArray    *phrases;  /* GStrv each, a prefix's last token ending in '*' */
  const double *weights;
  guint         n_weights;
  GArray       *tokens;   /* Token: every phrase's tokens, once each */
  GArray       *stream;   /* const char *, the lexeme at each position */
};

typedef struct
{
  const char *text;
  gsize       length;  /* of what a lexeme must start with, or be */
  gboolean    prefix;
} Token;

LgStoreTermsRanker *
lg_store_terms_ranker_new (GPtrArray    *phrases,
                          const double *weights,
                          guint         n_weights)
{
  LgStoreTermsRanker *ranker;

  g_return_val_if_fail (phrases != NULL, NULL);

  ranker = g_new0 (LgStoreTermsRanker, 1);
  ranker->phrases = g_ptr_array_ref (phrases);
  ranker->weights = weights;
  ranker->n_weights = n_weights;
  ranker->tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  ranker->stream = g_array_new (FALSE, TRUE, sizeof (const char *));
  /* The phrases past the weights (the must-have and exclude words) add
   * nothing to a rank. */
  for (guint i = 0; i < MIN (phrases->len, n_weights); i++)
    for (GStrv tokens = g_ptr_array_index (phrases, i); *tokens != NULL; tokens++)
      {
        Token token = { *tokens, strlen (*tokens), g_str_has_suffix (*tokens, "*") };
        guint k = 0;

        while (k < ranker->tokens->len &&
               strcmp (g_array_index (ranker->tokens, Token, k).text, token.text) != 0)
          k++;
        token.length -= token.prefix;
        if (k == ranker->tokens->len)
          g_array_append_val (ranker->tokens, token);
      }
  return ranker;
}

void
lg_store_terms_ranker_free (LgStoreTermsRanker *ranker)
{
  if (ranker == NULL)
    return;
  g_ptr_array_unref (ranker->phrases);
  g_array_unref (ranker->tokens);
  g_array_unref (ranker->stream);
  g_free (ranker);
}

static gboolean
token_matches (const char *lexeme,
               const char *token)
{
  gsize length = strlen (token);

  if (lexeme == NULL)
    return FALSE;
  if (length > 0 && token[length - 1] == '*')
    return strncmp (lexeme, token, length - 1) == 0;
  return strcmp (lexeme, token) == 0;
}

static gboolean
matches_any_token (LgStoreTermsRanker *ranker,
                   const char         *lexeme,
                   gsize               length)
{
  for (guint i = 0; i < ranker->tokens->len; i++)
    {
      const Token *token = &g_array_index (ranker->tokens, Token, i);

      if ((token->prefix ? length >= token->length : length == token->length) &&
          memcmp (lexeme, token->text, token->length) == 0)
        return TRUE;
    }
  return FALSE;
}

static guint
read_uint (const guint8 **p,
           const guint8  *end,
           gsize          size)
{
  guint value = 0;

  if ((gsize) (end - *p) < size)
    {
      *p = end;
      return 0;
    }
  for (gsize i = 0; i < size; i++)
    value = value << 8 | (*p)[i];
  *p += size;
  return value;
}

/* Reads a tsvector in PostgreSQL's binary format (tsvectorsend(): the
 * number of lexemes, then each lexeme, NUL-ended, with its number of
 * positions and the positions, a weight in their two high bits) into the
 * lexeme at each position, as the tsvector's text would be read: where two
 * lexemes share a position (past the last one a tsvector keeps), the later
 * one. Only the lexemes of the phrases' tokens are kept; another one at
 * their position hides them, as it would. */
static void
read_vector (LgStoreTermsRanker *ranker,
             const guint8       *data,
             gsize               size)
{
  const guint8 *p = data, *end = data + size;
  GArray *stream = ranker->stream;
  guint n_lexemes = read_uint (&p, end, 4);

  g_array_set_size (stream, 0);
  for (guint i = 0; i < n_lexemes && p < end; i++)
    {
      const char *lexeme = (const char *) p;
      const guint8 *nul = memchr (p, '\0', end - p);
      gboolean wanted;
      guint n_positions;

      if (nul == NULL)
        break;
      wanted = matches_any_token (ranker, lexeme, nul - p);
      p = nul + 1;
      n_positions = read_uint (&p, end, 2);
      for (guint j = 0; j < n_positions && p < end; j++)
        {
          guint position = read_uint (&p, end, 2) & 0x3fff;

          if (wanted && position >= stream->len)
            g_array_set_size (stream, position + 1);
          if (position < stream->len)
            g_array_index (stream, const char *, position) = wanted ? lexeme : NULL;
        }
    }
}

double
lg_store_terms_ranker_rank (LgStoreTermsRanker *ranker,
                            const guint8       *vector,
                            gsize               size)
{
  GArray *stream = ranker->stream;
  double rank = 0;

  g_return_val_if_fail (ranker != NULL, 0);
  g_return_val_if_fail (vector != NULL || size == 0, 0);

  read_vector (ranker, vector, size);
  for (guint i = 0; i < MIN (ranker->phrases->len, ranker->n_weights); i++)
    {
      GStrv tokens = g_ptr_array_index (ranker->phrases, i);
      guint n_tokens = g_strv_length (tokens);
      int count = 0;

      for (guint start = 0; n_tokens > 0 && start + n_tokens <= stream->len; start++)
        {
          guint j = 0;

          while (j < n_tokens &&
                 token_matches (g_array_index (stream, const char *, start + j), tokens[j]))
            j++;
          count += j == n_tokens;
        }
      if (count > 0)
        rank += lg_store_rank_phrase (ranker->weights[i], count);
    }
  return rank;
}
