/* test-followups.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Follow-up times (local, across DST) and the store's follow-up queries:
 * buckets, completing, snoozing, notification bookkeeping, stay in touch.
 */

#include "config.h"

#include <sqlite3.h>

#include "lg-followup-time.h"
#include "lg-store-private.h"
#include "lg-test-util.h"

static GTimeZone *berlin;

static gint64
at_berlin (int year,
           int month,
           int day,
           int hour,
           int minute)
{
  g_autoptr(GDateTime) time = g_date_time_new (berlin, year, month, day, hour, minute, 0);

  return g_date_time_to_unix (time);
}

static void
assert_berlin (gint64      time,
               const char *expected)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (time);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, berlin);
  g_autofree char *text = g_date_time_format (local, "%Y-%m-%d %H:%M %Z");

  g_assert_cmpstr (text, ==, expected);
}

/* Summer time ends on Sunday 25 October 2026 at 03:00 CEST. */
static void
test_quick_choices_across_dst (void)
{
  gint64 saturday = at_berlin (2026, 10, 24, 14, 30);
  gint64 tomorrow = lg_followup_quick_time (LG_FOLLOWUP_QUICK_TOMORROW_MORNING, saturday, berlin);
  gint64 week = lg_followup_quick_time (LG_FOLLOWUP_QUICK_NEXT_WEEK, saturday, berlin);
  LgFollowupQuick quick;

  assert_berlin (saturday, "2026-10-24 14:30 CEST");
  assert_berlin (tomorrow, "2026-10-25 09:00 CET");
  /* 18.5 hours of wall clock, 19.5 real hours: the hour DST gives back. */
  g_assert_cmpint (tomorrow - saturday, ==, 19 * 3600 + 1800);
  assert_berlin (week, "2026-10-26 09:00 CET");
  g_assert_cmpint (lg_followup_quick_time (LG_FOLLOWUP_QUICK_IN_1_HOUR, saturday, berlin), ==,
                   saturday + 3600);

  /* Next week from a Monday is the Monday after, not today. */
  assert_berlin (lg_followup_quick_time (LG_FOLLOWUP_QUICK_NEXT_WEEK,
                                         at_berlin (2026, 10, 26, 8, 0), berlin),
                 "2026-11-02 09:00 CET");
  /* And into summer time in March. */
  assert_berlin (lg_followup_quick_time (LG_FOLLOWUP_QUICK_TOMORROW_MORNING,
                                         at_berlin (2026, 3, 28, 22, 0), berlin),
                 "2026-03-29 09:00 CEST");

  g_assert_true (lg_followup_quick_from_string ("week", &quick));
  g_assert_cmpint (quick, ==, LG_FOLLOWUP_QUICK_NEXT_WEEK);
  g_assert_false (lg_followup_quick_from_string ("fortnight", &quick));

  /* Day boundaries are local: the day DST ends has 25 hours. */
  g_assert_cmpint (lg_followup_local_day_start (saturday, 2, berlin) -
                   lg_followup_local_day_start (saturday, 1, berlin), ==, 25 * 3600);
}

static void
test_format_due (void)
{
  gint64 now = at_berlin (2026, 3, 10, 12, 0);
  struct { gint64 due; const char *text; } cases[] = {
    { now + 20, "now" },
    { now, "just now" },
    { now + 25 * 60, "in 25 minutes" },
    { now + 2 * 3600, "in 2 hours" },
    { now - 3 * 3600, "3 hours ago" },
    { at_berlin (2026, 3, 10, 23, 30), "today 23:30" },
    { at_berlin (2026, 3, 9, 9, 0), "yesterday 09:00" },
    { at_berlin (2026, 3, 11, 9, 0), "tomorrow 09:00" },
    { at_berlin (2026, 3, 13, 9, 0), "Friday 09:00" },
    { at_berlin (2026, 4, 2, 16, 15), "2 Apr 16:15" },
    { at_berlin (2027, 1, 5, 9, 0), "5 Jan 2027 09:00" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = lg_followup_format_due (cases[i].due, now, berlin);

      g_assert_cmpstr (text, ==, cases[i].text);
    }

  /* Without the relative words, for choices shown before they are made. */
  {
    g_autofree char *text = lg_followup_format_day_time (now + 3600, now, berlin);

    g_assert_cmpstr (text, ==, "today 13:00");
  }
}

static void
assert_bucket (LgStore          *store,
               LgFollowupBucket  bucket,
               gint64            now,
               const gint64     *ids,
               guint             n_ids)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = lg_store_list_followups (store, bucket, now, berlin, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n_ids);
  for (guint i = 0; i < n_ids; i++)
    {
      g_autoptr(LgFollowup) followup = g_list_model_get_item (list, i);

      g_assert_cmpint (lg_followup_get_id (followup), ==, ids[i]);
      g_assert_cmpstr (lg_followup_get_lead_name (followup), ==, "Anna Petrova");
    }
}

