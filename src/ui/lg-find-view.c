/* lg-find-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Find Leads: the offer, the saved searches, the search on a worker with
 * results streaming in, the result list filled a few rows per frame, and what
 * the user does with a result (add, dismiss, vote, follow up, with Undo). One
 * view whose parts share the shown search and its results.
 */

#define G_LOG_DOMAIN "lg-find-view"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-find-view.h"
#include "lg-ui-util.h"
#include "lg-followup-dialog.h"
#include "lg-reach-out-dialog.h"
#include "lg-result-row.h"
#include "lg-sample-workspace.h"
#include "lg-source.h"
#include "lg-search-export.h"
#include "lg-search.h"

/* New searches leave out the weakest matches: a score under 20 is a message
 * that shares a word or two with the offer and shows no wish to buy. The
 * CLI and the core keep 0 (everything) unless asked. */
#define DEFAULT_MIN_SCORE 20

/* What the sample workspace is searched for when it opens. */
#define SAMPLE_OFFER N_("CRM for dental clinics: appointment reminders, patient recall")

static const gint64 date_ranges[] = { 0, 7, 30, 90, 365 }; /* days, per date_dropdown item */

struct _LgFindView
{
  AdwBin          parent_instance;

  LgStore        *store;
  LgSearchSpec   *spec;        /* the search shown, saved */
  GListStore     *saved;       /* LgSearchSpec */
  GListStore     *results;     /* LgSearchResult, best first */
  GPtrArray      *target;      /* LgSearchResult the list is being filled with, best first */
  GHashTable     *by_author;   /* author key -> LgSearchResult in target */
  guint           fill_id;     /* the tick callback filling the list, 0 when filled */
  GListModel     *sources;     /* LgSource, for the sources filter */
  char           *sources_signature; /* what the filter was built from */
  GCancellable   *cancellable; /* the running search, NULL when none */
  GCancellable   *state_cancellable; /* the read of refresh_state() */
  GHashTable     *writing;     /* LgSearchResult with a write on its way (not owned) */
  LgSearchSpec   *saving;      /* the search whose save is on its way (not owned), or NULL */

  GtkStack       *main_stack;
  GtkRevealer    *sample_revealer;
  GtkListBox     *saved_list;
  GtkTextView    *offer_view;
  GtkEntry       *must_entry;
  GtkEntry       *exclude_entry;
  GtkMenuButton  *sources_button;
  GtkBox         *sources_box;
  GtkDropDown    *date_dropdown;
  GtkSpinButton  *min_score_spin;
  GtkExpander    *refine_expander;
  GtkWidget      *search_button;
  GtkWidget      *cancel_button;
  GtkSpinner     *spinner;
  GtkLabel       *status_label;
  GtkStack       *results_stack;
  AdwStatusPage  *results_status;
  GtkListView    *results_list;
};

G_DEFINE_FINAL_TYPE (LgFindView, lg_find_view, ADW_TYPE_BIN)

static void run_search (LgFindView *self);

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static void
show_toast (LgFindView *self,
            AdwToast   *toast)
{
  lg_widget_add_toast (GTK_WIDGET (self), toast);
}

static void
show_error_toast (LgFindView   *self,
                  const GError *error)
{
  show_toast (self, adw_toast_new (error->message));
}

static void
show_message (LgFindView *self,
              const char *icon,
              const char *title,
              const char *description)
{
  adw_status_page_set_icon_name (self->results_status, icon);
  adw_status_page_set_title (self->results_status, title);
  adw_status_page_set_description (self->results_status, description);
  gtk_stack_set_visible_child_name (self->results_stack, "message");
}

static void
set_running (LgFindView *self,
             gboolean    running)
{
  gtk_widget_set_visible (self->cancel_button, running);
  gtk_widget_set_sensitive (self->search_button, !running);
  gtk_spinner_set_spinning (self->spinner, running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "find.export", !running);
}

/* GtkListView makes a row for every new item at once, and measuring a row's
 * wrapping labels takes milliseconds: fifty new rows in one frame would hold
 * the window still for a quarter of a second. So the list follows the
 * target a few new rows per frame, each step one change of the store (the
 * view keeps the rows of the results already shown). */
#define ROWS_PER_FRAME 2

static gboolean
fill_step (LgFindView *self,
           guint       max_new)
{
  GListModel *model = G_LIST_MODEL (self->results);
  g_autoptr(GHashTable) wanted = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) shown = g_hash_table_new (NULL, NULL);
  guint added = 0, j = 0;

  /* Out with what the target no longer has (a better message came, or the
   * final list is shorter), then in with the new ones at their places:
   * one change each, so the rows around them stay as they are. */
  for (guint i = 0; i < self->target->len; i++)
    g_hash_table_add (wanted, g_ptr_array_index (self->target, i));
  for (guint i = g_list_model_get_n_items (model); i > 0; i--)
    {
      g_autoptr(LgSearchResult) result = g_list_model_get_item (model, i - 1);

      if (g_hash_table_contains (wanted, result))
        g_hash_table_add (shown, result);
      else
        g_list_store_remove (self->results, i - 1);
    }

  for (guint i = 0; i < self->target->len; i++)
    {
      LgSearchResult *result = g_ptr_array_index (self->target, i);
      g_autoptr(LgSearchResult) at_j = g_list_model_get_item (model, j);

      if (at_j == result)
        j++;
      else if (g_hash_table_contains (shown, result))
        {
          /* Ranked otherwise than shown (rare: the final list breaks ties
           * by date): everything in order at once. */
          g_list_store_splice (self->results, 0, g_list_model_get_n_items (model),
                               self->target->pdata, self->target->len);
          return FALSE;
        }
      else if (added == max_new)
        return TRUE;
      else
        {
          g_list_store_insert (self->results, j++, result);
          added++;
        }
    }
  return FALSE;
}

static gboolean
fill_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       user_data)
{
  LgFindView *self = user_data;

  if (fill_step (self, ROWS_PER_FRAME))
    return G_SOURCE_CONTINUE;
  self->fill_id = 0;
  return G_SOURCE_REMOVE;
}

static void
stop_filling (LgFindView *self)
{
  if (self->fill_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->fill_id);
  self->fill_id = 0;
}

/* How many people the list holds, and how many are new since the search
 * last ran: after a search, and again when one is dismissed or comes back. */
static void
show_count (LgFindView *self)
{
  g_autofree char *status = NULL;
  guint n = self->target->len;
  guint n_new = 0;

  for (guint i = 0; i < n; i++)
    n_new += lg_search_result_get_is_new (g_ptr_array_index (self->target, i));
  if (n_new > 0)
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person, best first · %u new",
                                           "%u people, best first · %u new", n), n, n_new);
  else
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person, best first",
                                           "%u people, best first", n), n);
  gtk_label_set_label (self->status_label, status);
}

