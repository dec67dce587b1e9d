/* lg-result-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-result-row"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-date-format.h"
#include "lg-result-row.h"

#define EXCERPT_CHARS 280

struct _LgResultRow
{
  GtkWidget       parent_instance;

  LgSearchResult *result;
  gulong          notify_id;
  gint64          now;      /* relative dates are from this time */
  char           *search_name;

  GtkWidget      *box;  /* bound so that disposing the template unparents it */
  GtkLabel       *score_label;
  GtkLabel       *name_label;
  GtkLabel       *reason_label;
  GtkWidget      *new_label;
  GtkWidget      *lead_label;
  GtkLabel       *meta_label;
  GtkLabel       *excerpt_label;
  GtkWidget      *add_button;
  GtkButton      *open_button;
  GtkToggleButton *up_button;
  GtkToggleButton *down_button;
  GtkMenuButton  *breakdown_button;
  GtkMenuButton  *more_button;
  GMenuModel     *more_menu;
};

G_DEFINE_FINAL_TYPE (LgResultRow, lg_result_row, GTK_TYPE_WIDGET)

enum {
  ACTION,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What the user did shows on the row: in the pipeline, thumbs. */
static void
sync_state (LgResultRow *self)
{
  gboolean in_pipeline = self->result != NULL && lg_search_result_get_lead_id (self->result) > 0;
  int vote = self->result != NULL ? lg_search_result_get_feedback (self->result) : 0;

  gtk_widget_set_visible (self->lead_label, in_pipeline);
  gtk_widget_set_sensitive (self->add_button, !in_pipeline);
  gtk_toggle_button_set_active (self->up_button, vote > 0);
  gtk_toggle_button_set_active (self->down_button, vote < 0);
}

/* Where and when, and how many more messages of theirs matched. */
static void
sync_meta (LgResultRow *self)
{
  g_autofree char *when = NULL;
  g_autofree char *meta = NULL;
  guint others = lg_search_result_get_other_count (self->result);

  when = lg_format_when (lg_search_result_get_sent_at (self->result), self->now, NULL);
  if (others > 0)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u more message",
                                                            "%u more messages", others),
                                               others);

      meta = g_strjoin (" · ", lg_search_result_get_source_label (self->result), when, more,
                        NULL);
    }
  else
    meta = g_strjoin (" · ", lg_search_result_get_source_label (self->result), when, NULL);
  gtk_label_set_label (self->meta_label, meta);
}

/* A lead's card has a score too (when it was found, for the search that found
 * it): this one says what it is a match for. */
static void
sync_badge_tooltip (LgResultRow *self)
{
  int score = lg_search_result_get_score (self->result);
  g_autofree char *text = NULL;

  if (self->search_name != NULL && *self->search_name != '\0')
    /* Translators: "Match 57 for ‘Website for restaurants’" */
    text = g_strdup_printf (_("Match %d for ‘%s’"), score, self->search_name);
  else
    text = g_strdup_printf (_("Match %d for what you sell"), score);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->score_label), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->score_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

/* What they do; feedback is named where it moved this row, not on every row
 * it touched. */
static void
sync_reason (LgResultRow *self)
{
  int move = lg_search_result_get_feedback_move (self->result);
  g_autofree char *reason = NULL;

  if (move != 0)
    reason = g_strdup_printf (move > 0 ? _("%s; ranked up by your feedback")
                                       : _("%s; ranked down by your feedback"),
                              lg_search_result_get_summary (self->result));
  gtk_label_set_label (self->reason_label,
                       reason != NULL ? reason : lg_search_result_get_summary (self->result));
}

static void
on_result_notify_cb (LgResultRow *self,
                     GParamSpec  *pspec)
{
  if (g_str_equal (pspec->name, "other-count"))
    sync_meta (self);
  else if (g_str_equal (pspec->name, "feedback-move"))
    sync_reason (self);
  else
    sync_state (self);
}

/* A message is opened where it was written: Telegram for t.me links, the
 * browser for a feed's post; a chat export's message has no link. */
static void
sync_open_button (LgResultRow *self)
{
  const char *link = lg_search_result_get_link (self->result);

  gtk_widget_set_visible (GTK_WIDGET (self->open_button), link != NULL);
  gtk_button_set_label (self->open_button,
                        link != NULL && g_str_has_prefix (link, "https://t.me/")
                        ? _("Open in Telegram") : _("Open in Browser"));
}

