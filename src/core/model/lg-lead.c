/* lg-lead.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A lead and its thirty-odd properties. Long only by GObject property
 * boilerplate (a getter, a setter and a pspec each); no logic to split.
 */

#define G_LOG_DOMAIN "lg-lead"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-lead.h"

struct _LgLead
{
  GObject parent_instance;

  gint64   id;
  char *   name;
  char *   telegram_handle;
  char *   telegram_id;
  char *   email;
  char *   phone;
  char *   company;
  char *   stage;
  char *   qualification;
  gint64   value;
  char *   currency;
  int      score;
  gint64   source_id;
  gint64   message_id;
  double   position;
  gint64   created_at;
  gint64   first_touch_at;
  gint64   last_touch_at;
  gint64   closed_at;
  char *   lost_reason;
  char *   notes;
  char *   furthest_stage;
  gint64   found_at;
  gint64   message_at;
  char *   source_title;
  char *   import_file;
  char *   external_id;
  char *   owner;
  gint64   next_followup_at;
  gboolean stale;
  guint    stay_in_touch_days;
};

G_DEFINE_FINAL_TYPE (LgLead, lg_lead, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_TELEGRAM_HANDLE,
  PROP_TELEGRAM_ID,
  PROP_EMAIL,
  PROP_PHONE,
  PROP_COMPANY,
  PROP_STAGE,
  PROP_QUALIFICATION,
  PROP_VALUE,
  PROP_CURRENCY,
  PROP_SCORE,
  PROP_SOURCE_ID,
  PROP_MESSAGE_ID,
  PROP_POSITION,
  PROP_CREATED_AT,
  PROP_FIRST_TOUCH_AT,
  PROP_LAST_TOUCH_AT,
  PROP_CLOSED_AT,
  PROP_LOST_REASON,
  PROP_NOTES,
  PROP_FURTHEST_STAGE,
  PROP_FOUND_AT,
  PROP_MESSAGE_AT,
  PROP_SOURCE_TITLE,
  PROP_IMPORT_FILE,
  PROP_EXTERNAL_ID,
  PROP_OWNER,
  PROP_NEXT_FOLLOWUP_AT,
  PROP_STALE,
  PROP_STAY_IN_TOUCH_DAYS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lg_lead_finalize (GObject *object)
{
  LgLead *self = LG_LEAD (object);

  g_free (self->name);
  g_free (self->telegram_handle);
  g_free (self->telegram_id);
  g_free (self->email);
  g_free (self->phone);
  g_free (self->company);
  g_free (self->stage);
  g_free (self->qualification);
  g_free (self->currency);
  g_free (self->lost_reason);
  g_free (self->notes);
  g_free (self->furthest_stage);
  g_free (self->source_title);
  g_free (self->import_file);
  g_free (self->external_id);
  g_free (self->owner);

  G_OBJECT_CLASS (lg_lead_parent_class)->finalize (object);
}

static void
lg_lead_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  LgLead *self = LG_LEAD (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_TELEGRAM_HANDLE:
      g_value_set_string (value, self->telegram_handle);
      break;

    case PROP_TELEGRAM_ID:
      g_value_set_string (value, self->telegram_id);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;

    case PROP_COMPANY:
      g_value_set_string (value, self->company);
      break;

    case PROP_STAGE:
      g_value_set_string (value, self->stage);
      break;

    case PROP_QUALIFICATION:
      g_value_set_string (value, self->qualification);
      break;

    case PROP_VALUE:
      g_value_set_int64 (value, self->value);
      break;

    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;

    case PROP_SCORE:
      g_value_set_int (value, self->score);
      break;

    case PROP_STAY_IN_TOUCH_DAYS:
      g_value_set_uint (value, self->stay_in_touch_days);
      break;

    case PROP_SOURCE_ID:
      g_value_set_int64 (value, self->source_id);
      break;

    case PROP_MESSAGE_ID:
      g_value_set_int64 (value, self->message_id);
      break;

    case PROP_POSITION:
      g_value_set_double (value, self->position);
      break;

    case PROP_CREATED_AT:
      g_value_set_int64 (value, self->created_at);
      break;

    case PROP_FIRST_TOUCH_AT:
      g_value_set_int64 (value, self->first_touch_at);
      break;

    case PROP_LAST_TOUCH_AT:
      g_value_set_int64 (value, self->last_touch_at);
      break;

    case PROP_CLOSED_AT:
      g_value_set_int64 (value, self->closed_at);
      break;

    case PROP_LOST_REASON:
      g_value_set_string (value, self->lost_reason);
      break;

    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;

    case PROP_FURTHEST_STAGE:
      g_value_set_string (value, self->furthest_stage);
      break;

    case PROP_FOUND_AT:
      g_value_set_int64 (value, self->found_at);
      break;

    case PROP_MESSAGE_AT:
      g_value_set_int64 (value, self->message_at);
      break;

    case PROP_SOURCE_TITLE:
      g_value_set_string (value, self->source_title);
      break;

    case PROP_IMPORT_FILE:
      g_value_set_string (value, self->import_file);
      break;
    case PROP_EXTERNAL_ID:
      g_value_set_string (value, self->external_id);
      break;
    case PROP_OWNER:
      g_value_set_string (value, self->owner);
      break;

    case PROP_NEXT_FOLLOWUP_AT:
      g_value_set_int64 (value, self->next_followup_at);
      break;

    case PROP_STALE:
      g_value_set_boolean (value, self->stale);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lg_lead_set_property (GObject      *object,
                     guint         prop_id,
                     const GValue *value,
                     GParamSpec   *pspec)
{
  LgLead *self = LG_LEAD (object);

  switch (prop_id)
    {
    case PROP_ID:
      lg_lead_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_NAME:
      lg_lead_set_name (self, g_value_get_string (value));
      break;

    case PROP_TELEGRAM_HANDLE:
      lg_lead_set_telegram_handle (self, g_value_get_string (value));
      break;

    case PROP_TELEGRAM_ID:
      lg_lead_set_telegram_id (self, g_value_get_string (value));
      break;

    case PROP_EMAIL:
      lg_lead_set_email (self, g_value_get_string (value));
      break;

    case PROP_PHONE:
      lg_lead_set_phone (self, g_value_get_string (value));
      break;

    case PROP_COMPANY:
      lg_lead_set_company (self, g_value_get_string (value));
      break;

    case PROP_STAGE:
      lg_lead_set_stage (self, g_value_get_string (value));
      break;

    case PROP_QUALIFICATION:
      lg_lead_set_qualification (self, g_value_get_string (value));
      break;

    case PROP_VALUE:
      lg_lead_set_value (self, g_value_get_int64 (value));
      break;

    case PROP_CURRENCY:
      lg_lead_set_currency (self, g_value_get_string (value));
      break;

    case PROP_SCORE:
      lg_lead_set_score (self, g_value_get_int (value));
      break;

    case PROP_STAY_IN_TOUCH_DAYS:
      lg_lead_set_stay_in_touch_days (self, g_value_get_uint (value));
      break;

    case PROP_SOURCE_ID:
      lg_lead_set_source_id (self, g_value_get_int64 (value));
      break;

    case PROP_MESSAGE_ID:
      lg_lead_set_message_id (self, g_value_get_int64 (value));
      break;

    case PROP_POSITION:
      lg_lead_set_position (self, g_value_get_double (value));
      break;

    case PROP_CREATED_AT:
      lg_lead_set_created_at (self, g_value_get_int64 (value));
      break;

    case PROP_FIRST_TOUCH_AT:
      lg_lead_set_first_touch_at (self, g_value_get_int64 (value));
      break;

    case PROP_LAST_TOUCH_AT:
      lg_lead_set_last_touch_at (self, g_value_get_int64 (value));
      break;

    case PROP_CLOSED_AT:
      lg_lead_set_closed_at (self, g_value_get_int64 (value));
      break;

    case PROP_LOST_REASON:
      lg_lead_set_lost_reason (self, g_value_get_string (value));
      break;

    case PROP_NOTES:
      lg_lead_set_notes (self, g_value_get_string (value));
      break;

    case PROP_FURTHEST_STAGE:
      lg_lead_set_furthest_stage (self, g_value_get_string (value));
      break;

    case PROP_FOUND_AT:
      lg_lead_set_found_at (self, g_value_get_int64 (value));
      break;

    case PROP_MESSAGE_AT:
      lg_lead_set_message_at (self, g_value_get_int64 (value));
      break;

    case PROP_SOURCE_TITLE:
      lg_lead_set_source_title (self, g_value_get_string (value));
      break;

    case PROP_IMPORT_FILE:
      lg_lead_set_import_file (self, g_value_get_string (value));
      break;
    case PROP_EXTERNAL_ID:
      lg_lead_set_external_id (self, g_value_get_string (value));
      break;
    case PROP_OWNER:
      lg_lead_set_owner (self, g_value_get_string (value));
      break;

    case PROP_NEXT_FOLLOWUP_AT:
      lg_lead_set_next_followup_at (self, g_value_get_int64 (value));
      break;

    case PROP_STALE:
      lg_lead_set_stale (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lg_lead_class_init (LgLeadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lg_lead_finalize;
  object_class->get_property = lg_lead_get_property;
  object_class->set_property = lg_lead_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, "Database row id",
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, "Name",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TELEGRAM_HANDLE] =
    g_param_spec_string ("telegram-handle", NULL, "Telegram username without @",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TELEGRAM_ID] =
    g_param_spec_string ("telegram-id", NULL, "Telegram user id",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, "Email address",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, "Phone number",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPANY] =
    g_param_spec_string ("company", NULL, "Company",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STAGE] =
    g_param_spec_string ("stage", NULL, "cold, warm, hot, won or lost",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_QUALIFICATION] =
    g_param_spec_string ("qualification", NULL, "unqualified, mql, sql or pql",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALUE] =
    g_param_spec_int64 ("value", NULL, "Deal value in minor units",
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, "ISO 4217 currency code",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SCORE] =
    g_param_spec_int ("score", NULL, "Score 0-100, -1 if none",
                      -1, 100, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE_ID] =
    g_param_spec_int64 ("source-id", NULL, "Row id of the source, 0 if none",
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE_ID] =
    g_param_spec_int64 ("message-id", NULL, "Row id of the originating message, 0 if none",
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSITION] =
    g_param_spec_double ("position", NULL, "Order inside the stage column",
                         -G_MAXDOUBLE, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CREATED_AT] =
    g_param_spec_int64 ("created-at", NULL, "Creation time, UTC Unix seconds",
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIRST_TOUCH_AT] =
    g_param_spec_int64 ("first-touch-at", NULL, "First contact, UTC Unix seconds, 0 if not yet",
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_TOUCH_AT] =
    g_param_spec_int64 ("last-touch-at", NULL, "Last contact or change, UTC Unix seconds",
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLOSED_AT] =
    g_param_spec_int64 ("closed-at", NULL, "Time won or lost, 0 if open",
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOST_REASON] =
    g_param_spec_string ("lost-reason", NULL, "Why the lead was lost",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTES] =
    g_param_spec_string ("notes", NULL, "Free-form notes",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FURTHEST_STAGE] =
    g_param_spec_string ("furthest-stage", NULL, "Furthest stage reached: cold, warm, hot or won",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOUND_AT] =
    g_param_spec_int64 ("found-at", NULL, "When the lead was found by a search, UTC Unix seconds, 0 if by hand",
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE_AT] =
    g_param_spec_int64 ("message-at", NULL, "Time of the originating message, UTC Unix seconds, 0 if none",
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE_TITLE] =
    g_param_spec_string ("source-title", NULL, "Title or handle of the source, read with the lead",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_IMPORT_FILE] =
    g_param_spec_string ("import-file", NULL, "Name of the CSV file whose import created the lead, read with the lead",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXTERNAL_ID] =
    g_param_spec_string ("external-id", NULL, "The ad platform's lead id, as the lead-form import keeps it (lg_lead_form_id_key)",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OWNER] =
    g_param_spec_string ("owner", NULL, "Who in the workspace looks after the lead: the name of whoever added it, NULL for nobody yet",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEXT_FOLLOWUP_AT] =
    g_param_spec_int64 ("next-followup-at", NULL, "Due time of the next open follow-up, 0 if none",
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STALE] =
    g_param_spec_boolean ("stale", NULL, "No touch for longer than the stage allows and no follow-up ahead",
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_STAY_IN_TOUCH_DAYS] =
    g_param_spec_uint ("stay-in-touch-days", NULL,
                       "Keep a follow-up this many days after the last touch, 0 if off",
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lg_lead_init (LgLead *self)
{
  self->score = -1;
}

LgLead *
lg_lead_new (void)
{
  return g_object_new (LG_TYPE_LEAD, NULL);
}

gint64
lg_lead_get_id (LgLead *self)
{
  g_return_val_if_fail (LG_IS_LEAD (self), 0);

  return self->id;
}

const char *
lg_lead_get_name (LgLead *self)
{
  g_return_val_if_fail (LG_IS_LEAD (self), NULL);

  return self->name;
}

const char *
lg_lead_get_telegram_handle (LgLead *self)
{
  g_return_val_if_fail (LG_IS_LEAD (self), NULL);

  return self->telegram_handle;
}

const char *
lg_lead_get_telegram_id (LgLead *self)
{
  g_return_val_if_fail (LG_IS_LEAD (self), NULL);

  return self->telegram_id;
}

const char *
lg_lead_get_email (LgLead *self)
{
  g_return_val_if_fail (LG_IS_LEAD (self), NULL);

  return self->email;
}

const char *
lg_lead_get_phone (LgLead *self)
{
  g_return_val_if_fail (LG_IS_LEAD (self), NULL);

  return self->phone;
}

const char *
lg_lead_get_company (LgLead *self)
{
  g_return_val_if_fail (LG_IS_LEAD (self), NULL);

  return self->company;
}

const char *
lg_lead_get_stage (LgLead *self)
{
  g_return_val_if_fail (LG_IS_LEAD (self), NULL);

  return self->stage;
}

const char *
lg_lead_get_qualification (LgLead *self)
{
  g_return_val_if_fail (LG_IS_LEAD (self), NULL);

  return self->qualification;
}

gint64
lg_lead_get_value (LgLead *self)
{
  g_return_val_if_fail (LG_IS_LEAD (self), 0);

  return self->value;
}

const char *
lg_lead_get_currency (LgLead *self)
{
  g_return_val_if_fail (LG_IS_LEAD (self), NULL);

  return self->currency;
}

int
lg_lead_get_score (LgLead *self)
{
  g_return_val_if_fail (LG_IS_LEAD (self), 0);

  return self->score;
}

guint
lg_lead_get_stay_in_touch_days (LgLead *self)
{
  g_return_val_if_fail (LG_IS_LEAD (self), 0);

  return self->stay_in_touch_days;
}

gint64
lg_lead_get_source_id (LgLead *self)
{
  g_return_val_if_fail (LG_IS_LEAD (self), 0);

  return self->source_id;
}

gint64
lg_lead_get_message_id (LgLead *self)
{
  g_return_val_if_fail (LG_IS_LEAD (self), 0);

  return self->message_id;
}

double
lg_lead_get_position (LgLead *self)
{
  g_return_val_if_fail (LG_IS_LEAD (self), 0);

  return self->position;
}

gint64
lg_lead_get_created_at (LgLead *self)
{
  g_return_val_if_fail (LG_IS_LEAD (self), 0);

  return self->created_at;
}

gint64
lg_lead_get_first_touch_at (LgLead *self)
{
  g_return_val_if_fail (LG_IS_LEAD (self), 0);

  return self->first_touch_at;
}

gint64
lg_lead_get_last_touch_at (LgLead *self)
{
  g_return_val_if_fail (LG_IS_LEAD (self), 0);

  return self->last_touch_at;
}

gint64
lg_lead_get_closed_at (LgLead *self)
{
  g_return_val_if_fail (LG_IS_LEAD (self), 0);

  return self->closed_at;
}

const char *
lg_lead_get_lost_reason (LgLead *self)
{
  g_return_val_if_fail (LG_IS_LEAD (self), NULL);

  return self->lost_reason;
}

const char *
lg_lead_get_notes (LgLead *self)
{
  g_return_val_if_fail (LG_IS_LEAD (self), NULL);

  return self->notes;
}

void
lg_lead_set_id (LgLead *self,
               gint64 value)
{
  g_return_if_fail (LG_IS_LEAD (self));

  if (self->id == value)
    return;

  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

void
lg_lead_set_name (LgLead *self,
                 const char *value)
{
  g_return_if_fail (LG_IS_LEAD (self));

  if (g_strcmp0 (self->name, value) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

void
lg_lead_set_telegram_handle (LgLead *self,
                            const char *value)
{
  g_return_if_fail (LG_IS_LEAD (self));

  if (g_strcmp0 (self->telegram_handle, value) == 0)
    return;

  g_free (self->telegram_handle);
  self->telegram_handle = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TELEGRAM_HANDLE]);
}

void
lg_lead_set_telegram_id (LgLead *self,
                        const char *value)
{
  g_return_if_fail (LG_IS_LEAD (self));

  if (g_strcmp0 (self->telegram_id, value) == 0)
    return;

  g_free (self->telegram_id);
  self->telegram_id = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TELEGRAM_ID]);
}

void
lg_lead_set_email (LgLead *self,
                  const char *value)
{
  g_return_if_fail (LG_IS_LEAD (self));

  if (g_strcmp0 (self->email, value) == 0)
    return;

  g_free (self->email);
  self->email = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAIL]);
}

void
lg_lead_set_phone (LgLead *self,
                  const char *value)
{
  g_return_if_fail (LG_IS_LEAD (self));

  if (g_strcmp0 (self->phone, value) == 0)
    return;

  g_free (self->phone);
  self->phone = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHONE]);
}

void
lg_lead_set_company (LgLead *self,
                    const char *value)
{
  g_return_if_fail (LG_IS_LEAD (self));

  if (g_strcmp0 (self->company, value) == 0)
    return;

  g_free (self->company);
  self->company = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPANY]);
}

