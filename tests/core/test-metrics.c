/* test-metrics.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every figure of the fixture (tests/common/lg-test-util.c,
 * lg_test_fill_metrics_fixture) worked out by hand. Times are UTC.
 *
 * March 2024 = [1 Mar, 1 Apr), 31 days; its previous period = [30 Jan, 1 Mar).
 *   A (ads_channel):   a1 won $500 found; a2 lost (furthest Hot) found; a3 Warm, no touch;
 *                      a4 won $300 by hand.        Cost: $310 for March.
 *   B (partner_group): b1 won €200 found; b2 Cold.  Cost: $600 for [15 Feb, 16 Mar) → half
 *                      in March; €100 for March (other currency, left out).
 *   C (free_chat):     c1 Hot found; c2 won $100 found; c3 Hot, furthest Won.  No cost.
 *   no source:         n1 Cold.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "lg-format.h"
#include "lg-metrics-export.h"
#include "lg-metrics-format.h"
#include "lg-metrics-row.h"
#include "lg-test-util.h"

#define DAY 86400
#define HOUR 3600

static GTimeZone *utc;

static LgMetricsReport *
compute (LgStore *store,
         gint64   from,
         gint64   to)
{
  g_autoptr(GError) error = NULL;
  LgMetricsQuery query = { from, to, NULL, utc };
  LgMetricsReport *report = lg_metrics_compute (store, &query, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

#define assert_figure(fig, expected) \
  G_STMT_START { \
    LgFigure f_ = (fig); \
    g_assert_true (f_.known); \
    g_assert_cmpfloat_with_epsilon (f_.value, (expected), 0.001); \
  } G_STMT_END

#define assert_no_value(fig) g_assert_false ((fig).known)

static LgMetricsRow *
find_row (LgMetricsReport *report,
          gint64           source_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (report->sources); i++)
    {
      g_autoptr(LgMetricsRow) row = g_list_model_get_item (report->sources, i);

      if (lg_metrics_row_get_source_id (row) == source_id)
        return row;
    }
  g_assert_not_reached ();
}

static void
test_march_overall (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgMetricsReport) r = NULL;
  gint64 ids[3];
  const LgMetricsFigures *t;

  lg_test_fill_metrics_fixture (store, ids);
  r = compute (store, lg_test_utc (2024, 3, 1, 0), lg_test_utc (2024, 4, 1, 0));
  t = &r->total;

  g_assert_cmpstr (r->currency, ==, "USD");      /* 3 USD cost rows + 6 USD wins vs 1 + 1 EUR */
  g_assert_cmpstr (r->other_currencies, ==, "EUR"); /* b1's value and B's € cost */
  g_assert_cmpint (r->previous_from, ==, lg_test_utc (2024, 1, 30, 0)); /* 31 days before */

  g_assert_cmpint (t->leads, ==, 10);        /* 4 A + 2 B + 3 C + 1 n1; p*, q1 outside */
  g_assert_cmpint (t->warm, ==, 8);          /* A 4 + B 1 (b1) + C 3 + n1 0 */
  g_assert_cmpint (t->hot, ==, 7);           /* A 3 (a1 a2 a4) + B 1 + C 3 */
  g_assert_cmpint (t->reached_won, ==, 5);   /* a1 a4 b1 c2 c3 */
  g_assert_cmpint (t->won, ==, 4);           /* a1 a4 b1 c2 (c3 reopened) */
  g_assert_cmpint (t->lost, ==, 1);          /* a2 */
  g_assert_cmpint (t->won_counted, ==, 3);   /* a1 a4 c2 in USD; b1 is in EUR */
  g_assert_cmpint (t->won_value, ==, 90000); /* 50000 + 30000 + 10000 */
  g_assert_cmpint (t->touched, ==, 6);       /* a1 a2 a4 b1 c1 c2 */
  assert_figure (t->cost, 61000);            /* A 31000 + B 60000 × 15/30 days */
  assert_figure (t->cpl, 6100);              /* 61000 / 10 leads */
  assert_figure (t->conversion, 50.0);       /* 5 reached Won / 10 × 100 */
  assert_figure (t->lead_to_close, 40.0);    /* 4 Won now / 10 × 100 */
  assert_figure (t->win_rate, 80.0);         /* 4 / (4 + 1) × 100 */
  assert_figure (t->roi, 47.5410);           /* (90000 − 61000) / 61000 × 100 */
  assert_figure (t->avg_deal, 30000);        /* 90000 / 3 */
  /* From the message: a1 4h, a2 24h, a4 2h (by hand: created), b1 24h, c1 48.5h, c2 3h;
   * sorted 2h 3h 4h 24h 24h 48.5h → (4h + 24h) / 2 = 14h. */
  assert_figure (t->speed[LG_SPEED_FROM_MESSAGE], 14 * HOUR);
  /* From found: a1 3h, a2 12h, a4 2h, b1 19h, c1 0.5h, c2 −3h → 0;
   * sorted 0 0.5h 2h 3h 12h 19h → (2h + 3h) / 2 = 2.5h. */
  assert_figure (t->speed[LG_SPEED_FROM_FOUND], 2.5 * HOUR);

  /* Previous [30 Jan, 1 Mar): p1 won $400 by hand (touched after 1h), p2 lost.
   * Costs: A February $290 whole, B $600 × 15/30 = $300. */
  g_assert_cmpint (r->previous.leads, ==, 2);
  assert_figure (r->previous.cost, 59000);         /* 29000 + 30000 */
  assert_figure (r->previous.cpl, 29500);          /* 59000 / 2 */
  assert_figure (r->previous.conversion, 50.0);    /* 1 / 2 */
  assert_figure (r->previous.roi, -32.2034);       /* (40000 − 59000) / 59000 × 100 */
  assert_figure (r->previous.avg_deal, 40000);
  assert_figure (r->previous.speed[LG_SPEED_FROM_MESSAGE], HOUR);

  /* Changes, as the cards show them. */
  assert_figure (lg_figure_change (lg_figure_of (t->leads), lg_figure_of (r->previous.leads),
                                   FALSE), 400.0);                            /* (10 − 2) / 2 */
  assert_figure (lg_figure_change (t->cpl, r->previous.cpl, FALSE), -79.3220); /* −23400/29500 */
  assert_figure (lg_figure_change (t->conversion, r->previous.conversion, TRUE), 0.0);
  assert_figure (lg_figure_change (t->roi, r->previous.roi, TRUE), 79.7444); /* 47.541 + 32.203 */
  assert_figure (lg_figure_change (t->avg_deal, r->previous.avg_deal, FALSE), -25.0);
  assert_figure (lg_figure_change (t->speed[0], r->previous.speed[0], FALSE), 1300.0); /* 14h/1h */
}

