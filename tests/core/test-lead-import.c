/* test-lead-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CSV import into the leads: dedupe in each mode, validation, the error
 * report, cancel, undo, and a round trip through our own export.
 */

#include "config.h"

#include <string.h>

#include "lg-activity.h"
#include "lg-csv-reader.h"
#include "lg-lead-export.h"
#include "lg-lead-import.h"
#include "lg-sample-workspace.h"
#include "lg-store-private.h"
#include "lg-test-util.h"

static char *
fixture (const char *name)
{
  return g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "fixtures", "csv", name, NULL);
}

static LgLeadImport *
new_import (LgStore      *store,
            const char   *path,
            LgImportMode  mode)
{
  g_autoptr(LgCsvMapping) mapping = lg_test_guess_csv_mapping (path);
  LgLeadImport *import = lg_lead_import_new (lg_store_get_path (store), path, mapping);

  lg_lead_import_set_mode (import, mode);
  return import;
}

/* One column of the lead with that email, as text. */
static char *
lead_column (LgStore    *store,
             const char *email,
             const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM leads WHERE lower(email) = lower(?)",
                                          column);

  return lg_test_query_text (store, sql, email);
}

/* The lead's timeline, newest first, one line an entry. */
static char *
timeline (LgStore    *store,
          const char *email)
{
  g_autofree char *id = lead_column (store, email, "id");
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) activities = NULL;
  GString *lines = g_string_new (NULL);

  g_assert_nonnull (id);
  activities = lg_store_list_activities (store, g_ascii_strtoll (id, NULL, 10), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (activities); i++)
    {
      g_autoptr(LgActivity) activity = g_list_model_get_item (activities, i);
      g_autofree char *line = lg_activity_describe (activity);

      g_string_append_printf (lines, "%s%s", i > 0 ? "\n" : "", line);
    }
  return g_string_free (lines, FALSE);
}

static void
add_lead (LgStore    *store,
          const char *name,
          const char *email,
          const char *phone,
          const char *telegram)
{
  g_autoptr(LgLead) lead = lg_lead_new ();
  g_autoptr(GError) error = NULL;

  lg_lead_set_name (lead, name);
  lg_lead_set_email (lead, email);
  lg_lead_set_phone (lead, phone);
  lg_lead_set_telegram_handle (lead, telegram);
  lg_lead_set_stage (lead, "cold");
  lg_lead_set_qualification (lead, "unqualified");
  lg_lead_set_currency (lead, "USD");
  g_assert_true (lg_store_add_lead (store, lead, &error));
  g_assert_no_error (error);
}

/* Telegram's numeric user id is a key too: an export names people by it. */
static void
test_dedupe_telegram_id (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "ids.csv", NULL);
  g_autoptr(LgLead) lead = lg_lead_new ();
  g_autoptr(LgLeadImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  const char *data = "Name,Telegram ID,Company\n"
                     "Ivan from the chat,user4242,Ivan's Garage\n"
                     "Someone new,user7,\n"
                     "Someone new again,user7,New Co\n";

  lg_lead_set_name (lead, "Ivan");
  lg_lead_set_telegram_id (lead, "user4242");
  g_assert_true (lg_store_add_lead (store, lead, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, data, -1, NULL));

  import = new_import (store, path, LG_IMPORT_MODE_BOTH);
  g_assert_true (lg_lead_import_run (import, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lg_lead_import_get_created (import), ==, 1);
  g_assert_cmpuint (lg_lead_import_get_updated (import), ==, 2);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads"), ==, 2);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads "
                                             "WHERE telegram_id = 'user4242' "
                                             "AND company = 'Ivan''s Garage'"), ==, 1);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads "
                                             "WHERE telegram_id = 'user7' "
                                             "AND company = 'New Co'"), ==, 1);
}

static void
test_hubspot_both (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autofree char *path = fixture ("hubspot-contacts.csv");
  g_autoptr(LgLeadImport) import = new_import (store, path, LG_IMPORT_MODE_BOTH);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) unknown = NULL;
  g_autofree char *stage = NULL;
  g_autofree char *name = NULL;
  g_autofree char *telegram = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *created = NULL;
  GPtrArray *problems;
  LgImportProblem *problem;

  g_assert_true (lg_lead_import_run (import, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lg_lead_import_get_n_rows (import), ==, 8);
  g_assert_cmpuint (lg_lead_import_get_created (import), ==, 5);
  /* Row 105 is row 101 again, its email in capitals: it updates, no twin. */
  g_assert_cmpuint (lg_lead_import_get_updated (import), ==, 1);
  g_assert_cmpuint (lg_lead_import_get_failed (import), ==, 2);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads"), ==, 5);

  stage = lead_column (store, "anna.schmidt@praxis-schmidt.de", "stage");
  name = lead_column (store, "anna.schmidt@praxis-schmidt.de", "name");
  telegram = lead_column (store, "anna.schmidt@praxis-schmidt.de", "telegram_handle");
  g_assert_cmpstr (stage, ==, "hot");
  g_assert_cmpstr (name, ==, "Anna Schmidt");
  g_assert_cmpstr (telegram, ==, "anna_dental");
  /* Contact fields in the forms the pipeline stores when a lead is typed in. */
  phone = lead_column (store, "anna.schmidt@praxis-schmidt.de", "phone");
  g_assert_cmpstr (phone, ==, "+49301234567");
  /* "03/12/2024" is read the US way. */
  created = lead_column (store, "priya@brightteeth.in", "created_at");
  g_assert_nonnull (created);
  {
    g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (g_ascii_strtoll (created, NULL,
                                                                                  10));
    g_autofree char *day = g_date_time_format (date, "%Y-%m-%d");

    g_assert_cmpstr (day, ==, "2024-03-12");
  }

  problems = lg_lead_import_get_problems (import);
  g_assert_cmpuint (problems->len, ==, 2);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpuint (problem->line, ==, 7);
  g_assert_cmpstr (problem->column, ==, "Email");
  g_assert_nonnull (strstr (problem->reason, "lee.wong(at)example.com"));
  problem = g_ptr_array_index (problems, 1);
  g_assert_cmpuint (problem->line, ==, 8);
  g_assert_cmpstr (problem->column, ==, "Lead Status");

  unknown = lg_lead_import_get_unknown_labels (import, LG_CSV_FIELD_STAGE);
  g_assert_cmpuint (g_strv_length (unknown), ==, 1);
  g_assert_cmpstr (unknown[0], ==, "Nurturing");

  /* An undo record for the update; the created leads name their batch. */
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM import_changes"), ==, 1);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads WHERE import_batch = 1"),
                   ==, 5);
  g_assert_cmpint (lg_test_query_int (store, "SELECT created_count * 100 + updated_count * 10 "
                                             "+ failed_count FROM import_batches"), ==, 512);
}

