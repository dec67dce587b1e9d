/* test-costs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Costs window under Xvfb on the Insights fixture (costs 1–4 as
 * tests/core/test-costs.c lists them; March's cost per lead is $61), next to
 * an Insights view showing March: the rows, the empty state, Remove with
 * Undo and Edit through the cost dialog, each followed by the figures.
 */

#include "config.h"

#include <string.h>

#include "lg-cost-dialog.h"
#include "lg-costs-window.h"
#include "lg-figure-card.h"
#include "lg-insights-view.h"
#include "lg-month-button.h"
#include "lg-resources.h"
#include "lg-test-ui.h"
#include "lg-test-util.h"

typedef struct
{
  LgStore        *store;
  GtkWindow      *window;
  LgInsightsView *view;
  LgCostsWindow  *costs;
  const char     *expected_cpl;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  gint64 ids[3];

  f->store = lg_test_open_store ();
  lg_test_fill_metrics_fixture (f->store, ids);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1200, 900);
  f->view = g_object_new (LG_TYPE_INSIGHTS_VIEW, NULL);
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  gtk_window_present (f->window);
  lg_insights_view_set_store (f->view, f->store);
  lg_insights_view_set_period (f->view, lg_test_utc (2024, 3, 1, 0), lg_test_utc (2024, 4, 1, 0));

  /* What the Insights button does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "insights.show-costs", NULL));
  for (guint i = 0; f->costs == NULL && i < g_list_model_get_n_items (gtk_window_get_toplevels ());
       i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (gtk_window_get_toplevels (), i);

      if (LG_IS_COSTS_WINDOW (window))
        f->costs = LG_COSTS_WINDOW (window);
    }
  g_assert_nonnull (f->costs);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (f->costs)) == f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *window;

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      window = g_list_model_get_item (toplevels, 0);
      gtk_window_destroy (window);
      g_object_unref (window);
    }
  g_clear_object (&f->store);
}

static gboolean
shows_expected_cpl (gpointer data)
{
  Fixture *f = data;
  GObject *card = gtk_widget_get_template_child (GTK_WIDGET (f->view), LG_TYPE_INSIGHTS_VIEW,
                                                 "cpl_card");
  LgMetricsReport *report = lg_insights_view_get_report (f->view);

  return report != NULL && report->from == lg_test_utc (2024, 3, 1, 0) &&
         g_strcmp0 (lg_figure_card_get_value (LG_FIGURE_CARD (card)), f->expected_cpl) == 0;
}

/* Insights refresh on their own thread: waits until the card says cpl. */
static void
wait_for_cpl (Fixture    *f,
              const char *cpl)
{
  f->expected_cpl = cpl;
  lg_test_wait_until (shows_expected_cpl, f);
}

static GtkListBox *
list_box (Fixture *f)
{
  return GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (f->costs),
                                                      LG_TYPE_COSTS_WINDOW, "list_box"));
}

static const char *
shown_page (Fixture *f)
{
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (f->costs),
                                                              LG_TYPE_COSTS_WINDOW, "stack"));

  return gtk_stack_get_visible_child_name (stack);
}

static AdwActionRow *
row_at (Fixture *f,
        int      index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list_box (f), index);

  g_assert_true (ADW_IS_ACTION_ROW (row));
  return ADW_ACTION_ROW (row);
}

/* The row's title, subtitle and amount, as "partner_group | 1 Mar 2024 – 31 Mar 2024 | €100". */
static char *
row_text (Fixture *f,
          int      index)
{
  AdwActionRow *row = row_at (f, index);
  GtkWidget *amount = lg_test_find_named (GTK_WIDGET (row), "cost-amount");

  g_assert_true (GTK_IS_LABEL (amount));
  return g_strdup_printf ("%s | %s | %s",
                          adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                          adw_action_row_get_subtitle (row),
                          gtk_label_get_text (GTK_LABEL (amount)));
}

/* The row's button for action ("costs.edit", "costs.remove"), as a user clicks it. */
static void
click_row_button (Fixture    *f,
                  int         index,
                  const char *action)
{
  GtkWidget *button = lg_test_find_named (GTK_WIDGET (row_at (f, index)), action);

  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, action);
  g_signal_emit_by_name (button, "clicked");
}

static LgCostDialog *
find_cost_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (LG_IS_COST_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return LG_COST_DIALOG (window);
    }
  return NULL;
}

