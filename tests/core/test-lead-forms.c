/* test-lead-forms.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lead-form downloads of Meta, TikTok, LinkedIn and Google Ads through the
 * CSV import: each platform recognised by its header and mapped, Meta's
 * UTF-16 TSV, a re-download deduped by the platform's lead id, created_time
 * as the clock of speed to lead, and the spend reports as costs per
 * campaign that give a cost per lead per campaign.
 */

#include "config.h"

#include <string.h>

#include "lg-lead-export.h"
#include "lg-lead-form.h"
#include "lg-lead-import.h"
#include "lg-metrics-row.h"
#include "lg-metrics.h"
#include "lg-spend-import.h"
#include "lg-store-private.h"
#include "lg-test-util.h"

static char *
fixture (const char *name)
{
  return g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "fixtures", "lead-forms", name,
                           NULL);
}

/* Imports the file (create and update) and returns the import for its counts. */
static LgLeadImport *
import_file (LgStore    *store,
             const char *path)
{
  g_autoptr(LgCsvMapping) mapping = lg_test_guess_csv_mapping (path);
  g_autoptr(GError) error = NULL;
  LgLeadImport *import = lg_lead_import_new (lg_store_get_path (store), path, mapping);

  g_assert_true (lg_lead_import_run (import, NULL, &error));
  g_assert_no_error (error);
  return import;
}

static void
import_fixture (LgStore    *store,
                const char *name,
                guint       created,
                guint       skipped)
{
  g_autofree char *path = fixture (name);
  g_autoptr(LgLeadImport) import = import_file (store, path);

  g_assert_cmpuint (lg_lead_import_get_failed (import), ==, 0);
  g_assert_cmpuint (lg_lead_import_get_created (import), ==, created);
  g_assert_cmpuint (lg_lead_import_get_updated (import), ==, 0);
  g_assert_cmpuint (lg_lead_import_get_skipped (import), ==, skipped);
}

/* A column of the lead called name, as text. */
static char *
lead_text (LgStore    *store,
           const char *name,
           const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM leads l LEFT JOIN sources s ON "
                                          "s.id = l.source_id WHERE l.name = ?", column);

  return lg_test_query_text (store, sql, name);
}

static void
assert_lead (LgStore    *store,
             const char *name,
             const char *column,
             const char *expected)
{
  g_autofree char *value = lead_text (store, name, column);

  g_assert_cmpstr (value, ==, expected);
}

static void
assert_notes_have (LgStore    *store,
                   const char *name,
                   const char *line)
{
  g_autofree char *notes = lead_text (store, name, "l.notes");

  g_assert_nonnull (notes);
  if (strstr (notes, line) == NULL)
    g_error ("%s's notes lack “%s”:\n%s", name, line, notes);
}

static void
test_detect (void)
{
  static const struct { const char *file; LgLeadForm form; } files[] = {
    { "meta-leads.csv", LG_LEAD_FORM_META },
    { "meta-leads-utf16le.tsv", LG_LEAD_FORM_META },
    { "meta-leads-utf16be.tsv", LG_LEAD_FORM_META },
    { "tiktok-leads.csv", LG_LEAD_FORM_TIKTOK },
    { "linkedin-leads.csv", LG_LEAD_FORM_LINKEDIN },
    { "google-leads.csv", LG_LEAD_FORM_GOOGLE },
  };
  const char *hubspot[] = { "First Name", "Last Name", "Email", "Phone Number", "Lead Status",
                            "Create Date" };
  const char *campaign_only[] = { "Name", "Email", "Campaign name" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = fixture (files[i].file);
      g_autoptr(LgCsvMapping) mapping = lg_test_guess_csv_mapping (path);

      g_test_message ("%s", files[i].file);
      g_assert_cmpint (lg_csv_mapping_get_lead_form (mapping), ==, files[i].form);
      g_assert_cmpint (lg_csv_mapping_find_field (mapping, LG_CSV_FIELD_FORM_LEAD_ID), >=, 0);
      g_assert_cmpint (lg_csv_mapping_find_field (mapping, LG_CSV_FIELD_CREATED), >=, 0);
      g_assert_cmpint (lg_csv_mapping_find_field (mapping, LG_CSV_FIELD_CAMPAIGN), >=, 0);
      g_assert_cmpint (lg_csv_mapping_find_field (mapping, LG_CSV_FIELD_FORM), >=, 0);
      g_assert_cmpint (lg_csv_mapping_find_field (mapping, LG_CSV_FIELD_EMAIL), >=, 0);
      g_assert_cmpint (lg_csv_mapping_find_field (mapping, LG_CSV_FIELD_PHONE), >=, 0);
    }
  g_assert_cmpint (lg_lead_form_detect (hubspot, G_N_ELEMENTS (hubspot)), ==,
                   LG_LEAD_FORM_NONE);
  g_assert_cmpint (lg_lead_form_detect (campaign_only, G_N_ELEMENTS (campaign_only)), ==,
                   LG_LEAD_FORM_NONE);
  g_assert_cmpstr (lg_lead_form_get_recognised (LG_LEAD_FORM_META), ==,
                   "Meta lead ads download recognised");
  g_assert_null (lg_lead_form_get_recognised (LG_LEAD_FORM_NONE));
}

