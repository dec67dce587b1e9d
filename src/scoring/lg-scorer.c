/* lg-scorer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The hot path. A search scores every candidate message, so scoring one must cost
 * about a microsecond: the text is segmented without allocating, and everything
 * that depends on a word alone (its normalised form, stem, whether it is a stop
 * word, and the sum of the intent model's weights for its unigram and character
 * n-grams) is computed once per distinct word and cached. What is left per
 * message is a cache probe per word, the bigrams, the cue phrases and a few
 * probes into the offer's tables.
 *
 * Over a thousand lines on purpose: the hot path stays in one translation unit
 * so the compiler can inline across it.
 */

#define G_LOG_DOMAIN "lg-scorer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "lg-cues.h"
#include "lg-feedback-private.h"
#include "lg-features.h"
#include "lg-intent-model.h"
#include "lg-intent-weights.h"
#include "lg-offer-private.h"
#include "lg-roles.h"
#include "lg-score-result-private.h"
#include "lg-scorer.h"
#include "lg-stopwords.h"
#include "lg-tokenizer.h"

#define CACHE_BITS   15
#define CACHE_SIZE   (1u << CACHE_BITS)

/* How far a matched concept goes towards full relevance: one product word gives
 * 1 - e^-2 = 0.86, two give 0.98. */
#define RELEVANCE_SCALE 0.5
/* Audience words alone ("our clinic…") say little about the product. */
#define AUDIENCE_ONLY   0.3
#define MISSING_MUST    0.25
/* What offer words that qualify something else the author wants ("квартира с
 * ремонтом", "a dog walker") add to relevance counts this much. */
#define OTHER_ROLE      0.35

/* What the scorer notes of each token for reading roles once the cues are known;
 * all but TOKEN_CONCEPT and TOKEN_AUDIENCE depend on the word alone. */
typedef enum
{
  TOKEN_CONTENT  = 1 << 0,
  TOKEN_CONCEPT  = 1 << 1,  /* names a concept of the offer */
  TOKEN_PROVIDER = 1 << 2,  /* LG_ROLE_PROVIDER */
  TOKEN_NOT_HEAD = 1 << 3,  /* LG_ROLE_NOT_HEAD */
  TOKEN_CUE      = 1 << 4,  /* may start a cue phrase */
  TOKEN_CYRILLIC = 1 << 5,
  TOKEN_TO       = 1 << 6,  /* LG_ROLE_TO */
  TOKEN_AUDIENCE = 1 << 7,  /* names only an audience concept of the offer */
} TokenRole;

/* 40 bytes. */
typedef struct
{
  guint64 raw_key;   /* 0: empty slot */
  guint64 stem_key;
  guint64 prefix_key;
  float   weight_sum[LG_INTENT_N_HEADS];
  guint8  first_cue;  /* lg_cues_first() of the stem, LG_CUES_NONE for none */
  guint8  role;       /* TokenRole; TOKEN_CONTENT: not a stop word, number or link */
  guint8  n_features : 7;
  guint8  attach : 1; /* LG_ROLE_ATTACH */
  guint8  kind;
} WordEntry;

G_STATIC_ASSERT (sizeof (WordEntry) == 40);

struct _LgScorer
{
  LgTokenizer *tokenizer;
  GString     *folded;
  GString     *stem;
  const LgIntentWeight *weights;
  double       bias[LG_INTENT_N_HEADS];
  double       half_life;

  WordEntry   *cache;
  guint        cache_used;
  /* Links, e-mails and mentions read the same whatever their text. */
  WordEntry    by_kind[LG_TOKEN_EMOJI + 1];

  /* Per token of the message being scored: stem keys, first cues, bigram buckets. */
  guint64     *keys;
  guint8      *first_cues;
  guint32     *bigrams;
  guint8      *token_roles;  /* TokenRole */
  guint64      po_key;       /* the stem key of "по" */
  guint        keys_size;
  LgCueMatch   matches[LG_FEATURES_MAX_CUES];
};

typedef struct
{
  const LgIntentWeight *weights;
  double                sum[LG_INTENT_N_HEADS];
} WeightSum;

static inline void
add_weight (WeightSum *acc,
            guint32    bucket)
{
  for (guint h = 0; h < LG_INTENT_N_HEADS; h++)
    acc->sum[h] += acc->weights[bucket].head[h];
}

static void
add_weight_cb (guint32  bucket,
               gpointer user_data)
{
  add_weight (user_data, bucket);
}

/* Each head's calibrated probability from the summed weights of @n_features. */
static void
probabilities (const LgScorer  *self,
               const WeightSum *acc,
               guint            n_features,
               double          *p)
{
  double scale = 1 / sqrt (MAX (n_features, 1));

  for (guint h = 0; h < LG_INTENT_N_HEADS; h++)
    p[h] = lg_intent_model_probability (h, self->bias[h] + acc->sum[h] * scale);
}

