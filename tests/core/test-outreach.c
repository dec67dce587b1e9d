/* test-outreach.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reach Out: the draft from the lead's own words, the links of Open Chat,
 * and the touch it logs (with the speed to lead it starts).
 */

#include "config.h"

#include "lg-metrics.h"
#include "lg-outreach.h"
#include "lg-test-util.h"

#define HOUR 3600

static void
test_language (void)
{
  g_assert_cmpint (lg_draft_detect_language ("Нужна CRM для клиники, посоветуйте"), ==,
                   LG_DRAFT_RUSSIAN);
  /* A Russian message with a product name or two is still Russian. */
  g_assert_cmpint (lg_draft_detect_language ("Ищу CRM с WhatsApp и Telegram для салона"), ==,
                   LG_DRAFT_RUSSIAN);
  g_assert_cmpint (lg_draft_detect_language ("Looking for a CRM, бюджет 100$"), ==,
                   LG_DRAFT_ENGLISH);
  g_assert_cmpint (lg_draft_detect_language (NULL), ==, LG_DRAFT_ENGLISH);
  g_assert_cmpstr (lg_draft_language_id (LG_DRAFT_RUSSIAN), ==, "ru");
  g_assert_cmpint (lg_draft_language_from_id ("en"), ==, LG_DRAFT_ENGLISH);
  g_assert_cmpint (lg_draft_language_from_id ("de"), ==, LG_DRAFT_N_LANGUAGES);
}

