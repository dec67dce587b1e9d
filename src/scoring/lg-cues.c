/* lg-cues.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-cues"

#include "config.h"

#include <string.h>

#include "lg-cues.h"
#include "lg-hash.h"
#include "lg-tokenizer.h"

typedef struct
{
  LgCueKind   kind;
  float       strength;
  const char *phrase;
} CueSource;

/* Written from how people ask for things in chats, in both languages. Matching
 * is on stems, so a cue must not share its stems with a buyer's wording: bare
 * "hiring" would catch "looking to hire", "wanted" catches "want", "сделаем"
 * catches "кто может сделать", "услуги" catches "нужны услуги"; such cues are
 * written as phrases or left to the model. The
 * strength of a negative cue is how surely it alone marks a seller, a job post or
 * spam: "we're hiring" is sure, "discount" less so. Intent cues have no strength:
 * the model learns how much each kind counts. */
static const CueSource cue_sources[] = {
  { LG_CUE_RECOMMEND, 0, "can anyone recommend" },
  { LG_CUE_RECOMMEND, 0, "can someone recommend" },
  { LG_CUE_RECOMMEND, 0, "could anyone recommend" },
  { LG_CUE_RECOMMEND, 0, "anyone recommend" },
  { LG_CUE_RECOMMEND, 0, "recommend a" },
  { LG_CUE_RECOMMEND, 0, "recommend an" },
  { LG_CUE_RECOMMEND, 0, "recommend me" },
  { LG_CUE_RECOMMEND, 0, "any recommendations" },
  { LG_CUE_RECOMMEND, 0, "recommendations for" },
  { LG_CUE_RECOMMEND, 0, "any suggestions" },
  { LG_CUE_RECOMMEND, 0, "what do you use for" },
  { LG_CUE_RECOMMEND, 0, "what do you all use" },
  { LG_CUE_RECOMMEND, 0, "what are you using" },
  { LG_CUE_RECOMMEND, 0, "what are people using" },
  { LG_CUE_RECOMMEND, 0, "who do you use" },
  { LG_CUE_RECOMMEND, 0, "anyone know a good" },
  { LG_CUE_RECOMMEND, 0, "does anyone know a" },
  { LG_CUE_RECOMMEND, 0, "know a good" },
  { LG_CUE_RECOMMEND, 0, "which one should" },
  { LG_CUE_RECOMMEND, 0, "посоветуйте" },
  { LG_CUE_RECOMMEND, 0, "посоветуете" },
  { LG_CUE_RECOMMEND, 0, "порекомендуйте" },
  { LG_CUE_RECOMMEND, 0, "подскажите" },
  { LG_CUE_RECOMMEND, 0, "кто что посоветует" },
  { LG_CUE_RECOMMEND, 0, "кто-нибудь знает" },
  { LG_CUE_RECOMMEND, 0, "кто чем пользуется" },
  { LG_CUE_RECOMMEND, 0, "дайте контакт" },
  { LG_CUE_RECOMMEND, 0, "поделитесь контактами" },
  { LG_CUE_RECOMMEND, 0, "какую выбрать" },
  { LG_CUE_RECOMMEND, 0, "какой выбрать" },

  { LG_CUE_LOOKING, 0, "looking for" },
  { LG_CUE_LOOKING, 0, "searching for" },
  { LG_CUE_LOOKING, 0, "in search of" },
  { LG_CUE_LOOKING, 0, "on the hunt for" },
  { LG_CUE_LOOKING, 0, "ищу" },
  { LG_CUE_LOOKING, 0, "ищем" },
  { LG_CUE_LOOKING, 0, "в поиске" },
  { LG_CUE_LOOKING, 0, "в поисках" },

  { LG_CUE_NEED, 0, "need a" },
  { LG_CUE_NEED, 0, "need an" },
  { LG_CUE_NEED, 0, "need someone" },
  { LG_CUE_NEED, 0, "need somebody" },
  { LG_CUE_NEED, 0, "need help with" },
  { LG_CUE_NEED, 0, "we need" },
  { LG_CUE_NEED, 0, "i need" },
  { LG_CUE_NEED, 0, "нужен" },
  { LG_CUE_NEED, 0, "нужна" },
  { LG_CUE_NEED, 0, "нужны" },
  { LG_CUE_NEED, 0, "требуется помощь" },
  { LG_CUE_NEED, 0, "нужна помощь" },

  { LG_CUE_SWITCH, 0, "any alternatives to" },
  { LG_CUE_SWITCH, 0, "alternatives to" },
  { LG_CUE_SWITCH, 0, "alternative to" },
  { LG_CUE_SWITCH, 0, "tired of our current" },
  { LG_CUE_SWITCH, 0, "tired of" },
  { LG_CUE_SWITCH, 0, "fed up with" },
  { LG_CUE_SWITCH, 0, "switch from" },
  { LG_CUE_SWITCH, 0, "switching from" },
  { LG_CUE_SWITCH, 0, "move away from" },
  { LG_CUE_SWITCH, 0, "replace our" },
  { LG_CUE_SWITCH, 0, "what should we move to" },
  { LG_CUE_SWITCH, 0, "альтернатива" },
  { LG_CUE_SWITCH, 0, "альтернативу" },
  { LG_CUE_SWITCH, 0, "надоело" },
  { LG_CUE_SWITCH, 0, "хотим уйти с" },
  { LG_CUE_SWITCH, 0, "переехать с" },
  { LG_CUE_SWITCH, 0, "куда переезжали" },
  { LG_CUE_SWITCH, 0, "чем заменить" },

  { LG_CUE_URGENT, 0, "asap" },
  { LG_CUE_URGENT, 0, "urgently" },
  { LG_CUE_URGENT, 0, "urgent" },
  { LG_CUE_URGENT, 0, "срочно" },
  { LG_CUE_URGENT, 0, "срочняк" },

  { LG_CUE_BUDGET, 0, "budget is" },
  { LG_CUE_BUDGET, 0, "budget of" },
  { LG_CUE_BUDGET, 0, "my budget" },
  { LG_CUE_BUDGET, 0, "our budget" },
  { LG_CUE_BUDGET, 0, "willing to pay" },
  { LG_CUE_BUDGET, 0, "ready to pay" },
  { LG_CUE_BUDGET, 0, "how much do you charge" },
  { LG_CUE_BUDGET, 0, "how much would" },
  { LG_CUE_BUDGET, 0, "бюджет" },
  { LG_CUE_BUDGET, 0, "готов заплатить" },
  { LG_CUE_BUDGET, 0, "готовы заплатить" },
  { LG_CUE_BUDGET, 0, "сколько стоит" },
  { LG_CUE_BUDGET, 0, "какие у вас цены" },

  { LG_CUE_BUY, 0, "want to buy" },
  { LG_CUE_BUY, 0, "looking to buy" },
  { LG_CUE_BUY, 0, "where can i buy" },
  { LG_CUE_BUY, 0, "where to buy" },
  { LG_CUE_BUY, 0, "who sells" },
  { LG_CUE_BUY, 0, "requesting quotes" },
  { LG_CUE_BUY, 0, "request for quote" },
  { LG_CUE_BUY, 0, "send me a quote" },
  { LG_CUE_BUY, 0, "rfq" },
  { LG_CUE_BUY, 0, "куплю" },
  { LG_CUE_BUY, 0, "хочу купить" },
  { LG_CUE_BUY, 0, "хочу заказать" },
  { LG_CUE_BUY, 0, "где купить" },
  { LG_CUE_BUY, 0, "где заказать" },
  { LG_CUE_BUY, 0, "кто продаёт" },
  { LG_CUE_BUY, 0, "запрос кп" },

  { LG_CUE_WHO_DOES, 0, "who does" },
  { LG_CUE_WHO_DOES, 0, "who can" },
  { LG_CUE_WHO_DOES, 0, "anyone who can" },
  { LG_CUE_WHO_DOES, 0, "does anyone do" },
  { LG_CUE_WHO_DOES, 0, "does anyone offer" },
  { LG_CUE_WHO_DOES, 0, "кто делает" },
  { LG_CUE_WHO_DOES, 0, "кто может" },
  { LG_CUE_WHO_DOES, 0, "кто занимается" },
  { LG_CUE_WHO_DOES, 0, "кто ставит" },

  { LG_CUE_SELLING, 0.8f, "we offer" },
  { LG_CUE_SELLING, 0.8f, "we provide" },
  { LG_CUE_SELLING, 0.6f, "our services" },
  { LG_CUE_SELLING, 0.8f, "dm for prices" },
  { LG_CUE_SELLING, 0.7f, "dm me for" },
  { LG_CUE_SELLING, 0.3f, "price list" },
  { LG_CUE_SELLING, 0.4f, "discount" },
  { LG_CUE_SELLING, 0.6f, "free consultation" },
  { LG_CUE_SELLING, 0.6f, "free audit" },
  { LG_CUE_SELLING, 0.6f, "order now" },
  { LG_CUE_SELLING, 0.6f, "for sale" },
  { LG_CUE_SELLING, 0.7f, "we sell" },
  { LG_CUE_SELLING, 0.7f, "reselling" },
  { LG_CUE_SELLING, 0.7f, "i'm selling" },
  { LG_CUE_SELLING, 0.7f, "we're selling" },
  { LG_CUE_SELLING, 0.6f, "selling my" },
  { LG_CUE_SELLING, 0.5f, "contact us" },
  { LG_CUE_SELLING, 0.5f, "link in bio" },
  { LG_CUE_SELLING, 0.9f, "продам" },
  { LG_CUE_SELLING, 0.9f, "продаю" },
  { LG_CUE_SELLING, 0.8f, "предлагаем" },
  { LG_CUE_SELLING, 0.8f, "оказываем" },
  { LG_CUE_SELLING, 0.8f, "внедряем" },
  { LG_CUE_SELLING, 0.5f, "скидка" },
  { LG_CUE_SELLING, 0.5f, "скидки" },
  { LG_CUE_SELLING, 0.5f, "акция" },
  { LG_CUE_SELLING, 0.3f, "прайс" },
  { LG_CUE_SELLING, 0.6f, "бесплатная консультация" },
  { LG_CUE_SELLING, 0.6f, "бесплатный аудит" },
  { LG_CUE_SELLING, 0.6f, "звоните" },

  { LG_CUE_HIRING, 0.9f, "we're hiring" },
  { LG_CUE_HIRING, 0.9f, "we are hiring" },
  { LG_CUE_HIRING, 0.9f, "now hiring" },
  { LG_CUE_HIRING, 0.7f, "is hiring" },
  { LG_CUE_HIRING, 0.8f, "vacancy" },
  { LG_CUE_HIRING, 0.6f, "salary" },
  { LG_CUE_HIRING, 0.7f, "send cv" },
  { LG_CUE_HIRING, 0.7f, "cvs to" },
  { LG_CUE_HIRING, 0.5f, "full time" },
  { LG_CUE_HIRING, 0.4f, "part time" },
  { LG_CUE_HIRING, 0.6f, "join our team" },
  { LG_CUE_HIRING, 0.9f, "вакансия" },
  { LG_CUE_HIRING, 0.5f, "требуется" },
  { LG_CUE_HIRING, 0.6f, "требуются" },
  { LG_CUE_HIRING, 0.7f, "в команду" },
  { LG_CUE_HIRING, 0.7f, "зп" },
  { LG_CUE_HIRING, 0.7f, "з/п" },
  { LG_CUE_HIRING, 0.6f, "оклад" },
  { LG_CUE_HIRING, 0.6f, "резюме" },
  { LG_CUE_HIRING, 0.5f, "график" },
  { LG_CUE_HIRING, 0.6f, "трудоустройство" },

  { LG_CUE_SELF_PROMO, 0.9f, "looking for clients" },
  { LG_CUE_SELF_PROMO, 0.9f, "looking for new clients" },
  { LG_CUE_SELF_PROMO, 0.8f, "taking new clients" },
  { LG_CUE_SELF_PROMO, 0.9f, "looking for a job" },
  { LG_CUE_SELF_PROMO, 0.8f, "looking for work" },
  { LG_CUE_SELF_PROMO, 0.8f, "looking for projects" },
  { LG_CUE_SELF_PROMO, 0.8f, "looking for new projects" },
  { LG_CUE_SELF_PROMO, 0.7f, "open to new opportunities" },
  /* A job seeker sells their work. */
  { LG_CUE_SELF_PROMO, 0.8f, "open to work" },
  { LG_CUE_SELF_PROMO, 0.8f, "available for hire" },
  { LG_CUE_SELF_PROMO, 0.7f, "hire me" },
  { LG_CUE_SELF_PROMO, 0.8f, "ищу подработку" },
  { LG_CUE_SELF_PROMO, 0.8f, "ищу вакансию" },
  { LG_CUE_SELF_PROMO, 0.6f, "рассмотрю предложения" },
  { LG_CUE_SELF_PROMO, 0.5f, "portfolio in" },
  { LG_CUE_SELF_PROMO, 0.9f, "ищу клиентов" },
  { LG_CUE_SELF_PROMO, 0.9f, "ищу работу" },
  { LG_CUE_SELF_PROMO, 0.8f, "ищу заказы" },
  { LG_CUE_SELF_PROMO, 0.8f, "беру заказы" },
  { LG_CUE_SELF_PROMO, 0.8f, "возьму заказы" },
  { LG_CUE_SELF_PROMO, 0.3f, "портфолио" },
  { LG_CUE_SELF_PROMO, 0.6f, "кейсы в профиле" },

  { LG_CUE_SPAM, 0.8f, "nfa" },
  { LG_CUE_SPAM, 0.8f, "passive income" },
  { LG_CUE_SPAM, 0.7f, "airdrop" },
  { LG_CUE_SPAM, 0.6f, "giveaway" },
  { LG_CUE_SPAM, 0.8f, "без вложений" },
  { LG_CUE_SPAM, 0.7f, "заработок" },
  { LG_CUE_SPAM, 0.6f, "розыгрыш" },
  { LG_CUE_SPAM, 0.5f, "подписывайтесь" },
};

