/* lg-import-wizard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * File → preview → columns → unknown stages (when there are any) → mode →
 * validation report → import with progress → summary. Validation and the
 * import run on a worker (LgLeadImport); this window only shows them.
 *
 * Over a thousand lines: eight pages, each small, sharing the file being read
 * and its mapping.
 */

#define G_LOG_DOMAIN "lg-import-wizard"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <string.h>

#include "lg-import-wizard.h"
#include "lg-lead-form.h"
#include "lg-lead-import.h"
#include "lg-ui-util.h"

/* Rows shown in the preview. */
#define PREVIEW_ROWS 8
/* Characters of a cell shown in the preview. */
#define PREVIEW_WIDTH 28
/* Conflicts shown one by one; the rest follow the choice for all. */
#define SHOWN_CONFLICTS 50

struct _LgImportWizard
{
  AdwWindow         parent_instance;

  LgStore          *store;
  char             *path;
  LgCsvMapping     *mapping;
  LgLeadImport     *import;
  GCancellable     *cancellable;
  LgLeadImport     *check;        /* the preview's reading of the whole file */
  GCancellable     *check_cancellable;
  guint             sideways_idle; /* the preview's hint is to be updated */
  GPtrArray        *preview;      /* GStrv per row, the header first */
  GPtrArray        *mapping_rows; /* AdwComboRow per column */
  GPtrArray        *label_rows;   /* AdwComboRow per unknown label */
  GtkStringList    *problems;
  gboolean          loading;      /* the format rows are being set by code */
  LgConflictAction  on_conflict;  /* for conflicts not chosen one by one */
  GHashTable       *conflict_choices; /* line -> LgConflictAction + 1 */

  GtkButton        *back_button;
  GtkButton        *next_button;
  GtkSpinner       *spinner;
  AdwToastOverlay  *toast_overlay;
  GtkStack         *stack;
  AdwComboRow      *encoding_row;
  AdwComboRow      *delimiter_row;
  GtkSwitch        *header_switch;
  AdwPreferencesGroup *file_group;
  GtkLabel         *note_label;
  GtkLabel         *lead_form_label;
  GtkWidget        *lead_form_group;
  AdwActionRow     *lead_form_row;
  AdwPreferencesGroup *preview_group;
  GtkScrolledWindow *preview_window;
  GtkGrid          *preview_grid;
  AdwPreferencesGroup *repairs_group;
  GtkLabel         *repairs_label;
  AdwPreferencesGroup *mapping_group;
  GtkSwitch        *notes_switch;
  AdwPreferencesGroup *labels_group;
  GtkCheckButton   *both_check;
  GtkCheckButton   *create_check;
  GtkCheckButton   *update_check;
  GtkLabel         *validation_title;
  GtkLabel         *validation_label;
  GtkListView      *problems_view;
  GtkScrolledWindow *conflicts_window;
  GtkBox           *conflicts_box;
  GtkProgressBar   *progress_bar;
  AdwStatusPage    *summary_page;
  GtkButton        *report_button;
};

G_DEFINE_FINAL_TYPE (LgImportWizard, lg_import_wizard, ADW_TYPE_WINDOW)

static const LgCsvEncoding encodings[] = {
  LG_CSV_ENCODING_AUTO, LG_CSV_ENCODING_UTF8, LG_CSV_ENCODING_UTF16LE, LG_CSV_ENCODING_UTF16BE,
  LG_CSV_ENCODING_WINDOWS_1252, LG_CSV_ENCODING_WINDOWS_1251,
};
static const char delimiters[] = { 0, ',', ';', '\t', '|' };
static const char *stage_values[] = { "cold", "warm", "hot", "won", "lost" };
static const char *stage_labels[] = { N_("Cold"), N_("Warm"), N_("Hot"), N_("Won"), N_("Lost") };
static const char *qualification_values[] = { "unqualified", "mql", "sql", "pql" };
static const char *qualification_labels[] = { N_("Unqualified"), N_("MQL"), N_("SQL"),
                                               N_("PQL") };

static void
set_busy (LgImportWizard *self,
          gboolean        busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.back", !busy);
}

static gboolean
has_unknown_labels (LgImportWizard *self)
{
  return self->label_rows->len > 0;
}

/* Back and Next for the page being shown. */
static void
update_buttons (LgImportWizard *self)
{
  const char *step = gtk_stack_get_visible_child_name (self->stack);
  gboolean navigable = !g_str_equal (step, "file") && !g_str_equal (step, "progress") &&
                       !g_str_equal (step, "summary");

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), navigable);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), navigable);
  /* The template's child label: a button's own label would give it a second,
   * wrong accessible name (see lg_mnemonic_names_init). */
  gtk_label_set_text_with_mnemonic (GTK_LABEL (gtk_button_get_child (self->next_button)),
                                    g_str_equal (step, "validation") ? _("_Import")
                                                                     : _("_Next"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next",
                                 !g_str_equal (step, "validation") ||
                                 (self->import != NULL &&
                                  lg_lead_import_get_failed (self->import) <
                                  lg_lead_import_get_n_rows (self->import)));
}