static void
fill_entry (LgScorer   *self,
            WordEntry  *entry,
            LgTokenKind kind,
            const char *word,
            gsize       length)
{
  WeightSum acc = { self->weights, { 0 } };
  guint n, roles;
  int cue;
  LgScript script = lg_tokenizer_analyze (self->tokenizer, kind, word, length,
                                          self->folded, self->stem);

  n = lg_features_word (kind, self->folded->str, self->stem->str, add_weight_cb, &acc);
  entry->stem_key = lg_features_stem_key (self->stem->str);
  entry->prefix_key = lg_offer_prefix_key (self->stem->str);
  for (guint h = 0; h < LG_INTENT_N_HEADS; h++)
    entry->weight_sum[h] = (float) acc.sum[h];
  cue = lg_cues_first (entry->stem_key);
  /* A word of at most 40 characters has at most 118 features; there are fewer
   * cue phrases than LG_CUES_NONE. */
  g_assert (n < 128);
  g_assert (cue < LG_CUES_NONE);
  entry->n_features = n;
  entry->first_cue = cue < 0 ? LG_CUES_NONE : cue;
  entry->kind = kind;
  roles = kind == LG_TOKEN_WORD ? lg_roles_of (self->folded->str, self->stem->str, script) : 0;
  entry->attach = (roles & LG_ROLE_ATTACH) != 0;
  entry->role = ((kind == LG_TOKEN_WORD || kind == LG_TOKEN_HASHTAG) &&
                 (!lg_is_stopword (self->folded->str) || lg_is_acronym (word, length)) &&
                 g_utf8_strlen (self->folded->str, -1) >= 2 ? TOKEN_CONTENT : 0) |
                (cue >= 0 ? TOKEN_CUE : 0) |
                (script == LG_SCRIPT_CYRILLIC ? TOKEN_CYRILLIC : 0) |
                ((roles & LG_ROLE_PROVIDER) ? TOKEN_PROVIDER : 0) |
                ((roles & LG_ROLE_NOT_HEAD) ? TOKEN_NOT_HEAD : 0) |
                ((roles & LG_ROLE_TO) ? TOKEN_TO : 0);
}

LgScorer *
lg_scorer_new (void)
{
  LgScorer *self = g_new0 (LgScorer, 1);
  static const char * const samples[] = {
    [LG_TOKEN_URL] = "https://example.com",
    [LG_TOKEN_EMAIL] = "a@example.com",
    [LG_TOKEN_MENTION] = "name",
  };

  self->tokenizer = lg_tokenizer_new ();
  self->folded = g_string_sized_new (64);
  self->stem = g_string_sized_new (64);
  self->weights = lg_intent_model_weights ();
  for (guint h = 0; h < LG_INTENT_N_HEADS; h++)
    self->bias[h] = lg_intent_model_bias (h);
  self->half_life = LG_SCORER_DEFAULT_HALF_LIFE;
  self->po_key = lg_features_stem_key ("по");
  self->cache = g_new0 (WordEntry, CACHE_SIZE);
  self->keys_size = 256;
  self->keys = g_new (guint64, self->keys_size);
  self->first_cues = g_new (guint8, self->keys_size);
  self->bigrams = g_new (guint32, self->keys_size + 1);
  self->token_roles = g_new (guint8, self->keys_size);

  for (guint kind = LG_TOKEN_URL; kind <= LG_TOKEN_MENTION; kind++)
    fill_entry (self, &self->by_kind[kind], kind, samples[kind], strlen (samples[kind]));
  return self;
}

void
lg_scorer_free (LgScorer *self)
{
  if (self == NULL)
    return;
  lg_tokenizer_free (self->tokenizer);
  g_string_free (self->folded, TRUE);
  g_string_free (self->stem, TRUE);
  g_free (self->cache);
  g_free (self->keys);
  g_free (self->first_cues);
  g_free (self->bigrams);
  g_free (self->token_roles);
  g_free (self);
}

void
lg_scorer_set_half_life (LgScorer *self,
                         double    seconds)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (seconds > 0);

  self->half_life = seconds;
}

double
lg_scorer_get_half_life (LgScorer *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->half_life;
}

/* A quick hash of a word's raw bytes, eight at a time. Only for the cache: it
 * never leaves the process, unlike the stem keys. */
static inline guint64
raw_key (const char *p,
         gsize       len,
         guint       kind)
{
  guint64 h = G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) ^ (len * 31 + kind);
  guint64 chunk;

  while (len >= 8)
    {
      memcpy (&chunk, p, 8);
      h = (h ^ chunk) * G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
      h ^= h >> 32;
      p += 8;
      len -= 8;
    }
  /* The last 0–7 bytes, every one of them read (the length is in h already):
   * two overlapping loads rather than a copy of variable length. */
  if (len >= 4)
    {
      guint32 lo, hi;

      memcpy (&lo, p, 4);
      memcpy (&hi, p + len - 4, 4);
      chunk = lo | ((guint64) hi << 32);
    }
  else if (len > 0)
    chunk = (guchar) p[0] | ((guint64) (guchar) p[len / 2] << 8) |
            ((guint64) (guchar) p[len - 1] << 16);
  else
    chunk = 0;
  h = (h ^ chunk) * G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  h ^= h >> 29;
  return h | 1;  /* never 0, the empty slot */
}

