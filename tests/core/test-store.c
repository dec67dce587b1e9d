/* test-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "lg-backups.h"
#include "lg-search.h"
#include "lg-store-private.h"
#include "lg-test-util.h"

static void
test_create_and_reopen (void)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "sub", "dir", "test.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LgStore) store = NULL;
  g_autoptr(LgSource) source = lg_source_new ();
  g_autoptr(LgSource) found = NULL;
  LgStoreCounts counts;

  store = lg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (lg_store_get_version (store), ==, lg_store_latest_version ());
  g_assert_null (lg_store_get_backup_path (store));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  lg_source_set_kind (source, "telegram_channel");
  lg_source_set_handle (source, "dentistry_chat");
  lg_source_set_title (source, "Dentistry chat");
  g_assert_true (lg_store_add_source (store, source, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lg_source_get_id (source), >, 0);
  g_clear_object (&store);

  store = lg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (lg_store_count (store, &counts, &error));
  g_assert_cmpint (counts.sources, ==, 1);
  g_assert_cmpint (counts.messages, ==, 0);

  found = lg_store_find_source (store, "telegram_channel", "DENTISTRY_CHAT", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lg_source_get_title (found), ==, "Dentistry chat");
}

static void
test_wal_and_foreign_keys (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  sqlite3 *db = lg_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LgMessage) orphan = lg_message_new ();

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA foreign_keys", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);

  /* A message of a source that does not exist is refused. */
  lg_message_set_source_id (orphan, 4242);
  lg_message_set_external_id (orphan, "1");
  lg_message_set_sent_at (orphan, 1700000000);
  g_assert_false (lg_store_add_message (store, orphan, NULL, &error));
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_INVALID);
}

static gint64
fts_count (LgStore    *store,
           const char *query)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (lg_store_get_db (store),
                                       "SELECT count(*) FROM messages_fts WHERE messages_fts MATCH ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
test_fts_triggers (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LgSource) source = lg_test_add_source (store, "sales_chat");
  g_autoptr(LgMessage) message = lg_message_new ();
  g_autoptr(LgMessage) again = lg_message_new ();
  gboolean inserted = FALSE;

  lg_message_set_source_id (message, lg_source_get_id (source));
  lg_message_set_external_id (message, "17");
  lg_message_set_sent_at (message, 1700000000);
  lg_message_set_text (message, "Можете посоветовать CRM для стоматологии?");
  g_assert_true (lg_store_add_message (store, message, &inserted, &error));
  g_assert_no_error (error);
  g_assert_true (inserted);

  /* unicode61 folds Cyrillic case; the prefix index serves stem* queries. */
  g_assert_cmpint (fts_count (store, "crm"), ==, 1);
  g_assert_cmpint (fts_count (store, "стоматолог*"), ==, 1);
  g_assert_cmpint (fts_count (store, "ПОСОВЕТОВАТЬ"), ==, 1);

  /* The same message again is not stored twice. */
  lg_message_set_source_id (again, lg_source_get_id (source));
  lg_message_set_external_id (again, "17");
  lg_message_set_sent_at (again, 1700000000);
  lg_message_set_text (again, "something else");
  g_assert_true (lg_store_add_message (store, again, &inserted, &error));
  g_assert_false (inserted);
  g_assert_cmpint (fts_count (store, "something"), ==, 0);

  g_assert_true (lg_store_exec (store, "UPDATE messages SET text = 'need a dentist website'",
                                &error));
  g_assert_cmpint (fts_count (store, "crm"), ==, 0);
  g_assert_cmpint (fts_count (store, "website"), ==, 1);

  g_assert_true (lg_store_exec (store, "DELETE FROM messages", &error));
  g_assert_cmpint (fts_count (store, "website"), ==, 0);
  g_assert_no_error (error);
}

