/* lg-sources-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sources: the list with each source's sync state, syncing channels and
 * feeds on workers, adding them, importing chat exports, removing, and one
 * source's messages. Over a thousand lines because every part shares the
 * rows and the syncs in flight; the dialogs are classes of their own.
 */

#define G_LOG_DOMAIN "lg-sources-view"

#include "config.h"

/* PRId64, not G_GINT64_FORMAT, in translatable strings: xgettext knows it. */
#include <inttypes.h>

#include <glib/gi18n.h>
#include <string.h>

#include "lg-add-channel-dialog.h"
#include "lg-add-feed-dialog.h"
#include "lg-channel-sync.h"
#include "lg-date-format.h"
#include "lg-feed-sync.h"
#include "lg-sources-view.h"
#include "lg-chat-import.h"
#include "lg-sources.h"
#include "lg-ui-util.h"

/* Browsing shows the newest messages; search finds the rest. */
#define BROWSE_LIMIT 500

typedef struct
{
  GCancellable *cancellable;
  guint         n_new;
  double        fraction;
} SyncState;

struct _LgSourcesView
{
  AdwBin            parent_instance;

  LgStore          *store;
  LgChannelSync    *sync;
  LgFeedSync       *feed_sync;
  LgChatImport     *importer;
  char             *import_path; /* the file being imported */
  GListStore       *sources;
  GHashTable       *syncing;       /* source id -> SyncState */
  GHashTable       *removing;      /* source ids being removed */
  GHashTable       *rows;          /* LgSource shown -> its row, for the rows on screen */
  gboolean          listing;       /* the sources are being read */
  gboolean          list_again;    /* and changed meanwhile */
  GCancellable     *import_cancellable;
  GtkStringFilter  *filter;
  gulong            changed_id;
  guint             notify_id;     /* a coming word to the other views */
  guint             reload_id;     /* a coming read of the sources */

  GtkStack         *stack;
  GtkListView      *source_list;
  GtkListView      *message_list;
  GtkLabel         *messages_title;
  GtkSearchEntry   *filter_entry;
  GtkRevealer      *import_revealer;
  GtkLabel         *import_label;
  GtkProgressBar   *import_progress;
};

G_DEFINE_FINAL_TYPE (LgSourcesView, lg_sources_view, ADW_TYPE_BIN)

static void
free_sync_state (gpointer data)
{
  SyncState *state = data;

  g_cancellable_cancel (state->cancellable);
  g_object_unref (state->cancellable);
  g_free (state);
}

static void
show_toast (LgSourcesView *self,
            const char    *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 6);
  lg_widget_add_toast (GTK_WIDGET (self), toast);
}

static void update_source_row (LgSourcesView *self,
                               GtkWidget     *row,
                               LgSource      *source);

/* The same sources (a sync ended: counts changed, a feed took its title and
 * moved in the order): each row is rebound, where it is, to the source now at
 * its place. The rows are alike, so moving a source is only new text in two
 * rows; taking rows out and making them again, as a splice does, costs a
 * frame or more per sync when Sync All runs over hundreds of sources. */
static gboolean
update_in_place (LgSourcesView *self,
                 GPtrArray     *items)
{
  GListModel *model = G_LIST_MODEL (self->sources);

  if (g_list_model_get_n_items (model) != items->len)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      g_autoptr(LgSource) here = g_list_model_get_item (model, i);
      GtkWidget *row = g_hash_table_lookup (self->rows, here);

      /* The others' rows are as they were; one off screen has none. */
      if (lg_source_update_from (here, g_ptr_array_index (items, i)) && row != NULL)
        update_source_row (self, row, here);
    }
  return TRUE;
}


static void
show_sources (LgSourcesView *self,
              GListModel    *list)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean any_to_sync = FALSE;

  for (guint i = 0; list != NULL && i < g_list_model_get_n_items (list); i++)
    {
      LgSource *source = g_list_model_get_item (list, i);

      any_to_sync |= lg_source_can_sync (source);
      g_ptr_array_add (items, source);
    }
  /* Sync All has nothing to do without a channel or a feed (exports, samples). */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sources.sync-all", any_to_sync);
  if (!update_in_place (self, items))
    g_list_store_splice (self->sources, 0,
                         g_list_model_get_n_items (G_LIST_MODEL (self->sources)),
                         items->pdata, items->len);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "messages") != 0)
    gtk_stack_set_visible_child_name (self->stack, items->len > 0 ? "list" : "empty");
}

/* The sources, with each one's count of messages, are read on a worker:
 * with a million messages the counts take ~80 ms, and they are read again
 * after every batch of syncs. */
static gboolean
list_sources_work (LgStore       *store,
                   gpointer       source_object,
                   gpointer       task_data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  GListModel **list = task_data;

  *list = lg_store_list_sources (store, error);
  return *list != NULL;
}

