/* test-scorer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each signal on hand-picked messages, the bands, the reason's wording, the
 * breakdown and feedback.
 */

#include "config.h"

#include <locale.h>

#include "lg-scorer.h"

#define DAY (24 * 3600)
#define NOW G_GINT64_CONSTANT (1760000000)

static const char *dental = "CRM for dental clinics: patient reminders, online appointment "
                            "booking, recall";
static const char *lead = "Can anyone recommend a CRM for our dental clinic? Our booking "
                          "system keeps double-booking patients";

typedef struct
{
  LgScorer      *scorer;
  LgScoreResult *result;
  LgOffer       *offer;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->scorer = lg_scorer_new ();
  f->result = lg_score_result_new ();
  f->offer = lg_offer_new (data != NULL ? data : dental, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  lg_scorer_free (f->scorer);
  lg_score_result_free (f->result);
  lg_offer_unref (f->offer);
}

static void
score_full (Fixture          *f,
            LgOffer          *offer,
            const LgFeedback *feedback,
            const char       *text,
            gint64            sent_at)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lg_scorer_score (f->scorer, offer, feedback, text, -1, sent_at, NOW,
                                  f->result, &error));
  g_assert_no_error (error);
}

static void
score (Fixture    *f,
       const char *text)
{
  score_full (f, f->offer, NULL, text, 0);
}

static double
value (Fixture  *f,
       LgSignal  signal)
{
  return lg_score_result_get_value (f->result, signal);
}

static gboolean
evidence_has (Fixture    *f,
              LgSignal    signal,
              const char *word)
{
  const char * const *evidence = lg_score_result_get_evidence (f->result, signal);

  return g_strv_contains (evidence, word);
}

/* How many stretches of the text a seller's cue matched. */
static guint
negative_spans (Fixture *f)
{
  guint n;

  lg_score_result_get_spans (f->result, LG_SIGNAL_NEGATIVE, &n);
  return n;
}

static double
intent_of (Fixture    *f,
           const char *text)
{
  g_autoptr(GError) error = NULL;
  double intent;

  g_assert_true (lg_scorer_read_direction (f->scorer, text, -1, &intent, NULL, &error));
  g_assert_no_error (error);
  return intent;
}

static void
test_intent (Fixture       *f,
             gconstpointer  data)
{
  const char *buyers[] = {
    lead,
    "looking for a bookkeeper who knows Xero, small cafe, remote is fine",
    "any alternatives to Dentrix? tired of our current setup",
    "Посоветуйте программу для записи пациентов в стоматологию",
    "Ищу репетитора по английскому для сына, 10 лет",
  };
  const char *others[] = {
    "good morning everyone ☀️ coffee number 3 already",
    "switched to Open Dental last year, loving it",
    "how do I export contacts from the CRM to csv?",
    "Всем доброе утро! Кто идёт на конференцию в пятницу?",
    "Мы в клинике уже 4 года на IDENT, всё отлично, рекомендую",
  };

  /* The model alone: most of these are not about the fixture's offer. */
  for (guint i = 0; i < G_N_ELEMENTS (buyers); i++)
    {
      double intent = intent_of (f, buyers[i]);

      g_test_message ("intent %.2f: %s", intent, buyers[i]);
      g_assert_cmpfloat (intent, >, 0.55);
    }
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      double intent = intent_of (f, others[i]);

      g_test_message ("intent %.2f: %s", intent, others[i]);
      g_assert_cmpfloat (intent, <, 0.3);
    }

  /* The cue phrase is the intent's evidence, as written. */
  score (f, lead);
  g_assert_true (evidence_has (f, LG_SIGNAL_INTENT, "Can anyone recommend"));
  score (f, "Подскажите, кто делает CRM для клиник?");
  g_assert_true (evidence_has (f, LG_SIGNAL_INTENT, "Подскажите"));
  g_assert_true (evidence_has (f, LG_SIGNAL_INTENT, "кто делает"));
}

