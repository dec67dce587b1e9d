/* lg-telegram-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reads t.me/s/NAME pages with libxml2's HTML parser and XPath: the page is
 * real HTML with its quirks, and a parser that builds the tree the way a
 * browser would survives re-indented or slightly broken pages where pattern
 * matching would not.
 */

#define G_LOG_DOMAIN "lg-telegram-page"

#include "config.h"

#include <glib/gi18n.h>
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>

#include "lg-channel-handle.h"
#include "lg-html-text.h"
#include "lg-sources.h"
#include "lg-telegram-page.h"

/* Matches one class among the space-separated list of @class. */
#define HAS_CLASS(c) "contains(concat(' ', normalize-space(@class), ' '), ' " c " ')"

struct _LgTelegramPage
{
  GObject    parent_instance;

  GPtrArray *messages;
  gint64     before;
  gint64     after;
  char      *title;
  gboolean   empty;
};

G_DEFINE_FINAL_TYPE (LgTelegramPage, lg_telegram_page, G_TYPE_OBJECT)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlXPathContext, xmlXPathFreeContext)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlXPathObject, xmlXPathFreeObject)

static void
lg_telegram_page_finalize (GObject *object)
{
  LgTelegramPage *self = LG_TELEGRAM_PAGE (object);

  g_clear_pointer (&self->messages, g_ptr_array_unref);
  g_free (self->title);

  G_OBJECT_CLASS (lg_telegram_page_parent_class)->finalize (object);
}

static void
lg_telegram_page_class_init (LgTelegramPageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lg_telegram_page_finalize;
}

static void
lg_telegram_page_init (LgTelegramPage *self)
{
  self->messages = g_ptr_array_new_with_free_func (g_object_unref);
}

gint64
lg_telegram_parse_count (const char *text)
{
  g_autofree char *clean = NULL;
  double value;
  char *end = NULL;

  if (text == NULL)
    return -1;

  clean = g_strstrip (g_strdup (text));
  value = g_ascii_strtod (clean, &end);
  /* Also refuses NaN. */
  if (end == clean || !(value >= 0))
    return -1;

  switch (*end)
    {
    case '\0':
      break;
    case 'K':
    case 'k':
      value *= 1e3;
      end++;
      break;
    case 'M':
    case 'm':
      value *= 1e6;
      end++;
      break;
    case 'B':
    case 'b':
      value *= 1e9;
      end++;
      break;
    default:
      return -1;
    }

  /* Infinity and anything else a gint64 cannot hold is no count either:
   * converting it would be undefined. */
  if (*end != '\0' || !(value + 0.5 < (double) G_MAXINT64))
    return -1;

  return (gint64) (value + 0.5);
}

/* XPath helpers. */

static xmlXPathObject *
eval (xmlXPathContext *ctx,
      xmlNode         *node,
      const char      *expr)
{
  ctx->node = node;
  return xmlXPathEvalExpression ((const xmlChar *) expr, ctx);
}

static xmlNode *
find_node (xmlXPathContext *ctx,
           xmlNode         *node,
           const char      *expr)
{
  g_autoptr(xmlXPathObject) result = eval (ctx, node, expr);

  if (result == NULL || result->nodesetval == NULL || result->nodesetval->nodeNr == 0)
    return NULL;
  return result->nodesetval->nodeTab[0];
}

/* 123 for "https://t.me/name/123?single"; 0 when the path ends otherwise. */
static gint64
path_number (const char *href)
{
  const char *end;
  const char *start;

  if (href == NULL)
    return 0;

  end = href + strcspn (href, "?#");
  start = end;
  while (start > href && g_ascii_isdigit (start[-1]))
    start--;
  if (start == end || (start > href && start[-1] != '/'))
    return 0;
  return g_ascii_strtoll (start, NULL, 10);
}

/* 1001 for key "before" in "/s/name?before=1001". */
/* A cursor is a post's number: anything else (negative, too large, not a
 * number) is no cursor, so that no request is ever made for ?before=-1. */
static gint64
cursor_number (const char *text)
{
  guint64 number;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &number, NULL))
    return 0;
  return (gint64) number;
}

static gint64
query_number (const char *href,
              const char *key)
{
  const char *query = href != NULL ? strchr (href, '?') : NULL;
  g_auto(GStrv) pairs = NULL;

  if (query == NULL)
    return 0;

  pairs = g_strsplit (query + 1, "&", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *eq = strchr (pairs[i], '=');

      if (eq != NULL && (gsize) (eq - pairs[i]) == strlen (key) &&
          strncmp (pairs[i], key, eq - pairs[i]) == 0)
        return cursor_number (eq + 1);
    }
  return 0;
}

