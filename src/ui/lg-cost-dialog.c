/* lg-cost-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-cost-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-cost-dialog.h"
#include "lg-metrics-format.h"
#include "lg-window.h"

#define DAY 86400

struct _LgCostDialog
{
  AdwMessageDialog  parent_instance;

  LgStore          *store;
  GListModel       *sources;

  AdwComboRow      *source_row;
  AdwComboRow      *span_row;
  AdwEntryRow      *month_row;
  AdwEntryRow      *from_row;
  AdwEntryRow      *to_row;
  AdwEntryRow      *amount_row;
  AdwEntryRow      *currency_row;
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
  const char *currency = gtk_editable_get_text (GTK_EDITABLE (self->currency_row));
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
    ok &= row_ok (self->month_row,
                  lg_parse_month (gtk_editable_get_text (GTK_EDITABLE (self->month_row)), NULL,
                                  &form->start, &form->end, NULL));
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
  ok &= row_ok (self->currency_row, strlen (currency) == 3);
  form->currency = currency;
  return ok;
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
                     const char   *month,
                     const char   *amount)
{
  g_return_if_fail (LG_IS_COST_DIALOG (self));

  adw_combo_row_set_selected (self->source_row, source_position);
  adw_combo_row_set_selected (self->span_row, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->month_row), month);
  gtk_editable_set_text (GTK_EDITABLE (self->amount_row), amount);
}

static void
show_toast (LgCostDialog *self,
            const char   *text)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (LG_IS_WINDOW (parent))
    lg_window_add_toast (LG_WINDOW (parent), adw_toast_new (text));
}

static void
lg_cost_dialog_response (AdwMessageDialog *dialog,
                         const char       *response)
{
  LgCostDialog *self = LG_COST_DIALOG (dialog);
  g_autoptr(GError) error = NULL;
  g_autofree char *currency = NULL;
  CostForm form;

  if (g_strcmp0 (response, "add") != 0 || !read_form (self, &form))
    return;

  /* One small insert: fine on the main thread. */
  currency = g_ascii_strup (form.currency, -1);
  if (lg_store_add_cost (self->store, form.source_id, form.start, form.end, form.amount, currency,
                         gtk_editable_get_text (GTK_EDITABLE (self->note_row)), &error) == 0)
    {
      show_toast (self, error->message);
      return;
    }

  lg_store_notify_changed (self->store, "costs");
  show_toast (self, _("Cost added"));
}

static char *
source_title (LgSource *source)
{
  const char *title = lg_source_get_title (source);

  return g_strdup (title != NULL && *title != '\0' ? title : lg_source_get_handle (source));
}

LgCostDialog *
lg_cost_dialog_new (GtkWindow  *parent,
                    LgStore    *store,
                    const char *currency)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *month = g_date_time_format (now, "%Y-%m");
  g_autoptr(GtkExpression) expression = NULL;
  LgCostDialog *self;

  g_return_val_if_fail (LG_IS_STORE (store), NULL);

  self = g_object_new (LG_TYPE_COST_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
  self->store = g_object_ref (store);
  self->sources = lg_store_list_sources (store, &error);
  if (self->sources == NULL || g_list_model_get_n_items (self->sources) == 0)
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                                 error != NULL ? error->message
                                               : _("Add a source first: a cost belongs to one."));

  expression = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                            G_CALLBACK (source_title), NULL, NULL);
  adw_combo_row_set_expression (self->source_row, expression);
  adw_combo_row_set_model (self->source_row, self->sources);
  gtk_editable_set_text (GTK_EDITABLE (self->month_row), month);
  gtk_editable_set_text (GTK_EDITABLE (self->currency_row), currency != NULL ? currency : "USD");
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

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadgram/Desktop/ui/lg-cost-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LgCostDialog, source_row);
  gtk_widget_class_bind_template_child (widget_class, LgCostDialog, span_row);
  gtk_widget_class_bind_template_child (widget_class, LgCostDialog, month_row);
  gtk_widget_class_bind_template_child (widget_class, LgCostDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, LgCostDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, LgCostDialog, amount_row);
  gtk_widget_class_bind_template_child (widget_class, LgCostDialog, currency_row);
  gtk_widget_class_bind_template_child (widget_class, LgCostDialog, note_row);
  gtk_widget_class_bind_template_callback (widget_class, validate);
}

static void
lg_cost_dialog_init (LgCostDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
