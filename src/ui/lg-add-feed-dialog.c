/* lg-add-feed-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-add-feed-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-add-feed-dialog.h"

struct _LgAddFeedDialog
{
  AdwMessageDialog parent_instance;

  GtkDropDown     *kind;
  GtkEntry        *entry;
  GtkLabel        *hint;
};

G_DEFINE_FINAL_TYPE (LgAddFeedDialog, lg_add_feed_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* The kinds of the drop-down, in its order, each with what to type. */
static const struct
{
  LgFeedPreset  preset;
  const char   *label;
  const char   *placeholder;
  const char   *hint;
} kinds[] = {
  { LG_FEED_PRESET_REDDIT, N_("Reddit"), N_("smallbusiness"),
    N_("A subreddit’s name: its newest posts. Add ?words to follow only the posts that "
       "contain them, e.g. smallbusiness?need a crm.") },
  { LG_FEED_PRESET_MASTODON, N_("Mastodon Tag"), N_("mastodon.social/freelance"),
    N_("A server and a hashtag, as mastodon.social/freelance or #freelance@mastodon.social: "
       "the public posts with that tag on that server.") },
  { LG_FEED_PRESET_DISCOURSE, N_("Discourse Forum"), N_("meta.discourse.org"),
    N_("The forum’s address: its newest topics. Add /posts for every new post and reply.") },
  { LG_FEED_PRESET_LEMMY, N_("Lemmy Community"), N_("lemmy.world/c/selfhosted"),
    N_("A server and a community, as lemmy.world/c/selfhosted or !selfhosted@lemmy.world.") },
  { LG_FEED_PRESET_HACKER_NEWS, N_("Hacker News"), N_("looking for a CRM"),
    N_("Words that new stories or comments on Hacker News must contain.") },
  { LG_FEED_PRESET_URL, N_("Any Feed"), N_("https://example.org/feed.xml"),
    N_("The address of an RSS, Atom or JSON feed: a blog, a forum, GitHub Discussions "
       "(…/discussions.atom), a newsletter.") },
};

LgAddFeedDialog *
lg_add_feed_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (LG_TYPE_ADD_FEED_DIALOG, "transient-for", parent, NULL);
}

static guint
chosen_kind (LgAddFeedDialog *self)
{
  return MIN (gtk_drop_down_get_selected (self->kind), G_N_ELEMENTS (kinds) - 1);
}

gboolean
lg_add_feed_dialog_get_target (LgAddFeedDialog *self,
                               LgFeedTarget    *target,
                               GError         **error)
{
  g_return_val_if_fail (LG_IS_ADD_FEED_DIALOG (self), FALSE);

  return lg_feed_preset_build (kinds[chosen_kind (self)].preset,
                               gtk_editable_get_text (GTK_EDITABLE (self->entry)), target, error);
}

/* The hint says what to type; what cannot make a feed says why instead. */
static void
update (LgAddFeedDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_auto(LgFeedTarget) target = { 0 };
  g_autoptr(GError) error = NULL;
  gboolean valid = lg_add_feed_dialog_get_target (self, &target, &error);
  gboolean refused = !valid && *text != '\0';
  guint kind = chosen_kind (self);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "add", valid);
  gtk_entry_set_placeholder_text (self->entry, _(kinds[kind].placeholder));
  gtk_label_set_text (self->hint, refused ? error->message : _(kinds[kind].hint));
  if (refused)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->hint), "source-error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->hint), "source-error");
    }
}

static void
on_entry_changed_cb (LgAddFeedDialog *self)
{
  update (self);
}

static void
on_kind_selected_cb (LgAddFeedDialog *self)
{
  update (self);
}

/* What to type is what one does first. */
static void
lg_add_feed_dialog_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (lg_add_feed_dialog_parent_class)->map (widget);
  gtk_widget_grab_focus (GTK_WIDGET (LG_ADD_FEED_DIALOG (widget)->entry));
}

static void
lg_add_feed_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LG_TYPE_ADD_FEED_DIALOG);

  G_OBJECT_CLASS (lg_add_feed_dialog_parent_class)->dispose (object);
}

static void
lg_add_feed_dialog_class_init (LgAddFeedDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lg_add_feed_dialog_dispose;
  widget_class->map = lg_add_feed_dialog_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/leadgram/Desktop/ui/lg-add-feed-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LgAddFeedDialog, kind);
  gtk_widget_class_bind_template_child (widget_class, LgAddFeedDialog, entry);
  gtk_widget_class_bind_template_child (widget_class, LgAddFeedDialog, hint);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_selected_cb);
}

static void
lg_add_feed_dialog_init (LgAddFeedDialog *self)
{
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Filled here, not in the .ui: each label sits beside its preset and hint. */
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_string_list_append (choices, _(kinds[i].label));
  gtk_drop_down_set_model (self->kind, G_LIST_MODEL (choices));
  update (self);
}
