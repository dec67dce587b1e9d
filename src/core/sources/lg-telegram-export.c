/* lg-telegram-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A result.json can hold hundreds of thousands of messages: it is read with
 * the streaming scanner (lg-json-scan.c), one message in memory at a time.
 */

#define G_LOG_DOMAIN "lg-telegram-export"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "lg-channel-handle.h"
#include "lg-export-job.h"
#include "lg-json-scan.h"
#include "lg-sources.h"
#include "lg-telegram-export.h"

struct _LgTelegramExport
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (LgTelegramExport, lg_telegram_export, G_TYPE_OBJECT)

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
lg_telegram_export_class_init (LgTelegramExportClass *klass)
{
  /**
   * LgTelegramExport::progress:
   * @id: always 0
   * @count: messages read so far
   * @fraction: how much of the file is read, 0–1
   */
  signals[PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_UINT, G_TYPE_DOUBLE);
}

static void
lg_telegram_export_init (LgTelegramExport *self)
{
}

LgTelegramExport *
lg_telegram_export_new (void)
{
  return g_object_new (LG_TYPE_TELEGRAM_EXPORT, NULL);
}

/* One chat as far as it has been read. */
typedef struct
{
  char     *name;
  char     *type;
  char     *id;
  gint64    source; /* its staged source, from when its messages begin */
} Chat;

static void
chat_clear (Chat *chat)
{
  g_clear_pointer (&chat->name, g_free);
  g_clear_pointer (&chat->type, g_free);
  g_clear_pointer (&chat->id, g_free);
}

typedef struct
{
  LgJsonScan   json; /* first: the scanner's callbacks get it */
  LgExportJob *job;
} Scanner;

static void
append_entity_text (GString  *text,
                    JsonNode *node)
{
  JsonObject *entity = json_node_get_object (node);
  const char *part = lg_json_member_string (entity, "text");
  const char *href = lg_json_member_string (entity, "href");
  const char *type = lg_json_member_string (entity, "type");

  if (part == NULL)
    part = "";
  if (type == NULL)
    type = "";

  /* Some tools write a link right after the word before it; a space keeps
   * it a link a reader (and the search) can tell apart. */
  if ((g_str_equal (type, "link") || g_str_equal (type, "url") || g_str_equal (type, "email")) &&
      text->len > 0 && !g_ascii_isspace (text->str[text->len - 1]) && *part != '\0' &&
      !g_ascii_isspace (*part))
    g_string_append_c (text, ' ');
  g_string_append (text, part);
  /* A text link shows other words than its target: keep both. */
  if (href != NULL && *href != '\0' && g_strcmp0 (href, part) != 0)
    g_string_append_printf (text, " (%s)", href);
}

static gboolean
entity_is_valid (JsonNode *node)
{
  JsonObject *entity;
  JsonNode *part;
  JsonNode *href;

  if (JSON_NODE_HOLDS_VALUE (node))
    return json_node_get_value_type (node) == G_TYPE_STRING;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;

  entity = json_node_get_object (node);
  part = json_object_get_member (entity, "text");
  href = json_object_get_member (entity, "href");
  return part != NULL && JSON_NODE_HOLDS_VALUE (part) &&
         json_node_get_value_type (part) == G_TYPE_STRING &&
         (href == NULL || (JSON_NODE_HOLDS_VALUE (href) &&
                           json_node_get_value_type (href) == G_TYPE_STRING));
}

/* "text" is a string or an array of strings and entities. */
static char *
flatten_text (JsonNode *node)
{
  GString *text;
  JsonArray *parts;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  parts = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (parts); i++)
    if (!entity_is_valid (json_array_get_element (parts, i)))
      return NULL;

  text = g_string_new (NULL);
  for (guint i = 0; i < json_array_get_length (parts); i++)
    {
      JsonNode *part = json_array_get_element (parts, i);

      if (JSON_NODE_HOLDS_VALUE (part))
        g_string_append (text, json_node_get_string (part));
      else
        append_entity_text (text, part);
    }
  return g_string_free (text, FALSE);
}

/* New exports write "user123" or "channel123"; old ones a bare number, the
 * id of a user. Either way the same person gets the same id. */
