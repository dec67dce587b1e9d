/* test-sources-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Sources view at GTK level, as a user drives it, against a SoupServer on
 * 127.0.0.1 that plays t.me: the empty state, adding a channel through the
 * dialog (refused, then synced with progress), browsing and filtering its
 * messages, a channel that does not exist, importing an export, removing a
 * source after confirming. Widgets are found by what they show (label text,
 * action name), the way a user or a screen reader finds them.
 */

#include "config.h"

#include <libsoup/soup.h>

#include "lg-channel-handle.h"
#include "lg-resources.h"
#include "lg-sources-view.h"
#include "lg-test-ui.h"
#include "lg-test-util.h"

#define PAGE      20
#define NEWEST    45
#define BASE_TIME 1700000000

static SoupServer *server;

typedef struct
{
  LgStore       *store;
  GtkWindow     *window;
  LgSourcesView *view;
} Fixture;

/* The fake t.me: clinic_news has posts 1..NEWEST; every other name is unknown. */
static void
handle_cb (SoupServer        *soup_server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  char *body;

  if (g_str_equal (path, "/s/clinic_news"))
    {
      body = lg_test_channel_page_for_query ("clinic_news", query, NEWEST, PAGE, BASE_TIME);
      soup_server_message_set_status (msg, 200, NULL);
    }
  else if (g_str_equal (path, "/www.reddit.com/r/smallbusiness/new/.rss"))
    {
      g_autofree char *fixture = g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "fixtures",
                                                   "feeds", "reddit", "ollama.xml", NULL);

      g_assert_true (g_file_get_contents (fixture, &body, NULL, NULL));
      soup_server_message_set_status (msg, 200, NULL);
    }
  else if (g_str_equal (path, "/mastodon.social/tags/busy.rss"))
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Retry-After", "600");
      body = g_strdup ("Too Many Requests");
      soup_server_message_set_status (msg, 429, NULL);
    }
  else
    {
      body = g_strdup ("<html><body>Not found</body></html>");
      soup_server_message_set_status (msg, 404, NULL);
    }
  soup_server_message_set_response (msg, "text/html; charset=utf-8", SOUP_MEMORY_TAKE, body,
                                    strlen (body));
}

/* The main loop wakes at least this often, so WAIT_UNTIL can check its
 * deadline while nothing else happens. */
static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

#define WAIT_UNTIL(condition)                                                   \
  G_STMT_START {                                                                \
    gint64 deadline_ = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;           \
    while (!(condition))                                                        \
      {                                                                         \
        if (g_get_monotonic_time () > deadline_)                                \
          g_error ("Timed out waiting for: %s", #condition);                    \
        g_main_context_iteration (NULL, TRUE);                                  \
      }                                                                         \
  } G_STMT_END

/* Finding what is on screen. */

typedef gboolean (*Match) (GtkWidget     *widget,
                           gconstpointer  data);

/* The first widget in root's mapped subtree that matches, depth first. */
static GtkWidget *
find_widget (GtkWidget     *root,
             Match          match,
             gconstpointer  data)
{
  if (root == NULL || !gtk_widget_get_mapped (root))
    return NULL;
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
label_contains (GtkWidget     *widget,
                gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL;
}

static gboolean
button_with_action (GtkWidget     *widget,
                    gconstpointer  action)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0;
}

static gboolean
label_is (GtkWidget     *widget,
          gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
button_with_label (GtkWidget     *widget,
                   gconstpointer  label)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
of_type (GtkWidget     *widget,
         gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static GtkWidget *
find_label (Fixture    *f,
            const char *text)
{
  return find_widget (GTK_WIDGET (f->view), label_contains, text);
}

static GtkWidget *
find_of_type (GtkWidget *root,
              GType      type)
{
  return find_widget (root, of_type, GSIZE_TO_POINTER (type));
}

/* The source row holding widget. */
static GtkWidget *
row_of (GtkWidget *widget)
{
  while (widget != NULL && !gtk_widget_has_css_class (widget, "source-row"))
    widget = gtk_widget_get_parent (widget);
  return widget;
}

/* The source row showing title. */
static GtkWidget *
find_row (Fixture    *f,
          const char *title)
{
  return row_of (find_label (f, title));
}

/* Where a row is in the list, from the top. */
static int
row_index (GtkWidget *row)
{
  GtkWidget *item = gtk_widget_get_parent (row);
  int index = 0;

  while ((item = gtk_widget_get_prev_sibling (item)) != NULL)
    index += gtk_widget_get_first_child (item) != NULL &&
             gtk_widget_has_css_class (gtk_widget_get_first_child (item), "source-row");
  return index;
}

/* The window of type (or with its interface) on screen, if any. */
static GtkWidget *
find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_mapped (window))
        return window;
    }
  return NULL;
}