static void
test_intent_plain (Fixture       *f,
                   gconstpointer  data)
{
  const char *texts[] = {
    lead, "🚀🚀 100x GEM crm t.me/moon https://x.io @pump", "Нужна CRM СРОЧНО!!",
    "need a crm need a crm need a crm", "東京 crm ok",
  };
  const char *unrelated[] = { "", "Нужен сантехник СРОЧНО!!", "東京 ok" };

  /* The cached hot path reads exactly the features the trainer read. */
  for (guint round = 0; round < 2; round++)
    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      {
        g_autoptr(GError) error = NULL;
        double buyer, seller;

        score (f, texts[i]);
        g_assert_cmpfloat (value (f, LG_SIGNAL_RELEVANCE), >, 0);
        g_assert_true (lg_scorer_read_direction_plain (f->scorer, texts[i], -1, &buyer, &seller,
                                                       &error));
        g_assert_no_error (error);
        g_assert_cmpfloat_with_epsilon (buyer, value (f, LG_SIGNAL_INTENT), 1e-4);
        g_assert_cmpfloat_with_epsilon (intent_of (f, texts[i]), buyer, 1e-4);
        /* The seller signal counts the model's reading where it leans seller. */
        g_assert_cmpfloat (value (f, LG_SIGNAL_NEGATIVE), >=, 2 * seller - 1 - 1e-4);
      }

  /* A message that names nothing of the offer scores 0 without reading intent. */
  for (guint i = 0; i < G_N_ELEMENTS (unrelated); i++)
    {
      score (f, unrelated[i]);
      g_assert_cmpint (lg_score_result_get_score (f->result), ==, 0);
      g_assert_cmpfloat (value (f, LG_SIGNAL_RELEVANCE), ==, 0);
      g_assert_cmpfloat (value (f, LG_SIGNAL_INTENT), ==, 0);
    }
}

static void
test_relevance (Fixture       *f,
                gconstpointer  data)
{
  double product, feature, audience, none;

  score (f, "we need a CRM asap");
  product = value (f, LG_SIGNAL_RELEVANCE);
  g_assert_true (evidence_has (f, LG_SIGNAL_RELEVANCE, "CRM"));
  score (f, "need something for appointment reminders");
  feature = value (f, LG_SIGNAL_RELEVANCE);
  score (f, "need a plumber for our dental clinic");
  audience = value (f, LG_SIGNAL_RELEVANCE);
  score (f, "need a plumber in Valencia");
  none = value (f, LG_SIGNAL_RELEVANCE);

  g_test_message ("product %.2f feature %.2f audience %.2f none %.2f",
                  product, feature, audience, none);
  g_assert_cmpfloat (product, >=, 0.6);
  g_assert_cmpfloat (feature, >=, 0.6);
  /* The audience alone is not what is sold. */
  g_assert_cmpfloat (audience, <, 0.35);
  g_assert_cmpfloat (none, ==, 0);

  /* The product with its audience covers the offer best. */
  score (f, lead);
  g_assert_cmpfloat (value (f, LG_SIGNAL_RELEVANCE), >, product);
}

static void
test_relevance_russian (Fixture       *f,
                        gconstpointer  data)
{
  double whole, part;

  score (f, "Нужна предметная фотосъемка товаров для карточек на вайлдберриз");
  whole = value (f, LG_SIGNAL_RELEVANCE);
  /* "съёмка" is part of "фотосъёмка". */
  score (f, "Кто делает съёмку одежды на вешалке?");
  part = value (f, LG_SIGNAL_RELEVANCE);
  g_test_message ("whole %.2f part %.2f", whole, part);
  g_assert_cmpfloat (whole, >=, 0.7);
  g_assert_cmpfloat (part, >, 0.3);
  g_assert_cmpfloat (part, <, whole);
}

