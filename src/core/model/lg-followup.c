/* lg-followup.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-followup"

#include "config.h"

#include "lg-followup.h"

struct _LgFollowup
{
  GObject parent_instance;

  gint64   id;
  gint64   lead_id;
  gint64   due_at;
  char *   kind;
  char *   note;
  gint64   done_at;
  gint64   snoozed_until;
  gboolean stay_in_touch;
  char *   lead_name;
};

G_DEFINE_FINAL_TYPE (LgFollowup, lg_followup, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_LEAD_ID,
  PROP_DUE_AT,
  PROP_KIND,
  PROP_NOTE,
  PROP_DONE_AT,
  PROP_SNOOZED_UNTIL,
  PROP_STAY_IN_TOUCH,
  PROP_LEAD_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lg_followup_finalize (GObject *object)
{
  LgFollowup *self = LG_FOLLOWUP (object);

  g_free (self->kind);
  g_free (self->note);
  g_free (self->lead_name);

  G_OBJECT_CLASS (lg_followup_parent_class)->finalize (object);
}

static void
lg_followup_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  LgFollowup *self = LG_FOLLOWUP (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_LEAD_ID:
      g_value_set_int64 (value, self->lead_id);
      break;

    case PROP_DUE_AT:
      g_value_set_int64 (value, self->due_at);
      break;

    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;

    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;

    case PROP_DONE_AT:
      g_value_set_int64 (value, self->done_at);
      break;

    case PROP_SNOOZED_UNTIL:
      g_value_set_int64 (value, self->snoozed_until);
      break;

    case PROP_STAY_IN_TOUCH:
      g_value_set_boolean (value, self->stay_in_touch);
      break;

    case PROP_LEAD_NAME:
      g_value_set_string (value, self->lead_name);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lg_followup_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  LgFollowup *self = LG_FOLLOWUP (object);

  switch (prop_id)
    {
    case PROP_ID:
      lg_followup_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_LEAD_ID:
      lg_followup_set_lead_id (self, g_value_get_int64 (value));
      break;

    case PROP_DUE_AT:
      lg_followup_set_due_at (self, g_value_get_int64 (value));
      break;

    case PROP_KIND:
      lg_followup_set_kind (self, g_value_get_string (value));
      break;

    case PROP_NOTE:
      lg_followup_set_note (self, g_value_get_string (value));
      break;

    case PROP_DONE_AT:
      lg_followup_set_done_at (self, g_value_get_int64 (value));
      break;

    case PROP_SNOOZED_UNTIL:
      lg_followup_set_snoozed_until (self, g_value_get_int64 (value));
      break;

    case PROP_STAY_IN_TOUCH:
      lg_followup_set_stay_in_touch (self, g_value_get_boolean (value));
      break;

    case PROP_LEAD_NAME:
      lg_followup_set_lead_name (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lg_followup_class_init (LgFollowupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lg_followup_finalize;
  object_class->get_property = lg_followup_get_property;
  object_class->set_property = lg_followup_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, "Database row id",
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEAD_ID] =
    g_param_spec_int64 ("lead-id", NULL, "Row id of the lead",
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DUE_AT] =
    g_param_spec_int64 ("due-at", NULL, "Due time, UTC Unix seconds",
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, "call, message, email or meeting",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, "What to do",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DONE_AT] =
    g_param_spec_int64 ("done-at", NULL, "Completion time, 0 if open",
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SNOOZED_UNTIL] =
    g_param_spec_int64 ("snoozed-until", NULL, "Snoozed until, UTC Unix seconds, 0 if not snoozed",
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STAY_IN_TOUCH] =
    g_param_spec_boolean ("stay-in-touch", NULL,
                          "Kept by the lead's stay-in-touch rule, rescheduled on each touch",
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEAD_NAME] =
    g_param_spec_string ("lead-name", NULL, "The lead's name, read with the row for display",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lg_followup_init (LgFollowup *self)
{
}

LgFollowup *
lg_followup_new (void)
{
  return g_object_new (LG_TYPE_FOLLOWUP, NULL);
}

gint64
lg_followup_get_id (LgFollowup *self)
{
  g_return_val_if_fail (LG_IS_FOLLOWUP (self), 0);

  return self->id;
}

gint64
lg_followup_get_lead_id (LgFollowup *self)
{
  g_return_val_if_fail (LG_IS_FOLLOWUP (self), 0);

  return self->lead_id;
}

gint64
lg_followup_get_due_at (LgFollowup *self)
{
  g_return_val_if_fail (LG_IS_FOLLOWUP (self), 0);

  return self->due_at;
}

const char *
lg_followup_get_kind (LgFollowup *self)
{
  g_return_val_if_fail (LG_IS_FOLLOWUP (self), NULL);

  return self->kind;
}

const char *
lg_followup_get_note (LgFollowup *self)
{
  g_return_val_if_fail (LG_IS_FOLLOWUP (self), NULL);

  return self->note;
}

gint64
lg_followup_get_done_at (LgFollowup *self)
{
  g_return_val_if_fail (LG_IS_FOLLOWUP (self), 0);

  return self->done_at;
}

gint64
lg_followup_get_snoozed_until (LgFollowup *self)
{
  g_return_val_if_fail (LG_IS_FOLLOWUP (self), 0);

  return self->snoozed_until;
}

gboolean
lg_followup_get_stay_in_touch (LgFollowup *self)
{
  g_return_val_if_fail (LG_IS_FOLLOWUP (self), FALSE);

  return self->stay_in_touch;
}

const char *
lg_followup_get_lead_name (LgFollowup *self)
{
  g_return_val_if_fail (LG_IS_FOLLOWUP (self), NULL);

  return self->lead_name;
}

/* The time it is due now: the snooze, when there is one, else the due time. */
gint64
lg_followup_get_effective_due_at (LgFollowup *self)
{
  g_return_val_if_fail (LG_IS_FOLLOWUP (self), 0);

  return MAX (self->due_at, self->snoozed_until);
}

