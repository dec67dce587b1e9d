/* test-pipeline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The board under Xvfb, driven through its widgets: create a lead in the New
 * Lead dialog, move it by keyboard and by its menu, watch the column totals,
 * open the detail, edit a field, and see an invalid email refused. Moves
 * and edits change the board in place, and Alt+arrows are bound to them.
 */

#include "config.h"

#include <string.h>

#include "lg-application.h"
#include "lg-lead-card.h"
#include "lg-lead-detail.h"
#include "lg-lead-export.h"
#include "lg-lead-import.h"
#include "lg-pipeline-view.h"
#include "lg-resources.h"
#include "lg-search.h"
#include "lg-store-private.h"
#include "lg-test-ui.h"
#include "lg-test-util.h"

/* Waits for the board's writes (made off the main thread) to land, then for
 * the reload they start. */
static void
wait_loaded (LgPipelineView *view,
             LgStore        *store)
{
  lg_test_wait_for_writes (store);
  /* At least one main loop turn, so that a reload can start. */
  for (int i = 0; i < 5; i++)
    g_main_context_iteration (NULL, FALSE);
  while (lg_pipeline_view_get_loading (view))
    g_main_context_iteration (NULL, TRUE);
}

/* The detail reads its lead on a worker, busy meanwhile. */
static void
wait_detail (GtkWidget *detail)
{
  g_assert_true (lg_lead_detail_get_busy (LG_LEAD_DETAIL (detail)));
  while (lg_lead_detail_get_busy (LG_LEAD_DETAIL (detail)))
    g_main_context_iteration (NULL, TRUE);
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

static gboolean
board_loading (gpointer view)
{
  return lg_pipeline_view_get_loading (view);
}

static const char *
totals (LgPipelineView *view,
        const char     *stage)
{
  g_autofree char *name = g_strdup_printf ("%s-totals", stage);

  return gtk_label_get_label (GTK_LABEL (lg_test_find_named (GTK_WIDGET (view), name)));
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
  GtkWidget *column = lg_test_find_named (GTK_WIDGET (view), name);
  GtkWidget *card = lg_test_find_type (column, LG_TYPE_LEAD_CARD);

  g_assert_nonnull (card);
  /* The row around the card takes the focus, as when tabbing. */
  g_assert_true (gtk_widget_grab_focus (gtk_widget_get_parent (card)));
  return card;
}

static gboolean
notes_saved (gpointer user_data)
{
  const char * const *expected = user_data;
  LgStore *store = (LgStore *) expected[0];
  g_autoptr(LgLead) lead = lg_store_get_lead (store, g_ascii_strtoll (expected[1], NULL, 10), NULL);

  return g_strcmp0 (lg_lead_get_notes (lead), expected[2]) == 0;
}

/* Types text into the detail's notes and waits for the pause that saves it. */
static void
type_notes (GtkWidget  *detail,
            LgStore    *store,
            gint64      id,
            const char *text)
{
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  const char *expected[] = { (const char *) store, id_text, text };
  GtkTextView *notes = GTK_TEXT_VIEW (lg_test_find_type (detail, GTK_TYPE_TEXT_VIEW));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (notes), text, -1);
  /* Not at each key: once typing pauses. */
  g_assert_false (notes_saved (expected));
  lg_test_wait_until (notes_saved, expected);
  lg_test_wait_for_writes (store);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (lg_test_find_named (detail, "notes_state"))),
                   ==, "Saved");
}

