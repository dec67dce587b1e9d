/* lg-feed-sync.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-feed-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "lg-feed.h"
#include "lg-feed-preset.h"
#include "lg-feed-sync.h"
#include "lg-http.h"
#include "lg-sources.h"

#define MAX_REDIRECTS  5
/* However often a server fails, it is asked again within six hours. */
#define MAX_BACKOFF_S  (6 * 3600)
#define ACCEPT         "application/atom+xml, application/rss+xml, application/feed+json, " \
                       "application/json;q=0.9, application/xml;q=0.8, text/xml;q=0.8, " \
                       "*/*;q=0.5"

struct _LgFeedSync
{
  GObject  parent_instance;

  guint    pause_ms;
  guint    interval_s;
  guint    timeout_s;
};

G_DEFINE_FINAL_TYPE (LgFeedSync, lg_feed_sync, G_TYPE_OBJECT)

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
lg_feed_sync_class_init (LgFeedSyncClass *klass)
{
  /**
   * LgFeedSync::progress:
   * @source_id: the feed being synced
   * @n_new: messages stored so far by this sync
   * @fraction: always -1: a feed is one request
   *
   * The same signature as LgChannelSync::progress, so that one handler
   * serves both.
   */
  signals[PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_UINT, G_TYPE_DOUBLE);
}

static void
lg_feed_sync_init (LgFeedSync *self)
{
  self->pause_ms = 1500;
  self->interval_s = LG_FEED_SYNC_INTERVAL_S;
  self->timeout_s = 30;
}

LgFeedSync *
lg_feed_sync_new (void)
{
  return g_object_new (LG_TYPE_FEED_SYNC, NULL);
}

void
lg_feed_sync_set_timing (LgFeedSync *self,
                         guint       pause_ms,
                         guint       interval_s,
                         guint       timeout_s)
{
  g_return_if_fail (LG_IS_FEED_SYNC (self));
  g_return_if_fail (timeout_s > 0);

  self->pause_ms = pause_ms;
  self->interval_s = interval_s;
  self->timeout_s = timeout_s;
}

LgSource *
lg_feed_sync_add_feed (LgFeedSync  *self,
                       LgStore     *store,
                       const char  *spec,
                       GError     **error)
{
  g_auto(LgFeedTarget) target = { 0 };

  g_return_val_if_fail (LG_IS_FEED_SYNC (self), NULL);
  g_return_val_if_fail (LG_IS_STORE (store), NULL);
  g_return_val_if_fail (spec != NULL, NULL);

  if (!lg_feed_preset_parse (spec, &target, error))
    return NULL;
  return lg_feed_sync_add_target (self, store, &target, error);
}

LgSource *
lg_feed_sync_add_target (LgFeedSync          *self,
                         LgStore             *store,
                         const LgFeedTarget  *target,
                         GError             **error)
{
  g_return_val_if_fail (LG_IS_FEED_SYNC (self), NULL);
  g_return_val_if_fail (LG_IS_STORE (store), NULL);
  g_return_val_if_fail (target != NULL && target->url != NULL, NULL);

  /* The address is the feed's identity: two ways of typing one subreddit
   * make one source. */
  return lg_store_ensure_source (store, "feed", target->url, target->title, target->url, NULL,
                                 error);
}

static char *
format_clock (gint64 unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  return local != NULL ? g_date_time_format (local, "%H:%M") : g_strdup ("?");
}

char *
lg_feed_sync_describe_wait (LgSource *source,
                            gint64    now)
{
  g_autofree char *clock = NULL;

  g_return_val_if_fail (LG_IS_SOURCE (source), NULL);

  if (lg_source_get_failures (source) == 0 || lg_source_get_retry_at (source) <= now)
    return NULL;
  clock = format_clock (lg_source_get_retry_at (source));
  if (lg_source_get_last_error (source) == NULL)
    /* TRANSLATORS: %s is a time of day, e.g. 14:05 */
    return g_strdup_printf (_("Waiting until %s."), clock);
  /* TRANSLATORS: "Waiting until 14:05: reddit.com asked Leadgram to slow down." */
  return g_strdup_printf (_("Waiting until %s: %s"), clock, lg_source_get_last_error (source));
}

typedef struct
{
  LgFeedSync    *self;
  LgStore       *store;
  LgSource      *source;
  GCancellable  *cancellable;
  GMainContext  *context;  /* where progress goes; NULL: this thread */
  gint64         now;
  gint64         answered_us;  /* real time the host last answered (or failed to) */
  guint          n_new;
  /* What the answer asks the source to keep. */
  gboolean       back_off;
  gint64         retry_after;  /* seconds, -1: none said */
  char          *permanent_url;
  /* What the answer that brought the feed said. */
  char          *etag;
  char          *modified;
  char          *final_url;
} FeedRun;

