/* lg-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application: its actions and shortcuts, opening the store (read-only,
 * damaged, backups), the follow-up notifications, file choosers for the
 * imports and exports, and D-Bus activation.
 */

#define G_LOG_DOMAIN "lg-application"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-application.h"
#include "lg-import-history-window.h"
#include "lg-import-wizard.h"
#include "lg-lead-export.h"
#include "lg-followup-dialog.h"
#include "lg-followup-notification.h"
#include "lg-followup-time.h"
#include "lg-backups.h"
#include "lg-preferences-window.h"
#include "lg-resources.h"
#include "lg-team-cache.h"
#include "lg-team-password.h"
#include "lg-window.h"
#include "lg-ui-util.h"

struct _LgApplication
{
  AdwApplication  parent_instance;

  GSettings           *settings;
  LgStore             *store;
  LgFollowupScheduler *scheduler;
  gboolean             held;
  char                *db_path;
  gboolean             read_only;  /* --read-only */
  char                *pending_restore;  /* a backup to put in place once quit */
  gboolean             pending_restart;  /* start again once quit (Retry) */
  GError              *store_error;
  LgTeamCache         *team_cache;
  /* A team workspace opens on a worker: the window waits for it. */
  gboolean             opening;
  gboolean             activate_pending;
  /* When the team's server could not be reached: the time of the copy
   * shown instead, read-only. */
  GDateTime           *offline_since;
  /* When its connection is lost mid-session: the next try, and how long
   * after the last one it comes. */
  guint                reconnect_id;
  guint                reconnect_delay_s;
  gboolean             reconnecting;
};

G_DEFINE_FINAL_TYPE (LgApplication, lg_application, ADW_TYPE_APPLICATION)

/* How often at most a team workspace that changes is copied into the
 * cache folder: a copy reads the whole workspace. */
#define TEAM_CACHE_INTERVAL_S (3 * 60)

/* How long Leadgram stays without a window or a task before it quits. D-Bus
 * starts it (--gapplication-service, no window) for a notification's button
 * when it is not running; it then lingers this long for the next click. */
#define INACTIVITY_TIMEOUT_MS 3000

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

/* NULL when the database did not open. */
LgFollowupScheduler *
lg_application_get_scheduler (LgApplication *self)
{
  g_return_val_if_fail (LG_IS_APPLICATION (self), NULL);

  return self->scheduler;
}

static void
on_followup_due_cb (LgFollowupScheduler *scheduler,
                    LgFollowup          *followup,
                    LgApplication       *self)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *id = lg_followup_notification_id (lg_followup_get_id (followup));

  notification = lg_followup_notification_new (followup,
                                                lg_followup_scheduler_get_now (scheduler), NULL);
  g_application_send_notification (G_APPLICATION (self), id, notification);
}

/* Those that fell due while Leadgram was closed: one line each would flood the
 * screen, so one summary, and they wait under Overdue. */
static void
on_followups_missed_cb (LgFollowupScheduler *scheduler,
                        GListModel          *followups,
                        LgApplication       *self)
{
  g_autoptr(GNotification) notification = NULL;

  if (g_list_model_get_n_items (followups) == 1)
    {
      g_autoptr(LgFollowup) followup = g_list_model_get_item (followups, 0);

      on_followup_due_cb (scheduler, followup, self);
      return;
    }

  notification = lg_followup_notification_new_missed (followups);
  g_application_send_notification (G_APPLICATION (self), LG_FOLLOWUP_NOTIFICATION_MISSED_ID,
                                   notification);
}

/* With "run-in-background" on, the application holds itself: closing the
 * last window leaves it running so reminders still fire. */
static void
update_hold (LgApplication *self)
{
  gboolean hold = self->scheduler != NULL &&
                  g_settings_get_boolean (self->settings, "run-in-background");

  if (hold == self->held)
    return;

  self->held = hold;
  if (hold)
    g_application_hold (G_APPLICATION (self));
  else
    g_application_release (G_APPLICATION (self));
}