static void
test_march_per_source (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgMetricsReport) r = NULL;
  const LgMetricsFigures *f;
  gint64 ids[3];

  lg_test_fill_metrics_fixture (store, ids);
  r = compute (store, lg_test_utc (2024, 3, 1, 0), lg_test_utc (2024, 4, 1, 0));

  /* Most leads first: A 4, C 3, B 2, no source 1. */
  g_assert_cmpuint (g_list_model_get_n_items (r->sources), ==, 4);

  f = lg_metrics_row_get_figures (find_row (r, ids[0]));
  g_assert_cmpint (f->leads, ==, 4);
  g_assert_cmpint (f->won_value, ==, 80000);     /* a1 50000 + a4 30000 */
  assert_figure (f->cost, 31000);
  assert_figure (f->cpl, 7750);                  /* 31000 / 4 */
  assert_figure (f->conversion, 50.0);           /* 2 / 4 */
  assert_figure (f->win_rate, 66.6667);          /* 2 / (2 + 1) */
  assert_figure (f->roi, 158.0645);              /* (80000 − 31000) / 31000 × 100 */
  assert_figure (f->avg_deal, 40000);            /* 80000 / 2 */
  assert_figure (f->speed[LG_SPEED_FROM_MESSAGE], 4 * HOUR);  /* 2h 4h 24h */
  assert_figure (f->speed[LG_SPEED_FROM_FOUND], 3 * HOUR);    /* 2h 3h 12h */

  f = lg_metrics_row_get_figures (find_row (r, ids[1]));
  g_assert_cmpint (f->leads, ==, 2);
  g_assert_cmpint (f->won, ==, 1);
  g_assert_cmpint (f->won_value, ==, 0);         /* b1 is in EUR */
  assert_figure (f->cost, 30000);                /* 60000 × 15/30 days; € row left out */
  assert_figure (f->cpl, 15000);                 /* 30000 / 2 */
  assert_figure (f->conversion, 50.0);           /* 1 / 2 */
  assert_figure (f->roi, -100.0);                /* (0 − 30000) / 30000 */
  assert_no_value (f->avg_deal);                 /* no win in USD */
  assert_figure (f->speed[LG_SPEED_FROM_MESSAGE], 24 * HOUR); /* b1 only; b2 untouched */
  assert_figure (f->speed[LG_SPEED_FROM_FOUND], 19 * HOUR);

  f = lg_metrics_row_get_figures (find_row (r, ids[2]));
  g_assert_cmpint (f->leads, ==, 3);
  g_assert_false (f->has_cost);
  assert_no_value (f->cost);                     /* a source with no cost: */
  assert_no_value (f->cpl);                      /* no CPL, */
  assert_no_value (f->roi);                      /* no ROI, not 0 */
  assert_figure (f->conversion, 66.6667);        /* c2 c3 reached Won: 2 / 3 */
  assert_figure (f->lead_to_close, 33.3333);     /* c2 Won now: 1 / 3 */
  assert_figure (f->win_rate, 100.0);            /* 1 / (1 + 0) */
  assert_figure (f->avg_deal, 10000);
  assert_figure (f->speed[LG_SPEED_FROM_MESSAGE], 92700);  /* (3h + 48.5h) / 2 = 25.75h */
  assert_figure (f->speed[LG_SPEED_FROM_FOUND], 900);      /* (0 + 0.5h) / 2 */

  f = lg_metrics_row_get_figures (find_row (r, 0));
  g_assert_cmpint (f->leads, ==, 1);
  assert_figure (f->conversion, 0.0);            /* 0 / 1: a real 0 */
  assert_no_value (f->win_rate);                 /* 0 / (0 + 0) */
  assert_no_value (f->speed[LG_SPEED_FROM_MESSAGE]); /* no first touch */
}

