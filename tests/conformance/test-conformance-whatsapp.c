/* test-conformance-whatsapp.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * WhatsApp chat exports that other people wrote, copied from the test suites
 * of other projects into tests/fixtures/whatsapp/ (origins and licences in
 * its README.md): several phones, languages, clocks and date orders. Each
 * imports whole, as many messages as it has (its system lines counted
 * apart), and adds nothing the second time; chat-miner's files also say what
 * each message must read.
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "lg-chat-import.h"
#include "lg-sources.h"
#include "lg-test-util.h"

typedef struct
{
  const char  *path;      /* under tests/fixtures/whatsapp/ */
  LgDateOrder  order;     /* what the user says when the file does not tell */
  guint        messages;
  guint        skipped;
} Case;

static const Case cases[] = {
  /* joweich/chat-miner: one chat in five locales' formats */
  { "chat-miner/test_mmddyy_24hrs.txt", LG_DATE_ORDER_AUTO, 6, 3 },
  { "chat-miner/test_ddmmyy_24hrs.txt", LG_DATE_ORDER_AUTO, 6, 3 },
  { "chat-miner/test_mmddyyyy_12hrs.txt", LG_DATE_ORDER_AUTO, 6, 3 },
  { "chat-miner/test_yyyymmdd_24hrs.txt", LG_DATE_ORDER_AUTO, 6, 3 },
  { "chat-miner/test_[mmddyy]_24hrs.txt", LG_DATE_ORDER_AUTO, 6, 3 },
  /* gesiscss/WhatsR: English and German, Android and iPhone, 24 h and AM/PM,
   * byte order marks before and inside the brackets */
  { "whatsr/englishandroid24h.txt", LG_DATE_ORDER_AUTO, 38, 12 },
  { "whatsr/englishandroidampm.txt", LG_DATE_ORDER_AUTO, 38, 12 },
  { "whatsr/englishios24h.txt", LG_DATE_ORDER_AUTO, 38, 12 },
  { "whatsr/englishiosampm.txt", LG_DATE_ORDER_AUTO, 38, 12 },
  { "whatsr/germanandroid24h.txt", LG_DATE_ORDER_AUTO, 38, 12 },
  { "whatsr/germanandroidampm.txt", LG_DATE_ORDER_AUTO, 38, 12 },
  { "whatsr/germanios24h.txt", LG_DATE_ORDER_AUTO, 38, 12 },
  { "whatsr/germaniosampm.txt", LG_DATE_ORDER_AUTO, 38, 12 },
  /* lucasrodes/whatstk: day.month.year */
  { "whatstk/pokemon.txt", LG_DATE_ORDER_AUTO, 18, 2 },
  /* Pustur/whatsapp-chat-parser: no day after the 12th, a blank line in a
   * message */
  { "whatsapp-chat-parser/short-chat.txt", LG_DATE_ORDER_DMY, 3, 2 },
  /* rodrigogs/whats-reader: locales from its issue reports */
  { "whats-reader/WhatsApp Chat with Alice.txt", LG_DATE_ORDER_DMY, 39, 6 },
  { "whats-reader/ios-group-chat_chat.txt", LG_DATE_ORDER_DMY, 31, 8 },
  { "whats-reader/asian-ampm-format-test.txt", LG_DATE_ORDER_AUTO, 3, 2 },
  { "whats-reader/asian-format-test.txt", LG_DATE_ORDER_AUTO, 4, 1 },
  { "whats-reader/bracketed-year-first-test.txt", LG_DATE_ORDER_AUTO, 3, 0 },
  { "whats-reader/dash-format-test.txt", LG_DATE_ORDER_DMY, 3, 2 },
  { "whats-reader/dot-time-klo-format-test.txt", LG_DATE_ORDER_AUTO, 2, 0 },
  { "whats-reader/european-ampm-format-test.txt", LG_DATE_ORDER_AUTO, 4, 0 },
  { "whats-reader/french-format-test.txt", LG_DATE_ORDER_DMY, 4, 2 },
  { "whats-reader/german-format-test.txt", LG_DATE_ORDER_DMY, 4, 2 },
  { "whats-reader/ios-format-test.txt", LG_DATE_ORDER_AUTO, 3, 2 },
  { "whats-reader/spanish-format-test.txt", LG_DATE_ORDER_DMY, 4, 2 },
};

