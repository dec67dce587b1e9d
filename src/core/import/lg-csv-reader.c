/* lg-csv-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Our own reader rather than libcsv: what real files need most (encoding and
 * BOM sniffing, delimiter detection, line numbers for error reports) lies
 * outside libcsv, and the RFC 4180 state machine itself is small.
 */

#define G_LOG_DOMAIN "lg-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lg-csv-reader.h"

#define BUFFER_SIZE (64 * 1024)
/* Rows looked at to guess the delimiter. */
#define SNIFF_ROWS 20
/* Characters of a repaired field's value quoted back to the user. */
#define DESCRIBED_VALUE 40

typedef enum
{
  STATE_FIELD_START,
  STATE_UNQUOTED,
  STATE_QUOTED,
  STATE_QUOTE_SEEN,
  STATE_QUOTE_SPACE, /* spaces after a closing quote: dropped unless text follows */
} State;

struct _LgCsvReader
{
  GObject        parent_instance;

  GInputStream  *base;    /* the file, for the position */
  GInputStream  *stream;  /* decoded to UTF-8 */
  LgCsvEncoding  encoding;
  char           delimiter;
  gboolean       repaired; /* some fields were not UTF-8 and were converted */
  gboolean       guessed;  /* the encoding is a guess at a Windows code page */

  char          *buffer;
  gsize          length;
  gsize          offset;
  gboolean       eof;

  guint          line;    /* the line being read */
  gboolean       last_cr; /* the previous byte was '\r' */
  guint          row_line;
  guint          field_start; /* offset of the current field in row */
  gboolean       field_blank; /* the unquoted field so far is spaces only */
  guint          quote_end;   /* the length of row at the closing quote */

  GString       *row;     /* the fields, each ended by '\0' */
  GArray        *starts;  /* offset of each field in row */
  GArray        *quoted;  /* gboolean per field: it opened with a quote */
  GArray        *repairs; /* LgCsvRepair per field */
  LgCsvRepair    row_repairs;
  GPtrArray     *fields;  /* pointers into row, NULL-terminated */
};

G_DEFINE_FINAL_TYPE (LgCsvReader, lg_csv_reader, G_TYPE_OBJECT)

G_DEFINE_QUARK (lg-csv-error-quark, lg_csv_error)

static void
lg_csv_reader_finalize (GObject *object)
{
  LgCsvReader *self = LG_CSV_READER (object);

  g_clear_object (&self->stream);
  g_clear_object (&self->base);
  g_free (self->buffer);
  g_string_free (self->row, TRUE);
  g_array_unref (self->starts);
  g_array_unref (self->quoted);
  g_array_unref (self->repairs);
  g_ptr_array_unref (self->fields);

  G_OBJECT_CLASS (lg_csv_reader_parent_class)->finalize (object);
}

static void
lg_csv_reader_class_init (LgCsvReaderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lg_csv_reader_finalize;
}

static void
lg_csv_reader_init (LgCsvReader *self)
{
  self->buffer = g_malloc (BUFFER_SIZE);
  self->row = g_string_sized_new (256);
  self->starts = g_array_new (FALSE, FALSE, sizeof (guint));
  self->quoted = g_array_new (FALSE, FALSE, sizeof (gboolean));
  self->repairs = g_array_new (FALSE, TRUE, sizeof (LgCsvRepair));
  self->fields = g_ptr_array_new ();
  self->line = 1;
}

const char *
lg_csv_encoding_get_label (LgCsvEncoding encoding)
{
  switch (encoding)
    {
    case LG_CSV_ENCODING_UTF8:
      return "UTF-8";
    case LG_CSV_ENCODING_UTF16LE:
      return "UTF-16LE";
    case LG_CSV_ENCODING_UTF16BE:
      return "UTF-16BE";
    case LG_CSV_ENCODING_WINDOWS_1252:
      return "Windows-1252";
    case LG_CSV_ENCODING_WINDOWS_1251:
      return "Windows-1251";
    case LG_CSV_ENCODING_AUTO:
    default:
      return _("Automatic");
    }
}

