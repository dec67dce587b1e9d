/* lg-whatsapp-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A WhatsApp export is lines: a message starts with its date and time as
 * the phone's locale writes them ("12/31/23, 9:41 PM - Name: text",
 * "[31.12.23, 21:41:05] Name: text", "2023/12/31, 21:41 - …"), and any line
 * that does not is the previous message's next line. The line parser below
 * is written out by hand rather than as a regular expression: it is the
 * whole cost of reading the file, and every message meets it twice.
 */

#define G_LOG_DOMAIN "lg-whatsapp-export"

#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lg-sources.h"
#include "lg-whatsapp-export.h"

/* Reading: a .txt, or the chat's .txt inside a zip, a line at a time. */

#define READ_SIZE (256 * 1024)

typedef struct
{
  GInputStream   *stream;
  struct archive *archive;
  char           *buf;
  gsize           capacity;
  gsize           start;    /* the next line begins here */
  gsize           end;      /* bytes in buf */
  gboolean        eof;
  guint64         consumed; /* bytes before buf[start] */
  guint64         total;    /* the chat's size, 0 when unknown */
  guint           line;     /* the number of the line last returned */
} Input;

static void
input_clear (Input *in)
{
  g_clear_object (&in->stream);
  g_clear_pointer (&in->archive, archive_read_free);
  g_clear_pointer (&in->buf, g_free);
}

static gboolean
is_zip (const char *head,
        gsize       length)
{
  return length >= 4 && memcmp (head, "PK\3\4", 4) == 0;
}

static gboolean
is_root_txt (const char *name)
{
  return strchr (name, '/') == NULL && g_str_has_suffix (name, ".txt");
}

static struct archive *
open_archive (const char  *path,
              GError     **error)
{
  struct archive *archive = archive_read_new ();

  archive_read_support_format_zip (archive);
  if (archive_read_open_filename (archive, path, READ_SIZE) != ARCHIVE_OK)
    {
      g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_EXPORT,
                   _("the zip file cannot be opened (%s)"), archive_error_string (archive));
      archive_read_free (archive);
      return NULL;
    }
  return archive;
}

/* The chat in a zip: "_chat.txt" (iPhone), "WhatsApp Chat with NAME.txt"
 * (Android, in the phone's language), or else its only .txt at the top. */
static char *
find_chat_entry (const char  *path,
                 GError     **error)
{
  struct archive *archive = open_archive (path, error);
  struct archive_entry *entry;
  g_autofree char *only = NULL;
  guint n_txt = 0;
  int status;

  if (archive == NULL)
    return NULL;

  while ((status = archive_read_next_header (archive, &entry)) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname (entry);

      if (name == NULL || !is_root_txt (name))
        continue;
      if (strcmp (name, "_chat.txt") == 0 || strstr (name, "WhatsApp") != NULL)
        {
          char *found = g_strdup (name);

          archive_read_free (archive);
          return found;
        }
      n_txt++;
      g_free (only);
      only = g_strdup (name);
    }

  if (status != ARCHIVE_EOF)
    g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_EXPORT,
                 _("the zip file is damaged (%s)"), archive_error_string (archive));
  else if (n_txt != 1)
    g_set_error_literal (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_UNKNOWN_EXPORT,
                         _("there is no WhatsApp chat (a .txt file) in it"));
  archive_read_free (archive);
  return status == ARCHIVE_EOF && n_txt == 1 ? g_steal_pointer (&only) : NULL;
}

/* Opens the file, or its chat entry (entry) when it is a zip. */
static gboolean
input_open (Input       *in,
            const char  *path,
            const char  *entry_name,
            GError     **error)
{
  *in = (Input) { 0 };
  in->capacity = READ_SIZE;
  in->buf = g_malloc (in->capacity);

  if (entry_name == NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GFileInfo) info = NULL;

      in->stream = G_INPUT_STREAM (g_file_read (file, NULL, error));
      if (in->stream == NULL)
        return FALSE;
      info = g_file_input_stream_query_info (G_FILE_INPUT_STREAM (in->stream),
                                             G_FILE_ATTRIBUTE_STANDARD_SIZE, NULL, NULL);
      if (info != NULL)
        in->total = g_file_info_get_size (info);
      return TRUE;
    }

  in->archive = open_archive (path, error);
  if (in->archive == NULL)
    return FALSE;
  for (;;)
    {
      struct archive_entry *entry;
      int status = archive_read_next_header (in->archive, &entry);

      if (status != ARCHIVE_OK)
        {
          g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_EXPORT,
                       _("the zip file is damaged (%s)"),
                       status == ARCHIVE_EOF ? _("the chat is gone")
                                             : archive_error_string (in->archive));
          return FALSE;
        }
      if (g_strcmp0 (archive_entry_pathname (entry), entry_name) == 0)
        {
          in->total = archive_entry_size_is_set (entry) ? archive_entry_size (entry) : 0;
          return TRUE;
        }
    }
}

