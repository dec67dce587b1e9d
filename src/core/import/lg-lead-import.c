/* lg-lead-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checking a file (lg_lead_import_validate) reads and validates every row and
 * writes nothing. Importing it does the same on a reading thread, which hands
 * the valid rows, parsed into compact Records, in blocks to the calling
 * thread; that one works out what each row does to the leads while the next
 * block is read, and writes it into TEMP tables of its connection (the
 * staging area), against one snapshot of the leads. Writing TEMP tables takes
 * no lock on the database: other connections write meanwhile. When every row
 * has been read and checked, one short transaction moves the staged leads,
 * changes and sources into the database, after checking that nothing the
 * import read has changed since; if something has, the import runs again
 * holding the write lock from the start, as it did before there was a
 * staging area. A failure or Cancel on either side empties the staging area
 * and moves nothing.
 */

#define G_LOG_DOMAIN "lg-import"

#include "config.h"

/* PRId64, not G_GINT64_FORMAT, in translatable strings: xgettext knows it. */
#include <inttypes.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "lg-csv-writer.h"
#include "lg-lead-import.h"
#include "lg-pipeline.h"
#include "lg-store-private.h"
#include "lg-lead-validate.h"

/* How often the worker looks at the cancellable and reports progress. */
#define CHECK_EVERY 256
/* The share of the progress bar the rows take; building the indexes again
 * and the commit take the rest. */
#define ROWS_SHARE 0.9
/* Rows a block carries from the reading thread to the writing one. */
#define BLOCK_ROWS 1024
/* Blocks read ahead of the writer at most: the reader is faster, and memory
 * must not grow with the file. */
#define BLOCKS_AHEAD 4
/* A phone number with fewer digits is no key: "12345" or "911" is not one
 * person's. */
#define MIN_PHONE_KEY_DIGITS 7

/* One row's values, parsed. Text fields are trimmed copies. */
typedef struct
{
  char       *text[LG_CSV_N_FIELDS];
  int         column[LG_CSV_N_FIELDS];
  char       *name;
  /* Email, phone and handle in the forms the pipeline stores (lg-lead-validate),
   * so that a lead typed in the app and the same person in a file dedupe. */
  char       *email;
  char       *phone;        /* also the phone's dedupe key */
  char       *telegram;     /* without '@', capitals as written */
  char       *telegram_key; /* lg_lead_handle_key () */
  char       *notes;        /* the notes column and the columns added to notes */
  const char *stage;
  const char *qualification;
  gint64      id;
  gint64      value;
  gboolean    has_value;
  char        currency[4];
  gint64      created;
  gint64      closed;
  guint       line;
} Row;

/* A valid row kept for the write pass: what it writes, nothing more. The
 * strings live in the import's string chunk. */
typedef struct
{
  const char *name;
  const char *email;
  const char *email_key;    /* case-folded email, the dedupe key */
  const char *phone;
  const char *telegram;
  const char *telegram_key;
  const char *telegram_id;
  const char *company;
  const char *source;
  const char *lost_reason;
  const char *notes;
  const char *stage;
  const char *qualification;
  gint64      id;
  gint64      value;
  gint64      created;
  gint64      closed;
  char        currency[4];
  gboolean    has_value;
  gboolean    replaces_notes; /* the file has a notes column, not only extra columns */
  guint       line;
} Record;

typedef struct
{
  GStrv  fields;
  char  *reason;
} FailedRow;

/* Valid rows on their way from the reading thread to the writing one. */
typedef struct
{
  GArray       *records; /* Record */
  GStringChunk *strings; /* the records' strings */
  double        done;    /* the share of the file read up to its last row */
  gboolean      last;    /* the reading is over; no records */
} Block;

/* What the reading thread shares with the writing one. */
typedef struct
{
  LgLeadImport *self;
  GAsyncQueue  *queue;       /* Block, to the writer */
  GAsyncQueue  *slots;       /* a token per block the reader may send ahead */
  Block        *block;       /* being filled */
  GCancellable *stop;        /* cancelled when the writer failed */
  GCancellable *cancellable; /* the caller's */
  gboolean      ok;          /* how it ended, for the writer to see */
  GError       *error;
} Feed;

struct _LgLeadImport
{
  GObject        parent_instance;

  char          *db_path;
  char          *csv_path;
  LgCsvMapping  *mapping;
  LgCsvEncoding  encoding;
  char           delimiter;
  LgImportMode   mode;
  gboolean       dry_run;
  gboolean       has_header;
  LgConflictAction on_conflict;
  GHashTable    *conflict_actions; /* line -> LgConflictAction + 1 */

  /* Results */
  char          *note;
  guint          n_rows;
  guint          created;
  guint          updated;
  guint          skipped;
  guint          failed;
  guint          conflicts;
  guint          conflicts_skipped;
  gint64         batch_id;
  GPtrArray     *conflict_list;  /* LgImportConflict */
  GPtrArray     *problems;       /* LgImportProblem */
  GPtrArray     *repairs;        /* LgImportProblem */
  guint          repaired_rows;
  gboolean       repairs_cut;    /* more repairs than LG_IMPORT_MAX_LISTED_REPAIRS */
  GStrv          header;
  GPtrArray     *failed_rows;    /* FailedRow */
  GHashTable    *unknown_stages; /* normalised -> label as written */
  GHashTable    *unknown_qualifications;
  /* Per pass: the user's time zone, and each stage and qualification label
   * met so far with what it maps to (labels repeat on every row). */
  GTimeZone     *local;
  GHashTable    *stage_labels;
  GHashTable    *qualification_labels;

  /* Progress, delivered to the thread that started the task. */
  GMainContext  *context;
  double         last_progress;
};

G_DEFINE_FINAL_TYPE (LgLeadImport, lg_lead_import, G_TYPE_OBJECT)

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
problem_free (gpointer data)
{
  LgImportProblem *problem = data;

  g_free (problem->column);
  g_free (problem->reason);
  g_free (problem);
}

static void
failed_row_free (gpointer data)
{
  FailedRow *row = data;

  g_strfreev (row->fields);
  g_free (row->reason);
  g_free (row);
}

static void
conflict_free (gpointer data)
{
  LgImportConflict *conflict = data;

  g_free (conflict->reason);
  for (guint i = 0; i < LG_CONFLICT_N_FIELDS; i++)
    {
      g_free (conflict->row[i]);
      g_free (conflict->lead[i]);
    }
  g_free (conflict);
}

static void
row_clear (Row *row)
{
  for (guint i = 0; i < LG_CSV_N_FIELDS; i++)
    g_free (row->text[i]);
  g_free (row->name);
  g_free (row->email);
  g_free (row->phone);
  g_free (row->telegram);
  g_free (row->telegram_key);
  g_free (row->notes);
  memset (row, 0, sizeof *row);
}

static void
reset_results (LgLeadImport *self)
{
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->header, g_strfreev);
  self->n_rows = self->created = self->updated = self->skipped = self->failed = 0;
  self->conflicts = self->conflicts_skipped = 0;
  g_ptr_array_set_size (self->conflict_list, 0);
  self->batch_id = 0;
  self->last_progress = 0;
  g_ptr_array_set_size (self->problems, 0);
  g_ptr_array_set_size (self->repairs, 0);
  self->repaired_rows = 0;
  self->repairs_cut = FALSE;
  g_ptr_array_set_size (self->failed_rows, 0);
  g_hash_table_remove_all (self->unknown_stages);
  g_hash_table_remove_all (self->unknown_qualifications);
  g_hash_table_remove_all (self->stage_labels);
  g_hash_table_remove_all (self->qualification_labels);
  g_clear_pointer (&self->local, g_time_zone_unref);
  self->local = g_time_zone_new_local ();
}

static void
lg_lead_import_finalize (GObject *object)
{
  LgLeadImport *self = LG_LEAD_IMPORT (object);

  g_free (self->db_path);
  g_free (self->csv_path);
  g_clear_object (&self->mapping);
  g_free (self->note);
  g_strfreev (self->header);
  g_ptr_array_unref (self->problems);
  g_ptr_array_unref (self->repairs);
  g_ptr_array_unref (self->failed_rows);
  g_ptr_array_unref (self->conflict_list);
  g_hash_table_unref (self->conflict_actions);
  g_hash_table_unref (self->unknown_stages);
  g_hash_table_unref (self->unknown_qualifications);
  g_hash_table_unref (self->stage_labels);
  g_hash_table_unref (self->qualification_labels);
  g_clear_pointer (&self->local, g_time_zone_unref);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (lg_lead_import_parent_class)->finalize (object);
}

static void
lg_lead_import_class_init (LgLeadImportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lg_lead_import_finalize;

  /**
   * LgLeadImport::progress:
   * @fraction: done so far, from 0 to 1
   */
  signals[PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);
}

static void
lg_lead_import_init (LgLeadImport *self)
{
  self->mode = LG_IMPORT_MODE_BOTH;
  self->has_header = TRUE;
  self->problems = g_ptr_array_new_with_free_func (problem_free);
  self->repairs = g_ptr_array_new_with_free_func (problem_free);
  self->failed_rows = g_ptr_array_new_with_free_func (failed_row_free);
  self->conflict_list = g_ptr_array_new_with_free_func (conflict_free);
  self->conflict_actions = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->on_conflict = LG_CONFLICT_SKIP;
  self->unknown_stages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->unknown_qualifications = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        g_free);
  self->stage_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->qualification_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* The ids the CLI and the saved settings use, indexed by enum value. */
static const char *const conflict_action_ids[] = { "skip", "merge", "create" };
static const char *const import_mode_ids[] = { "create", "update", "both" };

/* The position of @id in @ids, or -1. */
static int
id_index (const char *const *ids,
          guint              n_ids,
          const char        *id)
{
  for (guint i = 0; i < n_ids; i++)
    if (g_strcmp0 (id, ids[i]) == 0)
      return i;
  return -1;
}

