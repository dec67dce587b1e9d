/* lg-http.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* What every request of Leadgram's sends as User-Agent: the app and its version. */
#define LG_HTTP_USER_AGENT "Leadgram/" VERSION " (+" PACKAGE_WEBSITE ")"
/* libsoup 3.2 has no name for it. */
#define LG_HTTP_TOO_MANY_REQUESTS 429

/* Sleeps, waking early (FALSE, G_IO_ERROR_CANCELLED) when cancelled. */
gboolean  lg_http_wait_ms              (guint          ms,
                                        GCancellable  *cancellable,
                                        GError       **error);

/* Sends msg politely and reads its body: one request at a time per host in
 * this process, pause_ms after the previous one to that host ended, whoever
 * sent it; redirects are not followed (the caller checks each hop). A
 * failure to get any answer becomes LG_SOURCES_ERROR_NETWORK or _TIMEOUT
 * naming the host (or G_IO_ERROR_CANCELLED). */
GBytes   *lg_http_send                 (SoupSession   *session,
                                        SoupMessage   *msg,
                                        guint          pause_ms,
                                        guint          timeout_s,
                                        GCancellable  *cancellable,
                                        GError       **error);

/* The Retry-After of a response in seconds (a number or an HTTP date),
 * at most max_s; -1 when it has none that can be read. */
gint64    lg_http_retry_after_s        (SoupMessage   *msg,
                                        gint64         max_s);

/* "t.me", or "127.0.0.1:8080" when the address names a port; fallback when
 * uri has no host. */
char     *lg_http_describe_site        (GUri          *uri,
                                        const char    *fallback);
/* Whether two addresses are on the same host and port. */
gboolean  lg_http_same_site            (GUri          *a,
                                        GUri          *b);
/* Whether going from to next drops the encryption (https to anything else). */
gboolean  lg_http_is_downgrade         (GUri          *from,
                                        GUri          *next);

G_END_DECLS
