/* lg-offer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-offer"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "lg-features.h"
#include "lg-hash.h"
#include "lg-offer-private.h"
#include "lg-scoring-error.h"
#include "lg-stopwords.h"
#include "lg-tokenizer.h"

#define PREFIX_CHARS 5
#define TOPIC_MAX_CHARS 60

G_DEFINE_BOXED_TYPE (LgOffer, lg_offer, lg_offer_ref, lg_offer_unref)

/* Words that say little about what is sold: an offer is "online", "for small
 * businesses", "professional services" more often than not. They still count,
 * a third as much. */
static const char * const weak_words[] = {
  "online", "small", "new", "best", "good", "local", "professional", "quality",
  "cheap", "fast", "custom", "full", "service", "services", "solution", "solutions",
  "company", "companies", "business", "businesses", "people", "team", "teams",
  "easy", "simple", "affordable", "modern", "premium", "expert",
  "онлайн", "недорого", "недорогой", "качественный", "качественно", "профессиональный",
  "профессиональная", "профессионально", "услуга", "услуги", "компания", "компаний",
  "бизнес", "бизнеса", "малый", "малого", "быстро", "быстрый", "новый", "лучший",
  "взрослых", "взрослые",
};

/* "for" / "для" leads from what is sold to whom. */
static gboolean
is_audience_marker (const char *folded)
{
  return g_str_equal (folded, "for") || g_str_equal (folded, "для");
}

static gboolean
is_weak (const char *folded)
{
  for (guint i = 0; i < G_N_ELEMENTS (weak_words); i++)
    if (g_str_equal (folded, weak_words[i]))
      return TRUE;
  return FALSE;
}

static guint64
key_of_chars (const char *stem,
              guint       n_chars,
              guint64     salt)
{
  const char *end = g_utf8_offset_to_pointer (stem, n_chars);

  return lg_hash_pair (salt, lg_hash_bytes (LG_HASH_SEED, stem, end - stem));
}

guint64
lg_offer_prefix_key (const char *stem)
{
  if (g_utf8_strlen (stem, -1) < PREFIX_CHARS)
    return 0;
  return key_of_chars (stem, PREFIX_CHARS, 0x9e3779b9);
}

guint64
lg_offer_pair_key (guint64 a,
                   guint64 b)
{
  /* A sum does not depend on the order; one mix spreads it. */
  return lg_hash_mix (a + b);
}

static void
slot_insert (LgOfferSlot *slots,
             guint64      key,
             gint16       index,
             float        credit)
{
  guint i = (guint) (key ^ (key >> 29)) & (LG_OFFER_SLOTS - 1);
  guint used = 0;

  for (guint k = 0; k < LG_OFFER_SLOTS; k++)
    used += slots[k].index >= 0;
  /* Keep probes short: partial matches are dropped before the table fills. */
  if (key == 0 || used >= LG_OFFER_SLOTS * 3 / 4)
    return;
  while (slots[i].index >= 0)
    {
      if (slots[i].key == key)
        {
          if (credit > slots[i].credit)
            {
              slots[i].index = index;
              slots[i].credit = credit;
            }
          return;
        }
      i = (i + 1) & (LG_OFFER_SLOTS - 1);
    }
  slots[i] = (LgOfferSlot) { key, index, credit };
}

static const char *
keep (LgOffer *self,
      char    *string)
{
  g_ptr_array_add (self->strings, string);
  return string;
}

static void
add_term (LgOffer         *self,
          LgQueryTermKind  kind,
          LgConceptRole    role,
          const char      *word,
          const char      *stem,
          double           weight)
{
  LgQueryTerm term = { kind, role, word, stem, weight };

  g_array_append_val (self->terms, term);
}

static int
find_concept (LgOffer *self,
              guint64  key)
{
  for (guint i = 0; i < self->n_concepts; i++)
    if (self->concepts[i].key == key)
      return i;
  return -1;
}

