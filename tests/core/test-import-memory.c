/* test-import-memory.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CSV import's memory does not grow with the file: the dedupe index of
 * every key met, the rows on their way between the threads and the failed
 * rows of the error report stay on disk or have a fixed size. The heap in
 * use (glibc's mallinfo2, every thread's arena) is sampled at each progress
 * step while the rows are staged, for a file of N rows and one of 4 N; the
 * second may not take more than a little over the first. Held in memory, the
 * index alone took about 25 MB more for the bigger file.
 *
 * A chat export's staging area is on disk too, even where SQLite keeps TEMP
 * tables in memory by default: what staging 32 MB of messages takes of
 * SQLite's memory is a small part of them. And what an import on a worker
 * thread freed goes back to the system: the app does not go on holding the
 * move's caches once it is done (glibc keeps a thread's freed memory).
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "lg-chat-import.h"
#include "lg-lead-import.h"
#include "lg-store-private.h"
#include "lg-test-util.h"

#define N_ROWS 15000
/* What the bigger file may take more than the smaller: well under what a
 * dedupe index in memory takes for the 45,000 rows more (each row has four
 * keys), above the noise of SQLite's caches filling. */
#define SLACK_BYTES (3 * 1024 * 1024)

#if defined(__SANITIZE_ADDRESS__)
#define HAVE_HEAP_FIGURES 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define HAVE_HEAP_FIGURES 0
#endif
#endif
#ifndef HAVE_HEAP_FIGURES
#if defined(__GLIBC__) && __GLIBC_PREREQ (2, 33)
#define HAVE_HEAP_FIGURES 1
#else
#define HAVE_HEAP_FIGURES 0
#endif
#endif

#if HAVE_HEAP_FIGURES
/* Bytes allocated on the heap, in every arena and in mapped blocks. */
static gsize
heap_in_use (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return info.uordblks + info.hblkhd;
}

typedef struct
{
  gsize start;
  gsize peak;
} Sample;

static void
on_progress_cb (LgLeadImport *import,
                double        fraction,
                gpointer      user_data)
{
  Sample *sample = user_data;

  /* The rows being staged; the move after them writes the database. */
  if (fraction < 0.9)
    sample->peak = MAX (sample->peak, heap_in_use ());
}

/* A file of n rows, every one a new person with an email, a phone, a
 * Telegram username and a Telegram id; every 100th row fails, for the error
 * report, with a stage label of its own that maps to nothing. */
static char *
write_file (const char *dir,
            guint       n)
{
  g_autofree char *name = g_strdup_printf ("leads-%u.csv", n);
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GString) data = g_string_new ("Name,Email,Phone,Telegram,Telegram ID,Stage\n");

  for (guint i = 0; i < n; i++)
    {
      g_string_append_printf (data, "Person %u,person.%u@example.com,+1 555 %07u,@user_%u,%u,",
                              i, i, i, i, 1000000 + i);
      if (i % 100 == 99)
        g_string_append_printf (data, "Stage %u\n", i);
      else
        g_string_append (data, "\n");
    }
  g_assert_true (g_file_set_contents (path, data->str, data->len, NULL));
  return path;
}

/* Imports a file of n rows into a new database; returns how much the heap
 * grew at most while the rows were staged. */
