/* lg-import-wizard.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "lg-lead-import.h"
#include "lg-store.h"

G_BEGIN_DECLS

/* The CSV import, step by step. Actions: wizard.next, wizard.back. */
#define LG_TYPE_IMPORT_WIZARD (lg_import_wizard_get_type ())
G_DECLARE_FINAL_TYPE (LgImportWizard, lg_import_wizard, LG, IMPORT_WIZARD, AdwWindow)

LgImportWizard *lg_import_wizard_new          (GtkWindow       *parent,
                                               LgStore         *store);
/* Starts at the preview of file, as if chosen in the file chooser. */
gboolean        lg_import_wizard_open_file    (LgImportWizard  *self,
                                               GFile           *file,
                                               GError         **error);
/* The page shown: file, preview, mapping, labels, mode, validation, progress
 * or summary. */
const char     *lg_import_wizard_get_step     (LgImportWizard  *self);
LgCsvMapping   *lg_import_wizard_get_mapping  (LgImportWizard  *self);
LgLeadImport   *lg_import_wizard_get_import   (LgImportWizard  *self);
/* The encoding the preview shows, the detected one until the user picks
 * another; setting it reads the file again. */
LgCsvEncoding   lg_import_wizard_get_encoding (LgImportWizard  *self);
void            lg_import_wizard_set_encoding (LgImportWizard  *self,
                                               LgCsvEncoding    encoding);
/* The delimiter as the user would pick it (0: detect); reads the file again. */
void            lg_import_wizard_set_delimiter (LgImportWizard *self,
                                                char            delimiter);

G_END_DECLS