static void
list_free (gpointer data)
{
  GListModel **list = data;

  g_clear_object (list);
  g_free (list);
}

static void reload_sources (LgSourcesView *self);

static void
on_sources_listed_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  LgSourcesView *self = LG_SOURCES_VIEW (object);
  GListModel **list = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->listing = FALSE;
  /* The view may have been disposed meanwhile (the task keeps it alive). */
  if (self->rows == NULL)
    return;
  /* A read that changes overtook is not shown: the next one is. */
  if (self->list_again)
    reload_sources (self);
  else if (!g_task_propagate_boolean (G_TASK (result), &error))
    show_toast (self, error->message);
  else
    show_sources (self, *list);
}

/* Changes while a read runs are picked up by one more read at its end. */
static void
reload_sources (LgSourcesView *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->store == NULL)
    {
      show_sources (self, NULL);
      return;
    }
  if (self->listing)
    {
      self->list_again = TRUE;
      return;
    }
  self->listing = TRUE;
  self->list_again = FALSE;
  task = g_task_new (self, NULL, on_sources_listed_cb, NULL);
  g_task_set_source_tag (task, reload_sources);
  g_task_set_task_data (task, g_new0 (GListModel *, 1), list_free);
  lg_store_run_in_thread (task, lg_store_get_path (self->store), list_sources_work);
}

/* Redraws, in place, the row of a source whose sync state changed, if it is
 * on screen (one scrolled to is drawn from the state then): a new row would
 * take the focus away from its Stop button. */
static void
refresh_row (LgSourcesView *self,
             gint64         source_id)
{
  GHashTableIter iter;
  gpointer source;
  gpointer row;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &source, &row))
    if (lg_source_get_id (source) == source_id)
      {
        update_source_row (self, row, source);
        return;
      }
}

static void
reload_idle_cb (gpointer data)
{
  LgSourcesView *self = data;

  self->reload_id = 0;
  reload_sources (self);
}

/* The sources and the messages change together (a sync, an import): one
 * read after both, not a second read queued behind the first. */
static void
on_store_changed_cb (LgSourcesView *self,
                     const char    *table)
{
  if (self->reload_id == 0)
    self->reload_id = g_idle_add_once (reload_idle_cb, self);
}

/* Source rows. */

/* An export's "sync" is its last import. */
static char *
describe_time (gint64   unix_time,
               gboolean synced)
{
  g_autofree char *when = NULL;

  if (unix_time <= 0)
    return g_strdup (synced ? _("never synced") : _("never imported"));
  when = lg_format_when (unix_time, g_get_real_time () / G_USEC_PER_SEC, NULL);
  /* TRANSLATORS: %s is when, e.g. "synced 5 minutes ago (12:26)" */
  return g_strdup_printf (synced ? _("synced %s") : _("imported %s"), when);
}

/* What the row's subtitle names the source by: a channel's @name, a
 * feed's site, an export's kind. */
static char *
describe_kind (LgSource           *source,
               const LgSourceKind *kind)
{
  if (g_strcmp0 (lg_source_get_kind (source), "telegram_channel") == 0)
    return g_strdup_printf ("@%s", lg_source_get_handle (source));
  if (g_strcmp0 (lg_source_get_kind (source), "feed") == 0)
    {
      g_autoptr(GUri) uri = g_uri_parse (lg_source_get_url (source), G_URI_FLAGS_NONE, NULL);

      if (uri != NULL && g_uri_get_host (uri) != NULL)
        /* TRANSLATORS: a feed's source, e.g. "Feed from www.reddit.com" */
        return g_strdup_printf (_("Feed from %s"), g_uri_get_host (uri));
      return g_strdup (_("Feed"));
    }
  return kind != NULL ? g_strdup (_(kind->name)) : g_strdup (lg_source_get_kind (source));
}

/* A row is made for each source on screen, and shows another one when the
 * list scrolls (GtkListView): Sync All over hundreds of sources then lays out
 * and draws a screenful of rows, not all of them, at every frame. */
static void
setup_source_row_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     LgSourcesView            *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *state = gtk_label_new (NULL);
  GtkWidget *progress = gtk_progress_bar_new ();
  GtkWidget *sync = gtk_button_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_add_css_class (box, "source-row");
  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "activatable");
  gtk_image_set_icon_size (GTK_IMAGE (icon), GTK_ICON_SIZE_LARGE);
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (icon, "source-icon");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_label_set_xalign (GTK_LABEL (state), 0);
  gtk_label_set_wrap (GTK_LABEL (state), TRUE);
  gtk_widget_add_css_class (state, "caption");
  gtk_widget_set_margin_top (progress, 3);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (sync, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (sync, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  lg_widget_set_name (remove, _("Remove Source"));

  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), subtitle);
  gtk_box_append (GTK_BOX (text), state);
  gtk_box_append (GTK_BOX (text), progress);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), sync);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_list_item_set_child (item, box);

  g_object_set_data (G_OBJECT (box), "icon", icon);
  g_object_set_data (G_OBJECT (box), "title", title);
  g_object_set_data (G_OBJECT (box), "subtitle", subtitle);
  g_object_set_data (G_OBJECT (box), "state", state);
  g_object_set_data (G_OBJECT (box), "progress", progress);
  g_object_set_data (G_OBJECT (box), "sync", sync);
  g_object_set_data (G_OBJECT (box), "remove", remove);
}

