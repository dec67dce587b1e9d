/* lg-html-text.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* An attribute's value as valid UTF-8, or NULL (also when node is NULL). */
char *lg_html_attr      (xmlNode    *node,
                         const char *name);
/* Text as a browser lays it out: runs of white space are one space, <br>
 * and blocks break lines, a link whose text is not its target keeps the
 * target in brackets; lines trimmed, valid UTF-8. NULL when node is NULL. */
char *lg_html_node_text (xmlNode    *node);
/* The same for a fragment of HTML (a feed item's content); "" when empty. */
char *lg_html_to_text   (const char *html,
                         gsize       length);

G_END_DECLS
