/* lg-followup-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-followup-row"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-followup-row.h"
#include "lg-followup-time.h"
#include "lg-outreach.h"

struct _LgFollowupRow
{
  GtkBox          parent_instance;

  GtkLabel       *header_label;
  GtkWidget      *row_box;
  GtkImage       *kind_image;
  GtkLabel       *title_label;
  GtkLabel       *note_label;
  GtkLabel       *due_label;
  GtkWidget      *actions_box;
  GtkButton      *done_button;
  GtkMenuButton  *snooze_button;
  GtkButton      *open_button;

  LgFollowup     *followup;
  gint64          followup_id;
  gint64          lead_id;
};

G_DEFINE_FINAL_TYPE (LgFollowupRow, lg_followup_row, GTK_TYPE_BOX)

const char *
lg_followup_kind_icon_name (const char *kind)
{
  if (g_strcmp0 (kind, "call") == 0)
    return "call-start-symbolic";
  if (g_strcmp0 (kind, "email") == 0)
    return "mail-unread-symbolic";
  if (g_strcmp0 (kind, "meeting") == 0)
    return "x-office-calendar-symbolic";
  return "chat-message-new-symbolic";
}

GtkWidget *
lg_followup_row_new (void)
{
  return g_object_new (LG_TYPE_FOLLOWUP_ROW, NULL);
}

void
lg_followup_row_show_header (LgFollowupRow *self,
                             const char    *title)
{
  g_return_if_fail (LG_IS_FOLLOWUP_ROW (self));

  g_clear_object (&self->followup);
  gtk_label_set_text (self->header_label, title);
  gtk_widget_set_visible (GTK_WIDGET (self->header_label), TRUE);
  gtk_widget_set_visible (self->row_box, FALSE);
}

/* Tooltips are given when asked for: setting tooltip-text on every row of a
 * long list costs a round trip to the X server each. */
static gboolean
on_button_query_tooltip_cb (GtkWidget     *button,
                            int            x,
                            int            y,
                            gboolean       keyboard,
                            GtkTooltip    *tooltip,
                            LgFollowupRow *self)
{
  if (button == GTK_WIDGET (self->done_button))
    gtk_tooltip_set_text (tooltip, _("Done"));
  else if (button == GTK_WIDGET (self->snooze_button))
    gtk_tooltip_set_text (tooltip, _("Snooze"));
  else
    gtk_tooltip_set_text (tooltip, _("Open Lead"));
  return TRUE;
}

/* Built when it opens: a popover per row would make a long list slow. */
static void
create_snooze_menu_cb (GtkMenuButton *button,
                       gpointer       user_data)
{
  LgFollowupRow *self = user_data;
  static const struct { const char *label; const char *target; } choices[] = {
    { N_("For 1 Hour"), "hour" },
    { N_("Until Tomorrow Morning"), "tomorrow" },
    { N_("Until Next Week"), "week" },
  };
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) snooze = g_menu_new ();
  g_autoptr(GMenu) other = g_menu_new ();
  g_autoptr(GMenuItem) another = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(choices[i].label), NULL);

      g_menu_item_set_action_and_target_value (item, "followups.snooze",
                                               g_variant_new ("(xs)", self->followup_id,
                                                              choices[i].target));
      g_menu_append_item (snooze, item);
    }

  another = g_menu_item_new (_("Schedule Another…"), NULL);
  g_menu_item_set_action_and_target_value (another, "followups.schedule-for-lead",
                                           g_variant_new_int64 (self->lead_id));
  g_menu_append_item (other, another);

  g_menu_append_section (menu, _("Snooze"), G_MENU_MODEL (snooze));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (other));
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

/* Redraws the relative due time ("in 5 minutes") as the clock moves. */
void
lg_followup_row_update_time (LgFollowupRow *self,
                             gint64         now)
{
  g_autofree char *due = NULL;
  gint64 done_at, due_at;

  g_return_if_fail (LG_IS_FOLLOWUP_ROW (self));

  if (self->followup == NULL)
    return;

  done_at = lg_followup_get_done_at (self->followup);
  due_at = lg_followup_get_effective_due_at (self->followup);
  if (done_at > 0)
    {
      g_autofree char *when = lg_followup_format_due (done_at, now, NULL);

      /* Translators: %s is when, e.g. "yesterday 09:00" */
      due = g_strdup_printf (_("done %s"), when);
    }
  else
    due = lg_followup_format_due (due_at, now, NULL);
  gtk_label_set_text (self->due_label, due);
  if (done_at == 0 && due_at < now)
    gtk_widget_add_css_class (GTK_WIDGET (self->due_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->due_label), "error");
  gtk_widget_set_opacity (GTK_WIDGET (self->due_label), done_at > 0 ? 0.55 : 1.0);
}

