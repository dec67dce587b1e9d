/* lg-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-source"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-source.h"

const LgSourceKind lg_source_kinds[] = {
  /* A paper plane, as Telegram's own sign. */
  { "telegram_channel", N_("Telegram channel"), N_("Telegram Channels"), "mail-send-symbolic" },
  { "telegram_export", N_("Telegram chat export"), N_("Telegram Exports"),
    "document-open-symbolic" },
  { "feed", N_("Feed"), N_("Feeds"), "application-rss+xml-symbolic" },
  { "whatsapp_export", N_("WhatsApp chat export"), N_("WhatsApp Chats"), "phone-symbolic" },
  { "discord_export", N_("Discord channel export"), N_("Discord Channels"),
    "chat-message-new-symbolic" },
  { "slack_export", N_("Slack channel export"), N_("Slack Channels"), "system-users-symbolic" },
  { "csv", N_("CSV import"), N_("CSV Imports"), "x-office-spreadsheet-symbolic" },
  { "manual", N_("Added by hand"), N_("Added by Hand"), "document-edit-symbolic" },
};

const guint lg_n_source_kinds = G_N_ELEMENTS (lg_source_kinds);

const LgSourceKind *
lg_source_kind_lookup (const char *kind)
{
  for (guint i = 0; i < lg_n_source_kinds; i++)
    if (g_strcmp0 (lg_source_kinds[i].kind, kind) == 0)
      return &lg_source_kinds[i];
  return NULL;
}

struct _LgSource
{
  GObject parent_instance;

  gint64   id;
  char *   kind;
  char *   handle;
  char *   title;
  char *   url;
  char *   sync_cursor;
  char *   backfill_cursor;
  gint64   last_sync;
  char *   last_error;
  gint64   message_count;
  gboolean sample;
  char *   etag;
  char *   modified;
  gint64   retry_at;
  int      failures;
  char *   icon_url;
};

