/* lg-team-password.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A team workspace's password, kept in the keyring (the Secret Service)
 * under the workspace's address: never in settings, which a backup or a
 * screenshot shows. The store is given it with lg_store_set_password(). */

/* Looks the password of the team workspace at @address up; finish gives it,
 * or NULL when the keyring has none. */
void      lg_team_password_lookup        (const char          *address,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
char     *lg_team_password_lookup_finish (GAsyncResult        *result,
                                          GError             **error);
/* Keeps @password for the team workspace at @address (NULL or "": forgets
 * it). */
void      lg_team_password_store         (const char          *address,
                                          const char          *password,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean  lg_team_password_store_finish  (GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS
