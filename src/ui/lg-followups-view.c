/* lg-followups-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One GtkListView over a flat model of section headings and follow-ups
 * (GTK 4.8 has no list sections), so thousands of rows stay smooth.
 */

#define G_LOG_DOMAIN "lg-followups-view"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-followup-dialog.h"
#include "lg-followup-row.h"
#include "lg-followup-time.h"
#include "lg-followups-view.h"
#include "lg-ui-util.h"

/* While shown, relative times ("in 5 minutes") are redrawn this often. */
#define RELATIVE_TIME_REFRESH 60

struct _LgFollowupsView
{
  AdwBin              parent_instance;

  LgStore            *store;
  gulong              followups_changed_id;
  gulong              leads_changed_id;
  GListStore         *items;
  GtkSingleSelection *selection;
  GHashTable         *bound_rows; /* LgFollowupRow showing a follow-up */
  gint64              now;
  guint               attention_count;
  guint               tick_id;
  guint               midnight_id;
  GCancellable       *cancellable; /* the refresh being read */

  GtkStack           *stack;
  GtkLabel           *summary_label;
  GtkListView        *list_view;
};

G_DEFINE_FINAL_TYPE (LgFollowupsView, lg_followups_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_ATTENTION_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static gint64
selected_id (LgFollowupsView *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->selection);

  return LG_IS_FOLLOWUP (item) ? lg_followup_get_id (item) : 0;
}

static void
select_followup_where (LgFollowupsView *self,
                       gint64           followup_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (LG_IS_FOLLOWUP (item) && lg_followup_get_id (LG_FOLLOWUP (item)) == followup_id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return;
        }
    }
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

static gboolean
on_midnight_cb (gpointer user_data)
{
  LgFollowupsView *self = user_data;

  self->midnight_id = 0;
  lg_followups_view_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
update_summary (LgFollowupsView        *self,
                const LgFollowupCounts *counts)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gint64 overdue = counts->counts[LG_FOLLOWUP_BUCKET_OVERDUE];
  gint64 today = counts->counts[LG_FOLLOWUP_BUCKET_TODAY];
  gint64 upcoming = counts->counts[LG_FOLLOWUP_BUCKET_UPCOMING];

  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%d overdue", "%d overdue",
                                             (int) overdue), (int) overdue);
  g_string_append (text, " · ");
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%d today", "%d today",
                                             (int) today), (int) today);
  g_string_append (text, " · ");
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%d upcoming", "%d upcoming",
                                             (int) upcoming), (int) upcoming);
  gtk_label_set_text (self->summary_label, text->str);
}

/* Reading the follow-ups: on a worker with its own connection (a team
 * workspace's server may be far), the newest refresh alone shown. */

typedef struct
{
  const char *title;  /* untranslated, N_() */
  GListModel *items;
} Section;

typedef struct
{
  gint64           now;
  gboolean         rows_wanted;
  LgFollowupCounts counts;
  GArray          *sections;
} Refresh;

static void
section_clear (gpointer data)
{
  g_clear_object (&((Section *) data)->items);
}

static void
refresh_free (gpointer data)
{
  Refresh *refresh = data;

  g_array_unref (refresh->sections);
  g_free (refresh);
}

static void
add_section (Refresh    *refresh,
             const char *title,
             GListModel *items)
{
  Section section = { title, items };

  g_array_append_val (refresh->sections, section);
}

/* The list's sections: each non-empty bucket's, then after Today, the found
 * leads nobody has written to yet, best first. */
static gboolean
refresh_work (LgStore       *store,
              gpointer       source_object,
              gpointer       task_data,
              GCancellable  *cancellable,
              GError       **error)
{
  static const char *titles[LG_FOLLOWUP_N_BUCKETS] = {
    N_("Overdue"), N_("Today"), N_("Upcoming"), N_("Done"),
  };
  Refresh *refresh = task_data;

  if (!lg_store_count_followups (store, refresh->now, NULL, &refresh->counts, error))
    return FALSE;
  /* Hidden, only the badge's counts matter: the rows are read when it shows. */
  if (!refresh->rows_wanted)
    return TRUE;
  for (int bucket = 0; bucket < LG_FOLLOWUP_N_BUCKETS; bucket++)
    {
      GListModel *list;

      if (bucket == LG_FOLLOWUP_BUCKET_UPCOMING)
        {
          list = lg_store_list_uncontacted_leads (store, LG_FOLLOWUPS_VIEW_DONE_LIMIT, error);
          if (list == NULL)
            return FALSE;
          if (g_list_model_get_n_items (list) > 0)
            add_section (refresh, N_("Not Contacted"), list);
          else
            g_object_unref (list);
        }

      if (refresh->counts.counts[bucket] == 0)
        continue;
      list = lg_store_list_followups (store, bucket, refresh->now, NULL,
                                      bucket == LG_FOLLOWUP_BUCKET_DONE
                                        ? LG_FOLLOWUPS_VIEW_DONE_LIMIT : 0,
                                      error);
      if (list == NULL)
        return FALSE;
      add_section (refresh, titles[bucket], list);
    }
  return TRUE;
}

