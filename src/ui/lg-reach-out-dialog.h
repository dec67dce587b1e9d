/* lg-reach-out-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lg-store.h"

G_BEGIN_DECLS

/* Reach Out: a first message to a lead drafted from their own words and the
 * user's template, Open Chat where they are (the draft on the clipboard),
 * then "Sent?", which logs the touch and offers a follow-up in 2 days. */
#define LG_TYPE_REACH_OUT_DIALOG (lg_reach_out_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LgReachOutDialog, lg_reach_out_dialog, LG, REACH_OUT_DIALOG, AdwWindow)

/* Reads the lead (and the message that found it) off the main thread. */
LgReachOutDialog *lg_reach_out_dialog_new  (GtkWindow *parent,
                                            LgStore   *store,
                                            gint64     lead_id);
/* Opens a composer for the lead over the window widget is in. */
void              lg_reach_out_dialog_show (GtkWidget *widget,
                                            LgStore   *store,
                                            gint64     lead_id);

G_END_DECLS
