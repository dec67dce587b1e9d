/* bench-memory.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Peak memory of importing a big CSV file, a big Telegram export and a big
 * WhatsApp export, through leadgram-cli as a user's script would: each
 * import runs in a process of its own, whose peak resident size the kernel
 * reports (wait4), and is compared with the same program's peak for `info`
 * on the same database. Files of 10, 50 and 100 MB (or the sizes given as
 * arguments): a reader that streams needs as much for 100 MB as for 50 MB,
 * once SQLite's caches are full; one that holds the file, or something per
 * row or message, grows with it. Prints the figures, with the part of the
 * peak that is anonymous memory and the part that is pages of files (the
 * export's memory map), and fails as MAX_RATIO and MAX_SHARE say.
 *
 *   meson test -C _build --benchmark -v memory
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lg-test-util.h"

/* An import's memory is SQLite's caches (64 MiB of pages for the move of an
 * export, 16 MiB for a CSV import's), FTS5's hash and what the reading holds:
 * fixed sizes, which a 50 MB file fills already. Past that, a file twice as
 * big may take at most a little more (1.2 times), and what it takes more
 * must be a small share of what the file is bigger by (10%: with its dedupe
 * index in memory, the CSV import took 87 MB more for 100 MB than for 10 MB,
 * a share of 97%). */
#define MAX_RATIO 1.2
#define MAX_SHARE 0.1

/* What a process took at its peak, in kB: its resident size as the kernel
 * counts it (wait4), and, sampled every few milliseconds from
 * /proc/PID/smaps_rollup, the largest anonymous part (the heap: SQLite's
 * caches, our buffers) and the largest part backed by files (the program's
 * own pages and the export's memory map, clean pages the kernel can take
 * back). A sample may miss a short peak; the kernel's figure does not. */
typedef struct
{
  glong rss;
  glong anonymous;
  glong file;
} Peak;

static void
sample (pid_t  pid,
        Peak  *peak)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/smaps_rollup", (int) pid);
  g_autofree char *text = NULL;
  glong rss = 0, anonymous = 0;

  /* Gone between the wait and the read: the last sample stands. */
  if (!g_file_get_contents (path, &text, NULL, NULL))
    return;
  for (char *line = text; line != NULL && *line != '\0'; line = strchr (line, '\n'))
    {
      line += *line == '\n';
      if (g_str_has_prefix (line, "Rss:"))
        rss = strtol (line + 4, NULL, 10);
      else if (g_str_has_prefix (line, "Anonymous:"))
        anonymous = strtol (line + 10, NULL, 10);
    }
  peak->anonymous = MAX (peak->anonymous, anonymous);
  peak->file = MAX (peak->file, rss - anonymous);
}

/* The CLI run with @args on @db, and what it took at its peak. */
static Peak
run_cli (const char         *db,
         const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  struct rusage usage;
  Peak peak = { 0 };
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
      dup2 (null, STDERR_FILENO);
      execv (argv->pdata[0], (char **) argv->pdata);
      _exit (127);
    }
  while (wait4 (pid, &status, WNOHANG, &usage) == 0)
    {
      sample (pid, &peak);
      g_usleep (5000);
    }
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  peak.rss = usage.ru_maxrss;
  return peak;
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

static void
remove_database (const char *db)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (db, suffixes[i], NULL);

      g_remove (path);
    }
}

/* Imports a file of each size in @megabytes with the CLI's @command, each
 * into a new database, and prints what each took over `info` on the same
 * database (the program, GLib and SQLite opening it): at its peak, in
 * anonymous memory, and in pages of files. Fails if the largest file took
 * much more than the one before it (see MAX_RATIO and MAX_SHARE). */
static void
measure (const char   *dir,
         const char   *what,
         const char   *command,
         char       *(*write) (const char *, guint, gsize *),
         const guint  *megabytes,
         guint         n_sizes)
{
  g_autofree double *growth = g_new0 (double, n_sizes);
  double ratio, share;

  printf ("%-16s %7s %11s %8s %9s %11s %11s %10s\n", what, "file MB", "largest", "peak MB",
          "+peak MB", "+anonymous", "+file-backed", "+peak ÷ largest");
  for (guint i = 0; i < n_sizes; i++)
    {
      g_autofree char *db_name = g_strdup_printf ("%s-%u.db", command, megabytes[i]);
      g_autofree char *db = g_build_filename (dir, db_name, NULL);
      gsize largest = 0;
      g_autofree char *file = write (dir, megabytes[i], &largest);
      const char *info[] = { "info", NULL };
      const char *import[] = { command, file, NULL };
      Peak base = run_cli (db, info);
      Peak peak = run_cli (db, import);

      growth[i] = MAX (peak.rss - base.rss, 1) * 1024.0;
      printf ("%-16s %7u %9zu B %8.1f %9.1f %11.1f %11.1f %10.0f×\n", "", megabytes[i], largest,
              peak.rss / 1024.0, (peak.rss - base.rss) / 1024.0,
              (peak.anonymous - base.anonymous) / 1024.0, (peak.file - base.file) / 1024.0,
              growth[i] / largest);
      g_remove (file);
      remove_database (db);
    }

  ratio = growth[n_sizes - 1] / growth[n_sizes - 2];
  share = (growth[n_sizes - 1] - growth[n_sizes - 2]) /
          ((megabytes[n_sizes - 1] - megabytes[n_sizes - 2]) * 1e6);
  printf ("%s, %u MB against %u MB: %.2f× the memory (at most %.1f×); "
          "the memory grew by %.1f%% of what the file did (at most %.0f%%)\n\n",
          what, megabytes[n_sizes - 1], megabytes[n_sizes - 2], ratio, MAX_RATIO, share * 100,
          MAX_SHARE * 100);
  g_assert_cmpfloat (ratio, <=, MAX_RATIO);
  g_assert_cmpfloat (share, <=, MAX_SHARE);
}

int
main (int   argc,
      char *argv[])
{
  static const guint default_sizes[] = { 10, 50, 100 };
  g_autofree guint *sizes = NULL;
  g_autofree char *dir = NULL;
  guint n_sizes = 0;

  g_test_init (&argc, &argv, NULL);
  /* The sizes, in MB, smallest first: `bench-memory 10 100 300`. */
  sizes = g_new0 (guint, MAX (argc, (int) G_N_ELEMENTS (default_sizes)));
  for (int i = 1; i < argc; i++)
    sizes[n_sizes++] = (guint) g_ascii_strtoull (argv[i], NULL, 10);
  if (n_sizes == 0)
    {
      n_sizes = G_N_ELEMENTS (default_sizes);
      memcpy (sizes, default_sizes, sizeof default_sizes);
    }
  g_assert_cmpuint (n_sizes, >=, 2);
  for (guint i = 1; i < n_sizes; i++)
    g_assert_cmpuint (sizes[i], >, sizes[i - 1]);

  dir = lg_test_make_tmpdir ();
  measure (dir, "CSV import", "import-csv", write_csv, sizes, n_sizes);
  measure (dir, "Telegram export", "import-telegram", write_export, sizes, n_sizes);
  measure (dir, "WhatsApp export", "import-chat", write_whatsapp, sizes, n_sizes);
  return 0;
}