static void
test_buckets (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgLead) lead = lg_test_add_lead (store, "Anna Petrova", "warm");
  g_autoptr(GError) error = NULL;
  gint64 now = at_berlin (2026, 3, 10, 12, 0);
  gint64 lead_id = lg_lead_get_id (lead);
  gint64 overdue = lg_test_add_followup (store, lead_id, now - 86400, "call", "Call back");
  gint64 earlier_today = lg_test_add_followup (store, lead_id, now - 3600, "email", "Quote");
  gint64 tonight = lg_test_add_followup (store, lead_id, at_berlin (2026, 3, 10, 23, 59),
                                         "message", "");
  gint64 tomorrow = lg_test_add_followup (store, lead_id, at_berlin (2026, 3, 11, 0, 0),
                                          "meeting", "Demo");
  gint64 snoozed = lg_test_add_followup (store, lead_id, now - 7200, "call", "");
  gint64 done = lg_test_add_followup (store, lead_id, now - 7200, "call", "");
  LgFollowupCounts counts;

  /* Snoozed into this evening: out of Overdue, into Today. */
  g_assert_true (lg_store_snooze_followup (store, snoozed, now + 3600, &error));
  g_assert_no_error (error);
  g_assert_true (lg_store_complete_followup (store, done, now - 60, berlin, &error));
  g_assert_no_error (error);

  assert_bucket (store, LG_FOLLOWUP_BUCKET_OVERDUE, now, (gint64[]) { overdue, earlier_today }, 2);
  assert_bucket (store, LG_FOLLOWUP_BUCKET_TODAY, now, (gint64[]) { snoozed, tonight }, 2);
  assert_bucket (store, LG_FOLLOWUP_BUCKET_UPCOMING, now, (gint64[]) { tomorrow }, 1);
  assert_bucket (store, LG_FOLLOWUP_BUCKET_DONE, now, (gint64[]) { done }, 1);

  g_assert_true (lg_store_count_followups (store, now, berlin, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpint (counts.counts[LG_FOLLOWUP_BUCKET_OVERDUE], ==, 2);
  g_assert_cmpint (counts.counts[LG_FOLLOWUP_BUCKET_TODAY], ==, 2);
  g_assert_cmpint (counts.counts[LG_FOLLOWUP_BUCKET_UPCOMING], ==, 1);
  g_assert_cmpint (counts.counts[LG_FOLLOWUP_BUCKET_DONE], ==, 1);

  /* At midnight, tomorrow's is today's. */
  assert_bucket (store, LG_FOLLOWUP_BUCKET_TODAY, at_berlin (2026, 3, 11, 0, 0),
                 (gint64[]) { tomorrow }, 1);
}

static gint64
lead_column (LgStore    *store,
             gint64      lead_id,
             const char *sql)
{
  g_autoptr(GError) error = NULL;
  LgStmt *stmt = lg_store_prepare (store, sql, &error);
  gint64 value;

  g_assert_no_error (error);
  lg_stmt_bind_int64 (stmt, 1, lead_id);
  g_assert_cmpint (lg_stmt_step (stmt), ==, SQLITE_ROW);
  value = lg_stmt_column_int64 (stmt, 0);
  lg_stmt_reset (stmt);
  return value;
}

static void
test_complete (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgLead) lead = lg_test_add_lead (store, "Anna Petrova", "hot");
  g_autoptr(LgFollowup) followup = NULL;
  g_autoptr(GError) error = NULL;
  /* After the lead's creation, which counts as its last touch. */
  gint64 now = lg_lead_get_created_at (lead) + 3600;
  gint64 id = lg_test_add_followup (store, lg_lead_get_id (lead), now, "call", "Ask about budget");

  g_assert_true (lg_store_complete_followup (store, id, now + 10, berlin, &error));
  g_assert_no_error (error);
  followup = lg_store_get_followup (store, id, &error);
  g_assert_cmpint (lg_followup_get_done_at (followup), ==, now + 10);

  /* It was a touch of the lead, on its timeline. */
  g_assert_cmpint (lead_column (store, lg_lead_get_id (lead),
                                "SELECT last_touch_at FROM leads WHERE id = ?"), ==, now + 10);
  g_assert_cmpint (lead_column (store, lg_lead_get_id (lead),
                                "SELECT first_touch_at FROM leads WHERE id = ?"), ==, now + 10);
  g_assert_cmpint (lead_column (store, lg_lead_get_id (lead),
                                "SELECT count (*) FROM activities WHERE lead_id = ? "
                                "AND kind = 'followup' AND detail = 'Call: Ask about budget'"),
                   ==, 1);

  /* A second Done (two clicks on a notification) changes nothing. */
  g_assert_true (lg_store_complete_followup (store, id, now + 99, berlin, &error));
  g_clear_object (&followup);
  followup = lg_store_get_followup (store, id, &error);
  g_assert_cmpint (lg_followup_get_done_at (followup), ==, now + 10);

  g_assert_false (lg_store_complete_followup (store, 4242, now, berlin, &error));
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (lg_store_snooze_followup (store, 4242, now, &error));
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_NOT_FOUND);
}

