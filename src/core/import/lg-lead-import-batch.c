/* lg-lead-import-batch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What an import leaves: its results (counts, problems, repairs, conflicts,
 * unknown labels), the error report of its failed rows, and the import
 * history with undo, whose queries are the store's (lg-store-import.c).
 */

#define G_LOG_DOMAIN "lg-import"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lg-csv-writer.h"
#include "lg-lead-form.h"
#include "lg-lead-import-private.h"

void
lg_lead_import_reset_results (LgLeadImport *self)
{
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->header, g_strfreev);
  self->n_rows = self->created = self->updated = self->skipped = self->failed = 0;
  self->test_leads = 0;
  self->conflicts = self->conflicts_skipped = 0;
  g_ptr_array_set_size (self->conflict_list, 0);
  self->batch_id = 0;
  self->last_progress = 0;
  g_ptr_array_set_size (self->problems, 0);
  g_ptr_array_set_size (self->repairs, 0);
  self->repaired_rows = 0;
  self->repairs_cut = FALSE;
  g_clear_object (&self->report);
  if (self->report_path != NULL)
    g_unlink (self->report_path);
  g_clear_pointer (&self->report_path, g_free);
  g_hash_table_remove_all (self->unknown_stages);
  g_hash_table_remove_all (self->unknown_qualifications);
  g_hash_table_remove_all (self->stage_labels);
  g_hash_table_remove_all (self->qualification_labels);
  g_clear_pointer (&self->local, g_time_zone_unref);
  self->local = g_time_zone_new_local ();
}

guint
lg_lead_import_get_n_rows (LgLeadImport *self)
{
  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), 0);

  return self->n_rows;
}

guint
lg_lead_import_get_created (LgLeadImport *self)
{
  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), 0);

  return self->created;
}

guint
lg_lead_import_get_updated (LgLeadImport *self)
{
  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), 0);

  return self->updated;
}

guint
lg_lead_import_get_skipped (LgLeadImport *self)
{
  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), 0);

  return self->skipped;
}

guint
lg_lead_import_get_failed (LgLeadImport *self)
{
  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), 0);

  return self->failed;
}

guint
lg_lead_import_get_test_leads (LgLeadImport *self)
{
  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), 0);

  return self->test_leads;
}

char *
lg_lead_import_describe_test_leads (LgLeadImport *self)
{
  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), NULL);

  if (self->test_leads == 0)
    return NULL;
  /* The platform's name, a brand: "1 Meta test lead skipped". */
  return g_strdup_printf (ngettext ("%u %s test lead skipped: a test the platform made, not a "
                                    "person.",
                                    "%u %s test leads skipped: tests the platform made, not "
                                    "people.", self->test_leads),
                          self->test_leads,
                          lg_lead_form_get_name (lg_csv_mapping_get_lead_form (self->mapping)));
}

guint
lg_lead_import_get_conflicts (LgLeadImport *self)
{
  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), 0);

  return self->conflicts;
}

GPtrArray *
lg_lead_import_list_conflicts (LgLeadImport *self)
{
  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), NULL);

  return self->conflict_list;
}

gint64
lg_lead_import_get_batch_id (LgLeadImport *self)
{
  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), 0);

  return self->batch_id;
}

const char *
lg_lead_import_get_note (LgLeadImport *self)
{
  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), NULL);

  return self->note;
}

GPtrArray *
lg_lead_import_get_problems (LgLeadImport *self)
{
  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), NULL);

  return self->problems;
}

GPtrArray *
lg_lead_import_get_repairs (LgLeadImport *self)
{
  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), NULL);

  return self->repairs;
}

guint
lg_lead_import_get_repaired_rows (LgLeadImport *self)
{
  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), 0);

  return self->repaired_rows;
}

char *
lg_lead_import_describe_repairs (LgLeadImport *self)
{
  guint n;

  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), NULL);

  n = self->repaired_rows;
  if (n == 0)
    return NULL;
  if (self->repairs_cut)
    return g_strdup_printf (_("%u rows have quotes (\") out of place; check how they were "
                              "read (the first %u are listed):"), n, self->repairs->len);
  return g_strdup_printf (ngettext ("%u row has quotes (\") out of place; check how it was "
                                    "read:",
                                    "%u rows have quotes (\") out of place; check how they "
                                    "were read:", n), n);
}