static gsize
staging_growth (const char *dir,
                guint       n)
{
  g_autofree char *path = write_file (dir, n);
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgCsvMapping) mapping = NULL;
  g_autoptr(LgLeadImport) import = NULL;
  g_autoptr(LgCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  Sample sample = { 0 };

  reader = lg_csv_reader_new_for_path (path, LG_CSV_ENCODING_AUTO, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lg_csv_reader_next (reader, NULL, &error));
  mapping = lg_csv_mapping_new (lg_csv_reader_get_fields (reader),
                                lg_csv_reader_get_n_fields (reader));
  import = lg_lead_import_new (lg_store_get_path (store), path, mapping);
  g_signal_connect (import, "progress", G_CALLBACK (on_progress_cb), &sample);

  sample.start = sample.peak = heap_in_use ();
  g_assert_true (lg_lead_import_run (import, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lg_lead_import_get_created (import), ==, n - n / 100);
  g_assert_cmpuint (lg_lead_import_get_failed (import), ==, n / 100);
  g_assert_cmpuint (lg_lead_import_get_problems (import)->len, ==,
                    MIN (n / 100, LG_IMPORT_MAX_LISTED_PROBLEMS));
  g_unlink (path);
  g_test_message ("%u rows: the heap grew by %.1f MB while staging", n,
                  (sample.peak - sample.start) / 1048576.0);
  return sample.peak - sample.start;
}
#endif

static void
test_bounded (void)
{
#if HAVE_HEAP_FIGURES
  g_autofree char *dir = lg_test_make_tmpdir ();
  gsize small, big;

  /* Once, so that what is allocated once per process is there before. */
  staging_growth (dir, 1000);
  small = staging_growth (dir, N_ROWS);
  big = staging_growth (dir, 4 * N_ROWS);
  g_assert_cmpuint (big, <=, small + SLACK_BYTES);
#else
  g_test_skip ("The heap's figures need glibc's allocator, not a sanitizer's");
#endif
}

/* An export of 8 MB, whose move fills SQLite's page cache with about 20 MB:
 * all but a few MB should go back (30.6 MB stayed, before). */
#define N_EXPORT_MESSAGES 50000
#define MAX_KEPT_KB (8 * 1024)

#define N_MESSAGES 16000
#define MESSAGE_BYTES 2000

static void
test_export_staging (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strnfill (MESSAGE_BYTES, 't');
  sqlite3_int64 start = 0;
  sqlite3_int64 growth;
  guint added = 0;
  gint64 chat;

  /* As a build of SQLite whose default is memory (TEMP_STORE=2) would. */
  g_assert_cmpint (sqlite3_exec (lg_store_get_db (store), "PRAGMA temp_store = MEMORY", NULL,
                                 NULL, NULL), ==, SQLITE_OK);
  g_assert_true (lg_store_stage_begin (store, &error));
  g_assert_no_error (error);
  chat = lg_store_stage_source (store, "telegram_export", "4242", "Bench chat", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_MESSAGES; i++)
    {
      g_autoptr(LgMessage) message = lg_message_new ();
      g_autofree char *id = g_strdup_printf ("%u", i + 1);

      lg_message_set_external_id (message, id);
      lg_message_set_author_name (message, "Author");
      lg_message_set_sent_at (message, 1767261600 + i);
      lg_message_set_text (message, text);
      g_assert_true (lg_store_stage_message (store, chat, message, &error));
      g_assert_no_error (error);
      /* After the first, whose statement and tables are made once. */
      if (i == 0)
        start = sqlite3_memory_used ();
    }
  growth = sqlite3_memory_used () - start;
  g_test_message ("%.1f MB of messages staged: SQLite's memory grew by %.1f MB",
                  N_MESSAGES * (double) MESSAGE_BYTES / 1e6, growth / 1e6);
  g_assert_cmpint (growth, <=, N_MESSAGES * (sqlite3_int64) MESSAGE_BYTES / 4);

  g_assert_true (lg_store_stage_commit (store, &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, N_MESSAGES);
}

#if HAVE_HEAP_FIGURES
/* Anonymous memory of the process (the heap, every arena), in kB; -1 where
 * Linux does not say. */
static glong
anonymous_kb (void)
{
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/smaps_rollup", &text, NULL, NULL) ||
      (line = strstr (text, "\nAnonymous:")) == NULL)
    return -1;
  return strtol (line + strlen ("\nAnonymous:"), NULL, 10);
}

typedef struct
{
  guint    n_messages;
  gboolean done;
} Done;

static void
on_import_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Done *done = user_data;
  g_autoptr(GError) error = NULL;
  LgExportStats stats;

  g_assert_true (lg_chat_import_run_finish (LG_CHAT_IMPORT (object), result, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.added, ==, done->n_messages);
  done->done = TRUE;
}

static gboolean
is_done (gpointer data)
{
  return ((Done *) data)->done;
}

/* Imports the export at path on a worker, as the app does. */
static void
import_on_worker (LgStore    *store,
                  const char *path,
                  guint       n_messages)
{
  g_autoptr(LgChatImport) import = lg_chat_import_new ();
  Done done = { .n_messages = n_messages };

  lg_chat_import_run_async (import, lg_store_get_path (store), path, NULL, on_import_done_cb,
                            &done);
  lg_test_wait_until (is_done, &done);
}
#endif

static void
test_given_back (void)
{
#if HAVE_HEAP_FIGURES
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *small = lg_test_write_export (dir, "small.json", 100, FALSE);
  g_autofree char *path = lg_test_write_export (dir, "result.json", N_EXPORT_MESSAGES, FALSE);
  g_autoptr(LgStore) first = lg_test_open_store ();
  g_autoptr(LgStore) store = lg_test_open_store ();
  glong before, after;

  if (anonymous_kb () < 0)
    {
      g_test_skip ("Linux's /proc/self/smaps_rollup is not there");
      return;
    }
  /* Once, so that what is made once per process (the worker thread, the
   * buyer model) is there before; what the tests before kept is not this
   * import's. */
  import_on_worker (first, small, 100);
  malloc_trim (0);
  before = anonymous_kb ();
  import_on_worker (store, path, N_EXPORT_MESSAGES);
  after = anonymous_kb ();
  g_test_message ("The process holds %.1f MB more after the import", (after - before) / 1024.0);
  g_assert_cmpint (after - before, <=, MAX_KEPT_KB);
#else
  g_test_skip ("The heap's figures need glibc's allocator, not a sanitizer's");
#endif
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/import/memory/bounded", test_bounded);
  g_test_add_func ("/import/memory/export-staging", test_export_staging);
  g_test_add_func ("/import/memory/given-back", test_given_back);
  return g_test_run ();
}
