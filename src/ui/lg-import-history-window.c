/* lg-import-history-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-import-history"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-date-format.h"
#include "lg-import-history-window.h"
#include "lg-lead-import.h"
#include "lg-ui-util.h"

struct _LgImportHistoryWindow
{
  AdwWindow        parent_instance;

  LgStore         *store;
  GListModel      *batches;

  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkListBox      *list_box;
};

G_DEFINE_FINAL_TYPE (LgImportHistoryWindow, lg_import_history_window, ADW_TYPE_WINDOW)

static void refresh (LgImportHistoryWindow *self);

static void
show_toast (LgImportHistoryWindow *self,
            const char            *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* Undoing 100,000 leads is not for the main thread: a worker does it, in
 * turn with the other changes the user makes (lg_widget_write()). */
static gboolean
write_undo (LgStore  *store,
            gpointer  data,
            GError  **error)
{
  return lg_lead_import_undo (store, *(gint64 *) data, error);
}

static void
on_undone (GtkWidget    *widget,
           gpointer      data,
           const GError *error)
{
  LgImportHistoryWindow *self = LG_IMPORT_HISTORY_WINDOW (widget);

  if (error != NULL)
    {
      show_toast (self, error->message);
      return;
    }
  refresh (self);
  show_toast (self, _("Import undone"));
}

void
lg_import_history_window_undo (LgImportHistoryWindow *self,
                               gint64                 batch_id)
{
  g_return_if_fail (LG_IS_IMPORT_HISTORY_WINDOW (self));

  lg_widget_write (GTK_WIDGET (self), self->store, LG_STORE_CHANGED_LEADS, write_undo,
                   g_memdup2 (&batch_id, sizeof batch_id), g_free, on_undone);
}

static void
on_confirm_response_cb (AdwMessageDialog      *dialog,
                        const char            *response,
                        LgImportHistoryWindow *self)
{
  gint64 *batch_id = g_object_get_data (G_OBJECT (dialog), "batch-id");

  if (g_str_equal (response, "undo"))
    lg_import_history_window_undo (self, *batch_id);
}

static void
on_undo_button_clicked_cb (GtkButton             *button,
                           LgImportHistoryWindow *self)
{
  LgImportBatch *batch = g_object_get_data (G_OBJECT (button), "batch");
  gint64 batch_id = lg_import_batch_get_id (batch);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  body = g_strdup_printf (_("The %u leads this import created will be removed and the %u it "
                            "updated get their previous values back. Changes you made to "
                            "them since are lost."),
                          lg_import_batch_get_created (batch),
                          lg_import_batch_get_updated (batch));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Undo This Import?"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "undo", _("_Undo Import"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "undo", ADW_RESPONSE_DESTRUCTIVE);
  g_object_set_data_full (G_OBJECT (dialog), "batch-id",
                          g_memdup2 (&batch_id, sizeof batch_id), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_confirm_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  LgImportHistoryWindow *self = user_data;
  LgImportBatch *batch = item;
  g_autofree char *date = lg_format_when (lg_import_batch_get_created_at (batch),
                                         g_get_real_time () / G_USEC_PER_SEC, NULL);
  g_autofree char *title = g_markup_escape_text (lg_import_batch_get_file_name (batch), -1);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *suffix;

  subtitle = g_strdup_printf (_("%s · %u created, %u updated, %u skipped, %u failed"), date,
                              lg_import_batch_get_created (batch),
                              lg_import_batch_get_updated (batch),
                              lg_import_batch_get_skipped (batch),
                              lg_import_batch_get_failed (batch));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  if (lg_import_batch_get_undone_at (batch) != 0)
    {
      suffix = gtk_label_new (_("Undone"));
      gtk_widget_add_css_class (suffix, "dim-label");
    }
  else
    {
      suffix = gtk_button_new_with_mnemonic (_("_Undo"));
      gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (suffix), "batch", batch);
      g_signal_connect (suffix, "clicked", G_CALLBACK (on_undo_button_clicked_cb), self);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
  return row;
}

static void
refresh (LgImportHistoryWindow *self)
{
  g_autoptr(GError) error = NULL;

  /* A small table, read on its indexed key: fine on this thread. */
  g_clear_object (&self->batches);
  self->batches = lg_lead_import_list_batches (self->store, &error);
  if (self->batches == NULL)
    {
      show_toast (self, error->message);
      self->batches = G_LIST_MODEL (g_list_store_new (LG_TYPE_IMPORT_BATCH));
    }
  gtk_list_box_bind_model (self->list_box, self->batches, create_row, self, NULL);
  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (self->batches) > 0 ? "list"
                                                                                 : "empty");
}

static void
lg_import_history_window_dispose (GObject *object)
{
  LgImportHistoryWindow *self = LG_IMPORT_HISTORY_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LG_TYPE_IMPORT_HISTORY_WINDOW);
  g_clear_object (&self->batches);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (lg_import_history_window_parent_class)->dispose (object);
}

static void
lg_import_history_window_class_init (LgImportHistoryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lg_import_history_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadgram/Desktop/ui/"
                                               "lg-import-history-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LgImportHistoryWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LgImportHistoryWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LgImportHistoryWindow, list_box);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lg_import_history_window_init (LgImportHistoryWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LgImportHistoryWindow *
lg_import_history_window_new (GtkWindow *parent,
                              LgStore   *store)
{
  LgImportHistoryWindow *self;

  g_return_val_if_fail (LG_IS_STORE (store), NULL);

  self = g_object_new (LG_TYPE_IMPORT_HISTORY_WINDOW, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  refresh (self);
  return self;
}

guint
lg_import_history_window_get_n_imports (LgImportHistoryWindow *self)
{
  g_return_val_if_fail (LG_IS_IMPORT_HISTORY_WINDOW (self), 0);

  return g_list_model_get_n_items (self->batches);
}
