/* lg-lead-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-export"

#include "config.h"

#include "lg-csv-writer.h"
#include "lg-lead-export.h"
#include "lg-lead.h"
#include "lg-search-export.h"
#include "lg-store-exports.h"

/* Rows between looks at the cancellable. */
#define CHECK_EVERY 1024

static const char *lead_columns[] = {
  "Leadgram ID", "Name", "Email", "Phone", "Company", "Telegram", "Telegram ID", "Stage",
  "Qualification", "Value", "Currency", "Source", "Created", "Closed", "Lost Reason", "Notes",
  "Lead Form ID", NULL
};

const char * const *
lg_lead_export_columns (void)
{
  return lead_columns;
}

/* Where the rows go while the store reads them. */
typedef struct
{
  LgCsvWriter  *writer;
  GPtrArray    *fields;
  GCancellable *cancellable;
  guint         n;
} RowWriter;

/* Writes the fields collected for one row, and looks at the cancellable
 * now and then. */
static gboolean
write_fields (RowWriter  *rows,
              GError    **error)
{
  gboolean ok;

  ok = lg_csv_writer_write_row (rows->writer, (const char * const *) rows->fields->pdata,
                                rows->fields->len, error) &&
       (++rows->n % CHECK_EVERY != 0 ||
        !g_cancellable_set_error_if_cancelled (rows->cancellable, error));
  g_ptr_array_set_size (rows->fields, 0);
  return ok;
}

static void
add_text (GPtrArray  *fields,
          const char *text)
{
  g_ptr_array_add (fields, g_strdup (text != NULL ? text : ""));
}

static gboolean
write_lead_cb (const LgStoreExportLead  *lead,
               gpointer                  user_data,
               GError                  **error)
{
  RowWriter *rows = user_data;
  GPtrArray *fields = rows->fields;

  g_ptr_array_add (fields, g_strdup_printf ("%" G_GINT64_FORMAT, lead->id));
  add_text (fields, lead->name);
  add_text (fields, lead->email);
  add_text (fields, lead->phone);
  add_text (fields, lead->company);
  add_text (fields, lead->telegram_handle);
  add_text (fields, lead->telegram_id);
  add_text (fields, lead->stage);
  add_text (fields, lead->qualification);
  g_ptr_array_add (fields, lg_csv_format_amount (lead->value));
  add_text (fields, lead->currency);
  add_text (fields, lead->source);
  g_ptr_array_add (fields, lg_csv_format_time (lead->created_at));
  g_ptr_array_add (fields, lg_csv_format_time (lead->closed_at));
  add_text (fields, lead->lost_reason);
  add_text (fields, lead->notes);
  add_text (fields, lead->external_id);
  return write_fields (rows, error);
}

static gboolean
write_match_cb (const LgStoreExportMatch  *match,
                gpointer                   user_data,
                GError                   **error)
{
  RowWriter *rows = user_data;
  g_auto(GStrv) cells = lg_search_export_fields (match->score, match->reason, match->source,
                                                 match->author_name, match->author_handle,
                                                 match->sent_at, match->text, match->link);

  for (guint i = 0; cells[i] != NULL; i++)
    g_ptr_array_add (rows->fields, g_steal_pointer (&cells[i]));
  return write_fields (rows, error);
}

/* The header and a row per lead with those ids (every lead when ids is
 * NULL), or, for matches, per result of the search search_id, into writer,
 * which the caller closes. */
static gboolean
write_rows (LgStore             *store,
            LgCsvWriter         *writer,
            gboolean             matches,
            const gint64        *ids,
            guint                n_ids,
            gint64               search_id,
            guint               *n_written,
            GCancellable        *cancellable,
            GError             **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  RowWriter rows = { writer, fields, cancellable, 0 };
  const char * const *header = matches ? lg_search_export_columns () : lead_columns;
  gboolean ok;

  if (!lg_csv_writer_write_row (writer, header, g_strv_length ((char **) header), error))
    return FALSE;

  if (matches)
    ok = lg_store_read_export_matches (store, search_id, write_match_cb, &rows, error);
  else
    ok = lg_store_read_export_leads (store, ids, n_ids, write_lead_cb, &rows, error);
  if (ok && n_written != NULL)
    *n_written = rows.n;
  return ok;
}