static void
show_step (LgImportWizard *self,
           const char     *step)
{
  gtk_stack_set_visible_child_name (self->stack, step);
  update_buttons (self);
}

/* The import, made new for each reading of the file */

static LgImportMode
chosen_mode (LgImportWizard *self)
{
  if (gtk_check_button_get_active (self->create_check))
    return LG_IMPORT_MODE_CREATE;
  if (gtk_check_button_get_active (self->update_check))
    return LG_IMPORT_MODE_UPDATE;
  return LG_IMPORT_MODE_BOTH;
}

static LgLeadImport *
new_import (LgImportWizard *self)
{
  LgLeadImport *import;
  GHashTableIter iter;
  gpointer line, choice;

  import = lg_lead_import_new (lg_store_get_path (self->store), self->path, self->mapping);
  lg_lead_import_set_format (import, encodings[adw_combo_row_get_selected (self->encoding_row)],
                             delimiters[adw_combo_row_get_selected (self->delimiter_row)]);
  lg_lead_import_set_has_header (import, gtk_switch_get_active (self->header_switch));
  lg_lead_import_set_mode (import, chosen_mode (self));
  lg_lead_import_set_on_conflict (import, self->on_conflict);

  g_hash_table_iter_init (&iter, self->conflict_choices);
  while (g_hash_table_iter_next (&iter, &line, &choice))
    lg_lead_import_set_conflict_action (import, GPOINTER_TO_UINT (line),
                                        GPOINTER_TO_UINT (choice) - 1);
  return import;
}

static void
replace_import (LgImportWizard *self)
{
  /* The preview's reading of the file is of no use once the import's starts. */
  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->import);
  self->import = new_import (self);
}

/* Preview */

static char *
shorten (const char *text)
{
  g_autofree char *flat = g_strdelimit (g_strdup (text), "\r\n\t", ' ');

  if (g_utf8_strlen (flat, -1) <= PREVIEW_WIDTH)
    return g_steal_pointer (&flat);
  {
    g_autofree char *start = g_utf8_substring (flat, 0, PREVIEW_WIDTH - 1);

    return g_strconcat (start, "…", NULL);
  }
}

static void
fill_preview_grid (LgImportWizard *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_grid))) != NULL)
    gtk_grid_remove (self->preview_grid, child);

  for (guint r = 0; r < self->preview->len; r++)
    {
      char **row = g_ptr_array_index (self->preview, r);

      for (guint c = 0; row[c] != NULL; c++)
        {
          g_autofree char *text = shorten (row[c]);
          GtkWidget *label = gtk_label_new (text);

          gtk_label_set_xalign (GTK_LABEL (label), 0);
          if (r == 0 && gtk_switch_get_active (self->header_switch))
            gtk_widget_add_css_class (label, "heading");
          gtk_grid_attach (self->preview_grid, label, c, r, 1, 1);
        }
    }
}

static guint
index_of_encoding (LgCsvEncoding encoding)
{
  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    if (encodings[i] == encoding)
      return i;
  return 0;
}

static guint
index_of_delimiter (char delimiter)
{
  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    if (delimiters[i] == delimiter)
      return i;
  return 0;
}

static void
on_mapping_row_selected_cb (AdwComboRow    *row,
                            GParamSpec     *pspec,
                            LgImportWizard *self)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "column"));

  lg_csv_mapping_set_field (self->mapping, column, adw_combo_row_get_selected (row));
}

static void
clear_rows (AdwPreferencesGroup *group,
            GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
}

static void
build_mapping_rows (LgImportWizard *self)
{
  g_autoptr(GtkStringList) fields = gtk_string_list_new (NULL);

  clear_rows (self->mapping_group, self->mapping_rows);
  for (guint f = 0; f < LG_CSV_N_FIELDS; f++)
    gtk_string_list_append (fields, lg_csv_field_get_label (f));

  for (guint c = 0; c < lg_csv_mapping_get_n_columns (self->mapping); c++)
    {
      g_autofree char *title = g_markup_escape_text (lg_csv_mapping_get_header (self->mapping, c),
                                                     -1);
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
      guint first_data = gtk_switch_get_active (self->header_switch) ? 1 : 0;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      /* A sample value says more than a header. */
      if (self->preview->len > first_data)
        {
          char **sample = g_ptr_array_index (self->preview, first_data);

          if (c < g_strv_length (sample))
            {
              g_autofree char *text = shorten (sample[c]);
              g_autofree char *escaped = g_markup_escape_text (text, -1);

              adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
            }
        }
      adw_combo_row_set_model (row, G_LIST_MODEL (fields));
      adw_combo_row_set_selected (row, lg_csv_mapping_get_field (self->mapping, c));
      g_object_set_data (G_OBJECT (row), "column", GUINT_TO_POINTER (c));
      g_signal_connect (row, "notify::selected", G_CALLBACK (on_mapping_row_selected_cb), self);
      adw_preferences_group_add (self->mapping_group, GTK_WIDGET (row));
      g_ptr_array_add (self->mapping_rows, row);
    }
}

