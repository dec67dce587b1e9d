/* lg-followup-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-followup-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-followup-dialog.h"
#include "lg-ui-util.h"

/* The order of the kind row's items. */
static const char *kinds[] = { "call", "message", "email", "meeting" };

struct _LgFollowupDialog
{
  AdwWindow           parent_instance;

  LgStore            *store;
  gint64              lead_id;
  GtkSingleSelection *lead_selection;
  GtkStringFilter    *lead_filter;
  GListStore         *leads;       /* the picker's, once read */
  GCancellable       *cancellable; /* the read of the lead or the leads */

  AdwWindowTitle     *window_title;
  AdwActionRow       *lead_row;
  GtkWidget          *lead_picker;
  GtkWidget          *lead_search;
  GtkListView        *lead_list;
  GtkWidget          *previous_group;
  AdwActionRow       *previous_row;
  AdwActionRow       *hour_row;
  AdwActionRow       *tomorrow_row;
  AdwActionRow       *week_row;
  GtkCheckButton     *hour_check;
  GtkCheckButton     *tomorrow_check;
  GtkCheckButton     *week_check;
  GtkCheckButton     *custom_check;
  GtkMenuButton      *date_button;
  GtkCalendar        *calendar;
  GtkSpinButton      *hour_spin;
  GtkSpinButton      *minute_spin;
  AdwComboRow        *kind_row;
  AdwEntryRow        *note_row;
  GtkLabel           *error_label;

  /* Someone not in the pipeline yet: made a lead only when the follow-up is
   * scheduled, not when the dialog opens (a Cancel leaves nothing behind). */
  struct LeadMaker   *lead_maker;
};

/* Shared by the dialog and the writes of its follow-up: the dialog may be
 * closed while one waits on its worker. */
typedef struct LeadMaker
{
  LgFollowupLeadFunc  make_lead;
  gpointer            data;
  GDestroyNotify      destroy;
} LeadMaker;

static void
lead_maker_clear (gpointer data)
{
  LeadMaker *maker = data;

  if (maker->destroy != NULL)
    maker->destroy (maker->data);
}

/* What a follow-up's write needs. */
typedef struct
{
  LgFollowup *followup;
  LeadMaker  *lead_maker; /* NULL for a lead already in the pipeline */
} FollowupWrite;

static void
followup_write_free (gpointer data)
{
  FollowupWrite *write = data;

  g_object_unref (write->followup);
  if (write->lead_maker != NULL)
    g_atomic_rc_box_release_full (write->lead_maker, lead_maker_clear);
  g_free (write);
}

G_DEFINE_FINAL_TYPE (LgFollowupDialog, lg_followup_dialog, ADW_TYPE_WINDOW)