/* The list heads for @items (best first); unseen, it gets them at once. */
static void
set_target (LgFindView *self,
            GPtrArray  *items)
{
  g_ptr_array_set_size (self->target, 0);
  g_hash_table_remove_all (self->by_author);
  for (guint i = 0; i < items->len; i++)
    {
      LgSearchResult *result = g_ptr_array_index (items, i);

      g_ptr_array_add (self->target, g_object_ref (result));
      g_hash_table_replace (self->by_author, g_strdup (lg_search_result_get_author_key (result)),
                            result);
    }

  if (!gtk_widget_get_mapped (GTK_WIDGET (self->results_list)))
    {
      stop_filling (self);
      fill_step (self, G_MAXUINT);
    }
  else if (self->fill_id == 0 && fill_step (self, ROWS_PER_FRAME))
    self->fill_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), fill_tick_cb, self, NULL);
}

static void
clear_results (LgFindView *self)
{
  stop_filling (self);
  g_ptr_array_set_size (self->target, 0);
  g_hash_table_remove_all (self->by_author);
  g_list_store_remove_all (self->results);
}

/* Results streamed in: new people, or someone's better message. */
static void
on_batch_cb (GPtrArray *batch,
             gpointer   user_data)
{
  LgFindView *self = user_data;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) replaced = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *found = NULL;

  for (guint i = 0; i < batch->len; i++)
    g_hash_table_add (replaced, (gpointer) lg_search_result_get_author_key (
                                  g_ptr_array_index (batch, i)));
  for (guint i = 0; i < self->target->len; i++)
    {
      LgSearchResult *result = g_ptr_array_index (self->target, i);

      if (!g_hash_table_contains (replaced, lg_search_result_get_author_key (result)))
        g_ptr_array_add (items, g_object_ref (result));
    }
  g_ptr_array_extend (items, batch, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  g_ptr_array_sort (items, lg_search_result_compare);
  /* The page first: hidden, the list would get all results in one go. */
  if (items->len > 0)
    gtk_stack_set_visible_child_name (self->results_stack, "results");
  set_target (self, items);
  found = g_strdup_printf (_("Scoring… %u people so far"), items->len);
  gtk_label_set_label (self->status_label, found);
}

static void
show_search_error (LgFindView   *self,
                   const GError *error)
{
  const char *title = _("The Search Failed");
  const char *icon = "dialog-warning-symbolic";

  if (g_error_matches (error, LG_SEARCH_ERROR, LG_SEARCH_ERROR_EMPTY_OFFER))
    {
      title = _("Describe What You Sell");
      icon = "document-edit-symbolic";
    }
  else if (g_error_matches (error, LG_SEARCH_ERROR, LG_SEARCH_ERROR_COMMON_WORDS))
    title = _("Only Common Words");
  else if (g_error_matches (error, LG_SEARCH_ERROR, LG_SEARCH_ERROR_NO_MESSAGES))
    {
      title = _("No Messages Yet");
      icon = "application-rss+xml-symbolic";
    }
  show_message (self, icon, title, error->message);
}

static void
on_search_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LgFindView) self = user_data;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  results = lg_search_run_finish (LG_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Cancelled: what was found so far stays, and a newer search may run. */
      if (self->cancellable != NULL && g_cancellable_is_cancelled (self->cancellable))
        {
          g_clear_object (&self->cancellable);
          set_running (self, FALSE);
          gtk_label_set_label (self->status_label, _("Search cancelled"));
        }
      return;
    }
  g_clear_object (&self->cancellable);
  set_running (self, FALSE);

  if (results == NULL)
    {
      clear_results (self);
      gtk_label_set_label (self->status_label, "");
      show_search_error (self, error);
      return;
    }

  /* The final list replaces what streamed in (it is cut to the limit), and
   * the list starts again at its top, where the best are, instead of keeping
   * in view a row that sank while the results streamed in. A person shown
   * with the same message keeps the row. */
  for (guint i = 0; i < results->len; i++)
    {
      LgSearchResult *found = g_ptr_array_index (results, i);
      LgSearchResult *shown = g_hash_table_lookup (self->by_author,
                                                   lg_search_result_get_author_key (found));

      if (shown != NULL &&
          lg_search_result_get_message_id (shown) == lg_search_result_get_message_id (found))
        {
          lg_search_result_set_other_count (shown, lg_search_result_get_other_count (found));
          lg_search_result_set_feedback_move (shown, lg_search_result_get_feedback_move (found));
          g_ptr_array_index (results, i) = g_object_ref (shown);
          g_object_unref (found);
        }
    }
  if (results->len > 0)
    gtk_stack_set_visible_child_name (self->results_stack, "results");
  set_target (self, results);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->results_list), "list.scroll-to-item", "u", 0);
  if (results->len == 0)
    {
      show_message (self, "system-search-symbolic", _("Nobody Found"),
                    _("No message matches this offer and these filters. Try other words for "
                      "what you sell, fewer must-have words, a lower minimum score or more "
                      "sources."));
      gtk_label_set_label (self->status_label, "");
      return;
    }

  show_count (self);
}

static void
run_search (LgFindView *self)
{
  if (self->store == NULL || self->spec == NULL)
    return;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  set_running (self, TRUE);
  gtk_label_set_label (self->status_label, _("Searching…"));
  lg_search_run_async (self->store, self->spec, self->cancellable, on_batch_cb, self,
                       on_search_done_cb, g_object_ref (self));
}

static char *
dup_offer_text (LgFindView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->offer_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static GStrv
split_entry (GtkEntry *entry)
{
  return g_strsplit (gtk_editable_get_text (GTK_EDITABLE (entry)), ",", -1);
}

/* The search's name in the side list: the offer's first line, shortened. */
static char *
name_for_offer (const char *offer)
{
  g_autofree char *line = g_strndup (offer, strcspn (offer, "\n:.;"));

  if (g_utf8_strlen (line, -1) > 40)
    {
      char *cut = g_utf8_offset_to_pointer (line, 40);

      *cut = '\0';
      return g_strconcat (line, "…", NULL);
    }
  return g_steal_pointer (&line);
}

static void
read_form (LgFindView   *self,
           LgSearchSpec *spec)
{
  g_auto(GStrv) must = split_entry (self->must_entry);
  g_auto(GStrv) exclude = split_entry (self->exclude_entry);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GStrvBuilder) kinds = g_strv_builder_new ();
  g_auto(GStrv) chosen_kinds = NULL;
  guint range = gtk_drop_down_get_selected (self->date_dropdown);
  GtkWidget *child;

  lg_search_spec_set_must (spec, (const char * const *) must);
  lg_search_spec_set_exclude (spec, (const char * const *) exclude);
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->sources_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *kind = g_object_get_data (G_OBJECT (child), "kind");

      if (!gtk_check_button_get_active (GTK_CHECK_BUTTON (child)))
        continue;
      if (kind != NULL)
        g_strv_builder_add (kinds, kind);
      /* A source of a chosen kind is in already. */
      else if (gtk_widget_get_sensitive (child))
        {
          gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (child), "source-id"));

          g_array_append_val (ids, id);
        }
    }
  lg_search_spec_set_source_ids (spec, (const gint64 *) (gpointer) ids->data, ids->len);
  chosen_kinds = g_strv_builder_end (kinds);
  lg_search_spec_set_source_kinds (spec, (const char * const *) chosen_kinds);
  lg_search_spec_set_since (spec, range < G_N_ELEMENTS (date_ranges) && date_ranges[range] > 0
                                  ? now_seconds () - date_ranges[range] * 86400 : 0);
  lg_search_spec_set_min_score (spec, gtk_spin_button_get_value_as_int (self->min_score_spin));
}

