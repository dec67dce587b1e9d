/* lg-slack-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A Slack export is a tree of small files: who is who (users.json), the
 * conversations (channels.json and, in exports with private ones,
 * groups.json, dms.json, mpims.json), then a folder per conversation with a
 * file per day, each a list of messages. It is read in two passes, the same
 * for a folder and a .zip (libarchive, which reads a zip front to back): the
 * names first, then the days, each day streamed with the shared scanner.
 */

#define G_LOG_DOMAIN "lg-slack-export"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n.h>

#include "lg-json-scan.h"
#include "lg-slack-export.h"
#include "lg-sources.h"

/* The files that name users and conversations, at the export's top. */
static const char *metadata_files[] = {
  "users.json", "channels.json", "groups.json", "dms.json", "mpims.json",
};

/* A day's file larger than this is not a Slack export's (the biggest
 * channels write a few megabytes a day); reading it would only fill the
 * memory. */
#define MAX_DAY_SIZE (256 * 1024 * 1024)

/* The first words of a thread that name it. */
#define THREAD_TITLE_LENGTH 60

typedef struct
{
  char *name;      /* the user name: the handle */
  char *title;     /* what people see: real name, display name or user name */
} User;

static void
user_free (gpointer data)
{
  User *user = data;

  g_free (user->name);
  g_free (user->title);
  g_free (user);
}

typedef struct
{
  char       *id;
  char       *title;
  char       *thread;  /* the thread of a message in no thread */
  gboolean    people;  /* a direct message or a group of people, named after them */
  JsonNode   *members; /* theirs, until users.json is read */
  gint64      source;  /* staged, from its first message */
  GHashTable *threads; /* a thread's ts → its title */
} Channel;

static void
channel_free (gpointer data)
{
  Channel *channel = data;

  g_free (channel->id);
  g_free (channel->title);
  g_free (channel->thread);
  g_clear_pointer (&channel->members, json_node_unref);
  g_hash_table_unref (channel->threads);
  g_free (channel);
}

typedef struct
{
  LgJsonScan     json; /* first: the scanner's callbacks get it */
  LgExportJob   *job;
  char          *workspace;
  GHashTable    *users;         /* id → User */
  GHashTable    *channels;      /* folder → Channel */
  GHashTable    *channel_names; /* id → name, for <#C1> */
  char          *prefix;        /* in a zip, the folder the export is in ("" at the top) */
  gboolean       has_metadata;
  Channel       *channel;       /* the day's */
  const char    *metadata;      /* the metadata file being read */
  double         fraction;      /* how much is read */
} Reader;

/* The sentence of a file the scanner cannot read (lg-json-scan.h). */
static const char *
failure (void)
{
  return _("The Slack export cannot be read: in “%s”, at line %u, column %u, %s. Nothing "
           "was imported. Export the workspace again from Slack (Export data, in the "
           "workspace’s settings) and import the new folder or .zip file.");
}

/* Slack names an export "Workspace Slack export Jan 1 2023 - Feb 1 2023". */
static char *
workspace_of (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  const char *mark = strstr (base, " Slack export");

  if (mark == NULL || mark == base)
    return NULL;
  return g_strndup (base, mark - base);
}

