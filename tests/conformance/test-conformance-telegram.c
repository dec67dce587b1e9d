/* test-conformance-telegram.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The t.me page parser and the export importer on files other people saved
 * and wrote (../shared/conformance): see its README for their origin.
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "lg-sources.h"
#include "lg-telegram-export.h"
#include "lg-telegram-page.h"
#include "lg-test-util.h"

static char *
conformance_path (const char *first,
                  ...)
{
  const char *root = g_getenv ("LEADGRAM_CONFORMANCE_DIR");
  g_autofree char *relative = NULL;
  char *path;
  va_list args;

  if (root == NULL || !g_file_test (root, G_FILE_TEST_IS_DIR))
    return NULL;

  va_start (args, first);
  relative = g_build_filename_valist (first, &args);
  va_end (args);
  path = g_build_filename (root, relative, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    g_clear_pointer (&path, g_free);
  return path;
}

#define REQUIRE(path) \
  G_STMT_START { \
    if ((path) == NULL) \
      { \
        g_test_skip ("the conformance folder (../shared/conformance) is missing"); \
        return; \
      } \
  } G_STMT_END

static LgTelegramPage *
parse_file (const char          *path,
            LgTelegramPageFlags  flags,
            GError             **error)
{
  g_autofree char *html = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &html, &length, NULL));
  return lg_telegram_page_parse (html, length, NULL, flags, error);
}

static void
test_lifemodel (void)
{
  g_autofree char *path = conformance_path ("telegram-web", "lifemodel",
                                            "telegram-test-channel.html", NULL);
  g_autoptr(LgTelegramPage) page = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *messages;
  static const char *ids[] = { "1001", "1003", "1010" };

  REQUIRE (path);
  page = parse_file (path, LG_TELEGRAM_PAGE_WHOLE, &error);
  g_assert_no_error (error);

  messages = lg_telegram_page_get_messages (page);
  g_assert_cmpuint (messages->len, ==, G_N_ELEMENTS (ids));
  for (guint i = 0; i < messages->len; i++)
    g_assert_cmpstr (lg_message_get_external_id (g_ptr_array_index (messages, i)), ==, ids[i]);
  g_assert_cmpint (lg_telegram_page_get_before (page), ==, 1001);
  g_assert_cmpstr (lg_telegram_page_get_title (page), ==, "Test_Channel");

  /* 2.5K views and the date of post 1001. */
  g_assert_cmpint (lg_message_get_views (g_ptr_array_index (messages, 0)), ==, 2500);
  g_assert_cmpint (lg_message_get_sent_at (g_ptr_array_index (messages, 0)), ==, 1769848556);
  g_assert_cmpstr (lg_message_get_media_kind (g_ptr_array_index (messages, 0)), ==, "photo");
}

static void
test_any2feed_full (void)
{
  g_autofree char *path = conformance_path ("telegram-web", "any2feed", "full.html", NULL);
  g_autoptr(LgTelegramPage) page = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *messages;

  REQUIRE (path);
  page = parse_file (path, LG_TELEGRAM_PAGE_WHOLE, &error);
  g_assert_no_error (error);

  messages = lg_telegram_page_get_messages (page);
  g_assert_cmpuint (messages->len, ==, 12);
  g_assert_cmpint (lg_telegram_page_get_before (page), ==, 70989);
  g_assert_cmpstr (lg_message_get_external_id (g_ptr_array_index (messages, 0)), ==, "70989");
  g_assert_cmpstr (lg_message_get_external_id (g_ptr_array_index (messages, 11)), ==, "71008");
  for (guint i = 0; i < messages->len; i++)
    {
      LgMessage *message = g_ptr_array_index (messages, i);

      g_assert_cmpint (lg_message_get_sent_at (message), >, 1600000000);
      g_assert_true (g_str_has_prefix (lg_message_get_permalink (message), "https://t.me/"));
      /* The re-indented page's line breaks are layout, not text. */
      g_assert_null (strstr (lg_message_get_text (message), "  "));
    }
}

