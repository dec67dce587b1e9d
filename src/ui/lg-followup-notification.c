/* lg-followup-notification.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-followup-notification"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-followup-notification.h"
#include "lg-followup-time.h"

/* Shown in a summary before "and N more". */
#define MISSED_NAMES 3

static const char *
lead_name (LgFollowup *followup)
{
  const char *name = lg_followup_get_lead_name (followup);

  return name != NULL && *name != '\0' ? name : _("A lead");
}

static GNotification *
new_notification (const char *title,
                  const char *body)
{
  GNotification *notification = g_notification_new (title);
  g_autoptr(GIcon) icon = g_themed_icon_new (APP_ID);

  g_notification_set_body (notification, body);
  g_notification_set_icon (notification, icon);
  return notification;
}

GNotification *
lg_followup_notification_new (LgFollowup *followup,
                              gint64      now,
                              GTimeZone  *tz)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *due = NULL;
  g_autofree char *when = NULL;
  g_autofree char *body = NULL;
  const char *note;
  gint64 id;

  g_return_val_if_fail (LG_IS_FOLLOWUP (followup), NULL);

  id = lg_followup_get_id (followup);
  /* Translators: a lead's name and what to do, e.g. "Anna Petrova · Call" */
  title = g_strdup_printf (_("%s · %s"), lead_name (followup),
                           lg_followup_kind_label (lg_followup_get_kind (followup)));
  due = lg_followup_format_due (lg_followup_get_effective_due_at (followup), now, tz);
  /* Translators: %s is a time, e.g. "today 09:00" or "in 5 minutes" */
  when = g_strdup_printf (_("Due %s"), due);
  note = lg_followup_get_note (followup);
  body = note != NULL && *note != '\0' ? g_strdup_printf ("%s\n%s", note, when)
                                       : g_steal_pointer (&when);

  notification = new_notification (title, body);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  g_notification_set_default_action_and_target_value (notification, "app.open-lead",
                                                      g_variant_new_int64 (
                                                        lg_followup_get_lead_id (followup)));
  g_notification_add_button_with_target_value (notification, _("Done"), "app.followup-done",
                                               g_variant_new_int64 (id));
  g_notification_add_button_with_target_value (notification, _("Snooze 1 Hour"),
                                               "app.followup-snooze", g_variant_new_int64 (id));
  return g_steal_pointer (&notification);
}

GNotification *
lg_followup_notification_new_next_step (LgFollowup *done)
{
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  gint64 id;

  g_return_val_if_fail (LG_IS_FOLLOWUP (done), NULL);

  id = lg_followup_get_id (done);
  /* Translators: a lead's name and what was done, e.g. "Done: Anna Petrova · Call" */
  title = g_strdup_printf (_("Done: %s · %s"), lead_name (done),
                           lg_followup_kind_label (lg_followup_get_kind (done)));
  notification = new_notification (title, _("What is the next step with this lead?"));
  g_notification_set_default_action_and_target_value (notification, "app.followup-next",
                                                      g_variant_new_int64 (id));
  g_notification_add_button_with_target_value (notification, _("Schedule Next Step"),
                                               "app.followup-next", g_variant_new_int64 (id));
  return g_steal_pointer (&notification);
}

GNotification *
lg_followup_notification_new_missed (GListModel *followups)
{
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *title = NULL;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (followups), NULL);

  n = g_list_model_get_n_items (followups);
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u follow-up fell due while Leadgram was closed",
                                        "%u follow-ups fell due while Leadgram was closed", n),
                           n);

  for (guint i = 0; i < MIN (n, MISSED_NAMES); i++)
    {
      g_autoptr(LgFollowup) followup = g_list_model_get_item (followups, i);

      if (body->len > 0)
        g_string_append (body, "\n");
      /* Translators: a lead's name and what to do, e.g. "Anna Petrova · Call" */
      g_string_append_printf (body, _("%s · %s"), lead_name (followup),
                              lg_followup_kind_label (lg_followup_get_kind (followup)));
    }
  if (n > MISSED_NAMES)
    {
      g_string_append (body, "\n");
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more",
                                                 n - MISSED_NAMES),
                              n - MISSED_NAMES);
    }

  notification = new_notification (title, body->str);
  g_notification_set_default_action (notification, "app.show-followups");
  g_notification_add_button (notification, _("Show Follow-ups"), "app.show-followups");
  return g_steal_pointer (&notification);
}

char *
lg_followup_notification_id (gint64 followup_id)
{
  return g_strdup_printf ("followup-%" G_GINT64_FORMAT, followup_id);
}
