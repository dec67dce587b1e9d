/* test-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real leadgram-cli binary, as a script would.
 */

#include "config.h"

#include <string.h>

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
  g_test_add_func ("/cli/csv/import-undo-export", test_csv_import_undo_export);

  return g_test_run ();
}
