/* lg-costs-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-costs-window"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-cost-dialog.h"
#include "lg-costs-window.h"
#include "lg-format.h"
#include "lg-metrics-format.h"
#include "lg-pipeline.h"
#include "lg-spend-import.h"
#include "lg-ui-util.h"

struct _LgCostsWindow
{
  AdwWindow        parent_instance;

  LgStore         *store;
  GListModel      *costs;
  LgCost          *removed;  /* the last cost removed, for Undo */
  gint64           focus_id; /* the cost whose row takes the focus after a refresh, 0: the
                              * one that has it before */

  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  GtkListBox      *list_box;
  GtkWidget       *import_button;
};

G_DEFINE_FINAL_TYPE (LgCostsWindow, lg_costs_window, ADW_TYPE_WINDOW)

static void
show_error (LgCostsWindow *self,
            const GError  *error)
{
  lg_widget_show_error (GTK_WIDGET (self->stack), error);
}

static GtkWidget *
create_suffix_button (const char *icon_name,
                      const char *tooltip,
                      const char *accessible_label,
                      const char *action_name,
                      gint64      cost_id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_name (button, action_name);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", cost_id);
  return button;
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  LgCost *cost = item;
  const char *note = lg_cost_get_note (cost);
  g_autofree char *period = lg_format_period (lg_cost_get_period_start (cost),
                                              lg_cost_get_period_end (cost),
                                              g_get_real_time () / G_USEC_PER_SEC, NULL);
  g_autofree char *money = lg_format_money (lg_cost_get_amount (cost),
                                            lg_cost_get_currency (cost));
  g_autofree char *title = g_markup_escape_text (lg_cost_get_source_title (cost), -1);
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *edit_label = NULL;
  g_autofree char *remove_label = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *amount = gtk_label_new (money);
  GtkWidget *edit;

  /* TRANSLATORS: a cost's period and its note, e.g. "1 Mar 2024 – 31 Mar 2024 · boosted posts" */
  subtitle = note != NULL && *note != '\0' ? g_strdup_printf (_("%s · %s"), period, note)
                                           : g_strdup (period);
  escaped = g_markup_escape_text (subtitle, -1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  g_object_set_data (G_OBJECT (row), "cost", cost);

  gtk_widget_set_name (amount, "cost-amount");
  gtk_widget_add_css_class (amount, "numeric");
  gtk_widget_add_css_class (amount, "heading");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount);

  /* TRANSLATORS: a button's label for screen readers: "Edit the cost of @ads, 1 Mar 2024 – …" */
  edit_label = g_strdup_printf (_("Edit the cost of %s, %s"), lg_cost_get_source_title (cost),
                                period);
  /* TRANSLATORS: a button's label for screen readers: "Remove the cost of @ads, 1 Mar 2024 – …" */
  remove_label = g_strdup_printf (_("Remove the cost of %s, %s"),
                                  lg_cost_get_source_title (cost), period);
  edit = create_suffix_button ("document-edit-symbolic", _("Edit"), edit_label, "costs.edit",
                               lg_cost_get_id (cost));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             create_suffix_button ("user-trash-symbolic", _("Remove"),
                                                   remove_label, "costs.remove",
                                                   lg_cost_get_id (cost)));
  /* Enter or a click on the row edits it. */
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), edit);
  return row;
}

static GtkWidget *
find_row (LgCostsWindow *self,
          gint64         cost_id)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list_box, i)) != NULL; i++)
    {
      LgCost *cost = g_object_get_data (G_OBJECT (row), "cost");

      if (lg_cost_get_id (cost) == cost_id)
        return GTK_WIDGET (row);
    }
  return NULL;
}

static LgCost *
find_cost (LgCostsWindow *self,
           gint64         cost_id,
           guint         *position)
{
  for (guint i = 0; i < g_list_model_get_n_items (self->costs); i++)
    {
      g_autoptr(LgCost) cost = g_list_model_get_item (self->costs, i);

      if (lg_cost_get_id (cost) == cost_id)
        {
          if (position != NULL)
            *position = i;
          return g_steal_pointer (&cost);
        }
    }
  return NULL;
}