static void
test_meta_mapping (void)
{
  g_autofree char *path = fixture ("meta-leads.csv");
  g_autoptr(LgCsvMapping) mapping = lg_test_guess_csv_mapping (path);
  static const struct { const char *header; LgCsvField field; } columns[] = {
    { "id", LG_CSV_FIELD_FORM_LEAD_ID },
    { "created_time", LG_CSV_FIELD_CREATED },
    { "ad_id", LG_CSV_FIELD_IGNORE },
    { "ad_name", LG_CSV_FIELD_ADD_TO_NOTES },
    { "campaign_id", LG_CSV_FIELD_IGNORE },
    { "campaign_name", LG_CSV_FIELD_CAMPAIGN },
    { "form_name", LG_CSV_FIELD_FORM },
    { "is_organic", LG_CSV_FIELD_IGNORE },
    { "what_is_your_budget?", LG_CSV_FIELD_ADD_TO_NOTES },
    { "full_name", LG_CSV_FIELD_NAME },
    { "email", LG_CSV_FIELD_EMAIL },
    { "phone_number", LG_CSV_FIELD_PHONE },
    { "lead_status", LG_CSV_FIELD_IGNORE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      gboolean found = FALSE;

      for (guint c = 0; c < lg_csv_mapping_get_n_columns (mapping); c++)
        if (g_str_equal (lg_csv_mapping_get_header (mapping, c), columns[i].header))
          {
            g_test_message ("%s", columns[i].header);
            g_assert_cmpint (lg_csv_mapping_get_field (mapping, c), ==, columns[i].field);
            found = TRUE;
          }
      g_assert_true (found);
    }
}

static void
test_meta_import (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();

  import_fixture (store, "meta-leads.csv", 3, 0);

  /* The campaign joins the platform in the source; created_time (UTC) is
   * the lead's time; Meta's "p:" is not part of the phone. */
  assert_lead (store, "Maria Lopez", "s.title", "Meta · Dental CRM Autumn");
  assert_lead (store, "Anna Schmidt", "s.title", "Meta · WhatsApp Reminders");
  g_assert_cmpint (lg_test_query_int (store, "SELECT created_at FROM leads WHERE "
                                      "name = 'Maria Lopez'"), ==,
                   lg_test_utc (2026, 11, 2, 9) + 15 * 60 + 4);
  assert_lead (store, "Maria Lopez", "l.phone", "+14155550101");
  assert_lead (store, "Maria Lopez", "l.email", "maria.lopez@example.com");
  assert_notes_have (store, "Maria Lopez", "Campaign: Dental CRM Autumn");
  assert_notes_have (store, "Maria Lopez", "Lead form: Demo request");
  assert_lead (store, "Maria Lopez", "l.external_id", "Meta:l:1029384756102938");
  /* The form's own questions, as a person reads them. */
  assert_notes_have (store, "Maria Lopez", "What is your budget?: $500 - $1,000");
  assert_notes_have (store, "James Chen", "When do you want to start?: next_quarter");
  assert_notes_have (store, "James Chen", "Platform: Instagram");
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM sources WHERE kind = 'csv'"),
                   ==, 2);
}

