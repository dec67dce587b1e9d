/* lg-lead-detail.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The side pane of the board: one lead's fields (edited in place, checked as
 * typed, saved on Enter or when the field loses focus, never when invalid),
 * where it came from, its scores and why, notes (saved as they are typed),
 * follow-ups and timeline. Over a thousand lines because each section is small
 * but there are many; they share the shown lead and its save path.
 */

#define G_LOG_DOMAIN "lg-lead-detail"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "lg-format.h"
#include "lg-lead-detail.h"
#include "lg-lead-form.h"
#include "lg-score-result.h"
#include "lg-followup-dialog.h"
#include "lg-date-format.h"
#include "lg-lead-validate.h"
#include "lg-metrics-format.h"
#include "lg-outreach.h"
#include "lg-reach-out-dialog.h"
#include "lg-score-band.h"
#include "lg-ui-util.h"

struct _LgLeadDetail
{
  GtkWidget       parent_instance;

  LgStore        *store;
  LgLead         *lead;     /* as stored */
  gint64          lead_id;  /* shown or being read */
  GCancellable   *cancellable; /* the read in flight */
  GArray         *source_ids; /* gint64, parallel to source_row's model */
  GStrv           owners;     /* parallel to owner_row's model; "" for nobody */
  gboolean        loading;  /* filling the fields: not an edit */
  guint           notes_timeout; /* saves the notes once typing pauses */

  AdwWindowTitle *title;
  GtkSpinner     *spinner;
  GtkWidget      *content;
  GtkMenuButton  *move_button;
  GtkButton      *contacted_button;
  GtkLabel       *waiting_label;
  AdwEntryRow    *name_row;
  AdwEntryRow    *handle_row;
  AdwEntryRow    *email_row;
  AdwEntryRow    *phone_row;
  AdwEntryRow    *company_row;
  GtkLabel       *error_label;
  char           *conflict;  /* said once the stored lead is shown again */
  AdwEntryRow    *value_row;
  AdwEntryRow    *currency_row;
  AdwComboRow    *qualification_row;
  AdwComboRow    *source_row;
  AdwComboRow    *owner_row;
  AdwActionRow   *external_id_row;
  GtkListBox     *score_list;
  GtkListBox     *predictive_list;
  GtkListBox     *message_list;
  GtkTextView    *notes_view;
  GtkLabel       *notes_state;
  GtkListBox     *followup_list;
  AdwExpanderRow *stay_row;
  GtkSpinButton  *stay_spin;
  GtkListBox     *timeline_list;
};

G_DEFINE_FINAL_TYPE (LgLeadDetail, lg_lead_detail, GTK_TYPE_WIDGET)

enum {
  LEAD_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char * const qualifications[] = { "unqualified", "mql", "sql", "pql" };

LgLeadDetail *
lg_lead_detail_new (void)
{
  return g_object_new (LG_TYPE_LEAD_DETAIL, NULL);
}

gint64
lg_lead_detail_get_lead_id (LgLeadDetail *self)
{
  g_return_val_if_fail (LG_IS_LEAD_DETAIL (self), 0);

  return self->lead_id;
}

static void
show_error (LgLeadDetail *self,
            GError       *error)
{
  if (!lg_widget_show_error (GTK_WIDGET (self), error))
    g_warning ("%s", error->message);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static GtkWidget *
add_row (GtkListBox *list,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_list_box_append (list, row);
  return row;
}

static void
add_suffix_label (GtkWidget  *row,
                  const char *text,
                  const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
}

static char *
format_time (gint64 at)
{
  return lg_format_when (at, g_get_real_time () / G_USEC_PER_SEC, NULL);
}

/* The field being edited: its row and how it is checked and written. */
typedef enum
{
  FIELD_NAME,
  FIELD_HANDLE,
  FIELD_EMAIL,
  FIELD_PHONE,
  FIELD_COMPANY,
  FIELD_VALUE,
  FIELD_CURRENCY,
} Field;

static AdwEntryRow *
field_row (LgLeadDetail *self,
           Field         field)
{
  AdwEntryRow *rows[] = { self->name_row, self->handle_row, self->email_row, self->phone_row,
                          self->company_row, self->value_row, self->currency_row };

  return rows[field];
}

/* Checks a field's text; the message says what to write instead. */
static gboolean
check_field (Field        field,
             const char  *text,
             GError     **error)
{
  g_autofree char *normalized = NULL;
  gint64 minor;

  switch (field)
    {
    case FIELD_EMAIL:
      return lg_lead_validate_email (text, &normalized, error);
    case FIELD_PHONE:
      return lg_lead_validate_phone (text, &normalized, error);
    case FIELD_HANDLE:
      return lg_lead_validate_handle (text, &normalized, error);
    case FIELD_CURRENCY:
      return lg_lead_validate_currency (text, &normalized, error);
    case FIELD_VALUE:
      return lg_lead_validate_value (text, &minor, error);
    case FIELD_NAME:
    case FIELD_COMPANY:
    default:
      return TRUE;
    }
}

/* Marks the row and shows the message under the contact fields. */
static gboolean
show_field_state (LgLeadDetail *self,
                  Field         field)
{
  AdwEntryRow *row = field_row (self, field);
  g_autoptr(GError) error = NULL;
  gboolean valid = check_field (field, gtk_editable_get_text (GTK_EDITABLE (row)), &error);

  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");

  /* One message at a time: the last field checked. */
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), !valid);
  if (!valid)
    gtk_label_set_label (self->error_label, error->message);
  return valid;
}

static LgLead *
copy_lead (LgLead *lead)
{
  LgLead *copy = lg_lead_new ();
  static const char *fields[] = { "id", "name", "telegram-handle", "telegram-id", "email",
                                  "phone", "company", "stage", "qualification", "value",
                                  "currency", "score", "source-id", "message-id", "notes",
                                  "furthest-stage" };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      g_object_get_property (G_OBJECT (lead), fields[i], &value);
      g_object_set_property (G_OBJECT (copy), fields[i], &value);
    }
  return copy;
}

/* The board updates the lead's card on ::lead-changed, then everyone hears
 * of the change from the store; once per table, since the board takes each
 * "changed" after a ::lead-changed as already shown. */
