/* lg-corpus.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-corpus"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "lg-corpus.h"

static char *
unescape (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p++)
    {
      if (p[0] == '\\' && p[1] == 'n')
        {
          g_string_append_c (out, '\n');
          p++;
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

GPtrArray *
lg_corpus_read (const char  *path,
                guint        n_fields,
                GError     **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_return_val_if_fail (path != NULL && n_fields > 0, NULL);

  if (!g_file_get_contents (path, &contents, NULL, error))
    return NULL;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      g_auto(GStrv) fields = NULL;
      gsize len = strlen (line);

      if (len > 0 && line[len - 1] == '\r')
        line[len - 1] = '\0';
      if (line[0] == '\0' || line[0] == '#')
        continue;

      fields = g_strsplit (line, "\t", n_fields);
      if (g_strv_length (fields) != n_fields)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                       "%s:%u: expected %u tab-separated fields", path, i + 1, n_fields);
          return NULL;
        }
      {
        char *text = unescape (fields[n_fields - 1]);

        g_free (fields[n_fields - 1]);
        fields[n_fields - 1] = text;
      }
      g_ptr_array_add (records, g_steal_pointer (&fields));
    }
  return g_steal_pointer (&records);
}

typedef struct
{
  double   score;
  gboolean label;
} Scored;

static int
compare_scored (const void *a,
                const void *b)
{
  double sa = ((const Scored *) a)->score;
  double sb = ((const Scored *) b)->score;

  return (sa > sb) - (sa < sb);
}

double
lg_corpus_auc (const double   *scores,
               const gboolean *labels,
               guint           n)
{
  g_autofree Scored *items = g_new (Scored, n);
  double rank_sum = 0;
  guint n_pos = 0;

  for (guint i = 0; i < n; i++)
    {
      items[i].score = scores[i];
      items[i].label = labels[i];
      n_pos += labels[i] ? 1 : 0;
    }
  if (n_pos == 0 || n_pos == n)
    return 0.5;
  qsort (items, n, sizeof (Scored), compare_scored);

  /* Mann–Whitney: average ranks over ties. */
  for (guint i = 0; i < n;)
    {
      guint j = i;
      double rank;

      while (j < n && items[j].score == items[i].score)
        j++;
      rank = (i + 1 + j) / 2.0;
      for (guint k = i; k < j; k++)
        if (items[k].label)
          rank_sum += rank;
      i = j;
    }
  return (rank_sum - n_pos * (n_pos + 1) / 2.0) / ((double) n_pos * (n - n_pos));
}

static void
post_clear (gpointer data)
{
  LgCorpusPost *p = data;

  g_free (p->community);
  g_free (p->language);
  g_free (p->text);
}

static void
offer_clear (gpointer data)
{
  LgCorpusOffer *o = data;

  g_free (o->id);
  g_free (o->language);
  g_strfreev (o->communities);
  g_free (o->text);
}

/* Community -> language, of the communities in @split. */
static GHashTable *
read_split (const char  *dir,
            const char  *split,
            GError     **error)
{
  g_autofree char *path = g_build_filename (dir, "split.tsv", NULL);
  g_autoptr(GPtrArray) records = lg_corpus_read (path, 4, error);
  GHashTable *chosen;

  if (records == NULL)
    return NULL;
  chosen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < records->len; i++)
    {
      char **r = g_ptr_array_index (records, i);

      if (g_str_equal (r[2], split))
        g_hash_table_insert (chosen, g_strdup (r[0]), g_strdup (r[1]));
    }
  return chosen;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Every post file below @dir. */
static void
list_posts (const char *dir,
            GPtrArray  *files)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        list_posts (path, files);
      else if (g_str_has_suffix (name, ".tsv") && !g_str_equal (name, "split.tsv") &&
               !g_str_equal (name, "offers.tsv"))
        g_ptr_array_add (files, g_steal_pointer (&path));
    }
}

GArray *
lg_corpus_read_posts (const char  *dir,
                      const char  *split,
                      GError     **error)
{
  g_autoptr(GHashTable) chosen = read_split (dir, split, error);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) posts = g_array_new (FALSE, FALSE, sizeof (LgCorpusPost));

  if (chosen == NULL)
    return NULL;
  g_array_set_clear_func (posts, post_clear);
  list_posts (dir, files);
  g_ptr_array_sort (files, compare_names);
  for (guint f = 0; f < files->len; f++)
    {
      g_autoptr(GPtrArray) records = lg_corpus_read (g_ptr_array_index (files, f), 4, error);

      if (records == NULL)
        return NULL;
      for (guint i = 0; i < records->len; i++)
        {
          char **r = g_ptr_array_index (records, i);
          const char *language = g_hash_table_lookup (chosen, r[1]);
          LgCorpusPost post;

          if (language == NULL || g_str_equal (r[0], "label"))
            continue;
          post.buyer = g_str_equal (r[0], "buyer");
          post.seller = g_str_equal (r[0], "seller");
          post.community = g_strdup (r[1]);
          post.language = g_strdup (language);
          post.text = g_strdup (r[3]);
          g_array_append_val (posts, post);
        }
    }
  return g_steal_pointer (&posts);
}

GArray *
lg_corpus_read_offers (const char  *dir,
                       const char  *split,
                       GError     **error)
{
  g_autoptr(GHashTable) chosen = read_split (dir, split, error);
  g_autofree char *path = g_build_filename (dir, "offers.tsv", NULL);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GArray) offers = g_array_new (FALSE, FALSE, sizeof (LgCorpusOffer));

  if (chosen == NULL)
    return NULL;
  g_array_set_clear_func (offers, offer_clear);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&offers);
  records = lg_corpus_read (path, 4, error);
  if (records == NULL)
    return NULL;
  for (guint i = 0; i < records->len; i++)
    {
      char **r = g_ptr_array_index (records, i);
      g_auto(GStrv) communities = g_strsplit (r[2], ",", -1);
      gboolean in_split = FALSE;
      LgCorpusOffer offer;

      for (guint c = 0; communities[c] != NULL; c++)
        in_split |= g_hash_table_contains (chosen, communities[c]);
      if (!in_split)
        continue;
      offer.id = g_strdup (r[0]);
      offer.language = g_strdup (r[1]);
      offer.communities = g_steal_pointer (&communities);
      offer.text = g_strdup (r[3]);
      g_array_append_val (offers, offer);
    }
  return g_steal_pointer (&offers);
}
