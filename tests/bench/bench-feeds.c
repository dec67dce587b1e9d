/* bench-feeds.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How fast feeds parse into messages (HTML to text included), on the real
 * feeds of tests/fixtures/feeds: a subreddit's Atom, a Discourse forum's
 * RSS, a Lemmy community's RSS, a Mastodon account's RSS, a blog's JSON Feed
 * and RSS. The goal is
 * 20,000 items a second or more; the figure of all of them together is
 * the one the README quotes. Time is counted on the processor, not the
 * clock, so that a busy machine (other builds) does not halve the figure;
 * the clock's figure is printed beside it.
 * Run with: meson test -C _build --benchmark --verbose feeds
 */

#include "config.h"

#include <time.h>

#include "lg-feed.h"

#define GOAL_ITEMS_PER_S 20000

static const char *feeds[] = {
  "reddit/LocalLLaMA.xml",
  "reddit/ollama.xml",
  "discourse/pythonic-guru-latest.rss",
  "discourse/pythonic-guru-posts.rss",
  "lemmy/lemmy.world-idiotsincars.xml",
  "sample-feeds/mastodon-Gargron.rss",
  "netnewswire/DaringFireball.json",
  "netnewswire/scriptingNews.rss",
};

/* Microseconds of processor time this process has used. */
static gint64
cpu_time_us (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

/* Parses the feed again and again for a second of processor time. */
static void
bench_feed (const char *name,
            guint64    *items,
            gint64     *elapsed,
            gint64     *wall)
{
  g_autofree char *path = g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "fixtures", "feeds",
                                            name, NULL);
  g_autofree char *data = NULL;
  gint64 start, spent, wall_start;
  guint64 count = 0;
  gsize length;
  guint rounds = 0;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  wall_start = g_get_monotonic_time ();
  start = cpu_time_us ();
  do
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LgFeed) feed = lg_feed_parse (data, length, "https://example.org/feed", &error);

      g_assert_no_error (error);
      count += lg_feed_get_messages (feed)->len;
      rounds++;
      spent = cpu_time_us () - start;
    }
  while (spent < G_USEC_PER_SEC);

  *items += count;
  *elapsed += spent;
  *wall += g_get_monotonic_time () - wall_start;
  g_print ("parse %-36s %7.1f KiB  %6u rounds  %9.0f items/s\n", name, length / 1024.0, rounds,
           count / (spent / (double) G_USEC_PER_SEC));
}

int
main (int   argc,
      char *argv[])
{
  guint64 items = 0;
  gint64 elapsed = 0;
  gint64 wall = 0;
  double overall;

  for (guint i = 0; i < G_N_ELEMENTS (feeds); i++)
    bench_feed (feeds[i], &items, &elapsed, &wall);

  overall = items / (elapsed / (double) G_USEC_PER_SEC);
  g_print ("all feeds: %" G_GUINT64_FORMAT " items in %.2f s of processor time: %.0f items/s "
           "(goal %d); by the clock %.0f items/s\n", items, elapsed / (double) G_USEC_PER_SEC,
           overall, GOAL_ITEMS_PER_S, items / (wall / (double) G_USEC_PER_SEC));
  return overall >= GOAL_ITEMS_PER_S ? 0 : 1;
}
