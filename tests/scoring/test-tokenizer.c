/* test-tokenizer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lg-scoring-error.h"
#include "lg-tokenizer.h"

static GArray *
tokenize (const char *text,
          guint      *flags)
{
  g_autoptr(LgTokenizer) tokenizer = lg_tokenizer_new ();
  g_autoptr(GError) error = NULL;
  GArray *tokens = lg_tokenizer_tokenize (tokenizer, text, -1, flags, &error);

  g_assert_no_error (error);
  g_assert_nonnull (tokens);
  return tokens;
}

static const LgToken *
token (GArray *tokens,
       guint   i)
{
  g_assert_cmpuint (i, <, tokens->len);
  return &g_array_index (tokens, LgToken, i);
}

static void
test_english (void)
{
  guint flags = 0;
  g_autoptr(GArray) tokens = tokenize ("Can anyone RECOMMEND a CRM? Our clinics' booking, don't ask", &flags);

  g_assert_cmpuint (tokens->len, ==, 10);
  g_assert_cmpstr (token (tokens, 2)->text, ==, "recommend");
  g_assert_cmpstr (token (tokens, 4)->text, ==, "crm");
  g_assert_cmpstr (token (tokens, 6)->text, ==, "clinics");
  g_assert_cmpstr (token (tokens, 6)->stem, ==, "clinic");
  g_assert_cmpstr (token (tokens, 7)->stem, ==, "book");
  g_assert_cmpstr (token (tokens, 8)->text, ==, "don't");
  g_assert_cmpint (token (tokens, 6)->script, ==, LG_SCRIPT_LATIN);
  /* Clause punctuation is recorded on the next token. */
  g_assert_true (token (tokens, 5)->flags & LG_SPAN_AFTER_BREAK);
  g_assert_false (token (tokens, 6)->flags & LG_SPAN_AFTER_BREAK);
  g_assert_true (flags & LG_TEXT_QUESTION);
  /* Offsets point into the text as written. */
  g_assert_cmpuint (token (tokens, 2)->start, ==, 11);
  g_assert_cmpuint (token (tokens, 2)->end, ==, 20);
}

static void
test_russian (void)
{
  g_autoptr(GArray) a = tokenize ("Посоветуйте СТОМАТОЛОГИЮ, ёлка", NULL);
  g_autoptr(GArray) b = tokenize ("стоматология ПОСОВЕТУЙТЕ елка", NULL);

  g_assert_cmpuint (a->len, ==, 3);
  g_assert_cmpstr (token (a, 1)->text, ==, "стоматологию");
  g_assert_cmpint (token (a, 1)->script, ==, LG_SCRIPT_CYRILLIC);
  /* The Russian stemmer for Cyrillic words: case forms share a stem. */
  g_assert_cmpstr (token (a, 1)->stem, ==, token (b, 0)->stem);
  g_assert_cmpstr (token (a, 0)->stem, ==, token (b, 1)->stem);
  g_assert_cmpstr (token (a, 1)->stem, !=, token (a, 1)->text);
  /* "ё" reads as "е". */
  g_assert_cmpstr (token (a, 2)->text, ==, "елка");
}

static void
test_mixed_scripts (void)
{
  g_autoptr(GArray) tokens = tokenize ("Нужна CRM для clinics ＣＲＭ ﬁle 東京", NULL);

  g_assert_cmpuint (tokens->len, ==, 7);
  g_assert_cmpstr (token (tokens, 1)->text, ==, "crm");
  g_assert_cmpstr (token (tokens, 3)->stem, ==, "clinic");
  /* NFKC: full-width letters and ligatures. */
  g_assert_cmpstr (token (tokens, 4)->text, ==, "crm");
  g_assert_cmpstr (token (tokens, 5)->text, ==, "file");
  /* Other scripts are words too, not stemmed. */
  g_assert_cmpstr (token (tokens, 6)->text, ==, "東京");
  g_assert_cmpint (token (tokens, 6)->script, ==, LG_SCRIPT_OTHER);
}