static void
test_negative (Fixture       *f,
               gconstpointer  data)
{
  score (f, "We offer CRM setup for dental clinics 🦷 reminders, booking, reports. DM for prices");
  g_assert_cmpfloat (value (f, LG_SIGNAL_NEGATIVE), >=, 0.5);
  g_assert_true (evidence_has (f, LG_SIGNAL_NEGATIVE, "DM for prices"));
  g_assert_cmpint (lg_score_result_get_score (f->result), <, LG_SCORE_LOOK_MIN);

  /* A business hiring someone is a buyer of that work, not a seller. */
  score (f, "We're hiring a receptionist for our dental clinic, full time, send CV");
  g_assert_cmpfloat (value (f, LG_SIGNAL_NEGATIVE), <, 0.5);
  g_assert_cmpfloat (value (f, LG_SIGNAL_INTENT), >=, 0.5);
  score (f, "Now hiring: CRM administrator, remote");
  g_assert_cmpfloat (value (f, LG_SIGNAL_NEGATIVE), <, 0.5);
  g_assert_cmpfloat (value (f, LG_SIGNAL_INTENT), >=, 0.5);

  score (f, "Продам CRM для стоматологии, недорого");
  g_assert_cmpfloat (value (f, LG_SIGNAL_NEGATIVE), >=, 0.5);

  score (f, "I'm looking for clients! CRM consultant, portfolio in bio");
  g_assert_cmpfloat (value (f, LG_SIGNAL_NEGATIVE), >=, 0.5);
  /* "looking for" inside "looking for clients" is not a buyer's cue. */
  g_assert_false (evidence_has (f, LG_SIGNAL_INTENT, "looking for"));

  /* A job seeker offers their work. */
  score (f, "CRM admin with 5 years of HubSpot, open to work, remote");
  g_assert_cmpfloat (value (f, LG_SIGNAL_NEGATIVE), >=, 0.5);

  score (f, "best crm https://a.com https://b.com https://c.com");
  g_assert_cmpfloat (value (f, LG_SIGNAL_NEGATIVE), >=, 0.5);

  /* No seller's cue, and the model reads a buyer: little of a seller. */
  score (f, lead);
  g_assert_cmpfloat (value (f, LG_SIGNAL_NEGATIVE), <, 0.2);
  g_assert_cmpuint (negative_spans (f), ==, 0);

  /* A buyer's words that share a stem with a seller's cue ("want" / "wanted",
   * "сделать" / "сделаем") are not a seller's. */
  score (f, "We want to hire someone to set up a CRM for our clinic");
  g_assert_cmpfloat (value (f, LG_SIGNAL_NEGATIVE), <, 0.2);
  g_assert_cmpuint (negative_spans (f), ==, 0);
  score (f, "Кто может сделать и настроить CRM для стоматологии? Нужны услуги внедрения");
  g_assert_cmpfloat (value (f, LG_SIGNAL_NEGATIVE), <, 0.2);
  g_assert_cmpuint (negative_spans (f), ==, 0);
}

/* Whether the offer's words name what the author wants, or qualify something
 * else they want. */
static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgOffer) aircon = lg_offer_new ("Установка и обслуживание кондиционеров", NULL,
                                            NULL, &error);
  g_autoptr(LgOffer) it = lg_offer_new ("IT support for small offices", NULL, NULL, &error);
  g_autoptr(LgOffer) lawyer = lg_offer_new ("Юрист по семейным делам: развод, алименты", NULL,
                                            NULL, &error);
  double wanted, other;

  g_assert_no_error (error);
  score (f, "Looking for a dog trainer for our rescue, he pulls on the leash");
  wanted = value (f, LG_SIGNAL_RELEVANCE);
  score (f, "Looking for a dog walker for our rescue, he pulls on the leash");
  other = value (f, LG_SIGNAL_RELEVANCE);
  g_test_message ("trainer %.2f walker %.2f", wanted, other);
  g_assert_cmpfloat (other, <, wanted * 0.7);

  /* A provider word leaves the offer in charge: "мастер по кондиционерам". */
  score_full (f, aircon, NULL, "Срочно нужен мастер по кондиционерам, Химки", 0);
  wanted = value (f, LG_SIGNAL_RELEVANCE);
  score_full (f, aircon, NULL, "Ищу квартиру с кондиционером, Химки", 0);
  other = value (f, LG_SIGNAL_RELEVANCE);
  g_test_message ("мастер %.2f квартира %.2f", wanted, other);
  g_assert_cmpfloat (wanted, >=, 0.6);
  g_assert_cmpfloat (other, <, wanted * 0.7);
  /* The offer word before a request for something else. */
  score_full (f, aircon, NULL, "После установки кондиционера ищу штукатура", 0);
  g_assert_cmpfloat (value (f, LG_SIGNAL_RELEVANCE), <, wanted * 0.7);

  /* "IT" in capitals is the trade, not the pronoun. */
  score_full (f, it, NULL, "Looking for a managed IT provider, 8 laptops", 0);
  g_assert_cmpfloat (value (f, LG_SIGNAL_RELEVANCE), >=, 0.6);
  score_full (f, it, NULL, "Looking for a plumber, it is leaking", 0);
  g_assert_cmpfloat (value (f, LG_SIGNAL_RELEVANCE), ==, 0);

  /* "юрист по банкротству" is another specialty than the offer's. */
  score_full (f, lawyer, NULL, "Нужен юрист по разводу, Казань", 0);
  wanted = value (f, LG_SIGNAL_RELEVANCE);
  score_full (f, lawyer, NULL, "Нужен юрист по банкротству, Казань", 0);
  g_test_message ("развод %.2f банкротство %.2f", wanted, value (f, LG_SIGNAL_RELEVANCE));
  g_assert_cmpfloat (value (f, LG_SIGNAL_RELEVANCE), <, wanted * 0.7);

  /* Asking for the offer's audience is looking for customers, not a product. */
  score_full (f, it, NULL, "Looking for IT support for our small offices", 0);
  wanted = value (f, LG_SIGNAL_RELEVANCE);
  score_full (f, it, NULL, "We do IT support and are looking for small offices to try it", 0);
  g_assert_cmpfloat (value (f, LG_SIGNAL_RELEVANCE), <, wanted * 0.7);

  /* Verbs are not what is wanted: "to set up…", "сделать…". */
  score_full (f, it, NULL, "We need someone to set up IT support in our new offices", 0);
  g_assert_cmpfloat (value (f, LG_SIGNAL_RELEVANCE), >=, 0.6);
  score_full (f, aircon, NULL, "Кто может быстро установить кондиционер на даче?", 0);
  g_assert_cmpfloat (value (f, LG_SIGNAL_RELEVANCE), >=, 0.6);
}

