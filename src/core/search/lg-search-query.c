/* lg-search-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-search"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-search-query.h"
#include "lg-search.h"

/* Shorter stems would make a prefix query read most of the index (the table
 * has prefix indexes of 3 and 4 characters): they are searched as words. */
#define MIN_PREFIX_CHARS 3

char *
lg_search_query_quote (const char *text,
                       gboolean    prefix)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text) + 3);
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
  if (prefix)
    g_string_append_c (out, '*');
  return g_string_free (out, FALSE);
}

/* A string FTS5's tokenizer makes no token of ("-", "…") would match nothing
 * and, ANDed, rule everything out. */
static gboolean
has_word_char (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* One term as FTS5 phrase syntax: its words joined by '+', each a stem prefix
 * when the stem is long enough, else the word itself. *max_frequency and
 * *min_frequency get the document frequencies of its most and least common
 * words (-1 when unknown). NULL when it has no word. */
static char *
term_to_fts (const LgQueryTerm   *term,
             LgTermFrequencyFunc  frequency,
             gpointer             user_data,
             gint64              *max_frequency,
             gint64              *min_frequency)
{
  g_auto(GStrv) words = g_strsplit (term->word, " ", -1);
  g_auto(GStrv) stems = g_strsplit (term->stem != NULL ? term->stem : term->word, " ", -1);
  GString *out = g_string_new (NULL);

  *max_frequency = *min_frequency = -1;
  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *stem = i < g_strv_length (stems) ? stems[i] : words[i];
      gboolean prefix = g_utf8_strlen (stem, -1) >= MIN_PREFIX_CHARS;
      const char *token = prefix ? stem : words[i];
      g_autofree char *quoted = NULL;

      if (!has_word_char (token))
        continue;
      if (frequency != NULL)
        {
          gint64 docs = frequency (token, prefix, user_data);

          *max_frequency = MAX (*max_frequency, docs);
          *min_frequency = *min_frequency < 0 ? docs : MIN (*min_frequency, docs);
        }
      quoted = lg_search_query_quote (token, prefix);
      if (out->len > 0)
        g_string_append (out, " + ");
      g_string_append (out, quoted);
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

char *
lg_search_query_build (const LgOffer        *offer,
                       gint64                max_docs,
                       LgTermFrequencyFunc   frequency,
                       gpointer              user_data,
                       GPtrArray            *dropped,
                       GArray               *frequencies,
                       GError              **error)
{
  g_autoptr(GString) positive = g_string_new (NULL);
  g_autoptr(GPtrArray) must = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) exclude = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) positive_docs = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *expression = NULL;
  const LgQueryTerm *terms;
  guint n_terms;

  g_return_val_if_fail (offer != NULL, NULL);

  terms = lg_offer_get_query_terms (offer, &n_terms);
  for (guint i = 0; i < n_terms; i++)
    {
      const LgQueryTerm *term = &terms[i];
      gint64 docs = -1, rarest = -1;
      g_autofree char *fts = NULL;

      /* Must-have and exclude words narrow the result however common they
       * are, so their frequency is not asked. */
      fts = term_to_fts (term,
                         term->kind == LG_QUERY_TERM_CONCEPT || term->kind == LG_QUERY_TERM_PHRASE
                         ? frequency : NULL,
                         user_data, &docs, &rarest);
      if (fts == NULL)
        continue;

      switch (term->kind)
        {
        case LG_QUERY_TERM_CONCEPT:
        case LG_QUERY_TERM_PHRASE:
          if (max_docs >= 0 && docs > max_docs)
            {
              if (dropped != NULL)
                g_ptr_array_add (dropped, g_strdup (term->word));
              break;
            }
          if (positive->len > 0)
            g_string_append (positive, " OR ");
          g_string_append (positive, fts);
          /* A phrase is at most as common as its rarest word. */
          g_array_append_val (positive_docs, rarest);
          break;
        case LG_QUERY_TERM_MUST:
          g_ptr_array_add (must, g_steal_pointer (&fts));
          break;
        case LG_QUERY_TERM_EXCLUDE:
          g_ptr_array_add (exclude, g_steal_pointer (&fts));
          break;
        default:
          g_assert_not_reached ();
        }
    }

  /* With every word of the offer too common, the must-have words alone still
   * make a narrow query. */
  if (positive->len > 0)
    expression = g_strdup_printf ("(%s)", positive->str);
  for (guint i = 0; i < must->len; i++)
    {
      char *next = expression == NULL
                   ? g_strdup (g_ptr_array_index (must, i))
                   : g_strdup_printf ("(%s AND %s)", expression,
                                      (char *) g_ptr_array_index (must, i));

      g_free (expression);
      expression = next;
    }

  if (expression == NULL)
    {
      g_set_error_literal (error, LG_SEARCH_ERROR, LG_SEARCH_ERROR_COMMON_WORDS,
                           _("Every word of the offer is in too many messages to tell anything "
                             "apart. Name what you sell more precisely, or add a must-have word."));
      return NULL;
    }

  for (guint i = 0; i < exclude->len; i++)
    {
      char *next = g_strdup_printf ("(%s NOT %s)", expression,
                                    (char *) g_ptr_array_index (exclude, i));

      g_free (expression);
      expression = next;
    }

  /* Phrases are numbered in the order they are written: the positive ones
   * first, then the must-have and exclude ones, which every match has or
   * lacks alike. */
  if (frequencies != NULL)
    {
      g_array_set_size (frequencies, 0);
      g_array_append_vals (frequencies, positive_docs->data, positive_docs->len);
    }
  return g_steal_pointer (&expression);
}