void
lg_lead_set_stage (LgLead *self,
                  const char *value)
{
  g_return_if_fail (LG_IS_LEAD (self));

  if (g_strcmp0 (self->stage, value) == 0)
    return;

  g_free (self->stage);
  self->stage = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
}

void
lg_lead_set_qualification (LgLead *self,
                          const char *value)
{
  g_return_if_fail (LG_IS_LEAD (self));

  if (g_strcmp0 (self->qualification, value) == 0)
    return;

  g_free (self->qualification);
  self->qualification = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_QUALIFICATION]);
}

void
lg_lead_set_value (LgLead *self,
                  gint64 value)
{
  g_return_if_fail (LG_IS_LEAD (self));

  if (self->value == value)
    return;

  self->value = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

void
lg_lead_set_currency (LgLead *self,
                     const char *value)
{
  g_return_if_fail (LG_IS_LEAD (self));

  if (g_strcmp0 (self->currency, value) == 0)
    return;

  g_free (self->currency);
  self->currency = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENCY]);
}

void
lg_lead_set_score (LgLead *self,
                  int value)
{
  g_return_if_fail (LG_IS_LEAD (self));

  if (self->score == value)
    return;

  self->score = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCORE]);
}

void
lg_lead_set_stay_in_touch_days (LgLead *self,
                                guint   value)
{
  g_return_if_fail (LG_IS_LEAD (self));

  if (self->stay_in_touch_days == value)
    return;

  self->stay_in_touch_days = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAY_IN_TOUCH_DAYS]);
}

