/* test-team.c: what a team workspace on PostgreSQL does that a SQLite file
 * does not: hear the others' writes, upgrade its schema once when several
 * apps start together, say so when the server cannot be reached, and write
 * nothing when opened read-only. Runs on the throw-away cluster of
 * tests/common/lg-test-pg.c (suite postgresql).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lg-search.h"
#include "lg-store-pg.h"
#include "lg-pg-stmt.h"
#include "lg-store-private.h"
#include "lg-store-terms.h"
#include "lg-team-cache.h"
#include "lg-test-pg.h"
#include "lg-test-util.h"

static void
on_changed_cb (LgStore    *store,
               const char *what,
               GString    *heard)
{
  g_string_append_printf (heard, "%s%s", heard->len > 0 ? " " : "", what);
}

static gboolean
heard_leads (gpointer heard)
{
  return strstr (((GString *) heard)->str, "leads") != NULL;
}

/* A card a colleague moves reaches this app's board: the store says
 * "changed::leads" without this app writing anything. */
static void
test_others_writes_heard (void)
{
  g_autoptr(LgStore) mine = lg_test_open_store ();
  g_autoptr(LgStore) theirs = lg_test_open_other (mine);
  g_autoptr(GString) heard = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LgLead) lead = NULL;
  g_autoptr(LgLead) copy = NULL;
  g_autofree char *name = NULL;
  gint64 moved;

  /* The server lists the connection as Leadgram's. */
  name = lg_test_query_text (mine, "SELECT application_name FROM pg_stat_activity "
                                   "WHERE pid = pg_backend_pid ()", NULL);
  g_assert_cmpstr (name, ==, "Leadgram");

  lg_store_watch_others (mine);
  g_signal_connect (mine, "changed", G_CALLBACK (on_changed_cb), heard);

  lead = lg_test_add_lead (theirs, "Olga", "cold");
  lg_test_wait_until (heard_leads, heard);
  g_string_truncate (heard, 0);

  moved = g_get_monotonic_time ();
  g_assert_true (lg_store_move_lead (theirs, lg_lead_get_id (lead), LG_STAGE_WARM, 0, NULL,
                                     &error));
  g_assert_no_error (error);
  lg_test_wait_until (heard_leads, heard);
  g_assert_cmpstr (heard->str, ==, "leads");
  /* Said, not asserted: a loaded machine is no place for timed tests. */
  g_test_message ("heard %.1f ms after the move began",
                  (g_get_monotonic_time () - moved) / 1000.0);

  /* And this app reads where it is now. */
  copy = lg_store_get_lead (mine, lg_lead_get_id (lead), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lg_lead_get_stage (copy), ==, "warm");
}

static gboolean
lost (gpointer store)
{
  return !lg_store_is_connected (store);
}

static void
on_reconnected_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GError **error = user_data;

  /* A mark that the callback ran, when it succeeded. */
  if (lg_store_reconnect_finish (LG_STORE (object), result, error))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "reconnected");
}

static gboolean
has_error (gpointer error)
{
  return *(GError **) error != NULL;
}

/* Tries the server again, as the app does; the error, or "reconnected". */
static GError *
reconnect (LgStore *store)
{
  GError *error = NULL;

  lg_store_reconnect_async (store, NULL, on_reconnected_cb, &error);
  lg_test_wait_until (has_error, &error);
  return error;
}

/* The server goes away while the app is open: the store notices by itself
 * (nothing asked of it), refuses what is asked meanwhile with a sentence,
 * fails to reconnect while the server is away, and once it is back, takes a
 * new connection, tells every view to read again (what the others did
 * meanwhile was never heard) and hears the others' writes as before. */
