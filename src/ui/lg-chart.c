/* lg-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every kind of chart shares the canvas helpers here (palette, text, value
 * axes, legend, hit regions for tooltips and clicks); each kind only lays out
 * its marks. While drawing, each mark records a hit region with its tooltip
 * text and source, so hovering and clicking need no second layout pass.
 *
 * Over a thousand lines: five kinds of chart, each small, on shared helpers
 * that would otherwise need a private header of their own.
 */

#define G_LOG_DOMAIN "lg-chart"

#include "config.h"

/* PRId64, not G_GINT64_FORMAT, in translatable strings: xgettext knows it. */
#include <inttypes.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "lg-chart.h"
#include "lg-date-format.h"
#include "lg-format.h"
#include "lg-metrics-export.h"
#include "lg-metrics-format.h"
#include "lg-metrics-row.h"
#include "lg-pipeline.h"

typedef struct
{
  graphene_rect_t  rect;
  char            *tooltip;
  gint64           source_id; /* > 0: a click filters the pipeline to it */
} HitRegion;

/* A kind of chart, from the table below its drawings. */
typedef struct _ChartKind ChartKind;

struct _LgChart
{
  GtkWidget        parent_instance;

  const ChartKind *kind;
  LgMetricsReport *report;
  GArray          *regions; /* HitRegion, from the last drawing */
};

G_DEFINE_FINAL_TYPE (LgChart, lg_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_KIND,
  PROP_REPORT,
  N_PROPS
};

enum {
  SOURCE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The GNOME palette: shade 3 on light backgrounds, shade 2 (lighter) on dark. */
static const char *palette[][2] = {
  { "#3584e4", "#62a0ea" }, /* blue */
  { "#2ec27e", "#57e389" }, /* green */
  { "#ff7800", "#ffa348" }, /* orange */
  { "#9141ac", "#c061cb" }, /* purple */
  { "#e01b24", "#f66151" }, /* red */
  { "#986a44", "#b5835a" }, /* brown */
  { "#f5c211", "#f8e45c" }, /* yellow */
};

#define COLOR_BLUE 0
#define COLOR_GREEN 1
#define COLOR_ORANGE 2

#define PAD 8.0

/* What one drawing needs. */
typedef struct
{
  LgChart         *self;
  cairo_t         *cr;
  double           width;
  double           height;
  GdkRGBA          fg;
  gboolean         dark;
  graphene_rect_t  plot;
} Canvas;

static void
set_color (Canvas  *c,
           guint    index,
           double   alpha)
{
  GdkRGBA rgba;

  gdk_rgba_parse (&rgba, palette[index % G_N_ELEMENTS (palette)][c->dark ? 1 : 0]);
  cairo_set_source_rgba (c->cr, rgba.red, rgba.green, rgba.blue, alpha);
}

static void
set_fg (Canvas *c,
        double  alpha)
{
  cairo_set_source_rgba (c->cr, c->fg.red, c->fg.green, c->fg.blue, c->fg.alpha * alpha);
}

static PangoLayout *
make_layout (Canvas     *c,
             const char *text,
             gboolean    small)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (c->self), text);

  if (small)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  return layout;
}

static double
text_width (Canvas     *c,
            const char *text)
{
  g_autoptr(PangoLayout) layout = make_layout (c, text, TRUE);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  return w;
}

static double
line_height (Canvas *c)
{
  g_autoptr(PangoLayout) layout = make_layout (c, "0", TRUE);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  return h;
}

/* Small text, anchored by xalign/yalign (0 = left/top, 1 = right/bottom). */
static void
draw_text (Canvas     *c,
           const char *text,
           double      x,
           double      y,
           double      xalign,
           double      yalign,
           double      alpha)
{
  g_autoptr(PangoLayout) layout = make_layout (c, text, TRUE);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  set_fg (c, alpha);
  cairo_move_to (c->cr, x - xalign * w, y - yalign * h);
  pango_cairo_show_layout (c->cr, layout);
}

static void
draw_message (Canvas     *c,
              const char *text)
{
  draw_text (c, text, c->width / 2, c->height / 2, 0.5, 0.5, 0.6);
}

static void
add_region (Canvas     *c,
            double      x,
            double      y,
            double      w,
            double      h,
            gint64      source_id,
            const char *format,
            ...) G_GNUC_PRINTF (7, 8);

static void
add_region (Canvas     *c,
            double      x,
            double      y,
            double      w,
            double      h,
            gint64      source_id,
            const char *format,
            ...)
{
  HitRegion region;
  va_list args;

  /* Thin marks stay easy to hover. */
  if (w < 6)
    x -= (6 - w) / 2, w = 6;
  if (h < 6)
    y -= (6 - h) / 2, h = 6;

  va_start (args, format);
  region.tooltip = g_strdup_vprintf (format, args);
  va_end (args);
  graphene_rect_init (&region.rect, x, y, w, h);
  region.source_id = source_id;
  g_array_append_val (c->self->regions, region);
}

