/* lg-json-scan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A chat export can hold hundreds of thousands of messages. Parsing it whole
 * would build a tree many times the file's size, so this scanner walks the
 * file's structure in place (a read-only mapping) and hands each message, one
 * at a time, to json-glib. It knows just enough JSON to find where each value
 * begins and ends; json-glib checks the values it is given.
 */

#define G_LOG_DOMAIN "lg-json-scan"

#include "config.h"

#include <sys/mman.h>

#include <glib/gi18n.h>

#include "lg-json-scan.h"
#include "lg-sources.h"

/* Exporters nest a few levels (an account, its chats, a message, its text
 * parts); a file nested hundreds of levels deep is something else, and
 * walking it would use the stack up. */
#define MAX_DEPTH 512

/* Pages read are given back this many bytes at a time. */
#define RELEASE_STEP (8 * 1024 * 1024)

void
lg_json_scan_init (LgJsonScan         *scan,
                   const char         *data,
                   gsize               length,
                   const char         *file_name,
                   const char         *failure)
{
  g_return_if_fail (scan != NULL && failure != NULL);

  memset (scan, 0, sizeof *scan);
  scan->data = data != NULL ? data : "";
  scan->length = data != NULL ? length : 0;
  scan->file_name = file_name;
  scan->failure = failure;
  scan->parser = json_parser_new ();
  scan->chunk = g_string_new (NULL);
  /* Some editors and Windows tools begin a UTF-8 file with a byte order
   * mark, which JSON does not know. */
  if (scan->length >= 3 && memcmp (scan->data, "\xef\xbb\xbf", 3) == 0)
    scan->pos = 3;
}

gboolean
lg_json_scan_open (LgJsonScan          *scan,
                   const char          *path,
                   const char          *file_name,
                   const char          *failure,
                   GError             **error)
{
  GMappedFile *file;

  g_return_val_if_fail (scan != NULL && path != NULL, FALSE);

  file = g_mapped_file_new (path, FALSE, error);
  if (file == NULL)
    return FALSE;
  lg_json_scan_init (scan, g_mapped_file_get_contents (file), g_mapped_file_get_length (file),
                     file_name, failure);
  scan->file = file;
  return TRUE;
}

void
lg_json_scan_clear (LgJsonScan *scan)
{
  g_clear_object (&scan->parser);
  if (scan->chunk != NULL)
    g_string_free (g_steal_pointer (&scan->chunk), TRUE);
  g_clear_pointer (&scan->file, g_mapped_file_unref);
}

guint
lg_json_scan_line_at (LgJsonScan *scan,
                      gsize       at)
{
  guint line = 1;

  for (const char *p = scan->data; p < scan->data + MIN (at, scan->length); p++)
    if (*p == '\n')
      line++;
  return line;
}

static guint
column_at (LgJsonScan *scan,
           gsize       at)
{
  gsize end = MIN (at, scan->length);
  gsize start = end;

  while (start > 0 && scan->data[start - 1] != '\n')
    start--;
  return end - start + 1;
}

gboolean
lg_json_scan_fail (LgJsonScan  *scan,
                   GError     **error,
                   const char  *format,
                   ...)
{
  g_autofree char *detail = NULL;
  va_list args;

  va_start (args, format);
  detail = g_strdup_vprintf (format, args);
  va_end (args);

  /* The order of failure's arguments is lg-json-scan.h's. */
  g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_EXPORT, scan->failure,
               scan->file_name, lg_json_scan_line_at (scan, scan->pos),
               column_at (scan, scan->pos), detail);
  return FALSE;
}

/* Called when the scanner enters an object or an array. */
static gboolean
enter (LgJsonScan  *scan,
       GError     **error)
{
  if (scan->depth < MAX_DEPTH)
    {
      scan->depth++;
      return TRUE;
    }
  return lg_json_scan_fail (scan, error,
                            _("its lists and objects are nested too deeply (more than %u "
                              "levels)"), MAX_DEPTH);
}

void
lg_json_scan_skip_space (LgJsonScan *scan)
{
  while (scan->pos < scan->length && g_ascii_isspace (scan->data[scan->pos]))
    scan->pos++;
}

gboolean
lg_json_scan_peek (LgJsonScan *scan,
                   char        c)
{
  lg_json_scan_skip_space (scan);
  return scan->pos < scan->length && scan->data[scan->pos] == c;
}

gboolean
lg_json_scan_expect (LgJsonScan  *scan,
                     char         c,
                     GError     **error)
{
  lg_json_scan_skip_space (scan);
  if (scan->pos >= scan->length)
    return lg_json_scan_fail (scan, error, _("the file ends too early"));
  if (scan->data[scan->pos] != c)
    return lg_json_scan_fail (scan, error, _("“%c” was expected"), c);
  scan->pos++;
  return TRUE;
}

gboolean
lg_json_scan_expect_end (LgJsonScan  *scan,
                         GError     **error)
{
  lg_json_scan_skip_space (scan);
  if (scan->pos < scan->length)
    return lg_json_scan_fail (scan, error, _("something follows the end of the export"));
  return TRUE;
}

