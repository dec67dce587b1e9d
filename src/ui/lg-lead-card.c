/* lg-lead-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One lead on the board: name, score, source, value, next step, staleness,
 * a "Move to…" menu, and drag and drop. The card asks the board (its
 * ancestor's "pipeline." actions) to do the moving.
 */

#define G_LOG_DOMAIN "lg-lead-card"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-date-format.h"
#include "lg-format.h"
#include "lg-lead-card.h"
#include "lg-outreach.h"
#include "lg-score-band.h"

struct _LgLeadCard
{
  GtkWidget       parent_instance;

  LgLead         *lead;

  GtkWidget      *box;
  GtkLabel       *name_label;
  GtkLabel       *score_label;
  GtkMenuButton  *menu_button;
  GtkLabel       *source_label;
  GtkLabel       *value_label;
  GtkImage       *due_icon;
  GtkLabel       *due_label;
  GtkLabel       *stale_label;
};

G_DEFINE_FINAL_TYPE (LgLeadCard, lg_lead_card, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LEAD,
  N_PROPS
};

enum {
  LEAD_DROPPED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];
static GMenuModel *card_menu; /* shared: a board has hundreds of cards */

LgLeadCard *
lg_lead_card_new (void)
{
  return g_object_new (LG_TYPE_LEAD_CARD, NULL);
}

LgLead *
lg_lead_card_get_lead (LgLeadCard *self)
{
  g_return_val_if_fail (LG_IS_LEAD_CARD (self), NULL);

  return self->lead;
}

static void
show_due (LgLeadCard *self)
{
  gint64 due = lg_lead_get_next_followup_at (self->lead);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *when = due > 0 ? lg_format_when (due, now, NULL) : NULL;
  g_autofree char *text = NULL;
  GtkWidget *label = GTK_WIDGET (self->due_label);
  LgStage stage = lg_stage_from_id (lg_lead_get_stage (self->lead));

  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "warning");
  gtk_widget_remove_css_class (label, "dim-label");
  gtk_widget_remove_css_class (label, "accent");

  switch (lg_due_state (due, now))
    {
    case LG_DUE_OVERDUE:
      /* TRANSLATORS: a follow-up missed, e.g. "Was due 3 days ago (4 Dec)" */
      text = g_strdup_printf (_("Was due %s"), when);
      gtk_widget_add_css_class (label, "error");
      break;
    case LG_DUE_TODAY:
      /* TRANSLATORS: e.g. "Next step in 2 hours (14:00)" */
      text = g_strdup_printf (_("Next step %s"), when);
      gtk_widget_add_css_class (label, "accent");
      break;
    case LG_DUE_LATER:
      /* TRANSLATORS: e.g. "Next step in 2 hours (14:00)" */
      text = g_strdup_printf (_("Next step %s"), when);
      gtk_widget_add_css_class (label, "dim-label");
      break;
    case LG_DUE_NONE:
    default:
      /* A found lead's first step is the first message: how long it has
       * waited for it. A closed lead needs no next step. */
      text = lg_outreach_describe_waiting (self->lead, now, NULL);
      if (text == NULL)
        text = g_strdup (lg_stage_is_closed (stage) ? "" : _("No next step"));
      gtk_widget_add_css_class (label, "warning");
      break;
    }

  gtk_label_set_label (self->due_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->due_icon), *text != '\0');
}

static void
update (LgLeadCard *self)
{
  g_autofree char *name = NULL;
  g_autofree char *value = NULL;
  g_autofree char *score = NULL;
  g_autofree char *menu_name = NULL;
  int points;
  static const char *bands[] = { "act", "look", "weak" };

  if (self->lead == NULL)
    return;

  name = lg_lead_dup_display_name (self->lead);
  gtk_label_set_label (self->name_label, name);

  points = lg_lead_get_score (self->lead);
  for (guint i = 0; i < G_N_ELEMENTS (bands); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->score_label), bands[i]);
  gtk_widget_set_visible (GTK_WIDGET (self->score_label), points >= 0);
  if (points >= 0)
    {
      score = g_strdup_printf ("%d", points);
      gtk_label_set_label (self->score_label, score);
      gtk_widget_add_css_class (GTK_WIDGET (self->score_label),
                                lg_score_band_id (lg_score_band (points)));
    }

  /* A card is narrow: an imported lead shows the file's name alone. */
  if (lg_lead_get_source_title (self->lead) != NULL)
    gtk_label_set_label (self->source_label, lg_lead_get_source_title (self->lead));
  else if (lg_lead_get_import_file (self->lead) != NULL)
    gtk_label_set_label (self->source_label, lg_lead_get_import_file (self->lead));
  else
    gtk_label_set_label (self->source_label, _("Added by hand"));
  value = lg_lead_get_value (self->lead) != 0
          ? lg_format_money (lg_lead_get_value (self->lead), lg_lead_get_currency (self->lead))
          : g_strdup ("");
  gtk_label_set_label (self->value_label, value);

  show_due (self);

  gtk_widget_set_visible (GTK_WIDGET (self->stale_label), lg_lead_get_stale (self->lead));
  if (lg_lead_get_stale (self->lead))
    gtk_widget_add_css_class (GTK_WIDGET (self), "stale");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "stale");

  /* Screen readers say which lead the menu moves. */
  menu_name = g_strdup_printf (_("Move %s to…"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, menu_name, -1);
}

