/* lg-lead-import-dedupe.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LgLeadImport's dedupe index: the leads there are and the file's new ones
 * by each key (lead id, email, phone, Telegram username and id), loaded
 * once from the import's snapshot and kept up to date row by row in memory,
 * so a row finds its lead, an earlier row of the file included, without a
 * query; and the conflicts, rows that match a lead by one key but
 * contradict it by another.
 */

#define G_LOG_DOMAIN "lg-import"

#include "config.h"

/* PRId64, not G_GINT64_FORMAT, in translatable strings: xgettext knows it. */
#include <inttypes.h>

#include <glib/gi18n.h>
#include <string.h>

#include "lg-lead-import-private.h"
#include "lg-lead-validate.h"

/* A phone number with fewer digits is no key: "12345" or "911" is not one
 * person's. */
#define MIN_PHONE_KEY_DIGITS 7

/* A lead's keys as the index knows them (strings in Index.keys). */
typedef struct
{
  const char *email;
  const char *telegram;
  const char *telegram_id;
} LeadKeys;

void
lg_import_index_clear (Index *index)
{
  g_clear_pointer (&index->by_id, g_hash_table_unref);
  g_clear_pointer (&index->by_email, g_hash_table_unref);
  g_clear_pointer (&index->by_phone, g_hash_table_unref);
  g_clear_pointer (&index->by_telegram, g_hash_table_unref);
  g_clear_pointer (&index->by_telegram_id, g_hash_table_unref);
  g_clear_pointer (&index->by_lead, g_hash_table_unref);
  g_clear_pointer (&index->keys, g_string_chunk_free);
  g_clear_pointer (&index->sources, g_hash_table_unref);
  g_clear_pointer (&index->pending, g_array_unref);
}

