/* lg-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE /* RUSAGE_THREAD */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "lg-csv-reader.h"
#include "lg-store-private.h"
#include "lg-test-pg.h"
#include "lg-test-util.h"

static GPtrArray *tmpdirs;

static void
remove_tree (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL &&
         (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, g_file_info_get_name (info), NULL);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        remove_tree (child);
      else
        g_remove (child);
      g_object_unref (info);
    }
  g_rmdir (path);
}

static void
remove_tmpdirs (void)
{
  for (guint i = 0; i < tmpdirs->len; i++)
    remove_tree (g_ptr_array_index (tmpdirs, i));
  g_ptr_array_unref (tmpdirs);
}

char *
lg_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("leadgram-test-XXXXXX", &error);

  g_assert_no_error (error);
  if (tmpdirs == NULL)
    {
      tmpdirs = g_ptr_array_new_with_free_func (g_free);
      atexit (remove_tmpdirs);
    }
  g_ptr_array_add (tmpdirs, g_strdup (dir));
  return dir;
}

LgStore *
lg_test_open_store (void)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "leadgram.db", NULL);
  g_autoptr(GError) error = NULL;
  LgStore *store;

  if (lg_test_pg_wanted ())
    {
      g_free (path);
      path = lg_test_pg_new_database ();
    }
  store = lg_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

gint64
lg_test_query_int (LgStore    *store,
                   const char *sql)
{
  g_autoptr(GError) error = NULL;
  LgStmt *stmt = lg_store_prepare (store, sql, &error);
  gint64 n;

  g_assert_no_error (error);
  g_assert_cmpint (lg_stmt_step (stmt), ==, SQLITE_ROW);
  n = lg_stmt_column_int64 (stmt, 0);
  lg_stmt_reset (stmt);
  return n;
}

gint64
lg_test_count_indexed (LgStore    *store,
                       const char *word)
{
  g_autofree char *count = lg_test_query_text (store, lg_store_is_remote (store)
                                                      ? "SELECT count(*) FROM messages "
                                                        "WHERE terms @@ ?::tsquery"
                                                      : "SELECT count(*) FROM messages_fts "
                                                        "WHERE messages_fts MATCH ?", word);

  return g_ascii_strtoll (count, NULL, 10);
}

gint64
lg_test_count_staging_tables (LgStore *store)
{
  return lg_test_query_int (store, lg_store_is_remote (store)
                                   ? "SELECT count(*) FROM pg_class WHERE relpersistence = 't' "
                                     "AND relkind = 'r' AND relnamespace = pg_my_temp_schema ()"
                                   : "SELECT count(*) FROM temp.sqlite_schema");
}

char *
lg_test_query_text (LgStore    *store,
                    const char *sql,
                    const char *param)
{
  g_autoptr(GError) error = NULL;
  LgStmt *stmt = lg_store_prepare (store, sql, &error);
  char *value = NULL;

  g_assert_no_error (error);
  if (param != NULL)
    lg_stmt_bind_string (stmt, 1, param, -1, SQLITE_TRANSIENT);
  if (lg_stmt_step (stmt) == SQLITE_ROW && lg_stmt_text (stmt, 0) != NULL)
    value = g_strdup (lg_stmt_text (stmt, 0));
  lg_stmt_reset (stmt);
  return value;
}

LgCsvMapping *
lg_test_guess_csv_mapping (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgCsvReader) reader = lg_csv_reader_new_for_path (path, LG_CSV_ENCODING_AUTO, 0,
                                                              NULL, &error);

  g_assert_no_error (error);
  g_assert_true (lg_csv_reader_next (reader, NULL, &error));
  return lg_csv_mapping_new (lg_csv_reader_get_fields (reader),
                             lg_csv_reader_get_n_fields (reader));
}

LgSource *
lg_test_add_source (LgStore    *store,
                    const char *handle)
{
  g_autoptr(GError) error = NULL;
  LgSource *source = lg_source_new ();

  lg_source_set_kind (source, "telegram_channel");
  lg_source_set_handle (source, handle);
  lg_source_set_title (source, handle);
  g_assert_true (lg_store_add_source (store, source, &error));
  g_assert_no_error (error);
  return source;
}

