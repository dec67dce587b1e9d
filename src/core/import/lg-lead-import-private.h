/* lg-lead-import-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LgLeadImport is spread over several files, by job: lg-lead-import.c runs
 * the reading and writing threads (the pipeline), lg-lead-import-parse.c
 * turns a CSV row into a Record, lg-lead-import-dedupe.c finds the lead a
 * row is, lg-lead-import-merge.c decides what the row does to it, and
 * lg-lead-import-batch.c holds what an import leaves: its results, the
 * error report, the history and undo. They share the struct here.
 */

#pragma once

#include "lg-csv-reader.h"
#include "lg-csv-writer.h"
#include "lg-lead-import.h"
#include "lg-store-import.h"

G_BEGIN_DECLS

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
  char       *form_key;     /* the platform and its lead id (lg_lead_form_id_key ()) */
  const char *stage;
  const char *qualification;
  gint64      id;
  gint64      value;
  gboolean    has_value;
  char        currency[4];
  gint64      created;
  gint64      closed;
  guint       line;
  gboolean    test_lead;    /* a row of Meta's Lead Ads Testing Tool, no person */
} Row;

/* A valid row kept for the write pass: what it writes, nothing more. The
 * strings live in the string chunk of the block that carries it. */
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
  const char *form_key;
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

/* What the write pass knows about the leads already there. The index of
 * their keys is in TEMP tables of the store's connection
 * (lg-lead-import-dedupe.c); what is in memory has a fixed size. */
typedef struct
{
  LgStore         *store;
  LgImportSnapshot snapshot;
  guint64         *seen;           /* a Bloom filter of the keys and ids in the index */
  /* Keys given to the index and not written yet, their strings in
   * added_strings: written many at a time, before the index is read. */
  LgImportLeadKeys added[LG_IMPORT_MAX_NEW_LEADS];
  guint            n_added;
  GStringChunk    *added_strings;
  GHashTable      *sources;        /* name -> source id, the last ones met */
  /* Whether the file has lead-form ids: those of the leads there and of
   * the file's rows so far are in the store's TEMP tables then. */
  gboolean         form_ids;
  double           position[LG_N_STAGES]; /* next position per stage */
  /* The ids the file's new leads and sources take next (snapshot says the
   * first ones). */
  gint64           next_id;
  gint64           next_source_id;
  GArray          *pending;        /* LgImportNewLead, not staged yet */
} Index;

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
  guint          test_leads;
  guint          conflicts;
  guint          conflicts_skipped;
  gint64         batch_id;
  GPtrArray     *conflict_list;  /* LgImportConflict */
  GPtrArray     *problems;       /* LgImportProblem */
  GPtrArray     *repairs;        /* LgImportProblem */
  guint          repaired_rows;
  gboolean       repairs_cut;    /* more repairs than LG_IMPORT_MAX_LISTED_REPAIRS */
  GStrv          header;
  /* The error report: the failed rows as they come, in a temporary file
   * (report_path), copied where the user says (write_error_report). */
  char          *report_path;
  LgCsvWriter   *report;
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

/* lg-lead-import-batch.c */
/* Clears the results of an earlier pass. */
void      lg_lead_import_reset_results      (LgLeadImport *self);
/* Adds a failed row, as it was in the file, to the error report. */
gboolean  lg_lead_import_report_failed_row  (LgLeadImport       *self,
                                             const char * const *fields,
                                             guint               n_fields,
                                             const char         *reason,
                                             GError            **error);

/* lg-lead-import-parse.c */
void      lg_import_problem_free            (gpointer      problem);
/* Lists the fields of the reader's row read with a repair of their quotes. */
void      lg_lead_import_note_repairs       (LgLeadImport *self,
                                             LgCsvReader  *reader);
/* Opens the file at its first row: the header, or (without one) the first
 * row of data, which *replay says is still to be handled by next_row. */
LgCsvReader *lg_lead_import_open_file       (LgLeadImport  *self,
                                             gboolean      *replay,
                                             GCancellable  *cancellable,
                                             GError       **error);
gboolean  lg_lead_import_next_row           (LgCsvReader   *reader,
                                             gboolean      *replay,
                                             GCancellable  *cancellable,
                                             GError       **error);
/* Fills row from the reader's current row; adds a problem for each cell that
 * does not hold what its column says. Returns whether the row is valid; a
 * platform's test lead is not, with no problem (row->test_lead). */
gboolean  lg_lead_import_parse_row          (LgLeadImport *self,
                                             LgCsvReader  *reader,
                                             Row          *row);
void      lg_lead_import_row_clear          (Row          *row);
/* The record of a valid row, its strings in strings; returns their size. */
gsize     lg_lead_import_row_to_record      (Row          *row,
                                             GStringChunk *strings,
                                             Record       *record);
/* Adds the reader's row to the error report, with the problems from
 * first_problem on as its reason; then lists no more problems than
 * LG_IMPORT_MAX_LISTED_PROBLEMS. */
gboolean  lg_lead_import_remember_failed_row (LgLeadImport  *self,
                                              LgCsvReader   *reader,
                                              guint          first_problem,
                                              GError       **error);

/* lg-lead-import-dedupe.c */
/* with_form_ids: the file has a lead-form id column, and a row whose id an
 * earlier import or row had is skipped. */
gboolean  lg_import_index_load              (Index        *index,
                                             LgStore      *store,
                                             gboolean      with_form_ids,
                                             GError      **error);
/* Whether the row's lead-form id was met before (*seen); FALSE the first
 * time. */
gboolean  lg_import_index_seen_form_id      (Index        *index,
                                             const Record *row,
                                             gboolean     *seen,
                                             GError      **error);
void      lg_import_index_clear             (Index        *index);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Index, lg_import_index_clear)
/* Gives the lead the row's keys (those it has), where no other lead holds
 * them. */
gboolean  lg_import_index_add               (Index        *index,
                                             gint64        id,
                                             const char   *email,
                                             const char   *phone_key,
                                             const char   *telegram_key,
                                             const char   *telegram_id,
                                             GError      **error);
/* The lead the row is, by id or by one of its keys; 0 when none. */
gboolean  lg_import_index_find              (Index        *index,
                                             const Record *row,
                                             gint64       *match,
                                             GError      **error);
/* Why the row, which matched the lead by some key, is not that lead; NULL
 * when nothing contradicts. */
gboolean  lg_import_index_find_conflict     (Index        *index,
                                             const Record *row,
                                             gint64        match,
                                             char        **reason,
                                             GError      **error);

/* lg-lead-import-merge.c */
void      lg_import_conflict_free           (gpointer      conflict);
/* What the row does to the leads, staged. */
gboolean  lg_lead_import_write_row          (LgLeadImport *self,
                                             Index        *index,
                                             const Record *row,
                                             GError      **error);
/* What lg_lead_import_write_row would do, without writing: finds the
 * conflicts, and keeps the index as the writing would. */
gboolean  lg_lead_import_preview_row        (LgLeadImport *self,
                                             Index        *index,
                                             const Record *row,
                                             GError      **error);
/* Stages the new leads kept back to be written many at a time. */
gboolean  lg_import_index_flush_creates     (Index        *index,
                                             GError      **error);

G_END_DECLS