static void
check_board (LgPipelineView *view,
             LgStore        *store)
{
  AdwMessageDialog *dialog;
  GtkWidget *detail;
  GtkWidget *card;
  GtkWidget *currency;
  GtkEditable *email;
  GtkEditable *company;
  g_autoptr(LgLead) stored = NULL;
  LgLead *lead;
  gint64 id;

  wait_loaded (view, store);
  g_assert_cmpuint (g_list_model_get_n_items (lg_pipeline_view_get_column (view, LG_STAGE_COLD)),
                    ==, 0);

  /* New Lead: refused while the email is invalid, created once it is right. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "pipeline.new-lead", NULL));
  dialog = find_dialog ("new-lead-dialog");
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (lg_test_find_named (GTK_WIDGET (dialog), "name")),
                         "Maria Lopez");
  gtk_editable_set_text (GTK_EDITABLE (lg_test_find_named (GTK_WIDGET (dialog), "email")),
                         "maria@");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "create"));
  gtk_editable_set_text (GTK_EDITABLE (lg_test_find_named (GTK_WIDGET (dialog), "email")),
                         "maria@clinic.example");
  gtk_editable_set_text (GTK_EDITABLE (lg_test_find_named (GTK_WIDGET (dialog), "value")),
                         "1,500");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "create"));
  adw_message_dialog_response (dialog, "create");
  wait_loaded (view, store);

  lead = only_lead (view, LG_STAGE_COLD);
  g_assert_cmpstr (lg_lead_get_name (lead), ==, "Maria Lopez");
  g_assert_cmpstr (totals (view, "cold"), ==, "$1,500 · weighted $150");
  g_assert_cmpstr (totals (view, "warm"), ==, "$0 · weighted $0");
  lg_test_run_frames (100);

  /* By keyboard: Alt+Right on the focused card moves it to Warm. */
  focus_card (view, LG_STAGE_COLD);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "pipeline.move-next", NULL));
  wait_loaded (view, store);
  lead = only_lead (view, LG_STAGE_WARM);
  g_assert_cmpstr (lg_lead_get_name (lead), ==, "Maria Lopez");
  g_assert_cmpstr (totals (view, "cold"), ==, "$0 · weighted $0");
  g_assert_cmpstr (totals (view, "warm"), ==, "$1,500 · weighted $450");
  lg_test_run_frames (100);

  /* By the card's Move to… menu: Lost asks why. */
  g_assert_true (gtk_widget_activate_action (focus_card (view, LG_STAGE_WARM), "card.move-to", "s",
                                             "lost"));
  dialog = find_dialog ("lost-dialog");
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)),
                         "Chose a cheaper tool");
  adw_message_dialog_response (dialog, "lost");
  wait_loaded (view, store);
  lead = only_lead (view, LG_STAGE_LOST);
  g_assert_cmpstr (lg_lead_get_lost_reason (lead), ==, "Chose a cheaper tool");
  g_assert_cmpstr (totals (view, "warm"), ==, "$0 · weighted $0");
  g_assert_cmpstr (totals (view, "lost"), ==, "$1,500");

  /* Reopened to Hot, then Won confirms the value, which may change. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "pipeline.move-lead", "(xs)",
                                             lg_lead_get_id (lead), "hot"));
  wait_loaded (view, store);
  g_assert_cmpstr (totals (view, "hot"), ==, "$1,500 · weighted $900");
  lead = only_lead (view, LG_STAGE_HOT);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "pipeline.move-lead", "(xs)",
                                             lg_lead_get_id (lead), "won"));
  dialog = find_dialog ("won-dialog");
  g_assert_nonnull (dialog);
  /* The value is asked for in the lead's currency, and says which. */
  currency = lg_test_find_named (GTK_WIDGET (dialog), "won-currency");
  g_assert_true (GTK_IS_LABEL (currency));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (currency)), ==, "USD");
  g_assert_true (gtk_widget_get_visible (currency));
  gtk_editable_set_text (GTK_EDITABLE (lg_test_find_named (GTK_WIDGET (dialog), "won-value")),
                         "2000");
  adw_message_dialog_response (dialog, "won");
  wait_loaded (view, store);
  lead = only_lead (view, LG_STAGE_WON);
  g_assert_cmpstr (totals (view, "won"), ==, "$2,000");

  /* Cards' leads are replaced when they change: keep the id. */
  id = lg_lead_get_id (lead);

  /* The detail: edit the company, then try an invalid email. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "pipeline.open-lead", "x",
                                             id));
  detail = lg_test_find_type (GTK_WIDGET (view), LG_TYPE_LEAD_DETAIL);
  g_assert_true (gtk_widget_get_visible (detail));
  wait_detail (detail);
  lg_test_run_frames (200);
  /* Its card shows that it is the one open; one click opens a card. */
  card = lg_test_find_type (lg_test_find_named (GTK_WIDGET (view), "won"), LG_TYPE_LEAD_CARD);
  g_assert_true (gtk_widget_has_css_class (card, "open"));
  g_assert_true (gtk_grid_view_get_single_click_activate (
                   GTK_GRID_VIEW (gtk_widget_get_ancestor (card, GTK_TYPE_GRID_VIEW))));
  company = GTK_EDITABLE (lg_test_find_named (detail, "company_row"));
  gtk_editable_set_text (company, "Lopez Dental");
  g_signal_emit_by_name (company, "entry-activated");
  lg_test_wait_for_writes (store);
  stored = lg_store_get_lead (store, id, NULL);
  g_assert_cmpstr (lg_lead_get_company (stored), ==, "Lopez Dental");
  g_clear_object (&stored);
  /* The card shows it at once; the detail reads the lead again. */
  g_assert_cmpstr (lg_lead_get_company (only_lead (view, LG_STAGE_WON)), ==, "Lopez Dental");
  wait_detail (detail);

  email = GTK_EDITABLE (lg_test_find_named (detail, "email_row"));
  g_assert_cmpstr (gtk_editable_get_text (email), ==, "maria@clinic.example");
  gtk_editable_set_text (email, "maria at clinic");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (email), "error"));
  g_assert_true (gtk_widget_get_visible (lg_test_find_named (detail, "error_label")));
  g_signal_emit_by_name (email, "entry-activated");
  stored = lg_store_get_lead (store, id, NULL);
  g_assert_cmpstr (lg_lead_get_email (stored), ==, "maria@clinic.example");

  /* Notes save as they are typed, one timeline entry for one sitting. */
  type_notes (detail, store, id, "Call after 5 pm");
  wait_detail (detail);
  type_notes (detail, store, id, "Call after 5 pm, never on Mondays");
  g_assert_cmpint (lg_test_query_int (store, "SELECT count (*) FROM activities WHERE kind = 'note'"),
                   ==, 1);

  /* Delete from the detail's menu, then Undo. */
  g_assert_true (gtk_widget_activate_action (detail, "detail.delete", NULL));
  lg_test_wait_for_writes (store);
  g_assert_cmpint (lg_pipeline_view_get_open_lead (view), ==, 0);
  wait_loaded (view, store);
  g_assert_cmpuint (g_list_model_get_n_items (lg_pipeline_view_get_column (view, LG_STAGE_WON)),
                    ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "pipeline.undo-delete", NULL));
  wait_loaded (view, store);
  lead = only_lead (view, LG_STAGE_WON);
  g_assert_cmpstr (lg_lead_get_company (lead), ==, "Lopez Dental");
}