/* Of lead_id: the pane may show another lead by the time a write lands. */
static void
announce_change_of (LgLeadDetail   *self,
                    gint64          lead_id,
                    LgStoreChanges  changes)
{
  if (self->store == NULL)
    return;
  g_signal_emit (self, signals[LEAD_CHANGED], 0, lead_id);
  lg_store_notify_changed (self->store, changes);
}

/* A touch or a stay-in-touch rule also moves the lead's follow-ups. */
static void
announce_touch (LgLeadDetail *self,
                gint64        lead_id)
{
  announce_change_of (self, lead_id, LG_STORE_CHANGED_LEADS);
  announce_change_of (self, lead_id, LG_STORE_CHANGED_FOLLOWUPS);
}

/* An edit as the worker writes it. */
typedef struct
{
  LgLead   *base;   /* as the pane showed it before the edit */
  LgLead   *edited;
  guint     changed;
  gboolean  notes;
} SaveWrite;

static void
save_write_free (gpointer data)
{
  SaveWrite *save = data;

  g_object_unref (save->base);
  g_object_unref (save->edited);
  g_free (save);
}

static gboolean
write_save (LgStore  *store,
            gpointer  data,
            GError  **error)
{
  SaveWrite *save = data;

  return lg_store_update_lead (store, save->base, save->edited, "edit", &save->changed, error);
}

/* The lead's properties the rows show, by Field. */
static const char * const field_properties[] = { "name", "telegram-handle", "email", "phone",
                                                 "company", "value", "currency" };

/* A save that failed for want of the server (not for a colleague's change)
 * leaves what was typed on screen, and the pane's lead goes back to what is
 * stored: a re-read meanwhile then finds those fields unsaved and keeps
 * them, for the user to save again once the server is back. */
static void
keep_unsaved (LgLeadDetail *self,
              SaveWrite    *save)
{
  const char *properties[G_N_ELEMENTS (field_properties) + 1];

  memcpy (properties, field_properties, sizeof field_properties);
  properties[G_N_ELEMENTS (field_properties)] = "notes";
  for (guint i = 0; i < G_N_ELEMENTS (properties); i++)
    {
      g_auto(GValue) was = G_VALUE_INIT;
      g_auto(GValue) edited = G_VALUE_INIT;
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (save->base),
                                                        properties[i]);

      g_object_get_property (G_OBJECT (save->base), properties[i], &was);
      g_object_get_property (G_OBJECT (save->edited), properties[i], &edited);
      if (g_param_values_cmp (pspec, &was, &edited) != 0)
        g_object_set_property (G_OBJECT (self->lead), properties[i], &was);
    }
}

static void
on_saved (GtkWidget    *widget,
          gpointer      data,
          const GError *error)
{
  LgLeadDetail *self = LG_LEAD_DETAIL (widget);
  SaveWrite *save = data;
  gboolean shown = self->lead != NULL &&
                   lg_lead_get_id (self->lead) == lg_lead_get_id (save->edited);

  if (error != NULL)
    {
      if (!shown)
        lg_widget_show_error (widget, error);
      else if (g_error_matches (error, LG_STORE_ERROR, LG_STORE_ERROR_CONFLICT))
        {
          /* What is stored replaces the refused edit on screen, and the
           * message stays above it. */
          g_free (self->conflict);
          self->conflict = g_strdup (error->message);
          lg_lead_detail_show_lead (self, lg_lead_get_id (save->edited));
        }
      else
        {
          keep_unsaved (self, save);
          gtk_label_set_label (self->error_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
        }
      return;
    }
  if (save->notes && shown)
    gtk_label_set_label (self->notes_state, _("Saved"));
  if (save->changed > 0)
    announce_change_of (self, lg_lead_get_id (save->edited), LG_STORE_CHANGED_LEADS);
}

/* Writes edited over the stored lead, off the main thread; says why not when
 * it cannot. The pane takes edited as its lead at once: the next edit, made
 * before this one lands and the store's re-read arrives, builds on it and
 * does not write the old value back. The worker gets a copy of its own. */
static void
save (LgLeadDetail *self,
      LgLead       *edited,
      gboolean      notes)
{
  SaveWrite *write = g_new0 (SaveWrite, 1);

  write->base = copy_lead (self->lead);
  write->edited = copy_lead (edited);
  write->notes = notes;
  g_set_object (&self->lead, edited);
  lg_widget_write (GTK_WIDGET (self), self->store, 0, write_save, write, save_write_free,
                   on_saved);
}

static void
save_field (LgLeadDetail *self,
            Field         field)
{
  g_autoptr(LgLead) edited = NULL;
  const char *text;
  gint64 minor = 0;

  if (self->lead == NULL || self->loading || !show_field_state (self, field))
    return;

  text = gtk_editable_get_text (GTK_EDITABLE (field_row (self, field)));
  edited = copy_lead (self->lead);
  switch (field)
    {
    case FIELD_NAME:
      lg_lead_set_name (edited, text);
      break;
    case FIELD_HANDLE:
      lg_lead_set_telegram_handle (edited, text);
      break;
    case FIELD_EMAIL:
      lg_lead_set_email (edited, text);
      break;
    case FIELD_PHONE:
      lg_lead_set_phone (edited, text);
      break;
    case FIELD_COMPANY:
      lg_lead_set_company (edited, text);
      break;
    case FIELD_VALUE:
      lg_lead_validate_value (text, &minor, NULL);
      lg_lead_set_value (edited, minor);
      break;
    case FIELD_CURRENCY:
    default:
      lg_lead_set_currency (edited, text);
      break;
    }
  save (self, edited, FALSE);
}

static Field
row_field (LgLeadDetail *self,
           AdwEntryRow  *row)
{
  for (Field f = FIELD_NAME; f <= FIELD_CURRENCY; f++)
    if (field_row (self, f) == row)
      return f;
  g_return_val_if_reached (FIELD_NAME);
}

static void
on_row_changed_cb (AdwEntryRow  *row,
                   LgLeadDetail *self)
{
  if (!self->loading)
    show_field_state (self, row_field (self, row));
}

static void
on_row_activated_cb (AdwEntryRow  *row,
                     LgLeadDetail *self)
{
  save_field (self, row_field (self, row));
}

static void
on_row_focus_leave_cb (GtkEventControllerFocus *controller,
                       LgLeadDetail            *self)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  save_field (self, row_field (self, ADW_ENTRY_ROW (row)));
}

