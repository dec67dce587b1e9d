/* bench-memory.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Peak memory of importing a big CSV file, a big Telegram export and a big
 * WhatsApp export, through leadgram-cli as a user's script would: each
 * import runs in a process of its own, whose peak resident size the kernel
 * reports (wait4), and is compared
 * with the same program's peak for `info` on the same database. Files of 10 MB
 * and 100 MB: a reader that streams needs about as much for both, whatever
 * the file; one that holds the file grows with it. Prints the figures, and
 * fails when the CSV import takes more than half as much again for the
 * 100 MB file as for the 10 MB one (with its dedupe index in memory it took
 * five times as much).
 *
 *   meson test -C _build --benchmark -v memory
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lg-test-util.h"

/* Peak resident size, in kB, of the CLI run with @args on @db. */
static glong
peak_kb (const char         *db,
         const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  struct rusage usage;
  int status;
  pid_t pid;

  g_ptr_array_add (argv, (char *) g_getenv ("LEADGRAM_CLI"));
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, (char *) db);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      int null = open ("/dev/null", O_WRONLY);

      dup2 (null, STDOUT_FILENO);
      execv (argv->pdata[0], (char **) argv->pdata);
      _exit (127);
    }
  g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  return usage.ru_maxrss;
}

/* A CSV file of about @megabytes of 8 KB rows, one of them ten times longer. */
static char *
write_csv (const char *dir,
           guint       megabytes,
           gsize      *largest_row)
{
  g_autofree char *name = g_strdup_printf ("leads-%u.csv", megabytes);
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *notes = g_strnfill (8000, 'n');
  g_autofree char *long_notes = g_strnfill (80000, 'l');
  FILE *file = fopen (path, "w");
  gsize written = 0;

  g_assert_nonnull (file);
  fputs ("Name,Email,Notes\n", file);
  for (guint i = 0; written < (gsize) megabytes * 1000000; i++)
    written += fprintf (file, "Person %u,p%u@example.com,\"%s\"\n", i, i,
                        i == 7 ? long_notes : notes);
  fclose (file);
  *largest_row = strlen (long_notes) + 40;
  return path;
}

/* A single-chat export of about @megabytes, messages of 2 KB, one of 20 KB. */
static char *
write_export (const char *dir,
              guint       megabytes,
              gsize      *largest_message)
{
  g_autofree char *name = g_strdup_printf ("result-%u.json", megabytes);
  char *path = g_build_filename (dir, name, NULL);
  g_autofree char *text = g_strnfill (2000, 't');
  g_autofree char *long_text = g_strnfill (20000, 'L');
  FILE *file = fopen (path, "w");
  gsize written = 0;

  g_assert_nonnull (file);
  fputs ("{\"name\": \"Bench chat\", \"type\": \"public_supergroup\", \"id\": 4242,\n"
         " \"messages\": [\n", file);
  for (guint i = 1; written < (gsize) megabytes * 1000000; i++)
    written += fprintf (file, "%s  {\"id\": %u, \"type\": \"message\", \"date\": "
                        "\"2026-01-01T10:00:00\", \"date_unixtime\": \"%u\", \"from\": "
                        "\"Author %u\", \"from_id\": \"user%u\", \"text\": \"%s\"}\n",
                        i > 1 ? "," : "", i, 1767261600 + i, i % 500, i % 500,
                        i == 7 ? long_text : text);
  fputs ("]}\n", file);
  fclose (file);
  *largest_message = strlen (long_text) + 200;
  return path;
}

/* A WhatsApp export of about @megabytes; its longest message is two lines. */
static char *
write_whatsapp (const char *dir,
                guint       megabytes,
                gsize      *largest_message)
{
  g_autofree char *name = g_strdup_printf ("WhatsApp Chat with Bench %u.txt", megabytes);
  guint n_messages;

  *largest_message = 120;
  return lg_test_write_whatsapp_export (dir, name, megabytes, FALSE, &n_messages);
}

/* Returns how many times more the 100 MB file took over `info` than the 10 MB one. */
static double
measure (const char *dir,
         const char *what,
         const char *command,
         char     *(*write) (const char *, guint, gsize *))
{
  double over[2] = { 0 };

  printf ("%-16s %9s %12s %13s %14s\n", what, "file MB", "largest row", "peak MB",
          "over `info` MB");
  for (guint megabytes = 10, i = 0; megabytes <= 100; megabytes *= 10, i++)
    {
      g_autofree char *db_name = g_strdup_printf ("%s-%u.db", command, megabytes);
      g_autofree char *db = g_build_filename (dir, db_name, NULL);
      gsize largest = 0;
      g_autofree char *file = write (dir, megabytes, &largest);
      const char *info[] = { "info", NULL };
      const char *import[] = { command, file, NULL };
      glong base = peak_kb (db, info);
      glong peak = peak_kb (db, import);

      printf ("%-16s %9u %10zu B %13.1f %14.1f\n", "", megabytes, largest, peak / 1024.0,
              (peak - base) / 1024.0);
      over[i] = MAX (peak - base, 1);
      g_remove (file);
    }
  return over[1] / over[0];
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;

  g_test_init (&argc, &argv, NULL);
  dir = lg_test_make_tmpdir ();
  double csv = measure (dir, "CSV import", "import-csv", write_csv);

  measure (dir, "Telegram export", "import-telegram", write_export);
  measure (dir, "WhatsApp export", "import-chat", write_whatsapp);
  printf ("CSV import: the 100 MB file took %.2f× what the 10 MB one did (at most 1.5×)\n",
          csv);
  g_assert_cmpfloat (csv, <=, 1.5);
  return 0;
}
