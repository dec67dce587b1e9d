/* lg-cli-sources.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sources from a terminal: add-channel, add-feed, sync, import-chat
 * (import-telegram is its old name), sources, messages.
 */

#define G_LOG_DOMAIN "lg-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "lg-channel-handle.h"
#include "lg-channel-sync.h"
#include "lg-cli.h"
#include "lg-chat-import.h"
#include "lg-feed-preset.h"
#include "lg-feed-sync.h"
#include "lg-sources.h"

/* Channels and feeds report alike. */
static void
on_progress_cb (GObject       *sync,
                gint64         source_id,
                guint          n_new,
                double         fraction,
                gpointer       user_data)
{
  g_autofree char *line = NULL;

  /* The line is rewritten in place: the carriage return stays out of the
   * translatable text. */
  if (fraction >= 0)
    line = g_strdup_printf (_("%u new messages (%.0f%%)"), n_new, fraction * 100);
  else
    line = g_strdup_printf (_("%u new messages"), n_new);
  g_printerr ("\r  %s", line);
}

static gboolean
sync_one (LgChannelSync  *sync,
          LgStore        *store,
          LgSource       *source,
          guint           depth_count)
{
  g_autoptr(GError) error = NULL;
  LgSyncDepth depth = { depth_count, 0 };
  guint n_new = 0;

  g_printerr (_("Syncing @%s…\n"), lg_source_get_handle (source));
  if (!lg_channel_sync_run (sync, store, lg_source_get_id (source), &depth, NULL, &n_new, &error))
    {
      g_printerr ("\n");
      lg_cli_fail_error (error);
      return FALSE;
    }
  g_printerr ("\n");
  g_print (_("@%s: %u new messages\n"), lg_source_get_handle (source), n_new);
  return TRUE;
}

/* A feed prints its title, which a sync may change (a forum's name). */
static gboolean
sync_feed (LgFeedSync *sync,
           LgStore    *store,
           LgSource   *source)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgSource) synced = NULL;
  guint n_new = 0;

  g_printerr (_("Syncing %s…\n"), lg_source_get_title (source));
  if (!lg_feed_sync_run (sync, store, lg_source_get_id (source), NULL, &n_new, &error))
    {
      g_printerr ("\n");
      lg_cli_fail_error (error);
      return FALSE;
    }
  g_printerr ("\n");
  synced = lg_store_get_source (store, lg_source_get_id (source), NULL);
  g_print (_("%s: %u new messages\n"),
           lg_source_get_title (synced != NULL ? synced : source), n_new);
  return TRUE;
}

int
lg_cli_add_channel (LgCli  *cli,
                    int     argc,
                    char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgChannelSync) sync = NULL;
  g_autoptr(LgSource) source = NULL;
  int depth = LG_CHANNEL_SYNC_DEFAULT_DEPTH;
  LgStore *store;
  const GOptionEntry entries[] = {
    { "depth", 0, 0, G_OPTION_ARG_INT, &depth,
      N_("Read back this many messages (default 100)"), N_("N") },
    { NULL }
  };

  if (!lg_cli_parse (&argc, &argv, "add-channel", _("NAME"),
                     N_("Add a public Telegram channel (@name, t.me/name or a post link) and "
                        "read its messages"), entries, &error))
    return lg_cli_fail_error (error);
  if (argc != 2)
    return lg_cli_fail (_("add-channel needs one channel name, e.g. @durov"));
  if (depth < 1)
    return lg_cli_fail (_("--depth must be at least 1"));

  store = lg_cli_get_store (cli, &error);
  if (store == NULL)
    return lg_cli_fail_error (error);

  sync = lg_channel_sync_new (NULL);
  g_signal_connect (sync, "progress", G_CALLBACK (on_progress_cb), NULL);
  source = lg_channel_sync_add_channel (sync, store, argv[1], &error);
  if (source == NULL)
    return lg_cli_fail_error (error);

  return sync_one (sync, store, source, depth) ? 0 : 1;
}