static void
bind_source_row_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    LgSourcesView            *self)
{
  g_hash_table_insert (self->rows, gtk_list_item_get_item (item), gtk_list_item_get_child (item));
  update_source_row (self, gtk_list_item_get_child (item), gtk_list_item_get_item (item));
}

static void
unbind_source_row_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      LgSourcesView            *self)
{
  g_hash_table_remove (self->rows, gtk_list_item_get_item (item));
}

static void
update_source_row (LgSourcesView *self,
                   GtkWidget     *row,
                   LgSource      *source)
{
  gint64 id = lg_source_get_id (source);
  SyncState *state = g_hash_table_lookup (self->syncing, &id);
  gboolean removing = g_hash_table_contains (self->removing, &id);
  gboolean syncable = lg_source_can_sync (source);
  GtkLabel *state_label = g_object_get_data (G_OBJECT (row), "state");
  GtkWidget *progress = g_object_get_data (G_OBJECT (row), "progress");
  GtkWidget *sync = g_object_get_data (G_OBJECT (row), "sync");
  GtkWidget *remove = g_object_get_data (G_OBJECT (row), "remove");
  const char *sync_label = state != NULL ? _("Stop Syncing") : _("Sync Now");
  g_autofree char *last_sync = describe_time (lg_source_get_last_sync (source), syncable);
  g_autofree char *subtitle = NULL;
  const LgSourceKind *kind = lg_source_kind_lookup (lg_source_get_kind (source));
  g_autofree char *handle = describe_kind (source, kind);
  /* A feed the server asked to wait says until when. */
  g_autofree char *wait = g_strcmp0 (lg_source_get_kind (source), "feed") == 0
                          ? lg_feed_sync_describe_wait (source, g_get_real_time () / G_USEC_PER_SEC)
                          : NULL;
  const char *problem = wait != NULL ? wait : lg_source_get_last_error (source);

  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %" PRId64 " message · %s",
                                           "%s · %" PRId64 " messages · %s",
                                           lg_source_get_message_count (source)),
                              handle, lg_source_get_message_count (source), last_sync);

  gtk_image_set_from_icon_name (g_object_get_data (G_OBJECT (row), "icon"),
                                kind != NULL ? kind->icon_name : "document-open-symbolic");
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "title"), lg_source_get_title (source));
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "subtitle"), subtitle);
  /* The target first: an action name without its target warns. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "x", id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "sources.remove");

  gtk_widget_remove_css_class (GTK_WIDGET (state_label), "source-error");
  if (removing)
    gtk_label_set_text (state_label, _("Removing…"));
  else if (state != NULL)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Syncing… %u new message",
                                                            "Syncing… %u new messages",
                                                            state->n_new),
                                               state->n_new);

      gtk_label_set_text (state_label, text);
      if (state->fraction >= 0)
        gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (progress), state->fraction);
      else
        gtk_progress_bar_pulse (GTK_PROGRESS_BAR (progress));
    }
  else if (problem != NULL)
    {
      gtk_label_set_text (state_label, problem);
      gtk_widget_add_css_class (GTK_WIDGET (state_label), "source-error");
    }
  gtk_widget_set_visible (GTK_WIDGET (state_label), removing || state != NULL || problem != NULL);
  gtk_widget_set_sensitive (sync, !removing);
  gtk_widget_set_sensitive (remove, !removing);
  gtk_widget_set_visible (progress, state != NULL);

  gtk_widget_set_visible (sync, lg_source_can_sync (source));
  gtk_button_set_icon_name (GTK_BUTTON (sync), state != NULL ? "process-stop-symbolic"
                                                             : "view-refresh-symbolic");
  lg_widget_set_name (sync, sync_label);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (sync), "x", id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (sync), state != NULL ? "sources.cancel"
                                                                       : "sources.sync");
}

/* Message rows. */

