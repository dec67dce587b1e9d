/* lg-feed.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RSS, Atom and JSON Feed items as messages. The XML formats are walked as
 * a tree by element name, whatever prefix a feed gives its namespaces:
 * real feeds mix RSS with Atom, Dublin Core and content:encoded freely, and
 * what an element means hardly ever depends on more than its name and
 * parent.
 */

#define G_LOG_DOMAIN "lg-feed"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/uri.h>

#include "lg-feed.h"
#include "lg-html-text.h"
#include "lg-sources.h"

#define HN_ITEM_URL "https://news.ycombinator.com/item?id="

struct _LgFeed
{
  GObject       parent_instance;

  LgFeedFormat  format;
  char         *title;
  char         *icon_url;
  GPtrArray    *messages;
};

G_DEFINE_FINAL_TYPE (LgFeed, lg_feed, G_TYPE_OBJECT)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

static void
lg_feed_finalize (GObject *object)
{
  LgFeed *self = LG_FEED (object);

  g_clear_pointer (&self->messages, g_ptr_array_unref);
  g_free (self->title);
  g_free (self->icon_url);

  G_OBJECT_CLASS (lg_feed_parent_class)->finalize (object);
}

static void
lg_feed_class_init (LgFeedClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lg_feed_finalize;
}

static void
lg_feed_init (LgFeed *self)
{
  self->messages = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Dates. */

static int
month_number (const char *name)
{
  static const char * const months[] = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
  };

  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    if (g_ascii_strncasecmp (name, months[i], 3) == 0)
      return (int) i + 1;
  return 0;
}

/* Minutes east of UTC for an RFC 822 zone; FALSE when unknown. */
static gboolean
zone_offset (const char *zone,
             int        *minutes)
{
  static const struct { const char *name; int hours; } zones[] = {
    { "GMT", 0 }, { "UT", 0 }, { "UTC", 0 }, { "Z", 0 },
    { "EST", -5 }, { "EDT", -4 }, { "CST", -6 }, { "CDT", -5 },
    { "MST", -7 }, { "MDT", -6 }, { "PST", -8 }, { "PDT", -7 },
  };

  if ((zone[0] == '+' || zone[0] == '-') && g_ascii_isdigit (zone[1]))
    {
      int value = atoi (zone + 1);
      /* "+0530", and the "+05:30" some feeds write. */
      if (strlen (zone) >= 6 && zone[3] == ':')
        value = atoi (zone + 1) * 100 + atoi (zone + 4);
      *minutes = (value / 100 * 60 + value % 100) * (zone[0] == '-' ? -1 : 1);
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    if (g_ascii_strcasecmp (zone, zones[i].name) == 0)
      {
        *minutes = zones[i].hours * 60;
        return TRUE;
      }
  return FALSE;
}

static gint64
parse_rfc822 (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " ,\t\r\n", -1);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) when = NULL;
  int day, month, year, hour = 0, minute = 0, offset = 0;
  double second = 0;
  guint i = 0;

  for (guint w = 0; words[w] != NULL; w++)
    if (*words[w] != '\0')
      g_ptr_array_add (parts, words[w]);

  /* The weekday is optional, and not checked. */
  if (i < parts->len && g_ascii_isalpha (((char *) parts->pdata[i])[0]))
    i++;
  if (parts->len < i + 3)
    return 0;
  day = atoi (parts->pdata[i]);
  month = month_number (parts->pdata[i + 1]);
  year = atoi (parts->pdata[i + 2]);
  if (year < 100)
    year += year < 50 ? 2000 : 1900;
  i += 3;
  if (i < parts->len)
    {
      if (sscanf (parts->pdata[i], "%d:%d:%lf", &hour, &minute, &second) < 2)
        return 0;
      i++;
    }
  if (i < parts->len && !zone_offset (parts->pdata[i], &offset))
    offset = 0;
  if (month == 0 || day < 1 || day > 31 || hour > 23 || minute > 59 || second >= 61)
    return 0;

  tz = g_time_zone_new_offset (offset * 60);
  when = g_date_time_new (tz, year, month, day, hour, minute, MIN (second, 59));
  return when != NULL ? g_date_time_to_unix (when) : 0;
}