int
lg_cli_add_feed (LgCli  *cli,
                 int     argc,
                 char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgFeedSync) sync = NULL;
  g_autoptr(LgSource) source = NULL;
  LgStore *store;

  if (!lg_cli_parse (&argc, &argv, "add-feed", _("URL|reddit:NAME|mastodon:SERVER/TAG|…"),
                     N_("Add a feed and read it: an RSS, Atom or JSON feed's address, "
                        "reddit:NAME, reddit:NAME?WORDS, mastodon:SERVER/TAG, discourse:URL, "
                        "lemmy:SERVER/c/NAME or hn:WORDS"), NULL, &error))
    return lg_cli_fail_error (error);
  if (argc != 2)
    return lg_cli_fail (_("add-feed needs one feed, e.g. reddit:smallbusiness or "
                          "https://example.org/feed.xml"));

  store = lg_cli_get_store (cli, &error);
  if (store == NULL)
    return lg_cli_fail_error (error);

  sync = lg_feed_sync_new ();
  g_signal_connect (sync, "progress", G_CALLBACK (on_progress_cb), NULL);
  source = lg_feed_sync_add_feed (sync, store, argv[1], &error);
  if (source == NULL)
    return lg_cli_fail_error (error);

  return sync_feed (sync, store, source) ? 0 : 1;
}

/* A channel by its name, a feed as add-feed took it, or either by its
 * title. */
static LgSource *
find_syncable (LgStore     *store,
               const char  *name,
               GError     **error)
{
  g_autofree char *handle = lg_channel_handle_parse (name, NULL, NULL);
  g_auto(LgFeedTarget) target = { 0 };
  g_autoptr(GListModel) sources = NULL;
  LgSource *found = NULL;

  if (handle != NULL &&
      (found = lg_store_find_source (store, "telegram_channel", handle, NULL)) != NULL)
    return found;
  if (lg_feed_preset_parse (name, &target, NULL) &&
      (found = lg_store_find_source (store, "feed", target.url, NULL)) != NULL)
    return found;

  sources = lg_store_list_sources (store, error);
  for (guint i = 0; sources != NULL && i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(LgSource) source = g_list_model_get_item (sources, i);

      if (lg_source_can_sync (source) && g_strcmp0 (lg_source_get_title (source), name) == 0)
        return g_steal_pointer (&source);
    }
  if (sources != NULL)
    g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_NOT_FOUND,
                 _("There is no channel or feed called “%s”."), name);
  return NULL;
}

typedef struct
{
  LgChannelSync *channels;
  LgFeedSync    *feeds;
  LgStore       *store;
  guint          depth;
} SyncAll;

static gboolean
sync_source (SyncAll  *all,
             LgSource *source)
{
  if (g_strcmp0 (lg_source_get_kind (source), "feed") == 0)
    return sync_feed (all->feeds, all->store, source);
  return sync_one (all->channels, all->store, source, all->depth);
}

int
lg_cli_sync (LgCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgChannelSync) channels = NULL;
  g_autoptr(LgFeedSync) feeds = NULL;
  g_autoptr(GListModel) sources = NULL;
  gboolean all = FALSE;
  int depth = 0;
  int status = 0;
  guint n_sources = 0;
  SyncAll sync;
  LgStore *store;
  const GOptionEntry entries[] = {
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Sync every channel and feed"), NULL },
    { "depth", 0, 0, G_OPTION_ARG_INT, &depth,
      N_("Also read back until the channel has N messages"), N_("N") },
    { NULL }
  };

  if (!lg_cli_parse (&argc, &argv, "sync", _("[NAME|--all]"),
                     N_("Read what is new in one channel or feed, or in all of them"), entries,
                     &error))
    return lg_cli_fail_error (error);
  if ((all && argc != 1) || (!all && argc != 2))
    return lg_cli_fail (_("sync needs a channel or feed name, or --all"));
  if (depth < 0)
    return lg_cli_fail (_("--depth cannot be negative"));

  store = lg_cli_get_store (cli, &error);
  if (store == NULL)
    return lg_cli_fail_error (error);

  channels = lg_channel_sync_new (NULL);
  g_signal_connect (channels, "progress", G_CALLBACK (on_progress_cb), NULL);
  feeds = lg_feed_sync_new ();
  g_signal_connect (feeds, "progress", G_CALLBACK (on_progress_cb), NULL);
  sync = (SyncAll) { channels, feeds, store, depth };

  if (!all)
    {
      g_autoptr(LgSource) source = find_syncable (store, argv[1], &error);

      if (source == NULL)
        return lg_cli_fail (_("%s Add it first with “leadgram-cli add-channel” or "
                              "“leadgram-cli add-feed”."), error->message);
      return sync_source (&sync, source) ? 0 : 1;
    }

  sources = lg_store_list_sources (store, &error);
  if (sources == NULL)
    return lg_cli_fail_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(LgSource) source = g_list_model_get_item (sources, i);

      if (!lg_source_can_sync (source))
        continue;
      n_sources++;
      if (!sync_source (&sync, source))
        status = 1;
    }
  if (n_sources == 0)
    g_print (_("There are no channels or feeds to sync. Add one with “leadgram-cli add-channel” "
               "or “leadgram-cli add-feed”.\n"));
  return status;
}

