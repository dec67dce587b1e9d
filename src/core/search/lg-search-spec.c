/* lg-search-spec.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-search"

#include "config.h"

#include "lg-search-spec.h"
#include "lg-synonyms.h"

struct _LgSearchSpec
{
  GObject  parent_instance;

  gint64   id;
  char    *name;
  char    *offer;
  GStrv    must;
  GStrv    exclude;
  GArray  *source_ids;
  GStrv    source_kinds;
  gint64   since;
  gint64   until;
  int      min_score;
  guint    limit;
  gint64   last_run;
  char    *feedback;
};

G_DEFINE_FINAL_TYPE (LgSearchSpec, lg_search_spec, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_OFFER,
  PROP_LAST_RUN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lg_search_spec_finalize (GObject *object)
{
  LgSearchSpec *self = LG_SEARCH_SPEC (object);

  g_free (self->name);
  g_free (self->offer);
  g_strfreev (self->must);
  g_strfreev (self->exclude);
  g_array_unref (self->source_ids);
  g_strfreev (self->source_kinds);
  g_free (self->feedback);

  G_OBJECT_CLASS (lg_search_spec_parent_class)->finalize (object);
}

static void
lg_search_spec_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LgSearchSpec *self = LG_SEARCH_SPEC (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_OFFER:
      g_value_set_string (value, self->offer);
      break;
    case PROP_LAST_RUN:
      g_value_set_int64 (value, self->last_run);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lg_search_spec_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LgSearchSpec *self = LG_SEARCH_SPEC (object);

  switch (prop_id)
    {
    case PROP_ID:
      lg_search_spec_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_NAME:
      lg_search_spec_set_name (self, g_value_get_string (value));
      break;
    case PROP_OFFER:
      lg_search_spec_set_offer (self, g_value_get_string (value));
      break;
    case PROP_LAST_RUN:
      lg_search_spec_set_last_run (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lg_search_spec_class_init (LgSearchSpecClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = lg_search_spec_finalize;
  object_class->get_property = lg_search_spec_get_property;
  object_class->set_property = lg_search_spec_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", flags);
  properties[PROP_OFFER] = g_param_spec_string ("offer", NULL, NULL, "", flags);
  properties[PROP_LAST_RUN] = g_param_spec_int64 ("last-run", NULL, NULL, 0, G_MAXINT64, 0,
                                                  flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lg_search_spec_init (LgSearchSpec *self)
{
  self->name = g_strdup ("");
  self->offer = g_strdup ("");
  self->must = g_new0 (char *, 1);
  self->exclude = g_new0 (char *, 1);
  self->source_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->source_kinds = g_new0 (char *, 1);
  self->limit = LG_SEARCH_DEFAULT_LIMIT;
}

LgSearchSpec *
lg_search_spec_new (const char *offer)
{
  return g_object_new (LG_TYPE_SEARCH_SPEC, "offer", offer != NULL ? offer : "", NULL);
}

LgSearchSpec *
lg_search_spec_copy (LgSearchSpec *self)
{
  LgSearchSpec *copy;

  g_return_val_if_fail (LG_IS_SEARCH_SPEC (self), NULL);

  copy = lg_search_spec_new (self->offer);
  copy->id = self->id;
  lg_search_spec_set_name (copy, self->name);
  lg_search_spec_set_must (copy, (const char * const *) self->must);
  lg_search_spec_set_exclude (copy, (const char * const *) self->exclude);
  lg_search_spec_set_source_ids (copy, (const gint64 *) (gpointer) self->source_ids->data,
                                 self->source_ids->len);
  lg_search_spec_set_source_kinds (copy, (const char * const *) self->source_kinds);
  copy->since = self->since;
  copy->until = self->until;
  copy->min_score = self->min_score;
  copy->limit = self->limit;
  copy->last_run = self->last_run;
  lg_search_spec_set_feedback (copy, self->feedback);
  return copy;
}

static void
set_string (LgSearchSpec  *self,
            char         **field,
            const char    *value,
            int            prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  if (prop != PROP_0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

gint64
lg_search_spec_get_id (LgSearchSpec *self)
{
  g_return_val_if_fail (LG_IS_SEARCH_SPEC (self), 0);
  return self->id;
}

void
lg_search_spec_set_id (LgSearchSpec *self,
                       gint64        id)
{
  g_return_if_fail (LG_IS_SEARCH_SPEC (self));
  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
lg_search_spec_get_name (LgSearchSpec *self)
{
  g_return_val_if_fail (LG_IS_SEARCH_SPEC (self), NULL);
  return self->name;
}

void
lg_search_spec_set_name (LgSearchSpec *self,
                         const char   *name)
{
  g_return_if_fail (LG_IS_SEARCH_SPEC (self));
  set_string (self, &self->name, name != NULL ? name : "", PROP_NAME);
}

const char *
lg_search_spec_get_offer (LgSearchSpec *self)
{
  g_return_val_if_fail (LG_IS_SEARCH_SPEC (self), NULL);
  return self->offer;
}

void
lg_search_spec_set_offer (LgSearchSpec *self,
                          const char   *offer)
{
  g_return_if_fail (LG_IS_SEARCH_SPEC (self));
  set_string (self, &self->offer, offer != NULL ? offer : "", PROP_OFFER);
}

/* Empty words are left out: "a,,b" typed in a field is two words. */
static GStrv
copy_words (const char * const *words)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    {
      g_autofree char *word = g_strstrip (g_strdup (words[i]));

      if (*word != '\0')
        g_strv_builder_add (builder, word);
    }
  return g_strv_builder_end (builder);
}