/* The summary, the badge's count and, while shown, the list. */
static void
show_refresh (LgFollowupsView *self,
              Refresh         *refresh)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 keep;
  guint attention;

  update_summary (self, &refresh->counts);
  if (refresh->rows_wanted && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      for (guint i = 0; i < refresh->sections->len; i++)
        {
          Section *section = &g_array_index (refresh->sections, Section, i);

          g_ptr_array_add (rows, gtk_string_object_new (_(section->title)));
          for (guint j = 0; j < g_list_model_get_n_items (section->items); j++)
            g_ptr_array_add (rows, g_list_model_get_item (section->items, j));
        }
      keep = selected_id (self);
      gtk_stack_set_visible_child_name (self->stack, rows->len > 0 ? "list" : "empty");
      g_list_store_splice (self->items, 0,
                           g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                           rows->pdata, rows->len);
      select_followup_where (self, keep);
    }

  attention = (guint) (refresh->counts.counts[LG_FOLLOWUP_BUCKET_OVERDUE] +
                       refresh->counts.counts[LG_FOLLOWUP_BUCKET_TODAY]);
  if (attention != self->attention_count)
    {
      self->attention_count = attention;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTENTION_COUNT]);
    }
}

static void
on_refreshed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  LgFollowupsView *self = LG_FOLLOWUPS_VIEW (object);
  Refresh *refresh = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* a newer refresh is on its way */
  g_clear_object (&self->cancellable);
  if (error != NULL)
    {
      g_warning ("%s", error->message);
      lg_widget_add_toast (GTK_WIDGET (self), adw_toast_new (error->message));
      return;
    }
  /* What is "today" changes at midnight: look again then. */
  self->midnight_id =
    g_timeout_add_seconds ((guint) (lg_followup_local_day_start (refresh->now, 1, NULL) -
                                    refresh->now + 1),
                           on_midnight_cb, self);
  show_refresh (self, refresh);
}

void
lg_followups_view_refresh (LgFollowupsView *self)
{
  g_autoptr(GTask) task = NULL;
  Refresh *refresh;

  g_return_if_fail (LG_IS_FOLLOWUPS_VIEW (self));

  self->now = now_seconds ();
  g_clear_handle_id (&self->midnight_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  refresh = g_new0 (Refresh, 1);
  refresh->now = self->now;
  refresh->rows_wanted = gtk_widget_get_mapped (GTK_WIDGET (self));
  refresh->sections = g_array_new (FALSE, FALSE, sizeof (Section));
  g_array_set_clear_func (refresh->sections, section_clear);
  if (self->store == NULL)
    {
      show_refresh (self, refresh);
      refresh_free (refresh);
      return;
    }
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, on_refreshed_cb, NULL);
  g_task_set_task_data (task, refresh, refresh_free);
  lg_store_run_in_thread (task, lg_store_get_path (self->store), refresh_work);
}

gboolean
lg_followups_view_get_refreshing (LgFollowupsView *self)
{
  g_return_val_if_fail (LG_IS_FOLLOWUPS_VIEW (self), FALSE);

  return self->cancellable != NULL;
}

static void
on_store_changed_cb (LgStore         *store,
                     const char      *table,
                     LgFollowupsView *self)
{
  lg_followups_view_refresh (self);
}

static void
disconnect_store (LgFollowupsView *self)
{
  if (self->store == NULL)
    return;
  g_clear_signal_handler (&self->followups_changed_id, self->store);
  g_clear_signal_handler (&self->leads_changed_id, self->store);
}

void
lg_followups_view_set_store (LgFollowupsView *self,
                             LgStore         *store)
{
  g_return_if_fail (LG_IS_FOLLOWUPS_VIEW (self));
  g_return_if_fail (store == NULL || LG_IS_STORE (store));

  disconnect_store (self);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      self->followups_changed_id = g_signal_connect (store, "changed::followups",
                                                     G_CALLBACK (on_store_changed_cb), self);
      /* The rows show lead names. */
      self->leads_changed_id = g_signal_connect (store, "changed::leads",
                                                 G_CALLBACK (on_store_changed_cb), self);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "followups.schedule", store != NULL);
  lg_followups_view_refresh (self);
}