static void
test_server_lost (void)
{
  g_autoptr(LgStore) mine = lg_test_open_store ();
  g_autoptr(LgStore) theirs = NULL;
  g_autoptr(GString) heard = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LgLead) lead = lg_test_add_lead (mine, "Olga", "cold");
  g_autoptr(LgLead) copy = NULL;
  g_autofree char *address = g_strdup (lg_store_get_path (mine));
  gint64 id = lg_lead_get_id (lead);

  lg_store_watch_others (mine);
  g_signal_connect (mine, "changed", G_CALLBACK (on_changed_cb), heard);
  /* A statement prepared on the connection that will be lost. */
  copy = lg_store_get_lead (mine, id, &error);
  g_assert_no_error (error);
  g_clear_object (&copy);
  g_assert_true (lg_store_is_connected (mine));

  lg_test_pg_stop_server ();
  lg_test_wait_until (lost, mine);

  copy = lg_store_get_lead (mine, id, &error);
  g_assert_null (copy);
  g_assert_nonnull (strstr (error->message, "the connection to the team workspace was lost"));
  g_clear_error (&error);

  error = reconnect (mine);
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_UNREACHABLE);
  g_clear_error (&error);
  g_assert_false (lg_store_is_connected (mine));

  /* A colleague moves the card while this app is cut off. */
  lg_test_pg_start_server ();
  theirs = lg_store_open (address, &error);
  g_assert_no_error (error);
  g_assert_true (lg_store_move_lead (theirs, id, LG_STAGE_WARM, 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (heard->str, ==, "");

  error = reconnect (mine);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (lg_store_is_connected (mine));
  g_assert_cmpstr (heard->str, ==, "leads followups costs sources messages searches matches");
  copy = lg_store_get_lead (mine, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lg_lead_get_stage (copy), ==, "warm");

  /* And the others' writes are heard again. */
  g_string_truncate (heard, 0);
  g_assert_true (lg_store_move_lead (theirs, id, LG_STAGE_HOT, 0, NULL, &error));
  g_assert_no_error (error);
  lg_test_wait_until (heard_leads, heard);
}

static gpointer
open_in_thread (gpointer address)
{
  g_autoptr(GError) error = NULL;
  LgStore *store = lg_store_open (address, &error);

  g_assert_no_error (error);
  return store;
}

/* Five apps starting on a new workspace at once: one upgrades it, the others
 * wait for the advisory lock and find it done. */
static void
test_migration_race (void)
{
  g_autofree char *address = lg_test_pg_new_database ();
  GThread *threads[5];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("open", open_in_thread, address);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_autoptr(LgStore) store = g_thread_join (threads[i]);

      g_assert_cmpint (lg_store_get_version (store), ==, lg_store_pg_n_migrations);
    }
  {
    g_autoptr(LgStore) store = open_in_thread (address);

    g_assert_cmpint (lg_test_query_int (store, "SELECT count (*) FROM leadgram_schema"), ==, 1);
  }
}

static void
test_unreachable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgStore) store = lg_store_open ("postgresql:///leadgram?host=/nonexistent", &error);

  g_assert_null (store);
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, "Could not reach the team workspace’s server"));
  g_assert_nonnull (strstr (error->message, "/nonexistent"));
}

/* A server that wants a password: none, a wrong one and the right one, as
 * the app gives it from the keyring; PGPASSWORD still serves the CLI. */
static void
test_password (void)
{
  g_autofree char *address = lg_test_pg_new_password_database ("pea soup");
  g_autoptr(GError) error = NULL;
  g_autoptr(LgStore) store = NULL;
  g_autofree char *role = NULL;

  store = lg_store_open (address, &error);
  g_assert_null (store);
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_PASSWORD);
  g_assert_nonnull (strstr (error->message, "asks for a password"));
  g_assert_nonnull (strstr (error->message, "Preferences → General → Workspace"));
  g_clear_error (&error);

  lg_store_set_password (address, "pea stew");
  store = lg_store_open (address, &error);
  g_assert_null (store);
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_PASSWORD);
  g_assert_nonnull (strstr (error->message, "did not accept the password"));
  g_clear_error (&error);

  lg_store_set_password (address, "pea soup");
  store = lg_store_open (address, &error);
  g_assert_no_error (error);
  role = lg_test_query_text (store, "SELECT current_user", NULL);
  g_assert_true (g_str_has_prefix (role, "keeper_"));
  g_clear_object (&store);

  lg_store_set_password (address, NULL);
  g_setenv ("PGPASSWORD", "pea soup", TRUE);
  store = lg_store_open (address, &error);
  g_unsetenv ("PGPASSWORD");
  g_assert_no_error (error);
}

static gint64
count_cached_leads (const char *address)
{
  g_autofree char *path = lg_team_cache_path (address);
  g_autoptr(GError) error = NULL;
  g_autoptr(LgStore) copy = lg_store_open_read_only (path, &error);

  g_assert_no_error (error);
  g_assert_true (lg_store_is_read_only (copy));
  return lg_test_query_int (copy, "SELECT count (*) FROM leads");
}

