/* test-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real leadgram-cli binary, as a script would.
 */

#include "config.h"

#include <signal.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "lg-store-private.h"
#include "lg-test-util.h"

/* The shared runner, under the short name these tests use. */
static int
run_cli (const char * const *args,
         char              **out,
         char              **err)
{
  return lg_test_run_cli (args, out, err);
}

static void
test_info_new_and_existing (void)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "cli.db", NULL);
  g_autofree char *copy = g_build_filename (dir, "backup.db", NULL);
  g_autofree char *moved = g_build_filename (dir, "moved.db", NULL);
  g_autofree char *version = g_strdup_printf ("Schema version: %d", lg_store_latest_version ());
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* A new database is created. */
  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "info", NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, path));
  g_assert_nonnull (strstr (out, version));
  g_assert_nonnull (strstr (out, "Sources:        0"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* An existing one shows what it holds. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LgStore) store = lg_store_open (path, &error);
    g_autoptr(LgSource) source = lg_test_add_source (store, "some_channel");

    g_assert_no_error (error);
  }
  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "info", NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Sources:        1"));
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A backup opens as a database of its own, with the same rows. */
  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "backup", copy, NULL }, &out, &err),
                   ==, 0);
  g_assert_nonnull (strstr (out, copy));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "--db", copy, "info", NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Sources:        1"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A workspace copied into another (a team's on a server, or a file), which
   * must be empty. */
  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "copy-workspace", moved, NULL },
                            &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "0 leads, 0 follow-ups, 1 sources and 0 messages"));
  g_assert_nonnull (strstr (err, "sources: 1 of 1"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "copy-workspace", moved, NULL },
                            &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "is not empty (it has sources)"));
}

static void
test_info_env (void)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "env.db", NULL);
  g_autofree char *out = NULL;

  g_setenv ("LEADGRAM_DB", path, TRUE);
  g_assert_cmpint (run_cli ((const char *[]) { "info", NULL }, &out, NULL), ==, 0);
  g_unsetenv ("LEADGRAM_DB");
  g_assert_nonnull (strstr (out, path));
}

static void
test_bad_db (void)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *garbage = g_build_filename (dir, "garbage.db", NULL);
  g_autofree char *blocked = g_build_filename (garbage, "x.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_set_contents (garbage, "not a database, just some text that is long "
                                      "enough to fill a header of one hundred bytes or so ...",
                                      -1, NULL));
  g_assert_cmpint (run_cli ((const char *[]) { "--db", garbage, "info", NULL }, &out, &err), !=, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "is not a Leadgram database"));
  /* One clear line. */
  lines = g_strsplit (g_strchomp (err), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "--db", blocked, "info", NULL }, &out, &err), !=, 0);
  g_assert_nonnull (strstr (err, "leadgram-cli: "));
  g_assert_nonnull (strstr (err, blocked) != NULL ? err : strstr (err, garbage));
}

static void
test_usage (void)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli ((const char *[]) { "frobnicate", NULL }, &out, &err), !=, 0);
  g_assert_nonnull (strstr (err, "unknown command"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "info", "--help", NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "schema version"));
}

/* The fixture of test-metrics.c, in a database file the CLI opens. */
static char *
make_metrics_db (void)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  char *path = g_build_filename (dir, "metrics.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LgStore) store = lg_store_open (path, &error);
  gint64 ids[3];

  g_assert_no_error (error);
  lg_test_fill_metrics_fixture (store, ids);
  return path;
}

static void
test_metrics_text (void)
{
  g_autofree char *path = make_metrics_db ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "metrics", "--from", "2024-03-01",
                                               "--to", "2024-03-31", "--by-source", NULL },
                            &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "1 Mar 2024 – 31 Mar 2024"));
  g_assert_nonnull (strstr (out, "amounts in EUR"));
  /* 10 leads against 2; CPL $61 against $295 (see test-metrics.c). */
  g_assert_true (g_regex_match_simple ("Leads +10 +2 +\\+400%", out, 0, 0));
  g_assert_true (g_regex_match_simple ("Cost per Lead +\\$61 +\\$295 +−79%", out, 0, 0));
  g_assert_true (g_regex_match_simple ("Average Deal Value +\\$300", out, 0, 0));
  /* free_chat has no cost: no CPL, no ROI. */
  g_assert_true (g_regex_match_simple ("free_chat +3 +66.7% +— +\\$100 +— +25.8 h", out, 0, 0));
}

