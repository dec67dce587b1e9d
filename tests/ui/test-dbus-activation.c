/* test-dbus-activation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Leadgram started by D-Bus, as the desktop starts it when a notification's
 * button is clicked after Leadgram quit: a private session bus whose service
 * folder holds the service file (data/org.leadgram.Desktop.service.in, its
 * Exec the built program with --gapplication-service), and the calls on
 * org.freedesktop.Application that GNOME Shell makes. The program runs in a
 * process of its own, against a database the test reads afterwards.
 */

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "lg-test-notifications.h"
#include "lg-test-ui.h"
#include "lg-test-util.h"

#define OBJECT_PATH "/org/leadgram/Desktop"
/* The application quits 3 s after its last action when nothing keeps it:
 * not much sooner (that would be a crash, or no timeout), nor as late as
 * GLib's 10 s wait for a service's first call. */
#define MIN_LINGER_MS 2000
#define MAX_LINGER_MS 7000

/* One bus for the run, up before GTK starts (see main()). */
static GTestDBus *bus;

typedef struct
{
  GDBusConnection *connection;
  guint            tick_id;
  char            *db_path;
  gint64           lead_id;
  gint64           call_id;
  gint64           email_id;
} Fixture;

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Keeps g_main_context_iteration() from sleeping past a deadline. */
static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* A follow-up whose notification went out in an earlier run. */
static gint64
add_notified_followup (LgStore    *store,
                       gint64      lead_id,
                       gint64      due_at,
                       const char *kind)
{
  g_autoptr(GError) error = NULL;
  gint64 id = lg_test_add_followup (store, lead_id, due_at, kind, "");

  g_assert_true (lg_store_mark_followup_notified (store, id, &error));
  g_assert_no_error (error);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;

  f->db_path = g_build_filename (dir, "activation.db", NULL);
  {
    g_autoptr(LgStore) store = lg_store_open (f->db_path, &error);
    g_autoptr(LgLead) lead = NULL;

    g_assert_no_error (error);
    lead = lg_test_add_lead (store, "Anna Petrova", "warm");
    f->lead_id = lg_lead_get_id (lead);
    f->call_id = add_notified_followup (store, f->lead_id, now_seconds () - 600, "call");
    f->email_id = add_notified_followup (store, f->lead_id, now_seconds () - 300, "email");
  }

  g_assert_true (lg_test_notifications_start ());
  f->connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  /* The test's own bus, whose service folder holds Leadgram: not the
   * desktop's, whatever connected to that one first. */
  g_assert_nonnull (strstr (g_test_dbus_get_bus_address (bus),
                            g_dbus_connection_get_guid (f->connection)));
  f->tick_id = g_timeout_add (50, tick_cb, NULL);

  /* What the bus starts gets its environment, as a session's bus does. */
  g_dbus_connection_call_sync (f->connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                               "org.freedesktop.DBus", "UpdateActivationEnvironment",
                               g_variant_new_parsed ("({'LEADGRAM_DB': %s},)", f->db_path),
                               NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_handle_id (&f->tick_id, g_source_remove);
  g_clear_object (&f->connection);
  lg_test_notifications_stop ();
  g_free (f->db_path);
}

/* A call on org.freedesktop.Application: the bus starts Leadgram for it when
 * it is not running. */
static void
call_application (Fixture    *f,
                  const char *method,
                  GVariant   *parameters)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_sync (f->connection, APP_ID, OBJECT_PATH,
                                       "org.freedesktop.Application", method, parameters,
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

static void
activate_action (Fixture    *f,
                 const char *action,
                 GVariant   *target)
{
  GVariantBuilder targets;

  g_variant_builder_init (&targets, G_VARIANT_TYPE ("av"));
  if (target != NULL)
    g_variant_builder_add (&targets, "v", target);
  call_application (f, "ActivateAction", g_variant_new ("(sava{sv})", action, &targets, NULL));
}

static guint32
app_pid (Fixture *f)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  guint32 pid;

  reply = g_dbus_connection_call_sync (f->connection, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "GetConnectionUnixProcessID", g_variant_new ("(s)", APP_ID),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &pid);
  return pid;
}

static gboolean
app_is_on_bus (Fixture *f)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_owner;

  reply = g_dbus_connection_call_sync (f->connection, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "NameHasOwner", g_variant_new ("(s)", APP_ID),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(b)", &has_owner);
  return has_owner;
}

/* GtkApplication puts each of its windows on the bus under the application's
 * path as window/1, window/2 ...: the first one tells whether any was made. */
static gboolean
app_has_window (Fixture *f)
{
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = g_dbus_connection_call_sync (f->connection, APP_ID, OBJECT_PATH "/window/1",
                                       "org.gtk.Actions", "DescribeAll", NULL,
                                       NULL, G_DBUS_CALL_FLAGS_NO_AUTO_START, -1, NULL, &error);
  if (reply != NULL)
    return TRUE;
  g_assert_true (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD) ||
                 g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT));
  return FALSE;
}

