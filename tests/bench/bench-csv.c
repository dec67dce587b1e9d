/* bench-csv.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Imports a generated 100,000-row file with dedupe and compares it with the
 * sqlite3 shell's .import of the same file into a plain table, in the same
 * run; imports it once more beside another writer, for the longest that one
 * waits for the lock; then exports the 100,000 leads. Then the same import
 * into a team workspace on a throw-away PostgreSQL cluster (skipped, saying
 * so, where PostgreSQL is not installed), compared with the SQLite file's.
 * Prints the figures.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "lg-lead-export.h"
#include "lg-lead-import.h"
#include "lg-test-pg.h"
#include "lg-test-util.h"

#define N_ROWS 100000
/* One row in 20 repeats an earlier person, written differently. */
#define DUPLICATE_EVERY 20
/* Each side runs this many times; the medians are compared. */
#define ROUNDS 5

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
  g_autoptr(GTimer) timer = NULL;
  int status = 0;

  /* A new table each time, as the import below gets a new database. */
  g_unlink (db);
  timer = g_timer_new ();
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  return g_timer_elapsed (timer, NULL);
}

/* A new database: a file, or (team) a team workspace on the throw-away
 * cluster. */
static LgStore *
open_new (gboolean team)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  LgStore *store;

  if (team)
    path = lg_test_pg_new_database ();
  else
    {
      dir = lg_test_make_tmpdir ();
      path = g_build_filename (dir, "leadgram.db", NULL);
    }
  store = lg_store_open (path, &error);
  g_assert_no_error (error);
  return store;
}

/* Imports the file into a new database; returns the seconds it took, and
 * in *locked (may be NULL) the longest another writer waited meanwhile. */
static double
run_import (const char    *csv,
            LgCsvMapping  *mapping,
            gboolean       team,
            LgStore      **store_out,
            guint         *merged,
            double        *locked)
{
  g_autoptr(LgStore) store = open_new (team);
  g_autoptr(LgLeadImport) import = lg_lead_import_new (lg_store_get_path (store), csv, mapping);
  LgTestWriter *writer = locked != NULL ? lg_test_writer_start (lg_store_get_path (store)) : NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  g_autoptr(GError) error = NULL;
  double seconds;

  g_assert_true (lg_lead_import_run (import, NULL, &error));
  seconds = g_timer_elapsed (timer, NULL);
  if (writer != NULL)
    *locked = lg_test_writer_stop (writer) / (double) G_USEC_PER_SEC;
  g_assert_no_error (error);
  g_assert_cmpuint (lg_lead_import_get_failed (import), ==, 0);
  *merged = lg_lead_import_get_updated (import) + lg_lead_import_get_skipped (import);
  g_assert_cmpuint (*merged, >, 0);
  g_assert_cmpuint (lg_lead_import_get_created (import) + *merged, ==, N_ROWS);
  g_set_object (store_out, store);
  return seconds;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Rounds of the PostgreSQL import: each makes a database on the cluster. */
#define TEAM_ROUNDS 3

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *csv = generate (dir);
  g_autofree char *out = g_build_filename (dir, "export.csv", NULL);
  g_autoptr(LgStore) store = NULL;
  g_autoptr(LgCsvReader) reader = NULL;
  g_autoptr(LgCsvMapping) mapping = NULL;
  g_autoptr(GTimer) timer = NULL;
  g_autoptr(GError) error = NULL;
  double ours[ROUNDS], theirs[ROUNDS], team[TEAM_ROUNDS], exported, locked;
  guint n = 0, merged = 0;

  g_setenv ("TZ", "UTC", TRUE);
  reader = lg_csv_reader_new_for_path (csv, LG_CSV_ENCODING_AUTO, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lg_csv_reader_next (reader, NULL, &error));
  mapping = lg_csv_mapping_new (lg_csv_reader_get_fields (reader),
                                lg_csv_reader_get_n_fields (reader));

  /* Taking turns, so that a busy moment of the machine hits both. */
  for (guint i = 0; i < ROUNDS; i++)
    {
      theirs[i] = run_sqlite3_import (dir, csv);
      ours[i] = run_import (csv, mapping, FALSE, &store, &merged, NULL);
    }
  /* Apart: the other writer's thread takes some of the 2 cores. */
  run_import (csv, mapping, FALSE, &store, &merged, &locked);
  qsort (ours, ROUNDS, sizeof (double), compare_doubles);
  qsort (theirs, ROUNDS, sizeof (double), compare_doubles);

  timer = g_timer_new ();
  g_assert_true (lg_lead_export_leads (store, out, NULL, 0, FALSE, &n, NULL, &error));
  exported = g_timer_elapsed (timer, NULL);
  g_assert_no_error (error);

  g_print ("import of %u rows with dedupe into a new database, median of %u: %.2f s "
           "(%u merged as duplicates)\n", N_ROWS, ROUNDS, ours[ROUNDS / 2], merged);
  g_print ("sqlite3 .import of the same file into a plain table, median of %u: %.2f s\n",
           ROUNDS, theirs[ROUNDS / 2]);
  g_print ("ratio: %.2fx (target: within 3x)\n", ours[ROUNDS / 2] / theirs[ROUNDS / 2]);
  g_print ("longest wait of another writer for the lock during the import: %.3f s\n", locked);
  g_print ("export of %u leads: %.2f s\n", n, exported);

  if (!lg_test_pg_available ())
    {
      g_print ("team workspace: skipped, PostgreSQL's server programs (initdb) are not "
               "installed (build-aux/setup.sh installs postgresql-15)\n");
      return 0;
    }
  /* The SQLite file's import once more between the team's, for a ratio of
   * imports made at the same moments. */
  for (guint i = 0; i < TEAM_ROUNDS; i++)
    {
      team[i] = run_import (csv, mapping, TRUE, &store, &merged, NULL);
      ours[i] = run_import (csv, mapping, FALSE, &store, &merged, NULL);
    }
  qsort (team, TEAM_ROUNDS, sizeof (double), compare_doubles);
  qsort (ours, TEAM_ROUNDS, sizeof (double), compare_doubles);
  g_print ("team workspace on PostgreSQL (a throw-away cluster on a Unix socket), median of "
           "%u: %.2f s; the SQLite file's, in between: %.2f s\n", TEAM_ROUNDS,
           team[TEAM_ROUNDS / 2], ours[TEAM_ROUNDS / 2]);
  g_print ("ratio PostgreSQL / SQLite: %.2fx\n", team[TEAM_ROUNDS / 2] / ours[TEAM_ROUNDS / 2]);
  return 0;
}
