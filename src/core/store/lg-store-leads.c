/* lg-store-leads.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pipeline's queries: the board, moves, edits, the timeline, delete and
 * undo, and the predictive score's history.
 */

#define G_LOG_DOMAIN "lg-store"

#include "config.h"

/* PRId64, not G_GINT64_FORMAT, in translatable strings: xgettext knows it. */
#include <inttypes.h>

#include <glib/gi18n.h>
#include <string.h>

#include "lg-date-format.h"
#include "lg-lead-validate.h"
#include "lg-score-band.h"
#include "lg-store-private.h"

/* Positions closer than this are renumbered before a card goes between them. */
#define MIN_POSITION_GAP 1e-6

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

gboolean
lg_store_write_begin (LgStore   *self,
                      gboolean  *outer,
                      GError   **error)
{
  *outer = !lg_store_in_transaction (self);
  return lg_store_exec (self, *outer ? "BEGIN IMMEDIATE" : "SAVEPOINT lg_write", error);
}

gboolean
lg_store_write_end (LgStore   *self,
                    gboolean   outer,
                    gboolean   ok,
                    GError   **error)
{
  if (!ok)
    {
      if (outer)
        lg_store_rollback (self);
      else
        lg_store_rollback_to (self, "lg_write");
      return FALSE;
    }

  if (outer)
    return lg_store_commit (self, error);
  return lg_store_exec (self, "RELEASE lg_write", error);
}

LgLead *
lg_lead_from_row (LgStmt *stmt)
{
  LgLead *lead = lg_lead_new ();

  lg_lead_set_id (lead, lg_stmt_column_int64 (stmt, 0));
  lg_lead_set_name (lead, lg_stmt_text (stmt, 1));
  lg_lead_set_telegram_handle (lead, lg_stmt_text (stmt, 2));
  lg_lead_set_telegram_id (lead, lg_stmt_text (stmt, 3));
  lg_lead_set_email (lead, lg_stmt_text (stmt, 4));
  lg_lead_set_phone (lead, lg_stmt_text (stmt, 5));
  lg_lead_set_company (lead, lg_stmt_text (stmt, 6));
  lg_lead_set_stage (lead, lg_stmt_text (stmt, 7));
  lg_lead_set_qualification (lead, lg_stmt_text (stmt, 8));
  lg_lead_set_value (lead, lg_stmt_column_int64 (stmt, 9));
  lg_lead_set_currency (lead, lg_stmt_text (stmt, 10));
  lg_lead_set_score (lead, lg_stmt_column_int (stmt, 11));
  lg_lead_set_source_id (lead, lg_stmt_column_int64 (stmt, 12));
  lg_lead_set_message_id (lead, lg_stmt_column_int64 (stmt, 13));
  lg_lead_set_position (lead, lg_stmt_column_double (stmt, 14));
  lg_lead_set_created_at (lead, lg_stmt_column_int64 (stmt, 15));
  lg_lead_set_first_touch_at (lead, lg_stmt_column_int64 (stmt, 16));
  lg_lead_set_last_touch_at (lead, lg_stmt_column_int64 (stmt, 17));
  lg_lead_set_closed_at (lead, lg_stmt_column_int64 (stmt, 18));
  lg_lead_set_lost_reason (lead, lg_stmt_text (stmt, 19));
  lg_lead_set_notes (lead, lg_stmt_text (stmt, 20));
  lg_lead_set_furthest_stage (lead, lg_stmt_text (stmt, 21));
  lg_lead_set_found_at (lead, lg_stmt_column_int64 (stmt, 22));
  lg_lead_set_message_at (lead, lg_stmt_column_int64 (stmt, 23));
  lg_lead_set_source_title (lead, lg_stmt_text (stmt, 24));
  lg_lead_set_stay_in_touch_days (lead, (guint) MAX (0, lg_stmt_column_int64 (stmt, 25)));
  lg_lead_set_import_file (lead, lg_stmt_text (stmt, 26));
  lg_lead_set_external_id (lead, lg_stmt_text (stmt, 27));
  lg_lead_set_owner (lead, lg_stmt_text (stmt, 28));
  return lead;
}

void
lg_lead_bind_fields (LgStmt *stmt,
                     LgLead       *lead)
{
  lg_stmt_bind_text (stmt, 1, lg_lead_get_name (lead));
  lg_stmt_bind_text (stmt, 2, lg_lead_get_telegram_handle (lead));
  lg_stmt_bind_text (stmt, 3, lg_lead_get_telegram_id (lead));
  lg_stmt_bind_text (stmt, 4, lg_lead_get_email (lead));
  lg_stmt_bind_text (stmt, 5, lg_lead_get_phone (lead));
  lg_stmt_bind_text (stmt, 6, lg_lead_get_company (lead));
  lg_stmt_bind_text (stmt, 7, lg_lead_get_qualification (lead));
  lg_stmt_bind_int64 (stmt, 8, lg_lead_get_value (lead));
  lg_stmt_bind_text (stmt, 9, lg_lead_get_currency (lead));
  lg_stmt_bind_int (stmt, 10, lg_lead_get_score (lead));
  if (lg_lead_get_source_id (lead) > 0)
    lg_stmt_bind_int64 (stmt, 11, lg_lead_get_source_id (lead));
  if (lg_lead_get_message_id (lead) > 0)
    lg_stmt_bind_int64 (stmt, 12, lg_lead_get_message_id (lead));
  lg_stmt_bind_text (stmt, 13, lg_lead_get_notes (lead));
}

/* The board query. A lead is stale when its stage has a limit, the last
 * touch (or its creation) is older than the limit, and no open follow-up
 * is due after now: a scheduled next step pauses the clock. Follow-ups are
 * aggregated once and joined, not looked up per lead (no index by lead).
 * The text matches in any letter case of any script: both sides are folded
 * by lg_fold() (SQLite's LIKE folds ASCII letters only).
 *
 *   ?1 folded text     ?2 source id    ?3 qualification   ?4 stage
 *   ?5 stale only     ?6 now          ?7–?9 stale seconds cold, warm, hot
 *   ?10 one lead's id (0: all)     ?11 an owner's name (NULL: anyone's; "": nobody's)
 *   ?12 1: that owner's alone, 0: and nobody's */
