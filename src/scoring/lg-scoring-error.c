/* lg-scoring-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-scoring-error"

#include "config.h"

#include "lg-scoring-error.h"

G_DEFINE_QUARK (lg-scoring-error-quark, lg_scoring_error)
