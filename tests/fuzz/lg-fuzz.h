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

/* For the targets that read a file: a path named name in a folder of its
 * own, removed at exit; writing the input there; an empty in-memory
 * database; the rows it has. */
#include "lg-store.h"

const char *lg_fuzz_input_path   (const char     *name);
void        lg_fuzz_write_input  (const uint8_t  *data,
                                  size_t          size);
LgStore    *lg_fuzz_open_store   (void);
void        lg_fuzz_count        (LgStore        *store,
                                  LgStoreCounts  *counts);

/* For the chat export targets (lg-fuzz-export.c): imports import_path with
 * import into store, after lg_fuzz_write_input(). A file that fails imports
 * nothing and says so in a sentence; one that succeeds adds what it counts,
 * in valid UTF-8 (thread names too), with links that check_link accepts,
 * and adds nothing when imported again. */
#include "lg-export-job.h"

typedef gboolean (*LgFuzzImportFunc) (LgStore        *store,
                                      const char     *path,
                                      LgExportStats  *stats,
                                      GError        **error);

int lg_fuzz_export_run (LgStore           **store,
                        const char         *import_path,
                        LgFuzzImportFunc    import,
                        void              (*check_link) (const char *link));