#define BOARD_QUERY \
  "SELECT * FROM (" \
  " SELECT " LG_LEAD_COLUMNS ", coalesce(f.next_due, 0) AS next_due," \
  "  (CASE l.stage WHEN 'cold' THEN ?7 WHEN 'warm' THEN ?8 WHEN 'hot' THEN ?9 ELSE 0 END) > 0" \
  "  AND max(l.last_touch_at, l.created_at) +" \
  "      (CASE l.stage WHEN 'cold' THEN ?7 WHEN 'warm' THEN ?8 WHEN 'hot' THEN ?9 END) <= ?6" \
  "  AND coalesce(f.last_due, 0) <= ?6 AS stale," \
  "  CASE l.stage WHEN 'cold' THEN 0 WHEN 'warm' THEN 1 WHEN 'hot' THEN 2" \
  "               WHEN 'won' THEN 3 ELSE 4 END AS stage_rank" \
  " FROM leads l" \
  " LEFT JOIN sources s ON s.id = l.source_id" \
  " LEFT JOIN (SELECT lead_id, min(max(due_at, snoozed_until)) AS next_due," \
  "                   max(max(due_at, snoozed_until)) AS last_due" \
  "            FROM followups WHERE done_at = 0 GROUP BY lead_id) f ON f.lead_id = l.id" \
  " WHERE (?1 IS NULL OR instr(lg_fold(l.name), ?1) > 0" \
  "        OR instr(lg_fold(l.telegram_handle), ?1) > 0" \
  "        OR instr(lg_fold(l.company), ?1) > 0 OR instr(lg_fold(l.email), ?1) > 0)" \
  "   AND (?2 = 0 OR l.source_id = ?2)" \
  "   AND (?3 IS NULL OR l.qualification = ?3)" \
  "   AND (?4 IS NULL OR l.stage = ?4)" \
  "   AND (?10 = 0 OR l.id = ?10)" \
  "   AND (?11 IS NULL OR l.owner = ?11 OR (l.owner IS NULL AND (?12 = 0 OR ?11 = '')))" \
  ") AS board WHERE ?5 = 0 OR stale"

static void
bind_board_query (LgStmt          *stmt,
                  const LgLeadFilter    *filter,
                  const LgPipelineRules *rules,
                  gint64                 now)
{
  static const LgLeadFilter all = { 0 };

  if (filter == NULL)
    filter = &all;

  if (filter->text != NULL && *filter->text != '\0')
    lg_stmt_bind_string (stmt, 1, lg_store_fold (filter->text, -1), -1, g_free);
  lg_stmt_bind_int64 (stmt, 2, filter->source_id);
  lg_stmt_bind_text (stmt, 3, filter->qualification);
  lg_stmt_bind_text (stmt, 4, filter->stage);
  lg_stmt_bind_int (stmt, 5, filter->stale_only ? 1 : 0);
  /* Not lg_stmt_bind_text(), for which "" is NULL. */
  if (filter->owner != NULL)
    lg_stmt_bind_string (stmt, 11, filter->owner, -1, SQLITE_STATIC);
  lg_stmt_bind_int (stmt, 12, filter->owner_alone ? 1 : 0);
  lg_stmt_bind_int64 (stmt, 6, now);
  for (int i = LG_STAGE_COLD; i <= LG_STAGE_HOT; i++)
    lg_stmt_bind_int64 (stmt, 7 + i, (gint64) rules->stale_days[i] * LG_SECONDS_PER_DAY);
  lg_stmt_bind_int64 (stmt, 10, filter->lead_id);
}

GListModel *
lg_store_list_leads (LgStore                *self,
                     const LgLeadFilter     *filter,
                     const LgPipelineRules  *rules,
                     gint64                  now,
                     GError                **error)
{
  g_autoptr(GPtrArray) leads = g_ptr_array_new_with_free_func (g_object_unref);
  GListStore *list;
  LgStmt *stmt;
  int rc;

  g_return_val_if_fail (LG_IS_STORE (self), NULL);
  g_return_val_if_fail (rules != NULL, NULL);

  stmt = lg_store_prepare (self, BOARD_QUERY " ORDER BY stage_rank, position, id", error);
  if (stmt == NULL)
    return NULL;

  bind_board_query (stmt, filter, rules, now);
  while ((rc = lg_stmt_step (stmt)) == SQLITE_ROW)
    {
      LgLead *lead = lg_lead_from_row (stmt);

      lg_lead_set_next_followup_at (lead, lg_stmt_column_int64 (stmt, LG_LEAD_N_COLUMNS));
      lg_lead_set_stale (lead, lg_stmt_column_int (stmt, LG_LEAD_N_COLUMNS + 1));
      g_ptr_array_add (leads, lead);
    }
  lg_stmt_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      lg_store_set_error (self, error, _("Could not list the leads"));
      return NULL;
    }

  /* One splice: a single items-changed for ten thousand rows. */
  list = g_list_store_new (LG_TYPE_LEAD);
  g_list_store_splice (list, 0, 0, leads->pdata, leads->len);
  return G_LIST_MODEL (list);
}

gboolean
lg_store_add_activity (LgStore     *self,
                       gint64       lead_id,
                       const char  *kind,
                       const char  *detail,
                       const char  *old_value,
                       const char  *new_value,
                       GError     **error)
{
  LgStmt *stmt;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);

  stmt = lg_store_prepare (self,
                           "INSERT INTO activities (lead_id, kind, at, detail, old_value, new_value, "
                           "author) VALUES (?, ?, ?, coalesce(?, ''), ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;

  lg_stmt_bind_int64 (stmt, 1, lead_id);
  lg_stmt_bind_string (stmt, 2, kind, -1, SQLITE_STATIC);
  lg_stmt_bind_int64 (stmt, 3, now_seconds ());
  lg_stmt_bind_text (stmt, 4, detail);
  lg_stmt_bind_text (stmt, 5, old_value);
  lg_stmt_bind_text (stmt, 6, new_value);
  lg_store_bind_person (stmt, 7);
  return lg_store_step_done (self, stmt, _("Could not write the lead’s timeline"), error);
}

/* Steps a query about lead id to its one row; FALSE (statement reset) with
 * NOT_FOUND when there is none. On TRUE the caller reads and resets. */
