/* test-reach-out.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Reach Out composer under Xvfb: the draft in the lead's language from
 * their words, Copy puts it on the clipboard and asks "Sent?", Mark as Sent
 * logs the touch with the text and warms a Cold lead, Add Follow-up
 * schedules one 2 days ahead; and the Follow-ups view's Not Contacted.
 */

#include "config.h"

#include "lg-followups-view.h"
#include "lg-reach-out-dialog.h"
#include "lg-resources.h"
#include "lg-test-ui.h"
#include "lg-test-util.h"

typedef struct
{
  LgStore *store;
  gint64   lead_id;
} Fixture;

static gint64
add_found_lead (LgStore    *store,
                const char *channel,
                const char *name,
                const char *text,
                int         score)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgSource) source = lg_test_add_source (store, channel);
  g_autoptr(LgMessage) message = lg_message_new ();
  g_autoptr(LgLead) lead = lg_lead_new ();
  g_autofree char *external = g_strdup_printf ("%d", score);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  lg_message_set_source_id (message, lg_source_get_id (source));
  lg_message_set_external_id (message, external);
  lg_message_set_author_name (message, name);
  lg_message_set_sent_at (message, now - 7200);
  lg_message_set_text (message, text);
  g_assert_true (lg_store_add_message (store, message, NULL, &error));
  g_assert_no_error (error);

  lg_lead_set_name (lead, name);
  lg_lead_set_telegram_handle (lead, "leo_martins");
  lg_lead_set_stage (lead, "cold");
  lg_lead_set_score (lead, score);
  lg_lead_set_source_id (lead, lg_source_get_id (source));
  lg_lead_set_message_id (lead, lg_message_get_id (message));
  lg_lead_set_found_at (lead, now - 3 * 3600);
  lg_lead_set_message_at (lead, now - 7200);
  g_assert_true (lg_store_add_lead (store, lead, &error));
  g_assert_no_error (error);
  return lg_lead_get_id (lead);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->store = lg_test_open_store ();
  fixture->lead_id = add_found_lead (fixture->store, "dental_owners", "Leo Martins",
                                     "New here. We need a CRM that sends reminders via WhatsApp.",
                                     90);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
}

static char *
buffer_text (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
has_draft (gpointer data)
{
  g_autofree char *text = buffer_text (data);

  return *text != '\0';
}

static void
on_clipboard_read_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      data)
{
  char **text = data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static gboolean
is_set (gpointer data)
{
  return *(char **) data != NULL;
}

static void
test_compose_and_log (Fixture       *fixture,
                      gconstpointer  data)
{
  LgReachOutDialog *dialog = lg_reach_out_dialog_new (NULL, fixture->store, fixture->lead_id);
  GtkWidget *root = GTK_WIDGET (dialog);
  GtkWidget *draft = lg_test_find_named (root, "draft");
  GtkWidget *revealer = lg_test_find_named (root, "sent-revealer");
  g_autofree char *text = NULL;
  g_autofree char *clipboard = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *where = NULL;
  g_autoptr(GListModel) leads = NULL;
  g_autoptr(GError) error = NULL;

  gtk_window_present (GTK_WINDOW (dialog));
  lg_test_wait_until (has_draft, draft);

  text = buffer_text (draft);
  g_assert_cmpstr (text, ==, "Hi Leo, you asked in dental_owners about a CRM that sends reminders "
                             "via WhatsApp. Would you like me to show you how it could work for "
                             "you?");
  g_object_get (lg_test_find_named (root, "where"), "label", &where, NULL);
  g_assert_nonnull (strstr (where, "@leo_martins"));
  g_assert_true (gtk_widget_get_sensitive (lg_test_find_named (root, "open-chat-button")));

  /* Russian on request. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (lg_test_find_named (root, "language")), 1);
  g_clear_pointer (&text, g_free);
  text = buffer_text (draft);
  g_assert_true (g_str_has_prefix (text, "Здравствуйте, Leo! Вы писали в dental_owners"));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (lg_test_find_named (root, "language")), 0);

  /* Copy: the draft on the clipboard, and the question. */
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  lg_test_click_named (root, "copy-button");
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (root), NULL, on_clipboard_read_cb,
                                 &clipboard);
  lg_test_wait_until (is_set, &clipboard);
  g_clear_pointer (&text, g_free);
  text = buffer_text (draft);
  g_assert_cmpstr (clipboard, ==, text);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));

  /* Mark as Sent: the touch with its text, and Cold → Warm (the default). */
  g_assert_cmpint (lg_test_query_int (fixture->store, "SELECT first_touch_at FROM leads"), ==, 0);
  lg_test_click_named (root, "mark-sent-button");
  lg_test_wait_for_writes (fixture->store);
  g_assert_cmpint (lg_test_query_int (fixture->store, "SELECT first_touch_at > 0 FROM leads"), ==,
                   1);
  g_assert_cmpint (lg_test_query_int (fixture->store, "SELECT count(*) FROM leads "
                                                      "WHERE stage = 'warm'"), ==, 1);
  g_assert_cmpint (lg_test_query_int (fixture->store, "SELECT count(*) FROM activities "
                                                      "WHERE kind = 'touch' AND detail LIKE "
                                                      "'Hi Leo, you asked%'"), ==, 1);
  g_object_get (lg_test_find_named (root, "sent-label"), "label", &detail, NULL);
  g_assert_true (g_str_has_prefix (detail, "Logged, and moved to Warm. Follow up "));

  /* Contacted now: not in Not Contacted any more. */
  leads = lg_store_list_uncontacted_leads (fixture->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (leads), ==, 0);

  /* The same button now adds the follow-up, 2 days ahead in the morning. */
  lg_test_click_named (root, "mark-sent-button");
  lg_test_wait_for_writes (fixture->store);
  g_assert_cmpint (lg_test_query_int (fixture->store, "SELECT count(*) FROM followups "
                                                      "WHERE done_at = 0 AND due_at > "
                                                      "strftime('%s','now') + 86400"), ==, 1);
}

