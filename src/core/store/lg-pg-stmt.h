/* lg-pg-stmt.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libpq-fe.h>

#include "lg-stmt.h"

G_BEGIN_DECLS

/* What the last statement run on a PostgreSQL connection left behind, for
 * the store's errors and counts of changed rows. One per connection. */
typedef struct
{
  PGconn *conn;
  char   *error;      /* the server's message, or NULL */
  char    sqlstate[6];
  gint64  changes;    /* rows the last write changed */
  guint   n_prepared; /* names the next server-side statement */
} LgPgSession;

/* Prepares nothing yet: the statement is prepared on the server at its first
 * step, when its parameters' types are known from what was bound (an
 * integer's, a real's; text left for the server to infer), since SQL written
 * for SQLite says "?1 IS NULL OR x = ?1", whose type PostgreSQL cannot tell
 * from its first use. ?N and ? become $N. */
LgPgStmt   *lg_pg_stmt_new     (LgPgSession *session,
                                const char  *sql);
void        lg_pg_stmt_free    (LgPgStmt    *stmt);
void        lg_pg_stmt_clear_bindings (LgPgStmt *stmt);
/* The statement's results come in PostgreSQL's binary format, each value
 * as its type's send function writes it (a tsvector's lexemes and
 * positions, lg-store-terms.c), rather than as text to be parsed again:
 * lg_pg_stmt_column_blob() reads them; the numbers read as before. */
void        lg_pg_stmt_set_binary_results (LgPgStmt *stmt);
const guint8 *lg_pg_stmt_column_blob (LgPgStmt *stmt,
                                      int       column,
                                      gsize    *size);
/* Runs sql, one statement or several, keeping the error in session.
 * SQLite's BEGIN IMMEDIATE (take the write lock now) is PostgreSQL's BEGIN,
 * whose rows lock as they are written. */
gboolean    lg_pg_session_exec (LgPgSession *session,
                                const char  *sql);
/* Translates SQL written for SQLite's parameters into PostgreSQL's. */
char       *lg_pg_translate    (const char  *sql);

G_END_DECLS
