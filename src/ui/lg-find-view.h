/* lg-find-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lg-store.h"

G_BEGIN_DECLS

/* The Find Leads page: the offer and its filters, the ranked results to work
 * through (add to pipeline, dismiss, thumbs, open, copy), saved searches,
 * CSV export, and the first-run page with the sample workspace. */
#define LG_TYPE_FIND_VIEW (lg_find_view_get_type ())
G_DECLARE_FINAL_TYPE (LgFindView, lg_find_view, LG, FIND_VIEW, AdwBin)

/* store may be NULL when the database could not be opened. */
void        lg_find_view_set_store   (LgFindView *self,
                                      LgStore    *store);
/* Puts @offer in the offer field and searches, as the Search button does. */
void        lg_find_view_search      (LgFindView *self,
                                      const char *offer);
/* The results shown (LgSearchResult), best first. */
GListModel *lg_find_view_get_results (LgFindView *self);
/* A search runs, or its results are still being added to the list. */
gboolean    lg_find_view_is_running  (LgFindView *self);
/* Whether what the view shows of the store (its sources, the sample
 * banner) is being read, on a worker. */
gboolean    lg_find_view_get_refreshing (LgFindView *self);

G_END_DECLS