static void
test_utf16 (void)
{
  const char *files[] = { "meta-leads-utf16le.tsv", "meta-leads-utf16be.tsv" };
  const LgCsvEncoding encodings[] = { LG_CSV_ENCODING_UTF16LE, LG_CSV_ENCODING_UTF16BE };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(LgStore) store = lg_test_open_store ();
      g_autofree char *path = fixture (files[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(LgCsvReader) reader = lg_csv_reader_new_for_path (path, LG_CSV_ENCODING_AUTO, 0,
                                                                  NULL, &error);

      g_assert_no_error (error);
      g_assert_true (lg_csv_reader_next (reader, NULL, &error));
      g_assert_cmpint (lg_csv_reader_get_encoding (reader), ==, encodings[i]);
      g_assert_cmpint (lg_csv_reader_get_delimiter (reader), ==, '\t');
      g_assert_cmpstr (lg_csv_reader_get_field (reader, 0), ==, "id");

      import_fixture (store, files[i], 2, 0);
      assert_lead (store, "Ольга Иванова", "s.title", "Meta · WhatsApp Reminders");
      assert_lead (store, "Ольга Иванова", "l.phone", "+79161234567");
      assert_notes_have (store, "Ольга Иванова", "What is your budget?: under $500");
    }
}

static void
test_redownload (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autofree char *path = fixture ("meta-leads.csv");
  g_autofree char *text = NULL;
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *edited = g_build_filename (dir, "edited.csv", NULL);
  g_autoptr(GString) changed = NULL;
  g_autoptr(GError) error = NULL;

  import_fixture (store, "meta-leads.csv", 3, 0);
  /* Two rows seen before and one new: the old ones change nothing. */
  import_fixture (store, "meta-leads-redownload.csv", 1, 2);
  import_fixture (store, "meta-leads-redownload.csv", 0, 3);
  import_fixture (store, "meta-leads.csv", 0, 3);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads"), ==, 4);

  /* By the lead id, not by the contacts: the same lead with another email
   * and phone (a correction in the platform) is neither new nor updated. */
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  changed = g_string_new (text);
  g_assert_cmpuint (g_string_replace (changed, "j.chen@example.com", "james@example.org", 0),
                    ==, 1);
  g_assert_cmpuint (g_string_replace (changed, "+14155550102", "+14155550199", 0), ==, 1);
  g_assert_true (g_file_set_contents (edited, changed->str, -1, &error));
  {
    g_autoptr(LgLeadImport) import = import_file (store, edited);

    g_assert_cmpuint (lg_lead_import_get_created (import), ==, 0);
    g_assert_cmpuint (lg_lead_import_get_updated (import), ==, 0);
    g_assert_cmpuint (lg_lead_import_get_skipped (import), ==, 3);
  }
  assert_lead (store, "James Chen", "l.email", "j.chen@example.com");
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads"), ==, 4);

  /* A sheet filled from the Graph API writes the ids without Meta's "l:":
   * the same leads all the same, though no email or phone says so. */
  g_string_assign (changed, text);
  g_assert_cmpuint (g_string_replace (changed, "\nl:", "\n", 0), ==, 3);
  g_assert_cmpuint (g_string_replace (changed, "@example.", "@elsewhere.", 0), ==, 3);
  g_assert_cmpuint (g_string_replace (changed, "p:+", "p:+9", 0), ==, 3);
  g_assert_true (g_file_set_contents (edited, changed->str, -1, &error));
  {
    g_autoptr(LgLeadImport) import = import_file (store, edited);

    g_assert_cmpuint (lg_lead_import_get_created (import), ==, 0);
    g_assert_cmpuint (lg_lead_import_get_skipped (import), ==, 3);
  }
  g_assert_no_error (error);
}

static void
test_other_platforms (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();

  import_fixture (store, "tiktok-leads.csv", 2, 0);
  assert_lead (store, "Sam Rivera", "s.title", "TikTok · TikTok Clinic Launch");
  assert_lead (store, "Sam Rivera", "l.external_id", "TikTok:7311111111111111111");
  assert_notes_have (store, "Priya Patel", "Which clinic software do you use now?: Dentrix");

  import_fixture (store, "linkedin-leads.csv", 1, 0);
  assert_lead (store, "Laura Bianchi", "s.title", "LinkedIn · EU Practice Managers");
  assert_lead (store, "Laura Bianchi", "l.company", "Bianchi Dental");
  assert_notes_have (store, "Laura Bianchi", "Lead form: Whitepaper download");
  {
    g_autofree char *external_id = lead_text (store, "Laura Bianchi", "l.external_id");

    g_assert_true (g_str_has_prefix (external_id, "LinkedIn:urn:li:leadGenFormResponse:"));
  }

  import_fixture (store, "google-leads.csv", 1, 0);
  assert_lead (store, "Tom Baker", "s.title", "Google Ads · Search - Dental CRM");
  g_assert_cmpint (lg_test_query_int (store, "SELECT created_at FROM leads WHERE "
                                      "name = 'Tom Baker'"), ==,
                   lg_test_utc (2026, 11, 7, 14) + 3 * 60);

  /* Imported again, each platform's rows are known by their ids. */
  import_fixture (store, "tiktok-leads.csv", 0, 2);
  import_fixture (store, "linkedin-leads.csv", 0, 1);
  import_fixture (store, "google-leads.csv", 0, 1);
}

static LgMetricsReport *
november_report (LgStore *store)
{
  g_autoptr(GError) error = NULL;
  LgMetricsQuery query = {
    .from = lg_test_utc (2026, 10, 1, 0),
    .to = lg_test_utc (2027, 1, 1, 0),
    .currency = "USD",
  };
  LgMetricsReport *report = lg_metrics_compute (store, &query, &error);

  g_assert_no_error (error);
  return report;
}

static const LgMetricsFigures *
source_figures (LgMetricsReport *report,
                const char      *title)
{
  for (guint i = 0; i < g_list_model_get_n_items (report->sources); i++)
    {
      g_autoptr(LgMetricsRow) row = g_list_model_get_item (report->sources, i);

      if (g_str_equal (lg_metrics_row_get_title (row), title))
        return lg_metrics_row_get_figures (row);
    }
  g_error ("No source “%s” in the report", title);
  return NULL;
}

static void
test_speed_to_lead (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgMetricsReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, created;

  import_fixture (store, "meta-leads.csv", 3, 0);
  id = lg_test_query_int (store, "SELECT id FROM leads WHERE name = 'Maria Lopez'");
  created = lg_test_query_int (store, "SELECT created_at FROM leads WHERE id = " "(SELECT id "
                               "FROM leads WHERE name = 'Maria Lopez')");
  /* Answered 25 minutes after she sent the form. */
  g_assert_true (lg_store_log_touch (store, id, created + 25 * 60, NULL, &error));
  g_assert_no_error (error);

  report = november_report (store);
  g_assert_true (report->total.speed[LG_SPEED_FROM_MESSAGE].known);
  g_assert_cmpfloat (report->total.speed[LG_SPEED_FROM_MESSAGE].value, ==, 25 * 60);
  g_assert_cmpfloat (source_figures (report, "Meta · Dental CRM Autumn")
                       ->speed[LG_SPEED_FROM_MESSAGE].value, ==, 25 * 60);
}

static void
spend (LgStore             *store,
       const char          *name,
       LgSpendImportResult *result)
{
  g_autofree char *path = fixture (name);
  g_autoptr(GError) error = NULL;

  g_assert_true (lg_spend_import (store, path, "USD", result, NULL, &error));
  g_assert_no_error (error);
}

static void
test_spend_cpl (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgMetricsReport) report = NULL;
  LgSpendImportResult result;

  import_fixture (store, "meta-leads.csv", 3, 0);
  import_fixture (store, "tiktok-leads.csv", 2, 0);

  spend (store, "meta-spend.csv", &result);
  g_assert_cmpint (result.platform, ==, LG_LEAD_FORM_META);
  g_assert_cmpuint (result.added, ==, 2);
  g_assert_cmpuint (result.sources, ==, 0);
  spend (store, "tiktok-spend.csv", &result);
  g_assert_cmpint (result.platform, ==, LG_LEAD_FORM_TIKTOK);
  g_assert_cmpuint (result.added, ==, 2);

  /* CPL per campaign: $120 over Maria and James, $45.50 for Anna, $40 over
   * Sam and Priya. */
  report = november_report (store);
  g_assert_cmpfloat (source_figures (report, "Meta · Dental CRM Autumn")->cpl.value, ==, 6000);
  g_assert_cmpfloat (source_figures (report, "Meta · WhatsApp Reminders")->cpl.value, ==, 4550);
  g_assert_cmpfloat (source_figures (report, "TikTok · TikTok Clinic Launch")->cpl.value, ==,
                     2000);
  g_assert_cmpfloat (report->total.cost.value, ==, 12000 + 4550 + 4000);

  /* The same report again changes nothing. */
  spend (store, "meta-spend.csv", &result);
  g_assert_cmpuint (result.added, ==, 0);
  g_assert_cmpuint (result.unchanged, ==, 2);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM costs"), ==, 4);
}