G_DEFINE_FINAL_TYPE (LgSource, lg_source, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_HANDLE,
  PROP_TITLE,
  PROP_URL,
  PROP_SYNC_CURSOR,
  PROP_BACKFILL_CURSOR,
  PROP_LAST_SYNC,
  PROP_LAST_ERROR,
  PROP_MESSAGE_COUNT,
  PROP_SAMPLE,
  PROP_ETAG,
  PROP_MODIFIED,
  PROP_RETRY_AT,
  PROP_FAILURES,
  PROP_ICON_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lg_source_finalize (GObject *object)
{
  LgSource *self = LG_SOURCE (object);

  g_free (self->kind);
  g_free (self->handle);
  g_free (self->title);
  g_free (self->url);
  g_free (self->sync_cursor);
  g_free (self->backfill_cursor);
  g_free (self->last_error);
  g_free (self->etag);
  g_free (self->modified);
  g_free (self->icon_url);

  G_OBJECT_CLASS (lg_source_parent_class)->finalize (object);
}

static void
lg_source_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  LgSource *self = LG_SOURCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;

    case PROP_HANDLE:
      g_value_set_string (value, self->handle);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_URL:
      g_value_set_string (value, self->url);
      break;

    case PROP_SYNC_CURSOR:
      g_value_set_string (value, self->sync_cursor);
      break;

    case PROP_BACKFILL_CURSOR:
      g_value_set_string (value, self->backfill_cursor);
      break;

    case PROP_LAST_SYNC:
      g_value_set_int64 (value, self->last_sync);
      break;

    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;

    case PROP_MESSAGE_COUNT:
      g_value_set_int64 (value, self->message_count);
      break;

    case PROP_SAMPLE:
      g_value_set_boolean (value, self->sample);
      break;

    case PROP_ETAG:
      g_value_set_string (value, self->etag);
      break;

    case PROP_MODIFIED:
      g_value_set_string (value, self->modified);
      break;

    case PROP_RETRY_AT:
      g_value_set_int64 (value, self->retry_at);
      break;

    case PROP_FAILURES:
      g_value_set_int (value, self->failures);
      break;

    case PROP_ICON_URL:
      g_value_set_string (value, self->icon_url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lg_source_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  LgSource *self = LG_SOURCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      lg_source_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_KIND:
      lg_source_set_kind (self, g_value_get_string (value));
      break;

    case PROP_HANDLE:
      lg_source_set_handle (self, g_value_get_string (value));
      break;

    case PROP_TITLE:
      lg_source_set_title (self, g_value_get_string (value));
      break;

    case PROP_URL:
      lg_source_set_url (self, g_value_get_string (value));
      break;

    case PROP_SYNC_CURSOR:
      lg_source_set_sync_cursor (self, g_value_get_string (value));
      break;

    case PROP_BACKFILL_CURSOR:
      lg_source_set_backfill_cursor (self, g_value_get_string (value));
      break;

    case PROP_LAST_SYNC:
      lg_source_set_last_sync (self, g_value_get_int64 (value));
      break;

    case PROP_LAST_ERROR:
      lg_source_set_last_error (self, g_value_get_string (value));
      break;

    case PROP_MESSAGE_COUNT:
      lg_source_set_message_count (self, g_value_get_int64 (value));
      break;

    case PROP_SAMPLE:
      lg_source_set_sample (self, g_value_get_boolean (value));
      break;

    case PROP_ETAG:
      lg_source_set_etag (self, g_value_get_string (value));
      break;

    case PROP_MODIFIED:
      lg_source_set_modified (self, g_value_get_string (value));
      break;

    case PROP_RETRY_AT:
      lg_source_set_retry_at (self, g_value_get_int64 (value));
      break;

    case PROP_FAILURES:
      lg_source_set_failures (self, g_value_get_int (value));
      break;

    case PROP_ICON_URL:
      lg_source_set_icon_url (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lg_source_class_init (LgSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lg_source_finalize;
  object_class->get_property = lg_source_get_property;
  object_class->set_property = lg_source_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, "Database row id",
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, "telegram_channel, telegram_export, csv or manual",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HANDLE] =
    g_param_spec_string ("handle", NULL, "Channel username or export chat id",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, "Human-readable title",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_URL] =
    g_param_spec_string ("url", NULL, "Address of the source",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYNC_CURSOR] =
    g_param_spec_string ("sync-cursor", NULL, "Newest message id fetched",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BACKFILL_CURSOR] =
    g_param_spec_string ("backfill-cursor", NULL, "Oldest message id fetched",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_SYNC] =
    g_param_spec_int64 ("last-sync", NULL, "Last successful sync, UTC Unix seconds, 0 if never",
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, "Message of the last failed sync",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE_COUNT] =
    g_param_spec_int64 ("message-count", NULL, "Number of stored messages",
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SAMPLE] =
    g_param_spec_boolean ("sample", NULL, "Made up by the sample workspace",
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ETAG] =
    g_param_spec_string ("etag", NULL, "The feed's last ETag, for a conditional request",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_string ("modified", NULL, "The feed's last Last-Modified, for a conditional request",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RETRY_AT] =
    g_param_spec_int64 ("retry-at", NULL, "UTC time before which the feed is not fetched again",
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FAILURES] =
    g_param_spec_int ("failures", NULL, "Failed fetches in a row, for the back-off",
                      0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ICON_URL] =
    g_param_spec_string ("icon-url", NULL, "Address of the feed's picture",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lg_source_init (LgSource *self)
{
}

LgSource *
lg_source_new (void)
{
  return g_object_new (LG_TYPE_SOURCE, NULL);
}

gint64
lg_source_get_id (LgSource *self)
{
  g_return_val_if_fail (LG_IS_SOURCE (self), 0);

  return self->id;
}

const char *
lg_source_get_kind (LgSource *self)
{
  g_return_val_if_fail (LG_IS_SOURCE (self), NULL);

  return self->kind;
}

const char *
lg_source_get_handle (LgSource *self)
{
  g_return_val_if_fail (LG_IS_SOURCE (self), NULL);

  return self->handle;
}

const char *
lg_source_get_title (LgSource *self)
{
  g_return_val_if_fail (LG_IS_SOURCE (self), NULL);

  return self->title;
}

const char *
lg_source_get_url (LgSource *self)
{
  g_return_val_if_fail (LG_IS_SOURCE (self), NULL);

  return self->url;
}

const char *
lg_source_get_sync_cursor (LgSource *self)
{
  g_return_val_if_fail (LG_IS_SOURCE (self), NULL);

  return self->sync_cursor;
}

const char *
lg_source_get_backfill_cursor (LgSource *self)
{
  g_return_val_if_fail (LG_IS_SOURCE (self), NULL);

  return self->backfill_cursor;
}

gint64
lg_source_get_last_sync (LgSource *self)
{
  g_return_val_if_fail (LG_IS_SOURCE (self), 0);

  return self->last_sync;
}

const char *
lg_source_get_last_error (LgSource *self)
{
  g_return_val_if_fail (LG_IS_SOURCE (self), NULL);

  return self->last_error;
}

gint64
lg_source_get_message_count (LgSource *self)
{
  g_return_val_if_fail (LG_IS_SOURCE (self), 0);

  return self->message_count;
}

gboolean
lg_source_get_sample (LgSource *self)
{
  g_return_val_if_fail (LG_IS_SOURCE (self), FALSE);

  return self->sample;
}

const char *
lg_source_get_etag (LgSource *self)
{
  g_return_val_if_fail (LG_IS_SOURCE (self), NULL);

  return self->etag;
}

const char *
lg_source_get_modified (LgSource *self)
{
  g_return_val_if_fail (LG_IS_SOURCE (self), NULL);

  return self->modified;
}

gint64
lg_source_get_retry_at (LgSource *self)
{
  g_return_val_if_fail (LG_IS_SOURCE (self), 0);

  return self->retry_at;
}

int
lg_source_get_failures (LgSource *self)
{
  g_return_val_if_fail (LG_IS_SOURCE (self), 0);

  return self->failures;
}

const char *
lg_source_get_icon_url (LgSource *self)
{
  g_return_val_if_fail (LG_IS_SOURCE (self), NULL);

  return self->icon_url;
}

/* Only public channels and feeds are read from the web, and not the sample
 * workspace's, which exist nowhere else. */
gboolean
lg_source_can_sync (LgSource *self)
{
  g_return_val_if_fail (LG_IS_SOURCE (self), FALSE);

  return (g_strcmp0 (self->kind, "telegram_channel") == 0 ||
          g_strcmp0 (self->kind, "feed") == 0) && !self->sample;
}

void
lg_source_set_id (LgSource *self,
                 gint64 value)
{
  g_return_if_fail (LG_IS_SOURCE (self));

  if (self->id == value)
    return;

  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

void
lg_source_set_kind (LgSource *self,
                   const char *value)
{
  g_return_if_fail (LG_IS_SOURCE (self));

  if (g_strcmp0 (self->kind, value) == 0)
    return;

  g_free (self->kind);
  self->kind = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

void
lg_source_set_handle (LgSource *self,
                     const char *value)
{
  g_return_if_fail (LG_IS_SOURCE (self));

  if (g_strcmp0 (self->handle, value) == 0)
    return;

  g_free (self->handle);
  self->handle = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HANDLE]);
}

void
lg_source_set_title (LgSource *self,
                    const char *value)
{
  g_return_if_fail (LG_IS_SOURCE (self));

  if (g_strcmp0 (self->title, value) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
lg_source_set_url (LgSource *self,
                  const char *value)
{
  g_return_if_fail (LG_IS_SOURCE (self));

  if (g_strcmp0 (self->url, value) == 0)
    return;

  g_free (self->url);
  self->url = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URL]);
}

void
lg_source_set_sync_cursor (LgSource *self,
                          const char *value)
{
  g_return_if_fail (LG_IS_SOURCE (self));

  if (g_strcmp0 (self->sync_cursor, value) == 0)
    return;

  g_free (self->sync_cursor);
  self->sync_cursor = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_CURSOR]);
}

void
lg_source_set_backfill_cursor (LgSource *self,
                              const char *value)
{
  g_return_if_fail (LG_IS_SOURCE (self));

  if (g_strcmp0 (self->backfill_cursor, value) == 0)
    return;

  g_free (self->backfill_cursor);
  self->backfill_cursor = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKFILL_CURSOR]);
}

void
lg_source_set_last_sync (LgSource *self,
                        gint64 value)
{
  g_return_if_fail (LG_IS_SOURCE (self));

  if (self->last_sync == value)
    return;

  self->last_sync = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNC]);
}

