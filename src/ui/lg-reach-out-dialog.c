/* lg-reach-out-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Reach Out composer. The draft and the links come from core
 * (lg-outreach.c), as `leadgram-cli lead draft` prints them; this window
 * lets the user edit the draft, opens the chat and logs the touch once the
 * user says it was sent. Nothing is sent from here.
 */

#define G_LOG_DOMAIN "lg-reach-out-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-followup-time.h"
#include "lg-outreach.h"
#include "lg-reach-out-dialog.h"
#include "lg-ui-util.h"

/* Days after the first message the suggested follow-up falls on. */
#define FOLLOWUP_DAYS 2

struct _LgReachOutDialog
{
  AdwWindow        parent_instance;

  AdwWindowTitle  *window_title;
  GtkWidget       *content;
  GtkDropDown     *language;
  GtkTextView     *draft;
  GtkLabel        *where;
  GtkButton       *open_button;
  GtkRevealer     *sent_revealer;
  GtkLabel        *sent_label;
  GtkLabel        *sent_button_label;
  GtkLabel        *not_yet_label;

  LgStore         *store;
  GSettings       *settings;
  GCancellable    *cancellable;
  gint64           lead_id;
  LgLead          *lead;
  LgMessage       *message;
  gboolean         logged;
  gboolean         writing; /* Mark as Sent or Add Follow-up waits to land */
};

G_DEFINE_FINAL_TYPE (LgReachOutDialog, lg_reach_out_dialog, ADW_TYPE_WINDOW)

static char *
dup_draft_text (LgReachOutDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->draft);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static LgDraftLanguage
selected_language (LgReachOutDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->language);

  return selected < LG_DRAFT_N_LANGUAGES ? (LgDraftLanguage) selected : LG_DRAFT_ENGLISH;
}

/* The link for the draft as it is now (an email carries it in its body). */
static LgContactKind
choose_link (LgReachOutDialog *self,
             LgContactLink    *link)
{
  g_autofree char *text = dup_draft_text (self);
  g_autofree char *subject = lg_outreach_subject (self->message, selected_language (self));

  return lg_outreach_link (self->lead, self->message, subject, text, link);
}

static void
update_where (LgReachOutDialog *self)
{
  LgContactLink link;
  g_autofree char *where = NULL;

  switch (choose_link (self, &link))
    {
    case LG_CONTACT_TELEGRAM:
      where = g_strdup_printf (_("Open Chat opens a chat with @%s in Telegram, with the draft on "
                                 "the clipboard."),
                               g_str_has_prefix (lg_lead_get_telegram_handle (self->lead), "@")
                               ? lg_lead_get_telegram_handle (self->lead) + 1
                               : lg_lead_get_telegram_handle (self->lead));
      break;
    case LG_CONTACT_EMAIL:
      where = g_strdup_printf (_("Open Chat writes an email to %s with the draft in it."),
                               lg_lead_get_email (self->lead));
      break;
    case LG_CONTACT_THREAD:
      where = g_strdup (_("Open Chat opens the conversation they wrote in, with the draft on the "
                          "clipboard."));
      break;
    case LG_CONTACT_NONE:
    default:
      where = g_strdup (_("No Telegram username, email or link to their message is known: copy "
                          "the draft and send it where you know them."));
      break;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->open_button), link.kind != LG_CONTACT_NONE);
  gtk_label_set_label (self->where, where);
  lg_contact_link_clear (&link);
}

static void
redraft (LgReachOutDialog *self)
{
  g_autofree char *template_en = g_settings_get_string (self->settings, "outreach-template-en");
  g_autofree char *template_ru = g_settings_get_string (self->settings, "outreach-template-ru");
  g_autofree char *offer_en = g_settings_get_string (self->settings, "outreach-offer-en");
  g_autofree char *offer_ru = g_settings_get_string (self->settings, "outreach-offer-ru");
  g_autofree char *my_name = g_settings_get_string (self->settings, "outreach-my-name");
  LgOutreachPrefs prefs = {
    .templates = { template_en, template_ru },
    .offers = { offer_en, offer_ru },
    .my_name = my_name,
  };
  LgDraftLanguage language = selected_language (self);
  g_autofree char *text = lg_outreach_draft (self->lead, self->message, &prefs, &language);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->draft), text, -1);
}

static void
on_language_selected_cb (LgReachOutDialog *self)
{
  if (self->lead != NULL)
    {
      redraft (self);
      update_where (self);
    }
}

