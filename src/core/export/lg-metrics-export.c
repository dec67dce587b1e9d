/* lg-metrics-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-metrics"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "lg-metrics-export.h"
#include "lg-metrics-format.h"
#include "lg-metrics-row.h"

/* The figure as a plain number, or NULL when it has no value. */
static char *
machine_value (const LgFigureInfo *info,
               LgFigure            figure)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!figure.known)
    return NULL;

  switch (info->unit)
    {
    case LG_UNIT_MONEY:
      return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.2f", figure.value / 100.0));
    case LG_UNIT_PERCENT:
      return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.2f", figure.value));
    case LG_UNIT_COUNT:
    case LG_UNIT_DURATION:
    default:
      return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.0f", figure.value));
    }
}

static char *
iso_date (gint64 t)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);

  return g_date_time_format_iso8601 (local);
}

static gboolean
write_csv_row (LgCsvWriter            *writer,
               LgMetricsReport        *report,
               const char             *source_id,
               const char             *title,
               const LgMetricsFigures *figures,
               GError                **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (fields, iso_date (report->from));
  g_ptr_array_add (fields, iso_date (report->to));
  g_ptr_array_add (fields, g_strdup (source_id));
  g_ptr_array_add (fields, g_strdup (title));
  g_ptr_array_add (fields, g_strdup (report->currency));
  for (guint i = 0; i < lg_n_figure_infos; i++)
    g_ptr_array_add (fields, machine_value (&lg_figure_infos[i],
                                            lg_figure_info_get (&lg_figure_infos[i], figures)));

  return lg_csv_writer_write_row (writer, (const char * const *) fields->pdata, fields->len,
                                  error);
}

gboolean
lg_metrics_report_write_csv (LgMetricsReport  *report,
                             gboolean          by_source,
                             LgCsvWriter      *writer,
                             guint            *n_rows,
                             GError          **error)
{
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  guint n;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (LG_IS_CSV_WRITER (writer), FALSE);

  g_ptr_array_add (header, (char *) "period_start");
  g_ptr_array_add (header, (char *) "period_end");
  g_ptr_array_add (header, (char *) "source_id");
  g_ptr_array_add (header, (char *) "source");
  g_ptr_array_add (header, (char *) "currency");
  for (guint i = 0; i < lg_n_figure_infos; i++)
    g_ptr_array_add (header, (char *) lg_figure_infos[i].key);

  /* Negative figures (a loss's ROI) stay numbers; titles are still neutralised. */
  lg_csv_writer_set_plain_numbers (writer, TRUE);
  if (!lg_csv_writer_write_row (writer, (const char * const *) header->pdata, header->len,
                                error) ||
      !write_csv_row (writer, report, NULL, _("All sources"), &report->total, error))
    return FALSE;

  n = by_source ? g_list_model_get_n_items (report->sources) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LgMetricsRow) row = g_list_model_get_item (report->sources, i);
      g_autofree char *id = NULL;

      if (lg_metrics_row_get_source_id (row) > 0)
        id = g_strdup_printf ("%" G_GINT64_FORMAT, lg_metrics_row_get_source_id (row));
      if (!write_csv_row (writer, report, id, lg_metrics_row_get_title (row),
                          lg_metrics_row_get_figures (row), error))
        return FALSE;
    }

  if (n_rows != NULL)
    *n_rows = 1 + n;
  return TRUE;
}

char *
lg_metrics_report_to_csv (LgMetricsReport  *report,
                          gboolean          by_source,
                          GError          **error)
{
  g_autoptr(LgCsvWriter) writer = lg_csv_writer_new_in_memory (FALSE);

  g_return_val_if_fail (report != NULL, NULL);

  if (!lg_metrics_report_write_csv (report, by_source, writer, NULL, error))
    return NULL;
  return lg_csv_writer_finish_text (writer, error);
}

static void
add_json_figures (JsonBuilder            *builder,
                  const LgMetricsFigures *figures,
                  const LgMetricsFigures *previous)
{
  for (guint i = 0; i < lg_n_figure_infos; i++)
    {
      const LgFigureInfo *info = &lg_figure_infos[i];
      LgFigure figure = lg_figure_info_get (info, figures);

      json_builder_set_member_name (builder, info->key);
      if (!figure.known)
        json_builder_add_null_value (builder);
      else if (info->is_count)
        json_builder_add_int_value (builder, (gint64) figure.value);
      else
        json_builder_add_double_value (builder, figure.value);
    }

  if (previous == NULL)
    return;

  /* The change against the previous period, as the view shows it. */
  json_builder_set_member_name (builder, "change");
  json_builder_begin_object (builder);
  for (guint i = 0; i < lg_n_figure_infos; i++)
    {
      const LgFigureInfo *info = &lg_figure_infos[i];
      LgFigure change = lg_figure_change (lg_figure_info_get (info, figures),
                                          lg_figure_info_get (info, previous), info->points);

      json_builder_set_member_name (builder, info->key);
      if (change.known)
        json_builder_add_double_value (builder, change.value);
      else
        json_builder_add_null_value (builder);
    }
  json_builder_end_object (builder);
}

char *
lg_metrics_report_to_json (LgMetricsReport *report,
                           gboolean         by_source)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_return_val_if_fail (report != NULL, NULL);

  from = iso_date (report->from);
  to = iso_date (report->to);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "period_start");
  json_builder_add_string_value (builder, from);
  json_builder_set_member_name (builder, "period_end");
  json_builder_add_string_value (builder, to);
  json_builder_set_member_name (builder, "currency");
  json_builder_add_string_value (builder, report->currency);
  json_builder_set_member_name (builder, "other_currencies");
  if (report->other_currencies != NULL)
    json_builder_add_string_value (builder, report->other_currencies);
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "total");
  json_builder_begin_object (builder);
  add_json_figures (builder, &report->total, &report->previous);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "previous");
  json_builder_begin_object (builder);
  add_json_figures (builder, &report->previous, NULL);
  json_builder_end_object (builder);

  if (by_source)
    {
      guint n = g_list_model_get_n_items (report->sources);

      json_builder_set_member_name (builder, "sources");
      json_builder_begin_array (builder);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(LgMetricsRow) row = g_list_model_get_item (report->sources, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "source_id");
          json_builder_add_int_value (builder, lg_metrics_row_get_source_id (row));
          json_builder_set_member_name (builder, "source");
          json_builder_add_string_value (builder, lg_metrics_row_get_title (row));
          add_json_figures (builder, lg_metrics_row_get_figures (row), NULL);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

char *
lg_metrics_report_file_name (LgMetricsReport *report,
                             const char      *what,
                             const char      *extension)
{
  g_autoptr(GDateTime) from = NULL;
  g_autofree char *day = NULL;

  g_return_val_if_fail (report != NULL && what != NULL && extension != NULL, NULL);

  from = g_date_time_new_from_unix_local (report->from);
  day = g_date_time_format (from, "%Y-%m-%d");
  return g_strdup_printf ("leadgram-%s-%s.%s", what, day, extension);
}