static const char *
dialog_text (LgCostDialog *dialog,
             const char   *row)
{
  GObject *entry = gtk_widget_get_template_child (GTK_WIDGET (dialog), LG_TYPE_COST_DIALOG, row);

  return gtk_editable_get_text (GTK_EDITABLE (entry));
}

static LgMonthButton *
dialog_month_button (LgCostDialog *dialog)
{
  return LG_MONTH_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (dialog), LG_TYPE_COST_DIALOG,
                                                         "month_button"));
}

/* The month picked, as "2024-03". */
static char *
dialog_month (LgCostDialog *dialog)
{
  LgMonthButton *button = dialog_month_button (dialog);

  return g_strdup_printf ("%04d-%02d", lg_month_button_get_year (button),
                          lg_month_button_get_month (button));
}

static AdwComboRow *
dialog_currency_row (LgCostDialog *dialog)
{
  return ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (dialog), LG_TYPE_COST_DIALOG,
                                                       "currency_row"));
}

/* The currency chosen. */
static const char *
dialog_currency (LgCostDialog *dialog)
{
  AdwComboRow *row = dialog_currency_row (dialog);

  return gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (row)),
                                     adw_combo_row_get_selected (row));
}

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  const char *expected[] = {
    "partner_group | 1 Mar 2024 – 31 Mar 2024 | €100",
    "ads_channel | 1 Mar 2024 – 31 Mar 2024 | $310",
    "partner_group | 15 Feb 2024 – 15 Mar 2024 | $600",
    "ads_channel | 1 Feb 2024 – 29 Feb 2024 | $290",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(LgCost) cost = NULL;
  g_autofree char *text = NULL;

  g_assert_cmpstr (shown_page (f), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (lg_costs_window_get_costs (f->costs)), ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *row = row_text (f, i);

      g_assert_cmpstr (row, ==, expected[i]);
    }
  g_assert_null (gtk_list_box_get_row_at_index (list_box (f), 4));

  /* A note joins the period; a write elsewhere shows at once. */
  cost = lg_store_get_cost (f->store, 2, &error);
  g_assert_no_error (error);
  lg_cost_set_note (cost, "two weeks of ads");
  g_assert_true (lg_store_update_cost (f->store, cost, &error));
  lg_store_notify_changed (f->store, LG_STORE_CHANGED_COSTS);
  text = row_text (f, 3);
  g_assert_cmpstr (text, ==, "ads_channel | 1 Feb 2024 – 29 Feb 2024 · two weeks of ads | $290");
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  for (gint64 id = 1; id <= 4; id++)
    {
      g_autoptr(LgCost) removed = lg_store_delete_cost (f->store, id, &error);

      g_assert_no_error (error);
    }
  lg_store_notify_changed (f->store, LG_STORE_CHANGED_COSTS);
  g_assert_cmpstr (shown_page (f), ==, "empty");
  g_assert_null (gtk_list_box_get_row_at_index (list_box (f), 0));

  /* Its button asks for a cost, in dollars as no cost says otherwise. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->costs), "costs.add", NULL));
  g_assert_nonnull (find_cost_dialog ());
  g_assert_cmpstr (dialog_currency (find_cost_dialog ()), ==, "USD");
}

static gboolean
has_six_costs (gpointer data)
{
  Fixture *f = data;

  return g_list_model_get_n_items (lg_costs_window_get_costs (f->costs)) == 6;
}

static gboolean
import_done (gpointer data)
{
  Fixture *f = data;
  GtkWidget *button = lg_test_find_named (GTK_WIDGET (f->costs), "import-spend");

  return gtk_widget_get_sensitive (button);
}

/* The Import… button's work: a Meta spend report becomes a cost per
 * campaign, off the main thread; the same report again adds nothing. */
static void
test_import_spend (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "fixtures",
                                            "lead-forms", "meta-spend.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *first = NULL;

  g_assert_true (gtk_widget_get_visible (lg_test_find_named (GTK_WIDGET (f->costs),
                                                             "import-spend")));
  lg_costs_window_import (f->costs, file);
  lg_test_wait_until (has_six_costs, f);
  g_assert_nonnull (lg_test_find_label (GTK_WIDGET (f->costs), "2 costs added, 0 updated"));
  first = row_text (f, 0);
  /* The latest period first: November 2026's, of a campaign's source. */
  g_assert_true (g_str_has_prefix (first, "Meta · "));
  g_assert_nonnull (strstr (first, "meta-spend.csv | $"));

  lg_costs_window_import (f->costs, file);
  g_assert_false (import_done (f));
  lg_test_wait_until (import_done, f);
  g_assert_nonnull (lg_test_find_label (GTK_WIDGET (f->costs),
                                        "The report’s costs were already there"));
  g_assert_cmpuint (g_list_model_get_n_items (lg_costs_window_get_costs (f->costs)), ==, 6);
}

static void
test_remove_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgCost) back = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;

  wait_for_cpl (f, "$61");

  /* partner_group's $600 across February and March: 31000 / 10 leads. */
  click_row_button (f, 2, "costs.remove");
  lg_test_wait_for_writes (f->store);
  g_assert_cmpuint (g_list_model_get_n_items (lg_costs_window_get_costs (f->costs)), ==, 3);
  third = row_text (f, 2);
  g_assert_cmpstr (third, ==, "ads_channel | 1 Feb 2024 – 29 Feb 2024 | $290");
  g_assert_null (lg_store_get_cost (f->store, 3, &error));
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  /* The keyboard stays in the list, on the row that took its place. */
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (f->costs)) ==
                 GTK_WIDGET (row_at (f, 2)));
  wait_for_cpl (f, "$31");

  /* The toast's Undo: the same cost, under the same id, in its place. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->costs), "costs.undo-remove", NULL));
  lg_test_wait_for_writes (f->store);
  g_assert_cmpuint (g_list_model_get_n_items (lg_costs_window_get_costs (f->costs)), ==, 4);
  back = lg_store_get_cost (f->store, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lg_cost_get_amount (back), ==, 60000);
  second = row_text (f, 2);
  g_assert_cmpstr (second, ==, "partner_group | 15 Feb 2024 – 15 Mar 2024 | $600");
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (f->costs)) ==
                 GTK_WIDGET (row_at (f, 2)));
  wait_for_cpl (f, "$61");

  /* A second Undo has nothing left to bring back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->costs), "costs.undo-remove", NULL));
  lg_test_wait_for_writes (f->store);
  g_assert_cmpuint (g_list_model_get_n_items (lg_costs_window_get_costs (f->costs)), ==, 4);
}

static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgCost) saved = NULL;
  g_autoptr(LgCost) straddling = NULL;
  g_autofree char *row = NULL;
  g_autofree char *month = NULL;
  LgCostDialog *dialog;

  wait_for_cpl (f, "$61");

  /* ads_channel's March: the form comes filled in with it. */
  gtk_widget_grab_focus (lg_test_find_named (GTK_WIDGET (row_at (f, 1)), "costs.edit"));
  click_row_button (f, 1, "costs.edit");
  dialog = find_cost_dialog ();
  g_assert_nonnull (dialog);
  month = dialog_month (dialog);
  g_assert_cmpstr (month, ==, "2024-03");
  g_assert_cmpstr (dialog_text (dialog, "amount_row"), ==, "310");
  g_assert_cmpstr (dialog_currency (dialog), ==, "USD");
  g_assert_true (lg_cost_dialog_can_add (dialog));

  /* It was $410: (41000 + 30000) / 10 leads. Sources by title: ads_channel first. */
  lg_cost_dialog_fill (dialog, 0, 2024, 3, "410.00");
  /* What the Save button does, but for closing the dialog. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  lg_test_wait_for_writes (f->store);
  gtk_window_destroy (GTK_WINDOW (dialog));
  /* The dialog says so in the window it was opened from: Costs, not the main one. */
  g_assert_nonnull (lg_test_find_label (GTK_WIDGET (f->costs), "Cost saved"));
  saved = lg_store_get_cost (f->store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lg_cost_get_amount (saved), ==, 41000);
  g_assert_cmpint (g_list_model_get_n_items (lg_costs_window_get_costs (f->costs)), ==, 4);
  row = row_text (f, 1);
  g_assert_cmpstr (row, ==, "ads_channel | 1 Mar 2024 – 31 Mar 2024 | $410");
  /* The list was read again: the keyboard is still on the edited cost. */
  g_assert_true (gtk_window_get_focus (GTK_WINDOW (f->costs)) == GTK_WIDGET (row_at (f, 1)));
  wait_for_cpl (f, "$71");

  /* Some dates come back as dates, and saving them unchanged changes nothing. */
  click_row_button (f, 2, "costs.edit");
  dialog = find_cost_dialog ();
  g_assert_cmpstr (dialog_text (dialog, "from_row"), ==, "2024-02-15");
  g_assert_cmpstr (dialog_text (dialog, "to_row"), ==, "2024-03-15");
  g_assert_cmpstr (dialog_text (dialog, "amount_row"), ==, "600");
  g_assert_true (lg_cost_dialog_can_add (dialog));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  lg_test_wait_for_writes (f->store);
  straddling = lg_store_get_cost (f->store, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lg_cost_get_period_start (straddling), ==, lg_test_utc (2024, 2, 15, 0));
  g_assert_cmpint (lg_cost_get_period_end (straddling), ==, lg_test_utc (2024, 3, 16, 0));
  g_assert_cmpint (lg_cost_get_source_id (straddling), ==, 2);
}