static void
test_due_and_notified (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgLead) lead = lg_test_add_lead (store, "Anna Petrova", "warm");
  g_autoptr(GListModel) due = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = at_berlin (2026, 3, 10, 12, 0);
  gint64 first = lg_test_add_followup (store, lg_lead_get_id (lead), now - 60, "call", "");
  gint64 second = lg_test_add_followup (store, lg_lead_get_id (lead), now + 600, "call", "");
  gint64 next;

  g_assert_true (lg_store_next_followup_due (store, &next, &error));
  g_assert_cmpint (next, ==, now - 60);
  due = lg_store_list_due_followups (store, now, &error);
  g_assert_cmpuint (g_list_model_get_n_items (due), ==, 1);
  g_clear_object (&due);

  g_assert_true (lg_store_mark_followup_notified (store, first, &error));
  g_assert_true (lg_store_next_followup_due (store, &next, &error));
  g_assert_cmpint (next, ==, now + 600);
  due = lg_store_list_due_followups (store, now, &error);
  g_assert_cmpuint (g_list_model_get_n_items (due), ==, 0);
  g_clear_object (&due);

  /* A snooze is a new due time: it notifies again, then. */
  g_assert_true (lg_store_snooze_followup (store, first, now + 300, &error));
  g_assert_true (lg_store_next_followup_due (store, &next, &error));
  g_assert_cmpint (next, ==, now + 300);

  g_assert_true (lg_store_complete_followup (store, first, now, berlin, &error));
  g_assert_true (lg_store_complete_followup (store, second, now, berlin, &error));
  g_assert_true (lg_store_next_followup_due (store, &next, &error));
  g_assert_cmpint (next, ==, 0);
}

/* Olga's reminder rings in Olga's app; one for a lead nobody looks after,
 * in everyone's. A personal file reminds of all, whoever's name is on them. */
static void
test_due_for_the_owner (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgLead) olgas = NULL;
  g_autoptr(LgLead) nobodys = NULL;
  g_autoptr(GListModel) due = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  gint64 now = at_berlin (2026, 3, 10, 12, 0);
  gint64 next;

  lg_store_set_person ("Olga");
  olgas = lg_test_add_lead (store, "Anna Petrova", "warm");
  nobodys = lg_test_add_lead (store, "Petr", "cold");
  sql = g_strdup_printf ("UPDATE leads SET owner = NULL WHERE id = %" G_GINT64_FORMAT,
                         lg_lead_get_id (nobodys));
  g_assert_true (lg_store_exec (store, sql, &error));
  lg_test_add_followup (store, lg_lead_get_id (olgas), now - 120, "call", "");
  lg_test_add_followup (store, lg_lead_get_id (nobodys), now - 60, "call", "");

  lg_store_set_person ("Ivan");
  g_assert_true (lg_store_next_followup_due (store, &next, &error));
  g_assert_cmpint (next, ==, lg_store_is_remote (store) ? now - 60 : now - 120);
  due = lg_store_list_due_followups (store, now, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (due), ==, lg_store_is_remote (store) ? 1 : 2);
  g_clear_object (&due);

  lg_store_set_person ("Olga");
  due = lg_store_list_due_followups (store, now, &error);
  g_assert_cmpuint (g_list_model_get_n_items (due), ==, 2);
  lg_store_set_person (NULL);
}

