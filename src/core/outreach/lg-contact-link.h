/* lg-contact-link.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where "Open Chat" takes the user, best first. */
typedef enum
{
  LG_CONTACT_NONE,
  LG_CONTACT_TELEGRAM, /* the person's Telegram: a chat with them */
  LG_CONTACT_EMAIL,    /* a new email to them, the draft in it */
  LG_CONTACT_THREAD,   /* the conversation they wrote in (a post, a forum thread) */
} LgContactKind;

typedef struct
{
  LgContactKind kind;
  char         *uri;          /* NULL for LG_CONTACT_NONE */
  char         *fallback_uri; /* when no app takes uri (https://t.me/… for tg://), or NULL */
} LgContactLink;

/* Each builds a link only from a value that passes its check (a Telegram
 * username by lg_channel_handle_is_valid(), an email address by
 * lg_lead_validate_email(), an http(s) address with a host), so a name from
 * a message cannot point anywhere else; NULL when it does not. */
/* "tg://resolve?domain=HANDLE", or with web "https://t.me/HANDLE"; handle may
 * start with "@". */
char          *lg_contact_telegram_uri (const char    *handle,
                                        gboolean       web);
/* "mailto:ADDRESS?subject=…&body=…", every part escaped (RFC 6068); subject
 * and body may be NULL. */
char          *lg_contact_mailto_uri   (const char    *email,
                                        const char    *subject,
                                        const char    *body);
char          *lg_contact_thread_uri   (const char    *permalink);

/* The best way to reach a person: their Telegram, else their email (with
 * subject and body), else the thread of their message. */
LgContactKind  lg_contact_link_choose  (LgContactLink *link,
                                        const char    *telegram_handle,
                                        const char    *email,
                                        const char    *permalink,
                                        const char    *subject,
                                        const char    *body);
void           lg_contact_link_clear   (LgContactLink *link);

G_END_DECLS
