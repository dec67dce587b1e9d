/* lg-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-search"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-scorer.h"
#include "lg-search-query.h"
#include "lg-search-rank.h"
#include "lg-search.h"
#include "lg-store-search.h"

G_DEFINE_QUARK (lg-search-error-quark, lg_search_error)

/* bm25 scores every message that matches before LIMIT applies: a word in one
 * message of twenty already costs tens of milliseconds at a million messages,
 * and says little about who wants what the user sells. */
#define DEFAULT_COMMON_SHARE 0.05
#define DEFAULT_COMMON_FLOOR 5000
#define DEFAULT_POOL 300
#define DEFAULT_WIDEN 4
#define DEFAULT_BUYER_POOL 500
#define DEFAULT_BATCH 50

void
lg_search_options_init (LgSearchOptions *options)
{
  g_return_if_fail (options != NULL);

  options->common_share = DEFAULT_COMMON_SHARE;
  options->common_floor = DEFAULT_COMMON_FLOOR;
  options->pool = DEFAULT_POOL;
  options->widen = DEFAULT_WIDEN;
  options->buyer_pool = DEFAULT_BUYER_POOL;
  options->batch = DEFAULT_BATCH;
}

void
lg_search_stats_clear (LgSearchStats *stats)
{
  g_clear_pointer (&stats->query, g_free);
  g_clear_pointer (&stats->dropped, g_strfreev);
  stats->candidates = 0;
  stats->buyer_candidates = 0;
}

/* Document frequencies, per database file, read from fts5vocab once and kept
 * until the messages change (their highest id moves). */
typedef struct
{
  gint64      stamp;
  gint64      n_messages;
  GHashTable *frequency;  /* "token" or "token*" -> gint64 */
} TermCache;

static GMutex term_cache_lock;
static GHashTable *term_caches; /* path -> TermCache */

static void
term_cache_free (gpointer data)
{
  TermCache *cache = data;

  g_hash_table_unref (cache->frequency);
  g_free (cache);
}

typedef struct
{
  LgStore   *store;
  TermCache *cache;
  gboolean   vocab_ready;
} FrequencyLookup;

/* Called with term_cache_lock held. */
static gint64
lookup_frequency (const char *token,
                  gboolean    prefix,
                  gpointer    user_data)
{
  FrequencyLookup *lookup = user_data;
  g_autofree char *key = g_strconcat (token, prefix ? "*" : "", NULL);
  g_autofree char *folded = g_utf8_casefold (token, -1);
  gpointer cached;
  gint64 docs;

  if (g_hash_table_lookup_extended (lookup->cache->frequency, key, NULL, &cached))
    return *(gint64 *) cached;

  if (!lookup->vocab_ready)
    {
      lookup->vocab_ready = lg_store_open_term_counts (lookup->store);
      if (!lookup->vocab_ready)
        return -1;
    }

  docs = lg_store_count_term_messages (lookup->store, folded, prefix);
  if (docs >= 0)
    {
      gint64 *value = g_new (gint64, 1);

      *value = docs;
      g_hash_table_insert (lookup->cache->frequency, g_steal_pointer (&key), value);
    }
  return docs;
}

/* The FTS5 expression for the offer, with the words too common to search
 * left out, and the weights lg_rank() ranks its matches with. */
static char *
build_query (LgStore                *store,
             const LgOffer          *offer,
             const LgSearchOptions  *options,
             GBytes                **weights,
             LgSearchStats          *stats,
             GError                **error)
{
  g_autoptr(GArray) frequencies = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) dropped = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GMutexLocker) locker = NULL;
  FrequencyLookup lookup = { store, NULL, FALSE };
  TermCache *cache;
  gint64 stamp, max_docs;
  char *query;

  if (!lg_store_get_messages_stamp (store, &stamp, error))
    return NULL;
  if (stamp == 0)
    {
      g_set_error_literal (error, LG_SEARCH_ERROR, LG_SEARCH_ERROR_NO_MESSAGES,
                           _("There are no messages to search yet. Add a channel or import a "
                             "Telegram export in Sources, or open the sample workspace."));
      return NULL;
    }

  locker = g_mutex_locker_new (&term_cache_lock);
  if (term_caches == NULL)
    term_caches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, term_cache_free);
  cache = g_hash_table_lookup (term_caches, lg_store_get_path (store));
  if (cache == NULL || cache->stamp != stamp)
    {
      cache = g_new0 (TermCache, 1);
      cache->stamp = stamp;
      cache->frequency = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_replace (term_caches, g_strdup (lg_store_get_path (store)), cache);
      if (!lg_store_count_messages (store, &cache->n_messages, error))
        return NULL;
    }
  lookup.cache = cache;

  max_docs = MAX ((gint64) (cache->n_messages * options->common_share), options->common_floor);
  query = lg_search_query_build (offer, max_docs, lookup_frequency, &lookup, dropped,
                                 frequencies, error);
  if (query == NULL)
    return NULL;
  *weights = lg_search_rank_weights (frequencies, cache->n_messages);

  if (stats != NULL)
    {
      g_ptr_array_add (dropped, NULL);
      g_strfreev (stats->dropped);
      stats->dropped = (GStrv) g_ptr_array_steal (dropped, NULL);
      g_free (stats->query);
      stats->query = g_strdup (query);
    }
  return query;
}

