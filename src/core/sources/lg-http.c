/* lg-http.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What every fetch from the web shares, Telegram channels and feeds alike:
 * one request at a time per host with a pause between them, waiting that
 * notices cancellation, Retry-After, and errors a user can act on.
 */

#define G_LOG_DOMAIN "lg-http"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-http.h"
#include "lg-sources.h"

/* Politeness is per host and per process: every sync shares one queue, and a
 * host gets a pause after each request whoever made it. */
typedef struct
{
  gboolean busy;
  gint64   last_end; /* monotonic µs */
} HostState;

static GMutex      hosts_mutex;
static GCond       hosts_cond;
static GHashTable *hosts;

gboolean
lg_http_wait_ms (guint          ms,
                 GCancellable  *cancellable,
                 GError       **error)
{
  gint64 end = g_get_monotonic_time () + (gint64) ms * 1000;

  for (;;)
    {
      gint64 left = end - g_get_monotonic_time ();

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (left <= 0)
        return TRUE;
      g_usleep (MIN (left, 20 * 1000));
    }
}

static gboolean
host_acquire (const char    *host,
              guint          pause_ms,
              GCancellable  *cancellable,
              GError       **error)
{
  HostState *state;

  g_mutex_lock (&hosts_mutex);
  if (hosts == NULL)
    hosts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  state = g_hash_table_lookup (hosts, host);
  if (state == NULL)
    {
      state = g_new0 (HostState, 1);
      g_hash_table_insert (hosts, g_strdup (host), state);
    }

  for (;;)
    {
      gint64 now = g_get_monotonic_time ();
      gint64 ready = state->last_end > 0 ? state->last_end + (gint64) pause_ms * 1000 : 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_mutex_unlock (&hosts_mutex);
          return FALSE;
        }
      if (!state->busy && now >= ready)
        break;
      /* Wake up now and then to notice cancellation. */
      g_cond_wait_until (&hosts_cond, &hosts_mutex,
                         state->busy ? now + 50 * 1000 : MIN (ready, now + 50 * 1000));
    }

  state->busy = TRUE;
  g_mutex_unlock (&hosts_mutex);
  return TRUE;
}

static void
host_release (const char *host)
{
  HostState *state;

  g_mutex_lock (&hosts_mutex);
  state = g_hash_table_lookup (hosts, host);
  state->busy = FALSE;
  state->last_end = g_get_monotonic_time ();
  g_cond_broadcast (&hosts_cond);
  g_mutex_unlock (&hosts_mutex);
}

static void
set_transport_error (GError      **error,
                     const GError *cause,
                     const char   *host,
                     guint         timeout_s)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, cause->message);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_TIMEOUT,
                 _("%s did not answer within %u seconds. Check your internet connection and "
                   "try again later."), host, timeout_s);
  else
    g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_NETWORK,
                 _("Could not reach %s (%s). Check your internet connection and try again."),
                 host, cause->message);
}

static int
effective_port (GUri *uri)
{
  if (g_uri_get_port (uri) > 0)
    return g_uri_get_port (uri);
  return g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
}

char *
lg_http_describe_site (GUri       *uri,
                       const char *fallback)
{
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return g_strdup (fallback);
  if (g_uri_get_port (uri) > 0)
    return g_strdup_printf ("%s:%d", g_uri_get_host (uri), g_uri_get_port (uri));
  return g_strdup (g_uri_get_host (uri));
}

gboolean
lg_http_same_site (GUri *a,
                   GUri *b)
{
  return a != NULL && b != NULL && g_uri_get_host (a) != NULL && g_uri_get_host (b) != NULL &&
         g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) == 0 &&
         effective_port (a) == effective_port (b);
}

gboolean
lg_http_is_downgrade (GUri *from,
                      GUri *next)
{
  return g_ascii_strcasecmp (g_uri_get_scheme (from), "https") == 0 &&
         g_ascii_strcasecmp (g_uri_get_scheme (next), "https") != 0;
}

gint64
lg_http_retry_after_s (SoupMessage *msg,
                       gint64       max_s)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                    "Retry-After");
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;
  char *end = NULL;
  gint64 seconds;

  if (value == NULL)
    return -1;

  seconds = g_ascii_strtoll (value, &end, 10);
  if (end != value && *end == '\0' && seconds >= 0)
    return MIN (seconds, max_s);

  when = soup_date_time_new_from_http_string (value);
  if (when == NULL)
    return -1;
  now = g_date_time_new_now_utc ();
  return CLAMP (g_date_time_difference (when, now) / G_USEC_PER_SEC, 0, max_s);
}

GBytes *
lg_http_send (SoupSession   *session,
              SoupMessage   *msg,
              guint          pause_ms,
              guint          timeout_s,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *host = g_strdup (g_uri_get_host (soup_message_get_uri (msg)));
  GBytes *body;

  g_return_val_if_fail (SOUP_IS_SESSION (session), NULL);
  g_return_val_if_fail (SOUP_IS_MESSAGE (msg), NULL);

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  if (!host_acquire (host, pause_ms, cancellable, error))
    return NULL;
  body = soup_session_send_and_read (session, msg, cancellable, &local_error);
  host_release (host);

  if (body == NULL)
    set_transport_error (error, local_error, host, timeout_s);
  return body;
}
