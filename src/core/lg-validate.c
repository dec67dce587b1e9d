/* lg-validate.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-validate"

#include "config.h"

#include <string.h>

#include "lg-validate.h"

/* Deliberately plain: one '@', a non-empty local part without spaces, a domain
 * with a dot and no empty labels. Anything stricter rejects real addresses. */
gboolean
lg_validate_email (const char *text)
{
  const char *at;
  const char *domain;

  g_return_val_if_fail (text != NULL, FALSE);

  at = strchr (text, '@');
  if (at == NULL || at == text || strchr (at + 1, '@') != NULL)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || *p == ',' || *p == ';' || *p == '<' || *p == '>')
      return FALSE;

  domain = at + 1;
  if (*domain == '\0' || *domain == '.' || strchr (domain, '.') == NULL)
    return FALSE;
  if (domain[strlen (domain) - 1] == '.' || strstr (domain, "..") != NULL)
    return FALSE;

  return g_utf8_validate (text, -1, NULL);
}

char *
lg_normalize_phone (const char *text)
{
  GString *digits;
  gboolean plus = FALSE;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  p = text;
  while (g_ascii_isspace (*p))
    p++;
  if (*p == '+')
    {
      plus = TRUE;
      p++;
    }

  digits = g_string_new (plus ? "+" : "");
  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
      else if (*p == ' ' || *p == '-' || *p == '.' || *p == '(' || *p == ')' || *p == '/')
        continue;
      else
        {
          g_string_free (digits, TRUE);
          return NULL;
        }
    }

  /* "00" is the international prefix written without '+'. */
  if (!plus && g_str_has_prefix (digits->str, "00"))
    {
      g_string_erase (digits, 0, 2);
      g_string_prepend_c (digits, '+');
      plus = TRUE;
    }

  /* E.164 allows 15 digits; fewer than 5 is an extension, not a number. */
  if (digits->len - (plus ? 1 : 0) < 5 || digits->len - (plus ? 1 : 0) > 15)
    {
      g_string_free (digits, TRUE);
      return NULL;
    }
  return g_string_free (digits, FALSE);
}

char *
lg_normalize_telegram (const char *text)
{
  g_autofree char *stripped = NULL;
  const char *p;

  g_return_val_if_fail (text != NULL, NULL);

  stripped = g_strstrip (g_strdup (text));
  p = stripped;
  if (g_str_has_prefix (p, "https://"))
    p += strlen ("https://");
  else if (g_str_has_prefix (p, "http://"))
    p += strlen ("http://");
  if (g_str_has_prefix (p, "t.me/"))
    p += strlen ("t.me/");
  if (*p == '@')
    p++;

  /* Telegram usernames: 5-32 of [A-Za-z0-9_]; shorter ones exist for old
   * accounts, so accept from 3. */
  if (strlen (p) < 3 || strlen (p) > 32)
    return NULL;
  for (const char *c = p; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '_')
      return NULL;

  return g_ascii_strdown (p, -1);
}
