/* test-import-wizard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import wizard on a HubSpot-style file, step by step at GTK level, then
 * the import history's undo; a Meta lead ads download recognised.
 */

#include "config.h"

#include "lg-application.h"
#include "lg-import-history-window.h"
#include "lg-import-wizard.h"
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

/* A Meta lead ads download: the wizard says so, maps it without help, and
 * a second import of the same file creates nothing. */
static void
test_wizard_lead_form (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autofree char *path = g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "fixtures",
                                            "lead-forms", "meta-leads-utf16le.tsv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  LgImportWizard *wizard = lg_import_wizard_new (NULL, store);
  GtkWidget *label, *row;
  LgCsvMapping *mapping;

  gtk_window_present (GTK_WINDOW (wizard));
  g_assert_true (lg_import_wizard_open_file (wizard, file, &error));
  g_assert_no_error (error);

  label = lg_test_find_named (GTK_WIDGET (wizard), "lead-form-label");
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==,
                   "Meta lead ads download recognised");
  mapping = lg_import_wizard_get_mapping (wizard);
  g_assert_cmpint (lg_csv_mapping_get_lead_form (mapping), ==, LG_LEAD_FORM_META);
  g_assert_cmpint (lg_csv_mapping_find_field (mapping, LG_CSV_FIELD_FORM_LEAD_ID), ==, 0);
  g_assert_cmpint (lg_csv_mapping_find_field (mapping, LG_CSV_FIELD_CREATED), ==, 1);
  g_assert_cmpint (lg_csv_mapping_find_field (mapping, LG_CSV_FIELD_CAMPAIGN), ==, 7);
  g_assert_cmpint (lg_csv_mapping_find_field (mapping, LG_CSV_FIELD_NAME), ==, 14);

  next (wizard);
  g_assert_cmpstr (lg_import_wizard_get_step (wizard), ==, "mapping");
  row = lg_test_find_named (GTK_WIDGET (wizard), "lead-form-row");
  g_assert_true (gtk_widget_is_visible (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Meta lead ads download recognised");
  next (wizard);
  /* Nothing to ask about stages or qualifications. */
  wait_for_step (wizard, "mode");
  next (wizard);
  wait_for_step (wizard, "validation");
  next (wizard);
  wait_for_step (wizard, "summary");
  g_assert_cmpuint (lg_lead_import_get_created (lg_import_wizard_get_import (wizard)), ==, 2);
  g_assert_cmpint (count_leads (store), ==, 2);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads l JOIN sources s ON "
                                      "s.id = l.source_id WHERE s.title = 'Meta · WhatsApp "
                                      "Reminders' AND l.name = 'Ольга Иванова'"), ==, 1);
  gtk_window_destroy (GTK_WINDOW (wizard));
}

/* A Meta download with a test lead of Meta's (the real row of a public
 * download, fixtures/lead-forms/real-headers): the preview counts it as
 * left out, not as a row with problems, and the import skips it. */
static void
test_wizard_meta_test_lead (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autofree char *real = g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "fixtures",
                                            "lead-forms", "real-headers", "meta-pearl-view.csv",
                                            NULL);
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "leads.csv", NULL);
  g_autofree char *text = NULL;
  g_autofree char *with_person = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  LgImportWizard *wizard = lg_import_wizard_new (NULL, store);

  g_assert_true (g_file_get_contents (real, &text, NULL, &error));
  with_person = g_strconcat (text, "l:2,2026-07-16T04:00:00-05:00,ag:1,Ad,as:1,Set,c:1,Summer,"
                             "f:1,Window Cleaning 13.7,false,fb,Ann Example,p:+15555550100,"
                             "ann@example.com,,CREATED\n", NULL);
  g_assert_true (g_file_set_contents (path, with_person, -1, &error));
  file = g_file_new_for_path (path);
  gtk_window_present (GTK_WINDOW (wizard));
  g_assert_true (lg_import_wizard_open_file (wizard, file, &error));
  g_assert_no_error (error);

  next (wizard);
  next (wizard);
  wait_for_step (wizard, "mode");
  next (wizard);
  wait_for_step (wizard, "validation");
  g_assert_nonnull (lg_test_find_label (GTK_WIDGET (wizard), "1 of 2 Rows Ready to Import"));
  g_assert_nonnull (lg_test_find_label_part (GTK_WIDGET (wizard),
                                             "1 Meta test lead skipped"));
  g_assert_null (lg_test_find_label_part (GTK_WIDGET (wizard), "has problems"));
  next (wizard);
  wait_for_step (wizard, "summary");
  g_assert_cmpuint (lg_lead_import_get_created (lg_import_wizard_get_import (wizard)), ==, 1);
  g_assert_cmpuint (lg_lead_import_get_failed (lg_import_wizard_get_import (wizard)), ==, 0);
  g_assert_cmpint (count_leads (store), ==, 1);
  gtk_window_destroy (GTK_WINDOW (wizard));
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

