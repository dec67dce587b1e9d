/* lg-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-preferences-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lg-backups.h"
#include "lg-draft.h"
#include "lg-preferences-window.h"
#include "lg-store.h"
#include "lg-team-password.h"
#include "lg-ui-util.h"

struct _LgPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  char                 *database;

  GtkSpinButton        *half_life_spin;
  AdwPreferencesGroup  *backups_group;
  GtkSpinButton        *backups_keep_spin;
  GtkSwitch            *background_switch;
  AdwEntryRow          *base_url_row;
  AdwActionRow         *workspace_row;
  AdwEntryRow          *team_row;
  AdwPasswordEntryRow  *password_row;
  GtkWidget            *forget_password_button;
  char                 *password_title;  /* the row's own, while none is saved */
  GCancellable         *cancellable;
  GCancellable         *lookup_cancellable;
  char                 *saved_address;  /* whose password the keyring holds, or NULL */
  AdwEntryRow          *my_name_row;
  AdwEntryRow          *offer_en_row;
  AdwEntryRow          *offer_ru_row;
  GtkSwitch            *warm_switch;
  GtkTextView          *template_en_view;
  GtkTextView          *template_ru_view;
  GtkButton            *template_en_reset;
  GtkButton            *template_ru_reset;
};

G_DEFINE_FINAL_TYPE (LgPreferencesWindow, lg_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_DATABASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const pipeline_keys[] = {
  "probability-cold", "probability-warm", "probability-hot", "probability-won",
  "stale-days-cold", "stale-days-warm", "stale-days-hot",
};

/* The spin buttons are named after their keys: probability_cold_spin. */
static char *
spin_id (const char *key)
{
  return g_strdelimit (g_strdup_printf ("%s_spin", key), "-", '_');
}

LgPreferencesWindow *
lg_preferences_window_new (GSettings  *settings,
                           const char *database)
{
  return g_object_new (LG_TYPE_PREFERENCES_WINDOW, "settings", settings, "database", database,
                       NULL);
}

/* One row per automatic backup, newest first, each with Restore. */
static void
add_backup_rows (LgPreferencesWindow *self)
{
  g_auto(GStrv) backups = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *description = NULL;

  /* A team workspace's server keeps its own backups. */
  if (self->database == NULL || lg_store_is_team_address (self->database))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->backups_group), FALSE);
      return;
    }
  dir = lg_backups_get_dir (self->database);
  description = g_strdup_printf (_("Copies of the database in %s"), dir);
  adw_preferences_group_set_description (self->backups_group, description);

  backups = lg_backups_list (self->database);
  for (guint i = 0; backups[i] != NULL; i++)
    {
      g_autoptr(GDateTime) date = lg_backups_get_date (backups[i]);
      g_autofree char *title = g_date_time_format (date, _("%A, %-d %B %Y"));
      g_autofree char *size = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Restore…"));
      GStatBuf st;

      if (g_stat (backups[i], &st) == 0)
        size = g_format_size (st.st_size);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), size != NULL ? size : "");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "app.restore-backup");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", backups[i]);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_preferences_group_add (self->backups_group, row);
    }
}

static void
on_base_url_row_apply_cb (AdwEntryRow         *row,
                          LgPreferencesWindow *self)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (!g_str_has_prefix (url, "https://") && !g_str_has_prefix (url, "http://"))
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      return;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  g_settings_set_string (self->settings, "telegram-base-url", url);
}

/* The Workspace group: the address is tried on a worker (an open that also
 * makes the team's tables on a new database) before it is kept; it takes
 * effect when Leadgram starts next, since every view holds this one's. */
static void
say (LgPreferencesWindow *self,
     const char          *text)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (text));
}

static void look_up_password (LgPreferencesWindow *self,
                              const char          *address);

static void
on_workspace_tried_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      data)
{
  LgPreferencesWindow *self = LG_PREFERENCES_WINDOW (source);
  const char *address = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* The row to correct: the password's when the server wants another
       * (and whether the keyring holds one). */
      if (g_error_matches (error, LG_STORE_ERROR, LG_STORE_ERROR_PASSWORD))
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->password_row), "error");
          look_up_password (self, address);
        }
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_widget_add_css_class (GTK_WIDGET (self->team_row), "error");
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        say (self, error->message);
      return;
    }
  g_settings_set_string (self->settings, "team-workspace", address);
  look_up_password (self, address);
  say (self, _("Connected. Leadgram opens the team workspace when it starts next: quit and "
               "start it again to work there."));
}

