/* lg-lead-form.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The lead-form downloads of Meta, TikTok, LinkedIn and Google Ads, known by
 * their header rows, so that the CSV import maps them without the user's
 * help: the platform's lead id, the time the form was sent, the campaign and
 * the form become the lead's, the form's own questions its notes.
 */

#define G_LOG_DOMAIN "lg-csv"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lg-lead-form.h"

typedef struct
{
  const char *name;
  const char *recognised;
  /* Each '|'-separated group must have one of its ','-separated headers
   * (normalised by lg_csv_normalize_label) for the header to be this
   * platform's. */
  const char *signature;
} PlatformInfo;

static const PlatformInfo platforms[LG_LEAD_FORM_N_PLATFORMS] = {
  [LG_LEAD_FORM_NONE] = { "", NULL, NULL },
  /* Meta's columns are the Graph API's lead fields: adset_* is Meta's own. */
  [LG_LEAD_FORM_META] = { "Meta", N_("Meta lead ads download recognised"),
                          "createdtime|adsetid,adsetname|formid,formname" },
  /* TikTok's are the same shape with ad groups; a download through its
   * API names the instant form's page where Leads Center names the form. */
  [LG_LEAD_FORM_TIKTOK] = { "TikTok", N_("TikTok lead generation download recognised"),
                            "leadid,id|adgroupid,adgroupname|formid,formname,pageid,pagename|"
                            "createdtime,createtime" },
  [LG_LEAD_FORM_LINKEDIN] = { "LinkedIn",
                              N_("LinkedIn Lead Gen Forms download recognised"),
                              "leadid|formname,leadgenformname|linkedinprofileurl,"
                              "linkedinprofile,leadtype,submittedat,datesubmitted" },
  /* Google's lead form download carries the click id of the ad. */
  [LG_LEAD_FORM_GOOGLE] = { "Google Ads", N_("Google Ads lead form download recognised"),
                            "leadid|gclid|formname,formid,campaign,campaignname" },
};

/* Google is tried first: its header may also have ad groups as TikTok's. */
static const LgLeadForm detect_order[] = {
  LG_LEAD_FORM_GOOGLE, LG_LEAD_FORM_META, LG_LEAD_FORM_TIKTOK, LG_LEAD_FORM_LINKEDIN,
};

typedef struct
{
  LgCsvField  field;
  const char *names; /* normalised headers, ',' between */
} FixedColumn;

/* The platforms' fixed columns, normalised. Their ids of ads, ad sets and
 * forms mean nothing to a person: IGNORE. */
static const FixedColumn fixed_columns[] = {
  { LG_CSV_FIELD_FORM_LEAD_ID, "id,leadid" },
  { LG_CSV_FIELD_CREATED,
    "createdtime,createtime,submittedat,datesubmitted,submissiontime,submissiondate,"
    "leadsubmittime,date" },
  { LG_CSV_FIELD_CAMPAIGN, "campaignname,campaign" },
  { LG_CSV_FIELD_FORM, "formname,leadgenformname,form,pagename" },
  { LG_CSV_FIELD_NAME, "fullname,name,username" },
  { LG_CSV_FIELD_FIRST_NAME, "firstname" },
  { LG_CSV_FIELD_LAST_NAME, "lastname" },
  { LG_CSV_FIELD_EMAIL, "email,emailaddress,workemail,useremail" },
  { LG_CSV_FIELD_PHONE, "phonenumber,phone,workphonenumber,userphone" },
  { LG_CSV_FIELD_COMPANY, "companyname,company" },
  { LG_CSV_FIELD_ADD_TO_NOTES, "adname,adsetname,adgroupname,adgroup,platform,jobtitle" },
  { LG_CSV_FIELD_IGNORE,
    "adid,adsetid,adgroupid,campaignid,formid,isorganic,leadstatus,inboxurl,gclid,istest,"
    "assetid,leadtype,creativeid,pageid" },
};

/* Whether every group of the signature has one of its names in headers. */
static gboolean
matches_signature (const char *signature,
                   GHashTable *headers)
{
  g_auto(GStrv) groups = g_strsplit (signature, "|", -1);

  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_auto(GStrv) names = g_strsplit (groups[i], ",", -1);
      gboolean found = FALSE;

      for (guint j = 0; names[j] != NULL && !found; j++)
        found = g_hash_table_contains (headers, names[j]);
      if (!found)
        return FALSE;
    }
  return TRUE;
}

LgLeadForm
lg_lead_form_detect (const char * const *header,
                     guint               n_columns)
{
  g_autoptr(GHashTable) headers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < n_columns; i++)
    g_hash_table_add (headers, lg_csv_normalize_label (header[i]));

  for (guint i = 0; i < G_N_ELEMENTS (detect_order); i++)
    if (matches_signature (platforms[detect_order[i]].signature, headers))
      return detect_order[i];
  return LG_LEAD_FORM_NONE;
}

const char *
lg_lead_form_get_name (LgLeadForm form)
{
  g_return_val_if_fail (form < LG_LEAD_FORM_N_PLATFORMS, NULL);

  return platforms[form].name;
}

const char *
lg_lead_form_get_recognised (LgLeadForm form)
{
  g_return_val_if_fail (form < LG_LEAD_FORM_N_PLATFORMS, NULL);

  return platforms[form].recognised != NULL ? _(platforms[form].recognised) : NULL;
}

static gboolean
has_name (const char *names,
          const char *key)
{
  g_auto(GStrv) list = g_strsplit (names, ",", -1);

  return g_strv_contains ((const char * const *) list, key);
}

