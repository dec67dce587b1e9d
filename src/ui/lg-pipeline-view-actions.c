/* lg-pipeline-view-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the user does to the board's cards: moves by drag and drop, by the
 * keyboard and by the card's menu (Won confirms the value, Lost asks why),
 * opening and scheduling, delete with Undo, New Lead. Each change is written
 * off the main thread (lg_widget_write(): a big import may hold the database
 * for seconds, and the board must not freeze meanwhile) and, once it has
 * landed, shown in place (_lg_pipeline_view_refresh_lead()) and announced to
 * the other views. A card moves when its move lands, not before: the board
 * shows what the database holds, so a move that fails (after the long wait
 * for another writer) leaves nothing to take back, and a reload in between
 * cannot show the card in two places. The window says meanwhile that the
 * change waits.
 */

#define G_LOG_DOMAIN "lg-pipeline-view"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-followup-dialog.h"
#include "lg-format.h"
#include "lg-metrics-format.h"
#include "lg-new-lead-dialog.h"
#include "lg-reach-out-dialog.h"
#include "lg-pipeline-view-private.h"
#include "lg-ui-util.h"

/* Moving. */

static LgLead *
lookup_lead (LgPipelineView *self,
             gint64          id)
{
  LgStage stage;
  guint position;

  if (_lg_pipeline_view_find_lead (self, id, &stage, &position))
    return g_list_model_get_item (G_LIST_MODEL (self->columns[stage].model), position);
  return lg_store_get_lead (self->store, id, NULL);
}

static GtkWindow *
parent_window (LgPipelineView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* A move as the worker writes it. */
typedef struct
{
  gint64   id;
  LgStage  stage;
  gint64   before_id;
  char    *reason;
  LgLead  *valued; /* Won: the lead with the value the user confirmed, or NULL */
} MoveWrite;

static void
move_write_free (gpointer data)
{
  MoveWrite *move = data;

  g_free (move->reason);
  g_clear_object (&move->valued);
  g_free (move);
}

static gboolean
write_move (LgStore  *store,
            gpointer  data,
            GError  **error)
{
  MoveWrite *move = data;

  if (move->valued == NULL)
    return lg_store_move_lead (store, move->id, move->stage, move->before_id, move->reason,
                               error);
  /* The value and the move are one change: both or neither. */
  if (!lg_store_begin (store, error))
    return FALSE;
  if (!lg_store_update_lead (store, NULL, move->valued, "edit", NULL, error) ||
      !lg_store_move_lead (store, move->id, move->stage, move->before_id, NULL, error))
    {
      lg_store_rollback (store);
      return FALSE;
    }
  return lg_store_commit (store, error);
}

/* Shows a lead's change once it has landed: in place, focused, announced. */
static void
show_landed (LgPipelineView *self,
             gint64          id,
             gint64          before_id)
{
  if (self->store == NULL)
    return;
  self->focus_lead_id = id;
  _lg_pipeline_view_refresh_lead (self, id, before_id);
  _lg_pipeline_view_announce_lead (self, id);
}

static void
on_moved (GtkWidget    *widget,
          gpointer      data,
          const GError *error)
{
  MoveWrite *move = data;

  if (error != NULL)
    lg_widget_show_error (widget, error);
  else
    show_landed (LG_PIPELINE_VIEW (widget), move->id, move->before_id);
}

static void
move_now (LgPipelineView *self,
          gint64          id,
          LgStage         stage,
          gint64          before_id,
          const char     *reason,
          LgLead         *valued)
{
  MoveWrite *move = g_new0 (MoveWrite, 1);

  move->id = id;
  move->stage = stage;
  move->before_id = before_id;
  move->reason = g_strdup (reason);
  move->valued = valued != NULL ? g_object_ref (valued) : NULL;
  lg_widget_write (GTK_WIDGET (self), self->store, 0, write_move, move, move_write_free,
                   on_moved);
}

/* What a dialog's answer needs to finish the move. */
typedef struct
{
  GWeakRef        self; /* the dialog may outlive the board */
  gint64          id;
  LgStage         stage;
  gint64          before_id;
  GtkEditable    *entry;
} PendingMove;

static void
pending_move_free (gpointer data)
{
  PendingMove *pending = data;

  g_weak_ref_clear (&pending->self);
  g_free (pending);
}

static void
on_lost_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     PendingMove      *pending)
{
  g_autoptr(LgPipelineView) self = g_weak_ref_get (&pending->self);
  g_autofree char *reason = NULL;

  if (self == NULL || g_strcmp0 (response, "lost") != 0)
    return;

  reason = g_strstrip (g_strdup (gtk_editable_get_text (pending->entry)));
  move_now (self, pending->id, pending->stage, pending->before_id,
            *reason != '\0' ? reason : NULL, NULL);
}