/* A round step so that about `target` ticks span max: 1, 2 or 5 × 10^k. */
static double
nice_step (double max,
           int    target,
           double minimum)
{
  double raw = MAX (max / target, minimum);
  double magnitude = pow (10, floor (log10 (raw)));
  double fraction = raw / magnitude;

  if (fraction <= 1)
    return magnitude;
  if (fraction <= 2)
    return 2 * magnitude;
  if (fraction <= 5)
    return 5 * magnitude;
  return 10 * magnitude;
}

static char *
format_tick (double      value,
             LgUnit      unit,
             const char *currency)
{
  if (unit == LG_UNIT_PERCENT)
    return g_strdup_printf ("%.0f%%", value);
  if (unit == LG_UNIT_MONEY)
    {
      g_autofree char *money = lg_format_money (round (value / 100) * 100, currency);
      char *cents = strstr (money, ".00");

      /* Whole amounts on an axis: "$120", not "$120.00". */
      if (cents != NULL)
        memmove (cents, cents + 3, strlen (cents + 3) + 1);
      return g_steal_pointer (&money);
    }
  return g_strdup_printf ("%.0f", value);
}

/* A vertical value axis at the left of c->plot: grid lines and labels. Narrows
 * the plot to leave room for the labels; returns the value at the top. */
static double
draw_y_axis (Canvas     *c,
             double      max,
             LgUnit      unit,
             const char *currency,
             double      minimum_step)
{
  double step = nice_step (MAX (max, minimum_step), 4, minimum_step);
  double top = ceil (MAX (max, minimum_step) / step) * step;
  double label_w = 0;

  for (double v = 0; v <= top + step / 2; v += step)
    {
      g_autofree char *label = format_tick (v, unit, currency);

      label_w = MAX (label_w, text_width (c, label));
    }

  c->plot.origin.x += label_w + PAD;
  c->plot.size.width -= label_w + PAD;

  for (double v = 0; v <= top + step / 2; v += step)
    {
      g_autofree char *label = format_tick (v, unit, currency);
      double y = c->plot.origin.y + c->plot.size.height * (1 - v / top);

      set_fg (c, v == 0 ? 0.35 : 0.12);
      cairo_set_line_width (c->cr, 1);
      cairo_move_to (c->cr, c->plot.origin.x, round (y) + 0.5);
      cairo_line_to (c->cr, c->plot.origin.x + c->plot.size.width, round (y) + 0.5);
      cairo_stroke (c->cr);
      draw_text (c, label, c->plot.origin.x - PAD / 2, y, 1, 0.5, 0.7);
    }
  return top;
}

/* The same for a horizontal value axis along the bottom of c->plot. */
static double
draw_x_axis (Canvas     *c,
             double      max,
             LgUnit      unit,
             const char *currency)
{
  double step = nice_step (max, 4, unit == LG_UNIT_MONEY ? 100 : 1);
  double top = ceil (max / step) * step;
  double bottom = c->plot.origin.y + c->plot.size.height;
  g_autofree char *last = format_tick (top, unit, currency);

  /* Room for the last label, centred on the right edge. */
  c->plot.size.width -= text_width (c, last) / 2;

  for (double v = 0; v <= top + step / 2; v += step)
    {
      g_autofree char *label = format_tick (v, unit, currency);
      double x = c->plot.origin.x + c->plot.size.width * v / top;

      set_fg (c, v == 0 ? 0.35 : 0.12);
      cairo_set_line_width (c->cr, 1);
      cairo_move_to (c->cr, round (x) + 0.5, c->plot.origin.y);
      cairo_line_to (c->cr, round (x) + 0.5, bottom);
      cairo_stroke (c->cr);
      draw_text (c, label, x, bottom + 2, 0.5, 0, 0.7);
    }
  return top;
}

/* Colour swatches and names in rows along the top; shrinks the plot. */
static void
draw_legend (Canvas        *c,
             const char   **names,
             const gint64  *colors,
             guint          n)
{
  double lh = line_height (c);
  double x = c->plot.origin.x, y = c->plot.origin.y;

  for (guint i = 0; i < n; i++)
    {
      double w = lh + 4 + text_width (c, names[i]) + 2 * PAD;

      if (x + w > c->plot.origin.x + c->plot.size.width && x > c->plot.origin.x)
        {
          x = c->plot.origin.x;
          y += lh + 4;
        }
      set_color (c, colors[i], 1);
      cairo_rectangle (c->cr, x, y + lh * 0.2, lh * 0.6, lh * 0.6);
      cairo_fill (c->cr);
      draw_text (c, names[i], x + lh * 0.6 + 4, y, 0, 0, 0.9);
      x += w;
    }

  y += lh + PAD;
  c->plot.size.height -= y - c->plot.origin.y;
  c->plot.origin.y = y;
}

