/* lg-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * leadgram-cli: the core from a terminal, for scripts, cron jobs and tests.
 */

#define G_LOG_DOMAIN "lg-cli"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "lg-cli.h"
#include "lg-format.h"
#include "lg-i18n.h"
#include "lg-metrics-format.h"

static const LgCliCommand commands[] = {
  { "info", "", N_("Show the database path, schema version and row counts"), lg_cli_info },
  { "backup", "FILE", N_("Save a copy of the whole database"), lg_cli_backup },
  { "copy-workspace", "TARGET",
    N_("Copy everything into an empty workspace: a team’s (postgresql://HOST/DATABASE) "
       "or a new file"), lg_cli_copy_workspace },
  { "backups", "[--take]", N_("List the automatic daily backups, or take today’s"),
    lg_cli_backups },
  { "restore", "BACKUP", N_("Put a backup in the database’s place (quit Leadgram first)"),
    lg_cli_restore },
  { "salvage", "FILE", N_("Save what can still be read of a damaged database into a new one"),
    lg_cli_salvage },
  { "metrics", "", N_("Show the lead-generation figures for a period"), lg_cli_metrics },
  { "cost", "add|list|edit|remove …",
    N_("Record what a source cost in a month, list the costs, change or remove one"),
    lg_cli_cost },
  { "import-costs", N_("FILE [--currency CODE]"),
    N_("Import an ad platform’s spend report (Meta, Google Ads, TikTok, LinkedIn) as costs per "
       "campaign"), lg_cli_import_costs },
  { "add-channel", N_("NAME [--depth N]"), N_("Add a public Telegram channel and read its messages"),
    lg_cli_add_channel },
  { "add-feed", N_("URL|reddit:NAME[?WORDS]|mastodon:SERVER/TAG|discourse:URL|hn:WORDS"),
    N_("Add a feed (RSS, Atom, JSON Feed, a subreddit, a Mastodon tag, a forum, a Hacker News "
       "search) and read it"), lg_cli_add_feed },
  { "sync", N_("[NAME|--all]"), N_("Read what is new in one channel or feed, or in all of them"),
    lg_cli_sync },
  { "import-chat", N_("FILE [--date-order dmy|mdy]"),
    N_("Import a chat export: Telegram Desktop (result.json), WhatsApp "
       "(.txt or .zip), DiscordChatExporter (.json, or a folder of them) or "
       "Slack (.zip, or its folder)"),
    lg_cli_import_chat },
  { "import-telegram", N_("FILE"), N_("The same as import-chat (its old name)"),
    lg_cli_import_chat },
  { "sources", "", N_("List the sources"), lg_cli_sources },
  { "messages", N_("[--source NAME] [--limit N] [--json]"), N_("Show the newest messages"),
    lg_cli_messages },
  { "import-csv", "FILE", N_("Import leads from a CSV file"), lg_cli_import_csv },
  { "export-csv", "FILE", N_("Export leads, search results or metrics to CSV"),
    lg_cli_export_csv },
  { "imports", "", N_("List the CSV imports"), lg_cli_imports },
  { "import-undo", "ID", N_("Undo a CSV import"), lg_cli_import_undo },
  { "leads", "[--stage S] [--json|--csv]", N_("List the leads of the pipeline"), lg_cli_leads },
  { "lead", "add|move|show|touch|draft|stay-in-touch …",
    N_("Add a lead, move it, show it, mark it contacted, draft a first message to it, or keep in "
       "touch with it"), lg_cli_lead },
  { "followups", "", N_("List the open follow-ups (--overdue, --today, --upcoming, --json)"),
    lg_cli_followups },
  { "followup", "add|done", N_("Schedule a follow-up (add) or mark one done (done)"),
    lg_cli_followup },
  { "search", N_("--offer TEXT [--must W]… [--exclude W]… [--source NAME]… [--kind KIND]… "
                 "[--since DATE] [--min-score N] [--limit N] [--json|--csv]"),
    N_("Find the people who want what you sell, best first"), lg_cli_search },
  { "sample", N_("load|remove"), N_("Open or remove the sample workspace"), lg_cli_sample },
};

