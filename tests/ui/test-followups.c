/* test-followups.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Follow-ups in the real application under Xvfb: the notifications it sends
 * (captured by a stand-in org.gtk.Notifications server on the test's session
 * bus) and what their actions do; scheduling from the Follow-ups view with
 * the dialog, the row under Today, completing it and being asked for the next
 * step; the switcher badge; running in the background.
 */

#include "config.h"

#include "lg-application.h"
#include "lg-followup-dialog.h"
#include "lg-followup-time.h"
#include "lg-followups-view.h"
#include "lg-lead-card.h"
#include "lg-lead-detail.h"
#include "lg-pipeline-view.h"
#include "lg-test-notifications.h"
#include "lg-test-ui.h"
#include "lg-test-util.h"
#include "lg-window.h"

/* Whether the stand-in notification server runs (there is a session bus). */
static gboolean have_notifications;

static LgFollowupDialog *
find_dialog (void)
{
  return (LgFollowupDialog *) lg_test_find_window (LG_TYPE_FOLLOWUP_DIALOG);
}

static void
close_dialog (void)
{
  gtk_window_destroy (GTK_WINDOW (find_dialog ()));
  g_assert_null (find_dialog ());
}

/* The first shown widget of type under root, depth first. */
static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (!gtk_widget_get_visible (root))
    return NULL;
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static LgApplication *
new_app (char **db_path)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  LgApplication *app = lg_application_new ();

  *db_path = g_build_filename (dir, "ui.db", NULL);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  return app;
}

/* The test runs on the first activation only: the application activates
 * itself again to show its window when a notification's action comes. */
static void
on_first_activate_cb (LgApplication *app,
                      gpointer       test)
{
  g_signal_handlers_disconnect_by_func (app, on_first_activate_cb, test);
  ((void (*) (LgApplication *)) test) (app);
}