/* A new try, and a password kept, end what the last one was doing. */
static GCancellable *
renew_cancellable (LgPreferencesWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  return self->cancellable;
}

static void
try_address (LgPreferencesWindow *self,
             const char          *address)
{
  lg_try_workspace (self, address, renew_cancellable (self), on_workspace_tried_cb);
}

static char *
team_address (LgPreferencesWindow *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->team_row))));
}

/* The password row says whether the keyring holds a password for the
 * address above it (in its title, where a screen reader reads it too), and
 * offers to forget it; what it says is the keyring's answer for the address
 * it was asked about, shown while the row above names that address. */
static void
on_team_row_changed_cb (LgPreferencesWindow *self)
{
  g_autofree char *address = team_address (self);
  gboolean saved = g_strcmp0 (address, self->saved_address) == 0;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row),
                                 saved ? _("Password saved in the keyring")
                                       : self->password_title);
  gtk_widget_set_visible (self->forget_password_button, saved);
}

static void
set_saved_address (LgPreferencesWindow *self,
                   const char          *address)
{
  g_free (self->saved_address);
  self->saved_address = g_strdup (address);
  on_team_row_changed_cb (self);
}

typedef struct
{
  LgPreferencesWindow *self;
  char                *address;
} LookUp;

static void
look_up_free (LookUp *look_up)
{
  g_object_unref (look_up->self);
  g_free (look_up->address);
  g_free (look_up);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LookUp, look_up_free)

static void
on_password_looked_up_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      data)
{
  g_autoptr(LookUp) look_up = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = lg_team_password_lookup_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* A keyring that cannot be read shows no password (keeping one says
   * why it failed). */
  if (error != NULL)
    g_debug ("%s", error->message);
  /* This process's connections take the keyring's: a try the server
   * refused for want of it succeeds when applied again. */
  if (password != NULL)
    lg_store_set_password (look_up->address, password);
  set_saved_address (look_up->self, password != NULL ? look_up->address : NULL);
}

/* A password kept or forgotten makes the answer of a lookup begun before
 * it stale. */
static void
cancel_look_up (LgPreferencesWindow *self)
{
  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
}

/* Asks the keyring (over D-Bus: the window does not wait) whether it holds
 * a password for address: as the window opens, and once the server has
 * answered a try (not before: a keyring is asked only about an address
 * that is there). */
static void
look_up_password (LgPreferencesWindow *self,
                  const char          *address)
{
  LookUp *look_up = g_new0 (LookUp, 1);

  cancel_look_up (self);
  self->lookup_cancellable = g_cancellable_new ();
  look_up->self = g_object_ref (self);
  look_up->address = g_strdup (address);
  lg_team_password_lookup (address, self->lookup_cancellable, on_password_looked_up_cb, look_up);
}

static void
on_team_row_apply_cb (AdwEntryRow         *row,
                      LgPreferencesWindow *self)
{
  g_autofree char *address = team_address (self);

  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  if (*address == '\0')
    {
      g_settings_set_string (self->settings, "team-workspace", "");
      say (self, _("Leadgram opens your personal workspace when it starts next."));
      return;
    }
  if (!lg_store_is_team_address (address) || lg_store_address_has_password (address))
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      say (self, !lg_store_is_team_address (address)
                 ? _("A team workspace’s address starts with postgresql://, e.g. "
                     "postgresql://team@server/leadgram?sslmode=require")
                 : _("Leave the password out of the address: enter it in the password row, "
                     "and the keyring keeps it."));
      return;
    }
  try_address (self, address);
}

/* The password goes to the keyring under the address in the row above, and
 * the address is tried with it: kept in settings when the server takes it. */
static void
on_password_stored_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      data)
{
  g_autoptr(LgPreferencesWindow) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;

  if (!lg_team_password_store_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_widget_add_css_class (GTK_WIDGET (self->password_row), "error");
      say (self, error->message);
      return;
    }
  if (self->cancellable == NULL)
    return;
  address = team_address (self);
  set_saved_address (self, address);
  try_address (self, address);
}