static void
test_metrics_machine (void)
{
  g_autofree char *path = make_metrics_db ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *total;

  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "metrics", "--from", "2024-03-10",
                                               "--to", "2024-03-19", "--json", NULL },
                            &out, &err), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  total = json_object_get_object_member (root, "total");
  /* [10 Mar, 20 Mar): 2 leads, $220 of cost, CPL $110, no average deal. */
  g_assert_cmpint (json_object_get_int_member (total, "leads"), ==, 2);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (total, "cpl"), 11000, 0.01);
  g_assert_true (json_object_get_null_member (total, "avg_deal"));
  g_assert_false (json_object_has_member (root, "sources"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "metrics", "--from", "2024-03-01",
                                               "--to", "2024-03-31", "--csv", "--by-source", NULL },
                            &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "period_start,period_end,source_id,source,currency,leads,"));
  g_assert_nonnull (strstr (out, ",ads_channel,USD,4,2,2,1,50.00,50.00,66.67,310.00,77.50,"));

  /* export-csv --what metrics writes the same tables to a file, a BOM first if asked. */
  {
    g_autofree char *file = g_strconcat (path, ".metrics.csv", NULL);
    g_autofree char *text = NULL;
    g_autofree char *printed = g_steal_pointer (&out);

    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "export-csv", file, "--what",
                                                 "metrics", "--from", "2024-03-01", "--to",
                                                 "2024-03-31", "--bom", NULL },
                              &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "Wrote 5 rows"));
    g_assert_true (g_file_get_contents (file, &text, NULL, NULL));
    g_assert_true (g_str_has_prefix (text, "\xef\xbb\xbf"));
    g_assert_cmpstr (text + 3, ==, printed);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "export-csv", file, "--from",
                                                 "2024-03-01", NULL }, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "--what metrics"));
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Mistakes are explained. */
  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "metrics", "--from", "2024-13-01",
                                               NULL }, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "YYYY-MM-DD"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "metrics", "--json", "--csv", NULL },
                            &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "choose one"));
}

static void
test_cost_add (void)
{
  g_autofree char *path = make_metrics_db ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* free_chat costs $90 in March from now on: CPL 9000 / 3 leads = $30. */
  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "cost", "add", "@free_chat",
                                               "--period", "2024-03", "--amount", "90",
                                               NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Recorded $90 for free_chat in 2024-03"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "metrics", "--from", "2024-03-01",
                                               "--to", "2024-03-31", "--by-source", NULL },
                            &out, &err), ==, 0);
  g_assert_true (g_regex_match_simple ("free_chat +3 +66.7% +\\$30", out, 0, 0));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* By id, in euros. */
  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "cost", "add", "1", "--period",
                                               "2024-04", "--amount", "12.5", "--currency", "eur",
                                               NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "€12.50"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "cost", "add", "nowhere", "--period",
                                               "2024-03", "--amount", "1", NULL }, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "There is no source “nowhere”"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "cost", "add", "1", "--period",
                                               "2024-03", "--amount", "ten", NULL }, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "is not an amount"));
}

static void
test_sources_commands (void)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "sources.db", NULL);
  g_autofree char *export = g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "fixtures",
                                              "telegram-export", "account.json", NULL);
  g_autofree char *broken = g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "fixtures",
                                              "telegram-export", "broken.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;

  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "import-telegram", export, NULL },
                            &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Imported 3 chats: 4 messages, 4 new"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A broken file: an error that says where, and nothing more imported. */
  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "import-telegram", broken, NULL },
                            &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "line 20"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "sources", NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Marketing Pros"));
  g_assert_nonnull (strstr (out, "Old Startup Chat"));
  g_assert_null (strstr (out, "Half Written"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "messages", "--source",
                                               "Marketing Pros", "--limit", "1", "--json", NULL },
                            &out, &err), ==, 0);
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "text"),
                   ==, "following");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "link"),
                   ==, "https://t.me/c/1800000001/101");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A bad name is refused before any request. */
  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "add-channel", "@no", NULL },
                            &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "is not a channel name"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Nothing listens on the test's base URL: a network error, kept on the source. */
  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "add-channel", "t.me/clinic_news",
                                               NULL }, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "Could not reach 127.0.0.1"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "sources", NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "clinic_news"));
  g_assert_nonnull (strstr (out, "Could not reach"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "sync", "no_such_one", NULL },
                            &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "add-channel"));
}