typedef struct
{
  char    *label;
  char    *kind;
  char    *handle;
} SourceInfo;

static void
source_info_free (gpointer data)
{
  SourceInfo *info = data;

  g_free (info->label);
  g_free (info->kind);
  g_free (info->handle);
  g_free (info);
}

static void
add_source_info (gint64      id,
                 const char *kind,
                 const char *handle,
                 const char *title,
                 gpointer    user_data)
{
  GHashTable *sources = user_data;
  SourceInfo *info = g_new0 (SourceInfo, 1);

  info->kind = g_strdup (kind);
  info->handle = g_strdup (handle);
  if (g_strcmp0 (info->kind, "telegram_channel") == 0)
    info->label = g_strdup_printf ("@%s", info->handle);
  else
    info->label = g_strdup (title != NULL && *title != '\0' ? title : info->handle);
  g_hash_table_insert (sources, g_memdup2 (&id, sizeof id), info);
}

/* Source id -> how a result names it: "@handle" for a channel, the chat's
 * title for an export. */
static GHashTable *
read_sources (LgStore  *store,
              GError  **error)
{
  g_autoptr(GHashTable) sources = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         source_info_free);

  if (!lg_store_read_source_names (store, add_source_info, sources, error))
    return NULL;
  return g_steal_pointer (&sources);
}

/* The sources the spec keeps to: its own and those of its kinds. A kind
 * with no source yet must still filter, so an empty list that would mean
 * "every source" becomes one that no source matches. */
static GArray *
filter_sources (LgSearchSpec *spec,
                GHashTable   *sources)
{
  const char * const *kinds = lg_search_spec_get_source_kinds (spec);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const gint64 *chosen;
  guint n_chosen;
  GHashTableIter iter;
  gpointer key, value;

  chosen = lg_search_spec_get_source_ids (spec, &n_chosen);
  g_array_append_vals (ids, chosen, n_chosen);
  if (kinds[0] == NULL)
    return ids;

  g_hash_table_iter_init (&iter, sources);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strv_contains (kinds, ((SourceInfo *) value)->kind))
      g_array_append_val (ids, *(gint64 *) key);
  if (ids->len == 0)
    {
      gint64 none = -1;

      g_array_append_val (ids, none);
    }
  return ids;
}

/* Which messages and which handles already became leads. */
typedef struct
{
  GHashTable *by_message;  /* message id -> lead id */
  GHashTable *by_handle;   /* folded handle -> lead id */
} LeadIndex;

