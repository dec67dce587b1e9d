/* lg-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The connection: opening (read-only, damaged and migrating cases), the SQL
 * functions SQLite calls back (fold, buyer), transactions, statement helpers
 * and work on a worker thread. One file because all of it reaches into the
 * store's private fields; the queries live in lg-store-<entity>.c.
 */

#define G_LOG_DOMAIN "lg-store"

#include "config.h"

/* PRId64, not G_GINT64_FORMAT, in translatable strings: xgettext knows it. */
#include <inttypes.h>

#include <errno.h>
#include <fcntl.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <glib-unix.h>

#include "lg-scorer.h"
#include "lg-pg-stmt.h"
#include "lg-store-pg.h"
#include "lg-store-private.h"

/* How a worker's connection waits for another writer's lock: SQLite's busy
 * handler, here rather than sqlite3_busy_timeout() so that a write the user
 * waits for can say it waits (tell, called once per wait on the worker's
 * thread, after WAITING_NOTICE_MS: a wait shorter than that goes unseen). */
typedef struct
{
  guint    timeout_ms;
  gint64   started;   /* monotonic µs, when this wait began */
  gboolean told;
  void   (*tell) (gpointer data);
  gpointer tell_data;
} BusyWait;

struct _LgStore
{
  GObject     parent_instance;

  sqlite3    *db;
  LgPgSession pg;     /* a team workspace's connection, when conn is set */
  guint       watch_id; /* of its notifications, lg_store_watch_others() */
  gboolean    watching; /* lg_store_watch_others() was called */
  gboolean    lost;     /* its connection to the server was lost */
  char       *path;
  char       *backup_path;
  GHashTable *statements; /* SQL text -> LgStmt */
  const char *last_sql;   /* the key of the statement prepared last */
  LgStmt *last_stmt;
  int         version;
  gboolean    read_only;
  gboolean    damaged;
  LgScorer   *scorer;  /* for lg_buyer(), made on first use */
  BusyWait    busy;    /* a worker's connection only */
  gboolean    give_back_memory; /* lg_store_give_back_memory_on_close() */

  /* lg_store_write_async(), on the main thread's store: the writes not yet
   * started, in order, and the one running (NULL when none). */
  GQueue      writes;
  GTask      *writing;
  guint       write_serial; /* of the one running, to tell its waiting from a later one's */
  guint       pending_writes;
  gboolean    waiting;
};

G_DEFINE_FINAL_TYPE (LgStore, lg_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (lg-store-error-quark, lg_store_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_WAITING,
  PROP_PENDING_WRITES,
  PROP_CONNECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* lg_store_set_busy_timeouts(). */
static gint main_busy_ms = 5000;
static gint worker_busy_ms = 60000;

static void
finalize_statement (gpointer data)
{
  LgStmt *stmt = data;

  sqlite3_finalize (stmt->sqlite);
  lg_pg_stmt_free (stmt->pg);
  g_free (stmt);
}

#if defined(__GLIBC__)
/* Bytes: free memory at the top of a thread's arena past this goes back to
 * the system as it is freed; malloc_trim() gives back the rest of what is
 * free, but never the top of a thread's arena. Left to itself, glibc raises
 * the threshold to twice the largest block it has given back to the system
 * (after a block of 8 MB, 16 MB), and 12 MB stayed after the import of an
 * 8 MB export. Set once an import is over, not before: setting it stops
 * glibc raising the size from which a block gets a memory map of its own,
 * and a CSV import from the start took a fifth more CPU time, mapping and
 * unmapping its blocks of rows. */
#define TRIM_THRESHOLD (1024 * 1024)

static void
hold_trim_threshold (void)
{
  static gsize set = 0;

  if (g_once_init_enter (&set))
    {
      mallopt (M_TRIM_THRESHOLD, TRIM_THRESHOLD);
      g_once_init_leave (&set, 1);
    }
}
#endif

static void
lg_store_finalize (GObject *object)
{
  LgStore *self = LG_STORE (object);

#if defined(__GLIBC__)
  if (self->give_back_memory)
    hold_trim_threshold ();
#endif
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_handle_id (&self->watch_id, g_source_remove);
  g_clear_pointer (&self->pg.conn, PQfinish);
  g_free (self->pg.error);
  g_clear_pointer (&self->scorer, lg_scorer_free);
  g_free (self->path);
  g_free (self->backup_path);
#if defined(__GLIBC__)
  if (self->give_back_memory)
    malloc_trim (0);
#endif

  G_OBJECT_CLASS (lg_store_parent_class)->finalize (object);
}

static void
lg_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  LgStore *self = LG_STORE (object);

  switch (prop_id)
    {
    case PROP_WAITING:
      g_value_set_boolean (value, self->waiting);
      break;
    case PROP_PENDING_WRITES:
      g_value_set_uint (value, self->pending_writes);
      break;
    case PROP_CONNECTED:
      g_value_set_boolean (value, !self->lost);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lg_store_class_init (LgStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lg_store_finalize;
  object_class->get_property = lg_store_get_property;

  properties[PROP_WAITING] =
    g_param_spec_boolean ("waiting", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PENDING_WRITES] =
    g_param_spec_uint ("pending-writes", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONNECTED] =
    g_param_spec_boolean ("connected", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LgStore::changed:
   * @table: the table whose rows changed
   *
   * Rows of @table were added, changed or removed. Detailed by the table name.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
lg_store_init (LgStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
}

int
lg_store_latest_version (void)
{
  return lg_store_n_migrations;
}

/* LEADGRAM_DB wins over the user's data folder so scripts, tests and a second
 * workspace can point elsewhere. */
char *
lg_store_default_path (void)
{
  const char *env = g_getenv ("LEADGRAM_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (g_get_user_data_dir (), "leadgram", "leadgram.db", NULL);
}

static char *
damaged_mark (const char *path)
{
  return g_strconcat (path, ".damaged", NULL);
}

/* The files found damaged in this process: every connection to them, the
 * workers' too, writes nothing more. */
static GMutex damaged_lock;
static GHashTable *damaged_paths;
static gint n_damaged;

static gboolean
path_is_damaged (const char *path)
{
  g_autoptr(GMutexLocker) locker = NULL;

  if (G_LIKELY (g_atomic_int_get (&n_damaged) == 0))
    return FALSE;
  locker = g_mutex_locker_new (&damaged_lock);
  return g_hash_table_contains (damaged_paths, path);
}

void
lg_store_forget_damage (const char *path)
{
  g_autofree char *mark = NULL;

  g_return_if_fail (path != NULL);

  mark = damaged_mark (path);
  g_remove (mark);
  g_mutex_lock (&damaged_lock);
  if (damaged_paths != NULL && g_hash_table_remove (damaged_paths, path))
    g_atomic_int_dec_and_test (&n_damaged);
  g_mutex_unlock (&damaged_lock);
}

static void
note_damaged_path (const char *path)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&damaged_lock);

  if (damaged_paths == NULL)
    damaged_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (g_hash_table_add (damaged_paths, g_strdup (path)))
    g_atomic_int_inc (&n_damaged);
}

/* From now on nothing is written to the file, by this connection or, through
 * the mark beside the file, by any opened later. */
static void
mark_damaged (LgStore *self)
{
  g_autofree char *mark = damaged_mark (self->path);

  if (self->damaged)
    return;
  self->damaged = TRUE;
  note_damaged_path (self->path);
  g_message ("%s is damaged: %s", self->path, sqlite3_errmsg (self->db));
  if (!self->read_only)
    g_file_set_contents (mark, sqlite3_errmsg (self->db), -1, NULL);
}

/* A team workspace's connection is gone (the server stopped, the network
 * failed): nothing more can be read or written over it until
 * lg_store_reconnect_async() gives the store a new one. */
static void
set_lost (LgStore *self)
{
  if (self->lost)
    return;
  self->lost = TRUE;
  g_clear_handle_id (&self->watch_id, g_source_remove);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
}

/* SQLSTATE classes (PostgreSQL's Appendix A). */
static void
set_pg_error (LgStore     *self,
              GError     **error,
              const char  *what)
{
  const char *state = self->pg.sqlstate;
  const char *message = self->pg.error != NULL ? self->pg.error : "";
  LgStoreError store_code = LG_STORE_ERROR_QUERY;

  if (PQstatus (self->pg.conn) != CONNECTION_OK || g_str_has_prefix (state, "08"))
    {
      if (PQstatus (self->pg.conn) != CONNECTION_OK)
        set_lost (self);
      g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_QUERY,
                   _("%s: the connection to the team workspace was lost (%s). Check the "
                     "network and that the server runs; nothing was changed."), what, message);
      return;
    }
  if (g_str_has_prefix (state, "23"))
    store_code = LG_STORE_ERROR_INVALID;
  else if (g_str_has_prefix (state, "42501") || g_str_has_prefix (state, "25006"))
    {
      g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_READ_ONLY,
                   _("%s: your role in the team workspace may only read it (%s). Ask its "
                     "owner for the right to write."), what, message);
      return;
    }
  g_set_error (error, LG_STORE_ERROR, store_code, "%s: %s", what, message);
}

void
lg_store_set_error (LgStore     *self,
                    GError     **error,
                    const char  *what)
{
  int code;
  LgStoreError store_code = LG_STORE_ERROR_QUERY;

  if (self->pg.conn != NULL)
    {
      set_pg_error (self, error, what);
      return;
    }
  code = sqlite3_errcode (self->db);

  switch (code & 0xff)
    {
    case SQLITE_NOTADB:
      store_code = LG_STORE_ERROR_NOT_A_DATABASE;
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_READ_ONLY,
                   _("%s: this database may only be read. Copy it to a folder you may write "
                     "to and open the copy to change it."), what);
      return;
    case SQLITE_CONSTRAINT:
      store_code = LG_STORE_ERROR_INVALID;
      break;
    case SQLITE_BUSY:
      g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_QUERY,
                   _("%s: another import or sync is writing to the database. Try again when "
                     "it has finished; nothing was changed."), what);
      return;
    case SQLITE_CORRUPT:
      mark_damaged (self);
      g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_DAMAGED,
                   _("%s: the database file is damaged (%s). Leadgram writes nothing more to "
                     "it. Restore the latest backup (Preferences → Backups), or save what "
                     "can still be read with “leadgram-cli salvage FILE”."),
                   what, sqlite3_errmsg (self->db));
      return;
    case SQLITE_FULL:
      g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_QUERY,
                   _("%s: the disk is full. Free some space and try again; nothing was changed."),
                   what);
      return;
    default:
      break;
    }

  g_set_error (error, LG_STORE_ERROR, store_code, "%s: %s", what, sqlite3_errmsg (self->db));
}

