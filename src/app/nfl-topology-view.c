/* nfl-topology-view.c: the canvas's state, drawing and export
 *
 * Order: helpers, the document, selection, drawing, GtkWidget, GObject,
 * public API.  Input, actions, menus and popovers are in
 * nfl-topology-view-input.c.
 *
 * Drawing: everything that does not follow the pointer (background, grid,
 * links, boxes) is drawn with cairo into cached tiles (nfl-topology-tiles.c)
 * that a frame paints as they are, drawing again only the tiles whose
 * content changed and only as many as its time allows (the others follow
 * in the next frames); hover, selection and what a drag moves are drawn on
 * top every frame.  While the zoom changes the tiles of the earlier zoom
 * are scaled along, and stay under the new ones until those are complete.
 * The offset is kept in whole pixels so that tiles land on pixels.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>

#include "nfl-topology-node.h"
#include "nfl-topology-view-private.h"

G_DEFINE_FINAL_TYPE (NflTopologyView, nfl_topology_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_ZOOM,
  N_PROPS
};

enum {
  SELECTION_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

#define FIT_MARGIN      32.0
#define FIT_ZOOM_MAX     1.5
/* how long a frame may spend drawing tiles (the rest follow next frame) */
#define TILE_BUDGET_US   2500
/* how long the zoom must stay put before tiles are drawn at it */
#define ZOOM_SETTLE_MS    150
#define ZOOM_ANIMATION_MS 200

/* ---------------------------------------------------------------------- */
/* helpers                                                                 */
/* ---------------------------------------------------------------------- */

void
_nfl_topology_view_to_widget (NflTopologyView *self,
                              double           doc_x,
                              double           doc_y,
                              double          *x,
                              double          *y)
{
  *x = doc_x * self->zoom + self->offset_x;
  *y = doc_y * self->zoom + self->offset_y;
}

void
_nfl_topology_view_to_document (NflTopologyView *self,
                                double           x,
                                double           y,
                                double          *doc_x,
                                double          *doc_y)
{
  *doc_x = (x - self->offset_x) / self->zoom;
  *doc_y = (y - self->offset_y) / self->zoom;
}

static graphene_rect_t
to_widget_rect (NflTopologyView       *self,
                const graphene_rect_t *doc)
{
  double x0, y0, x1, y1;

  _nfl_topology_view_to_widget (self, doc->origin.x, doc->origin.y, &x0, &y0);
  _nfl_topology_view_to_widget (self, doc->origin.x + doc->size.width,
                                doc->origin.y + doc->size.height, &x1, &y1);
  /* whole pixels: crisp edges */
  x0 = round (x0);
  y0 = round (y0);
  return GRAPHENE_RECT_INIT (x0, y0, MAX (1, round (x1) - x0), MAX (1, round (y1) - y0));
}

NflTopoGeometry *
_nfl_topology_view_get_geometry (NflTopologyView *self)
{
  NflScenario *scenario;

  if (self->geometry != NULL)
    return self->geometry;
  if (self->document == NULL)
    return NULL;
  scenario = nfl_document_get_scenario (self->document);
  if (scenario == NULL)
    return NULL;
  self->geometry = nfl_topo_geometry_new (scenario);
  nfl_topo_geometry_ensure_layouts (self->geometry, gtk_widget_get_pango_context (GTK_WIDGET (self)),
                                    self->previous_geometry);
  g_clear_pointer (&self->previous_geometry, nfl_topo_geometry_free);
  return self->geometry;
}

/* @geometry: the boxes changed too (the document or the style), not only
 * the view onto them */
