/* lg-team-cache.c: the local copy of a team workspace. The server may be
 * away when Leadgram starts (a train, a server being upgraded): the app then
 * shows what the team had when it last looked, read-only, so nothing typed
 * meanwhile is lost. The copy is lg_store_copy_into() into a new file,
 * renamed over the last one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-team-cache"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/file.h>
#include <unistd.h>

#include "lg-team-cache.h"

struct _LgTeamCache
{
  GObject       parent_instance;

  LgStore      *store;
  guint         interval;
  guint         timeout_id;
  gboolean      dirty;    /* changed since the last copy began */
  gboolean      writing;
  gint64        started;  /* monotonic time the copy being written began */
  gint64        took;     /* how long the last copy took, in µs */
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (LgTeamCache, lg_team_cache, G_TYPE_OBJECT)

enum {
  WRITTEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

char *
lg_team_cache_path (const char *address)
{
  g_autofree char *name = NULL;
  g_autofree char *file = NULL;

  g_return_val_if_fail (address != NULL, NULL);

  /* The address names the file without showing it (a host, a role). */
  name = g_compute_checksum_for_string (G_CHECKSUM_SHA256, address, -1);
  file = g_strconcat (name, ".db", NULL);
  return g_build_filename (g_get_user_cache_dir (), "leadgram", "team", file, NULL);
}

GDateTime *
lg_team_cache_get_time (const char *address)
{
  g_autofree char *path = lg_team_cache_path (address);
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return NULL;
  return g_date_time_new_from_unix_local (st.st_mtime);
}

/* A file SQLite may have left beside a copy that was not finished. */
static void
remove_database (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

/* Removes the new copies (PATH.UUID.new, and what SQLite kept beside them)
 * of the folder: the caller made sure no one is writing one. */
static void
remove_stale_copies (const char *dir)
{
  static const char * const suffixes[] = { "-wal", "-shm", "-journal" };
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  const char *name;

  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *base = g_strdup (name);
      g_autofree char *file = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        if (g_str_has_suffix (base, suffixes[i]))
          base[strlen (base) - strlen (suffixes[i])] = '\0';
      if (!g_str_has_suffix (base, ".new") || strstr (base, ".db.") == NULL)
        continue;
      file = g_build_filename (dir, name, NULL);
      if (g_remove (file) == 0)
        g_debug ("removed %s, left by a copy that did not finish", file);
    }
}

/* A copy killed halfway (the app quit by force, the machine off) leaves its
 * new file behind, which nothing else would ever remove; but another app on
 * this machine, or this app's quit while a worker copies, may be writing
 * its own right now. Every copy holds a shared lock on the folder's lock
 * file from before it makes its new file until that is renamed or removed,
 * and the lock goes with a killed process: whoever gets the lock alone
 * knows that no one is writing, and removes every new file there. flock(),
 * not fcntl(): its locks are the open file's, so two copies in one process
 * exclude each other too, and SQLite's own fcntl() locks are left alone.
 * Returns the lock's descriptor, to close once the new file is gone; -1
 * where the lock could not be had: that copy is written all the same, and
 * nothing removed. */
static int
lock_folder (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "writing.lock", NULL);
  int fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  int rc;

  if (fd < 0)
    return -1;
  if (flock (fd, LOCK_EX | LOCK_NB) == 0)
    remove_stale_copies (dir);
  /* Made shared, or waits for another app's removal. */
  while ((rc = flock (fd, LOCK_SH)) != 0 && errno == EINTR)
    ;
  if (rc != 0)
    {
      close (fd);
      return -1;
    }
  return fd;
}

gboolean
lg_team_cache_write (LgStore       *team,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *new_path = NULL;
  g_autoptr(LgStore) copy = NULL;
  gboolean ok;
  int lock;

  g_return_val_if_fail (LG_IS_STORE (team), FALSE);
  g_return_val_if_fail (lg_store_is_team_address (lg_store_get_path (team)), FALSE);

  path = lg_team_cache_path (lg_store_get_path (team));
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not make the folder %s for the team workspace’s copy: %s"), dir,
                   g_strerror (saved_errno));
      return FALSE;
    }
  /* A name of its own: the quit's copy may start while a worker's runs. */
  lock = lock_folder (dir);
  new_path = g_strdup_printf ("%s.%s.new", path, uuid);
  copy = lg_store_open (new_path, error);
  ok = copy != NULL && lg_store_copy_into (team, copy, NULL, NULL, cancellable, error);
  g_clear_object (&copy);
  if (ok && g_rename (new_path, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not keep the team workspace’s copy in %s: %s"), path,
                   g_strerror (saved_errno));
      ok = FALSE;
    }
  if (!ok)
    remove_database (new_path);
  if (lock >= 0)
    close (lock);
  return ok;
}

