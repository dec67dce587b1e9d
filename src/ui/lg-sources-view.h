/* lg-sources-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lg-channel-sync.h"
#include "lg-feed-sync.h"
#include "lg-store.h"

G_BEGIN_DECLS

/* The Sources page: every channel, feed and export, with their sync state; adds,
 * syncs, imports and removes them, and browses a source's messages. */
#define LG_TYPE_SOURCES_VIEW (lg_sources_view_get_type ())
G_DECLARE_FINAL_TYPE (LgSourcesView, lg_sources_view, LG, SOURCES_VIEW, AdwBin)

/* store may be NULL when the database could not be opened. base_url is the
 * telegram-base-url setting (the environment may override it). */
void           lg_sources_view_set_store        (LgSourcesView *self,
                                                 LgStore       *store,
                                                 const char    *base_url);
/* Imports a Telegram Desktop export (result.json) in the background, as the
 * file chooser of the Import action does. */
void           lg_sources_view_import_file      (LgSourcesView *self,
                                                 GFile         *file);
/* The client the view syncs channels with (NULL before a store is set);
 * tests shorten its delays. */
LgChannelSync *lg_sources_view_get_channel_sync (LgSourcesView *self);
/* The same for feeds. */
LgFeedSync    *lg_sources_view_get_feed_sync    (LgSourcesView *self);

G_END_DECLS
