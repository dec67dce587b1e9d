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
  sqlite3_stmt *stmt;
  gboolean insert;

  g_return_val_if_fail (LG_IS_STORE (store), FALSE);
  g_return_val_if_fail (LG_IS_SEARCH_SPEC (spec), FALSE);

  insert = lg_search_spec_get_id (spec) <= 0;
  stmt = lg_store_prepare (store,
                           insert
                           ? "INSERT INTO searches (name, offer, must_terms, exclude_terms, "
                             "source_ids, since, until, min_score, feedback, created_at, id) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, NULL)"
                           : "UPDATE searches SET name = ?1, offer = ?2, must_terms = ?3, "
                             "exclude_terms = ?4, source_ids = ?5, since = ?6, until = ?7, "
                             "min_score = ?8, feedback = ?9 WHERE id = ?11",
                           error);
  if (stmt == NULL)
    return FALSE;

  must = join_words (lg_search_spec_get_must (spec));
  exclude = join_words (lg_search_spec_get_exclude (spec));
  ids = join_ids (spec);
  sqlite3_bind_text (stmt, 1, lg_search_spec_get_name (spec), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, lg_search_spec_get_offer (spec), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, must, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, exclude, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, ids, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, lg_search_spec_get_since (spec));
  sqlite3_bind_int64 (stmt, 7, lg_search_spec_get_until (spec));
  sqlite3_bind_int (stmt, 8, lg_search_spec_get_min_score (spec));
  lg_stmt_bind_text (stmt, 9, lg_search_spec_get_feedback (spec));
  if (insert)
    sqlite3_bind_int64 (stmt, 10, g_get_real_time () / G_USEC_PER_SEC);
  else
    sqlite3_bind_int64 (stmt, 11, lg_search_spec_get_id (spec));

  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      lg_store_set_error (store, error, _("Could not save the search"));
      return FALSE;
    }
  if (insert)
    lg_search_spec_set_id (spec, sqlite3_last_insert_rowid (lg_store_get_db (store)));
  return TRUE;
}

GListModel *
lg_search_list_saved (LgStore  *store,
                      GError  **error)
{
  g_autoptr(GListStore) list = g_list_store_new (LG_TYPE_SEARCH_SPEC);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (LG_IS_STORE (store), NULL);

  stmt = lg_store_prepare (store,
                           "SELECT id, name, offer, must_terms, exclude_terms, source_ids, since, "
                           "until, min_score, feedback, last_run FROM searches "
                           "ORDER BY max (last_run, created_at) DESC, id DESC",
                           error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(LgSearchSpec) spec = lg_search_spec_new (lg_stmt_text (stmt, 2));
      g_auto(GStrv) must = split_words (lg_stmt_text (stmt, 3));
      g_auto(GStrv) exclude = split_words (lg_stmt_text (stmt, 4));

      lg_search_spec_set_id (spec, sqlite3_column_int64 (stmt, 0));
      lg_search_spec_set_name (spec, lg_stmt_text (stmt, 1));
      lg_search_spec_set_must (spec, (const char * const *) must);
      lg_search_spec_set_exclude (spec, (const char * const *) exclude);
      set_ids (spec, lg_stmt_text (stmt, 5));
      lg_search_spec_set_since (spec, sqlite3_column_int64 (stmt, 6));
      lg_search_spec_set_until (spec, sqlite3_column_int64 (stmt, 7));
      lg_search_spec_set_min_score (spec, sqlite3_column_int (stmt, 8));
      lg_search_spec_set_feedback (spec, lg_stmt_text (stmt, 9));
      lg_search_spec_set_last_run (spec, sqlite3_column_int64 (stmt, 10));
      g_list_store_append (list, spec);
    }
  sqlite3_reset (stmt);
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
  sqlite3_stmt *stmt = lg_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_DONE)
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

/* Writes status and/or feedback of the result's match; nothing for an unsaved
 * search. */
static gboolean
update_match (LgStore         *store,
              LgSearchSpec    *spec,
              LgSearchResult  *result,
              const char      *status,
              int              feedback,
              GError         **error)
{
  sqlite3_stmt *stmt;

  if (lg_search_spec_get_id (spec) <= 0)
    return TRUE;

  stmt = lg_store_prepare (store,
                           "UPDATE matches SET status = coalesce (?3, status), "
                           "feedback = coalesce (?4, feedback) "
                           "WHERE search_id = ?1 AND message_id = ?2",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, lg_search_spec_get_id (spec));
  sqlite3_bind_int64 (stmt, 2, lg_search_result_get_message_id (result));
  lg_stmt_bind_text (stmt, 3, status);
  if (feedback != 0)
    sqlite3_bind_int (stmt, 4, feedback);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      lg_store_set_error (store, error, _("Could not save what you did with the result"));
      return FALSE;
    }
  return TRUE;
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

