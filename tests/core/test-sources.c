/* test-sources.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Channel names, the t.me page parser and the export importer, on fixtures
 * the project wrote (tests/fixtures/telegram*).
 */

#include "config.h"

#include "lg-channel-handle.h"
#include "lg-sources.h"
#include "lg-store-import.h"
#include "lg-store-private.h"
#include "lg-telegram-export.h"
#include "lg-telegram-page.h"
#include "lg-test-util.h"

static char *
fixture (const char *folder,
         const char *name)
{
  return g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "fixtures", folder, name, NULL);
}

static void
test_handle (void)
{
  static const struct { const char *input; const char *handle; gint64 post; } good[] = {
    { "@dental_tools", "dental_tools", 0 },
    { "dental_tools", "dental_tools", 0 },
    { "  t.me/dental_tools  ", "dental_tools", 0 },
    { "https://t.me/s/dental_tools", "dental_tools", 0 },
    { "https://t.me/s/dental_tools?before=50", "dental_tools", 0 },
    { "http://telegram.me/Dental_Tools/", "Dental_Tools", 0 },
    { "t.me/dental_tools/123", "dental_tools", 123 },
    { "https://t.me/s/dental_tools/456?single", "dental_tools", 456 },
  };
  static const char *bad[] = {
    "", "@abc", "1dental", "dental-tools", "https://example.com/dental_tools",
    "t.me/dental_tools/abc", "t.me/a/b/c", "@" "abcdefghijklmnopqrstuvwxyz0123456",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 post = -1;
      g_autofree char *handle = lg_channel_handle_parse (good[i].input, &post, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (handle, ==, good[i].handle);
      g_assert_cmpint (post, ==, good[i].post);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *handle = lg_channel_handle_parse (bad[i], NULL, &error);

      g_assert_null (handle);
      g_assert_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_HANDLE);
    }

  g_assert_true (lg_channel_handle_is_valid ("abcde"));
  g_assert_false (lg_channel_handle_is_valid ("abcd"));
}

/* Links are built only from a valid channel name and numeric ids. */
static void
test_post_links (void)
{
  static const char *good_ids[] = { "1", "5", "1712345678", "9223372036854775807" };
  static const char *bad_ids[] = {
    "", "0", "007", "-5", "+5", " 5", "5 ", "5/6", "../../evil?x=1#", "1e3",
    "9223372036854775808",
  };
  char *link;

  for (guint i = 0; i < G_N_ELEMENTS (good_ids); i++)
    g_assert_true (lg_channel_handle_id_is_valid (good_ids[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bad_ids); i++)
    {
      g_test_message ("%s", bad_ids[i]);
      g_assert_false (lg_channel_handle_id_is_valid (bad_ids[i]));
    }

  link = lg_channel_handle_post_link ("dental_tools", "101");
  g_assert_cmpstr (link, ==, "https://t.me/dental_tools/101");
  g_free (link);
  link = lg_channel_handle_private_post_link ("1712345678", "2");
  g_assert_cmpstr (link, ==, "https://t.me/c/1712345678/2");
  g_free (link);

  g_assert_null (lg_channel_handle_post_link ("../evil", "1"));
  g_assert_null (lg_channel_handle_post_link ("dental_tools", "1?x=1"));
  g_assert_null (lg_channel_handle_post_link (NULL, "1"));
  g_assert_null (lg_channel_handle_private_post_link ("../../evil?x=1#", "5"));
  g_assert_null (lg_channel_handle_private_post_link ("-1001712345678", "5"));
  g_assert_null (lg_channel_handle_private_post_link ("1712345678", NULL));
}

static void
test_counts (void)
{
  g_assert_cmpint (lg_telegram_parse_count ("436"), ==, 436);
  g_assert_cmpint (lg_telegram_parse_count ("1.2K"), ==, 1200);
  g_assert_cmpint (lg_telegram_parse_count ("436.6K"), ==, 436600);
  g_assert_cmpint (lg_telegram_parse_count ("3.1M"), ==, 3100000);
  g_assert_cmpint (lg_telegram_parse_count (" 12 "), ==, 12);
  g_assert_cmpint (lg_telegram_parse_count ("many"), ==, -1);
  g_assert_cmpint (lg_telegram_parse_count ("3X"), ==, -1);
  g_assert_cmpint (lg_telegram_parse_count (NULL), ==, -1);
  /* Found by fuzzing: numbers beyond gint64 were converted anyway (undefined
   * behaviour; in practice the smallest gint64, a negative count). */
  g_assert_cmpint (lg_telegram_parse_count ("1e308K"), ==, -1);
  g_assert_cmpint (lg_telegram_parse_count ("9.3e18"), ==, -1);
  g_assert_cmpint (lg_telegram_parse_count ("inf"), ==, -1);
  g_assert_cmpint (lg_telegram_parse_count ("nan"), ==, -1);
  g_assert_cmpint (lg_telegram_parse_count ("9e18"), ==, 9000000000000000000);
}

/* Found by fuzzing: bytes that are not UTF-8 (a page served in another
 * encoding, or broken on the way) went through libxml2 untouched into the
 * messages, and from there into the database and GTK's labels. */
static void
test_page_invalid_utf8 (void)
{
  static const char html[] =
    "<html><body><div class=\"tgme_widget_message\" data-post=\"dental_tools\xff/7\">"
    "<a class=\"tgme_widget_message_date\"><time datetime=\"2024-03-01T10:00:00+00:00\">"
    "</time></a><div class=\"tgme_widget_message_text\">Need a CRM \xff\xfe\xc3\x28 now</div>"
    "<span class=\"tgme_widget_message_from_author\">Anna \xe2\x82</span>"
    "</div></body></html>";
  g_autoptr(LgTelegramPage) page = NULL;
  g_autoptr(GError) error = NULL;
  LgMessage *message;

  page = lg_telegram_page_parse (html, sizeof html - 1, "dental_tools",
                                 LG_TELEGRAM_PAGE_FRAGMENT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lg_telegram_page_get_messages (page)->len, ==, 1);
  message = g_ptr_array_index (lg_telegram_page_get_messages (page), 0);
  g_assert_true (g_utf8_validate (lg_message_get_text (message), -1, NULL));
  g_assert_true (g_str_has_prefix (lg_message_get_text (message), "Need a CRM "));
  g_assert_true (g_str_has_suffix (lg_message_get_text (message), " now"));
  g_assert_true (g_utf8_validate (lg_message_get_author_name (message), -1, NULL));
  /* The channel name is not a valid one: no link is made from it. */
  g_assert_null (lg_message_get_permalink (message));
}

/* Found by fuzzing: a post's number was taken as the page spelled it, so
 * "051" was another message than 51 (twice in the database, and without a
 * link), and "7?x" passed as a number. */
static void
test_page_post_numbers (void)
{
  static const char *format =
    "<html><body><div class=\"tgme_widget_message\" data-post=\"dental_tools/%s\">"
    "<a class=\"tgme_widget_message_date\"><time datetime=\"2024-03-01T10:00:00+00:00\">"
    "</time></a></div></body></html>";
  static const char *bad[] = { "7?x", "7#", "-7", "+7", " 7", "7 ", "0", "1e3", "" };
  g_autofree char *html = g_strdup_printf (format, "051");
  g_autoptr(LgTelegramPage) page = NULL;
  g_autoptr(GError) error = NULL;
  LgMessage *message;

  page = lg_telegram_page_parse (html, strlen (html), "dental_tools",
                                 LG_TELEGRAM_PAGE_FRAGMENT, &error);
  g_assert_no_error (error);
  message = g_ptr_array_index (lg_telegram_page_get_messages (page), 0);
  g_assert_cmpstr (lg_message_get_external_id (message), ==, "51");
  g_assert_cmpstr (lg_message_get_permalink (message), ==, "https://t.me/dental_tools/51");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *bad_html = g_strdup_printf (format, bad[i]);
      g_autoptr(LgTelegramPage) bad_page = NULL;
      g_autoptr(GError) bad_error = NULL;

      bad_page = lg_telegram_page_parse (bad_html, strlen (bad_html), "dental_tools",
                                         LG_TELEGRAM_PAGE_FRAGMENT, &bad_error);
      g_assert_error (bad_error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_UNEXPECTED_PAGE);
      g_assert_null (bad_page);
    }
}

