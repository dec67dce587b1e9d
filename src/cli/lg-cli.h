/* lg-cli.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "lg-metrics.h"
#include "lg-store.h"

G_BEGIN_DECLS

/* What every command gets: the database path from --db (or the default) and
 * the store, opened on first use. */
typedef struct
{
  char    *db_path;
  gboolean read_only;  /* --read-only */
  LgStore *store;
} LgCli;

/* One subcommand: run() gets argv starting at the command's name and returns the
 * exit status. It reports failures with lg_cli_fail(). */
typedef struct
{
  const char *name;
  const char *args;
  const char *summary;
  int       (*run) (LgCli *cli, int argc, char **argv);
} LgCliCommand;

LgStore *lg_cli_get_store   (LgCli        *cli,
                             GError      **error);
int      lg_cli_fail        (const char   *format,
                             ...) G_GNUC_PRINTF (1, 2);
int      lg_cli_fail_error  (const GError *error);
/* Runs the one of commands that argv[1] names, with argv from that name on;
 * else fails with usage. */
int      lg_cli_run_subcommand (LgCli              *cli,
                                int                 argc,
                                char              **argv,
                                const LgCliCommand *commands,
                                guint               n_commands,
                                const char         *usage);
gboolean lg_cli_parse       (int          *argc,
                             char       ***argv,
                             const char   *command,
                             const char   *args,
                             const char   *summary,
                             const GOptionEntry *entries,
                             GError      **error);
/* Text from other people (an author, a message, a channel's title) as it is
 * safe to print in human-readable output: control characters (C0, DEL and
 * C1) and bytes that are not UTF-8 become visible escapes such as \x1b or
 * \u009b, so a name cannot move the cursor, retitle the terminal or clear
 * it. With keep_lines, newlines and tabs stay (a message's own lines);
 * without, they are escaped too (a table cell, a one-line label). NULL
 * gives "". JSON and CSV output use the text as it is. */
char    *lg_cli_escape      (const char   *text,
                             gboolean      keep_lines);
/* A column of a table printed with lg_cli_print_row(): width in characters,
 * negative to align right; cut long text with "…" (else it overflows). */
typedef struct
{
  int      width;
  gboolean cut;
} LgCliColumn;

/* One row of a table, its n cells one space apart, each escaped as by
 * lg_cli_escape() without keep_lines. Widths count terminal
 * columns, not bytes (a Cyrillic letter is two bytes, a Chinese one two
 * columns): printf's %-20s would misalign them and its %.20s could cut a
 * letter in half. */
void     lg_cli_print_row   (const LgCliColumn  *columns,
                             const char * const *cells,
                             guint               n);
/* What builder built, as indented JSON on standard output. */
void     lg_cli_print_json  (JsonBuilder        *builder);
/* A positive id as a command's argument. */
gboolean lg_cli_parse_id    (const char   *text,
                             gint64       *id);
/* Local time as "2026-11-24 09:00", or none for 0 (never). */
char    *lg_cli_format_time (gint64        unix_time,
                             const char   *none);

/* --from, --to and --currency: the period and currency of a metrics report. */
#define LG_CLI_PERIOD_OPTIONS(from, to, currency) \
  { "from", 0, 0, G_OPTION_ARG_STRING, &(from), \
    N_("First day of the period (default: 89 days before today)"), N_("YYYY-MM-DD") }, \
  { "to", 0, 0, G_OPTION_ARG_STRING, &(to), \
    N_("Last day of the period, included (default: today)"), N_("YYYY-MM-DD") }, \
  { "currency", 0, 0, G_OPTION_ARG_STRING, &(currency), \
    N_("Money figures in this currency (default: the one most costs and deals use)"), \
    N_("CODE") }

/* The report those options ask for (lg-cli-metrics.c), for `metrics` and
 * `export-csv --what metrics`. */
LgMetricsReport *lg_cli_metrics_report (LgCli       *cli,
                                        const char  *from_text,
                                        const char  *to_text,
                                        const char  *currency,
                                        GError     **error);

/* The commands, each in its own file. */
int lg_cli_info (LgCli *cli, int argc, char **argv);
int lg_cli_backup (LgCli *cli, int argc, char **argv);
int lg_cli_copy_workspace (LgCli *cli, int argc, char **argv);
int lg_cli_backups (LgCli *cli, int argc, char **argv);
int lg_cli_restore (LgCli *cli, int argc, char **argv);
int lg_cli_salvage (LgCli *cli, int argc, char **argv);
int lg_cli_metrics (LgCli *cli, int argc, char **argv);

/* Costs (lg-cli-costs.c) */
int lg_cli_cost (LgCli *cli, int argc, char **argv);
int lg_cli_import_costs (LgCli *cli, int argc, char **argv);

/* Sources (lg-cli-sources.c) */
int lg_cli_add_channel     (LgCli *cli, int argc, char **argv);
int lg_cli_add_feed        (LgCli *cli, int argc, char **argv);
int lg_cli_sync            (LgCli *cli, int argc, char **argv);
int lg_cli_import_chat     (LgCli *cli, int argc, char **argv);
int lg_cli_sources         (LgCli *cli, int argc, char **argv);
int lg_cli_messages        (LgCli *cli, int argc, char **argv);

/* CSV (lg-cli-csv.c) */
int lg_cli_import_csv  (LgCli *cli, int argc, char **argv);
int lg_cli_export_csv  (LgCli *cli, int argc, char **argv);
int lg_cli_imports     (LgCli *cli, int argc, char **argv);
int lg_cli_import_undo (LgCli *cli, int argc, char **argv);

/* Leads (lg-cli-leads.c) */
int lg_cli_leads (LgCli *cli, int argc, char **argv);
int lg_cli_lead (LgCli *cli, int argc, char **argv);

/* Follow-ups (lg-cli-followups.c) */
int lg_cli_followups (LgCli *cli, int argc, char **argv);
int lg_cli_followup (LgCli *cli, int argc, char **argv);
/* Search (lg-cli-search.c) */
int lg_cli_search          (LgCli *cli, int argc, char **argv);
int lg_cli_sample          (LgCli *cli, int argc, char **argv);

/* A day (YYYY-MM-DD, its local midnight) or a time in ISO 8601, with or
 * without seconds and zone ("2026-11-24T09:00" is local time). */
gboolean    lg_cli_parse_time    (const char   *text,
                                  gint64       *time,
                                  GError      **error);

G_END_DECLS
