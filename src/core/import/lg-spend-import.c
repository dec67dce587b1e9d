/* lg-spend-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ad platforms' spend reports as costs per campaign: the other half of
 * a cost per lead per campaign, whose leads the lead-form import gave the
 * source "Platform · Campaign".
 */

#define G_LOG_DOMAIN "lg-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lg-cost.h"
#include "lg-csv-reader.h"
#include "lg-format.h"
#include "lg-lead-form.h"
#include "lg-lead-import.h"
#include "lg-spend-import.h"

/* Reports open with a title and a date range above their header (Google
 * Ads'): the header is looked for in the first rows. */
#define MAX_ROWS_BEFORE_HEADER 10

typedef enum
{
  COLUMN_START,
  COLUMN_END,
  COLUMN_CAMPAIGN,
  COLUMN_AMOUNT,
  COLUMN_CURRENCY,
  N_COLUMNS
} Column;

/* The columns' headers, normalised (lg_csv_normalize_label); an amount
 * column may go on with its currency, "amountspentusd". */
static const char *column_names[N_COLUMNS] = {
  [COLUMN_START] = "reportingstarts,day,date,startdate,startdateinutc,bydate,statdate",
  [COLUMN_END] = "reportingends,enddate,enddateinutc",
  [COLUMN_CAMPAIGN] = "campaignname,campaign",
  [COLUMN_AMOUNT] = "amountspent,cost,spend,totalspent,totalcost,amountspentusd",
  [COLUMN_CURRENCY] = "currency,currencycode",
};

typedef struct
{
  int         column[N_COLUMNS];
  LgLeadForm  platform;
  char        currency[4];  /* from the amount's header, "" when it has none */
} Layout;

/* "Amount spent (EUR)": the code in brackets, when it is one. */
static void
currency_from_header (const char *header,
                      char        code[4])
{
  const char *open = strrchr (header, '(');

  code[0] = '\0';
  if (open != NULL && strlen (open) >= 5 && open[4] == ')' &&
      g_ascii_isupper (open[1]) && g_ascii_isupper (open[2]) && g_ascii_isupper (open[3]))
    g_strlcpy (code, open + 1, 4);
}

static gboolean
names_column (Column      column,
              const char *key)
{
  g_auto(GStrv) names = g_strsplit (column_names[column], ",", -1);

  if (g_strv_contains ((const char * const *) names, key))
    return TRUE;
  return column == COLUMN_AMOUNT && g_str_has_prefix (key, "amountspent");
}

/* Whether the row is a spend report's header; fills layout if it is. */
static gboolean
read_layout (LgCsvReader *reader,
             Layout      *layout)
{
  guint n = lg_csv_reader_get_n_fields (reader);

  for (guint c = 0; c < N_COLUMNS; c++)
    layout->column[c] = -1;
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = lg_csv_normalize_label (lg_csv_reader_get_field (reader, i));

      for (guint c = 0; c < N_COLUMNS; c++)
        if (layout->column[c] < 0 && names_column (c, key))
          {
            layout->column[c] = i;
            if (c == COLUMN_AMOUNT)
              currency_from_header (lg_csv_reader_get_field (reader, i), layout->currency);
            /* "Day" is the start; a header has one meaning per column. */
            break;
          }
    }
  if (layout->column[COLUMN_START] < 0 || layout->column[COLUMN_CAMPAIGN] < 0 ||
      layout->column[COLUMN_AMOUNT] < 0)
    return FALSE;

  {
    g_autofree char *start = lg_csv_normalize_label (
      lg_csv_reader_get_field (reader, layout->column[COLUMN_START]));
    g_autofree char *amount = lg_csv_normalize_label (
      lg_csv_reader_get_field (reader, layout->column[COLUMN_AMOUNT]));

    if (g_str_has_prefix (start, "reporting") || g_str_has_prefix (amount, "amountspent"))
      layout->platform = LG_LEAD_FORM_META;
    else if (g_str_equal (amount, "totalspent"))
      layout->platform = LG_LEAD_FORM_LINKEDIN;
    else if (g_str_equal (start, "day") && g_str_equal (amount, "cost"))
      layout->platform = LG_LEAD_FORM_GOOGLE;
    else if (g_str_equal (amount, "cost"))
      layout->platform = LG_LEAD_FORM_TIKTOK;
    else
      layout->platform = LG_LEAD_FORM_NONE;
  }
  return TRUE;
}

