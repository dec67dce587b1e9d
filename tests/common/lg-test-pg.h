/* lg-test-pg.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether this run's stores are team workspaces on PostgreSQL: the suites
 * that run on both backends are registered a second time with
 * LEADGRAM_TEST_BACKEND=postgresql. */
gboolean  lg_test_pg_wanted     (void);
/* Whether PostgreSQL's server programs are installed, for a benchmark that
 * runs on both backends and skips the team half without them. */
gboolean  lg_test_pg_available  (void);
/* The address of a new, empty database on this process's throw-away cluster
 * (initdb into a temporary folder, a server on a Unix socket there, stopped
 * and removed at exit), started on first use. */
char     *lg_test_pg_new_database (void);
/* The address of a new, empty database whose role must give @password
 * (SCRAM), as a team's server asks; the address holds no password. */
char     *lg_test_pg_new_password_database (const char *password);

/* Stops the cluster's server (a fast shutdown: its connections are cut)
 * and starts it again, for a server that goes away mid-session. */
void      lg_test_pg_stop_server  (void);
void      lg_test_pg_start_server (void);

G_END_DECLS