void
lg_followup_set_id (LgFollowup *self,
                   gint64 value)
{
  g_return_if_fail (LG_IS_FOLLOWUP (self));

  if (self->id == value)
    return;

  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

void
lg_followup_set_lead_id (LgFollowup *self,
                        gint64 value)
{
  g_return_if_fail (LG_IS_FOLLOWUP (self));

  if (self->lead_id == value)
    return;

  self->lead_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEAD_ID]);
}

void
lg_followup_set_due_at (LgFollowup *self,
                       gint64 value)
{
  g_return_if_fail (LG_IS_FOLLOWUP (self));

  if (self->due_at == value)
    return;

  self->due_at = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUE_AT]);
}

void
lg_followup_set_kind (LgFollowup *self,
                     const char *value)
{
  g_return_if_fail (LG_IS_FOLLOWUP (self));

  if (g_strcmp0 (self->kind, value) == 0)
    return;

  g_free (self->kind);
  self->kind = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

void
lg_followup_set_note (LgFollowup *self,
                     const char *value)
{
  g_return_if_fail (LG_IS_FOLLOWUP (self));

  if (g_strcmp0 (self->note, value) == 0)
    return;

  g_free (self->note);
  self->note = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

void
lg_followup_set_done_at (LgFollowup *self,
                        gint64 value)
{
  g_return_if_fail (LG_IS_FOLLOWUP (self));

  if (self->done_at == value)
    return;

  self->done_at = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE_AT]);
}

void
lg_followup_set_snoozed_until (LgFollowup *self,
                              gint64 value)
{
  g_return_if_fail (LG_IS_FOLLOWUP (self));

  if (self->snoozed_until == value)
    return;

  self->snoozed_until = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNOOZED_UNTIL]);
}

void
lg_followup_set_stay_in_touch (LgFollowup *self,
                               gboolean    value)
{
  g_return_if_fail (LG_IS_FOLLOWUP (self));

  value = !!value;
  if (self->stay_in_touch == value)
    return;

  self->stay_in_touch = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAY_IN_TOUCH]);
}

void
lg_followup_set_lead_name (LgFollowup *self,
                           const char *value)
{
  g_return_if_fail (LG_IS_FOLLOWUP (self));

  if (g_strcmp0 (self->lead_name, value) == 0)
    return;

  g_free (self->lead_name);
  self->lead_name = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEAD_NAME]);
}
