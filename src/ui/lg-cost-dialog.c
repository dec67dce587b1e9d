/* lg-cost-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-cost-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-cost-dialog.h"
#include "lg-format.h"
#include "lg-metrics-format.h"
#include "lg-month-button.h"
#include "lg-ui-util.h"
#include "lg-pipeline.h"

#define DAY 86400

struct _LgCostDialog
{
  AdwMessageDialog  parent_instance;

  LgStore          *store;
  GListModel       *sources;
  gint64            cost_id;     /* the cost being edited, 0 when adding one */

  AdwComboRow      *source_row;
  AdwComboRow      *span_row;
  AdwActionRow     *month_row;
  LgMonthButton    *month_button;
  AdwEntryRow      *from_row;
  AdwEntryRow      *to_row;
  AdwEntryRow      *amount_row;
  AdwComboRow      *currency_row;
  GtkStringList    *currencies;
  AdwEntryRow      *note_row;
};

G_DEFINE_FINAL_TYPE (LgCostDialog, lg_cost_dialog, ADW_TYPE_MESSAGE_DIALOG)

typedef struct
{
  gint64      source_id;
  gint64      start;
  gint64      end;
  gint64      amount;
  const char *currency;
} CostForm;

static gboolean
row_ok (AdwEntryRow *row,
        gboolean     ok)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  /* An empty field is not wrong yet, only not done. */
  if (ok || *text == '\0')
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  return ok;
}

static gboolean
read_form (LgCostDialog *self,
           CostForm     *form)
{
  guint position = adw_combo_row_get_selected (self->source_row);
  gboolean by_month = adw_combo_row_get_selected (self->span_row) == 0;
  guint chosen = adw_combo_row_get_selected (self->currency_row);
  const char *currency = gtk_string_list_get_string (self->currencies, chosen);
  gboolean ok = TRUE;

  if (position == GTK_INVALID_LIST_POSITION || self->sources == NULL ||
      position >= g_list_model_get_n_items (self->sources))
    ok = FALSE;
  else
    {
      g_autoptr(LgSource) source = g_list_model_get_item (self->sources, position);

      form->source_id = lg_source_get_id (source);
    }

  if (by_month)
    lg_month_range (lg_month_button_get_year (self->month_button),
                    lg_month_button_get_month (self->month_button), NULL,
                    &form->start, &form->end);
  else
    {
      gint64 last = 0;

      ok &= row_ok (self->from_row,
                    lg_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->from_row)), NULL,
                                   &form->start, NULL));
      ok &= row_ok (self->to_row,
                    lg_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->to_row)), NULL,
                                   &last, NULL));
      form->end = last + DAY;
      ok = ok && form->end > form->start;
    }

  ok &= row_ok (self->amount_row,
                lg_parse_amount (gtk_editable_get_text (GTK_EDITABLE (self->amount_row)),
                                 &form->amount, NULL));
  form->currency = currency;
  return ok && currency != NULL;
}

static void
validate (LgCostDialog *self)
{
  CostForm form;

  gtk_widget_set_visible (GTK_WIDGET (self->month_row),
                          adw_combo_row_get_selected (self->span_row) == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->from_row),
                          adw_combo_row_get_selected (self->span_row) == 1);
  gtk_widget_set_visible (GTK_WIDGET (self->to_row),
                          adw_combo_row_get_selected (self->span_row) == 1);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "add",
                                           read_form (self, &form));
}

gboolean
lg_cost_dialog_can_add (LgCostDialog *self)
{
  g_return_val_if_fail (LG_IS_COST_DIALOG (self), FALSE);

  return adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (self), "add");
}

void
lg_cost_dialog_fill (LgCostDialog *self,
                     guint         source_position,
                     int           year,
                     int           month,
                     const char   *amount)
{
  g_return_if_fail (LG_IS_COST_DIALOG (self));

  adw_combo_row_set_selected (self->source_row, source_position);
  adw_combo_row_set_selected (self->span_row, 0);
  lg_month_button_set_month (self->month_button, year, month);
  gtk_editable_set_text (GTK_EDITABLE (self->amount_row), amount);
}

