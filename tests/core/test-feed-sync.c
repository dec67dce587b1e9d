/* test-feed-sync.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LgFeedSync against a SoupServer on 127.0.0.1 serving recorded feeds (the
 * real ones of tests/fixtures/feeds): conditional requests and 304, the
 * polite interval, 429 with Retry-After, 5xx back-off, redirects, a feed
 * cut off, a web page instead of a feed, cancelling, and the presets
 * (Reddit, Mastodon, Discourse, Lemmy, Hacker News) pointed at the fake
 * through LEADGRAM_FEED_BASE_URL.
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "lg-feed-sync.h"
#include "lg-http.h"
#include "lg-sources.h"
#include "lg-test-util.h"

typedef struct
{
  SoupServer *server;
  char       *base_url;
  guint       requests;
  char       *user_agent;
  char       *if_none_match;
  char       *if_modified_since;
  guint       version;        /* /blog.xml: 1 or 2 items */
  guint       rate_limits;    /* answer 429 this many more times */
  guint       failures;       /* answer 503 this many more times */
  guint       delay_ms;       /* /blog.xml answers this late */
  /* Real-time µs (the clock the sync's retry_at counts in) of each
   * request's arrival and of each answer to /blog.xml leaving. */
  GArray     *times;
  GArray     *answers;
  guint       delayed;        /* the timeout of an answer held back, or 0 */
} Fake;

static Fake fake;

static char *
read_fixture (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "fixtures", "feeds",
                                            name, NULL);
  char *data = NULL;

  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  return data;
}

/* What hn.algolia.com answered to url (as node-hacker-news-api recorded
 * it), as the server's body. */
static char *
hn_answer (const char *url)
{
  g_autofree char *path = g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "fixtures", "feeds",
                                            "hn", "node-hacker-news-api-fixtures.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *answers;

  g_assert_true (json_parser_load_from_file (parser, path, NULL));
  answers = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (answers); i++)
    {
      JsonObject *answer = json_array_get_object_element (answers, i);

      if (g_str_equal (json_object_get_string_member (answer, "url"), url))
        return json_to_string (json_object_get_member (answer, "reply"), FALSE);
    }
  g_assert_not_reached ();
}

static char *
blog (guint version)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>"
                               "<title>Clinic Owners Forum</title>");

  for (guint i = version; i >= 1; i--)
    g_string_append_printf (xml, "<item><title>Looking for a CRM, part %u</title>"
                            "<guid isPermaLink=\"false\">post-%u</guid>"
                            "<link>/t/post-%u</link><author>owner%u</author>"
                            "<pubDate>Tue, 03 Jun 2025 0%u:00:00 GMT</pubDate>"
                            "<description>&lt;p&gt;Which CRM do you use?&lt;/p&gt;</description>"
                            "</item>", i, i, i, i, i);
  g_string_append (xml, "</channel></rss>\n");
  return g_string_free (xml, FALSE);
}

static void
respond (SoupServerMessage *msg,
         guint              status,
         const char        *type,
         char              *body)
{
  soup_server_message_set_status (msg, status, NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, type, SOUP_MEMORY_TAKE, body, strlen (body));
}

static void
redirect (SoupServerMessage *msg,
          guint              status,
          const char        *location)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location",
                                location);
  respond (msg, status, NULL, NULL);
}

static void
serve_blog (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *etag = g_strdup_printf ("\"v%u\"", fake.version);
  gint64 now = g_get_real_time ();

  /* Before the answer leaves, so the client reads it only later. */
  g_array_append_val (fake.answers, now);
  if (g_strcmp0 (fake.if_none_match, etag) == 0)
    {
      respond (msg, 304, NULL, NULL);
      return;
    }
  soup_message_headers_replace (headers, "ETag", etag);
  soup_message_headers_replace (headers, "Last-Modified", "Tue, 03 Jun 2025 10:00:00 GMT");
  respond (msg, 200, "application/rss+xml", blog (fake.version));
}

static gboolean
unpause_cb (gpointer data)
{
  SoupServerMessage *msg = data;

  fake.delayed = 0;
  serve_blog (msg);
  soup_server_message_unpause (msg);
  return G_SOURCE_REMOVE;
}

