/* test-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Finding leads: the FTS5 query and its escaping, common words, filters, one
 * result per author, saved searches, feedback, dismiss, add to pipeline and
 * undo, CSV export, the sample workspace, cancelling and streaming.
 */

#include "config.h"

#include "lg-lead-export.h"
#include "lg-sample-workspace.h"
#include "lg-search-export.h"
#include "lg-search-query.h"
#include "lg-search.h"
#include "lg-store-private.h"
#include "lg-test-util.h"

#define NOW ((gint64) 1767225600) /* 2026-01-01 */
#define DAY ((gint64) 86400)

static gint64
add_message (LgStore    *store,
             LgSource   *source,
             const char *external_id,
             const char *author,
             const char *handle,
             gint64      sent_at,
             const char *text)
{
  g_autoptr(LgMessage) message = lg_message_new ();
  g_autoptr(GError) error = NULL;
  gboolean inserted;

  lg_message_set_source_id (message, lg_source_get_id (source));
  lg_message_set_external_id (message, external_id);
  lg_message_set_author_name (message, author);
  lg_message_set_author_handle (message, handle);
  lg_message_set_sent_at (message, sent_at);
  lg_message_set_text (message, text);
  g_assert_true (lg_store_add_message (store, message, &inserted, &error));
  g_assert_no_error (error);
  g_assert_true (inserted);
  return lg_message_get_id (message);
}

/* A dental group where three people ask for a CRM (one twice), one sells,
 * and a crowd talks about other things; a second group about cafés. */
typedef struct
{
  LgStore  *store;
  LgSource *dental;
  LgSource *cafe;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = lg_test_open_store ();
  f->dental = lg_test_add_source (f->store, "dental_owners");
  f->cafe = lg_test_add_source (f->store, "cafe_founders");

  add_message (f->store, f->dental, "1", "Chris Baker", "cbaker", NOW - 2 * DAY,
               "Looking for a CRM for our dental clinic, we track patients on paper. "
               "Can anyone recommend one?");
  add_message (f->store, f->dental, "2", "Chris Baker", "cbaker", NOW - 20 * DAY,
               "our clinic crm is a spreadsheet lol");
  add_message (f->store, f->dental, "3", "Natalie Fischer", "natfischer", NOW - 5 * DAY,
               "We need a CRM that sends appointment reminders to patients. Any suggestions?");
  add_message (f->store, f->dental, "4", "Vendor Bob", "bob_sells", NOW - 1 * DAY,
               "We offer the best dental CRM! DM me for prices, 50% off this week only");
  add_message (f->store, f->dental, "5", "Olu Adeyemi", NULL, NOW - 3 * DAY,
               "the autoclave door gasket was the problem, not the sensor");
  add_message (f->store, f->cafe, "10", "Marco Bellini", "marco", NOW - 4 * DAY,
               "Can anyone recommend a CRM for a small cafe? Loyalty cards are a mess");
  add_message (f->store, f->cafe, "11", "Dave Rourke", NULL, NOW - 40 * DAY,
               "Looking for a CRM to keep in touch with catering clients, recommendations?");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->dental);
  g_clear_object (&f->cafe);
  g_clear_object (&f->store);
}

static GPtrArray *
run (LgStore      *store,
     LgSearchSpec *spec,
     gint64        now)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *results = lg_search_run (store, spec, NULL, now, NULL, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (results);
  return results;
}

static LgSearchResult *
find_author (GPtrArray  *results,
             const char *name)
{
  for (guint i = 0; i < results->len; i++)
    if (g_strcmp0 (lg_search_result_get_author_name (g_ptr_array_index (results, i)), name) == 0)
      return g_ptr_array_index (results, i);
  return NULL;
}

static void
assert_ordered (GPtrArray *results)
{
  for (guint i = 1; i < results->len; i++)
    g_assert_cmpint (lg_search_result_get_score (g_ptr_array_index (results, i - 1)), >=,
                     lg_search_result_get_score (g_ptr_array_index (results, i)));
}

