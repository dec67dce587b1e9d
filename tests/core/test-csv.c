/* test-csv.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CSV reader on the files people really have, the header mapping, the
 * writer, and the contact field checks.
 */

#include "config.h"

#include <string.h>

#include "lg-csv-mapping.h"
#include "lg-csv-reader.h"
#include "lg-csv-writer.h"
#include "lg-test-util.h"

static char *
fixture (const char *name)
{
  return g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "fixtures", "csv", name, NULL);
}

static LgCsvReader *
open_fixture (const char  *name,
              GError     **error)
{
  g_autofree char *path = fixture (name);

  return lg_csv_reader_new_for_path (path, LG_CSV_ENCODING_AUTO, 0, NULL, error);
}

/* Reads every row; returns them joined as "a|b\nc|d\n" for easy comparing. */
static char *
read_joined (LgCsvReader  *reader,
             GError      **error)
{
  GString *out = g_string_new (NULL);

  while (lg_csv_reader_next (reader, NULL, error))
    {
      g_autofree char *row = g_strjoinv ("|", (char **) lg_csv_reader_get_fields (reader));

      g_string_append_printf (out, "%s\n", row);
    }
  return g_string_free (out, FALSE);
}

static void
test_reader_encodings (void)
{
  struct {
    const char *file;
    LgCsvEncoding encoding;
    char delimiter;
    const char *rows;
    gboolean note;
  } cases[] = {
    { "utf16-bom.csv", LG_CSV_ENCODING_UTF16LE, '\t',
      "Name|Email|Phone\nЮлия|julia@example.ru|+7 900 000 00 00\n"
      "Zoë|zoe@example.com|+44 20 0000 0000\n", FALSE },
    { "windows-1252.csv", LG_CSV_ENCODING_WINDOWS_1252, ',',
      "Name|Company|City\nJosé Pérez|Café € S.A.|Málaga\n", TRUE },
    { "utf8-bom-semicolon.csv", LG_CSV_ENCODING_UTF8, ';',
      "Nom|Prénom|Adresse e-mail|Téléphone|Société\n"
      "Dupont|Marie|marie@dupont.fr|01 23 45 67 89|Dupont & Fils\n", FALSE },
    { "tab.tsv", LG_CSV_ENCODING_UTF8, '\t',
      "Name|Email|Notes\nAnn|ann@example.com|has, comma\n", FALSE },
    { "cr-only.csv", LG_CSV_ENCODING_UTF8, ',', "a|b\n1|2\nx\ry|3\n", FALSE },
    /* A Russian Excel export (made with iconv -t CP1251): Cyrillic, not "Àííà". */
    { "windows-1251.csv", LG_CSV_ENCODING_WINDOWS_1251, ';',
      "Имя|Email|Телефон|Компания|Этап\n"
      "Анна Петрова|anna@example.ru|+7 912 345-67-89|ООО «Ромашка»|Новый\n"
      "Иван Смирнов|ivan@example.ru|+7 495 123-45-67|Рога и копыта|Новый\n"
      "Ёлка Щукина|yolka@example.ru||ИП Щукина Ё.|\n", TRUE },
    /* Western text with runs of accented letters (iconv -t CP1252) stays Western. */
    { "windows-1252-german-french.csv", LG_CSV_ENCODING_WINDOWS_1252, ';',
      "Name|Firma|Stadt\nJürgen Müller|Bäckerei Größe GmbH|Köln\n"
      "Hélène Lefèvre|Société créée|Besançon\nÄÖÜ Öztürk|Straße|Zürich\n", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LgCsvReader) reader = open_fixture (cases[i].file, &error);
      g_autofree char *rows = NULL;

      g_test_message ("%s", cases[i].file);
      g_assert_no_error (error);
      g_assert_cmpint (lg_csv_reader_get_encoding (reader), ==, cases[i].encoding);
      g_assert_cmpint (lg_csv_reader_get_delimiter (reader), ==, cases[i].delimiter);
      rows = read_joined (reader, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (rows, ==, cases[i].rows);
      g_assert_true ((lg_csv_reader_get_note (reader) != NULL) == cases[i].note);
    }
}

/* The user's choice of code page wins over the guess, and names parse. */
static void
test_reader_encoding_choice (void)
{
  g_autofree char *path = fixture ("windows-1251.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(LgCsvReader) reader = NULL;
  LgCsvEncoding encoding = LG_CSV_ENCODING_AUTO;

  reader = lg_csv_reader_new_for_path (path, LG_CSV_ENCODING_WINDOWS_1252, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lg_csv_reader_get_encoding (reader), ==, LG_CSV_ENCODING_WINDOWS_1252);
  g_assert_true (lg_csv_reader_next (reader, NULL, &error));
  g_assert_true (lg_csv_reader_next (reader, NULL, &error));
  g_assert_cmpstr (lg_csv_reader_get_field (reader, 0), ==, "Àííà Ïåòðîâà");
  /* Chosen, not guessed: no note. */
  g_assert_null (lg_csv_reader_get_note (reader));

  g_assert_true (lg_csv_encoding_from_name ("CP1251", &encoding));
  g_assert_cmpint (encoding, ==, LG_CSV_ENCODING_WINDOWS_1251);
  g_assert_true (lg_csv_encoding_from_name ("windows-1252", &encoding));
  g_assert_cmpint (encoding, ==, LG_CSV_ENCODING_WINDOWS_1252);
  g_assert_true (lg_csv_encoding_from_name ("utf-8", &encoding));
  g_assert_cmpint (encoding, ==, LG_CSV_ENCODING_UTF8);
  g_assert_false (lg_csv_encoding_from_name ("koi8-r", &encoding));
  g_assert_cmpstr (lg_csv_encoding_get_label (LG_CSV_ENCODING_WINDOWS_1251), ==, "Windows-1251");
}

static void
test_reader_line_ends (void)
{
  const char *variants[] = {
    "h1,h2\r\n\"a\r\nb\",c\r\nd,e\r\n", "h1,h2\n\"a\r\nb\",c\nd,e", "h1,h2\r\"a\r\nb\",c\rd,e\r",
  };

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (variants[i], -1,
                                                                            NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(LgCsvReader) reader = lg_csv_reader_new (stream, LG_CSV_ENCODING_AUTO, 0, NULL,
                                                         &error);
      guint lines[3] = { 0 };
      guint n = 0;

      g_assert_no_error (error);
      while (lg_csv_reader_next (reader, NULL, &error))
        lines[n++] = lg_csv_reader_get_line (reader);
      g_assert_no_error (error);
      /* The quoted line break belongs to the field and counts as a line. */
      g_assert_cmpuint (n, ==, 3);
      g_assert_cmpuint (lines[0], ==, 1);
      g_assert_cmpuint (lines[1], ==, 2);
      g_assert_cmpuint (lines[2], ==, 4);
    }
}

static void
test_reader_ragged (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgCsvReader) reader = open_fixture ("ragged.csv", &error);
  guint counts[4], lines[4], n = 0;

  g_assert_no_error (error);
  while (lg_csv_reader_next (reader, NULL, &error))
    {
      counts[n] = lg_csv_reader_get_n_fields (reader);
      lines[n++] = lg_csv_reader_get_line (reader);
    }
  g_assert_no_error (error);
  /* Not padded, not cut: the importer reports them by line. */
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpuint (counts[1], ==, 2);
  g_assert_cmpuint (counts[2], ==, 1);
  g_assert_cmpuint (lines[2], ==, 3);
  g_assert_cmpuint (counts[3], ==, 3);
}

static void
test_reader_failures (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgCsvReader) reader = NULL;
  g_autofree char *rows = NULL;

  reader = open_fixture ("empty.csv", &error);
  g_assert_null (reader);
  g_assert_error (error, LG_CSV_ERROR, LG_CSV_ERROR_EMPTY);
  g_clear_error (&error);

  reader = open_fixture ("binary.xlsx", &error);
  g_assert_null (reader);
  g_assert_error (error, LG_CSV_ERROR, LG_CSV_ERROR_BINARY);
  g_clear_error (&error);

  reader = open_fixture ("unterminated.csv", &error);
  g_assert_no_error (error);
  rows = read_joined (reader, &error);
  g_assert_error (error, LG_CSV_ERROR, LG_CSV_ERROR_UNTERMINATED);
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_clear_error (&error);
  g_clear_object (&reader);
  g_clear_pointer (&rows, g_free);

  reader = open_fixture ("header-only.csv", &error);
  g_assert_no_error (error);
  rows = read_joined (reader, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rows, ==, "Name|Email|Phone\n");
}

