/* test-insights.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Insights view under Xvfb on the fixture of tests/core/test-metrics.c
 * (March 2024; every figure worked out there): cards, table, charts, the
 * empty state, a refresh after a cost is added through the dialog, and the
 * PNG and CSV exports.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "lg-cost-dialog.h"
#include "lg-figure-card.h"
#include "lg-insights-view.h"
#include "lg-metrics-row.h"
#include "lg-resources.h"
#include "lg-test-ui.h"
#include "lg-test-util.h"

typedef struct
{
  LgStore        *store;
  GtkWindow      *window;
  LgInsightsView *view;
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
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  g_clear_object (&f->store);
}

/* Runs the main loop until the view shows a report for [from, to) that is
 * not `old`. */
static LgMetricsReport *
wait_for_report (Fixture         *f,
                 gint64           from,
                 LgMetricsReport *old)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  LgMetricsReport *report;

  for (;;)
    {
      report = lg_insights_view_get_report (f->view);
      if (report != NULL && report != old && report->from == from)
        return report;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static gboolean
is_drawn (gpointer widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) != 0;
}

static void
wait_until_drawn (GtkWidget *widget)
{
  lg_test_wait_until (is_drawn, widget);
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static LgFigureCard *
card (Fixture    *f,
      const char *name)
{
  GObject *card = gtk_widget_get_template_child (GTK_WIDGET (f->view), LG_TYPE_INSIGHTS_VIEW,
                                                 name);

  g_assert_true (LG_IS_FIGURE_CARD (card));
  return LG_FIGURE_CARD (card);
}

static const char *
card_value (Fixture    *f,
            const char *name)
{
  return lg_figure_card_get_value (card (f, name));
}

static const char *
period_text (Fixture *f)
{
  return gtk_label_get_text (GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (f->view),
                                                                       LG_TYPE_INSIGHTS_VIEW,
                                                                       "period_label")));
}

static void
show_march (Fixture *f)
{
  lg_insights_view_set_period (f->view, lg_test_utc (2024, 3, 1, 0), lg_test_utc (2024, 4, 1, 0));
  wait_for_report (f, lg_test_utc (2024, 3, 1, 0), NULL);
}

static void
collect_tooltips (GtkWidget *widget,
                  GString   *out)
{
  if (gtk_widget_get_tooltip_text (widget) != NULL)
    g_string_append_printf (out, "%s\n", gtk_widget_get_tooltip_text (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_tooltips (child, out);
}

static void
test_with_data (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GString) tooltips = g_string_new (NULL);
  GtkColumnView *table;
  GListModel *rows;
  g_autoptr(LgMetricsRow) first = NULL;

  show_march (f);
  g_assert_cmpstr (lg_insights_view_get_state (f->view), ==, "report");

  /* The cards say what test-metrics.c worked out. */
  g_assert_cmpstr (card_value (f, "leads_card"), ==, "10");
  g_assert_cmpstr (card_value (f, "cpl_card"), ==, "$61");
  g_assert_cmpstr (card_value (f, "conversion_card"), ==, "50.0%");
  g_assert_cmpstr (card_value (f, "speed_card"), ==, "14.0 h");
  g_assert_cmpstr (card_value (f, "roi_card"), ==, "47.5%");
  g_assert_cmpstr (card_value (f, "deal_card"), ==, "$300");
  /* ROI says what it is made of. */
  g_assert_cmpstr (lg_figure_card_get_detail (card (f, "roi_card")), ==,
                   "Won $900 for a cost of $610");
  /* February had 2 leads. */
  g_assert_cmpstr (lg_figure_card_get_change (card (f, "leads_card")), ==,
                   "+400% vs previous period");
  g_assert_cmpstr (period_text (f), ==, "1 Mar 2024 – 31 Mar 2024 · compared with "
                                        "30 Jan 2024 – 29 Feb 2024");

  /* The table: four rows, most leads first (ads_channel, 4). */
  table = GTK_COLUMN_VIEW (gtk_widget_get_template_child (GTK_WIDGET (f->view),
                                                          LG_TYPE_INSIGHTS_VIEW, "table"));
  rows = G_LIST_MODEL (gtk_column_view_get_model (table));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 4);
  first = g_list_model_get_item (rows, 0);
  g_assert_cmpstr (lg_metrics_row_get_title (first), ==, "ads_channel");
  g_assert_cmpuint (g_list_model_get_n_items (gtk_column_view_get_columns (table)), ==, 8);
  /* Each source's ROI, beside its won value and cost, says them on hover:
   * ads_channel won $800 for $310; partner_group won only euros. */
  wait_until_drawn (GTK_WIDGET (table));
  collect_tooltips (GTK_WIDGET (table), tooltips);
  g_assert_nonnull (strstr (tooltips->str, "Won $800 for a cost of $310\n"));
  g_assert_nonnull (strstr (tooltips->str, "Nothing won yet for a cost of $"));

  /* Every chart has the report. */
  for (guint i = 0; i < lg_chart_get_n_infos (); i++)
    {
      LgChart *chart = lg_insights_view_get_chart (f->view, lg_chart_get_info_at (i)->id);

      g_assert_true (lg_chart_get_report (chart) == lg_insights_view_get_report (f->view));
    }
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  lg_insights_view_set_period (f->view, lg_test_utc (2023, 6, 1, 0), lg_test_utc (2023, 7, 1, 0));
  wait_for_report (f, lg_test_utc (2023, 6, 1, 0), NULL);
  g_assert_cmpstr (lg_insights_view_get_state (f->view), ==, "empty");
}

