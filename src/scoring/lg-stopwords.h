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

/* Whether @word (as written, @length bytes) is an acronym: two or more capital
 * Latin letters. "IT support" names a trade; "it" is a pronoun. An acronym is
 * never a stop word, whatever it folds to. */
gboolean lg_is_acronym  (const char *word,
                         gsize       length);

G_END_DECLS
