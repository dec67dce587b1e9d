/* eval-scoring.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Measures the scorer on a labelled set of messages: by default the evaluation
 * set in tests/scoring/eval/, which is never trained on nor tuned on; given "dev",
 * the development set in tests/scoring/dev/ (other offers), which the scorer's
 * constants were tuned on. Each set has offers.tsv and messages in the other
 * .tsv files. It prints:
 *   - intent ROC AUC over every message (label: INTENT);
 *   - for each offer, precision@10 when ALL messages are ranked by their score
 *     for that offer (a hit: that offer's line with WANTS_OFFER=1);
 *   - the same for a literal keyword baseline (a message matches when it contains
 *     an offer word; more words rank higher).
 * With --top it also lists each offer's ten best-scored messages.
 * Fails when AUC < 0.90, mean P@10 < 0.8, or the score is not clearly (0.1) above
 * the baseline.
 */

#define G_LOG_DOMAIN "eval-scoring"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lg-corpus.h"
#include "lg-scorer.h"
#include "lg-hash.h"

#define TOP_K 10

typedef struct
{
  char    *offer_id;
  gboolean intent;
  gboolean wants;
  char    *text;
  char    *folded;
} EvalMessage;

typedef struct
{
  double       score;
  guint64      tie;  /* a neutral tie-break: the text's hash */
  gboolean     hit;
  EvalMessage *message;
} Ranked;

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

/* The hits among the TOP_K best ranked: precision@k is that over TOP_K. Counted
 * as a whole number so that the mean compares with the target exactly. */
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

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static GPtrArray *
read_or_die (const char *dir,
             const char *name,
             guint       n_fields)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  GPtrArray *records = lg_corpus_read (path, n_fields, &error);

  if (records == NULL)
    g_error ("%s", error->message);
  return records;
}

