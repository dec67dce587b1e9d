/* lg-add-channel-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Sources view's Add Channel dialog. The name is checked by the same
 * parser that adds the channel (lg-channel-handle), so Add is only on for
 * what will be accepted, and the reason for a refusal shows below the field.
 */

#define G_LOG_DOMAIN "lg-add-channel-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-add-channel-dialog.h"
#include "lg-channel-handle.h"

struct _LgAddChannelDialog
{
  AdwMessageDialog parent_instance;

  GtkEntry        *entry;
  GtkLabel        *hint;
  GtkDropDown     *depth;
};

G_DEFINE_FINAL_TYPE (LgAddChannelDialog, lg_add_channel_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* The choices of "Read back", in the drop-down's order. */
static const struct
{
  const char *label;
  guint       count;
  guint       days;
} depths[] = {
  { N_("Last 100 messages"), 100, 0 },
  { N_("Last 500 messages"), 500, 0 },
  { N_("Last 2,000 messages"), 2000, 0 },
  { N_("Last 7 days"), 0, 7 },
  { N_("Last 30 days"), 0, 30 },
};

LgAddChannelDialog *
lg_add_channel_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (LG_TYPE_ADD_CHANNEL_DIALOG, "transient-for", parent, NULL);
}

const char *
lg_add_channel_dialog_get_channel (LgAddChannelDialog *self)
{
  g_return_val_if_fail (LG_IS_ADD_CHANNEL_DIALOG (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

void
lg_add_channel_dialog_get_depth (LgAddChannelDialog *self,
                                 LgSyncDepth        *depth)
{
  guint chosen;

  g_return_if_fail (LG_IS_ADD_CHANNEL_DIALOG (self));
  g_return_if_fail (depth != NULL);

  chosen = MIN (gtk_drop_down_get_selected (self->depth), G_N_ELEMENTS (depths) - 1);
  depth->count = depths[chosen].count;
  depth->since = depths[chosen].days > 0
                 ? g_get_real_time () / G_USEC_PER_SEC - (gint64) depths[chosen].days * 86400
                 : 0;
}

static void
on_entry_changed_cb (LgAddChannelDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autoptr(GError) error = NULL;
  g_autofree char *handle = lg_channel_handle_parse (text, NULL, &error);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "add", handle != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->hint), handle == NULL && *text != '\0');
  if (handle == NULL)
    gtk_label_set_text (self->hint, error->message);
  if (handle == NULL && *text != '\0')
    gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
}

/* The name is what one types first. */
static void
lg_add_channel_dialog_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (lg_add_channel_dialog_parent_class)->map (widget);
  gtk_widget_grab_focus (GTK_WIDGET (LG_ADD_CHANNEL_DIALOG (widget)->entry));
}

static void
lg_add_channel_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LG_TYPE_ADD_CHANNEL_DIALOG);

  G_OBJECT_CLASS (lg_add_channel_dialog_parent_class)->dispose (object);
}

static void
lg_add_channel_dialog_class_init (LgAddChannelDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lg_add_channel_dialog_dispose;
  widget_class->map = lg_add_channel_dialog_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadgram/Desktop/ui/lg-add-channel-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LgAddChannelDialog, entry);
  gtk_widget_class_bind_template_child (widget_class, LgAddChannelDialog, hint);
  gtk_widget_class_bind_template_child (widget_class, LgAddChannelDialog, depth);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed_cb);
}

static void
lg_add_channel_dialog_init (LgAddChannelDialog *self)
{
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Filled here, not in the .ui: each label sits beside its depth. */
  for (guint i = 0; i < G_N_ELEMENTS (depths); i++)
    gtk_string_list_append (choices, _(depths[i].label));
  gtk_drop_down_set_model (self->depth, G_LIST_MODEL (choices));
}
