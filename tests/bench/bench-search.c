/* bench-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Find leads on 1,000,000 messages: generates them into a temporary database
 * (sentences of the sample workspace and of the scoring corpus, with words,
 * authors, sources and dates varied at random), then times the top-50 search
 * through lg_search_run() for 24 offers in English and Russian, and the raw
 * FTS5 query of the same terms, ranked by bm25, through the sqlite3 program on
 * the same file. Prints p50 and p95 of both; the targets are p50 <= 50 ms and
 * p50 <= 2x the raw query.
 *
 * Run with: meson test -C _build --benchmark --verbose search
 * LEADGRAM_BENCH_SEARCH_DB=FILE keeps the generated database in FILE and uses
 * it again on the next run (the generation takes minutes);
 * LEADGRAM_BENCH_WIDEN and LEADGRAM_BENCH_BUYER_POOL set the candidate pools
 * (LgSearchOptions.widen and .buyer_pool; 1 and 0 pick by words alone).
 *
 * Where PostgreSQL's server programs are (LEADGRAM_PG_BINDIR), the database
 * is then copied into a team workspace on a throw-away cluster and the same
 * searches run there: the ratio of its p50 to SQLite's (target <= 3).
 * LEADGRAM_BENCH_TEAM_DB=ADDRESS searches a team workspace that already holds
 * the same messages instead (the copy takes minutes).
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "lg-corpus.h"
#include "lg-search.h"
#include "lg-store-private.h"
#include "lg-test-pg.h"
#include "lg-test-util.h"

#define N_MESSAGES 1000000
#define N_SOURCES 60
#define N_AUTHORS 120000
#define DAYS 730

static const char * const offers[] = {
  "CRM for dental clinics: appointment reminders, patient recall",
  "website for a car repair shop with online booking",
  "bookkeeper for a small cafe, Xero",
  "solar panels installation with battery",
  "logo and branding for a bakery",
  "drywall subcontractor for residential construction",
  "accounting software for a small business",
  "mobile app development for a food truck",
  "SEO and Google ads for a local restaurant",
  "payroll and HR for a team of 20",
  "point of sale system for a coffee shop",
  "IT support and backups for an office",
  "бухгалтер на аутсорс для ИП на УСН",
  "сайт для автосервиса с онлайн-записью",
  "программа для записи пациентов в стоматологию",
  "поставщик имплантов для клиники",
  "логотип для кондитерской",
  "настройка рекламы в Яндекс Директ",
  "CRM для отдела продаж, заявки с сайта",
  "ремонт квартиры под ключ",
  "разработка мобильного приложения для доставки",
  "юрист для регистрации ООО",
  "кассовое оборудование и онлайн-касса для магазина",
  "видеосъёмка для свадьбы",
};

typedef struct
{
  GPtrArray *sentences[2];  /* char *, English and Russian */
  GPtrArray *words[2];      /* char *, every word of those sentences */
  GPtrArray *names;         /* char *, first and last names of the sample's authors */
} Corpus;

static gboolean
is_russian (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_CYRILLIC)
      return TRUE;
  return FALSE;
}

static void
add_sentence (Corpus     *corpus,
              const char *text)
{
  int lang = is_russian (text);
  g_auto(GStrv) words = g_strsplit_set (text, " \n", -1);

  g_ptr_array_add (corpus->sentences[lang], g_strdup (text));
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_ptr_array_add (corpus->words[lang], g_strdup (words[i]));
}

static void
read_dir (Corpus     *corpus,
          const char *dir,
          const char *prefix,
          guint       n_fields)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GPtrArray) records = NULL;
      g_autoptr(GError) error = NULL;

      if (!g_str_has_prefix (name, prefix) || !g_str_has_suffix (name, ".tsv"))
        continue;
      records = lg_corpus_read (path, n_fields, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < records->len; i++)
        {
          char **fields = g_ptr_array_index (records, i);

          if (g_str_equal (fields[0], "label"))
            continue;
          add_sentence (corpus, fields[n_fields - 1]);
          /* The sample's authors: column 3 is the name. */
          if (n_fields == 6 && *fields[2] != '\0')
            {
              g_auto(GStrv) parts = g_strsplit (fields[2], " ", -1);

              for (guint j = 0; parts[j] != NULL; j++)
                if (g_unichar_isupper (g_utf8_get_char (parts[j])))
                  g_ptr_array_add (corpus->names, g_strdup (parts[j]));
            }
        }
    }
}

static void
corpus_init (Corpus *corpus)
{
  for (int i = 0; i < 2; i++)
    {
      corpus->sentences[i] = g_ptr_array_new_with_free_func (g_free);
      corpus->words[i] = g_ptr_array_new_with_free_func (g_free);
    }
  corpus->names = g_ptr_array_new_with_free_func (g_free);
  read_dir (corpus, g_getenv ("LEADGRAM_SAMPLE_DIR"), "sample-messages", 6);
  read_dir (corpus, g_getenv ("LEADGRAM_CORPUS_DIR"), "team_", 4);
  g_assert_cmpuint (corpus->names->len, >, 10);
}

