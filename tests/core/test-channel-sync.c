/* test-channel-sync.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LgChannelSync against a SoupServer on 127.0.0.1 that plays t.me: a
 * channel of many pages, a missing one, a group, a slow one, rate limits
 * and server errors. Delays are shortened through lg_channel_sync_set_timing().
 */

#include "config.h"

#include <libsoup/soup.h>

#include "lg-channel-sync.h"
#include "lg-sources.h"
#include "lg-test-util.h"

#define PAGE      20
#define BASE_TIME 1700000000

typedef struct
{
  SoupServer *server;
  char       *base_url;
  gint64      newest;           /* clinic_news has posts 1..newest */
  guint       rate_limits;      /* answer 429 this many more times */
  gint64      fail_before;      /* answer 500 to ?before=this */
  GArray     *times;            /* monotonic µs of each request */
  GPtrArray  *paths;            /* path?query of each request */
  char       *user_agent;
  char       *redirect_to;      /* where /s/moved_channel sends the client */
} Fake;

static Fake fake;

static void
respond (SoupServerMessage *msg,
         guint              status,
         char              *body)
{
  soup_server_message_set_status (msg, status, NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_TAKE,
                                      body, strlen (body));
}

static char *
read_fixture (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "fixtures",
                                            "telegram", name, NULL);
  char *html = NULL;

  g_assert_true (g_file_get_contents (path, &html, NULL, NULL));
  return html;
}

static void
clinic_news (SoupServerMessage *msg,
             GHashTable        *query)
{
  const char *before = query != NULL ? g_hash_table_lookup (query, "before") : NULL;

  if (before != NULL && g_ascii_strtoll (before, NULL, 10) == fake.fail_before)
    {
      respond (msg, 500, NULL);
      return;
    }

  respond (msg, 200, lg_test_channel_page_for_query ("clinic_news", query, fake.newest, PAGE,
                                                     BASE_TIME));
}

static void
handle_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  gint64 now = g_get_monotonic_time ();
  GUri *uri = soup_server_message_get_uri (msg);
  const char *agent = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                    "User-Agent");

  g_array_append_val (fake.times, now);
  g_ptr_array_add (fake.paths, g_strdup_printf ("%s%s%s", path, g_uri_get_query (uri) ? "?" : "",
                                                g_uri_get_query (uri) ? g_uri_get_query (uri) : ""));
  g_free (fake.user_agent);
  fake.user_agent = g_strdup (agent);

  if (fake.rate_limits > 0)
    {
      fake.rate_limits--;
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Retry-After", "3");
      respond (msg, 429, NULL);
    }
  else if (g_str_equal (path, "/s/clinic_news"))
    clinic_news (msg, query);
  else if (g_str_equal (path, "/s/quiet_channel"))
    respond (msg, 200, read_fixture ("no-posts.html"));
  else if (g_str_equal (path, "/s/dentists_chat"))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Location", "/dentists_chat");
      respond (msg, 302, NULL);
    }
  else if (g_str_equal (path, "/dentists_chat"))
    respond (msg, 200, read_fixture ("group.html"));
  else if (g_str_equal (path, "/s/moved_channel") && fake.redirect_to != NULL)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Location", fake.redirect_to);
      respond (msg, 302, NULL);
    }
  else if (g_str_equal (path, "/s/slow_channel"))
    {
      /* Longer than the client's timeout; blocking is fine, the client runs
       * on a worker thread. */
      g_usleep (1500 * 1000);
      respond (msg, 200, lg_test_channel_page ("slow_channel", 1, 3, 3, BASE_TIME));
    }
  else
    respond (msg, 404, g_strdup ("<html><body>Not found</body></html>"));
}

static void
fake_setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  memset (&fake, 0, sizeof fake);
  fake.newest = 45;
  fake.fail_before = -1;
  fake.times = g_array_new (FALSE, FALSE, sizeof (gint64));
  fake.paths = g_ptr_array_new_with_free_func (g_free);
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
  soup_server_disconnect (fake.server);
  g_clear_object (&fake.server);
  g_clear_pointer (&fake.base_url, g_free);
  g_clear_pointer (&fake.times, g_array_unref);
  g_clear_pointer (&fake.paths, g_ptr_array_unref);
  g_clear_pointer (&fake.user_agent, g_free);
  g_clear_pointer (&fake.redirect_to, g_free);
}