static void
on_won_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    PendingMove      *pending)
{
  g_autoptr(LgPipelineView) self = g_weak_ref_get (&pending->self);
  g_autoptr(LgLead) lead = NULL;
  g_autoptr(GError) error = NULL;
  gint64 value = 0;

  if (self == NULL || g_strcmp0 (response, "won") != 0)
    return;

  lead = lg_store_get_lead (self->store, pending->id, &error);
  if (lead == NULL || !lg_parse_money (gtk_editable_get_text (pending->entry), &value))
    {
      if (error != NULL)
        lg_widget_show_error (GTK_WIDGET (self), error);
      return;
    }

  if (value != lg_lead_get_value (lead))
    lg_lead_set_value (lead, value);
  else
    g_clear_object (&lead);
  move_now (self, pending->id, pending->stage, pending->before_id, NULL, lead);
}

static void
on_won_value_changed_cb (GtkEditable      *entry,
                         AdwMessageDialog *dialog)
{
  gint64 value;
  gboolean valid = lg_parse_money (gtk_editable_get_text (entry), &value);

  adw_message_dialog_set_response_enabled (dialog, "won", valid);
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
}

/* Lost asks why; Won confirms the value; the rest move at once. */
static void
request_move (LgPipelineView *self,
              gint64          id,
              LgStage         stage,
              gint64          before_id)
{
  g_autoptr(LgLead) lead = lookup_lead (self, id);
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  PendingMove *pending;
  GtkWidget *entry, *extra;
  LgStage from;

  if (lead == NULL)
    return;

  from = lg_stage_from_id (lg_lead_get_stage (lead));
  if (stage == from || (stage != LG_STAGE_WON && stage != LG_STAGE_LOST))
    {
      move_now (self, id, stage, before_id, NULL, NULL);
      return;
    }

  name = lg_lead_dup_display_name (lead);
  entry = extra = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  pending = g_new0 (PendingMove, 1);
  g_weak_ref_init (&pending->self, self);
  pending->id = id;
  pending->stage = stage;
  pending->before_id = before_id;
  pending->entry = GTK_EDITABLE (entry);

  if (stage == LG_STAGE_LOST)
    {
      body = g_strdup_printf (_("Why was “%s” lost? The reason is kept in the lead’s timeline."),
                              name);
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self),
                                                           _("Mark as Lost?"), body));
      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("e.g. Went with a competitor"));
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "lost", _("Mark _Lost"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "lost", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_default_response (dialog, "lost");
      g_signal_connect_data (dialog, "response", G_CALLBACK (on_lost_response_cb), pending,
                             (GClosureNotify) (void (*) (void)) pending_move_free, 0);
    }
  else
    {
      g_autofree char *value = NULL;
      g_autofree char *value_name = NULL;
      const char *currency = lg_lead_get_currency (lead) != NULL ? lg_lead_get_currency (lead)
                                                                 : "USD";
      GtkWidget *code = gtk_label_new (currency);

      body = g_strdup_printf (_("Confirm the value of the deal with “%s”."), name);
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self),
                                                           _("Mark as Won?"), body));
      value = lg_format_amount (lg_lead_get_value (lead));
      gtk_editable_set_text (GTK_EDITABLE (entry), value);
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_NUMBER);
      /* The amount is in the lead's currency: said beside it, and to screen
       * readers in the field's name. */
      gtk_widget_set_name (entry, "won-value");
      gtk_widget_set_hexpand (entry, TRUE);
      /* TRANSLATORS: the name of the deal value field, e.g. "Value in EUR" */
      value_name = g_strdup_printf (_("Value in %s"), currency);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      value_name, -1);
      gtk_widget_set_name (code, "won-currency");
      gtk_widget_add_css_class (code, "dim-label");
      extra = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_box_append (GTK_BOX (extra), entry);
      gtk_box_append (GTK_BOX (extra), code);
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "won", _("Mark _Won"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "won", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "won");
      g_signal_connect (entry, "changed", G_CALLBACK (on_won_value_changed_cb), dialog);
      g_signal_connect_data (dialog, "response", G_CALLBACK (on_won_response_cb), pending,
                             (GClosureNotify) (void (*) (void)) pending_move_free, 0);
    }

  gtk_widget_set_name (GTK_WIDGET (dialog), stage == LG_STAGE_LOST ? "lost-dialog" : "won-dialog");
  adw_message_dialog_set_close_response (dialog, "cancel");
  adw_message_dialog_set_extra_child (dialog, extra);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
