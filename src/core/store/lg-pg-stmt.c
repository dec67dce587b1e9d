/* lg-pg-stmt.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lg-pg-stmt.h"

/* Type oids from PostgreSQL's catalog (pg_type.dat); libpq does not export
 * them to clients. */
#define BOOL_OID    16
#define BYTEA_OID   17
#define INT8_OID    20
#define INT2_OID    21
#define INT4_OID    23
#define FLOAT4_OID  700
#define FLOAT8_OID  701
#define NUMERIC_OID 1700
#define TEXT_OID    25

struct _LgPgStmt
{
  LgPgSession *session;
  char        *sql;      /* translated */
  char        *name;     /* on the server, once prepared */
  int          n_params;
  char       **values;   /* NULL for SQL NULL */
  Oid         *types;    /* of what was bound, 0 for text or NULL */
  PGresult    *result;
  int          row;      /* the current row; -1 before the first */
  gboolean     binary;   /* results in PostgreSQL's binary format */
};

char *
lg_pg_translate (const char *sql)
{
  GString *out = g_string_sized_new (strlen (sql) + 16);
  int next = 0;
  char quote = 0;

  for (const char *p = sql; *p != '\0'; p++)
    {
      if (quote != 0)
        {
          if (*p == quote)
            quote = 0;
          g_string_append_c (out, *p);
        }
      else if (*p == '\'' || *p == '"')
        {
          quote = *p;
          g_string_append_c (out, *p);
        }
      else if (*p == '?')
        {
          if (g_ascii_isdigit (p[1]))
            {
              char *end;
              guint64 n = g_ascii_strtoull (p + 1, &end, 10);

              g_string_append_printf (out, "$%" G_GUINT64_FORMAT, n);
              next = MAX (next, (int) n);
              p = end - 1;
            }
          else
            g_string_append_printf (out, "$%d", ++next);
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static int
count_params (const char *sql)
{
  int n = 0;

  for (const char *p = strchr (sql, '$'); p != NULL; p = strchr (p + 1, '$'))
    if (g_ascii_isdigit (p[1]))
      n = MAX (n, atoi (p + 1));
  return n;
}

LgPgStmt *
lg_pg_stmt_new (LgPgSession *session,
                const char  *sql)
{
  LgPgStmt *stmt = g_new0 (LgPgStmt, 1);

  stmt->session = session;
  stmt->sql = lg_pg_translate (sql);
  stmt->n_params = count_params (stmt->sql);
  stmt->values = g_new0 (char *, stmt->n_params + 1);
  stmt->types = g_new0 (Oid, stmt->n_params + 1);
  stmt->row = -1;
  return stmt;
}

void
lg_pg_stmt_free (LgPgStmt *stmt)
{
  if (stmt == NULL)
    return;
  g_clear_pointer (&stmt->result, PQclear);
  for (int i = 0; i < stmt->n_params; i++)
    g_free (stmt->values[i]);
  g_free (stmt->values);
  g_free (stmt->types);
  g_free (stmt->name);
  g_free (stmt->sql);
  g_free (stmt);
}

void
lg_pg_stmt_clear_bindings (LgPgStmt *stmt)
{
  for (int i = 0; i < stmt->n_params; i++)
    g_clear_pointer (&stmt->values[i], g_free);
}

static void
keep_error (LgPgSession *session,
            PGresult    *result)
{
  const char *state = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;

  g_free (session->error);
  session->error = g_strdup (result != NULL ? PQresultErrorMessage (result)
                                            : PQerrorMessage (session->conn));
  g_strchomp (session->error);
  g_strlcpy (session->sqlstate, state != NULL ? state : "", sizeof session->sqlstate);
}

gboolean
lg_pg_session_exec (LgPgSession *session,
                    const char  *sql)
{
  PGresult *result;
  ExecStatusType status;

  if (strcmp (sql, "BEGIN IMMEDIATE") == 0)
    sql = "BEGIN";
  result = PQexec (session->conn, sql);
  status = PQresultStatus (result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    keep_error (session, result);
  PQclear (result);
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

/* "could not determine data type of parameter": 42P18, or 42P08 where it
 * is used as its own test ("$1 IS NULL"). */
static gboolean
type_unknown (LgPgSession *session)
{
  return strcmp (session->sqlstate, "42P18") == 0 || strcmp (session->sqlstate, "42P08") == 0;
}

static gboolean
prepare (LgPgStmt *stmt,
         gboolean  nulls_as_text)
{
  g_autofree Oid *types = g_memdup2 (stmt->types, sizeof (Oid) * (stmt->n_params + 1));
  PGresult *result;
  gboolean ok;

  if (nulls_as_text)
    for (int i = 0; i < stmt->n_params; i++)
      if (types[i] == 0)
        types[i] = TEXT_OID;

  g_free (stmt->name);
  stmt->name = g_strdup_printf ("lg_%u", ++stmt->session->n_prepared);
  result = PQprepare (stmt->session->conn, stmt->name, stmt->sql, stmt->n_params, types);
  ok = PQresultStatus (result) == PGRES_COMMAND_OK;
  if (!ok)
    {
      keep_error (stmt->session, result);
      g_clear_pointer (&stmt->name, g_free);
    }
  PQclear (result);
  return ok;
}

/* Prepares with the bound types, then, if the server cannot tell the type
 * of a parameter bound NULL or used by another backend's branch only, with
 * text for those. A failed statement ends the transaction it is in: inside
 * one, the first try is a savepoint's, undone when it fails. */
static gboolean
prepare_guessing_types (LgPgStmt *stmt)
{
  LgPgSession *session = stmt->session;
  gboolean in_transaction = PQtransactionStatus (session->conn) == PQTRANS_INTRANS;
  gboolean ok;

  if (in_transaction && !lg_pg_session_exec (session, "SAVEPOINT lg_prepare"))
    return FALSE;
  ok = prepare (stmt, FALSE);
  if (in_transaction)
    {
      g_autofree char *error = g_steal_pointer (&session->error);
      char sqlstate[6];

      memcpy (sqlstate, session->sqlstate, sizeof sqlstate);
      if (!lg_pg_session_exec (session, ok ? "RELEASE lg_prepare"
                                           : "ROLLBACK TO lg_prepare; RELEASE lg_prepare"))
        return FALSE;
      g_free (session->error);
      session->error = g_steal_pointer (&error);
      memcpy (session->sqlstate, sqlstate, sizeof sqlstate);
    }
  return ok || (type_unknown (session) && prepare (stmt, TRUE));
}

int
lg_pg_stmt_step (LgPgStmt *stmt)
{
  /* As SQLite's sqlite3_step() does, a statement stepped again after its
   * end runs again. */
  if (stmt->result != NULL && stmt->row >= PQntuples (stmt->result))
    lg_pg_stmt_reset (stmt);
  if (stmt->result == NULL)
    {
      PGresult *result;
      ExecStatusType status;

      if (stmt->name == NULL && !prepare_guessing_types (stmt))
        {
          g_debug ("Could not prepare %s: %s", stmt->sql, stmt->session->error);
          return SQLITE_ERROR;
        }

      result = PQexecPrepared (stmt->session->conn, stmt->name, stmt->n_params,
                               (const char * const *) stmt->values, NULL, NULL,
                               stmt->binary ? 1 : 0);
      status = PQresultStatus (result);
      if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
        {
          keep_error (stmt->session, result);
          PQclear (result);
          return g_str_has_prefix (stmt->session->sqlstate, "23") ? SQLITE_CONSTRAINT
                                                                  : SQLITE_ERROR;
        }
      stmt->session->changes = g_ascii_strtoll (PQcmdTuples (result), NULL, 10);
      stmt->result = result;
      stmt->row = -1;
    }

  if (stmt->row + 1 < PQntuples (stmt->result))
    {
      stmt->row++;
      return SQLITE_ROW;
    }
  stmt->row = PQntuples (stmt->result);
  return SQLITE_DONE;
}

void
lg_pg_stmt_reset (LgPgStmt *stmt)
{
  g_clear_pointer (&stmt->result, PQclear);
  stmt->row = -1;
}

static void
bind (LgPgStmt *stmt,
      int       param,
      char     *value,
      Oid       type)
{
  g_return_if_fail (param >= 1 && param <= stmt->n_params);

  /* New values are for the next run. */
  lg_pg_stmt_reset (stmt);
  g_free (stmt->values[param - 1]);
  stmt->values[param - 1] = value;
  /* The type the server prepared the statement with stays. */
  if (stmt->name == NULL && value != NULL)
    stmt->types[param - 1] = type;
}

void
lg_pg_stmt_bind_int64 (LgPgStmt *stmt,
                       int       param,
                       gint64    value)
{
  bind (stmt, param, g_strdup_printf ("%" G_GINT64_FORMAT, value), INT8_OID);
}

void
lg_pg_stmt_bind_double (LgPgStmt *stmt,
                        int       param,
                        double    value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  bind (stmt, param, g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value)), FLOAT8_OID);
}

void
lg_pg_stmt_bind_string (LgPgStmt   *stmt,
                        int         param,
                        const char *text,
                        int         length)
{
  bind (stmt, param, length < 0 ? g_strdup (text) : g_strndup (text, length), 0);
}

void
lg_pg_stmt_bind_null (LgPgStmt *stmt,
                      int       param)
{
  bind (stmt, param, NULL, 0);
}

static gboolean
has_value (LgPgStmt *stmt,
           int       column)
{
  return stmt->result != NULL && stmt->row >= 0 && stmt->row < PQntuples (stmt->result) &&
         column >= 0 && column < PQnfields (stmt->result) &&
         !PQgetisnull (stmt->result, stmt->row, column);
}

int
lg_pg_stmt_column_type (LgPgStmt *stmt,
                        int       column)
{
  if (!has_value (stmt, column))
    return SQLITE_NULL;

  switch (PQftype (stmt->result, column))
    {
    case BOOL_OID:
    case INT2_OID:
    case INT4_OID:
    case INT8_OID:
      return SQLITE_INTEGER;
    case FLOAT4_OID:
    case FLOAT8_OID:
    case NUMERIC_OID:
      return SQLITE_FLOAT;
    case BYTEA_OID:
      return SQLITE_BLOB;
    default:
      return SQLITE_TEXT;
    }
}

void
lg_pg_stmt_set_binary_results (LgPgStmt *stmt)
{
  lg_pg_stmt_reset (stmt);
  stmt->binary = TRUE;
}

/* A number as PostgreSQL's binary format writes it: big-endian, of the
 * column's type's size. */
static guint64
binary_number (LgPgStmt *stmt,
               int       column)
{
  const guint8 *value = (const guint8 *) PQgetvalue (stmt->result, stmt->row, column);
  int size = PQgetlength (stmt->result, stmt->row, column);
  guint64 number = 0;

  g_return_val_if_fail (size == 1 || size == 2 || size == 4 || size == 8, 0);
  for (int i = 0; i < size; i++)
    number = number << 8 | value[i];
  return number;
}

gint64
lg_pg_stmt_column_int64 (LgPgStmt *stmt,
                         int       column)
{
  const char *value;

  if (!has_value (stmt, column))
    return 0;
  if (PQfformat (stmt->result, column) == 1)
    switch (PQftype (stmt->result, column))
      {
      case BOOL_OID:
        return binary_number (stmt, column) != 0;
      case INT2_OID:
        return (gint16) binary_number (stmt, column);
      case INT4_OID:
        return (gint32) binary_number (stmt, column);
      case INT8_OID:
        return (gint64) binary_number (stmt, column);
      default:
        g_return_val_if_reached (0);
      }
  value = PQgetvalue (stmt->result, stmt->row, column);
  /* A boolean expression ("x IS NULL") reads as SQLite's 1 or 0. */
  if (PQftype (stmt->result, column) == BOOL_OID)
    return value[0] == 't';
  return g_ascii_strtoll (value, NULL, 10);
}

double
lg_pg_stmt_column_double (LgPgStmt *stmt,
                          int       column)
{
  if (!has_value (stmt, column))
    return 0;
  if (PQfformat (stmt->result, column) == 1)
    {
      union { guint64 bits; double value; } number;

      g_return_val_if_fail (PQftype (stmt->result, column) == FLOAT8_OID, 0);
      number.bits = binary_number (stmt, column);
      return number.value;
    }
  return g_ascii_strtod (PQgetvalue (stmt->result, stmt->row, column), NULL);
}

const char *
lg_pg_stmt_column_text (LgPgStmt *stmt,
                        int       column)
{
  if (!has_value (stmt, column))
    return NULL;
  return PQgetvalue (stmt->result, stmt->row, column);
}

const guint8 *
lg_pg_stmt_column_blob (LgPgStmt *stmt,
                        int       column,
                        gsize    *size)
{
  if (!has_value (stmt, column))
    {
      *size = 0;
      return NULL;
    }
  *size = PQgetlength (stmt->result, stmt->row, column);
  return (const guint8 *) PQgetvalue (stmt->result, stmt->row, column);
}

int
lg_pg_stmt_column_count (LgPgStmt *stmt)
{
  return stmt->result != NULL ? PQnfields (stmt->result) : 0;
}

const char *
lg_pg_stmt_column_name (LgPgStmt *stmt,
                        int       column)
{
  return stmt->result != NULL ? PQfname (stmt->result, column) : NULL;
}
