/* lg-discord-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DiscordChatExporter's JSON: {"guild": {...}, "channel": {...}, "dateRange":
 * ..., "exportedAt": ..., "messages": [...], "messageCount": N}, guild and
 * channel first. A busy channel's file runs to hundreds of megabytes, so it
 * is streamed (lg-json-scan.c): each message is parsed alone.
 */

#define G_LOG_DOMAIN "lg-discord-export"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-discord-export.h"
#include "lg-json-scan.h"
#include "lg-sources.h"

/* DiscordChatExporter puts direct messages and groups in a guild of this id
 * ("Direct Messages"); Discord's own links name it "@me". */
#define DIRECT_MESSAGES_GUILD "0"

typedef struct
{
  LgJsonScan       json; /* first: the scanner's callbacks get it */
  LgExportJob     *job;
  char            *guild_id;
  char            *guild_name;
  char            *channel_id;
  char            *channel_name;
  gint64           source; /* staged, once the messages begin */
} Reader;

static void
reader_clear (Reader *reader)
{
  g_clear_pointer (&reader->guild_id, g_free);
  g_clear_pointer (&reader->guild_name, g_free);
  g_clear_pointer (&reader->channel_id, g_free);
  g_clear_pointer (&reader->channel_name, g_free);
  lg_json_scan_clear (&reader->json);
}

/* Discord's ids are numbers, written as text; older exports and other tools
 * may write them as numbers. */
static char *
read_id (JsonNode *node)
{
  const char *text;

  if (lg_json_node_is_integer (node))
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (!lg_json_node_is_string (node))
    return NULL;
  text = json_node_get_string (node);
  return *text != '\0' ? g_strdup (text) : NULL;
}

static gboolean
is_digits (const char *text)
{
  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* "guild" and "channel": small objects, parsed whole. */
static gboolean
read_place (Reader       *reader,
            char        **id,
            char        **name,
            GError      **error)
{
  g_autoptr(JsonNode) node = NULL;
  gsize start;
  JsonObject *object;

  lg_json_scan_skip_space (&reader->json);
  start = reader->json.pos;
  node = lg_json_scan_parse_value (&reader->json, error);
  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      reader->json.pos = start;
      return lg_json_scan_fail (&reader->json, error,
                                _("the guild or the channel is not an object"));
    }
  object = json_node_get_object (node);
  g_free (*id);
  *id = read_id (json_object_get_member (object, "id"));
  g_free (*name);
  *name = g_strdup (lg_json_member_string (object, "name"));
  return TRUE;
}

static gboolean
ensure_source (Reader  *reader,
               GError **error)
{
  g_autofree char *handle = NULL;
  g_autofree char *title = NULL;
  const char *channel_name;

  if (reader->source != 0)
    return TRUE;
  if (reader->channel_id == NULL)
    return lg_json_scan_fail (&reader->json, error,
                              _("the messages come before the channel they belong to"));

  handle = g_strdup_printf ("%s/%s", reader->guild_id ? reader->guild_id : DIRECT_MESSAGES_GUILD,
                            reader->channel_id);
  channel_name = reader->channel_name ? reader->channel_name : reader->channel_id;
  if (reader->guild_id == NULL || g_str_equal (reader->guild_id, DIRECT_MESSAGES_GUILD))
    title = g_strdup (channel_name);
  else
    /* TRANSLATORS: a chat channel's source title: "#general on Server". */
    title = g_strdup_printf (_("#%s on %s"), channel_name,
                             reader->guild_name ? reader->guild_name : reader->guild_id);

  reader->source = lg_export_job_add_chat (reader->job, "discord_export", handle, title, error);
  return reader->source != 0;
}

/* What Discord writes for joins, pins, calls and the like (DiscordChatExporter
 * names them after its MessageKind): not something a person said. */
static gboolean
is_system_type (const char *type)
{
  static const char *system[] = {
    "RecipientAdd", "RecipientRemove", "Call", "ChannelNameChange", "ChannelIconChange",
    "ChannelPinnedMessage", "GuildMemberJoin", "ThreadCreated",
  };

  for (guint i = 0; i < G_N_ELEMENTS (system); i++)
    if (g_strcmp0 (type, system[i]) == 0)
      return TRUE;
  return FALSE;
}

static const char *
media_kind_of_file (const char *file_name)
{
  static const struct { const char *extension; const char *kind; } kinds[] = {
    { ".png", "photo" }, { ".jpg", "photo" }, { ".jpeg", "photo" }, { ".gif", "photo" },
    { ".webp", "photo" }, { ".mp4", "video" }, { ".mov", "video" }, { ".webm", "video" },
    { ".mp3", "audio" }, { ".ogg", "audio" }, { ".wav", "audio" }, { ".m4a", "audio" },
    { ".flac", "audio" },
  };
  g_autofree char *lower = g_ascii_strdown (file_name, -1);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_has_suffix (lower, kinds[i].extension))
      return kinds[i].kind;
  return "document";
}

