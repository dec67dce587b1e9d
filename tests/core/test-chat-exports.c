/* test-chat-exports.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Discord and Slack export readers on files the project wrote
 * (tests/fixtures/discord/project, tests/fixtures/slack/project); the real
 * files of other people run in the conformance suite.
 */

#include "config.h"

#include "lg-chat-import.h"
#include "lg-discord-export.h"
#include "lg-slack-export.h"
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
  g_assert_cmpint (lg_test_count_staging_tables (store), ==, 0);
}

/* What lg_chat_import_run() asks a sniff: path and its first bytes. */
static gboolean
sniff (gboolean  (*sniff_func) (const char *, const char *, gsize),
       const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    g_file_get_contents (path, &contents, &length, NULL);
  return sniff_func (path, contents, MIN (length, 4096));
}

/* Discord */

static gboolean
import_discord (LgStore        *store,
                const char     *name,
                LgExportStats  *stats,
                GError        **error)
{
  g_autofree char *path = fixture ("discord", "project", name, NULL);

  return lg_test_read_export (store, path, lg_discord_export_read, stats, error);
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
  g_assert_cmpint (lg_test_count_indexed (store, "booking"), ==, 1);
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
    g_autofree char *path = fixture ("telegram-export", "new-schema.json", NULL);
    g_autoptr(GError) error = NULL;

    g_assert_false (lg_test_read_export (store, path, lg_discord_export_read, NULL, &error));
    g_assert_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_EXPORT);
    g_assert_nonnull (strstr (error->message, "DiscordChatExporter"));
    assert_nothing_stored (store);
  }
}

/* A whole server exported: a folder of channels, read file by file. */
static void
test_discord_folder (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autofree char *folder = fixture ("discord", "chat-analytics", NULL);
  g_autofree char *empty = fixture ("discord", NULL);
  g_autoptr(GError) error = NULL;
  LgExportStats stats = { 0 };

  g_assert_true (sniff (lg_discord_export_sniff, folder));
  g_assert_true (lg_test_read_export (store, folder, lg_discord_export_read, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.chats, ==, 3);
  g_assert_cmpuint (stats.messages, ==, 10);
  g_assert_cmpuint (stats.added, ==, 9);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM sources "
                                             "WHERE kind = 'discord_export'"), ==, 3);

  /* A folder without a single export says so, and imports nothing. */
  g_clear_object (&store);
  store = lg_test_open_store ();
  g_assert_false (lg_test_read_export (store, empty, lg_discord_export_read, NULL, &error));
  g_assert_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_EXPORT);
  g_assert_nonnull (strstr (error->message, "holds no DiscordChatExporter export"));
  assert_nothing_stored (store);
}

static void
test_discord_sniff (void)
{
  g_autofree char *channel = fixture ("discord", "project", "channel.json", NULL);
  g_autofree char *real = fixture ("discord", "chat-analytics", "SV_5A_5M.json", NULL);
  g_autofree char *telegram = fixture ("telegram-export", "new-schema.json", NULL);
  g_autofree char *folder = fixture ("discord", NULL);
  g_autofree char *missing = fixture ("discord", "project", "no-such-file.json", NULL);

  g_assert_true (sniff (lg_discord_export_sniff, channel));
  g_assert_true (sniff (lg_discord_export_sniff, real));
  g_assert_false (sniff (lg_discord_export_sniff, telegram));
  g_assert_false (sniff (lg_discord_export_sniff, folder));
  g_assert_false (sniff (lg_discord_export_sniff, missing));
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

  g_assert_true (lg_chat_import_run_finish (LG_CHAT_IMPORT (object), result, stats, &error));
  g_assert_no_error (error);
}

/* Through the chat import, on a worker, with progress in the caller's
 * context, on a generated file big enough for several reports. */