static char *
fixture (const char *path)
{
  return g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "fixtures", "whatsapp", path, NULL);
}

static gboolean
import_file (LgStore        *store,
             const char     *path,
             LgDateOrder     order,
             LgExportStats  *stats,
             GError        **error)
{
  g_autoptr(LgChatImport) importer = lg_chat_import_new ();

  lg_chat_import_set_date_order (importer, order);
  return lg_chat_import_run (importer, store, path, NULL, stats, error);
}

static void
test_files (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LgStore) store = lg_test_open_store ();
      g_autoptr(GError) error = NULL;
      g_autofree char *path = fixture (cases[i].path);
      LgExportStats stats = { 0 };

      g_test_message ("%s", cases[i].path);
      /* A file that does not tell its date order says so first. */
      if (cases[i].order != LG_DATE_ORDER_AUTO)
        {
          g_assert_false (import_file (store, path, LG_DATE_ORDER_AUTO, &stats, &error));
          g_assert_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_AMBIGUOUS_DATES);
          g_clear_error (&error);
        }
      g_assert_true (import_file (store, path, cases[i].order, &stats, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (stats.kind, ==, "whatsapp");
      g_assert_cmpuint (stats.chats, ==, 1);
      g_assert_cmpuint (stats.messages, ==, cases[i].messages);
      g_assert_cmpuint (stats.added, ==, cases[i].messages);
      g_assert_cmpuint (stats.skipped, ==, cases[i].skipped);
      /* Text is UTF-8 without the marks WhatsApp puts before it. */
      g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM messages WHERE "
                                                 "text LIKE char(8206) || '%' OR text = ''"),
                       ==, 0);

      g_assert_true (import_file (store, path, cases[i].order, &stats, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (stats.added, ==, 0);
    }
}

/* chat-miner's target.json: what each of its files says (the same chat in
 * five formats), newest first, as local times. */
static void
test_chat_miner_target (void)
{
  g_autofree char *target_path = fixture ("chat-miner/target.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *target;

  g_assert_true (json_parser_load_from_file (parser, target_path, &error));
  target = json_node_get_array (json_parser_get_root (parser));

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(LgStore) store = lg_test_open_store ();
      g_autofree char *path = fixture (cases[i].path);
      g_autoptr(GListModel) messages = NULL;

      g_assert_true (import_file (store, path, LG_DATE_ORDER_AUTO, NULL, &error));
      messages = lg_store_list_messages (store, 0, 100, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (messages), ==, json_array_get_length (target));
      for (guint j = 0; j < json_array_get_length (target); j++)
        {
          JsonObject *expected = json_array_get_object_element (target, j);
          g_autoptr(LgMessage) message = g_list_model_get_item (messages, j);
          g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
          g_autoptr(GDateTime) time =
            g_date_time_new_from_iso8601 (json_object_get_string_member (expected, "timestamp"),
                                          zone);
          g_autofree char *text = g_strdup (json_object_get_string_member (expected, "message"));

          /* chat-miner joins a message's lines with a space. */
          g_assert_cmpint (lg_message_get_sent_at (message), ==, g_date_time_to_unix (time));
          g_assert_cmpstr (lg_message_get_author_name (message), ==,
                           json_object_get_string_member (expected, "author"));
          {
            g_autofree char *joined = g_strdup (lg_message_get_text (message));

            g_strdelimit (joined, "\n", ' ');
            g_assert_cmpstr (joined, ==, text);
          }
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/conformance/whatsapp/files", test_files);
  g_test_add_func ("/conformance/whatsapp/chat-miner-target", test_chat_miner_target);
  return g_test_run ();
}
