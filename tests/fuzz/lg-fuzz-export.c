/* lg-fuzz-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chat export targets' common part: the input written to a file, an
 * in-memory store, and what every importer promises whatever the file says.
 */

#include "config.h"

#include <stdio.h>

#include <glib/gstdio.h>

#include "lg-fuzz.h"
#include "lg-sources.h"

static char *folder;
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

/* The folder holds the input and what a target wrote beside it. */
static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  g_remove (path);
}

static void
remove_folder (void)
{
  remove_tree (folder);
}

const char *
lg_fuzz_export_init (const char *input_name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *parent = NULL;

  lg_fuzz_init_logging ();
  folder = g_dir_make_tmp ("leadgram-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
  input_path = g_build_filename (folder, input_name, NULL);
  parent = g_path_get_dirname (input_path);
  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  atexit (remove_folder);
  open_store ();
  return folder;
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

static void
check_stored (LgFuzzCheckFunc check)
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
          const char *author = lg_message_get_author_name (message);
          const char *thread = lg_message_get_thread (message);

          g_assert_true (g_utf8_validate (lg_message_get_text (message), -1, NULL));
          g_assert_true (author == NULL || g_utf8_validate (author, -1, NULL));
          g_assert_true (thread == NULL || g_utf8_validate (thread, -1, NULL));
          check (source, message);
        }
    }
}

int
lg_fuzz_export_run (const uint8_t    *data,
                    size_t            size,
                    const char       *import_path,
                    LgFuzzImportFunc  import,
                    LgFuzzCheckFunc   check)
{
  g_autoptr(GError) error = NULL;
  LgExportStats stats = { 0 };
  LgExportStats again = { 0 };
  LgStoreCounts before, after;
  const char *path = import_path != NULL ? import_path : input_path;

  write_input (data, size);
  count (&before);

  if (!import (store, path, &stats, &error))
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
  check_stored (check);

  /* The same file again adds nothing. */
  g_assert_true (import (store, path, &again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (again.added, ==, 0);
  g_assert_cmpuint (again.messages, ==, stats.messages);

  /* Each input starts from an empty database. */
  if (after.sources > 0)
    open_store ();
  return 0;
}
