/* fuzz-csv-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CSV reader, fed any bytes with the encoding and delimiter detected and
 * with them given. Every row it returns must be whole text: fields in UTF-8,
 * as many as it says, each repair of a field's quotes described in UTF-8,
 * lines and positions moving forward within the file;
 * and a file it refuses is refused with a CSV error that says why.
 */

#include "config.h"

#include "lg-csv-reader.h"
#include "lg-fuzz.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  lg_fuzz_init_logging ();
  return 0;
}

static void
check_error (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_true (error->domain == LG_CSV_ERROR || error->domain == G_IO_ERROR);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

static void
read_all (const uint8_t *data,
          size_t         size,
          LgCsvEncoding  encoding,
          char           delimiter)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, size, NULL);
  g_autoptr(LgCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  goffset position = 0;
  guint line = 0;

  reader = lg_csv_reader_new (stream, encoding, delimiter, NULL, &error);
  if (reader == NULL)
    {
      check_error (error);
      return;
    }
  g_assert_no_error (error);
  g_assert_true (delimiter == 0 || lg_csv_reader_get_delimiter (reader) == delimiter);
  g_assert_nonnull (lg_csv_encoding_get_label (lg_csv_reader_get_encoding (reader)));

  while (lg_csv_reader_next (reader, NULL, &error))
    {
      const char * const *fields = lg_csv_reader_get_fields (reader);
      guint n = lg_csv_reader_get_n_fields (reader);
      LgCsvRepair repairs = LG_CSV_REPAIR_NONE;

      g_assert_nonnull (fields);
      g_assert_cmpuint (n, >=, 1);
      g_assert_cmpuint (g_strv_length ((char **) fields), ==, n);
      for (guint i = 0; i < n; i++)
        {
          LgCsvRepair field_repairs = lg_csv_reader_get_field_repairs (reader, i);
          g_autofree char *described = lg_csv_reader_describe_repairs (reader, i);

          g_assert_true (lg_csv_reader_get_field (reader, i) == fields[i]);
          g_assert_true (g_utf8_validate (fields[i], -1, NULL));
          /* A repaired field is told, in text the report can show. */
          g_assert_true ((field_repairs == LG_CSV_REPAIR_NONE) == (described == NULL));
          g_assert_true (described == NULL || g_utf8_validate (described, -1, NULL));
          repairs |= field_repairs;
        }
      g_assert_cmpint (repairs, ==, lg_csv_reader_get_repairs (reader));

      g_assert_cmpuint (lg_csv_reader_get_line (reader), >, line);
      line = lg_csv_reader_get_line (reader);
      g_assert_cmpint (lg_csv_reader_get_position (reader), >=, position);
      position = lg_csv_reader_get_position (reader);
      g_assert_cmpint (position, <=, (goffset) size);
    }
  if (error != NULL)
    check_error (error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  read_all (data, size, LG_CSV_ENCODING_AUTO, 0);
  read_all (data, size, LG_CSV_ENCODING_UTF8, ',');
  read_all (data, size, LG_CSV_ENCODING_WINDOWS_1252, ';');
  return 0;
}