gboolean
lg_csv_encoding_from_name (const char    *name,
                           LgCsvEncoding *encoding)
{
  static const struct { const char *name; LgCsvEncoding encoding; } names[] = {
    { "auto", LG_CSV_ENCODING_AUTO },
    { "utf-8", LG_CSV_ENCODING_UTF8 }, { "utf8", LG_CSV_ENCODING_UTF8 },
    { "utf-16le", LG_CSV_ENCODING_UTF16LE }, { "utf-16be", LG_CSV_ENCODING_UTF16BE },
    { "windows-1252", LG_CSV_ENCODING_WINDOWS_1252 }, { "cp1252", LG_CSV_ENCODING_WINDOWS_1252 },
    { "windows-1251", LG_CSV_ENCODING_WINDOWS_1251 }, { "cp1251", LG_CSV_ENCODING_WINDOWS_1251 },
  };

  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (encoding != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (name, names[i].name) == 0)
      {
        *encoding = names[i].encoding;
        return TRUE;
      }
  return FALSE;
}

const char *
lg_csv_delimiter_get_label (char delimiter)
{
  switch (delimiter)
    {
    case ',':
      return _("Comma");
    case ';':
      return _("Semicolon");
    case '\t':
      return _("Tab");
    case '|':
      return _("Vertical Bar");
    default:
      return _("Automatic");
    }
}

/* A letter above ASCII in both code pages: Cyrillic А-я, Ё, ё in
 * Windows-1251; accented Latin letters in Windows-1252. */
static inline gboolean
is_high_letter (guint8 byte)
{
  return byte >= 0xc0 || byte == 0xa8 || byte == 0xb8;
}

/* Text that is not UTF-8 is one of the Windows code pages spreadsheets still
 * write: Windows-1251 from a Russian (or other Cyrillic) Windows, else
 * Windows-1252. In Cyrillic text the bytes from 0xC0 up are whole words, so
 * they mostly stand next to each other; in Western text they are the odd
 * accented letter inside a word of ASCII letters ("Müller", "Pérez", even
 * "créée" has more ASCII neighbours than accented ones). Counting which kind
 * of neighbour the high letters have tells the two apart on a line or two. */
static LgCsvEncoding
guess_code_page (const guint8 *data,
                 gsize         length)
{
  gsize high_pairs = 0, mixed_pairs = 0;

  for (gsize i = 1; i < length; i++)
    {
      gboolean before = is_high_letter (data[i - 1]);
      gboolean here = is_high_letter (data[i]);

      if (before && here)
        high_pairs++;
      else if ((before && g_ascii_isalpha (data[i])) || (here && g_ascii_isalpha (data[i - 1])))
        mixed_pairs++;
    }
  return high_pairs > mixed_pairs ? LG_CSV_ENCODING_WINDOWS_1251 : LG_CSV_ENCODING_WINDOWS_1252;
}

/* Looks at the first bytes: a BOM decides; NUL bytes in every other place mean
 * UTF-16 without BOM; other NULs or many control bytes mean not text; invalid
 * UTF-8 means a Windows code page (guess_code_page). */
static gboolean
sniff_encoding (const guint8   *data,
                gsize           length,
                gboolean        complete,
                LgCsvEncoding  *encoding,
                gsize          *bom,
                GError        **error)
{
  gsize even_nul = 0, odd_nul = 0, control = 0;
  const char *end = NULL;

  *bom = 0;
  if (length >= 3 && data[0] == 0xef && data[1] == 0xbb && data[2] == 0xbf)
    {
      *encoding = LG_CSV_ENCODING_UTF8;
      *bom = 3;
      return TRUE;
    }
  if (length >= 2 && data[0] == 0xff && data[1] == 0xfe)
    {
      *encoding = LG_CSV_ENCODING_UTF16LE;
      *bom = 2;
      return TRUE;
    }
  if (length >= 2 && data[0] == 0xfe && data[1] == 0xff)
    {
      *encoding = LG_CSV_ENCODING_UTF16BE;
      *bom = 2;
      return TRUE;
    }

  for (gsize i = 0; i < length; i++)
    {
      if (data[i] == 0)
        {
          if (i % 2 == 0)
            even_nul++;
          else
            odd_nul++;
        }
      else if ((data[i] < 0x20 && data[i] != '\t' && data[i] != '\n' && data[i] != '\r' &&
                data[i] != '\f') || data[i] == 0x7f)
        control++;
    }

  if (length >= 4 && even_nul == 0 && odd_nul * 3 >= length / 2)
    *encoding = LG_CSV_ENCODING_UTF16LE;
  else if (length >= 4 && odd_nul == 0 && even_nul * 3 >= length / 2)
    *encoding = LG_CSV_ENCODING_UTF16BE;
  else if (even_nul + odd_nul > 0 || control * 20 > length)
    {
      g_set_error_literal (error, LG_CSV_ERROR, LG_CSV_ERROR_BINARY,
                           _("This is not a CSV file: it holds binary data. Export the "
                             "spreadsheet as “CSV” and choose that file."));
      return FALSE;
    }
  else if (g_utf8_validate ((const char *) data, length, &end))
    *encoding = LG_CSV_ENCODING_UTF8;
  /* A character cut in two at the end of the sample is no reason to doubt. */
  else if (!complete && length - (gsize) ((const guint8 *) end - data) < 4 &&
           g_utf8_get_char_validated (end, length - ((const guint8 *) end - data)) ==
           (gunichar) -2)
    *encoding = LG_CSV_ENCODING_UTF8;
  else
    *encoding = guess_code_page (data, length);

  return TRUE;
}

