/* lg-score-band.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-score-band"

#include "config.h"

#include "lg-score-band.h"

LgScoreBand
lg_score_band (int score)
{
  if (score >= LG_SCORE_ACT_MIN)
    return LG_SCORE_BAND_ACT;
  if (score >= LG_SCORE_LOOK_MIN)
    return LG_SCORE_BAND_LOOK;
  return LG_SCORE_BAND_WEAK;
}

/* A stable name for CSS classes and exports. */
const char *
lg_score_band_id (LgScoreBand band)
{
  switch (band)
    {
    case LG_SCORE_BAND_ACT:
      return "act";
    case LG_SCORE_BAND_LOOK:
      return "look";
    case LG_SCORE_BAND_WEAK:
    default:
      return "weak";
    }
}
