/* test-team-password.c: a team workspace's password kept in a real keyring
 * (gnome-keyring-daemon on a D-Bus session of the test's own), looked up as
 * the app does at start, and taken by a throw-away cluster whose role logs
 * in with it (tests/common/lg-test-pg.c); and Preferences' password row,
 * which says whether the keyring holds one and forgets it (with a display
 * only). Suite postgresql.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <unistd.h>

#include <adwaita.h>

#include "lg-preferences-window.h"
#include "lg-resources.h"
#include "lg-store.h"
#include "lg-team-password.h"
#include "lg-test-pg.h"
#include "lg-test-ui.h"
#include "lg-test-util.h"

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* The result of an asynchronous call, once it has come. */
static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static void
keep (const char *address,
      const char *password)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  lg_team_password_store (address, password, NULL, on_done_cb, &result);
  g_assert_true (lg_team_password_store_finish (wait_for (&result), &error));
  g_assert_no_error (error);
}

static char *
look_up (const char *address)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *password;

  lg_team_password_lookup (address, NULL, on_done_cb, &result);
  password = lg_team_password_lookup_finish (wait_for (&result), &error);
  g_assert_no_error (error);
  return password;
}

/* What the app does at start: the keyring's password to the store, then
 * the open. */
static LgStore *
open_with_keyring (const char  *address,
                   GError     **error)
{
  g_autofree char *password = look_up (address);

  lg_store_set_password (address, password);
  return lg_store_open (address, error);
}

static void
test_keyring (void)
{
  g_autofree char *address = lg_test_pg_new_password_database ("tea for two");
  g_autofree char *other = lg_test_pg_new_password_database ("coffee");
  g_autofree char *found = NULL;
  g_autoptr(LgStore) store = NULL;
  g_autoptr(GError) error = NULL;

  /* Nothing kept yet: the server asks for it, and says where it goes. */
  g_assert_null (look_up (address));
  store = open_with_keyring (address, &error);
  g_assert_null (store);
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_PASSWORD);
  g_clear_error (&error);

  /* Kept under its address: each workspace has its own. */
  keep (address, "tea for two");
  keep (other, "coffee");
  found = look_up (address);
  g_assert_cmpstr (found, ==, "tea for two");
  store = open_with_keyring (address, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_clear_object (&store);

  /* A changed one replaces it; a wrong one is refused in words. */
  keep (address, "tea for three");
  store = open_with_keyring (address, &error);
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_PASSWORD);
  g_assert_nonnull (strstr (error->message, "did not accept the password"));
  g_clear_error (&error);

  /* Forgotten: none again, and the other workspace keeps its own. */
  keep (address, "");
  g_assert_null (look_up (address));
  g_clear_pointer (&found, g_free);
  found = look_up (other);
  g_assert_cmpstr (found, ==, "coffee");
}

static gboolean have_display;

/* Whether the password row says the keyring holds one, and offers Forget. */
static gboolean
says_saved (GtkWidget *row,
            GtkWidget *forget)
{
  gboolean saved = gtk_widget_get_visible (forget);
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

  g_assert_cmpstr (title, ==, saved ? "Password saved in the keyring"
                                    : "Team workspace password (kept in the keyring)");
  return saved;
}

static gboolean
is_shown (gpointer widget)
{
  return gtk_widget_get_visible (widget);
}

static gboolean
is_hidden (gpointer widget)
{
  return !gtk_widget_get_visible (widget);
}

typedef struct
{
  GSettings  *settings;
  const char *address;
} Kept;

static gboolean
is_kept (gpointer data)
{
  Kept *kept = data;
  g_autofree char *address = g_settings_get_string (kept->settings, "team-workspace");

  return g_str_equal (address, kept->address);
}

static void
apply (GtkWidget  *row,
       const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
}

/* Preferences → General → Workspace: the password row says when the
 * keyring holds the password of the address above it (asked as the window
 * opens and when the server answered another address), and Forget or an
 * empty password removes it from the keyring. */
