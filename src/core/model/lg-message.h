/* lg-message.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One message of a source: one row of the store, as a GObject so lists and bindings can use it. */
#define LG_TYPE_MESSAGE (lg_message_get_type ())
G_DECLARE_FINAL_TYPE (LgMessage, lg_message, LG, MESSAGE, GObject)

LgMessage *lg_message_new (void);

gint64      lg_message_get_id (LgMessage *self);
gint64      lg_message_get_source_id (LgMessage *self);
const char *lg_message_get_external_id (LgMessage *self);
const char *lg_message_get_author_name (LgMessage *self);
const char *lg_message_get_author_handle (LgMessage *self);
const char *lg_message_get_author_id (LgMessage *self);
gint64      lg_message_get_sent_at (LgMessage *self);
const char *lg_message_get_text (LgMessage *self);
const char *lg_message_get_permalink (LgMessage *self);
gint64      lg_message_get_views (LgMessage *self);
gboolean    lg_message_get_edited (LgMessage *self);
const char *lg_message_get_forwarded_from (LgMessage *self);
const char *lg_message_get_media_kind (LgMessage *self);
const char *lg_message_get_reply_to (LgMessage *self);
const char *lg_message_get_thread (LgMessage *self);

void        lg_message_set_id (LgMessage *self, gint64 value);
void        lg_message_set_source_id (LgMessage *self, gint64 value);
void        lg_message_set_external_id (LgMessage *self, const char *value);
void        lg_message_set_author_name (LgMessage *self, const char *value);
void        lg_message_set_author_handle (LgMessage *self, const char *value);
void        lg_message_set_author_id (LgMessage *self, const char *value);
void        lg_message_set_sent_at (LgMessage *self, gint64 value);
void        lg_message_set_text (LgMessage *self, const char *value);
void        lg_message_set_permalink (LgMessage *self, const char *value);
void        lg_message_set_views (LgMessage *self, gint64 value);
void        lg_message_set_edited (LgMessage *self, gboolean value);
void        lg_message_set_forwarded_from (LgMessage *self, const char *value);
void        lg_message_set_media_kind (LgMessage *self, const char *value);
void        lg_message_set_reply_to (LgMessage *self, const char *value);
void        lg_message_set_thread (LgMessage *self, const char *value);

G_END_DECLS
