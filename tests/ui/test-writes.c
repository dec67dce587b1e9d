/* test-writes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The user's changes while another writer holds the database (a big import's
 * final move): the real application under Xvfb, a second connection holding
 * a write transaction (BEGIN IMMEDIATE) for longer than the main thread's
 * connection would wait. A card moved on the board and a follow-up scheduled
 * wait on a worker: the main loop keeps running, the window says "Waiting
 * for the import to finish…", and once the lock is released the writes land,
 * in the order they were made, and the message goes. Find Leads' dismiss
 * and add to pipeline, and a follow-up that makes a lead of a result, wait
 * the same way, the results as they were until their writes land. Past the
 * worker's long wait, the usual sentence, and nothing moves.
 */

#include "config.h"

#include "lg-application.h"
#include "lg-followup-dialog.h"
#include "lg-pipeline-view.h"
#include "lg-sample-workspace.h"
#include "lg-search.h"
#include "lg-test-ui.h"
#include "lg-test-util.h"
#include "lg-window.h"

/* Shorter than the lock is held below: before writes went to a worker, the
 * main thread's write failed after this (and froze the window until then). */
#define MAIN_TIMEOUT_MS 100

static void
wait_board (LgPipelineView *board)
{
  /* At least one main loop turn, so that a reload can start. */
  for (int i = 0; i < 5; i++)
    g_main_context_iteration (NULL, FALSE);
  while (lg_pipeline_view_get_loading (board))
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
banner_shown (gpointer window)
{
  GtkWidget *banner = lg_test_find_named (window, "waiting-banner");

  g_assert_true (GTK_IS_REVEALER (banner));
  return gtk_revealer_get_reveal_child (GTK_REVEALER (banner));
}

/* The main loop runs while the write waits: the banner shows, and the frame
 * clock keeps ticking well past the main thread's own busy timeout. */
static void
check_waiting (LgWindow *window)
{
  gint64 started = g_get_monotonic_time ();

  lg_test_wait_until (banner_shown, window);
  g_assert_nonnull (lg_test_find_label (GTK_WIDGET (window),
                                        "Waiting for the import to finish…"));
  lg_test_run_frames (3 * MAIN_TIMEOUT_MS);
  g_assert_cmpint (g_get_monotonic_time () - started, >, 3 * MAIN_TIMEOUT_MS * 1000);
  g_assert_true (banner_shown (window));
}

static const char *
stage_of (LgStore *store,
          gint64   id)
{
  g_autoptr(LgLead) lead = lg_store_get_lead (store, id, NULL);
  static char stage[16];

  g_strlcpy (stage, lg_lead_get_stage (lead), sizeof stage);
  return stage;
}

static LgFollowupDialog *
find_followup_dialog (void)
{
  return (LgFollowupDialog *) lg_test_find_window (LG_TYPE_FOLLOWUP_DIALOG);
}

/* Two quick moves land after the lock goes, in order: Warm, then Hot. */
static void
check_moves (LgWindow       *window,
             LgPipelineView *board,
             LgStore        *store,
             LgStore        *importer,
             gint64          id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *moves_sql = g_strdup_printf ("SELECT count(*) FROM activities WHERE "
                                                "kind = 'stage' AND lead_id = %" G_GINT64_FORMAT,
                                                id);
  gint64 moves = lg_test_query_int (store, moves_sql);

  g_assert_true (lg_store_begin (importer, &error));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (board), "pipeline.move-lead", "(xs)",
                                             id, "warm"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (board), "pipeline.move-lead", "(xs)",
                                             id, "hot"));
  check_waiting (window);
  /* Nothing landed yet, and the card stays where the database has it. */
  g_assert_cmpstr (stage_of (store, id), ==, "cold");
  g_assert_cmpuint (g_list_model_get_n_items (lg_pipeline_view_get_column (board, LG_STAGE_COLD)),
                    ==, 1);
  g_assert_cmpuint (lg_store_get_pending_writes (store), ==, 2);

  lg_store_rollback (importer);
  lg_test_wait_for_writes (store);
  wait_board (board);
  g_assert_false (banner_shown (window));
  g_assert_cmpstr (stage_of (store, id), ==, "hot");
  /* Both landed, Hot last. */
  g_assert_cmpint (lg_test_query_int (store, moves_sql), ==, moves + 2);
  g_assert_cmpuint (g_list_model_get_n_items (lg_pipeline_view_get_column (board, LG_STAGE_COLD)),
                    ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (lg_pipeline_view_get_column (board, LG_STAGE_HOT)),
                    ==, 1);
}

