/* lg-store-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Find Leads' queries. The candidate queries are tuned by hand against the
 * search benchmark (tests/bench/bench-search.c, a million messages): measure
 * before and after changing a byte of them.
 */

#define G_LOG_DOMAIN "lg-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lg-pg-stmt.h"
#include "lg-store-private.h"
#include "lg-store-search.h"
#include "lg-store-terms.h"

static void
rank_function (const Fts5ExtensionApi  *api,
               Fts5Context             *fts,
               sqlite3_context         *context,
               int                      n_values,
               sqlite3_value          **values)
{
  const guint8 *blob = NULL;
  int n_weights = 0;
  int n_phrases = api->xPhraseCount (fts);
  double rank = 0;

  if (n_values > 0 && sqlite3_value_type (values[0]) == SQLITE_BLOB)
    {
      blob = sqlite3_value_blob (values[0]);
      n_weights = sqlite3_value_bytes (values[0]) / (int) sizeof (double);
    }

  /* Phrases past the weights are the must-have and exclude words: every
   * candidate has or lacks them alike. */
  for (int i = 0; i < MIN (n_phrases, n_weights); i++)
    {
      Fts5PhraseIter iter;
      int column, offset, count = 0;
      double weight;

      for (api->xPhraseFirst (fts, i, &iter, &column, &offset); column >= 0;
           api->xPhraseNext (fts, &iter, &column, &offset))
        count++;
      if (count == 0)
        continue;
      memcpy (&weight, blob + i * sizeof (double), sizeof (double));
      rank += lg_store_rank_phrase (weight, count);
    }
  sqlite3_result_double (context, rank);
}

gboolean
lg_store_enable_ranking (LgStore  *self,
                         GError  **error)
{
  fts5_api *api;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  /* A team workspace ranks in C (read_candidates_remote()). */
  if (lg_store_is_remote (self) ||
      g_object_get_data (G_OBJECT (self), "lg-search-rank") != NULL)
    return TRUE;

  api = lg_store_get_fts5_api (lg_store_get_db (self));
  if (api == NULL ||
      api->xCreateFunction (api, "lg_rank", NULL, rank_function, NULL) != SQLITE_OK)
    {
      lg_store_set_error (self, error, _("Could not prepare the search"));
      return FALSE;
    }
  g_object_set_data (G_OBJECT (self), "lg-search-rank", GINT_TO_POINTER (TRUE));
  return TRUE;
}

static gboolean
query_int64 (LgStore     *store,
             const char  *sql,
             gint64      *out,
             GError     **error)
{
  LgStmt *stmt = lg_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (lg_stmt_step (stmt) != SQLITE_ROW)
    {
      lg_store_set_error (store, error, _("Could not read the messages"));
      lg_stmt_reset (stmt);
      return FALSE;
    }
  *out = lg_stmt_column_int64 (stmt, 0);
  lg_stmt_reset (stmt);
  return TRUE;
}

gboolean
lg_store_get_messages_stamp (LgStore  *self,
                             gint64   *stamp,
                             GError  **error)
{
  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (stamp != NULL, FALSE);

  return query_int64 (self, "SELECT coalesce (max (id), 0) FROM messages", stamp, error);
}

gboolean
lg_store_count_messages (LgStore  *self,
                         gint64   *n_messages,
                         GError  **error)
{
  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (n_messages != NULL, FALSE);

  return query_int64 (self, "SELECT count(*) FROM messages", n_messages, error);
}

gboolean
lg_store_open_term_counts (LgStore *self)
{
  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  /* A team workspace keeps its counts in a table (terms_vocab). */
  if (lg_store_is_remote (self))
    return TRUE;
  return lg_store_exec (self,
                        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.lg_vocab "
                        "USING fts5vocab (main, messages_fts, row)", NULL);
}