static void
on_run_in_background_changed_cb (GSettings     *settings,
                                 const char    *key,
                                 LgApplication *self)
{
  update_hold (self);
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

  if (g_variant_dict_lookup (options, "read-only", "b", NULL))
    {
      self->read_only = TRUE;
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  if (g_variant_dict_lookup (options, "db", "^&ay", &db))
    {
      g_free (self->db_path);
      self->db_path = lg_store_resolve_path (db);
      /* Another database is another workspace: do not hand the activation to
       * an instance that has the default one open. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }

  return -1;
}

/* Today's backup, on a worker, when the app starts: a copy a day is what a
 * mistake or a damaged disk can cost at most. */
static gboolean
daily_backup_work (LgStore       *store,
                   gpointer       source_object,
                   gpointer       task_data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  return lg_backups_take_daily (store, g_get_real_time () / G_USEC_PER_SEC,
                                GPOINTER_TO_UINT (task_data), NULL, error);
}

static void
on_daily_backup_done_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  LgApplication *self = LG_APPLICATION (object);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *text = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    return;
  /* The user did not ask for it, but counts on it: say so once, and the next
   * start tries again. */
  g_message ("The daily backup failed: %s", error->message);
  /* A toast's title is markup. */
  escaped = g_markup_escape_text (error->message, -1);
  text = g_strdup_printf (_("Today’s backup could not be taken: %s"), escaped);
  lg_window_toast (window, text);
}

static void
take_daily_backup (LgApplication *self)
{
  g_autoptr(GTask) task = NULL;

  /* A team workspace's server keeps its own backups (README). */
  if (lg_store_is_read_only (self->store) ||
      lg_store_is_team_address (lg_store_get_path (self->store)))
    return;
  task = g_task_new (self, NULL, on_daily_backup_done_cb, NULL);
  g_task_set_task_data (task, GUINT_TO_POINTER (g_settings_get_uint (self->settings,
                                                                     "backups-keep")), NULL);
  lg_store_run_in_thread (task, lg_store_get_path (self->store), daily_backup_work);
}

/* The name the user signs with is the one the timeline keeps. */
static void
on_my_name_changed_cb (GSettings     *settings,
                       const char    *key,
                       LgApplication *self)
{
  g_autofree char *name = g_settings_get_string (settings, key);

  lg_store_set_person (name);
}

/* A team workspace's server lost mid-session is tried again by itself,
 * soon at first and then less and less often, as a mail client does; Retry
 * in the window's banner tries at once. */
#define RECONNECT_FIRST_S 2
#define RECONNECT_LAST_S 60

static void try_reconnect (LgApplication *self);

/* A Retry that failed, in one line: the banner already says the rest. */
static void
toast_retry_failed (LgApplication *self,
                    const GError  *error)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    lg_window_toast (window, g_error_matches (error, LG_STORE_ERROR, LG_STORE_ERROR_UNREACHABLE)
                             ? _("The team server still can’t be reached.") : error->message);
}

static gboolean
on_reconnect_due_cb (gpointer data)
{
  LgApplication *self = data;

  self->reconnect_id = 0;
  try_reconnect (self);
  return G_SOURCE_REMOVE;
}

/* The next try, delay seconds from now. */
static void
schedule_reconnect (LgApplication *self,
                    guint          delay)
{
  self->reconnect_delay_s = delay;
  self->reconnect_id = g_timeout_add_seconds (delay, on_reconnect_due_cb, self);
}

static void
on_reconnected_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LgApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  self->reconnecting = FALSE;
  /* The banner going away says it worked. */
  if (lg_store_reconnect_finish (LG_STORE (object), result, &error))
    return;
  g_message ("%s", error->message);
  /* A Retry the user asked for says how it went; the ones the app makes
   * by itself stay quiet, the banner says the rest. */
  if (self->reconnect_delay_s == 0)
    toast_retry_failed (self, error);
  schedule_reconnect (self, CLAMP (self->reconnect_delay_s * 2, RECONNECT_FIRST_S,
                                   RECONNECT_LAST_S));
}

static void
try_reconnect (LgApplication *self)
{
  if (self->reconnecting || lg_store_is_connected (self->store))
    return;
  self->reconnecting = TRUE;
  lg_store_reconnect_async (self->store, NULL, on_reconnected_cb, g_object_ref (self));
}

static void
on_store_connected_cb (LgStore       *store,
                       GParamSpec    *pspec,
                       LgApplication *self)
{
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  if (!lg_store_is_connected (store))
    schedule_reconnect (self, RECONNECT_FIRST_S);
}