/* A wizard on the screen at the preview of the fixture name. */
static LgImportWizard *
open_shown (LgStore    *store,
            const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "fixtures", "csv",
                                            name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  LgImportWizard *wizard = lg_import_wizard_new (NULL, store);

  gtk_window_present (GTK_WINDOW (wizard));
  g_assert_true (lg_import_wizard_open_file (wizard, file, &error));
  g_assert_no_error (error);
  return wizard;
}

/* A Russian Excel export: the preview shows the guess (Windows-1251) and its
 * note, and the user can change it. */
static void
test_wizard_encoding (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  LgImportWizard *wizard = open_shown (store, "windows-1251.csv");

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

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A row that matches a lead by phone but has another email: the validation
 * page lists it with both records; chosen "create", it becomes a new lead and
 * the lead there is left alone. */
static void
test_wizard_conflict (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *first = g_build_filename (dir, "first.csv", NULL);
  g_autofree char *second = g_build_filename (dir, "second.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (second);
  g_autoptr(GError) error = NULL;
  g_autoptr(LgLeadImport) seed = NULL;
  g_autoptr(LgCsvMapping) mapping = NULL;
  const char *header[] = { "Name", "Email", "Phone" };
  LgImportWizard *wizard;
  GtkWidget *dropdown;

  g_assert_true (g_file_set_contents (first, "Name,Email,Phone\n"
                                      "Ирина Соколова,irina@example.ru,+7 912 000 11 22\n",
                                      -1, NULL));
  g_assert_true (g_file_set_contents (second, "Name,Email,Phone\n"
                                      "Li Chen,li.chen@example.com,+79120001122\n", -1, NULL));
  mapping = lg_csv_mapping_new (header, 3);
  seed = lg_lead_import_new (lg_store_get_path (store), first, mapping);
  g_assert_true (lg_lead_import_run (seed, NULL, &error));
  g_assert_no_error (error);

  wizard = lg_import_wizard_new (NULL, store);
  gtk_window_present (GTK_WINDOW (wizard));
  g_assert_true (lg_import_wizard_open_file (wizard, file, &error));
  g_assert_no_error (error);
  next (wizard);
  next (wizard);
  wait_for_step (wizard, "mode");
  next (wizard);
  wait_for_step (wizard, "validation");
  g_assert_cmpuint (lg_lead_import_get_conflicts (lg_import_wizard_get_import (wizard)), ==, 1);

  /* Both sides are on screen. */
  g_assert_nonnull (find_named (GTK_WIDGET (wizard), "conflict-action-all"));
  dropdown = find_named (GTK_WIDGET (wizard), "conflict-action-2");
  g_assert_nonnull (dropdown);
  g_assert_true (gtk_widget_is_visible (dropdown));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==,
                    LG_CONFLICT_SKIP);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), LG_CONFLICT_CREATE);

  next (wizard);
  wait_for_step (wizard, "summary");
  g_assert_cmpuint (lg_lead_import_get_conflicts (lg_import_wizard_get_import (wizard)), ==, 1);
  g_assert_cmpuint (lg_lead_import_get_created (lg_import_wizard_get_import (wizard)), ==, 1);
  g_assert_cmpuint (lg_lead_import_get_updated (lg_import_wizard_get_import (wizard)), ==, 0);
  g_assert_cmpint (count_leads (store), ==, 2);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads WHERE "
                                             "email = 'irina@example.ru' AND "
                                             "name = 'Ирина Соколова'"), ==, 1);
  gtk_window_destroy (GTK_WINDOW (wizard));
}

