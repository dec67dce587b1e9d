/* lg-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-application"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-application.h"
#include "lg-preferences-window.h"
#include "lg-resources.h"
#include "lg-window.h"

struct _LgApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  LgStore        *store;
  char           *db_path;
  GError         *store_error;
};

G_DEFINE_FINAL_TYPE (LgApplication, lg_application, ADW_TYPE_APPLICATION)

LgApplication *
lg_application_new (void)
{
  return g_object_new (LG_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/org/leadgram/Desktop",
                       NULL);
}

LgStore *
lg_application_get_store (LgApplication *self)
{
  g_return_val_if_fail (LG_IS_APPLICATION (self), NULL);

  return self->store;
}

GSettings *
lg_application_get_settings (LgApplication *self)
{
  g_return_val_if_fail (LG_IS_APPLICATION (self), NULL);

  return self->settings;
}

static int
lg_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  LgApplication *self = LG_APPLICATION (app);
  const char *db = NULL;

  if (g_variant_dict_lookup (options, "version", "b", NULL))
    {
      g_print ("leadgram %s\n", VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "db", "^&ay", &db))
    {
      g_free (self->db_path);
      self->db_path = g_canonicalize_filename (db, NULL);
      /* Another database is another workspace: do not hand the activation to
       * an instance that has the default one open. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  return -1;
}

static void
lg_application_startup (GApplication *app)
{
  LgApplication *self = LG_APPLICATION (app);
  g_autofree char *path = NULL;

  G_APPLICATION_CLASS (lg_application_parent_class)->startup (app);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  self->settings = g_settings_new (APP_ID);

  path = self->db_path != NULL ? g_strdup (self->db_path) : lg_store_default_path ();
  self->store = lg_store_open (path, &self->store_error);
  if (self->store_error != NULL)
    g_warning ("%s", self->store_error->message);
}

static void
on_store_error_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            LgApplication    *self)
{
  g_application_quit (G_APPLICATION (self));
}

static void
lg_application_activate (GApplication *app)
{
  LgApplication *self = LG_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (lg_window_new (self));

  gtk_window_present (window);

  /* Without a database there is nothing to show: say why and what to do. */
  if (self->store_error != NULL)
    {
      AdwMessageDialog *dialog;

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window,
                                                           _("Could Not Open the Database"),
                                                           self->store_error->message));
      adw_message_dialog_add_response (dialog, "quit", _("_Quit"));
      g_signal_connect (dialog, "response", G_CALLBACK (on_store_error_response_cb), self);
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
lg_application_finalize (GObject *object)
{
  LgApplication *self = LG_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_error (&self->store_error);
  g_free (self->db_path);

  G_OBJECT_CLASS (lg_application_parent_class)->finalize (object);
}

static void
lg_application_class_init (LgApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  /* The resources live in a static library: register them by hand, or the
   * linker would drop their constructor. */
  lg_register_resource ();

  object_class->finalize = lg_application_finalize;
  app_class->handle_local_options = lg_application_handle_local_options;
  app_class->startup = lg_application_startup;
  app_class->activate = lg_application_activate;
}

static void
lg_application_about_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  static const char *developers[] = { "The Leadgram team", NULL };
  LgApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  /* adw_about_window_new_from_appdata() is libadwaita 1.4: fill it by hand. */
  adw_show_about_window (window,
                         "application-name", _("Leadgram"),
                         "application-icon", APP_ID,
                         "developer-name", _("The Leadgram team"),
                         "version", VERSION,
                         "website", PACKAGE_WEBSITE,
                         "issue-url", PACKAGE_WEBSITE "/issues",
                         "comments", _("Find customers in public conversations and follow them "
                                       "up to a sale."),
                         "developers", developers,
                         "copyright", "© 2026 The Leadgram team",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
lg_application_preferences_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  LgApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  LgPreferencesWindow *preferences = lg_preferences_window_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (preferences), window);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
lg_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_actions[] = {
  { "quit", lg_application_quit_action },
  { "about", lg_application_about_action },
  { "preferences", lg_application_preferences_action },
};

static void
lg_application_init (LgApplication *self)
{
  static const GOptionEntry options[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the database at PATH instead of the default one"), N_("PATH") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and quit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         (const char *[]) { "<Control>comma", NULL });
}
