/* lg-ui-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lg-store.h"

G_BEGIN_DECLS

gboolean lg_widget_add_toast  (GtkWidget    *widget,
                               AdwToast     *toast);
gboolean lg_widget_show_error (GtkWidget    *widget,
                               const GError *error);
gboolean lg_window_toast      (GtkWindow    *window,
                               const char   *text);
void     lg_window_toast_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter);
/* What a widget does once its write landed (error NULL) or failed: data is
 * the write's. Not called when the widget is gone by then. */
typedef void (*LgWidgetWriteDone) (GtkWidget    *widget,
                                   gpointer      data,
                                   const GError *error);
/* A change the user made in widget, written with lg_store_write_async() off
 * the main thread: the window keeps working while it waits for another
 * writer, and the store says it waits. When it landed, done runs, then
 * the views hear of changes (even when widget is gone by then). */
void     lg_widget_write      (GtkWidget         *widget,
                               LgStore           *store,
                               LgStoreChanges     changes,
                               LgStoreWriteFunc   write,
                               gpointer           data,
                               GDestroyNotify     data_free,
                               LgWidgetWriteDone  done);
/* Opens the workspace at @address on a worker and closes it again: does the
 * server answer, take the password, are its tables made? The task's source
 * is @source and its data the address; finish with
 * g_task_propagate_boolean(). */
void     lg_try_workspace     (gpointer             source,
                               const char          *address,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback);
void     lg_widget_set_name   (GtkWidget    *widget,
                               const char   *name);
void     lg_mnemonic_names_init (void);

void     lg_qualification_list_init (GObject            *owner,
                                     const char * const *ids,
                                     guint               n_ids);

G_END_DECLS