static const char *
nonempty (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

/* The name people see: the real name, else the display name, else the user
 * name; from users.json or a message's own user_profile. */
static const char *
title_of_profile (JsonObject *user,
                  JsonObject *profile)
{
  const char *title = nonempty (lg_json_member_string (user, "real_name"));

  if (title == NULL)
    title = nonempty (lg_json_member_string (profile, "real_name"));
  if (title == NULL)
    title = nonempty (lg_json_member_string (profile, "display_name"));
  if (title == NULL)
    title = nonempty (lg_json_member_string (user, "name"));
  return title;
}

/* Metadata: one object per element, read one at a time. */

static gboolean
read_metadata_element (LgJsonScan  *scan,
                       gpointer     data,
                       GError     **error)
{
  Reader *reader = (Reader *) scan;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;
  const char *id;
  const char *name;

  node = lg_json_scan_parse_value (scan, error);
  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return TRUE;
  object = json_node_get_object (node);
  id = nonempty (lg_json_member_string (object, "id"));
  name = nonempty (lg_json_member_string (object, "name"));
  if (id == NULL)
    return TRUE;

  if (g_str_equal (reader->metadata, "users.json"))
    {
      User *user = g_new0 (User, 1);
      const char *title = title_of_profile (object, lg_json_member_object (object, "profile"));

      user->name = g_strdup (name);
      user->title = g_strdup (title != NULL ? title : id);
      g_hash_table_replace (reader->users, g_strdup (id), user);
      return TRUE;
    }

  {
    Channel *channel = g_new0 (Channel, 1);
    /* Direct messages' folders are named by their id. */
    gboolean direct = g_str_equal (reader->metadata, "dms.json");
    gboolean people = direct || g_str_equal (reader->metadata, "mpims.json");
    const char *folder = direct || name == NULL ? id : name;

    JsonNode *members = json_object_get_member (object, "members");

    channel->id = g_strdup (id);
    channel->threads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    channel->people = people;
    /* The people's names are known once users.json is read: see
     * name_conversations(). */
    if (people && members != NULL && JSON_NODE_HOLDS_ARRAY (members))
      channel->members = json_node_ref (members);
    else
      channel->title = g_strdup (people && name != NULL ? name : folder);
    channel->thread = g_strdup (channel->title);
    g_hash_table_replace (reader->channel_names, g_strdup (id), g_strdup (folder));
    g_hash_table_replace (reader->channels, g_strdup (folder), channel);
  }
  return TRUE;
}

static gboolean
read_metadata (Reader      *reader,
               const char  *name,
               const char  *data,
               gsize        length,
               GError     **error)
{
  gboolean ok;

  reader->has_metadata = TRUE;
  reader->metadata = name;
  lg_json_scan_init (&reader->json, data, length, name, failure ());
  ok = lg_json_scan_each_element (&reader->json, read_metadata_element, NULL, error) &&
       lg_json_scan_expect_end (&reader->json, error);
  lg_json_scan_clear (&reader->json);
  return ok;
}

static const char *
user_title (Reader     *reader,
            const char *id)
{
  User *user = id != NULL ? g_hash_table_lookup (reader->users, id) : NULL;

  return user != NULL ? user->title : NULL;
}

/* A direct message or a group of people is named after them. */
static void
name_conversations (Reader *reader)
{
  GHashTableIter iter;
  Channel *channel;

  g_hash_table_iter_init (&iter, reader->channels);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &channel))
    {
      g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
      g_auto(GStrv) list = NULL;
      JsonArray *members;

      if (channel->members == NULL)
        continue;
      members = json_node_get_array (channel->members);
      for (guint i = 0; i < json_array_get_length (members); i++)
        {
          JsonNode *member = json_array_get_element (members, i);
          const char *id = lg_json_node_is_string (member) ? json_node_get_string (member) : NULL;
          const char *title = user_title (reader, id);

          if (id != NULL)
            g_strv_builder_add (names, title != NULL ? title : id);
        }
      list = g_strv_builder_end (names);
      channel->title = list[0] != NULL ? g_strjoinv (", ", list) : g_strdup (channel->id);
      channel->thread = g_strdup (channel->title);
      g_clear_pointer (&channel->members, json_node_unref);
    }
}

/* Slack's markup made plain. */