static void
on_written_cb (LgTeamCache *cache,
               guint       *written)
{
  (*written)++;
}

static gboolean
written_twice (gpointer written)
{
  return *(guint *) written >= 2;
}

/* The copy a start without the server shows: written whole into the cache
 * folder, kept fresh after changes, and at quit. */
static void
test_cache (void)
{
  g_autoptr(LgStore) team = lg_test_open_store ();
  const char *address = lg_store_get_path (team);
  g_autoptr(LgLead) olga = lg_test_add_lead (team, "Olga", "cold");
  g_autoptr(LgLead) ivan = NULL;
  g_autoptr(LgLead) anna = NULL;
  g_autoptr(LgTeamCache) cache = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = lg_team_cache_path (address);
  g_autofree char *name = NULL;
  guint written = 0;

  g_assert_true (g_str_has_prefix (path, g_get_user_cache_dir ()));
  g_assert_null (strstr (path, "host="));
  g_assert_null (lg_team_cache_get_time (address));
  g_assert_true (lg_team_cache_write (team, NULL, &error));
  g_assert_no_error (error);
  when = lg_team_cache_get_time (address);
  g_assert_nonnull (when);
  g_assert_cmpint (count_cached_leads (address), ==, 1);
  {
    g_autoptr(LgStore) copy = lg_store_open_read_only (path, &error);

    name = lg_test_query_text (copy, "SELECT name FROM leads", NULL);
    g_assert_cmpstr (name, ==, "Olga");
  }

  /* A copy at once, another after a change. */
  cache = lg_team_cache_new (team, 1);
  g_signal_connect (cache, "written", G_CALLBACK (on_written_cb), &written);
  ivan = lg_test_add_lead (team, "Ivan", "warm");
  lg_store_notify_changed (team, LG_STORE_CHANGED_LEADS);
  lg_test_wait_until (written_twice, &written);
  g_assert_cmpint (count_cached_leads (address), ==, 2);

  /* At quit, what changed since, at once. */
  anna = lg_test_add_lead (team, "Anna", "hot");
  lg_store_notify_changed (team, LG_STORE_CHANGED_LEADS);
  g_assert_true (lg_team_cache_flush (cache, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_cached_leads (address), ==, 3);
}

/* The new copies (PATH.UUID.new) in the folder of path's copy, but
 * other (may be NULL). */
static GPtrArray *
list_new_copies (const char *path,
                 const char *other)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  GPtrArray *found = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);

      if (g_str_has_suffix (name, ".new") && g_strcmp0 (file, other) != 0)
        g_ptr_array_add (found, g_steal_pointer (&file));
    }
  return found;
}

/* Waits (10 s at most) until n new copies but other are there. */
static GPtrArray *
wait_for_new_copies (const char *path,
                     const char *other,
                     guint       n)
{
  gint64 give_up = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  for (;;)
    {
      GPtrArray *found = list_new_copies (path, other);

      if (found->len == n)
        return found;
      g_ptr_array_unref (found);
      g_assert_cmpint (g_get_monotonic_time (), <, give_up);
      g_usleep (10 * 1000);
    }
}

/* A copy written on a thread of its own, as another app's; its error, or
 * NULL. */
static gpointer
write_copy_thread (gpointer team)
{
  GError *error = NULL;

  lg_team_cache_write (team, NULL, &error);
  return error;
}

/* A copy killed halfway leaves its new file (and SQLite's beside it): the
 * next copy removes it, but never the new file of a copy being written
 * meanwhile by another app on the machine. The copies are held on the
 * server (a colleague's lock on the table they read first) for as long as
 * the test looks at them. */
