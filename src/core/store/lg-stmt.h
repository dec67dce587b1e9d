/* lg-stmt.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* A prepared statement of either backend, for the store's files, which
 * write their SQL once for both: SQLite's (the personal workspace) or
 * PostgreSQL's (a team's, lg-pg-stmt.c). The calls and their results are
 * SQLite's (SQLITE_ROW, SQLITE_DONE, SQLITE_NULL, ...), so that a query on
 * SQLite costs no more than it did, one branch per call. Parameters are
 * written ?1, ?2, ... in the SQL text of both. */
typedef struct _LgPgStmt LgPgStmt;

typedef struct
{
  sqlite3_stmt *sqlite;
  LgPgStmt     *pg;
} LgStmt;

int         lg_pg_stmt_step         (LgPgStmt   *stmt);
void        lg_pg_stmt_reset        (LgPgStmt   *stmt);
void        lg_pg_stmt_bind_int64   (LgPgStmt   *stmt,
                                     int         param,
                                     gint64      value);
void        lg_pg_stmt_bind_double  (LgPgStmt   *stmt,
                                     int         param,
                                     double      value);
void        lg_pg_stmt_bind_string  (LgPgStmt   *stmt,
                                     int         param,
                                     const char *text,
                                     int         length);
void        lg_pg_stmt_bind_null    (LgPgStmt   *stmt,
                                     int         param);
int         lg_pg_stmt_column_type  (LgPgStmt   *stmt,
                                     int         column);
gint64      lg_pg_stmt_column_int64 (LgPgStmt   *stmt,
                                     int         column);
double      lg_pg_stmt_column_double (LgPgStmt  *stmt,
                                      int        column);
const char *lg_pg_stmt_column_text  (LgPgStmt   *stmt,
                                     int         column);
int         lg_pg_stmt_column_count (LgPgStmt   *stmt);
const char *lg_pg_stmt_column_name  (LgPgStmt   *stmt,
                                     int         column);

static inline int
lg_stmt_step (LgStmt *stmt)
{
  return G_LIKELY (stmt->pg == NULL) ? sqlite3_step (stmt->sqlite) : lg_pg_stmt_step (stmt->pg);
}

static inline void
lg_stmt_reset (LgStmt *stmt)
{
  if (G_LIKELY (stmt->pg == NULL))
    sqlite3_reset (stmt->sqlite);
  else
    lg_pg_stmt_reset (stmt->pg);
}

static inline void
lg_stmt_bind_int64 (LgStmt *stmt,
                    int     param,
                    gint64  value)
{
  if (G_LIKELY (stmt->pg == NULL))
    sqlite3_bind_int64 (stmt->sqlite, param, value);
  else
    lg_pg_stmt_bind_int64 (stmt->pg, param, value);
}

static inline void
lg_stmt_bind_int (LgStmt *stmt,
                  int     param,
                  int     value)
{
  lg_stmt_bind_int64 (stmt, param, value);
}

static inline void
lg_stmt_bind_double (LgStmt *stmt,
                     int     param,
                     double  value)
{
  if (G_LIKELY (stmt->pg == NULL))
    sqlite3_bind_double (stmt->sqlite, param, value);
  else
    lg_pg_stmt_bind_double (stmt->pg, param, value);
}

/* text as it is, "" included; length in bytes or -1; SQLite keeps a pointer
 * to it until the statement is reset when destructor is SQLITE_STATIC, and
 * frees it with destructor when that is a function. */
static inline void
lg_stmt_bind_string (LgStmt        *stmt,
                     int            param,
                     const char    *text,
                     int            length,
                     void         (*destructor) (void *))
{
  if (G_LIKELY (stmt->pg == NULL))
    sqlite3_bind_text (stmt->sqlite, param, text, length, destructor);
  else
    {
      /* PostgreSQL's statement keeps a copy. */
      lg_pg_stmt_bind_string (stmt->pg, param, text, length);
      if (destructor != SQLITE_STATIC && destructor != SQLITE_TRANSIENT)
        destructor ((void *) text);
    }
}

static inline void
lg_stmt_bind_null (LgStmt *stmt,
                   int     param)
{
  if (G_LIKELY (stmt->pg == NULL))
    sqlite3_bind_null (stmt->sqlite, param);
  else
    lg_pg_stmt_bind_null (stmt->pg, param);
}

static inline int
lg_stmt_column_type (LgStmt *stmt,
                     int     column)
{
  return G_LIKELY (stmt->pg == NULL) ? sqlite3_column_type (stmt->sqlite, column)
                                     : lg_pg_stmt_column_type (stmt->pg, column);
}

static inline gint64
lg_stmt_column_int64 (LgStmt *stmt,
                      int     column)
{
  return G_LIKELY (stmt->pg == NULL) ? sqlite3_column_int64 (stmt->sqlite, column)
                                     : lg_pg_stmt_column_int64 (stmt->pg, column);
}

static inline int
lg_stmt_column_int (LgStmt *stmt,
                    int     column)
{
  return (int) lg_stmt_column_int64 (stmt, column);
}

static inline double
lg_stmt_column_double (LgStmt *stmt,
                       int     column)
{
  return G_LIKELY (stmt->pg == NULL) ? sqlite3_column_double (stmt->sqlite, column)
                                     : lg_pg_stmt_column_double (stmt->pg, column);
}

static inline const unsigned char *
lg_stmt_column_text (LgStmt *stmt,
                     int     column)
{
  return G_LIKELY (stmt->pg == NULL) ? sqlite3_column_text (stmt->sqlite, column)
                                     : (const unsigned char *) lg_pg_stmt_column_text (stmt->pg, column);
}

static inline int
lg_stmt_column_count (LgStmt *stmt)
{
  return G_LIKELY (stmt->pg == NULL) ? sqlite3_column_count (stmt->sqlite)
                                     : lg_pg_stmt_column_count (stmt->pg);
}

static inline const char *
lg_stmt_column_name (LgStmt *stmt,
                     int     column)
{
  return G_LIKELY (stmt->pg == NULL) ? sqlite3_column_name (stmt->sqlite, column)
                                     : lg_pg_stmt_column_name (stmt->pg, column);
}

/* A column's value kept past the row (a deleted lead's rows, for Undo): an
 * "x", "d", "s" or "ay" GVariant, "()" for NULL; bound again as it was. */
GVariant   *lg_stmt_column_variant  (LgStmt     *stmt,
                                     int         column);
void        lg_stmt_bind_variant    (LgStmt     *stmt,
                                     int         param,
                                     GVariant   *value);

G_END_DECLS
