/* lg-train.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Trains the intent model at build time:
 *
 *   lg-train OUTPUT.c REPORT.txt SPLIT.tsv CORPUS.tsv...
 *
 * The corpus is real public posts labelled by their own communities (buyer,
 * seller or neither; see corpus/SOURCES.md). SPLIT.tsv names each community's
 * language, split and kind (real posts, or text the team wrote): only the
 * "train" communities are read here; "dev" ones are for tuning the scorer and
 * "eval" ones for the evaluation, so that both measure the model on
 * communities it has never seen.
 *
 * Two logistic heads over the features of lg-features.c, trained together
 * (AdaGrad, L2): buyer vs the rest, seller vs the rest. Leave-one-community-out
 * cross-validation gives out-of-fold scores, which fit each head's Platt
 * calibration and are reported per community; then the model is trained on
 * every train community and written as C source. Deterministic: a fixed seed,
 * a fixed order, no clock, no threads, so two runs write byte-identical files.
 */

#define G_LOG_DOMAIN "lg-train"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lg-corpus.h"
#include "lg-features.h"
#include "lg-intent-model.h"
#include "lg-tokenizer.h"

#define SEED     20240611
#define EPOCHS   25
#define RATE     0.4
#define L2       2e-5
#define FOLDS    5

typedef struct
{
  guint32 bucket;
  float   value;
} Feature;

typedef struct
{
  gboolean label[LG_INTENT_N_HEADS];
  gboolean teaches[LG_INTENT_N_HEADS];
  guint    community;
  float    weight;
  guint    n_features;
  Feature *features;
} Example;

typedef struct
{
  double *w;   /* LG_FEATURE_BUCKETS × LG_INTENT_N_HEADS */
  double *g2;  /* AdaGrad's sums of squared gradients */
  double  bias[LG_INTENT_N_HEADS];
  double  bias_g2[LG_INTENT_N_HEADS];
} Model;

typedef struct
{
  char    *name;
  char    *language;
  gboolean real;  /* posts written by the public, not by the team */
  guint    n_examples;
  guint  n_label[LG_INTENT_N_HEADS];
} Community;

static const char * const head_names[LG_INTENT_N_HEADS] = { "buyer", "seller" };

static void
collect_cb (guint32  bucket,
            gpointer user_data)
{
  g_array_append_val ((GArray *) user_data, bucket);
}

static int
compare_u32 (const void *a,
             const void *b)
{
  guint32 x = *(const guint32 *) a;
  guint32 y = *(const guint32 *) b;

  return (x > y) - (x < y);
}

/* The features as the scorer reads them: counts scaled by 1/sqrt(total). */
static gboolean
make_example (LgTokenizer *tokenizer,
              const char  *text,
              Example     *example,
              GError     **error)
{
  g_autoptr(GArray) buckets = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint n_total = 0;
  double scale;
  guint n = 0;

  if (!lg_features_text (tokenizer, text, -1, collect_cb, buckets, &n_total, error))
    return FALSE;
  qsort (buckets->data, buckets->len, sizeof (guint32), compare_u32);

  scale = 1.0 / sqrt (MAX (n_total, 1));
  example->features = g_new (Feature, buckets->len);
  for (guint i = 0; i < buckets->len; i++)
    {
      guint32 b = g_array_index (buckets, guint32, i);

      if (n > 0 && example->features[n - 1].bucket == b)
        example->features[n - 1].value += scale;
      else
        example->features[n++] = (Feature) { b, scale };
    }
  example->n_features = n;
  return TRUE;
}

static void
logits (const Model   *model,
        const Example *example,
        double        *z)
{
  for (guint h = 0; h < LG_INTENT_N_HEADS; h++)
    z[h] = model->bias[h];
  for (guint i = 0; i < example->n_features; i++)
    {
      const double *w = &model->w[example->features[i].bucket * LG_INTENT_N_HEADS];

      for (guint h = 0; h < LG_INTENT_N_HEADS; h++)
        z[h] += w[h] * example->features[i].value;
    }
}

static double
sigmoid (double z)
{
  return 1.0 / (1.0 + exp (-z));
}