gint64
lg_test_utc (int year,
             int month,
             int day,
             int hour)
{
  g_autoptr(GDateTime) t = g_date_time_new_utc (year, month, day, hour, 0, 0);

  return g_date_time_to_unix (t);
}

static void
add_lead (LgStore    *store,
          gint64      source_id,
          gint64      created_at,
          const char *stage,
          const char *furthest,
          gint64      value,
          const char *currency,
          gint64      message_at,
          gint64      found_at,
          gint64      first_touch_at)
{
  g_autoptr(GError) error = NULL;
  LgStmt *stmt;

  stmt = lg_store_prepare (store,
                           "INSERT INTO leads (name, source_id, created_at, stage, furthest_stage, "
                           "value, currency, message_at, found_at, first_touch_at, closed_at) "
                           "VALUES ('Fixture lead', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                           "CASE WHEN ?3 IN ('won', 'lost') THEN ?2 + 86400 ELSE 0 END)",
                           &error);
  g_assert_no_error (error);
  if (source_id > 0)
    lg_stmt_bind_int64 (stmt, 1, source_id);
  lg_stmt_bind_int64 (stmt, 2, created_at);
  lg_stmt_bind_string (stmt, 3, stage, -1, SQLITE_STATIC);
  lg_stmt_bind_string (stmt, 4, furthest, -1, SQLITE_STATIC);
  lg_stmt_bind_int64 (stmt, 5, value);
  lg_stmt_bind_string (stmt, 6, currency, -1, SQLITE_STATIC);
  lg_stmt_bind_int64 (stmt, 7, message_at);
  lg_stmt_bind_int64 (stmt, 8, found_at);
  lg_stmt_bind_int64 (stmt, 9, first_touch_at);
  g_assert_cmpint (lg_stmt_step (stmt), ==, SQLITE_DONE);
  lg_stmt_reset (stmt);
}

static void
add_cost (LgStore    *store,
          gint64      source_id,
          gint64      start,
          gint64      end,
          gint64      amount,
          const char *currency)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (lg_store_add_cost (store, source_id, start, end, amount, currency, NULL,
                                      &error), >, 0);
  g_assert_no_error (error);
}

#define H(d, h) lg_test_utc (2024, 3, d, h)

void
lg_test_fill_metrics_fixture (LgStore *store,
                              gint64   ids[3])
{
  const char *handles[3] = { "ads_channel", "partner_group", "free_chat" };
  gint64 a, b, c;

  for (int i = 0; i < 3; i++)
    {
      g_autoptr(LgSource) source = lg_test_add_source (store, handles[i]);

      ids[i] = lg_source_get_id (source);
    }
  a = ids[0];
  b = ids[1];
  c = ids[2];

  /* Costs: A pays per month; B's row straddles February and March; C is free. */
  add_cost (store, a, lg_test_utc (2024, 3, 1, 0), lg_test_utc (2024, 4, 1, 0), 31000, "USD");
  add_cost (store, a, lg_test_utc (2024, 2, 1, 0), lg_test_utc (2024, 3, 1, 0), 29000, "USD");
  add_cost (store, b, lg_test_utc (2024, 2, 15, 0), lg_test_utc (2024, 3, 16, 0), 60000, "USD");
  add_cost (store, b, lg_test_utc (2024, 3, 1, 0), lg_test_utc (2024, 4, 1, 0), 10000, "EUR");

  /* March 2024. a1: found, won; a2: found, lost after Hot; a3: Warm, never
   * touched; a4: entered by hand, won. */
  add_lead (store, a, H (2, 10), "won", "won", 50000, "USD", H (2, 8), H (2, 9), H (2, 12));
  add_lead (store, a, H (5, 0), "lost", "hot", 0, "USD", H (4, 0), H (4, 12), H (5, 0));
  add_lead (store, a, H (10, 0), "warm", "warm", 0, "USD", 0, 0, 0);
  add_lead (store, a, H (20, 0), "won", "won", 30000, "USD", 0, 0, H (20, 2));
  /* b1: won in euros; b2: the last hour of March, cold. */
  add_lead (store, b, H (15, 12), "won", "won", 20000, "EUR", H (15, 6), H (15, 11), H (16, 6));
  add_lead (store, b, H (31, 23), "cold", "cold", 0, "USD", 0, 0, 0);
  /* c1: the message is two days older than the lead; c2: touched before it was
   * found (counts 0 on that clock); c3: won, then reopened to Hot. */
  add_lead (store, c, H (3, 0), "hot", "hot", 0, "USD", H (1, 0), H (3, 0), H (3, 0) + 1800);
  add_lead (store, c, H (25, 0), "won", "won", 10000, "USD", H (25, 0), H (25, 6), H (25, 3));
  add_lead (store, c, H (28, 0), "hot", "won", 0, "USD", 0, 0, 0);
  /* n1: no source. */
  add_lead (store, 0, H (8, 0), "cold", "cold", 0, "USD", 0, 0, 0);

  /* The previous 31 days, [30 Jan, 1 Mar): p1 won by hand, p2 lost. */
  add_lead (store, a, lg_test_utc (2024, 2, 10, 0), "won", "won", 40000, "USD", 0, 0,
            lg_test_utc (2024, 2, 10, 1));
  add_lead (store, b, lg_test_utc (2024, 2, 20, 0), "lost", "warm", 0, "USD", 0, 0, 0);
  /* Outside both: the day before, and the first second of April. */
  add_lead (store, a, lg_test_utc (2024, 1, 29, 0), "won", "won", 99999, "USD", 0, 0, 0);
  add_lead (store, a, lg_test_utc (2024, 4, 1, 0), "won", "won", 77777, "USD", 0, 0, 0);
}

