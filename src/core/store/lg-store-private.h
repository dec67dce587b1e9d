/* lg-store-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lg-stmt.h"

#include "lg-store.h"

G_BEGIN_DECLS

/* For the store's own files, which alone speak SQL: the other rooms call
 * lg-store.h and the header of the store file that serves them
 * (lg-store-metrics.h, lg-store-search.h, ...). The lead import and the
 * tests that look at rows directly still include this one. */
sqlite3      *lg_store_get_db     (LgStore     *self);
/* Opens @path for reading only, with its write-ahead log where it can
 * (lg-store.c); for the read-only open and the salvage. */
int           lg_store_open_read_only_db (const char  *path,
                                          sqlite3    **db);

/* A prepared statement cached by its SQL text, reset and unbound: the caller
 * steps it and must not finalize it. Not re-entrant for the same SQL. */
LgStmt *lg_store_prepare    (LgStore     *self,
                                   const char  *sql,
                                   GError     **error);
/* Bulk writes inside a transaction: drops the indexes or triggers (type
 * "index" or "trigger") of table, only the one called name when name is
 * not NULL, and returns the statements that create them again, for
 * lg_store_exec_all() once the rows are in. A rollback brings them back
 * by itself. */
GStrv         lg_store_drop_schema (LgStore    *self,
                                    const char *type,
                                    const char *table,
                                    const char *name,
                                    GError    **error);
gboolean      lg_store_exec_all   (LgStore     *self,
                                   GStrv        sql,
                                   GError     **error);
gboolean      lg_store_exec       (LgStore     *self,
                                   const char  *sql,
                                   GError     **error);
/* The number of rows in table. */
gboolean      lg_store_count_rows (LgStore     *self,
                                   const char  *table,
                                   gint64      *out,
                                   GError     **error);
/* After rows were written with ids of their own: a team workspace's next
 * ids, which come from a sequence, follow the last one of table. Nothing
 * on SQLite, whose next id always does. */
gboolean      lg_store_catch_up_ids (LgStore    *self,
                                     const char *table,
                                     GError    **error);
/* Whether the store is a team workspace on PostgreSQL, not a SQLite file. */
gboolean      lg_store_is_remote  (LgStore     *self);
/* TRUE, with LG_STORE_ERROR_TEAM, on a team workspace, for what only a
 * personal one does so far: the CSV import, copies of the file. */
gboolean      lg_store_refuse_team (LgStore    *self,
                                    GError    **error);
/* The intent model's buyer probability for text (lg_buyer() in SQLite's
 * queries), 0.5 when it cannot be read; length in bytes or -1. */
double        lg_store_read_buyer (LgStore     *self,
                                   const char  *text,
                                   gssize       length);
/* Rows the last write changed, and the id the last insert gave its row. */
gint64        lg_store_changes    (LgStore     *self);
gint64        lg_store_last_insert_id (LgStore *self);
/* Whether a transaction is open on the connection. */
gboolean      lg_store_in_transaction (LgStore *self);
/* Undoes the writes since SAVEPOINT name, even on a damaged store. */
void          lg_store_rollback_to (LgStore    *self,
                                    const char *name);
/* Steps a write statement to its end; on failure sets error, `what` saying
 * what failed, and resets the statement. */
gboolean      lg_store_step_done  (LgStore      *self,
                                   LgStmt *stmt,
                                   const char   *what,
                                   GError      **error);
/* The same for a write meant to change one row: none changed is NOT_FOUND
 * with the message `not_found`. */
gboolean      lg_store_step_change (LgStore      *self,
                                    LgStmt *stmt,
                                    const char   *what,
                                    const char   *not_found,
                                    GError      **error);
/* Steps a query to its one row: TRUE with the row to read (the caller then
 * resets the statement); FALSE, the statement reset, with NOT_FOUND saying
 * `not_found` when there is no row, or the query's error with `what`. */
gboolean      lg_store_step_one   (LgStore      *self,
                                   LgStmt *stmt,
                                   const char   *not_found,
                                   const char   *what,
                                   GError      **error);

/* Ends the stepping through a query's rows, rc the last step's result:
 * resets the statement, and returns TRUE when the rows ran out, FALSE with
 * the query's error and `what` otherwise. */
gboolean      lg_store_finish_rows (LgStore      *self,
                                    LgStmt *stmt,
                                    int           rc,
                                    const char   *what,
                                    GError      **error);

/* Makes one row object from the statement's current row. */
typedef gpointer (*LgRowReader) (LgStmt *stmt);
/* Reads every row of a bound statement with read_row into a list of
 * item_type, then resets the statement; `what` names a failure. */
GListModel   *lg_store_collect_rows (LgStore      *self,
                                     LgStmt *stmt,
                                     GType         item_type,
                                     LgRowReader   read_row,
                                     const char   *what,
                                     GError      **error);
/* Sets error from the connection's last error, with `what` saying what failed. */
void          lg_store_set_error  (LgStore     *self,
                                   GError     **error,
                                   const char  *what);

/* The columns of a lead as lg_lead_from_row() reads them, from "leads l LEFT
 * JOIN sources s ON s.id = l.source_id"; lg-store-leads.c. */
