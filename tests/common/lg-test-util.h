/* lg-test-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers the tests of every layer share.
 */

#pragma once

#include "lg-csv-mapping.h"
#include "lg-export-job.h"
#include "lg-store.h"

G_BEGIN_DECLS

/* A fresh folder under the test's temporary directory, removed at exit. */
char     *lg_test_make_tmpdir  (void);
/* A new, empty database in a fresh folder. */
LgStore  *lg_test_open_store   (void);
/* The first column of the first row of sql, a query the test must be able
 * to run ("SELECT count(*) FROM leads WHERE ..."). */
gint64    lg_test_query_int    (LgStore    *store,
                                const char *sql);
/* How many messages the search index finds with word (one token, as
 * FTS5's tokenizer makes it), in a personal or a team workspace. */
gint64    lg_test_count_indexed (LgStore    *store,
                                 const char *word);
/* How many staging (TEMP) tables the store's connection holds. */
gint64    lg_test_count_staging_tables (LgStore *store);
/* The same as text (NULL for none or NULL), with param (may be NULL) for
 * the query's one "?". */
char     *lg_test_query_text   (LgStore    *store,
                                const char *sql,
                                const char *param);
/* The columns a CSV file's header row maps to, as the import guesses them. */
LgCsvMapping *lg_test_guess_csv_mapping (const char *path);
LgSource *lg_test_add_source   (LgStore    *store,
                                const char *handle);
LgLead   *lg_test_add_lead     (LgStore    *store,
                                const char *name,
                                const char *stage);
gint64    lg_test_add_followup (LgStore    *store,
                                gint64      lead_id,
                                gint64      due_at,
                                const char *kind,
                                const char *note);
/* Runs the main loop until done (data) is TRUE; fails the test after 10 seconds. */
void      lg_test_wait_until   (gboolean  (*done) (gpointer),
                                gpointer    data);
/* Runs the main loop until every write asked of store with
 * lg_store_write_async() has landed or failed, and its callback has run. */
void      lg_test_wait_for_writes (LgStore *store);
/* Another connection to store's file, as another part of the app (or
 * another process) would have: it waits for another writer's lock 1 s at
 * most, so a test sees a write that had to wait for an import fail. */
LgStore  *lg_test_open_other   (LgStore    *store);
/* Every table of the database with its rows, and the schema: two dumps
 * are equal when the databases hold the same. */
char     *lg_test_dump_database (LgStore  *store);
/* Writes DIR/NAME, a Telegram Desktop export of one chat ("Test Group", id
 * 1888888888) whose messages have the ids 1..n_messages, each a text of its
 * own; a truncated one breaks at its very end, after the last message.
 * Returns its path. */
char     *lg_test_write_export (const char *dir,
                                const char *name,
                                guint       n_messages,
                                gboolean    truncated);
/* Writes DIR/NAME, an Android WhatsApp export of one group ("WhatsApp Chat
 * with Bench Group.txt" style, month first, 12-hour clock with U+202F before
 * AM/PM) of about megabytes MB: short messages as chats have them, one in
 * seven over two lines, one line in fifty a join; only_joins: every line a
 * join (a file to read that has no message). Written line by line, so the
 * generator's memory does not count against an import's. Returns its path;
 * *n_messages is how many messages it holds. */
char     *lg_test_write_whatsapp_export (const char *dir,
                                         const char *name,
                                         guint       megabytes,
                                         gboolean    only_joins,
                                         guint      *n_messages);
/* The message of any source whose external id is external_id; the test
 * fails if there is none. */
LgMessage *lg_test_find_message (LgStore    *store,
                                 const char *external_id);
/* Writes DIR/NAME, a DiscordChatExporter JSON export of one channel
 * ("#general on Test Server") whose messages have the ids 1..n_messages,
 * each a text of its own, laid out as the exporter lays it out (about 700
 * bytes a message). Returns its path. */
char     *lg_test_write_discord_export (const char *dir,
                                        const char *name,
                                        guint       n_messages);
/* Another writer, for benchmarks: a connection of its own to db_path, on a
 * thread of its own, takes and releases the write lock every 2 ms, trying
 * again each millisecond while another connection holds it. Stopping it
 * returns the longest it waited, in µs: how long another connection held
 * the lock at once. */
typedef struct _LgTestWriter LgTestWriter;

LgTestWriter *lg_test_writer_start (const char   *db_path);
gint64        lg_test_writer_stop  (LgTestWriter *writer);
/* Runs $LEADGRAM_CLI with args, as a script would; returns its exit status,
 * its output in out and err (each may be NULL). */
int       lg_test_run_cli      (const char * const *args,
                                char              **out,
                                char              **err);
/* The same with "--db db_path" first and the other arguments as a
 * NULL-terminated list. */
int       lg_test_run_cli_db   (const char         *db_path,
                                char              **out,
                                char              **err,
                                ...) G_GNUC_NULL_TERMINATED;

/* UTC Unix time of a date and hour. */
gint64    lg_test_utc          (int         year,
                                int         month,
                                int         day,
                                int         hour);
/* The Insights fixture: three sources with costs and leads around March 2024,
 * whose every figure tests/core/test-metrics.c works out by hand. Returns the
 * sources' ids in ids[0..2] (ads_channel, partner_group, free_chat). */
void      lg_test_fill_metrics_fixture (LgStore *store,
                                        gint64   ids[3]);
/* A t.me/s/CHANNEL page holding posts first..last (oldest first), with the
 * links to older (when first > 1) and newer (when last < newest) pages, as
 * t.me writes them. Post N was sent at base_time + N minutes. */
char     *lg_test_channel_page (const char *channel,
                                gint64      first,
                                gint64      last,
                                gint64      newest,
                                gint64      base_time);
/* What t.me answers to /s/CHANNEL with query (a SoupServer handler's table of
 * before=ID or after=ID, or NULL) when the channel has posts 1..newest:
 * the page_size posts before, after or at the newest end. */
char     *lg_test_channel_page_for_query (const char *channel,
                                          GHashTable *query,
                                          gint64      newest,
                                          guint       page_size,
                                          gint64      base_time);

/* Imports the export at path with one reader of lg_chat_import_run()'s
 * table (lg_discord_export_read…), staged as that import stages it but
 * without telling the kind from the file: for a reader's own errors on files
 * another kind would claim. */
gboolean  lg_test_read_export           (LgStore           *store,
                                         const char        *path,
                                         LgExportReadFunc   read,
                                         LgExportStats     *stats,
                                         GError           **error);

/* The calling thread's own CPU time (user and system), in µs: on a shared
 * machine wall times vary with the load, and a renderer's threads are not
 * the code measured. */
gint64    lg_test_thread_cpu_us (void);

G_END_DECLS
