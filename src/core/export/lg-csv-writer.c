/* lg-csv-writer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-csv"

#include "config.h"

#include <string.h>

#include "lg-csv-writer.h"

struct _LgCsvWriter
{
  GObject        parent_instance;

  GOutputStream *stream;
  GString       *line;
  gboolean       plain_numbers;
};

G_DEFINE_FINAL_TYPE (LgCsvWriter, lg_csv_writer, G_TYPE_OBJECT)

/* Writes are many and small: buffer them. */
#define WRITE_BUFFER (64 * 1024)

static void
lg_csv_writer_finalize (GObject *object)
{
  LgCsvWriter *self = LG_CSV_WRITER (object);

  g_clear_object (&self->stream);
  g_string_free (self->line, TRUE);

  G_OBJECT_CLASS (lg_csv_writer_parent_class)->finalize (object);
}

static void
lg_csv_writer_class_init (LgCsvWriterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lg_csv_writer_finalize;
}

static void
lg_csv_writer_init (LgCsvWriter *self)
{
  self->line = g_string_sized_new (256);
}

LgCsvWriter *
lg_csv_writer_new (GOutputStream *stream,
                   gboolean       bom)
{
  LgCsvWriter *self;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), NULL);

  self = g_object_new (LG_TYPE_CSV_WRITER, NULL);
  self->stream = g_buffered_output_stream_new_sized (stream, WRITE_BUFFER);
  if (bom)
    g_string_append (self->line, "\xef\xbb\xbf");
  return self;
}

LgCsvWriter *
lg_csv_writer_new_for_path (const char  *path,
                            gboolean     bom,
                            GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (stream == NULL)
    return NULL;
  return lg_csv_writer_new (G_OUTPUT_STREAM (stream), bom);
}

void
lg_csv_writer_set_plain_numbers (LgCsvWriter *self,
                                 gboolean     plain_numbers)
{
  g_return_if_fail (LG_IS_CSV_WRITER (self));

  self->plain_numbers = plain_numbers;
}

/* "-12.50": an optional minus, digits, an optional fraction. */
LgCsvWriter *
lg_csv_writer_new_in_memory (gboolean bom)
{
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();

  return lg_csv_writer_new (memory, bom);
}

char *
lg_csv_writer_finish_text (LgCsvWriter  *self,
                           GError      **error)
{
  GOutputStream *base;

  g_return_val_if_fail (LG_IS_CSV_WRITER (self), NULL);

  base = g_filter_output_stream_get_base_stream (G_FILTER_OUTPUT_STREAM (self->stream));
  g_return_val_if_fail (G_IS_MEMORY_OUTPUT_STREAM (base), NULL);

  if (!lg_csv_writer_close (self, NULL, error))
    return NULL;
  return g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (base)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (base)));
}

static gboolean
is_plain_number (const char *field)
{
  const char *p = field[0] == '-' ? field + 1 : field;
  gsize whole = strspn (p, "0123456789");

  if (whole == 0)
    return FALSE;
  p += whole;
  if (*p == '.')
    {
      gsize fraction = strspn (p + 1, "0123456789");

      if (fraction == 0)
        return FALSE;
      p += 1 + fraction;
    }
  return *p == '\0';
}

/* What a spreadsheet would run as a formula or read as a number. */
static gboolean
formula_like (const char *field)
{
  if (field[0] == '=' || field[0] == '+' || field[0] == '-' || field[0] == '@' ||
      field[0] == '\t' || field[0] == '\r')
    return TRUE;
  /* Digits after a leading zero (a phone number such as 02079460958): a
   * spreadsheet would read a number and drop the zero; "'0…" it keeps as text. */
  return field[0] == '0' && g_ascii_isdigit (field[1]) &&
         field[strspn (field, "0123456789")] == '\0';
}

gboolean
lg_csv_cell_has_added_apostrophe (const char *cell)
{
  g_return_val_if_fail (cell != NULL, FALSE);

  return cell[0] == '\'' && (cell[1] == '\'' || formula_like (cell + 1));
}

static gboolean
needs_neutralising (const char *field,
                    gboolean    plain_numbers)
{
  if (plain_numbers && is_plain_number (field))
    return FALSE;
  /* "'=x" would lose its own apostrophe on the way back: it gets a second. */
  return formula_like (field) || lg_csv_cell_has_added_apostrophe (field);
}

static void
append_field (GString    *out,
              const char *field,
              char        delimiter,
              gboolean    plain_numbers)
{
  gboolean neutralise = needs_neutralising (field, plain_numbers);
  gboolean quote;

  /* A spreadsheet runs "=HYPERLINK(...)" as a formula; "'=" it shows as text. */
  quote = strchr (field, delimiter) != NULL || strpbrk (field, "\"\r\n") != NULL ||
          neutralise || g_ascii_isspace (field[0]) ||
          (field[0] != '\0' && g_ascii_isspace (field[strlen (field) - 1]));

  if (!quote)
    {
      g_string_append (out, field);
      return;
    }

  g_string_append_c (out, '"');
  if (neutralise)
    g_string_append_c (out, '\'');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

char *
lg_csv_quote_field (const char *field,
                    char        delimiter)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (field != NULL, NULL);

  append_field (out, field, delimiter, FALSE);
  return g_string_free (out, FALSE);
}

gboolean
lg_csv_writer_write_row (LgCsvWriter        *self,
                         const char * const *fields,
                         guint               n_fields,
                         GError            **error)
{
  gboolean ok;

  g_return_val_if_fail (LG_IS_CSV_WRITER (self), FALSE);

  for (guint i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (self->line, ',');
      append_field (self->line, fields[i] != NULL ? fields[i] : "", ',', self->plain_numbers);
    }
  g_string_append (self->line, "\r\n");

  ok = g_output_stream_write_all (self->stream, self->line->str, self->line->len, NULL, NULL,
                                  error);
  g_string_truncate (self->line, 0);
  return ok;
}

gboolean
lg_csv_writer_close (LgCsvWriter   *self,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_return_val_if_fail (LG_IS_CSV_WRITER (self), FALSE);

  /* A BOM with no rows is still written. */
  if (self->line->len > 0 &&
      !g_output_stream_write_all (self->stream, self->line->str, self->line->len, NULL,
                                  cancellable, error))
    return FALSE;
  g_string_truncate (self->line, 0);
  return g_output_stream_close (self->stream, cancellable, error);
}

char *
lg_csv_format_amount (gint64 minor)
{
  return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%02d", minor < 0 ? "-" : "",
                          ABS (minor) / 100, (int) (ABS (minor) % 100));
}

char *
lg_csv_format_time (gint64 unix_time)
{
  g_autoptr(GDateTime) time = NULL;

  if (unix_time == 0)
    return g_strdup ("");
  time = g_date_time_new_from_unix_utc (unix_time);
  return time != NULL ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("");
}
