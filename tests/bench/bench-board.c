/* bench-board.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opens the board on 10,000 leads and prints: the time to fill the columns
 * (worker query + splice), the time to the first frame with the cards, the
 * longest frame while scrolling the biggest column from top to bottom, and
 * the peak memory (VmHWM). The same on a team workspace on a throw-away
 * PostgreSQL cluster, in the same run, with the ratios of its times to the
 * SQLite file's (skipped, saying so, where PostgreSQL is not installed).
 * Run with: meson test -C _build --benchmark
 */

#include "config.h"

#include <string.h>

#include "lg-pipeline-view.h"
#include "lg-resources.h"
#include "lg-test-pg.h"
#include "lg-test-util.h"

#define N_LEADS 10000

static gint64 first_frame_at;

static void
fill (LgStore *store)
{
  g_autoptr(GError) error = NULL;
  static const char *stages[] = { "cold", "cold", "warm", "hot", "won", "lost" };

  g_assert_true (lg_store_begin (store, &error));
  for (int i = 0; i < N_LEADS; i++)
    {
      g_autoptr(LgLead) lead = lg_lead_new ();
      g_autofree char *name = g_strdup_printf ("Lead number %d", i);

      lg_lead_set_name (lead, name);
      lg_lead_set_stage (lead, stages[i % G_N_ELEMENTS (stages)]);
      lg_lead_set_value (lead, (i % 50) * 10000);
      lg_lead_set_score (lead, i % 100);
      g_assert_true (lg_store_add_lead (store, lead, &error));
    }
  g_assert_true (lg_store_commit (store, &error));
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       user_data)
{
  if (first_frame_at == 0)
    first_frame_at = g_get_monotonic_time ();
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static long
status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, field);
  return line != NULL ? strtol (line + strlen (field), NULL, 10) : -1;
}