/* The message dialog on screen, if any. */
static AdwMessageDialog *
find_dialog (void)
{
  return (AdwMessageDialog *) find_window (ADW_TYPE_MESSAGE_DIALOG);
}

/* Clicks the dialog's response button, as a user does. */
static void
click_response (AdwMessageDialog *dialog,
                const char       *label)
{
  GtkWidget *button = find_widget (GTK_WIDGET (dialog), button_with_label, label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  WAIT_UNTIL (find_dialog () == NULL);
}

/* Picks an entry of the Add Source menu (the empty state's or the list's),
 * as a user does: opens the menu and clicks the entry. */
static void
choose_to_add (Fixture    *f,
               const char *entry)
{
  GtkWidget *menu_button = find_of_type (GTK_WIDGET (f->view), GTK_TYPE_MENU_BUTTON);
  GtkWidget *label = NULL;
  GtkWidget *item;

  g_assert_nonnull (menu_button);
  g_assert_true (gtk_widget_get_mapped (menu_button));
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  WAIT_UNTIL ((label = find_widget (menu_button, label_is, entry)) != NULL);
  item = gtk_widget_get_ancestor (label, g_type_from_name ("GtkModelButton"));
  g_assert_nonnull (item);
  g_assert_true (gtk_widget_is_sensitive (item));
  g_signal_emit_by_name (item, "clicked");
}

static gint64
count (LgStore  *store,
       gboolean  messages)
{
  LgStoreCounts counts;

  g_assert_true (lg_store_count (store, &counts, NULL));
  return messages ? counts.messages : counts.sources;
}

static guint
shown_messages (Fixture *f)
{
  GtkWidget *list = find_of_type (GTK_WIDGET (f->view), GTK_TYPE_LIST_VIEW);

  g_assert_nonnull (list);
  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list))));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->store = lg_test_open_store ();
  f->view = g_object_new (LG_TYPE_SOURCES_VIEW, NULL);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 800, 700);
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));

  /* The setting is ignored: the environment points at the fake server. */
  lg_sources_view_set_store (f->view, f->store, "https://t.me");
  /* Short pauses, yet long enough to see the progress between pages. */
  lg_channel_sync_set_timing (lg_sources_view_get_channel_sync (f->view), 250, 20, 2);

  gtk_window_present (f->window);
  WAIT_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (f->view)));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (f->window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->store);
}

/* Adds a channel through the Add Source menu and its dialog. */
static void
add_channel (Fixture    *f,
             const char *input)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  choose_to_add (f, "Telegram Channel…");
  WAIT_UNTIL ((dialog = find_dialog ()) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Add Channel");

  entry = find_of_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), input);
  click_response (dialog, "_Add");
}