static void
test_recency (Fixture       *f,
              gconstpointer  data)
{
  int fresh, old;

  score_full (f, f->offer, NULL, lead, NOW - 60);
  fresh = lg_score_result_get_score (f->result);
  g_assert_cmpfloat (value (f, LG_SIGNAL_RECENCY), >, 0.99);

  score_full (f, f->offer, NULL, lead, NOW - 7 * DAY);
  g_assert_cmpfloat_with_epsilon (value (f, LG_SIGNAL_RECENCY), 0.5, 1e-9);
  old = lg_score_result_get_score (f->result);
  g_assert_cmpint (old, <, fresh);

  lg_scorer_set_half_life (f->scorer, 1 * DAY);
  score_full (f, f->offer, NULL, lead, NOW - 7 * DAY);
  g_assert_cmpfloat (value (f, LG_SIGNAL_RECENCY), <, 0.01);
  g_assert_cmpint (lg_score_result_get_score (f->result), <, old);

  /* An unknown time costs nothing. */
  score_full (f, f->offer, NULL, lead, 0);
  g_assert_cmpfloat (value (f, LG_SIGNAL_RECENCY), ==, 1);
}

static void
test_bands (Fixture       *f,
            gconstpointer  data)
{
  g_assert_cmpint (lg_score_band (100), ==, LG_SCORE_BAND_ACT);
  g_assert_cmpint (lg_score_band (70), ==, LG_SCORE_BAND_ACT);
  g_assert_cmpint (lg_score_band (69), ==, LG_SCORE_BAND_LOOK);
  g_assert_cmpint (lg_score_band (40), ==, LG_SCORE_BAND_LOOK);
  g_assert_cmpint (lg_score_band (39), ==, LG_SCORE_BAND_WEAK);
  g_assert_cmpstr (lg_score_band_id (LG_SCORE_BAND_LOOK), ==, "look");

  /* A clear request for the offer: act now. */
  score (f, lead);
  g_test_message ("lead: %d", lg_score_result_get_score (f->result));
  g_assert_cmpint (lg_score_result_get_band (f->result), ==, LG_SCORE_BAND_ACT);
  /* A request that names only part of it: worth a look. */
  score (f, "looking for something that texts patients before their visit");
  g_test_message ("partial: %d", lg_score_result_get_score (f->result));
  g_assert_cmpint (lg_score_result_get_band (f->result), ==, LG_SCORE_BAND_LOOK);
  /* Talk about the topic without wanting anything: weak. */
  score (f, "our CRM crashed again during the demo lol");
  g_assert_cmpint (lg_score_result_get_band (f->result), ==, LG_SCORE_BAND_WEAK);
}