static void
refresh (LgCostsWindow *self)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));
  GtkWidget *row = focus != NULL ? gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) : NULL;

  if (self->focus_id == 0 && row != NULL)
    self->focus_id = lg_cost_get_id (g_object_get_data (G_OBJECT (row), "cost"));

  /* A small table: fine on this thread. */
  g_clear_object (&self->costs);
  self->costs = lg_store_list_costs (self->store, 0, 0, 0, &error);
  if (self->costs == NULL)
    {
      show_error (self, error);
      self->costs = G_LIST_MODEL (g_list_store_new (LG_TYPE_COST));
    }
  gtk_list_box_bind_model (self->list_box, self->costs, create_row, self, NULL);
  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (self->costs) > 0 ? "list"
                                                                               : "empty");

  /* The rows are new: keep the keyboard where the user was. */
  if (self->focus_id != 0 && (row = find_row (self, self->focus_id)) != NULL)
    gtk_widget_grab_focus (row);
  self->focus_id = 0;
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LgCostsWindow *self = LG_COSTS_WINDOW (widget);
  g_autoptr(LgCost) newest = NULL;

  /* A new cost is most likely in the currency of the latest one. */
  if (g_list_model_get_n_items (self->costs) > 0)
    newest = g_list_model_get_item (self->costs, 0);
  gtk_window_present (GTK_WINDOW (lg_cost_dialog_new (GTK_WINDOW (self), self->store,
                                                      newest != NULL
                                                        ? lg_cost_get_currency (newest)
                                                        : NULL)));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LgCostsWindow *self = LG_COSTS_WINDOW (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(LgCost) cost = find_cost (self, id, NULL);

  if (cost == NULL)
    return;
  gtk_window_present (GTK_WINDOW (lg_cost_dialog_new_for_cost (GTK_WINDOW (self), self->store,
                                                               cost)));
}

/* A removal as the worker writes it; removed is what Undo puts back. */
typedef struct
{
  gint64  id;
  gint64  neighbour_id; /* the row that takes the focus */
  LgCost *removed;
} RemoveWrite;

static void
remove_write_free (gpointer data)
{
  RemoveWrite *remove = data;

  g_clear_object (&remove->removed);
  g_free (remove);
}

static gboolean
write_remove (LgStore  *store,
              gpointer  data,
              GError  **error)
{
  RemoveWrite *remove = data;

  remove->removed = lg_store_delete_cost (store, remove->id, error);
  return remove->removed != NULL;
}

