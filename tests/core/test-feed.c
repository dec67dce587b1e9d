/* test-feed.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LgFeed (RSS, Atom, JSON Feed, Hacker News search) on small feeds written
 * here, its dates, and the presets that make a feed's address from what
 * the user types. Real feeds are in tests/conformance/test-conformance-feeds.c.
 */

#include "config.h"

#include <string.h>

#include "lg-feed.h"
#include "lg-feed-preset.h"
#include "lg-sources.h"

static LgFeed *
parse (const char *text,
       GError    **error)
{
  return lg_feed_parse (text, strlen (text), "https://forum.example.org/feeds/latest.rss", error);
}

static LgMessage *
message_at (LgFeed *feed,
            guint   index)
{
  GPtrArray *messages = lg_feed_get_messages (feed);

  g_assert_cmpuint (index, <, messages->len);
  return g_ptr_array_index (messages, index);
}

static const char rss[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
  "     xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\n"
  "<channel><title>Dental &amp; Clinics</title>\n"
  "<image><url>/logo.png</url></image>\n"
  "<item><title>Need a CRM &amp; booking tool</title>\n"
  "<link>/t/need-a-crm/42</link>\n"
  "<guid isPermaLink=\"false\">forum-topic-42</guid>\n"
  "<dc:creator>dr_smile</dc:creator>\n"
  "<pubDate>Tue, 03 Jun 2025 09:30:00 +0200</pubDate>\n"
  "<description><![CDATA[<p>Our clinic needs <b>a CRM</b>.<br>Any advice?</p>"
  "<p><a href=\"https://example.org/x\">our site</a></p>]]></description>\n"
  "</item>\n"
  "<item><title>No guid here</title><link>https://forum.example.org/t/2</link>\n"
  "<content:encoded>&lt;p&gt;Full text&lt;/p&gt;</content:encoded>\n"
  "<description>Short text</description></item>\n"
  "</channel></rss>\n";

static void
test_rss (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgFeed) feed = parse (rss, &error);
  LgMessage *first, *second;

  g_assert_no_error (error);
  g_assert_cmpint (lg_feed_get_format (feed), ==, LG_FEED_FORMAT_RSS);
  g_assert_cmpstr (lg_feed_get_title (feed), ==, "Dental & Clinics");
  g_assert_cmpstr (lg_feed_get_icon_url (feed), ==, "https://forum.example.org/logo.png");
  g_assert_cmpuint (lg_feed_get_messages (feed)->len, ==, 2);

  first = message_at (feed, 0);
  g_assert_cmpstr (lg_message_get_external_id (first), ==, "forum-topic-42");
  g_assert_cmpstr (lg_message_get_author_name (first), ==, "dr_smile");
  g_assert_cmpstr (lg_message_get_permalink (first), ==,
                   "https://forum.example.org/t/need-a-crm/42");
  g_assert_cmpint (lg_message_get_sent_at (first), ==, 1748935800);
  g_assert_cmpstr (lg_message_get_thread (first), ==, "Need a CRM & booking tool");
  g_assert_cmpstr (lg_message_get_text (first), ==,
                   "Need a CRM & booking tool\n\nOur clinic needs a CRM.\nAny advice?\n\n"
                   "our site (https://example.org/x)");

  /* content:encoded is the whole text; the link is the id. */
  second = message_at (feed, 1);
  g_assert_cmpstr (lg_message_get_external_id (second), ==, "https://forum.example.org/t/2");
  g_assert_cmpstr (lg_message_get_text (second), ==, "No guid here\n\nFull text");
  g_assert_cmpint (lg_message_get_sent_at (second), ==, 0);
}

static const char atom[] =
  "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:base=\"https://www.reddit.com/\">\n"
  "<title>newest submissions : smallbusiness</title>\n"
  "<entry><id>t3_abc</id><title>Looking for a bookkeeper</title>\n"
  "<author><name>/u/owner_jane</name><uri>https://www.reddit.com/user/owner_jane</uri></author>\n"
  "<link href=\"r/smallbusiness/comments/abc/looking/\"/>\n"
  "<updated>2025-06-03T10:00:00+00:00</updated><published>2025-06-02T08:00:00Z</published>\n"
  "<content type=\"html\">&lt;!-- SC_OFF --&gt;&lt;div class=\"md\"&gt;&lt;p&gt;We need "
  "help with books.&lt;/p&gt;&lt;/div&gt;&lt;!-- SC_ON --&gt; &amp;#32; submitted by &amp;#32; "
  "&lt;a href=\"https://www.reddit.com/user/owner_jane\"&gt; /u/owner_jane &lt;/a&gt;</content>\n"
  "</entry></feed>\n";

