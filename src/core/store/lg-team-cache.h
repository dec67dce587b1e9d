/* lg-team-cache.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lg-store.h"

G_BEGIN_DECLS

/* A copy of a team workspace in a SQLite file of the user's cache folder,
 * for the app to show, read-only, when the server cannot be reached. */
#define LG_TYPE_TEAM_CACHE (lg_team_cache_get_type ())
G_DECLARE_FINAL_TYPE (LgTeamCache, lg_team_cache, LG, TEAM_CACHE, GObject)

/* Where the copy of the team workspace at @address is kept (the folder
 * may not exist yet). */
char        *lg_team_cache_path     (const char    *address);
/* When the copy of the team workspace at @address was written, NULL when
 * there is none. */
GDateTime   *lg_team_cache_get_time (const char    *address);
/* Writes a new copy of @team (a team workspace's store) into a new file,
 * which replaces the old copy once it is whole: a failed or cancelled copy
 * leaves the old one. */
gboolean     lg_team_cache_write    (LgStore       *team,
                                     GCancellable  *cancellable,
                                     GError       **error);

/* Keeps the copy of @store, a team workspace, fresh while it lives: a copy
 * now, on a worker, then one at most every @interval seconds (or ten times
 * as long as the last copy took) while the workspace changes ("written"
 * once each has landed). */
LgTeamCache *lg_team_cache_new      (LgStore       *store,
                                     guint          interval);
/* Writes the copy on this thread, over a connection of its own, if the
 * workspace changed since the last one began: for the app's quit, when no
 * window waits for it. */
gboolean     lg_team_cache_flush    (LgTeamCache   *self,
                                     GError       **error);

G_END_DECLS