gboolean
lg_search_add_to_pipeline (LgStore         *store,
                           LgSearchSpec    *spec,
                           LgSearchResult  *result,
                           GError         **error)
{
  g_autoptr(LgLead) lead = NULL;
  const char *name;
  sqlite3_stmt *stmt;

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

  if (!lg_store_begin (store, error))
    return FALSE;
  if (!lg_store_add_lead (store, lead, error))
    goto fail;

  /* Speed to lead counts from the message and from when it was found. */
  stmt = lg_store_prepare (store, "UPDATE leads SET found_at = ?2, message_at = ?3 WHERE id = ?1",
                           error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, lg_lead_get_id (lead));
  sqlite3_bind_int64 (stmt, 2, lg_lead_get_created_at (lead));
  sqlite3_bind_int64 (stmt, 3, lg_search_result_get_sent_at (result));
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      lg_store_set_error (store, error, _("Could not add the lead"));
      goto fail;
    }
  if (!update_match (store, spec, result, "accepted", 0, error) || !lg_store_commit (store, error))
    goto fail;

  lg_search_result_set_lead_id (result, lg_lead_get_id (lead));
  lg_search_result_set_status (result, LG_MATCH_ACCEPTED);
  lg_store_notify_changed (store, "leads");
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
  g_return_val_if_fail (LG_IS_STORE (store), FALSE);
  g_return_val_if_fail (LG_IS_SEARCH_SPEC (spec), FALSE);
  g_return_val_if_fail (LG_IS_SEARCH_RESULT (result), FALSE);

  if (lg_search_result_get_lead_id (result) <= 0)
    return TRUE;

  if (!lg_store_begin (store, error))
    return FALSE;
  if (!exec_with_id (store, "DELETE FROM leads WHERE id = ?", lg_search_result_get_lead_id (result),
                     _("Could not remove the lead"), error) ||
      !update_match (store, spec, result, "new", 0, error) ||
      !lg_store_commit (store, error))
    {
      lg_store_rollback (store);
      return FALSE;
    }

  lg_search_result_set_lead_id (result, 0);
  lg_search_result_set_status (result, LG_MATCH_NEW);
  lg_store_notify_changed (store, "leads");
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

  if (!update_match (store, spec, result, "dismissed", 0, error))
    return FALSE;
  lg_search_result_set_status (result, LG_MATCH_DISMISSED);
  return TRUE;
}

gboolean
lg_search_vote (LgStore         *store,
                LgSearchSpec    *spec,
                LgSearchResult  *result,
                gboolean         thumbs_up,
                GError         **error)
{
  g_autoptr(LgOffer) offer = NULL;
  g_autoptr(LgFeedback) feedback = NULL;
  g_autoptr(LgScorer) scorer = NULL;
  g_autoptr(LgScoreResult) score = NULL;
  g_autoptr(LgSearchSpec) saved = NULL;
  g_autofree char *text = NULL;
  const char *stored;
  int vote = thumbs_up ? 1 : -1;

  g_return_val_if_fail (LG_IS_STORE (store), FALSE);
  g_return_val_if_fail (LG_IS_SEARCH_SPEC (spec), FALSE);
  g_return_val_if_fail (LG_IS_SEARCH_RESULT (result), FALSE);

  if (lg_search_result_get_feedback (result) == vote)
    return TRUE;

  offer = lg_offer_new (lg_search_spec_get_offer (spec), lg_search_spec_get_must (spec),
                        lg_search_spec_get_exclude (spec), error);
  if (offer == NULL)
    return FALSE;
  stored = lg_search_spec_get_feedback (spec);
  feedback = stored != NULL ? lg_feedback_new_from_string (stored, error) : lg_feedback_new ();
  if (feedback == NULL)
    return FALSE;

  /* The engine learns from the message as it scores with the feedback so far. */
  scorer = lg_scorer_new ();
  score = lg_score_result_new ();
  if (!lg_scorer_score (scorer, offer, feedback, lg_search_result_get_text (result), -1,
                        lg_search_result_get_sent_at (result),
                        g_get_real_time () / G_USEC_PER_SEC, score, error))
    return FALSE;
  lg_feedback_add (feedback, score, thumbs_up);
  text = lg_feedback_to_string (feedback);

  /* Written to a copy first: the spec changes only once the store has it. */
  saved = lg_search_spec_copy (spec);
  lg_search_spec_set_feedback (saved, text);
  if (!lg_store_begin (store, error))
    return FALSE;
  if ((lg_search_spec_get_id (saved) > 0 && !lg_search_save (store, saved, error)) ||
      !update_match (store, spec, result, NULL, vote, error) ||
      !lg_store_commit (store, error))
    {
      lg_store_rollback (store);
      return FALSE;
    }

  lg_search_spec_set_feedback (spec, text);
  lg_search_result_set_feedback (result, vote);
  return TRUE;
}