static gboolean
input_fill (Input   *in,
            GError **error)
{
  gssize n;

  /* What is left of a line moves to the front; a line longer than the
   * buffer makes it grow, so memory follows the longest message, not the
   * file. */
  if (in->start > 0)
    {
      memmove (in->buf, in->buf + in->start, in->end - in->start);
      in->consumed += in->start;
      in->end -= in->start;
      in->start = 0;
    }
  if (in->capacity - in->end < READ_SIZE / 2)
    {
      in->capacity *= 2;
      in->buf = g_realloc (in->buf, in->capacity);
    }

  if (in->stream != NULL)
    n = g_input_stream_read (in->stream, in->buf + in->end, in->capacity - in->end, NULL, error);
  else
    {
      n = archive_read_data (in->archive, in->buf + in->end, in->capacity - in->end);
      if (n < 0)
        g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_EXPORT,
                     _("the zip file is damaged (%s)"), archive_error_string (in->archive));
    }
  if (n < 0)
    return FALSE;
  if (n == 0)
    in->eof = TRUE;
  in->end += n;
  return TRUE;
}

/* The next line, without its line break; FALSE at the end or on an error. */
static gboolean
input_next_line (Input       *in,
                 const char **line,
                 gsize       *length,
                 GError     **error)
{
  for (;;)
    {
      char *newline = memchr (in->buf + in->start, '\n', in->end - in->start);

      if (newline != NULL || (in->eof && in->end > in->start))
        {
          gsize stop = newline != NULL ? (gsize) (newline - in->buf) : in->end;

          *line = in->buf + in->start;
          *length = stop - in->start;
          if (*length > 0 && (*line)[*length - 1] == '\r')
            (*length)--;
          in->start = newline != NULL ? stop + 1 : stop;
          in->line++;
          return TRUE;
        }
      if (in->eof || !input_fill (in, error))
        return FALSE;
    }
}

static double
input_fraction (Input *in)
{
  return in->total > 0 ? MIN (1.0, (double) (in->consumed + in->start) / in->total) : 0;
}

/* The line parser. */

typedef struct
{
  guint n1, n2, n3;    /* the date's numbers as written */
  gboolean year_first; /* 2023/12/31 */
  guint style;         /* how the date is set off from the rest: a Style */
  guint hour, minute, second;
  gsize body;          /* where the author or the system line begins */
} Header;

/* A file sets its dates off from the rest of a line one way; the other
 * ways found in it are lines of messages that begin with a date. */
typedef enum
{
  STYLE_BRACKETS, /* [date time] name: text */
  STYLE_DASH,     /* date time - name: text */
  STYLE_COLON,    /* date time: name: text */
  STYLE_SPACE,    /* date time name: text */
  N_STYLES
} Style;

/* Marks that WhatsApp puts before dates, names and texts: left-to-right and
 * right-to-left marks, embeddings and isolates, byte order marks. */
static gsize
skip_marks (const char *p,
            const char *end)
{
  const char *start = p;

  while (end - p >= 3)
    {
      const guchar *u = (const guchar *) p;

      if ((u[0] == 0xe2 && u[1] == 0x80 && (u[2] == 0x8e || u[2] == 0x8f ||
                                             (u[2] >= 0xaa && u[2] <= 0xae))) ||
          (u[0] == 0xe2 && u[1] == 0x81 && u[2] >= 0xa6 && u[2] <= 0xa9) ||
          (u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf))
        p += 3;
      else
        break;
    }
  return p - start;
}

/* Spaces between a time and its AM/PM: plain, no-break (U+00A0), narrow
 * no-break (U+202F). */
static gsize
skip_spaces (const char *p,
             const char *end)
{
  const char *start = p;

  for (;;)
    {
      if (p < end && *p == ' ')
        p++;
      else if (end - p >= 2 && (guchar) p[0] == 0xc2 && (guchar) p[1] == 0xa0)
        p += 2;
      else if (end - p >= 3 && (guchar) p[0] == 0xe2 && (guchar) p[1] == 0x80 &&
               (guchar) p[2] == 0xaf)
        p += 3;
      else
        return p - start;
    }
}

