/* lg-new-lead-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The board's New Lead dialog: a message dialog whose fields are checked by
 * the same rules as imported leads (lg-lead-validate), so what it creates
 * passes them.
 */

#define G_LOG_DOMAIN "lg-new-lead-dialog"

#include "config.h"

#include "lg-lead-validate.h"
#include "lg-new-lead-dialog.h"

struct _LgNewLeadDialog
{
  AdwMessageDialog parent_instance;

  AdwEntryRow     *name;
  AdwEntryRow     *handle;
  AdwEntryRow     *email;
  AdwEntryRow     *phone;
  AdwEntryRow     *value;
  GtkLabel        *error_label;
};

G_DEFINE_FINAL_TYPE (LgNewLeadDialog, lg_new_lead_dialog, ADW_TYPE_MESSAGE_DIALOG)

LgNewLeadDialog *
lg_new_lead_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (LG_TYPE_NEW_LEAD_DIALOG, "transient-for", parent, NULL);
}

static const char *
text_of (AdwEntryRow *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

LgLead *
lg_new_lead_dialog_dup_lead (LgNewLeadDialog  *self,
                             GError          **error)
{
  g_autoptr(LgLead) lead = lg_lead_new ();
  gint64 minor = 0;

  g_return_val_if_fail (LG_IS_NEW_LEAD_DIALOG (self), NULL);

  lg_lead_set_name (lead, text_of (self->name));
  lg_lead_set_telegram_handle (lead, text_of (self->handle));
  lg_lead_set_email (lead, text_of (self->email));
  lg_lead_set_phone (lead, text_of (self->phone));
  if (!lg_lead_validate_value (text_of (self->value), &minor, error))
    return NULL;
  lg_lead_set_value (lead, minor);
  if (!lg_lead_validate (lead, error))
    return NULL;
  return g_steal_pointer (&lead);
}

static void
on_row_changed_cb (LgNewLeadDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgLead) lead = lg_new_lead_dialog_dup_lead (self, &error);
  gboolean empty = *text_of (self->name) == '\0' && *text_of (self->handle) == '\0' &&
                   *text_of (self->email) == '\0' && *text_of (self->phone) == '\0';

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "create", lead != NULL);
  /* Nothing typed yet is not an error worth a red message. */
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), lead == NULL && !empty);
  if (lead == NULL)
    gtk_label_set_label (self->error_label, error->message);
}

/* The name is what one types first. */
static void
lg_new_lead_dialog_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (lg_new_lead_dialog_parent_class)->map (widget);
  gtk_widget_grab_focus (GTK_WIDGET (LG_NEW_LEAD_DIALOG (widget)->name));
}

static void
lg_new_lead_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LG_TYPE_NEW_LEAD_DIALOG);

  G_OBJECT_CLASS (lg_new_lead_dialog_parent_class)->dispose (object);
}

static void
lg_new_lead_dialog_class_init (LgNewLeadDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lg_new_lead_dialog_dispose;
  widget_class->map = lg_new_lead_dialog_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadgram/Desktop/ui/lg-new-lead-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LgNewLeadDialog, name);
  gtk_widget_class_bind_template_child (widget_class, LgNewLeadDialog, handle);
  gtk_widget_class_bind_template_child (widget_class, LgNewLeadDialog, email);
  gtk_widget_class_bind_template_child (widget_class, LgNewLeadDialog, phone);
  gtk_widget_class_bind_template_child (widget_class, LgNewLeadDialog, value);
  gtk_widget_class_bind_template_child (widget_class, LgNewLeadDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_row_changed_cb);
}

static void
lg_new_lead_dialog_init (LgNewLeadDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