static gboolean
skip_string (LgJsonScan  *scan,
             GError     **error)
{
  if (!lg_json_scan_expect (scan, '"', error))
    return FALSE;

  while (scan->pos < scan->length)
    {
      char c = scan->data[scan->pos++];

      if (c == '"')
        return TRUE;
      if (c == '\\')
        scan->pos++;
    }
  return lg_json_scan_fail (scan, error, _("a text never ends"));
}

/* The members of an object whose "{" the scanner has read. */
static gboolean
each_member_inside (LgJsonScan        *scan,
                    LgJsonMemberFunc   member,
                    gpointer           data,
                    GError           **error)
{
  if (lg_json_scan_peek (scan, '}'))
    {
      scan->pos++;
      return TRUE;
    }

  for (;;)
    {
      gsize key_start, key_end;

      lg_json_scan_skip_space (scan);
      key_start = scan->pos + 1;
      if (!skip_string (scan, error))
        return FALSE;
      key_end = scan->pos - 1;
      if (!lg_json_scan_expect (scan, ':', error))
        return FALSE;
      lg_json_scan_skip_space (scan);
      if (!member (scan, scan->data + key_start, key_end - key_start, data, error))
        return FALSE;
      if (lg_json_scan_peek (scan, ','))
        {
          scan->pos++;
          continue;
        }
      return lg_json_scan_expect (scan, '}', error);
    }
}

gboolean
lg_json_scan_each_member (LgJsonScan        *scan,
                          LgJsonMemberFunc   member,
                          gpointer           data,
                          GError           **error)
{
  gboolean ok;

  if (!lg_json_scan_expect (scan, '{', error) || !enter (scan, error))
    return FALSE;
  ok = each_member_inside (scan, member, data, error);
  scan->depth--;
  return ok;
}

/* The elements of an array whose "[" the scanner has read. */
static gboolean
each_element_inside (LgJsonScan         *scan,
                     LgJsonElementFunc   element,
                     gpointer            data,
                     GError            **error)
{
  if (lg_json_scan_peek (scan, ']'))
    {
      scan->pos++;
      return TRUE;
    }

  for (;;)
    {
      lg_json_scan_skip_space (scan);
      if (!element (scan, data, error))
        return FALSE;
      if (lg_json_scan_peek (scan, ','))
        {
          scan->pos++;
          continue;
        }
      return lg_json_scan_expect (scan, ']', error);
    }
}

gboolean
lg_json_scan_each_element (LgJsonScan         *scan,
                           LgJsonElementFunc   element,
                           gpointer            data,
                           GError            **error)
{
  gboolean ok;

  if (!lg_json_scan_expect (scan, '[', error) || !enter (scan, error))
    return FALSE;
  ok = each_element_inside (scan, element, data, error);
  scan->depth--;
  return ok;
}

static gboolean
skip_member (LgJsonScan  *scan,
             const char  *key,
             gsize        key_length,
             gpointer     data,
             GError     **error)
{
  return lg_json_scan_skip_value (scan, error);
}

static gboolean
skip_element (LgJsonScan  *scan,
              gpointer     data,
              GError     **error)
{
  return lg_json_scan_skip_value (scan, error);
}

static gboolean
is_number_char (char c)
{
  return g_ascii_isdigit (c) || c == '+' || c == '-' || c == '.' || c == 'e' || c == 'E';
}

gboolean
lg_json_scan_skip_value (LgJsonScan  *scan,
                         GError     **error)
{
  static const char *literals[] = { "true", "false", "null" };
  gsize start;

  lg_json_scan_skip_space (scan);
  if (scan->pos >= scan->length)
    return lg_json_scan_fail (scan, error, _("the file ends too early"));

  switch (scan->data[scan->pos])
    {
    case '"':
      return skip_string (scan, error);
    case '{':
      return lg_json_scan_each_member (scan, skip_member, NULL, error);
    case '[':
      return lg_json_scan_each_element (scan, skip_element, NULL, error);
    default:
      break;
    }

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    if (scan->length - scan->pos >= strlen (literals[i]) &&
        strncmp (scan->data + scan->pos, literals[i], strlen (literals[i])) == 0)
      {
        scan->pos += strlen (literals[i]);
        return TRUE;
      }

  start = scan->pos;
  while (scan->pos < scan->length && is_number_char (scan->data[scan->pos]))
    scan->pos++;
  if (scan->pos == start)
    return lg_json_scan_fail (scan, error, _("a value was expected"));
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

/* Parses text, which the scanner found at start, with json-glib. */
static JsonNode *
parse_text (LgJsonScan  *scan,
            const char  *text,
            gsize        length,
            gsize        start,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean in_string = FALSE;

  g_string_truncate (scan->chunk, 0);
  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (in_string && c == '\\' && i + 1 < length)
        {
          if (text[i + 1] == 'x')
            g_string_append (scan->chunk, "\\u00");
          else
            {
              g_string_append_c (scan->chunk, c);
              g_string_append_c (scan->chunk, text[i + 1]);
            }
          i++;
          continue;
        }
      if (c == '"')
        in_string = !in_string;
      g_string_append_c (scan->chunk, c);
    }

  if (!json_parser_load_from_data (scan->parser, scan->chunk->str, scan->chunk->len,
                                   &local_error))
    {
      scan->pos = start;
      lg_json_scan_fail (scan, error, "%s", local_error->message);
      return NULL;
    }

  make_strings_valid (json_parser_get_root (scan->parser));
  return json_node_ref (json_parser_get_root (scan->parser));
}