static void
corpus_clear (Corpus *corpus)
{
  for (int i = 0; i < 2; i++)
    {
      g_ptr_array_unref (corpus->sentences[i]);
      g_ptr_array_unref (corpus->words[i]);
    }
  g_ptr_array_unref (corpus->names);
}

static const char *
pick (GRand     *rand,
      GPtrArray *array)
{
  return g_ptr_array_index (array, g_rand_int_range (rand, 0, array->len));
}

/* A sentence of the corpus with about one word in eight replaced by another
 * word of the same language, sometimes cut short, sometimes followed by a
 * second one: every message differs, the vocabulary stays real. */
static void
make_text (Corpus  *corpus,
           GRand   *rand,
           GString *out)
{
  int lang = g_rand_int_range (rand, 0, 100) < 35;
  int parts = g_rand_int_range (rand, 0, 100) < 25 ? 2 : 1;

  g_string_truncate (out, 0);
  for (int part = 0; part < parts; part++)
    {
      g_auto(GStrv) words = g_strsplit (pick (rand, corpus->sentences[lang]), " ", -1);
      guint n = g_strv_length (words);

      if (n > 6 && g_rand_int_range (rand, 0, 100) < 15)
        n = g_rand_int_range (rand, 4, n);
      for (guint i = 0; i < n; i++)
        {
          if (out->len > 0)
            g_string_append_c (out, ' ');
          g_string_append (out, g_rand_int_range (rand, 0, 8) == 0
                                ? pick (rand, corpus->words[lang]) : words[i]);
        }
    }
}

static void
generate (LgStore *store,
          Corpus  *corpus)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240501);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) authors = g_ptr_array_new_with_free_func (g_free);
  gint64 source_ids[N_SOURCES];
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 start = g_get_monotonic_time ();
  LgStmt *stmt;

  g_assert_true (lg_store_exec (store, "PRAGMA synchronous = OFF", &error));
  g_assert_true (lg_store_begin (store, &error));

  for (int i = 0; i < N_SOURCES; i++)
    {
      g_autofree char *handle = g_strdup_printf ("bench_chat_%02d", i);
      g_autoptr(LgSource) source = lg_test_add_source (store, handle);

      source_ids[i] = lg_source_get_id (source);
    }
  for (int i = 0; i < N_AUTHORS; i++)
    g_ptr_array_add (authors, g_strdup_printf ("%s %s", pick (rand, corpus->names),
                                               pick (rand, corpus->names)));

  stmt = lg_store_prepare (store,
                           "INSERT INTO messages (source_id, external_id, author_name, "
                           "author_handle, author_id, sent_at, text) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", &error);
  g_assert_no_error (error);
  for (int i = 0; i < N_MESSAGES; i++)
    {
      /* A few people write most messages. */
      double r = g_rand_double (rand);
      guint author = (guint) (r * r * N_AUTHORS);
      char external[16], handle[24], author_id[16];
      /* Recent days are busier than old ones. */
      double age = g_rand_double (rand);

      make_text (corpus, rand, text);
      g_snprintf (external, sizeof external, "%d", i + 1);
      g_snprintf (handle, sizeof handle, "user_%u", author);
      g_snprintf (author_id, sizeof author_id, "%u", 100000 + author);
      lg_stmt_bind_int64 (stmt, 1, source_ids[g_rand_int_range (rand, 0, N_SOURCES)]);
      lg_stmt_bind_string (stmt, 2, external, -1, SQLITE_TRANSIENT);
      lg_stmt_bind_string (stmt, 3, g_ptr_array_index (authors, author), -1, SQLITE_STATIC);
      if (author % 4 != 0)
        lg_stmt_bind_string (stmt, 4, handle, -1, SQLITE_TRANSIENT);
      else
        lg_stmt_bind_null (stmt, 4);
      lg_stmt_bind_string (stmt, 5, author_id, -1, SQLITE_TRANSIENT);
      lg_stmt_bind_int64 (stmt, 6, now - (gint64) (age * age * DAYS * 86400) - 60);
      lg_stmt_bind_string (stmt, 7, text->str, text->len, SQLITE_STATIC);
      g_assert_cmpint (lg_stmt_step (stmt), ==, SQLITE_DONE);
      lg_stmt_reset (stmt);
    }
  g_assert_true (lg_store_commit (store, &error));
  g_assert_true (lg_store_exec (store, "PRAGMA wal_checkpoint(TRUNCATE)", &error));
  g_print ("generated %d messages in %.1f s\n", N_MESSAGES,
           (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (GArray *ms,
            double  p)
{
  g_array_sort (ms, compare_doubles);
  return g_array_index (ms, double, (guint) MIN (ms->len - 1, p * ms->len));
}

/* Times the same FTS5 expressions with the sqlite3 program, one process for
 * all of them, each query's "Run Time: real" from .timer. Returns ms per
 * query, the "SELECT 1" baseline last. */
static GArray *
time_raw (const char *path,
          GPtrArray  *queries)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *script_path = g_build_filename (dir, "raw.sql", NULL);
  g_autofree char *read = g_strdup_printf (".read %s", script_path);
  g_autoptr(GString) script = g_string_new (".timer on\n.output /dev/null\n");
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  const char *argv[] = { "sqlite3", "-batch", path, read, NULL };
  int status;

  for (guint i = 0; i < queries->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (queries, i), "'", -1);
      g_autofree char *quoted = g_strjoinv ("''", parts);

      g_string_append_printf (script, "SELECT rowid FROM messages_fts WHERE messages_fts MATCH "
                              "'%s' ORDER BY bm25(messages_fts) LIMIT 50;\n", quoted);
    }
  g_string_append (script, "SELECT 1;\n");
  g_assert_true (g_file_set_contents (script_path, script->str, -1, &error));

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "Run Time: real "))
      {
        double value = g_ascii_strtod (lines[i] + strlen ("Run Time: real "), NULL) * 1000;

        g_array_append_val (ms, value);
      }
  g_assert_cmpuint (ms->len, ==, queries->len + 1);
  return g_steal_pointer (&ms);
}

