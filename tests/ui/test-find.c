/* test-find.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Find Leads view under Xvfb: first run offers the sample workspace; a
 * search on it shows ranked rows with reasons, saved in the side list; the
 * longest gap between frames while it searches is reported.
 */

#include "config.h"

#include "lg-find-view.h"
#include "lg-resources.h"
#include "lg-result-row.h"
#include "lg-sample-workspace.h"
#include "lg-search.h"
#include "lg-test-util.h"

static void
wait_until_idle (LgFindView *view)
{
  GMainContext *context = g_main_context_default ();
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (lg_find_view_is_running (view) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (context, TRUE);
  while (g_main_context_iteration (context, FALSE))
    ;
  g_assert_false (lg_find_view_is_running (view));
}

typedef struct
{
  gint64 last;
  gint64 longest;
} FrameGaps;

/* The longest time between two frames: a main-thread stall shows here. */
static gboolean
on_tick_cb (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  FrameGaps *gaps = user_data;
  gint64 now = g_get_monotonic_time ();

  if (gaps->last > 0)
    gaps->longest = MAX (gaps->longest, now - gaps->last);
  gaps->last = now;
  return G_SOURCE_CONTINUE;
}

static guint
count_rows (GtkWidget *widget)
{
  guint n = LG_IS_RESULT_ROW (widget) && lg_result_row_get_result (LG_RESULT_ROW (widget)) != NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_rows (child);
  return n;
}

static void
test_find_on_sample (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  AdwToastOverlay *overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  LgFindView *view = g_object_new (LG_TYPE_FIND_VIEW, NULL);
  GtkWidget *first_run, *stack;
  GListModel *results;
  FrameGaps gaps = { 0 };
  guint tick;
  int previous = 101;

  adw_toast_overlay_set_child (overlay, GTK_WIDGET (view));
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (overlay));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));

  /* No sources: the first-run page. */
  lg_find_view_set_store (view, store);
  stack = gtk_widget_get_first_child (gtk_widget_get_first_child (GTK_WIDGET (view)));
  g_assert_true (GTK_IS_STACK (stack));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "first-run");
  first_run = gtk_stack_get_visible_child (GTK_STACK (stack));
  g_assert_true (ADW_IS_STATUS_PAGE (first_run));

  /* The sample workspace opens from there and searches for a dental CRM. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "find.open-sample", NULL));
  {
    gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

    /* It loads on a worker, then starts the search. */
    while (!lg_find_view_is_running (view) && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (lg_sample_workspace_is_loaded (store));
  }
  tick = gtk_widget_add_tick_callback (window, on_tick_cb, &gaps, NULL);
  wait_until_idle (view);
  gtk_widget_remove_tick_callback (window, tick);
  g_test_message ("longest gap between frames during the first search: %.1f ms",
                  gaps.longest / 1000.0);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "search");
  results = lg_find_view_get_results (view);
  g_assert_cmpuint (g_list_model_get_n_items (results), >=, 10);
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(LgSearchResult) result = g_list_model_get_item (results, i);

      g_assert_cmpint (lg_search_result_get_score (result), <=, previous);
      previous = lg_search_result_get_score (result);
      g_assert_cmpstr (lg_search_result_get_reason (result), !=, "");
    }

  /* The list shows them as rows, the best on top. */
  g_assert_cmpuint (count_rows (GTK_WIDGET (view)), >, 0);

  /* Again, with the rows' fonts and styles loaded: this gap is the search's. */
  gaps.last = gaps.longest = 0;
  tick = gtk_widget_add_tick_callback (window, on_tick_cb, &gaps, NULL);
  lg_find_view_search (view, "website for a car repair shop with online booking");
  g_assert_true (lg_find_view_is_running (view));
  wait_until_idle (view);
  gtk_widget_remove_tick_callback (window, tick);
  g_test_message ("longest gap between frames during a second search: %.1f ms",
                  gaps.longest / 1000.0);
  g_assert_cmpuint (g_list_model_get_n_items (lg_find_view_get_results (view)), >, 0);

  /* The saved searches are in the side list. */
  {
    g_autoptr(GListModel) saved = lg_search_list_saved (store, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (saved), ==, 2);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_printerr ("No display: UI tests need one (run them under xvfb-run).\n");
      return 77;
    }
  adw_init ();
  lg_register_resource ();

  g_test_add_func ("/ui/find/sample", test_find_on_sample);

  return g_test_run ();
}
