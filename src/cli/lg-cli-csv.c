/* lg-cli-csv.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * import-csv, export-csv, imports, import-undo.
 */

#define G_LOG_DOMAIN "lg-cli"

#include "config.h"

/* PRId64, not G_GINT64_FORMAT, in translatable strings: xgettext knows it. */
#include <inttypes.h>

#include <glib/gi18n.h>

#include "lg-cli.h"
#include "lg-csv-writer.h"
#include "lg-lead-export.h"
#include "lg-lead-form.h"
#include "lg-lead-import.h"
#include "lg-metrics-export.h"

static LgCsvMapping *
read_mapping (const char    *path,
              LgCsvEncoding  encoding,
              LgStore       *store,
              GError       **error)
{
  g_autoptr(LgCsvReader) reader = NULL;
  g_autoptr(LgCsvMapping) mapping = NULL;
  gboolean found;

  reader = lg_csv_reader_new_for_path (path, encoding, 0, NULL, error);
  if (reader == NULL)
    return NULL;
  if (!lg_csv_reader_next (reader, NULL, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, LG_CSV_ERROR, LG_CSV_ERROR_EMPTY, _("%s holds no rows."), path);
      return NULL;
    }
  mapping = lg_csv_mapping_new (lg_csv_reader_get_fields (reader),
                                lg_csv_reader_get_n_fields (reader));
  /* What the user chose for a file of this shape last time. */
  if (!lg_csv_mapping_load (mapping, store, &found, error))
    return NULL;
  return g_steal_pointer (&mapping);
}

static void
print_mapping (LgCsvMapping *mapping)
{
  for (guint i = 0; i < lg_csv_mapping_get_n_columns (mapping); i++)
    {
      LgCsvField field = lg_csv_mapping_get_field (mapping, i);

      g_autofree char *header = NULL;

      if (field == LG_CSV_FIELD_IGNORE)
        continue;
      /* The file's own header row. */
      header = lg_cli_escape (lg_csv_mapping_get_header (mapping, i), FALSE);
      g_print ("  %s → %s\n", header, lg_csv_field_get_id (field));
    }
}