static int
run_app (LgApplication *app,
         const char    *db_path,
         void         (*test) (LgApplication *))
{
  char *argv[] = { (char *) "leadgram", (char *) "--db", (char *) db_path, NULL };

  g_signal_connect_after (app, "activate", G_CALLBACK (on_first_activate_cb), test);
  return g_application_run (G_APPLICATION (app), 3, argv);
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Notifications: the missed batch at start, one per due follow-up, and the
 * effect of their buttons. */

static gint64 missed_lead_id;
static gint64 due_followup_id;

static void
lookup (GVariant   *dict,
        const char *key,
        const char *expected)
{
  const char *value = NULL;

  g_assert_true (g_variant_lookup (dict, key, "&s", &value));
  g_assert_cmpstr (value, ==, expected);
}

static void
assert_button (GVariant   *buttons,
               guint       index,
               const char *label,
               const char *action,
               gint64      target)
{
  g_autoptr(GVariant) button = g_variant_get_child_value (buttons, index);
  g_autoptr(GVariant) value = g_variant_lookup_value (button, "target", G_VARIANT_TYPE_INT64);

  lookup (button, "label", label);
  lookup (button, "action", action);
  g_assert_nonnull (value);
  g_assert_cmpint (g_variant_get_int64 (value), ==, target);
}

typedef struct {
  LgPipelineView *view;
  gint64          id;
} OpenLead;

static gboolean
lead_is_open (gpointer data)
{
  OpenLead *open = data;

  return lg_pipeline_view_get_open_lead (open->view) == open->id;
}

static void
on_activate_notifications_cb (LgApplication *app)
{
  LgStore *store = lg_application_get_store (app);
  g_autoptr(LgLead) lead = lg_test_add_lead (store, "Marco Rossi", "hot");
  g_autoptr(GVariant) buttons = NULL;
  g_autoptr(GVariant) lead_target = NULL;
  g_autoptr(LgFollowup) snoozed = NULL;
  g_autoptr(LgFollowup) done = NULL;
  g_autofree char *id = NULL;
  g_autofree char *expected_body = NULL;
  g_autofree char *when = NULL;
  GVariant *missed, *notification;
  gint64 due_at = now_seconds () - 1;

  /* Fell due while closed: one summary, sent at start. */
  lg_test_wait_until (lg_test_notifications_was_sent, (gpointer) "followups-missed");
  missed = lg_test_notifications_lookup ("followups-missed");
  lookup (missed, "title", "2 follow-ups fell due while Leadgram was closed");
  lookup (missed, "body", "Anna Petrova · Call\nAnna Petrova · Email");
  lookup (missed, "default-action", "app.show-followups");

  /* Due now: its own notification. */
  due_followup_id = lg_test_add_followup (store, lg_lead_get_id (lead), due_at, "call",
                                          "Confirm the demo time");
  lg_store_notify_changed (store, LG_STORE_CHANGED_FOLLOWUPS);
  id = g_strdup_printf ("followup-%" G_GINT64_FORMAT, due_followup_id);
  lg_test_wait_until (lg_test_notifications_was_sent, id);
  notification = lg_test_notifications_lookup (id);
  lookup (notification, "title", "Marco Rossi · Call");
  when = lg_followup_format_due (due_at, now_seconds (), NULL);
  expected_body = g_strdup_printf ("Confirm the demo time\nDue %s", when);
  lookup (notification, "body", expected_body);
  lookup (notification, "default-action", "app.open-lead");
  lead_target = g_variant_lookup_value (notification, "default-action-target",
                                        G_VARIANT_TYPE_INT64);
  g_assert_cmpint (g_variant_get_int64 (lead_target), ==, lg_lead_get_id (lead));
  buttons = g_variant_lookup_value (notification, "buttons", G_VARIANT_TYPE ("aa{sv}"));
  g_assert_cmpuint (g_variant_n_children (buttons), ==, 2);
  assert_button (buttons, 0, "Done", "app.followup-done", due_followup_id);
  assert_button (buttons, 1, "Snooze 1 Hour", "app.followup-snooze", due_followup_id);

  /* Snooze: an hour later, and the notification goes away. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "followup-snooze",
                                  g_variant_new_int64 (due_followup_id));
  lg_test_wait_for_writes (store);
  snoozed = lg_store_get_followup (store, due_followup_id, NULL);
  g_assert_cmpint (lg_followup_get_snoozed_until (snoozed), >=, due_at + 3600);
  g_assert_cmpint (lg_followup_get_snoozed_until (snoozed), <=, now_seconds () + 3600);
  g_assert_cmpint (lg_followup_get_done_at (snoozed), ==, 0);
  lg_test_wait_until (lg_test_notifications_was_withdrawn, id);

  /* Done: completed, and the next step is asked for (the lead is open). */
  g_action_group_activate_action (G_ACTION_GROUP (app), "followup-done",
                                  g_variant_new_int64 (due_followup_id));
  lg_test_wait_for_writes (store);
  done = lg_store_get_followup (store, due_followup_id, NULL);
  g_assert_cmpint (lg_followup_get_done_at (done), >, 0);
  g_assert_nonnull (find_dialog ());
  g_assert_cmpint (lg_followup_dialog_get_lead_id (find_dialog ()), ==, lg_lead_get_id (lead));
  close_dialog ();

  /* The default action opens the lead's detail beside the board, and it stays
   * open once the board, never shown before, is laid out (a flap that folds
   * then must not close it). */
  g_action_group_activate_action (G_ACTION_GROUP (app), "open-lead",
                                  g_variant_new_int64 (missed_lead_id));
  {
    LgWindow *window = LG_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
    OpenLead open = { lg_window_get_pipeline_view (window), missed_lead_id };

    g_assert_cmpstr (lg_window_get_view (window), ==, "pipeline");
    /* It opens at the board's first sized frame, however late a loaded
     * machine draws it, and is still open frames after. */
    lg_test_wait_until (lead_is_open, &open);
    lg_test_run_frames (300);
    g_assert_true (lead_is_open (&open));
  }

  g_application_quit (G_APPLICATION (app));
}

static void
test_notifications (void)
{
  g_autofree char *db = NULL;
  g_autoptr(LgApplication) app = new_app (&db);

  if (!have_notifications)
    {
      g_test_skip ("No session bus to capture notifications on");
      return;
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LgStore) store = lg_store_open (db, &error);
    g_autoptr(LgLead) lead = lg_test_add_lead (store, "Anna Petrova", "warm");

    g_assert_no_error (error);
    missed_lead_id = lg_lead_get_id (lead);
    lg_test_add_followup (store, missed_lead_id, now_seconds () - 86400, "call", "");
    lg_test_add_followup (store, missed_lead_id, now_seconds () - 600, "email", "");
  }

  g_assert_cmpint (run_app (app, db, on_activate_notifications_cb), ==, 0);
}

