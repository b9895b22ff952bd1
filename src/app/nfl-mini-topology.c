/* nfl-mini-topology.c: the scenario's namespaces and links, small, with
 * the packet where the Simulate view's step has it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The namespaces sit where the Design canvas has them, scaled to fit; the
 * packet is a dot in the namespace of the step, or on the link a
 * crossing step sends it over, moving from one end to the other with an
 * AdwTimedAnimation.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "nfl-mini-topology.h"

#define TRAVEL_MS 450
#define BOX_W     64.0
#define BOX_H     26.0

struct _NflMiniTopology {
  GtkWidget     parent_instance;

  NflPlayback  *playback;
  int           ns;        /* where the packet is, -1 none */
  int           to_ns;     /* on a link: where it goes, else -1 */
  AdwAnimation *travel;
};

G_DEFINE_FINAL_TYPE (NflMiniTopology, nfl_mini_topology, GTK_TYPE_WIDGET)

void
nfl_mini_topology_show_step (NflMiniTopology *self,
                             NflPlayback     *playback,
                             guint            position)
{
  g_return_if_fail (NFL_IS_MINI_TOPOLOGY (self));

  g_set_object (&self->playback, playback);
  self->ns = self->to_ns = -1;
  if (playback != NULL && position < nfl_playback_get_n_steps (playback))
    {
      const NflPlaybackStep *step = nfl_playback_get_step (playback, position);

      self->ns = step->ns;
      if (step->kind == NFL_EVENT_LINK)
        for (guint i = position + 1; i < nfl_playback_get_n_steps (playback); i++)
          {
            const NflPlaybackStep *next = nfl_playback_get_step (playback, i);
            if (next->packet == step->packet && next->ns != step->ns && next->ns >= 0)
              {
                self->to_ns = next->ns;
                break;
              }
          }
    }
  adw_animation_reset (self->travel);
  if (self->to_ns >= 0)
    adw_animation_play (self->travel);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

typedef struct {
  double scale, dx, dy;
} Fit;

static Fit
fit (GPtrArray *namespaces,
     int        width,
     int        height)
{
  double min_x = G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
  Fit f;

  for (guint i = 0; i < namespaces->len; i++)
    {
      NflNamespace *ns = g_ptr_array_index (namespaces, i);
      min_x = MIN (min_x, ns->x);
      min_y = MIN (min_y, ns->y);
      max_x = MAX (max_x, ns->x);
      max_y = MAX (max_y, ns->y);
    }
  f.scale = MIN ((width - BOX_W - 8) / MAX (max_x - min_x, 1.0), (height - BOX_H - 8) / MAX (max_y - min_y, 1.0));
  f.scale = MIN (f.scale, 0.5);
  f.dx = (width - (max_x - min_x) * f.scale) / 2 - min_x * f.scale;
  f.dy = (height - (max_y - min_y) * f.scale) / 2 - min_y * f.scale;
  return f;
}

static void
centre (const Fit    *f,
        NflNamespace *ns,
        double       *x,
        double       *y)
{
  *x = ns->x * f->scale + f->dx;
  *y = ns->y * f->scale + f->dy;
}

static void
nfl_mini_topology_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  NflMiniTopology *self = NFL_MINI_TOPOLOGY (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  double fg = dark ? 1.0 : 0.14, box = dark ? 0.19 : 1.0;
  GPtrArray *namespaces;
  Fit f;
  cairo_t *cr;

  if (self->playback == NULL || width <= 0 || height <= 0)
    return;
  namespaces = nfl_scenario_get_namespaces (nfl_playback_get_scenario (self->playback));
  if (namespaces->len == 0)
    return;
  f = fit (namespaces, width, height);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* the links: one line per veth pair */
  cairo_set_line_width (cr, 1.5);
  cairo_set_source_rgba (cr, fg, fg, fg, 0.45);
  for (guint i = 0; i < namespaces->len; i++)
    {
      NflNamespace *ns = g_ptr_array_index (namespaces, i);
      for (guint k = 0; k < ns->interfaces->len; k++)
        {
          NflInterface *iface = g_ptr_array_index (ns->interfaces, k);
          double x1, y1, x2, y2;

          if (iface->peer == NULL || iface->peer->ns == NULL || iface->peer->ns == ns ||
              g_ptr_array_find (namespaces, iface->peer->ns, NULL) == FALSE ||
              g_strcmp0 (ns->name, iface->peer->ns->name) > 0)
            continue;
          centre (&f, ns, &x1, &y1);
          centre (&f, iface->peer->ns, &x2, &y2);
          cairo_move_to (cr, x1, y1);
          cairo_line_to (cr, x2, y2);
          cairo_stroke (cr);
        }
    }

  cairo_select_font_face (cr, "Cantarell", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, 11);
  for (guint i = 0; i < namespaces->len; i++)
    {
      NflNamespace *ns = g_ptr_array_index (namespaces, i);
      gboolean here = (int) i == self->ns && self->to_ns < 0;
      cairo_text_extents_t ext;
      double x, y;

      centre (&f, ns, &x, &y);
      cairo_rectangle (cr, x - BOX_W / 2, y - BOX_H / 2, BOX_W, BOX_H);
      if (here)
        cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
      else
        cairo_set_source_rgb (cr, box, box, box);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, fg, fg, fg, 0.6);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
      cairo_text_extents (cr, ns->name, &ext);
      if (here)
        cairo_set_source_rgb (cr, 1, 1, 1);
      else
        cairo_set_source_rgb (cr, fg, fg, fg);
      cairo_move_to (cr, x - ext.x_advance / 2, y + 4);
      cairo_show_text (cr, ns->name);
    }

  /* the packet on its link */
  if (self->ns >= 0 && self->to_ns >= 0 && (guint) self->ns < namespaces->len &&
      (guint) self->to_ns < namespaces->len)
    {
      double t = adw_animation_get_value (self->travel), x1, y1, x2, y2;

      centre (&f, g_ptr_array_index (namespaces, self->ns), &x1, &y1);
      centre (&f, g_ptr_array_index (namespaces, self->to_ns), &x2, &y2);
      cairo_new_path (cr);
      cairo_arc (cr, x1 + (x2 - x1) * t, y1 + (y2 - y1) * t, 6, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, dark ? 0.98 : 0.90, dark ? 0.80 : 0.65, dark ? 0.26 : 0.04);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
}

static void
nfl_mini_topology_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 160 : 90;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 300 : 120;
}

