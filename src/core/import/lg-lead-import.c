/* lg-lead-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * LgLeadImport's pipeline: the reading thread and the writing one, and the
 * passes they run. (Parsing, dedupe, merge rules and the results are in the
 * files lg-lead-import-private.h names; the queries in the store's
 * lg-store-import.c.)
 *
 * Checking a file (lg_lead_import_validate) reads and validates every row and
 * writes nothing. Importing it does the same on a reading thread, which hands
 * the valid rows, parsed into compact Records, in blocks to the calling
 * thread; that one works out what each row does to the leads while the next
 * block is read, and writes it into TEMP tables of its connection (the
 * staging area), against one snapshot of the leads. Writing TEMP tables takes
 * no lock on the database: other connections write meanwhile. When every row
 * has been read and checked, one short transaction moves the staged leads,
 * changes and sources into the database, after checking that nothing the
 * import read has changed since; if something has, the import runs again
 * holding the write lock from the start, as it did before there was a
 * staging area. A failure or Cancel on either side empties the staging area
 * and moves nothing.
 */

#define G_LOG_DOMAIN "lg-import"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lg-lead-import-private.h"

/* How often the worker looks at the cancellable and reports progress. */
#define CHECK_EVERY 256
/* The share of the progress bar the rows take; building the indexes again
 * and the commit take the rest. */
#define ROWS_SHARE 0.9
/* Rows a block carries from the reading thread to the writing one, at most,
 * and the bytes of their text past which a block goes before it is full:
 * 1024 rows of 8 KB notes would be 8 MB a block. */
#define BLOCK_ROWS 1024
#define BLOCK_BYTES (256 * 1024)
/* Blocks read ahead of the writer at most: the reader is faster, and memory
 * must not grow with the file. With the one being filled and the one being
 * written, the rows in memory are at most (BLOCKS_AHEAD + 2) blocks, each
 * under BLOCK_BYTES plus its last row. */
#define BLOCKS_AHEAD 4

/* Valid rows on their way from the reading thread to the writing one. */
typedef struct
{
  GArray       *records; /* Record */
  GStringChunk *strings; /* the records' strings */
  gsize         bytes;   /* their size */
  double        done;    /* the share of the file read up to its last row */
  gboolean      last;    /* the reading is over; no records */
} Block;

/* What the reading thread shares with the writing one. */
typedef struct
{
  LgLeadImport *self;
  GAsyncQueue  *queue;       /* Block, to the writer */
  GAsyncQueue  *slots;       /* a token per block the reader may send ahead */
  Block        *block;       /* being filled */
  GCancellable *stop;        /* cancelled when the writer failed */
  GCancellable *cancellable; /* the caller's */
  gboolean      ok;          /* how it ended, for the writer to see */
  GError       *error;
} Feed;

G_DEFINE_FINAL_TYPE (LgLeadImport, lg_lead_import, G_TYPE_OBJECT)

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
lg_lead_import_finalize (GObject *object)
{
  LgLeadImport *self = LG_LEAD_IMPORT (object);

  g_free (self->db_path);
  g_free (self->csv_path);
  g_clear_object (&self->mapping);
  g_free (self->note);
  g_strfreev (self->header);
  g_ptr_array_unref (self->problems);
  g_ptr_array_unref (self->repairs);
  g_clear_object (&self->report);
  if (self->report_path != NULL)
    g_unlink (self->report_path);
  g_free (self->report_path);
  g_ptr_array_unref (self->conflict_list);
  g_hash_table_unref (self->conflict_actions);
  g_hash_table_unref (self->unknown_stages);
  g_hash_table_unref (self->unknown_qualifications);
  g_hash_table_unref (self->stage_labels);
  g_hash_table_unref (self->qualification_labels);
  g_clear_pointer (&self->local, g_time_zone_unref);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (lg_lead_import_parent_class)->finalize (object);
}

static void
lg_lead_import_class_init (LgLeadImportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lg_lead_import_finalize;

  /**
   * LgLeadImport::progress:
   * @fraction: done so far, from 0 to 1
   */
  signals[PROGRESS] =
    g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_DOUBLE);
}