/* Strangers' names and texts cannot steer the terminal: control characters
 * are printed as escapes in tables and text, and kept exact in JSON. */
/* import-chat tells a Discord file and a Slack folder (or a file of it)
 * from what they hold. */
static void
test_import_chat_kinds (void)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "chats.db", NULL);
  g_autofree char *discord = g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "fixtures",
                                               "discord", "project", "channel.json", NULL);
  g_autofree char *slack = g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "fixtures",
                                             "slack", "project",
                                             "Acme Dental Slack export Jan 15 2024 - Jan 16 2024",
                                             NULL);
  g_autofree char *slack_day = g_build_filename (slack, "general", "2024-01-15.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "import-chat", discord, NULL },
                            &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Read as: DiscordChatExporter export"));
  g_assert_nonnull (strstr (out, "Imported 1 chat: 2 messages, 2 new"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "import-chat", slack, NULL },
                            &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Read as: Slack workspace export"));
  g_assert_nonnull (strstr (out, "Imported 2 chats: 5 messages, 5 new"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* One day of the unzipped export stands for all of it, as in the app. */
  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "import-chat", slack_day, NULL },
                            &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Read as: Slack workspace export"));
  g_assert_nonnull (strstr (out, "Imported 2 chats: 5 messages, 0 new"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "sources", NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "discord_export"));
  g_assert_nonnull (strstr (out, "slack_export"));
}

static void
test_escapes (void)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "escapes.db", NULL);
  g_autofree char *export = g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "fixtures",
                                              "telegram-export", "escapes.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *message;

  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "import-telegram", export, NULL },
                            &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "messages", NULL }, &out, &err),
                   ==, 0);
  g_test_message ("%s", out);
  g_assert_null (strchr (out, '\033'));
  g_assert_null (strchr (out, '\a'));
  g_assert_null (strchr (out, '\177'));
  g_assert_null (strstr (out, "\302\233"));
  g_assert_nonnull (strstr (out, "  Evil\\x1b]0;pwned\\x07\\x1b[2J\n"));
  /* A message keeps its own lines. */
  g_assert_nonnull (strstr (out, "dental clinic?\nWe need one soon\\u009b2J\\x7f\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "sources", NULL }, &out, &err), ==, 0);
  g_test_message ("%s", out);
  g_assert_null (strchr (out, '\033'));
  g_assert_nonnull (strstr (out, "Chat\\x1b[2J Title"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "search", "--offer",
                                               "CRM for dental clinics", NULL }, &out, &err),
                   ==, 0);
  g_test_message ("%s", out);
  g_assert_null (strchr (out, '\033'));
  g_assert_null (strchr (out, '\a'));
  g_assert_nonnull (strstr (out, "Evil\\x1b]0;pwned\\x07\\x1b[2J"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* --kind keeps to a kind of source: the export's people, or none. */
  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "search", "--offer",
                                               "CRM for dental clinics", "--kind",
                                               "telegram_export", NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Evil"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "search", "--offer",
                                               "CRM for dental clinics", "--kind", "feed", NULL },
                            &out, &err), ==, 0);
  g_assert_null (strstr (out, "Evil"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "search", "--offer",
                                               "CRM for dental clinics", "--kind", "fax", NULL },
                            &out, &err), !=, 0);
  g_assert_nonnull (strstr (err, "--kind must be one of"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* JSON stays exact: a program reading it gets the name as it was. */
  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "messages", "--json", NULL },
                            &out, &err), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  message = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)),
                                           0);
  g_assert_cmpstr (json_object_get_string_member (message, "author"), ==,
                   "Evil\033]0;pwned\a\033[2J");
}

static char *
fixture (const char *name)
{
  return g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "fixtures", "csv", name, NULL);
}