/* What the app does once its database is open. */
static void
store_opened (LgApplication *self)
{
  lg_store_watch_others (self->store);
  g_signal_connect_object (self->store, "notify::connected",
                           G_CALLBACK (on_store_connected_cb), self, 0);
  take_daily_backup (self);

  self->scheduler = lg_followup_scheduler_new (self->store);
  g_signal_connect (self->scheduler, "due", G_CALLBACK (on_followup_due_cb), self);
  g_signal_connect (self->scheduler, "missed", G_CALLBACK (on_followups_missed_cb), self);
  lg_followup_scheduler_start (self->scheduler);

  g_signal_connect (self->settings, "changed::run-in-background",
                    G_CALLBACK (on_run_in_background_changed_cb), self);
  update_hold (self);
}

/* Opening a team workspace, on a worker: the server may take seconds to
 * answer, or not answer at all. When it cannot be reached, the last copy of
 * it opens instead, read-only. */
typedef struct
{
  char      *address;
  gboolean   read_only;
  LgStore   *store;
  GDateTime *offline_since;
} TeamOpen;

static void
team_open_free (gpointer data)
{
  TeamOpen *open = data;

  g_free (open->address);
  g_clear_object (&open->store);
  g_clear_pointer (&open->offline_since, g_date_time_unref);
  g_free (open);
}

static void
open_team_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  TeamOpen *open = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) cache_error = NULL;
  g_autofree char *cache = NULL;

  open->store = open->read_only ? lg_store_open_read_only (open->address, &error)
                                : lg_store_open (open->address, &error);
  if (open->store != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (!g_error_matches (error, LG_STORE_ERROR, LG_STORE_ERROR_UNREACHABLE))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  open->offline_since = lg_team_cache_get_time (open->address);
  cache = lg_team_cache_path (open->address);
  if (open->offline_since != NULL)
    open->store = lg_store_open_read_only (cache, &cache_error);
  if (open->store == NULL && cache_error != NULL)
    {
      g_autofree char *why = g_strdup_printf (_("Its copy on this computer could not be opened "
                                                "either: %s"), cache_error->message);

      g_task_return_new_error (task, LG_STORE_ERROR, LG_STORE_ERROR_UNREACHABLE, "%s %s",
                               error->message, why);
      return;
    }
  if (open->store == NULL)
    {
      g_task_return_new_error (task, LG_STORE_ERROR, LG_STORE_ERROR_UNREACHABLE, "%s %s",
                               error->message,
                               _("This computer has no copy of the team workspace to show "
                                 "meanwhile."));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
on_team_opened_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  LgApplication *self = LG_APPLICATION (object);
  TeamOpen *open = g_task_get_task_data (G_TASK (result));

  self->opening = FALSE;
  /* A server away is no fault of the program's: the dialog says it. */
  if (!g_task_propagate_boolean (G_TASK (result), &self->store_error))
    g_message ("%s", self->store_error->message);
  else
    {
      self->store = g_steal_pointer (&open->store);
      self->offline_since = g_steal_pointer (&open->offline_since);
      if (self->offline_since == NULL && !lg_store_is_read_only (self->store))
        self->team_cache = lg_team_cache_new (self->store, TEAM_CACHE_INTERVAL_S);
      store_opened (self);
    }
  if (self->activate_pending)
    g_application_activate (G_APPLICATION (self));
  g_application_release (G_APPLICATION (self));
}

static void
on_team_password_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TeamOpen *open = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *password = lg_team_password_lookup_finish (result, &error);

  /* Without the keyring, ~/.pgpass may serve; a refused connection says
   * where the password goes. */
  if (error != NULL)
    g_message ("%s", error->message);
  lg_store_set_password (open->address, password);
  g_task_run_in_thread (task, open_team_thread);
}

static void
open_team_workspace (LgApplication *self)
{
  GTask *task = g_task_new (self, NULL, on_team_opened_cb, NULL);
  TeamOpen *open = g_new0 (TeamOpen, 1);

  open->address = g_strdup (self->db_path);
  open->read_only = self->read_only;
  g_task_set_task_data (task, open, team_open_free);
  self->opening = TRUE;
  /* Released once it is open, or failed: until then activation waits. */
  g_application_hold (G_APPLICATION (self));
  lg_team_password_lookup (open->address, NULL, on_team_password_cb, task);
}

