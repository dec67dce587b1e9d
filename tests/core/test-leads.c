/* test-leads.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pipeline in the store: moves and order, totals, stale rules, edits
 * and their validation, the timeline, delete and undo, the predictive score.
 */

#include "config.h"

#include "lg-format.h"
#include "lg-lead-validate.h"
#include "lg-store-private.h"
#include "lg-test-util.h"

#define DAY LG_SECONDS_PER_DAY

static gint64
now (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static gint64
add_lead (LgStore    *store,
          const char *name,
          const char *stage,
          gint64      value)
{
  g_autoptr(LgLead) lead = lg_lead_new ();
  g_autoptr(GError) error = NULL;

  lg_lead_set_name (lead, name);
  lg_lead_set_stage (lead, stage);
  lg_lead_set_value (lead, value);
  g_assert_true (lg_store_add_lead (store, lead, &error));
  g_assert_no_error (error);
  return lg_lead_get_id (lead);
}

static LgLead *
get_lead (LgStore *store,
          gint64   id)
{
  g_autoptr(GError) error = NULL;
  LgLead *lead = lg_store_get_lead (store, id, &error);

  g_assert_no_error (error);
  return lead;
}

static void
move (LgStore    *store,
      gint64      id,
      LgStage     stage,
      gint64      before_id,
      const char *reason)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lg_store_move_lead (store, id, stage, before_id, reason, &error));
  g_assert_no_error (error);
}

/* The names of a column's leads in board order, joined by spaces. */
static char *
column (LgStore    *store,
        const char *stage)
{
  LgLeadFilter filter = { .stage = stage };
  LgPipelineRules rules;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) leads = NULL;
  g_autoptr(GString) names = g_string_new (NULL);

  lg_pipeline_rules_init_defaults (&rules);
  leads = lg_store_list_leads (store, &filter, &rules, now (), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (leads); i++)
    {
      g_autoptr(LgLead) lead = g_list_model_get_item (leads, i);

      g_string_append_printf (names, "%s%s", i > 0 ? " " : "", lg_lead_get_name (lead));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* The kinds of the lead's activities, newest first, joined by spaces. */
static char *
timeline (LgStore *store,
          gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) activities = lg_store_list_activities (store, id, &error);
  g_autoptr(GString) kinds = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (activities); i++)
    {
      g_autoptr(LgActivity) activity = g_list_model_get_item (activities, i);

      g_string_append_printf (kinds, "%s%s", i > 0 ? " " : "", lg_activity_get_kind (activity));
    }
  return g_string_free (g_steal_pointer (&kinds), FALSE);
}

static void
test_moves_and_order (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  gint64 a = add_lead (store, "A", "cold", 0);
  gint64 b = add_lead (store, "B", "cold", 0);
  gint64 c = add_lead (store, "C", "cold", 0);
  g_autofree char *cold = NULL;
  g_autofree char *warm = NULL;
  g_autofree char *kinds = NULL;

  cold = column (store, "cold");
  g_assert_cmpstr (cold, ==, "A B C");
  g_clear_pointer (&cold, g_free);

  /* Reordering inside a column. */
  move (store, c, LG_STAGE_COLD, a, NULL);
  cold = column (store, "cold");
  g_assert_cmpstr (cold, ==, "C A B");
  g_clear_pointer (&cold, g_free);

  /* Just before itself: it stays. */
  move (store, a, LG_STAGE_COLD, a, NULL);
  cold = column (store, "cold");
  g_assert_cmpstr (cold, ==, "C A B");
  g_clear_pointer (&cold, g_free);

  /* To the end of another column, then before a lead there. */
  move (store, a, LG_STAGE_WARM, 0, NULL);
  move (store, b, LG_STAGE_WARM, a, NULL);
  cold = column (store, "cold");
  warm = column (store, "warm");
  g_assert_cmpstr (cold, ==, "C");
  g_assert_cmpstr (warm, ==, "B A");

  /* A "before" lead from another column means the end. */
  move (store, c, LG_STAGE_WARM, c, NULL);
  g_clear_pointer (&warm, g_free);
  warm = column (store, "warm");
  g_assert_cmpstr (warm, ==, "B A C");

  /* The reorder left no trace; the stage change did. */
  kinds = timeline (store, c);
  g_assert_cmpstr (kinds, ==, "stage created");
}

static void
test_order_survives_crowding (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GString) expected = g_string_new ("first");
  g_autofree char *names = NULL;
  gint64 last;

  add_lead (store, "first", "hot", 0);
  last = add_lead (store, "last", "hot", 0);

  /* Each goes between the previous one and "last": the gap halves every
   * time, until the column has to be renumbered to make room. */
  for (int i = 0; i < 60; i++)
    {
      g_autofree char *name = g_strdup_printf ("n%d", i);

      move (store, add_lead (store, name, "hot", 0), LG_STAGE_HOT, last, NULL);
      g_string_append_printf (expected, " %s", name);
    }
  g_string_append (expected, " last");

  names = column (store, "hot");
  g_assert_cmpstr (names, ==, expected->str);
}