/* What pressing keyval with modifiers on the view runs: the shortcut its
 * class installed (gtk_widget_class_add_binding_action). */
static GtkShortcutAction *
find_shortcut_action (GtkWidget       *widget,
                      guint            keyval,
                      GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
            return gtk_shortcut_get_action (shortcut); /* the class keeps it */
        }
    }
  return NULL;
}

/* Presses the key through its shortcut, checking first that it is bound
 * to action_name. */
static void
press_shortcut (LgPipelineView  *view,
                guint            keyval,
                GdkModifierType  modifiers,
                const char      *action_name)
{
  GtkShortcutAction *action = find_shortcut_action (GTK_WIDGET (view), keyval, modifiers);

  g_assert_nonnull (action);
  g_assert_true (GTK_IS_NAMED_ACTION (action));
  g_assert_cmpstr (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), ==, action_name);
  g_assert_true (gtk_shortcut_action_activate (action, GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                               GTK_WIDGET (view), NULL));
}

static gint64
add_lead (LgStore    *store,
          const char *name,
          const char *stage,
          gint64      value)
{
  g_autoptr(LgLead) lead = lg_lead_new ();
  g_autoptr(GError) error = NULL;

  lg_lead_set_name (lead, name);
  lg_lead_set_stage (lead, stage);
  lg_lead_set_value (lead, value);
  g_assert_true (lg_store_add_lead (store, lead, &error));
  g_assert_no_error (error);
  return lg_lead_get_id (lead);
}

