/* lg-train.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Trains the intent model at build time:
 *
 *   lg-train OUTPUT.c REPORT.txt CORPUS.tsv...
 *
 * Logistic regression (AdaGrad, L2) over the features of lg-features.c, read from
 * the labelled corpus. Five-fold cross-validation gives out-of-fold scores, which
 * fit the Platt calibration and are reported (ROC AUC, log loss); then the model
 * is trained on the whole corpus and written as C source. Everything is
 * deterministic: a fixed seed, a fixed order, no clock, no threads, so two runs
 * write byte-identical files.
 */

#define G_LOG_DOMAIN "lg-train"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "lg-corpus.h"
#include "lg-features.h"
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
  gboolean label;
  guint    n_features;
  Feature *features;
} Example;

typedef struct
{
  double *w;
  double *g2;  /* AdaGrad's sum of squared gradients */
  double  bias;
  double  bias_g2;
} Model;

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
              gboolean     label,
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
  example->label = label;
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

static double
logit (const Model   *model,
       const Example *example)
{
  double z = model->bias;

  for (guint i = 0; i < example->n_features; i++)
    z += model->w[example->features[i].bucket] * example->features[i].value;
  return z;
}

static double
sigmoid (double z)
{
  return 1.0 / (1.0 + exp (-z));
}

static void
model_init (Model *model)
{
  model->w = g_new0 (double, LG_FEATURE_BUCKETS);
  model->g2 = g_new0 (double, LG_FEATURE_BUCKETS);
  model->bias = 0;
  model->bias_g2 = 0;
}

static void
model_clear (Model *model)
{
  g_clear_pointer (&model->w, g_free);
  g_clear_pointer (&model->g2, g_free);
}

/* Trains on the examples whose index is not in fold @skip (-1: all of them). */
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
          double g;

          if (skip >= 0 && fold[order[k]] == (guint) skip)
            continue;
          g = sigmoid (logit (model, ex)) - (ex->label ? 1.0 : 0.0);

          for (guint i = 0; i < ex->n_features; i++)
            {
              guint32 b = ex->features[i].bucket;
              double grad = g * ex->features[i].value + L2 * model->w[b];

              model->g2[b] += grad * grad;
              model->w[b] -= RATE * grad / sqrt (model->g2[b] + 1e-8);
            }
          model->bias_g2 += g * g;
          model->bias -= RATE * g / sqrt (model->bias_g2 + 1e-8);
        }
    }
}

/* Platt scaling: p = sigmoid (a z + b), fitted by Newton's method on the
 * out-of-fold scores. */
static void
fit_platt (const double   *z,
           const gboolean *labels,
           guint           n,
           double         *a_out,
           double         *b_out)
{
  double a = 1.0, b = 0.0;

  for (guint iter = 0; iter < 50; iter++)
    {
      double ga = 0, gb = 0, haa = 1e-9, hab = 0, hbb = 1e-9, det;

      for (guint i = 0; i < n; i++)
        {
          double p = sigmoid (a * z[i] + b);
          double d = p - (labels[i] ? 1.0 : 0.0);
          double w = p * (1 - p);

          ga += d * z[i];
          gb += d;
          haa += w * z[i] * z[i];
          hab += w * z[i];
          hbb += w;
        }
      det = haa * hbb - hab * hab;
      if (fabs (det) < 1e-12)
        break;
      a -= (hbb * ga - hab * gb) / det;
      b -= (haa * gb - hab * ga) / det;
    }
  *a_out = a;
  *b_out = b;
}

