/* fuzz-chat-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chat export import, fed any bytes as a file a user chose: the kind's
 * detection, then the reader it picks (WhatsApp .txt or a zip through
 * libarchive, Discord, Slack's zip, Telegram), importing into an in-memory
 * database. What every export importer promises (lg-fuzz-export.c) must
 * hold, and WhatsApp's texts come without the marks WhatsApp puts before
 * them.
 */

#include "config.h"

#include "lg-chat-import.h"
#include "lg-fuzz.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  lg_fuzz_export_init ("WhatsApp Chat with Fuzz.txt");
  return 0;
}

static void
check_message (LgSource  *source,
               LgMessage *message)
{
  const char *text = lg_message_get_text (message);

  if (g_strcmp0 (lg_source_get_kind (source), "whatsapp_export") == 0)
    {
      g_assert_cmpstr (text, !=, "");
      g_assert_false (g_str_has_prefix (text, "\u200e"));
    }
}

static gboolean
import (LgStore        *store,
        const char     *path,
        LgExportStats  *stats,
        GError        **error)
{
  g_autoptr(LgChatImport) importer = lg_chat_import_new ();

  /* Dates that read either way are read day first, so that the reader goes
   * on past the question. */
  lg_chat_import_set_date_order (importer, LG_DATE_ORDER_DMY);
  return lg_chat_import_run (importer, store, path, NULL, stats, error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return lg_fuzz_export_run (data, size, NULL, import, check_message);
}
