/* lg-search-rank.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The weights lg_rank() ranks the candidates with; the function itself
 * runs inside the store (lg-store-search.c).
 */

#define G_LOG_DOMAIN "lg-search"

#include "config.h"

#include <math.h>

#include "lg-search-rank.h"

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
