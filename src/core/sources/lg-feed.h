/* lg-feed.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lg-message.h"

G_BEGIN_DECLS

typedef enum
{
  LG_FEED_FORMAT_RSS,        /* RSS 0.9x, 1.0 (RDF) and 2.0 */
  LG_FEED_FORMAT_ATOM,       /* Atom 1.0 and 0.3 */
  LG_FEED_FORMAT_JSON_FEED,  /* JSON Feed 1.0 and 1.1 */
  LG_FEED_FORMAT_HN_SEARCH,  /* Hacker News' search API (hn.algolia.com/api/v1) */
} LgFeedFormat;

/* One fetched feed, read from its bytes with no I/O: XML with libxml2 (no
 * network, no external entities), JSON with json-glib. Each item is an
 * LgMessage: its guid, id or link as external id (a checksum of its text
 * when it has none), author, time (0 when it has none), link resolved
 * against xml:base and the feed's address, title and text as plain text,
 * the title (or the story it comments on) as thread. */
#define LG_TYPE_FEED (lg_feed_get_type ())
G_DECLARE_FINAL_TYPE (LgFeed, lg_feed, LG, FEED, GObject)

/* base_url is where the feed came from (relative links are resolved
 * against it; may be NULL). A page that is no feed fails with
 * LG_SOURCES_ERROR_NOT_A_FEED, a feed cut off or broken with
 * LG_SOURCES_ERROR_DAMAGED_FEED. */
LgFeed       *lg_feed_parse          (const char  *data,
                                      gsize        length,
                                      const char  *base_url,
                                      GError     **error);

LgFeedFormat  lg_feed_get_format     (LgFeed      *self);
/* The feed's own name, plain text; NULL when it has none. */
const char   *lg_feed_get_title      (LgFeed      *self);
const char   *lg_feed_get_icon_url   (LgFeed      *self);
/* LgMessage items in the feed's order; source ids are 0. */
GPtrArray    *lg_feed_get_messages   (LgFeed      *self);

/* UTC Unix time of an RFC 822 date ("Thu, 01 Jan 2004 19:48:21 GMT", with
 * or without the weekday, seconds, or a four-digit year; zones by name or
 * offset) or an ISO 8601 one ("2003-12-31T10:14:55Z", "2003-12-31"); 0 when
 * unreadable. */
gint64        lg_feed_parse_date     (const char  *text);

G_END_DECLS
