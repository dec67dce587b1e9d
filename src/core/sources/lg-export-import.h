/* lg-export-import.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lg-store.h"

G_BEGIN_DECLS

/* What an import of a chat export did (Telegram, Discord, Slack). */
typedef struct
{
  guint chats;     /* chats or channels with messages, each a source */
  guint messages;  /* messages read (service messages not counted) */
  guint added;     /* of those, new to the database */
  guint skipped;   /* service messages (joins, pins, calls...) left out */
} LgExportStats;

/* Reads the export at path into the store's staging area, counting into
 * stats (all but added) and reporting progress from context (NULL: the
 * calling thread). */
typedef gboolean (*LgExportReadFunc) (GObject        *importer,
                                      LgStore        *store,
                                      const char     *path,
                                      GMainContext   *context,
                                      GCancellable   *cancellable,
                                      LgExportStats  *stats,
                                      GError        **error);

/* What every chat export importer does around its reader: stages (a read
 * that fails, or is cancelled, leaves nothing), moves what was read into
 * the database in one short transaction, and emits progress_signal (id 0,
 * messages read, 1.0) on importer once done. */
gboolean lg_export_import_run    (GObject              *importer,
                                  LgExportReadFunc      read,
                                  guint                 progress_signal,
                                  LgStore              *store,
                                  const char           *path,
                                  GMainContext         *context,
                                  GCancellable         *cancellable,
                                  LgExportStats        *stats,
                                  GError              **error);

/* The same on a worker thread with its own connection to db_path; progress
 * is emitted in the caller's thread-default main context. source_tag is the
 * importer's _import_async. */
void     lg_export_import_async  (GObject              *importer,
                                  LgExportReadFunc      read,
                                  guint                 progress_signal,
                                  gpointer              source_tag,
                                  const char           *db_path,
                                  const char           *path,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data);
gboolean lg_export_import_finish (GObject              *importer,
                                  GAsyncResult         *result,
                                  LgExportStats        *stats,
                                  GError              **error);

G_END_DECLS
