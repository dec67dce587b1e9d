/* lg-lead-validate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checks for a lead's contact fields, shared by the detail pane, the CLI and
 * the CSV importer so that all of them accept and store the same things.
 */

#define G_LOG_DOMAIN "lg-lead-validate"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lg-format.h"
#include "lg-lead-validate.h"
#include "lg-pipeline.h"

G_DEFINE_QUARK (lg-lead-validate-error-quark, lg_lead_validate_error)

/* Trimmed copy, or NULL when nothing but space is left. */
static char *
trimmed (const char *text)
{
  char *copy;

  if (text == NULL)
    return NULL;

  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

static gboolean
is_ascii (const char *text)
{
  for (; *text != '\0'; text++)
    if ((guchar) *text >= 0x80)
      return FALSE;
  return TRUE;
}

char *
lg_lead_email_key (const char *email)
{
  if (email == NULL)
    return NULL;
  return is_ascii (email) ? g_ascii_strdown (email, -1) : g_utf8_casefold (email, -1);
}

static gboolean
is_atext (gunichar c)
{
  /* RFC 5322 atext, plus any non-ASCII letter (RFC 6531 addresses). */
  if (c >= 0x80)
    return g_unichar_isalnum (c);
  return g_ascii_isalnum (c) || strchr ("!#$%&'*+/=?^_`{|}~-", c) != NULL;
}

static gboolean
valid_local_part (const char *local,
                  gsize       len)
{
  if (len == 0 || len > 64 || local[0] == '.' || local[len - 1] == '.')
    return FALSE;

  for (const char *p = local; p < local + len; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '.' && p[1] == '.')
        return FALSE;
      if (c != '.' && !is_atext (c))
        return FALSE;
    }
  return TRUE;
}

