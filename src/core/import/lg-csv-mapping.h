/* lg-csv-mapping.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "lg-store.h"

G_BEGIN_DECLS

/* What a CSV column becomes on a lead. */
typedef enum
{
  LG_CSV_FIELD_IGNORE,
  LG_CSV_FIELD_ADD_TO_NOTES,  /* "Header: value" appended to the notes */
  LG_CSV_FIELD_ID,            /* our own export's lead id: matches, never written */
  LG_CSV_FIELD_NAME,
  LG_CSV_FIELD_FIRST_NAME,
  LG_CSV_FIELD_LAST_NAME,
  LG_CSV_FIELD_EMAIL,
  LG_CSV_FIELD_PHONE,
  LG_CSV_FIELD_COMPANY,
  LG_CSV_FIELD_TELEGRAM,
  LG_CSV_FIELD_TELEGRAM_ID,
  LG_CSV_FIELD_STAGE,
  LG_CSV_FIELD_QUALIFICATION,
  LG_CSV_FIELD_VALUE,
  LG_CSV_FIELD_CURRENCY,
  LG_CSV_FIELD_SOURCE,
  LG_CSV_FIELD_CREATED,
  LG_CSV_FIELD_CLOSED,
  LG_CSV_FIELD_LOST_REASON,
  LG_CSV_FIELD_NOTES,
  LG_CSV_FIELD_FORM_LEAD_ID,  /* an ad platform's lead id: a lead-form row imports once */
  LG_CSV_FIELD_CAMPAIGN,      /* the ad campaign: part of the lead's source, and a notes line */
  LG_CSV_FIELD_FORM,          /* the lead form's name: a notes line */
  LG_CSV_N_FIELDS
} LgCsvField;

/* The ad platforms whose lead-form downloads the CSV import knows by their
 * header row: each writes fixed columns (the platform's lead id, when it
 * came, the campaign, the form) and then the form's own questions. */
typedef enum
{
  LG_LEAD_FORM_NONE,
  LG_LEAD_FORM_META,     /* Facebook and Instagram lead ads (Ads Manager, Business Suite) */
  LG_LEAD_FORM_TIKTOK,   /* TikTok lead generation (Leads Center) */
  LG_LEAD_FORM_LINKEDIN, /* LinkedIn Lead Gen Forms (Campaign Manager) */
  LG_LEAD_FORM_GOOGLE,   /* Google Ads lead form assets */
  LG_LEAD_FORM_N_PLATFORMS
} LgLeadForm;

/* The stable id ("email") used by --map and saved mappings, and the label. */
const char *lg_csv_field_get_id          (LgCsvField   field);
const char *lg_csv_field_get_label       (LgCsvField   field);
gboolean    lg_csv_field_from_id         (const char  *id,
                                          LgCsvField  *field);
/* Case-, space-, punctuation- and accent-insensitive form of a header or label. */
char       *lg_csv_normalize_label       (const char  *text);
/* The field a header names, from the exports of HubSpot, Pipedrive, Salesforce,
 * Zoho, Twenty and common synonyms in English, German, French, Spanish,
 * Russian and Portuguese; IGNORE when unknown. */
LgCsvField  lg_csv_field_guess           (const char  *header);

/* Stage and qualification labels of other CRMs ("Closed - Converted",
 * "Marketing Qualified Lead"): the value our schema stores, or NULL. */
const char *lg_csv_stage_guess           (const char  *label);
const char *lg_csv_qualification_guess   (const char  *label);

/* A file's columns and what each becomes, plus the user's answers for stage
 * and qualification labels that are not known. */
#define LG_TYPE_CSV_MAPPING (lg_csv_mapping_get_type ())
G_DECLARE_FINAL_TYPE (LgCsvMapping, lg_csv_mapping, LG, CSV_MAPPING, GObject)

/* Guesses every column from its header, as the platform's download when
 * the header is one (lg-lead-form.h). */
LgCsvMapping *lg_csv_mapping_new            (const char * const *header,
                                             guint               n_columns);
/* The platform whose lead-form download the header is, or NONE. */
LgLeadForm    lg_csv_mapping_get_lead_form  (LgCsvMapping       *self);
LgCsvMapping *lg_csv_mapping_copy           (LgCsvMapping       *self);
guint         lg_csv_mapping_get_n_columns  (LgCsvMapping       *self);
const char   *lg_csv_mapping_get_header     (LgCsvMapping       *self,
                                             guint               column);
LgCsvField    lg_csv_mapping_get_field      (LgCsvMapping       *self,
                                             guint               column);
void          lg_csv_mapping_set_field      (LgCsvMapping       *self,
                                             guint               column,
                                             LgCsvField          field);
/* The first column mapped to field, or -1. */
int           lg_csv_mapping_find_field     (LgCsvMapping       *self,
                                             LgCsvField          field);
/* Applies a "COLUMN=FIELD" rule (column by header or 1-based number). */
gboolean      lg_csv_mapping_apply_rule     (LgCsvMapping       *self,
                                             const char         *rule,
                                             GError            **error);
/* Columns left unmapped go to the notes (TRUE) or are ignored. */
void          lg_csv_mapping_set_unmapped_to_notes (LgCsvMapping *self,
                                                    gboolean      to_notes);

/* field is STAGE or QUALIFICATION: the stored value for a label, from the
 * user's answers first, then the known labels; NULL when unknown. */
const char   *lg_csv_mapping_map_label      (LgCsvMapping       *self,
                                             LgCsvField          field,
                                             const char         *label);
void          lg_csv_mapping_set_label      (LgCsvMapping       *self,
                                             LgCsvField          field,
                                             const char         *label,
                                             const char         *value);

/* Mappings are kept per header shape, in the database the leads go to. */
gboolean      lg_csv_mapping_save           (LgCsvMapping       *self,
                                             LgStore            *store,
                                             GError            **error);
/* Applies the mapping saved for this header, if any: *found tells. */
gboolean      lg_csv_mapping_load           (LgCsvMapping       *self,
                                             LgStore            *store,
                                             gboolean           *found,
                                             GError            **error);

G_END_DECLS
