/* test-conformance-feeds.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LgFeed on feeds other people wrote: feedparser's and NetNewsWire's test
 * feeds, a subreddit's, Mastodon's, GitHub's, a Discourse forum's, Lemmy
 * communities' and Hacker News search answers (tests/fixtures/feeds, with
 * their origins and licences in its README).
 * The expectations of the feedparser files are the ones their "Expect:"
 * lines state, as Leadgram's messages show them.
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

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
  { "discourse/pythonic-guru-latest.rss", LG_FEED_FORMAT_RSS, "פייתון בעברית ובחינם", 30, 30 },
  { "discourse/pythonic-guru-posts.rss", LG_FEED_FORMAT_RSS, "פייתון בעברית ובחינם", 6, 6 },
  { "lemmy/lemmy.world-lemmyworld.xml", LG_FEED_FORMAT_RSS, "Lemmy.World - lemmyworld", 2, 2 },
  { "lemmy/lemmy.world-idiotsincars.xml", LG_FEED_FORMAT_RSS, "Lemmy.World - idiotsincars", 8, 8 },
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

/* A Hebrew forum (right to left, Hebrew's own quotation marks). */
static void
test_discourse (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgFeed) topics = parse_fixture ("discourse/pythonic-guru-latest.rss", &error);
  g_autoptr(LgFeed) posts = NULL;
  LgMessage *topic, *post;

  g_assert_no_error (error);
  topic = first_message (topics);
  g_assert_cmpstr (lg_message_get_external_id (topic), ==, "forums.pythonic.guru-topic-9694");
  g_assert_cmpstr (lg_message_get_author_name (topic), ==, "arieveksler");
  g_assert_cmpstr (lg_message_get_permalink (topic), ==, "https://forums.pythonic.guru/t/topic/9694");
  g_assert_cmpstr (lg_message_get_thread (topic), ==, "מחברת 4 - ויקיפדיה");
  g_assert_cmpint (lg_message_get_sent_at (topic), ==, 1685091451);
  g_assert_true (g_str_has_prefix (lg_message_get_text (topic),
                                   "מחברת 4 - ויקיפדיה\n\nבמערכת הפעלה MacOS ventura 13\n"
                                   "כשניסיתי לייבא את המודול wikipedia"));
  /* "1 post - 1 participant · Read full topic", in Hebrew, is the forum's. */
  for (guint i = 0; i < lg_feed_get_messages (topics)->len; i++)
    {
      LgMessage *message = g_ptr_array_index (lg_feed_get_messages (topics), i);

      g_assert_null (strstr (lg_message_get_text (message), "קריאת הנושא במלואו"));
      g_assert_null (strstr (lg_message_get_text (message), "משתתף"));
    }

  posts = parse_fixture ("discourse/pythonic-guru-posts.rss", &error);
  g_assert_no_error (error);
  post = first_message (posts);
  /* "@Yam ים מסיקה": a handle and a name. */
  g_assert_cmpstr (lg_message_get_author_handle (post), ==, "Yam");
  g_assert_cmpstr (lg_message_get_author_name (post), ==, "ים מסיקה");
  g_assert_cmpstr (lg_message_get_thread (post), ==, "בעיות במערכת התרגילים? פרסמו כאן");
  g_assert_cmpstr (lg_message_get_permalink (post), ==,
                   "https://forums.pythonic.guru/t/topic/3962#post_8");
  post = g_ptr_array_index (lg_feed_get_messages (posts), 1);
  g_assert_cmpstr (lg_message_get_author_handle (post), ==, "boazyaakov");
  g_assert_cmpstr (lg_message_get_author_name (post), ==, "Boazyaakov");
  g_assert_cmpstr (lg_message_get_text (post), ==,
                   "בעיות במערכת התרגילים? פרסמו כאן\n\nיש אפשרות בבקשה לקבל את התרגילים, גם "
                   "ללא הגשה, בשביל להתנסות?");
}

/* Lemmy: the post, not the picture or video it shares, is the link; the
 * author, named by a profile's address, reads as the fediverse writes it;
 * "submitted by … to … · N points | N comments" is Lemmy's, not theirs. */