static void
setup_message_row_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      LgSourcesView            *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_label_new (NULL);
  GtkWidget *text = gtk_label_new (NULL);
  GtkWidget *link = gtk_label_new (NULL);

  gtk_widget_add_css_class (row, "card");
  gtk_widget_add_css_class (row, "message-card");
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "dim-label");
  gtk_widget_add_css_class (header, "caption");
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (text), 6);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  /* A label, not a GtkLinkButton: a button's padding would indent the link
   * from the text above it. */
  gtk_label_set_xalign (GTK_LABEL (link), 0);
  gtk_label_set_ellipsize (GTK_LABEL (link), PANGO_ELLIPSIZE_END);
  gtk_widget_set_halign (link, GTK_ALIGN_START);
  gtk_widget_add_css_class (link, "caption");

  gtk_box_append (GTK_BOX (row), header);
  gtk_box_append (GTK_BOX (row), text);
  gtk_box_append (GTK_BOX (row), link);
  g_object_set_data (G_OBJECT (row), "header", header);
  g_object_set_data (G_OBJECT (row), "text", text);
  g_object_set_data (G_OBJECT (row), "link", link);
  gtk_list_item_set_child (item, row);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
bind_message_row_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     LgSourcesView            *self)
{
  LgMessage *message = gtk_list_item_get_item (item);
  GtkWidget *row = gtk_list_item_get_child (item);
  GtkWidget *link = g_object_get_data (G_OBJECT (row), "link");
  g_autofree char *when = lg_format_when (lg_message_get_sent_at (message),
                                         g_get_real_time () / G_USEC_PER_SEC, NULL);
  g_autofree char *header = g_strdup_printf ("%s · %s",
                                             lg_message_get_author_name (message)
                                               ? lg_message_get_author_name (message)
                                               : _("Unknown author"),
                                             when);
  const char *text = lg_message_get_text (message);
  const char *permalink = lg_message_get_permalink (message);

  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "header"), header);
  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "text"),
                      text != NULL && *text != '\0' ? text : _("(no text)"));
  gtk_widget_set_visible (link, permalink != NULL);
  if (permalink != NULL)
    {
      g_autofree char *markup = g_markup_printf_escaped ("<a href=\"%s\">%s</a>", permalink,
                                                         permalink);

      gtk_label_set_markup (GTK_LABEL (link), markup);
    }
}

static void
open_source (LgSourcesView *self,
             LgSource      *source)
{
  g_autoptr(GListModel) messages = NULL;
  g_autoptr(GError) error = NULL;
  GtkFilterListModel *filtered;

  messages = lg_store_list_messages (self->store, lg_source_get_id (source), BROWSE_LIMIT, &error);
  if (messages == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  filtered = gtk_filter_list_model_new (g_steal_pointer (&messages),
                                        GTK_FILTER (g_object_ref (self->filter)));
  gtk_list_view_set_model (self->message_list,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (filtered))));
  gtk_label_set_text (self->messages_title, lg_source_get_title (source));
  gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), "");
  gtk_stack_set_visible_child_name (self->stack, "messages");
  gtk_widget_grab_focus (GTK_WIDGET (self->filter_entry));
}

static void
on_source_list_activate_cb (LgSourcesView *self,
                            guint          position)
{
  g_autoptr(LgSource) source = g_list_model_get_item (G_LIST_MODEL (self->sources), position);

  if (source != NULL)
    open_source (self, source);
}

static void
on_filter_entry_search_changed_cb (LgSourcesView  *self,
                                   GtkSearchEntry *entry)
{
  gtk_string_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* Syncing. */

typedef struct
{
  LgSourcesView *self;
  gint64         source_id;
} SyncCall;

/* Channels and feeds report alike. */
static void
on_sync_progress_cb (GObject       *sync,
                     gint64         source_id,
                     guint          n_new,
                     double         fraction,
                     LgSourcesView *self)
{
  SyncState *state = g_hash_table_lookup (self->syncing, &source_id);

  if (state == NULL)
    return;
  state->n_new = n_new;
  state->fraction = fraction;
  refresh_row (self, source_id);
}

/* The workers wrote on their own connections: every view reloads what it
 * shows. Syncs that end close together (Sync All over hundreds of feeds) are
 * told in one word, not one reload of every view each. */
#define NOTIFY_DELAY_MS 400

static void
notify_synced_cb (gpointer user_data)
{
  LgSourcesView *self = user_data;

  self->notify_id = 0;
  if (self->store != NULL)
    lg_store_notify_changed (self->store, LG_STORE_CHANGED_MESSAGES | LG_STORE_CHANGED_SOURCES);
}

static void
on_sync_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SyncCall *call = user_data;
  g_autoptr(LgSourcesView) self = call->self;
  g_autoptr(GError) error = NULL;
  gint64 call_source_id;
  guint n_new = 0;

  if (LG_IS_FEED_SYNC (object))
    lg_feed_sync_run_finish (LG_FEED_SYNC (object), result, &n_new, &error);
  else
    lg_channel_sync_run_finish (LG_CHANNEL_SYNC (object), result, &n_new, &error);
  call_source_id = call->source_id;
  g_hash_table_remove (self->syncing, &call->source_id);
  g_free (call);

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_toast (self, error->message);

  /* Its row stops saying "Syncing…" at once; its counts come with the word
   * to every view below. */
  refresh_row (self, call_source_id);
  if (self->store != NULL && self->notify_id == 0)
    self->notify_id = g_timeout_add_once (NOTIFY_DELAY_MS, notify_synced_cb, self);
}

