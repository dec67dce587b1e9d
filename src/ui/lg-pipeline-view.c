/* lg-pipeline-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The board: a column per stage (Lost on request), each a one-column
 * GtkGridView of cards, with count, total and weighted value in its header; a filter bar;
 * the lead detail in a side flap. The leads are read in one query on a
 * worker thread with its own connection and handed to the columns in one
 * splice each, so ten thousand leads open without blocking the window.
 */

#define G_LOG_DOMAIN "lg-pipeline-view"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-followup-dialog.h"
#include "lg-lead-card.h"
#include "lg-lead-detail.h"
#include "lg-lead-validate.h"
#include "lg-metrics-format.h"
#include "lg-pipeline-view.h"
#include "lg-ui-util.h"

typedef struct
{
  GtkWidget   *box;
  GtkLabel    *title;
  GtkLabel    *count;
  GtkLabel    *totals;
  GtkGridView *list;
  GListStore  *model;
  LgStageTotals sums;  /* what the header shows */
} Column;

/* Where refresh_lead() puts a card in its column. */
#define PLACE_AT_END   0
#define PLACE_AS_BEFORE (-1) /* where it was, or at the end if it was not shown */

struct _LgPipelineView
{
  GtkWidget       parent_instance;

  LgStore        *store;
  GSettings      *settings;
  GCancellable   *cancellable;
  gboolean        loading;
  gboolean        reload_again;  /* a change came while loading */
  gint64          focus_lead_id; /* the card to focus once loaded */
  gint64          changed_lead_id; /* the one lead a "changed" signal is about */
  guint           focus_tick;
  guint           focus_tries;
  GArray         *source_ids;    /* gint64, parallel to source_dropdown */
  LgDeletedLead  *deleted;       /* for Undo */
  GHashTable     *cards;         /* the bound LgLeadCards, to mark the open one */

  Column          columns[LG_N_STAGES];

  AdwFlap        *flap;
  GtkSearchEntry *search_entry;
  GtkDropDown    *source_dropdown;
  GtkDropDown    *qualification_dropdown;
  GtkToggleButton *stale_button;
  GtkToggleButton *lost_button;
  GtkStack       *stack;
  GtkBox         *columns_box;
  LgLeadDetail   *detail;
};

G_DEFINE_FINAL_TYPE (LgPipelineView, lg_pipeline_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const qualification_ids[] = { NULL, "unqualified", "mql", "sql", "pql" };

static void reload (LgPipelineView *self);

LgPipelineView *
lg_pipeline_view_new (void)
{
  return g_object_new (LG_TYPE_PIPELINE_VIEW, NULL);
}

gboolean
lg_pipeline_view_get_loading (LgPipelineView *self)
{
  g_return_val_if_fail (LG_IS_PIPELINE_VIEW (self), FALSE);

  return self->loading;
}

GListModel *
lg_pipeline_view_get_column (LgPipelineView *self,
                             LgStage         stage)
{
  g_return_val_if_fail (LG_IS_PIPELINE_VIEW (self), NULL);
  g_return_val_if_fail (stage >= 0 && stage < LG_N_STAGES, NULL);

  return G_LIST_MODEL (self->columns[stage].model);
}

static void
get_rules (LgPipelineView  *self,
           LgPipelineRules *rules)
{
  lg_pipeline_rules_init_defaults (rules);
  for (LgStage stage = LG_STAGE_COLD; stage <= LG_STAGE_WON; stage++)
    {
      g_autofree char *key = g_strdup_printf ("probability-%s", lg_stage_id (stage));

      rules->probability[stage] = g_settings_get_uint (self->settings, key);
    }
  for (LgStage stage = LG_STAGE_COLD; stage <= LG_STAGE_HOT; stage++)
    {
      g_autofree char *key = g_strdup_printf ("stale-days-%s", lg_stage_id (stage));

      rules->stale_days[stage] = g_settings_get_uint (self->settings, key);
    }
}

/* Loading: the worker's half. */

typedef struct
{
  char           *path;
  char           *text;
  gint64          source_id;
  const char     *qualification;
  gboolean        stale_only;
  LgPipelineRules rules;
  gint64          now;

  GPtrArray      *leads[LG_N_STAGES];
  LgStageTotals   totals[LG_N_STAGES];
  GError         *error;
} Load;

static void
load_free (gpointer data)
{
  Load *load = data;

  g_free (load->path);
  g_free (load->text);
  for (int i = 0; i < LG_N_STAGES; i++)
    g_clear_pointer (&load->leads[i], g_ptr_array_unref);
  g_clear_error (&load->error);
  g_free (load);
}

static void
load_filter (const Load   *load,
             LgLeadFilter *filter)
{
  *filter = (LgLeadFilter) {
    .text = load->text,
    .source_id = load->source_id,
    .qualification = load->qualification,
    .stale_only = load->stale_only,
  };
}

static gboolean
load_is_filtered (const Load *load)
{
  return load->text != NULL || load->source_id != 0 || load->qualification != NULL ||
         load->stale_only;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Load *load = task_data;
  g_autoptr(LgStore) store = NULL;
  g_autoptr(GListModel) leads = NULL;
  LgLeadFilter filter;
  guint n;

  load_filter (load, &filter);

  store = lg_store_open (load->path, &load->error);
  if (store == NULL)
    return;

  leads = lg_store_list_leads (store, &filter, &load->rules, load->now, &load->error);
  if (leads == NULL ||
      !lg_store_get_stage_totals (store, &filter, &load->rules, load->now, load->totals,
                                  &load->error))
    return;

  n = g_list_model_get_n_items (leads);
  for (int i = 0; i < LG_N_STAGES; i++)
    load->leads[i] = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      LgLead *lead = g_list_model_get_item (leads, i);

      g_ptr_array_add (load->leads[lg_stage_from_id (lg_lead_get_stage (lead))], lead);
    }
}

