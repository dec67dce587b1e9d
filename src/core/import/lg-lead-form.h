/* lg-lead-form.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "lg-csv-mapping.h"

G_BEGIN_DECLS

/* The platform whose download has this header row, or NONE. */
LgLeadForm  lg_lead_form_detect          (const char * const *header,
                                          guint               n_columns);
/* The platform's name as its sources are called ("Meta"); a brand, the
 * same in every language. */
const char *lg_lead_form_get_name        (LgLeadForm          form);
/* What the wizard and the CLI say once the header is recognised. */
const char *lg_lead_form_get_recognised  (LgLeadForm          form);
/* What a column of the platform's download becomes: its fixed columns map
 * to fields or are left out (the ids of ads and forms), anything else is
 * one of the form's questions and goes to the notes. */
LgCsvField  lg_lead_form_guess_field     (LgLeadForm          form,
                                          const char         *header);
/* A cell of the column with that header as the lead keeps it: Meta writes
 * "p:+15551234567" for a phone and "ig" for Instagram. */
const char *lg_lead_form_clean_cell      (LgLeadForm          form,
                                          const char         *header,
                                          LgCsvField          field,
                                          const char         *cell);
/* Whether the cell of the column with that header says its row is the
 * platform's test, no person: Meta's Lead Ads Testing Tool writes "<test
 * lead: dummy data…>" in the form's fields, TikTok and Google Ads "true" in
 * an is_test column. */
gboolean    lg_lead_form_is_test_lead    (LgLeadForm          form,
                                          const char         *header,
                                          const char         *cell);
/* A question's header as a person reads it: "what_is_your_budget?" is
 * "What is your budget?". */
char       *lg_lead_form_question_label  (const char         *header);
/* The lead's source: "Meta · Spring Sale"; the platform alone without a
 * campaign; the campaign alone without a platform. */
char       *lg_lead_form_source_name     (const char         *platform,
                                          const char         *campaign);
/* The lead's external id (leads.external_id), by which a later import
 * skips the lead: "Meta:l:1029…", the platform's name and its lead id, the
 * same in every language; a file of no known platform keeps its id as it is
 * (a "Lead Form ID" column of our own export says "Meta:l:1029…" already). */
char       *lg_lead_form_id_key          (LgLeadForm          form,
                                          const char         *lead_id);
/* An external id as a person reads it: the title ("Meta lead ID") and, in
 * *value, the id; an id of no known platform is a "Lead form ID". */
char       *lg_lead_form_describe_id     (const char         *external_id,
                                          const char        **value);

G_END_DECLS