/* Add Cost picks its month and its currency, nothing typed but the amount:
 * the month from the button's popover (back a year at a time, then March),
 * the currency from a list of those in use first, then the common ones. */
static void
test_pickers (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GListModel) costs = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LgCost) added = NULL;
  g_autofree char *month = NULL;
  LgCostDialog *dialog;
  LgMonthButton *button;
  GListModel *codes;
  guint usd = GTK_INVALID_LIST_POSITION;

  wait_for_cpl (f, "$61");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->costs), "costs.add", NULL));
  dialog = find_cost_dialog ();
  button = dialog_month_button (dialog);

  /* This month, in the latest cost's currency; the month alone completes
   * no form. */
  g_assert_cmpint (lg_month_button_get_year (button), ==, g_date_time_get_year (now));
  g_assert_cmpint (lg_month_button_get_month (button), ==, g_date_time_get_month (now));
  g_assert_cmpstr (dialog_currency (dialog), ==, "EUR");
  g_assert_false (lg_cost_dialog_can_add (dialog));

  codes = adw_combo_row_get_model (dialog_currency_row (dialog));
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (codes), 1), ==, "USD");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (codes), 2), ==, "AED");
  for (guint i = 0; i < g_list_model_get_n_items (codes); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (codes), i), "USD"))
      {
        g_assert_cmpuint (usd, ==, GTK_INVALID_LIST_POSITION);
        usd = i;
      }
  adw_combo_row_set_selected (dialog_currency_row (dialog), usd);
  g_assert_cmpstr (dialog_currency (dialog), ==, "USD");

  for (int year = g_date_time_get_year (now); year > 2024; year--)
    lg_test_click_named (GTK_WIDGET (button), "go-previous-symbolic");
  /* Turning the years chooses nothing yet. */
  g_assert_cmpint (lg_month_button_get_year (button), ==, g_date_time_get_year (now));
  lg_test_click_named (GTK_WIDGET (button), "month-3");
  month = dialog_month (dialog);
  g_assert_cmpstr (month, ==, "2024-03");

  adw_combo_row_set_selected (ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                                            LG_TYPE_COST_DIALOG,
                                                                            "source_row")), 0);
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                                      LG_TYPE_COST_DIALOG,
                                                                      "amount_row")), "90");
  g_assert_true (lg_cost_dialog_can_add (dialog));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");
  lg_test_wait_for_writes (f->store);

  costs = lg_store_list_costs (f->store, 0, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (costs), ==, 5);
  added = lg_store_get_cost (f->store, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lg_cost_get_period_start (added), ==, lg_test_utc (2024, 3, 1, 0));
  g_assert_cmpint (lg_cost_get_period_end (added), ==, lg_test_utc (2024, 4, 1, 0));
  g_assert_cmpstr (lg_cost_get_currency (added), ==, "USD");
  g_assert_cmpint (lg_cost_get_amount (added), ==, 9000);
  /* (61000 + 9000) / 10 leads. */
  wait_for_cpl (f, "$70");
}

int
main (int   argc,
      char *argv[])
{
  /* The fixture's dates are UTC. */
  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  if (!lg_test_init_gtk ())
    return 77;
  adw_init ();
  lg_register_resource ();

  g_test_add ("/ui/costs/list", Fixture, NULL, fixture_set_up, test_list, fixture_tear_down);
  g_test_add ("/ui/costs/empty", Fixture, NULL, fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/ui/costs/import-spend", Fixture, NULL, fixture_set_up, test_import_spend,
              fixture_tear_down);
  g_test_add ("/ui/costs/remove-undo", Fixture, NULL, fixture_set_up, test_remove_undo,
              fixture_tear_down);
  g_test_add ("/ui/costs/edit", Fixture, NULL, fixture_set_up, test_edit, fixture_tear_down);
  g_test_add ("/ui/costs/pickers", Fixture, NULL, fixture_set_up, test_pickers,
              fixture_tear_down);

  return g_test_run ();
}
