/* lg-store-schema.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The database schema as a list of migrations. A released migration is never
 * edited: a change to the schema is a new entry at the end.
 */

#define G_LOG_DOMAIN "lg-store"

#include "config.h"

#include "lg-store-private.h"

static const char migration_1[] =
  /* Where messages come from and the messages themselves. */
  "CREATE TABLE sources ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL CHECK (kind IN ('telegram_channel', 'telegram_export', 'csv', 'manual')),"
  "  handle TEXT NOT NULL,"
  "  title TEXT NOT NULL DEFAULT '',"
  "  url TEXT,"
  "  sync_cursor TEXT,"
  "  backfill_cursor TEXT,"
  "  last_sync INTEGER NOT NULL DEFAULT 0,"
  "  last_error TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  UNIQUE (kind, handle)"
  ");"
  "CREATE TABLE messages ("
  "  id INTEGER PRIMARY KEY,"
  "  source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,"
  "  external_id TEXT NOT NULL,"
  "  author_name TEXT,"
  "  author_handle TEXT,"
  "  author_id TEXT,"
  "  sent_at INTEGER NOT NULL,"
  "  text TEXT NOT NULL DEFAULT '',"
  "  permalink TEXT,"
  "  views INTEGER NOT NULL DEFAULT -1,"
  "  edited INTEGER NOT NULL DEFAULT 0,"
  "  forwarded_from TEXT,"
  "  media_kind TEXT,"
  "  reply_to TEXT,"
  "  UNIQUE (source_id, external_id)"
  ");"
  "CREATE INDEX messages_by_time ON messages (sent_at);"
  "CREATE INDEX messages_by_author ON messages (source_id, author_id);"
  /* External-content FTS: the text lives once, in messages. Prefix indexes
   * serve the stem* queries the search builds. */
  "CREATE VIRTUAL TABLE messages_fts USING fts5 ("
  "  text, content='messages', content_rowid='id',"
  "  tokenize='unicode61 remove_diacritics 2', prefix='3 4'"
  ");"
  "CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN"
  "  INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text);"
  "END;"
  "CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN"
  "  INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, old.text);"
  "END;"
  "CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages BEGIN"
  "  INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, old.text);"
  "  INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text);"
  "END;";