static void
lg_lead_import_init (LgLeadImport *self)
{
  self->mode = LG_IMPORT_MODE_BOTH;
  self->has_header = TRUE;
  self->problems = g_ptr_array_new_with_free_func (lg_import_problem_free);
  self->repairs = g_ptr_array_new_with_free_func (lg_import_problem_free);
  self->conflict_list = g_ptr_array_new_with_free_func (lg_import_conflict_free);
  self->conflict_actions = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->on_conflict = LG_CONFLICT_SKIP;
  self->unknown_stages = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->unknown_qualifications = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        g_free);
  self->stage_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->qualification_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

LgLeadImport *
lg_lead_import_new (const char   *db_path,
                    const char   *csv_path,
                    LgCsvMapping *mapping)
{
  LgLeadImport *self;

  g_return_val_if_fail (db_path != NULL, NULL);
  g_return_val_if_fail (csv_path != NULL, NULL);
  g_return_val_if_fail (LG_IS_CSV_MAPPING (mapping), NULL);

  self = g_object_new (LG_TYPE_LEAD_IMPORT, NULL);
  self->db_path = g_strdup (db_path);
  self->csv_path = g_strdup (csv_path);
  /* The caller may go on editing its mapping while the worker reads this one. */
  self->mapping = lg_csv_mapping_copy (mapping);
  return self;
}

void
lg_lead_import_set_format (LgLeadImport  *self,
                           LgCsvEncoding  encoding,
                           char           delimiter)
{
  g_return_if_fail (LG_IS_LEAD_IMPORT (self));

  self->encoding = encoding;
  self->delimiter = delimiter;
}

void
lg_lead_import_set_has_header (LgLeadImport *self,
                               gboolean      has_header)
{
  g_return_if_fail (LG_IS_LEAD_IMPORT (self));

  self->has_header = has_header;
}

void
lg_lead_import_set_dry_run (LgLeadImport *self,
                            gboolean      dry_run)
{
  g_return_if_fail (LG_IS_LEAD_IMPORT (self));

  self->dry_run = dry_run;
}

LgCsvMapping *
lg_lead_import_get_mapping (LgLeadImport *self)
{
  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), NULL);

  return self->mapping;
}

/* Progress */

typedef struct
{
  LgLeadImport *self;
  double        fraction;
} ProgressData;

static gboolean
emit_progress_cb (gpointer data)
{
  ProgressData *progress = data;

  g_signal_emit (progress->self, signals[PROGRESS], 0, progress->fraction);
  return G_SOURCE_REMOVE;
}

static void
progress_data_free (gpointer data)
{
  ProgressData *progress = data;

  g_object_unref (progress->self);
  g_free (progress);
}

static void
report_progress (LgLeadImport *self,
                 double        fraction)
{
  ProgressData *progress;

  /* Whole percents are plenty for a progress bar. */
  if (fraction < 1.0 && fraction - self->last_progress < 0.01)
    return;
  self->last_progress = fraction;

  if (self->context == NULL)
    {
      g_signal_emit (self, signals[PROGRESS], 0, fraction);
      return;
    }
  progress = g_new (ProgressData, 1);
  progress->self = g_object_ref (self);
  progress->fraction = fraction;
  g_main_context_invoke_full (self->context, G_PRIORITY_DEFAULT, emit_progress_cb, progress,
                              progress_data_free);
}

/* From the reading thread to the writing one */

static Block *
block_new (void)
{
  Block *block = g_new0 (Block, 1);

  block->records = g_array_sized_new (FALSE, FALSE, sizeof (Record), BLOCK_ROWS);
  block->strings = g_string_chunk_new (BLOCK_ROWS * 128);
  return block;
}

static void
block_free (Block *block)
{
  g_clear_pointer (&block->records, g_array_unref);
  g_clear_pointer (&block->strings, g_string_chunk_free);
  g_free (block);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Block, block_free)

/* Hands the block being filled to the writer, once it has room for one; a
 * writer that stopped takes no more. */
