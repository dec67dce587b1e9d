/* lg-telegram-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A result.json can hold hundreds of thousands of messages. Parsing it whole
 * would build a tree many times the file's size, so a small scanner walks the
 * file's structure in place (a read-only mapping) and hands each message, one
 * at a time, to json-glib. The exporter writes some control characters as
 * \xNN, which JSON does not allow: they are rewritten to \u00NN in the one
 * message being parsed.
 *
 * Over a thousand lines: the scanner, the message reader and the staged
 * import belong together, each meaningless without the others.
 */

#define G_LOG_DOMAIN "lg-telegram-export"

#include "config.h"

#include <sys/mman.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "lg-channel-handle.h"
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
  LgExportJob      *job;
  const char       *data;
  gsize             length;
  gsize             pos;
  JsonParser       *parser;
  GString          *chunk;
  guint             depth; /* objects and arrays the scanner is inside */
  gsize             released; /* bytes before it given back (release_read()) */
} Scanner;

/* Telegram's exports nest a few levels (an account, its chats, a message,
 * its text parts); a file nested hundreds of levels deep is something else,
 * and walking it would use the stack up. */
#define MAX_DEPTH 512

static void
position (Scanner *sc,
          gsize    at,
          guint   *line,
          guint   *column)
{
  const char *line_start = sc->data;

  *line = 1;
  for (const char *p = sc->data; p < sc->data + MIN (at, sc->length); p++)
    if (*p == '\n')
      {
        (*line)++;
        line_start = p + 1;
      }
  *column = (sc->data + MIN (at, sc->length)) - line_start + 1;
}

static gboolean G_GNUC_PRINTF (3, 4)
fail_at (Scanner     *sc,
         GError     **error,
         const char  *format,
         ...)
{
  g_autofree char *detail = NULL;
  guint line, column;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  position (sc, sc->pos, &line, &column);
  g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_EXPORT,
               _("“%s” is not a Telegram Desktop export it can read: at line %u, column %u, "
                 "%s. Nothing was imported. Export the chat again from Telegram Desktop "
                 "(format: JSON) and import the new result.json."),
               sc->job->file_name, line, column, detail);
  return FALSE;
}

/* Called when the scanner enters an object or an array. */
static gboolean
enter (Scanner  *sc,
       GError  **error)
{
  guint line, column;

  if (sc->depth < MAX_DEPTH)
    {
      sc->depth++;
      return TRUE;
    }

  position (sc, sc->pos, &line, &column);
  g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_EXPORT,
               _("“%s” is nested too deeply to be a Telegram Desktop export: at line %u, "
                 "column %u, its lists and objects are more than %u levels deep. Nothing was "
                 "imported."),
               sc->job->file_name, line, column, MAX_DEPTH);
  return FALSE;
}

/* The scanner: just enough JSON to find where each value begins and ends. */

static void
skip_space (Scanner *sc)
{
  while (sc->pos < sc->length && g_ascii_isspace (sc->data[sc->pos]))
    sc->pos++;
}

static gboolean
expect (Scanner     *sc,
        char         c,
        GError     **error)
{
  skip_space (sc);
  if (sc->pos >= sc->length)
    return fail_at (sc, error, _("the file ends too early"));
  if (sc->data[sc->pos] != c)
    return fail_at (sc, error, _("“%c” was expected"), c);
  sc->pos++;
  return TRUE;
}

static gboolean
skip_string (Scanner  *sc,
             GError  **error)
{
  if (!expect (sc, '"', error))
    return FALSE;

  while (sc->pos < sc->length)
    {
      char c = sc->data[sc->pos++];

      if (c == '"')
        return TRUE;
      if (c == '\\')
        sc->pos++;
    }
  return fail_at (sc, error, _("a text never ends"));
}

static gboolean skip_value (Scanner *sc, GError **error);

/* Calls member() for each key of an object; the scanner stands on the key's
 * value when it is called, and member() must consume the value. */
typedef gboolean (*MemberFunc) (Scanner     *sc,
                                const char  *key,
                                gsize        key_length,
                                gpointer     data,
                                GError     **error);

static gboolean each_member_inside (Scanner *sc, MemberFunc member, gpointer data,
                                    GError **error);