/* The parts of a post, found in one walk over its subtree: an XPath search
 * per part made parsing ten times slower. Each part is the first element in
 * document order that carries its class (and element name, when given). */
typedef enum
{
  PART_DATE_LINK,
  PART_TEXT,
  PART_VIEWS,
  PART_SIGNATURE,
  PART_OWNER,
  PART_FORWARDED,
  PART_META,
  PART_REPLY,
  N_PARTS
} PostPart;

static const struct
{
  const char *cls;
  const char *element;       /* NULL: any */
  gboolean    outside_quote; /* not inside a quoted reply or a link preview */
} part_rules[N_PARTS] = {
  [PART_DATE_LINK] = { "tgme_widget_message_date", "a", FALSE },
  [PART_TEXT] = { "tgme_widget_message_text", "div", TRUE },
  [PART_VIEWS] = { "tgme_widget_message_views", NULL, FALSE },
  [PART_SIGNATURE] = { "tgme_widget_message_from_author", NULL, FALSE },
  [PART_OWNER] = { "tgme_widget_message_owner_name", NULL, FALSE },
  [PART_FORWARDED] = { "tgme_widget_message_forwarded_from_name", NULL, FALSE },
  [PART_META] = { "tgme_widget_message_meta", NULL, FALSE },
  [PART_REPLY] = { "tgme_widget_message_reply", "a", FALSE },
};

/* The media a post carries, by the classes of t.me's widgets, in order of
 * precedence; media inside a quoted reply or a link preview is not the post's. */
static const struct { const char *cls; const char *kind; } media_kinds[] = {
  { "tgme_widget_message_roundvideo_player", "video" },
  { "tgme_widget_message_video_player", "video" },
  { "tgme_widget_message_voice_player", "voice" },
  { "tgme_widget_message_photo_wrap", "photo" },
  { "tgme_widget_message_poll", "poll" },
  { "tgme_widget_message_sticker_wrap", "sticker" },
  { "tgme_widget_message_tgsticker_wrap", "sticker" },
  { "tgme_widget_message_videosticker_wrap", "sticker" },
  { "tgme_widget_message_document_wrap", "document" },
  { "tgme_widget_message_location_wrap", "location" },
};

typedef struct
{
  xmlNode *parts[N_PARTS];
  xmlNode *time;   /* the first <time datetime> */
  guint    media;  /* index in media_kinds, or G_N_ELEMENTS (media_kinds) */
} PostParts;

/* Whether the space-separated class list holds name, as XPath's
 * contains(concat(' ', normalize-space(@class), ' '), ' name ') does. */
static gboolean
class_list_has (const char *classes,
                const char *name)
{
  gsize length = strlen (name);
  const char *p = classes;

  while (*p != '\0')
    {
      const char *end;

      while (g_ascii_isspace (*p))
        p++;
      end = p;
      while (*end != '\0' && !g_ascii_isspace (*end))
        end++;
      if ((gsize) (end - p) == length && strncmp (p, name, length) == 0)
        return TRUE;
      p = end;
    }
  return FALSE;
}

static void
find_parts (xmlNode   *node,
            gboolean   in_quote,
            PostParts *parts)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      const char *name = (const char *) child->name;
      g_autofree char *classes = NULL;
      gboolean quote = in_quote;

      if (child->type != XML_ELEMENT_NODE)
        continue;

      if (parts->time == NULL && g_ascii_strcasecmp (name, "time") == 0 &&
          xmlHasProp (child, (const xmlChar *) "datetime") != NULL)
        parts->time = child;

      classes = lg_html_attr (child, "class");
      if (classes != NULL)
        {
          for (guint i = 0; i < N_PARTS; i++)
            if (parts->parts[i] == NULL &&
                (part_rules[i].element == NULL ||
                 g_ascii_strcasecmp (name, part_rules[i].element) == 0) &&
                !(part_rules[i].outside_quote && in_quote) &&
                class_list_has (classes, part_rules[i].cls))
              parts->parts[i] = child;

          for (guint i = 0; !in_quote && i < parts->media; i++)
            if (class_list_has (classes, media_kinds[i].cls))
              parts->media = i;

          quote = in_quote || class_list_has (classes, "tgme_widget_message_reply") ||
                  class_list_has (classes, "tgme_widget_message_link_preview");
        }

      find_parts (child, quote, parts);
    }
}

static void
set_unexpected (GError     **error,
                const char  *channel,
                const char  *part)
{
  if (channel != NULL)
    g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_UNEXPECTED_PAGE,
                 _("The page of @%s is not shaped like a channel preview: %s is missing. "
                   "Telegram may have changed its pages; try again later."), channel, part);
  else
    g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_UNEXPECTED_PAGE,
                 _("The page is not shaped like a channel preview: %s is missing."), part);
}

