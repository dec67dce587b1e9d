/* lg-ui-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Small helpers the views share.
 */

#define G_LOG_DOMAIN "lg-ui-util"

#include "config.h"

#include "lg-ui-util.h"

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

/* An icon-only button's tooltip and its name for screen readers: GTK 4.8
 * does not read the tooltip, and would call the button "GtkImage". */
void
lg_widget_set_name (GtkWidget  *widget,
                    const char *name)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_widget_set_tooltip_text (widget, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
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
