/* lg-discord-export.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lg-export-import.h"
#include "lg-store.h"

G_BEGIN_DECLS

/* Imports a channel exported by DiscordChatExporter in its JSON format (one
 * file per channel, thread or direct message: {"guild", "channel",
 * "messages": [...]}). Each file is one source of kind discord_export, its
 * handle "GUILD-ID/CHANNEL-ID", its title "#channel on Server" (a direct
 * message: the other person's or the group's name); a folder of them (a
 * whole server exported) is read file by file. A message keeps its
 * author (nickname, user name as the handle, user id), time, text, the
 * message it answers, its link into Discord (discord.com/channels/...; "@me"
 * for direct messages) and the channel's name as its thread; joins, pins,
 * calls and renames are counted in LgExportStats.skipped and left out.
 *
 * The file is streamed (lg-json-scan.h), one message in memory at a time,
 * into the store's staging area: a file that breaks anywhere, or an import
 * cancelled, imports nothing, and the error names the file and the line.
 * Importing the same file again adds nothing. */
#define LG_TYPE_DISCORD_EXPORT (lg_discord_export_get_type ())
G_DECLARE_FINAL_TYPE (LgDiscordExport, lg_discord_export, LG, DISCORD_EXPORT, GObject)

LgDiscordExport *lg_discord_export_new           (void);

/* Whether path looks like a DiscordChatExporter JSON file, or a folder
 * with one; reads the first few kilobytes of each file only, so it may say
 * yes to a file that then fails. It reads the disk: not on the main thread. */
gboolean         lg_discord_export_sniff         (const char           *path);

/* Blocking; the "progress" signal (gint64 0, guint messages read, double
 * fraction of the file read) is emitted from the calling thread. */
gboolean         lg_discord_export_import        (LgDiscordExport      *self,
                                                  LgStore              *store,
                                                  const char           *path,
                                                  GCancellable         *cancellable,
                                                  LgExportStats        *stats,
                                                  GError              **error);

/* On a worker thread with its own connection to db_path; progress is
 * emitted in the caller's thread-default main context. */
void             lg_discord_export_import_async  (LgDiscordExport      *self,
                                                  const char           *db_path,
                                                  const char           *path,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean         lg_discord_export_import_finish (LgDiscordExport      *self,
                                                  GAsyncResult         *result,
                                                  LgExportStats        *stats,
                                                  GError              **error);

G_END_DECLS
