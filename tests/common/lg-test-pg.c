/* lg-test-pg.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "lg-test-pg.h"

static char *cluster_dir;
static char *bin_dir;
static char *server_options; /* pg_ctl's -o, for starting it again */
static guint n_databases;

gboolean
lg_test_pg_wanted (void)
{
  return g_strcmp0 (g_getenv ("LEADGRAM_TEST_BACKEND"), "postgresql") == 0;
}

/* Debian puts each major version's server programs in their own folder. */
static char *
find_bin_dir (void)
{
  const char *env = g_getenv ("LEADGRAM_PG_BINDIR");
  g_autoptr(GDir) dir = NULL;
  const char *name;
  char *found = NULL;

  if (env != NULL)
    return g_strdup (env);
  dir = g_dir_open ("/usr/lib/postgresql", 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      char *bin = g_build_filename ("/usr/lib/postgresql", name, "bin", NULL);
      g_autofree char *initdb = g_build_filename (bin, "initdb", NULL);

      if (g_file_test (initdb, G_FILE_TEST_IS_EXECUTABLE))
        {
          g_free (found);
          found = bin;
        }
      else
        g_free (bin);
    }
  return found;
}

gboolean
lg_test_pg_available (void)
{
  if (bin_dir == NULL)
    bin_dir = find_bin_dir ();
  return bin_dir != NULL;
}

/* The server refuses to run as root: as root, it runs as nobody. */
static gboolean
run (const char *program,
     const char *const *args,
     GError    **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *err = NULL;
  int status;

  if (geteuid () == 0)
    {
      g_ptr_array_add (argv, g_strdup ("runuser"));
      g_ptr_array_add (argv, g_strdup ("-u"));
      g_ptr_array_add (argv, g_strdup ("nobody"));
      g_ptr_array_add (argv, g_strdup ("--"));
    }
  g_ptr_array_add (argv, g_build_filename (bin_dir, program, NULL));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (cluster_dir, (char **) argv->pdata, NULL,
                     G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, &err, &status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (status, error))
    {
      g_prefix_error (error, "%s: %s", program, err);
      return FALSE;
    }
  return TRUE;
}

static void
stop_cluster (void)
{
  g_autofree char *data = g_build_filename (cluster_dir, "data", NULL);
  g_autofree char *command = NULL;

  run ("pg_ctl", (const char *[]) { "-D", data, "-m", "immediate", "stop", NULL }, NULL);
  command = g_strdup_printf ("rm -rf '%s'", cluster_dir);
  g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
}

/* A failed assertion aborts, and meson's timeout terminates: neither runs
 * atexit(), and the server would outlive the test, one more each time. Not
 * async-signal-safe, but the process is going anyway. */
static void
on_fatal_signal (int signum)
{
  stop_cluster ();
  raise (signum);
}

static void
stop_on_signals (void)
{
  struct sigaction action = { 0 };

  action.sa_handler = on_fatal_signal;
  action.sa_flags = SA_RESETHAND;
  sigemptyset (&action.sa_mask);
  sigaction (SIGABRT, &action, NULL);
  sigaction (SIGTERM, &action, NULL);
  sigaction (SIGSEGV, &action, NULL);
}

/* The members of password_users log in with a password, as on a real
 * server; everyone else is trusted. */
static gboolean
ask_passwords (const char  *data,
               GError     **error)
{
  g_autofree char *hba = g_build_filename (data, "pg_hba.conf", NULL);
  g_autofree char *rules = NULL;
  g_autofree char *both = NULL;

  if (!g_file_get_contents (hba, &rules, NULL, error))
    return FALSE;
  both = g_strconcat ("local all +password_users scram-sha-256\n", rules, NULL);
  return g_file_set_contents (hba, both, -1, error);
}

static gboolean
start_server (GError **error)
{
  g_autofree char *data = g_build_filename (cluster_dir, "data", NULL);
  g_autofree char *log = g_build_filename (cluster_dir, "log", NULL);

  return run ("pg_ctl", (const char *[]) { "-D", data, "-o", server_options, "-l", log, "-w",
                                           "start", NULL }, error);
}