static void
append_unescaped (GString    *out,
                  const char *text,
                  gsize       length)
{
  static const struct { const char *entity; char c; } entities[] = {
    { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' },
  };

  for (gsize i = 0; i < length; i++)
    {
      gboolean replaced = FALSE;

      if (text[i] == '&')
        for (guint e = 0; e < G_N_ELEMENTS (entities); e++)
          {
            gsize n = strlen (entities[e].entity);

            if (length - i >= n && strncmp (text + i, entities[e].entity, n) == 0)
              {
                g_string_append_c (out, entities[e].c);
                i += n - 1;
                replaced = TRUE;
                break;
              }
          }
      if (!replaced)
        g_string_append_c (out, text[i]);
    }
}

/* One <...>: a mention, a channel, a command or a link. */
static void
append_tag (Reader     *reader,
            GString    *out,
            const char *inner,
            gsize       length)
{
  const char *bar = memchr (inner, '|', length);
  g_autofree char *target = g_strndup (inner, bar != NULL ? (gsize) (bar - inner) : length);
  g_autofree char *label = bar != NULL ? g_strndup (bar + 1, length - (bar + 1 - inner)) : NULL;
  const char *link;

  if (target[0] == '@' || target[0] == '#')
    {
      const char *known = target[0] == '@' ? user_title (reader, target + 1)
                          : g_hash_table_lookup (reader->channel_names, target + 1);
      const char *shown = nonempty (label);

      /* <@U1|name> and, from some tools, <@U1|@name> */
      if (shown != NULL && shown[0] == target[0])
        shown++;
      g_string_append_c (out, target[0]);
      if (shown != NULL)
        append_unescaped (out, shown, strlen (shown));
      else
        g_string_append (out, known != NULL ? known : target + 1);
      return;
    }
  if (target[0] == '!')
    {
      /* <!here>, <!channel>, <!subteam^S1|@team>, <!date^...|fallback> */
      if (nonempty (label) != NULL)
        append_unescaped (out, label, strlen (label));
      else if (strchr (target, '^') == NULL)
        g_string_append_printf (out, "@%s", target + 1);
      return;
    }

  link = g_str_has_prefix (target, "mailto:") ? target + strlen ("mailto:") : target;
  if (nonempty (label) != NULL && g_strcmp0 (label, link) != 0)
    {
      append_unescaped (out, label, strlen (label));
      g_string_append (out, " (");
      append_unescaped (out, link, strlen (link));
      g_string_append_c (out, ')');
    }
  else
    append_unescaped (out, link, strlen (link));
}

static char *
plain_text (Reader     *reader,
            const char *markup)
{
  GString *out = g_string_new (NULL);
  const char *p = markup;

  while (*p != '\0')
    {
      const char *open = strchr (p, '<');
      const char *close = open != NULL ? strchr (open, '>') : NULL;

      if (open == NULL || close == NULL)
        {
          append_unescaped (out, p, strlen (p));
          break;
        }
      append_unescaped (out, p, open - p);
      append_tag (reader, out, open + 1, close - open - 1);
      p = close + 1;
    }
  return g_string_free (out, FALSE);
}

/* Messages. */

static gboolean
is_kept_subtype (const char *subtype)
{
  /* What people write; the rest (channel_join, channel_topic, bot_message,
   * pinned_item, tombstone...) Slack writes about them. */
  static const char *kept[] = { "thread_broadcast", "file_share", "me_message" };

  if (subtype == NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    if (g_str_equal (subtype, kept[i]))
      return TRUE;
  return FALSE;
}

static char *
read_ts (JsonNode *node)
{
  const char *text;

  if (!lg_json_node_is_string (node))
    return NULL;
  text = json_node_get_string (node);
  if (!g_ascii_isdigit (*text))
    return NULL;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && *p != '.')
      return NULL;
  return g_strdup (text);
}

static const char *
read_media_kind (JsonObject *object)
{
  JsonArray *files = lg_json_member_array (object, "files");
  JsonNode *first;
  const char *mimetype;

  if (files == NULL || json_array_get_length (files) == 0)
    return NULL;
  first = json_array_get_element (files, 0);
  mimetype = JSON_NODE_HOLDS_OBJECT (first)
    ? lg_json_member_string (json_node_get_object (first), "mimetype") : NULL;
  if (mimetype == NULL)
    return "document";
  if (g_str_has_prefix (mimetype, "image/"))
    return "photo";
  if (g_str_has_prefix (mimetype, "video/"))
    return "video";
  if (g_str_has_prefix (mimetype, "audio/"))
    return "audio";
  return "document";
}

/* The first line of a thread's first message, shortened. */
static char *
thread_title (const char *text)
{
  gsize line = strcspn (text, "\n");
  g_autofree char *first = g_utf8_make_valid (text, line);
  glong length = g_utf8_strlen (first, -1);

  if (length <= THREAD_TITLE_LENGTH)
    return g_steal_pointer (&first);
  return g_strdup_printf ("%.*s…",
                          (int) (g_utf8_offset_to_pointer (first, THREAD_TITLE_LENGTH) - first),
                          first);
}

static gboolean
ensure_source (Reader  *reader,
               GError **error)
{
  Channel *channel = reader->channel;
  g_autofree char *title = NULL;

  if (channel->source != 0)
    return TRUE;
  if (channel->people)
    title = g_strdup (channel->title);
  else if (reader->workspace != NULL)
    /* TRANSLATORS: a chat channel's source title: "#general on Server". */
    title = g_strdup_printf (_("#%s on %s"), channel->title, reader->workspace);
  else
    title = g_strdup_printf ("#%s", channel->title);

  channel->source = lg_export_job_add_chat (reader->job, "slack_export", channel->id, title, error);
  return channel->source != 0;
}

static LgMessage *
read_message (Reader     *reader,
              JsonObject *object,
              const char *ts,
              const char *text)
{
  Channel *channel = reader->channel;
  g_autoptr(LgMessage) message = lg_message_new ();
  g_autofree char *external_id = g_strdup_printf ("%s/%s", channel->id, ts);
  g_autofree char *thread_ts = read_ts (json_object_get_member (object, "thread_ts"));
  JsonObject *profile = lg_json_member_object (object, "user_profile");
  const char *user_id = nonempty (lg_json_member_string (object, "user"));
  User *user = user_id != NULL ? g_hash_table_lookup (reader->users, user_id) : NULL;
  const char *permalink = lg_json_member_string (object, "permalink");
  const char *author;

  author = user != NULL ? user->title : title_of_profile (NULL, profile);
  if (author == NULL)
    author = nonempty (lg_json_member_string (object, "username"));

  lg_message_set_external_id (message, external_id);
  lg_message_set_sent_at (message, g_ascii_strtoll (ts, NULL, 10));
  lg_message_set_text (message, text);
  lg_message_set_author_name (message, author);
  lg_message_set_author_handle (message, user != NULL ? user->name
                                                      : lg_json_member_string (profile, "name"));
  lg_message_set_author_id (message, user_id);
  lg_message_set_edited (message, lg_json_member_object (object, "edited") != NULL);
  lg_message_set_media_kind (message, read_media_kind (object));
  if (permalink != NULL && g_str_has_prefix (permalink, "https://"))
    lg_message_set_permalink (message, permalink);

  if (thread_ts != NULL && !g_str_equal (thread_ts, ts))
    {
      g_autofree char *parent = g_strdup_printf ("%s/%s", channel->id, thread_ts);
      const char *thread = g_hash_table_lookup (channel->threads, thread_ts);

      lg_message_set_reply_to (message, parent);
      lg_message_set_thread (message, thread != NULL ? thread : channel->thread);
    }
  else if (thread_ts != NULL && *text != '\0')
    {
      /* The first message of a thread names it. */
      g_hash_table_replace (channel->threads, g_strdup (ts), thread_title (text));
      lg_message_set_thread (message, g_hash_table_lookup (channel->threads, ts));
    }
  else
    lg_message_set_thread (message, channel->thread);
  return g_steal_pointer (&message);
}

static gboolean
import_message (LgJsonScan  *scan,
                gpointer     data,
                GError     **error)
{
  Reader *reader = (Reader *) scan;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(LgMessage) message = NULL;
  g_autofree char *ts = NULL;
  g_autofree char *text = NULL;
  JsonObject *object;
  const char *type;
  const char *markup;
  gsize start = scan->pos;

  node = lg_json_scan_parse_message (scan, NULL, error);
  if (node == NULL)
    return FALSE;
  object = json_node_get_object (node);

  type = lg_json_member_string (object, "type");
  if ((type != NULL && !g_str_equal (type, "message")) ||
      !is_kept_subtype (lg_json_member_string (object, "subtype")))
    {
      reader->job->stats.skipped++;
      return TRUE;
    }

  ts = read_ts (json_object_get_member (object, "ts"));
  if (ts == NULL)
    {
      scan->pos = start;
      return lg_json_scan_fail (scan, error, _("a message has no time (ts)"));
    }

  markup = lg_json_member_string (object, "text");
  text = plain_text (reader, markup != NULL ? markup : "");
  if (!ensure_source (reader, error))
    return FALSE;
  message = read_message (reader, object, ts, text);
  return lg_export_job_add_message (reader->job, reader->channel->source, message, error) &&
         lg_export_job_tick (reader->job, reader->fraction, error);
}

/* name is FOLDER/DAY.json, relative to the export's top. */
static gboolean
import_day (Reader      *reader,
            const char  *name,
            const char  *data,
            gsize        length,
            GError     **error)
{
  g_autofree char *folder = g_strndup (name, strcspn (name, "/"));
  gboolean ok;

  if (g_cancellable_set_error_if_cancelled (reader->job->cancellable, error))
    return FALSE;

  reader->channel = g_hash_table_lookup (reader->channels, folder);
  if (reader->channel == NULL)
    {
      /* A conversation the lists leave out: known by its folder. */
      Channel *channel = g_new0 (Channel, 1);

      channel->id = g_strdup (folder);
      channel->title = g_strdup (folder);
      channel->thread = g_strdup (folder);
      channel->threads = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_hash_table_replace (reader->channels, g_strdup (folder), channel);
      reader->channel = channel;
    }

  lg_json_scan_init (&reader->json, data, length, name, failure ());
  ok = lg_json_scan_each_element (&reader->json, import_message, NULL, error) &&
       lg_json_scan_expect_end (&reader->json, error);
  lg_json_scan_clear (&reader->json);
  return ok;
}

static gboolean
is_metadata (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (metadata_files); i++)
    if (g_str_equal (name, metadata_files[i]))
      return TRUE;
  return FALSE;
}

