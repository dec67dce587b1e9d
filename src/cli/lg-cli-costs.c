/* lg-cli-costs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `cost add|list|edit|remove`: what each source cost, for cost per lead and ROI;
 * `import-costs`: an ad platform's spend report as costs per campaign.
 */

#define G_LOG_DOMAIN "lg-cli"

#include "config.h"

/* PRId64, not G_GINT64_FORMAT, in translatable strings: xgettext knows it. */
#include <inttypes.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "lg-cli.h"
#include "lg-format.h"
#include "lg-lead-form.h"
#include "lg-metrics-format.h"
#include "lg-pipeline.h"
#include "lg-spend-import.h"

#define DAY 86400

/* SOURCE is an id or a handle (with or without @). */
static LgSource *
find_source (LgStore     *store,
             const char  *text,
             GError     **error)
{
  g_autoptr(GListModel) sources = NULL;
  LgSource *found = NULL;
  const char *handle = text[0] == '@' ? text + 1 : text;
  char *end = NULL;
  gint64 id = g_ascii_strtoll (text, &end, 10);

  if (end != text && *end == '\0')
    return lg_store_get_source (store, id, error);

  sources = lg_store_list_sources_brief (store, error);
  if (sources == NULL)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(LgSource) source = g_list_model_get_item (sources, i);

      if (g_ascii_strcasecmp (lg_source_get_handle (source), handle) != 0)
        continue;
      if (found != NULL)
        {
          g_object_unref (found);
          g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_INVALID,
                       _("More than one source is called “%s”; give its id instead "
                         "(see leadgram-cli info)."), handle);
          return NULL;
        }
      found = g_steal_pointer (&source);
    }

  if (found == NULL)
    g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_NOT_FOUND,
                 _("There is no source “%s”. Give the handle or id of one of your sources."),
                 text);
  return found;
}

/* A day as the options take it; `last` is the period's end, excluded, so the
 * day shown is the one before it. */
static char *
format_day (gint64   time,
            gboolean last)
{
  g_autoptr(GDateTime) day = g_date_time_new_from_unix_local (last ? time - DAY : time);

  return g_date_time_format (day, "%Y-%m-%d");
}

/* "$90 for free_chat, 1 Mar 2024 – 31 Mar 2024" */
static char *
describe_cost (LgCost *cost)
{
  g_autofree char *money = lg_format_money (lg_cost_get_amount (cost),
                                            lg_cost_get_currency (cost));
  g_autofree char *period = lg_format_period (lg_cost_get_period_start (cost),
                                              lg_cost_get_period_end (cost),
                                              g_get_real_time () / G_USEC_PER_SEC, NULL);

  /* TRANSLATORS: a cost: "$90 for free_chat, 1 Mar 2024 – 31 Mar 2024" */
  return g_strdup_printf (_("%s for %s, %s"), money, lg_cost_get_source_title (cost), period);
}

static gboolean
parse_cost_id (const char *text,
               gint64     *id)
{
  if (lg_cli_parse_id (text, id))
    return TRUE;
  lg_cli_fail (_("“%s” is not a cost id (a whole number, as “leadgram-cli cost list” shows)"),
               text);
  return FALSE;
}