const char *
lg_conflict_action_get_id (LgConflictAction action)
{
  g_return_val_if_fail (action <= LG_CONFLICT_CREATE, NULL);

  return conflict_action_ids[action];
}

gboolean
lg_conflict_action_from_id (const char       *id,
                            LgConflictAction *action)
{
  int index;

  g_return_val_if_fail (id != NULL, FALSE);

  index = id_index (conflict_action_ids, G_N_ELEMENTS (conflict_action_ids), id);
  if (index < 0)
    return FALSE;
  *action = index;
  return TRUE;
}

const char *
lg_conflict_field_get_label (LgConflictField field)
{
  switch (field)
    {
    case LG_CONFLICT_FIELD_NAME:
      return _("Name");
    case LG_CONFLICT_FIELD_EMAIL:
      return _("Email");
    case LG_CONFLICT_FIELD_PHONE:
      return _("Phone");
    case LG_CONFLICT_FIELD_TELEGRAM:
      return _("Telegram");
    case LG_CONFLICT_FIELD_COMPANY:
      return _("Company");
    case LG_CONFLICT_N_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
lg_import_mode_get_id (LgImportMode mode)
{
  g_return_val_if_fail (mode <= LG_IMPORT_MODE_BOTH, NULL);

  return import_mode_ids[mode];
}

gboolean
lg_import_mode_from_id (const char   *id,
                        LgImportMode *mode)
{
  int index;

  g_return_val_if_fail (id != NULL, FALSE);

  index = id_index (import_mode_ids, G_N_ELEMENTS (import_mode_ids), id);
  if (index < 0)
    return FALSE;
  *mode = index;
  return TRUE;
}

LgLeadImport *
lg_lead_import_new (const char   *db_path,
                    const char   *csv_path,
                    LgCsvMapping *mapping)
{
  LgLeadImport *self;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (csv_path != NULL, NULL);
  g_return_val_if_fail (LG_IS_CSV_MAPPING (mapping), NULL);

  self = g_object_new (LG_TYPE_LEAD_IMPORT, NULL);
  self->db_path = g_strdup (db_path);
  self->csv_path = g_strdup (csv_path);
  /* The caller may go on editing its mapping while the worker reads this one. */
  self->mapping = lg_csv_mapping_copy (mapping);
  return self;
}

void
lg_lead_import_set_format (LgLeadImport  *self,
                           LgCsvEncoding  encoding,
                           char           delimiter)
{
  g_return_if_fail (LG_IS_LEAD_IMPORT (self));

  self->encoding = encoding;
  self->delimiter = delimiter;
}

void
lg_lead_import_set_has_header (LgLeadImport *self,
                               gboolean      has_header)
{
  g_return_if_fail (LG_IS_LEAD_IMPORT (self));

  self->has_header = has_header;
}

void
lg_lead_import_set_mode (LgLeadImport *self,
                         LgImportMode  mode)
{
  g_return_if_fail (LG_IS_LEAD_IMPORT (self));

  self->mode = mode;
}

void
lg_lead_import_set_dry_run (LgLeadImport *self,
                            gboolean      dry_run)
{
  g_return_if_fail (LG_IS_LEAD_IMPORT (self));

  self->dry_run = dry_run;
}

void
lg_lead_import_set_on_conflict (LgLeadImport     *self,
                                LgConflictAction  action)
{
  g_return_if_fail (LG_IS_LEAD_IMPORT (self));
  g_return_if_fail (action <= LG_CONFLICT_CREATE);

  self->on_conflict = action;
}

void
lg_lead_import_set_conflict_action (LgLeadImport     *self,
                                    guint             line,
                                    LgConflictAction  action)
{
  g_return_if_fail (LG_IS_LEAD_IMPORT (self));
  g_return_if_fail (action <= LG_CONFLICT_CREATE);

  g_hash_table_insert (self->conflict_actions, GUINT_TO_POINTER (line),
                       GUINT_TO_POINTER (action + 1));
}

static LgConflictAction
conflict_action (LgLeadImport *self,
                 guint         line)
{
  guint chosen = GPOINTER_TO_UINT (g_hash_table_lookup (self->conflict_actions,
                                                        GUINT_TO_POINTER (line)));

  return chosen > 0 ? (LgConflictAction) (chosen - 1) : self->on_conflict;
}

LgCsvMapping *
lg_lead_import_get_mapping (LgLeadImport *self)
{
  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), NULL);

  return self->mapping;
}

/* Progress */

typedef struct
{
  LgLeadImport *self;
  double        fraction;
} ProgressData;

static gboolean
emit_progress_cb (gpointer data)
{
  ProgressData *progress = data;

  g_signal_emit (progress->self, signals[PROGRESS], 0, progress->fraction);
  return G_SOURCE_REMOVE;
}

static void
progress_data_free (gpointer data)
{
  ProgressData *progress = data;

  g_object_unref (progress->self);
  g_free (progress);
}

static void
report_progress (LgLeadImport *self,
                 double        fraction)
{
  ProgressData *progress;

  /* Whole percents are plenty for a progress bar. */
  if (fraction < 1.0 && fraction - self->last_progress < 0.01)
    return;
  self->last_progress = fraction;

  if (self->context == NULL)
    {
      g_signal_emit (self, signals[PROGRESS], 0, fraction);
      return;
    }
  progress = g_new (ProgressData, 1);
  progress->self = g_object_ref (self);
  progress->fraction = fraction;
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, emit_progress_cb, progress,
                              progress_data_free);
}

/* Parsing cells */

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
static void
note_repairs (LgLeadImport *self,
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
static gboolean
parse_date (const char *text,
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
      g_hash_table_insert (seen, g_strdup (label), value);
    }
  return value;
}

static void
remember_unknown (GHashTable *table,
                  const char *label)
{
  char *key = lg_csv_normalize_label (label);

  if (!g_hash_table_contains (table, key))
    g_hash_table_insert (table, key, g_strdup (label));
  else
    g_free (key);
}

/* Fills row from the reader's current row; adds a problem for each cell that
 * does not hold what its column says. Returns whether the row is valid. */