static void
index_concept (LgOffer *self,
               guint    index)
{
  const LgConcept *concept = &self->concepts[index];
  glong n_chars = g_utf8_strlen (concept->stem, -1);

  slot_insert (self->slots, concept->key, index, 1.0f);
  slot_insert (self->slots, lg_offer_prefix_key (concept->stem), index, LG_OFFER_PARTIAL_CREDIT);
  /* Russian writes compounds as one word: "фотосъемка" is also "съемка". */
  if (g_unichar_get_script (g_utf8_get_char (concept->stem)) == G_UNICODE_SCRIPT_CYRILLIC)
    for (glong start = 2; n_chars - start >= PREFIX_CHARS; start++)
      {
        const char *suffix = g_utf8_offset_to_pointer (concept->stem, start);

        slot_insert (self->slots, lg_features_stem_key (suffix), index, LG_OFFER_PARTIAL_CREDIT);
      }
}

static void
add_concepts (LgOffer    *self,
              const char *text,
              GArray     *tokens)
{
  LgConceptRole role = LG_CONCEPT_PRODUCT;
  int prev = -1;

  for (guint i = 0; i < tokens->len; i++)
    {
      const LgToken *token = &g_array_index (tokens, LgToken, i);
      guint64 key;
      int index;

      if (token->flags & LG_SPAN_AFTER_COLON)
        role = LG_CONCEPT_FEATURE;
      if (token->flags & LG_SPAN_AFTER_BREAK)
        prev = -1;
      if (is_audience_marker (token->text))
        role = LG_CONCEPT_AUDIENCE;
      if ((token->kind != LG_TOKEN_WORD && token->kind != LG_TOKEN_HASHTAG) ||
          (lg_is_stopword (token->text) &&
           !lg_is_acronym (text + token->start, token->end - token->start)) ||
          g_utf8_strlen (token->text, -1) < 2)
        {
          prev = -1;
          continue;
        }

      key = lg_features_stem_key (token->stem);
      index = find_concept (self, key);
      if (index < 0)
        {
          LgConcept *concept;

          if (self->n_concepts == LG_OFFER_MAX_CONCEPTS)
            break;
          index = self->n_concepts++;
          concept = &self->concepts[index];
          concept->word = g_strdup (token->text);
          concept->stem = g_strdup (token->stem);
          concept->key = key;
          concept->role = role;
          concept->synonym_of = -1;
          concept->weight = is_weak (token->text) ? 0.3f : role == LG_CONCEPT_FEATURE ? 0.8f : 1.0f;
          index_concept (self, index);
        }

      if (prev >= 0 && prev != index && self->n_phrases < LG_OFFER_MAX_CONCEPTS)
        {
          guint p = self->n_phrases++;

          self->phrase_concepts[p][0] = prev;
          self->phrase_concepts[p][1] = index;
          self->phrase_weights[p] = 0.5f * MIN (self->concepts[prev].weight,
                                                self->concepts[index].weight);
          slot_insert (self->phrase_slots,
                       lg_offer_pair_key (self->concepts[prev].key, key), p, 1.0f);
        }
      prev = index;
    }

  /* "For dentists" names only an audience: then that is what to look for. */
  for (guint i = 0; i < self->n_concepts; i++)
    if (self->concepts[i].role != LG_CONCEPT_AUDIENCE)
      return;
  for (guint i = 0; i < self->n_concepts; i++)
    self->concepts[i].role = LG_CONCEPT_PRODUCT;
}

static gboolean
add_filters (LgOffer            *self,
             LgTokenizer        *tokenizer,
             const char * const *entries,
             LgFilter           *filters,
             guint              *n_filters,
             LgQueryTermKind     kind,
             GError            **error)
{
  for (guint i = 0; entries != NULL && entries[i] != NULL && *n_filters < LG_OFFER_MAX_FILTERS; i++)
    {
      g_autoptr(GArray) tokens = lg_tokenizer_tokenize (tokenizer, entries[i], -1, NULL, error);
      LgFilter *filter = &filters[*n_filters];

      if (tokens == NULL)
        return FALSE;
      filter->n_keys = 0;
      for (guint k = 0; k < tokens->len && filter->n_keys < G_N_ELEMENTS (filter->keys); k++)
        {
          const LgToken *token = &g_array_index (tokens, LgToken, k);

          if (tokens->len > 1 && lg_is_stopword (token->text))
            continue;
          filter->keys[filter->n_keys++] = lg_features_stem_key (token->stem);
          add_term (self, kind, LG_CONCEPT_PRODUCT, keep (self, g_strdup (token->text)),
                    keep (self, g_strdup (token->stem)), 1.0);
        }
      if (filter->n_keys == 0)
        continue;
      filter->text = g_strstrip (g_strdup (entries[i]));
      (*n_filters)++;
    }
  return TRUE;
}