/* The cost as the worker writes it: added when its id is 0. */
static gboolean
write_cost (LgStore  *store,
            gpointer  data,
            GError  **error)
{
  LgCost *cost = data;

  if (lg_cost_get_id (cost) != 0)
    return lg_store_update_cost (store, cost, error);
  return lg_store_add_cost (store, lg_cost_get_source_id (cost), lg_cost_get_period_start (cost),
                            lg_cost_get_period_end (cost), lg_cost_get_amount (cost),
                            lg_cost_get_currency (cost), lg_cost_get_note (cost), error) != 0;
}

/* widget: the window the dialog was opened from (the main window or Costs),
 * which says how the write went. */
static void
on_cost_written (GtkWidget    *widget,
                 gpointer      data,
                 const GError *error)
{
  const char *text = lg_cost_get_id (data) == 0 ? _("Cost added") : _("Cost saved");

  lg_window_toast (GTK_WINDOW (widget), error != NULL ? error->message : text);
}

/* The dialog has closed by then (libadwaita closes a message dialog on any
 * response): the window it was opened from tells when the cost has landed,
 * or why it has not. */
static void
lg_cost_dialog_response (AdwMessageDialog *dialog,
                         const char       *response)
{
  LgCostDialog *self = LG_COST_DIALOG (dialog);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  LgCost *cost;
  CostForm form;

  if (g_strcmp0 (response, "add") != 0 || !read_form (self, &form))
    return;

  cost = lg_cost_new ();
  lg_cost_set_id (cost, self->cost_id);
  lg_cost_set_source_id (cost, form.source_id);
  lg_cost_set_period_start (cost, form.start);
  lg_cost_set_period_end (cost, form.end);
  lg_cost_set_amount (cost, form.amount);
  lg_cost_set_currency (cost, form.currency);
  lg_cost_set_note (cost, gtk_editable_get_text (GTK_EDITABLE (self->note_row)));
  lg_widget_write (parent != NULL ? GTK_WIDGET (parent) : GTK_WIDGET (self), self->store,
                   LG_STORE_CHANGED_COSTS, write_cost, cost, g_object_unref, on_cost_written);
}

static char *
source_title (LgSource *source)
{
  const char *title = lg_source_get_title (source);

  return g_strdup (title != NULL && *title != '\0' ? title : lg_source_get_handle (source));
}

/* The currency chosen from those in use and the common ones, current first. */
static void
fill_currencies (LgCostDialog *self,
                 const char   *current)
{
  g_auto(GStrv) in_use = lg_store_list_currencies (self->store, NULL);
  g_auto(GStrv) codes = lg_currency_choices ((const char * const *) in_use, current);

  gtk_string_list_splice (self->currencies, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->currencies)),
                          (const char * const *) codes);
  adw_combo_row_set_selected (self->currency_row, 0);
}

static LgCostDialog *
create (GtkWindow *parent,
        LgStore   *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkExpression) expression = NULL;
  LgCostDialog *self;

  self = g_object_new (LG_TYPE_COST_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  self->store = g_object_ref (store);
  self->sources = lg_store_list_sources_brief (store, &error);
  if (self->sources == NULL || g_list_model_get_n_items (self->sources) == 0)
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                                 error != NULL ? error->message
                                               : _("Add a source first: a cost belongs to one."));

  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (source_title), NULL, NULL);
  adw_combo_row_set_expression (self->source_row, expression);
  adw_combo_row_set_model (self->source_row, self->sources);
  return self;
}

LgCostDialog *
lg_cost_dialog_new (GtkWindow  *parent,
                    LgStore    *store,
                    const char *currency)
{
  LgCostDialog *self;

  g_return_val_if_fail (LG_IS_STORE (store), NULL);

  /* The month button starts at this month. */
  self = create (parent, store);
  fill_currencies (self, currency != NULL ? currency : "USD");
  validate (self);
  return self;
}