char *
lg_test_channel_page (const char *channel,
                      gint64      first,
                      gint64      last,
                      gint64      newest,
                      gint64      base_time)
{
  GString *html = g_string_new (NULL);

  g_string_append_printf (html,
                          "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                          "<title>%s – Telegram</title>\n", channel);
  if (first > 1)
    g_string_append_printf (html, "<link rel=\"prev\" href=\"/s/%s?before=%" G_GINT64_FORMAT "\">\n",
                            channel, first);
  if (last < newest)
    g_string_append_printf (html, "<link rel=\"next\" href=\"/s/%s?after=%" G_GINT64_FORMAT "\">\n",
                            channel, last);
  g_string_append_printf (html,
                          "</head><body class=\"tgme_webpreview\">\n"
                          "<div class=\"tgme_channel_info_header_title\"><span>Channel %s</span></div>\n"
                          "<main class=\"tgme_main\"><section class=\"tgme_channel_history\">\n",
                          channel);
  if (first > 1)
    g_string_append_printf (html,
                            "<div class=\"tgme_widget_message_centered\"><a class=\"tme_messages_more\" "
                            "href=\"/s/%s?before=%" G_GINT64_FORMAT "\" data-before=\"%" G_GINT64_FORMAT
                            "\"></a></div>\n", channel, first, first);

  for (gint64 id = first; id <= last; id++)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (base_time + id * 60);
      g_autofree char *iso = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S+00:00");

      g_string_append_printf (html,
        "<div class=\"tgme_widget_message_wrap js-widget_message_wrap\">"
        "<div class=\"tgme_widget_message js-widget_message\" data-post=\"%s/%" G_GINT64_FORMAT "\">"
        "<div class=\"tgme_widget_message_bubble\">"
        "<div class=\"tgme_widget_message_author\"><a class=\"tgme_widget_message_owner_name\" "
        "href=\"https://t.me/%s\"><span>Channel %s</span></a></div>"
        "<div class=\"tgme_widget_message_text js-message_text\">Post %" G_GINT64_FORMAT
        ": looking for a <b>CRM</b> for our clinic,<br/>who can recommend one? "
        "<a href=\"https://example.com/%" G_GINT64_FORMAT "\">details</a></div>"
        "<div class=\"tgme_widget_message_footer\"><div class=\"tgme_widget_message_info\">"
        "<span class=\"tgme_widget_message_views\">%" G_GINT64_FORMAT ".%dK</span>"
        "<span class=\"tgme_widget_message_meta\"><a class=\"tgme_widget_message_date\" "
        "href=\"https://t.me/%s/%" G_GINT64_FORMAT "\"><time datetime=\"%s\">x</time></a>"
        "</span></div></div></div></div></div>\n",
        channel, id, channel, channel, id, id, id % 100, (int) (id % 10), channel, id, iso);
    }

  g_string_append (html, "</section></main></body></html>\n");
  return g_string_free (html, FALSE);
}

