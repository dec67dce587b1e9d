/* lg-export-job.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lg-store.h"

G_BEGIN_DECLS

/* What an import did. */
typedef struct
{
  const char *kind;     /* which export it was read as ("telegram", "whatsapp"…) */
  guint       chats;    /* chats with messages, each a source */
  guint       messages; /* messages read (service and system lines not counted) */
  guint       added;    /* of those, new to the database */
  guint       skipped;  /* service and system lines (joins, calls, media left out…) */
} LgExportStats;

/* Which of a date's first two numbers is the day, for exports that write
 * dates as the phone's locale does (WhatsApp): AUTO reads it from the file. */
typedef enum
{
  LG_DATE_ORDER_AUTO,
  LG_DATE_ORDER_DMY,
  LG_DATE_ORDER_MDY,
} LgDateOrder;

/* One import of one chat export file, as every reader of an export kind
 * sees it: where it goes, what the user chose, how to report, and what it
 * did so far. */
typedef struct
{
  LgStore       *store;
  const char    *path;
  char          *file_name;  /* the file's base name, for messages */
  LgDateOrder    date_order;
  GCancellable  *cancellable;
  /* progress is the emitter's signal (gint64 id, guint count, double
   * fraction), emitted in context (NULL: right here) */
  GObject       *emitter;
  guint          signal_id;
  GMainContext  *context;
  LgExportStats  stats;
} LgExportJob;

/* Reads the export into the staging area (sources with
 * lg_store_stage_source(), messages with lg_store_stage_message()). */
typedef gboolean (*LgExportReadFunc) (LgExportJob  *job,
                                      GError      **error);

void     lg_export_job_init     (LgExportJob       *job,
                                 LgStore           *store,
                                 const char        *path,
                                 GCancellable      *cancellable,
                                 GObject           *emitter,
                                 guint              signal_id,
                                 GMainContext      *context);
void     lg_export_job_clear    (LgExportJob       *job);

/* Runs read into the store's staging area, which other writers do not wait
 * for, then moves what it read into the database with one short
 * transaction: a read that fails, or an import cancelled, imports nothing. */
gboolean lg_export_job_stage    (LgExportJob       *job,
                                 LgExportReadFunc   read,
                                 GError           **error);

/* lg_store_stage_source() and lg_store_stage_message(), counted in
 * stats.chats and stats.messages. add_chat returns the staged source's id,
 * 0 on error. */
gint64   lg_export_job_add_chat    (LgExportJob       *job,
                                    const char        *kind,
                                    const char        *handle,
                                    const char        *title,
                                    GError           **error);
gboolean lg_export_job_add_message (LgExportJob       *job,
                                    gint64             source,
                                    LgMessage         *message,
                                    GError           **error);

/* Called after each message read: every so many, reports progress and
 * fails if the import was cancelled. */
gboolean lg_export_job_tick     (LgExportJob       *job,
                                 double             fraction,
                                 GError           **error);

/* "Could not read FILE: why." as an LG_SOURCES_ERROR_INVALID_EXPORT. */
gboolean lg_export_job_fail_io  (LgExportJob       *job,
                                 const char        *why,
                                 GError           **error);

G_END_DECLS