static gboolean
is_visible (gpointer widget)
{
  return gtk_widget_get_visible (widget);
}


static const char *
description (GtkWidget *group)
{
  const char *text = adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group));

  return text != NULL ? text : "";
}

static gboolean
has_description (gpointer group)
{
  return *description (group) != '\0';
}

/* The preview lists every row whose quotes were out of place, read from the
 * whole file, and so does the validation report before the import. */
static void
test_wizard_repairs (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  LgImportWizard *wizard = open_shown (store, "bad-quotes.csv");
  GtkWidget *group = lg_test_find_named (GTK_WIDGET (wizard), "repairs");
  GtkWidget *list = lg_test_find_named (GTK_WIDGET (wizard), "repairs-list");
  LgLeadImport *import;

  g_assert_nonnull (group);
  lg_test_wait_until (is_visible, group);
  g_assert_cmpstr (description (group), ==,
                   "4 rows have quotes (\") out of place; check how they were read:");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (list)), ==,
                   "Line 2, Company: text after the closing quote, joined to the quoted text: "
                   "read as “Acme Ltd”\n"
                   "Line 3, Company: a quote (\") in the middle of the field, kept: read as "
                   "“Smith \"Bobby\" Co”\n"
                   "Line 4, Company: spaces outside the quotes, dropped: read as “Cid Corp”\n"
                   "Line 5, Company: spaces outside the quotes, dropped: read as “Dee Co”");

  /* A wrong delimiter puts quotes out of place in most rows: the file is read
   * anew, and the list follows. */
  lg_import_wizard_set_delimiter (wizard, ';');
  g_assert_false (gtk_widget_get_visible (group));
  lg_test_wait_until (is_visible, group);
  g_assert_true (g_str_has_prefix (description (group), "6 rows have quotes"));
  lg_import_wizard_set_delimiter (wizard, ',');
  lg_test_wait_until (is_visible, group);
  g_assert_true (g_str_has_prefix (description (group), "4 rows have quotes"));

  next (wizard);
  wait_for_step (wizard, "mapping");
  next (wizard);
  wait_for_step (wizard, "mode");
  next (wizard);
  wait_for_step (wizard, "validation");
  import = lg_import_wizard_get_import (wizard);
  g_assert_cmpuint (lg_lead_import_get_failed (import), ==, 0);
  g_assert_cmpuint (lg_lead_import_get_repairs (import)->len, ==, 4);
  gtk_window_destroy (GTK_WINDOW (wizard));
}


/* Columns past the preview's edge are announced; a file that fits is not. */
static void
test_wizard_sideways (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  LgImportWizard *wizard = open_shown (store, "hubspot-contacts.csv");
  GtkWidget *group = lg_test_find_named (GTK_WIDGET (wizard), "preview");

  lg_test_wait_until (has_description, group);
  g_assert_cmpstr (description (group), ==,
                   "The file has 11 columns: scroll sideways to see them all.");
  gtk_window_destroy (GTK_WINDOW (wizard));

  wizard = open_shown (store, "bad-quotes.csv");
  group = lg_test_find_named (GTK_WIDGET (wizard), "preview");
  lg_test_run_frames (200);
  g_assert_cmpstr (description (group), ==, "");
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
  g_test_add_func ("/ui/import-wizard/lead-form", test_wizard_lead_form);
  g_test_add_func ("/ui/import-wizard/meta-test-lead", test_wizard_meta_test_lead);
  g_test_add_func ("/ui/import-wizard/bad-file", test_wizard_bad_file);
  g_test_add_func ("/ui/import-wizard/encoding", test_wizard_encoding);
  g_test_add_func ("/ui/import-wizard/conflict", test_wizard_conflict);
  g_test_add_func ("/ui/import-wizard/repairs", test_wizard_repairs);
  g_test_add_func ("/ui/import-wizard/sideways", test_wizard_sideways);

  return g_test_run ();
}
