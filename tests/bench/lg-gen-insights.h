/* lg-gen-insights.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A realistic Insights database for the benchmark and for screenshots:
 * several sources (paid channels, a free chat, an import, referrals), a cost per
 * paid source and month, messages, and leads that moved through the stages
 * over the months before `now`, with first touches and closes.
 */

#pragma once

#include "lg-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint  n_leads;
  guint  n_messages;
  guint  months;  /* leads are spread over this many months before now */
  gint64 now;     /* UTC seconds */
  guint  seed;
} LgGenOptions;

gboolean lg_gen_insights (LgStore             *store,
                          const LgGenOptions  *options,
                          GError             **error);

G_END_DECLS