/* Folded, the filters still say that weak matches are left out. */
static void
update_refine_label (LgFindView *self)
{
  int min_score = gtk_spin_button_get_value_as_int (self->min_score_spin);
  g_autofree char *label = NULL;

  if (min_score > 0)
    label = g_strdup_printf (_("_Refine · minimum score %d"), min_score);
  gtk_expander_set_label (self->refine_expander, label != NULL ? label : _("_Refine"));
}

/* A kind chosen takes in all its sources, which show checked and
 * insensitive; the button names the kind when it is the one choice. */
static void
update_sources_label (LgFindView *self)
{
  g_autoptr(GPtrArray) kinds = g_ptr_array_new ();
  guint n = 0, n_single = 0;
  g_autofree char *label = NULL;
  GtkWidget *child;

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->sources_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_object_get_data (G_OBJECT (child), "kind") != NULL &&
        gtk_check_button_get_active (GTK_CHECK_BUTTON (child)))
      g_ptr_array_add (kinds, g_object_get_data (G_OBJECT (child), "kind"));
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->sources_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *kind = g_object_get_data (G_OBJECT (child), "source-kind");
      gboolean in_kind = kind != NULL && g_ptr_array_find_with_equal_func (kinds, kind,
                                                                          g_str_equal, NULL);

      if (g_object_get_data (G_OBJECT (child), "kind") != NULL)
        continue;
      gtk_widget_set_sensitive (child, !in_kind);
      if (in_kind)
        n++;
      else if (gtk_check_button_get_active (GTK_CHECK_BUTTON (child)))
        n++, n_single++;
    }
  if (kinds->len == 1 && n_single == 0)
    label = g_strdup (_(lg_source_kind_lookup (g_ptr_array_index (kinds, 0))->plural));
  else if (n == 0 && kinds->len == 0)
    label = g_strdup (_("All Sources"));
  else
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Source", "%u Sources", n), n);
  gtk_menu_button_set_label (self->sources_button, label);
}

/* The form shows a saved search's offer and filters. */
static void
fill_form (LgFindView   *self,
           LgSearchSpec *spec)
{
  g_autofree char *must = g_strjoinv (", ", (GStrv) lg_search_spec_get_must (spec));
  g_autofree char *exclude = g_strjoinv (", ", (GStrv) lg_search_spec_get_exclude (spec));
  guint n_ids;
  const gint64 *ids = lg_search_spec_get_source_ids (spec, &n_ids);
  const char * const *kinds = lg_search_spec_get_source_kinds (spec);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->offer_view),
                            lg_search_spec_get_offer (spec), -1);
  gtk_editable_set_text (GTK_EDITABLE (self->must_entry), must);
  gtk_editable_set_text (GTK_EDITABLE (self->exclude_entry), exclude);
  gtk_spin_button_set_value (self->min_score_spin, lg_search_spec_get_min_score (spec));
  gtk_drop_down_set_selected (self->date_dropdown, 0);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sources_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      const char *kind = g_object_get_data (G_OBJECT (child), "kind");
      gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (child), "source-id"));
      gboolean active = kind != NULL && g_strv_contains (kinds, kind);

      for (guint i = 0; kind == NULL && i < n_ids; i++)
        active |= ids[i] == id;
      gtk_check_button_set_active (GTK_CHECK_BUTTON (child), active);
    }
  update_sources_label (self);
}

static void
reload_saved (LgFindView *self)
{
  g_autoptr(GListModel) saved = NULL;
  g_autoptr(GError) error = NULL;

  g_list_store_remove_all (self->saved);
  if (self->store == NULL)
    return;
  saved = lg_search_list_saved (self->store, &error);
  if (saved == NULL)
    {
      show_error_toast (self, error);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (saved); i++)
    {
      g_autoptr(LgSearchSpec) spec = g_list_model_get_item (saved, i);

      g_list_store_append (self->saved, spec);
    }
}

static void
select_saved (LgFindView *self)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->saved)); i++)
    {
      g_autoptr(LgSearchSpec) spec = g_list_model_get_item (G_LIST_MODEL (self->saved), i);

      if (self->spec != NULL && lg_search_spec_get_id (spec) == lg_search_spec_get_id (self->spec))
        {
          gtk_list_box_select_row (self->saved_list, gtk_list_box_get_row_at_index (self->saved_list,
                                                                                   i));
          return;
        }
    }
  gtk_list_box_unselect_all (self->saved_list);
}

/* The saved search with this very offer: typed again, it runs again (and
 * shows what is new since) instead of being kept twice. */
static LgSearchSpec *
find_saved_offer (LgFindView *self,
                  const char *offer)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->saved)); i++)
    {
      g_autoptr(LgSearchSpec) spec = g_list_model_get_item (G_LIST_MODEL (self->saved), i);

      if (g_strcmp0 (lg_search_spec_get_offer (spec), offer) == 0)
        return g_steal_pointer (&spec);
    }
  return NULL;
}

/* A search as the form has it, saved off the main thread (lg_widget_write():
 * a big import may hold the database for seconds); it runs once saved, as a
 * saved search records its matches. lg_search_save() gives a new search its
 * id: the worker saves a copy, and the id goes to the one shown once the
 * save has landed. */
typedef struct
{
  LgSearchSpec *spec;  /* the one shown: the main thread's */
  LgSearchSpec *copy;  /* the worker's */
} SpecWrite;

static void
spec_write_free (gpointer data)
{
  SpecWrite *write = data;

  g_object_unref (write->spec);
  g_object_unref (write->copy);
  g_free (write);
}

static gboolean
write_spec (LgStore  *store,
            gpointer  data,
            GError  **error)
{
  SpecWrite *write = data;

  return lg_search_save (store, write->copy, error);
}

static void
on_spec_saved (GtkWidget    *widget,
               gpointer      data,
               const GError *error)
{
  LgFindView *self = LG_FIND_VIEW (widget);
  SpecWrite *write = data;

  if (self->saving == write->spec)
    self->saving = NULL;
  if (error != NULL)
    {
      show_error_toast (self, error);
      return;
    }
  lg_search_spec_set_id (write->spec, lg_search_spec_get_id (write->copy));
  /* The side list reads the saved searches again before one is selected. */
  lg_store_notify_changed (self->store, LG_STORE_CHANGED_SEARCHES);
  /* Unless another search is shown by now. */
  if (write->spec != self->spec)
    return;
  select_saved (self);
  run_search (self);
}

