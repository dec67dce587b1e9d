/* fuzz-slack-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Slack export reader, fed any bytes as one day of #general in a folder
 * export whose users.json and channels.json are fine: what every export
 * importer promises (lg-fuzz-export.c), Slack's markup included, and links
 * only where the export gave an https one.
 */

#include "config.h"

#include "lg-fuzz.h"
#include "lg-slack-export.h"
#include "lg-test-util.h"

static char *export_folder;

static void
write_beside (const char *name,
              const char *contents)
{
  g_autofree char *path = g_build_filename (export_folder, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  export_folder = g_strdup (lg_fuzz_export_init ("general/2024-01-15.json"));
  write_beside ("users.json",
                "[{\"id\": \"U1\", \"name\": \"marta\", \"real_name\": \"Marta\"},"
                " {\"id\": \"U2\", \"name\": \"jon\", \"profile\": {\"display_name\": \"Jon\"}}]");
  write_beside ("channels.json", "[{\"id\": \"C1\", \"name\": \"general\"}]");
  return 0;
}

static void
check_message (LgSource  *source,
               LgMessage *message)
{
  const char *link = lg_message_get_permalink (message);

  if (link == NULL)
    return;
  g_assert_true (g_str_has_prefix (link, "https://"));
}

static gboolean
import (LgStore        *store,
        const char     *path,
        LgExportStats  *stats,
        GError        **error)
{
  return lg_test_read_export (store, path, lg_slack_export_read, stats, error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return lg_fuzz_export_run (data, size, export_folder, import, check_message);
}
