/* lg-store-pg.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The schema of a team workspace on PostgreSQL, one SQL script per version
 * (lg-store-pg-schema.c), as lg_store_migrations are SQLite's. */
extern const char * const lg_store_pg_migrations[];
extern const int          lg_store_pg_n_migrations;

G_END_DECLS
