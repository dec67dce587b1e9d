/* fuzz-telegram-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Telegram Desktop export reader, fed any bytes as a result.json and
 * importing into an in-memory database. What it promises must hold: a file
 * that fails imports nothing; one that succeeds adds what it counts, with
 * text in UTF-8 and links of the safe shapes only, and adds nothing when
 * imported again.
 */

#include "config.h"

#include <string.h>

#include "lg-channel-handle.h"
#include "lg-fuzz.h"
#include "lg-sources.h"
#include "lg-store.h"
#include "lg-telegram-export.h"
#include "lg-test-util.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  lg_fuzz_export_init ("result.json");
  return 0;
}

/* https://t.me/NAME/ID or https://t.me/c/CHAT/ID, each part checked. */
static void
check_message (LgSource  *source,
               LgMessage *message)
{
  const char *link = lg_message_get_permalink (message);
  g_auto(GStrv) parts = NULL;
  guint n;

  /* Only where the export gave what a link needs. */
  if (link == NULL)
    return;
  g_assert_true (g_str_has_prefix (link, "https://t.me/"));
  parts = g_strsplit (link + strlen ("https://t.me/"), "/", -1);
  n = g_strv_length (parts);
  if (n == 3)
    {
      g_assert_cmpstr (parts[0], ==, "c");
      g_assert_true (lg_channel_handle_id_is_valid (parts[1]));
      g_assert_true (lg_channel_handle_id_is_valid (parts[2]));
    }
  else
    {
      g_assert_cmpuint (n, ==, 2);
      g_assert_true (lg_channel_handle_is_valid (parts[0]));
      g_assert_true (lg_channel_handle_id_is_valid (parts[1]));
    }
}

static gboolean
import (LgStore        *store,
        const char     *path,
        LgExportStats  *stats,
        GError        **error)
{
  return lg_test_read_export (store, path, lg_telegram_export_read, stats, error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return lg_fuzz_export_run (data, size, NULL, import, check_message);
}