static void
test_cache_stale_copies (void)
{
  g_autoptr(LgStore) team = lg_test_open_store ();
  const char *address = lg_store_get_path (team);
  g_autoptr(LgLead) olga = lg_test_add_lead (team, "Olga", "cold");
  g_autoptr(LgStore) blocker = lg_test_open_other (team);
  g_autoptr(LgStore) first_app = lg_test_open_other (team);
  g_autoptr(LgStore) second_app = lg_test_open_other (team);
  g_autoptr(GPtrArray) writing = NULL;
  g_autoptr(GPtrArray) both = NULL;
  g_autoptr(GPtrArray) left = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = lg_team_cache_path (address);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *stale = g_strconcat (path, ".0d9a7c61-a4a8-4b52-9d0e-5f3c4ac1a2b7.new", NULL);
  g_autofree char *stale_wal = g_strconcat (stale, "-wal", NULL);
  GThread *first;
  GThread *second;
  GError *first_error;
  GError *second_error;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (stale, "half a copy", -1, &error));
  g_assert_true (g_file_set_contents (stale_wal, "its log", -1, &error));
  g_assert_no_error (error);

  g_assert_true (lg_store_exec (blocker, "BEGIN; LOCK TABLE sources IN ACCESS EXCLUSIVE MODE",
                                &error));
  g_assert_no_error (error);

  /* The first copy alone: it removes what the killed one left. */
  first = g_thread_new ("first-app", write_copy_thread, first_app);
  writing = wait_for_new_copies (path, stale, 1);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (stale_wal, G_FILE_TEST_EXISTS));

  /* A second one while it writes leaves its new file alone. */
  second = g_thread_new ("second-app", write_copy_thread, second_app);
  both = wait_for_new_copies (path, NULL, 2);
  g_assert_true (g_file_test (g_ptr_array_index (writing, 0), G_FILE_TEST_EXISTS));

  g_assert_true (lg_store_exec (blocker, "ROLLBACK", &error));
  g_assert_no_error (error);
  first_error = g_thread_join (first);
  second_error = g_thread_join (second);
  g_assert_no_error (first_error);
  g_assert_no_error (second_error);
  left = list_new_copies (path, NULL);
  g_assert_cmpuint (left->len, ==, 0);
  g_assert_cmpint (count_cached_leads (address), ==, 1);
}

static void
test_read_only (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(LgLead) lead = lg_test_add_lead (store, "Olga", "cold");
  g_autoptr(LgStore) reader = NULL;
  g_autoptr(LgLead) copy = NULL;
  g_autoptr(GError) error = NULL;

  reader = lg_store_open_read_only (lg_store_get_path (store), &error);
  g_assert_no_error (error);
  copy = lg_store_get_lead (reader, lg_lead_get_id (lead), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lg_lead_get_name (copy), ==, "Olga");

  g_assert_false (lg_store_move_lead (reader, lg_lead_get_id (lead), LG_STAGE_HOT, 0, NULL,
                                      &error));
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_READ_ONLY);
}

static LgStore *
open_file_store (void)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "leadgram.db", NULL);
  g_autoptr(GError) error = NULL;
  LgStore *store = lg_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

#define NOW ((gint64) 1767225600) /* 2026-01-01 */
#define DAY ((gint64) 86400)

/* The lines of tests/scoring/team/NAME, each split in n fields, without the
 * comments and the header. */
static GPtrArray *
read_team_fixture (const char *name,
                   int         n)
{
  g_autofree char *path = g_build_filename (g_getenv ("LEADGRAM_TEST_DATA"), "scoring", "team",
                                            name, NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      char **fields = g_strsplit (lines[i], "\t", n);

      if (lines[i][0] == '#' || g_strv_length (fields) != (guint) n)
        g_strfreev (fields);
      else
        g_ptr_array_add (rows, fields);
    }
  g_assert_cmpuint (rows->len, >, 10);
  return rows;
}

/* The team's scoring fixture (tests/scoring/team/posts.tsv) as messages:
 * one source per community, authors who write several, over two months. */
static void
add_team_posts (LgStore *store)
{
  g_autoptr(GPtrArray) posts = read_team_fixture ("posts.tsv", 4);
  g_autoptr(GHashTable) sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < posts->len; i++)
    {
      char **post = g_ptr_array_index (posts, i);
      g_autofree char *handle = g_strdelimit (g_strdup (post[1]), "-", '_');
      g_autofree char *external_id = g_strdup_printf ("%u", i + 1);
      g_autofree char *author = g_strdup_printf ("Author %u", i % 97);
      g_autoptr(LgMessage) message = lg_message_new ();
      LgSource *source = g_hash_table_lookup (sources, handle);

      if (source == NULL)
        {
          source = lg_test_add_source (store, handle);
          g_hash_table_insert (sources, g_strdup (handle), source);
        }
      lg_message_set_source_id (message, lg_source_get_id (source));
      lg_message_set_external_id (message, external_id);
      lg_message_set_author_name (message, author);
      lg_message_set_sent_at (message, NOW - (i % 61) * DAY - i);
      lg_message_set_text (message, post[3]);
      g_assert_true (lg_store_add_message (store, message, NULL, &error));
      g_assert_no_error (error);
    }
}

