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
/* A Telegram id as links use it: a positive decimal integer, digits only. */
gboolean  lg_channel_handle_id_is_valid (const char *id);
/* Links to a post, built only from parts that pass the checks above (so a
 * name or id from a file or a page cannot point anywhere else); NULL when a
 * part does not. "https://t.me/HANDLE/POST" for a public channel,
 * "https://t.me/c/CHAT/POST" for a channel or supergroup by its id. */
char     *lg_channel_handle_post_link         (const char *handle,
                                               const char *post_id);
char     *lg_channel_handle_private_post_link (const char *chat_id,
                                               const char *post_id);

G_END_DECLS
