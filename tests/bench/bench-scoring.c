/* bench-scoring.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Scoring throughput on one core for typical chat messages (the training
 * corpus's, English and Russian), and the time to analyse an offer. Run with
 *   meson test -C _build --benchmark --print-errorlogs -v bench-scoring
 */

#include "config.h"

#include <stdio.h>
#include <time.h>

#include "lg-corpus.h"
#include "lg-scorer.h"

#define SECONDS 2.0

/* The CPU time this thread has used, in µs: the machine may be shared, and time
 * spent waiting for a core is not time spent scoring. */
static gint64
cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static GPtrArray *
read_messages (void)
{
  const char *dir = g_getenv ("LEADGRAM_CORPUS_DIR");
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GPtrArray) records = NULL;

      if (!g_str_has_suffix (name, ".tsv"))
        continue;
      records = lg_corpus_read (path, 3, NULL);
      g_assert_nonnull (records);
      for (guint i = 0; i < records->len; i++)
        g_ptr_array_add (texts, g_strdup (((char **) g_ptr_array_index (records, i))[2]));
    }
  return texts;
}

/* Scores @texts over and over for SECONDS of CPU time and prints the rate. */
static void
measure (LgScorer      *scorer,
         LgOffer       *offer,
         LgFeedback    *feedback,
         GPtrArray     *texts,
         const gsize   *lengths,
         const char    *what,
         const char    *note)
{
  g_autoptr(LgScoreResult) result = lg_score_result_new ();
  gint64 start, elapsed, wall_start, wall;
  guint64 n = 0;
  long checksum = 0;

  start = cpu_time ();
  wall_start = g_get_monotonic_time ();
  do
    {
      for (guint i = 0; i < texts->len; i++)
        {
          lg_scorer_score (scorer, offer, feedback, g_ptr_array_index (texts, i), lengths[i],
                           1759000000, 1760000000, result, NULL);
          checksum += lg_score_result_get_score (result);
        }
      n += texts->len;
      elapsed = cpu_time () - start;
    }
  while (elapsed < SECONDS * G_USEC_PER_SEC);
  wall = g_get_monotonic_time () - wall_start;
  printf ("scoring %s, %u of them %s: %.0f messages/s on one core (%.2f µs of CPU time "
          "each; %.0f/s by the wall clock; checksum %ld)\n",
          what, texts->len, note, n / (elapsed / 1e6), elapsed * 1.0 / n, n / (wall / 1e6),
          checksum);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) texts = read_messages ();
  g_autoptr(LgScorer) scorer = lg_scorer_new ();
  g_autoptr(LgScoreResult) result = lg_score_result_new ();
  g_autoptr(LgOffer) offer = NULL;
  g_autofree gsize *lengths = g_new (gsize, texts->len);
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();
  g_autoptr(LgFeedback) feedback = lg_feedback_new ();
  g_autofree gsize *candidate_lengths = g_new (gsize, texts->len);
  gsize bytes = 0;
  gint64 start, elapsed;
  guint n_offers = 0;

  offer = lg_offer_new ("CRM for dental clinics: patient reminders, online appointment booking, "
                        "recall", NULL, NULL, NULL);
  for (guint i = 0; i < texts->len; i++)
    {
      lengths[i] = strlen (g_ptr_array_index (texts, i));
      bytes += lengths[i];
    }
  printf ("%u messages, %.0f bytes on average\n", texts->len, (double) bytes / texts->len);

  /* One pass to fill the word cache, as a long search does early on. */
  for (guint i = 0; i < texts->len; i++)
    lg_scorer_score (scorer, offer, NULL, g_ptr_array_index (texts, i), lengths[i], 0, 0,
                     result, NULL);

  measure (scorer, offer, NULL, texts, lengths, "every message",
           "(most name nothing of the offer: they skip the intent model)");

  /* What a search scores: it retrieves candidates by the offer's terms. */
  for (guint i = 0; i < texts->len; i++)
    {
      lg_scorer_score (scorer, offer, NULL, g_ptr_array_index (texts, i), lengths[i], 0, 0,
                       result, NULL);
      if (lg_score_result_get_value (result, LG_SIGNAL_RELEVANCE) > 0)
        {
          g_ptr_array_add (candidates, g_ptr_array_index (texts, i));
          candidate_lengths[candidates->len - 1] = lengths[i];
        }
    }
  measure (scorer, offer, NULL, candidates, candidate_lengths, "messages naming the offer",
           "(all read for intent; few, so they stay in the processor's caches)");

  /* The worst case: feedback with a vote makes every message read in full. */
  lg_scorer_score (scorer, offer, NULL, "need a crm for our clinic", -1, 0, 0, result, NULL);
  lg_feedback_add (feedback, result, TRUE);
  measure (scorer, offer, feedback, texts, lengths, "every message with feedback",
           "(all read for intent)");

  start = g_get_monotonic_time ();
  do
    {
      g_autoptr(LgOffer) o = lg_offer_new ("Предметная фотосъёмка товаров для маркетплейсов "
                                           "(Wildberries, Ozon)", NULL, NULL, NULL);

      g_assert_nonnull (o);
      n_offers++;
      elapsed = g_get_monotonic_time () - start;
    }
  while (elapsed < 0.5 * G_USEC_PER_SEC);
  printf ("offer analysis: %.1f µs per offer\n", elapsed * 1.0 / n_offers);

  start = g_get_monotonic_time ();
  for (guint i = 0; i < texts->len; i++)
    {
      g_autofree char *reason = NULL;

      lg_scorer_score (scorer, offer, NULL, g_ptr_array_index (texts, i), lengths[i],
                       1759000000, 1760000000, result, NULL);
      reason = lg_score_result_get_reason (result, "@dentistry_chat");
    }
  elapsed = g_get_monotonic_time () - start;
  printf ("scoring with the reason written: %.2f µs per message\n", elapsed * 1.0 / texts->len);
  return 0;
}
