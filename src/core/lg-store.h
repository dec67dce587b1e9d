/* lg-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lg-followup.h"
#include "lg-lead.h"
#include "lg-message.h"
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

/* Follow-ups (lg-store-followups.c). A follow-up is due at its snooze when it
 * has one, else at its due time; "today" is the local day of `now` in `tz`
 * (NULL = the local zone). Writers call lg_store_notify_changed (store,
 * "followups") after these. */
typedef enum
{
  LG_FOLLOWUP_BUCKET_OVERDUE,  /* open, due before now */
  LG_FOLLOWUP_BUCKET_TODAY,    /* open, due from now to the end of today */
  LG_FOLLOWUP_BUCKET_UPCOMING, /* open, due after today */
  LG_FOLLOWUP_BUCKET_DONE,     /* completed, newest first */
  LG_FOLLOWUP_N_BUCKETS
} LgFollowupBucket;

typedef struct
{
  gint64 counts[LG_FOLLOWUP_N_BUCKETS];
} LgFollowupCounts;

gboolean    lg_store_add_followup         (LgStore        *self,
                                           LgFollowup     *followup,
                                           GError        **error);
LgFollowup *lg_store_get_followup         (LgStore        *self,
                                           gint64          id,
                                           GError        **error);
/* limit 0 = all. Items are LgFollowup with lead-name set. */
GListModel *lg_store_list_followups       (LgStore        *self,
                                           LgFollowupBucket bucket,
                                           gint64          now,
                                           GTimeZone      *tz,
                                           guint           limit,
                                           GError        **error);
gboolean    lg_store_count_followups      (LgStore        *self,
                                           gint64          now,
                                           GTimeZone      *tz,
                                           LgFollowupCounts *counts,
                                           GError        **error);
/* Open ones first by due time, then the done ones, newest first. */
GListModel *lg_store_list_lead_followups  (LgStore        *self,
                                           gint64          lead_id,
                                           GError        **error);
/* The earliest due time among open follow-ups not yet notified for that
 * time, in *due_at (0 when there is none). */
gboolean    lg_store_next_followup_due    (LgStore        *self,
                                           gint64         *due_at,
                                           GError        **error);
/* Open follow-ups due at or before now that were not notified for that time. */
GListModel *lg_store_list_due_followups   (LgStore        *self,
                                           gint64          now,
                                           GError        **error);
gboolean    lg_store_mark_followup_notified (LgStore      *self,
                                           gint64          id,
                                           GError        **error);
/* Marks it done at `at` and counts it as a touch of its lead (see
 * lg_store_log_touch). Completing a done one again changes nothing. */
gboolean    lg_store_complete_followup    (LgStore        *self,
                                           gint64          id,
                                           gint64          at,
                                           GTimeZone      *tz,
                                           GError        **error);
gboolean    lg_store_snooze_followup      (LgStore        *self,
                                           gint64          id,
                                           gint64          until,
                                           GError        **error);
/* "Stay in touch every N days" (0 = off): the lead keeps one open follow-up
 * due N days after its last touch, in the morning. */
gboolean    lg_store_set_stay_in_touch    (LgStore        *self,
                                           gint64          lead_id,
                                           guint           days,
                                           GTimeZone      *tz,
                                           GError        **error);
/* A contact with the lead at `at`: moves last_touch_at (and first_touch_at
 * when unset), writes the timeline and restarts the stay-in-touch clock. */
gboolean    lg_store_log_touch            (LgStore        *self,
                                           gint64          lead_id,
                                           gint64          at,
                                           GTimeZone      *tz,
                                           GError        **error);
/* Every lead's id, name, handle and stage, by name: for pickers. */
GListModel *lg_store_list_lead_names      (LgStore        *self,
                                           GError        **error);

G_END_DECLS