/* Builds a file at an earlier schema version with some data in it. */
static char *
make_database_at_version (const char *dir,
                          int         version)
{
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (int v = 0; v < version; v++)
    g_assert_cmpint (sqlite3_exec (db, lg_store_migrations[v], NULL, NULL, NULL), ==, SQLITE_OK);
  if (version >= 1)
    g_assert_cmpint (sqlite3_exec (db,
                                   "INSERT INTO sources (kind, handle, title, created_at) "
                                   "VALUES ('telegram_channel', 'old_channel', 'Old', 1);"
                                   "INSERT INTO messages (source_id, external_id, sent_at, text) "
                                   "VALUES (1, '5', 1, 'kept through the upgrade');",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
  {
    g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d", version);
    g_assert_cmpint (sqlite3_exec (db, pragma, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  sqlite3_close (db);
  return g_steal_pointer (&path);
}

static void
test_migrate_from_each_version (void)
{
  for (int version = 0; version < lg_store_latest_version (); version++)
    {
      g_autofree char *dir = lg_test_make_tmpdir ();
      g_autofree char *path = make_database_at_version (dir, version);
      g_autoptr(GError) error = NULL;
      g_autoptr(LgStore) store = NULL;
      LgStoreCounts counts;

      store = lg_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (lg_store_get_version (store), ==, lg_store_latest_version ());
      g_assert_true (lg_store_count (store, &counts, &error));
      g_assert_cmpint (counts.messages, ==, version >= 1 ? 1 : 0);
      g_assert_cmpint (counts.sources, ==, version >= 1 ? 1 : 0);
      /* Every version ends with the leads' lead-form id (schema 11). */
      g_assert_true (lg_store_exec (store, "INSERT INTO leads (name, stage, furthest_stage, "
                                    "created_at, external_id) VALUES ('x', 'cold', 'cold', 1, "
                                    "'Meta:l:1')", &error));
      g_assert_no_error (error);
      /* Every version ends with the kinds of source the latest one knows. */
      g_assert_true (lg_store_exec (store, "INSERT INTO sources (kind, handle, created_at) "
                                    "VALUES ('feed', 'https://example.org/feed', 1)", &error));
      g_assert_no_error (error);

      if (version >= 1)
        {
          g_autofree char *expected = g_strdup_printf ("%s.v%d.bak", path, version);
          g_autoptr(LgStore) backup = NULL;

          /* The copy is the file as it was: still at the old version. */
          g_assert_cmpstr (lg_store_get_backup_path (store), ==, expected);
          g_assert_true (g_file_test (expected, G_FILE_TEST_EXISTS));
          {
            sqlite3 *db = NULL;
            sqlite3_stmt *stmt = NULL;

            g_assert_cmpint (sqlite3_open (expected, &db), ==, SQLITE_OK);
            sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
            g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
            g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, version);
            sqlite3_finalize (stmt);
            sqlite3_close (db);
          }
        }
      else
        {
          g_assert_null (lg_store_get_backup_path (store));
        }
    }
}

static void
test_refuse_garbage (void)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "garbage.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LgStore) store = NULL;
  g_autofree char *after = NULL;
  const char *junk = "This is a text file, not a database. It has enough bytes to have "
                     "a header that SQLite reads and rejects.\n";

  g_assert_true (g_file_set_contents (path, junk, -1, NULL));
  store = lg_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, "garbage.db"));

  /* The file is left as it was. */
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, junk);
}

static void
test_refuse_newer (void)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "newer.db", NULL);
  g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d",
                                             lg_store_latest_version () + 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(LgStore) store = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, pragma, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = lg_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version"));
}

static void
test_refuse_unwritable (void)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LgStore) store = NULL;

  /* A path whose "folder" is a regular file cannot be created, even as root. */
  path = g_build_filename (dir, "file", NULL);
  g_assert_true (g_file_set_contents (path, "x", 1, NULL));
  g_free (path);
  path = g_build_filename (dir, "file", "leadgram.db", NULL);

  store = lg_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_OPEN);
}