LgLead *
lg_test_add_lead (LgStore    *store,
                  const char *name,
                  const char *stage)
{
  g_autoptr(GError) error = NULL;
  LgLead *lead = lg_lead_new ();

  lg_lead_set_name (lead, name);
  lg_lead_set_stage (lead, stage);
  g_assert_true (lg_store_add_lead (store, lead, &error));
  g_assert_no_error (error);
  return lead;
}

gint64
lg_test_add_followup (LgStore    *store,
                      gint64      lead_id,
                      gint64      due_at,
                      const char *kind,
                      const char *note)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgFollowup) followup = lg_followup_new ();

  lg_followup_set_lead_id (followup, lead_id);
  lg_followup_set_due_at (followup, due_at);
  lg_followup_set_kind (followup, kind);
  lg_followup_set_note (followup, note);
  g_assert_true (lg_store_add_followup (store, followup, &error));
  g_assert_no_error (error);
  return lg_followup_get_id (followup);
}

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

void
lg_test_wait_until (gboolean (*done) (gpointer),
                    gpointer   data)
{
  gint64 give_up = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  /* Wakes the loop when nothing else would, so that a wait for what never
   * comes fails after its 10 seconds instead of hanging to the timeout. */
  guint tick = g_timeout_add (100, tick_cb, NULL);

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, give_up);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (tick);
}

static gboolean
writes_done (gpointer store)
{
  return lg_store_get_pending_writes (store) == 0;
}

void
lg_test_wait_for_writes (LgStore *store)
{
  lg_test_wait_until (writes_done, store);
}

LgStore *
lg_test_open_other (LgStore *store)
{
  g_autoptr(GError) error = NULL;
  LgStore *other = lg_store_open (lg_store_get_path (store), &error);

  g_assert_no_error (error);
  if (!lg_store_is_remote (other))
    sqlite3_busy_timeout (lg_store_get_db (other), 1000);
  return other;
}

/* Appends the rows of table (its columns' values as SQL literals), in the
 * order of a plain scan: the same for the same rows under the same schema
 * (the FTS index's shadow tables have no rowid to order by). */
static void
dump_table (sqlite3    *db,
            const char *table,
            GString    *out)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM main.\"%s\"", table);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_string_append_printf (out, "%s:\n", table);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int col = 0; col < sqlite3_column_count (stmt); col++)
        {
          char *literal = sqlite3_mprintf ("%Q", (const char *) sqlite3_column_text (stmt, col));

          g_string_append_printf (out, "%s%d:%s", col > 0 ? "|" : "",
                                  sqlite3_column_type (stmt, col), literal);
          sqlite3_free (literal);
        }
      g_string_append_c (out, '\n');
    }
  g_assert_cmpint (sqlite3_finalize (stmt), ==, SQLITE_OK);
}

/* The same of a team workspace: its tables' columns and its indexes as the
 * catalog describes them, and each table's rows in the order of their text.
 * Not the sequences, which a rolled-back insert moves on too: they hold no
 * rows. */