/* Says which platform's lead-form download the file is, when it is one. */
static void
show_lead_form (LgImportWizard *self)
{
  const char *recognised =
    lg_lead_form_get_recognised (lg_csv_mapping_get_lead_form (self->mapping));

  gtk_label_set_label (self->lead_form_label, recognised != NULL ? recognised : "");
  gtk_widget_set_visible (GTK_WIDGET (self->lead_form_label), recognised != NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->lead_form_row),
                                 recognised != NULL ? recognised : "");
  gtk_widget_set_visible (self->lead_form_group, recognised != NULL);
}

static gboolean
load_preview (LgImportWizard  *self,
              GError         **error)
{
  g_autoptr(LgCsvReader) reader = NULL;
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  LgCsvEncoding encoding = encodings[adw_combo_row_get_selected (self->encoding_row)];
  char delimiter = delimiters[adw_combo_row_get_selected (self->delimiter_row)];
  gboolean has_header = gtk_switch_get_active (self->header_switch);
  GError *read_error = NULL;
  char **first;
  gboolean found;

  reader = lg_csv_reader_new_for_path (self->path, encoding, delimiter, NULL, error);
  if (reader == NULL)
    return FALSE;

  g_ptr_array_set_size (self->preview, 0);
  while (self->preview->len <= PREVIEW_ROWS && lg_csv_reader_next (reader, NULL, &read_error))
    g_ptr_array_add (self->preview, g_strdupv ((char **) lg_csv_reader_get_fields (reader)));
  if (read_error != NULL)
    {
      g_propagate_error (error, read_error);
      return FALSE;
    }
  if (self->preview->len == 0)
    {
      g_set_error_literal (error, LG_CSV_ERROR, LG_CSV_ERROR_EMPTY,
                           _("The file holds no rows. Choose the exported CSV file itself."));
      return FALSE;
    }

  /* Show what was detected; changing it reads the file again. */
  self->loading = TRUE;
  adw_combo_row_set_selected (self->encoding_row,
                              index_of_encoding (lg_csv_reader_get_encoding (reader)));
  adw_combo_row_set_selected (self->delimiter_row,
                              index_of_delimiter (lg_csv_reader_get_delimiter (reader)));
  self->loading = FALSE;
  gtk_label_set_label (self->note_label, lg_csv_reader_get_note (reader));
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), lg_csv_reader_get_note (reader) != NULL);

  first = g_ptr_array_index (self->preview, 0);
  for (guint i = 0; first[i] != NULL; i++)
    g_ptr_array_add (header, has_header ? g_strdup (first[i])
                                        : g_strdup_printf (_("Column %u"), i + 1));
  g_clear_object (&self->mapping);
  self->mapping = lg_csv_mapping_new ((const char * const *) header->pdata, header->len);
  if (!lg_csv_mapping_load (self->mapping, self->store, &found, error))
    return FALSE;
  if (!found && gtk_switch_get_active (self->notes_switch))
    lg_csv_mapping_set_unmapped_to_notes (self->mapping, TRUE);

  show_lead_form (self);
  fill_preview_grid (self);
  return TRUE;
}

static void
on_quotes_checked_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(LgImportWizard) self = user_data;
  LgLeadImport *check = LG_LEAD_IMPORT (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *heading = NULL;
  GPtrArray *repairs;

  if (!lg_lead_import_run_finish (check, result, &error))
    {
      if (check == self->check && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lg_widget_show_error (GTK_WIDGET (self->toast_overlay), error);
      return;
    }
  /* A reading of the file as it was chosen before. */
  if (check != self->check)
    return;

  heading = lg_lead_import_describe_repairs (check);
  repairs = lg_lead_import_get_repairs (check);
  for (guint i = 0; i < repairs->len; i++)
    {
      g_autofree char *line = lg_import_problem_to_string (g_ptr_array_index (repairs, i));

      g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", line);
    }
  adw_preferences_group_set_description (self->repairs_group, heading);
  gtk_label_set_text (self->repairs_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->repairs_group), heading != NULL);
}

/* The first rows show only the start of the file; a misplaced quote may be
 * anywhere in it, and a wrong delimiter makes many. The whole file is read
 * on a worker, as the import will read it, for the rows to check. */
static void
check_quotes (LgImportWizard *self)
{
  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
  g_clear_object (&self->check);
  gtk_widget_set_visible (GTK_WIDGET (self->repairs_group), FALSE);

  self->check_cancellable = g_cancellable_new ();
  self->check = new_import (self);
  lg_lead_import_run_async (self->check, TRUE, self->check_cancellable, on_quotes_checked_cb,
                            g_object_ref (self));
}

/* The preview's columns may run past its edge, where the scrollbar shows
 * only when the pointer comes near: say that it scrolls sideways. */