static char *
checksum_of (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* A file that may only be read: everything reads, nothing writes, and the
 * file is as it was. */
static void
check_read_only (LgStore    *store,
                 const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgSearchSpec) spec = lg_search_spec_new ("CRM for dental clinics");
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(LgLead) lead = lg_lead_new ();
  g_autofree char *before = checksum_of (path);
  g_autofree char *after = NULL;
  LgStoreCounts counts;

  g_assert_true (lg_store_is_read_only (store));
  g_assert_true (lg_store_count (store, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpint (counts.messages, ==, 1);
  g_assert_cmpint (counts.leads, ==, 1);

  /* A search runs and keeps nothing, even a saved one's. */
  lg_search_spec_set_id (spec, 1);
  results = lg_search_run (store, spec, NULL, 1767225600, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, ==, 1);

  lg_lead_set_name (lead, "Nobody");
  lg_lead_set_stage (lead, "cold");
  g_assert_false (lg_store_add_lead (store, lead, &error));
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "Copy it to a folder you may write to"));

  after = checksum_of (path);
  g_assert_cmpstr (before, ==, after);
}

static char *
make_small_database (void)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  char *path = g_build_filename (dir, "backup.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LgStore) store = lg_store_open (path, &error);
  g_autoptr(LgSource) source = NULL;
  g_autoptr(LgMessage) message = lg_message_new ();
  g_autoptr(LgLead) lead = lg_test_add_lead (store, "Chris Baker", "warm");

  source = lg_test_add_source (store, "dental_owners");
  lg_message_set_source_id (message, lg_source_get_id (source));
  lg_message_set_external_id (message, "1");
  lg_message_set_sent_at (message, 1767139200);
  lg_message_set_author_name (message, "Chris Baker");
  lg_message_set_text (message, "Can anyone recommend a CRM for our dental clinic?");
  g_assert_true (lg_store_add_message (store, message, NULL, &error));
  g_assert_no_error (error);
  return path;
}

static void
test_read_only (void)
{
  g_autofree char *path = make_small_database ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LgStore) store = lg_store_open_read_only (path, &error);
  g_autoptr(LgStore) worker = NULL;

  g_assert_no_error (error);
  check_read_only (store, path);
  /* A worker thread's connection on the same file is read-only too. */
  worker = lg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (lg_store_is_read_only (worker));
}

/* A file the user may not write (another user's, a backup on a read-only
 * mount) opens read-only instead of not at all. Root may write anything, so
 * this runs for other users only. */
static void
test_read_only_fallback (void)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LgStore) store = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root may write any file: run as another user to test this");
      return;
    }
  path = make_small_database ();
  dir = g_path_get_dirname (path);
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  store = lg_store_open (path, &error);
  g_assert_no_error (error);
  check_read_only (store, path);
  g_clear_object (&store);
  g_chmod (dir, 0755);
}

/* One backup a day, the newest few kept; restoring one puts it in place and
 * keeps the database as it was. */