move_lead_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LgPipelineView *self = LG_PIPELINE_VIEW (widget);
  const char *stage_id;
  gint64 id;
  LgStage stage;

  g_variant_get (parameter, "(x&s)", &id, &stage_id);
  stage = lg_stage_from_id (stage_id);
  if (stage != LG_STAGE_INVALID)
    request_move (self, id, stage, 0);
}

static void
on_card_lead_dropped_cb (LgLeadCard     *card,
                         LgLead         *dropped,
                         gboolean        after,
                         LgPipelineView *self)
{
  LgLead *target = lg_lead_card_get_lead (card);
  LgStage stage = lg_stage_from_id (lg_lead_get_stage (target));
  GListModel *model = G_LIST_MODEL (self->columns[stage].model);
  gint64 before_id = lg_lead_get_id (target);
  guint position;

  if (after && g_list_store_find (self->columns[stage].model, target, &position))
    {
      g_autoptr(LgLead) next = position + 1 < g_list_model_get_n_items (model)
                               ? g_list_model_get_item (model, position + 1) : NULL;

      before_id = next != NULL ? lg_lead_get_id (next) : 0;
    }
  request_move (self, lg_lead_get_id (dropped), stage, before_id);
}

/* A drop on a column's empty space puts the lead at the end. */
static gboolean
on_column_drop_cb (GtkDropTarget  *target,
                   const GValue   *value,
                   double          x,
                   double          y,
                   LgPipelineView *self)
{
  GtkWidget *box = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  LgLead *dropped = g_value_get_object (value);
  LgStage stage = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (box), "stage"));

  gtk_widget_remove_css_class (box, "drop-target");
  if (dropped == NULL)
    return FALSE;
  request_move (self, lg_lead_get_id (dropped), stage, 0);
  return TRUE;
}

static GdkDragAction
on_column_drop_enter_cb (GtkDropTarget *target,
                         double         x,
                         double         y,
                         gpointer       user_data)
{
  gtk_widget_add_css_class (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target)),
                            "drop-target");
  return GDK_ACTION_MOVE;
}

static void
on_column_drop_leave_cb (GtkDropTarget *target,
                         gpointer       user_data)
{
  gtk_widget_remove_css_class (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target)),
                               "drop-target");
}

void
_lg_pipeline_view_take_card_drops (LgPipelineView *self,
                                   LgLeadCard     *card)
{
  g_signal_connect_object (card, "lead-dropped", G_CALLBACK (on_card_lead_dropped_cb), self, 0);
}