static void
test_spend_google (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  LgSpendImportResult result;

  /* Title rows above the header, a totals row below: left out. A campaign
   * without leads yet gets its source. */
  spend (store, "google-spend.csv", &result);
  g_assert_cmpint (result.platform, ==, LG_LEAD_FORM_GOOGLE);
  g_assert_cmpuint (result.added, ==, 2);
  g_assert_cmpuint (result.sources, ==, 1);
  g_assert_cmpint (lg_test_query_int (store, "SELECT sum(amount) FROM costs c JOIN sources s ON "
                                      "s.id = c.source_id WHERE currency = 'EUR' AND s.title = "
                                      "'Google Ads · Search - Dental CRM'"), ==, 123050);
  /* One day each, the report's days. */
  g_assert_cmpint (lg_test_query_int (store, "SELECT max(period_end - period_start) FROM costs"),
                   ==, 86400);
}

static void
test_spend_errors (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *leads = fixture ("meta-leads.csv");
  g_autofree char *bad = g_build_filename (dir, "bad.csv", NULL);
  g_autoptr(GError) error = NULL;
  LgSpendImportResult result;

  g_assert_false (lg_spend_import (store, leads, "USD", &result, NULL, &error));
  g_assert_error (error, LG_CSV_ERROR, LG_CSV_ERROR_COLUMNS);
  g_clear_error (&error);

  /* A bad amount on the second row: nothing from the first stays. */
  g_assert_true (g_file_set_contents (bad, "Date,Campaign name,Cost\n"
                                      "2026-11-05,Launch,25.00\n"
                                      "2026-11-06,Launch,a lot\n", -1, &error));
  g_assert_false (lg_spend_import (store, bad, "USD", &result, NULL, &error));
  g_assert_error (error, LG_CSV_ERROR, LG_CSV_ERROR_VALUE);
  g_assert_nonnull (strstr (error->message, "Line 3"));
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM costs"), ==, 0);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM sources"), ==, 0);
  g_clear_error (&error);

  /* A file that breaks after a good row: the reader's error, nothing kept. */
  g_assert_true (g_file_set_contents (bad, "Date,Campaign name,Cost\n"
                                      "2026-11-05,Launch,25.00\n"
                                      "2026-11-06,\"Launch,15.00\n", -1, &error));
  g_assert_false (lg_spend_import (store, bad, "USD", &result, NULL, &error));
  g_assert_error (error, LG_CSV_ERROR, LG_CSV_ERROR_UNTERMINATED);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM costs"), ==, 0);
}

