/* test-team-window.c: the window on a team workspace. Starting when its
 * server cannot be reached: with a copy in the cache folder, the app opens
 * it read-only and says so above every view, with Retry; without one, the
 * error dialog says what happened (no server needed: the address's socket
 * folder does not exist). On a throw-away cluster (skipped without
 * PostgreSQL's programs): a server that goes away while the app is open,
 * and a lead handed over to a colleague from its detail.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lg-application.h"
#include "lg-lead-detail.h"
#include "lg-pipeline-view.h"
#include "lg-team-cache.h"
#include "lg-test-pg.h"
#include "lg-test-ui.h"
#include "lg-test-util.h"
#include "lg-window.h"

#define AWAY "postgresql:///leadgram?host=/nonexistent/leadgram-offline-test"

static void
on_activate_with_copy_cb (LgApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  LgStore *store = lg_application_get_store (app);
  GtkWidget *label;
  GtkWidget *retry;
  LgStoreCounts counts;
  g_autoptr(GError) error = NULL;

  /* The first activation comes while the workspace opens, on a worker: the
   * window waits for it. */
  if (window == NULL)
    {
      g_assert_null (store);
      return;
    }
  g_assert_true (LG_IS_WINDOW (window));
  g_assert_nonnull (store);
  g_assert_true (lg_store_is_read_only (store));
  g_assert_nonnull (lg_application_get_offline_since (app));
  g_assert_true (lg_store_count (store, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpint (counts.leads, ==, 1);

  lg_test_run_frames (300);
  label = lg_test_find_named (GTK_WIDGET (window), "read-only-label");
  g_assert_true (gtk_widget_get_mapped (label));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)),
                            "The team server can’t be reached — showing the copy from "));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "read-only"));
  retry = lg_test_find_named (GTK_WIDGET (window), "retry-team");
  g_assert_true (gtk_widget_get_mapped (retry));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (retry)), ==,
                   "app.retry-team");

  /* A write is refused, never lost silently. */
  g_assert_false (lg_store_move_lead (store, 1, LG_STAGE_HOT, 0, NULL, &error));
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_READ_ONLY);

  g_application_quit (G_APPLICATION (app));
}

static void
test_offline_with_copy (void)
{
  g_autofree char *path = lg_team_cache_path (AWAY);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  /* The copy an earlier start kept. */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  {
    g_autoptr(LgStore) copy = lg_store_open (path, &error);
    g_autoptr(LgLead) lead = NULL;

    g_assert_no_error (error);
    lead = lg_test_add_lead (copy, "Olga", "warm");
  }

  g_assert_cmpint (lg_test_run_app (AWAY, G_CALLBACK (on_activate_with_copy_cb)), ==, 0);
}

static void
on_activate_without_copy_cb (LgApplication *app)
{
  GtkWindow *dialog;
  const char *body;

  if (gtk_application_get_active_window (GTK_APPLICATION (app)) == NULL)
    return;
  g_assert_null (lg_application_get_store (app));
  dialog = lg_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  body = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (body, "Could not reach the team workspace’s server"));
  g_assert_nonnull (strstr (body, "no copy of the team workspace"));
  gtk_window_destroy (dialog);
  g_application_quit (G_APPLICATION (app));
}

static void
test_offline_without_copy (void)
{
  g_assert_cmpint (lg_test_run_app (AWAY "-2", G_CALLBACK (on_activate_without_copy_cb)), ==,
                   0);
}

static char *lost_address;
static gint64 lost_lead;

static gboolean
store_lost (gpointer store)
{
  return !lg_store_is_connected (store);
}

static gboolean
store_connected (gpointer store)
{
  return lg_store_is_connected (store);
}

/* The banner, once its transition is over. */
static gboolean
shown (gpointer revealer)
{
  return gtk_revealer_get_child_revealed (revealer);
}

static gboolean
hidden (gpointer revealer)
{
  return !gtk_revealer_get_reveal_child (revealer) && !gtk_revealer_get_child_revealed (revealer);
}

static gboolean
detail_idle (gpointer detail)
{
  return !lg_lead_detail_get_busy (detail);
}

typedef struct
{
  LgPipelineView *view;
  LgStage         stage;
} CardIn;

static gboolean
card_in (gpointer data)
{
  CardIn *where = data;

  return g_list_model_get_n_items (lg_pipeline_view_get_column (where->view, where->stage)) == 1;
}

static GtkWidget *lost_window;

static gboolean
has_label_part (gpointer part)
{
  return lg_test_find_label_part (lost_window, part) != NULL;
}