static gboolean
read_number (const char **p,
             const char  *end,
             guint        max_digits,
             guint       *value,
             guint       *digits)
{
  *value = 0;
  *digits = 0;
  while (*p < end && g_ascii_isdigit (**p) && *digits < max_digits)
    {
      *value = *value * 10 + (**p - '0');
      (*p)++;
      (*digits)++;
    }
  return *digits > 0 && !(*p < end && g_ascii_isdigit (**p));
}

/* AM or PM in any of the spellings phones use: AM, am, a.m., a. m. (with a
 * no-break space), a.m; 1 for AM, 2 for PM, 0 when there is none. */
static guint
read_meridiem (const char **p,
               const char  *end)
{
  const char *q = *p + skip_spaces (*p, end);
  guint meridiem;

  if (q >= end)
    return 0;
  if (*q == 'a' || *q == 'A')
    meridiem = 1;
  else if (*q == 'p' || *q == 'P')
    meridiem = 2;
  else
    return 0;
  q++;
  if (q < end && *q == '.')
    q++;
  q += skip_spaces (q, end);
  if (q >= end || (*q != 'm' && *q != 'M'))
    return 0;
  q++;
  if (q < end && *q == '.')
    q++;
  /* It must end there: "Amy" is a name. */
  if (q < end && g_ascii_isalnum (*q))
    return 0;
  *p = q;
  return meridiem;
}

static gboolean
parse_header (const char *line,
              gsize       length,
              Header     *h)
{
  const char *end = line + length;
  const char *p = line;
  gboolean bracket = FALSE;
  guint digits1, digits2, digits3, digits;
  guint meridiem;
  char separator;

  p += skip_marks (p, end);
  if (p < end && *p == '[')
    {
      bracket = TRUE;
      p++;
      p += skip_marks (p, end);
    }

  /* The date: three numbers between dots, slashes or dashes ("13. 6. 2018."
   * too). */
  if (!read_number (&p, end, 4, &h->n1, &digits1) || p >= end || strchr ("./-", *p) == NULL)
    return FALSE;
  separator = *p++;
  if (p < end && *p == ' ' && separator == '.')
    p++;
  if (!read_number (&p, end, 2, &h->n2, &digits2) || p >= end || *p != separator)
    return FALSE;
  p++;
  if (p < end && *p == ' ' && separator == '.')
    p++;
  if (!read_number (&p, end, 4, &h->n3, &digits3))
    return FALSE;
  h->year_first = digits1 == 4;
  if (h->year_first ? (digits3 > 2 || h->n2 < 1 || h->n2 > 12 || h->n3 < 1 || h->n3 > 31)
                    : (digits1 > 2 || (digits3 != 2 && digits3 != 4) ||
                       h->n1 < 1 || h->n1 > 31 || h->n2 < 1 || h->n2 > 31))
    return FALSE;
  if (p < end && *p == '.' && separator == '.')
    p++;

  /* Between date and time: ", ", " ", or the Finnish " klo ". */
  if (p < end && *p == ',')
    p++;
  if (skip_spaces (p, end) == 0)
    return FALSE;
  p += skip_spaces (p, end);
  if (end - p > 4 && memcmp (p, "klo ", 4) == 0)
    p += 4;

  /* The time: H:MM, HH.MM, with or without seconds, maybe AM or PM. */
  if (!read_number (&p, end, 2, &h->hour, &digits) || p >= end || (*p != ':' && *p != '.'))
    return FALSE;
  separator = *p++;
  if (!read_number (&p, end, 2, &h->minute, &digits) || digits != 2 || h->minute > 59)
    return FALSE;
  h->second = 0;
  if (end - p > 1 && *p == separator && g_ascii_isdigit (p[1]))
    {
      p++;
      if (!read_number (&p, end, 2, &h->second, &digits) || digits != 2 || h->second > 59)
        return FALSE;
    }
  meridiem = read_meridiem (&p, end);
  if (meridiem != 0 && h->hour <= 12)
    h->hour = h->hour % 12 + (meridiem == 2 ? 12 : 0);
  if (h->hour > 23)
    return FALSE;

  /* Then "] ", " - " or ": " (or a space alone), and something. */
  p += skip_marks (p, end);
  h->style = STYLE_SPACE;
  if (bracket)
    {
      if (p >= end || *p != ']')
        return FALSE;
      p++;
      h->style = STYLE_BRACKETS;
    }
  else
    {
      const char *q = p + skip_spaces (p, end);

      if (q < end && (*q == '-' || *q == ':') && q + 1 < end && q[1] == ' ')
        {
          h->style = *q == '-' ? STYLE_DASH : STYLE_COLON;
          p = q + 1;
        }
    }
  if (skip_spaces (p, end) == 0)
    return FALSE;
  p += skip_spaces (p, end);
  p += skip_marks (p, end);
  if (p >= end)
    return FALSE;
  h->body = p - line;
  return TRUE;
}