static void
send_block (Feed   *feed,
            double  done)
{
  if (feed->block == NULL)
    return;
  feed->block->done = done;
  while (g_async_queue_timeout_pop (feed->slots, 50000) == NULL)
    if (g_cancellable_is_cancelled (feed->stop))
      {
        g_clear_pointer (&feed->block, block_free);
        return;
      }
  g_async_queue_push (feed->queue, g_steal_pointer (&feed->block));
}

/* The writer took a block: room for another. */
static void
take_block (Feed *feed)
{
  g_async_queue_push (feed->slots, GINT_TO_POINTER (1));
}

static void
feed_init (Feed *feed)
{
  feed->queue = g_async_queue_new_full ((GDestroyNotify) block_free);
  feed->slots = g_async_queue_new ();
  for (guint i = 0; i < BLOCKS_AHEAD; i++)
    take_block (feed);
  feed->stop = g_cancellable_new ();
}

/* Keeps a valid row for the writer; returns whether the block is full. */
static gboolean
keep_row (Feed *feed,
          Row  *row)
{
  Record record;

  if (feed->block == NULL)
    feed->block = block_new ();
  feed->block->bytes += lg_lead_import_row_to_record (row, feed->block->strings, &record);
  g_array_append_val (feed->block->records, record);
  return feed->block->records->len == BLOCK_ROWS || feed->block->bytes >= BLOCK_BYTES;
}

static gboolean
check_cancelled (GCancellable  *cancellable,
                 GError       **error)
{
  if (!g_cancellable_is_cancelled (cancellable))
    return FALSE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                       _("The import was cancelled; nothing was changed."));
  return TRUE;
}

/* Reads and checks every row; with a feed, sends the valid ones to the
 * writer (which reports the progress then). */
static gboolean
validate_pass (LgLeadImport  *self,
               Feed          *feed,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(LgCsvReader) reader = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (self->csv_path);
  goffset size = 1;
  GError *read_error = NULL;
  gboolean replay = FALSE;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, NULL);
  if (info != NULL)
    size = MAX (1, g_file_info_get_size (info));

  reader = lg_lead_import_open_file (self, &replay, cancellable, error);
  if (reader == NULL)
    return FALSE;
  self->header = g_new0 (char *, lg_csv_mapping_get_n_columns (self->mapping) + 1);
  for (guint i = 0; i < lg_csv_mapping_get_n_columns (self->mapping); i++)
    self->header[i] = g_strdup (lg_csv_mapping_get_header (self->mapping, i));

  while (lg_lead_import_next_row (reader, &replay, cancellable, &read_error))
    {
      guint first_problem = self->problems->len;
      gboolean valid;
      Row row;

      self->n_rows++;
      lg_lead_import_note_repairs (self, reader);
      valid = lg_lead_import_parse_row (self, reader, &row);
      if (row.test_lead)
        self->test_leads++;
      else if (!valid)
        {
          self->failed++;
          if (!lg_lead_import_remember_failed_row (self, reader, first_problem, error))
            {
              lg_lead_import_row_clear (&row);
              return FALSE;
            }
        }
      else if (feed != NULL && keep_row (feed, &row))
        send_block (feed, (double) lg_csv_reader_get_position (reader) / size);
      lg_lead_import_row_clear (&row);

      if (self->n_rows % CHECK_EVERY == 0)
        {
          if (check_cancelled (cancellable, error) ||
              (feed != NULL && check_cancelled (feed->stop, error)))
            return FALSE;
          if (feed == NULL)
            report_progress (self, (double) lg_csv_reader_get_position (reader) / size);
        }
    }
  if (read_error != NULL)
    {
      g_propagate_error (error, read_error);
      return FALSE;
    }

  if (self->n_rows == 0)
    {
      g_set_error_literal (error, LG_CSV_ERROR, LG_CSV_ERROR_NO_ROWS,
                           _("The file has a header but no rows below it: there is nothing "
                             "to import."));
      return FALSE;
    }

  if (lg_csv_reader_get_note (reader) != NULL)
    self->note = g_strdup (lg_csv_reader_get_note (reader));
  if (feed != NULL)
    send_block (feed, 1.0);
  else
    report_progress (self, 1.0);
  return TRUE;
}

