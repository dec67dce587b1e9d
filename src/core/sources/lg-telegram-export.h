/* lg-telegram-export.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lg-export-import.h"
#include "lg-store.h"

G_BEGIN_DECLS

/* Imports a Telegram Desktop "Export chat history" result.json: one chat or
 * a whole account (chats.list), old schema or new. The file is read in place
 * and one message is held in memory at a time, so a large export stays cheap.
 * It is read into the store's staging area (lg_store_stage_begin()), which
 * other writers do not wait for, and moved into the database with one short
 * transaction: a file that breaks anywhere, or an import cancelled, imports
 * nothing and the error says where. Importing the same file again adds
 * nothing. */
#define LG_TYPE_TELEGRAM_EXPORT (lg_telegram_export_get_type ())
G_DECLARE_FINAL_TYPE (LgTelegramExport, lg_telegram_export, LG, TELEGRAM_EXPORT, GObject)

LgTelegramExport *lg_telegram_export_new           (void);

/* Blocking; progress is emitted from the calling thread. */
gboolean          lg_telegram_export_import        (LgTelegramExport     *self,
                                                    LgStore              *store,
                                                    const char           *path,
                                                    GCancellable         *cancellable,
                                                    LgExportStats        *stats,
                                                    GError              **error);

/* On a worker thread with its own connection to db_path; progress is
 * emitted in the caller's thread-default main context. */
void              lg_telegram_export_import_async  (LgTelegramExport     *self,
                                                    const char           *db_path,
                                                    const char           *path,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean          lg_telegram_export_import_finish (LgTelegramExport     *self,
                                                    GAsyncResult         *result,
                                                    LgExportStats        *stats,
                                                    GError              **error);

G_END_DECLS