enum {
  SCHEDULED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
show_error (LgFollowupDialog *self,
            const char       *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
set_row_time (AdwActionRow    *row,
              LgFollowupQuick  quick,
              gint64           now)
{
  g_autofree char *text = lg_followup_format_day_time (lg_followup_quick_time (quick, now, NULL),
                                                       now, NULL);

  adw_action_row_set_subtitle (row, text);
}

static GDateTime *
custom_time (LgFollowupDialog *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);

  return g_date_time_new_local (g_date_time_get_year (date), g_date_time_get_month (date),
                                g_date_time_get_day_of_month (date),
                                gtk_spin_button_get_value_as_int (self->hour_spin),
                                gtk_spin_button_get_value_as_int (self->minute_spin), 0);
}

static void
update_date_button (LgFollowupDialog *self)
{
  g_autoptr(GDateTime) time = custom_time (self);
  /* Translators: the custom date and time, see strftime(3) */
  g_autofree char *label = g_date_time_format (time, _("%a %-d %b %Y, %H:%M"));

  gtk_menu_button_set_label (self->date_button, label);
}

/* Touching the date or the time means "this one". */
static void
on_custom_changed_cb (LgFollowupDialog *self)
{
  update_date_button (self);
  gtk_check_button_set_active (self->custom_check, TRUE);
}

/* Two digits, as a clock shows them. */
static gboolean
on_time_spin_output_cb (GtkSpinButton *spin,
                        gpointer       user_data)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static void
on_lead_search_changed_cb (GtkSearchEntry   *entry,
                           LgFollowupDialog *self)
{
  gtk_string_filter_set_search (self->lead_filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* Escape in the search entry is the entry's own (stop-search): it closes the
 * dialog there too, as everywhere else in it. */
static void
on_lead_search_stop_cb (GtkSearchEntry   *entry,
                        LgFollowupDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
chosen_time (LgFollowupDialog *self,
             gint64            now,
             gint64           *due)
{
  g_autoptr(GDateTime) local = NULL;

  if (gtk_check_button_get_active (self->hour_check))
    *due = lg_followup_quick_time (LG_FOLLOWUP_QUICK_IN_1_HOUR, now, NULL);
  else if (gtk_check_button_get_active (self->tomorrow_check))
    *due = lg_followup_quick_time (LG_FOLLOWUP_QUICK_TOMORROW_MORNING, now, NULL);
  else if (gtk_check_button_get_active (self->week_check))
    *due = lg_followup_quick_time (LG_FOLLOWUP_QUICK_NEXT_WEEK, now, NULL);
  else
    {
      local = custom_time (self);
      *due = g_date_time_to_unix (local);
      if (*due <= now)
        {
          show_error (self, _("That time has passed. Choose a later one."));
          return FALSE;
        }
    }
  return TRUE;
}

static gint64
chosen_lead (LgFollowupDialog *self)
{
  LgLead *lead;

  if (self->lead_id > 0)
    return self->lead_id;
  /* Someone to be made a lead: not whoever the hidden picker selected. */
  if (self->lead_maker != NULL)
    return 0;

  lead = gtk_single_selection_get_selected_item (self->lead_selection);
  return lead != NULL ? lg_lead_get_id (lead) : 0;
}

static gboolean
write_followup (LgStore  *store,
                gpointer  data,
                GError  **error)
{
  FollowupWrite *write = data;

  if (write->lead_maker != NULL)
    {
      gint64 lead_id = write->lead_maker->make_lead (store, write->lead_maker->data, error);

      if (lead_id <= 0)
        return FALSE;
      lg_followup_set_lead_id (write->followup, lead_id);
    }
  return lg_store_add_followup (store, write->followup, error);
}

/* The dialog closes when its follow-up has landed; until then Schedule
 * waits (the window says why), and after an error the dialog stays, saying
 * it, with everything the user chose. */
static void
on_followup_added (GtkWidget    *widget,
                   gpointer      data,
                   const GError *error)
{
  LgFollowupDialog *self = LG_FOLLOWUP_DIALOG (widget);
  FollowupWrite *write = data;

  gtk_widget_action_set_enabled (widget, "dialog.schedule", TRUE);
  if (error != NULL)
    {
      show_error (self, error->message);
      return;
    }
  self->lead_id = lg_followup_get_lead_id (write->followup);
  /* ::scheduled first: the board shows the card's new next step in place
   * and then takes the store's "changed" as seen. */
  g_signal_emit (self, signals[SCHEDULED], 0, write->followup);
  gtk_window_close (GTK_WINDOW (self));
}

static void
schedule_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LgFollowupDialog *self = LG_FOLLOWUP_DIALOG (widget);
  FollowupWrite *write;
  LgFollowup *followup;
  guint kind = adw_combo_row_get_selected (self->kind_row);
  gint64 lead_id = chosen_lead (self);
  gint64 due;

  if (lead_id <= 0 && self->lead_maker == NULL)
    {
      show_error (self, _("Choose the lead to follow up."));
      return;
    }
  if (!chosen_time (self, now_seconds (), &due))
    return;

  followup = lg_followup_new ();
  lg_followup_set_lead_id (followup, lead_id);
  lg_followup_set_due_at (followup, due);
  lg_followup_set_kind (followup, kinds[MIN (kind, G_N_ELEMENTS (kinds) - 1)]);
  lg_followup_set_note (followup, gtk_editable_get_text (GTK_EDITABLE (self->note_row)));
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  /* Once: a second press while the first waits would add it twice. */
  gtk_widget_action_set_enabled (widget, "dialog.schedule", FALSE);
  write = g_new0 (FollowupWrite, 1);
  write->followup = followup;
  /* The lead is made on the worker too, just before its follow-up. */
  if (lead_id <= 0)
    write->lead_maker = g_atomic_rc_box_acquire (self->lead_maker);
  lg_widget_write (widget, self->store,
                   LG_STORE_CHANGED_FOLLOWUPS | (lead_id <= 0 ? LG_STORE_CHANGED_LEADS : 0),
                   write_followup, write, followup_write_free, on_followup_added);
}

static void
setup_lead_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 8);
  gtk_widget_set_margin_bottom (label, 8);
  gtk_list_item_set_child (item, label);
}

static void
bind_lead_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  LgLead *lead = gtk_list_item_get_item (item);
  const char *name = lg_lead_get_name (lead);
  const char *handle = lg_lead_get_telegram_handle (lead);
  g_autofree char *text = NULL;

