/* lg-feed-preset.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-feed-preset"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "lg-feed-preset.h"
#include "lg-sources.h"

void
lg_feed_target_clear (LgFeedTarget *target)
{
  g_clear_pointer (&target->url, g_free);
  g_clear_pointer (&target->title, g_free);
  target->feed_names_it = FALSE;
}

/* https://HOST/PATH, or under LEADGRAM_FEED_BASE_URL when it is set. */
static char *
site_url (const char *host,
          const char *path)
{
  const char *base = g_getenv ("LEADGRAM_FEED_BASE_URL");

  if (base != NULL && *base != '\0')
    return g_strdup_printf ("%s%s%s%s", base, g_str_has_suffix (base, "/") ? "" : "/", host,
                            path);
  return g_strdup_printf ("https://%s%s", host, path);
}

static char *
escape_query (const char *words)
{
  return g_uri_escape_string (words, NULL, FALSE);
}

/* Letters, digits and the few signs a name on these sites may have. */
static gboolean
is_name (const char *text,
         gsize       min,
         gsize       max,
         const char *extra)
{
  gsize length = strlen (text);

  if (length < min || length > max)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr (extra, *p) == NULL)
      return FALSE;
  return TRUE;
}

/* "mastodon.social", lower case; NULL when it cannot be a host name. */
static char *
host_name (const char *text)
{
  g_autofree char *host = g_ascii_strdown (text, -1);

  if (!is_name (host, 3, 253, ".-:") || strchr (host, '.') == NULL)
    return NULL;
  return g_steal_pointer (&host);
}

/* Drops a scheme and "www." so that addresses and bare names read alike. */
static const char *
skip_scheme (const char *text)
{
  if (g_str_has_prefix (text, "https://"))
    text += 8;
  else if (g_str_has_prefix (text, "http://"))
    text += 7;
  return text;
}

static gboolean
build_reddit (const char    *input,
              LgFeedTarget  *target,
              GError       **error)
{
  g_autofree char *name = NULL;
  g_autofree char *clean = NULL;
  const char *words = NULL;
  const char *rest = skip_scheme (input);
  const char *query;
  char *slash;

  /* "reddit.com/r/NAME/…", "r/NAME", "/r/NAME", "NAME"; "?WORDS" searches it. */
  if (strstr (rest, "reddit.com/") != NULL)
    rest = strstr (rest, "reddit.com/") + strlen ("reddit.com/");
  if (rest[0] == '/')
    rest++;
  if (g_str_has_prefix (rest, "r/"))
    rest += 2;
  query = strchr (rest, '?');
  name = query != NULL ? g_strndup (rest, query - rest) : g_strdup (rest);
  if ((slash = strchr (name, '/')) != NULL)
    *slash = '\0';
  if (query != NULL)
    words = query + 1;

  if (!is_name (name, 2, 21, "_"))
    {
      g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_HANDLE,
                   _("“%s” is not a subreddit. Type its name, e.g. smallbusiness or "
                     "r/smallbusiness."), input);
      return FALSE;
    }

  clean = words != NULL ? g_strstrip (g_strdup (words)) : NULL;
  if (clean != NULL && *clean != '\0')
    {
      g_autofree char *escaped = escape_query (clean);
      g_autofree char *path = g_strdup_printf ("/r/%s/search.rss?q=%s&restrict_sr=1&sort=new",
                                               name, escaped);

      target->url = site_url ("www.reddit.com", path);
      /* TRANSLATORS: a search of a subreddit: "r/smallbusiness: “crm”" */
      target->title = g_strdup_printf (_("r/%s: “%s”"), name, clean);
    }
  else
    {
      g_autofree char *path = g_strdup_printf ("/r/%s/new/.rss", name);

      target->url = site_url ("www.reddit.com", path);
      target->title = g_strdup_printf ("r/%s", name);
    }
  return TRUE;
}

