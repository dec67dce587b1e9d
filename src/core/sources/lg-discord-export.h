/* lg-discord-export.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "lg-export-job.h"
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

LgDiscordExport *lg_discord_export_new     (void);

/* Blocking; the "progress" signal (gint64 0, guint messages read, double
 * fraction of the file read) is emitted from the calling thread. The app
 * and the CLI import through LgChatImport, which finds the kind of file and
 * runs lg_discord_export_read() on a worker. */
gboolean         lg_discord_export_import  (LgDiscordExport  *self,
                                            LgStore          *store,
                                            const char       *path,
                                            GCancellable     *cancellable,
                                            LgExportStats    *stats,
                                            GError          **error);

/* Reads job->path (a file, or a folder of them) into the staging area. */
gboolean         lg_discord_export_read    (LgExportJob      *job,
                                            GError          **error);

/* Whether path looks like a DiscordChatExporter JSON file (from head, its
 * first bytes), or is a folder with one (whose files it reads the first
 * kilobytes of). It may say yes to a file that then fails. */
gboolean         lg_discord_export_sniff   (const char       *path,
                                            const char       *head,
                                            gsize             length);

G_END_DECLS