guint
lg_followups_view_get_attention_count (LgFollowupsView *self)
{
  g_return_val_if_fail (LG_IS_FOLLOWUPS_VIEW (self), 0);

  return self->attention_count;
}

GListModel *
lg_followups_view_get_model (LgFollowupsView *self)
{
  g_return_val_if_fail (LG_IS_FOLLOWUPS_VIEW (self), NULL);

  return G_LIST_MODEL (self->items);
}

static void
present_dialog (LgFollowupsView *self,
                gint64           lead_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  LgFollowupDialog *dialog;

  if (self->store == NULL)
    return;

  dialog = lg_followup_dialog_new (self->store, lead_id);
  gtk_window_set_transient_for (GTK_WINDOW (dialog),
                                GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
schedule_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  present_dialog (LG_FOLLOWUPS_VIEW (widget), 0);
}

static void
schedule_for_lead_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  present_dialog (LG_FOLLOWUPS_VIEW (widget), g_variant_get_int64 (parameter));
}

/* Once Done has landed: a toast offers to take it back. */
static void
on_done_landed (GtkWidget *widget,
                gint64     followup_id)
{
  AdwToast *toast = adw_toast_new (_("Follow-up done"));

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "followups.undo-done");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (followup_id));
  lg_widget_add_toast (widget, toast);
}

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LgFollowupsView *self = LG_FOLLOWUPS_VIEW (widget);

  if (self->store != NULL)
    lg_followup_dialog_complete (widget, self->store, g_variant_get_int64 (parameter),
                                 on_done_landed);
}

/* Undo of Done (until 0) or a snooze, as the worker writes it. */
typedef struct
{
  gint64 id;
  gint64 until;
  gint64 now;
} FollowupWrite;

static gboolean
write_reopen_or_snooze (LgStore  *store,
                        gpointer  data,
                        GError  **error)
{
  FollowupWrite *write = data;

  if (write->until == 0)
    return lg_store_reopen_followup (store, write->id, NULL, error);
  return lg_store_snooze_followup (store, write->id, write->until, error);
}

static void
on_reopened_or_snoozed (GtkWidget    *widget,
                        gpointer      data,
                        const GError *error)
{
  FollowupWrite *write = data;
  g_autofree char *when = NULL;
  g_autofree char *message = NULL;

  if (error != NULL)
    {
      lg_widget_add_toast (widget, adw_toast_new (error->message));
      return;
    }
  if (write->until == 0)
    return;
  when = lg_followup_format_due (write->until, write->now, NULL);
  /* Translators: %s is a time, e.g. "tomorrow 09:00" */
  message = g_strdup_printf (_("Snoozed, due %s"), when);
  lg_widget_add_toast (widget, adw_toast_new (message));
}

/* Off the main thread, as every change the user makes (lg_widget_write()). */
static void
reopen_or_snooze (LgFollowupsView *self,
                  gint64           id,
                  gint64           until,
                  gint64           now)
{
  FollowupWrite *write = g_new0 (FollowupWrite, 1);

  write->id = id;
  write->until = until;
  write->now = now;
  lg_widget_write (GTK_WIDGET (self), self->store,
                   until == 0 ? LG_STORE_CHANGED_FOLLOWUPS | LG_STORE_CHANGED_LEADS
                              : LG_STORE_CHANGED_FOLLOWUPS,
                   write_reopen_or_snooze, write, g_free, on_reopened_or_snoozed);
}

static void
undo_done_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LgFollowupsView *self = LG_FOLLOWUPS_VIEW (widget);

  if (self->store != NULL)
    reopen_or_snooze (self, g_variant_get_int64 (parameter), 0, 0);
}

static void
snooze_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LgFollowupsView *self = LG_FOLLOWUPS_VIEW (widget);
  LgFollowupQuick quick;
  const char *choice;
  gint64 id, now = now_seconds ();

  g_variant_get (parameter, "(x&s)", &id, &choice);
  if (self->store == NULL || !lg_followup_quick_from_string (choice, &quick))
    return;
  reopen_or_snooze (self, id, lg_followup_quick_time (quick, now, NULL), now);
}

