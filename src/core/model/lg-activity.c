/* lg-activity.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-activity"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-activity.h"
#include "lg-pipeline.h"

struct _LgActivity
{
  GObject parent_instance;

  gint64   id;
  gint64   lead_id;
  char *   kind;
  gint64   at;
  char *   detail;
  char *   old_value;
  char *   new_value;
  char *   author;
};

G_DEFINE_FINAL_TYPE (LgActivity, lg_activity, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_LEAD_ID,
  PROP_KIND,
  PROP_AT,
  PROP_DETAIL,
  PROP_OLD_VALUE,
  PROP_NEW_VALUE,
  PROP_AUTHOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lg_activity_finalize (GObject *object)
{
  LgActivity *self = LG_ACTIVITY (object);

  g_free (self->kind);
  g_free (self->detail);
  g_free (self->old_value);
  g_free (self->new_value);
  g_free (self->author);

  G_OBJECT_CLASS (lg_activity_parent_class)->finalize (object);
}

static void
lg_activity_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  LgActivity *self = LG_ACTIVITY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_LEAD_ID:
      g_value_set_int64 (value, self->lead_id);
      break;

    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;

    case PROP_AT:
      g_value_set_int64 (value, self->at);
      break;

    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;

    case PROP_OLD_VALUE:
      g_value_set_string (value, self->old_value);
      break;

    case PROP_NEW_VALUE:
      g_value_set_string (value, self->new_value);
      break;

    case PROP_AUTHOR:
      g_value_set_string (value, self->author);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lg_activity_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  LgActivity *self = LG_ACTIVITY (object);

  switch (prop_id)
    {
    case PROP_ID:
      lg_activity_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_LEAD_ID:
      lg_activity_set_lead_id (self, g_value_get_int64 (value));
      break;

    case PROP_KIND:
      lg_activity_set_kind (self, g_value_get_string (value));
      break;

    case PROP_AT:
      lg_activity_set_at (self, g_value_get_int64 (value));
      break;

    case PROP_DETAIL:
      lg_activity_set_detail (self, g_value_get_string (value));
      break;

    case PROP_OLD_VALUE:
      lg_activity_set_old_value (self, g_value_get_string (value));
      break;

    case PROP_NEW_VALUE:
      lg_activity_set_new_value (self, g_value_get_string (value));
      break;

    case PROP_AUTHOR:
      lg_activity_set_author (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lg_activity_class_init (LgActivityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lg_activity_finalize;
  object_class->get_property = lg_activity_get_property;
  object_class->set_property = lg_activity_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, "Database row id",
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LEAD_ID] =
    g_param_spec_int64 ("lead-id", NULL, "Row id of the lead",
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, "created, stage, note, message, import, edit, touch or followup",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AT] =
    g_param_spec_int64 ("at", NULL, "When it happened, UTC Unix seconds",
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, "What changed: a field name, a note, a reason",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OLD_VALUE] =
    g_param_spec_string ("old-value", NULL, "The value before, if any",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEW_VALUE] =
    g_param_spec_string ("new-value", NULL, "The value after, if any",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTHOR] =
    g_param_spec_string ("author", NULL, "Who did it, by the name they gave, if known",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lg_activity_init (LgActivity *self)
{
}

LgActivity *
lg_activity_new (void)
{
  return g_object_new (LG_TYPE_ACTIVITY, NULL);
}

gint64
lg_activity_get_id (LgActivity *self)
{
  g_return_val_if_fail (LG_IS_ACTIVITY (self), 0);

  return self->id;
}

gint64
lg_activity_get_lead_id (LgActivity *self)
{
  g_return_val_if_fail (LG_IS_ACTIVITY (self), 0);

  return self->lead_id;
}

const char *
lg_activity_get_kind (LgActivity *self)
{
  g_return_val_if_fail (LG_IS_ACTIVITY (self), NULL);

  return self->kind;
}

gint64
lg_activity_get_at (LgActivity *self)
{
  g_return_val_if_fail (LG_IS_ACTIVITY (self), 0);

  return self->at;
}

const char *
lg_activity_get_detail (LgActivity *self)
{
  g_return_val_if_fail (LG_IS_ACTIVITY (self), NULL);

  return self->detail;
}

const char *
lg_activity_get_old_value (LgActivity *self)
{
  g_return_val_if_fail (LG_IS_ACTIVITY (self), NULL);

  return self->old_value;
}

const char *
lg_activity_get_new_value (LgActivity *self)
{
  g_return_val_if_fail (LG_IS_ACTIVITY (self), NULL);

  return self->new_value;
}

const char *
lg_activity_get_author (LgActivity *self)
{
  g_return_val_if_fail (LG_IS_ACTIVITY (self), NULL);

  return self->author;
}

void
lg_activity_set_id (LgActivity *self,
                    gint64 value)
{
  g_return_if_fail (LG_IS_ACTIVITY (self));

  if (self->id == value)
    return;

  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

void
lg_activity_set_lead_id (LgActivity *self,
                         gint64 value)
{
  g_return_if_fail (LG_IS_ACTIVITY (self));

  if (self->lead_id == value)
    return;

  self->lead_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEAD_ID]);
}

void
lg_activity_set_kind (LgActivity *self,
                      const char *value)
{
  g_return_if_fail (LG_IS_ACTIVITY (self));

  if (g_strcmp0 (self->kind, value) == 0)
    return;

  g_free (self->kind);
  self->kind = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

void
lg_activity_set_at (LgActivity *self,
                    gint64 value)
{
  g_return_if_fail (LG_IS_ACTIVITY (self));

  if (self->at == value)
    return;

  self->at = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AT]);
}

void
lg_activity_set_detail (LgActivity *self,
                        const char *value)
{
  g_return_if_fail (LG_IS_ACTIVITY (self));

  if (g_strcmp0 (self->detail, value) == 0)
    return;

  g_free (self->detail);
  self->detail = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAIL]);
}

void
lg_activity_set_old_value (LgActivity *self,
                           const char *value)
{
  g_return_if_fail (LG_IS_ACTIVITY (self));

  if (g_strcmp0 (self->old_value, value) == 0)
    return;

  g_free (self->old_value);
  self->old_value = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OLD_VALUE]);
}

void
lg_activity_set_new_value (LgActivity *self,
                           const char *value)
{
  g_return_if_fail (LG_IS_ACTIVITY (self));

  if (g_strcmp0 (self->new_value, value) == 0)
    return;

  g_free (self->new_value);
  self->new_value = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEW_VALUE]);
}

void
lg_activity_set_author (LgActivity *self,
                        const char *value)
{
  g_return_if_fail (LG_IS_ACTIVITY (self));

  if (g_strcmp0 (self->author, value) == 0)
    return;

  g_free (self->author);
  self->author = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHOR]);
}

/* A stage as the board names it ("Warm"), in the user's language; the value
 * as stored when it is no stage. */
