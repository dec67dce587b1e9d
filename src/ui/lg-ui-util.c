/* lg-ui-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Small helpers the views share.
 */

#define G_LOG_DOMAIN "lg-ui-util"

#include "config.h"

#include "lg-ui-util.h"

#include "lg-pipeline.h"

/* Shows @toast (floating, consumed) in the nearest AdwToastOverlay at or above @widget.
 * A widget that is not in one (not yet shown, or built alone in a test) has nowhere to
 * show it: the toast is dropped and FALSE returned so the caller may log instead. */
gboolean
lg_widget_add_toast (GtkWidget *widget,
                     AdwToast  *toast)
{
  GtkWidget *overlay;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (ADW_IS_TOAST (toast), FALSE);

  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay == NULL)
    {
      g_object_unref (g_object_ref_sink (toast));
      return FALSE;
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  return TRUE;
}

/* Shows text (markup, as a toast's title is) in a toast of @window through
 * the window's "win.toast" action. A dialog calls it with the window it is
 * transient for: it needs not know that window's type, nor include its
 * header. FALSE when there is no window or it has no such action. */
gboolean
lg_window_toast (GtkWindow  *window,
                 const char *text)
{
  g_return_val_if_fail (window == NULL || GTK_IS_WINDOW (window), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  return window != NULL &&
         gtk_widget_activate_action (GTK_WIDGET (window), "win.toast", "s", text);
}

/* The "win.toast" action lg_window_toast activates, for a window class
 * whose template names its AdwToastOverlay "toast_overlay". */
void
lg_window_toast_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  GObject *overlay = gtk_widget_get_template_child (widget, G_OBJECT_TYPE (widget),
                                                    "toast_overlay");

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));

  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay),
                               adw_toast_new (g_variant_get_string (parameter, NULL)));
}

/* An error stays until dismissed: it says what to do, so the user must get to read it. */
gboolean
lg_widget_show_error (GtkWidget    *widget,
                      const GError *error)
{
  AdwToast *toast;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (error != NULL, FALSE);

  toast = adw_toast_new (error->message);
  adw_toast_set_timeout (toast, 0);
  return lg_widget_add_toast (widget, toast);
}

typedef struct
{
  GWeakRef           widget;
  LgStoreChanges     changes;
  LgWidgetWriteDone  done;
} WidgetWrite;

static void
on_widget_written_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  WidgetWrite *widget_write = user_data;
  g_autoptr(GtkWidget) widget = g_weak_ref_get (&widget_write->widget);
  g_autoptr(GError) error = NULL;
  gpointer data = NULL;
  gboolean landed = lg_store_write_finish (LG_STORE (source), result, &data, &error);

  if (widget != NULL && widget_write->done != NULL)
    widget_write->done (widget, data, error);
  if (landed && widget_write->changes != 0)
    lg_store_notify_changed (LG_STORE (source), widget_write->changes);
  g_weak_ref_clear (&widget_write->widget);
  g_free (widget_write);
}

void
lg_widget_write (GtkWidget         *widget,
                 LgStore           *store,
                 LgStoreChanges     changes,
                 LgStoreWriteFunc   write,
                 gpointer           data,
                 GDestroyNotify     data_free,
                 LgWidgetWriteDone  done)
{
  WidgetWrite *widget_write;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (LG_IS_STORE (store));

  widget_write = g_new0 (WidgetWrite, 1);
  /* A dialog may be closed, a view torn down, before its write lands. */
  g_weak_ref_init (&widget_write->widget, widget);
  widget_write->changes = changes;
  widget_write->done = done;
  lg_store_write_async (store, write, data, data_free, on_widget_written_cb, widget_write);
}

static gboolean
on_query_name_tooltip_cb (GtkWidget  *widget,
                          int         x,
                          int         y,
                          gboolean    keyboard,
                          GtkTooltip *tooltip,
                          gpointer    user_data)
{
  const char *name = g_object_get_data (G_OBJECT (widget), "lg-name");

  if (name == NULL || *name == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, name);
  return TRUE;
}

/* An icon-only button's tooltip and its name for screen readers: GTK 4.8
 * does not read the tooltip, and would call the button "GtkImage". The
 * tooltip is given when asked for: gtk_widget_set_tooltip_text() asks the
 * display where the pointer is, three round trips to the X server, which a
 * list of hundreds of rows made or updated at once (Sync All) paid per row. */
void
lg_widget_set_name (GtkWidget  *widget,
                    const char *name)
{
  const char *current;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  current = g_object_get_data (G_OBJECT (widget), "lg-name");
  if (current != NULL && g_strcmp0 (current, name) == 0)
    return;
  if (current == NULL)
    g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_name_tooltip_cb), NULL);
  g_object_set_data_full (G_OBJECT (widget), "lg-name", g_strdup (name != NULL ? name : ""),
                          g_free);
  gtk_widget_set_has_tooltip (widget, name != NULL && *name != '\0');
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

typedef struct
{
  const char * const *ids;
  guint               n_ids;
  GObject            *owner; /* weak: the drop-down or combo row with the factory */
} Qualifications;

static void
qualifications_free (gpointer data)
{
  Qualifications *qualifications = data;

  g_clear_weak_pointer (&qualifications->owner);
  g_free (qualifications);
}

