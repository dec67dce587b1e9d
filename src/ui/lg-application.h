/* lg-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lg-followup-scheduler.h"
#include "lg-store.h"

G_BEGIN_DECLS

#define LG_TYPE_APPLICATION (lg_application_get_type ())
G_DECLARE_FINAL_TYPE (LgApplication, lg_application, LG, APPLICATION, AdwApplication)

LgApplication *lg_application_new            (void);
LgStore       *lg_application_get_store      (LgApplication *self);
GSettings     *lg_application_get_settings   (LgApplication *self);
/* The database's path, and the backup to put in its place once the app has
 * quit (main() does it, then starts Leadgram again), or NULL. */
const char    *lg_application_get_db_path         (LgApplication *self);
const char    *lg_application_get_pending_restore (LgApplication *self);
/* Whether Leadgram is to start again once quit (a team's server answers
 * again). */
gboolean       lg_application_get_pending_restart (LgApplication *self);
GDateTime     *lg_application_get_offline_since    (LgApplication *self);
LgFollowupScheduler *lg_application_get_scheduler (LgApplication *self);

G_END_DECLS
