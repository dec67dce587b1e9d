/* lg-store-followups.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The follow-up queries of LgStore: the Follow-ups view's buckets, what the
 * scheduler wakes for, completing, snoozing, and "stay in touch every N days".
 */

#define G_LOG_DOMAIN "lg-store"

#include "config.h"

/* PRId64, not G_GINT64_FORMAT, in translatable strings: xgettext knows it. */
#include <inttypes.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "lg-followup-time.h"
#include "lg-store-private.h"

/* When it is due now: the snooze, when there is one, else the due time. */
#define EFFECTIVE_DUE "max (f.due_at, f.snoozed_until)"

#define FOLLOWUP_COLUMNS \
  "f.id, f.lead_id, f.due_at, f.kind, f.note, f.done_at, f.snoozed_until, f.stay_in_touch, " \
  "coalesce (nullif (l.name, ''), l.telegram_handle, l.email, '') "

#define FOLLOWUP_FROM " FROM followups f JOIN leads l ON l.id = f.lead_id "

/* In a team workspace a reminder is for whoever looks after the lead (or
 * anyone, while nobody does): five colleagues should not all be told to
 * call the same lead. A personal file reminds of every follow-up, whatever
 * name its owner signed with then. ?1 is the person (NULL: anyone). */
#define FOR_WHOM " AND (?1 IS NULL OR l.owner IS NULL OR l.owner = ?1) "

static void
bind_whom (LgStore *self,
           LgStmt  *stmt)
{
  lg_stmt_bind_text (stmt, 1, lg_store_is_remote (self) ? lg_store_get_person () : NULL);
}

static LgFollowup *
followup_from_row (LgStmt *stmt)
{
  LgFollowup *followup = lg_followup_new ();

  lg_followup_set_id (followup, lg_stmt_column_int64 (stmt, 0));
  lg_followup_set_lead_id (followup, lg_stmt_column_int64 (stmt, 1));
  lg_followup_set_due_at (followup, lg_stmt_column_int64 (stmt, 2));
  lg_followup_set_kind (followup, lg_stmt_text (stmt, 3));
  lg_followup_set_note (followup, lg_stmt_text (stmt, 4));
  lg_followup_set_done_at (followup, lg_stmt_column_int64 (stmt, 5));
  lg_followup_set_snoozed_until (followup, lg_stmt_column_int64 (stmt, 6));
  lg_followup_set_stay_in_touch (followup, lg_stmt_column_int (stmt, 7) != 0);
  lg_followup_set_lead_name (followup, lg_stmt_text (stmt, 8));
  return followup;
}

static GListModel *
collect_followups (LgStore      *self,
                   LgStmt *stmt,
                   GError      **error)
{
  return lg_store_collect_rows (self, stmt, LG_TYPE_FOLLOWUP, (LgRowReader) followup_from_row,
                                _("Could not list the follow-ups"), error);
}

LgFollowup *
lg_store_get_followup (LgStore  *self,
                       gint64    id,
                       GError  **error)
{
  g_autofree char *missing = NULL;
  LgStmt *stmt;
  LgFollowup *followup;

  g_return_val_if_fail (LG_IS_STORE (self), NULL);

  stmt = lg_store_prepare (self, "SELECT " FOLLOWUP_COLUMNS FOLLOWUP_FROM "WHERE f.id = ?", error);
  if (stmt == NULL)
    return NULL;

  lg_stmt_bind_int64 (stmt, 1, id);
  missing = g_strdup_printf (_("There is no follow-up with id %" PRId64), id);
  if (!lg_store_step_one (self, stmt, missing, _("Could not read the follow-up"), error))
    return NULL;

  followup = followup_from_row (stmt);
  lg_stmt_reset (stmt);
  return followup;
}