void
lg_lead_set_source_id (LgLead *self,
                      gint64 value)
{
  g_return_if_fail (LG_IS_LEAD (self));

  if (self->source_id == value)
    return;

  self->source_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE_ID]);
}

void
lg_lead_set_message_id (LgLead *self,
                       gint64 value)
{
  g_return_if_fail (LG_IS_LEAD (self));

  if (self->message_id == value)
    return;

  self->message_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE_ID]);
}

void
lg_lead_set_position (LgLead *self,
                     double value)
{
  g_return_if_fail (LG_IS_LEAD (self));

  if (self->position == value)
    return;

  self->position = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

void
lg_lead_set_created_at (LgLead *self,
                       gint64 value)
{
  g_return_if_fail (LG_IS_LEAD (self));

  if (self->created_at == value)
    return;

  self->created_at = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

void
lg_lead_set_first_touch_at (LgLead *self,
                           gint64 value)
{
  g_return_if_fail (LG_IS_LEAD (self));

  if (self->first_touch_at == value)
    return;

  self->first_touch_at = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_TOUCH_AT]);
}

void
lg_lead_set_last_touch_at (LgLead *self,
                          gint64 value)
{
  g_return_if_fail (LG_IS_LEAD (self));

  if (self->last_touch_at == value)
    return;

  self->last_touch_at = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_TOUCH_AT]);
}

