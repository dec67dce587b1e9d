/* lg-import-batch.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One CSV import as the history lists it. */
#define LG_TYPE_IMPORT_BATCH (lg_import_batch_get_type ())
G_DECLARE_FINAL_TYPE (LgImportBatch, lg_import_batch, LG, IMPORT_BATCH, GObject)

LgImportBatch *lg_import_batch_new               (gint64         id,
                                                  const char    *file_name,
                                                  gint64         created_at,
                                                  gint64         undone_at,
                                                  guint          created,
                                                  guint          updated,
                                                  guint          skipped,
                                                  guint          failed);
gint64         lg_import_batch_get_id            (LgImportBatch *self);
const char    *lg_import_batch_get_file_name     (LgImportBatch *self);
gint64         lg_import_batch_get_created_at    (LgImportBatch *self);
gint64         lg_import_batch_get_undone_at     (LgImportBatch *self);
guint          lg_import_batch_get_created       (LgImportBatch *self);
guint          lg_import_batch_get_updated       (LgImportBatch *self);
guint          lg_import_batch_get_skipped       (LgImportBatch *self);
guint          lg_import_batch_get_failed        (LgImportBatch *self);

G_END_DECLS
