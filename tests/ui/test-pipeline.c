/* test-pipeline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The board under Xvfb, driven through its widgets: create a lead in the New
 * Lead dialog, move it by keyboard and by its menu, watch the column totals,
 * open the detail, edit a field, and see an invalid email refused.
 */

#include "config.h"

#include "lg-application.h"
#include "lg-lead-card.h"
#include "lg-pipeline-view.h"
#include "lg-resources.h"
#include "lg-test-util.h"

static void
wait_loaded (LgPipelineView *view)
{
  /* At least one main loop turn, so that a reload can start. */
  for (int i = 0; i < 5; i++)
    g_main_context_iteration (NULL, FALSE);
  while (lg_pipeline_view_get_loading (view))
    g_main_context_iteration (NULL, TRUE);
}

/* Lets the frame clock lay the lists out. */
static void
run_frames (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static AdwMessageDialog *
find_dialog (const char *name)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && g_strcmp0 (gtk_widget_get_name (window), name) == 0 &&
          gtk_widget_get_visible (window))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static const char *
totals (LgPipelineView *view,
        const char     *stage)
{
  g_autofree char *name = g_strdup_printf ("%s-totals", stage);

  return gtk_label_get_label (GTK_LABEL (find_named (GTK_WIDGET (view), name)));
}

static LgLead *
only_lead (LgPipelineView *view,
           LgStage         stage)
{
  GListModel *column = lg_pipeline_view_get_column (view, stage);
  LgLead *lead;

  g_assert_cmpuint (g_list_model_get_n_items (column), ==, 1);
  lead = g_list_model_get_item (column, 0);
  g_object_unref (lead); /* the column keeps it */
  return lead;
}

static GtkWidget *
focus_card (LgPipelineView *view,
            LgStage         stage)
{
  g_autofree char *name = g_strdup (lg_stage_id (stage));
  GtkWidget *column = find_named (GTK_WIDGET (view), name);
  GtkWidget *card = find_type (column, LG_TYPE_LEAD_CARD);

  g_assert_nonnull (card);
  /* The row around the card takes the focus, as when tabbing. */
  g_assert_true (gtk_widget_grab_focus (gtk_widget_get_parent (card)));
  return card;
}