static LgMessage *
parse_post (xmlNode     *post,
            const char  *channel,
            GError     **error)
{
  g_autoptr(LgMessage) message = lg_message_new ();
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *data_post = lg_html_attr (post, "data-post");
  g_autofree char *datetime = NULL;
  g_autofree char *permalink = NULL;
  g_autofree char *text = NULL;
  g_autofree char *views = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *forwarded = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *reply = NULL;
  g_autofree char *name = NULL;
  g_autofree char *id = NULL;
  const char *slash = data_post != NULL ? strrchr (data_post, '/') : NULL;
  PostParts parts = { { NULL }, NULL, G_N_ELEMENTS (media_kinds) };
  guint64 number = 0;

  /* The post's number, written the one way ids are: "051" is post 51, and
   * "7?x" no number at all. */
  if (slash == NULL || !g_ascii_isdigit (slash[1]) ||
      !g_ascii_string_to_unsigned (slash + 1, 10, 1, G_MAXINT64, &number, NULL))
    {
      set_unexpected (error, channel, _("the id of a post (data-post)"));
      return NULL;
    }
  name = g_strndup (data_post, slash - data_post);
  id = g_strdup_printf ("%" G_GUINT64_FORMAT, number);

  find_parts (post, FALSE, &parts);
  datetime = lg_html_attr (parts.time, "datetime");
  if (datetime == NULL || (time = g_date_time_new_from_iso8601 (datetime, NULL)) == NULL)
    {
      g_autofree char *part = g_strdup_printf (_("the date of post %s"), data_post);

      set_unexpected (error, channel, part);
      return NULL;
    }

  /* The link is built from the channel's name and the post's number when
   * both pass the checks, never taken from the page as it is. */
  permalink = lg_channel_handle_post_link (name, id);

  text = lg_html_node_text (parts.parts[PART_TEXT]);
  views = lg_html_node_text (parts.parts[PART_VIEWS]);
  signature = lg_html_node_text (parts.parts[PART_SIGNATURE]);
  owner = lg_html_node_text (parts.parts[PART_OWNER]);
  forwarded = lg_html_node_text (parts.parts[PART_FORWARDED]);
  meta = lg_html_node_text (parts.parts[PART_META]);
  reply = lg_html_attr (parts.parts[PART_REPLY], "href");

  lg_message_set_external_id (message, id);
  lg_message_set_sent_at (message, g_date_time_to_unix (time));
  lg_message_set_permalink (message, permalink);
  lg_message_set_text (message, text != NULL ? text : "");
  lg_message_set_views (message, lg_telegram_parse_count (views));
  /* A signed post is the signer's; an unsigned one speaks for the channel. */
  if (signature != NULL && *signature != '\0')
    lg_message_set_author_name (message, signature);
  else
    {
      lg_message_set_author_name (message, owner);
      lg_message_set_author_handle (message, name);
    }
  lg_message_set_forwarded_from (message, forwarded);
  lg_message_set_edited (message, meta != NULL && strstr (meta, "edited") != NULL);
  lg_message_set_media_kind (message, parts.media < G_N_ELEMENTS (media_kinds)
                                        ? media_kinds[parts.media].kind : NULL);
  if (path_number (reply) > 0)
    {
      g_autofree char *reply_id = g_strdup_printf ("%" G_GINT64_FORMAT, path_number (reply));

      lg_message_set_reply_to (message, reply_id);
    }

  return g_steal_pointer (&message);
}

static gint64
find_cursor (xmlXPathContext *ctx,
             xmlNode         *root,
             const char      *attribute,
             const char      *rel)
{
  g_autofree char *more_expr = g_strdup_printf ("//a[@%s][" HAS_CLASS ("tme_messages_more") "]",
                                                attribute);
  g_autofree char *link_expr = g_strdup_printf ("//link[@rel='%s'][@href]", rel);
  g_autofree char *value = lg_html_attr (find_node (ctx, root, more_expr), attribute);
  g_autofree char *href = NULL;

  if (value != NULL)
    return cursor_number (value);

  href = lg_html_attr (find_node (ctx, root, link_expr), "href");
  return query_number (href, attribute + strlen ("data-"));
}

static gint
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 ia = g_ascii_strtoll (lg_message_get_external_id (*(LgMessage **) a), NULL, 10);
  gint64 ib = g_ascii_strtoll (lg_message_get_external_id (*(LgMessage **) b), NULL, 10);

  return (ia > ib) - (ia < ib);
}