/* Found by fuzzing: a negative or garbled cursor was taken as it came, and
 * the sync would then ask for ?before=-1. */
static void
test_page_bad_cursors (void)
{
  static const char *pages[] = {
    "<a class=\"tme_messages_more\" data-before=\"-1\"></a>"
    "<a class=\"tme_messages_more\" data-after=\"99999999999999999999\"></a>",
    "<link rel=\"prev\" href=\"/s/dental_tools?before=-5\">"
    "<link rel=\"next\" href=\"/s/dental_tools?after=12e3\">",
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *html = g_strdup_printf (
        "<html><head>%s</head><body><div class=\"tgme_widget_message\" "
        "data-post=\"dental_tools/7\"><a class=\"tgme_widget_message_date\">"
        "<time datetime=\"2024-03-01T10:00:00+00:00\"></time></a></div>%s</body></html>",
        pages[i], pages[i]);
      g_autoptr(LgTelegramPage) page = NULL;
      g_autoptr(GError) error = NULL;

      page = lg_telegram_page_parse (html, strlen (html), "dental_tools",
                                     LG_TELEGRAM_PAGE_FRAGMENT, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (lg_telegram_page_get_messages (page)->len, ==, 1);
      g_assert_cmpint (lg_telegram_page_get_before (page), ==, 0);
      g_assert_cmpint (lg_telegram_page_get_after (page), ==, 0);
    }
}

static LgTelegramPage *
parse_fixture (const char  *name,
               GError     **error)
{
  g_autofree char *path = fixture ("telegram", name);
  g_autofree char *html = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &html, &length, NULL));
  return lg_telegram_page_parse (html, length, "dental_tools", LG_TELEGRAM_PAGE_WHOLE, error);
}

