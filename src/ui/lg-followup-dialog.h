/* lg-followup-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lg-followup-time.h"
#include "lg-store.h"

G_BEGIN_DECLS

/* "Schedule Follow-up": when (in 1 hour, tomorrow morning, next week or a
 * custom date and time), kind and note, for one lead or, with lead id 0, a
 * lead picked from a searchable list. It writes the follow-up itself and
 * emits "scheduled". */
#define LG_TYPE_FOLLOWUP_DIALOG (lg_followup_dialog_get_type ())
G_DECLARE_FINAL_TYPE (LgFollowupDialog, lg_followup_dialog, LG, FOLLOWUP_DIALOG, AdwWindow)

LgFollowupDialog *lg_followup_dialog_new              (LgStore          *store,
                                                       gint64            lead_id);

/* Makes the lead the follow-up is for, on the worker that writes the
 * follow-up (store is that worker's connection), just before it; returns its
 * id, or 0 with error set. Called again if the follow-up's write fails and
 * the user schedules again. */
typedef gint64 (*LgFollowupLeadFunc) (LgStore   *store,
                                      gpointer   data,
                                      GError   **error);

/* A follow-up for someone not in the pipeline (@name, @handle may be NULL):
 * @make_lead adds them when the follow-up is scheduled, not before. @data
 * (no widgets in it) is freed with @destroy on either thread, once the
 * dialog and its writes are done with it. "scheduled"'s follow-up has the
 * new lead's id. */
LgFollowupDialog *lg_followup_dialog_new_for_person   (LgStore            *store,
                                                       const char         *name,
                                                       const char         *handle,
                                                       LgFollowupLeadFunc  make_lead,
                                                       gpointer            data,
                                                       GDestroyNotify      destroy);
/* Asks for the next step after `done`: its kind is preselected and it is shown. */
void              lg_followup_dialog_set_previous     (LgFollowupDialog *self,
                                                       LgFollowup       *done);
gint64            lg_followup_dialog_get_lead_id      (LgFollowupDialog *self);
/* Preselects a quick choice (the default is tomorrow morning) or the note. */
void              lg_followup_dialog_set_quick        (LgFollowupDialog *self,
                                                       LgFollowupQuick   quick);
void              lg_followup_dialog_set_note         (LgFollowupDialog *self,
                                                       const char       *note);

/* What a widget does once a follow-up it marked done has landed. */
typedef void (*LgFollowupLanded) (GtkWidget *widget,
                                  gint64     followup_id);
/* Marks a follow-up done off the main thread (lg_widget_write()); once that
 * has landed, calls landed (may be NULL) and, unless its lead is won or
 * lost, asks for the next step with a dialog over widget's window. An error
 * shows in a toast of widget. */
void              lg_followup_dialog_complete         (GtkWidget        *widget,
                                                       LgStore          *store,
                                                       gint64            followup_id,
                                                       LgFollowupLanded  landed);
/* The same without a widget or a dialog: finish returns the completed
 * follow-up when its lead wants a next step (neither won nor lost), else
 * NULL (error set on failure), and tells the views. */
void              lg_followup_dialog_complete_async   (LgStore             *store,
                                                       gint64               followup_id,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
LgFollowup       *lg_followup_dialog_complete_finish  (LgStore          *store,
                                                       GAsyncResult     *result,
                                                       GError          **error);
/* Asks for the next step after done with a dialog over parent, and returns it. */
LgFollowupDialog *lg_followup_dialog_ask_next         (LgStore          *store,
                                                       LgFollowup       *done,
                                                       GtkWindow        *parent);

G_END_DECLS