static gboolean
fill (LgCsvReader   *self,
      GCancellable  *cancellable,
      GError       **error)
{
  gsize got = 0;

  if (self->offset < self->length)
    memmove (self->buffer, self->buffer + self->offset, self->length - self->offset);
  self->length -= self->offset;
  self->offset = 0;

  if (self->eof)
    return TRUE;

  if (!g_input_stream_read_all (self->stream, self->buffer + self->length,
                                BUFFER_SIZE - self->length, &got, cancellable, error))
    return FALSE;
  if (got < BUFFER_SIZE - self->length)
    self->eof = TRUE;
  self->length += got;
  return TRUE;
}

/* Counts the fields of the first rows of the buffer for one candidate: the
 * delimiter that splits the rows into the same number (>1) of fields wins. */
static guint
score_delimiter (const char *data,
                 gsize       length,
                 char        delimiter)
{
  guint counts[SNIFF_ROWS];
  guint n_rows = 0, fields = 1, same = 0;
  gboolean quoted = FALSE;

  for (gsize i = 0; i < length && n_rows < SNIFF_ROWS; i++)
    {
      char c = data[i];

      if (c == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (c == delimiter)
        fields++;
      else if (c == '\n' || c == '\r')
        {
          if (c == '\r' && i + 1 < length && data[i + 1] == '\n')
            i++;
          counts[n_rows++] = fields;
          fields = 1;
        }
    }
  if (n_rows < SNIFF_ROWS && fields > 1)
    counts[n_rows++] = fields;

  if (n_rows == 0 || counts[0] < 2)
    return 0;
  for (guint i = 0; i < n_rows; i++)
    if (counts[i] == counts[0])
      same++;
  /* Consistency first, then more columns. */
  return same * 1000 + MIN (counts[0], 999);
}

static char
detect_delimiter (const char *data,
                  gsize       length)
{
  static const char candidates[] = { ',', ';', '\t', '|' };
  char best = ',';
  guint best_score = 0;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      guint score = score_delimiter (data, length, candidates[i]);

      if (score > best_score)
        {
          best_score = score;
          best = candidates[i];
        }
    }
  return best;
}

static const char *
encoding_iconv_name (LgCsvEncoding encoding)
{
  switch (encoding)
    {
    case LG_CSV_ENCODING_UTF16LE:
      return "UTF-16LE";
    case LG_CSV_ENCODING_UTF16BE:
      return "UTF-16BE";
    case LG_CSV_ENCODING_WINDOWS_1252:
      return "WINDOWS-1252";
    case LG_CSV_ENCODING_WINDOWS_1251:
      return "WINDOWS-1251";
    case LG_CSV_ENCODING_AUTO:
    case LG_CSV_ENCODING_UTF8:
    default:
      return NULL;
    }
}

