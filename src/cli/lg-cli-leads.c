/* lg-cli-leads.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * leadgram-cli leads / lead add|move|show|touch|draft|stay-in-touch: the pipeline from a
 * terminal.
 */

#define G_LOG_DOMAIN "lg-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "lg-cli.h"
#include "lg-format.h"
#include "lg-lead-export.h"
#include "lg-lead-validate.h"
#include "lg-outreach.h"

/* The CLI has no GSettings: it uses the rules' defaults, the same as a new
 * installation's. */
static void
get_rules (LgPipelineRules *rules)
{
  lg_pipeline_rules_init_defaults (rules);
}

static void
add_json_member (JsonBuilder *builder,
                 const char  *name,
                 const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
print_json (GListModel *leads)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (leads); i++)
    {
      g_autoptr(LgLead) lead = g_list_model_get_item (leads, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, lg_lead_get_id (lead));
      add_json_member (builder, "stage", lg_lead_get_stage (lead));
      add_json_member (builder, "name", lg_lead_get_name (lead));
      add_json_member (builder, "telegram_handle", lg_lead_get_telegram_handle (lead));
      add_json_member (builder, "email", lg_lead_get_email (lead));
      add_json_member (builder, "phone", lg_lead_get_phone (lead));
      add_json_member (builder, "company", lg_lead_get_company (lead));
      add_json_member (builder, "qualification", lg_lead_get_qualification (lead));
      json_builder_set_member_name (builder, "value");
      json_builder_add_int_value (builder, lg_lead_get_value (lead));
      add_json_member (builder, "currency", lg_lead_get_currency (lead));
      json_builder_set_member_name (builder, "score");
      json_builder_add_int_value (builder, lg_lead_get_score (lead));
      add_json_member (builder, "source", lg_lead_get_source_title (lead));
      json_builder_set_member_name (builder, "stale");
      json_builder_add_boolean_value (builder, lg_lead_get_stale (lead));
      json_builder_set_member_name (builder, "next_followup_at");
      json_builder_add_int_value (builder, lg_lead_get_next_followup_at (lead));
      json_builder_set_member_name (builder, "created_at");
      json_builder_add_int_value (builder, lg_lead_get_created_at (lead));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  lg_cli_print_json (builder);
}

static void
print_table (GListModel *leads)
{
  static const LgCliColumn columns[] = {
    { 6 }, { 5 }, { 28, TRUE }, { 18, TRUE }, { -16 }, { -5 }, { 0 },
  };
  const char *header[] = {
    _("ID"), _("STAGE"), _("NAME"), _("SOURCE"), _("VALUE"), _("SCORE"), _("STATE"),
  };

  lg_cli_print_row (columns, header, G_N_ELEMENTS (columns));
  for (guint i = 0; i < g_list_model_get_n_items (leads); i++)
    {
      g_autoptr(LgLead) lead = g_list_model_get_item (leads, i);
      g_autofree char *value = lg_format_money (lg_lead_get_value (lead),
                                                lg_lead_get_currency (lead));
      g_autofree char *score = lg_lead_get_score (lead) >= 0
                               ? g_strdup_printf ("%d", lg_lead_get_score (lead)) : g_strdup ("–");
      g_autofree char *name = lg_lead_dup_display_name (lead);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, lg_lead_get_id (lead));
      const char *row[] = {
        id, lg_lead_get_stage (lead), name, lg_lead_get_source_title (lead), value, score,
        lg_lead_get_stale (lead) ? _("stale") : "",
      };

      lg_cli_print_row (columns, row, G_N_ELEMENTS (columns));
    }
}

