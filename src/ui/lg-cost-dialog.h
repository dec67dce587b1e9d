/* lg-cost-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lg-store.h"

G_BEGIN_DECLS

/* Asks what a source cost for a month or some dates and records it, or
 * changes a recorded cost; the store then emits changed::costs. */
#define LG_TYPE_COST_DIALOG (lg_cost_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LgCostDialog, lg_cost_dialog, LG, COST_DIALOG, AdwMessageDialog)

LgCostDialog *lg_cost_dialog_new          (GtkWindow    *parent,
                                           LgStore      *store,
                                           const char   *currency);
/* The form filled in with cost, to change it; Save writes over it. */
LgCostDialog *lg_cost_dialog_new_for_cost (GtkWindow    *parent,
                                           LgStore      *store,
                                           LgCost       *cost);
/* Fills in the form for a month (1–12), as a user would. */
void          lg_cost_dialog_fill         (LgCostDialog *self,
                                           guint         source_position,
                                           int           year,
                                           int           month,
                                           const char   *amount);
/* Whether the form is complete: Add (or Save) is enabled. */
gboolean      lg_cost_dialog_can_add      (LgCostDialog *self);

G_END_DECLS
