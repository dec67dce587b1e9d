/* lg-import-batch.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-import"

#include "config.h"

#include "lg-import-batch.h"

struct _LgImportBatch
{
  GObject  parent_instance;

  gint64   id;
  char    *file_name;
  gint64   created_at;
  gint64   undone_at;
  guint    created;
  guint    updated;
  guint    skipped;
  guint    failed;
};

G_DEFINE_FINAL_TYPE (LgImportBatch, lg_import_batch, G_TYPE_OBJECT)

static void
lg_import_batch_finalize (GObject *object)
{
  g_free (LG_IMPORT_BATCH (object)->file_name);

  G_OBJECT_CLASS (lg_import_batch_parent_class)->finalize (object);
}

static void
lg_import_batch_class_init (LgImportBatchClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lg_import_batch_finalize;
}

static void
lg_import_batch_init (LgImportBatch *self)
{
}

LgImportBatch *
lg_import_batch_new (gint64      id,
                     const char *file_name,
                     gint64      created_at,
                     gint64      undone_at,
                     guint       created,
                     guint       updated,
                     guint       skipped,
                     guint       failed)
{
  LgImportBatch *self = g_object_new (LG_TYPE_IMPORT_BATCH, NULL);

  self->id = id;
  self->file_name = g_strdup (file_name);
  self->created_at = created_at;
  self->undone_at = undone_at;
  self->created = created;
  self->updated = updated;
  self->skipped = skipped;
  self->failed = failed;
  return self;
}

gint64
lg_import_batch_get_id (LgImportBatch *self)
{
  g_return_val_if_fail (LG_IS_IMPORT_BATCH (self), 0);
  return self->id;
}

const char *
lg_import_batch_get_file_name (LgImportBatch *self)
{
  g_return_val_if_fail (LG_IS_IMPORT_BATCH (self), NULL);
  return self->file_name;
}

gint64
lg_import_batch_get_created_at (LgImportBatch *self)
{
  g_return_val_if_fail (LG_IS_IMPORT_BATCH (self), 0);
  return self->created_at;
}

gint64
lg_import_batch_get_undone_at (LgImportBatch *self)
{
  g_return_val_if_fail (LG_IS_IMPORT_BATCH (self), 0);
  return self->undone_at;
}

guint
lg_import_batch_get_created (LgImportBatch *self)
{
  g_return_val_if_fail (LG_IS_IMPORT_BATCH (self), 0);
  return self->created;
}

guint
lg_import_batch_get_updated (LgImportBatch *self)
{
  g_return_val_if_fail (LG_IS_IMPORT_BATCH (self), 0);
  return self->updated;
}

guint
lg_import_batch_get_skipped (LgImportBatch *self)
{
  g_return_val_if_fail (LG_IS_IMPORT_BATCH (self), 0);
  return self->skipped;
}

guint
lg_import_batch_get_failed (LgImportBatch *self)
{
  g_return_val_if_fail (LG_IS_IMPORT_BATCH (self), 0);
  return self->failed;
}