static void
on_qualification_selected_cb (AdwComboRow  *row,
                              GParamSpec   *pspec,
                              LgLeadDetail *self)
{
  g_autoptr(LgLead) edited = NULL;
  guint selected = adw_combo_row_get_selected (row);

  if (self->lead == NULL || self->loading || selected >= G_N_ELEMENTS (qualifications))
    return;

  edited = copy_lead (self->lead);
  lg_lead_set_qualification (edited, qualifications[selected]);
  save (self, edited, FALSE);
}

static void
on_source_selected_cb (AdwComboRow  *row,
                       GParamSpec   *pspec,
                       LgLeadDetail *self)
{
  g_autoptr(LgLead) edited = NULL;
  guint selected = adw_combo_row_get_selected (row);

  if (self->lead == NULL || self->loading || selected >= self->source_ids->len)
    return;

  edited = copy_lead (self->lead);
  lg_lead_set_source_id (edited, g_array_index (self->source_ids, gint64, selected));
  save (self, edited, FALSE);
}

static void
save_notes (LgLeadDetail *self)
{
  g_autoptr(LgLead) edited = NULL;
  g_autofree char *notes = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  g_clear_handle_id (&self->notes_timeout, g_source_remove);
  if (self->lead == NULL || self->store == NULL)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (notes, lg_lead_get_notes (self->lead) ? lg_lead_get_notes (self->lead) : "") == 0)
    return;
  edited = copy_lead (self->lead);
  lg_lead_set_notes (edited, notes);
  save (self, edited, TRUE);
}

/* Writes notes still waiting for a pause in typing, before the pane shows
 * another lead or goes. */
static void
flush_notes (LgLeadDetail *self)
{
  if (self->notes_timeout != 0)
    save_notes (self);
}

static gboolean
on_notes_timeout_cb (gpointer user_data)
{
  LgLeadDetail *self = user_data;

  self->notes_timeout = 0;
  save_notes (self);
  return G_SOURCE_REMOVE;
}

static void
on_notes_changed_cb (GtkTextBuffer *buffer,
                     LgLeadDetail  *self)
{
  if (self->loading || self->lead == NULL)
    return;

  gtk_label_set_label (self->notes_state, "");
  g_clear_handle_id (&self->notes_timeout, g_source_remove);
  self->notes_timeout = g_timeout_add_seconds (1, on_notes_timeout_cb, self);
}

static void
on_notes_focus_leave_cb (GtkEventControllerFocus *controller,
                         LgLeadDetail            *self)
{
  flush_notes (self);
}

/* A hand-over, as the worker writes it. */
typedef struct
{
  gint64  lead_id;
  char   *owner;
} OwnerWrite;

static void
owner_write_free (gpointer data)
{
  OwnerWrite *write = data;

  g_free (write->owner);
  g_free (write);
}

static gboolean
write_owner (LgStore  *store,
             gpointer  data,
             GError  **error)
{
  OwnerWrite *write = data;

  return lg_store_set_lead_owner (store, write->lead_id, write->owner, error);
}

static void
on_handed_over (GtkWidget    *widget,
                gpointer      data,
                const GError *error)
{
  if (error != NULL)
    lg_widget_show_error (widget, error);
  else
    /* Whose follow-ups ring where changes with it. */
    announce_change_of (LG_LEAD_DETAIL (widget), ((OwnerWrite *) data)->lead_id,
                        LG_STORE_CHANGED_LEADS | LG_STORE_CHANGED_FOLLOWUPS);
}

static void
on_owner_selected_cb (AdwComboRow  *row,
                      GParamSpec   *pspec,
                      LgLeadDetail *self)
{
  guint selected = adw_combo_row_get_selected (row);
  OwnerWrite *write;

  if (self->lead == NULL || self->loading || self->owners == NULL ||
      selected >= g_strv_length (self->owners) ||
      g_strcmp0 (self->owners[selected], lg_lead_get_owner (self->lead) != NULL
                                         ? lg_lead_get_owner (self->lead) : "") == 0)
    return;
  write = g_new0 (OwnerWrite, 1);
  write->lead_id = lg_lead_get_id (self->lead);
  write->owner = g_strdup (self->owners[selected]);
  lg_lead_set_owner (self->lead, *write->owner != '\0' ? write->owner : NULL);
  lg_widget_write (GTK_WIDGET (self), self->store, 0, write_owner, write, owner_write_free,
                   on_handed_over);
}

static void
on_reach_out_button_clicked_cb (LgLeadDetail *self)
{
  if (self->lead != NULL && self->store != NULL)
    lg_reach_out_dialog_show (GTK_WIDGET (self), self->store, lg_lead_get_id (self->lead));
}

/* "Mark contacted" or a stay-in-touch period, as the worker writes it:
 * at is the touch's time, or 0 for the period days. */
typedef struct
{
  gint64 lead_id;
  gint64 at;
  guint  days;
} TouchWrite;

static gboolean
write_touch (LgStore  *store,
             gpointer  data,
             GError  **error)
{
  TouchWrite *touch = data;

  if (touch->at != 0)
    return lg_store_log_touch (store, touch->lead_id, touch->at, NULL, error);
  return lg_store_set_stay_in_touch (store, touch->lead_id, touch->days, NULL, error);
}

static void
on_touched (GtkWidget    *widget,
            gpointer      data,
            const GError *error)
{
  if (error != NULL)
    lg_widget_show_error (widget, error);
  else
    announce_touch (LG_LEAD_DETAIL (widget), ((TouchWrite *) data)->lead_id);
}

static void
write_touch_of (LgLeadDetail *self,
                gint64        at,
                guint         days)
{
  TouchWrite *touch = g_new0 (TouchWrite, 1);

  touch->lead_id = lg_lead_get_id (self->lead);
  touch->at = at;
  touch->days = days;
  lg_widget_write (GTK_WIDGET (self), self->store, 0, write_touch, touch, g_free, on_touched);
}

