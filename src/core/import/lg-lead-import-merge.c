/* lg-lead-import-merge.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LgLeadImport's merge rules: what a row does to the leads by the import's
 * mode and the user's choice for conflicts, creating a lead (new leads wait
 * to be staged many at a time) or updating the one it matched, column by
 * column, only where the row says something new.
 */

#define G_LOG_DOMAIN "lg-import"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lg-lead-import-private.h"
#include "lg-lead-validate.h"

G_STATIC_ASSERT (LG_CONFLICT_N_FIELDS == 5); /* lg_store_import_read_contact */

void
lg_import_conflict_free (gpointer data)
{
  LgImportConflict *conflict = data;

  g_free (conflict->reason);
  for (guint i = 0; i < LG_CONFLICT_N_FIELDS; i++)
    {
      g_free (conflict->row[i]);
      g_free (conflict->lead[i]);
    }
  g_free (conflict);
}

/* The ids the CLI and the saved settings use, indexed by enum value. */
static const char *const conflict_action_ids[] = { "skip", "merge", "create" };
static const char *const import_mode_ids[] = { "create", "update", "both" };

/* The position of @id in @ids, or -1. */
static int
id_index (const char *const *ids,
          guint              n_ids,
          const char        *id)
{
  for (guint i = 0; i < n_ids; i++)
    if (g_strcmp0 (id, ids[i]) == 0)
      return i;
  return -1;
}

const char *
lg_conflict_action_get_id (LgConflictAction action)
{
  g_return_val_if_fail (action <= LG_CONFLICT_CREATE, NULL);

  return conflict_action_ids[action];
}

gboolean
lg_conflict_action_from_id (const char       *id,
                            LgConflictAction *action)
{
  int index;

  g_return_val_if_fail (id != NULL, FALSE);

  index = id_index (conflict_action_ids, G_N_ELEMENTS (conflict_action_ids), id);
  if (index < 0)
    return FALSE;
  *action = index;
  return TRUE;
}

