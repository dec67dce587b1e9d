/* lg-channel-sync.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-channel-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "lg-channel-handle.h"
#include "lg-channel-sync.h"
#include "lg-http.h"
#include "lg-sources.h"
#include "lg-telegram-page.h"

#define MAX_RETRIES     4
#define MAX_REDIRECTS   3
#define MAX_WAIT_S      600

struct _LgChannelSync
{
  GObject  parent_instance;

  char    *base_url;
  guint    pause_ms;
  guint    retry_unit_ms;
  guint    timeout_s;
};

G_DEFINE_FINAL_TYPE (LgChannelSync, lg_channel_sync, G_TYPE_OBJECT)

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
lg_channel_sync_finalize (GObject *object)
{
  LgChannelSync *self = LG_CHANNEL_SYNC (object);

  g_free (self->base_url);

  G_OBJECT_CLASS (lg_channel_sync_parent_class)->finalize (object);
}

static void
lg_channel_sync_class_init (LgChannelSyncClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lg_channel_sync_finalize;

  /**
   * LgChannelSync::progress:
   * @source_id: the source being synced
   * @n_new: messages stored so far by this sync
   * @fraction: how much of the chosen depth is done, 0–1, or -1 when unknown
   */
  signals[PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_UINT, G_TYPE_DOUBLE);
}

static void
lg_channel_sync_init (LgChannelSync *self)
{
  self->pause_ms = 1500;
  self->retry_unit_ms = 1000;
  self->timeout_s = 30;
}

char *
lg_channel_sync_resolve_base_url (const char *setting)
{
  const char *env = g_getenv ("LEADGRAM_TELEGRAM_BASE_URL");
  const char *url = "https://t.me";

  if (env != NULL && *env != '\0')
    url = env;
  else if (setting != NULL && *setting != '\0')
    url = setting;

  /* "/s/NAME" is appended: no trailing slash. */
  return g_strndup (url, strlen (url) - (g_str_has_suffix (url, "/") ? 1 : 0));
}

LgChannelSync *
lg_channel_sync_new (const char *base_url)
{
  LgChannelSync *self = g_object_new (LG_TYPE_CHANNEL_SYNC, NULL);

  self->base_url = lg_channel_sync_resolve_base_url (base_url);
  return self;
}

const char *
lg_channel_sync_get_base_url (LgChannelSync *self)
{
  g_return_val_if_fail (LG_IS_CHANNEL_SYNC (self), NULL);

  return self->base_url;
}

void
lg_channel_sync_set_timing (LgChannelSync *self,
                            guint          pause_ms,
                            guint          retry_unit_ms,
                            guint          timeout_s)
{
  g_return_if_fail (LG_IS_CHANNEL_SYNC (self));
  g_return_if_fail (timeout_s > 0);

  self->pause_ms = pause_ms;
  self->retry_unit_ms = retry_unit_ms;
  self->timeout_s = timeout_s;
}

LgSource *
lg_channel_sync_add_channel (LgChannelSync  *self,
                             LgStore        *store,
                             const char     *input,
                             GError        **error)
{
  g_autofree char *handle = NULL;
  g_autofree char *url = NULL;

  g_return_val_if_fail (LG_IS_CHANNEL_SYNC (self), NULL);
  g_return_val_if_fail (LG_IS_STORE (store), NULL);
  g_return_val_if_fail (input != NULL, NULL);

  handle = lg_channel_handle_parse (input, NULL, error);
  if (handle == NULL)
    return NULL;

  url = g_strdup_printf ("https://t.me/%s", handle);
  return lg_store_ensure_source (store, "telegram_channel", handle, handle, url, NULL, error);
}

typedef struct
{
  LgChannelSync *self;
  LgStore       *store;
  SoupSession   *session;
  LgSource      *source;
  LgSyncDepth    depth;
  GCancellable  *cancellable;
  GMainContext  *context;  /* where progress goes; NULL: this thread */
  gint64         had;      /* messages the source had before */
  guint          n_new;
} SyncRun;