/* Meta's downloads keep the form's test leads ("<test lead: dummy data…>"):
 * no person and nothing wrong with the file, so neither a lead nor a failed
 * row, but counted, for the preview to say so. Headers of the form's fields
 * in the advertiser's language map as any CRM's do. */
static void
test_meta_test_lead (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "pt.csv", NULL);
  g_autofree char *said = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LgLeadImport) import = NULL;

  g_assert_true (g_file_set_contents (path,
    "id,created_time,ad_id,ad_name,adset_id,adset_name,campaign_id,campaign_name,form_id,"
    "form_name,is_organic,platform,qual_seu_orçamento?,Email,Nome Completo,Telefone\n"
    "l:1,2026-09-10T14:32:11+0000,,,,,,,f:1,Form A,true,,<test lead: dummy data for "
    "qual_seu_orçamento?>,test@meta.com,<test lead: dummy data for full_name>,"
    "<test lead: dummy data for phone_number>\n"
    "l:2,2026-09-10T15:00:00+0000,ag:1,Anuncio A,as:1,Conjunto A,c:1,Campanha Setembro,f:1,"
    "Form A,false,ig,até 5 mil,ana@example.com,Ana Souza,p:+5511955550100\n", -1, &error));
  g_assert_no_error (error);

  import = import_file (store, path);
  g_assert_cmpuint (lg_lead_import_get_created (import), ==, 1);
  g_assert_cmpuint (lg_lead_import_get_failed (import), ==, 0);
  g_assert_cmpuint (lg_lead_import_get_skipped (import), ==, 0);
  g_assert_cmpuint (lg_lead_import_get_test_leads (import), ==, 1);
  g_assert_cmpuint (lg_lead_import_get_problems (import)->len, ==, 0);
  said = lg_lead_import_describe_test_leads (import);
  g_assert_cmpstr (said, ==, "1 Meta test lead skipped: a test the platform made, not a person.");
  /* The history counts it with the skipped rows. */
  g_assert_cmpint (lg_test_query_int (store, "SELECT skipped_count FROM import_batches"), ==, 1);
  assert_lead (store, "Ana Souza", "s.title", "Meta · Campanha Setembro");
  assert_lead (store, "Ana Souza", "l.phone", "+5511955550100");
  assert_notes_have (store, "Ana Souza", "Qual seu orçamento?: até 5 mil");
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads"), ==, 1);
}

static void
test_helpers (void)
{
  g_autofree char *label = lg_lead_form_question_label ("are_you__the_owner?");
  g_autofree char *meta_key = lg_lead_form_id_key (LG_LEAD_FORM_META, "l:1");
  g_autofree char *own_key = lg_lead_form_id_key (LG_LEAD_FORM_NONE, "Meta:l:1");
  g_autofree char *bare_key = lg_lead_form_id_key (LG_LEAD_FORM_META, "1");
  g_autofree char *tiktok_key = lg_lead_form_id_key (LG_LEAD_FORM_TIKTOK, "7311");
  g_autofree char *meta_title = NULL;
  g_autofree char *other_title = NULL;
  const char *value = NULL;

  g_assert_cmpstr (label, ==, "Are you the owner?");
  g_assert_cmpstr (meta_key, ==, "Meta:l:1");
  /* The Graph API's bare id is the download's "l:" one. */
  g_assert_cmpstr (bare_key, ==, "Meta:l:1");
  g_assert_cmpstr (tiktok_key, ==, "TikTok:7311");
  /* Our own export's column says the platform already. */
  g_assert_cmpstr (own_key, ==, "Meta:l:1");
  meta_title = lg_lead_form_describe_id ("Google Ads:Cj0KCQ", &value);
  g_assert_cmpstr (meta_title, ==, "Google Ads lead ID");
  g_assert_cmpstr (value, ==, "Cj0KCQ");
  other_title = lg_lead_form_describe_id ("Facebook:77", &value);
  g_assert_cmpstr (other_title, ==, "Lead form ID");
  g_assert_cmpstr (value, ==, "Facebook:77");
  g_assert_cmpstr (lg_lead_form_clean_cell (LG_LEAD_FORM_META, "phone_number",
                                            LG_CSV_FIELD_PHONE, "p:+1555"), ==, "+1555");
  g_assert_cmpstr (lg_lead_form_clean_cell (LG_LEAD_FORM_META, "zip_code",
                                            LG_CSV_FIELD_ADD_TO_NOTES, "z:01960"), ==, "01960");
  g_assert_cmpstr (lg_lead_form_clean_cell (LG_LEAD_FORM_META, "platform",
                                            LG_CSV_FIELD_ADD_TO_NOTES, "ig"), ==, "Instagram");
  g_assert_cmpstr (lg_lead_form_clean_cell (LG_LEAD_FORM_TIKTOK, "Phone number",
                                            LG_CSV_FIELD_PHONE, "p:1"), ==, "p:1");
  /* The lead id keeps its "l:": the key is the same in every download. */
  g_assert_cmpstr (lg_lead_form_clean_cell (LG_LEAD_FORM_META, "id",
                                            LG_CSV_FIELD_FORM_LEAD_ID, "l:1"), ==, "l:1");
}