static void
on_activate_lost_cb (LgApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  LgStore *store = lg_application_get_store (app);
  LgPipelineView *view;
  GtkWidget *label;
  GtkRevealer *banner;
  GtkWidget *detail;
  GtkWidget *company;
  g_autoptr(LgStore) colleague = NULL;
  g_autoptr(GError) error = NULL;
  CardIn cold, hot;

  if (window == NULL)
    return;
  lost_window = GTK_WIDGET (window);
  view = lg_window_get_pipeline_view (LG_WINDOW (window));
  cold = (CardIn) { view, LG_STAGE_COLD };
  hot = (CardIn) { view, LG_STAGE_HOT };
  lg_test_wait_until (card_in, &cold);
  label = lg_test_find_named (GTK_WIDGET (window), "read-only-label");
  banner = GTK_REVEALER (gtk_widget_get_ancestor (label, GTK_TYPE_REVEALER));
  g_assert_false (gtk_revealer_get_child_revealed (banner));
  lg_window_open_lead (LG_WINDOW (window), lost_lead);
  detail = lg_test_find_type (GTK_WIDGET (view), LG_TYPE_LEAD_DETAIL);
  lg_test_wait_until (detail_idle, detail);
  company = lg_test_find_named (detail, "company_row");

  /* The server stops: the banner says so without anything asked of it. */
  lg_test_pg_stop_server ();
  lg_test_wait_until (store_lost, store);
  lg_test_wait_until (shown, banner);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)),
                            "The connection to the team server was lost at "));
  g_assert_true (gtk_widget_get_mapped (lg_test_find_named (GTK_WIDGET (window), "retry-team")));

  /* A move meanwhile is refused with a sentence; the card stays. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "pipeline.move-lead", "(xs)",
                                             lost_lead, "warm"));
  lg_test_wait_for_writes (store);
  lg_test_wait_until (has_label_part, (gpointer) "Could not reach the team workspace’s server");
  lg_test_wait_until (card_in, &cold);

  /* An edit meanwhile is refused too, and what was typed stays on screen. */
  gtk_editable_set_text (GTK_EDITABLE (company), "Acme Dental");
  g_signal_emit_by_name (company, "entry-activated");
  lg_test_wait_for_writes (store);
  lg_test_wait_until (has_label_part, (gpointer) "Check the network");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (company)), ==, "Acme Dental");

  /* A colleague moves it once the server is back: the app finds the server
   * again by itself and the board shows where the card is now. */
  lg_test_pg_start_server ();
  colleague = lg_store_open (lost_address, &error);
  g_assert_no_error (error);
  g_assert_true (lg_store_move_lead (colleague, lost_lead, LG_STAGE_HOT, 0, NULL, &error));
  g_assert_no_error (error);
  lg_test_wait_until (store_connected, store);
  lg_test_wait_until (card_in, &hot);
  lg_test_wait_until (hidden, banner);

  /* The pane read the lead again and kept the unsaved company, which the
   * user saves now. */
  lg_test_wait_until (detail_idle, detail);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (company)), ==, "Acme Dental");
  g_signal_emit_by_name (company, "entry-activated");
  lg_test_wait_for_writes (store);
  {
    g_autoptr(LgLead) saved = lg_store_get_lead (colleague, lost_lead, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (lg_lead_get_company (saved), ==, "Acme Dental");
    g_assert_cmpstr (lg_lead_get_stage (saved), ==, "hot");
  }

  g_application_quit (G_APPLICATION (app));
}

static void
test_server_lost (void)
{
  g_autoptr(GError) error = NULL;

  if (!lg_test_pg_available ())
    {
      g_test_skip ("PostgreSQL 15 is not installed (build-aux/setup.sh installs postgresql-15)");
      return;
    }
  lost_address = lg_test_pg_new_database ();
  {
    g_autoptr(LgStore) store = lg_store_open (lost_address, &error);
    g_autoptr(LgLead) lead = NULL;

    g_assert_no_error (error);
    lead = lg_test_add_lead (store, "Olga", "cold");
    lost_lead = lg_lead_get_id (lead);
  }
  g_assert_cmpint (lg_test_run_app (lost_address, G_CALLBACK (on_activate_lost_cb)), ==, 0);
  g_clear_pointer (&lost_address, g_free);
}

static gboolean
owner_row_shown (gpointer row)
{
  return gtk_widget_get_mapped (row);
}

static gboolean
handed_over (gpointer store)
{
  g_autoptr(LgLead) lead = lg_store_get_lead (store, lost_lead, NULL);

  return lead != NULL && g_strcmp0 (lg_lead_get_owner (lead), "Ivan") == 0;
}

static gboolean
timeline_says (gpointer detail)
{
  return lg_test_find_label (detail, "Handed over to Ivan") != NULL;
}

static guint
n_cards (LgPipelineView *view)
{
  guint n = 0;

  for (LgStage s = 0; s < LG_N_STAGES; s++)
    n += g_list_model_get_n_items (lg_pipeline_view_get_column (view, s));
  return n;
}

typedef struct
{
  LgPipelineView *view;
  guint           n;
} Cards;

static gboolean
board_shows (gpointer data)
{
  Cards *cards = data;

  return !lg_pipeline_view_get_loading (cards->view) && n_cards (cards->view) == cards->n;
}