/* FOLDER/DAY.json: one slash, a .json file. */
static gboolean
is_day (const char *name)
{
  const char *slash = strchr (name, '/');

  return slash != NULL && slash != name && strchr (slash + 1, '/') == NULL &&
         g_str_has_suffix (slash + 1, ".json") && slash[1] != '.';
}

/* A folder. */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static GPtrArray *
list_sorted (const char *path,
             gboolean    folders)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *full = g_build_filename (path, name, NULL);

      if (name[0] == '.' || g_file_test (full, G_FILE_TEST_IS_DIR) != folders ||
          (!folders && !g_str_has_suffix (name, ".json")))
        continue;
      g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, compare_names);
  return names;
}

static gboolean
read_file (const char  *path,
           const char  *name,
           char       **data,
           gsize       *length,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (g_file_get_contents (path, data, length, &local_error))
    return TRUE;
  g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_EXPORT,
               _("Could not read “%s”: %s. Nothing was imported."), name,
               local_error->message);
  return FALSE;
}

static gboolean
read_folder (Reader      *reader,
             const char  *path,
             GError     **error)
{
  g_autoptr(GPtrArray) folders = list_sorted (path, TRUE);
  g_autoptr(GPtrArray) days = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (metadata_files); i++)
    {
      g_autofree char *file = g_build_filename (path, metadata_files[i], NULL);
      g_autofree char *data = NULL;
      gsize length;

      if (!g_file_test (file, G_FILE_TEST_IS_REGULAR))
        continue;
      if (!read_file (file, metadata_files[i], &data, &length, error) ||
          !read_metadata (reader, metadata_files[i], data, length, error))
        return FALSE;
    }
  if (!reader->has_metadata)
    return TRUE;
  name_conversations (reader);

  for (guint i = 0; i < folders->len; i++)
    {
      g_autofree char *folder = g_build_filename (path, g_ptr_array_index (folders, i), NULL);
      g_autoptr(GPtrArray) files = list_sorted (folder, FALSE);

      for (guint j = 0; j < files->len; j++)
        g_ptr_array_add (days, g_build_filename (g_ptr_array_index (folders, i),
                                                 g_ptr_array_index (files, j), NULL));
    }

  for (guint i = 0; i < days->len; i++)
    {
      const char *name = g_ptr_array_index (days, i);
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_autofree char *data = NULL;
      gsize length;

      reader->fraction = (double) i / days->len;
      if (!read_file (file, name, &data, &length, error) ||
          !import_day (reader, name, data, length, error))
        return FALSE;
    }
  return TRUE;
}