static char *
read_author_id (JsonNode *node,
                gboolean *valid)
{
  const char *text;
  const char *digits;

  *valid = TRUE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (lg_json_node_is_integer (node))
    return g_strdup_printf ("user%" G_GINT64_FORMAT, json_node_get_int (node));
  if (!lg_json_node_is_string (node))
    {
      *valid = FALSE;
      return NULL;
    }

  text = json_node_get_string (node);
  digits = text;
  while (g_ascii_isalpha (*digits))
    digits++;
  if (*digits == '\0')
    {
      *valid = FALSE;
      return NULL;
    }
  for (const char *p = digits; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      {
        *valid = FALSE;
        return NULL;
      }
  return g_strdup (text);
}

/* date_unixtime when present (new exports); else the local time the old
 * exporter wrote. */
static gboolean
read_time (JsonObject *object,
           gint64     *sent_at)
{
  JsonNode *unixtime = json_object_get_member (object, "date_unixtime");
  JsonNode *date = json_object_get_member (object, "date");

  if (lg_json_node_is_string (unixtime) || lg_json_node_is_integer (unixtime))
    {
      char *end = NULL;

      if (lg_json_node_is_integer (unixtime))
        {
          *sent_at = json_node_get_int (unixtime);
          return TRUE;
        }
      *sent_at = g_ascii_strtoll (json_node_get_string (unixtime), &end, 10);
      return end != json_node_get_string (unixtime) && *end == '\0';
    }

  if (lg_json_node_is_string (date))
    {
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();
      g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (json_node_get_string (date),
                                                                local);

      if (time == NULL)
        return FALSE;
      *sent_at = g_date_time_to_unix (time);
      return TRUE;
    }

  return FALSE;
}

static const char *
read_media_kind (JsonObject *object)
{
  static const struct { const char *media_type; const char *kind; } kinds[] = {
    { "sticker", "sticker" },
    { "voice_message", "voice" },
    { "video_message", "video" },
    { "video_file", "video" },
    { "animation", "video" },
    { "audio_file", "audio" },
  };
  const char *media_type;

  if (json_object_has_member (object, "photo"))
    return "photo";
  if (json_object_has_member (object, "poll"))
    return "poll";
  if (json_object_has_member (object, "location_information"))
    return "location";
  if (json_object_has_member (object, "contact_information"))
    return "contact";

  media_type = lg_json_member_string (object, "media_type");
  for (guint i = 0; media_type != NULL && i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (media_type, kinds[i].media_type) == 0)
      return kinds[i].kind;

  /* Newer exporters add media types: any other file is a document. */
  if (media_type != NULL || json_object_has_member (object, "file"))
    return "document";
  return NULL;
}

/* Messages without an id (some tools write exports without one) get a stable
 * one from what they say, so a re-import finds them again. */
static char *
derive_id (JsonNode   *id,
           gint64      sent_at,
           const char *author,
           const char *text)
{
  g_autofree char *digest = NULL;
  g_autofree char *key = NULL;

  if (lg_json_node_is_integer (id))
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (id));

  key = g_strdup_printf ("%" G_GINT64_FORMAT "\n%s\n%s", sent_at, author ? author : "", text);
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA1, key, -1);
  return g_strdup_printf ("h%.16s", digest);
}

static gboolean
ensure_chat_source (Scanner  *sc,
                    Chat     *chat,
                    GError  **error)
{
  g_autofree char *base = NULL;
  const char *handle;
  const char *title;

  if (chat->source != 0)
    return TRUE;

  /* A chat is known by its id; an export without one by its name, or by
   * the file's name. */
  base = g_strndup (sc->json.file_name, strcspn (sc->json.file_name, "."));
  handle = chat->id != NULL ? chat->id : chat->name != NULL ? chat->name : base;
  title = chat->name != NULL ? chat->name : base;

  chat->source = lg_export_job_add_chat (sc->job, "telegram_export", handle, title, error);
  return chat->source != 0;
}

static gboolean
chat_has_links (Chat *chat)
{
  return chat->id != NULL && chat->type != NULL &&
         (g_str_has_suffix (chat->type, "_channel") || g_str_has_suffix (chat->type, "_supergroup"));
}