static void
test_page_fields (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgTelegramPage) page = parse_fixture ("channel.html", &error);
  GPtrArray *messages;
  LgMessage *first, *second, *third;

  g_assert_no_error (error);
  messages = lg_telegram_page_get_messages (page);
  g_assert_cmpuint (messages->len, ==, 3);
  g_assert_cmpstr (lg_telegram_page_get_title (page), ==, "Dental Tools & Software");
  g_assert_cmpint (lg_telegram_page_get_before (page), ==, 101);
  g_assert_cmpint (lg_telegram_page_get_after (page), ==, 103);

  first = g_ptr_array_index (messages, 0);
  g_assert_cmpstr (lg_message_get_external_id (first), ==, "101");
  g_assert_cmpstr (lg_message_get_text (first), ==,
                   "Can anyone recommend a CRM for a small dental clinic?\n"
                   "We have three chairs and two receptionists.\n\n"
                   "Budget: see our brief (https://example.com/brief), or mail "
                   "anna@example.com (mailto:anna@example.com) 🦷");
  g_assert_cmpint (lg_message_get_sent_at (first), ==, 1709285400);
  g_assert_cmpstr (lg_message_get_author_name (first), ==, "Anna Petrova");
  g_assert_null (lg_message_get_author_handle (first));
  g_assert_cmpint (lg_message_get_views (first), ==, 1200);
  g_assert_false (lg_message_get_edited (first));
  g_assert_null (lg_message_get_forwarded_from (first));
  g_assert_cmpstr (lg_message_get_media_kind (first), ==, "photo");
  g_assert_null (lg_message_get_reply_to (first));
  g_assert_cmpstr (lg_message_get_permalink (first), ==, "https://t.me/dental_tools/101");

  second = g_ptr_array_index (messages, 1);
  /* The quoted reply is not the post's text. */
  g_assert_cmpstr (lg_message_get_text (second), ==,
                   "We switched to a cloud scheduler last year — happy so far.");
  /* 12:05:10 at +03:00 is 09:05:10 UTC. */
  g_assert_cmpint (lg_message_get_sent_at (second), ==, 1709283910);
  g_assert_cmpstr (lg_message_get_author_name (second), ==, "Dental Tools & Software");
  g_assert_cmpstr (lg_message_get_author_handle (second), ==, "dental_tools");
  g_assert_cmpint (lg_message_get_views (second), ==, 3100000);
  g_assert_true (lg_message_get_edited (second));
  g_assert_cmpstr (lg_message_get_forwarded_from (second), ==, "Clinic Owners Club");
  g_assert_cmpstr (lg_message_get_reply_to (second), ==, "101");
  g_assert_null (lg_message_get_media_kind (second));

  third = g_ptr_array_index (messages, 2);
  g_assert_cmpstr (lg_message_get_text (third), ==, "");
  g_assert_cmpstr (lg_message_get_media_kind (third), ==, "voice");
  g_assert_cmpint (lg_message_get_views (third), ==, 436);
}

/* A page's own links are not taken as they are: the link is the channel's
 * name and the post's number, when both are what they should be. */
static void
test_page_links (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgTelegramPage) page = parse_fixture ("odd-links.html", &error);
  GPtrArray *messages;

  g_assert_no_error (error);
  messages = lg_telegram_page_get_messages (page);
  g_assert_cmpuint (messages->len, ==, 2);
  g_assert_cmpstr (lg_message_get_permalink (g_ptr_array_index (messages, 0)), ==,
                   "https://t.me/dental_tools/7");
  g_assert_null (lg_message_get_permalink (g_ptr_array_index (messages, 1)));
}

static void
test_page_no_posts (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgTelegramPage) page = parse_fixture ("no-posts.html", &error);

  g_assert_no_error (error);
  g_assert_true (lg_telegram_page_is_empty (page));
  g_assert_cmpuint (lg_telegram_page_get_messages (page)->len, ==, 0);
  g_assert_cmpint (lg_telegram_page_get_before (page), ==, 0);
}

static void
test_page_errors (void)
{
  static const struct { const char *name; int code; const char *says; } cases[] = {
    { "missing-date.html", LG_SOURCES_ERROR_UNEXPECTED_PAGE, "the date of post dental_tools/7" },
    { "not-a-channel.html", LG_SOURCES_ERROR_UNEXPECTED_PAGE, "list of messages" },
    { "group.html", LG_SOURCES_ERROR_NOT_PUBLIC, "no public web preview" },
    { "nobody.html", LG_SOURCES_ERROR_NO_SUCH_CHANNEL, "no Telegram channel called @dental_tools" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LgTelegramPage) page = parse_fixture (cases[i].name, &error);

      g_assert_null (page);
      g_assert_error (error, LG_SOURCES_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].says));
    }

  /* An empty body is not a page either. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LgTelegramPage) page = lg_telegram_page_parse ("", 0, "x_channel",
                                                             LG_TELEGRAM_PAGE_WHOLE, &error);

    g_assert_null (page);
    g_assert_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_UNEXPECTED_PAGE);
  }
}

/* The full-text index holds every message once and nothing else, and the
 * trigger that indexes new messages is in place (an import turns it off
 * while it writes). A team workspace's index is each message's terms: none
 * with words lacks them. */
static void
assert_fts_consistent (LgStore *store)
{
  g_autoptr(GError) error = NULL;

  if (lg_store_is_remote (store))
    {
      g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM messages "
                                                 "WHERE length (terms) = 0 "
                                                 "AND text ~ '[[:alnum:]]'"), ==, 0);
      return;
    }

  g_assert_true (lg_store_exec (store, "INSERT INTO messages_fts (messages_fts) "
                                       "VALUES ('integrity-check')", &error));
  g_assert_no_error (error);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM sqlite_schema "
                                             "WHERE type = 'trigger' "
                                             "AND name = 'messages_fts_insert'"), ==, 1);
}

static gboolean
import_fixture (LgStore        *store,
                const char     *name,
                LgExportStats  *stats,
                GError        **error)
{
  g_autoptr(LgTelegramExport) importer = lg_telegram_export_new ();
  g_autofree char *path = fixture ("telegram-export", name);

  return lg_telegram_export_import (importer, store, path, NULL, stats, error);
}