/* Days as every view writes them ("9 Sep"; the year only outside this
 * one); a month alone by its standalone name (%Ob: Russian "сент.", not
 * the genitive of a date). */
static char *
bin_label (LgMetricsReport    *report,
           const LgMetricsBin *bin,
           gboolean            long_form)
{
  g_autoptr(GDateTime) t = g_date_time_new_from_unix_local (bin->start);
  g_autofree char *day = NULL;
  g_autofree char *weekday = NULL;

  if (report->bin_size == LG_BIN_MONTH)
    return g_date_time_format (t, "%Ob %Y");

  day = lg_format_short_date (bin->start, g_get_real_time () / G_USEC_PER_SEC, NULL);
  if (!long_form)
    return g_steal_pointer (&day);
  if (report->bin_size == LG_BIN_WEEK)
    return g_strdup_printf (_("Week of %s"), day);
  weekday = g_date_time_format (t, "%a");
  return g_strdup_printf ("%s %s", weekday, day);
}

/* Labels under evenly spaced slots, every k-th one so they never overlap. */
static void
draw_bin_labels (Canvas *c)
{
  LgMetricsReport *report = c->self->report;
  guint n = report->bins->len;
  double slot = c->plot.size.width / n;
  double widest = 0;
  guint every;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = bin_label (report, &g_array_index (report->bins, LgMetricsBin, i),
                                          FALSE);

      widest = MAX (widest, text_width (c, label));
    }
  every = MAX (1, (guint) ceil ((widest + PAD) / slot));

  for (guint i = 0; i < n; i += every)
    {
      g_autofree char *label = bin_label (report, &g_array_index (report->bins, LgMetricsBin, i),
                                          FALSE);

      draw_text (c, label, c->plot.origin.x + slot * (i + 0.5),
                 c->plot.origin.y + c->plot.size.height + 2, 0.5, 0, 0.7);
    }
}

/* The kinds */

static void
draw_leads_over_time (Canvas *c)
{
  LgMetricsReport *report = c->self->report;
  guint n_sources = g_list_model_get_n_items (report->sources);
  g_autofree const char **names = g_new0 (const char *, n_sources + 1);
  g_autofree gint64 *ids = g_new0 (gint64, n_sources + 1);
  guint n = report->bins->len;
  double max = 0, top, slot;

  for (guint s = 0; s < n_sources; s++)
    {
      g_autoptr(LgMetricsRow) row = g_list_model_get_item (report->sources, s);

      names[s] = lg_metrics_row_get_title (row);
      ids[s] = lg_metrics_row_get_source_id (row);
    }
  for (guint i = 0; i < n; i++)
    max = MAX (max, g_array_index (report->bins, LgMetricsBin, i).leads);

  /* A source keeps its colour from one period to the next: the colour
   * follows its id, not its rank (which changes with the period). */
  draw_legend (c, names, ids, n_sources);
  c->plot.size.height -= line_height (c) + 2;
  top = draw_y_axis (c, max, LG_UNIT_COUNT, NULL, 1);
  slot = c->plot.size.width / n;

  for (guint i = 0; i < n; i++)
    {
      LgMetricsBin *bin = &g_array_index (report->bins, LgMetricsBin, i);
      g_autofree char *label = bin_label (report, bin, TRUE);
      double x = c->plot.origin.x + slot * 0.15 + slot * i;
      double y = c->plot.origin.y + c->plot.size.height;

      for (guint s = 0; s < n_sources; s++)
        {
          double h = c->plot.size.height * bin->by_source[s] / top;

          if (bin->by_source[s] == 0)
            continue;
          y -= h;
          set_color (c, ids[s], 1);
          cairo_rectangle (c->cr, x, y, slot * 0.7, h);
          cairo_fill (c->cr);
          add_region (c, x, y, slot * 0.7, h, ids[s],
                      ngettext ("%s: %" PRId64 " lead from %s, of %" PRId64,
                                "%s: %" PRId64 " leads from %s, of %" PRId64,
                                bin->by_source[s]),
                      label, bin->by_source[s], names[s], bin->leads);
        }
    }
  draw_bin_labels (c);
}

