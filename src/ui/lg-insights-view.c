/* lg-insights-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-insights-view"

#include "config.h"

/* PRId64, not G_GINT64_FORMAT, in translatable strings: xgettext knows it. */
#include <inttypes.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "lg-cost-dialog.h"
#include "lg-costs-window.h"
#include "lg-figure-card.h"
#include "lg-format.h"
#include "lg-insights-view.h"
#include "lg-metrics-export.h"
#include "lg-metrics-format.h"
#include "lg-metrics-row.h"
#include "lg-pipeline.h"
#include "lg-ui-util.h"

#define DAY 86400

struct _LgInsightsView
{
  GtkWidget        parent_instance;

  LgStore         *store;
  LgMetricsReport *report;
  GCancellable    *cancellable;
  guint            refresh_id;
  gboolean         stale;         /* changed while not on screen */
  gint64           custom_from;
  gint64           custom_to;
  char            *currency;      /* the one the user chose; NULL: the main one */
  gboolean         filling;       /* the currency list is being refilled */
  GtkSortListModel *sorted;
  GPtrArray       *charts;       /* LgChart, one per kind, in their order */

  GtkDropDown     *period_dropdown;
  GtkDropDown     *currency_dropdown;
  GtkStringList   *currencies;
  GtkWidget       *custom_box;
  GtkEntry        *from_entry;
  GtkEntry        *to_entry;
  GtkLabel        *period_label;
  GtkStack        *stack;
  AdwStatusPage   *error_page;
  GtkLabel        *cohort_label;
  GtkFlowBox      *charts_box;
  GMenu           *export_menu;
  GtkColumnView   *table;
  LgFigureCard    *leads_card;
  LgFigureCard    *cpl_card;
  LgFigureCard    *conversion_card;
  LgFigureCard    *speed_card;
  LgFigureCard    *roi_card;
  LgFigureCard    *deal_card;
};