static gboolean
valid_domain (const char *domain)
{
  const char *label = domain;
  const char *tld;

  if (strlen (domain) > 253 || strchr (domain, '.') == NULL)
    return FALSE;

  /* Each dot-separated label: 1 to 63 bytes of letters, digits and inner
   * hyphens. */
  for (;;)
    {
      const char *end = strchr (label, '.');
      gsize len = end != NULL ? (gsize) (end - label) : strlen (label);

      if (len == 0 || len > 63 || label[0] == '-' || label[len - 1] == '-')
        return FALSE;
      for (const char *p = label; p < label + len; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (c != '-' && !(c >= 0x80 ? g_unichar_isalnum (c) : g_ascii_isalnum (c)))
            return FALSE;
        }
      if (end == NULL)
        break;
      label = end + 1;
    }

  /* A top-level domain has letters only, at least two. */
  tld = label;
  if (g_utf8_strlen (tld, -1) < 2)
    return FALSE;
  for (const char *p = tld; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isalpha (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

gboolean
lg_lead_validate_email (const char  *text,
                        char       **normalized,
                        GError     **error)
{
  g_autofree char *email = trimmed (text);
  g_autofree char *domain = NULL;
  const char *at;

  g_return_val_if_fail (normalized != NULL, FALSE);

  *normalized = NULL;
  if (email == NULL)
    return TRUE;

  /* A copied "mailto:" link is still the address. */
  if (g_ascii_strncasecmp (email, "mailto:", 7) == 0)
    memmove (email, email + 7, strlen (email + 7) + 1);

  at = strrchr (email, '@');
  if (!g_utf8_validate (email, -1, NULL) || at == NULL ||
      !valid_local_part (email, at - email) || !valid_domain (at + 1))
    {
      g_set_error (error, LG_LEAD_VALIDATE_ERROR, LG_LEAD_VALIDATE_ERROR_EMAIL,
                   _("“%s” is not an email address. Write it as name@example.com."),
                   text);
      return FALSE;
    }

  /* Domains are case-insensitive; the local part is left as written. */
  if (is_ascii (at + 1))
    {
      for (char *p = email + (at - email) + 1; *p != '\0'; p++)
        *p = g_ascii_tolower (*p);
      *normalized = g_steal_pointer (&email);
      return TRUE;
    }
  domain = g_utf8_strdown (at + 1, -1);
  *normalized = g_strdup_printf ("%.*s@%s", (int) (at - email), email, domain);
  return TRUE;
}

char *
lg_lead_normalize_phone (const char *text)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  gboolean international = FALSE;
  const char *p;

  if (text == NULL)
    return NULL;

  p = text;
  while (g_ascii_isspace (*p))
    p++;
  if (*p == '+')
    {
      international = TRUE;
      p++;
    }

  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (!strchr (" -.()/", *p) && !g_ascii_isspace (*p))
        return NULL;
    }

  if (!international && g_str_has_prefix (digits->str, "00"))
    {
      international = TRUE;
      g_string_erase (digits, 0, 2);
    }

  /* E.164 numbers have at most 15 digits; anything under 7 is an extension
   * or a typo, not a number someone can call. */
  if (digits->len < 7 || digits->len > 15)
    return NULL;

  if (international)
    g_string_prepend_c (digits, '+');
  return g_string_free (g_steal_pointer (&digits), FALSE);
}

gboolean
lg_lead_validate_phone (const char  *text,
                        char       **normalized,
                        GError     **error)
{
  g_autofree char *phone = trimmed (text);

  g_return_val_if_fail (normalized != NULL, FALSE);

  *normalized = NULL;
  if (phone == NULL)
    return TRUE;

  *normalized = lg_lead_normalize_phone (phone);
  if (*normalized == NULL)
    {
      g_set_error (error, LG_LEAD_VALIDATE_ERROR, LG_LEAD_VALIDATE_ERROR_PHONE,
                   _("“%s” is not a phone number. Use 7 to 15 digits, with + and the "
                     "country code for a number abroad, e.g. +44 20 7946 0958."),
                   text);
      return FALSE;
    }
  return TRUE;
}

gboolean
lg_lead_validate_handle (const char  *text,
                         char       **normalized,
                         GError     **error)
{
  g_autofree char *handle = trimmed (text);
  const char *name;
  gsize len;

  g_return_val_if_fail (normalized != NULL, FALSE);

  *normalized = NULL;
  if (handle == NULL)
    return TRUE;

  /* "@name", "t.me/name" and "https://t.me/name" all name the same person. */
  name = handle;
  if (g_str_has_prefix (name, "https://"))
    name += strlen ("https://");
  else if (g_str_has_prefix (name, "http://"))
    name += strlen ("http://");
  if (g_str_has_prefix (name, "t.me/"))
    name += strlen ("t.me/");
  if (*name == '@')
    name++;

  len = strlen (name);
  if (len < 3 || len > 32 || strspn (name, "abcdefghijklmnopqrstuvwxyz"
                                           "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") != len ||
      g_ascii_isdigit (name[0]))
    {
      g_set_error (error, LG_LEAD_VALIDATE_ERROR, LG_LEAD_VALIDATE_ERROR_HANDLE,
                   _("“%s” is not a Telegram username. Use the name after t.me/: letters, "
                     "digits and _, starting with a letter."),
                   text);
      return FALSE;
    }

  *normalized = g_strdup (name);
  return TRUE;
}

char *
lg_lead_handle_key (const char *text)
{
  g_autofree char *handle = NULL;

  if (!lg_lead_validate_handle (text, &handle, NULL) || handle == NULL)
    return NULL;
  return g_ascii_strdown (handle, -1);
}

gboolean
lg_lead_validate_currency (const char  *text,
                           char       **normalized,
                           GError     **error)
{
  g_autofree char *code = trimmed (text);

  g_return_val_if_fail (normalized != NULL, FALSE);

  *normalized = NULL;
  if (code == NULL)
    return TRUE;

  if (strlen (code) != 3 || !g_ascii_isalpha (code[0]) || !g_ascii_isalpha (code[1]) ||
      !g_ascii_isalpha (code[2]))
    {
      g_set_error (error, LG_LEAD_VALIDATE_ERROR, LG_LEAD_VALIDATE_ERROR_CURRENCY,
                   _("“%s” is not a currency code. Use three letters, such as USD or EUR."),
                   text);
      return FALSE;
    }

  *normalized = g_ascii_strup (code, -1);
  return TRUE;
}

gboolean
lg_lead_validate_value (const char  *text,
                        gint64      *minor_units,
                        GError     **error)
{
  g_autofree char *amount = trimmed (text);

  g_return_val_if_fail (minor_units != NULL, FALSE);

  *minor_units = 0;
  if (amount == NULL || lg_parse_money (amount, minor_units))
    return TRUE;

  g_set_error (error, LG_LEAD_VALIDATE_ERROR, LG_LEAD_VALIDATE_ERROR_VALUE,
               _("“%s” is not an amount. Write it as 1200 or 1200.50."), text);
  return FALSE;
}

gboolean
lg_lead_validate (LgLead  *lead,
                  GError **error)
{
  g_autofree char *email = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *handle = NULL;
  g_autofree char *currency = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (LG_IS_LEAD (lead), FALSE);

  name = g_strstrip (g_strdup (lg_lead_get_name (lead) ? lg_lead_get_name (lead) : ""));

  if (!lg_lead_validate_email (lg_lead_get_email (lead), &email, error) ||
      !lg_lead_validate_phone (lg_lead_get_phone (lead), &phone, error) ||
      !lg_lead_validate_handle (lg_lead_get_telegram_handle (lead), &handle, error) ||
      !lg_lead_validate_currency (lg_lead_get_currency (lead), &currency, error))
    return FALSE;

  if (lg_lead_get_qualification (lead) != NULL &&
      !lg_qualification_valid (lg_lead_get_qualification (lead)))
    {
      g_set_error (error, LG_LEAD_VALIDATE_ERROR, LG_LEAD_VALIDATE_ERROR_QUALIFICATION,
                   _("“%s” is not a qualification. Use unqualified, mql, sql or pql."),
                   lg_lead_get_qualification (lead));
      return FALSE;
    }

  if (*name == '\0' && handle == NULL && email == NULL && phone == NULL)
    {
      g_set_error_literal (error, LG_LEAD_VALIDATE_ERROR, LG_LEAD_VALIDATE_ERROR_NAME,
                           _("A lead needs a name, a Telegram username, an email or a phone "
                             "number. Fill in at least one."));
      return FALSE;
    }

  lg_lead_set_name (lead, name);
  lg_lead_set_email (lead, email);
  lg_lead_set_phone (lead, phone);
  lg_lead_set_telegram_handle (lead, handle);
  lg_lead_set_currency (lead, currency != NULL ? currency : "USD");
  if (lg_lead_get_qualification (lead) == NULL)
    lg_lead_set_qualification (lead, "unqualified");
  return TRUE;
}