LgCsvReader *
lg_csv_reader_new (GInputStream   *stream,
                   LgCsvEncoding   encoding,
                   char            delimiter,
                   GCancellable   *cancellable,
                   GError        **error)
{
  g_autoptr(LgCsvReader) self = NULL;
  g_autoptr(GInputStream) buffered = NULL;
  LgCsvEncoding sniffed;
  const guint8 *peek;
  gsize peeked = 0;
  gsize bom = 0;
  gssize filled;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  self = g_object_new (LG_TYPE_CSV_READER, NULL);
  self->base = g_object_ref (stream);

  buffered = g_buffered_input_stream_new_sized (stream, BUFFER_SIZE);
  filled = g_buffered_input_stream_fill (G_BUFFERED_INPUT_STREAM (buffered), BUFFER_SIZE,
                                         cancellable, error);
  if (filled < 0)
    return NULL;
  peek = g_buffered_input_stream_peek_buffer (G_BUFFERED_INPUT_STREAM (buffered), &peeked);
  if (peeked == 0)
    {
      g_set_error_literal (error, LG_CSV_ERROR, LG_CSV_ERROR_EMPTY,
                           _("The file is empty. Choose the exported CSV file itself."));
      return NULL;
    }

  if (!sniff_encoding (peek, peeked, peeked < BUFFER_SIZE, &sniffed, &bom, error))
    return NULL;
  /* A BOM is skipped even when the caller chose the encoding. */
  self->encoding = encoding == LG_CSV_ENCODING_AUTO ? sniffed : encoding;
  self->guessed = encoding == LG_CSV_ENCODING_AUTO &&
                  (sniffed == LG_CSV_ENCODING_WINDOWS_1252 ||
                   sniffed == LG_CSV_ENCODING_WINDOWS_1251);
  if (bom > 0 && !g_input_stream_skip (buffered, bom, cancellable, error))
    return NULL;

  if (encoding_iconv_name (self->encoding) != NULL)
    {
      g_autoptr(GCharsetConverter) converter = NULL;

      converter = g_charset_converter_new ("UTF-8", encoding_iconv_name (self->encoding), error);
      if (converter == NULL)
        return NULL;
      /* Bytes Windows-1252 leaves undefined become escapes, not a failure. */
      g_charset_converter_set_use_fallback (converter, TRUE);
      self->stream = g_converter_input_stream_new (buffered, G_CONVERTER (converter));
    }
  else
    self->stream = g_object_ref (buffered);

  if (!fill (self, cancellable, error))
    {
      if (error != NULL && *error != NULL && (*error)->domain == G_IO_ERROR &&
          (*error)->code == G_IO_ERROR_INVALID_DATA)
        {
          g_clear_error (error);
          g_set_error (error, LG_CSV_ERROR, LG_CSV_ERROR_ENCODING,
                       _("The file is not valid %s text. Choose another encoding."),
                       lg_csv_encoding_get_label (self->encoding));
        }
      return NULL;
    }

  self->delimiter = delimiter != 0 ? delimiter : detect_delimiter (self->buffer, self->length);
  return g_steal_pointer (&self);
}

LgCsvReader *
lg_csv_reader_new_for_path (const char     *path,
                            LgCsvEncoding   encoding,
                            char            delimiter,
                            GCancellable   *cancellable,
                            GError        **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;
  return lg_csv_reader_new (G_INPUT_STREAM (stream), encoding, delimiter, cancellable, error);
}

LgCsvEncoding
lg_csv_reader_get_encoding (LgCsvReader *self)
{
  g_return_val_if_fail (LG_IS_CSV_READER (self), LG_CSV_ENCODING_AUTO);

  return self->encoding;
}

char
lg_csv_reader_get_delimiter (LgCsvReader *self)
{
  g_return_val_if_fail (LG_IS_CSV_READER (self), ',');

  return self->delimiter;
}

const char *
lg_csv_reader_get_note (LgCsvReader *self)
{
  g_return_val_if_fail (LG_IS_CSV_READER (self), NULL);

  if (self->encoding == LG_CSV_ENCODING_WINDOWS_1252 && self->guessed)
    return _("The file is not UTF-8; it was read as Windows-1252 (Western European). "
             "Check that accented letters look right, or choose another encoding.");
  if (self->encoding == LG_CSV_ENCODING_WINDOWS_1251 && self->guessed)
    return _("The file is not UTF-8; it was read as Windows-1251 (Cyrillic). "
             "Check that the names look right, or choose another encoding.");
  if (self->repaired)
    return _("Some rows were not UTF-8 and were read as Windows-1252. Check that accented "
             "letters look right.");
  return NULL;
}