/* 29 January has one lead and the day before none: no card says "— vs
 * previous period", and the period is not compared with an empty one. */
static void
test_no_previous (Fixture       *f,
                  gconstpointer  data)
{
  const char *cards[] = {
    "leads_card", "cpl_card", "conversion_card", "speed_card", "roi_card", "deal_card",
  };

  lg_insights_view_set_period (f->view, lg_test_utc (2024, 1, 29, 0), lg_test_utc (2024, 1, 30, 0));
  wait_for_report (f, lg_test_utc (2024, 1, 29, 0), NULL);
  g_assert_cmpstr (lg_insights_view_get_state (f->view), ==, "report");
  g_assert_cmpstr (card_value (f, "leads_card"), ==, "1");
  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    g_assert_null (lg_figure_card_get_change (card (f, cards[i])));
  g_assert_cmpstr (period_text (f), ==, "29 Jan 2024");
}

static void
test_add_cost_refreshes (Fixture       *f,
                         gconstpointer  data)
{
  LgMetricsReport *before;
  LgCostDialog *dialog;

  show_march (f);
  before = lg_insights_view_get_report (f->view);

  /* Sources are listed by title: ads_channel, free_chat, partner_group. */
  dialog = lg_cost_dialog_new (f->window, f->store, "USD");
  lg_cost_dialog_fill (dialog, 1, 2024, 3, "ninety");
  g_assert_false (lg_cost_dialog_can_add (dialog));
  lg_cost_dialog_fill (dialog, 1, 2024, 3, "90");
  g_assert_true (lg_cost_dialog_can_add (dialog));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "add");

  /* changed::costs → a new report: (61000 + 9000) / 10 leads = $70. */
  wait_for_report (f, lg_test_utc (2024, 3, 1, 0), before);
  g_assert_cmpstr (card_value (f, "cpl_card"), ==, "$70");
}

/* Off screen (another view shown), a change waits: Sync All's batches do
 * not lay the hidden tables out again; shown, the view reads the figures. */
static void
test_hidden_waits (Fixture       *f,
                   gconstpointer  data)
{
  LgMetricsReport *before;

  show_march (f);
  before = lg_insights_view_get_report (f->view);

  gtk_widget_set_visible (GTK_WIDGET (f->view), FALSE);
  lg_store_notify_changed (f->store, LG_STORE_CHANGED_COSTS | LG_STORE_CHANGED_SOURCES);
  lg_test_run_frames (600);
  g_assert_true (lg_insights_view_get_report (f->view) == before);

  gtk_widget_set_visible (GTK_WIDGET (f->view), TRUE);
  wait_for_report (f, lg_test_utc (2024, 3, 1, 0), before);
}

/* The fixture has a cost and a won deal in EUR beside its dollars: the
 * money figures are in USD, and a choice switches them to EUR. */
