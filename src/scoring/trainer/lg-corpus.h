/* lg-corpus.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading the labelled TSV files (the training corpus, the evaluation sets) and
 * the ROC AUC both the trainer and the evaluations report. Build-time and test
 * code: the scoring library itself does no I/O.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reads @path: one record per line, @n_fields fields separated by tabs, the last
 * one free text where "\n" stands for a line break; empty lines and lines starting
 * with '#' are skipped. Returns a GPtrArray of GStrv. */
GPtrArray *lg_corpus_read (const char    *path,
                           guint          n_fields,
                           GError       **error);

/* The probability that a random positive scores above a random negative (ties
 * count half). */
double     lg_corpus_auc  (const double  *scores,
                           const gboolean *labels,
                           guint          n);

/* A labelled post of a split directory (see tests/scoring/eval-scoring.c). */
typedef struct
{
  gboolean  buyer;
  gboolean  seller;
  char     *community;
  char     *language;
  char     *text;
} LgCorpusPost;

/* An offer of a split directory: its language, the communities whose buyers
 * want it, and its text. */
typedef struct
{
  char  *id;
  char  *language;
  char **communities;
  char  *text;
} LgCorpusOffer;

/* The posts below @dir of the communities that @dir/split.tsv puts in @split,
 * in a stable order: a GArray of LgCorpusPost that clears them. */
GArray    *lg_corpus_read_posts  (const char    *dir,
                                  const char    *split,
                                  GError       **error);
/* The offers of @dir/offers.tsv (none when it is missing) with a community in
 * @split: a GArray of LgCorpusOffer that clears them. */
GArray    *lg_corpus_read_offers (const char    *dir,
                                  const char    *split,
                                  GError       **error);

G_END_DECLS