sqlite3 *
lg_store_get_db (LgStore *self)
{
  g_return_val_if_fail (LG_IS_STORE (self), NULL);

  return self->db;
}

static gboolean refuse_damaged (LgStore  *self,
                                GError  **error);


LgStmt *
lg_store_prepare (LgStore     *self,
                  const char  *sql,
                  GError     **error)
{
  LgStmt *stmt;
  char *key;

  g_return_val_if_fail (LG_IS_STORE (self), NULL);

  /* A loop adding rows asks for one statement again and again: its text is
   * compared with the last one's before it is hashed (hashing the few
   * hundred bytes of an INSERT cost as much as binding its row). */
  if (self->last_sql != NULL && strcmp (sql, self->last_sql) == 0)
    stmt = self->last_stmt;
  else if (g_hash_table_lookup_extended (self->statements, sql, (gpointer *) &key,
                                         (gpointer *) &stmt))
    {
      self->last_sql = key;
      self->last_stmt = stmt;
    }
  else
    stmt = NULL;

  if (stmt != NULL)
    {
      lg_stmt_reset (stmt);
      if (stmt->pg != NULL)
        lg_pg_stmt_clear_bindings (stmt->pg);
      else
        sqlite3_clear_bindings (stmt->sqlite);
    }
  else
    {
      stmt = g_new0 (LgStmt, 1);
      if (self->pg.conn != NULL)
        stmt->pg = lg_pg_stmt_new (&self->pg, sql);
      else if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
                                   &stmt->sqlite, NULL) != SQLITE_OK)
        {
          g_free (stmt);
          lg_store_set_error (self, error, _("Could not prepare a query"));
          return NULL;
        }
      key = g_strdup (sql);
      g_hash_table_insert (self->statements, key, stmt);
      self->last_sql = key;
      self->last_stmt = stmt;
    }

  if ((self->damaged || path_is_damaged (self->path)) && stmt->sqlite != NULL &&
      !sqlite3_stmt_readonly (stmt->sqlite))
    {
      refuse_damaged (self, error);
      return NULL;
    }
  return stmt;
}

/* Writing to a damaged file spreads the damage. */
static gboolean
refuse_damaged (LgStore  *self,
                GError  **error)
{
  g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_DAMAGED,
               _("The database file is damaged, so nothing more is written to it. Restore "
                 "the latest backup (Preferences → Backups), or save what can still be read "
                 "with “leadgram-cli salvage FILE”."));
  return FALSE;
}

gboolean
lg_store_exec (LgStore     *self,
               const char  *sql,
               GError     **error)
{
  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  if (self->damaged || path_is_damaged (self->path))
    return refuse_damaged (self, error);
  if (!(self->pg.conn != NULL ? lg_pg_session_exec (&self->pg, sql)
                               : sqlite3_exec (self->db, sql, NULL, NULL, NULL) == SQLITE_OK))
    {
      lg_store_set_error (self, error, _("Could not write to the database"));
      return FALSE;
    }
  return TRUE;
}

gboolean
lg_store_is_remote (LgStore *self)
{
  return self->pg.conn != NULL;
}

gboolean
lg_store_catch_up_ids (LgStore     *self,
                       const char  *table,
                       GError     **error)
{
  g_autofree char *sql = NULL;

  if (self->pg.conn == NULL)
    return TRUE;
  sql = g_strdup_printf ("SELECT setval (pg_get_serial_sequence ('%s', 'id'), "
                         "coalesce ((SELECT max (id) FROM %s), 0) + 1, false)", table, table);
  return lg_store_exec (self, sql, error);
}

gboolean
lg_store_refuse_team (LgStore  *self,
                      GError  **error)
{
  if (self->pg.conn == NULL)
    return FALSE;
  g_set_error_literal (error, LG_STORE_ERROR, LG_STORE_ERROR_TEAM,
                       _("A team workspace does not do this: its copies are the server’s own "
                         "backups (pg_dump). Do this in a personal workspace."));
  return TRUE;
}

gint64
lg_store_changes (LgStore *self)
{
  return self->pg.conn != NULL ? self->pg.changes : sqlite3_changes (self->db);
}

gint64
lg_store_last_insert_id (LgStore *self)
{
  LgStmt *stmt;
  gint64 id = 0;

  if (self->pg.conn == NULL)
    return sqlite3_last_insert_rowid (self->db);
  /* The identity column's sequence, used by this session's last insert. */
  stmt = lg_store_prepare (self, "SELECT lastval ()", NULL);
  if (stmt != NULL && lg_stmt_step (stmt) == SQLITE_ROW)
    id = lg_stmt_column_int64 (stmt, 0);
  if (stmt != NULL)
    lg_stmt_reset (stmt);
  return id;
}

gboolean
lg_store_in_transaction (LgStore *self)
{
  if (self->pg.conn != NULL)
    return PQtransactionStatus (self->pg.conn) != PQTRANS_IDLE;
  return sqlite3_get_autocommit (self->db) == 0;
}