static void
on_contacted_button_clicked_cb (LgLeadDetail *self)
{
  if (self->lead != NULL)
    write_touch_of (self, g_get_real_time () / G_USEC_PER_SEC, 0);
}

/* "Stay in touch" is a switch, and a period while it is on. */
static void
update_stay_in_touch (LgLeadDetail *self)
{
  guint days = adw_expander_row_get_enable_expansion (self->stay_row)
               ? (guint) gtk_spin_button_get_value_as_int (self->stay_spin) : 0;

  if (self->lead == NULL || self->loading || days == lg_lead_get_stay_in_touch_days (self->lead))
    return;

  /* Taken at once, as an edit is: a second change before this one lands
   * compares with it. */
  lg_lead_set_stay_in_touch_days (self->lead, days);
  write_touch_of (self, 0, days);
}

static void
on_stay_spin_value_changed_cb (GtkSpinButton *spin,
                               LgLeadDetail  *self)
{
  update_stay_in_touch (self);
}

static void
on_stay_enabled_cb (LgLeadDetail *self)
{
  update_stay_in_touch (self);
}

/* The board schedules (and shows the new next step on the card at once). */
static void
on_schedule_button_clicked_cb (LgLeadDetail *self)
{
  if (self->lead != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "pipeline.schedule-followup", "x",
                                lg_lead_get_id (self->lead));
}

static void
on_followup_done_clicked_cb (GtkButton    *button,
                             LgLeadDetail *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "followup-id"));

  if (self->store != NULL)
    lg_followup_dialog_complete (GTK_WIDGET (self), self->store, id, NULL);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LgLeadDetail *self = LG_LEAD_DETAIL (widget);

  if (self->lead != NULL)
    gtk_widget_activate_action (widget, "pipeline.delete-lead", "x", lg_lead_get_id (self->lead));
}

static void
move_to_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LgLeadDetail *self = LG_LEAD_DETAIL (widget);

  if (self->lead != NULL)
    gtk_widget_activate_action (widget, "pipeline.move-lead", "(xs)",
                                lg_lead_get_id (self->lead),
                                g_variant_get_string (parameter, NULL));
}

/* Sets a row's text from the store unless the user has typed something
 * else there that is not saved yet; FALSE then. Without a lead before (the
 * pane's first read) there is nothing typed; an empty field is "". */
static gboolean
sync_row (AdwEntryRow *row,
          gboolean     shown,
          const char  *before,
          const char  *after)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  gboolean synced = !shown || g_strcmp0 (text, before != NULL ? before : "") == 0;

  if (synced)
    gtk_editable_set_text (GTK_EDITABLE (row), after != NULL ? after : "");
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  return synced;
}

/* A field as its row shows it (an amount formatted, 0 as nothing); NULL
 * without a lead. */
static char *
field_text (LgLead *lead,
            Field   field)
{
  char *text = NULL;
  gint64 value;

  if (lead == NULL)
    return NULL;
  if (field != FIELD_VALUE)
    {
      g_object_get (lead, field_properties[field], &text, NULL);
      return text;
    }
  value = lg_lead_get_value (lead);
  return value != 0 ? lg_format_amount (value) : g_strdup ("");
}

static void
fill_sources (LgLeadDetail *self,
              LgLead       *lead,
              GListModel   *sources)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *no_source = lg_lead_dup_no_source_label (lead);
  gint64 none = 0;
  guint selected = 0;

  g_array_set_size (self->source_ids, 0);
  gtk_string_list_append (names, no_source);
  g_array_append_val (self->source_ids, none);

  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(LgSource) source = g_list_model_get_item (sources, i);
      gint64 id = lg_source_get_id (source);

      gtk_string_list_append (names, lg_source_get_title (source) && *lg_source_get_title (source)
                                     ? lg_source_get_title (source) : lg_source_get_handle (source));
      g_array_append_val (self->source_ids, id);
      if (id == lg_lead_get_source_id (lead))
        selected = self->source_ids->len - 1;
    }

  adw_combo_row_set_model (self->source_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->source_row, selected);
}

/* Who looks after the lead, in a team workspace: nobody, or one of the
 * people who work in it (the user among them, even before their first
 * lead). Hidden in a personal one. */
static void
fill_owners (LgLeadDetail  *self,
             LgLead        *lead,
             char         **people)
{
  g_autoptr(GStrvBuilder) owners = g_strv_builder_new ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const char *me = lg_store_get_person ();
  const char *owner = lg_lead_get_owner (lead) != NULL ? lg_lead_get_owner (lead) : "";
  guint selected = 0;
  guint n = 1;

  gtk_widget_set_visible (GTK_WIDGET (self->owner_row), people != NULL);
  if (people == NULL)
    return;
  g_strv_builder_add (owners, "");
  gtk_string_list_append (names, C_("owner", "Nobody"));
  if (!g_strv_contains ((const char * const *) people, me))
    {
      g_strv_builder_add (owners, me);
      gtk_string_list_append (names, me);
      selected = g_str_equal (owner, me) ? n : selected;
      n++;
    }
  for (guint i = 0; people[i] != NULL; i++, n++)
    {
      g_strv_builder_add (owners, people[i]);
      gtk_string_list_append (names, people[i]);
      if (g_str_equal (owner, people[i]))
        selected = n;
    }
  g_strfreev (self->owners);
  self->owners = g_strv_builder_end (owners);
  adw_combo_row_set_model (self->owner_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->owner_row, selected);
}

/* The ad platform's lead id, read only: the next download of the same
 * leads finds the lead by it. */
static void
fill_external_id (LgLeadDetail *self,
                  LgLead       *lead)
{
  const char *external_id = lg_lead_get_external_id (lead);
  g_autofree char *title = NULL;
  const char *value = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->external_id_row), external_id != NULL);
  if (external_id == NULL)
    return;
  title = lg_lead_form_describe_id (external_id, &value);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->external_id_row), title);
  adw_action_row_set_subtitle (self->external_id_row, value);
}

