/* lg-cli-followups.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `followups` lists open follow-ups; `followup add` and `followup done` write.
 */

#define G_LOG_DOMAIN "lg-cli"

#include "config.h"

/* PRId64, not G_GINT64_FORMAT, in translatable strings: xgettext knows it. */
#include <inttypes.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "lg-cli.h"
#include "lg-followup-time.h"

static const char *bucket_names[LG_FOLLOWUP_N_BUCKETS] = {
  "overdue", "today", "upcoming", "done",
};

static char *
format_utc_iso8601 (gint64 time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time);

  return g_date_time_format_iso8601 (utc);
}

static void
add_json_followup (JsonBuilder *builder,
                   LgFollowup  *followup,
                   const char  *bucket)
{
  g_autofree char *due = format_utc_iso8601 (lg_followup_get_effective_due_at (followup));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, lg_followup_get_id (followup));
  json_builder_set_member_name (builder, "lead_id");
  json_builder_add_int_value (builder, lg_followup_get_lead_id (followup));
  json_builder_set_member_name (builder, "lead");
  json_builder_add_string_value (builder, lg_followup_get_lead_name (followup));
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, lg_followup_get_kind (followup));
  json_builder_set_member_name (builder, "note");
  json_builder_add_string_value (builder, lg_followup_get_note (followup));
  json_builder_set_member_name (builder, "due_at");
  json_builder_add_string_value (builder, due);
  json_builder_set_member_name (builder, "snoozed");
  json_builder_add_boolean_value (builder, lg_followup_get_snoozed_until (followup) >
                                           lg_followup_get_due_at (followup));
  json_builder_set_member_name (builder, "bucket");
  json_builder_add_string_value (builder, bucket);
  json_builder_end_object (builder);
}