static void
lead_index_clear (LeadIndex *index)
{
  g_clear_pointer (&index->by_message, g_hash_table_unref);
  g_clear_pointer (&index->by_handle, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LeadIndex, lead_index_clear)

static void
add_lead_origin (gint64      lead,
                 gint64      message,
                 const char *handle,
                 gpointer    user_data)
{
  LeadIndex *index = user_data;

  if (message > 0)
    g_hash_table_insert (index->by_message, g_memdup2 (&message, sizeof message),
                         g_memdup2 (&lead, sizeof lead));
  if (handle != NULL)
    g_hash_table_insert (index->by_handle, g_strdup (handle), g_memdup2 (&lead, sizeof lead));
}

static gboolean
read_leads (LgStore    *store,
            LeadIndex  *index,
            GError    **error)
{
  index->by_message = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  index->by_handle = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return lg_store_read_lead_origins (store, add_lead_origin, index, error);
}

static gint64
find_lead (LeadIndex  *index,
           gint64      message_id,
           const char *handle)
{
  gint64 *lead = g_hash_table_lookup (index->by_message, &message_id);
  g_autofree char *folded = NULL;

  if (lead == NULL && handle != NULL && *handle != '\0')
    {
      folded = g_ascii_strdown (handle, -1);
      lead = g_hash_table_lookup (index->by_handle, folded);
    }
  return lead != NULL ? *lead : 0;
}

/* The best message of one author so far. */
typedef struct
{
  LgSearchResult *result;
  guint           count;
  gboolean        reported;  /* the current result was sent in a batch */
} Author;

static void
author_free (gpointer data)
{
  Author *author = data;

  g_clear_object (&author->result);
  g_free (author);
}

static char *
author_key (const LgStoreCandidate *candidate)
{
  const char *name = candidate->author_name;
  const char *handle = candidate->author_handle;
  const char *id = candidate->author_id;

  if (id != NULL && *id != '\0')
    return g_strconcat ("id:", id, NULL);
  if (handle != NULL && *handle != '\0')
    return g_strconcat ("@", handle, NULL);
  /* A name alone only tells people apart within one group. */
  if (name != NULL && *name != '\0')
    return g_strdup_printf ("%" G_GINT64_FORMAT ":%s", candidate->source_id, name);
  return g_strdup_printf ("message:%" G_GINT64_FORMAT, candidate->message_id);
}

static void
report_batch (GHashTable        *authors,
              LgSearchBatchFunc  batch_func,
              gpointer           batch_data)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  Author *author;

  g_hash_table_iter_init (&iter, authors);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &author))
    {
      LgSearchResult *copy;

      if (author->reported)
        continue;
      /* A copy: the search goes on changing the other count of its own. */
      copy = lg_search_result_copy (author->result);
      lg_search_result_set_other_count (copy, author->count - 1);
      g_ptr_array_add (batch, copy);
      author->reported = TRUE;
    }
  if (batch->len > 0)
    batch_func (batch, batch_data);
}

/* What the user did with this message in this saved search before. */
static LgMatchStatus
read_match (LgStore      *store,
            LgSearchSpec *spec,
            gint64        message_id,
            int          *feedback,
            gint64       *first_seen)
{
  g_autofree char *status = NULL;

  *feedback = 0;
  *first_seen = 0;
  if (lg_search_spec_get_id (spec) <= 0 ||
      !lg_store_get_match (store, lg_search_spec_get_id (spec), message_id, &status, feedback,
                           first_seen))
    return LG_MATCH_NEW;
  return lg_match_status_from_string (status);
}

/* The matches a saved search showed, and when it ran. */
static gboolean
record_run (LgStore       *store,
            LgSearchSpec  *spec,
            GPtrArray     *results,
            gint64         now,
            GError       **error)
{
  g_autoptr(GPtrArray) breakdowns = g_ptr_array_new_with_free_func (g_free);
  g_autofree LgStoreMatchRecord *records = g_new0 (LgStoreMatchRecord, MAX (results->len, 1));

  for (guint i = 0; i < results->len; i++)
    {
      LgSearchResult *result = g_ptr_array_index (results, i);
      char *breakdown = lg_search_result_dup_breakdown_json (result);

      g_ptr_array_add (breakdowns, breakdown);
      records[i].message_id = lg_search_result_get_message_id (result);
      records[i].score = lg_search_result_get_score (result);
      records[i].breakdown = breakdown;
      records[i].reason = lg_search_result_get_reason (result);
    }
  return lg_store_record_search_run (store, lg_search_spec_get_id (spec), records, results->len,
                                     now, error);
}

/* One scorer per thread, kept: what it learnt about each word makes the next
 * search's scoring several times faster. */
static LgScorer *
thread_scorer (void)
{
  static GPrivate scorers = G_PRIVATE_INIT ((GDestroyNotify) lg_scorer_free);
  LgScorer *scorer = g_private_get (&scorers);

  if (scorer == NULL)
    {
      scorer = lg_scorer_new ();
      g_private_set (&scorers, scorer);
    }
  return scorer;
}