static void
test_closing_and_reopening (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  gint64 id = add_lead (store, "Closer", "cold", 0);
  gint64 other = add_lead (store, "Other", "warm", 0);
  g_autoptr(LgLead) lead = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) activities = NULL;
  g_autoptr(LgActivity) lost = NULL;

  move (store, id, LG_STAGE_HOT, 0, NULL);
  move (store, id, LG_STAGE_WON, 0, NULL);
  lead = get_lead (store, id);
  g_assert_cmpstr (lg_lead_get_stage (lead), ==, "won");
  g_assert_cmpstr (lg_lead_get_furthest_stage (lead), ==, "won");
  g_assert_cmpint (lg_lead_get_closed_at (lead), >=, now () - 5);
  g_clear_object (&lead);

  /* Reopened: open again, but it did get to Won once. */
  move (store, id, LG_STAGE_HOT, 0, NULL);
  lead = get_lead (store, id);
  g_assert_cmpint (lg_lead_get_closed_at (lead), ==, 0);
  g_assert_cmpstr (lg_lead_get_furthest_stage (lead), ==, "won");
  g_clear_object (&lead);

  /* Lost keeps its reason until it is reopened; Lost is not further than Warm. */
  move (store, other, LG_STAGE_LOST, 0, "Went with a competitor");
  lead = get_lead (store, other);
  g_assert_cmpstr (lg_lead_get_lost_reason (lead), ==, "Went with a competitor");
  g_assert_cmpstr (lg_lead_get_furthest_stage (lead), ==, "warm");
  g_assert_cmpint (lg_lead_get_closed_at (lead), >, 0);
  g_clear_object (&lead);

  activities = lg_store_list_activities (store, other, &error);
  g_assert_no_error (error);
  lost = g_list_model_get_item (activities, 0);
  g_assert_cmpstr (lg_activity_get_kind (lost), ==, "stage");
  g_assert_cmpstr (lg_activity_get_old_value (lost), ==, "warm");
  g_assert_cmpstr (lg_activity_get_new_value (lost), ==, "lost");
  g_assert_cmpstr (lg_activity_get_detail (lost), ==, "Went with a competitor");

  move (store, other, LG_STAGE_COLD, 0, NULL);
  lead = get_lead (store, other);
  g_assert_null (lg_lead_get_lost_reason (lead));
  g_assert_cmpint (lg_lead_get_closed_at (lead), ==, 0);

  /* A lead that is not there. */
  g_assert_false (lg_store_move_lead (store, 4242, LG_STAGE_HOT, 0, NULL, &error));
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_NOT_FOUND);
}

/* A column's leads and what they are worth, as the board works them out:
 * the filtered list, then its sums (the leads here have one currency). */
static LgCurrencySum
column_sum (LgStore               *store,
            const LgLeadFilter    *filter,
            const LgPipelineRules *rules,
            LgStage                stage,
            guint                 *count)
{
  LgLeadFilter in_stage = filter != NULL ? *filter : (LgLeadFilter) { 0 };
  g_autoptr(GListModel) leads = NULL;
  g_autoptr(GArray) sums = NULL;
  g_autoptr(GError) error = NULL;
  LgCurrencySum sum = { NULL, 0, 0 };

  in_stage.stage = lg_stage_id (stage);
  leads = lg_store_list_leads (store, &in_stage, rules, now (), &error);
  g_assert_no_error (error);
  *count = g_list_model_get_n_items (leads);
  sums = lg_pipeline_sum_by_currency (leads, rules, stage);
  g_assert_cmpuint (sums->len, <=, 1);
  if (sums->len == 1)
    {
      sum.value = g_array_index (sums, LgCurrencySum, 0).value;
      sum.weighted = g_array_index (sums, LgCurrencySum, 0).weighted;
    }
  return sum;
}

static void
test_totals (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  LgLeadFilter filter = { .text = "acme" };
  LgPipelineRules rules;
  LgCurrencySum sum;
  guint count;
  gint64 moved;

  lg_pipeline_rules_init_defaults (&rules);
  add_lead (store, "Acme one", "cold", 100000);
  add_lead (store, "Two", "cold", 200000);
  moved = add_lead (store, "Acme hot", "hot", 500000);
  add_lead (store, "Won", "won", 700000);
  add_lead (store, "Lost", "lost", 900000);

  sum = column_sum (store, NULL, &rules, LG_STAGE_COLD, &count);
  g_assert_cmpuint (count, ==, 2);
  g_assert_cmpint (sum.value, ==, 300000);
  g_assert_cmpint (sum.weighted, ==, 30000);   /* 10 % */
  column_sum (store, NULL, &rules, LG_STAGE_WARM, &count);
  g_assert_cmpuint (count, ==, 0);
  g_assert_cmpint (column_sum (store, NULL, &rules, LG_STAGE_HOT, &count).weighted, ==,
                   300000);                    /* 60 % */
  g_assert_cmpint (column_sum (store, NULL, &rules, LG_STAGE_WON, &count).weighted, ==,
                   700000);                    /* 100 % */
  sum = column_sum (store, NULL, &rules, LG_STAGE_LOST, &count);
  g_assert_cmpint (sum.value, ==, 900000);
  g_assert_cmpint (sum.weighted, ==, 0);

  /* The user's probabilities, and a move, change them. */
  rules.probability[LG_STAGE_HOT] = 75;
  rules.probability[LG_STAGE_WARM] = 33;
  move (store, moved, LG_STAGE_WARM, 0, NULL);
  g_assert_cmpint (column_sum (store, NULL, &rules, LG_STAGE_HOT, &count).value, ==, 0);
  sum = column_sum (store, NULL, &rules, LG_STAGE_WARM, &count);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpint (sum.weighted, ==, 165000);

  /* Totals follow the filter, case aside. */
  sum = column_sum (store, &filter, &rules, LG_STAGE_COLD, &count);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpint (sum.value, ==, 100000);
  column_sum (store, &filter, &rules, LG_STAGE_WON, &count);
  g_assert_cmpuint (count, ==, 0);
}