static void
end_field (LgCsvReader *self)
{
  guint start = g_array_index (self->starts, guint, self->starts->len - 1);
  const char *text = self->row->str + start;
  gsize length = self->row->len - start;

  /* A stray byte in an otherwise UTF-8 file: read that field as Windows-1252
   * rather than reject the row or pass invalid text on. */
  if (self->encoding == LG_CSV_ENCODING_UTF8 && !g_utf8_validate (text, length, NULL))
    {
      g_autofree char *converted = g_convert_with_fallback (text, length, "UTF-8",
                                                            "WINDOWS-1252", "?",
                                                            NULL, NULL, NULL);

      g_string_truncate (self->row, start);
      g_string_append (self->row, converted != NULL ? converted : "");
      self->repaired = TRUE;
    }
  g_string_append_c (self->row, '\0');
}

static gboolean
start_field (LgCsvReader  *self,
             gboolean      quoted,
             GError      **error)
{
  guint start = self->row->len;

  if (self->starts->len >= LG_CSV_MAX_COLUMNS)
    {
      g_set_error (error, LG_CSV_ERROR, LG_CSV_ERROR_TOO_MANY_COLUMNS,
                   _("The row on line %u has more than %u columns, more than any list of "
                     "leads has: this is probably not a CSV file of contacts, or its "
                     "delimiter is not “%s”. Check the file or choose another delimiter."),
                   self->row_line, LG_CSV_MAX_COLUMNS,
                   lg_csv_delimiter_get_label (self->delimiter));
      return FALSE;
    }
  self->field_start = start;
  self->field_blank = TRUE;
  g_array_append_val (self->starts, start);
  g_array_append_val (self->quoted, quoted);
  g_array_set_size (self->repairs, self->repairs->len + 1);
  return TRUE;
}

static void
add_repair (LgCsvReader *self,
            LgCsvRepair  repair)
{
  g_array_index (self->repairs, LgCsvRepair, self->repairs->len - 1) |= repair;
  self->row_repairs |= repair;
}

static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

/* One byte of the current field. */
static inline gboolean
append_byte (LgCsvReader  *self,
             char          c,
             GError      **error)
{
  if (G_UNLIKELY (self->row->len - self->field_start >= LG_CSV_MAX_FIELD))
    {
      g_set_error (error, LG_CSV_ERROR, LG_CSV_ERROR_FIELD_TOO_LONG,
                   _("A field of the row on line %u is longer than %u MB, more than any "
                     "lead needs: a quote (\") is probably missing or misplaced before it. "
                     "Fix the file, or shorten that text, and try again."),
                   self->row_line, (guint) (LG_CSV_MAX_FIELD / (1024 * 1024)));
      return FALSE;
    }
  g_string_append_c (self->row, c);
  return TRUE;
}

static void
publish_row (LgCsvReader *self)
{
  g_ptr_array_set_size (self->fields, 0);
  for (guint i = 0; i < self->starts->len; i++)
    g_ptr_array_add (self->fields, self->row->str + g_array_index (self->starts, guint, i));
  g_ptr_array_add (self->fields, NULL);
}

