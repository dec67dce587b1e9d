/* bench-team.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Five people on one team workspace at once: five threads, each with its own
 * connection to a throw-away PostgreSQL cluster, moving cards on the board
 * and adding follow-ups for --seconds (60 unless told). Then checks that no
 * write failed and none was lost: every move each made is in its lead's
 * timeline, in order, and the lead is where its last move put it; every
 * follow-up each added is there, on its lead; and no two cards of a column
 * share a place. Prints the operations a second and the errors. Each moves
 * only leads of its own (a lead's timeline then has one order to check
 * against), into the columns all share; the follow-ups go on anyone's
 * leads.
 *
 * As a test (the postgresql suite), it runs 3 s and fails on an error, a
 * lost write or a shared place. Exits 77 where PostgreSQL is not installed.
 */

#include "config.h"

#include "lg-store-private.h"
#include "lg-test-pg.h"
#include "lg-test-util.h"

#define N_USERS 5
/* Each user's own leads to move; the board has N_USERS times as many. */
#define LEADS_EACH 40

typedef struct
{
  gint64  lead_id;
  LgStage from;
  LgStage to;
} Move;

typedef struct
{
  guint   number;
  char   *address;
  gint64  until;     /* monotonic µs */
  gint64  first_id;  /* the board's first lead */
  GArray *moves;     /* of Move, in the order made */
  GHashTable *followups; /* note → lead id */
  guint   operations;
  guint   errors;
  char   *first_error;
} User;

/* The user's i-th own lead: ids are dealt out in turn. */
static gint64
own_lead (User  *user,
          guint  i)
{
  return user->first_id + (gint64) i * N_USERS + user->number;
}

static void
note_error (User   *user,
            GError *error)
{
  user->errors++;
  if (user->first_error == NULL)
    user->first_error = g_strdup (error->message);
}

static gpointer
work (gpointer data)
{
  User *user = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(LgStore) store = lg_store_open (user->address, &error);
  g_autoptr(GRand) rand = g_rand_new_with_seed (user->number + 1);
  LgStage stages[LEADS_EACH];

  g_assert_no_error (error);
  for (guint i = 0; i < LEADS_EACH; i++)
    stages[i] = LG_STAGE_COLD;

  while (g_get_monotonic_time () < user->until)
    {
      g_clear_error (&error);
      if (g_rand_int_range (rand, 0, 3) < 2)
        {
          guint i = g_rand_int_range (rand, 0, LEADS_EACH);
          Move move = { own_lead (user, i), stages[i],
                        (stages[i] + g_rand_int_range (rand, 1, LG_N_STAGES)) % LG_N_STAGES };

          if (lg_store_move_lead (store, move.lead_id, move.to, 0,
                                  move.to == LG_STAGE_LOST ? "Chose another" : NULL, &error))
            {
              g_array_append_val (user->moves, move);
              stages[i] = move.to;
            }
          else
            note_error (user, error);
        }
      else
        {
          g_autoptr(LgFollowup) followup = lg_followup_new ();
          gint64 lead_id = user->first_id + g_rand_int_range (rand, 0, N_USERS * LEADS_EACH);
          char *note = g_strdup_printf ("User %u, follow-up %u", user->number,
                                        g_hash_table_size (user->followups));

          lg_followup_set_lead_id (followup, lead_id);
          lg_followup_set_due_at (followup, 1900000000 + user->operations);
          lg_followup_set_kind (followup, "call");
          lg_followup_set_note (followup, note);
          if (lg_store_add_followup (store, followup, &error))
            g_hash_table_insert (user->followups, note, GINT_TO_POINTER (lead_id));
          else
            {
              note_error (user, error);
              g_free (note);
            }
        }
      user->operations++;
    }
  return NULL;
}