static void
test_cut_period (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgMetricsReport) r = NULL;
  gint64 ids[3];

  lg_test_fill_metrics_fixture (store, ids);
  /* [10 Mar, 20 Mar): a3 (10 Mar 00:00, the first second counts) and b1; a4 on
   * 20 Mar 00:00 is the first second after. */
  r = compute (store, lg_test_utc (2024, 3, 10, 0), lg_test_utc (2024, 3, 20, 0));

  g_assert_cmpint (r->total.leads, ==, 2);
  assert_figure (r->total.cost, 22000);     /* A 31000 × 10/31 + B 60000 × 6/30 (10–16 Mar) */
  assert_figure (r->total.cpl, 11000);      /* 22000 / 2 */
  assert_figure (r->total.conversion, 50.0); /* b1 / 2 */
  assert_figure (r->total.roi, -100.0);     /* no USD win: (0 − 22000) / 22000 */
  assert_no_value (r->total.avg_deal);      /* the one win is in EUR */
  assert_figure (r->total.speed[LG_SPEED_FROM_MESSAGE], 24 * HOUR); /* b1; a3 untouched */
  assert_figure (lg_metrics_row_get_figures (find_row (r, ids[0]))->cpl, 10000); /* 10000 / 1 */
  assert_figure (lg_metrics_row_get_figures (find_row (r, ids[1]))->cpl, 12000); /* 12000 / 1 */
  /* Previous [29 Feb, 10 Mar): a1 a2 c1 n1. */
  g_assert_cmpint (r->previous.leads, ==, 4);
}