void
lg_result_row_set_result (LgResultRow    *self,
                          LgSearchResult *result,
                          gint64          now)
{
  static const char * const bands[] = { "weak", "look", "act" };
  g_autofree char *score = NULL;
  g_autofree char *excerpt = NULL;

  g_return_if_fail (LG_IS_RESULT_ROW (self));

  if (self->result != NULL)
    g_clear_signal_handler (&self->notify_id, self->result);
  g_set_object (&self->result, result);
  for (guint i = 0; i < G_N_ELEMENTS (bands); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->score_label), bands[i]);
  if (result == NULL)
    return;

  self->notify_id = g_signal_connect_swapped (result, "notify", G_CALLBACK (on_result_notify_cb),
                                              self);
  score = g_strdup_printf ("%d", lg_search_result_get_score (result));
  gtk_label_set_label (self->score_label, score);
  sync_badge_tooltip (self);
  gtk_widget_add_css_class (GTK_WIDGET (self->score_label),
                            bands[lg_score_band (lg_search_result_get_score (result))]);
  gtk_label_set_label (self->name_label, lg_search_result_get_author_label (result));
  sync_reason (self);

  self->now = now;
  sync_meta (self);

  excerpt = lg_search_result_dup_excerpt (result, EXCERPT_CHARS, TRUE);
  gtk_label_set_markup (self->excerpt_label, excerpt);
  sync_open_button (self);
  gtk_widget_set_visible (self->new_label, lg_search_result_get_is_new (result));
  sync_state (self);
}

void
lg_result_row_set_search_name (LgResultRow *self,
                               const char  *name)
{
  g_return_if_fail (LG_IS_RESULT_ROW (self));

  if (g_strcmp0 (self->search_name, name) == 0)
    return;
  g_free (self->search_name);
  self->search_name = g_strdup (name);
  if (self->result != NULL)
    sync_badge_tooltip (self);
}

LgSearchResult *
lg_result_row_get_result (LgResultRow *self)
{
  g_return_val_if_fail (LG_IS_RESULT_ROW (self), NULL);

  return self->result;
}

static void
add_grid_label (GtkGrid    *grid,
                const char *text,
                int         column,
                int         row,
                const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 1 ? 1 : 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

/* Built when opened, popover and all: most breakdowns are never looked at,
 * and every row of a search is created at once. */
static void
create_breakdown_popup_cb (GtkMenuButton *button,
                           gpointer       user_data)
{
  LgResultRow *self = LG_RESULT_ROW (user_data);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *popover = gtk_popover_new ();

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_set_margin_top (grid, 6);
  gtk_widget_set_margin_bottom (grid, 6);
  gtk_widget_set_margin_start (grid, 6);
  gtk_widget_set_margin_end (grid, 6);
  gtk_popover_set_child (GTK_POPOVER (popover), grid);
  /* A new one each time: the row may show another result since. */
  gtk_menu_button_set_popover (button, popover);
  if (self->result == NULL)
    return;

  add_grid_label (GTK_GRID (grid), _("Signal"), 0, 0, "heading");
  add_grid_label (GTK_GRID (grid), _("Points"), 1, 0, "heading");
  add_grid_label (GTK_GRID (grid), _("Evidence"), 2, 0, "heading");
  /* Where a message with every signal neutral stands; each signal then adds
   * or takes away, and the rows add up to the score on the badge. */
  {
    g_autofree char *base = g_strdup_printf ("%d", lg_search_result_get_base (self->result));

    add_grid_label (GTK_GRID (grid), _("Starting point"), 0, 1, NULL);
    add_grid_label (GTK_GRID (grid), base, 1, 1, "numeric");
    add_grid_label (GTK_GRID (grid), _("a message that is neither more nor less likely a "
                                       "buyer, half about your offer, sent just now"),
                    2, 1, "dim-label");
  }
  for (guint i = 0; i < LG_N_SIGNALS; i++)
    {
      const char * const *evidence = lg_search_result_get_evidence (self->result, i);
      g_autofree char *points = g_strdup_printf ("%+d",
                                                 lg_search_result_get_contribution (self->result,
                                                                                    i));
      g_autofree char *words = NULL;

      if (i == LG_SIGNAL_RECENCY && lg_search_result_get_sent_at (self->result) > 0)
        {
          g_autofree char *age = lg_format_when (lg_search_result_get_sent_at (self->result),
                                                 self->now, NULL);

          /* Translators: %s is when, e.g. "7 days ago (30 Nov)" */
          words = g_strdup_printf (_("sent %s: older messages count less"), age);
        }
      else if (evidence != NULL && evidence[0] != NULL)
        words = g_strjoinv (", ", (GStrv) evidence);
      add_grid_label (GTK_GRID (grid), lg_signal_get_label (i), 0, i + 2, NULL);
      add_grid_label (GTK_GRID (grid), points, 1, i + 2, "numeric");
      add_grid_label (GTK_GRID (grid), words != NULL ? words : "—", 2, i + 2, "dim-label");
    }
  {
    g_autofree char *total = g_strdup_printf ("%d", lg_search_result_get_score (self->result));

    add_grid_label (GTK_GRID (grid), _("Score"), 0, LG_N_SIGNALS + 2, "heading");
    add_grid_label (GTK_GRID (grid), total, 1, LG_N_SIGNALS + 2, "numeric");
  }
}

/* The menu's popover is made when first opened, as the breakdown's. */
static void
create_more_popup_cb (GtkMenuButton *button,
                      gpointer       user_data)
{
  LgResultRow *self = LG_RESULT_ROW (user_data);

  if (gtk_menu_button_get_popover (button) == NULL)
    gtk_menu_button_set_menu_model (button, self->more_menu);
}

static void
row_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  static const struct { const char *name; LgResultAction action; } map[] = {
    { "row.add", LG_RESULT_ACTION_ADD },
    { "row.dismiss", LG_RESULT_ACTION_DISMISS },
    { "row.thumbs-up", LG_RESULT_ACTION_THUMBS_UP },
    { "row.thumbs-down", LG_RESULT_ACTION_THUMBS_DOWN },
    { "row.open", LG_RESULT_ACTION_OPEN },
    { "row.copy-link", LG_RESULT_ACTION_COPY_LINK },
    { "row.follow-up", LG_RESULT_ACTION_FOLLOW_UP },
    { "row.reach-out", LG_RESULT_ACTION_REACH_OUT },
  };
  g_autoptr(LgResultRow) self = g_object_ref (LG_RESULT_ROW (widget));

  if (self->result == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_str_equal (action_name, map[i].name))
      g_signal_emit (self, signals[ACTION], 0, map[i].action);
  /* A toggle shows the stored vote, not the click; unless the action took
   * the row away (dismissed, the list dropped it). */
  if (self->result != NULL)
    sync_state (self);
}