static void
run_load (GTask        *task,
          gpointer      source_object,
          gpointer      task_data,
          GCancellable *cancellable)
{
  /* Failures travel in the Load, for the main thread to show. */
  load_thread (task, source_object, task_data, cancellable);
  g_task_return_boolean (task, TRUE);
}

/* Loading: back on the main thread. */

static GtkWidget *
find_row (Column *column,
          gint64  id)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (column->list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *card = gtk_widget_get_first_child (row);

      if (LG_IS_LEAD_CARD (card) && lg_lead_card_get_lead (LG_LEAD_CARD (card)) != NULL &&
          lg_lead_get_id (lg_lead_card_get_lead (LG_LEAD_CARD (card))) == id)
        return row;
    }
  return NULL;
}

static gboolean
find_lead (LgPipelineView *self,
           gint64          id,
           LgStage        *stage,
           guint          *position)
{
  for (int s = 0; s < LG_N_STAGES; s++)
    {
      GListModel *model = G_LIST_MODEL (self->columns[s].model);

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(LgLead) lead = g_list_model_get_item (model, i);

          if (lg_lead_get_id (lead) == id)
            {
              *stage = s;
              *position = i;
              return TRUE;
            }
        }
    }
  return FALSE;
}

/* Keyboard moves keep the moved card focused, in its new place. The row
 * exists once the list has laid out, so this retries for a few frames. */
static gboolean
try_focus (LgPipelineView *self)
{
  LgStage stage;
  guint position;
  GtkWidget *row;

  if (self->focus_lead_id == 0 || !find_lead (self, self->focus_lead_id, &stage, &position))
    return TRUE;

  gtk_widget_activate_action (GTK_WIDGET (self->columns[stage].list), "list.scroll-to-item", "u",
                              position);
  row = find_row (&self->columns[stage], self->focus_lead_id);
  if (row == NULL)
    return FALSE;
  gtk_widget_grab_focus (row);
  return TRUE;
}

static gboolean
focus_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  LgPipelineView *self = LG_PIPELINE_VIEW (widget);

  if (try_focus (self) || ++self->focus_tries > 10)
    {
      self->focus_lead_id = 0;
      self->focus_tick = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
restore_focus (LgPipelineView *self)
{
  if (try_focus (self))
    {
      self->focus_lead_id = 0;
      return;
    }
  self->focus_tries = 0;
  if (self->focus_tick == 0)
    self->focus_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), focus_tick_cb, NULL, NULL);
}

/* Amounts in different currencies cannot be added: the column's total is
 * one line per currency its leads use, in the order they first appear,
 * each with its weighted value (share is the stage's probability, the same
 * for every lead of the column) unless the stage is closed. */
static char *
format_totals (Column *column,
               LgStage stage,
               double  share)
{
  GListModel *model = G_LIST_MODEL (column->model);
  g_autoptr(GHashTable) sums = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GPtrArray) order = g_ptr_array_new_with_free_func (g_free);
  GString *text = g_string_new (NULL);
  gboolean any_value = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LgLead) lead = g_list_model_get_item (model, i);
      const char *code = lg_lead_get_currency (lead) != NULL ? lg_lead_get_currency (lead) : "";
      gint64 *sum = g_hash_table_lookup (sums, code);

      if (sum == NULL)
        {
          char *key = g_strdup (code);

          sum = g_new0 (gint64, 1);
          g_ptr_array_add (order, key);
          g_hash_table_insert (sums, key, sum);
        }
      *sum += lg_lead_get_value (lead);
      any_value |= *sum != 0;
    }
  /* An empty column still says what it is worth. */
  if (order->len == 0)
    {
      g_ptr_array_add (order, g_strdup ("USD"));
      g_hash_table_insert (sums, g_ptr_array_index (order, 0), g_new0 (gint64, 1));
    }

  for (guint i = 0; i < order->len; i++)
    {
      const char *code = g_ptr_array_index (order, i);
      gint64 sum = *(gint64 *) g_hash_table_lookup (sums, code);
      g_autofree char *value = NULL;
      g_autofree char *weighted = NULL;

      /* Leads without a value say nothing about their currency: "$0" beside
       * "€4,500" would only be noise. */
      if (any_value && sum == 0)
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      value = lg_format_money (sum, code);
      if (lg_stage_is_closed (stage))
        {
          g_string_append (text, value);
          continue;
        }
      weighted = lg_format_money ((double) sum * share, code);
      /* TRANSLATORS: a column's total value, then the value weighted by the win probability */
      g_string_append_printf (text, _("%s · weighted %s"), value, weighted);
    }
  return g_string_free (text, FALSE);
}