/* Pass one: how the file writes dates. */

/* What pass one learns, for each style. */
typedef struct
{
  guint headers;
  guint day_first_line;   /* a line whose first number can only be a day, or 0 */
  guint month_first_line; /* a line whose second number can only be a day, or 0 */
  gboolean differ;        /* some date reads differently either way */
} Survey;

static gboolean
is_blank (const char *line,
          gsize       length)
{
  const char *end = line + length;
  gsize skipped;

  do
    {
      skipped = skip_marks (line, end) + skip_spaces (line, end);
      line += skipped;
    }
  while (skipped > 0);
  return line == end || (line + 1 == end && *line == '\r');
}

static gboolean
not_an_export (LgExportJob  *job,
               GError      **error)
{
  g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_EXPORT,
               _("“%s” is not a WhatsApp chat export: its first line is not a message with "
                 "a date and a time. Nothing was imported. Export the chat again from "
                 "WhatsApp (More → Export chat) and import the .txt or .zip it makes."),
               job->file_name);
  return FALSE;
}

/* Reads the file once: which style most of its dates have, and what they
 * say of the day's place. */
static gboolean
survey (LgExportJob  *job,
        const char   *entry,
        Style        *style,
        Survey       *out,
        GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  Input in;
  const char *line;
  gsize length;
  gboolean ok = TRUE;
  gboolean started = FALSE;

  Survey all[N_STYLES] = { { 0 } };

  if (!input_open (&in, job->path, entry, &local_error))
    {
      input_clear (&in);
      return lg_export_job_fail_io (job, local_error->message, error);
    }

  while (input_next_line (&in, &line, &length, &local_error))
    {
      Header h;

      if (!parse_header (line, length, &h))
        {
          /* Only blank lines and marks may come before the first message. */
          if (!started && !is_blank (line, length))
            {
              ok = not_an_export (job, error);
              break;
            }
          continue;
        }
      started = TRUE;
      all[h.style].headers++;
      if (h.year_first)
        continue;
      if (h.n1 > 12 && all[h.style].day_first_line == 0)
        all[h.style].day_first_line = in.line;
      if (h.n2 > 12 && all[h.style].month_first_line == 0)
        all[h.style].month_first_line = in.line;
      if (h.n1 != h.n2)
        all[h.style].differ = TRUE;
      if (in.line % 65536 == 0 && g_cancellable_set_error_if_cancelled (job->cancellable, error))
        {
          ok = FALSE;
          break;
        }
    }
  input_clear (&in);

  if (ok && local_error != NULL)
    return lg_export_job_fail_io (job, local_error->message, error);
  if (!ok)
    return FALSE;

  *style = STYLE_BRACKETS;
  for (guint i = 0; i < N_STYLES; i++)
    if (all[i].headers > all[*style].headers)
      *style = i;
  *out = all[*style];
  return out->headers > 0 || not_an_export (job, error);
}

static gboolean
decide_date_order (LgExportJob  *job,
                   Survey       *s,
                   LgDateOrder  *order,
                   GError      **error)
{
  if (s->day_first_line != 0 && s->month_first_line != 0)
    {
      g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_EXPORT,
                   _("“%s” writes dates both day first (line %u) and month first (line %u), "
                     "so its dates cannot be read. Nothing was imported. Export the chat again "
                     "from WhatsApp and import the new file."),
                   job->file_name, s->day_first_line, s->month_first_line);
      return FALSE;
    }
  if (s->day_first_line != 0 || !s->differ)
    *order = LG_DATE_ORDER_DMY;
  else if (s->month_first_line != 0)
    *order = LG_DATE_ORDER_MDY;
  else if (job->date_order != LG_DATE_ORDER_AUTO)
    *order = job->date_order;
  else
    {
      g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_AMBIGUOUS_DATES,
                   _("The dates in “%s” can be read day first or month first (no day in it is "
                     "after the 12th), and the file does not say which. Nothing was imported. "
                     "Choose the order your phone shows dates in and import it again."),
                   job->file_name);
      return FALSE;
    }
  return TRUE;
}