void
lg_lead_set_closed_at (LgLead *self,
                      gint64 value)
{
  g_return_if_fail (LG_IS_LEAD (self));

  if (self->closed_at == value)
    return;

  self->closed_at = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOSED_AT]);
}

void
lg_lead_set_lost_reason (LgLead *self,
                        const char *value)
{
  g_return_if_fail (LG_IS_LEAD (self));

  if (g_strcmp0 (self->lost_reason, value) == 0)
    return;

  g_free (self->lost_reason);
  self->lost_reason = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOST_REASON]);
}

void
lg_lead_set_notes (LgLead *self,
                  const char *value)
{
  g_return_if_fail (LG_IS_LEAD (self));

  if (g_strcmp0 (self->notes, value) == 0)
    return;

  g_free (self->notes);
  self->notes = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
}

const char *
lg_lead_get_furthest_stage (LgLead *self)
{
  g_return_val_if_fail (LG_IS_LEAD (self), NULL);

  return self->furthest_stage;
}

gint64
lg_lead_get_found_at (LgLead *self)
{
  g_return_val_if_fail (LG_IS_LEAD (self), 0);

  return self->found_at;
}

gint64
lg_lead_get_message_at (LgLead *self)
{
  g_return_val_if_fail (LG_IS_LEAD (self), 0);

  return self->message_at;
}

