/* lg-backups.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-backups"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "lg-backups.h"

/* "leadgram" for "leadgram.db": the backups are "leadgram-2026-12-06.db". */
static char *
stem_of (const char *db_path)
{
  g_autofree char *name = g_path_get_basename (db_path);

  if (g_str_has_suffix (name, ".db"))
    name[strlen (name) - 3] = '\0';
  return g_steal_pointer (&name);
}

char *
lg_backups_get_dir (const char *db_path)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (db_path != NULL, NULL);

  dir = g_path_get_dirname (db_path);
  return g_build_filename (dir, "backups", NULL);
}

GDateTime *
lg_backups_get_date (const char *backup_path)
{
  g_autofree char *name = NULL;
  gsize len;
  int y, m, d;

  g_return_val_if_fail (backup_path != NULL, NULL);

  name = g_path_get_basename (backup_path);
  len = strlen (name);
  /* NAME-YYYY-MM-DD.db */
  if (len < 14 || !g_str_has_suffix (name, ".db") ||
      sscanf (name + len - 13, "%4d-%2d-%2d.db", &y, &m, &d) != 3)
    return NULL;
  return g_date_time_new_local (y, m, d, 0, 0, 0);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  /* The names end in the date: a later one sorts after. */
  return -g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

GStrv
lg_backups_list (const char *db_path)
{
  g_autofree char *dir = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *prefix = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_return_val_if_fail (db_path != NULL, NULL);

  dir = lg_backups_get_dir (db_path);
  stem = stem_of (db_path);
  prefix = g_strconcat (stem, "-", NULL);
  listing = g_dir_open (dir, 0, NULL);
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GDateTime) date = NULL;

      if (!g_str_has_prefix (name, prefix) ||
          strlen (name) != strlen (prefix) + strlen ("YYYY-MM-DD.db") ||
          (date = lg_backups_get_date (path)) == NULL)
        continue;
      g_ptr_array_add (paths, g_steal_pointer (&path));
    }
  g_ptr_array_sort (paths, compare_newest_first);
  g_ptr_array_add (paths, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&paths), FALSE);
}

gboolean
lg_backups_take_daily (LgStore   *store,
                       gint64     now,
                       guint      keep,
                       gboolean  *taken,
                       GError   **error)
{
  const char *db_path;
  g_autoptr(GDateTime) today = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) backups = NULL;

  g_return_val_if_fail (LG_IS_STORE (store), FALSE);
  g_return_val_if_fail (keep > 0, FALSE);

  if (taken != NULL)
    *taken = FALSE;
  db_path = lg_store_get_path (store);
  dir = lg_backups_get_dir (db_path);
  today = g_date_time_new_from_unix_local (now);
  stem = stem_of (db_path);
  name = g_strdup_printf ("%s-%04d-%02d-%02d.db", stem,
                          g_date_time_get_year (today), g_date_time_get_month (today),
                          g_date_time_get_day_of_month (today));
  path = g_build_filename (dir, name, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved = errno;

          g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_OPEN,
                       _("Could not create the folder “%s” for the backups: %s."), dir,
                       g_strerror (saved));
          return FALSE;
        }
      if (!lg_store_save_copy (store, path, error))
        return FALSE;
      if (taken != NULL)
        *taken = TRUE;
    }

  backups = lg_backups_list (db_path);
  for (guint i = 0; backups[i] != NULL; i++)
    if (i >= keep)
      g_remove (backups[i]);
  return TRUE;
}

static gboolean
move_aside (const char  *from,
            const char  *to,
            GError     **error)
{
  if (!g_file_test (from, G_FILE_TEST_EXISTS) || g_rename (from, to) == 0)
    return TRUE;
  g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_OPEN,
               _("Could not move “%s” aside to restore the backup: %s. Nothing was changed."),
               from, g_strerror (errno));
  return FALSE;
}

gboolean
lg_backups_restore (const char  *db_path,
                    const char  *backup_path,
                    char       **kept,
                    GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *aside = g_strdup_printf ("%s.before-restore-%s", db_path, stamp);
  g_autofree char *incoming = g_strconcat (db_path, ".restoring", NULL);
  g_autoptr(GFile) source = NULL;
  g_autoptr(GFile) copy = NULL;
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_return_val_if_fail (db_path != NULL, FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);

  if (!g_file_test (backup_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_OPEN,
                   _("The backup “%s” is not there any more. Nothing was changed."),
                   backup_path);
      return FALSE;
    }

  /* The copy first, beside the database: if the disk is full, nothing moved. */
  source = g_file_new_for_path (backup_path);
  copy = g_file_new_for_path (incoming);
  if (!g_file_copy (source, copy, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error))
    {
      g_file_delete (copy, NULL, NULL);
      g_prefix_error (error, _("Could not copy the backup beside the database; nothing was "
                               "changed: "));
      return FALSE;
    }

  /* The database with its write-ahead log: what was not yet checkpointed
   * belongs to it. */
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (db_path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);

      if (!move_aside (from, to, error))
        {
          /* Back as it was. */
          while (i-- > 0)
            {
              g_autofree char *back = g_strconcat (db_path, suffixes[i], NULL);
              g_autofree char *moved = g_strconcat (aside, suffixes[i], NULL);

              g_rename (moved, back);
            }
          g_file_delete (copy, NULL, NULL);
          return FALSE;
        }
    }
  if (g_rename (incoming, db_path) != 0)
    {
      int saved = errno;

      /* Back as it was, rather than no database at all. */
      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *back = g_strconcat (db_path, suffixes[i], NULL);
          g_autofree char *moved = g_strconcat (aside, suffixes[i], NULL);

          g_rename (moved, back);
        }
      g_file_delete (copy, NULL, NULL);
      g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_OPEN,
                   _("Could not put the backup in place: %s. Nothing was changed."),
                   g_strerror (saved));
      return FALSE;
    }
  lg_store_forget_damage (db_path);
  if (kept != NULL)
    *kept = g_steal_pointer (&aside);
  return TRUE;
}
