/* lg-add-feed-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lg-feed-preset.h"

G_BEGIN_DECLS

/* "Add Feed": what kind of place (a subreddit, a Mastodon tag, a Discourse
 * forum, a Lemmy community, a Hacker News search, any feed's address) and
 * a field with a hint for it, checked as it is typed; Add is enabled only
 * for what makes a feed. */
#define LG_TYPE_ADD_FEED_DIALOG (lg_add_feed_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LgAddFeedDialog, lg_add_feed_dialog, LG, ADD_FEED_DIALOG, AdwMessageDialog)

LgAddFeedDialog *lg_add_feed_dialog_new        (GtkWindow       *parent);
/* The feed the chosen kind makes of what was typed (see lg_feed_preset_build()). */
gboolean         lg_add_feed_dialog_get_target (LgAddFeedDialog *self,
                                                LgFeedTarget    *target,
                                                GError         **error);

G_END_DECLS