static void
test_emoji (void)
{
  g_autoptr(GArray) tokens = tokenize ("great👍🏽 🇩🇪 👨‍👩‍👧 ❤️ok", NULL);

  g_assert_cmpuint (tokens->len, ==, 6);
  g_assert_cmpint (token (tokens, 0)->kind, ==, LG_TOKEN_WORD);
  g_assert_cmpstr (token (tokens, 0)->text, ==, "great");
  /* An emoji with its skin tone, a flag, a joined family: one token each. */
  g_assert_cmpint (token (tokens, 1)->kind, ==, LG_TOKEN_EMOJI);
  g_assert_cmpstr (token (tokens, 1)->text, ==, "👍🏽");
  g_assert_cmpstr (token (tokens, 2)->text, ==, "🇩🇪");
  g_assert_cmpstr (token (tokens, 3)->text, ==, "👨‍👩‍👧");
  /* The presentation selector is dropped: ❤️ and ❤ are the same. */
  g_assert_cmpstr (token (tokens, 4)->text, ==, "❤");
  g_assert_cmpstr (token (tokens, 5)->text, ==, "ok");
}

static void
test_links (void)
{
  g_autoptr(GArray) tokens = tokenize ("see https://example.com/a?b=1. or www.foo.org, "
                                       "t.me/chan example.ru/x anna@example.com "
                                       "@dentistry_chat #vacancy e.g. 3.5", NULL);
  const LgTokenKind kinds[] = {
    LG_TOKEN_WORD, LG_TOKEN_URL, LG_TOKEN_WORD, LG_TOKEN_URL, LG_TOKEN_URL, LG_TOKEN_URL,
    LG_TOKEN_EMAIL, LG_TOKEN_MENTION, LG_TOKEN_HASHTAG, LG_TOKEN_WORD, LG_TOKEN_WORD,
    LG_TOKEN_NUMBER, LG_TOKEN_NUMBER,
  };

  g_assert_cmpuint (tokens->len, ==, G_N_ELEMENTS (kinds));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    g_assert_cmpint (token (tokens, i)->kind, ==, kinds[i]);
  /* The full stop after a link is not part of it. */
  g_assert_cmpstr (token (tokens, 1)->text, ==, "https://example.com/a?b=1");
  g_assert_cmpstr (token (tokens, 1)->stem, ==, "<url>");
  g_assert_cmpstr (token (tokens, 7)->text, ==, "dentistry_chat");
  g_assert_cmpstr (token (tokens, 8)->text, ==, "vacancy");
}

static void
test_empty (void)
{
  guint flags = 42;
  g_autoptr(GArray) empty = tokenize ("", &flags);
  g_autoptr(GArray) blank = tokenize (" \n\t… — !!", NULL);

  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_cmpuint (flags, ==, 0);
  g_assert_cmpuint (blank->len, ==, 0);
}

static void
test_huge (void)
{
  g_autoptr(LgTokenizer) tokenizer = lg_tokenizer_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const LgSpan *spans;
  guint n_spans, flags;

  /* 4 MB of words, with a two-byte character across the cut. */
  while (text->len < 4 * 1024 * 1024)
    g_string_append (text, "ремонт ");
  g_assert_true (lg_tokenizer_segment (tokenizer, text->str, text->len, &spans, &n_spans,
                                       &flags, &error));
  g_assert_no_error (error);
  g_assert_true (flags & LG_TEXT_TRUNCATED);
  g_assert_cmpuint (n_spans, >, 1000);
  g_assert_cmpuint (n_spans, <=, LG_TOKENIZER_MAX_TOKENS);
  g_assert_cmpuint (spans[n_spans - 1].end, <=, LG_TOKENIZER_MAX_BYTES);
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(LgTokenizer) tokenizer = lg_tokenizer_new ();
  g_autoptr(GError) error = NULL;
  const char bad[] = "need a crm \xff\xfe please";
  const char truncated[] = "привет \xd0";
  GArray *tokens;

  tokens = lg_tokenizer_tokenize (tokenizer, bad, -1, NULL, &error);
  g_assert_null (tokens);
  g_assert_error (error, LG_SCORING_ERROR, LG_SCORING_ERROR_INVALID_UTF8);
  g_clear_error (&error);

  tokens = lg_tokenizer_tokenize (tokenizer, truncated, -1, NULL, &error);
  g_assert_null (tokens);
  g_assert_error (error, LG_SCORING_ERROR, LG_SCORING_ERROR_INVALID_UTF8);
  g_clear_error (&error);

  /* An embedded nul within the given length is not text either. */
  tokens = lg_tokenizer_tokenize (tokenizer, "ab\0cd", 5, NULL, &error);
  g_assert_null (tokens);
  g_assert_error (error, LG_SCORING_ERROR, LG_SCORING_ERROR_INVALID_UTF8);
}

