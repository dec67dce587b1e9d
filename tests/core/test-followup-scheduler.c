/* test-followup-scheduler.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scheduler with an injected clock: what it sleeps towards, what it
 * reports and when, across snoozes, restarts, clock jumps and DST.
 */

#include "config.h"

#include "lg-followup-scheduler.h"
#include "lg-followup-time.h"
#include "lg-test-util.h"

typedef struct
{
  LgStore             *store;
  LgLead              *lead;
  LgFollowupScheduler *scheduler;
  gint64               now;      /* the injected clock */
  GArray              *due;      /* ids reported by "due" */
  GArray              *missed;   /* ids reported by "missed" */
  guint                n_missed_batches;
  gint64               last_jump;
} Fixture;

static gint64
fake_clock (gpointer user_data)
{
  Fixture *fixture = user_data;

  return fixture->now;
}

static void
on_due_cb (LgFollowupScheduler *scheduler,
           LgFollowup          *followup,
           Fixture             *fixture)
{
  gint64 id = lg_followup_get_id (followup);

  g_array_append_val (fixture->due, id);
}

static void
on_missed_cb (LgFollowupScheduler *scheduler,
              GListModel          *followups,
              Fixture             *fixture)
{
  fixture->n_missed_batches++;
  for (guint i = 0; i < g_list_model_get_n_items (followups); i++)
    {
      g_autoptr(LgFollowup) followup = g_list_model_get_item (followups, i);
      gint64 id = lg_followup_get_id (followup);

      g_array_append_val (fixture->missed, id);
    }
}

static void
on_time_changed_cb (LgFollowupScheduler *scheduler,
                    gint64               jump,
                    Fixture             *fixture)
{
  fixture->last_jump = jump;
}

static LgFollowupScheduler *
new_scheduler (Fixture *fixture)
{
  LgFollowupScheduler *scheduler = lg_followup_scheduler_new (fixture->store);

  lg_followup_scheduler_set_clock (scheduler, fake_clock, fixture, NULL);
  g_signal_connect (scheduler, "due", G_CALLBACK (on_due_cb), fixture);
  g_signal_connect (scheduler, "missed", G_CALLBACK (on_missed_cb), fixture);
  g_signal_connect (scheduler, "time-changed", G_CALLBACK (on_time_changed_cb), fixture);
  return scheduler;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->store = lg_test_open_store ();
  fixture->lead = lg_test_add_lead (fixture->store, "Anna Petrova", "warm");
  fixture->now = 1773140400; /* 2026-03-10 11:00 UTC */
  fixture->due = g_array_new (FALSE, FALSE, sizeof (gint64));
  fixture->missed = g_array_new (FALSE, FALSE, sizeof (gint64));
  fixture->scheduler = new_scheduler (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->scheduler);
  g_clear_object (&fixture->lead);
  g_clear_object (&fixture->store);
  g_array_unref (fixture->due);
  g_array_unref (fixture->missed);
}

static gint64
add (Fixture *fixture,
     gint64   due_at)
{
  gint64 id = lg_test_add_followup (fixture->store, lg_lead_get_id (fixture->lead), due_at,
                                    "call", "Call back");

  lg_store_notify_changed (fixture->store, LG_STORE_CHANGED_FOLLOWUPS);
  return id;
}

static void
assert_ids (GArray       *ids,
            const gint64 *expected,
            guint         n_expected)
{
  g_assert_cmpuint (ids->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, expected[i]);
}

static void
test_next_due (Fixture       *fixture,
               gconstpointer  data)
{
  gint64 now = fixture->now;
  gint64 later = add (fixture, now + 600);
  gint64 sooner = add (fixture, now + 100);

  lg_followup_scheduler_start (fixture->scheduler);
  g_assert_cmpint (lg_followup_scheduler_get_next_due (fixture->scheduler), ==, now + 100);
  /* One timeout, for exactly as long as it has to wait. */
  g_assert_cmpuint (lg_followup_scheduler_get_sleep (fixture->scheduler), ==, 100);
  g_assert_cmpuint (fixture->due->len, ==, 0);

  /* Woken a little early: nothing yet. */
  fixture->now = now + 99;
  lg_followup_scheduler_check (fixture->scheduler);
  g_assert_cmpuint (fixture->due->len, ==, 0);
  g_assert_cmpuint (lg_followup_scheduler_get_sleep (fixture->scheduler), ==, 1);

  fixture->now = now + 100;
  lg_followup_scheduler_check (fixture->scheduler);
  assert_ids (fixture->due, (gint64[]) { sooner }, 1);
  g_assert_cmpint (lg_followup_scheduler_get_next_due (fixture->scheduler), ==, now + 600);
  g_assert_cmpuint (lg_followup_scheduler_get_sleep (fixture->scheduler), ==, 300);

  /* Reported once, however often it wakes. */
  lg_followup_scheduler_check (fixture->scheduler);
  fixture->now = now + 700;
  lg_followup_scheduler_check (fixture->scheduler);
  assert_ids (fixture->due, (gint64[]) { sooner, later }, 2);
  g_assert_cmpint (lg_followup_scheduler_get_next_due (fixture->scheduler), ==, 0);
  /* Nothing to wait for: only the coarse safety check stays armed. */
  g_assert_cmpuint (lg_followup_scheduler_get_sleep (fixture->scheduler), ==,
                    LG_FOLLOWUP_SCHEDULER_MAX_SLEEP);
  g_assert_cmpuint (fixture->n_missed_batches, ==, 0);
}

