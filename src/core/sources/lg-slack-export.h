/* lg-slack-export.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lg-export-job.h"

G_BEGIN_DECLS

/* Imports a Slack workspace export ("Export data" in a workspace's
 * settings): a folder, or the .zip Slack gives, holding users.json,
 * channels.json (groups.json, dms.json and mpims.json when the export has
 * private conversations) and a folder per conversation with a JSON file per
 * day (general/2023-01-31.json). Each conversation with messages is a source
 * of kind slack_export, its handle the channel's id, its title "#general on
 * Workspace" when the export's name tells the workspace (Slack names it
 * "Workspace Slack export Jan 1 2023 - Feb 1 2023"), else "#general".
 *
 * A message keeps its author as users.json names them (real name, or the
 * display name; the user name as the handle; the user id), its time, its
 * text with Slack's markup made plain (<@U1> → @name, <#C1|general> →
 * #general, <https://x|label> → label (https://x), &amp; → &), the message
 * its thread answers, the thread (its first message, shortened, or the
 * channel's name) and a link when the export has one. Its external id is
 * "CHANNEL/TS". Joins, topic changes, bots and the like are counted in
 * LgExportStats.skipped and left out.
 *
 * Each day is read alone, one message in memory at a time, into the store's
 * staging area: an export broken anywhere, or an import cancelled, imports
 * nothing, and the error names the day's file and the line. Importing the
 * same export again adds nothing. */

/* The reader of lg_chat_import_run(): the folder or .zip at job->path into
 * the staging area. */
gboolean lg_slack_export_read  (LgExportJob  *job,
                                GError      **error);

/* Whether path is a Slack export: a folder, or a .zip (head, its first
 * bytes, says whether it is one), with channels.json or users.json at its
 * top (or in its one top folder). Reads no message, but the disk all the
 * same: not on the main thread. */
gboolean lg_slack_export_sniff (const char   *path,
                                const char   *head,
                                gsize         length);

/* When path is a file of an unzipped Slack export (its users.json,
 * channels.json… or a day, general/2024-01-15.json) whose conversations'
 * folders are there beside it: the export's folder, which is what the user
 * means to import; else NULL. Reads folders: not on the main thread. */
char    *lg_slack_export_folder_of (const char *path);

G_END_DECLS