/* Real header rows of Meta and TikTok downloads, from other people's repositories
 * (fixtures/lead-forms/real-headers/README.md): each is recognised as Meta's
 * and its contact, time, campaign, form and id columns land where they
 * should; what is left of the form's questions goes to the notes. NULL:
 * the file has no such column. */
typedef struct
{
  const char *file;
  LgLeadForm  platform;
  const char *id;
  const char *name;
  const char *first_name;
  const char *last_name;
  const char *email;
  const char *phone;
  const char *campaign;
  const char *form;
  const char *company;
  const char *to_notes; /* '|' between */
} RealHeader;

static const RealHeader real_headers[] = {
  { "meta-pearl-view.csv", LG_LEAD_FORM_META, "id", "full_name", NULL, NULL, "email", "phone_number",
    "campaign_name", "form_name", NULL, "ad_name|adset_name|platform" },
  { "meta-hubpurepilates.csv", LG_LEAD_FORM_META, "id", "full_name", NULL, NULL, "email", "phone_number",
    "campaign_name", "form_name", NULL, "selecione_a_unidade" },
  { "meta-golf-grove-syncwith.csv", LG_LEAD_FORM_META, "lead_id", NULL, "first_name", NULL, "email", "phone",
    "campaign_name", "form_name", "company_name",
    "status|broker_type|budget_range|property_types|availability" },
  { "meta-nova-crm-leads-center.csv", LG_LEAD_FORM_META, "id", "full_name", NULL, NULL, "email", "phone_number",
    "campaign_name", "form_name", NULL, "ad_name|adset_name" },
  { "meta-crm-robusto-pt.csv", LG_LEAD_FORM_META, "id", "Nome Completo", NULL, NULL, "Email", "Telefone",
    "campaign_name", "form_name", NULL,
    "há_quantos_anos_na_atua_com_vendas_de_consórcio?|sua_empresa_é_mei_ou_ltda?|Cidade|"
    "estado" },
  { "meta-hanson.csv", LG_LEAD_FORM_META, "id", "full_name", NULL, NULL, "email", "phone_number",
    "campaign_name", "form_name", NULL,
    "what_are_you_looking_for?|when_are_you_looking_to_install?|zip_code" },
  { "meta-ivyhuts.csv", LG_LEAD_FORM_META, "id", NULL, "first_name", "last_name", "email", "phone_number",
    "campaign_name", "form_name", NULL, NULL },
  { "meta-tasks-qualified.csv", LG_LEAD_FORM_META, "id", "full_name", NULL, NULL, NULL, "phone_number",
    "campaign_name", "form_name", NULL,
    "Qualified|are_you_having_a_plot_in_gurgaon_,__farkukhnagar_or_badli" },
  /* TikTok's download through its API: the instant page, not the form. */
  { "tiktok-ahreportingsistem.csv", LG_LEAD_FORM_TIKTOK, "lead_id", "Name", NULL, NULL, "Email",
    "Phone number", "campaign_name", "page_name", NULL,
    "ad_name|adgroup_name|¿Cuál es tu presupuesto?|Comentarios" },
};

static char *
real_header (const char *name)
{
  return g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "fixtures", "lead-forms",
                           "real-headers", name, NULL);
}

/* The header of the one column mapped to field, NULL when none is. */
static const char *
mapped_header (LgCsvMapping *mapping,
               LgCsvField    field)
{
  const char *found = NULL;

  for (guint c = 0; c < lg_csv_mapping_get_n_columns (mapping); c++)
    if (lg_csv_mapping_get_field (mapping, c) == field)
      {
        /* Two columns for one field: the second would be lost. */
        g_assert_null (found);
        found = lg_csv_mapping_get_header (mapping, c);
      }
  return found;
}

