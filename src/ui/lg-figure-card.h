/* lg-figure-card.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* One headline figure: its name, its value, its change against the previous
 * period (green when better, red when worse; none when there is nothing to
 * compare with) and a line of detail. The definition is the tooltip. */
#define LG_TYPE_FIGURE_CARD (lg_figure_card_get_type ())
G_DECLARE_FINAL_TYPE (LgFigureCard, lg_figure_card, LG, FIGURE_CARD, GtkBox)

void        lg_figure_card_set       (LgFigureCard *self,
                                      const char   *value,
                                      const char   *change,
                                      int           tone,
                                      const char   *detail);
const char *lg_figure_card_get_value (LgFigureCard *self);
const char *lg_figure_card_get_detail (LgFigureCard *self);
/* NULL when the card shows no change. */
const char *lg_figure_card_get_change (LgFigureCard *self);

G_END_DECLS