void
_nfl_topology_view_invalidate (NflTopologyView *self,
                               gboolean         geometry)
{
  self->drawn = FALSE;
  if (geometry)
    {
      if (self->changed_at == 0)
        self->changed_at = g_get_monotonic_time ();
      self->content_serial++;
      if (self->geometry != NULL)
        {
          g_clear_pointer (&self->previous_geometry, nfl_topo_geometry_free);
          self->previous_geometry = g_steal_pointer (&self->geometry);
        }
      self->hover = (NflHit) { NFL_HIT_NONE, -1, -1, -1 };
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_nfl_topology_view_pan_to (NflTopologyView *self,
                           double           offset_x,
                           double           offset_y)
{
  /* whole pixels: the tiles stay on pixels and sharp */
  self->offset_x = round (offset_x);
  self->offset_y = round (offset_y);
  _nfl_topology_view_invalidate (self, FALSE);
  /* the namespaces' children follow their boxes */
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

static gboolean
zoom_settled_cb (gpointer user_data)
{
  NflTopologyView *self = user_data;

  self->zoom_settle_id = 0;
  _nfl_topology_view_invalidate (self, FALSE);
  return G_SOURCE_REMOVE;
}

/* Tiles are drawn at a new zoom once it has stayed put for a moment: not
 * for every step of a wheel or a held key. */
static void
zoom_changed (NflTopologyView *self)
{
  g_clear_handle_id (&self->zoom_settle_id, g_source_remove);
  self->zoom_settle_id = g_timeout_add (ZOOM_SETTLE_MS, zoom_settled_cb, self);
}

void
_nfl_topology_view_settle_zoom (NflTopologyView *self)
{
  if (self->zoom_settle_id != 0)
    {
      g_clear_handle_id (&self->zoom_settle_id, g_source_remove);
      _nfl_topology_view_invalidate (self, FALSE);
    }
}

gboolean
_nfl_topology_view_is_drawn (NflTopologyView *self)
{
  return self->drawn;
}

NflHit
_nfl_topology_view_hit (NflTopologyView *self,
                        double           x,
                        double           y)
{
  NflTopoGeometry *geometry = _nfl_topology_view_get_geometry (self);
  NflHit hit = { NFL_HIT_NONE, -1, -1, -1 };
  double dx, dy, slop = 4 / self->zoom;

  if (geometry == NULL)
    return hit;
  _nfl_topology_view_to_document (self, x, y, &dx, &dy);

  /* the topmost box (drawn last) first: its handle and ports, then it */
  for (int i = (int) geometry->n_nodes - 1; i >= 0; i--)
    {
      graphene_rect_t rect = nfl_topo_node_rect (geometry, i);
      NflTopoNode *node = &geometry->nodes[i];
      double hx, hy;

      nfl_topo_handle_center (geometry, i, &hx, &hy);
      if (hypot (dx - hx, dy - hy) <= NFL_TOPO_HANDLE_RADIUS + slop &&
          (self->hover.node == i || _nfl_topology_view_is_selected (self, node->name)))
        return (NflHit) { NFL_HIT_HANDLE, i, -1, -1 };
      for (guint p = 0; p < node->n_ports; p++)
        {
          double px, py;

          if (node->ports[p].loopback)
            continue;
          nfl_topo_port_center (geometry, i, p, &px, &py);
          if (hypot (dx - px, dy - py) <= NFL_TOPO_PORT_RADIUS + slop)
            return (NflHit) { NFL_HIT_PORT, i, p, -1 };
        }
      if (graphene_rect_contains_point (&rect, &GRAPHENE_POINT_INIT (dx, dy)))
        return (NflHit) { NFL_HIT_NODE, i, -1, -1 };
    }
  for (guint l = 0; l < geometry->n_links; l++)
    {
      graphene_point_t points[4];

      if (geometry->links[l].membership)
        continue;
      nfl_topo_link_curve (geometry, &geometry->links[l], points);
      if (nfl_topo_curve_hit (points, dx, dy, slop + 1))
        return (NflHit) { NFL_HIT_LINK, -1, -1, l };
    }
  return hit;
}

static gboolean
hit_equal (const NflHit *a,
           const NflHit *b)
{
  return a->kind == b->kind && a->node == b->node && a->port == b->port && a->link == b->link;
}

void
_nfl_topology_view_set_hover (NflTopologyView *self,
                              NflHit           hit)
{
  const char *tooltip = NULL;

  if (hit_equal (&hit, &self->hover))
    return;
  self->hover = hit;
  if (hit.kind == NFL_HIT_HANDLE || hit.kind == NFL_HIT_PORT)
    tooltip = _("Drag to another namespace to link them");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* The zoom and offset at once (offset in whole pixels). */
static void
set_view (NflTopologyView *self,
          double           zoom,
          double           offset_x,
          double           offset_y)
{
  gboolean zoomed = !G_APPROX_VALUE (zoom, self->zoom, 1e-9);

  self->zoom = zoom;
  if (zoomed)
    zoom_changed (self);
  _nfl_topology_view_pan_to (self, offset_x, offset_y);
  if (zoomed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  _nfl_topology_view_update_actions (self);
}

void
_nfl_topology_view_zoom_around (NflTopologyView *self,
                                double           zoom,
                                double           x,
                                double           y)
{
  double doc_x, doc_y;

  zoom = CLAMP (zoom, NFL_TOPOLOGY_VIEW_ZOOM_MIN, NFL_TOPOLOGY_VIEW_ZOOM_MAX);
  if (G_APPROX_VALUE (zoom, self->zoom, 1e-9))
    return;
  _nfl_topology_view_to_document (self, x, y, &doc_x, &doc_y);
  set_view (self, zoom, x - doc_x * zoom, y - doc_y * zoom);
}

/* ---------------------------------------------------------------------- */
/* selection                                                               */
/* ---------------------------------------------------------------------- */

gboolean
_nfl_topology_view_is_selected (NflTopologyView *self,
                                const char      *name)
{
  return name != NULL && g_hash_table_contains (self->selected, name);
}

void
_nfl_topology_view_set_selection (NflTopologyView    *self,
                                  const char * const *names,
                                  const char         *link_ns,
                                  const char         *link_iface)
{
  gboolean changed = FALSE;
  guint n = names ? g_strv_length ((char **) names) : 0;

  if (n != g_hash_table_size (self->selected))
    changed = TRUE;
  for (guint i = 0; i < n && !changed; i++)
    changed = !g_hash_table_contains (self->selected, names[i]);
  if (g_strcmp0 (link_ns, self->link_ns) != 0 || g_strcmp0 (link_iface, self->link_iface) != 0)
    changed = TRUE;
  if (!changed)
    return;

  /* @names may point into the selection itself: copy first */
  {
    g_auto(GStrv) copy = g_strdupv ((char **) names);
    char *ns = g_strdup (link_ns);
    char *iface = link_ns ? g_strdup (link_iface) : NULL;

    g_hash_table_remove_all (self->selected);
    for (guint i = 0; i < n; i++)
      g_hash_table_add (self->selected, g_strdup (copy[i]));
    g_free (self->link_ns);
    g_free (self->link_iface);
    self->link_ns = ns;
    self->link_iface = iface;
  }
  _nfl_topology_view_update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

void
_nfl_topology_view_toggle (NflTopologyView *self,
                           const char      *name)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;
  gboolean found = FALSE;

  g_hash_table_iter_init (&iter, self->selected);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_strcmp0 (key, name) == 0)
      found = TRUE;
    else
      g_ptr_array_add (names, key);
  if (!found)
    g_ptr_array_add (names, (gpointer) name);
  g_ptr_array_add (names, NULL);
  _nfl_topology_view_set_selection (self, (const char * const *) names->pdata, NULL, NULL);
}

/* After a change: names that are gone leave the selection. */
/* "NS/BRIDGE" names a bridge that is still there */
static gboolean
bridge_node_exists (NflScenario *scenario,
                    const char  *name)
{
  g_auto(GStrv) parts = g_strsplit (name, "/", 2);
  NflNamespace *ns = parts[1] ? nfl_scenario_find_namespace (scenario, parts[0]) : NULL;
  NflInterface *bridge = ns ? nfl_namespace_find_interface (ns, parts[1]) : NULL;

  return bridge != NULL && bridge->is_bridge;
}

static void
validate_selection (NflTopologyView *self)
{
  NflScenario *scenario = self->document ? nfl_document_get_scenario (self->document) : NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;
  const char *link_ns = NULL, *link_iface = NULL;

  g_hash_table_iter_init (&iter, self->selected);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (scenario != NULL && (nfl_scenario_find_namespace (scenario, key) != NULL || bridge_node_exists (scenario, key)))
      g_ptr_array_add (names, key);
  g_ptr_array_add (names, NULL);
  if (scenario != NULL && self->link_ns != NULL)
    {
      NflNamespace *ns = nfl_scenario_find_namespace (scenario, self->link_ns);
      NflInterface *iface = ns ? nfl_namespace_find_interface (ns, self->link_iface) : NULL;

      if (iface != NULL && iface->peer != NULL && iface->peer->ns != NULL)
        {
          link_ns = self->link_ns;
          link_iface = self->link_iface;
        }
    }
  /* the strings belong to the old selection: copy before replacing it */
  {
    g_auto(GStrv) keep = g_strdupv ((char **) names->pdata);
    g_autofree char *keep_ns = g_strdup (link_ns);
    g_autofree char *keep_iface = g_strdup (link_iface);

    _nfl_topology_view_set_selection (self, (const char * const *) keep, keep_ns, keep_iface);
  }
}

/* ---------------------------------------------------------------------- */
/* the document                                                            */
/* ---------------------------------------------------------------------- */

static char *
node_summary (NflTopoNode *node)
{
  g_autoptr(GString) interfaces = g_string_new (NULL);

  for (guint p = 0; p < node->n_ports; p++)
    {
      NflTopoPort *port = &node->ports[p];

      if (interfaces->len > 0)
        g_string_append (interfaces, ", ");
      g_string_append (interfaces, port->name);
      if (port->addresses[0] != '\0')
        g_string_append_printf (interfaces, " %s", port->addresses);
    }
  if (node->bridge)
    /* Translators: what a screen reader says of a bridge's box after its
     * name: the namespace it is in, then its ports, "porta, portb" */
    return g_strdup_printf (_("bridge in %s; ports: %s"), node->ns_name, interfaces->str);
  /* Translators: what a screen reader says of a namespace after its
   * name: its role (router or host), then its interfaces with their
   * addresses, "veth1_ns2 10.1.0.1/32, lo 127.0.0.1/8" */
  return g_strdup_printf (_("%s; interfaces: %s"), node->router ? _("router") : _("host"), interfaces->str);
}

/* One NflTopologyNode child per namespace, in the scenario's order (which
 * Tab follows), after the toolbar.  Outside snapshot (): children are
 * added and removed here. */
static void
sync_node_widgets (NflTopologyView *self)
{
  NflTopoGeometry *geometry = _nfl_topology_view_get_geometry (self);
  g_autoptr(GHashTable) before = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) after = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer widget, previous;

  for (guint i = 0; i < self->node_widgets->len; i++)
    {
      widget = g_ptr_array_index (self->node_widgets, i);
      g_hash_table_insert (before, (gpointer) nfl_topology_node_get_name (widget), widget);
    }
  for (guint i = 0; geometry != NULL && i < geometry->n_nodes; i++)
    {
      NflTopoNode *node = &geometry->nodes[i];
      g_autofree char *summary = node_summary (node);

      widget = g_hash_table_lookup (before, node->name);
      if (widget != NULL)
        g_hash_table_remove (before, node->name);
      else
        widget = nfl_topology_node_new (node->name);
      /* in the scenario's order, after the toolbar (moved only when it is
       * not there: a move tells assistive technologies) */
      previous = after->len > 0 ? g_ptr_array_index (after, after->len - 1) : self->toolbar;
      if (gtk_widget_get_parent (widget) != GTK_WIDGET (self) || gtk_widget_get_prev_sibling (widget) != previous)
        gtk_widget_insert_after (widget, GTK_WIDGET (self), previous);
      nfl_topology_node_set_summary (widget, summary);
      g_ptr_array_add (after, widget);
    }
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, NULL, &widget))
    gtk_widget_unparent (widget);
  g_ptr_array_set_size (self->node_widgets, 0);
  g_ptr_array_extend (self->node_widgets, after, NULL, NULL);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* A namespace focused with the keyboard is selected, as a click would. */
static void
nfl_topology_view_set_focus_child (GtkWidget *widget,
                                   GtkWidget *child)
{
  NflTopologyView *self = NFL_TOPOLOGY_VIEW (widget);

  GTK_WIDGET_CLASS (nfl_topology_view_parent_class)->set_focus_child (widget, child);
  if (NFL_IS_TOPOLOGY_NODE (child))
    {
      const char *names[] = { nfl_topology_node_get_name (NFL_TOPOLOGY_NODE (child)), NULL };

      if (!_nfl_topology_view_is_selected (self, names[0]) || g_hash_table_size (self->selected) != 1)
        _nfl_topology_view_set_selection (self, names, NULL, NULL);
    }
  gtk_widget_queue_draw (widget);
}

static void
document_changed_cb (NflTopologyView *self,
                     NflDocument     *document)
{
  NflScenario *scenario = nfl_document_get_scenario (document);
  gboolean fit = FALSE;

  /* another file: none of the namespaces shown is still there */
  if (self->geometry != NULL && self->geometry->n_nodes > 0 && scenario != NULL)
    {
      fit = TRUE;
      for (guint i = 0; i < self->geometry->n_nodes && fit; i++)
        fit = nfl_scenario_find_namespace (scenario, self->geometry->nodes[i].name) == NULL;
    }
  _nfl_topology_view_cancel_drag (self);
  _nfl_topology_view_invalidate (self, TRUE);
  sync_node_widgets (self);
  validate_selection (self);
  _nfl_topology_view_update_actions (self);
  if (fit)
    nfl_topology_view_zoom_to_fit (self);
  if (self->pointer_inside)
    _nfl_topology_view_set_hover (self, _nfl_topology_view_hit (self, self->pointer_x, self->pointer_y));
}

/* ---------------------------------------------------------------------- */
/* drawing                                                                 */
/* ---------------------------------------------------------------------- */

static GskRoundedRect
rounded (const graphene_rect_t *rect,
         double                 radius)
{
  GskRoundedRect rr;

  gsk_rounded_rect_init_from_rect (&rr, rect, MIN (radius, MIN (rect->size.width, rect->size.height) / 2));
  return rr;
}

static void
append_border (GtkSnapshot          *snapshot,
               const GskRoundedRect *rr,
               double                width,
               const GdkRGBA        *color)
{
  float widths[4] = { width, width, width, width };
  GdkRGBA colors[4] = { *color, *color, *color, *color };

  gtk_snapshot_append_border (snapshot, rr, widths, colors);
}

static void
append_circle (GtkSnapshot   *snapshot,
               double         cx,
               double         cy,
               double         r,
               const GdkRGBA *fill,
               double         border,
               const GdkRGBA *border_color)
{
  graphene_rect_t rect = GRAPHENE_RECT_INIT (cx - r, cy - r, 2 * r, 2 * r);
  GskRoundedRect rr = rounded (&rect, r);

  gtk_snapshot_push_rounded_clip (snapshot, &rr);
  gtk_snapshot_append_color (snapshot, fill, &rect);
  gtk_snapshot_pop (snapshot);
  if (border > 0)
    append_border (snapshot, &rr, border, border_color);
}

static double
link_width (NflTopologyView *self)
{
  return MAX (1.25, 2 * MIN (self->zoom, 1.25));
}

static graphene_rect_t
curve_bounds (const graphene_point_t p[4],
              double                 pad)
{
  double x0 = MIN (MIN (p[0].x, p[1].x), MIN (p[2].x, p[3].x));
  double x1 = MAX (MAX (p[0].x, p[1].x), MAX (p[2].x, p[3].x));
  double y0 = MIN (MIN (p[0].y, p[1].y), MIN (p[2].y, p[3].y));
  double y1 = MAX (MAX (p[0].y, p[1].y), MAX (p[2].y, p[3].y));

  return GRAPHENE_RECT_INIT (floor (x0 - pad), floor (y0 - pad), ceil (x1 - x0 + 2 * pad) + 1, ceil (y1 - y0 + 2 * pad) + 1);
}

static void
widget_curve (NflTopologyView   *self,
              NflTopoGeometry   *geometry,
              const NflTopoLink *link,
              graphene_point_t   p[4])
{
  nfl_topo_link_curve (geometry, link, p);
  for (int k = 0; k < 4; k++)
    {
      double x, y;

      _nfl_topology_view_to_widget (self, p[k].x, p[k].y, &x, &y);
      p[k] = GRAPHENE_POINT_INIT (x, y);
    }
}

static void
stroke_curve (GtkSnapshot            *snapshot,
              const graphene_point_t  p[4],
              double                  width,
              const GdkRGBA          *color,
              gboolean                dashed)
{
  graphene_rect_t bounds = curve_bounds (p, width);
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &bounds);

  cairo_set_line_width (cr, width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  if (dashed)
    cairo_set_dash (cr, (double[]) { 6, 5 }, 2, 0);
  nfl_topo_rgba_to_cairo (cr, color);
  cairo_move_to (cr, p[0].x, p[0].y);
  cairo_curve_to (cr, p[1].x, p[1].y, p[2].x, p[2].y, p[3].x, p[3].y);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
snapshot_outline (NflTopologyView *self,
                  GtkSnapshot     *snapshot,
                  NflTopoGeometry *geometry,
                  guint            index,
                  double           width,
                  const GdkRGBA   *color)
{
  graphene_rect_t doc = nfl_topo_node_rect (geometry, index);
  graphene_rect_t rect = to_widget_rect (self, &doc);
  GskRoundedRect rr;

  graphene_rect_inset (&rect, -(width - 1), -(width - 1));
  rr = rounded (&rect, NFL_TOPO_RADIUS * self->zoom + width - 1);
  append_border (snapshot, &rr, width, color);
}

static void
snapshot_handle (NflTopologyView *self,
                 GtkSnapshot     *snapshot,
                 NflTopoGeometry *geometry,
                 guint            index,
                 gboolean         hovered)
{
  const NflTopoPalette *pal = &self->palette;
  double x, y, r = NFL_TOPO_HANDLE_RADIUS * MAX (0.75, MIN (self->zoom, 1.25));
  double bar = round (r * 1.1), thick = MAX (1.5, round (r / 4));

  nfl_topo_handle_center (geometry, index, &x, &y);
  _nfl_topology_view_to_widget (self, x, y, &x, &y);
  append_circle (snapshot, x, y, hovered ? r + 1 : r, &pal->accent_bg, 0, NULL);
  gtk_snapshot_append_color (snapshot, &pal->accent_fg, &GRAPHENE_RECT_INIT (x - bar / 2, y - thick / 2, bar, thick));
  gtk_snapshot_append_color (snapshot, &pal->accent_fg, &GRAPHENE_RECT_INIT (x - thick / 2, y - bar / 2, thick, bar));
}

/* The boxes being dragged and their links, over the tiles (which leave
 * them out): drawn for every frame of the drag. */
static void
snapshot_moving (NflTopologyView *self,
                 GtkSnapshot     *snapshot,
                 NflTopoGeometry *geometry)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  graphene_rect_t seen, bounds = nfl_topo_paint_bounds (geometry, self->zoom, NFL_TOPO_PAINT_MOVING);
  double x, y;
  cairo_t *cr;

  _nfl_topology_view_to_document (self, 0, 0, &x, &y);
  seen = GRAPHENE_RECT_INIT (x, y, width / self->zoom, height / self->zoom);
  /* a node no bigger than what moves: the cairo renderer composites all
   * of a cairo node's area */
  bounds = to_widget_rect (self, &bounds);
  graphene_rect_inset (&bounds, -1, -1);
  if (!graphene_rect_intersection (&bounds, &GRAPHENE_RECT_INIT (0, 0, width, height), &bounds))
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  cairo_translate (cr, self->offset_x, self->offset_y);
  cairo_scale (cr, self->zoom, self->zoom);
  nfl_topo_paint_cairo (cr, geometry, &self->palette, self->zoom, &seen, NFL_TOPO_PAINT_MOVING);
  cairo_destroy (cr);
}

/* hover, selection and whatever a drag shows: every frame */
static void
snapshot_overlay (NflTopologyView *self,
                  GtkSnapshot     *snapshot,
                  NflTopoGeometry *geometry)
{
  const NflTopoPalette *pal = &self->palette;
  int hovered_node = -1;

  if (self->drag_mode == NFL_DRAG_MOVE)
    snapshot_moving (self, snapshot, geometry);

  /* links: the selected one, the one under the pointer */
  for (guint l = 0; l < geometry->n_links; l++)
    {
      NflTopoLink *link = &geometry->links[l];
      NflTopoNode *a = &geometry->nodes[link->node_a];
      NflTopoNode *b = &geometry->nodes[link->node_b];
      gboolean selected = FALSE;
      graphene_point_t p[4];

      if (link->membership)
        continue;
      if (self->link_ns != NULL)
        selected = (g_strcmp0 (self->link_ns, a->ns_name) == 0 && g_strcmp0 (self->link_iface, a->ports[link->port_a].name) == 0) ||
                   (g_strcmp0 (self->link_ns, b->ns_name) == 0 && g_strcmp0 (self->link_iface, b->ports[link->port_b].name) == 0);
      if (!selected && !(self->hover.kind == NFL_HIT_LINK && self->hover.link == (int) l))
        continue;
      widget_curve (self, geometry, link, p);
      if (selected)
        stroke_curve (snapshot, p, link_width (self) + 1.5, &pal->accent_bg, FALSE);
      else
        {
          GdkRGBA c = pal->accent_bg;

          c.alpha *= 0.55;
          stroke_curve (snapshot, p, link_width (self) + 1, &c, FALSE);
        }
    }

  if (self->drag_mode == NFL_DRAG_NONE || self->drag_mode == NFL_DRAG_PENDING)
    hovered_node = self->hover.kind == NFL_HIT_LINK ? -1 : self->hover.node;
  for (guint i = 0; i < geometry->n_nodes; i++)
    {
      NflTopoNode *node = &geometry->nodes[i];
      gboolean selected = _nfl_topology_view_is_selected (self, node->name);

      if (selected)
        snapshot_outline (self, snapshot, geometry, i, 2, &pal->accent_bg);
      else if ((int) i == hovered_node)
        snapshot_outline (self, snapshot, geometry, i, 1, &pal->hover);
    }
  /* the namespace that has the keyboard focus */
  {
    GtkWidget *focus = gtk_widget_get_focus_child (GTK_WIDGET (self));
    int index = NFL_IS_TOPOLOGY_NODE (focus) && gtk_widget_has_visible_focus (focus)
                ? nfl_topo_geometry_find (geometry, nfl_topology_node_get_name (NFL_TOPOLOGY_NODE (focus))) : -1;

    if (index >= 0)
      {
        GdkRGBA ring = pal->accent_bg;

        ring.alpha *= 0.5;
        snapshot_outline (self, snapshot, geometry, index, 5, &ring);
      }
  }
  if (hovered_node >= 0 && self->link_source == NULL)
    snapshot_handle (self, snapshot, geometry, hovered_node, self->hover.kind == NFL_HIT_HANDLE);
  if (self->hover.kind == NFL_HIT_PORT && hovered_node >= 0)
    {
      double x, y;

      nfl_topo_port_center (geometry, self->hover.node, self->hover.port, &x, &y);
      _nfl_topology_view_to_widget (self, x, y, &x, &y);
      append_circle (snapshot, x, y, MAX (4, (NFL_TOPO_PORT_RADIUS + 1) * self->zoom),
                     &pal->accent_bg, 0, NULL);
    }

  /* a link being drawn: from its source to the pointer */
  if (self->drag_mode == NFL_DRAG_LINK || (self->link_source != NULL && self->pointer_inside))
    {
      int source = self->drag_mode == NFL_DRAG_LINK ? self->drag_hit.node
                                                    : nfl_topo_geometry_find (geometry, self->link_source);
      double sx, sy, tx, ty;
      graphene_point_t p[4];

      if (source >= 0)
        {
          if (self->drag_mode == NFL_DRAG_LINK && self->drag_hit.kind == NFL_HIT_PORT)
            nfl_topo_port_center (geometry, source, self->drag_hit.port, &sx, &sy);
          else
            nfl_topo_handle_center (geometry, source, &sx, &sy);
          _nfl_topology_view_to_widget (self, sx, sy, &sx, &sy);
          if (self->drag_mode == NFL_DRAG_LINK)
            {
              tx = self->drag_x + self->drag_dx;
              ty = self->drag_y + self->drag_dy;
            }
          else
            {
              tx = self->pointer_x;
              ty = self->pointer_y;
            }
          p[0] = GRAPHENE_POINT_INIT (sx, sy);
          p[1] = GRAPHENE_POINT_INIT (sx + 40 * self->zoom, sy);
          p[2] = GRAPHENE_POINT_INIT (tx, ty);
          p[3] = GRAPHENE_POINT_INIT (tx, ty);
          snapshot_outline (self, snapshot, geometry, source, 2, &pal->accent_bg);
          if (self->link_target >= 0)
            snapshot_outline (self, snapshot, geometry, self->link_target, 2, &pal->accent_bg);
          stroke_curve (snapshot, p, 2, &pal->accent_bg, TRUE);
          append_circle (snapshot, tx, ty, 4, &pal->accent_bg, 0, NULL);
        }
    }

  if (self->drag_mode == NFL_DRAG_BAND)
    {
      graphene_rect_t band = GRAPHENE_RECT_INIT (self->drag_x, self->drag_y, self->drag_dx, self->drag_dy);
      GskRoundedRect rr;

      graphene_rect_normalize (&band);
      band.size.width = MAX (1, band.size.width);
      band.size.height = MAX (1, band.size.height);
      rr = rounded (&band, 0);
      gtk_snapshot_append_color (snapshot, &pal->band, &band);
      append_border (snapshot, &rr, 1, &pal->accent_bg);
    }
}

static gboolean
more_tiles_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  NflTopologyView *self = NFL_TOPOLOGY_VIEW (widget);

  self->tiles_tick_id = 0;
  gtk_widget_queue_draw (widget);
  return G_SOURCE_REMOVE;
}

/* Where @tiles (drawn at their zoom) are painted for the view as it is
 * now: scaled by the zoom now over theirs, then moved by the offset;
 * @area is the widget in their zoomed pixels. */
static NflTopoPlace
tiles_place (NflTopologyView *self,
             NflTopoTiles    *tiles,
             graphene_rect_t *area)
{
  NflTopoPlace place = { self->zoom / nfl_topo_tiles_get_zoom (tiles), self->offset_x, self->offset_y };

  *area = GRAPHENE_RECT_INIT (-place.x / place.scale, -place.y / place.scale,
                              gtk_widget_get_width (GTK_WIDGET (self)) / place.scale,
                              gtk_widget_get_height (GTK_WIDGET (self)) / place.scale);
  return place;
}

/* With @cr (the cairo renderer) or as texture nodes; @filter: where they
 * are scaled; @missing: where there are none (cairo only) */
static void
paint_tiles (NflTopologyView *self,
             GtkSnapshot     *snapshot,
             cairo_t         *cr,
             NflTopoTiles    *tiles,
             cairo_filter_t   filter,
             const GdkRGBA   *missing)
{
  graphene_rect_t area;
  NflTopoPlace place = tiles_place (self, tiles, &area);

  if (cr != NULL)
    nfl_topo_tiles_paint (tiles, cr, &area, &place, filter, missing);
  else
    {
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (place.x, place.y));
      gtk_snapshot_scale (snapshot, place.scale, place.scale);
      nfl_topo_tiles_append (tiles, snapshot, &area);
      gtk_snapshot_restore (snapshot);
    }
}

