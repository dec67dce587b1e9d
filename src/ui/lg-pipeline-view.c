/* lg-pipeline-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The board: a column per stage (Lost on request), each a one-column
 * GtkGridView of cards, with count, total and weighted value in its header; a filter bar;
 * the lead detail in a side flap. The leads are read in one query on a
 * worker thread with its own connection and handed to the columns in one
 * splice each, so ten thousand leads open without blocking the window.
 * What the user does to cards (moves, drops, Won/Lost, delete and undo, New
 * Lead) lives in lg-pipeline-view-actions.c.
 */

#define G_LOG_DOMAIN "lg-pipeline-view"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-lead-card.h"
#include "lg-pipeline-view-private.h"
#include "lg-ui-util.h"

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
  char           *text;
  gint64          source_id;
  const char     *qualification;
  gboolean        stale_only;
  const char     *owner;  /* interned */
  gboolean        owner_alone;
  gboolean        team;   /* a team workspace's: its people are read too */
  LgPipelineRules rules;
  gint64          now;

  GPtrArray      *leads[LG_N_STAGES];
  GStrv           people;
} Load;

/* The owner filter's first items; the people come after them. */
enum {
  OWNER_ANYONE,
  OWNER_MINE,
  OWNER_NOBODY,
  OWNER_FIRST_PERSON,
};

static void
load_free (gpointer data)
{
  Load *load = data;

  g_free (load->text);
  g_strfreev (load->people);
  for (int i = 0; i < LG_N_STAGES; i++)
    g_clear_pointer (&load->leads[i], g_ptr_array_unref);
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
    .owner = load->owner,
    .owner_alone = load->owner_alone,
  };
}

static gboolean
load_is_filtered (const Load *load)
{
  return load->text != NULL || load->source_id != 0 || load->qualification != NULL ||
         load->stale_only || load->owner != NULL;
}

/* On a worker, with its own connection: the board's leads by stage. */
static gboolean
load_work (LgStore       *store,
           gpointer       source_object,
           gpointer       task_data,
           GCancellable  *cancellable,
           GError       **error)
{
  Load *load = task_data;
  g_autoptr(GListModel) leads = NULL;
  LgLeadFilter filter;
  guint n;

  load_filter (load, &filter);
  leads = lg_store_list_leads (store, &filter, &load->rules, load->now, error);
  if (leads == NULL || (load->team && (load->people = lg_store_list_people (store, error)) == NULL))
    return FALSE;

  n = g_list_model_get_n_items (leads);
  for (int i = 0; i < LG_N_STAGES; i++)
    load->leads[i] = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      LgLead *lead = g_list_model_get_item (leads, i);

      g_ptr_array_add (load->leads[lg_stage_from_id (lg_lead_get_stage (lead))], lead);
    }
  return TRUE;
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