/* A page without posts is either a channel that has none, or t.me's page
 * for a name that has no public preview (a person, a group, a private
 * channel) or that nobody has. */
static gboolean
classify_page (LgTelegramPage   *self,
               xmlXPathContext  *ctx,
               xmlNode          *root,
               const char       *channel,
               GError          **error)
{
  const char *shown = channel != NULL ? channel : "";

  if (find_node (ctx, root, "//*[" HAS_CLASS ("tgme_channel_history") "]") != NULL ||
      find_node (ctx, root, "//*[" HAS_CLASS ("tgme_widget_message_wrap") "]") != NULL)
    {
      self->empty = TRUE;
      return TRUE;
    }

  if (find_node (ctx, root, "//*[" HAS_CLASS ("tgme_page") "]") != NULL)
    {
      if (find_node (ctx, root, "//*[" HAS_CLASS ("tgme_page_title") "]") != NULL)
        g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_NOT_PUBLIC,
                     _("@%s has no public web preview: it is a group, a private channel or a "
                       "person. Export the chat from Telegram Desktop and import the export "
                       "instead."), shown);
      else
        g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_NO_SUCH_CHANNEL,
                     _("There is no Telegram channel called @%s. Check the spelling."), shown);
      return FALSE;
    }

  set_unexpected (error, channel, _("the list of messages (tgme_channel_history)"));
  return FALSE;
}

LgTelegramPage *
lg_telegram_page_parse (const char           *html,
                        gsize                 length,
                        const char           *channel,
                        LgTelegramPageFlags   flags,
                        GError              **error)
{
  g_autoptr(LgTelegramPage) self = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(xmlXPathContext) ctx = NULL;
  g_autoptr(xmlXPathObject) posts = NULL;
  xmlNode *root;

  g_return_val_if_fail (html != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length > G_MAXINT)
    {
      set_unexpected (error, channel, _("a page of reasonable size"));
      return NULL;
    }

  doc = htmlReadMemory (html, (int) length, NULL, "UTF-8",
                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_NONET | HTML_PARSE_COMPACT);
  root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  if (root == NULL)
    {
      if (flags & LG_TELEGRAM_PAGE_FRAGMENT)
        return g_object_new (LG_TYPE_TELEGRAM_PAGE, NULL);
      set_unexpected (error, channel, _("the whole page (it is empty)"));
      return NULL;
    }

  self = g_object_new (LG_TYPE_TELEGRAM_PAGE, NULL);
  ctx = xmlXPathNewContext (doc);
  /* The cheap test first: few elements have a data-post. */
  posts = eval (ctx, root, "//div[@data-post][" HAS_CLASS ("tgme_widget_message") "]");

  for (int i = 0; posts != NULL && posts->nodesetval != NULL && i < posts->nodesetval->nodeNr; i++)
    {
      LgMessage *message = parse_post (posts->nodesetval->nodeTab[i], channel, error);

      if (message == NULL)
        return NULL;
      g_ptr_array_add (self->messages, message);
    }

  g_ptr_array_sort (self->messages, compare_ids);
  self->title = lg_html_node_text (find_node (ctx, root,
                                      "//*[" HAS_CLASS ("tgme_channel_info_header_title") "]"));
  self->before = find_cursor (ctx, root, "data-before", "prev");
  self->after = find_cursor (ctx, root, "data-after", "next");

  if (self->messages->len == 0 && !(flags & LG_TELEGRAM_PAGE_FRAGMENT) &&
      !classify_page (self, ctx, root, channel, error))
    return NULL;

  return g_steal_pointer (&self);
}

GPtrArray *
lg_telegram_page_get_messages (LgTelegramPage *self)
{
  g_return_val_if_fail (LG_IS_TELEGRAM_PAGE (self), NULL);

  return self->messages;
}

gint64
lg_telegram_page_get_before (LgTelegramPage *self)
{
  g_return_val_if_fail (LG_IS_TELEGRAM_PAGE (self), 0);

  return self->before;
}

gint64
lg_telegram_page_get_after (LgTelegramPage *self)
{
  g_return_val_if_fail (LG_IS_TELEGRAM_PAGE (self), 0);

  return self->after;
}

const char *
lg_telegram_page_get_title (LgTelegramPage *self)
{
  g_return_val_if_fail (LG_IS_TELEGRAM_PAGE (self), NULL);

  return self->title;
}

gboolean
lg_telegram_page_is_empty (LgTelegramPage *self)
{
  g_return_val_if_fail (LG_IS_TELEGRAM_PAGE (self), FALSE);

  return self->empty;
}