static void
fill_fields (LgLeadDetail *self,
             LgLead       *lead,
             GListModel   *sources)
{
  LgLead *before = self->lead;
  g_autofree char *name = lg_lead_dup_display_name (lead);
  LgStage stage = lg_stage_from_id (lg_lead_get_stage (lead));
  GtkTextBuffer *notes = gtk_text_view_get_buffer (self->notes_view);
  g_autofree char *waiting = lg_outreach_describe_waiting (lead,
                                                           g_get_real_time () / G_USEC_PER_SEC,
                                                           NULL);

  adw_window_title_set_title (self->title, name);
  gtk_label_set_label (self->waiting_label, waiting != NULL ? waiting : "");
  gtk_widget_set_visible (GTK_WIDGET (self->waiting_label), waiting != NULL);
  /* In a shared workspace, whose lead it is. */
  if (lg_lead_get_owner (lead) != NULL && self->store != NULL &&
      lg_store_is_team_address (lg_store_get_path (self->store)))
    {
      /* TRANSLATORS: a lead's stage, and the person who looks after it */
      g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), lg_stage_label (stage),
                                                   lg_lead_get_owner (lead));

      adw_window_title_set_subtitle (self->title, subtitle);
    }
  else
    adw_window_title_set_subtitle (self->title, lg_stage_label (stage));

  /* A field the person is still typing in keeps, as the base of their
   * edit, the value they started from: their save then meets a colleague's
   * change of it meanwhile (refused, with the fresh value) instead of
   * replacing it unseen. lead becomes the pane's lead after this. */
  for (Field f = FIELD_NAME; f <= FIELD_CURRENCY; f++)
    {
      g_autofree char *was = field_text (before, f);
      g_autofree char *now = field_text (lead, f);

      if (!sync_row (field_row (self, f), before != NULL, was, now))
        {
          g_auto(GValue) value = G_VALUE_INIT;

          g_object_get_property (G_OBJECT (before), field_properties[f], &value);
          g_object_set_property (G_OBJECT (lead), field_properties[f], &value);
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), self->conflict != NULL);
  if (self->conflict != NULL)
    gtk_label_set_label (self->error_label, self->conflict);
  g_clear_pointer (&self->conflict, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (qualifications); i++)
    if (g_strcmp0 (qualifications[i], lg_lead_get_qualification (lead)) == 0)
      adw_combo_row_set_selected (self->qualification_row, i);
  fill_sources (self, lead, sources);
  fill_external_id (self, lead);

  if (before == NULL || g_strcmp0 (lg_lead_get_notes (before), lg_lead_get_notes (lead)) != 0)
    gtk_text_buffer_set_text (notes, lg_lead_get_notes (lead) ? lg_lead_get_notes (lead) : "", -1);
}

/* The match's breakdown as rows, as the result's popover shows it: where a
 * neutral message starts, then each signal, its points and its evidence, in
 * the user's language. A breakdown of another shape shows nothing. */
static void
fill_breakdown (GtkListBox *list,
                const char *breakdown)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *object;

  if (breakdown == NULL || !json_parser_load_from_data (parser, breakdown, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;

  object = json_node_get_object (json_parser_get_root (parser));
  /* Kept before the breakdown added up (2026-12), without a base. */
  if (json_object_has_member (object, "base"))
    {
      int points = json_object_get_int_member (object, "base");
      g_autofree char *base = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d point",
                                                            "%d points", points), points);

      add_row (list, _("Starting point"), base);
    }
  for (guint i = 0; i < LG_N_SIGNALS; i++)
    {
      JsonNode *node = json_object_get_member (object, lg_signal_get_id (i));
      JsonObject *signal;
      JsonArray *evidence = NULL;
      g_autoptr(GString) text = g_string_new (NULL);
      int points;

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        continue;
      signal = json_node_get_object (node);
      if (!json_object_has_member (signal, "contribution"))
        continue;
      points = json_object_get_int_member (signal, "contribution");
      /* Translators: points a signal adds to or takes from a score, e.g. "+23 points" */
      g_string_printf (text, g_dngettext (GETTEXT_PACKAGE, "%+d point", "%+d points", ABS (points)),
                       points);
      node = json_object_get_member (signal, "evidence");
      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        evidence = json_node_get_array (node);
      for (guint e = 0; evidence != NULL && e < json_array_get_length (evidence); e++)
        {
          const char *word = json_array_get_string_element (evidence, e);

          if (word == NULL)
            continue;
          /* Translators: before the first word that triggered a signal */
          g_string_append (text, e == 0 ? _(" · ") : _(", "));
          g_string_append (text, word);
        }
      add_row (list, lg_signal_get_label (i), text->str);
    }
}

static void
fill_origin (LgLeadDetail       *self,
             LgLead             *lead,
             const LgLeadOrigin *origin)
{
  GtkWidget *row;

  clear_list (self->score_list);
  clear_list (self->message_list);

  row = add_row (self->score_list, _("Lead score when found"),
                 origin->reason != NULL && *origin->reason != '\0'
                 ? origin->reason : lg_lead_get_score (lead) >= 0
                 ? _("From the search that found the lead")
                 : _("No score: the lead was not found by a search"));
  if (lg_lead_get_score (lead) >= 0)
    {
      g_autofree char *score = g_strdup_printf ("%d", lg_lead_get_score (lead));
      GtkWidget *badge = gtk_label_new (score);

      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (badge, "score-badge");
      gtk_widget_add_css_class (badge, lg_score_band_id (lg_score_band (lg_lead_get_score (lead))));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
    }
  fill_breakdown (self->score_list, origin->breakdown);

  if (origin->message == NULL)
    add_row (self->message_list, _("No message"), _("This lead was not found in a conversation."));
  else
    {
      g_autofree char *when = format_time (lg_message_get_sent_at (origin->message));
      g_autofree char *author = g_strdup_printf ("%s · %s",
                                                 lg_message_get_author_name (origin->message)
                                                 ? lg_message_get_author_name (origin->message)
                                                 : _("Unknown author"), when);

      row = add_row (self->message_list, author, lg_message_get_text (origin->message));
      if (lg_message_get_permalink (origin->message) != NULL)
        {
          GtkWidget *link = gtk_link_button_new_with_label (lg_message_get_permalink (origin->message),
                                                            _("Open"));

          gtk_widget_set_valign (link, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (link, lg_message_get_permalink (origin->message));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), link);
        }
    }
}

