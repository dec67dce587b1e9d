/* lg-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lg-activity.h"
#include "lg-followup.h"
#include "lg-lead.h"
#include "lg-message.h"
#include "lg-pipeline.h"
#include "lg-predictive.h"
#include "lg-source.h"

G_BEGIN_DECLS

#define LG_STORE_ERROR (lg_store_error_quark ())

typedef enum
{
  LG_STORE_ERROR_OPEN,           /* the file or its folder cannot be opened or created */
  LG_STORE_ERROR_NOT_A_DATABASE, /* the file exists but is not a SQLite database */
  LG_STORE_ERROR_TOO_NEW,        /* written by a newer Leadgram */
  LG_STORE_ERROR_READ_ONLY,      /* the file cannot be written */
  LG_STORE_ERROR_MIGRATION,      /* upgrading the schema failed; the file is unchanged */
  LG_STORE_ERROR_QUERY,          /* a query failed (disk full, I/O error, ...) */
  LG_STORE_ERROR_NOT_FOUND,      /* no row with that id */
  LG_STORE_ERROR_INVALID,        /* the caller passed a value the schema rejects */
} LgStoreError;

/* Row counts for `leadgram-cli info` and the first-run checks. */
typedef struct
{
  gint64 sources;
  gint64 messages;
  gint64 leads;
  gint64 followups;
  gint64 searches;
} LgStoreCounts;

/* The local database. One LgStore is one SQLite connection: use it from one
 * thread only. Worker threads open their own with lg_store_open() on
 * lg_store_get_path(); WAL mode lets them read while another writes. */
#define LG_TYPE_STORE (lg_store_get_type ())
G_DECLARE_FINAL_TYPE (LgStore, lg_store, LG, STORE, GObject)

GQuark      lg_store_error_quark          (void);

char       *lg_store_default_path         (void);
int         lg_store_latest_version       (void);

LgStore    *lg_store_open                 (const char     *path,
                                           GError        **error);
const char *lg_store_get_path             (LgStore        *self);
int         lg_store_get_version          (LgStore        *self);
const char *lg_store_get_backup_path      (LgStore        *self);

/* Views listen to "changed" (detail: the table, e.g. "leads") to refresh;
 * whoever wrote calls this on the main thread once the write is committed,
 * including writes made by a worker on its own connection. */
void        lg_store_notify_changed       (LgStore        *self,
                                           const char     *table);

gboolean    lg_store_count                (LgStore        *self,
                                           LgStoreCounts  *counts,
                                           GError        **error);

/* Transactions group writes that belong together; nesting is not supported. */
gboolean    lg_store_begin                (LgStore        *self,
                                           GError        **error);
gboolean    lg_store_commit               (LgStore        *self,
                                           GError        **error);
void        lg_store_rollback             (LgStore        *self);

/* Sources */
gboolean    lg_store_add_source           (LgStore        *self,
                                           LgSource       *source,
                                           GError        **error);
LgSource   *lg_store_get_source           (LgStore        *self,
                                           gint64          id,
                                           GError        **error);
LgSource   *lg_store_find_source          (LgStore        *self,
                                           const char     *kind,
                                           const char     *handle,
                                           GError        **error);
GListModel *lg_store_list_sources         (LgStore        *self,
                                           GError        **error);

/* Sources: sync state and removal (lg-store-sources.c) */
/* Writes title, url, cursors, last sync and last error. */
gboolean    lg_store_update_source        (LgStore        *self,
                                           LgSource       *source,
                                           GError        **error);
/* Removes the source and its messages; leads made from them stay. */
gboolean    lg_store_remove_source        (LgStore        *self,
                                           gint64          source_id,
                                           GError        **error);
/* The source of that kind and handle, added (with title and url) if new. */
LgSource   *lg_store_ensure_source        (LgStore        *self,
                                           const char     *kind,
                                           const char     *handle,
                                           const char     *title,
                                           const char     *url,
                                           gboolean       *created,
                                           GError        **error);
/* The times of the source's oldest and newest messages, 0 when it has none. */
gboolean    lg_store_get_source_time_span   (LgStore        *self,
                                           gint64          source_id,
                                           gint64         *oldest,
                                           gint64         *newest,
                                           GError        **error);

/* Messages: adding one that its source already has (same external id) is not an
 * error; *inserted tells whether it was new. */
gboolean    lg_store_add_message          (LgStore        *self,
                                           LgMessage      *message,
                                           gboolean       *inserted,
                                           GError        **error);
GListModel *lg_store_list_messages        (LgStore        *self,
                                           gint64          source_id,
                                           guint           limit,
                                           GError        **error);

/* Leads */
gboolean    lg_store_add_lead             (LgStore        *self,
                                           LgLead         *lead,
                                           GError        **error);
LgLead     *lg_store_get_lead             (LgStore        *self,
                                           gint64          id,
                                           GError        **error);

