/* eval-scoring.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Measures the scorer on labelled posts:
 *
 *   eval-scoring [--top] [--split eval|dev] [--targets] DIR
 *
 * DIR holds split.tsv (community, language, split, kind), offers.tsv if any (id,
 * language, the communities whose buyers want it separated by commas, the text)
 * and the posts in .tsv files below it (label buyer/seller/neither, community,
 * origin, text). Only the posts of the communities in the chosen split (eval
 * by default) are read: the intent model is trained on the "train" ones alone,
 * so the figures say how it does on communities it has never seen. It prints:
 *   - per language, the ROC AUC of the model's buyer probability, buyer vs the
 *     rest (sellers and neither), and of its seller probability, seller vs the
 *     rest, where the posts hold both sides;
 *   - per offer, precision@10 when every post of the offer's language is ranked
 *     by its score for that offer (a hit: a buyer from one of its communities);
 *   - both again for a stemmed keyword-and-cue baseline: a post ranks by the
 *     offer's stems it contains plus its buying cues minus its selling cues
 *     (the other way round for sellers).
 * With --top it lists each offer's ten best-scored posts. With --targets it
 * fails unless each AUC that can be measured is >= 0.85 (--min-auc), mean
 * precision@10 is >= 0.80 (--min-precision), and both are clearly (0.05 AUC,
 * 0.1 precision) above the baseline.
 */

#define G_LOG_DOMAIN "eval-scoring"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lg-corpus.h"
#include "lg-hash.h"
#include "lg-scorer.h"

#define TOP_K 10

/* What the model and the baseline read in a post. */
typedef struct
{
  const LgCorpusPost *post;
  gboolean label[2];  /* buyer, seller */
  char    *folded;
  double   p[2];      /* the model's buyer and seller probabilities */
  double   cues;      /* the baseline's buyer reading; its seller reading is -cues */
} Post;

typedef struct
{
  double   score;
  guint64  tie;  /* a neutral tie-break: the text's hash */
  gboolean hit;
  Post    *post;
} Ranked;

/* The baseline's cue words: the plainest ways to say "I want to buy" and "I
 * sell", matched as substrings of the folded text (so as stems). */
static const char * const buy_cues[] = {
  "looking for", "want to buy", "wtb", "need ", "anyone recommend", "recommend",
  "who can", "hiring", "budget", "buying", "wanted", "seeking", "iso ",
  "ищу", "куплю", "нужен", "нужна", "нужно", "посоветуйте", "требуется", "кто может",
  "вакансия", "подскажите", "приму", NULL,
};
static const char * const sell_cues[] = {
  "for sale", "selling", "wts", "available", "offer", "price", "shipped", "my portfolio",
  "for hire", "dm me", "продаю", "продам", "предлагаю", "услуги", "цена", "недорого",
  "резюме", "опыт работы", "обращайтесь", "пишите в лс", NULL,
};

static int
compare_ranked (const void *a,
                const void *b)
{
  const Ranked *x = a;
  const Ranked *y = b;

  if (x->score != y->score)
    return x->score < y->score ? 1 : -1;
  return (x->tie > y->tie) - (x->tie < y->tie);
}

/* The hits among the TOP_K best ranked, counted as a whole number so that the
 * mean compares with the target exactly. */
static guint
hits_at_k (Ranked *ranked,
           guint   n)
{
  guint hits = 0;

  qsort (ranked, n, sizeof (Ranked), compare_ranked);
  for (guint i = 0; i < MIN (n, TOP_K); i++)
    hits += ranked[i].hit ? 1 : 0;
  return hits;
}

static double
count_cues (const char         *folded,
            const char * const *cues)
{
  double n = 0;

  for (guint i = 0; cues[i] != NULL; i++)
    n += strstr (folded, cues[i]) != NULL;
  return n;
}

static void
post_clear (gpointer data)
{
  g_free (((Post *) data)->folded);
}

/* The AUC of the model's head @h (0 buyer, 1 seller), or of the baseline,
 * over the posts in @language; -1 when they do not hold both sides. */
