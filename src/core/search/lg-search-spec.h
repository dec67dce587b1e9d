/* lg-search-spec.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "lg-offer.h"

G_BEGIN_DECLS

/* What to search for: the offer, must-have and exclude words, and filters.
 * Saved, it is a row of `searches` (id > 0) with a name, the time of its last
 * run and its feedback (LgFeedback as a string); unsaved (id 0), a one-off
 * search such as the CLI's. */
#define LG_TYPE_SEARCH_SPEC (lg_search_spec_get_type ())
G_DECLARE_FINAL_TYPE (LgSearchSpec, lg_search_spec, LG, SEARCH_SPEC, GObject)

#define LG_SEARCH_DEFAULT_LIMIT 50

LgSearchSpec       *lg_search_spec_new            (const char         *offer);
LgSearchSpec       *lg_search_spec_copy           (LgSearchSpec       *self);

gint64              lg_search_spec_get_id         (LgSearchSpec       *self);
void                lg_search_spec_set_id         (LgSearchSpec       *self,
                                                   gint64              id);
const char         *lg_search_spec_get_name       (LgSearchSpec       *self);
void                lg_search_spec_set_name       (LgSearchSpec       *self,
                                                   const char         *name);
const char         *lg_search_spec_get_offer      (LgSearchSpec       *self);
void                lg_search_spec_set_offer      (LgSearchSpec       *self,
                                                   const char         *offer);
/* NULL-terminated, never NULL. */
const char * const *lg_search_spec_get_must       (LgSearchSpec       *self);
void                lg_search_spec_set_must       (LgSearchSpec       *self,
                                                   const char * const *words);
const char * const *lg_search_spec_get_exclude    (LgSearchSpec       *self);
void                lg_search_spec_set_exclude    (LgSearchSpec       *self,
                                                   const char * const *words);
/* Only messages of these sources, and of every source of these kinds
 * ("feed", "whatsapp_export", … as LgSource's kind; sources of a kind added
 * later included); neither means every source. */
const gint64       *lg_search_spec_get_source_ids (LgSearchSpec       *self,
                                                   guint              *n_ids);
void                lg_search_spec_set_source_ids (LgSearchSpec       *self,
                                                   const gint64       *ids,
                                                   guint               n_ids);
/* NULL-terminated, never NULL. */
const char * const *lg_search_spec_get_source_kinds (LgSearchSpec       *self);
void                lg_search_spec_set_source_kinds (LgSearchSpec       *self,
                                                     const char * const *kinds);
/* Messages sent in [since, until); 0 leaves that end open. */
gint64              lg_search_spec_get_since      (LgSearchSpec       *self);
void                lg_search_spec_set_since      (LgSearchSpec       *self,
                                                   gint64              since);
gint64              lg_search_spec_get_until      (LgSearchSpec       *self);
void                lg_search_spec_set_until      (LgSearchSpec       *self,
                                                   gint64              until);
int                 lg_search_spec_get_min_score  (LgSearchSpec       *self);
void                lg_search_spec_set_min_score  (LgSearchSpec       *self,
                                                   int                 min_score);
/* At most this many people (default LG_SEARCH_DEFAULT_LIMIT). */
guint               lg_search_spec_get_limit      (LgSearchSpec       *self);
void                lg_search_spec_set_limit      (LgSearchSpec       *self,
                                                   guint               limit);
gint64              lg_search_spec_get_last_run   (LgSearchSpec       *self);
void                lg_search_spec_set_last_run   (LgSearchSpec       *self,
                                                   gint64              last_run);
/* LgFeedback as a string, NULL when nobody voted yet. */
const char         *lg_search_spec_get_feedback   (LgSearchSpec       *self);
void                lg_search_spec_set_feedback   (LgSearchSpec       *self,
                                                   const char         *feedback);

/* The scoring engine's offer for this search: its text, must-have and exclude
 * words, widened with the installed thesauri's synonyms. */
LgOffer            *lg_search_spec_new_offer      (LgSearchSpec       *self,
                                                   GError            **error);

G_END_DECLS
