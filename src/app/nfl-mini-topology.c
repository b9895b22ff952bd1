/* nfl-mini-topology.c: the scenario's namespaces and links, small, with
 * the packet where the Simulate view's step has it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The namespaces sit where the Design canvas has them, scaled to fit; the
 * packet is a dot in the namespace of the step, or on the link a
 * crossing step sends it over, moving from one end to the other with an
 * AdwTimedAnimation.  Bridges sit where the canvas has their boxes: a
 * link whose end is a bridge's port is drawn from the bridge, and a
 * packet crossing it passes the bridge.
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "nfl-mini-topology.h"

#define TRAVEL_MS 450
#define BOX_W     64.0
#define BOX_H     26.0
#define BRIDGE_W  52.0
#define BRIDGE_H  18.0

/* A place on the small map: a namespace's box or a bridge's. */
typedef struct {
  const char   *label;
  NflNamespace *ns;
  NflInterface *bridge;   /* NULL for a namespace */
  double        x, y;     /* document units, then widget pixels */
} Place;

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

/* The namespaces (in the scenario's order, so a step's namespace index
 * is its place) and then the bridges, at their canvas positions. */
static GArray *
collect_places (NflScenario *scenario)
{
  GPtrArray *namespaces = nfl_scenario_get_namespaces (scenario);
  GArray *places = g_array_new (FALSE, TRUE, sizeof (Place));

  for (guint i = 0; i < namespaces->len; i++)
    {
      NflNamespace *ns = g_ptr_array_index (namespaces, i);
      Place place = { ns->name, ns, NULL, ns->x, ns->y };
      g_array_append_val (places, place);
    }
  for (guint i = 0; i < namespaces->len; i++)
    {
      NflNamespace *ns = g_ptr_array_index (namespaces, i);
      for (guint k = 0; k < ns->interfaces->len; k++)
        {
          NflInterface *iface = g_ptr_array_index (ns->interfaces, k);
          if (iface->is_bridge)
            {
              Place place = { iface->name, ns, iface, iface->x, iface->y };
              g_array_append_val (places, place);
            }
        }
    }
  return places;
}

static int
find_place (GArray       *places,
            NflNamespace *ns,
            NflInterface *bridge)
{
  for (guint i = 0; i < places->len; i++)
    {
      Place *place = &g_array_index (places, Place, i);
      if (place->ns == ns && place->bridge == bridge)
        return i;
    }
  return -1;
}

/* Where a veth end is drawn from: its bridge when it is a port of one,
 * else its namespace. */
static int
place_of_end (GArray       *places,
              NflInterface *iface)
{
  int place = iface->master != NULL ? find_place (places, iface->ns, iface->master) : -1;

  return place >= 0 ? place : find_place (places, iface->ns, NULL);
}

/* Scales and centres the places into a @width × @height widget. */
static void
fit (GArray *places,
     int     width,
     int     height)
{
  double min_x = G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
  double scale, dx, dy;

  for (guint i = 0; i < places->len; i++)
    {
      Place *place = &g_array_index (places, Place, i);
      min_x = MIN (min_x, place->x);
      min_y = MIN (min_y, place->y);
      max_x = MAX (max_x, place->x);
      max_y = MAX (max_y, place->y);
    }
  scale = MIN ((width - BOX_W - 8) / MAX (max_x - min_x, 1.0), (height - BOX_H - 8) / MAX (max_y - min_y, 1.0));
  scale = MIN (scale, 0.5);
  dx = (width - (max_x - min_x) * scale) / 2 - min_x * scale;
  dy = (height - (max_y - min_y) * scale) / 2 - min_y * scale;
  for (guint i = 0; i < places->len; i++)
    {
      Place *place = &g_array_index (places, Place, i);
      place->x = place->x * scale + dx;
      place->y = place->y * scale + dy;
    }
}

/* The places a packet passes crossing from namespace @from to @to: its
 * namespace, the bridge of the veth end it leaves by (if a port), the
 * bridge of the end it arrives at (if a port), the other namespace.
 * The first veth pair joining the two is the one drawn. */
