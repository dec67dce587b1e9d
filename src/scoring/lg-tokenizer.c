/* lg-tokenizer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two passes. Segmenting finds words, URLs, mentions and emoji on the raw text,
 * without allocating; it runs for every message. Analysing normalises one word
 * (NFKC, case folding) and stems it; the scorer caches its result per distinct
 * word, so it runs once per word form rather than once per occurrence.
 */

#define G_LOG_DOMAIN "lg-tokenizer"

#include "config.h"

#include <string.h>
#include <libstemmer.h>

#include "lg-scoring-error.h"
#include "lg-tokenizer.h"

struct _LgTokenizer
{
  LgSpan            *spans;  /* room for spans_size; reused by every call */
  gsize              spans_size;
  struct sb_stemmer *english;
  struct sb_stemmer *russian;
  GString           *scratch;
};

LgTokenizer *
lg_tokenizer_new (void)
{
  LgTokenizer *self = g_new0 (LgTokenizer, 1);

  self->spans_size = 256;
  self->spans = g_new (LgSpan, self->spans_size);
  self->english = sb_stemmer_new ("english", "UTF_8");
  self->russian = sb_stemmer_new ("russian", "UTF_8");
  self->scratch = g_string_sized_new (64);
  /* Both ship with every libstemmer build; without them nothing can be scored. */
  g_assert (self->english != NULL && self->russian != NULL);
  return self;
}

void
lg_tokenizer_free (LgTokenizer *self)
{
  if (self == NULL)
    return;
  g_free (self->spans);
  sb_stemmer_delete (self->english);
  sb_stemmer_delete (self->russian);
  g_string_free (self->scratch, TRUE);
  g_free (self);
}

enum
{
  ASCII_DIGIT  = 1,
  ASCII_LETTER = 2,
};

static const guint8 ascii_alnum[256] = {
  ['0' ... '9'] = ASCII_DIGIT, ['A' ... 'Z'] = ASCII_LETTER, ['a' ... 'z'] = ASCII_LETTER,
};

static inline gboolean
is_ascii_alnum (guchar c)
{
  return ascii_alnum[c] != 0;
}

/* The two bytes at @p (@avail bytes left) are a Cyrillic letter, U+0400–U+045F
 * ("а"–"я", "ё"…): read without decoding, as most Russian text is. Letters
 * before "р" start with 0xD0 and the others with 0xD1, in no predictable order,
 * so this is written without a branch on which. */
static inline gboolean
is_cyrillic_pair (const guchar *p,
                  gsize         avail)
{
  return avail >= 2 &&
         (((p[0] & 0xFE) == 0xD0) & ((guchar) (p[1] - 0x80) < (0x40u >> (p[0] & 1))));
}

static gboolean
is_emoji (gunichar u)
{
  return (u >= 0x1F000 && u <= 0x1FAFF) ||
         (u >= 0x2600 && u <= 0x27BF) ||
         (u >= 0x2300 && u <= 0x23FF) ||
         (u >= 0x2B00 && u <= 0x2BFF) ||
         (u >= 0x25AA && u <= 0x25FE) ||
         u == 0x203C || u == 0x2049 || u == 0x3030 || u == 0x303D ||
         u == 0x3297 || u == 0x3299;
}

/* What may continue an emoji: variation selectors, skin tones, keycap, tags. */
static gboolean
is_emoji_modifier (gunichar u)
{
  return u == 0xFE0F || u == 0xFE0E || u == 0x20E3 ||
         (u >= 0x1F3FB && u <= 0x1F3FF) ||
         (u >= 0xE0020 && u <= 0xE007F);
}