static void
lg_result_row_dispose (GObject *object)
{
  LgResultRow *self = LG_RESULT_ROW (object);

  if (self->result != NULL)
    g_clear_signal_handler (&self->notify_id, self->result);
  g_clear_object (&self->result);
  g_clear_pointer (&self->search_name, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), LG_TYPE_RESULT_ROW);

  G_OBJECT_CLASS (lg_result_row_parent_class)->dispose (object);
}

static void
lg_result_row_class_init (LgResultRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char * const actions[] = {
    "row.add", "row.dismiss", "row.thumbs-up", "row.thumbs-down", "row.open", "row.copy-link",
    "row.follow-up", "row.reach-out",
  };

  object_class->dispose = lg_result_row_dispose;

  /**
   * LgResultRow::action:
   * @action: an #LgResultAction
   *
   * The user asked for @action on the row's result.
   */
  signals[ACTION] = g_signal_new ("action", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadgram/Desktop/ui/lg-result-row.ui");
  gtk_widget_class_bind_template_child (widget_class, LgResultRow, box);
  gtk_widget_class_bind_template_child (widget_class, LgResultRow, score_label);
  gtk_widget_class_bind_template_child (widget_class, LgResultRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, LgResultRow, reason_label);
  gtk_widget_class_bind_template_child (widget_class, LgResultRow, new_label);
  gtk_widget_class_bind_template_child (widget_class, LgResultRow, lead_label);
  gtk_widget_class_bind_template_child (widget_class, LgResultRow, meta_label);
  gtk_widget_class_bind_template_child (widget_class, LgResultRow, excerpt_label);
  gtk_widget_class_bind_template_child (widget_class, LgResultRow, add_button);
  gtk_widget_class_bind_template_child (widget_class, LgResultRow, open_button);
  gtk_widget_class_bind_template_child (widget_class, LgResultRow, up_button);
  gtk_widget_class_bind_template_child (widget_class, LgResultRow, down_button);
  gtk_widget_class_bind_template_child (widget_class, LgResultRow, breakdown_button);
  gtk_widget_class_bind_template_child (widget_class, LgResultRow, more_button);
  gtk_widget_class_bind_template_child (widget_class, LgResultRow, more_menu);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_class_install_action (widget_class, actions[i], NULL, row_action);
}

static void
lg_result_row_init (LgResultRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->breakdown_button, create_breakdown_popup_cb, self,
                                         NULL);
  gtk_menu_button_set_create_popup_func (self->more_button, create_more_popup_cb, self, NULL);
}

GtkWidget *
lg_result_row_new (void)
{
  return g_object_new (LG_TYPE_RESULT_ROW, NULL);
}