static LgChannelSync *
new_sync (guint pause_ms)
{
  LgChannelSync *sync = lg_channel_sync_new (fake.base_url);

  g_assert_cmpstr (lg_channel_sync_get_base_url (sync), ==, fake.base_url);
  lg_channel_sync_set_timing (sync, pause_ms, 20, 1);
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

  outcome->ok = lg_channel_sync_run_finish (LG_CHANNEL_SYNC (object), result, &outcome->n_new,
                                            &outcome->error);
  outcome->done = TRUE;
}

/* Runs a sync on its worker while this thread serves the fake. */
static gboolean
run_sync (LgChannelSync      *sync,
          LgStore            *store,
          gint64              source_id,
          guint               depth_count,
          GCancellable       *cancellable,
          guint              *n_new,
          GError            **error)
{
  LgSyncDepth depth = { depth_count, 0 };
  Outcome outcome = { 0 };

  lg_channel_sync_run_async (sync, lg_store_get_path (store), source_id, &depth, cancellable,
                             on_run_done_cb, &outcome);
  while (!outcome.done)
    g_main_context_iteration (NULL, TRUE);

  if (n_new != NULL)
    *n_new = outcome.n_new;
  if (outcome.error != NULL)
    g_propagate_error (error, outcome.error);
  return outcome.ok;
}

static LgSource *
add_channel (LgChannelSync *sync,
             LgStore       *store,
             const char    *input)
{
  g_autoptr(GError) error = NULL;
  LgSource *source = lg_channel_sync_add_channel (sync, store, input, &error);

  g_assert_no_error (error);
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

static void
test_backfill_and_incremental (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgChannelSync) sync = new_sync (60);
  g_autoptr(LgSource) source = add_channel (sync, store, "https://t.me/s/clinic_news");
  g_autoptr(LgSource) after = NULL;
  g_autoptr(GListModel) messages = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LgMessage) newest = NULL;
  guint n_new = 0;

  /* 30 messages: the newest page (26..45) and 10 from the next (16..25). */
  g_assert_true (run_sync (sync, store, lg_source_get_id (source), 30, NULL, &n_new, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_new, ==, 30);
  after = reload (store, source);
  g_assert_cmpint (lg_source_get_message_count (after), ==, 30);
  g_assert_cmpstr (lg_source_get_sync_cursor (after), ==, "45");
  g_assert_cmpstr (lg_source_get_backfill_cursor (after), ==, "16");
  g_assert_cmpstr (lg_source_get_title (after), ==, "Channel clinic_news");
  g_assert_null (lg_source_get_last_error (after));
  g_assert_cmpint (lg_source_get_last_sync (after), >, 0);
  g_assert_cmpuint (fake.paths->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (fake.paths, 1), ==, "/s/clinic_news?before=26");

  /* Polite: a User-Agent naming the app, and a pause between requests. */
  g_assert_true (g_str_has_prefix (fake.user_agent, "Leadgram/" VERSION " (+"));
  g_assert_cmpint (g_array_index (fake.times, gint64, 1) - g_array_index (fake.times, gint64, 0),
                   >=, 60 * 1000);

  messages = lg_store_list_messages (store, lg_source_get_id (source), 1, &error);
  newest = g_list_model_get_item (messages, 0);
  g_assert_cmpstr (lg_message_get_external_id (newest), ==, "45");
  g_assert_cmpstr (lg_message_get_permalink (newest), ==, "https://t.me/clinic_news/45");
  g_assert_cmpint (lg_message_get_sent_at (newest), ==, BASE_TIME + 45 * 60);
  g_assert_cmpint (lg_message_get_views (newest), ==, 45500);

  /* 25 new posts: an incremental sync reads only them, in two pages. */
  fake.newest = 70;
  g_ptr_array_set_size (fake.paths, 0);
  g_assert_true (run_sync (sync, store, lg_source_get_id (source), 0, NULL, &n_new, &error));
  g_assert_cmpuint (n_new, ==, 25);
  g_assert_cmpstr (g_ptr_array_index (fake.paths, 0), ==, "/s/clinic_news?after=45");
  g_assert_cmpstr (g_ptr_array_index (fake.paths, 1), ==, "/s/clinic_news?after=65");
  g_clear_object (&after);
  after = reload (store, source);
  g_assert_cmpint (lg_source_get_message_count (after), ==, 55);
  g_assert_cmpstr (lg_source_get_sync_cursor (after), ==, "70");

  /* Nothing new: nothing stored twice. */
  g_assert_true (run_sync (sync, store, lg_source_get_id (source), 0, NULL, &n_new, &error));
  g_assert_cmpuint (n_new, ==, 0);
  g_clear_object (&after);
  after = reload (store, source);
  g_assert_cmpint (lg_source_get_message_count (after), ==, 55);
}

