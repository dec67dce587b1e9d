/* lg-test-ui.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers the UI tests share: finding widgets and running the main loop.
 * A library of its own so that the core tests do not link GTK.
 */

#pragma once

#include <gtk/gtk.h>

#include "lg-result-row.h"

G_BEGIN_DECLS

/* gtk_init_check(), saying why when there is no display: a UI test's main()
 * then returns 77, which meson counts as skipped. */
gboolean   lg_test_init_gtk   (void);
/* The first widget under root (root included), depth first, whose
 * gtk_widget_get_name() is name (the .ui sets it with <property name="name">). */
GtkWidget *lg_test_find_named (GtkWidget   *root,
                               const char  *name);
/* The first widget of type under root (root included), depth first, shown or not. */
GtkWidget *lg_test_find_type  (GtkWidget   *root,
                               GType        type);
/* The first GtkLabel under root (root included) that shows text: a toast's, say. */
GtkWidget *lg_test_find_label (GtkWidget   *root,
                               const char  *text);
/* The first GtkLabel under root (root included) whose text holds part: an
 * error's sentence, say. */
GtkWidget *lg_test_find_label_part (GtkWidget  *root,
                                    const char *part);
/* Clicks the button named name under root at once (a realized button's
 * "activate" clicks only after a delay). */
void       lg_test_click_named (GtkWidget  *root,
                                const char *name);
/* Runs the main loop for ms milliseconds without blocking, so that the frame
 * clock lays the lists out. */
void       lg_test_run_frames (guint        ms);
/* The row of a Find Leads list showing the result of author_key, or any
 * row showing a result when NULL. */
LgResultRow *lg_test_find_result_row (GtkWidget  *root,
                                      const char *author_key);
/* The first shown toplevel window of type (a dialog), or NULL. */
GtkWindow *lg_test_find_window (GType       type);
/* Runs the application on the database at db, as "leadgram --db DB" (not
 * unique, so beside another instance), with on_activate (LgApplication *)
 * connected after its own "activate"; returns its exit status. */
int        lg_test_run_app    (const char  *db,
                               GCallback    on_activate);

G_END_DECLS