static int
cost_add (LgCli  *cli,
          int     argc,
          char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgSource) source = NULL;
  g_autofree char *period = NULL;
  g_autofree char *amount_text = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *note = NULL;
  g_autofree char *upper = NULL;
  g_autofree char *money = NULL;
  gint64 start, end, amount, id;
  LgStore *store;
  const GOptionEntry entries[] = {
    { "period", 0, 0, G_OPTION_ARG_STRING, &period, N_("The month the cost is for"),
      N_("YYYY-MM") },
    { "amount", 0, 0, G_OPTION_ARG_STRING, &amount_text, N_("What it cost, e.g. 250 or 99.90"),
      N_("N") },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency, N_("Currency code (default: USD)"),
      N_("CODE") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note, e.g. what was paid for"),
      N_("TEXT") },
    { NULL }
  };

  if (!lg_cli_parse (&argc, &argv, "cost add", "SOURCE",
                     N_("Record what a source cost in a month (for cost per lead and ROI)"),
                     entries, &error))
    return lg_cli_fail_error (error);

  if (argc != 2)
    return lg_cli_fail (_("usage: leadgram-cli cost add SOURCE --period YYYY-MM --amount N "
                          "[--currency CODE]"));
  if (period == NULL || amount_text == NULL)
    return lg_cli_fail (_("cost add needs --period YYYY-MM and --amount N."));

  if (!lg_parse_month (period, NULL, &start, &end, &error) ||
      !lg_parse_amount (amount_text, &amount, &error))
    return lg_cli_fail_error (error);
  upper = g_ascii_strup (currency != NULL ? currency : "USD", -1);

  store = lg_cli_get_store (cli, &error);
  if (store == NULL)
    return lg_cli_fail_error (error);

  source = find_source (store, argv[1], &error);
  if (source == NULL)
    return lg_cli_fail_error (error);
  id = lg_store_add_cost (store, lg_source_get_id (source), start, end, amount, upper, note,
                          &error);
  if (id == 0)
    return lg_cli_fail_error (error);

  money = lg_format_money (amount, upper);
  g_print (_("Recorded %s for %s in %s (cost %" PRId64 ").\n"), money,
           lg_source_get_handle (source), period, id);
  return 0;
}

static void
print_json (GListModel *costs)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (costs); i++)
    {
      g_autoptr(LgCost) cost = g_list_model_get_item (costs, i);
      g_autofree char *from = format_day (lg_cost_get_period_start (cost), FALSE);
      g_autofree char *to = format_day (lg_cost_get_period_end (cost), TRUE);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, lg_cost_get_id (cost));
      json_builder_set_member_name (builder, "source_id");
      json_builder_add_int_value (builder, lg_cost_get_source_id (cost));
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, lg_cost_get_source_title (cost));
      /* The days as --from and --to take them, and the exact times. */
      json_builder_set_member_name (builder, "from");
      json_builder_add_string_value (builder, from);
      json_builder_set_member_name (builder, "to");
      json_builder_add_string_value (builder, to);
      json_builder_set_member_name (builder, "period_start");
      json_builder_add_int_value (builder, lg_cost_get_period_start (cost));
      json_builder_set_member_name (builder, "period_end");
      json_builder_add_int_value (builder, lg_cost_get_period_end (cost));
      json_builder_set_member_name (builder, "amount");
      json_builder_add_int_value (builder, lg_cost_get_amount (cost));
      json_builder_set_member_name (builder, "currency");
      json_builder_add_string_value (builder, lg_cost_get_currency (cost));
      json_builder_set_member_name (builder, "note");
      json_builder_add_string_value (builder, lg_cost_get_note (cost));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  lg_cli_print_json (builder);
}

static void
print_table (GListModel *costs)
{
  guint n = g_list_model_get_n_items (costs);
  LgCliColumn columns[] = { { 6 }, { 10 }, { 10 }, { 0 }, { -14 }, { 0 } };
  const char *header[] = { _("ID"), _("FROM"), _("TO"), _("SOURCE"), _("AMOUNT"), _("NOTE") };

  /* The source column as wide as its longest title. */
  columns[3].width = g_utf8_strlen (header[3], -1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LgCost) cost = g_list_model_get_item (costs, i);

      columns[3].width = MAX (columns[3].width,
                              g_utf8_strlen (lg_cost_get_source_title (cost), -1));
    }

  lg_cli_print_row (columns, header, G_N_ELEMENTS (columns));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LgCost) cost = g_list_model_get_item (costs, i);
      g_autofree char *id = g_strdup_printf ("%" PRId64, lg_cost_get_id (cost));
      g_autofree char *from = format_day (lg_cost_get_period_start (cost), FALSE);
      g_autofree char *to = format_day (lg_cost_get_period_end (cost), TRUE);
      g_autofree char *money = lg_format_money (lg_cost_get_amount (cost),
                                                lg_cost_get_currency (cost));
      const char *row[] = { id, from, to, lg_cost_get_source_title (cost), money,
                            lg_cost_get_note (cost) };

      lg_cli_print_row (columns, row, G_N_ELEMENTS (columns));
    }
}

