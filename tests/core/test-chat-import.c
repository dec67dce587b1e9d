/* test-chat-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Chat exports through the one import that tells their kinds apart: WhatsApp
 * .txt and .zip in the team's fixtures (tests/fixtures/whatsapp/team/), and
 * a Telegram, a Discord and a Slack export (zip and folder) to show each
 * reaches its reader (which test-chat-exports.c and test-sources.c test
 * closely).
 */

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>

#include "lg-chat-import.h"
#include "lg-slack-export.h"
#include "lg-sources.h"
#include "lg-store-private.h"
#include "lg-test-util.h"

static char *
fixture (const char *name)
{
  return g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "fixtures", "whatsapp", "team", name,
                           NULL);
}

/* tests/fixtures/KIND/project/NAME */
static char *
project_fixture (const char *kind,
                 const char *name)
{
  return g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "fixtures", kind, "project", name,
                           NULL);
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

static gint64
local_time (int year, int month, int day, int hour, int minute, int second)
{
  g_autoptr(GDateTime) time = g_date_time_new_local (year, month, day, hour, minute, second);

  return g_date_time_to_unix (time);
}

/* The text of the one message of source kind whatsapp_export sent at time
 * by author (NULL if none). */
static char *
message_text (LgStore    *store,
              gint64      sent_at,
              const char *author)
{
  g_autoptr(GListModel) messages = lg_store_list_messages (store, 0, 1000, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (messages); i++)
    {
      g_autoptr(LgMessage) message = g_list_model_get_item (messages, i);

      if (lg_message_get_sent_at (message) == sent_at &&
          g_strcmp0 (lg_message_get_author_name (message), author) == 0)
        return g_strdup (lg_message_get_text (message));
    }
  return NULL;
}

/* Android, US English: month first (a 31 tells), 12-hour clock with a narrow
 * no-break space before PM, a message over several lines, system lines,
 * media left out, a deleted message, a phone number as author, the same
 * text twice in a minute. */
static void
test_android_us (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture ("WhatsApp Chat with Dental Group.txt");
  g_autofree char *crm = NULL;
  g_autofree char *autoclave = NULL;
  LgExportStats stats = { 0 };

  g_assert_true (import_file (store, path, LG_DATE_ORDER_AUTO, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (stats.kind, ==, "whatsapp");
  g_assert_cmpuint (stats.chats, ==, 1);
  g_assert_cmpuint (stats.messages, ==, 5);
  g_assert_cmpuint (stats.added, ==, 5);
  /* encryption notice, group created, a join, media omitted, deleted */
  g_assert_cmpuint (stats.skipped, ==, 5);

  crm = message_text (store, local_time (2023, 12, 30, 21, 41, 0), "Dana Smile");
  g_assert_cmpstr (crm, ==, "Can anyone recommend a CRM for a small dental clinic?\n"
                            "We have 3 chairs and lose track of recalls.\n\nBudget is flexible.");
  /* The mark before the text is gone; 12:16 PM is after noon. */
  autoclave = message_text (store, local_time (2023, 12, 31, 12, 16, 0), "Lee");
  g_assert_cmpstr (autoclave, ==, "Anyone selling a used autoclave?");
  /* 12:05 AM is just after midnight; both "ok"s are kept. */
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM messages WHERE text = 'ok'"),
                   ==, 2);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM messages WHERE text = 'ok' "
                                             "AND author_name = 'Dana Smile'"), ==, 2);
  g_assert_cmpint (lg_test_query_int (store, "SELECT min(sent_at) FROM messages WHERE text = 'ok'"),
                   ==, local_time (2023, 12, 31, 0, 5, 0));
  /* Someone not in the contacts is a number: the handle to reach them. */
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM messages WHERE "
                                             "author_handle = '+15550107788'"), ==, 1);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM sources WHERE "
                                             "kind = 'whatsapp_export' AND handle = 'Dental Group' "
                                             "AND title = 'WhatsApp: Dental Group'"), ==, 1);
}