void
lg_store_rollback_to (LgStore    *self,
                      const char *name)
{
  g_autofree char *sql = g_strdup_printf ("ROLLBACK TO %s; RELEASE %s", name, name);

  if (self->pg.conn != NULL)
    lg_pg_session_exec (&self->pg, sql);
  else
    sqlite3_exec (self->db, sql, NULL, NULL, NULL);
}

GStrv
lg_store_drop_schema (LgStore     *self,
                      const char  *type,
                      const char  *table,
                      const char  *name,
                      GError     **error)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) sql = g_strv_builder_new ();
  g_auto(GStrv) drop = NULL;
  LgStmt *stmt;
  int rc;

  g_return_val_if_fail (LG_IS_STORE (self), NULL);
  g_return_val_if_fail (g_strcmp0 (type, "index") == 0 || g_strcmp0 (type, "trigger") == 0,
                        NULL);

  /* sql IS NULL for the indexes SQLite makes itself (UNIQUE constraints). */
  stmt = lg_store_prepare (self, "SELECT name, sql FROM sqlite_schema WHERE type = ?1 "
                                 "AND tbl_name = ?2 AND (?3 IS NULL OR name = ?3) "
                                 "AND sql IS NOT NULL", error);
  if (stmt == NULL)
    return NULL;
  lg_stmt_bind_string (stmt, 1, type, -1, SQLITE_STATIC);
  lg_stmt_bind_string (stmt, 2, table, -1, SQLITE_STATIC);
  lg_stmt_bind_text (stmt, 3, name);
  while ((rc = lg_stmt_step (stmt)) == SQLITE_ROW)
    {
      g_strv_builder_add (names, lg_stmt_text (stmt, 0));
      g_strv_builder_add (sql, lg_stmt_text (stmt, 1));
    }
  lg_stmt_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      lg_store_set_error (self, error, _("Could not read the database’s schema"));
      return NULL;
    }

  drop = g_strv_builder_end (names);
  for (guint i = 0; drop[i] != NULL; i++)
    {
      g_autofree char *statement = g_strdup_printf ("DROP %s \"%s\"", type, drop[i]);

      if (!lg_store_exec (self, statement, error))
        return NULL;
    }
  return g_strv_builder_end (sql);
}

gboolean
lg_store_exec_all (LgStore  *self,
                   GStrv     sql,
                   GError  **error)
{
  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  for (guint i = 0; sql != NULL && sql[i] != NULL; i++)
    if (!lg_store_exec (self, sql[i], error))
      return FALSE;
  return TRUE;
}

const char *
lg_stmt_text (LgStmt *stmt,
              int           column)
{
  return (const char *) lg_stmt_column_text (stmt, column);
}

void
lg_stmt_bind_text (LgStmt *stmt,
                   int           column,
                   const char   *text)
{
  if (text == NULL || *text == '\0')
    lg_stmt_bind_null (stmt, column);
  else
    lg_stmt_bind_string (stmt, column, text, -1, SQLITE_TRANSIENT);
}

static gboolean
read_version (LgStore  *self,
              int      *version,
              GError  **error)
{
  LgStmt *stmt = lg_store_prepare (self, "PRAGMA user_version", error);

  if (stmt == NULL)
    return FALSE;

  if (lg_stmt_step (stmt) != SQLITE_ROW)
    {
      lg_store_set_error (self, error, _("Could not read the database version"));
      return FALSE;
    }

  *version = lg_stmt_column_int (stmt, 0);
  lg_stmt_reset (stmt);
  return TRUE;
}

/* A copy of the file as it was, taken before a migration touches it, so a
 * user can go back to the previous release with their data. */
/* Whether path names the database file itself or one of its companions. */
static gboolean
is_database_file (LgStore    *self,
                  const char *path)
{
  static const char *suffixes[] = { "", "-wal", "-shm", "-journal" };
  GStatBuf target;

  if (g_stat (path, &target) != 0)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *own = g_strconcat (self->path, suffixes[i], NULL);
      GStatBuf file;

      if (g_stat (own, &file) == 0 && file.st_dev == target.st_dev &&
          file.st_ino == target.st_ino)
        return TRUE;
    }
  return FALSE;
}

/* Makes what was written to path reach the disk before it replaces a file:
 * a crash must not leave half a backup where a whole one was. */
static gboolean
sync_file (const char *path)
{
  int fd = g_open (path, O_RDONLY, 0);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = g_fsync (fd) == 0;
  close (fd);
  return ok;
}

/* Writes a copy of the database to a new file beside path, returned; the
 * caller puts it in place with put_copy () or removes it. */
static char *
write_copy (LgStore     *self,
            const char  *path,
            GError     **error)
{
  g_autofree char *partial = NULL;
  g_autofree char *sql = NULL;
  char *quoted;

  /* VACUUM INTO writes a consistent, compact copy while the app goes on, but
   * refuses an existing file: a name of its own beside the target (should
   * two copies be made at once), renamed over the target once whole, so an
   * old copy stays whole until the new one is. */
  partial = g_strdup_printf ("%s.%08x.partial", path, g_random_int ());
  quoted = sqlite3_mprintf ("VACUUM INTO %Q", partial);
  sql = g_strdup (quoted);
  sqlite3_free (quoted);

  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      g_autofree char *folder = g_path_get_dirname (path);

      if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
        g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_OPEN,
                     _("Could not write a copy to “%s”: its folder does not exist. Choose "
                       "another folder."), path);
      else
        g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_OPEN,
                     _("Could not write a copy to “%s” (%s). Check that the folder can be "
                       "written to and that the disk has room."), path,
                     sqlite3_errmsg (self->db));
      g_remove (partial);
      return NULL;
    }
  return g_steal_pointer (&partial);
}

static gboolean
put_copy (const char  *partial,
          const char  *path,
          GError     **error)
{
  if (!sync_file (partial) || g_rename (partial, path) != 0)
    {
      int saved = errno;

      g_remove (partial);
      g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_OPEN,
                   _("Could not write “%s”: %s. Choose another folder."), path,
                   g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

gboolean
lg_store_save_copy (LgStore     *self,
                    const char  *path,
                    GError     **error)
{
  g_autofree char *partial = NULL;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (lg_store_refuse_team (self, error))
    return FALSE;

  /* Replacing the open database under the connections that use it would
   * corrupt it. */
  if (is_database_file (self, path))
    {
      g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_OPEN,
                   _("“%s” is the database Leadgram is using. Choose another file for the "
                     "copy."), path);
      return FALSE;
    }

  partial = write_copy (self, path, error);
  return partial != NULL && put_copy (partial, path, error);
}

/* Rows that point at rows that are not there; -1 when it cannot tell. */
static gint64
count_broken_references (LgStore *self)
{
  LgStmt *stmt = lg_store_prepare (self, "PRAGMA foreign_key_check", NULL);
  gint64 n = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  while ((rc = lg_stmt_step (stmt)) == SQLITE_ROW)
    n++;
  lg_stmt_reset (stmt);
  return rc == SQLITE_DONE ? n : -1;
}

/* An upgrade may not add broken references. Those the file already had (a
 * hand edit with foreign keys off) are not its doing, and refusing them would
 * keep the database from ever opening. */
static gboolean
foreign_keys_hold (LgStore  *self,
                   gint64    before,
                   GError  **error)
{
  gint64 after = count_broken_references (self);

  if (after >= 0 && after <= MAX (before, 0))
    return TRUE;
  g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_MIGRATION,
               _("Could not upgrade the database: the upgrade would leave rows pointing "
                 "at rows that are not there. The file was left as it was."));
  return FALSE;
}