static gint64
add_followup (LgStore *store,
              gint64   lead_id,
              gint64   due_at)
{
  g_autoptr(LgFollowup) followup = lg_followup_new ();
  g_autoptr(GError) error = NULL;

  lg_followup_set_lead_id (followup, lead_id);
  lg_followup_set_due_at (followup, due_at);
  g_assert_true (lg_store_add_followup (store, followup, &error));
  g_assert_no_error (error);
  return lg_followup_get_id (followup);
}

static gboolean
is_stale (LgStore               *store,
          gint64                 id,
          const LgPipelineRules *rules,
          gint64                *next_followup)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) leads = lg_store_list_leads (store, NULL, rules, now (), &error);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (leads); i++)
    {
      g_autoptr(LgLead) lead = g_list_model_get_item (leads, i);

      if (lg_lead_get_id (lead) != id)
        continue;
      if (next_followup != NULL)
        *next_followup = lg_lead_get_next_followup_at (lead);
      return lg_lead_get_stale (lead);
    }
  g_assert_not_reached ();
}

static void
test_stale_rules (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgLead) old = lg_lead_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) stale = NULL;
  LgLeadFilter stale_only = { .stale_only = TRUE };
  LgPipelineRules rules;
  gint64 fresh, won, due, future;
  LgStmt *stmt;

  lg_pipeline_rules_init_defaults (&rules);
  rules.stale_days[LG_STAGE_WARM] = 7;

  /* Warm, untouched for 10 days: stale. */
  lg_lead_set_name (old, "Old");
  lg_lead_set_stage (old, "warm");
  lg_lead_set_created_at (old, now () - 10 * DAY);
  g_assert_true (lg_store_add_lead (store, old, &error));
  fresh = add_lead (store, "Fresh", "warm", 0);
  won = add_lead (store, "Won", "won", 0);
  g_assert_true (is_stale (store, lg_lead_get_id (old), &rules, NULL));
  g_assert_false (is_stale (store, fresh, &rules, NULL));

  /* A stage with no limit never goes stale, and won leads never do. */
  rules.stale_days[LG_STAGE_WARM] = 0;
  g_assert_false (is_stale (store, lg_lead_get_id (old), &rules, NULL));
  rules.stale_days[LG_STAGE_WARM] = 7;
  rules.stale_days[LG_STAGE_WON] = 1;
  g_assert_false (is_stale (store, won, &rules, NULL));

  stale = lg_store_list_leads (store, &stale_only, &rules, now (), &error);
  g_assert_cmpuint (g_list_model_get_n_items (stale), ==, 1);
  g_clear_object (&stale);

  /* An overdue follow-up does not pause it ... */
  due = now () - DAY;
  add_followup (store, lg_lead_get_id (old), due);
  g_assert_true (is_stale (store, lg_lead_get_id (old), &rules, NULL));

  /* ... a future one does, and is the card's next step only after the
   * overdue one. */
  future = add_followup (store, lg_lead_get_id (old), now () + 2 * DAY);
  {
    gint64 next = 0;

    g_assert_false (is_stale (store, lg_lead_get_id (old), &rules, &next));
    g_assert_cmpint (next, ==, due);
  }
  stale = lg_store_list_leads (store, &stale_only, &rules, now (), &error);
  g_assert_cmpuint (g_list_model_get_n_items (stale), ==, 0);

  /* Done, it no longer pauses anything. */
  stmt = lg_store_prepare (store, "UPDATE followups SET done_at = ?1 WHERE id = ?2", &error);
  lg_stmt_bind_int64 (stmt, 1, now ());
  lg_stmt_bind_int64 (stmt, 2, future);
  g_assert_cmpint (lg_stmt_step (stmt), ==, SQLITE_DONE);
  lg_stmt_reset (stmt);
  g_assert_true (is_stale (store, lg_lead_get_id (old), &rules, NULL));

  /* A touch restarts the clock. */
  g_assert_true (lg_store_log_touch (store, lg_lead_get_id (old), now (), NULL, &error));
  g_assert_no_error (error);
  g_assert_false (is_stale (store, lg_lead_get_id (old), &rules, NULL));
}

