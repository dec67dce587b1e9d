/* lg-hash.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The hashes the scoring engine keys words, stems and features by. They must give
 * the same value on every machine: the trainer writes feature buckets at build
 * time and the library looks them up at run time, and feedback is stored by stem
 * hash. Private to src/scoring.
 */

#pragma once

#include <string.h>
#include <glib.h>

G_BEGIN_DECLS

#define LG_HASH_SEED G_GUINT64_CONSTANT (0xcbf29ce484222325)

/* FNV-1a over bytes, continuing from @h. */
static inline guint64
lg_hash_bytes (guint64     h,
               const void *data,
               gsize       len)
{
  const guint8 *p = data;

  for (gsize i = 0; i < len; i++)
    {
      h ^= p[i];
      h *= G_GUINT64_CONSTANT (0x100000001b3);
    }
  return h;
}

static inline guint64
lg_hash_str (const char *s)
{
  return lg_hash_bytes (LG_HASH_SEED, s, strlen (s));
}

/* A finaliser (splitmix64) so that combined hashes spread over the buckets. */
static inline guint64
lg_hash_mix (guint64 h)
{
  h ^= h >> 30;
  h *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  h ^= h >> 27;
  h *= G_GUINT64_CONSTANT (0x94d049bb133111eb);
  h ^= h >> 31;
  return h;
}

static inline guint64
lg_hash_pair (guint64 a,
              guint64 b)
{
  return lg_hash_mix (a ^ lg_hash_mix (b + G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)));
}

G_END_DECLS