/* Whether a normalised phone has digits enough to be one person's. */
static gboolean
is_phone_key (const char *phone)
{
  guint digits = 0;

  if (phone == NULL)
    return FALSE;
  for (const char *p = phone; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      digits++;
  return digits >= MIN_PHONE_KEY_DIGITS;
}

void
lg_import_index_add (Index      *index,
                     gint64      id,
                     const char *email,
                     const char *phone_key,
                     const char *telegram_key,
                     const char *telegram_id)
{
  gpointer value = GSIZE_TO_POINTER ((gsize) id);
  LeadKeys *keys = g_hash_table_lookup (index->by_lead, value);

  /* What the lead holds after this row: the row's keys where it has them
   * (an update writes coalesce (row, lead)). */
  if (keys == NULL)
    {
      keys = g_new0 (LeadKeys, 1);
      g_hash_table_insert (index->by_lead, value, keys);
    }
  if (email != NULL && g_strcmp0 (keys->email, email) != 0)
    keys->email = g_string_chunk_insert (index->keys, email);
  if (telegram_key != NULL && g_strcmp0 (keys->telegram, telegram_key) != 0)
    keys->telegram = g_string_chunk_insert (index->keys, telegram_key);
  if (telegram_id != NULL && g_strcmp0 (keys->telegram_id, telegram_id) != 0)
    keys->telegram_id = g_string_chunk_insert (index->keys, telegram_id);
  if (!is_phone_key (phone_key))
    phone_key = NULL;

  /* The first lead with a key keeps it, as the oldest is the one to update. */
  if (email != NULL && !g_hash_table_contains (index->by_email, email))
    g_hash_table_insert (index->by_email, g_string_chunk_insert (index->keys, email), value);
  if (phone_key != NULL && !g_hash_table_contains (index->by_phone, phone_key))
    g_hash_table_insert (index->by_phone, g_string_chunk_insert (index->keys, phone_key), value);
  if (telegram_key != NULL && !g_hash_table_contains (index->by_telegram, telegram_key))
    g_hash_table_insert (index->by_telegram, g_string_chunk_insert (index->keys, telegram_key),
                         value);
  if (telegram_id != NULL && !g_hash_table_contains (index->by_telegram_id, telegram_id))
    g_hash_table_insert (index->by_telegram_id, g_string_chunk_insert (index->keys, telegram_id),
                         value);
}

/* A lead of the snapshot, its keys as stored made into the dedupe keys. */
static void
add_lead_cb (gint64      id,
             const char *email,
             const char *phone,
             const char *telegram_handle,
             const char *telegram_id,
             gpointer    user_data)
{
  Index *index = user_data;
  g_autofree char *email_key = NULL;
  g_autofree char *phone_key = NULL;
  g_autofree char *telegram_key = NULL;

  if (email != NULL)
    email_key = lg_lead_email_key (email);
  if (phone != NULL)
    phone_key = lg_lead_normalize_phone (phone);
  if (telegram_handle != NULL)
    telegram_key = lg_lead_handle_key (telegram_handle);
  g_hash_table_add (index->by_id, GSIZE_TO_POINTER ((gsize) id));
  lg_import_index_add (index, id, email_key, phone_key, telegram_key, telegram_id);
}

gboolean
lg_import_index_load (Index    *index,
                      LgStore  *store,
                      GError  **error)
{
  index->store = store;
  index->by_id = g_hash_table_new (g_direct_hash, g_direct_equal);
  index->by_email = g_hash_table_new (g_str_hash, g_str_equal);
  index->by_phone = g_hash_table_new (g_str_hash, g_str_equal);
  index->by_telegram = g_hash_table_new (g_str_hash, g_str_equal);
  index->by_telegram_id = g_hash_table_new (g_str_hash, g_str_equal);
  index->by_lead = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  index->keys = g_string_chunk_new (64 * 1024);
  index->sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  index->pending = g_array_sized_new (FALSE, FALSE, sizeof (LgImportNewLead),
                                      LG_IMPORT_MAX_NEW_LEADS);

  if (!lg_store_import_read_snapshot (store, &index->snapshot, add_lead_cb, index, error))
    return FALSE;
  index->next_id = index->snapshot.next_lead_id;
  index->next_source_id = index->snapshot.next_source_id;
  memcpy (index->position, index->snapshot.last_position, sizeof index->position);
  return TRUE;
}

gint64
lg_import_index_find (Index        *index,
                      const Record *row)
{
  gpointer id;

  /* The file's new leads have the ids from the snapshot's next one on. */
  if (row->id > 0 && (g_hash_table_contains (index->by_id, GSIZE_TO_POINTER ((gsize) row->id)) ||
                      (row->id >= index->snapshot.next_lead_id && row->id < index->next_id)))
    return row->id;
  if (row->email_key != NULL &&
      (id = g_hash_table_lookup (index->by_email, row->email_key)) != NULL)
    return GPOINTER_TO_SIZE (id);
  if (is_phone_key (row->phone) && (id = g_hash_table_lookup (index->by_phone, row->phone)))
    return GPOINTER_TO_SIZE (id);
  if (row->telegram_key != NULL &&
      (id = g_hash_table_lookup (index->by_telegram, row->telegram_key)) != NULL)
    return GPOINTER_TO_SIZE (id);
  if (row->telegram_id != NULL &&
      (id = g_hash_table_lookup (index->by_telegram_id, row->telegram_id)) != NULL)
    return GPOINTER_TO_SIZE (id);
  return 0;
}

/* Another lead than match that one of the row's keys belongs to, or 0. */
static gint64
other_lead (GHashTable *table,
            const char *key,
            gint64      match)
{
  gpointer id;

  if (key == NULL || (id = g_hash_table_lookup (table, key)) == NULL ||
      (gint64) GPOINTER_TO_SIZE (id) == match)
    return 0;
  return GPOINTER_TO_SIZE (id);
}

/* A conflict: the row's email, Telegram username or id differs from the
 * lead's, or one of its keys is another lead's. A match by our own
 * export's lead id is the user's edit of that lead, never a conflict. A
 * phone is no contradiction: people change numbers and have several. */
char *
lg_import_index_find_conflict (Index        *index,
                               const Record *row,
                               gint64        match)
{
  LeadKeys *keys = g_hash_table_lookup (index->by_lead, GSIZE_TO_POINTER ((gsize) match));
  gint64 other;

  if (row->id > 0 && row->id == match)
    return NULL;
  if (keys != NULL && row->email_key != NULL && keys->email != NULL &&
      !g_str_equal (row->email_key, keys->email))
    return g_strdup_printf (_("The row’s email %s differs from the lead’s, %s."), row->email,
                            keys->email);
  if (keys != NULL && row->telegram_key != NULL && keys->telegram != NULL &&
      !g_str_equal (row->telegram_key, keys->telegram))
    return g_strdup_printf (_("The row’s Telegram username @%s differs from the lead’s, @%s."),
                            row->telegram, keys->telegram);
  if (keys != NULL && row->telegram_id != NULL && keys->telegram_id != NULL &&
      !g_str_equal (row->telegram_id, keys->telegram_id))
    return g_strdup_printf (_("The row’s Telegram ID %s differs from the lead’s, %s."),
                            row->telegram_id, keys->telegram_id);
  if ((other = other_lead (index->by_email, row->email_key, match)) != 0 ||
      (is_phone_key (row->phone) && (other = other_lead (index->by_phone, row->phone, match))) ||
      (other = other_lead (index->by_telegram, row->telegram_key, match)) != 0 ||
      (other = other_lead (index->by_telegram_id, row->telegram_id, match)) != 0)
    return g_strdup_printf (_("The row matches this lead by one contact and lead %" PRId64
                              " by another."), other);
  return NULL;
}

/* Keeps the conflict for the preview, with the lead's side as it is in the
 * database (an earlier row of the file that is not there has none). */