static void
test_update_and_validation (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  gint64 id = add_lead (store, "Anna", "cold", 0);
  g_autoptr(LgLead) lead = get_lead (store, id);
  g_autoptr(LgLead) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) activities = NULL;
  g_autoptr(LgActivity) edit = NULL;
  guint changed = 0;

  /* An invalid email: refused, nothing written, not even the valid phone. */
  lg_lead_set_email (lead, "anna@@example");
  lg_lead_set_phone (lead, "+44 20 7946 0958");
  g_assert_false (lg_store_update_lead (store, NULL, lead, "edit", &changed, &error));
  g_assert_error (error, LG_LEAD_VALIDATE_ERROR, LG_LEAD_VALIDATE_ERROR_EMAIL);
  g_clear_error (&error);
  stored = get_lead (store, id);
  g_assert_null (lg_lead_get_email (stored));
  g_assert_null (lg_lead_get_phone (stored));
  g_clear_object (&stored);

  /* Valid ones are stored normalised. */
  lg_lead_set_email (lead, " Anna@Example.ORG ");
  lg_lead_set_telegram_handle (lead, "https://t.me/anna_p");
  lg_lead_set_value (lead, 250000);
  g_assert_true (lg_store_update_lead (store, NULL, lead, "edit", &changed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 4);
  stored = get_lead (store, id);
  g_assert_cmpstr (lg_lead_get_email (stored), ==, "Anna@example.org");
  g_assert_cmpstr (lg_lead_get_phone (stored), ==, "+442079460958");
  g_assert_cmpstr (lg_lead_get_telegram_handle (stored), ==, "anna_p");
  g_assert_cmpint (lg_lead_get_value (stored), ==, 250000);
  g_assert_cmpstr (lg_lead_get_email (lead), ==, "Anna@example.org");

  /* One edit activity per field, with the values before and after. */
  activities = lg_store_list_activities (store, id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (activities), ==, 5);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(LgActivity) activity = g_list_model_get_item (activities, i);

      g_assert_cmpstr (lg_activity_get_kind (activity), ==, "edit");
      if (g_strcmp0 (lg_activity_get_detail (activity), "value") == 0)
        edit = g_object_ref (activity);
    }
  g_assert_nonnull (edit);
  g_assert_cmpstr (lg_activity_get_old_value (edit), ==, "0");
  g_assert_cmpstr (lg_activity_get_new_value (edit), ==, "250000");

  /* Saving again changes nothing and records nothing. */
  g_assert_true (lg_store_update_lead (store, NULL, lead, "edit", &changed, &error));
  g_assert_cmpuint (changed, ==, 0);

  /* A bad qualification, or nothing to call the lead by, is refused. */
  lg_lead_set_qualification (lead, "hot");
  g_assert_false (lg_store_update_lead (store, NULL, lead, "edit", NULL, &error));
  g_assert_error (error, LG_LEAD_VALIDATE_ERROR, LG_LEAD_VALIDATE_ERROR_QUALIFICATION);
  g_clear_error (&error);
  g_clear_object (&lead);
  lead = lg_lead_new ();
  lg_lead_set_id (lead, id);
  g_assert_false (lg_store_update_lead (store, NULL, lead, "edit", NULL, &error));
  g_assert_error (error, LG_LEAD_VALIDATE_ERROR, LG_LEAD_VALIDATE_ERROR_NAME);
}

static void
test_update_inside_callers_transaction (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  gint64 id = add_lead (store, "Importer", "cold", 0);
  g_autoptr(LgLead) lead = get_lead (store, id);
  g_autoptr(LgLead) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kinds = NULL;

  /* The CSV import runs many updates in its own transaction; rolling it
   * back undoes them. */
  g_assert_true (lg_store_begin (store, &error));
  lg_lead_set_company (lead, "Imported Ltd");
  g_assert_true (lg_store_update_lead (store, NULL, lead, "import", NULL, &error));
  g_assert_no_error (error);
  lg_store_rollback (store);
  stored = get_lead (store, id);
  g_assert_null (lg_lead_get_company (stored));
  g_clear_object (&stored);

  g_assert_true (lg_store_begin (store, &error));
  g_assert_true (lg_store_update_lead (store, NULL, lead, "import", NULL, &error));
  g_assert_true (lg_store_commit (store, &error));
  stored = get_lead (store, id);
  g_assert_cmpstr (lg_lead_get_company (stored), ==, "Imported Ltd");
  kinds = timeline (store, id);
  g_assert_cmpstr (kinds, ==, "import created");
}

static void
test_timeline (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  gint64 id = add_lead (store, "Timeline", "cold", 0);
  g_autoptr(LgLead) lead = get_lead (store, id);
  g_autoptr(LgLead) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kinds = NULL;
  gint64 first = now () - 60;

  move (store, id, LG_STAGE_WARM, 0, NULL);
  lg_lead_set_company (lead, "Clinic");
  g_assert_true (lg_store_update_lead (store, NULL, lead, "edit", NULL, &error));
  lg_lead_set_notes (lead, "Asked for a demo next week");
  g_assert_true (lg_store_update_lead (store, NULL, lead, "edit", NULL, &error));
  g_assert_true (lg_store_log_touch (store, id, first, NULL, &error));
  g_assert_true (lg_store_log_touch (store, id, now (), NULL, &error));
  g_assert_no_error (error);

  /* A touch is on the timeline at the time it happened, newest first. */
  kinds = timeline (store, id);
  g_assert_cmpstr (kinds, ==, "touch note edit stage created touch");

  /* The first touch stays the first. */
  stored = get_lead (store, id);
  g_assert_cmpint (lg_lead_get_first_touch_at (stored), ==, first);
  g_assert_cmpint (lg_lead_get_last_touch_at (stored), >=, now () - 5);
  g_assert_cmpstr (lg_lead_get_notes (stored), ==, "Asked for a demo next week");
}