int
lg_cli_leads (LgCli  *cli,
              int     argc,
              char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) leads = NULL;
  g_autofree char *stage = NULL;
  g_autofree char *text = NULL;
  gboolean json = FALSE;
  gboolean csv = FALSE;
  gboolean stale = FALSE;
  gboolean mine = FALSE;
  LgLeadFilter filter = { 0 };
  LgPipelineRules rules;
  LgStore *store;
  const GOptionEntry entries[] = {
    { "stage", 0, 0, G_OPTION_ARG_STRING, &stage,
      N_("Only leads in STAGE (cold, warm, hot, won, lost)"), N_("STAGE") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &text,
      N_("Only leads whose name, handle, company or email contains TEXT"), N_("TEXT") },
    { "stale", 0, 0, G_OPTION_ARG_NONE, &stale, N_("Only stale leads"), NULL },
    { "mine", 0, 0, G_OPTION_ARG_NONE, &mine,
      N_("Only your leads and those nobody looks after yet (in a team workspace)"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print CSV"), NULL },
    { NULL }
  };

  if (!lg_cli_parse (&argc, &argv, "leads", "", N_("List the leads of the pipeline"),
                     entries, &error))
    return lg_cli_fail_error (error);
  if (json && csv)
    return lg_cli_fail (_("choose one of --json and --csv"));
  if (stage != NULL && lg_stage_from_id (stage) == LG_STAGE_INVALID)
    return lg_cli_fail (_("unknown stage “%s”; use cold, warm, hot, won or lost"), stage);

  store = lg_cli_get_store (cli, &error);
  if (store == NULL)
    return lg_cli_fail_error (error);

  get_rules (&rules);
  filter.stage = stage != NULL ? lg_stage_id (lg_stage_from_id (stage)) : NULL;
  filter.text = text;
  filter.stale_only = stale;
  filter.owner = mine ? lg_store_get_person () : NULL;
  leads = lg_store_list_leads (store, &filter, &rules, g_get_real_time () / G_USEC_PER_SEC,
                               &error);
  if (leads == NULL)
    return lg_cli_fail_error (error);

  if (json)
    print_json (leads);
  else if (csv)
    {
      /* The columns of every leads export, which import reads back. */
      g_autofree char *out = lg_lead_export_filtered_text (store, &filter, &rules,
                                                            g_get_real_time () / G_USEC_PER_SEC,
                                                            &error);

      if (out == NULL)
        return lg_cli_fail_error (error);
      g_print ("%s", out);
    }
  else
    print_table (leads);
  return 0;
}

static int
lead_add (LgCli  *cli,
          int     argc,
          char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgLead) lead = lg_lead_new ();
  g_autofree char *name = NULL;
  g_autofree char *handle = NULL;
  g_autofree char *email = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *company = NULL;
  g_autofree char *stage = NULL;
  g_autofree char *value = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *qualification = NULL;
  gint64 minor = 0;
  LgStore *store;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The person’s name"), N_("NAME") },
    { "handle", 0, 0, G_OPTION_ARG_STRING, &handle, N_("Telegram username"), N_("@NAME") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &email, N_("Email address"), N_("EMAIL") },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &phone, N_("Phone number"), N_("PHONE") },
    { "company", 0, 0, G_OPTION_ARG_STRING, &company, N_("Company"), N_("COMPANY") },
    { "stage", 0, 0, G_OPTION_ARG_STRING, &stage, N_("Stage (default cold)"), N_("STAGE") },
    { "value", 0, 0, G_OPTION_ARG_STRING, &value, N_("Deal value, e.g. 1200 or 99.50"),
      N_("AMOUNT") },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency, N_("Currency code (default USD)"),
      N_("CODE") },
    { "qualification", 0, 0, G_OPTION_ARG_STRING, &qualification,
      N_("unqualified, mql, sql or pql"), N_("QUALIFICATION") },
    { NULL }
  };

  if (!lg_cli_parse (&argc, &argv, "lead add", "", N_("Add a lead by hand"), entries, &error))
    return lg_cli_fail_error (error);
  if (stage != NULL && lg_stage_from_id (stage) == LG_STAGE_INVALID)
    return lg_cli_fail (_("unknown stage “%s”; use cold, warm, hot, won or lost"), stage);
  if (!lg_lead_validate_value (value, &minor, &error))
    return lg_cli_fail_error (error);

  store = lg_cli_get_store (cli, &error);
  if (store == NULL)
    return lg_cli_fail_error (error);

  lg_lead_set_name (lead, name);
  lg_lead_set_telegram_handle (lead, handle);
  lg_lead_set_email (lead, email);
  lg_lead_set_phone (lead, phone);
  lg_lead_set_company (lead, company);
  lg_lead_set_stage (lead, stage != NULL ? lg_stage_id (lg_stage_from_id (stage)) : NULL);
  lg_lead_set_value (lead, minor);
  lg_lead_set_currency (lead, currency);
  lg_lead_set_qualification (lead, qualification);
  if (!lg_store_add_lead (store, lead, &error))
    return lg_cli_fail_error (error);

  g_print ("%" G_GINT64_FORMAT "\n", lg_lead_get_id (lead));
  return 0;
}

