/* lg-store-exports.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store's side of the CSV exports (lg-lead-export.c): the leads and the
 * search results as the files show them, read row by row so that an export
 * of every lead never holds them all in memory.
 */

#pragma once

#include "lg-store.h"

G_BEGIN_DECLS

/* A lead as the export writes it: text fields NULL when empty, times UTC Unix
 * seconds (0: not set), value in minor units, source its title or handle. */
typedef struct
{
  gint64      id;
  const char *name;
  const char *email;
  const char *phone;
  const char *company;
  const char *telegram_handle;
  const char *telegram_id;
  const char *stage;
  const char *qualification;
  gint64      value;
  const char *currency;
  const char *source;
  gint64      created_at;
  gint64      closed_at;
  const char *lost_reason;
  const char *notes;
  const char *external_id;
} LgStoreExportLead;

/* A search result as the export writes it: the source and link as the
 * search names them (a channel by its handle, a post by its t.me link). */
typedef struct
{
  int         score;
  const char *reason;
  const char *source;
  const char *author_name;
  const char *author_handle;
  gint64      sent_at;
  const char *text;
  const char *link;
} LgStoreExportMatch;

/* Each returns FALSE with error set to stop the reading. */
typedef gboolean (*LgStoreExportLeadFunc)  (const LgStoreExportLead   *lead,
                                            gpointer                   user_data,
                                            GError                   **error);
typedef gboolean (*LgStoreExportMatchFunc) (const LgStoreExportMatch  *match,
                                            gpointer                   user_data,
                                            GError                   **error);

/* Calls func with the leads whose ids are in ids (every lead when ids is
 * NULL), oldest first. */
gboolean lg_store_read_export_leads   (LgStore                 *self,
                                       const gint64            *ids,
                                       guint                    n_ids,
                                       LgStoreExportLeadFunc    func,
                                       gpointer                 user_data,
                                       GError                 **error);
/* Calls func with the results of the search search_id (of every search when
 * 0) not dismissed, best first, the newer first among equals. */
gboolean lg_store_read_export_matches (LgStore                 *self,
                                       gint64                   search_id,
                                       LgStoreExportMatchFunc   func,
                                       gpointer                 user_data,
                                       GError                 **error);

G_END_DECLS