static gboolean
migrate (LgStore  *self,
         GError  **error)
{
  g_autofree char *backup = NULL;
  g_autofree char *partial = NULL;
  gint64 broken;
  int version, locked_version;

  if (!read_version (self, &version, error))
    return FALSE;

  if (version > lg_store_n_migrations)
    {
      g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_TOO_NEW,
                   _("The database “%s” was written by a newer version of Leadgram "
                     "(schema %d, this version knows up to %d). Update Leadgram to open it."),
                   self->path, version, lg_store_n_migrations);
      return FALSE;
    }

  if (version == lg_store_n_migrations)
    {
      self->version = version;
      return TRUE;
    }

  if (self->read_only)
    {
      g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_READ_ONLY,
                   _("The database “%s” was written by an older version of Leadgram and "
                     "cannot be upgraded, since it may not be written. Copy it to a folder "
                     "you may write to and open the copy."),
                   self->path);
      return FALSE;
    }

  /* A copy of the file as it was, kept beside it (VACUUM INTO cannot run in
   * the transaction below: it is written first and put in place once the
   * write lock is held). */
  if (version > 0)
    {
      backup = g_strdup_printf ("%s.v%d.bak", self->path, version);
      partial = write_copy (self, backup, error);
      if (partial == NULL)
        {
          g_prefix_error (error, _("Could not save a copy of the database before upgrading "
                                   "it: "));
          return FALSE;
        }
    }

  /* All steps in one transaction: a failed upgrade leaves the file as it was.
   * Foreign keys are off meanwhile, as SQLite's procedure for rebuilding a
   * table asks (dropping the old one would cascade to the rows pointing at
   * it), and checked before the commit. */
  if (!lg_store_exec (self, "PRAGMA foreign_keys = OFF", error) ||
      !lg_store_exec (self, "BEGIN IMMEDIATE", error))
    {
      if (partial != NULL)
        g_remove (partial);
      return FALSE;
    }

  /* Another process (the CLI beside the app) may have upgraded the file
   * while this one waited for the write lock: start from where it is now,
   * and keep its copy of the old file rather than ours of the new one. */
  if (!read_version (self, &locked_version, error))
    {
      lg_store_rollback (self);
      if (partial != NULL)
        g_remove (partial);
      return FALSE;
    }
  if (partial != NULL && locked_version != version)
    {
      g_remove (partial);
      g_clear_pointer (&backup, g_free);
    }
  else if (partial != NULL && !put_copy (partial, backup, error))
    {
      lg_store_rollback (self);
      g_prefix_error (error, _("Could not save a copy of the database before upgrading it: "));
      return FALSE;
    }
  if (backup != NULL)
    {
      g_free (self->backup_path);
      self->backup_path = g_steal_pointer (&backup);
    }
  version = locked_version;
  broken = count_broken_references (self);

  for (int v = version; v < lg_store_n_migrations; v++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", v + 1);

      if (!lg_store_exec (self, lg_store_migrations[v], error) ||
          !lg_store_exec (self, set_version, error))
        {
          lg_store_rollback (self);
          g_prefix_error (error, _("Could not upgrade the database to schema %d: "), v + 1);
          if (error != NULL && *error != NULL)
            (*error)->code = LG_STORE_ERROR_MIGRATION;
          return FALSE;
        }
    }

  if (!foreign_keys_hold (self, broken, error) || !lg_store_exec (self, "COMMIT", error))
    {
      lg_store_rollback (self);
      return FALSE;
    }
  if (!lg_store_exec (self, "PRAGMA foreign_keys = ON", error))
    return FALSE;

  self->version = lg_store_n_migrations;
  return TRUE;
}

char *
lg_store_fold (const char *text,
               gssize      length)
{
  g_autofree char *normalized = g_utf8_normalize (text, length, G_NORMALIZE_ALL_COMPOSE);

  /* Invalid UTF-8 is matched as it is. */
  if (normalized == NULL)
    return length < 0 ? g_strdup (text) : g_strndup (text, length);
  return g_utf8_casefold (normalized, -1);
}

static void
sql_fold (sqlite3_context  *context,
          int               argc,
          sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);

  if (text == NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  sqlite3_result_text (context, lg_store_fold (text, sqlite3_value_bytes (argv[0])), -1, g_free);
}

/* The messages of a new database are read by this app's model as they
 * arrive, and those of an upgraded one not at all yet: either way the readings
 * there are are this model's. A database where another model's readings are
 * kept says so already (lg_store_read_directions()). */