/* A zip. */

static gboolean
zip_failed (struct archive  *zip,
            const char      *path,
            GError         **error)
{
  g_autofree char *name = g_path_get_basename (path);

  g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_EXPORT,
               _("Could not read “%s” as a .zip file: %s. Nothing was imported."), name,
               archive_error_string (zip) ? archive_error_string (zip) : g_strerror (EIO));
  return FALSE;
}

static struct archive *
open_zip (const char  *path,
          GError     **error)
{
  struct archive *zip = archive_read_new ();

  archive_read_support_format_zip (zip);
  if (archive_read_open_filename (zip, path, 64 * 1024) == ARCHIVE_OK)
    return zip;

  zip_failed (zip, path, error);
  archive_read_free (zip);
  return NULL;
}

static GBytes *
read_entry (struct archive  *zip,
            const char      *path,
            const char      *name,
            GError         **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  guint8 buffer[64 * 1024];
  la_ssize_t n;

  while ((n = archive_read_data (zip, buffer, sizeof buffer)) > 0)
    {
      if (data->len + (gsize) n > MAX_DAY_SIZE)
        {
          g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_EXPORT,
                       _("The Slack export cannot be read: “%s” is larger than %u MB, more than "
                         "a Slack export writes. Nothing was imported."),
                       name, MAX_DAY_SIZE / (1024 * 1024));
          return NULL;
        }
      g_byte_array_append (data, buffer, n);
    }
  if (n < 0)
    {
      zip_failed (zip, path, error);
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* The entry's name within the export, or NULL when it is not in it. */
static const char *
name_in_export (Reader     *reader,
                const char *entry)
{
  if (reader->prefix == NULL || !g_str_has_prefix (entry, reader->prefix))
    return NULL;
  return entry + strlen (reader->prefix);
}

static gboolean
read_zip_pass (Reader      *reader,
               const char  *path,
               gboolean     metadata,
               GError     **error)
{
  struct archive *zip = open_zip (path, error);
  struct archive_entry *entry;
  gint64 size = 0;
  gboolean ok = TRUE;
  int status;

  if (zip == NULL)
    return FALSE;
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                   G_FILE_QUERY_INFO_NONE, NULL, NULL);

    size = info != NULL ? g_file_info_get_size (info) : 0;
  }

  while (ok && (status = archive_read_next_header (zip, &entry)) == ARCHIVE_OK)
    {
      const char *full = archive_entry_pathname (entry);
      g_autofree char *base = NULL;
      const char *name;
      g_autoptr(GBytes) data = NULL;

      if (full == NULL || archive_entry_filetype (entry) != AE_IFREG)
        continue;
      base = g_path_get_basename (full);

      if (metadata)
        {
          /* The export is where its lists are: at the top, or in one
           * folder the user zipped. */
          if (!is_metadata (base))
            continue;
          if (reader->prefix == NULL)
            reader->prefix = g_strndup (full, strlen (full) - strlen (base));
          name = name_in_export (reader, full);
          if (name == NULL || !g_str_equal (name, base))
            continue;
          data = read_entry (zip, path, name, error);
          ok = data != NULL &&
               read_metadata (reader, base, g_bytes_get_data (data, NULL),
                              g_bytes_get_size (data), error);
          continue;
        }

      name = name_in_export (reader, full);
      if (name == NULL || !is_day (name))
        continue;
      if (size > 0)
        reader->fraction = (double) archive_filter_bytes (zip, -1) / size;
      data = read_entry (zip, path, name, error);
      ok = data != NULL &&
           import_day (reader, name, g_bytes_get_data (data, NULL), g_bytes_get_size (data),
                       error);
    }
  if (ok && status != ARCHIVE_EOF)
    ok = zip_failed (zip, path, error);
  archive_read_free (zip);
  return ok;
}

