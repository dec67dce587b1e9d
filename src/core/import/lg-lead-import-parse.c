/* lg-lead-import-parse.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LgLeadImport's parsing: a CSV row's cells into a Row by the column mapping
 * (names, contacts in the forms the app stores, money, dates, stage and
 * qualification labels), each cell that does not hold what its column says
 * a problem for the user, a failed row kept for the error report, a valid
 * one made into the compact Record the writer gets.
 */

#define G_LOG_DOMAIN "lg-import"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lg-csv-writer.h"
#include "lg-format.h"
#include "lg-lead-form.h"
#include "lg-lead-import-private.h"
#include "lg-lead-validate.h"

void
lg_import_problem_free (gpointer data)
{
  LgImportProblem *problem = data;

  g_free (problem->column);
  g_free (problem->reason);
  g_free (problem);
}

void
lg_lead_import_row_clear (Row *row)
{
  for (guint i = 0; i < LG_CSV_N_FIELDS; i++)
    g_free (row->text[i]);
  g_free (row->name);
  g_free (row->email);
  g_free (row->phone);
  g_free (row->telegram);
  g_free (row->telegram_key);
  g_free (row->notes);
  g_free (row->form_key);
  memset (row, 0, sizeof *row);
}

static void
add_to (GPtrArray  *list,
        guint       line,
        const char *column,
        char       *reason)
{
  LgImportProblem *problem = g_new0 (LgImportProblem, 1);

  problem->line = line;
  problem->column = g_strdup (column);
  problem->reason = reason;
  g_ptr_array_add (list, problem);
}

static void
add_problem (LgLeadImport *self,
             guint         line,
             const char   *column,
             char         *reason)
{
  add_to (self->problems, line, column, reason);
}

/* A badly quoted row is imported as the reader read it, and listed for the
 * user to check, field by field. */
void
lg_lead_import_note_repairs (LgLeadImport *self,
                             LgCsvReader  *reader)
{
  if (lg_csv_reader_get_repairs (reader) == LG_CSV_REPAIR_NONE)
    return;
  self->repaired_rows++;
  for (guint i = 0; i < lg_csv_reader_get_n_fields (reader); i++)
    {
      if (lg_csv_reader_get_field_repairs (reader, i) == LG_CSV_REPAIR_NONE)
        continue;
      if (self->repairs->len >= LG_IMPORT_MAX_LISTED_REPAIRS)
        {
          self->repairs_cut = TRUE;
          return;
        }
      /* A ragged row may have more fields than the header names. */
      add_to (self->repairs, lg_csv_reader_get_line (reader),
              i < lg_csv_mapping_get_n_columns (self->mapping)
                ? lg_csv_mapping_get_header (self->mapping, i) : NULL,
              lg_csv_reader_describe_repairs (reader, i));
    }
}

LgCsvReader *
lg_lead_import_open_file (LgLeadImport  *self,
                          gboolean      *replay,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(LgCsvReader) reader = NULL;

  reader = lg_csv_reader_new_for_path (self->csv_path, self->encoding, self->delimiter,
                                       cancellable, error);
  if (reader == NULL)
    return NULL;

  if (!lg_csv_reader_next (reader, cancellable, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, LG_CSV_ERROR, LG_CSV_ERROR_EMPTY,
                             _("The file is empty. Choose the exported CSV file itself."));
      return NULL;
    }
  if (lg_csv_reader_get_n_fields (reader) != lg_csv_mapping_get_n_columns (self->mapping))
    {
      g_set_error (error, LG_CSV_ERROR, LG_CSV_ERROR_RAGGED,
                   _("The file’s header has %u columns but the column mapping has %u. "
                     "Choose the columns again."),
                   lg_csv_reader_get_n_fields (reader),
                   lg_csv_mapping_get_n_columns (self->mapping));
      return NULL;
    }
  *replay = !self->has_header;
  if (self->has_header)
    lg_lead_import_note_repairs (self, reader);
  return g_steal_pointer (&reader);
}

gboolean
lg_lead_import_next_row (LgCsvReader   *reader,
                         gboolean      *replay,
                         GCancellable  *cancellable,
                         GError       **error)
{
  if (*replay)
    {
      *replay = FALSE;
      return TRUE;
    }
  return lg_csv_reader_next (reader, cancellable, error);
}

