/* fuzz-chat-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chat export import, fed any bytes as a file a user chose: the kind's
 * detection, then the WhatsApp reader (.txt, or a zip through libarchive)
 * or the Telegram one, importing into an in-memory database. What it
 * promises must hold: a file that fails imports nothing and says why; one
 * that succeeds adds what it counts, in UTF-8 without the marks WhatsApp
 * puts before texts, and adds nothing when imported again.
 */

#include "config.h"

#include "lg-chat-import.h"
#include "lg-fuzz.h"
#include "lg-sources.h"

static LgStore *store;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  lg_fuzz_init_logging ();
  lg_fuzz_input_path ("WhatsApp Chat with Fuzz.txt");
  store = lg_fuzz_open_store ();
  return 0;
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
      g_assert_true (g_utf8_validate (lg_source_get_handle (source), -1, NULL));
      messages = lg_store_list_messages (store, lg_source_get_id (source), 200, &error);
      g_assert_no_error (error);
      for (guint j = 0; j < g_list_model_get_n_items (messages); j++)
        {
          g_autoptr(LgMessage) message = g_list_model_get_item (messages, j);
          const char *text = lg_message_get_text (message);
          const char *author = lg_message_get_author_name (message);

          g_assert_true (g_utf8_validate (text, -1, NULL));
          g_assert_true (author == NULL || g_utf8_validate (author, -1, NULL));
          if (g_strcmp0 (lg_source_get_kind (source), "whatsapp_export") == 0)
            {
              g_assert_cmpstr (text, !=, "");
              g_assert_false (g_str_has_prefix (text, "\u200e"));
            }
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(LgChatImport) importer = lg_chat_import_new ();
  g_autoptr(GError) error = NULL;
  LgExportStats stats = { 0 };
  LgExportStats again = { 0 };
  LgStoreCounts before, after;

  /* Dates that read either way are read day first, so that the reader goes
   * on past the question. */
  lg_chat_import_set_date_order (importer, LG_DATE_ORDER_DMY);
  lg_fuzz_write_input (data, size);
  lg_fuzz_count (store, &before);

  if (!lg_chat_import_run (importer, store, lg_fuzz_input_path (NULL), NULL, &stats, &error))
    {
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

  g_assert_true (lg_chat_import_run (importer, store, lg_fuzz_input_path (NULL), NULL, &again,
                                     &error));
  g_assert_no_error (error);
  g_assert_cmpuint (again.added, ==, 0);
  g_assert_cmpuint (again.messages, ==, stats.messages);

  if (after.sources > 0)
    {
      g_object_unref (store);
      store = lg_fuzz_open_store ();
    }
  return 0;
}
