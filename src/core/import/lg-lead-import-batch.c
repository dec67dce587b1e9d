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

#include "lg-csv-writer.h"
#include "lg-lead-import-private.h"

void
lg_lead_import_reset_results (LgLeadImport *self)
{
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->header, g_strfreev);
  self->n_rows = self->created = self->updated = self->skipped = self->failed = 0;
  self->conflicts = self->conflicts_skipped = 0;
  g_ptr_array_set_size (self->conflict_list, 0);
  self->batch_id = 0;
  self->last_progress = 0;
  g_ptr_array_set_size (self->problems, 0);
  g_ptr_array_set_size (self->repairs, 0);
  self->repaired_rows = 0;
  self->repairs_cut = FALSE;
  g_ptr_array_set_size (self->failed_rows, 0);
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

gboolean
lg_lead_import_write_error_report (LgLeadImport  *self,
                                   const char    *path,
                                   GError       **error)
{
  g_autoptr(LgCsvWriter) writer = NULL;
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  guint n_columns;

  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), FALSE);
  g_return_val_if_fail (self->header != NULL, FALSE);

  writer = lg_csv_writer_new_for_path (path, FALSE, error);
  if (writer == NULL)
    return FALSE;

  n_columns = g_strv_length (self->header);
  for (guint i = 0; i < n_columns; i++)
    g_ptr_array_add (fields, self->header[i]);
  g_ptr_array_add (fields, (char *) _("Error"));
  if (!lg_csv_writer_write_row (writer, (const char * const *) fields->pdata, fields->len, error))
    return FALSE;

  for (guint r = 0; r < self->failed_rows->len; r++)
    {
      FailedRow *failed = g_ptr_array_index (self->failed_rows, r);
      guint n = g_strv_length (failed->fields);

      /* Short rows are padded so the reason stays in its column. */
      g_ptr_array_set_size (fields, 0);
      for (guint i = 0; i < MAX (n, n_columns); i++)
        g_ptr_array_add (fields, i < n ? failed->fields[i] : (char *) "");
      g_ptr_array_add (fields, failed->reason);
      if (!lg_csv_writer_write_row (writer, (const char * const *) fields->pdata, fields->len,
                                    error))
        return FALSE;
    }
  return lg_csv_writer_close (writer, NULL, error);
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
