/* lg-cli-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * search: find leads from a terminal; sample: the sample workspace.
 */

#define G_LOG_DOMAIN "lg-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "lg-cli.h"
#include "lg-channel-handle.h"
#include "lg-sample-workspace.h"
#include "lg-source.h"
#include "lg-search-export.h"
#include "lg-search.h"

/* A source by channel name, handle or title. */
static gboolean
resolve_source (GListModel  *sources,
                const char  *name,
                gint64      *id,
                GError     **error)
{
  g_autofree char *handle = lg_channel_handle_parse (name, NULL, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(LgSource) source = g_list_model_get_item (sources, i);

      if ((handle != NULL && g_ascii_strcasecmp (lg_source_get_handle (source), handle) == 0) ||
          g_strcmp0 (lg_source_get_handle (source), name) == 0 ||
          g_strcmp0 (lg_source_get_title (source), name) == 0)
        {
          *id = lg_source_get_id (source);
          return TRUE;
        }
    }
  g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_NOT_FOUND,
               _("There is no source called “%s”; “leadgram-cli sources” lists them."), name);
  return FALSE;
}

static void
print_text (GListModel *results)
{
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(LgSearchResult) result = g_list_model_get_item (results, i);
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (
        lg_search_result_get_sent_at (result));
      g_autofree char *date = g_date_time_format (time, "%Y-%m-%d %H:%M");
      g_autofree char *excerpt = lg_search_result_dup_excerpt (result, 200, FALSE);
      /* Authors, channel titles and texts are strangers' words. */
      g_autofree char *safe_excerpt = lg_cli_escape (excerpt, TRUE);
      g_autofree char *reason = lg_cli_escape (lg_search_result_get_reason (result), FALSE);
      g_autofree char *author = lg_cli_escape (lg_search_result_get_author_label (result), FALSE);
      g_autofree char *source = lg_cli_escape (lg_search_result_get_source_label (result), FALSE);
      g_autofree char *link = lg_cli_escape (lg_search_result_get_link (result), FALSE);

      g_print ("%3d  %s\n     %s · %s · %s\n     %s\n     %s\n\n",
               lg_search_result_get_score (result), reason, author, source, date, safe_excerpt,
               link);
    }
}