static void
test_csv_import_undo_export (void)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "csv.db", NULL);
  g_autofree char *errors = g_build_filename (dir, "errors.csv", NULL);
  g_autofree char *leads = g_build_filename (dir, "leads.csv", NULL);
  g_autofree char *hubspot = fixture ("hubspot-contacts.csv");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;

  /* Failed rows: status 3, the reasons on stderr and in the error file. */
  g_assert_cmpint (run_cli ((const char *[]) { "--db", db, "import-csv", hubspot, "--map",
                                               "City=add-to-notes", "--errors", errors, NULL },
                            &out, &err), ==, 3);
  g_assert_nonnull (strstr (out, "Created 5, updated 1, skipped 0; 2 failed."));
  g_assert_nonnull (strstr (err, "Line 7, Email:"));
  g_assert_true (g_file_get_contents (errors, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "Nurturing"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "--db", db, "export-csv", leads, NULL },
                            &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Wrote 5 rows"));
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (leads, &text, NULL, NULL));
  /* The column mapped to notes went there. */
  g_assert_nonnull (strstr (text, "City: Berlin"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* What the board's filter shows: text and stage together. */
  g_assert_cmpint (run_cli ((const char *[]) { "--db", db, "export-csv", leads, "--what", "leads",
                                               "--search", "praxis", "--stage", "hot", NULL },
                            &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Wrote 1 row"));
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (leads, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "Anna Schmidt"));
  g_assert_null (strstr (text, "Tom Baker"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "--db", db, "export-csv", leads, "--stale", NULL },
                            &out, &err), ==, 0);
  /* The 2024 leads are stale now, the lost one never is. */
  g_assert_nonnull (strstr (out, "Wrote 4 rows"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "--db", db, "export-csv", leads, "--source",
                                               "nowhere", NULL }, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "no source “nowhere”"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "--db", db, "export-csv", leads, "--what",
                                               "matches", "--stage", "hot", NULL },
                            &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "go with --what leads"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "--db", db, "export-csv", leads, "--what",
                                               "matches", "--search", "praxis", NULL },
                            &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "search’s ID"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "--db", db, "imports", NULL }, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "1\t"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "--db", db, "import-undo", "1", NULL },
                            &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "--db", db, "info", NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Leads:          0"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The mapping chosen by --map is remembered for the next file of that shape. */
  g_assert_cmpint (run_cli ((const char *[]) { "--db", db, "import-csv", hubspot, "--dry-run",
                                               NULL }, &out, &err), ==, 3);
  g_assert_nonnull (strstr (out, "City → add-to-notes"));
  g_assert_nonnull (strstr (out, "Dry run: would create 5"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "--db", db, "import-csv", hubspot, "--mode",
                                               "sideways", NULL }, &out, &err), !=, 0);
  g_assert_nonnull (strstr (err, "--mode is create, update or both"));
}

/* The rows read with a repair of their quotes are listed as the wizard lists
 * them, and imported. */
static void
test_csv_import_repairs (void)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "quotes.db", NULL);
  g_autofree char *path = fixture ("bad-quotes.csv");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli ((const char *[]) { "--db", db, "import-csv", path, NULL },
                            &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "4 rows have quotes (\") out of place; check how they were "
                                 "read:\n"
                                 "  Line 2, Company: text after the closing quote, joined to "
                                 "the quoted text: read as “Acme Ltd”\n"
                                 "  Line 3, Company: a quote (\") in the middle of the field, "
                                 "kept: read as “Smith \"Bobby\" Co”\n"
                                 "  Line 4, Company: spaces outside the quotes, dropped: read "
                                 "as “Cid Corp”\n"
                                 "  Line 5, Company: spaces outside the quotes, dropped: read "
                                 "as “Dee Co”\n"));
  g_assert_nonnull (strstr (out, "Created 6"));
  g_assert_cmpstr (err, ==, "");
}

/* A Russian Excel export is read as Windows-1251 by guess; --encoding
 * overrides the guess. */