gint64
lg_feed_parse_date (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *clean = NULL;

  if (text == NULL)
    return 0;
  clean = g_strstrip (g_strdup (text));
  if (*clean == '\0')
    return 0;

  if (g_ascii_isdigit (clean[0]) && strlen (clean) >= 10 && clean[4] == '-')
    {
      /* A date alone is its midnight in UTC. */
      if (clean[10] == '\0')
        {
          g_autofree char *midnight = g_strconcat (clean, "T00:00:00Z", NULL);

          when = g_date_time_new_from_iso8601 (midnight, utc);
        }
      else
        when = g_date_time_new_from_iso8601 (clean, utc);
      return when != NULL ? g_date_time_to_unix (when) : 0;
    }

  return parse_rfc822 (clean);
}

/* Items. */

typedef struct
{
  char   *id;
  char   *title;
  char   *link;
  char   *author;
  char   *author_uri;
  char   *html;      /* the content as HTML */
  char   *plain;     /* or as plain text */
  char   *thread;    /* when not the title */
  gint64  sent_at;
} Item;

static void
item_clear (Item *item)
{
  g_free (item->id);
  g_free (item->title);
  g_free (item->link);
  g_free (item->author);
  g_free (item->author_uri);
  g_free (item->html);
  g_free (item->plain);
  g_free (item->thread);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Item, item_clear)