static void
test_dedupe_modes (void)
{
  g_autofree char *path = fixture ("hubspot-contacts.csv");
  struct {
    LgImportMode mode;
    guint created, updated, skipped;
    gint64 leads;
  } cases[] = {
    /* 3 rows (and row 105, Anna again) match the leads below. */
    { LG_IMPORT_MODE_CREATE, 2, 0, 4, 5 },
    { LG_IMPORT_MODE_UPDATE, 0, 4, 2, 3 },
    { LG_IMPORT_MODE_BOTH, 2, 4, 0, 5 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LgStore) store = lg_test_open_store ();
      g_autoptr(LgLeadImport) import = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *carlos = NULL;

      /* The same people, keyed differently: email in other case, phone
       * written another way, Telegram handle with '@' and capitals. */
      add_lead (store, "Anna", "Anna.Schmidt@Praxis-Schmidt.de", NULL, NULL);
      add_lead (store, "Carlos R.", NULL, "+34912345678", NULL);
      add_lead (store, "Olga I.", NULL, NULL, "@Olga_Smile");

      import = new_import (store, path, cases[i].mode);
      g_assert_true (lg_lead_import_run (import, NULL, &error));
      g_assert_no_error (error);
      g_test_message ("mode %s", lg_import_mode_get_id (cases[i].mode));
      g_assert_cmpuint (lg_lead_import_get_created (import), ==, cases[i].created);
      g_assert_cmpuint (lg_lead_import_get_updated (import), ==, cases[i].updated);
      g_assert_cmpuint (lg_lead_import_get_skipped (import), ==, cases[i].skipped);
      g_assert_cmpuint (lg_lead_import_get_failed (import), ==, 2);
      g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads"), ==, cases[i].leads);

      carlos = lead_column (store, "c.ruiz@clinicaruiz.es", "name");
      if (cases[i].mode == LG_IMPORT_MODE_CREATE)
        g_assert_null (carlos);
      else
        g_assert_cmpstr (carlos, ==, "Carlos Ruiz");
    }
}