int
lg_cli_fail (const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("leadgram-cli: %s\n", message);
  return 1;
}

int
lg_cli_fail_error (const GError *error)
{
  return lg_cli_fail ("%s", error->message);
}

int
lg_cli_run_subcommand (LgCli              *cli,
                       int                 argc,
                       char              **argv,
                       const LgCliCommand *subcommands,
                       guint               n_commands,
                       const char         *usage)
{
  if (argc >= 2)
    for (guint i = 0; i < n_commands; i++)
      if (g_strcmp0 (argv[1], subcommands[i].name) == 0)
        return subcommands[i].run (cli, argc - 1, argv + 1);

  return lg_cli_fail ("%s", usage);
}

char *
lg_cli_escape (const char *text,
               gboolean    keep_lines)
{
  GString *escaped;
  const char *p;
  const char *end;

  if (text == NULL)
    return g_strdup ("");

  escaped = g_string_sized_new (strlen (text));
  p = text;
  end = text + strlen (text);
  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* Not UTF-8: the byte as it is would reach the terminal raw. */
          g_string_append_printf (escaped, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }
      if ((c < 0x20 && !(keep_lines && (c == '\n' || c == '\t'))) || c == 0x7f)
        g_string_append_printf (escaped, "\\x%02x", c);
      else if (c >= 0x80 && c <= 0x9f)
        g_string_append_printf (escaped, "\\u%04x", c);
      else
        g_string_append_len (escaped, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (escaped, FALSE);
}

/* Columns a character takes in a terminal: two for wide ones (CJK, most
 * emoji), none for combining marks. */
static glong
char_columns (gunichar c)
{
  if (g_unichar_iszerowidth (c))
    return 0;
  return g_unichar_iswide (c) ? 2 : 1;
}

/* Text's columns; with limit > 0, *end is where the text must stop for the
 * rest to fit in limit columns with "…" after it. */
static glong
text_columns (const char  *text,
              glong        limit,
              const char **end)
{
  glong columns = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      glong c = char_columns (g_utf8_get_char (p));

      if (end != NULL && columns + c <= limit - 1)
        *end = g_utf8_next_char (p);
      columns += c;
    }
  return columns;
}

void
lg_cli_print_row (const LgCliColumn  *columns,
                  const char * const *cells,
                  guint               n)
{
  g_autoptr(GString) line = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *safe = lg_cli_escape (cells[i], FALSE);
      const char *text = safe;
      const char *end = text;
      glong width = ABS (columns[i].width);
      glong length = text_columns (text, width, &end);
      g_autofree char *shortened = NULL;

      if (columns[i].cut && length > width && width > 0)
        {
          g_autofree char *head = g_strndup (text, end - text);

          shortened = g_strconcat (head, "…", NULL);
          text = shortened;
          length = text_columns (text, 0, NULL);
        }
      if (i > 0)
        g_string_append_c (line, ' ');
      if (columns[i].width < 0)
        g_string_append_printf (line, "%*s", (int) MAX (0, width - length), "");
      g_string_append (line, text);
      if (columns[i].width > 0)
        g_string_append_printf (line, "%*s", (int) MAX (0, width - length), "");
    }
  /* No spaces at the end of the line, whatever the last cells held. */
  g_print ("%s\n", g_strchomp (line->str));
}

void
lg_cli_print_json (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = json_to_string (root, TRUE);

  g_print ("%s\n", text);
}

gboolean
lg_cli_parse_id (const char *text,
                 gint64     *id)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = (gint64) value;
  return TRUE;
}

char *
lg_cli_format_time (gint64      unix_time,
                    const char *none)
{
  g_autoptr(GDateTime) time = NULL;

  if (unix_time <= 0)
    return g_strdup (none);
  time = g_date_time_new_from_unix_local (unix_time);
  return g_date_time_format (time, "%Y-%m-%d %H:%M");
}

