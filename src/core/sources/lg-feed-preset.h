/* lg-feed-preset.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The places a feed is made for from what the user types, so nobody needs
 * to know where a subreddit keeps its feed. */
typedef enum
{
  LG_FEED_PRESET_URL,        /* any feed's address */
  LG_FEED_PRESET_REDDIT,     /* "smallbusiness", "r/smallbusiness", "smallbusiness?need a crm" */
  LG_FEED_PRESET_MASTODON,   /* "mastodon.social/freelance", "#freelance@mastodon.social" */
  LG_FEED_PRESET_DISCOURSE,  /* a forum's address; "/posts" at its end for every post */
  LG_FEED_PRESET_HACKER_NEWS,/* words that stories or comments must contain */
  LG_FEED_PRESET_LEMMY,      /* "lemmy.world/c/selfhosted", "!selfhosted@lemmy.world" */
} LgFeedPreset;

/* What a preset makes of the user's words: the feed's address, the title
 * the source starts with ("r/smallbusiness", "#freelance on
 * mastodon.social"), and whether the feed's own title should replace it
 * once it is known (a forum's name, a blog's). */
typedef struct
{
  char     *url;
  char     *title;
  gboolean  feed_names_it;
} LgFeedTarget;

void      lg_feed_target_clear  (LgFeedTarget  *target);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LgFeedTarget, lg_feed_target_clear)

/* FALSE with LG_SOURCES_ERROR_INVALID_HANDLE, saying what is expected,
 * when input does not fit the preset. The environment variable
 * LEADGRAM_FEED_BASE_URL, for tests and screenshots, moves every preset's
 * site under it: https://www.reddit.com/r/x/new/.rss becomes
 * BASE/www.reddit.com/r/x/new/.rss. */
gboolean  lg_feed_preset_build  (LgFeedPreset   preset,
                                 const char    *input,
                                 LgFeedTarget  *target,
                                 GError       **error);

/* The command line's one-word form: "reddit:NAME", "reddit:NAME?WORDS",
 * "mastodon:SERVER/TAG", "discourse:URL", "hn:WORDS", "lemmy:SERVER/c/NAME",
 * or an address. */
gboolean  lg_feed_preset_parse  (const char    *spec,
                                 LgFeedTarget  *target,
                                 GError       **error);

G_END_DECLS