static void
test_preferences (void)
{
  g_autofree char *address = lg_test_pg_new_password_database ("tea for two");
  g_autofree char *other = lg_test_pg_new_password_database ("coffee");
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autofree char *found = NULL;
  LgPreferencesWindow *preferences;
  GtkWidget *team_row;
  GtkWidget *password_row;
  GtkWidget *forget;
  Kept kept = { settings, NULL };

  if (!have_display)
    {
      g_test_skip ("no display: run under xvfb-run");
      return;
    }
  keep (address, "tea for two");
  g_settings_set_string (settings, "team-workspace", address);
  preferences = lg_preferences_window_new (settings, NULL);
  gtk_window_present (GTK_WINDOW (preferences));
  team_row = lg_test_find_named (GTK_WIDGET (preferences), "team-workspace");
  password_row = lg_test_find_named (GTK_WIDGET (preferences), "team-password");
  forget = lg_test_find_named (GTK_WIDGET (preferences), "forget-team-password");
  g_assert_false (says_saved (password_row, forget));

  /* Said once the keyring answered, for the address it was asked about. */
  lg_test_wait_until (is_shown, forget);
  g_assert_true (says_saved (password_row, forget));
  gtk_editable_set_text (GTK_EDITABLE (team_row), other);
  g_assert_false (says_saved (password_row, forget));
  gtk_editable_set_text (GTK_EDITABLE (team_row), address);
  g_assert_true (says_saved (password_row, forget));

  /* Forget: out of the keyring. */
  lg_test_click_named (GTK_WIDGET (preferences), "forget-team-password");
  lg_test_wait_until (is_hidden, forget);
  g_assert_false (says_saved (password_row, forget));
  g_assert_null (look_up (address));

  /* A password typed is kept, said so, and connects. */
  g_settings_set_string (settings, "team-workspace", "");
  apply (password_row, "tea for two");
  lg_test_wait_until (is_shown, forget);
  g_assert_true (says_saved (password_row, forget));
  found = look_up (address);
  g_assert_cmpstr (found, ==, "tea for two");
  kept.address = address;
  lg_test_wait_until (is_kept, &kept);

  /* An empty one forgets it. */
  apply (password_row, "");
  lg_test_wait_until (is_hidden, forget);
  g_assert_false (says_saved (password_row, forget));
  g_assert_null (look_up (address));

  /* Another address the server takes, whose password the keyring holds:
   * said once it connected. */
  keep (other, "coffee");
  lg_store_set_password (other, "coffee");
  apply (team_row, other);
  kept.address = other;
  lg_test_wait_until (is_kept, &kept);
  lg_test_wait_until (is_shown, forget);
  g_assert_true (says_saved (password_row, forget));

  gtk_window_destroy (GTK_WINDOW (preferences));
}

/* A keyring of the test's own: unlocked with an empty password, its files
 * in the test's folders, on the test's session bus. */
static GPid
start_keyring (void)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *data = g_build_filename (dir, "data", NULL);
  g_autofree char *runtime = g_build_filename (dir, "runtime", NULL);
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "gnome-keyring-daemon", "--foreground", "--unlock",
                         "--components=secrets", NULL };
  GPid pid;
  int in;

  g_mkdir_with_parents (data, 0700);
  g_mkdir_with_parents (runtime, 0700);
  g_setenv ("XDG_DATA_HOME", data, TRUE);
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH,
                                           NULL, NULL, &pid, &in, NULL, NULL, &error));
  g_assert_no_error (error);
  /* The empty password, as a line: the login keyring is made with it. */
  g_assert_cmpint (write (in, "\n", 1), ==, 1);
  close (in);

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(GVariant) reply = NULL;
      gboolean has_owner = FALSE;

      reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                           "org.freedesktop.DBus", "NameHasOwner",
                                           g_variant_new ("(s)", "org.freedesktop.secrets"),
                                           G_VARIANT_TYPE ("(b)"), 0, -1, NULL, NULL);
      if (reply != NULL)
        g_variant_get (reply, "(b)", &has_owner);
      if (has_owner)
        return pid;
      g_usleep (50 * 1000);
    }
  g_error ("gnome-keyring-daemon did not come on the bus");
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus;
  g_autofree char *daemon = NULL;
  g_autofree char *display = NULL;
  GPid keyring;
  int status;

  g_test_init (&argc, &argv, NULL);

  if (!lg_test_pg_wanted ())
    {
      g_test_message ("the keyring's test runs in the postgresql suite only");
      return 77;
    }
  daemon = g_find_program_in_path ("gnome-keyring-daemon");
  if (daemon == NULL)
    {
      g_test_message ("gnome-keyring-daemon is not installed (build-aux/setup.sh installs "
                      "gnome-keyring)");
      return 77;
    }

  /* g_test_dbus_up() unsets DISPLAY, so that nothing autolaunches a bus
   * on it: given back for GTK. */
  display = g_strdup (g_getenv ("DISPLAY"));
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  keyring = start_keyring ();
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  /* After the test's bus is up: GTK takes the session bus there is, which
   * has no accessibility bus to offer. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  /* Not even tried without one: GTK's failed start leaves fontconfig's
   * memory behind, which the sanitizer's run (no display) counts. */
  have_display = display != NULL && lg_test_init_gtk ();
  if (have_display)
    {
      adw_init ();
      lg_register_resource ();
    }

  g_test_add_func ("/team/keyring", test_keyring);
  g_test_add_func ("/team/keyring/preferences", test_preferences);
  status = g_test_run ();

  kill (keyring, SIGTERM);
  g_spawn_close_pid (keyring);
  /* libsecret's service keeps its connection to the bus to the end, and
   * g_test_dbus_down() (also the object's finalizing) would wait for it:
   * stopped, and left. */
  g_test_dbus_stop (bus);
  return status;
}