static gboolean
write_model (const char  *path,
             const Model *model,
             double       platt_a,
             double       platt_b,
             GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint n = 0;

  g_string_append (out,
                   "/* Generated by lg-train from src/scoring/corpus: do not edit. */\n\n"
                   "#include \"lg-intent-weights.h\"\n\n"
                   "const guint32 lg_intent_buckets[] = {\n");
  for (guint b = 0; b < LG_FEATURE_BUCKETS; b++)
    if ((float) model->w[b] != 0.0f)
      {
        g_string_append_printf (out, "%u,%s", b, ++n % 12 == 0 ? "\n" : "");
      }
  g_string_append (out, "\n};\n\nconst float lg_intent_values[] = {\n");
  n = 0;
  for (guint b = 0; b < LG_FEATURE_BUCKETS; b++)
    if ((float) model->w[b] != 0.0f)
      g_string_append_printf (out, "%af,%s", (double) (float) model->w[b],
                              ++n % 6 == 0 ? "\n" : "");
  g_string_append_printf (out,
                          "\n};\n\n"
                          "const guint lg_intent_n_weights = %u;\n"
                          "const double lg_intent_bias = %a;\n"
                          "const double lg_intent_platt_a = %a;\n"
                          "const double lg_intent_platt_b = %a;\n",
                          n, model->bias, platt_a, platt_b);
  return g_file_set_contents (path, out->str, out->len, error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LgTokenizer) tokenizer = NULL;
  g_autoptr(GArray) examples = g_array_new (FALSE, FALSE, sizeof (Example));
  g_autoptr(GString) report = g_string_new (NULL);
  g_autofree guint *fold = NULL;
  g_autofree double *oof = NULL;
  g_autofree gboolean *labels = NULL;
  guint n_pos = 0;
  double platt_a, platt_b, loss = 0;
  Model model;

  if (argc < 4)
    {
      g_printerr ("Usage: %s OUTPUT.c REPORT.txt CORPUS.tsv...\n", argv[0]);
      return 2;
    }

  tokenizer = lg_tokenizer_new ();
  for (int i = 3; i < argc; i++)
    {
      g_autoptr(GPtrArray) records = lg_corpus_read (argv[i], 3, &error);
      g_autofree char *name = g_path_get_basename (argv[i]);
      guint before = examples->len;

      if (records == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      for (guint r = 0; r < records->len; r++)
        {
          char **fields = g_ptr_array_index (records, r);
          Example ex;

          if (!g_str_equal (fields[0], "0") && !g_str_equal (fields[0], "1"))
            {
              g_printerr ("%s: record %u: the label must be 0 or 1\n", argv[i], r + 1);
              return 1;
            }
          if (!make_example (tokenizer, fields[2], fields[0][0] == '1', &ex, &error))
            {
              g_printerr ("%s: record %u: %s\n", argv[i], r + 1, error->message);
              return 1;
            }
          n_pos += ex.label ? 1 : 0;
          g_array_append_val (examples, ex);
        }
      g_string_append_printf (report, "%s: %u messages\n", name, examples->len - before);
    }

  /* Folds by a seeded shuffle, so each fold mixes files and languages. */
  {
    g_autoptr(GRand) rand = g_rand_new_with_seed (SEED + 1);

    fold = g_new (guint, examples->len);
    for (guint i = 0; i < examples->len; i++)
      fold[i] = g_rand_int_range (rand, 0, FOLDS);
  }

  oof = g_new0 (double, examples->len);
  labels = g_new0 (gboolean, examples->len);
  for (guint f = 0; f < FOLDS; f++)
    {
      train (&model, (Example *) (gpointer) examples->data, examples->len, fold, f);
      for (guint i = 0; i < examples->len; i++)
        if (fold[i] == f)
          oof[i] = logit (&model, &g_array_index (examples, Example, i));
      model_clear (&model);
    }
  for (guint i = 0; i < examples->len; i++)
    labels[i] = g_array_index (examples, Example, i).label;
  fit_platt (oof, labels, examples->len, &platt_a, &platt_b);
  for (guint i = 0; i < examples->len; i++)
    {
      double p = sigmoid (platt_a * oof[i] + platt_b);

      loss -= labels[i] ? log (MAX (p, 1e-12)) : log (MAX (1 - p, 1e-12));
    }

  g_string_append_printf (report,
                          "messages: %u (%u wanting to buy)\n"
                          "%d-fold cross-validated ROC AUC: %.4f\n"
                          "cross-validated log loss (calibrated): %.4f\n"
                          "Platt calibration: a=%.4f b=%.4f\n",
                          examples->len, n_pos, FOLDS,
                          lg_corpus_auc (oof, labels, examples->len),
                          loss / examples->len, platt_a, platt_b);

  train (&model, (Example *) (gpointer) examples->data, examples->len, fold, -1);
  if (!write_model (argv[1], &model, platt_a, platt_b, &error) ||
      !g_file_set_contents (argv[2], report->str, report->len, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  model_clear (&model);
  for (guint i = 0; i < examples->len; i++)
    g_free (g_array_index (examples, Example, i).features);
  return 0;
}