/* Search: the same offer re-runs the search shown or the saved one, another
 * one is saved as a new search. */
static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LgFindView *self = LG_FIND_VIEW (widget);
  g_autofree char *offer = dup_offer_text (self);
  SpecWrite *write;

  if (self->store == NULL)
    return;
  if (*offer == '\0')
    {
      clear_results (self);
      show_message (self, "document-edit-symbolic", _("Describe What You Sell"),
                    _("Write what you sell in a few words, for example “CRM for dental clinics” "
                      "or “website for a car repair shop”, then press Search."));
      return;
    }

  if (self->spec == NULL || g_strcmp0 (lg_search_spec_get_offer (self->spec), offer) != 0)
    {
      g_autoptr(LgSearchSpec) saved = find_saved_offer (self, offer);

      g_clear_object (&self->spec);
      if (saved != NULL)
        self->spec = lg_search_spec_copy (saved);
      else
        {
          g_autofree char *name = name_for_offer (offer);

          self->spec = lg_search_spec_new (offer);
          lg_search_spec_set_name (self->spec, name);
        }
      clear_results (self);
    }
  read_form (self, self->spec);
  /* A database that may only be read runs the search without keeping it. */
  if (lg_store_is_read_only (self->store))
    {
      run_search (self);
      return;
    }
  /* Saved once: a new search saved twice would be kept twice. Its save
   * runs it. */
  if (self->saving == self->spec)
    return;
  self->saving = self->spec;
  write = g_new0 (SpecWrite, 1);
  write->spec = g_object_ref (self->spec);
  write->copy = lg_search_spec_copy (self->spec);
  lg_widget_write (widget, self->store, 0, write_spec, write, spec_write_free, on_spec_saved);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LgFindView *self = LG_FIND_VIEW (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
new_search_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LgFindView *self = LG_FIND_VIEW (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->spec);
  clear_results (self);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->offer_view), "", -1);
  gtk_editable_set_text (GTK_EDITABLE (self->must_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->exclude_entry), "");
  gtk_spin_button_set_value (self->min_score_spin, DEFAULT_MIN_SCORE);
  gtk_drop_down_set_selected (self->date_dropdown, 0);
  gtk_label_set_label (self->status_label, "");
  gtk_list_box_unselect_all (self->saved_list);
  show_message (self, "system-search-symbolic", _("Describe What You Sell"),
                _("The people in your sources who ask for it appear here, best first, each "
                  "with a score and the reason."));
  gtk_widget_grab_focus (GTK_WIDGET (self->offer_view));
}

/* Removed off the main thread, as it is saved. */
static gboolean
write_removal (LgStore  *store,
               gpointer  data,
               GError  **error)
{
  return lg_search_remove_saved (store, *(gint64 *) data, error);
}

static void
on_saved_removed (GtkWidget    *widget,
                  gpointer      data,
                  const GError *error)
{
  LgFindView *self = LG_FIND_VIEW (widget);
  gint64 id = *(gint64 *) data;

  if (error != NULL)
    show_error_toast (self, error);
  else if (self->spec != NULL && lg_search_spec_get_id (self->spec) == id)
    new_search_action (widget, NULL, NULL);
}

static void
remove_saved_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LgFindView *self = LG_FIND_VIEW (widget);
  gint64 *id;

  if (self->store == NULL)
    return;
  id = g_new (gint64, 1);
  *id = g_variant_get_int64 (parameter);
  lg_widget_write (widget, self->store, LG_STORE_CHANGED_SEARCHES, write_removal, id, g_free,
                   on_saved_removed);
}

static void
on_saved_list_row_activated_cb (LgFindView    *self,
                                GtkListBoxRow *row)
{
  g_autoptr(LgSearchSpec) spec = g_list_model_get_item (G_LIST_MODEL (self->saved),
                                                        gtk_list_box_row_get_index (row));

  if (spec == NULL)
    return;
  g_set_object (&self->spec, spec);
  clear_results (self);
  fill_form (self, spec);
  run_search (self);
}

static GtkWidget *
create_saved_row_cb (gpointer item,
                     gpointer user_data)
{
  LgSearchSpec *spec = item;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (lg_search_spec_get_name (spec));
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_tooltip_text (label, lg_search_spec_get_offer (spec));
  gtk_widget_add_css_class (remove, "flat");
  lg_widget_set_name (remove, _("Remove Saved Search"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "find.remove-saved");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "x", lg_search_spec_get_id (spec));
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), remove);
  return box;
}

/* Export */

static void
on_export_written_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(LgFindView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not save the CSV file: %s"),
                                                  error->message);

      show_toast (self, adw_toast_new (message));
      return;
    }
  show_toast (self, adw_toast_new (_("Results exported")));
}

static void
on_export_response_cb (GtkNativeDialog *dialog,
                       int              response,
                       gpointer         user_data)
{
  g_autoptr(LgFindView) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *csv;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  g_object_unref (dialog);
  if (file == NULL)
    return;

  csv = lg_search_results_to_csv (G_LIST_MODEL (self->results));
  bytes = g_bytes_new_take (csv, strlen (csv));
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       NULL, on_export_written_cb, g_object_ref (self));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LgFindView *self = LG_FIND_VIEW (widget);
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;

  /* Every result, also those not yet shown. */
  stop_filling (self);
  fill_step (self, G_MAXUINT);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->results)) == 0)
    {
      show_toast (self, adw_toast_new (_("Nothing to export: search first")));
      return;
    }
  dialog = gtk_file_chooser_native_new (_("Export Results"),
                                        GTK_WINDOW (gtk_widget_get_root (widget)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  name = g_strdup_printf ("%s.csv", self->spec != NULL ? lg_search_spec_get_name (self->spec)
                                                       : "leads");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* The sample workspace, loaded or removed on a worker */

static gboolean
sample_work (LgStore       *store,
             gpointer       source_object,
             gpointer       task_data,
             GCancellable  *cancellable,
             GError       **error)
{
  gboolean load = GPOINTER_TO_INT (task_data);

  return load ? lg_sample_workspace_load (store, now_seconds (), error)
              : lg_sample_workspace_remove (store, error);
}

static void
on_sample_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  LgFindView *self = LG_FIND_VIEW (object);
  gboolean load = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (result), "load"));
  g_autoptr(GError) error = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "find.open-sample", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "find.remove-sample", TRUE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_error_toast (self, error);
      return;
    }
  if (self->store == NULL)
    return;

  if (!load)
    new_search_action (GTK_WIDGET (self), NULL, NULL);
  lg_store_notify_changed (self->store, LG_STORE_CHANGED_SOURCES |
                                        LG_STORE_CHANGED_MESSAGES |
                                        LG_STORE_CHANGED_LEADS);
  if (load)
    lg_find_view_search (self, _(SAMPLE_OFFER));
  else
    show_toast (self, adw_toast_new (_("Sample data removed")));
}