static void
replace (char       **field,
         const char  *value)
{
  g_free (*field);
  *field = value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

/* Plain text from HTML; text without markup is only tidied, which is most
 * of the time of a big feed saved. */
static char *
html_text (const char *html)
{
  if (strpbrk (html, "<&") == NULL)
    {
      g_autofree char *valid = g_utf8_make_valid (html, -1);

      return g_strstrip (g_strdup (valid));
    }
  return lg_html_to_text (html, strlen (html));
}

/* Reddit ends each item with "submitted by /u/NAME to r/NAME [link]
 * [comments]", and Discourse each topic with "N posts - N participants
 * Read full topic": no part of what the person wrote. */
static gboolean
is_discourse_footer (const char *small)
{
  const char *rest = strstr (small, "</small></p>");

  if (rest == NULL)
    return FALSE;
  rest += strlen ("</small></p>");
  while (g_ascii_isspace (*rest))
    rest++;
  /* Then only the paragraph of the topic's link. */
  return g_str_has_prefix (rest, "<p><a ") && strstr (rest + 1, "<p") == NULL;
}

/* Lemmy begins each post with "submitted by NAME to COMMUNITY<br>N points |
 * N comments", its own words about the post (newer versions in a <div>):
 * the post starts after them. */
static void
drop_lemmy_header (char *html)
{
  const char *start = html;
  const char *points;
  const char *end;
  const char *close;

  while (g_ascii_isspace (*start))
    start++;
  if (g_str_has_prefix (start, "<div>"))
    start += strlen ("<div>");
  if (!g_str_has_prefix (start, "submitted by <a href=") ||
      (points = strstr (start, " points | <a href=")) == NULL ||
      (end = strstr (points, "comments</a>")) == NULL)
    return;
  end += strlen ("comments</a>");
  /* And the line breaks after them: <br>, <br/>, <br />. */
  while (g_str_has_prefix (end, "<br") && end[3] != '\0' && strchr ("/ >", end[3]) != NULL &&
         (close = strchr (end, '>')) != NULL)
    end = close + 1;
  memmove (html, end, strlen (end) + 1);
}

static void
drop_footer (char *html)
{
  char *end = strstr (html, "<!-- SC_ON -->");

  if (end == NULL)
    end = strstr (html, "&#32; submitted by &#32;");
  if (end == NULL)
    end = strstr (html, "&#32; submitted by");
  if (end == NULL && (end = g_strrstr (html, "<p><small>")) != NULL && !is_discourse_footer (end))
    end = NULL;
  if (end != NULL)
    *end = '\0';
}

/* Mastodon's items name no author, but their address does:
 * https://SERVER/@NAME/ID is by @NAME@SERVER. */
static char *
author_from_link (const char *link)
{
  g_autoptr(GUri) uri = link != NULL ? g_uri_parse (link, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *path = uri != NULL ? g_uri_get_path (uri) : NULL;
  const char *end;

  if (path == NULL || !g_str_has_prefix (path, "/@") || (end = strchr (path + 2, '/')) == NULL ||
      end == path + 2 || g_uri_get_host (uri) == NULL)
    return NULL;
  return g_strdup_printf ("%.*s@%s", (int) (end - path - 1), path + 1, g_uri_get_host (uri));
}

static gboolean
is_web_address (const char *link)
{
  return link != NULL && (g_ascii_strncasecmp (link, "https://", 8) == 0 ||
                          g_ascii_strncasecmp (link, "http://", 7) == 0);
}

/* Lemmy names a post's author by their profile's address,
 * https://SERVER/u/NAME: the fediverse calls them @NAME@SERVER. */
static char *
author_from_profile (const char *profile)
{
  g_autoptr(GUri) uri = is_web_address (profile) ? g_uri_parse (profile, G_URI_FLAGS_NONE, NULL)
                                                 : NULL;
  const char *path = uri != NULL ? g_uri_get_path (uri) : NULL;

  if (path == NULL || !g_str_has_prefix (path, "/u/") || path[3] == '\0' ||
      strchr (path + 3, '/') != NULL || g_uri_get_host (uri) == NULL)
    return NULL;
  return g_strdup_printf ("@%s@%s", path + 3, g_uri_get_host (uri));
}

static LgMessage *
item_to_message (Item *item)
{
  LgMessage *message = lg_message_new ();
  g_autofree char *title = item->title != NULL ? html_text (item->title) : NULL;
  g_autofree char *body = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (item->html != NULL)
    {
      drop_lemmy_header (item->html);
      drop_footer (item->html);
      body = html_text (item->html);
    }
  else if (item->plain != NULL)
    body = g_strstrip (g_utf8_make_valid (item->plain, -1));

  if (title != NULL && *title != '\0')
    g_string_append (text, title);
  /* Some feeds repeat the title as the text: once is enough. */
  if (body != NULL && *body != '\0' && g_strcmp0 (body, title) != 0)
    {
      if (text->len > 0)
        g_string_append (text, "\n\n");
      g_string_append (text, body);
    }

  if (item->id == NULL)
    item->id = g_strdup (item->link);
  if (item->id == NULL)
    item->id = g_compute_checksum_for_string (G_CHECKSUM_SHA1, text->str, text->len);

  /* Reddit names people "/u/NAME"; they call themselves "u/NAME". */
  if (item->author != NULL && g_str_has_prefix (item->author, "/u/"))
    memmove (item->author, item->author + 1, strlen (item->author));
  if (item->author == NULL)
    item->author = author_from_link (item->link);
  else if (item->author_uri == NULL)
    {
      char *name = author_from_profile (item->author);

      if (name != NULL)
        {
          item->author_uri = item->author;
          item->author = name;
        }
    }

  lg_message_set_external_id (message, item->id);
  /* Discourse's posts feed names people "@handle Full Name" or "@handle";
   * "@name@server" is a fediverse address, kept whole. */
  if (item->author != NULL && item->author[0] == '@' && strchr (item->author + 1, '@') == NULL)
    {
      const char *space = item->author + strcspn (item->author, " ");
      g_autofree char *handle = g_strndup (item->author + 1, space - item->author - 1);
      g_autofree char *name = g_strstrip (g_strdup (space));

      lg_message_set_author_name (message, *name != '\0' ? name : handle);
      lg_message_set_author_handle (message, handle);
    }
  else
    {
      lg_message_set_author_name (message, item->author);
      lg_message_set_author_handle (message, item->author);
    }
  lg_message_set_author_id (message, item->author_uri);
  lg_message_set_sent_at (message, item->sent_at);
  lg_message_set_text (message, text->str);
  /* The link is opened from the app: a web address only, never a file or
   * a script. */
  lg_message_set_permalink (message, is_web_address (item->link) ? item->link : NULL);
  lg_message_set_thread (message, item->thread != NULL ? item->thread
                                                       : (title != NULL && *title != '\0' ? title
                                                                                          : NULL));
  return message;
}

/* XML. */

static gboolean
is (xmlNode    *node,
    const char *name)
{
  return node->type == XML_ELEMENT_NODE && strcmp ((const char *) node->name, name) == 0;
}

static const char *
ns_href (xmlNode *node)
{
  return node->ns != NULL && node->ns->href != NULL ? (const char *) node->ns->href : "";
}

static char *
content (xmlNode *node)
{
  xmlChar *value = xmlNodeGetContent (node);
  char *copy = NULL;

  if (value != NULL)
    {
      copy = g_strstrip (g_utf8_make_valid ((const char *) value, -1));
      xmlFree (value);
    }
  if (copy != NULL && *copy == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

static char *
attr (xmlNode    *node,
      const char *name)
{
  char *value = lg_html_attr (node, name);

  if (value != NULL)
    g_strstrip (value);
  if (value != NULL && *value == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

static gint64
node_date (xmlNode *node)
{
  g_autofree char *text = content (node);

  return lg_feed_parse_date (text);
}

/* url resolved against the node's xml:base, which falls back on the
 * address the document came from. */
static char *
resolve (xmlNode    *node,
         const char *url)
{
  xmlChar *base;
  xmlChar *full;
  char *result;

  if (url == NULL)
    return NULL;
  base = xmlNodeGetBase (node->doc, node);
  if (base == NULL)
    return g_strdup (url);
  full = xmlBuildURI ((const xmlChar *) url, base);
  xmlFree (base);
  if (full == NULL)
    return g_strdup (url);
  result = g_strdup ((const char *) full);
  xmlFree (full);
  return result;
}

/* An Atom text construct (title, summary, content) as HTML or plain text. */
static void
read_text_construct (xmlNode  *node,
                     char    **html,
                     char    **plain)
{
  g_autofree char *type = attr (node, "type");
  g_autofree char *mode = attr (node, "mode");

  if (type != NULL && (strcmp (type, "xhtml") == 0 || strstr (type, "xhtml") != NULL))
    {
      g_autofree char *text = lg_html_node_text (node);

      replace (plain, text);
      g_clear_pointer (html, g_free);
    }
  else if (type != NULL && (strcmp (type, "html") == 0 || strcmp (type, "text/html") == 0 ||
                            (mode != NULL && strcmp (mode, "escaped") == 0)))
    {
      g_autofree char *text = content (node);

      replace (html, text);
      g_clear_pointer (plain, g_free);
    }
  else
    {
      g_autofree char *text = content (node);

      replace (plain, text);
      g_clear_pointer (html, g_free);
    }
}

static void
read_title (xmlNode *node,
            Item    *item)
{
  g_autofree char *html = NULL;
  g_autofree char *plain = NULL;

  read_text_construct (node, &html, &plain);
  /* The item's title is HTML: a plain one may hold "<" and "&", kept. */
  g_free (item->title);
  if (html != NULL)
    item->title = g_steal_pointer (&html);
  else
    item->title = plain != NULL ? g_markup_escape_text (plain, -1) : NULL;
}

static void
read_atom_entry (xmlNode *entry,
                 Item    *item)
{
  gint64 published = 0, updated = 0;
  g_autofree char *summary_html = NULL;
  g_autofree char *summary_plain = NULL;
  gboolean has_content = FALSE;

  for (xmlNode *child = entry->children; child != NULL; child = child->next)
    {
      if (is (child, "id"))
        {
          g_autofree char *value = content (child);
          replace (&item->id, value);
        }
      else if (is (child, "title"))
        read_title (child, item);
      else if (is (child, "link"))
        {
          g_autofree char *rel = attr (child, "rel");
          g_autofree char *href = attr (child, "href");

          if (href != NULL && (rel == NULL || strcmp (rel, "alternate") == 0) &&
              (item->link == NULL || rel != NULL))
            {
              g_free (item->link);
              item->link = resolve (child, href);
            }
        }
      else if (is (child, "content"))
        {
          read_text_construct (child, &item->html, &item->plain);
          has_content = item->html != NULL || item->plain != NULL;
        }
      else if (is (child, "summary"))
        read_text_construct (child, &summary_html, &summary_plain);
      else if (is (child, "published") || is (child, "issued") || is (child, "created"))
        published = node_date (child);
      else if (is (child, "updated") || is (child, "modified"))
        updated = node_date (child);
      else if (is (child, "author"))
        for (xmlNode *part = child->children; part != NULL; part = part->next)
          {
            g_autofree char *value = content (part);

            if (is (part, "name"))
              replace (&item->author, value);
            else if (is (part, "uri") || is (part, "url"))
              replace (&item->author_uri, value);
          }
    }

  if (!has_content)
    {
      g_free (item->html);
      g_free (item->plain);
      item->html = g_steal_pointer (&summary_html);
      item->plain = g_steal_pointer (&summary_plain);
    }
  item->sent_at = published > 0 ? published : updated;
}

static void
read_rss_item (xmlNode *node,
               Item    *item)
{
  gint64 published = 0, dated = 0;
  g_autofree char *guid_link = NULL;
  g_autofree char *atom_link = NULL;
  g_autofree char *description = NULL;
  g_autofree char *comments = NULL;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      g_autofree char *value = NULL;

      if (child->type != XML_ELEMENT_NODE)
        continue;
      value = content (child);

      if (is (child, "title"))
        replace (&item->title, value);
      else if (is (child, "link") && strstr (ns_href (child), "Atom") != NULL)
        {
          g_autofree char *rel = attr (child, "rel");
          g_autofree char *href = attr (child, "href");

          if (href != NULL && (rel == NULL || strcmp (rel, "alternate") == 0))
            {
              g_free (atom_link);
              atom_link = resolve (child, href);
            }
        }
      else if (is (child, "link") && value != NULL)
        {
          g_free (item->link);
          item->link = resolve (child, value);
        }
      else if (is (child, "guid"))
        {
          g_autofree char *permalink = attr (child, "isPermaLink");

          replace (&item->id, value);
          if (value != NULL && g_strcmp0 (permalink, "false") != 0 &&
              (g_str_has_prefix (value, "http://") || g_str_has_prefix (value, "https://")))
            {
              g_free (guid_link);
              guid_link = resolve (child, value);
            }
        }
      else if (is (child, "encoded") || is (child, "fullitem"))
        replace (&item->html, value);
      else if (is (child, "description"))
        replace (&description, value);
      else if (is (child, "comments"))
        replace (&comments, value);
      else if (is (child, "pubDate"))
        published = lg_feed_parse_date (value);
      else if (is (child, "date") || is (child, "issued") || is (child, "created") ||
               is (child, "modified"))
        dated = dated > 0 ? dated : lg_feed_parse_date (value);
      else if (is (child, "creator") || (is (child, "author") && item->author == NULL))
        replace (&item->author, value);
    }

  /* RSS 1.0 names its items by rdf:about. */
  if (item->id == NULL)
    item->id = attr (node, "about");
  /* A link aggregator's item (Lemmy, hnrss) links the article it shares;
   * the post is its comments page, which is also its id: where the person
   * wrote, the place to answer them. */
  if (comments != NULL && g_strcmp0 (comments, item->id) == 0 && is_web_address (comments))
    {
      g_free (item->link);
      item->link = resolve (node, comments);
    }
  if (item->link == NULL)
    item->link = g_steal_pointer (&guid_link);
  if (item->link == NULL)
    item->link = g_steal_pointer (&atom_link);
  if (item->html == NULL)
    item->html = g_steal_pointer (&description);
  item->sent_at = published > 0 ? published : dated;
}

static void
add_message (LgFeed *self,
             Item   *item)
{
  g_ptr_array_add (self->messages, item_to_message (item));
}

/* The feed's own name and picture, from the children of its <channel> or
 * <feed>. */
static void
read_feed_head (LgFeed  *self,
                xmlNode *head)
{
  for (xmlNode *child = head->children; child != NULL; child = child->next)
    {
      if (is (child, "title") && self->title == NULL)
        {
          g_autofree char *value = content (child);

          self->title = value != NULL ? html_text (value) : NULL;
        }
      else if ((is (child, "icon") || is (child, "logo")) && self->icon_url == NULL)
        {
          g_autofree char *value = content (child);

          self->icon_url = resolve (child, value);
        }
      else if (is (child, "image") && self->icon_url == NULL)
        {
          /* RSS: <image><url>; iTunes: <itunes:image href>. */
          g_autofree char *href = attr (child, "href");

          for (xmlNode *part = child->children; href == NULL && part != NULL; part = part->next)
            if (is (part, "url"))
              href = content (part);
          self->icon_url = resolve (child, href);
        }
    }
  if (self->title != NULL && *self->title == '\0')
    g_clear_pointer (&self->title, g_free);
}

static void
read_rss (LgFeed  *self,
          xmlNode *root)
{
  for (xmlNode *node = root->children; node != NULL; node = node->next)
    {
      if (is (node, "channel"))
        {
          read_feed_head (self, node);
          /* RSS 2.0 puts its items in the channel, RSS 1.0 beside it. */
          read_rss (self, node);
        }
      else if (is (node, "image") && self->icon_url == NULL)
        read_feed_head (self, root);
      else if (is (node, "item"))
        {
          g_auto(Item) item = { 0 };

          read_rss_item (node, &item);
          add_message (self, &item);
        }
    }
}

static void
read_atom (LgFeed  *self,
           xmlNode *root)
{
  read_feed_head (self, root);
  for (xmlNode *node = root->children; node != NULL; node = node->next)
    if (is (node, "entry"))
      {
        g_auto(Item) item = { 0 };

        read_atom_entry (node, &item);
        add_message (self, &item);
      }
}

#define DISCOURSE_NS "http://www.discourse.org/"

/* libxml2 reports through a per-thread handler: the first error of the
 * parse is kept for the message. */
typedef struct
{
  char *first;
  int   line;
} XmlErrors;

static void
collect_error_cb (void        *data,
                  xmlErrorPtr  error)
{
  XmlErrors *errors = data;

  if (error->level >= XML_ERR_ERROR && errors->first == NULL)
    {
      errors->first = g_strstrip (g_strdup (error->message != NULL ? error->message : ""));
      errors->line = error->line;
    }
}

/* Sloppy feeds use HTML's entities (&nbsp;, &hellip;) that XML does not
 * know: each is declared as the character HTML gives it when first met. */
static xmlEntityPtr
get_entity_cb (void          *data,
               const xmlChar *name)
{
  xmlParserCtxtPtr ctxt = data;
  xmlEntityPtr entity = xmlSAX2GetEntity (data, name);
  const htmlEntityDesc *html;
  char utf8[8];

  if (entity != NULL || ctxt->myDoc == NULL || (html = htmlEntityLookup (name)) == NULL)
    return entity;
  if (ctxt->myDoc->intSubset == NULL)
    xmlCreateIntSubset (ctxt->myDoc, BAD_CAST "feed", NULL, NULL);
  utf8[g_unichar_to_utf8 (html->value, utf8)] = '\0';
  return xmlAddDocEntity (ctxt->myDoc, name, XML_INTERNAL_GENERAL_ENTITY, NULL, NULL,
                          BAD_CAST utf8);
}

static gboolean
starts_like_html (const char *data,
                  gsize       length)
{
  g_autofree char *start = g_ascii_strdown (data, MIN (length, 512));

  return strstr (start, "<!doctype html") != NULL || strstr (start, "<html") != NULL;
}

static gboolean
read_xml (LgFeed      *self,
          const char  *data,
          gsize        length,
          const char  *base_url,
          GError     **error)
{
  XmlErrors errors = { NULL, 0 };
  g_autoptr(xmlDoc) doc = NULL;
  g_autofree char *first = NULL;
  xmlParserCtxtPtr ctxt;
  xmlNode *root;

  /* No network and no external entities: a feed must not make Leadgram
   * read files or other addresses. Strict: a feed cut off or broken is
   * refused whole rather than read in part. */
  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    g_error ("%s: out of memory", G_STRFUNC);
  ctxt->sax->getEntity = get_entity_cb;
  xmlSetStructuredErrorFunc (&errors, collect_error_cb);
  doc = xmlCtxtReadMemory (ctxt, data, (int) MIN (length, (gsize) G_MAXINT), base_url, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                           XML_PARSE_HUGE);
  xmlSetStructuredErrorFunc (NULL, NULL);
  xmlFreeParserCtxt (ctxt);
  first = errors.first;

  root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  /* Most web pages are no well-formed XML: they are known by their start. */
  if ((root != NULL && (is (root, "html") || is (root, "HTML"))) ||
      (root == NULL && starts_like_html (data, length)))
    {
      g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_NOT_A_FEED,
                   _("The address leads to a web page, not to a feed. Use the page’s RSS or "
                     "Atom link instead."));
      return FALSE;
    }
  if (doc == NULL || root == NULL)
    {
      g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_DAMAGED_FEED,
                   _("The feed is cut off or damaged (line %d: %s); nothing was imported. "
                     "Sync again later."),
                   errors.line, first != NULL ? first : _("no content"));
      return FALSE;
    }

  if (is (root, "rss") || is (root, "RDF"))
    {
      self->format = LG_FEED_FORMAT_RSS;
      read_rss (self, root);
      /* "Forum - Latest topics": the forum is the place. */
      if (self->title != NULL && xmlSearchNsByHref (doc, root, BAD_CAST DISCOURSE_NS) != NULL &&
          g_strrstr (self->title, " - ") != NULL)
        *g_strrstr (self->title, " - ") = '\0';
    }
  else if (is (root, "feed"))
    {
      self->format = LG_FEED_FORMAT_ATOM;
      read_atom (self, root);
    }
  else
    {
      g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_NOT_A_FEED,
                   _("The address leads to an XML file that is not a feed (it starts with "
                     "<%s>). Use a link to an RSS, Atom or JSON feed."), (const char *) root->name);
      return FALSE;
    }
  return TRUE;
}

/* JSON. */

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* A Unix time given as a number; 0 when it is missing, of another type
 * or before 1970. */
static gint64
member_time (JsonObject *object,
             const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;
  gint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    value = json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE &&
           json_node_get_double (node) < (double) G_MAXINT32 * 1000)
    value = (gint64) json_node_get_double (node);
  else
    return 0;
  return MAX (value, 0);
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* An id may be a number in feeds that do not follow the spec to the letter. */
static char *
member_id (JsonObject *object,
           const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return *json_node_get_string (node) != '\0' ? g_strdup (json_node_get_string (node)) : NULL;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return NULL;
}

static char *
resolve_url (const char *base,
             const char *url)
{
  if (url == NULL || *url == '\0')
    return NULL;
  if (base != NULL)
    {
      char *full = g_uri_resolve_relative (base, url, G_URI_FLAGS_NONE, NULL);

      if (full != NULL)
        return full;
    }
  return g_strdup (url);
}

static void
read_json_feed (LgFeed     *self,
                JsonObject *feed,
                const char *base_url)
{
  JsonArray *items = member_array (feed, "items");
  const char *icon = member_string (feed, "icon");

  self->format = LG_FEED_FORMAT_JSON_FEED;
  replace (&self->title, member_string (feed, "title"));
  self->icon_url = resolve_url (base_url, icon != NULL ? icon : member_string (feed, "favicon"));

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      JsonObject *entry = json_array_get_object_element (items, i);
      JsonObject *author;
      JsonArray *authors;
      g_auto(Item) item = { 0 };
      const char *date;

      if (entry == NULL)
        continue;
      /* 1.1 has a list of authors, 1.0 one author. */
      authors = member_array (entry, "authors");
      author = authors != NULL && json_array_get_length (authors) > 0
               ? json_array_get_object_element (authors, 0)
               : member_object (entry, "author");
      if (author == NULL)
        {
          authors = member_array (feed, "authors");
          author = authors != NULL && json_array_get_length (authors) > 0
                   ? json_array_get_object_element (authors, 0)
                   : member_object (feed, "author");
        }

      item.id = member_id (entry, "id");
      replace (&item.title, member_string (entry, "title"));
      if (item.title != NULL)
        {
          char *escaped = g_markup_escape_text (item.title, -1);

          g_free (item.title);
          item.title = escaped;
        }
      item.link = resolve_url (base_url, member_string (entry, "url"));
      if (item.link == NULL)
        item.link = resolve_url (base_url, member_string (entry, "external_url"));
      replace (&item.html, member_string (entry, "content_html"));
      replace (&item.plain, member_string (entry, "content_text"));
      if (item.html == NULL && item.plain == NULL)
        replace (&item.plain, member_string (entry, "summary"));
      replace (&item.author, member_string (author, "name"));
      replace (&item.author_uri, member_string (author, "url"));
      date = member_string (entry, "date_published");
      item.sent_at = lg_feed_parse_date (date != NULL ? date
                                                      : member_string (entry, "date_modified"));
      add_message (self, &item);
    }
}

/* Hacker News through Algolia's search: stories and comments alike, each
 * linked to its page on news.ycombinator.com. */
static void
read_hn_search (LgFeed     *self,
                JsonObject *result)
{
  JsonArray *hits = member_array (result, "hits");

  self->format = LG_FEED_FORMAT_HN_SEARCH;
  self->title = g_strdup ("Hacker News");

  for (guint i = 0; hits != NULL && i < json_array_get_length (hits); i++)
    {
      JsonObject *hit = json_array_get_object_element (hits, i);
      const char *comment;
      g_auto(Item) item = { 0 };

      if (hit == NULL || (item.id = member_id (hit, "objectID")) == NULL)
        continue;
      item.link = g_strconcat (HN_ITEM_URL, item.id, NULL);
      replace (&item.author, member_string (hit, "author"));
      item.sent_at = member_time (hit, "created_at_i");
      if (item.sent_at == 0)
        item.sent_at = lg_feed_parse_date (member_string (hit, "created_at"));

      comment = member_string (hit, "comment_text");
      if (comment != NULL)
        {
          replace (&item.html, comment);
          replace (&item.thread, member_string (hit, "story_title"));
          if (item.thread != NULL)
            g_strstrip (item.thread);
        }
      else
        {
          replace (&item.title, member_string (hit, "title"));
          if (item.title != NULL)
            {
              char *escaped = g_markup_escape_text (item.title, -1);

              g_free (item.title);
              item.title = escaped;
            }
          replace (&item.html, member_string (hit, "story_text"));
          if (item.html == NULL)
            replace (&item.plain, member_string (hit, "url"));
        }
      add_message (self, &item);
    }
}

static gboolean
read_json (LgFeed      *self,
           const char  *data,
           gsize        length,
           const char  *base_url,
           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonObject *object;
  const char *version;

  if (!json_parser_load_from_data (parser, data, (gssize) MIN (length, (gsize) G_MAXSSIZE),
                                   &local_error))
    {
      g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_DAMAGED_FEED,
                   _("The feed is cut off or damaged (%s); nothing was imported. Sync again "
                     "later."), local_error->message);
      return FALSE;
    }

  root = json_parser_get_root (parser);
  object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  version = member_string (object, "version");
  if (version != NULL && g_str_has_prefix (version, "https://jsonfeed.org/version/"))
    read_json_feed (self, object, base_url);
  else if (object != NULL && member_array (object, "hits") != NULL)
    read_hn_search (self, object);
  else
    {
      g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_NOT_A_FEED,
                   _("The address leads to JSON that is not a JSON Feed. Use a link to an RSS, "
                     "Atom or JSON feed."));
      return FALSE;
    }
  return TRUE;
}