static void
lg_application_startup (GApplication *app)
{
  LgApplication *self = LG_APPLICATION (app);

  G_APPLICATION_CLASS (lg_application_parent_class)->startup (app);

  lg_mnemonic_names_init ();
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect (self->settings, "changed::outreach-my-name",
                    G_CALLBACK (on_my_name_changed_cb), self);
  on_my_name_changed_cb (self->settings, "outreach-my-name", self);

  /* The path is known from here on: a restore or a salvage needs it even when
   * the database does not open. */
  if (self->db_path == NULL)
    {
      g_autofree char *team = g_settings_get_string (self->settings, "team-workspace");

      /* LEADGRAM_DB, read by lg_store_default_path(), comes first. */
      self->db_path = *team != '\0' && g_getenv ("LEADGRAM_DB") == NULL
                      ? g_steal_pointer (&team) : lg_store_default_path ();
    }
  if (lg_store_is_team_address (self->db_path))
    {
      open_team_workspace (self);
      return;
    }
  self->store = self->read_only ? lg_store_open_read_only (self->db_path, &self->store_error)
                                : lg_store_open (self->db_path, &self->store_error);
  if (self->store_error != NULL)
    {
      g_warning ("%s", self->store_error->message);
      return;
    }
  store_opened (self);
}

static void
lg_application_shutdown (GApplication *app)
{
  LgApplication *self = LG_APPLICATION (app);

  g_autoptr(GError) error = NULL;

  if (self->scheduler != NULL)
    lg_followup_scheduler_stop (self->scheduler);
  /* The last changes reach the copy the next start may need; the windows
   * are gone, none waits for it. */
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  /* Not while the server is away: the copy would wait for it in vain. */
  if (self->team_cache != NULL && lg_store_is_connected (self->store) &&
      !lg_team_cache_flush (self->team_cache, &error))
    g_message ("The team workspace’s copy was not written: %s", error->message);

  G_APPLICATION_CLASS (lg_application_parent_class)->shutdown (app);
}

static void
on_store_error_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            LgApplication    *self)
{
  if (g_str_equal (response, "restore"))
    g_action_group_activate_action (G_ACTION_GROUP (self), "restore-backup",
                                    g_variant_new_string (g_object_get_data (G_OBJECT (dialog),
                                                                             "backup")));
  else if (g_str_equal (response, "salvage"))
    g_action_group_activate_action (G_ACTION_GROUP (self), "salvage", NULL);
  else if (g_str_equal (response, "preferences"))
    g_action_group_activate_action (G_ACTION_GROUP (self), "preferences", NULL);
  else
    g_application_quit (G_APPLICATION (self));
}