/* The follow-up dialog stays open, Schedule done once, until its follow-up
 * has landed; then it closes. */
static void
check_followup (LgWindow       *window,
                LgPipelineView *board,
                LgStore        *store,
                LgStore        *importer,
                gint64          id)
{
  g_autoptr(GError) error = NULL;
  LgFollowupDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (board), "pipeline.schedule-followup",
                                             "x", id));
  dialog = find_followup_dialog ();
  g_assert_nonnull (dialog);
  lg_followup_dialog_set_quick (dialog, LG_FOLLOWUP_QUICK_TOMORROW_MORNING);
  g_assert_true (lg_store_begin (importer, &error));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.schedule", NULL));
  check_waiting (window);
  g_assert_true (find_followup_dialog () == dialog);
  /* A second press while it waits adds nothing more. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.schedule", NULL);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM followups"), ==, 0);

  lg_store_rollback (importer);
  lg_test_wait_for_writes (store);
  g_assert_null (find_followup_dialog ());
  g_assert_false (banner_shown (window));
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM followups"), ==, 1);
}

/* The key of the @nth result (from 0) of someone not in the pipeline. */
static char *
result_not_in_pipeline (GListModel *results,
                        guint       nth)
{
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(LgSearchResult) result = g_list_model_get_item (results, i);

      if (lg_search_result_get_lead_id (result) == 0 && nth-- == 0)
        return g_strdup (lg_search_result_get_author_key (result));
    }
  g_assert_not_reached ();
}

static gboolean
search_done (gpointer view)
{
  return !lg_find_view_is_running (view);
}

/* A result dismissed and another added to the pipeline while the lock is
 * held: the banner, the list as it was, nothing written; once the lock goes,
 * the dismissed one leaves the list and the other is a lead. */
static void
check_find (LgWindow *window,
            LgStore  *store,
            LgStore  *importer)
{
  LgFindView *view = lg_window_get_find_view (window);
  GListModel *results = lg_find_view_get_results (view);
  g_autoptr(GError) error = NULL;
  g_autofree char *dismissed = NULL;
  g_autofree char *added = NULL;
  g_autoptr(LgSearchResult) added_result = NULL;
  LgResultRow *row;
  gint64 leads;
  guint n;

  g_assert_true (lg_sample_workspace_load (store, g_get_real_time () / G_USEC_PER_SEC, &error));
  g_assert_no_error (error);
  lg_store_notify_changed (store, LG_STORE_CHANGED_SOURCES | LG_STORE_CHANGED_MESSAGES |
                           LG_STORE_CHANGED_LEADS);
  lg_window_show_view (window, "find");
  lg_find_view_search (view, "website for a dental clinic with online booking");
  lg_test_wait_for_writes (store);
  lg_test_wait_until (search_done, view);
  lg_test_run_frames (100);
  n = g_list_model_get_n_items (results);
  g_assert_cmpuint (n, >=, 2);
  dismissed = result_not_in_pipeline (results, 0);
  added = result_not_in_pipeline (results, 1);
  leads = lg_test_query_int (store, "SELECT count(*) FROM leads");

  g_assert_true (lg_store_begin (importer, &error));
  row = lg_test_find_result_row (GTK_WIDGET (view), dismissed);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "row.dismiss", NULL));
  row = lg_test_find_result_row (GTK_WIDGET (view), added);
  g_assert_nonnull (row);
  added_result = g_object_ref (lg_result_row_get_result (row));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "row.add", NULL));
  /* A second click while it waits adds nobody twice. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "row.add", NULL));
  check_waiting (window);
  g_assert_cmpuint (lg_store_get_pending_writes (store), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, n);
  g_assert_cmpint (lg_search_result_get_lead_id (added_result), ==, 0);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads"), ==, leads);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM matches "
                                             "WHERE status = 'dismissed'"), ==, 0);

  lg_store_rollback (importer);
  lg_test_wait_for_writes (store);
  g_assert_false (banner_shown (window));
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, n - 1);
  g_assert_null (lg_test_find_result_row (GTK_WIDGET (view), dismissed));
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM matches "
                                             "WHERE status = 'dismissed'"), ==, 1);
  g_assert_cmpint (lg_search_result_get_lead_id (added_result), >, 0);
  g_assert_cmpint (lg_search_result_get_status (added_result), ==, LG_MATCH_ACCEPTED);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads"), ==, leads + 1);
}

/* A follow-up for a result not in the pipeline while the lock is held: the
 * lead and the follow-up are made on the worker once the lock goes, and the
 * result shown is then in the pipeline. */