static void
test_delete_and_undo (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgSource) source = lg_test_add_source (store, "dentists");
  gint64 id = add_lead (store, "Deleted", "warm", 120000);
  gint64 keep = add_lead (store, "Kept", "warm", 0);
  g_autoptr(LgDeletedLead) deleted = NULL;
  g_autoptr(LgLead) lead = get_lead (store, id);
  g_autoptr(LgLead) restored = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) followups = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *warm = NULL;
  LgStoreCounts counts;

  lg_lead_set_source_id (lead, lg_source_get_id (source));
  g_assert_true (lg_store_update_lead (store, NULL, lead, "edit", NULL, &error));
  add_followup (store, id, now () + DAY);
  move (store, keep, LG_STAGE_WARM, id, NULL);
  before = timeline (store, id);

  deleted = lg_store_delete_lead (store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (deleted);
  g_assert_cmpint (lg_deleted_lead_get_id (deleted), ==, id);
  g_assert_null (lg_store_get_lead (store, id, &error));
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (lg_store_count (store, &counts, &error));
  g_assert_cmpint (counts.leads, ==, 1);
  g_assert_cmpint (counts.followups, ==, 0);

  /* Undo: the same lead, id, place, timeline and follow-ups. */
  g_assert_true (lg_store_restore_lead (store, deleted, &error));
  g_assert_no_error (error);
  restored = get_lead (store, id);
  g_assert_cmpstr (lg_lead_get_name (restored), ==, "Deleted");
  g_assert_cmpint (lg_lead_get_value (restored), ==, 120000);
  g_assert_cmpint (lg_lead_get_source_id (restored), ==, lg_source_get_id (source));
  after = timeline (store, id);
  g_assert_cmpstr (after, ==, before);
  followups = lg_store_list_lead_followups (store, id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (followups), ==, 1);
  warm = column (store, "warm");
  g_assert_cmpstr (warm, ==, "Kept Deleted");

  g_assert_null (lg_store_delete_lead (store, 4242, &error));
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_NOT_FOUND);
}

static void
test_filters (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgSource) source = lg_test_add_source (store, "founders");
  gint64 id = add_lead (store, "Maria 100%", "cold", 0);
  g_autoptr(LgLead) lead = get_lead (store, id);
  g_autoptr(GError) error = NULL;
  LgPipelineRules rules;
  struct {
    LgLeadFilter filter;
    guint        expected;
  } cases[] = {
    { { .text = "maria" }, 1 },
    { { .text = "100%" }, 1 },
    { { .text = "0%" }, 1 },
    { { .text = "a%c" }, 0 },
    { { .text = "example.com" }, 1 },
    { { .text = "maria_p" }, 1 },
    { { .text = "Clinic" }, 1 },
    { { .source_id = 1 }, 1 },
    { { .source_id = 2 }, 0 },
    { { .qualification = "sql" }, 1 },
    { { .qualification = "mql" }, 0 },
    { { .stage = "cold", .text = "nobody" }, 0 },
    /* Letter case folds beyond ASCII too. */
    { { .text = "ёлкин" }, 1 },
    { { .text = "ПЁТР" }, 1 },
    { { .text = "пётр ж" }, 0 },
    { { .text = "ÉLODIE" }, 1 },
    { { .lead_id = id }, 1 },
    { { .lead_id = id, .qualification = "mql" }, 0 },
  };

  lg_pipeline_rules_init_defaults (&rules);
  add_lead (store, "Someone else", "hot", 0);
  add_lead (store, "Пётр Ёлкин", "warm", 0);
  add_lead (store, "élodie", "warm", 0);
  lg_lead_set_email (lead, "maria@example.com");
  lg_lead_set_telegram_handle (lead, "maria_p");
  lg_lead_set_company (lead, "Clinic");
  lg_lead_set_qualification (lead, "sql");
  lg_lead_set_source_id (lead, lg_source_get_id (source));
  g_assert_true (lg_store_update_lead (store, NULL, lead, "edit", NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GListModel) leads = lg_store_list_leads (store, &cases[i].filter, &rules, now (),
                                                         &error);

      g_assert_no_error (error);
      g_assert_cmpuint (g_list_model_get_n_items (leads), ==, cases[i].expected);
    }
}

