/* test-conformance-chat-exports.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Discord and Slack readers, through the chat import that tells them
 * from the file, on exports other people wrote, kept in
 * tests/fixtures/discord and tests/fixtures/slack (their READMEs say where
 * each comes from and its licence).
 */

#include "config.h"

#include "lg-chat-import.h"
#include "lg-sources.h"
#include "lg-test-util.h"

static char *
real_file (const char *kind,
           const char *folder,
           const char *name)
{
  return g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "fixtures", kind, folder, name, NULL);
}

static void
import_discord (LgStore       *store,
                const char    *name,
                LgExportStats *stats)
{
  g_autoptr(LgChatImport) importer = lg_chat_import_new ();
  g_autofree char *path = real_file ("discord", "chat-analytics", name);
  g_autoptr(GError) error = NULL;

  g_assert_true (lg_chat_import_run (importer, store, path, NULL, stats, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (stats->kind, ==, "discord");
}

/* A direct message: DiscordChatExporter's guild "0", Discord's "@me". */
static void
test_discord_direct_message (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgSource) source = NULL;
  g_autoptr(LgMessage) message = NULL;
  LgExportStats stats = { 0 };

  import_discord (store, "DM_2A_2M.json", &stats);
  g_assert_cmpuint (stats.messages, ==, 2);
  g_assert_cmpuint (stats.skipped, ==, 1); /* the call */

  source = lg_store_find_source (store, "discord_export", "0/530805775262679064", NULL);
  g_assert_nonnull (source);
  g_assert_cmpstr (lg_source_get_title (source), ==, "Someones name");

  message = lg_test_find_message (store, "538148765782114306");
  g_assert_cmpstr (lg_message_get_text (message), ==, "something something text");
  g_assert_cmpstr (lg_message_get_author_name (message), ==, "Someones nickname");
  g_assert_cmpstr (lg_message_get_author_handle (message), ==, "Someones name");
  g_assert_cmpstr (lg_message_get_permalink (message), ==,
                   "https://discord.com/channels/@me/530805775262679064/538148765782114306");
}

static void
test_discord_group (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgMessage) message = NULL;
  LgExportStats stats = { 0 };

  import_discord (store, "GC_3A_5M.json", &stats);
  /* A rename, an icon change and a call are not messages. */
  g_assert_cmpuint (stats.messages, ==, 3);
  g_assert_cmpuint (stats.skipped, ==, 3);

  message = lg_test_find_message (store, "1064990824305274930");
  g_assert_cmpstr (lg_message_get_author_name (message), ==, "theplant");
  g_assert_cmpstr (lg_message_get_author_handle (message), ==, "not a plant");
  g_assert_cmpstr (lg_message_get_thread (message), ==, "a group chat");

  g_clear_object (&message);
  message = lg_test_find_message (store, "530805779645595660");
  g_assert_cmpstr (lg_message_get_reply_to (message), ==, "1064990824305274930");
  g_assert_cmpint (lg_message_get_sent_at (message), ==,
                   lg_test_utc (2023, 1, 18, 20) + 12 * 60 + 12);
}

static void
test_discord_server (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgSource) source = NULL;
  g_autoptr(LgMessage) message = NULL;
  LgExportStats stats = { 0 };

  import_discord (store, "SV_5A_5M.json", &stats);
  /* One message is written twice: kept once. */
  g_assert_cmpuint (stats.messages, ==, 5);
  g_assert_cmpuint (stats.added, ==, 4);

  source = lg_store_find_source (store, "discord_export",
                                 "253601524398293010/253601524398293010", NULL);
  g_assert_cmpstr (lg_source_get_title (source), ==, "#general-chiptune on DefleMask");

  message = lg_test_find_message (store, "459136077417021488");
  g_assert_true (lg_message_get_edited (message));
  g_clear_object (&message);
  message = lg_test_find_message (store, "447793085255123004");
  g_assert_cmpstr (lg_message_get_author_name (message), ==, "mlomb");
  g_clear_object (&message);
  message = lg_test_find_message (store, "447793085255123005");
  g_assert_cmpstr (lg_message_get_media_kind (message), ==, "photo");
  g_assert_cmpstr (lg_message_get_permalink (message), ==,
                   "https://discord.com/channels/253601524398293010/253601524398293010/"
                   "447793085255123005");
}

