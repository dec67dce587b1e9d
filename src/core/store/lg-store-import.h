/* lg-store-import.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CSV import's queries (lg-store-import.c), for src/core/import/ alone:
 * the import decides what each row does to the leads, these write it. The
 * import stages its work in TEMP tables of its own connection, against one
 * snapshot of the leads, and moves it into the database in one short
 * transaction at the end; every function here runs on that connection.
 */

#pragma once

#include "lg-pipeline.h"
#include "lg-store.h"

G_BEGIN_DECLS

/* The columns of a lead an import may change; undo writes back only these. */
typedef enum
{
  LG_IMPORT_COLUMN_NAME,
  LG_IMPORT_COLUMN_EMAIL,
  LG_IMPORT_COLUMN_PHONE,
  LG_IMPORT_COLUMN_COMPANY,
  LG_IMPORT_COLUMN_TELEGRAM,
  LG_IMPORT_COLUMN_TELEGRAM_ID,
  LG_IMPORT_COLUMN_STAGE,
  LG_IMPORT_COLUMN_FURTHEST,
  LG_IMPORT_COLUMN_QUALIFICATION,
  LG_IMPORT_COLUMN_VALUE,
  LG_IMPORT_COLUMN_CURRENCY,
  LG_IMPORT_COLUMN_SOURCE,
  LG_IMPORT_COLUMN_CREATED,
  LG_IMPORT_COLUMN_CLOSED,
  LG_IMPORT_COLUMN_LOST_REASON,
  LG_IMPORT_COLUMN_NOTES,
  LG_IMPORT_COLUMN_EXTERNAL_ID,
  LG_IMPORT_N_COLUMNS
} LgImportColumn;

/* What the import read of the database as it began. New leads and sources
 * get their ids from next_lead_id and next_source_id on, so a later row of
 * the file finds them by key before they are written; the move checks that
 * no one else took those ids meanwhile (lg_store_import_lock). */
typedef struct
{
  gint64 now;
  gint64 n_leads;
  gint64 next_lead_id;
  gint64 n_sources;
  gint64 next_source_id;
  double last_position[LG_N_STAGES]; /* the last position there was, per stage */
} LgImportSnapshot;

/* A new lead as the import stages it, its defaults filled in; a source_id of
 * 0 is none. */
typedef struct
{
  gint64      id;
  const char *name;
  const char *telegram;
  const char *telegram_id;
  const char *email;
  const char *phone;
  const char *company;
  const char *stage;
  const char *qualification;
  gint64      value;
  const char *currency;
  gint64      source_id;
  double      position;
  gint64      created;
  gint64      closed;
  const char *lost_reason;
  const char *notes;
  const char *external_id;
} LgImportNewLead;

/* A staged lead's columns as they are: text for the text ones (NULL for
 * none), number for the integer ones (0 for none). */
typedef struct
{
  const char *text[LG_IMPORT_N_COLUMNS];
  gint64      number[LG_IMPORT_N_COLUMNS];
  gboolean    is_integer[LG_IMPORT_N_COLUMNS];
} LgImportLeadValues;

/* The columns an update changes and their new values. */
typedef struct
{
  const char *text[LG_IMPORT_N_COLUMNS];
  gint64      number[LG_IMPORT_N_COLUMNS];
  gboolean    is_number[LG_IMPORT_N_COLUMNS];
  gboolean    changed[LG_IMPORT_N_COLUMNS];
} LgImportChange;

/* The keys a row finds its lead by, in the order it looks: a case-folded
 * email, a normalised phone, a Telegram username's key and Telegram's id. */
typedef enum
{
  LG_IMPORT_KEY_EMAIL,
  LG_IMPORT_KEY_PHONE,
  LG_IMPORT_KEY_TELEGRAM,
  LG_IMPORT_KEY_TELEGRAM_ID,
  LG_IMPORT_N_KEYS
} LgImportKey;

/* A lead's keys, as the dedupe index is given them. */
typedef struct
{
  gint64      id;
  const char *keys[LG_IMPORT_N_KEYS];
} LgImportLeadKeys;

/* Called for each lead there is, in id order, with its keys as stored;
 * returns FALSE, with error set, to stop the reading. */
typedef gboolean (*LgImportLeadKeysFunc) (gint64      id,
                                          const char *email,
                                          const char *phone,
                                          const char *telegram_handle,
                                          const char *telegram_id,
                                          gpointer    user_data,
                                          GError    **error);
/* Fills change from the lead's values as they are; they last the call. */
typedef void     (*LgImportMergeFunc)    (const LgImportLeadValues *now,
                                          LgImportChange           *change,
                                          gpointer                  user_data);

/* The rank of a stage id as positions and the furthest stage count it
 * (LgStage's order); an unknown one ranks as cold. */
LgStage     lg_import_stage_rank            (const char          *stage);

/* The import's own connection; a writing one keeps more pages in memory,
 * for the move's one transaction touches many index pages. */
LgStore    *lg_store_import_open            (const char          *db_path,
                                             gboolean             writing,
                                             GError             **error);