static void
test_discord_async (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgChatImport) importer = lg_chat_import_new ();
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = lg_test_write_discord_export (dir, "big.json", 5000);
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (double));
  LgExportStats stats = { 0 };

  g_assert_true (sniff (lg_discord_export_sniff, path));
  g_signal_connect (importer, "progress", G_CALLBACK (on_progress_cb), seen);
  lg_chat_import_run_async (importer, lg_store_get_path (store), path, NULL, on_imported_cb,
                            &stats);
  while (stats.chats == 0)
    g_main_context_iteration (NULL, TRUE);
  /* The last report comes in an idle queued before the result. */
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);

  g_assert_cmpstr (stats.kind, ==, "discord");
  g_assert_cmpuint (stats.messages, ==, 5000);
  g_assert_cmpuint (stats.added, ==, 5000);
  g_assert_cmpuint (seen->len, ==, 3);
  g_assert_cmpfloat (g_array_index (seen, double, 0), >, 0.0);
  g_assert_cmpfloat (g_array_index (seen, double, 0), <, g_array_index (seen, double, 1));
  g_assert_cmpfloat (g_array_index (seen, double, 2), ==, 1.0);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM messages"), ==, 5000);
}

/* Slack */

#define ACME "Acme Dental Slack export Jan 15 2024 - Jan 16 2024"

static gboolean
import_slack (LgStore        *store,
              const char     *name,
              LgExportStats  *stats,
              GError        **error)
{
  g_autofree char *path = fixture ("slack", "project", name, NULL);

  return lg_test_read_export (store, path, lg_slack_export_read, stats, error);
}

static void
assert_acme (LgStore             *store,
             const LgExportStats *stats)
{
  g_autoptr(LgSource) general = NULL;
  g_autoptr(LgSource) direct = NULL;
  g_autoptr(LgMessage) question = NULL;
  g_autoptr(LgMessage) answer = NULL;
  g_autoptr(LgMessage) later = NULL;
  g_autoptr(LgMessage) file = NULL;
  g_autoptr(LgMessage) dm = NULL;

  g_assert_cmpuint (stats->chats, ==, 2);
  g_assert_cmpuint (stats->messages, ==, 5);
  g_assert_cmpuint (stats->added, ==, 5);
  /* The join, the bot and the topic change. */
  g_assert_cmpuint (stats->skipped, ==, 3);

  general = lg_store_find_source (store, "slack_export", "C01GENERAL", NULL);
  g_assert_nonnull (general);
  g_assert_cmpstr (lg_source_get_title (general), ==, "#general on Acme Dental");
  g_assert_cmpint (lg_source_get_message_count (general), ==, 4);
  direct = lg_store_find_source (store, "slack_export", "D0DM00001", NULL);
  g_assert_nonnull (direct);
  g_assert_cmpstr (lg_source_get_title (direct), ==, "Marta Kowalska, Jon");

  question = lg_test_find_message (store, "C01GENERAL/1705311600.000200");
  g_assert_cmpstr (lg_message_get_text (question), ==,
                   "Does anyone know a good booking system for a 3-chair clinic? <100 patients a "
                   "day, we use OldTool (https://example.com/old-tool) & hate it");
  g_assert_cmpstr (lg_message_get_author_name (question), ==, "Marta Kowalska");
  g_assert_cmpstr (lg_message_get_author_handle (question), ==, "marta");
  g_assert_cmpstr (lg_message_get_author_id (question), ==, "U01MARTA");
  g_assert_cmpint (lg_message_get_sent_at (question), ==, 1705311600);
  g_assert_true (lg_message_get_edited (question));
  /* The thread it starts is named after it, shortened. */
  g_assert_cmpstr (lg_message_get_thread (question), ==,
                   "Does anyone know a good booking system for a 3-chair clinic?…");
  g_assert_null (lg_message_get_permalink (question));

  answer = lg_test_find_message (store, "C01GENERAL/1705312000.000300");
  g_assert_cmpstr (lg_message_get_text (answer), ==,
                   "@Marta Kowalska try asking in #general tomorrow, or mail help@example.org. "
                   "@here");
  /* No real name: the display name. */
  g_assert_cmpstr (lg_message_get_author_name (answer), ==, "Jon");
  g_assert_cmpstr (lg_message_get_reply_to (answer), ==, "C01GENERAL/1705311600.000200");
  g_assert_cmpstr (lg_message_get_thread (answer), ==, lg_message_get_thread (question));

  /* A reply on the next day still knows its thread. */
  later = lg_test_find_message (store, "C01GENERAL/1705395600.000100");
  g_assert_cmpstr (lg_message_get_thread (later), ==, lg_message_get_thread (question));

  file = lg_test_find_message (store, "C01GENERAL/1705312200.000500");
  g_assert_cmpstr (lg_message_get_media_kind (file), ==, "document");
  g_assert_cmpstr (lg_message_get_thread (file), ==, "general");
  g_assert_cmpstr (lg_message_get_permalink (file), ==,
                   "https://acme-dental.slack.com/archives/C01GENERAL/p1705312200000500");

  dm = lg_test_find_message (store, "D0DM00001/1705320000.000100");
  g_assert_cmpstr (lg_message_get_author_handle (dm), ==, "jon.ortho");
  g_assert_cmpstr (lg_message_get_thread (dm), ==, "Marta Kowalska, Jon");
}

