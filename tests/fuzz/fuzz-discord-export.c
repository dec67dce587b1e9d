/* fuzz-discord-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The DiscordChatExporter reader, fed any bytes as a channel's JSON file:
 * what every export importer promises (lg-fuzz-export.c), and links into
 * discord.com of digits only.
 */

#include "config.h"

#include <string.h>

#include "lg-discord-export.h"
#include "lg-fuzz.h"
#include "lg-test-util.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  lg_fuzz_export_init ("channel.json");
  return 0;
}

static gboolean
all_digits (const char *text)
{
  if (*text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* https://discord.com/channels/GUILD/CHANNEL/MESSAGE, GUILD "@me" or digits. */
static void
check_message (LgSource  *source,
               LgMessage *message)
{
  const char *link = lg_message_get_permalink (message);
  g_auto(GStrv) parts = NULL;

  /* Only where the export gave what a link needs. */
  if (link == NULL)
    return;
  g_assert_true (g_str_has_prefix (link, "https://discord.com/channels/"));
  parts = g_strsplit (link + strlen ("https://discord.com/channels/"), "/", -1);
  g_assert_cmpuint (g_strv_length (parts), ==, 3);
  g_assert_true (g_str_equal (parts[0], "@me") || all_digits (parts[0]));
  g_assert_true (all_digits (parts[1]));
  g_assert_true (all_digits (parts[2]));
}

static gboolean
import (LgStore        *store,
        const char     *path,
        LgExportStats  *stats,
        GError        **error)
{
  return lg_test_read_export (store, path, lg_discord_export_read, stats, error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return lg_fuzz_export_run (data, size, NULL, import, check_message);
}
