/* test-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real application under Xvfb: the window opens, every view can be shown,
 * every templated widget builds (a .ui naming something Debian 12's GTK 4.8 or
 * libadwaita 1.2 lacks fails here, not in a user's hands); Preferences'
 * win probabilities reach the board's weighted totals; a dialog's toast
 * shows in the window.
 */

#include "config.h"

#include "lg-application.h"
#include "lg-cost-dialog.h"
#include "lg-pipeline-view.h"
#include "lg-preferences-window.h"
#include "lg-test-ui.h"
#include "lg-test-util.h"
#include "lg-ui-util.h"
#include "lg-window.h"

static void
check_views (LgWindow *window)
{
  static const char *views[] = { "find", "pipeline", "followups", "insights", "sources" };

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      lg_window_show_view (window, views[i]);
      g_assert_cmpstr (lg_window_get_view (window), ==, views[i]);
    }

  /* Insights hands a source to the pipeline. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.filter-pipeline-source",
                                             "x", (gint64) 1));
  g_assert_cmpstr (lg_window_get_view (window), ==, "pipeline");

  /* The keyboard shortcut action switches too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "find"));
  g_assert_cmpstr (lg_window_get_view (window), ==, "find");
}

static void
check_templates (LgApplication *app,
                 LgWindow      *window)
{
  g_autoptr(GtkBuilder) builder = NULL;
  LgPreferencesWindow *preferences;
  GObject *overlay;

  preferences = lg_preferences_window_new (lg_application_get_settings (app),
                                           lg_application_get_db_path (app));
  g_assert_true (LG_IS_PREFERENCES_WINDOW (preferences));
  gtk_window_destroy (GTK_WINDOW (preferences));

  builder = gtk_builder_new_from_resource ("/org/leadgram/Desktop/gtk/help-overlay.ui");
  overlay = gtk_builder_get_object (builder, "help_overlay");
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));

  /* The application's own help overlay is wired to the window. */
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
}

/* The first widget of type under root, with that id from its .ui or that
 * widget name when id is given. */
static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *id)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (id == NULL || g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (root)), id) == 0 ||
       g_strcmp0 (gtk_widget_get_name (root), id) == 0))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
cold_totals (LgPipelineView *view)
{
  /* At least one main loop turn, so that a reload can start. */
  for (int i = 0; i < 5; i++)
    g_main_context_iteration (NULL, FALSE);
  while (lg_pipeline_view_get_loading (view))
    g_main_context_iteration (NULL, TRUE);
  return gtk_label_get_label (GTK_LABEL (find_widget (GTK_WIDGET (view), GTK_TYPE_LABEL,
                                                      "cold-totals")));
}

/* A win probability changed in Preferences changes the Cold column's
 * weighted total on the board. */
static void
check_probability (LgApplication *app,
                   LgWindow      *window)
{
  LgStore *store = lg_application_get_store (app);
  LgPipelineView *view = LG_PIPELINE_VIEW (find_widget (GTK_WIDGET (window),
                                                        LG_TYPE_PIPELINE_VIEW, NULL));
  g_autoptr(LgLead) lead = lg_lead_new ();
  g_autoptr(GError) error = NULL;
  LgPreferencesWindow *preferences;
  GtkWidget *spin;

  lg_lead_set_name (lead, "Olga");
  lg_lead_set_value (lead, 100000);
  g_assert_true (lg_store_add_lead (store, lead, &error));
  g_assert_no_error (error);
  lg_store_notify_changed (store, LG_STORE_CHANGED_LEADS);
  g_assert_cmpstr (cold_totals (view), ==, "$1,000 · weighted $100");

  preferences = lg_preferences_window_new (lg_application_get_settings (app),
                                           lg_application_get_db_path (app));
  spin = find_widget (GTK_WIDGET (preferences), GTK_TYPE_SPIN_BUTTON, "probability_cold_spin");
  g_assert_nonnull (spin);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 10);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 25);
  g_assert_cmpuint (g_settings_get_uint (lg_application_get_settings (app), "probability-cold"),
                    ==, 25);
  g_assert_cmpstr (cold_totals (view), ==, "$1,000 · weighted $250");
  gtk_window_destroy (GTK_WINDOW (preferences));
}

/* The cost dialog knows nothing of LgWindow: its toast reaches the window it
 * was opened from through that window's win.toast action. */