static int
lead_move (LgCli  *cli,
           int     argc,
           char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  gint64 before = 0;
  gint64 id;
  LgStage stage;
  LgStore *store;
  const GOptionEntry entries[] = {
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the lead was lost"), N_("TEXT") },
    { "before", 0, 0, G_OPTION_ARG_INT64, &before,
      N_("Put it just before the lead with this ID (default: at the end)"), N_("ID") },
    { NULL }
  };

  if (!lg_cli_parse (&argc, &argv, "lead move", "ID STAGE",
                     N_("Move a lead to a stage"), entries, &error))
    return lg_cli_fail_error (error);
  if (argc != 3 || !lg_cli_parse_id (argv[1], &id))
    return lg_cli_fail (_("usage: leadgram-cli lead move ID STAGE [--reason TEXT]"));
  stage = lg_stage_from_id (argv[2]);
  if (stage == LG_STAGE_INVALID)
    return lg_cli_fail (_("unknown stage “%s”; use cold, warm, hot, won or lost"), argv[2]);
  if (reason != NULL && stage != LG_STAGE_LOST)
    return lg_cli_fail (_("--reason is for moving a lead to lost"));

  store = lg_cli_get_store (cli, &error);
  if (store == NULL || !lg_store_move_lead (store, id, stage, before, reason, &error))
    return lg_cli_fail_error (error);
  return 0;
}

static void
print_field (const char *label,
             const char *value)
{
  g_autofree char *safe = NULL;

  if (value == NULL || *value == '\0')
    return;
  /* Notes keep their lines; names and the like come from imports too. */
  safe = lg_cli_escape (value, TRUE);
  g_print ("%-16s %s\n", label, safe);
}

