/* lg-export-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The part of a chat export's import that does not depend on the exporter:
 * the staging around the reader and the worker thread.
 */

#define G_LOG_DOMAIN "lg-export-import"

#include "config.h"

#include "lg-export-import.h"
#include "lg-sources.h"

gboolean
lg_export_import_run (GObject           *importer,
                      LgExportReadFunc   read,
                      guint              progress_signal,
                      LgStore           *store,
                      const char        *path,
                      GMainContext      *context,
                      GCancellable      *cancellable,
                      LgExportStats     *stats,
                      GError           **error)
{
  LgExportStats counted = { 0 };

  g_return_val_if_fail (G_IS_OBJECT (importer), FALSE);
  g_return_val_if_fail (LG_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* The file is read into the store's staging area, which holds no lock on
   * the database: other writers go on meanwhile, and only the move of what
   * was read, at the end, is a write they wait for. */
  if (!lg_store_stage_begin (store, error))
    return FALSE;
  if (!read (importer, store, path, context, cancellable, &counted, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      lg_store_stage_discard (store);
      return FALSE;
    }
  if (!lg_store_stage_commit (store, &counted.added, error))
    return FALSE;

  lg_sources_report_progress (context, importer, progress_signal, 0, counted.messages, 1.0);
  if (stats != NULL)
    *stats = counted;
  return TRUE;
}

typedef struct
{
  LgExportReadFunc  read;
  guint             progress_signal;
  char             *path;
  GMainContext     *context;
  LgExportStats     stats;
} ImportData;

static void
free_import_data (gpointer data)
{
  ImportData *import = data;

  g_free (import->path);
  g_main_context_unref (import->context);
  g_free (import);
}

static gboolean
import_work (LgStore       *store,
             gpointer       source_object,
             gpointer       task_data,
             GCancellable  *cancellable,
             GError       **error)
{
  ImportData *data = task_data;

  return lg_export_import_run (source_object, data->read, data->progress_signal, store,
                               data->path, data->context, cancellable, &data->stats, error);
}

void
lg_export_import_async (GObject              *importer,
                        LgExportReadFunc      read,
                        guint                 progress_signal,
                        gpointer              source_tag,
                        const char           *db_path,
                        const char           *path,
                        GCancellable         *cancellable,
                        GAsyncReadyCallback   callback,
                        gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportData *data;

  g_return_if_fail (G_IS_OBJECT (importer));
  g_return_if_fail (db_path != NULL && path != NULL);

  data = g_new0 (ImportData, 1);
  data->read = read;
  data->progress_signal = progress_signal;
  data->path = g_strdup (path);
  data->context = g_main_context_ref_thread_default ();

  task = g_task_new (importer, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, free_import_data);
  lg_store_run_in_thread (task, db_path, import_work);
}

gboolean
lg_export_import_finish (GObject       *importer,
                         GAsyncResult  *result,
                         LgExportStats *stats,
                         GError       **error)
{
  ImportData *data;

  g_return_val_if_fail (g_task_is_valid (result, importer), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  data = g_task_get_task_data (G_TASK (result));
  if (stats != NULL)
    *stats = data->stats;
  return TRUE;
}