static LgMessage *
message_at (GListModel *messages,
            guint       position)
{
  g_autoptr(LgMessage) message = g_list_model_get_item (messages, position);

  return message; /* the model keeps its own reference */
}

static void
test_export_new_schema (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) messages = NULL;
  g_autoptr(LgSource) source = NULL;
  LgExportStats stats = { 0 };
  LgMessage *message;

  g_assert_true (import_fixture (store, "new-schema.json", &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.chats, ==, 1);
  g_assert_cmpuint (stats.messages, ==, 4);
  g_assert_cmpuint (stats.added, ==, 4);
  g_assert_cmpuint (stats.skipped, ==, 1);

  source = lg_store_find_source (store, "telegram_export", "1712345678", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lg_source_get_title (source), ==, "Clinic Owners Club");
  g_assert_cmpint (lg_source_get_message_count (source), ==, 4);

  messages = lg_store_list_messages (store, lg_source_get_id (source), 0, &error);
  g_assert_no_error (error);
  /* Newest first: 5, 4, 3, 2. */
  message = message_at (messages, 3);
  g_assert_cmpstr (lg_message_get_external_id (message), ==, "2");
  g_assert_cmpstr (lg_message_get_author_name (message), ==, "Marta");
  g_assert_cmpstr (lg_message_get_author_id (message), ==, "user501");
  g_assert_cmpint (lg_message_get_sent_at (message), ==, 1706781900);
  g_assert_cmpstr (lg_message_get_permalink (message), ==, "https://t.me/c/1712345678/2");

  message = message_at (messages, 2);
  g_assert_cmpstr (lg_message_get_text (message), ==,
                   "we use this one (https://booking.example.org/), see also "
                   "https://example.net/review and ask for the clinic plan");
  g_assert_true (lg_message_get_edited (message));
  g_assert_cmpstr (lg_message_get_reply_to (message), ==, "2");

  message = message_at (messages, 1);
  g_assert_cmpstr (lg_message_get_text (message), ==, "tab\tseparated and a bell\a kept");
  g_assert_cmpstr (lg_message_get_forwarded_from (message), ==, "Dental Tools & Software");
  g_assert_cmpstr (lg_message_get_media_kind (message), ==, "photo");

  message = message_at (messages, 0);
  g_assert_null (lg_message_get_author_name (message));
  g_assert_cmpstr (lg_message_get_media_kind (message), ==, "voice");
}

static void
test_export_old_schema (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) messages = NULL;
  g_autoptr(GDateTime) expected = NULL;
  LgExportStats stats = { 0 };
  LgMessage *message;

  g_assert_true (import_fixture (store, "old-schema.json", &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.messages, ==, 2);
  g_assert_cmpuint (stats.skipped, ==, 1);

  messages = lg_store_list_messages (store, 0, 0, &error);
  message = message_at (messages, 1);
  g_assert_cmpstr (lg_message_get_author_id (message), ==, "user777001");
  /* The old exporter wrote local time. */
  expected = g_date_time_new_local (2019, 6, 3, 8, 15, 0);
  g_assert_cmpint (lg_message_get_sent_at (message), ==, g_date_time_to_unix (expected));
  /* No link into a private group. */
  g_assert_null (lg_message_get_permalink (message));

  message = message_at (messages, 0);
  g_assert_cmpstr (lg_message_get_text (message), ==,
                   "@ivan_ortho попробуйте их каталог (https://ortho.example.ru/catalog)");
}

static void
test_export_account (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) sources = NULL;
  LgExportStats stats = { 0 };

  g_assert_true (import_fixture (store, "account.json", &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.chats, ==, 3);
  g_assert_cmpuint (stats.messages, ==, 4);

  sources = lg_store_list_sources (store, &error);
  g_assert_cmpuint (g_list_model_get_n_items (sources), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(LgSource) source = g_list_model_get_item (sources, i);

      g_assert_cmpstr (lg_source_get_kind (source), ==, "telegram_export");
    }
}

static void
test_export_idempotent (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  LgExportStats stats = { 0 };
  LgStoreCounts counts;

  g_assert_true (import_fixture (store, "account.json", &stats, &error));
  g_assert_true (import_fixture (store, "account.json", &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.messages, ==, 4);
  g_assert_cmpuint (stats.added, ==, 0);
  g_assert_true (lg_store_count (store, &counts, NULL));
  g_assert_cmpint (counts.sources, ==, 3);
  g_assert_cmpint (counts.messages, ==, 4);
  assert_fts_consistent (store);
  /* Found by search, once. */
  g_assert_cmpint (lg_test_count_indexed (store, "designer"), ==, 1);
}

static void
test_export_broken (void)
{
  static const struct { const char *name; const char *where; } cases[] = {
    { "broken.json", "line 20, column 4" },
    { "wrong-types.json", "line 14" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LgStore) store = lg_test_open_store ();
      g_autoptr(GError) error = NULL;
      LgStoreCounts counts;

      g_assert_false (import_fixture (store, cases[i].name, NULL, &error));
      g_assert_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_EXPORT);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].where));
      g_assert_nonnull (strstr (error->message, "Nothing was imported"));
      /* The first message was fine, and still nothing stays. */
      g_assert_true (lg_store_count (store, &counts, NULL));
      g_assert_cmpint (counts.sources, ==, 0);
      g_assert_cmpint (counts.messages, ==, 0);
      assert_fts_consistent (store);
    }

  /* A file that is not there. */
  {
    g_autoptr(LgStore) store = lg_test_open_store ();
    g_autoptr(GError) error = NULL;

    g_assert_false (import_fixture (store, "no-such-file.json", NULL, &error));
    g_assert_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_EXPORT);
  }
}