static int
lead_show (LgCli  *cli,
           int     argc,
           char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgLead) lead = NULL;
  g_autoptr(GListModel) activities = NULL;
  g_autoptr(LgPrediction) prediction = NULL;
  g_autofree char *value = NULL;
  g_autofree char *created = NULL;
  g_autofree char *touched = NULL;
  g_autofree char *score = NULL;
  gint64 id;
  LgStore *store;

  if (!lg_cli_parse (&argc, &argv, "lead show", "ID", N_("Show a lead, its predictive score "
                                                          "and its timeline"), NULL, &error))
    return lg_cli_fail_error (error);
  if (argc != 2 || !lg_cli_parse_id (argv[1], &id))
    return lg_cli_fail (_("usage: leadgram-cli lead show ID"));

  store = lg_cli_get_store (cli, &error);
  if (store == NULL || (lead = lg_store_get_lead (store, id, &error)) == NULL ||
      (activities = lg_store_list_activities (store, id, &error)) == NULL ||
      (prediction = lg_store_predict_lead (store, lead, &error)) == NULL)
    return lg_cli_fail_error (error);

  value = lg_format_money (lg_lead_get_value (lead), lg_lead_get_currency (lead));
  created = lg_cli_format_time (lg_lead_get_created_at (lead), "");
  touched = lg_cli_format_time (lg_lead_get_first_touch_at (lead), "");
  score = lg_lead_get_score (lead) >= 0 ? g_strdup_printf ("%d", lg_lead_get_score (lead)) : NULL;

  print_field (_("Name:"), lg_lead_get_name (lead));
  print_field (_("Telegram:"), lg_lead_get_telegram_handle (lead));
  print_field (_("Email:"), lg_lead_get_email (lead));
  print_field (_("Phone:"), lg_lead_get_phone (lead));
  print_field (_("Company:"), lg_lead_get_company (lead));
  print_field (_("Stage:"), lg_lead_get_stage (lead));
  print_field (_("Lost because:"), lg_lead_get_lost_reason (lead));
  print_field (_("Qualification:"), lg_qualification_label (lg_lead_get_qualification (lead)));
  print_field (_("Value:"), value);
  print_field (_("Source:"), lg_lead_get_source_title (lead));
  print_field (_("Owner:"), lg_lead_get_owner (lead));
  print_field (_("Score:"), score);
  print_field (_("Created:"), created);
  print_field (_("First contact:"), touched);
  print_field (_("Notes:"), lg_lead_get_notes (lead));

  if (prediction->fallback)
    g_print (_("Predictive score: not enough history (%u won, %u lost; it needs %d closed "
               "leads with both outcomes): the rule-based score stands\n"),
             prediction->n_won, prediction->n_lost, LG_PREDICTIVE_MIN_CLOSED);
  else
    {
      g_print (_("Predictive score: %d %% (from %u won and %u lost leads)\n"),
               prediction->probability, prediction->n_won, prediction->n_lost);
      for (guint i = 0; i < prediction->factors->len; i++)
        {
          LgPredictiveFactor *factor = g_ptr_array_index (prediction->factors, i);

          const char *shown = factor->value;

          if (factor->field == LG_PREDICTIVE_SOURCE && lg_lead_get_source_title (lead) != NULL)
            shown = lg_lead_get_source_title (lead);
          g_print ("  %+6.1f  %s = %s\n", factor->delta, lg_predictive_field_label (factor->field),
                   shown);
        }
    }

  g_print (_("Timeline:\n"));
  for (guint i = 0; i < g_list_model_get_n_items (activities); i++)
    {
      g_autoptr(LgActivity) activity = g_list_model_get_item (activities, i);
      g_autofree char *at = lg_cli_format_time (lg_activity_get_at (activity), "");
      g_autofree char *what = lg_activity_describe (activity);
      const char *author = lg_activity_get_author (activity);

      if (author != NULL)
        /* TRANSLATORS: a timeline entry's time, what happened, and who did it */
        g_print (_("  %s  %s (%s)\n"), at, what, author);
      else
        g_print ("  %s  %s\n", at, what);
    }
  return 0;
}

static int
lead_touch (LgCli  *cli,
            int     argc,
            char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 id;
  LgStore *store;
  const GOptionEntry entries[] = {
    { "text", 0, 0, G_OPTION_ARG_STRING, &text,
      N_("The message sent, kept in the lead’s timeline"), N_("TEXT") },
    { NULL }
  };

  if (!lg_cli_parse (&argc, &argv, "lead touch", "ID",
                     N_("Mark a lead contacted now: restarts its stale and stay-in-touch clocks"),
                     entries, &error))
    return lg_cli_fail_error (error);
  if (argc != 2 || !lg_cli_parse_id (argv[1], &id))
    return lg_cli_fail (_("usage: leadgram-cli lead touch ID [--text TEXT]"));

  store = lg_cli_get_store (cli, &error);
  /* The CLI has no settings: a touch leaves the stage as it is. */
  if (store == NULL ||
      !lg_store_log_outreach (store, id, g_get_real_time () / G_USEC_PER_SEC, text, FALSE, NULL,
                              NULL, &error))
    return lg_cli_fail_error (error);
  return 0;
}

