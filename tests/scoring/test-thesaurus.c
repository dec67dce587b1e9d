/* test-thesaurus.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The MyThes reader, offers widened with synonyms, and reasons that say when a
 * match came through one. Reads the project's own small thesauri in
 * tests/fixtures/mythes.
 */

#include "config.h"

#include <string.h>

#include "lg-scorer.h"
#include "lg-thesaurus.h"

static GBytes *
fixture (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "fixtures", "mythes",
                                            name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static LgThesaurus *
make_thesaurus (void)
{
  LgThesaurus *thesaurus = lg_thesaurus_new ();
  const char *names[] = { "th_en_US_v2", "th_ru_RU_v2" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *idx = g_strconcat (names[i], ".idx", NULL);
      g_autofree char *dat = g_strconcat (names[i], ".dat", NULL);
      g_autoptr(GBytes) index = fixture (idx);
      g_autoptr(GBytes) data = fixture (dat);
      g_autoptr(GError) error = NULL;

      g_assert_true (lg_thesaurus_add_dictionary (thesaurus, index, data, &error));
      g_assert_no_error (error);
    }
  return thesaurus;
}

static void
test_lookup (void)
{
  g_autoptr(LgThesaurus) thesaurus = make_thesaurus ();
  g_autoptr(GPtrArray) site = lg_thesaurus_lookup (thesaurus, "website", 8);
  g_autoptr(GPtrArray) tutor = lg_thesaurus_lookup (thesaurus, "tutor", 8);
  g_autoptr(GPtrArray) none = lg_thesaurus_lookup (thesaurus, "zebra", 8);
  g_autoptr(GPtrArray) russian = lg_thesaurus_lookup (thesaurus, "ремонт", 8);
  g_autoptr(GPtrArray) one = lg_thesaurus_lookup (thesaurus, "website", 1);
  g_autoptr(GPtrArray) narrower = lg_thesaurus_lookup (thesaurus, "bookkeeper", 8);

  /* The single words that mean the same; not phrases ("web site"), not the
   * broader word ("computer (generic term)"). */
  g_assert_cmpuint (site->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (site, 0), ==, "site");
  g_assert_cmpstr (g_ptr_array_index (site, 1), ==, "portal");
  /* A word of several senses has none: which one would the offer mean? */
  g_assert_cmpuint (tutor->len, ==, 0);
  g_assert_cmpuint (narrower->len, ==, 0);
  g_assert_cmpuint (none->len, ==, 0);
  /* After the Russian file's byte-order mark. */
  g_assert_cmpuint (russian->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (russian, 0), ==, "починка");
  g_assert_cmpuint (one->len, ==, 1);
}

static void
test_not_a_thesaurus (void)
{
  g_autoptr(LgThesaurus) thesaurus = lg_thesaurus_new ();
  g_autoptr(GBytes) index = g_bytes_new_static ("KOI8-R\n1\nword|7\n", 17);
  g_autoptr(GBytes) data = fixture ("th_en_US_v2.dat");
  g_autoptr(GError) error = NULL;

  g_assert_false (lg_thesaurus_add_dictionary (thesaurus, index, data, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL);
}

static void
test_offer_synonyms (void)
{
  g_autoptr(LgThesaurus) thesaurus = make_thesaurus ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LgOffer) plain = lg_offer_new ("Bookkeeping for small cafes", NULL, NULL, &error);
  g_autoptr(LgOffer) offer = lg_offer_new_full ("Bookkeeping for small cafes", NULL, NULL,
                                                thesaurus, &error);
  g_autoptr(LgScorer) scorer = lg_scorer_new ();
  g_autoptr(LgScoreResult) result = lg_score_result_new ();
  const char *text = "Can anyone recommend an accountancy firm? We are a small cafe in Leeds";
  const LgQueryTerm *terms;
  g_autofree char *reason = NULL;
  gboolean found = FALSE;
  double once;
  guint n;

  g_assert_no_error (error);
  terms = lg_offer_get_query_terms (offer, &n);
  for (guint i = 0; i < n; i++)
    if (terms[i].kind == LG_QUERY_TERM_CONCEPT && g_str_equal (terms[i].word, "accountancy"))
      {
        /* A synonym counts, for less than the offer's own word. */
        g_assert_cmpfloat (terms[i].weight, <, 1.0);
        g_assert_cmpfloat (terms[i].weight, >, 0.0);
        found = TRUE;
      }
  g_assert_true (found);
  g_assert_cmpstr (lg_offer_get_synonym_source (offer, "accountancy"), ==, "bookkeeping");
  g_assert_null (lg_offer_get_synonym_source (offer, "bookkeeping"));

  /* Without the thesaurus the request names nothing of the offer but the
   * audience; with it, the synonym makes it relevant, and the reason says so. */
  g_assert_true (lg_scorer_score (scorer, plain, NULL, text, -1, 0, 0, result, &error));
  g_assert_cmpfloat (lg_score_result_get_value (result, LG_SIGNAL_RELEVANCE), <, 0.4);
  g_assert_true (lg_scorer_score (scorer, offer, NULL, text, -1, 0, 0, result, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (lg_score_result_get_value (result, LG_SIGNAL_RELEVANCE), >, 0.5);
  reason = lg_score_result_get_reason (result, NULL);
  g_test_message ("%s", reason);
  g_assert_nonnull (strstr (reason, "‘accountancy’ (a synonym of ‘bookkeeping’)"));

  /* A synonym stands in for its word: naming the thing three ways counts
   * as naming it once. */
  g_assert_true (lg_scorer_score (scorer, offer, NULL, "We do bookkeeping", -1, 0, 0, result,
                                  &error));
  once = lg_score_result_get_value (result, LG_SIGNAL_RELEVANCE);
  g_assert_true (lg_scorer_score (scorer, offer, NULL,
                                  "We do bookkeeping, accountancy and clerking", -1, 0, 0,
                                  result, &error));
  g_assert_cmpfloat_with_epsilon (lg_score_result_get_value (result, LG_SIGNAL_RELEVANCE), once,
                                  1e-9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/scoring/thesaurus/lookup", test_lookup);
  g_test_add_func ("/scoring/thesaurus/not-a-thesaurus", test_not_a_thesaurus);
  g_test_add_func ("/scoring/thesaurus/offer-synonyms", test_offer_synonyms);
  return g_test_run ();
}