static void
draw_conversion_over_time (Canvas *c)
{
  LgMetricsReport *report = c->self->report;
  guint n = report->bins->len;
  double max = 0, top, slot;
  gboolean drawing = FALSE;

  for (guint i = 0; i < n; i++)
    {
      LgMetricsBin *bin = &g_array_index (report->bins, LgMetricsBin, i);

      if (bin->conversion.known)
        max = MAX (max, bin->conversion.value);
    }

  c->plot.size.height -= line_height (c) + 2;
  top = draw_y_axis (c, MIN (max, 100), LG_UNIT_PERCENT, NULL, 5);
  slot = c->plot.size.width / n;

  /* The line breaks where a bin has no leads: no rate there, not 0%. */
  set_color (c, COLOR_GREEN, 1);
  cairo_set_line_width (c->cr, 2);
  for (guint i = 0; i < n; i++)
    {
      LgMetricsBin *bin = &g_array_index (report->bins, LgMetricsBin, i);
      double x = c->plot.origin.x + slot * (i + 0.5);
      double y;

      if (!bin->conversion.known)
        {
          drawing = FALSE;
          continue;
        }
      y = c->plot.origin.y + c->plot.size.height * (1 - bin->conversion.value / top);
      if (drawing)
        cairo_line_to (c->cr, x, y);
      else
        cairo_move_to (c->cr, x, y);
      drawing = TRUE;
    }
  cairo_stroke (c->cr);

  for (guint i = 0; i < n; i++)
    {
      LgMetricsBin *bin = &g_array_index (report->bins, LgMetricsBin, i);
      g_autofree char *label = bin_label (report, bin, TRUE);
      double x = c->plot.origin.x + slot * (i + 0.5);
      double y;

      if (!bin->conversion.known)
        continue;
      y = c->plot.origin.y + c->plot.size.height * (1 - bin->conversion.value / top);
      cairo_arc (c->cr, x, y, 3, 0, 2 * G_PI);
      cairo_fill (c->cr);
      add_region (c, x - MAX (slot / 2, 4), y - 8, MAX (slot, 8), 16, 0,
                  _("%s: %" PRId64 " of %" PRId64 " leads reached Won (%.1f%%)"),
                  label, bin->reached_won, bin->leads, bin->conversion.value);
    }
  draw_bin_labels (c);
}

/* Horizontal bars with a label column on the left; shared by the funnel and
 * CPL by source. */
static double
reserve_label_column (Canvas      *c,
                      const char **labels,
                      guint        n)
{
  double w = 0;

  for (guint i = 0; i < n; i++)
    w = MAX (w, text_width (c, labels[i]));
  w = MIN (w, c->plot.size.width * 0.4);
  c->plot.origin.x += w + PAD;
  c->plot.size.width -= w + PAD;
  return w;
}

static void
draw_funnel (Canvas *c)
{
  LgMetricsReport *report = c->self->report;
  const char *labels[LG_FUNNEL_N_STEPS] = {
    _("All leads"), _("Warm or further"), _("Hot or further"), _("Won"),
  };
  static const guint colors[LG_FUNNEL_N_STEPS] = { COLOR_BLUE, COLOR_BLUE, COLOR_BLUE, COLOR_GREEN };
  static const double alphas[LG_FUNNEL_N_STEPS] = { 0.45, 0.65, 0.85, 1.0 };
  double row_h;

  reserve_label_column (c, labels, LG_FUNNEL_N_STEPS);
  row_h = c->plot.size.height / LG_FUNNEL_N_STEPS;

  for (guint i = 0; i < LG_FUNNEL_N_STEPS; i++)
    {
      gint64 count = report->funnel[i];
      LgFigure of_all = lg_figure_ratio (count, report->funnel[0], 100);
      LgFigure of_step = lg_figure_ratio (count, report->funnel[i > 0 ? i - 1 : 0], 100);
      double w = of_all.known ? c->plot.size.width * 0.8 * of_all.value / 100 : 0;
      double y = c->plot.origin.y + row_h * i;
      double x = c->plot.origin.x + (c->plot.size.width * 0.8 - w) / 2;
      g_autofree char *value = g_strdup_printf ("%" PRId64 " · %.0f%%", count,
                                                of_all.known ? of_all.value : 0);

      draw_text (c, labels[i], c->plot.origin.x - PAD, y + row_h / 2, 1, 0.5, 0.9);
      set_color (c, colors[i], alphas[i]);
      cairo_rectangle (c->cr, x, y + row_h * 0.15, MAX (w, 1), row_h * 0.7);
      cairo_fill (c->cr);
      draw_text (c, value, c->plot.origin.x + c->plot.size.width * 0.8 + PAD, y + row_h / 2,
                 0, 0.5, 0.9);
      add_region (c, x, y + row_h * 0.15, w, row_h * 0.7, 0,
                  _("%s: %" PRId64 " leads, %.1f%% of all leads, %.1f%% of the step "
                    "before"),
                  labels[i], count, of_all.known ? of_all.value : 0,
                  of_step.known ? of_step.value : 0);
    }
}

