/* test-conformance-feeds.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LgFeed on feeds other people wrote: feedparser's and NetNewsWire's test
 * feeds, a subreddit's, Mastodon's, GitHub's and a Discourse forum's
 * (tests/fixtures/feeds, with their origins and licences in its README).
 * The expectations of the feedparser files are the ones their "Expect:"
 * lines state, as Leadgram's messages show them.
 */

#include "config.h"

#include <string.h>

#include "lg-feed.h"
#include "lg-sources.h"

/* Where feedparser's own tests served the files from. */
#define DOC_URI "http://127.0.0.1:8097/base/feed.xml"

static LgFeed *
parse_fixture (const char  *name,
               GError     **error)
{
  g_autofree char *path = g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "fixtures", "feeds",
                                            name, NULL);
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  return lg_feed_parse (data, length, DOC_URI, error);
}

static LgMessage *
first_message (LgFeed *feed)
{
  GPtrArray *messages = lg_feed_get_messages (feed);

  g_assert_cmpuint (messages->len, >, 0);
  return g_ptr_array_index (messages, 0);
}

typedef enum { TEXT, AUTHOR, ID, LINK, SENT_AT, FEED_TITLE } Field;

static const struct
{
  const char *file;
  Field       field;
  const char *expected;
} feedparser_cases[] = {
  { "entities_hellip.xml", FEED_TITLE, "testing \u2026 entity" },
  { "wellformed_amp_amp10.xml", TEXT, "&" },
  { "wellformed_amp_amp49.xml", TEXT, "&" },
  { "wellformed_atom10_entry_author_name.xml", AUTHOR, "Example author" },
  { "wellformed_atom10_entry_content_escaped_markup.xml", TEXT, "Example Atom" },
  { "wellformed_atom10_entry_id_map_guid.xml", ID, "http://example.com/" },
  { "wellformed_atom10_entry_link_multiple.xml", LINK, "http://www.example.com/" },
  { "wellformed_atom10_entry_title_inline_markup.xml", TEXT, "Example Atom" },
  { "wellformed_atom_entry_updated_parsed.xml", SENT_AT, "1072865695" },
  { "wellformed_base_http_entry_link_base_docuri.xml", LINK, "http://127.0.0.1:8097/relative/link" },
  { "wellformed_base_http_item_link_base_docuri.xml", LINK, "http://127.0.0.1:8097/relative/uri" },
  { "wellformed_base_relative_xml_base.xml", TEXT, "Example test (test.html)" },
  { "wellformed_rss_entity_in_doctype.xml", ID, "tag:example.com,2006-05-04:/blog/" },
  { "wellformed_rss_item_author.xml", AUTHOR, "Example editor" },
  { "wellformed_rss_item_content_encoded.xml", TEXT, "Example content" },
  { "wellformed_rss_item_dc_creator.xml", AUTHOR, "Example editor" },
  { "wellformed_rss_item_dc_date.xml", SENT_AT, "1072865695" },
  { "wellformed_rss_item_description_br.xml", TEXT,
    "article title\n\narticle byline\n\ntext of article" },
  { "wellformed_rss_item_description_escaped_markup.xml", TEXT, "Example description" },
  { "wellformed_rss_item_fullitem.xml", TEXT, "Example content" },
  { "wellformed_rss_item_guid.xml", LINK, "http://guid.example.com/" },
  { "wellformed_rss_item_pubDate.xml", SENT_AT, "1072986501" },
  { "json_example.json", TEXT, "post 2\n\nThis is a second item." },
};

