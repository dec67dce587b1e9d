/* lg-sources.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What can go wrong while reading a channel, a feed or an export; each error's message
 * is a sentence for the user. */
#define LG_SOURCES_ERROR (lg_sources_error_quark ())

typedef enum
{
  LG_SOURCES_ERROR_INVALID_HANDLE,   /* not a channel name or link */
  LG_SOURCES_ERROR_NO_SUCH_CHANNEL,  /* nobody has that name */
  LG_SOURCES_ERROR_NOT_PUBLIC,       /* a group, a private channel or a person: no web preview */
  LG_SOURCES_ERROR_NO_POSTS,         /* a public channel without a single post */
  LG_SOURCES_ERROR_NETWORK,          /* no connection, refused, DNS, a server error */
  LG_SOURCES_ERROR_TIMEOUT,          /* the server did not answer in time */
  LG_SOURCES_ERROR_UNEXPECTED_PAGE,  /* the page is not shaped like a channel preview */
  LG_SOURCES_ERROR_RATE_LIMITED,     /* still 429 after the retries */
  LG_SOURCES_ERROR_INVALID_EXPORT,   /* a chat export it cannot read */
  LG_SOURCES_ERROR_REDIRECTED,       /* sent to another site, or from https to http */
  LG_SOURCES_ERROR_NOT_A_FEED,       /* a web page or file that is no RSS, Atom or JSON Feed */
  LG_SOURCES_ERROR_DAMAGED_FEED,     /* a feed cut off or broken on the way */
  LG_SOURCES_ERROR_BACKING_OFF,      /* not fetched: too soon after the last time, or the server asked to wait */
  LG_SOURCES_ERROR_UNKNOWN_EXPORT,   /* a file that is no chat export Leadgram reads */
  LG_SOURCES_ERROR_AMBIGUOUS_DATES,  /* dates that read day first or month first alike */
} LgSourcesError;

GQuark lg_sources_error_quark (void);

/* Emits a progress signal of signature (gint64 id, guint count, double
 * fraction) on emitter, in context (NULL: right here). Workers use it to
 * report to the thread that started them. */
void   lg_sources_report_progress (GMainContext *context,
                                   GObject      *emitter,
                                   guint         signal_id,
                                   gint64        id,
                                   guint         count,
                                   double        fraction);

/* How a sync ends, from whether it went through (ok, else sync_error says
 * why) and the error saving its outcome in the source met: the sync's own
 * failure first, then the saving's. Takes both errors. */
gboolean lg_sources_sync_outcome   (gboolean      ok,
                                    GError       *sync_error,
                                    GError       *save_error,
                                    GError      **error);

G_END_DECLS
