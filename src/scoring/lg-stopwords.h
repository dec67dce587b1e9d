/* lg-stopwords.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether @folded (a case-folded word, "ё" as "е") is an English or Russian
 * function word: "the", "for", "для", "под". */
gboolean lg_is_stopword (const char *folded);

G_END_DECLS