/* Fields of another type than the exporter writes (a number or an object
 * where text belongs) are left out: the message is kept, nothing warns. */
static void
test_export_odd_fields (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) messages = NULL;
  LgExportStats stats = { 0 };
  LgMessage *message;

  g_assert_true (import_fixture (store, "odd-fields.json", &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.messages, ==, 4);
  g_assert_cmpuint (stats.added, ==, 4);

  messages = lg_store_list_messages (store, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, 4);

  /* Newest first: 4, 3, 2, 1. An entity's type that is not text is no type. */
  message = message_at (messages, 3);
  g_assert_cmpstr (lg_message_get_text (message), ==, "see x and y");

  message = message_at (messages, 2);
  g_assert_cmpstr (lg_message_get_text (message), ==, "a file of no known kind");
  g_assert_null (lg_message_get_media_kind (message));
  g_assert_null (lg_message_get_forwarded_from (message));

  message = message_at (messages, 1);
  g_assert_cmpstr (lg_message_get_text (message), ==, "https://example.org/");
  g_assert_null (lg_message_get_media_kind (message));
  g_assert_null (lg_message_get_forwarded_from (message));

  message = message_at (messages, 0);
  g_assert_cmpstr (lg_message_get_media_kind (message), ==, "voice");
  g_assert_cmpstr (lg_message_get_forwarded_from (message), ==, "Real Channel");
}

/* Found by fuzzing: json-glib turns escapes of half a UTF-16 pair, or of
 * what is not hex ("\ud8[0"), into text that is not UTF-8, which went into
 * the database and then GTK's labels. */
static void
test_export_bad_escapes (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) messages = NULL;
  LgExportStats stats = { 0 };
  LgMessage *message;

  g_assert_true (import_fixture (store, "bad-escapes.json", &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.added, ==, 1);

  messages = lg_store_list_messages (store, 0, 0, &error);
  g_assert_no_error (error);
  message = message_at (messages, 0);
  g_assert_true (g_utf8_validate (lg_message_get_text (message), -1, NULL));
  g_assert_true (g_str_has_prefix (lg_message_get_text (message), "\uFFFD"));
  g_assert_true (g_str_has_suffix (lg_message_get_text (message), "one surrogate"));
}

/* A chat id that is not a number gives no link. */
static void
test_export_odd_ids (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) messages = NULL;
  LgExportStats stats = { 0 };

  g_assert_true (import_fixture (store, "odd-ids.json", &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.chats, ==, 3);
  g_assert_cmpuint (stats.messages, ==, 3);

  messages = lg_store_list_messages (store, 0, 0, &error);
  g_assert_no_error (error);
  /* Newest first: 7, 6, 5. */
  g_assert_cmpstr (lg_message_get_text (message_at (messages, 2)), ==, "an id that is a path");
  g_assert_null (lg_message_get_permalink (message_at (messages, 2)));
  g_assert_null (lg_message_get_permalink (message_at (messages, 1)));
  g_assert_cmpstr (lg_message_get_permalink (message_at (messages, 0)), ==,
                   "https://t.me/c/1799000003/7");
}

/* Writes an export whose messages hold a value nested depth lists deep,
 * under "text" or under a key the importer skips. */
static char *
write_nested_export (const char *dir,
                     guint       depth,
                     gboolean    in_text)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  char *path = g_strdup_printf ("%s/nested-%u-%d.json", dir, depth, in_text);

  g_string_append (json, "{\"name\": \"Deep\", \"type\": \"private_group\", \"id\": 5,\n"
                         "\"messages\": [{\"id\": 1, \"type\": \"message\", "
                         "\"date_unixtime\": \"1700000000\", ");
  g_string_append (json, in_text ? "\"text\": " : "\"text\": \"deep\", \"extra\": ");
  for (guint i = 0; i < depth; i++)
    g_string_append_c (json, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (json, ']');
  g_string_append (json, "}]}\n");
  g_assert_true (g_file_set_contents (path, json->str, json->len, &error));
  g_assert_no_error (error);
  return path;
}