static const char *
name_at (LgPipelineView *view,
         LgStage         stage,
         guint           position)
{
  g_autoptr(LgLead) lead = g_list_model_get_item (lg_pipeline_view_get_column (view, stage),
                                                  position);

  return lead != NULL ? lg_lead_get_name (lead) : NULL; /* the column keeps it */
}

static void
test_keyboard_in_place (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  GtkWidget *window = gtk_window_new ();
  LgPipelineView *view = lg_pipeline_view_new ();
  g_autoptr(LgLead) untouched = NULL;
  g_autoptr(LgSource) source = NULL;
  GListModel *warm;

  add_lead (store, "Ana", "cold", 10000);
  add_lead (store, "Boris", "cold", 20000);
  add_lead (store, "Chen", "warm", 40000);
  add_lead (store, "Dara", "warm", 80000);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 800);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  lg_pipeline_view_set_store (view, store);
  wait_loaded (view, store);
  lg_test_run_frames (100);
  warm = lg_pipeline_view_get_column (view, LG_STAGE_WARM);
  untouched = g_list_model_get_item (warm, 0);

  /* Alt+Right: Ana goes to the end of Warm as soon as the move lands,
   * without reading the board again (Chen's card keeps its object). */
  focus_card (view, LG_STAGE_COLD);
  press_shortcut (view, GDK_KEY_Right, GDK_ALT_MASK, "pipeline.move-next");
  lg_test_wait_for_writes (store);
  g_assert_false (lg_pipeline_view_get_loading (view));
  g_assert_cmpuint (g_list_model_get_n_items (warm), ==, 3);
  g_assert_cmpstr (name_at (view, LG_STAGE_WARM, 2), ==, "Ana");
  g_assert_cmpstr (name_at (view, LG_STAGE_COLD, 0), ==, "Boris");
  g_assert_true (g_list_model_get_item (warm, 0) == untouched);
  g_object_unref (untouched);
  g_assert_cmpstr (totals (view, "cold"), ==, "$200 · weighted $20");
  g_assert_cmpstr (totals (view, "warm"), ==, "$1,300 · weighted $390");

  /* Alt+Up: Ana, still focused, goes above Dara. */
  lg_test_run_frames (100);
  press_shortcut (view, GDK_KEY_Up, GDK_ALT_MASK, "pipeline.move-up");
  lg_test_wait_for_writes (store);
  g_assert_cmpstr (name_at (view, LG_STAGE_WARM, 1), ==, "Ana");
  g_assert_cmpstr (name_at (view, LG_STAGE_WARM, 2), ==, "Dara");

  /* Alt+Left: back to the end of Cold. */
  lg_test_run_frames (100);
  press_shortcut (view, GDK_KEY_Left, GDK_ALT_MASK, "pipeline.move-previous");
  lg_test_wait_for_writes (store);
  g_assert_cmpstr (name_at (view, LG_STAGE_COLD, 1), ==, "Ana");
  g_assert_cmpstr (totals (view, "cold"), ==, "$300 · weighted $30");
  g_assert_cmpstr (totals (view, "warm"), ==, "$1,200 · weighted $360");

  /* The board read afresh (a change from elsewhere) agrees. */
  lg_store_notify_changed (store, LG_STORE_CHANGED_LEADS);
  g_assert_true (lg_pipeline_view_get_loading (view));
  wait_loaded (view, store);
  g_assert_cmpstr (name_at (view, LG_STAGE_COLD, 1), ==, "Ana");
  g_assert_cmpstr (name_at (view, LG_STAGE_WARM, 0), ==, "Chen");
  g_assert_cmpstr (name_at (view, LG_STAGE_WARM, 1), ==, "Dara");
  g_assert_cmpstr (totals (view, "cold"), ==, "$300 · weighted $30");

  /* A sync changes a source's counts, not the board: it is not read again
   * (Sync All over hundreds of feeds would reload it after every batch);
   * a new source's name is in the filter, and the board is read. */
  lg_store_notify_changed (store, LG_STORE_CHANGED_SOURCES);
  lg_test_run_frames (300); /* the sources are read on a worker */
  g_assert_false (lg_pipeline_view_get_loading (view));
  source = lg_test_add_source (store, "new_channel");
  lg_store_notify_changed (store, LG_STORE_CHANGED_SOURCES);
  lg_test_wait_until (board_loading, view);
  wait_loaded (view, store);
  g_assert_cmpstr (name_at (view, LG_STAGE_COLD, 1), ==, "Ana");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A column of several currencies sums each apart, one line each, none cut;
 * a currency whose leads have no value adds no "£0". */