/* Badly quoted fields are read as spreadsheets read them, spaces around
 * quotes aside, and each repaired field says so; the rows around them do not. */
static void
test_reader_repairs (void)
{
  struct {
    guint line;
    const char *company;
    LgCsvRepair repairs;
    gboolean quoted;
  } expected[] = {
    { 1, "Company", LG_CSV_REPAIR_NONE, FALSE },
    { 2, "Acme Ltd", LG_CSV_REPAIR_AFTER_QUOTE, TRUE },
    { 3, "Smith \"Bobby\" Co", LG_CSV_REPAIR_STRAY_QUOTE, FALSE },
    { 4, "Cid Corp", LG_CSV_REPAIR_SPACED_QUOTES, TRUE },
    { 5, "Dee Co", LG_CSV_REPAIR_SPACED_QUOTES, TRUE },
    { 6, "Eve \"Q\" Co", LG_CSV_REPAIR_NONE, TRUE },
    { 7, "Fay, Inc", LG_CSV_REPAIR_NONE, TRUE },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(LgCsvReader) reader = open_fixture ("bad-quotes.csv", &error);
  guint n = 0;

  g_assert_no_error (error);
  while (lg_csv_reader_next (reader, NULL, &error))
    {
      g_autofree char *described = lg_csv_reader_describe_repairs (reader, 1);

      g_assert_cmpuint (n, <, G_N_ELEMENTS (expected));
      g_assert_cmpuint (lg_csv_reader_get_line (reader), ==, expected[n].line);
      g_assert_cmpuint (lg_csv_reader_get_n_fields (reader), ==, 3);
      g_assert_cmpstr (lg_csv_reader_get_field (reader, 1), ==, expected[n].company);
      g_assert_cmpint (lg_csv_reader_get_field_repairs (reader, 1), ==, expected[n].repairs);
      g_assert_cmpint (lg_csv_reader_get_repairs (reader), ==, expected[n].repairs);
      g_assert_cmpint (lg_csv_reader_get_field_quoted (reader, 1), ==, expected[n].quoted);
      /* Only the repaired field of the row is described, with its value. */
      g_assert_null (lg_csv_reader_describe_repairs (reader, 0));
      g_assert_null (lg_csv_reader_describe_repairs (reader, 2));
      if (expected[n].repairs == LG_CSV_REPAIR_NONE)
        g_assert_null (described);
      else
        {
          g_autofree char *value = g_strdup_printf ("“%s”", expected[n].company);

          g_assert_nonnull (strstr (described, value));
        }
      n++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (expected));
}

/* The two lines of the issue, and what each repair is called. */
static void
test_reader_repairs_described (void)
{
  struct {
    const char *text;
    const char *fields;
    LgCsvRepair repairs;
    const char *words;
  } cases[] = {
    { "a,\"b\"c,d\n", "a|bc|d", LG_CSV_REPAIR_AFTER_QUOTE, "after the closing quote" },
    { "a,b\"c,d\n", "a|b\"c|d", LG_CSV_REPAIR_STRAY_QUOTE, "in the middle of the field" },
    { "\"Foo\", \"Bar\"\n", "Foo|Bar", LG_CSV_REPAIR_SPACED_QUOTES, "spaces outside" },
    { "\"Foo\" , \"Bar\" \n", "Foo|Bar", LG_CSV_REPAIR_SPACED_QUOTES, "spaces outside" },
    { "\"Foo\", \"Bar\" \"Baz\"\n", "Foo|Bar \"Baz\"",
      LG_CSV_REPAIR_SPACED_QUOTES | LG_CSV_REPAIR_AFTER_QUOTE | LG_CSV_REPAIR_STRAY_QUOTE,
      "spaces outside" },
    /* Spaces alone are a value, as RFC 4180 says; so is a quote at the end. */
    { "a,  ,c\n", "a|  |c", LG_CSV_REPAIR_NONE, NULL },
    { "a,\"b\"\"\",c", "a|b\"|c", LG_CSV_REPAIR_NONE, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GInputStream) stream = NULL;
      g_autoptr(LgCsvReader) reader = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *fields = NULL;
      g_autofree char *described = NULL;
      LgCsvRepair repairs = LG_CSV_REPAIR_NONE;

      stream = g_memory_input_stream_new_from_data (cases[i].text, -1, NULL);
      reader = lg_csv_reader_new (stream, LG_CSV_ENCODING_UTF8, ',', NULL, &error);
      g_assert_no_error (error);
      g_assert_true (lg_csv_reader_next (reader, NULL, &error));
      g_assert_no_error (error);
      fields = g_strjoinv ("|", (char **) lg_csv_reader_get_fields (reader));
      g_assert_cmpstr (fields, ==, cases[i].fields);
      g_assert_cmpint (lg_csv_reader_get_repairs (reader), ==, cases[i].repairs);
      for (guint f = 0; f < lg_csv_reader_get_n_fields (reader); f++)
        {
          g_autofree char *field_words = lg_csv_reader_describe_repairs (reader, f);

          repairs |= lg_csv_reader_get_field_repairs (reader, f);
          if (field_words != NULL && described == NULL)
            described = g_steal_pointer (&field_words);
        }
      g_assert_cmpint (repairs, ==, cases[i].repairs);
      if (cases[i].words == NULL)
        g_assert_null (described);
      else
        g_assert_nonnull (strstr (described, cases[i].words));
      g_assert_false (lg_csv_reader_next (reader, NULL, &error));
      g_assert_no_error (error);
    }
}

/* A file longer than the read buffer, with a quoted field across a buffer
 * boundary and a trailing empty field. */
static void
test_reader_streaming (void)
{
  g_autoptr(GString) data = g_string_new ("id,text,empty\n");
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(LgCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (data, "%u,\"line one, \"\"quoted\"\"\nline two %u\",\n", i, i);
  stream = g_memory_input_stream_new_from_data (data->str, data->len, NULL);
  reader = lg_csv_reader_new (stream, LG_CSV_ENCODING_AUTO, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lg_csv_reader_next (reader, NULL, &error));
  while (lg_csv_reader_next (reader, NULL, &error))
    {
      g_autofree char *expected = g_strdup_printf ("line one, \"quoted\"\nline two %u", n);

      g_assert_cmpuint (lg_csv_reader_get_n_fields (reader), ==, 3);
      g_assert_cmpstr (lg_csv_reader_get_field (reader, 1), ==, expected);
      g_assert_cmpstr (lg_csv_reader_get_field (reader, 2), ==, "");
      g_assert_cmpuint (lg_csv_reader_get_line (reader), ==, 2 + 2 * n);
      n++;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 5000);
}

/* 10 MB of "a," is one row of 5.2 million columns: the reader stops at the
 * column limit, having read little more than the limit's worth of the file,
 * instead of building the whole row. */
static void
test_reader_too_many_columns (void)
{
  gsize size = 10 * 1024 * 1024;
  char *data = g_malloc (size);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(LgCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  for (gsize i = 0; i < size; i += 2)
    memcpy (data + i, "a,", 2);
  stream = g_memory_input_stream_new_from_data (data, size, g_free);
  reader = lg_csv_reader_new (stream, LG_CSV_ENCODING_AUTO, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (lg_csv_reader_next (reader, NULL, &error));
  g_assert_error (error, LG_CSV_ERROR, LG_CSV_ERROR_TOO_MANY_COLUMNS);
  g_assert_nonnull (strstr (error->message, "10000"));
  g_assert_nonnull (strstr (error->message, "line 1"));
  /* 10,000 columns are 20 KB: the reader went no further than a read buffer
   * or two past them. */
  g_assert_cmpint (lg_csv_reader_get_position (reader), <, 256 * 1024);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
  g_clear_error (&error);

  /* A header of exactly the limit is still read. */
  {
    g_autoptr(GString) row = g_string_new ("x");
    g_autoptr(GInputStream) ok_stream = NULL;
    g_autoptr(LgCsvReader) ok_reader = NULL;

    for (guint i = 1; i < LG_CSV_MAX_COLUMNS; i++)
      g_string_append (row, ",x");
    g_string_append (row, "\n1\n");
    ok_stream = g_memory_input_stream_new_from_data (g_strdup (row->str), row->len, g_free);
    ok_reader = lg_csv_reader_new (ok_stream, LG_CSV_ENCODING_AUTO, ',', NULL, &error);
    g_assert_no_error (error);
    g_assert_true (lg_csv_reader_next (ok_reader, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (lg_csv_reader_get_n_fields (ok_reader), ==, LG_CSV_MAX_COLUMNS);
  }
}

/* A 2 MB field, quoted or not, is an error that names the line; the rows
 * before it are read. */
static void
test_reader_field_too_long (void)
{
  const char *opening[] = { "", "\"" };

  for (guint q = 0; q < G_N_ELEMENTS (opening); q++)
    {
      g_autoptr(GString) data = g_string_new ("name,notes\nAnn,short\nBob,");
      g_autoptr(GInputStream) stream = NULL;
      g_autoptr(LgCsvReader) reader = NULL;
      g_autoptr(GError) error = NULL;

      g_string_append (data, opening[q]);
      for (guint i = 0; i < 2 * 1024 * 1024; i++)
        g_string_append_c (data, 'x');
      g_string_append (data, opening[q]);
      g_string_append (data, "\nCid,after\n");
      stream = g_memory_input_stream_new_from_data (g_strdup (data->str), data->len, g_free);
      reader = lg_csv_reader_new (stream, LG_CSV_ENCODING_AUTO, 0, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (lg_csv_reader_next (reader, NULL, &error));
      g_assert_true (lg_csv_reader_next (reader, NULL, &error));
      g_assert_cmpstr (lg_csv_reader_get_field (reader, 1), ==, "short");
      g_assert_false (lg_csv_reader_next (reader, NULL, &error));
      g_assert_error (error, LG_CSV_ERROR, LG_CSV_ERROR_FIELD_TOO_LONG);
      g_assert_nonnull (strstr (error->message, "line 3"));
      g_assert_nonnull (strstr (error->message, "1 MB"));
      g_assert_cmpint (lg_csv_reader_get_position (reader), <, 1024 * 1024 + 256 * 1024);
    }
}

static void
test_mapping_guess (void)
{
  struct { const char *header; LgCsvField field; } cases[] = {
    { "E-Mail-Adresse", LG_CSV_FIELD_EMAIL },
    { "Téléphone", LG_CSV_FIELD_PHONE },
    { "Телефон", LG_CSV_FIELD_PHONE },
    { "Эл. почта", LG_CSV_FIELD_EMAIL },
    { "Empresa", LG_CSV_FIELD_COMPANY },
    { "Nome da empresa", LG_CSV_FIELD_COMPANY },
    { "Person - Email - Work", LG_CSV_FIELD_EMAIL },
    { "Person - Email (Home)", LG_CSV_FIELD_EMAIL },
    { "Organization - Name*", LG_CSV_FIELD_COMPANY },
    { "Deal - Deal created", LG_CSV_FIELD_CREATED },
    { "MobilePhone", LG_CSV_FIELD_PHONE },
    { "LeadSource", LG_CSV_FIELD_SOURCE },
    { "  FIRST name ", LG_CSV_FIELD_FIRST_NAME },
    { "Фамилия", LG_CSV_FIELD_LAST_NAME },
    { "Lead Status", LG_CSV_FIELD_STAGE },
    { "Emails / Primary Email", LG_CSV_FIELD_EMAIL },
    { "Leadgram ID", LG_CSV_FIELD_ID },
    /* Look-alikes stay unmapped. */
    { "Email Address Quarantined", LG_CSV_FIELD_IGNORE },
    { "Contact owner", LG_CSV_FIELD_IGNORE },
    { "Record ID", LG_CSV_FIELD_IGNORE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].header);
      g_assert_cmpint (lg_csv_field_guess (cases[i].header), ==, cases[i].field);
    }

  g_assert_cmpstr (lg_csv_stage_guess ("Closed - Converted"), ==, "won");
  g_assert_cmpstr (lg_csv_stage_guess ("contact made"), ==, "warm");
  g_assert_cmpstr (lg_csv_stage_guess ("Nurturing"), ==, NULL);
  g_assert_cmpstr (lg_csv_qualification_guess ("Marketing Qualified Lead"), ==, "mql");
}

static void
test_mapping_rules_and_saving (void)
{
  const char *header[] = { "Kunde", "Mail", "Phase" };
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgCsvMapping) mapping = lg_csv_mapping_new (header, 3);
  g_autoptr(LgCsvMapping) again = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found = TRUE;

  g_assert_cmpint (lg_csv_mapping_get_field (mapping, 0), ==, LG_CSV_FIELD_IGNORE);
  g_assert_cmpint (lg_csv_mapping_get_field (mapping, 1), ==, LG_CSV_FIELD_EMAIL);
  g_assert_true (lg_csv_mapping_apply_rule (mapping, "Kunde=name", &error));
  g_assert_no_error (error);
  g_assert_cmpint (lg_csv_mapping_get_field (mapping, 0), ==, LG_CSV_FIELD_NAME);
  g_assert_false (lg_csv_mapping_apply_rule (mapping, "Kunde=shoe-size", &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_clear_error (&error);
  g_assert_false (lg_csv_mapping_apply_rule (mapping, "Nope=name", &error));
  g_clear_error (&error);
  g_assert_true (lg_csv_mapping_apply_rule (mapping, "2=notes", &error));
  g_assert_cmpint (lg_csv_mapping_get_field (mapping, 1), ==, LG_CSV_FIELD_NOTES);

  g_assert_null (lg_csv_mapping_map_label (mapping, LG_CSV_FIELD_STAGE, "Nurturing"));
  lg_csv_mapping_set_label (mapping, LG_CSV_FIELD_STAGE, "Nurturing", "warm");
  g_assert_cmpstr (lg_csv_mapping_map_label (mapping, LG_CSV_FIELD_STAGE, "nurturing "), ==,
                   "warm");

  /* A new file with the same header, spelled a little differently. */
  again = lg_csv_mapping_new ((const char *[]) { "KUNDE", "mail", "Phase" }, 3);
  g_assert_true (lg_csv_mapping_load (again, store, &found, &error));
  g_assert_false (found);
  g_assert_true (lg_csv_mapping_save (mapping, store, &error));
  g_assert_no_error (error);
  g_assert_true (lg_csv_mapping_load (again, store, &found, &error));
  g_assert_true (found);
  g_assert_cmpint (lg_csv_mapping_get_field (again, 0), ==, LG_CSV_FIELD_NAME);
  g_assert_cmpint (lg_csv_mapping_get_field (again, 1), ==, LG_CSV_FIELD_NOTES);
  g_assert_cmpstr (lg_csv_mapping_map_label (again, LG_CSV_FIELD_STAGE, "Nurturing"), ==, "warm");
  /* Saved again, the header's mapping is the new one. */
  g_assert_true (lg_csv_mapping_apply_rule (mapping, "Kunde=company", &error));
  g_assert_true (lg_csv_mapping_save (mapping, store, &error));
  g_assert_no_error (error);
  {
    g_autoptr(LgCsvMapping) third = lg_csv_mapping_new (header, 3);

    g_assert_true (lg_csv_mapping_load (third, store, &found, &error));
    g_assert_true (found);
    g_assert_cmpint (lg_csv_mapping_get_field (third, 0), ==, LG_CSV_FIELD_COMPANY);
  }

  lg_csv_mapping_set_unmapped_to_notes (again, TRUE);
  g_assert_cmpint (lg_csv_mapping_get_field (again, 2), ==, LG_CSV_FIELD_STAGE);
  g_assert_cmpint (lg_csv_mapping_get_field (again, 0), ==, LG_CSV_FIELD_NAME);
}

static void
test_writer (void)
{
  const char *fields[] = {
    "plain", "with, comma", "say \"hi\"", "two\nlines", "=SUM(A1:A2)", "+1 555 0100", "-5",
    "@cmd", "\tTab", "", " padded ", "02079460958", "0", "0.5",
  };
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(LgCsvWriter) writer = lg_csv_writer_new (memory, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (lg_csv_writer_write_row (writer, fields, G_N_ELEMENTS (fields), &error));
  g_assert_true (lg_csv_writer_close (writer, NULL, &error));
  g_assert_no_error (error);
  text = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)));
  g_assert_cmpstr (text, ==,
                   "\xef\xbb\xbfplain,\"with, comma\",\"say \"\"hi\"\"\",\"two\nlines\","
                   "\"'=SUM(A1:A2)\",\"'+1 555 0100\",\"'-5\",\"'@cmd\",\"'\tTab\",,"
                   "\" padded \",\"'02079460958\",0,0.5\r\n");
}

/* The round trip rule: an apostrophe is added exactly where the reader takes
 * one off, and only there. */
static void
test_writer_apostrophe (void)
{
  static const struct { const char *value; const char *written; gboolean stripped; } cases[] = {
    { "'=already quoted", "\"''=already quoted\"", TRUE },
    { "''double", "\"'''double\"", TRUE },
    { "'hello", "'hello", FALSE },
    { "'", "'", FALSE },
    { "'0123", "\"''0123\"", TRUE },
    { "'0123x", "'0123x", FALSE },
    { "=1", "\"'=1\"", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *written = lg_csv_quote_field (cases[i].value, ',');

      g_test_message ("%s", cases[i].value);
      g_assert_cmpstr (written, ==, cases[i].written);
      g_assert_cmpint (lg_csv_cell_has_added_apostrophe (cases[i].value), ==, cases[i].stripped);
    }
}

static void
test_writer_plain_numbers (void)
{
  const char *fields[] = { "-12.50", "-5", "3", "-5x", "=1+2", "-1e3" };
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(LgCsvWriter) writer = lg_csv_writer_new (memory, FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  /* Figures stay numbers; anything else that looks like a formula is neutralised. */
  lg_csv_writer_set_plain_numbers (writer, TRUE);
  g_assert_true (lg_csv_writer_write_row (writer, fields, G_N_ELEMENTS (fields), &error));
  g_assert_true (lg_csv_writer_close (writer, NULL, &error));
  g_assert_no_error (error);
  text = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)));
  g_assert_cmpstr (text, ==, "-12.50,-5,3,\"'-5x\",\"'=1+2\",\"'-1e3\"\r\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/reader/encodings", test_reader_encodings);
  g_test_add_func ("/csv/reader/encoding-choice", test_reader_encoding_choice);
  g_test_add_func ("/csv/reader/line-ends", test_reader_line_ends);
  g_test_add_func ("/csv/reader/ragged", test_reader_ragged);
  g_test_add_func ("/csv/reader/failures", test_reader_failures);
  g_test_add_func ("/csv/reader/repairs", test_reader_repairs);
  g_test_add_func ("/csv/reader/repairs-described", test_reader_repairs_described);
  g_test_add_func ("/csv/reader/streaming", test_reader_streaming);
  g_test_add_func ("/csv/reader/too-many-columns", test_reader_too_many_columns);
  g_test_add_func ("/csv/reader/field-too-long", test_reader_field_too_long);
  g_test_add_func ("/csv/mapping/guess", test_mapping_guess);
  g_test_add_func ("/csv/mapping/rules-and-saving", test_mapping_rules_and_saving);
  g_test_add_func ("/csv/writer", test_writer);
  g_test_add_func ("/csv/writer/plain-numbers", test_writer_plain_numbers);
  g_test_add_func ("/csv/writer/apostrophe", test_writer_apostrophe);

  return g_test_run ();
}