static void
test_csv_import_encoding (void)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "cp1251.db", NULL);
  g_autofree char *path = fixture ("windows-1251.csv");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_cli ((const char *[]) { "--db", db, "import-csv", path, "--encoding",
                                               "windows-1252", "--dry-run", NULL },
                            &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Dry run: would create 3"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "--db", db, "import-csv", path, "--encoding",
                                               "koi9", NULL }, &out, &err), !=, 0);
  g_assert_nonnull (strstr (err, "--encoding"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "--db", db, "import-csv", path, NULL },
                            &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Windows-1251"));
  g_assert_nonnull (strstr (out, "Created 3"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "--db", db, "leads", NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Анна Петрова"));
  g_assert_null (strstr (out, "Àííà"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Chosen by name, the file reads the same. */
  g_assert_cmpint (run_cli ((const char *[]) { "--db", db, "import-csv", path, "--encoding",
                                               "cp1251", NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Created 0, updated 0, skipped 3"));
}

/* A row that matches a lead by phone but has another email is a conflict:
 * listed, skipped by default, merged or created with --on-conflict. */
static void
test_csv_import_conflict (void)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "conflict.db", NULL);
  g_autofree char *first = g_build_filename (dir, "first.csv", NULL);
  g_autofree char *second = g_build_filename (dir, "second.csv", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_true (g_file_set_contents (first, "Name,Email,Phone\n"
                                      "Ирина Соколова,irina@example.ru,+7 912 000 11 22\n",
                                      -1, NULL));
  g_assert_true (g_file_set_contents (second, "Name,Email,Phone\n"
                                      "Li Chen,li.chen@example.com,+79120001122\n", -1, NULL));
  g_assert_cmpint (run_cli ((const char *[]) { "--db", db, "import-csv", first, NULL },
                            &out, &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "--db", db, "import-csv", second, NULL },
                            &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Conflict on line 2 with lead 1"));
  g_assert_nonnull (strstr (out, "Li Chen"));
  g_assert_nonnull (strstr (out, "Ирина Соколова"));
  g_assert_nonnull (strstr (out, "1 row contradicts the lead it matches and was skipped"));
  g_assert_nonnull (strstr (out, "Created 0, updated 0, skipped 0"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "--db", db, "import-csv", second, "--on-conflict",
                                               "sideways", NULL }, &out, &err), !=, 0);
  g_assert_nonnull (strstr (err, "--on-conflict is skip, merge or create"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "--db", db, "import-csv", second, "--on-conflict",
                                               "create", NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Created 1, updated 0"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "--db", db, "leads", NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Ирина Соколова"));
  g_assert_nonnull (strstr (out, "Li Chen"));
}

/* Runs the CLI on path and returns its standard output; the exit status
 * must be expected. */
static char *
cli_output (const char  *path,
            int          expected,
            const char **args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *err = NULL;
  char *out = NULL;

  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, (char *) path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_assert_cmpint (run_cli ((const char * const *) argv->pdata, &out, &err), ==, expected);
  if (expected == 0)
    g_assert_cmpstr (err, ==, "");
  return out;
}

static void
test_leads (void)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "leads.db", NULL);
  g_autofree char *anna = NULL;
  g_autofree char *bob = NULL;
  g_autofree char *table = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *json = NULL;
  g_autofree char *show = NULL;
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;

  anna = cli_output (path, 0, (const char *[]) { "lead", "add", "--name", "Anna, DDS",
                                                 "--email", "anna@Example.org", "--stage", "warm",
                                                 "--value", "1,200.50", NULL });
  bob = cli_output (path, 0, (const char *[]) { "lead", "add", "--handle", "@bob_dev", NULL });
  g_assert_cmpstr (anna, ==, "1\n");
  g_assert_cmpstr (bob, ==, "2\n");

  /* Invalid values are refused with a sentence saying what to do. */
  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "lead", "add", "--name", "X",
                                               "--email", "x@", NULL }, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "is not an email address"));
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "lead", "move", "1", "tepid",
                                               NULL }, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "unknown stage"));

  g_free (cli_output (path, 0, (const char *[]) { "lead", "move", "2", "hot", NULL }));
  g_free (cli_output (path, 0, (const char *[]) { "lead", "move", "1", "lost", "--reason",
                                                  "No budget", NULL }));

  table = cli_output (path, 0, (const char *[]) { "leads", NULL });
  g_assert_nonnull (strstr (table, "bob_dev"));
  g_assert_nonnull (strstr (table, "$1,200.50"));
  /* Board order: Hot before Lost. */
  g_assert_true (strstr (table, "bob_dev") < strstr (table, "Anna"));

  /* Columns count letters, not bytes: a long Cyrillic name is cut whole,
   * with "…", and the columns after it line up with the header's. */
  g_free (cli_output (path, 0, (const char *[]) { "lead", "add", "--name",
                                                  "Георгий Арутюнян из Санкт-Петербурга",
                                                  "--value", "75", NULL }));
  g_clear_pointer (&table, g_free);
  table = cli_output (path, 0, (const char *[]) { "leads", NULL });
  g_assert_true (g_utf8_validate (table, -1, NULL));
  {
    g_auto(GStrv) lines = g_strsplit (table, "\n", -1);
    const char *value_end = strstr (lines[0], "VALUE") + strlen ("VALUE");
    const char *row = NULL;

    for (guint i = 1; lines[i] != NULL; i++)
      if (strstr (lines[i], "Георгий") != NULL)
        row = lines[i];
    g_assert_nonnull (row);
    g_assert_nonnull (strstr (row, "Георгий Арутюнян из Санкт-П…"));
    g_assert_cmpint (g_utf8_pointer_to_offset (row, strstr (row, "$75") + strlen ("$75")), ==,
                     g_utf8_pointer_to_offset (lines[0], value_end));
  }

  /* Chinese letters take two columns of a terminal each. */
  g_free (cli_output (path, 0, (const char *[]) { "lead", "add", "--name", "王小明口腔诊所",
                                                  "--value", "5", NULL }));
  g_clear_pointer (&table, g_free);
  table = cli_output (path, 0, (const char *[]) { "leads", NULL });
  {
    g_auto(GStrv) lines = g_strsplit (table, "\n", -1);
    glong value_end = g_utf8_pointer_to_offset (lines[0], strstr (lines[0], "VALUE")) + 5;
    glong columns = 0;
    const char *row = NULL;

    for (guint i = 1; lines[i] != NULL; i++)
      if (strstr (lines[i], "王小明") != NULL)
        row = lines[i];
    g_assert_nonnull (row);
    for (const char *p = row; p < strstr (row, "$5") + 2; p = g_utf8_next_char (p))
      columns += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
    g_assert_cmpint (columns, ==, value_end);
  }

  csv = cli_output (path, 0, (const char *[]) { "leads", "--csv", "--stage", "lost", NULL });
  /* The columns of the app's leads export, which an import reads back. */
  g_assert_true (g_str_has_prefix (csv, "Leadgram ID,Name,Email,Phone,Company,Telegram,"));
  g_assert_nonnull (strstr (csv, "1,\"Anna, DDS\",anna@example.org,"));
  g_assert_nonnull (strstr (csv, ",lost,"));
  g_assert_null (strstr (csv, "bob_dev"));

  json = cli_output (path, 0, (const char *[]) { "leads", "--json", NULL });
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 4);
  /* Board order: the two new cold leads, then Hot, then Lost. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 2),
                                                  "stage"), ==, "hot");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (array, 3),
                                               "value"), ==, 120050);

  show = cli_output (path, 0, (const char *[]) { "lead", "show", "1", NULL });
  g_assert_nonnull (strstr (show, "Lost because:    No budget"));
  g_assert_nonnull (strstr (show, "Moved from Warm to Lost: No budget"));
  g_assert_nonnull (strstr (show, "Created in Warm"));
  g_assert_nonnull (strstr (show, "not enough history"));

  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "lead", "show", "99", NULL },
                            &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "no lead with id 99"));
}

/* The sample workspace, then a search on it in each output format. */
static void
test_search (void)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "cli.db", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonArray *array;
  gint64 previous = 101;

  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "search", "--offer", "CRM", NULL },
                            &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "no messages"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "sample", "load", NULL }, &out, &err),
                   ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "search", "--offer",
                                               "CRM for dental clinics", "--source",
                                               "@sample_dental_owners", "--limit", "5",
                                               "--json", NULL }, &out, &err), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), >, 0);
  g_assert_cmpuint (json_array_get_length (array), <=, 5);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *result = json_array_get_object_element (array, i);

      g_assert_cmpint (json_object_get_int_member (result, "score"), <=, previous);
      previous = json_object_get_int_member (result, "score");
      g_assert_cmpstr (json_object_get_string_member (result, "source"), ==,
                       "sample_dental_owners");
      g_assert_cmpstr (json_object_get_string_member (result, "reason"), !=, "");
      g_assert_true (g_str_has_prefix (json_object_get_string_member (result, "link"),
                                       "https://t.me/sample_dental_owners/"));
    }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "search", "--offer",
                                               "CRM for dental clinics", "--min-score", "40",
                                               "--csv", NULL }, &out, &err), ==, 0);
  g_assert_true (g_str_has_prefix (out, "Score,Reason,Source,Author,Handle,Date,Excerpt,Link\r\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "sample", "remove", NULL }, &out,
                            &err), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "info", NULL }, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "Messages:       0"));
}

