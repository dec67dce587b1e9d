/* lg-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/wait.h>

#include "lg-test-util.h"

static GPtrArray *tmpdirs;

static void
remove_tree (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL &&
         (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, g_file_info_get_name (info), NULL);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        remove_tree (child);
      else
        g_remove (child);
      g_object_unref (info);
    }
  g_rmdir (path);
}

static void
remove_tmpdirs (void)
{
  for (guint i = 0; i < tmpdirs->len; i++)
    remove_tree (g_ptr_array_index (tmpdirs, i));
  g_ptr_array_unref (tmpdirs);
}

char *
lg_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("leadgram-test-XXXXXX", &error);

  g_assert_no_error (error);
  if (tmpdirs == NULL)
    {
      tmpdirs = g_ptr_array_new_with_free_func (g_free);
      atexit (remove_tmpdirs);
    }
  g_ptr_array_add (tmpdirs, g_strdup (dir));
  return dir;
}

LgStore *
lg_test_open_store (void)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "leadgram.db", NULL);
  g_autoptr(GError) error = NULL;
  LgStore *store = lg_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

LgSource *
lg_test_add_source (LgStore    *store,
                    const char *handle)
{
  g_autoptr(GError) error = NULL;
  LgSource *source = lg_source_new ();

  lg_source_set_kind (source, "telegram_channel");
  lg_source_set_handle (source, handle);
  lg_source_set_title (source, handle);
  g_assert_true (lg_store_add_source (store, source, &error));
  g_assert_no_error (error);
  return source;
}

LgLead *
lg_test_add_lead (LgStore    *store,
                  const char *name,
                  const char *stage)
{
  g_autoptr(GError) error = NULL;
  LgLead *lead = lg_lead_new ();

  lg_lead_set_name (lead, name);
  lg_lead_set_stage (lead, stage);
  g_assert_true (lg_store_add_lead (store, lead, &error));
  g_assert_no_error (error);
  return lead;
}

gint64
lg_test_add_followup (LgStore    *store,
                      gint64      lead_id,
                      gint64      due_at,
                      const char *kind,
                      const char *note)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgFollowup) followup = lg_followup_new ();

  lg_followup_set_lead_id (followup, lead_id);
  lg_followup_set_due_at (followup, due_at);
  lg_followup_set_kind (followup, kind);
  lg_followup_set_note (followup, note);
  g_assert_true (lg_store_add_followup (store, followup, &error));
  g_assert_no_error (error);
  return lg_followup_get_id (followup);
}

int
lg_test_run_cli (const char * const *args,
                 char              **out,
                 char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli_path = g_getenv ("LEADGRAM_CLI");
  int status = -1;

  g_assert_nonnull (cli_path);
  g_ptr_array_add (argv, (char *) cli_path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                out, err, &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}
