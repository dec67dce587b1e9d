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

/* The CSV header and the JSON member of each column, in order. */
static const char * const headers[] = {
  "Score", "Reason", "Source", "Author", "Handle", "Date", "Excerpt", "Link", NULL
};
static const char * const keys[] = {
  "score", "reason", "source", "author", "handle", "date", "excerpt", "link",
};
#define N_COLUMNS G_N_ELEMENTS (keys)

const char * const *
lg_search_export_columns (void)
{
  return headers;
}

GStrv
lg_search_export_fields (int         score,
                         const char *reason,
                         const char *source,
                         const char *author,
                         const char *handle,
                         gint64      sent_at,
                         const char *text,
                         const char *link)
{
  GStrv fields = g_new0 (char *, N_COLUMNS + 1);

  fields[0] = g_strdup_printf ("%d", score);
  fields[1] = g_strdup (reason != NULL ? reason : "");
  /* A channel's label is "@handle": the file holds the handle bare, as in
   * the Handle column (a cell starting with @ would also be neutralised as
   * a formula). */
  if (source != NULL && source[0] == '@')
    source++;
  fields[2] = g_strdup (source != NULL ? source : "");
  fields[3] = g_strdup (author != NULL ? author : "");
  fields[4] = g_strdup (handle != NULL ? handle : "");
  fields[5] = lg_csv_format_time (sent_at);
  if (text != NULL && g_utf8_strlen (text, -1) > LG_SEARCH_EXPORT_EXCERPT_CHARS)
    {
      g_autofree char *head = g_utf8_substring (text, 0, LG_SEARCH_EXPORT_EXCERPT_CHARS);

      fields[6] = g_strconcat (head, "…", NULL);
    }
  else
    fields[6] = g_strdup (text != NULL ? text : "");
  fields[7] = g_strdup (link != NULL ? link : "");
  return fields;
}

static GStrv
result_fields (LgSearchResult *result)
{
  return lg_search_export_fields (lg_search_result_get_score (result),
                                  lg_search_result_get_reason (result),
                                  lg_search_result_get_source_label (result),
                                  lg_search_result_get_author_name (result),
                                  lg_search_result_get_author_handle (result),
                                  lg_search_result_get_sent_at (result),
                                  lg_search_result_get_text (result),
                                  lg_search_result_get_link (result));
}

char *
lg_search_results_to_csv (GListModel *results)
{
  g_autoptr(LgCsvWriter) writer = NULL;

  g_return_val_if_fail (G_IS_LIST_MODEL (results), NULL);

  /* In memory nothing can fail to write. */
  writer = lg_csv_writer_new_in_memory (FALSE);
  lg_csv_writer_write_row (writer, headers, N_COLUMNS, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(LgSearchResult) result = g_list_model_get_item (results, i);
      g_auto(GStrv) fields = result_fields (result);

      lg_csv_writer_write_row (writer, (const char * const *) fields, N_COLUMNS, NULL);
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
      json_builder_set_member_name (builder, keys[0]);
      json_builder_add_int_value (builder, lg_search_result_get_score (result));
      for (guint j = 1; fields[j] != NULL; j++)
        {
          json_builder_set_member_name (builder, keys[j]);
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