char *
lg_import_problem_to_string (const LgImportProblem *problem)
{
  g_return_val_if_fail (problem != NULL, NULL);

  if (problem->column != NULL)
    return g_strdup_printf (_("Line %u, %s: %s"), problem->line, problem->column, problem->reason);
  return g_strdup_printf (_("Line %u: %s"), problem->line, problem->reason);
}

/* Our own export puts an apostrophe before cells a spreadsheet would run as
 * formulas or read as numbers without their leading zero, and before cells
 * that start with an apostrophe of their own that would otherwise be taken
 * off (lg-csv-writer's round trip rule); reading them back takes exactly that
 * one off. A quoted cell keeps its spaces, tabs and CRs at either end, as
 * RFC 4180 says and as our export writes them; an unquoted one is trimmed,
 * as spreadsheets pad cells. */
static char *
cell_value (const char *field,
            gboolean    quoted)
{
  char *value;

  if (lg_csv_cell_has_added_apostrophe (field))
    field++;
  value = g_strdup (field);
  return quoted ? value : g_strstrip (value);
}

/* The fields whose text is stored as written; the others (addresses, numbers,
 * dates, labels) are keys or values that never mean their spaces. */
static gboolean
is_free_text (LgCsvField field)
{
  return field == LG_CSV_FIELD_NAME || field == LG_CSV_FIELD_FIRST_NAME ||
         field == LG_CSV_FIELD_LAST_NAME || field == LG_CSV_FIELD_COMPANY ||
         field == LG_CSV_FIELD_NOTES || field == LG_CSV_FIELD_LOST_REASON ||
         field == LG_CSV_FIELD_ADD_TO_NOTES;
}

static gboolean
make_time (GTimeZone *local,
           int        year,
           int        month,
           int        day,
           int        hour,
           int        minute,
           double     seconds,
           gint64    *out)
{
  g_autoptr(GDateTime) time = NULL;

  if (year < 100)
    year += year < 70 ? 2000 : 1900;
  time = g_date_time_new (local, year, month, day, hour, minute, seconds);
  if (time == NULL)
    return FALSE;
  *out = g_date_time_to_unix (time);
  return TRUE;
}

/* A run of up to 9 ASCII digits (more would overflow an int). */
static gboolean
read_number (const char **p,
             int         *out)
{
  int n = 0, digits = 0;

  for (; g_ascii_isdigit (**p) && digits < 9; (*p)++, digits++)
    n = n * 10 + (**p - '0');
  *out = n;
  return digits > 0 && !g_ascii_isdigit (**p);
}

/* " 10:22", "T10:22:33.5", " 2:05 PM": the time after a date, to the end. */
static gboolean
read_time (const char  *p,
           int         *hour,
           int         *minute,
           double      *seconds)
{
  if ((*p != ' ' && *p != 'T') || !(p++, read_number (&p, hour)) || *p++ != ':' ||
      !read_number (&p, minute))
    return FALSE;
  if (*p == ':')
    {
      char *end;

      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      *seconds = g_ascii_strtod (p, &end);
      p = end;
    }
  while (*p == ' ')
    p++;
  if (g_ascii_strncasecmp (p, "am", 2) == 0 || g_ascii_strncasecmp (p, "pm", 2) == 0)
    {
      gboolean pm = g_ascii_tolower (*p) == 'p';

      if (pm && *hour < 12)
        *hour += 12;
      else if (!pm && *hour == 12)
        *hour = 0;
      p += 2;
    }
  return *p == '\0';
}

/* Dates as exports write them: ISO 8601 (with or without time and zone),
 * "2024-03-01 10:22", "21.02.2023", "2/21/2023 10:22 AM", Unix seconds.
 * Times without a zone are the user's local time. Every row has one or two:
 * the usual forms are read by hand, GLib's ISO 8601 parser takes the rest. */
