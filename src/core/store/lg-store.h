/* lg-store.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lg-activity.h"
#include "lg-cost.h"
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
  LG_STORE_ERROR_DAMAGED,        /* the file is corrupt: nothing more is written to it */
  LG_STORE_ERROR_TEAM,           /* a team workspace does not do that yet */
  LG_STORE_ERROR_CONFLICT,       /* someone else changed the same field meanwhile */
  LG_STORE_ERROR_UNREACHABLE,    /* the team workspace's server does not answer */
  LG_STORE_ERROR_PASSWORD,       /* the team workspace's server wants a password, or another */
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
/* Whether @path is a team workspace's address on PostgreSQL
 * ("postgresql://HOST/DATABASE?sslmode=..."), not a SQLite file. */
gboolean    lg_store_is_team_address      (const char     *path);
/* @path as the store takes it: a file's made absolute (the workers open it
 * from another folder), a team workspace's address as it is. */
char       *lg_store_resolve_path         (const char     *path);
/* Whether a team workspace's address holds a password, which belongs in
 * ~/.pgpass (or the keyring), not in settings a backup or a screenshot
 * shows. */
gboolean    lg_store_address_has_password (const char     *address);
int         lg_store_latest_version       (void);

/* Opens (creating) the database at @path for reading and writing, upgrading
 * its schema; a file that exists but may not be written opens read-only. */
LgStore    *lg_store_open                 (const char     *path,
                                           GError        **error);
/* Opens the database at @path for reading only, never writing to the file or
 * beside it (a backup to look at): every write fails with
 * LG_STORE_ERROR_READ_ONLY. Its schema must be the latest. Later
 * lg_store_open() calls on @path in this process open it read-only too. */
LgStore    *lg_store_open_read_only       (const char     *path,
                                           GError        **error);
/* Whether the store writes nothing: opened read-only, or damaged. */
gboolean    lg_store_is_read_only         (LgStore        *self);
/* Whether SQLite found the file corrupt, in this run or an earlier one (a
 * DATABASE.damaged mark beside it, cleared when PRAGMA quick_check passes
 * again): such a store writes nothing more. */
gboolean    lg_store_is_damaged           (LgStore        *self);
/* The file at @path was replaced (a backup restored in its place): what was
 * known of its damage no longer holds. */
void        lg_store_forget_damage        (const char     *path);
/* Copies what can still be read of the damaged database at @path into a new
 * database at @out_path, table by table, skipping the stretches of rows a
 * broken page hides, and leaving out rows whose parent row was lost.
 * *@copied (may be NULL) counts the rows copied; *@damaged (may be NULL) names
 * the tables that lost rows. */
gboolean    lg_store_salvage              (const char     *path,
                                           const char     *out_path,
                                           gint64         *copied,
                                           GStrv          *damaged,
                                           GError        **error);
const char *lg_store_get_path             (LgStore        *self);
int         lg_store_get_version          (LgStore        *self);
const char *lg_store_get_backup_path      (LgStore        *self);

/* What a write changed, for the views to refresh. */
typedef enum
{
  LG_STORE_CHANGED_LEADS     = 1 << 0,
  LG_STORE_CHANGED_FOLLOWUPS = 1 << 1,
  LG_STORE_CHANGED_COSTS     = 1 << 2,
  LG_STORE_CHANGED_SOURCES   = 1 << 3,
  LG_STORE_CHANGED_MESSAGES  = 1 << 4,
  LG_STORE_CHANGED_SEARCHES  = 1 << 5,
  LG_STORE_CHANGED_MATCHES   = 1 << 6,
} LgStoreChanges;

/* Views listen to "changed" (detail: what changed, e.g. "leads", one
 * emission for each flag set) to refresh; whoever wrote calls this on the main
 * thread once the write is committed, including writes made by a worker on
 * its own connection. */
void        lg_store_notify_changed       (LgStore        *self,
                                           LgStoreChanges  changes);
/* Tells how a copy goes: rows of table copied so far, of total. */
typedef void (*LgStoreCopyProgress) (const char *table,
                                     gint64      copied,
                                     gint64      total,
                                     gpointer    user_data);

/* Copies everything the workspace holds (leads and their timelines,
 * follow-ups, costs, sources and messages, searches, imports) into target,
 * which must be empty and of the same schema: a personal workspace into a
 * team's, or a team's into a new file. One transaction on target, each
 * table's rows counted against the workspace's: all or nothing. */
gboolean    lg_store_copy_into            (LgStore              *self,
                                           LgStore              *target,
                                           LgStoreCopyProgress   progress,
                                           gpointer              user_data,
                                           GCancellable         *cancellable,
                                           GError              **error);