static const char migration_2[] =
  /* Searches and what they found. */
  "CREATE TABLE searches ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  offer TEXT NOT NULL,"
  "  must_terms TEXT NOT NULL DEFAULT '',"
  "  exclude_terms TEXT NOT NULL DEFAULT '',"
  "  source_ids TEXT NOT NULL DEFAULT '',"
  "  since INTEGER NOT NULL DEFAULT 0,"
  "  until INTEGER NOT NULL DEFAULT 0,"
  "  min_score INTEGER NOT NULL DEFAULT 0,"
  "  feedback TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  last_run INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE matches ("
  "  id INTEGER PRIMARY KEY,"
  "  search_id INTEGER NOT NULL REFERENCES searches (id) ON DELETE CASCADE,"
  "  message_id INTEGER NOT NULL REFERENCES messages (id) ON DELETE CASCADE,"
  "  score INTEGER NOT NULL,"
  "  breakdown TEXT,"
  "  reason TEXT NOT NULL DEFAULT '',"
  "  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'accepted', 'dismissed')),"
  "  feedback INTEGER NOT NULL DEFAULT 0 CHECK (feedback IN (-1, 0, 1)),"
  "  first_seen INTEGER NOT NULL,"
  "  last_seen INTEGER NOT NULL,"
  "  UNIQUE (search_id, message_id)"
  ");"
  /* The pipeline. Money in minor units, times in UTC Unix seconds. */
  "CREATE TABLE leads ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL DEFAULT '',"
  "  telegram_handle TEXT,"
  "  telegram_id TEXT,"
  "  email TEXT,"
  "  phone TEXT,"
  "  company TEXT,"
  "  stage TEXT NOT NULL DEFAULT 'cold' CHECK (stage IN ('cold', 'warm', 'hot', 'won', 'lost')),"
  "  furthest_stage TEXT NOT NULL DEFAULT 'cold',"
  "  qualification TEXT NOT NULL DEFAULT 'unqualified'"
  "    CHECK (qualification IN ('unqualified', 'mql', 'sql', 'pql')),"
  "  value INTEGER NOT NULL DEFAULT 0,"
  "  currency TEXT NOT NULL DEFAULT 'USD',"
  "  score INTEGER NOT NULL DEFAULT -1,"
  "  source_id INTEGER REFERENCES sources (id) ON DELETE SET NULL,"
  "  message_id INTEGER REFERENCES messages (id) ON DELETE SET NULL,"
  "  position REAL NOT NULL DEFAULT 0,"
  "  created_at INTEGER NOT NULL,"
  "  found_at INTEGER NOT NULL DEFAULT 0,"
  "  message_at INTEGER NOT NULL DEFAULT 0,"
  "  first_touch_at INTEGER NOT NULL DEFAULT 0,"
  "  last_touch_at INTEGER NOT NULL DEFAULT 0,"
  "  closed_at INTEGER NOT NULL DEFAULT 0,"
  "  lost_reason TEXT,"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  stay_in_touch_days INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE INDEX leads_by_stage ON leads (stage, position);"
  "CREATE INDEX leads_by_created ON leads (created_at);"
  "CREATE INDEX leads_by_email ON leads (email) WHERE email IS NOT NULL;"
  "CREATE INDEX leads_by_phone ON leads (phone) WHERE phone IS NOT NULL;"
  "CREATE INDEX leads_by_handle ON leads (telegram_handle) WHERE telegram_handle IS NOT NULL;"
  "CREATE TABLE activities ("
  "  id INTEGER PRIMARY KEY,"
  "  lead_id INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('created', 'stage', 'note', 'message', 'import', 'edit',"
  "                                     'touch', 'followup')),"
  "  at INTEGER NOT NULL,"
  "  detail TEXT NOT NULL DEFAULT '',"
  "  old_value TEXT,"
  "  new_value TEXT"
  ");"
  "CREATE INDEX activities_by_lead ON activities (lead_id, at);"
  "CREATE TABLE followups ("
  "  id INTEGER PRIMARY KEY,"
  "  lead_id INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,"
  "  due_at INTEGER NOT NULL,"
  "  kind TEXT NOT NULL DEFAULT 'message' CHECK (kind IN ('call', 'message', 'email', 'meeting')),"
  "  note TEXT NOT NULL DEFAULT '',"
  "  done_at INTEGER NOT NULL DEFAULT 0,"
  "  snoozed_until INTEGER NOT NULL DEFAULT 0,"
  "  created_at INTEGER NOT NULL"
  ");"
  "CREATE INDEX followups_open ON followups (due_at) WHERE done_at = 0;"
  "CREATE TABLE costs ("
  "  id INTEGER PRIMARY KEY,"
  "  source_id INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,"
  "  period_start INTEGER NOT NULL,"
  "  period_end INTEGER NOT NULL,"
  "  amount INTEGER NOT NULL,"
  "  currency TEXT NOT NULL DEFAULT 'USD',"
  "  note TEXT NOT NULL DEFAULT ''"
  ");"
  /* What each import did, so it can be undone whole. */
  "CREATE TABLE import_batches ("
  "  id INTEGER PRIMARY KEY,"
  "  file_name TEXT NOT NULL,"
  "  created_at INTEGER NOT NULL,"
  "  undone_at INTEGER NOT NULL DEFAULT 0,"
  "  created_count INTEGER NOT NULL DEFAULT 0,"
  "  updated_count INTEGER NOT NULL DEFAULT 0,"
  "  skipped_count INTEGER NOT NULL DEFAULT 0,"
  "  failed_count INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE import_changes ("
  "  id INTEGER PRIMARY KEY,"
  "  batch_id INTEGER NOT NULL REFERENCES import_batches (id) ON DELETE CASCADE,"
  "  lead_id INTEGER NOT NULL,"
  "  action TEXT NOT NULL CHECK (action IN ('create', 'update')),"
  "  previous TEXT"
  ");";

/* Insights read every lead of a period: a covering index lets those passes
 * skip the table (4× faster at 100,000 leads). */
static const char migration_3[] =
  "CREATE INDEX leads_for_metrics ON leads (created_at, source_id, stage, furthest_stage, value,"
  " currency, first_touch_at, message_at, found_at);";

static const char migration_4[] =
  /* Column mappings of CSV imports, per header shape, reused for the next file. */
  "CREATE TABLE import_mappings ("
  "  header_key TEXT PRIMARY KEY,"
  "  mapping TEXT NOT NULL,"
  "  used_at INTEGER NOT NULL"
  ");";