static void
on_password_forgotten_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      data)
{
  g_autoptr(LgPreferencesWindow) self = data;
  g_autoptr(GError) error = NULL;

  if (!lg_team_password_store_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        say (self, error->message);
      return;
    }
  set_saved_address (self, NULL);
  say (self, _("The password was removed from the keyring."));
}

/* Removes the keyring's password of address, and this process's. */
static void
forget_password (LgPreferencesWindow *self,
                 const char          *address)
{
  cancel_look_up (self);
  lg_store_set_password (address, NULL);
  lg_team_password_store (address, NULL, renew_cancellable (self), on_password_forgotten_cb,
                          g_object_ref (self));
}

static void
on_forget_password_clicked_cb (LgPreferencesWindow *self)
{
  g_autofree char *address = g_strdup (self->saved_address);

  if (address != NULL)
    forget_password (self, address);
}

static void
on_password_row_apply_cb (AdwPasswordEntryRow *row,
                          LgPreferencesWindow *self)
{
  g_autofree char *address = team_address (self);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (row));

  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  if (!lg_store_is_team_address (address))
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      say (self, _("Enter the team workspace’s address first: the keyring keeps the password "
                   "under it."));
      return;
    }
  /* An empty password is none: the keyring's goes. */
  if (*password == '\0')
    {
      forget_password (self, address);
      return;
    }
  /* This process's connections take it now; the next start, from the keyring. */
  cancel_look_up (self);
  lg_store_set_password (address, password);
  lg_team_password_store (address, password, renew_cancellable (self), on_password_stored_cb,
                          g_object_ref (self));
}

/* The Message Templates page: a template shows Leadgram's own while the key
 * is empty, and the key stays empty while the text is Leadgram's own, so a
 * better default in a later version reaches users who never changed it. */
static const char *
template_key (LgDraftLanguage language)
{
  return language == LG_DRAFT_RUSSIAN ? "outreach-template-ru" : "outreach-template-en";
}

static GtkTextView *
template_view (LgPreferencesWindow *self,
               LgDraftLanguage      language)
{
  return language == LG_DRAFT_RUSSIAN ? self->template_ru_view : self->template_en_view;
}

static void
on_template_changed_cb (GtkTextBuffer       *buffer,
                        LgPreferencesWindow *self)
{
  LgDraftLanguage language = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (buffer), "language"));
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_settings_set_string (self->settings, template_key (language),
                         g_strcmp0 (text, lg_draft_default_template (language)) == 0 ? "" : text);
}

static void
load_template (LgPreferencesWindow *self,
               LgDraftLanguage      language)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (template_view (self, language));
  g_autofree char *text = g_settings_get_string (self->settings, template_key (language));

  g_object_set_data (G_OBJECT (buffer), "language", GUINT_TO_POINTER (language));
  gtk_text_buffer_set_text (buffer, *text != '\0' ? text : lg_draft_default_template (language),
                            -1);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_template_changed_cb), self, 0);
}

static void
on_template_reset_clicked_cb (LgPreferencesWindow *self,
                              GtkButton           *button)
{
  LgDraftLanguage language = button == self->template_ru_reset ? LG_DRAFT_RUSSIAN
                                                                : LG_DRAFT_ENGLISH;

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (template_view (self, language)),
                            lg_draft_default_template (language), -1);
}