int
main (int   argc,
      char *argv[])
{
  const char *data = g_getenv ("LEADGRAM_TEST_DATA");
  g_autofree char *dir = NULL;
  g_autoptr(GPtrArray) offers = NULL;
  g_autoptr(GArray) messages = g_array_new (FALSE, FALSE, sizeof (EvalMessage));
  g_autoptr(LgScorer) scorer = lg_scorer_new ();
  g_autoptr(LgScoreResult) result = lg_score_result_new ();
  g_autofree double *intent = NULL;
  g_autofree gboolean *labels = NULL;
  g_autofree Ranked *ranked = NULL;
  g_autofree Ranked *baseline = NULL;
  double auc, mean_full, mean_base;
  guint hits_full = 0, hits_base = 0;
  guint act_hits = 0, act_total = 0, n_wants = 0;
  const char *set = "eval";
  gboolean show_top = FALSE;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) listing = NULL;
  const char *name;
  gboolean ok;

  if (data == NULL)
    {
      g_printerr ("LEADGRAM_TEST_DATA is not set\n");
      return 1;
    }
  for (int a = 1; a < argc; a++)
    if (g_str_equal (argv[a], "--top"))
      show_top = TRUE;
    else
      set = argv[a];
  dir = g_build_filename (data, "scoring", set, NULL);
  offers = read_or_die (dir, "offers.tsv", 3);
  listing = g_dir_open (dir, 0, NULL);
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (name, ".tsv") && !g_str_equal (name, "offers.tsv"))
      g_ptr_array_add (files, g_strdup (name));
  g_ptr_array_sort (files, compare_names);
  for (guint f = 0; f < files->len; f++)
    {
      g_autoptr(GPtrArray) records = read_or_die (dir, g_ptr_array_index (files, f), 4);

      for (guint i = 0; i < records->len; i++)
        {
          char **r = g_ptr_array_index (records, i);
          EvalMessage m = {
            g_strdup (r[0]), r[1][0] == '1', r[2][0] == '1', g_strdup (r[3]),
            g_utf8_casefold (r[3], -1),
          };

          g_array_append_val (messages, m);
        }
    }

  intent = g_new (double, messages->len);
  labels = g_new (gboolean, messages->len);
  for (guint i = 0; i < messages->len; i++)
    {
      EvalMessage *m = &g_array_index (messages, EvalMessage, i);
      g_autoptr(GError) error = NULL;

      if (!lg_scorer_intent_plain (scorer, m->text, -1, &intent[i], &error))
        g_error ("%s", error->message);
      labels[i] = m->intent;
    }
  auc = lg_corpus_auc (intent, labels, messages->len);

  printf ("Evaluation: %u messages, %u offers (tests/scoring/%s)\n\n",
           messages->len, offers->len, set);
  printf ("Intent ROC AUC: %.3f\n\n", auc);
  printf ("%-16s %-4s %10s %14s\n", "offer", "lang", "P@10 score", "P@10 keywords");

  ranked = g_new (Ranked, messages->len);
  baseline = g_new (Ranked, messages->len);
  for (guint o = 0; o < offers->len; o++)
    {
      char **offer_record = g_ptr_array_index (offers, o);
      g_autoptr(GError) error = NULL;
      g_autoptr(LgOffer) offer = lg_offer_new (offer_record[2], NULL, NULL, &error);
      const LgQueryTerm *terms;
      guint n_terms;
      guint h_full, h_base;

      if (offer == NULL)
        g_error ("%s", error->message);
      terms = lg_offer_get_query_terms (offer, &n_terms);

      for (guint i = 0; i < messages->len; i++)
        {
          EvalMessage *m = &g_array_index (messages, EvalMessage, i);
          gboolean hit = m->wants && g_str_equal (m->offer_id, offer_record[0]);
          guint64 tie = lg_hash_str (m->text);
          guint words = 0;

          if (!lg_scorer_score (scorer, offer, NULL, m->text, -1, 0, 0, result, &error))
            g_error ("%s", error->message);
          ranked[i] = (Ranked) { lg_score_result_get_score (result), tie, hit, m };

          for (guint t = 0; t < n_terms; t++)
            if (terms[t].kind == LG_QUERY_TERM_CONCEPT && strstr (m->folded, terms[t].word))
              words++;
          baseline[i] = (Ranked) { words, tie, hit, m };

          if (lg_score_result_get_score (result) >= LG_SCORE_ACT_MIN)
            {
              act_total++;
              act_hits += hit ? 1 : 0;
            }
          n_wants += hit ? 1 : 0;
        }
      h_full = hits_at_k (ranked, messages->len);
      h_base = hits_at_k (baseline, messages->len);
      hits_full += h_full;
      hits_base += h_base;
      printf ("%-16s %-4s %10.2f %14.2f\n", offer_record[0], offer_record[1],
              h_full / (double) TOP_K, h_base / (double) TOP_K);
      if (show_top)
        for (guint i = 0; i < TOP_K; i++)
          printf ("    %s %3.0f  %s\n", ranked[i].hit ? "hit " : "miss", ranked[i].score,
                   ranked[i].message->text);
    }
  mean_full = hits_full / (double) (TOP_K * offers->len);
  mean_base = hits_base / (double) (TOP_K * offers->len);
  printf ("%-16s %-4s %10.2f %14.2f\n\n", "mean", "", mean_full, mean_base);
  printf ("Scores of 70 and up: %u (offer, message) pairs, %u of them wanted (%.0f%%); "
           "%u wanted pairs in all\n",
           act_total, act_hits, act_total > 0 ? 100.0 * act_hits / act_total : 0.0, n_wants);

  /* Mean precision@10 >= 0.8 and 0.1 above the baseline, in whole hits. */
  ok = auc >= 0.90 && hits_full * 10 >= 8 * TOP_K * offers->len &&
       hits_full >= hits_base + TOP_K * offers->len / 10;
  printf ("\nTargets (AUC >= 0.90, mean P@10 >= 0.80, clearly above keywords): %s\n",
           ok ? "met" : "NOT met");

  for (guint i = 0; i < messages->len; i++)
    {
      EvalMessage *m = &g_array_index (messages, EvalMessage, i);

      g_free (m->offer_id);
      g_free (m->text);
      g_free (m->folded);
    }
  return ok ? 0 : 1;
}