static const char migration_5[] =
  /* Follow-ups: the due time a notification was last raised for (so each due
   * time, including a snoozed one, notifies once, across restarts), and the
   * one a lead's "stay in touch every N days" rule keeps rescheduling. */
  "ALTER TABLE followups ADD COLUMN notified_due_at INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE followups ADD COLUMN stay_in_touch INTEGER NOT NULL DEFAULT 0;";

/* The sample workspace is marked so that removing it takes exactly what it
 * added: its sources (and with them their messages) and its leads. */
static const char migration_6[] =
  "ALTER TABLE sources ADD COLUMN sample INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE leads ADD COLUMN sample INTEGER NOT NULL DEFAULT 0;";

/* A lead's detail reads the best match of its originating message: without
 * an index that scans every match (UNIQUE (search_id, message_id) does not
 * serve a lookup by message alone). */
static const char migration_7[] =
  "CREATE INDEX matches_by_message ON matches (message_id, score);";

/* Leads, their timeline and import records, rebuilt (lg_store's migrate runs
 * this with foreign keys off, as SQLite's procedure for a changed table asks):
 * - A CHECK of the form "x IN (...)" builds a temporary index for every row
 *   written (SQLite 3.40); written out with OR it costs nothing. It was a
 *   quarter of the time an import spent inserting.
 * - Every index on leads is paid for by each write: leads_by_created repeated
 *   the first column of leads_for_metrics, and no query looked a lead up by
 *   its raw email, phone or handle (duplicates are found on normalised keys,
 *   in memory). Those four are gone.
 * - A lead an import created names its batch (import_batch): undo removes
 *   the batch's leads by it and the timeline shows the import from it.
 *   Before, every created lead had an import_changes row and an activity
 *   row, which tripled the writes of a large import. No foreign key: it
 *   would look the batch up for every lead inserted, and batches are never
 *   deleted. Live imports move to this form; their update records stay,
 *   marked so the timeline can tell them from creations. */