static LgOffer *
offer_for_spec (LgSearchSpec  *spec,
                GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  LgOffer *offer = lg_search_spec_new_offer (spec, &local_error);

  if (offer != NULL)
    return offer;
  if (g_error_matches (local_error, LG_SCORING_ERROR, LG_SCORING_ERROR_EMPTY_OFFER))
    g_set_error_literal (error, LG_SEARCH_ERROR, LG_SEARCH_ERROR_EMPTY_OFFER,
                         _("Describe what you sell in a few words, for example “CRM for dental "
                           "clinics”, and search again."));
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

static LgFeedback *
feedback_for_spec (LgSearchSpec  *spec,
                   GError       **error)
{
  const char *text = lg_search_spec_get_feedback (spec);
  g_autoptr(GError) local_error = NULL;
  LgFeedback *feedback;

  if (text == NULL || *text == '\0')
    return lg_feedback_new ();
  feedback = lg_feedback_new_from_string (text, &local_error);
  if (feedback == NULL)
    g_set_error (error, LG_SEARCH_ERROR, LG_SEARCH_ERROR_FEEDBACK,
                 _("The thumbs up and down of this search cannot be read (%s). Save it as a new "
                   "search to start over."), local_error->message);
  return feedback;
}

/* What one run reads candidates with. */
typedef struct
{
  LgStore           *store;
  LgSearchSpec      *spec;
  LgOffer           *offer;
  LgFeedback        *feedback;
  LgScorer          *scorer;
  LgScoreResult     *score;
  GHashTable        *sources;
  LeadIndex         *leads;
  GHashTable        *authors;
  GHashTable        *seen;  /* message ids read, for the buyer pool to skip */
  const LgSearchOptions *options;
  GCancellable      *cancellable;
  LgSearchBatchFunc  batch_func;
  gpointer           batch_data;
  gint64             now;
  gint64             last_run;
  int                min_score;
  guint              n_rows;
  guint              n_read;  /* by the current reading */
} Run;

/* Scores one candidate and keeps it as its author's best. */
static void
consider (Run                    *run,
          const LgStoreCandidate *candidate)
{
  gint64 message_id = candidate->message_id;
  gint64 source_id = candidate->source_id;
  gint64 sent_at = candidate->sent_at;
  const char *text = candidate->text;
  SourceInfo *source = g_hash_table_lookup (run->sources, &source_id);
  g_autofree char *key = NULL;
  g_autofree char *link = NULL;
  LgSearchResultInit init = { 0 };
  LgSearchResult *result;
  LgMatchStatus status;
  Author *author;
  int vote, value;
  gint64 first_seen, lead_id;

  status = read_match (run->store, run->spec, message_id, &vote, &first_seen);
  if (status == LG_MATCH_DISMISSED || text == NULL)
    return;
  if (!lg_scorer_score (run->scorer, run->offer, run->feedback, text, -1, sent_at, run->now,
                        run->score, NULL) ||
      lg_score_result_is_excluded (run->score))
    return;
  value = lg_score_result_get_score (run->score);
  if (value < run->min_score || value == 0)
    return;

  key = author_key (candidate);
  author = g_hash_table_lookup (run->authors, key);
  if (author == NULL)
    {
      author = g_new0 (Author, 1);
      g_hash_table_insert (run->authors, g_strdup (key), author);
    }
  author->count++;
  if (author->result != NULL && lg_search_result_get_score (author->result) >= value)
    return;

  link = g_strdup (candidate->permalink);
  if (link == NULL && source != NULL && g_strcmp0 (source->kind, "telegram_channel") == 0)
    link = g_strdup_printf ("https://t.me/%s/%s", source->handle, candidate->external_id);
  init.message_id = message_id;
  init.source_id = source_id;
  init.sent_at = sent_at;
  init.source_label = source != NULL ? source->label : NULL;
  init.author_name = candidate->author_name;
  init.author_handle = candidate->author_handle;
  init.author_key = key;
  init.text = text;
  init.link = link;
  result = lg_search_result_new (&init, run->score);
  lead_id = find_lead (run->leads, message_id, init.author_handle);
  lg_search_result_set_lead_id (result, lead_id);
  lg_search_result_set_status (result, lead_id > 0 ? LG_MATCH_ACCEPTED : status);
  lg_search_result_set_feedback (result, vote);
  /* A first run shows everything; "new" means new since the one before. */
  lg_search_result_set_is_new (result, run->last_run > 0 &&
                                       (first_seen == 0 || first_seen > run->last_run));
  g_clear_object (&author->result);
  author->result = result;
  author->reported = FALSE;
}

/* Reads one candidate unless read before, counting it in n_read; stops the
 * reading when cancelled. */
static gboolean
read_candidate (const LgStoreCandidate *candidate,
                gpointer                user_data)
{
  Run *run = user_data;

  if (!g_hash_table_add (run->seen, g_memdup2 (&candidate->message_id, sizeof (gint64))))
    return TRUE;
  run->n_read++;
  if (++run->n_rows % run->options->batch == 0)
    {
      if (g_cancellable_is_cancelled (run->cancellable))
        return FALSE;
      if (run->batch_func != NULL)
        report_batch (run->authors, run->batch_func, run->batch_data);
    }
  consider (run, candidate);
  return TRUE;
}

GPtrArray *
lg_search_run (LgStore                *store,
               LgSearchSpec           *spec,
               const LgSearchOptions  *options,
               gint64                  now,
               GCancellable           *cancellable,
               LgSearchBatchFunc       batch_func,
               gpointer                batch_data,
               LgSearchStats          *stats,
               GError                **error)
{
  g_autoptr(LgOffer) offer = NULL;
  g_autoptr(LgFeedback) feedback = NULL;
  g_autoptr(LgScoreResult) score = NULL;
  g_autoptr(GHashTable) sources = NULL;
  g_autoptr(GHashTable) authors = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *query = NULL;
  g_autoptr(GBytes) weights = NULL;
  g_autoptr(GArray) source_ids = NULL;
  g_auto(LeadIndex) leads = { NULL, NULL };
  LgSearchOptions defaults;
  LgStoreCandidateQuery candidates;
  GHashTableIter iter;
  Author *author;
  guint n_buyers = 0;
  Run run;

  g_return_val_if_fail (LG_IS_STORE (store), NULL);
  g_return_val_if_fail (LG_IS_SEARCH_SPEC (spec), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      lg_search_options_init (&defaults);
      options = &defaults;
    }

  offer = offer_for_spec (spec, error);
  if (offer == NULL || (feedback = feedback_for_spec (spec, error)) == NULL)
    return NULL;
  if (!lg_store_enable_ranking (store, error))
    return NULL;
  query = build_query (store, offer, options, &weights, stats, error);
  if (query == NULL)
    return NULL;
  /* Messages kept before the buyer reading existed, or read by another model,
   * are read now, once. */
  if (!lg_store_read_directions (store, cancellable, NULL, NULL, error))
    return NULL;

  sources = read_sources (store, error);
  if (sources == NULL || !read_leads (store, &leads, error))
    return NULL;

  score = lg_score_result_new ();
  authors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, author_free);
  seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  run = (Run) {
    store, spec, offer, feedback, thread_scorer (), score, sources, &leads, authors, seen,
    options, cancellable, batch_func, batch_data, now, lg_search_spec_get_last_run (spec),
    lg_search_spec_get_min_score (spec), 0, 0,
  };

  candidates.query = query;
  candidates.weights = weights;
  candidates.since = lg_search_spec_get_since (spec);
  candidates.until = lg_search_spec_get_until (spec);
  source_ids = filter_sources (spec, sources);
  candidates.source_ids = (const gint64 *) (gpointer) source_ids->data;
  candidates.n_sources = source_ids->len;
  candidates.pool = options->pool;
  candidates.widen = options->widen;
  candidates.buyer_pool = options->buyer_pool;

  lg_store_read_candidates (store, &candidates, read_candidate, &run, &local_error);
  if (local_error == NULL && options->buyer_pool > 0 &&
      !g_cancellable_is_cancelled (cancellable))
    {
      run.n_read = 0;
      lg_store_read_buyer_candidates (store, &candidates, read_candidate, &run, &local_error);
      n_buyers = run.n_read;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (batch_func != NULL)
    report_batch (authors, batch_func, batch_data);

  results = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_iter_init (&iter, authors);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &author))
    {
      lg_search_result_set_other_count (author->result, author->count - 1);
      g_ptr_array_add (results, g_steal_pointer (&author->result));
    }
  g_ptr_array_sort (results, lg_search_result_compare);
  lg_search_result_mark_feedback_moves (results);
  if (results->len > lg_search_spec_get_limit (spec))
    g_ptr_array_set_size (results, lg_search_spec_get_limit (spec));
  if (stats != NULL)
    {
      stats->candidates = run.n_rows;
      stats->buyer_candidates = n_buyers;
    }

  /* A database that may only be read shows what it finds and keeps nothing. */
  if (lg_search_spec_get_id (spec) > 0 && !lg_store_is_read_only (store) &&
      !record_run (store, spec, results, now, error))
    return NULL;

  return g_steal_pointer (&results);
}

