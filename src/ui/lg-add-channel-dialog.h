/* lg-add-channel-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lg-channel-sync.h"

G_BEGIN_DECLS

/* "Add Channel": a public Telegram channel's name or link, checked as it is
 * typed (Add stays off until it parses), and how far back to read it. The
 * Sources view adds the channel on the "add" response. */
#define LG_TYPE_ADD_CHANNEL_DIALOG (lg_add_channel_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LgAddChannelDialog, lg_add_channel_dialog, LG, ADD_CHANNEL_DIALOG,
                      AdwMessageDialog)

LgAddChannelDialog *lg_add_channel_dialog_new         (GtkWindow          *parent);
/* What the user typed: a name or link for lg_channel_sync_add_channel(). */
const char         *lg_add_channel_dialog_get_channel (LgAddChannelDialog *self);
/* How far back the first sync reads, as chosen, from now. */
void                lg_add_channel_dialog_get_depth   (LgAddChannelDialog *self,
                                                       LgSyncDepth        *depth);

G_END_DECLS