static const char migration_8[] =
  "CREATE TABLE leads_new ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL DEFAULT '',"
  "  telegram_handle TEXT,"
  "  telegram_id TEXT,"
  "  email TEXT,"
  "  phone TEXT,"
  "  company TEXT,"
  "  stage TEXT NOT NULL DEFAULT 'cold' CHECK (stage = 'cold' OR stage = 'warm' OR"
  "    stage = 'hot' OR stage = 'won' OR stage = 'lost'),"
  "  furthest_stage TEXT NOT NULL DEFAULT 'cold',"
  "  qualification TEXT NOT NULL DEFAULT 'unqualified' CHECK (qualification = 'unqualified' OR"
  "    qualification = 'mql' OR qualification = 'sql' OR qualification = 'pql'),"
  "  value INTEGER NOT NULL DEFAULT 0,"
  "  currency TEXT NOT NULL DEFAULT 'USD',"
  "  score INTEGER NOT NULL DEFAULT -1,"
  "  source_id INTEGER REFERENCES sources (id) ON DELETE SET NULL,"
  "  message_id INTEGER REFERENCES messages (id) ON DELETE SET NULL,"
  "  position REAL NOT NULL DEFAULT 0,"
  "  created_at INTEGER NOT NULL,"
  "  found_at INTEGER NOT NULL DEFAULT 0,"
  "  message_at INTEGER NOT NULL DEFAULT 0,"
  "  first_touch_at INTEGER NOT NULL DEFAULT 0,"
  "  last_touch_at INTEGER NOT NULL DEFAULT 0,"
  "  closed_at INTEGER NOT NULL DEFAULT 0,"
  "  lost_reason TEXT,"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  stay_in_touch_days INTEGER NOT NULL DEFAULT 0,"
  "  sample INTEGER NOT NULL DEFAULT 0,"
  "  import_batch INTEGER"
  ");"
  "INSERT INTO leads_new SELECT *, NULL FROM leads;"
  "DROP TABLE leads;"
  "ALTER TABLE leads_new RENAME TO leads;"
  "CREATE INDEX leads_by_stage ON leads (stage, position);"
  "CREATE INDEX leads_for_metrics ON leads (created_at, source_id, stage, furthest_stage, value,"
  " currency, first_touch_at, message_at, found_at);"
  /* Removing a source deletes its messages, and each deleted message sets
   * the leads made from it to NULL: without an index on the foreign key that
   * read every lead once per message (200 s for a source of 50,000 messages
   * beside 20,000 leads; 1 s with it). Partial, so leads without a message
   * or source (a CSV import's) cost nothing to keep in it. */
  "CREATE INDEX leads_by_message ON leads (message_id) WHERE message_id IS NOT NULL;"
  "CREATE INDEX leads_by_source ON leads (source_id) WHERE source_id IS NOT NULL;"
  /* The same for a lead's follow-ups when leads are deleted (an undone
   * import deletes thousands at once). */
  "CREATE INDEX followups_by_lead ON followups (lead_id);"
  /* The import's other tables, for the same CHECK cost on every update. */
  "CREATE TABLE activities_new ("
  "  id INTEGER PRIMARY KEY,"
  "  lead_id INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL CHECK (kind = 'created' OR kind = 'stage' OR kind = 'note' OR"
  "    kind = 'message' OR kind = 'import' OR kind = 'edit' OR kind = 'touch' OR"
  "    kind = 'followup'),"
  "  at INTEGER NOT NULL,"
  "  detail TEXT NOT NULL DEFAULT '',"
  "  old_value TEXT,"
  "  new_value TEXT"
  ");"
  "INSERT INTO activities_new SELECT * FROM activities;"
  "DROP TABLE activities;"
  "ALTER TABLE activities_new RENAME TO activities;"
  "CREATE INDEX activities_by_lead ON activities (lead_id, at);"
  "CREATE TABLE import_changes_new ("
  "  id INTEGER PRIMARY KEY,"
  "  batch_id INTEGER NOT NULL REFERENCES import_batches (id) ON DELETE CASCADE,"
  "  lead_id INTEGER NOT NULL,"
  "  action TEXT NOT NULL CHECK (action = 'create' OR action = 'update'),"
  "  previous TEXT"
  ");"
  "INSERT INTO import_changes_new SELECT * FROM import_changes;"
  "DROP TABLE import_changes;"
  "ALTER TABLE import_changes_new RENAME TO import_changes;"
  /* import_changes.lead_id had no foreign key: a lead deleted after its
   * import may have left its id to one typed in later. The import's
   * timeline entry went with the deleted lead, so it tells them apart. */
  "UPDATE leads SET import_batch = c.batch_id"
  "  FROM import_changes c JOIN import_batches b ON b.id = c.batch_id"
  "  WHERE c.lead_id = leads.id AND c.action = 'create' AND b.undone_at = 0"
  "    AND EXISTS (SELECT 1 FROM activities a WHERE a.lead_id = leads.id"
  "      AND a.kind = 'import' AND a.new_value = CAST(c.batch_id AS TEXT));"
  "DELETE FROM activities WHERE kind = 'import' AND EXISTS ("
  "  SELECT 1 FROM import_changes c"
  "  WHERE c.action = 'create' AND c.lead_id = activities.lead_id"
  "    AND CAST(c.batch_id AS TEXT) = activities.new_value);"
  "UPDATE activities SET old_value = 'update' WHERE kind = 'import';"
  "DELETE FROM import_changes WHERE action = 'create';";

static const char migration_9[] =
  /* What the intent model reads in each message whatever the offer: the
   * probability that its author would pay for something. The search picks
   * candidates with it, so that a buyer who uses few of the offer's words
   * still reaches the scorer. Written as messages arrive (lg_buyer()); NULL
   * until read, and read again when the model changes (store_state). */
  "ALTER TABLE messages ADD COLUMN buyer REAL;"
  "CREATE INDEX messages_by_buyer ON messages (buyer);"
  "CREATE TABLE store_state ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ");";

