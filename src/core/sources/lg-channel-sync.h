/* lg-channel-sync.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lg-store.h"

G_BEGIN_DECLS

/* How far back a sync reads: a number of messages, a date, or neither (only
 * what is new since the last sync, and the newest page the first time). */
typedef struct
{
  guint  count;  /* keep at least this many of the newest messages; 0: no limit by count */
  gint64 since;  /* back to this UTC time; 0: no limit by date */
} LgSyncDepth;

#define LG_CHANNEL_SYNC_DEFAULT_DEPTH 100

/* Reads public channels from the t.me web preview into the store, politely:
 * one request at a time per host, a pause between requests, backoff that
 * honours Retry-After on 429 and 5xx, a timeout, a User-Agent naming the
 * app, and cancellation at any moment. Each page is one transaction, so a
 * sync that fails keeps what it stored before. */
#define LG_TYPE_CHANNEL_SYNC (lg_channel_sync_get_type ())
G_DECLARE_FINAL_TYPE (LgChannelSync, lg_channel_sync, LG, CHANNEL_SYNC, GObject)

/* The environment variable LEADGRAM_TELEGRAM_BASE_URL wins over the setting,
 * which wins over https://t.me. */
char          *lg_channel_sync_resolve_base_url (const char           *setting);
/* Whether a fetch may follow a redirect to target: only to base_url's host
 * and port, and to https unless base_url itself is plain http (a test server
 * on the loopback). Else FALSE with an error of LG_SOURCES_ERROR_REDIRECTED. */
gboolean       lg_channel_sync_check_redirect   (const char           *base_url,
                                                 const char           *target,
                                                 GError              **error);

LgChannelSync *lg_channel_sync_new              (const char           *base_url);
const char    *lg_channel_sync_get_base_url     (LgChannelSync        *self);
/* Delays, for tests: the pause between two requests to a host, the length
 * of one second of Retry-After and of backoff, and the request timeout. */
void           lg_channel_sync_set_timing       (LgChannelSync        *self,
                                                 guint                 pause_ms,
                                                 guint                 retry_unit_ms,
                                                 guint                 timeout_s);

/* Adds the channel @input names (see lg_channel_handle_parse()), or finds
 * it when it is already a source. */
LgSource      *lg_channel_sync_add_channel      (LgChannelSync        *self,
                                                 LgStore              *store,
                                                 const char           *input,
                                                 GError              **error);

/* Blocking: for worker threads and the command line. Progress is emitted
 * from the calling thread. */
gboolean       lg_channel_sync_run              (LgChannelSync        *self,
                                                 LgStore              *store,
                                                 gint64                source_id,
                                                 const LgSyncDepth    *depth,
                                                 GCancellable         *cancellable,
                                                 guint                *n_new,
                                                 GError              **error);

/* On a worker thread with its own connection to the database at db_path;
 * progress is emitted in the caller's thread-default main context. */
void           lg_channel_sync_run_async        (LgChannelSync        *self,
                                                 const char           *db_path,
                                                 gint64                source_id,
                                                 const LgSyncDepth    *depth,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean       lg_channel_sync_run_finish       (LgChannelSync        *self,
                                                 GAsyncResult         *result,
                                                 guint                *n_new,
                                                 GError              **error);

G_END_DECLS