const char *
lg_lead_get_source_title (LgLead *self)
{
  g_return_val_if_fail (LG_IS_LEAD (self), NULL);

  return self->source_title;
}

const char *
lg_lead_get_import_file (LgLead *self)
{
  g_return_val_if_fail (LG_IS_LEAD (self), NULL);

  return self->import_file;
}

gint64
lg_lead_get_next_followup_at (LgLead *self)
{
  g_return_val_if_fail (LG_IS_LEAD (self), 0);

  return self->next_followup_at;
}

gboolean
lg_lead_get_stale (LgLead *self)
{
  g_return_val_if_fail (LG_IS_LEAD (self), FALSE);

  return self->stale;
}

void
lg_lead_set_furthest_stage (LgLead *self,
                            const char *value)
{
  g_return_if_fail (LG_IS_LEAD (self));

  if (g_strcmp0 (self->furthest_stage, value) == 0)
    return;

  g_free (self->furthest_stage);
  self->furthest_stage = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FURTHEST_STAGE]);
}

void
lg_lead_set_found_at (LgLead *self,
                      gint64 value)
{
  g_return_if_fail (LG_IS_LEAD (self));

  if (self->found_at == value)
    return;

  self->found_at = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOUND_AT]);
}

void
lg_lead_set_message_at (LgLead *self,
                        gint64 value)
{
  g_return_if_fail (LG_IS_LEAD (self));

  if (self->message_at == value)
    return;

  self->message_at = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE_AT]);
}