static void
test_export_deep_nesting (void)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autoptr(LgTelegramExport) importer = lg_telegram_export_new ();

  /* 300,000 lists in a 600 KB file: refused with an error, not a crash. */
  for (int in_text = 0; in_text <= 1; in_text++)
    {
      g_autoptr(LgStore) store = lg_test_open_store ();
      g_autoptr(GError) error = NULL;
      g_autofree char *path = write_nested_export (dir, 300000, in_text);
      LgStoreCounts counts;

      g_assert_false (lg_telegram_export_import (importer, store, path, NULL, NULL, &error));
      g_assert_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_EXPORT);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, "nested too deeply"));
      g_assert_nonnull (strstr (error->message, "line 2"));
      g_assert_true (lg_store_count (store, &counts, NULL));
      g_assert_cmpint (counts.messages, ==, 0);
      g_assert_cmpint (counts.sources, ==, 0);
    }

  /* Nesting within the limit is still read: an unknown field is skipped. */
  {
    g_autoptr(LgStore) store = lg_test_open_store ();
    g_autoptr(GError) error = NULL;
    g_autofree char *path = write_nested_export (dir, 400, FALSE);
    LgExportStats stats = { 0 };

    g_assert_true (lg_telegram_export_import (importer, store, path, NULL, &stats, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (stats.messages, ==, 1);
  }
}

/* Messages in the generated exports: enough for three progress reports
 * (one each 2,000 messages) while the file is read. */
#define BIG_EXPORT 6000

/* What another connection does while an import reads its file. */
typedef enum
{
  MEANWHILE_WRITE,        /* adds a lead */
  MEANWHILE_CANCEL,       /* adds a lead, then cancels the import */
  MEANWHILE_HOLD_AT_END,  /* adds a lead; holds the write lock when the file is read */
} MeanwhileAction;

typedef struct
{
  MeanwhileAction  action;
  LgStore         *other;       /* lg_test_open_other() */
  GCancellable    *cancellable;
  gint64           waited;      /* µs the lead took to add, -1 before it was */
  char            *expected;    /* the database just after it was */
} Meanwhile;

static void
on_progress_meanwhile_cb (LgTelegramExport *importer,
                          gint64            id,
                          guint             count,
                          double            fraction,
                          Meanwhile        *meanwhile)
{
  g_autoptr(GError) error = NULL;

  if (meanwhile->waited < 0)
    {
      g_autoptr(LgLead) lead = lg_lead_new ();
      gint64 start = g_get_monotonic_time ();

      lg_lead_set_name (lead, "Added during the import");
      lg_lead_set_stage (lead, "warm");
      g_assert_true (lg_store_add_lead (meanwhile->other, lead, &error));
      g_assert_no_error (error);
      meanwhile->waited = g_get_monotonic_time () - start;
      meanwhile->expected = lg_test_dump_database (meanwhile->other);
      if (meanwhile->action == MEANWHILE_CANCEL)
        g_cancellable_cancel (meanwhile->cancellable);
    }
  else if (meanwhile->action == MEANWHILE_HOLD_AT_END && count == BIG_EXPORT)
    {
      g_assert_true (lg_store_begin (meanwhile->other, &error));
      g_assert_no_error (error);
    }
}

static void
meanwhile_init (Meanwhile       *meanwhile,
                LgStore         *store,
                MeanwhileAction  action)
{
  *meanwhile = (Meanwhile) { .action = action, .waited = -1 };
  meanwhile->other = lg_test_open_other (store);
  meanwhile->cancellable = g_cancellable_new ();
}

static void
meanwhile_clear (Meanwhile *meanwhile)
{
  g_clear_object (&meanwhile->other);
  g_clear_object (&meanwhile->cancellable);
  g_clear_pointer (&meanwhile->expected, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Meanwhile, meanwhile_clear)

static gboolean
import_meanwhile (LgStore        *store,
                  const char     *path,
                  Meanwhile      *meanwhile,
                  LgExportStats  *stats,
                  GError        **error)
{
  g_autoptr(LgTelegramExport) importer = lg_telegram_export_new ();

  g_signal_connect (importer, "progress", G_CALLBACK (on_progress_meanwhile_cb), meanwhile);
  return lg_telegram_export_import (importer, store, path, meanwhile->cancellable, stats,
                                    error);
}

/* While an import reads a big export, another connection writes at once:
 * the import holds no lock until it moves what it read in. */
static void
test_export_other_writer (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = lg_test_write_export (dir, "result.json", BIG_EXPORT, FALSE);
  g_auto(Meanwhile) meanwhile = { 0 };
  g_autoptr(GError) error = NULL;
  LgExportStats stats = { 0 };

  g_assert_true (import_fixture (store, "new-schema.json", NULL, &error));
  meanwhile_init (&meanwhile, store, MEANWHILE_WRITE);
  g_assert_true (import_meanwhile (store, path, &meanwhile, &stats, &error));
  g_assert_no_error (error);
  g_test_message ("the other connection's write took %" G_GINT64_FORMAT " µs", meanwhile.waited);
  g_assert_cmpint (meanwhile.waited, >=, 0);
  g_assert_cmpint (meanwhile.waited, <, G_USEC_PER_SEC / 2);

  g_assert_cmpuint (stats.chats, ==, 1);
  g_assert_cmpuint (stats.messages, ==, BIG_EXPORT);
  g_assert_cmpuint (stats.added, ==, BIG_EXPORT);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM messages"), ==,
                   BIG_EXPORT + 4);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads "
                                             "WHERE name = 'Added during the import'"), ==, 1);
  /* Read by the intent model as they came in, and found by search. */
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM messages "
                                             "WHERE buyer IS NULL"), ==, 0);
  g_assert_cmpint (lg_test_count_indexed (store, "station"), ==,
                   BIG_EXPORT);
  assert_fts_consistent (store);
  g_assert_cmpint (lg_test_count_staging_tables (store), ==, 0);
}

/* An import cancelled while it reads, one whose file breaks after the last
 * message, and one whose move meets another writer's lock leave the
 * database exactly as it was, with what another connection wrote meanwhile,
 * and nothing that keeps the same import from succeeding next. */
