/* lg-test-notifications.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "lg-test-notifications.h"

static const char notifications_xml[] =
  "<node>"
  "  <interface name='org.gtk.Notifications'>"
  "    <method name='AddNotification'>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/>"
  "    </method>"
  "    <method name='RemoveNotification'>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

/* Kept open while the stand-in runs: the name goes with the connection. */
static GDBusConnection *server_bus;
static guint registration_id;
/* What the stand-in was sent: notification id -> a{sv}, and withdrawn ids. */
static GHashTable *sent;
static GHashTable *withdrawn;

static void
notifications_method_cb (GDBusConnection       *connection,
                         const char            *sender,
                         const char            *object_path,
                         const char            *interface_name,
                         const char            *method_name,
                         GVariant              *parameters,
                         GDBusMethodInvocation *invocation,
                         gpointer               user_data)
{
  const char *id;

  if (g_strcmp0 (method_name, "AddNotification") == 0)
    {
      GVariant *notification;

      g_variant_get (parameters, "(&s&s@a{sv})", NULL, &id, &notification);
      g_hash_table_insert (sent, g_strdup (id), notification);
    }
  else
    {
      g_variant_get (parameters, "(&s&s)", NULL, &id);
      g_hash_table_add (withdrawn, g_strdup (id));
    }
  g_dbus_method_invocation_return_value (invocation, NULL);
}

gboolean
lg_test_notifications_start (void)
{
  static const GDBusInterfaceVTable vtable = { notifications_method_cb, NULL, NULL };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (notifications_xml, NULL);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  guint32 result;

  server_bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (server_bus == NULL)
    return FALSE;

  sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_variant_unref);
  withdrawn = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  registration_id = g_dbus_connection_register_object (server_bus, "/org/gtk/Notifications",
                                                       info->interfaces[0], &vtable,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (server_bus, "org.freedesktop.DBus",
                                       "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "RequestName",
                                       g_variant_new ("(su)", "org.gtk.Notifications", 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, &error);
  g_assert_no_error (error);
  g_variant_get (reply, "(u)", &result);
  g_assert_cmpuint (result, ==, 1);
  return TRUE;
}

void
lg_test_notifications_stop (void)
{
  if (server_bus == NULL)
    return;

  g_dbus_connection_unregister_object (server_bus, registration_id);
  registration_id = 0;
  g_clear_object (&server_bus);
  g_clear_pointer (&sent, g_hash_table_unref);
  g_clear_pointer (&withdrawn, g_hash_table_unref);
}

GVariant *
lg_test_notifications_lookup (const char *id)
{
  g_assert_nonnull (sent);

  return g_hash_table_lookup (sent, id);
}

gboolean
lg_test_notifications_was_sent (gpointer id)
{
  g_assert_nonnull (sent);

  return g_hash_table_contains (sent, id);
}

gboolean
lg_test_notifications_was_withdrawn (gpointer id)
{
  g_assert_nonnull (withdrawn);

  return g_hash_table_contains (withdrawn, id);
}