int
lg_cli_import_csv (LgCli  *cli,
                   int     argc,
                   char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rules = NULL;
  g_autofree char *mode_id = NULL;
  g_autofree char *errors_path = NULL;
  g_autofree char *encoding_name = NULL;
  g_autofree char *conflict_id = NULL;
  g_autoptr(LgCsvMapping) mapping = NULL;
  g_autoptr(LgLeadImport) import = NULL;
  gboolean dry_run = FALSE;
  LgImportMode mode = LG_IMPORT_MODE_BOTH;
  LgCsvEncoding encoding = LG_CSV_ENCODING_AUTO;
  LgConflictAction on_conflict = LG_CONFLICT_SKIP;
  g_autofree char *repaired = NULL;
  g_autofree char *test_leads = NULL;
  GPtrArray *problems;
  GPtrArray *repairs;
  GPtrArray *conflicts;
  LgStore *store;
  const GOptionEntry entries[] = {
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &rules,
      N_("Map a column to a lead field (repeatable), e.g. --map \"E-Mail=email\""),
      N_("COLUMN=FIELD") },
    { "mode", 0, 0, G_OPTION_ARG_STRING, &mode_id,
      N_("create (new leads only), update (existing only) or both (default)"), N_("MODE") },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding_name,
      N_("The file’s encoding: utf-8, utf-16le, utf-16be, windows-1252 (cp1252), "
         "windows-1251 (cp1251) or auto (default: guessed)"), N_("NAME") },
    { "on-conflict", 0, 0, G_OPTION_ARG_STRING, &conflict_id,
      N_("For rows that match a lead by one contact but contradict it by another: skip "
         "(default), merge (update the lead) or create (a new lead)"), N_("ACTION") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Check and count, change nothing"), NULL },
    { "errors", 0, 0, G_OPTION_ARG_FILENAME, &errors_path,
      N_("Write the rows that failed, with the reason, to FILE"), N_("FILE") },
    { NULL }
  };

  if (!lg_cli_parse (&argc, &argv, "import-csv", "FILE",
                     N_("Import leads from a CSV file (other CRMs’ exports map themselves)"),
                     entries, &error))
    return lg_cli_fail_error (error);
  if (argc != 2)
    return lg_cli_fail (_("import-csv needs one FILE"));
  if (mode_id != NULL && !lg_import_mode_from_id (mode_id, &mode))
    return lg_cli_fail (_("--mode is create, update or both, not “%s”"), mode_id);
  if (conflict_id != NULL && !lg_conflict_action_from_id (conflict_id, &on_conflict))
    return lg_cli_fail (_("--on-conflict is skip, merge or create, not “%s”"), conflict_id);
  if (encoding_name != NULL && !lg_csv_encoding_from_name (encoding_name, &encoding))
    return lg_cli_fail (_("--encoding is utf-8, utf-16le, utf-16be, windows-1252, windows-1251 "
                          "or auto, not “%s”"), encoding_name);

  store = lg_cli_get_store (cli, &error);
  if (store == NULL || (mapping = read_mapping (argv[1], encoding, store, &error)) == NULL)
    return lg_cli_fail_error (error);
  for (guint i = 0; rules != NULL && rules[i] != NULL; i++)
    if (!lg_csv_mapping_apply_rule (mapping, rules[i], &error))
      return lg_cli_fail_error (error);

  if (lg_csv_mapping_get_lead_form (mapping) != LG_LEAD_FORM_NONE)
    g_print ("%s.\n", lg_lead_form_get_recognised (lg_csv_mapping_get_lead_form (mapping)));
  g_print (_("Columns:\n"));
  print_mapping (mapping);

  import = lg_lead_import_new (lg_store_get_path (store), argv[1], mapping);
  lg_lead_import_set_format (import, encoding, 0);
  lg_lead_import_set_mode (import, mode);
  lg_lead_import_set_on_conflict (import, on_conflict);
  lg_lead_import_set_dry_run (import, dry_run);
  if (!lg_lead_import_run (import, NULL, &error))
    return lg_cli_fail_error (error);
  if (!dry_run && !lg_csv_mapping_save (mapping, store, &error))
    return lg_cli_fail_error (error);

  if (lg_lead_import_get_note (import) != NULL)
    g_print ("%s\n", lg_lead_import_get_note (import));
  test_leads = lg_lead_import_describe_test_leads (import);
  if (test_leads != NULL)
    g_print ("%s\n", test_leads);
  problems = lg_lead_import_get_problems (import);
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = lg_import_problem_to_string (g_ptr_array_index (problems, i));

      g_printerr ("%s\n", line);
    }

  /* Imported, but maybe not as the file meant: the same report as the wizard's. */
  repaired = lg_lead_import_describe_repairs (import);
  if (repaired != NULL)
    g_print ("%s\n", repaired);
  repairs = lg_lead_import_get_repairs (import);
  for (guint i = 0; i < repairs->len; i++)
    {
      g_autofree char *line = lg_import_problem_to_string (g_ptr_array_index (repairs, i));
      g_autofree char *escaped = lg_cli_escape (line, FALSE);

      g_print ("  %s\n", escaped);
    }

  conflicts = lg_lead_import_list_conflicts (import);
  for (guint i = 0; i < conflicts->len; i++)
    {
      LgImportConflict *conflict = g_ptr_array_index (conflicts, i);
      g_autofree char *reason = lg_cli_escape (conflict->reason, FALSE);

      g_print (_("Conflict on line %u with lead %" PRId64 ": %s\n"), conflict->line,
               conflict->lead_id, reason);
      for (guint f = 0; f < LG_CONFLICT_N_FIELDS; f++)
        {
          g_autofree char *in_file = lg_cli_escape (conflict->row[f] != NULL ?
                                                    conflict->row[f] : "", FALSE);
          g_autofree char *in_lead = lg_cli_escape (conflict->lead[f] != NULL ?
                                                    conflict->lead[f] : "", FALSE);

          /* A field, the file's value, the lead's value. */
          g_print (_("  %-9s file: %-32s lead: %s\n"), lg_conflict_field_get_label (f),
                   in_file, in_lead);
        }
    }
  if (lg_lead_import_get_conflicts (import) > 0)
    g_print (on_conflict == LG_CONFLICT_SKIP ?
               ngettext ("%u row contradicts the lead it matches and was skipped; "
                         "choose --on-conflict merge or create to import it.\n",
                         "%u rows contradict the leads they match and were skipped; "
                         "choose --on-conflict merge or create to import them.\n",
                         lg_lead_import_get_conflicts (import))
             : on_conflict == LG_CONFLICT_MERGE ?
               ngettext ("%u row contradicts the lead it matches; it was merged into it.\n",
                         "%u rows contradict the leads they match; they were merged into "
                         "them.\n", lg_lead_import_get_conflicts (import))
             : ngettext ("%u row contradicts the lead it matches; it became a new lead.\n",
                         "%u rows contradict the leads they match; they became new leads.\n",
                         lg_lead_import_get_conflicts (import)),
             lg_lead_import_get_conflicts (import));

  g_print (dry_run ? _("Dry run: would create %u, update %u, skip %u; %u failed.\n")
                   : _("Created %u, updated %u, skipped %u; %u failed.\n"),
           lg_lead_import_get_created (import), lg_lead_import_get_updated (import),
           lg_lead_import_get_skipped (import), lg_lead_import_get_failed (import));
  if (!dry_run)
    g_print (_("Import %" PRId64 " (undo with: leadgram-cli import-undo %"
               PRId64 ")\n"),
             lg_lead_import_get_batch_id (import), lg_lead_import_get_batch_id (import));

  if (errors_path != NULL)
    {
      if (!lg_lead_import_write_error_report (import, errors_path, &error))
        return lg_cli_fail_error (error);
      g_print (_("Failed rows written to %s\n"), errors_path);
    }

  /* Failed rows are worth a non-zero status for scripts. */
  return lg_lead_import_get_failed (import) > 0 ? 3 : 0;
}