static void
on_import_progress_cb (LgChatImport *importer,
                       gint64        id,
                       guint         count,
                       double        fraction,
                       gpointer      user_data)
{
  g_autofree char *line = g_strdup_printf (_("%u messages read (%.0f%%)"), count,
                                           fraction * 100);

  g_printerr ("\r  %s", line);
}

int
lg_cli_import_chat (LgCli  *cli,
                    int     argc,
                    char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgChatImport) importer = NULL;
  g_autofree char *date_order = NULL;
  LgExportStats stats = { 0 };
  LgStore *store;
  const GOptionEntry entries[] = {
    { "date-order", 0, 0, G_OPTION_ARG_STRING, &date_order,
      N_("How the export writes dates when it does not tell: dmy (31/12) or mdy (12/31)"),
      N_("dmy|mdy") },
    { NULL }
  };

  if (!lg_cli_parse (&argc, &argv, "import-chat", _("FILE"),
                     N_("Import a chat export: Telegram Desktop (result.json), WhatsApp "
                        "(.txt or .zip), DiscordChatExporter (.json, or a folder of them) or "
                        "Slack (.zip, or its folder)"),
                     entries, &error))
    return lg_cli_fail_error (error);
  if (argc != 2)
    return lg_cli_fail (_("import-chat needs the path of a chat export"));

  importer = lg_chat_import_new ();
  if (g_strcmp0 (date_order, "dmy") == 0)
    lg_chat_import_set_date_order (importer, LG_DATE_ORDER_DMY);
  else if (g_strcmp0 (date_order, "mdy") == 0)
    lg_chat_import_set_date_order (importer, LG_DATE_ORDER_MDY);
  else if (date_order != NULL)
    return lg_cli_fail (_("--date-order is dmy (day first) or mdy (month first), not “%s”"),
                        date_order);

  store = lg_cli_get_store (cli, &error);
  if (store == NULL)
    return lg_cli_fail_error (error);

  g_signal_connect (importer, "progress", G_CALLBACK (on_import_progress_cb), NULL);
  if (!lg_chat_import_run (importer, store, argv[1], NULL, &stats, &error))
    {
      g_printerr ("\n");
      if (g_error_matches (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_AMBIGUOUS_DATES))
        return lg_cli_fail (_("%s Run it again with --date-order dmy (day first) or "
                              "--date-order mdy (month first)."), error->message);
      return lg_cli_fail_error (error);
    }
  g_printerr ("\n");
  g_print (_("Read as: %s\n"), lg_chat_import_describe_kind (stats.kind));
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Imported %u chat: %u messages, %u new, %u service messages skipped\n",
                        "Imported %u chats: %u messages, %u new, %u service messages skipped\n",
                        stats.chats),
           stats.chats, stats.messages, stats.added, stats.skipped);
  return 0;
}

int
lg_cli_sources (LgCli  *cli,
                int     argc,
                char  **argv)
{
  static const LgCliColumn columns[] = {
    { 5 }, { 17 }, { 24 }, { 30 }, { -9 }, { 16 }, { 0 },
  };
  const char *header[] = {
    _("ID"), _("KIND"), _("HANDLE"), _("TITLE"), _("MESSAGES"), _("LAST SYNC"), _("ERROR"),
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) sources = NULL;
  LgStore *store;

  if (!lg_cli_parse (&argc, &argv, "sources", "", N_("List the sources"), NULL, &error))
    return lg_cli_fail_error (error);

  store = lg_cli_get_store (cli, &error);
  if (store == NULL || (sources = lg_store_list_sources (store, &error)) == NULL)
    return lg_cli_fail_error (error);

  lg_cli_print_row (columns, header, G_N_ELEMENTS (columns));
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(LgSource) source = g_list_model_get_item (sources, i);
      g_autofree char *last_sync = lg_cli_format_time (lg_source_get_last_sync (source),
                                                       _("never"));

      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, lg_source_get_id (source));
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                lg_source_get_message_count (source));
      const char *row[] = {
        id, lg_source_get_kind (source), lg_source_get_handle (source),
        lg_source_get_title (source), count, last_sync, lg_source_get_last_error (source),
      };

      lg_cli_print_row (columns, row, G_N_ELEMENTS (columns));
    }
  return 0;
}