gboolean
lg_channel_sync_check_redirect (const char  *base_url,
                                const char  *target,
                                GError     **error)
{
  g_autoptr(GUri) base = NULL;
  g_autoptr(GUri) next = NULL;
  g_autofree char *base_site = NULL;
  g_autofree char *next_site = NULL;

  g_return_val_if_fail (base_url != NULL, FALSE);
  g_return_val_if_fail (target != NULL, FALSE);

  /* A page from anywhere else would be stored as the channel's. */
  base = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  next = g_uri_parse (target, G_URI_FLAGS_NONE, NULL);
  base_site = lg_http_describe_site (base, base_url);
  next_site = lg_http_describe_site (next, target);

  if (!lg_http_same_site (base, next))
    {
      g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_REDIRECTED,
                   _("%s redirected to another site (%s); the channel was not synced. Check "
                     "the Telegram address in Preferences."),
                   base_site, next_site);
      return FALSE;
    }

  if (lg_http_is_downgrade (base, next))
    {
      g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_REDIRECTED,
                   _("%s redirected to an address without encryption (%s://); the channel was "
                     "not synced."),
                   base_site, g_uri_get_scheme (next));
      return FALSE;
    }

  return TRUE;
}

/* GETs url politely; follows redirects by hand so each hop waits its turn. */
static GBytes *
fetch (SyncRun     *run,
       const char  *first_url,
       GError     **error)
{
  g_autofree char *url = g_strdup (first_url);
  guint redirects = 0;
  guint attempt = 0;

  for (;;)
    {
      g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
      g_autoptr(SoupMessage) msg = NULL;
      g_autoptr(GBytes) body = NULL;
      const char *host;
      guint status;

      if (uri == NULL || g_uri_get_host (uri) == NULL)
        {
          g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_NETWORK,
                       _("“%s” is not a web address. Check the Telegram address in "
                         "Preferences."), url);
          return NULL;
        }
      host = g_uri_get_host (uri);

      msg = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
      body = lg_http_send (run->session, msg, run->self->pause_ms, run->self->timeout_s,
                           run->cancellable, error);
      if (body == NULL)
        return NULL;

      status = soup_message_get_status (msg);
      if (SOUP_STATUS_IS_SUCCESSFUL (status))
        return g_steal_pointer (&body);

      if (SOUP_STATUS_IS_REDIRECTION (status) && redirects < MAX_REDIRECTS)
        {
          const char *location =
            soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location");
          g_autofree char *next = location != NULL ? g_uri_resolve_relative (url, location,
                                                                             G_URI_FLAGS_NONE,
                                                                             NULL)
                                                   : NULL;

          if (next != NULL)
            {
              if (!lg_channel_sync_check_redirect (run->self->base_url, next, error))
                return NULL;
              g_free (url);
              url = g_steal_pointer (&next);
              redirects++;
              continue;
            }
        }

      if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE)
        {
          g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_NO_SUCH_CHANNEL,
                       _("There is no Telegram channel called @%s. Check the spelling."),
                       lg_source_get_handle (run->source));
          return NULL;
        }

      if (status == LG_HTTP_TOO_MANY_REQUESTS || SOUP_STATUS_IS_SERVER_ERROR (status))
        {
          if (attempt < MAX_RETRIES)
            {
              /* Without Retry-After, 1, 2, 4, 8 seconds. */
              gint64 delay = lg_http_retry_after_s (msg, MAX_WAIT_S);

              if (delay < 0)
                delay = 1 << attempt;
              g_debug ("%s answered %u; waiting %" G_GINT64_FORMAT " s before retrying", host,
                       status, delay);
              attempt++;
              if (!lg_http_wait_ms (delay * run->self->retry_unit_ms, run->cancellable, error))
                return NULL;
              continue;
            }
          if (status == LG_HTTP_TOO_MANY_REQUESTS)
            g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_RATE_LIMITED,
                         _("%s asks Leadgram to slow down and kept refusing after %u tries. "
                           "Wait a few minutes, then sync again."), host, attempt + 1);
          else
            g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_NETWORK,
                         _("%s has a problem of its own (error %u) and kept failing after %u "
                           "tries. Sync again later."), host, status, attempt + 1);
          return NULL;
        }

      g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_NETWORK,
                   _("%s refused the request (error %u: %s). Sync again later."),
                   host, status, soup_status_get_phrase (status));
      return NULL;
    }
}

