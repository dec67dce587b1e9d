/* lg-json-scan.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A streaming reader of the big JSON files chat exporters write (Telegram
 * Desktop's result.json, DiscordChatExporter's channel files, a Slack day):
 * it walks the text in place and hands one value at a time (a message) to
 * json-glib, so a file of hundreds of megabytes costs a few. Only the shape
 * of the file is its business; what a value means is the importer's.
 *
 * An importer keeps an LgJsonScan as the first member of its own state, so
 * that the callbacks, which get the LgJsonScan, can reach the rest. */
typedef struct _LgJsonScan LgJsonScan;

struct _LgJsonScan
{
  const char         *data;
  gsize               length;
  gsize               pos;       /* where the scanner stands */
  const char         *file_name; /* as the user knows it, for errors */

  /*< private >*/
  const char         *failure;
  GMappedFile        *file;
  JsonParser         *parser;
  GString            *chunk;
  guint               depth;
  gsize               released;
};

/* failure is the importer's sentence for a file it cannot read, translated:
 * a printf format of, in this order, the file's name (%s), the line and the
 * column where it breaks (%u, %u, from 1) and what is wrong there (%s, a
 * phrase: "the file ends too early"). */

/* Maps path read-only; *error is the system's reason when it cannot (a
 * GFileError, not yet a sentence for the user: lg_export_job_fail_io()). */
gboolean  lg_json_scan_open          (LgJsonScan          *scan,
                                      const char          *path,
                                      const char          *file_name,
                                      const char          *failure,
                                      GError             **error);
/* Scans data (not copied: it must outlive the scan). */
void      lg_json_scan_init          (LgJsonScan          *scan,
                                      const char          *data,
                                      gsize                length,
                                      const char          *file_name,
                                      const char          *failure);
void      lg_json_scan_clear         (LgJsonScan          *scan);

/* Sets error to the failure sentence, at the scanner's position. Returns
 * FALSE. */
gboolean  lg_json_scan_fail          (LgJsonScan          *scan,
                                      GError             **error,
                                      const char          *format,
                                      ...) G_GNUC_PRINTF (3, 4);
/* The line (from 1) the byte at is on. */
guint     lg_json_scan_line_at       (LgJsonScan          *scan,
                                      gsize                at);

void      lg_json_scan_skip_space    (LgJsonScan          *scan);
/* TRUE when the next character, after white space, is c (not consumed). */
gboolean  lg_json_scan_peek          (LgJsonScan          *scan,
                                      char                 c);
gboolean  lg_json_scan_expect        (LgJsonScan          *scan,
                                      char                 c,
                                      GError             **error);
gboolean  lg_json_scan_skip_value    (LgJsonScan          *scan,
                                      GError             **error);
/* After the last value: only white space may follow. */
gboolean  lg_json_scan_expect_end    (LgJsonScan          *scan,
                                      GError             **error);

/* Called for each key of an object, the scanner standing on its value,
 * which member() must consume (lg_json_scan_skip_value() at least). The key
 * is the raw text between its quotes. */
typedef gboolean (*LgJsonMemberFunc)  (LgJsonScan  *scan,
                                       const char  *key,
                                       gsize        key_length,
                                       gpointer     data,
                                       GError     **error);
/* Called with the scanner on each element of an array, to consume it. */
typedef gboolean (*LgJsonElementFunc) (LgJsonScan  *scan,
                                       gpointer     data,
                                       GError     **error);

gboolean  lg_json_scan_each_member   (LgJsonScan          *scan,
                                      LgJsonMemberFunc     member,
                                      gpointer             data,
                                      GError             **error);
gboolean  lg_json_scan_each_element  (LgJsonScan          *scan,
                                      LgJsonElementFunc    element,
                                      gpointer             data,
                                      GError             **error);

/* Parses the value the scanner stands on with json-glib, every string in it
 * valid UTF-8. Telegram Desktop writes some control characters as \xNN,
 * which JSON does not allow: they are read as \u00NN. */
JsonNode *lg_json_scan_parse_value   (LgJsonScan          *scan,
                                      GError             **error);

/* The same for an object, keeping only the members named in keep (NULL
 * ends it): the others are skipped, never parsed, which is much cheaper
 * when a message carries more than is read of it. Any other value is parsed
 * whole. */
JsonNode *lg_json_scan_parse_members (LgJsonScan          *scan,
                                      const char * const  *keep,
                                      GError             **error);

/* One message of a list, the scanner on it: lg_json_scan_release_read(),
 * then parsed (only the members in keep, as lg_json_scan_parse_members();
 * whole when keep is NULL). Anything but an object fails there with "a
 * message is not an object". */
JsonNode *lg_json_scan_parse_message (LgJsonScan          *scan,
                                      const char * const  *keep,
                                      GError             **error);

/* Where the object that head (a file's first bytes) begins, after a byte
 * order mark and white space; NULL if it does not begin with one. For the
 * sniffs of lg_chat_import_run(). */
const char *lg_json_head_object      (const char          *head,
                                      gsize                length);

/* Gives back the memory of the pages read so far: a file is read once, front
 * to back. Call it now and then (before each message). */
void      lg_json_scan_release_read  (LgJsonScan          *scan);
/* How much of the data is read, 0–1. */
double    lg_json_scan_fraction      (LgJsonScan          *scan);

gboolean  lg_json_key_is             (const char          *key,
                                      gsize                key_length,
                                      const char          *name);

/* Type tests and getters that never warn: a member of another type than
 * asked for reads as missing. */
gboolean    lg_json_node_is_string   (JsonNode            *node);
gboolean    lg_json_node_is_integer  (JsonNode            *node);
const char *lg_json_member_string    (JsonObject          *object,
                                      const char          *name);
JsonObject *lg_json_member_object    (JsonObject          *object,
                                      const char          *name);
JsonArray  *lg_json_member_array     (JsonObject          *object,
                                      const char          *name);

G_END_DECLS