static void
on_list_view_activate_cb (GtkListView     *list_view,
                          guint            position,
                          LgFollowupsView *self)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->items), position);

  if (LG_IS_FOLLOWUP (item))
    gtk_widget_activate_action (GTK_WIDGET (self), "app.open-lead", "x",
                                lg_followup_get_lead_id (LG_FOLLOWUP (item)));
  else if (LG_IS_LEAD (item))
    gtk_widget_activate_action (GTK_WIDGET (self), "app.open-lead", "x",
                                lg_lead_get_id (LG_LEAD (item)));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  gtk_list_item_set_child (item, lg_followup_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             LgFollowupsView          *self)
{
  LgFollowupRow *row = LG_FOLLOWUP_ROW (gtk_list_item_get_child (item));
  gpointer object = gtk_list_item_get_item (item);
  gboolean header = GTK_IS_STRING_OBJECT (object);

  gtk_list_item_set_selectable (item, !header);
  gtk_list_item_set_activatable (item, !header);
  if (header)
    {
      lg_followup_row_show_header (row, gtk_string_object_get_string (object));
      g_hash_table_remove (self->bound_rows, row);
    }
  else if (LG_IS_LEAD (object))
    {
      lg_followup_row_show_lead (row, object, self->now);
      g_hash_table_remove (self->bound_rows, row);
    }
  else
    {
      lg_followup_row_show_followup (row, object, self->now);
      g_hash_table_add (self->bound_rows, row);
    }
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               LgFollowupsView          *self)
{
  g_hash_table_remove (self->bound_rows, gtk_list_item_get_child (item));
}

/* Only the shown rows' relative times move; what moves a follow-up to
 * another section (falling due, midnight, a change) refreshes the list. */
static gboolean
on_tick_cb (gpointer user_data)
{
  LgFollowupsView *self = user_data;
  GHashTableIter iter;
  gpointer row;

  self->now = now_seconds ();
  g_hash_table_iter_init (&iter, self->bound_rows);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    lg_followup_row_update_time (row, self->now);
  return G_SOURCE_CONTINUE;
}

static void
lg_followups_view_map (GtkWidget *widget)
{
  LgFollowupsView *self = LG_FOLLOWUPS_VIEW (widget);

  GTK_WIDGET_CLASS (lg_followups_view_parent_class)->map (widget);

  lg_followups_view_refresh (self);
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (RELATIVE_TIME_REFRESH, on_tick_cb, self);
}

static void
lg_followups_view_unmap (GtkWidget *widget)
{
  LgFollowupsView *self = LG_FOLLOWUPS_VIEW (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);

  GTK_WIDGET_CLASS (lg_followups_view_parent_class)->unmap (widget);
}

static void
lg_followups_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  LgFollowupsView *self = LG_FOLLOWUPS_VIEW (object);

  switch (prop_id)
    {
    case PROP_ATTENTION_COUNT:
      g_value_set_uint (value, self->attention_count);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lg_followups_view_dispose (GObject *object)
{
  LgFollowupsView *self = LG_FOLLOWUPS_VIEW (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_handle_id (&self->midnight_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  disconnect_store (self);
  g_clear_object (&self->store);
  /* AdwBin unparents its child itself; the template must not do it again. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LG_TYPE_FOLLOWUPS_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->items);
  g_clear_pointer (&self->bound_rows, g_hash_table_unref);

  G_OBJECT_CLASS (lg_followups_view_parent_class)->dispose (object);
}

static void
lg_followups_view_class_init (LgFollowupsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lg_followups_view_dispose;
  object_class->get_property = lg_followups_view_get_property;
  widget_class->map = lg_followups_view_map;
  widget_class->unmap = lg_followups_view_unmap;

  properties[PROP_ATTENTION_COUNT] =
    g_param_spec_uint ("attention-count", NULL, "Overdue and today's open follow-ups",
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadgram/Desktop/ui/lg-followups-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LgFollowupsView, stack);
  gtk_widget_class_bind_template_child (widget_class, LgFollowupsView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LgFollowupsView, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_list_view_activate_cb);

  gtk_widget_class_install_action (widget_class, "followups.schedule", NULL, schedule_action);
  gtk_widget_class_install_action (widget_class, "followups.schedule-for-lead", "x",
                                   schedule_for_lead_action);
  gtk_widget_class_install_action (widget_class, "followups.done", "x", done_action);
  gtk_widget_class_install_action (widget_class, "followups.undo-done", "x", undo_done_action);
  gtk_widget_class_install_action (widget_class, "followups.snooze", "(xs)", snooze_action);
}

static void
lg_followups_view_init (LgFollowupsView *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->items = g_list_store_new (G_TYPE_OBJECT);
  self->bound_rows = g_hash_table_new (NULL, NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->items)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "followups.schedule", FALSE);
}
