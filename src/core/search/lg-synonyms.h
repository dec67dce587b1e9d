/* lg-synonyms.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The thesauri searches widen offers with: the OpenOffice (MyThes) thesauri that
 * the system or the Flatpak ships, English and Russian, mapped from
 * $LEADGRAM_MYTHES_DIR or the "mythes" folder of the system data directories
 * (Debian's mythes-en-us and mythes-ru put them in /usr/share/mythes).
 */

#pragma once

#include "lg-thesaurus.h"

G_BEGIN_DECLS

/* Mapped once per process, on first use (thread-safe); NULL when no thesaurus
 * is installed, and then searches simply find no synonyms. */
LgThesaurus *lg_synonyms_get_default (void);

G_END_DECLS