/* A message's id is its time, then a hash of its time, author, text and how
 * many alike came before: the ids of these five are what the first reader
 * gave them, so that a chat imported before imports again as nothing new. */
static void
test_ids (void)
{
  static const char *const ids[] = {
    "20231230214100-6191002cf385", "20231230214300-9fa70169116e",
    "20231231000500-b9099c10668b", "20231231000500-b4ebb569a80c",
    "20231231121600-70e7afcb3f53",
  };
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture ("WhatsApp Chat with Dental Group.txt");

  g_assert_true (import_file (store, path, LG_DATE_ORDER_AUTO, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM messages"), ==,
                   G_N_ELEMENTS (ids));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT id FROM messages WHERE external_id = '%s'",
                                              ids[i]);

      g_assert_cmpint (lg_test_query_int (store, sql), ==, i + 1);
    }
}

/* Each message matching @query, by its external id, with its bm25 rank and
 * buyer reading, one a line. */
static char *
search_index_answer (LgStore    *store,
                     const char *query)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (lg_store_get_db (store),
                                       "SELECT m.external_id, bm25 (messages_fts), m.buyer "
                                       "FROM messages_fts JOIN messages m "
                                       "ON m.id = messages_fts.rowid "
                                       "WHERE messages_fts MATCH ?1 ORDER BY m.external_id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s %.12g %.12g\n", sqlite3_column_text (stmt, 0),
                            sqlite3_column_double (stmt, 1), sqlite3_column_double (stmt, 2));
  g_assert_cmpint (sqlite3_finalize (stmt), ==, SQLITE_OK);
  return g_string_free (out, FALSE);
}

/* The import indexes the messages it moves in one statement, with a bigger
 * FTS5 hash than its default (fewer, bigger segments): every query must
 * find what the index filled a message at a time finds, with the same rank,
 * and the setting must be FTS5's default again after the import. */