static gboolean
each_member (Scanner     *sc,
             MemberFunc   member,
             gpointer     data,
             GError     **error)
{
  gboolean ok;

  if (!expect (sc, '{', error))
    return FALSE;
  if (!enter (sc, error))
    return FALSE;
  ok = each_member_inside (sc, member, data, error);
  sc->depth--;
  return ok;
}

/* The members of an object whose "{" the scanner has read. */
static gboolean
each_member_inside (Scanner     *sc,
                    MemberFunc   member,
                    gpointer     data,
                    GError     **error)
{
  skip_space (sc);
  if (sc->pos < sc->length && sc->data[sc->pos] == '}')
    {
      sc->pos++;
      return TRUE;
    }

  for (;;)
    {
      gsize key_start, key_end;

      skip_space (sc);
      key_start = sc->pos + 1;
      if (!skip_string (sc, error))
        return FALSE;
      key_end = sc->pos - 1;
      if (!expect (sc, ':', error))
        return FALSE;
      skip_space (sc);
      if (!member (sc, sc->data + key_start, key_end - key_start, data, error))
        return FALSE;
      skip_space (sc);
      if (sc->pos < sc->length && sc->data[sc->pos] == ',')
        {
          sc->pos++;
          continue;
        }
      return expect (sc, '}', error);
    }
}

static gboolean
skip_member (Scanner     *sc,
             const char  *key,
             gsize        key_length,
             gpointer     data,
             GError     **error)
{
  return skip_value (sc, error);
}

/* Calls element() with the scanner on each element of an array. */
typedef gboolean (*ElementFunc) (Scanner  *sc,
                                 gpointer  data,
                                 GError  **error);

static gboolean each_element_inside (Scanner *sc, ElementFunc element, gpointer data,
                                     GError **error);

static gboolean
each_element (Scanner      *sc,
              ElementFunc   element,
              gpointer      data,
              GError      **error)
{
  gboolean ok;

  if (!expect (sc, '[', error))
    return FALSE;
  if (!enter (sc, error))
    return FALSE;
  ok = each_element_inside (sc, element, data, error);
  sc->depth--;
  return ok;
}

/* The elements of an array whose "[" the scanner has read. */
static gboolean
each_element_inside (Scanner      *sc,
                     ElementFunc   element,
                     gpointer      data,
                     GError      **error)
{
  skip_space (sc);
  if (sc->pos < sc->length && sc->data[sc->pos] == ']')
    {
      sc->pos++;
      return TRUE;
    }

  for (;;)
    {
      skip_space (sc);
      if (!element (sc, data, error))
        return FALSE;
      skip_space (sc);
      if (sc->pos < sc->length && sc->data[sc->pos] == ',')
        {
          sc->pos++;
          continue;
        }
      return expect (sc, ']', error);
    }
}

static gboolean
skip_element (Scanner  *sc,
              gpointer  data,
              GError  **error)
{
  return skip_value (sc, error);
}

static gboolean
skip_value (Scanner  *sc,
            GError  **error)
{
  static const char *literals[] = { "true", "false", "null" };
  gsize start;

  skip_space (sc);
  if (sc->pos >= sc->length)
    return fail_at (sc, error, _("the file ends too early"));

  switch (sc->data[sc->pos])
    {
    case '"':
      return skip_string (sc, error);
    case '{':
      return each_member (sc, skip_member, NULL, error);
    case '[':
      return each_element (sc, skip_element, NULL, error);
    default:
      break;
    }

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    if (sc->length - sc->pos >= strlen (literals[i]) &&
        strncmp (sc->data + sc->pos, literals[i], strlen (literals[i])) == 0)
      {
        sc->pos += strlen (literals[i]);
        return TRUE;
      }

  start = sc->pos;
  while (sc->pos < sc->length && strchr ("+-0123456789.eE", sc->data[sc->pos]) != NULL)
    sc->pos++;
  if (sc->pos == start)
    return fail_at (sc, error, _("a value was expected"));
  return TRUE;
}