/* Background, grid, links and boxes, from the tiles: brought up to date
 * within the frame's budget; while that is not done, the tiles there are
 * (stale ones, or the earlier zoom's scaled where there are none yet)
 * stand in, and another frame follows. */
static void
snapshot_tiles (NflTopologyView *self,
                GtkSnapshot     *snapshot,
                NflTopoGeometry *geometry)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  int scale = gtk_widget_get_scale_factor (widget);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  gint64 now = g_get_monotonic_time ();
  /* the frame's time counts from the change that asked for it (laying
   * out the boxes again is part of it) */
  gint64 deadline = (self->changed_at != 0 && now - self->changed_at < TILE_BUDGET_US ? self->changed_at : now) +
                    TILE_BUDGET_US;
  gboolean complete = FALSE;
  cairo_t *cr = NULL;

  if (self->tiles != NULL && nfl_topo_tiles_get_scale (self->tiles) != scale)
    {
      g_clear_pointer (&self->tiles, nfl_topo_tiles_free);
      g_clear_pointer (&self->stand_in, nfl_topo_tiles_free);
    }
  if (self->tiles == NULL)
    self->tiles = nfl_topo_tiles_new (self->zoom, scale);
  else if (nfl_topo_tiles_get_zoom (self->tiles) != self->zoom &&
           (self->zoom_settle_id == 0 || nfl_topo_tiles_is_empty (self->tiles)))
    {
      /* the zoom has settled: tiles at it, over these until complete;
       * this frame shows these scaled all over, which is its time */
      if (!nfl_topo_tiles_is_empty (self->tiles))
        {
          g_clear_pointer (&self->stand_in, nfl_topo_tiles_free);
          self->stand_in = g_steal_pointer (&self->tiles);
          deadline = now;
        }
      g_clear_pointer (&self->tiles, nfl_topo_tiles_free);
      self->tiles = nfl_topo_tiles_new (self->zoom, scale);
    }

  if (nfl_topo_tiles_get_zoom (self->tiles) == self->zoom)
    {
      graphene_rect_t area;

      tiles_place (self, self->tiles, &area);
      complete = nfl_topo_tiles_update (self->tiles, geometry, self->content_serial, &self->palette, &area, deadline);
      if (complete)
        g_clear_pointer (&self->stand_in, nfl_topo_tiles_free);
      else if (self->tiles_tick_id == 0)
        self->tiles_tick_id = gtk_widget_add_tick_callback (widget, more_tiles_cb, NULL, NULL);
    }
  self->drawn = complete;
  self->changed_at = 0;

  /* The cairo renderer: one cairo node whose recording paints the tiles
   * (it replays the recording, a blit per tile; a texture node would be
   * turned into a new surface every frame).  GL: texture nodes, which it
   * keeps as textures. */
  if (GSK_IS_CAIRO_RENDERER (renderer))
    cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!complete && cr != NULL)
    {
      graphene_rect_t area;
      NflTopoPlace place = tiles_place (self, self->tiles, &area);

      /* where tiles are yet to come, each pixel once: the earlier zoom's
       * tiles, or the background where it has none */
      cairo_save (cr);
      nfl_topo_tiles_clip_to_missing (self->tiles, cr, &area, &place);
      if (self->stand_in != NULL)
        paint_tiles (self, snapshot, cr, self->stand_in, CAIRO_FILTER_FAST, &self->palette.canvas);
      else
        {
          nfl_topo_rgba_to_cairo (cr, &self->palette.canvas);
          cairo_paint (cr);
        }
      cairo_restore (cr);
    }
  else if (!complete)
    {
      gtk_snapshot_append_color (snapshot, &self->palette.canvas, &GRAPHENE_RECT_INIT (0, 0, width, height));
      if (self->stand_in != NULL)
        paint_tiles (self, snapshot, cr, self->stand_in, CAIRO_FILTER_FAST, NULL);
    }
  paint_tiles (self, snapshot, cr, self->tiles, CAIRO_FILTER_FAST, NULL);
  if (cr != NULL)
    cairo_destroy (cr);
}