static const char *
factor_value_label (LgLeadDetail       *self,
                    LgPredictiveFactor *factor,
                    LgLead             *lead)
{
  const char *value = factor->value;

  switch (factor->field)
    {
    case LG_PREDICTIVE_SOURCE:
      if (g_strcmp0 (value, "none") == 0)
        return _("No source");
      return lg_lead_get_source_title (lead) ? lg_lead_get_source_title (lead) : value;
    case LG_PREDICTIVE_STAGE:
      return lg_stage_label (lg_stage_from_id (value));
    case LG_PREDICTIVE_QUALIFICATION:
      return lg_qualification_label (value);
    case LG_PREDICTIVE_HAS_EMAIL:
    case LG_PREDICTIVE_HAS_PHONE:
      return g_strcmp0 (value, "yes") == 0 ? _("Yes") : _("No");
    case LG_PREDICTIVE_INTENT:
      if (g_strcmp0 (value, "act") == 0)
        return _("Act now");
      if (g_strcmp0 (value, "look") == 0)
        return _("Worth a look");
      if (g_strcmp0 (value, "weak") == 0)
        return _("Weak");
      return _("None");
    case LG_PREDICTIVE_N_FIELDS:
    default:
      return value;
    }
}

static void
fill_prediction (LgLeadDetail *self,
                 LgLead       *lead,
                 LgPrediction *prediction)
{
  g_autofree char *percent = NULL;
  g_autofree char *history = NULL;
  GtkWidget *row;

  clear_list (self->predictive_list);

  if (prediction->fallback)
    {
      history = g_strdup_printf (_("Not enough history yet: %u won and %u lost leads. The model "
                                   "needs at least %d closed leads, some won and some lost; until "
                                   "then the rule-based score stands in."),
                                 prediction->n_won, prediction->n_lost, LG_PREDICTIVE_MIN_CLOSED);
      /* No figure until the model has learnt one: the rule-based score beside
       * "not enough history" read as a prediction. */
      add_row (self->predictive_list, _("Win probability"), history);
      return;
    }

  history = g_strdup_printf (_("Learned from your %u won and %u lost leads"),
                             prediction->n_won, prediction->n_lost);
  row = add_row (self->predictive_list, _("Win probability"), history);
  percent = g_strdup_printf ("%d %%", prediction->probability);
  add_suffix_label (row, percent, "title-3");

  for (guint i = 0; i < prediction->factors->len; i++)
    {
      LgPredictiveFactor *factor = g_ptr_array_index (prediction->factors, i);
      g_autofree char *title = g_strdup_printf ("%s: %s", lg_predictive_field_label (factor->field),
                                                factor_value_label (self, factor, lead));
      g_autofree char *delta = g_strdup_printf (_("%+.1f points"), factor->delta);
      g_autofree char *why = g_strdup_printf (factor->ratio >= 1
                                              ? _("%.1f× as common among won leads as lost ones")
                                              : _("%.1f× as common among lost leads as won ones"),
                                              factor->ratio >= 1 ? factor->ratio
                                                                 : 1 / factor->ratio);

      row = add_row (self->predictive_list, title, why);
      add_suffix_label (row, delta, factor->delta > 0.05 ? "success"
                                    : factor->delta < -0.05 ? "error" : "dim-label");
    }
}

static void
fill_followups (LgLeadDetail *self,
                LgLead       *lead,
                GListModel   *followups)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  GtkWidget *row;

  clear_list (self->followup_list);

  if (g_list_model_get_n_items (followups) == 0)
    {
      gboolean closed = lg_stage_is_closed (lg_stage_from_id (lg_lead_get_stage (lead)));

      row = add_row (self->followup_list, closed ? _("No follow-ups") : _("No next step"),
                     closed ? NULL : _("Nothing is scheduled for this lead."));
      if (!closed)
        gtk_widget_add_css_class (row, "warning");
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (followups); i++)
    {
      g_autoptr(LgFollowup) followup = g_list_model_get_item (followups, i);
      gint64 due = MAX (lg_followup_get_due_at (followup), lg_followup_get_snoozed_until (followup));
      g_autofree char *when = format_time (due);
      const char *state;
      const char *css = NULL;

      if (lg_followup_get_done_at (followup) > 0)
        state = _("Done");
      else
        switch (lg_due_state (due, now))
          {
          case LG_DUE_OVERDUE:
            state = _("Overdue");
            css = "error";
            break;
          case LG_DUE_TODAY:
            state = _("Today");
            css = "accent";
            break;
          case LG_DUE_LATER:
          case LG_DUE_NONE:
          default:
            state = _("Scheduled");
            break;
          }

      row = add_row (self->followup_list, when, lg_followup_get_note (followup));
      add_suffix_label (row, state, css);
      if (lg_followup_get_done_at (followup) == 0)
        {
          GtkWidget *done = gtk_button_new_from_icon_name ("object-select-symbolic");

          gtk_widget_set_valign (done, GTK_ALIGN_CENTER);
          lg_widget_set_name (done, _("Done"));
          gtk_widget_add_css_class (done, "flat");
          /* Row ids fit a pointer on every platform GTK 4 runs on. */
          g_object_set_data (G_OBJECT (done), "followup-id",
                             GSIZE_TO_POINTER ((gsize) lg_followup_get_id (followup)));
          g_signal_connect (done, "clicked", G_CALLBACK (on_followup_done_clicked_cb), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), done);
        }
    }
}

