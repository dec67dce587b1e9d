/* lg-corpus.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading the labelled TSV files (the training corpus, the evaluation set) and
 * the ROC AUC both the trainer and the evaluation report. Build-time and test
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

G_END_DECLS