/* Gone, or a zombie its parent has not reaped yet. */
static gboolean
process_ended (guint32 pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%u/stat", pid);
  g_autofree char *stat = NULL;
  const char *state;

  if (!g_file_get_contents (path, &stat, NULL, NULL))
    return TRUE;
  state = strrchr (stat, ')');
  return state != NULL && state[1] == ' ' && state[2] == 'Z';
}

/* Waits for Leadgram to leave the bus and end; returns the milliseconds it took. */
static gint64
wait_for_exit (Fixture *f,
               guint32  pid)
{
  gint64 start = g_get_monotonic_time ();
  gint64 give_up = start + 10 * G_USEC_PER_SEC;

  while (app_is_on_bus (f) || !process_ended (pid))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, give_up);
      g_main_context_iteration (NULL, TRUE);
    }
  return (g_get_monotonic_time () - start) / 1000;
}

static LgFollowup *
read_followup (Fixture *f,
               gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgStore) store = lg_store_open (f->db_path, &error);
  LgFollowup *followup;

  g_assert_no_error (error);
  followup = lg_store_get_followup (store, id, &error);
  g_assert_no_error (error);
  return followup;
}

/* A follow-up as the other process will have written it: it writes off its
 * main thread, after the click has returned. */
typedef struct
{
  Fixture *f;
  gint64   id;
  gint64   done_after;    /* done at or after this, when not 0 */
  gint64   snoozed_after; /* snoozed until this or later, when not 0 */
} Landed;

static gboolean
followup_landed (gpointer data)
{
  Landed *landed = data;
  g_autoptr(LgFollowup) followup = read_followup (landed->f, landed->id);

  return lg_followup_get_done_at (followup) >= landed->done_after &&
         lg_followup_get_snoozed_until (followup) >= landed->snoozed_after;
}

/* Done and Snooze on a Leadgram that is not running: the bus starts it, it
 * writes the database, asks for the next step in a notification, shows no
 * window, takes the second click in the same process and then quits alone. */
static void
test_followup_buttons (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *call_notification = g_strdup_printf ("followup-%" G_GINT64_FORMAT, f->call_id);
  g_autofree char *email_notification = g_strdup_printf ("followup-%" G_GINT64_FORMAT,
                                                         f->email_id);
  g_autoptr(LgFollowup) done = NULL;
  g_autoptr(LgFollowup) snoozed = NULL;
  g_autoptr(GVariant) buttons = NULL;
  g_autoptr(GVariant) button = NULL;
  g_autoptr(GVariant) target = NULL;
  GVariant *next;
  const char *action = NULL;
  guint32 pid;
  gint64 lingered;
  gint64 before = now_seconds ();

  g_assert_false (app_is_on_bus (f));

  activate_action (f, "followup-done", g_variant_new_int64 (f->call_id));
  pid = app_pid (f);
  lg_test_wait_until (followup_landed, &(Landed) { f, f->call_id, before, 0 });
  done = read_followup (f, f->call_id);
  g_assert_cmpint (lg_followup_get_done_at (done), >=, before);
  g_assert_false (app_has_window (f));

  /* The lead is open: the question comes in the clicked notification's place. */
  lg_test_wait_until (lg_test_notifications_was_sent, call_notification);
  next = lg_test_notifications_lookup (call_notification);
  g_assert_true (g_variant_lookup (next, "default-action", "&s", &action));
  g_assert_cmpstr (action, ==, "app.followup-next");
  buttons = g_variant_lookup_value (next, "buttons", G_VARIANT_TYPE ("aa{sv}"));
  g_assert_cmpuint (g_variant_n_children (buttons), ==, 1);
  button = g_variant_get_child_value (buttons, 0);
  g_assert_true (g_variant_lookup (button, "action", "&s", &action));
  g_assert_cmpstr (action, ==, "app.followup-next");
  target = g_variant_lookup_value (button, "target", G_VARIANT_TYPE_INT64);
  g_assert_cmpint (g_variant_get_int64 (target), ==, f->call_id);

  activate_action (f, "followup-snooze", g_variant_new_int64 (f->email_id));
  g_assert_cmpuint (app_pid (f), ==, pid);
  lg_test_wait_until (followup_landed, &(Landed) { f, f->email_id, 0, before + 3600 });
  snoozed = read_followup (f, f->email_id);
  g_assert_cmpint (lg_followup_get_snoozed_until (snoozed), >=, before + 3600);
  g_assert_cmpint (lg_followup_get_done_at (snoozed), ==, 0);
  lg_test_wait_until (lg_test_notifications_was_withdrawn, email_notification);
  g_assert_false (app_has_window (f));

  /* No window and "run-in-background" off: it lingers a moment, then quits. */
  lingered = wait_for_exit (f, pid);
  g_assert_cmpint (lingered, >=, MIN_LINGER_MS);
  g_assert_cmpint (lingered, <=, MAX_LINGER_MS);
}

/* The notification's default action: the bus starts Leadgram, which opens
 * its window (and stays while it is open). */
