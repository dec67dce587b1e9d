/* lg-chat-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one way in for chat exports: each kind is a line of kinds[], whose
 * sniff looks at the file's first bytes (a folder has none: its sniff looks
 * inside) and whose read stages what the file holds (see LgExportJob). A
 * new kind is a reader with those two functions and one more line.
 */

#define G_LOG_DOMAIN "lg-chat-import"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lg-chat-import.h"
#include "lg-discord-export.h"
#include "lg-slack-export.h"
#include "lg-sources.h"
#include "lg-telegram-export.h"
#include "lg-whatsapp-export.h"

typedef struct
{
  const char       *kind;
  const char       *name;   /* what the user calls it, for the toast and the CLI */
  const char       *files;  /* the files it is, for the message about a file of no kind */
  gboolean        (*sniff) (const char *path, const char *head, gsize length);
  LgExportReadFunc  read;
  /* for a kind that may be a folder: the export a file of it belongs to */
  char           *(*folder_of) (const char *path);
} ExportKind;

/* In the order they are tried: the first whose sniff says yes reads the
 * file, so a kind that checks closely goes before one that checks loosely
 * (Telegram takes any JSON object, to say where a broken one breaks). */
static const ExportKind kinds[] = {
  { "whatsapp", N_("WhatsApp chat export"), N_("a WhatsApp chat export (.txt or .zip)"),
    lg_whatsapp_export_sniff, lg_whatsapp_export_read, NULL },
  { "discord", N_("DiscordChatExporter export"),
    N_("a DiscordChatExporter export (.json, or a folder of them)"),
    lg_discord_export_sniff, lg_discord_export_read, NULL },
  { "slack", N_("Slack workspace export"), N_("a Slack workspace export (.zip or its folder)"),
    lg_slack_export_sniff, lg_slack_export_read, lg_slack_export_folder_of },
  { "telegram", N_("Telegram Desktop export"), N_("a Telegram Desktop export (result.json)"),
    lg_telegram_export_sniff, lg_telegram_export_read, NULL },
};

/* Enough of the file for any sniff. */
#define HEAD_SIZE 4096

struct _LgChatImport
{
  GObject      parent_instance;
  LgDateOrder  date_order;
};

G_DEFINE_FINAL_TYPE (LgChatImport, lg_chat_import, G_TYPE_OBJECT)

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
lg_chat_import_class_init (LgChatImportClass *klass)
{
  signals[PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_UINT, G_TYPE_DOUBLE);
}

static void
lg_chat_import_init (LgChatImport *self)
{
}

LgChatImport *
lg_chat_import_new (void)
{
  return g_object_new (LG_TYPE_CHAT_IMPORT, NULL);
}

void
lg_chat_import_set_date_order (LgChatImport *self,
                               LgDateOrder   order)
{
  g_return_if_fail (LG_IS_CHAT_IMPORT (self));

  self->date_order = order;
}

const char *
lg_chat_import_describe_kind (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kind, kinds[i].kind) == 0)
      return _(kinds[i].name);
  return kind;
}

static const ExportKind *
detect (LgExportJob  *job,
        GError      **error)
{
  g_autoptr(GString) supported = g_string_new (NULL);
  char head[HEAD_SIZE];
  gsize length = 0;

  /* A folder (a Slack export unzipped, a server's Discord channels) has no
   * first bytes; the sniffs that read folders look inside. */
  if (!g_file_test (job->path, G_FILE_TEST_IS_DIR))
    {
      FILE *file = g_fopen (job->path, "rb");

      if (file == NULL)
        {
          lg_export_job_fail_io (job, g_strerror (errno), error);
          return NULL;
        }
      length = fread (head, 1, sizeof head, file);
      fclose (file);
    }

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i].sniff (job->path, head, length))
      return &kinds[i];

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      if (i > 0)
        /* TRANSLATORS: between the kinds of files in a list: "a …, a … or a …" */
        g_string_append (supported, i + 1 < G_N_ELEMENTS (kinds) ? _(", ") : _(" or "));
      g_string_append (supported, _(kinds[i].files));
    }
  g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_UNKNOWN_EXPORT,
               _("“%s” is not a chat export Leadgram can read. Nothing was imported. Choose %s."),
               job->file_name, supported->str);
  return NULL;
}

/* A file chooser picks files, and an unzipped Slack export is a folder: a
 * file of such an export (its channels.json, one of its days) stands for
 * the whole export, in the app and the CLI alike. NULL: path is what it
 * names. */
static char *
whole_export (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      char *folder = kinds[i].folder_of != NULL ? kinds[i].folder_of (path) : NULL;

      if (folder != NULL)
        return folder;
    }
  return NULL;
}

static gboolean
run (LgChatImport   *self,
     LgStore        *store,
     const char     *path,
     LgDateOrder     date_order,
     GMainContext   *context,
     GCancellable   *cancellable,
     LgExportStats  *stats,
     GError        **error)
{
  g_autofree char *folder = whole_export (path);
  const ExportKind *kind;
  LgExportJob job;
  gboolean ok = FALSE;

  lg_export_job_init (&job, store, folder != NULL ? folder : path, cancellable, G_OBJECT (self),
                      signals[PROGRESS], context);
  job.date_order = date_order;
  kind = detect (&job, error);
  if (kind != NULL)
    ok = lg_export_job_stage (&job, kind->read, error);
  if (ok && stats != NULL)
    *stats = job.stats;
  lg_export_job_clear (&job);
  return ok;
}

gboolean
lg_chat_import_run (LgChatImport   *self,
                    LgStore        *store,
                    const char     *path,
                    GCancellable   *cancellable,
                    LgExportStats  *stats,
                    GError        **error)
{
  g_return_val_if_fail (LG_IS_CHAT_IMPORT (self), FALSE);
  g_return_val_if_fail (LG_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return run (self, store, path, self->date_order, NULL, cancellable, stats, error);
}

typedef struct
{
  char          *path;
  LgDateOrder    date_order;
  GMainContext  *context;
  LgExportStats  stats;
} ImportData;

static void
free_import_data (gpointer data)
{
  ImportData *import = data;

  g_free (import->path);
  g_main_context_unref (import->context);
  g_free (import);
}

static gboolean
import_work (LgStore       *store,
             gpointer       source_object,
             gpointer       task_data,
             GCancellable  *cancellable,
             GError       **error)
{
  ImportData *data = task_data;

  return run (source_object, store, data->path, data->date_order, data->context, cancellable,
              &data->stats, error);
}

void
lg_chat_import_run_async (LgChatImport        *self,
                          const char          *db_path,
                          const char          *path,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportData *data;

  g_return_if_fail (LG_IS_CHAT_IMPORT (self));
  g_return_if_fail (db_path != NULL && path != NULL);

  data = g_new0 (ImportData, 1);
  data->path = g_strdup (path);
  data->date_order = self->date_order;
  data->context = g_main_context_ref_thread_default ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lg_chat_import_run_async);
  g_task_set_task_data (task, data, free_import_data);
  lg_store_run_in_thread (task, db_path, import_work);
}

gboolean
lg_chat_import_run_finish (LgChatImport   *self,
                           GAsyncResult   *result,
                           LgExportStats  *stats,
                           GError        **error)
{
  ImportData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  data = g_task_get_task_data (G_TASK (result));
  if (stats != NULL)
    *stats = data->stats;
  return TRUE;
}
