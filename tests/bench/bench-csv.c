/* bench-csv.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Imports a generated 100,000-row file with dedupe and compares it with the
 * sqlite3 shell's .import of the same file into a plain table, in the same
 * run; then exports the 100,000 leads. Prints the figures.
 */

#include "config.h"

#include "lg-lead-export.h"
#include "lg-lead-import.h"
#include "lg-test-util.h"

#define N_ROWS 100000
/* One row in 20 repeats an earlier person, written differently. */
#define DUPLICATE_EVERY 20

static char *
generate (const char *dir)
{
  static const char *stages[] = { "New", "Contacted", "Demo Scheduled", "Won", "Lost" };
  char *path = g_build_filename (dir, "leads.csv", NULL);
  g_autoptr(GString) data = g_string_new ("First Name,Last Name,Email,Phone Number,"
                                          "Company Name,Lead Status,Amount,Create Date\n");

  for (guint i = 0; i < N_ROWS; i++)
    {
      guint person = i % DUPLICATE_EVERY == DUPLICATE_EVERY - 1 ? i / 2 : i;

      g_string_append_printf (data, "First%u,Last%u,%s%u@example.com,+1 (555) %03u-%04u,"
                              "\"Company %u, Inc.\",%s,\"%u.%02u\",2024-%02u-%02u 10:%02u\n",
                              person, person, i == person ? "person" : "PERSON", person,
                              person / 10000, person % 10000, person / 7, stages[i % 5],
                              i % 9000, i % 100, 1 + i % 12, 1 + i % 28, i % 60);
    }
  g_assert_true (g_file_set_contents (path, data->str, data->len, NULL));
  return path;
}

static double
run_sqlite3_import (const char *dir,
                    const char *csv)
{
  g_autofree char *db = g_build_filename (dir, "plain.db", NULL);
  g_autofree char *command = g_strdup_printf (".import --csv %s t", csv);
  const char *argv[] = { "sqlite3", db, command, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  return g_timer_elapsed (timer, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *csv = generate (dir);
  g_autofree char *out = g_build_filename (dir, "export.csv", NULL);
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgCsvReader) reader = NULL;
  g_autoptr(LgCsvMapping) mapping = NULL;
  g_autoptr(LgLeadImport) import = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(GError) error = NULL;
  double ours, theirs, exported;
  guint n = 0;

  g_setenv ("TZ", "UTC", TRUE);
  reader = lg_csv_reader_new_for_path (csv, LG_CSV_ENCODING_AUTO, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lg_csv_reader_next (reader, NULL, &error));
  mapping = lg_csv_mapping_new (lg_csv_reader_get_fields (reader),
                                lg_csv_reader_get_n_fields (reader));

  theirs = run_sqlite3_import (dir, csv);

  import = lg_lead_import_new (lg_store_get_path (store), csv, mapping);
  g_timer_start (timer);
  g_assert_true (lg_lead_import_run (import, NULL, &error));
  ours = g_timer_elapsed (timer, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (lg_lead_import_get_failed (import), ==, 0);
  g_assert_cmpuint (lg_lead_import_get_created (import) + lg_lead_import_get_updated (import) +
                    lg_lead_import_get_skipped (import), ==, N_ROWS);

  g_timer_start (timer);
  g_assert_true (lg_lead_export_leads (store, out, NULL, 0, FALSE, &n, NULL, &error));
  exported = g_timer_elapsed (timer, NULL);
  g_assert_no_error (error);

  g_print ("import of %u rows with dedupe: %.2f s (%u created, %u merged as duplicates)\n",
           N_ROWS, ours, lg_lead_import_get_created (import),
           lg_lead_import_get_updated (import) + lg_lead_import_get_skipped (import));
  g_print ("sqlite3 .import of the same file into a plain table: %.2f s\n", theirs);
  g_print ("ratio: %.2fx (target: within 3x)\n", ours / theirs);
  g_print ("export of %u leads: %.2f s\n", n, exported);
  return 0;
}
