/* lg-chat-import.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lg-export-job.h"
#include "lg-store.h"

G_BEGIN_DECLS

/* Imports a chat export of any kind Leadgram reads, which it tells from the
 * file itself: Telegram Desktop's result.json, WhatsApp's .txt or .zip,
 * DiscordChatExporter's .json (or a folder of them), Slack's workspace
 * export (its .zip or its folder). A path may name a folder, or a file of
 * an unzipped Slack export (channels.json, a day), which imports the whole
 * export. A file of no known kind fails with LG_SOURCES_ERROR_UNKNOWN_EXPORT,
 * whose message lists the kinds it reads. Like every export import, a file that
 * breaks, or an import cancelled, imports nothing.
 *
 * Signals: progress (gint64 id (always 0), guint messages read, double
 * fraction of the file read). */
#define LG_TYPE_CHAT_IMPORT (lg_chat_import_get_type ())
G_DECLARE_FINAL_TYPE (LgChatImport, lg_chat_import, LG, CHAT_IMPORT, GObject)

LgChatImport *lg_chat_import_new             (void);

/* How to read dates that could be day or month first when the file does not
 * tell (WhatsApp); AUTO, the default, fails with
 * LG_SOURCES_ERROR_AMBIGUOUS_DATES instead. */
void          lg_chat_import_set_date_order  (LgChatImport         *self,
                                              LgDateOrder           order);

/* Blocking; progress is emitted from the calling thread. */
gboolean      lg_chat_import_run             (LgChatImport         *self,
                                              LgStore              *store,
                                              const char           *path,
                                              GCancellable         *cancellable,
                                              LgExportStats        *stats,
                                              GError              **error);

/* On a worker thread with its own connection to db_path; progress is
 * emitted in the caller's thread-default main context. */
void          lg_chat_import_run_async       (LgChatImport         *self,
                                              const char           *db_path,
                                              const char           *path,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean      lg_chat_import_run_finish      (LgChatImport         *self,
                                              GAsyncResult         *result,
                                              LgExportStats        *stats,
                                              GError              **error);

/* The export's kind as a user calls it ("WhatsApp chat export"), from the
 * kind of LgExportStats. */
const char   *lg_chat_import_describe_kind   (const char           *kind);

G_END_DECLS
