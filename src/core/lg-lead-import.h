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

/* Only checks the rows (problems, unknown labels), writes nothing. */
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
gint64        lg_lead_import_get_batch_id      (LgLeadImport   *self);
const char   *lg_lead_import_get_note          (LgLeadImport   *self);
/* LgImportProblem, in file order. */
GPtrArray    *lg_lead_import_get_problems      (LgLeadImport   *self);
/* Stage (or qualification) labels found in the file that map to nothing. */
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