static void
lg_application_activate (GApplication *app)
{
  LgApplication *self = LG_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  /* The window shows the workspace: it comes once that is open. */
  if (self->opening)
    {
      self->activate_pending = TRUE;
      return;
    }
  self->activate_pending = FALSE;
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
      /* Too damaged to open: its latest backup, or what can still be read. */
      if (g_error_matches (self->store_error, LG_STORE_ERROR, LG_STORE_ERROR_DAMAGED))
        {
          g_auto(GStrv) backups = lg_backups_list (self->db_path);

          adw_message_dialog_add_response (dialog, "salvage", _("_Save What Can Be Read"));
          if (backups[0] != NULL)
            {
              adw_message_dialog_add_response (dialog, "restore", _("_Restore Latest Backup"));
              adw_message_dialog_set_response_appearance (dialog, "restore",
                                                          ADW_RESPONSE_SUGGESTED);
              g_object_set_data_full (G_OBJECT (dialog), "backup", g_strdup (backups[0]),
                                      g_free);
            }
        }
      /* The team workspace's password is given there. */
      if (g_error_matches (self->store_error, LG_STORE_ERROR, LG_STORE_ERROR_PASSWORD))
        {
          adw_message_dialog_add_response (dialog, "preferences", _("_Preferences"));
          adw_message_dialog_set_response_appearance (dialog, "preferences",
                                                      ADW_RESPONSE_SUGGESTED);
        }
      g_signal_connect (dialog, "response", G_CALLBACK (on_store_error_response_cb), self);
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
lg_application_finalize (GObject *object)
{
  LgApplication *self = LG_APPLICATION (object);

  g_clear_object (&self->scheduler);
  g_clear_object (&self->team_cache);
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  g_clear_pointer (&self->offline_since, g_date_time_unref);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_error (&self->store_error);
  g_free (self->db_path);
  g_free (self->pending_restore);

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
  app_class->shutdown = lg_application_shutdown;
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

/* Quits so that main() may act on the database (restore, start again). */
static void
quit_windows (LgApplication *self)
{
  GList *windows;

  /* Every window holds the database through its views. */
  while ((windows = gtk_application_get_windows (GTK_APPLICATION (self))) != NULL)
    gtk_window_destroy (windows->data);
  g_application_quit (G_APPLICATION (self));
}

/* Restoring a backup: the database may not be replaced while it is open, so
 * the app quits, main() puts the backup in place and starts Leadgram again. */
static void
on_restore_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        LgApplication    *self)
{
  if (!g_str_equal (response, "restore"))
    return;
  self->pending_restore = g_strdup (g_object_get_data (G_OBJECT (dialog), "backup"));
  quit_windows (self);
}

static void
lg_application_restore_backup_action (GSimpleAction *action,
                                      GVariant      *parameter,
                                      gpointer       user_data)
{
  LgApplication *self = user_data;
  const char *backup = g_variant_get_string (parameter, NULL);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GDateTime) date = lg_backups_get_date (backup);
  g_autofree char *day = date != NULL ? g_date_time_format (date, _("%-d %B %Y")) : NULL;
  g_autofree char *name = g_path_get_basename (backup);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (window, _("Restore the Backup?"), NULL));
  if (day != NULL)
    adw_message_dialog_format_body (dialog,
                                    _("Leadgram will close, put the backup of %s in place of "
                                      "the database and start again. Whatever changed since is "
                                      "not lost: the database as it is now is kept beside it."),
                                    day);
  else
    adw_message_dialog_format_body (dialog,
                                    _("Leadgram will close, put “%s” in place of the database "
                                      "and start again. The database as it is now is kept "
                                      "beside it."),
                                    name);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "restore", _("_Restore"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "backup", g_strdup (backup), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_restore_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Saving what can be read of a damaged database: into a new file beside it,
 * on a worker, then offered in its place like a backup. */
static void
salvage_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *out = g_strdup_printf ("%s.salvaged-%s.db", path, stamp);
  GError *error = NULL;

  if (!lg_store_salvage (path, out, NULL, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&out), g_free);
}

static void
on_salvaged_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  LgApplication *self = LG_APPLICATION (object);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_task_propagate_pointer (G_TASK (result), &error);

  if (out == NULL)
    {
      if (window != NULL)
        lg_widget_show_error (GTK_WIDGET (window), error);
      return;
    }
  g_action_group_activate_action (G_ACTION_GROUP (self), "restore-backup",
                                  g_variant_new_string (out));
}

static void
lg_application_salvage_action (GSimpleAction *action,
                               GVariant      *parameter,
                               gpointer      user_data)
{
  LgApplication *self = user_data;
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, NULL, on_salvaged_cb, NULL);
  g_task_set_task_data (task, g_strdup (self->db_path), g_free);
  g_task_run_in_thread (task, salvage_thread);
}

const char *
lg_application_get_pending_restore (LgApplication *self)
{
  g_return_val_if_fail (LG_IS_APPLICATION (self), NULL);

  return self->pending_restore;
}

gboolean
lg_application_get_pending_restart (LgApplication *self)
{
  g_return_val_if_fail (LG_IS_APPLICATION (self), FALSE);

  return self->pending_restart;
}

/* NULL unless the team's server could not be reached at the start. */
GDateTime *
lg_application_get_offline_since (LgApplication *self)
{
  g_return_val_if_fail (LG_IS_APPLICATION (self), NULL);

  return self->offline_since;
}

/* Retry, while the copy of a team workspace is shown: the server is tried
 * on a worker; when it answers, Leadgram starts again on it (every view
 * holds the copy's store). While a connection lost mid-session is shown,
 * the store is given a new one (try_reconnect()). */
static void
on_team_retried_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  LgApplication *self = LG_APPLICATION (object);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      toast_retry_failed (self, error);
      return;
    }
  self->pending_restart = TRUE;
  quit_windows (self);
}