static void
test_currencies (Fixture       *f,
                 gconstpointer  data)
{
  GtkDropDown *dropdown;
  GListModel *codes;
  LgMetricsReport *before;

  show_march (f);
  dropdown = GTK_DROP_DOWN (gtk_widget_get_template_child (GTK_WIDGET (f->view),
                                                           LG_TYPE_INSIGHTS_VIEW,
                                                           "currency_dropdown"));
  g_assert_cmpstr (lg_insights_view_get_report (f->view)->currency, ==, "USD");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dropdown)));
  codes = gtk_drop_down_get_model (dropdown);
  g_assert_cmpuint (g_list_model_get_n_items (codes), ==, 2);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (codes), 0), ==, "USD");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (codes), 1), ==, "EUR");

  /* €100 of cost over the month's 10 leads; one won deal of €200. */
  before = lg_insights_view_get_report (f->view);
  gtk_drop_down_set_selected (dropdown, 1);
  wait_for_report (f, lg_test_utc (2024, 3, 1, 0), before);
  g_assert_cmpstr (lg_insights_view_get_report (f->view)->currency, ==, "EUR");
  g_assert_cmpstr (card_value (f, "cpl_card"), ==, "€10");
  g_assert_cmpstr (card_value (f, "deal_card"), ==, "€200");
  /* The chosen one leads the list, the other stays a choice away. */
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 0);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (codes), 0), ==, "EUR");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (codes), 1), ==, "USD");
}