static void
model_init (Model *model)
{
  memset (model, 0, sizeof *model);
  model->w = g_new0 (double, LG_FEATURE_BUCKETS * LG_INTENT_N_HEADS);
  model->g2 = g_new0 (double, LG_FEATURE_BUCKETS * LG_INTENT_N_HEADS);
}

static void
model_clear (Model *model)
{
  g_clear_pointer (&model->w, g_free);
  g_clear_pointer (&model->g2, g_free);
}

/* Trains on the examples whose @fold is not @skip (-1: all of them). */
static void
train (Model         *model,
       const Example *examples,
       guint          n,
       const guint   *fold,
       int            skip)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autofree guint *order = g_new (guint, n);

  model_init (model);
  for (guint i = 0; i < n; i++)
    order[i] = i;

  for (guint epoch = 0; epoch < EPOCHS; epoch++)
    {
      for (guint i = n - 1; i > 0; i--)
        {
          guint j = g_rand_int_range (rand, 0, i + 1);
          guint t = order[i];

          order[i] = order[j];
          order[j] = t;
        }

      for (guint k = 0; k < n; k++)
        {
          const Example *ex = &examples[order[k]];
          double z[LG_INTENT_N_HEADS], g[LG_INTENT_N_HEADS];

          if (skip >= 0 && fold[order[k]] == (guint) skip)
            continue;
          logits (model, ex, z);
          for (guint h = 0; h < LG_INTENT_N_HEADS; h++)
            {
              g[h] = ex->teaches[h] ? ex->weight * (sigmoid (z[h]) - (ex->label[h] ? 1.0 : 0.0))
                                    : 0;
              model->bias_g2[h] += g[h] * g[h];
              model->bias[h] -= RATE * g[h] / sqrt (model->bias_g2[h] + 1e-8);
            }

          for (guint i = 0; i < ex->n_features; i++)
            {
              guint32 b = ex->features[i].bucket * LG_INTENT_N_HEADS;

              for (guint h = 0; h < LG_INTENT_N_HEADS; h++)
                {
                  double grad = g[h] * ex->features[i].value + L2 * model->w[b + h];

                  model->g2[b + h] += grad * grad;
                  model->w[b + h] -= RATE * grad / sqrt (model->g2[b + h] + 1e-8);
                }
            }
        }
    }
}

/* Scores the examples of fold @f with a model trained on the others. */
static void
oof_scores (const Example *ex,
            guint          n,
            const guint   *fold,
            guint          f,
            double        *oof)
{
  Model model;

  train (&model, ex, n, fold, f);
  for (guint i = 0; i < n; i++)
    if (fold[i] == f)
      logits (&model, &ex[i], &oof[i * LG_INTENT_N_HEADS]);
  model_clear (&model);
}

static double
platt_loss (const double   *z,
            const gboolean *labels,
            guint           n,
            double          t_pos,
            double          t_neg,
            double          a,
            double          b)
{
  double loss = 0;

  for (guint i = 0; i < n; i++)
    {
      double t = labels[i] ? t_pos : t_neg;
      double p = CLAMP (sigmoid (a * z[i] + b), 1e-15, 1 - 1e-15);

      loss -= t * log (p) + (1 - t) * log (1 - p);
    }
  return loss;
}

/* Platt scaling: p = sigmoid (a z + b), fitted by Newton's method on the
 * out-of-fold scores, with Platt's smoothed targets so that scores that
 * separate the labels perfectly still give a finite slope. */