LgCsvField
lg_lead_form_guess_field (LgLeadForm  form,
                          const char *header)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (header != NULL, LG_CSV_FIELD_IGNORE);

  if (form == LG_LEAD_FORM_NONE)
    return lg_csv_field_guess (header);

  key = lg_csv_normalize_label (header);
  for (guint i = 0; i < G_N_ELEMENTS (fixed_columns); i++)
    if (has_name (fixed_columns[i].names, key))
      return fixed_columns[i].field;

  /* Localized headers of the same fields ("Nome completo", "Телефон"). */
  switch (lg_csv_field_guess (header))
    {
    case LG_CSV_FIELD_NAME:
    case LG_CSV_FIELD_FIRST_NAME:
    case LG_CSV_FIELD_LAST_NAME:
    case LG_CSV_FIELD_EMAIL:
    case LG_CSV_FIELD_PHONE:
    case LG_CSV_FIELD_COMPANY:
    case LG_CSV_FIELD_CREATED:
      return lg_csv_field_guess (header);
    default:
      /* One of the form's own questions. */
      return LG_CSV_FIELD_ADD_TO_NOTES;
    }
}

const char *
lg_lead_form_clean_cell (LgLeadForm  form,
                         const char *header,
                         LgCsvField  field,
                         const char *cell)
{
  g_return_val_if_fail (header != NULL && cell != NULL, NULL);

  if (form != LG_LEAD_FORM_META)
    return cell;
  /* Meta marks a value's kind ("p:" phone, "z:" zip code) before it; its
   * lead id keeps its "l:", which is how Meta writes it everywhere. */
  if ((field == LG_CSV_FIELD_PHONE && g_str_has_prefix (cell, "p:")) ||
      (field == LG_CSV_FIELD_ADD_TO_NOTES && g_str_has_prefix (cell, "z:")))
    return cell + 2;
  /* Where the ad ran, as a person says it. */
  if (g_str_equal (header, "platform"))
    {
      if (g_str_equal (cell, "fb"))
        return "Facebook";
      if (g_str_equal (cell, "ig"))
        return "Instagram";
      if (g_str_equal (cell, "msg"))
        return "Messenger";
      if (g_str_equal (cell, "wa"))
        return "WhatsApp";
    }
  return cell;
}

gboolean
lg_lead_form_is_test_lead (LgLeadForm  form,
                           const char *header,
                           const char *cell)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (header != NULL && cell != NULL, FALSE);

  if (form == LG_LEAD_FORM_NONE)
    return FALSE;
  if (form == LG_LEAD_FORM_META && g_str_has_prefix (cell, "<test lead"))
    return TRUE;
  /* TikTok's and Google's downloads say it in a column of their own; the
   * header is read only for a cell that could say yes. */
  if (g_ascii_strcasecmp (cell, "true") != 0 && g_strcmp0 (cell, "1") != 0)
    return FALSE;
  key = lg_csv_normalize_label (header);
  return g_str_equal (key, "istest");
}

char *
lg_lead_form_question_label (const char *header)
{
  g_autofree char *spaced = NULL;
  GString *label;

  g_return_val_if_fail (header != NULL, NULL);

  spaced = g_strstrip (g_strdelimit (g_strdup (header), "_", ' '));
  label = g_string_new (NULL);
  for (const char *p = spaced; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Runs of spaces ("are_you__ready") are one. */
      if (c == ' ' && label->len > 0 && label->str[label->len - 1] == ' ')
        continue;
      g_string_append_unichar (label, label->len == 0 ? g_unichar_totitle (c) : c);
    }
  return g_string_free (label, FALSE);
}

char *
lg_lead_form_source_name (const char *platform,
                          const char *campaign)
{
  gboolean has_platform = platform != NULL && *platform != '\0';
  gboolean has_campaign = campaign != NULL && *campaign != '\0';

  if (has_platform && has_campaign)
    return g_strdup_printf ("%s · %s", platform, campaign);
  if (has_campaign)
    return g_strdup (campaign);
  return has_platform ? g_strdup (platform) : NULL;
}

char *
lg_lead_form_id_key (LgLeadForm  form,
                     const char *lead_id)
{
  g_return_val_if_fail (form < LG_LEAD_FORM_N_PLATFORMS, NULL);
  g_return_val_if_fail (lead_id != NULL, NULL);

  if (form == LG_LEAD_FORM_NONE)
    return g_strdup (lead_id);
  /* Meta writes "l:" before its lead ids in downloads and in the sheets it
   * fills; the Graph API, and the tools that pass its leads on, do not: the
   * same lead is known by one key either way. */
  if (form == LG_LEAD_FORM_META && lead_id[0] != '\0' &&
      strspn (lead_id, "0123456789") == strlen (lead_id))
    return g_strconcat (platforms[form].name, ":l:", lead_id, NULL);
  return g_strconcat (platforms[form].name, ":", lead_id, NULL);
}

char *
lg_lead_form_describe_id (const char  *external_id,
                          const char **value)
{
  g_return_val_if_fail (external_id != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  for (guint i = LG_LEAD_FORM_NONE + 1; i < LG_LEAD_FORM_N_PLATFORMS; i++)
    {
      gsize length = strlen (platforms[i].name);

      if (strncmp (external_id, platforms[i].name, length) == 0 &&
          external_id[length] == ':' && external_id[length + 1] != '\0')
        {
          *value = external_id + length + 1;
          /* The platform's name, a brand: "Meta lead ID". */
          return g_strdup_printf (_("%s lead ID"), platforms[i].name);
        }
    }
  *value = external_id;
  return g_strdup (_("Lead form ID"));
}
