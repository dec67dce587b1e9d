/* test-costs.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Listing, editing, removing and restoring costs, on the Insights fixture
 * (tests/common/lg-test-util.c). Its costs, in the order they are added:
 *   1: ads_channel   $310 for March 2024
 *   2: ads_channel   $290 for February 2024
 *   3: partner_group $600 for [15 Feb, 16 Mar) — half of it in March
 *   4: partner_group €100 for March 2024
 * so March's cost in dollars is 310 + 300 = $610, and its cost per lead over
 * 10 leads $61 (tests/core/test-metrics.c works it out).
 */

#include "config.h"

#include "lg-format.h"
#include "lg-metrics-format.h"
#include "lg-metrics-row.h"
#include "lg-test-pg.h"
#include "lg-test-util.h"

#define MARCH lg_test_utc (2024, 3, 1, 0), lg_test_utc (2024, 4, 1, 0)

typedef struct
{
  LgStore *store;
  gint64   sources[3]; /* ads_channel, partner_group, free_chat */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->store = lg_test_open_store ();
  lg_test_fill_metrics_fixture (f->store, f->sources);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
}

/* The ids of a list of costs, as "4 1 3 2". */
static char *
list_ids (Fixture *f,
          gint64   source_id,
          gint64   from,
          gint64   to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) costs = lg_store_list_costs (f->store, source_id, from, to, &error);
  GString *ids = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_true (g_list_model_get_item_type (costs) == LG_TYPE_COST);
  for (guint i = 0; i < g_list_model_get_n_items (costs); i++)
    {
      g_autoptr(LgCost) cost = g_list_model_get_item (costs, i);

      g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? " " : "", lg_cost_get_id (cost));
    }
  return g_string_free (ids, FALSE);
}

static LgCost *
get_cost (Fixture *f,
          gint64   id)
{
  g_autoptr(GError) error = NULL;
  LgCost *cost = lg_store_get_cost (f->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (cost);
  return cost;
}

/* Cost per lead in March over all sources and for one, in cents. */
static double
march_cpl (Fixture *f,
           gint64   source_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(LgMetricsReport) report = NULL;
  LgMetricsQuery query = { MARCH, "USD", utc };
  LgFigure cpl = { FALSE, 0 };

  report = lg_metrics_compute (f->store, &query, &error);
  g_assert_no_error (error);
  if (source_id == 0)
    cpl = report->total.cpl;
  for (guint i = 0; source_id != 0 && i < g_list_model_get_n_items (report->sources); i++)
    {
      g_autoptr(LgMetricsRow) row = g_list_model_get_item (report->sources, i);

      if (lg_metrics_row_get_source_id (row) == source_id)
        cpl = lg_metrics_row_get_figures (row)->cpl;
    }
  g_assert_true (cpl.known);
  return cpl.value;
}

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) costs = NULL;
  g_autoptr(LgCost) first = NULL;
  g_autofree char *title = NULL;
  gint64 amount;
  char *ids;

  /* The latest period first; the same start, the newest row first. */
  ids = list_ids (f, 0, 0, 0);
  g_assert_cmpstr (ids, ==, "4 1 3 2");
  g_free (ids);

  ids = list_ids (f, f->sources[0], 0, 0);
  g_assert_cmpstr (ids, ==, "1 2");
  g_free (ids);
  ids = list_ids (f, f->sources[2], 0, 0);
  g_assert_cmpstr (ids, ==, "");
  g_free (ids);

  /* Overlapping a period: row 3 ends as 16 March starts. */
  ids = list_ids (f, 0, lg_test_utc (2024, 3, 16, 0), lg_test_utc (2024, 3, 17, 0));
  g_assert_cmpstr (ids, ==, "4 1");
  g_free (ids);
  ids = list_ids (f, 0, lg_test_utc (2024, 3, 15, 0), lg_test_utc (2024, 3, 16, 0));
  g_assert_cmpstr (ids, ==, "4 1 3");
  g_free (ids);
  ids = list_ids (f, f->sources[1], lg_test_utc (2024, 2, 1, 0), lg_test_utc (2024, 2, 2, 0));
  g_assert_cmpstr (ids, ==, "");
  g_free (ids);

  /* Every field, through the properties as a list row binds them. */
  costs = lg_store_list_costs (f->store, 0, 0, 0, &error);
  g_assert_no_error (error);
  first = g_list_model_get_item (costs, 0);
  g_object_get (first, "source-title", &title, "amount", &amount, NULL);
  g_assert_cmpstr (title, ==, "partner_group");
  g_assert_cmpint (amount, ==, 10000);
  g_assert_cmpint (lg_cost_get_source_id (first), ==, f->sources[1]);
  g_assert_cmpint (lg_cost_get_period_start (first), ==, lg_test_utc (2024, 3, 1, 0));
  g_assert_cmpint (lg_cost_get_period_end (first), ==, lg_test_utc (2024, 4, 1, 0));
  g_assert_cmpstr (lg_cost_get_currency (first), ==, "EUR");
  g_assert_cmpstr (lg_cost_get_note (first), ==, "");

  g_assert_null (lg_store_get_cost (f->store, 99, &error));
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_NOT_FOUND);
}