static void
fit_platt (const double   *z,
           const gboolean *labels,
           guint           n,
           double         *a_out,
           double         *b_out)
{
  double a = 1.0, b = 0.0;
  guint n_pos = 0;
  double t_pos, t_neg;

  for (guint i = 0; i < n; i++)
    n_pos += labels[i] ? 1 : 0;
  t_pos = (n_pos + 1.0) / (n_pos + 2.0);
  t_neg = 1.0 / (n - n_pos + 2.0);

  for (guint iter = 0; iter < 100; iter++)
    {
      double ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9, det, da, db;
      double loss = platt_loss (z, labels, n, t_pos, t_neg, a, b), step = 1;

      for (guint i = 0; i < n; i++)
        {
          double p = sigmoid (a * z[i] + b);
          double d = p - (labels[i] ? t_pos : t_neg);
          double w = MAX (p * (1 - p), 1e-12);

          ga += d * z[i];
          gb += d;
          haa += w * z[i] * z[i];
          hab += w * z[i];
          hbb += w;
        }
      det = haa * hbb - hab * hab;
      if (fabs (det) < 1e-12)
        break;
      da = (hbb * ga - hab * gb) / det;
      db = (haa * gb - hab * ga) / det;
      /* Newton's step, halved until it lowers the loss (it can overshoot far
       * from the optimum). */
      while (step > 1e-8 &&
             platt_loss (z, labels, n, t_pos, t_neg, a - step * da, b - step * db) > loss)
        step /= 2;
      if (step <= 1e-8)
        break;
      a -= step * da;
      b -= step * db;
    }
  *a_out = a;
  *b_out = b;
}

static gboolean
write_model (const char   *path,
             const Model  *model,
             const double *platt_a,
             const double *platt_b,
             GError      **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) values = g_string_new (NULL);
  g_autofree char *checksum = NULL;
  guint n = 0;

  g_string_append (out,
                   "/* Generated by lg-train from src/scoring/corpus: do not edit. */\n\n"
                   "#include \"lg-intent-weights.h\"\n\n"
                   "const guint32 lg_intent_buckets[] = {\n");
  for (guint b = 0; b < LG_FEATURE_BUCKETS; b++)
    {
      const double *w = &model->w[b * LG_INTENT_N_HEADS];
      gboolean any = FALSE;

      for (guint h = 0; h < LG_INTENT_N_HEADS; h++)
        any |= (float) w[h] != 0.0f;
      if (!any)
        continue;
      g_string_append_printf (out, "%u,%s", b, ++n % 12 == 0 ? "\n" : "");
      for (guint h = 0; h < LG_INTENT_N_HEADS; h++)
        g_string_append_printf (values, "%af,", (double) (float) w[h]);
      if (n % 3 == 0)
        g_string_append_c (values, '\n');
    }
  g_string_append_printf (out,
                          "\n};\n\nconst float lg_intent_values[] = {\n%s\n};\n\n"
                          "const guint lg_intent_n_weights = %u;\n"
                          "const double lg_intent_bias[] = { %a, %a };\n"
                          "const double lg_intent_platt_a[] = { %a, %a };\n"
                          "const double lg_intent_platt_b[] = { %a, %a };\n",
                          values->str, n, model->bias[0], model->bias[1],
                          platt_a[0], platt_a[1], platt_b[0], platt_b[1]);
  /* What the model reads changes with any of the above: a store keeps the
   * readings of its messages with this id, to read them again after a new
   * model. */
  checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, out->str, out->len);
  g_string_append_printf (out, "const char lg_intent_model_id[] = \"%.16s\";\n", checksum);
  return g_file_set_contents (path, out->str, out->len, error);
}

static void
community_free (gpointer data)
{
  Community *c = data;

  g_free (c->name);
  g_free (c->language);
  g_free (c);
}

/* The train communities of SPLIT.tsv: name -> Community, in @order. */
static GHashTable *
read_split (const char  *path,
            GPtrArray   *order,
            GError     **error)
{
  g_autoptr(GPtrArray) records = lg_corpus_read (path, 4, error);
  g_autoptr(GHashTable) train = NULL;

  if (records == NULL)
    return NULL;
  train = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint r = 0; r < records->len; r++)
    {
      char **fields = g_ptr_array_index (records, r);
      Community *c;

      if (!g_str_equal (fields[2], "train"))
        continue;
      c = g_new0 (Community, 1);
      c->name = g_strdup (fields[0]);
      c->language = g_strdup (fields[1]);
      c->real = g_str_equal (fields[3], "real");
      g_ptr_array_add (order, c);
      g_hash_table_insert (train, c->name, GUINT_TO_POINTER (order->len));
    }
  return g_steal_pointer (&train);
}