static char *
dump_team_database (LgStore *store)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);
  LgStmt *stmt;

  stmt = lg_store_prepare (store,
                           "SELECT 'table', c.relname, string_agg (a.attname || ' ' || "
                           "format_type (a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum) "
                           "FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid "
                           "AND a.attnum > 0 AND NOT a.attisdropped "
                           "WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' "
                           "GROUP BY c.relname "
                           "UNION ALL SELECT 'index', indexname, indexdef FROM pg_indexes "
                           "WHERE schemaname = 'public' ORDER BY 1, 2", &error);
  g_assert_no_error (error);
  while (lg_stmt_step (stmt) == SQLITE_ROW)
    {
      g_string_append_printf (out, "%s %s: %s\n", lg_stmt_text (stmt, 0), lg_stmt_text (stmt, 1),
                              lg_stmt_text (stmt, 2));
      if (g_str_equal (lg_stmt_text (stmt, 0), "table"))
        g_ptr_array_add (tables, g_strdup (lg_stmt_text (stmt, 1)));
    }
  lg_stmt_reset (stmt);

  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" AS t ORDER BY t::text",
                                              (const char *) g_ptr_array_index (tables, i));

      stmt = lg_store_prepare (store, sql, &error);
      g_assert_no_error (error);
      g_string_append_printf (out, "%s:\n", (const char *) g_ptr_array_index (tables, i));
      while (lg_stmt_step (stmt) == SQLITE_ROW)
        {
          for (int col = 0; col < lg_stmt_column_count (stmt); col++)
            g_string_append_printf (out, "%s%d:%s", col > 0 ? "|" : "",
                                    lg_stmt_column_type (stmt, col),
                                    lg_stmt_text (stmt, col) != NULL ? lg_stmt_text (stmt, col)
                                                                     : "NULL");
          g_string_append_c (out, '\n');
        }
      lg_stmt_reset (stmt);
    }
  return g_string_free (out, FALSE);
}

static char *
dump_file_database (LgStore *store)
{
  sqlite3 *db = lg_store_get_db (store);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  /* The FTS index's shadow tables are tables too (their blocks compare as
   * text): an index changed and changed back is not "as before". */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT type, name, sql FROM main.sqlite_schema "
                                           "ORDER BY type, name", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *sql = (const char *) sqlite3_column_text (stmt, 2);

      g_string_append_printf (out, "%s %s: %s\n", type, name, sql != NULL ? sql : "");
      if (g_str_equal (type, "table") && sql != NULL && !g_str_has_prefix (sql, "CREATE VIRTUAL"))
        g_ptr_array_add (tables, g_strdup (name));
    }
  g_assert_cmpint (sqlite3_finalize (stmt), ==, SQLITE_OK);

  for (guint i = 0; i < tables->len; i++)
    dump_table (db, g_ptr_array_index (tables, i), out);
  return g_string_free (out, FALSE);
}

char *
lg_test_dump_database (LgStore *store)
{
  return lg_store_is_remote (store) ? dump_team_database (store) : dump_file_database (store);
}

char *
lg_test_write_export (const char *dir,
                      const char *name,
                      guint       n_messages,
                      gboolean    truncated)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GString) json = g_string_new ("{\"name\": \"Test Group\", \"type\": "
                                          "\"private_supergroup\", \"id\": 1888888888, "
                                          "\"messages\": [\n");
  g_autoptr(GError) error = NULL;

  for (guint id = 1; id <= n_messages; id++)
    g_string_append_printf (json, "%s{\"id\": %u, \"type\": \"message\", "
                            "\"date_unixtime\": \"%u\", \"from\": \"Member %u\", "
                            "\"from_id\": \"user%u\", \"text\": \"who can recommend a "
                            "dentist near station %u?\"}\n", id > 1 ? "," : "", id,
                            1700000000 + id * 60, id % 50, id % 50, id);
  if (!truncated)
    g_string_append (json, "]}\n");
  g_assert_true (g_file_set_contents (path, json->str, json->len, &error));
  g_assert_no_error (error);
  return path;
}