static gboolean
parse_row (LgLeadImport *self,
           LgCsvReader  *reader,
           Row          *row)
{
  LgCsvMapping *mapping = self->mapping;
  guint line = lg_csv_reader_get_line (reader);
  guint n_fields = lg_csv_reader_get_n_fields (reader);
  guint n_columns = lg_csv_mapping_get_n_columns (mapping);
  guint n_problems = self->problems->len;
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
      const char *cell = lg_csv_reader_get_field (reader, i);

      gboolean quoted = is_free_text (field) && lg_csv_reader_get_field_quoted (reader, i);

      if (field == LG_CSV_FIELD_IGNORE || cell[0] == '\0')
        continue;
      if (field == LG_CSV_FIELD_ADD_TO_NOTES)
        {
          g_autofree char *value = cell_value (cell, quoted);

          if (value[0] == '\0')
            continue;
          if (extra == NULL)
            extra = g_string_new (NULL);
          g_string_append_printf (extra, "%s%s: %s", extra->len > 0 ? "\n" : "",
                                  lg_csv_mapping_get_header (mapping, i), value);
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

  first = row->text[LG_CSV_FIELD_FIRST_NAME];
  last = row->text[LG_CSV_FIELD_LAST_NAME];
  if (row->text[LG_CSV_FIELD_NAME] != NULL)
    row->name = g_strdup (row->text[LG_CSV_FIELD_NAME]);
  else if (first != NULL || last != NULL)
    row->name = g_strjoin (" ", first != NULL ? first : last,
                           first != NULL ? last : NULL, NULL);

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
      !parse_date (row->text[LG_CSV_FIELD_CREATED], self->local, &row->created))
    PROBLEM (LG_CSV_FIELD_CREATED, _("“%s” is not a date (write it as 2024-03-01)."),
             row->text[LG_CSV_FIELD_CREATED]);

  if (row->text[LG_CSV_FIELD_CLOSED] != NULL &&
      !parse_date (row->text[LG_CSV_FIELD_CLOSED], self->local, &row->closed))
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

static void
remember_failed_row (LgLeadImport *self,
                     LgCsvReader  *reader,
                     guint         first_problem)
{
  FailedRow *failed = g_new0 (FailedRow, 1);
  GString *reason = g_string_new (NULL);

  failed->fields = g_strdupv ((char **) lg_csv_reader_get_fields (reader));
  for (guint i = first_problem; i < self->problems->len; i++)
    {
      LgImportProblem *problem = g_ptr_array_index (self->problems, i);

      if (reason->len > 0)
        g_string_append (reason, " ");
      if (problem->column != NULL)
        g_string_append_printf (reason, "%s: ", problem->column);
      g_string_append (reason, problem->reason);
    }
  failed->reason = g_string_free (reason, FALSE);
  g_ptr_array_add (self->failed_rows, failed);
}

static const char *
chunk_string (GStringChunk *strings,
              const char   *text)
{
  return text != NULL ? g_string_chunk_insert (strings, text) : NULL;
}

static Block *
block_new (void)
{
  Block *block = g_new0 (Block, 1);

  block->records = g_array_sized_new (FALSE, FALSE, sizeof (Record), BLOCK_ROWS);
  block->strings = g_string_chunk_new (BLOCK_ROWS * 128);
  return block;
}

static void
block_free (Block *block)
{
  g_clear_pointer (&block->records, g_array_unref);
  g_clear_pointer (&block->strings, g_string_chunk_free);
  g_free (block);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Block, block_free)

/* Hands the block being filled to the writer, once it has room for one; a
 * writer that stopped takes no more. */
static void
send_block (Feed   *feed,
            double  done)
{
  if (feed->block == NULL)
    return;
  feed->block->done = done;
  while (g_async_queue_timeout_pop (feed->slots, 50000) == NULL)
    if (g_cancellable_is_cancelled (feed->stop))
      {
        g_clear_pointer (&feed->block, block_free);
        return;
      }
  g_async_queue_push (feed->queue, g_steal_pointer (&feed->block));
}

/* The writer took a block: room for another. */
static void
take_block (Feed *feed)
{
  g_async_queue_push (feed->slots, GINT_TO_POINTER (1));
}

static void
feed_init (Feed *feed)
{
  feed->queue = g_async_queue_new_full ((GDestroyNotify) block_free);
  feed->slots = g_async_queue_new ();
  for (guint i = 0; i < BLOCKS_AHEAD; i++)
    take_block (feed);
  feed->stop = g_cancellable_new ();
}

/* Keeps a valid row for the writer; returns whether the block is full. */
static gboolean
keep_row (Feed *feed,
          Row  *row)
{
  g_autofree char *email_key = lg_lead_email_key (row->email);
  GStringChunk *strings;
  Record record;

  if (feed->block == NULL)
    feed->block = block_new ();
  strings = feed->block->strings;
  record = (Record) {
    .name = chunk_string (strings, row->name),
    .email = chunk_string (strings, row->email),
    .email_key = chunk_string (strings, email_key),
    .phone = chunk_string (strings, row->phone),
    .telegram = chunk_string (strings, row->telegram),
    .telegram_key = chunk_string (strings, row->telegram_key),
    .telegram_id = chunk_string (strings, row->text[LG_CSV_FIELD_TELEGRAM_ID]),
    .company = chunk_string (strings, row->text[LG_CSV_FIELD_COMPANY]),
    .source = chunk_string (strings, row->text[LG_CSV_FIELD_SOURCE]),
    .lost_reason = chunk_string (strings, row->text[LG_CSV_FIELD_LOST_REASON]),
    .notes = chunk_string (strings, row->notes),
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

  memcpy (record.currency, row->currency, sizeof record.currency);
  g_array_append_val (feed->block->records, record);
  return feed->block->records->len == BLOCK_ROWS;
}

/* Opens the file at its first row: the header, or (without one) the first
 * row of data, which *replay says is still to be handled. */
static LgCsvReader *
open_file (LgLeadImport  *self,
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
    note_repairs (self, reader);
  return g_steal_pointer (&reader);
}

static gboolean
next_row (LgCsvReader   *reader,
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

static gboolean
check_cancelled (GCancellable  *cancellable,
                 GError       **error)
{
  if (!g_cancellable_is_cancelled (cancellable))
    return FALSE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                       _("The import was cancelled; nothing was changed."));
  return TRUE;
}

/* Reads and checks every row; with a feed, sends the valid ones to the
 * writer (which reports the progress then). */
static gboolean
validate_pass (LgLeadImport  *self,
               Feed          *feed,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(LgCsvReader) reader = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (self->csv_path);
  goffset size = 1;
  GError *read_error = NULL;
  gboolean replay = FALSE;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, NULL);
  if (info != NULL)
    size = MAX (1, g_file_info_get_size (info));

  reader = open_file (self, &replay, cancellable, error);
  if (reader == NULL)
    return FALSE;
  self->header = g_new0 (char *, lg_csv_mapping_get_n_columns (self->mapping) + 1);
  for (guint i = 0; i < lg_csv_mapping_get_n_columns (self->mapping); i++)
    self->header[i] = g_strdup (lg_csv_mapping_get_header (self->mapping, i));

  while (next_row (reader, &replay, cancellable, &read_error))
    {
      guint first_problem = self->problems->len;
      Row row;

      self->n_rows++;
      note_repairs (self, reader);
      if (!parse_row (self, reader, &row))
        {
          self->failed++;
          remember_failed_row (self, reader, first_problem);
        }
      else if (feed != NULL && keep_row (feed, &row))
        send_block (feed, (double) lg_csv_reader_get_position (reader) / size);
      row_clear (&row);

      if (self->n_rows % CHECK_EVERY == 0)
        {
          if (check_cancelled (cancellable, error) ||
              (feed != NULL && check_cancelled (feed->stop, error)))
            return FALSE;
          if (feed == NULL)
            report_progress (self, (double) lg_csv_reader_get_position (reader) / size);
        }
    }
  if (read_error != NULL)
    {
      g_propagate_error (error, read_error);
      return FALSE;
    }

  if (self->n_rows == 0)
    {
      g_set_error_literal (error, LG_CSV_ERROR, LG_CSV_ERROR_NO_ROWS,
                           _("The file has a header but no rows below it: there is nothing "
                             "to import."));
      return FALSE;
    }

  if (lg_csv_reader_get_note (reader) != NULL)
    self->note = g_strdup (lg_csv_reader_get_note (reader));
  if (feed != NULL)
    send_block (feed, 1.0);
  else
    report_progress (self, 1.0);
  return TRUE;
}

/* Writing */

/* What the write pass knows about the leads already there, by each key. */
typedef struct
{
  LgStore    *store;
  GHashTable *by_id;       /* id -> id, of the leads there before */
  GHashTable *by_email;    /* lower-case email -> id */
  GHashTable *by_phone;    /* normalised phone -> id */
  GHashTable *by_telegram; /* lower-case handle -> id */
  GHashTable *by_telegram_id; /* Telegram's user id -> id */
  GHashTable *by_lead;     /* id -> LeadKeys, each lead's own keys, for conflicts */
  GStringChunk *keys;      /* the keys of the five above */
  GHashTable *sources;     /* name -> source id */
  double      position[5]; /* next position per stage */
  double      last_position[5]; /* the last one there was, per stage */
  gint64      now;
  /* New leads get their ids here, so they can be inserted many rows at a
   * time and a later row of the file still finds them by key; the move
   * checks that no one else added a lead meanwhile. */
  gint64      first_new_id;
  gint64      next_id;
  /* The same for the sources the file names that are not there yet. */
  gint64      first_new_source_id;
  gint64      next_source_id;
  gint64      n_leads;     /* the leads and sources there were */
  gint64      n_sources;
  GArray     *pending;     /* PendingLead, not staged yet */
} Index;

typedef struct
{
  const Record *record;
  gint64        id;
  gint64        source_id;
  double        position;
} PendingLead;

/* A lead's keys as the index knows them (strings in Index.keys). */
typedef struct
{
  const char *email;
  const char *telegram;
  const char *telegram_id;
} LeadKeys;

/* Rows per INSERT statement: one statement per row costs more in opening and
 * closing the table's six indexes than in the inserting itself. 18 columns ×
 * 64 rows stays well under SQLite's 32,766 parameters. */
#define INSERT_BATCH 64

/* The columns an import may change, as update_columns lists them. */
#define LEAD_COLUMNS \
  "name, email, phone, company, telegram_handle, telegram_id, stage, furthest_stage, " \
  "qualification, value, currency, source_id, created_at, closed_at, lost_reason, notes"

/* The staging area, in TEMP tables of the import's connection: the leads the
 * file creates (existed = 0) and the ones there before that it reads or
 * changes, copied on first use (existed = 1; changed once it changes them);
 * those copies as they were read (staged_leads_before); the update records
 * for the import history; and the sources the file names that are not there
 * yet. Ids are those the move writes. */
static const char staging_tables[] =
  "CREATE TEMP TABLE staged_leads ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT, email TEXT, phone TEXT, company TEXT, telegram_handle TEXT, telegram_id TEXT,"
  "  stage TEXT, furthest_stage TEXT, qualification TEXT, value INTEGER, currency TEXT,"
  "  source_id INTEGER, created_at INTEGER, closed_at INTEGER, lost_reason TEXT, notes TEXT,"
  "  position REAL,"
  "  existed INTEGER NOT NULL DEFAULT 0,"
  "  changed INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TEMP TABLE staged_leads_before AS SELECT id, " LEAD_COLUMNS " FROM main.leads "
  "  WHERE 0;"
  "CREATE TEMP TABLE staged_lead_changes ("
  "  lead_id INTEGER NOT NULL,"
  "  previous TEXT"
  ");"
  "CREATE TEMP TABLE staged_lead_sources ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL"
  ");";

static const char *stages[] = { "cold", "warm", "hot", "won", "lost" };

static int
stage_index (const char *stage)
{
  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    if (g_strcmp0 (stage, stages[i]) == 0)
      return i;
  return 0;
}

static void
index_clear (Index *index)
{
  g_clear_pointer (&index->by_id, g_hash_table_unref);
  g_clear_pointer (&index->by_email, g_hash_table_unref);
  g_clear_pointer (&index->by_phone, g_hash_table_unref);
  g_clear_pointer (&index->by_telegram, g_hash_table_unref);
  g_clear_pointer (&index->by_telegram_id, g_hash_table_unref);
  g_clear_pointer (&index->by_lead, g_hash_table_unref);
  g_clear_pointer (&index->keys, g_string_chunk_free);
  g_clear_pointer (&index->sources, g_hash_table_unref);
  g_clear_pointer (&index->pending, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Index, index_clear)

/* Whether a normalised phone has digits enough to be one person's. */
static gboolean
is_phone_key (const char *phone)
{
  guint digits = 0;

  if (phone == NULL)
    return FALSE;
  for (const char *p = phone; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      digits++;
  return digits >= MIN_PHONE_KEY_DIGITS;
}

static void
index_add (Index      *index,
           gint64      id,
           const char *email,
           const char *phone_key,
           const char *telegram_key,
           const char *telegram_id)
{
  gpointer value = GSIZE_TO_POINTER ((gsize) id);
  LeadKeys *keys = g_hash_table_lookup (index->by_lead, value);

  /* What the lead holds after this row: the row's keys where it has them
   * (an update writes coalesce (row, lead)). */
  if (keys == NULL)
    {
      keys = g_new0 (LeadKeys, 1);
      g_hash_table_insert (index->by_lead, value, keys);
    }
  if (email != NULL && g_strcmp0 (keys->email, email) != 0)
    keys->email = g_string_chunk_insert (index->keys, email);
  if (telegram_key != NULL && g_strcmp0 (keys->telegram, telegram_key) != 0)
    keys->telegram = g_string_chunk_insert (index->keys, telegram_key);
  if (telegram_id != NULL && g_strcmp0 (keys->telegram_id, telegram_id) != 0)
    keys->telegram_id = g_string_chunk_insert (index->keys, telegram_id);
  if (!is_phone_key (phone_key))
    phone_key = NULL;

  /* The first lead with a key keeps it, as the oldest is the one to update. */
  if (email != NULL && !g_hash_table_contains (index->by_email, email))
    g_hash_table_insert (index->by_email, g_string_chunk_insert (index->keys, email), value);
  if (phone_key != NULL && !g_hash_table_contains (index->by_phone, phone_key))
    g_hash_table_insert (index->by_phone, g_string_chunk_insert (index->keys, phone_key), value);
  if (telegram_key != NULL && !g_hash_table_contains (index->by_telegram, telegram_key))
    g_hash_table_insert (index->by_telegram, g_string_chunk_insert (index->keys, telegram_key),
                         value);
  if (telegram_id != NULL && !g_hash_table_contains (index->by_telegram_id, telegram_id))
    g_hash_table_insert (index->by_telegram_id, g_string_chunk_insert (index->keys, telegram_id),
                         value);
}

static gboolean
index_load (Index    *index,
            LgStore  *store,
            GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  index->store = store;
  index->now = g_get_real_time () / G_USEC_PER_SEC;
  index->by_id = g_hash_table_new (g_direct_hash, g_direct_equal);
  index->by_email = g_hash_table_new (g_str_hash, g_str_equal);
  index->by_phone = g_hash_table_new (g_str_hash, g_str_equal);
  index->by_telegram = g_hash_table_new (g_str_hash, g_str_equal);
  index->by_telegram_id = g_hash_table_new (g_str_hash, g_str_equal);
  index->by_lead = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  index->keys = g_string_chunk_new (64 * 1024);
  index->sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  index->pending = g_array_sized_new (FALSE, FALSE, sizeof (PendingLead), INSERT_BATCH);
  index->next_id = 1;

  stmt = lg_store_prepare (store, "SELECT id, email, phone, telegram_handle, telegram_id "
                                  "FROM leads ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *email = NULL;
      g_autofree char *phone = NULL;
      g_autofree char *telegram = NULL;
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (lg_stmt_text (stmt, 1) != NULL)
        email = lg_lead_email_key (lg_stmt_text (stmt, 1));
      if (lg_stmt_text (stmt, 2) != NULL)
        phone = lg_lead_normalize_phone (lg_stmt_text (stmt, 2));
      if (lg_stmt_text (stmt, 3) != NULL)
        telegram = lg_lead_handle_key (lg_stmt_text (stmt, 3));
      g_hash_table_add (index->by_id, GSIZE_TO_POINTER ((gsize) id));
      index_add (index, id, email, phone, telegram, lg_stmt_text (stmt, 4));
      index->next_id = id + 1;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      lg_store_set_error (store, error, _("Could not read the leads"));
      return FALSE;
    }
  index->first_new_id = index->next_id;
  index->n_leads = g_hash_table_size (index->by_id);

  stmt = lg_store_prepare (store, "SELECT stage, max(position) FROM leads GROUP BY stage",
                           error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    index->position[stage_index (lg_stmt_text (stmt, 0))] = sqlite3_column_double (stmt, 1);
  sqlite3_reset (stmt);
  memcpy (index->last_position, index->position, sizeof index->position);

  stmt = lg_store_prepare (store, "SELECT count(*), coalesce(max(id), 0) FROM sources", error);
  if (stmt == NULL ||
      !lg_store_step_one (store, stmt, _("Could not read the sources"),
                          _("Could not read the sources"), error))
    return FALSE;
  index->n_sources = sqlite3_column_int64 (stmt, 0);
  index->first_new_source_id = index->next_source_id = sqlite3_column_int64 (stmt, 1) + 1;
  sqlite3_reset (stmt);
  return TRUE;
}

static gint64
index_find (Index        *index,
            const Record *row)
{
  gpointer id;

  /* The file's new leads have the ids from first_new_id to next_id. */
  if (row->id > 0 && (g_hash_table_contains (index->by_id, GSIZE_TO_POINTER ((gsize) row->id)) ||
                      (row->id >= index->first_new_id && row->id < index->next_id)))
    return row->id;
  if (row->email_key != NULL &&
      (id = g_hash_table_lookup (index->by_email, row->email_key)) != NULL)
    return GPOINTER_TO_SIZE (id);
  if (is_phone_key (row->phone) && (id = g_hash_table_lookup (index->by_phone, row->phone)))
    return GPOINTER_TO_SIZE (id);
  if (row->telegram_key != NULL &&
      (id = g_hash_table_lookup (index->by_telegram, row->telegram_key)) != NULL)
    return GPOINTER_TO_SIZE (id);
  if (row->telegram_id != NULL &&
      (id = g_hash_table_lookup (index->by_telegram_id, row->telegram_id)) != NULL)
    return GPOINTER_TO_SIZE (id);
  return 0;
}

/* Another lead than match that one of the row's keys belongs to, or 0. */
static gint64
other_lead (GHashTable *table,
            const char *key,
            gint64      match)
{
  gpointer id;

  if (key == NULL || (id = g_hash_table_lookup (table, key)) == NULL ||
      (gint64) GPOINTER_TO_SIZE (id) == match)
    return 0;
  return GPOINTER_TO_SIZE (id);
}

/* Why the row, which matched the lead by some key, is not that lead: its
 * email, Telegram username or id differs from the lead's, or one of its keys
 * is another lead's. NULL when nothing contradicts. A match by our own
 * export's lead id is the user's edit of that lead, never a conflict. A
 * phone is no contradiction: people change numbers and have several. */
static char *
find_conflict (Index        *index,
               const Record *row,
               gint64        match)
{
  LeadKeys *keys = g_hash_table_lookup (index->by_lead, GSIZE_TO_POINTER ((gsize) match));
  gint64 other;

  if (row->id > 0 && row->id == match)
    return NULL;
  if (keys != NULL && row->email_key != NULL && keys->email != NULL &&
      !g_str_equal (row->email_key, keys->email))
    return g_strdup_printf (_("The row’s email %s differs from the lead’s, %s."), row->email,
                            keys->email);
  if (keys != NULL && row->telegram_key != NULL && keys->telegram != NULL &&
      !g_str_equal (row->telegram_key, keys->telegram))
    return g_strdup_printf (_("The row’s Telegram username @%s differs from the lead’s, @%s."),
                            row->telegram, keys->telegram);
  if (keys != NULL && row->telegram_id != NULL && keys->telegram_id != NULL &&
      !g_str_equal (row->telegram_id, keys->telegram_id))
    return g_strdup_printf (_("The row’s Telegram ID %s differs from the lead’s, %s."),
                            row->telegram_id, keys->telegram_id);
  if ((other = other_lead (index->by_email, row->email_key, match)) != 0 ||
      (is_phone_key (row->phone) && (other = other_lead (index->by_phone, row->phone, match))) ||
      (other = other_lead (index->by_telegram, row->telegram_key, match)) != 0 ||
      (other = other_lead (index->by_telegram_id, row->telegram_id, match)) != 0)
    return g_strdup_printf (_("The row matches this lead by one contact and lead %" PRId64
                              " by another."), other);
  return NULL;
}

/* Keeps the conflict for the preview, with the lead's side as it is in the
 * database (an earlier row of the file that is not there has none). */
static gboolean
remember_conflict (LgLeadImport  *self,
                   Index         *index,
                   const Record  *row,
                   gint64         match,
                   char          *reason,
                   GError       **error)
{
  LgImportConflict *conflict;
  sqlite3_stmt *stmt;

  self->conflicts++;
  if (self->conflict_list->len >= LG_IMPORT_MAX_LISTED_CONFLICTS)
    {
      g_free (reason);
      return TRUE;
    }

  conflict = g_new0 (LgImportConflict, 1);
  conflict->line = row->line;
  conflict->lead_id = match;
  conflict->reason = reason;
  conflict->row[LG_CONFLICT_FIELD_NAME] = g_strdup (row->name);
  conflict->row[LG_CONFLICT_FIELD_EMAIL] = g_strdup (row->email);
  conflict->row[LG_CONFLICT_FIELD_PHONE] = g_strdup (row->phone);
  conflict->row[LG_CONFLICT_FIELD_TELEGRAM] = g_strdup (row->telegram);
  conflict->row[LG_CONFLICT_FIELD_COMPANY] = g_strdup (row->company);
  g_ptr_array_add (self->conflict_list, conflict);

  /* As the import has left it so far: its copy, if it has one. */
  stmt = lg_store_prepare (index->store, "SELECT name, email, phone, telegram_handle, company "
                                         "FROM (SELECT 0 AS staged, " LEAD_COLUMNS
                                         "      FROM temp.staged_leads WHERE id = ?1 "
                                         "      UNION ALL SELECT 1, " LEAD_COLUMNS
                                         "      FROM main.leads WHERE id = ?1) "
                                         "ORDER BY staged LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, match);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    for (int i = 0; i < LG_CONFLICT_N_FIELDS; i++)
      conflict->lead[i] = g_strdup (lg_stmt_text (stmt, i));
  sqlite3_reset (stmt);
  return TRUE;
}

/* The source named in the file: an existing one by title or handle, else a
 * new source of kind csv. */
static gboolean
find_source (Index       *index,
             const char  *name,
             gint64      *id,
             GError     **error)
{
  sqlite3_stmt *stmt;
  gpointer cached;
  int rc;

  if (g_hash_table_lookup_extended (index->sources, name, NULL, &cached))
    {
      *id = GPOINTER_TO_SIZE (cached);
      return TRUE;
    }

  stmt = lg_store_prepare (index->store,
                           "SELECT id FROM sources WHERE title = ?1 OR handle = ?1 "
                           "OR '@' || handle = ?1 ORDER BY id LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  *id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);

  /* Added by the move, under the id it gets here. */
  if (*id == 0)
    {
      stmt = lg_store_prepare (index->store,
                               "INSERT INTO temp.staged_lead_sources (id, name) VALUES (?, ?)",
                               error);
      if (stmt == NULL)
        return FALSE;
      *id = index->next_source_id++;
      sqlite3_bind_int64 (stmt, 1, *id);
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
      if (!lg_store_step_done (index->store, stmt, _("Could not add the lead’s source"), error))
        return FALSE;
    }

  g_hash_table_insert (index->sources, g_strdup (name), GSIZE_TO_POINTER ((gsize) *id));
  return TRUE;
}

/* Stages the update record of a lead; the move writes it to the import
 * history and the lead's timeline. */
static gboolean
record_update (Index       *index,
               gint64       lead_id,
               const char  *previous,
               GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = lg_store_prepare (index->store,
                           "INSERT INTO temp.staged_lead_changes (lead_id, previous) VALUES (?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, lead_id);
  lg_stmt_bind_text (stmt, 2, previous);
  return lg_store_step_done (index->store, stmt, _("Could not record the import"), error);
}

/* Stages the pending new leads, INSERT_BATCH rows a statement. */
static gboolean
flush_creates (Index   *index,
               GError **error)
{
  static const char row_sql[] = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  g_autoptr(GString) sql = NULL;
  sqlite3_stmt *stmt;
  int param = 0;
  gboolean ok;

  if (index->pending->len == 0)
    return TRUE;

  sql = g_string_new ("INSERT INTO temp.staged_leads (id, name, telegram_handle, telegram_id, "
                      "email, phone, company, stage, furthest_stage, qualification, value, "
                      "currency, source_id, position, created_at, closed_at, lost_reason, "
                      "notes) VALUES ");
  for (guint i = 0; i < index->pending->len; i++)
    g_string_append (g_string_append (sql, i > 0 ? ", " : ""), row_sql);
  stmt = lg_store_prepare (index->store, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < index->pending->len; i++)
    {
      PendingLead *lead = &g_array_index (index->pending, PendingLead, i);
      const Record *row = lead->record;
      const char *stage = row->stage != NULL ? row->stage : "cold";

      sqlite3_bind_int64 (stmt, ++param, lead->id);
      sqlite3_bind_text (stmt, ++param, row->name != NULL ? row->name : "", -1, SQLITE_STATIC);
      lg_stmt_bind_text (stmt, ++param, row->telegram);
      lg_stmt_bind_text (stmt, ++param, row->telegram_id);
      lg_stmt_bind_text (stmt, ++param, row->email);
      lg_stmt_bind_text (stmt, ++param, row->phone);
      lg_stmt_bind_text (stmt, ++param, row->company);
      sqlite3_bind_text (stmt, ++param, stage, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, ++param, stage, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, ++param, row->qualification != NULL ? row->qualification
                                                                   : "unqualified",
                         -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, ++param, row->has_value ? row->value : 0);
      sqlite3_bind_text (stmt, ++param, row->currency[0] != '\0' ? row->currency : "USD", -1,
                         SQLITE_STATIC);
      if (lead->source_id > 0)
        sqlite3_bind_int64 (stmt, ++param, lead->source_id);
      else
        sqlite3_bind_null (stmt, ++param);
      sqlite3_bind_double (stmt, ++param, lead->position);
      sqlite3_bind_int64 (stmt, ++param, row->created != 0 ? row->created : index->now);
      sqlite3_bind_int64 (stmt, ++param, row->closed);
      lg_stmt_bind_text (stmt, ++param, row->lost_reason);
      sqlite3_bind_text (stmt, ++param, row->notes != NULL ? row->notes : "", -1, SQLITE_STATIC);
    }
  ok = lg_store_step_done (index->store, stmt, _("Could not add the lead"), error);
  g_array_set_size (index->pending, 0);
  return ok;
}

static gboolean
create_lead (Index         *index,
             const Record  *row,
             GError       **error)
{
  const char *stage = row->stage != NULL ? row->stage : "cold";
  PendingLead lead = { .record = row, .id = index->next_id++ };

  if (row->source != NULL && !find_source (index, row->source, &lead.source_id, error))
    return FALSE;

  index->position[stage_index (stage)] += 1;
  lead.position = index->position[stage_index (stage)];
  index_add (index, lead.id, row->email_key, row->phone, row->telegram_key, row->telegram_id);
  g_array_append_val (index->pending, lead);
  return index->pending->len < INSERT_BATCH || flush_creates (index, error);
}

/* The columns an import may change (LEAD_COLUMNS), in the order of the
 * UPDATE below; undo writes back only these. */
static const char *update_columns[] = {
  "name", "email", "phone", "company", "telegram_handle", "telegram_id", "stage",
  "furthest_stage", "qualification", "value", "currency", "source_id", "created_at",
  "closed_at", "lost_reason", "notes",
};

enum {
  COL_NAME, COL_EMAIL, COL_PHONE, COL_COMPANY, COL_TELEGRAM, COL_TELEGRAM_ID, COL_STAGE,
  COL_FURTHEST, COL_QUALIFICATION, COL_VALUE, COL_CURRENCY, COL_SOURCE, COL_CREATED,
  COL_CLOSED, COL_LOST_REASON, COL_NOTES, N_COLUMNS
};

typedef struct
{
  const char *text[N_COLUMNS];
  gint64      number[N_COLUMNS];
  gboolean    is_number[N_COLUMNS];
  gboolean    changed[N_COLUMNS];
} Change;

static void
change_text (Change     *change,
             int         column,
             const char *value,
             gboolean    differs)
{
  if (value == NULL || !differs)
    return;
  change->text[column] = value;
  change->changed[column] = TRUE;
}

static void
change_number (Change *change,
               int     column,
               gint64  now,
               gint64  value)
{
  if (now == value)
    return;
  change->number[column] = value;
  change->is_number[column] = TRUE;
  change->changed[column] = TRUE;
}

static gboolean
same_text (const char *a,
           const char *b)
{
  return g_strcmp0 (a != NULL ? a : "", b != NULL ? b : "") == 0;
}

/* The same address by the key duplicates are found by. */
static gboolean
same_email (const char *a,
            const char *b)
{
  g_autofree char *key_a = lg_lead_email_key (a);
  g_autofree char *key_b = lg_lead_email_key (b);

  return g_strcmp0 (key_a, key_b) == 0;
}

/* The notes after the import: the file's notes column replaces them, columns
 * added to notes are appended unless the notes already say so. */
static char *
merged_notes (const char   *current,
              const Record *row)
{
  const char *base = row->replaces_notes ? row->notes : current;

  if (row->replaces_notes || row->notes == NULL)
    return g_strdup (base);
  if (current != NULL && strstr (current, row->notes) != NULL)
    return g_strdup (current);
  if (current == NULL || current[0] == '\0')
    return g_strdup (row->notes);
  return g_strconcat (current, "\n", row->notes, NULL);
}

/* Copies a lead there before into the staging area, once, as it is in the
 * snapshot the import reads, and keeps it so for the move's check. */
static gboolean
copy_lead (Index   *index,
           gint64   id,
           GError **error)
{
  sqlite3_stmt *stmt;

  stmt = lg_store_prepare (index->store,
                           "INSERT OR IGNORE INTO temp.staged_leads (id, " LEAD_COLUMNS
                           ", existed) SELECT id, " LEAD_COLUMNS ", 1 FROM main.leads "
                           "WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!lg_store_step_done (index->store, stmt, _("Could not read the lead to update"), error))
    return FALSE;
  if (sqlite3_changes (lg_store_get_db (index->store)) == 0)
    return TRUE;

  stmt = lg_store_prepare (index->store,
                           "INSERT INTO temp.staged_leads_before SELECT id, " LEAD_COLUMNS
                           " FROM main.leads WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return lg_store_step_done (index->store, stmt, _("Could not read the lead to update"), error);
}

static gboolean
update_lead (Index         *index,
             gint64         id,
             const Record  *row,
             gboolean      *changed,
             GError       **error)
{
  g_autoptr(JsonBuilder) previous = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *previous_json = NULL;
  g_autofree char *notes = NULL;
  g_autofree char *phone_now = NULL;
  g_autofree char *telegram_now = NULL;
  Change change = { 0 };
  sqlite3_stmt *read;
  sqlite3_stmt *write;
  gint64 source_id = 0;
  int rc;

  *changed = FALSE;
  /* The lead may be one of this file's, not staged yet, or one there before,
   * not copied yet. */
  if (index->pending->len > 0 && id >= g_array_index (index->pending, PendingLead, 0).id &&
      !flush_creates (index, error))
    return FALSE;
  if (id < index->first_new_id && !copy_lead (index, id, error))
    return FALSE;
  if (row->source != NULL && !find_source (index, row->source, &source_id, error))
    return FALSE;

  read = lg_store_prepare (index->store,
                           "SELECT " LEAD_COLUMNS " FROM temp.staged_leads WHERE id = ?", error);
  if (read == NULL)
    return FALSE;
  sqlite3_bind_int64 (read, 1, id);
  if (sqlite3_step (read) != SQLITE_ROW)
    {
      lg_store_set_error (index->store, error, _("Could not read the lead to update"));
      sqlite3_reset (read);
      return FALSE;
    }

#define NOW(col) lg_stmt_text (read, col)
  if (NOW (COL_PHONE) != NULL)
    phone_now = lg_lead_normalize_phone (NOW (COL_PHONE));
  if (NOW (COL_TELEGRAM) != NULL)
    telegram_now = lg_lead_handle_key (NOW (COL_TELEGRAM));

  change_text (&change, COL_NAME, row->name, !same_text (NOW (COL_NAME), row->name));
  change_text (&change, COL_EMAIL, row->email, !same_email (NOW (COL_EMAIL), row->email));
  /* The same number written another way is no change. */
  change_text (&change, COL_PHONE, row->phone, g_strcmp0 (phone_now, row->phone) != 0);
  change_text (&change, COL_COMPANY, row->company, !same_text (NOW (COL_COMPANY), row->company));
  change_text (&change, COL_TELEGRAM, row->telegram,
               g_strcmp0 (telegram_now, row->telegram_key) != 0);
  change_text (&change, COL_TELEGRAM_ID, row->telegram_id,
               !same_text (NOW (COL_TELEGRAM_ID), row->telegram_id));
  change_text (&change, COL_STAGE, row->stage,
               !same_text (NOW (COL_STAGE), row->stage));
  if (row->stage != NULL && g_strcmp0 (row->stage, "lost") != 0 &&
      stage_index (row->stage) > stage_index (NOW (COL_FURTHEST)))
    change_text (&change, COL_FURTHEST, row->stage, TRUE);
  change_text (&change, COL_QUALIFICATION, row->qualification,
               !same_text (NOW (COL_QUALIFICATION), row->qualification));
  if (row->has_value)
    change_number (&change, COL_VALUE, sqlite3_column_int64 (read, COL_VALUE), row->value);
  change_text (&change, COL_CURRENCY, row->currency[0] != '\0' ? row->currency : NULL,
               !same_text (NOW (COL_CURRENCY), row->currency));
  if (source_id > 0)
    change_number (&change, COL_SOURCE, sqlite3_column_int64 (read, COL_SOURCE), source_id);
  if (row->created != 0)
    change_number (&change, COL_CREATED, sqlite3_column_int64 (read, COL_CREATED), row->created);
  if (row->closed != 0)
    change_number (&change, COL_CLOSED, sqlite3_column_int64 (read, COL_CLOSED), row->closed);
  change_text (&change, COL_LOST_REASON, row->lost_reason,
               !same_text (NOW (COL_LOST_REASON), row->lost_reason));
  notes = merged_notes (NOW (COL_NOTES), row);
  change_text (&change, COL_NOTES, notes, !same_text (NOW (COL_NOTES), notes));

  /* The previous values of what changes, for undo. */
  json_builder_begin_object (previous);
  for (int col = 0; col < N_COLUMNS; col++)
    {
      if (!change.changed[col])
        continue;
      *changed = TRUE;
      json_builder_set_member_name (previous, update_columns[col]);
      if (sqlite3_column_type (read, col) == SQLITE_NULL)
        json_builder_add_null_value (previous);
      else if (sqlite3_column_type (read, col) == SQLITE_INTEGER)
        json_builder_add_int_value (previous, sqlite3_column_int64 (read, col));
      else
        json_builder_add_string_value (previous, NOW (col));
    }
  json_builder_end_object (previous);
#undef NOW
  sqlite3_reset (read);

  if (!*changed)
    return TRUE;

  root = json_builder_get_root (previous);
  previous_json = json_to_string (root, FALSE);

  write = lg_store_prepare (index->store,
                            "UPDATE temp.staged_leads SET changed = 1, "
                            "name = coalesce(?1, name), "
                            "email = coalesce(?2, email), phone = coalesce(?3, phone), "
                            "company = coalesce(?4, company), "
                            "telegram_handle = coalesce(?5, telegram_handle), "
                            "telegram_id = coalesce(?6, telegram_id), "
                            "stage = coalesce(?7, stage), "
                            "furthest_stage = coalesce(?8, furthest_stage), "
                            "qualification = coalesce(?9, qualification), "
                            "value = coalesce(?10, value), currency = coalesce(?11, currency), "
                            "source_id = coalesce(?12, source_id), "
                            "created_at = coalesce(?13, created_at), "
                            "closed_at = coalesce(?14, closed_at), "
                            "lost_reason = coalesce(?15, lost_reason), "
                            "notes = coalesce(?16, notes) WHERE id = ?17", error);
  if (write == NULL)
    return FALSE;
  for (int col = 0; col < N_COLUMNS; col++)
    {
      if (!change.changed[col])
        continue;
      if (change.is_number[col])
        sqlite3_bind_int64 (write, col + 1, change.number[col]);
      else
        sqlite3_bind_text (write, col + 1, change.text[col], -1, SQLITE_TRANSIENT);
    }
  sqlite3_bind_int64 (write, N_COLUMNS + 1, id);
  rc = sqlite3_step (write);
  sqlite3_reset (write);
  if (rc != SQLITE_DONE)
    {
      lg_store_set_error (index->store, error, _("Could not update the lead"));
      return FALSE;
    }

  index_add (index, id, row->email_key, row->phone, row->telegram_key, row->telegram_id);
  return record_update (index, id, previous_json, error);
}

static gboolean
write_row (LgLeadImport  *self,
           Index         *index,
           const Record  *row,
           GError       **error)
{
  gint64 match = index_find (index, row);
  gboolean changed;
  char *reason;

  if (match == 0)
    {
      if (self->mode == LG_IMPORT_MODE_UPDATE)
        {
          self->skipped++;
          return TRUE;
        }
      self->created++;
      return create_lead (index, row, error);
    }

  /* A twin of a lead already there, or of an earlier row of the file. */
  if (self->mode == LG_IMPORT_MODE_CREATE)
    {
      self->skipped++;
      return TRUE;
    }

  reason = find_conflict (index, row, match);
  if (reason != NULL)
    {
      /* The lead's side for the report is read before anything changes it. */
      if (index->pending->len > 0 && match >= g_array_index (index->pending, PendingLead, 0).id &&
          !flush_creates (index, error))
        {
          g_free (reason);
          return FALSE;
        }
      if (!remember_conflict (self, index, row, match, reason, error))
        return FALSE;
      switch (conflict_action (self, row->line))
        {
        case LG_CONFLICT_SKIP:
          self->conflicts_skipped++;
          return TRUE;
        case LG_CONFLICT_CREATE:
          self->created++;
          return create_lead (index, row, error);
        case LG_CONFLICT_MERGE:
        default:
          break;
        }
    }

  if (!update_lead (index, match, row, &changed, error))
    return FALSE;
  if (changed)
    self->updated++;
  else
    self->skipped++;
  return TRUE;
}

/* What write_row would do, without writing: finds the conflicts, and keeps
 * the index as the writing would so later rows of the file match alike. */
static gboolean
preview_row (LgLeadImport  *self,
             Index         *index,
             const Record  *row,
             GError       **error)
{
  gint64 match = index_find (index, row);
  char *reason;

  if (match == 0 || self->mode == LG_IMPORT_MODE_CREATE)
    {
      if (match == 0 && self->mode != LG_IMPORT_MODE_UPDATE)
        index_add (index, index->next_id++, row->email_key, row->phone, row->telegram_key,
                   row->telegram_id);
      return TRUE;
    }

  reason = find_conflict (index, row, match);
  if (reason != NULL)
    {
      if (!remember_conflict (self, index, row, match, reason, error))
        return FALSE;
      switch (conflict_action (self, row->line))
        {
        case LG_CONFLICT_SKIP:
          self->conflicts_skipped++;
          return TRUE;
        case LG_CONFLICT_CREATE:
          index_add (index, index->next_id++, row->email_key, row->phone, row->telegram_key,
                     row->telegram_id);
          return TRUE;
        case LG_CONFLICT_MERGE:
        default:
          break;
        }
    }
  index_add (index, match, row->email_key, row->phone, row->telegram_key, row->telegram_id);
  return TRUE;
}

/* The consumer of a validation: the rows against the leads, read only. */
static gboolean
preview_pass (LgLeadImport  *self,
              LgStore       *store,
              Feed          *feed,
              GCancellable  *cancellable,
              GError       **error)
{
  g_auto(Index) index = { 0 };

  if (!index_load (&index, store, error))
    return FALSE;

  for (;;)
    {
      g_autoptr(Block) block = g_async_queue_pop (feed->queue);

      if (block->last)
        break;
      take_block (feed);
      for (guint i = 0; i < block->records->len; i++)
        if (!preview_row (self, &index, &g_array_index (block->records, Record, i), error))
          return FALSE;
      if (check_cancelled (cancellable, error))
        return FALSE;
      report_progress (self, block->done);
    }

  if (!feed->ok)
    {
      g_propagate_error (error, g_steal_pointer (&feed->error));
      return FALSE;
    }
  return TRUE;
}

/* Writes the blocks of the feed into the staging area as they come.
 * Returns FALSE with the reader's error when the reading failed. */
static gboolean
write_pass (LgLeadImport  *self,
            Index         *index,
            Feed          *feed,
            GCancellable  *cancellable,
            GError       **error)
{
  for (;;)
    {
      g_autoptr(Block) block = g_async_queue_pop (feed->queue);

      if (block->last)
        break;
      take_block (feed);

      for (guint i = 0; i < block->records->len; i++)
        {
          if (!write_row (self, index, &g_array_index (block->records, Record, i), error))
            return FALSE;
          if ((i + 1) % CHECK_EVERY == 0 && check_cancelled (cancellable, error))
            return FALSE;
        }
      /* The rows waiting to be staged point into the block. */
      if (!flush_creates (index, error))
        return FALSE;
      report_progress (self, ROWS_SHARE * block->done);
    }

  /* The last block tells how the reading ended; the queue's lock makes what
   * the reader wrote before it visible here. */
  if (!feed->ok)
    {
      g_propagate_error (error, g_steal_pointer (&feed->error));
      return FALSE;
    }
  return !check_cancelled (cancellable, error);
}

/* Whether another connection changed what the import's decisions read since
 * its snapshot: added or removed a lead or a source (a lead the file should
 * have matched, ids the move would take), or changed a lead the import
 * changes (the move would write over it). */
static gboolean
changed_since (Index     *index,
               gboolean  *changed,
               GError   **error)
{
  sqlite3_stmt *stmt;

  stmt = lg_store_prepare (index->store,
                           "SELECT (SELECT count(*) FROM main.leads), "
                           "(SELECT coalesce(max(id), 0) FROM main.leads), "
                           "(SELECT count(*) FROM main.sources), "
                           "(SELECT coalesce(max(id), 0) FROM main.sources), "
                           "EXISTS (SELECT id, " LEAD_COLUMNS " FROM temp.staged_leads_before "
                           "        WHERE id IN (SELECT id FROM temp.staged_leads WHERE changed) "
                           "        EXCEPT SELECT id, " LEAD_COLUMNS " FROM main.leads "
                           "        WHERE id IN (SELECT id FROM temp.staged_leads WHERE changed))",
                           error);
  if (stmt == NULL ||
      !lg_store_step_one (index->store, stmt, _("Could not read the leads"),
                          _("Could not read the leads"), error))
    return FALSE;
  *changed = sqlite3_column_int64 (stmt, 0) != index->n_leads ||
             sqlite3_column_int64 (stmt, 1) != index->first_new_id - 1 ||
             sqlite3_column_int64 (stmt, 2) != index->n_sources ||
             sqlite3_column_int64 (stmt, 3) != index->first_new_source_id - 1 ||
             sqlite3_column_int (stmt, 4) != 0;
  sqlite3_reset (stmt);
  return TRUE;
}

/* The new leads go to the end of their column: after the last lead there is
 * now, should another connection have moved one there since the snapshot. */
static gboolean
place_new_leads (Index   *index,
                 GError **error)
{
  double last[G_N_ELEMENTS (stages)];
  sqlite3_stmt *stmt;

  memcpy (last, index->last_position, sizeof last);
  stmt = lg_store_prepare (index->store, "SELECT stage, max(position) FROM main.leads "
                                         "GROUP BY stage", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    last[stage_index (lg_stmt_text (stmt, 0))] = sqlite3_column_double (stmt, 1);
  sqlite3_reset (stmt);

  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      if (last[i] <= index->last_position[i])
        continue;
      stmt = lg_store_prepare (index->store, "UPDATE temp.staged_leads SET position = "
                                             "position + ? WHERE stage = ? AND NOT existed",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_double (stmt, 1, last[i] - index->last_position[i]);
      sqlite3_bind_text (stmt, 2, stages[i], -1, SQLITE_STATIC);
      if (!lg_store_step_done (index->store, stmt, _("Could not add the lead"), error))
        return FALSE;
    }
  return TRUE;
}

/* When the file brings at least as many new leads as there are leads (and
 * enough of them to matter), the leads' indexes are dropped before the move
 * inserts them and built again after, in its transaction: building an index
 * from sorted rows costs a fraction of keeping it up to date row by row. */
#define REBUILD_INDEXES_MIN_ROWS 5000

/* Moves what is staged into the database, in the write transaction: the
 * new sources, the import's history entry, the new leads, the changes to
 * the others and their update records and timeline entries. */
static gboolean
move_staged (LgLeadImport  *self,
             Index         *index,
             GError       **error)
{
  g_autofree char *file_name = g_path_get_basename (self->csv_path);
  g_autofree char *batch = NULL;
  g_auto(GStrv) indexes = NULL;
  sqlite3_stmt *stmt;

  stmt = lg_store_prepare (index->store,
                           "INSERT INTO sources (id, kind, handle, title, created_at) "
                           "SELECT id, 'csv', name, name, ? FROM temp.staged_lead_sources "
                           "ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, index->now);
  if (!lg_store_step_done (index->store, stmt, _("Could not add the lead’s source"), error))
    return FALSE;

  stmt = lg_store_prepare (index->store,
                           "INSERT INTO import_batches (file_name, created_at, created_count, "
                           "updated_count, skipped_count, failed_count) VALUES (?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, file_name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, index->now);
  sqlite3_bind_int (stmt, 3, self->created);
  sqlite3_bind_int (stmt, 4, self->updated);
  /* The history has no column of its own for skipped conflicts. */
  sqlite3_bind_int (stmt, 5, self->skipped + self->conflicts_skipped);
  sqlite3_bind_int (stmt, 6, self->failed);
  if (!lg_store_step_done (index->store, stmt, _("Could not record the import"), error))
    return FALSE;
  self->batch_id = sqlite3_last_insert_rowid (lg_store_get_db (index->store));
  batch = g_strdup_printf ("%" PRId64, self->batch_id);

  if (!place_new_leads (index, error))
    return FALSE;
  if (index->next_id - index->first_new_id >= MAX (REBUILD_INDEXES_MIN_ROWS, index->n_leads))
    {
      indexes = lg_store_drop_schema (index->store, "index", "leads", NULL, error);
      if (indexes == NULL)
        return FALSE;
    }

  stmt = lg_store_prepare (index->store,
                           "INSERT INTO leads (id, " LEAD_COLUMNS ", position, import_batch) "
                           "SELECT id, " LEAD_COLUMNS ", position, ? FROM temp.staged_leads "
                           "WHERE NOT existed ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->batch_id);
  if (!lg_store_step_done (index->store, stmt, _("Could not add the lead"), error))
    return FALSE;

  stmt = lg_store_prepare (index->store,
                           "UPDATE leads SET (" LEAD_COLUMNS ") = (SELECT " LEAD_COLUMNS
                           " FROM temp.staged_leads t WHERE t.id = leads.id) "
                           "WHERE id IN (SELECT id FROM temp.staged_leads "
                           "             WHERE existed AND changed)", error);
  if (stmt == NULL || !lg_store_step_done (index->store, stmt, _("Could not update the lead"),
                                           error))
    return FALSE;

  /* The lead's timeline says which file changed it; new_value is the batch
   * so undo finds the entry. (A created lead's entry comes from its
   * import_batch column: lg_store_list_activities.) */
  stmt = lg_store_prepare (index->store,
                           "INSERT INTO import_changes (batch_id, lead_id, action, previous) "
                           "SELECT ?, lead_id, 'update', previous FROM temp.staged_lead_changes "
                           "ORDER BY rowid", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->batch_id);
  if (!lg_store_step_done (index->store, stmt, _("Could not record the import"), error))
    return FALSE;
  stmt = lg_store_prepare (index->store,
                           "INSERT INTO activities (lead_id, kind, at, detail, old_value, "
                           "new_value) SELECT lead_id, 'import', ?, ?, 'update', ? "
                           "FROM temp.staged_lead_changes ORDER BY rowid", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, index->now);
  sqlite3_bind_text (stmt, 2, file_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, batch, -1, SQLITE_STATIC);
  return lg_store_step_done (index->store, stmt, _("Could not record the import"), error) &&
         lg_store_exec_all (index->store, indexes, error);
}

static gpointer
read_thread (gpointer data)
{
  Feed *feed = data;
  Block *last = g_new0 (Block, 1);

  feed->ok = validate_pass (feed->self, feed, feed->cancellable, &feed->error);
  last->last = TRUE;
  g_async_queue_push (feed->queue, last);
  return NULL;
}

static void
feed_clear (Feed *feed)
{
  g_clear_pointer (&feed->block, block_free);
  g_clear_pointer (&feed->queue, g_async_queue_unref);
  g_clear_pointer (&feed->slots, g_async_queue_unref);
  g_clear_object (&feed->stop);
  g_clear_error (&feed->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Feed, feed_clear)

gboolean
lg_lead_import_validate (LgLeadImport  *self,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(LgStore) store = NULL;
  g_auto(Feed) feed = { .self = self, .cancellable = cancellable };
  GThread *thread;
  gboolean ok;

  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), FALSE);

  reset_results (self);
  /* The leads are read, never written: the conflicts show before the import.
   * The staging area stays empty (the conflicts' lead side reads it); it goes
   * with the connection. */
  store = lg_store_open (self->db_path, error);
  if (store == NULL || !lg_store_stage_tables (store, staging_tables, error))
    return FALSE;

  feed_init (&feed);
  thread = g_thread_new ("lg-import-check", read_thread, &feed);
  ok = preview_pass (self, store, &feed, cancellable, error);
  if (!ok)
    g_cancellable_cancel (feed.stop);
  g_thread_join (thread);
  if (ok)
    report_progress (self, 1.0);
  return ok;
}

/* One go at the import: the rows are staged, then moved. With locked, the
 * write lock is taken first and held throughout, so nothing the import reads
 * can change. Without, the staging reads one snapshot of the database (a
 * read transaction) and writes only TEMP tables, which lock nothing; the
 * move then fails, with *stale set and no error, if another connection
 * changed since what the import read. */
static gboolean
import_once (LgLeadImport  *self,
             LgStore       *store,
             gboolean       locked,
             GCancellable  *cancellable,
             gboolean      *stale,
             GError       **error)
{
  g_auto(Feed) feed = { .self = self, .cancellable = cancellable };
  g_auto(Index) index = { 0 };
  GThread *thread;
  gboolean ok;

  *stale = FALSE;
  reset_results (self);
  if (!lg_store_stage_tables (store, staging_tables, error))
    return FALSE;
  if (!lg_store_exec (store, locked ? "BEGIN IMMEDIATE" : "BEGIN", error))
    {
      lg_store_stage_discard (store);
      return FALSE;
    }

  /* The file is read and checked on one core while the rows are staged on
   * another: the staging takes about as long as the writing alone. */
  feed_init (&feed);
  thread = g_thread_new ("lg-import-read", read_thread, &feed);
  ok = index_load (&index, store, error) && write_pass (self, &index, &feed, cancellable, error);
  if (!ok)
    g_cancellable_cancel (feed.stop);
  /* Blocks the writer did not take go with the queue. */
  g_thread_join (thread);

  if (ok && self->dry_run)
    {
      lg_store_stage_discard (store);
      return TRUE;
    }

  /* The move waits for another writer, as any write does. */
  if (ok && !locked)
    ok = lg_store_exec (store, "COMMIT", error) && lg_store_begin (store, error) &&
         changed_since (&index, stale, error);
  ok = ok && !*stale && move_staged (self, &index, error) && lg_store_commit (store, error);
  lg_store_stage_discard (store);
  if (!ok)
    {
      self->created = self->updated = self->skipped = 0;
      self->batch_id = 0;
    }
  return ok;
}

gboolean
lg_lead_import_run (LgLeadImport  *self,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(LgStore) store = NULL;
  gboolean stale;
  gboolean ok;

  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), FALSE);

  store = lg_store_open (self->db_path, error);
  /* The move's one transaction touches many index pages: a bigger page cache
   * for this connection alone keeps them in memory until the commit. */
  if (store == NULL || !lg_store_exec (store, "PRAGMA cache_size = -65536", error))
    return FALSE;

  /* Should another connection change what the import read while it read
   * the file, the import runs again holding the lock from the start: the
   * move must not write over what the import did not see. */
  ok = import_once (self, store, FALSE, cancellable, &stale, error);
  if (!ok && stale)
    ok = import_once (self, store, TRUE, cancellable, &stale, error);
  if (ok)
    report_progress (self, 1.0);
  return ok;
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  LgLeadImport *self = source_object;
  gboolean validate_only = GPOINTER_TO_INT (task_data);
  GError *error = NULL;
  gboolean ok;

  ok = validate_only ? lg_lead_import_validate (self, cancellable, &error)
                     : lg_lead_import_run (self, cancellable, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
lg_lead_import_run_async (LgLeadImport        *self,
                          gboolean             validate_only,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LG_IS_LEAD_IMPORT (self));

  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref_thread_default ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lg_lead_import_run_async);
  g_task_set_task_data (task, GINT_TO_POINTER (validate_only), NULL);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, run_thread);
}

gboolean
lg_lead_import_run_finish (LgLeadImport  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

guint
lg_lead_import_get_n_rows (LgLeadImport *self)
{
  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), 0);

  return self->n_rows;
}

guint
lg_lead_import_get_created (LgLeadImport *self)
{
  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), 0);

  return self->created;
}

guint
lg_lead_import_get_updated (LgLeadImport *self)
{
  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), 0);

  return self->updated;
}

guint
lg_lead_import_get_skipped (LgLeadImport *self)
{
  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), 0);

  return self->skipped;
}

guint
lg_lead_import_get_failed (LgLeadImport *self)
{
  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), 0);

  return self->failed;
}

