/* lg-csv-writer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Writes RFC 4180 CSV in UTF-8: CRLF line ends, fields quoted when they hold a
 * comma, quote or line break or start or end with white space, and cells that
 * a spreadsheet would run as a formula (starting with = + - @, tab or CR)
 * neutralised with a leading apostrophe, as are digits after a leading zero,
 * which a spreadsheet would read as a number without the zero. Optionally a
 * BOM first, which Excel needs to see UTF-8.
 *
 * The round trip rule, which our reader (lg-lead-import) follows: a cell that
 * starts with an apostrophe loses exactly that one apostrophe when what
 * follows is formula-like (as above) or is another apostrophe; any other cell
 * is read as it is. So the writer adds an apostrophe to formula-like cells and
 * to cells the reader would otherwise take one from ("'=x" is written
 * "''=x"), and every value comes back unchanged. */
#define LG_TYPE_CSV_WRITER (lg_csv_writer_get_type ())
G_DECLARE_FINAL_TYPE (LgCsvWriter, lg_csv_writer, LG, CSV_WRITER, GObject)

LgCsvWriter *lg_csv_writer_new           (GOutputStream      *stream,
                                          gboolean            bom);
/* Writes to path through a temporary file that replaces it on close. */
LgCsvWriter *lg_csv_writer_new_for_path  (const char         *path,
                                          gboolean            bom,
                                          GError            **error);
gboolean     lg_csv_writer_write_row     (LgCsvWriter        *self,
                                          const char * const *fields,
                                          guint               n_fields,
                                          GError            **error);
gboolean     lg_csv_writer_close         (LgCsvWriter        *self,
                                          GCancellable       *cancellable,
                                          GError            **error);

/* Writes to memory, for standard output and tests; lg_csv_writer_finish_text()
 * closes it and returns what was written. */
LgCsvWriter *lg_csv_writer_new_in_memory (gboolean            bom);
char        *lg_csv_writer_finish_text   (LgCsvWriter        *self,
                                          GError            **error);

/* For figures a program computed: a cell that is a plain decimal number
 * ("-12.50") is written as it is, not neutralised, since a number is no
 * formula and whoever reads the figures wants them as numbers. Off by
 * default, where a cell is text a person or a file supplied. */
void         lg_csv_writer_set_plain_numbers (LgCsvWriter    *self,
                                              gboolean        plain_numbers);

/* Whether a cell read from a file starts with an apostrophe that the writer
 * added (see the round trip rule above) and that the reader takes off. */
gboolean     lg_csv_cell_has_added_apostrophe (const char    *cell);

/* The cell as written, quotes and neutralising included (for tests and
 * previews). */
char        *lg_csv_quote_field          (const char         *field,
                                          char                delimiter);

/* Minor units as "1234.50"; times as ISO 8601 in UTC, "" for 0. */
char        *lg_csv_format_amount        (gint64              minor);
char        *lg_csv_format_time          (gint64              unix_time);

G_END_DECLS