static LgFollowup *
open_stay_in_touch (LgStore *store,
                    gint64   lead_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = lg_store_list_lead_followups (store, lead_id, &error);
  LgFollowup *found = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(LgFollowup) followup = g_list_model_get_item (list, i);

      if (lg_followup_get_stay_in_touch (followup) && lg_followup_get_done_at (followup) == 0)
        {
          g_assert_null (found);
          found = g_object_ref (followup);
        }
    }
  return found;
}

static void
test_stay_in_touch (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgLead) lead = lg_lead_new ();
  g_autoptr(LgFollowup) followup = NULL;
  g_autoptr(GError) error = NULL;
  gint64 lead_id;

  lg_lead_set_name (lead, "Anna Petrova");
  lg_lead_set_created_at (lead, at_berlin (2026, 10, 1, 12, 0));
  g_assert_true (lg_store_add_lead (store, lead, &error));
  lead_id = lg_lead_get_id (lead);

  /* Touched on a Tuesday evening in summer time; every 7 days. */
  g_assert_true (lg_store_log_touch (store, lead_id, at_berlin (2026, 10, 20, 18, 40), berlin,
                                     &error));
  g_assert_no_error (error);
  g_assert_true (lg_store_set_stay_in_touch (store, lead_id, 7, berlin, &error));
  g_assert_no_error (error);
  followup = open_stay_in_touch (store, lead_id);
  g_assert_nonnull (followup);
  /* A week later, in the morning, after the DST change: still 09:00. */
  assert_berlin (lg_followup_get_due_at (followup), "2026-10-27 09:00 CET");
  g_clear_object (&followup);

  /* A touch restarts the clock: the same follow-up moves, no second one. */
  g_assert_true (lg_store_log_touch (store, lead_id, at_berlin (2026, 10, 23, 11, 0), berlin,
                                     &error));
  followup = open_stay_in_touch (store, lead_id);
  assert_berlin (lg_followup_get_due_at (followup), "2026-10-30 09:00 CET");

  /* Doing it schedules the next one from that touch. */
  g_assert_true (lg_store_complete_followup (store, lg_followup_get_id (followup),
                                             at_berlin (2026, 10, 30, 9, 15), berlin, &error));
  g_clear_object (&followup);
  followup = open_stay_in_touch (store, lead_id);
  assert_berlin (lg_followup_get_due_at (followup), "2026-11-06 09:00 CET");
  g_clear_object (&followup);

  g_assert_true (lg_store_set_stay_in_touch (store, lead_id, 0, berlin, &error));
  g_assert_null (open_stay_in_touch (store, lead_id));

  g_assert_false (lg_store_log_touch (store, 999, 0, berlin, &error));
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_NOT_FOUND);
}

/* Undo of Done: the follow-up, the lead's touch times, its timeline and its
 * stay-in-touch follow-up are as before the click. */
