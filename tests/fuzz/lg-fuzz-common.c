/* lg-fuzz-common.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "lg-fuzz.h"

void
lg_fuzz_init_logging (void)
{
  /* A critical is a bug the input found (a NULL handed on, a getter used on
   * the wrong node type): it must stop the run, as G_DEBUG=fatal-criticals
   * does in the tests. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING | G_LOG_FATAL_MASK);
}

static char *input_path;

static void
remove_input (void)
{
  g_autofree char *dir = g_path_get_dirname (input_path);

  g_unlink (input_path);
  g_rmdir (dir);
}

const char *
lg_fuzz_input_path (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;

  if (input_path != NULL)
    return input_path;
  dir = g_dir_make_tmp ("leadgram-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
  input_path = g_build_filename (dir, name, NULL);
  atexit (remove_input);
  return input_path;
}

void
lg_fuzz_write_input (const uint8_t *data,
                     size_t         size)
{
  FILE *file = fopen (input_path, "wb");

  g_assert_nonnull (file);
  g_assert_cmpuint (fwrite (data, 1, size, file), ==, size);
  g_assert_cmpint (fclose (file), ==, 0);
}

LgStore *
lg_fuzz_open_store (void)
{
  g_autoptr(GError) error = NULL;
  LgStore *store = lg_store_open (":memory:", &error);

  g_assert_no_error (error);
  return store;
}

void
lg_fuzz_count (LgStore       *store,
               LgStoreCounts *counts)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lg_store_count (store, counts, &error));
  g_assert_no_error (error);
}
