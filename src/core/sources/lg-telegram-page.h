/* lg-telegram-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lg-message.h"

G_BEGIN_DECLS

typedef enum
{
  LG_TELEGRAM_PAGE_WHOLE    = 0,      /* a t.me/s/NAME page: its shape is checked */
  LG_TELEGRAM_PAGE_FRAGMENT = 1 << 0, /* a saved piece of one: only the posts it holds */
} LgTelegramPageFlags;

/* One page of a public channel's web preview (t.me/s/NAME), read with
 * libxml2's HTML parser: its posts, oldest first, and the cursors to the
 * pages around it. */
#define LG_TYPE_TELEGRAM_PAGE (lg_telegram_page_get_type ())
G_DECLARE_FINAL_TYPE (LgTelegramPage, lg_telegram_page, LG, TELEGRAM_PAGE, GObject)

/* channel names the channel in error messages (may be NULL). A page that is
 * not a channel preview fails with LG_SOURCES_ERROR_NO_SUCH_CHANNEL,
 * _NOT_PUBLIC or _UNEXPECTED_PAGE (saying which part is missing); a channel
 * without posts parses, with no messages and is_empty set. */
LgTelegramPage *lg_telegram_page_parse        (const char          *html,
                                               gsize                length,
                                               const char          *channel,
                                               LgTelegramPageFlags  flags,
                                               GError             **error);

/* LgMessage items, oldest first; source ids are 0. */
GPtrArray      *lg_telegram_page_get_messages (LgTelegramPage      *self);
/* The id to pass as ?before= for older posts, 0 when this is the oldest page. */
gint64          lg_telegram_page_get_before   (LgTelegramPage      *self);
/* The id to pass as ?after= for newer posts, 0 when the page has no such link. */
gint64          lg_telegram_page_get_after    (LgTelegramPage      *self);
const char     *lg_telegram_page_get_title    (LgTelegramPage      *self);
gboolean        lg_telegram_page_is_empty     (LgTelegramPage      *self);

/* "1.2K" -> 1200, "3.1M" -> 3100000, "436" -> 436; -1 when unreadable. */
gint64          lg_telegram_parse_count       (const char          *text);

G_END_DECLS