static gboolean
update_sideways_hint_cb (gpointer data)
{
  LgImportWizard *self = data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_hadjustment (self->preview_window);
  g_autofree char *text = NULL;
  guint n_columns = 0;

  self->sideways_idle = 0;
  if (self->preview->len > 0)
    n_columns = g_strv_length (g_ptr_array_index (self->preview, 0));
  if (gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment) + 1)
    text = g_strdup_printf (ngettext ("The file has %u column: scroll sideways to see it.",
                                      "The file has %u columns: scroll sideways to see them "
                                      "all.", n_columns), n_columns);
  adw_preferences_group_set_description (self->preview_group, text);
  return G_SOURCE_REMOVE;
}

/* The adjustment changes while the preview is laid out, when the page must
 * not change shape: the hint follows after. */
static void
on_preview_width_changed_cb (LgImportWizard *self)
{
  if (self->sideways_idle == 0)
    self->sideways_idle = g_idle_add (update_sideways_hint_cb, self);
}

static void
on_format_changed_cb (LgImportWizard *self)
{
  g_autoptr(GError) error = NULL;

  if (self->loading || self->path == NULL)
    return;
  if (!load_preview (self, &error))
    lg_widget_show_error (GTK_WIDGET (self->toast_overlay), error);
  else
    check_quotes (self);
}

static void
on_notes_switch_active_cb (LgImportWizard *self)
{
  if (self->mapping == NULL)
    return;
  lg_csv_mapping_set_unmapped_to_notes (self->mapping, gtk_switch_get_active (self->notes_switch));
  build_mapping_rows (self);
}

gboolean
lg_import_wizard_open_file (LgImportWizard  *self,
                            GFile           *file,
                            GError         **error)
{
  g_return_val_if_fail (LG_IS_IMPORT_WIZARD (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  g_free (self->path);
  self->path = g_file_get_path (file);
  g_hash_table_remove_all (self->conflict_choices);
  self->loading = TRUE;
  adw_combo_row_set_selected (self->encoding_row, 0);
  adw_combo_row_set_selected (self->delimiter_row, 0);
  self->loading = FALSE;
  if (self->path == NULL || !load_preview (self, error))
    {
      if (self->path == NULL)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             _("This file is not on a local disk. Copy it to your computer "
                               "first."));
      return FALSE;
    }

  {
    g_autofree char *name = g_file_get_basename (file);

    adw_preferences_group_set_description (self->file_group, name);
  }
  check_quotes (self);
  show_step (self, "preview");
  return TRUE;
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        LgImportWizard  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL && !lg_import_wizard_open_file (self, file, &error))
    lg_widget_show_error (GTK_WIDGET (self->toast_overlay), error);
  g_object_unref (chooser);
}

static void
on_choose_button_clicked_cb (LgImportWizard *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Choose a CSV File"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_mime_type (filter, "text/tab-separated-values");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_filter_add_suffix (filter, "tsv");
  gtk_file_filter_add_suffix (filter, "txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Validation */

static void
on_label_row_selected_cb (AdwComboRow    *row,
                          GParamSpec     *pspec,
                          LgImportWizard *self)
{
  LgCsvField field = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "field"));
  const char *label = g_object_get_data (G_OBJECT (row), "label");
  guint selected = adw_combo_row_get_selected (row);

  lg_csv_mapping_set_label (self->mapping, field, label,
                            field == LG_CSV_FIELD_STAGE ? stage_values[selected]
                                                        : qualification_values[selected]);
}

static void
add_label_rows (LgImportWizard *self,
                LgCsvField      field)
{
  g_auto(GStrv) labels = lg_lead_import_get_unknown_labels (self->import, field);
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  const char **names = field == LG_CSV_FIELD_STAGE ? stage_labels : qualification_labels;
  guint n = field == LG_CSV_FIELD_STAGE ? G_N_ELEMENTS (stage_labels)
                                        : G_N_ELEMENTS (qualification_labels);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (choices, _(names[i]));

  for (guint i = 0; labels[i] != NULL; i++)
    {
      g_autofree char *title = g_markup_escape_text (labels[i], -1);
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), lg_csv_field_get_label (field));
      adw_combo_row_set_model (row, G_LIST_MODEL (choices));
      if (field == LG_CSV_FIELD_QUALIFICATION)
        lg_qualification_list_init (G_OBJECT (row), qualification_values,
                                    G_N_ELEMENTS (qualification_values));
      g_object_set_data (G_OBJECT (row), "field", GUINT_TO_POINTER (field));
      g_object_set_data_full (G_OBJECT (row), "label", g_strdup (labels[i]), g_free);
      /* The first choice counts until the user picks another. */
      on_label_row_selected_cb (row, NULL, self);
      g_signal_connect (row, "notify::selected", G_CALLBACK (on_label_row_selected_cb), self);
      adw_preferences_group_add (self->labels_group, GTK_WIDGET (row));
      g_ptr_array_add (self->label_rows, row);
    }
}