static const char *
cell (LgCsvReader *reader,
      Layout      *layout,
      Column       column)
{
  int i = layout->column[column];

  if (i < 0 || (guint) i >= lg_csv_reader_get_n_fields (reader))
    return "";
  return lg_csv_reader_get_field (reader, i);
}

/* The start of the day after the one `at` is in. */
static gint64
next_day (gint64     at,
          GTimeZone *tz)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (at);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (time, tz);
  g_autoptr(GDateTime) midnight = g_date_time_new (tz, g_date_time_get_year (local),
                                                   g_date_time_get_month (local),
                                                   g_date_time_get_day_of_month (local), 0, 0, 0);
  g_autoptr(GDateTime) next = g_date_time_add_days (midnight, 1);

  return g_date_time_to_unix (next);
}

static gboolean
value_error (GError     **error,
             guint        line,
             const char  *message)
{
  g_set_error (error, LG_CSV_ERROR, LG_CSV_ERROR_VALUE,
               _("Line %u: %s Nothing was imported: correct the report and import it again."),
               line, message);
  return FALSE;
}

/* Adds the cost, or gives the source's cost over the same days the amount. */
static gboolean
save_cost (LgStore              *store,
           gint64                source_id,
           gint64                start,
           gint64                end,
           gint64                amount,
           const char           *currency,
           const char           *note,
           LgSpendImportResult  *result,
           GError              **error)
{
  g_autoptr(GListModel) costs = lg_store_list_costs (store, source_id, start, end, error);

  if (costs == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (costs); i++)
    {
      g_autoptr(LgCost) cost = g_list_model_get_item (costs, i);

      if (lg_cost_get_period_start (cost) != start || lg_cost_get_period_end (cost) != end ||
          g_strcmp0 (lg_cost_get_currency (cost), currency) != 0)
        continue;
      if (lg_cost_get_amount (cost) == amount)
        {
          result->unchanged++;
          return TRUE;
        }
      lg_cost_set_amount (cost, amount);
      result->updated++;
      return lg_store_update_cost (store, cost, error);
    }
  result->added++;
  return lg_store_add_cost (store, source_id, start, end, amount, currency, note, error) > 0;
}

static gboolean
import_rows (LgStore              *store,
             LgCsvReader          *reader,
             Layout               *layout,
             const char           *default_currency,
             const char           *note,
             LgSpendImportResult  *result,
             GCancellable         *cancellable,
             GError              **error)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GError) read_error = NULL;
  const char *platform = lg_lead_form_get_name (layout->platform);

  while (lg_csv_reader_next (reader, cancellable, &read_error))
    {
      guint line = lg_csv_reader_get_line (reader);
      const char *campaign = cell (reader, layout, COLUMN_CAMPAIGN);
      const char *start_text = cell (reader, layout, COLUMN_START);
      const char *end_text = cell (reader, layout, COLUMN_END);
      const char *currency = cell (reader, layout, COLUMN_CURRENCY);
      g_autofree char *source_name = NULL;
      g_autofree char *message = NULL;
      g_autoptr(LgSource) source = NULL;
      gint64 start, end, amount;
      gboolean created;

      /* Totals ("Total: Account", "Total") and rows of no campaign. */
      if (*campaign == '\0' || g_str_equal (campaign, "--") ||
          g_ascii_strncasecmp (campaign, "total", 5) == 0 ||
          g_ascii_strncasecmp (start_text, "total", 5) == 0)
        continue;

      if (!lg_csv_parse_date (start_text, tz, &start))
        {
          message = g_strdup_printf (_("“%s” is not a date (write it as 2024-03-01)."),
                                     start_text);
          return value_error (error, line, message);
        }
      if (*end_text == '\0')
        end = next_day (start, tz);
      else if (lg_csv_parse_date (end_text, tz, &end))
        end = next_day (end, tz);
      else
        {
          message = g_strdup_printf (_("“%s” is not a date (write it as 2024-03-01)."),
                                     end_text);
          return value_error (error, line, message);
        }
      if (!lg_parse_money (cell (reader, layout, COLUMN_AMOUNT), &amount) || amount < 0)
        {
          message = g_strdup_printf (_("“%s” is not an amount of money."),
                                     cell (reader, layout, COLUMN_AMOUNT));
          return value_error (error, line, message);
        }
      if (*currency == '\0')
        currency = layout->currency[0] != '\0' ? layout->currency : default_currency;

      source_name = lg_lead_form_source_name (platform, campaign);
      source = lg_store_ensure_source (store, "csv", source_name, source_name, NULL, &created,
                                       error);
      if (source == NULL)
        return FALSE;
      if (created)
        result->sources++;
      if (!save_cost (store, lg_source_get_id (source), start, end, amount, currency, note,
                      result, error))
        return FALSE;
    }
  /* The end of the file, or a row the reader could not read. */
  if (read_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&read_error));
      return FALSE;
    }
  return TRUE;
}