/* ---------------------------------------------------------------------- */
/* GtkWidget                                                               */
/* ---------------------------------------------------------------------- */

static void
nfl_topology_view_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  NflTopologyView *self = NFL_TOPOLOGY_VIEW (widget);
  NflTopoGeometry *geometry = _nfl_topology_view_get_geometry (self);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  snapshot_tiles (self, snapshot, geometry);
  if (geometry != NULL)
    snapshot_overlay (self, snapshot, geometry);
  if (gtk_widget_has_visible_focus (widget) && gtk_widget_has_focus (widget))
    {
      GskRoundedRect rr = rounded (&GRAPHENE_RECT_INIT (1, 1, width - 2, height - 2), 0);
      GdkRGBA focus = self->palette.accent_bg;

      focus.alpha *= 0.5;
      append_border (snapshot, &rr, 2, &focus);
    }
  gtk_widget_snapshot_child (widget, self->toolbar, snapshot);
}

static void
nfl_topology_view_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  NflTopologyView *self = NFL_TOPOLOGY_VIEW (widget);
  int child_min = 0, child_nat = 0;

  gtk_widget_measure (self->toolbar, orientation, -1, &child_min, &child_nat, NULL, NULL);
  *minimum = child_min;
  *natural = MAX (child_nat, orientation == GTK_ORIENTATION_HORIZONTAL ? 480 : 360);
}