static double
language_auc (GArray     *posts,
              const char *language,
              guint       h,
              gboolean    baseline)
{
  g_autofree double *scores = g_new (double, posts->len);
  g_autofree gboolean *labels = g_new (gboolean, posts->len);
  guint n = 0, n_pos = 0;

  for (guint i = 0; i < posts->len; i++)
    {
      Post *p = &g_array_index (posts, Post, i);

      if (!g_str_equal (p->post->language, language))
        continue;
      scores[n] = baseline ? (h == 0 ? p->cues : -p->cues) : p->p[h];
      n_pos += p->label[h];
      labels[n++] = p->label[h];
    }
  if (n_pos == 0 || n_pos == n)
    return -1;
  return lg_corpus_auc (scores, labels, n);
}

/* Prints one language's AUC of head @h, model and baseline, and whether it
 * meets the target (TRUE when it cannot be measured). */
static gboolean
report_auc (GArray     *posts,
            const char *language,
            guint       h,
            double      min_auc)
{
  static const char * const heads[] = { "buyer", "seller" };
  double auc = language_auc (posts, language, h, FALSE);
  double base = language_auc (posts, language, h, TRUE);

  if (auc < 0)
    {
      printf ("%-4s %-7s %10s %14s   (no %ss and others to tell apart)\n", language, heads[h],
              "-", "-", heads[h]);
      return TRUE;
    }
  printf ("%-4s %-7s %10.3f %14.3f\n", language, heads[h], auc, base);
  return auc >= min_auc && auc >= base + 0.05;
}