/* The blog's answer after delay_ms, as a busy server gives it. */
static void
serve_blog_after (SoupServerMessage *msg,
                  guint              delay_ms)
{
  if (delay_ms == 0)
    {
      serve_blog (msg);
      return;
    }
  g_assert_cmpuint (fake.delayed, ==, 0);
  soup_server_message_pause (msg);
  fake.delayed = g_timeout_add_full (G_PRIORITY_DEFAULT, delay_ms, unpause_cb,
                                     g_object_ref (msg), g_object_unref);
}

static void
handle_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  gint64 now = g_get_real_time ();

  fake.requests++;
  g_array_append_val (fake.times, now);
  g_free (fake.user_agent);
  fake.user_agent = g_strdup (soup_message_headers_get_one (request, "User-Agent"));
  g_free (fake.if_none_match);
  fake.if_none_match = g_strdup (soup_message_headers_get_one (request, "If-None-Match"));
  g_free (fake.if_modified_since);
  fake.if_modified_since = g_strdup (soup_message_headers_get_one (request, "If-Modified-Since"));

  if (fake.rate_limits > 0)
    {
      fake.rate_limits--;
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Retry-After", "120");
      respond (msg, 429, "text/plain", g_strdup ("Too Many Requests"));
    }
  else if (fake.failures > 0)
    {
      fake.failures--;
      respond (msg, 503, "text/html", g_strdup ("<html><body>Down for maintenance</body></html>"));
    }
  else if (g_str_equal (path, "/blog.xml"))
    serve_blog_after (msg, fake.delay_ms);
  else if (g_str_equal (path, "/old.rss"))
    redirect (msg, 301, "/blog.xml");
  else if (g_str_equal (path, "/moving.rss"))
    redirect (msg, 302, "/blog.xml");
  else if (g_str_equal (path, "/loop.rss"))
    redirect (msg, 302, "/loop.rss");
  else if (g_str_equal (path, "/cut.xml"))
    {
      char *whole = blog (2);

      /* Cut inside the second item, as a dropped connection leaves it. */
      whole[strlen (whole) * 3 / 4] = '\0';
      respond (msg, 200, "application/rss+xml", whole);
    }
  else if (g_str_equal (path, "/page.html"))
    respond (msg, 200, "text/html", g_strdup ("<!DOCTYPE html><html><head><title>Forum</title>"
                                              "</head><body><p>Welcome<br></body></html>"));
  else if (g_str_equal (path, "/slow.xml"))
    serve_blog_after (msg, 3000);
  else if (g_str_equal (path, "/www.reddit.com/r/smallbusiness/new/.rss"))
    respond (msg, 200, "application/atom+xml", read_fixture ("reddit/ollama.xml"));
  else if (g_str_equal (path, "/mastodon.social/tags/freelance.rss"))
    respond (msg, 200, "application/rss+xml", read_fixture ("sample-feeds/mastodon-Gargron.rss"));
  else if (g_str_equal (path, "/forums.pythonic.guru/latest.rss"))
    respond (msg, 200, "application/rss+xml", read_fixture ("discourse/pythonic-guru-latest.rss"));
  else if (g_str_equal (path, "/lemmy.world/feeds/c/lemmyworld.xml"))
    respond (msg, 200, "application/rss+xml", read_fixture ("lemmy/lemmy.world-lemmyworld.xml"));
  else if (g_str_equal (path, "/hn.algolia.com/api/v1/search_by_date") && query != NULL &&
           g_strcmp0 (g_hash_table_lookup (query, "query"), "apple") == 0)
    respond (msg, 200, "application/json",
             hn_answer ("/api/v1/search_by_date?hitsPerPage=1&tags=(comment)&query=apple"));
  else
    respond (msg, 404, "text/html", g_strdup ("<html><body>Not found</body></html>"));
}