static void
test_empty_state (Fixture       *f,
                  gconstpointer  data)
{
  const char *actions[] = { "sources.add-channel", "sources.add-feed", "sources.import" };
  GtkWidget *menu_button = find_of_type (GTK_WIDGET (f->view), GTK_TYPE_MENU_BUTTON);
  GMenuModel *menu;
  guint found = 0;

  g_assert_nonnull (find_label (f, "No Sources Yet"));
  g_assert_nonnull (menu_button);
  g_assert_nonnull (gtk_widget_get_ancestor (menu_button, ADW_TYPE_STATUS_PAGE));
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (menu_button)), ==, "Add Source…");

  /* Its menu offers a channel, a feed and an export, each enabled. */
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button));
  for (int s = 0; s < g_menu_model_get_n_items (menu); s++)
    {
      GMenuModel *section = g_menu_model_get_item_link (menu, s, G_MENU_LINK_SECTION);

      for (int i = 0; section != NULL && i < g_menu_model_get_n_items (section); i++)
        {
          g_autofree char *action = NULL;

          g_assert_true (g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_ACTION, "s",
                                                          &action));
          g_assert_cmpstr (action, ==, actions[found]);
          found++;
        }
      g_clear_object (&section);
    }
  g_assert_cmpuint (found, ==, G_N_ELEMENTS (actions));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "sources.add-feed", NULL));
  WAIT_UNTIL (find_dialog () != NULL);
  click_response (find_dialog (), "_Cancel");

  /* Without a database there is nothing to add to. */
  lg_sources_view_set_store (f->view, NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      g_test_message ("%s", actions[i]);
      g_assert_false (gtk_widget_activate_action (GTK_WIDGET (f->view), actions[i], NULL) &&
                      find_dialog () != NULL);
    }
}

/* Before the file chooser, which cannot say it, a dialog says how to export
 * from Telegram Desktop and WhatsApp, and where Telegram's export is. */
static void
test_import_help (Fixture       *f,
                  gconstpointer  data)
{
  AdwMessageDialog *dialog;
  const char *body;

  choose_to_add (f, "Import Chat Export…");
  WAIT_UNTIL ((dialog = find_dialog ()) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Import a Chat Export");
  body = adw_message_dialog_get_body (dialog);
  g_assert_nonnull (strstr (body, "Settings → Advanced → Export Telegram data"));
  g_assert_nonnull (strstr (body, "“Machine-readable JSON”"));
  g_assert_nonnull (strstr (body, "/Telegram Desktop, in a folder named ChatExport_"));
  g_assert_nonnull (strstr (body, "result.json"));
  g_assert_nonnull (strstr (body, "In WhatsApp, open the chat, then its menu → More → "
                                  "Export chat"));
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), button_with_label, "_Choose File…"));
  g_assert_nonnull (strstr (body, "once unzipped, choose its folder"));
  click_response (dialog, "_Cancel");
}

/* The file chooser on screen (GtkFileChooserNative's own dialog where there
 * is no portal), if any. */
static GtkFileChooser *
find_file_chooser (void)
{
  return (GtkFileChooser *) find_window (GTK_TYPE_FILE_CHOOSER);
}

/* An unzipped Slack export is a folder: the dialog offers a chooser of
 * folders beside the chooser of files. */
static void
test_import_choose_folder (Fixture       *f,
                           gconstpointer  data)
{
  AdwMessageDialog *dialog;
  GtkFileChooser *chooser;

  choose_to_add (f, "Import Chat Export…");
  WAIT_UNTIL ((dialog = find_dialog ()) != NULL);
  click_response (dialog, "Choose F_older…");
  WAIT_UNTIL ((chooser = find_file_chooser ()) != NULL);
  g_assert_cmpint (gtk_file_chooser_get_action (chooser), ==,
                   GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (chooser)), ==,
                   "Choose a Chat Export Folder");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  WAIT_UNTIL (find_file_chooser () == NULL);
  g_assert_cmpint (count (f->store, FALSE), ==, 0);
}

