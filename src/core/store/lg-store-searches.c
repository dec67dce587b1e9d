/* lg-store-searches.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Saved searches, and what the user does with a search's results: add to the
 * pipeline (and undo it), dismiss, thumbs up and down.
 */

#define G_LOG_DOMAIN "lg-search"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-scorer.h"
#include "lg-search.h"
#include "lg-store-private.h"

static char *
join_words (const char * const *words)
{
  return g_strjoinv ("\n", (GStrv) words);
}

static GStrv
split_words (const char *text)
{
  return g_strsplit (text != NULL ? text : "", "\n", -1);
}

static char *
join_ids (LgSearchSpec *spec)
{
  guint n;
  const gint64 *ids = lg_search_spec_get_source_ids (spec, &n);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  return g_string_free (out, FALSE);
}

static void
set_ids (LgSearchSpec *spec,
         const char   *text)
{
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ",", -1);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; parts[i] != NULL; i++)
    {
      gint64 id = g_ascii_strtoll (parts[i], NULL, 10);

      if (id > 0)
        g_array_append_val (ids, id);
    }
  lg_search_spec_set_source_ids (spec, (const gint64 *) (gpointer) ids->data, ids->len);
}

gboolean
lg_search_save (LgStore       *store,
                LgSearchSpec  *spec,
                GError       **error)
{
  g_autofree char *must = NULL;
  g_autofree char *exclude = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *kinds = NULL;
  LgStmt *stmt;
  gboolean insert;

  g_return_val_if_fail (LG_IS_STORE (store), FALSE);
  g_return_val_if_fail (LG_IS_SEARCH_SPEC (spec), FALSE);

  insert = lg_search_spec_get_id (spec) <= 0;
  stmt = lg_store_prepare (store,
                           insert
                           ? "INSERT INTO searches (name, offer, must_terms, exclude_terms, "
                             "source_ids, since, until, min_score, feedback, created_at, "
                             "source_kinds) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?12)"
                           : "UPDATE searches SET name = ?1, offer = ?2, must_terms = ?3, "
                             "exclude_terms = ?4, source_ids = ?5, since = ?6, until = ?7, "
                             "min_score = ?8, feedback = ?9, source_kinds = ?12 WHERE id = ?11",
                           error);
  if (stmt == NULL)
    return FALSE;

  must = join_words (lg_search_spec_get_must (spec));
  exclude = join_words (lg_search_spec_get_exclude (spec));
  ids = join_ids (spec);
  kinds = g_strjoinv (",", (GStrv) lg_search_spec_get_source_kinds (spec));
  lg_stmt_bind_string (stmt, 1, lg_search_spec_get_name (spec), -1, SQLITE_TRANSIENT);
  lg_stmt_bind_string (stmt, 2, lg_search_spec_get_offer (spec), -1, SQLITE_TRANSIENT);
  lg_stmt_bind_string (stmt, 3, must, -1, SQLITE_TRANSIENT);
  lg_stmt_bind_string (stmt, 4, exclude, -1, SQLITE_TRANSIENT);
  lg_stmt_bind_string (stmt, 5, ids, -1, SQLITE_TRANSIENT);
  lg_stmt_bind_int64 (stmt, 6, lg_search_spec_get_since (spec));
  lg_stmt_bind_int64 (stmt, 7, lg_search_spec_get_until (spec));
  lg_stmt_bind_int (stmt, 8, lg_search_spec_get_min_score (spec));
  lg_stmt_bind_text (stmt, 9, lg_search_spec_get_feedback (spec));
  lg_stmt_bind_string (stmt, 12, kinds, -1, SQLITE_TRANSIENT);
  if (insert)
    lg_stmt_bind_int64 (stmt, 10, g_get_real_time () / G_USEC_PER_SEC);
  else
    lg_stmt_bind_int64 (stmt, 11, lg_search_spec_get_id (spec));

  if (lg_stmt_step (stmt) != SQLITE_DONE)
    {
      lg_store_set_error (store, error, _("Could not save the search"));
      return FALSE;
    }
  if (insert)
    lg_search_spec_set_id (spec, lg_store_last_insert_id (store));
  return TRUE;
}