int
lg_cli_followups (LgCli  *cli,
                  int     argc,
                  char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  gboolean wanted[LG_FOLLOWUP_N_BUCKETS] = { FALSE };
  gboolean json = FALSE;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint shown = 0;
  LgStore *store;
  const GOptionEntry entries[] = {
    { "overdue", 0, 0, G_OPTION_ARG_NONE, &wanted[LG_FOLLOWUP_BUCKET_OVERDUE],
      N_("Only the overdue ones"), NULL },
    { "today", 0, 0, G_OPTION_ARG_NONE, &wanted[LG_FOLLOWUP_BUCKET_TODAY],
      N_("Only those due later today"), NULL },
    { "upcoming", 0, 0, G_OPTION_ARG_NONE, &wanted[LG_FOLLOWUP_BUCKET_UPCOMING],
      N_("Only those due after today"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print a JSON array"), NULL },
    { NULL }
  };

  if (!lg_cli_parse (&argc, &argv, "followups", "", N_("List the open follow-ups, soonest first"),
                     entries, &error))
    return lg_cli_fail_error (error);
  if (argc > 1)
    return lg_cli_fail (_("“followups” takes no arguments, only options; see --help"));

  /* No filter: every open bucket. */
  if (!wanted[LG_FOLLOWUP_BUCKET_OVERDUE] && !wanted[LG_FOLLOWUP_BUCKET_TODAY] &&
      !wanted[LG_FOLLOWUP_BUCKET_UPCOMING])
    wanted[LG_FOLLOWUP_BUCKET_OVERDUE] = wanted[LG_FOLLOWUP_BUCKET_TODAY] =
      wanted[LG_FOLLOWUP_BUCKET_UPCOMING] = TRUE;

  store = lg_cli_get_store (cli, &error);
  if (store == NULL)
    return lg_cli_fail_error (error);

  json_builder_begin_array (builder);
  for (int bucket = 0; bucket < LG_FOLLOWUP_BUCKET_DONE; bucket++)
    {
      g_autoptr(GListModel) list = NULL;

      if (!wanted[bucket])
        continue;

      list = lg_store_list_followups (store, bucket, now, NULL, 0, &error);
      if (list == NULL)
        return lg_cli_fail_error (error);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(LgFollowup) followup = g_list_model_get_item (list, i);
          g_autofree char *due = NULL;
          g_autofree char *name = NULL;
          g_autofree char *note = NULL;

          if (json)
            {
              add_json_followup (builder, followup, bucket_names[bucket]);
              continue;
            }

          due = lg_cli_format_time (lg_followup_get_effective_due_at (followup), "");
          name = lg_cli_escape (lg_followup_get_lead_name (followup), FALSE);
          note = lg_cli_escape (lg_followup_get_note (followup), FALSE);
          g_print ("%" PRId64 "\t%s\t%-8s\t%s\t%s\t%s\n",
                   lg_followup_get_id (followup), due, bucket_names[bucket],
                   lg_followup_get_kind (followup), name, note);
          shown++;
        }
    }
  json_builder_end_array (builder);

  if (json)
    lg_cli_print_json (builder);
  else if (shown == 0)
    g_printerr (_("No follow-ups.\n"));

  return 0;
}

static int
followup_add (LgCli  *cli,
              int     argc,
              char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgFollowup) followup = lg_followup_new ();
  g_autoptr(LgLead) lead = NULL;
  g_autofree char *at = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *note = NULL;
  g_autofree char *due_text = NULL;
  gint64 lead_id, due;
  LgStore *store;
  const GOptionEntry entries[] = {
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, N_("When it is due (ISO 8601)"), N_("TIME") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind,
      N_("call, message (the default), email or meeting"), N_("KIND") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("What to do"), N_("TEXT") },
    { NULL }
  };

  if (!lg_cli_parse (&argc, &argv, "followup add", "LEAD_ID --at TIME",
                     N_("Schedule a follow-up of a lead"), entries, &error))
    return lg_cli_fail_error (error);
  if (argc != 2)
    return lg_cli_fail (_("usage: followup add LEAD_ID --at TIME [--kind KIND] [--note TEXT]"));
  if (!lg_cli_parse_id (argv[1], &lead_id))
    return lg_cli_fail (_("“%s” is not a lead id (a whole number)"), argv[1]);
  if (!lg_cli_parse_time (at, &due, &error))
    return lg_cli_fail_error (error);
  if (kind != NULL && !lg_followup_kind_is_valid (kind))
    return lg_cli_fail (_("unknown kind “%s”; use call, message, email or meeting"), kind);

  store = lg_cli_get_store (cli, &error);
  if (store == NULL)
    return lg_cli_fail_error (error);
  lead = lg_store_get_lead (store, lead_id, &error);
  if (lead == NULL)
    return lg_cli_fail_error (error);

  lg_followup_set_lead_id (followup, lead_id);
  lg_followup_set_due_at (followup, due);
  lg_followup_set_kind (followup, kind);
  lg_followup_set_note (followup, note);
  if (!lg_store_add_followup (store, followup, &error))
    return lg_cli_fail_error (error);

  due_text = lg_cli_format_time (due, "");
  g_print (_("Follow-up %" PRId64 " with %s scheduled for %s\n"),
           lg_followup_get_id (followup), lg_lead_get_name (lead), due_text);
  return 0;
}

static int
followup_done (LgCli  *cli,
               int     argc,
               char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgFollowup) followup = NULL;
  gint64 id;
  LgStore *store;

  if (!lg_cli_parse (&argc, &argv, "followup done", "ID", N_("Mark a follow-up as done"), NULL,
                     &error))
    return lg_cli_fail_error (error);
  if (argc != 2)
    return lg_cli_fail (_("usage: followup done ID"));
  if (!lg_cli_parse_id (argv[1], &id))
    return lg_cli_fail (_("“%s” is not a follow-up id (a whole number, as “leadgram-cli "
                          "followups” shows)"), argv[1]);

  store = lg_cli_get_store (cli, &error);
  if (store == NULL)
    return lg_cli_fail_error (error);
  if (!lg_store_complete_followup (store, id, g_get_real_time () / G_USEC_PER_SEC, NULL, &error))
    return lg_cli_fail_error (error);

  followup = lg_store_get_followup (store, id, &error);
  if (followup == NULL)
    return lg_cli_fail_error (error);
  g_print (_("Follow-up %" PRId64 " with %s is done\n"), id,
           lg_followup_get_lead_name (followup));
  return 0;
}

int
lg_cli_followup (LgCli  *cli,
                 int     argc,
                 char  **argv)
{
  static const LgCliCommand subcommands[] = {
    { "add", NULL, NULL, followup_add },
    { "done", NULL, NULL, followup_done },
  };

  return lg_cli_run_subcommand (cli, argc, argv, subcommands, G_N_ELEMENTS (subcommands),
                                _("usage: followup add LEAD_ID --at TIME [--kind KIND] "
                                  "[--note TEXT] | followup done ID"));
}