gboolean
lg_spend_import (LgStore              *store,
                 const char           *path,
                 const char           *default_currency,
                 LgSpendImportResult  *result,
                 GCancellable         *cancellable,
                 GError              **error)
{
  g_autoptr(LgCsvReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *note = NULL;
  Layout layout = { 0 };
  gboolean found = FALSE;

  g_return_val_if_fail (LG_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL && default_currency != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  memset (result, 0, sizeof *result);
  reader = lg_csv_reader_new_for_path (path, LG_CSV_ENCODING_AUTO, 0, cancellable, error);
  if (reader == NULL)
    return FALSE;
  for (guint i = 0; i < MAX_ROWS_BEFORE_HEADER && !found; i++)
    {
      if (!lg_csv_reader_next (reader, cancellable, &local_error))
        break;
      found = read_layout (reader, &layout);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!found)
    {
      g_set_error_literal (error, LG_CSV_ERROR, LG_CSV_ERROR_COLUMNS,
                           _("This is not a spend report: it needs a date (or “Reporting "
                             "starts”), a campaign and an amount spent (or “Cost”) column. "
                             "Export the report by campaign and by day from the ad platform."));
      return FALSE;
    }
  result->platform = layout.platform;

  note = g_path_get_basename (path);
  if (!lg_store_begin (store, error))
    return FALSE;
  if (!import_rows (store, reader, &layout, default_currency, note, result, cancellable,
                    error) ||
      !lg_store_commit (store, error))
    {
      lg_store_rollback (store);
      memset (result, 0, sizeof *result);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  char                *path;
  char                *currency;
  LgSpendImportResult  result;
} ImportData;

static void
import_data_free (gpointer data)
{
  ImportData *import = data;

  g_free (import->path);
  g_free (import->currency);
  g_free (import);
}

static gboolean
import_work (LgStore       *store,
             gpointer       source_object,
             gpointer       task_data,
             GCancellable  *cancellable,
             GError       **error)
{
  ImportData *import = task_data;

  return lg_spend_import (store, import->path, import->currency, &import->result, cancellable,
                          error);
}

void
lg_spend_import_async (const char          *db_path,
                       const char          *path,
                       const char          *default_currency,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ImportData *import = g_new0 (ImportData, 1);

  g_return_if_fail (db_path != NULL && path != NULL && default_currency != NULL);

  import->path = g_strdup (path);
  import->currency = g_strdup (default_currency);
  g_task_set_source_tag (task, lg_spend_import_async);
  g_task_set_task_data (task, import, import_data_free);
  lg_store_run_in_thread (task, db_path, import_work);
}

gboolean
lg_spend_import_finish (GAsyncResult         *result,
                        LgSpendImportResult  *out,
                        GError              **error)
{
  ImportData *import;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  import = g_task_get_task_data (G_TASK (result));
  *out = import->result;
  return TRUE;
}