gboolean
lg_csv_parse_date (const char *text,
                   GTimeZone  *local,
                   gint64     *out)
{
  g_autoptr(GDateTime) iso = NULL;
  g_autofree char *copy = NULL;
  const char *p = text;
  int a, b, c, hour = 0, minute = 0;
  double seconds = 0;
  char sep = 0;
  guint64 number;

  if (read_number (&p, &a) && strchr ("-./", *p) != NULL && (sep = *p++) != 0 &&
      read_number (&p, &b) && *p++ == sep && read_number (&p, &c) &&
      (*p == '\0' || read_time (p, &hour, &minute, &seconds)))
    {
      if (a > 31) /* 2023-02-21, 2023/02/21 */
        return make_time (local, a, b, c, hour, minute, seconds, out);
      if (sep == '.' || a > 12) /* 21.02.2023, 21/02/2023 */
        return make_time (local, c, b, a, hour, minute, seconds, out);
      return make_time (local, c, a, b, hour, minute, seconds, out); /* 2/21/2023, as in the US */
    }

  for (p = text; g_ascii_isdigit (*p); p++)
    ;
  if (*p == '\0' && p - text <= 18 &&
      (number = g_ascii_strtoull (text, NULL, 10)) >= 100000000)
    {
      /* Milliseconds since 1970 have 13 digits. */
      *out = number >= 100000000000 ? (gint64) (number / 1000) : (gint64) number;
      return TRUE;
    }

  /* With a zone, or in another ISO 8601 form. */
  copy = g_strdup (text);
  if (strlen (copy) > 10 && copy[10] == ' ')
    copy[10] = 'T';
  iso = g_date_time_new_from_iso8601 (copy, local);
  if (iso == NULL)
    return FALSE;
  *out = g_date_time_to_unix (iso);
  return TRUE;
}

static const char *
currency_from_text (const char *text,
                    char        code[4])
{
  static const struct { const char *sign; const char *code; } signs[] = {
    { "$", "USD" }, { "€", "EUR" }, { "£", "GBP" }, { "₽", "RUB" }, { "¥", "JPY" },
    { "₴", "UAH" }, { "₹", "INR" }, { "руб", "RUB" }, { "р.", "RUB" },
  };
  g_autofree char *normalized = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (signs); i++)
    if (g_strcmp0 (text, signs[i].sign) == 0)
      {
        g_strlcpy (code, signs[i].code, 4);
        return code;
      }
  if (!lg_lead_validate_currency (text, &normalized, NULL) || normalized == NULL)
    return NULL;
  g_strlcpy (code, normalized, 4);
  return code;
}

/* Labels kept at hand with what they map to. */
#define MAX_SEEN_LABELS 256

/* What the mapping makes of a label, NULL when it does not know it. */
static const char *
map_label (LgLeadImport *self,
           LgCsvField    field,
           const char   *label)
{
  GHashTable *seen = field == LG_CSV_FIELD_STAGE ? self->stage_labels
                                                 : self->qualification_labels;
  gpointer value;

  if (!g_hash_table_lookup_extended (seen, label, NULL, &value))
    {
      value = (gpointer) lg_csv_mapping_map_label (self->mapping, field, label);
      /* A file has a few labels on many rows; one with a label a row keeps
       * the last ones only. */
      if (g_hash_table_size (seen) >= MAX_SEEN_LABELS)
        g_hash_table_remove_all (seen);
      g_hash_table_insert (seen, g_strdup (label), value);
    }
  return value;
}

/* The first LG_IMPORT_MAX_UNKNOWN_LABELS unknown labels, for the user to map. */
static void
remember_unknown (GHashTable *table,
                  const char *label)
{
  char *key;

  if (g_hash_table_size (table) >= LG_IMPORT_MAX_UNKNOWN_LABELS)
    return;
  key = lg_csv_normalize_label (label);
  if (!g_hash_table_contains (table, key))
    g_hash_table_insert (table, key, g_strdup (label));
  else
    g_free (key);
}

/* A lead form's row: the campaign joins the platform in the lead's source
 * ("Meta · Spring Sale", so costs entered per campaign give a cost per lead
 * per campaign), the campaign and the form head the notes, and the
 * platform's lead id is the lead's external id, by which the next import of
 * the same leads finds it. */
