/* gen-insights.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gen-insights DB [LEADS [MESSAGES [MONTHS]]]: fills a new database with the
 * realistic Insights data of lg-gen-insights.c (for screenshots and trying
 * the view). Defaults: 600 leads, 3000 messages, 8 months.
 */

#include "config.h"

#include "lg-gen-insights.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgStore) store = NULL;
  LgGenOptions options = { 600, 3000, 8, g_get_real_time () / G_USEC_PER_SEC, 42 };

  if (argc < 2)
    {
      g_printerr ("usage: gen-insights DB [LEADS [MESSAGES [MONTHS]]]\n");
      return 2;
    }
  if (argc > 2)
    options.n_leads = g_ascii_strtoull (argv[2], NULL, 10);
  if (argc > 3)
    options.n_messages = g_ascii_strtoull (argv[3], NULL, 10);
  if (argc > 4)
    options.months = MAX (1, g_ascii_strtoull (argv[4], NULL, 10));

  store = lg_store_open (argv[1], &error);
  if (store == NULL || !lg_gen_insights (store, &options, &error))
    {
      g_printerr ("gen-insights: %s\n", error->message);
      return 1;
    }
  g_print ("%s: %u leads, %u messages over %u months\n", argv[1], options.n_leads,
           options.n_messages, options.months);
  return 0;
}
