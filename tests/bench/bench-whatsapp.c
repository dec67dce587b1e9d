/* bench-whatsapp.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How fast a 100 MB WhatsApp export is read (a file whose lines are all
 * system lines: parsed, none stored), how fast one of messages imports, in
 * MB/s and messages/s, and how much of that is reading the file (the read
 * into the staging area: parsing, ids, the buyer reading, the staged rows)
 * and how much the move into the database (the rows, their index, the
 * full-text index); beside it, as the
 * baseline of the same run on the same machine, a Telegram export of 100,000
 * messages through the same import. Peak memory is bench-memory's.
 *
 * Beside each time, the CPU time of the thread that imported (user and
 * system): on a machine shared with other builds the wall clock stretches
 * with the load, the CPU time much less, so that is the figure to compare
 * between two runs.
 *
 *   meson test -C _build --benchmark --verbose whatsapp
 */

#include "config.h"

#include <glib/gstdio.h>

#include "lg-chat-import.h"
#include "lg-test-util.h"

#define MEGABYTES 100
#define TELEGRAM_MESSAGES 100000

typedef struct
{
  gint64 start;
  gint64 read_done;     /* when the last progress before the move came */
  gint64 cpu_start;
  gint64 cpu_read_done; /* the thread's CPU time then */
} Clock;

typedef struct
{
  double seconds;      /* the whole import, wall clock */
  double read_seconds; /* reading into the staging area */
  double cpu;          /* the whole import, the thread's CPU time */
  double read_cpu;
} Timing;

/* The last progress report before the move is the read's end: the move
 * reports only once, at 1.0. */
static void
on_progress_cb (LgChatImport *importer,
                gint64        id,
                guint         count,
                double        fraction,
                Clock        *clock)
{
  if (fraction < 1.0)
    {
      clock->read_done = g_get_monotonic_time ();
      clock->cpu_read_done = lg_test_thread_cpu_us ();
    }
}

static void
import (const char    *path,
        LgExportStats *stats,
        Timing        *timing)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgChatImport) importer = lg_chat_import_new ();
  g_autoptr(GError) error = NULL;
  Clock clock = { 0 };

  g_signal_connect (importer, "progress", G_CALLBACK (on_progress_cb), &clock);
  clock.start = g_get_monotonic_time ();
  clock.cpu_start = lg_test_thread_cpu_us ();
  g_assert_true (lg_chat_import_run (importer, store, path, NULL, stats, &error));
  g_assert_no_error (error);
  timing->seconds = (g_get_monotonic_time () - clock.start) / (double) G_USEC_PER_SEC;
  timing->cpu = (lg_test_thread_cpu_us () - clock.cpu_start) / (double) G_USEC_PER_SEC;
  timing->read_seconds = (clock.read_done - clock.start) / (double) G_USEC_PER_SEC;
  timing->read_cpu = (clock.cpu_read_done - clock.cpu_start) / (double) G_USEC_PER_SEC;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *whatsapp = NULL;
  g_autofree char *telegram = NULL;
  LgExportStats stats = { 0 };
  Timing t, telegram_t;
  double mb;
  guint n_messages = 0;
  GStatBuf info;

  g_test_init (&argc, &argv, NULL);
  dir = lg_test_make_tmpdir ();
  /* Reading alone: every line is parsed, none is a message to store. */
  whatsapp = lg_test_write_whatsapp_export (dir, "WhatsApp Chat with Bench Joins.txt", MEGABYTES,
                                            TRUE, &n_messages);
  g_assert_cmpint (g_stat (whatsapp, &info), ==, 0);
  import (whatsapp, &stats, &t);
  g_assert_cmpuint (stats.added, ==, 0);
  g_print ("WhatsApp export of %.1f MB and %u lines, none a message (reading and parsing "
           "alone): %.2f s, %.1f MB/s; CPU %.2f s, %.1f MB/s\n", info.st_size / 1e6,
           stats.skipped, t.seconds, info.st_size / 1e6 / t.seconds, t.cpu,
           info.st_size / 1e6 / t.cpu);
  g_remove (whatsapp);
  g_free (whatsapp);

  whatsapp = lg_test_write_whatsapp_export (dir, "WhatsApp Chat with Bench Group.txt", MEGABYTES,
                                            FALSE, &n_messages);
  g_assert_cmpint (g_stat (whatsapp, &info), ==, 0);
  mb = info.st_size / 1e6;

  import (whatsapp, &stats, &t);
  g_assert_cmpuint (stats.added, ==, n_messages);
  g_print ("WhatsApp export, %.1f MB, %u messages: %.2f s, %.1f MB/s, %.0f messages/s\n"
           "  reading it into the staging area: %.2f s (%.1f MB/s); the move into the "
           "database: %.2f s\n"
           "  CPU time: %.2f s, %.1f MB/s (reading %.2f s, the move %.2f s)\n",
           mb, stats.added, t.seconds, mb / t.seconds, stats.added / t.seconds, t.read_seconds,
           mb / t.read_seconds, t.seconds - t.read_seconds, t.cpu, mb / t.cpu, t.read_cpu,
           t.cpu - t.read_cpu);
  g_remove (whatsapp);

  telegram = lg_test_write_export (dir, "result.json", TELEGRAM_MESSAGES, FALSE);
  import (telegram, &stats, &telegram_t);
  g_print ("baseline, Telegram export, %u messages: %.2f s, %.0f messages/s "
           "(reading %.2f s, the move %.2f s); CPU %.2f s\n",
           stats.added, telegram_t.seconds, stats.added / telegram_t.seconds,
           telegram_t.read_seconds, telegram_t.seconds - telegram_t.read_seconds, telegram_t.cpu);
  g_print ("WhatsApp messages/s over Telegram's: %.2f\n",
           (n_messages / t.seconds) / (stats.added / telegram_t.seconds));
  return 0;
}
