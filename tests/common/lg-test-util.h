/* lg-test-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers the tests of every layer share.
 */

#pragma once

#include "lg-store.h"

G_BEGIN_DECLS

/* A fresh folder under the test's temporary directory, removed at exit. */
char     *lg_test_make_tmpdir  (void);
/* A new, empty database in a fresh folder. */
LgStore  *lg_test_open_store   (void);
LgSource *lg_test_add_source   (LgStore    *store,
                                const char *handle);
LgLead   *lg_test_add_lead     (LgStore    *store,
                                const char *name,
                                const char *stage);
gint64    lg_test_add_followup (LgStore    *store,
                                gint64      lead_id,
                                gint64      due_at,
                                const char *kind,
                                const char *note);
/* Runs $LEADGRAM_CLI with args, as a script would; returns its exit status,
 * its output in out and err (each may be NULL). */
int       lg_test_run_cli      (const char * const *args,
                                char              **out,
                                char              **err);

G_END_DECLS