/* "SERVER/TAG", "SERVER/tags/TAG", "https://SERVER/tags/TAG", "#TAG@SERVER"
 * and "TAG@SERVER": the server and the tag (without "#"). */
static gboolean
split_server_name (const char  *input,
                   const char  *section,
                   char       **server,
                   char       **name)
{
  const char *rest = skip_scheme (input);
  const char *at = strchr (rest, '@');
  const char *slash = strchr (rest, '/');

  if (at != NULL && (slash == NULL || at < slash))
    {
      *name = g_strndup (rest, at - rest);
      *server = host_name (at + 1);
    }
  else if (slash != NULL)
    {
      const char *tail = slash + 1;
      g_autofree char *host = g_strndup (rest, slash - rest);

      if (g_str_has_prefix (tail, section) && tail[strlen (section)] == '/')
        tail += strlen (section) + 1;
      *server = host_name (host);
      *name = g_strdup (tail);
    }
  else
    return FALSE;

  g_strstrip (*name);
  /* "#tag", "!community": the sigil is not part of the name. */
  if (**name == '#' || **name == '!')
    memmove (*name, *name + 1, strlen (*name));
  if (g_str_has_suffix (*name, "/"))
    (*name)[strlen (*name) - 1] = '\0';
  return *server != NULL && **name != '\0';
}

static gboolean
build_mastodon (const char    *input,
                LgFeedTarget  *target,
                GError       **error)
{
  g_autofree char *server = NULL;
  g_autofree char *tag = NULL;
  g_autofree char *path = NULL;

  /* Tags are letters, digits and underscores in any script. */
  if (!split_server_name (input, "tags", &server, &tag) || strpbrk (tag, "/?#&. ") != NULL)
    {
      g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_HANDLE,
                   _("“%s” does not name a server and a tag. Type them as "
                     "mastodon.social/freelance or #freelance@mastodon.social."), input);
      return FALSE;
    }

  path = g_strdup_printf ("/tags/%s.rss", tag);
  target->url = site_url (server, path);
  /* TRANSLATORS: a hashtag's timeline on a server: "#freelance on mastodon.social" */
  target->title = g_strdup_printf (_("#%s on %s"), tag, server);
  return TRUE;
}

static gboolean
build_lemmy (const char    *input,
             LgFeedTarget  *target,
             GError       **error)
{
  g_autofree char *server = NULL;
  g_autofree char *community = NULL;
  g_autofree char *path = NULL;

  if (!split_server_name (input, "c", &server, &community) ||
      !is_name (community, 1, 100, "_"))
    {
      g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_HANDLE,
                   _("“%s” does not name a server and a community. Type them as "
                     "lemmy.world/c/selfhosted or !selfhosted@lemmy.world."), input);
      return FALSE;
    }

  path = g_strdup_printf ("/feeds/c/%s.xml?sort=New", community);
  target->url = site_url (server, path);
  target->title = g_strdup_printf ("!%s@%s", community, server);
  return TRUE;
}

static gboolean
build_discourse (const char    *input,
                 LgFeedTarget  *target,
                 GError       **error)
{
  const char *rest = skip_scheme (input);
  const char *slash = strchr (rest, '/');
  g_autofree char *site = slash != NULL ? g_strndup (rest, slash - rest) : g_strdup (rest);
  g_autofree char *host = host_name (site);
  gboolean posts = slash != NULL && strstr (slash, "/posts") != NULL;

  if (host == NULL)
    {
      g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_HANDLE,
                   _("“%s” is not a forum’s address. Type it as meta.discourse.org or "
                     "https://meta.discourse.org."), input);
      return FALSE;
    }

  target->url = site_url (host, posts ? "/posts.rss" : "/latest.rss");
  target->title = g_strdup (host);
  target->feed_names_it = TRUE;
  return TRUE;
}