gint64
lg_store_count_term_messages (LgStore    *self,
                              const char *folded,
                              gboolean    prefix)
{
  g_autofree char *upper = NULL;
  LgStmt *stmt;
  gint64 docs = -1;

  g_return_val_if_fail (LG_IS_STORE (self), -1);
  g_return_val_if_fail (folded != NULL, -1);

  /* A prefix covers every term from the token up to the token followed by
   * the highest code point. A team workspace keeps its own count
   * (terms_vocab, lg-store-pg-schema.c). */
  upper = g_strconcat (folded, prefix ? "\xf4\x8f\xbf\xbf" : "", NULL);
  stmt = lg_store_prepare (self, lg_store_is_remote (self)
                                 ? "SELECT coalesce (sum (docs), 0) FROM terms_vocab "
                                   "WHERE term >= ?1 AND term <= ?2"
                                 : "SELECT coalesce (sum (doc), 0) FROM temp.lg_vocab "
                                   "WHERE term >= ?1 AND term <= ?2", NULL);
  if (stmt == NULL)
    return -1;
  lg_stmt_bind_string (stmt, 1, folded, -1, SQLITE_STATIC);
  lg_stmt_bind_string (stmt, 2, upper, -1, SQLITE_STATIC);
  if (lg_stmt_step (stmt) == SQLITE_ROW)
    docs = lg_stmt_column_int64 (stmt, 0);
  lg_stmt_reset (stmt);
  return docs;
}

gboolean
lg_store_read_source_names (LgStore                *self,
                            LgStoreSourceNameFunc   func,
                            gpointer                user_data,
                            GError                **error)
{
  LgStmt *stmt;
  int rc;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  stmt = lg_store_prepare (self, "SELECT id, kind, handle, title FROM sources", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = lg_stmt_step (stmt)) == SQLITE_ROW)
    func (lg_stmt_column_int64 (stmt, 0), lg_stmt_text (stmt, 1), lg_stmt_text (stmt, 2),
          lg_stmt_text (stmt, 3), user_data);
  return lg_store_finish_rows (self, stmt, rc, _("Could not read the sources"), error);
}

gboolean
lg_store_read_lead_origins (LgStore                *self,
                            LgStoreLeadOriginFunc   func,
                            gpointer                user_data,
                            GError                **error)
{
  LgStmt *stmt;
  int rc;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  stmt = lg_store_prepare (self,
                           "SELECT id, coalesce (message_id, 0), "
                           "lower (telegram_handle) FROM leads "
                           "WHERE message_id IS NOT NULL "
                           "OR telegram_handle IS NOT NULL", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = lg_stmt_step (stmt)) == SQLITE_ROW)
    func (lg_stmt_column_int64 (stmt, 0), lg_stmt_column_int64 (stmt, 1),
          lg_stmt_text (stmt, 2), user_data);
  return lg_store_finish_rows (self, stmt, rc, _("Could not read the leads"), error);
}

#define CANDIDATE_COLUMNS \
  "m.id, m.source_id, m.author_name, m.author_handle, m.author_id, m.sent_at, m.text, " \
  "m.permalink, m.external_id"

/* A lexical rank favours the messages that repeat the offer's words, which
 * sellers' adverts do: among the best matches, the ones whose authors the model
 * reads as buyers go first. A message not read yet counts as undecided. */
#define BUYER_RANK "(0.25 + coalesce (m.buyer, 0.5))"

/* The sources and dates of @query as parameters ?4, ?5 and ?6 of @stmt. */
static void
bind_filters (LgStmt                *stmt,
              const LgStoreCandidateQuery *query)
{
  g_autoptr(GString) list = g_string_new (",");

  for (guint i = 0; i < query->n_sources; i++)
    g_string_append_printf (list, "%" G_GINT64_FORMAT ",", query->source_ids[i]);
  lg_stmt_bind_int64 (stmt, 4, query->since);
  lg_stmt_bind_int64 (stmt, 5, query->until);
  if (query->n_sources > 0)
    lg_stmt_bind_string (stmt, 6, list->str, -1, SQLITE_TRANSIENT);
}