static void
run_sample_task (LgFindView *self,
                 gboolean    load)
{
  g_autoptr(GTask) task = NULL;

  if (self->store == NULL)
    return;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "find.open-sample", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "find.remove-sample", FALSE);
  task = g_task_new (self, NULL, on_sample_done_cb, NULL);
  g_task_set_task_data (task, GINT_TO_POINTER (load), NULL);
  g_object_set_data (G_OBJECT (task), "load", GINT_TO_POINTER (load));
  lg_store_run_in_thread (task, lg_store_get_path (self->store), sample_work);
}

static void
open_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  run_sample_task (LG_FIND_VIEW (widget), TRUE);
}

static void
remove_sample_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  run_sample_task (LG_FIND_VIEW (widget), FALSE);
}

/* Working the results */

/* What the user does to a result is written off the main thread
 * (lg_widget_write(): a big import may hold the database for seconds). The
 * lg_search_*() functions update the result and the search they write, and
 * the list shows those: the worker writes copies, and what the write changed
 * is copied to the ones shown once it has landed, on the main thread. */
typedef enum
{
  RESULT_ADD,
  RESULT_UNDO_ADD,
  RESULT_DISMISS,
  RESULT_RESTORE,
  RESULT_VOTE,
} ResultWriteKind;

typedef struct
{
  ResultWriteKind  kind;
  int              vote;        /* RESULT_VOTE's */
  gboolean         reach_out;   /* RESULT_ADD's: the composer opens for the new lead */
  LgSearchSpec    *spec;        /* the ones shown: the main thread's */
  LgSearchResult  *result;
  LgSearchSpec    *spec_copy;   /* the worker's */
  LgSearchResult  *result_copy;
} ResultWrite;

static void
result_write_free (gpointer data)
{
  ResultWrite *write = data;

  g_object_unref (write->spec);
  g_object_unref (write->result);
  g_object_unref (write->spec_copy);
  g_object_unref (write->result_copy);
  g_free (write);
}

static gboolean
write_result (LgStore  *store,
              gpointer  data,
              GError  **error)
{
  ResultWrite *write = data;

  switch (write->kind)
    {
    case RESULT_ADD:
      return lg_search_add_to_pipeline (store, write->spec_copy, write->result_copy, error);
    case RESULT_UNDO_ADD:
      return lg_search_undo_add (store, write->spec_copy, write->result_copy, error);
    case RESULT_DISMISS:
      return lg_search_dismiss (store, write->spec_copy, write->result_copy, error);
    case RESULT_RESTORE:
      return lg_search_restore (store, write->spec_copy, write->result_copy, error);
    case RESULT_VOTE:
      return lg_search_vote (store, write->spec_copy, write->result_copy, write->vote, error);
    default:
      g_assert_not_reached ();
    }
}

static void on_result_written (GtkWidget    *widget,
                               gpointer      data,
                               const GError *error);

/* One write at a time for a result: a second click while the first waits
 * (for an import, say) would add its author twice. */
static void
write_result_async (LgFindView      *self,
                    LgSearchSpec    *spec,
                    LgSearchResult  *result,
                    ResultWriteKind  kind,
                    int              vote,
                    gboolean         reach_out)
{
  ResultWrite *write;

  if (self->store == NULL || !g_hash_table_add (self->writing, result))
    return;
  write = g_new0 (ResultWrite, 1);
  write->kind = kind;
  write->vote = vote;
  write->reach_out = reach_out;
  write->spec = g_object_ref (spec);
  write->result = g_object_ref (result);
  write->spec_copy = lg_search_spec_copy (spec);
  write->result_copy = lg_search_result_copy (result);
  lg_widget_write (GTK_WIDGET (self), self->store,
                   kind == RESULT_ADD || kind == RESULT_UNDO_ADD ? LG_STORE_CHANGED_LEADS : 0,
                   write_result, write, result_write_free, on_result_written);
}

static void
on_undo_add_cb (AdwToast   *toast,
                LgFindView *self)
{
  write_result_async (self, g_object_get_data (G_OBJECT (toast), "spec"),
                      g_object_get_data (G_OBJECT (toast), "result"), RESULT_UNDO_ADD, 0, FALSE);
}

/* An action's toast with Undo, which calls @undo_cb with the result and the
 * search it was shown by. */
static void
show_undo_toast (LgFindView     *self,
                 const char     *title,
                 LgSearchSpec   *spec,
                 LgSearchResult *result,
                 GCallback       undo_cb)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "result", g_object_ref (result), g_object_unref);
  g_object_set_data_full (G_OBJECT (toast), "spec", g_object_ref (spec), g_object_unref);
  g_signal_connect_object (toast, "button-clicked", undo_cb, self, 0);
  show_toast (self, toast);
}

static void
show_added (LgFindView     *self,
            LgSearchSpec   *spec,
            LgSearchResult *result)
{
  g_autofree char *title = NULL;
  int score = lg_search_result_get_score (result);

  title = g_strdup_printf (score >= LG_SCORE_ACT_MIN ? _("%s added to Hot")
                           : score >= LG_SCORE_LOOK_MIN ? _("%s added to Warm")
                           : _("%s added to Cold"),
                           lg_search_result_get_author_label (result));
  show_undo_toast (self, title, spec, result, G_CALLBACK (on_undo_add_cb));
}

/* The person a follow-up is scheduled for, made a lead on the follow-up's
 * worker when it is saved: copies, as for write_result(). */
typedef struct
{
  LgSearchSpec   *spec;
  LgSearchResult *result;
} PendingLead;

static void
pending_lead_free (gpointer data)
{
  PendingLead *pending = data;

  g_object_unref (pending->spec);
  g_object_unref (pending->result);
  g_free (pending);
}

static gint64
make_lead_cb (LgStore   *store,
              gpointer   data,
              GError   **error)
{
  PendingLead *pending = data;

  if (!lg_search_add_to_pipeline (store, pending->spec, pending->result, error))
    return 0;
  return lg_search_result_get_lead_id (pending->result);
}

/* The follow-up and its lead have landed: the result shown is in the
 * pipeline. */
static void
on_followup_scheduled_cb (LgFollowupDialog *dialog,
                          LgFollowup       *followup,
                          LgFindView       *self)
{
  LgSearchResult *result = g_object_get_data (G_OBJECT (dialog), "result");
  LgSearchSpec *spec = g_object_get_data (G_OBJECT (dialog), "spec");

  lg_search_result_set_lead_id (result, lg_followup_get_lead_id (followup));
  lg_search_result_set_status (result, LG_MATCH_ACCEPTED);
  show_added (self, spec, result);
}