gboolean
_lg_pipeline_view_find_lead (LgPipelineView *self,
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

  if (self->focus_lead_id == 0 ||
      !_lg_pipeline_view_find_lead (self, self->focus_lead_id, &stage, &position))
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

void
_lg_pipeline_view_restore_focus (LgPipelineView *self)
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

/* The header says how many leads the column holds and what they are worth. */
static void
show_header (Column                *column,
             LgStage                stage,
             const LgPipelineRules *rules)
{
  GListModel *leads = G_LIST_MODEL (column->model);
  g_autofree char *count = g_strdup_printf ("%u", g_list_model_get_n_items (leads));
  g_autoptr(GArray) sums = lg_pipeline_sum_by_currency (leads, rules, stage);
  g_autofree char *text = lg_pipeline_describe_sums (sums, stage);

  gtk_label_set_label (column->count, count);
  gtk_label_set_label (column->totals, text);
}

static void
show_board_or_empty (LgPipelineView *self,
                     gboolean        filtered)
{
  guint total = 0;

  for (int s = 0; s < LG_N_STAGES; s++)
    total += g_list_model_get_n_items (G_LIST_MODEL (self->columns[s].model));
  gtk_stack_set_visible_child_name (self->stack, total > 0 || filtered ? "board" : "empty");
}

static void fill_owner_filter (LgPipelineView  *self,
                               char           **people);

static void
on_load_done_cb (GObject      *source_object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LgPipelineView *self = LG_PIPELINE_VIEW (source_object);
  Load *load = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  /* Cancelled: a newer load is on its way. */
  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);

  if (error != NULL)
    {
      lg_widget_show_error (GTK_WIDGET (self), error);
      return;
    }

  for (int s = 0; s < LG_N_STAGES; s++)
    {
      Column *column = &self->columns[s];

      g_list_store_splice (column->model, 0,
                           g_list_model_get_n_items (G_LIST_MODEL (column->model)),
                           load->leads[s]->pdata, load->leads[s]->len);
      show_header (column, s, &load->rules);
    }
  show_board_or_empty (self, load_is_filtered (load));
  if (load->people != NULL)
    fill_owner_filter (self, load->people);

  _lg_pipeline_view_restore_focus (self);

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
  guint owner;

  load->text = *text != '\0' ? g_strdup (text) : NULL;
  load->source_id = source < self->source_ids->len
                    ? g_array_index (self->source_ids, gint64, source) : 0;
  load->qualification = qualification_ids[MIN (qualification,
                                               G_N_ELEMENTS (qualification_ids) - 1)];
  load->stale_only = gtk_toggle_button_get_active (self->stale_button);
  load->team = gtk_widget_get_visible (GTK_WIDGET (self->owner_dropdown));
  owner = load->team ? gtk_drop_down_get_selected (self->owner_dropdown) : OWNER_ANYONE;
  /* Mine: with the leads nobody looks after yet, to pick up. */
  if (owner == OWNER_MINE)
    load->owner = lg_store_get_person ();
  else if (owner == OWNER_NOBODY)
    load->owner = "";
  else if (owner >= OWNER_FIRST_PERSON && self->owner_names != NULL &&
           owner - OWNER_FIRST_PERSON < g_strv_length (self->owner_names))
    {
      load->owner = g_intern_string (self->owner_names[owner - OWNER_FIRST_PERSON]);
      load->owner_alone = TRUE;
    }
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

/* Shows one lead's new state in place of reading the whole board again: a
 * move changes two columns and their headers, not ten thousand cards. The
 * lead goes just before the card of before_id, or see PLACE_AT_END and
 * PLACE_AS_BEFORE; it leaves the board when it no longer passes the filter
 * (or was deleted). */
void
_lg_pipeline_view_refresh_lead (LgPipelineView *self,
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

  if (_lg_pipeline_view_find_lead (self, id, &stage, &position))
    {
      Column *column = &self->columns[stage];
      g_autoptr(LgLead) lead = g_list_model_get_n_items (found) > 0
                               ? g_list_model_get_item (found, 0) : NULL;

      /* Edited where it stands: one splice, so that the column does not
       * scroll (a removal of the card at the top moves the list's anchor to
       * the next one, and the edited card out of sight, at every save). */
      if (lead != NULL && before_id == PLACE_AS_BEFORE &&
          lg_stage_from_id (lg_lead_get_stage (lead)) == stage)
        {
          g_list_store_splice (column->model, position, 1, (gpointer *) &lead, 1);
          show_header (column, stage, &query.rules);
          _lg_pipeline_view_restore_focus (self);
          return;
        }
      g_list_store_remove (column->model, position);
      show_header (column, stage, &query.rules);
    }

  if (g_list_model_get_n_items (found) > 0)
    {
      g_autoptr(LgLead) lead = g_list_model_get_item (found, 0);
      LgStage to = lg_stage_from_id (lg_lead_get_stage (lead));
      Column *column = &self->columns[to];
      guint n = g_list_model_get_n_items (G_LIST_MODEL (column->model));
      LgStage before_stage;
      guint before;

      position = before_id > 0 &&
                 _lg_pipeline_view_find_lead (self, before_id, &before_stage, &before) &&
                 before_stage == to ? before : n;
      g_list_store_insert (column->model, position, lead);
      show_header (column, to, &query.rules);
    }

  show_board_or_empty (self, load_is_filtered (&query));
  _lg_pipeline_view_restore_focus (self);
}

/* Tells the other views that one lead changed, which this board has shown
 * already (_lg_pipeline_view_refresh_lead()). */
void
_lg_pipeline_view_announce_lead (LgPipelineView *self,
                                 gint64          id)
{
  self->changed_lead_id = id;
  lg_store_notify_changed (self->store, LG_STORE_CHANGED_LEADS);
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
  read_filter_bar (self, load);

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);

  task = g_task_new (self, self->cancellable, on_load_done_cb, NULL);
  g_task_set_source_tag (task, reload);
  g_task_set_task_data (task, load, load_free);
  g_task_set_return_on_cancel (task, FALSE);
  lg_store_run_in_thread (task, lg_store_get_path (self->store), load_work);
}