static void
test_reopen (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgLead) lead = lg_lead_new ();
  g_autoptr(LgFollowup) followup = NULL;
  g_autoptr(GError) error = NULL;
  gint64 lead_id, id, stay_id;
  gint64 touched = at_berlin (2026, 10, 20, 18, 40);
  const char *timeline = "SELECT count (*) FROM activities WHERE lead_id = ? AND kind = 'followup'";

  lg_lead_set_name (lead, "Anna Petrova");
  lg_lead_set_created_at (lead, at_berlin (2026, 10, 1, 12, 0));
  g_assert_true (lg_store_add_lead (store, lead, &error));
  lead_id = lg_lead_get_id (lead);
  g_assert_true (lg_store_log_touch (store, lead_id, touched, berlin, &error));
  g_assert_true (lg_store_set_stay_in_touch (store, lead_id, 7, berlin, &error));
  id = lg_test_add_followup (store, lead_id, touched + 86400, "call", "Ask about budget");

  g_assert_true (lg_store_complete_followup (store, id, touched + 2 * 86400, berlin, &error));
  g_assert_cmpint (lead_column (store, lead_id, "SELECT last_touch_at FROM leads WHERE id = ?"),
                   ==, touched + 2 * 86400);
  g_assert_true (lg_store_reopen_followup (store, id, berlin, &error));
  g_assert_no_error (error);

  followup = lg_store_get_followup (store, id, &error);
  g_assert_cmpint (lg_followup_get_done_at (followup), ==, 0);
  g_assert_cmpint (lead_column (store, lead_id, "SELECT last_touch_at FROM leads WHERE id = ?"),
                   ==, touched);
  g_assert_cmpint (lead_column (store, lead_id, timeline), ==, 0);
  g_clear_object (&followup);
  followup = open_stay_in_touch (store, lead_id);
  assert_berlin (lg_followup_get_due_at (followup), "2026-10-27 09:00 CET");
  stay_id = lg_followup_get_id (followup);
  g_clear_object (&followup);

  /* The stay-in-touch follow-up itself: Done schedules the next one, Undo
   * leaves this one open and no other. */
  g_assert_true (lg_store_complete_followup (store, stay_id, at_berlin (2026, 10, 27, 9, 5),
                                             berlin, &error));
  followup = open_stay_in_touch (store, lead_id);
  g_assert_cmpint (lg_followup_get_id (followup), !=, stay_id);
  g_clear_object (&followup);
  g_assert_true (lg_store_reopen_followup (store, stay_id, berlin, &error));
  followup = open_stay_in_touch (store, lead_id);
  g_assert_cmpint (lg_followup_get_id (followup), ==, stay_id);
  assert_berlin (lg_followup_get_due_at (followup), "2026-10-27 09:00 CET");
  g_assert_cmpint (lead_column (store, lead_id, "SELECT last_touch_at FROM leads WHERE id = ?"),
                   ==, touched);
  g_assert_cmpint (lead_column (store, lead_id,
                                "SELECT first_touch_at FROM leads WHERE id = ?"), ==, touched);

  /* Reopening an open one changes nothing; an unknown one says so. */
  g_assert_true (lg_store_reopen_followup (store, stay_id, berlin, &error));
  g_assert_false (lg_store_reopen_followup (store, 4242, berlin, &error));
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_NOT_FOUND);
}

static void
test_stay_in_touch_closed_lead (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgLead) lead = lg_test_add_lead (store, "Closed Co", "won");
  g_autoptr(GError) error = NULL;

  g_assert_true (lg_store_set_stay_in_touch (store, lg_lead_get_id (lead), 14, berlin, &error));
  g_assert_no_error (error);
  g_assert_null (open_stay_in_touch (store, lg_lead_get_id (lead)));
}

static void
test_lead_followups_and_names (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgLead) anna = lg_test_add_lead (store, "anna", "warm");
  g_autoptr(LgLead) boris = lg_test_add_lead (store, "Boris", "cold");
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GListModel) names = NULL;
  g_autoptr(LgFollowup) first = NULL;
  g_autoptr(LgLead) second = NULL;
  g_autoptr(GError) error = NULL;
  gint64 later = lg_test_add_followup (store, lg_lead_get_id (anna), 2000, "call", "");
  gint64 sooner = lg_test_add_followup (store, lg_lead_get_id (anna), 1000, "call", "");

  lg_test_add_followup (store, lg_lead_get_id (boris), 500, "call", "");
  g_assert_true (lg_store_complete_followup (store, sooner, 1500, NULL, &error));

  list = lg_store_list_lead_followups (store, lg_lead_get_id (anna), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2);
  first = g_list_model_get_item (list, 0);
  g_assert_cmpint (lg_followup_get_id (first), ==, later);

  names = lg_store_list_lead_names (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (names), ==, 2);
  second = g_list_model_get_item (names, 1);
  g_assert_cmpstr (lg_lead_get_name (second), ==, "Boris");
  g_assert_cmpstr (lg_lead_get_stage (second), ==, "cold");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GTimeZone) zone = NULL;

  g_test_init (&argc, &argv, NULL);

  zone = g_time_zone_new_identifier ("Europe/Berlin");
  g_assert_nonnull (zone);
  berlin = zone;

  g_test_add_func ("/followups/time/quick-choices-across-dst", test_quick_choices_across_dst);
  g_test_add_func ("/followups/time/format-due", test_format_due);
  g_test_add_func ("/followups/store/buckets", test_buckets);
  g_test_add_func ("/followups/store/complete", test_complete);
  g_test_add_func ("/followups/store/due-and-notified", test_due_and_notified);
  g_test_add_func ("/followups/store/due-for-the-owner", test_due_for_the_owner);
  g_test_add_func ("/followups/store/stay-in-touch", test_stay_in_touch);
  g_test_add_func ("/followups/store/reopen", test_reopen);
  g_test_add_func ("/followups/store/stay-in-touch-closed-lead", test_stay_in_touch_closed_lead);
  g_test_add_func ("/followups/store/lead-followups-and-names", test_lead_followups_and_names);

  return g_test_run ();
}