static gboolean
read_zip (Reader      *reader,
          const char  *path,
          GError     **error)
{
  if (!read_zip_pass (reader, path, TRUE, error))
    return FALSE;
  if (!reader->has_metadata)
    return TRUE;
  name_conversations (reader);
  return read_zip_pass (reader, path, FALSE, error);
}

gboolean
lg_slack_export_read (LgExportJob  *job,
                      GError      **error)
{
  const char *path = job->path;
  Reader reader = { 0 };
  gboolean ok;

  job->stats.kind = "slack";
  reader.job = job;
  reader.workspace = workspace_of (path);
  reader.users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, user_free);
  reader.channels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, channel_free);
  reader.channel_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    ok = lg_export_job_fail_io (job, g_strerror (ENOENT), error);
  else if (g_file_test (path, G_FILE_TEST_IS_DIR))
    ok = read_folder (&reader, path, error);
  else
    ok = read_zip (&reader, path, error);

  if (ok && !reader.has_metadata)
    {
      g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_EXPORT,
                   _("“%s” is not a Slack export: it has neither users.json nor channels.json. "
                     "Nothing was imported. Choose the folder or the .zip file that Slack’s "
                     "Export data gave you."), job->file_name);
      ok = FALSE;
    }

  g_free (reader.workspace);
  g_free (reader.prefix);
  g_hash_table_unref (reader.users);
  g_hash_table_unref (reader.channels);
  g_hash_table_unref (reader.channel_names);
  return ok;
}