static void
test_real_headers (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (real_headers); i++)
    {
      const RealHeader *h = &real_headers[i];
      g_autofree char *path = real_header (h->file);
      g_autoptr(LgCsvMapping) mapping = lg_test_guess_csv_mapping (path);
      g_auto(GStrv) to_notes = g_strsplit (h->to_notes != NULL ? h->to_notes : "", "|", -1);

      g_test_message ("%s", h->file);
      g_assert_cmpint (lg_csv_mapping_get_lead_form (mapping), ==, h->platform);
      g_assert_cmpstr (mapped_header (mapping, LG_CSV_FIELD_FORM_LEAD_ID), ==, h->id);
      g_assert_cmpstr (mapped_header (mapping, LG_CSV_FIELD_CREATED), ==, "created_time");
      g_assert_cmpstr (mapped_header (mapping, LG_CSV_FIELD_NAME), ==, h->name);
      g_assert_cmpstr (mapped_header (mapping, LG_CSV_FIELD_FIRST_NAME), ==, h->first_name);
      g_assert_cmpstr (mapped_header (mapping, LG_CSV_FIELD_LAST_NAME), ==, h->last_name);
      g_assert_cmpstr (mapped_header (mapping, LG_CSV_FIELD_EMAIL), ==, h->email);
      g_assert_cmpstr (mapped_header (mapping, LG_CSV_FIELD_PHONE), ==, h->phone);
      g_assert_cmpstr (mapped_header (mapping, LG_CSV_FIELD_CAMPAIGN), ==, h->campaign);
      g_assert_cmpstr (mapped_header (mapping, LG_CSV_FIELD_FORM), ==, h->form);
      g_assert_cmpstr (mapped_header (mapping, LG_CSV_FIELD_COMPANY), ==, h->company);
      /* Nothing of Meta's own becomes a stage, a source or a value. */
      g_assert_null (mapped_header (mapping, LG_CSV_FIELD_STAGE));
      g_assert_null (mapped_header (mapping, LG_CSV_FIELD_SOURCE));
      g_assert_null (mapped_header (mapping, LG_CSV_FIELD_VALUE));
      for (guint q = 0; to_notes[q] != NULL && to_notes[q][0] != '\0'; q++)
        {
          gboolean found = FALSE;

          for (guint c = 0; c < lg_csv_mapping_get_n_columns (mapping); c++)
            if (g_str_equal (lg_csv_mapping_get_header (mapping, c), to_notes[q]))
              {
                g_test_message ("%s: %s", h->file, to_notes[q]);
                g_assert_cmpint (lg_csv_mapping_get_field (mapping, c), ==,
                                 LG_CSV_FIELD_ADD_TO_NOTES);
                found = TRUE;
              }
          g_assert_true (found);
        }
    }
}

/* The test-lead rows Meta's tool wrote into real downloads (the only rows of
 * them the fixtures keep): skipped and counted, never a lead nor a failure.
 * The phone's "p:" is before the placeholder: "p:<test lead: …>". */
static void
test_real_test_leads (void)
{
  const char *files[] = { "meta-pearl-view.csv", "meta-ivyhuts.csv", "meta-tasks-qualified.csv" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(LgStore) store = lg_test_open_store ();
      g_autofree char *path = real_header (files[i]);
      g_autoptr(LgLeadImport) import = import_file (store, path);

      g_test_message ("%s", files[i]);
      g_assert_cmpuint (lg_lead_import_get_n_rows (import), ==, 1);
      g_assert_cmpuint (lg_lead_import_get_test_leads (import), ==, 1);
      g_assert_cmpuint (lg_lead_import_get_failed (import), ==, 0);
      g_assert_cmpuint (lg_lead_import_get_created (import), ==, 0);
      g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads"), ==, 0);
    }
}

/* TikTok marks its test leads in is_test: skipped and counted as Meta's
 * are. The header is a real one (real-headers/), the rows made up. */
static void
test_tiktok_test_lead (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autofree char *real = real_header ("tiktok-ahreportingsistem.csv");
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "tiktok.csv", NULL);
  g_autofree char *header = NULL;
  g_autofree char *text = NULL;
  g_autofree char *said = NULL;
  g_autoptr(LgLeadImport) import = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (real, &header, NULL, &error));
  text = g_strconcat (header,
                      "7412345678901234567,2026-09-20 14:03:11,1809876543210987,Video 1,"
                      "1809876543210000,Set A,1809876543200000,September,7400000000000000001,"
                      "Rent Form,false,Ana Example,ana@example.com,+56955550100,2 to 4 million,\n"
                      "7412345678901234568,2026-09-20 15:00:00,1809876543210987,Video 1,"
                      "1809876543210000,Set A,1809876543200000,September,7400000000000000001,"
                      "Rent Form,true,Test Lead,test@example.com,,under 1 million,\n", NULL);
  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);

  import = import_file (store, path);
  g_assert_cmpuint (lg_lead_import_get_created (import), ==, 1);
  g_assert_cmpuint (lg_lead_import_get_test_leads (import), ==, 1);
  g_assert_cmpuint (lg_lead_import_get_failed (import), ==, 0);
  said = lg_lead_import_describe_test_leads (import);
  g_assert_true (g_str_has_prefix (said, "1 TikTok test lead skipped"));
  assert_lead (store, "Ana Example", "s.title", "TikTok · September");
  assert_lead (store, "Ana Example", "l.external_id", "TikTok:7412345678901234567");
  assert_notes_have (store, "Ana Example", "Lead form: Rent Form");
  g_assert_cmpint (lg_test_query_int (store, "SELECT created_at FROM leads"), ==,
                   lg_test_utc (2026, 9, 20, 14) + 3 * 60 + 11);
}

/* A database of schema 10 kept the platform's id as a notes line; the
 * upgrade moves it to the lead's external id, out of the notes, and a
 * download imported again afterwards finds the lead by it. */