/* Schedule from the view, see it under Today, complete it, get asked. */

static GListModel *lead_matches;

static gboolean
search_applied (gpointer data)
{
  return g_list_model_get_n_items (lead_matches) == 1;
}

static gboolean
all_leads_listed (gpointer data)
{
  return g_list_model_get_n_items (lead_matches) == 3;
}

static gboolean
refreshed (gpointer view)
{
  return !lg_followups_view_get_refreshing (view);
}

/* The view reads on a worker: what a change asked for shows once it is read. */
static void
settle (LgFollowupsView *view)
{
  lg_test_wait_until (refreshed, view);
}

static void
assert_under (LgFollowupsView *view,
              gint64           followup_id,
              const char      *section)
{
  GListModel *model = lg_followups_view_get_model (view);
  const char *heading = NULL;

  settle (view);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (GTK_IS_STRING_OBJECT (item))
        heading = gtk_string_object_get_string (GTK_STRING_OBJECT (item));
      else if (lg_followup_get_id (LG_FOLLOWUP (item)) == followup_id)
        {
          g_assert_cmpstr (heading, ==, section);
          return;
        }
    }
  g_assert_not_reached ();
}

/* The first row's Snooze menu, built when it opens, targets its follow-up. */
static void
assert_snooze_menu (LgFollowupsView *view,
                    gint64           followup_id)
{
  GtkMenuButton *button = NULL;
  g_autoptr(GVariant) target = NULL;
  g_autoptr(GMenuModel) snooze = NULL;
  GMenuModel *menu;
  gint64 id;
  const char *choice;

  /* Let the list lay out its rows. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  button = GTK_MENU_BUTTON (find_widget (GTK_WIDGET (view), GTK_TYPE_MENU_BUTTON));
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (button)));
  gtk_menu_button_popup (button);
  menu = gtk_menu_button_get_menu_model (button);
  g_assert_nonnull (menu);
  snooze = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
  g_assert_cmpint (g_menu_model_get_n_items (snooze), ==, 3);
  target = g_menu_model_get_item_attribute_value (snooze, 0, G_MENU_ATTRIBUTE_TARGET,
                                                  G_VARIANT_TYPE ("(xs)"));
  g_variant_get (target, "(x&s)", &id, &choice);
  g_assert_cmpint (id, ==, followup_id);
  g_assert_cmpstr (choice, ==, "hour");
  gtk_menu_button_popdown (button);
}

static gint64 scheduled_id;

static void
on_scheduled_cb (LgFollowupDialog *dialog,
                 LgFollowup       *followup)
{
  scheduled_id = lg_followup_get_id (followup);
}

static void
on_activate_schedule_cb (LgApplication *app)
{
  LgWindow *window = LG_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  LgFollowupsView *view = lg_window_get_followups_view (window);
  LgStore *store = lg_application_get_store (app);
  g_autoptr(LgLead) anna = lg_test_add_lead (store, "Anna Petrova", "warm");
  g_autoptr(LgLead) boris = lg_test_add_lead (store, "Boris Ivanov", "cold");
  g_autoptr(LgLead) won = lg_test_add_lead (store, "Closed Deal Ltd", "won");
  g_autoptr(AdwViewStackPage) page = NULL;
  g_autoptr(LgFollowup) followup = NULL;
  LgFollowupDialog *dialog;
  GtkListView *leads;
  GtkSearchEntry *search;
  gint64 won_followup;

  lg_store_notify_changed (store, LG_STORE_CHANGED_LEADS);
  lg_window_show_view (window, "followups");
  settle (view);
  g_assert_cmpuint (lg_followups_view_get_attention_count (view), ==, 0);

  /* Escape while typing in the lead search (the entry's own stop-search)
   * closes the dialog like Escape anywhere else in it, scheduling nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "followups.schedule", NULL));
  search = GTK_SEARCH_ENTRY (find_widget (GTK_WIDGET (find_dialog ()), GTK_TYPE_SEARCH_ENTRY));
  gtk_editable_set_text (GTK_EDITABLE (search), "ann");
  g_signal_emit_by_name (search, "stop-search");
  g_assert_null (find_dialog ());
  settle (view);
  g_assert_cmpuint (lg_followups_view_get_attention_count (view), ==, 0);

  /* "Schedule…" for any lead: find Anna by typing, in 1 hour. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "followups.schedule", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_signal_connect (dialog, "scheduled", G_CALLBACK (on_scheduled_cb), NULL);
  search = GTK_SEARCH_ENTRY (find_widget (GTK_WIDGET (dialog), GTK_TYPE_SEARCH_ENTRY));
  leads = GTK_LIST_VIEW (find_widget (GTK_WIDGET (dialog), GTK_TYPE_LIST_VIEW));
  lead_matches = G_LIST_MODEL (gtk_list_view_get_model (leads));
  /* Read on a worker. */
  lg_test_wait_until (all_leads_listed, NULL);
  gtk_editable_set_text (GTK_EDITABLE (search), "anna");
  lg_test_wait_until (search_applied, NULL);
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (lead_matches), 0);
  g_assert_cmpint (lg_followup_dialog_get_lead_id (dialog), ==, lg_lead_get_id (anna));
  lg_followup_dialog_set_quick (dialog, LG_FOLLOWUP_QUICK_IN_1_HOUR);
  lg_followup_dialog_set_note (dialog, "Send the pricing PDF");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.schedule", NULL));
  lg_test_wait_for_writes (store);
  g_assert_cmpint (scheduled_id, >, 0);
  g_assert_null (find_dialog ());

  /* Later today: under Today, and counted on the switcher's badge. */
  assert_under (view, scheduled_id, "Today");
  settle (view);
  g_assert_cmpuint (lg_followups_view_get_attention_count (view), ==, 1);
  page = adw_view_stack_get_page (ADW_VIEW_STACK (find_widget (GTK_WIDGET (window),
                                                               ADW_TYPE_VIEW_STACK)),
                                  GTK_WIDGET (view));
  g_object_ref (page);
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (page), ==, 1);
  g_assert_true (adw_view_stack_page_get_needs_attention (page));
  followup = lg_store_get_followup (store, scheduled_id, NULL);
  g_assert_cmpstr (lg_followup_get_note (followup), ==, "Send the pricing PDF");
  g_assert_cmpint (lg_followup_get_due_at (followup) - now_seconds (), >, 3590);
  g_assert_cmpint (lg_followup_get_due_at (followup) - now_seconds (), <=, 3600);

  /* Done from its row: it moves to Done and the next step is asked for. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "followups.done", "x",
                                             scheduled_id));
  lg_test_wait_for_writes (store);
  assert_under (view, scheduled_id, "Done");
  g_assert_cmpuint (adw_view_stack_page_get_badge_number (page), ==, 0);
  g_assert_false (adw_view_stack_page_get_needs_attention (page));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpint (lg_followup_dialog_get_lead_id (dialog), ==, lg_lead_get_id (anna));
  close_dialog ();

  /* A won lead's follow-up: done, and nothing to ask. */
  won_followup = lg_test_add_followup (store, lg_lead_get_id (won), now_seconds () + 60, "email",
                                       "Thank-you note");
  lg_store_notify_changed (store, LG_STORE_CHANGED_FOLLOWUPS);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "followups.done", "x",
                                             won_followup));
  lg_test_wait_for_writes (store);
  assert_under (view, won_followup, "Done");
  g_assert_null (find_dialog ());

  /* The toast's Undo: open again, under today (or tomorrow, a minute before
   * midnight), and the lead's timeline as before. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "followups.undo-done", "x",
                                             won_followup));
  lg_test_wait_for_writes (store);
  g_clear_object (&followup);
  followup = lg_store_get_followup (store, won_followup, NULL);
  g_assert_cmpint (lg_followup_get_done_at (followup), ==, 0);
  {
    g_autoptr(GDateTime) due = g_date_time_new_from_unix_local (lg_followup_get_due_at (followup));
    g_autoptr(GDateTime) today = g_date_time_new_now_local ();

    assert_under (view, won_followup,
                  g_date_time_get_day_of_year (due) == g_date_time_get_day_of_year (today)
                  ? "Today" : "Upcoming");
  }
  g_clear_object (&followup);

  /* Snooze from a row's menu: until tomorrow morning, under Upcoming. */
  scheduled_id = lg_test_add_followup (store, lg_lead_get_id (boris), now_seconds () - 60,
                                       "message", "");
  lg_store_notify_changed (store, LG_STORE_CHANGED_FOLLOWUPS);
  assert_under (view, scheduled_id, "Overdue");
  assert_snooze_menu (view, scheduled_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "followups.snooze", "(xs)",
                                             scheduled_id, "tomorrow"));
  lg_test_wait_for_writes (store);
  assert_under (view, scheduled_id, "Upcoming");

  g_application_quit (G_APPLICATION (app));
}

