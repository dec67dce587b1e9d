/* lg-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lg-application.h"
#include "lg-find-view.h"
#include "lg-pipeline-view.h"
#include "lg-followups-view.h"

G_BEGIN_DECLS

#define LG_TYPE_WINDOW (lg_window_get_type ())
G_DECLARE_FINAL_TYPE (LgWindow, lg_window, LG, WINDOW, AdwApplicationWindow)

LgWindow   *lg_window_new           (LgApplication *application);
void        lg_window_show_view     (LgWindow      *self,
                                     const char    *name);
const char *lg_window_get_view      (LgWindow      *self);
void        lg_window_open_lead     (LgWindow      *self,
                                     gint64         lead_id);
LgFindView      *lg_window_get_find_view      (LgWindow *self);
LgFollowupsView *lg_window_get_followups_view (LgWindow *self);
LgPipelineView  *lg_window_get_pipeline_view  (LgWindow *self);

G_END_DECLS