static void
check_dialog_toast (LgApplication *app,
                    LgWindow      *window)
{
  LgStore *store = lg_application_get_store (app);
  g_autoptr(LgSource) source = lg_test_add_source (store, "ads_channel");
  g_autoptr(GtkWindow) plain = g_object_ref_sink (GTK_WINDOW (gtk_window_new ()));
  LgCostDialog *dialog;

  g_assert_null (lg_test_find_label (GTK_WIDGET (window), "Cost added"));
  dialog = lg_cost_dialog_new (GTK_WINDOW (window), store, "USD");
  lg_cost_dialog_fill (dialog, 0, 2024, 3, "90");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  lg_test_wait_for_writes (store);
  g_assert_nonnull (lg_test_find_label (GTK_WIDGET (window), "Cost added"));

  /* The window takes the next one (it waits its turn); a window without
   * the action shows nothing, and says so. */
  g_assert_true (lg_window_toast (GTK_WINDOW (window), "Through the action"));
  g_assert_false (lg_window_toast (plain, "Nowhere"));
  g_assert_false (lg_window_toast (NULL, "Nowhere"));
  gtk_window_destroy (plain);
}

static gboolean
shows_error (gpointer row)
{
  return gtk_widget_has_css_class (GTK_WIDGET (row), "error");
}

static void
try_address (GtkWidget  *row,
             const char *address)
{
  gtk_widget_remove_css_class (row, "error");
  gtk_editable_set_text (GTK_EDITABLE (row), address);
  g_signal_emit_by_name (row, "apply");
}

/* Preferences' Workspace group keeps a team workspace's address only once
 * it connects, never with a password in it, and empty means the personal
 * one. */
static void
check_workspace (LgApplication *app)
{
  GSettings *settings = lg_application_get_settings (app);
  LgPreferencesWindow *preferences = lg_preferences_window_new (settings,
                                                                lg_application_get_db_path (app));
  GtkWidget *row = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                              LG_TYPE_PREFERENCES_WINDOW,
                                                              "team_row"));
  GObject *open_now = gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                     LG_TYPE_PREFERENCES_WINDOW, "workspace_row");
  GtkWidget *password = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (preferences),
                                                                   LG_TYPE_PREFERENCES_WINDOW,
                                                                   "password_row"));
  g_autofree char *kept = NULL;

  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (open_now)), ==,
                   lg_application_get_db_path (app));

  try_address (row, "https://example.org/leadgram");
  g_assert_true (shows_error (row));
  try_address (row, "postgresql://team:secret@server/leadgram");
  g_assert_true (shows_error (row));
  /* Nothing listens on port 1: the worker's open fails. */
  try_address (row, "postgresql://team@127.0.0.1:1/leadgram?connect_timeout=5");
  g_assert_false (shows_error (row));
  lg_test_wait_until (shows_error, row);
  kept = g_settings_get_string (settings, "team-workspace");
  g_assert_cmpstr (kept, ==, "");

  /* A password is kept under an address: none, none kept. */
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  try_address (password, "secret");
  g_assert_true (shows_error (password));

  g_settings_set_string (settings, "team-workspace", "postgresql://team@server/leadgram");
  try_address (row, "");
  g_assert_false (shows_error (row));
  g_clear_pointer (&kept, g_free);
  kept = g_settings_get_string (settings, "team-workspace");
  g_assert_cmpstr (kept, ==, "");
  gtk_window_destroy (GTK_WINDOW (preferences));
}

static void
on_activate_cb (LgApplication *app)
{
  LgWindow *window = LG_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));

  g_assert_true (LG_IS_WINDOW (window));
  g_assert_nonnull (lg_application_get_store (app));
  check_views (window);
  check_templates (app, window);
  check_workspace (app);
  check_probability (app, window);
  check_dialog_toast (app, window);

  /* The CSV actions the primary menu offers. */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "import-csv"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "export-leads"));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "import-history"));

  /* The last view is remembered. */
  lg_window_show_view (window, "insights");
  g_assert_cmpstr (g_settings_get_string (lg_application_get_settings (app), "last-view"), ==,
                   "insights");

  g_application_quit (G_APPLICATION (app));
}

static void
test_window (void)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "ui.db", NULL);

  g_assert_cmpint (lg_test_run_app (db, G_CALLBACK (on_activate_cb)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!lg_test_init_gtk ())
    return 77;

  g_test_add_func ("/ui/window", test_window);

  return g_test_run ();
}