static void
show_header (Column  *column,
             LgStage  stage)
{
  const LgStageTotals *totals = &column->sums;
  g_autofree char *count = g_strdup_printf ("%u", totals->count);
  g_autofree char *text = NULL;
  double share = totals->value != 0 ? (double) totals->weighted / totals->value : 0;

  text = format_totals (column, stage, share);
  gtk_label_set_label (column->count, count);
  gtk_label_set_label (column->totals, text);
}

static void
show_board_or_empty (LgPipelineView *self,
                     gboolean        filtered)
{
  guint total = 0;

  for (int s = 0; s < LG_N_STAGES; s++)
    total += self->columns[s].sums.count;
  gtk_stack_set_visible_child_name (self->stack, total > 0 || filtered ? "board" : "empty");
}

static void
on_load_done_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LgPipelineView *self = LG_PIPELINE_VIEW (source_object);
  Load *load = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    return; /* cancelled: a newer load is on its way */

  self->loading = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);

  if (load->error != NULL)
    {
      lg_widget_show_error (GTK_WIDGET (self), load->error);
      return;
    }

  for (int s = 0; s < LG_N_STAGES; s++)
    {
      Column *column = &self->columns[s];

      g_list_store_splice (column->model, 0, g_list_model_get_n_items (G_LIST_MODEL (column->model)),
                           load->leads[s]->pdata, load->leads[s]->len);
      column->sums = load->totals[s];
      show_header (column, s);
    }
  show_board_or_empty (self, load_is_filtered (load));

  restore_focus (self);

  if (self->reload_again)
    reload (self);
}

/* What the board shows, as the filter bar and the settings say now. */
static void
read_filter_bar (LgPipelineView *self,
                 Load           *load)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint source = gtk_drop_down_get_selected (self->source_dropdown);
  guint qualification = gtk_drop_down_get_selected (self->qualification_dropdown);

  load->text = *text != '\0' ? g_strdup (text) : NULL;
  load->source_id = source < self->source_ids->len
                    ? g_array_index (self->source_ids, gint64, source) : 0;
  load->qualification = qualification_ids[MIN (qualification,
                                               G_N_ELEMENTS (qualification_ids) - 1)];
  load->stale_only = gtk_toggle_button_get_active (self->stale_button);
  get_rules (self, &load->rules);
  load->now = g_get_real_time () / G_USEC_PER_SEC;
}

gboolean
lg_pipeline_view_get_filter (LgPipelineView  *self,
                             LgLeadFilter    *filter,
                             char           **text,
                             LgPipelineRules *rules)
{
  Load load = { 0 };
  gboolean filtered;

  g_return_val_if_fail (LG_IS_PIPELINE_VIEW (self), FALSE);
  g_return_val_if_fail (filter != NULL && text != NULL && rules != NULL, FALSE);

  read_filter_bar (self, &load);
  load_filter (&load, filter);
  filtered = load_is_filtered (&load);
  *rules = load.rules;
  *text = g_steal_pointer (&load.text);
  return filtered;
}

static void
add_to_totals (Column                *column,
               LgStage                stage,
               LgLead                *lead,
               int                    sign,
               const LgPipelineRules *rules)
{
  column->sums.count += sign;
  column->sums.value += sign * lg_lead_get_value (lead);
  column->sums.weighted = lg_pipeline_weighted_value (rules, stage, column->sums.value);
}

/* Shows one lead's new state in place of reading the whole board again: a
 * move changes two columns and their headers, not ten thousand cards. The
 * lead goes just before the card of before_id, or see PLACE_AT_END and
 * PLACE_AS_BEFORE; it leaves the board when it no longer passes the filter
 * (or was deleted). */
