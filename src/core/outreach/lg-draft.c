/* lg-draft.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A first message to a found lead: it refers to what they asked, says what
 * the user offers and asks one question. The text is the user's template;
 * this file picks the words it refers to and fills the placeholders.
 */

#define G_LOG_DOMAIN "lg-draft"

#include "config.h"

#include "lg-draft.h"

#include <string.h>

static const char *language_ids[LG_DRAFT_N_LANGUAGES] = { "en", "ru" };

/* Not translated: each is the draft of its own language, whatever language
 * the app speaks. */
static const char *default_templates[LG_DRAFT_N_LANGUAGES] = {
  "Hi {first_name}, you asked in {source} about {their_words}. {offer} "
  "Would you like me to show you how it could work for you?\n\n{my_name}",
  "Здравствуйте, {first_name}! Вы писали в {source}, что ищете: {their_words}. {offer} "
  "Показать, как это могло бы работать у вас?\n\n{my_name}",
};

/* Words that ask for something. Those that lead to what is asked for ("looking
 * for a CRM") are left out of the reference; the others ("is there")
 * only mark the sentence. Longer ones first, so "recommend me" wins over
 * "recommend". */
typedef struct
{
  const char *words;
  gboolean    leads_to_object;
} Cue;

static const Cue cues[] = {
  { "can anyone recommend", TRUE },
  { "recommendations for", TRUE },
  { "recommendation for", TRUE },
  { "suggestions for", TRUE },
  { "in search of", TRUE },
  { "looking for", TRUE },
  { "searching for", TRUE },
  { "recommend me", TRUE },
  { "recommend", TRUE },
  { "i need", TRUE },
  { "we need", TRUE },
  { "need", TRUE },
  { "want", TRUE },
  { "wtb", TRUE },
  { "hiring", TRUE },
  { "does anyone know of", TRUE },
  { "does anyone know", TRUE },
  { "anyone know of", TRUE },
  { "anyone know", TRUE },
  { "does anyone", FALSE },
  { "is there", FALSE },
  { "where can", FALSE },
  { "how do", FALSE },
  { "посоветуйте", TRUE },
  { "порекомендуйте", TRUE },
  { "требуется", TRUE },
  { "ищу", TRUE },
  { "ищем", TRUE },
  { "нужен", TRUE },
  { "нужна", TRUE },
  { "нужно", TRUE },
  { "нужны", TRUE },
  { "куплю", TRUE },
  { "подскажите", FALSE },
  { "кто знает", FALSE },
  { "кто может", FALSE },
};

/* After a cue, a question word starts a clause, not a thing to refer to
 * ("need to know how…", "посоветуйте, где…"). */
static const char *clause_words[] = {
  "to", "how", "what", "where", "who", "which", "if", "some", "help", "it", "this", "that",
  "them", "you", "more",
  "где", "как", "кто", "что", "какой", "какую", "какие", "помощь",
};

/* Titles a name may start with. */
static const char *titles[] = { "dr.", "dr", "mr.", "mr", "mrs.", "mrs", "ms.", "ms", "prof." };

const char *
lg_draft_language_id (LgDraftLanguage language)
{
  g_return_val_if_fail (language < LG_DRAFT_N_LANGUAGES, NULL);

  return language_ids[language];
}

LgDraftLanguage
lg_draft_language_from_id (const char *id)
{
  for (guint i = 0; id != NULL && i < LG_DRAFT_N_LANGUAGES; i++)
    if (g_strcmp0 (id, language_ids[i]) == 0)
      return i;
  return LG_DRAFT_N_LANGUAGES;
}

/* Words, not letters: product names ("WhatsApp", "Telegram") are long and
 * Latin in a Russian message. */