/* Each over its box (where assistive technologies show it). */
static void
allocate_node_widgets (NflTopologyView *self)
{
  NflTopoGeometry *geometry = _nfl_topology_view_get_geometry (self);

  for (guint i = 0; i < self->node_widgets->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (self->node_widgets, i);
      int index = geometry ? nfl_topo_geometry_find (geometry, nfl_topology_node_get_name (NFL_TOPOLOGY_NODE (widget))) : -1;
      graphene_rect_t doc, rect = GRAPHENE_RECT_INIT (0, 0, 1, 1);

      if (index >= 0)
        {
          doc = nfl_topo_node_rect (geometry, index);
          rect = to_widget_rect (self, &doc);
        }
      gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
      gtk_widget_size_allocate (widget, &(GtkAllocation) { rect.origin.x, rect.origin.y, rect.size.width, rect.size.height }, -1);
    }
}

static void
nfl_topology_view_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  NflTopologyView *self = NFL_TOPOLOGY_VIEW (widget);
  int tool_w, tool_h;

  gtk_widget_measure (self->toolbar, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &tool_w, NULL, NULL);
  gtk_widget_measure (self->toolbar, GTK_ORIENTATION_VERTICAL, tool_w, NULL, &tool_h, NULL, NULL);
  gtk_widget_size_allocate (self->toolbar, &(GtkAllocation) { 0, 0, MIN (tool_w, width), MIN (tool_h, height) }, -1);
  _nfl_topology_view_present_popovers (self);
  if (self->fit_pending && width > 1 && height > 1)
    nfl_topology_view_zoom_to_fit (self);
  allocate_node_widgets (self);
}