static void
test_export_leaves_nothing (void)
{
  static const MeanwhileAction actions[] = {
    MEANWHILE_CANCEL, MEANWHILE_WRITE, MEANWHILE_HOLD_AT_END,
  };
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *whole = lg_test_write_export (dir, "result.json", BIG_EXPORT, FALSE);
  g_autofree char *truncated = lg_test_write_export (dir, "truncated.json", BIG_EXPORT, TRUE);
  g_autoptr(LgTelegramExport) importer = lg_telegram_export_new ();

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_autoptr(LgStore) store = lg_test_open_store ();
      g_auto(Meanwhile) meanwhile = { 0 };
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;
      LgExportStats stats = { 0 };
      const char *path = actions[i] == MEANWHILE_WRITE ? truncated : whole;

      /* PostgreSQL locks rows, not the database: a colleague's open
       * transaction keeps no import from moving its messages in. */
      if (actions[i] == MEANWHILE_HOLD_AT_END && lg_store_is_remote (store))
        continue;
      g_assert_true (import_fixture (store, "new-schema.json", NULL, &error));
      lg_test_add_lead (store, "There before", "cold");
      meanwhile_init (&meanwhile, store, actions[i]);
      if (actions[i] == MEANWHILE_HOLD_AT_END)
        sqlite3_busy_timeout (lg_store_get_db (store), 100);

      g_assert_false (import_meanwhile (store, path, &meanwhile, NULL, &error));
      g_test_message ("%s", error->message);
      if (actions[i] == MEANWHILE_CANCEL)
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      else if (actions[i] == MEANWHILE_WRITE)
        g_assert_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_EXPORT);
      else
        {
          g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_QUERY);
          g_assert_nonnull (strstr (error->message, "another import or sync is writing"));
          lg_store_rollback (meanwhile.other);
        }
      g_clear_error (&error);

      g_assert_nonnull (meanwhile.expected);
      after = lg_test_dump_database (store);
      g_assert_cmpstr (after, ==, meanwhile.expected);
      g_assert_cmpint (lg_test_count_staging_tables (store), ==,
                       0);

      g_assert_true (lg_telegram_export_import (importer, store, whole, NULL, &stats, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (stats.added, ==, BIG_EXPORT);
      assert_fts_consistent (store);
    }
}

static gboolean
has_staging_table (LgStore    *store,
                   const char *name)
{
  g_autofree char *found =
    lg_test_query_text (store, lg_store_is_remote (store)
                               ? "SELECT relname FROM pg_class WHERE relpersistence = 't' "
                                 "AND relkind = 'r' AND relnamespace = pg_my_temp_schema () "
                                 "AND relname = ?"
                               : "SELECT name FROM temp.sqlite_schema WHERE type = 'table' "
                                 "AND name = ?",
                        name);

  return found != NULL;
}

/* The messages' staging and the CSV import's take turns on one connection
 * through one helper (lg_store_stage_tables()): each starts from an empty
 * area of its own, the other's tables and rows gone, on a file and on a
 * team workspace (in each backend's types). */
static void
test_staging_areas_take_turns (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;

  g_assert_true (lg_store_stage_begin (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lg_store_stage_source (store, "telegram_export", "4242", "Chat", &error), >,
                   0);
  g_assert_no_error (error);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM staged_sources"), ==, 1);

  g_assert_true (lg_store_import_stage (store, &error));
  g_assert_no_error (error);
  g_assert_false (has_staging_table (store, "staged_sources"));
  g_assert_false (has_staging_table (store, "staged_messages"));
  g_assert_true (has_staging_table (store, "staged_leads"));
  g_assert_true (has_staging_table (store, "dedupe_keys"));
  g_assert_true (lg_store_exec (store, "INSERT INTO staged_lead_sources (id, name) "
                                       "VALUES (7, 'Meta · Spring Sale')", &error));
  g_assert_no_error (error);

  g_assert_true (lg_store_stage_begin (store, &error));
  g_assert_no_error (error);
  g_assert_false (has_staging_table (store, "staged_lead_sources"));
  g_assert_false (has_staging_table (store, "dedupe_keys"));
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM staged_sources"), ==, 0);
  g_assert_cmpint (lg_store_stage_source (store, "telegram_export", "4242", "Chat", &error), >,
                   0);
  g_assert_no_error (error);

  g_assert_true (lg_store_import_stage (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM staged_lead_sources"), ==, 0);
  lg_store_stage_discard (store);
  g_assert_cmpint (lg_test_count_staging_tables (store), ==, 0);
}

static void
test_remove_source_keeps_leads (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LgSource) source = NULL;
  g_autoptr(GListModel) messages = NULL;
  g_autoptr(LgLead) lead = lg_lead_new ();
  g_autoptr(LgLead) kept = NULL;
  g_autoptr(LgMessage) message = NULL;
  LgStoreCounts counts;

  g_assert_true (import_fixture (store, "new-schema.json", NULL, &error));
  source = lg_store_find_source (store, "telegram_export", "1712345678", &error);
  messages = lg_store_list_messages (store, lg_source_get_id (source), 1, &error);
  message = g_list_model_get_item (messages, 0);

  lg_lead_set_name (lead, "Marta");
  lg_lead_set_source_id (lead, lg_source_get_id (source));
  lg_lead_set_message_id (lead, lg_message_get_id (message));
  g_assert_true (lg_store_add_lead (store, lead, &error));

  g_assert_true (lg_store_remove_source (store, lg_source_get_id (source), &error));
  g_assert_no_error (error);
  g_assert_true (lg_store_count (store, &counts, NULL));
  g_assert_cmpint (counts.sources, ==, 0);
  g_assert_cmpint (counts.messages, ==, 0);
  g_assert_cmpint (counts.leads, ==, 1);

  kept = lg_store_get_lead (store, lg_lead_get_id (lead), &error);
  g_assert_no_error (error);
  g_assert_cmpint (lg_lead_get_source_id (kept), ==, 0);
  g_assert_cmpint (lg_lead_get_message_id (kept), ==, 0);

  g_assert_false (lg_store_remove_source (store, lg_source_get_id (source), &error));
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_NOT_FOUND);
}

/* The filters' list of sources is the sources' list, in its order, without
 * the counts of messages that make it slow on a big workspace. */
static void
test_list_brief (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgSource) zeta = lg_test_add_source (store, "zeta_channel");
  g_autoptr(LgSource) alpha = lg_test_add_source (store, "alpha_channel");
  g_autoptr(LgMessage) message = lg_message_new ();
  g_autoptr(GListModel) full = NULL;
  g_autoptr(GListModel) brief = NULL;
  g_autoptr(GError) error = NULL;

  lg_message_set_source_id (message, lg_source_get_id (zeta));
  lg_message_set_external_id (message, "1");
  lg_message_set_text (message, "hello");
  g_assert_true (lg_store_add_message (store, message, NULL, &error));

  full = lg_store_list_sources (store, &error);
  brief = lg_store_list_sources_brief (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (brief), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (full), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(LgSource) a = g_list_model_get_item (full, i);
      g_autoptr(LgSource) b = g_list_model_get_item (brief, i);

      g_assert_cmpint (lg_source_get_id (a), ==, lg_source_get_id (b));
      g_assert_cmpstr (lg_source_get_title (a), ==, lg_source_get_title (b));
      g_assert_cmpint (lg_source_get_message_count (a), ==, i == 0 ? 0 : 1);
      g_assert_cmpint (lg_source_get_message_count (b), ==, 0);
    }
}