/* Pass two: the messages. */

/* Room for a message's local time as its id's hash reads it,
 * "2023-12-31T21:41:05\n": the year may have five digits. */
#define TIME_SIZE 32

typedef struct
{
  LgExportJob *job;
  gint64       source;
  GTimeZone   *zone;
  LgDateOrder  order;
  Style        style;
  /* the message being read */
  gboolean     open;
  gboolean     system;
  GString     *author;
  GString     *text;
  guint        year, month, day, hour, minute, second;
  /* when the last local hour began, as Unix time: most messages share it */
  guint        cached_year, cached_month, cached_day, cached_hour;
  gint64       cached_unix;
  /* messages alike so far at the last message's time, for their ids */
  char         last_time[TIME_SIZE];
  GHashTable  *alike;
  GChecksum   *checksum;
  /* the iPhone's name for WhatsApp's own lines: the chat's, which it gives
   * the encryption notice */
  char        *chat_author;
} Reader;

/* Texts WhatsApp writes in place of a message: media left out, deleted
 * messages, calls, the encryption notice; in the languages we have seen. */
static const char *const skipped_texts[] = {
  "<Media omitted>", "<Medien ausgeschlossen>", "<Medien ausgelassen>", "<Archivo omitido>",
  "<Multimedia omitido>", "<Médias omis>", "<Media weggelaten>", "<Mídia oculta>",
  "<Arquivo de mídia oculto>", "<Media omessi>", "<Без медиафайлов>", "<Медиафайл пропущен>",
  "<メディアなし>", "This message was deleted", "This message was deleted.",
  "You deleted this message", "You deleted this message.", "Diese Nachricht wurde gelöscht.",
  "Du hast diese Nachricht gelöscht.", "Se eliminó este mensaje.", "Eliminaste este mensaje.",
  "Ce message a été supprimé", "Vous avez supprimé ce message", "Данное сообщение удалено",
  "Вы удалили данное сообщение", "Это сообщение удалено", "image omitted", "video omitted",
  "audio omitted", "sticker omitted", "GIF omitted", "document omitted",
  "Contact card omitted", "Bild weggelassen", "Video weggelassen", "Audio weggelassen",
  "Sticker weggelassen", "GIF weggelassen", "null", "Missed voice call", "Missed video call",
  "Waiting for this message", "Waiting for this message. This may take a while.",
  "live location shared", "Live-Standort wird geteilt.",
};

static const char *const skipped_prefixes[] = {
  "Messages and calls are end-to-end encrypted",
  "Messages to this group are now secured with end-to-end encryption",
  "Messages you send to this group are now secured with end-to-end encryption",
  "Messages to this chat and calls are now secured with end-to-end encryption",
  "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt",
  "Los mensajes y las llamadas están cifrados de extremo a extremo",
  "Les messages et les appels sont chiffrés de bout en bout",
  "Сообщения и звонки защищены сквозным шифрованием",
  "This business uses a secure service from Meta",
};

/* A one-line text that is only an attachment's name. */
static const char *const attachment_prefixes[] = { "<attached: ", "<adjunto: ", "<Anhang: " };
static const char *const attachment_suffixes[] = {
  " (file attached)", " (Datei angehängt)", " (archivo adjunto)", " (fichier joint)",
  " (файл добавлен)",
};

/* g_str_has_prefix() measures both strings first; this stops at the first
 * byte that differs, mostly the first, for each of the prefixes every
 * message is held against. */
static gboolean
starts_with (const char *text,
             const char *prefix)
{
  while (*prefix != '\0' && *text == *prefix)
    {
      text++;
      prefix++;
    }
  return *prefix == '\0';
}

