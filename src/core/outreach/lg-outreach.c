/* lg-outreach.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A lead's first message and the link to where they are, from the lead and
 * the message that found them: what the app's composer and `leadgram-cli
 * lead draft` share.
 */

#define G_LOG_DOMAIN "lg-outreach"

#include "config.h"

#include "lg-outreach.h"

#include <glib/gi18n.h>

#include "lg-format.h"

char *
lg_outreach_draft (LgLead                *lead,
                   LgMessage             *message,
                   const LgOutreachPrefs *prefs,
                   LgDraftLanguage       *language)
{
  static const LgOutreachPrefs no_prefs = { { NULL } };
  const char *text = message != NULL ? lg_message_get_text (message) : NULL;
  const char *template_text;
  g_autofree char *first_name = NULL;
  g_autofree char *their_words = NULL;
  LgDraftFields fields = { NULL };

  g_return_val_if_fail (LG_IS_LEAD (lead), NULL);
  g_return_val_if_fail (language != NULL, NULL);

  if (prefs == NULL)
    prefs = &no_prefs;
  if (*language >= LG_DRAFT_N_LANGUAGES)
    *language = lg_draft_detect_language (text);

  template_text = prefs->templates[*language];
  if (template_text == NULL || *template_text == '\0')
    template_text = lg_draft_default_template (*language);

  first_name = lg_draft_first_name (lg_lead_get_name (lead));
  if (first_name == NULL && message != NULL)
    first_name = lg_draft_first_name (lg_message_get_author_name (message));
  their_words = lg_draft_their_words (text, *language, LG_OUTREACH_THEIR_WORDS_MAX);

  fields.first_name = first_name;
  fields.their_words = their_words;
  fields.offer = prefs->offers[*language];
  fields.source = lg_lead_get_source_title (lead);
  fields.my_name = prefs->my_name;
  return lg_draft_fill (template_text, &fields);
}

char *
lg_outreach_subject (LgMessage       *message,
                     LgDraftLanguage  language)
{
  g_autofree char *words = NULL;

  if (message == NULL)
    return NULL;
  words = lg_draft_their_words (lg_message_get_text (message), language, 60);
  if (words == NULL)
    return NULL;
  return g_strconcat ("Re: ", words, NULL);
}

LgContactKind
lg_outreach_link (LgLead        *lead,
                  LgMessage     *message,
                  const char    *subject,
                  const char    *body,
                  LgContactLink *link)
{
  g_return_val_if_fail (LG_IS_LEAD (lead), LG_CONTACT_NONE);

  return lg_contact_link_choose (link, lg_lead_get_telegram_handle (lead),
                                 lg_lead_get_email (lead),
                                 message != NULL ? lg_message_get_permalink (message) : NULL,
                                 subject, body);
}

char *
lg_outreach_describe_waiting (LgLead    *lead,
                              gint64     now,
                              GTimeZone *tz)
{
  g_autofree char *ago = NULL;

  g_return_val_if_fail (LG_IS_LEAD (lead), NULL);

  /* Only found leads wait: one made by hand or imported was met elsewhere. */
  if (lg_lead_get_first_touch_at (lead) > 0 || lg_lead_get_found_at (lead) <= 0 ||
      lg_stage_is_closed (lg_stage_from_id (lg_lead_get_stage (lead))))
    return NULL;
  ago = lg_format_relative (lg_lead_get_found_at (lead), now, tz);
  /* TRANSLATORS: %s is how long ago, e.g. "3 hours ago". */
  return g_strdup_printf (_("Found %s — not contacted"), ago);
}