static void
test_store_change_rearms (Fixture       *fixture,
                          gconstpointer  data)
{
  gint64 now = fixture->now;
  gint64 id;

  add (fixture, now + 3 * 86400);
  lg_followup_scheduler_start (fixture->scheduler);
  g_assert_cmpint (lg_followup_scheduler_get_next_due (fixture->scheduler), ==, now + 3 * 86400);
  g_assert_cmpuint (lg_followup_scheduler_get_sleep (fixture->scheduler), ==,
                    LG_FOLLOWUP_SCHEDULER_MAX_SLEEP);

  /* changed::followups alone re-arms it. */
  id = add (fixture, now + 42);
  g_assert_cmpint (lg_followup_scheduler_get_next_due (fixture->scheduler), ==, now + 42);
  g_assert_cmpuint (lg_followup_scheduler_get_sleep (fixture->scheduler), ==, 42);

  g_assert_true (lg_store_complete_followup (fixture->store, id, now, NULL, NULL));
  lg_store_notify_changed (fixture->store, LG_STORE_CHANGED_FOLLOWUPS);
  g_assert_cmpint (lg_followup_scheduler_get_next_due (fixture->scheduler), ==, now + 3 * 86400);
}

static void
test_snooze (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 now = fixture->now;
  gint64 id = add (fixture, now + 60);

  lg_followup_scheduler_start (fixture->scheduler);
  fixture->now = now + 60;
  lg_followup_scheduler_check (fixture->scheduler);
  assert_ids (fixture->due, (gint64[]) { id }, 1);

  /* Snoozed for an hour, as the notification's button does. */
  g_assert_true (lg_store_snooze_followup (fixture->store, id, fixture->now + 3600, &error));
  g_assert_no_error (error);
  lg_store_notify_changed (fixture->store, LG_STORE_CHANGED_FOLLOWUPS);
  g_assert_cmpint (lg_followup_scheduler_get_next_due (fixture->scheduler), ==, now + 3660);

  fixture->now = now + 1800;
  lg_followup_scheduler_check (fixture->scheduler);
  g_assert_cmpuint (fixture->due->len, ==, 1);

  fixture->now = now + 3660;
  lg_followup_scheduler_check (fixture->scheduler);
  assert_ids (fixture->due, (gint64[]) { id, id }, 2);
}

static void
test_missed_while_closed (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(LgFollowupScheduler) restarted = NULL;
  gint64 now = fixture->now;
  gint64 yesterday = add (fixture, now - 86400);
  gint64 a_minute_ago = add (fixture, now - 60);
  gint64 soon = add (fixture, now + 60);

  lg_followup_scheduler_start (fixture->scheduler);
  /* One batch for the summary, not one notification each. */
  g_assert_cmpuint (fixture->n_missed_batches, ==, 1);
  assert_ids (fixture->missed, (gint64[]) { yesterday, a_minute_ago }, 2);
  g_assert_cmpuint (fixture->due->len, ==, 0);
  g_assert_cmpint (lg_followup_scheduler_get_next_due (fixture->scheduler), ==, now + 60);

  /* The next start does not report them again. */
  g_clear_object (&fixture->scheduler);
  restarted = new_scheduler (fixture);
  fixture->now = now + 120;
  lg_followup_scheduler_start (restarted);
  g_assert_cmpuint (fixture->n_missed_batches, ==, 2);
  assert_ids (fixture->missed, (gint64[]) { yesterday, a_minute_ago, soon }, 3);
}