static void
nfl_topology_view_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  NflTopologyView *self = NFL_TOPOLOGY_VIEW (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA fg, canvas, card, accent_bg, accent_fg, accent;
  NflTopoPalette palette;
  g_autofree char *font = NULL;
  gboolean dark, same_palette, same_font;

  GTK_WIDGET_CLASS (nfl_topology_view_parent_class)->css_changed (widget, change);

  if (!gtk_style_context_lookup_color (context, "window_fg_color", &fg))
    fg = (GdkRGBA) { 0, 0, 0, 0.8 };
  if (!gtk_style_context_lookup_color (context, "window_bg_color", &canvas) &&
      !gtk_style_context_lookup_color (context, "view_bg_color", &canvas))
    canvas = (GdkRGBA) { 0.98, 0.98, 0.98, 1 };
  if (!gtk_style_context_lookup_color (context, "card_bg_color", &card) &&
      !gtk_style_context_lookup_color (context, "view_bg_color", &card))
    card = (GdkRGBA) { 1, 1, 1, 1 };
  if (!gtk_style_context_lookup_color (context, "accent_bg_color", &accent_bg))
    accent_bg = (GdkRGBA) { 0.21, 0.52, 0.89, 1 };
  if (!gtk_style_context_lookup_color (context, "accent_fg_color", &accent_fg))
    accent_fg = (GdkRGBA) { 1, 1, 1, 1 };
  if (!gtk_style_context_lookup_color (context, "accent_color", &accent))
    accent = accent_bg;
  /* dark when the text is lighter than the background */
  dark = (fg.red + fg.green + fg.blue) > (canvas.red + canvas.green + canvas.blue);

  nfl_topo_palette_init (&palette, &fg, &canvas, &card, &accent_bg, &accent_fg, &accent, dark);
  font = pango_font_description_to_string (pango_context_get_font_description (gtk_widget_get_pango_context (widget)));
  same_palette = memcmp (&palette, &self->palette, sizeof palette) == 0 && dark == self->dark;
  same_font = g_strcmp0 (font, self->font) == 0;
  if (same_palette && same_font)
    return;
  self->palette = palette;
  self->dark = dark;
  g_free (self->font);
  self->font = g_steal_pointer (&font);
  /* no tile is right any more */
  g_clear_pointer (&self->tiles, nfl_topo_tiles_free);
  g_clear_pointer (&self->stand_in, nfl_topo_tiles_free);
  if (same_font)
    {
      /* the boxes are laid out as they were: only drawn again */
      if (self->geometry != NULL)
        nfl_topo_geometry_forget_images (self->geometry);
      if (self->previous_geometry != NULL)
        nfl_topo_geometry_forget_images (self->previous_geometry);
      _nfl_topology_view_invalidate (self, FALSE);
    }
  else
    {
      _nfl_topology_view_invalidate (self, TRUE);
      g_clear_pointer (&self->previous_geometry, nfl_topo_geometry_free);
    }
}

/* ---------------------------------------------------------------------- */
/* GObject                                                                 */
/* ---------------------------------------------------------------------- */

static void
nfl_topology_view_dispose (GObject *object)
{
  NflTopologyView *self = NFL_TOPOLOGY_VIEW (object);

  _nfl_topology_view_dispose_input (self);
  g_clear_handle_id (&self->zoom_settle_id, g_source_remove);
  if (self->zoom_animation != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->zoom_animation, self);
      adw_animation_pause (self->zoom_animation);
    }
  g_clear_object (&self->zoom_animation);
  if (self->tiles_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tiles_tick_id);
  self->tiles_tick_id = 0;
  if (self->toolbar != NULL && gtk_widget_get_parent (self->toolbar) == GTK_WIDGET (self))
    gtk_widget_unparent (self->toolbar);
  for (guint i = 0; i < self->node_widgets->len; i++)
    gtk_widget_unparent (g_ptr_array_index (self->node_widgets, i));
  g_ptr_array_set_size (self->node_widgets, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), NFL_TYPE_TOPOLOGY_VIEW);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_pointer (&self->tiles, nfl_topo_tiles_free);
  g_clear_pointer (&self->stand_in, nfl_topo_tiles_free);
  g_clear_pointer (&self->geometry, nfl_topo_geometry_free);
  g_clear_pointer (&self->previous_geometry, nfl_topo_geometry_free);

  G_OBJECT_CLASS (nfl_topology_view_parent_class)->dispose (object);
}

static void
nfl_topology_view_finalize (GObject *object)
{
  NflTopologyView *self = NFL_TOPOLOGY_VIEW (object);

  g_free (self->font);
  g_hash_table_unref (self->selected);
  g_ptr_array_unref (self->node_widgets);
  g_clear_pointer (&self->band_before, g_hash_table_unref);
  g_free (self->link_ns);
  g_free (self->link_iface);
  g_free (self->link_source);
  g_free (self->link_ns_a);
  g_free (self->link_ns_b);
  g_free (self->rename_ns);

  G_OBJECT_CLASS (nfl_topology_view_parent_class)->finalize (object);
}

