/* lg-lead-card.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lg-store.h"

G_BEGIN_DECLS

#define LG_TYPE_LEAD_CARD (lg_lead_card_get_type ())
G_DECLARE_FINAL_TYPE (LgLeadCard, lg_lead_card, LG, LEAD_CARD, GtkWidget)

LgLeadCard *lg_lead_card_new        (void);
LgLead     *lg_lead_card_get_lead   (LgLeadCard *self);
void        lg_lead_card_set_lead   (LgLeadCard *self,
                                     LgLead     *lead);
void        lg_lead_card_popup_menu (LgLeadCard *self);

G_END_DECLS