/* Running on a worker thread */

typedef struct
{
  LgSearchSpec      *spec;
  gint64             now;
  LgSearchBatchFunc  batch_func;
  gpointer           batch_data;
  GMainContext      *context;
  GCancellable      *cancellable;
  GPtrArray         *results;  /* what the worker found */
} RunData;

static void
run_data_free (gpointer data)
{
  RunData *run = data;

  g_clear_object (&run->spec);
  g_main_context_unref (run->context);
  g_clear_object (&run->cancellable);
  g_clear_pointer (&run->results, g_ptr_array_unref);
  g_free (run);
}

typedef struct
{
  GPtrArray         *results;
  LgSearchBatchFunc  batch_func;
  gpointer           batch_data;
  GCancellable      *cancellable;
} BatchData;

static void
batch_data_free (gpointer data)
{
  BatchData *batch = data;

  g_ptr_array_unref (batch->results);
  g_clear_object (&batch->cancellable);
  g_free (batch);
}

static gboolean
deliver_batch_cb (gpointer data)
{
  BatchData *batch = data;

  /* A cancelled search reports nothing more. */
  if (!g_cancellable_is_cancelled (batch->cancellable))
    batch->batch_func (batch->results, batch->batch_data);
  return G_SOURCE_REMOVE;
}

