/* lg-lead-import-dedupe.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LgLeadImport's dedupe index: the leads there are and the file's new ones
 * by each key (lead id, email, phone, Telegram username and id), loaded
 * once from the import's snapshot and kept up to date row by row, so a row
 * finds its lead, an earlier row of the file included; and the conflicts,
 * rows that match a lead by one key but contradict it by another. What is
 * decided here; the index itself is in TEMP tables of the import's
 * connection (lg_store_import_add_keys and _find_keys), so its memory does
 * not grow with the leads there are or the rows of the file.
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

/* In front of the TEMP tables, a Bloom filter of every key the index was
 * given and every lead id in it: SEEN_PROBES bits each of SEEN_BITS, all in
 * one block of SEEN_BLOCK_BITS (a cache line: one miss a key, not one a
 * bit). A row none of whose keys, nor its id, has all its bits set is new
 * for sure and needs no query, as most rows of a big file are. Its size is
 * fixed (4 MB): past some millions of keys more rows ask the store in vain,
 * and get the right answer all the same. */
#define SEEN_BITS (G_GUINT64_CONSTANT (1) << 25)
#define SEEN_BLOCK_BITS 512
#define SEEN_PROBES 4
/* The lead ids' kind of key in the filter, after the LgImportKey ones. */
#define SEEN_ID LG_IMPORT_N_KEYS