static gboolean
note_direction_model (LgStore  *self,
                      GError  **error)
{
  LgStmt *stmt;
  int rc;

  if (lg_store_is_read_only (self))
    return TRUE;
  stmt = lg_store_prepare (self, "SELECT 1 FROM store_state WHERE key = 'buyer_model'", error);
  if (stmt == NULL)
    return FALSE;
  rc = lg_stmt_step (stmt);
  lg_stmt_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  stmt = lg_store_prepare (self, "INSERT INTO store_state (key, value) "
                                 "VALUES ('buyer_model', ?1) ON CONFLICT (key) DO NOTHING", error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_string (stmt, 1, lg_scorer_get_model_id (), -1, SQLITE_STATIC);
  return lg_store_step_done (self, stmt, _("Could not open the database"), error);
}

/* The intent model's buyer probability for a message, read with the
 * connection's own scorer, made on first use (a connection is used by one
 * thread at a time, and the scorer's word cache makes the next message
 * cheaper; a connection that only reads never needs one). */
double
lg_store_read_buyer (LgStore    *self,
                     const char *text,
                     gssize      length)
{
  double buyer;

  /* A text the model cannot read (not UTF-8) is undecided rather than NULL,
   * which would have every search try to read it again. */
  if (self->scorer == NULL)
    self->scorer = lg_scorer_new ();
  if (text == NULL || !lg_scorer_read_direction (self->scorer, text, length, &buyer, NULL, NULL))
    buyer = 0.5;
  return buyer;
}

/* lg_buyer(text), the same for a SQLite query. */
static void
sql_buyer (sqlite3_context  *context,
           int               argc,
           sqlite3_value   **argv)
{
  LgStore *self = sqlite3_user_data (context);
  const char *text = (const char *) sqlite3_value_text (argv[0]);

  sqlite3_result_double (context,
                         lg_store_read_buyer (self, text, sqlite3_value_bytes (argv[0])));
}

/* A file found damaged, in this process or (by the mark beside it) an earlier
 * one, stays damaged. The mark of an earlier run is checked once, when the
 * file first opens: if SQLite's quick check passes now (the user repaired or
 * replaced it), the mark goes. */
static gboolean
check_damage (LgStore  *self,
              GError  **error)
{
  g_autofree char *mark = damaged_mark (self->path);
  LgStmt *stmt;
  gboolean ok;

  if (path_is_damaged (self->path))
    {
      self->damaged = TRUE;
      return TRUE;
    }
  if (!g_file_test (mark, G_FILE_TEST_EXISTS))
    return TRUE;
  stmt = lg_store_prepare (self, "PRAGMA quick_check", error);
  if (stmt == NULL)
    return FALSE;
  ok = lg_stmt_step (stmt) == SQLITE_ROW && g_strcmp0 (lg_stmt_text (stmt, 0), "ok") == 0;
  lg_stmt_reset (stmt);
  if (ok)
    g_remove (mark);
  else
    {
      self->damaged = TRUE;
      note_damaged_path (self->path);
    }
  return TRUE;
}

/* Opens the file at @path for reading only. With mode=ro SQLite reads the
 * write-ahead log too, so what another connection wrote since the last
 * checkpoint is there; where it cannot (no -shm and a folder it may not
 * write), the file is read as immutable, without its log. */
int
lg_store_open_read_only_db (const char  *path,
                            sqlite3    **db)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *file_uri = g_filename_to_uri (absolute, NULL, NULL);
  const char *modes[] = { "?mode=ro", "?immutable=1" };
  int rc = SQLITE_CANTOPEN;

  if (file_uri == NULL)
    return SQLITE_CANTOPEN;
  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    {
      g_autofree char *uri = g_strconcat (file_uri, modes[m], NULL);

      rc = sqlite3_open_v2 (uri, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                            NULL);
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (*db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
      if ((rc & 0xff) != SQLITE_CANTOPEN && (rc & 0xff) != SQLITE_READONLY)
        return rc;
      sqlite3_close (*db);
      *db = NULL;
    }
  return rc;
}

/* Opens @path for reading and writing, creating it, or for reading only (see
 * lg_store_open_read_only_db()). */
static LgStore *
open_store (const char  *path,
            gboolean     read_only,
            GError     **error)
{
  g_autoptr(LgStore) self = NULL;
  g_autofree char *dir = NULL;
  int rc;

  if (!read_only)
    {
      dir = g_path_get_dirname (path);
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_OPEN,
                       _("Could not create the folder “%s” for the database: %s. "
                         "Choose another location."),
                       dir, g_strerror (saved_errno));
          return NULL;
        }
    }

  self = g_object_new (LG_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->read_only = read_only;

  rc = read_only
    ? lg_store_open_read_only_db (path, &self->db)
    : sqlite3_open_v2 (path, &self->db,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_OPEN,
                   _("Could not open the database “%s”: %s. "
                     "Check that the folder exists and you may write to it."),
                   path, self->db != NULL ? sqlite3_errmsg (self->db) : g_strerror (ENOMEM));
      return NULL;
    }

  if (!read_only && sqlite3_db_readonly (self->db, "main") == 1)
    {
      g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_READ_ONLY,
                   _("The database “%s” cannot be written. "
                     "Check the file’s permissions, or open another database."),
                   path);
      return NULL;
    }

  sqlite3_busy_timeout (self->db, g_atomic_int_get (&main_busy_ms));
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_create_function_v2 (self->db, "lg_fold", 1,
                              SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                              sql_fold, NULL, NULL, NULL);
  sqlite3_create_function_v2 (self->db, "lg_buyer", 1,
                              SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                              self, sql_buyer, NULL, NULL, NULL);

  /* The first statement reads the header: this is where a file that is not a
   * database is found out. */
  rc = sqlite3_exec (self->db, read_only ? "SELECT count(*) FROM sqlite_schema"
                                         : "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
  if ((rc & 0xff) == SQLITE_NOTADB)
    {
      g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_NOT_A_DATABASE,
                   _("The file “%s” is not a Leadgram database. "
                     "Choose another file, or move this one away to start a new database."),
                   path);
      return NULL;
    }
  else if ((rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_CANTOPEN)
    {
      g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_READ_ONLY,
                   _("The database “%s” cannot be written. "
                     "Check the permissions of the file and its folder."),
                   path);
      return NULL;
    }
  else if (rc != SQLITE_OK)
    {
      lg_store_set_error (self, error, _("Could not open the database"));
      return NULL;
    }

  /* Settings of the connection, not writes to the file: a damaged one takes
   * them too. */
  if (sqlite3_exec (self->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL) != SQLITE_OK ||
      (!read_only &&
       sqlite3_exec (self->db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL) != SQLITE_OK))
    {
      lg_store_set_error (self, error, _("Could not open the database"));
      return NULL;
    }

  if (!check_damage (self, error) || !migrate (self, error) ||
      !note_direction_model (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

gboolean
lg_store_is_team_address (const char *path)
{
  g_return_val_if_fail (path != NULL, FALSE);

  return g_str_has_prefix (path, "postgresql://") || g_str_has_prefix (path, "postgres://");
}

gboolean
lg_store_address_has_password (const char *address)
{
  PQconninfoOption *options;
  gboolean found = FALSE;

  g_return_val_if_fail (address != NULL, FALSE);

  options = PQconninfoParse (address, NULL);
  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    if (g_strcmp0 (o->keyword, "password") == 0 && o->val != NULL && *o->val != '\0')
      found = TRUE;
  PQconninfoFree (options);
  return found;
}

char *
lg_store_resolve_path (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  if (lg_store_is_team_address (path))
    return g_strdup (path);
  return g_canonicalize_filename (path, NULL);
}

/* Any number, the same in every Leadgram: the advisory lock that lets one
 * app at a time upgrade a team workspace's schema. */
#define MIGRATION_LOCK "7120441"

static gboolean
pg_read_version (LgStore  *self,
                 int      *version,
                 GError  **error)
{
  LgStmt *stmt = lg_store_prepare (self, "SELECT coalesce (max (version), 0) FROM "
                                         "leadgram_schema", error);

  if (stmt == NULL)
    return FALSE;
  if (lg_stmt_step (stmt) != SQLITE_ROW)
    {
      lg_store_set_error (self, error, _("Could not read the database version"));
      lg_stmt_reset (stmt);
      return FALSE;
    }
  *version = lg_stmt_column_int (stmt, 0);
  lg_stmt_reset (stmt);
  return TRUE;
}

/* Brings the team workspace's schema to the latest, in one transaction under
 * the advisory lock: two apps starting together upgrade it once, the second
 * finding it done. A failed step leaves it as it was. */
static gboolean
pg_migrate (LgStore  *self,
            GError  **error)
{
  int version;

  if (!lg_store_exec (self, "BEGIN; SELECT pg_advisory_xact_lock (" MIGRATION_LOCK "); "
                            "CREATE TABLE IF NOT EXISTS leadgram_schema (version bigint NOT NULL)",
                      error) ||
      !pg_read_version (self, &version, error))
    {
      lg_store_rollback (self);
      g_prefix_error (error, _("Could not upgrade the team workspace: "));
      return FALSE;
    }
  if (version > lg_store_pg_n_migrations)
    {
      lg_store_rollback (self);
      g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_TOO_NEW,
                   _("The team workspace was upgraded by a newer version of Leadgram "
                     "(schema %d, this version knows up to %d). Update Leadgram to open it."),
                   version, lg_store_pg_n_migrations);
      return FALSE;
    }
  for (int v = version; v < lg_store_pg_n_migrations; v++)
    {
      g_autofree char *set_version = g_strdup_printf ("DELETE FROM leadgram_schema; "
                                                      "INSERT INTO leadgram_schema VALUES (%d)",
                                                      v + 1);

      if (!lg_store_exec (self, lg_store_pg_migrations[v], error) ||
          !lg_store_exec (self, set_version, error))
        {
          lg_store_rollback (self);
          g_prefix_error (error, _("Could not upgrade the team workspace to schema %d: "), v + 1);
          if (error != NULL && *error != NULL)
            (*error)->code = LG_STORE_ERROR_MIGRATION;
          return FALSE;
        }
    }
  if (!lg_store_exec (self, "COMMIT", error))
    {
      lg_store_rollback (self);
      return FALSE;
    }
  self->version = lg_store_pg_n_migrations;
  return TRUE;
}

/* What a team workspace's connection is opened with, before the address
 * (libpq takes an empty value as none given). */
#define CONNECT_KEYWORDS "connect_timeout", "application_name", "keepalives_idle", \
                         "keepalives_interval", "keepalives_count", "password", "dbname"
#define N_CONNECT_KEYWORDS 7

/* libpq's message as one sentence in a dialog: its lines and their tabs
 * joined by single spaces, without the full stop the caller's text adds. */
static char *
one_line (const char *message)
{
  g_auto(GStrv) words = g_strsplit_set (message, " \t\n", -1);
  g_autoptr(GStrvBuilder) kept = g_strv_builder_new ();
  g_auto(GStrv) joined = NULL;
  char *line;
  gsize length;

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_strv_builder_add (kept, words[i]);
  joined = g_strv_builder_end (kept);
  line = g_strjoinv (" ", joined);
  length = strlen (line);
  while (length > 0 && line[length - 1] == '.')
    line[--length] = '\0';
  return line;
}

static GMutex password_lock;
static GHashTable *passwords;

void
lg_store_set_password (const char *address,
                       const char *password)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&password_lock);

  g_return_if_fail (address != NULL);

  if (passwords == NULL)
    passwords = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (password != NULL && *password != '\0')
    g_hash_table_replace (passwords, g_strdup (address), g_strdup (password));
  else
    g_hash_table_remove (passwords, address);
}