static void
travel_cb (double   value,
           gpointer user_data)
{
  gtk_widget_queue_draw (GTK_WIDGET (user_data));
}

static void
nfl_mini_topology_dispose (GObject *object)
{
  NflMiniTopology *self = NFL_MINI_TOPOLOGY (object);

  g_clear_object (&self->travel);
  g_clear_object (&self->playback);
  G_OBJECT_CLASS (nfl_mini_topology_parent_class)->dispose (object);
}

static void
nfl_mini_topology_class_init (NflMiniTopologyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nfl_mini_topology_dispose;
  widget_class->snapshot = nfl_mini_topology_snapshot;
  widget_class->measure = nfl_mini_topology_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "minitopology");
}

static void
nfl_mini_topology_init (NflMiniTopology *self)
{
  AdwAnimationTarget *target = adw_callback_animation_target_new (travel_cb, self, NULL);

  self->ns = self->to_ns = -1;
  self->travel = adw_timed_animation_new (GTK_WIDGET (self), 0, 1, TRAVEL_MS, target);
  adw_timed_animation_set_easing (ADW_TIMED_ANIMATION (self->travel), ADW_EASE_IN_OUT_CUBIC);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Packet on the Topology"), -1);
}

GtkWidget *
nfl_mini_topology_new (void)
{
  return g_object_new (NFL_TYPE_MINI_TOPOLOGY, NULL);
}