static void
refresh_lead (LgPipelineView *self,
              gint64          id,
              gint64          before_id)
{
  g_autoptr(GListModel) found = NULL;
  g_autoptr(GError) error = NULL;
  Load query = { 0 };
  LgLeadFilter filter;
  LgStage stage = LG_STAGE_INVALID;
  guint position = G_MAXUINT;

  read_filter_bar (self, &query);
  load_filter (&query, &filter);
  filter.lead_id = id;
  found = lg_store_list_leads (self->store, &filter, &query.rules, query.now, &error);
  g_free (query.text);
  if (found == NULL)
    {
      lg_widget_show_error (GTK_WIDGET (self), error);
      return;
    }

  if (find_lead (self, id, &stage, &position))
    {
      Column *column = &self->columns[stage];
      g_autoptr(LgLead) old = g_list_model_get_item (G_LIST_MODEL (column->model), position);
      g_autoptr(LgLead) lead = g_list_model_get_n_items (found) > 0
                               ? g_list_model_get_item (found, 0) : NULL;

      add_to_totals (column, stage, old, -1, &query.rules);
      /* Edited where it stands: one splice, so that the column does not
       * scroll (a removal of the card at the top moves the list's anchor to
       * the next one, and the edited card out of sight, at every save). */
      if (lead != NULL && before_id == PLACE_AS_BEFORE &&
          lg_stage_from_id (lg_lead_get_stage (lead)) == stage)
        {
          g_list_store_splice (column->model, position, 1, (gpointer *) &lead, 1);
          add_to_totals (column, stage, lead, +1, &query.rules);
          show_header (column, stage);
          restore_focus (self);
          return;
        }
      g_list_store_remove (column->model, position);
      show_header (column, stage);
    }

  if (g_list_model_get_n_items (found) > 0)
    {
      g_autoptr(LgLead) lead = g_list_model_get_item (found, 0);
      LgStage to = lg_stage_from_id (lg_lead_get_stage (lead));
      Column *column = &self->columns[to];
      guint n = g_list_model_get_n_items (G_LIST_MODEL (column->model));
      LgStage before_stage;
      guint before;

      position = before_id > 0 && find_lead (self, before_id, &before_stage, &before) &&
                 before_stage == to ? before : n;
      g_list_store_insert (column->model, position, lead);
      add_to_totals (column, to, lead, +1, &query.rules);
      show_header (column, to);
    }

  show_board_or_empty (self, load_is_filtered (&query));
  restore_focus (self);
}

/* Tells the other views that one lead changed, which this board has shown
 * already (refresh_lead()). */
static void
announce_lead (LgPipelineView *self,
               gint64          id)
{
  self->changed_lead_id = id;
  lg_store_notify_changed (self->store, "leads");
  self->changed_lead_id = 0;
}

static void
reload (LgPipelineView *self)
{
  g_autoptr(GTask) task = NULL;
  Load *load;

  if (self->store == NULL)
    return;

  /* Changes while loading are picked up by one more load at the end. */
  if (self->loading)
    {
      self->reload_again = TRUE;
      return;
    }
  self->reload_again = FALSE;

  load = g_new0 (Load, 1);
  load->path = g_strdup (lg_store_get_path (self->store));
  read_filter_bar (self, load);

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);

  task = g_task_new (self, self->cancellable, on_load_done_cb, NULL);
  g_task_set_source_tag (task, reload);
  g_task_set_task_data (task, load, load_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, run_load);
}

static void
on_filter_changed_cb (LgPipelineView *self)
{
  reload (self);
}

static void
fill_source_filter (LgPipelineView *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GListModel) sources = NULL;
  g_autoptr(GError) error = NULL;
  guint selected = gtk_drop_down_get_selected (self->source_dropdown);
  gint64 selected_id = selected < self->source_ids->len
                       ? g_array_index (self->source_ids, gint64, selected) : 0;
  gint64 any = 0;

  g_array_set_size (self->source_ids, 0);
  gtk_string_list_append (names, _("All Sources"));
  g_array_append_val (self->source_ids, any);
  selected = 0;

  sources = self->store != NULL ? lg_store_list_sources (self->store, &error) : NULL;
  for (guint i = 0; sources != NULL && i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(LgSource) source = g_list_model_get_item (sources, i);
      gint64 id = lg_source_get_id (source);

      gtk_string_list_append (names, lg_source_get_title (source) && *lg_source_get_title (source)
                                     ? lg_source_get_title (source) : lg_source_get_handle (source));
      g_array_append_val (self->source_ids, id);
      if (id == selected_id)
        selected = i + 1;
    }

  g_signal_handlers_block_by_func (self->source_dropdown, on_filter_changed_cb, self);
  gtk_drop_down_set_model (self->source_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->source_dropdown, selected);
  g_signal_handlers_unblock_by_func (self->source_dropdown, on_filter_changed_cb, self);
}

static void
on_detail_lead_changed_cb (LgLeadDetail   *detail,
                           gint64          id,
                           LgPipelineView *self)
{
  refresh_lead (self, id, PLACE_AS_BEFORE);
  self->changed_lead_id = id; /* for the store's "changed" that follows */
}

static void
on_store_changed_cb (LgStore        *store,
                     const char     *table,
                     LgPipelineView *self)
{
  gint64 id = self->changed_lead_id;

  self->changed_lead_id = 0;
  if (g_strcmp0 (table, "sources") == 0)
    fill_source_filter (self);
  /* A change to one lead (or its follow-ups) made here is already on the
   * board, unless a load was running, whose result may predate it. */
  if ((g_strcmp0 (table, "leads") == 0 || g_strcmp0 (table, "followups") == 0) &&
      id != 0 && !self->loading)
    return;
  reload (self);
}

