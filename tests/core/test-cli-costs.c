/* test-cli-costs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `leadgram-cli cost list`, `cost edit` and `cost remove`, run as a script
 * would run them, on the Insights fixture (costs 1–4 as tests/core/test-costs.c
 * lists them; March's cost per lead is $61).
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "lg-test-util.h"

typedef struct
{
  char *path;
  char *out;
  char *err;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LgStore) store = NULL;
  gint64 ids[3];

  f->path = g_build_filename (dir, "costs.db", NULL);
  store = lg_store_open (f->path, &error);
  g_assert_no_error (error);
  lg_test_fill_metrics_fixture (store, ids);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_free (f->path);
  g_free (f->out);
  g_free (f->err);
}

/* Runs `leadgram-cli --db PATH cost ARGS…` (NULL-terminated); its output
 * stays in f->out and f->err until the next run. */
static int
cost (Fixture *f,
      ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (char *) "--db");
  g_ptr_array_add (args, f->path);
  g_ptr_array_add (args, (char *) "cost");
  va_start (ap, f);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_clear_pointer (&f->out, g_free);
  g_clear_pointer (&f->err, g_free);
  return lg_test_run_cli ((const char * const *) args->pdata, &f->out, &f->err);
}

/* March 2024's overall cost per lead as `metrics --json` gives it, in cents. */
static double
march_cpl (Fixture *f)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  JsonObject *total;

  g_assert_cmpint (lg_test_run_cli ((const char *[]) { "--db", f->path, "metrics", "--from",
                                                       "2024-03-01", "--to", "2024-03-31",
                                                       "--currency", "USD", "--json", NULL },
                                    &out, NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  total = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                         "total");
  return json_object_get_double_member (total, "cpl");
}

/* The ids in the order the text listing shows them, as "4 1 3 2". */
static char *
listed_ids (const char *out)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  GString *ids = g_string_new (NULL);

  /* The first line is the header. */
  for (guint i = 1; lines[i] != NULL && *lines[i] != '\0'; i++)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, ids->len > 0 ? " " : "",
                            g_ascii_strtoll (lines[i], NULL, 10));
  return g_string_free (ids, FALSE);
}

static JsonArray *
parse_list (Fixture    *f,
            JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, f->out, -1, &error));
  g_assert_no_error (error);
  return json_node_get_array (json_parser_get_root (parser));
}

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *ids = NULL;
  JsonArray *costs;
  JsonObject *first;

  g_assert_cmpint (cost (f, "list", NULL), ==, 0);
  g_assert_cmpstr (f->err, ==, "");
  ids = listed_ids (f->out);
  g_assert_cmpstr (ids, ==, "4 1 3 2");
  g_assert_true (g_regex_match_simple ("^ID +FROM +TO +SOURCE +AMOUNT +NOTE$", f->out,
                                       G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^3 +2024-02-15 2024-03-15 partner_group +\\$600 *$",
                                       f->out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^4 +2024-03-01 2024-03-31 partner_group +€100 *$",
                                       f->out, G_REGEX_MULTILINE, 0));

  g_assert_cmpint (cost (f, "list", "--source", "@ads_channel", NULL), ==, 0);
  g_clear_pointer (&ids, g_free);
  ids = listed_ids (f->out);
  g_assert_cmpstr (ids, ==, "1 2");

  /* A source without costs: nothing listed, a word on stderr, success. */
  g_assert_cmpint (cost (f, "list", "--source", "free_chat", NULL), ==, 0);
  g_assert_cmpstr (f->out, ==, "");
  g_assert_nonnull (strstr (f->err, "No costs"));

  g_assert_cmpint (cost (f, "list", "--source", "nowhere", NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "There is no source “nowhere”"));
  g_assert_cmpint (cost (f, "list", "extra", NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "usage: leadgram-cli cost list"));

  g_assert_cmpint (cost (f, "list", "--json", NULL), ==, 0);
  costs = parse_list (f, parser);
  g_assert_cmpuint (json_array_get_length (costs), ==, 4);
  first = json_array_get_object_element (costs, 0);
  g_assert_cmpint (json_object_get_int_member (first, "id"), ==, 4);
  g_assert_cmpstr (json_object_get_string_member (first, "source"), ==, "partner_group");
  g_assert_cmpstr (json_object_get_string_member (first, "from"), ==, "2024-03-01");
  g_assert_cmpstr (json_object_get_string_member (first, "to"), ==, "2024-03-31");
  g_assert_cmpint (json_object_get_int_member (first, "period_end"), ==,
                   lg_test_utc (2024, 4, 1, 0));
  g_assert_cmpint (json_object_get_int_member (first, "amount"), ==, 10000);
  g_assert_cmpstr (json_object_get_string_member (first, "currency"), ==, "EUR");
  g_assert_cmpstr (json_object_get_string_member (first, "note"), ==, "");

  g_assert_cmpint (cost (f, "list", "--source", "free_chat", "--json", NULL), ==, 0);
  g_clear_object (&parser);
  parser = json_parser_new ();
  g_assert_cmpuint (json_array_get_length (parse_list (f, parser)), ==, 0);
}

