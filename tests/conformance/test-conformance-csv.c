/* test-conformance-csv.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CSV reader and the header mapping against files nobody on this project
 * wrote: csv-spectrum's RFC 4180 cases and real CRM export headers.
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "lg-csv-mapping.h"
#include "lg-csv-reader.h"

static char *
conformance_path (const char *folder)
{
  const char *root = g_getenv ("LEADGRAM_CONFORMANCE_DIR");

  if (root == NULL || !g_file_test (root, G_FILE_TEST_IS_DIR))
    return NULL;
  return g_build_filename (root, folder, NULL);
}

/* Reads a whole file: the header, then each row as an array of fields. */
static GPtrArray *
read_all (const char  *path,
          GError     **error)
{
  g_autoptr(LgCsvReader) reader = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  reader = lg_csv_reader_new_for_path (path, LG_CSV_ENCODING_AUTO, 0, NULL, error);
  if (reader == NULL)
    return NULL;
  while (lg_csv_reader_next (reader, NULL, error))
    g_ptr_array_add (rows, g_strdupv ((char **) lg_csv_reader_get_fields (reader)));
  if (error != NULL && *error != NULL)
    return NULL;
  return g_steal_pointer (&rows);
}

static void
check_case (const char *dir,
            const char *name)
{
  g_autofree char *csv = g_strdup_printf ("%s/csvs/%s.csv", dir, name);
  g_autofree char *json = g_strdup_printf ("%s/json/%s.json", dir, name);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *expected;
  char **header;

  rows = read_all (csv, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, >=, 1);
  header = g_ptr_array_index (rows, 0);

  /* Known upstream defect: its JSON does not describe its CSV. */
  if (g_str_equal (name, "location_coordinates"))
    {
      g_assert_cmpuint (rows->len, ==, 2);
      g_assert_cmpuint (g_strv_length (g_ptr_array_index (rows, 1)), ==, g_strv_length (header));
      return;
    }

  g_assert_true (json_parser_load_from_file (parser, json, &error));
  g_assert_no_error (error);
  expected = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (rows->len - 1, ==, json_array_get_length (expected));

  for (guint r = 0; r < json_array_get_length (expected); r++)
    {
      JsonObject *object = json_array_get_object_element (expected, r);
      char **row = g_ptr_array_index (rows, r + 1);

      g_assert_cmpuint (g_strv_length (row), ==, g_strv_length (header));
      g_assert_cmpuint (json_object_get_size (object), ==, g_strv_length (header));
      for (guint c = 0; header[c] != NULL; c++)
        g_assert_cmpstr (row[c], ==, json_object_get_string_member (object, header[c]));
    }
}

static void
test_csv_spectrum (void)
{
  g_autofree char *dir = conformance_path ("csv-spectrum");
  g_autofree char *csvs = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *entry;
  guint n_cases = 0;

  if (dir == NULL)
    {
      g_test_skip ("../shared/conformance is missing: the csv-spectrum cases were not run");
      return;
    }

  csvs = g_build_filename (dir, "csvs", NULL);
  listing = g_dir_open (csvs, 0, NULL);
  g_assert_nonnull (listing);
  while ((entry = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *name = NULL;

      if (!g_str_has_suffix (entry, ".csv"))
        continue;
      name = g_strndup (entry, strlen (entry) - 4);
      g_test_message ("case %s", name);
      check_case (dir, name);
      n_cases++;
    }
  g_assert_cmpuint (n_cases, >=, 12);
}

/* Each real export header maps name, email, phone and company by itself,
 * where the file has such a column. */
static void
test_crm_headers (void)
{
  g_autofree char *dir = conformance_path ("crm-headers");
  g_autoptr(GDir) listing = NULL;
  const char *entry;
  guint n_files = 0;

  if (dir == NULL)
    {
      g_test_skip ("../shared/conformance is missing: the CRM headers were not checked");
      return;
    }

  listing = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (listing);
  while ((entry = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, entry, NULL);
      g_autoptr(GPtrArray) rows = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(LgCsvMapping) mapping = NULL;
      g_autofree char *joined = NULL;
      g_autofree char *lower = NULL;
      char **header;
      gboolean has_name = FALSE, has_email = FALSE, has_phone = FALSE, has_company = FALSE;

      rows = read_all (path, &error);
      g_assert_no_error (error);
      header = g_ptr_array_index (rows, 0);
      mapping = lg_csv_mapping_new ((const char * const *) header, g_strv_length (header));
      n_files++;

      /* What the header offers, judged by a person's reading of it. */
      joined = g_strjoinv ("|", header);
      lower = g_ascii_strdown (joined, -1);
      has_name = strstr (lower, "name") != NULL;
      has_email = strstr (lower, "email") != NULL;
      has_phone = strstr (lower, "phone") != NULL;
      has_company = strstr (lower, "company") != NULL || strstr (lower, "organization") != NULL;

      g_test_message ("%s", entry);
      if (has_name)
        g_assert_true (lg_csv_mapping_find_field (mapping, LG_CSV_FIELD_NAME) >= 0 ||
                       (lg_csv_mapping_find_field (mapping, LG_CSV_FIELD_FIRST_NAME) >= 0 &&
                        lg_csv_mapping_find_field (mapping, LG_CSV_FIELD_LAST_NAME) >= 0));
      if (has_email)
        g_assert_cmpint (lg_csv_mapping_find_field (mapping, LG_CSV_FIELD_EMAIL), >=, 0);
      if (has_phone)
        g_assert_cmpint (lg_csv_mapping_find_field (mapping, LG_CSV_FIELD_PHONE), >=, 0);
      if (has_company)
        g_assert_cmpint (lg_csv_mapping_find_field (mapping, LG_CSV_FIELD_COMPANY), >=, 0);
    }
  g_assert_cmpuint (n_files, >=, 8);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/conformance/csv/spectrum", test_csv_spectrum);
  g_test_add_func ("/conformance/csv/crm-headers", test_crm_headers);

  return g_test_run ();
}