static void
test_search_index (void)
{
  static const char *const queries[] = {
    "crm", "dent*", "recommend AND accountant", "\"landing page\"", "cyp*", "посоветуйте",
    "сервис*", "hiring OR budget", "lol NOT same", "thanks",
  };
  g_autoptr(LgStore) imported = lg_test_open_store ();
  g_autoptr(LgStore) added = lg_test_open_store ();
  g_autoptr(LgSource) source = NULL;
  g_autoptr(GListModel) messages = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = NULL;
  g_autofree char *crm = NULL;
  LgExportStats stats = { 0 };
  guint n_messages = 0;

  if (lg_store_is_remote (imported))
    {
      g_test_skip ("FTS5's index settings: a team workspace's terms are written with each "
                   "message (/team/search-as-personal)");
      return;
    }
  /* 2 MB, some 20,000 messages over nine days (so month first must be
   * said): terms for several of FTS5's default segments. */
  path = lg_test_write_whatsapp_export (dir, "WhatsApp Chat with Index.txt", 2, FALSE,
                                        &n_messages);
  g_assert_true (import_file (imported, path, LG_DATE_ORDER_MDY, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.added, ==, n_messages);

  /* The same messages one by one, oldest first, each indexed by the
   * trigger as it goes in. */
  source = lg_test_add_source (added, "index");
  messages = lg_store_list_messages (imported, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (messages), ==, n_messages);
  g_assert_true (lg_store_begin (added, &error));
  for (guint i = n_messages; i > 0; i--)
    {
      g_autoptr(LgMessage) message = g_list_model_get_item (messages, i - 1);
      gboolean inserted = FALSE;

      lg_message_set_source_id (message, lg_source_get_id (source));
      g_assert_true (lg_store_add_message (added, message, &inserted, &error));
      g_assert_true (inserted);
    }
  g_assert_true (lg_store_commit (added, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *expected = search_index_answer (added, queries[i]);
      g_autofree char *answer = search_index_answer (imported, queries[i]);

      g_assert_cmpstr (answer, ==, expected);
    }
  crm = search_index_answer (imported, "crm");
  g_assert_cmpuint (strlen (crm), >, 0);
  g_assert_cmpint (lg_test_query_int (imported, "SELECT count(*) FROM messages_fts_config "
                                                "WHERE k = 'hashsize' AND v != 1048576"), ==, 0);
  g_assert_cmpint (sqlite3_exec (lg_store_get_db (imported), "INSERT INTO messages_fts "
                                 "(messages_fts) VALUES ('integrity-check')", NULL, NULL, NULL),
                   ==, SQLITE_OK);
}

/* iPhone, German: brackets, seconds, day first (a 31), left-to-right marks,
 * and WhatsApp's own lines written as the chat's messages. */
static void
test_ios_german (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture ("german-ios.txt");
  g_autofree char *text = NULL;
  LgExportStats stats = { 0 };

  g_assert_true (import_file (store, path, LG_DATE_ORDER_AUTO, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.messages, ==, 2);
  g_assert_cmpuint (stats.skipped, ==, 3);
  text = message_text (store, local_time (2023, 12, 31, 21, 42, 10), "Anna Weber");
  g_assert_cmpstr (text, ==, "Wir suchen eine Software für Terminerinnerungen");
  g_clear_pointer (&text, g_free);
  text = message_text (store, local_time (2024, 1, 1, 9, 0, 0), "Jonas");
  g_assert_cmpstr (text, ==, "Frohes neues Jahr!");
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM messages WHERE "
                                             "author_name = 'Praxis Team'"), ==, 0);
}

/* No day after the 12th: the import asks, imports nothing, and reads the
 * file as told when told. */
static void
test_ambiguous (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture ("ambiguous.txt");
  LgExportStats stats = { 0 };
  LgStoreCounts counts;

  g_assert_false (import_file (store, path, LG_DATE_ORDER_AUTO, &stats, &error));
  g_assert_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_AMBIGUOUS_DATES);
  g_assert_nonnull (strstr (error->message, "ambiguous.txt"));
  g_assert_true (lg_store_count (store, &counts, NULL));
  g_assert_cmpint (counts.sources, ==, 0);
  g_assert_cmpint (counts.messages, ==, 0);
  g_clear_error (&error);

  g_assert_true (import_file (store, path, LG_DATE_ORDER_MDY, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lg_test_query_int (store, "SELECT min(sent_at) FROM messages"), ==,
                   local_time (2024, 3, 4, 10, 0, 0));

  /* Day first is another reading: other times, other messages. */
  g_assert_true (import_file (store, path, LG_DATE_ORDER_DMY, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.added, ==, 2);
  {
    g_autofree char *text = message_text (store, local_time (2024, 4, 3, 10, 0, 0), "Ana");

    g_assert_cmpstr (text, ==, "Who can build us a booking page?");
  }
}

/* The same chat again adds nothing; a longer export of it adds only what is
 * new, the same text twice in a minute included. */
static void
test_reimport (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture ("WhatsApp Chat with Dental Group.txt");
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *shorter = g_build_filename (dir, "WhatsApp Chat with Dental Group.txt", NULL);
  g_autofree char *contents = NULL;
  LgExportStats stats = { 0 };
  char *second_ok;

  /* The export as it was before the second "ok" and what followed. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  second_ok = strstr (strstr (contents, "Dana Smile: ok\n") + 1, "Dana Smile: ok\n");
  g_assert_nonnull (second_ok);
  second_ok = g_strrstr_len (contents, second_ok - contents, "\n");
  second_ok[1] = '\0';
  g_assert_true (g_file_set_contents (shorter, contents, -1, &error));

  g_assert_true (import_file (store, shorter, LG_DATE_ORDER_AUTO, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.added, ==, 3);

  g_assert_true (import_file (store, path, LG_DATE_ORDER_AUTO, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.messages, ==, 5);
  g_assert_cmpuint (stats.added, ==, 2);

  g_assert_true (import_file (store, path, LG_DATE_ORDER_AUTO, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.added, ==, 0);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM messages"), ==, 5);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM sources"), ==, 1);
}

/* The iPhone's zip with media: its _chat.txt is read, named after the zip,
 * and it is the same chat as the Android .txt of the same name. */
static void
test_zip (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture ("WhatsApp Chat - Dental Group.zip");
  g_autofree char *text = NULL;
  LgExportStats stats = { 0 };

  g_assert_true (import_file (store, path, LG_DATE_ORDER_AUTO, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (stats.kind, ==, "whatsapp");
  g_assert_cmpuint (stats.messages, ==, 2);
  g_assert_cmpuint (stats.skipped, ==, 1); /* the photo */
  text = message_text (store, local_time (2023, 12, 30, 21, 41, 5), "Dana Smile");
  g_assert_cmpstr (text, ==,
                   "Can anyone recommend a CRM for a small dental clinic?\nThree chairs.");
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM sources WHERE "
                                             "handle = 'Dental Group'"), ==, 1);
}

/* What cannot be read imports nothing, and says what the import reads. */
static void
test_broken (void)
{
  const struct {
    const char *name;
    const char *says;
  } cases[] = {
    /* the message lists every kind the import reads */
    { "notes.txt", "Choose a WhatsApp chat export (.txt or .zip), a DiscordChatExporter export "
                   "(.json, or a folder of them), a Slack workspace export (.zip or its folder) "
                   "or a Telegram Desktop export (result.json)." },
    /* cut inside its chat: no message can be read, not even the first */
    { "truncated.zip", "truncated.zip" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LgStore) store = lg_test_open_store ();
      g_autoptr(GError) error = NULL;
      g_autofree char *path = fixture (cases[i].name);
      LgStoreCounts counts;

      g_assert_false (import_file (store, path, LG_DATE_ORDER_AUTO, NULL, &error));
      g_assert_true (error->domain == LG_SOURCES_ERROR);
      g_test_message ("%s: %s", cases[i].name, error->message);
      g_assert_nonnull (strstr (error->message, cases[i].says));
      g_assert_true (lg_store_count (store, &counts, NULL));
      g_assert_cmpint (counts.sources, ==, 0);
      g_assert_cmpint (counts.messages, ==, 0);
    }
}

/* DIR/chat.zip, holding one file. */
static void
write_zip (const char *dir,
           const char *name,
           const char *data,
           gsize       length)
{
  g_autofree char *path = g_build_filename (dir, "chat.zip", NULL);
  struct archive *archive = archive_write_new ();
  struct archive_entry *entry = archive_entry_new ();

  g_assert_cmpint (archive_write_set_format_zip (archive), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_open_filename (archive, path), ==, ARCHIVE_OK);
  archive_entry_set_pathname (entry, name);
  archive_entry_set_size (entry, length);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  g_assert_cmpint (archive_write_header (archive, entry), ==, ARCHIVE_OK);
  g_assert_cmpint (archive_write_data (archive, data, length), ==, (la_ssize_t) length);
  archive_entry_free (entry);
  g_assert_cmpint (archive_write_close (archive), ==, ARCHIVE_OK);
  archive_write_free (archive);
}

/* A chat that breaks halfway (a zip cut inside the chat) imports nothing,
 * not its first half. */
static void
test_broken_halfway (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "WhatsApp Chat - Big.zip", NULL);
  g_autoptr(GString) chat = g_string_new (NULL);
  g_autofree char *zip = NULL;
  gsize length;
  LgStoreCounts counts;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (chat, "[%02u/01/2024, 10:%02u:%02u] Person %u: message number %u "
                                  "with some words %x\n", 13 + i % 15, i / 60 % 60, i % 60,
                            i % 7, i, g_random_int ());
  write_zip (dir, "_chat.txt", chat->str, chat->len);
  {
    g_autofree char *written = g_build_filename (dir, "chat.zip", NULL);

    g_assert_true (g_file_get_contents (written, &zip, &length, &error));
  }
  g_assert_true (g_file_set_contents (path, zip, length * 2 / 3, &error));

  g_assert_false (import_file (store, path, LG_DATE_ORDER_AUTO, NULL, &error));
  g_assert_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_EXPORT);
  g_test_message ("%s", error->message);
  g_assert_true (lg_store_count (store, &counts, NULL));
  g_assert_cmpint (counts.sources, ==, 0);
  g_assert_cmpint (counts.messages, ==, 0);

  /* Whole, it is read. */
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (path, zip, length, &error));
  g_assert_true (import_file (store, path, LG_DATE_ORDER_AUTO, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM messages"), ==, 20000);
}

/* A Telegram result.json goes to the Telegram reader. */
static void
test_telegram (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = lg_test_write_export (dir, "result.json", 10, FALSE);
  LgExportStats stats = { 0 };

  g_assert_true (import_file (store, path, LG_DATE_ORDER_AUTO, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (stats.kind, ==, "telegram");
  g_assert_cmpuint (stats.added, ==, 10);
  g_assert_cmpstr (lg_chat_import_describe_kind (stats.kind), ==, "Telegram Desktop export");
}

/* A DiscordChatExporter channel goes to the Discord reader; again, it adds
 * nothing. */
static void
test_discord (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = project_fixture ("discord", "channel.json");
  LgExportStats stats = { 0 };

  g_assert_true (import_file (store, path, LG_DATE_ORDER_AUTO, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (stats.kind, ==, "discord");
  g_assert_cmpstr (lg_chat_import_describe_kind (stats.kind), ==, "DiscordChatExporter export");
  g_assert_cmpuint (stats.chats, ==, 1);
  g_assert_cmpuint (stats.added, ==, 2);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM sources WHERE "
                                             "kind = 'discord_export'"), ==, 1);

  g_assert_true (import_file (store, path, LG_DATE_ORDER_AUTO, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.messages, ==, 2);
  g_assert_cmpuint (stats.added, ==, 0);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM messages"), ==, 2);
}

/* A broken Discord file meets the Discord reader, whose error says where it
 * breaks, not the Telegram one's, which claims any JSON object. */
static void
test_discord_broken (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = project_fixture ("discord", "truncated.json");

  g_assert_false (import_file (store, path, LG_DATE_ORDER_AUTO, NULL, &error));
  g_assert_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_EXPORT);
  g_assert_nonnull (strstr (error->message, "DiscordChatExporter"));
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM messages"), ==, 0);
}

#define ACME "Acme Dental Slack export Jan 15 2024 - Jan 16 2024"

/* Slack's zip and the folder it unzips to are one export, read by the Slack
 * reader; each again adds nothing. */
static void
test_slack (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *zip = project_fixture ("slack", ACME ".zip");
  g_autofree char *folder = project_fixture ("slack", ACME);
  LgExportStats stats = { 0 };

  g_assert_true (import_file (store, zip, LG_DATE_ORDER_AUTO, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (stats.kind, ==, "slack");
  g_assert_cmpstr (lg_chat_import_describe_kind (stats.kind), ==, "Slack workspace export");
  g_assert_cmpuint (stats.chats, ==, 2);
  g_assert_cmpuint (stats.added, ==, 5);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM sources WHERE "
                                             "kind = 'slack_export'"), ==, 2);

  g_assert_true (import_file (store, zip, LG_DATE_ORDER_AUTO, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.added, ==, 0);

  g_assert_true (import_file (store, folder, LG_DATE_ORDER_AUTO, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (stats.kind, ==, "slack");
  g_assert_cmpuint (stats.messages, ==, 5);
  g_assert_cmpuint (stats.added, ==, 0);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM messages"), ==, 5);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM sources"), ==, 2);
}

/* The file chooser picks files: the channels.json of an unzipped Slack
 * export, or one of its days, imports the whole export folder, as the
 * folder itself does. */
static void
test_slack_file_of_folder (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *channels = project_fixture ("slack", ACME "/channels.json");
  g_autofree char *day = project_fixture ("slack", ACME "/general/2024-01-16.json");
  g_autofree char *users = project_fixture ("slack", ACME "/users.json");
  g_autofree char *folder = project_fixture ("slack", ACME);
  g_autofree char *whole = NULL;
  LgExportStats stats = { 0 };

  g_assert_true (import_file (store, channels, LG_DATE_ORDER_AUTO, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (stats.kind, ==, "slack");
  g_assert_cmpuint (stats.chats, ==, 2);
  g_assert_cmpuint (stats.messages, ==, 5);
  g_assert_cmpuint (stats.added, ==, 5);
  /* Both conversations, named after the workspace the folder's name tells. */
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM sources WHERE kind = "
                                             "'slack_export' AND title = '#general on Acme Dental'"),
                   ==, 1);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM sources"), ==, 2);

  /* A day of one conversation is the same export: every day of both again. */
  g_assert_true (import_file (store, day, LG_DATE_ORDER_AUTO, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (stats.kind, ==, "slack");
  g_assert_cmpuint (stats.chats, ==, 2);
  g_assert_cmpuint (stats.messages, ==, 5);
  g_assert_cmpuint (stats.added, ==, 0);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM messages"), ==, 5);

  whole = lg_slack_export_folder_of (users);
  g_assert_cmpstr (whole, ==, folder);
  g_clear_pointer (&whole, g_free);
  /* The folder itself, and a file of another kind, are what they are. */
  g_assert_null (lg_slack_export_folder_of (folder));
  whole = project_fixture ("discord", "channel.json");
  g_assert_null (lg_slack_export_folder_of (whole));
}

/* A sandbox given channels.json alone shows no conversation beside it: that
 * is no export to import, and the message names the folder to choose. */
static void
test_slack_file_alone (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *source = project_fixture ("slack", ACME "/channels.json");
  g_autofree char *copy = g_build_filename (dir, "channels.json", NULL);
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (source, &data, &length, NULL));
  g_assert_true (g_file_set_contents (copy, data, length, NULL));
  g_assert_null (lg_slack_export_folder_of (copy));

  g_assert_false (import_file (store, copy, LG_DATE_ORDER_AUTO, NULL, &error));
  g_assert_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_UNKNOWN_EXPORT);
  g_assert_nonnull (strstr (error->message, "“channels.json” is not a chat export"));
  g_assert_nonnull (strstr (error->message, "a Slack workspace export (.zip or its folder)"));
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM sources"), ==, 0);
}

/* A folder of no export has no first bytes to tell from: no kind takes it. */
static void
test_unknown_folder (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = project_fixture ("slack", "not-slack");

  g_assert_false (import_file (store, folder, LG_DATE_ORDER_AUTO, NULL, &error));
  g_assert_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_UNKNOWN_EXPORT);
  g_assert_nonnull (strstr (error->message, "“not-slack” is not a chat export"));
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM sources"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/chat-import/whatsapp/android-us", test_android_us);
  g_test_add_func ("/chat-import/whatsapp/ids", test_ids);
  g_test_add_func ("/chat-import/whatsapp/ios-german", test_ios_german);
  g_test_add_func ("/chat-import/whatsapp/ambiguous", test_ambiguous);
  g_test_add_func ("/chat-import/whatsapp/reimport", test_reimport);
  g_test_add_func ("/chat-import/whatsapp/zip", test_zip);
  g_test_add_func ("/chat-import/whatsapp/broken-halfway", test_broken_halfway);
  g_test_add_func ("/chat-import/search-index", test_search_index);
  g_test_add_func ("/chat-import/broken", test_broken);
  g_test_add_func ("/chat-import/telegram", test_telegram);
  g_test_add_func ("/chat-import/discord", test_discord);
  g_test_add_func ("/chat-import/discord/broken", test_discord_broken);
  g_test_add_func ("/chat-import/slack", test_slack);
  g_test_add_func ("/chat-import/slack/file-of-folder", test_slack_file_of_folder);
  g_test_add_func ("/chat-import/slack/file-alone", test_slack_file_alone);
  g_test_add_func ("/chat-import/unknown-folder", test_unknown_folder);
  return g_test_run ();
}