static void
fill_timeline (LgLeadDetail *self,
               GListModel   *activities)
{
  clear_list (self->timeline_list);

  for (guint i = 0; i < g_list_model_get_n_items (activities); i++)
    {
      g_autoptr(LgActivity) activity = g_list_model_get_item (activities, i);
      g_autofree char *what = lg_activity_describe (activity);
      g_autofree char *when = format_time (lg_activity_get_at (activity));
      const char *author = lg_activity_get_author (activity);
      g_autofree char *by = NULL;

      /* TRANSLATORS: when a timeline entry was written, and by whom */
      if (author != NULL)
        by = g_strdup_printf (_("%s · %s"), when, author);
      add_row (self->timeline_list, what, by != NULL ? by : when);
    }
}

/* Reading a lead: on a worker with its own connection (the prediction
 * reads every closed lead), while the pane shows it is busy. */

typedef struct
{
  char         *path;
  gint64        id;
  LgLead       *lead;
  GListModel   *sources;
  GStrv         people;  /* a team workspace's, else NULL */
  LgLeadOrigin  origin;
  LgPrediction *prediction;
  GListModel   *followups;
  GListModel   *activities;
} Snapshot;

static void
snapshot_free (gpointer data)
{
  Snapshot *snapshot = data;

  g_free (snapshot->path);
  g_clear_object (&snapshot->lead);
  g_clear_object (&snapshot->sources);
  g_strfreev (snapshot->people);
  lg_lead_origin_clear (&snapshot->origin);
  g_clear_pointer (&snapshot->prediction, lg_prediction_free);
  g_clear_object (&snapshot->followups);
  g_clear_object (&snapshot->activities);
  g_free (snapshot);
}

static gboolean
read_snapshot (LgStore       *store,
               gpointer       source_object,
               gpointer       task_data,
               GCancellable  *cancellable,
               GError       **error)
{
  Snapshot *snapshot = task_data;

  /* Only a team workspace's leads are handed over: a personal one's are
   * all its user's. */
  if (lg_store_is_team_address (lg_store_get_path (store)) &&
      (snapshot->people = lg_store_list_people (store, error)) == NULL)
    return FALSE;
  return (snapshot->lead = lg_store_get_lead (store, snapshot->id, error)) != NULL &&
         (snapshot->sources = lg_store_list_sources_brief (store, error)) != NULL &&
         lg_store_get_lead_origin (store, snapshot->lead, &snapshot->origin, error) &&
         (snapshot->prediction = lg_store_predict_lead (store, snapshot->lead, error)) != NULL &&
         (snapshot->followups = lg_store_list_lead_followups (store, snapshot->id, error)) != NULL &&
         (snapshot->activities = lg_store_list_activities (store, snapshot->id, error)) != NULL;
}

static void
set_busy (LgLeadDetail *self,
          gboolean      busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  /* Fields of another lead are not for editing while this one is read. */
  gtk_widget_set_sensitive (self->content, !busy || self->lead != NULL);
}

static void
on_snapshot_read_cb (GObject      *source_object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  LgLeadDetail *self = LG_LEAD_DETAIL (source_object);
  Snapshot *snapshot = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean closed;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return; /* a newer read is on its way */
      g_clear_object (&self->cancellable);
      set_busy (self, FALSE);
      /* Fields that are not this lead's (another's, or none: a team
       * server away) are not for editing. */
      gtk_widget_set_sensitive (self->content, self->lead != NULL &&
                                               lg_lead_get_id (self->lead) == snapshot->id);
      /* A lead deleted meanwhile just leaves the pane as it was. */
      if (!g_error_matches (error, LG_STORE_ERROR, LG_STORE_ERROR_NOT_FOUND))
        show_error (self, error);
      return;
    }
  g_clear_object (&self->cancellable);
  closed = lg_stage_is_closed (lg_stage_from_id (lg_lead_get_stage (snapshot->lead)));

  self->loading = TRUE;
  fill_fields (self, snapshot->lead, snapshot->sources);
  fill_owners (self, snapshot->lead, snapshot->people);
  fill_origin (self, snapshot->lead, &snapshot->origin);
  fill_prediction (self, snapshot->lead, snapshot->prediction);
  fill_followups (self, snapshot->lead, snapshot->followups);
  /* Off keeps the period last shown, ready for the switch. */
  if (lg_lead_get_stay_in_touch_days (snapshot->lead) > 0)
    gtk_spin_button_set_value (self->stay_spin, lg_lead_get_stay_in_touch_days (snapshot->lead));
  adw_expander_row_set_enable_expansion (self->stay_row,
                                         lg_lead_get_stay_in_touch_days (snapshot->lead) > 0);
  /* A won or lost lead keeps no stay-in-touch follow-up. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->stay_row), !closed);
  fill_timeline (self, snapshot->activities);
  g_set_object (&self->lead, snapshot->lead);
  self->loading = FALSE;
  set_busy (self, FALSE);
}

gboolean
lg_lead_detail_get_busy (LgLeadDetail *self)
{
  g_return_val_if_fail (LG_IS_LEAD_DETAIL (self), FALSE);

  return self->cancellable != NULL;
}

void
lg_lead_detail_show_lead (LgLeadDetail *self,
                          gint64        id)
{
  g_autoptr(GTask) task = NULL;
  Snapshot *snapshot;

  g_return_if_fail (LG_IS_LEAD_DETAIL (self));

  if (self->store == NULL)
    return;

  /* Another lead: start from clean fields, this one's notes saved. */
  if (self->lead != NULL && lg_lead_get_id (self->lead) != id)
    {
      flush_notes (self);
      gtk_label_set_label (self->notes_state, "");
      g_clear_object (&self->lead);
    }
  self->lead_id = id;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);

  snapshot = g_new0 (Snapshot, 1);
  snapshot->path = g_strdup (lg_store_get_path (self->store));
  snapshot->id = id;
  task = g_task_new (self, self->cancellable, on_snapshot_read_cb, NULL);
  g_task_set_source_tag (task, lg_lead_detail_show_lead);
  g_task_set_task_data (task, snapshot, snapshot_free);
  g_task_set_return_on_cancel (task, TRUE);
  lg_store_run_in_thread (task, snapshot->path, read_snapshot);
}

static void
on_store_changed_cb (LgStore      *store,
                     const char   *table,
                     LgLeadDetail *self)
{
  if (self->lead_id != 0 && gtk_widget_get_mapped (GTK_WIDGET (self)))
    lg_lead_detail_show_lead (self, self->lead_id);
}