static void
test_atom_reddit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgFeed) feed = parse (atom, &error);
  LgMessage *entry;

  g_assert_no_error (error);
  g_assert_cmpint (lg_feed_get_format (feed), ==, LG_FEED_FORMAT_ATOM);
  entry = message_at (feed, 0);
  g_assert_cmpstr (lg_message_get_external_id (entry), ==, "t3_abc");
  /* Reddit's "/u/" is shown as people write it, and its footer is dropped. */
  g_assert_cmpstr (lg_message_get_author_name (entry), ==, "u/owner_jane");
  g_assert_cmpstr (lg_message_get_author_id (entry), ==, "https://www.reddit.com/user/owner_jane");
  g_assert_cmpstr (lg_message_get_text (entry), ==,
                   "Looking for a bookkeeper\n\nWe need help with books.");
  g_assert_cmpstr (lg_message_get_permalink (entry), ==,
                   "https://www.reddit.com/r/smallbusiness/comments/abc/looking/");
  /* Published, not updated: when it was said. */
  g_assert_cmpint (lg_message_get_sent_at (entry), ==, 1748851200);
}

static void
test_mastodon_author (void)
{
  const char *tag_feed =
    "<rss version=\"2.0\"><channel><title>#freelance</title>"
    "<item><guid isPermaLink=\"true\">https://mastodon.social/@anna/1122</guid>"
    "<link>https://mastodon.social/@anna/1122</link>"
    "<pubDate>Wed, 01 Mar 2023 20:23:36 +0000</pubDate>"
    "<description>&lt;p&gt;Who can build me a website? &lt;a href=\"https://mastodon.social/tags/"
    "freelance\" class=\"mention hashtag\"&gt;#&lt;span&gt;freelance&lt;/span&gt;&lt;/a&gt;"
    "&lt;/p&gt;</description></item></channel></rss>";
  g_autoptr(GError) error = NULL;
  g_autoptr(LgFeed) feed = parse (tag_feed, &error);
  LgMessage *post;

  g_assert_no_error (error);
  post = message_at (feed, 0);
  /* Mastodon names no author: the post's address does. */
  g_assert_cmpstr (lg_message_get_author_name (post), ==, "@anna@mastodon.social");
  g_assert_null (lg_message_get_thread (post));
  g_assert_true (g_str_has_prefix (lg_message_get_text (post), "Who can build me a website? "));
}

/* Newer Lemmy puts its words about the post in a <div>; a blog's comments
 * page (not the item's id) leaves the link the article. */
static void
test_lemmy_post (void)
{
  const char *community =
    "<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>"
    "<title>Lemmy - dentistry</title>"
    "<item><title>Need a booking system for my clinic</title>"
    "<link>https://example.org/article</link>"
    "<description><![CDATA[<div>submitted by <a href=\"https://lemmy.ml/u/ana\">ana</a> to "
    "<a href=\"https://lemmy.ml/c/dentistry\">dentistry</a><br/>3 points | "
    "<a href=\"https://lemmy.ml/post/77\">1 comments</a><br/></div><p>Any recommendations?</p>]]>"
    "</description><comments>https://lemmy.ml/post/77</comments>"
    "<guid>https://lemmy.ml/post/77</guid><dc:creator>https://lemmy.ml/u/ana</dc:creator></item>"
    "<item><title>A blog post</title><link>https://blog.example.org/post</link>"
    "<comments>https://blog.example.org/post#comments</comments>"
    "<guid isPermaLink=\"false\">https://blog.example.org/?p=12</guid>"
    "<dc:creator>https://blog.example.org/u/not-lemmy/really</dc:creator>"
    "<description>Text</description></item></channel></rss>";
  g_autoptr(GError) error = NULL;
  g_autoptr(LgFeed) feed = parse (community, &error);
  LgMessage *post;

  g_assert_no_error (error);
  post = message_at (feed, 0);
  g_assert_cmpstr (lg_message_get_permalink (post), ==, "https://lemmy.ml/post/77");
  g_assert_cmpstr (lg_message_get_author_name (post), ==, "@ana@lemmy.ml");
  g_assert_cmpstr (lg_message_get_author_id (post), ==, "https://lemmy.ml/u/ana");
  g_assert_cmpstr (lg_message_get_text (post), ==,
                   "Need a booking system for my clinic\n\nAny recommendations?");

  post = message_at (feed, 1);
  g_assert_cmpstr (lg_message_get_permalink (post), ==, "https://blog.example.org/post");
  g_assert_cmpstr (lg_message_get_author_name (post), ==,
                   "https://blog.example.org/u/not-lemmy/really");
  g_assert_null (lg_message_get_author_id (post));
}