static LgExportStats
import_slack (LgStore    *store,
              const char *folder,
              const char *name)
{
  g_autoptr(LgChatImport) importer = lg_chat_import_new ();
  g_autofree char *path = real_file ("slack", folder, name);
  g_autoptr(GError) error = NULL;
  LgExportStats stats = { 0 };

  g_assert_true (lg_chat_import_run (importer, store, path, NULL, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (stats.kind, ==, "slack");
  return stats;
}

/* Slack Export Viewer's test export: a real workspace's, as a zip. */
static void
test_slack_export_viewer (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgSource) source = NULL;
  g_autoptr(LgMessage) message = NULL;
  LgExportStats stats = import_slack (store, "slack-export-viewer", "testarchive.zip");

  g_assert_cmpuint (stats.chats, ==, 2);
  /* Of 158 entries, 52 are people's messages; the rest joins, bots and
   * comments on files. */
  g_assert_cmpuint (stats.messages, ==, 52);
  g_assert_cmpuint (stats.added, ==, 52);
  g_assert_cmpuint (stats.skipped, ==, 158 - 52);

  source = lg_store_find_source (store, "slack_export", "C0JGLMMNX", NULL);
  g_assert_nonnull (source);
  g_assert_cmpstr (lg_source_get_title (source), ==, "#enrique");

  message = lg_test_find_message (store, "C0JGLMMNX/1452837352.000006");
  g_assert_cmpstr (lg_message_get_text (message), ==,
                   "@Harry Potter: Created an issue for a setup.py so that it can be installed "
                   "to a standard place");
  g_assert_cmpstr (lg_message_get_author_name (message), ==, "Hamza Faran");
  g_assert_cmpstr (lg_message_get_author_handle (message), ==, "hamza");
  g_assert_cmpstr (lg_message_get_thread (message), ==, "enrique");
  g_assert_cmpint (lg_message_get_sent_at (message), ==, 1452837352);

  g_clear_object (&message);
  message = lg_test_find_message (store, "C0JGLMMNX/1458210967.000004");
  g_assert_true (g_str_has_prefix (lg_message_get_text (message),
                                   "https://stackoverflow.com/questions/4092774/"));
}

/* slackdump's export in Slack's layout, with threads. */
static void
test_slackdump (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgMessage) parent = NULL;
  g_autoptr(LgMessage) reply = NULL;
  g_autoptr(LgMessage) orphan = NULL;
  LgExportStats stats = import_slack (store, "slackdump", "source_export_dir");

  g_assert_cmpuint (stats.chats, ==, 1);
  g_assert_cmpuint (stats.messages, ==, 14);
  g_assert_cmpuint (stats.skipped, ==, 2); /* a join and a tombstone */

  parent = lg_test_find_message (store, "CO69735E8A/1736478630.905399");
  reply = lg_test_find_message (store, "CO69735E8A/1736554746.482349");
  g_assert_cmpstr (lg_message_get_thread (parent), ==, "dtUeWsjQpQO8 TFoFBeQ");
  g_assert_cmpstr (lg_message_get_thread (reply), ==, "dtUeWsjQpQO8 TFoFBeQ");
  g_assert_cmpstr (lg_message_get_reply_to (reply), ==, "CO69735E8A/1736478630.905399");
  g_assert_cmpstr (lg_message_get_author_id (reply), ==, "UOB5F987BF17");

  /* Its thread's first message was deleted: the channel names it. */
  orphan = lg_test_find_message (store, "CO69735E8A/1736554838.911679");
  g_assert_cmpstr (lg_message_get_thread (orphan), ==, "B75B4C7");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/conformance/discord/direct-message", test_discord_direct_message);
  g_test_add_func ("/conformance/discord/group", test_discord_group);
  g_test_add_func ("/conformance/discord/server", test_discord_server);
  g_test_add_func ("/conformance/slack/slack-export-viewer", test_slack_export_viewer);
  g_test_add_func ("/conformance/slack/slackdump", test_slackdump);

  return g_test_run ();
}
