/* lg-lead-detail.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lg-store.h"

G_BEGIN_DECLS

#define LG_TYPE_LEAD_DETAIL (lg_lead_detail_get_type ())
G_DECLARE_FINAL_TYPE (LgLeadDetail, lg_lead_detail, LG, LEAD_DETAIL, GtkWidget)

LgLeadDetail *lg_lead_detail_new         (void);
void          lg_lead_detail_set_store   (LgLeadDetail *self,
                                          LgStore      *store);
void          lg_lead_detail_show_lead   (LgLeadDetail *self,
                                          gint64        id);
gint64        lg_lead_detail_get_lead_id (LgLeadDetail *self);
gboolean      lg_lead_detail_get_busy    (LgLeadDetail *self);
void          lg_lead_detail_clear       (LgLeadDetail *self);

G_END_DECLS