void
lg_source_set_last_error (LgSource *self,
                         const char *value)
{
  g_return_if_fail (LG_IS_SOURCE (self));

  if (g_strcmp0 (self->last_error, value) == 0)
    return;

  g_free (self->last_error);
  self->last_error = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

void
lg_source_set_message_count (LgSource *self,
                            gint64 value)
{
  g_return_if_fail (LG_IS_SOURCE (self));

  if (self->message_count == value)
    return;

  self->message_count = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE_COUNT]);
}

void
lg_source_set_sample (LgSource *self,
                      gboolean  value)
{
  g_return_if_fail (LG_IS_SOURCE (self));

  value = !!value;
  if (self->sample == value)
    return;

  self->sample = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAMPLE]);
}

void
lg_source_set_etag (LgSource *self,
                    const char *value)
{
  g_return_if_fail (LG_IS_SOURCE (self));

  if (g_strcmp0 (self->etag, value) == 0)
    return;

  g_free (self->etag);
  self->etag = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ETAG]);
}

void
lg_source_set_modified (LgSource *self,
                        const char *value)
{
  g_return_if_fail (LG_IS_SOURCE (self));

  if (g_strcmp0 (self->modified, value) == 0)
    return;

  g_free (self->modified);
  self->modified = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

void
lg_source_set_retry_at (LgSource *self,
                        gint64 value)
{
  g_return_if_fail (LG_IS_SOURCE (self));

  if (self->retry_at == value)
    return;

  self->retry_at = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RETRY_AT]);
}