/* Makes the (empty) staging area; lg_store_stage_discard() drops it. */
gboolean    lg_store_import_stage           (LgStore             *self,
                                             GError             **error);
/* Starts the staging: a read snapshot, or with locked the write lock. */
gboolean    lg_store_import_begin           (LgStore             *self,
                                             gboolean             locked,
                                             GError             **error);
gboolean    lg_store_import_read_snapshot   (LgStore             *self,
                                             LgImportSnapshot    *snapshot,
                                             LgImportLeadKeysFunc func,
                                             gpointer             user_data,
                                             GError             **error);
/* The lead's name, email, phone, Telegram username and company, as the
 * import has left it so far; untouched when there is no such lead yet. */
gboolean    lg_store_import_read_contact    (LgStore             *self,
                                             gint64               id,
                                             char                *contact[5],
                                             GError             **error);
/* The dedupe index, in the staging area: lead by lead, in order, gives the
 * lead the keys it has (NULL for none) that no lead holds yet, and makes
 * them the lead's own (a NULL leaves the lead's as it was). At most
 * LG_IMPORT_MAX_NEW_LEADS. */
gboolean    lg_store_import_add_keys        (LgStore                *self,
                                             const LgImportLeadKeys *leads,
                                             guint                   n_leads,
                                             GError                **error);
/* Whether the lead id is in the index (*known), and the lead holding each
 * key (0 for none). */
gboolean    lg_store_import_find_keys       (LgStore             *self,
                                             gint64               id,
                                             const char * const   keys[LG_IMPORT_N_KEYS],
                                             gboolean            *known,
                                             gint64               holders[LG_IMPORT_N_KEYS],
                                             GError             **error);
/* The lead's own keys in the index, to be freed, NULL where it has none;
 * the phone is always NULL (a phone contradicts nothing). */
gboolean    lg_store_import_read_keys       (LgStore             *self,
                                             gint64               id,
                                             char                *keys[LG_IMPORT_N_KEYS],
                                             GError             **error);
/* Puts the lead-form ids of the leads there (their external_id) in the
 * dedupe index. */
gboolean    lg_store_import_load_form_ids   (LgStore             *self,
                                             GError             **error);
/* Adds a lead-form id (lg_lead_form_id_key ()) to the dedupe index: *added
 * is FALSE when it was there already. */
gboolean    lg_store_import_add_form_id     (LgStore             *self,
                                             const char          *key,
                                             gboolean            *added,
                                             GError             **error);
/* The source a name in the file means, by title or handle, else one the
 * import staged under that name; 0 when none. */
gboolean    lg_store_import_find_source     (LgStore             *self,
                                             const char          *name,
                                             gint64              *id,
                                             GError             **error);
/* A new source of kind csv, added by the move under that id. */
gboolean    lg_store_import_stage_source    (LgStore             *self,
                                             gint64               id,
                                             const char          *name,
                                             GError             **error);
/* At most LG_IMPORT_MAX_NEW_LEADS at a time. */
gboolean    lg_store_import_stage_new_leads (LgStore               *self,
                                             const LgImportNewLead *leads,
                                             guint                  n_leads,
                                             GError               **error);
/* Copies a lead there before into the staging area, once, as the snapshot
 * has it, before the import reads or changes it. */
gboolean    lg_store_import_copy_lead       (LgStore             *self,
                                             gint64               id,
                                             GError             **error);
/* Updates a staged lead with what merge decides from its values, and
 * records its previous values for the history and undo. */
gboolean    lg_store_import_update_lead     (LgStore             *self,
                                             gint64               id,
                                             LgImportMergeFunc    merge,
                                             gpointer             user_data,
                                             gboolean            *changed,
                                             GError             **error);
/* Ends the snapshot and takes the write lock, waiting for another writer as
 * any write does; *stale says whether another connection changed since what
 * the import read: the leads or sources there are, or a lead it changes. */
gboolean    lg_store_import_lock            (LgStore                *self,
                                             const LgImportSnapshot *snapshot,
                                             gboolean               *stale,
                                             GError                **error);
/* Moves what is staged into the database, in the write transaction: the
 * new sources, the import's history entry (its id in *batch_id), the
 * n_new new leads, the changes to the others and their timeline entries. */
gboolean    lg_store_import_move            (LgStore                *self,
                                             const LgImportSnapshot *snapshot,
                                             gint64                  n_new,
                                             const char             *file_name,
                                             guint                   created,
                                             guint                   updated,
                                             guint                   skipped,
                                             guint                   failed,
                                             gint64                 *batch_id,
                                             GError                **error);
/* The import history, newest first: a list of LgImportBatch. */
GListModel *lg_store_import_list_batches    (LgStore             *self,
                                             GError             **error);
gboolean    lg_store_import_undo            (LgStore             *self,
                                             gint64               batch_id,
                                             GError             **error);

/* Rows per INSERT statement of lg_store_import_stage_new_leads. */
#define LG_IMPORT_MAX_NEW_LEADS 64

G_END_DECLS
