/* lg-thesaurus.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Synonyms from OpenOffice thesauri (the MyThes format that Debian's mythes-en-us
 * and mythes-ru ship: an .idx of "word|offset" lines sorted by word, and a .dat
 * whose entry at each offset is "word|n" followed by n sense lines
 * "(pos)|synonym|synonym (generic term)|…"). The offer reads it to find a buyer
 * who names what the user sells in other words ("accountant" for
 * "bookkeeping"). No I/O here: the caller maps the files and hands their bytes.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LgThesaurus LgThesaurus;

LgThesaurus *lg_thesaurus_new            (void);
LgThesaurus *lg_thesaurus_ref            (LgThesaurus  *self);
void         lg_thesaurus_unref          (LgThesaurus  *self);

/* Adds one dictionary: the .idx and .dat files' contents, kept by reference.
 * Fails with G_FILE_ERROR_INVAL when they are not a UTF-8 MyThes pair. */
gboolean     lg_thesaurus_add_dictionary (LgThesaurus  *self,
                                          GBytes       *index,
                                          GBytes       *data,
                                          GError      **error);

/* The single-word synonyms of @word (lower case), at most @max_words, in every
 * dictionary where it has one sense only: the words listed as meaning the same
 * ("site" for "website"). A word of several senses has none, since nothing
 * tells which sense an offer means. */
GPtrArray   *lg_thesaurus_lookup         (LgThesaurus  *self,
                                          const char   *word,
                                          guint         max_words);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LgThesaurus, lg_thesaurus_unref)

G_END_DECLS