void
_lg_pipeline_view_take_column_drops (LgPipelineView *self,
                                     GtkWidget      *box)
{
  GtkDropTarget *target = gtk_drop_target_new (LG_TYPE_LEAD, GDK_ACTION_MOVE);

  g_signal_connect (target, "drop", G_CALLBACK (on_column_drop_cb), self);
  g_signal_connect (target, "enter", G_CALLBACK (on_column_drop_enter_cb), NULL);
  g_signal_connect (target, "leave", G_CALLBACK (on_column_drop_leave_cb), NULL);
  gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (target));
}

/* The keyboard: the card that has the focus. */

static LgLeadCard *
focused_card (LgPipelineView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (GtkWidget *w = focus; w != NULL && w != GTK_WIDGET (self); w = gtk_widget_get_parent (w))
    {
      GtkWidget *child = gtk_widget_get_first_child (w);

      if (LG_IS_LEAD_CARD (w))
        return LG_LEAD_CARD (w);
      if (LG_IS_LEAD_CARD (child))
        return LG_LEAD_CARD (child);
    }
  return NULL;
}

static void
move_focused_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LgPipelineView *self = LG_PIPELINE_VIEW (widget);
  LgLeadCard *card = focused_card (self);
  LgLead *lead;
  LgStage stage;
  GListModel *model;
  guint position;
  guint n;

  if (card == NULL || (lead = lg_lead_card_get_lead (card)) == NULL)
    return;

  stage = lg_stage_from_id (lg_lead_get_stage (lead));
  model = G_LIST_MODEL (self->columns[stage].model);
  n = g_list_model_get_n_items (model);
  if (!g_list_store_find (self->columns[stage].model, lead, &position))
    return;

  if (g_str_equal (action_name, "pipeline.move-next") && stage < LG_STAGE_WON)
    request_move (self, lg_lead_get_id (lead), stage + 1, 0);
  else if (g_str_equal (action_name, "pipeline.move-previous") && stage > LG_STAGE_COLD &&
           stage != LG_STAGE_LOST)
    request_move (self, lg_lead_get_id (lead), stage - 1, 0);
  else if (g_str_equal (action_name, "pipeline.move-up") && position > 0)
    {
      g_autoptr(LgLead) previous = g_list_model_get_item (model, position - 1);

      move_now (self, lg_lead_get_id (lead), stage, lg_lead_get_id (previous), NULL, NULL);
    }
  else if (g_str_equal (action_name, "pipeline.move-down") && position + 1 < n)
    {
      g_autoptr(LgLead) after_next = position + 2 < n ? g_list_model_get_item (model, position + 2)
                                                      : NULL;

      move_now (self, lg_lead_get_id (lead), stage,
                after_next != NULL ? lg_lead_get_id (after_next) : 0, NULL, NULL);
    }
}

static void
move_menu_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LgLeadCard *card = focused_card (LG_PIPELINE_VIEW (widget));

  if (card != NULL)
    lg_lead_card_popup_menu (card);
}

static void
open_lead_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  lg_pipeline_view_open_lead (LG_PIPELINE_VIEW (widget), g_variant_get_int64 (parameter));
}

/* Scheduling from a card's menu or the detail: the card shows its new next
 * step at once, before the store's "changed::followups" that follows. */
static void
on_followup_scheduled_cb (LgFollowupDialog *dialog,
                          LgFollowup       *followup,
                          LgPipelineView   *self)
{
  gint64 id = lg_followup_get_lead_id (followup);

  _lg_pipeline_view_refresh_lead (self, id, PLACE_AS_BEFORE);
  self->changed_lead_id = id;
}