static inline gboolean
is_word_char (gunichar u)
{
  if (u > 0x10FFFF)
    return FALSE;
  if (u < 0x80)
    return is_ascii_alnum (u);
  /* Cyrillic letters, the common case after ASCII, without a table lookup. */
  if (u >= 0x0400 && u <= 0x045F)
    return TRUE;
  if (is_emoji (u))
    return FALSE;
  if (g_unichar_isalnum (u) || g_unichar_ismark (u))
    return TRUE;
  switch (g_unichar_type (u))
    {
    case G_UNICODE_OTHER_NUMBER:   /* "²", "①": NFKC makes digits of them */
    case G_UNICODE_LETTER_NUMBER:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Punctuation that ends a clause, for the offer's phrases and the bigrams. */
static gboolean
is_break_char (gunichar u)
{
  switch (u)
    {
    case '.': case ',': case ';': case ':': case '!': case '?': case '\n':
    case '(': case ')': case '[': case ']': case '|': case '/':
    case 0x2014: case 0x2013: case 0x2026: case 0x00AB: case 0x00BB:
    case 0x00B7: case 0x2022: case 0xFF0C: case 0xFF1F: case 0xFF01: case 0x3002:
      return TRUE;
    default:
      return FALSE;
    }
}

/* What char_at() reads where the text is not UTF-8. */
#define BAD_CHAR ((gunichar) -1)

static inline gboolean
is_continuation (guchar c)
{
  return (c & 0xC0) == 0x80;
}

/* The character at byte @i of @text (@length bytes), decoded inline (a call
 * into GLib per character was a fifth of the time spent segmenting) and checked
 * the way g_utf8_validate_len() checks: no nul, no overlong form, no surrogate,
 * nothing above U+10FFFF. BAD_CHAR where that fails: the segmenter reads every
 * character once, so this is the text's validation too. */
static inline gunichar
char_at (const char *text,
         gsize       i,
         gsize       length,
         gsize      *next)
{
  const guchar *p = (const guchar *) text + i;
  gsize avail = length - i;
  guchar c = p[0];

  *next = i + 1;
  if (c < 0x80)
    return c != 0 ? c : BAD_CHAR;
  if (c < 0xC2)
    return BAD_CHAR;
  if (c < 0xE0)
    {
      if (avail < 2 || !is_continuation (p[1]))
        return BAD_CHAR;
      *next = i + 2;
      return ((c & 0x1Fu) << 6) | (p[1] & 0x3Fu);
    }
  if (c < 0xF0)
    {
      if (avail < 3 || !is_continuation (p[1]) || !is_continuation (p[2]) ||
          (c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] >= 0xA0))
        return BAD_CHAR;
      *next = i + 3;
      return ((c & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
    }
  if (c < 0xF5)
    {
      if (avail < 4 || !is_continuation (p[1]) || !is_continuation (p[2]) ||
          !is_continuation (p[3]) || (c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] >= 0x90))
        return BAD_CHAR;
      *next = i + 4;
      return ((c & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) |
             (p[3] & 0x3Fu);
    }
  return BAD_CHAR;
}

/* Where @text (@length bytes) stops being UTF-8, or @length: for what the
 * segmenter skips without reading characters (a link's path, the text past the
 * last token). */
static gsize
invalid_utf8_at (const char *text,
                 gsize       length)
{
  gsize i = 0;

  while (i < length)
    {
      gsize next;

      if (char_at (text, i, length, &next) == BAD_CHAR)
        return i;
      i = next;
    }
  return length;
}

static gboolean
has_prefix_ascii_ci (const char *p,
                     gsize       avail,
                     const char *prefix)
{
  gsize n = strlen (prefix);

  return avail >= n && g_ascii_strncasecmp (p, prefix, n) == 0;
}

static gboolean
is_known_tld (const char *p,
              gsize       n)
{
  static const char * const tlds[] = {
    "com", "org", "net", "io", "ru", "me", "co", "app", "dev", "ai", "uk", "de",
    "info", "biz", "ly", "gl", "su", "by", "kz", "ua", "eu", "us", "to", "gg",
    "shop", "store", "site", "online", "pro", "xyz", "link", NULL
  };

  for (guint i = 0; tlds[i] != NULL; i++)
    if (strlen (tlds[i]) == n && g_ascii_strncasecmp (p, tlds[i], n) == 0)
      return TRUE;
  return FALSE;
}

/* Length of a bare domain ("example.com") at @p, or 0. */
static gsize
match_domain (const char *p,
              gsize       avail)
{
  gsize i = 0;
  gsize label_start = 0;
  guint dots = 0;

  while (i < avail && (is_ascii_alnum (p[i]) || p[i] == '-' || p[i] == '.'))
    {
      if (p[i] == '.')
        {
          if (i == label_start)
            break;
          dots++;
          label_start = i + 1;
        }
      i++;
    }
  /* A trailing dot ends the sentence, not the domain. */
  while (i > 0 && p[i - 1] == '.')
    {
      i--;
      dots--;
      label_start = i;
      while (label_start > 0 && p[label_start - 1] != '.')
        label_start--;
    }
  if (dots == 0 || !is_known_tld (p + label_start, i - label_start))
    return 0;
  /* "e.g" or "3.5" are not domains; the TLD test above rejects most, and a domain
   * needs a letter before its first dot. */
  for (gsize k = 0; k < i && p[k] != '.'; k++)
    if (g_ascii_isalpha (p[k]))
      return i;
  return 0;
}

/* Length of a URL at @p, or 0. */
static gsize
match_url (const char *p,
           gsize       avail)
{
  gsize n;

  if (has_prefix_ascii_ci (p, avail, "http://"))
    n = 7;
  else if (has_prefix_ascii_ci (p, avail, "https://"))
    n = 8;
  else if (has_prefix_ascii_ci (p, avail, "www.") ||
           has_prefix_ascii_ci (p, avail, "t.me/"))
    n = 4;
  else if ((n = match_domain (p, avail)) == 0)
    return 0;
  else if (n < avail && p[n] != '/' && p[n] != '?' && p[n] != '#')
    return n;

  while (n < avail && !g_ascii_isspace (p[n]) && p[n] != '"' && p[n] != '<' && p[n] != '>')
    n++;
  /* Sentence punctuation after a link is not part of it. */
  while (n > 0 && strchr (".,;:!?)'", p[n - 1]) != NULL)
    n--;
  return n;
}

/* End of the word starting at @i: letters, digits and marks, with apostrophes
 * inside ("don't"). Sets @letters when it has anything but ASCII digits. Runs
 * of ASCII and of Cyrillic letters are read byte by byte without decoding; a
 * word usually ends at a space or ASCII punctuation, also without decoding. */
static gsize
scan_word (const char *text,
           gsize       i,
           gsize       length,
           gboolean   *letters)
{
  const guchar *p = (const guchar *) text;
  guint seen = 0;

  while (i < length)
    {
      gsize next;
      gunichar u;
      guchar c = p[i];

      if (ascii_alnum[c])
        {
          seen |= ascii_alnum[c];
          i++;
          continue;
        }
      if (is_cyrillic_pair (p + i, length - i))
        {
          seen |= ASCII_LETTER;
          i += 2;
          continue;
        }
      if (c < 0x80 && c != '\'')
        break;
      u = char_at (text, i, length, &next);
      if (u >= 0x80 && is_word_char (u))
        {
          seen |= ASCII_LETTER;
          i = next;
          continue;
        }
      if ((u == '\'' || u == 0x2019) && next < length)
        {
          gsize after;
          gunichar v = char_at (text, next, length, &after);

          if (is_word_char (v) && !g_unichar_isdigit (v))
            {
              i = after;
              continue;
            }
        }
      break;
    }
  *letters = (seen & ASCII_LETTER) != 0;
  return i;
}

static gsize
scan_emoji (const char *text,
            gsize       i,
            gsize       length)
{
  gsize next;
  gunichar first = char_at (text, i, length, &next);

  i = next;
  while (i < length)
    {
      gunichar u = char_at (text, i, length, &next);

      if (is_emoji_modifier (u))
        i = next;
      else if (u == 0x200D && next < length)
        {
          gsize after;

          if (!is_emoji (char_at (text, next, length, &after)))
            break;
          i = after;
        }
      else if (first >= 0x1F1E6 && first <= 0x1F1FF && u >= 0x1F1E6 && u <= 0x1F1FF)
        {
          /* A flag is a pair of regional indicators. */
          i = next;
          first = 0;
        }
      else
        break;
    }
  return i;
}

static gsize
clamp_length (const char *text,
              gsize       length,
              guint      *text_flags)
{
  if (length <= LG_TOKENIZER_MAX_BYTES)
    return length;
  *text_flags |= LG_TEXT_TRUNCATED;
  length = LG_TOKENIZER_MAX_BYTES;
  while (length > 0 && ((guchar) text[length] & 0xC0) == 0x80)
    length--;
  return length;
}

gboolean
lg_tokenizer_segment (LgTokenizer   *self,
                      const char    *text,
                      gssize         length,
                      const LgSpan **spans,
                      guint         *n_spans,
                      guint         *text_flags,
                      GError       **error)
{
  gsize bad;
  LgSpan *out;
  guint n = 0;
  guint tflags = 0;
  guint8 pending = 0;
  gsize len;
  gsize i = 0;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (text != NULL || length == 0, FALSE);
  g_return_val_if_fail (spans != NULL && n_spans != NULL, FALSE);

  *spans = NULL;
  *n_spans = 0;
  if (text_flags != NULL)
    *text_flags = 0;

  len = length < 0 ? strlen (text) : (gsize) length;
  len = clamp_length (text, len, &tflags);
  /* Every span takes at least a byte: room for all of them, written in place. */
  if (MIN (len, LG_TOKENIZER_MAX_TOKENS) > self->spans_size)
    {
      self->spans_size = MIN (len, LG_TOKENIZER_MAX_TOKENS);
      self->spans = g_renew (LgSpan, self->spans, self->spans_size);
    }
  out = self->spans;
  while (i < len && n < LG_TOKENIZER_MAX_TOKENS)
    {
      guchar c = (guchar) text[i];
      LgSpan span = { (guint32) i, 0, LG_TOKEN_WORD, pending };
      gsize next = i + 1;
      gunichar u = c != 0 ? c : BAD_CHAR;
      gboolean letter;

      /* Spaces and letters first: most of every message. */
      if (c == ' ')
        {
          i++;
          continue;
        }
      letter = c < 0x80 ? is_ascii_alnum (c)
                        : is_cyrillic_pair ((const guchar *) text + i, len - i);
      if (!letter && c >= 0x80)
        u = char_at (text, i, len, &next);

      if (letter || is_word_char (u))
        {
          gboolean letters;
          gsize word_end = scan_word (text, i, len, &letters);
          /* A link has a dot, a colon or a slash right after its first word. */
          gsize url = c < 0x80 && word_end < len &&
                      (text[word_end] == '.' || text[word_end] == ':' || text[word_end] == '/')
                      ? match_url (text + i, len - i) : 0;

          if (url > 0)
            {
              span.end = i + url;
              span.kind = LG_TOKEN_URL;
              /* A link's path is skipped, not read: check it here. */
              bad = i + invalid_utf8_at (text + i, url);
              if (bad < span.end)
                goto invalid;
            }
          else
            {
              span.end = word_end;
              if (span.end + 1 < len && text[span.end] == '@' &&
                  match_domain (text + span.end + 1, len - span.end - 1) > 0)
                {
                  span.end += 1 + match_domain (text + span.end + 1, len - span.end - 1);
                  span.kind = LG_TOKEN_EMAIL;
                }
              else if (!letters)
                span.kind = LG_TOKEN_NUMBER;
            }
        }
      else if ((c == '@' || c == '#') && next < len &&
               (i == 0 || !is_ascii_alnum (text[i - 1])))
        {
          gsize after;
          gunichar v = char_at (text, next, len, &after);

          if (c == '@' && (v < 0x80 && (is_ascii_alnum (v) || v == '_')))
            {
              span.end = next;
              while (span.end < len && (is_ascii_alnum (text[span.end]) || text[span.end] == '_'))
                span.end++;
              span.kind = LG_TOKEN_MENTION;
            }
          else if (c == '#' && is_word_char (v))
            {
              gboolean letters;

              span.end = scan_word (text, next, len, &letters);
              span.kind = LG_TOKEN_HASHTAG;
            }
        }
      else if (u >= 0x80 && is_emoji (u))
        {
          span.end = scan_emoji (text, i, len);
          span.kind = LG_TOKEN_EMOJI;
        }

      if (span.end > 0)
        {
          out[n++] = span;
          pending = 0;
          i = span.end;
          continue;
        }

      if (u == BAD_CHAR)
        {
          bad = i;
          goto invalid;
        }
      if (u == '?' || u == 0xFF1F)
        tflags |= LG_TEXT_QUESTION;
      if (is_break_char (u))
        pending |= LG_SPAN_AFTER_BREAK;
      if (u == ':')
        pending |= LG_SPAN_AFTER_COLON;
      i = next;
    }

  if (i < len)
    {
      /* Past the last token the text is not read, but it must be text. */
      tflags |= LG_TEXT_TRUNCATED;
      bad = i + invalid_utf8_at (text + i, len - i);
      if (bad < len)
        goto invalid;
    }
  *spans = self->spans;
  *n_spans = n;
  if (text_flags != NULL)
    *text_flags = tflags;
  return TRUE;

invalid:
  g_set_error (error, LG_SCORING_ERROR, LG_SCORING_ERROR_INVALID_UTF8,
               "The text is not valid UTF-8 (a broken character at byte %u). "
               "Import it again with the right encoding.",
               (guint) bad);
  return FALSE;
}

static gboolean
is_ascii (const char *p,
          gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if ((guchar) p[i] >= 0x80)
      return FALSE;
  return TRUE;
}

/* NFKC, case folding, and the spellings a search should not tell apart: "ё" as
 * "е", a typographic apostrophe as "'", and no stress marks. */
static void
fold_word (LgTokenizer *self,
           const char  *word,
           gsize        length,
           GString     *folded)
{
  g_autofree char *nfkc = NULL;
  g_autofree char *cased = NULL;

  g_string_truncate (folded, 0);
  if (is_ascii (word, length))
    {
      for (gsize i = 0; i < length; i++)
        g_string_append_c (folded, g_ascii_tolower (word[i]));
      return;
    }

  nfkc = g_utf8_normalize (word, length, G_NORMALIZE_NFKC);
  cased = g_utf8_casefold (nfkc != NULL ? nfkc : "", -1);
  for (const char *p = cased; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar u = g_utf8_get_char (p);

      if (u == 0x0451)
        u = 0x0435;
      else if (u == 0x2019)
        u = '\'';
      else if (u == 0x0301)
        continue;
      g_string_append_unichar (folded, u);
    }
}

static LgScript
script_of (const char *folded)
{
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar u = g_utf8_get_char (p);

      if (!g_unichar_isalpha (u))
        continue;
      switch (g_unichar_get_script (u))
        {
        case G_UNICODE_SCRIPT_LATIN:
          return LG_SCRIPT_LATIN;
        case G_UNICODE_SCRIPT_CYRILLIC:
          return LG_SCRIPT_CYRILLIC;
        default:
          return LG_SCRIPT_OTHER;
        }
    }
  return LG_SCRIPT_OTHER;
}

static void
stem_word (LgTokenizer *self,
           LgScript     script,
           GString     *folded,
           GString     *stem)
{
  struct sb_stemmer *stemmer = NULL;
  const sb_symbol *out;

  g_string_assign (stem, folded->str);
  if (script == LG_SCRIPT_LATIN)
    stemmer = self->english;
  else if (script == LG_SCRIPT_CYRILLIC)
    stemmer = self->russian;
  if (stemmer == NULL)
    return;

  out = sb_stemmer_stem (stemmer, (const sb_symbol *) folded->str, (int) folded->len);
  if (out != NULL)
    {
      g_string_truncate (stem, 0);
      g_string_append_len (stem, (const char *) out, sb_stemmer_length (stemmer));
    }
}

LgScript
lg_tokenizer_analyze (LgTokenizer *self,
                      LgTokenKind  kind,
                      const char  *word,
                      gsize        length,
                      GString     *folded,
                      GString     *stem)
{
  LgScript script = LG_SCRIPT_OTHER;

  g_return_val_if_fail (self != NULL, LG_SCRIPT_OTHER);
  g_return_val_if_fail (folded != NULL && stem != NULL, LG_SCRIPT_OTHER);

  switch (kind)
    {
    case LG_TOKEN_URL:
    case LG_TOKEN_EMAIL:
    case LG_TOKEN_MENTION:
      /* Their text says who or where; their kind is what the models read. */
      fold_word (self, word, length, folded);
      g_string_assign (stem, kind == LG_TOKEN_URL ? "<url>"
                             : kind == LG_TOKEN_EMAIL ? "<email>" : "<mention>");
      break;

    case LG_TOKEN_EMOJI:
      /* The same emoji with or without its presentation selector. */
      g_string_truncate (folded, 0);
      for (gsize i = 0; i < length;)
        {
          const char *p = word + i;
          gunichar u = g_utf8_get_char (p);

          i = g_utf8_next_char (p) - word;
          if (u != 0xFE0F && u != 0xFE0E)
            g_string_append_unichar (folded, u);
        }
      g_string_assign (stem, folded->str);
      break;

    case LG_TOKEN_NUMBER:
      fold_word (self, word, length, folded);
      g_string_assign (stem, folded->str);
      break;

    case LG_TOKEN_WORD:
    case LG_TOKEN_HASHTAG:
    default:
      fold_word (self, word, length, folded);
      script = script_of (folded->str);
      stem_word (self, script, folded, stem);
      break;
    }
  return script;
}

static void
clear_token (gpointer data)
{
  LgToken *token = data;

  g_clear_pointer (&token->text, g_free);
  g_clear_pointer (&token->stem, g_free);
}

GArray *
lg_tokenizer_tokenize (LgTokenizer *self,
                       const char  *text,
                       gssize       length,
                       guint       *text_flags,
                       GError     **error)
{
  g_autoptr(GArray) tokens = NULL;
  g_autoptr(GString) stem = g_string_new (NULL);
  const LgSpan *spans;
  guint n_spans;

  g_return_val_if_fail (self != NULL, NULL);

  if (!lg_tokenizer_segment (self, text, length, &spans, &n_spans, text_flags, error))
    return NULL;

  tokens = g_array_sized_new (FALSE, TRUE, sizeof (LgToken), n_spans);
  g_array_set_clear_func (tokens, clear_token);
  for (guint i = 0; i < n_spans; i++)
    {
      const LgSpan *span = &spans[i];
      guint skip = (span->kind == LG_TOKEN_MENTION || span->kind == LG_TOKEN_HASHTAG) ? 1 : 0;
      LgToken token = { span->kind, LG_SCRIPT_OTHER, span->start, span->end, span->flags };

      token.script = lg_tokenizer_analyze (self, span->kind, text + span->start + skip,
                                           span->end - span->start - skip,
                                           self->scratch, stem);
      token.text = g_strdup (self->scratch->str);
      token.stem = g_strdup (stem->str);
      g_array_append_val (tokens, token);
    }
  return g_steal_pointer (&tokens);
}
