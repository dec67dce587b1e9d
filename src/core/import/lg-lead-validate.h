/* lg-lead-validate.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lg-lead.h"

G_BEGIN_DECLS

#define LG_LEAD_VALIDATE_ERROR (lg_lead_validate_error_quark ())

typedef enum
{
  LG_LEAD_VALIDATE_ERROR_EMAIL,
  LG_LEAD_VALIDATE_ERROR_PHONE,
  LG_LEAD_VALIDATE_ERROR_HANDLE,
  LG_LEAD_VALIDATE_ERROR_CURRENCY,
  LG_LEAD_VALIDATE_ERROR_QUALIFICATION,
  LG_LEAD_VALIDATE_ERROR_STAGE,
  LG_LEAD_VALIDATE_ERROR_NAME,
  LG_LEAD_VALIDATE_ERROR_VALUE,
} LgLeadValidateError;

/* Each checks one contact field as a person typed it (or a CSV cell held it)
 * and gives its stored form in *normalized: NULL for an empty value, which is
 * valid and clears the field. On failure the error's message says what is
 * wrong in words a user acts on. */
GQuark   lg_lead_validate_error_quark  (void);

gboolean lg_lead_validate_email        (const char  *text,
                                        char       **normalized,
                                        GError     **error);
gboolean lg_lead_validate_phone        (const char  *text,
                                        char       **normalized,
                                        GError     **error);
gboolean lg_lead_validate_handle       (const char  *text,
                                        char       **normalized,
                                        GError     **error);
gboolean lg_lead_validate_currency     (const char  *text,
                                        char       **normalized,
                                        GError     **error);
/* An amount as typed ("1,200.50"); empty is 0. */
gboolean lg_lead_validate_value        (const char  *text,
                                        gint64      *minor_units,
                                        GError     **error);

/* The phone's digits with a leading + when it had an international prefix
 * ("+", "00"); NULL when it is not a phone number. For dedupe by phone. */
char    *lg_lead_normalize_phone       (const char  *text);
/* The handle's stored form lower-cased, as Telegram ignores the case of a
 * username; NULL when it is not a username. For dedupe by handle. */
char    *lg_lead_handle_key            (const char  *text);
/* The stored email case-folded, for dedupe by email. */
char    *lg_lead_email_key             (const char  *email);

/* All of a lead's fields at once, normalised in place: email, phone, handle,
 * currency (default USD), qualification (default unqualified), and at least
 * one of name, handle, email or phone to call the lead by. */
gboolean lg_lead_validate              (LgLead      *lead,
                                        GError     **error);

G_END_DECLS
