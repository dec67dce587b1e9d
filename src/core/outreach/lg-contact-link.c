/* lg-contact-link.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Links that open a conversation with a lead where they are. Leadgram sends
 * nothing itself: the person reads the draft in their own app and sends it.
 */

#define G_LOG_DOMAIN "lg-contact-link"

#include "config.h"

#include "lg-contact-link.h"

#include "lg-channel-handle.h"
#include "lg-lead-validate.h"

char *
lg_contact_telegram_uri (const char *handle,
                         gboolean    web)
{
  if (handle == NULL)
    return NULL;
  if (handle[0] == '@')
    handle++;
  if (!lg_channel_handle_is_valid (handle))
    return NULL;
  if (web)
    return g_strdup_printf ("https://t.me/%s", handle);
  return g_strdup_printf ("tg://resolve?domain=%s", handle);
}

/* Mail programs want CRLF line breaks in a body (RFC 6068, section 5). */
static char *
escape_mail_text (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autofree char *crlf = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    g_strchomp (lines[i]) /* a CR already there */;
  crlf = g_strjoinv ("\r\n", lines);
  return g_uri_escape_string (crlf, NULL, FALSE);
}

char *
lg_contact_mailto_uri (const char *email,
                       const char *subject,
                       const char *body)
{
  g_autofree char *address = NULL;
  g_autofree char *escaped = NULL;
  GString *uri;
  char separator = '?';

  if (email == NULL || !lg_lead_validate_email (email, &address, NULL) || address == NULL)
    return NULL;

  /* "@" stays; "%", "?", "#" or "&" in a local part must not end the address. */
  escaped = g_uri_escape_string (address, "@", FALSE);
  uri = g_string_new ("mailto:");
  g_string_append (uri, escaped);
  if (subject != NULL && *subject != '\0')
    {
      g_autofree char *text = escape_mail_text (subject);

      g_string_append_printf (uri, "%csubject=%s", separator, text);
      separator = '&';
    }
  if (body != NULL && *body != '\0')
    {
      g_autofree char *text = escape_mail_text (body);

      g_string_append_printf (uri, "%cbody=%s", separator, text);
    }
  return g_string_free (uri, FALSE);
}

char *
lg_contact_thread_uri (const char *permalink)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (permalink == NULL)
    return NULL;
  uri = g_uri_parse (permalink, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return NULL;
  scheme = g_uri_get_scheme (uri);
  if ((g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return NULL;
  return g_uri_to_string (uri);
}

LgContactKind
lg_contact_link_choose (LgContactLink *link,
                        const char    *telegram_handle,
                        const char    *email,
                        const char    *permalink,
                        const char    *subject,
                        const char    *body)
{
  g_return_val_if_fail (link != NULL, LG_CONTACT_NONE);

  link->kind = LG_CONTACT_NONE;
  link->uri = NULL;
  link->fallback_uri = NULL;

  if ((link->uri = lg_contact_telegram_uri (telegram_handle, FALSE)) != NULL)
    {
      link->fallback_uri = lg_contact_telegram_uri (telegram_handle, TRUE);
      link->kind = LG_CONTACT_TELEGRAM;
    }
  else if ((link->uri = lg_contact_mailto_uri (email, subject, body)) != NULL)
    link->kind = LG_CONTACT_EMAIL;
  else if ((link->uri = lg_contact_thread_uri (permalink)) != NULL)
    link->kind = LG_CONTACT_THREAD;
  return link->kind;
}

void
lg_contact_link_clear (LgContactLink *link)
{
  g_clear_pointer (&link->uri, g_free);
  g_clear_pointer (&link->fallback_uri, g_free);
  link->kind = LG_CONTACT_NONE;
}