static const char *
read_media_kind (JsonObject *object)
{
  JsonArray *attachments = lg_json_member_array (object, "attachments");
  JsonArray *stickers = lg_json_member_array (object, "stickers");

  if (attachments != NULL && json_array_get_length (attachments) > 0)
    {
      JsonNode *first = json_array_get_element (attachments, 0);
      const char *file_name = JSON_NODE_HOLDS_OBJECT (first)
        ? lg_json_member_string (json_node_get_object (first), "fileName") : NULL;

      return file_name != NULL ? media_kind_of_file (file_name) : "document";
    }
  if (stickers != NULL && json_array_get_length (stickers) > 0)
    return "sticker";
  return NULL;
}

static gboolean
read_time (JsonObject *object,
           gint64     *sent_at)
{
  const char *timestamp = lg_json_member_string (object, "timestamp");
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = NULL;

  if (timestamp == NULL)
    return FALSE;
  /* The exporter writes an offset; a time without one is UTC. */
  time = g_date_time_new_from_iso8601 (timestamp, utc);
  if (time == NULL)
    return FALSE;
  *sent_at = g_date_time_to_unix (time);
  return TRUE;
}

static LgMessage *
read_message (Reader      *reader,
              JsonObject  *object,
              const char  *id,
              gint64       sent_at)
{
  g_autoptr(LgMessage) message = lg_message_new ();
  JsonObject *author = lg_json_member_object (object, "author");
  JsonObject *reference = lg_json_member_object (object, "reference");
  const char *content = lg_json_member_string (object, "content");
  const char *name = lg_json_member_string (author, "name");
  const char *nickname = lg_json_member_string (author, "nickname");
  JsonNode *edited = json_object_get_member (object, "timestampEdited");
  g_autofree char *author_id = read_id (author ? json_object_get_member (author, "id") : NULL);
  g_autofree char *reply_to = read_id (reference ? json_object_get_member (reference, "messageId")
                                                 : NULL);

  lg_message_set_external_id (message, id);
  lg_message_set_sent_at (message, sent_at);
  lg_message_set_text (message, content ? content : "");
  lg_message_set_author_name (message, nickname && *nickname ? nickname : name);
  lg_message_set_author_handle (message, name);
  lg_message_set_author_id (message, author_id);
  lg_message_set_edited (message, lg_json_node_is_string (edited));
  lg_message_set_media_kind (message, read_media_kind (object));
  lg_message_set_reply_to (message, reply_to);
  lg_message_set_thread (message, reader->channel_name);

  /* Only from ids that are numbers: an id such as "../../x?y#" links
   * nowhere. */
  if (is_digits (reader->channel_id) && is_digits (id) &&
      (reader->guild_id == NULL || is_digits (reader->guild_id)))
    {
      const char *guild = reader->guild_id == NULL ||
                          g_str_equal (reader->guild_id, DIRECT_MESSAGES_GUILD)
                          ? "@me" : reader->guild_id;
      g_autofree char *link = g_strdup_printf ("https://discord.com/channels/%s/%s/%s", guild,
                                               reader->channel_id, id);

      lg_message_set_permalink (message, link);
    }
  return g_steal_pointer (&message);
}

/* What is read of a message: the rest (avatars, roles, embeds, reactions,
 * mentions) is most of the file, and skipped unparsed. */
static const char * const message_members[] = {
  "id", "type", "timestamp", "timestampEdited", "content", "author", "reference",
  "attachments", "stickers", NULL
};

static gboolean
import_message (LgJsonScan  *scan,
                gpointer     data,
                GError     **error)
{
  Reader *reader = (Reader *) scan;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(LgMessage) message = NULL;
  g_autofree char *id = NULL;
  JsonObject *object;
  gsize start = scan->pos;
  gint64 sent_at = 0;

  node = lg_json_scan_parse_message (scan, message_members, error);
  if (node == NULL)
    return FALSE;
  object = json_node_get_object (node);

  if (is_system_type (lg_json_member_string (object, "type")))
    {
      reader->job->stats.skipped++;
      return TRUE;
    }

  id = read_id (json_object_get_member (object, "id"));
  if (id == NULL || !read_time (object, &sent_at))
    {
      /* Reported at the message's first line. */
      scan->pos = start;
      if (id == NULL)
        return lg_json_scan_fail (scan, error, _("a message has no id"));
      return lg_json_scan_fail (scan, error, _("a message has no readable time"));
    }

  message = read_message (reader, object, id, sent_at);
  return lg_export_job_add_message (reader->job, reader->source, message, error) &&
         lg_export_job_tick (reader->job, lg_json_scan_fraction (scan), error);
}