static void
nfl_topology_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  NflTopologyView *self = NFL_TOPOLOGY_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, nfl_topology_view_get_document (self));
      break;
    case PROP_ZOOM:
      g_value_set_double (value, nfl_topology_view_get_zoom (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nfl_topology_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  NflTopologyView *self = NFL_TOPOLOGY_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      nfl_topology_view_set_document (self, g_value_get_object (value));
      break;
    case PROP_ZOOM:
      nfl_topology_view_set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nfl_topology_view_class_init (NflTopologyViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nfl_topology_view_dispose;
  object_class->finalize = nfl_topology_view_finalize;
  object_class->get_property = nfl_topology_view_get_property;
  object_class->set_property = nfl_topology_view_set_property;

  widget_class->snapshot = nfl_topology_view_snapshot;
  widget_class->measure = nfl_topology_view_measure;
  widget_class->size_allocate = nfl_topology_view_size_allocate;
  widget_class->css_changed = nfl_topology_view_css_changed;
  widget_class->set_focus_child = nfl_topology_view_set_focus_child;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, NFL_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         NFL_TOPOLOGY_VIEW_ZOOM_MIN, NFL_TOPOLOGY_VIEW_ZOOM_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* the selected namespaces or link changed */
  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "nfl-topology-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/netfilterlab/NetfilterLab/nfl-topology-view.ui");
  gtk_widget_class_bind_template_child (widget_class, NflTopologyView, canvas_menu);
  gtk_widget_class_bind_template_child (widget_class, NflTopologyView, link_menu);
  gtk_widget_class_bind_template_child (widget_class, NflTopologyView, namespace_menu);
  gtk_widget_class_bind_template_child (widget_class, NflTopologyView, toolbar);
  _nfl_topology_view_class_init_input (widget_class);
}

static void
nfl_topology_view_init (NflTopologyView *self)
{
  GdkRGBA fg = { 0, 0, 0, 0.8 }, bg = { 0.98, 0.98, 0.98, 1 }, card = { 1, 1, 1, 1 };
  GdkRGBA accent_bg = { 0.21, 0.52, 0.89, 1 }, accent_fg = { 1, 1, 1, 1 };

  self->zoom = 1.0;
  self->offset_x = 0;
  self->offset_y = 0;
  self->fit_pending = TRUE;
  self->selected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->node_widgets = g_ptr_array_new ();
  self->hover = (NflHit) { NFL_HIT_NONE, -1, -1, -1 };
  self->drag_hit = self->hover;
  self->link_target = -1;
  /* until css_changed reads the theme */
  nfl_topo_palette_init (&self->palette, &fg, &bg, &card, &accent_bg, &accent_fg, &accent_bg, FALSE);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  /* Translators: the accessible name of the topology canvas */
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Topology"),
                                  -1);
  _nfl_topology_view_init_input (self);
  _nfl_topology_view_update_actions (self);
}

/* ---------------------------------------------------------------------- */
/* public API                                                              */
/* ---------------------------------------------------------------------- */

GtkWidget *
nfl_topology_view_new (void)
{
  return g_object_new (NFL_TYPE_TOPOLOGY_VIEW, NULL);
}

NflDocument *
nfl_topology_view_get_document (NflTopologyView *self)
{
  g_return_val_if_fail (NFL_IS_TOPOLOGY_VIEW (self), NULL);

  return self->document;
}