/* The tokenizer validates UTF-8 itself, for speed: it must accept and reject
 * exactly what GLib does. Random byte strings drawn mostly from the bytes that
 * start or continue sequences, edge cases included (overlong forms, surrogates,
 * code points above U+10FFFF, nul, truncation). */
static void
test_utf8_agrees_with_glib (void)
{
  static const guchar alphabet[] = {
    'a', ' ', '.', 0x00, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2,
    0xd0, 0xd1, 0xdf, 0xe0, 0xe2, 0xed, 0xee, 0xef, 0xf0, 0xf1, 0xf4, 0xf5, 0xff,
  };
  g_autoptr(LgTokenizer) tokenizer = lg_tokenizer_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint n_valid = 0;

  for (guint round = 0; round < 20000; round++)
    {
      char buf[24];
      guint len = g_rand_int_range (rand, 1, sizeof buf);
      g_autoptr(GError) error = NULL;
      const LgSpan *spans;
      guint n_spans;
      gboolean ours, glib;

      for (guint i = 0; i < len; i++)
        buf[i] = (char) alphabet[g_rand_int_range (rand, 0, G_N_ELEMENTS (alphabet))];
      ours = lg_tokenizer_segment (tokenizer, buf, len, &spans, &n_spans, NULL, &error);
      glib = g_utf8_validate_len (buf, len, NULL);
      g_assert_cmpint (ours, ==, glib);
      if (!ours)
        g_assert_error (error, LG_SCORING_ERROR, LG_SCORING_ERROR_INVALID_UTF8);
      n_valid += ours;
    }
  /* Both outcomes were tried. */
  g_assert_cmpuint (n_valid, >, 100);
  g_assert_cmpuint (n_valid, <, 19900);

  /* One byte of a message with every kind of token changed: the segmenter reads
   * words, links and emoji each its own way, and must catch a bad byte in any. */
  for (guint round = 0; round < 20000; round++)
    {
      static const char message[] =
        "see https://example.com/путь?q=1 and @name, #тег 🙂 ремонт don't a@b.ru 2к";
      char buf[sizeof message];
      g_autoptr(GError) error = NULL;
      const LgSpan *spans;
      guint n_spans;

      memcpy (buf, message, sizeof message);
      buf[g_rand_int_range (rand, 0, sizeof message - 1)] = (char) g_rand_int_range (rand, 0, 256);
      g_assert_cmpint (lg_tokenizer_segment (tokenizer, buf, sizeof message - 1, &spans,
                                             &n_spans, NULL, &error),
                       ==, g_utf8_validate_len (buf, sizeof message - 1, NULL));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scoring/tokenizer/english", test_english);
  g_test_add_func ("/scoring/tokenizer/russian", test_russian);
  g_test_add_func ("/scoring/tokenizer/mixed-scripts", test_mixed_scripts);
  g_test_add_func ("/scoring/tokenizer/emoji", test_emoji);
  g_test_add_func ("/scoring/tokenizer/links", test_links);
  g_test_add_func ("/scoring/tokenizer/empty", test_empty);
  g_test_add_func ("/scoring/tokenizer/huge", test_huge);
  g_test_add_func ("/scoring/tokenizer/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/scoring/tokenizer/utf8-agrees-with-glib", test_utf8_agrees_with_glib);

  return g_test_run ();
}