/* Follow-ups belong to leads: a result not in the pipeline yet gets there
 * when its follow-up is scheduled, not when the dialog opens. */
static void
schedule_followup (LgFindView     *self,
                   LgSearchResult *result)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  LgFollowupDialog *dialog;

  if (lg_search_result_get_lead_id (result) > 0)
    dialog = lg_followup_dialog_new (self->store, lg_search_result_get_lead_id (result));
  else
    {
      PendingLead *pending = g_new0 (PendingLead, 1);

      pending->spec = lg_search_spec_copy (self->spec);
      pending->result = lg_search_result_copy (result);
      dialog = lg_followup_dialog_new_for_person (self->store,
                                                  lg_search_result_get_author_label (result),
                                                  lg_search_result_get_author_handle (result),
                                                  make_lead_cb, pending, pending_lead_free);
      g_object_set_data_full (G_OBJECT (dialog), "result", g_object_ref (result), g_object_unref);
      g_object_set_data_full (G_OBJECT (dialog), "spec", g_object_ref (self->spec),
                              g_object_unref);
      g_signal_connect_object (dialog, "scheduled", G_CALLBACK (on_followup_scheduled_cb), self,
                               0);
    }
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                          : NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_undo_dismiss_cb (AdwToast   *toast,
                    LgFindView *self)
{
  write_result_async (self, g_object_get_data (G_OBJECT (toast), "spec"),
                      g_object_get_data (G_OBJECT (toast), "result"), RESULT_RESTORE, 0, FALSE);
}

static void
show_restored (LgFindView     *self,
               LgSearchSpec   *spec,
               LgSearchResult *result)
{
  g_autoptr(GPtrArray) items = NULL;

  /* Back in its place, unless another search is shown by now. */
  if (spec != self->spec ||
      g_hash_table_contains (self->by_author, lg_search_result_get_author_key (result)))
    return;
  items = g_ptr_array_copy (self->target, (GCopyFunc) (void (*) (void)) g_object_ref, NULL);
  g_ptr_array_set_free_func (items, g_object_unref);
  g_ptr_array_add (items, g_object_ref (result));
  g_ptr_array_sort (items, lg_search_result_compare);
  set_target (self, items);
  show_count (self);
}

static void
show_dismissed (LgFindView     *self,
                LgSearchSpec   *spec,
                LgSearchResult *result)
{
  const char *key = lg_search_result_get_author_key (result);
  g_autofree char *title = NULL;
  LgSearchResult *shown;
  guint position;

  /* The row shown for it leaves the list: a search streaming in may have
   * shown the same message with another result since. */
  shown = spec == self->spec ? g_hash_table_lookup (self->by_author, key) : NULL;
  if (shown != NULL &&
      lg_search_result_get_message_id (shown) == lg_search_result_get_message_id (result))
    {
      if (g_list_store_find (self->results, shown, &position))
        g_list_store_remove (self->results, position);
      g_hash_table_remove (self->by_author, key);
      g_ptr_array_remove (self->target, shown);
      show_count (self);
    }
  title = g_strdup_printf (_("%s dismissed"), lg_search_result_get_author_label (result));
  show_undo_toast (self, title, spec, result, G_CALLBACK (on_undo_dismiss_cb));
}

static void
show_voted (LgFindView   *self,
            LgSearchSpec *spec,
            int           vote)
{
  show_toast (self, adw_toast_new (vote != 0 ? _("Thanks: the ranking of this search now "
                                                 "follows your vote")
                                             : _("Vote taken back")));
  /* The ranking learns at once: the search runs again with the vote. */
  if (spec == self->spec)
    run_search (self);
}

static void
on_result_written (GtkWidget    *widget,
                   gpointer      data,
                   const GError *error)
{
  LgFindView *self = LG_FIND_VIEW (widget);
  ResultWrite *write = data;

  g_hash_table_remove (self->writing, write->result);
  if (error != NULL)
    {
      show_error_toast (self, error);
      return;
    }
  lg_search_result_set_lead_id (write->result, lg_search_result_get_lead_id (write->result_copy));
  lg_search_result_set_status (write->result, lg_search_result_get_status (write->result_copy));
  lg_search_result_set_feedback (write->result,
                                 lg_search_result_get_feedback (write->result_copy));
  switch (write->kind)
    {
    case RESULT_ADD:
      show_added (self, write->spec, write->result);
      /* The touch belongs to a lead: the composer waited for it. */
      if (write->reach_out)
        lg_reach_out_dialog_show (widget, self->store,
                                  lg_search_result_get_lead_id (write->result));
      break;
    case RESULT_UNDO_ADD:
      break;
    case RESULT_DISMISS:
      show_dismissed (self, write->spec, write->result);
      break;
    case RESULT_RESTORE:
      show_restored (self, write->spec, write->result);
      break;
    case RESULT_VOTE:
      lg_search_spec_set_feedback (write->spec, lg_search_spec_get_feedback (write->spec_copy));
      show_voted (self, write->spec, write->vote);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
act_on_result (LgFindView     *self,
               LgSearchResult *result,
               LgResultAction  action)
{
  const char *link = lg_search_result_get_link (result);
  int vote = action == LG_RESULT_ACTION_THUMBS_UP ? 1 : -1;

  if (self->store == NULL || self->spec == NULL)
    return;

  switch (action)
    {
    case LG_RESULT_ACTION_ADD:
      if (lg_search_result_get_lead_id (result) <= 0)
        write_result_async (self, self->spec, result, RESULT_ADD, 0, FALSE);
      break;
    case LG_RESULT_ACTION_DISMISS:
      write_result_async (self, self->spec, result, RESULT_DISMISS, 0, FALSE);
      break;
    case LG_RESULT_ACTION_FOLLOW_UP:
      schedule_followup (self, result);
      break;
    case LG_RESULT_ACTION_REACH_OUT:
      /* The touch belongs to a lead: the person joins the pipeline first. */
      if (lg_search_result_get_lead_id (result) > 0)
        lg_reach_out_dialog_show (GTK_WIDGET (self), self->store,
                                  lg_search_result_get_lead_id (result));
      else
        write_result_async (self, self->spec, result, RESULT_ADD, 0, TRUE);
      break;
    case LG_RESULT_ACTION_THUMBS_UP:
    case LG_RESULT_ACTION_THUMBS_DOWN:
      /* The thumb already down takes the vote back. */
      if (lg_search_result_get_feedback (result) == vote)
        vote = 0;
      write_result_async (self, self->spec, result, RESULT_VOTE, vote, FALSE);
      break;
    case LG_RESULT_ACTION_OPEN:
      if (link != NULL)
        gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), link,
                      GDK_CURRENT_TIME);
      break;
    case LG_RESULT_ACTION_COPY_LINK:
      if (link != NULL)
        {
          gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), link);
          show_toast (self, adw_toast_new (_("Link copied")));
        }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