/* Which leads a board or an export shows; zeroed means all of them. */
typedef struct
{
  const char *text;          /* part of the name, handle, company or email */
  gint64      source_id;     /* 0: any source */
  const char *qualification; /* NULL: any */
  const char *stage;         /* NULL: any */
  gboolean    stale_only;
  gint64      lead_id;       /* 0: any; else that lead, if it passes the rest */
} LgLeadFilter;

typedef struct
{
  guint  count;
  gint64 value;    /* sum of the leads' values, minor units */
  gint64 weighted; /* value × the stage's probability */
} LgStageTotals;

/* The lead's originating message and the best match that found it. */
typedef struct
{
  LgMessage *message;   /* NULL when the lead was made by hand */
  int        score;     /* -1 without a match */
  char      *reason;
  char      *breakdown; /* the match's signal breakdown, JSON text */
} LgLeadOrigin;

/* A deleted lead with its timeline and follow-ups, for Undo. */
typedef struct _LgDeletedLead LgDeletedLead;

/* Leads in board order (stage, then position), with source title, next
 * follow-up and staleness under rules at now. */
GListModel *lg_store_list_leads           (LgStore               *self,
                                           const LgLeadFilter    *filter,
                                           const LgPipelineRules *rules,
                                           gint64                 now,
                                           GError               **error);
gboolean    lg_store_get_stage_totals     (LgStore               *self,
                                           const LgLeadFilter    *filter,
                                           const LgPipelineRules *rules,
                                           gint64                 now,
                                           LgStageTotals          totals[LG_N_STAGES],
                                           GError               **error);
/* Moves a lead to stage, just before the lead before_id (0: to the end of
 * the column). Keeps closed_at, furthest_stage and lost_reason, and records
 * a stage change in the timeline. */
gboolean    lg_store_move_lead            (LgStore               *self,
                                           gint64                 id,
                                           LgStage                stage,
                                           gint64                 before_id,
                                           const char            *lost_reason,
                                           GError               **error);
/* Writes lead's contact and deal fields (name, handle, Telegram id, email,
 * phone, company, qualification, value, currency, score, source, message,
 * notes) over the stored row with the same id. Email, phone, handle and
 * currency are validated and normalised (lead gets the stored forms); on an
 * invalid value nothing is written and error is in LG_LEAD_VALIDATE_ERROR.
 * Each changed field becomes one activity of kind activity_kind ("edit",
 * "import"); *n_changed tells how many. Stage moves go through
 * lg_store_move_lead(). */
gboolean    lg_store_update_lead          (LgStore               *self,
                                           LgLead                *lead,
                                           const char            *activity_kind,
                                           guint                 *n_changed,
                                           GError               **error);
/* "Mark contacted": the first touch (speed to lead) if there was none, and
 * the last touch, which restarts the stale clock. */
gboolean    lg_store_touch_lead           (LgStore               *self,
                                           gint64                 id,
                                           gint64                 at,
                                           GError               **error);
gboolean    lg_store_add_activity         (LgStore               *self,
                                           gint64                 lead_id,
                                           const char            *kind,
                                           const char            *detail,
                                           const char            *old_value,
                                           const char            *new_value,
                                           GError               **error);
GListModel *lg_store_list_activities      (LgStore               *self,
                                           gint64                 lead_id,
                                           GError               **error);
GListModel *lg_store_list_lead_followups  (LgStore               *self,
                                           gint64                 lead_id,
                                           GError               **error);
gboolean    lg_store_get_lead_origin      (LgStore               *self,
                                           LgLead                *lead,
                                           LgLeadOrigin          *origin,
                                           GError               **error);
void        lg_lead_origin_clear          (LgLeadOrigin          *origin);
/* The predictive score of lead from all closed leads, computed now: one
 * query over the closed leads, so it is always as fresh as the last win,
 * loss or reopening. */
LgPrediction *lg_store_predict_lead       (LgStore               *self,
                                           LgLead                *lead,
                                           GError               **error);
LgDeletedLead *lg_store_delete_lead       (LgStore               *self,
                                           gint64                 id,
                                           GError               **error);
gboolean    lg_store_restore_lead         (LgStore               *self,
                                           LgDeletedLead         *deleted,
                                           GError               **error);
gint64      lg_deleted_lead_get_id        (LgDeletedLead         *deleted);
void        lg_deleted_lead_free          (LgDeletedLead         *deleted);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LgDeletedLead, lg_deleted_lead_free)

/* Follow-ups */
gboolean    lg_store_add_followup         (LgStore        *self,
                                           LgFollowup     *followup,
                                           GError        **error);

/* Costs: what a source cost over [period_start, period_end), in minor units of
 * a three-letter currency (ISO 4217). Returns the new row's id, 0 on error. */
gint64      lg_store_add_cost             (LgStore        *self,
                                           gint64          source_id,
                                           gint64          period_start,
                                           gint64          period_end,
                                           gint64          amount,
                                           const char     *currency,
                                           const char     *note,
                                           GError        **error);

G_END_DECLS