static void
test_validate_fields (void)
{
  static const struct {
    const char *text;
    const char *email;
  } emails[] = {
    { "a@b.co", "a@b.co" },
    { "first.last+tag@Sub.Example.COM", "first.last+tag@sub.example.com" },
    { "mailto:x@example.org", "x@example.org" },
    { "ивan@пример.рф", "ивan@пример.рф" },
    { "", NULL },
    { "plainaddress", NULL },
    { "@example.com", NULL },
    { "a@b", NULL },
    { "a..b@example.com", NULL },
    { "a@-example.com", NULL },
    { "a b@example.com", NULL },
    { "a@example.c0m", NULL },
    /* The addresses the CSV import checked with a validator of its own. */
    { "a.b+c@example.co.uk", "a.b+c@example.co.uk" },
    { "lee.wong(at)example.com", NULL },
    { "a@@b.com", NULL },
    { "a b@c.com", NULL },
  };
  static const struct {
    const char *text;
    const char *phone;
  } phones[] = {
    { "+1 (555) 123-4567", "+15551234567" },
    { "0044 20 7946 0958", "+442079460958" },
    { "8 912 345-67-89", "89123456789" },
    { "123456", NULL },
    { "+1234567890123456", NULL },
    { "call me", NULL },
    { "+1 (415) 555-0100", "+14155550100" },
    { "0049 30 1234567", "+49301234567" },
    { "123", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (emails); i++)
    {
      g_autofree char *normalized = NULL;
      g_autoptr(GError) error = NULL;
      gboolean valid = lg_lead_validate_email (emails[i].text, &normalized, &error);

      g_assert_cmpstr (normalized, ==, emails[i].email);
      g_assert_true (valid == (emails[i].email != NULL || *emails[i].text == '\0'));
      if (!valid)
        g_assert_error (error, LG_LEAD_VALIDATE_ERROR, LG_LEAD_VALIDATE_ERROR_EMAIL);
    }

  for (guint i = 0; i < G_N_ELEMENTS (phones); i++)
    {
      g_autofree char *normalized = NULL;
      g_autoptr(GError) error = NULL;
      gboolean valid = lg_lead_validate_phone (phones[i].text, &normalized, &error);

      g_assert_cmpstr (normalized, ==, phones[i].phone);
      g_assert_true (valid == (phones[i].phone != NULL));
    }

  {
    g_autofree char *handle = NULL;
    g_autofree char *currency = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_true (lg_lead_validate_handle ("@Dr_Anna", &handle, &error));
    g_assert_cmpstr (handle, ==, "Dr_Anna");
    g_clear_pointer (&handle, g_free);
    g_assert_false (lg_lead_validate_handle ("@9lives", &handle, &error));
    g_assert_error (error, LG_LEAD_VALIDATE_ERROR, LG_LEAD_VALIDATE_ERROR_HANDLE);
    g_clear_error (&error);
    g_assert_true (lg_lead_validate_currency ("eur", &currency, &error));
    g_assert_cmpstr (currency, ==, "EUR");
    g_clear_pointer (&currency, g_free);
    g_assert_false (lg_lead_validate_currency ("euro", &currency, &error));
  }

  /* The import's dedupe key for a handle: the stored form, case folded. */
  {
    g_autofree char *link = lg_lead_handle_key ("https://t.me/Anna_Dental");
    g_autofree char *at = lg_lead_handle_key ("@anna_dental");
    g_autofree char *stored = lg_lead_handle_key ("Anna_Dental");

    g_assert_cmpstr (link, ==, "anna_dental");
    g_assert_cmpstr (at, ==, "anna_dental");
    g_assert_cmpstr (stored, ==, "anna_dental");
    g_assert_null (lg_lead_handle_key ("not a handle!"));
    g_assert_null (lg_lead_handle_key (""));
  }
}

static void
test_money (void)
{
  static const struct {
    const char *text;
    gboolean    valid;
    gint64      minor;
  } cases[] = {
    { "1200", TRUE, 120000 },
    { "1,200.50", TRUE, 120050 },
    { "1 200,5", TRUE, 120050 },
    { "0.99", TRUE, 99 },
    { "1,200", TRUE, 120000 },
    { "1.200,50", TRUE, 120050 },
    { "1,200,000", TRUE, 120000000 },
    { "1'200", TRUE, 120000 },
    { "$1,200", TRUE, 120000 },
    { "1200 EUR", TRUE, 120000 },
    { "15 000 руб.", TRUE, 1500000 },
    { "99.9", TRUE, 9990 },
    { "", FALSE, 0 },
    { "12abc", FALSE, 0 },
    { "12 EUR 5", FALSE, 0 },
    { "1.200", FALSE, 0 },   /* 1200 or 1.2: refused, not guessed */
    { "12.345", FALSE, 0 },
    { "-5", FALSE, 0 },
    { "EUR", FALSE, 0 },
    { "1,20,000", TRUE, 12000000 },  /* as written in India */
    { "0,125", FALSE, 0 },           /* no thousand */
    { ",125", FALSE, 0 },
    { "12,345,67", FALSE, 0 },
    { "1.2.3", FALSE, 0 },
    { "1$2", FALSE, 0 },
    { "1200€", TRUE, 120000 },
    { ".5", TRUE, 50 },
    { "92233720368547759", FALSE, 0 }, /* beyond what fits */
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 minor = -1;

      g_assert_true (lg_parse_money (cases[i].text, &minor) == cases[i].valid);
      if (cases[i].valid)
        g_assert_cmpint (minor, ==, cases[i].minor);
    }
}

static void
test_due_state (void)
{
  g_autoptr(GDateTime) noon = g_date_time_new_local (2026, 3, 10, 12, 0, 0);
  gint64 t = g_date_time_to_unix (noon);

  g_assert_cmpint (lg_due_state (0, t), ==, LG_DUE_NONE);
  g_assert_cmpint (lg_due_state (t - 60, t), ==, LG_DUE_OVERDUE);
  g_assert_cmpint (lg_due_state (t + 11 * 3600, t), ==, LG_DUE_TODAY);
  g_assert_cmpint (lg_due_state (t + 13 * 3600, t), ==, LG_DUE_LATER);
}

static void
close_leads (LgStore *store,
             guint    n,
             LgStage  stage,
             gint64   source_id)
{
  for (guint i = 0; i < n; i++)
    {
      gint64 id = add_lead (store, "Closed", "cold", 0);

      if (source_id > 0)
        {
          g_autoptr(LgLead) lead = get_lead (store, id);
          g_autoptr(GError) error = NULL;

          lg_lead_set_source_id (lead, source_id);
          g_assert_true (lg_store_update_lead (store, NULL, lead, "edit", NULL, &error));
        }
      move (store, id, stage, 0, NULL);
    }
}

static void
test_predict_from_store (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgSource) good = lg_test_add_source (store, "good");
  g_autoptr(LgLead) lead = lg_lead_new ();
  g_autoptr(LgPrediction) early = NULL;
  g_autoptr(LgPrediction) later = NULL;
  g_autoptr(GError) error = NULL;

  lg_lead_set_name (lead, "Open");
  lg_lead_set_score (lead, 55);
  lg_lead_set_source_id (lead, lg_source_get_id (good));
  g_assert_true (lg_store_add_lead (store, lead, &error));

  /* 19 closed: the rule-based score. */
  close_leads (store, 9, LG_STAGE_WON, lg_source_get_id (good));
  close_leads (store, 10, LG_STAGE_LOST, 0);
  early = lg_store_predict_lead (store, lead, &error);
  g_assert_no_error (error);
  g_assert_true (early->fallback);
  g_assert_cmpint (early->probability, ==, 55);

  /* One more loss makes 20: the model, and the good source pushes it up. */
  close_leads (store, 1, LG_STAGE_LOST, 0);
  later = lg_store_predict_lead (store, lead, &error);
  g_assert_false (later->fallback);
  g_assert_cmpuint (later->n_won, ==, 9);
  g_assert_cmpuint (later->n_lost, ==, 11);
  g_assert_cmpint (later->probability, >, 90);
  g_assert_cmpint (((LgPredictiveFactor *) g_ptr_array_index (later->factors, 0))->field, ==,
                   LG_PREDICTIVE_SOURCE);
}