static GArray *
crossing_path (GArray *places,
               int     from,
               int     to)
{
  GArray *path = g_array_new (FALSE, FALSE, sizeof (int));
  NflNamespace *ns = g_array_index (places, Place, from).ns;
  NflNamespace *peer_ns = g_array_index (places, Place, to).ns;

  g_array_append_val (path, from);
  for (guint k = 0; k < ns->interfaces->len; k++)
    {
      NflInterface *iface = g_ptr_array_index (ns->interfaces, k);
      int a, b;

      if (iface->peer == NULL || iface->peer->ns != peer_ns)
        continue;
      if ((a = place_of_end (places, iface)) >= 0 && a != from)
        g_array_append_val (path, a);
      if ((b = place_of_end (places, iface->peer)) >= 0 && b != to)
        g_array_append_val (path, b);
      break;
    }
  g_array_append_val (path, to);
  return path;
}

/* The point a fraction @t along the polyline through @path's places. */
static void
point_along (GArray *places,
             GArray *path,
             double  t,
             double *x,
             double *y)
{
  double total = 0, walked = 0, goal;

  for (guint i = 1; i < path->len; i++)
    {
      Place *a = &g_array_index (places, Place, g_array_index (path, int, i - 1));
      Place *b = &g_array_index (places, Place, g_array_index (path, int, i));
      total += hypot (b->x - a->x, b->y - a->y);
    }
  goal = t * total;
  for (guint i = 1; i < path->len; i++)
    {
      Place *a = &g_array_index (places, Place, g_array_index (path, int, i - 1));
      Place *b = &g_array_index (places, Place, g_array_index (path, int, i));
      double length = hypot (b->x - a->x, b->y - a->y);

      if (walked + length >= goal && length > 0)
        {
          *x = a->x + (b->x - a->x) * (goal - walked) / length;
          *y = a->y + (b->y - a->y) * (goal - walked) / length;
          return;
        }
      walked += length;
    }
  *x = g_array_index (places, Place, g_array_index (path, int, path->len - 1)).x;
  *y = g_array_index (places, Place, g_array_index (path, int, path->len - 1)).y;
}

char **
nfl_mini_topology_dup_travel (NflMiniTopology *self)
{
  g_autoptr(GArray) places = NULL;
  g_autoptr(GArray) path = NULL;
  GStrvBuilder *names;
  char **strv;

  g_return_val_if_fail (NFL_IS_MINI_TOPOLOGY (self), NULL);

  names = g_strv_builder_new ();
  if (self->playback != NULL && self->ns >= 0 && self->to_ns >= 0)
    {
      places = collect_places (nfl_playback_get_scenario (self->playback));
      if ((guint) self->ns < places->len && (guint) self->to_ns < places->len)
        {
          path = crossing_path (places, self->ns, self->to_ns);
          for (guint i = 0; i < path->len; i++)
            {
              Place *place = &g_array_index (places, Place, g_array_index (path, int, i));
              if (place->bridge != NULL)
                {
                  g_autofree char *name = g_strdup_printf ("%s/%s", place->ns->name, place->bridge->name);
                  g_strv_builder_add (names, name);
                }
              else
                g_strv_builder_add (names, place->ns->name);
            }
        }
    }
  strv = g_strv_builder_end (names);
  g_strv_builder_unref (names);
  return strv;
}

/* A namespace's box or a bridge's pill, as wide as its name needs (the
 * map is small: fixed widths would overlap neighbours). */