static void
lg_application_retry_team_action (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  LgApplication *self = user_data;

  if (self->offline_since != NULL)
    {
      lg_try_workspace (self, self->db_path, NULL, on_team_retried_cb);
      return;
    }
  /* Lost mid-session: a try now, whose failure is told. */
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  self->reconnect_delay_s = 0;
  try_reconnect (self);
}

const char *
lg_application_get_db_path (LgApplication *self)
{
  g_return_val_if_fail (LG_IS_APPLICATION (self), NULL);

  return self->db_path;
}

static void
lg_application_preferences_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  LgApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  LgPreferencesWindow *preferences =
    lg_preferences_window_new (self->settings, self->db_path);

  gtk_window_set_transient_for (GTK_WINDOW (preferences), window);
  /* Its Restore buttons act on the application. */
  gtk_window_set_application (GTK_WINDOW (preferences), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (preferences));
}

/* The CSV actions need the database; without one they say so. */
static gboolean
check_store (LgApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->store != NULL)
    return TRUE;
  lg_window_toast (window, _("The database is not open: nothing to import into"));
  return FALSE;
}

static void
lg_application_import_csv_action (GSimpleAction *action,
                                  GVariant      *parameter,
                                  gpointer       user_data)
{
  LgApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (check_store (self))
    gtk_window_present (GTK_WINDOW (lg_import_wizard_new (window, self->store)));
}

static void
lg_application_import_history_action (GSimpleAction *action,
                                      GVariant      *parameter,
                                      gpointer       user_data)
{
  LgApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (check_store (self))
    gtk_window_present (GTK_WINDOW (lg_import_history_window_new (window, self->store)));
}

/* An export of every lead, or of what the board's filter shows. */
typedef struct
{
  char            *path;
  gboolean         bom;
  guint            n_written;
  gboolean         filtered;
  LgLeadFilter     filter;
  char            *filter_text;
  LgPipelineRules  rules;
  gint64           now;
} ExportData;

static void
export_data_free (gpointer data)
{
  ExportData *export = data;

  g_free (export->path);
  g_free (export->filter_text);
  g_free (export);
}

static gboolean
export_work (LgStore       *store,
             gpointer       source_object,
             gpointer       task_data,
             GCancellable  *cancellable,
             GError       **error)
{
  ExportData *export = task_data;

  if (export->filtered)
    return lg_lead_export_filtered (store, &export->filter, &export->rules, export->now,
                                    export->path, export->bom, &export->n_written,
                                    cancellable, error);
  return lg_lead_export_leads (store, export->path, NULL, 0, export->bom, &export->n_written,
                               cancellable, error);
}

static void
on_exported_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  LgApplication *self = LG_APPLICATION (object);
  ExportData *export = g_task_get_task_data (G_TASK (result));
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    text = g_strdup (error->message);
  else
    {
      g_autofree char *name = g_path_get_basename (export->path);

      text = g_strdup_printf (ngettext ("Exported %u lead to %s", "Exported %u leads to %s",
                                        export->n_written), export->n_written, name);
    }
  lg_window_toast (window, text);
}

static void
on_export_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               LgApplication   *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GTask) task = NULL;
  ExportData *export = g_object_steal_data (G_OBJECT (chooser), "export");

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file == NULL || g_file_peek_path (file) == NULL)
    {
      export_data_free (export);
      g_object_unref (chooser);
      return;
    }

  export->path = g_file_get_path (file);
  export->bom = g_strcmp0 (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "bom"),
                           "true") == 0;
  g_object_unref (chooser);

  task = g_task_new (self, NULL, on_exported_cb, NULL);
  g_task_set_task_data (task, export, export_data_free);
  lg_store_run_in_thread (task, lg_store_get_path (self->store), export_work);
}