static gboolean
step_one (LgStore       *self,
          LgStmt  *stmt,
          gint64         id,
          GError       **error)
{
  int rc = lg_stmt_step (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;

  lg_stmt_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_NOT_FOUND,
                 _("There is no lead with id %" PRId64 ". It may have been deleted."), id);
  else
    lg_store_set_error (self, error, _("Could not read the lead"));
  return FALSE;
}

static gboolean
renumber_column (LgStore     *self,
                 const char  *stage,
                 GError     **error)
{
  LgStmt *stmt = lg_store_prepare (self,
                                         "UPDATE leads SET position = r.n FROM "
                                         "(SELECT id, row_number () OVER (ORDER BY position, id) AS n "
                                         " FROM leads WHERE stage = ?1) AS r "
                                         "WHERE leads.id = r.id",
                                         error);

  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_string (stmt, 1, stage, -1, SQLITE_STATIC);
  return lg_store_step_done (self, stmt, _("Could not reorder the column"), error);
}

/* The advisory locks of a team workspace's columns: this, plus the stage's
 * rank (lg-store.c's migration lock is a small number). */
#define COLUMN_LOCK G_GINT64_CONSTANT (0x4c47000000)

/* A place in the column (a new lead's, a moved one's) is read from the
 * places there are, then written: on a team workspace, two people doing so
 * at once read the same last place and gave two cards one (27 places after
 * a minute of bench-team's five users). The column is locked until the
 * transaction ends, as SQLite's write lock does the whole file. */
