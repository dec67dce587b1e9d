/* test-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real leadgram-cli binary, as a script would.
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "lg-test-util.h"

static const char *cli_path;

/* Runs leadgram-cli with args; returns its exit status, output in out/err. */
static int
run_cli (const char * const *args,
         char              **out,
         char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_ptr_array_add (argv, (char *) cli_path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                out, err, &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_info_new_and_existing (void)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "cli.db", NULL);
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  cli_path = g_getenv ("LEADGRAM_CLI");
  g_assert_nonnull (cli_path);

  g_test_add_func ("/cli/info/new-and-existing", test_info_new_and_existing);
  g_test_add_func ("/cli/info/env", test_info_env);
  g_test_add_func ("/cli/bad-db", test_bad_db);
  g_test_add_func ("/cli/usage", test_usage);
  g_test_add_func ("/cli/sources", test_sources_commands);

  return g_test_run ();
}
