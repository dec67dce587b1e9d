/* lg-cost-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lg-store.h"

G_BEGIN_DECLS

/* Asks what a source cost for a month or some dates and records it; the store
 * then emits changed::costs. */
#define LG_TYPE_COST_DIALOG (lg_cost_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LgCostDialog, lg_cost_dialog, LG, COST_DIALOG, AdwMessageDialog)

LgCostDialog *lg_cost_dialog_new          (GtkWindow    *parent,
                                           LgStore      *store,
                                           const char   *currency);
/* Fills in the form for a month, as a user would. */
void          lg_cost_dialog_fill         (LgCostDialog *self,
                                           guint         source_position,
                                           const char   *month,
                                           const char   *amount);
gboolean      lg_cost_dialog_can_add      (LgCostDialog *self);

G_END_DECLS