static void
schedule_followup_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  LgPipelineView *self = LG_PIPELINE_VIEW (widget);
  LgFollowupDialog *dialog;

  if (self->store == NULL)
    return;

  dialog = lg_followup_dialog_new (self->store, g_variant_get_int64 (parameter));
  g_signal_connect_object (dialog, "scheduled", G_CALLBACK (on_followup_scheduled_cb), self, 0);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), parent_window (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reach_out_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LgPipelineView *self = LG_PIPELINE_VIEW (widget);

  if (self->store != NULL)
    lg_reach_out_dialog_show (widget, self->store, g_variant_get_int64 (parameter));
}

static void
close_detail_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LgPipelineView *self = LG_PIPELINE_VIEW (widget);

  self->focus_lead_id = lg_lead_detail_get_lead_id (self->detail);
  adw_flap_set_reveal_flap (self->flap, FALSE);
  _lg_pipeline_view_restore_focus (self);
}

/* Delete and Undo. */

static gboolean
write_restore (LgStore  *store,
               gpointer  data,
               GError  **error)
{
  return lg_store_restore_lead (store, data, error);
}

static void
on_restored (GtkWidget    *widget,
             gpointer      data,
             const GError *error)
{
  if (error != NULL)
    lg_widget_show_error (widget, error);
  else
    LG_PIPELINE_VIEW (widget)->focus_lead_id = lg_deleted_lead_get_id (data);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LgPipelineView *self = LG_PIPELINE_VIEW (widget);
  LgDeletedLead *deleted = g_steal_pointer (&self->deleted);

  if (deleted == NULL || self->store == NULL)
    {
      g_clear_pointer (&deleted, lg_deleted_lead_free);
      return;
    }
  lg_widget_write (widget, self->store, LG_STORE_CHANGED_LEADS, write_restore, deleted,
                   (GDestroyNotify) lg_deleted_lead_free, on_restored);
}

/* A delete as the worker writes it; deleted is what Undo puts back. */
typedef struct
{
  gint64         id;
  char          *name;
  LgDeletedLead *deleted;
} DeleteWrite;

static void
delete_write_free (gpointer data)
{
  DeleteWrite *delete = data;

  g_free (delete->name);
  g_clear_pointer (&delete->deleted, lg_deleted_lead_free);
  g_free (delete);
}

static gboolean
write_delete (LgStore  *store,
              gpointer  data,
              GError  **error)
{
  DeleteWrite *delete = data;

  delete->deleted = lg_store_delete_lead (store, delete->id, error);
  return delete->deleted != NULL;
}

static void
on_deleted (GtkWidget    *widget,
            gpointer      data,
            const GError *error)
{
  LgPipelineView *self = LG_PIPELINE_VIEW (widget);
  DeleteWrite *delete = data;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (error != NULL)
    {
      lg_widget_show_error (widget, error);
      return;
    }
  if (self->store == NULL)
    return;
  g_clear_pointer (&self->deleted, lg_deleted_lead_free);
  self->deleted = g_steal_pointer (&delete->deleted);

  if (lg_lead_detail_get_lead_id (self->detail) == delete->id)
    {
      adw_flap_set_reveal_flap (self->flap, FALSE);
      lg_lead_detail_clear (self->detail);
    }

  title = g_strdup_printf (_("“%s” deleted"), delete->name);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "pipeline.undo-delete");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  lg_widget_add_toast (widget, toast);

  _lg_pipeline_view_refresh_lead (self, delete->id, PLACE_AT_END);
  _lg_pipeline_view_announce_lead (self, delete->id);
}

static void
delete_lead_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LgPipelineView *self = LG_PIPELINE_VIEW (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(LgLead) lead = lookup_lead (self, id);
  DeleteWrite *delete;

  if (lead == NULL)
    return;

  delete = g_new0 (DeleteWrite, 1);
  delete->id = id;
  delete->name = lg_lead_dup_display_name (lead);
  lg_widget_write (widget, self->store, 0, write_delete, delete, delete_write_free, on_deleted);
}

static void
delete_focused_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  LgLeadCard *card = focused_card (LG_PIPELINE_VIEW (widget));

  if (card != NULL && lg_lead_card_get_lead (card) != NULL)
    gtk_widget_activate_action (widget, "pipeline.delete-lead", "x",
                                lg_lead_get_id (lg_lead_card_get_lead (card)));
}