static void
test_backfill_to_the_start (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgChannelSync) sync = new_sync (0);
  g_autoptr(LgSource) source = add_channel (sync, store, "@clinic_news");
  g_autoptr(LgSource) after = NULL;
  g_autoptr(GError) error = NULL;
  guint n_new = 0;

  g_assert_true (run_sync (sync, store, lg_source_get_id (source), 1000, NULL, &n_new, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_new, ==, 45);
  g_assert_cmpuint (fake.paths->len, ==, 3);
  after = reload (store, source);
  g_assert_cmpstr (lg_source_get_backfill_cursor (after), ==, "0");

  /* Adding the same channel again finds it. */
  {
    g_autoptr(LgSource) again = add_channel (sync, store, "t.me/clinic_news/12");

    g_assert_cmpint (lg_source_get_id (again), ==, lg_source_get_id (source));
  }
}

static void
test_rate_limited (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgChannelSync) sync = new_sync (0);
  g_autoptr(LgSource) source = add_channel (sync, store, "clinic_news");
  g_autoptr(GError) error = NULL;
  guint n_new = 0;

  /* Retry-After: 3 is 3 × 20 ms here. */
  fake.rate_limits = 1;
  g_assert_true (run_sync (sync, store, lg_source_get_id (source), 0, NULL, &n_new, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_new, ==, 20);
  g_assert_cmpuint (fake.times->len, ==, 2);
  g_assert_cmpint (g_array_index (fake.times, gint64, 1) - g_array_index (fake.times, gint64, 0),
                   >=, 60 * 1000);

  /* Always refused: gives up after its retries, with a clear error. */
  g_clear_error (&error);
  fake.rate_limits = 100;
  g_array_set_size (fake.times, 0);
  g_assert_false (run_sync (sync, store, lg_source_get_id (source), 0, NULL, &n_new, &error));
  g_assert_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_RATE_LIMITED);
  g_assert_cmpuint (fake.times->len, ==, 5);
}

static void
test_errors (void)
{
  static const struct { const char *channel; int code; } cases[] = {
    { "missing_channel", LG_SOURCES_ERROR_NO_SUCH_CHANNEL },
    { "dentists_chat", LG_SOURCES_ERROR_NOT_PUBLIC },
    { "quiet_channel", LG_SOURCES_ERROR_NO_POSTS },
    { "slow_channel", LG_SOURCES_ERROR_TIMEOUT },
  };
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgChannelSync) sync = new_sync (0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LgSource) source = add_channel (sync, store, cases[i].channel);
      g_autoptr(LgSource) after = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_false (run_sync (sync, store, lg_source_get_id (source), 10, NULL, NULL, &error));
      g_assert_error (error, LG_SOURCES_ERROR, cases[i].code);

      /* The error stays with the source for the Sources view. */
      after = reload (store, source);
      g_assert_cmpstr (lg_source_get_last_error (after), ==, error->message);
      g_assert_cmpint (lg_source_get_last_sync (after), ==, 0);
    }

  /* Nobody listens there. */
  {
    g_autoptr(LgChannelSync) nowhere = lg_channel_sync_new ("http://127.0.0.1:9");
    g_autoptr(LgSource) source = add_channel (sync, store, "clinic_news");
    g_autoptr(GError) error = NULL;

    g_assert_false (run_sync (nowhere, store, lg_source_get_id (source), 0, NULL, NULL, &error));
    g_assert_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_NETWORK);
  }
}

static void
on_progress_cancel_cb (LgChannelSync *sync,
                       gint64         source_id,
                       guint          n_new,
                       double         fraction,
                       GCancellable  *cancellable)
{
  g_assert_true (fraction <= 1.0);
  if (n_new >= PAGE)
    g_cancellable_cancel (cancellable);
}