GListModel *
lg_store_list_followups (LgStore           *self,
                         LgFollowupBucket   bucket,
                         gint64             now,
                         GTimeZone         *tz,
                         guint              limit,
                         GError           **error)
{
  static const char *queries[LG_FOLLOWUP_N_BUCKETS] = {
    "SELECT " FOLLOWUP_COLUMNS FOLLOWUP_FROM
    "WHERE f.done_at = 0 AND " EFFECTIVE_DUE " < ?1 "
    "ORDER BY " EFFECTIVE_DUE ", f.id LIMIT ?3",
    "SELECT " FOLLOWUP_COLUMNS FOLLOWUP_FROM
    "WHERE f.done_at = 0 AND " EFFECTIVE_DUE " >= ?1 AND " EFFECTIVE_DUE " < ?2 "
    "ORDER BY " EFFECTIVE_DUE ", f.id LIMIT ?3",
    "SELECT " FOLLOWUP_COLUMNS FOLLOWUP_FROM
    "WHERE f.done_at = 0 AND " EFFECTIVE_DUE " >= ?2 "
    "ORDER BY " EFFECTIVE_DUE ", f.id LIMIT ?3",
    "SELECT " FOLLOWUP_COLUMNS FOLLOWUP_FROM
    "WHERE f.done_at > 0 "
    "ORDER BY f.done_at DESC, f.id DESC LIMIT ?3",
  };
  LgStmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (self), NULL);
  g_return_val_if_fail (bucket < LG_FOLLOWUP_N_BUCKETS, NULL);

  stmt = lg_store_prepare (self, queries[bucket], error);
  if (stmt == NULL)
    return NULL;

  lg_stmt_bind_int64 (stmt, 1, now);
  lg_stmt_bind_int64 (stmt, 2, lg_followup_local_day_start (now, 1, tz));
  lg_stmt_bind_int64 (stmt, 3, limit > 0 ? (gint64) limit : G_MAXINT64);
  return collect_followups (self, stmt, error);
}

gboolean
lg_store_count_followups (LgStore           *self,
                          gint64             now,
                          GTimeZone         *tz,
                          LgFollowupCounts  *counts,
                          GError           **error)
{
  LgStmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  stmt = lg_store_prepare (self,
                           "SELECT "
                           "  count (*) FILTER (WHERE f.done_at = 0 AND " EFFECTIVE_DUE " < ?1),"
                           "  count (*) FILTER (WHERE f.done_at = 0 AND " EFFECTIVE_DUE " >= ?1"
                           "                    AND " EFFECTIVE_DUE " < ?2),"
                           "  count (*) FILTER (WHERE f.done_at = 0 AND " EFFECTIVE_DUE " >= ?2),"
                           "  count (*) FILTER (WHERE f.done_at > 0) "
                           "FROM followups f",
                           error);
  if (stmt == NULL)
    return FALSE;

  lg_stmt_bind_int64 (stmt, 1, now);
  lg_stmt_bind_int64 (stmt, 2, lg_followup_local_day_start (now, 1, tz));
  if (lg_stmt_step (stmt) != SQLITE_ROW)
    {
      lg_store_set_error (self, error, _("Could not count the follow-ups"));
      lg_stmt_reset (stmt);
      return FALSE;
    }

  for (int i = 0; i < LG_FOLLOWUP_N_BUCKETS; i++)
    counts->counts[i] = lg_stmt_column_int64 (stmt, i);
  lg_stmt_reset (stmt);
  return TRUE;
}

GListModel *
lg_store_list_lead_followups (LgStore  *self,
                              gint64    lead_id,
                              GError  **error)
{
  LgStmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (self), NULL);

  stmt = lg_store_prepare (self,
                           "SELECT " FOLLOWUP_COLUMNS FOLLOWUP_FROM "WHERE f.lead_id = ? "
                           "ORDER BY f.done_at > 0, "
                           "  CASE WHEN f.done_at = 0 THEN " EFFECTIVE_DUE " ELSE -f.done_at END, "
                           "  f.id",
                           error);
  if (stmt == NULL)
    return NULL;

  lg_stmt_bind_int64 (stmt, 1, lead_id);
  return collect_followups (self, stmt, error);
}