static void
test_json_feed (void)
{
  const char *json =
    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Studio notes\","
    " \"icon\": \"https://studio.example/icon.png\","
    " \"authors\": [{\"name\": \"Studio\"}],"
    " \"items\": ["
    "  {\"id\": \"7\", \"url\": \"/notes/7\", \"title\": \"Hiring a designer\","
    "   \"content_html\": \"<p>We <em>hire</em>.</p>\", \"date_published\": \"2025-06-01T12:00:00Z\","
    "   \"authors\": [{\"name\": \"Mia\", \"url\": \"https://studio.example/mia\"}]},"
    "  {\"id\": 8, \"content_text\": \"Plain words\"}"
    " ]}";
  g_autoptr(GError) error = NULL;
  g_autoptr(LgFeed) feed = lg_feed_parse (json, strlen (json), "https://studio.example/feed.json",
                                          &error);
  LgMessage *first, *second;

  g_assert_no_error (error);
  g_assert_cmpint (lg_feed_get_format (feed), ==, LG_FEED_FORMAT_JSON_FEED);
  g_assert_cmpstr (lg_feed_get_title (feed), ==, "Studio notes");
  first = message_at (feed, 0);
  g_assert_cmpstr (lg_message_get_external_id (first), ==, "7");
  g_assert_cmpstr (lg_message_get_permalink (first), ==, "https://studio.example/notes/7");
  g_assert_cmpstr (lg_message_get_author_name (first), ==, "Mia");
  g_assert_cmpstr (lg_message_get_text (first), ==, "Hiring a designer\n\nWe hire.");
  g_assert_cmpint (lg_message_get_sent_at (first), ==, 1748779200);
  /* A number as id; the feed's author for an item without one. */
  second = message_at (feed, 1);
  g_assert_cmpstr (lg_message_get_external_id (second), ==, "8");
  g_assert_cmpstr (lg_message_get_author_name (second), ==, "Studio");
  g_assert_cmpstr (lg_message_get_text (second), ==, "Plain words");
}

static void
test_hacker_news (void)
{
  const char *json =
    "{\"hits\": ["
    " {\"objectID\": \"401\", \"author\": \"pg_fan\", \"created_at_i\": 1748779200,"
    "  \"title\": \"Ask HN: Which CRM <for> a two-person agency?\", \"story_text\": null,"
    "  \"url\": null, \"_tags\": [\"story\"]},"
    " {\"objectID\": \"402\", \"author\": \"founder\", \"created_at\": \"2025-06-01T13:00:00Z\","
    "  \"comment_text\": \"We use a spreadsheet &amp; hate it.<p>Any tips?\","
    "  \"story_title\": \"Ask HN: Which CRM for a two-person agency?\"}"
    "], \"nbHits\": 2}";
  g_autoptr(GError) error = NULL;
  g_autoptr(LgFeed) feed = lg_feed_parse (json, strlen (json), NULL, &error);
  LgMessage *story, *comment;

  g_assert_no_error (error);
  g_assert_cmpint (lg_feed_get_format (feed), ==, LG_FEED_FORMAT_HN_SEARCH);
  story = message_at (feed, 0);
  g_assert_cmpstr (lg_message_get_external_id (story), ==, "401");
  g_assert_cmpstr (lg_message_get_permalink (story), ==,
                   "https://news.ycombinator.com/item?id=401");
  g_assert_cmpstr (lg_message_get_text (story), ==,
                   "Ask HN: Which CRM <for> a two-person agency?");
  g_assert_cmpint (lg_message_get_sent_at (story), ==, 1748779200);

  comment = message_at (feed, 1);
  g_assert_cmpstr (lg_message_get_author_name (comment), ==, "founder");
  g_assert_cmpstr (lg_message_get_text (comment), ==, "We use a spreadsheet & hate it.\n\nAny tips?");
  /* A comment belongs to the story it answers. */
  g_assert_cmpstr (lg_message_get_thread (comment), ==,
                   "Ask HN: Which CRM for a two-person agency?");
  g_assert_cmpint (lg_message_get_sent_at (comment), ==, 1748782800);
}

