/* lg-channel-handle.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-channel-handle"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-channel-handle.h"
#include "lg-sources.h"

gboolean
lg_channel_handle_is_valid (const char *handle)
{
  gsize length;

  g_return_val_if_fail (handle != NULL, FALSE);

  length = strlen (handle);
  if (length < 5 || length > 32 || !g_ascii_isalpha (handle[0]))
    return FALSE;

  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (handle[i]) && handle[i] != '_')
      return FALSE;

  return TRUE;
}

gboolean
lg_channel_handle_id_is_valid (const char *id)
{
  guint64 value;

  g_return_val_if_fail (id != NULL, FALSE);

  /* Digits only: no sign, space, or leading zero that would make two
   * spellings of one id. */
  if (!g_ascii_isdigit (id[0]) || id[0] == '0')
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return g_ascii_string_to_unsigned (id, 10, 1, G_MAXINT64, &value, NULL);
}

char *
lg_channel_handle_post_link (const char *handle,
                             const char *post_id)
{
  if (handle == NULL || post_id == NULL ||
      !lg_channel_handle_is_valid (handle) || !lg_channel_handle_id_is_valid (post_id))
    return NULL;
  return g_strdup_printf ("https://t.me/%s/%s", handle, post_id);
}

char *
lg_channel_handle_private_post_link (const char *chat_id,
                                     const char *post_id)
{
  if (chat_id == NULL || post_id == NULL ||
      !lg_channel_handle_id_is_valid (chat_id) || !lg_channel_handle_id_is_valid (post_id))
    return NULL;
  return g_strdup_printf ("https://t.me/c/%s/%s", chat_id, post_id);
}

/* Drops "https://", "http://", "www." and the t.me (or telegram.me) host;
 * returns the rest, or NULL when the input names another site. */
static const char *
strip_host (const char *text,
            gboolean   *had_host)
{
  static const char *schemes[] = { "https://", "http://" };
  static const char *hosts[] = { "t.me/", "telegram.me/", "telegram.dog/" };
  gboolean had_scheme = FALSE;

  *had_host = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    if (g_str_has_prefix (text, schemes[i]))
      {
        text += strlen (schemes[i]);
        had_scheme = TRUE;
        break;
      }
  if (g_str_has_prefix (text, "www."))
    text += 4;

  for (guint i = 0; i < G_N_ELEMENTS (hosts); i++)
    if (g_ascii_strncasecmp (text, hosts[i], strlen (hosts[i])) == 0)
      {
        *had_host = TRUE;
        return text + strlen (hosts[i]);
      }

  return had_scheme ? NULL : text;
}

static void
set_invalid (GError     **error,
             const char  *input)
{
  g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_HANDLE,
               _("“%s” is not a channel name. A name has 5 to 32 letters, digits or "
                 "underscores and starts with a letter, as in @durov or t.me/durov."),
               input);
}

char *
lg_channel_handle_parse (const char  *input,
                         gint64      *post_id,
                         GError     **error)
{
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) parts = NULL;
  const char *rest;
  gboolean had_host;
  guint n_parts;
  guint first = 0;

  g_return_val_if_fail (input != NULL, NULL);

  if (post_id != NULL)
    *post_id = 0;

  text = g_strstrip (g_strdup (input));
  rest = strip_host (text, &had_host);
  if (rest == NULL)
    {
      g_set_error (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_INVALID_HANDLE,
                   _("“%s” is not a Telegram link. Enter a channel name such as @durov "
                     "or a link such as t.me/durov."), input);
      return NULL;
    }

  if (!had_host && rest[0] == '@')
    rest++;

  /* Query and fragment say nothing about the channel. */
  path = g_strndup (rest, strcspn (rest, "?#"));
  parts = g_strsplit (path, "/", -1);
  n_parts = g_strv_length (parts);
  /* A trailing slash leaves an empty last part. */
  if (n_parts > 0 && parts[n_parts - 1][0] == '\0')
    n_parts--;

  if (had_host && n_parts >= 2 && g_strcmp0 (parts[0], "s") == 0)
    first = 1;

  if (had_host && n_parts == first + 2)
    {
      char *end = NULL;
      gint64 id = g_ascii_strtoll (parts[first + 1], &end, 10);

      if (end == parts[first + 1] || *end != '\0' || id <= 0)
        {
          set_invalid (error, input);
          return NULL;
        }
      if (post_id != NULL)
        *post_id = id;
    }
  else if (n_parts != first + 1)
    {
      set_invalid (error, input);
      return NULL;
    }

  if (!lg_channel_handle_is_valid (parts[first]))
    {
      set_invalid (error, input);
      return NULL;
    }

  return g_strdup (parts[first]);
}