static void
report_progress (FeedRun *run)
{
  lg_sources_report_progress (run->context, G_OBJECT (run->self), signals[PROGRESS],
                              lg_source_get_id (run->source), run->n_new, -1.0);
}

static void
set_status_error (FeedRun      *run,
                  SoupMessage  *msg,
                  const char   *site,
                  GError      **error)
{
  guint status = soup_message_get_status (msg);

  if (status == LG_HTTP_TOO_MANY_REQUESTS || SOUP_STATUS_IS_SERVER_ERROR (status))
    {
      run->back_off = TRUE;
      run->retry_after = lg_http_retry_after_s (msg, MAX_BACKOFF_S);
    }

  if (status == LG_HTTP_TOO_MANY_REQUESTS)
    g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_RATE_LIMITED,
                 _("%s asked Leadgram to slow down."), site);
  else if (SOUP_STATUS_IS_SERVER_ERROR (status))
    g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_NETWORK,
                 _("%s has a problem of its own (error %u)."), site, status);
  else if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE)
    g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_NOT_A_FEED,
                 _("There is no feed at this address on %s (error %u). Check the address, or "
                   "remove the source."), site, status);
  else
    g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_NETWORK,
                 _("%s refused the request (error %u: %s). Sync again later."),
                 site, status, soup_status_get_phrase (status));
}

static SoupMessage *
new_request (FeedRun *run,
             GUri    *uri)
{
  SoupMessage *msg = soup_message_new_from_uri (SOUP_METHOD_GET, uri);
  SoupMessageHeaders *headers = soup_message_get_request_headers (msg);

  soup_message_headers_replace (headers, "Accept", ACCEPT);
  if (lg_source_get_etag (run->source) != NULL)
    soup_message_headers_replace (headers, "If-None-Match", lg_source_get_etag (run->source));
  if (lg_source_get_modified (run->source) != NULL)
    soup_message_headers_replace (headers, "If-Modified-Since",
                                  lg_source_get_modified (run->source));
  return msg;
}

/* The feed's body, or NULL with *not_modified set on 304. Redirects are
 * followed by hand, so each hop waits its turn and none drops https. */
static GBytes *
fetch (FeedRun      *run,
       SoupSession  *session,
       gboolean     *not_modified,
       GError      **error)
{
  g_autofree char *url = g_strdup (lg_source_get_url (run->source));
  gboolean permanent = TRUE;

  *not_modified = FALSE;
  for (guint redirects = 0;; redirects++)
    {
      g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
      g_autoptr(SoupMessage) msg = NULL;
      g_autoptr(GBytes) body = NULL;
      g_autofree char *site = NULL;
      SoupMessageHeaders *headers;
      const char *location;
      guint status;

      if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
        {
          g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_HANDLE,
                       _("“%s” is not a web address. Remove the source and add the feed "
                         "again."), url != NULL ? url : "");
          return NULL;
        }
      site = lg_http_describe_site (uri, url);

      msg = new_request (run, uri);
      body = lg_http_send (session, msg, run->self->pause_ms, run->self->timeout_s,
                           run->cancellable, error);
      run->answered_us = g_get_real_time ();
      if (body == NULL)
        return NULL;

      status = soup_message_get_status (msg);
      headers = soup_message_get_response_headers (msg);
      if (status == SOUP_STATUS_NOT_MODIFIED)
        {
          *not_modified = TRUE;
          return NULL;
        }
      if (SOUP_STATUS_IS_SUCCESSFUL (status))
        {
          /* Kept for the next request only once the feed is stored. */
          run->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
          run->modified = g_strdup (soup_message_headers_get_one (headers, "Last-Modified"));
          run->final_url = g_strdup (url);
          if (permanent && redirects > 0)
            run->permanent_url = g_strdup (url);
          return g_steal_pointer (&body);
        }

      location = soup_message_headers_get_one (headers, "Location");
      if (SOUP_STATUS_IS_REDIRECTION (status) && location != NULL)
        {
          g_autofree char *next = g_uri_resolve_relative (url, location, G_URI_FLAGS_NONE, NULL);
          g_autoptr(GUri) next_uri = next != NULL ? g_uri_parse (next, G_URI_FLAGS_NONE, NULL)
                                                  : NULL;

          if (next_uri == NULL || redirects >= MAX_REDIRECTS)
            {
              g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_REDIRECTED,
                           _("%s keeps sending Leadgram elsewhere; the feed was not synced. "
                             "Open the address in a browser to find where the feed went."),
                           site);
              return NULL;
            }
          if (lg_http_is_downgrade (uri, next_uri))
            {
              g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_REDIRECTED,
                           _("%s redirected to an address without encryption (%s://); the "
                             "feed was not synced."),
                           site, g_uri_get_scheme (next_uri));
              return NULL;
            }
          /* Only a chain of permanent moves changes the address kept. */
          permanent &= status == SOUP_STATUS_MOVED_PERMANENTLY ||
                       status == SOUP_STATUS_PERMANENT_REDIRECT;
          g_free (url);
          url = g_steal_pointer (&next);
          continue;
        }

      set_status_error (run, msg, site, error);
      return NULL;
    }
}