static inline guint
cache_slot (guint64 key)
{
  return (guint) (key >> 20) & (CACHE_SIZE - 1);
}

static inline gboolean
is_link_kind (guint kind)
{
  return kind == LG_TOKEN_URL || kind == LG_TOKEN_EMAIL || kind == LG_TOKEN_MENTION;
}

/* The cache key of a span, 0 for the kinds read without their text. */
static inline guint64
span_key (const char   *text,
          const LgSpan *span)
{
  if (is_link_kind (span->kind))
    return 0;
  return raw_key (text + span->start, span->end - span->start, span->kind);
}

static const WordEntry *
lookup_word (LgScorer     *self,
             const char   *text,
             const LgSpan *span,
             guint64       key)
{
  gsize len = span->end - span->start;
  const char *word = text + span->start;
  guint slot;

  if (key == 0)
    return &self->by_kind[span->kind];

  slot = cache_slot (key);
  while (self->cache[slot].raw_key != 0)
    {
      if (self->cache[slot].raw_key == key)
        return &self->cache[slot];
      slot = (slot + 1) & (CACHE_SIZE - 1);
    }

  /* A full cache starts over rather than slowing every probe down. */
  if (self->cache_used >= CACHE_SIZE * 3 / 4)
    {
      memset (self->cache, 0, CACHE_SIZE * sizeof (WordEntry));
      self->cache_used = 0;
      slot = cache_slot (key);
    }
  self->cache_used++;
  self->cache[slot].raw_key = key;
  if (span->kind == LG_TOKEN_HASHTAG)
    fill_entry (self, &self->cache[slot], span->kind, word + 1, len - 1);
  else
    fill_entry (self, &self->cache[slot], span->kind, word, len);
  return &self->cache[slot];
}

static void
add_span (LgScoreResult *result,
          LgSignal       signal,
          guint          start,
          guint          end)
{
  if (result->n_spans[signal] < LG_RESULT_MAX_SPANS)
    result->spans[signal][result->n_spans[signal]++] = (LgScoreSpan) { start, end };
}

static gboolean
filter_present (const LgFilter *filter,
                const guint64  *keys,
                guint           n_keys)
{
  for (guint k = 0; k < filter->n_keys; k++)
    {
      guint i;

      for (i = 0; i < n_keys && keys[i] != filter->keys[k]; i++)
        ;
      if (i == n_keys)
        return FALSE;
    }
  return TRUE;
}

/* The order cue kinds are preferred in for the reason: the most telling first. */
static const LgCueKind intent_priority[] = {
  LG_CUE_RECOMMEND, LG_CUE_SWITCH, LG_CUE_BUY, LG_CUE_LOOKING, LG_CUE_WHO_DOES,
  LG_CUE_NEED, LG_CUE_BUDGET, LG_CUE_URGENT, LG_CUE_HIRING,
};

static gboolean
inside_negative (const LgCue      *cues,
                 const LgCueMatch *matches,
                 guint             n_matches,
                 const LgCueMatch *m)
{
  for (guint i = 0; i < n_matches; i++)
    if (lg_cue_kind_is_negative (cues[matches[i].cue].kind) &&
        matches[i].start <= m->start && m->start + m->n <= matches[i].start + matches[i].n)
      return TRUE;
  return FALSE;
}