void
lg_import_index_clear (Index *index)
{
  g_clear_pointer (&index->seen, g_free);
  g_clear_pointer (&index->added_strings, g_string_chunk_free);
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

/* FNV-1a over the kind and the bytes, made even by splitmix64's finaliser
 * (FNV's low bits alone are poorly mixed, and the filter takes low bits). */
static guint64
seen_hash (guint         kind,
           gconstpointer data,
           gsize         length)
{
  const guchar *bytes = data;
  guint64 hash = G_GUINT64_CONSTANT (0xcbf29ce484222325) ^ kind;

  for (gsize i = 0; i < length; i++)
    hash = (hash ^ bytes[i]) * G_GUINT64_CONSTANT (0x100000001b3);
  hash = (hash ^ (hash >> 33)) * G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  hash = (hash ^ (hash >> 33)) * G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  return hash ^ (hash >> 33);
}

/* Sets the bits of a key in the filter, or (set FALSE) tells whether they
 * are all set: FALSE means the index has never seen it. */
static gboolean
seen (Index         *index,
      guint          kind,
      gconstpointer  data,
      gsize          length,
      gboolean       set)
{
  guint64 hash = seen_hash (kind, data, length);
  guint64 block = (hash % (SEEN_BITS / SEEN_BLOCK_BITS)) * SEEN_BLOCK_BITS;

  /* The block from the low bits, each probe's bit in it from 9 more. */
  hash /= SEEN_BITS / SEEN_BLOCK_BITS;
  for (guint i = 0; i < SEEN_PROBES; i++, hash /= SEEN_BLOCK_BITS)
    {
      guint64 bit = block + hash % SEEN_BLOCK_BITS;
      guint64 mask = G_GUINT64_CONSTANT (1) << (bit % 64);

      if (set)
        index->seen[bit / 64] |= mask;
      else if ((index->seen[bit / 64] & mask) == 0)
        return FALSE;
    }
  return TRUE;
}

/* Whether the index may hold the lead id or one of the keys (NULL is none). */
static gboolean
may_hold (Index       *index,
          gint64       id,
          const char  *keys[LG_IMPORT_N_KEYS])
{
  if (id > 0 && seen (index, SEEN_ID, &id, sizeof id, FALSE))
    return TRUE;
  for (guint kind = 0; kind < LG_IMPORT_N_KEYS; kind++)
    if (keys[kind] != NULL && seen (index, kind, keys[kind], strlen (keys[kind]), FALSE))
      return TRUE;
  return FALSE;
}

/* The keys of a row, as the index has them. */
static void
row_keys (const Record *row,
          const char   *keys[LG_IMPORT_N_KEYS])
{
  keys[LG_IMPORT_KEY_EMAIL] = row->email_key;
  keys[LG_IMPORT_KEY_PHONE] = is_phone_key (row->phone) ? row->phone : NULL;
  keys[LG_IMPORT_KEY_TELEGRAM] = row->telegram_key;
  keys[LG_IMPORT_KEY_TELEGRAM_ID] = row->telegram_id;
}

/* Writes the keys given to the index so far: before it is read. */
static gboolean
write_added (Index   *index,
             GError **error)
{
  gboolean ok = lg_store_import_add_keys (index->store, index->added, index->n_added, error);

  index->n_added = 0;
  g_string_chunk_clear (index->added_strings);
  return ok;
}

gboolean
lg_import_index_add (Index       *index,
                     gint64       id,
                     const char  *email,
                     const char  *phone_key,
                     const char  *telegram_key,
                     const char  *telegram_id,
                     GError     **error)
{
  const char *keys[LG_IMPORT_N_KEYS] = {
    [LG_IMPORT_KEY_EMAIL] = email,
    [LG_IMPORT_KEY_PHONE] = is_phone_key (phone_key) ? phone_key : NULL,
    [LG_IMPORT_KEY_TELEGRAM] = telegram_key,
    [LG_IMPORT_KEY_TELEGRAM_ID] = telegram_id,
  };

  LgImportLeadKeys *added = &index->added[index->n_added++];

  seen (index, SEEN_ID, &id, sizeof id, TRUE);
  added->id = id;
  for (guint kind = 0; kind < LG_IMPORT_N_KEYS; kind++)
    {
      added->keys[kind] = NULL;
      if (keys[kind] == NULL)
        continue;
      seen (index, kind, keys[kind], strlen (keys[kind]), TRUE);
      added->keys[kind] = g_string_chunk_insert (index->added_strings, keys[kind]);
    }
  /* The first lead with a key keeps it, as the oldest is the one to update;
   * the lead's own keys become the row's where it has them (an update
   * writes coalesce (row, lead)). Written in order, so later. */
  return index->n_added < G_N_ELEMENTS (index->added) || write_added (index, error);
}

/* A lead of the snapshot, its keys as stored made into the dedupe keys. */
static gboolean
add_lead_cb (gint64       id,
             const char  *email,
             const char  *phone,
             const char  *telegram_handle,
             const char  *telegram_id,
             gpointer     user_data,
             GError     **error)
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
  return lg_import_index_add (index, id, email_key, phone_key, telegram_key, telegram_id,
                              error);
}

gboolean
lg_import_index_load (Index    *index,
                      LgStore  *store,
                      gboolean  with_form_ids,
                      GError  **error)
{
  index->store = store;
  index->seen = g_new0 (guint64, SEEN_BITS / 64);
  index->added_strings = g_string_chunk_new (4096);
  index->sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  index->pending = g_array_sized_new (FALSE, FALSE, sizeof (LgImportNewLead),
                                      LG_IMPORT_MAX_NEW_LEADS);

  if (!lg_store_import_read_snapshot (store, &index->snapshot, add_lead_cb, index, error))
    return FALSE;
  index->form_ids = with_form_ids;
  if (with_form_ids && !lg_store_import_load_form_ids (store, error))
    return FALSE;
  index->next_id = index->snapshot.next_lead_id;
  index->next_source_id = index->snapshot.next_source_id;
  memcpy (index->position, index->snapshot.last_position, sizeof index->position);
  return TRUE;
}

