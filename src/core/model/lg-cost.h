/* lg-cost.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What a source cost over [period-start, period-end), in minor units of a
 * three-letter currency: one row of the store's costs, as a GObject so lists
 * can show it and Undo can put it back. */
#define LG_TYPE_COST (lg_cost_get_type ())
G_DECLARE_FINAL_TYPE (LgCost, lg_cost, LG, COST, GObject)

LgCost     *lg_cost_new              (void);

gint64      lg_cost_get_id           (LgCost     *self);
gint64      lg_cost_get_source_id    (LgCost     *self);
const char *lg_cost_get_source_title (LgCost     *self);
gint64      lg_cost_get_period_start (LgCost     *self);
gint64      lg_cost_get_period_end   (LgCost     *self);
gint64      lg_cost_get_amount       (LgCost     *self);
const char *lg_cost_get_currency     (LgCost     *self);
const char *lg_cost_get_note         (LgCost     *self);

void        lg_cost_set_id           (LgCost     *self,
                                      gint64      value);
void        lg_cost_set_source_id    (LgCost     *self,
                                      gint64      value);
void        lg_cost_set_source_title (LgCost     *self,
                                      const char *value);
void        lg_cost_set_period_start (LgCost     *self,
                                      gint64      value);
void        lg_cost_set_period_end   (LgCost     *self,
                                      gint64      value);
void        lg_cost_set_amount       (LgCost     *self,
                                      gint64      value);
void        lg_cost_set_currency     (LgCost     *self,
                                      const char *value);
void        lg_cost_set_note         (LgCost     *self,
                                      const char *value);

G_END_DECLS