static void
draw_box (cairo_t    *cr,
          Place      *place,
          gboolean    here,
          double      fg,
          double      box)
{
  gboolean bridge = place->bridge != NULL;
  double h = bridge ? BRIDGE_H : BOX_H, w;
  cairo_text_extents_t ext;

  cairo_select_font_face (cr, "Cantarell", CAIRO_FONT_SLANT_NORMAL,
                          bridge ? CAIRO_FONT_WEIGHT_NORMAL : CAIRO_FONT_WEIGHT_BOLD);
  cairo_set_font_size (cr, bridge ? 10 : 11);
  cairo_text_extents (cr, place->label, &ext);
  w = CLAMP (ext.x_advance + (bridge ? 16 : 14), 32, bridge ? BRIDGE_W : BOX_W);
  cairo_new_path (cr);
  if (bridge)
    {
      double r = h / 2;
      cairo_arc (cr, place->x - w / 2 + r, place->y, r, G_PI / 2, 3 * G_PI / 2);
      cairo_arc (cr, place->x + w / 2 - r, place->y, r, 3 * G_PI / 2, G_PI / 2);
      cairo_close_path (cr);
    }
  else
    cairo_rectangle (cr, place->x - w / 2, place->y - h / 2, w, h);
  if (here)
    cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
  else
    cairo_set_source_rgb (cr, box, box, box);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, fg, fg, fg, 0.6);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  if (here)
    cairo_set_source_rgb (cr, 1, 1, 1);
  else
    cairo_set_source_rgb (cr, fg, fg, fg);
  cairo_move_to (cr, place->x - ext.x_advance / 2, place->y + (bridge ? 3.5 : 4));
  cairo_show_text (cr, place->label);
}

static void
nfl_mini_topology_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  NflMiniTopology *self = NFL_MINI_TOPOLOGY (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  double fg = dark ? 1.0 : 0.14, box = dark ? 0.19 : 1.0, dash = 3;
  g_autoptr(GArray) places = NULL;
  cairo_t *cr;

  if (self->playback == NULL || width <= 0 || height <= 0)
    return;
  places = collect_places (nfl_playback_get_scenario (self->playback));
  if (places->len == 0)
    return;
  fit (places, width, height);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));

  /* the links: one line per veth pair, from the bridge where an end is a
   * port; a bridge joined to its namespace by a dashed line, as on the
   * canvas */
  cairo_set_line_width (cr, 1.5);
  cairo_set_source_rgba (cr, fg, fg, fg, 0.45);
  for (guint i = 0; i < places->len; i++)
    {
      Place *place = &g_array_index (places, Place, i);
      NflNamespace *ns = place->ns;

      if (place->bridge != NULL)
        {
          Place *home = &g_array_index (places, Place, find_place (places, ns, NULL));
          cairo_set_dash (cr, &dash, 1, 0);
          cairo_move_to (cr, home->x, home->y);
          cairo_line_to (cr, place->x, place->y);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          continue;
        }
      for (guint k = 0; k < ns->interfaces->len; k++)
        {
          NflInterface *iface = g_ptr_array_index (ns->interfaces, k);
          int a, b;

          if (iface->peer == NULL || iface->peer->ns == NULL || iface->peer->ns == ns ||
              g_strcmp0 (ns->name, iface->peer->ns->name) > 0 ||
              (a = place_of_end (places, iface)) < 0 || (b = place_of_end (places, iface->peer)) < 0)
            continue;
          cairo_move_to (cr, g_array_index (places, Place, a).x, g_array_index (places, Place, a).y);
          cairo_line_to (cr, g_array_index (places, Place, b).x, g_array_index (places, Place, b).y);
          cairo_stroke (cr);
        }
    }

  for (guint i = 0; i < places->len; i++)
    {
      Place *place = &g_array_index (places, Place, i);

      draw_box (cr, place, place->bridge == NULL && (int) i == self->ns && self->to_ns < 0, fg, box);
    }

  /* the packet on its link */
  if (self->ns >= 0 && self->to_ns >= 0 && (guint) self->ns < places->len &&
      (guint) self->to_ns < places->len)
    {
      g_autoptr(GArray) path = crossing_path (places, self->ns, self->to_ns);
      double x, y;

      point_along (places, path, adw_animation_get_value (self->travel), &x, &y);
      cairo_new_path (cr);
      cairo_arc (cr, x, y, 6, 0, 2 * G_PI);
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
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 300 : 140;
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