const char *
lg_conflict_field_get_label (LgConflictField field)
{
  switch (field)
    {
    case LG_CONFLICT_FIELD_NAME:
      return _("Name");
    case LG_CONFLICT_FIELD_EMAIL:
      return _("Email");
    case LG_CONFLICT_FIELD_PHONE:
      return _("Phone");
    case LG_CONFLICT_FIELD_TELEGRAM:
      return _("Telegram");
    case LG_CONFLICT_FIELD_COMPANY:
      return _("Company");
    case LG_CONFLICT_N_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
lg_import_mode_get_id (LgImportMode mode)
{
  g_return_val_if_fail (mode <= LG_IMPORT_MODE_BOTH, NULL);

  return import_mode_ids[mode];
}

gboolean
lg_import_mode_from_id (const char   *id,
                        LgImportMode *mode)
{
  int index;

  g_return_val_if_fail (id != NULL, FALSE);

  index = id_index (import_mode_ids, G_N_ELEMENTS (import_mode_ids), id);
  if (index < 0)
    return FALSE;
  *mode = index;
  return TRUE;
}

void
lg_lead_import_set_mode (LgLeadImport *self,
                         LgImportMode  mode)
{
  g_return_if_fail (LG_IS_LEAD_IMPORT (self));

  self->mode = mode;
}

void
lg_lead_import_set_on_conflict (LgLeadImport     *self,
                                LgConflictAction  action)
{
  g_return_if_fail (LG_IS_LEAD_IMPORT (self));
  g_return_if_fail (action <= LG_CONFLICT_CREATE);

  self->on_conflict = action;
}

void
lg_lead_import_set_conflict_action (LgLeadImport     *self,
                                    guint             line,
                                    LgConflictAction  action)
{
  g_return_if_fail (LG_IS_LEAD_IMPORT (self));
  g_return_if_fail (action <= LG_CONFLICT_CREATE);

  g_hash_table_insert (self->conflict_actions, GUINT_TO_POINTER (line),
                       GUINT_TO_POINTER (action + 1));
}

/* The user's choice for the conflict on that line, else the default. */
static LgConflictAction
conflict_action (LgLeadImport *self,
                 guint         line)
{
  guint chosen = GPOINTER_TO_UINT (g_hash_table_lookup (self->conflict_actions,
                                                        GUINT_TO_POINTER (line)));

  return chosen > 0 ? (LgConflictAction) (chosen - 1) : self->on_conflict;
}

/* Keeps the conflict for the preview, with the lead's side as it is in the
 * database (an earlier row of the file that is not there has none). */
static gboolean
remember_conflict (LgLeadImport  *self,
                   Index         *index,
                   const Record  *row,
                   gint64         match,
                   char          *reason,
                   GError       **error)
{
  LgImportConflict *conflict;

  self->conflicts++;
  if (self->conflict_list->len >= LG_IMPORT_MAX_LISTED_CONFLICTS)
    {
      g_free (reason);
      return TRUE;
    }

  conflict = g_new0 (LgImportConflict, 1);
  conflict->line = row->line;
  conflict->lead_id = match;
  conflict->reason = reason;
  conflict->row[LG_CONFLICT_FIELD_NAME] = g_strdup (row->name);
  conflict->row[LG_CONFLICT_FIELD_EMAIL] = g_strdup (row->email);
  conflict->row[LG_CONFLICT_FIELD_PHONE] = g_strdup (row->phone);
  conflict->row[LG_CONFLICT_FIELD_TELEGRAM] = g_strdup (row->telegram);
  conflict->row[LG_CONFLICT_FIELD_COMPANY] = g_strdup (row->company);
  g_ptr_array_add (self->conflict_list, conflict);

  /* As the import has left it so far. */
  return lg_store_import_read_contact (index->store, match, conflict->lead, error);
}

/* Sources kept at hand by name. */
#define MAX_CACHED_SOURCES 64

/* The source named in the file: an existing one by title or handle, else a
 * new source of kind csv. */
static gboolean
find_source (Index       *index,
             const char  *name,
             gint64      *id,
             GError     **error)
{
  gpointer cached;

  if (g_hash_table_lookup_extended (index->sources, name, NULL, &cached))
    {
      *id = GPOINTER_TO_SIZE (cached);
      return TRUE;
    }

  if (!lg_store_import_find_source (index->store, name, id, error))
    return FALSE;
  /* Added by the move, under the id it gets here. */
  if (*id == 0)
    {
      *id = index->next_source_id++;
      if (!lg_store_import_stage_source (index->store, *id, name, error))
        return FALSE;
    }

  /* The last ones met: a file names a few sources on many rows, or one
   * on each row (the store finds those it staged). */
  if (g_hash_table_size (index->sources) >= MAX_CACHED_SOURCES)
    g_hash_table_remove_all (index->sources);
  g_hash_table_insert (index->sources, g_strdup (name), GSIZE_TO_POINTER ((gsize) *id));
  return TRUE;
}

gboolean
lg_import_index_flush_creates (Index   *index,
                               GError **error)
{
  gboolean ok;

  ok = lg_store_import_stage_new_leads (index->store, (LgImportNewLead *) index->pending->data,
                                        index->pending->len, error);
  g_array_set_size (index->pending, 0);
  return ok;
}

/* Stages the new leads kept back if the lead is one of them: the staging
 * area is what is read. */
static gboolean
flush_if_pending (Index   *index,
                  gint64   id,
                  GError **error)
{
  if (index->pending->len == 0 || id < g_array_index (index->pending, LgImportNewLead, 0).id)
    return TRUE;
  return lg_import_index_flush_creates (index, error);
}

static gboolean
create_lead (Index         *index,
             const Record  *row,
             GError       **error)
{
  LgStage rank = lg_import_stage_rank (row->stage);
  LgImportNewLead lead = {
    .id = index->next_id++,
    .name = row->name != NULL ? row->name : "",
    .telegram = row->telegram,
    .telegram_id = row->telegram_id,
    .email = row->email,
    .phone = row->phone,
    .company = row->company,
    .stage = row->stage != NULL ? row->stage : "cold",
    .qualification = row->qualification != NULL ? row->qualification : "unqualified",
    .value = row->has_value ? row->value : 0,
    .currency = row->currency[0] != '\0' ? row->currency : "USD",
    .created = row->created != 0 ? row->created : index->snapshot.now,
    .closed = row->closed,
    .lost_reason = row->lost_reason,
    .notes = row->notes != NULL ? row->notes : "",
    .external_id = row->form_key,
  };

  if (row->source != NULL && !find_source (index, row->source, &lead.source_id, error))
    return FALSE;

  index->position[rank] += 1;
  lead.position = index->position[rank];
  if (!lg_import_index_add (index, lead.id, row->email_key, row->phone, row->telegram_key,
                            row->telegram_id, error))
    return FALSE;
  g_array_append_val (index->pending, lead);
  return index->pending->len < LG_IMPORT_MAX_NEW_LEADS ||
         lg_import_index_flush_creates (index, error);
}

static void
change_text (LgImportChange *change,
             int             column,
             const char     *value,
             gboolean        differs)
{
  if (value == NULL || !differs)
    return;
  change->text[column] = value;
  change->changed[column] = TRUE;
}

static void
change_number (LgImportChange *change,
               int             column,
               gint64          now,
               gint64          value)
{
  if (now == value)
    return;
  change->number[column] = value;
  change->is_number[column] = TRUE;
  change->changed[column] = TRUE;
}

static gboolean
same_text (const char *a,
           const char *b)
{
  return g_strcmp0 (a != NULL ? a : "", b != NULL ? b : "") == 0;
}

/* The same address by the key duplicates are found by. */
static gboolean
same_email (const char *a,
            const char *b)
{
  g_autofree char *key_a = lg_lead_email_key (a);
  g_autofree char *key_b = lg_lead_email_key (b);

  return g_strcmp0 (key_a, key_b) == 0;
}

/* The notes after the import: the file's notes column replaces them, columns
 * added to notes are appended unless the notes already say so. */
static char *
merged_notes (const char   *current,
              const Record *row)
{
  const char *base = row->replaces_notes ? row->notes : current;

  if (row->replaces_notes || row->notes == NULL)
    return g_strdup (base);
  if (current != NULL && strstr (current, row->notes) != NULL)
    return g_strdup (current);
  if (current == NULL || current[0] == '\0')
    return g_strdup (row->notes);
  return g_strconcat (current, "\n", row->notes, NULL);
}

/* What update_lead merges into the lead. */
typedef struct
{
  const Record *row;
  gint64        source_id;
  char         *notes;
} Merge;

#define NOW(col) (now->text[LG_IMPORT_COLUMN_##col])
#define CHANGE_TEXT(col, value, differs) \
  change_text (change, LG_IMPORT_COLUMN_##col, value, differs)
#define CHANGE_NUMBER(col, value) \
  change_number (change, LG_IMPORT_COLUMN_##col, now->number[LG_IMPORT_COLUMN_##col], value)

/* A column changes where the row has a value and it differs from the lead's. */
static void
merge_cb (const LgImportLeadValues *now,
          LgImportChange           *change,
          gpointer                  user_data)
{
  Merge *merge = user_data;
  const Record *row = merge->row;
  g_autofree char *phone_now = NULL;
  g_autofree char *telegram_now = NULL;

  if (NOW (PHONE) != NULL)
    phone_now = lg_lead_normalize_phone (NOW (PHONE));
  if (NOW (TELEGRAM) != NULL)
    telegram_now = lg_lead_handle_key (NOW (TELEGRAM));

  CHANGE_TEXT (NAME, row->name, !same_text (NOW (NAME), row->name));
  CHANGE_TEXT (EMAIL, row->email, !same_email (NOW (EMAIL), row->email));
  /* The same number written another way is no change. */
  CHANGE_TEXT (PHONE, row->phone, g_strcmp0 (phone_now, row->phone) != 0);
  CHANGE_TEXT (COMPANY, row->company, !same_text (NOW (COMPANY), row->company));
  CHANGE_TEXT (TELEGRAM, row->telegram, g_strcmp0 (telegram_now, row->telegram_key) != 0);
  CHANGE_TEXT (TELEGRAM_ID, row->telegram_id, !same_text (NOW (TELEGRAM_ID), row->telegram_id));
  CHANGE_TEXT (STAGE, row->stage, !same_text (NOW (STAGE), row->stage));
  if (row->stage != NULL && g_strcmp0 (row->stage, "lost") != 0 &&
      lg_import_stage_rank (row->stage) > lg_import_stage_rank (NOW (FURTHEST)))
    CHANGE_TEXT (FURTHEST, row->stage, TRUE);
  CHANGE_TEXT (QUALIFICATION, row->qualification,
               !same_text (NOW (QUALIFICATION), row->qualification));
  if (row->has_value)
    CHANGE_NUMBER (VALUE, row->value);
  CHANGE_TEXT (CURRENCY, row->currency[0] != '\0' ? row->currency : NULL,
               !same_text (NOW (CURRENCY), row->currency));
  if (merge->source_id > 0)
    CHANGE_NUMBER (SOURCE, merge->source_id);
  if (row->created != 0)
    CHANGE_NUMBER (CREATED, row->created);
  if (row->closed != 0)
    CHANGE_NUMBER (CLOSED, row->closed);
  CHANGE_TEXT (LOST_REASON, row->lost_reason, !same_text (NOW (LOST_REASON), row->lost_reason));
  /* Kept until the update is written. */
  merge->notes = merged_notes (NOW (NOTES), row);
  CHANGE_TEXT (NOTES, merge->notes, !same_text (NOW (NOTES), merge->notes));
  /* A lead keeps the first platform id it was known by. */
  CHANGE_TEXT (EXTERNAL_ID, row->form_key, NOW (EXTERNAL_ID) == NULL);
}

#undef CHANGE_NUMBER
#undef CHANGE_TEXT
#undef NOW

static gboolean
update_lead (Index         *index,
             gint64         id,
             const Record  *row,
             gboolean      *changed,
             GError       **error)
{
  Merge merge = { .row = row };
  gboolean ok;

  *changed = FALSE;
  /* The lead may be one of this file's, not staged yet, or one there before,
   * not copied yet. */
  if (!flush_if_pending (index, id, error))
    return FALSE;
  if (id < index->snapshot.next_lead_id && !lg_store_import_copy_lead (index->store, id, error))
    return FALSE;
  if (row->source != NULL && !find_source (index, row->source, &merge.source_id, error))
    return FALSE;

  ok = lg_store_import_update_lead (index->store, id, merge_cb, &merge, changed, error);
  g_free (merge.notes);
  if (ok && *changed)
    ok = lg_import_index_add (index, id, row->email_key, row->phone, row->telegram_key,
                              row->telegram_id, error);
  return ok;
}

gboolean
lg_lead_import_write_row (LgLeadImport  *self,
                          Index         *index,
                          const Record  *row,
                          GError       **error)
{
  gint64 match;
  gboolean changed, seen;
  char *reason;

  /* A lead form's lead downloaded again: imported once, changed never. */
  if (!lg_import_index_seen_form_id (index, row, &seen, error))
    return FALSE;
  if (seen)
    {
      self->skipped++;
      return TRUE;
    }
  if (!lg_import_index_find (index, row, &match, error))
    return FALSE;
  if (match == 0)
    {
      if (self->mode == LG_IMPORT_MODE_UPDATE)
        {
          self->skipped++;
          return TRUE;
        }
      self->created++;
      return create_lead (index, row, error);
    }

  /* A twin of a lead already there, or of an earlier row of the file. */
  if (self->mode == LG_IMPORT_MODE_CREATE)
    {
      self->skipped++;
      return TRUE;
    }

  if (!lg_import_index_find_conflict (index, row, match, &reason, error))
    return FALSE;
  if (reason != NULL)
    {
      /* The lead's side for the report is read before anything changes it. */
      if (!flush_if_pending (index, match, error))
        {
          g_free (reason);
          return FALSE;
        }
      if (!remember_conflict (self, index, row, match, reason, error))
        return FALSE;
      switch (conflict_action (self, row->line))
        {
        case LG_CONFLICT_SKIP:
          self->conflicts_skipped++;
          return TRUE;
        case LG_CONFLICT_CREATE:
          self->created++;
          return create_lead (index, row, error);
        case LG_CONFLICT_MERGE:
        default:
          break;
        }
    }

  if (!update_lead (index, match, row, &changed, error))
    return FALSE;
  if (changed)
    self->updated++;
  else
    self->skipped++;
  return TRUE;
}

/* Later rows of the file match as they would after the writing. */
gboolean
lg_lead_import_preview_row (LgLeadImport  *self,
                            Index         *index,
                            const Record  *row,
                            GError       **error)
{
  gint64 match;
  gboolean seen;
  char *reason;

  if (!lg_import_index_seen_form_id (index, row, &seen, error))
    return FALSE;
  if (seen)
    return TRUE;
  if (!lg_import_index_find (index, row, &match, error))
    return FALSE;
  if (match == 0 || self->mode == LG_IMPORT_MODE_CREATE)
    {
      if (match == 0 && self->mode != LG_IMPORT_MODE_UPDATE)
        return lg_import_index_add (index, index->next_id++, row->email_key, row->phone,
                                    row->telegram_key, row->telegram_id, error);
      return TRUE;
    }

  if (!lg_import_index_find_conflict (index, row, match, &reason, error))
    return FALSE;
  if (reason != NULL)
    {
      if (!remember_conflict (self, index, row, match, reason, error))
        return FALSE;
      switch (conflict_action (self, row->line))
        {
        case LG_CONFLICT_SKIP:
          self->conflicts_skipped++;
          return TRUE;
        case LG_CONFLICT_CREATE:
          return lg_import_index_add (index, index->next_id++, row->email_key, row->phone,
                                      row->telegram_key, row->telegram_id, error);
        case LG_CONFLICT_MERGE:
        default:
          break;
        }
    }
  return lg_import_index_add (index, match, row->email_key, row->phone, row->telegram_key,
                              row->telegram_id, error);
}