static void
test_breakdown (Fixture       *f,
                gconstpointer  data)
{
  score (f, lead);
  g_assert_cmpint (lg_score_result_get_contribution (f->result, LG_SIGNAL_INTENT), >, 10);
  g_assert_cmpint (lg_score_result_get_contribution (f->result, LG_SIGNAL_RELEVANCE), >, 10);
  g_assert_cmpint (lg_score_result_get_contribution (f->result, LG_SIGNAL_NEGATIVE), ==, 0);
  g_assert_true (evidence_has (f, LG_SIGNAL_RELEVANCE, "dental"));
  g_assert_true (evidence_has (f, LG_SIGNAL_RELEVANCE, "clinic"));

  /* A buyer's words with a seller's: the negative signal takes points away. */
  score (f, "Looking for a CRM for our dental clinic. We also offer teeth whitening, DM for prices");
  g_test_message ("mixed: %d, negative %.2f", lg_score_result_get_score (f->result),
                  value (f, LG_SIGNAL_NEGATIVE));
  g_assert_cmpint (lg_score_result_get_contribution (f->result, LG_SIGNAL_NEGATIVE), <, 0);

  g_assert_cmpstr (lg_signal_get_id (LG_SIGNAL_RECENCY), ==, "recency");

  /* The base and the contributions add up to the score, to the point. */
  {
    const char *texts[] = {
      lead, "We offer CRM setup for dental clinics, DM for prices", "our CRM crashed again lol",
      "Ищу CRM для стоматологии, чтобы напоминала пациентам", "need a plumber in Valencia",
    };
    const gint64 ages[] = { 0, 3 * 3600, 9 * DAY, 40 * DAY };

    for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
      for (guint a = 0; a < G_N_ELEMENTS (ages); a++)
        {
          int sum;

          score_full (f, f->offer, NULL, texts[t], ages[a] > 0 ? NOW - ages[a] : 0);
          sum = lg_score_result_get_base (f->result);
          for (guint s = 0; s < LG_N_SIGNALS; s++)
            sum += lg_score_result_get_contribution (f->result, s);
          g_assert_cmpint (sum, ==, lg_score_result_get_score (f->result));
        }
  }
}

static char *
reason_of (Fixture    *f,
           const char *text,
           gint64      sent_at,
           const char *source)
{
  score_full (f, f->offer, NULL, text, sent_at);
  return lg_score_result_get_reason (f->result, source);
}