static LgTelegramPage *
fetch_page (SyncRun     *run,
            const char  *cursor_name,
            gint64       cursor,
            GError     **error)
{
  const char *handle = lg_source_get_handle (run->source);
  g_autofree char *url = NULL;
  g_autoptr(GBytes) body = NULL;
  gsize size;
  const char *data;

  if (cursor_name != NULL)
    url = g_strdup_printf ("%s/s/%s?%s=%" G_GINT64_FORMAT, run->self->base_url, handle,
                           cursor_name, cursor);
  else
    url = g_strdup_printf ("%s/s/%s", run->self->base_url, handle);

  body = fetch (run, url, error);
  if (body == NULL)
    return NULL;

  data = g_bytes_get_data (body, &size);
  return lg_telegram_page_parse (data != NULL ? data : "", size, handle,
                                 LG_TELEGRAM_PAGE_WHOLE, error);
}

static void
report_progress (SyncRun *run,
                 double   fraction)
{
  lg_sources_report_progress (run->context, G_OBJECT (run->self), signals[PROGRESS],
                              lg_source_get_id (run->source), run->n_new, fraction);
}

static gint64
message_number (LgMessage *message)
{
  return g_ascii_strtoll (lg_message_get_external_id (message), NULL, 10);
}

/* Stores messages and the new cursors as one transaction. */
static gboolean
store_page (SyncRun    *run,
            GPtrArray  *messages,
            gint64      sync_cursor,
            gint64      backfill_cursor,
            GError    **error)
{
  g_autofree char *sync_text = g_strdup_printf ("%" G_GINT64_FORMAT, sync_cursor);
  g_autofree char *backfill_text = g_strdup_printf ("%" G_GINT64_FORMAT, backfill_cursor);
  guint added = 0;

  if (!lg_store_begin (run->store, error))
    return FALSE;

  for (guint i = 0; i < messages->len; i++)
    {
      LgMessage *message = g_ptr_array_index (messages, i);
      gboolean inserted = FALSE;

      lg_message_set_source_id (message, lg_source_get_id (run->source));
      if (!lg_store_add_message (run->store, message, &inserted, error))
        {
          lg_store_rollback (run->store);
          return FALSE;
        }
      added += inserted ? 1 : 0;
    }

  if (sync_cursor > 0)
    lg_source_set_sync_cursor (run->source, sync_text);
  if (backfill_cursor >= 0)
    lg_source_set_backfill_cursor (run->source, backfill_text);

  if (!lg_store_update_source (run->store, run->source, error) ||
      !lg_store_commit (run->store, error))
    {
      lg_store_rollback (run->store);
      return FALSE;
    }

  run->n_new += added;
  return TRUE;
}

/* The newest messages of an ascending list that the depth keeps; *all says
 * whether every one was kept. */
static GPtrArray *
keep_newest (SyncRun   *run,
             GPtrArray *messages,
             gint64     have,
             gboolean  *all)
{
  GPtrArray *kept = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = messages->len; i > 0; i--)
    {
      LgMessage *message = g_ptr_array_index (messages, i - 1);

      if (run->depth.count > 0 && have + kept->len >= run->depth.count)
        break;
      if (run->depth.since > 0 && lg_message_get_sent_at (message) < run->depth.since)
        break;
      g_ptr_array_insert (kept, 0, g_object_ref (message));
    }

  *all = kept->len == messages->len;
  return kept;
}

static double
depth_fraction (SyncRun *run)
{
  gint64 oldest = 0, newest = 0;

  if (run->depth.count > 0)
    return MIN (1.0, (double) (run->had + run->n_new) / run->depth.count);

  if (run->depth.since > 0 &&
      lg_store_get_source_time_span (run->store, lg_source_get_id (run->source),
                                     &oldest, &newest, NULL) &&
      newest > run->depth.since)
    return CLAMP ((double) (newest - oldest) / (newest - run->depth.since), 0.0, 1.0);

  return -1.0;
}