on_row_action_cb (LgResultRow *row,
                  int          action,
                  LgFindView  *self)
{
  LgSearchResult *current = lg_result_row_get_result (row);
  /* Dismissing unbinds the row: the result must outlive that. */
  g_autoptr(LgSearchResult) result = current != NULL ? g_object_ref (current) : NULL;

  if (result != NULL)
    act_on_result (self, result, action);
}

static void
setup_result_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 LgFindView               *self)
{
  GtkWidget *row = lg_result_row_new ();

  g_signal_connect_object (row, "action", G_CALLBACK (on_row_action_cb), self, 0);
  gtk_list_item_set_child (item, row);
}

static void
bind_result_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                LgFindView               *self)
{
  LgResultRow *row = LG_RESULT_ROW (gtk_list_item_get_child (item));

  lg_result_row_set_search_name (row, self->spec != NULL ? lg_search_spec_get_name (self->spec)
                                                         : NULL);
  lg_result_row_set_result (row, gtk_list_item_get_item (item), now_seconds ());
}

static void
unbind_result_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  LgFindView               *self)
{
  lg_result_row_set_result (LG_RESULT_ROW (gtk_list_item_get_child (item)), NULL, 0);
}

static void
on_results_list_activate_cb (LgFindView *self,
                             guint       position)
{
  g_autoptr(LgSearchResult) result = g_list_model_get_item (G_LIST_MODEL (self->results),
                                                            position);

  if (result != NULL)
    act_on_result (self, result, LG_RESULT_ACTION_OPEN);
}

/* j/k move, a adds, x dismisses (Enter opens, through "activate"). */
static gboolean
on_results_key_pressed_cb (GtkEventControllerKey *controller,
                           guint                  keyval,
                           guint                  keycode,
                           GdkModifierType        state,
                           LgFindView            *self)
{
  GtkSelectionModel *selection = gtk_list_view_get_model (self->results_list);
  guint position = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->results));
  g_autoptr(LgSearchResult) result = NULL;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 || n == 0)
    return GDK_EVENT_PROPAGATE;
  if (position == GTK_INVALID_LIST_POSITION)
    position = 0;

  switch (keyval)
    {
    case GDK_KEY_j:
    case GDK_KEY_k:
      position = keyval == GDK_KEY_j ? MIN (position + 1, n - 1)
                                     : (position > 0 ? position - 1 : 0);
      gtk_widget_activate_action (GTK_WIDGET (self->results_list), "list.scroll-to-item", "u",
                                  position);
      gtk_selection_model_select_item (selection, position, TRUE);
      return GDK_EVENT_STOP;
    case GDK_KEY_a:
    case GDK_KEY_x:
      result = g_list_model_get_item (G_LIST_MODEL (self->results), position);
      act_on_result (self, result,
                     keyval == GDK_KEY_a ? LG_RESULT_ACTION_ADD : LG_RESULT_ACTION_DISMISS);
      return GDK_EVENT_STOP;
    default:
      return GDK_EVENT_PROPAGATE;
    }
}

/* What the sources filter shows of them: their ids, kinds and titles. */
static char *
describe_sources (GListModel *sources)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; sources != NULL && i < g_list_model_get_n_items (sources); i++)
    {
      g_autoptr(LgSource) source = g_list_model_get_item (sources, i);

      g_string_append_printf (text, "%" G_GINT64_FORMAT "\t%s\t%s\n", lg_source_get_id (source),
                              lg_source_get_kind (source), lg_source_get_title (source));
    }
  return g_string_free (text, FALSE);
}

/* The sources filter: each source, under a heading per kind that takes in
 * all of that kind (later ones too) when the sources are of several kinds. */
static void
fill_sources (LgFindView *self)
{
  guint n = g_list_model_get_n_items (self->sources);
  guint n_kinds = 0;

  for (guint k = 0; k < lg_n_source_kinds; k++)
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(LgSource) source = g_list_model_get_item (self->sources, i);

        if (g_str_equal (lg_source_get_kind (source), lg_source_kinds[k].kind))
          {
            n_kinds++;
            break;
          }
      }

  for (guint k = 0; k < lg_n_source_kinds; k++)
    {
      const LgSourceKind *kind = &lg_source_kinds[k];
      gboolean heading = FALSE;

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(LgSource) source = g_list_model_get_item (self->sources, i);
          GtkWidget *check;

          if (!g_str_equal (lg_source_get_kind (source), kind->kind))
            continue;
          if (n_kinds > 1 && !heading)
            {
              check = gtk_check_button_new_with_label (_(kind->plural));
              g_object_set_data (G_OBJECT (check), "kind", (gpointer) kind->kind);
              gtk_widget_add_css_class (check, "heading");
              g_signal_connect_swapped (check, "toggled", G_CALLBACK (update_sources_label),
                                        self);
              gtk_box_append (self->sources_box, check);
              heading = TRUE;
            }
          check = gtk_check_button_new_with_label (lg_source_get_title (source));
          g_object_set_data (G_OBJECT (check), "source-id",
                             GSIZE_TO_POINTER ((gsize) lg_source_get_id (source)));
          g_object_set_data (G_OBJECT (check), "source-kind", (gpointer) kind->kind);
          if (heading)
            gtk_widget_set_margin_start (check, 18);
          g_signal_connect_swapped (check, "toggled", G_CALLBACK (update_sources_label), self);
          gtk_box_append (self->sources_box, check);
        }
    }
}

/* First run, sample banner and the sources filter follow the store, read
 * on a worker with a connection of its own: this runs at every change of
 * leads or sources, a team workspace's colleagues' included. */

typedef struct
{
  gboolean    has_sample;
  GListModel *sources;
} StateRead;

static void
state_read_free (gpointer data)
{
  StateRead *read = data;

  g_clear_object (&read->sources);
  g_free (read);
}

/* The list of sources, not a count of every table: this runs after each
 * batch of syncs, and counting a million messages would take long. */
static gboolean
read_state_work (LgStore       *store,
                 gpointer       source_object,
                 gpointer       task_data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  StateRead *read = task_data;

  read->has_sample = lg_sample_workspace_is_loaded (store);
  return (read->sources = lg_store_list_sources_brief (store, error)) != NULL;
}

static void
on_state_read_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  LgFindView *self = LG_FIND_VIEW (object);
  StateRead *read = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *signature = NULL;
  GtkWidget *child;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return; /* a newer read is on its way */
  g_clear_object (&self->state_cancellable);
  if (error != NULL)
    {
      show_error_toast (self, error);
      return;
    }
  gtk_revealer_set_reveal_child (self->sample_revealer, read->has_sample);
  g_set_object (&self->sources, read->sources);
  gtk_stack_set_visible_child_name (self->main_stack, g_list_model_get_n_items (self->sources) > 0
                                                      ? "search" : "first-run");
  /* A sync changes a source's counts, not what the filter lists: the checks
   * (and what the user ticked) stay unless the sources themselves changed. */
  signature = describe_sources (self->sources);
  if (g_strcmp0 (signature, self->sources_signature) == 0)
    return;
  g_free (self->sources_signature);
  self->sources_signature = g_steal_pointer (&signature);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sources_box))) != NULL)
    gtk_box_remove (self->sources_box, child);
  fill_sources (self);
  update_sources_label (self);
}