static void
lg_application_export_leads_action (GSimpleAction *action,
                                    GVariant      *parameter,
                                    gpointer       user_data)
{
  LgApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkFileChooserNative *chooser;
  ExportData *export;

  if (!check_store (self))
    return;

  /* From the board, the export is what the board shows. */
  export = g_new0 (ExportData, 1);
  if (LG_IS_WINDOW (window) && g_strcmp0 (lg_window_get_view (LG_WINDOW (window)), "pipeline") == 0)
    export->filtered = lg_pipeline_view_get_filter (lg_window_get_pipeline_view (LG_WINDOW (window)),
                                                    &export->filter, &export->filter_text,
                                                    &export->rules);
  export->now = g_get_real_time () / G_USEC_PER_SEC;

  chooser = gtk_file_chooser_native_new (export->filtered ? _("Export the Leads the Board Shows")
                                                          : _("Export Leads"),
                                         window, GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  g_object_set_data_full (G_OBJECT (chooser), "export", export, export_data_free);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                     export->filtered ? _("leads-filtered.csv") : _("leads.csv"));
  /* Excel reads UTF-8 only when the file starts with a BOM. */
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "bom",
                               _("For Microsoft Excel (adds a byte order mark)"), NULL, NULL);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "bom", "false");
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Backing up: a copy of the whole database, written on a worker (VACUUM
 * INTO reads every page). */

static gboolean
backup_work (LgStore       *store,
             gpointer       source_object,
             gpointer       task_data,
             GCancellable  *cancellable,
             GError       **error)
{
  return lg_store_save_copy (store, task_data, error);
}

static void
on_backed_up_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LgApplication *self = LG_APPLICATION (object);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *name = g_path_get_basename (g_task_get_task_data (G_TASK (result)));
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  /* An error too goes to the window's toasts: lg_widget_show_error looks
   * for an overlay above the widget, and none is above a window. */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    text = g_strdup (error->message);
  else
    text = g_strdup_printf (_("Database backed up to %s"), name);
  lg_window_toast (window, text);
}

static void
on_backup_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               LgApplication   *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GTask) task = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL || g_file_peek_path (file) == NULL || self->store == NULL)
    return;

  task = g_task_new (self, NULL, on_backed_up_cb, NULL);
  g_task_set_task_data (task, g_file_get_path (file), g_free);
  lg_store_run_in_thread (task, lg_store_get_path (self->store), backup_work);
}

static void
lg_application_backup_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  LgApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (!check_store (self))
    return;

  /* TRANSLATORS: the suggested file name of a backup, see g_date_time_format() */
  name = g_date_time_format (now, _("leadgram-%Y-%m-%d.db"));
  chooser = gtk_file_chooser_native_new (_("Back Up the Database"), window,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_backup_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
lg_application_quit_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

/* The main window, made and shown if there is none (a notification's action
 * may come while Leadgram runs in the background). */
static LgWindow *
present_window (LgApplication *self)
{
  g_application_activate (G_APPLICATION (self));
  return LG_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (self)));
}

static void
withdraw_followup_notification (LgApplication *self,
                                gint64         followup_id)
{
  g_autofree char *id = lg_followup_notification_id (followup_id);

  g_application_withdraw_notification (G_APPLICATION (self), id);
}

static void
report_error (LgApplication *self,
              const GError  *error)
{
  LgWindow *window = present_window (self);

  lg_window_toast (GTK_WINDOW (window), error->message);
}

/* Without a database a notification's button can do nothing: the window says
 * why (activation shows the error). */
static gboolean
check_store_or_explain (LgApplication *self)
{
  if (self->store != NULL)
    return TRUE;
  g_application_activate (G_APPLICATION (self));
  return FALSE;
}

/* Done and Snooze work without a window, and may be what started Leadgram.
 * Holding the application over them restarts the inactivity timeout, so a
 * process started for one click quits soon after it, unless a window or
 * "run-in-background" keeps it. */
/* Done has landed (or failed): the next step is asked for in the window, or
 * in a notification when there is none. */
static void
on_followup_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  LgApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(LgFollowup) done = NULL;
  g_autoptr(GError) error = NULL;

  done = lg_followup_dialog_complete_finish (LG_STORE (source), result, &error);
  if (error != NULL)
    report_error (self, error);
  else if (done != NULL && window != NULL)
    lg_followup_dialog_ask_next (self->store, done, window);
  else if (done != NULL)
    {
      /* No window comes up for a button: the next step is asked in its place. */
      g_autoptr(GNotification) next = lg_followup_notification_new_next_step (done);
      g_autofree char *next_id = lg_followup_notification_id (lg_followup_get_id (done));

      g_application_send_notification (G_APPLICATION (self), next_id, next);
    }
  g_application_release (G_APPLICATION (self));
}

