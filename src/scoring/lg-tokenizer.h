/* lg-tokenizer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Text longer than this is cut (at a character boundary) before it is read, so one
 * pasted novel cannot stall a search; LG_TEXT_TRUNCATED says it happened. */
#define LG_TOKENIZER_MAX_BYTES  65536
#define LG_TOKENIZER_MAX_TOKENS 8192

typedef enum
{
  LG_TOKEN_WORD,     /* letters and digits of any script: "clinic", "ищу", "2k" */
  LG_TOKEN_NUMBER,   /* digits only: "300" */
  LG_TOKEN_URL,      /* "https://…", "www.…", "t.me/…", "example.com/…" */
  LG_TOKEN_EMAIL,    /* "anna@example.com" */
  LG_TOKEN_MENTION,  /* "@dentistry_chat" */
  LG_TOKEN_HASHTAG,  /* "#vacancy"; its text and stem are the word's */
  LG_TOKEN_EMOJI,    /* one emoji, with its modifiers and joined sequence */
} LgTokenKind;

typedef enum
{
  LG_SCRIPT_OTHER,
  LG_SCRIPT_LATIN,     /* stemmed with Snowball's English stemmer */
  LG_SCRIPT_CYRILLIC,  /* stemmed with Snowball's Russian stemmer */
} LgScript;

typedef enum
{
  LG_SPAN_AFTER_BREAK = 1 << 0,  /* clause punctuation (. , ; : ! ? — newline…) precedes */
  LG_SPAN_AFTER_COLON = 1 << 1,  /* a colon precedes */
} LgSpanFlags;

typedef enum
{
  LG_TEXT_TRUNCATED = 1 << 0,  /* only the first LG_TOKENIZER_MAX_BYTES were read */
  LG_TEXT_QUESTION  = 1 << 1,  /* the text has a question mark */
} LgTextFlags;

/* Where a token is in the text, before any normalisation: the cheap first pass. */
typedef struct
{
  guint32 start;  /* byte offsets into the text; a mention or hashtag includes its sign */
  guint32 end;
  guint8  kind;   /* LgTokenKind */
  guint8  flags;  /* LgSpanFlags */
} LgSpan;

/* A token with its normalised form: NFKC, case folded, "ё" read as "е". */
typedef struct
{
  LgTokenKind kind;
  LgScript    script;
  guint       start;
  guint       end;
  guint       flags;  /* LgSpanFlags */
  char       *text;   /* folded word (without the # or @ sign) */
  char       *stem;   /* its Snowball stem; for a URL, e-mail or mention its kind */
} LgToken;

typedef struct _LgTokenizer LgTokenizer;

LgTokenizer *lg_tokenizer_new          (void);
void         lg_tokenizer_free         (LgTokenizer   *self);

/* Splits @text (UTF-8, @length bytes or -1 when nul-terminated) into spans. The
 * array belongs to @self and is reused by the next call: no allocation once it has
 * grown. Fails with LG_SCORING_ERROR_INVALID_UTF8 when the text is not UTF-8. */
gboolean     lg_tokenizer_segment      (LgTokenizer   *self,
                                        const char    *text,
                                        gssize         length,
                                        const LgSpan **spans,
                                        guint         *n_spans,
                                        guint         *text_flags,
                                        GError       **error);

/* Normalises one span's text (without its # or @ sign) into @folded and its stem
 * into @stem; returns the word's script. */
LgScript     lg_tokenizer_analyze      (LgTokenizer   *self,
                                        LgTokenKind    kind,
                                        const char    *word,
                                        gsize          length,
                                        GString       *folded,
                                        GString       *stem);

/* Both passes at once: a GArray of LgToken (freed with the array). For offers,
 * tests and the trainer; the scorer's hot path uses the two calls above. */
GArray      *lg_tokenizer_tokenize     (LgTokenizer   *self,
                                        const char    *text,
                                        gssize         length,
                                        guint         *text_flags,
                                        GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LgTokenizer, lg_tokenizer_free)

G_END_DECLS