/* What the team's offers (tests/scoring/team/offers.tsv) find, as text: each
 * result's message, score and reason, best first, with the candidates read;
 * each offer also with a date filter and a must-have word, which the
 * candidate queries answer another way, and with a pool so small that the
 * store's ranking alone picks the few candidates scored. */
static char *
search_team_offers (LgStore *store)
{
  g_autoptr(GPtrArray) offers = read_team_fixture ("offers.tsv", 4);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < offers->len * 4; i++)
    {
      char **offer = g_ptr_array_index (offers, i % offers->len);
      g_autoptr(LgSearchSpec) spec = lg_search_spec_new (offer[3]);
      g_autoptr(GPtrArray) results = NULL;
      g_autoptr(GError) error = NULL;
      LgSearchStats stats = { 0 };
      LgSearchOptions options;

      lg_search_options_init (&options);
      if (i / offers->len == 3)
        {
          options.pool = 12;
          options.widen = 1;
          options.buyer_pool = 0;
        }

      if (i / offers->len == 1)
        lg_search_spec_set_since (spec, NOW - 20 * DAY);
      if (i / offers->len == 2)
        lg_search_spec_set_must (spec, (const char * const[]) { g_str_equal (offer[1], "ru")
                                                                ? "нужен" : "need", NULL });
      results = lg_search_run (store, spec, &options, NOW, NULL, NULL, NULL, &stats, &error);
      g_assert_no_error (error);
      g_string_append_printf (out, "%s/%u: %u candidates, %u buyers\n", offer[0],
                              i / offers->len, stats.candidates, stats.buyer_candidates);
      for (guint r = 0; r < results->len; r++)
        {
          LgSearchResult *result = g_ptr_array_index (results, r);

          g_string_append_printf (out, "  %" G_GINT64_FORMAT " %d %s\n",
                                  lg_search_result_get_message_id (result),
                                  lg_search_result_get_score (result),
                                  lg_search_result_get_reason (result));
        }
      lg_search_stats_clear (&stats);
    }
  return g_string_free (out, FALSE);
}

/* The same messages are found, scored and ranked alike in a personal and a
 * team workspace: the team's index holds FTS5's own tokens, its lg_rank()
 * ranks as FTS5's does. */
static void
test_search_as_personal (void)
{
  g_autoptr(LgStore) personal = open_file_store ();
  g_autoptr(LgStore) team = lg_test_open_store ();
  g_autofree char *found = NULL;
  g_autofree char *found_there = NULL;

  add_team_posts (personal);
  add_team_posts (team);
  found = search_team_offers (personal);
  found_there = search_team_offers (team);
  g_assert_cmpstr (found_there, ==, found);
  /* The fixture finds something for most offers. */
  g_assert_cmpuint (strlen (found), >, 2000);
}

/* The rank of text's terms as the server sends them in its binary format. */
static double
rank_as_sent (LgStore      *team,
              const char   *text,
              GPtrArray    *phrases,
              const double *weights,
              guint         n_weights)
{
  g_autofree char *terms = lg_store_terms_vector (text, -1);
  g_autoptr(LgStoreTermsRanker) ranker = lg_store_terms_ranker_new (phrases, weights, n_weights);
  g_autoptr(GError) error = NULL;
  LgStmt *stmt = lg_store_prepare (team, "SELECT ?1::tsvector, 7::bigint, 0.75::float8", &error);
  const guint8 *vector;
  gsize size;
  double rank;

  g_assert_no_error (error);
  lg_pg_stmt_set_binary_results (stmt->pg);
  lg_stmt_bind_string (stmt, 1, terms, -1, SQLITE_STATIC);
  g_assert_cmpint (lg_stmt_step (stmt), ==, SQLITE_ROW);
  /* The numbers of a binary result read as they do from its text. */
  g_assert_cmpint (lg_stmt_column_int64 (stmt, 1), ==, 7);
  g_assert_cmpfloat (lg_stmt_column_double (stmt, 2), ==, 0.75);
  vector = lg_pg_stmt_column_blob (stmt->pg, 0, &size);
  g_assert_nonnull (vector);
  rank = lg_store_terms_ranker_rank (ranker, vector, size);
  lg_stmt_reset (stmt);
  return rank;
}

