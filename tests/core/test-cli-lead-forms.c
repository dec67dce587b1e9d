/* test-cli-lead-forms.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `leadgram-cli import-csv` on the ad platforms' lead-form downloads (it
 * says which it recognised) and `import-costs` on their spend reports, run
 * as a script would, then `metrics --by-source` showing the cost per lead
 * of each campaign.
 */

#include "config.h"

#include <string.h>

#include "lg-test-util.h"

static char *
fixture (const char *name)
{
  return g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "fixtures", "lead-forms", name,
                           NULL);
}

static void
assert_has (const char *text,
            const char *part)
{
  if (strstr (text, part) == NULL)
    g_error ("'%s' is not in:\n%s", part, text);
}

static void
test_import (void)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "lead-forms.db", NULL);
  g_autofree char *meta = fixture ("meta-leads-utf16le.tsv");
  g_autofree char *tiktok = fixture ("tiktok-leads.csv");
  g_autofree char *test_lead = fixture ("real-headers/meta-pearl-view.csv");
  g_autofree char *spend = fixture ("meta-spend.csv");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (lg_test_run_cli_db (db, &out, &err, "import-csv", meta, NULL), ==, 0);
  assert_has (out, "Meta lead ads download recognised.\n");
  assert_has (out, "campaign_name → campaign\n");
  assert_has (out, "Created 2, updated 0, skipped 0; 0 failed.");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The same download again imports nothing. */
  g_assert_cmpint (lg_test_run_cli_db (db, &out, &err, "import-csv", meta, NULL), ==, 0);
  assert_has (out, "Created 0, updated 0, skipped 2; 0 failed.");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A real download's test lead of Meta's: said, not a failure (status 0). */
  g_assert_cmpint (lg_test_run_cli_db (db, &out, &err, "import-csv", test_lead, NULL), ==, 0);
  assert_has (out, "1 Meta test lead skipped: a test the platform made, not a person.\n");
  assert_has (out, "Created 0, updated 0, skipped 0; 0 failed.");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (lg_test_run_cli_db (db, &out, &err, "import-csv", tiktok, NULL), ==, 0);
  assert_has (out, "TikTok lead generation download recognised.\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (lg_test_run_cli_db (db, &out, &err, "import-costs", spend, NULL), ==, 0);
  assert_has (out, "Meta spend report.\n");
  assert_has (out, "Costs added 2, updated 0, unchanged 0; 0 new campaign sources.\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* One lead each for the two Meta campaigns in the TSV: $120 and $45.50. */
  g_assert_cmpint (lg_test_run_cli_db (db, &out, &err, "metrics", "--from", "2026-11-01",
                                       "--to", "2026-11-30", "--by-source", "--csv", NULL),
                   ==, 0);
  /* source, currency, leads, …, cost, cpl */
  assert_has (out, ",Meta · Dental CRM Autumn,USD,1,0,0,0,0.00,0.00,,120.00,120.00,");
  assert_has (out, ",Meta · WhatsApp Reminders,USD,1,0,0,0,0.00,0.00,,45.50,45.50,");
}

static void
test_not_a_report (void)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "lead-forms.db", NULL);
  g_autofree char *leads = fixture ("meta-leads.csv");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (lg_test_run_cli_db (db, &out, &err, "import-costs", leads, NULL), !=, 0);
  assert_has (err, "This is not a spend report");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("TZ", "UTC", TRUE);

  g_test_add_func ("/cli/lead-forms/import", test_import);
  g_test_add_func ("/cli/lead-forms/not-a-report", test_not_a_report);

  return g_test_run ();
}
