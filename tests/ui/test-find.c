/* test-find.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Find Leads view under Xvfb: first run offers the sample workspace; a
 * search on it shows ranked rows with reasons, saved in the side list; a
 * result is dismissed and restored with Undo, voted on and the vote taken
 * back, and gets a follow-up (and with it a lead); the
 * longest gap between frames while it searches is reported, split into what
 * the view's code and layout take (the update and layout phases of a frame)
 * and what drawing takes.
 */

#include "config.h"

#include "lg-find-view.h"
#include "lg-followup-dialog.h"
#include "lg-resources.h"
#include "lg-reach-out-dialog.h"
#include "lg-result-row.h"
#include "lg-sample-workspace.h"
#include "lg-search.h"
#include "lg-test-ui.h"
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
  gboolean on;
  gint64   last;           /* the previous frame's start */
  gint64   frame_start;
  gint64   layout_end;
  gint64   longest;        /* between two frames: a main-thread stall shows here */
  gint64   longest_layout; /* update and layout: tick callbacks, measuring, allocating */
  gint64   longest_paint;  /* snapshot and rendering */
} FrameGaps;

static void
on_before_paint_cb (GdkFrameClock *clock,
                    FrameGaps     *gaps)
{
  gint64 now = g_get_monotonic_time ();

  if (gaps->on && gaps->last > 0)
    gaps->longest = MAX (gaps->longest, now - gaps->last);
  gaps->last = gaps->frame_start = now;
}

/* Connected after the window's own handlers: these run at the end of the
 * phase. */
static void
on_layout_cb (GdkFrameClock *clock,
              FrameGaps     *gaps)
{
  gaps->layout_end = g_get_monotonic_time ();
  if (gaps->on && gaps->frame_start > 0)
    gaps->longest_layout = MAX (gaps->longest_layout, gaps->layout_end - gaps->frame_start);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   FrameGaps     *gaps)
{
  if (gaps->on && gaps->layout_end > 0)
    gaps->longest_paint = MAX (gaps->longest_paint, g_get_monotonic_time () - gaps->layout_end);
}

/* Frames come continuously while measuring. */
static gboolean
on_tick_cb (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
start_measuring (FrameGaps *gaps)
{
  *gaps = (FrameGaps) { .on = TRUE };
}

static void
report (FrameGaps  *gaps,
        const char *what)
{
  gaps->on = FALSE;
  g_test_message ("%s: longest gap between frames %.1f ms; longest update and layout %.1f ms, "
                  "longest drawing %.1f ms", what, gaps->longest / 1000.0,
                  gaps->longest_layout / 1000.0, gaps->longest_paint / 1000.0);
  /* Was seconds: every row's wrapping labels measured as narrow as they go,
   * one Pango layout per character, and all rows made in one frame. */
  g_assert_cmpint (gaps->longest_layout, <, 500 * 1000);
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

static GtkButton *
find_undo_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)),
                                           "_Undo") == 0)
    return GTK_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkButton *button = find_undo_button (child);

      if (button != NULL)
        return button;
    }
  return NULL;
}

static LgSearchResult *
find_result (GListModel *results,
             const char *author_key)
{
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(LgSearchResult) result = g_list_model_get_item (results, i);

      if (g_strcmp0 (lg_search_result_get_author_key (result), author_key) == 0)
        return result;
    }
  return NULL;
}

static void
iterate (void)
{
  for (int i = 0; i < 5; i++)
    g_main_context_iteration (NULL, FALSE);
}

static guint
position_of (GListModel *results,
             const char *author_key)
{
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(LgSearchResult) result = g_list_model_get_item (results, i);

      if (g_strcmp0 (lg_search_result_get_author_key (result), author_key) == 0)
        return i;
    }
  g_assert_not_reached ();
}

/* Whether the line above the results counts n people. */
static gboolean
says_count (LgFindView *view,
            guint       n)
{
  GObject *label = gtk_widget_get_template_child (GTK_WIDGET (view), LG_TYPE_FIND_VIEW,
                                                  "status_label");
  g_autofree char *start = g_strdup_printf (n == 1 ? "%u person," : "%u people,", n);

  return g_str_has_prefix (gtk_label_get_label (GTK_LABEL (label)), start);
}

/* Dismiss with Undo, thumbs given and taken back, a follow-up and a Reach
 * Out from results not yet in the pipeline. */