  if (name == NULL || *name == '\0')
    name = handle != NULL ? handle : _("Unnamed lead");
  if (handle != NULL && g_strcmp0 (name, handle) != 0)
    text = g_strdup_printf ("%s  @%s", name, handle);
  else
    text = g_strdup (name);
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

/* The lead, or for the picker every lead's name, read on a worker with a
 * connection of its own: a team workspace's server may be far, and its
 * leads many. */
typedef struct
{
  gint64      lead_id; /* 0: the picker's leads */
  LgLead     *lead;
  GListModel *leads;
} LeadRead;

static void
lead_read_free (gpointer data)
{
  LeadRead *read = data;

  g_clear_object (&read->lead);
  g_clear_object (&read->leads);
  g_free (read);
}

static gboolean
read_leads_work (LgStore       *store,
                 gpointer       source_object,
                 gpointer       task_data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  LeadRead *read = task_data;

  if (read->lead_id > 0)
    return (read->lead = lg_store_get_lead (store, read->lead_id, error)) != NULL;
  return (read->leads = lg_store_list_lead_names (store, error)) != NULL;
}

static void
show_lead (LgFollowupDialog *self,
           LgLead           *lead)
{
  adw_action_row_set_subtitle (self->lead_row, NULL);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->lead_row), lg_lead_get_name (lead));
  if (lg_lead_get_telegram_handle (lead) != NULL)
    {
      g_autofree char *handle = g_strdup_printf ("@%s", lg_lead_get_telegram_handle (lead));

      adw_action_row_set_subtitle (self->lead_row, handle);
    }
  adw_window_title_set_subtitle (self->window_title, lg_lead_get_name (lead));
}

static void
on_leads_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  LgFollowupDialog *self = LG_FOLLOWUP_DIALOG (object);
  LeadRead *read = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }
  if (read->lead != NULL)
    {
      show_lead (self, read->lead);
      return;
    }
  {
    guint n = g_list_model_get_n_items (read->leads);
    g_autoptr(GPtrArray) leads = g_ptr_array_new_full (n, g_object_unref);

    /* In one change, not one for each of thousands. */
    for (guint i = 0; i < n; i++)
      g_ptr_array_add (leads, g_list_model_get_item (read->leads, i));
    g_list_store_splice (self->leads, 0, 0, leads->pdata, n);
  }
}

static void
read_leads (LgFollowupDialog *self)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, on_leads_read_cb, NULL);
  LeadRead *read = g_new0 (LeadRead, 1);

  read->lead_id = self->lead_id;
  g_task_set_task_data (task, read, lead_read_free);
  lg_store_run_in_thread (task, lg_store_get_path (self->store), read_leads_work);
}