static const char migration_10[] =
  /* More kinds of source beside Telegram: web feeds (RSS, Atom, JSON Feed)
   * and chat exports from WhatsApp, Discord and Slack. A feed is fetched
   * politely: etag and modified make the next request conditional, retry_at
   * is the earliest time it may be fetched again (the polite interval, or a
   * server's back-off after 429 and 5xx, doubled with each failure counted in
   * failures), icon_url names the feed's picture. A message may belong to a
   * thread (a forum topic, a Reddit post, a Slack thread): its title. A
   * saved search may keep to kinds of source (every feed, whichever are added
   * later), beside single sources: a comma-separated list.
   * Widening the kinds means rebuilding the table; foreign keys are off while
   * migrations run, so messages and leads keep their rows. */
  "CREATE TABLE sources_new ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL CHECK (kind = 'telegram_channel' OR kind = 'telegram_export' OR"
  "    kind = 'feed' OR kind = 'whatsapp_export' OR kind = 'discord_export' OR"
  "    kind = 'slack_export' OR kind = 'csv' OR kind = 'manual'),"
  "  handle TEXT NOT NULL,"
  "  title TEXT NOT NULL DEFAULT '',"
  "  url TEXT,"
  "  sync_cursor TEXT,"
  "  backfill_cursor TEXT,"
  "  last_sync INTEGER NOT NULL DEFAULT 0,"
  "  last_error TEXT,"
  "  created_at INTEGER NOT NULL,"
  "  sample INTEGER NOT NULL DEFAULT 0,"
  "  etag TEXT,"
  "  modified TEXT,"
  "  retry_at INTEGER NOT NULL DEFAULT 0,"
  "  failures INTEGER NOT NULL DEFAULT 0,"
  "  icon_url TEXT,"
  "  UNIQUE (kind, handle)"
  ");"
  "INSERT INTO sources_new (id, kind, handle, title, url, sync_cursor, backfill_cursor,"
  "    last_sync, last_error, created_at, sample)"
  "  SELECT id, kind, handle, title, url, sync_cursor, backfill_cursor, last_sync,"
  "    last_error, created_at, sample FROM sources;"
  "DROP TABLE sources;"
  "ALTER TABLE sources_new RENAME TO sources;"
  "ALTER TABLE messages ADD COLUMN thread TEXT;"
  "ALTER TABLE searches ADD COLUMN source_kinds TEXT NOT NULL DEFAULT '';";

static const char migration_11[] =
  /* An ad platform's lead id ("Meta:l:1029…", lg_lead_form_id_key ()) gets
   * a column of its own: a re-download dedupes by it and the lead's detail
   * shows it, where schema 10 kept it as a notes line ("Meta lead ID: l:1029…",
   * written untranslated by the lead-form import) that a later edit of the
   * notes could break. Each lead's first such line moves out of its notes:
   * the lines are cut apart by a recursive walk, and the line taken out with
   * the newline around it (a lead of many imports may keep later lines as
   * text). */
  "ALTER TABLE leads ADD COLUMN external_id TEXT;"
  "CREATE INDEX leads_by_external_id ON leads (external_id) WHERE external_id IS NOT NULL;"
  "CREATE TEMP TABLE form_id_lines AS"
  "  WITH RECURSIVE lines (id, rest, line, n) AS ("
  "    SELECT id, notes || char(10), NULL, 0 FROM leads"
  "      WHERE instr (notes, ' lead ID: ') > 1"
  "    UNION ALL"
  "    SELECT id, substr (rest, instr (rest, char(10)) + 1),"
  "      substr (rest, 1, instr (rest, char(10)) - 1), n + 1"
  "      FROM lines WHERE rest <> '')"
  "  SELECT id, line, min (n) AS n FROM lines"
  "    WHERE instr (line, ' lead ID: ') > 1"
  "      AND length (line) > instr (line, ' lead ID: ') + 9"
  "    GROUP BY id;"
  "UPDATE leads SET"
  "  external_id = substr (f.line, 1, instr (f.line, ' lead ID: ') - 1) || ':' ||"
  "    substr (f.line, instr (f.line, ' lead ID: ') + 10),"
  "  notes = substr (replace (char(10) || leads.notes || char(10),"
  "                           char(10) || f.line || char(10), char(10)),"
  "                  2, max (length (replace (char(10) || leads.notes || char(10),"
  "                                           char(10) || f.line || char(10),"
  "                                           char(10))) - 2, 0))"
  "  FROM temp.form_id_lines f WHERE f.id = leads.id;"
  "DROP TABLE temp.form_id_lines;";

/* Who wrote each timeline entry, by the name they gave Leadgram
 * (lg_store_set_person ()): several people share a team workspace, and a
 * refused edit says whose change it met. NULL for what was written before. */
static const char migration_12[] =
  "ALTER TABLE activities ADD COLUMN author TEXT;";

/* Who looks after each lead in a shared workspace: the person who added it
 * (by the same name), so that each can see their own on the board. NULL
 * for the leads from before, and those an import brings: nobody's yet. */
static const char migration_13[] =
  "ALTER TABLE leads ADD COLUMN owner TEXT;";

const char * const lg_store_migrations[] = {
  migration_1,
  migration_2,
  migration_3,
  migration_4,
  migration_5,
  migration_6,
  migration_7,
  migration_8,
  migration_9,
  migration_10,
  migration_11,
  migration_12,
  migration_13,
};

const int lg_store_n_migrations = G_N_ELEMENTS (lg_store_migrations);
