/* lg-features.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The intent model's features, shared by the trainer (at build time) and the
 * scorer (at run time) so that both read a message the same way: hashed stem
 * unigrams and character 3–5-grams of each word, stem bigrams, the kinds of cue
 * phrase found, and a few shape features (a question mark, links, length). Each
 * occurrence counts 1; the sum is divided by the square root of the count.
 */

#pragma once

#include <glib.h>

#include "lg-cues.h"
#include "lg-hash.h"
#include "lg-tokenizer.h"

G_BEGIN_DECLS

#define LG_FEATURE_BITS    16
#define LG_FEATURE_BUCKETS (1u << LG_FEATURE_BITS)
/* Cue matches read per message; more are ignored. */
#define LG_FEATURES_MAX_CUES 32

#define LG_FEATURES_SALT_BIGRAM 3
/* The stem keys a message starts and ends with, for its first and last bigram. */
#define LG_FEATURES_BOS G_GUINT64_CONSTANT (0x5eed0b05)
#define LG_FEATURES_EOS G_GUINT64_CONSTANT (0x5eed0e05)

typedef void (*LgFeatureFunc) (guint32  bucket,
                               gpointer user_data);

/* The key the models and offers know a token by: the hash of its stem. */
guint64 lg_features_stem_key (const char *stem);

/* The features of one word on its own; returns how many it emitted. They depend
 * only on the word, so the scorer computes them once per distinct word. */
guint   lg_features_word     (LgTokenKind    kind,
                              const char    *folded,
                              const char    *stem,
                              LgFeatureFunc  func,
                              gpointer       user_data);

/* The bucket of the bigram of two adjacent stem keys; inline and cheap (a
 * multiply-shift hash, whose high bits depend on every bit of both keys) because
 * the scorer computes one per token of every message. */
static inline guint32
lg_features_bigram (guint64 prev,
                    guint64 next)
{
  guint64 h = prev * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) ^
              (next + LG_FEATURES_SALT_BIGRAM) * G_GUINT64_CONSTANT (0xc2b2ae3d27d4eb4f);

  return (guint32) ((h * G_GUINT64_CONSTANT (0x94d049bb133111eb)) >> (64 - LG_FEATURE_BITS));
}

/* The features of the message as a whole, given its tokens' stem keys, the cue
 * kinds found (a bit per LgCueKind), its LgTextFlags and how many links it has:
 * the n_keys + 1 bigrams (with LG_FEATURES_BOS and LG_FEATURES_EOS at the ends)
 * and the shape features. */
guint   lg_features_message  (const guint64 *keys,
                              guint          n_keys,
                              guint          cue_kinds,
                              guint          text_flags,
                              guint          n_links,
                              LgFeatureFunc  func,
                              gpointer       user_data);

/* The shape features alone: cue kinds, question, links, length. */
guint   lg_features_shape    (guint          n_keys,
                              guint          cue_kinds,
                              guint          text_flags,
                              guint          n_links,
                              LgFeatureFunc  func,
                              gpointer       user_data);

/* Every feature of a text, the plain way: tokenize, then the two calls above. The
 * trainer reads the corpus with it; the scorer gets the same features from its
 * word cache (a test checks the two agree). */
gboolean lg_features_text    (LgTokenizer   *tokenizer,
                              const char    *text,
                              gssize         length,
                              LgFeatureFunc  func,
                              gpointer       user_data,
                              guint         *n_features,
                              GError       **error);

/* The cue kinds (a bit per LgCueKind) among @n_matches matches. */
guint   lg_features_cue_kinds (const LgCueMatch *matches,
                               guint             n_matches);

G_END_DECLS
