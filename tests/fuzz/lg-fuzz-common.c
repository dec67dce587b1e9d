/* lg-fuzz-common.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>

#include "lg-fuzz.h"

void
lg_fuzz_init_logging (void)
{
  /* A critical is a bug the input found (a NULL handed on, a getter used on
   * the wrong node type): it must stop the run, as G_DEBUG=fatal-criticals
   * does in the tests. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING | G_LOG_FATAL_MASK);
}