void
lg_lead_detail_set_store (LgLeadDetail *self,
                          LgStore      *store)
{
  g_return_if_fail (LG_IS_LEAD_DETAIL (self));
  g_return_if_fail (store == NULL || LG_IS_STORE (store));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      g_signal_connect_object (store, "changed::leads", G_CALLBACK (on_store_changed_cb), self, 0);
      g_signal_connect_object (store, "changed::followups", G_CALLBACK (on_store_changed_cb),
                               self, 0);
    }
}

/* The shown lead is gone (deleted): forget it. */
void
lg_lead_detail_clear (LgLeadDetail *self)
{
  g_return_if_fail (LG_IS_LEAD_DETAIL (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->notes_timeout, g_source_remove);
  g_clear_object (&self->lead);
  self->lead_id = 0;
  set_busy (self, FALSE);
}

static void
lg_lead_detail_dispose (GObject *object)
{
  LgLeadDetail *self = LG_LEAD_DETAIL (object);
  GtkWidget *child;

  flush_notes (self);
  lg_lead_detail_set_store (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LG_TYPE_LEAD_DETAIL);
  /* The top box is not a bound template child. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->lead);
  g_clear_pointer (&self->source_ids, g_array_unref);
  g_clear_pointer (&self->owners, g_strfreev);
  g_clear_pointer (&self->conflict, g_free);

  G_OBJECT_CLASS (lg_lead_detail_parent_class)->dispose (object);
}

static void
lg_lead_detail_class_init (LgLeadDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lg_lead_detail_dispose;

  /**
   * LgLeadDetail::lead-changed:
   * @id: the lead the detail has just written
   *
   * Emitted just before the store's "changed::leads" that the write causes.
   */
  signals[LEAD_CHANGED] =
    g_signal_new ("lead-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadgram/Desktop/ui/lg-lead-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, LgLeadDetail, title);
  gtk_widget_class_bind_template_child (widget_class, LgLeadDetail, spinner);
  gtk_widget_class_bind_template_child (widget_class, LgLeadDetail, content);
  gtk_widget_class_bind_template_child (widget_class, LgLeadDetail, move_button);
  gtk_widget_class_bind_template_child (widget_class, LgLeadDetail, contacted_button);
  gtk_widget_class_bind_template_child (widget_class, LgLeadDetail, waiting_label);
  gtk_widget_class_bind_template_child (widget_class, LgLeadDetail, name_row);
  gtk_widget_class_bind_template_child (widget_class, LgLeadDetail, handle_row);
  gtk_widget_class_bind_template_child (widget_class, LgLeadDetail, email_row);
  gtk_widget_class_bind_template_child (widget_class, LgLeadDetail, phone_row);
  gtk_widget_class_bind_template_child (widget_class, LgLeadDetail, company_row);
  gtk_widget_class_bind_template_child (widget_class, LgLeadDetail, error_label);
  gtk_widget_class_bind_template_child (widget_class, LgLeadDetail, value_row);
  gtk_widget_class_bind_template_child (widget_class, LgLeadDetail, currency_row);
  gtk_widget_class_bind_template_child (widget_class, LgLeadDetail, qualification_row);
  gtk_widget_class_bind_template_child (widget_class, LgLeadDetail, source_row);
  gtk_widget_class_bind_template_child (widget_class, LgLeadDetail, owner_row);
  gtk_widget_class_bind_template_child (widget_class, LgLeadDetail, external_id_row);
  gtk_widget_class_bind_template_child (widget_class, LgLeadDetail, score_list);
  gtk_widget_class_bind_template_child (widget_class, LgLeadDetail, predictive_list);
  gtk_widget_class_bind_template_child (widget_class, LgLeadDetail, message_list);
  gtk_widget_class_bind_template_child (widget_class, LgLeadDetail, notes_view);
  gtk_widget_class_bind_template_child (widget_class, LgLeadDetail, notes_state);
  gtk_widget_class_bind_template_child (widget_class, LgLeadDetail, followup_list);
  gtk_widget_class_bind_template_child (widget_class, LgLeadDetail, stay_row);
  gtk_widget_class_bind_template_child (widget_class, LgLeadDetail, stay_spin);
  gtk_widget_class_bind_template_child (widget_class, LgLeadDetail, timeline_list);
  gtk_widget_class_bind_template_callback (widget_class, on_contacted_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reach_out_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stay_enabled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_schedule_button_clicked_cb);

  gtk_widget_class_install_action (widget_class, "detail.move-to", "s", move_to_action);
  gtk_widget_class_install_action (widget_class, "detail.delete", NULL, delete_action);
}

static void
lg_lead_detail_init (LgLeadDetail *self)
{
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));
  lg_qualification_list_init (G_OBJECT (self->qualification_row), qualifications,
                              G_N_ELEMENTS (qualifications));

  self->source_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (Field f = FIELD_NAME; f <= FIELD_CURRENCY; f++)
    {
      AdwEntryRow *row = field_row (self, f);

      focus = gtk_event_controller_focus_new ();
      g_signal_connect (row, "changed", G_CALLBACK (on_row_changed_cb), self);
      g_signal_connect (row, "entry-activated", G_CALLBACK (on_row_activated_cb), self);
      g_signal_connect (focus, "leave", G_CALLBACK (on_row_focus_leave_cb), self);
      gtk_widget_add_controller (GTK_WIDGET (row), focus);
    }
  g_signal_connect (self->qualification_row, "notify::selected",
                    G_CALLBACK (on_qualification_selected_cb), self);
  g_signal_connect (self->source_row, "notify::selected",
                    G_CALLBACK (on_source_selected_cb), self);
  g_signal_connect (self->owner_row, "notify::selected",
                    G_CALLBACK (on_owner_selected_cb), self);
  g_signal_connect (self->stay_spin, "value-changed",
                    G_CALLBACK (on_stay_spin_value_changed_cb), self);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (on_notes_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->notes_view), focus);
  g_signal_connect (gtk_text_view_get_buffer (self->notes_view), "changed",
                    G_CALLBACK (on_notes_changed_cb), self);
}
