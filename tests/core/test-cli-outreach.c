/* test-cli-outreach.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `leadgram-cli lead draft` and `lead touch --text`, run as a script would
 * run them.
 */

#include "config.h"

#include "lg-test-util.h"

typedef struct
{
  char   *path;
  char   *lead;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *dir = lg_test_make_tmpdir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LgStore) store = NULL;
  g_autoptr(LgSource) source = NULL;
  g_autoptr(LgMessage) message = lg_message_new ();
  g_autoptr(LgLead) lead = lg_lead_new ();

  fixture->path = g_build_filename (dir, "cli.db", NULL);
  store = lg_store_open (fixture->path, &error);
  g_assert_no_error (error);
  source = lg_test_add_source (store, "dental_owners");

  lg_message_set_source_id (message, lg_source_get_id (source));
  lg_message_set_external_id (message, "41");
  lg_message_set_author_name (message, "Leo Martins");
  lg_message_set_author_handle (message, "leo_martins");
  lg_message_set_sent_at (message, g_get_real_time () / G_USEC_PER_SEC - 7200);
  lg_message_set_text (message, "New here. We need a CRM that sends reminders via WhatsApp. "
                                "EU hosting please");
  lg_message_set_permalink (message, "https://t.me/dental_owners/41");
  g_assert_true (lg_store_add_message (store, message, NULL, &error));
  g_assert_no_error (error);

  lg_lead_set_name (lead, "Leo Martins");
  lg_lead_set_telegram_handle (lead, "leo_martins");
  lg_lead_set_stage (lead, "cold");
  lg_lead_set_source_id (lead, lg_source_get_id (source));
  lg_lead_set_message_id (lead, lg_message_get_id (message));
  g_assert_true (lg_store_add_lead (store, lead, &error));
  g_assert_no_error (error);
  fixture->lead = g_strdup_printf ("%" G_GINT64_FORMAT, lg_lead_get_id (lead));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_free (fixture->path);
  g_free (fixture->lead);
}

#define run(fixture, out, err, ...) lg_test_run_cli_db ((fixture)->path, out, err, __VA_ARGS__)

static void
test_draft (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *ru = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *bad_err = NULL;

  g_assert_cmpint (run (fixture, &out, &err, "lead", "draft", fixture->lead, "--offer",
                        "We make one.", "--my-name", "Sam", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "Hi Leo, you asked in dental_owners about a CRM that sends reminders "
                            "via WhatsApp. We make one. Would you like me to show you how it "
                            "could work for you?\n\nSam\n\n"
                            "Open chat: tg://resolve?domain=leo_martins\n");

  g_assert_cmpint (run (fixture, &ru, NULL, "lead", "draft", fixture->lead, "--lang", "ru",
                        NULL), ==, 0);
  g_assert_true (g_str_has_prefix (ru, "Здравствуйте, Leo! Вы писали в dental_owners, что ищете: "
                                       "a CRM that sends reminders via WhatsApp."));

  g_assert_cmpint (run (fixture, &bad, &bad_err, "lead", "draft", fixture->lead, "--lang", "de",
                        NULL), !=, 0);
  g_assert_nonnull (strstr (bad_err, "use en or ru"));
  g_assert_cmpint (run (fixture, NULL, NULL, "lead", "draft", "999", NULL), !=, 0);
}

static void
test_touch_with_text (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgStore) store = NULL;
  g_autofree char *show = NULL;

  g_assert_cmpint (run (fixture, NULL, NULL, "lead", "touch", fixture->lead, "--text",
                        "Hi Leo, about your CRM question", NULL), ==, 0);

  store = lg_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM activities WHERE kind = 'touch' "
                                             "AND detail = 'Hi Leo, about your CRM question'"),
                   ==, 1);
  g_assert_cmpint (lg_test_query_int (store, "SELECT first_touch_at > 0 FROM leads"), ==, 1);
  /* The CLI has no preference: the stage stays. */
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads WHERE stage = 'cold'"),
                   ==, 1);

  g_assert_cmpint (run (fixture, &show, NULL, "lead", "show", fixture->lead, NULL), ==, 0);
  g_assert_nonnull (strstr (show, "Contacted: Hi Leo, about your CRM question"));

  /* Without --text, as before. */
  g_assert_cmpint (run (fixture, NULL, NULL, "lead", "touch", fixture->lead, NULL), ==, 0);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM activities WHERE kind = 'touch'"),
                   ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/lead/draft", Fixture, NULL, fixture_set_up, test_draft, fixture_tear_down);
  g_test_add ("/cli/lead/touch-text", Fixture, NULL, fixture_set_up, test_touch_with_text,
              fixture_tear_down);

  return g_test_run ();
}