static void
test_feedparser (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (feedparser_cases); i++)
    {
      g_autofree char *name = g_build_filename ("feedparser", feedparser_cases[i].file, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(LgFeed) feed = parse_fixture (name, &error);
      g_autofree char *sent_at = NULL;
      LgMessage *message;
      const char *actual = NULL;

      g_test_message ("%s", name);
      g_assert_no_error (error);
      if (feedparser_cases[i].field == FEED_TITLE)
        {
          g_assert_cmpstr (lg_feed_get_title (feed), ==, feedparser_cases[i].expected);
          continue;
        }
      message = first_message (feed);
      switch (feedparser_cases[i].field)
        {
        case TEXT:
          actual = lg_message_get_text (message);
          break;
        case AUTHOR:
          actual = lg_message_get_author_name (message);
          break;
        case ID:
          actual = lg_message_get_external_id (message);
          break;
        case LINK:
          actual = lg_message_get_permalink (message);
          break;
        case SENT_AT:
          sent_at = g_strdup_printf ("%" G_GINT64_FORMAT, lg_message_get_sent_at (message));
          actual = sent_at;
          break;
        case FEED_TITLE:
        default:
          g_assert_not_reached ();
        }
      g_assert_cmpstr (actual, ==, feedparser_cases[i].expected);
    }
}

static void
test_feedparser_guid_not_permalink (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgFeed) feed = parse_fixture ("feedparser/wellformed_rss_item_guid_not_permalink.xml",
                                          &error);

  g_assert_no_error (error);
  g_assert_cmpstr (lg_message_get_external_id (first_message (feed)), ==,
                   "http://guid.example.com/");
  g_assert_null (lg_message_get_permalink (first_message (feed)));
}

/* feedparser reads it anyway; Leadgram refuses a feed that is cut off. */
static void
test_feedparser_cut_off (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgFeed) feed = parse_fixture ("feedparser/entities_8217.xml", &error);

  g_assert_null (feed);
  g_assert_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_DAMAGED_FEED);
}

/* Every item of every real feed: an id, a text and a date; as many
 * different ids as the feed has (Scripting News repeats two guids). */
static void
assert_whole (LgFeed   *feed,
              guint     expected_items,
              guint     expected_ids)
{
  GPtrArray *messages = lg_feed_get_messages (feed);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (messages->len, ==, expected_items);
  for (guint i = 0; i < messages->len; i++)
    {
      LgMessage *message = g_ptr_array_index (messages, i);

      g_assert_nonnull (lg_message_get_external_id (message));
      g_hash_table_add (ids, (gpointer) lg_message_get_external_id (message));
      g_assert_true (g_utf8_validate (lg_message_get_text (message), -1, NULL));
      g_assert_cmpstr (lg_message_get_text (message), !=, "");
      g_assert_null (strstr (lg_message_get_text (message), "<p>"));
      g_assert_cmpint (lg_message_get_sent_at (message), >, 946684800);
    }
  g_assert_cmpuint (g_hash_table_size (ids), ==, expected_ids);
}

static const struct
{
  const char  *file;
  LgFeedFormat format;
  const char  *title;
  guint        items;
  guint        ids;
} real_feeds[] = {
  { "netnewswire/489.rss", LG_FEED_FORMAT_RSS, "Stories by Hodl Hodl on Medium", 10, 10 },
  { "netnewswire/4fsodonline.atom", LG_FEED_FORMAT_ATOM, "4 Fighting Serpents of Death", 25, 25 },
  { "netnewswire/DaringFireball.atom", LG_FEED_FORMAT_ATOM, "Daring Fireball", 48, 48 },
  { "netnewswire/DaringFireball.json", LG_FEED_FORMAT_JSON_FEED, "Daring Fireball", 48, 48 },
  { "netnewswire/KatieFloyd.rss", LG_FEED_FORMAT_RSS, "Katie Floyd", 20, 20 },
  { "netnewswire/aktuality.rss", LG_FEED_FORMAT_RSS, "Aktuality.sk - aktuálne spravodajstvo", 30, 30 },
  { "netnewswire/allthis.atom", LG_FEED_FORMAT_RSS, "And now it’s all this", 12, 12 },
  { "netnewswire/bio.rdf", LG_FEED_FORMAT_RSS, "bioRxiv Subject Collection: Plant Biology", 30, 30 },
  { "netnewswire/inessential.json", LG_FEED_FORMAT_JSON_FEED, "inessential.com", 20, 20 },
  { "netnewswire/manton.rss", LG_FEED_FORMAT_RSS, "Manton Reece", 10, 10 },
  { "netnewswire/scriptingNews.rss", LG_FEED_FORMAT_RSS, "Scripting News", 50, 48 },
  { "reddit/ollama.xml", LG_FEED_FORMAT_ATOM, "ollama", 25, 25 },
  { "reddit/LocalLLaMA.xml", LG_FEED_FORMAT_ATOM, "LocalLlama", 25, 25 },
  { "sample-feeds/mastodon-Gargron.rss", LG_FEED_FORMAT_RSS, "Eugen Rochko", 20, 20 },
  { "sample-feeds/mastodon-PersevereImgBot.rss", LG_FEED_FORMAT_RSS,
    "Perseverance Image Bot 📡", 20, 20 },
  { "sample-feeds/github-hugo-releases.atom", LG_FEED_FORMAT_ATOM, "Release notes from hugo", 10, 10 },
  { "discourse/stackstorm-latest.rss", LG_FEED_FORMAT_RSS, "StackStorm Support (ARCHIVED)", 30, 30 },
  { "discourse/stackstorm-posts.rss", LG_FEED_FORMAT_RSS, "StackStorm Support (ARCHIVED)", 29, 29 },
};

