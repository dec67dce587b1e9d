/* fuzz-telegram-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The t.me/s/NAME page parser, fed any bytes as a whole page and as a
 * fragment. Beyond not crashing, what it returns must hold: an error or a
 * page, never both or neither; posts in order, each with a numeric id, text
 * in UTF-8 and a link only of the one safe shape.
 */

#include "config.h"

#include <string.h>

#include "lg-channel-handle.h"
#include "lg-fuzz.h"
#include "lg-sources.h"
#include "lg-telegram-page.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  lg_fuzz_init_logging ();
  return 0;
}

static void
check_message (LgMessage *message)
{
  const char *id = lg_message_get_external_id (message);
  const char *text = lg_message_get_text (message);
  const char *link = lg_message_get_permalink (message);
  const char *author = lg_message_get_author_name (message);

  g_assert_nonnull (id);
  g_assert_true (lg_channel_handle_id_is_valid (id));
  g_assert_nonnull (text);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_true (author == NULL || g_utf8_validate (author, -1, NULL));
  if (link != NULL)
    {
      g_autofree char *rest = NULL;
      const char *slash;

      g_assert_true (g_str_has_prefix (link, "https://t.me/"));
      rest = g_strdup (link + strlen ("https://t.me/"));
      slash = strrchr (rest, '/');
      g_assert_nonnull (slash);
      g_assert_cmpstr (slash + 1, ==, id);
      rest[slash - rest] = '\0';
      g_assert_true (lg_channel_handle_is_valid (rest));
    }
  g_assert_cmpint (lg_message_get_views (message), >=, -1);
}

static void
parse (const char          *html,
       gsize                length,
       LgTelegramPageFlags  flags)
{
  g_autoptr(LgTelegramPage) page = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *messages;
  gint64 previous = G_MININT64;

  page = lg_telegram_page_parse (html, length, "fuzz", flags, &error);
  if (page == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == LG_SOURCES_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return;
    }
  g_assert_null (error);

  messages = lg_telegram_page_get_messages (page);
  for (guint i = 0; i < messages->len; i++)
    {
      LgMessage *message = g_ptr_array_index (messages, i);
      gint64 id;

      check_message (message);
      id = g_ascii_strtoll (lg_message_get_external_id (message), NULL, 10);
      g_assert_cmpint (id, >=, previous);
      previous = id;
    }
  g_assert_cmpint (lg_telegram_page_get_before (page), >=, 0);
  g_assert_cmpint (lg_telegram_page_get_after (page), >=, 0);
  g_assert_true (lg_telegram_page_get_title (page) == NULL ||
                 g_utf8_validate (lg_telegram_page_get_title (page), -1, NULL));
  g_assert_true (!lg_telegram_page_is_empty (page) || messages->len == 0);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* The parser is handed a length; a NUL-terminated copy also lets the
   * count reader see the bytes as text. */
  g_autofree char *html = g_malloc (size + 1);

  memcpy (html, data, size);
  html[size] = '\0';

  parse (html, size, LG_TELEGRAM_PAGE_WHOLE);
  parse (html, size, LG_TELEGRAM_PAGE_FRAGMENT);
  g_assert_cmpint (lg_telegram_parse_count (html), >=, -1);
  return 0;
}
