/* lg-month-button.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "lg-month-button"

#include "config.h"

#include <glib/gi18n.h>

#include "lg-month-button.h"
#include "lg-ui-util.h"

struct _LgMonthButton
{
  GtkWidget      parent_instance;

  int            year;
  int            month;       /* 1–12 */
  int            shown_year;  /* the year the popover shows */

  GtkMenuButton *button;
  GtkLabel      *year_label;
  GtkToggleButton *months[12];
};

G_DEFINE_FINAL_TYPE (LgMonthButton, lg_month_button, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_YEAR,
  PROP_MONTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GtkWidget *
lg_month_button_new (void)
{
  return g_object_new (LG_TYPE_MONTH_BUTTON, NULL);
}

/* %OB and %Ob: the month's name standing alone, which in Russian and other
 * languages differs from the one in a date ("декабрь 2026", not "декабря"). */
static char *
format_month (int         year,
              int         month,
              const char *format)
{
  g_autoptr(GDateTime) first = g_date_time_new_local (year, month, 1, 0, 0, 0);

  return g_date_time_format (first, format);
}

static void
sync_popover (LgMonthButton *self)
{
  g_autofree char *year = g_strdup_printf ("%d", self->shown_year);

  gtk_label_set_label (self->year_label, year);
  for (int m = 1; m <= 12; m++)
    {
      g_autofree char *name = format_month (self->shown_year, m, "%OB %Y");

      gtk_toggle_button_set_active (self->months[m - 1],
                                    self->shown_year == self->year && m == self->month);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->months[m - 1]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
}

void
lg_month_button_set_month (LgMonthButton *self,
                           int            year,
                           int            month)
{
  g_autofree char *label = NULL;

  g_return_if_fail (LG_IS_MONTH_BUTTON (self));
  g_return_if_fail (g_date_valid_dmy (1, month, year));

  g_object_freeze_notify (G_OBJECT (self));
  if (self->year != year)
    {
      self->year = year;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
    }
  if (self->month != month)
    {
      self->month = month;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MONTH]);
    }
  self->shown_year = year;
  /* TRANSLATORS: a month on its own, e.g. "December 2026"; see g_date_time_format() */
  label = format_month (year, month, _("%OB %Y"));
  gtk_menu_button_set_label (self->button, label);
  sync_popover (self);
  g_object_thaw_notify (G_OBJECT (self));
}

int
lg_month_button_get_year (LgMonthButton *self)
{
  g_return_val_if_fail (LG_IS_MONTH_BUTTON (self), 0);

  return self->year;
}

int
lg_month_button_get_month (LgMonthButton *self)
{
  g_return_val_if_fail (LG_IS_MONTH_BUTTON (self), 0);

  return self->month;
}

void
lg_month_button_show_year (LgMonthButton *self,
                           int            year)
{
  g_return_if_fail (LG_IS_MONTH_BUTTON (self));
  g_return_if_fail (g_date_valid_year (year));

  self->shown_year = year;
  sync_popover (self);
}

void
lg_month_button_pick (LgMonthButton *self,
                      int            month)
{
  g_return_if_fail (LG_IS_MONTH_BUTTON (self));
  g_return_if_fail (month >= 1 && month <= 12);

  lg_month_button_set_month (self, self->shown_year, month);
  gtk_menu_button_popdown (self->button);
}

static void
on_month_clicked_cb (GtkButton     *button,
                     LgMonthButton *self)
{
  lg_month_button_pick (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "month")));
}

static void
on_previous_clicked_cb (LgMonthButton *self)
{
  lg_month_button_show_year (self, self->shown_year - 1);
}

static void
on_next_clicked_cb (LgMonthButton *self)
{
  lg_month_button_show_year (self, self->shown_year + 1);
}

/* Opening shows the chosen month's year again. */
static void
on_popover_show_cb (LgMonthButton *self)
{
  lg_month_button_show_year (self, self->year);
}

static GtkWidget *
year_button (LgMonthButton *self,
             const char    *icon,
             const char    *name,
             GCallback      callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_name (button, icon);
  gtk_widget_add_css_class (button, "flat");
  lg_widget_set_name (button, name);
  g_signal_connect_swapped (button, "clicked", callback, self);
  return button;
}

static GtkWidget *
build_popover (LgMonthButton *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *grid = gtk_grid_new ();

  self->year_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_hexpand (GTK_WIDGET (self->year_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->year_label), "heading");
  gtk_box_append (GTK_BOX (header), year_button (self, "go-previous-symbolic", _("Previous Year"),
                                                 G_CALLBACK (on_previous_clicked_cb)));
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->year_label));
  gtk_box_append (GTK_BOX (header), year_button (self, "go-next-symbolic", _("Next Year"),
                                                 G_CALLBACK (on_next_clicked_cb)));

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_homogeneous (GTK_GRID (grid), TRUE);
  for (int m = 1; m <= 12; m++)
    {
      /* Any year will do for the names of the months. */
      g_autofree char *name = format_month (2000, m, "%Ob");
      g_autofree char *id = g_strdup_printf ("month-%d", m);
      GtkWidget *button = gtk_toggle_button_new_with_label (name);

      gtk_widget_set_name (button, id);
      gtk_widget_add_css_class (button, "flat");
      g_object_set_data (G_OBJECT (button), "month", GINT_TO_POINTER (m));
      g_signal_connect (button, "clicked", G_CALLBACK (on_month_clicked_cb), self);
      gtk_grid_attach (GTK_GRID (grid), button, (m - 1) % 4, (m - 1) / 4, 1, 1);
      self->months[m - 1] = GTK_TOGGLE_BUTTON (button);
    }

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), grid);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_signal_connect_swapped (popover, "show", G_CALLBACK (on_popover_show_cb), self);
  return popover;
}

static void
lg_month_button_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LgMonthButton *self = LG_MONTH_BUTTON (object);

  switch (prop_id)
    {
    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;
    case PROP_MONTH:
      g_value_set_int (value, self->month);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lg_month_button_dispose (GObject *object)
{
  LgMonthButton *self = LG_MONTH_BUTTON (object);

  if (self->button != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->button));
      self->button = NULL;
    }

  G_OBJECT_CLASS (lg_month_button_parent_class)->dispose (object);
}

static void
lg_month_button_class_init (LgMonthButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = lg_month_button_get_property;
  object_class->dispose = lg_month_button_dispose;

  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 1, 9999, 2000,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MONTH] =
    g_param_spec_int ("month", NULL, NULL, 1, 12, 1,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
lg_month_button_init (LgMonthButton *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_popover (self->button, build_popover (self));
  gtk_widget_set_parent (GTK_WIDGET (self->button), GTK_WIDGET (self));
  lg_month_button_set_month (self, g_date_time_get_year (now), g_date_time_get_month (now));
}
