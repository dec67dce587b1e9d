/* lg-test-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "lg-application.h"
#include "lg-test-ui.h"

gboolean
lg_test_init_gtk (void)
{
  if (gtk_init_check ())
    return TRUE;
  g_printerr ("No display: UI tests need one (run them under xvfb-run).\n");
  return FALSE;
}

/* The first widget under root (root included), depth first, that matches. */
static GtkWidget *
find (GtkWidget  *root,
      gboolean  (*matches) (GtkWidget *widget, gconstpointer data),
      gconstpointer data)
{
  if (matches (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find (child, matches, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_name (GtkWidget     *widget,
          gconstpointer  name)
{
  return g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
}

static gboolean
has_type (GtkWidget     *widget,
          gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static gboolean
shows_text (GtkWidget     *widget,
            gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
shows_part (GtkWidget     *widget,
            gconstpointer  part)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), part) != NULL;
}

GtkWidget *
lg_test_find_named (GtkWidget  *root,
                    const char *name)
{
  return find (root, has_name, name);
}

GtkWidget *
lg_test_find_type (GtkWidget *root,
                   GType      type)
{
  return find (root, has_type, GSIZE_TO_POINTER (type));
}

GtkWidget *
lg_test_find_label (GtkWidget  *root,
                    const char *text)
{
  return find (root, shows_text, text);
}

GtkWidget *
lg_test_find_label_part (GtkWidget  *root,
                         const char *part)
{
  return find (root, shows_part, part);
}

void
lg_test_run_frames (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

void
lg_test_click_named (GtkWidget  *root,
                     const char *name)
{
  GtkWidget *button = lg_test_find_named (root, name);

  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
}

GtkWindow *
lg_test_find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (window))
        return GTK_WINDOW (window);
    }
  return NULL;
}

int
lg_test_run_app (const char *db,
                 GCallback   on_activate)
{
  g_autoptr(LgApplication) app = lg_application_new ();
  char *argv[] = { (char *) "leadgram", (char *) "--db", (char *) db, NULL };

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", on_activate, NULL);
  return g_application_run (G_APPLICATION (app), 3, argv);
}

LgResultRow *
lg_test_find_result_row (GtkWidget  *widget,
                         const char *author_key)
{
  if (LG_IS_RESULT_ROW (widget))
    {
      LgSearchResult *result = lg_result_row_get_result (LG_RESULT_ROW (widget));

      if (result != NULL &&
          (author_key == NULL ||
           g_strcmp0 (lg_search_result_get_author_key (result), author_key) == 0))
        return LG_RESULT_ROW (widget);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      LgResultRow *row = lg_test_find_result_row (child, author_key);

      if (row != NULL)
        return row;
    }
  return NULL;
}