static gboolean
first_page (SyncRun  *run,
            GError  **error)
{
  g_autoptr(LgTelegramPage) page = fetch_page (run, NULL, 0, error);
  g_autoptr(GPtrArray) kept = NULL;
  GPtrArray *messages;
  gboolean all;
  gint64 backfill;

  if (page == NULL)
    return FALSE;

  messages = lg_telegram_page_get_messages (page);
  if (messages->len == 0)
    {
      g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_NO_POSTS,
                   _("@%s has no posts yet. Sync it again once the channel has posted."),
                   lg_source_get_handle (run->source));
      return FALSE;
    }

  /* The newest post is kept whatever the depth, so the channel shows something. */
  kept = keep_newest (run, messages, 0, &all);
  if (kept->len == 0)
    {
      g_ptr_array_add (kept, g_object_ref (g_ptr_array_index (messages, messages->len - 1)));
      all = messages->len == 1;
    }

  if (all)
    backfill = lg_telegram_page_get_before (page) > 0 ? message_number (g_ptr_array_index (kept, 0))
                                                      : 0;
  else
    backfill = message_number (g_ptr_array_index (kept, 0));

  if (lg_telegram_page_get_title (page) != NULL &&
      g_strcmp0 (lg_source_get_title (run->source), lg_source_get_handle (run->source)) == 0)
    lg_source_set_title (run->source, lg_telegram_page_get_title (page));

  if (!store_page (run, kept,
                   message_number (g_ptr_array_index (messages, messages->len - 1)),
                   backfill, error))
    return FALSE;

  report_progress (run, depth_fraction (run));
  return TRUE;
}

/* Everything posted since the last sync, page by page, oldest first. */
static gboolean
newer_pages (SyncRun  *run,
             GError  **error)
{
  gint64 cursor = g_ascii_strtoll (lg_source_get_sync_cursor (run->source), NULL, 10);

  for (;;)
    {
      g_autoptr(LgTelegramPage) page = fetch_page (run, "after", cursor, error);
      g_autoptr(GPtrArray) newer = g_ptr_array_new_with_free_func (g_object_unref);
      GPtrArray *messages;

      if (page == NULL)
        return FALSE;

      messages = lg_telegram_page_get_messages (page);
      for (guint i = 0; i < messages->len; i++)
        if (message_number (g_ptr_array_index (messages, i)) > cursor)
          g_ptr_array_add (newer, g_object_ref (g_ptr_array_index (messages, i)));

      if (newer->len == 0)
        return TRUE;

      cursor = message_number (g_ptr_array_index (newer, newer->len - 1));
      if (!store_page (run, newer, cursor, -1, error))
        return FALSE;
      report_progress (run, -1.0);
    }
}

static gboolean
depth_reached (SyncRun *run)
{
  gint64 oldest = 0, newest = 0;

  if (run->depth.count == 0 && run->depth.since == 0)
    return TRUE;
  if (run->depth.count > 0 && run->had + run->n_new >= run->depth.count)
    return TRUE;
  if (run->depth.since > 0 &&
      lg_store_get_source_time_span (run->store, lg_source_get_id (run->source),
                                     &oldest, &newest, NULL) &&
      oldest > 0 && oldest < run->depth.since)
    return TRUE;
  return FALSE;
}

/* Older pages, down to the depth; the cursor is saved with each page so a
 * later sync resumes where this one stopped. */
static gboolean
older_pages (SyncRun  *run,
             GError  **error)
{
  for (;;)
    {
      const char *text = lg_source_get_backfill_cursor (run->source);
      gint64 cursor = text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
      g_autoptr(LgTelegramPage) page = NULL;
      g_autoptr(GPtrArray) older = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) kept = NULL;
      GPtrArray *messages;
      gboolean all;
      gint64 next;

      /* 0: the channel's first post is stored. */
      if (cursor <= 1 || depth_reached (run))
        return TRUE;

      page = fetch_page (run, "before", cursor, error);
      if (page == NULL)
        return FALSE;

      messages = lg_telegram_page_get_messages (page);
      for (guint i = 0; i < messages->len; i++)
        if (message_number (g_ptr_array_index (messages, i)) < cursor)
          g_ptr_array_add (older, g_object_ref (g_ptr_array_index (messages, i)));

      kept = keep_newest (run, older, run->had + run->n_new, &all);
      if (kept->len == 0)
        next = older->len == 0 ? 0 : cursor;
      else if (all && lg_telegram_page_get_before (page) == 0)
        next = 0;
      else
        next = message_number (g_ptr_array_index (kept, 0));

      if (!store_page (run, kept, 0, next, error))
        return FALSE;
      report_progress (run, depth_fraction (run));

      if (next == cursor)
        return TRUE;
    }
}