/* Whether the source's title is still the host name its preset gave it
 * ("forum.example.org"), found in its address (also under a test's base
 * address); the presets' own names ("r/x", "#tag on server") are not. */
static gboolean
is_named_by_host (LgSource *source)
{
  const char *title = lg_source_get_title (source);

  if (title == NULL || strchr (title, '.') == NULL || lg_source_get_url (source) == NULL)
    return FALSE;
  for (const char *p = title; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr (".-:", *p) == NULL)
      return FALSE;
  return strstr (lg_source_get_url (source), title) != NULL;
}

/* The feed's items and the source's new state, as one transaction. */
static gboolean
store_feed (FeedRun  *run,
            LgFeed   *feed,
            GError  **error)
{
  GPtrArray *messages = lg_feed_get_messages (feed);

  if (!lg_store_begin (run->store, error))
    return FALSE;

  for (guint i = 0; i < messages->len; i++)
    {
      LgMessage *message = g_ptr_array_index (messages, i);
      gboolean inserted = FALSE;

      lg_message_set_source_id (message, lg_source_get_id (run->source));
      /* An item without a date is dated when it was first seen. */
      if (lg_message_get_sent_at (message) <= 0)
        lg_message_set_sent_at (message, run->now);
      if (!lg_store_add_message (run->store, message, &inserted, error))
        {
          lg_store_rollback (run->store);
          return FALSE;
        }
      run->n_new += inserted ? 1 : 0;
    }

  /* A source still named after its host (a forum, a blog) takes the
   * feed's own name; one named by its preset ("r/smallbusiness") keeps it. */
  if (lg_feed_get_title (feed) != NULL && is_named_by_host (run->source))
    lg_source_set_title (run->source, lg_feed_get_title (feed));
  if (lg_feed_get_icon_url (feed) != NULL)
    lg_source_set_icon_url (run->source, lg_feed_get_icon_url (feed));
  lg_source_set_etag (run->source, run->etag);
  lg_source_set_modified (run->source, run->modified);

  if (!lg_store_update_source (run->store, run->source, error) ||
      !lg_store_commit (run->store, error))
    {
      lg_store_rollback (run->store);
      return FALSE;
    }
  return TRUE;
}

/* How long until the feed may be asked again, to the millisecond (retry_at
 * keeps whole seconds, rounded up), never more than the polite interval: a
 * clock set back does not hold the sync up. */
static guint
polite_wait_ms (FeedRun *run)
{
  gint64 left_us = lg_source_get_retry_at (run->source) * G_USEC_PER_SEC - g_get_real_time ();

  if (left_us <= 0)
    return 0;
  return MIN ((left_us + 999) / 1000, (gint64) run->self->interval_s * 1000);
}

static gboolean
sync_feed (FeedRun  *run,
           GError  **error)
{
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(LgFeed) feed = NULL;
  gboolean not_modified = FALSE;
  gint64 wait_s = lg_source_get_retry_at (run->source) - run->now;
  const char *data;
  gsize size;

  if (lg_source_get_sample (run->source) ||
      g_strcmp0 (lg_source_get_kind (run->source), "feed") != 0)
    {
      g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_HANDLE,
                   _("“%s” is not a feed Leadgram can read from the web."),
                   lg_source_get_title (run->source));
      return FALSE;
    }

  /* A server that asked to wait is not asked before its time; the polite
   * minute between two syncs is waited out. */
  if (wait_s > 0 && lg_source_get_failures (run->source) > 0)
    {
      g_autofree char *wait = lg_feed_sync_describe_wait (run->source, run->now);

      g_set_error_literal (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_BACKING_OFF, wait);
      return FALSE;
    }
  report_progress (run);
  if (!lg_http_wait_ms (polite_wait_ms (run), run->cancellable, error))
    return FALSE;
  run->now = MAX (run->now, g_get_real_time () / G_USEC_PER_SEC);

  session = soup_session_new_with_options ("user-agent", LG_HTTP_USER_AGENT,
                                           "timeout", run->self->timeout_s,
                                           NULL);
  body = fetch (run, session, &not_modified, error);
  if (body == NULL)
    return not_modified;

  data = g_bytes_get_data (body, &size);
  feed = lg_feed_parse (data != NULL ? data : "", size, run->final_url, error);
  if (feed == NULL)
    return FALSE;

  if (!store_feed (run, feed, error))
    return FALSE;
  report_progress (run);
  return TRUE;
}