static void
fake_setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  memset (&fake, 0, sizeof fake);
  fake.version = 1;
  fake.times = g_array_new (FALSE, FALSE, sizeof (gint64));
  fake.answers = g_array_new (FALSE, FALSE, sizeof (gint64));
  fake.server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fake.server, NULL, handle_cb, NULL, NULL);
  soup_server_listen_local (fake.server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (fake.server);
  fake.base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
}

static void
fake_teardown (void)
{
  /* A cancelled test's answer is not sent into the next test's fake. */
  g_clear_handle_id (&fake.delayed, g_source_remove);
  soup_server_disconnect (fake.server);
  g_clear_object (&fake.server);
  g_clear_pointer (&fake.base_url, g_free);
  g_clear_pointer (&fake.user_agent, g_free);
  g_clear_pointer (&fake.if_none_match, g_free);
  g_clear_pointer (&fake.if_modified_since, g_free);
  g_clear_pointer (&fake.times, g_array_unref);
  g_clear_pointer (&fake.answers, g_array_unref);
}

static LgFeedSync *
new_sync (guint interval_s)
{
  LgFeedSync *sync = lg_feed_sync_new ();

  lg_feed_sync_set_timing (sync, 10, interval_s, 2);
  return sync;
}

typedef struct
{
  gboolean done;
  gboolean ok;
  guint    n_new;
  GError  *error;
} Outcome;

static void
on_run_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->ok = lg_feed_sync_run_finish (LG_FEED_SYNC (object), result, &outcome->n_new,
                                         &outcome->error);
  outcome->done = TRUE;
}

/* Runs a sync on its worker while this thread serves the fake. */
static gboolean
run_sync (LgFeedSync    *sync,
          LgStore       *store,
          LgSource      *source,
          GCancellable  *cancellable,
          guint         *n_new,
          GError       **error)
{
  Outcome outcome = { 0 };

  lg_feed_sync_run_async (sync, lg_store_get_path (store), lg_source_get_id (source),
                          cancellable, on_run_done_cb, &outcome);
  while (!outcome.done)
    g_main_context_iteration (NULL, TRUE);

  if (n_new != NULL)
    *n_new = outcome.n_new;
  if (outcome.error != NULL)
    g_propagate_error (error, outcome.error);
  return outcome.ok;
}

