/* lg-thesaurus.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-thesaurus"

#include "config.h"

#include <string.h>

#include "lg-thesaurus.h"

#define BOM "\xef\xbb\xbf"

typedef struct
{
  GBytes     *index;
  GBytes     *data;
  const char *idx;
  gsize       idx_len;
  const char *dat;
  gsize       dat_len;
  GArray     *lines;  /* guint32: where each entry line of the index starts */
} Dictionary;

struct _LgThesaurus
{
  gatomicrefcount ref_count;
  GArray         *dictionaries;  /* Dictionary */
};

static void
dictionary_clear (gpointer data)
{
  Dictionary *d = data;

  g_bytes_unref (d->index);
  g_bytes_unref (d->data);
  g_array_unref (d->lines);
}

LgThesaurus *
lg_thesaurus_new (void)
{
  LgThesaurus *self = g_new0 (LgThesaurus, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->dictionaries = g_array_new (FALSE, TRUE, sizeof (Dictionary));
  g_array_set_clear_func (self->dictionaries, dictionary_clear);
  return self;
}

LgThesaurus *
lg_thesaurus_ref (LgThesaurus *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
lg_thesaurus_unref (LgThesaurus *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_array_unref (self->dictionaries);
  g_free (self);
}

/* Past an optional byte-order mark and the "UTF-8" line; NULL for another
 * encoding. */
static const char *
skip_header (const char *p,
             const char *end)
{
  if ((gsize) (end - p) >= 3 && memcmp (p, BOM, 3) == 0)
    p += 3;
  if ((gsize) (end - p) < 6 || g_ascii_strncasecmp (p, "UTF-8", 5) != 0)
    return NULL;
  p = memchr (p, '\n', end - p);
  return p != NULL ? p + 1 : NULL;
}

gboolean
lg_thesaurus_add_dictionary (LgThesaurus  *self,
                             GBytes       *index,
                             GBytes       *data,
                             GError      **error)
{
  Dictionary d = { 0 };
  const char *p, *end;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (index != NULL && data != NULL, FALSE);

  d.idx = g_bytes_get_data (index, &d.idx_len);
  d.dat = g_bytes_get_data (data, &d.dat_len);
  end = d.idx + d.idx_len;
  p = d.idx != NULL ? skip_header (d.idx, end) : NULL;
  /* The line after the encoding counts the entries. */
  if (p != NULL)
    p = memchr (p, '\n', end - p);
  if (p == NULL || d.dat == NULL || skip_header (d.dat, d.dat + d.dat_len) == NULL ||
      d.idx_len > G_MAXUINT32)
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                           "Not a UTF-8 thesaurus in the MyThes format");
      return FALSE;
    }

  d.lines = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (p++; p < end; )
    {
      const char *eol = memchr (p, '\n', end - p);
      guint32 start = p - d.idx;

      if (eol == NULL)
        eol = end;
      if (eol > p)
        g_array_append_val (d.lines, start);
      p = eol + 1;
    }
  d.index = g_bytes_ref (index);
  d.data = g_bytes_ref (data);
  g_array_append_val (self->dictionaries, d);
  return TRUE;
}

/* Compares @word with the key of the index line at @line ("key|offset"). */
static int
compare_key (const Dictionary *d,
             guint32           line,
             const char       *word,
             gsize             len)
{
  const char *key = d->idx + line;
  const char *bar = memchr (key, '|', d->idx_len - line);
  gsize key_len = bar != NULL ? (gsize) (bar - key) : 0;
  int c = memcmp (word, key, MIN (len, key_len));

  if (c != 0)
    return c;
  return (len > key_len) - (len < key_len);
}

/* The entry of @word in @d, as an offset into the .dat, or -1. */
static gint64
find_entry (const Dictionary *d,
            const char       *word)
{
  gsize len = strlen (word);
  guint lo = 0, hi = d->lines->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      guint32 line = g_array_index (d->lines, guint32, mid);
      int c = compare_key (d, line, word, len);

      if (c == 0)
        {
          const char *bar = memchr (d->idx + line, '|', d->idx_len - line);
          gint64 offset = g_ascii_strtoll (bar + 1, NULL, 10);

          return offset >= 0 && (gsize) offset < d->dat_len ? offset : -1;
        }
      if (c < 0)
        hi = mid;
      else
        lo = mid + 1;
    }
  return -1;
}

static void
add_word (GPtrArray  *words,
          const char *word,
          gsize       len,
          const char *self_word)
{
  g_autofree char *lower = g_utf8_strdown (word, len);

  /* Single words only: a phrase is not one token of a message. */
  if (len == 0 || memchr (word, ' ', len) != NULL || !g_utf8_validate (word, len, NULL) ||
      g_str_equal (lower, self_word))
    return;
  for (guint i = 0; i < words->len; i++)
    if (g_str_equal (g_ptr_array_index (words, i), lower))
      return;
  g_ptr_array_add (words, g_steal_pointer (&lower));
}

/* Reads the entry at @offset: "word|n", then n lines of "(pos)|a|b (note)|…".
 * Only a word of one sense is read: the thesauri list senses in no order of
 * use, so "battery" would bring "barrage" and "ram" "pound". Of its sense,
 * only the words that mean the same: a "(generic term)" is broader ("website"
 * is a "computer" there), a "(similar term)" or "(related term)" another. */
static void
read_entry (const Dictionary *d,
            gint64            offset,
            const char       *self_word,
            guint             max_words,
            GPtrArray        *words)
{
  const char *p = d->dat + offset;
  const char *end = d->dat + d->dat_len;
  const char *eol = memchr (p, '\n', end - p);
  const char *bar = eol != NULL ? memchr (p, '|', eol - p) : NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *line = NULL;

  if (bar == NULL || g_ascii_strtoull (bar + 1, NULL, 10) != 1 || eol + 1 >= end)
    return;
  p = eol + 1;
  eol = memchr (p, '\n', end - p);
  line = g_strndup (p, (eol != NULL ? eol : end) - p);
  parts = g_strsplit (line, "|", -1);
  /* parts[0] is the part of speech. */
  for (guint i = 1; parts[i] != NULL && words->len < max_words; i++)
    if (strchr (parts[i], '(') == NULL)
      add_word (words, parts[i], strlen (parts[i]), self_word);
}

GPtrArray *
lg_thesaurus_lookup (LgThesaurus *self,
                     const char  *word,
                     guint        max_words)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (self != NULL, words);
  g_return_val_if_fail (word != NULL, words);

  for (guint i = 0; i < self->dictionaries->len && words->len < max_words; i++)
    {
      const Dictionary *d = &g_array_index (self->dictionaries, Dictionary, i);
      gint64 offset = find_entry (d, word);

      if (offset >= 0)
        read_entry (d, offset, word, max_words, words);
    }
  return words;
}