/* The picker's list, filled once the leads are read. */
static void
set_up_picker (LgFollowupDialog *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkExpression *expression;
  GtkFilterListModel *filtered;

  self->leads = g_list_store_new (LG_TYPE_LEAD);
  expression = gtk_property_expression_new (LG_TYPE_LEAD, NULL, "name");
  self->lead_filter = gtk_string_filter_new (expression);
  gtk_string_filter_set_match_mode (self->lead_filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->leads)),
                                        GTK_FILTER (g_object_ref (self->lead_filter)));
  self->lead_selection = gtk_single_selection_new (G_LIST_MODEL (filtered));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_lead_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_lead_cb), NULL);
  gtk_list_view_set_factory (self->lead_list, factory);
  gtk_list_view_set_model (self->lead_list, GTK_SELECTION_MODEL (self->lead_selection));
}

LgFollowupDialog *
lg_followup_dialog_new (LgStore *store,
                        gint64   lead_id)
{
  LgFollowupDialog *self;
  gint64 now = now_seconds ();

  g_return_val_if_fail (LG_IS_STORE (store), NULL);

  self = g_object_new (LG_TYPE_FOLLOWUP_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->lead_id = lead_id;

  set_row_time (self->hour_row, LG_FOLLOWUP_QUICK_IN_1_HOUR, now);
  set_row_time (self->tomorrow_row, LG_FOLLOWUP_QUICK_TOMORROW_MORNING, now);
  set_row_time (self->week_row, LG_FOLLOWUP_QUICK_NEXT_WEEK, now);
  update_date_button (self);

  gtk_widget_set_visible (GTK_WIDGET (self->lead_row), lead_id > 0);
  gtk_widget_set_visible (self->lead_picker, lead_id <= 0);
  if (lead_id <= 0)
    {
      set_up_picker (self);
      gtk_window_set_focus (GTK_WINDOW (self), self->lead_search);
    }
  self->cancellable = g_cancellable_new ();
  read_leads (self);

  return self;
}

LgFollowupDialog *
lg_followup_dialog_new_for_person (LgStore            *store,
                                   const char         *name,
                                   const char         *handle,
                                   LgFollowupLeadFunc  make_lead,
                                   gpointer            data,
                                   GDestroyNotify      destroy)
{
  LgFollowupDialog *self;

  g_return_val_if_fail (LG_IS_STORE (store), NULL);
  g_return_val_if_fail (name != NULL && make_lead != NULL, NULL);

  self = lg_followup_dialog_new (store, 0);
  /* The person is no lead yet: no picker. */
  g_cancellable_cancel (self->cancellable);
  self->lead_maker = g_atomic_rc_box_new0 (LeadMaker);
  self->lead_maker->make_lead = make_lead;
  self->lead_maker->data = data;
  self->lead_maker->destroy = destroy;
  gtk_widget_set_visible (GTK_WIDGET (self->lead_row), TRUE);
  gtk_widget_set_visible (self->lead_picker, FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->lead_row), name);
  if (handle != NULL && *handle != '\0')
    {
      g_autofree char *at = g_strdup_printf ("@%s", handle);

      adw_action_row_set_subtitle (self->lead_row, at);
    }
  adw_window_title_set_subtitle (self->window_title, name);
  return self;
}

void
lg_followup_dialog_set_previous (LgFollowupDialog *self,
                                 LgFollowup       *done)
{
  const char *note;

  g_return_if_fail (LG_IS_FOLLOWUP_DIALOG (self));
  g_return_if_fail (LG_IS_FOLLOWUP (done));

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i], lg_followup_get_kind (done)) == 0)
      adw_combo_row_set_selected (self->kind_row, i);

  note = lg_followup_get_note (done);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->previous_row),
                                 lg_followup_kind_label (lg_followup_get_kind (done)));
  adw_action_row_set_subtitle (self->previous_row, note);
  gtk_widget_set_visible (self->previous_group, TRUE);
  adw_window_title_set_title (self->window_title, _("What Is the Next Step?"));
}