static void
setup_qualification_cb (GtkSignalListItemFactory *factory,
                        GtkListItem              *item)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *words = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *meaning = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (meaning), 0);
  gtk_label_set_wrap (GTK_LABEL (meaning), TRUE);
  gtk_label_set_width_chars (GTK_LABEL (meaning), 30);
  gtk_label_set_max_width_chars (GTK_LABEL (meaning), 40);
  gtk_widget_add_css_class (meaning, "caption");
  gtk_widget_add_css_class (meaning, "dim-label");
  gtk_widget_set_hexpand (words, TRUE);
  gtk_box_append (GTK_BOX (words), name);
  gtk_box_append (GTK_BOX (words), meaning);
  gtk_box_append (GTK_BOX (row), words);
  gtk_box_append (GTK_BOX (row), check);
  gtk_list_item_set_child (item, row);
}

/* The check mark of the chosen one, as the default list shows it. */
static void
update_check (GtkListItem *item,
              GObject     *owner)
{
  GtkWidget *check = gtk_widget_get_last_child (gtk_list_item_get_child (item));
  guint selected = GTK_INVALID_LIST_POSITION;

  if (owner != NULL)
    g_object_get (owner, "selected", &selected, NULL);
  gtk_widget_set_opacity (check, gtk_list_item_get_position (item) == selected ? 1 : 0);
}

static void
on_owner_selected_cb (GObject     *owner,
                      GParamSpec  *pspec,
                      GtkListItem *item)
{
  update_check (item, owner);
}

static void
bind_qualification_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       Qualifications           *qualifications)
{
  GtkWidget *words = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *name = gtk_widget_get_first_child (words);
  GtkWidget *meaning = gtk_widget_get_next_sibling (name);
  guint position = gtk_list_item_get_position (item);
  const char *id = position < qualifications->n_ids ? qualifications->ids[position] : NULL;

  gtk_label_set_text (GTK_LABEL (name),
                      gtk_string_object_get_string (gtk_list_item_get_item (item)));
  gtk_label_set_text (GTK_LABEL (meaning), id != NULL ? lg_qualification_describe (id) : NULL);
  gtk_widget_set_visible (meaning, id != NULL);
  update_check (item, qualifications->owner);
  if (qualifications->owner != NULL)
    g_signal_connect_object (qualifications->owner, "notify::selected",
                             G_CALLBACK (on_owner_selected_cb), item, 0);
}

static void
unbind_qualification_cb (GtkSignalListItemFactory *factory,
                         GtkListItem              *item,
                         Qualifications           *qualifications)
{
  if (qualifications->owner != NULL)
    g_signal_handlers_disconnect_by_func (qualifications->owner, on_owner_selected_cb, item);
}

/* Gives @owner, a GtkDropDown or AdwComboRow of qualifications (a
 * GtkStringList of their names), a list that says what each means, as MQL,
 * SQL and PQL are sales jargon. @ids: the qualification at each position,
 * NULL for a choice that is none ("Any Qualification"); static, not copied. */
void
lg_qualification_list_init (GObject            *owner,
                            const char * const *ids,
                            guint               n_ids)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  Qualifications *qualifications = g_new0 (Qualifications, 1);

  g_return_if_fail (GTK_IS_DROP_DOWN (owner) || ADW_IS_COMBO_ROW (owner));

  qualifications->ids = ids;
  qualifications->n_ids = n_ids;
  g_set_weak_pointer (&qualifications->owner, owner);
  g_object_set_data_full (G_OBJECT (factory), "qualifications", qualifications,
                          qualifications_free);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_qualification_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_qualification_cb), qualifications);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_qualification_cb), qualifications);
  g_object_set (owner, "list-factory", factory, NULL);
}

static gboolean
on_widget_map_hook_cb (GSignalInvocationHint *hint,
                       guint                  n_values,
                       const GValue          *values,
                       gpointer               data)
{
  GObject *widget = g_value_get_object (&values[0]);

  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget)) &&
      gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
  return TRUE;
}

/* GTK 4.8 names a button made with a mnemonic label ("_Add") by that text,
 * underscore and all, followed by its label's: a screen reader says "_Add
 * Add". Our templates give such buttons a GtkLabel child instead (the ui-a11y
 * test sees to it); the buttons code makes, libadwaita's dialog responses and
 * toast buttons included, lose the first name when they are shown. A label
 * changed while the button is on screen brings it back: change the child
 * label's text instead. */
void
lg_mnemonic_names_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      /* The signal exists once the class does, which may be before any widget. */
      g_type_class_unref (g_type_class_ref (GTK_TYPE_WIDGET));
      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0,
                                  on_widget_map_hook_cb, NULL, NULL);
      g_once_init_leave (&done, 1);
    }
}

/* The open is the whole work. */
static gboolean
try_workspace_work (LgStore       *store,
                    gpointer       source_object,
                    gpointer       task_data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return TRUE;
}

void
lg_try_workspace (gpointer             source,
                  const char          *address,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback)
{
  g_autoptr(GTask) task = g_task_new (source, cancellable, callback, NULL);

  g_return_if_fail (address != NULL);

  g_task_set_task_data (task, g_strdup (address), g_free);
  lg_store_run_in_thread (task, address, try_workspace_work);
}