G_DEFINE_FINAL_TYPE (LgInsightsView, lg_insights_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_REPORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The table's figure columns, by their key in lg_figure_infos. ROI stands
 * after what it is made of: a bare "2513.1%" or "−100.0%" says little. */
static const char *table_columns[] = {
  "leads", "conversion", "cpl", "won_value", "cost", "roi", "speed_from_message",
};

static void refresh (LgInsightsView *self);

/* Figures */

static char *
figure_text (LgInsightsView *self,
             const char     *key,
             const LgMetricsFigures *figures)
{
  const LgFigureInfo *info = lg_figure_info_lookup (key);

  return lg_format_figure (lg_figure_info_get (info, figures), info->unit, self->report->currency);
}

/* Fills a card from the figure `key`: the value, its change and its tone. */
static void
set_card (LgInsightsView *self,
          LgFigureCard   *card,
          const char     *key,
          const char     *detail)
{
  const LgFigureInfo *info = lg_figure_info_lookup (key);
  LgFigure now = lg_figure_info_get (info, &self->report->total);
  LgFigure before = lg_figure_info_get (info, &self->report->previous);
  LgFigure change = lg_figure_change (now, before, info->points);
  g_autofree char *value = lg_format_figure (now, info->unit, self->report->currency);
  g_autofree char *change_text = lg_format_change (change, info->points);
  g_autofree char *line = NULL;
  int tone = 0;

  if (change.known && fabs (change.value) >= 0.05)
    tone = ((change.value > 0) != info->lower_is_better) ? 1 : -1;

  /* An unknown change ("— vs previous period") says nothing: no line then. */
  if (change.known)
    /* TRANSLATORS: "+12% vs previous period" */
    line = g_strdup_printf (_("%s vs previous period"), change_text);
  lg_figure_card_set (card, value, line, tone, detail);
}

/* What an ROI is made of, in words: "Won $3,200 for a cost of $122.46". */
static char *
roi_context (LgInsightsView         *self,
             const LgMetricsFigures *figures)
{
  g_autofree char *won = NULL;
  g_autofree char *cost = NULL;

  if (!figures->roi.known)
    return NULL;
  cost = figure_text (self, "cost", figures);
  if (figures->won_value == 0)
    return g_strdup_printf (_("Nothing won yet for a cost of %s"), cost);
  won = figure_text (self, "won_value", figures);
  return g_strdup_printf (_("Won %s for a cost of %s"), won, cost);
}

static void
show_figures (LgInsightsView *self)
{
  LgMetricsReport *r = self->report;
  const LgMetricsFigures *t = &r->total;
  g_autofree char *leads = NULL, *cpl = NULL, *conversion = NULL, *speed = NULL;
  g_autofree char *roi = NULL, *deal = NULL;
  g_autofree char *cost = figure_text (self, "cost", t);
  g_autofree char *lead_to_close = figure_text (self, "lead_to_close", t);
  g_autofree char *win_rate = figure_text (self, "win_rate", t);
  g_autofree char *found = figure_text (self, "speed_from_found", t);

  leads = g_strdup_printf (_("%" PRId64 " reached Won, %" PRId64 " Won now"),
                           t->reached_won, t->won);
  cpl = t->has_cost ? g_strdup_printf (_("Cost %s"), cost) : g_strdup (_("No cost entered"));
  conversion = g_strdup_printf (_("Lead-to-close %s · Win rate %s"), lead_to_close, win_rate);
  speed = g_strdup_printf (_("From found: %s · %" PRId64 " of %" PRId64
                             " touched"), found, t->touched, t->leads);
  roi = t->roi.known ? roi_context (self, t) : g_strdup (cpl);
  deal = g_strdup_printf (ngettext ("%" PRId64 " won deal in %s",
                                    "%" PRId64 " won deals in %s", t->won_counted),
                          t->won_counted, r->currency);

  set_card (self, self->leads_card, "leads", leads);
  set_card (self, self->cpl_card, "cpl", cpl);
  set_card (self, self->conversion_card, "conversion", conversion);
  set_card (self, self->speed_card, "speed_from_message", speed);
  set_card (self, self->roi_card, "roi", roi);
  set_card (self, self->deal_card, "avg_deal", deal);
}

static void
show_labels (LgInsightsView *self)
{
  LgMetricsReport *r = self->report;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *period = lg_format_period (r->from, r->to, now, NULL);
  g_autofree char *previous = lg_format_period (r->previous_from, r->from, now, NULL);
  g_autofree char *compared = NULL;
  GString *cohort = g_string_new (NULL);

  /* A previous period without leads compares with nothing. */
  if (r->previous.leads > 0)
    compared = g_strdup_printf (_("%s · compared with %s"), period, previous);
  gtk_label_set_text (self->period_label, compared != NULL ? compared : period);

  g_string_append_printf (cohort, _("Figures count the leads created from %s; what happened to "
                                    "them later counts too. Costs that overlap the period count "
                                    "pro rata by days. Money in %s."),
                          period, r->currency);
  if (r->other_currencies != NULL)
    {
      g_string_append_c (cohort, ' ');
      g_string_append_printf (cohort, _("Amounts in %s are left out of the money figures: "
                                        "choose their currency above to see them."),
                              r->other_currencies);
    }
  gtk_label_set_text (self->cohort_label, cohort->str);
  g_string_free (cohort, TRUE);
}

/* Amounts in different currencies are not added up: the report is in one,
 * and the others are a choice away. */
static void
show_currencies (LgInsightsView *self)
{
  LgMetricsReport *r = self->report;
  g_auto(GStrv) others = r->other_currencies != NULL
                         ? g_strsplit (r->other_currencies, ", ", -1) : NULL;
  g_autoptr(GStrvBuilder) codes = g_strv_builder_new ();
  g_auto(GStrv) list = NULL;

  g_strv_builder_add (codes, r->currency);
  if (others != NULL)
    g_strv_builder_addv (codes, (const char **) others);
  list = g_strv_builder_end (codes);

  self->filling = TRUE;
  gtk_string_list_splice (self->currencies, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->currencies)),
                          (const char * const *) list);
  gtk_drop_down_set_selected (self->currency_dropdown, 0);
  self->filling = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->currency_dropdown), others != NULL);
}