/* json-glib turns an escape of half a UTF-16 pair ("\ud800"), or of what
 * is not hex, into bytes that are not UTF-8: every string in the value is
 * made valid before anything reads it. The value is no deeper than
 * MAX_DEPTH, which the scanner has checked. */
static void
make_strings_valid (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      const char *text;

      if (json_node_get_value_type (node) != G_TYPE_STRING)
        return;
      text = json_node_get_string (node);
      if (!g_utf8_validate (text, -1, NULL))
        {
          g_autofree char *valid = g_utf8_make_valid (text, -1);

          json_node_set_string (node, valid);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        make_strings_valid (json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(GList) members = json_object_get_values (json_node_get_object (node));

      for (GList *l = members; l != NULL; l = l->next)
        make_strings_valid (l->data);
    }
}

/* Parses the value the scanner stands on with json-glib, after rewriting the
 * exporter's \xNN escapes. */
static JsonNode *
parse_value (Scanner  *sc,
             GError  **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize start = sc->pos;
  const char *text;
  gsize length;
  gboolean in_string = FALSE;

  if (!skip_value (sc, error))
    return NULL;

  text = sc->data + start;
  length = sc->pos - start;
  g_string_truncate (sc->chunk, 0);
  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (in_string && c == '\\' && i + 1 < length)
        {
          if (text[i + 1] == 'x')
            g_string_append (sc->chunk, "\\u00");
          else
            {
              g_string_append_c (sc->chunk, c);
              g_string_append_c (sc->chunk, text[i + 1]);
            }
          i++;
          continue;
        }
      if (c == '"')
        in_string = !in_string;
      g_string_append_c (sc->chunk, c);
    }

  if (!json_parser_load_from_data (sc->parser, sc->chunk->str, sc->chunk->len, &local_error))
    {
      sc->pos = start;
      fail_at (sc, error, "%s", local_error->message);
      return NULL;
    }

  make_strings_valid (json_parser_get_root (sc->parser));
  return json_node_ref (json_parser_get_root (sc->parser));
}

static gboolean
key_is (const char *key,
        gsize       key_length,
        const char *name)
{
  return key_length == strlen (name) && strncmp (key, name, key_length) == 0;
}

/* Message fields. */

static gboolean
node_is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
node_is_integer (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_INT64;
}

/* An optional text member: NULL when it is missing or not text (a number,
 * a list, an object), so a field of another type is left out rather than
 * handed to json-glib's getters, which warn, or to strcmp as NULL. */
static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node_is_string (node) ? json_node_get_string (node) : NULL;
}

static void
append_entity_text (GString  *text,
                    JsonNode *node)
{
  JsonObject *entity = json_node_get_object (node);
  const char *part = member_string (entity, "text");
  const char *href = member_string (entity, "href");
  const char *type = member_string (entity, "type");

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
  if (node_is_integer (node))
    return g_strdup_printf ("user%" G_GINT64_FORMAT, json_node_get_int (node));
  if (!node_is_string (node))
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

  if (node_is_string (unixtime) || node_is_integer (unixtime))
    {
      char *end = NULL;

      if (node_is_integer (unixtime))
        {
          *sent_at = json_node_get_int (unixtime);
          return TRUE;
        }
      *sent_at = g_ascii_strtoll (json_node_get_string (unixtime), &end, 10);
      return end != json_node_get_string (unixtime) && *end == '\0';
    }

  if (node_is_string (date))
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

  media_type = member_string (object, "media_type");
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

  if (node_is_integer (id))
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
  base = g_strndup (sc->job->file_name, strcspn (sc->job->file_name, "."));
  handle = chat->id != NULL ? chat->id : chat->name != NULL ? chat->name : base;
  title = chat->name != NULL ? chat->name : base;

  chat->source = lg_store_stage_source (sc->job->store, "telegram_export", handle, title, error);
  if (chat->source == 0)
    return FALSE;
  sc->job->stats.chats++;
  return TRUE;
}

static gboolean
chat_has_links (Chat *chat)
{
  return chat->id != NULL && chat->type != NULL &&
         (g_str_has_suffix (chat->type, "_channel") || g_str_has_suffix (chat->type, "_supergroup"));
}

/* Pages read are given back this many bytes at a time. */
#define RELEASE_STEP (8 * 1024 * 1024)

