/* lg-new-lead-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lg-lead.h"

G_BEGIN_DECLS

/* "New Lead": name, Telegram username, email, phone and value, checked as
 * they are typed; Create stays off until they make a valid lead. The board
 * writes the lead on the "create" response. */
#define LG_TYPE_NEW_LEAD_DIALOG (lg_new_lead_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LgNewLeadDialog, lg_new_lead_dialog, LG, NEW_LEAD_DIALOG, AdwMessageDialog)

LgNewLeadDialog *lg_new_lead_dialog_new      (GtkWindow        *parent);
/* The lead the fields describe, or NULL with error saying what is wrong. */
LgLead          *lg_new_lead_dialog_dup_lead (LgNewLeadDialog  *self,
                                              GError          **error);

G_END_DECLS