static void
test_reason (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *a = reason_of (f, "Can anyone recommend a CRM for a dental clinic?",
                                  NOW - 2 * DAY - 3600, "@dentistry_chat");
  g_autofree char *b = reason_of (f, "We offer CRM setup for dental clinics, DM for prices",
                                  0, NULL);
  g_autofree char *c = reason_of (f, "We're hiring a dental assistant, salary 3k, send CV",
                                  NOW - 3 * 3600, "@jobs");
  g_autofree char *d = reason_of (f, "our CRM crashed again lol, the booking page too",
                                  0, "@dentistry_chat");
  g_autofree char *e = reason_of (f, "need a plumber in Valencia asap", NOW - 40, NULL);
  g_autoptr(LgFeedback) feedback = lg_feedback_new ();
  g_autofree char *e_voted = NULL;
  g_autofree char *g = reason_of (f, "Ищу CRM для стоматологии, чтобы напоминала пациентам",
                                  NOW - 20 * DAY, "@dent_ru");

  g_assert_cmpstr (a, ==, "Asks for a recommendation (‘Can anyone recommend’) for CRM for "
                          "dental clinics · 2 days ago in @dentistry_chat");
  /* Where the offer, the age and the source are on screen, the summary says
   * what the author does without them. */
  {
    g_autofree char *summary = NULL;

    score_full (f, f->offer, NULL, "Can anyone recommend a CRM for a dental clinic? We need "
                "patient reminders", NOW - 2 * DAY);
    summary = lg_score_result_get_summary (f->result);
    g_assert_cmpstr (summary, ==, "Asks for a recommendation (‘Can anyone recommend’) for what "
                                  "you sell");
  }
  g_assert_cmpstr (b, ==, "Looks like an advert (‘We offer’)");
  /* An employer buys the work it hires for: here not the user's. */
  g_assert_cmpstr (c, ==, "Is hiring (‘We're hiring’), mentions ‘dental’ · 3 hours ago in @jobs");
  g_assert_cmpstr (d, ==, "Mentions ‘CRM’, ‘booking’ but does not ask to buy · in @dentistry_chat");
  /* A message that names nothing of the offer is not read for intent... */
  g_assert_cmpstr (e, ==, "Neither asks to buy nor mentions your offer · just now");
  /* Across languages only the shared word "CRM" matches: named, not "for" the offer. */
  g_assert_cmpstr (g, ==, "Is looking for it (‘Ищу’), mentions ‘CRM’ · 2 weeks ago in @dent_ru");
  /* Never a list of numbers. */
  g_assert_false (g_regex_match_simple ("[0-9]\\.[0-9]|%", a, 0, 0));

  /* ...unless the search has feedback, which may lift any message. */
  score (f, "looking for a CRM");
  lg_feedback_add (feedback, f->result, TRUE);
  score_full (f, f->offer, feedback, "need a plumber in Valencia asap", NOW - 40);
  e_voted = lg_score_result_get_reason (f->result, NULL);
  g_assert_cmpstr (e_voted, ==,
                   "Says they need it (‘need a’), but not about your offer · just now");
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  const char *must[] = { "cloud", NULL };
  const char *exclude[] = { "free", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(LgOffer) filtered = lg_offer_new (dental, must, exclude, &error);
  g_autofree char *reason = NULL;
  int with_must, without_must;

  g_assert_no_error (error);
  score_full (f, filtered, NULL, "Any free CRM for a dental clinic? cloud based please", 0);
  g_assert_true (lg_score_result_is_excluded (f->result));
  g_assert_cmpint (lg_score_result_get_score (f->result), ==, 0);
  reason = lg_score_result_get_reason (f->result, NULL);
  g_assert_cmpstr (reason, ==, "Contains ‘free’, which you excluded");

  score_full (f, filtered, NULL, "Can anyone recommend a cloud CRM for a dental clinic?", 0);
  with_must = lg_score_result_get_score (f->result);
  score_full (f, filtered, NULL, "Can anyone recommend a CRM for a dental clinic?", 0);
  without_must = lg_score_result_get_score (f->result);
  g_assert_false (lg_score_result_is_excluded (f->result));
  /* A missing must-have word keeps a quarter of the score. */
  g_assert_cmpint (without_must, <, LG_SCORE_LOOK_MIN);
  g_assert_cmpint (with_must, >=, LG_SCORE_LOOK_MIN);
  g_assert_cmpint (with_must, >, 2 * without_must);
}

static int
score_with (Fixture          *f,
            const LgFeedback *feedback,
            const char       *text)
{
  score_full (f, f->offer, feedback, text, 0);
  return lg_score_result_get_score (f->result);
}

static void
test_feedback (Fixture       *f,
               gconstpointer  data)
{
  const char *liked = "Looking for software that sends appointment reminders by SMS, Open Dental user";
  const char *disliked = "Looking for software that does recall campaigns for a veterinary clinic";
  const char *other = "Can anyone recommend a CRM for our dental clinic?";
  g_autoptr(LgFeedback) up = lg_feedback_new ();
  g_autoptr(LgFeedback) down = lg_feedback_new ();
  g_autoptr(LgFeedback) restored = NULL;
  g_autoptr(LgFeedback) untouched = lg_feedback_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *reason = NULL;
  int liked_before, disliked_before, other_before;

  liked_before = score_with (f, NULL, liked);
  disliked_before = score_with (f, NULL, disliked);
  other_before = score_with (f, NULL, other);

  /* Thumbs up moves the message up. */
  score_with (f, up, liked);
  lg_feedback_add (up, f->result, TRUE);
  g_assert_cmpuint (lg_feedback_get_n_votes (up), ==, 1);
  g_test_message ("liked %d -> %d, like it %d -> %d, other %d -> %d",
                  liked_before, score_with (f, up, liked),
                  disliked_before, score_with (f, up, disliked),
                  other_before, score_with (f, up, other));
  g_assert_cmpint (score_with (f, up, liked), >, liked_before);

  /* Thumbs down moves it down. */
  score_with (f, down, disliked);
  lg_feedback_add (down, f->result, FALSE);
  g_test_message ("disliked %d -> %d", disliked_before, score_with (f, down, disliked));
  g_assert_cmpint (score_with (f, down, disliked), <, disliked_before);
  /* The reason is the message's; where feedback moved it, the list says. */
  reason = lg_score_result_get_reason (f->result, NULL);
  g_assert_null (strstr (reason, "feedback"));

  /* Another search's feedback is another struct: nothing changes there. */
  g_assert_cmpint (score_with (f, untouched, other), ==, other_before);
  g_assert_cmpint (score_with (f, NULL, liked), ==, liked_before);

  /* Stored as a string and read back, it scores the same. */
  saved = lg_feedback_to_string (up);
  restored = lg_feedback_new_from_string (saved, &error);
  g_assert_no_error (error);
  g_assert_cmpint (score_with (f, restored, liked), ==, score_with (f, up, liked));
  g_assert_cmpint (score_with (f, restored, disliked), ==, score_with (f, up, disliked));

  g_assert_null (lg_feedback_new_from_string ("lgfb1 b=zzz", &error));
  g_assert_error (error, LG_SCORING_ERROR, LG_SCORING_ERROR_PARSE);
}

/* One vote moves the voted message well, one that shares some of its words a
 * little, and the others hardly: it says what this message is worth, not what
 * every message is. */
static void
test_feedback_proportion (Fixture       *f,
                          gconstpointer  data)
{
  const char *voted = "Our clinic might switch booking tools next year, opinions welcome";
  const char *alike = "Thinking about new booking tools for the salon, opinions?";
  const char *other = "Can anyone recommend a CRM for dental practices?";
  g_autoptr(LgFeedback) up = lg_feedback_new ();
  int voted_before = score_with (f, NULL, voted);
  int alike_before = score_with (f, NULL, alike);
  int other_before = score_with (f, NULL, other);
  int voted_after, alike_after, other_after;

  score_with (f, up, voted);
  lg_feedback_add (up, f->result, TRUE);
  voted_after = score_with (f, up, voted);
  alike_after = score_with (f, up, alike);
  other_after = score_with (f, up, other);
  g_test_message ("voted %d -> %d, alike %d -> %d, other %d -> %d", voted_before, voted_after,
                  alike_before, alike_after, other_before, other_after);
  g_assert_cmpint (voted_after, >=, voted_before + 15);
  g_assert_cmpint (alike_after, >, alike_before);
  g_assert_cmpint (alike_after - alike_before, <, voted_after - voted_before);
  g_assert_cmpint (ABS (other_after - other_before), <=, 2);
}

static void
test_invalid (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (lg_scorer_score (f->scorer, f->offer, NULL, "crm \xff", -1, 0, 0,
                                   f->result, &error));
  g_assert_error (error, LG_SCORING_ERROR, LG_SCORING_ERROR_INVALID_UTF8);

  /* Empty text scores 0, with a reason. */
  score (f, "");
  g_assert_cmpint (lg_score_result_get_score (f->result), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* The reasons are checked in English, untranslated. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, offer) \
  g_test_add ("/scoring/scorer/" path, Fixture, offer, fixture_set_up, func, fixture_tear_down)
  ADD ("intent", test_intent, NULL);
  ADD ("intent-plain", test_intent_plain, NULL);
  ADD ("relevance", test_relevance, NULL);
  ADD ("relevance-russian", test_relevance_russian,
       "Предметная фотосъёмка товаров для маркетплейсов");
  ADD ("negative", test_negative, NULL);
  ADD ("roles", test_roles, "Dog training and puppy classes");
  ADD ("recency", test_recency, NULL);
  ADD ("bands", test_bands, NULL);
  ADD ("breakdown", test_breakdown, NULL);
  ADD ("reason", test_reason, NULL);
  ADD ("filters", test_filters, NULL);
  ADD ("feedback", test_feedback, NULL);
  ADD ("feedback-proportion", test_feedback_proportion, NULL);
  ADD ("invalid", test_invalid, NULL);
#undef ADD

  return g_test_run ();
}