/* A source's row takes every field of the source read afresh, whichever
 * properties the model grows (the test lists them), and says when nothing
 * changed. */
static void
test_update_from (void)
{
  g_autoptr(LgSource) mine = lg_source_new ();
  g_autoptr(LgSource) theirs = lg_source_new ();
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (theirs), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, pspecs[i]->value_type);
      if (pspecs[i]->value_type == G_TYPE_STRING)
        g_value_take_string (&value, g_strdup_printf ("value %u", i));
      else if (pspecs[i]->value_type == G_TYPE_INT64)
        g_value_set_int64 (&value, 1000 + i);
      else if (pspecs[i]->value_type == G_TYPE_INT)
        g_value_set_int (&value, (int) (1000 + i));
      else if (pspecs[i]->value_type == G_TYPE_BOOLEAN)
        g_value_set_boolean (&value, TRUE);
      else
        g_assert_not_reached ();
      g_object_set_property (G_OBJECT (theirs), pspecs[i]->name, &value);
    }

  g_assert_true (lg_source_update_from (mine, theirs));
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) a = G_VALUE_INIT;
      g_auto(GValue) b = G_VALUE_INIT;

      g_value_init (&a, pspecs[i]->value_type);
      g_value_init (&b, pspecs[i]->value_type);
      g_object_get_property (G_OBJECT (mine), pspecs[i]->name, &a);
      g_object_get_property (G_OBJECT (theirs), pspecs[i]->name, &b);
      if (g_param_values_cmp (pspecs[i], &a, &b) != 0)
        g_error ("update_from left out “%s”", pspecs[i]->name);
    }
  g_assert_false (lg_source_update_from (mine, theirs));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sources/handle", test_handle);
  g_test_add_func ("/sources/update-from", test_update_from);
  g_test_add_func ("/sources/list-brief", test_list_brief);
  g_test_add_func ("/sources/post-links", test_post_links);
  g_test_add_func ("/sources/page/counts", test_counts);
  g_test_add_func ("/sources/page/fields", test_page_fields);
  g_test_add_func ("/sources/page/links", test_page_links);
  g_test_add_func ("/sources/page/no-posts", test_page_no_posts);
  g_test_add_func ("/sources/page/errors", test_page_errors);
  g_test_add_func ("/sources/page/invalid-utf8", test_page_invalid_utf8);
  g_test_add_func ("/sources/page/bad-cursors", test_page_bad_cursors);
  g_test_add_func ("/sources/page/post-numbers", test_page_post_numbers);
  g_test_add_func ("/sources/export/new-schema", test_export_new_schema);
  g_test_add_func ("/sources/export/old-schema", test_export_old_schema);
  g_test_add_func ("/sources/export/account", test_export_account);
  g_test_add_func ("/sources/export/idempotent", test_export_idempotent);
  g_test_add_func ("/sources/export/broken", test_export_broken);
  g_test_add_func ("/sources/export/odd-fields", test_export_odd_fields);
  g_test_add_func ("/sources/export/odd-ids", test_export_odd_ids);
  g_test_add_func ("/sources/export/bad-escapes", test_export_bad_escapes);
  g_test_add_func ("/sources/export/deep-nesting", test_export_deep_nesting);
  g_test_add_func ("/sources/export/other-writer", test_export_other_writer);
  g_test_add_func ("/sources/export/leaves-nothing", test_export_leaves_nothing);
  g_test_add_func ("/sources/staging/areas-take-turns", test_staging_areas_take_turns);
  g_test_add_func ("/sources/remove-keeps-leads", test_remove_source_keeps_leads);

  return g_test_run ();
}
