/* lg-test-notifications.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A stand-in for the desktop's org.gtk.Notifications server (GNOME Shell's)
 * on the session bus, so tests see the notifications an application sends
 * with GLib's "gtk" backend (GNOTIFICATION_BACKEND=gtk), in this process or
 * in another one on the same bus.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Owns the name on the session bus; FALSE when there is no bus. */
gboolean  lg_test_notifications_start         (void);
/* Gives the name and the bus back (before g_test_dbus_down). */
void      lg_test_notifications_stop          (void);
/* The a{sv} last sent with id, or NULL; owned by the stand-in. */
GVariant *lg_test_notifications_lookup        (const char *id);
/* For lg_test_wait_until: id (a string) was sent, or withdrawn. */
gboolean  lg_test_notifications_was_sent      (gpointer    id);
gboolean  lg_test_notifications_was_withdrawn (gpointer    id);

G_END_DECLS
