/* lg-scoring-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LG_SCORING_ERROR (lg_scoring_error_quark ())

/* Why the scoring engine refused a text. */
typedef enum
{
  LG_SCORING_ERROR_INVALID_UTF8,  /* the text is not valid UTF-8 */
  LG_SCORING_ERROR_EMPTY_OFFER,   /* the offer has no word to look for */
  LG_SCORING_ERROR_PARSE,         /* a stored feedback string could not be read */
} LgScoringError;

GQuark lg_scoring_error_quark (void);

G_END_DECLS