static void
test_pipedrive_and_labels (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autofree char *path = fixture ("pipedrive-deals.csv");
  g_autoptr(LgLeadImport) import = new_import (store, path, LG_IMPORT_MODE_BOTH);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  g_autofree char *stage = NULL;
  g_autofree char *notes = NULL;

  g_assert_true (lg_lead_import_run (import, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lg_lead_import_get_created (import), ==, 3);
  g_assert_cmpuint (lg_lead_import_get_updated (import), ==, 1);
  g_assert_cmpuint (lg_lead_import_get_failed (import), ==, 1);

  /* "2.000,00" EUR, the later row for the same person. */
  value = lead_column (store, "jonas@praxis-mueller.de", "value || ' ' || currency");
  stage = lead_column (store, "jonas@praxis-mueller.de", "stage || ' ' || furthest_stage");
  notes = lead_column (store, "elodie.martin@cabinet-martin.fr", "notes");
  g_assert_cmpstr (value, ==, "200000 EUR");
  g_assert_cmpstr (stage, ==, "won won");
  g_assert_cmpstr (notes, ==, "Two sites:\nParis and Lyon");
}

static void
test_unknown_label_mapped (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autofree char *path = fixture ("hubspot-contacts.csv");
  g_autoptr(LgCsvMapping) mapping = lg_test_guess_csv_mapping (path);
  g_autoptr(LgLeadImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stage = NULL;

  lg_csv_mapping_set_label (mapping, LG_CSV_FIELD_STAGE, "Nurturing", "warm");
  import = lg_lead_import_new (lg_store_get_path (store), path, mapping);
  g_assert_true (lg_lead_import_validate (import, NULL, &error));
  g_assert_cmpuint (lg_lead_import_get_failed (import), ==, 1);
  /* Validation writes nothing. */
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads"), ==, 0);

  g_assert_true (lg_lead_import_run (import, NULL, &error));
  stage = lead_column (store, "sara@costa-odonto.pt", "stage");
  g_assert_cmpstr (stage, ==, "warm");
}

static void
test_error_report (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autofree char *path = fixture ("hubspot-contacts.csv");
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *report = g_build_filename (dir, "errors.csv", NULL);
  g_autoptr(LgLeadImport) import = new_import (store, path, LG_IMPORT_MODE_BOTH);
  g_autoptr(LgCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (lg_lead_import_validate (import, NULL, &error));
  g_assert_true (lg_lead_import_write_error_report (import, report, &error));
  g_assert_no_error (error);

  reader = lg_csv_reader_new_for_path (report, LG_CSV_ENCODING_AUTO, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lg_csv_reader_next (reader, NULL, &error));
  g_assert_cmpuint (lg_csv_reader_get_n_fields (reader), ==, 12);
  g_assert_cmpstr (lg_csv_reader_get_field (reader, 11), ==, "Error");
  g_assert_true (lg_csv_reader_next (reader, NULL, &error));
  g_assert_cmpstr (lg_csv_reader_get_field (reader, 0), ==, "106");
  g_assert_nonnull (strstr (lg_csv_reader_get_field (reader, 11), "not an email address"));
  g_assert_true (lg_csv_reader_next (reader, NULL, &error));
  g_assert_cmpstr (lg_csv_reader_get_field (reader, 0), ==, "107");
  g_assert_nonnull (strstr (lg_csv_reader_get_field (reader, 11), "Nurturing"));
  g_assert_false (lg_csv_reader_next (reader, NULL, &error));
  g_assert_no_error (error);
}

/* Badly quoted rows are imported as read, and each repaired field is listed
 * with its line, its column and the value it became. */
static void
test_repairs (void)
{
  const struct { guint line; const char *words; } expected[] = {
    { 2, "after the closing quote, joined to the quoted text: read as “Acme Ltd”" },
    { 3, "in the middle of the field, kept: read as “Smith \"Bobby\" Co”" },
    { 4, "spaces outside the quotes, dropped: read as “Cid Corp”" },
    { 5, "spaces outside the quotes, dropped: read as “Dee Co”" },
  };
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autofree char *path = fixture ("bad-quotes.csv");
  g_autoptr(LgLeadImport) import = new_import (store, path, LG_IMPORT_MODE_BOTH);
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *company = NULL;
  GPtrArray *repairs;

  g_assert_true (lg_lead_import_run (import, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lg_lead_import_get_created (import), ==, 6);
  g_assert_cmpuint (lg_lead_import_get_failed (import), ==, 0);
  g_assert_cmpuint (lg_lead_import_get_problems (import)->len, ==, 0);

  repairs = lg_lead_import_get_repairs (import);
  g_assert_cmpuint (repairs->len, ==, G_N_ELEMENTS (expected));
  g_assert_cmpuint (lg_lead_import_get_repaired_rows (import), ==, 4);
  for (guint i = 0; i < repairs->len; i++)
    {
      LgImportProblem *repair = g_ptr_array_index (repairs, i);
      g_autofree char *line = lg_import_problem_to_string (repair);
      g_autofree char *start = g_strdup_printf ("Line %u, Company: ", expected[i].line);

      g_assert_cmpuint (repair->line, ==, expected[i].line);
      g_assert_cmpstr (repair->column, ==, "Company");
      g_assert_true (g_str_has_prefix (line, start));
      g_assert_nonnull (strstr (line, expected[i].words));
    }
  heading = lg_lead_import_describe_repairs (import);
  g_assert_nonnull (strstr (heading, "4 rows have quotes"));

  company = lead_column (store, "bob@example.com", "company");
  g_assert_cmpstr (company, ==, "Smith \"Bobby\" Co");
  g_clear_pointer (&company, g_free);
  company = lead_column (store, "cid@example.com", "company");
  g_assert_cmpstr (company, ==, "Cid Corp");
}

/* A file where every row is repaired lists the first ones and counts all. */
static void
test_repairs_many (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "screens.csv", NULL);
  g_autoptr(GString) data = g_string_new ("Name,Notes\n");
  g_autoptr(LgLeadImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  guint n = LG_IMPORT_MAX_LISTED_REPAIRS + 200;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (data, "Buyer %u,wants a 27\" screen\n", i);
  g_assert_true (g_file_set_contents (path, data->str, data->len, &error));
  import = new_import (store, path, LG_IMPORT_MODE_BOTH);
  g_assert_true (lg_lead_import_validate (import, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lg_lead_import_get_repairs (import)->len, ==, LG_IMPORT_MAX_LISTED_REPAIRS);
  g_assert_cmpuint (lg_lead_import_get_repaired_rows (import), ==, n);
  heading = lg_lead_import_describe_repairs (import);
  g_assert_nonnull (strstr (heading, "1200 rows"));
  g_assert_nonnull (strstr (heading, "the first 1000"));
}

static void
test_bad_files (void)
{
  const char *files[] = { "ragged.csv", "header-only.csv", "unterminated.csv", "binary.xlsx" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(LgStore) store = lg_test_open_store ();
      g_autofree char *path = fixture (files[i]);
      g_autoptr(LgCsvMapping) mapping = lg_csv_mapping_new ((const char *[]) { "Name", "Email" },
                                                            2);
      g_autoptr(LgLeadImport) import = lg_lead_import_new (lg_store_get_path (store), path,
                                                           mapping);
      g_autoptr(GError) error = NULL;
      gboolean ok;

      g_test_message ("%s", files[i]);
      ok = lg_lead_import_run (import, NULL, &error);
      g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads"), ==, i == 0 ? 1 : 0);
      if (i == 0)
        {
          /* Two ragged rows are reported by line; the good ones go in. */
          GPtrArray *problems = lg_lead_import_get_problems (import);

          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpuint (lg_lead_import_get_failed (import), ==, 2);
          g_assert_cmpuint (((LgImportProblem *) g_ptr_array_index (problems, 0))->line, ==, 3);
          g_assert_cmpuint (((LgImportProblem *) g_ptr_array_index (problems, 1))->line, ==, 4);
          g_assert_cmpuint (lg_lead_import_get_created (import), ==, 1);
          continue;
        }
      g_assert_false (ok);
      g_assert_nonnull (error);
      g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM import_batches"), ==, 0);
    }
}

static char *
write_generated (guint n_rows)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  char *path = g_build_filename (dir, "generated.csv", NULL);
  g_autoptr(GString) data = g_string_new ("Name,Email,Phone\n");

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (data, "Person %u,person%u@example.com,+1 555 %07u\n", i, i, i);
  g_assert_true (g_file_set_contents (path, data->str, data->len, NULL));
  return path;
}

static void
on_progress_cancel_cb (LgLeadImport *import,
                       double        fraction,
                       GCancellable *cancellable)
{
  /* Well into the writing. */
  if (fraction > 0.5)
    g_cancellable_cancel (cancellable);
}

/* The leads' index definitions, in one string. */
static char *
lead_indexes (LgStore *store)
{
  g_autoptr(GError) error = NULL;
  LgStmt *stmt = lg_store_prepare (store, lg_store_is_remote (store)
                                          ? "SELECT string_agg (indexdef, ';' ORDER BY indexname) "
                                            "FROM pg_indexes WHERE tablename = 'leads'"
                                          : "SELECT group_concat(sql, ';') FROM (SELECT sql "
                                            "FROM sqlite_schema WHERE type = 'index' AND "
                                            "tbl_name = 'leads' AND sql IS NOT NULL "
                                            "ORDER BY name)",
                                   &error);
  char *sql;

  g_assert_no_error (error);
  g_assert_cmpint (lg_stmt_step (stmt), ==, SQLITE_ROW);
  sql = g_strdup (lg_stmt_text (stmt, 0));
  lg_stmt_reset (stmt);
  return sql;
}

static void
test_cancel (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autofree char *path = write_generated (5000);
  g_autoptr(LgLeadImport) import = new_import (store, path, LG_IMPORT_MODE_BOTH);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *indexes = lead_indexes (store);
  g_autofree char *indexes_after = NULL;

  g_signal_connect (import, "progress", G_CALLBACK (on_progress_cancel_cb), cancellable);
  g_assert_false (lg_lead_import_run (import, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads"), ==, 0);
  /* The indexes a big import rebuilds are there as they were. */
  indexes_after = lead_indexes (store);
  g_assert_cmpstr (indexes_after, ==, indexes);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM import_batches"), ==, 0);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM import_changes"), ==, 0);
}

/* What another connection does while an import reads its file: act, once,
 * on the import's first progress report. */
typedef struct
{
  LgStore      *other;   /* lg_test_open_other() */
  void        (*act)    (LgStore *other);
  GCancellable *cancel;  /* cancelled after act, or NULL */
  gint64        waited;  /* µs act took, -1 before it ran */
  char         *expected; /* the database just after act */
  double        last;    /* the last progress reported */
  gboolean      again;   /* the progress went back: the import ran again */
} Meanwhile;

static void
on_progress_meanwhile_cb (LgLeadImport *import,
                          double        fraction,
                          Meanwhile    *meanwhile)
{
  gint64 start = g_get_monotonic_time ();

  meanwhile->again |= fraction < meanwhile->last;
  meanwhile->last = fraction;
  if (meanwhile->waited >= 0)
    return;
  meanwhile->act (meanwhile->other);
  meanwhile->waited = g_get_monotonic_time () - start;
  meanwhile->expected = lg_test_dump_database (meanwhile->other);
  if (meanwhile->cancel != NULL)
    g_cancellable_cancel (meanwhile->cancel);
}

static void
meanwhile_clear (Meanwhile *meanwhile)
{
  g_clear_object (&meanwhile->other);
  g_clear_pointer (&meanwhile->expected, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Meanwhile, meanwhile_clear)

/* Runs import with act done meanwhile on another connection. */
static gboolean
run_meanwhile (LgStore       *store,
               LgLeadImport  *import,
               Meanwhile     *meanwhile,
               GError       **error)
{
  meanwhile->other = lg_test_open_other (store);
  meanwhile->waited = -1;
  g_signal_connect (import, "progress", G_CALLBACK (on_progress_meanwhile_cb), meanwhile);
  return lg_lead_import_run (import, meanwhile->cancel, error);
}

static gint64
lead_id (LgStore    *store,
         const char *email)
{
  g_autofree char *id = lead_column (store, email, "id");

  g_assert_nonnull (id);
  return g_ascii_strtoll (id, NULL, 10);
}

static void
add_followup_to_first (LgStore *other)
{
  lg_test_add_followup (other, lead_id (other, "first@example.com"), 1900000000, "call",
                        "Added during the import");
}

static void
move_first_to_cold (LgStore *other)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lg_store_move_lead (other, lead_id (other, "first@example.com"), LG_STAGE_COLD,
                                     0, NULL, &error));
  g_assert_no_error (error);
}

static void
add_twin_of_row_7 (LgStore *other)
{
  add_lead (other, "Seven, typed in", "PERSON7@example.com", NULL, NULL);
}

static void
edit_person_3 (LgStore *other)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgLead) lead = lg_store_get_lead (other, lead_id (other, "person3@example.com"),
                                              &error);

  g_assert_no_error (error);
  lg_lead_set_company (lead, "Edited Meanwhile");
  g_assert_true (lg_store_update_lead (other, NULL, lead, "edit", NULL, &error));
  g_assert_no_error (error);
}

/* The leads there before in the tests of another writer: a warm one the
 * file does not name, and a cold one its row 3 updates. */
static void
add_first_and_three (LgStore *store)
{
  g_autoptr(LgLead) first = lg_lead_new ();
  g_autoptr(GError) error = NULL;

  lg_lead_set_name (first, "First");
  lg_lead_set_email (first, "first@example.com");
  lg_lead_set_stage (first, "warm");
  g_assert_true (lg_store_add_lead (store, first, &error));
  g_assert_no_error (error);
  add_lead (store, "Three, typed in", "person3@example.com", NULL, NULL);
}

/* Another connection writes at once while a CSV import reads its file, and
 * the import still writes over nothing it did not see: a write that changes
 * no lead the import reads (a follow-up) or only a lead's place on the board
 * lets the import go on (the new leads go after the moved one); a lead added
 * meanwhile with a row's email, or a change to a lead the file updates,
 * makes it run again, holding the lock, on the leads as they are now. */
static void
test_other_writer (void)
{
  static const struct
  {
    void   (*act) (LgStore *other);
    gboolean again;
    guint    created;
    guint    updated;
  } cases[] = {
    { add_followup_to_first, FALSE, 4999, 1 },
    { move_first_to_cold, FALSE, 4999, 1 },
    { add_twin_of_row_7, TRUE, 4998, 2 },
    { edit_person_3, TRUE, 4999, 1 },
  };
  g_autofree char *path = write_generated (5000);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LgStore) store = lg_test_open_store ();
      g_autoptr(LgLeadImport) import = new_import (store, path, LG_IMPORT_MODE_BOTH);
      g_auto(Meanwhile) meanwhile = { .act = cases[i].act };
      g_autoptr(GError) error = NULL;
      g_autofree char *company = NULL;
      g_autofree char *name = NULL;

      add_first_and_three (store);

      g_assert_true (run_meanwhile (store, import, &meanwhile, &error));
      g_assert_no_error (error);
      g_test_message ("case %u: the other connection's write took %" G_GINT64_FORMAT " µs", i,
                      meanwhile.waited);
      g_assert_cmpint (meanwhile.waited, >=, 0);
      g_assert_cmpint (meanwhile.waited, <, G_USEC_PER_SEC / 2);
      g_assert_cmpint (meanwhile.again, ==, cases[i].again);
      g_assert_cmpuint (lg_lead_import_get_created (import), ==, cases[i].created);
      g_assert_cmpuint (lg_lead_import_get_updated (import), ==, cases[i].updated);
      g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads"), ==,
                       cases[i].created + (cases[i].act == add_twin_of_row_7 ? 3 : 2));
      g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM import_changes"), ==,
                       cases[i].updated);
      /* No two leads share a place on the board. */
      g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM (SELECT 1 FROM leads "
                                                 "GROUP BY stage, position "
                                                 "HAVING count(*) > 1) AS shared"), ==, 0);

      company = lead_column (store, "person3@example.com", "company");
      name = lead_column (store, "person3@example.com", "name");
      g_assert_cmpstr (name, ==, "Person 3");
      g_assert_cmpstr (company, ==, cases[i].act == edit_person_3 ? "Edited Meanwhile" : NULL);
      if (cases[i].act == move_first_to_cold)
        g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads WHERE stage = "
                                                   "'cold' AND position < (SELECT position "
                                                   "FROM leads WHERE email = "
                                                   "'first@example.com')"), ==, 1);
      if (cases[i].act == add_twin_of_row_7)
        g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads "
                                                   "WHERE lower(email) = "
                                                   "'person7@example.com'"), ==, 1);
    }
}

