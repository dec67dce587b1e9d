/* lg-sample-workspace.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-sample"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "lg-sample-resources.h"
#include "lg-scorer.h"
#include "lg-sample-workspace.h"
#include "lg-store-sample.h"

#define RESOURCE_DIR "/org/leadgram/Desktop/sample/"

static const char * const message_files[] = {
  "sample-messages-1.tsv", "sample-messages-2.tsv", "sample-messages-3.tsv",
};

enum { M_CHANNEL, M_ID, M_AUTHOR, M_HANDLE, M_DAYS_AGO, M_TEXT, N_MESSAGE_FIELDS };
enum {
  L_NAME, L_HANDLE, L_EMAIL, L_PHONE, L_COMPANY, L_STAGE, L_QUALIFICATION, L_VALUE,
  L_CURRENCY, L_CREATED_DAYS_AGO, L_FIRST_TOUCH_HOURS, L_NOTES, L_OFFER, N_LEAD_FIELDS
};
enum { F_LEAD, F_KIND, F_DUE_HOURS, F_NOTE, N_FOLLOWUP_FIELDS };
enum { C_CHANNEL, C_MONTHS_AGO, C_AMOUNT, C_CURRENCY, C_NOTE, N_COST_FIELDS };

/* The rows of a TSV file in the resource, each split into @n_fields fields
 * with "\n" in a field turned into a line break. */
static GPtrArray *
read_rows (const char  *name,
           guint        n_fields,
           GError     **error)
{
  g_autofree char *path = g_strconcat (RESOURCE_DIR, name, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *rows;

  static gsize registered = 0;

  /* Registering makes the compiled-in data readable under its path. */
  if (g_once_init_enter (&registered))
    {
      lg_sample_register_resource ();
      g_once_init_leave (&registered, 1);
    }
  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  lines = g_strsplit (g_bytes_get_data (bytes, NULL), "\n", -1);
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      GStrv fields;

      if (*lines[i] == '\0')
        continue;
      fields = g_strsplit (lines[i], "\t", n_fields);
      if (g_strv_length (fields) != n_fields)
        {
          g_strfreev (fields);
          g_ptr_array_unref (rows);
          g_set_error (error, LG_STORE_ERROR, LG_STORE_ERROR_INVALID,
                       "%s:%u: expected %u fields", name, i + 1, n_fields);
          return NULL;
        }
      for (guint j = 0; j < n_fields; j++)
        {
          g_auto(GStrv) parts = g_strsplit (fields[j], "\\n", -1);

          g_free (fields[j]);
          fields[j] = g_strjoinv ("\n", parts);
        }
      g_ptr_array_add (rows, fields);
    }
  return rows;
}

static gint64
days_ago (gint64      now,
          const char *days)
{
  return now - (gint64) round (g_ascii_strtod (days, NULL) * 86400);
}

/* "sample_dental_owners" -> "Dental Owners (sample)" */
static char *
channel_title (const char *handle)
{
  g_autofree char *words = g_strdup (g_str_has_prefix (handle, "sample_") ? handle + 7 : handle);
  gboolean start = TRUE;

  for (char *p = words; *p != '\0'; p++)
    {
      if (*p == '_')
        *p = ' ';
      else if (start)
        *p = g_ascii_toupper (*p);
      start = *p == ' ';
    }
  /* Translators: the title of a channel of the sample workspace. */
  return g_strdup_printf (_("%s (sample)"), words);
}

static gint64
ensure_channel (LgStore     *store,
                GHashTable  *channels,
                const char  *handle,
                GError     **error)
{
  g_autoptr(LgSource) source = NULL;
  g_autofree char *title = NULL;
  g_autofree char *url = NULL;
  gint64 *known = g_hash_table_lookup (channels, handle);
  gint64 id;

  if (known != NULL)
    return *known;

  title = channel_title (handle);
  url = g_strdup_printf ("https://t.me/%s", handle);
  source = lg_source_new ();
  lg_source_set_kind (source, "telegram_channel");
  lg_source_set_handle (source, handle);
  lg_source_set_title (source, title);
  lg_source_set_url (source, url);
  if (!lg_store_add_source (store, source, error))
    return 0;
  id = lg_source_get_id (source);
  if (!lg_store_mark_sample_source (store, id, g_get_real_time () / G_USEC_PER_SEC, error))
    return 0;
  g_hash_table_insert (channels, g_strdup (handle), g_memdup2 (&id, sizeof id));
  return id;
}

