/* lg-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define LG_TYPE_PREFERENCES_WINDOW (lg_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (LgPreferencesWindow, lg_preferences_window, LG, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

LgPreferencesWindow *lg_preferences_window_new (GSettings  *settings,
                                                const char *database);

G_END_DECLS
