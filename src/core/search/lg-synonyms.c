/* lg-synonyms.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-synonyms"

#include "config.h"

#include "lg-synonyms.h"

/* The thesauri to look for, each an .idx/.dat pair named th_<NAME>_v2. */
static const char * const dictionaries[] = { "en_US", "ru_RU" };

static GBytes *
map_file (const char *path)
{
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);

  return file != NULL ? g_mapped_file_get_bytes (file) : NULL;
}

static gboolean
add_from (LgThesaurus *thesaurus,
          const char  *dir,
          const char  *name)
{
  g_autofree char *base = g_strdup_printf ("th_%s_v2", name);
  g_autofree char *idx_path = g_strconcat (dir, G_DIR_SEPARATOR_S, base, ".idx", NULL);
  g_autofree char *dat_path = g_strconcat (dir, G_DIR_SEPARATOR_S, base, ".dat", NULL);
  g_autoptr(GBytes) index = map_file (idx_path);
  g_autoptr(GBytes) data = index != NULL ? map_file (dat_path) : NULL;
  g_autoptr(GError) error = NULL;

  if (data == NULL)
    return FALSE;
  if (!lg_thesaurus_add_dictionary (thesaurus, index, data, &error))
    {
      g_warning ("%s: %s", idx_path, error->message);
      return FALSE;
    }
  return TRUE;
}

static gpointer
load (gpointer data)
{
  g_autoptr(LgThesaurus) thesaurus = lg_thesaurus_new ();
  g_autoptr(GPtrArray) dirs = g_ptr_array_new_with_free_func (g_free);
  const char *override = g_getenv ("LEADGRAM_MYTHES_DIR");
  const char * const *system = g_get_system_data_dirs ();
  guint n = 0;

  if (override != NULL)
    g_ptr_array_add (dirs, g_strdup (override));
  else
    for (guint i = 0; system[i] != NULL; i++)
      g_ptr_array_add (dirs, g_build_filename (system[i], "mythes", NULL));

  for (guint d = 0; d < G_N_ELEMENTS (dictionaries); d++)
    for (guint i = 0; i < dirs->len; i++)
      if (add_from (thesaurus, g_ptr_array_index (dirs, i), dictionaries[d]))
        {
          n++;
          break;
        }
  return n > 0 ? g_steal_pointer (&thesaurus) : NULL;
}

LgThesaurus *
lg_synonyms_get_default (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, load, NULL);
}
