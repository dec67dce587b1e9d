/* fuzz-feed.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The feed parser (RSS, Atom, JSON Feed, Hacker News search), fed any
 * bytes. Beyond not crashing, what it returns must hold: an error or a
 * feed, never both or neither; every item with an id, its text, author,
 * thread and title in UTF-8, and a link, when it has one, of http(s) only.
 */

#include "config.h"

#include <string.h>

#include "lg-feed.h"
#include "lg-fuzz.h"
#include "lg-sources.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  lg_fuzz_init_logging ();
  return 0;
}

static void
assert_text (const char *text)
{
  g_assert_true (text == NULL || g_utf8_validate (text, -1, NULL));
}

static void
check_message (LgMessage *message)
{
  const char *link = lg_message_get_permalink (message);

  g_assert_nonnull (lg_message_get_external_id (message));
  g_assert_nonnull (lg_message_get_text (message));
  assert_text (lg_message_get_text (message));
  assert_text (lg_message_get_author_name (message));
  assert_text (lg_message_get_thread (message));
  g_assert_cmpint (lg_message_get_sent_at (message), >=, 0);
  /* A link is opened from the app: never javascript: or a file. */
  if (link != NULL)
    g_assert_true (g_ascii_strncasecmp (link, "https://", 8) == 0 ||
                   g_ascii_strncasecmp (link, "http://", 7) == 0);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(LgFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *messages;

  feed = lg_feed_parse ((const char *) data, size, "https://forum.example.org/feed.xml", &error);
  if (feed == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == LG_SOURCES_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert_null (error);

  assert_text (lg_feed_get_title (feed));
  messages = lg_feed_get_messages (feed);
  for (guint i = 0; i < messages->len; i++)
    check_message (g_ptr_array_index (messages, i));
  return 0;
}