/* The source as the list shows it, without a query (Sync All starts
 * hundreds at once); one added a moment ago, before the list is read
 * again, from the store. */
static LgSource *
shown_source (LgSourcesView *self,
              gint64         source_id)
{
  GListModel *model = G_LIST_MODEL (self->sources);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LgSource) source = g_list_model_get_item (model, i);

      if (lg_source_get_id (source) == source_id)
        return g_steal_pointer (&source);
    }
  return lg_store_get_source (self->store, source_id, NULL);
}

/* A feed is read whole each time; a channel as deep as depth says. */
static void
start_sync (LgSourcesView     *self,
            gint64             source_id,
            const LgSyncDepth *depth)
{
  g_autoptr(LgSource) source = NULL;
  SyncState *state;
  SyncCall *call;
  gint64 *key;

  if (self->store == NULL || g_hash_table_contains (self->syncing, &source_id) ||
      (source = shown_source (self, source_id)) == NULL)
    return;

  state = g_new0 (SyncState, 1);
  state->cancellable = g_cancellable_new ();
  state->fraction = -1;
  key = g_new (gint64, 1);
  *key = source_id;
  g_hash_table_insert (self->syncing, key, state);

  call = g_new0 (SyncCall, 1);
  call->self = g_object_ref (self);
  call->source_id = source_id;
  if (g_strcmp0 (lg_source_get_kind (source), "feed") == 0)
    lg_feed_sync_run_async (self->feed_sync, lg_store_get_path (self->store), source_id,
                            state->cancellable, on_sync_done_cb, call);
  else
    lg_channel_sync_run_async (self->sync, lg_store_get_path (self->store), source_id, depth,
                               state->cancellable, on_sync_done_cb, call);
  refresh_row (self, source_id);
}

static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  start_sync (LG_SOURCES_VIEW (widget), g_variant_get_int64 (parameter), NULL);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LgSourcesView *self = LG_SOURCES_VIEW (widget);
  gint64 id = g_variant_get_int64 (parameter);
  SyncState *state = g_hash_table_lookup (self->syncing, &id);

  if (state != NULL)
    g_cancellable_cancel (state->cancellable);
}

static void
sync_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LgSourcesView *self = LG_SOURCES_VIEW (widget);
  GListModel *model = G_LIST_MODEL (self->sources);

  /* They share one queue per host: starting them together stays polite. */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(LgSource) source = g_list_model_get_item (model, i);

      if (lg_source_can_sync (source))
        start_sync (self, lg_source_get_id (source), NULL);
    }
}

/* Adding a channel. */

static void
on_add_channel_response_cb (LgAddChannelDialog *dialog,
                            const char         *response,
                            LgSourcesView      *self)
{
  g_autoptr(LgSource) source = NULL;
  g_autoptr(GError) error = NULL;
  LgSyncDepth depth;

  if (g_strcmp0 (response, "add") != 0 || self->store == NULL)
    return;

  source = lg_channel_sync_add_channel (self->sync, self->store,
                                        lg_add_channel_dialog_get_channel (dialog), &error);
  if (source == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  lg_add_channel_dialog_get_depth (dialog, &depth);
  lg_store_notify_changed (self->store, LG_STORE_CHANGED_SOURCES);
  start_sync (self, lg_source_get_id (source), &depth);
}

static void
add_channel_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LgAddChannelDialog *dialog;

  dialog = lg_add_channel_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)));
  g_signal_connect (dialog, "response", G_CALLBACK (on_add_channel_response_cb), widget);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Adding a feed. */

static void
on_add_feed_response_cb (LgAddFeedDialog *dialog,
                         const char      *response,
                         LgSourcesView   *self)
{
  g_auto(LgFeedTarget) target = { 0 };
  g_autoptr(LgSource) source = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "add") != 0 || self->store == NULL)
    return;

  if (lg_add_feed_dialog_get_target (dialog, &target, &error))
    source = lg_feed_sync_add_target (self->feed_sync, self->store, &target, &error);
  if (source == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  lg_store_notify_changed (self->store, LG_STORE_CHANGED_SOURCES);
  start_sync (self, lg_source_get_id (source), NULL);
}

static void
add_feed_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LgAddFeedDialog *dialog;

  dialog = lg_add_feed_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)));
  g_signal_connect (dialog, "response", G_CALLBACK (on_add_feed_response_cb), widget);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Importing an export. */

static void
on_import_progress_cb (LgChatImport  *importer,
                       gint64         id,
                       guint          count,
                       double         fraction,
                       LgSourcesView *self)
{
  g_autofree char *text = g_strdup_printf (_("Importing… %u messages"), count);

  gtk_label_set_text (self->import_label, text);
  gtk_progress_bar_set_fraction (self->import_progress, fraction);
}