static void
test_slack_folder (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  LgExportStats stats = { 0 };

  g_assert_true (import_slack (store, ACME, &stats, &error));
  g_assert_no_error (error);
  assert_acme (store, &stats);

  /* Again: nothing new. */
  g_assert_true (import_slack (store, ACME, &stats, &error));
  g_assert_cmpuint (stats.messages, ==, 5);
  g_assert_cmpuint (stats.added, ==, 0);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM messages"), ==, 5);
}

/* The same export as Slack gives it, the lists after the days. */
static void
test_slack_zip (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  LgExportStats stats = { 0 };

  g_assert_true (import_slack (store, ACME ".zip", &stats, &error));
  g_assert_no_error (error);
  assert_acme (store, &stats);

  /* The folder and the zip are one export: nothing new. */
  g_assert_true (import_slack (store, ACME, &stats, &error));
  g_assert_cmpuint (stats.added, ==, 0);
}

static void
test_slack_broken (void)
{
  static const struct { const char *name; const char *what; } cases[] = {
    { "broken", "in “general/2024-01-16.json”, at line 8, column 3, a message has no time" },
    { "broken.zip", "as a .zip file" },
    { "not-a-zip.zip", "as a .zip file" },
    { "not-slack", "is not a Slack export" },
    { "no-such-export", "Could not read “no-such-export”: No such file" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LgStore) store = lg_test_open_store ();
      g_autoptr(GError) error = NULL;

      g_assert_false (import_slack (store, cases[i].name, NULL, &error));
      g_assert_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_EXPORT);
      g_test_message ("%s", error->message);
      g_assert_nonnull (strstr (error->message, cases[i].what));
      /* The day before the broken one is not kept either. */
      assert_nothing_stored (store);
    }
}

static void
test_slack_sniff (void)
{
  g_autofree char *folder = fixture ("slack", "project", ACME, NULL);
  g_autofree char *zip = fixture ("slack", "project", ACME ".zip", NULL);
  g_autofree char *real = fixture ("slack", "slack-export-viewer", "testarchive.zip", NULL);
  g_autofree char *not_slack = fixture ("slack", "project", "not-slack", NULL);
  g_autofree char *not_zip = fixture ("slack", "project", "not-a-zip.zip", NULL);
  g_autofree char *discord = fixture ("discord", "project", "channel.json", NULL);

  g_assert_true (sniff (lg_slack_export_sniff, folder));
  g_assert_true (sniff (lg_slack_export_sniff, zip));
  g_assert_true (sniff (lg_slack_export_sniff, real));
  g_assert_false (sniff (lg_slack_export_sniff, not_slack));
  g_assert_false (sniff (lg_slack_export_sniff, not_zip));
  g_assert_false (sniff (lg_slack_export_sniff, discord));
  g_assert_false (sniff (lg_discord_export_sniff, zip));
  g_assert_false (sniff (lg_discord_export_sniff, folder));
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
  g_test_add_func ("/chat-exports/discord/folder", test_discord_folder);
  g_test_add_func ("/chat-exports/discord/sniff", test_discord_sniff);
  g_test_add_func ("/chat-exports/discord/async", test_discord_async);
  g_test_add_func ("/chat-exports/slack/folder", test_slack_folder);
  g_test_add_func ("/chat-exports/slack/zip", test_slack_zip);
  g_test_add_func ("/chat-exports/slack/broken", test_slack_broken);
  g_test_add_func ("/chat-exports/slack/sniff", test_slack_sniff);

  return g_test_run ();
}
