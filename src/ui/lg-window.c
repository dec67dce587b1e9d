/* lg-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-window"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-find-view.h"
#include "lg-insights-view.h"
#include "lg-sources-view.h"
#include "lg-pipeline-view.h"
#include "lg-followups-view.h"
#include "lg-backups.h"
#include "lg-format.h"
#include "lg-ui-util.h"
#include "lg-window.h"

struct _LgWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;

  AdwHeaderBar         *header_bar;
  AdwViewSwitcherTitle *switcher_title;
  GtkRevealer          *read_only_revealer;
  GtkLabel             *read_only_label;
  GtkButton            *retry_button;
  GtkImage             *read_only_icon;
  GtkButton            *restore_latest_button;
  GtkButton            *salvage_button;
  GtkRevealer          *waiting_revealer;
  GtkSpinner           *waiting_spinner;
  AdwViewStack         *stack;
  LgFindView           *find_view;
  LgInsightsView       *insights_view;
  LgSourcesView        *sources_view;
  LgPipelineView       *pipeline_view;
  AdwViewStackPage     *followups_page;
  LgFollowupsView      *followups_view;
};

G_DEFINE_FINAL_TYPE (LgWindow, lg_window, ADW_TYPE_APPLICATION_WINDOW)

/* The size and view of the last run come back; properties are set after
 * constructed(), so this cannot live there. */
static void
restore_state (LgWindow *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_settings_bind (self->settings, "last-view", self->stack, "visible-child-name",
                   G_SETTINGS_BIND_DEFAULT);
}

static gboolean
needs_attention (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_uint (from) > 0);
  return TRUE;
}

/* A database that may only be read, or a damaged one, says so above every
 * view: what the user does there is looked at, not kept. A damaged one offers
 * its latest backup and a copy of what can still be read; the copy of a team
 * workspace whose server was away, trying it again. */
static void
show_read_only (LgWindow      *self,
                LgApplication *application)
{
  LgStore *store = lg_application_get_store (application);
  GDateTime *offline_since = lg_application_get_offline_since (application);
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;

  if (store == NULL || !lg_store_is_read_only (store))
    return;
  name = g_path_get_basename (lg_store_get_path (store));
  if (offline_since != NULL)
    {
      g_autofree char *when = lg_format_when (g_date_time_to_unix (offline_since),
                                              g_get_real_time () / G_USEC_PER_SEC, NULL);

      /* TRANSLATORS: %s is when the copy was taken, e.g. "3 days ago (4 Dec)" */
      text = g_strdup_printf (_("The team server can’t be reached — showing the copy from %s, "
                                "read-only."), when);
      gtk_widget_set_visible (GTK_WIDGET (self->retry_button), TRUE);
    }
  else if (lg_store_is_damaged (store))
    {
      g_auto(GStrv) backups = lg_backups_list (lg_store_get_path (store));

      text = g_strdup_printf (_("“%s” is damaged: Leadgram writes nothing more to it. Put the "
                                "latest backup in its place, or save what can still be read "
                                "into a new database."), name);
      if (backups[0] != NULL)
        {
          /* The action takes the backup: named here with its target, not in the
           * template, where it would have none. */
          gtk_actionable_set_action_target (GTK_ACTIONABLE (self->restore_latest_button), "s",
                                            backups[0]);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (self->restore_latest_button),
                                          "app.restore-backup");
          gtk_widget_set_visible (GTK_WIDGET (self->restore_latest_button), TRUE);
        }
      gtk_widget_set_visible (GTK_WIDGET (self->salvage_button), TRUE);
    }
  else
    text = g_strdup_printf (_("“%s” is open read-only: you can look and search, but nothing is "
                              "kept. To work in it, copy it to a folder you may write to and "
                              "open the copy."), name);
  gtk_label_set_label (self->read_only_label, text);
  gtk_revealer_set_reveal_child (self->read_only_revealer, TRUE);
}

/* A team workspace's connection lost mid-session, and found again: the
 * banner says what the user can still do, the app tries again by itself. */