/* Conflicts */

static GtkWidget *
new_action_dropdown (LgConflictAction selected)
{
  const char *choices[] = { _("Skip"), _("Merge into the Lead"), _("Create a New Lead"), NULL };
  GtkWidget *dropdown = gtk_drop_down_new_from_strings (choices);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
  return dropdown;
}

static void
on_conflict_default_selected_cb (GtkDropDown    *dropdown,
                                 GParamSpec     *pspec,
                                 LgImportWizard *self)
{
  self->on_conflict = gtk_drop_down_get_selected (dropdown);
}

static void
on_conflict_choice_selected_cb (GtkDropDown    *dropdown,
                                GParamSpec     *pspec,
                                LgImportWizard *self)
{
  guint line = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "line"));

  g_hash_table_insert (self->conflict_choices, GUINT_TO_POINTER (line),
                       GUINT_TO_POINTER (gtk_drop_down_get_selected (dropdown) + 1));
}

static GtkWidget *
new_cell (const char *text,
          gboolean    heading)
{
  g_autofree char *flat = g_strdelimit (g_strdup (text != NULL ? text : "—"), "\r\n\t", ' ');
  GtkWidget *label = gtk_label_new (flat);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_selectable (GTK_LABEL (label), !heading);
  gtk_widget_set_hexpand (label, TRUE);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

/* One conflict: what contradicts, the row and the lead side by side, and
 * what to do with it. */
static GtkWidget *
new_conflict_card (LgImportWizard         *self,
                   const LgImportConflict *conflict)
{
  g_autofree char *title = g_strdup_printf (_("Line %u: %s"), conflict->line, conflict->reason);
  g_autofree char *lead_title = g_strdup_printf (_("Lead %" PRId64 " in Leadgram"),
                                                 conflict->lead_id);
  g_autofree char *name = g_strdup_printf ("conflict-action-%u", conflict->line);
  gpointer chosen = g_hash_table_lookup (self->conflict_choices,
                                         GUINT_TO_POINTER (conflict->line));
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *dropdown;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  gtk_widget_set_margin_bottom (grid, 12);
  gtk_widget_set_margin_start (header, 12);
  gtk_widget_set_margin_end (header, 12);
  gtk_widget_set_margin_top (header, 12);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (header), label);

  dropdown = new_action_dropdown (chosen != NULL ? GPOINTER_TO_UINT (chosen) - 1
                                                 : self->on_conflict);
  gtk_widget_set_name (dropdown, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
  g_object_set_data (G_OBJECT (dropdown), "line", GUINT_TO_POINTER (conflict->line));
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_conflict_choice_selected_cb),
                    self);
  gtk_box_append (GTK_BOX (header), dropdown);
  gtk_box_append (GTK_BOX (card), header);

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_grid_attach (GTK_GRID (grid), new_cell (_("In the File"), TRUE), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), new_cell (lead_title, TRUE), 2, 0, 1, 1);
  for (guint f = 0; f < LG_CONFLICT_N_FIELDS; f++)
    {
      GtkWidget *field = new_cell (lg_conflict_field_get_label (f), FALSE);

      gtk_widget_add_css_class (field, "dim-label");
      gtk_widget_set_hexpand (field, FALSE);
      gtk_grid_attach (GTK_GRID (grid), field, 0, f + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), new_cell (conflict->row[f], FALSE), 1, f + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), new_cell (conflict->lead[f], FALSE), 2, f + 1, 1, 1);
    }
  gtk_box_append (GTK_BOX (card), grid);
  return card;
}

static void
show_conflicts (LgImportWizard *self)
{
  GPtrArray *conflicts = lg_lead_import_list_conflicts (self->import);
  guint n = lg_lead_import_get_conflicts (self->import);
  GtkWidget *child;
  GtkWidget *header;
  GtkWidget *label;
  GtkWidget *dropdown;
  g_autofree char *text = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->conflicts_box))) != NULL)
    gtk_box_remove (self->conflicts_box, child);
  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_window), n > 0);
  if (n == 0)
    return;

  text = g_strdup_printf (ngettext ("%u row matches a lead by one contact but contradicts it by "
                                    "another. Nothing is overwritten unless you choose so.",
                                    "%u rows match a lead by one contact but contradict it by "
                                    "another. Nothing is overwritten unless you choose so.", n),
                          n);
  label = gtk_label_new (text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (self->conflicts_box, label);

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  label = gtk_label_new (_("For All Conflicts"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (header), label);
  dropdown = new_action_dropdown (self->on_conflict);
  gtk_widget_set_name (dropdown, "conflict-action-all");
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("For All Conflicts"), -1);
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_conflict_default_selected_cb),
                    self);
  gtk_box_append (GTK_BOX (header), dropdown);
  gtk_box_append (self->conflicts_box, header);

  for (guint i = 0; i < conflicts->len && i < SHOWN_CONFLICTS; i++)
    gtk_box_append (self->conflicts_box,
                    new_conflict_card (self, g_ptr_array_index (conflicts, i)));
  if (n > SHOWN_CONFLICTS)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("%u more conflict follows the choice "
                                                         "for all.",
                                                         "%u more conflicts follow the choice "
                                                         "for all.", n - SHOWN_CONFLICTS),
                                               n - SHOWN_CONFLICTS);

      label = gtk_label_new (more);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (self->conflicts_box, label);
    }
}

