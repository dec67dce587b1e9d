/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <unistd.h>

#include "lg-application.h"
#include "lg-backups.h"
#include "lg-i18n.h"

/* A backup the user chose to restore goes in place once the app has let go
 * of the database, and Leadgram starts again, on it or, when it could not be
 * put in place, on the database as it was (the message says why). */
static int
restore_and_restart (const char *argv0,
                     const char *db_path,
                     const char *backup)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  char *argv[] = { exe != NULL ? exe : (char *) argv0, (char *) "--db", (char *) db_path, NULL };

  if (!lg_backups_restore (db_path, backup, NULL, &error))
    g_printerr ("%s\n", error->message);
  execv (argv[0], argv);
  g_printerr ("Could not start Leadgram again (%s): start it yourself.\n", g_strerror (errno));
  return 1;
}

/* The same command again: the team's server answers, the app opens it. */
static int
restart (char *argv[])
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  execv (exe != NULL ? exe : argv[0], argv);
  g_printerr ("Could not start Leadgram again (%s): start it yourself.\n", g_strerror (errno));
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LgApplication) app = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *restore = NULL;
  gboolean again;
  int status;

  lg_i18n_init ();

  app = lg_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);
  restore = g_strdup (lg_application_get_pending_restore (app));
  db_path = g_strdup (lg_application_get_db_path (app));
  again = lg_application_get_pending_restart (app);
  g_clear_object (&app);
  if (again)
    return restart (argv);
  if (restore != NULL && db_path != NULL)
    return restore_and_restart (argv[0], db_path, restore);
  return status;
}
