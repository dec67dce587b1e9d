/* lg-score-band.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a 0–100 score means, the same for every search: the scorer is calibrated
 * so that these bands hold. */
typedef enum
{
  LG_SCORE_BAND_WEAK,  /* below 40 */
  LG_SCORE_BAND_LOOK,  /* 40–69: worth a look */
  LG_SCORE_BAND_ACT,   /* 70 and up: act now */
} LgScoreBand;

#define LG_SCORE_LOOK_MIN 40
#define LG_SCORE_ACT_MIN  70

LgScoreBand  lg_score_band       (int         score);
const char  *lg_score_band_id    (LgScoreBand band);

G_END_DECLS
