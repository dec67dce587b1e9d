/* fuzz-slack-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Slack export reader, fed any bytes as one day of #general in a folder
 * export whose users.json and channels.json are fine: what every export
 * import promises (lg-fuzz-export.c), Slack's markup included, and links
 * only where the export gave an https one.
 */

#include "config.h"

#include "lg-fuzz.h"
#include "lg-slack-export.h"

#include <stdio.h>

#include <glib/gstdio.h>

static LgStore *fuzz_store;
static char *export_folder;
static char *day_path;

static char *
beside (const char *name)
{
  return g_build_filename (export_folder, name, NULL);
}

static void
write_beside (const char *name,
              const char *contents)
{
  g_autofree char *path = beside (name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* Runs before lg-fuzz-common.c removes the input and its folder. */
static void
remove_export (void)
{
  g_autofree char *users = beside ("users.json");
  g_autofree char *channels = beside ("channels.json");
  g_autofree char *general = beside ("general");

  g_unlink (day_path);
  g_rmdir (general);
  g_unlink (users);
  g_unlink (channels);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autofree char *general = NULL;

  lg_fuzz_init_logging ();
  /* The folder lg-fuzz-common.c makes is the export; the input, one day of
   * #general, is written in its folder. */
  export_folder = g_path_get_dirname (lg_fuzz_input_path ("unused"));
  general = beside ("general");
  g_assert_cmpint (g_mkdir (general, 0700), ==, 0);
  day_path = g_build_filename (general, "2024-01-15.json", NULL);
  write_beside ("users.json",
                "[{\"id\": \"U1\", \"name\": \"marta\", \"real_name\": \"Marta\"},"
                " {\"id\": \"U2\", \"name\": \"jon\", \"profile\": {\"display_name\": \"Jon\"}}]");
  write_beside ("channels.json", "[{\"id\": \"C1\", \"name\": \"general\"}]");
  atexit (remove_export);
  fuzz_store = lg_fuzz_open_store ();
  return 0;
}

static void
check_link (const char *link)
{
  g_assert_true (g_str_has_prefix (link, "https://"));
}

static gboolean
import (LgStore        *store,
        const char     *path,
        LgExportStats  *stats,
        GError        **error)
{
  g_autoptr(LgSlackExport) importer = lg_slack_export_new ();

  return lg_slack_export_import (importer, store, path, NULL, stats, error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  FILE *file = fopen (day_path, "wb");

  g_assert_nonnull (file);
  g_assert_cmpuint (fwrite (data, 1, size, file), ==, size);
  g_assert_cmpint (fclose (file), ==, 0);
  return lg_fuzz_export_run (&fuzz_store, export_folder, import, check_link);
}