gboolean
lg_csv_reader_next (LgCsvReader   *self,
                    GCancellable  *cancellable,
                    GError       **error)
{
  State state = STATE_FIELD_START;
  guint quote_line = 0;

  g_return_val_if_fail (LG_IS_CSV_READER (self), FALSE);

  g_string_truncate (self->row, 0);
  g_array_set_size (self->starts, 0);
  g_array_set_size (self->quoted, 0);
  g_array_set_size (self->repairs, 0);
  self->row_repairs = LG_CSV_REPAIR_NONE;
  g_ptr_array_set_size (self->fields, 0);

  for (;;)
    {
      char c;

      if (self->offset == self->length)
        {
          if (!fill (self, cancellable, error))
            return FALSE;
          if (self->length == 0)
            break;
        }

      c = self->buffer[self->offset++];

      /* Line numbers count "\r\n" once and a lone '\r' too. */
      if (c == '\r' || (c == '\n' && !self->last_cr))
        self->line++;
      self->last_cr = c == '\r';

      if (state == STATE_FIELD_START && self->starts->len == 0)
        {
          /* A blank line (or the '\n' of the "\r\n" that ended the last row)
           * is no row. */
          if (c == '\n' || c == '\r')
            continue;
          self->row_line = self->line;
        }

      switch (state)
        {
        case STATE_FIELD_START:
          if (!start_field (self, c == '"', error))
            return FALSE;
          if (c == '"')
            {
              state = STATE_QUOTED;
              quote_line = self->line;
            }
          else if (c == self->delimiter)
            end_field (self);
          else if (c == '\n' || c == '\r')
            {
              end_field (self);
              publish_row (self);
              return TRUE;
            }
          else
            {
              if (!append_byte (self, c, error))
                return FALSE;
              self->field_blank = is_blank (c);
              state = STATE_UNQUOTED;
            }
          break;

        case STATE_QUOTED:
          if (c == '"')
            {
              self->quote_end = self->row->len;
              state = STATE_QUOTE_SEEN;
            }
          else if (!append_byte (self, c, error))
            return FALSE;
          break;

        case STATE_QUOTE_SEEN:
          /* "" inside quotes is one quote. */
          if (c == '"')
            {
              if (!append_byte (self, '"', error))
                return FALSE;
              state = STATE_QUOTED;
              break;
            }
          if (is_blank (c) && c != self->delimiter)
            {
              if (!append_byte (self, c, error))
                return FALSE;
              state = STATE_QUOTE_SPACE;
              break;
            }
          G_GNUC_FALLTHROUGH;

        case STATE_QUOTE_SPACE:
          if (state == STATE_QUOTE_SPACE && is_blank (c) && c != self->delimiter)
            {
              if (!append_byte (self, c, error))
                return FALSE;
              break;
            }
          /* `"Foo" , "Bar"`: spaces around the quotes are layout, not text. */
          if (c == self->delimiter || c == '\n' || c == '\r')
            {
              if (self->row->len > self->quote_end)
                {
                  g_string_truncate (self->row, self->quote_end);
                  add_repair (self, LG_CSV_REPAIR_SPACED_QUOTES);
                }
            }
          else
            {
              /* `"Acme" Ltd`: the text after the closing quote is joined to
               * the quoted text, as spreadsheets do. */
              add_repair (self, LG_CSV_REPAIR_AFTER_QUOTE);
              self->field_blank = FALSE;
            }
          G_GNUC_FALLTHROUGH;

        case STATE_UNQUOTED:
          if (c == self->delimiter)
            {
              end_field (self);
              state = STATE_FIELD_START;
            }
          else if (c == '\n' || c == '\r')
            {
              end_field (self);
              publish_row (self);
              return TRUE;
            }
          else if (c == '"' && self->field_blank && state == STATE_UNQUOTED)
            {
              /* `"Foo", "Bar"`: the spaces before an opening quote are
               * dropped and the field read as quoted, as the writer meant. */
              g_string_truncate (self->row, self->field_start);
              g_array_index (self->quoted, gboolean, self->quoted->len - 1) = TRUE;
              add_repair (self, LG_CSV_REPAIR_SPACED_QUOTES);
              quote_line = self->line;
              state = STATE_QUOTED;
            }
          else
            {
              /* `Smith "Bobby" Co`: the quote is kept as it is, as
               * spreadsheets do; the row is reported for the user to check. */
              if (c == '"' && state == STATE_UNQUOTED)
                add_repair (self, LG_CSV_REPAIR_STRAY_QUOTE);
              if (!append_byte (self, c, error))
                return FALSE;
              if (!is_blank (c))
                self->field_blank = FALSE;
              state = STATE_UNQUOTED;
            }
          break;

        default:
          g_assert_not_reached ();
        }
    }

  if (state == STATE_QUOTED)
    {
      g_set_error (error, LG_CSV_ERROR, LG_CSV_ERROR_UNTERMINATED,
                   _("A quoted field that starts on line %u is never closed: its closing "
                     "quote (\") is missing. Fix the file and try again."), quote_line);
      return FALSE;
    }

  if (self->starts->len == 0)
    return FALSE;

  if (state == STATE_QUOTE_SPACE)
    {
      g_string_truncate (self->row, self->quote_end);
      add_repair (self, LG_CSV_REPAIR_SPACED_QUOTES);
    }

  /* After a last delimiter, an empty last field. */
  if (state == STATE_FIELD_START && !start_field (self, FALSE, error))
    return FALSE;
  end_field (self);
  publish_row (self);
  return TRUE;
}