static void
show_report (LgInsightsView  *self,
             LgMetricsReport *report)
{
  g_clear_pointer (&self->report, lg_metrics_report_unref);
  self->report = lg_metrics_report_ref (report);

  show_labels (self);
  show_currencies (self);
  if (report->total.leads == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else
    {
      show_figures (self);
      for (guint i = 0; i < self->charts->len; i++)
        lg_chart_set_report (g_ptr_array_index (self->charts, i), report);
      gtk_sort_list_model_set_model (self->sorted, report->sources);
      gtk_stack_set_visible_child_name (self->stack, "report");
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);
}

/* Computing */

static void
on_computed_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LgInsightsView) self = user_data;
  g_autoptr(LgMetricsReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = lg_metrics_compute_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (report == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  show_report (self, report);
}

static gboolean
read_period (LgInsightsView *self,
             gint64         *from,
             gint64         *to)
{
  guint selected = gtk_drop_down_get_selected (self->period_dropdown);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (selected != LG_PERIOD_CUSTOM)
    {
      lg_period_from_preset ((LgPeriodPreset) selected, now, from, to);
      return TRUE;
    }
  *from = self->custom_from;
  *to = self->custom_to;
  return *to > *from;
}

static void
refresh (LgInsightsView *self)
{
  LgMetricsQuery query = { 0 };

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->store == NULL)
    return;
  if (!read_period (self, &query.from, &query.to))
    return;
  query.currency = self->currency;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->report == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  lg_metrics_compute_async (lg_store_get_path (self->store), &query, self->cancellable,
                            on_computed_cb, g_object_ref (self));
}

static gboolean
refresh_timeout_cb (gpointer data)
{
  LgInsightsView *self = data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

/* Several writes in a row (an import, a drag) make one refresh. Off screen
 * the figures wait until the view is shown: its tables and charts, laid out
 * again after every batch of Sync All, would cost frames of the view the
 * user looks at (the view stack measures its hidden pages too). */
static void
on_store_changed_cb (LgStore        *store,
                     const char     *table,
                     LgInsightsView *self)
{
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->stale = TRUE;
  else if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (250, refresh_timeout_cb, self);
}

static void
lg_insights_view_map (GtkWidget *widget)
{
  LgInsightsView *self = LG_INSIGHTS_VIEW (widget);

  GTK_WIDGET_CLASS (lg_insights_view_parent_class)->map (widget);
  if (self->stale)
    {
      self->stale = FALSE;
      refresh (self);
    }
}

static void
on_currency_selected_cb (LgInsightsView *self)
{
  guint selected = gtk_drop_down_get_selected (self->currency_dropdown);
  const char *code = gtk_string_list_get_string (self->currencies, selected);

  if (self->filling || code == NULL || self->report == NULL ||
      g_strcmp0 (code, self->report->currency) == 0)
    return;
  g_free (self->currency);
  self->currency = g_strdup (code);
  refresh (self);
}

static void
on_period_selected_cb (LgInsightsView *self)
{
  gboolean custom = gtk_drop_down_get_selected (self->period_dropdown) == LG_PERIOD_CUSTOM;

  gtk_widget_set_visible (self->custom_box, custom);
  if (custom)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->from_entry));
      return;
    }
  refresh (self);
}

static gboolean
entry_date (GtkEntry *entry,
            gint64   *out)
{
  gboolean ok = lg_parse_date (gtk_editable_get_text (GTK_EDITABLE (entry)), NULL, out, NULL);

  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  return ok;
}

static void
on_custom_activate_cb (LgInsightsView *self)
{
  gint64 from, last;

  if (entry_date (self->from_entry, &from) & entry_date (self->to_entry, &last))
    {
      if (last < from)
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->to_entry), "error");
          return;
        }
      lg_insights_view_set_period (self, from, last + DAY);
    }
}

/* Going to the pipeline */

static void
filter_pipeline (LgInsightsView *self,
                 gint64          source_id)
{
  if (source_id > 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.filter-pipeline-source", "x", source_id);
}

static void
on_table_activate_cb (LgInsightsView *self,
                      guint           position)
{
  g_autoptr(LgMetricsRow) row = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  if (row != NULL)
    filter_pipeline (self, lg_metrics_row_get_source_id (row));
}

static void
on_chart_source_activated_cb (LgChart        *chart,
                              gint64          source_id,
                              LgInsightsView *self)
{
  filter_pipeline (self, source_id);
}

/* Exporting */

gboolean
lg_insights_view_export_csv (LgInsightsView  *self,
                             GFile           *file,
                             GError         **error)
{
  g_autofree char *csv = NULL;

  g_return_val_if_fail (LG_IS_INSIGHTS_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->report == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("The figures are still being computed. Try again in a moment."));
      return FALSE;
    }

  csv = lg_metrics_report_to_csv (self->report, TRUE, error);
  return csv != NULL &&
         g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

typedef gboolean (*SaveFunc) (LgInsightsView *self, GFile *file, gpointer data, GError **error);

typedef struct
{
  LgInsightsView *self;
  SaveFunc        save;
  gpointer        data;
} SaveRequest;

static void
on_save_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     SaveRequest     *request)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      if (request->save (request->self, file, request->data, &error))
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *text = g_strdup_printf (_("Exported “%s”"), name);

          lg_widget_add_toast (GTK_WIDGET (request->self), adw_toast_new (text));
        }
      else
        lg_widget_add_toast (GTK_WIDGET (request->self), adw_toast_new (error->message));
    }

  g_object_unref (request->self);
  g_free (request);
  g_object_unref (dialog);
}

