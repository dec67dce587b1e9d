/* lg-export-job.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What every chat export import does whatever the file's kind: stage, move,
 * report progress, stop when cancelled.
 */

#define G_LOG_DOMAIN "lg-export-job"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-export-job.h"
#include "lg-sources.h"

/* Messages between two progress reports (and cancellation checks). */
#define TICK_EVERY 2000

void
lg_export_job_init (LgExportJob  *job,
                    LgStore      *store,
                    const char   *path,
                    GCancellable *cancellable,
                    GObject      *emitter,
                    guint         signal_id,
                    GMainContext *context)
{
  g_return_if_fail (job != NULL && path != NULL);

  *job = (LgExportJob) { 0 };
  job->store = store;
  job->path = path;
  job->file_name = g_path_get_basename (path);
  job->cancellable = cancellable;
  job->emitter = emitter;
  job->signal_id = signal_id;
  job->context = context;
}

void
lg_export_job_clear (LgExportJob *job)
{
  g_clear_pointer (&job->file_name, g_free);
}

static void
report (LgExportJob *job,
        double       fraction)
{
  if (job->emitter != NULL)
    lg_sources_report_progress (job->context, job->emitter, job->signal_id, 0,
                                job->stats.messages, fraction);
}

gint64
lg_export_job_add_chat (LgExportJob  *job,
                        const char   *kind,
                        const char   *handle,
                        const char   *title,
                        GError      **error)
{
  gint64 source = lg_store_stage_source (job->store, kind, handle, title, error);

  if (source != 0)
    job->stats.chats++;
  return source;
}

gboolean
lg_export_job_add_message (LgExportJob  *job,
                           gint64        source,
                           LgMessage    *message,
                           GError      **error)
{
  if (!lg_store_stage_message (job->store, source, message, error))
    return FALSE;
  job->stats.messages++;
  return TRUE;
}

gboolean
lg_export_job_tick (LgExportJob  *job,
                    double        fraction,
                    GError      **error)
{
  if (job->stats.messages % TICK_EVERY != 0)
    return TRUE;
  if (g_cancellable_set_error_if_cancelled (job->cancellable, error))
    return FALSE;
  report (job, fraction);
  return TRUE;
}

gboolean
lg_export_job_stage (LgExportJob       *job,
                     LgExportReadFunc   read,
                     GError           **error)
{
  g_return_val_if_fail (job != NULL && LG_IS_STORE (job->store), FALSE);

  /* Only the move of what was read, at the end, is a write other writers
   * wait for. */
  if (!lg_store_stage_begin (job->store, error))
    return FALSE;
  if (!read (job, error) || g_cancellable_set_error_if_cancelled (job->cancellable, error))
    {
      lg_store_stage_discard (job->store);
      return FALSE;
    }
  if (!lg_store_stage_commit (job->store, &job->stats.added, error))
    return FALSE;

  report (job, 1.0);
  return TRUE;
}

gboolean
lg_export_job_fail_io (LgExportJob  *job,
                       const char   *why,
                       GError      **error)
{
  g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_EXPORT,
               _("Could not read “%s”: %s. Nothing was imported."), job->file_name, why);
  return FALSE;
}