static void
assert_refused (const char *text,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgFeed) feed = parse (text, &error);

  g_assert_null (feed);
  g_assert_error (error, LG_SOURCES_ERROR, code);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_refused (void)
{
  g_autofree char *cut = g_strndup (rss, strlen (rss) - 40);

  assert_refused ("<!DOCTYPE html>\n<html><head><meta charset=utf-8><title>Forum</title>"
                  "<body><p>Welcome<br></body></html>", LG_SOURCES_ERROR_NOT_A_FEED);
  assert_refused ("<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>",
                  LG_SOURCES_ERROR_NOT_A_FEED);
  assert_refused ("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>",
                  LG_SOURCES_ERROR_NOT_A_FEED);
  assert_refused ("{\"data\": []}", LG_SOURCES_ERROR_NOT_A_FEED);
  assert_refused ("Service Unavailable", LG_SOURCES_ERROR_NOT_A_FEED);
  assert_refused ("  \n", LG_SOURCES_ERROR_DAMAGED_FEED);
  /* Cut off: nothing is read, not the items before the cut. */
  assert_refused (cut, LG_SOURCES_ERROR_DAMAGED_FEED);
  assert_refused ("{\"version\": \"https://jsonfeed.org/version/1\", \"items\": [",
                  LG_SOURCES_ERROR_DAMAGED_FEED);
}

static void
test_no_external_entities (void)
{
  const char *xxe =
    "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>\n"
    "<rss version=\"2.0\"><channel><title>x</title><item><title>&secret;</title>"
    "<guid>1</guid></item></channel></rss>";
  g_autoptr(GError) error = NULL;
  g_autoptr(LgFeed) feed = parse (xxe, &error);

  /* Either refused or read without the file: never the file's text. */
  if (feed != NULL)
    g_assert_null (strstr (lg_message_get_text (message_at (feed, 0)), "root:"));
}

static void
test_unsafe_links (void)
{
  const char *rss_links =
    "<rss><channel><item><guid>a</guid><link>javascript:alert(1)</link></item>"
    "<item><guid>b</guid><link>file:///etc/passwd</link></item>"
    "<item><guid>c</guid><link>HTTPS://forum.example.org/t/3</link></item></channel></rss>";
  g_autoptr(GError) error = NULL;
  g_autoptr(LgFeed) feed = parse (rss_links, &error);

  /* Opened from the app: web addresses only. */
  g_assert_no_error (error);
  g_assert_null (lg_message_get_permalink (message_at (feed, 0)));
  g_assert_null (lg_message_get_permalink (message_at (feed, 1)));
  g_assert_cmpstr (lg_message_get_permalink (message_at (feed, 2)), ==,
                   "HTTPS://forum.example.org/t/3");
}

