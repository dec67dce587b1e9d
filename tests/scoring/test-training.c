/* test-training.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Training is deterministic: two runs of the trainer on the corpus write
 * byte-identical weights, the same the build compiled into the library.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "lg-test-util.h"

/* The corpus files in the order the build passes them: the split first. */
static char **
corpus_files (void)
{
  const char *list = g_getenv ("LEADGRAM_CORPUS");

  g_assert_nonnull (list);
  return g_strsplit (list, "\n", -1);
}

static char *
train (const char  *dir,
       const char  *name,
       char       **corpus)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *output = g_build_filename (dir, name, NULL);
  g_autofree char *report = g_strconcat (output, ".txt", NULL);
  char *contents = NULL;
  int status;

  g_ptr_array_add (argv, g_strdup (g_getenv ("LEADGRAM_TRAINER")));
  g_ptr_array_add (argv, g_strdup (output));
  g_ptr_array_add (argv, g_strdup (report));
  for (guint i = 0; corpus[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (corpus[i]));
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (output, &contents, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

static void
test_deterministic (void)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_auto(GStrv) corpus = corpus_files ();
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *built = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (g_getenv ("LEADGRAM_TRAINER"));
  g_assert_cmpuint (g_strv_length (corpus), >=, 2);
  g_assert_true (g_str_has_suffix (corpus[0], "split.tsv"));

  first = train (dir, "a.c", corpus);
  second = train (dir, "b.c", corpus);
  g_assert_cmpuint (strlen (first), >, 100000);
  g_assert_true (g_str_equal (first, second));

  g_assert_true (g_file_get_contents (g_getenv ("LEADGRAM_INTENT_WEIGHTS"), &built, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_equal (first, built));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scoring/training/deterministic", test_deterministic);

  return g_test_run ();
}
