/* lg-store-sample.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store's side of the sample workspace (lg-sample-workspace.c): the
 * sample mark on sources and leads, which is what lets the sample be found
 * and removed in one go, and the rows the sample adds besides ordinary ones.
 */

#pragma once

#include "lg-store.h"

G_BEGIN_DECLS

/* One message a sample lead's author wrote in a sample channel, and when the
 * lead was found from it: when the lead was created, or when the message
 * came if later (the sample's dates are approximate). */
typedef struct
{
  gint64      lead_id;
  gint64      message_id;
  const char *text;
  gint64      sent_at;
  gint64      found_at;
} LgStoreSampleMessage;

/* Returns FALSE with error set to stop the reading. */
typedef gboolean (*LgStoreSampleMessageFunc) (const LgStoreSampleMessage  *message,
                                              gpointer                     user_data,
                                              GError                     **error);

/* Whether any sample source or lead is in the store (FALSE if that cannot
 * be read). */
gboolean lg_store_has_sample               (LgStore                   *self);
/* Marks the source as the sample's, synced at last_sync. */
gboolean lg_store_mark_sample_source       (LgStore                   *self,
                                            gint64                     source_id,
                                            gint64                     last_sync,
                                            GError                   **error);
/* Marks the lead as the sample's, first touched at first_touch_at (0: not
 * yet). */
gboolean lg_store_mark_sample_lead         (LgStore                   *self,
                                            gint64                     lead_id,
                                            gint64                     first_touch_at,
                                            GError                   **error);
/* A sample lead whose handle wrote in a sample channel came from there: its
 * source, message and times become those of its latest message there. */
gboolean lg_store_link_sample_leads        (LgStore                   *self,
                                            GError                   **error);
/* Calls func with each message in a sample channel by the sample lead
 * called name. */
gboolean lg_store_read_sample_lead_messages (LgStore                  *self,
                                             const char               *name,
                                             LgStoreSampleMessageFunc  func,
                                             gpointer                  user_data,
                                             GError                  **error);
/* The message that surfaced the lead, its time and the score it gave. */
gboolean lg_store_set_lead_origin          (LgStore                   *self,
                                            gint64                     lead_id,
                                            int                        score,
                                            gint64                     message_id,
                                            gint64                     message_at,
                                            GError                   **error);
/* A follow-up on the sample lead called lead_name; one due by now counts as
 * notified, so opening the sample sets off no burst of notifications. */
gboolean lg_store_add_sample_followup      (LgStore                   *self,
                                            const char                *lead_name,
                                            gint64                     due_at,
                                            const char                *kind,
                                            const char                *note,
                                            gint64                     now,
                                            GError                   **error);
/* A cost of the sample channel called handle; amount in minor units. */
gboolean lg_store_add_sample_cost          (LgStore                   *self,
                                            const char                *handle,
                                            gint64                     period_start,
                                            gint64                     period_end,
                                            gint64                     amount,
                                            const char                *currency,
                                            const char                *note,
                                            GError                   **error);
/* Deletes the sample sources with their messages, the sample leads and the
 * leads made from sample messages; the caller holds the transaction. */
gboolean lg_store_remove_sample            (LgStore                   *self,
                                            GError                   **error);

G_END_DECLS