static void
test_html_entities (void)
{
  const char *sloppy = "<rss><channel><title>Caf&eacute;&nbsp;talk &hellip;</title></channel></rss>";
  g_autoptr(GError) error = NULL;
  g_autoptr(LgFeed) feed = parse (sloppy, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (lg_feed_get_title (feed), ==, "Café\u00a0talk …");
}

static void
test_dates (void)
{
  static const struct { const char *text; gint64 expected; } dates[] = {
    { "Thu, 01 Jan 2004 19:48:21 GMT", 1072986501 },
    { "01 Jan 2004 19:48:21 +0000", 1072986501 },
    { "Thu, 01 Jan 2004 14:48 EST", 1072986480 },
    { "Thu, 1 Jan 04 19:48:21 Z", 1072986501 },
    { "2003-12-31T10:14:55Z", 1072865695 },
    { "2003-12-31T12:14:55+02:00", 1072865695 },
    { "2003-12-31T10:14:55.250Z", 1072865695 },
    { "2003-12-31", 1072828800 },
    { "yesterday", 0 },
    { "", 0 },
    { NULL, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_test_message ("%s", dates[i].text != NULL ? dates[i].text : "(null)");
      g_assert_cmpint (lg_feed_parse_date (dates[i].text), ==, dates[i].expected);
    }
}

static void
test_presets (void)
{
  static const struct {
    const char *spec;
    const char *url;
    const char *title;
    gboolean    feed_names_it;
  } presets[] = {
    { "reddit:smallbusiness", "https://www.reddit.com/r/smallbusiness/new/.rss",
      "r/smallbusiness", FALSE },
    { "reddit:r/smallbusiness", "https://www.reddit.com/r/smallbusiness/new/.rss",
      "r/smallbusiness", FALSE },
    { "reddit:https://www.reddit.com/r/SmallBusiness/comments/x/y/",
      "https://www.reddit.com/r/SmallBusiness/new/.rss", "r/SmallBusiness", FALSE },
    { "reddit:smallbusiness?need a crm",
      "https://www.reddit.com/r/smallbusiness/search.rss?q=need%20a%20crm&restrict_sr=1&sort=new",
      "r/smallbusiness: “need a crm”", FALSE },
    { "mastodon:mastodon.social/freelance", "https://mastodon.social/tags/freelance.rss",
      "#freelance on mastodon.social", FALSE },
    { "mastodon:#freelance@Mastodon.Social", "https://mastodon.social/tags/freelance.rss",
      "#freelance on mastodon.social", FALSE },
    { "mastodon:https://fosstodon.org/tags/hiring", "https://fosstodon.org/tags/hiring.rss",
      "#hiring on fosstodon.org", FALSE },
    { "discourse:https://meta.discourse.org/", "https://meta.discourse.org/latest.rss",
      "meta.discourse.org", TRUE },
    { "discourse:meta.discourse.org/posts", "https://meta.discourse.org/posts.rss",
      "meta.discourse.org", TRUE },
    { "lemmy:!selfhosted@lemmy.world", "https://lemmy.world/feeds/c/selfhosted.xml?sort=New",
      "!selfhosted@lemmy.world", FALSE },
    { "hn:need a crm", "https://hn.algolia.com/api/v1/search_by_date?query=need%20a%20crm"
      "&tags=(story,comment)&hitsPerPage=50", "Hacker News: “need a crm”", FALSE },
    { "https://github.com/gohugoio/hugo/discussions.atom",
      "https://github.com/gohugoio/hugo/discussions.atom", "github.com", TRUE },
    { "blog.example.org/feed", "https://blog.example.org/feed", "blog.example.org", TRUE },
  };
  static const char *refused[] = {
    "reddit:", "reddit:r/a b", "mastodon:freelance", "mastodon:server/tag/more",
    "discourse:not a host", "hn:   ", "lemmy:lemmy.world", "ftp://example.org/feed",
    "https://", "just words",
  };

  g_unsetenv ("LEADGRAM_FEED_BASE_URL");
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      g_auto(LgFeedTarget) target = { 0 };
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", presets[i].spec);
      g_assert_true (lg_feed_preset_parse (presets[i].spec, &target, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (target.url, ==, presets[i].url);
      g_assert_cmpstr (target.title, ==, presets[i].title);
      g_assert_cmpint (target.feed_names_it, ==, presets[i].feed_names_it);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_auto(LgFeedTarget) target = { 0 };
      g_autoptr(GError) error = NULL;

      g_test_message ("refused: %s", refused[i]);
      g_assert_false (lg_feed_preset_parse (refused[i], &target, &error));
      g_assert_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_HANDLE);
      g_assert_null (target.url);
    }
}

static void
test_preset_base_url (void)
{
  g_auto(LgFeedTarget) target = { 0 };
  g_autoptr(GError) error = NULL;

  /* Tests and screenshots move every site under one local address. */
  g_setenv ("LEADGRAM_FEED_BASE_URL", "http://127.0.0.1:8097", TRUE);
  g_assert_true (lg_feed_preset_build (LG_FEED_PRESET_REDDIT, "smallbusiness", &target, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (target.url, ==, "http://127.0.0.1:8097/www.reddit.com/r/smallbusiness/new/.rss");
  g_assert_cmpstr (target.title, ==, "r/smallbusiness");
  g_unsetenv ("LEADGRAM_FEED_BASE_URL");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/feed/rss", test_rss);
  g_test_add_func ("/feed/atom-reddit", test_atom_reddit);
  g_test_add_func ("/feed/mastodon-author", test_mastodon_author);
  g_test_add_func ("/feed/lemmy-post", test_lemmy_post);
  g_test_add_func ("/feed/json-feed", test_json_feed);
  g_test_add_func ("/feed/hacker-news", test_hacker_news);
  g_test_add_func ("/feed/refused", test_refused);
  g_test_add_func ("/feed/no-external-entities", test_no_external_entities);
  g_test_add_func ("/feed/unsafe-links", test_unsafe_links);
  g_test_add_func ("/feed/html-entities", test_html_entities);
  g_test_add_func ("/feed/dates", test_dates);
  g_test_add_func ("/feed/presets", test_presets);
  g_test_add_func ("/feed/preset-base-url", test_preset_base_url);

  return g_test_run ();
}