void
lg_lead_card_set_lead (LgLeadCard *self,
                       LgLead     *lead)
{
  g_return_if_fail (LG_IS_LEAD_CARD (self));
  g_return_if_fail (lead == NULL || LG_IS_LEAD (lead));

  if (!g_set_object (&self->lead, lead))
    return;

  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEAD]);
}

/* The popover is made when the menu is first opened: cards are made
 * afresh as a column scrolls, and a popover menu per card would cost more
 * than the rest of the card. */
static void
create_popup (GtkMenuButton *button,
              gpointer       user_data)
{
  if (gtk_menu_button_get_popover (button) == NULL)
    gtk_menu_button_set_menu_model (button, card_menu);
}

void
lg_lead_card_popup_menu (LgLeadCard *self)
{
  g_return_if_fail (LG_IS_LEAD_CARD (self));

  gtk_menu_button_popup (self->menu_button);
}

static void
move_to_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  LgLeadCard *self = LG_LEAD_CARD (widget);

  if (self->lead != NULL)
    gtk_widget_activate_action (widget, "pipeline.move-lead", "(xs)",
                                lg_lead_get_id (self->lead),
                                g_variant_get_string (parameter, NULL));
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LgLeadCard *self = LG_LEAD_CARD (widget);

  if (self->lead != NULL)
    gtk_widget_activate_action (widget, "pipeline.open-lead", "x", lg_lead_get_id (self->lead));
}

static void
schedule_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LgLeadCard *self = LG_LEAD_CARD (widget);

  if (self->lead != NULL)
    gtk_widget_activate_action (widget, "pipeline.schedule-followup", "x",
                                lg_lead_get_id (self->lead));
}

static void
reach_out_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LgLeadCard *self = LG_LEAD_CARD (widget);

  if (self->lead != NULL)
    gtk_widget_activate_action (widget, "pipeline.reach-out", "x", lg_lead_get_id (self->lead));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LgLeadCard *self = LG_LEAD_CARD (widget);

  if (self->lead != NULL)
    gtk_widget_activate_action (widget, "pipeline.delete-lead", "x", lg_lead_get_id (self->lead));
}

/* Tooltips are answered by the card: gtk_widget_set_tooltip_text() asks the
 * display where the pointer is (an X round trip), and the board makes a
 * thousand cards at once and more while scrolling. */
static gboolean
on_query_tooltip_cb (GtkWidget  *widget,
                     int         x,
                     int         y,
                     gboolean    keyboard_mode,
                     GtkTooltip *tooltip,
                     gpointer    user_data)
{
  LgLeadCard *self = LG_LEAD_CARD (widget);
  GtkWidget *target;

  if (keyboard_mode)
    target = gtk_widget_has_focus (GTK_WIDGET (self->menu_button)) ||
             gtk_widget_get_focus_child (GTK_WIDGET (self->menu_button)) != NULL
             ? GTK_WIDGET (self->menu_button) : NULL;
  else
    target = gtk_widget_pick (widget, x, y, GTK_PICK_DEFAULT);

  for (; target != NULL && target != widget; target = gtk_widget_get_parent (target))
    {
      if (target == GTK_WIDGET (self->score_label))
        {
          /* Not the match of whatever search shows the person now. */
          g_autofree char *text = g_strdup_printf (_("Lead score %d when found: how well the "
                                                     "message that surfaced the lead matched "
                                                     "the search"),
                                                   lg_lead_get_score (self->lead));

          gtk_tooltip_set_text (tooltip, text);
        }
      else if (target == GTK_WIDGET (self->menu_button))
        gtk_tooltip_set_text (tooltip, _("Move to…"));
      else if (target == GTK_WIDGET (self->stale_label))
        gtk_tooltip_set_text (tooltip, _("No touch for longer than this stage allows, "
                                         "and no follow-up scheduled"));
      else
        continue;
      return TRUE;
    }
  return FALSE;
}

/* Drag and drop: the card carries its lead; a card it is dropped on says
 * whether it goes above or below, and shows it while hovering. */

static GdkContentProvider *
on_drag_prepare_cb (GtkDragSource *source,
                    double         x,
                    double         y,
                    LgLeadCard    *self)
{
  if (self->lead == NULL)
    return NULL;
  return gdk_content_provider_new_typed (LG_TYPE_LEAD, self->lead);
}