/* Negative: sure signs of a seller, a job seeker, spam; several links. */
static void
read_cues (LgScoreResult    *result,
           const LgSpan     *spans,
           const LgCueMatch *matches,
           guint             n_matches)
{
  guint n_cues;
  const LgCue *cues = lg_cues_get (&n_cues);
  float strength[LG_N_CUE_KINDS] = { 0 };
  double keep = 1;
  float strongest = 0;

  for (guint p = 0; p < G_N_ELEMENTS (intent_priority); p++)
    for (guint i = 0; i < n_matches; i++)
      {
        const LgCueMatch *m = &matches[i];

        if (cues[m->cue].kind != intent_priority[p] || inside_negative (cues, matches, n_matches, m))
          continue;
        if (result->intent_cue < 0)
          result->intent_cue = intent_priority[p];
        add_span (result, LG_SIGNAL_INTENT, spans[m->start].start, spans[m->start + m->n - 1].end);
      }

  for (guint i = 0; i < n_matches; i++)
    {
      const LgCue *cue = &cues[matches[i].cue];

      if (!lg_cue_kind_is_negative (cue->kind))
        continue;
      if (cue->strength > strongest)
        {
          strongest = cue->strength;
          result->negative_cue = cue->kind;
          /* The strongest first: the reason quotes it. */
          if (result->n_spans[LG_SIGNAL_NEGATIVE] > 0)
            {
              LgScoreSpan first = result->spans[LG_SIGNAL_NEGATIVE][0];

              result->spans[LG_SIGNAL_NEGATIVE][0] = (LgScoreSpan) {
                spans[matches[i].start].start, spans[matches[i].start + matches[i].n - 1].end };
              add_span (result, LG_SIGNAL_NEGATIVE, first.start, first.end);
            }
          else
            add_span (result, LG_SIGNAL_NEGATIVE, spans[matches[i].start].start,
                      spans[matches[i].start + matches[i].n - 1].end);
        }
      else
        add_span (result, LG_SIGNAL_NEGATIVE, spans[matches[i].start].start,
                  spans[matches[i].start + matches[i].n - 1].end);
      strength[cue->kind] = MAX (strength[cue->kind], cue->strength);
    }

  for (guint kind = LG_CUE_FIRST_NEGATIVE; kind < LG_N_CUE_KINDS; kind++)
    keep *= 1 - strength[kind];
  if (result->n_links >= 3)
    keep *= 0.4;
  else if (result->n_links == 2)
    keep *= 0.7;
  result->values[LG_SIGNAL_NEGATIVE] = 1 - keep;
}

#define MAX_OCCURRENCES 64

/* One place where the message names a concept or a phrase of the offer. */
typedef struct
{
  guint16 token;
  guint8  index;         /* concept, or phrase when @phrase */
  guint8  phrase : 1;
  guint8  other_role : 1; /* qualifies some other wanted thing */
  float   credit;
} Occurrence;

typedef struct
{
  Occurrence occurrences[MAX_OCCURRENCES];
  guint      n_occurrences;
  guint      n_other_roles;  /* occurrences with other_role set */
  float      best[LG_OFFER_MAX_CONCEPTS];
  guint      best_token[LG_OFFER_MAX_CONCEPTS];
  float      best_phrase[LG_OFFER_MAX_CONCEPTS];
  double     phrase_what;
  double     phrase_who;
} Coverage;

static void
add_occurrence (Coverage *coverage,
                guint     token,
                guint     index,
                gboolean  phrase,
                gboolean  other_role,
                float     credit)
{
  if (coverage->n_occurrences == MAX_OCCURRENCES)
    return;
  coverage->occurrences[coverage->n_occurrences++] = (Occurrence) {
    token, index, phrase, other_role, credit };
  coverage->n_other_roles += other_role;
}

static inline gboolean
is_foreign (guint8 role)
{
  return (role & TOKEN_CONTENT) && !(role & (TOKEN_CONCEPT | TOKEN_PROVIDER | TOKEN_CUE));
}

/* Whether the head of a request is not the offer's product: something else, or
 * the offer's own audience ("looking for 5 clinics for our pilot" is a seller
 * after the same customers). */
static inline gboolean
is_other_want (guint8 role)
{
  return is_foreign (role) || (role & TOKEN_AUDIENCE);
}

/* The head of what a cue asks for: the first noun after it in Russian (past
 * adjectives and verbs), the last word of the first run of content words in
 * English ("a reliable dog walker in…", past the verb of "to set up…"), or
 * whoever is asked to provide it ("someone", "мастер"). -1 when the clause ends
 * first. A compound written with a hyphen ("телеграм-бот") is read whole: its
 * head is foreign only when all its parts are. */
static int
wanted_head (const char   *text,
             const LgSpan *spans,
             const guint8 *roles,
             guint         n_spans,
             guint         from)
{
  int head = -1;
  gboolean verb_next = FALSE;

  for (guint j = from; j < n_spans && !(spans[j].flags & LG_SPAN_AFTER_BREAK); j++)
    {
      guint8 role = roles[j];

      if (!(role & (TOKEN_CONTENT | TOKEN_PROVIDER)) || (role & TOKEN_CUE))
        {
          if (head >= 0)
            break;
          verb_next = (role & TOKEN_TO) != 0;
          continue;
        }
      if (verb_next)
        {
          verb_next = FALSE;
          continue;
        }
      if (role & TOKEN_CYRILLIC)
        {
          if (role & TOKEN_NOT_HEAD)
            continue;
          head = j;
          break;
        }
      head = j;
    }
  /* The parts of a hyphenated compound around the head. */
  for (int k = head; k >= 0 && k + 1 < (int) n_spans && spans[k + 1].start == spans[k].end + 1 &&
       text[spans[k].end] == '-'; k++)
    if (!is_foreign (roles[k + 1]))
      return k + 1;
  for (int k = head; k > 0 && spans[k].start == spans[k - 1].end + 1 &&
       text[spans[k - 1].end] == '-'; k--)
    if (!is_foreign (roles[k - 1]))
      return k - 1;
  return head;
}