/* The moves and follow-ups the user made that the database lacks. */
static guint
count_lost (LgStore *store,
            User    *user)
{
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer note, lead_id;
  guint lost = 0;
  LgStmt *stmt;

  for (guint i = 0; i < LEADS_EACH; i++)
    {
      gint64 id = own_lead (user, i);
      const char *last = "cold";
      gboolean broken = FALSE;
      guint seen = 0;
      int rc;

      /* The lead's timeline, in order, is the user's moves of it. */
      stmt = lg_store_prepare (store, "SELECT old_value, new_value FROM activities "
                                      "WHERE lead_id = ? AND kind = 'stage' ORDER BY id",
                               &error);
      g_assert_no_error (error);
      lg_stmt_bind_int64 (stmt, 1, id);
      for (guint m = 0; m < user->moves->len; m++)
        {
          Move *move = &g_array_index (user->moves, Move, m);

          if (move->lead_id != id)
            continue;
          seen++;
          last = lg_stage_id (move->to);
          rc = lg_stmt_step (stmt);
          if (rc != SQLITE_ROW ||
              g_strcmp0 (lg_stmt_text (stmt, 0), lg_stage_id (move->from)) != 0 ||
              g_strcmp0 (lg_stmt_text (stmt, 1), lg_stage_id (move->to)) != 0)
            {
              g_printerr ("lead %" G_GINT64_FORMAT ": move %u (%s → %s) is not in its "
                          "timeline\n", id, seen, lg_stage_id (move->from),
                          lg_stage_id (move->to));
              broken = TRUE;
              lost++;
              break;
            }
        }
      if (!broken && lg_stmt_step (stmt) == SQLITE_ROW)
        {
          g_printerr ("lead %" G_GINT64_FORMAT ": its timeline has a move no one made\n", id);
          lost++;
        }
      lg_stmt_reset (stmt);

      stmt = lg_store_prepare (store, "SELECT stage FROM leads WHERE id = ?", &error);
      g_assert_no_error (error);
      lg_stmt_bind_int64 (stmt, 1, id);
      g_assert_cmpint (lg_stmt_step (stmt), ==, SQLITE_ROW);
      if (g_strcmp0 (lg_stmt_text (stmt, 0), last) != 0)
        {
          g_printerr ("lead %" G_GINT64_FORMAT " is in %s, where its last move put it in %s\n",
                      id, lg_stmt_text (stmt, 0), last);
          lost++;
        }
      lg_stmt_reset (stmt);
    }

  stmt = lg_store_prepare (store, "SELECT count(*) FROM followups WHERE note = ? AND lead_id = ?",
                           &error);
  g_assert_no_error (error);
  g_hash_table_iter_init (&iter, user->followups);
  while (g_hash_table_iter_next (&iter, &note, &lead_id))
    {
      lg_stmt_bind_text (stmt, 1, note);
      lg_stmt_bind_int64 (stmt, 2, GPOINTER_TO_INT (lead_id));
      g_assert_cmpint (lg_stmt_step (stmt), ==, SQLITE_ROW);
      if (lg_stmt_column_int64 (stmt, 0) != 1)
        {
          g_printerr ("“%s” is not there once\n", (const char *) note);
          lost++;
        }
      lg_stmt_reset (stmt);
    }
  return lost;
}

int
main (int   argc,
      char *argv[])
{
  int seconds = 60;
  GOptionEntry entries[] = {
    { "seconds", 0, 0, G_OPTION_ARG_INT, &seconds, "How long the users work", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LgStore) store = NULL;
  g_autofree char *address = NULL;
  User users[N_USERS] = { 0 };
  GThread *threads[N_USERS];
  guint operations = 0, moves = 0, followups = 0, errors = 0, lost = 0;
  gint64 start, took, shared;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (!lg_test_pg_available ())
    {
      g_print ("skipped: PostgreSQL's server programs (initdb) are not installed "
               "(build-aux/setup.sh installs postgresql-15)\n");
      return 77;
    }

  address = lg_test_pg_new_database ();
  store = lg_store_open (address, &error);
  g_assert_no_error (error);
  g_assert_true (lg_store_begin (store, &error));
  for (guint i = 0; i < N_USERS * LEADS_EACH; i++)
    {
      g_autoptr(LgLead) lead = lg_lead_new ();
      g_autofree char *name = g_strdup_printf ("Lead %u", i);

      lg_lead_set_name (lead, name);
      lg_lead_set_stage (lead, "cold");
      g_assert_true (lg_store_add_lead (store, lead, &error));
      g_assert_no_error (error);
      if (i == 0)
        users[0].first_id = lg_lead_get_id (lead);
    }
  g_assert_true (lg_store_commit (store, &error));

  start = g_get_monotonic_time ();
  for (guint u = 0; u < N_USERS; u++)
    {
      users[u].number = u;
      users[u].address = address;
      users[u].until = start + (gint64) seconds * G_USEC_PER_SEC;
      users[u].first_id = users[0].first_id;
      users[u].moves = g_array_new (FALSE, FALSE, sizeof (Move));
      users[u].followups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      threads[u] = g_thread_new ("user", work, &users[u]);
    }
  for (guint u = 0; u < N_USERS; u++)
    g_thread_join (threads[u]);
  took = g_get_monotonic_time () - start;

  for (guint u = 0; u < N_USERS; u++)
    {
      operations += users[u].operations;
      moves += users[u].moves->len;
      followups += g_hash_table_size (users[u].followups);
      errors += users[u].errors;
      if (users[u].first_error != NULL)
        g_printerr ("user %u's first error: %s\n", u, users[u].first_error);
      lost += count_lost (store, &users[u]);
    }

  g_print ("%d users on one team workspace for %.1f s: %u operations (%u moves, %u follow-ups), "
           "%.0f a second\n", N_USERS, took / (double) G_USEC_PER_SEC, operations, moves,
           followups, operations / (took / (double) G_USEC_PER_SEC));
  /* What two moves to a column's end at once would leave if each read the
   * last place before the other wrote: two cards in one place. */
  shared = lg_test_query_int (store, "SELECT count(*) FROM (SELECT 1 FROM leads "
                                     "GROUP BY stage, position HAVING count(*) > 1) AS shared");
  g_print ("errors: %u; writes lost: %u; places in a column held by two leads: %"
           G_GINT64_FORMAT "\n", errors, lost, shared);

  for (guint u = 0; u < N_USERS; u++)
    {
      g_array_unref (users[u].moves);
      g_hash_table_unref (users[u].followups);
      g_free (users[u].first_error);
    }
  return errors == 0 && lost == 0 && shared == 0 && moves > 0 && followups > 0 ? 0 : 1;
}