static void start_import (LgSourcesView *self, LgDateOrder date_order);

static void
on_date_order_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           LgSourcesView    *self)
{
  if (g_str_equal (response, "dmy"))
    start_import (self, LG_DATE_ORDER_DMY);
  else if (g_str_equal (response, "mdy"))
    start_import (self, LG_DATE_ORDER_MDY);
  else
    g_clear_pointer (&self->import_path, g_free);
}

/* A WhatsApp export whose dates read either way: the user knows how their
 * phone writes them. */
static void
ask_date_order (LgSourcesView *self,
                const char    *message)
{
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Day or Month First?"), message));
  gtk_widget_set_name (GTK_WIDGET (dialog), "date-order-dialog");
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "mdy", _("_Month/Day (12/31)"),
                                    "dmy", _("_Day/Month (31/12)"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "dmy", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "dmy");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_date_order_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_import_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(LgSourcesView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  LgExportStats stats = { 0 };

  gtk_revealer_set_reveal_child (self->import_revealer, FALSE);
  g_clear_object (&self->import_cancellable);

  if (!lg_chat_import_run_finish (LG_CHAT_IMPORT (object), result, &stats, &error))
    {
      if (g_error_matches (error, LG_SOURCES_ERROR, LG_SOURCES_ERROR_AMBIGUOUS_DATES) &&
          self->import_path != NULL)
        {
          ask_date_order (self, error->message);
          return;
        }
      g_clear_pointer (&self->import_path, g_free);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, error->message);
      return;
    }
  g_clear_pointer (&self->import_path, g_free);

  /* TRANSLATORS: the first %s is the kind of export, e.g. "WhatsApp chat export" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s: imported %u messages from %u chat (%u new, %u system "
                                       "lines skipped)",
                                       "%s: imported %u messages from %u chats (%u new, %u system "
                                       "lines skipped)", stats.chats),
                          lg_chat_import_describe_kind (stats.kind), stats.messages, stats.chats,
                          stats.added, stats.skipped);
  show_toast (self, text);
  if (self->store != NULL)
    lg_store_notify_changed (self->store, LG_STORE_CHANGED_MESSAGES | LG_STORE_CHANGED_SOURCES);
}

static void
start_import (LgSourcesView *self,
              LgDateOrder    date_order)
{
  if (self->store == NULL || self->import_path == NULL)
    return;

  self->import_cancellable = g_cancellable_new ();
  gtk_label_set_text (self->import_label, _("Importing…"));
  gtk_progress_bar_set_fraction (self->import_progress, 0);
  gtk_revealer_set_reveal_child (self->import_revealer, TRUE);
  lg_chat_import_set_date_order (self->importer, date_order);
  lg_chat_import_run_async (self->importer, lg_store_get_path (self->store), self->import_path,
                            self->import_cancellable, on_import_done_cb, g_object_ref (self));
}

void
lg_sources_view_import_file (LgSourcesView *self,
                             GFile         *file)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LG_IS_SOURCES_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->store == NULL || self->import_cancellable != NULL)
    return;

  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_toast (self, _("Only a file on this computer can be imported. Copy the export to a "
                          "local folder and import it from there."));
      return;
    }
  g_free (self->import_path);
  self->import_path = g_steal_pointer (&path);
  start_import (self, LG_DATE_ORDER_AUTO);
}

static void
on_import_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               LgSourcesView   *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (file != NULL)
    lg_sources_view_import_file (self, file);
}

/* Where Telegram Desktop saves an export unless told otherwise: a folder of
 * its own in the Downloads folder, which holds one ChatExport_DATE (a group)
 * or DataExport_DATE (a whole account) folder per export. */
static char *
telegram_export_folder (void)
{
  const char *downloads = g_get_user_special_dir (G_USER_DIRECTORY_DOWNLOAD);

  if (downloads != NULL)
    return g_build_filename (downloads, "Telegram Desktop", NULL);
  return g_build_filename (g_get_home_dir (), "Downloads", "Telegram Desktop", NULL);
}

/* A file (most exports), or a folder: an unzipped Slack export, a folder of
 * Discord channels. Picking any file of an unzipped Slack export imports
 * it whole, but in a sandbox the portal lends the app the file picked and
 * not its folder: choosing the folder is the way that works everywhere. */
static void
choose_export (LgSourcesView *self,
               gboolean       choose_folder)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *path = telegram_export_folder ();
  g_autoptr(GFile) folder = g_file_new_for_path (path);

  chooser = gtk_file_chooser_native_new (choose_folder ? _("Choose a Chat Export Folder")
                                                       : _("Choose a Chat Export"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         choose_folder ? GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER
                                                       : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  if (!choose_folder)
    {
      gtk_file_filter_set_name (filter, _("Chat exports (.json, .txt, .zip)"));
      gtk_file_filter_add_suffix (filter, "json");
      gtk_file_filter_add_suffix (filter, "txt");
      gtk_file_filter_add_suffix (filter, "zip");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  /* Most exports are there; a folder that is not (no export yet, another
   * place chosen, a sandbox that cannot see it) leaves the chooser's own. */
  if (g_file_query_exists (folder, NULL))
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_import_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_import_help_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            LgSourcesView    *self)
{
  if (g_str_equal (response, "choose") || g_str_equal (response, "choose-folder"))
    choose_export (self, g_str_equal (response, "choose-folder"));
}

/* The file chooser cannot say where the export is, nor how to make one: this
 * dialog does, then opens it. */
static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_autofree char *folder = telegram_export_folder ();
  g_autofree char *shown = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (g_str_has_prefix (folder, g_get_home_dir ()))
    shown = g_strconcat ("~", folder + strlen (g_get_home_dir ()), NULL);
  else
    shown = g_strdup (folder);
  body = g_strdup_printf (_("In Telegram Desktop, open Settings → Advanced → Export Telegram "
                            "data (or, for one group, its menu → Export chat history) and "
                            "choose the format “Machine-readable JSON”.\n\nTelegram Desktop "
                            "saves each export in %s, in a folder named ChatExport_ and the "
                            "date (DataExport_ for a whole account): choose the result.json "
                            "inside it.\n\nIn WhatsApp, open the chat, then its menu → More → "
                            "Export chat, and copy the .txt or .zip it makes to this computer."
                            "\n\nFrom Discord, export channels with DiscordChatExporter in the "
                            "JSON format. From Slack, a workspace’s admin gets the .zip in its "
                            "settings → Import/Export Data → Export; once unzipped, choose its "
                            "folder."),
                          shown);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                                       _("Import a Chat Export"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "choose-folder", _("Choose F_older…"),
                                    "choose", _("_Choose File…"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "choose", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "choose");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_import_help_response_cb), widget, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cancel_import_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LgSourcesView *self = LG_SOURCES_VIEW (widget);

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
}

/* Removing a source. */

/* A source's messages go with it: many thousands of rows, on a worker, in
 * turn with the other changes the user makes (lg_widget_write()). */
static gboolean
write_remove (LgStore  *store,
              gpointer  data,
              GError  **error)
{
  return lg_store_remove_source (store, *(gint64 *) data, error);
}

static void
on_removed (GtkWidget    *widget,
            gpointer      data,
            const GError *error)
{
  LgSourcesView *self = LG_SOURCES_VIEW (widget);

  g_hash_table_remove (self->removing, data);
  if (error != NULL)
    {
      show_toast (self, error->message);
      /* Its row says it is no longer being removed. */
      refresh_row (self, *(gint64 *) data);
    }
}

static void
on_remove_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       LgSourcesView    *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "source-id"));
  gint64 *key;

  if (g_strcmp0 (response, "remove") != 0 || self->store == NULL ||
      g_hash_table_contains (self->removing, &id))
    return;

  /* A sync of it would write into a source that is going away. */
  if (g_hash_table_lookup (self->syncing, &id) != NULL)
    g_cancellable_cancel (((SyncState *) g_hash_table_lookup (self->syncing, &id))->cancellable);
  key = g_memdup2 (&id, sizeof id);
  g_hash_table_add (self->removing, key);
  refresh_row (self, id);

  lg_widget_write (GTK_WIDGET (self), self->store,
                   LG_STORE_CHANGED_MESSAGES | LG_STORE_CHANGED_SOURCES, write_remove,
                   g_memdup2 (&id, sizeof id), g_free, on_removed);
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LgSourcesView *self = LG_SOURCES_VIEW (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(LgSource) source = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->store == NULL || (source = lg_store_get_source (self->store, id, NULL)) == NULL)
    return;

  heading = g_strdup_printf (_("Remove “%s”?"), lg_source_get_title (source));
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Its %" PRId64 " message is removed from Leadgram. "
                                       "Leads you made from it stay in your pipeline.",
                                       "Its %" PRId64 " messages are removed from Leadgram. "
                                       "Leads you made from them stay in your pipeline.",
                                       lg_source_get_message_count (source)),
                          lg_source_get_message_count (source));
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "source-id", GSIZE_TO_POINTER (id));
  g_signal_connect (dialog, "response", G_CALLBACK (on_remove_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LgSourcesView *self = LG_SOURCES_VIEW (widget);

  gtk_stack_set_visible_child_name (self->stack, "list");
  gtk_list_view_set_model (self->message_list, NULL);
  reload_sources (self);
}

void
lg_sources_view_set_store (LgSourcesView *self,
                           LgStore       *store,
                           const char    *base_url)
{
  g_return_if_fail (LG_IS_SOURCES_VIEW (self));
  g_return_if_fail (store == NULL || LG_IS_STORE (store));

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_set_object (&self->store, store);
  g_clear_object (&self->sync);
  self->sync = lg_channel_sync_new (base_url);
  g_signal_connect_object (self->sync, "progress", G_CALLBACK (on_sync_progress_cb), self, 0);
  g_clear_object (&self->feed_sync);
  self->feed_sync = lg_feed_sync_new ();
  g_signal_connect_object (self->feed_sync, "progress", G_CALLBACK (on_sync_progress_cb), self, 0);

  if (store != NULL)
    {
      self->changed_id = g_signal_connect_swapped (store, "changed::sources",
                                                   G_CALLBACK (on_store_changed_cb), self);
      /* Counts follow the messages. */
      g_signal_connect_object (store, "changed::messages", G_CALLBACK (on_store_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sources.add-channel", store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sources.add-feed", store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sources.import", store != NULL);
  reload_sources (self);
}

LgChannelSync *
lg_sources_view_get_channel_sync (LgSourcesView *self)
{
  g_return_val_if_fail (LG_IS_SOURCES_VIEW (self), NULL);

  return self->sync;
}

LgFeedSync *
lg_sources_view_get_feed_sync (LgSourcesView *self)
{
  g_return_val_if_fail (LG_IS_SOURCES_VIEW (self), NULL);

  return self->feed_sync;
}

static void
lg_sources_view_dispose (GObject *object)
{
  LgSourcesView *self = LG_SOURCES_VIEW (object);

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  g_clear_handle_id (&self->notify_id, g_source_remove);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_pointer (&self->syncing, g_hash_table_unref);
  g_clear_pointer (&self->removing, g_hash_table_unref);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  g_clear_object (&self->sync);
  g_clear_object (&self->feed_sync);
  g_clear_object (&self->importer);
  g_clear_pointer (&self->import_path, g_free);
  g_clear_object (&self->sources);
  g_clear_object (&self->filter);
  g_clear_object (&self->import_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LG_TYPE_SOURCES_VIEW);
  /* After the list, whose rows are unbound as it goes. */
  g_clear_pointer (&self->rows, g_hash_table_unref);

  G_OBJECT_CLASS (lg_sources_view_parent_class)->dispose (object);
}

static void
lg_sources_view_class_init (LgSourcesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lg_sources_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadgram/Desktop/ui/lg-sources-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LgSourcesView, stack);
  gtk_widget_class_bind_template_child (widget_class, LgSourcesView, source_list);
  gtk_widget_class_bind_template_child (widget_class, LgSourcesView, message_list);
  gtk_widget_class_bind_template_child (widget_class, LgSourcesView, messages_title);
  gtk_widget_class_bind_template_child (widget_class, LgSourcesView, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, LgSourcesView, import_revealer);
  gtk_widget_class_bind_template_child (widget_class, LgSourcesView, import_label);
  gtk_widget_class_bind_template_child (widget_class, LgSourcesView, import_progress);
  gtk_widget_class_bind_template_callback (widget_class, on_source_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_entry_search_changed_cb);

  gtk_widget_class_install_action (widget_class, "sources.add-channel", NULL, add_channel_action);
  gtk_widget_class_install_action (widget_class, "sources.add-feed", NULL, add_feed_action);
  gtk_widget_class_install_action (widget_class, "sources.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "sources.cancel-import", NULL,
                                   cancel_import_action);
  gtk_widget_class_install_action (widget_class, "sources.sync-all", NULL, sync_all_action);
  gtk_widget_class_install_action (widget_class, "sources.sync", "x", sync_action);
  gtk_widget_class_install_action (widget_class, "sources.cancel", "x", cancel_action);
  gtk_widget_class_install_action (widget_class, "sources.remove", "x", remove_action);
  gtk_widget_class_install_action (widget_class, "sources.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "sources.back",
                                       NULL);
}

static void
lg_sources_view_init (LgSourcesView *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->syncing = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, free_sync_state);
  self->removing = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->rows = g_hash_table_new (NULL, NULL);
  self->sources = g_list_store_new (LG_TYPE_SOURCE);
  self->importer = lg_chat_import_new ();
  g_signal_connect_object (self->importer, "progress", G_CALLBACK (on_import_progress_cb), self, 0);
  self->filter = gtk_string_filter_new (gtk_property_expression_new (LG_TYPE_MESSAGE, NULL, "text"));
  gtk_string_filter_set_match_mode (self->filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->filter, TRUE);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_source_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_source_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_source_row_cb), self);
  gtk_list_view_set_factory (self->source_list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->source_list,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (
                             g_object_ref (G_LIST_MODEL (self->sources)))));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_message_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_message_row_cb), self);
  gtk_list_view_set_factory (self->message_list, factory);
  g_object_unref (factory);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sources.add-channel", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sources.add-feed", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sources.import", FALSE);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}