guint
lg_lead_import_get_conflicts (LgLeadImport *self)
{
  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), 0);

  return self->conflicts;
}

GPtrArray *
lg_lead_import_list_conflicts (LgLeadImport *self)
{
  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), NULL);

  return self->conflict_list;
}

gint64
lg_lead_import_get_batch_id (LgLeadImport *self)
{
  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), 0);

  return self->batch_id;
}

const char *
lg_lead_import_get_note (LgLeadImport *self)
{
  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), NULL);

  return self->note;
}

GPtrArray *
lg_lead_import_get_problems (LgLeadImport *self)
{
  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), NULL);

  return self->problems;
}

GPtrArray *
lg_lead_import_get_repairs (LgLeadImport *self)
{
  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), NULL);

  return self->repairs;
}

guint
lg_lead_import_get_repaired_rows (LgLeadImport *self)
{
  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), 0);

  return self->repaired_rows;
}

char *
lg_lead_import_describe_repairs (LgLeadImport *self)
{
  guint n;

  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), NULL);

  n = self->repaired_rows;
  if (n == 0)
    return NULL;
  if (self->repairs_cut)
    return g_strdup_printf (_("%u rows have quotes (\") out of place; check how they were "
                              "read (the first %u are listed):"), n, self->repairs->len);
  return g_strdup_printf (ngettext ("%u row has quotes (\") out of place; check how it was "
                                    "read:",
                                    "%u rows have quotes (\") out of place; check how they "
                                    "were read:", n), n);
}