static void
test_add_channel (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) expected = NULL;
  g_autofree char *refused = lg_channel_handle_parse ("ab", NULL, &expected);
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  GtkWidget *hint;
  GtkWidget *add;
  gboolean saw_progress = FALSE;
  gboolean saw_counting = FALSE;

  g_assert_null (refused);
  choose_to_add (f, "Telegram Channel…");
  WAIT_UNTIL ((dialog = find_dialog ()) != NULL);
  entry = find_of_type (GTK_WIDGET (dialog), GTK_TYPE_ENTRY);
  add = find_widget (GTK_WIDGET (dialog), button_with_label, "_Add");
  g_assert_false (gtk_widget_is_sensitive (add));

  /* Too short: refused with the reason, and Enter does not add it. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "ab");
  hint = find_widget (GTK_WIDGET (dialog), label_contains, expected->message);
  g_assert_nonnull (hint);
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_false (gtk_widget_is_sensitive (add));
  gtk_widget_activate (entry);
  g_assert_true (find_dialog () == dialog);
  g_assert_cmpint (count (f->store, FALSE), ==, 0);

  /* A link to the channel is a valid name. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "https://t.me/clinic_news");
  g_assert_false (gtk_widget_get_mapped (hint));
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  click_response (dialog, "_Add");

  /* The row appears at once and syncs with its progress, page by page. */
  g_assert_cmpint (count (f->store, FALSE), ==, 1);
  WAIT_UNTIL (find_label (f, "@clinic_news · ") != NULL);
  /* The empty state fades out. */
  WAIT_UNTIL (find_label (f, "No Sources Yet") == NULL);
  while (find_label (f, "@clinic_news · 45 messages") == NULL)
    {
      GtkWidget *syncing = find_label (f, "Syncing…");
      GtkWidget *bar = find_of_type (GTK_WIDGET (f->view), GTK_TYPE_PROGRESS_BAR);

      if (syncing != NULL)
        {
          const char *text = gtk_label_get_text (GTK_LABEL (syncing));

          g_assert_nonnull (bar);
          /* A page of 20 stored, out of the 100 the dialog asked for. */
          saw_counting |= strstr (text, " 20 new") != NULL || strstr (text, " 40 new") != NULL;
          saw_progress |= gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)) >= 0.2 &&
                          gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (bar)) <= 0.4;
        }
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_true (saw_counting);
  g_assert_true (saw_progress);

  /* Done: the page's title, the count, no progress left. */
  g_assert_nonnull (find_label (f, "Channel clinic_news"));
  g_assert_null (find_label (f, "Syncing…"));
  g_assert_null (find_of_type (GTK_WIDGET (f->view), GTK_TYPE_PROGRESS_BAR));
  g_assert_cmpint (count (f->store, TRUE), ==, NEWEST);
  /* A channel to sync: Sync All works now. */
  g_assert_true (gtk_widget_get_sensitive (find_widget (GTK_WIDGET (f->view), button_with_action,
                                                       "sources.sync-all")));
}

static void
test_browse_messages (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *row;
  GtkWidget *filter;

  add_channel (f, "@clinic_news");
  WAIT_UNTIL (find_label (f, "@clinic_news · 45 messages") != NULL);

  row = find_row (f, "Channel clinic_news");
  g_assert_nonnull (row);
  /* The list's own item, which the row sits in, is what a click activates. */
  gtk_widget_activate (gtk_widget_get_parent (row));

  /* The newest first, each with its link. */
  WAIT_UNTIL (find_label (f, "Post 45: looking for a CRM") != NULL);
  WAIT_UNTIL (find_row (f, "Channel clinic_news") == NULL);
  g_assert_cmpuint (shown_messages (f), ==, NEWEST);
  g_assert_nonnull (find_label (f, "https://t.me/clinic_news/45"));
  g_assert_nonnull (find_label (f, "(https://example.com/45)"));

  filter = find_of_type (GTK_WIDGET (f->view), GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (filter);
  gtk_editable_set_text (GTK_EDITABLE (filter), "POST 4");
  /* Post 4 and Posts 40 to 45. */
  WAIT_UNTIL (shown_messages (f) == 7);
  g_assert_nonnull (find_label (f, "Post 40:"));
  g_assert_null (find_label (f, "Post 39:"));

  gtk_editable_set_text (GTK_EDITABLE (filter), "no such words");
  WAIT_UNTIL (shown_messages (f) == 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "sources.back", NULL));
  WAIT_UNTIL (find_row (f, "Channel clinic_news") != NULL);
}