static void
test_schedule_and_complete (void)
{
  g_autofree char *db = NULL;
  g_autoptr(LgApplication) app = new_app (&db);

  g_assert_cmpint (run_app (app, db, on_activate_schedule_cb), ==, 0);
}

/* From the board: a card's menu and the lead's detail schedule follow-ups;
 * the card shows its next step at once, the Follow-ups view lists it under
 * Today; "stay in touch every 7 days" keeps one 7 days after the last touch,
 * in the morning, and "Mark contacted" restarts it. */

/* The text of a button's label, as written with its mnemonic: templates give
 * such a button a child GtkLabel rather than a label of its own. */
static const char *
button_label (GtkWidget *widget)
{
  GtkWidget *child;

  if (!GTK_IS_BUTTON (widget))
    return NULL;
  child = gtk_button_get_child (GTK_BUTTON (widget));
  return GTK_IS_LABEL (child) ? gtk_label_get_label (GTK_LABEL (child)) : NULL;
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (g_strcmp0 (button_label (root), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* gtk_widget_activate() would click only after the press animation. */
static void
click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
}

static gboolean
board_loaded (gpointer view)
{
  return !lg_pipeline_view_get_loading (view);
}

static gboolean
detail_read (gpointer detail)
{
  return !lg_lead_detail_get_busy (detail);
}

static LgLead *
warm_lead (LgPipelineView *view)
{
  GListModel *warm = lg_pipeline_view_get_column (view, LG_STAGE_WARM);
  LgLead *lead;

  g_assert_cmpuint (g_list_model_get_n_items (warm), ==, 1);
  lead = g_list_model_get_item (warm, 0);
  g_object_unref (lead); /* the column keeps it */
  return lead;
}

/* The one open stay-in-touch follow-up of the lead. */
static LgFollowup *
stay_in_touch_followup (LgStore *store,
                        gint64   lead_id)
{
  g_autoptr(GListModel) followups = lg_store_list_lead_followups (store, lead_id, NULL);
  LgFollowup *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (followups); i++)
    {
      g_autoptr(LgFollowup) followup = g_list_model_get_item (followups, i);

      if (lg_followup_get_stay_in_touch (followup) && lg_followup_get_done_at (followup) == 0)
        {
          g_assert_null (found);
          found = g_object_ref (followup);
        }
    }
  return found;
}

/* Due at 09:00 local time, `days` local days after `touch`. */
static void
assert_morning_after (gint64 due,
                      gint64 touch,
                      int    days)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_local (due);
  g_autoptr(GDateTime) from = g_date_time_new_from_unix_local (touch);
  g_autoptr(GDateTime) day = g_date_time_add_days (from, days);

  g_assert_cmpint (g_date_time_get_hour (at), ==, 9);
  g_assert_cmpint (g_date_time_get_minute (at), ==, 0);
  g_assert_cmpint (g_date_time_get_year (at), ==, g_date_time_get_year (day));
  g_assert_cmpint (g_date_time_get_day_of_year (at), ==, g_date_time_get_day_of_year (day));
}