static void
add_lead_form (LgCsvMapping  *mapping,
               Row           *row,
               GString      **extra)
{
  LgLeadForm lead_form = lg_csv_mapping_get_lead_form (mapping);
  const char *platform = lead_form != LG_LEAD_FORM_NONE ? lg_lead_form_get_name (lead_form)
                                                        : row->text[LG_CSV_FIELD_SOURCE];
  const char *campaign = row->text[LG_CSV_FIELD_CAMPAIGN];
  const char *form = row->text[LG_CSV_FIELD_FORM];
  const char *id = row->text[LG_CSV_FIELD_FORM_LEAD_ID];
  g_autoptr(GString) lines = NULL;

  if (lead_form == LG_LEAD_FORM_NONE && campaign == NULL && form == NULL && id == NULL)
    return;

  if (lead_form != LG_LEAD_FORM_NONE || campaign != NULL)
    {
      g_free (row->text[LG_CSV_FIELD_SOURCE]);
      row->text[LG_CSV_FIELD_SOURCE] = lg_lead_form_source_name (platform, campaign);
    }

  lines = g_string_new (NULL);
  if (campaign != NULL)
    g_string_append_printf (lines, "%s: %s\n", _("Campaign"), campaign);
  if (form != NULL)
    g_string_append_printf (lines, "%s: %s\n", _("Lead form"), form);
  if (id != NULL)
    row->form_key = lg_lead_form_id_key (lead_form, id);
  if (*extra != NULL)
    g_string_append (lines, (*extra)->str);
  else if (lines->len > 0)
    g_string_truncate (lines, lines->len - 1);
  if (lines->len == 0)
    return;
  if (*extra != NULL)
    g_string_free (*extra, TRUE);
  *extra = g_steal_pointer (&lines);
}