static void
test_exports (Fixture       *f,
              gconstpointer  data)
{
  static const char *file_names[][2] = {
    { "leads-by-source", "leadgram-leads-by-source-2024-03-01.png" },
    { "funnel", "leadgram-funnel-2024-03-01.png" },
    { "cpl-by-source", "leadgram-cpl-by-source-2024-03-01.png" },
    { "conversion-over-time", "leadgram-conversion-over-time-2024-03-01.png" },
    { "speed-to-lead", "leadgram-speed-to-lead-2024-03-01.png" },
  };
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *png = g_build_filename (dir, "funnel.png", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "sources.csv", NULL);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *csv = NULL;
  LgChart *chart;
  gsize length;
  guint32 width, height;

  show_march (f);
  chart = lg_insights_view_get_chart (f->view, "funnel");
  wait_until_drawn (GTK_WIDGET (chart));

  g_assert_true (lg_chart_save_png (chart, png, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (png, &contents, &length, &error));
  g_assert_cmpuint (length, >, 1000);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_cmpmem (contents + 12, 4, "IHDR", 4);
  /* Twice the widget's size, for sharp text. */
  memcpy (&width, contents + 16, 4);
  memcpy (&height, contents + 20, 4);
  g_assert_cmpuint (GUINT32_FROM_BE (width), ==, 2 * gtk_widget_get_width (GTK_WIDGET (chart)));
  g_assert_cmpuint (GUINT32_FROM_BE (height), ==, 2 * gtk_widget_get_height (GTK_WIDGET (chart)));

  /* Each chart suggests a file named after it and the period; these names
   * are known outside the app, and stay. */
  for (guint i = 0; i < G_N_ELEMENTS (file_names); i++)
    {
      g_autofree char *name = lg_chart_dup_file_name (lg_insights_view_get_chart (f->view,
                                                                                 file_names[i][0]));

      g_assert_cmpstr (name, ==, file_names[i][1]);
    }
  for (guint i = 0; i < lg_chart_get_n_infos (); i++)
    {
      const char *id = lg_chart_get_info_at (i)->id;
      g_autofree char *name = lg_chart_dup_file_name (lg_insights_view_get_chart (f->view, id));
      g_autofree char *expected = g_strdup_printf ("leadgram-%s-2024-03-01.png", id);

      g_assert_cmpstr (name, ==, expected);
    }

  g_assert_true (lg_insights_view_export_csv (f->view, csv_file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, &error));
  g_assert_true (g_str_has_prefix (csv, "period_start,period_end,source_id,source,currency,leads"));
  g_assert_nonnull (strstr (csv, ",,All sources,USD,10,5,4,1,"));
}

/* The table of kinds in lg-chart.c is all there is to a chart: each has
 * its own id, a title and an export entry, and the view shows one card and
 * one Export menu entry for each, in the table's order. */
static void
test_chart_table (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  GtkFlowBox *box = GTK_FLOW_BOX (gtk_widget_get_template_child (GTK_WIDGET (f->view),
                                                                 LG_TYPE_INSIGHTS_VIEW,
                                                                 "charts_box"));
  GMenuModel *menu = G_MENU_MODEL (gtk_widget_get_template_child (GTK_WIDGET (f->view),
                                                                  LG_TYPE_INSIGHTS_VIEW,
                                                                  "export_menu"));
  g_autoptr(GMenuModel) charts_section = NULL;
  g_autofree char *section_label = NULL;
  guint n = lg_chart_get_n_infos ();

  g_assert_cmpuint (n, >=, 5);
  for (guint i = 0; i < n; i++)
    {
      const LgChartInfo *info = lg_chart_get_info_at (i);
      GtkFlowBoxChild *card = gtk_flow_box_get_child_at_index (box, i);
      LgChart *chart = lg_insights_view_get_chart (f->view, info->id);
      g_autofree char *label = NULL, *target = NULL;

      /* The id makes a file name and an action target: lower case and dashes. */
      g_assert_nonnull (info->id);
      g_assert_cmpuint (strspn (info->id, "abcdefghijklmnopqrstuvwxyz-"), ==, strlen (info->id));
      g_assert_true (g_hash_table_add (ids, (gpointer) info->id));
      g_assert_true (lg_chart_info_lookup (info->id) == info);
      g_assert_cmpstr (info->title, !=, "");
      g_assert_true (g_str_has_suffix (info->export_label, "…"));

      g_assert_nonnull (chart);
      g_assert_true (lg_chart_get_info (chart) == info);
      g_assert_cmpstr (lg_chart_get_title (chart), ==, info->title);
      g_assert_nonnull (card);
      g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (chart), GTK_WIDGET (card)));

      if (charts_section == NULL)
        {
          charts_section = g_menu_model_get_item_link (menu, 1, G_MENU_LINK_SECTION);
          g_assert_true (g_menu_model_get_item_attribute (menu, 1, G_MENU_ATTRIBUTE_LABEL, "s",
                                                          &section_label));
          g_assert_cmpstr (section_label, ==, "Chart as PNG");
          g_assert_cmpint (g_menu_model_get_n_items (charts_section), ==, n);
        }
      g_assert_true (g_menu_model_get_item_attribute (charts_section, i, G_MENU_ATTRIBUTE_LABEL,
                                                      "s", &label));
      g_assert_true (g_menu_model_get_item_attribute (charts_section, i,
                                                      G_MENU_ATTRIBUTE_TARGET, "s", &target));
      g_assert_cmpstr (label, ==, info->export_label);
      g_assert_cmpstr (target, ==, info->id);
    }
  /* One card per kind, and no more. */
  g_assert_null (gtk_flow_box_get_child_at_index (box, n));
  g_assert_null (lg_chart_info_lookup ("no-such-chart"));
  g_assert_null (lg_insights_view_get_chart (f->view, "no-such-chart"));
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

  g_test_add ("/ui/insights/with-data", Fixture, NULL, fixture_set_up, test_with_data,
              fixture_tear_down);
  g_test_add ("/ui/insights/empty", Fixture, NULL, fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/ui/insights/no-previous", Fixture, NULL, fixture_set_up, test_no_previous,
              fixture_tear_down);
  g_test_add ("/ui/insights/hidden-waits", Fixture, NULL, fixture_set_up, test_hidden_waits,
              fixture_tear_down);
  g_test_add ("/ui/insights/add-cost", Fixture, NULL, fixture_set_up, test_add_cost_refreshes,
              fixture_tear_down);
  g_test_add ("/ui/insights/currencies", Fixture, NULL, fixture_set_up, test_currencies,
              fixture_tear_down);
  g_test_add ("/ui/insights/exports", Fixture, NULL, fixture_set_up, test_exports,
              fixture_tear_down);
  g_test_add ("/ui/insights/chart-table", Fixture, NULL, fixture_set_up, test_chart_table,
              fixture_tear_down);

  return g_test_run ();
}