/* The Follow-ups view reads its rows when it shows: look there, then come
 * back to the board. */
static void
assert_listed (LgWindow   *window,
               gint64      followup_id,
               const char *section)
{
  lg_window_show_view (window, "followups");
  lg_test_run_frames (50);
  assert_under (lg_window_get_followups_view (window), followup_id, section);
  lg_window_show_view (window, "pipeline");
  lg_test_run_frames (50);
}

static void
on_activate_board_cb (LgApplication *app)
{
  LgWindow *window = LG_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  LgPipelineView *board = lg_window_get_pipeline_view (window);
  LgFollowupsView *followups = lg_window_get_followups_view (window);
  LgStore *store = lg_application_get_store (app);
  g_autoptr(LgLead) dana = lg_test_add_lead (store, "Dana Kowalska", "warm");
  g_autoptr(LgFollowup) stay = NULL;
  g_autoptr(GListModel) listed = NULL;
  gint64 id = lg_lead_get_id (dana);
  LgFollowupDialog *dialog;
  GtkWidget *card, *detail, *followup_list;
  gint64 touched, in_1_hour, in_1_hour_at;

  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  lg_window_show_view (window, "pipeline");
  lg_store_notify_changed (store, LG_STORE_CHANGED_LEADS);
  lg_test_wait_until (board_loaded, board);
  lg_test_run_frames (200);
  g_assert_cmpint (lg_lead_get_next_followup_at (warm_lead (board)), ==, 0);

  /* The card's menu: "Schedule Follow-up…", in 1 hour. */
  card = find_widget (lg_test_find_named (GTK_WIDGET (board), "warm"), LG_TYPE_LEAD_CARD);
  g_assert_nonnull (card);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (lg_test_find_named (card, "due_label"))), ==,
                   "No next step");
  g_assert_true (gtk_widget_activate_action (card, "card.schedule-followup", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_cmpint (lg_followup_dialog_get_lead_id (dialog), ==, id);
  g_signal_connect (dialog, "scheduled", G_CALLBACK (on_scheduled_cb), NULL);
  scheduled_id = 0;
  lg_followup_dialog_set_quick (dialog, LG_FOLLOWUP_QUICK_IN_1_HOUR);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.schedule", NULL));
  lg_test_wait_for_writes (store);
  g_assert_cmpint (scheduled_id, >, 0);
  in_1_hour = scheduled_id;

  /* The card changed in place: no reload of the board. */
  g_assert_false (lg_pipeline_view_get_loading (board));
  in_1_hour_at = lg_lead_get_next_followup_at (warm_lead (board));
  g_assert_cmpint (in_1_hour_at, >, now_seconds () + 3500);
  lg_test_run_frames (100);
  card = find_widget (lg_test_find_named (GTK_WIDGET (board), "warm"), LG_TYPE_LEAD_CARD);
  /* "Next step in 1 hour (14:30)", or "tomorrow (00:30)" late in the day. */
  {
    g_autoptr(GDateTime) due = g_date_time_new_from_unix_local (in_1_hour_at);
    g_autofree char *clock = g_date_time_format (due, " (%H:%M)");
    const char *label = gtk_label_get_label (GTK_LABEL (lg_test_find_named (card, "due_label")));

    g_assert_true (g_str_has_prefix (label, "Next step "));
    g_assert_true (g_str_has_suffix (label, clock));
  }
  assert_listed (window, scheduled_id, "Today");
  settle (followups);
  g_assert_cmpuint (lg_followups_view_get_attention_count (followups), ==, 1);

  /* The detail lists it, with a Done button; its own button schedules another. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (board), "pipeline.open-lead", "x", id));
  detail = find_widget (GTK_WIDGET (board), LG_TYPE_LEAD_DETAIL);
  lg_test_wait_until (detail_read, detail);
  followup_list = lg_test_find_named (detail, "followup_list");
  g_assert_true (GTK_IS_BUTTON (find_widget (followup_list, GTK_TYPE_BUTTON)));
  click (find_button (detail, "_Schedule Follow-up…"));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpint (lg_followup_dialog_get_lead_id (dialog), ==, id);
  g_signal_connect (dialog, "scheduled", G_CALLBACK (on_scheduled_cb), NULL);
  lg_followup_dialog_set_quick (dialog, LG_FOLLOWUP_QUICK_NEXT_WEEK);
  lg_followup_dialog_set_note (dialog, "Ask about the second clinic");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "dialog.schedule", NULL));
  lg_test_wait_for_writes (store);
  g_assert_cmpint (scheduled_id, !=, in_1_hour);
  lg_test_wait_until (detail_read, detail);
  listed = lg_store_list_lead_followups (store, id, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (listed), ==, 2);
  assert_listed (window, scheduled_id, "Upcoming");

  /* Stay in touch every 7 days: due 7 days after the last touch (its
   * creation so far), at 09:00. The period alone does nothing; the switch
   * turns it on. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (lg_test_find_named (detail, "stay_spin")), 7);
  g_assert_null (stay_in_touch_followup (store, id));
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (lg_test_find_named (detail,
                                                                               "stay_row")),
                                         TRUE);
  lg_test_wait_for_writes (store);
  stay = stay_in_touch_followup (store, id);
  assert_morning_after (lg_followup_get_due_at (stay), lg_lead_get_created_at (dana), 7);
  g_clear_object (&stay);
  lg_test_wait_until (detail_read, detail);

  /* Mark Contacted restarts the clock from now. */
  touched = now_seconds ();
  click (find_button (detail, "Mark _Contacted"));
  lg_test_wait_for_writes (store);
  stay = stay_in_touch_followup (store, id);
  assert_morning_after (lg_followup_get_due_at (stay), touched, 7);
  g_assert_cmpint (lg_lead_get_last_touch_at (warm_lead (board)), >=, touched);
  lg_test_wait_until (detail_read, detail);

  /* Done from the detail: completed, and the next step is asked for. */
  click (find_widget (lg_test_find_named (detail, "followup_list"), GTK_TYPE_BUTTON));
  lg_test_wait_for_writes (store);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpint (lg_followup_dialog_get_lead_id (dialog), ==, id);
  close_dialog ();
  assert_listed (window, in_1_hour, "Done");

  /* The switch off: no stay-in-touch follow-up any more. */
  lg_test_wait_until (detail_read, detail);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (lg_test_find_named (detail,
                                                                               "stay_row")),
                                         FALSE);
  lg_test_wait_for_writes (store);
  g_assert_null (stay_in_touch_followup (store, id));

  g_application_quit (G_APPLICATION (app));
}