/* Every saved single widget parses; those that hold a post give exactly it. */
static void
test_any2feed_widgets (void)
{
  g_autofree char *dir_path = conformance_path ("telegram-web", "any2feed", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint with_posts = 0;

  REQUIRE (dir_path);
  dir = g_dir_open (dir_path, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *html = NULL;
      g_autoptr(LgTelegramPage) page = NULL;
      g_autoptr(GError) error = NULL;
      gsize length;

      if (!g_str_has_suffix (name, ".html") || g_strcmp0 (name, "full.html") == 0)
        continue;

      g_assert_true (g_file_get_contents (path, &html, &length, NULL));
      page = lg_telegram_page_parse (html, length, NULL, LG_TELEGRAM_PAGE_FRAGMENT, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (lg_telegram_page_get_messages (page)->len, ==,
                        strstr (html, "data-post=") != NULL ? 1 : 0);
      with_posts += lg_telegram_page_get_messages (page)->len;
    }
  g_assert_cmpuint (with_posts, >=, 10);
}

static void
test_any2feed_fields (void)
{
  g_autofree char *forwarded = conformance_path ("telegram-web", "any2feed",
                                                 "message_media_forwarded_from.html", NULL);
  g_autofree char *signed_post = conformance_path ("telegram-web", "any2feed",
                                                   "message_with_from_author.html", NULL);
  g_autofree char *voice = conformance_path ("telegram-web", "any2feed",
                                             "message_voice.html", NULL);
  g_autoptr(LgTelegramPage) page = NULL;
  LgMessage *message;

  REQUIRE (forwarded);
  page = parse_file (forwarded, LG_TELEGRAM_PAGE_FRAGMENT, NULL);
  message = g_ptr_array_index (lg_telegram_page_get_messages (page), 0);
  g_assert_cmpstr (lg_message_get_forwarded_from (message), ==, "Пул N3");
  g_assert_cmpint (lg_message_get_views (message), ==, 214400);
  g_assert_cmpstr (lg_message_get_media_kind (message), ==, "photo");
  g_assert_true (g_str_has_prefix (lg_message_get_text (message), "Британская разведка выяснила, "
                                                                  "почему"));
  g_clear_object (&page);

  page = parse_file (signed_post, LG_TELEGRAM_PAGE_FRAGMENT, NULL);
  message = g_ptr_array_index (lg_telegram_page_get_messages (page), 0);
  g_assert_cmpstr (lg_message_get_author_name (message), ==, "🅰️rkadiy Ivanov");
  g_clear_object (&page);

  page = parse_file (voice, LG_TELEGRAM_PAGE_FRAGMENT, NULL);
  message = g_ptr_array_index (lg_telegram_page_get_messages (page), 0);
  g_assert_cmpstr (lg_message_get_media_kind (message), ==, "voice");
}

static LgExportStats
import_file (LgStore     *store,
             const char  *path,
             GError     **error)
{
  g_autoptr(LgTelegramExport) importer = lg_telegram_export_new ();
  LgExportStats stats = { 0 };

  lg_telegram_export_import (importer, store, path, NULL, &stats, error);
  return stats;
}

static void
test_chat_miner_target (void)
{
  g_autofree char *target_path = conformance_path ("telegram-export", "chat-miner",
                                                   "target.json", NULL);
  static const char *files[] = { "test_single_export.json", "test_batch_export.json" };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *target;

  REQUIRE (target_path);
  g_assert_true (json_parser_load_from_file (parser, target_path, NULL));
  target = json_node_get_array (json_parser_get_root (parser));

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      g_autofree char *path = conformance_path ("telegram-export", "chat-miner", files[f], NULL);
      g_autoptr(LgStore) store = lg_test_open_store ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GListModel) messages = NULL;
      LgExportStats stats = import_file (store, path, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (stats.chats, ==, 1);
      g_assert_cmpuint (stats.messages, ==, json_array_get_length (target));

      messages = lg_store_list_messages (store, 0, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (messages), ==, json_array_get_length (target));
      for (guint i = 0; i < json_array_get_length (target); i++)
        {
          JsonObject *expected = json_array_get_object_element (target, i);
          /* The list is newest first; the target oldest first. */
          g_autoptr(LgMessage) message = g_list_model_get_item (messages,
                                                                 json_array_get_length (target) - 1 - i);
          g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (lg_message_get_sent_at (message));
          g_autofree char *iso = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S");

          g_assert_cmpstr (lg_message_get_author_name (message), ==,
                           json_object_get_string_member (expected, "author"));
          g_assert_cmpstr (lg_message_get_text (message), ==,
                           json_object_get_string_member (expected, "message"));
          g_assert_cmpstr (iso, ==, json_object_get_string_member (expected, "timestamp"));
        }
    }
}

static void
test_chat_parser_files (void)
{
  g_autofree char *dir_path = conformance_path ("telegram-export", "telegram-chat-parser", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint imported = 0, refused = 0;

  REQUIRE (dir_path);
  dir = g_dir_open (dir_path, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autoptr(LgStore) store = lg_test_open_store ();
      g_autoptr(GError) error = NULL;
      LgStoreCounts counts;
      LgExportStats stats;

      if (!g_str_has_suffix (name, ".json"))
        continue;

      stats = import_file (store, path, &error);
      g_assert_true (lg_store_count (store, &counts, NULL));
      if (g_str_has_prefix (name, "error"))
        {
          g_assert_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_EXPORT);
          g_assert_nonnull (strstr (error->message, "line "));
          g_assert_cmpint (counts.sources, ==, 0);
          g_assert_cmpint (counts.messages, ==, 0);
          refused++;
        }
      else
        {
          g_assert_no_error (error);
          g_assert_cmpuint (stats.chats, ==, 1);
          g_assert_cmpint (counts.messages, ==, stats.messages);
          g_assert_cmpint (counts.sources, ==, 1);
          imported++;
        }
    }
  g_assert_cmpuint (refused, ==, 2);
  g_assert_cmpuint (imported, >=, 9);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/conformance/telegram-web/lifemodel", test_lifemodel);
  g_test_add_func ("/conformance/telegram-web/any2feed-full", test_any2feed_full);
  g_test_add_func ("/conformance/telegram-web/any2feed-widgets", test_any2feed_widgets);
  g_test_add_func ("/conformance/telegram-web/any2feed-fields", test_any2feed_fields);
  g_test_add_func ("/conformance/telegram-export/chat-miner", test_chat_miner_target);
  g_test_add_func ("/conformance/telegram-export/telegram-chat-parser", test_chat_parser_files);

  return g_test_run ();
}