static int
cost_list (LgCli  *cli,
           int     argc,
           char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgSource) source = NULL;
  g_autoptr(GListModel) costs = NULL;
  g_autofree char *source_text = NULL;
  gboolean json = FALSE;
  LgStore *store;
  const GOptionEntry entries[] = {
    { "source", 0, 0, G_OPTION_ARG_STRING, &source_text, N_("Only the costs of this source"),
      N_("SOURCE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print a JSON array (amounts in minor units, e.g. cents)"), NULL },
    { NULL }
  };

  if (!lg_cli_parse (&argc, &argv, "cost list", "",
                     N_("List the recorded costs, the latest period first"), entries, &error))
    return lg_cli_fail_error (error);
  if (argc > 1)
    return lg_cli_fail (_("usage: leadgram-cli cost list [--source SOURCE] [--json]"));

  store = lg_cli_get_store (cli, &error);
  if (store == NULL)
    return lg_cli_fail_error (error);
  if (source_text != NULL && (source = find_source (store, source_text, &error)) == NULL)
    return lg_cli_fail_error (error);

  costs = lg_store_list_costs (store, source != NULL ? lg_source_get_id (source) : 0, 0, 0,
                               &error);
  if (costs == NULL)
    return lg_cli_fail_error (error);

  if (json)
    print_json (costs);
  else if (g_list_model_get_n_items (costs) == 0)
    g_printerr (_("No costs. Record one with “leadgram-cli cost add”.\n"));
  else
    print_table (costs);
  return 0;
}

static int
cost_edit (LgCli  *cli,
           int     argc,
           char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgCost) cost = NULL;
  g_autoptr(LgSource) source = NULL;
  g_autofree char *source_text = NULL;
  g_autofree char *period = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *amount_text = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *note = NULL;
  g_autofree char *description = NULL;
  gint64 id, start, end, amount;
  LgStore *store;
  const GOptionEntry entries[] = {
    { "source", 0, 0, G_OPTION_ARG_STRING, &source_text, N_("The source it was for"),
      N_("SOURCE") },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period, N_("The month it was for"), N_("YYYY-MM") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("The first day it was for"),
      N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("The last day it was for, included"),
      N_("YYYY-MM-DD") },
    { "amount", 0, 0, G_OPTION_ARG_STRING, &amount_text, N_("What it cost, e.g. 250 or 99.90"),
      N_("N") },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency, N_("Currency code"), N_("CODE") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("A note; \"\" clears it"), N_("TEXT") },
    { NULL }
  };

  if (!lg_cli_parse (&argc, &argv, "cost edit", "ID",
                     N_("Change a recorded cost; what no option names stays as it is"),
                     entries, &error))
    return lg_cli_fail_error (error);
  if (argc != 2)
    return lg_cli_fail (_("usage: leadgram-cli cost edit ID [--source SOURCE] [--period YYYY-MM | "
                          "--from YYYY-MM-DD --to YYYY-MM-DD] [--amount N] [--currency CODE] "
                          "[--note TEXT]"));
  if (!parse_cost_id (argv[1], &id))
    return 1;
  if (source_text == NULL && period == NULL && from_text == NULL && to_text == NULL &&
      amount_text == NULL && currency == NULL && note == NULL)
    return lg_cli_fail (_("Nothing to change: give at least one of --source, --period, --from, "
                          "--to, --amount, --currency and --note."));
  if (period != NULL && (from_text != NULL || to_text != NULL))
    return lg_cli_fail (_("--period and --from/--to both set the period; use one or the other."));

  store = lg_cli_get_store (cli, &error);
  if (store == NULL)
    return lg_cli_fail_error (error);
  cost = lg_store_get_cost (store, id, &error);
  if (cost == NULL)
    return lg_cli_fail_error (error);

  if (source_text != NULL)
    {
      source = find_source (store, source_text, &error);
      if (source == NULL)
        return lg_cli_fail_error (error);
      lg_cost_set_source_id (cost, lg_source_get_id (source));
    }
  if (period != NULL)
    {
      if (!lg_parse_month (period, NULL, &start, &end, &error))
        return lg_cli_fail_error (error);
      lg_cost_set_period_start (cost, start);
      lg_cost_set_period_end (cost, end);
    }
  if (from_text != NULL)
    {
      if (!lg_parse_date (from_text, NULL, &start, &error))
        return lg_cli_fail_error (error);
      lg_cost_set_period_start (cost, start);
    }
  if (to_text != NULL)
    {
      if (!lg_parse_date (to_text, NULL, &end, &error))
        return lg_cli_fail_error (error);
      lg_cost_set_period_end (cost, end + DAY);
    }
  if (amount_text != NULL)
    {
      if (!lg_parse_amount (amount_text, &amount, &error))
        return lg_cli_fail_error (error);
      lg_cost_set_amount (cost, amount);
    }
  if (currency != NULL)
    {
      g_autofree char *upper = g_ascii_strup (currency, -1);

      lg_cost_set_currency (cost, upper);
    }
  if (note != NULL)
    lg_cost_set_note (cost, note);

  if (!lg_store_update_cost (store, cost, &error))
    return lg_cli_fail_error (error);

  /* Read back for the source's title as the list shows it. */
  g_clear_object (&cost);
  cost = lg_store_get_cost (store, id, &error);
  if (cost == NULL)
    return lg_cli_fail_error (error);
  description = describe_cost (cost);
  g_print (_("Cost %" PRId64 " is now %s.\n"), id, description);
  return 0;
}

