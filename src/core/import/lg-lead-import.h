/* lg-lead-import.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lg-csv-mapping.h"
#include "lg-csv-reader.h"
#include "lg-import-batch.h"
#include "lg-store.h"

G_BEGIN_DECLS

typedef enum
{
  LG_IMPORT_MODE_CREATE, /* new leads only; rows matching a lead are skipped */
  LG_IMPORT_MODE_UPDATE, /* matching leads only; other rows are skipped */
  LG_IMPORT_MODE_BOTH,
} LgImportMode;

/* One thing wrong with one row: the user fixes the file by it. */
typedef struct
{
  guint  line;    /* the file's line the row starts on */
  char  *column;  /* the header of the column, or NULL for the whole row */
  char  *reason;
} LgImportProblem;

/* What to do with a conflict: a row that matches a lead by one key (email,
 * phone, Telegram username or id) but contradicts it by another (a different
 * email, username or id, or a key of another lead). Never an update unless
 * the user says so. */
typedef enum
{
  LG_CONFLICT_SKIP,   /* leave the lead as it is, import nothing (the default) */
  LG_CONFLICT_MERGE,  /* update the lead with the row, as for any match */
  LG_CONFLICT_CREATE, /* a new lead from the row */
} LgConflictAction;

/* The compared contact fields of a conflict, in this order. */
typedef enum
{
  LG_CONFLICT_FIELD_NAME,
  LG_CONFLICT_FIELD_EMAIL,
  LG_CONFLICT_FIELD_PHONE,
  LG_CONFLICT_FIELD_TELEGRAM,
  LG_CONFLICT_FIELD_COMPANY,
  LG_CONFLICT_N_FIELDS,
} LgConflictField;

/* One conflict, the row and the lead side by side. */
typedef struct
{
  guint   line;                        /* the file's line the row starts on */
  gint64  lead_id;                     /* the lead it matched */
  char   *reason;                      /* what contradicts, a sentence */
  char   *row[LG_CONFLICT_N_FIELDS];   /* the row's values, NULL when empty */
  char   *lead[LG_CONFLICT_N_FIELDS];  /* the lead's; all NULL when the lead is an
                                        * earlier row of the file not written yet */
} LgImportConflict;

/* Conflicts listed one by one; more are counted only. */
#define LG_IMPORT_MAX_LISTED_CONFLICTS 1000
/* Rows read with a repair of their quotes listed one by one; more are counted. */
#define LG_IMPORT_MAX_LISTED_REPAIRS 1000
/* Unknown stage (or qualification) labels listed for the user to map; a row
 * with one more fails all the same. */
#define LG_IMPORT_MAX_UNKNOWN_LABELS 1000
/* Problems listed one by one; the failed rows are counted, and all of them
 * are in the error report. */
#define LG_IMPORT_MAX_LISTED_PROBLEMS 1000

/* A date as exports write it: ISO 8601 (with or without time and zone),
 * "2024-03-01 10:22", "21.02.2023", "2/21/2023 10:22 AM", Unix seconds; a
 * time without a zone is in local. */
gboolean    lg_csv_parse_date           (const char       *text,
                                         GTimeZone        *local,
                                         gint64           *out);

const char *lg_conflict_action_get_id   (LgConflictAction  action);
gboolean    lg_conflict_action_from_id  (const char       *id,
                                         LgConflictAction *action);
const char *lg_conflict_field_get_label (LgConflictField   field);

const char *lg_import_mode_get_id   (LgImportMode  mode);
gboolean    lg_import_mode_from_id  (const char   *id,
                                     LgImportMode *mode);

/* One import of one CSV file into the leads: every row is validated before
 * anything is written, then all rows are written in one transaction, with a
 * record of what changed so the import can be undone. Runs on any thread with
 * its own connection to the database at db_path. */
#define LG_TYPE_LEAD_IMPORT (lg_lead_import_get_type ())
G_DECLARE_FINAL_TYPE (LgLeadImport, lg_lead_import, LG, LEAD_IMPORT, GObject)

LgLeadImport *lg_lead_import_new               (const char     *db_path,
                                                const char     *csv_path,
                                                LgCsvMapping   *mapping);
void          lg_lead_import_set_format        (LgLeadImport   *self,
                                                LgCsvEncoding   encoding,
                                                char            delimiter);
/* Without a header the first row is data (the mapping names the columns). */
void          lg_lead_import_set_has_header    (LgLeadImport   *self,
                                                gboolean        has_header);
void          lg_lead_import_set_mode          (LgLeadImport   *self,
                                                LgImportMode    mode);