LgStore *
lg_cli_get_store (LgCli   *cli,
                  GError **error)
{
  if (cli->store == NULL)
    cli->store = cli->read_only ? lg_store_open_read_only (cli->db_path, error)
                                : lg_store_open (cli->db_path, error);
  return cli->store;
}

/* Parses a command's own options; --help prints them with the summary. */
gboolean
lg_cli_parse (int                 *argc,
              char              ***argv,
              const char          *command,
              const char          *args,
              const char          *summary,
              const GOptionEntry  *entries,
              GError             **error)
{
  g_autofree char *parameter = g_strdup_printf ("%s %s", command, args);
  g_autoptr(GOptionContext) context = g_option_context_new (parameter);

  g_option_context_set_summary (context, _(summary));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  return g_option_context_parse (context, argc, argv, error);
}

static char *
describe_commands (void)
{
  GString *text = g_string_new (_("Commands:"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "\n  %-16s %s", commands[i].name, _(commands[i].summary));
  g_string_append (text, "\n\n");
  g_string_append (text, _("Run “leadgram-cli COMMAND --help” for a command’s options."));
  return g_string_free (text, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db_path = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  gboolean version = FALSE, read_only = FALSE;
  LgCli cli = { 0 };
  int status;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("Use the database at PATH (default: $LEADGRAM_DB, or the user data folder)"),
      N_("PATH") },
    { "read-only", 0, 0, G_OPTION_ARG_NONE, &read_only,
      N_("Only read the database, never change it (to look at a backup)"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Show the version"), NULL },
    { NULL }
  };

  lg_i18n_init ();

  context = g_option_context_new (_("COMMAND [OPTIONS…]"));
  description = describe_commands ();
  g_option_context_set_summary (context, _("Leadgram from a terminal: find leads in public "
                                           "conversations and manage them."));
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* Options after the command name belong to the command. */
  g_option_context_set_strict_posix (context, TRUE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return lg_cli_fail_error (error);

  if (version)
    {
      g_print ("leadgram-cli %s\n", VERSION);
      return 0;
    }

  if (argc < 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return 2;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_strcmp0 (argv[1], commands[i].name) != 0)
        continue;

      cli.db_path = db_path != NULL ? lg_store_resolve_path (db_path)
                                    : lg_store_default_path ();
      cli.read_only = read_only;
      status = commands[i].run (&cli, argc - 1, argv + 1);
      g_clear_object (&cli.store);
      g_free (cli.db_path);
      return status;
    }

  return lg_cli_fail (_("unknown command “%s”; run “leadgram-cli --help” for the list"), argv[1]);
}

/* GLib wants seconds; people write 2026-11-24T09:00 or "2026-11-24 09:00". */
static char *
complete_iso8601 (const char *text)
{
  GString *complete = g_string_new (text);
  const char *separator = strpbrk (text, "T ");

  if (separator != NULL)
    {
      gsize time_start = separator - text + 1;

      complete->str[time_start - 1] = 'T';
      if (complete->len >= time_start + 5 && complete->str[time_start + 2] == ':' &&
          complete->str[time_start + 5] != ':')
        g_string_insert (complete, time_start + 5, ":00");
    }
  return g_string_free (complete, FALSE);
}

gboolean
lg_cli_parse_time (const char  *text,
                   gint64      *time,
                   GError     **error)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autoptr(GDateTime) parsed = NULL;

  if (text != NULL)
    {
      g_autofree char *complete = complete_iso8601 (text);

      parsed = g_date_time_new_from_iso8601 (complete, local);
      /* A day alone is its local midnight. */
      if (parsed == NULL && lg_parse_date (text, local, time, NULL))
        return TRUE;
    }
  if (parsed == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("“%s” is not a date and time; give one in ISO 8601, "
                     "e.g. 2026-11-24T09:00 (local time) or 2026-11-24T08:00Z"),
                   text != NULL ? text : "");
      return FALSE;
    }

  *time = g_date_time_to_unix (parsed);
  return TRUE;
}