static void
test_cancel (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  /* The pause leaves time to cancel between the pages. */
  g_autoptr(LgChannelSync) sync = new_sync (400);
  g_autoptr(LgSource) source = add_channel (sync, store, "clinic_news");
  g_autoptr(LgSource) after = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_signal_connect (sync, "progress", G_CALLBACK (on_progress_cancel_cb), cancellable);
  g_assert_false (run_sync (sync, store, lg_source_get_id (source), 1000, cancellable, NULL,
                            &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* It stopped in the pause, not after it. */
  g_assert_cmpuint (fake.times->len, ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - g_array_index (fake.times, gint64, 0), <, 400 * 1000);

  after = reload (store, source);
  g_assert_cmpint (lg_source_get_message_count (after), ==, PAGE);
  g_assert_null (lg_source_get_last_error (after));
}

static void
test_failure_keeps_earlier_pages (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgChannelSync) sync = new_sync (0);
  g_autoptr(LgSource) source = add_channel (sync, store, "clinic_news");
  g_autoptr(LgSource) after = NULL;
  g_autoptr(GError) error = NULL;
  guint n_new = 0;

  lg_channel_sync_set_timing (sync, 0, 1, 1);
  fake.fail_before = 6;
  g_assert_false (run_sync (sync, store, lg_source_get_id (source), 1000, NULL, &n_new, &error));
  g_assert_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "500"));

  after = reload (store, source);
  g_assert_cmpint (lg_source_get_message_count (after), ==, 40);
  g_assert_cmpstr (lg_source_get_backfill_cursor (after), ==, "6");
  g_assert_nonnull (lg_source_get_last_error (after));

  /* The next sync resumes where this one stopped. */
  g_clear_error (&error);
  fake.fail_before = -1;
  g_assert_true (run_sync (sync, store, lg_source_get_id (source), 1000, NULL, &n_new, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_new, ==, 5);
  g_clear_object (&after);
  after = reload (store, source);
  g_assert_cmpint (lg_source_get_message_count (after), ==, 45);
  g_assert_null (lg_source_get_last_error (after));
}

/* Only channels sync; the check comes before any request. */
static void
test_not_a_channel (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgChannelSync) sync = new_sync (0);
  g_autoptr(GError) error = NULL;
  g_autoptr(LgSource) export = lg_source_new ();

  lg_source_set_kind (export, "telegram_export");
  lg_source_set_handle (export, "123");
  g_assert_true (lg_store_add_source (store, export, &error));
  g_assert_false (lg_channel_sync_run (sync, store, lg_source_get_id (export), NULL, NULL, NULL,
                                       &error));
  g_assert_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_HANDLE);
  g_assert_cmpuint (fake.paths->len, ==, 0);
}

/* Another site on the loopback: a channel page for whoever asks. */
static void
elsewhere_cb (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  guint *n_requests = user_data;

  (*n_requests)++;
  respond (msg, 200, lg_test_channel_page ("moved_channel", 1, 3, 3, BASE_TIME));
}

/* A redirect is followed within the base URL's host and port only. */
static void
test_redirects (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgChannelSync) sync = new_sync (0);
  g_autoptr(SoupServer) elsewhere = soup_server_new (NULL, NULL);
  g_autoptr(GError) listen_error = NULL;
  g_autoslist(GUri) uris = NULL;
  guint elsewhere_requests = 0;
  const char *targets[3] = { NULL, "https://evil.example/s/moved_channel",
                             "http://user@evil.example/s/moved_channel" };
  g_autofree char *elsewhere_url = NULL;

  soup_server_add_handler (elsewhere, NULL, elsewhere_cb, &elsewhere_requests, NULL);
  soup_server_listen_local (elsewhere, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &listen_error);
  g_assert_no_error (listen_error);
  uris = soup_server_get_uris (elsewhere);
  /* The same address, another port: another site. */
  elsewhere_url = g_strdup_printf ("http://127.0.0.1:%d/s/moved_channel",
                                   g_uri_get_port (uris->data));
  targets[0] = elsewhere_url;

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autoptr(LgSource) source = add_channel (sync, store, "moved_channel");
      g_autoptr(LgSource) after = NULL;
      g_autoptr(GError) error = NULL;

      g_free (fake.redirect_to);
      fake.redirect_to = g_strdup (targets[i]);
      g_assert_false (run_sync (sync, store, lg_source_get_id (source), 10, NULL, NULL, &error));
      g_assert_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_REDIRECTED);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, "redirected to another site"));
      g_assert_nonnull (strstr (error->message, "the channel was not synced"));
      g_assert_nonnull (strstr (error->message, i == 0 ? "127.0.0.1" : "evil.example"));

      after = reload (store, source);
      g_assert_cmpint (lg_source_get_message_count (after), ==, 0);
      g_assert_cmpstr (lg_source_get_last_error (after), ==, error->message);
    }
  g_assert_cmpuint (elsewhere_requests, ==, 0);

  /* Within the same server, as t.me sends /s/NAME of a group to /NAME. */
  {
    g_autoptr(LgSource) source = add_channel (sync, store, "dentists_chat");
    g_autoptr(GError) error = NULL;

    g_assert_false (run_sync (sync, store, lg_source_get_id (source), 10, NULL, NULL, &error));
    g_assert_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_NOT_PUBLIC);
    g_assert_cmpstr (g_ptr_array_index (fake.paths, fake.paths->len - 1), ==, "/dentists_chat");
  }

  soup_server_disconnect (elsewhere);
}