static void
on_store_connected_cb (LgStore    *store,
                       GParamSpec *pspec,
                       LgWindow   *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *when = NULL;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), !lg_store_is_connected (store));
  if (lg_store_is_connected (store))
    {
      gtk_revealer_set_reveal_child (self->read_only_revealer, FALSE);
      return;
    }
  now = g_date_time_new_now_local ();
  when = g_date_time_format (now, "%H:%M");
  /* TRANSLATORS: %s is the time of day it was lost, e.g. "14:05" */
  text = g_strdup_printf (_("The connection to the team server was lost at %s. Until it is "
                            "back, nothing can be saved and others’ changes don’t show; "
                            "Leadgram tries again by itself."), when);
  gtk_image_set_from_icon_name (self->read_only_icon, "network-offline-symbolic");
  gtk_label_set_label (self->read_only_label, text);
  gtk_revealer_set_reveal_child (self->read_only_revealer, TRUE);
}

LgWindow *
lg_window_new (LgApplication *application)
{
  LgWindow *self = g_object_new (LG_TYPE_WINDOW, "application", application, NULL);
  g_autofree char *base_url = NULL;
  LgFollowupScheduler *scheduler = lg_application_get_scheduler (application);

  self->settings = g_object_ref (lg_application_get_settings (application));
  base_url = g_settings_get_string (self->settings, "telegram-base-url");
  lg_sources_view_set_store (self->sources_view, lg_application_get_store (application), base_url);
  restore_state (self);
  lg_insights_view_set_store (self->insights_view, lg_application_get_store (application));
  lg_pipeline_view_set_store (self->pipeline_view, lg_application_get_store (application));

  lg_followups_view_set_store (self->followups_view, lg_application_get_store (application));
  /* The switcher shows how many follow-ups want doing today, overdue included. */
  g_object_bind_property (self->followups_view, "attention-count",
                          self->followups_page, "badge-number", G_BINDING_SYNC_CREATE);
  g_object_bind_property_full (self->followups_view, "attention-count",
                               self->followups_page, "needs-attention", G_BINDING_SYNC_CREATE,
                               needs_attention, NULL, NULL, NULL);
  /* A due one moves from Today to Overdue; a clock change can move them all. */
  if (scheduler != NULL)
    {
      g_signal_connect_object (scheduler, "due", G_CALLBACK (lg_followups_view_refresh),
                               self->followups_view, G_CONNECT_SWAPPED);
      g_signal_connect_object (scheduler, "time-changed", G_CALLBACK (lg_followups_view_refresh),
                               self->followups_view, G_CONNECT_SWAPPED);
    }
  lg_find_view_set_store (self->find_view, lg_application_get_store (application));
  show_read_only (self, application);
  /* A change the user made waits for another writer (a big import's final
   * move) on a worker: said above every view, the window working meanwhile,
   * until the write lands or fails. */
  if (lg_application_get_store (application) != NULL)
    {
      g_object_bind_property (lg_application_get_store (application), "waiting",
                              self->waiting_revealer, "reveal-child", G_BINDING_SYNC_CREATE);
      g_object_bind_property (lg_application_get_store (application), "waiting",
                              self->waiting_spinner, "spinning", G_BINDING_SYNC_CREATE);
      g_signal_connect_object (lg_application_get_store (application), "notify::connected",
                               G_CALLBACK (on_store_connected_cb), self, 0);
    }
  return self;
}

/* Shows a lead: its detail beside the pipeline board. */
void
lg_window_open_lead (LgWindow *self,
                     gint64    lead_id)
{
  g_return_if_fail (LG_IS_WINDOW (self));

  lg_window_show_view (self, "pipeline");
  lg_pipeline_view_open_lead (self->pipeline_view, lead_id);
}

LgFindView *
lg_window_get_find_view (LgWindow *self)
{
  g_return_val_if_fail (LG_IS_WINDOW (self), NULL);

  return self->find_view;
}

LgPipelineView *
lg_window_get_pipeline_view (LgWindow *self)
{
  g_return_val_if_fail (LG_IS_WINDOW (self), NULL);

  return self->pipeline_view;
}

LgFollowupsView *
lg_window_get_followups_view (LgWindow *self)
{
  g_return_val_if_fail (LG_IS_WINDOW (self), NULL);

  return self->followups_view;
}