static void
append_problems (GtkStringList *list,
                 GPtrArray     *problems)
{
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = lg_import_problem_to_string (g_ptr_array_index (problems, i));

      gtk_string_list_append (list, line);
    }
}

static void
show_validation (LgImportWizard *self)
{
  GPtrArray *problems = lg_lead_import_get_problems (self->import);
  GPtrArray *repairs = lg_lead_import_get_repairs (self->import);
  g_autofree char *repaired = lg_lead_import_describe_repairs (self->import);
  g_autofree char *test_leads = lg_lead_import_describe_test_leads (self->import);
  const char *note = lg_lead_import_get_note (self->import);
  guint n_rows = lg_lead_import_get_n_rows (self->import);
  guint failed = lg_lead_import_get_failed (self->import);
  guint left_out = failed + lg_lead_import_get_test_leads (self->import);
  g_autofree char *title = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  gtk_string_list_splice (self->problems, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->problems)), NULL);
  append_problems (self->problems, problems);
  /* The rows read with a repair are imported; they follow the failed ones. */
  append_problems (self->problems, repairs);

  title = g_strdup_printf (ngettext ("%u of %u Row Ready to Import",
                                     "%u of %u Rows Ready to Import", n_rows),
                           n_rows - left_out, n_rows);
  if (failed == 0)
    g_string_append (text, _("Every row is valid."));
  else
    g_string_append_printf (text, ngettext ("%u row has problems and will not be imported. Fix "
                                            "the file and import it again, or import the others "
                                            "now and save the failed rows afterwards.",
                                            "%u rows have problems and will not be imported. Fix "
                                            "the file and import it again, or import the others "
                                            "now and save the failed rows afterwards.", failed),
                            failed);
  if (test_leads != NULL)
    g_string_append_printf (text, "\n%s", test_leads);
  if (note != NULL)
    g_string_append_printf (text, "\n%s", note);
  if (repaired != NULL)
    g_string_append_printf (text, "\n%s", repaired);
  gtk_label_set_label (self->validation_title, title);
  gtk_label_set_label (self->validation_label, text->str);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->problems_view)),
                          problems->len + repairs->len > 0);
  show_conflicts (self);
  show_step (self, "validation");
}

static void
on_validated_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LgImportWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  const char *step;

  set_busy (self, FALSE);
  if (!lg_lead_import_run_finish (LG_LEAD_IMPORT (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lg_widget_show_error (GTK_WIDGET (self->toast_overlay), error);
      return;
    }

  step = gtk_stack_get_visible_child_name (self->stack);
  if (g_str_equal (step, "mapping"))
    {
      clear_rows (self->labels_group, self->label_rows);
      add_label_rows (self, LG_CSV_FIELD_STAGE);
      add_label_rows (self, LG_CSV_FIELD_QUALIFICATION);
      show_step (self, has_unknown_labels (self) ? "labels" : "mode");
    }
  else
    show_validation (self);
}

static void
validate (LgImportWizard *self)
{
  replace_import (self);
  set_busy (self, TRUE);
  lg_lead_import_run_async (self->import, TRUE, self->cancellable, on_validated_cb,
                            g_object_ref (self));
}

/* Import */

static void
on_progress_cb (LgLeadImport   *import,
                double          fraction,
                LgImportWizard *self)
{
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
on_imported_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LgImportWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) save_error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *toast_text = NULL;
  LgLeadImport *import = LG_LEAD_IMPORT (object);

  g_signal_handlers_disconnect_by_func (import, on_progress_cb, self);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (!lg_lead_import_run_finish (import, result, &error))
    {
      show_step (self, "validation");
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay,
                                     adw_toast_new (_("Import cancelled; nothing was changed.")));
      else
        lg_widget_show_error (GTK_WIDGET (self->toast_overlay), error);
      return;
    }

  /* The worker wrote on its own connection: views refresh from here. */
  lg_store_notify_changed (self->store, LG_STORE_CHANGED_LEADS);
  if (!lg_csv_mapping_save (self->mapping, self->store, &save_error))
    g_warning ("%s", save_error->message);

  summary = g_strdup_printf (_("Created %u, updated %u, skipped %u (unchanged or not matching "
                               "the mode), failed %u, in conflict with a lead %u. You can undo "
                               "this import from Import History."),
                             lg_lead_import_get_created (import),
                             lg_lead_import_get_updated (import),
                             lg_lead_import_get_skipped (import),
                             lg_lead_import_get_failed (import),
                             lg_lead_import_get_conflicts (import));
  adw_status_page_set_description (self->summary_page, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->report_button), lg_lead_import_get_failed (import) > 0);
  show_step (self, "summary");

  toast_text = g_strdup_printf (_("Imported: %u new, %u updated leads"),
                                lg_lead_import_get_created (import),
                                lg_lead_import_get_updated (import));
  lg_window_toast (gtk_window_get_transient_for (GTK_WINDOW (self)), toast_text);
}