/* A full disk: the user reads what happened and what to do, and the lead
 * that did not fit is not half there. SQLite's page limit stands in for the
 * disk (a write past it fails as on a full disk, with SQLITE_FULL). */
/* Two people edit one lead, each from what they saw (two connections:
 * another app on the same file, or a colleague on a team workspace). */
static void
test_edits_meet (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgStore) other = lg_test_open_other (store);
  g_autoptr(GError) error = NULL;
  gint64 id = add_lead (store, "Maria", "cold", 0);
  g_autoptr(LgLead) seen = get_lead (store, id);
  g_autoptr(LgLead) theirs = get_lead (other, id);
  g_autoptr(LgLead) mine = get_lead (store, id);
  g_autoptr(LgLead) stored = NULL;
  g_autoptr(LgLead) again = NULL;
  g_autoptr(GListModel) timeline = NULL;
  g_autoptr(LgActivity) newest = NULL;

  /* They change the email; I change the phone from the lead as I saw it:
   * both stay, mine does not write their field back. */
  lg_lead_set_email (theirs, "maria@example.com");
  g_assert_true (lg_store_update_lead (other, NULL, theirs, "edit", NULL, &error));
  g_assert_no_error (error);
  lg_lead_set_phone (mine, "+15550100");
  g_assert_true (lg_store_update_lead (store, seen, mine, "edit", NULL, &error));
  g_assert_no_error (error);
  stored = get_lead (store, id);
  g_assert_cmpstr (lg_lead_get_email (stored), ==, "maria@example.com");
  g_assert_cmpstr (lg_lead_get_phone (stored), ==, "+15550100");

  /* They change the company; I change it too, from before theirs: refused,
   * theirs stays, and the message says whose change and what is stored. */
  g_clear_object (&seen);
  seen = get_lead (store, id);
  g_clear_object (&mine);
  mine = get_lead (store, id);
  g_clear_object (&theirs);
  theirs = get_lead (other, id);
  lg_store_set_person ("Olga");
  lg_lead_set_company (theirs, "Clinic North");
  g_assert_true (lg_store_update_lead (other, NULL, theirs, "edit", NULL, &error));
  lg_store_set_person ("Ivan");
  lg_lead_set_company (mine, "Clinic South");
  g_assert_false (lg_store_update_lead (store, seen, mine, "edit", NULL, &error));
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Olga changed this lead’s company just now, to "
                                            "“Clinic North”"));
  g_clear_error (&error);
  again = get_lead (store, id);
  g_assert_cmpstr (lg_lead_get_company (again), ==, "Clinic North");

  /* The timeline says who: the newest entry is Olga's company. */
  timeline = lg_store_list_activities (store, id, &error);
  g_assert_no_error (error);
  newest = g_list_model_get_item (timeline, 0);
  g_assert_cmpstr (lg_activity_get_detail (newest), ==, "company");
  g_assert_cmpstr (lg_activity_get_author (newest), ==, "Olga");
  lg_store_set_person (NULL);

  /* The same change made by both is no conflict. */
  lg_lead_set_company (mine, "Clinic North");
  g_assert_true (lg_store_update_lead (store, seen, mine, "edit", NULL, &error));
  g_assert_no_error (error);
}

/* A lead is looked after by whoever added it; "mine" is one's own and the
 * ones nobody looks after yet (an import's). */
static void
test_owners (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) mine = NULL;
  g_autoptr(LgLead) got = NULL;
  LgLeadFilter filter = { .owner = "Ivan" };
  LgPipelineRules rules;
  g_autofree char *sql = NULL;
  gint64 olgas, ivans, nobodys;

  lg_pipeline_rules_init_defaults (&rules);
  lg_store_set_person ("Olga");
  olgas = add_lead (store, "Maria", "cold", 0);
  lg_store_set_person ("Ivan");
  ivans = add_lead (store, "Petr", "warm", 0);
  nobodys = add_lead (store, "Anna", "hot", 0);
  sql = g_strdup_printf ("UPDATE leads SET owner = NULL WHERE id = %" G_GINT64_FORMAT, nobodys);
  g_assert_true (lg_store_exec (store, sql, &error));
  g_assert_no_error (error);

  got = get_lead (store, olgas);
  g_assert_cmpstr (lg_lead_get_owner (got), ==, "Olga");
  mine = lg_store_list_leads (store, &filter, &rules, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (mine), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(LgLead) lead = g_list_model_get_item (mine, i);

      g_assert_true (lg_lead_get_id (lead) == ivans || lg_lead_get_id (lead) == nobodys);
    }
  g_clear_object (&mine);

  /* A colleague's alone, and nobody's alone. */
  filter.owner_alone = TRUE;
  mine = lg_store_list_leads (store, &filter, &rules, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (mine), ==, 1);
  g_clear_object (&got);
  got = g_list_model_get_item (mine, 0);
  g_assert_cmpint (lg_lead_get_id (got), ==, ivans);
  g_clear_object (&mine);
  filter.owner = "";
  mine = lg_store_list_leads (store, &filter, &rules, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (mine), ==, 1);
  g_clear_object (&got);
  got = g_list_model_get_item (mine, 0);
  g_assert_cmpint (lg_lead_get_id (got), ==, nobodys);
  lg_store_set_person (NULL);
}

