/* lg-costs-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lg-store.h"

G_BEGIN_DECLS

/* The recorded costs, the latest period first, each to edit or remove (with
 * Undo); opened from Insights. */
#define LG_TYPE_COSTS_WINDOW (lg_costs_window_get_type ())
G_DECLARE_FINAL_TYPE (LgCostsWindow, lg_costs_window, LG, COSTS_WINDOW, AdwWindow)

LgCostsWindow *lg_costs_window_new        (GtkWindow     *parent,
                                           LgStore       *store);
/* The costs the list shows, as LgCost items. */
GListModel    *lg_costs_window_get_costs  (LgCostsWindow *self);

/* Imports an ad platform's spend report (lg-spend-import.h) as costs, off
 * the main thread; a toast says what it added. The Import… button's work. */
void           lg_costs_window_import      (LgCostsWindow *self,
                                            GFile         *file);

G_END_DECLS
