/* fuzz-draft.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reach Out's reading of a stranger's message (lg-draft.c), fed any text as
 * the message, its author's name and a template. Beyond not crashing: what
 * it returns is UTF-8, the words it refers to are no longer than asked
 * (with an ellipsis and quotation marks at most), and a draft keeps the
 * template's own words.
 */

#include "config.h"

#include <string.h>

#include "lg-draft.h"
#include "lg-fuzz.h"

#define MAX_CHARS 40

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  lg_fuzz_init_logging ();
  return 0;
}

static void
check_words (const char      *text,
             LgDraftLanguage  language)
{
  g_autofree char *words = lg_draft_their_words (text, language, MAX_CHARS);

  if (words == NULL)
    return;
  g_assert_true (g_utf8_validate (words, -1, NULL));
  g_assert_cmpstr (words, !=, "");
  /* The cut, "…", and two quotation marks. */
  g_assert_cmpint (g_utf8_strlen (words, -1), <=, MAX_CHARS + 3);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* The store keeps messages in UTF-8: what is not is made so first. */
  g_autofree char *text = g_utf8_make_valid ((const char *) data, (gssize) size);
  g_autofree char *first_name = lg_draft_first_name (text);
  g_autofree char *words = lg_draft_their_words (text, LG_DRAFT_ENGLISH, MAX_CHARS);
  g_autofree char *draft = NULL;
  g_autofree char *own = NULL;
  LgDraftFields fields = { first_name, words, text, "source", NULL };

  g_assert_cmpint (lg_draft_detect_language (text), <, LG_DRAFT_N_LANGUAGES);
  check_words (text, LG_DRAFT_ENGLISH);
  check_words (text, LG_DRAFT_RUSSIAN);
  g_assert_true (first_name == NULL || g_utf8_validate (first_name, -1, NULL));

  /* The default template with the text in every field but one. */
  draft = lg_draft_fill (lg_draft_default_template (LG_DRAFT_RUSSIAN), &fields);
  g_assert_true (g_utf8_validate (draft, -1, NULL));
  g_assert_true (g_str_has_prefix (draft, "Здравствуйте"));

  /* The text as a template of the user's own. */
  own = lg_draft_fill (text, &fields);
  g_assert_true (g_utf8_validate (own, -1, NULL));
  return 0;
}
