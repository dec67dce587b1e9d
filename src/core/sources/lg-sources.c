/* lg-sources.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-sources"

#include "config.h"

#include "lg-sources.h"

G_DEFINE_QUARK (lg-sources-error-quark, lg_sources_error)

typedef struct
{
  GObject *emitter;
  guint    signal_id;
  gint64   id;
  guint    count;
  double   fraction;
} Progress;

static gboolean
emit_progress_cb (gpointer data)
{
  Progress *progress = data;

  g_signal_emit (progress->emitter, progress->signal_id, 0,
                 progress->id, progress->count, progress->fraction);
  return G_SOURCE_REMOVE;
}

static void
free_progress (gpointer data)
{
  Progress *progress = data;

  g_object_unref (progress->emitter);
  g_free (progress);
}

void
lg_sources_report_progress (GMainContext *context,
                            GObject      *emitter,
                            guint         signal_id,
                            gint64        id,
                            guint         count,
                            double        fraction)
{
  g_autoptr(GSource) idle = NULL;
  Progress *progress;

  g_return_if_fail (G_IS_OBJECT (emitter));

  if (context == NULL)
    {
      g_signal_emit (emitter, signal_id, 0, id, count, fraction);
      return;
    }

  progress = g_new0 (Progress, 1);
  progress->emitter = g_object_ref (emitter);
  progress->signal_id = signal_id;
  progress->id = id;
  progress->count = count;
  progress->fraction = fraction;
  /* Always through an idle, never g_main_context_invoke(): a worker without
   * a thread-default context would acquire the main context between two of
   * its iterations and run the handlers (GTK code) on the worker thread. */
  idle = g_idle_source_new ();
  g_source_set_priority (idle, G_PRIORITY_DEFAULT);
  g_source_set_callback (idle, emit_progress_cb, progress, free_progress);
  g_source_set_static_name (idle, "[leadgram] progress");
  g_source_attach (idle, context);
}

gboolean
lg_sources_sync_outcome (gboolean  ok,
                         GError   *sync_error,
                         GError   *save_error,
                         GError  **error)
{
  if (!ok)
    {
      g_propagate_error (error, sync_error);
      g_clear_error (&save_error);
      return FALSE;
    }
  g_clear_error (&sync_error);
  if (save_error != NULL)
    {
      g_propagate_error (error, save_error);
      return FALSE;
    }
  return TRUE;
}