static void
test_mixed_currencies (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  LgPipelineView *view = lg_pipeline_view_new ();
  const struct
  {
    const char *stage;
    const char *currency;
    gint64      value;
  } leads[] = {
    { "cold", "EUR", 10000 }, { "cold", "USD", 20000 }, { "cold", "EUR", 30000 },
    { "cold", "GBP", 0 }, { "won", "RUB", 249000000 }, { "won", "EUR", 790000 },
  };
  GtkLabel *won;

  for (guint i = 0; i < G_N_ELEMENTS (leads); i++)
    {
      g_autoptr(LgLead) lead = lg_lead_new ();

      lg_lead_set_name (lead, leads[i].currency);
      lg_lead_set_stage (lead, leads[i].stage);
      lg_lead_set_value (lead, leads[i].value);
      lg_lead_set_currency (lead, leads[i].currency);
      g_assert_true (lg_store_add_lead (store, lead, &error));
      g_assert_no_error (error);
    }
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  lg_pipeline_view_set_store (view, store);
  wait_loaded (view, store);

  /* €100 + €300, $200; Cold counts 10 %. */
  g_assert_cmpstr (totals (view, "cold"), ==, "€400 · weighted €40\n$200 · weighted $20");
  /* Won has no weighted value; the amounts are whole, grouped. */
  g_assert_cmpstr (totals (view, "won"), ==, "₽2,490,000\n€7,900");
  won = GTK_LABEL (lg_test_find_named (GTK_WIDGET (view), "won-totals"));
  g_assert_cmpint (gtk_label_get_ellipsize (won), ==, PANGO_ELLIPSIZE_NONE);
  g_assert_true (gtk_label_get_wrap (won));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The filter bar's entry (the detail has entries of its own). */
static GtkEditable *
find_filter_entry (GtkWidget *root)
{
  g_autofree char *placeholder = NULL;

  if (GTK_IS_SEARCH_ENTRY (root))
    {
      g_object_get (root, "placeholder-text", &placeholder, NULL);
      if (g_str_has_prefix (placeholder, "Filter by"))
        return GTK_EDITABLE (root);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkEditable *found = find_filter_entry (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* "Export Leads" from the board writes what the filter bar selects. */
static void
test_export_filtered (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "filtered.csv", NULL);
  g_autofree char *text = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  LgPipelineView *view = lg_pipeline_view_new ();
  LgLeadFilter filter;
  LgPipelineRules rules;
  GtkEditable *entry;
  guint n_written = 0;

  add_lead (store, "Ana Kovacs", "cold", 10000);
  add_lead (store, "Boris Petrov", "warm", 20000);
  add_lead (store, "Анна Смирнова", "hot", 30000);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  lg_pipeline_view_set_store (view, store);
  wait_loaded (view, store);

  g_assert_false (lg_pipeline_view_get_filter (view, &filter, &text, &rules));
  g_clear_pointer (&text, g_free);

  entry = find_filter_entry (GTK_WIDGET (view));
  g_assert_nonnull (entry);
  gtk_editable_set_text (entry, "АННА");
  wait_loaded (view, store);
  g_assert_true (lg_pipeline_view_get_filter (view, &filter, &text, &rules));
  g_assert_cmpstr (filter.text, ==, "АННА");

  g_assert_true (lg_lead_export_filtered (store, &filter, &rules, g_get_real_time () / G_USEC_PER_SEC,
                                          path, FALSE, &n_written, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_written, ==, 1);
  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  g_assert_nonnull (strstr (csv, "Анна Смирнова"));
  g_assert_null (strstr (csv, "Boris"));

  gtk_window_destroy (GTK_WINDOW (window));
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

static gboolean
has_label (GtkWidget  *root,
           const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

/* The qualification filter's list, as its popover shows it: each name with
 * what it means, "Any Qualification" alone. */
static void
test_qualification_meanings (void)
{
  LgPipelineView *view = lg_pipeline_view_new ();
  GtkWidget *window = gtk_window_new ();
  GtkDropDown *dropdown = NULL;
  GtkWidget *list;

  g_object_ref_sink (view);
  for (GtkWidget *found = lg_test_find_type (GTK_WIDGET (view), GTK_TYPE_DROP_DOWN);
       found != NULL && dropdown == NULL;
       found = gtk_widget_get_next_sibling (found))
    if (GTK_IS_DROP_DOWN (found) && gtk_drop_down_get_list_factory (GTK_DROP_DOWN (found)))
      dropdown = GTK_DROP_DOWN (found);
  g_assert_nonnull (dropdown);

  list = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (
                              g_object_ref (gtk_drop_down_get_model (dropdown)))),
                            g_object_ref (gtk_drop_down_get_list_factory (dropdown)));
  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_window_present (GTK_WINDOW (window));
  lg_test_run_frames (200);

  g_assert_true (has_label (list, "MQL"));
  g_assert_true (has_label (list, "Marketing-qualified: showed interest (asked, replied, signed "
                                  "up), not yet checked by sales"));
  g_assert_true (has_label (list, "Sales-qualified: sales has talked to them and confirmed the "
                                  "need, the budget and who decides"));
  g_assert_true (has_label (list, "Product-qualified: already uses your product, on a trial or a "
                                  "free plan, and gets value from it"));
  g_assert_true (has_label (list, "Not judged yet, or not a fit"));
  g_assert_true (has_label (list, "Any Qualification"));
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (view);
}

static GtkLabel *
label_starting (GtkWidget  *root,
                const char *prefix)
{
  if (GTK_IS_LABEL (root) && g_str_has_prefix (gtk_label_get_label (GTK_LABEL (root)), prefix))
    return GTK_LABEL (root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = label_starting (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A card says when its next step is as every view says a moment: how far
 * ahead or ago, then the local day: "Next step in 3 days (10 Dec)". */
static void
check_card_due (GDateTime  *due,
                const char *expected_start,
                const char *relative)
{
  g_autoptr(LgLead) lead = lg_lead_new ();
  g_autofree char *day = g_date_time_format (due, "%-d %b");
  g_autofree char *expected = g_strdup_printf ("%s %s (%s)", expected_start, relative, day);
  LgLeadCard *card = lg_lead_card_new ();
  GtkLabel *label;

  g_object_ref_sink (card);
  lg_lead_set_name (lead, "Dana");
  lg_lead_set_stage (lead, "warm");
  lg_lead_set_next_followup_at (lead, g_date_time_to_unix (due));
  lg_lead_card_set_lead (card, lead);

  label = label_starting (GTK_WIDGET (card), expected_start);
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_label (label), ==, expected);
  g_object_unref (card);
}

static void
test_card_next_step (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) noon = g_date_time_new_local (g_date_time_get_year (now),
                                                     g_date_time_get_month (now),
                                                     g_date_time_get_day_of_month (now),
                                                     12, 0, 0);
  g_autoptr(GDateTime) ahead = g_date_time_add_days (noon, 3);
  g_autoptr(GDateTime) missed = g_date_time_add_days (noon, -2);

  check_card_due (ahead, "Next step", "in 3 days");
  check_card_due (missed, "Was due", "2 days ago");
}

/* Collects the titles and subtitles of the action rows below @widget. */
static void
collect_rows (GtkWidget *widget,
              GString   *out)
{
  if (GTK_IS_LABEL (widget) && g_str_has_suffix (gtk_label_get_label (GTK_LABEL (widget)), "%"))
    g_string_append_printf (out, "label %s\n", gtk_label_get_label (GTK_LABEL (widget)));
  if (ADW_IS_ACTION_ROW (widget))
    g_string_append_printf (out, "%s = %s\n",
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)),
                            adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, out);
}

/* The lead found by a search shows why it scored as the result did: a
 * starting point and each signal with its points, in words, not the stored
 * JSON; and no win probability before there is history to learn it from. */
static void
test_detail_breakdown (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgSource) source = lg_test_add_source (store, "dental_owners");
  g_autoptr(LgMessage) message = lg_message_new ();
  g_autoptr(LgSearchSpec) spec = lg_search_spec_new ("CRM for dental clinics");
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) rows = g_string_new (NULL);
  GtkWidget *detail = GTK_WIDGET (lg_lead_detail_new ());
  GtkWidget *window = gtk_window_new ();
  LgSearchResult *result;

  lg_message_set_source_id (message, lg_source_get_id (source));
  lg_message_set_external_id (message, "1");
  lg_message_set_author_name (message, "Chris Baker");
  lg_message_set_sent_at (message, g_get_real_time () / G_USEC_PER_SEC - 86400);
  lg_message_set_text (message, "Can anyone recommend a CRM for our dental clinic?");
  g_assert_true (lg_store_add_message (store, message, NULL, &error));
  g_assert_true (lg_search_save (store, spec, &error));
  results = lg_search_run (store, spec, NULL, g_get_real_time () / G_USEC_PER_SEC, NULL, NULL,
                           NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 1);
  result = g_ptr_array_index (results, 0);
  g_assert_true (lg_search_add_to_pipeline (store, spec, result, &error));
  g_assert_no_error (error);

  gtk_window_set_child (GTK_WINDOW (window), detail);
  gtk_window_present (GTK_WINDOW (window));
  lg_lead_detail_set_store (LG_LEAD_DETAIL (detail), store);
  lg_lead_detail_show_lead (LG_LEAD_DETAIL (detail), lg_search_result_get_lead_id (result));
  wait_detail (detail);

  collect_rows (detail, rows);
  g_test_message ("%s", rows->str);
  g_assert_nonnull (strstr (rows->str, "Lead score when found = "));
  g_assert_nonnull (strstr (rows->str, "Starting point = "));
  g_assert_nonnull (strstr (rows->str, "Wants to buy = +"));
  g_assert_nonnull (strstr (rows->str, "About your offer = +"));
  g_assert_nonnull (strstr (rows->str, "Age = "));
  g_assert_null (strstr (rows->str, "intent"));
  g_assert_null (strstr (rows->str, "{"));
  /* No win probability figure before the model has enough closed leads. */
  g_assert_nonnull (strstr (rows->str, "Win probability = Not enough history yet"));
  g_assert_null (strstr (rows->str, "label "));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* An ad platform's lead id is a read-only row of the detail, in words
 * ("Meta lead ID"); a lead typed by hand has no such row. */
static void
test_detail_external_id (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgLead) typed = lg_test_add_lead (store, "Typed by hand", "cold");
  g_autofree char *path = g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "fixtures",
                                            "lead-forms", "meta-leads.csv", NULL);
  g_autoptr(LgCsvMapping) mapping = lg_test_guess_csv_mapping (path);
  g_autoptr(LgLeadImport) import = lg_lead_import_new (lg_store_get_path (store), path, mapping);
  g_autoptr(GError) error = NULL;
  GtkWidget *detail = GTK_WIDGET (lg_lead_detail_new ());
  GtkWidget *window = gtk_window_new ();
  GtkWidget *row;

  g_assert_true (lg_lead_import_run (import, NULL, &error));
  g_assert_no_error (error);
  gtk_window_set_child (GTK_WINDOW (window), detail);
  gtk_window_present (GTK_WINDOW (window));
  lg_lead_detail_set_store (LG_LEAD_DETAIL (detail), store);

  lg_lead_detail_show_lead (LG_LEAD_DETAIL (detail),
                            lg_test_query_int (store, "SELECT id FROM leads WHERE "
                                               "name = 'Maria Lopez'"));
  wait_detail (detail);
  row = lg_test_find_named (detail, "external_id_row");
  g_assert_true (gtk_widget_get_visible (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Meta lead ID");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "l:1029384756102938");

  lg_lead_detail_show_lead (LG_LEAD_DETAIL (detail), lg_lead_get_id (typed));
  wait_detail (detail);
  g_assert_false (gtk_widget_get_visible (row));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Someone changes the company while the person is typing a new one: the
 * pane reads the lead again (the store's "changed", as a colleague's write
 * brings it) and keeps their text, and their Enter is refused with the
 * colleague's value rather than replacing it unseen. */
static void
test_detail_edit_meets_colleague (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgLead) lead = lg_test_add_lead (store, "Leo Martins", "warm");
  g_autoptr(LgLead) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  GtkWidget *detail = GTK_WIDGET (lg_lead_detail_new ());
  GtkWidget *window = gtk_window_new ();
  GtkEditable *company;
  GtkWidget *error_label;

  gtk_window_set_child (GTK_WINDOW (window), detail);
  gtk_window_present (GTK_WINDOW (window));
  lg_lead_detail_set_store (LG_LEAD_DETAIL (detail), store);
  lg_lead_detail_show_lead (LG_LEAD_DETAIL (detail), lg_lead_get_id (lead));
  wait_detail (detail);

  company = GTK_EDITABLE (lg_test_find_named (detail, "company_row"));
  gtk_editable_set_text (company, "Martins Smile Clinic");
  sql = g_strdup_printf ("UPDATE leads SET company = 'Martins Dental North' WHERE id = %"
                         G_GINT64_FORMAT, lg_lead_get_id (lead));
  g_assert_true (lg_store_exec (store, sql, &error));
  lg_store_notify_changed (store, LG_STORE_CHANGED_LEADS);
  wait_detail (detail);
  g_assert_cmpstr (gtk_editable_get_text (company), ==, "Martins Smile Clinic");

  g_signal_emit_by_name (company, "entry-activated");
  lg_test_wait_for_writes (store);
  wait_detail (detail);
  stored = lg_store_get_lead (store, lg_lead_get_id (lead), &error);
  g_assert_cmpstr (lg_lead_get_company (stored), ==, "Martins Dental North");
  g_assert_cmpstr (gtk_editable_get_text (company), ==, "Martins Dental North");
  error_label = lg_test_find_named (detail, "error_label");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "Martins Dental North"));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  /* Money in the C locale's digits, whatever the desktop's language. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  if (!lg_test_init_gtk ())
    return 77;
  adw_init ();
  lg_register_resource ();

  g_test_add_func ("/ui/pipeline/board", test_board);
  g_test_add_func ("/ui/pipeline/qualification-meanings", test_qualification_meanings);
  g_test_add_func ("/ui/pipeline/keyboard-in-place", test_keyboard_in_place);
  g_test_add_func ("/ui/pipeline/export-filtered", test_export_filtered);
  g_test_add_func ("/ui/pipeline/mixed-currencies", test_mixed_currencies);
  g_test_add_func ("/ui/pipeline/card-next-step", test_card_next_step);
  g_test_add_func ("/ui/pipeline/detail-breakdown", test_detail_breakdown);
  g_test_add_func ("/ui/pipeline/detail-external-id", test_detail_external_id);
  g_test_add_func ("/ui/pipeline/detail-edit-meets-colleague", test_detail_edit_meets_colleague);

  return g_test_run ();
}