static LgSource *
add_feed (LgFeedSync *sync,
          LgStore    *store,
          const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strconcat (fake.base_url, path, NULL);
  LgSource *source = lg_feed_sync_add_feed (sync, store, url, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (lg_source_get_kind (source), ==, "feed");
  return source;
}

static LgSource *
reload (LgStore  *store,
        LgSource *source)
{
  g_autoptr(GError) error = NULL;
  LgSource *fresh = lg_store_get_source (store, lg_source_get_id (source), &error);

  g_assert_no_error (error);
  return fresh;
}

/* As if the polite minute or a back-off had passed. */
static void
allow_now (LgStore  *store,
           LgSource *source)
{
  g_autoptr(LgSource) fresh = reload (store, source);
  g_autoptr(GError) error = NULL;

  lg_source_set_retry_at (fresh, 0);
  g_assert_true (lg_store_update_source (store, fresh, &error));
  g_assert_no_error (error);
}

static gint64
now_s (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
test_sync_and_conditional (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgFeedSync) sync = new_sync (60);
  g_autoptr(LgSource) source = add_feed (sync, store, "/blog.xml");
  g_autoptr(LgSource) after = NULL;
  g_autoptr(GListModel) messages = NULL;
  g_autoptr(LgMessage) newest = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *permalink = g_strconcat (fake.base_url, "/t/post-2", NULL);
  guint n_new = 0;

  /* Added by its address, it is named after its host until the feed says. */
  g_assert_cmpstr (lg_source_get_title (source), ==, "127.0.0.1");
  g_assert_true (run_sync (sync, store, source, NULL, &n_new, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_new, ==, 1);
  g_assert_nonnull (strstr (fake.user_agent, "Leadgram/" VERSION));
  g_assert_null (fake.if_none_match);

  after = reload (store, source);
  g_assert_cmpstr (lg_source_get_title (after), ==, "Clinic Owners Forum");
  g_assert_cmpstr (lg_source_get_etag (after), ==, "\"v1\"");
  g_assert_cmpstr (lg_source_get_modified (after), ==, "Tue, 03 Jun 2025 10:00:00 GMT");
  g_assert_cmpint (lg_source_get_failures (after), ==, 0);
  g_assert_null (lg_source_get_last_error (after));
  g_assert_cmpint (lg_source_get_last_sync (after), >=, now_s () - 5);
  /* The next fetch not before a minute from now. */
  g_assert_cmpint (lg_source_get_retry_at (after), >=, now_s () + 55);
  g_assert_null (lg_feed_sync_describe_wait (after, now_s ()));

  /* Unchanged: 304, nothing new, no error. */
  allow_now (store, source);
  g_assert_true (run_sync (sync, store, source, NULL, &n_new, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_new, ==, 0);
  g_assert_cmpstr (fake.if_none_match, ==, "\"v1\"");
  g_assert_cmpstr (fake.if_modified_since, ==, "Tue, 03 Jun 2025 10:00:00 GMT");
  g_assert_cmpuint (fake.requests, ==, 2);

  /* One new post: only it is added. */
  fake.version = 2;
  allow_now (store, source);
  g_assert_true (run_sync (sync, store, source, NULL, &n_new, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_new, ==, 1);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM messages"), ==, 2);

  messages = lg_store_list_messages (store, lg_source_get_id (source), 10, &error);
  g_assert_no_error (error);
  newest = g_list_model_get_item (messages, 0);
  g_assert_cmpstr (lg_message_get_external_id (newest), ==, "post-2");
  g_assert_cmpstr (lg_message_get_author_name (newest), ==, "owner2");
  g_assert_cmpstr (lg_message_get_thread (newest), ==, "Looking for a CRM, part 2");
  g_assert_cmpstr (lg_message_get_permalink (newest), ==, permalink);
  g_assert_cmpstr (lg_message_get_text (newest), ==,
                   "Looking for a CRM, part 2\n\nWhich CRM do you use?");
}

static void
test_polite_interval (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgFeedSync) sync = new_sync (1);
  g_autoptr(LgSource) source = add_feed (sync, store, "/blog.xml");
  g_autoptr(LgSource) after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first_answer;

  /* The first answer comes 1.3 s after its request, so the sync ends in a
   * later second than it began, as a slow server or a team workspace's
   * slow writes make it: the interval counts from the answer. */
  fake.delay_ms = 1300;
  g_assert_true (run_sync (sync, store, source, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fake.answers->len, ==, 1);
  first_answer = g_array_index (fake.answers, gint64, 0);
  after = reload (store, source);
  g_assert_cmpint (lg_source_get_retry_at (after) * G_USEC_PER_SEC, >=,
                   first_answer + G_USEC_PER_SEC);

  fake.delay_ms = 0;
  g_assert_true (run_sync (sync, store, source, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fake.times->len, ==, 2);
  /* The second request waited out the interval (one second here) after
   * the first answer, so after the first request too: exact, both times
   * on the one clock, the answer's taken before the client could read it. */
  g_assert_cmpint (g_array_index (fake.times, gint64, 1) - first_answer, >=, G_USEC_PER_SEC);
  g_assert_cmpint (g_array_index (fake.times, gint64, 1) - g_array_index (fake.times, gint64, 0),
                   >=, G_USEC_PER_SEC);
}

static void
test_rate_limited (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgFeedSync) sync = new_sync (60);
  g_autoptr(LgSource) source = add_feed (sync, store, "/blog.xml");
  g_autoptr(LgSource) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again = NULL;
  g_autofree char *wait = NULL;

  fake.rate_limits = 1;
  g_assert_false (run_sync (sync, store, source, NULL, NULL, &error));
  g_assert_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_RATE_LIMITED);

  after = reload (store, source);
  g_assert_cmpint (lg_source_get_failures (after), ==, 1);
  /* As long as Retry-After said. */
  g_assert_cmpint (lg_source_get_retry_at (after), >=, now_s () + 115);
  g_assert_cmpint (lg_source_get_retry_at (after), <=, now_s () + 121);
  g_assert_cmpstr (lg_source_get_last_error (after), ==, error->message);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM messages"), ==, 0);
  wait = lg_feed_sync_describe_wait (after, now_s ());
  g_assert_true (g_str_has_prefix (wait, "Waiting until "));
  g_assert_true (g_str_has_suffix (wait, error->message));

  /* Not asked again before its time. */
  g_assert_false (run_sync (sync, store, source, NULL, NULL, &again));
  g_assert_error (again, LG_SOURCES_ERROR, LG_SOURCES_ERROR_BACKING_OFF);
  g_assert_cmpuint (fake.requests, ==, 1);
}

static void
test_server_errors_back_off (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgFeedSync) sync = new_sync (60);
  g_autoptr(LgSource) source = add_feed (sync, store, "/blog.xml");
  g_autoptr(LgSource) first = NULL;
  g_autoptr(LgSource) second = NULL;
  g_autoptr(LgSource) healed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  gint64 wait1, wait2;

  fake.failures = 2;
  g_assert_false (run_sync (sync, store, source, NULL, NULL, &error));
  g_assert_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "503"));
  first = reload (store, source);
  g_assert_cmpint (lg_source_get_failures (first), ==, 1);
  wait1 = lg_source_get_retry_at (first) - now_s ();

  allow_now (store, source);
  g_assert_false (run_sync (sync, store, source, NULL, NULL, &error2));
  second = reload (store, source);
  g_assert_cmpint (lg_source_get_failures (second), ==, 2);
  wait2 = lg_source_get_retry_at (second) - now_s ();
  /* Doubling: two minutes, then four. */
  g_assert_cmpint (wait1, >=, 115);
  g_assert_cmpint (wait1, <=, 121);
  g_assert_cmpint (wait2, >=, 235);
  g_assert_cmpint (wait2, <=, 241);

  allow_now (store, source);
  g_assert_true (run_sync (sync, store, source, NULL, NULL, NULL));
  healed = reload (store, source);
  g_assert_cmpint (lg_source_get_failures (healed), ==, 0);
  g_assert_null (lg_source_get_last_error (healed));
}