static void
on_drag_begin_cb (GtkDragSource *source,
                  GdkDrag       *drag,
                  LgLeadCard    *self)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (self));

  gtk_drag_source_set_icon (source, paintable, 20, 20);
  gtk_widget_add_css_class (GTK_WIDGET (self), "dragging");
}

static void
on_drag_end_cb (GtkDragSource *source,
                GdkDrag       *drag,
                gboolean       delete_data,
                LgLeadCard    *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self), "dragging");
}

static gboolean
drop_after (LgLeadCard *self,
            double      y)
{
  return y > gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
}

static GdkDragAction
on_drop_motion_cb (GtkDropTarget *target,
                   double         x,
                   double         y,
                   LgLeadCard    *self)
{
  gboolean after = drop_after (self, y);

  gtk_widget_remove_css_class (GTK_WIDGET (self), after ? "drop-above" : "drop-below");
  gtk_widget_add_css_class (GTK_WIDGET (self), after ? "drop-below" : "drop-above");
  return GDK_ACTION_MOVE;
}

static void
on_drop_leave_cb (GtkDropTarget *target,
                  LgLeadCard    *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self), "drop-above");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "drop-below");
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            LgLeadCard    *self)
{
  LgLead *dropped = g_value_get_object (value);

  on_drop_leave_cb (target, self);
  if (dropped == NULL || self->lead == NULL || dropped == self->lead)
    return FALSE;

  g_signal_emit (self, signals[LEAD_DROPPED], 0, dropped, drop_after (self, y));
  return TRUE;
}

static void
lg_lead_card_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LgLeadCard *self = LG_LEAD_CARD (object);

  switch (prop_id)
    {
    case PROP_LEAD:
      g_value_set_object (value, self->lead);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lg_lead_card_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LgLeadCard *self = LG_LEAD_CARD (object);

  switch (prop_id)
    {
    case PROP_LEAD:
      lg_lead_card_set_lead (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lg_lead_card_dispose (GObject *object)
{
  LgLeadCard *self = LG_LEAD_CARD (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LG_TYPE_LEAD_CARD);
  g_clear_object (&self->lead);

  G_OBJECT_CLASS (lg_lead_card_parent_class)->dispose (object);
}

static void
lg_lead_card_class_init (LgLeadCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  g_autoptr(GtkBuilder) builder = NULL;

  object_class->dispose = lg_lead_card_dispose;
  object_class->get_property = lg_lead_card_get_property;
  object_class->set_property = lg_lead_card_set_property;

  properties[PROP_LEAD] =
    g_param_spec_object ("lead", NULL, "The lead shown",
                         LG_TYPE_LEAD,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LgLeadCard::lead-dropped:
   * @dropped: the lead dragged onto this card
   * @after: whether it goes below this card rather than above
   */
  signals[LEAD_DROPPED] =
    g_signal_new ("lead-dropped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, LG_TYPE_LEAD, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadgram/Desktop/ui/lg-lead-card.ui");
  gtk_widget_class_bind_template_child (widget_class, LgLeadCard, box);
  gtk_widget_class_bind_template_child (widget_class, LgLeadCard, name_label);
  gtk_widget_class_bind_template_child (widget_class, LgLeadCard, score_label);
  gtk_widget_class_bind_template_child (widget_class, LgLeadCard, menu_button);
  gtk_widget_class_bind_template_child (widget_class, LgLeadCard, source_label);
  gtk_widget_class_bind_template_child (widget_class, LgLeadCard, value_label);
  gtk_widget_class_bind_template_child (widget_class, LgLeadCard, due_icon);
  gtk_widget_class_bind_template_child (widget_class, LgLeadCard, due_label);
  gtk_widget_class_bind_template_child (widget_class, LgLeadCard, stale_label);

  builder = gtk_builder_new_from_resource ("/org/leadgram/Desktop/ui/lg-lead-card-menu.ui");
  card_menu = g_object_ref (G_MENU_MODEL (gtk_builder_get_object (builder, "card_menu")));

  gtk_widget_class_install_action (widget_class, "card.move-to", "s", move_to_action);
  gtk_widget_class_install_action (widget_class, "card.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "card.schedule-followup", NULL, schedule_action);
  gtk_widget_class_install_action (widget_class, "card.reach-out", NULL, reach_out_action);
  gtk_widget_class_install_action (widget_class, "card.delete", NULL, delete_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "leadcard");
}

static void
lg_lead_card_init (LgLeadCard *self)
{
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (LG_TYPE_LEAD, GDK_ACTION_MOVE);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_menu_button_set_create_popup_func (self->menu_button, create_popup, NULL, NULL);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), NULL);

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare_cb), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect (source, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (source));

  g_signal_connect (target, "motion", G_CALLBACK (on_drop_motion_cb), self);
  g_signal_connect (target, "enter", G_CALLBACK (on_drop_motion_cb), self);
  g_signal_connect (target, "leave", G_CALLBACK (on_drop_leave_cb), self);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}