/* The board's owner filter shows whose leads were asked for. */
static void
show_owner (LgPipelineView *view,
            const char     *name,
            guint           n)
{
  GtkDropDown *owners = GTK_DROP_DOWN (lg_test_find_named (GTK_WIDGET (view), "owner_dropdown"));
  GListModel *names = gtk_drop_down_get_model (owners);
  Cards cards = { view, n };

  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), name) == 0)
      {
        gtk_drop_down_set_selected (owners, i);
        lg_test_wait_until (board_shows, &cards);
        return;
      }
  g_assert_not_reached ();
}

/* Olga's lead, from its detail's "Looked after by", goes to Ivan: stored,
 * said in its timeline; the board's owner filter shows it among his. */
static void
on_activate_hand_over_cb (LgApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  LgStore *store = lg_application_get_store (app);
  LgPipelineView *view;
  GtkWidget *detail;
  AdwComboRow *owner;
  GListModel *names;
  guint ivan = G_MAXUINT;

  if (window == NULL)
    return;
  view = lg_window_get_pipeline_view (LG_WINDOW (window));
  lg_window_open_lead (LG_WINDOW (window), lost_lead);
  detail = lg_test_find_type (GTK_WIDGET (view), LG_TYPE_LEAD_DETAIL);
  owner = ADW_COMBO_ROW (lg_test_find_named (detail, "owner_row"));
  lg_test_wait_until (owner_row_shown, owner);
  lg_test_wait_until (detail_idle, detail);
  g_assert_true (gtk_widget_get_mapped (lg_test_find_named (GTK_WIDGET (view), "owner_dropdown")));
  show_owner (view, "Olga", 1);
  show_owner (view, "Nobody’s", 0);

  /* Nobody, the user (the system's name for them: they have written
   * nothing here yet), Ivan and Olga. */
  names = adw_combo_row_get_model (owner);
  g_assert_cmpuint (g_list_model_get_n_items (names), ==, 4);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 0), ==, "Nobody");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 1), ==,
                   lg_store_get_person ());
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names),
                                               adw_combo_row_get_selected (owner)), ==, "Olga");
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), "Ivan") == 0)
      ivan = i;
  g_assert_cmpuint (ivan, <, 4);
  adw_combo_row_set_selected (owner, ivan);
  lg_test_wait_for_writes (store);
  lg_test_wait_until (handed_over, store);
  lg_test_wait_until (timeline_says, detail);
  show_owner (view, "Ivan", 2);
  show_owner (view, "Olga", 0);
  show_owner (view, "Mine", 0);
  show_owner (view, "Anyone’s Leads", 2);

  g_application_quit (G_APPLICATION (app));
}

static void
test_hand_over (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;

  if (!lg_test_pg_available ())
    {
      g_test_skip ("PostgreSQL 15 is not installed (build-aux/setup.sh installs postgresql-15)");
      return;
    }
  address = lg_test_pg_new_database ();
  {
    g_autoptr(LgStore) store = lg_store_open (address, &error);
    g_autoptr(LgLead) ivans = NULL;
    g_autoptr(LgLead) olgas = NULL;

    g_assert_no_error (error);
    lg_store_set_person ("Ivan");
    ivans = lg_test_add_lead (store, "Petr", "warm");
    lg_store_set_person ("Olga");
    olgas = lg_test_add_lead (store, "Maria", "cold");
    lost_lead = lg_lead_get_id (olgas);
  }
  g_assert_cmpint (lg_test_run_app (address, G_CALLBACK (on_activate_hand_over_cb)), ==, 0);
  lg_store_set_person (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache = NULL;
  g_autofree char *display = NULL;
  GTestDBus *bus;
  int status;

  g_test_init (&argc, &argv, NULL);
  /* A session bus of the test's own, without a keyring: the app's lookup
   * finds no Secret Service, as on a desktop without one, and the user's
   * keyring is never started. */
  display = g_strdup (g_getenv ("DISPLAY"));
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  /* It unsets DISPLAY, which the window needs; the bus has no
   * accessibility bus either. */
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  g_setenv ("GTK_A11Y", "none", TRUE);
  /* The copies are looked for in a cache folder of the test's own (not
   * G_TEST_OPTION_ISOLATE_DIRS: GTK needs the system's data folders for the
   * icons' types). */
  cache = lg_test_make_tmpdir ();
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);

  if (!lg_test_init_gtk ())
    {
      g_test_dbus_stop (bus);
      return 77;
    }

  g_test_add_func ("/ui/team-window/with-copy", test_offline_with_copy);
  g_test_add_func ("/ui/team-window/without-copy", test_offline_without_copy);
  g_test_add_func ("/ui/team-window/server-lost", test_server_lost);
  g_test_add_func ("/ui/team-window/hand-over", test_hand_over);
  status = g_test_run ();

  /* GTK keeps its connection to the bus to the end, which
   * g_test_dbus_down() would wait for. */
  g_test_dbus_stop (bus);
  return status;
}