/* An offer word in the clause of a request for something else ("после переезда
 * ищу садик", "looking for a dog walker") is not what the author wants. */
/* A Russian request names its specialty with "по": "юрист по разводам" is the
 * offer, "юрист по банкротству" another trade even though "юрист" is the
 * offer's word. The specialty's noun after @head, or @head when there is none. */
static int
specialty (const LgScorer *self,
           const LgSpan   *spans,
           guint           n_spans,
           int             head)
{
  const guint8 *roles = self->token_roles;
  guint j = head + 1;

  if (!(roles[head] & TOKEN_CYRILLIC))
    return head;
  while (j < n_spans && (roles[j] & TOKEN_NOT_HEAD) && !(spans[j].flags & LG_SPAN_AFTER_BREAK))
    j++;
  if (j + 1 >= n_spans || self->keys[j] != self->po_key ||
      (spans[j].flags & LG_SPAN_AFTER_BREAK))
    return head;
  for (j++; j < n_spans && !(spans[j].flags & LG_SPAN_AFTER_BREAK); j++)
    if ((roles[j] & TOKEN_CONTENT) && !(roles[j] & TOKEN_NOT_HEAD))
      return j;
  return head;
}

static void
mark_other_wants (const LgScorer *self,
                  Coverage       *coverage,
                  const char     *text,
                  const LgSpan   *spans,
                  guint           n_spans,
                  guint           n_matches)
{
  const guint8 *roles = self->token_roles;
  const LgCueMatch *matches = self->matches;
  guint n_cues;
  const LgCue *cues = lg_cues_get (&n_cues);

  for (guint m = 0; m < n_matches; m++)
    {
      LgCueKind kind = cues[matches[m].cue].kind;
      guint start = matches[m].start;
      guint end = start + matches[m].n;
      int head;

      if (lg_cue_kind_is_negative (kind) || kind == LG_CUE_BUDGET || kind == LG_CUE_URGENT ||
          inside_negative (cues, matches, n_matches, &matches[m]))
        continue;
      /* "need someone": the provider is in the cue itself. */
      if (roles[end - 1] & TOKEN_PROVIDER)
        continue;
      head = wanted_head (text, spans, roles, n_spans, end);
      if (head >= 0 && !is_other_want (roles[head]))
        head = specialty (self, spans, n_spans, head);
      if (head < 0 || !is_other_want (roles[head]))
        continue;
      while (start > 0 && !(spans[start].flags & LG_SPAN_AFTER_BREAK))
        start--;
      while (end < n_spans && !(spans[end].flags & LG_SPAN_AFTER_BREAK))
        end++;
      for (guint o = 0; o < coverage->n_occurrences; o++)
        if (coverage->occurrences[o].token >= start && coverage->occurrences[o].token < end &&
            !coverage->occurrences[o].other_role)
          {
            coverage->occurrences[o].other_role = TRUE;
            coverage->n_other_roles++;
          }
    }
}

/* Each concept's and phrase's best credit over the places it is named; the
 * places where it qualifies something else count only when @other_roles. */
static void
settle_coverage (Coverage      *coverage,
                 const LgOffer *offer,
                 gboolean       other_roles)
{
  memset (coverage->best, 0, offer->n_concepts * sizeof (float));
  memset (coverage->best_phrase, 0, offer->n_phrases * sizeof (float));
  for (guint o = 0; o < coverage->n_occurrences; o++)
    {
      const Occurrence *occ = &coverage->occurrences[o];
      float credit = occ->other_role && !other_roles ? 0.0f : occ->credit;

      if (occ->phrase)
        coverage->best_phrase[occ->index] = MAX (coverage->best_phrase[occ->index], credit);
      else if (credit > coverage->best[occ->index])
        {
          coverage->best[occ->index] = credit;
          coverage->best_token[occ->index] = occ->token;
        }
    }
  coverage->phrase_what = coverage->phrase_who = 0;
  for (guint p = 0; p < offer->n_phrases; p++)
    {
      guint second = offer->phrase_concepts[p][1];
      double credit = offer->phrase_weights[p] * coverage->best_phrase[p];

      if (offer->concepts[second].role == LG_CONCEPT_AUDIENCE)
        coverage->phrase_who += credit;
      else
        coverage->phrase_what += credit;
    }
}