static char *
password_for (const char *address)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&password_lock);

  return passwords != NULL ? g_strdup (g_hash_table_lookup (passwords, address)) : NULL;
}

/* Why the connection failed, for the user to act on: a password to give or
 * to correct is theirs to fix in Preferences, a server that does not answer
 * is the network's or the server's (and the app falls back on its copy),
 * anything else is the address's. libpq keeps no error code for a failed
 * connection: a ping, given up sooner, tells whether anyone answers. */
static void
set_connect_error (PGconn              *conn,
                   const char * const  *keywords,
                   const char * const  *values,
                   GError             **error)
{
  g_autofree char *reason = one_line (PQerrorMessage (conn));
  /* A shorter connect_timeout: a server that does not answer is not waited
   * for twice as long. */
  const char *ping_values[N_CONNECT_KEYWORDS + 1];

  memcpy (ping_values, values, sizeof ping_values);
  ping_values[0] = "3";

  if (PQconnectionNeedsPassword (conn))
    {
      g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_PASSWORD,
                   _("The team workspace’s server asks for a password (%s). Enter it in "
                     "Preferences → General → Workspace (for leadgram-cli, in ~/.pgpass), "
                     "then start Leadgram again."), reason);
      return;
    }
  if (PQconnectionUsedPassword (conn))
    {
      g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_PASSWORD,
                   _("The team workspace’s server did not accept the password (%s). Enter "
                     "the right one in Preferences → General → Workspace (for "
                     "leadgram-cli, in ~/.pgpass), then start Leadgram again."), reason);
      return;
    }
  if (PQpingParams (keywords, ping_values, 1) == PQPING_NO_RESPONSE)
    {
      g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_UNREACHABLE,
                   _("Could not reach the team workspace’s server (%s). Check the network "
                     "and that the server runs, then try again."), reason);
      return;
    }
  g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_OPEN,
               _("Could not connect to the team workspace (%s). Check the address, that "
                 "the server runs and that your role may log in."), reason);
}

/* Opens the team workspace at the PostgreSQL address, upgrading its schema;
 * read-only, every transaction of the connection is. */
static LgStore *
open_team_store (const char  *address,
                 gboolean     read_only,
                 GError     **error)
{
  g_autoptr(LgStore) self = g_object_new (LG_TYPE_STORE, NULL);
  g_autofree char *password = password_for (address);
  const char *keywords[] = { CONNECT_KEYWORDS, NULL };
  /* The address's own settings come last and win: a server that does not
   * answer is given up after 10 s instead of the system's TCP timeout of
   * minutes, and the server lists the connection as Leadgram's. An idle
   * connection is probed after 10 s, so a network gone quiet is noticed
   * within half a minute (lg_store_is_connected()) rather than the system's
   * two hours. Without a password of the app's, libpq's own (PGPASSWORD,
   * ~/.pgpass) serves. */
  const char *values[N_CONNECT_KEYWORDS + 1] = { "10", "Leadgram", "10", "5", "3",
                                                 password != NULL ? password : "", address,
                                                 NULL };

  self->path = g_strdup (address);
  self->read_only = read_only;
  self->pg.conn = PQconnectdbParams (keywords, values, 1);
  if (PQstatus (self->pg.conn) != CONNECTION_OK)
    {
      set_connect_error (self->pg.conn, keywords, values, error);
      return NULL;
    }
  /* Times are whole seconds since 1970 in every column, as on SQLite, so the
   * session's time zone and date style do not matter; its messages do. */
  if (!lg_store_exec (self, "SET client_min_messages = warning", error) ||
      (read_only && !lg_store_exec (self, "SET default_transaction_read_only = on", error)))
    return NULL;
  if (read_only)
    {
      int version = 0;

      if (!pg_read_version (self, &version, error))
        return NULL;
      self->version = version;
      if (version != lg_store_pg_n_migrations)
        {
          g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_MIGRATION,
                       _("The team workspace has schema %d and this version of Leadgram "
                         "reads schema %d; it may not be upgraded from a read-only "
                         "connection."), version, lg_store_pg_n_migrations);
          return NULL;
        }
    }
  else if (!pg_migrate (self, error) || !note_direction_model (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* The files this process opened read-only on purpose: the connections its
 * worker threads open on the same path (lg_store_open()) are read-only too. */
static GMutex read_only_lock;
static GHashTable *read_only_paths;

static gboolean
opened_read_only (const char *path)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&read_only_lock);

  return read_only_paths != NULL && g_hash_table_contains (read_only_paths, path);
}

LgStore *
lg_store_open (const char  *path,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  LgStore *store;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (lg_store_is_team_address (path))
    return open_team_store (path, opened_read_only (path), error);
  if (opened_read_only (path))
    return open_store (path, TRUE, error);
  store = open_store (path, FALSE, &local_error);
  /* A file that exists but may not be written is still worth reading. */
  if (store == NULL &&
      g_error_matches (local_error, LG_STORE_ERROR, LG_STORE_ERROR_READ_ONLY) &&
      g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_clear_error (&local_error);
      store = open_store (path, TRUE, &local_error);
    }
  if (store == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return store;
}

LgStore *
lg_store_open_read_only (const char  *path,
                         GError     **error)
{
  LgStore *store;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  store = lg_store_is_team_address (path) ? open_team_store (path, TRUE, error)
                                  : open_store (path, TRUE, error);
  if (store != NULL)
    {
      g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&read_only_lock);

      if (read_only_paths == NULL)
        read_only_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_add (read_only_paths, g_strdup (path));
    }
  return store;
}

gboolean
lg_store_is_read_only (LgStore *self)
{
  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  return self->read_only || self->damaged;
}

gboolean
lg_store_is_damaged (LgStore *self)
{
  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  return self->damaged;
}

const char *
lg_store_get_path (LgStore *self)
{
  g_return_val_if_fail (LG_IS_STORE (self), NULL);

  return self->path;
}

int
lg_store_get_version (LgStore *self)
{
  g_return_val_if_fail (LG_IS_STORE (self), 0);

  return self->version;
}

/* The copy taken before this open migrated the file, or NULL. */
const char *
lg_store_get_backup_path (LgStore *self)
{
  g_return_val_if_fail (LG_IS_STORE (self), NULL);

  return self->backup_path;
}

/* The signal's details, by flag: the names views connect to, and the
 * payloads of a team workspace's notifications. */
static const char * const change_names[] = {
  "leads", "followups", "costs", "sources", "messages", "searches", "matches",
};

void
lg_store_notify_changed (LgStore        *self,
                         LgStoreChanges  changes)
{
  g_return_if_fail (LG_IS_STORE (self));

  for (guint i = 0; i < G_N_ELEMENTS (change_names); i++)
    if (changes & (1u << i))
      g_signal_emit (self, signals[CHANGED], g_quark_from_static_string (change_names[i]),
                     change_names[i]);
}

static gboolean
on_team_socket_cb (int           fd,
                   GIOCondition  condition,
                   gpointer      data)
{
  LgStore *self = data;
  LgStoreChanges changes = 0;
  PGnotify *notify;

  if (!PQconsumeInput (self->pg.conn) || PQstatus (self->pg.conn) != CONNECTION_OK)
    {
      g_message ("No more notifications from the team workspace: %s",
                 PQerrorMessage (self->pg.conn));
      self->watch_id = 0;
      set_lost (self);
      return G_SOURCE_REMOVE;
    }
  while ((notify = PQnotifies (self->pg.conn)) != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (change_names); i++)
        if (g_strcmp0 (notify->extra, change_names[i]) == 0)
          changes |= 1u << i;
      PQfreemem (notify);
    }
  if (changes != 0)
    lg_store_notify_changed (self, changes);
  return G_SOURCE_CONTINUE;
}

