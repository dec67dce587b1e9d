/* lg-csv-reader.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LG_CSV_ERROR (lg_csv_error_quark ())

typedef enum
{
  LG_CSV_ERROR_EMPTY,        /* the file holds nothing */
  LG_CSV_ERROR_BINARY,       /* not a text file (a spreadsheet, an image, ...) */
  LG_CSV_ERROR_ENCODING,     /* the text cannot be converted to UTF-8 */
  LG_CSV_ERROR_UNTERMINATED, /* a quoted field runs to the end of the file */
  LG_CSV_ERROR_RAGGED,       /* a row has more or fewer fields than the header */
  LG_CSV_ERROR_NO_ROWS,      /* a header but no rows below it */
  LG_CSV_ERROR_READ,         /* the file cannot be read */
  LG_CSV_ERROR_TOO_MANY_COLUMNS, /* a row has more than LG_CSV_MAX_COLUMNS fields */
  LG_CSV_ERROR_FIELD_TOO_LONG,   /* a field is longer than LG_CSV_MAX_FIELD bytes */
  LG_CSV_ERROR_COLUMNS,      /* a column the file must have is not there */
  LG_CSV_ERROR_VALUE,        /* a cell does not hold what its column says */
} LgCsvError;

/* Limits that keep a broken or hostile file from taking the memory: no lead
 * needs more columns or a longer cell. */
#define LG_CSV_MAX_COLUMNS 10000
#define LG_CSV_MAX_FIELD   (1024 * 1024)

/* What the reader did with a badly quoted field, read as spreadsheets read it:
 * the value may not be what the file meant, so the import reports the row. */
typedef enum
{
  LG_CSV_REPAIR_NONE          = 0,
  LG_CSV_REPAIR_STRAY_QUOTE   = 1 << 0, /* b"c: a quote inside an unquoted field, kept */
  LG_CSV_REPAIR_AFTER_QUOTE   = 1 << 1, /* "b"c: text after the closing quote, joined */
  LG_CSV_REPAIR_SPACED_QUOTES = 1 << 2, /* , "b" : spaces outside the quotes, dropped */
} LgCsvRepair;

typedef enum
{
  LG_CSV_ENCODING_AUTO,
  LG_CSV_ENCODING_UTF8,
  LG_CSV_ENCODING_UTF16LE,
  LG_CSV_ENCODING_UTF16BE,
  LG_CSV_ENCODING_WINDOWS_1252,
  LG_CSV_ENCODING_WINDOWS_1251,
} LgCsvEncoding;

/* A streaming RFC 4180 reader for the files people really have: UTF-8 with or
 * without BOM, UTF-16 with BOM, and for other text the Windows code page a
 * spreadsheet wrote it in, Windows-1251 (Cyrillic) or Windows-1252 (Western),
 * told apart by how the letters above ASCII sit in words; CRLF, LF or CR line
 * ends; comma, semicolon, tab or bar as delimiter, detected from the first
 * rows. Badly quoted fields are read as spreadsheets read them, except that
 * spaces around quotes are dropped, and each is told (get_field_repairs) so
 * the user can check it. It holds one read buffer and the current row,
 * whatever the file size;
 * a row of more than LG_CSV_MAX_COLUMNS fields or a field of more than
 * LG_CSV_MAX_FIELD bytes is an error, so the row stays bounded too. */
#define LG_TYPE_CSV_READER (lg_csv_reader_get_type ())
G_DECLARE_FINAL_TYPE (LgCsvReader, lg_csv_reader, LG, CSV_READER, GObject)

GQuark              lg_csv_error_quark             (void);
const char         *lg_csv_encoding_get_label      (LgCsvEncoding   encoding);
/* "auto", "utf-8", "utf-16le", "utf-16be", "windows-1252" (or "cp1252"),
 * "windows-1251" (or "cp1251"), in any case. */
gboolean            lg_csv_encoding_from_name      (const char     *name,
                                                    LgCsvEncoding  *encoding);
const char         *lg_csv_delimiter_get_label     (char            delimiter);

/* encoding AUTO and delimiter 0 detect them from the start of the stream. */
LgCsvReader        *lg_csv_reader_new              (GInputStream   *stream,
                                                    LgCsvEncoding   encoding,
                                                    char            delimiter,
                                                    GCancellable   *cancellable,
                                                    GError        **error);
LgCsvReader        *lg_csv_reader_new_for_path     (const char     *path,
                                                    LgCsvEncoding   encoding,
                                                    char            delimiter,
                                                    GCancellable   *cancellable,
                                                    GError        **error);

LgCsvEncoding       lg_csv_reader_get_encoding     (LgCsvReader    *self);
char                lg_csv_reader_get_delimiter    (LgCsvReader    *self);
/* A sentence for the user when the text was converted by guess, else NULL. */
const char         *lg_csv_reader_get_note         (LgCsvReader    *self);

/* Reads the next row: TRUE when there is one, FALSE at the end (error unset)
 * or on an error. Blank lines are skipped. */
gboolean            lg_csv_reader_next             (LgCsvReader    *self,
                                                    GCancellable   *cancellable,
                                                    GError        **error);
/* The current row's fields (UTF-8), valid until the next call. */
guint               lg_csv_reader_get_n_fields     (LgCsvReader    *self);
const char         *lg_csv_reader_get_field        (LgCsvReader    *self,
                                                    guint           index);
const char * const *lg_csv_reader_get_fields       (LgCsvReader    *self);
/* Whether the field was in quotes in the file: RFC 4180 keeps a quoted
 * field's spaces, where a spreadsheet's unquoted cell may be trimmed. */
gboolean            lg_csv_reader_get_field_quoted (LgCsvReader    *self,
                                                    guint           index);
/* How the current row's field was repaired (LG_CSV_REPAIR_NONE for a well
 * quoted one), and the same for the whole row. */
LgCsvRepair         lg_csv_reader_get_field_repairs (LgCsvReader  *self,
                                                     guint         index);
LgCsvRepair         lg_csv_reader_get_repairs      (LgCsvReader    *self);
/* What was done to the field and what it was read as, for the user who checks
 * it ("a quote in the middle of the field, kept: read as “b"c”"); NULL when
 * the field needed no repair. */
char               *lg_csv_reader_describe_repairs (LgCsvReader    *self,
                                                    guint           index);
/* The line of the file where the current row starts, from 1. */
guint               lg_csv_reader_get_line         (LgCsvReader    *self);
/* Bytes of the file consumed so far, for progress. */
goffset             lg_csv_reader_get_position     (LgCsvReader    *self);

G_END_DECLS