/* Everything is done and then rolled back: the counts say what would happen. */
void          lg_lead_import_set_dry_run       (LgLeadImport   *self,
                                                gboolean        dry_run);
LgCsvMapping *lg_lead_import_get_mapping       (LgLeadImport   *self);
/* What conflicts get unless chosen one by one; LG_CONFLICT_SKIP by default. */
void          lg_lead_import_set_on_conflict   (LgLeadImport     *self,
                                                LgConflictAction  action);
/* The choice for the conflict of the row on that line (from the preview). */
void          lg_lead_import_set_conflict_action (LgLeadImport     *self,
                                                  guint             line,
                                                  LgConflictAction  action);

/* Only checks the rows (problems, unknown labels) and finds the conflicts
 * with the leads there, writes nothing. */
gboolean      lg_lead_import_validate          (LgLeadImport   *self,
                                                GCancellable   *cancellable,
                                                GError        **error);
/* Validates and writes. Cancelling leaves the database as it was. */
gboolean      lg_lead_import_run               (LgLeadImport   *self,
                                                GCancellable   *cancellable,
                                                GError        **error);
/* The same on a worker thread; "progress" is emitted on the caller's thread. */
void          lg_lead_import_run_async         (LgLeadImport        *self,
                                                gboolean             validate_only,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean      lg_lead_import_run_finish        (LgLeadImport        *self,
                                                GAsyncResult        *result,
                                                GError             **error);

guint         lg_lead_import_get_n_rows        (LgLeadImport   *self);
guint         lg_lead_import_get_created       (LgLeadImport   *self);
guint         lg_lead_import_get_updated       (LgLeadImport   *self);
guint         lg_lead_import_get_skipped       (LgLeadImport   *self);
guint         lg_lead_import_get_failed        (LgLeadImport   *self);
/* The platform's test leads (lg_lead_form_is_test_lead ()): no person, left
 * out; neither failed nor in get_skipped (the import history counts them
 * with the skipped). */
guint         lg_lead_import_get_test_leads    (LgLeadImport   *self);
/* "1 Meta test lead skipped…", NULL when there are none. */
char         *lg_lead_import_describe_test_leads (LgLeadImport *self);
/* Rows that conflict with a lead, whatever was done with them; the skipped
 * ones are not in get_skipped (they count in the import history's skipped). */
guint         lg_lead_import_get_conflicts     (LgLeadImport   *self);
/* LgImportConflict, in file order, at most LG_IMPORT_MAX_LISTED_CONFLICTS. */
GPtrArray    *lg_lead_import_list_conflicts    (LgLeadImport   *self);
gint64        lg_lead_import_get_batch_id      (LgLeadImport   *self);
const char   *lg_lead_import_get_note          (LgLeadImport   *self);
/* LgImportProblem, in file order, at most LG_IMPORT_MAX_LISTED_PROBLEMS (and
 * the problems of the row that reached it). */
GPtrArray    *lg_lead_import_get_problems      (LgLeadImport   *self);
/* The fields read with a repair of their quotes (lg_csv_reader_get_field_repairs),
 * as LgImportProblem in file order, at most LG_IMPORT_MAX_LISTED_REPAIRS; the
 * rows are imported, the user should check them. */
GPtrArray    *lg_lead_import_get_repairs       (LgLeadImport   *self);
/* All the rows read with a repair, listed or not. */
guint         lg_lead_import_get_repaired_rows (LgLeadImport   *self);
/* A sentence that heads the list of repairs, NULL when there are none. */
char         *lg_lead_import_describe_repairs  (LgLeadImport   *self);
/* Stage (or qualification) labels found in the file that map to nothing, at
 * most LG_IMPORT_MAX_UNKNOWN_LABELS. */
GStrv         lg_lead_import_get_unknown_labels (LgLeadImport  *self,
                                                 LgCsvField     field);
char         *lg_import_problem_to_string      (const LgImportProblem *problem);

/* The failed rows as they were, with the reasons in a last column. */
gboolean      lg_lead_import_write_error_report (LgLeadImport  *self,
                                                 const char    *path,
                                                 GError       **error);

/* The import history, newest first: a list of LgImportBatch. */
GListModel   *lg_lead_import_list_batches      (LgStore        *store,
                                                GError        **error);

/* Undo: leads the import created are removed, the ones it updated get their
 * previous values back. */
gboolean      lg_lead_import_undo              (LgStore        *store,
                                                gint64          batch_id,
                                                GError        **error);

G_END_DECLS