static void
test_redirects (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgFeedSync) sync = new_sync (60);
  g_autoptr(LgSource) moved = add_feed (sync, store, "/old.rss");
  g_autoptr(LgSource) moving = add_feed (sync, store, "/moving.rss");
  g_autoptr(LgSource) loop = add_feed (sync, store, "/loop.rss");
  g_autoptr(LgSource) moved_after = NULL;
  g_autoptr(LgSource) moving_after = NULL;
  g_autoptr(GError) error = NULL;
  guint n_new = 0;

  /* Moved for good: the source keeps the new address. */
  g_assert_true (run_sync (sync, store, moved, NULL, &n_new, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_new, ==, 1);
  moved_after = reload (store, moved);
  g_assert_true (g_str_has_suffix (lg_source_get_url (moved_after), "/blog.xml"));

  /* Moved for now: it keeps its own. */
  g_assert_true (run_sync (sync, store, moving, NULL, &n_new, &error));
  g_assert_no_error (error);
  moving_after = reload (store, moving);
  g_assert_true (g_str_has_suffix (lg_source_get_url (moving_after), "/moving.rss"));

  g_assert_false (run_sync (sync, store, loop, NULL, NULL, &error));
  g_assert_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_REDIRECTED);
}

static void
test_downgrade (void)
{
  g_autoptr(GUri) https = g_uri_parse ("https://forum.example.org/latest.rss", G_URI_FLAGS_NONE,
                                       NULL);
  g_autoptr(GUri) http = g_uri_parse ("http://forum.example.org/latest.rss", G_URI_FLAGS_NONE,
                                      NULL);

  /* Followed from http to https, never from https to http. */
  g_assert_true (lg_http_is_downgrade (https, http));
  g_assert_false (lg_http_is_downgrade (http, https));
  g_assert_false (lg_http_is_downgrade (https, https));
}

