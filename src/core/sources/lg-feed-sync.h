/* lg-feed-sync.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lg-feed-preset.h"
#include "lg-store.h"

G_BEGIN_DECLS

#define LG_FEED_SYNC_INTERVAL_S 60

/* Reads feeds into the store, politely: a conditional request (ETag,
 * Last-Modified), at least a minute between two fetches of one feed, one
 * request at a time per host, a back-off after 429 (as long as Retry-After
 * says) and 5xx (doubling with each failure in a row) kept in the source so
 * the Sources view can show it, redirects followed but never from https to
 * http. A feed is read whole before anything is stored: a page that is no
 * feed or a feed cut off stores nothing. */
#define LG_TYPE_FEED_SYNC (lg_feed_sync_get_type ())
G_DECLARE_FINAL_TYPE (LgFeedSync, lg_feed_sync, LG, FEED_SYNC, GObject)

LgFeedSync *lg_feed_sync_new              (void);
/* Delays, for tests: the pause between two requests to a host, the least
 * time between two fetches of one feed (also the back-off's first step),
 * and the request timeout. */
void        lg_feed_sync_set_timing       (LgFeedSync          *self,
                                           guint                pause_ms,
                                           guint                interval_s,
                                           guint                timeout_s);

/* Adds the feed spec names (see lg_feed_preset_parse()), or finds it when
 * it is already a source. */
LgSource   *lg_feed_sync_add_feed         (LgFeedSync          *self,
                                           LgStore             *store,
                                           const char          *spec,
                                           GError             **error);

/* The same for a target a preset made (the Add Feed dialog's). */
LgSource   *lg_feed_sync_add_target       (LgFeedSync          *self,
                                           LgStore             *store,
                                           const LgFeedTarget  *target,
                                           GError             **error);

/* "Waiting until 14:05: reddit.com asked Leadgram to slow down." when the
 * source is backing off at now; NULL when it is not. */
char       *lg_feed_sync_describe_wait    (LgSource            *source,
                                           gint64               now);

/* Blocking: for worker threads and the command line. Progress is emitted
 * from the calling thread. */
gboolean    lg_feed_sync_run              (LgFeedSync          *self,
                                           LgStore             *store,
                                           gint64               source_id,
                                           GCancellable        *cancellable,
                                           guint               *n_new,
                                           GError             **error);

/* On a worker thread with its own connection to the database at db_path;
 * progress is emitted in the caller's thread-default main context. */
void        lg_feed_sync_run_async        (LgFeedSync          *self,
                                           const char          *db_path,
                                           gint64               source_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean    lg_feed_sync_run_finish       (LgFeedSync          *self,
                                           GAsyncResult        *result,
                                           guint               *n_new,
                                           GError             **error);

G_END_DECLS