/* The next time the feed may be fetched after this sync, and the count of
 * failures in a row: a minute after a success, doubling from two minutes
 * after each failure the server owns, or as long as it said. Counted from
 * when the host answered, not from the sync's start: a sync whose writes
 * take a while (a team workspace's go to a server) would otherwise let the
 * next request follow sooner than the interval. Rounded up to the whole
 * second retry_at keeps, so never a moment early. */
static void
schedule_next (FeedRun  *run,
               LgSource *saved,
               gboolean  ok)
{
  int failures = run->back_off ? lg_source_get_failures (saved) + 1 : 0;
  gint64 wait = run->self->interval_s;
  gint64 answered_s = (run->answered_us + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC;

  if (run->back_off)
    {
      wait = (gint64) run->self->interval_s << MIN (failures, 16);
      if (run->retry_after >= 0)
        wait = run->retry_after;
    }
  lg_source_set_failures (saved, failures);
  lg_source_set_retry_at (saved, answered_s + MIN (wait, MAX_BACKOFF_S));
  if (ok)
    lg_source_set_last_sync (saved, run->now);
}

static gboolean
run_with_store (LgFeedSync    *self,
                LgStore       *store,
                gint64         source_id,
                GMainContext  *context,
                GCancellable  *cancellable,
                guint         *n_new,
                GError       **error)
{
  g_autoptr(LgSource) source = NULL;
  g_autoptr(LgSource) saved = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GError) save_error = NULL;
  FeedRun run = { 0 };
  gboolean ok;

  source = lg_store_get_source (store, source_id, error);
  if (source == NULL)
    return FALSE;

  run.self = self;
  run.store = store;
  run.source = source;
  run.cancellable = cancellable;
  run.context = context;
  run.now = g_get_real_time () / G_USEC_PER_SEC;
  /* No request made (not a feed, no address): counted from now. */
  run.answered_us = g_get_real_time ();
  run.retry_after = -1;

  ok = sync_feed (&run, &local_error);

  /* The row as last committed, with the outcome. A cancelled sync, or one
   * refused while backing off, changes nothing. */
  if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      !g_error_matches (local_error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_BACKING_OFF) &&
      (saved = lg_store_get_source (store, source_id, &save_error)) != NULL)
    {
      schedule_next (&run, saved, ok);
      lg_source_set_last_error (saved, ok ? NULL : local_error->message);
      if (ok && run.permanent_url != NULL)
        lg_source_set_url (saved, run.permanent_url);
      lg_store_update_source (store, saved, ok ? &save_error : NULL);
    }
  g_free (run.permanent_url);
  g_free (run.etag);
  g_free (run.modified);
  g_free (run.final_url);

  if (n_new != NULL)
    *n_new = run.n_new;
  return lg_sources_sync_outcome (ok, g_steal_pointer (&local_error),
                                  g_steal_pointer (&save_error), error);
}

gboolean
lg_feed_sync_run (LgFeedSync    *self,
                  LgStore       *store,
                  gint64         source_id,
                  GCancellable  *cancellable,
                  guint         *n_new,
                  GError       **error)
{
  g_return_val_if_fail (LG_IS_FEED_SYNC (self), FALSE);
  g_return_val_if_fail (LG_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return run_with_store (self, store, source_id, NULL, cancellable, n_new, error);
}

typedef struct
{
  gint64        source_id;
  GMainContext *context;
  guint         n_new;
} FeedRunData;

static void
free_feed_run_data (gpointer data)
{
  FeedRunData *feed_data = data;

  g_main_context_unref (feed_data->context);
  g_free (feed_data);
}

static gboolean
feed_run_work (LgStore       *store,
               gpointer       source_object,
               gpointer       task_data,
               GCancellable  *cancellable,
               GError       **error)
{
  FeedRunData *feed_data = task_data;

  return run_with_store (source_object, store, feed_data->source_id, feed_data->context,
                         cancellable, &feed_data->n_new, error);
}

void
lg_feed_sync_run_async (LgFeedSync          *self,
                        const char          *db_path,
                        gint64               source_id,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FeedRunData *feed_data;

  g_return_if_fail (LG_IS_FEED_SYNC (self));
  g_return_if_fail (db_path != NULL);

  feed_data = g_new0 (FeedRunData, 1);
  feed_data->source_id = source_id;
  feed_data->context = g_main_context_ref_thread_default ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lg_feed_sync_run_async);
  g_task_set_task_data (task, feed_data, free_feed_run_data);
  lg_store_run_in_thread (task, db_path, feed_run_work);
}

gboolean
lg_feed_sync_run_finish (LgFeedSync    *self,
                         GAsyncResult  *result,
                         guint         *n_new,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (n_new != NULL)
    *n_new = ((FeedRunData *) g_task_get_task_data (G_TASK (result)))->n_new;
  return TRUE;
}