/* Algolia's search API rather than a feed made from it: it is the search
 * Hacker News itself links to, answers stories and comments in one list,
 * newest first, with ids that make the links, and needs no third party
 * between Leadgram and it. */
static gboolean
build_hacker_news (const char    *input,
                   LgFeedTarget  *target,
                   GError       **error)
{
  g_autofree char *words = g_strstrip (g_strdup (input));
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  if (*words == '\0')
    {
      g_set_error_literal (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_HANDLE,
                           _("Type the words that stories or comments must contain, e.g. "
                             "looking for a CRM."));
      return FALSE;
    }

  escaped = escape_query (words);
  path = g_strdup_printf ("/api/v1/search_by_date?query=%s&tags=(story,comment)"
                          "&hitsPerPage=50", escaped);
  target->url = site_url ("hn.algolia.com", path);
  /* TRANSLATORS: a search of Hacker News: "Hacker News: “need a CRM”" */
  target->title = g_strdup_printf (_("Hacker News: “%s”"), words);
  return TRUE;
}

static gboolean
build_url (const char    *input,
           LgFeedTarget  *target,
           GError       **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (input));
  g_autoptr(GUri) uri = NULL;

  /* An address typed without its scheme is taken as https. */
  if (strstr (clean, "://") == NULL)
    {
      char *with_scheme = g_strconcat ("https://", clean, NULL);

      g_free (clean);
      clean = with_scheme;
    }
  uri = g_uri_parse (clean, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL ||
      !is_name (g_uri_get_host (uri), 1, 253, ".-:[]") ||
      (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0 &&
       g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") != 0))
    {
      g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_HANDLE,
                   _("“%s” is not a web address. Paste the feed’s link, e.g. "
                     "https://example.org/feed.xml."), input);
      return FALSE;
    }

  target->url = g_uri_to_string (uri);
  target->title = g_strdup (g_uri_get_host (uri));
  target->feed_names_it = TRUE;
  return TRUE;
}

gboolean
lg_feed_preset_build (LgFeedPreset   preset,
                      const char    *input,
                      LgFeedTarget  *target,
                      GError       **error)
{
  g_autofree char *clean = NULL;

  g_return_val_if_fail (input != NULL, FALSE);
  g_return_val_if_fail (target != NULL && target->url == NULL, FALSE);

  clean = g_strstrip (g_strdup (input));
  switch (preset)
    {
    case LG_FEED_PRESET_REDDIT:
      return build_reddit (clean, target, error);
    case LG_FEED_PRESET_MASTODON:
      return build_mastodon (clean, target, error);
    case LG_FEED_PRESET_DISCOURSE:
      return build_discourse (clean, target, error);
    case LG_FEED_PRESET_HACKER_NEWS:
      return build_hacker_news (clean, target, error);
    case LG_FEED_PRESET_LEMMY:
      return build_lemmy (clean, target, error);
    case LG_FEED_PRESET_URL:
    default:
      return build_url (clean, target, error);
    }
}

gboolean
lg_feed_preset_parse (const char    *spec,
                      LgFeedTarget  *target,
                      GError       **error)
{
  static const struct { const char *prefix; LgFeedPreset preset; } prefixes[] = {
    { "reddit:", LG_FEED_PRESET_REDDIT },
    { "mastodon:", LG_FEED_PRESET_MASTODON },
    { "discourse:", LG_FEED_PRESET_DISCOURSE },
    { "hn:", LG_FEED_PRESET_HACKER_NEWS },
    { "lemmy:", LG_FEED_PRESET_LEMMY },
  };

  g_return_val_if_fail (spec != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_ascii_strncasecmp (spec, prefixes[i].prefix, strlen (prefixes[i].prefix)) == 0)
      return lg_feed_preset_build (prefixes[i].preset, spec + strlen (prefixes[i].prefix),
                                   target, error);
  return lg_feed_preset_build (LG_FEED_PRESET_URL, spec, target, error);
}
