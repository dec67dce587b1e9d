/* lg-gen-insights.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "lg-gen-insights.h"
#include "lg-store-private.h"

#define DAY 86400
#define HOUR 3600

/* Each source has its own character: how many leads it brings, how well they
 * convert, how large the deals are, what it costs a month. */
typedef struct
{
  const char *kind;
  const char *handle;
  const char *title;
  double      share;      /* of the leads */
  double      advance;    /* chance to move one stage further */
  double      win;        /* chance a Hot lead is won rather than lost */
  gint64      deal;       /* typical deal, minor units */
  gint64      monthly;    /* cost a month, minor units; 0 = free */
  gboolean    found;      /* leads come from messages a search found */
} SourceSpec;

static const SourceSpec specs[] = {
  { "telegram_channel", "dentistry_chat", "Dentistry Chat", 0.30, 0.55, 0.45, 180000, 150000, TRUE },
  { "telegram_channel", "smb_owners", "SMB Owners", 0.25, 0.45, 0.30, 90000, 120000, TRUE },
  { "telegram_channel", "clinic_managers", "Clinic Managers", 0.15, 0.60, 0.55, 320000, 350000, TRUE },
  { "telegram_export", "startups_saas", "Startups & SaaS", 0.15, 0.35, 0.25, 60000, 0, TRUE },
  { "csv", "crm_import", "CRM Import", 0.08, 0.40, 0.35, 120000, 0, FALSE },
  { "manual", "referrals", "Referrals", 0.07, 0.70, 0.65, 250000, 0, FALSE },
};

static const char *stages[] = { "cold", "warm", "hot", "won", "lost" };

static double
gauss (GRand *rand)
{
  /* Box–Muller */
  double u = g_rand_double_range (rand, 1e-9, 1.0);
  double v = g_rand_double (rand);

  return sqrt (-2.0 * log (u)) * cos (2 * G_PI * v);
}

static gboolean
add_messages (LgStore             *store,
              const LgGenOptions  *options,
              gint64               span,
              GError             **error)
{
  g_autofree char *sql = NULL;

  if (options->n_messages == 0)
    return TRUE;

  /* Four message sources; short texts (the search does not matter here). */
  sql = g_strdup_printf ("WITH RECURSIVE c (x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                         "WHERE x < %u) "
                         "INSERT INTO messages (source_id, external_id, author_name, sent_at, text) "
                         "SELECT 1 + x %% 4, x, 'Author ' || (x %% 997), "
                         "%" G_GINT64_FORMAT " + (x * 7919) %% %" G_GINT64_FORMAT ", "
                         "'does anyone know a good crm for a small clinic, message ' || x FROM c",
                         options->n_messages, options->now - span, span);
  return lg_store_exec (store, sql, error);
}

static gboolean
add_costs (LgStore             *store,
           const LgGenOptions  *options,
           GRand               *rand,
           GError             **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (options->now);
  g_autoptr(GDateTime) month = g_date_time_new_utc (g_date_time_get_year (now),
                                                    g_date_time_get_month (now), 1, 0, 0, 0);

  for (guint m = 0; m <= options->months; m++)
    {
      g_autoptr(GDateTime) start = g_date_time_add_months (month, -(int) m);
      g_autoptr(GDateTime) end = g_date_time_add_months (start, 1);

      for (guint s = 0; s < G_N_ELEMENTS (specs); s++)
        {
          gint64 amount;

          if (specs[s].monthly == 0)
            continue;
          /* Ad spend moves from month to month. */
          amount = specs[s].monthly * g_rand_double_range (rand, 0.85, 1.15);
          amount -= amount % 100;
          if (lg_store_add_cost (store, s + 1, g_date_time_to_unix (start),
                                 g_date_time_to_unix (end), amount, "USD",
                                 s == 2 ? "Paid partnership" : "Ads", error) == 0)
            return FALSE;
        }
    }
  return TRUE;
}

static guint
pick_source (GRand *rand)
{
  double r = g_rand_double (rand), sum = 0;

  for (guint s = 0; s < G_N_ELEMENTS (specs); s++)
    {
      sum += specs[s].share;
      if (r < sum)
        return s;
    }
  return G_N_ELEMENTS (specs) - 1;
}