static void
start_import (LgImportWizard *self)
{
  replace_import (self);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  show_step (self, "progress");
  g_signal_connect (self->import, "progress", G_CALLBACK (on_progress_cb), self);
  lg_lead_import_run_async (self->import, FALSE, self->cancellable, on_imported_cb,
                            g_object_ref (self));
}

static void
on_cancel_button_clicked_cb (LgImportWizard *self)
{
  g_cancellable_cancel (self->cancellable);
}

static void
on_report_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               LgImportWizard  *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file == NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL || !lg_lead_import_write_error_report (self->import, path, &error))
    {
      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             _("Choose a folder on this computer for the report."));
      lg_widget_show_error (GTK_WIDGET (self->toast_overlay), error);
      return;
    }
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Error report saved")));
}

static void
on_report_button_clicked_cb (LgImportWizard *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *base = g_path_get_basename (self->path);
  g_autofree char *stem = g_strndup (base, strcspn (base, "."));
  g_autofree char *name = g_strdup_printf (_("%s-errors.csv"), stem);

  chooser = gtk_file_chooser_native_new (_("Save Error Report"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_report_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Navigation */

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LgImportWizard *self = LG_IMPORT_WIZARD (widget);
  const char *step = gtk_stack_get_visible_child_name (self->stack);

  if (g_str_equal (step, "preview"))
    {
      build_mapping_rows (self);
      show_step (self, "mapping");
    }
  else if (g_str_equal (step, "mapping"))
    validate (self); /* finds the unknown labels */
  else if (g_str_equal (step, "labels"))
    show_step (self, "mode");
  else if (g_str_equal (step, "mode"))
    validate (self);
  else if (g_str_equal (step, "validation"))
    start_import (self);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LgImportWizard *self = LG_IMPORT_WIZARD (widget);
  const char *step = gtk_stack_get_visible_child_name (self->stack);

  if (g_str_equal (step, "preview"))
    show_step (self, "file");
  else if (g_str_equal (step, "mapping"))
    show_step (self, "preview");
  else if (g_str_equal (step, "labels"))
    show_step (self, "mapping");
  else if (g_str_equal (step, "mode"))
    show_step (self, has_unknown_labels (self) ? "labels" : "mapping");
  else if (g_str_equal (step, "validation"))
    show_step (self, "mode");
}

/* Problems list */

static void
setup_problem_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_list_item_set_child (item, label);
}

static void
bind_problem_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  GtkStringObject *text = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       gtk_string_object_get_string (text));
}

