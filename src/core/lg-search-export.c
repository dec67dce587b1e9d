/* lg-search-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-search"

#include "config.h"

#include <json-glib/json-glib.h>

#include "lg-csv-writer.h"
#include "lg-search-export.h"
#include "lg-search-result.h"

static const char * const columns[] = {
  "score", "reason", "source", "author", "handle", "date", "excerpt", "link",
};

/* The fields of one result, in the order of columns[]. */
static GStrv
result_fields (LgSearchResult *result)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (lg_search_result_get_sent_at (result));
  g_autoptr(GDateTime) local = g_date_time_to_local (utc);
  GStrv fields = g_new0 (char *, G_N_ELEMENTS (columns) + 1);

  fields[0] = g_strdup_printf ("%d", lg_search_result_get_score (result));
  fields[1] = g_strdup (lg_search_result_get_reason (result));
  fields[2] = g_strdup (lg_search_result_get_source_label (result));
  fields[3] = g_strdup (lg_search_result_get_author_label (result));
  fields[4] = g_strdup (lg_search_result_get_author_handle (result) != NULL
                        ? lg_search_result_get_author_handle (result) : "");
  fields[5] = g_date_time_format_iso8601 (local);
  fields[6] = lg_search_result_dup_excerpt (result, LG_SEARCH_EXPORT_EXCERPT_CHARS, FALSE);
  fields[7] = g_strdup (lg_search_result_get_link (result) != NULL
                        ? lg_search_result_get_link (result) : "");
  return fields;
}

char *
lg_search_results_to_csv (GListModel *results)
{
  g_autoptr(LgCsvWriter) writer = NULL;

  g_return_val_if_fail (G_IS_LIST_MODEL (results), NULL);

  /* In memory nothing can fail to write. */
  writer = lg_csv_writer_new_in_memory (FALSE);
  lg_csv_writer_write_row (writer, columns, G_N_ELEMENTS (columns), NULL);
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(LgSearchResult) result = g_list_model_get_item (results, i);
      g_auto(GStrv) fields = result_fields (result);

      lg_csv_writer_write_row (writer, (const char * const *) fields, G_N_ELEMENTS (columns), NULL);
    }
  return lg_csv_writer_finish_text (writer, NULL);
}

char *
lg_search_results_to_json (GListModel *results)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (G_IS_LIST_MODEL (results), NULL);

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(LgSearchResult) result = g_list_model_get_item (results, i);
      g_auto(GStrv) fields = result_fields (result);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, columns[0]);
      json_builder_add_int_value (builder, lg_search_result_get_score (result));
      for (guint j = 1; fields[j] != NULL; j++)
        {
          json_builder_set_member_name (builder, columns[j]);
          json_builder_add_string_value (builder, fields[j]);
        }
      json_builder_set_member_name (builder, "other_messages");
      json_builder_add_int_value (builder, lg_search_result_get_other_count (result));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, TRUE);
}
