/* lg-features.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-features"

#include "config.h"

#include <string.h>

#include "lg-features.h"
#include "lg-hash.h"

#define MIN_CHAR_GRAM 3
#define MAX_CHAR_GRAM 5
#define MAX_WORD_CHARS 40

/* Each family of feature hashes with its own salt, so that a unigram and a
 * bigram with the same key land in different buckets (the bigram's salt is in
 * lg-features.h). */
enum
{
  SALT_UNIGRAM = 1,
  SALT_CHARS,
  SALT_CUE = LG_FEATURES_SALT_BIGRAM + 1,
  SALT_SHAPE,
};

static inline guint32
bucket (guint64 salt,
        guint64 key)
{
  return (guint32) (lg_hash_pair (salt, key) & (LG_FEATURE_BUCKETS - 1));
}

guint64
lg_features_stem_key (const char *stem)
{
  return lg_hash_str (stem);
}

guint
lg_features_word (LgTokenKind    kind,
                  const char    *folded,
                  const char    *stem,
                  LgFeatureFunc  func,
                  gpointer       user_data)
{
  char buf[4 * MAX_WORD_CHARS + 2];
  guint offsets[MAX_WORD_CHARS + 3];
  guint n_chars = 0;
  gsize len = strlen (folded);
  guint n = 0;

  func (bucket (SALT_UNIGRAM, lg_features_stem_key (stem)), user_data);
  n++;
  if ((kind != LG_TOKEN_WORD && kind != LG_TOKEN_HASHTAG) || len == 0 ||
      len > 4 * MAX_WORD_CHARS)
    return n;

  /* Character n-grams of "^word$" catch spelling variants and the endings
   * stemming leaves ("нужен" / "нужна", "recommend" / "reccomend"). Very long
   * "words" (a pasted hash, a token) get none. */
  buf[0] = '^';
  memcpy (buf + 1, folded, len);
  buf[len + 1] = '$';
  for (gsize i = 0; i < len + 2; n_chars++)
    {
      if (n_chars > MAX_WORD_CHARS + 1)
        return n;
      offsets[n_chars] = (guint) i;
      i = (i == 0 || i == len + 1) ? i + 1 : (gsize) (g_utf8_next_char (buf + i) - buf);
    }
  offsets[n_chars] = (guint) len + 2;

  for (guint size = MIN_CHAR_GRAM; size <= MAX_CHAR_GRAM; size++)
    for (guint i = 0; i + size <= n_chars; i++)
      {
        guint64 h = lg_hash_bytes (LG_HASH_SEED + size, buf + offsets[i],
                                   offsets[i + size] - offsets[i]);

        func (bucket (SALT_CHARS, h), user_data);
        n++;
      }
  return n;
}

guint
lg_features_message (const guint64 *keys,
                     guint          n_keys,
                     guint          cue_kinds,
                     guint          text_flags,
                     guint          n_links,
                     LgFeatureFunc  func,
                     gpointer       user_data)
{
  for (guint i = 0; i <= n_keys; i++)
    func (lg_features_bigram (i == 0 ? LG_FEATURES_BOS : keys[i - 1],
                              i == n_keys ? LG_FEATURES_EOS : keys[i]), user_data);
  return n_keys + 1 + lg_features_shape (n_keys, cue_kinds, text_flags, n_links,
                                         func, user_data);
}

guint
lg_features_shape (guint          n_keys,
                   guint          cue_kinds,
                   guint          text_flags,
                   guint          n_links,
                   LgFeatureFunc  func,
                   gpointer       user_data)
{
  guint n = 0;

  for (guint kind = 0; cue_kinds >> kind != 0; kind++)
    if (cue_kinds & (1u << kind))
      {
        func (bucket (SALT_CUE, kind), user_data);
        n++;
      }

  if (text_flags & LG_TEXT_QUESTION)
    {
      func (bucket (SALT_SHAPE, 1), user_data);
      n++;
    }
  if (n_links > 0)
    {
      func (bucket (SALT_SHAPE, n_links > 1 ? 3 : 2), user_data);
      n++;
    }
  /* Length in words, in rough bands: a one-liner "need a plumber asap" and a
   * long advert read differently. */
  func (bucket (SALT_SHAPE, 10 + (n_keys <= 5 ? 0 : n_keys <= 15 ? 1 : n_keys <= 40 ? 2 : 3)),
        user_data);
  n++;
  return n;
}

guint
lg_features_cue_kinds (const LgCueMatch *matches,
                       guint             n_matches)
{
  guint n_cues;
  const LgCue *cues = lg_cues_get (&n_cues);
  guint kinds = 0;

  for (guint i = 0; i < n_matches; i++)
    kinds |= 1u << cues[matches[i].cue].kind;
  return kinds;
}

gboolean
lg_features_text (LgTokenizer   *tokenizer,
                  const char    *text,
                  gssize         length,
                  LgFeatureFunc  func,
                  gpointer       user_data,
                  guint         *n_features,
                  GError       **error)
{
  g_autoptr(GArray) tokens = NULL;
  g_autofree guint64 *keys = NULL;
  g_autofree LgCueMatch *matches = NULL;
  guint text_flags = 0;
  guint n_links = 0;
  guint n_matches;
  guint n = 0;

  g_return_val_if_fail (tokenizer != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  tokens = lg_tokenizer_tokenize (tokenizer, text, length, &text_flags, error);
  if (tokens == NULL)
    return FALSE;

  keys = g_new (guint64, tokens->len + 1);
  for (guint i = 0; i < tokens->len; i++)
    {
      const LgToken *token = &g_array_index (tokens, LgToken, i);

      keys[i] = lg_features_stem_key (token->stem);
      if (token->kind == LG_TOKEN_URL || token->kind == LG_TOKEN_EMAIL)
        n_links++;
      n += lg_features_word (token->kind, token->text, token->stem, func, user_data);
    }

  matches = g_new (LgCueMatch, LG_FEATURES_MAX_CUES);
  n_matches = lg_cues_match (keys, tokens->len, matches, LG_FEATURES_MAX_CUES);
  n += lg_features_message (keys, tokens->len, lg_features_cue_kinds (matches, n_matches),
                            text_flags, n_links, func, user_data);
  if (n_features != NULL)
    *n_features = n;
  return TRUE;
}