static void
die_on_error (GError *error)
{
  if (error != NULL)
    g_error ("%s", error->message);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GArray) corpus = NULL;
  g_autoptr(GArray) offers = NULL;
  g_autoptr(GArray) posts = g_array_new (FALSE, FALSE, sizeof (Post));
  g_autoptr(GHashTable) languages = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) communities = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(LgScorer) scorer = lg_scorer_new ();
  g_autoptr(LgScoreResult) result = lg_score_result_new ();
  g_autoptr(GError) error = NULL;
  g_autofree Ranked *ranked = NULL;
  g_autofree Ranked *baseline = NULL;
  const char *dir = NULL;
  const char *set = "eval";
  gboolean show_top = FALSE, targets = FALSE, ok = TRUE;
  double min_auc = 0.85, min_precision = 0.80;
  guint hits_full = 0, hits_base = 0;
  GHashTableIter iter;
  gpointer key;

  g_array_set_clear_func (posts, post_clear);
  for (int a = 1; a < argc; a++)
    if (g_str_equal (argv[a], "--top"))
      show_top = TRUE;
    else if (g_str_equal (argv[a], "--targets"))
      targets = TRUE;
    else if (g_str_equal (argv[a], "--split") && a + 1 < argc)
      set = argv[++a];
    else if (g_str_equal (argv[a], "--min-auc") && a + 1 < argc)
      min_auc = g_ascii_strtod (argv[++a], NULL);
    else if (g_str_equal (argv[a], "--min-precision") && a + 1 < argc)
      min_precision = g_ascii_strtod (argv[++a], NULL);
    else
      dir = argv[a];
  if (dir == NULL)
    {
      g_printerr ("Usage: %s [--top] [--split eval|dev] [--targets] [--min-auc A] "
                  "[--min-precision P] DIR\n", argv[0]);
      return 2;
    }

  corpus = lg_corpus_read_posts (dir, set, &error);
  die_on_error (error);
  offers = lg_corpus_read_offers (dir, set, &error);
  die_on_error (error);
  for (guint i = 0; i < corpus->len; i++)
    {
      const LgCorpusPost *c = &g_array_index (corpus, LgCorpusPost, i);
      Post p = { c, { c->buyer, c->seller }, g_utf8_casefold (c->text, -1), { 0, 0 }, 0 };

      p.cues = count_cues (p.folded, buy_cues) - count_cues (p.folded, sell_cues);
      if (!lg_scorer_read_direction (scorer, c->text, -1, &p.p[0], &p.p[1], &error))
        die_on_error (error);
      g_hash_table_add (languages, c->language);
      g_hash_table_add (communities, c->community);
      g_array_append_val (posts, p);
    }

  printf ("Posts, %s split: %u posts from %u communities (%s)\n\n", set, posts->len,
          g_hash_table_size (communities), dir);
  printf ("%-4s %-7s %10s %14s\n", "lang", "vs rest", "AUC", "AUC keywords");
  g_hash_table_iter_init (&iter, languages);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    for (guint h = 0; h < 2; h++)
      ok &= report_auc (posts, key, h, min_auc);

  ranked = g_new (Ranked, posts->len);
  baseline = g_new (Ranked, posts->len);
  printf ("\n%-22s %-4s %6s %10s %14s\n", "offer", "lang", "wanted", "P@10 score",
          "P@10 keywords");
  for (guint o = 0; o < offers->len; o++)
    {
      const LgCorpusOffer *offer_record = &g_array_index (offers, LgCorpusOffer, o);
      g_autoptr(LgOffer) offer = lg_offer_new (offer_record->text, NULL, NULL, &error);
      const LgQueryTerm *terms;
      guint n_terms, n = 0, wanted = 0;
      guint h_full, h_base;

      die_on_error (error);
      terms = lg_offer_get_query_terms (offer, &n_terms);
      for (guint i = 0; i < posts->len; i++)
        {
          Post *p = &g_array_index (posts, Post, i);
          gboolean hit = p->label[0] &&
            g_strv_contains ((const char * const *) offer_record->communities,
                             p->post->community);
          guint64 tie = lg_hash_str (p->post->text);
          double words = 0;

          if (!g_str_equal (p->post->language, offer_record->language))
            continue;
          if (!lg_scorer_score (scorer, offer, NULL, p->post->text, -1, 0, 0, result, &error))
            die_on_error (error);
          ranked[n] = (Ranked) { lg_score_result_get_score (result), tie, hit, p };

          for (guint t = 0; t < n_terms; t++)
            if (terms[t].kind == LG_QUERY_TERM_CONCEPT && strstr (p->folded, terms[t].stem))
              words++;
          /* Cues order the posts that name as much of the offer. */
          baseline[n++] = (Ranked) { words > 0 ? words + 0.1 * p->cues : 0, tie, hit, p };
          wanted += hit;
        }
      h_full = hits_at_k (ranked, n);
      h_base = hits_at_k (baseline, n);
      hits_full += h_full;
      hits_base += h_base;
      printf ("%-22s %-4s %6u %10.2f %14.2f\n", offer_record->id, offer_record->language, wanted,
              h_full / (double) TOP_K, h_base / (double) TOP_K);
      if (show_top)
        for (guint i = 0; i < MIN (n, TOP_K); i++)
          printf ("    %s %3.0f  %.150s\n", ranked[i].hit ? "hit " : "miss", ranked[i].score,
                  ranked[i].post->post->text);
    }
  if (offers->len > 0)
    printf ("%-22s %-4s %6s %10.2f %14.2f\n", "mean", "", "",
            hits_full / (double) (TOP_K * offers->len),
            hits_base / (double) (TOP_K * offers->len));

  /* Mean precision@10 at the target and 0.1 above the baseline, in whole hits
   * (the target rounded up to one). */
  ok &= offers->len == 0 ||
        (hits_full >= (guint) ceil (min_precision * TOP_K * offers->len - 1e-9) &&
         hits_full * 10 >= hits_base * 10 + TOP_K * offers->len);
  if (targets)
    printf ("\nTargets (each AUC that can be measured >= %.2f and 0.05 above keywords; mean "
            "P@10 >= %.2f and 0.1 above keywords): %s\n", min_auc, min_precision,
            ok ? "met" : "NOT met");
  return targets && !ok ? 1 : 0;
}