LgDraftLanguage
lg_draft_detect_language (const char *text)
{
  guint cyrillic = 0, other = 0;
  gboolean in_word = FALSE, word_cyrillic = FALSE;

  for (const char *p = text; p != NULL; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalpha (c))
        {
          in_word = TRUE;
          word_cyrillic = word_cyrillic || g_unichar_get_script (c) == G_UNICODE_SCRIPT_CYRILLIC;
        }
      else if (in_word)
        {
          if (word_cyrillic)
            cyrillic++;
          else
            other++;
          in_word = word_cyrillic = FALSE;
        }
      if (c == 0)
        break;
    }
  return cyrillic > other ? LG_DRAFT_RUSSIAN : LG_DRAFT_ENGLISH;
}

const char *
lg_draft_default_template (LgDraftLanguage language)
{
  g_return_val_if_fail (language < LG_DRAFT_N_LANGUAGES, NULL);

  return default_templates[language];
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || c == '_';
}

/* Where the lower-case words end if text at p starts with them as whole
 * words, else NULL. */
static const char *
match_words (const char *p,
             const char *words)
{
  while (*words != '\0')
    {
      if (*p == '\0' || g_unichar_tolower (g_utf8_get_char (p)) != g_utf8_get_char (words))
        return NULL;
      p = g_utf8_next_char (p);
      words = g_utf8_next_char (words);
    }
  if (*p != '\0' && is_word_char (g_utf8_get_char (p)))
    return NULL;
  return p;
}

/* The first cue in [start, end) at the start of a word, with where it
 * starts and ends. */
static const Cue *
find_cue (const char  *start,
          const char  *end,
          const char **at,
          const char **after)
{
  gboolean at_word_start = TRUE;

  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (at_word_start)
        for (guint i = 0; i < G_N_ELEMENTS (cues); i++)
          {
            const char *past = match_words (p, cues[i].words);

            if (past != NULL && past <= end)
              {
                *at = p;
                *after = past;
                return &cues[i];
              }
          }
      at_word_start = !is_word_char (c);
    }
  return NULL;
}

/* An emoji, a flag's half, or what joins or varies one. */
static gboolean
is_pictograph (gunichar c)
{
  return g_unichar_type (c) == G_UNICODE_OTHER_SYMBOL || c == 0x200D /* ZWJ */ ||
         (c >= 0xFE00 && c <= 0xFE0F) /* variation selectors */ ||
         (c >= 0x1F3FB && c <= 0x1F3FF) /* skin tones */;
}

static const char *
skip_pictographs (const char *p)
{
  while (*p != '\0' && is_pictograph (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return p;
}

static gboolean
ends_sentence (const char *p)
{
  gunichar c = g_utf8_get_char (p);
  gunichar next;

  if (c == '\n' || c == '?' || c == '!' || c == 0x2026 /* … */)
    return TRUE;
  /* Chat messages end sentences with emoji: "in Leicester 🇬🇧 Does anyone…",
   * "в блокноте 😅 Какую CRM…". */
  if (is_pictograph (c))
    {
      const char *after = skip_pictographs (p);

      if (!g_unichar_isspace (g_utf8_get_char (after)))
        return FALSE;
      while (g_unichar_isspace (g_utf8_get_char (after)))
        after = g_utf8_next_char (after);
      return g_unichar_isupper (g_utf8_get_char (after));
    }
  if (c != '.')
    return FALSE;
  /* Not the dot of "t.me" or "2.5". */
  next = g_utf8_get_char (g_utf8_next_char (p));
  return next == 0 || g_unichar_isspace (next);
}

static char *
strip_span (const char *start,
            const char *end)
{
  g_autofree char *text = g_strndup (start, end - start);

  return g_strdup (g_strstrip (text));
}

/* The thing asked for after a cue: up to the first comma or bracket, NULL
 * when a clause follows rather than a thing. */
static char *
object_after_cue (const char *after,
                  const char *end)
{
  const char *p = after;
  const char *stop;
  g_autofree char *object = NULL;

  while (p < end)
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && c != ':' && c != '-' && c != 0x2013 /* – */)
        break;
      p = g_utf8_next_char (p);
    }
  if (p >= end || *p == ',')
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (clause_words); i++)
    if (match_words (p, clause_words[i]) != NULL)
      return NULL;

  for (stop = p; stop < end && strchr (",;()", *stop) == NULL; stop++)
    ;
  object = strip_span (p, stop);
  /* Its marks and emoji stay with the message ("для кофейни 🙏"). */
  while (*object != '\0')
    {
      char *last = g_utf8_find_prev_char (object, object + strlen (object));
      gunichar c = g_utf8_get_char (last);

      if (!is_pictograph (c) && !g_unichar_isspace (c) &&
          c != '.' && c != '?' && c != '!' && c != ':')
        break;
      *last = '\0';
    }
  if (*object == '\0')
    return NULL;
  return g_steal_pointer (&object);
}