static void
test_backups (void)
{
  g_autofree char *path = make_small_database ();
  g_autofree char *dir = lg_backups_get_dir (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(LgStore) store = lg_store_open (path, &error);
  g_auto(GStrv) backups = NULL;
  g_autofree char *kept = NULL;
  gint64 day = 1767225600 + 12 * 3600;  /* 2026-01-01 noon UTC */
  gboolean taken;

  g_assert_no_error (error);
  g_assert_true (lg_backups_take_daily (store, day, 3, &taken, &error));
  g_assert_no_error (error);
  g_assert_true (taken);
  /* Once a day. */
  g_assert_true (lg_backups_take_daily (store, day + 60, 3, &taken, &error));
  g_assert_false (taken);
  for (int d = 1; d <= 4; d++)
    {
      g_assert_true (lg_backups_take_daily (store, day + d * 86400, 3, &taken, &error));
      g_assert_true (taken);
    }
  backups = lg_backups_list (path);
  g_assert_cmpuint (g_strv_length (backups), ==, 3);
  g_assert_true (g_str_has_suffix (backups[0], "backup-2026-01-05.db"));
  g_assert_true (g_str_has_suffix (backups[2], "backup-2026-01-03.db"));
  g_assert_true (g_str_has_prefix (backups[0], dir));

  /* A lead added after the backups, then the oldest backup restored. */
  g_object_unref (lg_test_add_lead (store, "Added Later", "cold"));
  g_clear_object (&store);
  g_assert_false (lg_backups_restore (path, "/nonexistent/backup.db", NULL, &error));
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_OPEN);
  g_clear_error (&error);
  g_assert_true (lg_backups_restore (path, backups[2], &kept, &error));
  g_assert_no_error (error);

  store = lg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads"), ==, 1);
  g_clear_object (&store);
  store = lg_store_open (kept, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads"), ==, 2);
}

/* Damages the page a table starts on, as a bad disk would. */
static void
damage_table (const char *path,
              const char *table)
{
  g_autoptr(LgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT rootpage FROM sqlite_schema "
                                          "WHERE name = '%s'", table);
  gint64 root, page_size;
  FILE *file;

  store = lg_store_open (path, &error);
  g_assert_no_error (error);
  root = lg_test_query_int (store, sql);
  page_size = lg_test_query_int (store, "PRAGMA page_size");
  g_assert_true (lg_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", &error));
  g_clear_object (&store);

  file = fopen (path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpint (fseek (file, (root - 1) * page_size, SEEK_SET), ==, 0);
  for (int i = 0; i < 300; i++)
    fwrite ("\xde\xad\xbe\xef", 1, 4, file);
  fclose (file);
}

/* A damaged file: the error says what happened and what to do, nothing more
 * is written to it (then or at the next start), and a salvage saves what can
 * still be read into a new database that is whole. */
static void
test_damaged (void)
{
  g_autofree char *path = make_small_database ();
  g_autofree char *mark = g_strconcat (path, ".damaged", NULL);
  g_autofree char *out = g_strconcat (path, ".salvaged.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LgStore) store = NULL;
  g_autoptr(LgLead) lead = lg_lead_new ();
  g_autoptr(GListModel) leads = NULL;
  g_auto(GStrv) damaged = NULL;
  LgPipelineRules rules;
  gint64 copied = 0;

  lg_pipeline_rules_init_defaults (&rules);
  damage_table (path, "leads");
  store = lg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (lg_store_is_damaged (store));
  leads = lg_store_list_leads (store, NULL, &rules, 0, &error);
  g_assert_null (leads);
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "Restore the latest backup"));
  g_clear_error (&error);
  g_assert_true (lg_store_is_damaged (store));
  g_assert_true (g_file_test (mark, G_FILE_TEST_EXISTS));

  lg_lead_set_name (lead, "Nobody");
  lg_lead_set_stage (lead, "cold");
  g_assert_false (lg_store_add_lead (store, lead, &error));
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_DAMAGED);
  g_clear_error (&error);
  g_clear_object (&store);

  /* The next start knows. */
  store = lg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (lg_store_is_damaged (store));
  g_assert_true (lg_store_is_read_only (store));
  g_clear_object (&store);

  g_assert_true (lg_store_salvage (path, out, &copied, &damaged, &error));
  g_assert_no_error (error);
  g_assert_cmpint (copied, >, 0);
  g_assert_true (g_strv_contains ((const char * const *) damaged, "leads"));
  store = lg_store_open (out, &error);
  g_assert_no_error (error);
  g_assert_false (lg_store_is_damaged (store));
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM messages"), ==, 1);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM messages_fts "
                                             "WHERE messages_fts MATCH 'dental'"), ==, 1);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM pragma_quick_check "
                                             "WHERE quick_check != 'ok'"), ==, 0);
  g_clear_object (&store);

  /* The salvaged copy in place: whole again, the mark goes. */
  g_assert_true (lg_backups_restore (path, out, NULL, &error));
  g_assert_no_error (error);
  store = lg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (lg_store_is_damaged (store));
  g_assert_false (g_file_test (mark, G_FILE_TEST_EXISTS));
}

/* A write while another connection holds the write lock (a big import) says
 * what is going on, not "database is locked". */