static void
check_find_followup (LgWindow *window,
                     LgStore  *store,
                     LgStore  *importer)
{
  LgFindView *view = lg_window_get_find_view (window);
  g_autofree char *key = result_not_in_pipeline (lg_find_view_get_results (view), 0);
  LgResultRow *row = lg_test_find_result_row (GTK_WIDGET (view), key);
  g_autoptr(LgSearchResult) result = g_object_ref (lg_result_row_get_result (row));
  gint64 leads = lg_test_query_int (store, "SELECT count(*) FROM leads");
  gint64 followups = lg_test_query_int (store, "SELECT count(*) FROM followups");
  g_autoptr(GError) error = NULL;
  LgFollowupDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "row.follow-up", NULL));
  dialog = find_followup_dialog ();
  g_assert_nonnull (dialog);
  lg_followup_dialog_set_quick (dialog, LG_FOLLOWUP_QUICK_TOMORROW_MORNING);
  g_assert_true (lg_store_begin (importer, &error));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.schedule", NULL));
  check_waiting (window);
  g_assert_cmpint (lg_search_result_get_lead_id (result), ==, 0);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads"), ==, leads);

  lg_store_rollback (importer);
  lg_test_wait_for_writes (store);
  g_assert_null (find_followup_dialog ());
  g_assert_cmpint (lg_search_result_get_lead_id (result), >, 0);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads"), ==, leads + 1);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM followups"), ==,
                   followups + 1);
}

/* Past the worker's wait: the usual sentence in a toast, the card where it
 * was, the banner gone. */
static void
check_gives_up (LgWindow       *window,
                LgPipelineView *board,
                LgStore        *store,
                LgStore        *importer,
                gint64          id)
{
  g_autoptr(GError) error = NULL;

  lg_store_set_busy_timeouts (MAIN_TIMEOUT_MS, 1500);
  g_assert_true (lg_store_begin (importer, &error));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (board), "pipeline.move-lead", "(xs)",
                                             id, "warm"));
  lg_test_wait_until (banner_shown, window);
  lg_test_wait_for_writes (store);
  lg_store_rollback (importer);
  g_assert_false (banner_shown (window));
  g_assert_nonnull (lg_test_find_label_part (GTK_WIDGET (window),
                                             "another import or sync is writing"));
  g_assert_cmpstr (stage_of (store, id), ==, "hot");
  wait_board (board);
  g_assert_cmpuint (g_list_model_get_n_items (lg_pipeline_view_get_column (board, LG_STAGE_HOT)),
                    ==, 1);
}

static void
on_activate_cb (LgApplication *app)
{
  LgWindow *window = LG_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  LgStore *store = lg_application_get_store (app);
  LgPipelineView *board = lg_window_get_pipeline_view (window);
  g_autoptr(LgStore) importer = lg_test_open_other (store);
  g_autoptr(LgLead) lead = lg_test_add_lead (store, "Olga Ivanova", "cold");
  gint64 id = lg_lead_get_id (lead);

  lg_store_set_busy_timeouts (MAIN_TIMEOUT_MS, 10000);
  lg_store_notify_changed (store, LG_STORE_CHANGED_LEADS);
  lg_window_show_view (window, "pipeline");
  wait_board (board);
  g_assert_false (banner_shown (window));

  check_moves (window, board, store, importer, id);
  check_followup (window, board, store, importer, id);
  check_gives_up (window, board, store, importer, id);
  /* Last: its toasts would hide the one check_gives_up() looks for. */
  lg_store_set_busy_timeouts (MAIN_TIMEOUT_MS, 10000);
  check_find (window, store, importer);
  check_find_followup (window, store, importer);

  lg_store_set_busy_timeouts (5000, 60000);
  g_application_quit (G_APPLICATION (app));
}

static void
test_writes_wait (void)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *db = g_build_filename (dir, "writes.db", NULL);

  g_assert_cmpint (lg_test_run_app (db, G_CALLBACK (on_activate_cb)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (!lg_test_init_gtk ())
    return 77;

  g_test_add_func ("/ui/writes/wait-for-import", test_writes_wait);

  return g_test_run ();
}
