/* lg-search-rank.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-search"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "lg-search-rank.h"
#include "lg-store-private.h"

/* bm25's term-frequency saturation. */
#define K1 1.2

static void
rank_function (const Fts5ExtensionApi  *api,
               Fts5Context             *fts,
               sqlite3_context         *context,
               int                      n_values,
               sqlite3_value          **values)
{
  const guint8 *blob = NULL;
  int n_weights = 0;
  int n_phrases = api->xPhraseCount (fts);
  double rank = 0;

  if (n_values > 0 && sqlite3_value_type (values[0]) == SQLITE_BLOB)
    {
      blob = sqlite3_value_blob (values[0]);
      n_weights = sqlite3_value_bytes (values[0]) / (int) sizeof (double);
    }

  /* Phrases past the weights are the must-have and exclude words: every
   * candidate has or lacks them alike. */
  for (int i = 0; i < MIN (n_phrases, n_weights); i++)
    {
      Fts5PhraseIter iter;
      int column, offset, count = 0;
      double weight;

      for (api->xPhraseFirst (fts, i, &iter, &column, &offset); column >= 0;
           api->xPhraseNext (fts, &iter, &column, &offset))
        count++;
      if (count == 0)
        continue;
      memcpy (&weight, blob + i * sizeof (double), sizeof (double));
      rank += weight * count * (K1 + 1) / (count + K1);
    }
  sqlite3_result_double (context, rank);
}

static fts5_api *
get_fts5_api (sqlite3 *db)
{
  fts5_api *api = NULL;
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT fts5 (?1)", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_pointer (stmt, 1, &api, "fts5_api_ptr", NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return api;
}

gboolean
lg_search_rank_register (LgStore  *store,
                         GError  **error)
{
  fts5_api *api;

  g_return_val_if_fail (LG_IS_STORE (store), FALSE);

  if (g_object_get_data (G_OBJECT (store), "lg-search-rank") != NULL)
    return TRUE;

  api = get_fts5_api (lg_store_get_db (store));
  if (api == NULL ||
      api->xCreateFunction (api, "lg_rank", NULL, rank_function, NULL) != SQLITE_OK)
    {
      lg_store_set_error (store, error, _("Could not prepare the search"));
      return FALSE;
    }
  g_object_set_data (G_OBJECT (store), "lg-search-rank", GINT_TO_POINTER (TRUE));
  return TRUE;
}

GBytes *
lg_search_rank_weights (const GArray *frequencies,
                        gint64        n_messages)
{
  g_autoptr(GArray) weights = NULL;

  g_return_val_if_fail (frequencies != NULL, NULL);

  weights = g_array_sized_new (FALSE, FALSE, sizeof (double), frequencies->len);
  for (guint i = 0; i < frequencies->len; i++)
    {
      gint64 docs = g_array_index (frequencies, gint64, i);
      /* bm25's idf; a word of unknown frequency counts as a rare one. */
      double n = docs >= 0 ? (double) docs : 0;
      double weight = log (1 + (MAX (n_messages - n, 0) + 0.5) / (n + 0.5));

      g_array_append_val (weights, weight);
    }
  return g_bytes_new (weights->data, weights->len * sizeof (double));
}
