/* lg-outreach.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lg-contact-link.h"
#include "lg-draft.h"
#include "lg-lead.h"
#include "lg-message.h"
#include "lg-pipeline.h"

G_BEGIN_DECLS

/* What the user keeps in Preferences for drafting; the CLI, which has no
 * settings, passes NULL for all of it and drafts with the defaults. */
typedef struct
{
  const char *templates[LG_DRAFT_N_LANGUAGES]; /* NULL or empty: the default */
  const char *offers[LG_DRAFT_N_LANGUAGES];   /* what the user offers, in each */
  const char *my_name;
} LgOutreachPrefs;

/* How many characters of their words a draft refers to. */
#define LG_OUTREACH_THEIR_WORDS_MAX 80

/* The first message to lead, who wrote message (NULL for a lead made by
 * hand), from the template of *language; *language LG_DRAFT_N_LANGUAGES
 * means the language of the message, and is set to the one used. */
char          *lg_outreach_draft   (LgLead                *lead,
                                    LgMessage             *message,
                                    const LgOutreachPrefs *prefs,
                                    LgDraftLanguage       *language);
/* An email's subject: "Re: " and what they asked for, or NULL. */
char          *lg_outreach_subject (LgMessage             *message,
                                    LgDraftLanguage        language);
/* Where Open Chat goes for lead: their Telegram (the lead's handle), their
 * email with the draft in it, or the message's own link. */
LgContactKind  lg_outreach_link    (LgLead                *lead,
                                    LgMessage             *message,
                                    const char            *subject,
                                    const char            *body,
                                    LgContactLink         *link);

/* "Found 3 hours ago — not contacted" for a lead a search found that has
 * had no touch yet, else NULL. tz NULL is local time. */
char          *lg_outreach_describe_waiting (LgLead  *lead,
                                             gint64   now,
                                             GTimeZone *tz);

G_END_DECLS