static void
draw_cpl_by_source (Canvas *c)
{
  LgMetricsReport *report = c->self->report;
  guint n_sources = g_list_model_get_n_items (report->sources);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree const char **labels = NULL;
  double max = 0, top, row_h;

  for (guint s = 0; s < n_sources; s++)
    {
      LgMetricsRow *row = g_list_model_get_item (report->sources, s);

      if (lg_metrics_row_get_figures (row)->cpl.known)
        g_ptr_array_add (rows, row);
      else
        g_object_unref (row);
    }
  if (rows->len == 0)
    {
      draw_message (c, _("No source has both a cost and leads in this period"));
      return;
    }

  labels = g_new0 (const char *, rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      LgMetricsRow *row = g_ptr_array_index (rows, i);

      labels[i] = lg_metrics_row_get_title (row);
      max = MAX (max, lg_metrics_row_get_figures (row)->cpl.value);
    }

  reserve_label_column (c, labels, rows->len);
  c->plot.size.height -= line_height (c) + 2;
  top = draw_x_axis (c, MAX (max, 100), LG_UNIT_MONEY, report->currency);
  row_h = MIN (c->plot.size.height / rows->len, 36);

  for (guint i = 0; i < rows->len; i++)
    {
      LgMetricsRow *row = g_ptr_array_index (rows, i);
      const LgMetricsFigures *f = lg_metrics_row_get_figures (row);
      double w = c->plot.size.width * f->cpl.value / top;
      double y = c->plot.origin.y + row_h * i;
      g_autofree char *cpl = lg_format_money (f->cpl.value, report->currency);
      g_autofree char *cost = lg_format_figure (f->cost, LG_UNIT_MONEY, report->currency);

      draw_text (c, labels[i], c->plot.origin.x - PAD, y + row_h / 2, 1, 0.5, 0.9);
      set_color (c, COLOR_ORANGE, 1);
      cairo_rectangle (c->cr, c->plot.origin.x, y + row_h * 0.2, w, row_h * 0.6);
      cairo_fill (c->cr);
      add_region (c, c->plot.origin.x, y + row_h * 0.2, w, row_h * 0.6,
                  lg_metrics_row_get_source_id (row),
                  ngettext ("%s: %s per lead (%s for %" PRId64 " lead)",
                            "%s: %s per lead (%s for %" PRId64 " leads)", f->leads),
                  labels[i], cpl, cost, f->leads);
    }
}

static const char *
bucket_label (guint i)
{
  const char *labels[LG_SPEED_N_BUCKETS] = {
    _("< 15 min"), _("15 min–1 h"), _("1–4 h"), _("4–12 h"), _("12–24 h"),
    _("1–2 days"), _("2–4 days"), _("4–7 days"), _("≥ 7 days"),
  };

  return labels[i];
}