void
lg_lead_set_source_title (LgLead *self,
                          const char *value)
{
  g_return_if_fail (LG_IS_LEAD (self));

  if (g_strcmp0 (self->source_title, value) == 0)
    return;

  g_free (self->source_title);
  self->source_title = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE_TITLE]);
}

/* What stands in for the source of a lead that has none: the file it was
 * imported from, or that it was added by hand. */
char *
lg_lead_dup_no_source_label (LgLead *self)
{
  g_return_val_if_fail (LG_IS_LEAD (self), NULL);

  if (self->import_file != NULL)
    return g_strdup_printf (_("Imported from %s"), self->import_file);
  return g_strdup (_("Added by hand"));
}

const char *
lg_lead_get_external_id (LgLead *self)
{
  g_return_val_if_fail (LG_IS_LEAD (self), NULL);

  return self->external_id;
}

void
lg_lead_set_external_id (LgLead     *self,
                         const char *value)
{
  g_return_if_fail (LG_IS_LEAD (self));

  if (g_strcmp0 (self->external_id, value) == 0)
    return;

  g_free (self->external_id);
  self->external_id = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXTERNAL_ID]);
}

const char *
lg_lead_get_owner (LgLead *self)
{
  g_return_val_if_fail (LG_IS_LEAD (self), NULL);

  return self->owner;
}