char *
lg_test_write_whatsapp_export (const char *dir,
                               const char *name,
                               guint       megabytes,
                               gboolean    only_joins,
                               guint      *n_messages)
{
  static const char *phrases[] = {
    "anyone know a decent CRM for a 3-chair dental clinic?",
    "we're hiring a backend dev, DM me",
    "Посоветуйте сервис онлайн-записи для салона, пожалуйста",
    "thanks, that worked!",
    "looking for someone to redo our landing page, budget ~$800",
    "lol same",
    "can anyone recommend an accountant who knows Cyprus companies?\nurgent-ish",
  };
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GDateTime) start = g_date_time_new_local (2020, 1, 1, 0, 0, 0);
  FILE *file = fopen (path, "w");
  guint64 written = 0;
  guint messages = 0;

  g_assert_nonnull (file);
  for (guint i = 0; written < (guint64) megabytes * 1000000; i++)
    {
      g_autoptr(GDateTime) time = g_date_time_add_seconds (start, i * 37.0);
      int hour = g_date_time_get_hour (time);

      written += fprintf (file, "%d/%d/%02d, %d:%02d\u202f%s - ", g_date_time_get_month (time),
                          g_date_time_get_day_of_month (time), g_date_time_get_year (time) % 100,
                          hour % 12 == 0 ? 12 : hour % 12, g_date_time_get_minute (time),
                          hour < 12 ? "AM" : "PM");
      if (only_joins || i % 50 == 0)
        written += fprintf (file, "Person %u joined using this group's invite link\n", i % 997);
      else
        {
          written += fprintf (file, "Person %u: %s (#%u)\n", i % 997,
                              phrases[i % G_N_ELEMENTS (phrases)], i);
          messages++;
        }
    }
  fclose (file);
  *n_messages = messages;
  return path;
}

LgMessage *
lg_test_find_message (LgStore    *store,
                      const char *external_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) messages = lg_store_list_messages (store, 0, 0, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (messages); i++)
    {
      g_autoptr(LgMessage) message = g_list_model_get_item (messages, i);

      if (g_strcmp0 (lg_message_get_external_id (message), external_id) == 0)
        return g_steal_pointer (&message);
    }
  g_error ("no message %s", external_id);
}

char *
lg_test_write_discord_export (const char *dir,
                            const char *name,
                            guint       n_messages)
{
  char *path = g_build_filename (dir, name, NULL);
  /* Straight to disk: a benchmark's file is bigger than its import should
   * cost in memory. */
  FILE *json = fopen (path, "w");

  g_assert_nonnull (json);
  fputs ("{\n  \"guild\": {\n    \"id\": \"880000000000000001\",\n"
         "    \"name\": \"Test Server\",\n    \"iconUrl\": \"\"\n  },\n"
         "  \"channel\": {\n    \"id\": \"880000000000000101\",\n"
         "    \"type\": \"GuildTextChat\",\n    \"category\": \"Talk\",\n"
         "    \"name\": \"general\",\n    \"topic\": null\n  },\n"
         "  \"dateRange\": {\n    \"after\": null,\n    \"before\": null\n  },\n"
         "  \"messages\": [\n", json);
  for (guint id = 1; id <= n_messages; id++)
    fprintf (json, "    {\n      \"id\": \"%u\",\n      \"type\": \"Default\",\n"
                   "      \"timestamp\": \"2024-01-01T10:%02u:%02u.123+00:00\",\n"
                   "      \"timestampEdited\": null,\n"
                   "      \"callEndedTimestamp\": null,\n"
                   "      \"isPinned\": false,\n"
                   "      \"content\": \"who can recommend a dentist near station %u?\",\n"
                   "      \"author\": {\n        \"id\": \"%u\",\n"
                   "        \"name\": \"member%u\",\n"
                   "        \"discriminator\": \"0000\",\n"
                   "        \"nickname\": \"Member %u\",\n"
                   "        \"color\": null,\n        \"isBot\": false,\n"
                   "        \"roles\": [],\n"
                   "        \"avatarUrl\": \"https://cdn.discordapp.com/embed/avatars/0.png\"\n"
                   "      },\n"
                   "      \"attachments\": [],\n      \"embeds\": [],\n"
                   "      \"stickers\": [],\n      \"reactions\": [],\n"
                   "      \"mentions\": [],\n      \"inlineEmojis\": []\n    }%s\n",
                   id, id / 60 % 60, id % 60, id, 1000 + id % 50, id % 50, id % 50,
                   id < n_messages ? "," : "");
  fprintf (json, "  ],\n  \"messageCount\": %u\n}\n", n_messages);
  g_assert_cmpint (fclose (json), ==, 0);
  return path;
}