/* An import cancelled while it reads, and one whose file breaks after
 * many rows, leave the database exactly as it was, with what another
 * connection wrote meanwhile; the same import succeeds next. */
static void
test_leaves_nothing (void)
{
  g_autofree char *whole = write_generated (5000);
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *broken = g_build_filename (dir, "broken.csv", NULL);
  g_autofree char *data = NULL;

  g_assert_true (g_file_get_contents (whole, &data, NULL, NULL));
  g_assert_true (g_file_set_contents (broken, data, -1, NULL));
  {
    g_autoptr(GFileOutputStream) out = NULL;
    g_autoptr(GFile) file = g_file_new_for_path (broken);

    out = g_file_append_to (file, G_FILE_CREATE_NONE, NULL, NULL);
    g_assert_true (g_output_stream_write_all (G_OUTPUT_STREAM (out), "\"Never closed,x@y.z\n",
                                              20, NULL, NULL, NULL));
  }

  for (guint cancel = 0; cancel <= 1; cancel++)
    {
      g_autoptr(LgStore) store = lg_test_open_store ();
      g_autoptr(LgLeadImport) import = new_import (store, cancel ? whole : broken,
                                                   LG_IMPORT_MODE_BOTH);
      g_autoptr(LgLeadImport) again = NULL;
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_auto(Meanwhile) meanwhile = { .act = add_followup_to_first };
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;

      add_first_and_three (store);
      meanwhile.cancel = cancel ? cancellable : NULL;

      g_assert_false (run_meanwhile (store, import, &meanwhile, &error));
      if (cancel)
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      else
        g_assert_error (error, LG_CSV_ERROR, LG_CSV_ERROR_UNTERMINATED);
      g_assert_nonnull (meanwhile.expected);
      after = lg_test_dump_database (store);
      g_assert_cmpstr (after, ==, meanwhile.expected);
      g_assert_cmpuint (lg_lead_import_get_created (import), ==, 0);
      g_assert_cmpint (lg_lead_import_get_batch_id (import), ==, 0);
      g_clear_error (&error);

      again = new_import (store, whole, LG_IMPORT_MODE_BOTH);
      g_assert_true (lg_lead_import_run (again, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (lg_lead_import_get_created (again), ==, 4999);
      g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads"), ==, 5001);
    }
}

/* Big enough for the import to rebuild the leads' indexes instead of
 * updating them row by row. */
/* A file that breaks far down, after the writer has inserted blocks of
 * it: the import fails with the reader's error and leaves nothing. */
static void
test_broken_late (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "broken.csv", NULL);
  g_autoptr(GString) data = g_string_new ("Name,Email\n");
  g_autoptr(LgLeadImport) import = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *indexes = lead_indexes (store);
  g_autofree char *indexes_after = NULL;

  add_lead (store, "Kept", "kept@example.com", NULL, NULL);
  for (guint i = 0; i < 6000; i++)
    g_string_append_printf (data, "Person %u,person%u@example.com\n", i, i);
  g_string_append (data, "\"Never closed,nobody@example.com\n");
  g_assert_true (g_file_set_contents (path, data->str, data->len, NULL));

  import = new_import (store, path, LG_IMPORT_MODE_BOTH);
  g_assert_false (lg_lead_import_run (import, NULL, &error));
  g_assert_error (error, LG_CSV_ERROR, LG_CSV_ERROR_UNTERMINATED);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads"), ==, 1);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM import_batches"), ==, 0);
  g_assert_cmpuint (lg_lead_import_get_created (import), ==, 0);
  indexes_after = lead_indexes (store);
  g_assert_cmpstr (indexes_after, ==, indexes);
}

static void
test_large (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autofree char *path = write_generated (6000);
  g_autoptr(LgLeadImport) import = new_import (store, path, LG_IMPORT_MODE_BOTH);
  g_autoptr(GError) error = NULL;
  g_autofree char *indexes = lead_indexes (store);
  g_autofree char *indexes_after = NULL;
  g_autofree char *name = NULL;
  g_autofree char *plan = NULL;
  LgStmt *stmt;

  add_lead (store, "Seven (old)", "PERSON7@example.com", NULL, NULL);
  g_assert_true (lg_lead_import_run (import, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lg_lead_import_get_created (import), ==, 5999);
  g_assert_cmpuint (lg_lead_import_get_updated (import), ==, 1);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads"), ==, 6000);
  /* One row each for the update; the 5,999 new leads only name the batch. */
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM import_changes"), ==, 1);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM activities "
                                             "WHERE kind = 'import'"), ==, 1);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads WHERE import_batch = 1"),
                   ==, 5999);
  name = lead_column (store, "person7@example.com", "name");
  g_assert_cmpstr (name, ==, "Person 7");
  /* Each new lead at its own place in the column. */
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(DISTINCT position) FROM leads "
                                             "WHERE stage = 'cold'"), ==, 6000);

  indexes_after = lead_indexes (store);
  g_assert_cmpstr (indexes_after, ==, indexes);
  /* ...and the board's query uses its index again (a file's import
   * rebuilds them). */
  if (!lg_store_is_remote (store))
    {
      stmt = lg_store_prepare (store, "EXPLAIN QUERY PLAN SELECT id FROM leads "
                                      "WHERE stage = 'cold' ORDER BY position", &error);
      g_assert_no_error (error);
      g_assert_cmpint (lg_stmt_step (stmt), ==, SQLITE_ROW);
      plan = g_strdup (lg_stmt_text (stmt, 3));
      lg_stmt_reset (stmt);
      g_assert_nonnull (strstr (plan, "leads_by_stage"));
    }

  g_assert_true (lg_lead_import_undo (store, lg_lead_import_get_batch_id (import), &error));
  g_assert_no_error (error);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads"), ==, 1);
  g_clear_pointer (&name, g_free);
  name = lead_column (store, "person7@example.com", "name");
  g_assert_cmpstr (name, ==, "Seven (old)");
}

