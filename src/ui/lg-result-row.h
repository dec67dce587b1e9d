/* lg-result-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "lg-search-result.h"

G_BEGIN_DECLS

/* What the user asks of a result from its row. */
typedef enum
{
  LG_RESULT_ACTION_ADD,
  LG_RESULT_ACTION_DISMISS,
  LG_RESULT_ACTION_THUMBS_UP,
  LG_RESULT_ACTION_THUMBS_DOWN,
  LG_RESULT_ACTION_OPEN,
  LG_RESULT_ACTION_COPY_LINK,
  LG_RESULT_ACTION_FOLLOW_UP,
  LG_RESULT_ACTION_REACH_OUT,
} LgResultAction;

/* One row of the Find Leads results: score badge, reason, where and who, the
 * excerpt with the matched words in bold, the actions, and the breakdown in a
 * popover. Emits "action" for the view to carry out. */
#define LG_TYPE_RESULT_ROW (lg_result_row_get_type ())
G_DECLARE_FINAL_TYPE (LgResultRow, lg_result_row, LG, RESULT_ROW, GtkWidget)

GtkWidget      *lg_result_row_new        (void);
/* @result may be NULL (an unbound row). @now is for the relative date. */
void            lg_result_row_set_result (LgResultRow    *self,
                                          LgSearchResult *result,
                                          gint64          now);
LgSearchResult *lg_result_row_get_result (LgResultRow    *self);
/* The search the row's score is a match for, named on its badge. */
void            lg_result_row_set_search_name (LgResultRow *self,
                                               const char  *name);

G_END_DECLS