static void
test_clock_jumps (Fixture       *fixture,
                  gconstpointer  data)
{
  gint64 now = fixture->now;
  gint64 in_two_hours = add (fixture, now + 7200);
  add (fixture, now + 86400);

  lg_followup_scheduler_start (fixture->scheduler);
  g_assert_cmpuint (lg_followup_scheduler_get_sleep (fixture->scheduler), ==, 300);

  /* The clock is set two hours ahead: the next (coarse) wake-up sees it. */
  fixture->now = now + 7300;
  lg_followup_scheduler_check (fixture->scheduler);
  g_assert_cmpint (fixture->last_jump, >=, 7300 - 5);
  assert_ids (fixture->due, (gint64[]) { in_two_hours }, 1);
  g_assert_cmpint (lg_followup_scheduler_get_next_due (fixture->scheduler), ==, now + 86400);

  /* And back a day: nothing fires twice, the wait is recomputed. */
  fixture->last_jump = 0;
  fixture->now = now - 86400;
  lg_followup_scheduler_check (fixture->scheduler);
  g_assert_cmpint (fixture->last_jump, <=, -86400 - 7300 + 5);
  g_assert_cmpuint (fixture->due->len, ==, 1);
  g_assert_cmpint (lg_followup_scheduler_get_next_due (fixture->scheduler), ==, now + 86400);
  g_assert_cmpuint (lg_followup_scheduler_get_sleep (fixture->scheduler), ==, 300);

  /* An ordinary wake-up (no jump) says nothing about the clock. */
  fixture->last_jump = 0;
  lg_followup_scheduler_check (fixture->scheduler);
  g_assert_cmpint (fixture->last_jump, ==, 0);
}

/* "Tomorrow morning" chosen on the Saturday before summer time ends fires at
 * 09:00 CET on Sunday: 19.5 hours of wall clock, 20.5 real hours. */
static void
test_dst (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) saturday = g_date_time_new (berlin, 2026, 10, 24, 13, 30, 0);
  g_autoptr(GDateTime) sunday_nine = g_date_time_new (berlin, 2026, 10, 25, 9, 0, 0);
  gint64 id;

  fixture->now = g_date_time_to_unix (saturday);
  id = add (fixture, lg_followup_quick_time (LG_FOLLOWUP_QUICK_TOMORROW_MORNING,
                                             fixture->now, berlin));
  lg_followup_scheduler_start (fixture->scheduler);
  g_assert_cmpint (lg_followup_scheduler_get_next_due (fixture->scheduler), ==,
                   g_date_time_to_unix (sunday_nine));
  g_assert_cmpint (g_date_time_to_unix (sunday_nine) - fixture->now, ==, 20 * 3600 + 1800);

  fixture->now = g_date_time_to_unix (sunday_nine) - 3600;
  lg_followup_scheduler_check (fixture->scheduler);
  g_assert_cmpuint (fixture->due->len, ==, 0);

  fixture->now = g_date_time_to_unix (sunday_nine);
  lg_followup_scheduler_check (fixture->scheduler);
  assert_ids (fixture->due, (gint64[]) { id }, 1);
}

static gboolean
on_give_up_cb (gpointer user_data)
{
  g_assert_not_reached ();
  return G_SOURCE_REMOVE;
}

static void
on_due_quit_cb (LgFollowupScheduler *scheduler,
                LgFollowup          *followup,
                GMainLoop           *loop)
{
  g_main_loop_quit (loop);
}

/* With the real clock and the real timeout: it fires by itself. */
static void
test_real_timeout (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint give_up;

  lg_followup_scheduler_set_clock (fixture->scheduler, NULL, NULL, NULL);
  add (fixture, now + 1);
  lg_followup_scheduler_start (fixture->scheduler);
  g_assert_cmpuint (fixture->due->len, ==, 0);
  g_signal_connect (fixture->scheduler, "due", G_CALLBACK (on_due_quit_cb), loop);
  give_up = g_timeout_add_seconds (10, on_give_up_cb, NULL);
  g_main_loop_run (loop);
  g_source_remove (give_up);
  g_assert_cmpuint (fixture->due->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/followup-scheduler/next-due", test_next_due);
  ADD ("/followup-scheduler/store-change-rearms", test_store_change_rearms);
  ADD ("/followup-scheduler/snooze", test_snooze);
  ADD ("/followup-scheduler/missed-while-closed", test_missed_while_closed);
  ADD ("/followup-scheduler/clock-jumps", test_clock_jumps);
  ADD ("/followup-scheduler/dst", test_dst);
  ADD ("/followup-scheduler/real-timeout", test_real_timeout);
#undef ADD

  return g_test_run ();
}