static void
lg_application_followup_done_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  LgApplication *self = user_data;
  gint64 id = g_variant_get_int64 (parameter);

  if (!check_store_or_explain (self))
    return;

  /* Released once the write has landed, off the main thread. */
  g_application_hold (G_APPLICATION (self));
  withdraw_followup_notification (self, id);
  lg_followup_dialog_complete_async (self->store, id, on_followup_done_cb, self);
}

/* Snooze from a notification, as the worker writes it. */
typedef struct
{
  gint64 id;
  gint64 until;
} SnoozeWrite;

static gboolean
write_snooze (LgStore  *store,
              gpointer  data,
              GError  **error)
{
  SnoozeWrite *snooze = data;

  return lg_store_snooze_followup (store, snooze->id, snooze->until, error);
}

static void
on_followup_snoozed_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  LgApplication *self = user_data;
  g_autoptr(GError) error = NULL;

  if (lg_store_write_finish (LG_STORE (source), result, NULL, &error))
    lg_store_notify_changed (LG_STORE (source), LG_STORE_CHANGED_FOLLOWUPS);
  else
    report_error (self, error);
  g_application_release (G_APPLICATION (self));
}

static void
lg_application_followup_snooze_action (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data)
{
  LgApplication *self = user_data;
  SnoozeWrite *snooze;
  gint64 now;

  if (!check_store_or_explain (self))
    return;

  /* Released once the write has landed, off the main thread. */
  g_application_hold (G_APPLICATION (self));
  withdraw_followup_notification (self, g_variant_get_int64 (parameter));
  now = lg_followup_scheduler_get_now (self->scheduler);
  snooze = g_new0 (SnoozeWrite, 1);
  snooze->id = g_variant_get_int64 (parameter);
  snooze->until = lg_followup_quick_time (LG_FOLLOWUP_QUICK_IN_1_HOUR, now, NULL);
  lg_store_write_async (self->store, write_snooze, snooze, g_free, on_followup_snoozed_cb, self);
}

/* "Schedule Next Step" on the notification Done left. */
static void
lg_application_followup_next_action (GSimpleAction *action,
                                     GVariant      *parameter,
                                     gpointer       user_data)
{
  LgApplication *self = user_data;
  g_autoptr(LgFollowup) done = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = g_variant_get_int64 (parameter);

  if (!check_store_or_explain (self))
    return;

  withdraw_followup_notification (self, id);
  done = lg_store_get_followup (self->store, id, &error);
  if (done == NULL)
    report_error (self, error);
  else
    lg_followup_dialog_ask_next (self->store, done, GTK_WINDOW (present_window (self)));
}

static void
lg_application_open_lead_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  lg_window_open_lead (present_window (user_data), g_variant_get_int64 (parameter));
}

static void
lg_application_show_followups_action (GSimpleAction *action,
                                      GVariant      *parameter,
                                      gpointer       user_data)
{
  LgApplication *self = user_data;

  g_application_withdraw_notification (G_APPLICATION (self), LG_FOLLOWUP_NOTIFICATION_MISSED_ID);
  lg_window_show_view (present_window (self), "followups");
}

static const GActionEntry app_actions[] = {
  { "quit", lg_application_quit_action },
  { "about", lg_application_about_action },
  { "preferences", lg_application_preferences_action },
  { "restore-backup", lg_application_restore_backup_action, "s" },
  { "salvage", lg_application_salvage_action },
  { "retry-team", lg_application_retry_team_action },
  { "import-csv", lg_application_import_csv_action },
  { "import-history", lg_application_import_history_action },
  { "export-leads", lg_application_export_leads_action },
  { "backup", lg_application_backup_action },
  { "followup-done", lg_application_followup_done_action, "x" },
  { "followup-snooze", lg_application_followup_snooze_action, "x" },
  { "followup-next", lg_application_followup_next_action, "x" },
  { "open-lead", lg_application_open_lead_action, "x" },
  { "show-followups", lg_application_show_followups_action },
};

static void
lg_application_init (LgApplication *self)
{
  static const GOptionEntry options[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open the database at PATH instead of the default one"), N_("PATH") },
    { "read-only", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Only read the database, never change it (to look at a backup)"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and quit"), NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_inactivity_timeout (G_APPLICATION (self), INACTIVITY_TIMEOUT_MS);
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         (const char *[]) { "<Control>comma", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.import-csv",
                                         (const char *[]) { "<Control>i", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.export-leads",
                                         (const char *[]) { "<Control><Shift>e", NULL });
}
