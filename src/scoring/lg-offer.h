/* lg-offer.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lg-thesaurus.h"

G_BEGIN_DECLS

/* What a concept of the offer is, read from how offers are usually written:
 * "CRM for dental clinics: reminders, online booking" sells a CRM (product), to
 * dental clinics (audience), with reminders and booking (features). A message
 * must touch the product or a feature to count as relevant; the audience alone
 * ("our clinic needs a plumber") is not enough. */
typedef enum
{
  LG_CONCEPT_PRODUCT,
  LG_CONCEPT_FEATURE,
  LG_CONCEPT_AUDIENCE,
} LgConceptRole;

typedef enum
{
  LG_QUERY_TERM_CONCEPT,  /* a content word of the offer */
  LG_QUERY_TERM_PHRASE,   /* two adjacent content words: "dental clinics" */
  LG_QUERY_TERM_MUST,     /* a must-have word the user gave */
  LG_QUERY_TERM_EXCLUDE,  /* a word whose presence rules a message out */
} LgQueryTermKind;

/* A term to retrieve candidates with (e.g. an FTS5 query): @stem is the Snowball
 * stem, to be searched as a prefix ("clinic*", "стоматолог*"); @word the folded
 * word as written. A phrase has two space-separated words and stems. */
typedef struct
{
  LgQueryTermKind kind;
  LgConceptRole   role;    /* for concepts and phrases */
  const char     *word;
  const char     *stem;
  double          weight;  /* how much it counts towards relevance, 0–1 */
} LgQueryTerm;

typedef struct _LgOffer LgOffer;

#define LG_TYPE_OFFER (lg_offer_get_type ())

GType              lg_offer_get_type        (void) G_GNUC_CONST;

/* Analyses what the user sells, in their words ("CRM for dental clinics"), with
 * optional must-have and exclude words (NULL-terminated, may be NULL). Fails with
 * LG_SCORING_ERROR_EMPTY_OFFER when there is no content word to look for, or
 * LG_SCORING_ERROR_INVALID_UTF8. Immutable once made: one offer may be scored
 * from several threads, each with its own LgScorer. */
LgOffer           *lg_offer_new             (const char         *text,
                                             const char * const *must,
                                             const char * const *exclude,
                                             GError            **error);
/* The same, widened with @thesaurus (may be NULL): each product and feature
 * word brings up to three of its synonyms (lg_thesaurus_lookup()) as concepts
 * of their own, which count for less and which the reason names as synonyms. */
LgOffer           *lg_offer_new_full        (const char         *text,
                                             const char * const *must,
                                             const char * const *exclude,
                                             LgThesaurus        *thesaurus,
                                             GError            **error);
/* The word of the offer that the concept named by @word (a query term's word)
 * is a synonym of, or NULL when it is the offer's own word. */
const char        *lg_offer_get_synonym_source (const LgOffer   *self,
                                                const char      *word);
LgOffer           *lg_offer_ref             (LgOffer            *self);
void               lg_offer_unref           (LgOffer            *self);

const char        *lg_offer_get_text        (const LgOffer      *self);
/* The offer's first clause, as the reason names it: "CRM for dental clinics". */
const char        *lg_offer_get_topic       (const LgOffer      *self);
/* Every term, concepts first (products, features, audience), then phrases, must
 * and exclude words. The array belongs to @self. */
const LgQueryTerm *lg_offer_get_query_terms (const LgOffer      *self,
                                             guint              *n_terms);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LgOffer, lg_offer_unref)

G_END_DECLS