gboolean
lg_store_next_followup_due (LgStore  *self,
                            gint64   *due_at,
                            GError  **error)
{
  LgStmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (due_at != NULL, FALSE);

  stmt = lg_store_prepare (self,
                           "SELECT coalesce (min (" EFFECTIVE_DUE "), 0)" FOLLOWUP_FROM
                           "WHERE f.done_at = 0 AND f.notified_due_at <> " EFFECTIVE_DUE
                           FOR_WHOM,
                           error);
  if (stmt == NULL)
    return FALSE;

  bind_whom (self, stmt);
  if (lg_stmt_step (stmt) != SQLITE_ROW)
    {
      lg_store_set_error (self, error, _("Could not read the next follow-up"));
      lg_stmt_reset (stmt);
      return FALSE;
    }

  *due_at = lg_stmt_column_int64 (stmt, 0);
  lg_stmt_reset (stmt);
  return TRUE;
}

GListModel *
lg_store_list_due_followups (LgStore  *self,
                             gint64    now,
                             GError  **error)
{
  LgStmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (self), NULL);

  stmt = lg_store_prepare (self,
                           "SELECT " FOLLOWUP_COLUMNS FOLLOWUP_FROM
                           "WHERE f.done_at = 0 AND " EFFECTIVE_DUE " <= ?2 "
                           "AND f.notified_due_at <> " EFFECTIVE_DUE FOR_WHOM
                           "ORDER BY " EFFECTIVE_DUE ", f.id",
                           error);
  if (stmt == NULL)
    return NULL;

  bind_whom (self, stmt);
  lg_stmt_bind_int64 (stmt, 2, now);
  return collect_followups (self, stmt, error);
}

/* Runs a one-row UPDATE of followup `id` (?2) with `value` (?1, which the SQL
 * may leave unused); a missing row is NOT_FOUND. */
static gboolean
update_followup (LgStore     *self,
                 const char  *sql,
                 gint64       id,
                 gint64       value,
                 const char  *what,
                 GError     **error)
{
  LgStmt *stmt = lg_store_prepare (self, sql, error);
  g_autofree char *missing = NULL;

  if (stmt == NULL)
    return FALSE;

  lg_stmt_bind_int64 (stmt, 1, value);
  lg_stmt_bind_int64 (stmt, 2, id);
  missing = g_strdup_printf (_("There is no follow-up with id %" PRId64), id);
  return lg_store_step_change (self, stmt, what, missing, error);
}

gboolean
lg_store_mark_followup_notified (LgStore  *self,
                                 gint64    id,
                                 GError  **error)
{
  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  return update_followup (self,
                          "UPDATE followups SET notified_due_at = max (due_at, snoozed_until) "
                          "WHERE id = ?2",
                          id, 0, _("Could not update the follow-up"), error);
}

gboolean
lg_store_snooze_followup (LgStore  *self,
                          gint64    id,
                          gint64    until,
                          GError  **error)
{
  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  return update_followup (self, "UPDATE followups SET snoozed_until = ?1 WHERE id = ?2",
                          id, until, _("Could not snooze the follow-up"), error);
}