static void
copy_draft (LgReachOutDialog *self,
            const char       *toast)
{
  g_autofree char *text = dup_draft_text (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  lg_widget_add_toast (GTK_WIDGET (self->draft), adw_toast_new (toast));
  gtk_revealer_set_reveal_child (self->sent_revealer, TRUE);
}

static void
on_copy_clicked_cb (LgReachOutDialog *self)
{
  copy_draft (self, _("Draft copied"));
}

static void
on_open_clicked_cb (LgReachOutDialog *self)
{
  LgContactLink link;
  const char *uri;

  if (self->lead == NULL || choose_link (self, &link) == LG_CONTACT_NONE)
    return;

  /* Without a Telegram app, tg:// goes nowhere: t.me opens it on the web. */
  uri = link.uri;
  if (link.fallback_uri != NULL)
    {
      g_autoptr(GAppInfo) app = g_app_info_get_default_for_uri_scheme ("tg");

      if (app == NULL)
        uri = link.fallback_uri;
    }
  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
  copy_draft (self, link.kind == LG_CONTACT_EMAIL
                    ? _("Draft copied and put in a new email")
                    : _("Draft copied: paste it in the chat"));
  lg_contact_link_clear (&link);
}

static void
on_not_yet_clicked_cb (LgReachOutDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Mark as Sent, then Add Follow-up, as the worker writes them: the touch
 * when followup is NULL. */
typedef struct
{
  gint64      lead_id;
  gint64      now;
  char       *text;
  gboolean    warm;
  gboolean    warmed;
  LgFollowup *followup;
} SentWrite;

static void
sent_write_free (gpointer data)
{
  SentWrite *sent = data;

  g_free (sent->text);
  g_clear_object (&sent->followup);
  g_free (sent);
}

static gboolean
write_sent (LgStore  *store,
            gpointer  data,
            GError  **error)
{
  SentWrite *sent = data;

  if (sent->followup != NULL)
    return lg_store_add_followup (store, sent->followup, error);
  return lg_store_log_outreach (store, sent->lead_id, sent->now, sent->text, sent->warm, NULL,
                                &sent->warmed, error);
}

/* The dialog stays until the write has landed: after the touch it offers
 * the follow-up, after the follow-up it closes; after an error it says so
 * and the button may be pressed again. */
static void
on_sent_written (GtkWidget    *widget,
                 gpointer      data,
                 const GError *error)
{
  LgReachOutDialog *self = LG_REACH_OUT_DIALOG (widget);
  SentWrite *sent = data;
  g_autofree char *due = NULL;
  g_autofree char *label = NULL;

  self->writing = FALSE;
  if (error != NULL)
    {
      lg_widget_show_error (GTK_WIDGET (self->draft), error);
      return;
    }
  if (sent->followup != NULL)
    {
      due = lg_followup_format_day_time (lg_followup_get_due_at (sent->followup), sent->now, NULL);
      label = g_strdup_printf (_("Follow-up added for %s"), due);
      lg_window_toast (gtk_window_get_transient_for (GTK_WINDOW (self)), label);
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  self->logged = TRUE;
  due = lg_followup_format_day_time (lg_followup_local_morning (sent->now, FOLLOWUP_DAYS, NULL),
                                     sent->now, NULL);
  label = g_strdup_printf (sent->warmed ? _("Logged, and moved to Warm. Follow up %s?")
                                        : _("Logged. Follow up %s?"), due);
  gtk_label_set_label (self->sent_label, label);
  gtk_label_set_label (self->sent_button_label, _("_Add Follow-up"));
  gtk_label_set_label (self->not_yet_label, _("_Close"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->draft), FALSE);
}

static void
write_sent_of (LgReachOutDialog *self,
               SentWrite        *sent)
{
  /* Once: a second press while the first waits would log it twice. */
  self->writing = TRUE;
  sent->lead_id = self->lead_id;
  sent->now = now_seconds ();
  lg_widget_write (GTK_WIDGET (self), self->store,
                   LG_STORE_CHANGED_LEADS | LG_STORE_CHANGED_FOLLOWUPS, write_sent, sent,
                   sent_write_free, on_sent_written);
}

static void
log_sent (LgReachOutDialog *self)
{
  SentWrite *sent = g_new0 (SentWrite, 1);

  sent->text = dup_draft_text (self);
  sent->warm = g_settings_get_boolean (self->settings, "outreach-warm-on-touch");
  write_sent_of (self, sent);
}

static void
add_followup (LgReachOutDialog *self)
{
  SentWrite *sent = g_new0 (SentWrite, 1);
  gint64 now = now_seconds ();

  sent->followup = lg_followup_new ();
  lg_followup_set_lead_id (sent->followup, self->lead_id);
  lg_followup_set_due_at (sent->followup, lg_followup_local_morning (now, FOLLOWUP_DAYS, NULL));
  lg_followup_set_kind (sent->followup, "message");
  lg_followup_set_note (sent->followup, _("Did they answer the first message?"));
  write_sent_of (self, sent);
}

static void
on_sent_clicked_cb (LgReachOutDialog *self)
{
  if (self->lead == NULL || self->writing)
    return;
  if (self->logged)
    add_followup (self);
  else
    log_sent (self);
}

/* The lead and its message, read on a worker. */
typedef struct
{
  char         *path;
  gint64        id;
  LgLead       *lead;
  LgLeadOrigin  origin;
} Snapshot;

static void
snapshot_free (gpointer data)
{
  Snapshot *snapshot = data;

  g_free (snapshot->path);
  g_clear_object (&snapshot->lead);
  lg_lead_origin_clear (&snapshot->origin);
  g_free (snapshot);
}

static gboolean
read_snapshot (LgStore       *store,
               gpointer       source_object,
               gpointer       task_data,
               GCancellable  *cancellable,
               GError       **error)
{
  Snapshot *snapshot = task_data;

  return (snapshot->lead = lg_store_get_lead (store, snapshot->id, error)) != NULL &&
         lg_store_get_lead_origin (store, snapshot->lead, &snapshot->origin, error);
}

static void
on_snapshot_read_cb (GObject      *source_object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  LgReachOutDialog *self = LG_REACH_OUT_DIALOG (source_object);
  Snapshot *snapshot = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  LgDraftLanguage language;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        lg_widget_show_error (GTK_WIDGET (self->draft), error);
      return;
    }

  g_set_object (&self->lead, snapshot->lead);
  g_set_object (&self->message, snapshot->origin.message);
  adw_window_title_set_subtitle (self->window_title, lg_lead_get_name (self->lead));

  language = lg_draft_detect_language (self->message != NULL
                                       ? lg_message_get_text (self->message) : NULL);
  /* Setting the language drafts; when it is already selected, draft here. */
  if (gtk_drop_down_get_selected (self->language) != (guint) language)
    gtk_drop_down_set_selected (self->language, language);
  else
    on_language_selected_cb (self);
  gtk_widget_set_sensitive (self->content, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->open_button));
}

LgReachOutDialog *
lg_reach_out_dialog_new (GtkWindow *parent,
                         LgStore   *store,
                         gint64     lead_id)
{
  LgReachOutDialog *self;
  g_autoptr(GTask) task = NULL;
  Snapshot *snapshot;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (LG_IS_STORE (store), NULL);

  self = g_object_new (LG_TYPE_REACH_OUT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->lead_id = lead_id;

  snapshot = g_new0 (Snapshot, 1);
  snapshot->path = g_strdup (lg_store_get_path (store));
  snapshot->id = lead_id;
  task = g_task_new (self, self->cancellable, on_snapshot_read_cb, NULL);
  g_task_set_source_tag (task, lg_reach_out_dialog_new);
  g_task_set_task_data (task, snapshot, snapshot_free);
  lg_store_run_in_thread (task, snapshot->path, read_snapshot);
  return self;
}

void
lg_reach_out_dialog_show (GtkWidget *widget,
                          LgStore   *store,
                          gint64     lead_id)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  LgReachOutDialog *dialog;

  dialog = lg_reach_out_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, store,
                                    lead_id);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
lg_reach_out_dialog_dispose (GObject *object)
{
  LgReachOutDialog *self = LG_REACH_OUT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LG_TYPE_REACH_OUT_DIALOG);
  G_OBJECT_CLASS (lg_reach_out_dialog_parent_class)->dispose (object);
}