static gboolean
import_message (LgJsonScan  *scan,
                gpointer     data,
                GError     **error)
{
  Scanner *sc = (Scanner *) scan;
  Chat *chat = data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(LgMessage) message = NULL;
  g_autofree char *text = NULL;
  g_autofree char *author_id = NULL;
  g_autofree char *external_id = NULL;
  JsonObject *object;
  JsonNode *from;
  JsonNode *reply;
  const char *type;
  gsize start = sc->json.pos;
  gboolean valid_author;
  gint64 sent_at = 0;

  /* Errors are reported at the message's first line. */
  node = lg_json_scan_parse_message (&sc->json, NULL, error);
  if (node == NULL)
    return FALSE;
  object = json_node_get_object (node);

  type = lg_json_member_string (object, "type");
  if (g_strcmp0 (type, "service") == 0)
    {
      sc->job->stats.skipped++;
      return TRUE;
    }
  if (g_strcmp0 (type, "message") != 0)
    {
      sc->json.pos = start;
      return lg_json_scan_fail (&sc->json, error, _("a message has the unknown type “%s”"), type ? type : "");
    }

  text = flatten_text (json_object_get_member (object, "text"));
  author_id = read_author_id (json_object_get_member (object, "from_id"), &valid_author);
  from = json_object_get_member (object, "from");
  reply = json_object_get_member (object, "reply_to_message_id");

  sc->json.pos = start;
  if (text == NULL)
    return lg_json_scan_fail (&sc->json, error, _("the text of a message is neither text nor a list of parts"));
  if (!valid_author)
    return lg_json_scan_fail (&sc->json, error, _("the author id (from_id) of a message is not an id"));
  if (from != NULL && !JSON_NODE_HOLDS_NULL (from) && !lg_json_node_is_string (from))
    return lg_json_scan_fail (&sc->json, error, _("the author (from) of a message is not a name"));
  if (json_object_has_member (object, "id") && !lg_json_node_is_integer (json_object_get_member (object, "id")))
    return lg_json_scan_fail (&sc->json, error, _("the id of a message is not a number"));
  if (!read_time (object, &sent_at))
    return lg_json_scan_fail (&sc->json, error, _("a message has no readable date"));

  message = lg_message_new ();
  external_id = derive_id (json_object_get_member (object, "id"), sent_at,
                           lg_json_node_is_string (from) ? json_node_get_string (from) : NULL, text);
  lg_message_set_external_id (message, external_id);
  lg_message_set_sent_at (message, sent_at);
  lg_message_set_text (message, text);
  lg_message_set_author_name (message, lg_json_node_is_string (from) ? json_node_get_string (from) : NULL);
  lg_message_set_author_id (message, author_id);
  lg_message_set_edited (message, json_object_has_member (object, "edited"));
  lg_message_set_forwarded_from (message, lg_json_member_string (object, "forwarded_from"));
  lg_message_set_media_kind (message, read_media_kind (object));
  if (lg_json_node_is_integer (reply))
    {
      g_autofree char *reply_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (reply));

      lg_message_set_reply_to (message, reply_id);
    }
  /* Only from an id and a message id that are numbers: a chat id such as
   * "../../evil?x=1#" links nowhere. */
  if (chat_has_links (chat) && lg_json_node_is_integer (json_object_get_member (object, "id")))
    {
      g_autofree char *link = lg_channel_handle_private_post_link (chat->id, external_id);

      lg_message_set_permalink (message, link);
    }

  if (!lg_export_job_add_message (sc->job, chat->source, message, error))
    return FALSE;

  sc->json.pos = start;
  lg_json_scan_skip_value (&sc->json, NULL);
  return lg_export_job_tick (sc->job, lg_json_scan_fraction (&sc->json), error);
}

/* name, type and id: small values, parsed whole. */
static gboolean
read_chat_field (Scanner     *sc,
                 char       **out,
                 GError     **error)
{
  g_autoptr(JsonNode) node = NULL;
  gsize start = sc->json.pos;

  node = lg_json_scan_parse_value (&sc->json, error);
  if (node == NULL)
    return FALSE;

  g_free (*out);
  *out = NULL;
  if (lg_json_node_is_integer (node))
    *out = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (lg_json_node_is_string (node))
    *out = g_strdup (json_node_get_string (node));
  else if (!JSON_NODE_HOLDS_NULL (node))
    {
      sc->json.pos = start;
      return lg_json_scan_fail (&sc->json, error,
                                _("a chat’s name, type or id is neither text nor a number"));
    }
  return TRUE;
}

static gboolean import_chat_member (LgJsonScan *scan, const char *key, gsize key_length,
                                    gpointer data, GError **error);

static gboolean
import_chat (LgJsonScan  *scan,
             gpointer     data,
             GError     **error)
{
  Scanner *sc = (Scanner *) scan;
  Chat chat = { 0 };
  gboolean ok;

  ok = lg_json_scan_each_member (&sc->json, import_chat_member, &chat, error);
  chat_clear (&chat);
  return ok;
}