gboolean
lg_slack_export_sniff (const char *path,
                       const char *head,
                       gsize       length)
{
  struct archive *zip;
  struct archive_entry *entry;
  gboolean found = FALSE;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      for (guint i = 0; i < 2 && !found; i++)
        {
          g_autofree char *file = g_build_filename (path, metadata_files[i], NULL);

          found = g_file_test (file, G_FILE_TEST_IS_REGULAR);
        }
      return found;
    }

  if (length < 4 || memcmp (head, "PK\3\4", 4) != 0)
    return FALSE;
  /* Names only: a zip's directory is at its end, and libarchive reads it
   * without reading what the files hold. */
  zip = open_zip (path, NULL);
  if (zip == NULL)
    return FALSE;
  while (!found && archive_read_next_header (zip, &entry) == ARCHIVE_OK)
    {
      const char *full = archive_entry_pathname (entry);
      g_autofree char *base = full != NULL ? g_path_get_basename (full) : NULL;
      const char *slash = full != NULL ? strchr (full, '/') : NULL;

      /* At the top, or in one folder. */
      found = base != NULL && (g_str_equal (base, "users.json") ||
                               g_str_equal (base, "channels.json")) &&
              (slash == NULL || strchr (slash + 1, '/') == NULL);
    }
  archive_read_free (zip);
  return found;
}

/* "2024-01-15.json": the name Slack gives a conversation's day. */
static gboolean
is_date_name (const char *name)
{
  static const char shape[] = "0000-00-00.json";

  if (strlen (name) != strlen (shape))
    return FALSE;
  for (guint i = 0; shape[i] != '\0'; i++)
    if (shape[i] == '0' ? !g_ascii_isdigit (name[i]) : name[i] != shape[i])
      return FALSE;
  return TRUE;
}

/* Whether a conversation's folder with a day in it is there: a sandbox that
 * was given one file shows its folder with that file alone. */
static gboolean
has_conversation (const char *path)
{
  g_autoptr(GPtrArray) folders = list_sorted (path, TRUE);

  for (guint i = 0; i < folders->len; i++)
    {
      g_autofree char *folder = g_build_filename (path, g_ptr_array_index (folders, i), NULL);
      g_autoptr(GPtrArray) days = list_sorted (folder, FALSE);

      if (days->len > 0)
        return TRUE;
    }
  return FALSE;
}

char *
lg_slack_export_folder_of (const char *path)
{
  g_autofree char *name = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *top = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;
  name = g_path_get_basename (path);
  parent = g_path_get_dirname (path);
  if (is_metadata (name))
    top = g_steal_pointer (&parent);
  else if (is_date_name (name))
    top = g_path_get_dirname (parent);
  if (top == NULL || !lg_slack_export_sniff (top, NULL, 0) || !has_conversation (top))
    return NULL;
  return g_steal_pointer (&top);
}