/* The export is read once, front to back: the pages of the memory map already
 * read need not stay resident (they come back from the file should an error
 * message count lines), so a big file costs megabytes, not its size. */
static void
release_read (Scanner *sc)
{
#ifdef MADV_DONTNEED
  gsize upto = sc->pos / RELEASE_STEP * RELEASE_STEP;

  if (upto <= sc->released)
    return;
  /* The map starts on a page; RELEASE_STEP is a multiple of any page size. */
  madvise ((void *) (sc->data + sc->released), upto - sc->released, MADV_DONTNEED);
  sc->released = upto;
#endif
}

static gboolean
import_message (Scanner  *sc,
                gpointer  data,
                GError  **error)
{
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
  gsize start = sc->pos;
  gboolean valid_author;
  gint64 sent_at = 0;

  release_read (sc);
  node = parse_value (sc, error);
  if (node == NULL)
    return FALSE;

  /* Report errors at the message's first line. */
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      sc->pos = start;
      return fail_at (sc, error, _("a message is not an object"));
    }
  object = json_node_get_object (node);

  type = member_string (object, "type");
  if (g_strcmp0 (type, "service") == 0)
    {
      sc->job->stats.skipped++;
      return TRUE;
    }
  if (g_strcmp0 (type, "message") != 0)
    {
      sc->pos = start;
      return fail_at (sc, error, _("a message has the unknown type “%s”"), type ? type : "");
    }

  text = flatten_text (json_object_get_member (object, "text"));
  author_id = read_author_id (json_object_get_member (object, "from_id"), &valid_author);
  from = json_object_get_member (object, "from");
  reply = json_object_get_member (object, "reply_to_message_id");

  sc->pos = start;
  if (text == NULL)
    return fail_at (sc, error, _("the text of a message is neither text nor a list of parts"));
  if (!valid_author)
    return fail_at (sc, error, _("the author id (from_id) of a message is not an id"));
  if (from != NULL && !JSON_NODE_HOLDS_NULL (from) && !node_is_string (from))
    return fail_at (sc, error, _("the author (from) of a message is not a name"));
  if (json_object_has_member (object, "id") && !node_is_integer (json_object_get_member (object, "id")))
    return fail_at (sc, error, _("the id of a message is not a number"));
  if (!read_time (object, &sent_at))
    return fail_at (sc, error, _("a message has no readable date"));

  message = lg_message_new ();
  external_id = derive_id (json_object_get_member (object, "id"), sent_at,
                           node_is_string (from) ? json_node_get_string (from) : NULL, text);
  lg_message_set_external_id (message, external_id);
  lg_message_set_sent_at (message, sent_at);
  lg_message_set_text (message, text);
  lg_message_set_author_name (message, node_is_string (from) ? json_node_get_string (from) : NULL);
  lg_message_set_author_id (message, author_id);
  lg_message_set_edited (message, json_object_has_member (object, "edited"));
  lg_message_set_forwarded_from (message, member_string (object, "forwarded_from"));
  lg_message_set_media_kind (message, read_media_kind (object));
  if (node_is_integer (reply))
    {
      g_autofree char *reply_id = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (reply));

      lg_message_set_reply_to (message, reply_id);
    }
  /* Only from an id and a message id that are numbers: a chat id such as
   * "../../evil?x=1#" links nowhere. */
  if (chat_has_links (chat) && node_is_integer (json_object_get_member (object, "id")))
    {
      g_autofree char *link = lg_channel_handle_private_post_link (chat->id, external_id);

      lg_message_set_permalink (message, link);
    }

  if (!lg_store_stage_message (sc->job->store, chat->source, message, error))
    return FALSE;

  sc->pos = start;
  skip_value (sc, NULL);
  sc->job->stats.messages++;
  return lg_export_job_tick (sc->job, (double) sc->pos / sc->length, error);
}

