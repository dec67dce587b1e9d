/* lg-whatsapp-export.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lg-export-job.h"

G_BEGIN_DECLS

/* WhatsApp's "Export chat": the .txt ("Without media") or the .zip with the
 * media and the chat's .txt in it, one chat per file, dates and times as the
 * phone's locale writes them. The file is read twice, a line at a time, never
 * whole: once to learn how it writes dates (is 03/04 the 3rd of April or
 * March the 4th? a 13 or more anywhere tells), once to read the messages.
 * When nothing in the file tells, job->date_order must (otherwise
 * LG_SOURCES_ERROR_AMBIGUOUS_DATES, and nothing is read). The chat becomes a
 * source of kind whatsapp_export named after the file; system lines (joins,
 * the encryption notice, media left out, deleted messages) are counted in
 * stats.skipped. A message's id comes from its time, author, text and its
 * place among identical ones, so that importing the same chat again, or a
 * longer export of it, adds only what is new. */

gboolean lg_whatsapp_export_read  (LgExportJob  *job,
                                   GError      **error);

/* Whether the file, whose first bytes are head, is a WhatsApp chat export:
 * a .txt whose first line is a message, or a zip with one in it. */
gboolean lg_whatsapp_export_sniff (const char   *path,
                                   const char   *head,
                                   gsize         length);

G_END_DECLS
