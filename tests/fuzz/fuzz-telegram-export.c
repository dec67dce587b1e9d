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

static char *input_path;
static LgStore *store;

static void
open_store (void)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&store);
  store = lg_store_open (":memory:", &error);
  g_assert_no_error (error);
}

static void
remove_input (void)
{
  g_autofree char *dir = g_path_get_dirname (input_path);

  g_unlink (input_path);
  g_rmdir (dir);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;

  lg_fuzz_init_logging ();
  dir = g_dir_make_tmp ("leadgram-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
  input_path = g_build_filename (dir, "result.json", NULL);
  atexit (remove_input);
  open_store ();
  return 0;
}

static void
write_input (const uint8_t *data,
             size_t         size)
{
  FILE *file = fopen (input_path, "wb");

  g_assert_nonnull (file);
  g_assert_cmpuint (fwrite (data, 1, size, file), ==, size);
  g_assert_cmpint (fclose (file), ==, 0);
}

static void
count (LgStoreCounts *counts)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lg_store_count (store, counts, &error));
  g_assert_no_error (error);
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

  write_input (data, size);
  count (&before);

  if (!lg_telegram_export_import (importer, store, input_path, NULL, &stats, &error))
    {
      /* All or nothing, and the error says what is wrong. */
      g_assert_nonnull (error);
      g_assert_true (error->domain == LG_SOURCES_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      count (&after);
      g_assert_cmpint (after.sources, ==, before.sources);
      g_assert_cmpint (after.messages, ==, before.messages);
      return 0;
    }
  g_assert_no_error (error);

  count (&after);
  g_assert_cmpuint (stats.added, <=, stats.messages);
  g_assert_cmpint (after.messages, ==, before.messages + stats.added);
  check_stored ();

  /* The same file again adds nothing. */
  g_assert_true (lg_telegram_export_import (importer, store, input_path, NULL, &again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (again.added, ==, 0);
  g_assert_cmpuint (again.messages, ==, stats.messages);

  /* Each input starts from an empty database. */
  if (after.sources > 0)
    open_store ();
  return 0;
}