gboolean
lg_lead_import_parse_row (LgLeadImport *self,
                          LgCsvReader  *reader,
                          Row          *row)
{
  LgCsvMapping *mapping = self->mapping;
  guint line = lg_csv_reader_get_line (reader);
  guint n_fields = lg_csv_reader_get_n_fields (reader);
  guint n_columns = lg_csv_mapping_get_n_columns (mapping);
  guint n_problems = self->problems->len;
  LgLeadForm lead_form = lg_csv_mapping_get_lead_form (mapping);
  gboolean test_lead = FALSE;
  g_autoptr(GString) extra = NULL;
  g_autoptr(GError) field_error = NULL;
  const char *first, *last;

#define PROBLEM(field, ...) \
  add_problem (self, line, lg_csv_mapping_get_header (mapping, row->column[field]), \
               g_strdup_printf (__VA_ARGS__))
  /* The validator's own message, the one the lead's detail pane shows. */
#define CONTACT_PROBLEM(field) \
  G_STMT_START { \
    add_problem (self, line, lg_csv_mapping_get_header (mapping, row->column[field]), \
                 g_strdup (field_error->message)); \
    g_clear_error (&field_error); \
  } G_STMT_END

  memset (row, 0, sizeof *row);
  row->line = line;

  /* Padding a short row would shift nothing but would hide a broken file. */
  if (n_fields != n_columns)
    {
      add_problem (self, line, NULL,
                   g_strdup_printf (ngettext ("The row has %u field but the header has %u "
                                              "columns.",
                                              "The row has %u fields but the header has %u "
                                              "columns.", n_fields), n_fields, n_columns));
      return FALSE;
    }

  for (guint i = 0; i < n_columns; i++)
    {
      LgCsvField field = lg_csv_mapping_get_field (mapping, i);
      const char *cell = lg_lead_form_clean_cell (lead_form,
                                                  lg_csv_mapping_get_header (mapping, i), field,
                                                  lg_csv_reader_get_field (reader, i));

      gboolean quoted = is_free_text (field) && lg_csv_reader_get_field_quoted (reader, i);

      if (lg_lead_form_is_test_lead (lead_form, lg_csv_mapping_get_header (mapping, i), cell))
        test_lead = TRUE;
      if (field == LG_CSV_FIELD_IGNORE || cell[0] == '\0')
        continue;
      if (field == LG_CSV_FIELD_ADD_TO_NOTES)
        {
          g_autofree char *value = cell_value (cell, quoted);
          g_autofree char *label = NULL;

          if (value[0] == '\0')
            continue;
          if (extra == NULL)
            extra = g_string_new (NULL);
          /* A lead form's column is a question: "what_is_your_budget?". */
          label = lead_form != LG_LEAD_FORM_NONE ?
                    lg_lead_form_question_label (lg_csv_mapping_get_header (mapping, i)) :
                    g_strdup (lg_csv_mapping_get_header (mapping, i));
          g_string_append_printf (extra, "%s%s%s %s", extra->len > 0 ? "\n" : "", label,
                                  g_str_has_suffix (label, ":") ? "" : ":", value);
          continue;
        }
      /* The first non-empty column wins: "Email - Work" before "Email - Home". */
      if (row->text[field] == NULL)
        {
          char *value = cell_value (cell, quoted);

          if (value[0] == '\0')
            {
              g_free (value);
              continue;
            }
          row->text[field] = value;
          row->column[field] = i;
        }
    }

  /* No person and nothing wrong with the file: left out, and counted. */
  if (test_lead)
    {
      row->test_lead = TRUE;
      return FALSE;
    }

  first = row->text[LG_CSV_FIELD_FIRST_NAME];
  last = row->text[LG_CSV_FIELD_LAST_NAME];
  if (row->text[LG_CSV_FIELD_NAME] != NULL)
    row->name = g_strdup (row->text[LG_CSV_FIELD_NAME]);
  else if (first != NULL || last != NULL)
    row->name = g_strjoin (" ", first != NULL ? first : last,
                           first != NULL ? last : NULL, NULL);

  add_lead_form (mapping, row, &extra);

  if (row->text[LG_CSV_FIELD_NOTES] != NULL || extra != NULL)
    row->notes = g_strjoin (row->text[LG_CSV_FIELD_NOTES] != NULL && extra != NULL ? "\n" : "",
                            row->text[LG_CSV_FIELD_NOTES] != NULL ?
                              row->text[LG_CSV_FIELD_NOTES] : extra->str,
                            row->text[LG_CSV_FIELD_NOTES] != NULL && extra != NULL ?
                              extra->str : NULL,
                            NULL);

  if (row->text[LG_CSV_FIELD_ID] != NULL &&
      !g_ascii_string_to_signed (row->text[LG_CSV_FIELD_ID], 10, 1, G_MAXINT64,
                                 &row->id, NULL))
    PROBLEM (LG_CSV_FIELD_ID, _("“%s” is not a Leadgram lead id."), row->text[LG_CSV_FIELD_ID]);

  if (!lg_lead_validate_email (row->text[LG_CSV_FIELD_EMAIL], &row->email, &field_error))
    CONTACT_PROBLEM (LG_CSV_FIELD_EMAIL);

  if (!lg_lead_validate_phone (row->text[LG_CSV_FIELD_PHONE], &row->phone, &field_error))
    CONTACT_PROBLEM (LG_CSV_FIELD_PHONE);

  if (!lg_lead_validate_handle (row->text[LG_CSV_FIELD_TELEGRAM], &row->telegram, &field_error))
    CONTACT_PROBLEM (LG_CSV_FIELD_TELEGRAM);
  else if (row->telegram != NULL)
    row->telegram_key = lg_lead_handle_key (row->telegram);

  if (row->text[LG_CSV_FIELD_VALUE] != NULL)
    {
      row->has_value = lg_parse_money (row->text[LG_CSV_FIELD_VALUE], &row->value);
      if (!row->has_value)
        PROBLEM (LG_CSV_FIELD_VALUE, _("“%s” is not an amount of money."),
                 row->text[LG_CSV_FIELD_VALUE]);
    }

  if (row->text[LG_CSV_FIELD_CURRENCY] != NULL &&
      currency_from_text (row->text[LG_CSV_FIELD_CURRENCY], row->currency) == NULL)
    PROBLEM (LG_CSV_FIELD_CURRENCY, _("“%s” is not a currency code such as EUR or USD."),
             row->text[LG_CSV_FIELD_CURRENCY]);

  if (row->text[LG_CSV_FIELD_CREATED] != NULL &&
      !lg_csv_parse_date (row->text[LG_CSV_FIELD_CREATED], self->local, &row->created))
    PROBLEM (LG_CSV_FIELD_CREATED, _("“%s” is not a date (write it as 2024-03-01)."),
             row->text[LG_CSV_FIELD_CREATED]);

  if (row->text[LG_CSV_FIELD_CLOSED] != NULL &&
      !lg_csv_parse_date (row->text[LG_CSV_FIELD_CLOSED], self->local, &row->closed))
    PROBLEM (LG_CSV_FIELD_CLOSED, _("“%s” is not a date (write it as 2024-03-01)."),
             row->text[LG_CSV_FIELD_CLOSED]);

  if (row->text[LG_CSV_FIELD_STAGE] != NULL)
    {
      row->stage = map_label (self, LG_CSV_FIELD_STAGE, row->text[LG_CSV_FIELD_STAGE]);
      if (row->stage == NULL)
        {
          remember_unknown (self->unknown_stages, row->text[LG_CSV_FIELD_STAGE]);
          PROBLEM (LG_CSV_FIELD_STAGE, _("“%s” is not a known stage: choose which stage it "
                                         "means."), row->text[LG_CSV_FIELD_STAGE]);
        }
    }

  if (row->text[LG_CSV_FIELD_QUALIFICATION] != NULL)
    {
      row->qualification = map_label (self, LG_CSV_FIELD_QUALIFICATION,
                                      row->text[LG_CSV_FIELD_QUALIFICATION]);
      if (row->qualification == NULL)
        {
          remember_unknown (self->unknown_qualifications,
                            row->text[LG_CSV_FIELD_QUALIFICATION]);
          PROBLEM (LG_CSV_FIELD_QUALIFICATION,
                   _("“%s” is not a known qualification: choose which one it means."),
                   row->text[LG_CSV_FIELD_QUALIFICATION]);
        }
    }

  if (row->id == 0 && row->name == NULL && row->text[LG_CSV_FIELD_EMAIL] == NULL &&
      row->text[LG_CSV_FIELD_PHONE] == NULL && row->text[LG_CSV_FIELD_TELEGRAM] == NULL &&
      row->text[LG_CSV_FIELD_COMPANY] == NULL)
    add_problem (self, line, NULL,
                 g_strdup (_("The row has no name, email, phone, Telegram username or "
                             "company: there is nobody to import.")));

#undef CONTACT_PROBLEM
#undef PROBLEM

  return self->problems->len == n_problems;
}