gint64
lg_followup_dialog_get_lead_id (LgFollowupDialog *self)
{
  g_return_val_if_fail (LG_IS_FOLLOWUP_DIALOG (self), 0);

  return chosen_lead (self);
}

void
lg_followup_dialog_set_quick (LgFollowupDialog *self,
                              LgFollowupQuick   quick)
{
  GtkCheckButton *checks[] = { self->hour_check, self->tomorrow_check, self->week_check };

  g_return_if_fail (LG_IS_FOLLOWUP_DIALOG (self));
  g_return_if_fail (quick < G_N_ELEMENTS (checks));

  gtk_check_button_set_active (checks[quick], TRUE);
}

void
lg_followup_dialog_set_note (LgFollowupDialog *self,
                             const char       *note)
{
  g_return_if_fail (LG_IS_FOLLOWUP_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->note_row), note != NULL ? note : "");
}

/* Done, as the worker writes it: next_for is the completed follow-up when
 * its lead wants a next step (neither won nor lost). */
typedef struct
{
  gint64             id;
  gint64             at;
  LgFollowup        *next_for;
  LgStore           *store;  /* the main thread's: its queued write holds it */
  LgFollowupLanded   landed;
} CompleteWrite;

static void
complete_write_free (gpointer data)
{
  CompleteWrite *complete = data;

  g_clear_object (&complete->next_for);
  g_free (complete);
}

static gboolean
write_complete (LgStore  *store,
                gpointer  data,
                GError  **error)
{
  CompleteWrite *complete = data;
  g_autoptr(LgFollowup) followup = NULL;
  g_autoptr(LgLead) lead = NULL;
  const char *stage;

  if (!lg_store_complete_followup (store, complete->id, complete->at, NULL, error))
    return FALSE;
  /* Read on the worker too: the main thread reads nothing while it waits. */
  followup = lg_store_get_followup (store, complete->id, error);
  if (followup == NULL)
    return FALSE;
  lead = lg_store_get_lead (store, lg_followup_get_lead_id (followup), error);
  if (lead == NULL)
    return FALSE;
  stage = lg_lead_get_stage (lead);
  if (g_strcmp0 (stage, "won") != 0 && g_strcmp0 (stage, "lost") != 0)
    complete->next_for = g_steal_pointer (&followup);
  return TRUE;
}

static CompleteWrite *
complete_write_new (LgStore *store,
                    gint64   followup_id)
{
  CompleteWrite *complete = g_new0 (CompleteWrite, 1);

  complete->id = followup_id;
  complete->at = now_seconds ();
  complete->store = store;
  return complete;
}

void
lg_followup_dialog_complete_async (LgStore             *store,
                                   gint64               followup_id,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (LG_IS_STORE (store));

  lg_store_write_async (store, write_complete, complete_write_new (store, followup_id),
                        complete_write_free, callback, user_data);
}

LgFollowup *
lg_followup_dialog_complete_finish (LgStore       *store,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  gpointer data = NULL;
  CompleteWrite *complete;

  g_return_val_if_fail (LG_IS_STORE (store), NULL);

  if (!lg_store_write_finish (store, result, &data, error))
    return NULL;
  lg_store_notify_changed (store, LG_STORE_CHANGED_FOLLOWUPS | LG_STORE_CHANGED_LEADS);
  complete = data;
  return complete->next_for != NULL ? g_object_ref (complete->next_for) : NULL;
}