static void
test_from_board (void)
{
  g_autofree char *db = NULL;
  g_autoptr(LgApplication) app = new_app (&db);

  g_assert_cmpint (run_app (app, db, on_activate_board_cb), ==, 0);
}

/* "Keep running in the background": the window closes, the app stays. Done
 * on a notification then brings up no window: the next step is asked in a
 * notification, whose button opens the window and the dialog. */

static gboolean still_running;

static void
assert_asks_next_step (LgApplication *app)
{
  LgStore *store = lg_application_get_store (app);
  g_autoptr(LgLead) lead = lg_test_add_lead (store, "Erik Larsen", "warm");
  g_autoptr(LgFollowup) done = NULL;
  g_autoptr(GVariant) target = NULL;
  g_autofree char *id = NULL;
  gint64 followup_id;
  GVariant *next;

  followup_id = lg_test_add_followup (store, lg_lead_get_id (lead), now_seconds () - 60,
                                      "meeting", "Demo");
  g_action_group_activate_action (G_ACTION_GROUP (app), "followup-done",
                                  g_variant_new_int64 (followup_id));
  lg_test_wait_for_writes (store);
  done = lg_store_get_followup (store, followup_id, NULL);
  g_assert_cmpint (lg_followup_get_done_at (done), >, 0);
  g_assert_null (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_null (find_dialog ());

  id = g_strdup_printf ("followup-%" G_GINT64_FORMAT, followup_id);
  lg_test_wait_until (lg_test_notifications_was_sent, id);
  next = lg_test_notifications_lookup (id);
  lookup (next, "title", "Done: Erik Larsen · Meeting");
  lookup (next, "body", "What is the next step with this lead?");
  lookup (next, "default-action", "app.followup-next");
  target = g_variant_lookup_value (next, "default-action-target", G_VARIANT_TYPE_INT64);
  g_assert_cmpint (g_variant_get_int64 (target), ==, followup_id);

  g_action_group_activate_action (G_ACTION_GROUP (app), "followup-next",
                                  g_variant_new_int64 (followup_id));
  g_assert_nonnull (gtk_application_get_active_window (GTK_APPLICATION (app)));
  g_assert_nonnull (find_dialog ());
  g_assert_cmpint (lg_followup_dialog_get_lead_id (find_dialog ()), ==, lg_lead_get_id (lead));
  close_dialog ();
}

static gboolean
check_still_running_cb (gpointer user_data)
{
  GApplication *app = user_data;

  g_assert_null (gtk_application_get_active_window (GTK_APPLICATION (app)));
  still_running = TRUE;
  if (have_notifications)
    assert_asks_next_step (LG_APPLICATION (app));
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static void
on_activate_background_cb (LgApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  g_settings_set_boolean (lg_application_get_settings (app), "run-in-background", TRUE);
  gtk_window_close (window);
  g_timeout_add (200, check_still_running_cb, app);
}

static void
test_background (void)
{
  g_autofree char *db = NULL;
  g_autoptr(LgApplication) app = new_app (&db);

  still_running = FALSE;
  g_assert_cmpint (run_app (app, db, on_activate_background_cb), ==, 0);
  g_assert_true (still_running);
  g_settings_set_boolean (lg_application_get_settings (app), "run-in-background", FALSE);
}

/* Local time pinned to mid-morning, so "in 1 hour" is always today. */
static void
set_morning_time_zone (void)
{
  g_autoptr(GDateTime) utc = g_date_time_new_now_utc ();
  int offset = (10 - g_date_time_get_hour (utc) + 24) % 24;
  g_autofree char *tz = NULL;

  if (offset > 12)
    offset -= 24;
  tz = g_strdup_printf ("LGT%+d", -offset);
  g_setenv ("TZ", tz, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  set_morning_time_zone ();
  /* GLib would fall back to org.freedesktop.Notifications, which is not ours. */
  g_setenv ("GNOTIFICATION_BACKEND", "gtk", TRUE);
  g_test_init (&argc, &argv, NULL);

  if (!lg_test_init_gtk ())
    return 77;

  have_notifications = lg_test_notifications_start ();

  g_test_add_func ("/ui/followups/notifications", test_notifications);
  g_test_add_func ("/ui/followups/schedule-and-complete", test_schedule_and_complete);
  g_test_add_func ("/ui/followups/from-board", test_from_board);
  g_test_add_func ("/ui/followups/background", test_background);

  return g_test_run ();
}