static void
test_missing_channel (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *error;
  GtkWidget *row;

  add_channel (f, "@missing_channel");
  WAIT_UNTIL ((error = find_label (f, "There is no Telegram channel called @missing_channel"))
              != NULL);
  g_assert_true (gtk_widget_has_css_class (error, "source-error"));

  /* On the channel's own row, which keeps its (empty) count. */
  row = row_of (error);
  g_assert_nonnull (find_widget (row, label_contains, "@missing_channel · 0 messages"));
  g_assert_null (find_label (f, "Syncing…"));
}

static void
import_account (Fixture *f)
{
  g_autofree char *path = g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "fixtures",
                                            "telegram-export", "account.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  lg_sources_view_import_file (f->view, file);
  WAIT_UNTIL (find_label (f, "Old Startup Chat") != NULL);
}

static void
test_import_export (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *row;

  import_account (f);

  g_assert_nonnull (find_label (f, "Sam's notes"));
  row = find_row (f, "Marketing Pros");
  g_assert_nonnull (row);
  g_assert_nonnull (find_widget (row, label_contains, "Telegram chat export · 2 messages"));
  /* An export has nothing to sync, and with only exports neither has Sync All. */
  g_assert_null (find_widget (row, button_with_action, "sources.sync"));
  g_assert_false (gtk_widget_get_sensitive (find_widget (GTK_WIDGET (f->view), button_with_action,
                                                        "sources.sync-all")));
  g_assert_cmpint (count (f->store, FALSE), ==, 3);
  g_assert_cmpint (count (f->store, TRUE), ==, 4);
}

/* A source that takes a new name moves to its place in the order, and the
 * rows stay the rows they were, each now showing the source at its place
 * (made again, 200 rows cost frames while Sync All runs); their buttons act
 * on the source they show. */
static void
test_renamed_in_place (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(LgSource) source = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *first;
  GtkWidget *row;
  GtkWidget *remove;

  import_account (f);
  first = find_row (f, "Marketing Pros");
  g_assert_cmpint (row_index (first), ==, 0);
  g_object_ref (first);

  source = lg_store_find_source (f->store, "telegram_export", "1700000009", &error);
  g_assert_no_error (error);
  g_assert_nonnull (source);
  lg_source_set_title (source, "Aardvark Founders");
  g_assert_true (lg_store_update_source (f->store, source, &error));
  lg_store_notify_changed (f->store, LG_STORE_CHANGED_SOURCES);

  /* The sources are read again on a worker. */
  WAIT_UNTIL (find_row (f, "Aardvark Founders") != NULL);
  row = find_row (f, "Aardvark Founders");
  g_assert_true (row == first);
  g_assert_cmpint (row_index (find_row (f, "Marketing Pros")), ==, 1);
  remove = find_widget (row, button_with_action, "sources.remove");
  g_assert_cmpint (g_variant_get_int64 (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (remove))),
                   ==, lg_source_get_id (source));
  g_object_unref (first);
}

/* A WhatsApp export whose dates read either way: the view asks, imports
 * nothing until told, then reads the file as told. */
static void
test_import_whatsapp_date_order (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "fixtures",
                                            "whatsapp", "team", "ambiguous.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GDateTime) april_3 = g_date_time_new_local (2024, 4, 3, 10, 0, 0);
  AdwMessageDialog *dialog;
  g_autofree char *sql = NULL;

  lg_sources_view_import_file (f->view, file);
  WAIT_UNTIL ((dialog = find_dialog ()) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Day or Month First?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "day first or month first"));
  g_assert_cmpint (count (f->store, TRUE), ==, 0);

  click_response (dialog, "_Day/Month (31/12)");
  WAIT_UNTIL (find_row (f, "WhatsApp: ambiguous") != NULL);
  g_assert_nonnull (find_widget (find_row (f, "WhatsApp: ambiguous"), label_contains,
                                 "WhatsApp chat export · 2 messages"));
  sql = g_strdup_printf ("SELECT count(*) FROM messages WHERE sent_at = %" G_GINT64_FORMAT,
                         g_date_time_to_unix (april_3));
  g_assert_cmpint (lg_test_query_int (f->store, sql), ==, 1);
}

