/* lg-spend-import.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lg-csv-mapping.h"
#include "lg-store.h"

G_BEGIN_DECLS

/* What a spend report's import did. */
typedef struct
{
  LgLeadForm platform;  /* whose report the header is; NONE for another's */
  guint      added;     /* costs added */
  guint      updated;   /* costs of the same campaign and days given the new amount */
  guint      unchanged; /* costs already there as the report has them */
  guint      sources;   /* campaigns that had no source yet */
} LgSpendImportResult;

/* The ad platforms' spend reports as costs: a CSV with a day (or a
 * reporting start and end), a campaign and the amount spent — Meta Ads
 * Manager's "Reporting starts", "Reporting ends", "Campaign name", "Amount
 * spent (USD)"; Google Ads' "Day", "Campaign", "Cost"; TikTok's "Date",
 * "Campaign name", "Cost"; LinkedIn's "Start Date", "Campaign Name", "Total
 * Spent". Each row is a cost of the source "Platform · Campaign" (added if
 * new, as the lead-form import names it) over its days; a row for days the
 * source already has a cost for gives that cost the report's amount, so a
 * report imported twice changes nothing the second time. The currency is
 * the amount column's "(EUR)" or a currency column's, else
 * default_currency. Totals rows are left out. All rows or none, in one
 * transaction on store; call on a worker. */
gboolean lg_spend_import (LgStore              *store,
                          const char           *path,
                          const char           *default_currency,
                          LgSpendImportResult  *result,
                          GCancellable         *cancellable,
                          GError              **error);

/* The same on a worker with its own connection to the database at db_path. */
void     lg_spend_import_async  (const char           *db_path,
                                 const char           *path,
                                 const char           *default_currency,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data);
gboolean lg_spend_import_finish (GAsyncResult         *result,
                                 LgSpendImportResult  *out,
                                 GError              **error);

G_END_DECLS