static void
on_filter_changed_cb (LgPipelineView *self)
{
  reload (self);
}

/* Whether list says names, in their order. */
static gboolean
same_names (GtkStringList *list,
            GPtrArray     *names)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (list)) != names->len)
    return FALSE;
  for (guint i = 0; i < names->len; i++)
    if (g_strcmp0 (gtk_string_list_get_string (list, i), g_ptr_array_index (names, i)) != 0)
      return FALSE;
  return TRUE;
}

/* The owner filter: anyone's, mine, nobody's, then each colleague's (the
 * people the last load read), keeping the one chosen while they are there. */
static void
fill_owner_filter (LgPipelineView  *self,
                   char           **people)
{
  GtkStringList *list = GTK_STRING_LIST (gtk_drop_down_get_model (self->owner_dropdown));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) others = g_strv_builder_new ();
  guint selected = gtk_drop_down_get_selected (self->owner_dropdown);
  g_autofree char *chosen = NULL;
  const char *me = lg_store_get_person ();

  if (selected >= OWNER_FIRST_PERSON)
    {
      chosen = g_strdup (gtk_string_list_get_string (list, selected));
      selected = OWNER_ANYONE;
    }
  for (guint i = 0; i < OWNER_FIRST_PERSON; i++)
    g_ptr_array_add (names, (gpointer) gtk_string_list_get_string (list, i));
  for (guint i = 0; people[i] != NULL; i++)
    if (!g_str_equal (people[i], me))
      {
        g_ptr_array_add (names, people[i]);
        g_strv_builder_add (others, people[i]);
        if (g_strcmp0 (people[i], chosen) == 0)
          selected = names->len - 1;
      }
  g_strfreev (self->owner_names);
  self->owner_names = g_strv_builder_end (others);
  if (same_names (list, names))
    return;

  g_ptr_array_add (names, NULL);
  g_signal_handlers_block_by_func (self->owner_dropdown, on_filter_changed_cb, self);
  /* The first three stay: the list's own strings are still read here. */
  gtk_string_list_splice (list, OWNER_FIRST_PERSON,
                          g_list_model_get_n_items (G_LIST_MODEL (list)) - OWNER_FIRST_PERSON,
                          (const char * const *) names->pdata + OWNER_FIRST_PERSON);
  gtk_drop_down_set_selected (self->owner_dropdown, selected);
  g_signal_handlers_unblock_by_func (self->owner_dropdown, on_filter_changed_cb, self);
  /* The colleague chosen has no lead nor word in the workspace any more. */
  if (chosen != NULL && selected == OWNER_ANYONE)
    reload (self);
}