/* Whether a row may be one an earlier import had, by its lead-form id. */
static gboolean
has_form_ids (LgLeadImport *self)
{
  return lg_csv_mapping_find_field (self->mapping, LG_CSV_FIELD_FORM_LEAD_ID) >= 0;
}

/* The consumer of a validation: the rows against the leads, read only. */
static gboolean
preview_pass (LgLeadImport  *self,
              LgStore       *store,
              Feed          *feed,
              GCancellable  *cancellable,
              GError       **error)
{
  g_auto(Index) index = { 0 };

  if (!lg_import_index_load (&index, store, has_form_ids (self), error))
    return FALSE;

  for (;;)
    {
      g_autoptr(Block) block = g_async_queue_pop (feed->queue);

      if (block->last)
        break;
      take_block (feed);
      for (guint i = 0; i < block->records->len; i++)
        if (!lg_lead_import_preview_row (self, &index,
                                         &g_array_index (block->records, Record, i), error))
          return FALSE;
      if (check_cancelled (cancellable, error))
        return FALSE;
      report_progress (self, block->done);
    }

  if (!feed->ok)
    {
      g_propagate_error (error, g_steal_pointer (&feed->error));
      return FALSE;
    }
  return TRUE;
}

/* Writes the blocks of the feed into the staging area as they come.
 * Returns FALSE with the reader's error when the reading failed. */
static gboolean
write_pass (LgLeadImport  *self,
            Index         *index,
            Feed          *feed,
            GCancellable  *cancellable,
            GError       **error)
{
  for (;;)
    {
      g_autoptr(Block) block = g_async_queue_pop (feed->queue);

      if (block->last)
        break;
      take_block (feed);

      for (guint i = 0; i < block->records->len; i++)
        {
          if (!lg_lead_import_write_row (self, index,
                                         &g_array_index (block->records, Record, i), error))
            return FALSE;
          if ((i + 1) % CHECK_EVERY == 0 && check_cancelled (cancellable, error))
            return FALSE;
        }
      /* The rows waiting to be staged point into the block. */
      if (!lg_import_index_flush_creates (index, error))
        return FALSE;
      report_progress (self, ROWS_SHARE * block->done);
    }

  /* The last block tells how the reading ended; the queue's lock makes what
   * the reader wrote before it visible here. */
  if (!feed->ok)
    {
      g_propagate_error (error, g_steal_pointer (&feed->error));
      return FALSE;
    }
  return !check_cancelled (cancellable, error);
}

static gboolean
move_staged (LgLeadImport  *self,
             Index         *index,
             GError       **error)
{
  g_autofree char *file_name = g_path_get_basename (self->csv_path);

  /* The history has no column of its own for skipped conflicts and test leads. */
  return lg_store_import_move (index->store, &index->snapshot,
                               index->next_id - index->snapshot.next_lead_id, file_name,
                               self->created, self->updated,
                               self->skipped + self->conflicts_skipped + self->test_leads,
                               self->failed,
                               &self->batch_id, error);
}

static gpointer
read_thread (gpointer data)
{
  Feed *feed = data;
  Block *last = g_new0 (Block, 1);

  feed->ok = validate_pass (feed->self, feed, feed->cancellable, &feed->error);
  last->last = TRUE;
  g_async_queue_push (feed->queue, last);
  return NULL;
}

static void
feed_clear (Feed *feed)
{
  g_clear_pointer (&feed->block, block_free);
  g_clear_pointer (&feed->queue, g_async_queue_unref);
  g_clear_pointer (&feed->slots, g_async_queue_unref);
  g_clear_object (&feed->stop);
  g_clear_error (&feed->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Feed, feed_clear)

gboolean
lg_lead_import_validate (LgLeadImport  *self,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(LgStore) store = NULL;
  g_auto(Feed) feed = { .self = self, .cancellable = cancellable };
  GThread *thread;
  gboolean ok;

  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), FALSE);

  lg_lead_import_reset_results (self);
  /* The leads are read, never written: the conflicts show before the import.
   * The staging area stays empty (the conflicts' lead side reads it); it goes
   * with the connection. */
  store = lg_store_import_open (self->db_path, FALSE, error);
  if (store == NULL || !lg_store_import_stage (store, error))
    return FALSE;
  /* The dedupe index is written in one transaction of the TEMP tables, not
   * one a row; the leads are read from one snapshot. */
  if (!lg_store_import_begin (store, FALSE, error))
    return FALSE;

  feed_init (&feed);
  thread = g_thread_new ("lg-import-check", read_thread, &feed);
  ok = preview_pass (self, store, &feed, cancellable, error);
  if (!ok)
    g_cancellable_cancel (feed.stop);
  g_thread_join (thread);
  if (ok)
    report_progress (self, 1.0);
  return ok;
}

