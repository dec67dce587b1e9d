/* lg-metrics-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-metrics"

#include "config.h"

#include "lg-metrics-row.h"

struct _LgMetricsRow
{
  GObject           parent_instance;

  gint64            source_id;
  char             *title;
  LgMetricsFigures  figures;
};

G_DEFINE_FINAL_TYPE (LgMetricsRow, lg_metrics_row, G_TYPE_OBJECT)

static void
lg_metrics_row_finalize (GObject *object)
{
  LgMetricsRow *self = LG_METRICS_ROW (object);

  g_free (self->title);

  G_OBJECT_CLASS (lg_metrics_row_parent_class)->finalize (object);
}

static void
lg_metrics_row_class_init (LgMetricsRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lg_metrics_row_finalize;
}

static void
lg_metrics_row_init (LgMetricsRow *self)
{
}

LgMetricsRow *
lg_metrics_row_new (gint64      source_id,
                    const char *title)
{
  LgMetricsRow *self = g_object_new (LG_TYPE_METRICS_ROW, NULL);

  g_return_val_if_fail (title != NULL, NULL);

  self->source_id = source_id;
  self->title = g_strdup (title);
  return self;
}

gint64
lg_metrics_row_get_source_id (LgMetricsRow *self)
{
  g_return_val_if_fail (LG_IS_METRICS_ROW (self), 0);

  return self->source_id;
}

const char *
lg_metrics_row_get_title (LgMetricsRow *self)
{
  g_return_val_if_fail (LG_IS_METRICS_ROW (self), NULL);

  return self->title;
}

const LgMetricsFigures *
lg_metrics_row_get_figures (LgMetricsRow *self)
{
  g_return_val_if_fail (LG_IS_METRICS_ROW (self), NULL);

  return &self->figures;
}

/* For the computation that fills the row in. */
LgMetricsFigures *
lg_metrics_row_edit_figures (LgMetricsRow *self)
{
  g_return_val_if_fail (LG_IS_METRICS_ROW (self), NULL);

  return &self->figures;
}