static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *edited;

  g_assert_cmpfloat (march_cpl (f), ==, 6100);

  /* ads_channel's March was $410: (41000 + 30000) / 10 leads. */
  g_assert_cmpint (cost (f, "edit", "1", "--amount", "410", "--note", "boosted posts", NULL),
                   ==, 0);
  g_assert_cmpstr (f->out, ==, "Cost 1 is now $410 for ads_channel, 1 Mar 2024 – 31 Mar 2024.\n");
  g_assert_cmpfloat (march_cpl (f), ==, 7100);

  /* Only some days of it, for another source, in euros: out of the dollar figures. */
  g_assert_cmpint (cost (f, "edit", "1", "--from", "2024-03-10", "--to", "2024-03-19",
                         "--source", "free_chat", "--currency", "eur", NULL), ==, 0);
  g_assert_cmpstr (f->out, ==, "Cost 1 is now €410 for free_chat, 10 Mar 2024 – 19 Mar 2024.\n");
  g_assert_cmpfloat (march_cpl (f), ==, 3000);

  g_assert_cmpint (cost (f, "list", "--source", "free_chat", "--json", NULL), ==, 0);
  edited = json_array_get_object_element (parse_list (f, parser), 0);
  g_assert_cmpint (json_object_get_int_member (edited, "id"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (edited, "note"), ==, "boosted posts");
  g_assert_cmpint (json_object_get_int_member (edited, "period_start"), ==,
                   lg_test_utc (2024, 3, 10, 0));
  g_assert_cmpint (json_object_get_int_member (edited, "period_end"), ==,
                   lg_test_utc (2024, 3, 20, 0));

  /* A month again, and the note cleared. */
  g_assert_cmpint (cost (f, "edit", "1", "--period", "2024-02", "--note", "", NULL), ==, 0);
  g_assert_cmpstr (f->out, ==, "Cost 1 is now €410 for free_chat, 1 Feb 2024 – 29 Feb 2024.\n");

  /* Mistakes: exit 1, a sentence on stderr, nothing written. */
  g_assert_cmpint (cost (f, "edit", "1", NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "Nothing to change"));
  g_assert_cmpint (cost (f, "edit", "one", "--amount", "5", NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "“one” is not a cost id"));
  g_assert_cmpint (cost (f, "edit", "99", "--amount", "5", NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "There is no cost with id 99"));
  g_assert_cmpint (cost (f, "edit", "1", "--amount", "ten", NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "is not an amount"));
  g_assert_cmpint (cost (f, "edit", "1", "--to", "2024-01-15", NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "ends before it starts"));
  g_assert_cmpint (cost (f, "edit", "1", "--currency", "dollars", NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "is not a currency code"));
  g_assert_cmpint (cost (f, "edit", "1", "--source", "nowhere", NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "There is no source “nowhere”"));
  g_assert_cmpint (cost (f, "edit", "1", "--period", "2024-03", "--from", "2024-03-02", NULL),
                   ==, 1);
  g_assert_nonnull (strstr (f->err, "use one or the other"));

  g_assert_cmpint (cost (f, "list", "--source", "free_chat", NULL), ==, 0);
  g_assert_true (g_regex_match_simple ("^1 +2024-02-01 2024-02-29 free_chat +€410 *$", f->out,
                                       G_REGEX_MULTILINE, 0));
}

static void
test_remove (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *ids = NULL;

  /* partner_group's row straddling February and March: 31000 / 10 leads. */
  g_assert_cmpint (cost (f, "remove", "3", NULL), ==, 0);
  g_assert_cmpstr (f->out, ==,
                   "Removed cost 3: $600 for partner_group, 15 Feb 2024 – 15 Mar 2024.\n");
  g_assert_cmpfloat (march_cpl (f), ==, 3100);

  g_assert_cmpint (cost (f, "list", NULL), ==, 0);
  ids = listed_ids (f->out);
  g_assert_cmpstr (ids, ==, "4 1 2");

  g_assert_cmpint (cost (f, "remove", "3", NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "There is no cost with id 3"));
  g_assert_cmpint (cost (f, "remove", "2x", NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "is not a cost id"));
  g_assert_cmpint (cost (f, "remove", NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "usage: leadgram-cli cost remove ID"));

  /* And the command itself without a known subcommand. */
  g_assert_cmpint (cost (f, "undo", "3", NULL), ==, 1);
  g_assert_nonnull (strstr (f->err, "cost add|list|edit|remove"));
}

int
main (int   argc,
      char *argv[])
{
  /* Dates in UTC as the fixture's; UTF-8 output whatever the machine's locale. */
  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/cost/list", Fixture, NULL, fixture_set_up, test_list, fixture_tear_down);
  g_test_add ("/cli/cost/edit", Fixture, NULL, fixture_set_up, test_edit, fixture_tear_down);
  g_test_add ("/cli/cost/remove", Fixture, NULL, fixture_set_up, test_remove, fixture_tear_down);

  return g_test_run ();
}