static void
test_busy (void)
{
  g_autofree char *path = make_small_database ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LgStore) importer = lg_store_open (path, &error);
  g_autoptr(LgStore) user = lg_store_open (path, &error);
  g_autoptr(LgLead) lead = lg_lead_new ();

  g_assert_no_error (error);
  g_assert_true (lg_store_begin (importer, &error));
  sqlite3_busy_timeout (lg_store_get_db (user), 50);
  lg_lead_set_name (lead, "Waiting");
  lg_lead_set_stage (lead, "cold");
  g_assert_false (lg_store_add_lead (user, lead, &error));
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_QUERY);
  g_assert_nonnull (strstr (error->message, "another import or sync is writing"));
  lg_store_rollback (importer);
}

/* lg_store_write_async(): a write waits for another writer on a worker, the
 * main loop running meanwhile with the store's "waiting" set; writes land in
 * the order asked for; after the worker's long wait, the usual error. */
typedef struct
{
  GPtrArray *landed; /* the names of the leads added, in the order they landed */
  GPtrArray *errors;
} WriteLog;

static gboolean
add_lead_write (LgStore  *store,
                gpointer  data,
                GError  **error)
{
  return lg_store_add_lead (store, data, error);
}

static void
on_lead_written_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  WriteLog *log = user_data;
  GError *error = NULL;
  gpointer lead = NULL;

  if (lg_store_write_finish (LG_STORE (source), result, &lead, &error))
    g_ptr_array_add (log->landed, g_strdup (lg_lead_get_name (lead)));
  else
    g_ptr_array_add (log->errors, error);
}

static void
queue_lead (LgStore    *store,
            const char *name,
            WriteLog   *log)
{
  LgLead *lead = lg_lead_new ();

  lg_lead_set_name (lead, name);
  lg_store_write_async (store, add_lead_write, lead, g_object_unref, on_lead_written_cb, log);
}

static gboolean
store_waits (gpointer store)
{
  return lg_store_get_waiting (store);
}

static void
test_write_waits (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgStore) importer = lg_test_open_other (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) landed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  WriteLog log = { landed, errors };
  gint64 started;

  /* The main thread's connection would give up at once: the worker's waits. */
  lg_store_set_busy_timeouts (50, 10000);
  g_assert_true (lg_store_begin (importer, &error));
  started = g_get_monotonic_time ();
  queue_lead (store, "First", &log);
  queue_lead (store, "Second", &log);
  queue_lead (store, "Third", &log);
  g_assert_cmpuint (lg_store_get_pending_writes (store), ==, 3);
  /* Not waiting yet: a short wait goes unseen. */
  g_assert_false (lg_store_get_waiting (store));
  lg_test_wait_until (store_waits, store);
  g_assert_cmpuint (landed->len, ==, 0);
  g_assert_cmpuint (lg_store_get_pending_writes (store), ==, 3);
  /* Longer than the main thread's connection would have waited. */
  while (g_get_monotonic_time () - started < 200 * G_TIME_SPAN_MILLISECOND)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (landed->len, ==, 0);
  g_assert_true (lg_store_get_waiting (store));

  lg_store_rollback (importer);
  lg_test_wait_for_writes (store);
  g_assert_cmpuint (errors->len, ==, 0);
  g_assert_cmpuint (landed->len, ==, 3);
  g_assert_cmpstr (landed->pdata[0], ==, "First");
  g_assert_cmpstr (landed->pdata[1], ==, "Second");
  g_assert_cmpstr (landed->pdata[2], ==, "Third");
  g_assert_false (lg_store_get_waiting (store));
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads"), ==, 3);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads WHERE name = 'Third' "
                                             "AND id > (SELECT id FROM leads WHERE name = "
                                             "'First')"), ==, 1);

  /* Past the worker's wait: the usual sentence, nothing written, and the
   * next write runs. */
  lg_store_set_busy_timeouts (50, 400);
  g_assert_true (lg_store_begin (importer, &error));
  queue_lead (store, "Too late", &log);
  lg_test_wait_for_writes (store);
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_error ((GError *) errors->pdata[0], LG_STORE_ERROR, LG_STORE_ERROR_QUERY);
  g_assert_nonnull (strstr (((GError *) errors->pdata[0])->message,
                            "another import or sync is writing"));
  g_assert_false (lg_store_get_waiting (store));
  lg_store_rollback (importer);
  queue_lead (store, "Later", &log);
  lg_test_wait_for_writes (store);
  g_assert_cmpuint (landed->len, ==, 4);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads"), ==, 4);
  lg_store_set_busy_timeouts (5000, 60000);

  /* What a write costs with nobody else writing: a connection opened on a
   * worker each time. */
  started = g_get_monotonic_time ();
  for (guint i = 0; i < 50; i++)
    queue_lead (store, "Quick", &log);
  lg_test_wait_for_writes (store);
  g_test_message ("50 queued writes, no other writer: %.1f ms each",
                  (g_get_monotonic_time () - started) / 50 / 1000.0);
  g_assert_cmpuint (landed->len, ==, 54);
}