void
lg_lead_set_owner (LgLead     *self,
                   const char *value)
{
  g_return_if_fail (LG_IS_LEAD (self));

  if (g_strcmp0 (self->owner, value) == 0)
    return;

  g_free (self->owner);
  self->owner = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OWNER]);
}

void
lg_lead_set_import_file (LgLead     *self,
                         const char *value)
{
  g_return_if_fail (LG_IS_LEAD (self));

  if (g_strcmp0 (self->import_file, value) == 0)
    return;

  g_free (self->import_file);
  self->import_file = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORT_FILE]);
}

void
lg_lead_set_next_followup_at (LgLead *self,
                              gint64 value)
{
  g_return_if_fail (LG_IS_LEAD (self));

  if (self->next_followup_at == value)
    return;

  self->next_followup_at = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_FOLLOWUP_AT]);
}

void
lg_lead_set_stale (LgLead *self,
                   gboolean value)
{
  g_return_if_fail (LG_IS_LEAD (self));

  value = !!value;
  if (self->stale == value)
    return;

  self->stale = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STALE]);
}

/* What to call the lead where there is room for one line: the name, else
 * @handle, else the email or phone. Never empty. */
char *
lg_lead_dup_display_name (LgLead *self)
{
  g_return_val_if_fail (LG_IS_LEAD (self), NULL);

  if (self->name != NULL && *self->name != '\0')
    return g_strdup (self->name);
  if (self->telegram_handle != NULL && *self->telegram_handle != '\0')
    return g_strdup_printf ("@%s", self->telegram_handle);
  if (self->email != NULL && *self->email != '\0')
    return g_strdup (self->email);
  if (self->phone != NULL && *self->phone != '\0')
    return g_strdup (self->phone);
  return g_strdup_printf ("#%" G_GINT64_FORMAT, self->id);
}
