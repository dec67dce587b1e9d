/* test-chat-exports.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Discord and Slack export importers on files the project wrote
 * (tests/fixtures/discord/project, tests/fixtures/slack/project); the real
 * files of other people run in the conformance suite.
 */

#include "config.h"

#include "lg-discord-export.h"
#include "lg-sources.h"
#include "lg-test-util.h"

static char *
fixture (const char *first,
         ...)
{
  g_autofree char *relative = NULL;
  va_list args;

  va_start (args, first);
  relative = g_build_filename_valist (first, &args);
  va_end (args);
  return g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "fixtures", relative, NULL);
}

static void
assert_nothing_stored (LgStore *store)
{
  LgStoreCounts counts;

  g_assert_true (lg_store_count (store, &counts, NULL));
  g_assert_cmpint (counts.sources, ==, 0);
  g_assert_cmpint (counts.messages, ==, 0);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM temp.sqlite_schema"), ==, 0);
}

/* Discord */

static gboolean
import_discord (LgStore        *store,
                const char     *name,
                LgExportStats  *stats,
                GError        **error)
{
  g_autoptr(LgDiscordExport) importer = lg_discord_export_new ();
  g_autofree char *path = fixture ("discord", "project", name, NULL);

  return lg_discord_export_import (importer, store, path, NULL, stats, error);
}

static void
test_discord_channel (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LgSource) source = NULL;
  g_autoptr(LgMessage) question = NULL;
  g_autoptr(LgMessage) answer = NULL;
  LgExportStats stats = { 0 };

  g_assert_true (import_discord (store, "channel.json", &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.chats, ==, 1);
  g_assert_cmpuint (stats.messages, ==, 2);
  g_assert_cmpuint (stats.added, ==, 2);
  /* The join and the pin. */
  g_assert_cmpuint (stats.skipped, ==, 2);

  source = lg_store_find_source (store, "discord_export",
                                 "880000000000000001/880000000000000101", &error);
  g_assert_no_error (error);
  g_assert_nonnull (source);
  g_assert_cmpstr (lg_source_get_title (source), ==, "#software on Dental Practice Owners");
  g_assert_cmpint (lg_source_get_message_count (source), ==, 2);

  question = lg_test_find_message (store, "1210000000000000002");
  g_assert_cmpstr (lg_message_get_author_name (question), ==, "Marta (Smile Clinic)");
  g_assert_cmpstr (lg_message_get_author_handle (question), ==, "marta.k");
  g_assert_cmpstr (lg_message_get_author_id (question), ==, "700000000000000001");
  /* 09:15:30 at +01:00 */
  g_assert_cmpint (lg_message_get_sent_at (question), ==, lg_test_utc (2024, 3, 1, 8) + 15 * 60 + 30);
  g_assert_true (g_str_has_prefix (lg_message_get_text (question), "Can anyone recommend"));
  g_assert_true (lg_message_get_edited (question));
  g_assert_cmpstr (lg_message_get_thread (question), ==, "software");
  g_assert_cmpstr (lg_message_get_permalink (question), ==,
                   "https://discord.com/channels/880000000000000001/880000000000000101/"
                   "1210000000000000002");
  g_assert_null (lg_message_get_reply_to (question));
  g_assert_null (lg_message_get_media_kind (question));

  answer = lg_test_find_message (store, "1210000000000000003");
  /* No nickname: the user name. */
  g_assert_cmpstr (lg_message_get_author_name (answer), ==, "jon_ortho");
  g_assert_cmpstr (lg_message_get_reply_to (answer), ==, "1210000000000000002");
  g_assert_cmpstr (lg_message_get_media_kind (answer), ==, "photo");
  g_assert_false (lg_message_get_edited (answer));
  g_assert_true (g_str_has_suffix (lg_message_get_text (answer), "screenshot attached ✨"));

  /* Found by search like any other message. */
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM messages_fts "
                                             "WHERE messages_fts MATCH 'booking'"), ==, 1);
}

static void
test_discord_thread (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LgMessage) message = NULL;
  g_autoptr(LgSource) source = NULL;

  g_assert_true (import_discord (store, "thread.json", NULL, &error));
  g_assert_no_error (error);
  source = lg_store_find_source (store, "discord_export",
                                 "880000000000000001/880000000000000202", &error);
  g_assert_cmpstr (lg_source_get_title (source), ==,
                   "#Looking for a new X-ray viewer on Dental Practice Owners");
  message = lg_test_find_message (store, "1210000000000000100");
  g_assert_cmpstr (lg_message_get_thread (message), ==, "Looking for a new X-ray viewer");
  g_assert_cmpstr (lg_message_get_author_name (message), ==, "Jon");
  g_assert_cmpint (lg_message_get_sent_at (message), ==, lg_test_utc (2024, 3, 1, 12));
}

