/* lg-draft.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The languages a first message is drafted in: the lead's own. */
typedef enum
{
  LG_DRAFT_ENGLISH,
  LG_DRAFT_RUSSIAN,
  LG_DRAFT_N_LANGUAGES
} LgDraftLanguage;

/* What fills a template's placeholders; NULL or empty leaves the placeholder
 * out, and the space or comma that was before it. */
typedef struct
{
  const char *first_name;   /* {first_name} */
  const char *their_words;  /* {their_words}: lg_draft_their_words() */
  const char *offer;        /* {offer}: what the user sells, in one line */
  const char *source;       /* {source}: where they wrote */
  const char *my_name;      /* {my_name} */
} LgDraftFields;

/* "en" or "ru", for settings keys and the CLI's --lang. */
const char     *lg_draft_language_id          (LgDraftLanguage  language);
/* LG_DRAFT_N_LANGUAGES when id names none. */
LgDraftLanguage lg_draft_language_from_id     (const char      *id);
/* Russian when most of the letters are Cyrillic, else English. */
LgDraftLanguage lg_draft_detect_language      (const char      *text);
/* The template a new installation drafts with; the user's own replaces it. */
const char     *lg_draft_default_template     (LgDraftLanguage  language);
/* What the person asked for, in their words, to refer to: the sentence that
 * carries the request (a question, "looking for", "need", "ищу", "нужен"…),
 * without the request words when they lead to a noun phrase ("a CRM that
 * sends WhatsApp reminders"), else the sentence in quotation marks;
 * shortened at a word to about max_chars characters. NULL when the text
 * has no words. */
char           *lg_draft_their_words          (const char      *text,
                                               LgDraftLanguage  language,
                                               guint            max_chars);
/* The first word of a person's name, NULL for a handle ("@name") or none. */
char           *lg_draft_first_name           (const char      *name);
/* template with its placeholders filled; an unknown {word} stays as it is. */
char           *lg_draft_fill                 (const char      *template_text,
                                               const LgDraftFields *fields);

G_END_DECLS
