/* lg-month-button.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A month to pick rather than type: a button that says "December 2026" and
 * opens the twelve months of a year, with the years before and after a click
 * away. */
#define LG_TYPE_MONTH_BUTTON (lg_month_button_get_type ())
G_DECLARE_FINAL_TYPE (LgMonthButton, lg_month_button, LG, MONTH_BUTTON, GtkWidget)

GtkWidget *lg_month_button_new       (void);
/* month 1–12; notifies ::year and ::month as they change. */
void       lg_month_button_set_month (LgMonthButton *self,
                                      int            year,
                                      int            month);
int        lg_month_button_get_year  (LgMonthButton *self);
int        lg_month_button_get_month (LgMonthButton *self);
/* Goes to the shown year's month, as a click on it does. */
void       lg_month_button_pick      (LgMonthButton *self,
                                      int            month);
/* Turns the popover to another year, as its arrows do. */
void       lg_month_button_show_year (LgMonthButton *self,
                                      int            year);

G_END_DECLS