#define FILTERS \
  "m.sent_at >= ?4 AND (?5 = 0 OR m.sent_at < ?5) " \
  "AND (?6 IS NULL OR instr (?6, ',' || m.source_id || ',') > 0) "

/* Steps stmt, a query of CANDIDATE_COLUMNS, through func. */
static gboolean
read_candidate_rows (LgStore               *store,
                     LgStmt          *stmt,
                     LgStoreCandidateFunc   func,
                     gpointer               user_data,
                     GError               **error)
{
  int rc;

  while ((rc = lg_stmt_step (stmt)) == SQLITE_ROW)
    {
      LgStoreCandidate candidate;

      candidate.message_id = lg_stmt_column_int64 (stmt, 0);
      candidate.source_id = lg_stmt_column_int64 (stmt, 1);
      candidate.author_name = lg_stmt_text (stmt, 2);
      candidate.author_handle = lg_stmt_text (stmt, 3);
      candidate.author_id = lg_stmt_text (stmt, 4);
      candidate.sent_at = lg_stmt_column_int64 (stmt, 5);
      candidate.text = lg_stmt_text (stmt, 6);
      candidate.permalink = lg_stmt_text (stmt, 7);
      candidate.external_id = lg_stmt_text (stmt, 8);
      if (!func (&candidate, user_data))
        break;
    }
  lg_stmt_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      lg_store_set_error (store, error, _("Could not search the messages"));
      return FALSE;
    }
  return TRUE;
}

/* A match of a team workspace's index, ranked. */
typedef struct
{
  gint64 id;
  double rank;
  double buyer;  /* BUYER_RANK */
  double key;    /* what it is ordered by */
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *x = a, *y = b;

  if (x->key != y->key)
    return x->key < y->key ? 1 : -1;
  return x->id < y->id ? 1 : x->id > y->id ? -1 : 0;
}

/* The best n of matches by key, the newer first among equals. */
static void
keep_best (GArray *matches,
           guint   n)
{
  g_array_sort (matches, compare_ranked);
  if (matches->len > n)
    g_array_set_size (matches, n);
}

/* The same queries on a team workspace: its GIN index finds the matches of
 * the tsquery the FTS5 expression becomes; they are ranked here from their
 * terms as lg_rank() ranks them in FTS5, and kept in the same order (without
 * filters the pool × widen best by rank, then by rank and buyer reading);
 * then the pool best are read. A broad word matches a tenth of a million
 * messages: their terms come in PostgreSQL's binary format, which the server
 * writes in 0.6 µs a message and the ranker reads in 1.2 µs, where a
 * tsvector's text took 1.5 µs and 4 µs. */