static void
work_results (LgFindView      *view,
              AdwToastOverlay *overlay,
              LgStore         *store)
{
  GListModel *results = lg_find_view_get_results (view);
  guint n = g_list_model_get_n_items (results);
  g_autofree char *key = NULL;
  LgResultRow *row;
  LgSearchResult *result;

  /* The best result of someone not yet in the pipeline. */
  for (guint i = 0; i < n && key == NULL; i++)
    {
      g_autoptr(LgSearchResult) candidate = g_list_model_get_item (results, i);

      if (lg_search_result_get_lead_id (candidate) == 0)
        key = g_strdup (lg_search_result_get_author_key (candidate));
    }
  g_assert_nonnull (key);
  row = lg_test_find_result_row (GTK_WIDGET (view), key);
  g_assert_nonnull (row);
  GtkButton *undo;
  gint64 lead_id;
  gboolean dialog_shown = FALSE;
  gint64 followups;
  guint before;

  g_assert_true (says_count (view, n));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "row.dismiss", NULL));
  lg_test_wait_for_writes (store);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, n - 1);
  g_assert_null (find_result (results, key));
  /* The count above the list follows: one fewer, and back with Undo. */
  g_assert_true (says_count (view, n - 1));
  iterate ();
  undo = find_undo_button (GTK_WIDGET (overlay));
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  lg_test_wait_for_writes (store);
  wait_until_idle (view);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, n);
  g_assert_nonnull (find_result (results, key));
  g_assert_true (says_count (view, n));

  /* Thumbs up, then the same thumb again takes it back; each reruns. */
  row = lg_test_find_result_row (GTK_WIDGET (view), key);
  before = position_of (results, key);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "row.thumbs-up", NULL));
  lg_test_wait_for_writes (store);
  wait_until_idle (view);
  g_assert_cmpint (lg_search_result_get_feedback (find_result (results, key)), ==, 1);
  /* Its row says that the vote moved it, where it did (and only then). */
  row = lg_test_find_result_row (GTK_WIDGET (view), key);
  g_assert_cmpint (before > position_of (results, key), ==,
                   strstr (gtk_label_get_label (GTK_LABEL (lg_test_find_named (GTK_WIDGET (row),
                                                                               "reason_label"))),
                           "ranked up by your feedback") != NULL);
  g_assert_cmpuint (before, >, position_of (results, key));
  row = lg_test_find_result_row (GTK_WIDGET (view), key);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "row.thumbs-up", NULL));
  lg_test_wait_for_writes (store);
  wait_until_idle (view);
  g_assert_cmpint (lg_search_result_get_feedback (find_result (results, key)), ==, 0);

  /* A follow-up for someone not in the pipeline: the dialog names them, a
   * Cancel leaves them out, and scheduling adds them and the follow-up. */
  result = find_result (results, key);
  g_assert_cmpint (lg_search_result_get_lead_id (result), ==, 0);
  followups = lg_test_query_int (store, "SELECT count(*) FROM followups");
  for (int round = 0; round < 2; round++)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();
      LgFollowupDialog *dialog = NULL;

      row = lg_test_find_result_row (GTK_WIDGET (view), key);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "row.follow-up", NULL));
      g_assert_cmpint (lg_search_result_get_lead_id (result), ==, 0);
      for (guint i = 0; i < g_list_model_get_n_items (toplevels) && dialog == NULL; i++)
        {
          g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

          if (LG_IS_FOLLOWUP_DIALOG (window))
            dialog = LG_FOLLOWUP_DIALOG (window);
        }
      g_assert_nonnull (dialog);
      dialog_shown = TRUE;
      if (round == 0)
        {
          /* Cancel. */
          gtk_window_destroy (GTK_WINDOW (dialog));
          g_assert_cmpint (lg_search_result_get_lead_id (result), ==, 0);
          g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM followups"), ==,
                           followups);
          continue;
        }
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.schedule", NULL));
      lg_test_wait_for_writes (store);
    }
  g_assert_true (dialog_shown);
  lead_id = lg_search_result_get_lead_id (result);
  g_assert_cmpint (lead_id, >, 0);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM followups"), ==,
                   followups + 1);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LgLead) lead = lg_store_get_lead (store, lead_id, &error);

    g_assert_no_error (error);
    g_assert_cmpint (lg_lead_get_message_id (lead), ==, lg_search_result_get_message_id (result));
  }

  /* Reach Out from a result not in the pipeline: it joins the pipeline
   * first, then the composer opens for the new lead. */
  {
    g_autofree char *other = NULL;
    LgSearchResult *reached;
    GListModel *toplevels = gtk_window_get_toplevels ();
    LgReachOutDialog *composer = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (results) && other == NULL; i++)
      {
        g_autoptr(LgSearchResult) candidate = g_list_model_get_item (results, i);

        if (lg_search_result_get_lead_id (candidate) == 0)
          other = g_strdup (lg_search_result_get_author_key (candidate));
      }
    g_assert_nonnull (other);
    row = lg_test_find_result_row (GTK_WIDGET (view), other);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "row.reach-out", NULL));
    lg_test_wait_for_writes (store);
    reached = find_result (results, other);
    g_assert_cmpint (lg_search_result_get_lead_id (reached), >, 0);
    for (guint i = 0; i < g_list_model_get_n_items (toplevels) && composer == NULL; i++)
      {
        g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

        if (LG_IS_REACH_OUT_DIALOG (window))
          composer = LG_REACH_OUT_DIALOG (window);
      }
    g_assert_nonnull (composer);
    gtk_window_destroy (GTK_WINDOW (composer));
  }
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
  GdkFrameClock *clock;
  guint tick;
  int previous = 101;

  adw_toast_overlay_set_child (overlay, GTK_WIDGET (view));
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (overlay));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));

  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "before-paint", G_CALLBACK (on_before_paint_cb), &gaps);
  g_signal_connect (clock, "layout", G_CALLBACK (on_layout_cb), &gaps);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &gaps);
  tick = gtk_widget_add_tick_callback (window, on_tick_cb, NULL, NULL);

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
  start_measuring (&gaps);
  wait_until_idle (view);
  report (&gaps, "first search");

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "search");
  results = lg_find_view_get_results (view);
  g_assert_cmpuint (g_list_model_get_n_items (results), >=, 10);
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(LgSearchResult) result = g_list_model_get_item (results, i);

      g_assert_cmpint (lg_search_result_get_score (result), <=, previous);
      /* New searches leave out the weakest matches. */
      g_assert_cmpint (lg_search_result_get_score (result), >=, 20);
      previous = lg_search_result_get_score (result);
      g_assert_cmpstr (lg_search_result_get_reason (result), !=, "");
    }

  /* The list shows them as rows, the best on top. */
  g_assert_cmpuint (count_rows (GTK_WIDGET (view)), >, 0);
  /* A row is the person, then what they do; where and when below, once. */
  {
    LgResultRow *row = lg_test_find_result_row (GTK_WIDGET (view), NULL);
    LgSearchResult *shown = lg_result_row_get_result (row);
    const char *meta = gtk_label_get_label (GTK_LABEL (lg_test_find_named (GTK_WIDGET (row),
                                                                           "meta_label")));

    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (lg_test_find_named (GTK_WIDGET (row),
                                                                         "name_label"))),
                     ==, lg_search_result_get_author_label (shown));
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (lg_test_find_named (GTK_WIDGET (row),
                                                                         "reason_label"))),
                     ==, lg_search_result_get_summary (shown));
    g_assert_null (strstr (meta, lg_search_result_get_author_label (shown)));
    /* The badge says what its score is a match for: a lead's card has one too. */
    g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (
                                       lg_test_find_named (GTK_WIDGET (row), "score_label")),
                                     "Match "));
    g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (lg_test_find_named (GTK_WIDGET (row),
                                                                                "score_label")),
                              " for ‘"));
    g_assert_nonnull (strstr (meta, lg_search_result_get_source_label (shown)));
  }

  /* Again, with the rows' fonts and styles loaded and the renderer warm:
   * this gap is the search's. */
  start_measuring (&gaps);
  lg_find_view_search (view, "website for a car repair shop with online booking");
  /* It runs once saved. */
  lg_test_wait_for_writes (store);
  g_assert_true (lg_find_view_is_running (view));
  wait_until_idle (view);
  report (&gaps, "second search");
  g_assert_cmpuint (g_list_model_get_n_items (lg_find_view_get_results (view)), >, 0);

  work_results (view, overlay, store);

  /* The saved searches are in the side list; an offer typed again runs its
   * saved search again rather than keeping it twice. */
  {
    g_autoptr(GListModel) saved = lg_search_list_saved (store, &error);
    g_autoptr(LgSearchSpec) first = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (g_list_model_get_n_items (saved), ==, 2);
    first = g_list_model_get_item (saved, 1);
    lg_find_view_search (view, lg_search_spec_get_offer (first));
    lg_test_wait_for_writes (store);
    wait_until_idle (view);
    g_clear_object (&saved);
    saved = lg_search_list_saved (store, &error);
    g_assert_cmpuint (g_list_model_get_n_items (saved), ==, 2);
  }

  gtk_widget_remove_tick_callback (window, tick);
  g_signal_handlers_disconnect_by_data (clock, &gaps);
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
  /* libadwaita 1.2 frees a toast dismissed (here: its Undo clicked) while it
   * still slides in, then its animation ends on the freed toast. A user is
   * slower than that; the test is not. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/ui/find/sample", test_find_on_sample);

  return g_test_run ();
}
