/* lg-roles.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-roles"

#include "config.h"

#include <string.h>

#include "lg-roles.h"

/* General words for whoever or whatever would do the job, in any trade. */
static const char * const providers[] = {
  "someone", "somebody", "anyone", "anybody", "person", "guy", "company", "agency",
  "firm", "provider", "vendor", "partner", "specialist", "expert", "professional",
  "freelancer", "contractor", "consultant", "service", "team", "help", "course",
  "class", "lesson", "school", "studio", "app", "tool", "software", "program",
  "platform", "system", "solution", "option", "contact",
  "человек", "мастер", "специалист", "спец", "профессионал", "компания", "фирма",
  "агентство", "бригада", "подрядчик", "исполнитель", "фрилансер", "студия",
  "сервис", "услуга", "помощь", "программа", "приложение", "система", "платформа",
  "курс", "школа", "контакт", "вариант", "организация", "команда",
};

static const char * const attaching[] = {
  "with", "after", "without", "near", "с", "со", "после", "без", "для",
};

static const char * const adjective_endings[] = {
  "ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему",
  "ую", "юю", "ым", "ых", "их", "ыми", "ими",
};

static gpointer
build_providers (gpointer data)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(LgTokenizer) tokenizer = lg_tokenizer_new ();
  g_autoptr(GString) folded = g_string_new (NULL);
  g_autoptr(GString) stem = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (providers); i++)
    {
      lg_tokenizer_analyze (tokenizer, LG_TOKEN_WORD, providers[i], strlen (providers[i]),
                            folded, stem);
      g_hash_table_add (set, g_strdup (stem->str));
    }
  return set;
}

static gboolean
in_list (const char         *word,
         const char * const *list,
         guint               n)
{
  for (guint i = 0; i < n; i++)
    if (g_str_equal (word, list[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_russian_adjective (const char *folded)
{
  gsize len = strlen (folded);

  /* Five letters at least: "мой", "свой" are not what this is for. */
  if (g_utf8_strlen (folded, -1) < 5)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (adjective_endings); i++)
    {
      gsize n = strlen (adjective_endings[i]);

      if (n < len && memcmp (folded + len - n, adjective_endings[i], n) == 0)
        return TRUE;
    }
  return FALSE;
}

guint
lg_roles_of (const char *folded,
             const char *stem,
             LgScript    script)
{
  static GOnce once = G_ONCE_INIT;
  GHashTable *provider_stems = g_once (&once, build_providers, NULL);
  guint flags = 0;

  g_return_val_if_fail (folded != NULL && stem != NULL, 0);

  if (g_hash_table_contains (provider_stems, stem))
    flags |= LG_ROLE_PROVIDER;
  if (in_list (folded, attaching, G_N_ELEMENTS (attaching)))
    flags |= LG_ROLE_ATTACH;
  if (script == LG_SCRIPT_CYRILLIC && is_russian_adjective (folded))
    flags |= LG_ROLE_ADJECTIVE;
  return flags;
}