static void
test_lemmy (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgFeed) community = parse_fixture ("lemmy/lemmy.world-lemmyworld.xml", &error);
  g_autoptr(LgFeed) cars = NULL;
  LgMessage *post;

  g_assert_no_error (error);
  post = first_message (community);
  g_assert_cmpstr (lg_message_get_external_id (post), ==, "https://lemmy.world/post/9036399");
  g_assert_cmpstr (lg_message_get_permalink (post), ==, "https://lemmy.world/post/9036399");
  g_assert_cmpstr (lg_message_get_author_name (post), ==, "@lwCET@lemmy.world");
  g_assert_cmpstr (lg_message_get_author_id (post), ==, "https://lemmy.world/u/lwCET");
  g_assert_cmpstr (lg_message_get_thread (post), ==, "LW Holiday Logos");
  g_assert_cmpint (lg_message_get_sent_at (post), ==, 1701495545);
  g_assert_true (g_str_has_prefix (lg_message_get_text (post),
                                   "LW Holiday Logos\n\nhttps://lemmy.world/pictrs/image/"
                                   "f3189f30-f8c8-4c4f-b957-e3a7bfd1c784.png"));
  g_assert_nonnull (strstr (lg_message_get_text (post), "Hello World,\n\nYou may have seen the "
                                                        "LW holiday themed logos"));

  post = g_ptr_array_index (lg_feed_get_messages (community), 1);
  g_assert_cmpstr (lg_message_get_author_name (post), ==, "@lwadmin@lemmy.world");
  g_assert_cmpstr (lg_message_get_permalink (post), ==, "https://lemmy.world/post/8054956");
  g_assert_true (g_str_has_prefix (lg_message_get_text (post),
                                   "Lemmy.World Junior Cloud Engineer\n\nHello World!\n\n"
                                   "Lemmy.World is looking for new engineers"));

  cars = parse_fixture ("lemmy/lemmy.world-idiotsincars.xml", &error);
  g_assert_no_error (error);
  /* Someone of another server posting in this one's community. */
  post = first_message (cars);
  g_assert_cmpstr (lg_message_get_author_name (post), ==, "@SuperSleuth@lemm.ee");
  g_assert_cmpstr (lg_message_get_author_id (post), ==, "https://lemm.ee/u/SuperSleuth");
  g_assert_cmpstr (lg_message_get_permalink (post), ==, "https://lemmy.world/post/6063706");
  for (guint i = 0; i < lg_feed_get_messages (cars)->len; i++)
    {
      LgMessage *message = g_ptr_array_index (lg_feed_get_messages (cars), i);

      g_assert_null (strstr (lg_message_get_text (message), "submitted by"));
      g_assert_null (strstr (lg_message_get_text (message), " points | "));
      g_assert_true (g_str_has_prefix (lg_message_get_permalink (message),
                                       "https://lemmy.world/post/"));
      g_assert_true (g_str_has_prefix (lg_message_get_author_name (message), "@"));
    }
}

/* node-hacker-news-api's recorded answers of hn.algolia.com: 24 searches
 * (comments, stories, polls, Ask HN; by relevance and by date) and two
 * answers of other kinds (an item, a user), which are no search. */
