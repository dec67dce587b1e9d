/* lg-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "lg-test-util.h"

static GPtrArray *tmpdirs;

static void
remove_tree (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL &&
         (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, g_file_info_get_name (info), NULL);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        remove_tree (child);
      else
        g_remove (child);
      g_object_unref (info);
    }
  g_rmdir (path);
}

static void
remove_tmpdirs (void)
{
  for (guint i = 0; i < tmpdirs->len; i++)
    remove_tree (g_ptr_array_index (tmpdirs, i));
  g_ptr_array_unref (tmpdirs);
}

char *
lg_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("leadgram-test-XXXXXX", &error);

  g_assert_no_error (error);
  if (tmpdirs == NULL)
    {
      tmpdirs = g_ptr_array_new_with_free_func (g_free);
      atexit (remove_tmpdirs);
    }
  g_ptr_array_add (tmpdirs, g_strdup (dir));
  return dir;
}

LgStore *
lg_test_open_store (void)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "leadgram.db", NULL);
  g_autoptr(GError) error = NULL;
  LgStore *store = lg_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

LgSource *
lg_test_add_source (LgStore    *store,
                    const char *handle)
{
  g_autoptr(GError) error = NULL;
  LgSource *source = lg_source_new ();

  lg_source_set_kind (source, "telegram_channel");
  lg_source_set_handle (source, handle);
  lg_source_set_title (source, handle);
  g_assert_true (lg_store_add_source (store, source, &error));
  g_assert_no_error (error);
  return source;
}

char *
lg_test_channel_page (const char *channel,
                      gint64      first,
                      gint64      last,
                      gint64      newest,
                      gint64      base_time)
{
  GString *html = g_string_new (NULL);

  g_string_append_printf (html,
                          "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                          "<title>%s – Telegram</title>\n", channel);
  if (first > 1)
    g_string_append_printf (html, "<link rel=\"prev\" href=\"/s/%s?before=%" G_GINT64_FORMAT "\">\n",
                            channel, first);
  if (last < newest)
    g_string_append_printf (html, "<link rel=\"next\" href=\"/s/%s?after=%" G_GINT64_FORMAT "\">\n",
                            channel, last);
  g_string_append_printf (html,
                          "</head><body class=\"tgme_webpreview\">\n"
                          "<div class=\"tgme_channel_info_header_title\"><span>Channel %s</span></div>\n"
                          "<main class=\"tgme_main\"><section class=\"tgme_channel_history\">\n",
                          channel);
  if (first > 1)
    g_string_append_printf (html,
                            "<div class=\"tgme_widget_message_centered\"><a class=\"tme_messages_more\" "
                            "href=\"/s/%s?before=%" G_GINT64_FORMAT "\" data-before=\"%" G_GINT64_FORMAT
                            "\"></a></div>\n", channel, first, first);

  for (gint64 id = first; id <= last; id++)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (base_time + id * 60);
      g_autofree char *iso = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S+00:00");

      g_string_append_printf (html,
        "<div class=\"tgme_widget_message_wrap js-widget_message_wrap\">"
        "<div class=\"tgme_widget_message js-widget_message\" data-post=\"%s/%" G_GINT64_FORMAT "\">"
        "<div class=\"tgme_widget_message_bubble\">"
        "<div class=\"tgme_widget_message_author\"><a class=\"tgme_widget_message_owner_name\" "
        "href=\"https://t.me/%s\"><span>Channel %s</span></a></div>"
        "<div class=\"tgme_widget_message_text js-message_text\">Post %" G_GINT64_FORMAT
        ": looking for a <b>CRM</b> for our clinic,<br/>who can recommend one? "
        "<a href=\"https://example.com/%" G_GINT64_FORMAT "\">details</a></div>"
        "<div class=\"tgme_widget_message_footer\"><div class=\"tgme_widget_message_info\">"
        "<span class=\"tgme_widget_message_views\">%" G_GINT64_FORMAT ".%dK</span>"
        "<span class=\"tgme_widget_message_meta\"><a class=\"tgme_widget_message_date\" "
        "href=\"https://t.me/%s/%" G_GINT64_FORMAT "\"><time datetime=\"%s\">x</time></a>"
        "</span></div></div></div></div></div>\n",
        channel, id, channel, channel, id, id, id % 100, (int) (id % 10), channel, id, iso);
    }

  g_string_append (html, "</section></main></body></html>\n");
  return g_string_free (html, FALSE);
}
