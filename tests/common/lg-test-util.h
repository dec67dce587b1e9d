/* lg-test-util.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers the tests of every layer share.
 */

#pragma once

#include "lg-store.h"

G_BEGIN_DECLS

/* A fresh folder under the test's temporary directory, removed at exit. */
char     *lg_test_make_tmpdir  (void);
/* A new, empty database in a fresh folder. */
LgStore  *lg_test_open_store   (void);
LgSource *lg_test_add_source   (LgStore    *store,
                                const char *handle);

/* A t.me/s/CHANNEL page holding posts first..last (oldest first), with the
 * links to older (when first > 1) and newer (when last < newest) pages, as
 * t.me writes them. Post N was sent at base_time + N minutes. */
char     *lg_test_channel_page (const char *channel,
                                gint64      first,
                                gint64      last,
                                gint64      newest,
                                gint64      base_time);

G_END_DECLS