static void
draw_speed (Canvas *c)
{
  LgMetricsReport *report = c->self->report;
  const gint64 *hist = report->speed_hist[LG_SPEED_FROM_MESSAGE];
  LgFigure median = report->total.speed[LG_SPEED_FROM_MESSAGE];
  double max = 0, top, slot, widest = 0, lh = line_height (c);
  g_autofree char *top_tick = NULL;
  gint64 total = 0;
  guint rows;

  for (guint i = 0; i < LG_SPEED_N_BUCKETS; i++)
    {
      max = MAX (max, hist[i]);
      total += hist[i];
    }
  if (total == 0)
    {
      draw_message (c, _("No lead of this period has a first touch yet"));
      return;
    }

  /* The buckets' names are wider than a narrow chart's slots ("< 15 min15
   * min–1 h"): they then take turns on two or three lines, so that each has
   * as many slots as lines. The value axis will take about the width of
   * twice the highest count. */
  for (guint i = 0; i < LG_SPEED_N_BUCKETS; i++)
    widest = MAX (widest, text_width (c, bucket_label (i)));
  top_tick = g_strdup_printf ("%.0f", 2 * max);
  slot = (c->plot.size.width - text_width (c, top_tick) - PAD) / LG_SPEED_N_BUCKETS;
  rows = CLAMP ((guint) ceil ((widest + PAD) / MAX (slot, 1)), 1, 3);

  c->plot.origin.y += lh + 4;
  c->plot.size.height -= lh + 4 + rows * lh + 4;
  top = draw_y_axis (c, max, LG_UNIT_COUNT, NULL, 1);
  slot = c->plot.size.width / LG_SPEED_N_BUCKETS;

  for (guint i = 0; i < LG_SPEED_N_BUCKETS; i++)
    {
      double h = c->plot.size.height * hist[i] / top;
      double x = c->plot.origin.x + slot * (i + 0.1);
      double y = c->plot.origin.y + c->plot.size.height - h;

      set_color (c, COLOR_BLUE, 1);
      cairo_rectangle (c->cr, x, y, slot * 0.8, h);
      cairo_fill (c->cr);
      draw_text (c, bucket_label (i), x + slot * 0.4,
                 c->plot.origin.y + c->plot.size.height + 2 + (i % rows) * lh, 0.5, 0, 0.7);
      add_region (c, x, y, slot * 0.8, MAX (h, 1), 0,
                  _("First touch %s after the message: %" PRId64 " leads (%.0f%%)"),
                  bucket_label (i), hist[i], 100.0 * hist[i] / total);
    }

  /* The median, placed within its bucket as if the bucket were uniform. */
  if (median.known)
    {
      g_autofree char *text = lg_format_duration (median.value);
      g_autofree char *label = g_strdup_printf (_("median %s"), text);
      guint b = 0;
      double lower, upper, fraction, x;

      while (b < LG_SPEED_N_BUCKETS - 1 && median.value >= lg_speed_bucket_upper[b])
        b++;
      lower = b > 0 ? lg_speed_bucket_upper[b - 1] : 0;
      upper = b < LG_SPEED_N_BUCKETS - 1 ? lg_speed_bucket_upper[b] : lower * 2;
      fraction = CLAMP ((median.value - lower) / (upper - lower), 0, 1);
      x = c->plot.origin.x + slot * (b + 0.1 + 0.8 * fraction);

      set_color (c, COLOR_ORANGE, 1);
      cairo_set_line_width (c->cr, 2);
      cairo_set_dash (c->cr, (double[]) { 4, 3 }, 2, 0);
      cairo_move_to (c->cr, x, c->plot.origin.y);
      cairo_line_to (c->cr, x, c->plot.origin.y + c->plot.size.height);
      cairo_stroke (c->cr);
      cairo_set_dash (c->cr, NULL, 0, 0);
      draw_text (c, label, CLAMP (x, c->plot.origin.x + 40, c->width - 40), c->plot.origin.y - 2,
                 0.5, 1, 1);
      add_region (c, x - 4, c->plot.origin.y, 8, c->plot.size.height, 0,
                  _("Median speed to lead: %s from the message"), text);
    }
}

/* Each kind's words for screen readers, after its title and period. */

/* Each source's leads, or its cost per lead. */
static void
describe_sources (LgMetricsReport *report,
                  gboolean         cpl,
                  GString         *text)
{
  for (guint i = 0; i < g_list_model_get_n_items (report->sources); i++)
    {
      g_autoptr(LgMetricsRow) row = g_list_model_get_item (report->sources, i);
      const LgMetricsFigures *f = lg_metrics_row_get_figures (row);
      g_autofree char *money = lg_format_figure (f->cpl, LG_UNIT_MONEY, report->currency);

      if (cpl)
        g_string_append_printf (text, _("%s: %s per lead. "), lg_metrics_row_get_title (row),
                                money);
      else
        g_string_append_printf (text, _("%s: %" PRId64 " leads. "),
                                lg_metrics_row_get_title (row), f->leads);
    }
}

static void
describe_leads_by_source (LgMetricsReport *report,
                          GString         *text)
{
  describe_sources (report, FALSE, text);
}

static void
describe_cpl_by_source (LgMetricsReport *report,
                        GString         *text)
{
  describe_sources (report, TRUE, text);
}

static void
describe_funnel (LgMetricsReport *report,
                 GString         *text)
{
  g_string_append_printf (text, _("%" PRId64 " leads, %" PRId64
                                  " reached Warm, %" PRId64 " Hot, %" PRId64
                                  " Won."),
                          report->funnel[0], report->funnel[1], report->funnel[2],
                          report->funnel[3]);
}

static void
describe_conversion_over_time (LgMetricsReport *report,
                               GString         *text)
{
  g_autofree char *rate = lg_format_figure (report->total.conversion, LG_UNIT_PERCENT, NULL);

  g_string_append_printf (text, _("Conversion over the whole period: %s."), rate);
}

static void
describe_speed (LgMetricsReport *report,
                GString         *text)
{
  g_autofree char *a = lg_format_figure (report->total.speed[LG_SPEED_FROM_MESSAGE],
                                         LG_UNIT_DURATION, NULL);
  g_autofree char *b = lg_format_figure (report->total.speed[LG_SPEED_FROM_FOUND],
                                         LG_UNIT_DURATION, NULL);

  g_string_append_printf (text, _("Median %s from the message, %s from when it was found, "
                                  "over %" PRId64 " touched leads."),
                          a, b, report->total.touched);
}

/* The table of kinds */