/* The machine is shared: the CPU time a search took tells more than the
 * wall clock when others are busy. */
static double
cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

static double
search (LgStore       *store,
        const char    *offer,
        LgSearchStats *stats,
        guint         *n_results,
        double        *cpu)
{
  g_autoptr(LgSearchSpec) spec = lg_search_spec_new (offer);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  const char *widen = g_getenv ("LEADGRAM_BENCH_WIDEN");
  const char *buyers = g_getenv ("LEADGRAM_BENCH_BUYER_POOL");
  LgSearchOptions options;
  gint64 start = g_get_monotonic_time ();
  double cpu_start = cpu_ms ();

  /* The candidate pools can be set to compare them in the same run. */
  lg_search_options_init (&options);
  if (widen != NULL)
    options.widen = atoi (widen);
  if (buyers != NULL)
    options.buyer_pool = atoi (buyers);
  lg_search_spec_set_limit (spec, 50);
  results = lg_search_run (store, spec, &options, g_get_real_time () / G_USEC_PER_SEC, NULL, NULL,
                           NULL, stats, &error);
  g_assert_no_error (error);
  *n_results = results->len;
  *cpu = cpu_ms () - cpu_start;
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
on_copy_progress_cb (const char *table,
                     gint64      copied,
                     gint64      total,
                     gpointer    user_data)
{
  if (copied == total || copied % 200000 == 0)
    g_print ("  %s: %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT "\n", table, copied, total);
}

/* The offers again on a team workspace holding the same messages. */
static void
bench_team (LgStore *store,
            double   sqlite_p50)
{
  const char *kept = g_getenv ("LEADGRAM_BENCH_TEAM_DB");
  g_autofree char *address = kept != NULL ? g_strdup (kept) : lg_test_pg_new_database ();
  g_autoptr(LgStore) team = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 start = g_get_monotonic_time ();
  double cpu, first, p50;
  guint n_results;

  team = lg_store_open (address, &error);
  g_assert_no_error (error);
  if (kept == NULL)
    {
      g_assert_true (lg_store_copy_into (store, team, on_copy_progress_cb, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (lg_store_exec (team, "ANALYZE", &error));
      g_print ("\nteam workspace (PostgreSQL): copied in %.1f s\n",
               (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
    }
  {
    g_auto(LgSearchStats) stats = { 0 };

    first = search (team, "someone who repairs coffee machines", &stats, &n_results, &cpu);
    g_print ("first search on the team workspace: %.1f ms\n", first);
  }
  printf ("%9s %6s %6s %7s  %s\n", "search ms", "pool", "buyers", "people", "offer");
  for (guint i = 0; i < G_N_ELEMENTS (offers); i++)
    {
      g_auto(LgSearchStats) stats = { 0 };
      double value = search (team, offers[i], &stats, &n_results, &cpu);

      g_array_append_val (ms, value);
      printf ("%9.1f %6u %6u %7u  %s\n", value, stats.candidates - stats.buyer_candidates,
              stats.buyer_candidates, n_results, offers[i]);
    }
  fflush (stdout);
  p50 = percentile (ms, 0.5);
  g_print ("team search top-50 over %u offers: p50 %.1f ms, p95 %.1f ms; "
           "ratio of p50 to SQLite's: %.2f (target <= 3)\n", ms->len, p50,
           percentile (ms, 0.95), sqlite_p50 > 0 ? p50 / sqlite_p50 : 0);
}

int
main (int   argc,
      char *argv[])
{
  const char *keep = g_getenv ("LEADGRAM_BENCH_SEARCH_DB");
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(LgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ours_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) raw = NULL;
  g_autoptr(GPtrArray) queries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) raw_sorted = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  gboolean exists;
  double baseline, first, p50, p95, raw_p50, raw_p95;
  guint n_results;

  g_test_init (&argc, &argv, NULL);

  if (keep != NULL && *keep != '\0')
    path = g_strdup (keep);
  else
    {
      dir = lg_test_make_tmpdir ();
      path = g_build_filename (dir, "bench.db", NULL);
    }
  exists = g_file_test (path, G_FILE_TEST_EXISTS);
  store = lg_store_open (path, &error);
  g_assert_no_error (error);
  if (!exists)
    {
      Corpus corpus;

      corpus_init (&corpus);
      g_print ("corpus: %u English and %u Russian sentences\n", corpus.sentences[0]->len,
               corpus.sentences[1]->len);
      generate (store, &corpus);
      corpus_clear (&corpus);
    }

  /* The messages written here, or kept by a version before the buyer
   * reading, are read once, by the first search: what a user waits for once
   * after an upgrade (or, for the last messages, after a model change). */
  {
    gint64 start = g_get_monotonic_time ();

    g_assert_true (lg_store_read_directions (store, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    g_print ("reading who is a buyer, once: %.1f s\n",
             (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  }

  /* The first search on a file also counts its messages and reads the
   * document frequencies of its words: what a user waits for once. */
  {
    g_auto(LgSearchStats) stats = { 0 };

    double cpu;

    first = search (store, "someone who repairs coffee machines", &stats, &n_results, &cpu);
    g_print ("first search on the file: %.1f ms (CPU %.1f ms)\n", first, cpu);
  }

  /* printf, not g_print: the offers are UTF-8 whatever the locale. */
  printf ("%9s %9s %6s %6s %7s  %s\n", "search ms", "raw ms", "pool", "buyers", "people",
          "offer");
  for (guint i = 0; i < G_N_ELEMENTS (offers); i++)
    {
      g_auto(LgSearchStats) stats = { 0 };
      g_autofree char *dropped = NULL;
      double cpu;
      double ms = search (store, offers[i], &stats, &n_results, &cpu);

      g_array_append_val (ours, ms);
      g_array_append_val (ours_cpu, cpu);
      g_ptr_array_add (queries, g_strdup (stats.query));
      dropped = g_strjoinv (", ", stats.dropped);
      g_ptr_array_add (lines, g_strdup_printf ("%6u %6u %7u  %s%s%s%s",
                                               stats.candidates - stats.buyer_candidates,
                                               stats.buyer_candidates, n_results,
                                               offers[i], *dropped != '\0' ? " (dropped: " : "",
                                               dropped, *dropped != '\0' ? ")" : ""));
    }

  raw = time_raw (path, queries);
  baseline = g_array_index (raw, double, raw->len - 1);
  for (guint i = 0; i < G_N_ELEMENTS (offers); i++)
    {
      double ms = g_array_index (raw, double, i);

      printf ("%9.1f %9.1f %s\n", g_array_index (ours, double, i), ms,
              (char *) g_ptr_array_index (lines, i));
      g_array_append_val (raw_sorted, ms);
    }

  fflush (stdout);
  p50 = percentile (ours, 0.5);
  p95 = percentile (ours, 0.95);
  raw_p50 = percentile (raw_sorted, 0.5);
  raw_p95 = percentile (raw_sorted, 0.95);
  g_print ("\nsearch top-50 over %u offers: p50 %.1f ms, p95 %.1f ms (target p50 <= 50 ms); "
           "CPU p50 %.1f ms, p95 %.1f ms\n", ours->len, p50, p95, percentile (ours_cpu, 0.5),
           percentile (ours_cpu, 0.95));
  g_print ("raw FTS5 bm25 LIMIT 50 (sqlite3 program): p50 %.1f ms, p95 %.1f ms; "
           "SELECT 1: %.1f ms\n", raw_p50, raw_p95, baseline);
  g_print ("ratio of p50: %.2f (target <= 2)\n", raw_p50 > 0 ? p50 / raw_p50 : 0);

  if (g_getenv ("LEADGRAM_PG_BINDIR") != NULL || g_getenv ("LEADGRAM_BENCH_TEAM_DB") != NULL)
    bench_team (store, p50);
  else
    g_print ("PostgreSQL is not installed: the team workspace's half is skipped\n");
  return 0;
}