static gboolean
load_messages (LgStore     *store,
               gint64       now,
               GError     **error)
{
  g_autoptr(GHashTable) channels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint f = 0; f < G_N_ELEMENTS (message_files); f++)
    {
      g_autoptr(GPtrArray) rows = read_rows (message_files[f], N_MESSAGE_FIELDS, error);

      if (rows == NULL)
        return FALSE;
      for (guint i = 0; i < rows->len; i++)
        {
          GStrv row = g_ptr_array_index (rows, i);
          g_autoptr(LgMessage) message = lg_message_new ();
          g_autofree char *link = g_strdup_printf ("https://t.me/%s/%s", row[M_CHANNEL], row[M_ID]);
          gint64 source_id = ensure_channel (store, channels, row[M_CHANNEL], error);

          if (source_id == 0)
            return FALSE;
          lg_message_set_source_id (message, source_id);
          lg_message_set_external_id (message, row[M_ID]);
          lg_message_set_author_name (message, row[M_AUTHOR]);
          lg_message_set_author_handle (message, *row[M_HANDLE] != '\0' ? row[M_HANDLE] : NULL);
          lg_message_set_sent_at (message, days_ago (now, row[M_DAYS_AGO]));
          lg_message_set_text (message, row[M_TEXT]);
          lg_message_set_permalink (message, link);
          if (!lg_store_add_message (store, message, NULL, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* The best-scored message so far of the lead being scored. */
typedef struct
{
  LgScorer      *scorer;
  LgOffer       *offer;
  LgScoreResult *result;
  gint64         lead_id;
  gint64         message_id;
  gint64         message_at;
  int            score;
} BestMessage;

static gboolean
score_message (const LgStoreSampleMessage  *message,
               gpointer                     user_data,
               GError                     **error)
{
  BestMessage *best = user_data;

  if (!lg_scorer_score (best->scorer, best->offer, NULL, message->text, -1, message->sent_at,
                        message->found_at, best->result, error))
    return FALSE;
  if (lg_score_result_get_score (best->result) > best->score)
    {
      best->lead_id = message->lead_id;
      best->message_id = message->message_id;
      best->message_at = message->sent_at;
      best->score = lg_score_result_get_score (best->result);
    }
  return TRUE;
}

/* A sample lead found in a channel carries what a search would have given
 * it when it was found (its creation): of its author's messages there, the
 * one the engine scores best for what the sample's seller offers (the offer
 * column) is the message that surfaced it, and that score is the lead's. */
static gboolean
score_leads (LgStore    *store,
             GPtrArray  *rows,
             GError    **error)
{
  g_autoptr(LgScorer) scorer = lg_scorer_new ();
  g_autoptr(LgScoreResult) result = lg_score_result_new ();

  for (guint i = 0; i < rows->len; i++)
    {
      GStrv row = g_ptr_array_index (rows, i);
      g_autoptr(LgOffer) offer = NULL;
      BestMessage best = { scorer, NULL, result, 0, 0, 0, -1 };

      if (*row[L_OFFER] == '\0')
        continue;

      offer = lg_offer_new (row[L_OFFER], NULL, NULL, error);
      if (offer == NULL)
        return FALSE;

      best.offer = offer;
      if (!lg_store_read_sample_lead_messages (store, row[L_NAME], score_message, &best, error))
        return FALSE;
      if (best.score < 0)
        continue;
      if (!lg_store_set_lead_origin (store, best.lead_id, best.score, best.message_id,
                                     best.message_at, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_leads (LgStore  *store,
            gint64    now,
            GError  **error)
{
  g_autoptr(GPtrArray) rows = read_rows ("sample-leads.tsv", N_LEAD_FIELDS, error);

  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      GStrv row = g_ptr_array_index (rows, i);
      g_autoptr(LgLead) lead = lg_lead_new ();
      gint64 created = days_ago (now, row[L_CREATED_DAYS_AGO]);
      gint64 first_touch = 0;

      lg_lead_set_name (lead, row[L_NAME]);
      lg_lead_set_telegram_handle (lead, *row[L_HANDLE] != '\0' ? row[L_HANDLE] : NULL);
      lg_lead_set_email (lead, *row[L_EMAIL] != '\0' ? row[L_EMAIL] : NULL);
      lg_lead_set_phone (lead, *row[L_PHONE] != '\0' ? row[L_PHONE] : NULL);
      lg_lead_set_company (lead, *row[L_COMPANY] != '\0' ? row[L_COMPANY] : NULL);
      lg_lead_set_stage (lead, row[L_STAGE]);
      lg_lead_set_qualification (lead, row[L_QUALIFICATION]);
      lg_lead_set_value (lead, (gint64) round (g_ascii_strtod (row[L_VALUE], NULL) * 100));
      lg_lead_set_currency (lead, row[L_CURRENCY]);
      lg_lead_set_created_at (lead, created);
      lg_lead_set_notes (lead, row[L_NOTES]);
      if (!lg_store_add_lead (store, lead, error))
        return FALSE;

      if (*row[L_FIRST_TOUCH_HOURS] != '\0')
        first_touch = created + (gint64) round (g_ascii_strtod (row[L_FIRST_TOUCH_HOURS], NULL)
                                                * 3600);
      if (!lg_store_mark_sample_lead (store, lg_lead_get_id (lead), first_touch, error))
        return FALSE;
    }

  /* A sample lead whose handle wrote in a sample channel came from there: its
   * latest message there. */
  if (!lg_store_link_sample_leads (store, error))
    return FALSE;

  return score_leads (store, rows, error);
}

/* Next steps on some of the open leads, a couple of them overdue, so that
 * the board, the Follow-ups view and the stale rules show what they do.
 * The ones already due count as notified: opening the sample does not set
 * off a burst of notifications. */
static gboolean
load_followups (LgStore  *store,
                gint64    now,
                GError  **error)
{
  g_autoptr(GPtrArray) rows = read_rows ("sample-followups.tsv", N_FOLLOWUP_FIELDS, error);

  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      GStrv row = g_ptr_array_index (rows, i);
      gint64 due = now + (gint64) round (g_ascii_strtod (row[F_DUE_HOURS], NULL) * 3600);

      if (!lg_store_add_sample_followup (store, row[F_LEAD], due, row[F_KIND], row[F_NOTE], now,
                                         error))
        return FALSE;
    }
  return TRUE;
}

/* What some sample channels cost in the last three months, so that cost
 * per lead and ROI have something to show. */
static gboolean
load_costs (LgStore  *store,
            gint64    now,
            GError  **error)
{
  g_autoptr(GPtrArray) rows = read_rows ("sample-costs.tsv", N_COST_FIELDS, error);
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_local (now);

  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      GStrv row = g_ptr_array_index (rows, i);
      int months_ago = (int) g_ascii_strtoll (row[C_MONTHS_AGO], NULL, 10);
      g_autoptr(GDateTime) month = g_date_time_new_local (g_date_time_get_year (today),
                                                          g_date_time_get_month (today), 1,
                                                          0, 0, 0);
      g_autoptr(GDateTime) start = g_date_time_add_months (month, -months_ago);
      g_autoptr(GDateTime) end = g_date_time_add_months (start, 1);

      if (!lg_store_add_sample_cost (store, row[C_CHANNEL], g_date_time_to_unix (start),
                                     g_date_time_to_unix (end),
                                     (gint64) round (g_ascii_strtod (row[C_AMOUNT], NULL) * 100),
                                     row[C_CURRENCY], row[C_NOTE], error))
        return FALSE;
    }
  return TRUE;
}

gboolean
lg_sample_workspace_is_loaded (LgStore *store)
{
  g_return_val_if_fail (LG_IS_STORE (store), FALSE);

  return lg_store_has_sample (store);
}

gboolean
lg_sample_workspace_load (LgStore  *store,
                          gint64    now,
                          GError  **error)
{
  g_return_val_if_fail (LG_IS_STORE (store), FALSE);

  if (lg_sample_workspace_is_loaded (store))
    return TRUE;

  if (!lg_store_begin (store, error))
    return FALSE;
  if (!load_messages (store, now, error) || !load_leads (store, now, error) ||
      !load_followups (store, now, error) || !load_costs (store, now, error) ||
      !lg_store_commit (store, error))
    {
      lg_store_rollback (store);
      g_prefix_error (error, _("Could not open the sample workspace: "));
      return FALSE;
    }
  return TRUE;
}

gboolean
lg_sample_workspace_remove (LgStore  *store,
                            GError  **error)
{
  g_return_val_if_fail (LG_IS_STORE (store), FALSE);

  if (!lg_store_begin (store, error))
    return FALSE;
  if (!lg_store_remove_sample (store, error) ||
      !lg_store_commit (store, error))
    {
      lg_store_rollback (store);
      g_prefix_error (error, _("Could not remove the sample data: "));
      return FALSE;
    }
  return TRUE;
}