/* The first scrolled window under widget, or widget itself. */
static GtkScrolledWindow *
find_scrolled (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget))
    return GTK_SCROLLED_WINDOW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkScrolledWindow *found = find_scrolled (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The Cold column's list (the largest here): the column box is named after
 * its stage. Searching for any list would find the filter bar's drop-down
 * lists first, which are not on screen. */
static GtkScrolledWindow *
cold_column (GtkWidget *widget)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), "cold") == 0)
    return find_scrolled (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkScrolledWindow *found = cold_column (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* What one board showed, in ms. */
typedef struct
{
  double filled;
  double first_frame;
  double scroll_median;
  double scroll_longest;
  double move;
} Figures;

/* Opens the board on store's leads in a new window, prints what it took
 * (label names the store) and fills figures. */
static void
measure (LgStore    *store,
         const char *label,
         Figures    *figures)
{
  GtkWidget *window;
  LgPipelineView *view;
  GtkAdjustment *adjustment;
  GdkFrameClock *clock;
  gint64 start, filled, previous, longest = 0, cpu_start;
  guint frames = 0, slow = 0;
  gulong handler;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  view = lg_pipeline_view_new ();
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE));

  clock = gtk_widget_get_frame_clock (window);
  cpu_start = lg_test_thread_cpu_us ();
  start = g_get_monotonic_time ();
  lg_pipeline_view_set_store (view, store);
  while (lg_pipeline_view_get_loading (view))
    g_main_context_iteration (NULL, TRUE);
  filled = g_get_monotonic_time ();
  first_frame_at = 0;
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), NULL);
  gtk_widget_queue_draw (window);
  while (first_frame_at == 0)
    g_main_context_iteration (NULL, TRUE);

  g_print ("%s: renderer: %s\n", label,
           G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))));
  g_print ("%s: leads: %d (cold column: %u)\n", label, N_LEADS,
           g_list_model_get_n_items (lg_pipeline_view_get_column (view, LG_STAGE_COLD)));
  figures->filled = (filled - start) / 1000.0;
  figures->first_frame = (first_frame_at - start) / 1000.0;
  g_print ("%s: columns filled: %.1f ms\n", label, figures->filled);
  g_print ("%s: first frame: %.1f ms (main thread CPU %.1f ms)\n", label, figures->first_frame,
           (lg_test_thread_cpu_us () - cpu_start) / 1000.0);

  /* Scroll the Cold column to its end in 120 steps, one per frame. */
  adjustment = gtk_scrolled_window_get_vadjustment (cold_column (GTK_WIDGET (view)));
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, 100000);
  previous = g_get_monotonic_time ();
  cpu_start = lg_test_thread_cpu_us ();
  for (int step = 1; step <= 120; step++)
    {
      double upper = gtk_adjustment_get_upper (adjustment) -
                     gtk_adjustment_get_page_size (adjustment);
      gint64 took;

      /* Only what scrolling itself redraws: the column. */
      gtk_adjustment_set_value (adjustment, upper * step / 120.0);
      first_frame_at = 0;
      while (first_frame_at == 0)
        g_main_context_iteration (NULL, TRUE);
      took = first_frame_at - previous;

      longest = MAX (longest, took);
      slow += took > 33000;
      g_array_append_val (times, took);
      previous = first_frame_at;
      frames++;
    }
  g_array_sort (times, compare_times);
  figures->scroll_median = g_array_index (times, gint64, times->len / 2) / 1000.0;
  figures->scroll_longest = longest / 1000.0;
  g_print ("%s: scroll: %u frames, median %.1f ms, longest %.1f ms, %u over 33 ms\n", label,
           frames, figures->scroll_median, figures->scroll_longest, slow);
  g_print ("%s: scroll: main thread CPU %.1f ms a frame\n", label,
           (lg_test_thread_cpu_us () - cpu_start) / 1000.0 / frames);
  /* A move by the card's menu: from the action to the frame that shows the
   * card in its new column, with the board read again if the view does. */
  {
    g_autoptr(LgLead) lead = g_list_model_get_item (lg_pipeline_view_get_column (view,
                                                                                LG_STAGE_COLD), 0);
    guint warm = g_list_model_get_n_items (lg_pipeline_view_get_column (view, LG_STAGE_WARM));

    start = g_get_monotonic_time ();
    gtk_widget_activate_action (GTK_WIDGET (view), "pipeline.move-lead", "(xs)",
                                lg_lead_get_id (lead), "warm");
    while (g_list_model_get_n_items (lg_pipeline_view_get_column (view, LG_STAGE_WARM)) == warm ||
           lg_pipeline_view_get_loading (view))
      g_main_context_iteration (NULL, TRUE);
    first_frame_at = 0;
    while (first_frame_at == 0)
      g_main_context_iteration (NULL, TRUE);
    figures->move = (first_frame_at - start) / 1000.0;
    g_print ("%s: move to Warm: %.1f ms to the frame\n", label, figures->move);
  }

  g_signal_handler_disconnect (clock, handler);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LgStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *address = NULL;
  g_autoptr(LgStore) team = NULL;
  g_autoptr(GError) error = NULL;
  Figures file, remote;
  long rss_before;

  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_printerr ("No display: the benchmark needs one (run it under xvfb-run).\n");
      return 77;
    }
  adw_init ();
  lg_register_resource ();

  /* A file, whatever LEADGRAM_TEST_BACKEND says: the team's is below. */
  dir = lg_test_make_tmpdir ();
  path = g_build_filename (dir, "leadgram.db", NULL);
  store = lg_store_open (path, &error);
  g_assert_no_error (error);
  fill (store);
  rss_before = status_kb ("VmRSS:");
  measure (store, "SQLite", &file);
  g_print ("VmHWM: %ld kB (VmRSS before the board: %ld kB)\n", status_kb ("VmHWM:"), rss_before);

  if (!lg_test_pg_available ())
    {
      g_print ("team workspace: skipped, PostgreSQL's server programs (initdb) are not "
               "installed (build-aux/setup.sh installs postgresql-15)\n");
      return 0;
    }
  address = lg_test_pg_new_database ();
  team = lg_store_open (address, &error);
  g_assert_no_error (error);
  fill (team);
  measure (team, "PostgreSQL", &remote);
  g_print ("ratios PostgreSQL / SQLite: columns filled %.2fx, first frame %.2fx, "
           "scroll median %.2fx, move to Warm %.2fx\n", remote.filled / file.filled,
           remote.first_frame / file.first_frame, remote.scroll_median / file.scroll_median,
           remote.move / file.move);
  return 0;
}