static void
test_hacker_news (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "fixtures", "feeds",
                                            "hn", "node-hacker-news-api-fixtures.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                       g_object_unref);
  g_autoptr(GError) error = NULL;
  JsonArray *answers;
  guint searches = 0, refused = 0;
  LgMessage *message;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  answers = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (answers), ==, 26);

  for (guint i = 0; i < json_array_get_length (answers); i++)
    {
      JsonObject *answer = json_array_get_object_element (answers, i);
      JsonObject *reply = json_object_get_object_member (answer, "reply");
      JsonArray *hits = json_object_has_member (reply, "hits")
                        ? json_object_get_array_member (reply, "hits") : NULL;
      g_autofree char *body = json_to_string (json_object_get_member (answer, "reply"), FALSE);
      g_autoptr(LgFeed) feed = NULL;
      GPtrArray *messages;

      g_test_message ("%s", json_object_get_string_member (answer, "url"));
      feed = lg_feed_parse (body, strlen (body), "https://hn.algolia.com/", &error);
      if (hits == NULL)
        {
          g_assert_null (feed);
          g_assert_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_NOT_A_FEED);
          g_clear_error (&error);
          refused++;
          continue;
        }
      g_assert_no_error (error);
      searches++;
      g_assert_cmpint (lg_feed_get_format (feed), ==, LG_FEED_FORMAT_HN_SEARCH);
      g_assert_cmpstr (lg_feed_get_title (feed), ==, "Hacker News");
      messages = lg_feed_get_messages (feed);
      g_assert_cmpuint (messages->len, ==, json_array_get_length (hits));
      for (guint j = 0; j < messages->len; j++)
        {
          JsonObject *hit = json_array_get_object_element (hits, j);
          g_autofree char *link = NULL;

          message = g_ptr_array_index (messages, j);
          g_assert_cmpstr (lg_message_get_external_id (message), ==,
                           json_object_get_string_member (hit, "objectID"));
          link = g_strconcat ("https://news.ycombinator.com/item?id=",
                              json_object_get_string_member (hit, "objectID"), NULL);
          g_assert_cmpstr (lg_message_get_permalink (message), ==, link);
          g_assert_cmpstr (lg_message_get_author_name (message), ==,
                           json_object_get_string_member (hit, "author"));
          g_assert_cmpint (lg_message_get_sent_at (message), ==,
                           json_object_get_int_member (hit, "created_at_i"));
          g_assert_cmpstr (lg_message_get_text (message), !=, "");
          g_assert_null (strstr (lg_message_get_text (message), "<p>"));
          g_assert_null (strstr (lg_message_get_text (message), "&#x27;"));
          g_assert_nonnull (lg_message_get_thread (message));
          g_hash_table_replace (by_id, (gpointer) lg_message_get_external_id (message),
                                g_object_ref (message));
        }
    }
  g_assert_cmpuint (searches, ==, 24);
  g_assert_cmpuint (refused, ==, 2);
  g_assert_cmpuint (g_hash_table_size (by_id), ==, 18);

  /* A comment: its story is the thread (without the title's trailing
   * space), HN's HTML plain. */
  message = g_hash_table_lookup (by_id, "6805807");
  g_assert_cmpstr (lg_message_get_author_name (message), ==, "zedshaw");
  g_assert_cmpstr (lg_message_get_thread (message), ==, "Started a stupid company. Failed.");
  g_assert_true (g_str_has_prefix (lg_message_get_text (message),
                                   "Hey, other comments are going to give you a few lines "
                                   "telling you to not quit, that you should hang in there, and "
                                   "that it'll be alright."));
  g_assert_nonnull (strstr (lg_message_get_text (message), "Here's what I want to do:\n\n1. I "
                                                           "have a little list of companies"));

  /* A story that links elsewhere: its title, then the address. */
  message = g_hash_table_lookup (by_id, "3078128");
  g_assert_cmpstr (lg_message_get_text (message), ==,
                   "Steve Jobs has passed away.\n\nhttp://www.apple.com/stevejobs/");
  g_assert_cmpstr (lg_message_get_thread (message), ==, "Steve Jobs has passed away.");

  /* Ask HN: the question and its text. */
  message = g_hash_table_lookup (by_id, "1256391");
  g_assert_cmpstr (lg_message_get_author_name (message), ==, "jasongullickson");
  g_assert_true (g_str_has_prefix (lg_message_get_text (message),
                                   "Ask HN: How many people upset over Apple's rules are "
                                   "actually iPhone developers?\n\nIt would be interesting to "
                                   "know what percentage"));

  /* A poll, and a story of text alone. */
  message = g_hash_table_lookup (by_id, "7918694");
  g_assert_true (g_str_has_prefix (lg_message_get_text (message),
                                   "Poll: Do you experience \"The Hum\"?\n\nAccording to this "
                                   "article, between 2 and 10% of the population experiences "
                                   "\"The Hum\""));
  message = g_hash_table_lookup (by_id, "5239673");
  g_assert_cmpstr (lg_message_get_author_name (message), ==, "pg");
  g_assert_true (g_str_has_prefix (lg_message_get_text (message),
                                   "Why HN was down\n\nHacker News was down all last night."));
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
  g_test_add_func ("/conformance/feeds/lemmy", test_lemmy);
  g_test_add_func ("/conformance/feeds/hacker-news", test_hacker_news);
  g_test_add_func ("/conformance/feeds/github", test_github);
  g_test_add_func ("/conformance/feeds/same-feed-two-formats", test_same_feed_two_formats);

  return g_test_run ();
}