/* The first clause, as a reason can quote it: "CRM for dental clinics". */
static char *
make_topic (const char *text)
{
  g_autoptr(GString) topic = g_string_new (NULL);
  glong n_chars = 0;
  const char *p;

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar u = g_utf8_get_char (p);

      if (u == ':' || u == '(' || u == '\n' || u == ';' || u == 0x2014)
        break;
      g_string_append_unichar (topic, u);
      n_chars++;
    }
  g_strstrip (topic->str);
  g_string_set_size (topic, strlen (topic->str));
  if (n_chars > TOPIC_MAX_CHARS)
    {
      const char *cut = g_utf8_offset_to_pointer (topic->str, TOPIC_MAX_CHARS);
      const char *space = g_utf8_strrchr (topic->str, cut - topic->str, ' ');

      g_string_truncate (topic, (space != NULL ? space : cut) - topic->str);
      g_string_append (topic, "…");
    }
  /* Mid-sentence, "Website and…" reads "website and…"; "CRM" stays. */
  if (topic->len > 1)
    {
      gunichar first = g_utf8_get_char (topic->str);
      gunichar second = g_utf8_get_char (g_utf8_next_char (topic->str));

      if (g_unichar_isupper (first) && g_unichar_islower (second))
        {
          g_autofree char *rest = g_strdup (g_utf8_next_char (topic->str));

          g_string_truncate (topic, 0);
          g_string_append_unichar (topic, g_unichar_tolower (first));
          g_string_append (topic, rest);
        }
    }
  return g_string_free (g_steal_pointer (&topic), FALSE);
}

/* Synonyms per offer word, and how much of the word's weight one counts for. */
#define SYNONYMS_PER_WORD 3
#define SYNONYM_WEIGHT    0.7f

static void
add_synonyms (LgOffer     *self,
              LgTokenizer *tokenizer,
              LgThesaurus *thesaurus)
{
  guint n_own = self->n_concepts;

  for (guint c = 0; c < n_own; c++)
    {
      g_autoptr(GPtrArray) words = NULL;

      if (self->concepts[c].role == LG_CONCEPT_AUDIENCE || self->concepts[c].weight < 0.5f)
        continue;
      words = lg_thesaurus_lookup (thesaurus, self->concepts[c].word, SYNONYMS_PER_WORD);
      for (guint w = 0; w < words->len && self->n_concepts < LG_OFFER_MAX_CONCEPTS; w++)
        {
          g_autoptr(GArray) tokens = lg_tokenizer_tokenize (tokenizer, g_ptr_array_index (words, w),
                                                            -1, NULL, NULL);
          const LgToken *token;
          LgConcept *concept;
          guint64 key;

          if (tokens == NULL || tokens->len != 1)
            continue;
          token = &g_array_index (tokens, LgToken, 0);
          key = lg_features_stem_key (token->stem);
          if (token->kind != LG_TOKEN_WORD || lg_is_stopword (token->text) ||
              g_utf8_strlen (token->text, -1) < 3 || find_concept (self, key) >= 0)
            continue;
          concept = &self->concepts[self->n_concepts];
          concept->word = g_strdup (token->text);
          concept->stem = g_strdup (token->stem);
          concept->key = key;
          concept->role = self->concepts[c].role;
          concept->weight = self->concepts[c].weight * SYNONYM_WEIGHT;
          concept->synonym_of = c;
          self->n_synonyms++;
          index_concept (self, self->n_concepts++);
        }
    }
}

LgOffer *
lg_offer_new (const char         *text,
              const char * const *must,
              const char * const *exclude,
              GError            **error)
{
  return lg_offer_new_full (text, must, exclude, NULL, error);
}

