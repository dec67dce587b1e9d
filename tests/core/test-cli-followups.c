/* test-cli-followups.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `leadgram-cli followups`, `followup add` and `followup done`, run as a
 * script would run them.
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "lg-test-util.h"

typedef struct
{
  char   *path;
  gint64  lead_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LgStore) store = NULL;
  g_autoptr(LgLead) lead = NULL;

  fixture->path = g_build_filename (dir, "cli.db", NULL);
  store = lg_store_open (fixture->path, &error);
  g_assert_no_error (error);
  lead = lg_test_add_lead (store, "Anna Petrova", "warm");
  fixture->lead_id = lg_lead_get_id (lead);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_free (fixture->path);
}

#define run(fixture, out, err, ...) lg_test_run_cli_db ((fixture)->path, out, err, __VA_ARGS__)

static char *
iso_from_now (gint64 seconds)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) then = g_date_time_add_seconds (now, (double) seconds);

  return g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
}

static void
test_add_list_done (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *lead = g_strdup_printf ("%" G_GINT64_FORMAT, fixture->lead_id);
  g_autofree char *yesterday = iso_from_now (-86400);
  g_autofree char *next_week = iso_from_now (7 * 86400);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  JsonObject *first;

  g_assert_cmpint (run (fixture, &out, &err, "followup", "add", lead, "--at", yesterday,
                        "--kind", "call", "--note", "Ask about the budget", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Follow-up 1 with Anna Petrova scheduled for"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (fixture, &out, &err, "followup", "add", lead, "--at", next_week, NULL),
                   ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Both, soonest first, as tab-separated lines. */
  g_assert_cmpint (run (fixture, &out, &err, "followups", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "1\t"));
  g_assert_nonnull (strstr (out, "\toverdue \tcall\tAnna Petrova\tAsk about the budget\n"));
  g_assert_nonnull (strstr (out, "\tupcoming\tmessage\tAnna Petrova\t\n"));
  g_assert_true (strstr (out, "overdue") < strstr (out, "upcoming"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* --overdue --json: one object with the fields a script needs. */
  g_assert_cmpint (run (fixture, &out, &err, "followups", "--overdue", "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  first = json_array_get_object_element (array, 0);
  g_assert_cmpint (json_object_get_int_member (first, "id"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (first, "lead_id"), ==, fixture->lead_id);
  g_assert_cmpstr (json_object_get_string_member (first, "kind"), ==, "call");
  g_assert_cmpstr (json_object_get_string_member (first, "bucket"), ==, "overdue");
  g_assert_cmpstr (json_object_get_string_member (first, "due_at"), ==, yesterday);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (fixture, &out, &err, "followup", "done", "1", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Follow-up 1 with Anna Petrova is done"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run (fixture, &out, &err, "followups", "--overdue", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_nonnull (strstr (err, "No follow-ups."));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Times without a zone are local; without seconds is fine. */
  g_assert_cmpint (run (fixture, &out, &err, "followup", "add", lead, "--at", "2031-05-06 09:30",
                        NULL), ==, 0);
  g_assert_nonnull (strstr (out, "scheduled for 2031-05-06 09:30"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A day alone is its local midnight, as every date the CLI reads. */
  g_assert_cmpint (run (fixture, &out, &err, "followup", "add", lead, "--at", "2031-05-07",
                        NULL), ==, 0);
  g_assert_nonnull (strstr (out, "scheduled for 2031-05-07 00:00"));
}

static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *lead = g_strdup_printf ("%" G_GINT64_FORMAT, fixture->lead_id);
  struct {
    const char *args[8];
    const char *message;
  } cases[] = {
    { { "followup", "add", lead, "--at", "next tuesday", NULL },
      "“next tuesday” is not a date and time; give one in ISO 8601" },
    { { "followup", "add", lead, NULL }, "is not a date and time" },
    { { "followup", "add", "77", "--at", "2031-05-06T09:30", NULL },
      "There is no lead with id 77" },
    { { "followup", "add", "anna", "--at", "2031-05-06T09:30", NULL },
      "“anna” is not a lead id" },
    { { "followup", "add", lead, "--at", "2031-05-06T09:30", "--kind", "fax", NULL },
      "unknown kind “fax”" },
    { { "followup", "done", "12", NULL }, "There is no follow-up with id 12" },
    { { "followup", "snooze", "1", NULL }, "usage: followup add" },
    { { "followups", "extra", NULL }, "takes no arguments" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new ();
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_ptr_array_add (args, (char *) "--db");
      g_ptr_array_add (args, fixture->path);
      for (guint j = 0; cases[i].args[j] != NULL; j++)
        g_ptr_array_add (args, (char *) cases[i].args[j]);
      g_ptr_array_add (args, NULL);

      g_assert_cmpint (lg_test_run_cli ((const char * const *) args->pdata, &out, &err), ==, 1);
      g_assert_cmpstr (out, ==, "");
      if (strstr (err, cases[i].message) == NULL)
        g_error ("case %u: “%s” lacks “%s”", i, err, cases[i].message);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/followups/add-list-done", Fixture, NULL, fixture_set_up, test_add_list_done,
              fixture_tear_down);
  g_test_add ("/cli/followups/errors", Fixture, NULL, fixture_set_up, test_errors,
              fixture_tear_down);

  return g_test_run ();
}