/* Asks where to save, then calls save. */
static void
ask_and_save (LgInsightsView *self,
              const char     *title,
              const char     *suggested,
              SaveFunc        save,
              gpointer        data)
{
  GtkFileChooserNative *chooser;
  SaveRequest *request = g_new0 (SaveRequest, 1);

  chooser = gtk_file_chooser_native_new (title,
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested);
  request->self = g_object_ref (self);
  request->save = save;
  request->data = data;
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
save_csv (LgInsightsView  *self,
          GFile           *file,
          gpointer         data,
          GError         **error)
{
  return lg_insights_view_export_csv (self, file, error);
}

static gboolean
save_chart (LgInsightsView  *self,
            GFile           *file,
            gpointer         data,
            GError         **error)
{
  g_autofree char *path = g_file_get_path (file);

  return lg_chart_save_png (LG_CHART (data), path, error);
}

static void
export_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LgInsightsView *self = LG_INSIGHTS_VIEW (widget);
  g_autofree char *name = NULL;

  if (self->report == NULL)
    return;
  name = lg_metrics_report_file_name (self->report, "sources", "csv");
  ask_and_save (self, _("Export Sources Table"), name, save_csv, NULL);
}

static void
export_chart_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LgInsightsView *self = LG_INSIGHTS_VIEW (widget);
  LgChart *chart = lg_insights_view_get_chart (self, g_variant_get_string (parameter, NULL));
  g_autofree char *name = NULL;

  if (chart == NULL || self->report == NULL || self->report->total.leads == 0)
    return;
  name = lg_chart_dup_file_name (chart);
  ask_and_save (self, _("Export Chart"), name, save_chart, chart);
}

static void
add_cost_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LgInsightsView *self = LG_INSIGHTS_VIEW (widget);
  LgCostDialog *dialog;

  if (self->store == NULL)
    return;
  dialog = lg_cost_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->store,
                               self->report != NULL ? self->report->currency : NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_costs_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LgInsightsView *self = LG_INSIGHTS_VIEW (widget);

  if (self->store != NULL)
    gtk_window_present (GTK_WINDOW (lg_costs_window_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                         self->store)));
}

/* The table */

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  numeric)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), numeric != NULL ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (numeric != NULL)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              LgInsightsView           *self)
{
  const LgFigureInfo *info = g_object_get_data (G_OBJECT (factory), "figure");
  LgMetricsRow *row = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  g_autofree char *text = NULL;

  if (info == NULL)
    {
      gtk_label_set_text (label, lg_metrics_row_get_title (row));
      return;
    }
  text = figure_text (self, info->key, lg_metrics_row_get_figures (row));
  gtk_label_set_text (label, text);
  if (g_str_equal (info->key, "roi"))
    {
      g_autofree char *context = roi_context (self, lg_metrics_row_get_figures (row));

      gtk_widget_set_tooltip_text (GTK_WIDGET (label), context);
    }
}

/* Figures without a value sort after every value. */
static int
compare_rows_cb (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  const LgFigureInfo *info = data;
  LgMetricsRow *x = LG_METRICS_ROW ((gpointer) a), *y = LG_METRICS_ROW ((gpointer) b);
  LgFigure fx, fy;

  if (info == NULL)
    return g_utf8_collate (lg_metrics_row_get_title (x), lg_metrics_row_get_title (y));

  fx = lg_figure_info_get (info, lg_metrics_row_get_figures (x));
  fy = lg_figure_info_get (info, lg_metrics_row_get_figures (y));
  if (fx.known != fy.known)
    return fx.known ? -1 : 1;
  return (fx.value > fy.value) - (fx.value < fy.value);
}

static GtkColumnViewColumn *
add_column (LgInsightsView     *self,
            const char         *title,
            const LgFigureInfo *info)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;
  GtkSorter *sorter;

  g_object_set_data (G_OBJECT (factory), "figure", (gpointer) info);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), (gpointer) info);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), self);

  column = gtk_column_view_column_new (title, factory);
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_rows_cb, (gpointer) info, NULL));
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_column_set_expand (column, info == NULL);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (self->table, column);
  g_object_unref (sorter);
  g_object_unref (column);
  return column;
}