static int
cost_remove (LgCli  *cli,
             int     argc,
             char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgCost) removed = NULL;
  g_autofree char *description = NULL;
  gint64 id;
  LgStore *store;

  if (!lg_cli_parse (&argc, &argv, "cost remove", "ID", N_("Remove a recorded cost"), NULL,
                     &error))
    return lg_cli_fail_error (error);
  if (argc != 2)
    return lg_cli_fail (_("usage: leadgram-cli cost remove ID"));
  if (!parse_cost_id (argv[1], &id))
    return 1;

  store = lg_cli_get_store (cli, &error);
  if (store == NULL)
    return lg_cli_fail_error (error);
  removed = lg_store_delete_cost (store, id, &error);
  if (removed == NULL)
    return lg_cli_fail_error (error);

  description = describe_cost (removed);
  g_print (_("Removed cost %" PRId64 ": %s.\n"), id, description);
  return 0;
}

int
lg_cli_cost (LgCli  *cli,
             int     argc,
             char  **argv)
{
  static const LgCliCommand subcommands[] = {
    { "add", NULL, NULL, cost_add },
    { "list", NULL, NULL, cost_list },
    { "edit", NULL, NULL, cost_edit },
    { "remove", NULL, NULL, cost_remove },
  };

  return lg_cli_run_subcommand (cli, argc, argv, subcommands, G_N_ELEMENTS (subcommands),
                                _("usage: leadgram-cli cost add|list|edit|remove …; "
                                  "run “leadgram-cli cost add --help” for the options"));
}

int
lg_cli_import_costs (LgCli  *cli,
                     int     argc,
                     char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *upper = NULL;
  LgSpendImportResult result;
  LgStore *store;
  const GOptionEntry entries[] = {
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency,
      N_("Currency of amounts the report does not name one for (default: USD)"), N_("CODE") },
    { NULL }
  };

  if (!lg_cli_parse (&argc, &argv, "import-costs", "FILE",
                     N_("Import an ad platform’s spend report (date, campaign, amount spent) "
                        "as costs per campaign"),
                     entries, &error))
    return lg_cli_fail_error (error);
  if (argc != 2)
    return lg_cli_fail (_("import-costs needs one FILE"));
  upper = g_ascii_strup (currency != NULL ? currency : "USD", -1);

  store = lg_cli_get_store (cli, &error);
  if (store == NULL || !lg_spend_import (store, argv[1], upper, &result, NULL, &error))
    return lg_cli_fail_error (error);

  if (result.platform != LG_LEAD_FORM_NONE)
    /* Translators: the platform's name, e.g. "Meta". */
    g_print (_("%s spend report.\n"), lg_lead_form_get_name (result.platform));
  g_print (ngettext ("Costs added %u, updated %u, unchanged %u; %u new campaign source.\n",
                     "Costs added %u, updated %u, unchanged %u; %u new campaign sources.\n",
                     result.sources),
           result.added, result.updated, result.unchanged, result.sources);
  return 0;
}