struct _ChartKind
{
  LgChartInfo   info;        /* first: an LgChartInfo the view holds is its ChartKind */
  gboolean      needs_leads; /* a report without leads says so instead of drawing */
  void        (*draw)     (Canvas          *c);
  void        (*describe) (LgMetricsReport *report,
                           GString         *text);
};

/* In the order the Insights view shows them. The ids name the exports: the
 * users' files and scripts know them, so they do not change. The charts of
 * leads have nothing to draw without any; CPL and speed say why they are
 * empty themselves. */
static const ChartKind kinds[] = {
  { { "leads-by-source", N_("Leads by Source"), N_("Leads by Source…") },
    TRUE, draw_leads_over_time, describe_leads_by_source },
  { { "funnel", N_("Funnel"), N_("Funnel…") },
    TRUE, draw_funnel, describe_funnel },
  { { "cpl-by-source", N_("Cost per Lead by Source"), N_("Cost per Lead by Source…") },
    FALSE, draw_cpl_by_source, describe_cpl_by_source },
  { { "conversion-over-time", N_("Conversion Rate over Time"), N_("Conversion Rate over Time…") },
    TRUE, draw_conversion_over_time, describe_conversion_over_time },
  { { "speed-to-lead", N_("Speed to Lead"), N_("Speed to Lead…") },
    FALSE, draw_speed, describe_speed },
};

guint
lg_chart_get_n_infos (void)
{
  return G_N_ELEMENTS (kinds);
}

const LgChartInfo *
lg_chart_get_info_at (guint position)
{
  g_return_val_if_fail (position < G_N_ELEMENTS (kinds), NULL);

  return &kinds[position].info;
}

/* NULL for an id no chart has. */
const LgChartInfo *
lg_chart_info_lookup (const char *id)
{
  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].info.id, id))
      return &kinds[i].info;
  return NULL;
}

/* Drawing */

static void
clear_region (gpointer data)
{
  g_free (((HitRegion *) data)->tooltip);
}

static void
draw_chart (LgChart     *self,
            GtkSnapshot *snapshot,
            double       width,
            double       height)
{
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (self));
  Canvas c = { 0 };

  g_array_set_size (self->regions, 0);
  if (width < 40 || height < 40 || self->report == NULL || self->report->bins->len == 0)
    return;

  c.self = self;
  c.cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  c.width = width;
  c.height = height;
  c.dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  gtk_style_context_get_color (style, &c.fg);
  graphene_rect_init (&c.plot, PAD, PAD, width - 2 * PAD, height - 2 * PAD);

  if (self->report->total.leads == 0 && self->kind->needs_leads)
    draw_message (&c, _("No leads in this period"));
  else
    self->kind->draw (&c);
  cairo_destroy (c.cr);
}

static void
lg_chart_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  draw_chart (LG_CHART (widget), snapshot, gtk_widget_get_width (widget),
              gtk_widget_get_height (widget));
}

static void
lg_chart_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 280;
      *natural = 480;
    }
  else
    {
      *minimum = 220;
      *natural = 260;
    }
}

static const HitRegion *
region_at (LgChart *self,
           double   x,
           double   y)
{
  for (guint i = 0; i < self->regions->len; i++)
    {
      const HitRegion *region = &g_array_index (self->regions, HitRegion, i);

      if (graphene_rect_contains_point (&region->rect, &GRAPHENE_POINT_INIT (x, y)))
        return region;
    }
  return NULL;
}

static gboolean
lg_chart_query_tooltip (GtkWidget  *widget,
                        int         x,
                        int         y,
                        gboolean    keyboard_mode,
                        GtkTooltip *tooltip)
{
  const HitRegion *region = region_at (LG_CHART (widget), x, y);

  if (region == NULL)
    return FALSE;

  if (region->source_id > 0)
    {
      g_autofree char *text = g_strdup_printf ("%s\n%s", region->tooltip,
                                               _("Click to see these leads in the pipeline"));

      gtk_tooltip_set_text (tooltip, text);
    }
  else
    gtk_tooltip_set_text (tooltip, region->tooltip);
  return TRUE;
}

static void
on_motion_cb (GtkEventControllerMotion *motion,
              double                    x,
              double                    y,
              LgChart                  *self)
{
  const HitRegion *region = region_at (self, x, y);

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                   region != NULL && region->source_id > 0 ? "pointer" : NULL);
}

static void
on_click_released_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      LgChart         *self)
{
  const HitRegion *region = region_at (self, x, y);

  if (region != NULL && region->source_id > 0)
    g_signal_emit (self, signals[SOURCE_ACTIVATED], 0, region->source_id);
}

