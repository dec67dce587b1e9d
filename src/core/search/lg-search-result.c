/* lg-search-result.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-search"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "lg-search-result.h"

typedef struct
{
  double  value;
  int     contribution;
  GStrv   evidence;
} Signal;

struct _LgSearchResult
{
  GObject        parent_instance;

  gint64         message_id;
  gint64         source_id;
  gint64         sent_at;
  char          *source_label;
  char          *author_name;
  char          *author_handle;
  char          *author_key;
  char          *author_label;
  char          *text;
  char          *link;
  int            score;
  char          *reason;
  char          *summary;
  int            feedback_move;
  Signal         signals[LG_N_SIGNALS];
  GArray        *spans;  /* LgScoreSpan, sorted, not overlapping */

  guint          other_count;
  LgMatchStatus  status;
  int            feedback;
  gboolean       is_new;
  gint64         lead_id;
  int          base;     /* the score with every signal neutral */
};

G_DEFINE_FINAL_TYPE (LgSearchResult, lg_search_result, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATUS,
  PROP_FEEDBACK,
  PROP_LEAD_ID,
  PROP_OTHER_COUNT,
  PROP_FEEDBACK_MOVE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
lg_search_result_finalize (GObject *object)
{
  LgSearchResult *self = LG_SEARCH_RESULT (object);

  g_free (self->source_label);
  g_free (self->author_name);
  g_free (self->author_handle);
  g_free (self->author_key);
  g_free (self->author_label);
  g_free (self->text);
  g_free (self->link);
  g_free (self->reason);
  g_free (self->summary);
  for (guint i = 0; i < LG_N_SIGNALS; i++)
    g_strfreev (self->signals[i].evidence);
  g_array_unref (self->spans);

  G_OBJECT_CLASS (lg_search_result_parent_class)->finalize (object);
}

static void
lg_search_result_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  LgSearchResult *self = LG_SEARCH_RESULT (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;
    case PROP_FEEDBACK:
      g_value_set_int (value, self->feedback);
      break;
    case PROP_LEAD_ID:
      g_value_set_int64 (value, self->lead_id);
      break;
    case PROP_OTHER_COUNT:
      g_value_set_uint (value, self->other_count);
      break;
    case PROP_FEEDBACK_MOVE:
      g_value_set_int (value, self->feedback_move);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lg_search_result_class_init (LgSearchResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = lg_search_result_finalize;
  object_class->get_property = lg_search_result_get_property;

  /* Read-only as properties: the user's actions go through the setters. */
  properties[PROP_STATUS] = g_param_spec_int ("status", NULL, NULL, LG_MATCH_NEW,
                                              LG_MATCH_DISMISSED, LG_MATCH_NEW, flags);
  properties[PROP_FEEDBACK] = g_param_spec_int ("feedback", NULL, NULL, -1, 1, 0, flags);
  properties[PROP_LEAD_ID] = g_param_spec_int64 ("lead-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_OTHER_COUNT] = g_param_spec_uint ("other-count", NULL, NULL, 0, G_MAXUINT, 0,
                                                    flags);
  properties[PROP_FEEDBACK_MOVE] = g_param_spec_int ("feedback-move", NULL, NULL, -1, 1, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lg_search_result_init (LgSearchResult *self)
{
  self->spans = g_array_new (FALSE, FALSE, sizeof (LgScoreSpan));
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const LgScoreSpan *x = a, *y = b;

  return x->start < y->start ? -1 : x->start > y->start;
}

/* The words of the offer and the buying cues, merged into sorted runs. */
static void
collect_spans (LgSearchResult      *self,
               const LgScoreResult *score)
{
  static const LgSignal highlighted[] = { LG_SIGNAL_RELEVANCE, LG_SIGNAL_INTENT };
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (LgScoreSpan));
  gsize text_len = strlen (self->text);

  for (guint i = 0; i < G_N_ELEMENTS (highlighted); i++)
    {
      guint n;
      const LgScoreSpan *spans = lg_score_result_get_spans (score, highlighted[i], &n);

      for (guint j = 0; j < n; j++)
        if (spans[j].end <= text_len && spans[j].start < spans[j].end)
          g_array_append_val (all, spans[j]);
    }
  g_array_sort (all, compare_spans);

  for (guint i = 0; i < all->len; i++)
    {
      LgScoreSpan span = g_array_index (all, LgScoreSpan, i);
      LgScoreSpan *last = self->spans->len > 0
                          ? &g_array_index (self->spans, LgScoreSpan, self->spans->len - 1) : NULL;

      if (last != NULL && span.start <= last->end)
        last->end = MAX (last->end, span.end);
      else
        g_array_append_val (self->spans, span);
    }
}

LgSearchResult *
lg_search_result_new (const LgSearchResultInit *init,
                      LgScoreResult            *score)
{
  LgSearchResult *self;

  g_return_val_if_fail (init != NULL, NULL);
  g_return_val_if_fail (score != NULL, NULL);

  self = g_object_new (LG_TYPE_SEARCH_RESULT, NULL);
  self->message_id = init->message_id;
  self->source_id = init->source_id;
  self->sent_at = init->sent_at;
  self->source_label = g_strdup (init->source_label != NULL ? init->source_label : "");
  self->author_name = g_strdup (init->author_name);
  self->author_handle = g_strdup (init->author_handle);
  self->author_key = g_strdup (init->author_key != NULL ? init->author_key : "");
  self->text = g_strdup (init->text != NULL ? init->text : "");
  self->link = g_strdup (init->link);
  self->score = lg_score_result_get_score (score);
  self->reason = lg_score_result_get_reason (score, init->source_label);
  self->summary = lg_score_result_get_summary (score);

  if (self->author_name != NULL && *self->author_name != '\0')
    self->author_label = g_strdup (self->author_name);
  else if (self->author_handle != NULL && *self->author_handle != '\0')
    self->author_label = g_strdup_printf ("@%s", self->author_handle);
  else
    self->author_label = g_strdup (_("Unknown author"));

  self->base = lg_score_result_get_base (score);
  for (guint i = 0; i < LG_N_SIGNALS; i++)
    {
      self->signals[i].value = lg_score_result_get_value (score, i);
      self->signals[i].contribution = lg_score_result_get_contribution (score, i);
      self->signals[i].evidence = g_strdupv ((GStrv) lg_score_result_get_evidence (score, i));
      if (self->signals[i].evidence == NULL)
        self->signals[i].evidence = g_new0 (char *, 1);
    }
  collect_spans (self, score);
  return self;
}

LgSearchResult *
lg_search_result_copy (LgSearchResult *self)
{
  LgSearchResult *copy;

  g_return_val_if_fail (LG_IS_SEARCH_RESULT (self), NULL);

  copy = g_object_new (LG_TYPE_SEARCH_RESULT, NULL);
  copy->message_id = self->message_id;
  copy->source_id = self->source_id;
  copy->sent_at = self->sent_at;
  copy->source_label = g_strdup (self->source_label);
  copy->author_name = g_strdup (self->author_name);
  copy->author_handle = g_strdup (self->author_handle);
  copy->author_key = g_strdup (self->author_key);
  copy->author_label = g_strdup (self->author_label);
  copy->text = g_strdup (self->text);
  copy->link = g_strdup (self->link);
  copy->score = self->score;
  copy->base = self->base;
  copy->reason = g_strdup (self->reason);
  copy->summary = g_strdup (self->summary);
  copy->feedback_move = self->feedback_move;
  for (guint i = 0; i < LG_N_SIGNALS; i++)
    {
      copy->signals[i] = self->signals[i];
      copy->signals[i].evidence = g_strdupv (self->signals[i].evidence);
    }
  g_array_append_vals (copy->spans, self->spans->data, self->spans->len);
  copy->other_count = self->other_count;
  copy->status = self->status;
  copy->feedback = self->feedback;
  copy->is_new = self->is_new;
  copy->lead_id = self->lead_id;
  return copy;
}

#define GETTER(type, name, field, fallback) \
  type \
  lg_search_result_get_##name (LgSearchResult *self) \
  { \
    g_return_val_if_fail (LG_IS_SEARCH_RESULT (self), fallback); \
    return self->field; \
  }

GETTER (gint64, message_id, message_id, 0)
GETTER (gint64, source_id, source_id, 0)
GETTER (gint64, sent_at, sent_at, 0)
GETTER (const char *, source_label, source_label, NULL)
GETTER (const char *, author_name, author_name, NULL)
GETTER (const char *, author_handle, author_handle, NULL)
GETTER (const char *, author_key, author_key, NULL)
GETTER (const char *, author_label, author_label, NULL)
GETTER (const char *, text, text, NULL)
GETTER (const char *, link, link, NULL)
GETTER (int, score, score, 0)
GETTER (const char *, reason, reason, NULL)
GETTER (const char *, summary, summary, NULL)
GETTER (int, feedback_move, feedback_move, 0)
GETTER (guint, other_count, other_count, 0)
GETTER (LgMatchStatus, status, status, LG_MATCH_NEW)
GETTER (int, feedback, feedback, 0)
GETTER (gboolean, is_new, is_new, FALSE)
GETTER (gint64, lead_id, lead_id, 0)

#undef GETTER

double
lg_search_result_get_signal_value (LgSearchResult *self,
                                   LgSignal        signal)
{
  g_return_val_if_fail (LG_IS_SEARCH_RESULT (self), 0);
  g_return_val_if_fail (signal < LG_N_SIGNALS, 0);
  return self->signals[signal].value;
}

int
lg_search_result_get_base (LgSearchResult *self)
{
  g_return_val_if_fail (LG_IS_SEARCH_RESULT (self), 0);
  return self->base;
}

int
lg_search_result_get_contribution (LgSearchResult *self,
                                   LgSignal        signal)
{
  g_return_val_if_fail (LG_IS_SEARCH_RESULT (self), 0);
  g_return_val_if_fail (signal < LG_N_SIGNALS, 0);
  return self->signals[signal].contribution;
}

const char * const *
lg_search_result_get_evidence (LgSearchResult *self,
                               LgSignal        signal)
{
  g_return_val_if_fail (LG_IS_SEARCH_RESULT (self), NULL);
  g_return_val_if_fail (signal < LG_N_SIGNALS, NULL);
  return (const char * const *) self->signals[signal].evidence;
}

char *
lg_search_result_dup_breakdown_json (LgSearchResult *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (LG_IS_SEARCH_RESULT (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "base");
  json_builder_add_int_value (builder, self->base);
  for (guint i = 0; i < LG_N_SIGNALS; i++)
    {
      json_builder_set_member_name (builder, lg_signal_get_id (i));
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "value");
      json_builder_add_double_value (builder, self->signals[i].value);
      json_builder_set_member_name (builder, "contribution");
      json_builder_add_int_value (builder, self->signals[i].contribution);
      json_builder_set_member_name (builder, "evidence");
      json_builder_begin_array (builder);
      for (guint j = 0; self->signals[i].evidence[j] != NULL; j++)
        json_builder_add_string_value (builder, self->signals[i].evidence[j]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
}

static void
append_plain (GString    *out,
              const char *start,
              const char *end,
              gboolean    markup)
{
  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\r' || c == '\t')
        g_string_append_c (out, ' ');
      else if (!markup)
        g_string_append_unichar (out, c);
      else if (c == '<')
        g_string_append (out, "&lt;");
      else if (c == '>')
        g_string_append (out, "&gt;");
      else if (c == '&')
        g_string_append (out, "&amp;");
      else if (c == '\'')
        g_string_append (out, "&#39;");
      else if (c == '"')
        g_string_append (out, "&quot;");
      else
        g_string_append_unichar (out, c);
    }
}

char *
lg_search_result_dup_excerpt (LgSearchResult *self,
                              guint           max_chars,
                              gboolean        markup)
{
  const char *text, *start, *end, *p;
  GString *out;
  guint before = max_chars / 4;

  g_return_val_if_fail (LG_IS_SEARCH_RESULT (self), NULL);
  g_return_val_if_fail (max_chars > 0, NULL);

  text = self->text;
  start = text;
  /* Begin a little before the first matched word when it is far in. */
  if (self->spans->len > 0)
    {
      const char *first = text + g_array_index (self->spans, LgScoreSpan, 0).start;

      if ((guint) g_utf8_pointer_to_offset (text, first) > before)
        {
          start = first;
          for (guint i = 0; i < before && start > text; i++)
            start = g_utf8_prev_char (start);
        }
    }
  end = start;
  for (guint i = 0; i < max_chars && *end != '\0'; i++)
    end = g_utf8_next_char (end);

  out = g_string_new (start > text ? "…" : "");
  p = start;
  for (guint i = 0; i < self->spans->len && p < end; i++)
    {
      const LgScoreSpan *span = &g_array_index (self->spans, LgScoreSpan, i);
      const char *s = text + span->start, *e = MIN (text + span->end, end);

      if (e <= p)
        continue;
      s = MAX (s, p);
      append_plain (out, p, s, markup);
      if (markup)
        g_string_append (out, "<b>");
      append_plain (out, s, e, markup);
      if (markup)
        g_string_append (out, "</b>");
      p = e;
    }
  append_plain (out, p, end, markup);
  if (*end != '\0')
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

void
lg_search_result_set_other_count (LgSearchResult *self,
                                  guint           count)
{
  g_return_if_fail (LG_IS_SEARCH_RESULT (self));

  if (self->other_count == count)
    return;
  self->other_count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OTHER_COUNT]);
}

int
lg_search_result_compare (gconstpointer a,
                          gconstpointer b)
{
  LgSearchResult *x = *(LgSearchResult **) a;
  LgSearchResult *y = *(LgSearchResult **) b;

  if (x->score != y->score)
    return y->score - x->score;
  return y->sent_at > x->sent_at ? 1 : y->sent_at < x->sent_at ? -1 : 0;
}

/* The score the result would have without the search's feedback: feedback is
 * the last signal, so the contributions before it add up to that. */
static int
score_without_feedback (LgSearchResult *self)
{
  return self->score - self->signals[LG_SIGNAL_FEEDBACK].contribution;
}

static int
compare_without_feedback (gconstpointer a,
                          gconstpointer b)
{
  LgSearchResult *x = *(LgSearchResult **) a;
  LgSearchResult *y = *(LgSearchResult **) b;

  if (score_without_feedback (x) != score_without_feedback (y))
    return score_without_feedback (y) - score_without_feedback (x);
  return y->sent_at > x->sent_at ? 1 : y->sent_at < x->sent_at ? -1 : 0;
}

void
lg_search_result_mark_feedback_moves (GPtrArray *results)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GHashTable) places = NULL;

  g_return_if_fail (results != NULL);

  before = g_ptr_array_copy (results, NULL, NULL);
  /* The copy borrows the results. */
  g_ptr_array_set_free_func (before, NULL);
  g_ptr_array_sort (before, compare_without_feedback);
  places = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < before->len; i++)
    g_hash_table_insert (places, before->pdata[i], GUINT_TO_POINTER (i));

  for (guint i = 0; i < results->len; i++)
    {
      LgSearchResult *self = results->pdata[i];
      guint was = GPOINTER_TO_UINT (g_hash_table_lookup (places, self));
      int own = self->signals[LG_SIGNAL_FEEDBACK].contribution;

      /* Moved by its own points, not pushed by another's. */
      lg_search_result_set_feedback_move (self, own > 0 && was > i ? 1 : own < 0 && was < i ? -1 : 0);
    }
}