void
nfl_topology_view_set_document (NflTopologyView *self,
                                NflDocument     *document)
{
  g_return_if_fail (NFL_IS_TOPOLOGY_VIEW (self));
  g_return_if_fail (document == NULL || NFL_IS_DOCUMENT (document));

  if (self->document == document)
    return;
  _nfl_topology_view_cancel_drag (self);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    g_signal_connect_object (document, "changed", G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
  _nfl_topology_view_invalidate (self, TRUE);
  sync_node_widgets (self);
  _nfl_topology_view_set_selection (self, NULL, NULL, NULL);
  self->fit_pending = TRUE;
  if (gtk_widget_get_width (GTK_WIDGET (self)) > 1)
    nfl_topology_view_zoom_to_fit (self);
  _nfl_topology_view_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

double
nfl_topology_view_get_zoom (NflTopologyView *self)
{
  g_return_val_if_fail (NFL_IS_TOPOLOGY_VIEW (self), 1.0);

  return self->zoom;
}

void
nfl_topology_view_set_zoom (NflTopologyView *self,
                            double           zoom)
{
  g_return_if_fail (NFL_IS_TOPOLOGY_VIEW (self));

  /* around the middle of what is visible */
  _nfl_topology_view_zoom_around (self, zoom,
                                  gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                                  gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

/* Where "Zoom to Fit" goes: every box in view below the toolbar, at most
 * FIT_ZOOM_MAX.  FALSE while the widget has no size yet. */
static gboolean
fit_view (NflTopologyView *self,
          double          *zoom,
          double          *offset_x,
          double          *offset_y)
{
  NflTopoGeometry *geometry;
  graphene_rect_t bounds;
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double top;
  int tool_h = 0;

  if (width <= 1 || height <= 1)
    return FALSE;
  geometry = _nfl_topology_view_get_geometry (self);
  if (geometry == NULL || geometry->n_nodes == 0)
    {
      *zoom = 1.0;
      *offset_x = 0;
      *offset_y = 0;
      return TRUE;
    }
  bounds = nfl_topo_geometry_bounds (geometry);
  gtk_widget_measure (self->toolbar, GTK_ORIENTATION_VERTICAL, -1, NULL, &tool_h, NULL, NULL);
  top = tool_h + 12;
  *zoom = MIN ((width - 2 * FIT_MARGIN) / MAX (1, bounds.size.width),
               (height - top - FIT_MARGIN - FIT_MARGIN / 2) / MAX (1, bounds.size.height));
  *zoom = CLAMP (*zoom, NFL_TOPOLOGY_VIEW_ZOOM_MIN, FIT_ZOOM_MAX);
  *offset_x = (width - bounds.size.width * *zoom) / 2 - bounds.origin.x * *zoom;
  *offset_y = top + FIT_MARGIN / 2 + MAX (0, (height - top - FIT_MARGIN * 1.5 - bounds.size.height * *zoom) / 2) -
              bounds.origin.y * *zoom;
  return TRUE;
}

void
nfl_topology_view_zoom_to_fit (NflTopologyView *self)
{
  double zoom, offset_x, offset_y;

  g_return_if_fail (NFL_IS_TOPOLOGY_VIEW (self));

  self->fit_pending = !fit_view (self, &zoom, &offset_x, &offset_y);
  if (!self->fit_pending)
    set_view (self, zoom, offset_x, offset_y);
}

/* The zoom buttons and keys move the view there in a fifth of a second:
 * the zoom geometrically (each step looks alike), the point in the middle
 * of the view in a straight line.  Frames in between scale the tiles
 * there are, and tiles are drawn at the end (no animation, and no
 * waiting, when animations are off). */
static void
zoom_animation_cb (double   value,
                   gpointer user_data)
{
  NflTopologyView *self = user_data;
  double zoom = exp (log (self->animation_from[0]) + (log (self->animation_to[0]) - log (self->animation_from[0])) * value);
  double x = self->animation_from[1] + (self->animation_to[1] - self->animation_from[1]) * value;
  double y = self->animation_from[2] + (self->animation_to[2] - self->animation_from[2]) * value;

  set_view (self, zoom, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0 - x * zoom,
            gtk_widget_get_height (GTK_WIDGET (self)) / 2.0 - y * zoom);
}

static void
zoom_animation_done_cb (NflTopologyView *self)
{
  _nfl_topology_view_settle_zoom (self);
}

void
_nfl_topology_view_stop_zoom_animation (NflTopologyView *self)
{
  if (self->zoom_animation != NULL && adw_animation_get_state (self->zoom_animation) == ADW_ANIMATION_PLAYING)
    adw_animation_pause (self->zoom_animation);
}

void
_nfl_topology_view_animate_zoom (NflTopologyView *self,
                                 gboolean         fit,
                                 double           factor)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double zoom, offset_x, offset_y, from_zoom = self->zoom;

  if (fit && !fit_view (self, &zoom, &offset_x, &offset_y))
    {
      self->fit_pending = TRUE;
      return;
    }
  /* a step more from where a running animation goes */
  if (!fit && self->zoom_animation != NULL && adw_animation_get_state (self->zoom_animation) == ADW_ANIMATION_PLAYING)
    from_zoom = self->animation_to[0];
  self->animation_from[0] = self->zoom;
  self->animation_from[1] = (width / 2 - self->offset_x) / self->zoom;
  self->animation_from[2] = (height / 2 - self->offset_y) / self->zoom;
  if (fit)
    {
      self->animation_to[0] = zoom;
      self->animation_to[1] = (width / 2 - offset_x) / zoom;
      self->animation_to[2] = (height / 2 - offset_y) / zoom;
    }
  else
    {
      /* around the middle: it stays where it is */
      self->animation_to[0] = CLAMP (from_zoom * factor, NFL_TOPOLOGY_VIEW_ZOOM_MIN, NFL_TOPOLOGY_VIEW_ZOOM_MAX);
      self->animation_to[1] = self->animation_from[1];
      self->animation_to[2] = self->animation_from[2];
    }
  if (self->zoom_animation == NULL)
    {
      AdwAnimationTarget *target = adw_callback_animation_target_new (zoom_animation_cb, self, NULL);

      self->zoom_animation = adw_timed_animation_new (GTK_WIDGET (self), 0, 1, ZOOM_ANIMATION_MS, target);
      adw_timed_animation_set_easing (ADW_TIMED_ANIMATION (self->zoom_animation), ADW_EASE_OUT_CUBIC);
      g_signal_connect_swapped (self->zoom_animation, "done", G_CALLBACK (zoom_animation_done_cb), self);
    }
  adw_animation_reset (self->zoom_animation);
  adw_animation_play (self->zoom_animation);
}

GStrv
nfl_topology_view_dup_selected_namespaces (NflTopologyView *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  NflScenario *scenario;

  g_return_val_if_fail (NFL_IS_TOPOLOGY_VIEW (self), NULL);

  scenario = self->document ? nfl_document_get_scenario (self->document) : NULL;
  if (scenario != NULL)
    {
      GPtrArray *namespaces = nfl_scenario_get_namespaces (scenario);

      for (guint i = 0; i < namespaces->len; i++)
        {
          NflNamespace *ns = g_ptr_array_index (namespaces, i);

          if (g_hash_table_contains (self->selected, ns->name))
            g_strv_builder_add (builder, ns->name);
        }
    }
  return g_strv_builder_end (builder);
}

GStrv
nfl_topology_view_dup_selected_nodes (NflTopologyView *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  NflTopoGeometry *geometry;

  g_return_val_if_fail (NFL_IS_TOPOLOGY_VIEW (self), NULL);

  geometry = _nfl_topology_view_get_geometry (self);
  for (guint i = 0; geometry != NULL && i < geometry->n_nodes; i++)
    if (g_hash_table_contains (self->selected, geometry->nodes[i].name))
      g_strv_builder_add (builder, geometry->nodes[i].name);
  return g_strv_builder_end (builder);
}

gboolean
nfl_topology_view_get_selected_link (NflTopologyView  *self,
                                     char            **ns,
                                     char            **iface)
{
  g_return_val_if_fail (NFL_IS_TOPOLOGY_VIEW (self), FALSE);

  if (ns != NULL)
    *ns = g_strdup (self->link_ns);
  if (iface != NULL)
    *iface = g_strdup (self->link_iface);
  return self->link_ns != NULL;
}

void
nfl_topology_view_select_namespace (NflTopologyView *self,
                                    const char      *name)
{
  const char *names[] = { name, NULL };

  g_return_if_fail (NFL_IS_TOPOLOGY_VIEW (self));

  _nfl_topology_view_set_selection (self, name ? names : NULL, NULL, NULL);
}

void
nfl_topology_view_select_link (NflTopologyView *self,
                               const char      *ns,
                               const char      *iface)
{
  g_return_if_fail (NFL_IS_TOPOLOGY_VIEW (self));
  g_return_if_fail (ns == NULL || iface != NULL);

  _nfl_topology_view_set_selection (self, NULL, ns, iface);
}

/* ---- export ------------------------------------------------------------- */

typedef struct {
  GOutputStream *stream;
  GError        *error;
} ExportStream;

static cairo_status_t
export_write (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  ExportStream *out = closure;

  if (out->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  if (!g_output_stream_write_all (out->stream, data, length, NULL, NULL, &out->error))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

gboolean
nfl_topology_view_export_image (NflTopologyView  *self,
                                GFile            *file,
                                const char       *format,
                                GError          **error)
{
  NflTopoGeometry *geometry = NULL;
  NflTopoPalette palette;
  graphene_rect_t bounds;
  ExportStream out = { NULL, NULL };
  PangoContext *context = NULL;
  g_autoptr(PangoFontDescription) font = NULL;
  cairo_font_options_t *options;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double width, height, scale = 1.0, margin = 32;
  gboolean png;

  g_return_val_if_fail (NFL_IS_TOPOLOGY_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (format != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  png = g_str_equal (format, "png");
  if (!png && !g_str_equal (format, "svg") && !g_str_equal (format, "pdf"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   /* Translators: %s is a file format */
                   _("Images cannot be saved as “%s”"), format);
      return FALSE;
    }
  if (self->document != NULL && nfl_document_get_scenario (self->document) != NULL)
    geometry = nfl_topo_geometry_new (nfl_document_get_scenario (self->document));

  /* the same font as on screen, at the resolution cairo's units assume */
  context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (context, 96);
  font = pango_font_description_copy (pango_context_get_font_description (gtk_widget_get_pango_context (GTK_WIDGET (self))));
  pango_context_set_font_description (context, font);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);

  if (geometry != NULL && geometry->n_nodes > 0)
    {
      nfl_topo_geometry_ensure_layouts (geometry, context, NULL);
      bounds = nfl_topo_geometry_bounds (geometry);
    }
  else
    bounds = GRAPHENE_RECT_INIT (0, 0, 160, 80);
  width = ceil (bounds.size.width + 2 * margin);
  height = ceil (bounds.size.height + 2 * margin);

  out.stream = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error));
  if (out.stream == NULL)
    {
      nfl_topo_geometry_free (geometry);
      g_object_unref (context);
      return FALSE;
    }
  if (png)
    {
      scale = 2.0;   /* sharp on high-resolution screens and in print */
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
    }
  else if (g_str_equal (format, "svg"))
    surface = cairo_svg_surface_create_for_stream (export_write, &out, width, height);
  else
    surface = cairo_pdf_surface_create_for_stream (export_write, &out, width, height);

  nfl_topo_palette_init_light (&palette);
  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  nfl_topo_rgba_to_cairo (cr, &palette.canvas);
  cairo_paint (cr);
  cairo_translate (cr, margin - bounds.origin.x, margin - bounds.origin.y);
  pango_cairo_update_context (cr, context);
  if (geometry != NULL && geometry->n_nodes > 0)
    nfl_topo_paint_cairo (cr, geometry, &palette, 1.0, NULL, NFL_TOPO_PAINT_ALL);
  cairo_destroy (cr);
  if (png)
    status = cairo_surface_write_to_png_stream (surface, export_write, &out);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);
  nfl_topo_geometry_free (geometry);
  g_object_unref (context);

  if (out.error == NULL && status != CAIRO_STATUS_SUCCESS)
    g_set_error (&out.error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 /* Translators: %s says why, from the drawing library */
                 _("The image could not be drawn: %s"), cairo_status_to_string (status));
  if (out.error == NULL)
    g_output_stream_close (out.stream, NULL, &out.error);
  else
    g_output_stream_close (out.stream, NULL, NULL);
  g_object_unref (out.stream);
  if (out.error != NULL)
    {
      g_propagate_error (error, out.error);
      return FALSE;
    }
  return TRUE;
}
