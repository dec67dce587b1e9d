/* lg-stopwords.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-stopwords"

#include "config.h"

#include "lg-stopwords.h"

/* Function words: they carry no topic, so an offer's concepts never include them.
 * (The intent model still reads them: "looking for" is two of them.) */
static const char * const stopwords[] = {
  /* English */
  "a", "an", "the", "and", "or", "but", "if", "of", "for", "to", "in", "on", "at",
  "by", "with", "from", "into", "onto", "about", "as", "than", "then", "so", "too",
  "very", "just", "also", "only", "not", "no", "nor", "is", "are", "was", "were",
  "be", "been", "being", "am", "do", "does", "did", "doing", "have", "has", "had",
  "having", "will", "would", "shall", "should", "can", "could", "may", "might",
  "must", "i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours",
  "he", "him", "his", "she", "her", "hers", "it", "its", "they", "them", "their",
  "theirs", "this", "that", "these", "those", "there", "here", "what", "which",
  "who", "whom", "whose", "when", "where", "why", "how", "all", "any", "some",
  "each", "every", "both", "few", "more", "most", "other", "such", "own", "same",
  "up", "down", "out", "over", "under", "again", "once", "off", "via", "per",
  "i'm", "i've", "i'd", "we're", "we've", "you're", "it's", "that's", "don't",
  "doesn't", "isn't", "aren't", "can't", "won't", "etc", "e", "g", "ie", "eg",
  "anyone", "someone", "something", "anything", "please", "pls", "hi", "hey",
  "before", "after", "since", "until", "till", "during", "without", "within", "near",
  "around", "across", "behind", "between", "through", "like", "because", "while",
  "whether", "though", "although", "unless", "instead", "against", "towards",
  "toward", "upon", "among", "besides", "except",
  /* Russian */
  "и", "а", "но", "или", "да", "нет", "не", "ни", "в", "во", "на", "с", "со", "к",
  "ко", "по", "о", "об", "обо", "от", "до", "из", "за", "для", "под", "над", "при",
  "про", "без", "через", "между", "у", "же", "ли", "бы", "то", "это", "этот",
  "эта", "эти", "этого", "этой", "тот", "та", "те", "так", "как", "что", "чтобы",
  "кто", "где", "когда", "куда", "откуда", "почему", "зачем", "какой", "какая",
  "какие", "какое", "я", "мы", "ты", "вы", "он", "она", "оно", "они", "меня", "мне",
  "нас", "нам", "вас", "вам", "его", "ее", "их", "им", "ими", "мой", "моя", "мое",
  "мои", "наш", "наша", "наше", "наши", "ваш", "ваша", "ваше", "ваши", "свой",
  "своя", "свое", "свои", "был", "была", "было", "были", "быть", "есть", "будет",
  "уже", "еще", "очень", "только", "тоже", "также", "вот", "ну", "там", "тут",
  "здесь", "все", "весь", "вся", "всех", "кто-то", "что-то", "кто-нибудь",
  "пожалуйста", "привет", "всем", "после", "перед", "вместо", "около", "возле",
  "кроме", "среди", "насчет", "ради", "вокруг", "чем", "если", "потому", "пока",
  "хотя", "либо",
};

static gpointer
build_set (gpointer data)
{
  GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < G_N_ELEMENTS (stopwords); i++)
    g_hash_table_add (set, (gpointer) stopwords[i]);
  return set;
}

gboolean
lg_is_stopword (const char *folded)
{
  static GOnce once = G_ONCE_INIT;
  GHashTable *set = g_once (&once, build_set, NULL);

  g_return_val_if_fail (folded != NULL, FALSE);
  return g_hash_table_contains (set, folded);
}

gboolean
lg_is_acronym (const char *word,
               gsize       length)
{
  g_return_val_if_fail (word != NULL || length == 0, FALSE);

  if (length < 2)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isupper (word[i]))
      return FALSE;
  return TRUE;
}