/* Olga hands her lead over to Ivan: his from then on, said in its timeline
 * by whom; handing it to nobody leaves it for anyone to pick up. */
static void
test_hand_over (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) timeline = NULL;
  g_autoptr(LgActivity) newest = NULL;
  g_autoptr(LgLead) got = NULL;
  g_auto(GStrv) people = NULL;
  g_autofree char *said = NULL;
  guint n_entries;
  gint64 id;

  lg_store_set_person ("Olga");
  id = add_lead (store, "Maria", "cold", 0);
  timeline = lg_store_list_activities (store, id, &error);
  g_assert_no_error (error);
  n_entries = g_list_model_get_n_items (timeline);
  g_clear_object (&timeline);

  g_assert_true (lg_store_set_lead_owner (store, id, "Ivan", &error));
  g_assert_no_error (error);
  got = get_lead (store, id);
  g_assert_cmpstr (lg_lead_get_owner (got), ==, "Ivan");
  timeline = lg_store_list_activities (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (timeline), ==, n_entries + 1);
  newest = g_list_model_get_item (timeline, 0);
  said = lg_activity_describe (newest);
  g_assert_cmpstr (said, ==, "Handed over to Ivan");
  g_assert_cmpstr (lg_activity_get_author (newest), ==, "Olga");
  g_clear_object (&timeline);

  /* Already his: nothing more in the timeline. */
  g_assert_true (lg_store_set_lead_owner (store, id, "Ivan", &error));
  timeline = lg_store_list_activities (store, id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (timeline), ==, n_entries + 1);

  people = lg_store_list_people (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (people, ((const char *[]) { "Ivan", "Olga", NULL }));

  g_assert_true (lg_store_set_lead_owner (store, id, "", &error));
  g_assert_no_error (error);
  g_clear_object (&got);
  got = get_lead (store, id);
  g_assert_null (lg_lead_get_owner (got));

  g_assert_false (lg_store_set_lead_owner (store, id + 1000, "Ivan", &error));
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_NOT_FOUND);
  lg_store_set_person (NULL);
}

static void
test_disk_full (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *pragma = NULL;
  g_autofree char *notes = g_strnfill (64 * 1024, 'x');
  g_autoptr(LgLead) big = lg_lead_new ();
  g_autoptr(GListModel) leads = NULL;
  LgPipelineRules rules;
  LgStmt *stmt;
  int pages;

  if (lg_store_is_remote (store))
    {
      g_test_skip ("the full disk is SQLite's page limit; a team workspace's server "
                   "answers for its own disk");
      return;
    }
  add_lead (store, "Fits", "cold", 0);
  stmt = lg_store_prepare (store, "PRAGMA page_count", &error);
  g_assert_no_error (error);
  g_assert_cmpint (lg_stmt_step (stmt), ==, SQLITE_ROW);
  pages = lg_stmt_column_int (stmt, 0);
  lg_stmt_reset (stmt);
  pragma = g_strdup_printf ("PRAGMA max_page_count = %d", pages);
  g_assert_true (lg_store_exec (store, pragma, &error));

  lg_lead_set_name (big, "Does not fit");
  lg_lead_set_notes (big, notes);
  g_assert_false (lg_store_add_lead (store, big, &error));
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_QUERY);
  g_assert_nonnull (strstr (error->message, "the disk is full. Free some space"));
  g_clear_error (&error);

  lg_pipeline_rules_init_defaults (&rules);
  leads = lg_store_list_leads (store, NULL, &rules, now (), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (leads), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/leads/moves-and-order", test_moves_and_order);
  g_test_add_func ("/leads/order-survives-crowding", test_order_survives_crowding);
  g_test_add_func ("/leads/closing-and-reopening", test_closing_and_reopening);
  g_test_add_func ("/leads/totals", test_totals);
  g_test_add_func ("/leads/stale-rules", test_stale_rules);
  g_test_add_func ("/leads/update-and-validation", test_update_and_validation);
  g_test_add_func ("/leads/update-inside-callers-transaction",
                   test_update_inside_callers_transaction);
  g_test_add_func ("/leads/timeline", test_timeline);
  g_test_add_func ("/leads/delete-and-undo", test_delete_and_undo);
  g_test_add_func ("/leads/filters", test_filters);
  g_test_add_func ("/leads/validate-fields", test_validate_fields);
  g_test_add_func ("/leads/money", test_money);
  g_test_add_func ("/leads/due-state", test_due_state);
  g_test_add_func ("/leads/predict-from-store", test_predict_from_store);
  g_test_add_func ("/leads/edits-meet", test_edits_meet);
  g_test_add_func ("/leads/owners", test_owners);
  g_test_add_func ("/leads/hand-over", test_hand_over);
  g_test_add_func ("/leads/disk-full", test_disk_full);

  return g_test_run ();
}