static void
on_removed (GtkWidget    *widget,
            gpointer      data,
            const GError *error)
{
  LgCostsWindow *self = LG_COSTS_WINDOW (widget);
  RemoveWrite *remove = data;
  AdwToast *toast;

  if (error != NULL)
    {
      show_error (self, error);
      return;
    }
  g_clear_object (&self->removed);
  self->removed = g_steal_pointer (&remove->removed);
  self->focus_id = remove->neighbour_id;

  toast = adw_toast_new (_("Cost removed"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "costs.undo-remove");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Off the main thread (lg_widget_write()); the row goes when the removal
 * has landed and the list reloads. */
static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LgCostsWindow *self = LG_COSTS_WINDOW (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(LgCost) listed = NULL;
  g_autoptr(LgCost) neighbour = NULL;
  RemoveWrite *remove;
  guint position = 0;

  listed = find_cost (self, id, &position);
  if (listed == NULL)
    return;
  /* The focus goes to the row below, or above the last one. */
  if (position + 1 < g_list_model_get_n_items (self->costs))
    neighbour = g_list_model_get_item (self->costs, position + 1);
  else if (position > 0)
    neighbour = g_list_model_get_item (self->costs, position - 1);

  remove = g_new0 (RemoveWrite, 1);
  remove->id = id;
  remove->neighbour_id = neighbour != NULL ? lg_cost_get_id (neighbour) : 0;
  lg_widget_write (widget, self->store, LG_STORE_CHANGED_COSTS, write_remove, remove,
                   remove_write_free, on_removed);
}

static gboolean
write_restore (LgStore  *store,
               gpointer  data,
               GError  **error)
{
  return lg_store_restore_cost (store, data, error);
}

static void
on_restored (GtkWidget    *widget,
             gpointer      data,
             const GError *error)
{
  if (error != NULL)
    show_error (LG_COSTS_WINDOW (widget), error);
  else
    LG_COSTS_WINDOW (widget)->focus_id = lg_cost_get_id (data);
}

static void
undo_remove_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LgCostsWindow *self = LG_COSTS_WINDOW (widget);
  LgCost *removed = g_steal_pointer (&self->removed);

  if (removed != NULL)
    lg_widget_write (widget, self->store, LG_STORE_CHANGED_COSTS, write_restore, removed,
                     g_object_unref, on_restored);
}

static void
on_spend_imported_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(LgCostsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  LgSpendImportResult imported;
  AdwToast *toast;

  gtk_widget_set_sensitive (self->import_button, TRUE);
  if (!lg_spend_import_finish (result, &imported, &error))
    {
      show_error (self, error);
      return;
    }
  if (imported.added + imported.updated == 0)
    text = g_strdup (_("The report’s costs were already there"));
  else
    /* TRANSLATORS: after a spend report's import, e.g. "12 costs added, 2 updated" */
    text = g_strdup_printf (ngettext ("%u cost added, %u updated", "%u costs added, %u updated",
                                      imported.added),
                            imported.added, imported.updated);
  toast = adw_toast_new (text);
  /* The answer to what the user just did, not to wait behind an older toast. */
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  lg_store_notify_changed (self->store, LG_STORE_CHANGED_COSTS | LG_STORE_CHANGED_SOURCES);
}

void
lg_costs_window_import (LgCostsWindow *self,
                        GFile         *file)
{
  g_autoptr(LgCost) newest = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (LG_IS_COSTS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  if (path == NULL)
    return;
  /* Amounts the report names no currency for are in the latest cost's. */
  if (g_list_model_get_n_items (self->costs) > 0)
    newest = g_list_model_get_item (self->costs, 0);
  gtk_widget_set_sensitive (self->import_button, FALSE);
  lg_spend_import_async (lg_store_get_path (self->store), path,
                         newest != NULL ? lg_cost_get_currency (newest) : "USD", NULL,
                         on_spend_imported_cb, g_object_ref (self));
}

static void
on_import_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               gpointer         user_data)
{
  LgCostsWindow *self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      lg_costs_window_import (self, file);
    }
  g_object_unref (chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LgCostsWindow *self = LG_COSTS_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import a Spend Report"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                         _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Spend reports (CSV)"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.tsv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

GListModel *
lg_costs_window_get_costs (LgCostsWindow *self)
{
  g_return_val_if_fail (LG_IS_COSTS_WINDOW (self), NULL);

  return self->costs;
}

static void
lg_costs_window_dispose (GObject *object)
{
  LgCostsWindow *self = LG_COSTS_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LG_TYPE_COSTS_WINDOW);
  g_clear_object (&self->costs);
  g_clear_object (&self->removed);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (lg_costs_window_parent_class)->dispose (object);
}

static void
lg_costs_window_class_init (LgCostsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lg_costs_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadgram/Desktop/ui/lg-costs-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LgCostsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LgCostsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LgCostsWindow, list_box);
  gtk_widget_class_bind_template_child (widget_class, LgCostsWindow, import_button);

  gtk_widget_class_install_action (widget_class, "costs.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "costs.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "costs.edit", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "costs.remove", "x", remove_action);
  gtk_widget_class_install_action (widget_class, "costs.undo-remove", NULL, undo_remove_action);
  /* The cost dialog, opened from here to edit, says here what it did
   * (lg_window_toast), as it does in the main window. */
  gtk_widget_class_install_action (widget_class, "win.toast", "s", lg_window_toast_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "costs.add",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lg_costs_window_init (LgCostsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LgCostsWindow *
lg_costs_window_new (GtkWindow *parent,
                     LgStore   *store)
{
  LgCostsWindow *self;

  g_return_val_if_fail (LG_IS_STORE (store), NULL);

  self = g_object_new (LG_TYPE_COSTS_WINDOW, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  /* Sources too: a renamed source renames its rows, a removed one takes them. */
  g_signal_connect_object (store, "changed::costs", G_CALLBACK (refresh), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "changed::sources", G_CALLBACK (refresh), self,
                           G_CONNECT_SWAPPED);
  refresh (self);
  return self;
}