static void
lg_preferences_window_constructed (GObject *object)
{
  LgPreferencesWindow *self = LG_PREFERENCES_WINDOW (object);
  g_autofree char *url = NULL;
  g_autofree char *team = NULL;

  G_OBJECT_CLASS (lg_preferences_window_parent_class)->constructed (object);

  g_settings_bind (self->settings, "recency-half-life-days",
                   gtk_spin_button_get_adjustment (self->half_life_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "run-in-background", self->background_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "backups-keep",
                   gtk_spin_button_get_adjustment (self->backups_keep_spin), "value",
                   G_SETTINGS_BIND_DEFAULT);
  add_backup_rows (self);

  /* The pipeline's rules; the board reads them again when they change. */
  for (guint i = 0; i < G_N_ELEMENTS (pipeline_keys); i++)
    {
      g_autofree char *id = spin_id (pipeline_keys[i]);
      GObject *spin = gtk_widget_get_template_child (GTK_WIDGET (self),
                                                     LG_TYPE_PREFERENCES_WINDOW, id);

      g_settings_bind (self->settings, pipeline_keys[i],
                       gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (spin)), "value",
                       G_SETTINGS_BIND_DEFAULT);
    }

  g_settings_bind (self->settings, "outreach-my-name", self->my_name_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "outreach-offer-en", self->offer_en_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "outreach-offer-ru", self->offer_ru_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "outreach-warm-on-touch", self->warm_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  load_template (self, LG_DRAFT_ENGLISH);
  load_template (self, LG_DRAFT_RUSSIAN);

  url = g_settings_get_string (self->settings, "telegram-base-url");
  gtk_editable_set_text (GTK_EDITABLE (self->base_url_row), url);

  self->password_title =
    g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->password_row)));
  team = g_settings_get_string (self->settings, "team-workspace");
  gtk_editable_set_text (GTK_EDITABLE (self->team_row), team);
  if (lg_store_is_team_address (team))
    look_up_password (self, team);
  adw_action_row_set_subtitle (self->workspace_row, self->database != NULL ? self->database : "");
}

static void
lg_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  LgPreferencesWindow *self = LG_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_set_object (&self->settings, g_value_get_object (value));
      break;

    case PROP_DATABASE:
      g_free (self->database);
      self->database = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lg_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  LgPreferencesWindow *self = LG_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_DATABASE:
      g_value_set_string (value, self->database);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lg_preferences_window_dispose (GObject *object)
{
  LgPreferencesWindow *self = LG_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  cancel_look_up (self);
  g_clear_pointer (&self->saved_address, g_free);
  g_clear_pointer (&self->password_title, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), LG_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->database, g_free);

  G_OBJECT_CLASS (lg_preferences_window_parent_class)->dispose (object);
}

static void
lg_preferences_window_class_init (LgPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lg_preferences_window_constructed;
  object_class->dispose = lg_preferences_window_dispose;
  object_class->get_property = lg_preferences_window_get_property;
  object_class->set_property = lg_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, "The application settings",
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The database whose backups are listed; NULL for none. */
  properties[PROP_DATABASE] =
    g_param_spec_string ("database", NULL, "The database’s path", NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadgram/Desktop/ui/lg-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LgPreferencesWindow, half_life_spin);
  gtk_widget_class_bind_template_child (widget_class, LgPreferencesWindow, backups_group);
  gtk_widget_class_bind_template_child (widget_class, LgPreferencesWindow, backups_keep_spin);
  gtk_widget_class_bind_template_child (widget_class, LgPreferencesWindow, base_url_row);
  gtk_widget_class_bind_template_child (widget_class, LgPreferencesWindow, workspace_row);
  gtk_widget_class_bind_template_child (widget_class, LgPreferencesWindow, team_row);
  gtk_widget_class_bind_template_child (widget_class, LgPreferencesWindow, password_row);
  gtk_widget_class_bind_template_child (widget_class, LgPreferencesWindow, forget_password_button);
  gtk_widget_class_bind_template_child (widget_class, LgPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, LgPreferencesWindow, my_name_row);
  gtk_widget_class_bind_template_child (widget_class, LgPreferencesWindow, offer_en_row);
  gtk_widget_class_bind_template_child (widget_class, LgPreferencesWindow, offer_ru_row);
  gtk_widget_class_bind_template_child (widget_class, LgPreferencesWindow, warm_switch);
  gtk_widget_class_bind_template_child (widget_class, LgPreferencesWindow, template_en_view);
  gtk_widget_class_bind_template_child (widget_class, LgPreferencesWindow, template_ru_view);
  gtk_widget_class_bind_template_child (widget_class, LgPreferencesWindow, template_en_reset);
  gtk_widget_class_bind_template_child (widget_class, LgPreferencesWindow, template_ru_reset);
  for (guint i = 0; i < G_N_ELEMENTS (pipeline_keys); i++)
    {
      g_autofree char *id = spin_id (pipeline_keys[i]);

      gtk_widget_class_bind_template_child_full (widget_class, id, FALSE, 0);
    }
  gtk_widget_class_bind_template_callback (widget_class, on_base_url_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_team_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_password_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_team_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_forget_password_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_template_reset_clicked_cb);
}

static void
lg_preferences_window_init (LgPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
