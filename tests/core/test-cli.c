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
  g_assert_nonnull (strstr (table, "1,200.50 USD"));
  /* Board order: Hot before Lost. */
  g_assert_true (strstr (table, "bob_dev") < strstr (table, "Anna"));

  csv = cli_output (path, 0, (const char *[]) { "leads", "--csv", "--stage", "lost", NULL });
  g_assert_true (g_str_has_prefix (csv, "id,stage,name,"));
  g_assert_nonnull (strstr (csv, "1,lost,\"Anna, DDS\",,anna@example.org,"));
  g_assert_null (strstr (csv, "bob_dev"));

  json = cli_output (path, 0, (const char *[]) { "leads", "--json", NULL });
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0),
                                                  "stage"), ==, "hot");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (array, 1),
                                               "value"), ==, 120050);

  show = cli_output (path, 0, (const char *[]) { "lead", "show", "1", NULL });
  g_assert_nonnull (strstr (show, "Lost because:    No budget"));
  g_assert_nonnull (strstr (show, "Moved from warm to lost: No budget"));
  g_assert_nonnull (strstr (show, "Created in warm"));
  g_assert_nonnull (strstr (show, "not enough history"));

  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_cli ((const char *[]) { "--db", path, "lead", "show", "99", NULL },
                            &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "no lead with id 99"));
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
  g_test_add_func ("/cli/leads", test_leads);

  return g_test_run ();
}