void
lg_pipeline_view_set_store (LgPipelineView *self,
                            LgStore        *store)
{
  g_return_if_fail (LG_IS_PIPELINE_VIEW (self));
  g_return_if_fail (store == NULL || LG_IS_STORE (store));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  lg_lead_detail_set_store (self->detail, store);

  if (store == NULL)
    return;

  g_signal_connect_object (store, "changed::leads", G_CALLBACK (on_store_changed_cb), self, 0);
  g_signal_connect_object (store, "changed::followups", G_CALLBACK (on_store_changed_cb), self, 0);
  g_signal_connect_object (store, "changed::sources", G_CALLBACK (on_store_changed_cb), self, 0);
  fill_source_filter (self);
  reload (self);
}

/* Shows only the leads of one source (0: all), as the source filter does; for
 * Insights, whose per-source rows and bars lead here. */
void
lg_pipeline_view_filter_source (LgPipelineView *self,
                                gint64          source_id)
{
  g_return_if_fail (LG_IS_PIPELINE_VIEW (self));

  for (guint i = 0; i < self->source_ids->len; i++)
    if (g_array_index (self->source_ids, gint64, i) == source_id)
      {
        gtk_drop_down_set_selected (self->source_dropdown, i);
        return;
      }
}

/* Moving. */

static LgLead *
lookup_lead (LgPipelineView *self,
             gint64          id)
{
  LgStage stage;
  guint position;

  if (find_lead (self, id, &stage, &position))
    return g_list_model_get_item (G_LIST_MODEL (self->columns[stage].model), position);
  return lg_store_get_lead (self->store, id, NULL);
}

static GtkWindow *
parent_window (LgPipelineView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
move_now (LgPipelineView *self,
          gint64          id,
          LgStage         stage,
          gint64          before_id,
          const char     *reason)
{
  g_autoptr(GError) error = NULL;

  if (!lg_store_move_lead (self->store, id, stage, before_id, reason, &error))
    {
      lg_widget_show_error (GTK_WIDGET (self), error);
      return;
    }
  self->focus_lead_id = id;
  refresh_lead (self, id, before_id);
  announce_lead (self, id);
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
            *reason != '\0' ? reason : NULL);
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
    {
      lg_lead_set_value (lead, value);
      if (!lg_store_update_lead (self->store, lead, "edit", NULL, &error))
        {
          lg_widget_show_error (GTK_WIDGET (self), error);
          return;
        }
    }
  move_now (self, pending->id, pending->stage, pending->before_id, NULL);
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
      move_now (self, id, stage, before_id, NULL);
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
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self), _("Mark as Lost?"), body));
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
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self), _("Mark as Won?"), body));
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

      move_now (self, lg_lead_get_id (lead), stage, lg_lead_get_id (previous), NULL);
    }
  else if (g_str_equal (action_name, "pipeline.move-down") && position + 1 < n)
    {
      g_autoptr(LgLead) after_next = position + 2 < n ? g_list_model_get_item (model, position + 2)
                                                      : NULL;

      move_now (self, lg_lead_get_id (lead), stage,
                after_next != NULL ? lg_lead_get_id (after_next) : 0, NULL);
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

/* Opens a lead's detail beside the board: from a card, a notification or
 * the follow-ups list. */
/* The card whose detail is open looks selected, so the user sees which one
 * the pane beside the board is about. */
static void
mark_card (LgPipelineView *self,
           LgLeadCard     *card)
{
  LgLead *lead = lg_lead_card_get_lead (card);
  gint64 open = lg_pipeline_view_get_open_lead (self);

  if (lead != NULL && open != 0 && lg_lead_get_id (lead) == open)
    gtk_widget_add_css_class (GTK_WIDGET (card), "open");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (card), "open");
}

static void
mark_open_card (LgPipelineView *self)
{
  GHashTableIter iter;
  gpointer card;

  g_hash_table_iter_init (&iter, self->cards);
  while (g_hash_table_iter_next (&iter, &card, NULL))
    mark_card (self, card);
}

static void
on_flap_reveal_changed_cb (AdwFlap        *flap,
                           GParamSpec     *pspec,
                           LgPipelineView *self)
{
  mark_open_card (self);
}

void
lg_pipeline_view_open_lead (LgPipelineView *self,
                            gint64          id)
{
  g_return_if_fail (LG_IS_PIPELINE_VIEW (self));

  lg_lead_detail_show_lead (self->detail, id);
  adw_flap_set_reveal_flap (self->flap, TRUE);
  mark_open_card (self);
}

/* The lead whose detail is open, or 0. */
gint64
lg_pipeline_view_get_open_lead (LgPipelineView *self)
{
  g_return_val_if_fail (LG_IS_PIPELINE_VIEW (self), 0);

  return adw_flap_get_reveal_flap (self->flap) ? lg_lead_detail_get_lead_id (self->detail) : 0;
}

static void
open_lead_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  lg_pipeline_view_open_lead (LG_PIPELINE_VIEW (widget), g_variant_get_int64 (parameter));
}