static void
test_empty_periods (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgMetricsReport) none = NULL;
  g_autoptr(LgMetricsReport) cost_only = NULL;
  gint64 ids[3];

  lg_test_fill_metrics_fixture (store, ids);

  /* June 2023: nothing at all → every rate has no value, not 0. */
  none = compute (store, lg_test_utc (2023, 6, 1, 0), lg_test_utc (2023, 7, 1, 0));
  g_assert_true (lg_metrics_report_is_empty (none));
  g_assert_cmpint (none->total.leads, ==, 0);
  assert_no_value (none->total.conversion);
  assert_no_value (none->total.lead_to_close);
  assert_no_value (none->total.win_rate);
  assert_no_value (none->total.cpl);
  assert_no_value (none->total.roi);
  assert_no_value (none->total.avg_deal);
  assert_no_value (none->total.speed[LG_SPEED_FROM_MESSAGE]);
  g_assert_cmpuint (g_list_model_get_n_items (none->sources), ==, 0);
  g_assert_cmpuint (none->bins->len, ==, 30);
  {
    g_autofree char *text = lg_format_figure (none->total.cpl, LG_UNIT_MONEY, "USD");

    g_assert_cmpstr (text, ==, "—");
  }

  /* [15 Feb, 19 Feb): no lead, but costs: A 29000 × 4/29 + B 60000 × 4/30. */
  cost_only = compute (store, lg_test_utc (2024, 2, 15, 0), lg_test_utc (2024, 2, 19, 0));
  g_assert_false (lg_metrics_report_is_empty (cost_only));
  assert_figure (cost_only->total.cost, 12000);   /* 4000 + 8000 */
  assert_no_value (cost_only->total.cpl);         /* 12000 / 0 leads */
  assert_figure (cost_only->total.roi, -100.0);   /* (0 − 12000) / 12000 */
}

static void
test_chart_data (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgMetricsReport) r = NULL;
  g_autoptr(LgMetricsRow) first = NULL;
  static const gint64 hist[LG_SPEED_N_BUCKETS] = { 0, 0, 2, 1, 0, 2, 1, 0, 0 };
  LgMetricsBin *bin;
  gint64 ids[3], sum = 0;

  lg_test_fill_metrics_fixture (store, ids);
  r = compute (store, lg_test_utc (2024, 3, 1, 0), lg_test_utc (2024, 4, 1, 0));

  /* 31 days → one bar a day. */
  g_assert_cmpint (r->bin_size, ==, LG_BIN_DAY);
  g_assert_cmpuint (r->bins->len, ==, 31);
  for (guint i = 0; i < r->bins->len; i++)
    sum += g_array_index (r->bins, LgMetricsBin, i).leads;
  g_assert_cmpint (sum, ==, 10);

  /* Sources stack in the table's order: A (index 0), C, B, no source. */
  first = g_list_model_get_item (r->sources, 0);
  g_assert_cmpint (lg_metrics_row_get_source_id (first), ==, ids[0]);
  bin = &g_array_index (r->bins, LgMetricsBin, 1);     /* 2 Mar: a1 */
  g_assert_cmpint (bin->start, ==, lg_test_utc (2024, 3, 2, 0));
  g_assert_cmpint (bin->leads, ==, 1);
  g_assert_cmpint (bin->by_source[0], ==, 1);
  assert_figure (bin->conversion, 100.0);
  bin = &g_array_index (r->bins, LgMetricsBin, 14);    /* 15 Mar: b1, third in the stack */
  g_assert_cmpint (bin->by_source[2], ==, 1);
  g_assert_cmpint (bin->by_source[0], ==, 0);
  bin = &g_array_index (r->bins, LgMetricsBin, 30);    /* 31 Mar: b2, cold */
  g_assert_cmpint (bin->leads, ==, 1);
  assert_figure (bin->conversion, 0.0);
  bin = &g_array_index (r->bins, LgMetricsBin, 3);     /* 4 Mar: nothing */
  assert_no_value (bin->conversion);

  /* Funnel from the furthest stage: 10 → 8 Warm+ → 7 Hot+ → 5 Won. */
  g_assert_cmpint (r->funnel[0], ==, 10);
  g_assert_cmpint (r->funnel[1], ==, 8);
  g_assert_cmpint (r->funnel[2], ==, 7);
  g_assert_cmpint (r->funnel[3], ==, 5);

  /* From the message: 2h 3h → 1–4h; 4h → 4–12h; 24h 24h → 1–2 days; 48.5h → 2–4 days. */
  for (guint i = 0; i < LG_SPEED_N_BUCKETS; i++)
    g_assert_cmpint (r->speed_hist[LG_SPEED_FROM_MESSAGE][i], ==, hist[i]);
}

