/* bench-sources.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How fast t.me pages parse, and how fast and in how much memory a
 * 100,000-message Telegram Desktop export imports; then, importing it again
 * into a new database, the longest another connection waits meanwhile to
 * write (how long the import holds the write lock at once).
 * Run with: meson test -C _build --benchmark --verbose
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "lg-telegram-export.h"
#include "lg-telegram-page.h"
#include "lg-test-util.h"

#define EXPORT_MESSAGES 100000

/* Peak resident memory so far, from /proc/self/status, in KiB. */
static gint64
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line != NULL ? g_ascii_strtoll (line + strlen ("VmHWM:"), NULL, 10) : -1;
}

static void
bench_parse (const char *label,
             const char *html,
             gsize       length)
{
  gint64 start = g_get_monotonic_time ();
  gint64 elapsed;
  guint64 messages = 0;
  guint rounds = 0;

  do
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LgTelegramPage) page = lg_telegram_page_parse (html, length, "bench",
                                                               LG_TELEGRAM_PAGE_WHOLE, &error);

      g_assert_no_error (error);
      messages += lg_telegram_page_get_messages (page)->len;
      rounds++;
      elapsed = g_get_monotonic_time () - start;
    }
  while (elapsed < 2 * G_USEC_PER_SEC);

  g_print ("parse %-28s %6u pages  %8.0f messages/s  %6.2f ms/page\n", label, rounds,
           messages / (elapsed / (double) G_USEC_PER_SEC), elapsed / 1000.0 / rounds);
}

static const char *phrases[] = {
  "anyone know a decent CRM for a 3-chair dental clinic?",
  "we're hiring a backend dev, DM me",
  "Посоветуйте сервис онлайн-записи для салона, пожалуйста",
  "thanks, that worked!",
  "looking for someone to redo our landing page, budget ~$800",
  "lol same",
  "can anyone recommend an accountant who knows Cyprus companies?\nurgent-ish",
};

/* Writes the export straight to disk so the generator's memory does not
 * count against the import. */
static void
write_export (const char *path)
{
  FILE *out = fopen (path, "w");

  g_assert_nonnull (out);
  fprintf (out, "{\n \"name\": \"Bench Group\",\n \"type\": \"public_supergroup\",\n"
                " \"id\": 1999999999,\n \"messages\": [\n");
  for (guint i = 1; i <= EXPORT_MESSAGES; i++)
    {
      const char *phrase = phrases[i % G_N_ELEMENTS (phrases)];
      g_autofree char *escaped = g_strescape (phrase, "");

      if (i % 10 == 0)
        fprintf (out,
                 "  {\n   \"id\": %u,\n   \"type\": \"message\",\n   \"date\": \"2024-01-01T00:00:00\",\n"
                 "   \"date_unixtime\": \"%u\",\n   \"from\": \"User %u\",\n   \"from_id\": \"user%u\",\n"
                 "   \"text\": [\"%s see \", {\"type\": \"text_link\", \"text\": \"this\", "
                 "\"href\": \"https://example.com/%u\"}, \"\\x09ok\"]\n  }%s\n",
                 i, 1700000000 + i * 30, i % 997, i % 997, escaped, i,
                 i < EXPORT_MESSAGES ? "," : "");
      else
        fprintf (out,
                 "  {\n   \"id\": %u,\n   \"type\": \"message\",\n   \"date\": \"2024-01-01T00:00:00\",\n"
                 "   \"date_unixtime\": \"%u\",\n   \"from\": \"User %u\",\n   \"from_id\": \"user%u\",\n"
                 "   \"text\": \"%s (#%u)\"\n  }%s\n",
                 i, 1700000000 + i * 30, i % 997, i % 997, escaped, i,
                 i < EXPORT_MESSAGES ? "," : "");
    }
  fprintf (out, " ]\n}\n");
  fclose (out);
}

static void
bench_lock (const char *path)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgTelegramExport) importer = lg_telegram_export_new ();
  g_autoptr(GError) error = NULL;
  LgTestWriter *writer = lg_test_writer_start (lg_store_get_path (store));
  LgExportStats stats = { 0 };
  gint64 start, elapsed, longest;

  start = g_get_monotonic_time ();
  g_assert_true (lg_telegram_export_import (importer, store, path, NULL, &stats, &error));
  g_assert_no_error (error);
  elapsed = g_get_monotonic_time () - start;
  longest = lg_test_writer_stop (writer);
  g_assert_cmpuint (stats.added, ==, EXPORT_MESSAGES);

  g_print ("import %u messages beside another writer: %.2f s; the other writer's longest "
           "wait for the lock: %.3f s\n", stats.added, elapsed / (double) G_USEC_PER_SEC,
           longest / (double) G_USEC_PER_SEC);
}

static void
bench_import (void)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "result.json", NULL);
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgTelegramExport) importer = lg_telegram_export_new ();
  g_autoptr(GError) error = NULL;
  LgExportStats stats = { 0 };
  gint64 before_kib, after_kib, start, elapsed;
  GStatBuf info;

  write_export (path);
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  before_kib = peak_rss_kib ();

  start = g_get_monotonic_time ();
  g_assert_true (lg_telegram_export_import (importer, store, path, NULL, &stats, &error));
  g_assert_no_error (error);
  elapsed = g_get_monotonic_time () - start;
  after_kib = peak_rss_kib ();
  g_assert_cmpuint (stats.added, ==, EXPORT_MESSAGES);

  g_print ("import %u messages (%.1f MiB file): %.2f s, %.0f messages/s\n",
           stats.added, info.st_size / 1048576.0, elapsed / (double) G_USEC_PER_SEC,
           stats.added / (elapsed / (double) G_USEC_PER_SEC));
  g_print ("peak memory (VmHWM): %.1f MiB before the import, %.1f MiB after "
           "(+%.1f MiB for a %.1f MiB file)\n",
           before_kib / 1024.0, after_kib / 1024.0, (after_kib - before_kib) / 1024.0,
           info.st_size / 1048576.0);

  bench_lock (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *generated = lg_test_channel_page ("bench", 1, 20, 20, 1700000000);
  const char *conformance = g_getenv ("LEADGRAM_CONFORMANCE_DIR");
  g_autofree char *full_path = conformance != NULL
    ? g_build_filename (conformance, "telegram-web", "any2feed", "full.html", NULL) : NULL;
  g_autofree char *full = NULL;
  gsize full_length;

  bench_parse ("generated (20 posts)", generated, strlen (generated));
  if (full_path != NULL && g_file_get_contents (full_path, &full, &full_length, NULL))
    bench_parse ("any2feed full.html (12 posts)", full, full_length);

  bench_import ();
  return 0;
}