static void
on_list_activate_cb (GtkGridView    *list,
                     guint           position,
                     LgPipelineView *self)
{
  g_autoptr(LgLead) lead = g_list_model_get_item (G_LIST_MODEL (gtk_grid_view_get_model (list)),
                                                  position);

  if (lead != NULL)
    lg_pipeline_view_open_lead (self, lg_lead_get_id (lead));
}

/* Scheduling from a card's menu or the detail: the card shows its new next
 * step at once, before the store's "changed::followups" that follows. */
static void
on_followup_scheduled_cb (LgFollowupDialog *dialog,
                          LgFollowup       *followup,
                          LgPipelineView   *self)
{
  gint64 id = lg_followup_get_lead_id (followup);

  refresh_lead (self, id, PLACE_AS_BEFORE);
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
close_detail_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LgPipelineView *self = LG_PIPELINE_VIEW (widget);

  self->focus_lead_id = lg_lead_detail_get_lead_id (self->detail);
  adw_flap_set_reveal_flap (self->flap, FALSE);
  restore_focus (self);
}

/* Delete and Undo. */

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LgPipelineView *self = LG_PIPELINE_VIEW (widget);
  g_autoptr(LgDeletedLead) deleted = g_steal_pointer (&self->deleted);
  g_autoptr(GError) error = NULL;

  if (deleted == NULL || self->store == NULL)
    return;

  if (!lg_store_restore_lead (self->store, deleted, &error))
    {
      lg_widget_show_error (GTK_WIDGET (self), error);
      return;
    }
  self->focus_lead_id = lg_deleted_lead_get_id (deleted);
  lg_store_notify_changed (self->store, "leads");
}

static void
delete_lead_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LgPipelineView *self = LG_PIPELINE_VIEW (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(LgLead) lead = lookup_lead (self, id);
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GError) error = NULL;
  LgDeletedLead *deleted;
  AdwToast *toast;

  if (lead == NULL)
    return;

  deleted = lg_store_delete_lead (self->store, id, &error);
  if (deleted == NULL)
    {
      lg_widget_show_error (GTK_WIDGET (self), error);
      return;
    }
  g_clear_pointer (&self->deleted, lg_deleted_lead_free);
  self->deleted = deleted;

  if (lg_lead_detail_get_lead_id (self->detail) == id)
    {
      adw_flap_set_reveal_flap (self->flap, FALSE);
      lg_lead_detail_clear (self->detail);
    }

  name = lg_lead_dup_display_name (lead);
  title = g_strdup_printf (_("“%s” deleted"), name);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "pipeline.undo-delete");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  lg_widget_add_toast (GTK_WIDGET (self), toast);

  refresh_lead (self, id, PLACE_AT_END);
  announce_lead (self, id);
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

typedef struct
{
  GWeakRef        self;
  AdwEntryRow    *rows[5]; /* name, handle, email, phone, value */
  GtkLabel       *error;
} NewLead;

static void
new_lead_free (gpointer data)
{
  NewLead *new_lead = data;

  g_weak_ref_clear (&new_lead->self);
  g_free (new_lead);
}

static LgLead *
new_lead_from_rows (NewLead  *new_lead,
                    GError  **error)
{
  g_autoptr(LgLead) lead = lg_lead_new ();
  gint64 minor = 0;

  lg_lead_set_name (lead, gtk_editable_get_text (GTK_EDITABLE (new_lead->rows[0])));
  lg_lead_set_telegram_handle (lead, gtk_editable_get_text (GTK_EDITABLE (new_lead->rows[1])));
  lg_lead_set_email (lead, gtk_editable_get_text (GTK_EDITABLE (new_lead->rows[2])));
  lg_lead_set_phone (lead, gtk_editable_get_text (GTK_EDITABLE (new_lead->rows[3])));
  if (!lg_lead_validate_value (gtk_editable_get_text (GTK_EDITABLE (new_lead->rows[4])), &minor,
                               error))
    return NULL;
  lg_lead_set_value (lead, minor);
  if (!lg_lead_validate (lead, error))
    return NULL;
  return g_steal_pointer (&lead);
}

static void
on_new_lead_changed_cb (GtkEditable      *row,
                        AdwMessageDialog *dialog)
{
  NewLead *new_lead = g_object_get_data (G_OBJECT (dialog), "new-lead");
  g_autoptr(GError) error = NULL;
  g_autoptr(LgLead) lead = new_lead_from_rows (new_lead, &error);
  gboolean empty = TRUE;

  for (guint i = 0; i < 4; i++)
    empty = empty && *gtk_editable_get_text (GTK_EDITABLE (new_lead->rows[i])) == '\0';

  adw_message_dialog_set_response_enabled (dialog, "create", lead != NULL);
  /* Nothing typed yet is not an error worth a red message. */
  gtk_widget_set_visible (GTK_WIDGET (new_lead->error), lead == NULL && !empty);
  if (lead == NULL)
    gtk_label_set_label (new_lead->error, error->message);
}

