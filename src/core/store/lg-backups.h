/* lg-backups.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Automatic backups: one copy of the database a day (VACUUM INTO, consistent
 * while the app runs), the last few kept in a "backups" folder beside it, to
 * go back to after a mistake or a damaged disk. The copies taken before each
 * schema upgrade (DATABASE.vN.bak) are the store's own.
 */

#pragma once

#include "lg-store.h"

G_BEGIN_DECLS

#define LG_BACKUPS_DEFAULT_KEEP 7

/* The folder the automatic backups of @db_path go to. */
char      *lg_backups_get_dir    (const char  *db_path);

/* Takes today's backup of @store (the local date of @now, Unix seconds) unless
 * there is one already, then removes all but the newest @keep. *@taken (may be
 * NULL) tells whether it wrote one. Slow on a big database: run it on a
 * worker. */
gboolean   lg_backups_take_daily (LgStore     *store,
                                  gint64       now,
                                  guint        keep,
                                  gboolean    *taken,
                                  GError     **error);

/* The automatic backups of @db_path, newest first: their paths. */
GStrv      lg_backups_list       (const char  *db_path);
/* The day a backup was taken, from its name ("2026-12-06"), or NULL. */
GDateTime *lg_backups_get_date   (const char  *backup_path);

/* Puts @backup_path in the place of the database at @db_path, which no
 * connection may have open. The database as it was is kept beside it (its
 * name is returned in *@kept, may be NULL), with its -wal and -shm files. */
gboolean   lg_backups_restore    (const char  *db_path,
                                  const char  *backup_path,
                                  char       **kept,
                                  GError     **error);

G_END_DECLS
