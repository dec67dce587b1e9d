/* lg-fuzz.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The libFuzzer entry points of tests/fuzz. Each fuzz-*.c defines them; the
 * same file is linked into a libFuzzer program (meson -Dfuzzing=true, clang)
 * and into fuzz-replay.c's test program, which runs every file of the
 * target's committed corpus through them in each `meson test`.
 *
 * A target returns 0 for any input. What it finds wrong (a broken
 * invariant, a GLib critical or warning) aborts, which libFuzzer reports as
 * a crash and the replay test as a failure.
 */

#pragma once

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

/* Shared by the targets: makes criticals and warnings fatal. */
void lg_fuzz_init_logging  (void);

/* What the chat export targets share (lg-fuzz-export.c). */
#include <glib.h>

#include "lg-export-job.h"
#include "lg-store.h"

/* Imports the export at path into store. */
typedef gboolean (*LgFuzzImportFunc) (LgStore        *store,
                                      const char     *path,
                                      LgExportStats  *stats,
                                      GError        **error);
/* Aborts unless message, stored in source, is of a shape the importer may
 * write (its link, its text). */
typedef void     (*LgFuzzCheckFunc)  (LgSource       *source,
                                      LgMessage      *message);

/* Makes a temporary folder, removed at exit, whose file input_name (which
 * may be in a subfolder) each input is written to, and an in-memory store.
 * Returns the folder. */
const char *lg_fuzz_export_init (const char       *input_name);
/* Writes data to the input file and imports import_path (NULL: the input
 * file): a file that fails imports nothing and says so in a sentence; one
 * that succeeds adds what it counts, in valid UTF-8, each message passing
 * check, and adds nothing when imported again. */
int         lg_fuzz_export_run  (const uint8_t    *data,
                                 size_t            size,
                                 const char       *import_path,
                                 LgFuzzImportFunc  import,
                                 LgFuzzCheckFunc   check);