static void
check_board (LgPipelineView *view,
             LgStore        *store)
{
  AdwMessageDialog *dialog;
  GtkWidget *detail;
  GtkEditable *email;
  GtkEditable *company;
  g_autoptr(LgLead) stored = NULL;
  LgLead *lead;

  wait_loaded (view);
  g_assert_cmpuint (g_list_model_get_n_items (lg_pipeline_view_get_column (view, LG_STAGE_COLD)),
                    ==, 0);

  /* New Lead: refused while the email is invalid, created once it is right. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "pipeline.new-lead", NULL));
  dialog = find_dialog ("new-lead-dialog");
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (find_named (GTK_WIDGET (dialog), "name")), "Maria Lopez");
  gtk_editable_set_text (GTK_EDITABLE (find_named (GTK_WIDGET (dialog), "email")), "maria@");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "create"));
  gtk_editable_set_text (GTK_EDITABLE (find_named (GTK_WIDGET (dialog), "email")),
                         "maria@clinic.example");
  gtk_editable_set_text (GTK_EDITABLE (find_named (GTK_WIDGET (dialog), "value")), "1,500");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "create"));
  adw_message_dialog_response (dialog, "create");
  wait_loaded (view);

  lead = only_lead (view, LG_STAGE_COLD);
  g_assert_cmpstr (lg_lead_get_name (lead), ==, "Maria Lopez");
  g_assert_cmpstr (totals (view, "cold"), ==, "$1500 · weighted $150");
  g_assert_cmpstr (totals (view, "warm"), ==, "$0 · weighted $0");
  run_frames (100);

  /* By keyboard: Alt+Right on the focused card moves it to Warm. */
  focus_card (view, LG_STAGE_COLD);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "pipeline.move-next", NULL));
  wait_loaded (view);
  lead = only_lead (view, LG_STAGE_WARM);
  g_assert_cmpstr (lg_lead_get_name (lead), ==, "Maria Lopez");
  g_assert_cmpstr (totals (view, "cold"), ==, "$0 · weighted $0");
  g_assert_cmpstr (totals (view, "warm"), ==, "$1500 · weighted $450");
  run_frames (100);

  /* By the card's Move to… menu: Lost asks why. */
  g_assert_true (gtk_widget_activate_action (focus_card (view, LG_STAGE_WARM), "card.move-to", "s",
                                             "lost"));
  dialog = find_dialog ("lost-dialog");
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)),
                         "Chose a cheaper tool");
  adw_message_dialog_response (dialog, "lost");
  wait_loaded (view);
  lead = only_lead (view, LG_STAGE_LOST);
  g_assert_cmpstr (lg_lead_get_lost_reason (lead), ==, "Chose a cheaper tool");
  g_assert_cmpstr (totals (view, "warm"), ==, "$0 · weighted $0");
  g_assert_cmpstr (totals (view, "lost"), ==, "$1500");

  /* Reopened to Hot, then Won confirms the value, which may change. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "pipeline.move-lead", "(xs)",
                                             lg_lead_get_id (lead), "hot"));
  wait_loaded (view);
  g_assert_cmpstr (totals (view, "hot"), ==, "$1500 · weighted $900");
  lead = only_lead (view, LG_STAGE_HOT);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "pipeline.move-lead", "(xs)",
                                             lg_lead_get_id (lead), "won"));
  dialog = find_dialog ("won-dialog");
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "2000");
  adw_message_dialog_response (dialog, "won");
  wait_loaded (view);
  lead = only_lead (view, LG_STAGE_WON);
  g_assert_cmpstr (totals (view, "won"), ==, "$2000");

  /* The detail: edit the company, then try an invalid email. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "pipeline.open-lead", "x",
                                             lg_lead_get_id (lead)));
  detail = find_type (GTK_WIDGET (view), g_type_from_name ("LgLeadDetail"));
  g_assert_true (gtk_widget_get_visible (detail));
  company = GTK_EDITABLE (find_named (detail, "company_row"));
  gtk_editable_set_text (company, "Lopez Dental");
  g_signal_emit_by_name (company, "entry-activated");
  stored = lg_store_get_lead (store, lg_lead_get_id (lead), NULL);
  g_assert_cmpstr (lg_lead_get_company (stored), ==, "Lopez Dental");
  g_clear_object (&stored);

  email = GTK_EDITABLE (find_named (detail, "email_row"));
  g_assert_cmpstr (gtk_editable_get_text (email), ==, "maria@clinic.example");
  gtk_editable_set_text (email, "maria at clinic");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (email), "error"));
  g_assert_true (gtk_widget_get_visible (find_named (detail, "error_label")));
  g_signal_emit_by_name (email, "entry-activated");
  stored = lg_store_get_lead (store, lg_lead_get_id (lead), NULL);
  g_assert_cmpstr (lg_lead_get_email (stored), ==, "maria@clinic.example");

  /* Delete, then Undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "pipeline.delete-lead", "x",
                                             lg_lead_get_id (lead)));
  wait_loaded (view);
  g_assert_cmpuint (g_list_model_get_n_items (lg_pipeline_view_get_column (view, LG_STAGE_WON)),
                    ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "pipeline.undo-delete", NULL));
  wait_loaded (view);
  lead = only_lead (view, LG_STAGE_WON);
  g_assert_cmpstr (lg_lead_get_company (lead), ==, "Lopez Dental");
}

static void
test_board (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  LgPipelineView *view = lg_pipeline_view_new ();

  /* The detail's rows are found by name in the test. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 800);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (view));
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  gtk_window_present (GTK_WINDOW (window));
  lg_pipeline_view_set_store (view, store);

  check_board (view, store);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  /* Money in the C locale's digits, whatever the desktop's language. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_printerr ("No display: UI tests need one (run them under xvfb-run).\n");
      return 77;
    }
  adw_init ();
  lg_register_resource ();

  g_test_add_func ("/ui/pipeline/board", test_board);

  return g_test_run ();
}
