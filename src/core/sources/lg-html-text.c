/* lg-html-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * HTML to the plain text a message keeps, shared by the t.me pages and the
 * feeds: both are real HTML read with libxml2's HTML parser.
 */

#define G_LOG_DOMAIN "lg-html-text"

#include "config.h"

#include <string.h>
#include <libxml/HTMLparser.h>

#include "lg-html-text.h"

char *
lg_html_attr (xmlNode    *node,
              const char *name)
{
  xmlChar *value;
  char *copy;

  if (node == NULL)
    return NULL;

  value = xmlGetProp (node, (const xmlChar *) name);
  if (value == NULL)
    return NULL;
  /* libxml2 hands on bytes that are not UTF-8 as they came. */
  copy = g_utf8_make_valid ((const char *) value, -1);
  xmlFree (value);
  return copy;
}

/* Text as a browser lays it out: runs of white space are one space, <br> is
 * a line break, and a link whose text is not its target keeps the target in
 * brackets so nothing the author linked to is lost. */

typedef struct
{
  GString *text;
  gboolean space; /* a collapsed space is pending */
} TextBuilder;

static void append_children (TextBuilder *builder, xmlNode *node);

/* Word by word rather than byte by byte: feeds bring many long texts. */
static void
append_string (TextBuilder *builder,
               const char  *text)
{
  const char *p = text;

  while (*p != '\0')
    {
      const char *word = p;

      if (g_ascii_isspace (*p))
        {
          builder->space = TRUE;
          p++;
          continue;
        }
      while (*p != '\0' && !g_ascii_isspace (*p))
        p++;
      if (builder->space && builder->text->len > 0 &&
          builder->text->str[builder->text->len - 1] != '\n')
        g_string_append_c (builder->text, ' ');
      builder->space = FALSE;
      g_string_append_len (builder->text, word, p - word);
    }
}

static void
append_newline (TextBuilder *builder)
{
  builder->space = FALSE;
  g_string_append_c (builder->text, '\n');
}

static gboolean
link_shows_target (const char *text,
                   const char *href)
{
  const char *bare = href;

  if (g_str_has_prefix (bare, "https://"))
    bare += 8;
  else if (g_str_has_prefix (bare, "http://"))
    bare += 7;

  if (g_strcmp0 (text, href) == 0 || g_strcmp0 (text, bare) == 0)
    return TRUE;
  /* A hashtag links to a search of the channel. */
  if (text[0] == '#' && g_str_has_prefix (href, "?q="))
    return TRUE;
  /* A mention links to the person's page (t.me/NAME, or …/@NAME on the
   * fediverse), a fediverse hashtag to its timeline (…/tags/NAME). */
  if ((text[0] == '#' || text[0] == '@') && text[1] != '\0')
    {
      gsize name_len = strlen (text + 1);
      gsize bare_len = strlen (bare);

      return bare_len > name_len && g_ascii_strcasecmp (bare + bare_len - name_len, text + 1) == 0 &&
             (bare[bare_len - name_len - 1] == '/' || bare[bare_len - name_len - 1] == '@');
    }
  return FALSE;
}

static void
append_link (TextBuilder *builder,
             xmlNode     *node)
{
  g_autofree char *href = lg_html_attr (node, "href");
  TextBuilder inner = { g_string_new (NULL), FALSE };
  g_autofree char *text = NULL;

  append_children (&inner, node);
  text = g_strstrip (g_string_free (inner.text, FALSE));

  append_string (builder, text);
  /* A link within the page ("#fn1") means nothing once the text is apart. */
  if (href != NULL && *href != '\0' && *href != '#' && !g_str_has_prefix (href, "javascript:") &&
      !link_shows_target (text, href))
    {
      if (*text != '\0')
        append_string (builder, " ");
      append_string (builder, "(");
      append_string (builder, href);
      append_string (builder, ")");
    }
}

static gboolean
is_block (const char *name)
{
  static const char * const blocks[] = {
    "blockquote", "div", "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "tr", "table",
    "ul", "ol",
  };

  for (guint i = 0; i < G_N_ELEMENTS (blocks); i++)
    if (g_ascii_strcasecmp (name, blocks[i]) == 0)
      return TRUE;
  return FALSE;
}

static void
append_children (TextBuilder *builder,
                 xmlNode     *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      const char *name = (const char *) child->name;

      if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE)
        append_string (builder, (const char *) child->content);
      else if (child->type != XML_ELEMENT_NODE)
        continue;
      else if (g_ascii_strcasecmp (name, "br") == 0)
        append_newline (builder);
      else if (g_ascii_strcasecmp (name, "a") == 0)
        append_link (builder, child);
      else if (g_ascii_strcasecmp (name, "script") == 0 || g_ascii_strcasecmp (name, "style") == 0)
        continue;
      else if (is_block (name))
        {
          if (builder->text->len > 0)
            append_newline (builder);
          append_children (builder, child);
          append_newline (builder);
        }
      else
        append_children (builder, child);
    }
}

/* Trims the spaces a layout leaves around line breaks, and blank lines at
 * either end. */
char *
lg_html_node_text (xmlNode *node)
{
  TextBuilder builder = { g_string_new (NULL), FALSE };
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) result = g_string_new (NULL);

  if (node == NULL)
    {
      g_string_free (builder.text, TRUE);
      return NULL;
    }

  append_children (&builder, node);
  /* libxml2 hands on bytes that are not UTF-8 as they came: a page served
   * in another encoding, or broken on the way, must not bring them into
   * the database. */
  if (!g_utf8_validate (builder.text->str, builder.text->len, NULL))
    {
      g_autofree char *valid = g_utf8_make_valid (builder.text->str, builder.text->len);

      g_string_assign (builder.text, valid);
    }
  lines = g_strsplit (builder.text->str, "\n", -1);
  g_string_free (builder.text, TRUE);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (result, '\n');
      g_string_append (result, g_strstrip (lines[i]));
    }

  return g_strstrip (g_string_free (g_steal_pointer (&result), FALSE));
}

char *
lg_html_to_text (const char *html,
                 gsize       length)
{
  htmlDocPtr doc;
  xmlNode *root;
  char *text;

  if (html == NULL || length == 0)
    return g_strdup ("");

  /* A fragment is parsed as a page's body; no network, no error output. */
  doc = htmlReadMemory (html, (int) MIN (length, (gsize) G_MAXINT), NULL, "UTF-8",
                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                        HTML_PARSE_NONET | HTML_PARSE_NOBLANKS);
  if (doc == NULL)
    return g_strdup ("");
  root = xmlDocGetRootElement (doc);
  text = root != NULL ? lg_html_node_text (root) : g_strdup ("");
  xmlFreeDoc (doc);
  return text;
}