static gboolean
import_root_member (LgJsonScan  *scan,
                    const char  *key,
                    gsize        key_length,
                    gpointer     data,
                    GError     **error)
{
  Reader *reader = (Reader *) scan;

  if (lg_json_key_is (key, key_length, "guild"))
    return read_place (reader, &reader->guild_id, &reader->guild_name, error);
  if (lg_json_key_is (key, key_length, "channel"))
    return read_place (reader, &reader->channel_id, &reader->channel_name, error);
  /* A channel is a source even when it has no messages. */
  if (lg_json_key_is (key, key_length, "messages"))
    return ensure_source (reader, error) &&
           lg_json_scan_each_element (scan, import_message, NULL, error);
  return lg_json_scan_skip_value (scan, error);
}

static gboolean
read_file (LgExportJob  *job,
           const char   *path,
           GError      **error)
{
  g_autofree char *file_name = g_path_get_basename (path);
  g_autoptr(GError) local_error = NULL;
  Reader reader = { 0 };
  gboolean ok;

  if (!lg_json_scan_open (&reader.json, path, file_name,
                          _("“%s” is not a DiscordChatExporter export it can read: at line %u, "
                            "column %u, %s. Nothing was imported. Export the channel again with "
                            "DiscordChatExporter in the JSON format and import the new file."),
                          &local_error))
    return lg_export_job_fail_io (job, local_error->message, error);
  reader.job = job;

  ok = lg_json_scan_each_member (&reader.json, import_root_member, NULL, error) &&
       lg_json_scan_expect_end (&reader.json, error);
  if (ok && reader.source == 0)
    ok = lg_json_scan_fail (&reader.json, error, _("there is no list of messages in it"));
  reader_clear (&reader);
  return ok;
}

/* How much of the file the sniff reads: the guild and the channel come first,
 * within a few hundred bytes. */
#define SNIFF_LENGTH 4096

/* A JSON object that names its guild and channel early on. */
static gboolean
sniff_head (const char *head,
            gsize       length)
{
  const char *object = lg_json_head_object (head, length);
  gsize rest = object != NULL ? length - (object - head) : 0;

  return object != NULL && g_strstr_len (object, rest, "\"guild\"") != NULL &&
         g_strstr_len (object, rest, "\"channel\"") != NULL;
}

static gboolean
sniff_file (const char *path)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  char head[SNIFF_LENGTH];
  gssize length;

  file = g_file_new_for_path (path);
  stream = g_file_read (file, NULL, NULL);
  if (stream == NULL)
    return FALSE;
  length = g_input_stream_read (G_INPUT_STREAM (stream), head, sizeof head, NULL, NULL);
  return length > 0 && sniff_head (head, length);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* DiscordChatExporter writes a file per channel: exporting a whole server
 * gives a folder of them. Its .json files that look like exports, by name. */
static GPtrArray *
list_exports (const char *folder)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      if (g_str_has_suffix (name, ".json") && name[0] != '.' &&
          g_file_test (path, G_FILE_TEST_IS_REGULAR) && sniff_file (path))
        g_ptr_array_add (paths, g_steal_pointer (&path));
    }
  g_ptr_array_sort (paths, compare_paths);
  return paths;
}

gboolean
lg_discord_export_sniff (const char *path,
                         const char *head,
                         gsize       length)
{
  g_autoptr(GPtrArray) exports = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    return sniff_head (head, length);
  exports = list_exports (path);
  return exports->len > 0;
}

gboolean
lg_discord_export_read (LgExportJob  *job,
                        GError      **error)
{
  g_autoptr(GPtrArray) exports = NULL;

  g_return_val_if_fail (job != NULL, FALSE);

  job->stats.kind = "discord";
  if (!g_file_test (job->path, G_FILE_TEST_IS_DIR))
    return read_file (job, job->path, error);

  exports = list_exports (job->path);
  for (guint i = 0; i < exports->len; i++)
    if (!read_file (job, g_ptr_array_index (exports, i), error))
      return FALSE;
  if (exports->len > 0)
    return TRUE;

  g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_EXPORT,
               _("“%s” holds no DiscordChatExporter export: none of its .json files begins with "
                 "a guild and a channel. Nothing was imported. Export the channels with "
                 "DiscordChatExporter in the JSON format and import the files or their "
                 "folder."), job->file_name);
  return FALSE;
}