static void
test_bins (void)
{
  g_autoptr(GArray) weeks = NULL;
  g_autoptr(GArray) months = NULL;
  LgBinSize size;

  /* Last 90 days ending Sun 31 Mar 2024: starts Tue 2 Jan, then every Monday. */
  weeks = lg_metrics_make_bins (lg_test_utc (2024, 1, 2, 0), lg_test_utc (2024, 4, 1, 0), utc,
                                &size);
  g_assert_cmpint (size, ==, LG_BIN_WEEK);
  g_assert_cmpint (g_array_index (weeks, gint64, 0), ==, lg_test_utc (2024, 1, 2, 0));
  g_assert_cmpint (g_array_index (weeks, gint64, 1), ==, lg_test_utc (2024, 1, 8, 0));
  g_assert_cmpint (g_array_index (weeks, gint64, 2), ==, lg_test_utc (2024, 1, 15, 0));
  g_assert_cmpint (g_array_index (weeks, gint64, weeks->len - 2), ==, lg_test_utc (2024, 3, 25, 0));
  g_assert_cmpint (g_array_index (weeks, gint64, weeks->len - 1), ==, lg_test_utc (2024, 4, 1, 0));
  g_assert_cmpuint (weeks->len, ==, 14); /* 2 Jan + 12 Mondays (8 Jan … 25 Mar) + 1 Apr */

  /* Two years: months. */
  months = lg_metrics_make_bins (lg_test_utc (2023, 1, 15, 0), lg_test_utc (2025, 1, 1, 0), utc,
                                 &size);
  g_assert_cmpint (size, ==, LG_BIN_MONTH);
  g_assert_cmpint (g_array_index (months, gint64, 1), ==, lg_test_utc (2023, 2, 1, 0));
  g_assert_cmpuint (months->len, ==, 25); /* 15 Jan + 23 month starts + end */
}

static void
test_currency_choice (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LgMetricsReport) r = NULL;
  LgMetricsQuery query = { lg_test_utc (2024, 3, 1, 0), lg_test_utc (2024, 4, 1, 0), "eur", utc };
  gint64 ids[3];

  lg_test_fill_metrics_fixture (store, ids);
  r = lg_metrics_compute (store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (r->currency, ==, "EUR");
  g_assert_cmpstr (r->other_currencies, ==, "USD");
  assert_figure (r->total.cost, 10000);     /* the € row only */
  g_assert_cmpint (r->total.won_value, ==, 20000); /* b1 */
  assert_figure (r->total.avg_deal, 20000);

  query.to = query.from;
  g_assert_null (lg_metrics_compute (store, &query, &error));
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_INVALID);
}

static void
test_costs_validation (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgSource) source = lg_test_add_source (store, "paid");
  gint64 id = lg_source_get_id (source);
  GError *error = NULL;

  g_assert_cmpint (lg_store_add_cost (store, id, 100, 50, 10, "USD", NULL, &error), ==, 0);
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (lg_store_add_cost (store, id, 0, 50, -1, "USD", NULL, &error), ==, 0);
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (lg_store_add_cost (store, id, 0, 50, 1, "dollars", NULL, &error), ==, 0);
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (lg_store_add_cost (store, id + 100, 0, 50, 1, "USD", NULL, &error), ==, 0);
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (lg_store_add_cost (store, id, 0, 50, 0, "USD", "free month", &error), >, 0);
  g_assert_no_error (error);
}