static gboolean
start_cluster (GError **error)
{
  g_autofree char *data = NULL;

  cluster_dir = g_dir_make_tmp ("leadgram-pg-XXXXXX", error);
  if (cluster_dir == NULL)
    return FALSE;
  if (geteuid () == 0)
    {
      struct passwd *nobody = getpwnam ("nobody");

      if (nobody == NULL || chown (cluster_dir, nobody->pw_uid, nobody->pw_gid) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot hand %s to nobody",
                       cluster_dir);
          return FALSE;
        }
    }
  data = g_build_filename (cluster_dir, "data", NULL);
  /* No TCP port (tests run side by side), the socket in the folder, and no
   * waiting for the disk: the cluster dies with the test. */
  server_options = g_strdup_printf ("-k %s -c listen_addresses='' -c fsync=off "
                                    "-c synchronous_commit=off -c full_page_writes=off",
                                    cluster_dir);
  if (!run ("initdb", (const char *[]) { "-D", data, "-A", "trust", "-U", "leadgram",
                                         "-E", "UTF8", "--no-locale", NULL }, error) ||
      !ask_passwords (data, error) ||
      !start_server (error))
    return FALSE;
  atexit (stop_cluster);
  stop_on_signals ();
  return TRUE;
}

void
lg_test_pg_stop_server (void)
{
  g_autofree char *data = g_build_filename (cluster_dir, "data", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (cluster_dir);
  if (!run ("pg_ctl", (const char *[]) { "-D", data, "-m", "fast", "-w", "stop", NULL },
            &error))
    g_error ("Could not stop the throw-away cluster: %s", error->message);
}

void
lg_test_pg_start_server (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (cluster_dir);
  if (!start_server (&error))
    g_error ("Could not start the throw-away cluster again: %s", error->message);
}

/* Runs sql on the cluster's postgres database, as its superuser. */
static void
admin_exec (const char *sql)
{
  g_autofree char *admin = g_strdup_printf ("postgresql:///postgres?host=%s&user=leadgram",
                                            cluster_dir);
  PGconn *conn = PQconnectdb (admin);
  PGresult *result;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);
}

char *
lg_test_pg_new_password_database (const char *password)
{
  g_autofree char *address = lg_test_pg_new_database ();
  g_autofree char *sql = NULL;
  static gboolean group_made;
  guint n = n_databases;

  /* The address names test_N and the superuser: the database is handed to a
   * role of its own (PostgreSQL 15's public schema is its owner's), which
   * only logs in with the password. */
  if (!group_made)
    admin_exec ("CREATE ROLE password_users NOLOGIN");
  group_made = TRUE;
  sql = g_strdup_printf ("CREATE ROLE keeper_%u LOGIN PASSWORD '%s' IN ROLE password_users; "
                         "ALTER DATABASE test_%u OWNER TO keeper_%u",
                         n, password, n, n);
  admin_exec (sql);
  return g_strdup_printf ("postgresql:///test_%u?host=%s&user=keeper_%u", n, cluster_dir, n);
}

char *
lg_test_pg_new_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *admin = NULL;
  g_autofree char *create = NULL;
  PGconn *conn;
  PGresult *result;
  g_autofree char *name = NULL;

  /* meson registers the PostgreSQL runs only where it found them. */
  if (!lg_test_pg_available ())
    g_error ("PostgreSQL's server programs are not installed");
  if (cluster_dir == NULL && !start_cluster (&error))
    g_error ("Could not start a throw-away PostgreSQL cluster: %s", error->message);

  admin = g_strdup_printf ("postgresql:///postgres?host=%s&user=leadgram", cluster_dir);
  conn = PQconnectdb (admin);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  name = g_strdup_printf ("test_%u", ++n_databases);
  create = g_strdup_printf ("CREATE DATABASE %s", name);
  result = PQexec (conn, create);
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  PQclear (result);
  PQfinish (conn);

  return g_strdup_printf ("postgresql:///%s?host=%s&user=leadgram", name, cluster_dir);
}