static double
relevance_of (const LgOffer   *offer,
              const Coverage  *coverage,
              gboolean        *topic_covered)
{
  double what = coverage->phrase_what;
  double who = coverage->phrase_who;
  double r_what, r_who;

  double credit[LG_OFFER_MAX_CONCEPTS];

  for (guint c = 0; c < offer->n_concepts; c++)
    credit[c] = offer->concepts[c].weight * coverage->best[c];
  /* A synonym stands in for its word: the better of the two counts, never
   * both (an advert that names a thing three ways names it once). Synonyms
   * come after the offer's own words; most offers have none. */
  for (guint c = offer->n_concepts - offer->n_synonyms; c < offer->n_concepts; c++)
    {
      int source = offer->concepts[c].synonym_of;

      credit[source] = MAX (credit[source], credit[c]);
      credit[c] = 0;
    }
  for (guint c = 0; c < offer->n_concepts; c++)
    {
      if (offer->concepts[c].role == LG_CONCEPT_AUDIENCE)
        who += credit[c];
      else
        what += credit[c];
    }
  r_what = 1 - exp (-what / RELEVANCE_SCALE);
  r_who = 1 - exp (-who / RELEVANCE_SCALE);
  *topic_covered = what >= 0.8;
  return MAX (AUDIENCE_ONLY * r_who, r_what * (0.75 + 0.25 * r_who));
}

/* The words that earned each concept its credit, in the order of the text, with
 * the concept each one named (for the reason to say which came through a
 * synonym). */
static void
add_relevance_spans (LgScoreResult  *result,
                     const LgOffer  *offer,
                     const Coverage *coverage,
                     const LgSpan   *spans)
{
  guint tokens[LG_OFFER_MAX_CONCEPTS];
  guint concepts[LG_OFFER_MAX_CONCEPTS];
  guint n = 0;

  for (guint c = 0; c < offer->n_concepts; c++)
    if (coverage->best[c] > 0)
      {
        guint token = coverage->best_token[c];
        guint k = n;

        while (k > 0 && tokens[k - 1] > token)
          k--;
        if (k > 0 && tokens[k - 1] == token)
          continue;
        memmove (tokens + k + 1, tokens + k, (n - k) * sizeof (guint));
        memmove (concepts + k + 1, concepts + k, (n - k) * sizeof (guint));
        tokens[k] = token;
        concepts[k] = c;
        n++;
      }
  for (guint k = 0; k < n; k++)
    {
      if (result->n_spans[LG_SIGNAL_RELEVANCE] < LG_RESULT_MAX_SPANS)
        result->relevance_concepts[result->n_spans[LG_SIGNAL_RELEVANCE]] = concepts[k];
      add_span (result, LG_SIGNAL_RELEVANCE, spans[tokens[k]].start, spans[tokens[k]].end);
    }
}

/* Adds the features of the message as a whole to @acc, given the stem keys
 * and first cues of its @n_spans words in self->keys and self->first_cues: the
 * bigrams, then the cue phrases (left in self->matches; returns how many) and
 * the shape. */
static guint
read_message (LgScorer  *self,
              guint      n_spans,
              guint      text_flags,
              guint      n_links,
              WeightSum *acc,
              guint     *n_features)
{
  guint n_matches;

  /* The weight table is larger than the nearest cache: prefetch, then sum. */
  for (guint i = 0; i <= n_spans; i++)
    {
      self->bigrams[i] = lg_features_bigram (i == 0 ? LG_FEATURES_BOS : self->keys[i - 1],
                                             i == n_spans ? LG_FEATURES_EOS : self->keys[i]);
      __builtin_prefetch (&self->weights[self->bigrams[i]]);
    }
  for (guint i = 0; i <= n_spans; i++)
    add_weight (acc, self->bigrams[i]);
  n_matches = lg_cues_match_first (self->keys, self->first_cues, n_spans, self->matches,
                                   LG_FEATURES_MAX_CUES);
  *n_features += n_spans + 1 +
    lg_features_shape (n_spans, lg_features_cue_kinds (self->matches, n_matches),
                       text_flags, n_links, add_weight_cb, acc);
  return n_matches;
}

/* Room for @n_spans tokens in the per-token arrays. */
static void
ensure_tokens (LgScorer *self,
               guint     n_spans)
{
  if (n_spans <= self->keys_size)
    return;
  self->keys_size = n_spans;
  self->keys = g_renew (guint64, self->keys, self->keys_size);
  self->first_cues = g_renew (guint8, self->first_cues, self->keys_size);
  self->bigrams = g_renew (guint32, self->bigrams, self->keys_size + 1);
  self->token_roles = g_renew (guint8, self->token_roles, self->keys_size);
}