/* What the chart shows, in words, for screen readers. */
static char *
describe (LgChart *self)
{
  LgMetricsReport *report = self->report;
  g_autofree char *period = NULL;
  GString *text;

  if (report == NULL)
    return g_strdup (lg_chart_get_title (self));

  period = lg_format_period (report->from, report->to, g_get_real_time () / G_USEC_PER_SEC,
                             NULL);
  text = g_string_new (NULL);
  g_string_append_printf (text, "%s, %s. ", lg_chart_get_title (self), period);
  self->kind->describe (report, text);
  return g_string_free (text, FALSE);
}

GtkWidget *
lg_chart_new (const char *id)
{
  g_return_val_if_fail (lg_chart_info_lookup (id) != NULL, NULL);

  return g_object_new (LG_TYPE_CHART, "kind", id, NULL);
}

const LgChartInfo *
lg_chart_get_info (LgChart *self)
{
  g_return_val_if_fail (LG_IS_CHART (self), NULL);

  return &self->kind->info;
}

const char *
lg_chart_get_title (LgChart *self)
{
  g_return_val_if_fail (LG_IS_CHART (self), NULL);

  return _(self->kind->info.title);
}

char *
lg_chart_dup_file_name (LgChart *self)
{
  g_return_val_if_fail (LG_IS_CHART (self), NULL);

  if (self->report == NULL)
    return NULL;
  return lg_metrics_report_file_name (self->report, self->kind->info.id, "png");
}

LgMetricsReport *
lg_chart_get_report (LgChart *self)
{
  g_return_val_if_fail (LG_IS_CHART (self), NULL);

  return self->report;
}

void
lg_chart_set_report (LgChart         *self,
                     LgMetricsReport *report)
{
  g_autofree char *description = NULL;

  g_return_if_fail (LG_IS_CHART (self));

  if (self->report == report)
    return;

  g_clear_pointer (&self->report, lg_metrics_report_unref);
  if (report != NULL)
    self->report = lg_metrics_report_ref (report);

  description = describe (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, lg_chart_get_title (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);
}

gboolean
lg_chart_save_png (LgChart     *self,
                   const char  *path,
                   GError     **error)
{
  g_autoptr(GskRenderer) renderer = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  GtkNative *native;
  GdkRGBA background;
  int width, height;

  g_return_val_if_fail (LG_IS_CHART (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  native = gtk_widget_get_native (GTK_WIDGET (self));
  if (width <= 0 || height <= 0 || native == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("The chart is not on screen yet. Show it, then export it again."));
      return FALSE;
    }

  /* An opaque background in the window's colour, so the PNG reads anywhere. */
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (GTK_WIDGET (self)),
                                       "window_bg_color", &background))
    gdk_rgba_parse (&background, "white");

  snapshot = gtk_snapshot_new ();
  gtk_snapshot_scale (snapshot, 2, 2);
  gtk_snapshot_append_color (snapshot, &background, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_chart (self, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (native), node,
                                         &GRAPHENE_RECT_INIT (0, 0, 2 * width, 2 * height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not save the chart to “%s”. Check that the folder exists and you "
                     "may write to it."), path);
      return FALSE;
    }
  return TRUE;
}

static void
lg_chart_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  LgChart *self = LG_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_string (value, self->kind->info.id);
      break;
    case PROP_REPORT:
      g_value_set_boxed (value, self->report);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lg_chart_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  LgChart *self = LG_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      /* Without a known one (NULL is the default), the first kind from init stays. */
      if (lg_chart_info_lookup (g_value_get_string (value)) != NULL)
        self->kind = (const ChartKind *) lg_chart_info_lookup (g_value_get_string (value));
      break;
    case PROP_REPORT:
      lg_chart_set_report (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lg_chart_finalize (GObject *object)
{
  LgChart *self = LG_CHART (object);

  g_clear_pointer (&self->report, lg_metrics_report_unref);
  g_array_unref (self->regions);

  G_OBJECT_CLASS (lg_chart_parent_class)->finalize (object);
}

static void
lg_chart_class_init (LgChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = lg_chart_get_property;
  object_class->set_property = lg_chart_set_property;
  object_class->finalize = lg_chart_finalize;

  widget_class->snapshot = lg_chart_snapshot;
  widget_class->measure = lg_chart_measure;
  widget_class->query_tooltip = lg_chart_query_tooltip;

  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REPORT] =
    g_param_spec_boxed ("report", NULL, NULL, LG_TYPE_METRICS_REPORT,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LgChart::source-activated:
   * @source_id: the source of the bar that was clicked
   */
  signals[SOURCE_ACTIVATED] =
    g_signal_new ("source-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lg_chart_init (LgChart *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();

  self->kind = &kinds[0];
  self->regions = g_array_new (FALSE, FALSE, sizeof (HitRegion));
  g_array_set_clear_func (self->regions, clear_region);

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  /* Redraw in the other palette when the system switches light/dark. */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}