/* The ranker reads the terms as the server sends them: each phrase counted
 * where its tokens follow one another (a prefix's any lexeme, a whole
 * word's only itself), the must-have words past the weights left out, and
 * where two lexemes share the last position a tsvector keeps, the later one
 * counted alone, as a tsvector's text reads. */
static void
test_rank_terms (void)
{
  g_autoptr(LgStore) team = lg_test_open_store ();
  g_autoptr(GPtrArray) phrases = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autofree char *tsquery = NULL;
  const double weights[] = { 2.5, 1.25, 3.0, 0.5 };
  double expected;

  tsquery = lg_store_terms_query ("(\"dental\" + \"clinic\"* OR \"crm\" OR \"clinic\" OR \"dent\"*)"
                                  " AND \"crm\"", &phrases, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (phrases->len, ==, 5);

  /* dental:1,4 clinic:2 crm:3,6,7 clinics:5 */
  expected = lg_store_rank_phrase (2.5, 2) + lg_store_rank_phrase (1.25, 3) +
             lg_store_rank_phrase (3.0, 1) + lg_store_rank_phrase (0.5, 2);
  g_assert_cmpfloat_with_epsilon (rank_as_sent (team, "Dental clinic CRM, dental clinics: crm crm",
                                                phrases, weights, G_N_ELEMENTS (weights)),
                                  expected, 1e-12);
  /* Without weights for the last two, only the first two count. */
  g_assert_cmpfloat_with_epsilon (rank_as_sent (team, "Dental clinic CRM, dental clinics: crm crm",
                                                phrases, weights, 2),
                                  lg_store_rank_phrase (2.5, 2) + lg_store_rank_phrase (1.25, 3),
                                  1e-12);
  g_assert_cmpfloat (rank_as_sent (team, "nothing of the offer here", phrases, weights,
                                   G_N_ELEMENTS (weights)), ==, 0);

  /* Past position 16383 every token is at 16383: "crm" there is hidden by
   * "zebra", which sorts after it; the "crm" at 1 still counts. */
  g_string_append (long_text, "crm");
  for (guint i = 0; i < 16400; i++)
    g_string_append_printf (long_text, " w%u", i);
  g_string_append (long_text, " crm zebra");
  g_assert_cmpfloat_with_epsilon (rank_as_sent (team, long_text->str, phrases, weights,
                                                G_N_ELEMENTS (weights)),
                                  lg_store_rank_phrase (1.25, 1), 1e-12);
}

/* What a workspace holds, as text to compare two of them by: in SQLite's
 * words (group_concat, ordered by a subquery) or PostgreSQL's (string_agg). */
#define LIST(expr, table) \
  "(SELECT group_concat (x, ',') FROM (SELECT " expr " AS x FROM " table " ORDER BY id) AS r)"
#define LIST_PG(expr, table) "(SELECT string_agg (" expr ", ',' ORDER BY id) FROM " table ")"
#define CONTENTS(list) \
  "SELECT " list ("name || ':' || stage || ':' || value || ':' || coalesce (source_id, 0)", \
                  "leads") \
  " || '|' || (SELECT count (*) FROM activities) || '|' || " \
  list ("due_at || kind", "followups") " || '|' || (SELECT sum (amount) FROM costs) || '|' || " \
  list ("text", "messages") " || '|' || " list ("handle", "sources")

/* The rows of conversations and searches, in the words of both. */
#define COUNTS \
  "SELECT (SELECT count (*) FROM sources) || ' ' || (SELECT count (*) FROM messages) || ' ' " \
  "|| (SELECT count (*) FROM searches) || ' ' || (SELECT count (*) FROM matches)"

static char *
contents (LgStore *store)
{
  return lg_test_query_text (store, lg_store_is_remote (store) ? CONTENTS (LIST_PG)
                                                               : CONTENTS (LIST), NULL);
}

/* A personal workspace moves to a team's and back, the same row for row,
 * its conversations and searches found alike; the team's ids go on after the
 * copied ones. */
static void
test_copy_over_and_back (void)
{
  g_autoptr(LgStore) personal = open_file_store ();
  g_autoptr(LgStore) team = lg_test_open_store ();
  g_autoptr(LgStore) back = open_file_store ();
  g_autoptr(LgSource) source = lg_test_add_source (personal, "bookkeepers");
  g_autoptr(LgMessage) message = lg_message_new ();
  g_autoptr(LgLead) lead = NULL;
  g_autoptr(LgLead) added = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *there = NULL;
  g_autofree char *again = NULL;
  g_autoptr(LgSearchSpec) saved = lg_search_spec_new ("CRM for dental clinics");
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *found = NULL;
  g_autofree char *found_there = NULL;
  g_autofree char *found_back = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *counts_there = NULL;
  g_autofree char *counts_back = NULL;
  gint64 ids[3];
  gboolean ok;

  lg_test_fill_metrics_fixture (personal, ids);
  lead = lg_test_add_lead (personal, "Olga", "warm");
  lg_test_add_followup (personal, lg_lead_get_id (lead), 1800000000, "call", "Ask about the budget");
  lg_message_set_source_id (message, lg_source_get_id (source));
  lg_message_set_external_id (message, "7");
  lg_message_set_sent_at (message, 1700000000);
  lg_message_set_text (message, "Who can do the books for a small cafe?");
  g_assert_true (lg_store_add_message (personal, message, NULL, &error));
  g_assert_no_error (error);
  /* Conversations and a saved search's matches go too, and are found alike. */
  add_team_posts (personal);
  lg_search_spec_set_name (saved, "Dental CRM");
  g_assert_true (lg_search_save (personal, saved, &error));
  g_assert_no_error (error);
  g_clear_pointer (&results, g_ptr_array_unref);
  results = lg_search_run (personal, saved, NULL, NOW, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (results->len, >, 0);
  found = search_team_offers (personal);
  before = contents (personal);
  counts = lg_test_query_text (personal, COUNTS, NULL);
  g_assert_cmpstr (counts, !=, "0 0 0 0");

  ok = lg_store_copy_into (personal, team, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  there = contents (team);
  g_assert_cmpstr (there, ==, before);
  counts_there = lg_test_query_text (team, COUNTS, NULL);
  g_assert_cmpstr (counts_there, ==, counts);
  found_there = search_team_offers (team);
  g_assert_cmpstr (found_there, ==, found);

  /* Not into a workspace that holds something. */
  g_assert_false (lg_store_copy_into (personal, team, NULL, NULL, NULL, &error));
  g_assert_error (error, LG_STORE_ERROR, LG_STORE_ERROR_INVALID);
  g_clear_error (&error);

  ok = lg_store_copy_into (team, back, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  again = contents (back);
  g_assert_cmpstr (again, ==, before);
  counts_back = lg_test_query_text (back, COUNTS, NULL);
  g_assert_cmpstr (counts_back, ==, counts);
  found_back = search_team_offers (back);
  g_assert_cmpstr (found_back, ==, found);

  /* A lead added on the team after the copy takes a new id. */
  added = lg_test_add_lead (team, "Ivan", "cold");
  g_assert_cmpint (lg_lead_get_id (added), >, lg_lead_get_id (lead));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache = NULL;

  g_test_init (&argc, &argv, NULL);
  /* The copies go to a cache folder of the test's own (not
   * G_TEST_OPTION_ISOLATE_DIRS, whose folders GLib 2.74 leaks, which
   * AddressSanitizer's run counts as a failure). */
  cache = lg_test_make_tmpdir ();
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);

  if (!lg_test_pg_wanted ())
    {
      g_test_message ("a team workspace's tests run in the postgresql suite only");
      return 77;
    }
  g_test_add_func ("/team/others-writes-heard", test_others_writes_heard);
  g_test_add_func ("/team/migration-race", test_migration_race);
  g_test_add_func ("/team/server-lost", test_server_lost);
  g_test_add_func ("/team/unreachable", test_unreachable);
  g_test_add_func ("/team/password", test_password);
  g_test_add_func ("/team/cache", test_cache);
  g_test_add_func ("/team/cache/stale-copies", test_cache_stale_copies);
  g_test_add_func ("/team/read-only", test_read_only);
  g_test_add_func ("/team/copy-over-and-back", test_copy_over_and_back);
  g_test_add_func ("/team/search-as-personal", test_search_as_personal);
  g_test_add_func ("/team/rank-terms", test_rank_terms);
  return g_test_run ();
}