int
lg_cli_search (LgCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgSearchSpec) spec = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GListStore) list = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *offer = NULL;
  g_autofree char *since = NULL;
  g_auto(GStrv) must = NULL;
  g_auto(GStrv) exclude = NULL;
  g_auto(GStrv) source_names = NULL;
  g_auto(GStrv) kinds = NULL;
  g_auto(LgSearchStats) stats = { 0 };
  gboolean json = FALSE, csv = FALSE;
  int min_score = 0, limit = LG_SEARCH_DEFAULT_LIMIT;
  LgStore *store;
  const GOptionEntry entries[] = {
    { "offer", 0, 0, G_OPTION_ARG_STRING, &offer, N_("What you sell, in plain words"),
      N_("TEXT") },
    { "must", 0, 0, G_OPTION_ARG_STRING_ARRAY, &must, N_("A word every result must have"),
      N_("WORD") },
    { "exclude", 0, 0, G_OPTION_ARG_STRING_ARRAY, &exclude, N_("Leave out messages with WORD"),
      N_("WORD") },
    { "source", 0, 0, G_OPTION_ARG_STRING_ARRAY, &source_names, N_("Only this source"),
      N_("NAME") },
    { "kind", 0, 0, G_OPTION_ARG_STRING_ARRAY, &kinds,
      N_("Only sources of this kind: telegram_channel, telegram_export, feed, whatsapp_export, "
         "discord_export or slack_export"), N_("KIND") },
    { "since", 0, 0, G_OPTION_ARG_STRING, &since, N_("Only messages sent from DATE on"),
      N_("DATE") },
    { "min-score", 0, 0, G_OPTION_ARG_INT, &min_score, N_("Only results scoring N or more"),
      N_("N") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("Show at most N people (default 50)"),
      N_("N") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print CSV"), NULL },
    { NULL }
  };

  if (!lg_cli_parse (&argc, &argv, "search", "",
                     N_("Find the people who want what you sell, best first"), entries, &error))
    return lg_cli_fail_error (error);
  if (offer == NULL)
    return lg_cli_fail (_("search needs --offer, e.g. --offer \"CRM for dental clinics\""));
  if (json && csv)
    return lg_cli_fail (_("choose one of --json and --csv"));
  if (limit < 1 || min_score < 0 || min_score > 100)
    return lg_cli_fail (_("--limit must be at least 1 and --min-score between 0 and 100"));
  for (guint i = 0; kinds != NULL && kinds[i] != NULL; i++)
    if (lg_source_kind_lookup (kinds[i]) == NULL)
      return lg_cli_fail (_("--kind must be one of telegram_channel, telegram_export, feed, "
                            "whatsapp_export, discord_export and slack_export"));

  store = lg_cli_get_store (cli, &error);
  if (store == NULL)
    return lg_cli_fail_error (error);

  spec = lg_search_spec_new (offer);
  lg_search_spec_set_must (spec, (const char * const *) must);
  lg_search_spec_set_exclude (spec, (const char * const *) exclude);
  lg_search_spec_set_min_score (spec, min_score);
  lg_search_spec_set_limit (spec, limit);
  lg_search_spec_set_source_kinds (spec, (const char * const *) kinds);
  if (since != NULL)
    {
      gint64 time;

      if (!lg_cli_parse_time (since, &time, &error))
        return lg_cli_fail_error (error);
      lg_search_spec_set_since (spec, time);
    }
  if (source_names != NULL)
    {
      g_autoptr(GListModel) sources = lg_store_list_sources_brief (store, &error);

      if (sources == NULL)
        return lg_cli_fail_error (error);
      for (guint i = 0; source_names[i] != NULL; i++)
        {
          gint64 id;

          if (!resolve_source (sources, source_names[i], &id, &error))
            return lg_cli_fail_error (error);
          g_array_append_val (ids, id);
        }
      lg_search_spec_set_source_ids (spec, (const gint64 *) (gpointer) ids->data, ids->len);
    }

  results = lg_search_run (store, spec, NULL, g_get_real_time () / G_USEC_PER_SEC, NULL, NULL,
                           NULL, &stats, &error);
  if (results == NULL)
    return lg_cli_fail_error (error);

  list = g_list_store_new (LG_TYPE_SEARCH_RESULT);
  g_list_store_splice (list, 0, 0, results->pdata, results->len);
  if (stats.dropped != NULL && stats.dropped[0] != NULL && !json && !csv)
    {
      g_autofree char *words = g_strjoinv (", ", stats.dropped);

      g_printerr (_("Left out as too common: %s\n"), words);
    }

  if (json || csv)
    {
      g_autofree char *text = json ? lg_search_results_to_json (G_LIST_MODEL (list))
                                   : lg_search_results_to_csv (G_LIST_MODEL (list));

      g_print ("%s%s", text, json ? "\n" : "");
    }
  else if (results->len == 0)
    g_print (_("Nobody found. Try other words for what you sell, a lower --min-score, or more "
               "sources.\n"));
  else
    print_text (G_LIST_MODEL (list));
  return 0;
}

int
lg_cli_sample (LgCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(GError) error = NULL;
  LgStore *store;

  if (!lg_cli_parse (&argc, &argv, "sample", "load|remove",
                     N_("Open or remove the sample workspace"), NULL, &error))
    return lg_cli_fail_error (error);
  if (argc != 2 || (g_strcmp0 (argv[1], "load") != 0 && g_strcmp0 (argv[1], "remove") != 0))
    return lg_cli_fail (_("sample needs “load” or “remove”"));

  store = lg_cli_get_store (cli, &error);
  if (store == NULL)
    return lg_cli_fail_error (error);

  if (g_str_equal (argv[1], "load"))
    {
      if (!lg_sample_workspace_load (store, g_get_real_time () / G_USEC_PER_SEC, &error))
        return lg_cli_fail_error (error);
      g_print (_("The sample workspace is open: five sample channels and their leads.\n"));
    }
  else
    {
      if (!lg_sample_workspace_remove (store, &error))
        return lg_cli_fail_error (error);
      g_print (_("The sample data is removed.\n"));
    }
  return 0;
}