GStrv
lg_lead_import_get_unknown_labels (LgLeadImport *self,
                                   LgCsvField    field)
{
  GHashTable *table;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), NULL);
  g_return_val_if_fail (field == LG_CSV_FIELD_STAGE || field == LG_CSV_FIELD_QUALIFICATION, NULL);

  table = field == LG_CSV_FIELD_STAGE ? self->unknown_stages : self->unknown_qualifications;
  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_strv_builder_add (builder, value);
  return g_strv_builder_end (builder);
}

gboolean
lg_lead_import_write_error_report (LgLeadImport  *self,
                                   const char    *path,
                                   GError       **error)
{
  g_autoptr(LgCsvWriter) writer = NULL;
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  guint n_columns;

  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), FALSE);
  g_return_val_if_fail (self->header != NULL, FALSE);

  writer = lg_csv_writer_new_for_path (path, FALSE, error);
  if (writer == NULL)
    return FALSE;

  n_columns = g_strv_length (self->header);
  for (guint i = 0; i < n_columns; i++)
    g_ptr_array_add (fields, self->header[i]);
  g_ptr_array_add (fields, (char *) _("Error"));
  if (!lg_csv_writer_write_row (writer, (const char * const *) fields->pdata, fields->len, error))
    return FALSE;

  for (guint r = 0; r < self->failed_rows->len; r++)
    {
      FailedRow *failed = g_ptr_array_index (self->failed_rows, r);
      guint n = g_strv_length (failed->fields);

      /* Short rows are padded so the reason stays in its column. */
      g_ptr_array_set_size (fields, 0);
      for (guint i = 0; i < MAX (n, n_columns); i++)
        g_ptr_array_add (fields, i < n ? failed->fields[i] : (char *) "");
      g_ptr_array_add (fields, failed->reason);
      if (!lg_csv_writer_write_row (writer, (const char * const *) fields->pdata, fields->len,
                                    error))
        return FALSE;
    }
  return lg_csv_writer_close (writer, NULL, error);
}