/* text cut at a word so it keeps about max_chars characters, with "…". */
static char *
shorten (const char *text,
         guint       max_chars)
{
  const char *cut, *space = NULL;

  if (max_chars == 0 || g_utf8_strlen (text, -1) <= (glong) max_chars)
    return g_strdup (text);

  cut = g_utf8_offset_to_pointer (text, max_chars);
  for (const char *p = text; p < cut; p = g_utf8_next_char (p))
    if (g_unichar_isspace (g_utf8_get_char (p)))
      space = p;
  if (space == NULL || space == text)
    space = cut;

  {
    g_autofree char *head = g_strndup (text, space - text);

    g_strchomp (head);
    while (*head != '\0' && strchr (",;:-", head[strlen (head) - 1]) != NULL)
      head[strlen (head) - 1] = '\0';
    return g_strconcat (head, "…", NULL);
  }
}

char *
lg_draft_their_words (const char      *text,
                      LgDraftLanguage  language,
                      guint            max_chars)
{
  const char *best_start = NULL, *best_end = NULL, *best_at = NULL, *best_after = NULL;
  const Cue *best_cue = NULL;
  int best_score = -1;
  const char *start;
  g_autofree char *words = NULL;
  g_autofree char *short_words = NULL;

  g_return_val_if_fail (language < LG_DRAFT_N_LANGUAGES, NULL);

  if (text == NULL)
    return NULL;

  start = text;
  while (*start != '\0')
    {
      const char *end = start;
      const char *at = NULL, *after = NULL;
      const Cue *cue;
      gboolean question = FALSE, has_word = FALSE;
      int score;

      while (*end != '\0' && !ends_sentence (end))
        {
          has_word = has_word || g_unichar_isalnum (g_utf8_get_char (end));
          end = g_utf8_next_char (end);
        }
      /* The sentence keeps its marks ("?!", "..."). */
      while (*end != '\0' && strchr ("?!.\n", *end) != NULL)
        {
          question = question || *end == '?';
          end++;
        }
      while (g_str_has_prefix (end, "…"))
        end += strlen ("…");
      end = skip_pictographs (end);

      cue = find_cue (start, end, &at, &after);
      score = (cue != NULL ? 3 : 0) + (question ? 2 : 0);
      if (has_word && score > best_score)
        {
          best_score = score;
          best_start = start;
          best_end = end;
          best_cue = cue;
          best_at = at;
          best_after = after;
        }
      start = end;
    }

  if (best_start == NULL)
    return NULL;

  if (best_cue != NULL && best_cue->leads_to_object)
    words = object_after_cue (best_after, best_end);
  if (words != NULL)
    return shorten (words, max_chars);

  /* The quote starts at the request ("Opening a café 🇬🇧 Does anyone…"). */
  words = strip_span (best_cue != NULL ? best_at : best_start, best_end);
  if (best_cue != NULL)
    {
      gunichar first = g_utf8_get_char (words);
      g_autofree char *rest = g_strdup (g_utf8_next_char (words));
      char upper[8] = { 0 };

      g_unichar_to_utf8 (g_unichar_toupper (first), upper);
      g_free (words);
      words = g_strconcat (upper, rest, NULL);
    }
  while (*words != '\0' && strchr (".?!\n", words[strlen (words) - 1]) != NULL)
    words[strlen (words) - 1] = '\0';
  while (g_str_has_suffix (words, "…"))
    words[strlen (words) - strlen ("…")] = '\0';
  g_strchomp (words);
  short_words = shorten (words, max_chars);
  if (language == LG_DRAFT_RUSSIAN)
    return g_strconcat ("«", short_words, "»", NULL);
  return g_strconcat ("“", short_words, "”", NULL);
}