static gboolean
read_candidates_remote (LgStore                      *self,
                        const LgStoreCandidateQuery  *query,
                        LgStoreCandidateFunc          func,
                        gpointer                      user_data,
                        GError                      **error)
{
  g_autoptr(GPtrArray) phrases = NULL;
  g_autofree char *tsquery = lg_store_terms_query (query->query, &phrases, error);
  g_autoptr(LgStoreTermsRanker) ranker = NULL;
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (Ranked));
  g_autoptr(GString) ids = g_string_new ("{");
  gboolean filtered = query->n_sources > 0 || query->since != 0 || query->until != 0;
  gsize size;
  const double *weights = g_bytes_get_data (query->weights, &size);
  LgStmt *stmt;
  int rc;

  if (tsquery == NULL)
    return FALSE;
  ranker = lg_store_terms_ranker_new (phrases, weights, size / sizeof (double));
  stmt = lg_store_prepare (self, filtered
                                 ? "SELECT m.id, m.terms, " BUYER_RANK " FROM messages m "
                                   "WHERE m.terms @@ ?1::tsquery AND " FILTERS
                                 : "SELECT m.id, m.terms, " BUYER_RANK " FROM messages m "
                                   "WHERE m.terms @@ ?1::tsquery",
                           error);
  if (stmt == NULL)
    return FALSE;
  lg_pg_stmt_set_binary_results (stmt->pg);
  if (filtered)
    bind_filters (stmt, query);
  lg_stmt_bind_string (stmt, 1, tsquery, -1, SQLITE_STATIC);
  while ((rc = lg_stmt_step (stmt)) == SQLITE_ROW)
    {
      Ranked match;
      const guint8 *terms;
      gsize terms_size;

      match.id = lg_stmt_column_int64 (stmt, 0);
      terms = lg_pg_stmt_column_blob (stmt->pg, 1, &terms_size);
      match.rank = lg_store_terms_ranker_rank (ranker, terms, terms_size);
      match.buyer = lg_stmt_column_double (stmt, 2);
      match.key = match.rank;
      g_array_append_val (matches, match);
    }
  if (!lg_store_finish_rows (self, stmt, rc, _("Could not search the messages"), error))
    return FALSE;

  if (!filtered)
    keep_best (matches, query->pool * MAX (query->widen, 1));
  for (guint i = 0; i < matches->len; i++)
    {
      Ranked *match = &g_array_index (matches, Ranked, i);

      match->key = match->rank * match->buyer;
    }
  keep_best (matches, query->pool);
  if (matches->len == 0)
    return TRUE;

  for (guint i = 0; i < matches->len; i++)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (matches, Ranked, i).id);
  g_string_append_c (ids, '}');
  stmt = lg_store_prepare (self, "SELECT " CANDIDATE_COLUMNS " FROM messages m "
                                 "WHERE m.id = ANY (?1::bigint[]) "
                                 "ORDER BY array_position (?1::bigint[], m.id)", error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_string (stmt, 1, ids->str, -1, SQLITE_STATIC);
  return read_candidate_rows (self, stmt, func, user_data, error);
}

/* Without filters the ranking runs on the index alone and only the best
 * matches are read from messages; with them, each match is checked against
 * its row. Among matches of equal rank the newer ones come first. */
