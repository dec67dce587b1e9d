/* lg-sample-workspace.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A workspace to try Leadgram with before connecting anything: five sample
 * channels with a few hundred messages and two dozen leads, written by the
 * project. Everything it adds is marked as sample and removed in one go.
 */

#pragma once

#include "lg-store.h"

G_BEGIN_DECLS

/* Adds the sample sources, messages and leads in one transaction, their times
 * relative to @now. Does nothing when they are there already. */
gboolean lg_sample_workspace_load      (LgStore  *store,
                                        gint64    now,
                                        GError  **error);
/* Removes the sample sources with their messages, the sample leads and the
 * leads made from sample messages, in one transaction. */
gboolean lg_sample_workspace_remove    (LgStore  *store,
                                        GError  **error);
gboolean lg_sample_workspace_is_loaded (LgStore  *store);

G_END_DECLS