/* Reads stream until text has come (a line of the CLI's progress). */
static void
wait_for_output (GInputStream *stream,
                 const char   *text)
{
  g_autoptr(GString) seen = g_string_new (NULL);

  while (strstr (seen->str, text) == NULL)
    {
      g_autoptr(GError) error = NULL;
      char buffer[256];
      gssize n = g_input_stream_read (stream, buffer, sizeof buffer, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (n, >, 0);
      g_string_append_len (seen, buffer, n);
    }
}

/* An import killed (SIGKILL) while it reads a big export keeps no one from
 * writing meanwhile, leaves the database as it was, and leaves nothing that
 * keeps the same import from succeeding next. */
static void
test_import_telegram_killed (void)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "killed.db", NULL);
  g_autofree char *export = lg_test_write_export (dir, "result.json", 60000, FALSE);
  g_autoptr(GSubprocess) cli = NULL;
  g_autoptr(LgStore) store = NULL;
  g_autoptr(LgLead) before = NULL;
  g_autoptr(LgLead) meanwhile = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;

  store = lg_store_open (path, &error);
  g_assert_no_error (error);
  sqlite3_busy_timeout (lg_store_get_db (store), 1000);
  before = lg_test_add_lead (store, "There before", "cold");

  cli = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                          &error, g_getenv ("LEADGRAM_CLI"), "--db", path, "import-telegram",
                          export, NULL);
  g_assert_no_error (error);
  wait_for_output (g_subprocess_get_stderr_pipe (cli), "messages read");
  meanwhile = lg_test_add_lead (store, "Added during the import", "warm");
  expected = lg_test_dump_database (store);

  g_subprocess_force_exit (cli);
  g_assert_true (g_subprocess_wait (cli, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (cli));
  g_assert_cmpint (g_subprocess_get_term_sig (cli), ==, SIGKILL);
  after = lg_test_dump_database (store);
  g_assert_cmpstr (after, ==, expected);

  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "import-telegram", export, NULL },
                            &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Imported 1 chat: 60000 messages, 60000 new"));
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM messages"), ==, 60000);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads"), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  /* Dates in UTC as the fixture's; UTF-8 output ("—", "−") whatever the machine's locale. */
  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);

  g_test_add_func ("/cli/info/new-and-existing", test_info_new_and_existing);
  g_test_add_func ("/cli/info/env", test_info_env);
  g_test_add_func ("/cli/bad-db", test_bad_db);
  g_test_add_func ("/cli/usage", test_usage);
  g_test_add_func ("/cli/metrics/text", test_metrics_text);
  g_test_add_func ("/cli/metrics/json-csv", test_metrics_machine);
  g_test_add_func ("/cli/cost/add", test_cost_add);

  g_test_add_func ("/cli/sources", test_sources_commands);
  g_test_add_func ("/cli/escapes", test_escapes);
  g_test_add_func ("/cli/import-telegram/killed", test_import_telegram_killed);

  g_test_add_func ("/cli/csv/import-undo-export", test_csv_import_undo_export);
  g_test_add_func ("/cli/csv/import-encoding", test_csv_import_encoding);
  g_test_add_func ("/cli/csv/import-repairs", test_csv_import_repairs);
  g_test_add_func ("/cli/csv/import-conflict", test_csv_import_conflict);

  g_test_add_func ("/cli/import-chat/kinds", test_import_chat_kinds);
  g_test_add_func ("/cli/leads", test_leads);

  g_test_add_func ("/cli/search", test_search);

  return g_test_run ();
}