guint
lg_csv_reader_get_n_fields (LgCsvReader *self)
{
  g_return_val_if_fail (LG_IS_CSV_READER (self), 0);

  return self->starts->len;
}

const char *
lg_csv_reader_get_field (LgCsvReader *self,
                         guint        index)
{
  g_return_val_if_fail (LG_IS_CSV_READER (self), NULL);

  if (index >= self->starts->len)
    return NULL;
  return self->row->str + g_array_index (self->starts, guint, index);
}

const char * const *
lg_csv_reader_get_fields (LgCsvReader *self)
{
  g_return_val_if_fail (LG_IS_CSV_READER (self), NULL);

  return (const char * const *) self->fields->pdata;
}

gboolean
lg_csv_reader_get_field_quoted (LgCsvReader *self,
                                guint        index)
{
  g_return_val_if_fail (LG_IS_CSV_READER (self), FALSE);

  if (index >= self->quoted->len)
    return FALSE;
  return g_array_index (self->quoted, gboolean, index);
}

LgCsvRepair
lg_csv_reader_get_field_repairs (LgCsvReader *self,
                                 guint        index)
{
  g_return_val_if_fail (LG_IS_CSV_READER (self), LG_CSV_REPAIR_NONE);

  if (index >= self->repairs->len)
    return LG_CSV_REPAIR_NONE;
  return g_array_index (self->repairs, LgCsvRepair, index);
}

LgCsvRepair
lg_csv_reader_get_repairs (LgCsvReader *self)
{
  g_return_val_if_fail (LG_IS_CSV_READER (self), LG_CSV_REPAIR_NONE);

  return self->row_repairs;
}

char *
lg_csv_reader_describe_repairs (LgCsvReader *self,
                                guint        index)
{
  LgCsvRepair repairs = lg_csv_reader_get_field_repairs (self, index);
  g_autoptr(GString) what = g_string_new (NULL);
  g_autofree char *flat = NULL;
  g_autofree char *value = NULL;

  if (repairs == LG_CSV_REPAIR_NONE)
    return NULL;

  if (repairs & LG_CSV_REPAIR_STRAY_QUOTE)
    g_string_append (what, _("a quote (\") in the middle of the field, kept"));
  if (repairs & LG_CSV_REPAIR_AFTER_QUOTE)
    g_string_append_printf (what, "%s%s", what->len > 0 ? "; " : "",
                            _("text after the closing quote, joined to the quoted text"));
  if (repairs & LG_CSV_REPAIR_SPACED_QUOTES)
    g_string_append_printf (what, "%s%s", what->len > 0 ? "; " : "",
                            _("spaces outside the quotes, dropped"));

  /* Enough of the value to recognise it; a quote that went astray can make
   * a field swallow a long stretch of the file. */
  flat = g_strdelimit (g_strdup (lg_csv_reader_get_field (self, index)), "\r\n\t", ' ');
  if (g_utf8_strlen (flat, -1) > DESCRIBED_VALUE)
    {
      g_autofree char *start = g_utf8_substring (flat, 0, DESCRIBED_VALUE - 1);

      value = g_strconcat (start, "…", NULL);
    }
  else
    value = g_steal_pointer (&flat);

  /* TRANSLATORS: the first %s says what was wrong with the quotes of a CSV
   * field, the second is the value it was read as. */
  return g_strdup_printf (_("%s: read as “%s”"), what->str, value);
}

guint
lg_csv_reader_get_line (LgCsvReader *self)
{
  g_return_val_if_fail (LG_IS_CSV_READER (self), 0);

  return self->row_line;
}

goffset
lg_csv_reader_get_position (LgCsvReader *self)
{
  g_return_val_if_fail (LG_IS_CSV_READER (self), 0);

  if (G_IS_SEEKABLE (self->base))
    return g_seekable_tell (G_SEEKABLE (self->base));
  return 0;
}