static void
lg_reach_out_dialog_finalize (GObject *object)
{
  LgReachOutDialog *self = LG_REACH_OUT_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->lead);
  g_clear_object (&self->message);
  G_OBJECT_CLASS (lg_reach_out_dialog_parent_class)->finalize (object);
}

static void
lg_reach_out_dialog_class_init (LgReachOutDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lg_reach_out_dialog_dispose;
  object_class->finalize = lg_reach_out_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadgram/Desktop/ui/lg-reach-out-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LgReachOutDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, LgReachOutDialog, content);
  gtk_widget_class_bind_template_child (widget_class, LgReachOutDialog, language);
  gtk_widget_class_bind_template_child (widget_class, LgReachOutDialog, draft);
  gtk_widget_class_bind_template_child (widget_class, LgReachOutDialog, where);
  gtk_widget_class_bind_template_child (widget_class, LgReachOutDialog, open_button);
  gtk_widget_class_bind_template_child (widget_class, LgReachOutDialog, sent_revealer);
  gtk_widget_class_bind_template_child (widget_class, LgReachOutDialog, sent_label);
  gtk_widget_class_bind_template_child (widget_class, LgReachOutDialog, sent_button_label);
  gtk_widget_class_bind_template_child (widget_class, LgReachOutDialog, not_yet_label);
  gtk_widget_class_bind_template_callback (widget_class, on_language_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_open_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_not_yet_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sent_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lg_reach_out_dialog_init (LgReachOutDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();
  /* Nothing to edit until the lead is read. */
  gtk_widget_set_sensitive (self->content, FALSE);
}