#define FIRST_SLOTS 1024

typedef struct
{
  LgCue   cues[G_N_ELEMENTS (cue_sources)];
  guint   n_cues;
  /* Open addressing from a first stem hash to the first cue (cues are sorted by
   * their first hash) so that each token costs one probe. */
  guint64 first_keys[FIRST_SLOTS];
  gint16  first_index[FIRST_SLOTS];
} CueTable;

static int
compare_cues (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const LgCue *ca = a;
  const LgCue *cb = b;

  if (ca->keys[0] != cb->keys[0])
    return ca->keys[0] < cb->keys[0] ? -1 : 1;
  /* Longer first, so the longest phrase wins on the same token. */
  if (ca->n_keys != cb->n_keys)
    return ca->n_keys > cb->n_keys ? -1 : 1;
  return 0;
}

static gpointer
build_table (gpointer data)
{
  CueTable *table = g_new0 (CueTable, 1);
  g_autoptr(LgTokenizer) tokenizer = lg_tokenizer_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cue_sources); i++)
    {
      g_autoptr(GArray) tokens = lg_tokenizer_tokenize (tokenizer, cue_sources[i].phrase, -1,
                                                        NULL, NULL);
      LgCue *cue = &table->cues[table->n_cues];

      g_assert (tokens != NULL && tokens->len > 0 && tokens->len <= LG_CUE_MAX_WORDS);
      cue->kind = cue_sources[i].kind;
      cue->strength = cue_sources[i].strength;
      cue->n_keys = tokens->len;
      for (guint k = 0; k < tokens->len; k++)
        cue->keys[k] = lg_hash_str (g_array_index (tokens, LgToken, k).stem);
      table->n_cues++;
    }
  g_assert (table->n_cues < LG_CUES_NONE);
  /* A stable sort: equal cues keep the order they are written in. */
  g_qsort_with_data (table->cues, table->n_cues, sizeof (LgCue),
                     compare_cues, NULL);

  memset (table->first_index, 0xff, sizeof table->first_index);
  for (guint i = 0; i < table->n_cues; i++)
    {
      guint64 key = table->cues[i].keys[0];
      guint slot = lg_hash_mix (key) & (FIRST_SLOTS - 1);

      if (i > 0 && table->cues[i - 1].keys[0] == key)
        continue;
      while (table->first_index[slot] >= 0)
        slot = (slot + 1) & (FIRST_SLOTS - 1);
      table->first_keys[slot] = key;
      table->first_index[slot] = i;
    }
  return table;
}