static void start_write (LgTeamCache *self);

static gboolean
on_interval_cb (gpointer data)
{
  LgTeamCache *self = data;

  self->timeout_id = 0;
  start_write (self);
  return G_SOURCE_REMOVE;
}

/* A big workspace takes long to copy (100,000 messages: about 13 s): the
 * copies never take more than a tenth of the time. */
static void
schedule_write (LgTeamCache *self)
{
  guint wait = MAX (self->interval, (guint) (10 * self->took / G_USEC_PER_SEC));

  if (self->timeout_id == 0 && !self->writing)
    self->timeout_id = g_timeout_add_seconds (wait, on_interval_cb, self);
}

static gboolean
write_work (LgStore       *store,
            gpointer       source_object,
            gpointer       task_data,
            GCancellable  *cancellable,
            GError       **error)
{
  return lg_team_cache_write (store, cancellable, error);
}

static void
on_written_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  LgTeamCache *self = LG_TEAM_CACHE (object);
  g_autoptr(GError) error = NULL;

  self->writing = FALSE;
  self->took = g_get_monotonic_time () - self->started;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Nobody asked for the copy: the next one may work, and a server
       * that went away is said when it is used. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("The team workspace’s copy was not written: %s", error->message);
      self->dirty = TRUE;
    }
  else
    g_signal_emit (self, signals[WRITTEN], 0);
  if (self->dirty && !g_cancellable_is_cancelled (self->cancellable))
    schedule_write (self);
}

static void
start_write (LgTeamCache *self)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_written_cb, NULL);

  self->dirty = FALSE;
  self->writing = TRUE;
  self->started = g_get_monotonic_time ();
  lg_store_run_in_thread (task, lg_store_get_path (self->store), write_work);
}

static void
on_store_changed_cb (LgStore     *store,
                     const char  *what,
                     LgTeamCache *self)
{
  self->dirty = TRUE;
  schedule_write (self);
}

LgTeamCache *
lg_team_cache_new (LgStore *store,
                   guint    interval)
{
  LgTeamCache *self;

  g_return_val_if_fail (LG_IS_STORE (store), NULL);
  g_return_val_if_fail (interval > 0, NULL);

  self = g_object_new (LG_TYPE_TEAM_CACHE, NULL);
  self->store = g_object_ref (store);
  self->interval = interval;
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self, 0);
  start_write (self);
  return self;
}

gboolean
lg_team_cache_flush (LgTeamCache  *self,
                     GError      **error)
{
  g_autoptr(LgStore) team = NULL;

  g_return_val_if_fail (LG_IS_TEAM_CACHE (self), FALSE);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  /* A worker's copy would not land before the process ends, and it is
   * older than what this one reads. */
  if (!self->dirty && !self->writing)
    return TRUE;
  g_cancellable_cancel (self->cancellable);
  self->dirty = FALSE;
  /* A connection of its own, given up after the connect timeout when the
   * server has gone meanwhile, where the app's could wait on a dead socket. */
  team = lg_store_open (lg_store_get_path (self->store), error);
  return team != NULL && lg_team_cache_write (team, NULL, error);
}

static void
lg_team_cache_dispose (GObject *object)
{
  LgTeamCache *self = LG_TEAM_CACHE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (lg_team_cache_parent_class)->dispose (object);
}

static void
lg_team_cache_finalize (GObject *object)
{
  LgTeamCache *self = LG_TEAM_CACHE (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (lg_team_cache_parent_class)->finalize (object);
}

static void
lg_team_cache_class_init (LgTeamCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lg_team_cache_dispose;
  object_class->finalize = lg_team_cache_finalize;

  /* A copy has landed in the cache folder. */
  signals[WRITTEN] = g_signal_new ("written", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
lg_team_cache_init (LgTeamCache *self)
{
  self->cancellable = g_cancellable_new ();
}
