/* lg-import-history-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lg-store.h"

G_BEGIN_DECLS

/* The CSV imports, newest first, each with Undo. */
#define LG_TYPE_IMPORT_HISTORY_WINDOW (lg_import_history_window_get_type ())
G_DECLARE_FINAL_TYPE (LgImportHistoryWindow, lg_import_history_window, LG,
                      IMPORT_HISTORY_WINDOW, AdwWindow)

LgImportHistoryWindow *lg_import_history_window_new  (GtkWindow             *parent,
                                                      LgStore               *store);
/* Undoes an import on a worker thread, as the Undo button does once confirmed. */
void                   lg_import_history_window_undo (LgImportHistoryWindow *self,
                                                      gint64                 batch_id);
guint                  lg_import_history_window_get_n_imports (LgImportHistoryWindow *self);

G_END_DECLS