/* History and undo */

GListModel *
lg_lead_import_list_batches (LgStore  *store,
                             GError  **error)
{
  g_autoptr(GListStore) batches = g_list_store_new (LG_TYPE_IMPORT_BATCH);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LG_IS_STORE (store), NULL);

  stmt = lg_store_prepare (store,
                           "SELECT id, file_name, created_at, undone_at, created_count, "
                           "updated_count, skipped_count, failed_count FROM import_batches "
                           "ORDER BY id DESC", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(LgImportBatch) batch = NULL;

      batch = lg_import_batch_new (sqlite3_column_int64 (stmt, 0), lg_stmt_text (stmt, 1),
                                   sqlite3_column_int64 (stmt, 2), sqlite3_column_int64 (stmt, 3),
                                   sqlite3_column_int (stmt, 4), sqlite3_column_int (stmt, 5),
                                   sqlite3_column_int (stmt, 6), sqlite3_column_int (stmt, 7));
      g_list_store_append (batches, batch);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      lg_store_set_error (store, error, _("Could not read the import history"));
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&batches));
}

static gboolean
restore_lead (LgStore     *store,
              gint64       lead_id,
              const char  *previous,
              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  if (previous == NULL || !json_parser_load_from_data (parser, previous, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return TRUE;
  object = json_node_get_object (json_parser_get_root (parser));

  for (guint col = 0; col < N_COLUMNS; col++)
    {
      g_autofree char *sql = NULL;
      JsonNode *node;
      sqlite3_stmt *stmt;

      node = json_object_get_member (object, update_columns[col]);
      if (node == NULL)
        continue;

      sql = g_strdup_printf ("UPDATE leads SET %s = ? WHERE id = ?", update_columns[col]);
      stmt = lg_store_prepare (store, sql, error);
      if (stmt == NULL)
        return FALSE;
      if (JSON_NODE_HOLDS_NULL (node))
        sqlite3_bind_null (stmt, 1);
      else if (json_node_get_value_type (node) == G_TYPE_INT64)
        sqlite3_bind_int64 (stmt, 1, json_node_get_int (node));
      else
        sqlite3_bind_text (stmt, 1, json_node_get_string (node), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, lead_id);
      if (!lg_store_step_done (store, stmt, _("Could not restore a lead"), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
undo_changes (LgStore  *store,
              gint64    batch_id,
              GError  **error)
{
  g_autofree char *batch = g_strdup_printf ("%" PRId64, batch_id);
  sqlite3_stmt *stmt;
  int rc;

  stmt = lg_store_prepare (store, "SELECT undone_at FROM import_batches WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, batch_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW || sqlite3_column_int64 (stmt, 0) != 0)
    {
      g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_NOT_FOUND,
                   rc == SQLITE_ROW ? _("Import %" PRId64 " was already undone.")
                                    : _("There is no import %" PRId64 "."), batch_id);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  /* Newest first: a lead the file updated twice gets its oldest values back. */
  stmt = lg_store_prepare (store, "SELECT lead_id, previous FROM import_changes "
                                  "WHERE batch_id = ? AND action = 'update' ORDER BY id DESC",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, batch_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!restore_lead (store, sqlite3_column_int64 (stmt, 0), lg_stmt_text (stmt, 1), error))
      {
        sqlite3_reset (stmt);
        return FALSE;
      }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      lg_store_set_error (store, error, _("Could not read what the import changed"));
      return FALSE;
    }

  stmt = lg_store_prepare (store, "DELETE FROM leads WHERE import_batch = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, batch_id);
  if (!lg_store_step_done (store, stmt, _("Could not remove the imported leads"), error))
    return FALSE;

  stmt = lg_store_prepare (store, "DELETE FROM activities WHERE kind = 'import' "
                                  "AND new_value = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, batch, -1, SQLITE_STATIC);
  if (!lg_store_step_done (store, stmt, _("Could not undo the import"), error))
    return FALSE;

  stmt = lg_store_prepare (store, "UPDATE import_batches SET undone_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_int64 (stmt, 2, batch_id);
  if (!lg_store_step_done (store, stmt, _("Could not undo the import"), error))
    return FALSE;
  return TRUE;
}

gboolean
lg_lead_import_undo (LgStore  *store,
                     gint64    batch_id,
                     GError  **error)
{
  g_return_val_if_fail (LG_IS_STORE (store), FALSE);

  if (!lg_store_begin (store, error))
    return FALSE;
  if (!undo_changes (store, batch_id, error))
    {
      lg_store_rollback (store);
      return FALSE;
    }
  return lg_store_commit (store, error);
}
