/* fuzz-replay.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs a fuzz target's entry point over its committed corpus, one test case
 * per file, so that every `meson test` replays the inputs that once crashed
 * and the interesting ones the fuzzer kept:
 *
 *   fuzz-replay-TARGET [--tap] CORPUS-FOLDER-OR-FILE...
 *
 * Built without libFuzzer, with whatever compiler and sanitizers the tree
 * uses; a failing input is reproduced by naming its file.
 */

#include "config.h"

#include <glib.h>

#include "lg-fuzz.h"

static void
replay (gconstpointer data)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpint (LLVMFuzzerTestOneInput ((const uint8_t *) contents, length), ==, 0);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char **) a, *(char **) b);
}

static void
add_path (GPtrArray  *files,
          const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_ptr_array_add (files, g_strdup (path));
      return;
    }
  dir = g_dir_open (path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (files, g_build_filename (path, name, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  g_test_init (&argc, &argv, NULL);
  LLVMFuzzerInitialize (&argc, &argv);

  if (argc < 2)
    {
      g_printerr ("usage: %s [--tap] CORPUS-FOLDER-OR-FILE...\n", argv[0]);
      return 2;
    }
  for (int i = 1; i < argc; i++)
    add_path (files, argv[i]);
  g_ptr_array_sort (files, compare_strings);

  /* An empty corpus would pass without testing anything. */
  if (files->len == 0)
    {
      g_printerr ("No inputs in the corpus.\n");
      return 1;
    }

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *name = g_path_get_basename (path);
      g_autofree char *test_path = g_strdup_printf ("/fuzz/" LG_FUZZ_TARGET "/%s", name);

      g_test_add_data_func (test_path, path, replay);
    }
  return g_test_run ();
}