static void
test_real_feeds (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (real_feeds); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LgFeed) feed = parse_fixture (real_feeds[i].file, &error);

      g_test_message ("%s", real_feeds[i].file);
      g_assert_no_error (error);
      g_assert_cmpint (lg_feed_get_format (feed), ==, real_feeds[i].format);
      g_assert_cmpstr (lg_feed_get_title (feed), ==, real_feeds[i].title);
      assert_whole (feed, real_feeds[i].items, real_feeds[i].ids);
    }
}

static void
test_reddit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgFeed) feed = parse_fixture ("reddit/LocalLLaMA.xml", &error);
  LgMessage *post;

  g_assert_no_error (error);
  post = first_message (feed);
  g_assert_cmpstr (lg_message_get_external_id (post), ==, "t3_1tzaw60");
  g_assert_cmpstr (lg_message_get_author_name (post), ==, "u/No_Hedgehog_7563");
  g_assert_cmpstr (lg_message_get_permalink (post), ==,
                   "https://old.reddit.com/r/LocalLLaMA/comments/1tzaw60/"
                   "need_some_guidance_toying_with_local_models/");
  g_assert_cmpstr (lg_message_get_thread (post), ==, "Need some guidance toying with local models");
  g_assert_true (g_str_has_prefix (lg_message_get_text (post),
                                   "Need some guidance toying with local models\n\nHi, so I have "
                                   "a pretty low-end laptop"));
  /* Reddit's "submitted by … [link] [comments]" is not the post's. */
  for (guint i = 0; i < lg_feed_get_messages (feed)->len; i++)
    {
      LgMessage *message = g_ptr_array_index (lg_feed_get_messages (feed), i);

      g_assert_null (strstr (lg_message_get_text (message), "submitted by"));
      g_assert_null (strstr (lg_message_get_text (message), "[comments]"));
      g_assert_true (g_str_has_prefix (lg_message_get_author_name (message), "u/"));
    }
}

static void
test_mastodon (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgFeed) feed = parse_fixture ("sample-feeds/mastodon-Gargron.rss", &error);
  LgMessage *post;

  g_assert_no_error (error);
  post = first_message (feed);
  g_assert_cmpstr (lg_message_get_external_id (post), ==,
                   "https://mastodon.social/@Gargron/109949892433321784");
  g_assert_cmpstr (lg_message_get_author_name (post), ==, "@Gargron@mastodon.social");
  g_assert_cmpint (lg_message_get_sent_at (post), ==, 1677702216);
  g_assert_true (g_str_has_prefix (lg_message_get_text (post),
                                   "mastodon.social is now entirely served from our new "
                                   "#Kubernetes cluster"));
  g_assert_cmpstr (lg_feed_get_icon_url (feed), ==,
                   "https://files.mastodon.social/accounts/avatars/000/000/001/original/"
                   "dc4286ceb8fab734.jpg");
}