/* What is added after an import takes the ids after the imported leads' and
 * sources' (a team workspace's come from sequences, which the ids an import
 * gives do not move on), and whoever imported the leads looks after them. */
static void
test_ids_after (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "fair.csv", NULL);
  g_autoptr(LgLeadImport) import = NULL;
  g_autoptr(LgSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *owner = NULL;
  gint64 fair;

  g_assert_true (g_file_set_contents (path, "Name,Email,Source\n"
                                            "Ada,ada@example.com,Spring Fair\n"
                                            "Bob,bob@example.com,Spring Fair\n", -1, NULL));
  import = new_import (store, path, LG_IMPORT_MODE_BOTH);
  g_assert_true (lg_lead_import_run (import, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lg_lead_import_get_created (import), ==, 2);
  fair = lg_test_query_int (store, "SELECT id FROM sources WHERE kind = 'csv' "
                                   "AND title = 'Spring Fair'");
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads "
                                             "WHERE source_id IS NOT NULL"), ==, 2);
  owner = lead_column (store, "ada@example.com", "owner");
  g_assert_cmpstr (owner, ==, lg_store_get_person ());

  add_lead (store, "Cleo", "cleo@example.com", NULL, NULL);
  g_assert_cmpint (lead_id (store, "cleo@example.com"), >, lead_id (store, "bob@example.com"));
  source = lg_test_add_source (store, "another_chat");
  g_assert_cmpint (lg_source_get_id (source), >, fair);
}

static void
test_dry_run (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autofree char *path = fixture ("hubspot-contacts.csv");
  g_autoptr(LgLeadImport) import = new_import (store, path, LG_IMPORT_MODE_BOTH);
  g_autoptr(GError) error = NULL;

  lg_lead_import_set_dry_run (import, TRUE);
  g_assert_true (lg_lead_import_run (import, NULL, &error));
  g_assert_cmpuint (lg_lead_import_get_created (import), ==, 5);
  g_assert_cmpint (lg_lead_import_get_batch_id (import), ==, 0);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads"), ==, 0);
}

static void
on_async_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (lg_lead_import_run_finish (LG_LEAD_IMPORT (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
on_progress_count_cb (LgLeadImport *import,
                      double        fraction,
                      guint        *n_reports)
{
  /* Reported on this (the main) thread. */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  (*n_reports)++;
}

static void
test_undo (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autofree char *path = fixture ("hubspot-contacts.csv");
  g_autoptr(LgLeadImport) import = new_import (store, path, LG_IMPORT_MODE_BOTH);
  g_autoptr(GListModel) batches = NULL;
  g_autoptr(LgImportBatch) batch = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *stage = NULL;
  g_autofree char *anna_timeline = NULL;
  g_autofree char *carlos_timeline = NULL;
  g_autofree char *carlos_id = NULL;
  g_autofree char *carlos_origin = NULL;
  g_autofree char *anna_id = NULL;
  g_autofree char *anna_origin = NULL;
  g_autoptr(LgLead) carlos = NULL;
  g_autoptr(LgLead) anna = NULL;
  gboolean done = FALSE;
  guint n_reports = 0;

  add_lead (store, "Anna (old)", "anna.schmidt@praxis-schmidt.de", NULL, NULL);

  /* On a worker, as the app runs it. */
  g_signal_connect (import, "progress", G_CALLBACK (on_progress_count_cb), &n_reports);
  lg_lead_import_run_async (import, FALSE, NULL, on_async_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (n_reports, >, 0);
  g_assert_cmpuint (lg_lead_import_get_created (import), ==, 4);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads"), ==, 5);
  /* Anna was there and two rows of the file updated her; Carlos is new. */
  anna_timeline = timeline (store, "anna.schmidt@praxis-schmidt.de");
  g_assert_cmpstr (anna_timeline, ==, "Updated by importing hubspot-contacts.csv\n"
                                      "Updated by importing hubspot-contacts.csv\n"
                                      "Created in Cold");
  carlos_timeline = timeline (store, "c.ruiz@clinicaruiz.es");
  g_assert_cmpstr (carlos_timeline, ==, "Imported from hubspot-contacts.csv");
  /* Without a source column, the card says where the lead came from. */
  carlos_id = lead_column (store, "c.ruiz@clinicaruiz.es", "id");
  carlos = lg_store_get_lead (store, g_ascii_strtoll (carlos_id, NULL, 10), &error);
  g_assert_no_error (error);
  carlos_origin = lg_lead_dup_no_source_label (carlos);
  g_assert_cmpstr (carlos_origin, ==, "Imported from hubspot-contacts.csv");
  anna_id = lead_column (store, "anna.schmidt@praxis-schmidt.de", "id");
  anna = lg_store_get_lead (store, g_ascii_strtoll (anna_id, NULL, 10), &error);
  g_assert_no_error (error);
  anna_origin = lg_lead_dup_no_source_label (anna);
  g_assert_cmpstr (anna_origin, ==, "Added by hand");

  batches = lg_lead_import_list_batches (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (batches), ==, 1);
  batch = g_list_model_get_item (batches, 0);
  g_assert_cmpint (lg_import_batch_get_id (batch), ==, lg_lead_import_get_batch_id (import));
  g_assert_cmpuint (lg_import_batch_get_created (batch), ==, 4);
  g_assert_cmpstr (lg_import_batch_get_file_name (batch), ==, "hubspot-contacts.csv");

  g_assert_true (lg_lead_import_undo (store, lg_lead_import_get_batch_id (import), &error));
  g_assert_no_error (error);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads"), ==, 1);
  name = lead_column (store, "anna.schmidt@praxis-schmidt.de", "name");
  stage = lead_column (store, "anna.schmidt@praxis-schmidt.de", "stage || coalesce(phone, '-')");
  g_assert_cmpstr (name, ==, "Anna (old)");
  g_assert_cmpstr (stage, ==, "cold-");
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM activities "
                                             "WHERE kind = 'import'"), ==, 0);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM import_batches "
                                             "WHERE undone_at > 0"), ==, 1);
  g_clear_pointer (&anna_timeline, g_free);
  anna_timeline = timeline (store, "anna.schmidt@praxis-schmidt.de");
  g_assert_cmpstr (anna_timeline, ==, "Created in Cold");

  /* Once only. */
  g_assert_false (lg_lead_import_undo (store, lg_lead_import_get_batch_id (import), &error));
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_NOT_FOUND);
}

