/* test-cli-feeds.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * leadgram-cli add-feed, sync and sources on feeds, the program run for
 * real against a SoupServer on 127.0.0.1 (served from a thread of its own
 * while the test waits for the program) playing Reddit and a Discourse
 * forum with their recorded feeds; LEADGRAM_FEED_BASE_URL points the
 * presets at it.
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "lg-test-util.h"

static char *
read_fixture (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "fixtures", "feeds",
                                            name, NULL);
  char *data = NULL;

  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  return data;
}

static void
handle_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  char *body = NULL;
  const char *type = "application/rss+xml";

  if (g_str_equal (path, "/www.reddit.com/r/smallbusiness/new/.rss"))
    body = read_fixture ("reddit/ollama.xml");
  else if (g_str_equal (path, "/forums.pythonic.guru/latest.rss"))
    body = read_fixture ("discourse/pythonic-guru-latest.rss");
  else if (g_str_equal (path, "/page.html"))
    {
      body = g_strdup ("<!DOCTYPE html><html><body><p>Welcome</body></html>");
      type = "text/html";
    }

  soup_server_message_set_status (msg, body != NULL ? 200 : 404, NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, type, SOUP_MEMORY_TAKE, body, strlen (body));
}

typedef struct
{
  GMainContext *context;
  GMainLoop    *loop;
  GThread      *thread;
  SoupServer   *server;
  char         *base_url;
} Fake;

static gpointer
serve_thread (gpointer data)
{
  Fake *fake = data;

  g_main_context_push_thread_default (fake->context);
  g_main_loop_run (fake->loop);
  g_main_context_pop_thread_default (fake->context);
  return NULL;
}

static void
fake_start (Fake *fake)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  fake->context = g_main_context_new ();
  fake->loop = g_main_loop_new (fake->context, FALSE);
  g_main_context_push_thread_default (fake->context);
  fake->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fake->server, NULL, handle_cb, NULL, NULL);
  soup_server_listen_local (fake->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_main_context_pop_thread_default (fake->context);
  g_assert_no_error (error);

  uris = soup_server_get_uris (fake->server);
  fake->base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  fake->thread = g_thread_new ("fake-feeds", serve_thread, fake);
}

static gboolean
quit_cb (gpointer data)
{
  Fake *fake = data;

  soup_server_disconnect (fake->server);
  g_main_loop_quit (fake->loop);
  return G_SOURCE_REMOVE;
}

static void
fake_stop (Fake *fake)
{
  g_main_context_invoke (fake->context, quit_cb, fake);
  g_thread_join (fake->thread);
  g_clear_object (&fake->server);
  g_main_loop_unref (fake->loop);
  g_main_context_unref (fake->context);
  g_free (fake->base_url);
}

static int
run_cli (const char * const *args,
         char              **out,
         char              **err)
{
  g_clear_pointer (out, g_free);
  g_clear_pointer (err, g_free);
  return lg_test_run_cli (args, out, err);
}

/* As if the polite minute after a sync had passed. */
static void
allow_resync (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgStore) store = lg_store_open (path, &error);
  g_autoptr(GListModel) sources = NULL;

  g_assert_no_error (error);
  sources = lg_store_list_sources (store, &error);
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(LgSource) source = g_list_model_get_item (sources, i);

      lg_source_set_retry_at (source, 0);
      g_assert_true (lg_store_update_source (store, source, &error));
    }
}

static void
test_add_feed_and_sync (void)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "feeds.db", NULL);
  g_autofree char *page = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *newest;
  Fake fake = { 0 };

  fake_start (&fake);
  page = g_strconcat (fake.base_url, "/page.html", NULL);
  g_setenv ("LEADGRAM_FEED_BASE_URL", fake.base_url, TRUE);

  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "add-feed", "reddit:smallbusiness",
                                               NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "r/smallbusiness: 25 new messages"));

  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "add-feed",
                                               "discourse:forums.pythonic.guru", NULL },
                            &out, &err), ==, 0);
  /* The forum's own name once it is read. */
  g_assert_nonnull (strstr (out, "פייתון בעברית ובחינם: 30 new messages"));

  /* Refused before any request, and nothing added. */
  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "add-feed", "mastodon:freelance",
                                               NULL }, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "does not name a server and a tag"));

  /* A web page: an error kept on the source, nothing imported. */
  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "add-feed", page, NULL },
                            &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "web page, not to a feed"));

  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "sources", NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "feed"));
  g_assert_nonnull (strstr (out, "r/smallbusiness"));
  g_assert_nonnull (strstr (out, "פייתון בעברית ובחינם"));
  g_assert_nonnull (strstr (out, "web page, not to a feed"));
  g_assert_null (strstr (out, "mastodon"));

  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "messages", "--source",
                                               "r/smallbusiness", "--limit", "1", "--json", NULL },
                            &out, &err), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  newest = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (newest, "author"), "u/"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (newest, "link"),
                                   "https://old.reddit.com/r/ollama/comments/"));

  /* Re-syncing adds only what is new: here, nothing. A feed is found by
   * how add-feed took it or by its title. */
  allow_resync (path);
  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "sync", "reddit:r/smallbusiness",
                                               NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "r/smallbusiness: 0 new messages"));
  allow_resync (path);
  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "sync",
                                               "פייתון בעברית ובחינם", NULL },
                            &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "פייתון בעברית ובחינם: 0 new messages"));

  /* --all syncs the feeds too; the web page still fails. */
  allow_resync (path);
  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "sync", "--all", NULL },
                            &out, &err), ==, 1);
  g_assert_nonnull (strstr (out, "r/smallbusiness: 0 new messages"));
  g_assert_nonnull (strstr (out, "פייתון בעברית ובחינם: 0 new messages"));
  g_assert_nonnull (strstr (err, "web page, not to a feed"));

  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "sync", "reddit:nothing_here",
                                               NULL }, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "add-feed"));

  g_unsetenv ("LEADGRAM_FEED_BASE_URL");
  fake_stop (&fake);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/feeds/add-feed-and-sync", test_add_feed_and_sync);

  return g_test_run ();
}
