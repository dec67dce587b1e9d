/* lg-cli-info.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-cli"

#include "config.h"

/* PRId64, not G_GINT64_FORMAT, in translatable strings: xgettext knows it. */
#include <inttypes.h>

#include <glib/gi18n.h>

#include "lg-backups.h"
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

static void
print_copy_progress (const char *table,
                     gint64      copied,
                     gint64      total,
                     gpointer    user_data)
{
  /* TRANSLATORS: a table of the database, rows copied of all its rows */
  g_printerr ("\r");
  g_printerr (_("%s: %" PRId64 " of %" PRId64), table, copied, total);
  if (copied == total)
    g_printerr ("\n");
}

/* copy-workspace: everything into an empty workspace, a team's on a server or
 * a new file; the --db one is not changed. */
int
lg_cli_copy_workspace (LgCli  *cli,
                       int     argc,
                       char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgStore) target = NULL;
  g_autofree char *target_path = NULL;
  LgStoreCounts counts;
  LgStore *store;

  if (!lg_cli_parse (&argc, &argv, "copy-workspace", "TARGET",
                     N_("Copy everything into an empty workspace: a team’s "
                        "(postgresql://HOST/DATABASE) or a new file"), NULL, &error))
    return lg_cli_fail_error (error);
  if (argc != 2)
    return lg_cli_fail (_("copy-workspace needs the workspace to copy into: a postgresql:// "
                          "address or the path of a new file"));

  store = lg_cli_get_store (cli, &error);
  if (store == NULL)
    return lg_cli_fail_error (error);
  target_path = lg_store_resolve_path (argv[1]);
  if (g_strcmp0 (target_path, lg_store_get_path (store)) == 0)
    return lg_cli_fail (_("copy-workspace copies into another workspace, not into itself"));
  target = lg_store_open (target_path, &error);
  if (target == NULL ||
      !lg_store_copy_into (store, target, print_copy_progress, NULL, NULL, &error) ||
      !lg_store_count (target, &counts, &error))
    return lg_cli_fail_error (error);
  /* TRANSLATORS: the numbers of leads, follow-ups, sources and messages, then where */
  g_print (_("Copied %" PRId64 " leads, %" PRId64 " follow-ups, %" PRId64 " sources and "
             "%" PRId64 " messages into %s.\n"),
           counts.leads, counts.followups, counts.sources, counts.messages, target_path);
  return 0;
}

/* backups: the automatic backups, newest first; --take takes today's now if
 * there is none yet, as the app does when it starts. */
int
lg_cli_backups (LgCli  *cli,
                int     argc,
                char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) backups = NULL;
  gboolean take = FALSE, taken = FALSE;
  const GOptionEntry entries[] = {
    { "take", 0, 0, G_OPTION_ARG_NONE, &take, N_("Take today’s backup if there is none yet"),
      NULL },
    { NULL }
  };

  if (!lg_cli_parse (&argc, &argv, "backups", "[--take]",
                     N_("List the automatic daily backups, or take today’s"), entries, &error))
    return lg_cli_fail_error (error);

  if (take)
    {
      LgStore *store = lg_cli_get_store (cli, &error);

      if (store == NULL ||
          !lg_backups_take_daily (store, g_get_real_time () / G_USEC_PER_SEC,
                                  LG_BACKUPS_DEFAULT_KEEP, &taken, &error))
        return lg_cli_fail_error (error);
    }
  backups = lg_backups_list (cli->db_path);
  if (backups[0] == NULL)
    {
      g_autofree char *dir = lg_backups_get_dir (cli->db_path);

      /* TRANSLATORS: %s is a folder */
      g_print (_("No automatic backups yet: Leadgram takes one a day in %s.\n"), dir);
      return 0;
    }
  for (guint i = 0; backups[i] != NULL; i++)
    g_print ("%s\n", backups[i]);
  if (taken)
    g_print (_("Took today’s backup.\n"));
  return 0;
}

/* restore: puts a backup in the database's place, keeping the database as it
 * was beside it. Leadgram must not have it open. */
int
lg_cli_restore (LgCli  *cli,
                int     argc,
                char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;

  if (!lg_cli_parse (&argc, &argv, "restore", "BACKUP",
                     N_("Put a backup in the database’s place (quit Leadgram first)"), NULL,
                     &error))
    return lg_cli_fail_error (error);
  if (argc != 2)
    return lg_cli_fail (_("restore needs the path of a backup, as “backups” lists them"));
  if (!lg_backups_restore (cli->db_path, argv[1], &kept, &error))
    return lg_cli_fail_error (error);
  /* TRANSLATORS: the first %s is the backup, the second the old database's new name */
  g_print (_("Restored %s. The database as it was is kept as %s.\n"), argv[1], kept);
  return 0;
}

/* salvage: what can still be read of a damaged database, into a new one. */
int
lg_cli_salvage (LgCli  *cli,
                int     argc,
                char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) damaged = NULL;
  gint64 copied = 0;

  if (!lg_cli_parse (&argc, &argv, "salvage", "FILE",
                     N_("Save what can still be read of a damaged database into a new one"),
                     NULL, &error))
    return lg_cli_fail_error (error);
  if (argc != 2)
    return lg_cli_fail (_("salvage needs the path of the new database to write"));
  if (!lg_store_salvage (cli->db_path, argv[1], &copied, &damaged, &error))
    return lg_cli_fail_error (error);
  /* TRANSLATORS: %s is the new database's path */
  g_print (g_dngettext (GETTEXT_PACKAGE, "Saved %" PRId64 " row to %s.\n",
                        "Saved %" PRId64 " rows to %s.\n", copied), copied, argv[1]);
  if (damaged[0] != NULL)
    {
      g_autofree char *list = g_strjoinv (", ", damaged);

      g_print (_("Rows could not be read in: %s.\n"), list);
    }
  g_print (_("Check it with “leadgram-cli --db %s info”, then restore it: "
             "“leadgram-cli restore %s”.\n"), argv[1], argv[1]);
  return 0;
}