static void
test_round_trip (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *first = g_build_filename (dir, "first.csv", NULL);
  g_autofree char *second = g_build_filename (dir, "second.csv", NULL);
  g_autofree char *path = fixture ("pipedrive-deals.csv");
  g_autoptr(LgLeadImport) seed = new_import (store, path, LG_IMPORT_MODE_BOTH);
  g_autoptr(LgLeadImport) again = NULL;
  g_autoptr(LgSource) source = lg_test_add_source (store, "dentistry_chat");
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  guint n = 0;

  g_assert_true (lg_lead_import_run (seed, NULL, &error));
  /* Cells a spreadsheet would run, a lead known only by Telegram, a source. */
  g_assert_true (lg_store_exec (store, "UPDATE leads SET name = '=HYPERLINK(\"x\")', "
                                "notes = '-1 line\nsecond, \"quoted\"', lost_reason = 'price' "
                                "WHERE id = 1", &error));
  add_lead (store, "Only Telegram", NULL, NULL, "OnlyTg");
  g_assert_true (lg_store_exec (store, "UPDATE leads SET source_id = 1, closed_at = 1700000000 "
                                "WHERE id = 2", &error));
  g_assert_no_error (error);

  g_assert_true (lg_lead_export_leads (store, first, NULL, 0, TRUE, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 4);

  again = new_import (store, first, LG_IMPORT_MODE_BOTH);
  g_assert_true (lg_lead_import_run (again, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lg_lead_import_get_failed (again), ==, 0);
  g_assert_cmpuint (lg_lead_import_get_created (again), ==, 0);
  g_assert_cmpuint (lg_lead_import_get_updated (again), ==, 0);
  g_assert_cmpuint (lg_lead_import_get_skipped (again), ==, 4);

  g_assert_true (lg_lead_export_leads (store, second, NULL, 0, TRUE, NULL, NULL, &error));
  g_assert_true (g_file_get_contents (first, &a, NULL, NULL));
  g_assert_true (g_file_get_contents (second, &b, NULL, NULL));
  g_assert_cmpstr (a, ==, b);
  g_assert_true (g_str_has_prefix (a, "\xef\xbb\xbfLeadgram ID,Name,Email,"));
  g_assert_nonnull (strstr (a, "\"'=HYPERLINK(\"\"x\"\")\""));
}

/* The free-text columns of every lead, in id order, one line per lead with
 * every byte escaped, for comparing two workspaces. */
static char *
dump_leads (LgStore *store)
{
  g_autoptr(GError) error = NULL;
  LgStmt *stmt = lg_store_prepare (store, "SELECT name, company, notes, lost_reason, "
                                                "email, phone, telegram_handle, stage, value, "
                                                "currency FROM leads ORDER BY id", &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  while (lg_stmt_step (stmt) == SQLITE_ROW)
    {
      for (int col = 0; col < 10; col++)
        {
          g_autofree char *escaped = g_strescape (lg_stmt_text (stmt, col) != NULL ?
                                                  lg_stmt_text (stmt, col) : "(null)", NULL);

          g_string_append_printf (out, "%s[%s]", col > 0 ? " " : "", escaped);
        }
      g_string_append_c (out, '\n');
    }
  lg_stmt_reset (stmt);
  return g_string_free (out, FALSE);
}

/* Our own export read back is what was written, whatever the cells hold:
 * apostrophes the writer did not add, formula-like starts, spaces, tabs and
 * CR at either end. Re-importing changes nothing; importing into an empty
 * workspace gives the same leads. */
static void
test_round_trip_nasty (void)
{
  static const struct { const char *name; const char *company; const char *notes; } leads[] = {
    { "'=already quoted", "  Acme  ", "+ plus" },
    { "'hello", "\tTabbed\t", "-minus" },
    { "''double", "Carriage\r", "@at" },
    { "0123", "\rCR first", "line\r\nbreak\rlone CR" },
    { "'0123", "=1+2", " padded note " },
    { "=SUM(A1)", "'+7", "'" },
    { " Ann ", "\t", "'@x" },
  };
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgStore) fresh = lg_test_open_store ();
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "nasty.csv", NULL);
  g_autofree char *again_path = g_build_filename (dir, "again.csv", NULL);
  g_autoptr(LgLeadImport) again = NULL;
  g_autoptr(LgLeadImport) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *copied = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (leads); i++)
    {
      g_autofree char *email = g_strdup_printf ("nasty%u@example.com", i);
      g_autofree char *sql = NULL;

      add_lead (store, leads[i].name, email, NULL, NULL);
      sql = sqlite3_mprintf ("UPDATE leads SET company = %Q, notes = %Q, lost_reason = %Q "
                             "WHERE email = %Q", leads[i].company, leads[i].notes,
                             leads[i].company, email);
      g_assert_true (lg_store_exec (store, sql, &error));
      g_assert_no_error (error);
      sqlite3_free (g_steal_pointer (&sql));
    }
  before = dump_leads (store);

  g_assert_true (lg_lead_export_leads (store, path, NULL, 0, FALSE, NULL, NULL, &error));
  g_assert_no_error (error);

  again = new_import (store, path, LG_IMPORT_MODE_BOTH);
  g_assert_true (lg_lead_import_run (again, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lg_lead_import_get_failed (again), ==, 0);
  g_assert_cmpuint (lg_lead_import_get_created (again), ==, 0);
  g_assert_cmpuint (lg_lead_import_get_updated (again), ==, 0);
  after = dump_leads (store);
  g_assert_cmpstr (after, ==, before);

  copy = new_import (fresh, path, LG_IMPORT_MODE_BOTH);
  g_assert_true (lg_lead_import_run (copy, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lg_lead_import_get_created (copy), ==, G_N_ELEMENTS (leads));
  copied = dump_leads (fresh);
  g_assert_cmpstr (copied, ==, before);

  /* And the copy's export is the same file. */
  g_assert_true (lg_lead_export_leads (fresh, again_path, NULL, 0, FALSE, NULL, NULL, &error));
  g_assert_true (g_file_get_contents (path, &a, NULL, NULL));
  g_assert_true (g_file_get_contents (again_path, &b, NULL, NULL));
  g_assert_cmpstr (a, ==, b);
}

/* Re-importing our own export of the sample workspace updates nothing. */
static void
test_round_trip_sample (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "sample.csv", NULL);
  g_autoptr(LgLeadImport) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint n = 0;

  if (!lg_sample_workspace_load (store, g_get_real_time () / G_USEC_PER_SEC, &error) &&
      g_error_matches (error, LG_STORE_ERROR, LG_STORE_ERROR_TEAM))
    {
      /* Its conversations, where a team workspace holds none yet. */
      g_test_skip (error->message);
      return;
    }
  g_assert_no_error (error);
  before = dump_leads (store);
  g_assert_true (lg_lead_export_leads (store, path, NULL, 0, TRUE, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, >, 10);

  again = new_import (store, path, LG_IMPORT_MODE_BOTH);
  g_assert_true (lg_lead_import_run (again, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lg_lead_import_get_failed (again), ==, 0);
  g_assert_cmpuint (lg_lead_import_get_created (again), ==, 0);
  g_assert_cmpuint (lg_lead_import_get_updated (again), ==, 0);
  g_assert_cmpuint (lg_lead_import_get_skipped (again), ==, n);
  after = dump_leads (store);
  g_assert_cmpstr (after, ==, before);
}

/* A row that matches a lead by its phone but has another email and handle is
 * another person: it is a conflict, listed with both sides, skipped unless
 * the user chooses merge or create. (A phone too short to be one person's
 * matches nobody, but the validation already refuses such rows.) */
static void
test_conflicts (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "conflict.csv", NULL);
  g_autoptr(LgLeadImport) check = NULL;
  g_autoptr(LgLeadImport) dry = NULL;
  g_autoptr(LgLeadImport) run = NULL;
  g_autoptr(LgLeadImport) merge = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *email = NULL;
  g_autofree char *handle = NULL;
  LgImportConflict *conflict;
  GPtrArray *conflicts;

  add_lead (store, "Ирина Соколова", "irina@example.ru", "+7 912 000-11-22", "irina_s");
  add_lead (store, "Other", "other@example.com", NULL, NULL);
  g_assert_true (g_file_set_contents (path,
                                      "Name,Email,Phone,Telegram,Company\n"
                                      "Li Chen,li.chen@example.com,+7 912 000 11 22,lichen,"
                                      "Chen Ltd\n"
                                      "Other,other@example.com,,,\n"
                                      "Irina S.,irina@example.ru,+79120001122,irina_s,"
                                      "Sokolova & Co\n", -1, &error));

  /* The preview finds it and shows both. */
  check = new_import (store, path, LG_IMPORT_MODE_BOTH);
  g_assert_true (lg_lead_import_validate (check, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lg_lead_import_get_conflicts (check), ==, 1);
  conflicts = lg_lead_import_list_conflicts (check);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpuint (conflict->line, ==, 2);
  g_assert_cmpint (conflict->lead_id, ==, 1);
  g_assert_cmpstr (conflict->row[LG_CONFLICT_FIELD_NAME], ==, "Li Chen");
  g_assert_cmpstr (conflict->lead[LG_CONFLICT_FIELD_NAME], ==, "Ирина Соколова");
  g_assert_cmpstr (conflict->row[LG_CONFLICT_FIELD_EMAIL], ==, "li.chen@example.com");
  g_assert_cmpstr (conflict->lead[LG_CONFLICT_FIELD_EMAIL], ==, "irina@example.ru");
  g_assert_nonnull (strstr (conflict->reason, "li.chen@example.com"));

  /* Create, as a dry run. */
  dry = new_import (store, path, LG_IMPORT_MODE_BOTH);
  lg_lead_import_set_on_conflict (dry, LG_CONFLICT_CREATE);
  lg_lead_import_set_dry_run (dry, TRUE);
  g_assert_true (lg_lead_import_run (dry, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lg_lead_import_get_conflicts (dry), ==, 1);
  g_assert_cmpuint (lg_lead_import_get_created (dry), ==, 1);
  g_assert_cmpuint (lg_lead_import_get_updated (dry), ==, 1);

  /* By default it is skipped: Irina keeps her email and handle. */
  run = new_import (store, path, LG_IMPORT_MODE_BOTH);
  g_assert_true (lg_lead_import_run (run, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lg_lead_import_get_conflicts (run), ==, 1);
  g_assert_cmpuint (lg_lead_import_get_created (run), ==, 0);
  g_assert_cmpuint (lg_lead_import_get_updated (run), ==, 1);
  g_assert_cmpuint (lg_lead_import_get_skipped (run), ==, 1);
  handle = lead_column (store, "irina@example.ru", "telegram_handle");
  g_assert_cmpstr (handle, ==, "irina_s");
  g_clear_pointer (&handle, g_free);
  g_assert_null (lead_column (store, "li.chen@example.com", "id"));
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads"), ==, 2);
  /* The history counts the skipped conflict among the skipped rows. */
  g_assert_cmpint (lg_test_query_int (store, "SELECT skipped_count FROM import_batches"), ==, 2);

  /* Merge, chosen for that row: the lead takes the row's contacts; the last
   * row, Irina's old email, now contradicts the merged lead. */
  merge = new_import (store, path, LG_IMPORT_MODE_BOTH);
  lg_lead_import_set_conflict_action (merge, 2, LG_CONFLICT_MERGE);
  g_assert_true (lg_lead_import_run (merge, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lg_lead_import_get_conflicts (merge), ==, 2);
  g_assert_cmpuint (lg_lead_import_get_updated (merge), ==, 1);
  email = lead_column (store, "li.chen@example.com", "id");
  g_assert_cmpstr (email, ==, "1");
}

static void
test_export_selected (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "some.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  const gint64 ids[] = { 2 };
  guint n = 0;

  add_lead (store, "One", "one@example.com", NULL, NULL);
  add_lead (store, "Two", "two@example.com", NULL, NULL);
  g_assert_true (lg_lead_export_leads (store, out, ids, 1, FALSE, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  g_assert_null (strstr (text, "one@example.com"));
  g_assert_nonnull (strstr (text, "\r\n2,Two,two@example.com,"));
}

static void
add_board_lead (LgStore    *store,
                const char *name,
                const char *company,
                const char *stage,
                gint64      source_id)
{
  g_autoptr(LgLead) lead = lg_lead_new ();
  g_autoptr(GError) error = NULL;

  lg_lead_set_name (lead, name);
  lg_lead_set_company (lead, company);
  lg_lead_set_stage (lead, stage);
  lg_lead_set_source_id (lead, source_id);
  lg_lead_set_qualification (lead, "unqualified");
  lg_lead_set_currency (lead, "USD");
  g_assert_true (lg_store_add_lead (store, lead, &error));
  g_assert_no_error (error);
}

/* Exports with the filter and returns the file's text; *n the rows. */
static char *
export_filtered (LgStore            *store,
                 const LgLeadFilter *filter,
                 gint64              now,
                 guint              *n)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "board.csv", NULL);
  g_autoptr(GError) error = NULL;
  LgPipelineRules rules;
  char *text = NULL;

  lg_pipeline_rules_init_defaults (&rules);
  g_assert_true (lg_lead_export_filtered (store, filter, &rules, now, out, FALSE, n, NULL,
                                          &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  return text;
}

static void
test_export_filtered (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgSource) source = lg_test_add_source (store, "dentistry_chat");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint n = 0;

  add_board_lead (store, "Anna", "Praxis Schmidt", "cold", lg_source_get_id (source));
  add_board_lead (store, "Boris", "Zahnarzt Plus", "hot", 0);
  add_board_lead (store, "Clara", "Praxis Weber", "won", 0);

  {
    LgLeadFilter filter = { .stage = "hot" };
    g_autofree char *text = export_filtered (store, &filter, now, &n);

    g_assert_cmpuint (n, ==, 1);
    g_assert_nonnull (strstr (text, "\r\n2,Boris,"));
    g_assert_null (strstr (text, "Anna"));
  }
  {
    LgLeadFilter filter = { .text = "praxis" };
    g_autofree char *text = export_filtered (store, &filter, now, &n);

    /* Oldest first, in the columns of a full export. */
    g_assert_cmpuint (n, ==, 2);
    g_assert_true (g_str_has_prefix (text, "Leadgram ID,Name,Email,"));
    g_assert_nonnull (strstr (text, "\r\n1,Anna,"));
    g_assert_nonnull (strstr (text, "\r\n3,Clara,"));
    g_assert_true (strstr (text, "Anna") < strstr (text, "Clara"));
  }
  {
    LgLeadFilter filter = { .source_id = lg_source_get_id (source) };
    g_autofree char *text = export_filtered (store, &filter, now, &n);

    g_assert_cmpuint (n, ==, 1);
    g_assert_nonnull (strstr (text, ",dentistry_chat,"));
  }
  {
    /* A month on, the open leads are stale; a won deal never is. */
    LgLeadFilter filter = { .stale_only = TRUE };
    g_autofree char *text = export_filtered (store, &filter, now + 30 * LG_SECONDS_PER_DAY, &n);

    g_assert_cmpuint (n, ==, 2);
    g_assert_null (strstr (text, "Clara"));
    g_clear_pointer (&text, g_free);
    text = export_filtered (store, &filter, now, &n);
    g_assert_cmpuint (n, ==, 0);
  }
  {
    LgLeadFilter filter = { .text = "nobody" };
    g_autofree char *text = export_filtered (store, &filter, now, &n);

    /* The header alone, not every lead. */
    g_assert_cmpuint (n, ==, 0);
    g_assert_true (g_str_has_suffix (text, "Notes,Lead Form ID\r\n"));
    g_assert_null (strstr (text, "Anna"));
  }
}

/* A database of version 7 kept an undo record and a timeline entry for every
 * lead an import created; opening it moves live imports to the form of
 * version 8 (the lead names its batch), and undo still works on them. */
static void
test_migrate_old_imports (void)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "v7.db", NULL);
  g_autoptr(LgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *created = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *name = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (int v = 0; v < 7; v++)
    g_assert_cmpint (sqlite3_exec (db, lg_store_migrations[v], NULL, NULL, NULL), ==, SQLITE_OK);
  /* Lead 1 was there; import 1 renamed it and created leads 2 and 4. Lead 4
   * was deleted and its id went to a lead typed later. Import 2 created
   * lead 3 and was undone, and lead 3 was then added by hand. A follow-up
   * points at a lead that is gone (a hand edit with foreign keys off). */
  g_assert_cmpint (sqlite3_exec (db,
    "INSERT INTO leads (id, name, email, created_at) VALUES "
    "  (1, 'Renamed', 'one@example.com', 1), (2, 'Two', 'two@example.com', 2),"
    "  (3, 'Typed', 'three@example.com', 3), (4, 'Typed later', 'four@example.com', 40);"
    "INSERT INTO import_batches (id, file_name, created_at, undone_at, created_count,"
    "  updated_count) VALUES (1, 'first.csv', 10, 0, 2, 1), (2, 'second.csv', 20, 30, 1, 0);"
    "INSERT INTO import_changes (batch_id, lead_id, action, previous) VALUES"
    "  (1, 1, 'update', '{\"name\":\"One\"}'), (1, 2, 'create', NULL),"
    "  (1, 4, 'create', NULL), (2, 3, 'create', NULL);"
    "INSERT INTO followups (lead_id, due_at, created_at) VALUES (99, 1, 1);"
    "INSERT INTO activities (lead_id, kind, at, detail, new_value) VALUES"
    "  (1, 'import', 10, 'first.csv', '1'), (2, 'import', 10, 'first.csv', '1'),"
    "  (3, 'note', 40, '', 'Call back');"
    "PRAGMA user_version = 7;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = lg_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM import_changes"), ==, 1);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads "
                                             "WHERE import_batch = 1 AND id = 2"), ==, 1);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads "
                                             "WHERE import_batch IS NOT NULL"), ==, 1);
  created = timeline (store, "two@example.com");
  g_assert_cmpstr (created, ==, "Imported from first.csv");
  updated = timeline (store, "one@example.com");
  g_assert_cmpstr (updated, ==, "Updated by importing first.csv");

  g_assert_true (lg_lead_import_undo (store, 1, &error));
  g_assert_no_error (error);
  /* Lead 2 went; the lead typed into lead 4's old id stays. */
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads"), ==, 3);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads WHERE id = 4"), ==, 1);
  name = lead_column (store, "one@example.com", "name");
  g_assert_cmpstr (name, ==, "One");
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads WHERE id = 3"), ==, 1);

  /* The rebuilt table still refuses a stage the board does not have, and
   * deleting a lead still takes its timeline with it. */
  g_assert_false (lg_store_exec (store, "UPDATE leads SET stage = 'maybe' WHERE id = 3", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM activities WHERE lead_id = 3"),
                   ==, 1);
  g_assert_true (lg_store_exec (store, "DELETE FROM leads WHERE id = 3", &error));
  g_assert_no_error (error);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM activities WHERE lead_id = 3"),
                   ==, 0);
}