void
lg_source_set_failures (LgSource *self,
                        int value)
{
  g_return_if_fail (LG_IS_SOURCE (self));

  if (self->failures == value)
    return;

  self->failures = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILURES]);
}

void
lg_source_set_icon_url (LgSource *self,
                        const char *value)
{
  g_return_if_fail (LG_IS_SOURCE (self));

  if (g_strcmp0 (self->icon_url, value) == 0)
    return;

  g_free (self->icon_url);
  self->icon_url = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICON_URL]);
}

/* Field by field, not through GValues and property names: the Sources view
 * runs this for every source after each batch of syncs. */
static gboolean
update_text (LgSource    *self,
             char       **field,
             const char  *value,
             guint        prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  return TRUE;
}

static gboolean
update_number (LgSource *self,
               gint64   *field,
               gint64    value,
               guint     prop)
{
  if (*field == value)
    return FALSE;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  return TRUE;
}

gboolean
lg_source_update_from (LgSource *self,
                       LgSource *other)
{
  gboolean changed = FALSE;
  gint64 sample = self->sample;
  gint64 failures = self->failures;

  g_return_val_if_fail (LG_IS_SOURCE (self), FALSE);
  g_return_val_if_fail (LG_IS_SOURCE (other), FALSE);

  g_object_freeze_notify (G_OBJECT (self));
  changed |= update_number (self, &self->id, other->id, PROP_ID);
  changed |= update_text (self, &self->kind, other->kind, PROP_KIND);
  changed |= update_text (self, &self->handle, other->handle, PROP_HANDLE);
  changed |= update_text (self, &self->title, other->title, PROP_TITLE);
  changed |= update_text (self, &self->url, other->url, PROP_URL);
  changed |= update_text (self, &self->sync_cursor, other->sync_cursor, PROP_SYNC_CURSOR);
  changed |= update_text (self, &self->backfill_cursor, other->backfill_cursor,
                          PROP_BACKFILL_CURSOR);
  changed |= update_number (self, &self->last_sync, other->last_sync, PROP_LAST_SYNC);
  changed |= update_text (self, &self->last_error, other->last_error, PROP_LAST_ERROR);
  changed |= update_number (self, &self->message_count, other->message_count, PROP_MESSAGE_COUNT);
  changed |= update_number (self, &sample, other->sample, PROP_SAMPLE);
  changed |= update_text (self, &self->etag, other->etag, PROP_ETAG);
  changed |= update_text (self, &self->modified, other->modified, PROP_MODIFIED);
  changed |= update_number (self, &self->retry_at, other->retry_at, PROP_RETRY_AT);
  changed |= update_number (self, &failures, other->failures, PROP_FAILURES);
  changed |= update_text (self, &self->icon_url, other->icon_url, PROP_ICON_URL);
  self->sample = (gboolean) sample;
  self->failures = (int) failures;
  g_object_thaw_notify (G_OBJECT (self));
  return changed;
}