static void
test_open_lead (Fixture       *f,
                gconstpointer  data)
{
  guint32 pid;

  activate_action (f, "open-lead", g_variant_new_int64 (f->lead_id));
  pid = app_pid (f);
  g_assert_true (app_has_window (f));

  activate_action (f, "quit", NULL);
  wait_for_exit (f, pid);
}

/* A launcher that activates the desktop file by D-Bus gets the window. */
static void
test_activate (Fixture       *f,
               gconstpointer  data)
{
  guint32 pid;

  call_application (f, "Activate", g_variant_new ("(a{sv})", NULL));
  pid = app_pid (f);
  g_assert_true (app_has_window (f));

  activate_action (f, "quit", NULL);
  wait_for_exit (f, pid);
}

/* A desktop's session bus often has a document portal: GTK then keeps a
 * connection to that bus from gtk_init() on (for its file transfer portal),
 * and it becomes every later g_bus_get()'s. A stand-in portal on the bus the
 * test was started on puts each run in that situation. It runs as a child
 * process (this program with --stand-in-portal) until it is stopped, or its
 * stdin closes because the test ended without stopping it. */
static void
stand_in_name_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  gboolean *ready = user_data;

  /* Owned, or already owned by a real portal: either way the bus has one. */
  if (!*ready)
    {
      g_print ("ready\n");
      fflush (stdout);
      *ready = TRUE;
    }
}

static gboolean
stand_in_stdin_cb (GIOChannel   *channel,
                   GIOCondition  condition,
                   gpointer      user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static int
run_stand_in_portal (void)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GIOChannel) input = g_io_channel_unix_new (STDIN_FILENO);
  gboolean ready = FALSE;
  guint owner_id;

  owner_id = g_bus_own_name (G_BUS_TYPE_SESSION, "org.freedesktop.portal.Documents",
                             G_BUS_NAME_OWNER_FLAGS_NONE, NULL,
                             stand_in_name_cb, stand_in_name_cb, &ready, NULL);
  g_io_add_watch (input, G_IO_IN | G_IO_HUP | G_IO_ERR, stand_in_stdin_cb, loop);
  g_main_loop_run (loop);
  g_bus_unown_name (owner_id);
  return 0;
}

static GSubprocess *
start_stand_in_portal (const char *program)
{
  g_autoptr(GSubprocess) portal = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    return NULL;
  portal = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                             &error, program, "--stand-in-portal", NULL);
  g_assert_no_error (error);
  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (portal));
  line = g_data_input_stream_read_line (output, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "ready");
  return g_steal_pointer (&portal);
}

static void
stop_stand_in_portal (GSubprocess *portal)
{
  g_autoptr(GError) error = NULL;

  if (portal == NULL)
    return;
  g_subprocess_send_signal (portal, SIGTERM);
  g_subprocess_wait (portal, NULL, &error);
  g_assert_no_error (error);
  g_object_unref (portal);
}

/* Something in GTK keeps a connection to the test's bus for the life of the
 * process, and g_test_dbus_down() (as well as disposing of the GTestDBus)
 * waits for the connection to go: it would wait until the test times out.
 * The bus stops under the connection instead, which must not take the
 * process with it; the GTestDBus is left for the exit to free. */
static void
stop_bus (void)
{
  g_autoptr(GDBusConnection) connection = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);

  if (connection != NULL)
    g_dbus_connection_set_exit_on_close (connection, FALSE);
  g_test_dbus_stop (bus);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dbus_daemon = g_find_program_in_path ("dbus-daemon");
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));
  GSubprocess *portal;
  int status;

  if (argc == 2 && g_str_equal (argv[1], "--stand-in-portal"))
    return run_stand_in_portal ();

  /* What the started Leadgram sends goes to the stand-in server; it has no
   * accessibility bus to talk to. */
  g_setenv ("GNOTIFICATION_BACKEND", "gtk", TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  g_test_init (&argc, &argv, NULL);

  if (dbus_daemon == NULL)
    {
      g_printerr ("No dbus-daemon: D-Bus activation needs one (Debian's dbus package).\n");
      return 77;
    }

  portal = start_stand_in_portal (argv[0]);

  /* The test's bus comes up before anything in this process connects to a
   * session bus: GTK may keep the first connection it makes, and GLib hands
   * that one to every g_bus_get(). g_test_dbus_up() unsets DISPLAY (the bus
   * it started keeps it for what it starts); GTK needs it back. */
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_add_service_dir (bus, g_getenv ("LEADGRAM_SERVICE_DIR"));
  g_test_dbus_up (bus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);

  if (!lg_test_init_gtk ())
    status = 77;
  else
    {
      g_test_add ("/dbus-activation/followup-buttons", Fixture, NULL,
                  fixture_set_up, test_followup_buttons, fixture_tear_down);
      g_test_add ("/dbus-activation/open-lead", Fixture, NULL,
                  fixture_set_up, test_open_lead, fixture_tear_down);
      g_test_add ("/dbus-activation/activate", Fixture, NULL,
                  fixture_set_up, test_activate, fixture_tear_down);
      status = g_test_run ();
    }

  stop_bus ();
  stop_stand_in_portal (portal);
  return status;
}
