/* test-offer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lg-scorer.h"

static const LgQueryTerm *
find_term (LgOffer         *offer,
           LgQueryTermKind  kind,
           const char      *word)
{
  guint n;
  const LgQueryTerm *terms = lg_offer_get_query_terms (offer, &n);

  for (guint i = 0; i < n; i++)
    if (terms[i].kind == kind && g_str_equal (terms[i].word, word))
      return &terms[i];
  return NULL;
}

static void
test_concepts (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgOffer) offer = lg_offer_new ("CRM for dental clinics: patient reminders, "
                                           "online appointment booking, recall",
                                           NULL, NULL, &error);
  const LgQueryTerm *t;
  guint n;

  g_assert_no_error (error);
  g_assert_cmpstr (lg_offer_get_topic (offer), ==, "CRM for dental clinics");

  t = find_term (offer, LG_QUERY_TERM_CONCEPT, "crm");
  g_assert_nonnull (t);
  g_assert_cmpint (t->role, ==, LG_CONCEPT_PRODUCT);
  g_assert_cmpfloat (t->weight, ==, 1.0);
  t = find_term (offer, LG_QUERY_TERM_CONCEPT, "clinics");
  g_assert_nonnull (t);
  g_assert_cmpstr (t->stem, ==, "clinic");
  g_assert_cmpint (t->role, ==, LG_CONCEPT_AUDIENCE);
  t = find_term (offer, LG_QUERY_TERM_CONCEPT, "booking");
  g_assert_nonnull (t);
  g_assert_cmpint (t->role, ==, LG_CONCEPT_FEATURE);
  g_assert_cmpstr (t->stem, ==, "book");
  /* "online" says little about what is sold. */
  t = find_term (offer, LG_QUERY_TERM_CONCEPT, "online");
  g_assert_nonnull (t);
  g_assert_cmpfloat (t->weight, <, 0.5);
  /* No stop words; phrases only within a clause. */
  g_assert_null (find_term (offer, LG_QUERY_TERM_CONCEPT, "for"));
  g_assert_nonnull (find_term (offer, LG_QUERY_TERM_PHRASE, "dental clinics"));
  g_assert_nonnull (find_term (offer, LG_QUERY_TERM_PHRASE, "appointment booking"));
  g_assert_null (find_term (offer, LG_QUERY_TERM_PHRASE, "clinics patient"));
  g_assert_null (find_term (offer, LG_QUERY_TERM_PHRASE, "reminders online"));

  /* Concepts come first, products before features before the audience. */
  t = lg_offer_get_query_terms (offer, &n);
  g_assert_cmpuint (n, >=, 10);
  g_assert_cmpstr (t[0].word, ==, "crm");
}

static void
test_russian (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgOffer) offer = lg_offer_new ("Репетитор английского языка для детей и взрослых, онлайн",
                                           NULL, NULL, &error);
  const LgQueryTerm *t;

  g_assert_no_error (error);
  t = find_term (offer, LG_QUERY_TERM_CONCEPT, "репетитор");
  g_assert_nonnull (t);
  g_assert_cmpint (t->role, ==, LG_CONCEPT_PRODUCT);
  t = find_term (offer, LG_QUERY_TERM_CONCEPT, "детей");
  g_assert_nonnull (t);
  g_assert_cmpint (t->role, ==, LG_CONCEPT_AUDIENCE);
  g_assert_null (find_term (offer, LG_QUERY_TERM_CONCEPT, "для"));
  g_assert_null (find_term (offer, LG_QUERY_TERM_CONCEPT, "и"));
  g_assert_nonnull (find_term (offer, LG_QUERY_TERM_PHRASE, "английского языка"));
  g_assert_cmpstr (lg_offer_get_topic (offer), ==,
                   "репетитор английского языка для детей и взрослых, онлайн");
}

static void
test_filters (void)
{
  const char *must[] = { "Dental", NULL };
  const char *exclude[] = { "free trial", "jobs", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(LgOffer) offer = lg_offer_new ("Appointment software", must, exclude, &error);
  const LgQueryTerm *t;

  g_assert_no_error (error);
  t = find_term (offer, LG_QUERY_TERM_MUST, "dental");
  g_assert_nonnull (t);
  g_assert_cmpstr (t->stem, ==, "dental");
  t = find_term (offer, LG_QUERY_TERM_EXCLUDE, "jobs");
  g_assert_nonnull (t);
  g_assert_cmpstr (t->stem, ==, "job");
  g_assert_nonnull (find_term (offer, LG_QUERY_TERM_EXCLUDE, "trial"));
}

static void
test_audience_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgOffer) offer = lg_offer_new ("for dentists", NULL, NULL, &error);
  const LgQueryTerm *t;

  g_assert_no_error (error);
  t = find_term (offer, LG_QUERY_TERM_CONCEPT, "dentists");
  g_assert_nonnull (t);
  /* With nothing else named, the audience is what to look for. */
  g_assert_cmpint (t->role, ==, LG_CONCEPT_PRODUCT);
}

static void
test_empty (void)
{
  g_autoptr(GError) error = NULL;
  LgOffer *offer;

  offer = lg_offer_new ("for the and 🙂 https://x.com", NULL, NULL, &error);
  g_assert_null (offer);
  g_assert_error (error, LG_SCORING_ERROR, LG_SCORING_ERROR_EMPTY_OFFER);
  g_clear_error (&error);

  offer = lg_offer_new ("crm \xc3", NULL, NULL, &error);
  g_assert_null (offer);
  g_assert_error (error, LG_SCORING_ERROR, LG_SCORING_ERROR_INVALID_UTF8);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scoring/offer/concepts", test_concepts);
  g_test_add_func ("/scoring/offer/russian", test_russian);
  g_test_add_func ("/scoring/offer/filters", test_filters);
  g_test_add_func ("/scoring/offer/audience-only", test_audience_only);
  g_test_add_func ("/scoring/offer/empty", test_empty);

  return g_test_run ();
}