LgFeed *
lg_feed_parse (const char  *data,
               gsize        length,
               const char  *base_url,
               GError     **error)
{
  g_autoptr(LgFeed) self = NULL;
  gsize start = 0;
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  /* A byte order mark and white space may come before either format. */
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    start = 3;
  while (start < length && g_ascii_isspace (data[start]))
    start++;
  if (start == length)
    {
      g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_DAMAGED_FEED,
                   _("The feed came empty; nothing was imported. Sync again later."));
      return NULL;
    }

  self = g_object_new (LG_TYPE_FEED, NULL);
  if (data[start] == '{' || data[start] == '[')
    ok = read_json (self, data + start, length - start, base_url, error);
  else if (data[start] == '<')
    ok = read_xml (self, data, length, base_url, error);
  else
    {
      g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_NOT_A_FEED,
                   _("The address leads to something that is not a feed. Use a link to an "
                     "RSS, Atom or JSON feed."));
      ok = FALSE;
    }
  return ok ? g_steal_pointer (&self) : NULL;
}

LgFeedFormat
lg_feed_get_format (LgFeed *self)
{
  g_return_val_if_fail (LG_IS_FEED (self), LG_FEED_FORMAT_RSS);

  return self->format;
}

const char *
lg_feed_get_title (LgFeed *self)
{
  g_return_val_if_fail (LG_IS_FEED (self), NULL);

  return self->title;
}

const char *
lg_feed_get_icon_url (LgFeed *self)
{
  g_return_val_if_fail (LG_IS_FEED (self), NULL);

  return self->icon_url;
}

GPtrArray *
lg_feed_get_messages (LgFeed *self)
{
  g_return_val_if_fail (LG_IS_FEED (self), NULL);

  return self->messages;
}