static const CueTable *
get_table (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, build_table, NULL);
}

const LgCue *
lg_cues_get (guint *n_cues)
{
  const CueTable *table = get_table ();

  g_return_val_if_fail (n_cues != NULL, NULL);
  *n_cues = table->n_cues;
  return table->cues;
}

int
lg_cues_first (guint64 key)
{
  const CueTable *table = get_table ();
  guint slot = lg_hash_mix (key) & (FIRST_SLOTS - 1);

  while (table->first_index[slot] >= 0)
    {
      if (table->first_keys[slot] == key)
        return table->first_index[slot];
      slot = (slot + 1) & (FIRST_SLOTS - 1);
    }
  return -1;
}

/* The longest cue from @c on that matches at token @i, or FALSE. */
static gboolean
match_at (const CueTable *table,
          const guint64  *keys,
          guint           n_keys,
          guint           i,
          int             c,
          LgCueMatch     *match)
{
  for (; c >= 0 && (guint) c < table->n_cues && table->cues[c].keys[0] == keys[i]; c++)
    {
      const LgCue *cue = &table->cues[c];
      guint k;

      if (i + cue->n_keys > n_keys)
        continue;
      for (k = 1; k < cue->n_keys && cue->keys[k] == keys[i + k]; k++)
        ;
      if (k == cue->n_keys)
        {
          *match = (LgCueMatch) { c, i, cue->n_keys };
          return TRUE;
        }
    }
  return FALSE;
}

guint
lg_cues_match (const guint64 *keys,
               guint          n_keys,
               LgCueMatch    *matches,
               guint          max_matches)
{
  const CueTable *table = get_table ();
  guint n = 0;

  for (guint i = 0; i < n_keys && i < G_MAXUINT16 && n < max_matches; i++)
    n += match_at (table, keys, n_keys, i, lg_cues_first (keys[i]), &matches[n]);
  return n;
}

guint
lg_cues_match_first (const guint64 *keys,
                     const guint8  *first,
                     guint          n_keys,
                     LgCueMatch    *matches,
                     guint          max_matches)
{
  const CueTable *table = get_table ();
  guint n = 0;

  for (guint i = 0; i < n_keys && i < G_MAXUINT16 && n < max_matches; i++)
    if (first[i] != LG_CUES_NONE)
      n += match_at (table, keys, n_keys, i, first[i], &matches[n]);
  return n;
}