/* The rule itself, with the production base URL: same host, https only. */
static void
test_redirect_rule (void)
{
  static const char *allowed[] = {
    "https://t.me/s/clinic_news?before=5", "https://T.ME/clinic_news", "https://t.me:443/x",
  };
  static const char *refused[] = {
    "http://t.me/s/clinic_news", "https://t.me.evil.example/s/clinic_news",
    "https://t.me@evil.example/s/clinic_news", "https://evil.example/t.me/s/clinic_news",
    "https://t.me:8443/s/clinic_news", "ftp://t.me/s/clinic_news", "mailto:someone@t.me",
  };

  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (lg_channel_sync_check_redirect ("https://t.me", allowed[i], &error));
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", refused[i]);
      g_assert_false (lg_channel_sync_check_redirect ("https://t.me", refused[i], &error));
      g_assert_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_REDIRECTED);
      g_assert_nonnull (strstr (error->message, "the channel was not synced"));
    }

  /* A test server on plain http may redirect within itself. */
  g_assert_true (lg_channel_sync_check_redirect ("http://127.0.0.1:8080",
                                                 "http://127.0.0.1:8080/dentists_chat", NULL));
  g_assert_false (lg_channel_sync_check_redirect ("http://127.0.0.1:8080",
                                                  "http://127.0.0.1:8081/dentists_chat", NULL));
}

/* Runs first, before any thread: setenv is not thread-safe. */
static void
test_base_url (void)
{
  g_autofree char *from_env = NULL;
  g_autofree char *from_setting = NULL;
  g_autofree char *fallback = NULL;

  g_setenv ("LEADGRAM_TELEGRAM_BASE_URL", "http://127.0.0.1:8080/", TRUE);
  from_env = lg_channel_sync_resolve_base_url ("https://example.org");
  g_assert_cmpstr (from_env, ==, "http://127.0.0.1:8080");

  g_unsetenv ("LEADGRAM_TELEGRAM_BASE_URL");
  from_setting = lg_channel_sync_resolve_base_url ("https://example.org");
  g_assert_cmpstr (from_setting, ==, "https://example.org");
  fallback = lg_channel_sync_resolve_base_url ("");
  g_assert_cmpstr (fallback, ==, "https://t.me");
}

static void
add_test (const char *path,
          void      (*func) (void))
{
  g_test_add_vtable (path, 0, NULL, (GTestFixtureFunc) fake_setup, (GTestFixtureFunc) func,
                     (GTestFixtureFunc) fake_teardown);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/channel-sync/base-url", test_base_url);
  g_test_add_func ("/channel-sync/redirect-rule", test_redirect_rule);
  add_test ("/channel-sync/backfill-and-incremental", test_backfill_and_incremental);
  add_test ("/channel-sync/backfill-to-the-start", test_backfill_to_the_start);
  add_test ("/channel-sync/rate-limited", test_rate_limited);
  add_test ("/channel-sync/redirects", test_redirects);
  add_test ("/channel-sync/errors", test_errors);
  add_test ("/channel-sync/cancel", test_cancel);
  add_test ("/channel-sync/failure-keeps-earlier-pages", test_failure_keeps_earlier_pages);
  add_test ("/channel-sync/not-a-channel", test_not_a_channel);

  return g_test_run ();
}