GStrv
lg_lead_import_get_unknown_labels (LgLeadImport *self,
                                   LgCsvField    field)
{
  GHashTable *table;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), NULL);
  g_return_val_if_fail (field == LG_CSV_FIELD_STAGE || field == LG_CSV_FIELD_QUALIFICATION, NULL);

  table = field == LG_CSV_FIELD_STAGE ? self->unknown_stages : self->unknown_qualifications;
  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_strv_builder_add (builder, value);
  return g_strv_builder_end (builder);
}

/* Writes a row of the error report: the fields, padded to the header's
 * columns so the reason stays in its column, then the reason. */
static gboolean
write_report_row (LgCsvWriter         *writer,
                  guint                n_columns,
                  const char * const  *fields,
                  guint                n_fields,
                  const char          *reason,
                  GError             **error)
{
  g_autoptr(GPtrArray) row = g_ptr_array_new ();

  for (guint i = 0; i < MAX (n_fields, n_columns); i++)
    g_ptr_array_add (row, i < n_fields ? (char *) fields[i] : (char *) "");
  g_ptr_array_add (row, (char *) reason);
  return lg_csv_writer_write_row (writer, (const char * const *) row->pdata, row->len, error);
}

/* A new error report at path, its header written. */
static LgCsvWriter *
open_report (LgLeadImport  *self,
             const char    *path,
             GError       **error)
{
  g_autoptr(LgCsvWriter) writer = lg_csv_writer_new_for_path (path, FALSE, error);
  guint n_columns = g_strv_length (self->header);

  if (writer == NULL ||
      !write_report_row (writer, n_columns, (const char * const *) self->header, n_columns,
                         _("Error"), error))
    return NULL;
  return g_steal_pointer (&writer);
}

gboolean
lg_lead_import_report_failed_row (LgLeadImport       *self,
                                  const char * const *fields,
                                  guint               n_fields,
                                  const char         *reason,
                                  GError            **error)
{
  /* A file may fail whole: its failed rows go to disk, not to memory. */
  if (self->report == NULL)
    {
      int fd = g_file_open_tmp ("leadgram-failed-rows-XXXXXX.csv", &self->report_path, error);

      if (fd < 0)
        return FALSE;
      g_close (fd, NULL);
      self->report = open_report (self, self->report_path, error);
      if (self->report == NULL)
        return FALSE;
    }
  return write_report_row (self->report, g_strv_length (self->header), fields, n_fields, reason,
                           error);
}

gboolean
lg_lead_import_write_error_report (LgLeadImport  *self,
                                   const char    *path,
                                   GError       **error)
{
  g_autoptr(LgCsvWriter) empty = NULL;
  g_autoptr(GFile) from = NULL;
  g_autoptr(GFile) to = NULL;

  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), FALSE);
  g_return_val_if_fail (self->header != NULL, FALSE);

  if (self->report_path == NULL)
    {
      empty = open_report (self, path, error);
      return empty != NULL && lg_csv_writer_close (empty, NULL, error);
    }
  /* The report is complete once the import is over. */
  if (self->report != NULL)
    {
      g_autoptr(LgCsvWriter) report = g_steal_pointer (&self->report);

      if (!lg_csv_writer_close (report, NULL, error))
        return FALSE;
    }
  from = g_file_new_for_path (self->report_path);
  to = g_file_new_for_path (path);
  return g_file_copy (from, to, G_FILE_COPY_OVERWRITE | G_FILE_COPY_TARGET_DEFAULT_PERMS, NULL,
                      NULL, NULL, error);
}

/* History and undo: the store's, under the names the app and the CLI know. */

GListModel *
lg_lead_import_list_batches (LgStore  *store,
                             GError  **error)
{
  return lg_store_import_list_batches (store, error);
}

gboolean
lg_lead_import_undo (LgStore  *store,
                     gint64    batch_id,
                     GError  **error)
{
  return lg_store_import_undo (store, batch_id, error);
}