static void
on_completed (GtkWidget    *widget,
              gpointer      data,
              const GError *error)
{
  CompleteWrite *complete = data;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (error != NULL)
    {
      lg_widget_show_error (widget, error);
      return;
    }
  if (complete->landed != NULL)
    complete->landed (widget, complete->id);
  if (complete->next_for != NULL)
    lg_followup_dialog_ask_next (complete->store, complete->next_for,
                                 GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
}

void
lg_followup_dialog_complete (GtkWidget        *widget,
                             LgStore          *store,
                             gint64            followup_id,
                             LgFollowupLanded  landed)
{
  CompleteWrite *complete;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (LG_IS_STORE (store));

  complete = complete_write_new (store, followup_id);
  complete->landed = landed;
  lg_widget_write (widget, store, LG_STORE_CHANGED_FOLLOWUPS | LG_STORE_CHANGED_LEADS,
                   write_complete, complete, complete_write_free, on_completed);
}

LgFollowupDialog *
lg_followup_dialog_ask_next (LgStore    *store,
                             LgFollowup *done,
                             GtkWindow  *parent)
{
  LgFollowupDialog *dialog;

  g_return_val_if_fail (LG_IS_STORE (store), NULL);
  g_return_val_if_fail (LG_IS_FOLLOWUP (done), NULL);

  dialog = lg_followup_dialog_new (store, lg_followup_get_lead_id (done));
  lg_followup_dialog_set_previous (dialog, done);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), parent);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
lg_followup_dialog_dispose (GObject *object)
{
  LgFollowupDialog *self = LG_FOLLOWUP_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LG_TYPE_FOLLOWUP_DIALOG);
  g_clear_object (&self->leads);
  g_clear_object (&self->lead_selection);
  g_clear_object (&self->lead_filter);
  g_clear_object (&self->store);
  if (self->lead_maker != NULL)
    g_atomic_rc_box_release_full (g_steal_pointer (&self->lead_maker), lead_maker_clear);

  G_OBJECT_CLASS (lg_followup_dialog_parent_class)->dispose (object);
}

static void
lg_followup_dialog_class_init (LgFollowupDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lg_followup_dialog_dispose;

  /**
   * LgFollowupDialog::scheduled:
   * @followup: the LgFollowup it added to the store
   *
   * Emitted just before the store's "changed::followups" that the write causes.
   */
  signals[SCHEDULED] =
    g_signal_new ("scheduled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, LG_TYPE_FOLLOWUP);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadgram/Desktop/ui/lg-followup-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LgFollowupDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, LgFollowupDialog, lead_row);
  gtk_widget_class_bind_template_child (widget_class, LgFollowupDialog, lead_picker);
  gtk_widget_class_bind_template_child (widget_class, LgFollowupDialog, lead_search);
  gtk_widget_class_bind_template_child (widget_class, LgFollowupDialog, lead_list);
  gtk_widget_class_bind_template_child (widget_class, LgFollowupDialog, previous_group);
  gtk_widget_class_bind_template_child (widget_class, LgFollowupDialog, previous_row);
  gtk_widget_class_bind_template_child (widget_class, LgFollowupDialog, hour_row);
  gtk_widget_class_bind_template_child (widget_class, LgFollowupDialog, tomorrow_row);
  gtk_widget_class_bind_template_child (widget_class, LgFollowupDialog, week_row);
  gtk_widget_class_bind_template_child (widget_class, LgFollowupDialog, hour_check);
  gtk_widget_class_bind_template_child (widget_class, LgFollowupDialog, tomorrow_check);
  gtk_widget_class_bind_template_child (widget_class, LgFollowupDialog, week_check);
  gtk_widget_class_bind_template_child (widget_class, LgFollowupDialog, custom_check);
  gtk_widget_class_bind_template_child (widget_class, LgFollowupDialog, date_button);
  gtk_widget_class_bind_template_child (widget_class, LgFollowupDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, LgFollowupDialog, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, LgFollowupDialog, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, LgFollowupDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, LgFollowupDialog, note_row);
  gtk_widget_class_bind_template_child (widget_class, LgFollowupDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_custom_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_time_spin_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_lead_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_lead_search_stop_cb);

  gtk_widget_class_install_action (widget_class, "dialog.schedule", NULL, schedule_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "dialog.schedule", NULL);
}

static void
lg_followup_dialog_init (LgFollowupDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