static void
build_table (LgInsightsView *self)
{
  GtkColumnViewColumn *leads;
  GtkNoSelection *selection;

  add_column (self, _("Source"), NULL);
  leads = add_column (self, _(lg_figure_info_lookup (table_columns[0])->label),
                      lg_figure_info_lookup (table_columns[0]));
  for (guint i = 1; i < G_N_ELEMENTS (table_columns); i++)
    {
      const LgFigureInfo *info = lg_figure_info_lookup (table_columns[i]);

      add_column (self, g_str_equal (info->key, "speed_from_message") ? _("Speed to Lead")
                                                                     : _(info->label), info);
    }

  self->sorted = gtk_sort_list_model_new (NULL, g_object_ref (gtk_column_view_get_sorter (self->table)));
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_column_view_set_model (self->table, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  gtk_column_view_sort_by_column (self->table, leads, GTK_SORT_DESCENDING);
}

/* The charts, each in a card with its title and an export button, and each
 * in the Export menu, in the order of lg-chart.c's table. */
static void
build_charts (LgInsightsView *self)
{
  g_autoptr(GMenu) section = g_menu_new ();

  self->charts = g_ptr_array_new ();
  for (guint i = 0; i < lg_chart_get_n_infos (); i++)
    {
      const LgChartInfo *info = lg_chart_get_info_at (i);
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *title, *button, *chart = lg_chart_new (info->id);
      g_autoptr(GMenuItem) item = g_menu_item_new (_(info->export_label), NULL);

      title = gtk_label_new (lg_chart_get_title (LG_CHART (chart)));
      gtk_label_set_xalign (GTK_LABEL (title), 0);
      gtk_widget_set_hexpand (title, TRUE);
      gtk_widget_add_css_class (title, "heading");
      button = gtk_button_new_from_icon_name ("document-save-symbolic");
      gtk_widget_add_css_class (button, "flat");
      lg_widget_set_name (button, _("Export as PNG"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "insights.export-chart");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", info->id);
      gtk_box_append (GTK_BOX (header), title);
      gtk_box_append (GTK_BOX (header), button);

      gtk_widget_set_vexpand (chart, TRUE);
      g_signal_connect (chart, "source-activated", G_CALLBACK (on_chart_source_activated_cb), self);
      gtk_box_append (GTK_BOX (card), header);
      gtk_box_append (GTK_BOX (card), chart);
      gtk_widget_add_css_class (card, "card");
      gtk_widget_add_css_class (card, "chart-card");
      gtk_flow_box_append (self->charts_box, card);
      g_ptr_array_add (self->charts, chart);

      g_menu_item_set_action_and_target (item, "insights.export-chart", "s", info->id);
      g_menu_append_item (section, item);
    }
  g_menu_append_section (self->export_menu, _("Chart as PNG"), G_MENU_MODEL (section));
}

/* Public */

void
lg_insights_view_set_store (LgInsightsView *self,
                            LgStore        *store)
{
  g_return_if_fail (LG_IS_INSIGHTS_VIEW (self));
  g_return_if_fail (store == NULL || LG_IS_STORE (store));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "insights.add-cost", store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "insights.show-costs", store != NULL);

  if (store == NULL)
    {
      adw_status_page_set_description (self->error_page,
                                       _("The database could not be opened."));
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  g_signal_connect (store, "changed::leads", G_CALLBACK (on_store_changed_cb), self);
  g_signal_connect (store, "changed::costs", G_CALLBACK (on_store_changed_cb), self);
  g_signal_connect (store, "changed::sources", G_CALLBACK (on_store_changed_cb), self);
  refresh (self);
}

void
lg_insights_view_set_period (LgInsightsView *self,
                             gint64          from,
                             gint64          to)
{
  g_return_if_fail (LG_IS_INSIGHTS_VIEW (self));
  g_return_if_fail (to > from);

  self->custom_from = from;
  self->custom_to = to;
  if (gtk_drop_down_get_selected (self->period_dropdown) != LG_PERIOD_CUSTOM)
    {
      g_autoptr(GDateTime) a = g_date_time_new_from_unix_local (from);
      g_autoptr(GDateTime) b = g_date_time_new_from_unix_local (to - DAY);
      g_autofree char *a_text = g_date_time_format (a, "%Y-%m-%d");
      g_autofree char *b_text = g_date_time_format (b, "%Y-%m-%d");

      gtk_editable_set_text (GTK_EDITABLE (self->from_entry), a_text);
      gtk_editable_set_text (GTK_EDITABLE (self->to_entry), b_text);
      gtk_drop_down_set_selected (self->period_dropdown, LG_PERIOD_CUSTOM);
    }
  refresh (self);
}

LgMetricsReport *
lg_insights_view_get_report (LgInsightsView *self)
{
  g_return_val_if_fail (LG_IS_INSIGHTS_VIEW (self), NULL);

  return self->report;
}

const char *
lg_insights_view_get_state (LgInsightsView *self)
{
  g_return_val_if_fail (LG_IS_INSIGHTS_VIEW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/* NULL for an id no chart has. */
LgChart *
lg_insights_view_get_chart (LgInsightsView *self,
                            const char     *id)
{
  g_return_val_if_fail (LG_IS_INSIGHTS_VIEW (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->charts->len; i++)
    {
      LgChart *chart = g_ptr_array_index (self->charts, i);

      if (g_str_equal (lg_chart_get_info (chart)->id, id))
        return chart;
    }
  return NULL;
}

static void
lg_insights_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LgInsightsView *self = LG_INSIGHTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      g_value_set_boxed (value, self->report);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lg_insights_view_dispose (GObject *object)
{
  LgInsightsView *self = LG_INSIGHTS_VIEW (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_pointer (&self->report, lg_metrics_report_unref);
  g_clear_pointer (&self->currency, g_free);
  g_clear_object (&self->sorted);
  g_clear_pointer (&self->charts, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), LG_TYPE_INSIGHTS_VIEW);
  /* GTK 4.8 leaves the unnamed top box of the template in place. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (lg_insights_view_parent_class)->dispose (object);
}

static void
lg_insights_view_class_init (LgInsightsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = lg_insights_view_get_property;
  object_class->dispose = lg_insights_view_dispose;
  widget_class->map = lg_insights_view_map;

  properties[PROP_REPORT] =
    g_param_spec_boxed ("report", NULL, NULL, LG_TYPE_METRICS_REPORT,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LG_TYPE_FIGURE_CARD);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadgram/Desktop/ui/lg-insights-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LgInsightsView, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LgInsightsView, currency_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LgInsightsView, currencies);
  gtk_widget_class_bind_template_child (widget_class, LgInsightsView, custom_box);
  gtk_widget_class_bind_template_child (widget_class, LgInsightsView, from_entry);
  gtk_widget_class_bind_template_child (widget_class, LgInsightsView, to_entry);
  gtk_widget_class_bind_template_child (widget_class, LgInsightsView, period_label);
  gtk_widget_class_bind_template_child (widget_class, LgInsightsView, stack);
  gtk_widget_class_bind_template_child (widget_class, LgInsightsView, error_page);
  gtk_widget_class_bind_template_child (widget_class, LgInsightsView, cohort_label);
  gtk_widget_class_bind_template_child (widget_class, LgInsightsView, charts_box);
  gtk_widget_class_bind_template_child (widget_class, LgInsightsView, export_menu);
  gtk_widget_class_bind_template_child (widget_class, LgInsightsView, table);
  gtk_widget_class_bind_template_child (widget_class, LgInsightsView, leads_card);
  gtk_widget_class_bind_template_child (widget_class, LgInsightsView, cpl_card);
  gtk_widget_class_bind_template_child (widget_class, LgInsightsView, conversion_card);
  gtk_widget_class_bind_template_child (widget_class, LgInsightsView, speed_card);
  gtk_widget_class_bind_template_child (widget_class, LgInsightsView, roi_card);
  gtk_widget_class_bind_template_child (widget_class, LgInsightsView, deal_card);
  gtk_widget_class_bind_template_callback (widget_class, on_period_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_currency_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_custom_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_table_activate_cb);

  gtk_widget_class_install_action (widget_class, "insights.add-cost", NULL, add_cost_action);
  gtk_widget_class_install_action (widget_class, "insights.show-costs", NULL, show_costs_action);
  gtk_widget_class_install_action (widget_class, "insights.export-csv", NULL, export_csv_action);
  gtk_widget_class_install_action (widget_class, "insights.export-chart", "s",
                                   export_chart_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "insights.add-cost", NULL);
}

static void
lg_insights_view_init (LgInsightsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  build_charts (self);
  build_table (self);
}