static gboolean
read_corpus (const char  *path,
             LgTokenizer *tokenizer,
             GHashTable  *train,
             GPtrArray   *communities,
             GArray      *examples,
             GError     **error)
{
  g_autoptr(GPtrArray) records = lg_corpus_read (path, 4, error);

  if (records == NULL)
    return FALSE;
  for (guint r = 0; r < records->len; r++)
    {
      char **fields = g_ptr_array_index (records, r);
      guint index = GPOINTER_TO_UINT (g_hash_table_lookup (train, fields[1]));
      Community *c;
      Example ex = { 0 };

      if (g_str_equal (fields[0], "label") || index == 0)
        continue;
      c = g_ptr_array_index (communities, index - 1);
      ex.label[LG_INTENT_BUYER] = g_str_equal (fields[0], "buyer");
      ex.label[LG_INTENT_SELLER] = g_str_equal (fields[0], "seller");
      if (!ex.label[0] && !ex.label[1] && !g_str_equal (fields[0], "neither"))
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                       "%s: record %u: the label must be buyer, seller or neither",
                       path, r + 1);
          return FALSE;
        }
      ex.community = index - 1;
      if (!make_example (tokenizer, fields[3], &ex, error))
        {
          g_prefix_error (error, "%s: record %u: ", path, r + 1);
          return FALSE;
        }
      c->n_examples++;
      for (guint h = 0; h < LG_INTENT_N_HEADS; h++)
        c->n_label[h] += ex.label[h];
      g_array_append_val (examples, ex);
    }
  return TRUE;
}

/* The AUC of head @h over the examples of @community (-1: all of them), or of
 * the real communities in @language when that is not NULL. */