gboolean
lg_import_index_seen_form_id (Index         *index,
                              const Record  *row,
                              gboolean      *seen,
                              GError       **error)
{
  gboolean added;

  *seen = FALSE;
  /* A row of our own export is its Leadgram ID's lead, which it may change:
   * its lead-form id came along with it. */
  if (!index->form_ids || row->form_key == NULL || row->id > 0)
    return TRUE;
  if (!lg_store_import_add_form_id (index->store, row->form_key, &added, error))
    return FALSE;
  *seen = !added;
  return TRUE;
}

gboolean
lg_import_index_find (Index         *index,
                      const Record  *row,
                      gint64        *match,
                      GError       **error)
{
  const char *keys[LG_IMPORT_N_KEYS];
  gint64 holders[LG_IMPORT_N_KEYS];
  gboolean known;

  *match = 0;
  row_keys (row, keys);
  if (!may_hold (index, row->id, keys))
    return TRUE;
  if (!write_added (index, error) ||
      !lg_store_import_find_keys (index->store, MAX (row->id, 0), keys, &known, holders, error))
    return FALSE;
  /* By our own export's lead id (the file's new leads are in the index
   * too, from the snapshot's next id on), else by the first key that is a
   * lead's. */
  if (row->id > 0 && known)
    {
      *match = row->id;
      return TRUE;
    }
  for (guint kind = 0; kind < LG_IMPORT_N_KEYS && *match == 0; kind++)
    *match = holders[kind];
  return TRUE;
}

/* A conflict: the row's email, Telegram username or id differs from the
 * lead's, or one of its keys is another lead's. A match by our own
 * export's lead id is the user's edit of that lead, never a conflict. A
 * phone is no contradiction: people change numbers and have several. */
gboolean
lg_import_index_find_conflict (Index         *index,
                               const Record  *row,
                               gint64         match,
                               char         **reason,
                               GError       **error)
{
  char *lead[LG_IMPORT_N_KEYS];
  const char *keys[LG_IMPORT_N_KEYS];
  gint64 holders[LG_IMPORT_N_KEYS];
  gboolean known;

  *reason = NULL;
  if (row->id > 0 && row->id == match)
    return TRUE;
  row_keys (row, keys);
  if (!write_added (index, error) ||
      !lg_store_import_find_keys (index->store, 0, keys, &known, holders, error) ||
      !lg_store_import_read_keys (index->store, match, lead, error))
    return FALSE;

  if (row->email_key != NULL && lead[LG_IMPORT_KEY_EMAIL] != NULL &&
      !g_str_equal (row->email_key, lead[LG_IMPORT_KEY_EMAIL]))
    *reason = g_strdup_printf (_("The row’s email %s differs from the lead’s, %s."), row->email,
                               lead[LG_IMPORT_KEY_EMAIL]);
  else if (row->telegram_key != NULL && lead[LG_IMPORT_KEY_TELEGRAM] != NULL &&
           !g_str_equal (row->telegram_key, lead[LG_IMPORT_KEY_TELEGRAM]))
    *reason = g_strdup_printf (_("The row’s Telegram username @%s differs from the lead’s, "
                                 "@%s."), row->telegram, lead[LG_IMPORT_KEY_TELEGRAM]);
  else if (row->telegram_id != NULL && lead[LG_IMPORT_KEY_TELEGRAM_ID] != NULL &&
           !g_str_equal (row->telegram_id, lead[LG_IMPORT_KEY_TELEGRAM_ID]))
    *reason = g_strdup_printf (_("The row’s Telegram ID %s differs from the lead’s, %s."),
                               row->telegram_id, lead[LG_IMPORT_KEY_TELEGRAM_ID]);
  else
    for (guint kind = 0; kind < LG_IMPORT_N_KEYS && *reason == NULL; kind++)
      if (holders[kind] != 0 && holders[kind] != match)
        *reason = g_strdup_printf (_("The row matches this lead by one contact and lead %"
                                     PRId64 " by another."), holders[kind]);
  for (guint kind = 0; kind < LG_IMPORT_N_KEYS; kind++)
    g_free (lead[kind]);
  return TRUE;
}
