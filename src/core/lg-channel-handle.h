/* lg-channel-handle.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reads what a user types or pastes for a public channel: "@name", "name",
 * "t.me/name", "https://t.me/s/name" or a link to a post ("t.me/name/123").
 * Returns the channel's username (without "@") and, for a post link, the
 * post's id in *post_id (0 otherwise). */
char     *lg_channel_handle_parse    (const char  *input,
                                      gint64      *post_id,
                                      GError     **error);
/* Telegram's rule for usernames: 5–32 characters, letters, digits and
 * underscores, starting with a letter. */
gboolean  lg_channel_handle_is_valid (const char  *handle);

G_END_DECLS