static void
on_new_lead_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         NewLead          *new_lead)
{
  g_autoptr(LgPipelineView) self = g_weak_ref_get (&new_lead->self);
  g_autoptr(GError) error = NULL;
  g_autoptr(LgLead) lead = NULL;

  if (self == NULL || g_strcmp0 (response, "create") != 0)
    return;

  lead = new_lead_from_rows (new_lead, &error);
  if (lead == NULL || !lg_store_add_lead (self->store, lead, &error))
    {
      lg_widget_show_error (GTK_WIDGET (self), error);
      return;
    }
  self->focus_lead_id = lg_lead_get_id (lead);
  refresh_lead (self, lg_lead_get_id (lead), PLACE_AT_END);
  announce_lead (self, lg_lead_get_id (lead));
}

static void
new_lead_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LgPipelineView *self = LG_PIPELINE_VIEW (widget);
  static const char *titles[] = { N_("Name"), N_("Telegram username"), N_("Email"), N_("Phone"),
                                  N_("Value") };
  static const char *names[] = { "name", "handle", "email", "phone", "value" };
  AdwMessageDialog *dialog;
  GtkWidget *box, *list;
  NewLead *new_lead;

  if (self->store == NULL)
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self),
                                                       _("New Lead"),
                                                       _("It goes into Cold. A name, a Telegram "
                                                         "username, an email or a phone is "
                                                         "enough.")));
  gtk_widget_set_name (GTK_WIDGET (dialog), "new-lead-dialog");
  new_lead = g_new0 (NewLead, 1);
  g_weak_ref_init (&new_lead->self, self);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      GtkWidget *row = adw_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(titles[i]));
      gtk_widget_set_name (row, names[i]);
      g_signal_connect (row, "changed", G_CALLBACK (on_new_lead_changed_cb), dialog);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      new_lead->rows[i] = ADW_ENTRY_ROW (row);
    }
  new_lead->error = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (new_lead->error, TRUE);
  gtk_label_set_xalign (new_lead->error, 0);
  gtk_widget_add_css_class (GTK_WIDGET (new_lead->error), "error");
  gtk_widget_set_visible (GTK_WIDGET (new_lead->error), FALSE);
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (new_lead->error));

  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "create", _("C_reate"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "create", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "create", FALSE);
  adw_message_dialog_set_default_response (dialog, "create");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "new-lead", new_lead);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_new_lead_response_cb), new_lead,
                         (GClosureNotify) (void (*) (void)) new_lead_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (new_lead->rows[0]));
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (LG_PIPELINE_VIEW (widget)->search_entry));
}

/* The columns. */

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     LgPipelineView           *self)
{
  LgLeadCard *card = lg_lead_card_new ();

  g_signal_connect_object (card, "lead-dropped", G_CALLBACK (on_card_lead_dropped_cb), self, 0);
  gtk_list_item_set_child (item, GTK_WIDGET (card));
}

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    LgPipelineView           *self)
{
  LgLeadCard *card = LG_LEAD_CARD (gtk_list_item_get_child (item));

  lg_lead_card_set_lead (card, gtk_list_item_get_item (item));
  g_hash_table_add (self->cards, card);
  mark_card (self, card);
}

static void
on_factory_unbind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      LgPipelineView           *self)
{
  LgLeadCard *card = LG_LEAD_CARD (gtk_list_item_get_child (item));

  lg_lead_card_set_lead (card, NULL);
  /* Cards are unbound as the columns go, in dispose. */
  if (self->cards != NULL)
    g_hash_table_remove (self->cards, card);
}