/* Returns whether the sources' names changed. */
static gboolean
fill_source_filter (LgPipelineView *self,
                    GListModel     *sources)
{
  GtkStringList *list = GTK_STRING_LIST (gtk_drop_down_get_model (self->source_dropdown));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint selected = gtk_drop_down_get_selected (self->source_dropdown);
  gint64 selected_id = selected < self->source_ids->len
                       ? g_array_index (self->source_ids, gint64, selected) : 0;
  gint64 any = 0;

  g_array_set_size (self->source_ids, 0);
  g_ptr_array_add (names, (gpointer) _("All Sources"));
  g_array_append_val (self->source_ids, any);
  selected = 0;

  for (guint i = 0; i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(LgSource) source = g_list_model_get_item (sources, i);
      gint64 id = lg_source_get_id (source);

      /* The list holds the sources, and so their titles, to the end. */
      g_ptr_array_add (names, (gpointer) (lg_source_get_title (source) &&
                                          *lg_source_get_title (source)
                                          ? lg_source_get_title (source)
                                          : lg_source_get_handle (source)));
      g_array_append_val (self->source_ids, id);
      if (id == selected_id)
        selected = i + 1;
    }

  /* A sync changes a source's counts, not its name: then the list stays. */
  if (same_names (list, names))
    return FALSE;
  /* Spliced into the drop-down's own list: a new model would rebuild its
   * popover, which costs a frame on every batch of a first Sync All. */
  g_ptr_array_add (names, NULL);
  g_signal_handlers_block_by_func (self->source_dropdown, on_filter_changed_cb, self);
  gtk_string_list_splice (list, 0, g_list_model_get_n_items (G_LIST_MODEL (list)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->source_dropdown, selected);
  g_signal_handlers_unblock_by_func (self->source_dropdown, on_filter_changed_cb, self);
  return TRUE;
}

/* The source filter's sources, read on a worker (at each batch of a sync,
 * which a team workspace would otherwise wait for on the main thread). */
static gboolean
read_sources_work (LgStore       *store,
                   gpointer       source_object,
                   gpointer       task_data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  GListModel **sources = task_data;

  return (*sources = lg_store_list_sources_brief (store, error)) != NULL;
}

static void
sources_free (gpointer data)
{
  GListModel **sources = data;

  g_clear_object (sources);
  g_free (sources);
}

static void
on_sources_read_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  LgPipelineView *self = LG_PIPELINE_VIEW (object);
  GListModel **sources = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean known = self->sources_known;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* a newer read is on its way */
  g_clear_object (&self->sources_cancellable);
  if (error != NULL)
    {
      lg_widget_show_error (GTK_WIDGET (self), error);
      return;
    }
  self->sources_known = TRUE;
  /* Cards show their source's name: a renamed source reads the board
   * again, but not the first list, whose names the cards came with. */
  if (fill_source_filter (self, *sources) && known)
    reload (self);
  if (self->wanted_source_id != 0)
    lg_pipeline_view_filter_source (self, self->wanted_source_id);
}

static void
read_sources (LgPipelineView *self)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->sources_cancellable);
  g_clear_object (&self->sources_cancellable);
  self->sources_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->sources_cancellable, on_sources_read_cb, NULL);
  g_task_set_task_data (task, g_new0 (GListModel *, 1), sources_free);
  lg_store_run_in_thread (task, lg_store_get_path (self->store), read_sources_work);
}

static void
on_detail_lead_changed_cb (LgLeadDetail   *detail,
                           gint64          id,
                           LgPipelineView *self)
{
  _lg_pipeline_view_refresh_lead (self, id, PLACE_AS_BEFORE);
  self->changed_lead_id = id; /* for the store's "changed" that follows */
}

static void
on_store_changed_cb (LgStore        *store,
                     const char     *table,
                     LgPipelineView *self)
{
  gint64 id = self->changed_lead_id;

  self->changed_lead_id = 0;
  /* Cards show their source's name, and nothing else of it: a sync, which
   * changes a source's counts, leaves the board as it is. */
  if (g_strcmp0 (table, "sources") == 0)
    {
      read_sources (self);
      return;
    }
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
  /* Only a shared workspace has leads that are someone else's. */
  gtk_widget_set_visible (GTK_WIDGET (self->owner_dropdown),
                          lg_store_is_team_address (lg_store_get_path (store)));

  g_signal_connect_object (store, "changed::leads", G_CALLBACK (on_store_changed_cb), self, 0);
  g_signal_connect_object (store, "changed::followups", G_CALLBACK (on_store_changed_cb), self, 0);
  g_signal_connect_object (store, "changed::sources", G_CALLBACK (on_store_changed_cb), self, 0);
  self->sources_known = FALSE;
  read_sources (self);
  reload (self);
}