static void
test_update (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgCost) cost = get_cost (f, 1);
  g_autoptr(LgCost) stored = NULL;
  g_autoptr(LgCost) unchanged = NULL;

  /* Typed $310 for ads_channel; it was $410 for free_chat, as a note says. */
  lg_cost_set_amount (cost, 41000);
  lg_cost_set_source_id (cost, f->sources[2]);
  lg_cost_set_note (cost, "boosted posts");
  lg_cost_set_period_start (cost, lg_test_utc (2024, 3, 2, 0));
  g_assert_true (lg_store_update_cost (f->store, cost, &error));
  g_assert_no_error (error);

  stored = get_cost (f, 1);
  g_assert_cmpint (lg_cost_get_amount (stored), ==, 41000);
  g_assert_cmpint (lg_cost_get_source_id (stored), ==, f->sources[2]);
  g_assert_cmpstr (lg_cost_get_source_title (stored), ==, "free_chat");
  g_assert_cmpstr (lg_cost_get_note (stored), ==, "boosted posts");
  g_assert_cmpint (lg_cost_get_period_start (stored), ==, lg_test_utc (2024, 3, 2, 0));
  g_assert_cmpint (lg_cost_get_period_end (stored), ==, lg_test_utc (2024, 4, 1, 0));
  g_assert_cmpstr (lg_cost_get_currency (stored), ==, "USD");

  /* Wrong values are refused and leave the row as it was. */
  lg_cost_set_amount (cost, -5);
  g_assert_false (lg_store_update_cost (f->store, cost, &error));
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  lg_cost_set_amount (cost, 5);
  lg_cost_set_period_end (cost, lg_test_utc (2024, 3, 1, 0));
  g_assert_false (lg_store_update_cost (f->store, cost, &error));
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  lg_cost_set_period_end (cost, lg_test_utc (2024, 4, 1, 0));
  lg_cost_set_currency (cost, "usd");
  g_assert_false (lg_store_update_cost (f->store, cost, &error));
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  lg_cost_set_currency (cost, "USD");
  lg_cost_set_source_id (cost, 77);
  g_assert_false (lg_store_update_cost (f->store, cost, &error));
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no source with id 77"));
  g_clear_error (&error);

  unchanged = get_cost (f, 1);
  g_assert_cmpint (lg_cost_get_amount (unchanged), ==, 41000);
  g_assert_cmpint (lg_cost_get_source_id (unchanged), ==, f->sources[2]);

  /* A cost that is not there. */
  lg_cost_set_source_id (cost, f->sources[0]);
  lg_cost_set_id (cost, 99);
  g_assert_false (lg_store_update_cost (f->store, cost, &error));
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no cost with id 99"));
}