/* Pango markup is XML without a root element. */
static void
assert_valid_markup (const char *markup)
{
  static const GMarkupParser parser = { NULL };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  g_autofree char *document = g_strconcat ("<markup>", markup, "</markup>", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_markup_parse_context_parse (context, document, -1, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
}

static void
test_quote (void)
{
  g_autofree char *plain = lg_search_query_quote ("clinic", TRUE);
  g_autofree char *quotes = lg_search_query_quote ("say \"hi\"", FALSE);

  g_assert_cmpstr (plain, ==, "\"clinic\"*");
  g_assert_cmpstr (quotes, ==, "\"say \"\"hi\"\"\"");
}

static void
test_build (void)
{
  g_autoptr(GError) error = NULL;
  const char *must[] = { "dental", NULL };
  const char *exclude[] = { "vacancy", NULL };
  g_autoptr(LgOffer) offer = lg_offer_new ("CRM for clinics", must, exclude, &error);
  g_autofree char *query = NULL;

  g_assert_no_error (error);
  query = lg_search_query_build (offer, -1, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  /* Stems as prefixes, ORed; must ANDed; exclude NOTed. */
  g_assert_nonnull (strstr (query, "\"crm\"*"));
  g_assert_nonnull (strstr (query, "\"clinic\"*"));
  g_assert_nonnull (strstr (query, " OR "));
  g_assert_nonnull (strstr (query, " AND \"dental\"*"));
  g_assert_nonnull (strstr (query, " NOT \"vacanc"));
}

/* Outside double quotes, only the operators the builder writes. */
static void
assert_only_our_operators (const char *query)
{
  g_autoptr(GString) outside = g_string_new (NULL);
  gboolean quoted = FALSE;

  for (const char *p = query; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted)
        g_string_append_c (outside, *p);
    }
  g_assert_false (quoted);
  g_assert_null (strstr (outside->str, "NEAR"));
  g_assert_null (strchr (outside->str, ':'));
  g_assert_null (strchr (outside->str, '^'));
  g_assert_null (strchr (outside->str, '{'));
  g_assert_null (strchr (outside->str, '-'));
}

/* FTS5 syntax in the offer and the words is searched as text: it neither
 * breaks the query nor widens it. */
static void
test_escaping (Fixture       *f,
               gconstpointer  data)
{
  static const char * const offers[] = {
    "CRM\" OR \"gasket", "CRM) OR (gasket", "CRM* gasket*", "CRM NEAR(gasket)",
    "CRM OR gasket", "-CRM gasket", "text: CRM", "\"\"\"", "CRM ^ {text} : +",
  };

  for (guint i = 0; i < G_N_ELEMENTS (offers); i++)
    {
      g_autoptr(LgSearchSpec) spec = lg_search_spec_new (offers[i]);
      g_autoptr(LgSearchSpec) narrowed = lg_search_spec_new ("CRM for dental clinics");
      const char *exclude[] = { "-\"", "text:", NULL };
      const char *must[] = { offers[i], NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) results = NULL;
      g_autoptr(GPtrArray) narrow_results = NULL;
      g_auto(LgSearchStats) stats = { 0 };

      lg_search_spec_set_exclude (spec, exclude);
      results = lg_search_run (f->store, spec, NULL, NOW, NULL, NULL, NULL, &stats, &error);
      if (results == NULL)
        {
          /* Only a refusal the user can act on, never an FTS5 syntax error. */
          g_assert_error (error, LG_SEARCH_ERROR, LG_SEARCH_ERROR_EMPTY_OFFER);
          continue;
        }
      g_assert_no_error (error);
      assert_only_our_operators (stats.query);

      /* As a must-have word it narrows: an injected OR would let the gasket
       * message, which has no CRM, in. */
      lg_search_spec_set_must (narrowed, must);
      narrow_results = run (f->store, narrowed, NOW);
      g_assert_null (find_author (narrow_results, "Olu Adeyemi"));
    }
}

static void
test_common_words (Fixture       *f,
                   gconstpointer  data)
{
  LgSearchOptions options;
  g_autoptr(LgSearchSpec) spec = lg_search_spec_new ("CRM for patients");
  g_autoptr(LgSearchSpec) common = lg_search_spec_new ("CRM");
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(LgSearchStats) stats = { 0 };

  /* "crm" is in 6 of 7 messages, "patients" in 2. */
  lg_search_options_init (&options);
  options.common_share = 0.5;
  options.common_floor = 0;
  results = lg_search_run (f->store, spec, &options, NOW, NULL, NULL, NULL, &stats, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stats.dropped);
  g_assert_true (g_strv_contains ((const char * const *) stats.dropped, "crm"));
  g_assert_null (strstr (stats.query, "\"crm\""));
  /* Only the messages about patients were the query's candidates; the buyer
   * pool added the likeliest buyers among the others. */
  g_assert_cmpuint (stats.candidates - stats.buyer_candidates, ==, 2);

  g_assert_null (lg_search_run (f->store, common, &options, NOW, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, LG_SEARCH_ERROR, LG_SEARCH_ERROR_COMMON_WORDS);
}

static void
test_refusals (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgSearchSpec) empty = lg_search_spec_new ("   for the  ");
  g_autoptr(LgSearchSpec) spec = lg_search_spec_new ("CRM for dental clinics");
  g_autoptr(GError) error = NULL;

  g_assert_null (lg_search_run (store, empty, NULL, NOW, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, LG_SEARCH_ERROR, LG_SEARCH_ERROR_EMPTY_OFFER);
  g_clear_error (&error);
  g_assert_null (lg_search_run (store, spec, NULL, NOW, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, LG_SEARCH_ERROR, LG_SEARCH_ERROR_NO_MESSAGES);
}

static void
test_ranked (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(LgSearchSpec) spec = lg_search_spec_new ("CRM for dental clinics");
  g_autoptr(GPtrArray) results = run (f->store, spec, NOW);
  LgSearchResult *chris;

  g_assert_cmpuint (results->len, >=, 3);
  assert_ordered (results);
  /* Buyers above the vendor, whose ad scores low if at all. */
  chris = find_author (results, "Chris Baker");
  g_assert_nonnull (chris);
  g_assert_cmpstr (lg_search_result_get_author_name (g_ptr_array_index (results, 0)), !=,
                   "Vendor Bob");
  g_assert_cmpstr (lg_search_result_get_reason (chris), !=, "");
  g_assert_nonnull (strstr (lg_search_result_get_reason (chris), "@dental_owners"));
  g_assert_cmpstr (lg_search_result_get_link (chris), ==, "https://t.me/dental_owners/1");
  /* The excerpt's matched words are in bold, the rest escaped. */
  {
    g_autofree char *markup = lg_search_result_dup_excerpt (chris, 300, TRUE);

    g_assert_nonnull (strstr (markup, "<b>"));
    assert_valid_markup (markup);
  }
}

static void
test_one_per_author (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(LgSearchSpec) spec = lg_search_spec_new ("CRM for dental clinics");
  g_autoptr(GPtrArray) results = run (f->store, spec, NOW);
  LgSearchResult *chris = find_author (results, "Chris Baker");
  guint n_chris = 0;

  for (guint i = 0; i < results->len; i++)
    if (g_strcmp0 (lg_search_result_get_author_handle (g_ptr_array_index (results, i)),
                   "cbaker") == 0)
      n_chris++;
  g_assert_cmpuint (n_chris, ==, 1);
  /* Their best message, and the other one counted. */
  g_assert_nonnull (strstr (lg_search_result_get_text (chris), "Looking for a CRM"));
  g_assert_cmpuint (lg_search_result_get_other_count (chris), ==, 1);
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(LgSearchSpec) spec = lg_search_spec_new ("CRM for clinics and cafes");
  gint64 cafe = lg_source_get_id (f->cafe);
  g_autoptr(GPtrArray) all = run (f->store, spec, NOW);
  g_autoptr(GPtrArray) only_cafe = NULL;
  g_autoptr(GPtrArray) recent = NULL;
  g_autoptr(GPtrArray) strong = NULL;
  int min;

  g_assert_nonnull (find_author (all, "Dave Rourke"));

  lg_search_spec_set_source_ids (spec, &cafe, 1);
  only_cafe = run (f->store, spec, NOW);
  g_assert_cmpuint (only_cafe->len, >, 0);
  for (guint i = 0; i < only_cafe->len; i++)
    g_assert_cmpint (lg_search_result_get_source_id (g_ptr_array_index (only_cafe, i)), ==, cafe);

  /* The last 30 days: Dave's message is 40 days old. */
  lg_search_spec_set_source_ids (spec, NULL, 0);
  lg_search_spec_set_since (spec, NOW - 30 * DAY);
  recent = run (f->store, spec, NOW);
  g_assert_null (find_author (recent, "Dave Rourke"));
  g_assert_nonnull (find_author (recent, "Marco Bellini"));
  lg_search_spec_set_since (spec, 0);
  lg_search_spec_set_until (spec, NOW - 30 * DAY);
  recent = (g_ptr_array_unref (recent), run (f->store, spec, NOW));
  g_assert_cmpuint (recent->len, ==, 1);
  g_assert_nonnull (find_author (recent, "Dave Rourke"));

  /* A minimum score between the best and the worst keeps only those above. */
  lg_search_spec_set_until (spec, 0);
  min = lg_search_result_get_score (g_ptr_array_index (all, all->len - 1)) + 1;
  lg_search_spec_set_min_score (spec, min);
  strong = run (f->store, spec, NOW);
  g_assert_cmpuint (strong->len, <, all->len);
  for (guint i = 0; i < strong->len; i++)
    g_assert_cmpint (lg_search_result_get_score (g_ptr_array_index (strong, i)), >=, min);
}

/* Keeping to a kind of source: every source of it, those added after the
 * search was saved too, and nothing when there is none of that kind. */
static void
test_kind_filter (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(LgSearchSpec) spec = lg_search_spec_new ("CRM for clinics and cafes");
  const char *feeds[] = { "feed", NULL };
  const char *whatsapp[] = { "whatsapp_export", NULL };
  g_autoptr(LgSource) forum = lg_source_new ();
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) only_feeds = NULL;
  g_autoptr(GPtrArray) mixed = NULL;
  g_autoptr(GListModel) saved = NULL;
  g_autoptr(LgSearchSpec) loaded = NULL;
  g_autoptr(GError) error = NULL;
  gint64 cafe = lg_source_get_id (f->cafe);

  lg_search_spec_set_source_kinds (spec, feeds);
  none = run (f->store, spec, NOW);
  g_assert_cmpuint (none->len, ==, 0);

  /* Saved before the feed exists, the search finds what the feed brings. */
  lg_search_spec_set_name (spec, "Feeds only");
  g_assert_true (lg_search_save (f->store, spec, &error));
  g_assert_no_error (error);
  lg_source_set_kind (forum, "feed");
  lg_source_set_handle (forum, "https://forum.example.org/latest.rss");
  lg_source_set_title (forum, "Dental Practice Forum");
  g_assert_true (lg_store_add_source (f->store, forum, &error));
  g_assert_no_error (error);
  add_message (f->store, forum, "t1", "Priya Raman", "praman", NOW - DAY,
               "Looking for a CRM for our dental clinic that books appointments online");

  saved = lg_search_list_saved (f->store, &error);
  g_assert_no_error (error);
  loaded = g_list_model_get_item (saved, 0);
  g_assert_cmpstrv (lg_search_spec_get_source_kinds (loaded), feeds);
  only_feeds = run (f->store, loaded, NOW);
  g_assert_cmpuint (only_feeds->len, ==, 1);
  g_assert_cmpstr (lg_search_result_get_author_name (g_ptr_array_index (only_feeds, 0)), ==,
                   "Priya Raman");
  /* The place is named by the source's title. */
  g_assert_cmpstr (lg_search_result_get_source_label (g_ptr_array_index (only_feeds, 0)), ==,
                   "Dental Practice Forum");

  /* A kind and a single source: both. */
  lg_search_spec_set_source_kinds (spec, whatsapp);
  lg_search_spec_set_source_ids (spec, &cafe, 1);
  mixed = run (f->store, spec, NOW);
  g_assert_nonnull (find_author (mixed, "Marco Bellini"));
  g_assert_null (find_author (mixed, "Priya Raman"));
  g_assert_null (find_author (mixed, "Chris Baker"));
}

static LgSearchSpec *
saved_spec (LgStore *store)
{
  g_autoptr(GError) error = NULL;
  LgSearchSpec *spec = lg_search_spec_new ("CRM for dental clinics");

  lg_search_spec_set_name (spec, "Dental CRM");
  g_assert_true (lg_search_save (store, spec, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lg_search_spec_get_id (spec), >, 0);
  return spec;
}

static void
test_saved_new_since_last_run (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(LgSearchSpec) spec = saved_spec (f->store);
  g_autoptr(GPtrArray) first = run (f->store, spec, NOW);
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GListModel) saved = NULL;
  g_autoptr(LgSearchSpec) loaded = NULL;
  g_autoptr(GError) error = NULL;

  /* A first run marks nothing new. */
  for (guint i = 0; i < first->len; i++)
    g_assert_false (lg_search_result_get_is_new (g_ptr_array_index (first, i)));

  saved = lg_search_list_saved (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (saved), ==, 1);
  loaded = g_list_model_get_item (saved, 0);
  g_assert_cmpstr (lg_search_spec_get_name (loaded), ==, "Dental CRM");
  g_assert_cmpstr (lg_search_spec_get_offer (loaded), ==, "CRM for dental clinics");
  g_assert_cmpint (lg_search_spec_get_last_run (loaded), ==, NOW);

  /* Someone new asks a day later. */
  add_message (f->store, f->dental, "6", "Hannah Kim", "drhannahkim", NOW + DAY / 2,
               "Can anyone recommend a dental CRM with text reminders? Ours is awful");
  second = run (f->store, loaded, NOW + DAY);
  for (guint i = 0; i < second->len; i++)
    {
      LgSearchResult *result = g_ptr_array_index (second, i);

      g_assert_cmpint (lg_search_result_get_is_new (result), ==,
                       g_strcmp0 (lg_search_result_get_author_name (result), "Hannah Kim") == 0);
    }
  g_assert_nonnull (find_author (second, "Hannah Kim"));

  g_assert_true (lg_search_remove_saved (f->store, lg_search_spec_get_id (spec), &error));
  g_clear_object (&saved);
  saved = lg_search_list_saved (f->store, &error);
  g_assert_cmpuint (g_list_model_get_n_items (saved), ==, 0);
}

/* With more matches than the pool holds, the pool gets the messages with
 * the most and rarest of the offer's concepts, not the newest ones; with a
 * date filter too. */
static void
test_pool_ranking (Fixture       *f,
                   gconstpointer  data)
{
  for (int pass = 0; pass < 2; pass++)
    {
      g_autoptr(LgSearchSpec) spec = lg_search_spec_new ("CRM for dental clinics");
      g_autoptr(GPtrArray) results = NULL;
      g_autoptr(GError) error = NULL;
      g_auto(LgSearchStats) stats = { 0 };
      LgSearchOptions options;

      if (pass == 0)
        for (int i = 0; i < 30; i++)
          {
            g_autofree char *id = g_strdup_printf ("c%d", i);
            g_autofree char *name = g_strdup_printf ("Filler %d", i);

            add_message (f->store, f->cafe, id, name, NULL, NOW - DAY / 2,
                         "the clinic next door needs a new sign, looking for a sign maker");
          }
      else
        lg_search_spec_set_since (spec, NOW - 30 * DAY);

      lg_search_options_init (&options);
      options.pool = 3;
      options.buyer_pool = 0;
      options.common_floor = 1000;
      results = lg_search_run (f->store, spec, &options, NOW, NULL, NULL, NULL, &stats, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (stats.candidates, ==, 3);
      g_assert_nonnull (find_author (results, "Chris Baker"));
      for (guint i = 0; i < results->len; i++)
        g_assert_false (g_str_has_prefix (lg_search_result_get_author_name (
                                            g_ptr_array_index (results, i)), "Filler"));
    }
}

/* Sellers' adverts repeat the offer's words and rank first by them alone;
 * among the best lexical matches, the pool takes the authors the model reads
 * as buyers first. */
static void
test_pool_prefers_buyers (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(LgSearchSpec) spec = lg_search_spec_new ("CRM for dental clinics");
  gint64 buyer;

  for (int i = 0; i < 12; i++)
    {
      g_autofree char *id = g_strdup_printf ("ad%d", i);
      g_autofree char *name = g_strdup_printf ("Vendor %d", i);

      add_message (f->store, f->dental, id, name, NULL, NOW - DAY,
                   "Dental CRM for dental clinics: the dental clinic CRM that clinics love. "
                   "We offer a free demo, DM for prices");
    }
  buyer = add_message (f->store, f->cafe, "b1", "Iris Novak", NULL, NOW - DAY,
                       "Which CRM do you use at your dental clinic? Can anyone recommend one?");

  for (int pass = 0; pass < 2; pass++)
    {
      g_autoptr(GPtrArray) results = NULL;
      g_autoptr(GError) error = NULL;
      g_auto(LgSearchStats) stats = { 0 };
      LgSearchOptions options;

      lg_search_options_init (&options);
      options.pool = 3;
      options.buyer_pool = 0;
      options.common_floor = 1000;
      /* The first pass ranks by the words alone. */
      options.widen = pass == 0 ? 1 : 8;
      results = lg_search_run (f->store, spec, &options, NOW, NULL, NULL, NULL, &stats, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (stats.candidates, ==, 3);
      if (pass == 0)
        g_assert_null (find_author (results, "Iris Novak"));
      else
        {
          g_assert_nonnull (find_author (results, "Iris Novak"));
          g_assert_cmpint (lg_search_result_get_message_id (find_author (results, "Iris Novak")),
                           ==, buyer);
        }
    }
}

/* A word of the offer found in most messages is left out of the query; a buyer
 * who uses it still reaches the scorer through the buyer pool. */
static void
test_buyer_pool (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(LgSearchSpec) spec = lg_search_spec_new ("CRM for dental clinics");

  for (int i = 0; i < 40; i++)
    {
      g_autofree char *id = g_strdup_printf ("n%d", i);
      g_autofree char *name = g_strdup_printf ("Member %d", i);

      add_message (f->store, f->dental, id, name, NULL, NOW - DAY,
                   "the new CRM update moved the dental chart button again");
    }
  add_message (f->store, f->dental, "b2", "Iris Novak", NULL, NOW - DAY,
               "Looking for a CRM for our dental practice, can anyone recommend one?");

  for (int pass = 0; pass < 2; pass++)
    {
      g_autoptr(GPtrArray) results = NULL;
      g_autoptr(GError) error = NULL;
      g_auto(LgSearchStats) stats = { 0 };
      LgSearchOptions options;

      lg_search_options_init (&options);
      options.common_share = 0;
      options.common_floor = 20;
      options.buyer_pool = pass == 0 ? 0 : 100;
      results = lg_search_run (f->store, spec, &options, NOW, NULL, NULL, NULL, &stats, &error);
      g_assert_no_error (error);
      g_assert_true (g_strv_contains ((const char * const *) stats.dropped, "crm"));
      g_assert_true (g_strv_contains ((const char * const *) stats.dropped, "dental"));
      if (pass == 0)
        g_assert_null (find_author (results, "Iris Novak"));
      else
        {
          g_assert_nonnull (find_author (results, "Iris Novak"));
          g_assert_cmpuint (stats.buyer_candidates, >, 0);
        }
    }
}

/* Messages stored before the buyer reading existed (NULL) are read by the
 * first search; the readings of another model are read again. */
static void
test_directions (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 unread;

  g_assert_cmpint (lg_test_query_int (f->store, "SELECT count(*) FROM messages "
                                                "WHERE buyer IS NULL"), ==, 0);
  g_assert_cmpint (lg_test_query_int (f->store, "SELECT count(*) FROM messages "
                                                "WHERE buyer > 0.5"), >=, 4);
  g_assert_true (lg_store_exec (f->store, "UPDATE messages SET buyer = NULL WHERE id % 2 = 0",
                                &error));
  unread = lg_test_query_int (f->store, "SELECT count(*) FROM messages WHERE buyer IS NULL");
  g_assert_cmpint (unread, >, 0);
  g_assert_true (lg_store_read_directions (f->store, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lg_test_query_int (f->store, "SELECT count(*) FROM messages "
                                                "WHERE buyer IS NULL"), ==, 0);

  /* Another model's readings: all read again. */
  g_assert_true (lg_store_exec (f->store, "UPDATE messages SET buyer = 0.123; "
                                "UPDATE store_state SET value = 'another' "
                                "WHERE key = 'buyer_model'", &error));
  g_assert_true (lg_store_read_directions (f->store, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lg_test_query_int (f->store, "SELECT count(*) FROM messages "
                                                "WHERE buyer = 0.123"), ==, 0);
  g_assert_cmpint (lg_test_query_int (f->store, "SELECT count(*) FROM store_state "
                                                "WHERE value = 'another'"), ==, 0);
}

static void
test_dismiss (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(LgSearchSpec) spec = saved_spec (f->store);
  g_autoptr(GPtrArray) first = run (f->store, spec, NOW);
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GError) error = NULL;
  LgSearchResult *natalie = find_author (first, "Natalie Fischer");

  g_assert_nonnull (natalie);
  g_assert_true (lg_search_dismiss (f->store, spec, natalie, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lg_search_result_get_status (natalie), ==, LG_MATCH_DISMISSED);

  second = run (f->store, spec, NOW + 60);
  g_assert_null (find_author (second, "Natalie Fischer"));
  g_assert_cmpuint (second->len, ==, first->len - 1);

  /* Undone, she is back. */
  g_assert_true (lg_search_restore (f->store, spec, natalie, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lg_search_result_get_status (natalie), ==, LG_MATCH_NEW);
  g_ptr_array_unref (second);
  second = run (f->store, spec, NOW + 120);
  g_assert_nonnull (find_author (second, "Natalie Fischer"));
}

/* Acting on a result the saved search has not recorded yet (it streams in
 * before the run ends) records it. */
static void
test_act_before_recorded (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(LgSearchSpec) unsaved = lg_search_spec_new ("CRM for dental clinics");
  g_autoptr(LgSearchSpec) spec = saved_spec (f->store);
  g_autoptr(GPtrArray) streamed = run (f->store, unsaved, NOW);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  LgSearchResult *natalie = find_author (streamed, "Natalie Fischer");

  g_assert_true (lg_search_dismiss (f->store, spec, natalie, &error));
  g_assert_no_error (error);
  results = run (f->store, spec, NOW);
  g_assert_null (find_author (results, "Natalie Fischer"));
}

static void
test_feedback_changes_order (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(LgSearchSpec) spec = saved_spec (f->store);
  g_autoptr(LgSearchSpec) other = lg_search_spec_new ("CRM for dental clinics");
  g_autoptr(GPtrArray) before = run (f->store, spec, NOW);
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) untouched = NULL;
  g_autoptr(GError) error = NULL;
  LgSearchResult *top = g_ptr_array_index (before, 0);
  LgSearchResult *second = g_ptr_array_index (before, 1);
  int top_score = lg_search_result_get_score (top);
  int second_score = lg_search_result_get_score (second);
  g_autofree char *top_author = g_strdup (lg_search_result_get_author_name (top));
  g_autofree char *second_author = g_strdup (lg_search_result_get_author_name (second));
  g_autoptr(GPtrArray) turned = NULL;
  g_autoptr(GPtrArray) back = NULL;

  g_assert_true (lg_search_vote (f->store, spec, top, -1, &error));
  g_assert_true (lg_search_vote (f->store, spec, second, 1, &error));
  g_assert_no_error (error);
  g_assert_nonnull (lg_search_spec_get_feedback (spec));
  g_assert_cmpint (lg_search_result_get_feedback (top), ==, -1);

  after = run (f->store, spec, NOW + 60);
  g_assert_cmpint (lg_search_result_get_score (find_author (after, top_author)), <, top_score);
  g_assert_cmpint (lg_search_result_get_score (
                     find_author (after, lg_search_result_get_author_name (second))), >,
                   second_score);
  g_assert_cmpstr (lg_search_result_get_author_name (g_ptr_array_index (after, 0)), !=,
                   top_author);
  g_assert_cmpint (lg_search_result_get_feedback (find_author (after, top_author)), ==, -1);
  /* Each moved by its own vote says so; the rest were pushed, not moved by
   * feedback, and say nothing. */
  g_assert_cmpint (lg_search_result_get_feedback_move (find_author (after, top_author)), ==, -1);
  g_assert_cmpint (lg_search_result_get_feedback_move (find_author (after, second_author)), ==, 1);
  for (guint i = 0; i < after->len; i++)
    {
      LgSearchResult *result = g_ptr_array_index (after, i);

      if (lg_search_result_get_contribution (result, LG_SIGNAL_FEEDBACK) == 0)
        g_assert_cmpint (lg_search_result_get_feedback_move (result), ==, 0);
    }

  /* Turned, a vote is unlearnt before the new one is learnt; taken back, the
   * ranking is as before. */
  g_assert_true (lg_search_vote (f->store, spec, find_author (after, top_author), 1, &error));
  g_assert_no_error (error);
  turned = run (f->store, spec, NOW);
  g_assert_cmpint (lg_search_result_get_score (find_author (turned, top_author)), >, top_score);
  g_assert_true (lg_search_vote (f->store, spec, find_author (turned, top_author), 0, &error));
  g_assert_true (lg_search_vote (f->store, spec, find_author (turned, second_author), 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lg_search_result_get_feedback (find_author (turned, top_author)), ==, 0);
  back = run (f->store, spec, NOW);
  g_assert_cmpint (lg_search_result_get_score (find_author (back, top_author)), ==, top_score);
  g_assert_cmpint (lg_search_result_get_score (find_author (back, second_author)), ==,
                   second_score);
  g_assert_cmpint (lg_search_result_get_feedback (find_author (back, top_author)), ==, 0);

  /* Another search of the same offer ranks as before. */
  untouched = run (f->store, other, NOW + 60);
  g_assert_cmpstr (lg_search_result_get_author_name (g_ptr_array_index (untouched, 0)), ==,
                   top_author);
}

static gint64
count_rows (LgStore    *store,
            const char *what)
{
  LgStoreCounts counts;
  g_autoptr(GError) error = NULL;

  g_assert_true (lg_store_count (store, &counts, &error));
  if (g_str_equal (what, "leads"))
    return counts.leads;
  if (g_str_equal (what, "messages"))
    return counts.messages;
  if (g_str_equal (what, "followups"))
    return counts.followups;
  return counts.sources;
}

static void
test_pipeline_and_undo (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(LgSearchSpec) spec = saved_spec (f->store);
  g_autoptr(GPtrArray) results = run (f->store, spec, NOW);
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LgLead) lead = NULL;
  LgSearchResult *chris = find_author (results, "Chris Baker");
  g_autoptr(LgSearchResult) queued = lg_search_result_copy (chris);
  int score = lg_search_result_get_score (chris);
  LgStoreCounts before = { 0 };
  LgStoreCounts after = { 0 };

  g_assert_true (lg_store_count (f->store, &before, NULL));
  g_assert_true (lg_search_add_to_pipeline (f->store, spec, chris, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lg_search_result_get_lead_id (chris), >, 0);
  /* A second add of the same result, queued before the first landed (a copy
   * that does not know the lead), finds that lead instead of another. */
  g_assert_true (lg_search_add_to_pipeline (f->store, spec, queued, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lg_search_result_get_lead_id (queued), ==, lg_search_result_get_lead_id (chris));
  g_assert_true (lg_store_count (f->store, &after, NULL));
  g_assert_cmpint (after.leads, ==, before.leads + 1);
  g_assert_cmpint (lg_search_result_get_status (chris), ==, LG_MATCH_ACCEPTED);

  lead = lg_store_get_lead (f->store, lg_search_result_get_lead_id (chris), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lg_lead_get_name (lead), ==, "Chris Baker");
  g_assert_cmpstr (lg_lead_get_telegram_handle (lead), ==, "cbaker");
  g_assert_cmpstr (lg_lead_get_stage (lead), ==, score >= 70 ? "hot" : score >= 40 ? "warm"
                                                                                  : "cold");
  g_assert_cmpint (lg_lead_get_score (lead), ==, score);
  g_assert_cmpint (lg_lead_get_message_id (lead), ==, lg_search_result_get_message_id (chris));
  g_assert_cmpint (lg_lead_get_source_id (lead), ==, lg_source_get_id (f->dental));
  /* Speed to lead: from the message and from when it was found. */
  g_assert_cmpint (lg_lead_get_message_at (lead), ==, lg_search_result_get_sent_at (chris));
  g_assert_cmpint (lg_lead_get_found_at (lead), ==, lg_lead_get_created_at (lead));
  g_assert_cmpint (lg_lead_get_found_at (lead), >, 0);
  {
    g_autoptr(GListModel) timeline = lg_store_list_activities (f->store, lg_lead_get_id (lead),
                                                               &error);

    g_autoptr(LgActivity) created = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (timeline), ==, 1);
    created = g_list_model_get_item (timeline, 0);
    g_assert_cmpstr (lg_activity_get_kind (created), ==, "created");
  }

  /* The next run shows Chris as already in the pipeline. */
  again = run (f->store, spec, NOW + 60);
  g_assert_cmpint (lg_search_result_get_lead_id (find_author (again, "Chris Baker")), ==,
                   lg_lead_get_id (lead));
  g_assert_cmpint (lg_search_result_get_status (find_author (again, "Chris Baker")), ==,
                   LG_MATCH_ACCEPTED);

  g_assert_true (lg_search_undo_add (f->store, spec, chris, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f->store, "leads"), ==, 0);
  g_assert_cmpint (lg_search_result_get_lead_id (chris), ==, 0);
  g_assert_cmpint (lg_search_result_get_status (chris), ==, LG_MATCH_NEW);
}

/* The Find Leads export (the results in the list) and the stored matches'
 * export (leadgram-cli export-csv --what matches) write the same columns the
 * same way: a result's line is the same in both files. */
static void
test_export_csv (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(LgSearchSpec) spec = lg_search_spec_new ("CRM for dental clinics");
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GListStore) list = g_list_store_new (LG_TYPE_SEARCH_RESULT);
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "matches.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *first_score = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) stored_lines = NULL;
  guint n_stored = 0;

  g_assert_true (lg_search_save (f->store, spec, &error));
  g_assert_no_error (error);
  results = run (f->store, spec, NOW);
  g_list_store_splice (list, 0, 0, results->pdata, results->len);
  csv = lg_search_results_to_csv (G_LIST_MODEL (list));
  lines = g_strsplit (csv, "\r\n", -1);

  g_assert_cmpstr (lines[0], ==, "Score,Reason,Source,Author,Handle,Date,Excerpt,Link");
  /* A header, one line per result, and the empty piece after the last CRLF. */
  g_assert_cmpuint (g_strv_length (lines), ==, results->len + 2);
  first_score = g_strdup_printf ("%d,", lg_search_result_get_score (g_ptr_array_index (results,
                                                                                     0)));
  g_assert_true (g_str_has_prefix (lines[1], first_score));
  g_assert_nonnull (strstr (csv, "https://t.me/dental_owners/1"));
  /* Reasons hold commas or quotes only inside a quoted field. */
  g_assert_nonnull (strstr (lines[1], ",\""));
  /* Dates in UTC, as every export writes them. */
  g_assert_nonnull (strstr (lines[1], "Z,"));

  g_assert_true (lg_lead_export_matches (f->store, path, lg_search_spec_get_id (spec), FALSE,
                                         &n_stored, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_stored, >=, results->len);
  g_assert_true (g_file_get_contents (path, &stored, NULL, NULL));
  stored_lines = g_strsplit (stored, "\r\n", -1);
  g_assert_cmpstr (stored_lines[0], ==, lines[0]);
  for (guint i = 1; lines[i] != NULL && lines[i][0] != '\0'; i++)
    g_assert_true (g_strv_contains ((const char * const *) stored_lines, lines[i]));
}

static void
test_sample_workspace (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgSource) own = lg_test_add_source (store, "my_own_channel");
  g_autoptr(LgLead) own_lead = lg_lead_new ();
  g_autoptr(LgSearchSpec) spec = lg_search_spec_new ("CRM for dental clinics");
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GListModel) sources = NULL;
  g_autoptr(GError) error = NULL;
  LgStoreCounts counts;

  add_message (store, own, "1", "Me", "me", NOW, "my own message about a CRM");
  lg_lead_set_name (own_lead, "My own lead");
  g_assert_true (lg_store_add_lead (store, own_lead, &error));

  g_assert_false (lg_sample_workspace_is_loaded (store));
  g_assert_true (lg_sample_workspace_load (store, NOW, &error));
  g_assert_no_error (error);
  g_assert_true (lg_sample_workspace_is_loaded (store));
  g_assert_true (lg_store_count (store, &counts, &error));
  g_assert_cmpint (counts.sources, ==, 1 + 5);
  g_assert_cmpint (counts.messages, ==, 1 + 391);
  g_assert_cmpint (counts.leads, ==, 1 + 24);
  /* Next steps on some leads; those already due do not notify again. */
  g_assert_cmpint (count_rows (store, "followups"), ==, 8);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM followups "
                                             "WHERE due_at <= created_at "
                                             "AND notified_due_at = due_at"), ==, 2);
  /* Leads found in the sample channels carry the engine's score of the
   * message that surfaced them, some of them strong. */
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads WHERE sample = 1 "
                                             "AND message_id IS NOT NULL AND score < 0"), ==, 0);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads WHERE sample = 1 "
                                             "AND message_id IS NOT NULL"), >=, 20);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads WHERE sample = 1 "
                                             "AND score >= 70"), >=, 5);
  /* Costs for cost per lead and ROI, in the last three months. */
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM costs"), ==, 8);
  /* Loading twice adds nothing. */
  g_assert_true (lg_sample_workspace_load (store, NOW, &error));
  g_assert_cmpint (count_rows (store, "messages"), ==, 1 + 391);

  /* Its channels exist nowhere else: nothing offers to sync them. */
  sources = lg_store_list_sources (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(LgSource) source = g_list_model_get_item (sources, i);
      gboolean mine = lg_source_get_id (source) == lg_source_get_id (own);

      g_assert_cmpint (lg_source_get_sample (source), ==, !mine);
      g_assert_cmpint (lg_source_can_sync (source), ==, mine);
    }

  /* It searches like real data, and a lead made from it is sample too. */
  results = run (store, spec, NOW);
  g_assert_cmpuint (results->len, >=, 5);
  assert_ordered (results);
  /* Every result's breakdown adds up to the score on its badge. */
  for (guint i = 0; i < results->len; i++)
    {
      LgSearchResult *result = g_ptr_array_index (results, i);
      int sum = lg_search_result_get_base (result);

      for (guint s = 0; s < LG_N_SIGNALS; s++)
        sum += lg_search_result_get_contribution (result, s);
      g_assert_cmpint (sum, ==, lg_search_result_get_score (result));
    }
  for (guint i = 0; i < results->len; i++)
    if (lg_search_result_get_lead_id (g_ptr_array_index (results, i)) == 0)
      {
        g_assert_true (lg_search_add_to_pipeline (store, spec, g_ptr_array_index (results, i),
                                                  &error));
        break;
      }
  g_assert_cmpint (count_rows (store, "leads"), ==, 1 + 24 + 1);

  g_assert_true (lg_sample_workspace_remove (store, &error));
  g_assert_no_error (error);
  g_assert_false (lg_sample_workspace_is_loaded (store));
  g_assert_true (lg_store_count (store, &counts, &error));
  g_assert_cmpint (counts.sources, ==, 1);
  g_assert_cmpint (counts.messages, ==, 1);
  g_assert_cmpint (counts.leads, ==, 1);
  g_assert_cmpint (count_rows (store, "followups"), ==, 0);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM costs"), ==, 0);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(LgSearchSpec) spec = lg_search_spec_new ("CRM for dental clinics");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  LgSearchOptions options;

  lg_search_options_init (&options);
  options.batch = 1;
  g_cancellable_cancel (cancellable);
  g_assert_null (lg_search_run (f->store, spec, &options, NOW, cancellable, NULL, NULL, NULL,
                                &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

typedef struct
{
  GHashTable *seen;   /* author key -> best score reported */
  guint       batches;
  GPtrArray  *results;
  GError     *error;
  GMainLoop  *loop;
  GThread    *main_thread;
} AsyncRun;

static void
on_batch_cb (GPtrArray *results,
             gpointer   user_data)
{
  AsyncRun *run = user_data;

  g_assert_true (g_thread_self () == run->main_thread);
  run->batches++;
  for (guint i = 0; i < results->len; i++)
    {
      LgSearchResult *result = g_ptr_array_index (results, i);

      g_hash_table_insert (run->seen, g_strdup (lg_search_result_get_author_key (result)),
                           GINT_TO_POINTER (lg_search_result_get_score (result)));
    }
}

static void
on_run_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  AsyncRun *run = user_data;

  run->results = lg_search_run_finish (LG_STORE (object), result, &run->error);
  g_main_loop_quit (run->loop);
}

static void
test_async_streams (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(LgSearchSpec) spec = saved_spec (f->store);
  AsyncRun run = { 0 };

  run.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run.loop = g_main_loop_new (NULL, FALSE);
  run.main_thread = g_thread_self ();
  lg_search_run_async (f->store, spec, NULL, on_batch_cb, &run, on_run_done_cb, &run);
  g_main_loop_run (run.loop);

  g_assert_no_error (run.error);
  g_assert_cmpuint (run.batches, >=, 1);
  g_assert_cmpuint (run.results->len, >, 0);
  /* Every final result was streamed with its final score. */
  for (guint i = 0; i < run.results->len; i++)
    {
      LgSearchResult *result = g_ptr_array_index (run.results, i);

      g_assert_cmpint (GPOINTER_TO_INT (g_hash_table_lookup (run.seen,
                                          lg_search_result_get_author_key (result))), ==,
                       lg_search_result_get_score (result));
    }
  /* The saved spec learnt when it ran. */
  g_assert_cmpint (lg_search_spec_get_last_run (spec), >, 0);

  g_ptr_array_unref (run.results);
  g_hash_table_unref (run.seen);
  g_main_loop_unref (run.loop);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/search/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/search/query/quote", test_quote);
  g_test_add_func ("/search/query/build", test_build);
  ADD ("query/escaping", test_escaping);
  ADD ("query/common-words", test_common_words);
  g_test_add_func ("/search/refusals", test_refusals);
  ADD ("ranked", test_ranked);
  ADD ("one-per-author", test_one_per_author);
  ADD ("filters", test_filters);
  ADD ("kind-filter", test_kind_filter);
  ADD ("saved/new-since-last-run", test_saved_new_since_last_run);
  ADD ("pool-ranking", test_pool_ranking);
  ADD ("pool-prefers-buyers", test_pool_prefers_buyers);
  ADD ("buyer-pool", test_buyer_pool);
  ADD ("directions", test_directions);
  ADD ("dismiss", test_dismiss);
  ADD ("act-before-recorded", test_act_before_recorded);
  ADD ("feedback", test_feedback_changes_order);
  ADD ("pipeline-and-undo", test_pipeline_and_undo);
  ADD ("export-csv", test_export_csv);
  g_test_add_func ("/search/sample-workspace", test_sample_workspace);
  ADD ("cancel", test_cancel);
  ADD ("async-streams", test_async_streams);

#undef ADD

  return g_test_run ();
}