/* name, type and id: small values, parsed whole. */
static gboolean
read_chat_field (Scanner     *sc,
                 char       **out,
                 GError     **error)
{
  g_autoptr(JsonNode) node = NULL;
  gsize start = sc->pos;

  node = parse_value (sc, error);
  if (node == NULL)
    return FALSE;

  g_free (*out);
  *out = NULL;
  if (node_is_integer (node))
    *out = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  else if (node_is_string (node))
    *out = g_strdup (json_node_get_string (node));
  else if (!JSON_NODE_HOLDS_NULL (node))
    {
      sc->pos = start;
      return fail_at (sc, error, _("a chat’s name, type or id is neither text nor a number"));
    }
  return TRUE;
}

static gboolean import_chat_member (Scanner *sc, const char *key, gsize key_length,
                                    gpointer data, GError **error);

static gboolean
import_chat (Scanner  *sc,
             gpointer  data,
             GError  **error)
{
  Chat chat = { 0 };
  gboolean ok;

  ok = each_member (sc, import_chat_member, &chat, error);
  chat_clear (&chat);
  return ok;
}

/* chats / left_chats: { "about": ..., "list": [ chat, ... ] } */
static gboolean
import_chat_list_member (Scanner     *sc,
                         const char  *key,
                         gsize        key_length,
                         gpointer     data,
                         GError     **error)
{
  if (key_is (key, key_length, "list"))
    return each_element (sc, import_chat, NULL, error);
  return skip_value (sc, error);
}

static gboolean
import_chat_member (Scanner     *sc,
                    const char  *key,
                    gsize        key_length,
                    gpointer     data,
                    GError     **error)
{
  Chat *chat = data;

  /* A chat is a source even when it has no messages yet. */
  if (key_is (key, key_length, "messages"))
    return ensure_chat_source (sc, chat, error) &&
           each_element (sc, import_message, chat, error);
  if (key_is (key, key_length, "name"))
    return read_chat_field (sc, &chat->name, error);
  if (key_is (key, key_length, "type"))
    return read_chat_field (sc, &chat->type, error);
  if (key_is (key, key_length, "id"))
    return read_chat_field (sc, &chat->id, error);
  return skip_value (sc, error);
}

/* The root is a chat, or a whole account with its chats in lists. */
static gboolean
import_root_member (Scanner     *sc,
                    const char  *key,
                    gsize        key_length,
                    gpointer     data,
                    GError     **error)
{
  if (key_is (key, key_length, "chats") || key_is (key, key_length, "left_chats"))
    return each_member (sc, import_chat_list_member, NULL, error);
  return import_chat_member (sc, key, key_length, data, error);
}

static gboolean
import_root (Scanner  *sc,
             GError  **error)
{
  Chat chat = { 0 };
  gboolean ok;

  skip_space (sc);
  if (sc->pos < sc->length && sc->data[sc->pos] != '{')
    return fail_at (sc, error, _("the file does not start with “{”"));

  ok = each_member (sc, import_root_member, &chat, error);
  chat_clear (&chat);
  if (!ok)
    return FALSE;

  skip_space (sc);
  if (sc->pos < sc->length)
    return fail_at (sc, error, _("something follows the end of the export"));
  if (sc->job->stats.chats == 0)
    return fail_at (sc, error, _("there is no chat (no list of messages) in it"));
  return TRUE;
}

gboolean
lg_telegram_export_read (LgExportJob  *job,
                         GError      **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) chunk = g_string_new (NULL);
  Scanner sc = { 0 };

  g_return_val_if_fail (job != NULL, FALSE);

  job->stats.kind = "telegram";
  file = g_mapped_file_new (job->path, FALSE, &local_error);
  if (file == NULL)
    return lg_export_job_fail_io (job, local_error->message, error);

  parser = json_parser_new ();
  sc.job = job;
  sc.data = g_mapped_file_get_contents (file) != NULL ? g_mapped_file_get_contents (file) : "";
  sc.length = g_mapped_file_get_length (file);
  sc.parser = parser;
  sc.chunk = chunk;
  return import_root (&sc, error);
}

gboolean
lg_telegram_export_sniff (const char *path,
                          const char *head,
                          gsize       length)
{
  gsize i = 0;

  /* Any JSON object: a broken result.json should meet this reader's
   * errors, which say where it broke. */
  if (length >= 3 && memcmp (head, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < length && g_ascii_isspace (head[i]))
    i++;
  return i < length && head[i] == '{';
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
