/* lg-ui-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

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
void     lg_widget_set_name   (GtkWidget    *widget,
                               const char   *name);
void     lg_mnemonic_names_init (void);

void     lg_qualification_list_init (GObject            *owner,
                                     const char * const *ids,
                                     guint               n_ids);

G_END_DECLS