gboolean
lg_lead_import_remember_failed_row (LgLeadImport  *self,
                                    LgCsvReader   *reader,
                                    guint          first_problem,
                                    GError       **error)
{
  g_autoptr(GString) reason = g_string_new (NULL);

  for (guint i = first_problem; i < self->problems->len; i++)
    {
      LgImportProblem *problem = g_ptr_array_index (self->problems, i);

      if (reason->len > 0)
        g_string_append (reason, " ");
      if (problem->column != NULL)
        g_string_append_printf (reason, "%s: ", problem->column);
      g_string_append (reason, problem->reason);
    }
  /* Every failed row is in the report; the first ones are listed. */
  if (self->problems->len > LG_IMPORT_MAX_LISTED_PROBLEMS)
    g_ptr_array_set_size (self->problems, LG_IMPORT_MAX_LISTED_PROBLEMS);
  return lg_lead_import_report_failed_row (self, lg_csv_reader_get_fields (reader),
                                           lg_csv_reader_get_n_fields (reader), reason->str,
                                           error);
}

/* A copy of text in strings, its size added to *bytes. */
static const char *
chunk_string (GStringChunk *strings,
              const char   *text,
              gsize        *bytes)
{
  if (text == NULL)
    return NULL;
  *bytes += strlen (text) + 1;
  return g_string_chunk_insert (strings, text);
}

gsize
lg_lead_import_row_to_record (Row          *row,
                              GStringChunk *strings,
                              Record       *record)
{
  g_autofree char *email_key = lg_lead_email_key (row->email);
  gsize bytes = 0;

  *record = (Record) {
    .name = chunk_string (strings, row->name, &bytes),
    .email = chunk_string (strings, row->email, &bytes),
    .email_key = chunk_string (strings, email_key, &bytes),
    .phone = chunk_string (strings, row->phone, &bytes),
    .telegram = chunk_string (strings, row->telegram, &bytes),
    .telegram_key = chunk_string (strings, row->telegram_key, &bytes),
    .telegram_id = chunk_string (strings, row->text[LG_CSV_FIELD_TELEGRAM_ID], &bytes),
    .company = chunk_string (strings, row->text[LG_CSV_FIELD_COMPANY], &bytes),
    .source = chunk_string (strings, row->text[LG_CSV_FIELD_SOURCE], &bytes),
    .lost_reason = chunk_string (strings, row->text[LG_CSV_FIELD_LOST_REASON], &bytes),
    .notes = chunk_string (strings, row->notes, &bytes),
    .form_key = chunk_string (strings, row->form_key, &bytes),
    .stage = row->stage,
    .qualification = row->qualification,
    .id = row->id,
    .value = row->value,
    .created = row->created,
    .closed = row->closed,
    .has_value = row->has_value,
    .replaces_notes = row->text[LG_CSV_FIELD_NOTES] != NULL,
    .line = row->line,
  };
  memcpy (record->currency, row->currency, sizeof record->currency);
  return bytes;
}