static void
start_watch (LgStore *self)
{
  if (!lg_pg_session_exec (&self->pg, "LISTEN leadgram"))
    {
      g_message ("No notifications from the team workspace: %s", self->pg.error);
      return;
    }
  self->watch_id = g_unix_fd_add (PQsocket (self->pg.conn), G_IO_IN, on_team_socket_cb, self);
}

void
lg_store_watch_others (LgStore *self)
{
  g_return_if_fail (LG_IS_STORE (self));

  if (self->pg.conn == NULL || self->watching)
    return;
  self->watching = TRUE;
  start_watch (self);
}

gboolean
lg_store_is_connected (LgStore *self)
{
  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  return !self->lost;
}

static void
reconnect_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  /* Opened as the lost one was: lg_store_open() knows a path opened
   * read-only, and the password the app gave. */
  LgStore *fresh = lg_store_open (task_data, &error);

  if (fresh == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, fresh, g_object_unref);
}

void
lg_store_reconnect_async (LgStore             *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LG_IS_STORE (self));
  g_return_if_fail (self->pg.conn != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lg_store_reconnect_async);
  g_task_set_task_data (task, g_strdup (self->path), g_free);
  g_task_run_in_thread (task, reconnect_thread);
}

/* On the store's thread: the fresh connection replaces the lost one. The
 * statements prepared on the old one are gone with it; what others changed
 * meanwhile was never heard, so every view reads again. */
gboolean
lg_store_reconnect_finish (LgStore       *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_autoptr(LgStore) fresh = NULL;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  fresh = g_task_propagate_pointer (G_TASK (result), error);
  if (fresh == NULL)
    return FALSE;
  g_hash_table_remove_all (self->statements);
  self->last_sql = NULL;
  self->last_stmt = NULL;
  g_clear_handle_id (&self->watch_id, g_source_remove);
  g_clear_pointer (&self->pg.conn, PQfinish);
  self->pg.conn = g_steal_pointer (&fresh->pg.conn);
  self->version = fresh->version;
  if (self->watching)
    start_watch (self);
  if (self->lost)
    {
      self->lost = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
    }
  lg_store_notify_changed (self, (1u << G_N_ELEMENTS (change_names)) - 1);
  return TRUE;
}

static GMutex person_lock;
static char *person;

/* The name the system knows the user by, or their login. */
static char *
system_person (void)
{
  const char *real = g_get_real_name ();

  return g_strdup (g_strcmp0 (real, "Unknown") != 0 && *real != '\0' ? real
                                                                       : g_get_user_name ());
}

void
lg_store_set_person (const char *name)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&person_lock);

  g_free (person);
  person = name != NULL && *name != '\0' ? g_strdup (name) : system_person ();
}

const char *
lg_store_get_person (void)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&person_lock);

  if (person == NULL)
    person = system_person ();
  return g_intern_string (person);
}

void
lg_store_bind_person (LgStmt *stmt,
                      int     param)
{
  lg_stmt_bind_text (stmt, param, lg_store_get_person ());
}

void
lg_store_set_busy_timeouts (guint main_ms,
                            guint worker_ms)
{
  g_atomic_int_set (&main_busy_ms, (gint) MIN (main_ms, G_MAXINT));
  g_atomic_int_set (&worker_busy_ms, (gint) MIN (worker_ms, G_MAXINT));
}

/* A wait shorter than this is not worth a word on screen. */
#define WAITING_NOTICE_MS 300

/* SQLite's busy handler on a worker's connection: sleeps a little longer at
 * each retry (50 ms at most, so a freed lock is taken soon), tells once the
 * wait has grown noticeable, and gives up (SQLITE_BUSY) after timeout_ms. */
static int
on_busy (void *data,
         int   count)
{
  BusyWait *wait = data;
  gint64 now = g_get_monotonic_time ();
  gint64 waited_ms;

  if (count == 0)
    {
      wait->started = now;
      wait->told = FALSE;
    }
  waited_ms = (now - wait->started) / 1000;
  if (waited_ms >= wait->timeout_ms)
    return 0;
  if (!wait->told && waited_ms >= WAITING_NOTICE_MS && wait->tell != NULL)
    {
      wait->told = TRUE;
      wait->tell (wait->tell_data);
    }
  g_usleep (MIN (1000 << MIN (count, 6), 50000));
  return 1;
}

typedef struct
{
  char            *db_path;
  LgStoreWorkFunc  work;
  void           (*tell_waiting) (gpointer task);
} StoreWork;

static G_DEFINE_QUARK (lg-store-work, store_work)

static void
store_work_free (gpointer data)
{
  StoreWork *store_work = data;

  g_free (store_work->db_path);
  g_free (store_work);
}

static void
store_work_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  StoreWork *store_work = g_object_get_qdata (G_OBJECT (task), store_work_quark ());
  g_autoptr(LgStore) store = NULL;
  GError *error = NULL;
  gboolean ok;

  store = lg_store_open (store_work->db_path, &error);
  /* Work off the main thread may wait longer for another writer (a big
   * import) than the main thread, which must not freeze. */
  if (store != NULL)
    {
      store->busy.timeout_ms = g_atomic_int_get (&worker_busy_ms);
      store->busy.tell = store_work->tell_waiting;
      store->busy.tell_data = task;
      if (store->db != NULL)
        sqlite3_busy_handler (store->db, on_busy, &store->busy);
    }
  ok = store != NULL && store_work->work (store, source_object, task_data, cancellable, &error);
  /* Closed before the caller hears: what the work's connection held is
   * freed (and given back, lg_store_give_back_memory_on_close()) by then. */
  g_clear_object (&store);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
run_in_thread (GTask           *task,
               const char      *db_path,
               LgStoreWorkFunc  work,
               void           (*tell_waiting) (gpointer task))
{
  StoreWork *store_work;

  /* The task data is the caller's: the path and the work ride along beside it. */
  store_work = g_new0 (StoreWork, 1);
  store_work->db_path = g_strdup (db_path);
  store_work->work = work;
  store_work->tell_waiting = tell_waiting;
  g_object_set_qdata_full (G_OBJECT (task), store_work_quark (), store_work, store_work_free);
  g_task_run_in_thread (task, store_work_thread);
}

void
lg_store_give_back_memory_on_close (LgStore *self)
{
  g_return_if_fail (LG_IS_STORE (self));

  self->give_back_memory = TRUE;
}

void
lg_store_run_in_thread (GTask           *task,
                        const char      *db_path,
                        LgStoreWorkFunc  work)
{
  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (db_path != NULL);
  g_return_if_fail (work != NULL);

  run_in_thread (task, db_path, work, NULL);
}

/* The writes of lg_store_write_async(): a queue on the main thread's store,
 * each write a task run with run_in_thread() when the one before it has
 * finished. One at a time, so they land in the order asked for. */
typedef struct
{
  LgStoreWriteFunc     write;
  gpointer             data;
  GDestroyNotify       data_free;
  GAsyncReadyCallback  callback;
  gpointer             user_data;
  guint                serial;
} StoreWrite;

static void
store_write_free (gpointer data)
{
  StoreWrite *store_write = data;

  if (store_write->data_free != NULL)
    store_write->data_free (store_write->data);
  g_free (store_write);
}

static void
set_waiting (LgStore  *self,
             gboolean  waiting)
{
  if (self->waiting == waiting)
    return;
  self->waiting = waiting;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAITING]);
}