/* write_rows() into a new file at path. */
static gboolean
write_file (LgStore       *store,
            const char    *path,
            gboolean       bom,
            gboolean       matches,
            const gint64  *ids,
            guint          n_ids,
            gint64         search_id,
            guint         *n_written,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(LgCsvWriter) writer = lg_csv_writer_new_for_path (path, bom, error);

  return writer != NULL &&
         write_rows (store, writer, matches, ids, n_ids, search_id, n_written, cancellable,
                     error) &&
         lg_csv_writer_close (writer, cancellable, error);
}

gboolean
lg_lead_export_leads (LgStore       *store,
                      const char    *path,
                      const gint64  *ids,
                      guint          n_ids,
                      gboolean       bom,
                      guint         *n_written,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_return_val_if_fail (LG_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return write_file (store, path, bom, FALSE, ids, n_ids, 0, n_written, cancellable, error);
}

/* The ids of the leads a board with that filter shows, in its order. */
static GArray *
filtered_ids (LgStore               *store,
              const LgLeadFilter    *filter,
              const LgPipelineRules *rules,
              gint64                 now,
              GError               **error)
{
  g_autoptr(GListModel) leads = NULL;
  GArray *ids;

  /* The board's own query decides which leads, staleness included, so the
   * file holds exactly what the user sees. */
  leads = lg_store_list_leads (store, filter, rules, now, error);
  if (leads == NULL)
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < g_list_model_get_n_items (leads); i++)
    {
      g_autoptr(LgLead) lead = g_list_model_get_item (leads, i);
      gint64 id = lg_lead_get_id (lead);

      g_array_append_val (ids, id);
    }
  return ids;
}

/* ids NULL would mean every lead: a filter that shows none gives a file with
 * the header only. */
static const gint64 no_ids[1] = { 0 };

gboolean
lg_lead_export_filtered (LgStore               *store,
                         const LgLeadFilter    *filter,
                         const LgPipelineRules *rules,
                         gint64                 now,
                         const char            *path,
                         gboolean               bom,
                         guint                 *n_written,
                         GCancellable          *cancellable,
                         GError               **error)
{
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (LG_IS_STORE (store), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (rules != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  ids = filtered_ids (store, filter, rules, now, error);
  return ids != NULL &&
         lg_lead_export_leads (store, path, ids->len > 0 ? (const gint64 *) ids->data : no_ids,
                               ids->len, bom, n_written, cancellable, error);
}

char *
lg_lead_export_filtered_text (LgStore               *store,
                              const LgLeadFilter    *filter,
                              const LgPipelineRules *rules,
                              gint64                 now,
                              GError               **error)
{
  g_autoptr(LgCsvWriter) writer = lg_csv_writer_new_in_memory (FALSE);
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (LG_IS_STORE (store), NULL);
  g_return_val_if_fail (filter != NULL, NULL);
  g_return_val_if_fail (rules != NULL, NULL);

  ids = filtered_ids (store, filter, rules, now, error);
  if (ids == NULL)
    return NULL;
  if (!write_rows (store, writer, FALSE, ids->len > 0 ? (const gint64 *) ids->data : no_ids,
                   ids->len, 0, NULL, NULL, error))
    return NULL;
  return lg_csv_writer_finish_text (writer, error);
}

gboolean
lg_lead_export_matches (LgStore       *store,
                        const char    *path,
                        gint64         search_id,
                        gboolean       bom,
                        guint         *n_written,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_return_val_if_fail (LG_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return write_file (store, path, bom, TRUE, NULL, 0, search_id, n_written, cancellable, error);
}