static double
auc_of (const Example *examples,
        const double  *oof,
        guint          n,
        guint          h,
        int            community,
        GPtrArray     *communities,
        const char    *language)
{
  g_autofree double *scores = g_new (double, n);
  g_autofree gboolean *labels = g_new (gboolean, n);
  guint m = 0;

  for (guint i = 0; i < n; i++)
    {
      const Community *c = g_ptr_array_index (communities, examples[i].community);

      if (community >= 0 ? examples[i].community != (guint) community :
          language != NULL && (!c->real || !g_str_equal (c->language, language)))
        continue;
      scores[m] = oof[i * LG_INTENT_N_HEADS + h];
      labels[m++] = examples[i].label[h];
    }
  return lg_corpus_auc (scores, labels, m);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgTokenizer) tokenizer = NULL;
  g_autoptr(GArray) examples = g_array_new (FALSE, FALSE, sizeof (Example));
  g_autoptr(GPtrArray) communities = g_ptr_array_new_with_free_func (community_free);
  g_autoptr(GHashTable) train_set = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  g_autofree double *oof = NULL;
  g_autofree guint *fold = NULL;
  g_autofree double *z = NULL;
  g_autofree gboolean *labels = NULL;
  double platt_a[LG_INTENT_N_HEADS], platt_b[LG_INTENT_N_HEADS];
  const Example *ex;
  guint n;
  Model model;

  if (argc < 5)
    {
      g_printerr ("Usage: %s OUTPUT.c REPORT.txt SPLIT.tsv CORPUS.tsv...\n", argv[0]);
      return 2;
    }

  tokenizer = lg_tokenizer_new ();
  train_set = read_split (argv[3], communities, &error);
  for (int i = 4; train_set != NULL && i < argc && error == NULL; i++)
    read_corpus (argv[i], tokenizer, train_set, communities, examples, &error);
  if (error != NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  n = examples->len;
  ex = (const Example *) (gpointer) examples->data;

  /* Each community counts about as much as the others, whatever its size: a
   * big one would otherwise teach its own trade's words. */
  for (guint i = 0; i < n; i++)
    {
      const Community *c = g_ptr_array_index (communities, ex[i].community);

      Example *e = &g_array_index (examples, Example, i);

      e->weight = (float) CLAMP (sqrt ((double) n / communities->len / c->n_examples), 0.25, 4.0);
      /* A community teaches a head only where it holds both sides of it: one of
       * job posts alone would teach that its style is a buyer's. */
      for (guint h = 0; h < LG_INTENT_N_HEADS; h++)
        e->teaches[h] = c->n_label[h] > 0 && c->n_label[h] < c->n_examples;
    }

  /* Leave one community out: the scores a community would get from a model
   * that never saw it. Reported, not used: with few communities, or some that
   * hold one label only, it says more about the communities than the model. */
  oof = g_new0 (double, n * LG_INTENT_N_HEADS);
  fold = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    fold[i] = ex[i].community;
  for (guint c = 0; c < communities->len; c++)
    oof_scores (ex, n, fold, c, oof);

  g_string_append_printf (report, "%-28s %-4s %7s %7s %7s %8s %8s\n", "community (left out)",
                          "lang", "posts", "buyers", "sellers", "AUC buy", "AUC sell");
  for (guint c = 0; c < communities->len; c++)
    {
      const Community *com = g_ptr_array_index (communities, c);

      g_string_append_printf (report, "%-28s %-4s %7u %7u %7u %8.3f %8.3f\n", com->name,
                              com->language, com->n_examples, com->n_label[0], com->n_label[1],
                              auc_of (ex, oof, n, LG_INTENT_BUYER, c, communities, NULL),
                              auc_of (ex, oof, n, LG_INTENT_SELLER, c, communities, NULL));
    }
  /* Pooled over the real communities of a language, each scored by a model
   * that never saw it: how the model does on a community it has not met. */
  for (guint c = 0; c < communities->len; c++)
    {
      const Community *com = g_ptr_array_index (communities, c);
      gboolean first = TRUE;

      for (guint d = 0; d < c; d++)
        first &= !g_str_equal (((Community *) g_ptr_array_index (communities, d))->language,
                               com->language);
      if (first)
        g_string_append_printf (report, "%-28s %-4s %7s %7s %7s %8.3f %8.3f\n",
                                "real posts, pooled", com->language, "", "", "",
                                auc_of (ex, oof, n, LG_INTENT_BUYER, -1, communities,
                                        com->language),
                                auc_of (ex, oof, n, LG_INTENT_SELLER, -1, communities,
                                        com->language));
    }

  /* The calibration: out-of-fold scores from folds by a seeded shuffle, over
   * the examples that teach each head. */
  {
    g_autoptr(GRand) rand = g_rand_new_with_seed (SEED + 1);

    for (guint i = 0; i < n; i++)
      fold[i] = g_rand_int_range (rand, 0, FOLDS);
  }
  for (guint f = 0; f < FOLDS; f++)
    oof_scores (ex, n, fold, f, oof);

  z = g_new (double, n);
  labels = g_new (gboolean, n);
  for (guint h = 0; h < LG_INTENT_N_HEADS; h++)
    {
      double loss = 0;
      guint m = 0;

      for (guint i = 0; i < n; i++)
        if (ex[i].teaches[h])
          {
            z[m] = oof[i * LG_INTENT_N_HEADS + h];
            labels[m++] = ex[i].label[h];
          }
      fit_platt (z, labels, m, &platt_a[h], &platt_b[h]);
      for (guint i = 0; i < m; i++)
        {
          double p = sigmoid (platt_a[h] * z[i] + platt_b[h]);

          loss -= labels[i] ? log (MAX (p, 1e-12)) : log (MAX (1 - p, 1e-12));
        }
      g_string_append_printf (report,
                              "%s head: %u posts teach it; %d-fold cross-validated ROC AUC %.4f, "
                              "log loss (calibrated) %.4f, Platt a=%.4f b=%.4f\n",
                              head_names[h], m, FOLDS, lg_corpus_auc (z, labels, m), loss / MAX (m, 1),
                              platt_a[h], platt_b[h]);
    }
  g_string_append_printf (report, "posts: %u in %u train communities\n", n, communities->len);

  train (&model, ex, n, fold, -1);
  if (!write_model (argv[1], &model, platt_a, platt_b, &error) ||
      !g_file_set_contents (argv[2], report->str, report->len, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  model_clear (&model);
  for (guint i = 0; i < n; i++)
    g_free (g_array_index (examples, Example, i).features);
  return 0;
}
