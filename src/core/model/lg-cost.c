/* lg-cost.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-cost"

#include "config.h"

#include "lg-cost.h"

struct _LgCost
{
  GObject parent_instance;

  gint64  id;
  gint64  source_id;
  char   *source_title;
  gint64  period_start;
  gint64  period_end;
  gint64  amount;
  char   *currency;
  char   *note;
};

G_DEFINE_FINAL_TYPE (LgCost, lg_cost, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_SOURCE_ID,
  PROP_SOURCE_TITLE,
  PROP_PERIOD_START,
  PROP_PERIOD_END,
  PROP_AMOUNT,
  PROP_CURRENCY,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lg_cost_finalize (GObject *object)
{
  LgCost *self = LG_COST (object);

  g_free (self->source_title);
  g_free (self->currency);
  g_free (self->note);

  G_OBJECT_CLASS (lg_cost_parent_class)->finalize (object);
}

static void
lg_cost_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  LgCost *self = LG_COST (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;

    case PROP_SOURCE_ID:
      g_value_set_int64 (value, self->source_id);
      break;

    case PROP_SOURCE_TITLE:
      g_value_set_string (value, self->source_title);
      break;

    case PROP_PERIOD_START:
      g_value_set_int64 (value, self->period_start);
      break;

    case PROP_PERIOD_END:
      g_value_set_int64 (value, self->period_end);
      break;

    case PROP_AMOUNT:
      g_value_set_int64 (value, self->amount);
      break;

    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;

    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lg_cost_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  LgCost *self = LG_COST (object);

  switch (prop_id)
    {
    case PROP_ID:
      lg_cost_set_id (self, g_value_get_int64 (value));
      break;

    case PROP_SOURCE_ID:
      lg_cost_set_source_id (self, g_value_get_int64 (value));
      break;

    case PROP_SOURCE_TITLE:
      lg_cost_set_source_title (self, g_value_get_string (value));
      break;

    case PROP_PERIOD_START:
      lg_cost_set_period_start (self, g_value_get_int64 (value));
      break;

    case PROP_PERIOD_END:
      lg_cost_set_period_end (self, g_value_get_int64 (value));
      break;

    case PROP_AMOUNT:
      lg_cost_set_amount (self, g_value_get_int64 (value));
      break;

    case PROP_CURRENCY:
      lg_cost_set_currency (self, g_value_get_string (value));
      break;

    case PROP_NOTE:
      lg_cost_set_note (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lg_cost_class_init (LgCostClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lg_cost_finalize;
  object_class->get_property = lg_cost_get_property;
  object_class->set_property = lg_cost_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, "Database row id",
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE_ID] =
    g_param_spec_int64 ("source-id", NULL, "Row id of the source it was paid for",
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE_TITLE] =
    g_param_spec_string ("source-title", NULL,
                         "The source's title or handle, read with the row for display",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PERIOD_START] =
    g_param_spec_int64 ("period-start", NULL, "First second of the period, UTC Unix seconds",
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PERIOD_END] =
    g_param_spec_int64 ("period-end", NULL, "End of the period, excluded, UTC Unix seconds",
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AMOUNT] =
    g_param_spec_int64 ("amount", NULL, "What it cost, in minor units of the currency",
                        G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENCY] =
    g_param_spec_string ("currency", NULL, "ISO 4217 code, e.g. USD",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTE] =
    g_param_spec_string ("note", NULL, "What was paid for",
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lg_cost_init (LgCost *self)
{
}

LgCost *
lg_cost_new (void)
{
  return g_object_new (LG_TYPE_COST, NULL);
}

gint64
lg_cost_get_id (LgCost *self)
{
  g_return_val_if_fail (LG_IS_COST (self), 0);

  return self->id;
}

gint64
lg_cost_get_source_id (LgCost *self)
{
  g_return_val_if_fail (LG_IS_COST (self), 0);

  return self->source_id;
}

const char *
lg_cost_get_source_title (LgCost *self)
{
  g_return_val_if_fail (LG_IS_COST (self), NULL);

  return self->source_title;
}

gint64
lg_cost_get_period_start (LgCost *self)
{
  g_return_val_if_fail (LG_IS_COST (self), 0);

  return self->period_start;
}

gint64
lg_cost_get_period_end (LgCost *self)
{
  g_return_val_if_fail (LG_IS_COST (self), 0);

  return self->period_end;
}

gint64
lg_cost_get_amount (LgCost *self)
{
  g_return_val_if_fail (LG_IS_COST (self), 0);

  return self->amount;
}

const char *
lg_cost_get_currency (LgCost *self)
{
  g_return_val_if_fail (LG_IS_COST (self), NULL);

  return self->currency;
}

const char *
lg_cost_get_note (LgCost *self)
{
  g_return_val_if_fail (LG_IS_COST (self), NULL);

  return self->note;
}

void
lg_cost_set_id (LgCost *self,
                gint64  value)
{
  g_return_if_fail (LG_IS_COST (self));

  if (self->id == value)
    return;

  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

void
lg_cost_set_source_id (LgCost *self,
                       gint64  value)
{
  g_return_if_fail (LG_IS_COST (self));

  if (self->source_id == value)
    return;

  self->source_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE_ID]);
}

void
lg_cost_set_source_title (LgCost     *self,
                          const char *value)
{
  g_return_if_fail (LG_IS_COST (self));

  if (g_strcmp0 (self->source_title, value) == 0)
    return;

  g_free (self->source_title);
  self->source_title = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE_TITLE]);
}

void
lg_cost_set_period_start (LgCost *self,
                          gint64  value)
{
  g_return_if_fail (LG_IS_COST (self));

  if (self->period_start == value)
    return;

  self->period_start = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERIOD_START]);
}

void
lg_cost_set_period_end (LgCost *self,
                        gint64  value)
{
  g_return_if_fail (LG_IS_COST (self));

  if (self->period_end == value)
    return;

  self->period_end = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERIOD_END]);
}

void
lg_cost_set_amount (LgCost *self,
                    gint64  value)
{
  g_return_if_fail (LG_IS_COST (self));

  if (self->amount == value)
    return;

  self->amount = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AMOUNT]);
}

void
lg_cost_set_currency (LgCost     *self,
                      const char *value)
{
  g_return_if_fail (LG_IS_COST (self));

  if (g_strcmp0 (self->currency, value) == 0)
    return;

  g_free (self->currency);
  self->currency = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENCY]);
}

void
lg_cost_set_note (LgCost     *self,
                  const char *value)
{
  g_return_if_fail (LG_IS_COST (self));

  if (g_strcmp0 (self->note, value) == 0)
    return;

  g_free (self->note);
  self->note = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}