/* The period as the form shows it: a month when it is one whole local
 * month, else its first and last day. */
static void
fill_period (LgCostDialog *self,
             gint64        start,
             gint64        end)
{
  g_autoptr(GDateTime) first = g_date_time_new_from_unix_local (start);
  g_autoptr(GDateTime) last = g_date_time_new_from_unix_local (end - DAY);
  g_autoptr(GDateTime) next_month = g_date_time_add_months (first, 1);
  g_autofree char *from = g_date_time_format (first, "%Y-%m-%d");
  g_autofree char *to = g_date_time_format (last, "%Y-%m-%d");
  gboolean whole_month = g_date_time_get_day_of_month (first) == 1 &&
                         g_date_time_get_hour (first) == 0 &&
                         g_date_time_get_minute (first) == 0 &&
                         g_date_time_get_second (first) == 0 &&
                         g_date_time_to_unix (next_month) == end;

  lg_month_button_set_month (self->month_button, g_date_time_get_year (first),
                             g_date_time_get_month (first));
  gtk_editable_set_text (GTK_EDITABLE (self->from_row), from);
  gtk_editable_set_text (GTK_EDITABLE (self->to_row), to);
  adw_combo_row_set_selected (self->span_row, whole_month ? 0 : 1);
}

LgCostDialog *
lg_cost_dialog_new_for_cost (GtkWindow *parent,
                             LgStore   *store,
                             LgCost    *cost)
{
  g_autofree char *amount = NULL;
  LgCostDialog *self;
  guint n;

  g_return_val_if_fail (LG_IS_STORE (store), NULL);
  g_return_val_if_fail (LG_IS_COST (cost), NULL);

  self = create (parent, store);
  self->cost_id = lg_cost_get_id (cost);
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Edit Cost"));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                               _("Cost per lead and ROI count the cost as you save it, in every "
                                 "period it overlaps."));
  /* The one response that writes: "add" in both modes. */
  adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "add", _("_Save"));

  n = self->sources != NULL ? g_list_model_get_n_items (self->sources) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LgSource) source = g_list_model_get_item (self->sources, i);

      if (lg_source_get_id (source) == lg_cost_get_source_id (cost))
        adw_combo_row_set_selected (self->source_row, i);
    }
  fill_period (self, lg_cost_get_period_start (cost), lg_cost_get_period_end (cost));
  amount = lg_format_amount (lg_cost_get_amount (cost));
  gtk_editable_set_text (GTK_EDITABLE (self->amount_row), amount);
  fill_currencies (self, lg_cost_get_currency (cost));
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), lg_cost_get_note (cost));
  validate (self);
  return self;
}

static void
lg_cost_dialog_dispose (GObject *object)
{
  LgCostDialog *self = LG_COST_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->sources);
  gtk_widget_dispose_template (GTK_WIDGET (self), LG_TYPE_COST_DIALOG);

  G_OBJECT_CLASS (lg_cost_dialog_parent_class)->dispose (object);
}

static void
lg_cost_dialog_class_init (LgCostDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = lg_cost_dialog_dispose;
  dialog_class->response = lg_cost_dialog_response;

  g_type_ensure (LG_TYPE_MONTH_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadgram/Desktop/ui/lg-cost-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LgCostDialog, source_row);
  gtk_widget_class_bind_template_child (widget_class, LgCostDialog, span_row);
  gtk_widget_class_bind_template_child (widget_class, LgCostDialog, month_row);
  gtk_widget_class_bind_template_child (widget_class, LgCostDialog, month_button);
  gtk_widget_class_bind_template_child (widget_class, LgCostDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, LgCostDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, LgCostDialog, amount_row);
  gtk_widget_class_bind_template_child (widget_class, LgCostDialog, currency_row);
  gtk_widget_class_bind_template_child (widget_class, LgCostDialog, currencies);
  gtk_widget_class_bind_template_child (widget_class, LgCostDialog, note_row);
  gtk_widget_class_bind_template_callback (widget_class, validate);
}

static void
lg_cost_dialog_init (LgCostDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