/* Shows only the leads of one source (0: all), as the source filter does; for
 * Insights, whose per-source rows and bars lead here. */
void
lg_pipeline_view_filter_source (LgPipelineView *self,
                                gint64          source_id)
{
  g_return_if_fail (LG_IS_PIPELINE_VIEW (self));

  /* Asked before the sources are read: chosen once they are. */
  self->wanted_source_id = self->sources_cancellable != NULL ? source_id : 0;
  for (guint i = 0; i < self->source_ids->len; i++)
    if (g_array_index (self->source_ids, gint64, i) == source_id)
      {
        gtk_drop_down_set_selected (self->source_dropdown, i);
        return;
      }
}

/* The detail pane. */

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

/* Opens a lead's detail beside the board: from a card, a notification or
 * the follow-ups list. */
static gboolean
reveal_when_sized_cb (GtkWidget     *flap,
                      GdkFrameClock *clock,
                      gpointer       data)
{
  LgPipelineView *self = data;

  if (gtk_widget_get_width (flap) == 0)
    return G_SOURCE_CONTINUE;
  self->reveal_tick = 0;
  adw_flap_set_reveal_flap (self->flap, TRUE);
  mark_open_card (self);
  return G_SOURCE_REMOVE;
}

void
lg_pipeline_view_open_lead (LgPipelineView *self,
                            gint64          id)
{
  g_return_if_fail (LG_IS_PIPELINE_VIEW (self));

  lg_lead_detail_show_lead (self->detail, id);
  /* A board never laid out yet (a notification opening a lead as the window
   * first shows) opens its detail at the first frame it has a width:
   * libadwaita 1.2's flap, revealed before, measures a natural width under
   * its minimum while it folds, and lays the board out at a width of -2^31. */
  if (gtk_widget_get_width (GTK_WIDGET (self->flap)) > 0)
    reveal_when_sized_cb (GTK_WIDGET (self->flap), NULL, self);
  else if (self->reveal_tick == 0)
    self->reveal_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->flap),
                                                      reveal_when_sized_cb, self, NULL);
}

/* The lead whose detail is open, or 0. */
gint64
lg_pipeline_view_get_open_lead (LgPipelineView *self)
{
  g_return_val_if_fail (LG_IS_PIPELINE_VIEW (self), 0);

  return adw_flap_get_reveal_flap (self->flap) ? lg_lead_detail_get_lead_id (self->detail) : 0;
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

/* The columns. */

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     LgPipelineView           *self)
{
  LgLeadCard *card = lg_lead_card_new ();

  _lg_pipeline_view_take_card_drops (self, card);
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

  _lg_pipeline_view_take_column_drops (self, column->box);

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
  g_cancellable_cancel (self->sources_cancellable);
  g_clear_object (&self->sources_cancellable);
  g_clear_pointer (&self->source_ids, g_array_unref);
  g_clear_pointer (&self->owner_names, g_strfreev);
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
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
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
  gtk_widget_class_bind_template_child (widget_class, LgPipelineView, owner_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LgPipelineView, lost_button);
  gtk_widget_class_bind_template_child (widget_class, LgPipelineView, stack);
  gtk_widget_class_bind_template_child (widget_class, LgPipelineView, columns_box);
  gtk_widget_class_bind_template_child (widget_class, LgPipelineView, detail);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);

  _lg_pipeline_view_class_add_actions (widget_class);
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
  {
    /* "All Sources" alone, until a store's are read. */
    g_autoptr(GListStore) none = g_list_store_new (G_TYPE_OBJECT);

    fill_source_filter (self, G_LIST_MODEL (none));
  }
}