/* One go at the import: the rows are staged, then moved. With locked, the
 * write lock is taken first and held throughout, so nothing the import reads
 * can change. Without, the staging reads one snapshot of the database (a
 * read transaction) and writes only TEMP tables, which lock nothing; the
 * move then fails, with *stale set and no error, if another connection
 * changed since what the import read. */
static gboolean
import_once (LgLeadImport  *self,
             LgStore       *store,
             gboolean       locked,
             GCancellable  *cancellable,
             gboolean      *stale,
             GError       **error)
{
  g_auto(Feed) feed = { .self = self, .cancellable = cancellable };
  g_auto(Index) index = { 0 };
  GThread *thread;
  gboolean ok;

  *stale = FALSE;
  lg_lead_import_reset_results (self);
  if (!lg_store_import_stage (store, error))
    return FALSE;
  if (!lg_store_import_begin (store, locked, error))
    {
      lg_store_stage_discard (store);
      return FALSE;
    }

  /* The file is read and checked on one core while the rows are staged on
   * another: the staging takes about as long as the writing alone. */
  feed_init (&feed);
  thread = g_thread_new ("lg-import-read", read_thread, &feed);
  ok = lg_import_index_load (&index, store, has_form_ids (self), error) &&
       write_pass (self, &index, &feed, cancellable, error);
  if (!ok)
    g_cancellable_cancel (feed.stop);
  /* Blocks the writer did not take go with the queue. */
  g_thread_join (thread);

  if (ok && self->dry_run)
    {
      lg_store_stage_discard (store);
      return TRUE;
    }

  if (ok && !locked)
    ok = lg_store_import_lock (store, &index.snapshot, stale, error);
  ok = ok && !*stale && move_staged (self, &index, error) && lg_store_commit (store, error);
  lg_store_stage_discard (store);
  if (!ok)
    {
      self->created = self->updated = self->skipped = 0;
      self->batch_id = 0;
    }
  return ok;
}

gboolean
lg_lead_import_run (LgLeadImport  *self,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(LgStore) store = NULL;
  gboolean stale;
  gboolean ok;

  g_return_val_if_fail (LG_IS_LEAD_IMPORT (self), FALSE);

  store = lg_store_import_open (self->db_path, TRUE, error);
  if (store == NULL)
    return FALSE;

  /* Should another connection change what the import read while it read
   * the file, the import runs again holding the lock from the start: the
   * move must not write over what the import did not see. */
  ok = import_once (self, store, FALSE, cancellable, &stale, error);
  if (!ok && stale)
    ok = import_once (self, store, TRUE, cancellable, &stale, error);
  if (ok)
    report_progress (self, 1.0);
  return ok;
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  LgLeadImport *self = source_object;
  gboolean validate_only = GPOINTER_TO_INT (task_data);
  GError *error = NULL;
  gboolean ok;

  ok = validate_only ? lg_lead_import_validate (self, cancellable, &error)
                     : lg_lead_import_run (self, cancellable, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
lg_lead_import_run_async (LgLeadImport        *self,
                          gboolean             validate_only,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LG_IS_LEAD_IMPORT (self));

  g_clear_pointer (&self->context, g_main_context_unref);
  self->context = g_main_context_ref_thread_default ();

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lg_lead_import_run_async);
  g_task_set_task_data (task, GINT_TO_POINTER (validate_only), NULL);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, run_thread);
}

gboolean
lg_lead_import_run_finish (LgLeadImport  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