static void
build_column (LgPipelineView *self,
              LgStage         stage)
{
  Column *column = &self->columns[stage];
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkDropTarget *target = gtk_drop_target_new (LG_TYPE_LEAD, GDK_ACTION_MOVE);
  GtkWidget *header, *title_box, *scrolled;
  GtkSelectionModel *model;
  g_autofree char *name = NULL;

  column->model = g_list_store_new (LG_TYPE_LEAD);
  column->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (column->box, "board-column");
  gtk_widget_add_css_class (column->box, lg_stage_id (stage));
  gtk_widget_set_size_request (column->box, 240, -1);
  gtk_widget_set_name (column->box, lg_stage_id (stage));
  g_object_set_data (G_OBJECT (column->box), "stage", GINT_TO_POINTER (stage));

  header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_add_css_class (header, "board-column-header");
  title_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  column->title = GTK_LABEL (gtk_label_new (lg_stage_label (stage)));
  gtk_widget_add_css_class (GTK_WIDGET (column->title), "heading");
  gtk_label_set_xalign (column->title, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (column->title), TRUE);
  column->count = GTK_LABEL (gtk_label_new ("0"));
  gtk_widget_add_css_class (GTK_WIDGET (column->count), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (column->count), "numeric");
  column->totals = GTK_LABEL (gtk_label_new (NULL));
  name = g_strdup_printf ("%s-totals", lg_stage_id (stage));
  gtk_widget_set_name (GTK_WIDGET (column->totals), name);
  gtk_label_set_xalign (column->totals, 0);
  /* Never cut: a line per currency, and a line too long for the column wraps. */
  gtk_label_set_wrap (column->totals, TRUE);
  gtk_label_set_wrap_mode (column->totals, PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (GTK_WIDGET (column->totals), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (column->totals), "numeric");
  gtk_box_append (GTK_BOX (title_box), GTK_WIDGET (column->title));
  gtk_box_append (GTK_BOX (title_box), GTK_WIDGET (column->count));
  gtk_box_append (GTK_BOX (header), title_box);
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (column->totals));
  gtk_box_append (GTK_BOX (column->box), header);

  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_factory_unbind_cb), self);
  /* A grid of one column rather than a GtkListView: GTK 4.8's list view
   * keeps 200 cards alive per column whatever its height, a grid view 30
   * rows, so the board makes and lays out a sixth of the cards. */
  model = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (column->model))));
  column->list = GTK_GRID_VIEW (gtk_grid_view_new (model, factory));
  gtk_grid_view_set_max_columns (column->list, 1);
  /* A card is a button to its detail: one click opens it (a drag does not,
   * the click gesture gives up once the pointer moves). */
  gtk_grid_view_set_single_click_activate (column->list, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (column->list), "board-list");
  g_signal_connect (column->list, "activate", G_CALLBACK (on_list_activate_cb), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (column->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  lg_stage_label (stage), -1);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (column->list));
  gtk_box_append (GTK_BOX (column->box), scrolled);

  g_signal_connect (target, "drop", G_CALLBACK (on_column_drop_cb), self);
  g_signal_connect (target, "enter", G_CALLBACK (on_column_drop_enter_cb), NULL);
  g_signal_connect (target, "leave", G_CALLBACK (on_column_drop_leave_cb), NULL);
  gtk_widget_add_controller (column->box, GTK_EVENT_CONTROLLER (target));

  gtk_box_append (self->columns_box, column->box);
}

static void
on_settings_changed_cb (GSettings      *settings,
                        const char     *key,
                        LgPipelineView *self)
{
  if (g_str_has_prefix (key, "probability-") || g_str_has_prefix (key, "stale-days-"))
    reload (self);
}

static void
lg_pipeline_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LgPipelineView *self = LG_PIPELINE_VIEW (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lg_pipeline_view_dispose (GObject *object)
{
  LgPipelineView *self = LG_PIPELINE_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->deleted, lg_deleted_lead_free);
  g_clear_pointer (&self->source_ids, g_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), LG_TYPE_PIPELINE_VIEW);
  for (int s = 0; s < LG_N_STAGES; s++)
    g_clear_object (&self->columns[s].model);
  g_clear_pointer (&self->cards, g_hash_table_unref);

  G_OBJECT_CLASS (lg_pipeline_view_parent_class)->dispose (object);
}

static void
lg_pipeline_view_class_init (LgPipelineViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lg_pipeline_view_dispose;
  object_class->get_property = lg_pipeline_view_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, "Whether the leads are being read",
                          FALSE, G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LG_TYPE_LEAD_DETAIL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadgram/Desktop/ui/lg-pipeline-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LgPipelineView, flap);
  gtk_widget_class_bind_template_child (widget_class, LgPipelineView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LgPipelineView, source_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LgPipelineView, qualification_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LgPipelineView, stale_button);
  gtk_widget_class_bind_template_child (widget_class, LgPipelineView, lost_button);
  gtk_widget_class_bind_template_child (widget_class, LgPipelineView, stack);
  gtk_widget_class_bind_template_child (widget_class, LgPipelineView, columns_box);
  gtk_widget_class_bind_template_child (widget_class, LgPipelineView, detail);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);

  gtk_widget_class_install_action (widget_class, "pipeline.move-lead", "(xs)", move_lead_action);
  gtk_widget_class_install_action (widget_class, "pipeline.open-lead", "x", open_lead_action);
  gtk_widget_class_install_action (widget_class, "pipeline.schedule-followup", "x",
                                   schedule_followup_action);
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

static void
lg_pipeline_view_init (LgPipelineView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  lg_qualification_list_init (G_OBJECT (self->qualification_dropdown), qualification_ids,
                              G_N_ELEMENTS (qualification_ids));

  self->source_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cards = g_hash_table_new (NULL, NULL);
  g_signal_connect_object (self->flap, "notify::reveal-flap",
                           G_CALLBACK (on_flap_reveal_changed_cb), self, 0);
  g_signal_connect_object (self->detail, "lead-changed", G_CALLBACK (on_detail_lead_changed_cb),
                           self, 0);
  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed_cb),
                           self, 0);

  for (LgStage stage = LG_STAGE_COLD; stage < LG_N_STAGES; stage++)
    build_column (self, stage);

  g_settings_bind (self->settings, "show-lost", self->lost_button, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_object_bind_property (self->lost_button, "active", self->columns[LG_STAGE_LOST].box,
                          "visible", G_BINDING_SYNC_CREATE);
  fill_source_filter (self);
}
