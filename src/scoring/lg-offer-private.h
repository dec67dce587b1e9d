/* lg-offer-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the scorer reads of an offer, laid out for its hot path.
 */

#pragma once

#include "lg-offer.h"

G_BEGIN_DECLS

#define LG_OFFER_MAX_CONCEPTS 32
#define LG_OFFER_MAX_FILTERS  16  /* must-have and exclude entries, each */
#define LG_OFFER_SLOTS        512

/* A partial match (a prefix or a part of a compound, "съемк" in "фотосъемк")
 * earns this much of the concept. */
#define LG_OFFER_PARTIAL_CREDIT 0.5f

typedef struct
{
  char          *word;
  char          *stem;
  guint64        key;
  LgConceptRole  role;
  float          weight;
  int            synonym_of;  /* the concept it is a thesaurus synonym of, or -1 */
} LgConcept;

typedef struct
{
  guint  n_keys;
  guint64 keys[4];
  char  *text;
} LgFilter;

typedef struct
{
  guint64 key;
  gint16  index;   /* concept, or phrase for phrase slots; -1: empty */
  float   credit;  /* 1 for the stem itself, LG_OFFER_PARTIAL_CREDIT for a part */
} LgOfferSlot;

struct _LgOffer
{
  gatomicrefcount ref_count;
  char           *text;
  char           *topic;

  LgConcept       concepts[LG_OFFER_MAX_CONCEPTS];
  guint           n_concepts;
  guint           n_synonyms;  /* of the concepts, those a thesaurus added */
  guint           n_phrases;
  guint           phrase_concepts[LG_OFFER_MAX_CONCEPTS][2];
  float           phrase_weights[LG_OFFER_MAX_CONCEPTS];

  LgFilter        must[LG_OFFER_MAX_FILTERS];
  guint           n_must;
  LgFilter        exclude[LG_OFFER_MAX_FILTERS];
  guint           n_exclude;

  /* Stem keys, prefix keys and phrase keys to concepts, one probe each. */
  LgOfferSlot     slots[LG_OFFER_SLOTS];
  LgOfferSlot     phrase_slots[LG_OFFER_SLOTS];

  GArray         *terms;  /* LgQueryTerm */
  GPtrArray      *strings;
};

/* The key of a stem's first characters, for partial matches; 0 when the stem is
 * too short for a prefix to mean anything. */
guint64 lg_offer_prefix_key (const char *stem);
/* The order-free key of two adjacent stems. */
guint64 lg_offer_pair_key   (guint64     a,
                             guint64     b);

static inline const LgOfferSlot *
lg_offer_lookup (const LgOfferSlot *slots,
                 guint64            key)
{
  guint i = (guint) (key ^ (key >> 29)) & (LG_OFFER_SLOTS - 1);

  while (slots[i].index >= 0)
    {
      if (slots[i].key == key)
        return &slots[i];
      i = (i + 1) & (LG_OFFER_SLOTS - 1);
    }
  return NULL;
}

G_END_DECLS
