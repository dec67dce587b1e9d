/* lg-cli-info.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-cli"

#include "config.h"

/* PRId64, not G_GINT64_FORMAT, in translatable strings: xgettext knows it. */
#include <inttypes.h>

#include <glib/gi18n.h>

#include "lg-cli.h"

int
lg_cli_info (LgCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(GError) error = NULL;
  LgStoreCounts counts;
  LgStore *store;

  if (!lg_cli_parse (&argc, &argv, "info", "",
                     N_("Show the database path, schema version and row counts"), NULL, &error))
    return lg_cli_fail_error (error);

  store = lg_cli_get_store (cli, &error);
  if (store == NULL || !lg_store_count (store, &counts, &error))
    return lg_cli_fail_error (error);

  g_print (_("Database:       %s\n"), lg_store_get_path (store));
  g_print (_("Schema version: %d\n"), lg_store_get_version (store));
  if (lg_store_get_backup_path (store) != NULL)
    g_print (_("Backup before upgrade: %s\n"), lg_store_get_backup_path (store));
  g_print (_("Sources:        %" PRId64 "\n"), counts.sources);
  g_print (_("Messages:       %" PRId64 "\n"), counts.messages);
  g_print (_("Leads:          %" PRId64 "\n"), counts.leads);
  g_print (_("Follow-ups:     %" PRId64 "\n"), counts.followups);
  g_print (_("Searches:       %" PRId64 "\n"), counts.searches);
  return 0;
}

int
lg_cli_backup (LgCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(GError) error = NULL;
  LgStore *store;

  if (!lg_cli_parse (&argc, &argv, "backup", "FILE", N_("Save a copy of the whole database"),
                     NULL, &error))
    return lg_cli_fail_error (error);
  if (argc != 2)
    return lg_cli_fail (_("backup needs the path of the copy to write"));

  store = lg_cli_get_store (cli, &error);
  if (store == NULL || !lg_store_save_copy (store, argv[1], &error))
    return lg_cli_fail_error (error);
  /* TRANSLATORS: %s is the path of the backup */
  g_print (_("Saved a copy of the database to %s. Open it with --db, or quit Leadgram and put "
             "it in the database's place to restore it.\n"), argv[1]);
  return 0;
}