static void
test_leads_and_followups (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LgLead) lead = lg_lead_new ();
  g_autoptr(LgLead) read = NULL;
  g_autoptr(LgFollowup) followup = lg_followup_new ();
  LgStoreCounts counts;

  lg_lead_set_name (lead, "Dr. Anna Petrova");
  lg_lead_set_email (lead, "anna@example.org");
  lg_lead_set_stage (lead, "warm");
  lg_lead_set_value (lead, 120000);
  g_assert_true (lg_store_add_lead (store, lead, &error));
  g_assert_no_error (error);

  read = lg_store_get_lead (store, lg_lead_get_id (lead), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lg_lead_get_name (read), ==, "Dr. Anna Petrova");
  g_assert_cmpstr (lg_lead_get_stage (read), ==, "warm");
  g_assert_cmpstr (lg_lead_get_qualification (read), ==, "unqualified");
  g_assert_cmpstr (lg_lead_get_currency (read), ==, "USD");
  g_assert_cmpint (lg_lead_get_value (read), ==, 120000);

  lg_followup_set_lead_id (followup, lg_lead_get_id (lead));
  lg_followup_set_due_at (followup, 1800000000);
  lg_followup_set_kind (followup, "call");
  g_assert_true (lg_store_add_followup (store, followup, &error));
  g_assert_no_error (error);

  g_assert_null (lg_store_get_lead (store, 999, &error));
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A stage the schema does not know is refused. */
  lg_lead_set_stage (lead, "lukewarm");
  g_assert_false (lg_store_add_lead (store, lead, &error));
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (lg_store_count (store, &counts, &error));
  g_assert_cmpint (counts.leads, ==, 1);
  g_assert_cmpint (counts.followups, ==, 1);
}

static void
on_changed_cb (LgStore    *store,
               const char *table,
               GPtrArray  *seen)
{
  g_ptr_array_add (seen, g_strdup (table));
}

static void
test_changed_signal (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) leads = g_ptr_array_new_with_free_func (g_free);

  g_signal_connect (store, "changed", G_CALLBACK (on_changed_cb), all);
  g_signal_connect (store, "changed::leads", G_CALLBACK (on_changed_cb), leads);
  /* One write that changed two things: a signal for each, by name. */
  lg_store_notify_changed (store, LG_STORE_CHANGED_MESSAGES | LG_STORE_CHANGED_LEADS);

  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (all, 0), ==, "leads");
  g_assert_cmpstr (g_ptr_array_index (all, 1), ==, "messages");
  g_assert_cmpuint (leads->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (leads, 0), ==, "leads");
}

/* Deleting a message or a source looks up the leads that point at it, and
 * deleting leads their follow-ups: each lookup has an index (without one a
 * source of 50,000 messages took minutes to remove). */