static void
test_their_words (void)
{
  static const struct
  {
    const char *text;
    const char *words;
  } cases[] = {
    /* The sentence that asks, without the asking words. */
    { "Hi everyone, new here. I own a clinic in Lisbon (5 chairs). We need a CRM that is "
      "GDPR-compliant and can send reminders via WhatsApp. Prices in EUR please 🙂",
      "a CRM that is GDPR-compliant and can send reminders via WhatsApp" },
    { "Can anyone recommend a CRM that sends WhatsApp reminders? We have 3 dentists.",
      "a CRM that sends WhatsApp reminders" },
    { "Hi all! Opening a chai café in Leicester 🇬🇧 Does anyone know a web developer who "
      "does cafe websites?", "a web developer who does cafe websites" },
    /* An emoji ends a sentence too. */
    { "Сейчас всё в блокноте 😅 Какую CRM для малого бизнеса выбрать?",
      "«Какую CRM для малого бизнеса выбрать»" },
    /* "need it…" asks for no thing: the sentence is quoted. */
    { "The menu is done. We need it live before next month!",
      "“We need it live before next month”" },
    { "Looking for: bookkeeping for a solo freelancer, ideally under $80/mo.",
      "bookkeeping for a solo freelancer" },
    /* A question without a thing to point at is quoted, from its start. */
    { "We moved last month. Is there a way to import contacts from Excel?",
      "“Is there a way to import contacts from Excel”" },
    { "Great meetup yesterday. How do you all handle no-shows?",
      "“How do you all handle no-shows”" },
    /* Nothing asks: the first sentence, quoted. */
    { "Our clinic opens in March. Exciting times.", "“Our clinic opens in March”" },
    { "МИС у нас стоит (IDENT), а вот с напоминаниями беда. Нужна нормальная CRM сверху",
      "нормальная CRM сверху" },
    { "Всем привет! Ищу бригаду на ремонт квартиры под ключ, 60 м², Москва.",
      "бригаду на ремонт квартиры под ключ" },
    { "Ищем подрядчика на сайт для кофейни 🙏", "подрядчика на сайт для кофейни" },
    { "Подскажите, где заказать лендинг для кофейни?", "«Подскажите, где заказать лендинг для "
      "кофейни»" },
    /* Long words are cut at a word, with an ellipsis. */
    { "We need a booking system that syncs with Google Calendar, Outlook, Apple Calendar and "
      "the three Telegram bots our receptionists already use every day",
      "a booking system that syncs with Google Calendar" },
    { "need a scheduling tool that syncs every calendar our receptionists use at the front desk",
      "a scheduling tool that syncs every calendar our receptionists use at the front…" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      LgDraftLanguage language = lg_draft_detect_language (cases[i].text);
      g_autofree char *words = lg_draft_their_words (cases[i].text, language,
                                                     LG_OUTREACH_THEIR_WORDS_MAX);

      g_test_message ("%s", cases[i].text);
      g_assert_cmpstr (words, ==, cases[i].words);
    }

  g_assert_null (lg_draft_their_words ("🙂 !!", LG_DRAFT_ENGLISH, 80));
  g_assert_null (lg_draft_their_words (NULL, LG_DRAFT_ENGLISH, 80));
}

static void
test_first_name (void)
{
  g_autofree char *anna = lg_draft_first_name ("  Anna Petrova ");
  g_autofree char *handle = lg_draft_first_name ("@anna_p");
  g_autofree char *digits = lg_draft_first_name ("+7 900 123");
  g_autofree char *artem = lg_draft_first_name ("Артём Григорьев");
  g_autofree char *doctor = lg_draft_first_name ("Dr. Anna Patel");
  g_autofree char *dr_alone = lg_draft_first_name ("Dr.");

  g_assert_cmpstr (anna, ==, "Anna");
  g_assert_null (handle);
  g_assert_null (digits);
  g_assert_cmpstr (artem, ==, "Артём");
  g_assert_cmpstr (doctor, ==, "Dr. Patel");
  g_assert_cmpstr (dr_alone, ==, "Dr.");
}

static void
test_fill (void)
{
  LgDraftFields fields = {
    .first_name = "Leo",
    .their_words = "a CRM",
    .offer = "We make one.",
    .source = "Dental Owners",
    .my_name = "Sam",
  };
  LgDraftFields empty = { .their_words = "a CRM", .source = "Dental Owners" };
  g_autofree char *all = lg_draft_fill ("Hi {first_name}, about {their_words} in {source}. "
                                        "{offer} Ok?\n\n{my_name}", &fields);
  g_autofree char *unknown = lg_draft_fill ("{first_name} {nickname} {", &fields);
  LgDraftFields cut = { .their_words = "a CRM that…" };
  g_autofree char *ellipsis = lg_draft_fill ("About {their_words}. Ok?", &cut);
  g_autofree char *en = lg_draft_fill (lg_draft_default_template (LG_DRAFT_ENGLISH), &empty);
  g_autofree char *ru = lg_draft_fill (lg_draft_default_template (LG_DRAFT_RUSSIAN), &empty);

  g_assert_cmpstr (all, ==, "Hi Leo, about a CRM in Dental Owners. We make one. Ok?\n\nSam");
  g_assert_cmpstr (unknown, ==, "Leo {nickname} {");
  g_assert_cmpstr (ellipsis, ==, "About a CRM that… Ok?");
  /* Left-out placeholders take their space (and a dangling comma) along. */
  g_assert_cmpstr (en, ==, "Hi, you asked in Dental Owners about a CRM. Would you like me to show "
                           "you how it could work for you?");
  g_assert_cmpstr (ru, ==, "Здравствуйте! Вы писали в Dental Owners, что ищете: a CRM. "
                           "Показать, как это могло бы работать у вас?");
}

static LgMessage *
make_message (const char *text,
              const char *permalink)
{
  LgMessage *message = lg_message_new ();

  lg_message_set_author_name (message, "Leo Martins");
  lg_message_set_text (message, text);
  lg_message_set_permalink (message, permalink);
  return message;
}

static void
test_draft_for_lead (void)
{
  g_autoptr(LgLead) lead = lg_lead_new ();
  g_autoptr(LgMessage) en = make_message ("Can anyone recommend a CRM that sends WhatsApp "
                                          "reminders?", NULL);
  g_autoptr(LgMessage) ru = make_message ("Ищу CRM для стоматологии с напоминаниями.", NULL);
  LgOutreachPrefs prefs = {
    .templates = { NULL, "{first_name}, вы писали про {their_words}. {offer} — {my_name}" },
    .offers = { "We make one.", "Мы делаем такую." },
    .my_name = "Сэм",
  };
  LgDraftLanguage language = LG_DRAFT_N_LANGUAGES;
  g_autofree char *draft_en = NULL;
  g_autofree char *draft_ru = NULL;
  g_autofree char *forced = NULL;
  g_autofree char *subject = NULL;

  lg_lead_set_source_title (lead, "Dental Owners");
  draft_en = lg_outreach_draft (lead, en, &prefs, &language);
  g_assert_cmpint (language, ==, LG_DRAFT_ENGLISH);
  /* The lead has no name: the message's author gives the first name. */
  g_assert_cmpstr (draft_en, ==, "Hi Leo, you asked in Dental Owners about a CRM that sends "
                                 "WhatsApp reminders. We make one. Would you like me to show "
                                 "you how it could work for you?\n\nСэм");

  language = LG_DRAFT_N_LANGUAGES;
  lg_lead_set_name (lead, "Лев");
  draft_ru = lg_outreach_draft (lead, ru, &prefs, &language);
  g_assert_cmpint (language, ==, LG_DRAFT_RUSSIAN);
  g_assert_cmpstr (draft_ru, ==, "Лев, вы писали про CRM для стоматологии с напоминаниями. "
                                 "Мы делаем такую. — Сэм");

  /* --lang: the user's choice over the message's language. */
  language = LG_DRAFT_ENGLISH;
  forced = lg_outreach_draft (lead, ru, NULL, &language);
  g_assert_true (g_str_has_prefix (forced, "Hi Лев, you asked in Dental Owners about CRM для"));

  subject = lg_outreach_subject (en, LG_DRAFT_ENGLISH);
  g_assert_cmpstr (subject, ==, "Re: a CRM that sends WhatsApp reminders");
}

static void
test_links (void)
{
  g_autofree char *tg = lg_contact_telegram_uri ("@leo_martins", FALSE);
  g_autofree char *web = lg_contact_telegram_uri ("leo_martins", TRUE);
  g_autofree char *mail = lg_contact_mailto_uri ("Leo+crm@Example.COM", "Re: a CRM & more?",
                                                 "Hi Leo,\nline two #1 100%");
  g_autofree char *thread = lg_contact_thread_uri ("https://www.reddit.com/r/Dentistry/comments/"
                                                   "abc123/crm/");
  LgContactLink link;

  g_assert_cmpstr (tg, ==, "tg://resolve?domain=leo_martins");
  g_assert_cmpstr (web, ==, "https://t.me/leo_martins");
  /* A handle that Telegram would not allow cannot smuggle in a link. */
  g_assert_null (lg_contact_telegram_uri ("leo&start=x", FALSE));
  g_assert_null (lg_contact_telegram_uri ("abc", FALSE));
  g_assert_null (lg_contact_telegram_uri ("1leo_martins", TRUE));
  g_assert_null (lg_contact_telegram_uri (NULL, TRUE));

  g_assert_cmpstr (mail, ==, "mailto:Leo%2Bcrm@example.com?subject=Re%3A%20a%20CRM%20%26%20more%3F"
                             "&body=Hi%20Leo%2C%0D%0Aline%20two%20%231%20100%25");
  g_assert_null (lg_contact_mailto_uri ("not an address", NULL, NULL));
  g_assert_null (lg_contact_mailto_uri ("a@b.com?cc=x@y.com", NULL, NULL));

  g_assert_cmpstr (thread, ==, "https://www.reddit.com/r/Dentistry/comments/abc123/crm/");
  g_assert_null (lg_contact_thread_uri ("javascript:alert(1)"));
  g_assert_null (lg_contact_thread_uri ("file:///etc/passwd"));
  g_assert_null (lg_contact_thread_uri ("t.me/leo"));

  /* Telegram first, then email, then the thread. */
  g_assert_cmpint (lg_contact_link_choose (&link, "leo_martins", "leo@example.com",
                                           "https://t.me/dental/5", NULL, "Hi"), ==,
                   LG_CONTACT_TELEGRAM);
  g_assert_cmpstr (link.fallback_uri, ==, "https://t.me/leo_martins");
  lg_contact_link_clear (&link);
  g_assert_cmpint (lg_contact_link_choose (&link, "x", "leo@example.com",
                                           "https://t.me/dental/5", NULL, "Hi"), ==,
                   LG_CONTACT_EMAIL);
  g_assert_cmpstr (link.uri, ==, "mailto:leo@example.com?body=Hi");
  g_assert_null (link.fallback_uri);
  lg_contact_link_clear (&link);
  g_assert_cmpint (lg_contact_link_choose (&link, NULL, NULL, "https://t.me/dental/5", NULL,
                                           "Hi"), ==, LG_CONTACT_THREAD);
  g_assert_cmpstr (link.uri, ==, "https://t.me/dental/5");
  lg_contact_link_clear (&link);
  g_assert_cmpint (lg_contact_link_choose (&link, NULL, NULL, NULL, NULL, "Hi"), ==,
                   LG_CONTACT_NONE);
  g_assert_null (link.uri);
}

static LgMetricsReport *
report_around (LgStore *store,
               gint64   now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  LgMetricsQuery query = { .from = now - 86400, .to = now + HOUR, .currency = "USD", .tz = utc };
  LgMetricsReport *report = lg_metrics_compute (store, &query, &error);

  g_assert_no_error (error);
  return report;
}

static void
test_touch (void)
{
  g_autoptr(LgStore) store = lg_test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LgLead) lead = lg_lead_new ();
  g_autoptr(LgLead) warm = NULL;
  g_autoptr(LgLead) stored = NULL;
  g_autoptr(LgLead) again = NULL;
  g_autoptr(GListModel) activities = NULL;
  g_autoptr(LgMetricsReport) before = NULL;
  g_autoptr(LgMetricsReport) after = NULL;
  g_autofree char *described = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean warmed = FALSE;

  lg_lead_set_name (lead, "Leo Martins");
  lg_lead_set_stage (lead, "cold");
  lg_lead_set_created_at (lead, now - 3 * HOUR);
  lg_lead_set_found_at (lead, now - 3 * HOUR);
  lg_lead_set_message_at (lead, now - 5 * HOUR);
  g_assert_true (lg_store_add_lead (store, lead, &error));
  g_assert_no_error (error);

  /* Not contacted yet: no speed to lead. */
  before = report_around (store, now);
  g_assert_cmpint (before->total.touched, ==, 0);
  g_assert_false (before->total.speed[LG_SPEED_FROM_FOUND].known);

  g_assert_true (lg_store_log_outreach (store, lg_lead_get_id (lead), now, "Hi Leo, about a CRM",
                                        TRUE, NULL, &warmed, &error));
  g_assert_no_error (error);
  g_assert_true (warmed);

  stored = lg_store_get_lead (store, lg_lead_get_id (lead), &error);
  g_assert_cmpstr (lg_lead_get_stage (stored), ==, "warm");
  g_assert_cmpint (lg_lead_get_first_touch_at (stored), ==, now);

  /* The text sent is in the timeline. */
  activities = lg_store_list_activities (store, lg_lead_get_id (lead), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (activities) && described == NULL; i++)
    {
      g_autoptr(LgActivity) activity = g_list_model_get_item (activities, i);

      if (g_strcmp0 (lg_activity_get_kind (activity), "touch") == 0)
        described = lg_activity_describe (activity);
    }
  g_assert_cmpstr (described, ==, "Contacted: Hi Leo, about a CRM");

  /* The touch starts the speed-to-lead clocks. */
  after = report_around (store, now);
  g_assert_cmpint (after->total.touched, ==, 1);
  g_assert_true (after->total.speed[LG_SPEED_FROM_FOUND].known);
  g_assert_cmpfloat_with_epsilon (after->total.speed[LG_SPEED_FROM_FOUND].value, 3 * HOUR, 0.5);
  g_assert_cmpfloat_with_epsilon (after->total.speed[LG_SPEED_FROM_MESSAGE].value, 5 * HOUR, 0.5);

  /* A second touch keeps the first; a Warm lead is not moved, and with the
   * preference off a Cold one stays Cold. */
  g_assert_true (lg_store_log_outreach (store, lg_lead_get_id (lead), now + 60, NULL, TRUE, NULL,
                                        &warmed, &error));
  g_assert_false (warmed);
  again = lg_store_get_lead (store, lg_lead_get_id (lead), &error);
  g_assert_cmpint (lg_lead_get_first_touch_at (again), ==, now);

  warm = lg_test_add_lead (store, "Anna", "cold");
  g_assert_true (lg_store_log_outreach (store, lg_lead_get_id (warm), now, "Hi", FALSE, NULL,
                                        &warmed, &error));
  g_assert_false (warmed);
  g_assert_cmpint (lg_test_query_int (store, "SELECT count(*) FROM leads "
                                             "WHERE name = 'Anna' AND stage = 'cold'"), ==, 1);

  /* An unknown lead changes nothing. */
  g_assert_false (lg_store_log_outreach (store, 999, now, "Hi", TRUE, NULL, NULL, &error));
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outreach/language", test_language);
  g_test_add_func ("/outreach/their-words", test_their_words);
  g_test_add_func ("/outreach/first-name", test_first_name);
  g_test_add_func ("/outreach/fill", test_fill);
  g_test_add_func ("/outreach/draft-for-lead", test_draft_for_lead);
  g_test_add_func ("/outreach/links", test_links);
  g_test_add_func ("/outreach/touch", test_touch);

  return g_test_run ();
}