const char * const *
lg_search_spec_get_must (LgSearchSpec *self)
{
  g_return_val_if_fail (LG_IS_SEARCH_SPEC (self), NULL);
  return (const char * const *) self->must;
}

void
lg_search_spec_set_must (LgSearchSpec       *self,
                         const char * const *words)
{
  g_return_if_fail (LG_IS_SEARCH_SPEC (self));
  g_strfreev (self->must);
  self->must = copy_words (words);
}

const char * const *
lg_search_spec_get_exclude (LgSearchSpec *self)
{
  g_return_val_if_fail (LG_IS_SEARCH_SPEC (self), NULL);
  return (const char * const *) self->exclude;
}

void
lg_search_spec_set_exclude (LgSearchSpec       *self,
                            const char * const *words)
{
  g_return_if_fail (LG_IS_SEARCH_SPEC (self));
  g_strfreev (self->exclude);
  self->exclude = copy_words (words);
}

const gint64 *
lg_search_spec_get_source_ids (LgSearchSpec *self,
                               guint        *n_ids)
{
  g_return_val_if_fail (LG_IS_SEARCH_SPEC (self), NULL);
  g_return_val_if_fail (n_ids != NULL, NULL);

  *n_ids = self->source_ids->len;
  return (const gint64 *) (gpointer) self->source_ids->data;
}

void
lg_search_spec_set_source_ids (LgSearchSpec *self,
                               const gint64 *ids,
                               guint         n_ids)
{
  g_return_if_fail (LG_IS_SEARCH_SPEC (self));
  g_return_if_fail (ids != NULL || n_ids == 0);

  g_array_set_size (self->source_ids, 0);
  if (n_ids > 0)
    g_array_append_vals (self->source_ids, ids, n_ids);
}

const char * const *
lg_search_spec_get_source_kinds (LgSearchSpec *self)
{
  g_return_val_if_fail (LG_IS_SEARCH_SPEC (self), NULL);
  return (const char * const *) self->source_kinds;
}

void
lg_search_spec_set_source_kinds (LgSearchSpec       *self,
                                 const char * const *kinds)
{
  g_return_if_fail (LG_IS_SEARCH_SPEC (self));
  g_strfreev (self->source_kinds);
  self->source_kinds = kinds != NULL ? g_strdupv ((GStrv) kinds) : g_new0 (char *, 1);
}

gint64
lg_search_spec_get_since (LgSearchSpec *self)
{
  g_return_val_if_fail (LG_IS_SEARCH_SPEC (self), 0);
  return self->since;
}

void
lg_search_spec_set_since (LgSearchSpec *self,
                          gint64        since)
{
  g_return_if_fail (LG_IS_SEARCH_SPEC (self));
  self->since = MAX (since, 0);
}

gint64
lg_search_spec_get_until (LgSearchSpec *self)
{
  g_return_val_if_fail (LG_IS_SEARCH_SPEC (self), 0);
  return self->until;
}

void
lg_search_spec_set_until (LgSearchSpec *self,
                          gint64        until)
{
  g_return_if_fail (LG_IS_SEARCH_SPEC (self));
  self->until = MAX (until, 0);
}

int
lg_search_spec_get_min_score (LgSearchSpec *self)
{
  g_return_val_if_fail (LG_IS_SEARCH_SPEC (self), 0);
  return self->min_score;
}

void
lg_search_spec_set_min_score (LgSearchSpec *self,
                              int           min_score)
{
  g_return_if_fail (LG_IS_SEARCH_SPEC (self));
  self->min_score = CLAMP (min_score, 0, 100);
}

guint
lg_search_spec_get_limit (LgSearchSpec *self)
{
  g_return_val_if_fail (LG_IS_SEARCH_SPEC (self), 0);
  return self->limit;
}

void
lg_search_spec_set_limit (LgSearchSpec *self,
                          guint         limit)
{
  g_return_if_fail (LG_IS_SEARCH_SPEC (self));
  self->limit = limit > 0 ? limit : LG_SEARCH_DEFAULT_LIMIT;
}

gint64
lg_search_spec_get_last_run (LgSearchSpec *self)
{
  g_return_val_if_fail (LG_IS_SEARCH_SPEC (self), 0);
  return self->last_run;
}

void
lg_search_spec_set_last_run (LgSearchSpec *self,
                             gint64        last_run)
{
  g_return_if_fail (LG_IS_SEARCH_SPEC (self));
  if (self->last_run == last_run)
    return;
  self->last_run = last_run;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_RUN]);
}

const char *
lg_search_spec_get_feedback (LgSearchSpec *self)
{
  g_return_val_if_fail (LG_IS_SEARCH_SPEC (self), NULL);
  return self->feedback;
}

void
lg_search_spec_set_feedback (LgSearchSpec *self,
                             const char   *feedback)
{
  g_return_if_fail (LG_IS_SEARCH_SPEC (self));
  set_string (self, &self->feedback, feedback, PROP_0);
}

LgOffer *
lg_search_spec_new_offer (LgSearchSpec  *self,
                          GError       **error)
{
  g_return_val_if_fail (LG_IS_SEARCH_SPEC (self), NULL);

  return lg_offer_new_full (lg_search_spec_get_offer (self), lg_search_spec_get_must (self),
                            lg_search_spec_get_exclude (self), lg_synonyms_get_default (), error);
}