static void
test_foreign_key_indexes (void)
{
  static const struct { const char *query; const char *index; } lookups[] = {
    { "SELECT rowid FROM leads WHERE message_id = ?1", "leads_by_message" },
    { "SELECT rowid FROM leads WHERE source_id = ?1", "leads_by_source" },
    { "SELECT rowid FROM followups WHERE lead_id = ?1", "followups_by_lead" },
    { "SELECT rowid FROM activities WHERE lead_id = ?1", "activities_by_lead" },
    { "SELECT rowid FROM matches WHERE message_id = ?1", "matches_by_message" },
  };
  g_autoptr(LgStore) store = lg_test_open_store ();

  for (guint i = 0; i < G_N_ELEMENTS (lookups); i++)
    {
      g_autofree char *sql = g_strdup_printf ("EXPLAIN QUERY PLAN %s", lookups[i].query);
      g_autoptr(GError) error = NULL;
      LgStmt *stmt = lg_store_prepare (store, sql, &error);

      g_assert_no_error (error);
      g_assert_cmpint (lg_stmt_step (stmt), ==, SQLITE_ROW);
      g_test_message ("%s: %s", lookups[i].query, lg_stmt_text (stmt, 3));
      g_assert_nonnull (strstr (lg_stmt_text (stmt, 3), lookups[i].index));
      lg_stmt_reset (stmt);
    }
}

/* A backup is the whole database, replaces an older backup only once it is
 * complete, and says plainly when its folder is missing. */
static void
test_save_copy (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgSource) source = lg_test_add_source (store, "kept_channel");
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "backup.db", NULL);
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "backup.db", NULL);
  g_autoptr(LgStore) copy = NULL;
  g_autoptr(GError) error = NULL;
  LgStoreCounts counts;

  g_assert_true (g_file_set_contents (path, "an older backup", -1, NULL));
  g_assert_true (lg_store_save_copy (store, path, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));

  copy = lg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (lg_store_count (copy, &counts, &error));
  g_assert_cmpint (counts.sources, ==, 1);
  g_assert_cmpint (lg_store_get_version (copy), ==, lg_store_latest_version ());

  g_assert_false (lg_store_save_copy (store, missing, &error));
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "its folder does not exist"));
  g_clear_error (&error);

  /* Not over the database in use, nor its write-ahead log: that would
   * corrupt it under the open connections. */
  {
    g_autofree char *wal = g_strconcat (lg_store_get_path (store), "-wal", NULL);
    const char *targets[] = { lg_store_get_path (store), wal };

    for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
      {
        g_assert_false (lg_store_save_copy (store, targets[i], &error));
        g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_OPEN);
        g_assert_nonnull (strstr (error->message, "is the database Leadgram is using"));
        g_clear_error (&error);
      }
    g_assert_true (lg_store_count (store, &counts, &error));
    g_assert_cmpint (counts.sources, ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/create-and-reopen", test_create_and_reopen);
  g_test_add_func ("/store/wal-and-foreign-keys", test_wal_and_foreign_keys);
  g_test_add_func ("/store/fts-triggers", test_fts_triggers);
  g_test_add_func ("/store/foreign-key-indexes", test_foreign_key_indexes);
  g_test_add_func ("/store/save-copy", test_save_copy);
  g_test_add_func ("/store/migrate-from-each-version", test_migrate_from_each_version);
  g_test_add_func ("/store/refuse/garbage", test_refuse_garbage);
  g_test_add_func ("/store/refuse/newer", test_refuse_newer);
  g_test_add_func ("/store/refuse/unwritable", test_refuse_unwritable);
  g_test_add_func ("/store/read-only", test_read_only);
  g_test_add_func ("/store/read-only-fallback", test_read_only_fallback);
  g_test_add_func ("/store/backups", test_backups);
  g_test_add_func ("/store/damaged", test_damaged);
  g_test_add_func ("/store/busy", test_busy);
  g_test_add_func ("/store/write-waits", test_write_waits);
  g_test_add_func ("/store/leads-and-followups", test_leads_and_followups);
  g_test_add_func ("/store/changed-signal", test_changed_signal);

  return g_test_run ();
}