void
lg_search_result_set_feedback_move (LgSearchResult *self,
                                    int             move)
{
  g_return_if_fail (LG_IS_SEARCH_RESULT (self));
  if (self->feedback_move == move)
    return;
  self->feedback_move = move;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FEEDBACK_MOVE]);
}

void
lg_search_result_set_status (LgSearchResult *self,
                             LgMatchStatus   status)
{
  g_return_if_fail (LG_IS_SEARCH_RESULT (self));
  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

void
lg_search_result_set_feedback (LgSearchResult *self,
                               int             feedback)
{
  g_return_if_fail (LG_IS_SEARCH_RESULT (self));
  feedback = CLAMP (feedback, -1, 1);
  if (self->feedback == feedback)
    return;
  self->feedback = feedback;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FEEDBACK]);
}

void
lg_search_result_set_is_new (LgSearchResult *self,
                             gboolean        is_new)
{
  g_return_if_fail (LG_IS_SEARCH_RESULT (self));
  self->is_new = is_new;
}

void
lg_search_result_set_lead_id (LgSearchResult *self,
                              gint64          lead_id)
{
  g_return_if_fail (LG_IS_SEARCH_RESULT (self));
  if (self->lead_id == lead_id)
    return;
  self->lead_id = lead_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEAD_ID]);
}

const char *
lg_match_status_to_string (LgMatchStatus status)
{
  switch (status)
    {
    case LG_MATCH_ACCEPTED:
      return "accepted";
    case LG_MATCH_DISMISSED:
      return "dismissed";
    case LG_MATCH_NEW:
    default:
      return "new";
    }
}

LgMatchStatus
lg_match_status_from_string (const char *string)
{
  if (g_strcmp0 (string, "accepted") == 0)
    return LG_MATCH_ACCEPTED;
  if (g_strcmp0 (string, "dismissed") == 0)
    return LG_MATCH_DISMISSED;
  return LG_MATCH_NEW;
}