GListModel *
lg_search_list_saved (LgStore  *store,
                      GError  **error)
{
  g_autoptr(GListStore) list = g_list_store_new (LG_TYPE_SEARCH_SPEC);
  LgStmt *stmt;
  int rc;

  g_return_val_if_fail (LG_IS_STORE (store), NULL);

  stmt = lg_store_prepare (store,
                           "SELECT id, name, offer, must_terms, exclude_terms, source_ids, since, "
                           "until, min_score, feedback, last_run, source_kinds FROM searches "
                           "ORDER BY max (last_run, created_at) DESC, id DESC",
                           error);
  if (stmt == NULL)
    return NULL;

  while ((rc = lg_stmt_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(LgSearchSpec) spec = lg_search_spec_new (lg_stmt_text (stmt, 2));
      g_auto(GStrv) must = split_words (lg_stmt_text (stmt, 3));
      g_auto(GStrv) exclude = split_words (lg_stmt_text (stmt, 4));
      const char *kinds_text = lg_stmt_text (stmt, 11);
      g_auto(GStrv) kinds = g_strsplit (kinds_text != NULL ? kinds_text : "", ",", -1);

      lg_search_spec_set_id (spec, lg_stmt_column_int64 (stmt, 0));
      lg_search_spec_set_name (spec, lg_stmt_text (stmt, 1));
      lg_search_spec_set_must (spec, (const char * const *) must);
      lg_search_spec_set_exclude (spec, (const char * const *) exclude);
      set_ids (spec, lg_stmt_text (stmt, 5));
      /* "" splits into no kind at all. */
      lg_search_spec_set_source_kinds (spec, (const char * const *) kinds);
      lg_search_spec_set_since (spec, lg_stmt_column_int64 (stmt, 6));
      lg_search_spec_set_until (spec, lg_stmt_column_int64 (stmt, 7));
      lg_search_spec_set_min_score (spec, lg_stmt_column_int (stmt, 8));
      lg_search_spec_set_feedback (spec, lg_stmt_text (stmt, 9));
      lg_search_spec_set_last_run (spec, lg_stmt_column_int64 (stmt, 10));
      g_list_store_append (list, spec);
    }
  lg_stmt_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      lg_store_set_error (store, error, _("Could not list the saved searches"));
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

static gboolean
exec_with_id (LgStore     *store,
              const char  *sql,
              gint64       id,
              const char  *what,
              GError     **error)
{
  LgStmt *stmt = lg_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_int64 (stmt, 1, id);
  if (lg_stmt_step (stmt) != SQLITE_DONE)
    {
      lg_store_set_error (store, error, what);
      return FALSE;
    }
  return TRUE;
}

gboolean
lg_search_remove_saved (LgStore  *store,
                        gint64    id,
                        GError  **error)
{
  g_return_val_if_fail (LG_IS_STORE (store), FALSE);

  return exec_with_id (store, "DELETE FROM searches WHERE id = ?", id,
                       _("Could not remove the saved search"), error);
}

/* update_match()'s feedback when the vote stays as it is. */
#define KEEP_VOTE G_MININT

/* Writes the status (NULL: unchanged) and/or vote of the result's match;
 * nothing for an unsaved search. The match is written first when the search
 * has not recorded it yet (the user acts on results as they stream in). */
static gboolean
update_match (LgStore         *store,
              LgSearchSpec    *spec,
              LgSearchResult  *result,
              const char      *status,
              int              vote,
              GError         **error)
{
  g_autofree char *breakdown = NULL;
  LgStmt *stmt;

  if (lg_search_spec_get_id (spec) <= 0)
    return TRUE;

  stmt = lg_store_prepare (store,
                           "INSERT INTO matches (search_id, message_id, status, feedback, score, "
                           "breakdown, reason, first_seen, last_seen) "
                           "VALUES (?1, ?2, coalesce (?3, 'new'), coalesce (?4, 0), ?5, ?6, ?7, "
                           "?8, ?8) "
                           "ON CONFLICT (search_id, message_id) DO UPDATE SET "
                           "status = coalesce (?3, matches.status), "
                           "feedback = coalesce (?4, matches.feedback)",
                           error);
  if (stmt == NULL)
    return FALSE;
  breakdown = lg_search_result_dup_breakdown_json (result);
  lg_stmt_bind_int64 (stmt, 1, lg_search_spec_get_id (spec));
  lg_stmt_bind_int64 (stmt, 2, lg_search_result_get_message_id (result));
  lg_stmt_bind_text (stmt, 3, status);
  if (vote != KEEP_VOTE)
    lg_stmt_bind_int (stmt, 4, vote);
  lg_stmt_bind_int (stmt, 5, lg_search_result_get_score (result));
  lg_stmt_bind_string (stmt, 6, breakdown, -1, SQLITE_TRANSIENT);
  lg_stmt_bind_string (stmt, 7, lg_search_result_get_reason (result), -1, SQLITE_TRANSIENT);
  lg_stmt_bind_int64 (stmt, 8, g_get_real_time () / G_USEC_PER_SEC);
  return lg_store_step_done (store, stmt, _("Could not save what you did with the result"),
                             error);
}

static const char *
stage_for_score (int score)
{
  switch (lg_score_band (score))
    {
    case LG_SCORE_BAND_ACT:
      return "hot";
    case LG_SCORE_BAND_LOOK:
      return "warm";
    case LG_SCORE_BAND_WEAK:
    default:
      return "cold";
    }
}

/* The lead made from message, if any (0). */
static gboolean
lead_of_message (LgStore  *store,
                 gint64    message_id,
                 gint64   *lead_id,
                 GError  **error)
{
  LgStmt *stmt = lg_store_prepare (store, "SELECT id FROM leads WHERE message_id = ? LIMIT 1",
                                         error);
  int rc;

  *lead_id = 0;
  if (stmt == NULL)
    return FALSE;
  lg_stmt_bind_int64 (stmt, 1, message_id);
  if ((rc = lg_stmt_step (stmt)) == SQLITE_ROW)
    {
      *lead_id = lg_stmt_column_int64 (stmt, 0);
      rc = lg_stmt_step (stmt);
    }
  return lg_store_finish_rows (store, stmt, rc, _("Could not add them to the pipeline"), error);
}

gboolean
lg_search_add_to_pipeline (LgStore         *store,
                           LgSearchSpec    *spec,
                           LgSearchResult  *result,
                           GError         **error)
{
  g_autoptr(LgLead) lead = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 existing = 0;
  const char *name;

  g_return_val_if_fail (LG_IS_STORE (store), FALSE);
  g_return_val_if_fail (LG_IS_SEARCH_SPEC (spec), FALSE);
  g_return_val_if_fail (LG_IS_SEARCH_RESULT (result), FALSE);

  if (lg_search_result_get_lead_id (result) > 0)
    return TRUE;

  lead = lg_lead_new ();
  name = lg_search_result_get_author_name (result);
  lg_lead_set_name (lead, name != NULL ? name : lg_search_result_get_author_label (result));
  lg_lead_set_telegram_handle (lead, lg_search_result_get_author_handle (result));
  lg_lead_set_stage (lead, stage_for_score (lg_search_result_get_score (result)));
  lg_lead_set_score (lead, lg_search_result_get_score (result));
  lg_lead_set_source_id (lead, lg_search_result_get_source_id (result));
  lg_lead_set_message_id (lead, lg_search_result_get_message_id (result));
  /* Speed to lead counts from the message and from when it was found. */
  lg_lead_set_created_at (lead, now);
  lg_lead_set_found_at (lead, now);
  lg_lead_set_message_at (lead, lg_search_result_get_sent_at (result));

  if (!lg_store_begin (store, error))
    return FALSE;
  /* Two adds of one result can wait in the write queue (its row's Add and
   * the lead a follow-up makes): the second finds the first's lead. */
  if (!lead_of_message (store, lg_search_result_get_message_id (result), &existing, error))
    goto fail;
  if (existing > 0)
    lg_lead_set_id (lead, existing);
  if ((existing == 0 && !lg_store_add_lead (store, lead, error)) ||
      !update_match (store, spec, result, "accepted", KEEP_VOTE, error) ||
      !lg_store_commit (store, error))
    goto fail;

  lg_search_result_set_lead_id (result, lg_lead_get_id (lead));
  lg_search_result_set_status (result, LG_MATCH_ACCEPTED);
  lg_store_notify_changed (store, LG_STORE_CHANGED_LEADS);
  return TRUE;

fail:
  lg_store_rollback (store);
  return FALSE;
}

gboolean
lg_search_undo_add (LgStore         *store,
                    LgSearchSpec    *spec,
                    LgSearchResult  *result,
                    GError         **error)
{
  g_autoptr(LgDeletedLead) deleted = NULL;

  g_return_val_if_fail (LG_IS_STORE (store), FALSE);
  g_return_val_if_fail (LG_IS_SEARCH_SPEC (spec), FALSE);
  g_return_val_if_fail (LG_IS_SEARCH_RESULT (result), FALSE);

  if (lg_search_result_get_lead_id (result) <= 0)
    return TRUE;

  /* The pipeline's own delete: the lead goes with its timeline and
   * follow-ups. */
  if (!lg_store_begin (store, error))
    return FALSE;
  deleted = lg_store_delete_lead (store, lg_search_result_get_lead_id (result), error);
  if (deleted == NULL ||
      !update_match (store, spec, result, "new", KEEP_VOTE, error) ||
      !lg_store_commit (store, error))
    {
      lg_store_rollback (store);
      return FALSE;
    }

  lg_search_result_set_lead_id (result, 0);
  lg_search_result_set_status (result, LG_MATCH_NEW);
  lg_store_notify_changed (store, LG_STORE_CHANGED_LEADS);
  return TRUE;
}

gboolean
lg_search_dismiss (LgStore         *store,
                   LgSearchSpec    *spec,
                   LgSearchResult  *result,
                   GError         **error)
{
  g_return_val_if_fail (LG_IS_STORE (store), FALSE);
  g_return_val_if_fail (LG_IS_SEARCH_SPEC (spec), FALSE);
  g_return_val_if_fail (LG_IS_SEARCH_RESULT (result), FALSE);

  if (!update_match (store, spec, result, "dismissed", KEEP_VOTE, error))
    return FALSE;
  lg_search_result_set_status (result, LG_MATCH_DISMISSED);
  return TRUE;
}

gboolean
lg_search_restore (LgStore         *store,
                   LgSearchSpec    *spec,
                   LgSearchResult  *result,
                   GError         **error)
{
  LgMatchStatus status;

  g_return_val_if_fail (LG_IS_STORE (store), FALSE);
  g_return_val_if_fail (LG_IS_SEARCH_SPEC (spec), FALSE);
  g_return_val_if_fail (LG_IS_SEARCH_RESULT (result), FALSE);

  status = lg_search_result_get_lead_id (result) > 0 ? LG_MATCH_ACCEPTED : LG_MATCH_NEW;
  if (!update_match (store, spec, result, lg_match_status_to_string (status), KEEP_VOTE, error))
    return FALSE;
  lg_search_result_set_status (result, status);
  return TRUE;
}

/* Learns @vote on @text into @feedback: the engine learns from the message as
 * it scores with the feedback so far. */
static gboolean
learn (LgScorer    *scorer,
       LgOffer     *offer,
       LgFeedback  *feedback,
       const char  *text,
       gint64       sent_at,
       gint64       now,
       int          vote,
       GError     **error)
{
  g_autoptr(LgScoreResult) score = lg_score_result_new ();

  if (!lg_scorer_score (scorer, offer, feedback, text, -1, sent_at, now, score, error))
    return FALSE;
  lg_feedback_add (feedback, score, vote > 0);
  return TRUE;
}

/* A saved search's feedback learnt anew from the votes it stores, in the
 * order of their messages: a vote taken back or turned is unlearnt. */
static LgFeedback *
replay_votes (LgStore       *store,
              LgSearchSpec  *spec,
              LgOffer       *offer,
              gint64         now,
              GError       **error)
{
  g_autoptr(LgScorer) scorer = lg_scorer_new ();
  g_autoptr(LgFeedback) feedback = lg_feedback_new ();
  LgStmt *stmt;
  int rc;

  stmt = lg_store_prepare (store,
                           "SELECT m.text, m.sent_at, x.feedback FROM matches x "
                           "JOIN messages m ON m.id = x.message_id "
                           "WHERE x.search_id = ? AND x.feedback <> 0 ORDER BY x.message_id",
                           error);
  if (stmt == NULL)
    return NULL;
  lg_stmt_bind_int64 (stmt, 1, lg_search_spec_get_id (spec));
  while ((rc = lg_stmt_step (stmt)) == SQLITE_ROW)
    if (!learn (scorer, offer, feedback, lg_stmt_text (stmt, 0), lg_stmt_column_int64 (stmt, 1),
                now, lg_stmt_column_int (stmt, 2), error))
      {
        lg_stmt_reset (stmt);
        return NULL;
      }
  lg_stmt_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      lg_store_set_error (store, error, _("Could not read the search’s thumbs up and down"));
      return NULL;
    }
  return g_steal_pointer (&feedback);
}

gboolean
lg_search_vote (LgStore         *store,
                LgSearchSpec    *spec,
                LgSearchResult  *result,
                int              vote,
                GError         **error)
{
  g_autoptr(LgOffer) offer = NULL;
  g_autoptr(LgFeedback) feedback = NULL;
  g_autoptr(LgSearchSpec) saved = NULL;
  g_autofree char *text = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean is_saved;

  g_return_val_if_fail (LG_IS_STORE (store), FALSE);
  g_return_val_if_fail (LG_IS_SEARCH_SPEC (spec), FALSE);
  g_return_val_if_fail (LG_IS_SEARCH_RESULT (result), FALSE);
  g_return_val_if_fail (vote >= -1 && vote <= 1, FALSE);
  is_saved = lg_search_spec_get_id (spec) > 0;
  g_return_val_if_fail (vote != 0 || is_saved, FALSE);

  if (lg_search_result_get_feedback (result) == vote)
    return TRUE;

  offer = lg_search_spec_new_offer (spec, error);
  if (offer == NULL || !lg_store_begin (store, error))
    return FALSE;

  if (is_saved)
    {
      if (!update_match (store, spec, result, NULL, vote, error) ||
          (feedback = replay_votes (store, spec, offer, now, error)) == NULL)
        goto fail;
    }
  else
    {
      /* Nothing stored to learn again from: the vote adds to what the
       * search learnt so far. */
      const char *stored = lg_search_spec_get_feedback (spec);
      g_autoptr(LgScorer) scorer = lg_scorer_new ();

      feedback = stored != NULL ? lg_feedback_new_from_string (stored, error)
                                : lg_feedback_new ();
      if (feedback == NULL ||
          !learn (scorer, offer, feedback, lg_search_result_get_text (result),
                  lg_search_result_get_sent_at (result), now, vote, error))
        goto fail;
    }
  text = lg_feedback_to_string (feedback);

  /* Written to a copy first: the spec changes only once the store has it. */
  saved = lg_search_spec_copy (spec);
  lg_search_spec_set_feedback (saved, text);
  if ((is_saved && !lg_search_save (store, saved, error)) || !lg_store_commit (store, error))
    goto fail;

  lg_search_spec_set_feedback (spec, text);
  lg_search_result_set_feedback (result, vote);
  return TRUE;

fail:
  lg_store_rollback (store);
  return FALSE;
}