struct _LgTestWriter
{
  char    *db_path;
  GThread *thread;
  gint     stop;
  gint64   longest;
};

/* SQLite's own busy timeout sleeps up to 100 ms between tries, which would
 * blur the figure. */
static int
retry_each_millisecond_cb (void *data,
                           int   n_tries)
{
  g_usleep (1000);
  return 1;
}

static gpointer
writer_thread (gpointer data)
{
  LgTestWriter *writer = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LgStore) store = lg_store_open (writer->db_path, &error);

  g_assert_no_error (error);
  sqlite3_busy_handler (lg_store_get_db (store), retry_each_millisecond_cb, NULL);
  while (!g_atomic_int_get (&writer->stop))
    {
      gint64 start = g_get_monotonic_time ();

      g_assert_true (lg_store_begin (store, &error));
      writer->longest = MAX (writer->longest, g_get_monotonic_time () - start);
      g_assert_true (lg_store_commit (store, &error));
      g_usleep (2000);
    }
  return NULL;
}

LgTestWriter *
lg_test_writer_start (const char *db_path)
{
  LgTestWriter *writer = g_new0 (LgTestWriter, 1);

  writer->db_path = g_strdup (db_path);
  writer->thread = g_thread_new ("lg-test-writer", writer_thread, writer);
  return writer;
}

gint64
lg_test_writer_stop (LgTestWriter *writer)
{
  gint64 longest;

  g_atomic_int_set (&writer->stop, TRUE);
  g_thread_join (writer->thread);
  longest = writer->longest;
  g_free (writer->db_path);
  g_free (writer);
  return longest;
}

int
lg_test_run_cli (const char * const *args,
                 char              **out,
                 char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli_path = g_getenv ("LEADGRAM_CLI");
  int status = -1;

  g_assert_nonnull (cli_path);
  g_ptr_array_add (argv, (char *) cli_path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                out, err, &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

int
lg_test_run_cli_db (const char  *db_path,
                    char       **out,
                    char       **err,
                    ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  g_ptr_array_add (args, (char *) "--db");
  g_ptr_array_add (args, (char *) db_path);
  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return lg_test_run_cli ((const char * const *) args->pdata, out, err);
}

char *
lg_test_channel_page_for_query (const char *channel,
                                GHashTable *query,
                                gint64      newest,
                                guint       page_size,
                                gint64      base_time)
{
  const char *before = query != NULL ? g_hash_table_lookup (query, "before") : NULL;
  const char *after = query != NULL ? g_hash_table_lookup (query, "after") : NULL;
  gint64 first, last;

  if (before != NULL)
    {
      last = g_ascii_strtoll (before, NULL, 10) - 1;
      first = MAX (1, last - (gint64) page_size + 1);
    }
  else if (after != NULL && g_ascii_strtoll (after, NULL, 10) < newest)
    {
      first = g_ascii_strtoll (after, NULL, 10) + 1;
      last = MIN (newest, first + (gint64) page_size - 1);
    }
  else
    {
      last = newest;
      first = MAX (1, last - (gint64) page_size + 1);
    }

  return lg_test_channel_page (channel, first, last, newest, base_time);
}

gboolean
lg_test_read_export (LgStore           *store,
                     const char        *path,
                     LgExportReadFunc   read,
                     LgExportStats     *stats,
                     GError           **error)
{
  LgExportJob job;
  gboolean ok;

  lg_export_job_init (&job, store, path, NULL, NULL, 0, NULL);
  ok = lg_export_job_stage (&job, read, error);
  if (ok && stats != NULL)
    *stats = job.stats;
  lg_export_job_clear (&job);
  return ok;
}

gint64
lg_test_thread_cpu_us (void)
{
  struct rusage usage;

  getrusage (RUSAGE_THREAD, &usage);
  return (gint64) usage.ru_utime.tv_sec * G_USEC_PER_SEC + usage.ru_utime.tv_usec +
         (gint64) usage.ru_stime.tv_sec * G_USEC_PER_SEC + usage.ru_stime.tv_usec;
}