void
lg_followup_row_show_followup (LgFollowupRow *self,
                               LgFollowup    *followup,
                               gint64         now)
{
  g_autofree char *title = NULL;
  gint64 id, lead_id, done_at;
  const char *kind, *note;

  g_return_if_fail (LG_IS_FOLLOWUP_ROW (self));
  g_return_if_fail (LG_IS_FOLLOWUP (followup));

  id = self->followup_id = lg_followup_get_id (followup);
  lead_id = self->lead_id = lg_followup_get_lead_id (followup);
  done_at = lg_followup_get_done_at (followup);
  kind = lg_followup_get_kind (followup);
  note = lg_followup_get_note (followup);

  gtk_widget_set_visible (GTK_WIDGET (self->header_label), FALSE);
  gtk_widget_set_visible (self->row_box, TRUE);

  gtk_image_set_from_icon_name (self->kind_image, lg_followup_kind_icon_name (kind));
  /* Translators: a lead's name and what to do, e.g. "Anna Petrova · Call" */
  title = g_strdup_printf (_("%s · %s"), lg_followup_get_lead_name (followup),
                           lg_followup_kind_label (kind));
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->note_label, note);
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note != NULL && *note != '\0');

  g_set_object (&self->followup, followup);
  lg_followup_row_update_time (self, now);

  gtk_widget_set_visible (self->actions_box, done_at == 0);
  /* Target first: an action with a parameter and no target yet is an error. */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->done_button),
                                          g_variant_new_int64 (id));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->done_button), "followups.done");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->open_button),
                                          g_variant_new_int64 (lead_id));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->open_button), "app.open-lead");
  /* The last row's menu is stale: the next opening builds this one's. */
  gtk_menu_button_set_menu_model (self->snooze_button, NULL);
}

void
lg_followup_row_show_lead (LgFollowupRow *self,
                           LgLead        *lead,
                           gint64         now)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *waiting = NULL;
  const char *source;

  g_return_if_fail (LG_IS_FOLLOWUP_ROW (self));
  g_return_if_fail (LG_IS_LEAD (lead));

  g_clear_object (&self->followup);
  self->followup_id = 0;
  self->lead_id = lg_lead_get_id (lead);
  gtk_widget_set_visible (GTK_WIDGET (self->header_label), FALSE);
  gtk_widget_set_visible (self->row_box, TRUE);

  gtk_image_set_from_icon_name (self->kind_image, "mail-send-symbolic");
  name = lg_lead_dup_display_name (lead);
  /* Translators: a lead's name and score, e.g. "Leo Martins · score 90" */
  title = lg_lead_get_score (lead) >= 0
          ? g_strdup_printf (_("%s · score %d"), name, lg_lead_get_score (lead))
          : g_strdup (name);
  gtk_label_set_text (self->title_label, title);
  source = lg_lead_get_source_title (lead);
  gtk_label_set_text (self->note_label, source != NULL ? source : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), source != NULL);

  waiting = lg_outreach_describe_waiting (lead, now, NULL);
  gtk_label_set_text (self->due_label, waiting != NULL ? waiting : "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->due_label), "error");
  gtk_widget_set_opacity (GTK_WIDGET (self->due_label), 1.0);

  /* Its next step is Reach Out, in the lead's details. */
  gtk_widget_set_visible (self->actions_box, FALSE);
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->open_button),
                                          g_variant_new_int64 (self->lead_id));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->open_button), "app.open-lead");
  gtk_menu_button_set_menu_model (self->snooze_button, NULL);
}

static void
lg_followup_row_dispose (GObject *object)
{
  g_clear_object (&LG_FOLLOWUP_ROW (object)->followup);
  gtk_widget_dispose_template (GTK_WIDGET (object), LG_TYPE_FOLLOWUP_ROW);

  G_OBJECT_CLASS (lg_followup_row_parent_class)->dispose (object);
}

static void
lg_followup_row_class_init (LgFollowupRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lg_followup_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadgram/Desktop/ui/lg-followup-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LgFollowupRow, header_label);
  gtk_widget_class_bind_template_child (widget_class, LgFollowupRow, row_box);
  gtk_widget_class_bind_template_child (widget_class, LgFollowupRow, kind_image);
  gtk_widget_class_bind_template_child (widget_class, LgFollowupRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, LgFollowupRow, note_label);
  gtk_widget_class_bind_template_child (widget_class, LgFollowupRow, due_label);
  gtk_widget_class_bind_template_child (widget_class, LgFollowupRow, actions_box);
  gtk_widget_class_bind_template_child (widget_class, LgFollowupRow, done_button);
  gtk_widget_class_bind_template_child (widget_class, LgFollowupRow, snooze_button);
  gtk_widget_class_bind_template_child (widget_class, LgFollowupRow, open_button);
  gtk_widget_class_bind_template_callback (widget_class, on_button_query_tooltip_cb);
}

static void
lg_followup_row_init (LgFollowupRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->snooze_button, create_snooze_menu_cb, self, NULL);
}
