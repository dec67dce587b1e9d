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