static void
set_pending_writes (LgStore *self,
                    guint    pending)
{
  self->pending_writes = pending;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING_WRITES]);
}

/* The worker's word that a write waits, on the main thread: unless that write
 * has landed meanwhile (the word and the result travel separately). */
static gboolean
show_waiting (gpointer data)
{
  GTask *task = data;
  LgStore *self = g_task_get_source_object (task);
  StoreWrite *store_write = g_task_get_task_data (task);

  if (self->writing == task && self->write_serial == store_write->serial)
    set_waiting (self, TRUE);
  return G_SOURCE_REMOVE;
}

/* Called on the worker's thread, by on_busy(). */
static void
tell_waiting (gpointer task)
{
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT, show_waiting,
                              g_object_ref (task), g_object_unref);
}

static gboolean
run_write (LgStore       *store,
           gpointer       source_object,
           gpointer       task_data,
           GCancellable  *cancellable,
           GError       **error)
{
  StoreWrite *store_write = task_data;

  return store_write->write (store, store_write->data, error);
}

static void
start_next_write (LgStore *self)
{
  GTask *task;

  if (self->writing != NULL || (task = g_queue_pop_head (&self->writes)) == NULL)
    return;
  self->writing = task;
  self->write_serial++;
  ((StoreWrite *) g_task_get_task_data (task))->serial = self->write_serial;
  run_in_thread (task, self->path, run_write, tell_waiting);
  /* The thread holds the task until the callback; writing stays valid until then. */
  g_object_unref (task);
}

static void
on_write_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  LgStore *self = LG_STORE (source);
  StoreWrite *store_write = g_task_get_task_data (G_TASK (result));

  self->writing = NULL;
  set_waiting (self, FALSE);
  if (store_write->callback != NULL)
    store_write->callback (source, result, store_write->user_data);
  /* After the callback, so that whoever waits for the writes to finish sees
   * what the callback showed. */
  set_pending_writes (self, self->pending_writes - 1);
  start_next_write (self);
}

void
lg_store_write_async (LgStore             *self,
                      LgStoreWriteFunc     write,
                      gpointer             data,
                      GDestroyNotify       data_free,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task;
  StoreWrite *store_write;

  g_return_if_fail (LG_IS_STORE (self));
  g_return_if_fail (write != NULL);

  store_write = g_new0 (StoreWrite, 1);
  store_write->write = write;
  store_write->data = data;
  store_write->data_free = data_free;
  store_write->callback = callback;
  store_write->user_data = user_data;
  /* The queue's callback, not the caller's: it starts the next write after
   * calling the caller's. The queue holds the task until it starts. */
  task = g_task_new (self, NULL, on_write_done_cb, NULL);
  g_task_set_source_tag (task, lg_store_write_async);
  g_task_set_task_data (task, store_write, store_write_free);
  g_queue_push_tail (&self->writes, task);
  set_pending_writes (self, self->pending_writes + 1);
  start_next_write (self);
}

gboolean
lg_store_write_finish (LgStore       *self,
                       GAsyncResult  *result,
                       gpointer      *data,
                       GError       **error)
{
  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lg_store_write_async, FALSE);

  if (data != NULL)
    *data = ((StoreWrite *) g_task_get_task_data (G_TASK (result)))->data;
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
lg_store_get_waiting (LgStore *self)
{
  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  return self->waiting;
}

guint
lg_store_get_pending_writes (LgStore *self)
{
  g_return_val_if_fail (LG_IS_STORE (self), 0);

  return self->pending_writes;
}

gboolean
lg_store_count_rows (LgStore     *self,
                     const char  *table,
                     gint64      *out,
                     GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  LgStmt *stmt = lg_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;

  if (lg_stmt_step (stmt) != SQLITE_ROW)
    {
      lg_store_set_error (self, error, _("Could not count rows"));
      lg_stmt_reset (stmt);
      return FALSE;
    }

  *out = lg_stmt_column_int64 (stmt, 0);
  lg_stmt_reset (stmt);
  return TRUE;
}

gboolean
lg_store_count (LgStore        *self,
                LgStoreCounts  *counts,
                GError        **error)
{
  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  return lg_store_count_rows (self, "sources", &counts->sources, error) &&
         lg_store_count_rows (self, "messages", &counts->messages, error) &&
         lg_store_count_rows (self, "leads", &counts->leads, error) &&
         lg_store_count_rows (self, "followups", &counts->followups, error) &&
         lg_store_count_rows (self, "searches", &counts->searches, error);
}

gboolean
lg_store_begin (LgStore  *self,
                GError  **error)
{
  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  return lg_store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
lg_store_read_begin (LgStore  *self,
                     GError  **error)
{
  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  return lg_store_exec (self, "BEGIN", error);
}

void
lg_store_read_end (LgStore *self)
{
  g_return_if_fail (LG_IS_STORE (self));

  /* Nothing was written, so a failed COMMIT loses nothing. */
  if (lg_store_in_transaction (self))
    lg_store_exec (self, "COMMIT", NULL);
}

gboolean
lg_store_commit (LgStore  *self,
                 GError  **error)
{
  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  if (!lg_store_exec (self, "COMMIT", error))
    {
      lg_store_rollback (self);
      return FALSE;
    }
  return TRUE;
}

void
lg_store_rollback (LgStore *self)
{
  g_return_if_fail (LG_IS_STORE (self));

  if (!lg_store_in_transaction (self))
    return;
  if (self->pg.conn != NULL)
    lg_pg_session_exec (&self->pg, "ROLLBACK");
  else
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
lg_store_step_done (LgStore      *self,
                    LgStmt *stmt,
                    const char   *what,
                    GError      **error)
{
  if (lg_stmt_step (stmt) != SQLITE_DONE)
    {
      lg_store_set_error (self, error, what);
      lg_stmt_reset (stmt);
      return FALSE;
    }
  return TRUE;
}

gboolean
lg_store_finish_rows (LgStore      *self,
                      LgStmt *stmt,
                      int           rc,
                      const char   *what,
                      GError      **error)
{
  lg_stmt_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  lg_store_set_error (self, error, what);
  return FALSE;
}

gboolean
lg_store_step_change (LgStore      *self,
                      LgStmt *stmt,
                      const char   *what,
                      const char   *not_found,
                      GError      **error)
{
  if (!lg_store_step_done (self, stmt, what, error))
    return FALSE;
  if (lg_store_changes (self) == 0)
    {
      g_set_error_literal (error, LG_STORE_ERROR, LG_STORE_ERROR_NOT_FOUND, not_found);
      return FALSE;
    }
  return TRUE;
}

gboolean
lg_store_step_one (LgStore      *self,
                   LgStmt *stmt,
                   const char   *not_found,
                   const char   *what,
                   GError      **error)
{
  int rc = lg_stmt_step (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;

  if (rc == SQLITE_DONE)
    g_set_error_literal (error, LG_STORE_ERROR, LG_STORE_ERROR_NOT_FOUND, not_found);
  else
    lg_store_set_error (self, error, what);
  /* A cached statement left mid-result would hold a read transaction. */
  lg_stmt_reset (stmt);
  return FALSE;
}

GListModel *
lg_store_collect_rows (LgStore      *self,
                       LgStmt *stmt,
                       GType         item_type,
                       LgRowReader   read_row,
                       const char   *what,
                       GError      **error)
{
  g_autoptr(GListStore) list = g_list_store_new (item_type);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = lg_stmt_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, read_row (stmt));

  if (rc != SQLITE_DONE)
    {
      lg_store_set_error (self, error, what);
      lg_stmt_reset (stmt);
      return NULL;
    }

  lg_stmt_reset (stmt);
  /* One splice, one items-changed: a view with thousands of rows updates once. */
  g_list_store_splice (list, 0, 0, rows->pdata, rows->len);
  return G_LIST_MODEL (g_steal_pointer (&list));
}