static gboolean
sync_source (SyncRun  *run,
             GError  **error)
{
  if (lg_source_get_sample (run->source))
    {
      g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_HANDLE,
                   _("“%s” is sample data: there is no such channel on Telegram to read. "
                     "Add a real channel to sync it."), lg_source_get_title (run->source));
      return FALSE;
    }
  if (g_strcmp0 (lg_source_get_kind (run->source), "telegram_channel") != 0)
    {
      g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_HANDLE,
                   _("“%s” is not a public channel: only channels can be synced. Import a new "
                     "export of the chat instead."), lg_source_get_title (run->source));
      return FALSE;
    }

  report_progress (run, run->depth.count > 0 || run->depth.since > 0 ? 0.0 : -1.0);

  if (lg_source_get_sync_cursor (run->source) == NULL)
    {
      if (!first_page (run, error))
        return FALSE;
    }
  else if (!newer_pages (run, error))
    return FALSE;

  return older_pages (run, error);
}

static gboolean
run_with_store (LgChannelSync      *self,
                LgStore            *store,
                gint64              source_id,
                const LgSyncDepth  *depth,
                GMainContext       *context,
                GCancellable       *cancellable,
                guint              *n_new,
                GError            **error)
{
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(LgSource) source = NULL;
  g_autoptr(LgSource) saved = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) save_error = NULL;
  SyncRun run = { 0 };
  gboolean ok;

  source = lg_store_get_source (store, source_id, error);
  if (source == NULL)
    return FALSE;

  session = soup_session_new_with_options ("user-agent", LG_HTTP_USER_AGENT,
                                           "timeout", self->timeout_s,
                                           NULL);
  run.self = self;
  run.store = store;
  run.session = session;
  run.source = source;
  run.cancellable = cancellable;
  run.context = context;
  run.had = lg_source_get_message_count (source);
  if (depth != NULL)
    run.depth = *depth;

  ok = sync_source (&run, &local_error);

  /* The row as last committed, with the outcome: a failure keeps every page
   * stored before it. A cancelled sync is not an error to show. */
  saved = lg_store_get_source (store, source_id, &save_error);
  if (saved != NULL)
    {
      if (ok)
        {
          lg_source_set_last_sync (saved, g_get_real_time () / G_USEC_PER_SEC);
          lg_source_set_last_error (saved, NULL);
        }
      else if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lg_source_set_last_error (saved, local_error->message);
      lg_store_update_source (store, saved, ok ? &save_error : NULL);
    }

  if (n_new != NULL)
    *n_new = run.n_new;
  return lg_sources_sync_outcome (ok, g_steal_pointer (&local_error),
                                  g_steal_pointer (&save_error), error);
}

gboolean
lg_channel_sync_run (LgChannelSync      *self,
                     LgStore            *store,
                     gint64              source_id,
                     const LgSyncDepth  *depth,
                     GCancellable       *cancellable,
                     guint              *n_new,
                     GError            **error)
{
  g_return_val_if_fail (LG_IS_CHANNEL_SYNC (self), FALSE);
  g_return_val_if_fail (LG_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return run_with_store (self, store, source_id, depth, NULL, cancellable, n_new, error);
}

typedef struct
{
  gint64        source_id;
  LgSyncDepth   depth;
  GMainContext *context;
  guint         n_new;
} RunData;

static void
free_run_data (gpointer data)
{
  RunData *run_data = data;

  g_main_context_unref (run_data->context);
  g_free (run_data);
}

static gboolean
run_work (LgStore       *store,
          gpointer       source_object,
          gpointer       task_data,
          GCancellable  *cancellable,
          GError       **error)
{
  RunData *data = task_data;

  /* Progress goes to the caller's context, not this thread's. */
  return run_with_store (source_object, store, data->source_id, &data->depth, data->context,
                         cancellable, &data->n_new, error);
}

void
lg_channel_sync_run_async (LgChannelSync       *self,
                           const char          *db_path,
                           gint64               source_id,
                           const LgSyncDepth   *depth,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  g_return_if_fail (LG_IS_CHANNEL_SYNC (self));
  g_return_if_fail (db_path != NULL);

  data = g_new0 (RunData, 1);
  data->source_id = source_id;
  if (depth != NULL)
    data->depth = *depth;
  data->context = g_main_context_ref_thread_default ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lg_channel_sync_run_async);
  g_task_set_task_data (task, data, free_run_data);
  lg_store_run_in_thread (task, db_path, run_work);
}

gboolean
lg_channel_sync_run_finish (LgChannelSync  *self,
                            GAsyncResult   *result,
                            guint          *n_new,
                            GError        **error)
{
  RunData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  data = g_task_get_task_data (G_TASK (result));
  if (n_new != NULL)
    *n_new = data->n_new;
  return TRUE;
}
