/* test-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real leadgram-cli binary, as a script would.
 */

#include "config.h"

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/info/new-and-existing", test_info_new_and_existing);
  g_test_add_func ("/cli/info/env", test_info_env);
  g_test_add_func ("/cli/bad-db", test_bad_db);
  g_test_add_func ("/cli/usage", test_usage);

  return g_test_run ();
}
