/* eval-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Find Leads end to end on labelled posts: loads the posts of a split
 * directory (see tests/scoring/eval-scoring.c) into a new database, one source
 * per community, and runs each offer through lg_search_run() as the app does,
 * twice: picking candidates by their words alone (the best bm25 matches), and
 * as the search does by default (words and the authors' stored buyer
 * probability, plus the likeliest buyers). Prints, per offer:
 *   - recall: the share of the offer's buyers that the search shows at all
 *     (they reached the scorer and scored above 0);
 *   - precision@10 of what the search shows first.
 *
 *   eval-search [--split eval|dev] [--targets] [--min-precision P] DIR
 *
 * With --targets it fails unless the default search's mean precision@10 is at
 * least P (0.80) and its recall is no lower than the words-only one's.
 */

#include "config.h"

#include <math.h>
#include <stdio.h>

#include "lg-corpus.h"
#include "lg-search.h"
#include "lg-test-util.h"

#define TOP_K 10
#define NOW   G_GINT64_CONSTANT (1767225600)  /* 2026-01-01 */

typedef struct
{
  guint hits_top;   /* hits among the first TOP_K */
  guint hits_shown; /* hits among everything shown */
} Outcome;

static void
die_on_error (GError *error)
{
  if (error != NULL)
    g_error ("%s", error->message);
}

/* Loads the posts; returns message id -> post index. */
static GHashTable *
load (LgStore *store,
      GArray  *posts)
{
  g_autoptr(GHashTable) sources = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         g_object_unref);
  g_autoptr(GError) error = NULL;
  GHashTable *ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  g_assert_true (lg_store_begin (store, &error));
  for (guint i = 0; i < posts->len; i++)
    {
      const LgCorpusPost *post = &g_array_index (posts, LgCorpusPost, i);
      LgSource *source = g_hash_table_lookup (sources, post->community);
      g_autoptr(LgMessage) message = lg_message_new ();
      g_autofree char *external = g_strdup_printf ("%u", i + 1);
      g_autofree char *author = g_strdup_printf ("Author %u", i + 1);
      gint64 id;

      if (source == NULL)
        {
          g_autofree char *handle = g_strdelimit (g_strdup (post->community), "-", '_');

          source = lg_test_add_source (store, handle);
          g_hash_table_insert (sources, post->community, source);
        }
      lg_message_set_source_id (message, lg_source_get_id (source));
      lg_message_set_external_id (message, external);
      lg_message_set_author_name (message, author);
      lg_message_set_author_id (message, external);
      lg_message_set_sent_at (message, NOW - 86400);
      lg_message_set_text (message, post->text);
      g_assert_true (lg_store_add_message (store, message, NULL, &error));
      die_on_error (error);
      id = lg_message_get_id (message);
      g_hash_table_insert (ids, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (i + 1));
    }
  g_assert_true (lg_store_commit (store, &error));
  return ids;
}

static Outcome
search (LgStore               *store,
        const LgCorpusOffer   *offer,
        GArray                *posts,
        GHashTable            *ids,
        const LgSearchOptions *options)
{
  g_autoptr(LgSearchSpec) spec = lg_search_spec_new (offer->text);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  Outcome outcome = { 0, 0 };

  lg_search_spec_set_limit (spec, posts->len);
  results = lg_search_run (store, spec, options, NOW, NULL, NULL, NULL, NULL, &error);
  die_on_error (error);
  for (guint r = 0; r < results->len; r++)
    {
      gint64 id = lg_search_result_get_message_id (g_ptr_array_index (results, r));
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (ids, &id));
      const LgCorpusPost *post = &g_array_index (posts, LgCorpusPost, index - 1);
      gboolean hit = post->buyer &&
        g_strv_contains ((const char * const *) offer->communities, post->community);

      outcome.hits_shown += hit;
      if (r < TOP_K)
        outcome.hits_top += hit;
    }
  return outcome;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GArray) posts = NULL;
  g_autoptr(GArray) offers = NULL;
  g_autoptr(GHashTable) ids = NULL;
  g_autoptr(LgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  LgSearchOptions words_only, defaults;
  const char *dir = NULL;
  const char *set = "eval";
  gboolean targets = FALSE, ok = TRUE;
  double min_precision = 0.80;
  guint top_words = 0, top_default = 0, shown_words = 0, shown_default = 0, wanted_all = 0;

  g_test_init (&argc, &argv, NULL);
  for (int a = 1; a < argc; a++)
    if (g_str_equal (argv[a], "--targets"))
      targets = TRUE;
    else if (g_str_equal (argv[a], "--split") && a + 1 < argc)
      set = argv[++a];
    else if (g_str_equal (argv[a], "--min-precision") && a + 1 < argc)
      min_precision = g_ascii_strtod (argv[++a], NULL);
    else
      dir = argv[a];
  if (dir == NULL)
    {
      g_printerr ("Usage: %s [--split eval|dev] [--targets] [--min-precision P] DIR\n", argv[0]);
      return 2;
    }

  posts = lg_corpus_read_posts (dir, set, &error);
  die_on_error (error);
  offers = lg_corpus_read_offers (dir, set, &error);
  die_on_error (error);
  store = lg_test_open_store ();
  ids = load (store, posts);

  lg_search_options_init (&defaults);
  lg_search_options_init (&words_only);
  words_only.widen = 1;
  words_only.buyer_pool = 0;

  printf ("Find Leads on %u posts, %s split (%s)\n\n", posts->len, set, dir);
  printf ("%-22s %6s %18s %18s\n", "", "", "recall", "P@10");
  printf ("%-22s %6s %9s %8s %9s %8s\n", "offer", "wanted", "words", "search", "words",
          "search");
  for (guint o = 0; o < offers->len; o++)
    {
      const LgCorpusOffer *offer = &g_array_index (offers, LgCorpusOffer, o);
      Outcome words = search (store, offer, posts, ids, &words_only);
      Outcome found = search (store, offer, posts, ids, &defaults);
      guint wanted = 0;

      for (guint i = 0; i < posts->len; i++)
        {
          const LgCorpusPost *post = &g_array_index (posts, LgCorpusPost, i);

          wanted += post->buyer &&
            g_strv_contains ((const char * const *) offer->communities, post->community);
        }
      printf ("%-22s %6u %9.2f %8.2f %9.2f %8.2f\n", offer->id, wanted,
              words.hits_shown / (double) MAX (wanted, 1),
              found.hits_shown / (double) MAX (wanted, 1),
              words.hits_top / (double) TOP_K, found.hits_top / (double) TOP_K);
      top_words += words.hits_top;
      top_default += found.hits_top;
      shown_words += words.hits_shown;
      shown_default += found.hits_shown;
      wanted_all += wanted;
    }
  if (offers->len > 0)
    printf ("%-22s %6u %9.2f %8.2f %9.2f %8.2f\n", "all", wanted_all,
            shown_words / (double) MAX (wanted_all, 1), shown_default / (double) MAX (wanted_all, 1),
            top_words / (double) (TOP_K * offers->len),
            top_default / (double) (TOP_K * offers->len));

  ok = top_default >= (guint) ceil (min_precision * TOP_K * offers->len - 1e-9) &&
       shown_default >= shown_words;
  if (targets)
    printf ("\nTargets (mean P@10 >= %.2f, recall no lower than by words alone): %s\n",
            min_precision, ok ? "met" : "NOT met");
  return targets && !ok ? 1 : 0;
}