static gboolean
has_header (gpointer data)
{
  return lg_test_find_label (data, "Not Contacted") != NULL;
}

static void
test_not_contacted (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) leads = NULL;
  g_autoptr(LgLead) first = NULL;
  g_autoptr(LgLead) second = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = g_object_new (LG_TYPE_FOLLOWUPS_VIEW, NULL);
  g_autoptr(LgLead) hand = lg_test_add_lead (fixture->store, "By Hand", "cold");

  add_found_lead (fixture->store, "cafe_founders", "Mia Kern", "Looking for a booking tool.", 95);

  /* Found leads only, the best score first; a lead made by hand is not waiting. */
  leads = lg_store_list_uncontacted_leads (fixture->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (leads), ==, 2);
  first = g_list_model_get_item (leads, 0);
  second = g_list_model_get_item (leads, 1);
  g_assert_cmpstr (lg_lead_get_name (first), ==, "Mia Kern");
  g_assert_cmpstr (lg_lead_get_name (second), ==, "Leo Martins");

  lg_followups_view_set_store (LG_FOLLOWUPS_VIEW (view), fixture->store);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_window_present (GTK_WINDOW (window));
  lg_followups_view_refresh (LG_FOLLOWUPS_VIEW (view));
  lg_test_wait_until (has_header, view);
  g_assert_nonnull (lg_test_find_label (view, "Mia Kern · score 95"));
  {
    /* Three hours back from the small hours is yesterday: relative times
     * count calendar days past midnight. */
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) found = g_date_time_add_hours (now, -3);

    g_assert_nonnull (lg_test_find_label (view, g_date_time_get_day_of_year (now) ==
                                                g_date_time_get_day_of_year (found)
                                                ? "Found 3 hours ago — not contacted"
                                                : "Found yesterday — not contacted"));
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  if (!lg_test_init_gtk ())
    return 77;
  adw_init ();
  lg_register_resource ();

  g_test_add ("/ui/reach-out/compose-and-log", Fixture, NULL, fixture_set_up,
              test_compose_and_log, fixture_tear_down);
  g_test_add ("/ui/reach-out/not-contacted", Fixture, NULL, fixture_set_up, test_not_contacted,
              fixture_tear_down);

  return g_test_run ();
}
