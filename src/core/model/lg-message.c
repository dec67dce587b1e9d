/* lg-message.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-message"

#include "config.h"

#include "lg-message.h"

struct _LgMessage
{
  GObject parent_instance;

  gint64   id;
  gint64   source_id;
  char *   external_id;
  char *   author_name;
  char *   author_handle;
  char *   author_id;
  gint64   sent_at;
  char *   text;
  char *   permalink;
  gint64   views;
  gboolean edited;
  char *   forwarded_from;
  char *   media_kind;
  char *   reply_to;
  char *   thread;
};

G_DEFINE_FINAL_TYPE (LgMessage, lg_message, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SOURCE_ID,
  PROP_EXTERNAL_ID,
  PROP_AUTHOR_NAME,
  PROP_AUTHOR_HANDLE,
  PROP_AUTHOR_ID,
  PROP_SENT_AT,
  PROP_TEXT,
  PROP_PERMALINK,
  PROP_VIEWS,
  PROP_EDITED,
  PROP_FORWARDED_FROM,
  PROP_MEDIA_KIND,
  PROP_REPLY_TO,
  PROP_THREAD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lg_message_finalize (GObject *object)
{
  LgMessage *self = LG_MESSAGE (object);

  g_free (self->external_id);
  g_free (self->author_name);
  g_free (self->author_handle);
  g_free (self->author_id);
  g_free (self->text);
  g_free (self->permalink);
  g_free (self->forwarded_from);
  g_free (self->media_kind);
  g_free (self->reply_to);
  g_free (self->thread);

  G_OBJECT_CLASS (lg_message_parent_class)->finalize (object);
}

static void
lg_message_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  LgMessage *self = LG_MESSAGE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_SOURCE_ID:
      g_value_set_int64 (value, self->source_id);
      break;

    case PROP_EXTERNAL_ID:
      g_value_set_string (value, self->external_id);
      break;

    case PROP_AUTHOR_NAME:
      g_value_set_string (value, self->author_name);
      break;

    case PROP_AUTHOR_HANDLE:
      g_value_set_string (value, self->author_handle);
      break;

    case PROP_AUTHOR_ID:
      g_value_set_string (value, self->author_id);
      break;

    case PROP_SENT_AT:
      g_value_set_int64 (value, self->sent_at);
      break;

    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;

    case PROP_PERMALINK:
      g_value_set_string (value, self->permalink);
      break;

    case PROP_VIEWS:
      g_value_set_int64 (value, self->views);
      break;

    case PROP_EDITED:
      g_value_set_boolean (value, self->edited);
      break;

    case PROP_FORWARDED_FROM:
      g_value_set_string (value, self->forwarded_from);
      break;

    case PROP_MEDIA_KIND:
      g_value_set_string (value, self->media_kind);
      break;

    case PROP_REPLY_TO:
      g_value_set_string (value, self->reply_to);
      break;
    case PROP_THREAD:
      g_value_set_string (value, self->thread);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lg_message_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  LgMessage *self = LG_MESSAGE (object);

  switch (prop_id)
    {
    case PROP_ID:
      lg_message_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_SOURCE_ID:
      lg_message_set_source_id (self, g_value_get_int64 (value));
      break;

    case PROP_EXTERNAL_ID:
      lg_message_set_external_id (self, g_value_get_string (value));
      break;

    case PROP_AUTHOR_NAME:
      lg_message_set_author_name (self, g_value_get_string (value));
      break;

    case PROP_AUTHOR_HANDLE:
      lg_message_set_author_handle (self, g_value_get_string (value));
      break;

    case PROP_AUTHOR_ID:
      lg_message_set_author_id (self, g_value_get_string (value));
      break;

    case PROP_SENT_AT:
      lg_message_set_sent_at (self, g_value_get_int64 (value));
      break;

    case PROP_TEXT:
      lg_message_set_text (self, g_value_get_string (value));
      break;

    case PROP_PERMALINK:
      lg_message_set_permalink (self, g_value_get_string (value));
      break;

    case PROP_VIEWS:
      lg_message_set_views (self, g_value_get_int64 (value));
      break;

    case PROP_EDITED:
      lg_message_set_edited (self, g_value_get_boolean (value));
      break;

    case PROP_FORWARDED_FROM:
      lg_message_set_forwarded_from (self, g_value_get_string (value));
      break;

    case PROP_MEDIA_KIND:
      lg_message_set_media_kind (self, g_value_get_string (value));
      break;

    case PROP_REPLY_TO:
      lg_message_set_reply_to (self, g_value_get_string (value));
      break;
    case PROP_THREAD:
      lg_message_set_thread (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lg_message_class_init (LgMessageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lg_message_finalize;
  object_class->get_property = lg_message_get_property;
  object_class->set_property = lg_message_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, "Database row id",
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE_ID] =
    g_param_spec_int64 ("source-id", NULL, "Row id of the source",
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXTERNAL_ID] =
    g_param_spec_string ("external-id", NULL, "Message id in its source",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTHOR_NAME] =
    g_param_spec_string ("author-name", NULL, "Display name of the author",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTHOR_HANDLE] =
    g_param_spec_string ("author-handle", NULL, "Username of the author",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTHOR_ID] =
    g_param_spec_string ("author-id", NULL, "Numeric id of the author in its source",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SENT_AT] =
    g_param_spec_int64 ("sent-at", NULL, "Time sent, UTC Unix seconds",
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, "Plain text",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PERMALINK] =
    g_param_spec_string ("permalink", NULL, "Link to the message",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VIEWS] =
    g_param_spec_int64 ("views", NULL, "View count, -1 if unknown",
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EDITED] =
    g_param_spec_boolean ("edited", NULL, "Whether the message was edited",
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FORWARDED_FROM] =
    g_param_spec_string ("forwarded-from", NULL, "Name of the original author of a forward",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MEDIA_KIND] =
    g_param_spec_string ("media-kind", NULL, "photo, video, voice, poll, sticker, document or none",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REPLY_TO] =
    g_param_spec_string ("reply-to", NULL, "Id of the message this one answers",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_THREAD] =
    g_param_spec_string ("thread", NULL,
                         "Title of the thread, topic or channel the message belongs to",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lg_message_init (LgMessage *self)
{
  self->views = -1;
}

LgMessage *
lg_message_new (void)
{
  return g_object_new (LG_TYPE_MESSAGE, NULL);
}

gint64
lg_message_get_id (LgMessage *self)
{
  g_return_val_if_fail (LG_IS_MESSAGE (self), 0);

  return self->id;
}

gint64
lg_message_get_source_id (LgMessage *self)
{
  g_return_val_if_fail (LG_IS_MESSAGE (self), 0);

  return self->source_id;
}

const char *
lg_message_get_external_id (LgMessage *self)
{
  g_return_val_if_fail (LG_IS_MESSAGE (self), NULL);

  return self->external_id;
}

const char *
lg_message_get_author_name (LgMessage *self)
{
  g_return_val_if_fail (LG_IS_MESSAGE (self), NULL);

  return self->author_name;
}

const char *
lg_message_get_author_handle (LgMessage *self)
{
  g_return_val_if_fail (LG_IS_MESSAGE (self), NULL);

  return self->author_handle;
}

const char *
lg_message_get_author_id (LgMessage *self)
{
  g_return_val_if_fail (LG_IS_MESSAGE (self), NULL);

  return self->author_id;
}

gint64
lg_message_get_sent_at (LgMessage *self)
{
  g_return_val_if_fail (LG_IS_MESSAGE (self), 0);

  return self->sent_at;
}

const char *
lg_message_get_text (LgMessage *self)
{
  g_return_val_if_fail (LG_IS_MESSAGE (self), NULL);

  return self->text;
}

const char *
lg_message_get_permalink (LgMessage *self)
{
  g_return_val_if_fail (LG_IS_MESSAGE (self), NULL);

  return self->permalink;
}

gint64
lg_message_get_views (LgMessage *self)
{
  g_return_val_if_fail (LG_IS_MESSAGE (self), 0);

  return self->views;
}

gboolean
lg_message_get_edited (LgMessage *self)
{
  g_return_val_if_fail (LG_IS_MESSAGE (self), FALSE);

  return self->edited;
}

const char *
lg_message_get_forwarded_from (LgMessage *self)
{
  g_return_val_if_fail (LG_IS_MESSAGE (self), NULL);

  return self->forwarded_from;
}

const char *
lg_message_get_media_kind (LgMessage *self)
{
  g_return_val_if_fail (LG_IS_MESSAGE (self), NULL);

  return self->media_kind;
}

const char *
lg_message_get_reply_to (LgMessage *self)
{
  g_return_val_if_fail (LG_IS_MESSAGE (self), NULL);

  return self->reply_to;
}

const char *
lg_message_get_thread (LgMessage *self)
{
  g_return_val_if_fail (LG_IS_MESSAGE (self), NULL);

  return self->thread;
}

void
lg_message_set_id (LgMessage *self,
                  gint64 value)
{
  g_return_if_fail (LG_IS_MESSAGE (self));

  if (self->id == value)
    return;

  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

void
lg_message_set_source_id (LgMessage *self,
                         gint64 value)
{
  g_return_if_fail (LG_IS_MESSAGE (self));

  if (self->source_id == value)
    return;

  self->source_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE_ID]);
}

void
lg_message_set_external_id (LgMessage *self,
                           const char *value)
{
  g_return_if_fail (LG_IS_MESSAGE (self));

  if (g_strcmp0 (self->external_id, value) == 0)
    return;

  g_free (self->external_id);
  self->external_id = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXTERNAL_ID]);
}

void
lg_message_set_author_name (LgMessage *self,
                           const char *value)
{
  g_return_if_fail (LG_IS_MESSAGE (self));

  if (g_strcmp0 (self->author_name, value) == 0)
    return;

  g_free (self->author_name);
  self->author_name = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHOR_NAME]);
}

void
lg_message_set_author_handle (LgMessage *self,
                             const char *value)
{
  g_return_if_fail (LG_IS_MESSAGE (self));

  if (g_strcmp0 (self->author_handle, value) == 0)
    return;

  g_free (self->author_handle);
  self->author_handle = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHOR_HANDLE]);
}

void
lg_message_set_author_id (LgMessage *self,
                         const char *value)
{
  g_return_if_fail (LG_IS_MESSAGE (self));

  if (g_strcmp0 (self->author_id, value) == 0)
    return;

  g_free (self->author_id);
  self->author_id = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHOR_ID]);
}

void
lg_message_set_sent_at (LgMessage *self,
                       gint64 value)
{
  g_return_if_fail (LG_IS_MESSAGE (self));

  if (self->sent_at == value)
    return;

  self->sent_at = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SENT_AT]);
}

void
lg_message_set_text (LgMessage *self,
                    const char *value)
{
  g_return_if_fail (LG_IS_MESSAGE (self));

  if (g_strcmp0 (self->text, value) == 0)
    return;

  g_free (self->text);
  self->text = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

void
lg_message_set_permalink (LgMessage *self,
                         const char *value)
{
  g_return_if_fail (LG_IS_MESSAGE (self));

  if (g_strcmp0 (self->permalink, value) == 0)
    return;

  g_free (self->permalink);
  self->permalink = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERMALINK]);
}

void
lg_message_set_views (LgMessage *self,
                     gint64 value)
{
  g_return_if_fail (LG_IS_MESSAGE (self));

  if (self->views == value)
    return;

  self->views = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEWS]);
}

void
lg_message_set_edited (LgMessage *self,
                      gboolean value)
{
  g_return_if_fail (LG_IS_MESSAGE (self));

  if (self->edited == value)
    return;

  self->edited = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITED]);
}

void
lg_message_set_forwarded_from (LgMessage *self,
                              const char *value)
{
  g_return_if_fail (LG_IS_MESSAGE (self));

  if (g_strcmp0 (self->forwarded_from, value) == 0)
    return;

  g_free (self->forwarded_from);
  self->forwarded_from = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FORWARDED_FROM]);
}

void
lg_message_set_media_kind (LgMessage *self,
                          const char *value)
{
  g_return_if_fail (LG_IS_MESSAGE (self));

  if (g_strcmp0 (self->media_kind, value) == 0)
    return;

  g_free (self->media_kind);
  self->media_kind = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MEDIA_KIND]);
}

void
lg_message_set_reply_to (LgMessage *self,
                        const char *value)
{
  g_return_if_fail (LG_IS_MESSAGE (self));

  if (g_strcmp0 (self->reply_to, value) == 0)
    return;

  g_free (self->reply_to);
  self->reply_to = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPLY_TO]);
}

void
lg_message_set_thread (LgMessage  *self,
                       const char *value)
{
  g_return_if_fail (LG_IS_MESSAGE (self));

  if (g_strcmp0 (self->thread, value) == 0)
    return;

  g_free (self->thread);
  self->thread = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THREAD]);
}