static void
forward_batch (GPtrArray *results,
               gpointer   user_data)
{
  RunData *run = user_data;
  BatchData *batch = g_new0 (BatchData, 1);

  batch->results = g_ptr_array_ref (results);
  batch->batch_func = run->batch_func;
  batch->batch_data = run->batch_data;
  batch->cancellable = run->cancellable != NULL ? g_object_ref (run->cancellable) : NULL;
  g_main_context_invoke_full (run->context, G_PRIORITY_DEFAULT, deliver_batch_cb, batch,
                              batch_data_free);
}

static gboolean
run_work (LgStore       *store,
          gpointer       source_object,
          gpointer       task_data,
          GCancellable  *cancellable,
          GError       **error)
{
  RunData *run = task_data;

  run->results = lg_search_run (store, run->spec, NULL, run->now, cancellable,
                                run->batch_func != NULL ? forward_batch : NULL, run, NULL,
                                error);
  return run->results != NULL;
}

void
lg_search_run_async (LgStore             *store,
                     LgSearchSpec        *spec,
                     GCancellable        *cancellable,
                     LgSearchBatchFunc    batch_func,
                     gpointer             batch_data,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *run;

  g_return_if_fail (LG_IS_STORE (store));
  g_return_if_fail (LG_IS_SEARCH_SPEC (spec));

  run = g_new0 (RunData, 1);
  /* The worker's own copy: the caller may go on editing theirs. */
  run->spec = lg_search_spec_copy (spec);
  run->now = g_get_real_time () / G_USEC_PER_SEC;
  run->batch_func = batch_func;
  run->batch_data = batch_data;
  run->context = g_main_context_ref_thread_default ();
  run->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, lg_search_run_async);
  g_task_set_task_data (task, run, run_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_object_set_data_full (G_OBJECT (task), "spec", g_object_ref (spec), g_object_unref);
  lg_store_run_in_thread (task, lg_store_get_path (store), run_work);
}

GPtrArray *
lg_search_run_finish (LgStore       *store,
                      GAsyncResult  *result,
                      GError       **error)
{
  GTask *task = G_TASK (result);
  RunData *run;
  GPtrArray *results;

  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  if (!g_task_propagate_boolean (task, error))
    return NULL;

  run = g_task_get_task_data (task);
  results = g_steal_pointer (&run->results);
  if (lg_search_spec_get_id (run->spec) > 0)
    {
      lg_search_spec_set_last_run (g_object_get_data (G_OBJECT (task), "spec"), run->now);
      lg_store_notify_changed (store, LG_STORE_CHANGED_MATCHES);
    }
  return results;
}