static void
test_migrate_notes_ids (void)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *db_path = g_build_filename (dir, "v10.db", NULL);
  g_autofree char *csv = fixture ("meta-leads.csv");
  g_autoptr(LgStore) store = NULL;
  g_autoptr(LgLeadImport) again = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  for (int v = 0; v < 10; v++)
    g_assert_cmpint (sqlite3_exec (db, lg_store_migrations[v], NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "PRAGMA user_version = 10;"
    "INSERT INTO leads (id, name, email, stage, furthest_stage, created_at, notes) VALUES "
    "(1, 'Maria Lopez', 'maria.lopez@example.com', 'cold', 'cold', 1, "
    "  'Campaign: Dental CRM Autumn\nLead form: Demo request\n"
    "Meta lead ID: l:1029384756102938\nWhat is your budget?: $500 - $1,000'),"
    "(2, 'Sam Rivera', NULL, 'cold', 'cold', 1, 'TikTok lead ID: 7311111111111111111'),"
    "(3, 'Typed by hand', NULL, 'cold', 'cold', 1, 'met at the fair');",
    NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = lg_store_open (db_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lg_store_get_version (store), ==, lg_store_latest_version ());
  assert_lead (store, "Maria Lopez", "l.external_id", "Meta:l:1029384756102938");
  assert_lead (store, "Maria Lopez", "l.notes", "Campaign: Dental CRM Autumn\nLead form: Demo "
                                                "request\nWhat is your budget?: $500 - $1,000");
  assert_lead (store, "Sam Rivera", "l.external_id", "TikTok:7311111111111111111");
  assert_lead (store, "Sam Rivera", "l.notes", "");
  assert_lead (store, "Typed by hand", "l.external_id", NULL);
  assert_lead (store, "Typed by hand", "l.notes", "met at the fair");

  /* Maria's row is skipped by her id even with her email gone from the
   * lead; the other two rows are new. */
  g_assert_true (lg_store_exec (store, "UPDATE leads SET email = NULL WHERE id = 1", &error));
  again = import_file (store, csv);
  g_assert_cmpuint (lg_lead_import_get_skipped (again), ==, 1);
  g_assert_cmpuint (lg_lead_import_get_created (again), ==, 2);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads WHERE "
                                      "name = 'Maria Lopez'"), ==, 1);
}

/* The id is a column of its own: notes the user rewrites or empties do not
 * make a re-download create the lead again. */
static void
test_notes_edit_keeps_dedupe (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;

  import_fixture (store, "meta-leads.csv", 3, 0);
  assert_lead (store, "James Chen", "l.external_id", "Meta:l:1029384756102939");
  g_assert_true (lg_store_exec (store, "UPDATE leads SET notes = 'called, wants a demo'",
                                &error));
  g_assert_no_error (error);
  import_fixture (store, "meta-leads.csv", 0, 3);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads"), ==, 3);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads WHERE "
                                      "notes LIKE '%lead ID%'"), ==, 0);
}

/* Our export writes the id in its own column; imported into another
 * workspace it is the lead's id there, and that workspace skips the
 * download as this one does. */
static void
test_export_round_trip (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgStore) other = lg_test_open_store ();
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *exported = g_build_filename (dir, "leads.csv", NULL);
  g_autoptr(LgLeadImport) into_other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  import_fixture (store, "meta-leads.csv", 3, 0);
  g_assert_true (lg_lead_export_leads (store, exported, NULL, 0, TRUE, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (exported, &text, NULL, &error));
  g_assert_nonnull (strstr (text, ",Lead Form ID\r\n"));
  g_assert_nonnull (strstr (text, ",Meta:l:1029384756102938\r\n"));

  into_other = import_file (other, exported);
  g_assert_cmpuint (lg_lead_import_get_created (into_other), ==, 3);
  assert_lead (other, "Maria Lopez", "l.external_id", "Meta:l:1029384756102938");
  import_fixture (other, "meta-leads.csv", 0, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("TZ", "UTC", TRUE);

  g_test_add_func ("/lead-forms/detect", test_detect);
  g_test_add_func ("/lead-forms/meta-mapping", test_meta_mapping);
  g_test_add_func ("/lead-forms/meta-import", test_meta_import);
  g_test_add_func ("/lead-forms/utf16-tsv", test_utf16);
  g_test_add_func ("/lead-forms/redownload", test_redownload);
  g_test_add_func ("/lead-forms/other-platforms", test_other_platforms);
  g_test_add_func ("/lead-forms/speed-to-lead", test_speed_to_lead);
  g_test_add_func ("/lead-forms/spend-cpl", test_spend_cpl);
  g_test_add_func ("/lead-forms/spend-google", test_spend_google);
  g_test_add_func ("/lead-forms/spend-errors", test_spend_errors);
  g_test_add_func ("/lead-forms/meta-test-lead", test_meta_test_lead);
  g_test_add_func ("/lead-forms/helpers", test_helpers);
  g_test_add_func ("/lead-forms/real-headers", test_real_headers);
  g_test_add_func ("/lead-forms/real-test-leads", test_real_test_leads);
  g_test_add_func ("/lead-forms/tiktok-test-lead", test_tiktok_test_lead);
  g_test_add_func ("/lead-forms/migrate-notes-ids", test_migrate_notes_ids);
  g_test_add_func ("/lead-forms/notes-edit-keeps-dedupe", test_notes_edit_keeps_dedupe);
  g_test_add_func ("/lead-forms/export-round-trip", test_export_round_trip);

  return g_test_run ();
}