JsonNode *
lg_json_scan_parse_value (LgJsonScan  *scan,
                          GError     **error)
{
  gsize start;

  lg_json_scan_skip_space (scan);
  start = scan->pos;
  if (!lg_json_scan_skip_value (scan, error))
    return NULL;
  return parse_text (scan, scan->data + start, scan->pos - start, start, error);
}

typedef struct
{
  const char * const *keep;
  GString            *kept;
} Keeping;

static gboolean
keep_member (LgJsonScan  *scan,
             const char  *key,
             gsize        key_length,
             gpointer     data,
             GError     **error)
{
  Keeping *keeping = data;
  gsize start = scan->pos;

  if (!lg_json_scan_skip_value (scan, error))
    return FALSE;
  for (guint i = 0; keeping->keep[i] != NULL; i++)
    if (lg_json_key_is (key, key_length, keeping->keep[i]))
      {
        if (keeping->kept->len > 1)
          g_string_append_c (keeping->kept, ',');
        g_string_append_c (keeping->kept, '"');
        g_string_append_len (keeping->kept, key, key_length);
        g_string_append (keeping->kept, "\":");
        g_string_append_len (keeping->kept, scan->data + start, scan->pos - start);
        break;
      }
  return TRUE;
}

JsonNode *
lg_json_scan_parse_members (LgJsonScan          *scan,
                            const char * const  *keep,
                            GError             **error)
{
  g_autoptr(GString) kept = NULL;
  Keeping keeping;
  gsize start;

  if (!lg_json_scan_peek (scan, '{'))
    return lg_json_scan_parse_value (scan, error);

  start = scan->pos;
  kept = g_string_new ("{");
  keeping.keep = keep;
  keeping.kept = kept;
  if (!lg_json_scan_each_member (scan, keep_member, &keeping, error))
    return NULL;
  g_string_append_c (kept, '}');
  return parse_text (scan, kept->str, kept->len, start, error);
}

JsonNode *
lg_json_scan_parse_message (LgJsonScan          *scan,
                            const char * const  *keep,
                            GError             **error)
{
  gsize start = scan->pos;
  JsonNode *node;

  lg_json_scan_release_read (scan);
  node = keep != NULL ? lg_json_scan_parse_members (scan, keep, error)
                      : lg_json_scan_parse_value (scan, error);
  if (node == NULL || JSON_NODE_HOLDS_OBJECT (node))
    return node;

  json_node_unref (node);
  scan->pos = start;
  lg_json_scan_fail (scan, error, _("a message is not an object"));
  return NULL;
}

const char *
lg_json_head_object (const char *head,
                     gsize       length)
{
  gsize i = 0;

  if (length >= 3 && memcmp (head, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < length && g_ascii_isspace (head[i]))
    i++;
  return i < length && head[i] == '{' ? head + i : NULL;
}

/* The pages of the memory map already read need not stay resident (they
 * come back from the file should an error message count lines), so a big
 * file costs megabytes, not its size. Data that is not a mapping is the
 * caller's, and stays. */
void
lg_json_scan_release_read (LgJsonScan *scan)
{
#ifdef MADV_DONTNEED
  gsize upto = scan->pos / RELEASE_STEP * RELEASE_STEP;

  if (scan->file == NULL || upto <= scan->released)
    return;
  /* The map starts on a page; RELEASE_STEP is a multiple of any page size. */
  madvise ((void *) (scan->data + scan->released), upto - scan->released, MADV_DONTNEED);
  scan->released = upto;
#endif
}

double
lg_json_scan_fraction (LgJsonScan *scan)
{
  return scan->length > 0 ? (double) scan->pos / scan->length : 1.0;
}

gboolean
lg_json_key_is (const char *key,
                gsize       key_length,
                const char *name)
{
  return key_length == strlen (name) && strncmp (key, name, key_length) == 0;
}

gboolean
lg_json_node_is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

gboolean
lg_json_node_is_integer (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_INT64;
}

/* NULL when the member is missing or not text (a number, a list, an
 * object), so a field of another type is left out rather than handed to
 * json-glib's getters, which warn, or to strcmp as NULL. */
const char *
lg_json_member_string (JsonObject *object,
                       const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return lg_json_node_is_string (node) ? json_node_get_string (node) : NULL;
}

JsonObject *
lg_json_member_object (JsonObject *object,
                       const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonArray *
lg_json_member_array (JsonObject *object,
                      const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}
