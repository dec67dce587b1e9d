/* lg-team-password.c: a team workspace's password in the keyring, through
 * libsecret, as GNOME's apps keep theirs. Everything is asynchronous: the
 * keyring may ask the user to unlock it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-team-password"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "lg-team-password.h"

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    APP_ID ".TeamWorkspace", SECRET_SCHEMA_NONE,
    {
      { "address", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, 0, 0, 0, 0, 0, 0, 0,
  };

  return &schema;
}

void
lg_team_password_lookup (const char          *address,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_return_if_fail (address != NULL);

  secret_password_lookup (get_schema (), cancellable, callback, user_data,
                          "address", address, NULL);
}

char *
lg_team_password_lookup_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  char *password = secret_password_lookup_finish (result, &local_error);

  if (local_error != NULL)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("Could not read the team workspace’s password from the keyring (%s). "
                     "Check that the keyring is unlocked."), local_error->message);
      return NULL;
    }
  return password;
}

/* What the store's finish sees whether the password was kept or forgotten. */
static void
on_cleared_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(GTask) task = data;
  g_autoptr(GError) error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_stored_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GTask) task = data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
lg_team_password_store (const char          *address,
                        const char          *password,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task;
  g_autofree char *label = NULL;

  g_return_if_fail (address != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lg_team_password_store);
  if (password == NULL || *password == '\0')
    {
      /* Said by the finish if it fails. */
      g_task_set_task_data (task, GINT_TO_POINTER (TRUE), NULL);
      secret_password_clear (get_schema (), cancellable, on_cleared_cb, task,
                             "address", address, NULL);
      return;
    }
  /* TRANSLATORS: the password's name in the keyring (Passwords and Keys) */
  label = g_strdup_printf (_("Leadgram team workspace %s"), address);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, password, cancellable,
                         on_stored_cb, task, "address", address, NULL);
}

gboolean
lg_team_password_store_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  if (g_task_propagate_boolean (G_TASK (result), &local_error))
    return TRUE;
  if (g_task_get_task_data (G_TASK (result)) != NULL)
    g_set_error (error, local_error->domain, local_error->code,
                 _("Could not remove the password from the keyring (%s). Check that the "
                   "keyring is unlocked, or remove it in Passwords and Keys."),
                 local_error->message);
  else
    g_set_error (error, local_error->domain, local_error->code,
                 _("Could not keep the password in the keyring (%s). Check that the keyring "
                   "is unlocked, or put the password in ~/.pgpass."), local_error->message);
  return FALSE;
}