static gboolean
lock_column (LgStore     *self,
             const char  *stage,
             const char  *what,
             GError     **error)
{
  LgStmt *stmt;

  if (!lg_store_is_remote (self))
    return TRUE;
  stmt = lg_store_prepare (self, "SELECT pg_advisory_xact_lock (?)", error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_int64 (stmt, 1, COLUMN_LOCK + lg_stage_from_id (stage));
  if (!lg_store_step_one (self, stmt, what, what, error))
    return FALSE;
  lg_stmt_reset (stmt);
  return TRUE;
}

/* The position that puts a lead of stage just before before_id, or at the
 * end; *crowded when the neighbours are too close to fit between. */
static gboolean
find_position (LgStore     *self,
               gint64       id,
               const char  *stage,
               gint64       before_id,
               double      *position,
               gboolean    *crowded,
               GError     **error)
{
  LgStmt *stmt;

  /* ?1 lead moved, ?2 stage, ?3 the lead it goes before (its position, if it
   * is in that column, else the end). */
  stmt = lg_store_prepare (self,
                           "WITH b AS (SELECT position FROM leads WHERE id = ?3 AND stage = ?2 "
                           "           AND id != ?1) "
                           "SELECT (SELECT position FROM b), "
                           "  (SELECT max(position) FROM leads WHERE stage = ?2 AND id != ?1 "
                           "   AND (NOT EXISTS (SELECT 1 FROM b) OR position < (SELECT position FROM b)))",
                           error);
  if (stmt == NULL)
    return FALSE;

  lg_stmt_bind_int64 (stmt, 1, id);
  lg_stmt_bind_string (stmt, 2, stage, -1, SQLITE_STATIC);
  lg_stmt_bind_int64 (stmt, 3, before_id);
  if (!step_one (self, stmt, id, error))
    return FALSE;

  *crowded = FALSE;
  if (lg_stmt_column_type (stmt, 0) == SQLITE_NULL)
    {
      /* To the end. */
      *position = lg_stmt_column_type (stmt, 1) == SQLITE_NULL
                  ? 1 : lg_stmt_column_double (stmt, 1) + 1;
    }
  else
    {
      double next = lg_stmt_column_double (stmt, 0);

      if (lg_stmt_column_type (stmt, 1) == SQLITE_NULL)
        *position = next - 1;
      else
        {
          double previous = lg_stmt_column_double (stmt, 1);

          *position = (previous + next) / 2;
          *crowded = next - previous < MIN_POSITION_GAP;
        }
    }
  lg_stmt_reset (stmt);
  return TRUE;
}

static gboolean
move_lead (LgStore     *self,
           gint64       id,
           LgStage      stage,
           gint64       before_id,
           const char  *lost_reason,
           GError     **error)
{
  g_autofree char *old_stage_id = NULL;
  const char *stage_id = lg_stage_id (stage);
  LgStmt *stmt;
  LgStage old_stage, furthest;
  double position;
  gboolean crowded;
  gint64 now = now_seconds ();
  gint64 closed_at;

  stmt = lg_store_prepare (self, "SELECT stage, furthest_stage, closed_at FROM leads WHERE id = ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_int64 (stmt, 1, id);
  if (!step_one (self, stmt, id, error))
    return FALSE;
  old_stage_id = g_strdup (lg_stmt_text (stmt, 0));
  old_stage = lg_stage_from_id (old_stage_id);
  furthest = lg_stage_from_id (lg_stmt_text (stmt, 1));
  closed_at = lg_stmt_column_int64 (stmt, 2);
  lg_stmt_reset (stmt);

  /* "Just before itself" is where it already is (a drop on the lower half
   * of the card above); in another column it means the end. */
  if (before_id == id && stage == old_stage)
    return TRUE;

  if (!lock_column (self, stage_id, _("Could not move the lead"), error) ||
      !find_position (self, id, stage_id, before_id, &position, &crowded, error))
    return FALSE;
  if (crowded)
    {
      if (!renumber_column (self, stage_id, error) ||
          !find_position (self, id, stage_id, before_id, &position, &crowded, error))
        return FALSE;
    }

  /* Lost is not further than anything; a lead lost from Hot reached Hot. */
  if (stage != LG_STAGE_LOST && stage > furthest)
    furthest = stage;
  if (!lg_stage_is_closed (stage))
    closed_at = 0;
  else if (stage != old_stage)
    closed_at = now;

  stmt = lg_store_prepare (self,
                           "UPDATE leads SET stage = ?2, position = ?3, furthest_stage = ?4, "
                           "closed_at = ?5, lost_reason = ?6, "
                           "last_touch_at = CASE WHEN ?7 <> 0 THEN ?8 ELSE last_touch_at END "
                           "WHERE id = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;

  lg_stmt_bind_int64 (stmt, 1, id);
  lg_stmt_bind_string (stmt, 2, stage_id, -1, SQLITE_STATIC);
  lg_stmt_bind_double (stmt, 3, position);
  lg_stmt_bind_string (stmt, 4, lg_stage_id (MAX (furthest, LG_STAGE_COLD)), -1, SQLITE_STATIC);
  lg_stmt_bind_int64 (stmt, 5, closed_at);
  if (stage == LG_STAGE_LOST)
    lg_stmt_bind_text (stmt, 6, lost_reason);
  /* Moving a lead on means someone dealt with it: the stale clock restarts. */
  lg_stmt_bind_int (stmt, 7, stage != old_stage);
  lg_stmt_bind_int64 (stmt, 8, now);
  if (!lg_store_step_done (self, stmt, _("Could not move the lead"), error))
    return FALSE;

  /* Reordering inside a column is not an event in the lead's life. */
  if (stage == old_stage)
    return TRUE;

  return lg_store_add_activity (self, id, "stage",
                                stage == LG_STAGE_LOST ? lost_reason : NULL,
                                old_stage_id, stage_id, error);
}

gboolean
lg_store_move_lead (LgStore     *self,
                    gint64       id,
                    LgStage      stage,
                    gint64       before_id,
                    const char  *lost_reason,
                    GError     **error)
{
  gboolean outer;
  gboolean ok;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (stage >= 0 && stage < LG_N_STAGES, FALSE);

  if (!lg_store_write_begin (self, &outer, error))
    return FALSE;
  ok = move_lead (self, id, stage, before_id, lost_reason, error);
  return lg_store_write_end (self, outer, ok, error);
}

static gboolean
set_lead_owner (LgStore     *self,
                gint64       id,
                const char  *owner,
                GError     **error)
{
  g_autoptr(LgLead) stored = lg_store_get_lead (self, id, error);
  LgStmt *stmt;

  if (stored == NULL)
    return FALSE;
  if (g_strcmp0 (lg_lead_get_owner (stored), owner) == 0)
    return TRUE;
  stmt = lg_store_prepare (self, "UPDATE leads SET owner = ?1 WHERE id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_text (stmt, 1, owner);
  lg_stmt_bind_int64 (stmt, 2, id);
  return lg_store_step_done (self, stmt, _("Could not hand the lead over"), error) &&
         lg_store_add_activity (self, id, "edit", "owner", lg_lead_get_owner (stored), owner,
                                error);
}

gboolean
lg_store_set_lead_owner (LgStore     *self,
                         gint64       id,
                         const char  *owner,
                         GError     **error)
{
  gboolean outer;
  gboolean ok;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);

  if (owner != NULL && *owner == '\0')
    owner = NULL;
  if (!lg_store_write_begin (self, &outer, error))
    return FALSE;
  ok = set_lead_owner (self, id, owner, error);
  return lg_store_write_end (self, outer, ok, error);
}

char **
lg_store_list_people (LgStore  *self,
                      GError  **error)
{
  g_autoptr(GStrvBuilder) people = g_strv_builder_new ();
  LgStmt *stmt;
  int rc;

  g_return_val_if_fail (LG_IS_STORE (self), NULL);

  /* Whoever looks after a lead or has written in a timeline. */
  stmt = lg_store_prepare (self,
                           "SELECT owner FROM leads WHERE owner <> '' "
                           "UNION SELECT author FROM activities WHERE author <> '' "
                           "ORDER BY 1",
                           error);
  if (stmt == NULL)
    return NULL;
  while ((rc = lg_stmt_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (people, lg_stmt_text (stmt, 0));
  if (!lg_store_finish_rows (self, stmt, rc, _("Could not read who works in the workspace"),
                             error))
    return NULL;
  return g_strv_builder_end (people);
}

/* The fields lg_store_update_lead() writes: column, property and what a
 * person calls it. */
typedef struct
{
  const char *column;
  const char *property;
  gboolean    zero_is_none; /* a row id: 0 means no row */
  const char *label;
} LeadField;

static const LeadField lead_fields[] = {
  { "name", "name", FALSE, N_("name") },
  { "telegram_handle", "telegram-handle", FALSE, N_("Telegram username") },
  { "telegram_id", "telegram-id", FALSE, N_("Telegram id") },
  { "email", "email", FALSE, N_("email") },
  { "phone", "phone", FALSE, N_("phone") },
  { "company", "company", FALSE, N_("company") },
  { "qualification", "qualification", FALSE, N_("qualification") },
  { "value", "value", FALSE, N_("deal value") },
  { "currency", "currency", FALSE, N_("currency") },
  { "score", "score", FALSE, N_("score") },
  { "source_id", "source-id", TRUE, N_("source") },
  { "message_id", "message-id", TRUE, N_("message") },
  { "notes", "notes", FALSE, N_("notes") },
};

/* Notes save as they are typed: edits within ten minutes of the lead's newest
 * timeline entry, when that is a note, amend it (it keeps the text from before
 * the first edit) rather than add an entry for every pause in typing. */
static gboolean
merge_note_edit (LgStore     *self,
                 gint64       lead_id,
                 const char  *after,
                 gboolean    *merged,
                 GError     **error)
{
  LgStmt *stmt;
  gint64 now = now_seconds ();

  stmt = lg_store_prepare (self,
                           "UPDATE activities SET new_value = ?1, at = ?2 "
                           "WHERE id = (SELECT id FROM activities WHERE lead_id = ?3 "
                           "            ORDER BY at DESC, id DESC LIMIT 1) "
                           "  AND kind = 'note' AND at >= ?2 - 600",
                           error);
  if (stmt == NULL)
    return FALSE;

  lg_stmt_bind_text (stmt, 1, after);
  lg_stmt_bind_int64 (stmt, 2, now);
  lg_stmt_bind_int64 (stmt, 3, lead_id);
  if (!lg_store_step_done (self, stmt, _("Could not write the lead’s timeline"), error))
    return FALSE;
  *merged = lg_store_changes (self) > 0;
  return TRUE;
}

/* The field's value on lead as the text the timeline keeps (NULL: empty). */
static char *
field_text (LgLead          *lead,
            const LeadField *field)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (lead), field->property);
  g_auto(GValue) value = G_VALUE_INIT;
  g_auto(GValue) text = G_VALUE_INIT;
  const char *string;

  g_value_init (&value, pspec->value_type);
  g_object_get_property (G_OBJECT (lead), field->property, &value);
  if (field->zero_is_none && g_value_get_int64 (&value) <= 0)
    return NULL;

  g_value_init (&text, G_TYPE_STRING);
  g_value_transform (&value, &text);
  string = g_value_get_string (&text);
  return string != NULL && *string != '\0' ? g_strdup (string) : NULL;
}

/* An edit made from base (the lead as the person saw it) keeps what someone
 * else changed meanwhile in the other fields: lead takes stored's value of
 * every field it left as base had it. The same field changed by both to
 * different values is refused with what is stored, never overwritten. */
/* Who last wrote a field of the lead, and when, by the timeline: FALSE when
 * no name was kept (an older entry, or no name given). */
static gboolean
last_author (LgStore     *self,
             gint64       lead_id,
             const char  *column,
             char       **author,
             gint64      *at)
{
  LgStmt *stmt = lg_store_prepare (self, "SELECT author, at FROM activities WHERE lead_id = ?1 "
                                         "AND detail = ?2 ORDER BY at DESC, id DESC LIMIT 1",
                                   NULL);

  *author = NULL;
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_int64 (stmt, 1, lead_id);
  lg_stmt_bind_string (stmt, 2, column, -1, SQLITE_STATIC);
  if (lg_stmt_step (stmt) == SQLITE_ROW && lg_stmt_text (stmt, 0) != NULL)
    {
      *author = g_strdup (lg_stmt_text (stmt, 0));
      *at = lg_stmt_column_int64 (stmt, 1);
    }
  lg_stmt_reset (stmt);
  return *author != NULL;
}

static gboolean
merge_since (LgStore  *self,
             LgLead   *base,
             LgLead   *lead,
             LgLead   *stored,
             GError  **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (lead_fields); i++)
    {
      g_autofree char *was = field_text (base, &lead_fields[i]);
      g_autofree char *mine = field_text (lead, &lead_fields[i]);
      g_autofree char *theirs = field_text (stored, &lead_fields[i]);

      if (g_strcmp0 (mine, was) == 0)
        {
          g_auto(GValue) value = G_VALUE_INIT;

          g_object_get_property (G_OBJECT (stored), lead_fields[i].property, &value);
          g_object_set_property (G_OBJECT (lead), lead_fields[i].property, &value);
        }
      else if (g_strcmp0 (theirs, was) != 0 && g_strcmp0 (theirs, mine) != 0)
        {
          g_autofree char *who = NULL;
          gint64 at = 0;

          if (last_author (self, lg_lead_get_id (lead), lead_fields[i].column, &who, &at))
            {
              g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
              g_autofree char *when = lg_format_relative (at, g_get_real_time () / G_USEC_PER_SEC,
                                                          tz);

              g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_CONFLICT,
                           /* TRANSLATORS: a person's name, a field, when (e.g. "2 minutes
                            * ago", "just now"), the field's value */
                           _("%s changed this lead’s %s %s, to “%s”, so your change "
                             "was not saved. The lead shows what is stored now; make your "
                             "change again if it still stands."),
                           who, _(lead_fields[i].label), when, theirs != NULL ? theirs : "");
            }
          else
            g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_CONFLICT,
                         _("Someone else changed this lead’s %s meanwhile, to “%s”, so "
                           "your change was not saved. The lead shows what is stored now; "
                           "make your change again if it still stands."),
                         _(lead_fields[i].label), theirs != NULL ? theirs : "");
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
update_lead (LgStore     *self,
             LgLead      *base,
             LgLead      *lead,
             const char  *activity_kind,
             guint       *n_changed,
             GError     **error)
{
  g_autoptr(LgLead) stored = NULL;
  LgStmt *stmt;

  /* On a team workspace another person's edit may land between the read
   * and the write below: the row stays locked until this one commits. */
  if (base != NULL && lg_store_is_remote (self))
    {
      stmt = lg_store_prepare (self, "SELECT id FROM leads WHERE id = ?1 FOR UPDATE", error);
      if (stmt == NULL)
        return FALSE;
      lg_stmt_bind_int64 (stmt, 1, lg_lead_get_id (lead));
      if (!lg_store_step_one (self, stmt, _("The lead was deleted meanwhile."),
                              _("Could not save the lead"), error))
        return FALSE;
      lg_stmt_reset (stmt);
    }
  stored = lg_store_get_lead (self, lg_lead_get_id (lead), error);
  if (stored == NULL || (base != NULL && !merge_since (self, base, lead, stored, error)))
    return FALSE;

  stmt = lg_store_prepare (self,
                           "UPDATE leads SET name = coalesce(?1, ''), telegram_handle = ?2, "
                           "telegram_id = ?3, email = ?4, phone = ?5, company = ?6, "
                           "qualification = ?7, value = ?8, currency = ?9, score = ?10, "
                           "source_id = ?11, message_id = ?12, notes = coalesce(?13, '') "
                           "WHERE id = ?14",
                           error);
  if (stmt == NULL)
    return FALSE;

  lg_lead_bind_fields (stmt, lead);
  lg_stmt_bind_int64 (stmt, 14, lg_lead_get_id (lead));
  if (!lg_store_step_done (self, stmt, _("Could not save the lead"), error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (lead_fields); i++)
    {
      g_autofree char *before = field_text (stored, &lead_fields[i]);
      g_autofree char *after = field_text (lead, &lead_fields[i]);
      gboolean is_note = g_strcmp0 (lead_fields[i].column, "notes") == 0;

      if (g_strcmp0 (before, after) == 0)
        continue;
      (*n_changed)++;
      if (is_note && g_strcmp0 (activity_kind, "edit") == 0)
        {
          gboolean merged = FALSE;

          if (!merge_note_edit (self, lg_lead_get_id (lead), after, &merged, error))
            return FALSE;
          if (merged)
            continue;
        }
      /* A note is its own kind of event in the timeline. */
      if (!lg_store_add_activity (self, lg_lead_get_id (lead),
                                  is_note && g_strcmp0 (activity_kind, "edit") == 0
                                  ? "note" : activity_kind,
                                  lead_fields[i].column, before, after, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
lg_store_update_lead (LgStore     *self,
                      LgLead      *base,
                      LgLead      *lead,
                      const char  *activity_kind,
                      guint       *n_changed,
                      GError     **error)
{
  guint changed = 0;
  gboolean outer;
  gboolean ok;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (LG_IS_LEAD (lead), FALSE);
  g_return_val_if_fail (activity_kind != NULL, FALSE);

  if (!lg_lead_validate (lead, error))
    return FALSE;

  if (!lg_store_write_begin (self, &outer, error))
    return FALSE;
  ok = update_lead (self, base, lead, activity_kind, &changed, error);
  if (!lg_store_write_end (self, outer, ok, error))
    return FALSE;

  if (n_changed != NULL)
    *n_changed = changed;
  return TRUE;
}

GListModel *
lg_store_list_activities (LgStore  *self,
                          gint64    lead_id,
                          GError  **error)
{
  g_autoptr(GListStore) list = g_list_store_new (LG_TYPE_ACTIVITY);
  LgStmt *stmt;
  int rc;

  g_return_val_if_fail (LG_IS_STORE (self), NULL);

  /* Newest first, as a timeline reads. A lead an import created has no
   * activity row for it (a large import would write one per lead): its
   * batch gives the entry, first among its equals in time. */
  stmt = lg_store_prepare (self,
                           "SELECT id, lead_id, kind, at, detail, old_value, new_value, author "
                           "FROM activities WHERE lead_id = ?1 "
                           "UNION ALL "
                           "SELECT 0, l.id, 'import', b.created_at, b.file_name, 'create', "
                           "  CAST(b.id AS TEXT), NULL "
                           "FROM leads l JOIN import_batches b ON b.id = l.import_batch "
                           "WHERE l.id = ?1 "
                           "ORDER BY at DESC, id DESC",
                           error);
  if (stmt == NULL)
    return NULL;

  lg_stmt_bind_int64 (stmt, 1, lead_id);
  while ((rc = lg_stmt_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(LgActivity) activity = lg_activity_new ();

      lg_activity_set_id (activity, lg_stmt_column_int64 (stmt, 0));
      lg_activity_set_lead_id (activity, lg_stmt_column_int64 (stmt, 1));
      lg_activity_set_kind (activity, lg_stmt_text (stmt, 2));
      lg_activity_set_at (activity, lg_stmt_column_int64 (stmt, 3));
      lg_activity_set_detail (activity, lg_stmt_text (stmt, 4));
      lg_activity_set_old_value (activity, lg_stmt_text (stmt, 5));
      lg_activity_set_new_value (activity, lg_stmt_text (stmt, 6));
      lg_activity_set_author (activity, lg_stmt_text (stmt, 7));
      g_list_store_append (list, activity);
    }
  lg_stmt_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      lg_store_set_error (self, error, _("Could not read the lead’s timeline"));
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

gboolean
lg_store_get_lead_origin (LgStore       *self,
                          LgLead        *lead,
                          LgLeadOrigin  *origin,
                          GError       **error)
{
  LgStmt *stmt;
  int rc;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (LG_IS_LEAD (lead), FALSE);
  g_return_val_if_fail (origin != NULL, FALSE);

  memset (origin, 0, sizeof *origin);
  origin->score = -1;
  if (lg_lead_get_message_id (lead) <= 0)
    return TRUE;

  stmt = lg_store_prepare (self,
                           "SELECT m.id, m.source_id, m.external_id, m.author_name, "
                           "m.author_handle, m.sent_at, m.text, m.permalink, "
                           "x.score, x.reason, x.breakdown "
                           "FROM messages m LEFT JOIN (SELECT message_id, score, reason, breakdown "
                           "  FROM matches WHERE message_id = ?1 ORDER BY score DESC LIMIT 1) x "
                           "  ON x.message_id = m.id "
                           "WHERE m.id = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;

  lg_stmt_bind_int64 (stmt, 1, lg_lead_get_message_id (lead));
  rc = lg_stmt_step (stmt);
  if (rc == SQLITE_ROW)
    {
      origin->message = lg_message_new ();
      lg_message_set_id (origin->message, lg_stmt_column_int64 (stmt, 0));
      lg_message_set_source_id (origin->message, lg_stmt_column_int64 (stmt, 1));
      lg_message_set_external_id (origin->message, lg_stmt_text (stmt, 2));
      lg_message_set_author_name (origin->message, lg_stmt_text (stmt, 3));
      lg_message_set_author_handle (origin->message, lg_stmt_text (stmt, 4));
      lg_message_set_sent_at (origin->message, lg_stmt_column_int64 (stmt, 5));
      lg_message_set_text (origin->message, lg_stmt_text (stmt, 6));
      lg_message_set_permalink (origin->message, lg_stmt_text (stmt, 7));
      if (lg_stmt_column_type (stmt, 8) != SQLITE_NULL)
        origin->score = lg_stmt_column_int (stmt, 8);
      origin->reason = g_strdup (lg_stmt_text (stmt, 9));
      origin->breakdown = g_strdup (lg_stmt_text (stmt, 10));
    }
  lg_stmt_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      lg_store_set_error (self, error, _("Could not read the lead’s message"));
      return FALSE;
    }
  return TRUE;
}

void
lg_lead_origin_clear (LgLeadOrigin *origin)
{
  g_return_if_fail (origin != NULL);

  g_clear_object (&origin->message);
  g_clear_pointer (&origin->reason, g_free);
  g_clear_pointer (&origin->breakdown, g_free);
}

/* The model's view of a lead. The stage is the furthest open one reached
 * (a won lead counts as having passed Hot); the intent band is the band of
 * the lead's rule-based score, which is the score of the message that
 * surfaced it. values[] points into the strings it is given. */
static void
lead_features (const char  *source_key,
               const char  *furthest,
               const char  *qualification,
               gboolean     has_email,
               gboolean     has_phone,
               int          score,
               const char **values)
{
  LgStage reached = lg_stage_from_id (furthest);

  values[LG_PREDICTIVE_SOURCE] = source_key;
  values[LG_PREDICTIVE_STAGE] = lg_stage_id (reached == LG_STAGE_INVALID ? LG_STAGE_COLD
                                                                         : MIN (reached, LG_STAGE_HOT));
  values[LG_PREDICTIVE_QUALIFICATION] = qualification != NULL ? qualification : "unqualified";
  values[LG_PREDICTIVE_HAS_EMAIL] = has_email ? "yes" : "no";
  values[LG_PREDICTIVE_HAS_PHONE] = has_phone ? "yes" : "no";
  values[LG_PREDICTIVE_INTENT] = score < 0 ? "none" : lg_score_band_id (lg_score_band (score));
}

LgPrediction *
lg_store_predict_lead (LgStore  *self,
                       LgLead   *lead,
                       GError  **error)
{
  g_autoptr(LgPredictive) model = lg_predictive_new ();
  g_autofree char *source_key = NULL;
  const char *values[LG_PREDICTIVE_N_FIELDS];
  LgStmt *stmt;
  int rc;

  g_return_val_if_fail (LG_IS_STORE (self), NULL);
  g_return_val_if_fail (LG_IS_LEAD (lead), NULL);

  /* The whole history in one grouped query: a few rows per kind of lead. */
  stmt = lg_store_prepare (self,
                           "SELECT stage = 'won', coalesce(source_id, 0), furthest_stage, "
                           "qualification, email IS NOT NULL, phone IS NOT NULL, score, count(*) "
                           "FROM leads WHERE stage IN ('won', 'lost') "
                           "GROUP BY 1, 2, 3, 4, 5, 6, 7",
                           error);
  if (stmt == NULL)
    return NULL;

  while ((rc = lg_stmt_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *key = NULL;
      gint64 source_id = lg_stmt_column_int64 (stmt, 1);

      key = source_id > 0 ? g_strdup_printf ("%" PRId64, source_id) : g_strdup ("none");
      lead_features (key, lg_stmt_text (stmt, 2), lg_stmt_text (stmt, 3),
                     lg_stmt_column_int (stmt, 4), lg_stmt_column_int (stmt, 5),
                     lg_stmt_column_int (stmt, 6), values);
      lg_predictive_add_closed (model, lg_stmt_column_int (stmt, 0), values,
                                lg_stmt_column_int (stmt, 7));
    }
  lg_stmt_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      lg_store_set_error (self, error, _("Could not read the won and lost leads"));
      return NULL;
    }

  source_key = lg_lead_get_source_id (lead) > 0
               ? g_strdup_printf ("%" PRId64, lg_lead_get_source_id (lead))
               : g_strdup ("none");
  lead_features (source_key,
                 lg_lead_get_furthest_stage (lead) ? lg_lead_get_furthest_stage (lead)
                                                   : lg_lead_get_stage (lead),
                 lg_lead_get_qualification (lead),
                 lg_lead_get_email (lead) != NULL, lg_lead_get_phone (lead) != NULL,
                 lg_lead_get_score (lead), values);
  return lg_predictive_predict (model, values, lg_lead_get_score (lead));
}

/* Delete and undo. The rows are kept as SQLite values, column by column, so
 * that restoring them needs no knowledge of the schema and survives new
 * columns. */

typedef struct
{
  const char     *table;
  GPtrArray      *columns; /* char * */
  GPtrArray      *values;  /* GVariant *, lg_stmt_column_variant() */
} SavedRow;

struct _LgDeletedLead
{
  gint64     id;
  GPtrArray *rows; /* SavedRow, the lead first */
};

static void
saved_row_free (gpointer data)
{
  SavedRow *row = data;

  g_ptr_array_unref (row->columns);
  g_ptr_array_unref (row->values);
  g_free (row);
}

static gboolean
save_rows (LgStore        *self,
           LgDeletedLead  *deleted,
           const char     *table,
           const char     *sql,
           GError        **error)
{
  LgStmt *stmt = lg_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  lg_stmt_bind_int64 (stmt, 1, deleted->id);
  while ((rc = lg_stmt_step (stmt)) == SQLITE_ROW)
    {
      SavedRow *row = g_new0 (SavedRow, 1);

      row->table = table;
      row->columns = g_ptr_array_new_with_free_func (g_free);
      row->values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
      for (int i = 0; i < lg_stmt_column_count (stmt); i++)
        {
          g_ptr_array_add (row->columns, g_strdup (lg_stmt_column_name (stmt, i)));
          g_ptr_array_add (row->values, lg_stmt_column_variant (stmt, i));
        }
      g_ptr_array_add (deleted->rows, row);
    }
  lg_stmt_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      lg_store_set_error (self, error, _("Could not read the lead before deleting it"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
delete_lead (LgStore        *self,
             LgDeletedLead  *deleted,
             GError        **error)
{
  LgStmt *stmt;

  if (!save_rows (self, deleted, "leads", "SELECT * FROM leads WHERE id = ?", error) ||
      !save_rows (self, deleted, "activities", "SELECT * FROM activities WHERE lead_id = ?",
                  error) ||
      !save_rows (self, deleted, "followups", "SELECT * FROM followups WHERE lead_id = ?",
                  error))
    return FALSE;

  if (deleted->rows->len == 0 ||
      g_strcmp0 (((SavedRow *) g_ptr_array_index (deleted->rows, 0))->table, "leads") != 0)
    {
      g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_NOT_FOUND,
                   _("There is no lead with id %" PRId64 ". It may have been deleted."),
                   deleted->id);
      return FALSE;
    }

  /* Activities and follow-ups go with it (ON DELETE CASCADE). */
  stmt = lg_store_prepare (self, "DELETE FROM leads WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_int64 (stmt, 1, deleted->id);
  return lg_store_step_done (self, stmt, _("Could not delete the lead"), error);
}

LgDeletedLead *
lg_store_delete_lead (LgStore  *self,
                      gint64    id,
                      GError  **error)
{
  g_autoptr(LgDeletedLead) deleted = g_new0 (LgDeletedLead, 1);
  gboolean outer;
  gboolean ok;

  g_return_val_if_fail (LG_IS_STORE (self), NULL);

  deleted->id = id;
  deleted->rows = g_ptr_array_new_with_free_func (saved_row_free);

  if (!lg_store_write_begin (self, &outer, error))
    return NULL;
  ok = delete_lead (self, deleted, error);
  if (!lg_store_write_end (self, outer, ok, error))
    return NULL;

  return g_steal_pointer (&deleted);
}

static gboolean
restore_rows (LgStore        *self,
              LgDeletedLead  *deleted,
              GError        **error)
{
  for (guint r = 0; r < deleted->rows->len; r++)
    {
      SavedRow *row = g_ptr_array_index (deleted->rows, r);
      g_autoptr(GString) sql = g_string_new (NULL);
      LgStmt *stmt;

      g_string_append_printf (sql, "INSERT INTO %s (", row->table);
      for (guint c = 0; c < row->columns->len; c++)
        g_string_append_printf (sql, "%s\"%s\"", c > 0 ? ", " : "",
                                (const char *) g_ptr_array_index (row->columns, c));
      g_string_append (sql, ") VALUES (");
      for (guint c = 0; c < row->columns->len; c++)
        g_string_append (sql, c > 0 ? ", ?" : "?");
      g_string_append (sql, ")");

      stmt = lg_store_prepare (self, sql->str, error);
      if (stmt == NULL)
        return FALSE;
      for (guint c = 0; c < row->values->len; c++)
        lg_stmt_bind_variant (stmt, c + 1, g_ptr_array_index (row->values, c));
      if (!lg_store_step_done (self, stmt, _("Could not restore the lead"), error))
        return FALSE;
    }
  return TRUE;
}

gboolean
lg_store_restore_lead (LgStore        *self,
                       LgDeletedLead  *deleted,
                       GError        **error)
{
  gboolean outer;
  gboolean ok;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (deleted != NULL, FALSE);

  if (!lg_store_write_begin (self, &outer, error))
    return FALSE;
  ok = restore_rows (self, deleted, error);
  return lg_store_write_end (self, outer, ok, error);
}

gint64
lg_deleted_lead_get_id (LgDeletedLead *deleted)
{
  g_return_val_if_fail (deleted != NULL, 0);

  return deleted->id;
}

void
lg_deleted_lead_free (LgDeletedLead *deleted)
{
  if (deleted == NULL)
    return;

  g_ptr_array_unref (deleted->rows);
  g_free (deleted);
}

/* Leads */

gboolean
lg_store_add_lead (LgStore  *self,
                   LgLead   *lead,
                   GError  **error)
{
  LgStmt *stmt;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 created_at;
  gboolean outer;
  gboolean ok;

  g_return_val_if_fail (LG_IS_STORE (self), FALSE);
  g_return_val_if_fail (LG_IS_LEAD (lead), FALSE);

  /* Nothing invalid is stored, whoever adds the lead. */
  if (!lg_lead_validate (lead, error))
    return FALSE;

  created_at = lg_lead_get_created_at (lead) > 0 ? lg_lead_get_created_at (lead) : now;

  if (!lg_store_write_begin (self, &outer, error))
    return FALSE;
  if (!lock_column (self, lg_lead_get_stage (lead) != NULL ? lg_lead_get_stage (lead) : "cold",
                    _("Could not add the lead"), error))
    return lg_store_write_end (self, outer, FALSE, NULL);

  stmt = lg_store_prepare (self,
                           "INSERT INTO leads (name, telegram_handle, telegram_id, email, phone, "
                           "company, stage, furthest_stage, qualification, value, currency, score, "
                           "source_id, message_id, position, created_at, last_touch_at, notes, "
                           "found_at, message_at, closed_at, owner) "
                           "VALUES (coalesce(?1, ''), ?2, ?3, ?4, ?5, ?6, coalesce(?14, 'cold'), "
                           "CASE WHEN ?14 = 'lost' THEN 'cold' ELSE coalesce(?14, 'cold') END, "
                           "coalesce(?7, 'unqualified'), ?8, coalesce(?9, 'USD'), ?10, ?11, ?12, "
                           "(SELECT coalesce(max(position), 0) + 1 FROM leads "
                           " WHERE stage = coalesce(?14, 'cold')), ?15, ?15, coalesce(?13, ''), "
                           "?16, ?17, CASE WHEN ?14 IN ('won', 'lost') THEN ?15 ELSE 0 END, ?18)",
                           error);
  if (stmt == NULL)
    return lg_store_write_end (self, outer, FALSE, NULL);

  lg_lead_bind_fields (stmt, lead);
  lg_stmt_bind_text (stmt, 14, lg_lead_get_stage (lead));
  lg_stmt_bind_int64 (stmt, 15, created_at);
  lg_stmt_bind_int64 (stmt, 16, lg_lead_get_found_at (lead));
  lg_stmt_bind_int64 (stmt, 17, lg_lead_get_message_at (lead));
  /* Whoever adds a lead looks after it, unless it says who does. */
  if (lg_lead_get_owner (lead) == NULL)
    lg_lead_set_owner (lead, lg_store_get_person ());
  lg_stmt_bind_text (stmt, 18, lg_lead_get_owner (lead));

  ok = lg_store_step_done (self, stmt, _("Could not add the lead"), error);
  if (ok)
    {
      lg_lead_set_id (lead, lg_store_last_insert_id (self));
      lg_lead_set_created_at (lead, created_at);

      /* The timeline starts here; its stage is where the lead entered. */
      ok = lg_store_add_activity (self, lg_lead_get_id (lead), "created", NULL, NULL,
                                  lg_lead_get_stage (lead) ? lg_lead_get_stage (lead) : "cold",
                                  error);
    }
  return lg_store_write_end (self, outer, ok, error);
}

LgLead *
lg_store_get_lead (LgStore  *self,
                   gint64    id,
                   GError  **error)
{
  g_autofree char *missing = NULL;
  LgStmt *stmt;
  LgLead *lead;

  g_return_val_if_fail (LG_IS_STORE (self), NULL);

  /* Staleness needs the user's rules: lg_store_list_leads() reads it. */
  stmt = lg_store_prepare (self,
                           "SELECT " LG_LEAD_COLUMNS ", "
                           "(SELECT min(max(f.due_at, f.snoozed_until)) FROM followups f "
                           " WHERE f.lead_id = l.id AND f.done_at = 0) "
                           "FROM leads l LEFT JOIN sources s ON s.id = l.source_id WHERE l.id = ?",
                           error);
  if (stmt == NULL)
    return NULL;

  lg_stmt_bind_int64 (stmt, 1, id);
  missing = g_strdup_printf (_("There is no lead with id %" PRId64), id);
  if (!lg_store_step_one (self, stmt, missing, _("Could not read the lead"), error))
    return NULL;

  lead = lg_lead_from_row (stmt);
  lg_lead_set_next_followup_at (lead, lg_stmt_column_int64 (stmt, LG_LEAD_N_COLUMNS));
  lg_stmt_reset (stmt);
  return lead;
}