static void
test_discord_again (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  LgExportStats stats = { 0 };

  g_assert_true (import_discord (store, "channel.json", NULL, &error));
  g_assert_true (import_discord (store, "channel.json", &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.messages, ==, 2);
  g_assert_cmpuint (stats.added, ==, 0);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM messages"), ==, 2);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM sources"), ==, 1);
}

static void
test_discord_broken (void)
{
  static const struct { const char *name; const char *where; const char *what; } cases[] = {
    { "truncated.json", "truncated.json", "line 50, column 37, a text never ends" },
    /* At the first line of the message whose time is unreadable. */
    { "bad-time.json", "line 43, column 5", "no readable time" },
    { "no-such-file.json", "no-such-file.json", "Could not read" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LgStore) store = lg_test_open_store ();
      g_autoptr(GError) error = NULL;

      g_assert_false (import_discord (store, cases[i].name, NULL, &error));
      g_assert_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_EXPORT);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].where));
      g_assert_nonnull (strstr (error->message, cases[i].what));
      /* The messages before the break are not kept either. */
      assert_nothing_stored (store);
    }

  /* A Telegram export is not a Discord one. */
  {
    g_autoptr(LgStore) store = lg_test_open_store ();
    g_autoptr(LgDiscordExport) importer = lg_discord_export_new ();
    g_autofree char *path = fixture ("telegram-export", "new-schema.json", NULL);
    g_autoptr(GError) error = NULL;

    g_assert_false (lg_discord_export_import (importer, store, path, NULL, NULL, &error));
    g_assert_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_EXPORT);
    g_assert_nonnull (strstr (error->message, "DiscordChatExporter"));
    assert_nothing_stored (store);
  }
}

static void
test_discord_sniff (void)
{
  g_autofree char *channel = fixture ("discord", "project", "channel.json", NULL);
  g_autofree char *real = fixture ("discord", "chat-analytics", "SV_5A_5M.json", NULL);
  g_autofree char *telegram = fixture ("telegram-export", "new-schema.json", NULL);
  g_autofree char *folder = fixture ("discord", NULL);
  g_autofree char *missing = fixture ("discord", "project", "no-such-file.json", NULL);

  g_assert_true (lg_discord_export_sniff (channel));
  g_assert_true (lg_discord_export_sniff (real));
  g_assert_false (lg_discord_export_sniff (telegram));
  g_assert_false (lg_discord_export_sniff (folder));
  g_assert_false (lg_discord_export_sniff (missing));
}

static void
on_progress_cb (GObject *importer,
                gint64   id,
                guint    count,
                double   fraction,
                gpointer user_data)
{
  GArray *seen = user_data;

  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_array_append_val (seen, fraction);
}

static void
on_imported_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  LgExportStats *stats = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (lg_discord_export_import_finish (LG_DISCORD_EXPORT (object), result, stats,
                                                  &error));
  g_assert_no_error (error);
}

/* On a worker, with progress in the caller's context, on a generated file
 * big enough for several reports. */
static void
test_discord_async (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgDiscordExport) importer = lg_discord_export_new ();
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = lg_test_write_discord_export (dir, "big.json", 5000);
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (double));
  LgExportStats stats = { 0 };

  g_assert_true (lg_discord_export_sniff (path));
  g_signal_connect (importer, "progress", G_CALLBACK (on_progress_cb), seen);
  lg_discord_export_import_async (importer, lg_store_get_path (store), path, NULL,
                                  on_imported_cb, &stats);
  while (stats.chats == 0)
    g_main_context_iteration (NULL, TRUE);
  /* The last report comes in an idle queued before the result. */
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);

  g_assert_cmpuint (stats.messages, ==, 5000);
  g_assert_cmpuint (stats.added, ==, 5000);
  g_assert_cmpuint (seen->len, ==, 3);
  g_assert_cmpfloat (g_array_index (seen, double, 0), >, 0.0);
  g_assert_cmpfloat (g_array_index (seen, double, 0), <, g_array_index (seen, double, 1));
  g_assert_cmpfloat (g_array_index (seen, double, 2), ==, 1.0);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM messages"), ==, 5000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chat-exports/discord/channel", test_discord_channel);
  g_test_add_func ("/chat-exports/discord/thread", test_discord_thread);
  g_test_add_func ("/chat-exports/discord/again", test_discord_again);
  g_test_add_func ("/chat-exports/discord/broken", test_discord_broken);
  g_test_add_func ("/chat-exports/discord/sniff", test_discord_sniff);
  g_test_add_func ("/chat-exports/discord/async", test_discord_async);

  return g_test_run ();
}