static const char *
stage_name (const char *id)
{
  LgStage stage = lg_stage_from_id (id);

  return stage != LG_STAGE_INVALID ? lg_stage_label (stage) : id;
}

/* The entry as one line of a timeline, in the user's language. */
char *
lg_activity_describe (LgActivity *self)
{
  const char *kind;
  const char *detail;
  const char *before;
  const char *after;

  g_return_val_if_fail (LG_IS_ACTIVITY (self), NULL);

  kind = self->kind != NULL ? self->kind : "";
  detail = self->detail != NULL ? self->detail : "";
  before = self->old_value != NULL ? self->old_value : "–";
  after = self->new_value != NULL ? self->new_value : "–";

  if (g_str_equal (kind, "created"))
    return g_strdup_printf (_("Created in %s"), stage_name (after));
  if (g_str_equal (kind, "stage") && *detail != '\0')
    return g_strdup_printf (_("Moved from %s to %s: %s"), stage_name (before),
                            stage_name (after), detail);
  if (g_str_equal (kind, "stage"))
    return g_strdup_printf (_("Moved from %s to %s"), stage_name (before), stage_name (after));
  /* detail is the message sent, when the touch was a Reach Out. */
  if (g_str_equal (kind, "touch") && detail != NULL && *detail != '\0')
    return g_strdup_printf (_("Contacted: %s"), detail);
  if (g_str_equal (kind, "touch"))
    return g_strdup (_("Contacted"));
  /* detail is the follow-up's kind and note. */
  if (g_str_equal (kind, "followup"))
    return g_strdup_printf (_("Follow-up done: %s"), detail);
  if (g_str_equal (kind, "note"))
    return g_strdup_printf (_("Note: %s"), after);
  /* A hand-over, lg_store_set_lead_owner(). */
  if (g_str_equal (kind, "edit") && g_str_equal (detail, "owner") && self->new_value == NULL)
    return g_strdup (_("No longer looked after by anyone"));
  if (g_str_equal (kind, "edit") && g_str_equal (detail, "owner"))
    return g_strdup_printf (_("Handed over to %s"), after);
  if (g_str_equal (kind, "edit"))
    return g_strdup_printf (_("Changed %s from %s to %s"), detail, before, after);
  /* detail is the file, old_value "create" or "update". */
  if (g_str_equal (kind, "import") && g_strcmp0 (self->old_value, "update") == 0)
    return g_strdup_printf (_("Updated by importing %s"), detail);
  if (g_str_equal (kind, "import"))
    return g_strdup_printf (_("Imported from %s"), detail);
  return g_strdup_printf ("%s: %s", kind, *detail != '\0' ? detail : after);
}
