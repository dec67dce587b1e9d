/* lg-roles.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a word can tell about its role in a request, for telling "looking for a
 * dog trainer" from "looking for a dog walker" and "ищу мастера по
 * кондиционерам" from "ищу квартиру с кондиционером": the wanted thing is the
 * head of the phrase after the cue, and an offer word that only qualifies some
 * other wanted thing is not what the author wants. Private to src/scoring.
 */

#pragma once

#include <glib.h>

#include "lg-tokenizer.h"

G_BEGIN_DECLS

typedef enum
{
  /* Names who or what provides a service rather than the service itself
   * ("someone", "company", "мастер", "специалист", "программа"): as the head of a
   * request it leaves the offer words that follow it in charge. */
  LG_ROLE_PROVIDER  = 1 << 0,
  /* A preposition that attaches a qualifier to the noun before it ("with",
   * "после", "для"): "квартира с ремонтом" is a flat, not a renovation. */
  LG_ROLE_ATTACH    = 1 << 1,
  /* A Russian adjective, infinitive or adverb, by its ending: not the head of
   * what is wanted ("нужен хороший мастер", "кто может быстро сделать бота"). */
  LG_ROLE_NOT_HEAD  = 1 << 2,
  /* "to", which makes a verb of the word after it ("someone to set up…"). */
  LG_ROLE_TO        = 1 << 3,
} LgRoleFlags;

/* The LgRoleFlags of a word given its folded form, stem and script. */
guint lg_roles_of (const char *folded,
                   const char *stem,
                   LgScript    script);

G_END_DECLS
