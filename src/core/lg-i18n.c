/* lg-i18n.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-i18n"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "lg-i18n.h"

/* Both programs start with this, before they parse their options, so --help
 * is in the user's language too. LEADGRAM_LOCALEDIR, when set, stands in for
 * the installed locale folder: `meson devenv` and the tests point it at the
 * build's po/ folder, so a translation shows before it is installed. */
void
lg_i18n_init (void)
{
  const char *localedir = g_getenv ("LEADGRAM_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE,
                  localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