LgOffer *
lg_offer_new_full (const char         *text,
                   const char * const *must,
                   const char * const *exclude,
                   LgThesaurus        *thesaurus,
                   GError            **error)
{
  g_autoptr(LgOffer) self = NULL;
  g_autoptr(LgTokenizer) tokenizer = NULL;
  g_autoptr(GArray) tokens = NULL;
  const guint role_order[] = { LG_CONCEPT_PRODUCT, LG_CONCEPT_FEATURE, LG_CONCEPT_AUDIENCE };

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (LgOffer, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->terms = g_array_new (FALSE, FALSE, sizeof (LgQueryTerm));
  self->strings = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < LG_OFFER_SLOTS; i++)
    self->slots[i].index = self->phrase_slots[i].index = -1;

  tokenizer = lg_tokenizer_new ();
  tokens = lg_tokenizer_tokenize (tokenizer, text, -1, NULL, error);
  if (tokens == NULL)
    return NULL;
  self->text = g_strdup (text);
  self->topic = make_topic (text);

  add_concepts (self, text, tokens);
  if (self->n_concepts == 0)
    {
      g_set_error_literal (error, LG_SCORING_ERROR, LG_SCORING_ERROR_EMPTY_OFFER,
                           _("The offer has no words to look for. Describe what you sell "
                             "in a few words, for example “CRM for dental clinics”."));
      return NULL;
    }
  if (thesaurus != NULL)
    add_synonyms (self, tokenizer, thesaurus);

  for (guint r = 0; r < G_N_ELEMENTS (role_order); r++)
    for (guint i = 0; i < self->n_concepts; i++)
      if (self->concepts[i].role == role_order[r])
        add_term (self, LG_QUERY_TERM_CONCEPT, self->concepts[i].role, self->concepts[i].word,
                  self->concepts[i].stem, self->concepts[i].weight);
  for (guint p = 0; p < self->n_phrases; p++)
    {
      const LgConcept *a = &self->concepts[self->phrase_concepts[p][0]];
      const LgConcept *b = &self->concepts[self->phrase_concepts[p][1]];

      add_term (self, LG_QUERY_TERM_PHRASE, b->role,
                keep (self, g_strdup_printf ("%s %s", a->word, b->word)),
                keep (self, g_strdup_printf ("%s %s", a->stem, b->stem)),
                self->phrase_weights[p]);
    }

  if (!add_filters (self, tokenizer, must, self->must, &self->n_must,
                    LG_QUERY_TERM_MUST, error) ||
      !add_filters (self, tokenizer, exclude, self->exclude, &self->n_exclude,
                    LG_QUERY_TERM_EXCLUDE, error))
    return NULL;

  return g_steal_pointer (&self);
}

LgOffer *
lg_offer_ref (LgOffer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
lg_offer_unref (LgOffer *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  for (guint i = 0; i < self->n_concepts; i++)
    {
      g_free (self->concepts[i].word);
      g_free (self->concepts[i].stem);
    }
  for (guint i = 0; i < self->n_must; i++)
    g_free (self->must[i].text);
  for (guint i = 0; i < self->n_exclude; i++)
    g_free (self->exclude[i].text);
  g_array_unref (self->terms);
  g_ptr_array_unref (self->strings);
  g_free (self->text);
  g_free (self->topic);
  g_free (self);
}

const char *
lg_offer_get_text (const LgOffer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->text;
}

const char *
lg_offer_get_topic (const LgOffer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->topic;
}

const char *
lg_offer_get_synonym_source (const LgOffer *self,
                             const char    *word)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (word != NULL, NULL);

  for (guint i = 0; i < self->n_concepts; i++)
    if (self->concepts[i].synonym_of >= 0 && g_str_equal (self->concepts[i].word, word))
      return self->concepts[self->concepts[i].synonym_of].word;
  return NULL;
}

const LgQueryTerm *
lg_offer_get_query_terms (const LgOffer *self,
                          guint         *n_terms)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_terms != NULL, NULL);

  *n_terms = self->terms->len;
  return (const LgQueryTerm *) (gpointer) self->terms->data;
}