static void
test_format_and_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new (utc, 2024, 3, 13, 15, 30, 0); /* a Wednesday */
  gint64 from, to, minor;
  struct { LgFigure f; LgUnit unit; const char *text; } cases[] = {
    { { TRUE, 6100 }, LG_UNIT_MONEY, "$61" },
    { { TRUE, -1250 }, LG_UNIT_MONEY, "−$12.50" },
    { { TRUE, 47.541 }, LG_UNIT_PERCENT, "47.5%" },
    { { TRUE, -100 }, LG_UNIT_PERCENT, "−100.0%" },
    { { TRUE, 50400 }, LG_UNIT_DURATION, "14.0 h" },
    { { TRUE, 30 }, LG_UNIT_DURATION, "< 1 min" },
    { { TRUE, 900 }, LG_UNIT_DURATION, "15 min" },
    { { TRUE, 3 * DAY }, LG_UNIT_DURATION, "3.0 days" },
    { { FALSE, 0 }, LG_UNIT_PERCENT, "—" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = lg_format_figure (cases[i].f, cases[i].unit, "USD");

      g_assert_cmpstr (text, ==, cases[i].text);
    }
  {
    g_autofree char *up = lg_format_change (lg_figure_of (400), FALSE);
    g_autofree char *down = lg_format_change (lg_figure_of (-3.25), TRUE);
    g_autofree char *none = lg_format_change (lg_figure_none (), FALSE);

    g_assert_cmpstr (up, ==, "+400%");
    g_assert_cmpstr (down, ==, "−3.2 pp");
    g_assert_cmpstr (none, ==, "—");
  }

  lg_period_from_preset (LG_PERIOD_THIS_WEEK, now, &from, &to);
  g_assert_cmpint (from, ==, lg_test_utc (2024, 3, 11, 0));
  g_assert_cmpint (to, ==, lg_test_utc (2024, 3, 18, 0));
  lg_period_from_preset (LG_PERIOD_THIS_MONTH, now, &from, &to);
  g_assert_cmpint (from, ==, lg_test_utc (2024, 3, 1, 0));
  g_assert_cmpint (to, ==, lg_test_utc (2024, 4, 1, 0));
  lg_period_from_preset (LG_PERIOD_LAST_90_DAYS, now, &from, &to);
  g_assert_cmpint (to, ==, lg_test_utc (2024, 3, 14, 0));
  g_assert_cmpint (to - from, ==, 90 * DAY);
  lg_period_from_preset (LG_PERIOD_THIS_YEAR, now, &from, &to);
  g_assert_cmpint (from, ==, lg_test_utc (2024, 1, 1, 0));
  g_assert_cmpint (to, ==, lg_test_utc (2025, 1, 1, 0));

  g_assert_true (lg_parse_date ("2024-02-29", utc, &from, &error));
  g_assert_cmpint (from, ==, lg_test_utc (2024, 2, 29, 0));
  g_assert_false (lg_parse_date ("2023-02-29", utc, &from, &error));
  g_assert_error (error, LG_FORMAT_ERROR, LG_FORMAT_ERROR_INVALID_DATE);
  g_clear_error (&error);
  g_assert_false (lg_parse_date ("2024-03-01x", utc, &from, &error));
  g_clear_error (&error);
  g_assert_true (lg_parse_month ("2024-12", utc, &from, &to, &error));
  g_assert_cmpint (to, ==, lg_test_utc (2025, 1, 1, 0));

  g_assert_true (lg_parse_amount ("99.9", &minor, &error));
  g_assert_cmpint (minor, ==, 9990);
  g_assert_true (lg_parse_amount (" 250 ", &minor, &error));
  g_assert_cmpint (minor, ==, 25000);
  g_assert_false (lg_parse_amount ("12.345", &minor, &error));
  g_assert_error (error, LG_FORMAT_ERROR, LG_FORMAT_ERROR_INVALID_AMOUNT);
  g_clear_error (&error);
  g_assert_false (lg_parse_amount ("-5", &minor, &error));
  g_clear_error (&error);

  {
    g_autofree char *period = lg_format_period (lg_test_utc (2024, 3, 1, 0),
                                                lg_test_utc (2024, 4, 1, 0),
                                                lg_test_utc (2026, 12, 7, 12), utc);

    g_assert_cmpstr (period, ==, "1 Mar 2024 – 31 Mar 2024");
  }
}

