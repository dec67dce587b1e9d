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

#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "lg-channel-handle.h"
#include "lg-fuzz.h"
#include "lg-sources.h"
#include "lg-store.h"
#include "lg-telegram-export.h"

static LgStore *store;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  lg_fuzz_init_logging ();
  lg_fuzz_input_path ("result.json");
  store = lg_fuzz_open_store ();
  return 0;
}

/* https://t.me/NAME/ID or https://t.me/c/CHAT/ID, each part checked. */
static void
check_link (const char *link)
{
  g_auto(GStrv) parts = NULL;
  guint n;

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

static void
check_stored (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) sources = lg_store_list_sources (store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(LgSource) source = g_list_model_get_item (sources, i);
      g_autoptr(GListModel) messages = NULL;

      g_assert_true (g_utf8_validate (lg_source_get_title (source), -1, NULL));
      messages = lg_store_list_messages (store, lg_source_get_id (source), 200, &error);
      g_assert_no_error (error);
      for (guint j = 0; j < g_list_model_get_n_items (messages); j++)
        {
          g_autoptr(LgMessage) message = g_list_model_get_item (messages, j);
          const char *author = lg_message_get_author_name (message);
          const char *link = lg_message_get_permalink (message);

          g_assert_true (g_utf8_validate (lg_message_get_text (message), -1, NULL));
          g_assert_true (author == NULL || g_utf8_validate (author, -1, NULL));
          if (link != NULL)
            check_link (link);
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(LgTelegramExport) importer = lg_telegram_export_new ();
  g_autoptr(GError) error = NULL;
  LgExportStats stats = { 0 };
  LgExportStats again = { 0 };
  LgStoreCounts before, after;

  lg_fuzz_write_input (data, size);
  lg_fuzz_count (store, &before);

  if (!lg_telegram_export_import (importer, store, lg_fuzz_input_path (NULL), NULL, &stats,
                                  &error))
    {
      /* All or nothing, and the error says what is wrong. */
      g_assert_nonnull (error);
      g_assert_true (error->domain == LG_SOURCES_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      lg_fuzz_count (store, &after);
      g_assert_cmpint (after.sources, ==, before.sources);
      g_assert_cmpint (after.messages, ==, before.messages);
      return 0;
    }
  g_assert_no_error (error);

  lg_fuzz_count (store, &after);
  g_assert_cmpuint (stats.added, <=, stats.messages);
  g_assert_cmpint (after.messages, ==, before.messages + stats.added);
  check_stored ();

  /* The same file again adds nothing. */
  g_assert_true (lg_telegram_export_import (importer, store, lg_fuzz_input_path (NULL), NULL,
                                            &again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (again.added, ==, 0);
  g_assert_cmpuint (again.messages, ==, stats.messages);

  /* Each input starts from an empty database. */
  if (after.sources > 0)
    {
      g_object_unref (store);
      store = lg_fuzz_open_store ();
    }
  return 0;
}
