/* lg-figure-card.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-figure-card"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-figure-card.h"

struct _LgFigureCard
{
  GtkBox    parent_instance;

  GtkLabel *title;
  GtkLabel *value;
  GtkLabel *change;
  GtkLabel *detail;
};

G_DEFINE_FINAL_TYPE (LgFigureCard, lg_figure_card, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_DEFINITION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkLabel *
add_label (LgFigureCard *self,
           const char   *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (self), label);
  return GTK_LABEL (label);
}

/* tone: 1 better than before, -1 worse, 0 neither or unknown. */
void
lg_figure_card_set (LgFigureCard *self,
                    const char   *value,
                    const char   *change,
                    int           tone,
                    const char   *detail)
{
  g_return_if_fail (LG_IS_FIGURE_CARD (self));

  gtk_label_set_text (self->value, value);
  gtk_label_set_text (self->change, change != NULL ? change : "");
  gtk_widget_set_visible (GTK_WIDGET (self->change), change != NULL && *change != '\0');
  gtk_widget_remove_css_class (GTK_WIDGET (self->change), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->change), "error");
  if (tone != 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->change), tone > 0 ? "success" : "error");
  gtk_label_set_text (self->detail, detail);
  gtk_widget_set_visible (GTK_WIDGET (self->detail), detail != NULL && *detail != '\0');
}

const char *
lg_figure_card_get_value (LgFigureCard *self)
{
  g_return_val_if_fail (LG_IS_FIGURE_CARD (self), NULL);

  return gtk_label_get_text (self->value);
}

const char *
lg_figure_card_get_detail (LgFigureCard *self)
{
  g_return_val_if_fail (LG_IS_FIGURE_CARD (self), NULL);

  return gtk_label_get_text (self->detail);
}

const char *
lg_figure_card_get_change (LgFigureCard *self)
{
  g_return_val_if_fail (LG_IS_FIGURE_CARD (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->change)) ? gtk_label_get_text (self->change)
                                                            : NULL;
}

static void
lg_figure_card_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LgFigureCard *self = LG_FIGURE_CARD (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, gtk_label_get_text (self->title));
      break;
    case PROP_DEFINITION:
      g_value_set_string (value, gtk_widget_get_tooltip_text (GTK_WIDGET (self)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lg_figure_card_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LgFigureCard *self = LG_FIGURE_CARD (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      gtk_label_set_text (self->title, g_value_get_string (value));
      break;
    case PROP_DEFINITION:
      gtk_widget_set_tooltip_text (GTK_WIDGET (self), g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lg_figure_card_class_init (LgFigureCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = lg_figure_card_get_property;
  object_class->set_property = lg_figure_card_set_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEFINITION] =
    g_param_spec_string ("definition", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lg_figure_card_init (LgFigureCard *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 2);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_widget_add_css_class (GTK_WIDGET (self), "figure-card");

  self->title = add_label (self, "heading");
  self->value = add_label (self, "title-2");
  self->change = add_label (self, "caption");
  self->detail = add_label (self, "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->detail), "dim-label");
  gtk_label_set_text (self->value, "—");
}