static void
test_export (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgMetricsReport) r = NULL;
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(LgCsvWriter) writer = lg_csv_writer_new (memory, FALSE);
  const char *fields[] = { "plain", "a, \"quoted\"\nline", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 ids[3];

  /* The metrics export writes through LgCsvWriter: RFC 4180 quoting, NULL empty. */
  g_assert_true (lg_csv_writer_write_row (writer, fields, G_N_ELEMENTS (fields), &error));
  g_assert_true (lg_csv_writer_close (writer, NULL, &error));
  g_assert_no_error (error);
  csv = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)),
                   g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)));
  g_assert_cmpstr (csv, ==, "plain,\"a, \"\"quoted\"\"\nline\",\r\n");

  lg_test_fill_metrics_fixture (store, ids);
  r = compute (store, lg_test_utc (2024, 3, 1, 0), lg_test_utc (2024, 4, 1, 0));
  text = lg_metrics_report_to_csv (r, TRUE, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 7); /* header, total, 4 sources, "" */
  g_assert_true (g_str_has_prefix (lines[0], "period_start,period_end,source_id,source,currency,"
                                             "leads,reached_won,won,lost,conversion,"));
  /* Total: 10 leads, 5 reached, 4 won, 1 lost, 50%, 40%, 80%, $610, $61, $900, 47.54%,
   * $300, 14h, 2.5h. */
  g_assert_nonnull (strstr (lines[1], ",,All sources,USD,10,5,4,1,50.00,40.00,80.00,610.00,61.00,"
                                      "900.00,47.54,300.00,50400,9000"));
  /* C has no cost: empty cost, CPL and ROI fields. */
  g_assert_nonnull (strstr (text, ",free_chat,USD,3,2,1,0,66.67,33.33,100.00,,,100.00,,100.00,"));

  json = lg_metrics_report_to_json (r, TRUE);
  g_assert_nonnull (strstr (json, "\"other_currencies\" : \"EUR\""));
  g_assert_nonnull (strstr (json, "\"cpl\" : null"));
}

static void
on_computed_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  LgMetricsReport **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = lg_metrics_compute_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgMetricsReport) r = NULL;
  LgMetricsQuery query = { lg_test_utc (2024, 3, 1, 0), lg_test_utc (2024, 4, 1, 0), NULL, utc };
  gint64 ids[3];

  lg_test_fill_metrics_fixture (store, ids);
  lg_metrics_compute_async (lg_store_get_path (store), &query, NULL, on_computed_cb, &r);
  while (r == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (r->total.leads, ==, 10);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  utc = g_time_zone_new_utc ();

  g_test_add_func ("/metrics/march/overall", test_march_overall);
  g_test_add_func ("/metrics/march/per-source", test_march_per_source);
  g_test_add_func ("/metrics/cut-period", test_cut_period);
  g_test_add_func ("/metrics/empty-periods", test_empty_periods);
  g_test_add_func ("/metrics/chart-data", test_chart_data);
  g_test_add_func ("/metrics/bins", test_bins);
  g_test_add_func ("/metrics/currency", test_currency_choice);
  g_test_add_func ("/metrics/costs/validation", test_costs_validation);
  g_test_add_func ("/metrics/format", test_format_and_parse);
  g_test_add_func ("/metrics/export", test_export);
  g_test_add_func ("/metrics/async", test_async);

  return g_test_run ();
}