static int
lead_draft (LgCli  *cli,
            int     argc,
            char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *lang = NULL;
  g_autofree char *offer = NULL;
  g_autofree char *my_name = NULL;
  LgOutreachPrefs prefs = { { NULL } };
  g_autoptr(LgLead) lead = NULL;
  g_autofree char *draft = NULL;
  g_autofree char *subject = NULL;
  g_auto(LgLeadOrigin) origin = { NULL };
  LgContactLink link = { LG_CONTACT_NONE };
  LgDraftLanguage language = LG_DRAFT_N_LANGUAGES;
  gint64 id;
  LgStore *store;
  const GOptionEntry entries[] = {
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang,
      N_("Draft in en or ru (default: the language of their message)"), N_("LANG") },
    { "offer", 0, 0, G_OPTION_ARG_STRING, &offer,
      N_("What you offer them, in one sentence"), N_("TEXT") },
    { "my-name", 0, 0, G_OPTION_ARG_STRING, &my_name, N_("Your name, to sign with"),
      N_("NAME") },
    { NULL }
  };

  if (!lg_cli_parse (&argc, &argv, "lead draft", "ID",
                     N_("Print a first message to the lead, drafted from their own words"),
                     entries, &error))
    return lg_cli_fail_error (error);
  if (argc != 2 || !lg_cli_parse_id (argv[1], &id))
    return lg_cli_fail (_("usage: leadgram-cli lead draft ID [--lang en|ru]"));
  if (lang != NULL && (language = lg_draft_language_from_id (lang)) == LG_DRAFT_N_LANGUAGES)
    return lg_cli_fail (_("unknown language “%s”; use en or ru"), lang);

  store = lg_cli_get_store (cli, &error);
  if (store == NULL || (lead = lg_store_get_lead (store, id, &error)) == NULL ||
      !lg_store_get_lead_origin (store, lead, &origin, &error))
    return lg_cli_fail_error (error);

  /* One offer, in whichever language the draft is. */
  for (guint i = 0; i < LG_DRAFT_N_LANGUAGES; i++)
    prefs.offers[i] = offer;
  prefs.my_name = my_name;
  draft = lg_outreach_draft (lead, origin.message, &prefs, &language);
  g_print ("%s\n", draft);
  subject = lg_outreach_subject (origin.message, language);
  if (lg_outreach_link (lead, origin.message, subject, draft, &link) != LG_CONTACT_NONE)
    g_print ("\n%s %s\n", _("Open chat:"), link.uri);
  lg_contact_link_clear (&link);
  return 0;
}

static int
lead_stay_in_touch (LgCli  *cli,
                    int     argc,
                    char  **argv)
{
  g_autoptr(GError) error = NULL;
  gint64 id;
  guint64 days;
  LgStore *store;

  if (!lg_cli_parse (&argc, &argv, "lead stay-in-touch", "ID DAYS",
                     N_("Keep a follow-up DAYS days after the lead’s last touch (0 = off)"),
                     NULL, &error))
    return lg_cli_fail_error (error);
  if (argc != 3 || !lg_cli_parse_id (argv[1], &id))
    return lg_cli_fail (_("usage: leadgram-cli lead stay-in-touch ID DAYS"));
  if (!g_ascii_string_to_unsigned (argv[2], 10, 0, 365, &days, NULL))
    return lg_cli_fail (_("DAYS must be a number from 0 (off) to 365, not “%s”"), argv[2]);

  store = lg_cli_get_store (cli, &error);
  if (store == NULL || !lg_store_set_stay_in_touch (store, id, (guint) days, NULL, &error))
    return lg_cli_fail_error (error);
  return 0;
}

int
lg_cli_lead (LgCli  *cli,
             int     argc,
             char  **argv)
{
  static const LgCliCommand subcommands[] = {
    { "add", NULL, NULL, lead_add },
    { "move", NULL, NULL, lead_move },
    { "show", NULL, NULL, lead_show },
    { "touch", NULL, NULL, lead_touch },
    { "draft", NULL, NULL, lead_draft },
    { "stay-in-touch", NULL, NULL, lead_stay_in_touch },
  };

  return lg_cli_run_subcommand (cli, argc, argv, subcommands, G_N_ELEMENTS (subcommands),
                                _("usage: leadgram-cli lead add|move|show|touch|draft|stay-in-touch …; "
                                  "run “leadgram-cli lead add --help” for the options"));
}