char *
lg_draft_first_name (const char *name)
{
  g_autofree char *trimmed = NULL;
  const char *end;
  gboolean has_letter = FALSE;

  if (name == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (name));
  if (*trimmed == '\0' || *trimmed == '@')
    return NULL;

  for (end = trimmed; *end != '\0' && !g_unichar_isspace (g_utf8_get_char (end));
       end = g_utf8_next_char (end))
    has_letter = has_letter || g_unichar_isalpha (g_utf8_get_char (end));
  if (!has_letter)
    return NULL;
  /* "Dr. Patel", not "Dr.": a title keeps the name after it. */
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (match_words (trimmed, titles[i]) == end && *end != '\0')
      {
        const char *last = strrchr (trimmed, ' ');

        return g_strdup_printf ("%.*s%s", (int) (end - trimmed), trimmed, last);
      }
  return g_strndup (trimmed, end - trimmed);
}

static const char *
field_value (const LgDraftFields *fields,
             const char          *name,
             gsize                len,
             gboolean            *known)
{
  static const struct { const char *name; gsize offset; } names[] = {
    { "first_name", G_STRUCT_OFFSET (LgDraftFields, first_name) },
    { "their_words", G_STRUCT_OFFSET (LgDraftFields, their_words) },
    { "offer", G_STRUCT_OFFSET (LgDraftFields, offer) },
    { "source", G_STRUCT_OFFSET (LgDraftFields, source) },
    { "my_name", G_STRUCT_OFFSET (LgDraftFields, my_name) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strlen (names[i].name) == len && strncmp (names[i].name, name, len) == 0)
      {
        *known = TRUE;
        return G_STRUCT_MEMBER (const char *, fields, names[i].offset);
      }
  *known = FALSE;
  return NULL;
}

/* An empty placeholder takes the space before it, and a comma before it when
 * a mark follows ("Hi {first_name}," → "Hi,"; "Здравствуйте, {first_name}!"
 * → "Здравствуйте!"). */
static void
drop_before_empty (GString    *out,
                   const char *next)
{
  while (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  if (out->len > 0 && out->str[out->len - 1] == ',' && strchr ("!.,?", *next) != NULL &&
      *next != '\0')
    g_string_truncate (out, out->len - 1);
}

char *
lg_draft_fill (const char          *template_text,
               const LgDraftFields *fields)
{
  GString *out;
  const char *p;

  g_return_val_if_fail (template_text != NULL, NULL);
  g_return_val_if_fail (fields != NULL, NULL);

  out = g_string_new (NULL);
  p = template_text;
  while (*p != '\0')
    {
      const char *close;
      const char *value;
      gboolean known;

      if (*p != '{' || (close = strchr (p + 1, '}')) == NULL)
        {
          g_string_append_c (out, *p++);
          continue;
        }

      value = field_value (fields, p + 1, close - p - 1, &known);
      if (!known)
        {
          g_string_append_c (out, *p++);
          continue;
        }
      p = close + 1;
      if (value != NULL && *value != '\0')
        {
          g_string_append (out, value);
          /* "…" ends the sentence already: no "…." */
          if (g_str_has_suffix (value, "…") && *p == '.')
            p++;
        }
      else
        drop_before_empty (out, p);
    }

  /* A left-out {my_name} at the end leaves the blank line before it. */
  while (out->len > 0 && g_ascii_isspace (out->str[out->len - 1]))
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}