#define LG_LEAD_COLUMNS \
  "l.id, l.name, l.telegram_handle, l.telegram_id, l.email, l.phone, l.company, l.stage, " \
  "l.qualification, l.value, l.currency, l.score, coalesce(l.source_id, 0), " \
  "coalesce(l.message_id, 0), l.position, l.created_at, l.first_touch_at, l.last_touch_at, " \
  "l.closed_at, l.lost_reason, l.notes, l.furthest_stage, l.found_at, l.message_at, " \
  "coalesce(nullif(s.title, ''), s.handle), l.stay_in_touch_days, " \
  "(SELECT file_name FROM import_batches WHERE id = l.import_batch), l.external_id, l.owner"
#define LG_LEAD_N_COLUMNS 29

LgLead       *lg_lead_from_row    (LgStmt *stmt);
/* Binds what adding and editing a lead write alike to ?1..?13: name, telegram
 * handle, telegram id, email, phone, company, qualification, value, currency,
 * score, source id, message id (each id only when set), notes; empty text as
 * NULL. The statement numbers its other parameters from ?14. */
void          lg_lead_bind_fields (LgStmt *stmt,
                                   LgLead       *lead);

/* The columns of a message that adding one writes besides its source and
 * buyer reading, and their parameters ?1 (the source) to ?14, ?7 the text:
 * lg_message_bind_fields() binds ?2..?14. */
#define LG_MESSAGE_FIELDS \
  "external_id, author_name, author_handle, author_id, sent_at, text, permalink, views, " \
  "edited, forwarded_from, media_kind, reply_to, thread"
#define LG_MESSAGE_VALUES "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14"

void          lg_message_bind_fields (LgStmt *stmt,
                                      LgMessage    *message);
/* On a team workspace, what SQLite's queries read with lg_buyer() and its
 * search index makes by itself: the buyer reading ?15 and the words ?16
 * (lg-store-terms.c) of text, as the message's buyer and terms are
 * written: LG_MESSAGE_READING. Nothing on SQLite. */
#define LG_MESSAGE_READING "?15, ?16::tsvector"
void          lg_message_bind_reading (LgStmt     *stmt,
                                       LgStore    *store,
                                       const char *text);

/* When the connection closes, gives the process's free heap back to the
 * system: for a connection that had big caches (an import's, 20 to 100
 * MB), on a worker thread. glibc's allocator keeps what a thread freed in
 * that thread's arena: after a 100 MB export the window went on holding
 * 70 MB it no longer used (100 MB after a WhatsApp one, 15 MB after a
 * 100 MB CSV file), until it quit. */
void          lg_store_give_back_memory_on_close (LgStore *self);

/* What is staged is as big as the file: it must not stay in memory. TEMP
 * tables are kept in SQLite's temporary file whatever the build's default
 * (Debian's SQLite is built with TEMP_STORE=1, a file unless a pragma says
 * memory; a build may default to memory, and a 100 MB export's import then
 * took 397 MB instead of 83), behind the TEMP database's cache (2 MB unless
 * the connection sets it). lg_store_stage_tables() runs it; a connection
 * that sizes the TEMP cache runs it first, as a change of temp_store makes
 * a new TEMP database. */
#define LG_STORE_TEMP_ON_DISK "PRAGMA temp_store = FILE;"

/* Starts a staging area of the caller's own (lg_store_stage_begin() makes
 * one for messages, lg_store_import_stage() the CSV import's): empties the
 * connection's (lg_store_stage_discard(), which on a team workspace also
 * ends the transaction an earlier go staged in), then creates the TEMP
 * tables: sql on a file, sql_pg on a team workspace, each in its backend's
 * types (the queries on them are written once). Being the connection's, not
 * the file's, they are made on a read-only or damaged store too, whose
 * writes to the file fail all the same. */
gboolean      lg_store_stage_tables (LgStore    *self,
                                     const char *sql,
                                     const char *sql_pg,
                                     GError    **error);

/* A write of several statements that is atomic whether or not the caller is
 * already in a transaction (the CSV import wraps many in one): begins one, or
 * a savepoint inside the caller's. write_end commits or releases when ok,
 * rolls back otherwise, and returns ok (FALSE if the commit failed). */
gboolean      lg_store_write_begin (LgStore    *self,
                                    gboolean   *outer,
                                    GError    **error);
gboolean      lg_store_write_end   (LgStore    *self,
                                    gboolean    outer,
                                    gboolean    ok,
                                    GError    **error);

/* Text folded for matching regardless of letter case in any script (NFKC,
 * then case-folded): "Ёлка" and "ёЛКА" fold alike. Queries call it as the
 * SQL function lg_fold(text). length in bytes, or -1 if nul-terminated. */
char         *lg_store_fold       (const char   *text,
                                   gssize        length);

/* Binds the name of the person writing (lg_store_set_person ()). */
void          lg_store_bind_person (LgStmt      *stmt,
                                    int          param);

/* Column readers that map SQL NULL to NULL / 0. */
const char   *lg_stmt_text        (LgStmt *stmt,
                                   int           column);
void          lg_stmt_bind_text   (LgStmt *stmt,
                                   int           column,
                                   const char   *text);

/* The schema, one SQL script per version: migrations[v - 1] takes a database
 * from version v - 1 to v. */
extern const char * const lg_store_migrations[];
extern const int          lg_store_n_migrations;

G_END_DECLS
