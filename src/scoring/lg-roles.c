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

/* A vowel before "ть", or "ти", "чь", with or without "ся": "сделать",
 * "перевезти", "помочь", "заняться". */
static const char * const infinitive_endings[] = {
  "ать", "ять", "еть", "ить", "уть", "ыть", "оть", "ти", "чь",
  "аться", "яться", "еться", "иться", "уться", "тись", "чься",
};

/* Adverbs made from adjectives: "быстро", "аккуратно", "недорого" (the last is
 * an adjective ending too). Six letters at least, as some nouns end so too. */
static const char * const adverb_endings[] = {
  "но", "ко", "ро", "то", "ло",
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
has_ending (const char         *folded,
            const char * const *endings,
            guint               n_endings)
{
  gsize len = strlen (folded);

  for (guint i = 0; i < n_endings; i++)
    {
      gsize n = strlen (endings[i]);

      if (n < len && memcmp (folded + len - n, endings[i], n) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Five letters at least: "мой", "свой", "сеть" are not what this is for. */
static gboolean
is_russian_modifier (const char *folded)
{
  glong n_chars = g_utf8_strlen (folded, -1);

  return (n_chars >= 5 &&
          (has_ending (folded, adjective_endings, G_N_ELEMENTS (adjective_endings)) ||
           has_ending (folded, infinitive_endings, G_N_ELEMENTS (infinitive_endings)))) ||
         (n_chars >= 6 && has_ending (folded, adverb_endings, G_N_ELEMENTS (adverb_endings)));
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
  if (script == LG_SCRIPT_CYRILLIC && is_russian_modifier (folded))
    flags |= LG_ROLE_NOT_HEAD;
  if (g_str_equal (folded, "to"))
    flags |= LG_ROLE_TO;
  return flags;
}