static gboolean
is_notice (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (skipped_prefixes); i++)
    if (starts_with (text, skipped_prefixes[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_skipped_text (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (skipped_texts); i++)
    if (strcmp (text, skipped_texts[i]) == 0)
      return TRUE;
  if (is_notice (text))
    return TRUE;
  if (strchr (text, '\n') != NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (attachment_prefixes); i++)
    if (starts_with (text, attachment_prefixes[i]))
      return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (attachment_suffixes); i++)
    if (g_str_has_suffix (text, attachment_suffixes[i]))
      return TRUE;
  return FALSE;
}

/* Removes the marks WhatsApp puts before a text and the blank end of it. */
static const char *
tidy (GString *text)
{
  gsize lead = skip_marks (text->str, text->str + text->len);
  gsize length = text->len;

  while (length > lead && g_ascii_isspace (text->str[length - 1]))
    length--;
  g_string_truncate (text, length);
  g_string_erase (text, 0, lead);
  return text->str;
}

static gint64
local_to_unix (Reader *r)
{
  if (r->year != r->cached_year || r->month != r->cached_month || r->day != r->cached_day ||
      r->hour != r->cached_hour)
    {
      g_autoptr(GDateTime) hour = g_date_time_new (r->zone, r->year, r->month, r->day,
                                                   r->hour, 0, 0);

      r->cached_year = r->year;
      r->cached_month = r->month;
      r->cached_day = r->day;
      r->cached_hour = r->hour;
      r->cached_unix = hour != NULL ? g_date_time_to_unix (hour) : 0;
    }
  return r->cached_unix + r->minute * 60 + r->second;
}

/* @value in decimal at @p, with zeros before it up to @width digits (as
 * "%0*u" would write it); returns the end. */
static char *
put_number (char  *p,
            guint  value,
            guint  width)
{
  char digits[16];
  guint n = 0;

  do
    {
      digits[n++] = '0' + value % 10;
      value /= 10;
    }
  while (value > 0);
  while (n < width)
    digits[n++] = '0';
  while (n > 0)
    *p++ = digits[--n];
  return p;
}

/* The local time as written, then 12 hex digits of a SHA-1 of it, the
 * author, the text, and how many messages alike came before it at that time
 * (a chat may say "ok" twice in a minute): "20231231214105-3f2a…". The time
 * first keeps the ids of a chat, which is written in time order, in the
 * order of the unique index they go into: a hash alone scatters a million
 * messages over it, and the move into the database took four times as
 * long. The numbers and hex digits are written out by hand: printf was a
 * sixth of the time it took to read a big export. */
static char *
message_id (Reader     *r,
            const char *author,
            const char *text)
{
  char time[TIME_SIZE];
  char id[TIME_SIZE + 16];
  char *p = time;
  char *key;
  guint ordinal;
  guint8 digest[20];
  gsize digest_length = sizeof digest;

  /* "2023-12-31T21:41:05\n", the line the hash starts with */
  p = put_number (p, r->year, 4);
  *p++ = '-';
  p = put_number (p, r->month, 2);
  *p++ = '-';
  p = put_number (p, r->day, 2);
  *p++ = 'T';
  p = put_number (p, r->hour, 2);
  *p++ = ':';
  p = put_number (p, r->minute, 2);
  *p++ = ':';
  p = put_number (p, r->second, 2);
  *p++ = '\n';
  *p = '\0';

  if (strcmp (time, r->last_time) != 0)
    {
      g_hash_table_remove_all (r->alike);
      memcpy (r->last_time, time, p - time + 1);
    }
  key = g_strconcat (author, "\n", text, "\n", NULL);
  ordinal = GPOINTER_TO_UINT (g_hash_table_lookup (r->alike, key));

  g_checksum_reset (r->checksum);
  g_checksum_update (r->checksum, (const guchar *) time, p - time);
  g_checksum_update (r->checksum, (const guchar *) key, -1);
  p = put_number (id, ordinal, 0);
  g_checksum_update (r->checksum, (const guchar *) id, p - id);
  g_hash_table_insert (r->alike, key, GUINT_TO_POINTER (ordinal + 1));

  /* The id begins with the time's digits alone: "20231231214105-". */
  p = id;
  for (const char *c = time; *c != '\n'; c++)
    if (g_ascii_isdigit (*c))
      *p++ = *c;
  *p++ = '-';
  g_checksum_get_digest (r->checksum, digest, &digest_length);
  for (guint i = 0; i < 6; i++)
    {
      *p++ = "0123456789abcdef"[digest[i] >> 4];
      *p++ = "0123456789abcdef"[digest[i] & 0xf];
    }
  *p = '\0';
  return g_strdup (id);
}

/* A phone number as WhatsApp shows one for someone not in the contacts
 * ("+41 79 123 45 67"): it is how to reach them. */
static char *
phone_handle (const char *author)
{
  g_autoptr(GString) digits = g_string_new ("+");

  if (author[0] != '+')
    return NULL;
  for (const char *p = author + 1; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
    else if (strchr (" -()", *p) == NULL && skip_marks (p, p + strlen (p)) == 0 &&
             skip_spaces (p, p + strlen (p)) == 0)
      return NULL;
  return digits->len >= 6 ? g_string_free (g_steal_pointer (&digits), FALSE) : NULL;
}

static gboolean
flush (Reader  *r,
       GError **error)
{
  g_autoptr(LgMessage) message = NULL;
  g_autofree char *id = NULL;
  g_autofree char *handle = NULL;
  const char *author;
  const char *text;
  gboolean marked;

  if (!r->open)
    return TRUE;
  r->open = FALSE;

  marked = skip_marks (r->text->str, r->text->str + r->text->len) > 0;
  author = tidy (r->author);
  text = tidy (r->text);
  /* The iPhone writes WhatsApp's own lines ("Anna created the group") as
   * messages of the chat, behind a left-to-right mark. */
  if (r->chat_author == NULL && author[0] != '\0' && is_notice (text))
    r->chat_author = g_strdup (author);
  if (r->system || author[0] == '\0' || text[0] == '\0' || is_skipped_text (text) ||
      (marked && g_strcmp0 (author, r->chat_author) == 0))
    {
      r->job->stats.skipped++;
      return TRUE;
    }

  id = message_id (r, author, text);
  handle = phone_handle (author);
  message = lg_message_new ();
  lg_message_set_external_id (message, id);
  lg_message_set_sent_at (message, local_to_unix (r));
  lg_message_set_author_name (message, author);
  lg_message_set_author_handle (message, handle);
  lg_message_set_text (message, text);
  return lg_export_job_add_message (r->job, r->source, message, error);
}

/* The author is what comes before the first ": " (or a ":" ending the
 * line); a line without one is WhatsApp's own (joins, group changes). */
static void
open_message (Reader     *r,
              Header     *h,
              const char *line,
              gsize       length)
{
  const char *body = line + h->body;
  const char *end = line + length;
  const char *colon = body;

  r->open = TRUE;
  r->year = h->year_first ? h->n1 : (h->n3 < 100 ? 2000 + h->n3 : h->n3);
  r->month = h->year_first ? h->n2 : r->order == LG_DATE_ORDER_MDY ? h->n1 : h->n2;
  r->day = h->year_first ? h->n3 : r->order == LG_DATE_ORDER_MDY ? h->n2 : h->n1;
  r->hour = h->hour;
  r->minute = h->minute;
  r->second = h->second;

  g_string_truncate (r->author, 0);
  g_string_truncate (r->text, 0);
  while ((colon = memchr (colon, ':', end - colon)) != NULL)
    {
      if (colon + 1 == end || colon[1] == ' ')
        break;
      colon++;
    }
  r->system = colon == NULL;
  if (r->system)
    return;
  g_string_append_len (r->author, body, colon - body);
  if (colon + 2 < end)
    g_string_append_len (r->text, colon + 2, end - colon - 2);
}

/* A header of the file's style whose date is a day. */
static gboolean
is_header (Reader     *r,
           const char *line,
           gsize       length,
           Header     *h)
{
  guint year, month, day;

  if (!parse_header (line, length, h) || h->style != r->style)
    return FALSE;
  year = h->year_first ? h->n1 : (h->n3 < 100 ? 2000 + h->n3 : h->n3);
  month = h->year_first ? h->n2 : r->order == LG_DATE_ORDER_MDY ? h->n1 : h->n2;
  day = h->year_first ? h->n3 : r->order == LG_DATE_ORDER_MDY ? h->n2 : h->n1;
  return g_date_valid_dmy (day, month, year);
}

/* What the chat is called: Android names the file "WhatsApp Chat with
 * NAME.txt" (in the phone's language), the iPhone "WhatsApp Chat - NAME.zip"
 * with a "_chat.txt" in it. */
static char *
chat_name (const char *path,
           const char *entry)
{
  static const char *const prefixes[] = {
    "WhatsApp Chat with ", "WhatsApp Chat - ", "WhatsApp Chat mit ", "WhatsApp-Chat mit ",
    "Chat de WhatsApp con ", "Conversa do WhatsApp com ", "Discussion WhatsApp avec ",
    "Chat WhatsApp con ", "WhatsApp-chat met ", "WhatsApp-чат с ", "Чат WhatsApp с ",
  };
  g_autofree char *base = g_path_get_basename (entry != NULL && strcmp (entry, "_chat.txt") != 0
                                               ? entry : path);
  const char *name = base;
  char *dot;

  /* An unpacked iPhone export: the folder is named after the chat. */
  if (entry == NULL && strcmp (base, "_chat.txt") == 0)
    {
      g_autofree char *folder = g_path_get_dirname (path);

      g_free (base);
      base = g_path_get_basename (folder);
      name = base;
    }
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (base, prefixes[i]) && base[strlen (prefixes[i])] != '\0')
      {
        name = base + strlen (prefixes[i]);
        break;
      }
  return g_utf8_make_valid (name, -1);
}

static gboolean
read_line (Reader      *r,
           Input       *in,
           const char  *line,
           gsize        length,
           GError     **error)
{
  Header h;
  guint before = r->job->stats.messages;

  if (!is_header (r, line, length, &h))
    {
      if (r->open)
        {
          g_string_append_c (r->text, '\n');
          g_string_append_len (r->text, line, length);
        }
      return TRUE;
    }
  if (!flush (r, error) ||
      (r->job->stats.messages != before &&
       !lg_export_job_tick (r->job, input_fraction (in), error)))
    return FALSE;
  open_message (r, &h, line, length);
  return TRUE;
}

static gboolean
read_messages (Reader      *r,
               const char  *entry,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = chat_name (r->job->path, entry);
  g_autofree char *title = g_strdup_printf (_("WhatsApp: %s"), name);
  Input in;
  const char *line;
  gsize length;
  gboolean ok = TRUE;

  r->source = lg_export_job_add_chat (r->job, "whatsapp_export", name, title, error);
  if (r->source == 0)
    return FALSE;

  if (!input_open (&in, r->job->path, entry, &local_error))
    {
      input_clear (&in);
      return lg_export_job_fail_io (r->job, local_error->message, error);
    }
  while (ok && input_next_line (&in, &line, &length, &local_error))
    {
      if (g_utf8_validate_len (line, length, NULL))
        ok = read_line (r, &in, line, length, error);
      else
        {
          g_autofree char *valid = g_utf8_make_valid (line, length);

          ok = read_line (r, &in, valid, strlen (valid), error);
        }
    }
  input_clear (&in);
  if (!ok)
    return FALSE;
  if (local_error != NULL)
    return lg_export_job_fail_io (r->job, local_error->message, error);
  return flush (r, error);
}

gboolean
lg_whatsapp_export_read (LgExportJob  *job,
                         GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *entry = NULL;
  char head[4];
  gsize length = 0;
  Survey s = { 0 };
  Reader r = { 0 };
  FILE *file;
  gboolean ok;

  g_return_val_if_fail (job != NULL, FALSE);

  job->stats.kind = "whatsapp";
  file = g_fopen (job->path, "rb");
  if (file == NULL)
    return lg_export_job_fail_io (job, g_strerror (errno), error);
  length = fread (head, 1, sizeof head, file);
  fclose (file);
  if (is_zip (head, length) && (entry = find_chat_entry (job->path, &local_error)) == NULL)
    return lg_export_job_fail_io (job, local_error->message, error);

  if (!survey (job, entry, &r.style, &s, error) || !decide_date_order (job, &s, &r.order, error))
    return FALSE;

  r.job = job;
  r.zone = g_time_zone_new_local ();
  r.author = g_string_new (NULL);
  r.text = g_string_new (NULL);
  r.alike = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.checksum = g_checksum_new (G_CHECKSUM_SHA1);
  ok = read_messages (&r, entry, error);
  g_time_zone_unref (r.zone);
  g_string_free (r.author, TRUE);
  g_string_free (r.text, TRUE);
  g_hash_table_unref (r.alike);
  g_checksum_free (r.checksum);
  g_free (r.chat_author);
  return ok;
}

gboolean
lg_whatsapp_export_sniff (const char *path,
                          const char *head,
                          gsize       length)
{
  const char *end = head + length;
  const char *p = head;

  if (is_zip (head, length))
    {
      g_autofree char *entry = find_chat_entry (path, NULL);
      gboolean found = FALSE;
      Input in;
      const char *line;
      gsize line_length;

      if (entry == NULL)
        return FALSE;
      if (input_open (&in, path, entry, NULL))
        while (input_next_line (&in, &line, &line_length, NULL))
          {
            Header h;

            if (is_blank (line, line_length))
              continue;
            found = parse_header (line, line_length, &h);
            break;
          }
      input_clear (&in);
      return found;
    }

  /* The first line that is not blank is a message. */
  while (p < end)
    {
      const char *newline = memchr (p, '\n', end - p);
      const char *stop = newline != NULL ? newline : end;
      Header h;

      if (!is_blank (p, stop - p))
        return parse_header (p, stop - p, &h);
      p = stop + 1;
    }
  return FALSE;
}