/* New lead. */

static gboolean
write_new_lead (LgStore  *store,
                gpointer  data,
                GError  **error)
{
  return lg_store_add_lead (store, data, error);
}

static void
on_new_lead_added (GtkWidget    *widget,
                   gpointer      data,
                   const GError *error)
{
  if (error != NULL)
    lg_widget_show_error (widget, error);
  else
    show_landed (LG_PIPELINE_VIEW (widget), lg_lead_get_id (data), PLACE_AT_END);
}

/* The message dialog has closed (libadwaita closes one on any response):
 * the card appears when the lead has landed, an error in a toast. */
static void
on_new_lead_response_cb (LgNewLeadDialog *dialog,
                         const char      *response,
                         LgPipelineView  *self)
{
  g_autoptr(GError) error = NULL;
  LgLead *lead;

  if (g_strcmp0 (response, "create") != 0)
    return;

  lead = lg_new_lead_dialog_dup_lead (dialog, &error);
  if (lead == NULL)
    {
      lg_widget_show_error (GTK_WIDGET (self), error);
      return;
    }
  lg_widget_write (GTK_WIDGET (self), self->store, 0, write_new_lead, lead, g_object_unref,
                   on_new_lead_added);
}

static void
new_lead_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LgPipelineView *self = LG_PIPELINE_VIEW (widget);
  LgNewLeadDialog *dialog;

  if (self->store == NULL)
    return;

  dialog = lg_new_lead_dialog_new (parent_window (self));
  /* The dialog may outlive the board. */
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_new_lead_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (LG_PIPELINE_VIEW (widget)->search_entry));
}

void
_lg_pipeline_view_class_add_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "pipeline.move-lead", "(xs)", move_lead_action);
  gtk_widget_class_install_action (widget_class, "pipeline.open-lead", "x", open_lead_action);
  gtk_widget_class_install_action (widget_class, "pipeline.schedule-followup", "x",
                                   schedule_followup_action);
  gtk_widget_class_install_action (widget_class, "pipeline.reach-out", "x", reach_out_action);
  gtk_widget_class_install_action (widget_class, "pipeline.delete-lead", "x", delete_lead_action);
  gtk_widget_class_install_action (widget_class, "pipeline.undo-delete", NULL, undo_delete_action);
  gtk_widget_class_install_action (widget_class, "pipeline.close-detail", NULL,
                                   close_detail_action);
  gtk_widget_class_install_action (widget_class, "pipeline.new-lead", NULL, new_lead_action);
  gtk_widget_class_install_action (widget_class, "pipeline.focus-search", NULL,
                                   focus_search_action);
  gtk_widget_class_install_action (widget_class, "pipeline.move-next", NULL, move_focused_action);
  gtk_widget_class_install_action (widget_class, "pipeline.move-previous", NULL,
                                   move_focused_action);
  gtk_widget_class_install_action (widget_class, "pipeline.move-up", NULL, move_focused_action);
  gtk_widget_class_install_action (widget_class, "pipeline.move-down", NULL, move_focused_action);
  gtk_widget_class_install_action (widget_class, "pipeline.move-menu", NULL, move_menu_action);
  gtk_widget_class_install_action (widget_class, "pipeline.delete-focused", NULL,
                                   delete_focused_action);

  /* Alt with the arrows: the columns keep plain, Ctrl and Shift arrows for
   * moving the focus and the selection. Listed in help-overlay.ui. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "pipeline.move-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "pipeline.move-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK,
                                       "pipeline.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK,
                                       "pipeline.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "pipeline.move-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "pipeline.move-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK,
                                       "pipeline.move-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0,
                                       "pipeline.delete-focused", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "pipeline.new-lead", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "pipeline.focus-search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "pipeline.close-detail", NULL);
}
