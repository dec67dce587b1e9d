/* lg-source.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A place messages or leads come from: a public channel, a chat export, a CSV file or manual entry: one row of the store, as a GObject so lists and bindings can use it. */
#define LG_TYPE_SOURCE (lg_source_get_type ())
G_DECLARE_FINAL_TYPE (LgSource, lg_source, LG, SOURCE, GObject)

LgSource *lg_source_new (void);

gint64      lg_source_get_id (LgSource *self);
const char *lg_source_get_kind (LgSource *self);
const char *lg_source_get_handle (LgSource *self);
const char *lg_source_get_title (LgSource *self);
const char *lg_source_get_url (LgSource *self);
const char *lg_source_get_sync_cursor (LgSource *self);
const char *lg_source_get_backfill_cursor (LgSource *self);
gint64      lg_source_get_last_sync (LgSource *self);
const char *lg_source_get_last_error (LgSource *self);
gint64      lg_source_get_message_count (LgSource *self);
gboolean    lg_source_get_sample (LgSource *self);
const char *lg_source_get_etag (LgSource *self);
const char *lg_source_get_modified (LgSource *self);
gint64      lg_source_get_retry_at (LgSource *self);
int         lg_source_get_failures (LgSource *self);
const char *lg_source_get_icon_url (LgSource *self);
gboolean    lg_source_can_sync (LgSource *self);

void        lg_source_set_id (LgSource *self, gint64 value);
void        lg_source_set_kind (LgSource *self, const char *value);
void        lg_source_set_handle (LgSource *self, const char *value);
void        lg_source_set_title (LgSource *self, const char *value);
void        lg_source_set_url (LgSource *self, const char *value);
void        lg_source_set_sync_cursor (LgSource *self, const char *value);
void        lg_source_set_backfill_cursor (LgSource *self, const char *value);
void        lg_source_set_last_sync (LgSource *self, gint64 value);
void        lg_source_set_last_error (LgSource *self, const char *value);
void        lg_source_set_message_count (LgSource *self, gint64 value);
void        lg_source_set_sample (LgSource *self, gboolean value);
void        lg_source_set_etag (LgSource *self, const char *value);
void        lg_source_set_modified (LgSource *self, const char *value);
void        lg_source_set_retry_at (LgSource *self, gint64 value);
void        lg_source_set_failures (LgSource *self, int value);
void        lg_source_set_icon_url (LgSource *self, const char *value);

/* The kinds of source, in the order views list them: what people call one
 * and several of them (translate both with _()) and its symbolic icon. */
typedef struct
{
  const char *kind;       /* as stored: "telegram_channel", "feed", … */
  const char *name;       /* "Telegram channel" */
  const char *plural;     /* "Telegram Channels", a filter's heading */
  const char *icon_name;
} LgSourceKind;

extern const LgSourceKind lg_source_kinds[];
extern const guint        lg_n_source_kinds;

/* NULL for a kind this version does not know. */
const LgSourceKind *lg_source_kind_lookup (const char *kind);

G_END_DECLS