static gboolean
add_activity (LgStore     *self,
              gint64       lead_id,
              const char  *kind,
              gint64       at,
              const char  *detail,
              const char  *old_value,
              GError     **error)
{
  LgStmt *stmt;

  stmt = lg_store_prepare (self,
                           "INSERT INTO activities (lead_id, kind, at, detail, old_value, author) "
                           "VALUES (?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;

  lg_stmt_bind_int64 (stmt, 1, lead_id);
  lg_stmt_bind_string (stmt, 2, kind, -1, SQLITE_STATIC);
  lg_stmt_bind_int64 (stmt, 3, at);
  lg_stmt_bind_string (stmt, 4, detail != NULL ? detail : "", -1, SQLITE_TRANSIENT);
  lg_stmt_bind_string (stmt, 5, old_value, -1, SQLITE_TRANSIENT);
  lg_store_bind_person (stmt, 6);
  return lg_store_step_done (self, stmt, _("Could not write the lead’s timeline"), error);
}

/* Keeps the lead's one open stay-in-touch follow-up in step with its rule and
 * last touch; removes it when the rule is off or the lead is closed. Runs
 * inside the caller's transaction. */
static gboolean
reschedule_stay_in_touch (LgStore    *self,
                          gint64      lead_id,
                          GTimeZone  *tz,
                          GError    **error)
{
  LgStmt *stmt;
  g_autofree char *missing = g_strdup_printf (_("There is no lead with id %" PRId64), lead_id);
  gint64 days, last_touch, due;
  gboolean closed;

  stmt = lg_store_prepare (self,
                           "SELECT stay_in_touch_days, "
                           "  CASE WHEN last_touch_at > 0 THEN last_touch_at ELSE created_at END, "
                           "  stage IN ('won', 'lost') FROM leads WHERE id = ?",
                           error);
  if (stmt == NULL)
    return FALSE;

  lg_stmt_bind_int64 (stmt, 1, lead_id);
  if (!lg_store_step_one (self, stmt, missing, _("Could not read the lead"), error))
    return FALSE;
  days = lg_stmt_column_int64 (stmt, 0);
  last_touch = lg_stmt_column_int64 (stmt, 1);
  closed = lg_stmt_column_int (stmt, 2) != 0;
  lg_stmt_reset (stmt);

  if (days <= 0 || closed)
    {
      stmt = lg_store_prepare (self,
                               "DELETE FROM followups "
                               "WHERE lead_id = ? AND stay_in_touch = 1 AND done_at = 0",
                               error);
      if (stmt == NULL)
        return FALSE;
      lg_stmt_bind_int64 (stmt, 1, lead_id);
      return lg_store_step_done (self, stmt, _("Could not update the follow-ups"), error);
    }

  due = lg_followup_local_morning (last_touch, (int) days, tz);

  stmt = lg_store_prepare (self,
                           "UPDATE followups SET due_at = ?1, snoozed_until = 0, "
                           "  notified_due_at = 0 "
                           "WHERE lead_id = ?2 AND stay_in_touch = 1 AND done_at = 0",
                           error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_int64 (stmt, 1, due);
  lg_stmt_bind_int64 (stmt, 2, lead_id);
  if (!lg_store_step_done (self, stmt, _("Could not update the follow-ups"), error))
    return FALSE;
  if (lg_store_changes (self) > 0)
    return TRUE;

  stmt = lg_store_prepare (self,
                           "INSERT INTO followups (lead_id, due_at, kind, note, created_at, "
                           "  stay_in_touch) VALUES (?, ?, 'message', ?, ?, 1)",
                           error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_int64 (stmt, 1, lead_id);
  lg_stmt_bind_int64 (stmt, 2, due);
  lg_stmt_bind_string (stmt, 3, _("Stay in touch"), -1, SQLITE_TRANSIENT);
  lg_stmt_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);
  return lg_store_step_done (self, stmt, _("Could not schedule the follow-up"), error);
}

/* The lead's touch times as the timeline entry of a touch keeps them
 * ("LAST FIRST"), so that undoing the touch can put them back exactly: an
 * import may have set them without any timeline entry to recompute from. */
static char *
read_touch_times (LgStore     *self,
                  gint64       lead_id,
                  GError     **error)
{
  g_autofree char *missing = g_strdup_printf (_("There is no lead with id %" PRId64), lead_id);
  LgStmt *stmt;
  char *times;

  stmt = lg_store_prepare (self, "SELECT last_touch_at, first_touch_at FROM leads WHERE id = ?",
                           error);
  if (stmt == NULL)
    return NULL;

  lg_stmt_bind_int64 (stmt, 1, lead_id);
  if (!lg_store_step_one (self, stmt, missing, _("Could not read the lead"), error))
    return NULL;
  times = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                           (gint64) lg_stmt_column_int64 (stmt, 0),
                           (gint64) lg_stmt_column_int64 (stmt, 1));
  lg_stmt_reset (stmt);
  return times;
}

/* The touch itself, inside the caller's transaction. */
static gboolean
touch_lead (LgStore     *self,
            gint64       lead_id,
            gint64       at,
            const char  *activity_kind,
            const char  *detail,
            GTimeZone   *tz,
            GError     **error)
{
  g_autofree char *before = NULL;
  LgStmt *stmt;

  before = read_touch_times (self, lead_id, error);
  if (before == NULL)
    return FALSE;

  stmt = lg_store_prepare (self,
                           "UPDATE leads SET last_touch_at = max (last_touch_at, ?1), "
                           "  first_touch_at = CASE WHEN first_touch_at = 0 THEN ?1 "
                           "                   ELSE first_touch_at END "
                           "WHERE id = ?2",
                           error);
  if (stmt == NULL)
    return FALSE;

  lg_stmt_bind_int64 (stmt, 1, at);
  lg_stmt_bind_int64 (stmt, 2, lead_id);
  if (!lg_store_step_done (self, stmt, _("Could not update the lead"), error))
    return FALSE;

  return add_activity (self, lead_id, activity_kind, at, detail, before, error) &&
         reschedule_stay_in_touch (self, lead_id, tz, error);
}

/* Takes back the touch touch_lead() logged at `at`: its timeline entry goes
 * and the lead's touch times are those it had before. */
static gboolean
untouch_lead (LgStore     *self,
              gint64       lead_id,
              gint64       at,
              const char  *activity_kind,
              GError     **error)
{
  LgStmt *stmt;
  const char *before;
  gint64 activity_id, last_touch = 0, first_touch = 0;
  int rc;

  stmt = lg_store_prepare (self,
                           "SELECT id, old_value FROM activities "
                           "WHERE lead_id = ? AND kind = ? AND at = ? ORDER BY id DESC LIMIT 1",
                           error);
  if (stmt == NULL)
    return FALSE;

  lg_stmt_bind_int64 (stmt, 1, lead_id);
  lg_stmt_bind_string (stmt, 2, activity_kind, -1, SQLITE_STATIC);
  lg_stmt_bind_int64 (stmt, 3, at);
  rc = lg_stmt_step (stmt);
  if (rc != SQLITE_ROW)
    {
      /* The entry is gone (the lead's timeline was edited since): the touch
       * times stay as they are rather than be guessed. */
      lg_stmt_reset (stmt);
      if (rc == SQLITE_DONE)
        return TRUE;
      lg_store_set_error (self, error, _("Could not read the lead’s timeline"));
      return FALSE;
    }
  activity_id = lg_stmt_column_int64 (stmt, 0);
  before = (const char *) lg_stmt_column_text (stmt, 1);
  if (before == NULL ||
      sscanf (before, "%" SCNd64 " %" SCNd64, &last_touch, &first_touch) != 2)
    last_touch = first_touch = -1;
  lg_stmt_reset (stmt);

  stmt = lg_store_prepare (self, "DELETE FROM activities WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_int64 (stmt, 1, activity_id);
  if (!lg_store_step_done (self, stmt, _("Could not write the lead’s timeline"), error))
    return FALSE;

  /* An entry written before the touch times were kept in it. */
  if (last_touch < 0)
    return TRUE;

  stmt = lg_store_prepare (self,
                           "UPDATE leads SET last_touch_at = ?1, first_touch_at = ?2 WHERE id = ?3",
                           error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_int64 (stmt, 1, last_touch);
  lg_stmt_bind_int64 (stmt, 2, first_touch);
  lg_stmt_bind_int64 (stmt, 3, lead_id);
  return lg_store_step_done (self, stmt, _("Could not update the lead"), error);
}

gboolean
lg_store_log_touch (LgStore     *self,
                    gint64       lead_id,
                    gint64       at,
                    GTimeZone   *tz,
                    GError     **error)
{
  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  if (!lg_store_begin (self, error))
    return FALSE;

  if (!touch_lead (self, lead_id, at, "touch", NULL, tz, error))
    {
      lg_store_rollback (self);
      return FALSE;
    }

  return lg_store_commit (self, error);
}

gboolean
lg_store_log_outreach (LgStore     *self,
                       gint64       lead_id,
                       gint64       at,
                       const char  *text,
                       gboolean     cold_to_warm,
                       GTimeZone   *tz,
                       gboolean    *warmed,
                       GError     **error)
{
  g_autoptr(LgLead) lead = NULL;
  gboolean moved = FALSE;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  if (!lg_store_begin (self, error))
    return FALSE;

  if (!touch_lead (self, lead_id, at, "touch", text, tz, error))
    goto fail;
  if (cold_to_warm)
    {
      lead = lg_store_get_lead (self, lead_id, error);
      if (lead == NULL)
        goto fail;
      if (lg_stage_from_id (lg_lead_get_stage (lead)) == LG_STAGE_COLD)
        {
          if (!lg_store_move_lead (self, lead_id, LG_STAGE_WARM, 0, NULL, error))
            goto fail;
          moved = TRUE;
        }
    }
  if (!lg_store_commit (self, error))
    return FALSE;
  if (warmed != NULL)
    *warmed = moved;
  return TRUE;

fail:
  lg_store_rollback (self);
  return FALSE;
}

gboolean
lg_store_complete_followup (LgStore     *self,
                            gint64       id,
                            gint64       at,
                            GTimeZone   *tz,
                            GError     **error)
{
  g_autoptr(LgFollowup) followup = NULL;
  g_autofree char *detail = NULL;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  followup = lg_store_get_followup (self, id, error);
  if (followup == NULL)
    return FALSE;
  /* A second click on a notification's Done button. */
  if (lg_followup_get_done_at (followup) > 0)
    return TRUE;

  if (!lg_store_begin (self, error))
    return FALSE;

  detail = g_strdup_printf ("%s: %s", lg_followup_kind_label (lg_followup_get_kind (followup)),
                            lg_followup_get_note (followup));
  if (!update_followup (self, "UPDATE followups SET done_at = ?1 WHERE id = ?2",
                        id, at, _("Could not complete the follow-up"), error) ||
      !touch_lead (self, lg_followup_get_lead_id (followup), at, "followup", detail, tz, error))
    {
      lg_store_rollback (self);
      return FALSE;
    }

  return lg_store_commit (self, error);
}

gboolean
lg_store_reopen_followup (LgStore     *self,
                          gint64       id,
                          GTimeZone   *tz,
                          GError     **error)
{
  g_autoptr(LgFollowup) followup = NULL;
  LgStmt *stmt;
  gint64 lead_id;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  followup = lg_store_get_followup (self, id, error);
  if (followup == NULL)
    return FALSE;
  if (lg_followup_get_done_at (followup) == 0)
    return TRUE;
  lead_id = lg_followup_get_lead_id (followup);

  if (!lg_store_begin (self, error))
    return FALSE;

  if (!untouch_lead (self, lead_id, lg_followup_get_done_at (followup), "followup", error))
    goto fail;

  /* Completing a stay-in-touch follow-up scheduled the next one; this one is
   * the open one again. */
  if (lg_followup_get_stay_in_touch (followup))
    {
      stmt = lg_store_prepare (self,
                               "DELETE FROM followups WHERE lead_id = ?1 AND stay_in_touch = 1 "
                               "  AND done_at = 0 AND id != ?2",
                               error);
      if (stmt == NULL)
        goto fail;
      lg_stmt_bind_int64 (stmt, 1, lead_id);
      lg_stmt_bind_int64 (stmt, 2, id);
      if (!lg_store_step_done (self, stmt, _("Could not update the follow-ups"), error))
        goto fail;
    }

  if (!update_followup (self, "UPDATE followups SET done_at = ?1 WHERE id = ?2",
                        id, 0, _("Could not reopen the follow-up"), error) ||
      !reschedule_stay_in_touch (self, lead_id, tz, error))
    goto fail;

  return lg_store_commit (self, error);

fail:
  lg_store_rollback (self);
  return FALSE;
}

gboolean
lg_store_set_stay_in_touch (LgStore     *self,
                            gint64       lead_id,
                            guint        days,
                            GTimeZone   *tz,
                            GError     **error)
{
  LgStmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  if (!lg_store_begin (self, error))
    return FALSE;

  stmt = lg_store_prepare (self, "UPDATE leads SET stay_in_touch_days = ? WHERE id = ?", error);
  if (stmt == NULL)
    goto fail;

  lg_stmt_bind_int64 (stmt, 1, days);
  lg_stmt_bind_int64 (stmt, 2, lead_id);
  if (!lg_store_step_done (self, stmt, _("Could not update the lead"), error) ||
      !reschedule_stay_in_touch (self, lead_id, tz, error))
    goto fail;

  return lg_store_commit (self, error);

fail:
  lg_store_rollback (self);
  return FALSE;
}

static LgLead *
lead_name_from_row (LgStmt *stmt)
{
  LgLead *lead = lg_lead_new ();

  lg_lead_set_id (lead, lg_stmt_column_int64 (stmt, 0));
  lg_lead_set_name (lead, lg_stmt_text (stmt, 1));
  lg_lead_set_telegram_handle (lead, lg_stmt_text (stmt, 2));
  lg_lead_set_stage (lead, lg_stmt_text (stmt, 3));
  return lead;
}

GListModel *
lg_store_list_lead_names (LgStore  *self,
                          GError  **error)
{
  LgStmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (self), NULL);

  stmt = lg_store_prepare (self,
                           "SELECT id, name, telegram_handle, stage FROM leads "
                           "ORDER BY name COLLATE NOCASE, id",
                           error);
  if (stmt == NULL)
    return NULL;

  return lg_store_collect_rows (self, stmt, LG_TYPE_LEAD, (LgRowReader) lead_name_from_row,
                                _("Could not list the leads"), error);
}

GListModel *
lg_store_list_uncontacted_leads (LgStore  *self,
                                 guint     limit,
                                 GError  **error)
{
  LgStmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (self), NULL);

  stmt = lg_store_prepare (self,
                           "SELECT " LG_LEAD_COLUMNS " "
                           "FROM leads l LEFT JOIN sources s ON s.id = l.source_id "
                           "WHERE l.first_touch_at = 0 AND l.found_at > 0 "
                           "  AND l.stage NOT IN ('won', 'lost') "
                           "ORDER BY l.score DESC, l.found_at, l.id LIMIT ?",
                           error);
  if (stmt == NULL)
    return NULL;

  lg_stmt_bind_int64 (stmt, 1, limit > 0 ? (gint64) limit : G_MAXINT64);
  return lg_store_collect_rows (self, stmt, LG_TYPE_LEAD, (LgRowReader) lg_lead_from_row,
                                _("Could not list the leads not contacted yet"), error);
}

/* Follow-ups */

gboolean
lg_store_add_followup (LgStore     *self,
                       LgFollowup  *followup,
                       GError     **error)
{
  LgStmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (LG_IS_FOLLOWUP (followup), FALSE);

  stmt = lg_store_prepare (self,
                           "INSERT INTO followups (lead_id, due_at, kind, note, created_at) "
                           "VALUES (?, ?, coalesce(?, 'message'), coalesce(?, ''), ?)",
                           error);
  if (stmt == NULL)
    return FALSE;

  lg_stmt_bind_int64 (stmt, 1, lg_followup_get_lead_id (followup));
  lg_stmt_bind_int64 (stmt, 2, lg_followup_get_due_at (followup));
  lg_stmt_bind_text (stmt, 3, lg_followup_get_kind (followup));
  lg_stmt_bind_text (stmt, 4, lg_followup_get_note (followup));
  lg_stmt_bind_int64 (stmt, 5, g_get_real_time () / G_USEC_PER_SEC);

  if (!lg_store_step_done (self, stmt, _("Could not add the follow-up"), error))
    return FALSE;

  lg_followup_set_id (followup, lg_store_last_insert_id (self));
  return TRUE;
}