gboolean
lg_store_read_candidates (LgStore                      *self,
                          const LgStoreCandidateQuery  *query,
                          LgStoreCandidateFunc          func,
                          gpointer                      user_data,
                          GError                      **error)
{
  LgStmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (query != NULL && query->query != NULL && query->weights != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (lg_store_is_remote (self))
    return read_candidates_remote (self, query, func, user_data, error);
  if (query->n_sources == 0 && query->since == 0 && query->until == 0)
    {
      stmt = lg_store_prepare (self,
                               "SELECT " CANDIDATE_COLUMNS " FROM "
                               "(SELECT rowid AS id, lg_rank (messages_fts, ?3) AS r "
                               " FROM messages_fts WHERE messages_fts MATCH ?1 "
                               " ORDER BY r DESC, rowid DESC LIMIT ?7) c "
                               "JOIN messages m ON m.id = c.id "
                               "ORDER BY c.r * " BUYER_RANK " DESC, c.id DESC LIMIT ?2",
                               error);
    }
  else
    {
      stmt = lg_store_prepare (self,
                               "SELECT " CANDIDATE_COLUMNS " FROM messages_fts f "
                               "JOIN messages m ON m.id = f.rowid "
                               "WHERE messages_fts MATCH ?1 AND " FILTERS
                               "ORDER BY lg_rank (messages_fts, ?3) * " BUYER_RANK " DESC, "
                               "m.id DESC LIMIT ?2",
                               error);
      if (stmt != NULL)
        bind_filters (stmt, query);
    }
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_string (stmt, 1, query->query, -1, SQLITE_TRANSIENT);
  lg_stmt_bind_int (stmt, 2, query->pool);
  /* lg_rank()'s weights as SQLite's lg_rank() reads them. */
  sqlite3_bind_blob (stmt->sqlite, 3, g_bytes_get_data (query->weights, NULL),
                     g_bytes_get_size (query->weights), SQLITE_TRANSIENT);
  lg_stmt_bind_int (stmt, 7, query->pool * MAX (query->widen, 1));
  return read_candidate_rows (self, stmt, func, user_data, error);
}

/* A buyer who names what they want in words the offer does not use is still
 * read by the scorer, which finds the offer in the text or scores it 0. */
gboolean
lg_store_read_buyer_candidates (LgStore                      *self,
                                const LgStoreCandidateQuery  *query,
                                LgStoreCandidateFunc          func,
                                gpointer                      user_data,
                                GError                      **error)
{
  LgStmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (query != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  stmt = lg_store_prepare (self,
                           "SELECT " CANDIDATE_COLUMNS " FROM messages m "
                           "WHERE m.buyer >= 0.5 AND " FILTERS
                           "ORDER BY m.buyer DESC, m.id DESC LIMIT ?2",
                           error);
  if (stmt == NULL)
    return FALSE;
  bind_filters (stmt, query);
  lg_stmt_bind_int (stmt, 2, query->buyer_pool);
  return read_candidate_rows (self, stmt, func, user_data, error);
}

gboolean
lg_store_get_match (LgStore  *self,
                    gint64    search_id,
                    gint64    message_id,
                    char    **status,
                    int      *feedback,
                    gint64   *first_seen)
{
  LgStmt *stmt;
  gboolean found;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (status != NULL && feedback != NULL && first_seen != NULL, FALSE);

  stmt = lg_store_prepare (self,
                           "SELECT status, feedback, first_seen FROM matches "
                           "WHERE search_id = ? AND message_id = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_int64 (stmt, 1, search_id);
  lg_stmt_bind_int64 (stmt, 2, message_id);
  found = lg_stmt_step (stmt) == SQLITE_ROW;
  if (found)
    {
      *status = g_strdup (lg_stmt_text (stmt, 0));
      *feedback = lg_stmt_column_int (stmt, 1);
      *first_seen = lg_stmt_column_int64 (stmt, 2);
    }
  lg_stmt_reset (stmt);
  return found;
}

gboolean
lg_store_record_search_run (LgStore                   *self,
                            gint64                     search_id,
                            const LgStoreMatchRecord  *matches,
                            guint                      n_matches,
                            gint64                     now,
                            GError                   **error)
{
  LgStmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (matches != NULL || n_matches == 0, FALSE);

  if (!lg_store_begin (self, error))
    return FALSE;

  for (guint i = 0; i < n_matches; i++)
    {
      stmt = lg_store_prepare (self,
                               "INSERT INTO matches (search_id, message_id, score, breakdown, "
                               "reason, first_seen, last_seen) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) "
                               "ON CONFLICT (search_id, message_id) DO UPDATE SET "
                               "score = excluded.score, breakdown = excluded.breakdown, "
                               "reason = excluded.reason, last_seen = excluded.last_seen",
                               error);
      if (stmt == NULL)
        goto fail;
      lg_stmt_bind_int64 (stmt, 1, search_id);
      lg_stmt_bind_int64 (stmt, 2, matches[i].message_id);
      lg_stmt_bind_int (stmt, 3, matches[i].score);
      lg_stmt_bind_string (stmt, 4, matches[i].breakdown, -1, SQLITE_TRANSIENT);
      lg_stmt_bind_string (stmt, 5, matches[i].reason, -1, SQLITE_TRANSIENT);
      lg_stmt_bind_int64 (stmt, 6, now);
      if (lg_stmt_step (stmt) != SQLITE_DONE)
        {
          lg_store_set_error (self, error, _("Could not save the search’s results"));
          goto fail;
        }
    }

  stmt = lg_store_prepare (self, "UPDATE searches SET last_run = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;
  lg_stmt_bind_int64 (stmt, 1, now);
  lg_stmt_bind_int64 (stmt, 2, search_id);
  if (lg_stmt_step (stmt) != SQLITE_DONE)
    {
      lg_store_set_error (self, error, _("Could not save the search"));
      goto fail;
    }
  return lg_store_commit (self, error);

fail:
  lg_store_rollback (self);
  return FALSE;
}