/* The source a user names: by title or handle, with or without '@'. */
static gboolean
find_source_id (LgStore     *store,
                const char  *name,
                gint64      *id,
                GError     **error)
{
  g_autoptr(GListModel) sources = lg_store_list_sources_brief (store, error);
  const char *handle = name[0] == '@' ? name + 1 : name;

  if (sources == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(LgSource) source = g_list_model_get_item (sources, i);

      if (g_strcmp0 (lg_source_get_title (source), name) == 0 ||
          g_strcmp0 (lg_source_get_handle (source), handle) == 0)
        {
          *id = lg_source_get_id (source);
          return TRUE;
        }
    }
  g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_NOT_FOUND,
               _("There is no source “%s”; `leadgram-cli sources` lists them."), name);
  return FALSE;
}

/* export-csv --what leads with the board's filter options. */
static gboolean
export_leads (LgStore     *store,
              const char  *path,
              const char  *stage,
              const char  *text,
              const char  *source,
              gboolean     stale,
              gboolean     bom,
              guint       *n,
              GError     **error)
{
  LgLeadFilter filter = { .text = text, .stale_only = stale };
  LgPipelineRules rules;

  if (stage == NULL && text == NULL && source == NULL && !stale)
    return lg_lead_export_leads (store, path, NULL, 0, bom, n, NULL, error);

  if (stage != NULL)
    filter.stage = lg_stage_id (lg_stage_from_id (stage));
  if (source != NULL && !find_source_id (store, source, &filter.source_id, error))
    return FALSE;
  /* The CLI has no GSettings: staleness under the defaults, as `leads --stale`. */
  lg_pipeline_rules_init_defaults (&rules);
  return lg_lead_export_filtered (store, &filter, &rules, g_get_real_time () / G_USEC_PER_SEC,
                                  path, bom, n, NULL, error);
}