gboolean
lg_scorer_score (LgScorer         *self,
                 LgOffer          *offer,
                 const LgFeedback *feedback,
                 const char       *text,
                 gssize            length,
                 gint64            sent_at,
                 gint64            now,
                 LgScoreResult    *result,
                 GError          **error)
{
  const LgSpan *spans;
  guint n_spans, text_flags;
  Coverage coverage;
  WeightSum acc = { self->weights, { 0 } };
  guint n_features = 0;
  int prev_content = -1;
  guint64 terms_seen = 0;
  gboolean governor_foreign = FALSE, attached = FALSE;
  guint n_matches;
  double p[LG_INTENT_N_HEADS] = { 0 };
  double intent, relevance, focused, recency = 1;
  gboolean topic_covered;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (offer != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  lg_score_result_reset (result);
  if (result->offer != offer)
    {
      g_clear_pointer (&result->offer, lg_offer_unref);
      result->offer = lg_offer_ref (offer);
    }
  if (!lg_tokenizer_segment (self->tokenizer, text, length, &spans, &n_spans, &text_flags, error))
    return FALSE;
  g_string_append_len (result->text, text, n_spans > 0 ? spans[n_spans - 1].end : 0);
  result->sent_at = sent_at;
  result->now = now;

  ensure_tokens (self, n_spans);

  coverage.n_occurrences = coverage.n_other_roles = 0;

  /* The word cache is larger than the processor's nearest caches: hash every
   * word first and prefetch its slot, so that the misses overlap. */
  for (guint i = 0; i < n_spans; i++)
    {
      self->keys[i] = span_key (text, &spans[i]);
      __builtin_prefetch (&self->cache[cache_slot (self->keys[i])]);
    }

  for (guint i = 0; i < n_spans; i++)
    {
      const WordEntry *e = lookup_word (self, text, &spans[i], self->keys[i]);
      const LgOfferSlot *slot;
      guint8 role;

      self->keys[i] = e->stem_key;
      self->first_cues[i] = e->first_cue;
      for (guint h = 0; h < LG_INTENT_N_HEADS; h++)
        acc.sum[h] += e->weight_sum[h];
      n_features += e->n_features;
      if (e->kind == LG_TOKEN_URL || e->kind == LG_TOKEN_EMAIL)
        result->n_links++;
      role = e->role;
      if (spans[i].flags & LG_SPAN_AFTER_BREAK)
        governor_foreign = attached = FALSE;

      if (!(role & TOKEN_CONTENT))
        {
          self->token_roles[i] = role;
          if (e->attach)
            attached = governor_foreign;
          /* A stop word may stand inside a phrase ("ремонт в квартире"). */
          if (e->kind != LG_TOKEN_WORD || (spans[i].flags & LG_SPAN_AFTER_BREAK))
            prev_content = -1;
          continue;
        }
      if (spans[i].flags & LG_SPAN_AFTER_BREAK)
        prev_content = -1;

      /* A stem not in the 64-bit sketch of those seen is new without a search. */
      if (result->n_terms < LG_RESULT_MAX_TERMS)
        {
          guint64 bit = G_GUINT64_CONSTANT (1) << (e->stem_key >> 58);
          guint t = result->n_terms;

          if (terms_seen & bit)
            for (t = 0; t < result->n_terms && result->terms[t] != e->stem_key; t++)
              ;
          if (t == result->n_terms)
            result->terms[result->n_terms++] = e->stem_key;
          terms_seen |= bit;
        }

      slot = lg_offer_lookup (offer->slots, e->stem_key);
      if (slot == NULL && e->prefix_key != 0)
        slot = lg_offer_lookup (offer->slots, e->prefix_key);
      if (slot != NULL)
        {
          role |= TOKEN_CONCEPT;
          if (offer->concepts[slot->index].role == LG_CONCEPT_AUDIENCE)
            role |= TOKEN_AUDIENCE;
          add_occurrence (&coverage, i, slot->index, FALSE, attached, slot->credit);
        }

      if (prev_content >= 0 && i - prev_content <= 2)
        {
          slot = lg_offer_lookup (offer->phrase_slots,
                                  lg_offer_pair_key (self->keys[prev_content], e->stem_key));
          if (slot != NULL)
            add_occurrence (&coverage, i, slot->index, TRUE, attached, 1.0f);
        }
      prev_content = i;
      self->token_roles[i] = role;
      /* Adjectives stand between a preposition and its noun ("с хорошим ремонтом"). */
      if (!(role & TOKEN_NOT_HEAD))
        {
          governor_foreign = is_foreign (role);
          attached = FALSE;
        }
    }

  /* A message that names nothing of the offer scores 0 whatever its intent
   * (unless feedback lifts it): most messages a search reads, so they skip the
   * intent model, the cue phrases and the roles. */
  if (coverage.n_occurrences == 0 && (feedback == NULL || feedback->n_votes == 0))
    intent = relevance = 0;
  else
    {
      n_matches = read_message (self, n_spans, text_flags, result->n_links, &acc, &n_features);
      probabilities (self, &acc, n_features, p);
      intent = p[LG_INTENT_BUYER];
      result->seller = p[LG_INTENT_SELLER];
      read_cues (result, spans, self->matches, n_matches);
      /* The seller signal: a seller's own wording or a string of links, made
       * surer by the model where it reads a seller more likely than not (below
       * that, the buyer probability already says what it knows). */
      result->values[LG_SIGNAL_NEGATIVE] =
        1 - (1 - result->values[LG_SIGNAL_NEGATIVE]) * (1 - MAX (0, 2 * result->seller - 1));

      mark_other_wants (self, &coverage, text, spans, n_spans, n_matches);
      /* What the words in another role add counts for OTHER_ROLE of itself. */
      settle_coverage (&coverage, offer, TRUE);
      relevance = relevance_of (offer, &coverage, &topic_covered);
      if (coverage.n_other_roles > 0)
        {
          /* The topic is covered when the words in their own role cover it. */
          settle_coverage (&coverage, offer, FALSE);
          focused = relevance_of (offer, &coverage, &topic_covered);
          relevance = focused + OTHER_ROLE * (relevance - focused);
          /* Every word that earned credit is evidence. */
          settle_coverage (&coverage, offer, TRUE);
        }
      result->topic_covered = topic_covered;
      add_relevance_spans (result, offer, &coverage, spans);
    }

  for (guint f = 0; f < offer->n_exclude && !result->excluded; f++)
    if (filter_present (&offer->exclude[f], self->keys, n_spans))
      {
        result->excluded = TRUE;
        result->excluded_filter = f;
      }
  for (guint f = 0; f < offer->n_must && result->missing_filter < 0; f++)
    if (!filter_present (&offer->must[f], self->keys, n_spans))
      {
        result->missing_filter = f;
        result->must_factor = MISSING_MUST;
      }

  if (sent_at > 0 && now > 0)
    recency = exp2 (-(double) MAX (now - sent_at, 0) / self->half_life);

  result->values[LG_SIGNAL_INTENT] = intent;
  result->values[LG_SIGNAL_RELEVANCE] = relevance;
  result->values[LG_SIGNAL_RECENCY] = recency;
  result->feedback_delta = lg_feedback_delta (feedback, intent, relevance,
                                              result->terms, result->n_terms);
  result->values[LG_SIGNAL_FEEDBACK] = 1 / (1 + exp (-result->feedback_delta));
  if (feedback != NULL && result->feedback_delta != 0)
    {
      const LgFeedback *fb = feedback;

      for (guint i = 0; i < n_spans; i++)
        for (guint t = 0; t < fb->n_terms; t++)
          if (fb->keys[t] == self->keys[i] && fb->weights[t] != 0)
            {
              add_span (result, LG_SIGNAL_FEEDBACK, spans[i].start, spans[i].end);
              break;
            }
    }

  result->score = result->excluded ? 0 :
    (int) round (100 * lg_score_combine (intent, relevance, result->values[LG_SIGNAL_NEGATIVE],
                                         recency, result->feedback_delta, result->must_factor));
  return TRUE;
}

/* The buyer and seller probabilities of summed weights, where asked for. */
static void
give_direction (const LgScorer  *self,
                const WeightSum *acc,
                guint            n_features,
                double          *buyer,
                double          *seller)
{
  double p[LG_INTENT_N_HEADS];

  probabilities (self, acc, n_features, p);
  if (buyer != NULL)
    *buyer = p[LG_INTENT_BUYER];
  if (seller != NULL)
    *seller = p[LG_INTENT_SELLER];
}

gboolean
lg_scorer_read_direction (LgScorer    *self,
                          const char  *text,
                          gssize       length,
                          double      *buyer,
                          double      *seller,
                          GError     **error)
{
  WeightSum acc = { self->weights, { 0 } };
  const LgSpan *spans;
  guint n_spans, text_flags, n_links = 0, n_features = 0;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!lg_tokenizer_segment (self->tokenizer, text, length, &spans, &n_spans, &text_flags, error))
    return FALSE;
  ensure_tokens (self, n_spans);
  for (guint i = 0; i < n_spans; i++)
    {
      self->keys[i] = span_key (text, &spans[i]);
      __builtin_prefetch (&self->cache[cache_slot (self->keys[i])]);
    }
  for (guint i = 0; i < n_spans; i++)
    {
      const WordEntry *e = lookup_word (self, text, &spans[i], self->keys[i]);

      self->keys[i] = e->stem_key;
      self->first_cues[i] = e->first_cue;
      for (guint h = 0; h < LG_INTENT_N_HEADS; h++)
        acc.sum[h] += e->weight_sum[h];
      n_features += e->n_features;
      n_links += e->kind == LG_TOKEN_URL || e->kind == LG_TOKEN_EMAIL;
    }
  read_message (self, n_spans, text_flags, n_links, &acc, &n_features);
  give_direction (self, &acc, n_features, buyer, seller);
  return TRUE;
}

const char *
lg_scorer_get_model_id (void)
{
  return lg_intent_model_id;
}

gboolean
lg_scorer_read_direction_plain (LgScorer    *self,
                                const char  *text,
                                gssize       length,
                                double      *buyer,
                                double      *seller,
                                GError     **error)
{
  WeightSum acc = { self->weights, { 0 } };
  guint n_features = 0;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!lg_features_text (self->tokenizer, text, length, add_weight_cb, &acc, &n_features, error))
    return FALSE;
  give_direction (self, &acc, n_features, buyer, seller);
  return TRUE;
}
