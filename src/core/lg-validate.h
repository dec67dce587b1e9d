/* lg-validate.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checks and normal forms for the contact fields a lead carries, shared by the
 * CSV import and whatever else edits a lead.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  lg_validate_email          (const char *text);
/* Digits with a leading '+' when the number had one ("+1 (555) 010-2030" gives
 * "+15550102030"), or NULL when the text is not a phone number. */
char     *lg_normalize_phone         (const char *text);
/* A Telegram handle without '@' or t.me/, lower-cased, or NULL when invalid. */
char     *lg_normalize_telegram      (const char *text);

G_END_DECLS