static void
lg_import_wizard_dispose (GObject *object)
{
  LgImportWizard *self = LG_IMPORT_WIZARD (object);

  /* A running import stops when its window goes. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->check_cancellable != NULL)
    g_cancellable_cancel (self->check_cancellable);
  g_clear_handle_id (&self->sideways_idle, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), LG_TYPE_IMPORT_WIZARD);

  G_OBJECT_CLASS (lg_import_wizard_parent_class)->dispose (object);
}

static void
lg_import_wizard_finalize (GObject *object)
{
  LgImportWizard *self = LG_IMPORT_WIZARD (object);

  g_clear_object (&self->store);
  g_clear_object (&self->mapping);
  g_clear_object (&self->import);
  g_clear_object (&self->check);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->check_cancellable);
  g_clear_object (&self->problems);
  g_free (self->path);
  g_ptr_array_unref (self->preview);
  g_ptr_array_unref (self->mapping_rows);
  g_ptr_array_unref (self->label_rows);
  g_hash_table_unref (self->conflict_choices);

  G_OBJECT_CLASS (lg_import_wizard_parent_class)->finalize (object);
}

static void
lg_import_wizard_class_init (LgImportWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lg_import_wizard_dispose;
  object_class->finalize = lg_import_wizard_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadgram/Desktop/ui/lg-import-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, LgImportWizard, back_button);
  gtk_widget_class_bind_template_child (widget_class, LgImportWizard, next_button);
  gtk_widget_class_bind_template_child (widget_class, LgImportWizard, spinner);
  gtk_widget_class_bind_template_child (widget_class, LgImportWizard, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LgImportWizard, stack);
  gtk_widget_class_bind_template_child (widget_class, LgImportWizard, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, LgImportWizard, delimiter_row);
  gtk_widget_class_bind_template_child (widget_class, LgImportWizard, header_switch);
  gtk_widget_class_bind_template_child (widget_class, LgImportWizard, file_group);
  gtk_widget_class_bind_template_child (widget_class, LgImportWizard, note_label);
  gtk_widget_class_bind_template_child (widget_class, LgImportWizard, lead_form_label);
  gtk_widget_class_bind_template_child (widget_class, LgImportWizard, lead_form_group);
  gtk_widget_class_bind_template_child (widget_class, LgImportWizard, lead_form_row);
  gtk_widget_class_bind_template_child (widget_class, LgImportWizard, preview_group);
  gtk_widget_class_bind_template_child (widget_class, LgImportWizard, preview_window);
  gtk_widget_class_bind_template_child (widget_class, LgImportWizard, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, LgImportWizard, repairs_group);
  gtk_widget_class_bind_template_child (widget_class, LgImportWizard, repairs_label);
  gtk_widget_class_bind_template_child (widget_class, LgImportWizard, mapping_group);
  gtk_widget_class_bind_template_child (widget_class, LgImportWizard, notes_switch);
  gtk_widget_class_bind_template_child (widget_class, LgImportWizard, labels_group);
  gtk_widget_class_bind_template_child (widget_class, LgImportWizard, both_check);
  gtk_widget_class_bind_template_child (widget_class, LgImportWizard, create_check);
  gtk_widget_class_bind_template_child (widget_class, LgImportWizard, update_check);
  gtk_widget_class_bind_template_child (widget_class, LgImportWizard, validation_title);
  gtk_widget_class_bind_template_child (widget_class, LgImportWizard, validation_label);
  gtk_widget_class_bind_template_child (widget_class, LgImportWizard, problems_view);
  gtk_widget_class_bind_template_child (widget_class, LgImportWizard, conflicts_window);
  gtk_widget_class_bind_template_child (widget_class, LgImportWizard, conflicts_box);
  gtk_widget_class_bind_template_child (widget_class, LgImportWizard, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, LgImportWizard, summary_page);
  gtk_widget_class_bind_template_child (widget_class, LgImportWizard, report_button);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_format_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_notes_switch_active_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_report_button_clicked_cb);

  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lg_import_wizard_init (LgImportWizard *self)
{
  g_autoptr(GtkStringList) encoding_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) delimiter_names = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->preview = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  self->mapping_rows = g_ptr_array_new ();
  self->label_rows = g_ptr_array_new ();
  self->conflict_choices = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->problems = gtk_string_list_new (NULL);

  self->loading = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    gtk_string_list_append (encoding_names, lg_csv_encoding_get_label (encodings[i]));
  adw_combo_row_set_model (self->encoding_row, G_LIST_MODEL (encoding_names));
  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    gtk_string_list_append (delimiter_names, lg_csv_delimiter_get_label (delimiters[i]));
  adw_combo_row_set_model (self->delimiter_row, G_LIST_MODEL (delimiter_names));
  self->loading = FALSE;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_problem_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_problem_cb), NULL);
  gtk_list_view_set_factory (self->problems_view, factory);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->problems)));
  gtk_list_view_set_model (self->problems_view, GTK_SELECTION_MODEL (selection));
  g_signal_connect_swapped (gtk_scrolled_window_get_hadjustment (self->preview_window),
                            "changed", G_CALLBACK (on_preview_width_changed_cb), self);

  update_buttons (self);
}

LgImportWizard *
lg_import_wizard_new (GtkWindow *parent,
                      LgStore   *store)
{
  LgImportWizard *self;

  g_return_val_if_fail (LG_IS_STORE (store), NULL);

  self = g_object_new (LG_TYPE_IMPORT_WIZARD, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  return self;
}

const char *
lg_import_wizard_get_step (LgImportWizard *self)
{
  g_return_val_if_fail (LG_IS_IMPORT_WIZARD (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

LgLeadImport *
lg_import_wizard_get_import (LgImportWizard *self)
{
  g_return_val_if_fail (LG_IS_IMPORT_WIZARD (self), NULL);

  return self->import;
}

LgCsvMapping *
lg_import_wizard_get_mapping (LgImportWizard *self)
{
  g_return_val_if_fail (LG_IS_IMPORT_WIZARD (self), NULL);

  return self->mapping;
}

LgCsvEncoding
lg_import_wizard_get_encoding (LgImportWizard *self)
{
  g_return_val_if_fail (LG_IS_IMPORT_WIZARD (self), LG_CSV_ENCODING_AUTO);

  return encodings[adw_combo_row_get_selected (self->encoding_row)];
}

void
lg_import_wizard_set_encoding (LgImportWizard *self,
                               LgCsvEncoding   encoding)
{
  g_return_if_fail (LG_IS_IMPORT_WIZARD (self));

  adw_combo_row_set_selected (self->encoding_row, index_of_encoding (encoding));
}

void
lg_import_wizard_set_delimiter (LgImportWizard *self,
                                char            delimiter)
{
  g_return_if_fail (LG_IS_IMPORT_WIZARD (self));

  adw_combo_row_set_selected (self->delimiter_row, index_of_delimiter (delimiter));
}
