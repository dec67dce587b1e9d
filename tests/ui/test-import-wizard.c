/* test-import-wizard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import wizard on a HubSpot-style file, step by step at GTK level, then
 * the import history's undo.
 */

#include "config.h"

#include "lg-application.h"
#include "lg-import-history-window.h"
#include "lg-import-wizard.h"
#include "lg-store-private.h"
#include "lg-test-ui.h"
#include "lg-test-util.h"

static gint64
count_leads (LgStore *store)
{
  LgStoreCounts counts;

  g_assert_true (lg_store_count (store, &counts, NULL));
  return counts.leads;
}

static void
wait_for_step (LgImportWizard *wizard,
               const char     *step)
{
  while (!g_str_equal (lg_import_wizard_get_step (wizard), step))
    g_main_context_iteration (NULL, TRUE);
}

static void
next (LgImportWizard *wizard)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.next", NULL));
}

static void
on_changed_cb (LgStore    *store,
               const char *table,
               guint      *n_changes)
{
  (*n_changes)++;
}

static void
test_wizard_hubspot (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autofree char *path = g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "fixtures", "csv",
                                            "hubspot-contacts.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  LgImportWizard *wizard = lg_import_wizard_new (NULL, store);
  LgImportHistoryWindow *history;
  LgCsvMapping *mapping;
  guint n_changes = 0;

  g_signal_connect (store, "changed::leads", G_CALLBACK (on_changed_cb), &n_changes);
  gtk_window_present (GTK_WINDOW (wizard));
  g_assert_cmpstr (lg_import_wizard_get_step (wizard), ==, "file");

  g_assert_true (lg_import_wizard_open_file (wizard, file, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lg_import_wizard_get_step (wizard), ==, "preview");

  /* Nothing mapped by hand. */
  mapping = lg_import_wizard_get_mapping (wizard);
  g_assert_cmpint (lg_csv_mapping_find_field (mapping, LG_CSV_FIELD_EMAIL), ==, 3);
  g_assert_cmpint (lg_csv_mapping_find_field (mapping, LG_CSV_FIELD_STAGE), ==, 6);

  next (wizard);
  g_assert_cmpstr (lg_import_wizard_get_step (wizard), ==, "mapping");
  next (wizard);
  /* "Nurturing" is no known stage: the wizard asks (the first choice, Cold). */
  wait_for_step (wizard, "labels");
  next (wizard);
  g_assert_cmpstr (lg_import_wizard_get_step (wizard), ==, "mode");
  next (wizard);
  wait_for_step (wizard, "validation");
  g_assert_cmpuint (lg_lead_import_get_failed (lg_import_wizard_get_import (wizard)), ==, 1);
  g_assert_cmpint (count_leads (store), ==, 0);

  next (wizard);
  wait_for_step (wizard, "summary");
  g_assert_cmpuint (lg_lead_import_get_created (lg_import_wizard_get_import (wizard)), ==, 6);
  g_assert_cmpuint (lg_lead_import_get_updated (lg_import_wizard_get_import (wizard)), ==, 1);
  g_assert_cmpint (count_leads (store), ==, 6);
  g_assert_cmpuint (n_changes, ==, 1);
  gtk_window_destroy (GTK_WINDOW (wizard));

  history = lg_import_history_window_new (NULL, store);
  gtk_window_present (GTK_WINDOW (history));
  g_assert_cmpuint (lg_import_history_window_get_n_imports (history), ==, 1);
  lg_import_history_window_undo (history, 1);
  while (n_changes < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (count_leads (store), ==, 0);
  gtk_window_destroy (GTK_WINDOW (history));
}

static void
test_wizard_bad_file (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autofree char *path = g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "fixtures", "csv",
                                            "binary.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  LgImportWizard *wizard = lg_import_wizard_new (NULL, store);

  g_assert_false (lg_import_wizard_open_file (wizard, file, &error));
  g_assert_error (error, LG_CSV_ERROR, LG_CSV_ERROR_BINARY);
  g_assert_cmpstr (lg_import_wizard_get_step (wizard), ==, "file");
  gtk_window_destroy (GTK_WINDOW (wizard));
}

/* A Russian Excel export: the preview shows the guess (Windows-1251) and its
 * note, and the user can change it. */
static void
test_wizard_encoding (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autofree char *path = g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "fixtures", "csv",
                                            "windows-1251.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  LgImportWizard *wizard = lg_import_wizard_new (NULL, store);

  gtk_window_present (GTK_WINDOW (wizard));
  g_assert_true (lg_import_wizard_open_file (wizard, file, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lg_import_wizard_get_encoding (wizard), ==, LG_CSV_ENCODING_WINDOWS_1251);
  g_assert_cmpstr (lg_csv_mapping_get_header (lg_import_wizard_get_mapping (wizard), 0), ==,
                   "Имя");
  g_assert_cmpint (lg_csv_mapping_find_field (lg_import_wizard_get_mapping (wizard),
                                              LG_CSV_FIELD_FIRST_NAME), ==, 0);

  lg_import_wizard_set_encoding (wizard, LG_CSV_ENCODING_WINDOWS_1252);
  g_assert_cmpint (lg_import_wizard_get_encoding (wizard), ==, LG_CSV_ENCODING_WINDOWS_1252);
  g_assert_cmpstr (lg_csv_mapping_get_header (lg_import_wizard_get_mapping (wizard), 0), ==,
                   "Èìÿ");

  lg_import_wizard_set_encoding (wizard, LG_CSV_ENCODING_WINDOWS_1251);
  g_assert_cmpstr (lg_csv_mapping_get_header (lg_import_wizard_get_mapping (wizard), 0), ==,
                   "Имя");
  gtk_window_destroy (GTK_WINDOW (wizard));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("TZ", "UTC", TRUE);

  if (!lg_test_init_gtk ())
    return 77;
  adw_init ();
  /* The templates live in the application's resources. */
  g_type_ensure (LG_TYPE_APPLICATION);
  g_object_unref (lg_application_new ());

  g_test_add_func ("/ui/import-wizard/hubspot", test_wizard_hubspot);
  g_test_add_func ("/ui/import-wizard/bad-file", test_wizard_bad_file);
  g_test_add_func ("/ui/import-wizard/encoding", test_wizard_encoding);

  return g_test_run ();
}