static void
test_delete_restore (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgCost) removed = NULL;
  g_autoptr(LgCost) back = NULL;
  g_autoptr(LgCost) again = NULL;
  gint64 new_id;
  char *ids;

  removed = lg_store_delete_cost (f->store, 3, &error);
  g_assert_no_error (error);
  g_assert_nonnull (removed);
  /* It says what it removed. */
  g_assert_cmpint (lg_cost_get_id (removed), ==, 3);
  g_assert_cmpint (lg_cost_get_amount (removed), ==, 60000);
  g_assert_cmpstr (lg_cost_get_source_title (removed), ==, "partner_group");
  ids = list_ids (f, 0, 0, 0);
  g_assert_cmpstr (ids, ==, "4 1 2");
  g_free (ids);

  g_assert_null (lg_store_delete_cost (f->store, 3, &error));
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Undo: back under its id, with every field. */
  g_assert_true (lg_store_restore_cost (f->store, removed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lg_cost_get_id (removed), ==, 3);
  back = get_cost (f, 3);
  g_assert_cmpint (lg_cost_get_source_id (back), ==, f->sources[1]);
  g_assert_cmpint (lg_cost_get_period_start (back), ==, lg_test_utc (2024, 2, 15, 0));
  g_assert_cmpint (lg_cost_get_period_end (back), ==, lg_test_utc (2024, 3, 16, 0));
  g_assert_cmpint (lg_cost_get_amount (back), ==, 60000);
  g_assert_cmpstr (lg_cost_get_currency (back), ==, "USD");
  ids = list_ids (f, 0, 0, 0);
  g_assert_cmpstr (ids, ==, "4 1 3 2");
  g_free (ids);

  /* The newest row removed, a cost added in its place takes its id on
   * SQLite (a team workspace's ids never come back): the restored one gets
   * a new id and both stay. */
  g_clear_object (&removed);
  removed = lg_store_delete_cost (f->store, 4, &error);
  g_assert_no_error (error);
  new_id = lg_store_add_cost (f->store, f->sources[2], MARCH, 500, "USD", "new", &error);
  g_assert_no_error (error);
  if (!lg_test_pg_wanted ())
    g_assert_cmpint (new_id, ==, 4);
  g_assert_true (lg_store_restore_cost (f->store, removed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lg_cost_get_id (removed), ==, new_id == 4 ? 5 : 4);
  again = get_cost (f, lg_cost_get_id (removed));
  g_assert_cmpstr (lg_cost_get_currency (again), ==, "EUR");
  g_clear_object (&again);
  again = get_cost (f, new_id);
  g_assert_cmpstr (lg_cost_get_note (again), ==, "new");

  /* No undo once the source is gone: its costs went with it. */
  g_clear_object (&removed);
  removed = lg_store_delete_cost (f->store, 2, &error);
  g_assert_no_error (error);
  g_assert_true (lg_store_remove_source (f->store, f->sources[0], &error));
  g_assert_no_error (error);
  g_assert_false (lg_store_restore_cost (f->store, removed, &error));
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_NOT_FOUND);
  ids = list_ids (f, f->sources[0], 0, 0);
  g_assert_cmpstr (ids, ==, "");
  g_free (ids);
}

static void
test_metrics_follow (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgCost) cost = get_cost (f, 1);
  g_autoptr(LgCost) removed = NULL;

  g_assert_cmpfloat (march_cpl (f, 0), ==, 6100);
  g_assert_cmpfloat (march_cpl (f, f->sources[0]), ==, 31000.0 / 4);

  /* ads_channel's March was $410, not $310: (41000 + 30000) / 10. */
  lg_cost_set_amount (cost, 41000);
  g_assert_true (lg_store_update_cost (f->store, cost, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (march_cpl (f, 0), ==, 7100);
  g_assert_cmpfloat (march_cpl (f, f->sources[0]), ==, 41000.0 / 4);

  /* partner_group's straddling row removed: 41000 / 10. */
  removed = lg_store_delete_cost (f->store, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (march_cpl (f, 0), ==, 4100);

  /* And undone. */
  g_assert_true (lg_store_restore_cost (f->store, removed, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (march_cpl (f, 0), ==, 7100);
  g_assert_cmpfloat (march_cpl (f, f->sources[1]), ==, 30000.0 / 2);
}

/* The cost dialog shows a stored amount as lg_format_amount() writes it and
 * reads it back with lg_parse_amount(): the two must agree. */
static void
test_amount_text (void)
{
  const struct { gint64 minor; const char *text; } cases[] = {
    { 31000, "310" }, { 9990, "99.90" }, { 5, "0.05" }, { 0, "0" }, { 123456789, "1234567.89" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = lg_format_amount (cases[i].minor);
      gint64 back = -1;

      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_true (lg_parse_amount (text, &back, NULL));
      g_assert_cmpint (back, ==, cases[i].minor);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/costs/amount-text", test_amount_text);
  g_test_add ("/store/costs/list", Fixture, NULL, fixture_set_up, test_list, fixture_tear_down);
  g_test_add ("/store/costs/update", Fixture, NULL, fixture_set_up, test_update,
              fixture_tear_down);
  g_test_add ("/store/costs/delete-restore", Fixture, NULL, fixture_set_up, test_delete_restore,
              fixture_tear_down);
  g_test_add ("/store/costs/metrics", Fixture, NULL, fixture_set_up, test_metrics_follow,
              fixture_tear_down);

  return g_test_run ();
}