/* Dates in the forms exports write them (TZ is UTC here). */
static void
test_dates (void)
{
  static const struct { const char *text; gint64 unix_time; } dates[] = {
    { "2024-03-01", 1709251200 },
    { "2024-03-01 10:22", 1709288520 },
    { "2024-03-01T10:22:33.5", 1709288553 },
    { "2024-03-01T10:22:33Z", 1709288553 },
    { "2024-03-01T10:22:33+02:00", 1709281353 },
    { "2024/03/01", 1709251200 },
    { "21.02.2023", 1676937600 },
    { "21/02/2023", 1676937600 },
    { "2/21/2023 10:22 PM", 1677018120 },
    { "2/21/2023 12:05 am", 1676937900 },
    { "1700000000", 1700000000 },
    { "1700000000123", 1700000000 },
  };
  static const char *not_dates[] = {
    "next Tuesday", "2024-13-45", "20240301", "2024-03-01 25:00", "2/21/2023 10:22 XM",
  };
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "dates.csv", NULL);
  g_autoptr(GString) data = g_string_new ("Name,Email,Create Date\n");
  g_autoptr(LgLeadImport) import = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *problems;

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    g_string_append_printf (data, "Date %u,date%u@example.com,%s\n", i, i, dates[i].text);
  for (guint i = 0; i < G_N_ELEMENTS (not_dates); i++)
    g_string_append_printf (data, "Bad %u,bad%u@example.com,%s\n", i, i, not_dates[i]);
  g_assert_true (g_file_set_contents (path, data->str, data->len, NULL));

  import = new_import (store, path, LG_IMPORT_MODE_BOTH);
  g_assert_true (lg_lead_import_run (import, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *email = g_strdup_printf ("date%u@example.com", i);
      g_autofree char *created = lead_column (store, email, "created_at");
      g_autofree char *expected = g_strdup_printf ("%" G_GINT64_FORMAT, dates[i].unix_time);

      g_test_message ("%s", dates[i].text);
      g_assert_cmpstr (created, ==, expected);
    }

  problems = lg_lead_import_get_problems (import);
  g_assert_cmpuint (problems->len, ==, G_N_ELEMENTS (not_dates));
  for (guint i = 0; i < G_N_ELEMENTS (not_dates); i++)
    {
      LgImportProblem *problem = g_ptr_array_index (problems, i);

      g_assert_cmpstr (problem->column, ==, "Create Date");
      g_assert_nonnull (strstr (problem->reason, not_dates[i]));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* Dates without a zone are local time: make that UTC here. */
  g_setenv ("TZ", "UTC", TRUE);

  g_test_add_func ("/import/hubspot-both", test_hubspot_both);
  g_test_add_func ("/import/dedupe-modes", test_dedupe_modes);
  g_test_add_func ("/import/dedupe-telegram-id", test_dedupe_telegram_id);
  g_test_add_func ("/import/conflicts", test_conflicts);
  g_test_add_func ("/import/pipedrive", test_pipedrive_and_labels);
  g_test_add_func ("/import/ids-after", test_ids_after);
  g_test_add_func ("/import/unknown-label-mapped", test_unknown_label_mapped);
  g_test_add_func ("/import/error-report", test_error_report);
  g_test_add_func ("/import/bad-files", test_bad_files);
  g_test_add_func ("/import/repairs", test_repairs);
  g_test_add_func ("/import/repairs-many", test_repairs_many);
  g_test_add_func ("/import/cancel", test_cancel);
  g_test_add_func ("/import/dry-run", test_dry_run);
  g_test_add_func ("/import/large", test_large);
  g_test_add_func ("/import/broken-late", test_broken_late);
  g_test_add_func ("/import/other-writer", test_other_writer);
  g_test_add_func ("/import/leaves-nothing", test_leaves_nothing);
  g_test_add_func ("/import/undo", test_undo);
  g_test_add_func ("/import/round-trip", test_round_trip);
  g_test_add_func ("/import/round-trip-nasty", test_round_trip_nasty);
  g_test_add_func ("/import/round-trip-sample", test_round_trip_sample);
  g_test_add_func ("/import/dates", test_dates);
  g_test_add_func ("/import/migrate-old-imports", test_migrate_old_imports);
  g_test_add_func ("/export/selected", test_export_selected);
  g_test_add_func ("/export/filtered", test_export_filtered);

  return g_test_run ();
}