static void
assert_imports_nothing (const char *path,
                        int         code)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgFeedSync) sync = new_sync (60);
  g_autoptr(LgSource) source = add_feed (sync, store, path);
  g_autoptr(LgSource) after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (run_sync (sync, store, source, NULL, NULL, &error));
  g_assert_error (error, LG_SOURCES_ERROR, code);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM messages"), ==, 0);
  after = reload (store, source);
  g_assert_cmpstr (lg_source_get_last_error (after), ==, error->message);
  /* Not the server's trouble: no back-off, and no validator kept. */
  g_assert_cmpint (lg_source_get_failures (after), ==, 0);
  g_assert_null (lg_source_get_etag (after));
}

static void
test_cut_off (void)
{
  assert_imports_nothing ("/cut.xml", LG_SOURCES_ERROR_DAMAGED_FEED);
}

static void
test_not_a_feed (void)
{
  assert_imports_nothing ("/page.html", LG_SOURCES_ERROR_NOT_A_FEED);
  assert_imports_nothing ("/nowhere.rss", LG_SOURCES_ERROR_NOT_A_FEED);
}

/* A server that says how long its answer is, sends half of it and hangs
 * up, as a dropped connection does. */
static gboolean
on_incoming_cb (GSocketService    *service,
                GSocketConnection *connection,
                GObject           *source,
                gpointer           user_data)
{
  static const char head[] = "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                             "Content-Length: 4000\r\nConnection: close\r\n\r\n";
  g_autofree char *body = blog (2);
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  char request[4096];

  g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (connection)), request,
                       sizeof request, NULL, NULL);
  g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
  g_output_stream_write_all (out, body, strlen (body) / 2, NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static void
test_body_cut_short (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgFeedSync) sync = new_sync (60);
  g_autoptr(GSocketService) service = g_socket_service_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(LgSource) source = NULL;
  g_autoptr(LgSource) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  g_socket_listener_add_address (G_SOCKET_LISTENER (service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "incoming", G_CALLBACK (on_incoming_cb), NULL);
  url = g_strdup_printf ("http://127.0.0.1:%u/feed.xml",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  source = lg_feed_sync_add_feed (sync, store, url, &error);
  g_assert_no_error (error);

  g_assert_false (run_sync (sync, store, source, NULL, NULL, &error));
  g_assert_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_DAMAGED_FEED);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM messages"), ==, 0);
  after = reload (store, source);
  g_assert_cmpstr (lg_source_get_last_error (after), ==, error->message);
  g_socket_service_stop (service);
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
test_cancel (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgFeedSync) sync = lg_feed_sync_new ();
  g_autoptr(LgSource) source = add_feed (sync, store, "/slow.xml");
  g_autoptr(LgSource) after = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  lg_feed_sync_set_timing (sync, 10, 60, 10);
  g_timeout_add (200, cancel_cb, cancellable);
  g_assert_false (run_sync (sync, store, source, cancellable, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  /* A cancelled sync is no failure of the source's. */
  after = reload (store, source);
  g_assert_null (lg_source_get_last_error (after));
  g_assert_cmpint (lg_source_get_retry_at (after), ==, 0);
}

static void
test_presets (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgFeedSync) sync = new_sync (60);
  g_autoptr(LgSource) reddit = NULL;
  g_autoptr(LgSource) mastodon = NULL;
  g_autoptr(LgSource) discourse = NULL;
  g_autoptr(LgSource) lemmy = NULL;
  g_autoptr(LgSource) hn = NULL;
  g_autoptr(LgSource) again = NULL;
  g_autoptr(LgMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  guint n_new = 0;

  g_setenv ("LEADGRAM_FEED_BASE_URL", fake.base_url, TRUE);
  reddit = lg_feed_sync_add_feed (sync, store, "reddit:smallbusiness", &error);
  mastodon = lg_feed_sync_add_feed (sync, store, "mastodon:#freelance@mastodon.social", &error);
  discourse = lg_feed_sync_add_feed (sync, store, "discourse:https://forums.pythonic.guru/", &error);
  lemmy = lg_feed_sync_add_feed (sync, store, "lemmy:!lemmyworld@lemmy.world", &error);
  hn = lg_feed_sync_add_feed (sync, store, "hn:apple", &error);
  /* The same subreddit typed another way is the same source. */
  again = lg_feed_sync_add_feed (sync, store, "reddit:r/smallbusiness", &error);
  g_unsetenv ("LEADGRAM_FEED_BASE_URL");
  g_assert_no_error (error);
  g_assert_cmpint (lg_source_get_id (again), ==, lg_source_get_id (reddit));

  g_assert_true (run_sync (sync, store, reddit, NULL, &n_new, &error));
  g_assert_cmpuint (n_new, ==, 25);
  g_assert_true (run_sync (sync, store, mastodon, NULL, &n_new, &error));
  g_assert_cmpuint (n_new, ==, 20);
  g_assert_true (run_sync (sync, store, discourse, NULL, &n_new, &error));
  g_assert_cmpuint (n_new, ==, 30);
  g_assert_true (run_sync (sync, store, lemmy, NULL, &n_new, &error));
  g_assert_cmpuint (n_new, ==, 2);
  g_assert_true (run_sync (sync, store, hn, NULL, &n_new, &error));
  g_assert_cmpuint (n_new, ==, 1);
  g_assert_no_error (error);

  /* Titles read like the place: the presets' own, or the forum's name. */
  g_clear_object (&again);
  again = reload (store, reddit);
  g_assert_cmpstr (lg_source_get_title (again), ==, "r/smallbusiness");
  g_clear_object (&again);
  again = reload (store, mastodon);
  g_assert_cmpstr (lg_source_get_title (again), ==, "#freelance on mastodon.social");
  g_clear_object (&again);
  again = reload (store, discourse);
  g_assert_cmpstr (lg_source_get_title (again), ==, "פייתון בעברית ובחינם");
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM messages WHERE thread = "
                                             "'מחברת 4 - ויקיפדיה' AND author_name = 'arieveksler'"),
                   ==, 1);
  g_clear_object (&again);
  again = reload (store, lemmy);
  g_assert_cmpstr (lg_source_get_title (again), ==, "!lemmyworld@lemmy.world");
  g_clear_object (&again);
  again = reload (store, hn);
  g_assert_cmpstr (lg_source_get_title (again), ==, "Hacker News: “apple”");

  /* Lemmy's post and Hacker News' comment, each linked where it was written. */
  message = lg_test_find_message (store, "https://lemmy.world/post/8054956");
  g_assert_cmpstr (lg_message_get_author_name (message), ==, "@lwadmin@lemmy.world");
  g_assert_cmpstr (lg_message_get_permalink (message), ==, "https://lemmy.world/post/8054956");
  g_clear_object (&message);
  message = lg_test_find_message (store, "7919418");
  g_assert_cmpstr (lg_message_get_author_name (message), ==, "fleitz");
  g_assert_cmpstr (lg_message_get_permalink (message), ==,
                   "https://news.ycombinator.com/item?id=7919418");
  g_assert_cmpstr (lg_message_get_thread (message), ==,
                   "Starbucks admits it's not contributing to scholarship fund");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add_vtable (path, 0, NULL, (GTestFixtureFunc) fake_setup, \
                                           (GTestFixtureFunc) func, \
                                           (GTestFixtureFunc) fake_teardown)
  ADD ("/feed-sync/sync-and-conditional", test_sync_and_conditional);
  ADD ("/feed-sync/polite-interval", test_polite_interval);
  ADD ("/feed-sync/rate-limited", test_rate_limited);
  ADD ("/feed-sync/server-errors-back-off", test_server_errors_back_off);
  ADD ("/feed-sync/redirects", test_redirects);
  ADD ("/feed-sync/downgrade", test_downgrade);
  ADD ("/feed-sync/cut-off", test_cut_off);
  ADD ("/feed-sync/body-cut-short", test_body_cut_short);
  ADD ("/feed-sync/not-a-feed", test_not_a_feed);
  ADD ("/feed-sync/cancel", test_cancel);
  ADD ("/feed-sync/presets", test_presets);
#undef ADD

  return g_test_run ();
}
