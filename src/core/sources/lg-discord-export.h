/* lg-discord-export.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lg-export-job.h"

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

/* The reader of lg_chat_import_run(): the file or folder at job->path into
 * the staging area. */
gboolean lg_discord_export_read  (LgExportJob  *job,
                                  GError      **error);

/* Whether path, whose first bytes are head (none for a folder), is a
 * DiscordChatExporter JSON file, or a folder with one; a folder's files are
 * read a few kilobytes each, so not on the main thread. It may say yes to a
 * file that then fails. */
gboolean lg_discord_export_sniff (const char   *path,
                                  const char   *head,
                                  gsize         length);

G_END_DECLS