void
lg_window_show_view (LgWindow   *self,
                     const char *name)
{
  g_return_if_fail (LG_IS_WINDOW (self));
  g_return_if_fail (name != NULL);

  adw_view_stack_set_visible_child_name (self->stack, name);
}

const char *
lg_window_get_view (LgWindow *self)
{
  g_return_val_if_fail (LG_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  lg_window_show_view (LG_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* Insights hands a source over to the pipeline; the pipeline view filters
 * itself to that source's leads. */
static void
filter_pipeline_source_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  LgWindow *self = LG_WINDOW (widget);

  lg_pipeline_view_filter_source (self->pipeline_view, g_variant_get_int64 (parameter));
  lg_window_show_view (self, "pipeline");
}

/* Find Leads' first-run page offers what the Sources view does. */
static void
sources_view_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LgWindow *self = LG_WINDOW (widget);

  lg_window_show_view (self, "sources");
  gtk_widget_activate_action (GTK_WIDGET (self->sources_view),
                              g_str_equal (action_name, "win.add-channel") ? "sources.add-channel"
                                                                           : "sources.import",
                              NULL);
}

/* The size is saved when the window closes, not on every resize. */
static gboolean
lg_window_close_request (GtkWindow *window)
{
  LgWindow *self = LG_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (!gtk_window_is_maximized (window))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (lg_window_parent_class)->close_request (window);
}

static void
lg_window_dispose (GObject *object)
{
  LgWindow *self = LG_WINDOW (object);

  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (self), LG_TYPE_WINDOW);

  G_OBJECT_CLASS (lg_window_parent_class)->dispose (object);
}

static void
lg_window_class_init (LgWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  static const char *views[] = { "find", "pipeline", "followups", "insights", "sources" };

  g_type_ensure (LG_TYPE_FOLLOWUPS_VIEW);

  object_class->dispose = lg_window_dispose;

  g_type_ensure (LG_TYPE_PIPELINE_VIEW);
  window_class->close_request = lg_window_close_request;

  g_type_ensure (LG_TYPE_FIND_VIEW);
  g_type_ensure (LG_TYPE_INSIGHTS_VIEW);

  g_type_ensure (LG_TYPE_SOURCES_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/leadgram/Desktop/ui/lg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LgWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, LgWindow, switcher_title);
  /* Named for lg_window_toast_action, which finds it by that name. */
  gtk_widget_class_bind_template_child_full (widget_class, "toast_overlay", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, LgWindow, read_only_revealer);
  gtk_widget_class_bind_template_child (widget_class, LgWindow, read_only_label);
  gtk_widget_class_bind_template_child (widget_class, LgWindow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, LgWindow, read_only_icon);
  gtk_widget_class_bind_template_child (widget_class, LgWindow, restore_latest_button);
  gtk_widget_class_bind_template_child (widget_class, LgWindow, salvage_button);
  gtk_widget_class_bind_template_child (widget_class, LgWindow, waiting_revealer);
  gtk_widget_class_bind_template_child (widget_class, LgWindow, waiting_spinner);
  gtk_widget_class_bind_template_child (widget_class, LgWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LgWindow, find_view);
  gtk_widget_class_bind_template_child (widget_class, LgWindow, insights_view);
  gtk_widget_class_bind_template_child (widget_class, LgWindow, sources_view);
  gtk_widget_class_bind_template_child (widget_class, LgWindow, pipeline_view);
  gtk_widget_class_bind_template_child (widget_class, LgWindow, followups_page);
  gtk_widget_class_bind_template_child (widget_class, LgWindow, followups_view);

  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  /* Dialogs and the application show their toasts here (lg_window_toast). */
  gtk_widget_class_install_action (widget_class, "win.toast", "s", lg_window_toast_action);
  gtk_widget_class_install_action (widget_class, "win.add-channel", NULL, sources_view_action);
  gtk_widget_class_install_action (widget_class, "win.import-export", NULL, sources_view_action);
  gtk_widget_class_install_action (widget_class, "win.filter-pipeline-source", "x",
                                   filter_pipeline_source_action);
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-view", "s", views[i]);
}

static void
lg_window_init (LgWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