/* The channels.json of an unzipped Slack export, as the file chooser gives
 * it: the whole export is imported, each conversation a source. */
static void
test_import_slack_file_of_folder (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "fixtures", "slack",
                                            "project",
                                            "Acme Dental Slack export Jan 15 2024 - Jan 16 2024",
                                            "channels.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWidget *row;

  lg_sources_view_import_file (f->view, file);
  WAIT_UNTIL ((row = find_row (f, "#general on Acme Dental")) != NULL);
  g_assert_nonnull (find_widget (row, label_contains, "Slack channel export · 4 messages"));
  g_assert_nonnull (find_row (f, "Marta Kowalska, Jon"));
  g_assert_cmpint (count (f->store, FALSE), ==, 2);
  g_assert_cmpint (count (f->store, TRUE), ==, 5);
}

static void
test_remove_source (Fixture       *f,
                    gconstpointer  data)
{
  AdwMessageDialog *dialog;
  GtkWidget *remove;

  import_account (f);
  remove = find_widget (find_row (f, "Marketing Pros"), button_with_action, "sources.remove");
  g_assert_nonnull (remove);

  /* Cancel keeps it. */
  g_signal_emit_by_name (remove, "clicked");
  WAIT_UNTIL ((dialog = find_dialog ()) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Remove “Marketing Pros”?");
  click_response (dialog, "_Cancel");
  g_assert_cmpint (count (f->store, FALSE), ==, 3);
  g_assert_nonnull (find_row (f, "Marketing Pros"));

  /* Remove takes the source and its two messages, on a worker: the row
   * says so meanwhile, and cannot be removed twice. */
  g_signal_emit_by_name (remove, "clicked");
  WAIT_UNTIL ((dialog = find_dialog ()) != NULL);
  click_response (dialog, "_Remove");
  g_assert_nonnull (find_widget (find_row (f, "Marketing Pros"), label_contains, "Removing…"));
  g_assert_false (gtk_widget_get_sensitive (remove));
  WAIT_UNTIL (find_row (f, "Marketing Pros") == NULL);
  g_assert_nonnull (find_row (f, "Old Startup Chat"));
  g_assert_cmpint (count (f->store, FALSE), ==, 2);
  g_assert_cmpint (count (f->store, TRUE), ==, 2);
}

/* Fills the Add Feed dialog: a kind from its drop-down, then the words. */
static AdwMessageDialog *
open_add_feed (Fixture *f)
{
  AdwMessageDialog *dialog;

  choose_to_add (f, "Feed…");
  WAIT_UNTIL ((dialog = find_dialog ()) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Add Feed");
  return dialog;
}

static void
test_add_feed (Fixture       *f,
               gconstpointer  data)
{
  AdwMessageDialog *dialog = open_add_feed (f);
  GtkWidget *kind = lg_test_find_named (GTK_WIDGET (dialog), "feed-kind");
  GtkWidget *entry = lg_test_find_named (GTK_WIDGET (dialog), "feed-input");
  GtkWidget *hint = lg_test_find_named (GTK_WIDGET (dialog), "feed-hint");
  GtkWidget *add = find_widget (GTK_WIDGET (dialog), button_with_label, "_Add");
  GtkWidget *row;

  /* Reddit first, with what to type for it. */
  g_assert_cmpstr (gtk_string_object_get_string (gtk_drop_down_get_selected_item (
                     GTK_DROP_DOWN (kind))), ==, "Reddit");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (hint)), "subreddit’s name"));
  g_assert_false (gtk_widget_is_sensitive (add));

  /* Each kind has its own hint. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (kind), 1);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (hint)), "#freelance@mastodon.social"));
  g_assert_cmpstr (gtk_entry_get_placeholder_text (GTK_ENTRY (entry)), ==,
                   "mastodon.social/freelance");

  /* What cannot make a feed says why, and cannot be added. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "freelance");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (hint)),
                            "does not name a server and a tag"));
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_false (gtk_widget_is_sensitive (add));
  gtk_widget_activate (entry);
  g_assert_true (find_dialog () == dialog);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (kind), 0);
  gtk_editable_set_text (GTK_EDITABLE (entry), "r/smallbusiness");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  click_response (dialog, "_Add");

  /* Its row says where it is from, syncs off the main thread, and counts. */
  WAIT_UNTIL (find_label (f, "Feed from 127.0.0.1 · 25 messages") != NULL);
  row = find_row (f, "r/smallbusiness");
  g_assert_nonnull (row);
  g_assert_nonnull (find_widget (row, button_with_action, "sources.sync"));
  g_assert_cmpint (count (f->store, TRUE), ==, 25);
}