/* A channel by its name, or an export's chat by its id or title. */
static LgSource *
find_any_source (LgStore     *store,
                 const char  *name,
                 GError     **error)
{
  g_autoptr(GListModel) sources = lg_store_list_sources (store, error);
  g_autofree char *handle = lg_channel_handle_parse (name, NULL, NULL);

  if (sources == NULL)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(LgSource) source = g_list_model_get_item (sources, i);

      if ((handle != NULL && g_ascii_strcasecmp (lg_source_get_handle (source), handle) == 0) ||
          g_strcmp0 (lg_source_get_handle (source), name) == 0 ||
          g_strcmp0 (lg_source_get_title (source), name) == 0)
        return g_steal_pointer (&source);
    }

  g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_NOT_FOUND,
               _("There is no source called “%s”; “leadgram-cli sources” lists them."), name);
  return NULL;
}

static void
print_messages_json (GListModel *messages)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (messages); i++)
    {
      g_autoptr(LgMessage) message = g_list_model_get_item (messages, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "source_id");
      json_builder_add_int_value (builder, lg_message_get_source_id (message));
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, lg_message_get_external_id (message));
      json_builder_set_member_name (builder, "sent_at");
      json_builder_add_int_value (builder, lg_message_get_sent_at (message));
      json_builder_set_member_name (builder, "author");
      json_builder_add_string_value (builder, lg_message_get_author_name (message));
      json_builder_set_member_name (builder, "author_id");
      json_builder_add_string_value (builder, lg_message_get_author_id (message));
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, lg_message_get_text (message));
      json_builder_set_member_name (builder, "link");
      json_builder_add_string_value (builder, lg_message_get_permalink (message));
      json_builder_set_member_name (builder, "views");
      json_builder_add_int_value (builder, lg_message_get_views (message));
      json_builder_set_member_name (builder, "media");
      json_builder_add_string_value (builder, lg_message_get_media_kind (message));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  lg_cli_print_json (builder);
}

int
lg_cli_messages (LgCli  *cli,
                 int     argc,
                 char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) messages = NULL;
  g_autoptr(LgSource) source = NULL;
  g_autofree char *source_name = NULL;
  gboolean json = FALSE;
  int limit = 20;
  LgStore *store;
  const GOptionEntry entries[] = {
    { "source", 0, 0, G_OPTION_ARG_STRING, &source_name, N_("Only this source"), N_("NAME") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Show at most N messages (default 20)"),
      N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  if (!lg_cli_parse (&argc, &argv, "messages", "", N_("Show the newest messages"), entries,
                     &error))
    return lg_cli_fail_error (error);
  if (limit < 1)
    return lg_cli_fail (_("--limit must be at least 1"));

  store = lg_cli_get_store (cli, &error);
  if (store == NULL)
    return lg_cli_fail_error (error);
  if (source_name != NULL && (source = find_any_source (store, source_name, &error)) == NULL)
    return lg_cli_fail_error (error);

  messages = lg_store_list_messages (store, source ? lg_source_get_id (source) : 0, limit, &error);
  if (messages == NULL)
    return lg_cli_fail_error (error);

  if (json)
    {
      print_messages_json (messages);
      return 0;
    }

  for (guint i = 0; i < g_list_model_get_n_items (messages); i++)
    {
      g_autoptr(LgMessage) message = g_list_model_get_item (messages, i);
      g_autofree char *when = lg_cli_format_time (lg_message_get_sent_at (message),
                                                  _("never"));
      g_autofree char *author = lg_cli_escape (lg_message_get_author_name (message), FALSE);
      g_autofree char *text = lg_cli_escape (lg_message_get_text (message), TRUE);
      g_autofree char *link = lg_cli_escape (lg_message_get_permalink (message), FALSE);

      g_print ("%s  %s\n%s\n%s\n\n", when, author, text, link);
    }
  return 0;
}