/* chats / left_chats: { "about": ..., "list": [ chat, ... ] } */
static gboolean
import_chat_list_member (LgJsonScan  *scan,
                         const char  *key,
                         gsize        key_length,
                         gpointer     data,
                         GError     **error)
{
  Scanner *sc = (Scanner *) scan;
  if (lg_json_key_is (key, key_length, "list"))
    return lg_json_scan_each_element (&sc->json, import_chat, NULL, error);
  return lg_json_scan_skip_value (&sc->json, error);
}

static gboolean
import_chat_member (LgJsonScan  *scan,
                    const char  *key,
                    gsize        key_length,
                    gpointer     data,
                    GError     **error)
{
  Scanner *sc = (Scanner *) scan;
  Chat *chat = data;

  /* A chat is a source even when it has no messages yet. */
  if (lg_json_key_is (key, key_length, "messages"))
    return ensure_chat_source (sc, chat, error) &&
           lg_json_scan_each_element (&sc->json, import_message, chat, error);
  if (lg_json_key_is (key, key_length, "name"))
    return read_chat_field (sc, &chat->name, error);
  if (lg_json_key_is (key, key_length, "type"))
    return read_chat_field (sc, &chat->type, error);
  if (lg_json_key_is (key, key_length, "id"))
    return read_chat_field (sc, &chat->id, error);
  return lg_json_scan_skip_value (&sc->json, error);
}

/* The root is a chat, or a whole account with its chats in lists. */
static gboolean
import_root_member (LgJsonScan  *scan,
                    const char  *key,
                    gsize        key_length,
                    gpointer     data,
                    GError     **error)
{
  Scanner *sc = (Scanner *) scan;
  if (lg_json_key_is (key, key_length, "chats") || lg_json_key_is (key, key_length, "left_chats"))
    return lg_json_scan_each_member (&sc->json, import_chat_list_member, NULL, error);
  return import_chat_member (scan, key, key_length, data, error);
}

static gboolean
import_root (Scanner  *sc,
             GError  **error)
{
  Chat chat = { 0 };
  gboolean ok;

  if (sc->json.length > 0 && !lg_json_scan_peek (&sc->json, '{'))
    return lg_json_scan_fail (&sc->json, error, _("the file does not start with “{”"));

  ok = lg_json_scan_each_member (&sc->json, import_root_member, &chat, error);
  chat_clear (&chat);
  if (!ok || !lg_json_scan_expect_end (&sc->json, error))
    return FALSE;
  if (sc->job->stats.chats == 0)
    return lg_json_scan_fail (&sc->json, error, _("there is no chat (no list of messages) in it"));
  return TRUE;
}

gboolean
lg_telegram_export_read (LgExportJob  *job,
                         GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  Scanner sc = { 0 };
  gboolean ok;

  g_return_val_if_fail (job != NULL, FALSE);

  job->stats.kind = "telegram";
  if (!lg_json_scan_open (&sc.json, job->path, job->file_name,
                          _("“%s” is not a Telegram Desktop export it can read: at line %u, "
                            "column %u, %s. Nothing was imported. Export the chat again from "
                            "Telegram Desktop (format: JSON) and import the new result.json."),
                          &local_error))
    return lg_export_job_fail_io (job, local_error->message, error);
  sc.job = job;
  ok = import_root (&sc, error);
  lg_json_scan_clear (&sc.json);
  return ok;
}

gboolean
lg_telegram_export_sniff (const char *path,
                          const char *head,
                          gsize       length)
{
  /* Any JSON object: a broken result.json should meet this reader's
   * errors, which say where it broke. */
  return lg_json_head_object (head, length) != NULL;
}

gboolean
lg_telegram_export_import (LgTelegramExport  *self,
                           LgStore           *store,
                           const char        *path,
                           GCancellable      *cancellable,
                           LgExportStats     *stats,
                           GError           **error)
{
  LgExportJob job;
  gboolean ok;

  g_return_val_if_fail (LG_IS_TELEGRAM_EXPORT (self), FALSE);
  g_return_val_if_fail (LG_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  lg_export_job_init (&job, store, path, cancellable, G_OBJECT (self), signals[PROGRESS], NULL);
  ok = lg_export_job_stage (&job, lg_telegram_export_read, error);
  if (ok && stats != NULL)
    *stats = job.stats;
  lg_export_job_clear (&job);
  return ok;
}
