/* bench-chat-exports.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How fast, and in how much memory, a 100,000-message DiscordChatExporter
 * file imports (about 90 MB, laid out as the exporter lays it out); beside
 * it, as the baseline of the same run, the same messages as a Telegram
 * Desktop export read by the importer whose scanner it shares.
 * Run with: meson test -C _build --benchmark --verbose chat-exports
 */

#include "config.h"

#include <glib/gstdio.h>

#include "lg-discord-export.h"
#include "lg-telegram-export.h"
#include "lg-test-util.h"

#define MESSAGES 100000

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

typedef gboolean (*ImportFunc) (LgStore *store, const char *path, LgExportStats *stats,
                                GError **error);

static gboolean
import_discord (LgStore        *store,
                const char     *path,
                LgExportStats  *stats,
                GError        **error)
{
  return lg_test_read_export (store, path, lg_discord_export_read, stats, error);
}

static gboolean
import_telegram (LgStore        *store,
                 const char     *path,
                 LgExportStats  *stats,
                 GError        **error)
{
  return lg_test_read_export (store, path, lg_telegram_export_read, stats, error);
}

/* Returns MB/s. */
static double
bench (const char *label,
       const char *path,
       ImportFunc  import)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  LgExportStats stats = { 0 };
  gint64 before_kib, after_kib, start;
  double seconds, megabytes;
  GStatBuf info;

  g_assert_cmpint (g_stat (path, &info), ==, 0);
  megabytes = info.st_size / 1e6;
  before_kib = peak_rss_kib ();
  start = g_get_monotonic_time ();
  g_assert_true (import (store, path, &stats, &error));
  g_assert_no_error (error);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  after_kib = peak_rss_kib ();
  g_assert_cmpuint (stats.added, ==, MESSAGES);

  g_print ("%-9s %u messages, %.1f MB: %.2f s, %.1f MB/s, %.0f messages/s; "
           "peak memory +%.1f MiB\n", label, stats.added, megabytes, seconds,
           megabytes / seconds, stats.added / seconds, (after_kib - before_kib) / 1024.0);
  return megabytes / seconds;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *discord = lg_test_write_discord_export (dir, "channel.json", MESSAGES);
  g_autofree char *telegram = lg_test_write_export (dir, "result.json", MESSAGES, FALSE);
  double discord_rate, telegram_rate;

  /* Telegram first: the peak memory figure is a high-water mark. */
  telegram_rate = bench ("telegram", telegram, import_telegram);
  discord_rate = bench ("discord", discord, import_discord);
  g_print ("discord / telegram: %.2f times the bytes per second\n", discord_rate / telegram_rate);

  g_unlink (discord);
  g_unlink (telegram);
  g_rmdir (dir);
  return 0;
}