/* Makes the store emit "changed" for the writes other people make to a team
 * workspace (and the app's own other connections), from the server's
 * notifications, on the thread-default main context: a colleague's move
 * reaches the board. Nothing on a personal workspace, whose writers are this
 * app. */
void        lg_store_watch_others         (LgStore        *self);
/* Whether a team workspace's connection holds ("connected", notified on
 * the store's thread when it is found lost: by its notifications' socket,
 * or by a query that failed for it). Always TRUE on a personal workspace. */
gboolean    lg_store_is_connected         (LgStore        *self);
/* Opens a new connection to the team workspace on a worker; finish, on the
 * store's thread, puts it in the lost one's place, listens again, and emits
 * "changed" for everything (others' writes meanwhile went unheard). Fails
 * with the open's error (LG_STORE_ERROR_UNREACHABLE while the server is
 * away), leaving the store as it was. */
void        lg_store_reconnect_async      (LgStore             *self,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean    lg_store_reconnect_finish     (LgStore        *self,
                                           GAsyncResult   *result,
                                           GError        **error);

/* Work for a worker thread, given a connection of its own. What it computes
 * goes into task_data; FALSE with error set when it fails. */
typedef gboolean (*LgStoreWorkFunc) (LgStore       *store,
                                     gpointer       source_object,
                                     gpointer       task_data,
                                     GCancellable  *cancellable,
                                     GError       **error);

/* Runs work on a worker thread with its own connection to db_path (an LgStore
 * belongs to one thread). The task returns TRUE, or the error of the open or
 * of work: finish with g_task_propagate_boolean(). */
void        lg_store_run_in_thread        (GTask          *task,
                                           const char     *db_path,
                                           LgStoreWorkFunc work);

/* How long a connection waits for another writer's lock (a big import's
 * final move holds it for seconds) before its write fails with "another
 * import or sync is writing": the main thread's connection, which freezes
 * the window while it waits, and a worker's. Connections opened afterwards
 * take them; the defaults are 5 s and 60 s. For tests, which cannot wait a
 * minute. */
void        lg_store_set_busy_timeouts    (guint           main_ms,
                                           guint           worker_ms);

/* The name of the person this process writes for, kept with each timeline
 * entry: a team sees who moved or edited what, and a refused edit names
 * whose change it met. Until it is set, and for NULL or "", it is the name
 * the system knows the user by. Every connection takes it. */
void        lg_store_set_person           (const char     *name);
/* The name as an interned string: a filter may keep it. */
const char *lg_store_get_person           (void);
/* The password every connection of this process to the team workspace at
 * @address gives the server (NULL or "": none, and libpq looks in
 * PGPASSWORD and ~/.pgpass as the CLI does). The app sets it from the
 * keyring, which the store does not know of. */
void        lg_store_set_password         (const char     *address,
                                           const char     *password);

/* A write the app makes while the user works (a card moved, a dialog's
 * Add): write is called on a worker thread with that thread's own
 * connection and data, so the main thread never waits for another writer.
 * The writes asked of one store run one at a time, in the order they were
 * asked for (two quick moves of a card land in that order). While one waits
 * for another writer's lock, the store's "waiting" property is TRUE, for the
 * window to say so; it waits as long as any worker (the busy timeouts above)
 * and then fails with the store's usual error. data (freed with data_free
 * once the write has finished, on either thread: no widgets in it) carries
 * what write needs and what it computes: the caller must not touch it
 * meanwhile. callback runs on the
 * main thread; it calls lg_store_write_finish(), and, when the write landed,
 * lg_store_notify_changed(). */
typedef gboolean (*LgStoreWriteFunc) (LgStore   *store,
                                      gpointer   data,
                                      GError   **error);

void        lg_store_write_async          (LgStore            *self,
                                           LgStoreWriteFunc    write,
                                           gpointer            data,
                                           GDestroyNotify      data_free,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
/* TRUE when the write landed; *data (may be NULL) is the write's data,
 * owned by result. */
gboolean    lg_store_write_finish         (LgStore            *self,
                                           GAsyncResult       *result,
                                           gpointer           *data,
                                           GError            **error);
/* Whether a write of lg_store_write_async() is waiting for another
 * writer's lock (the "waiting" property). */
gboolean    lg_store_get_waiting          (LgStore            *self);
/* How many writes of lg_store_write_async() have not finished (the
 * "pending-writes" property). */
guint       lg_store_get_pending_writes   (LgStore            *self);

/* A copy of the whole database at path (replaced if it exists), consistent
 * even while other connections write: a backup the user can open with
 * --db or copy back. */
gboolean    lg_store_save_copy            (LgStore        *self,
                                           const char     *path,
                                           GError        **error);

gboolean    lg_store_count                (LgStore        *self,
                                           LgStoreCounts  *counts,
                                           GError        **error);

/* Transactions group writes that belong together; nesting is not supported. */
gboolean    lg_store_begin                (LgStore        *self,
                                           GError        **error);
gboolean    lg_store_commit               (LgStore        *self,
                                           GError        **error);
void        lg_store_rollback             (LgStore        *self);
/* A read of several queries that must see the same data (a report's
 * passes): read_end ends it, whether or not read_begin succeeded. */
gboolean    lg_store_read_begin           (LgStore        *self,
                                           GError        **error);
void        lg_store_read_end             (LgStore        *self);

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
/* The same, without each one's count of messages (0), which takes ~80 ms
 * with a million messages: for whatever only names the sources (filters,
 * drop-downs, a source looked up by name). */
GListModel *lg_store_list_sources_brief   (LgStore        *self,
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
/* Staged messages (lg-store-staging.c), for an import too long to hold the
 * database's write lock: its sources and messages are written into a
 * staging area of this connection alone, which locks nothing and vanishes
 * with the connection, then moved into the database with one short
 * transaction, all or nothing. Between begin and commit (or discard) the
 * connection does nothing else. */
/* Starts an empty staging area (emptying what an earlier one left). */
gboolean    lg_store_stage_begin          (LgStore        *self,
                                           GError        **error);
/* A source the staged messages will belong to: the source of that kind and
 * handle, added (with title) if new when the messages are moved. Returns its
 * number in the staging area, 0 on error. */
gint64      lg_store_stage_source         (LgStore        *self,
                                           const char     *kind,
                                           const char     *handle,
                                           const char     *title,
                                           GError        **error);
/* Stages message (its source id is not read) for the staged source; its
 * buyer probability (lg_buyer()) is read now. */
gboolean    lg_store_stage_message        (LgStore        *self,
                                           gint64          staged_source,
                                           LgMessage      *message,
                                           GError        **error);
/* Moves what is staged into the database in one transaction, waiting for
 * another writer as any write does: finds or adds each source and marks it
 * synced now, adds the messages their source does not have yet (the first of
 * two with one external id), indexed for search. *added (may be NULL) counts
 * the messages added. The staging area is emptied, whether or not the move
 * succeeds; on failure nothing was moved. */
gboolean    lg_store_stage_commit         (LgStore        *self,
                                           guint          *added,
                                           GError        **error);
/* Empties the staging area, moving nothing: rolls back what the connection
 * has begun and drops every TEMP table it has (an import that stages rows
 * of its own, lg-store-import.c, creates its TEMP tables after this). */
void        lg_store_stage_discard        (LgStore        *self);
/* Reads the intent model's buyer probability (lg_buyer()) of every message
 * that has none yet, or of all of them when they were read by another model,
 * in chunks that are each a short transaction, so that a sync or an import
 * waits a moment at most. Calls @progress (may be NULL) with the share done.
 * Quick when there is nothing to read; a search runs it first. */
gboolean    lg_store_read_directions      (LgStore        *self,
                                           GCancellable   *cancellable,
                                           void          (*progress) (double   done,
                                                                      gpointer user_data),
                                           gpointer        user_data,
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
  const char *owner;         /* NULL: anyone's; "": nobody's; else that person's */
  gboolean    owner_alone;   /* with a person: theirs alone, not nobody's too */
} LgLeadFilter;

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
/* Moves a lead to stage, just before the lead before_id (0: to the end of
 * the column). Keeps closed_at, furthest_stage and lost_reason, and records
 * a stage change in the timeline. */
gboolean    lg_store_move_lead            (LgStore               *self,
                                           gint64                 id,
                                           LgStage                stage,
                                           gint64                 before_id,
                                           const char            *lost_reason,
                                           GError               **error);
/* Hands the lead over to owner (NULL or "": nobody), with an "edit" of
 * "owner" in its timeline; nothing when it is theirs already. Its follow-ups'
 * reminders ring in the new owner's app from then on. */
gboolean    lg_store_set_lead_owner       (LgStore               *self,
                                           gint64                 id,
                                           const char            *owner,
                                           GError               **error);
/* The people of the workspace, by name: whoever looks after a lead or has
 * written in a timeline, sorted. */
char      **lg_store_list_people          (LgStore               *self,
                                           GError               **error);
/* Writes lead's contact and deal fields (name, handle, Telegram id, email,
 * phone, company, qualification, value, currency, score, source, message,
 * notes) over the stored row with the same id. Email, phone, handle and
 * currency are validated and normalised (lead gets the stored forms); on an
 * invalid value nothing is written and error is in LG_LEAD_VALIDATE_ERROR.
 * With base, the lead as the person saw it before editing, only the fields
 * lead changed from base are written (lead takes the others as stored, so a
 * colleague's edit of another field stays), and a field someone else
 * changed meanwhile to another value is LG_STORE_ERROR_CONFLICT, nothing
 * written. Each changed field becomes one activity of kind activity_kind
 * ("edit", "import"); *n_changed tells how many. Stage moves go through
 * lg_store_move_lead(). */
gboolean    lg_store_update_lead          (LgStore               *self,
                                           LgLead                *base,
                                           LgLead                *lead,
                                           const char            *activity_kind,
                                           guint                 *n_changed,
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
gboolean    lg_store_get_lead_origin      (LgStore               *self,
                                           LgLead                *lead,
                                           LgLeadOrigin          *origin,
                                           GError               **error);
void        lg_lead_origin_clear          (LgLeadOrigin          *origin);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LgLeadOrigin, lg_lead_origin_clear)
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
/* Undoes lg_store_complete_followup(): open again, its timeline entry gone,
 * the lead's touch times and stay-in-touch follow-up as before. */
gboolean    lg_store_reopen_followup      (LgStore        *self,
                                           gint64          id,
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
/* "Mark contacted", a contact with the lead at `at`: moves last_touch_at,
 * which restarts the stale clock (and first_touch_at, for speed to lead, when
 * unset), writes the timeline and restarts the stay-in-touch clock. */
gboolean    lg_store_log_touch            (LgStore        *self,
                                           gint64          lead_id,
                                           gint64          at,
                                           GTimeZone      *tz,
                                           GError        **error);
/* A Reach Out the user sent: a touch at `at` as lg_store_log_touch() logs
 * it, with the text sent in the timeline, and a Cold lead moved to Warm when
 * cold_to_warm (*warmed, may be NULL, tells whether it moved). One
 * transaction. */
gboolean    lg_store_log_outreach         (LgStore        *self,
                                           gint64          lead_id,
                                           gint64          at,
                                           const char     *text,
                                           gboolean        cold_to_warm,
                                           GTimeZone      *tz,
                                           gboolean       *warmed,
                                           GError        **error);
/* Leads a search found that have had no touch yet and are not closed, the
 * best score first (the longest waiting first among equals); limit 0 = all.
 * The Follow-ups view's "Not Contacted". */
GListModel *lg_store_list_uncontacted_leads (LgStore      *self,
                                           guint           limit,
                                           GError        **error);
/* Every lead's id, name, handle and stage, by name: for pickers. */
GListModel *lg_store_list_lead_names      (LgStore        *self,
                                           GError        **error);

/* Costs (lg-store-costs.c): what a source cost over [period_start,
 * period_end), in minor units of a three-letter currency (ISO 4217). A period
 * that ends before it starts, a negative amount or a currency that is not
 * three capital letters is LG_STORE_ERROR_INVALID; a source or cost that does
 * not exist, LG_STORE_ERROR_NOT_FOUND. Writers call lg_store_notify_changed
 * (store, "costs") after these. */
/* Returns the new row's id, 0 on error. */
gint64      lg_store_add_cost             (LgStore        *self,
                                           gint64          source_id,
                                           gint64          period_start,
                                           gint64          period_end,
                                           gint64          amount,
                                           const char     *currency,
                                           const char     *note,
                                           GError        **error);
/* The costs of source_id (0: of every source) whose period overlaps
 * [from, to) (to <= from, e.g. both 0: any time), the latest period first.
 * Items are LgCost with source-title set. */
GListModel *lg_store_list_costs           (LgStore        *self,
                                           gint64          source_id,
                                           gint64          from,
                                           gint64          to,
                                           GError        **error);
/* The currencies costs and leads with a value are in, the most used first. */
GStrv       lg_store_list_currencies      (LgStore        *self,
                                           GError        **error);
LgCost     *lg_store_get_cost             (LgStore        *self,
                                           gint64          id,
                                           GError        **error);
/* Writes cost's source, period, amount, currency and note over the stored row
 * with its id, checked as lg_store_add_cost() checks them; on an error nothing
 * is written. */
gboolean    lg_store_update_cost          (LgStore        *self,
                                           LgCost         *cost,
                                           GError        **error);
/* Removes the cost and returns it as it was, for lg_store_restore_cost(). */
LgCost     *lg_store_delete_cost          (LgStore        *self,
                                           gint64          id,
                                           GError        **error);
/* Undo of a delete: adds cost back under its id, or under a new one (set on
 * cost) if a cost added since took that id. NOT_FOUND when its source has
 * been removed since. */
gboolean    lg_store_restore_cost         (LgStore        *self,
                                           LgCost         *cost,
                                           GError        **error);

G_END_DECLS