static void
refresh_state (LgFindView *self)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->state_cancellable);
  g_clear_object (&self->state_cancellable);
  if (self->store == NULL)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "first-run");
      return;
    }
  self->state_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->state_cancellable, on_state_read_cb, NULL);
  g_task_set_task_data (task, g_new0 (StateRead, 1), state_read_free);
  lg_store_run_in_thread (task, lg_store_get_path (self->store), read_state_work);
}

gboolean
lg_find_view_get_refreshing (LgFindView *self)
{
  g_return_val_if_fail (LG_IS_FIND_VIEW (self), FALSE);

  return self->state_cancellable != NULL;
}

void
lg_find_view_set_store (LgFindView *self,
                        LgStore    *store)
{
  g_return_if_fail (LG_IS_FIND_VIEW (self));
  g_return_if_fail (store == NULL || LG_IS_STORE (store));

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  if (store != NULL)
    {
      g_signal_connect_swapped (store, "changed::sources", G_CALLBACK (refresh_state), self);
      g_signal_connect_swapped (store, "changed::leads", G_CALLBACK (refresh_state), self);
      g_signal_connect_swapped (store, "changed::searches", G_CALLBACK (reload_saved), self);
      g_signal_connect_swapped (store, "changed::matches", G_CALLBACK (reload_saved), self);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "find.search", store != NULL);
  refresh_state (self);
  reload_saved (self);
}

void
lg_find_view_search (LgFindView *self,
                     const char *offer)
{
  g_return_if_fail (LG_IS_FIND_VIEW (self));
  g_return_if_fail (offer != NULL);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->offer_view), offer, -1);
  gtk_widget_activate_action (GTK_WIDGET (self), "find.search", NULL);
}

GListModel *
lg_find_view_get_results (LgFindView *self)
{
  g_return_val_if_fail (LG_IS_FIND_VIEW (self), NULL);

  return G_LIST_MODEL (self->results);
}

gboolean
lg_find_view_is_running (LgFindView *self)
{
  g_return_val_if_fail (LG_IS_FIND_VIEW (self), FALSE);

  return self->cancellable != NULL || self->fill_id != 0;
}

static void
lg_find_view_dispose (GObject *object)
{
  LgFindView *self = LG_FIND_VIEW (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->state_cancellable);
  g_clear_object (&self->state_cancellable);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->spec);
  g_clear_object (&self->saved);
  g_clear_object (&self->results);
  g_clear_object (&self->sources);
  g_clear_pointer (&self->sources_signature, g_free);
  stop_filling (self);
  g_clear_pointer (&self->target, g_ptr_array_unref);
  g_clear_pointer (&self->by_author, g_hash_table_unref);
  g_clear_pointer (&self->writing, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), LG_TYPE_FIND_VIEW);

  G_OBJECT_CLASS (lg_find_view_parent_class)->dispose (object);
}

static void
lg_find_view_class_init (LgFindViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lg_find_view_dispose;

  g_type_ensure (LG_TYPE_RESULT_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadgram/Desktop/ui/lg-find-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LgFindView, main_stack);
  gtk_widget_class_bind_template_child (widget_class, LgFindView, sample_revealer);
  gtk_widget_class_bind_template_child (widget_class, LgFindView, saved_list);
  gtk_widget_class_bind_template_child (widget_class, LgFindView, offer_view);
  gtk_widget_class_bind_template_child (widget_class, LgFindView, must_entry);
  gtk_widget_class_bind_template_child (widget_class, LgFindView, exclude_entry);
  gtk_widget_class_bind_template_child (widget_class, LgFindView, sources_button);
  gtk_widget_class_bind_template_child (widget_class, LgFindView, sources_box);
  gtk_widget_class_bind_template_child (widget_class, LgFindView, date_dropdown);
  gtk_widget_class_bind_template_child (widget_class, LgFindView, min_score_spin);
  gtk_widget_class_bind_template_child (widget_class, LgFindView, refine_expander);
  gtk_widget_class_bind_template_child (widget_class, LgFindView, search_button);
  gtk_widget_class_bind_template_child (widget_class, LgFindView, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, LgFindView, spinner);
  gtk_widget_class_bind_template_child (widget_class, LgFindView, status_label);
  gtk_widget_class_bind_template_child (widget_class, LgFindView, results_stack);
  gtk_widget_class_bind_template_child (widget_class, LgFindView, results_status);
  gtk_widget_class_bind_template_child (widget_class, LgFindView, results_list);
  gtk_widget_class_bind_template_callback (widget_class, on_saved_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_results_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_refine_label);

  gtk_widget_class_install_action (widget_class, "find.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "find.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "find.new-search", NULL, new_search_action);
  gtk_widget_class_install_action (widget_class, "find.remove-saved", "x", remove_saved_action);
  gtk_widget_class_install_action (widget_class, "find.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "find.open-sample", NULL, open_sample_action);
  gtk_widget_class_install_action (widget_class, "find.remove-sample", NULL,
                                   remove_sample_action);
}

static void
lg_find_view_init (LgFindView *self)
{
  GtkListItemFactory *factory;
  g_autoptr(GtkSingleSelection) selection = NULL;
  GtkEventController *keys;
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->saved = g_list_store_new (LG_TYPE_SEARCH_SPEC);
  self->results = g_list_store_new (LG_TYPE_SEARCH_RESULT);
  self->target = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_author = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->writing = g_hash_table_new (NULL, NULL);

  gtk_list_box_bind_model (self->saved_list, G_LIST_MODEL (self->saved), create_saved_row_cb,
                           self, NULL);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_result_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_result_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_result_cb), self);
  gtk_list_view_set_factory (self->results_list, factory);
  g_object_unref (factory);
  selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->results)));
  gtk_list_view_set_model (self->results_list, GTK_SELECTION_MODEL (selection));

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_results_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->results_list), keys);

  /* Ctrl+Enter searches from anywhere in the view, the offer field included
   * (which would otherwise take it as a line break). */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string (
                                                            "<Control>Return|<Control>KP_Enter"),
                                                          gtk_named_action_new ("find.search")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  gtk_spin_button_set_value (self->min_score_spin, DEFAULT_MIN_SCORE);
  set_running (self, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "find.search", FALSE);
  show_message (self, "system-search-symbolic", _("Describe What You Sell"),
                _("The people in your sources who ask for it appear here, best first, each with "
                  "a score and the reason."));
}