static void
test_discourse (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgFeed) topics = parse_fixture ("discourse/stackstorm-latest.rss", &error);
  g_autoptr(LgFeed) posts = NULL;
  LgMessage *topic, *post;

  g_assert_no_error (error);
  topic = first_message (topics);
  g_assert_cmpstr (lg_message_get_external_id (topic), ==, "forum.stackstorm.com-topic-1830");
  g_assert_cmpstr (lg_message_get_author_name (topic), ==, "smeds");
  g_assert_cmpstr (lg_message_get_thread (topic), ==, "Example of DateTimer");
  /* "1 post - 1 participant · Read full topic" is the forum's, not the author's. */
  g_assert_cmpstr (lg_message_get_text (topic), ==,
                   "Example of DateTimer\n\nHi!\n\nCould someone point me to any good example "
                   "where a DateTimer trigger is used?");

  posts = parse_fixture ("discourse/stackstorm-posts.rss", &error);
  g_assert_no_error (error);
  post = g_ptr_array_index (lg_feed_get_messages (posts), 2);
  g_assert_cmpstr (lg_message_get_author_name (post), ==, "amanda11");
  g_assert_cmpstr (lg_message_get_thread (post), ==, "RBAC permissions implications");
  post = first_message (posts);
  /* "@armab Eugen Cusmaunsa": a handle and a name. */
  g_assert_cmpstr (lg_message_get_author_handle (post), ==, "armab");
  g_assert_cmpstr (lg_message_get_author_name (post), ==, "Eugen Cusmaunsa");
}

static void
test_github (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgFeed) feed = parse_fixture ("sample-feeds/github-hugo-releases.atom", &error);
  LgMessage *release;

  g_assert_no_error (error);
  release = first_message (feed);
  g_assert_cmpstr (lg_message_get_author_name (release), ==, "bep");
  g_assert_cmpstr (lg_message_get_permalink (release), ==,
                   "https://github.com/gohugoio/hugo/releases/tag/v0.100.0");
  g_assert_cmpstr (lg_message_get_thread (release), ==, "v0.100.0");
}

/* The same posts of Daring Fireball in Atom and in JSON Feed read alike. */
static void
test_same_feed_two_formats (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgFeed) atom = parse_fixture ("netnewswire/DaringFireball.atom", &error);
  g_autoptr(LgFeed) json = parse_fixture ("netnewswire/DaringFireball.json", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < lg_feed_get_messages (atom)->len; i++)
    {
      LgMessage *a = g_ptr_array_index (lg_feed_get_messages (atom), i);
      LgMessage *j = g_ptr_array_index (lg_feed_get_messages (json), i);

      g_assert_cmpstr (lg_message_get_thread (a), ==, lg_message_get_thread (j));
      g_assert_cmpint (lg_message_get_sent_at (a), ==, lg_message_get_sent_at (j));
      g_assert_cmpstr (lg_message_get_author_name (a), ==, lg_message_get_author_name (j));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/conformance/feeds/feedparser", test_feedparser);
  g_test_add_func ("/conformance/feeds/feedparser-guid-not-permalink",
                   test_feedparser_guid_not_permalink);
  g_test_add_func ("/conformance/feeds/feedparser-cut-off", test_feedparser_cut_off);
  g_test_add_func ("/conformance/feeds/real-feeds", test_real_feeds);
  g_test_add_func ("/conformance/feeds/reddit", test_reddit);
  g_test_add_func ("/conformance/feeds/mastodon", test_mastodon);
  g_test_add_func ("/conformance/feeds/discourse", test_discourse);
  g_test_add_func ("/conformance/feeds/github", test_github);
  g_test_add_func ("/conformance/feeds/same-feed-two-formats", test_same_feed_two_formats);

  return g_test_run ();
}
