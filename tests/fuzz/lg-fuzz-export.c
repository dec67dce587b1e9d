/* lg-fuzz-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the Discord and Slack targets check of any import, whatever the
 * file said.
 */

#include "config.h"

#include "lg-fuzz.h"
#include "lg-sources.h"

static void
check_stored (LgStore  *store,
              void    (*check_link) (const char *link))
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
          const char *thread = lg_message_get_thread (message);
          const char *link = lg_message_get_permalink (message);

          g_assert_true (g_utf8_validate (lg_message_get_text (message), -1, NULL));
          g_assert_true (author == NULL || g_utf8_validate (author, -1, NULL));
          g_assert_true (thread == NULL || g_utf8_validate (thread, -1, NULL));
          if (link != NULL)
            check_link (link);
        }
    }
}

int
lg_fuzz_export_run (LgStore           **store,
                    const char         *import_path,
                    LgFuzzImportFunc    import,
                    void              (*check_link) (const char *link))
{
  g_autoptr(GError) error = NULL;
  LgExportStats stats = { 0 };
  LgExportStats again = { 0 };
  LgStoreCounts before, after;

  lg_fuzz_count (*store, &before);
  if (!import (*store, import_path, &stats, &error))
    {
      /* All or nothing, and the error says what is wrong. */
      g_assert_nonnull (error);
      g_assert_true (error->domain == LG_SOURCES_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      lg_fuzz_count (*store, &after);
      g_assert_cmpint (after.sources, ==, before.sources);
      g_assert_cmpint (after.messages, ==, before.messages);
      return 0;
    }
  g_assert_no_error (error);

  lg_fuzz_count (*store, &after);
  g_assert_cmpuint (stats.added, <=, stats.messages);
  g_assert_cmpint (after.messages, ==, before.messages + stats.added);
  check_stored (*store, check_link);

  /* The same file again adds nothing. */
  g_assert_true (import (*store, import_path, &again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (again.added, ==, 0);
  g_assert_cmpuint (again.messages, ==, stats.messages);

  /* Each input starts from an empty database. */
  if (after.sources > 0)
    {
      g_object_unref (*store);
      *store = lg_fuzz_open_store ();
    }
  return 0;
}