static gboolean
add_leads (LgStore             *store,
           const LgGenOptions  *options,
           gint64               span,
           GRand               *rand,
           GError             **error)
{
  LgStmt *stmt;

  stmt = lg_store_prepare (store,
                           "INSERT INTO leads (name, telegram_handle, stage, furthest_stage, value, "
                           "currency, score, source_id, message_id, position, created_at, found_at, "
                           "message_at, first_touch_at, last_touch_at, closed_at, lost_reason) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
                           "?14, ?15, ?16)",
                           error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < options->n_leads; i++)
    {
      guint s = pick_source (rand);
      const SourceSpec *spec = &specs[s];
      /* Business grows: later months bring more leads (sqrt skews to recent). */
      gint64 created = options->now - span + (gint64) (sqrt (g_rand_double (rand)) * span);
      gint64 age = options->now - created;
      gint64 found = spec->found ? created - g_rand_int_range (rand, 60, 6 * HOUR) : 0;
      gint64 message = spec->found ? found - (gint64) (HOUR * exp (1.5 + gauss (rand))) : 0;
      gint64 touch = 0, closed = 0;
      guint reach = 0;
      const char *stage;
      g_autofree char *name = g_strdup_printf ("Lead %u", i + 1);
      g_autofree char *handle = g_strdup_printf ("lead_%u", i + 1);

      /* Most leads get a first touch: hours after they were found, a few days at worst. */
      if (g_rand_double (rand) < 0.85)
        touch = MIN (options->now, created + (gint64) (HOUR * exp (0.8 + 1.1 * gauss (rand))));

      /* Young leads have not gone far yet. */
      while (reach < 2 && touch > 0 &&
             g_rand_double (rand) < spec->advance * MIN (1.0, age / (10.0 * DAY)))
        reach++;
      if (reach == 2 && age > 7 * DAY && g_rand_double (rand) < 0.8)
        {
          reach = g_rand_double (rand) < spec->win ? 3 : 4;
          closed = created + g_rand_int_range (rand, 2 * DAY, MAX (2 * DAY + 1, MIN (age, 60 * DAY)));
        }
      else if (reach < 2 && age > 45 * DAY && g_rand_double (rand) < 0.5)
        {
          reach = 4;  /* went cold for good */
          closed = created + 30 * DAY;
        }
      stage = stages[reach];

      lg_stmt_bind_string (stmt, 1, name, -1, SQLITE_TRANSIENT);
      lg_stmt_bind_string (stmt, 2, handle, -1, SQLITE_TRANSIENT);
      lg_stmt_bind_string (stmt, 3, stage, -1, SQLITE_STATIC);
      /* A lost lead's furthest stage is where it was lost from. */
      lg_stmt_bind_string (stmt, 4, reach == 4 ? (closed - created > 29 * DAY ? "cold" : "hot") : stage,
                         -1, SQLITE_STATIC);
      lg_stmt_bind_int64 (stmt, 5, (gint64) (spec->deal * exp (0.4 * gauss (rand))) / 100 * 100);
      /* A few deals of the clinic partnership are paid in euros. */
      lg_stmt_bind_string (stmt, 6, s == 2 && g_rand_double (rand) < 0.05 ? "EUR" : "USD", -1,
                         SQLITE_STATIC);
      lg_stmt_bind_int (stmt, 7, g_rand_int_range (rand, 20, 99));
      lg_stmt_bind_int64 (stmt, 8, s + 1);
      if (spec->found && options->n_messages > 4)
        lg_stmt_bind_int64 (stmt, 9, 1 + g_rand_int_range (rand, 0, options->n_messages));
      else
        lg_stmt_bind_null (stmt, 9);
      lg_stmt_bind_double (stmt, 10, i);
      lg_stmt_bind_int64 (stmt, 11, created);
      lg_stmt_bind_int64 (stmt, 12, found);
      lg_stmt_bind_int64 (stmt, 13, message);
      lg_stmt_bind_int64 (stmt, 14, touch);
      lg_stmt_bind_int64 (stmt, 15, closed);
      if (reach == 4)
        lg_stmt_bind_string (stmt, 16, "Chose another vendor", -1, SQLITE_STATIC);
      else
        lg_stmt_bind_null (stmt, 16);

      if (lg_stmt_step (stmt) != SQLITE_DONE)
        {
          lg_store_set_error (store, error, "Could not add a generated lead");
          lg_stmt_reset (stmt);
          return FALSE;
        }
      lg_stmt_reset (stmt);
    }
  return TRUE;
}

gboolean
lg_gen_insights (LgStore             *store,
                 const LgGenOptions  *options,
                 GError             **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (options->seed);
  gint64 span = (gint64) options->months * 30 * DAY;

  if (!lg_store_begin (store, error))
    return FALSE;

  for (guint s = 0; s < G_N_ELEMENTS (specs); s++)
    {
      g_autoptr(LgSource) source = lg_source_new ();

      lg_source_set_kind (source, specs[s].kind);
      lg_source_set_handle (source, specs[s].handle);
      lg_source_set_title (source, specs[s].title);
      if (!lg_store_add_source (store, source, error))
        goto fail;
    }

  if (!add_messages (store, options, span, error) ||
      !add_costs (store, options, rand, error) ||
      !add_leads (store, options, span, rand, error))
    goto fail;

  return lg_store_commit (store, error);

fail:
  lg_store_rollback (store);
  return FALSE;
}
