/* bench-scoring.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Scoring throughput on one core for typical chat messages (the team-written
 * part of the corpus, English and Russian), and the time to analyse an offer. Run with
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
      records = lg_corpus_read (path, 4, NULL);
      g_assert_nonnull (records);
      /* After the header line: label, community, origin, text. */
      for (guint i = 1; i < records->len; i++)
        g_ptr_array_add (texts, g_strdup (((char **) g_ptr_array_index (records, i))[3]));
    }
  return texts;
}

/* A message to score and the offer to score it against. */
typedef struct
{
  LgOffer    *offer;
  const char *text;
  gsize       length;
} Pair;

/* Scores @pairs over and over for SECONDS of CPU time and prints the rate. */
static void
measure (LgScorer   *scorer,
         LgFeedback *feedback,
         GArray     *pairs,
         const char *what)
{
  g_autoptr(LgScoreResult) result = lg_score_result_new ();
  gint64 start, elapsed, wall_start, wall;
  guint64 n = 0;
  long checksum = 0;

  start = cpu_time ();
  wall_start = g_get_monotonic_time ();
  do
    {
      for (guint i = 0; i < pairs->len; i++)
        {
          const Pair *pair = &g_array_index (pairs, Pair, i);

          lg_scorer_score (scorer, pair->offer, feedback, pair->text, pair->length,
                           1759000000, 1760000000, result, NULL);
          checksum += lg_score_result_get_score (result);
        }
      n += pairs->len;
      elapsed = cpu_time () - start;
    }
  while (elapsed < SECONDS * G_USEC_PER_SEC);
  wall = g_get_monotonic_time () - wall_start;
  printf ("%s (%u): %.0f messages/s on one core (%.2f µs of CPU time each; %.0f/s by the "
          "wall clock; checksum %ld)\n",
          what, pairs->len, n / (elapsed / 1e6), elapsed * 1.0 / n, n / (wall / 1e6), checksum);
}

int
main (int   argc,
      char *argv[])
{
  /* Offers of different trades in both languages, for the search-like case. */
  static const char * const offer_texts[] = {
    "CRM for dental clinics: patient reminders, online appointment booking, recall",
    "Bookkeeping and tax filing for freelancers and small businesses",
    "Website and online ordering for restaurants and cafes",
    "IT support and network setup for small offices",
    "Staff scheduling app for shops and cafes: shift planning, time clock, shift swaps",
    "Dog training and puppy classes, private lessons at your home",
    "Ремонт квартир под ключ",
    "Репетитор английского языка для детей и взрослых, онлайн",
    "Предметная фотосъёмка товаров для маркетплейсов (Wildberries, Ozon)",
    "Установка и обслуживание кондиционеров",
    "Квартирные и офисные переезды, грузчики",
    "Разработка чат-ботов для Telegram под заказ",
  };
  g_autoptr(GPtrArray) texts = read_messages ();
  g_autoptr(LgScorer) scorer = lg_scorer_new ();
  g_autoptr(LgScoreResult) result = lg_score_result_new ();
  g_autoptr(GPtrArray) offers = g_ptr_array_new_with_free_func ((GDestroyNotify) lg_offer_unref);
  g_autoptr(GArray) every = g_array_new (FALSE, FALSE, sizeof (Pair));
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Pair));
  g_autoptr(LgFeedback) feedback = lg_feedback_new ();
  LgOffer *offer;
  gsize bytes = 0;
  gint64 start, elapsed;
  guint n_offers = 0;

  for (guint o = 0; o < G_N_ELEMENTS (offer_texts); o++)
    g_ptr_array_add (offers, lg_offer_new (offer_texts[o], NULL, NULL, NULL));
  offer = g_ptr_array_index (offers, 0);
  for (guint i = 0; i < texts->len; i++)
    {
      Pair pair = { offer, g_ptr_array_index (texts, i), strlen (g_ptr_array_index (texts, i)) };

      g_array_append_val (every, pair);
      bytes += pair.length;
    }
  printf ("%u messages, %.0f bytes on average\n", texts->len, (double) bytes / texts->len);

  /* What a search scores: the messages it retrieves by the offer's terms, which
   * all name the offer and so are all read for intent. Scoring them once also
   * fills the word cache, as a long search does early on. */
  for (guint o = 0; o < offers->len; o++)
    for (guint i = 0; i < every->len; i++)
      {
        Pair pair = g_array_index (every, Pair, i);

        pair.offer = g_ptr_array_index (offers, o);
        lg_scorer_score (scorer, pair.offer, NULL, pair.text, pair.length, 0, 0, result, NULL);
        if (lg_score_result_get_value (result, LG_SIGNAL_RELEVANCE) > 0)
          g_array_append_val (candidates, pair);
      }

  measure (scorer, NULL, candidates,
           "scoring search candidates: the messages naming each of 12 offers");
  measure (scorer, NULL, every,
           "scoring every message for one offer, most of them naming nothing of it");
  /* The worst case: feedback with a vote makes every message read in full. */
  lg_scorer_score (scorer, offer, NULL, "need a crm for our clinic", -1, 0, 0, result, NULL);
  lg_feedback_add (feedback, result, TRUE);
  measure (scorer, feedback, every, "scoring every message for one offer, with feedback");

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
  for (guint i = 0; i < every->len; i++)
    {
      const Pair *pair = &g_array_index (every, Pair, i);
      g_autofree char *reason = NULL;

      lg_scorer_score (scorer, offer, NULL, pair->text, pair->length,
                       1759000000, 1760000000, result, NULL);
      reason = lg_score_result_get_reason (result, "@dentistry_chat");
    }
  elapsed = g_get_monotonic_time () - start;
  printf ("scoring with the reason written: %.2f µs per message\n", elapsed * 1.0 / texts->len);
  return 0;
}