static void
test_feed_backing_off (Fixture       *f,
                       gconstpointer  data)
{
  AdwMessageDialog *dialog = open_add_feed (f);
  GtkWidget *label;

  gtk_drop_down_set_selected (GTK_DROP_DOWN (lg_test_find_named (GTK_WIDGET (dialog),
                                                                 "feed-kind")), 1);
  gtk_editable_set_text (GTK_EDITABLE (lg_test_find_named (GTK_WIDGET (dialog), "feed-input")),
                         "#busy@mastodon.social");
  click_response (dialog, "_Add");

  /* The server asked to wait ten minutes: the row says until when, and why. */
  WAIT_UNTIL ((label = find_label (f, "Waiting until ")) != NULL);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)),
                            "asked Leadgram to slow down."));
  g_assert_true (gtk_widget_has_css_class (label, "source-error"));
  g_assert_nonnull (find_row (f, "#busy on mastodon.social"));
  g_assert_cmpint (count (f->store, TRUE), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autofree char *base_url = NULL;
  int status;

  /* The strings looked for are the untranslated ones. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  /* Before any thread: setenv is not thread-safe. */
  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, NULL, handle_cb, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base_url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_setenv ("LEADGRAM_TELEGRAM_BASE_URL", base_url, TRUE);
  g_setenv ("LEADGRAM_FEED_BASE_URL", base_url, TRUE);

  if (!lg_test_init_gtk ())
    return 77;
  adw_init ();
  lg_register_resource ();
  g_timeout_add (20, tick_cb, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/ui/sources-view/empty-state", test_empty_state);
  ADD ("/ui/sources-view/add-channel", test_add_channel);
  ADD ("/ui/sources-view/add-feed", test_add_feed);
  ADD ("/ui/sources-view/feed-backing-off", test_feed_backing_off);
  ADD ("/ui/sources-view/import-help", test_import_help);
  ADD ("/ui/sources-view/import-choose-folder", test_import_choose_folder);
  ADD ("/ui/sources-view/browse-messages", test_browse_messages);
  ADD ("/ui/sources-view/missing-channel", test_missing_channel);
  ADD ("/ui/sources-view/import-export", test_import_export);
  ADD ("/ui/sources-view/renamed-in-place", test_renamed_in_place);
  ADD ("/ui/sources-view/import-whatsapp-date-order", test_import_whatsapp_date_order);
  ADD ("/ui/sources-view/import-slack-file-of-folder", test_import_slack_file_of_folder);
  ADD ("/ui/sources-view/remove-source", test_remove_source);
#undef ADD

  status = g_test_run ();
  soup_server_disconnect (server);
  g_clear_object (&server);
  return status;
}