int
lg_cli_export_csv (LgCli  *cli,
                   int     argc,
                   char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *what = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *search = NULL;
  g_autofree char *stage = NULL;
  g_autofree char *source = NULL;
  gboolean bom = FALSE;
  gboolean stale = FALSE;
  gint64 search_id = 0;
  guint n = 0;
  LgStore *store;
  const GOptionEntry entries[] = {
    { "what", 0, 0, G_OPTION_ARG_STRING, &what,
      N_("leads (default), matches (search results) or metrics"), N_("WHAT") },
    { "search", 0, 0, G_OPTION_ARG_STRING, &search,
      N_("With --what leads: only leads whose name, handle, company or email contains TEXT; "
         "with --what matches: only the results of the search with this ID"), N_("TEXT|ID") },
    { "stage", 0, 0, G_OPTION_ARG_STRING, &stage,
      N_("With --what leads: only leads in STAGE (cold, warm, hot, won, lost)"), N_("STAGE") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source,
      N_("With --what leads: only leads from the source with this title or handle"),
      N_("NAME") },
    { "stale", 0, 0, G_OPTION_ARG_NONE, &stale, N_("With --what leads: only stale leads"), NULL },
    { "bom", 0, 0, G_OPTION_ARG_NONE, &bom,
      N_("Start the file with a byte order mark, for Excel"), NULL },
    LG_CLI_PERIOD_OPTIONS (from_text, to_text, currency),
    { NULL }
  };

  if (!lg_cli_parse (&argc, &argv, "export-csv", "FILE",
                     N_("Export leads, search results or metrics to a CSV file"), entries,
                     &error))
    return lg_cli_fail_error (error);
  if (argc != 2)
    return lg_cli_fail (_("export-csv needs one FILE"));
  if (g_strcmp0 (what, "metrics") != 0 &&
      (from_text != NULL || to_text != NULL || currency != NULL))
    return lg_cli_fail (_("--from, --to and --currency go with --what metrics"));
  if (what != NULL && !g_str_equal (what, "leads") &&
      (stage != NULL || source != NULL || stale))
    return lg_cli_fail (_("--stage, --source and --stale go with --what leads"));
  if (stage != NULL && lg_stage_from_id (stage) == LG_STAGE_INVALID)
    return lg_cli_fail (_("unknown stage “%s”; use cold, warm, hot, won or lost"), stage);
  if (g_strcmp0 (what, "matches") == 0 && search != NULL &&
      !g_ascii_string_to_signed (search, 10, 1, G_MAXINT64, &search_id, NULL))
    return lg_cli_fail (_("with --what matches, --search is a search’s ID, not “%s”"), search);
  if (g_strcmp0 (what, "metrics") == 0 && search != NULL)
    return lg_cli_fail (_("--search goes with --what leads or matches"));

  store = lg_cli_get_store (cli, &error);
  if (store == NULL)
    return lg_cli_fail_error (error);

  if (what == NULL || g_str_equal (what, "leads"))
    {
      if (!export_leads (store, argv[1], stage, search, source, stale, bom, &n, &error))
        return lg_cli_fail_error (error);
    }
  else if (g_str_equal (what, "matches"))
    {
      if (!lg_lead_export_matches (store, argv[1], search_id, bom, &n, NULL, &error))
        return lg_cli_fail_error (error);
    }
  else if (g_str_equal (what, "metrics"))
    {
      /* The overall figures and the per-source table, as `metrics --csv --by-source`. */
      g_autoptr(LgMetricsReport) report = NULL;
      g_autoptr(LgCsvWriter) writer = NULL;

      report = lg_cli_metrics_report (cli, from_text, to_text, currency, &error);
      if (report == NULL || (writer = lg_csv_writer_new_for_path (argv[1], bom, &error)) == NULL ||
          !lg_metrics_report_write_csv (report, TRUE, writer, &n, &error) ||
          !lg_csv_writer_close (writer, NULL, &error))
        return lg_cli_fail_error (error);
    }
  else
    return lg_cli_fail (_("--what is leads, matches or metrics, not “%s”"), what);

  g_print (ngettext ("Wrote %u row to %s\n", "Wrote %u rows to %s\n", n), n, argv[1]);
  return 0;
}

int
lg_cli_imports (LgCli  *cli,
                int     argc,
                char  **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) batches = NULL;
  LgStore *store;

  if (!lg_cli_parse (&argc, &argv, "imports", "", N_("List the CSV imports, newest first"),
                     NULL, &error))
    return lg_cli_fail_error (error);

  store = lg_cli_get_store (cli, &error);
  if (store == NULL || (batches = lg_lead_import_list_batches (store, &error)) == NULL)
    return lg_cli_fail_error (error);

  for (guint i = 0; i < g_list_model_get_n_items (batches); i++)
    {
      g_autoptr(LgImportBatch) batch = g_list_model_get_item (batches, i);
      g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (
        lg_import_batch_get_created_at (batch));
      g_autofree char *date = g_date_time_format (when, "%Y-%m-%d %H:%M");

      g_print (_("%" PRId64 "\t%s\t%s\tcreated %u, updated %u, skipped %u, "
                 "failed %u%s\n"),
               lg_import_batch_get_id (batch), date, lg_import_batch_get_file_name (batch),
               lg_import_batch_get_created (batch), lg_import_batch_get_updated (batch),
               lg_import_batch_get_skipped (batch), lg_import_batch_get_failed (batch),
               lg_import_batch_get_undone_at (batch) != 0 ? _("\t(undone)") : "");
    }
  return 0;
}

int
lg_cli_import_undo (LgCli  *cli,
                    int     argc,
                    char  **argv)
{
  g_autoptr(GError) error = NULL;
  gint64 id;
  LgStore *store;

  if (!lg_cli_parse (&argc, &argv, "import-undo", "ID",
                     N_("Undo a CSV import: remove the leads it created, restore the ones it "
                        "updated"), NULL, &error))
    return lg_cli_fail_error (error);
  if (argc != 2 || !g_ascii_string_to_signed (argv[1], 10, 1, G_MAXINT64, &id, NULL))
    return lg_cli_fail (_("import-undo needs the import’s ID (see “leadgram-cli imports”)"));

  store = lg_cli_get_store (cli, &error);
  if (store == NULL || !lg_lead_import_undo (store, id, &error))
    return lg_cli_fail_error (error);

  g_print (_("Import %" PRId64 " undone.\n"), id);
  return 0;
}
