/* nfl-topology-painter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "nfl-topology-painter.h"

/* ---------------------------------------------------------------------- */
/* colours                                                                 */
/* ---------------------------------------------------------------------- */

static GdkRGBA
with_alpha (const GdkRGBA *rgba,
            double         alpha)
{
  return (GdkRGBA) { rgba->red, rgba->green, rgba->blue, rgba->alpha * alpha };
}

/* @top laid over the opaque @bottom */
static GdkRGBA
over (const GdkRGBA *top,
      const GdkRGBA *bottom)
{
  double a = top->alpha;

  return (GdkRGBA) {
    top->red * a + bottom->red * (1 - a),
    top->green * a + bottom->green * (1 - a),
    top->blue * a + bottom->blue * (1 - a),
    1.0,
  };
}

void
nfl_topo_palette_init (NflTopoPalette *palette,
                       const GdkRGBA  *fg,
                       const GdkRGBA  *canvas,
                       const GdkRGBA  *card,
                       const GdkRGBA  *accent_bg,
                       const GdkRGBA  *accent_fg,
                       const GdkRGBA  *accent,
                       gboolean        dark)
{
  GdkRGBA opaque_canvas = *canvas;

  g_return_if_fail (palette != NULL);

  opaque_canvas.alpha = 1.0;
  palette->canvas = opaque_canvas;
  palette->card = over (card, &opaque_canvas);
  palette->fg = *fg;
  palette->dim = with_alpha (fg, 0.62);
  palette->faint = with_alpha (fg, 0.40);
  palette->border = with_alpha (fg, dark ? 0.16 : 0.13);
  palette->separator = with_alpha (fg, dark ? 0.10 : 0.08);
  palette->shadow = (GdkRGBA) { 0, 0, 0, dark ? 0.35 : 0.09 };
  palette->link = with_alpha (fg, 0.50);
  palette->grid = with_alpha (fg, dark ? 0.13 : 0.11);
  palette->pill = with_alpha (fg, 0.07);
  palette->accent_bg = *accent_bg;
  palette->accent_fg = *accent_fg;
  palette->accent = *accent;
  palette->accent_pill = with_alpha (accent_bg, dark ? 0.25 : 0.14);
  palette->hover = with_alpha (fg, 0.35);
  palette->band = with_alpha (accent_bg, 0.15);
}

void
nfl_topo_palette_init_light (NflTopoPalette *palette)
{
  /* libadwaita 1.2's light style */
  GdkRGBA fg = { 0, 0, 0, 0.8 };
  GdkRGBA canvas = { 0xfa / 255.0, 0xfa / 255.0, 0xfa / 255.0, 1 };
  GdkRGBA card = { 1, 1, 1, 1 };
  GdkRGBA accent_bg = { 0x35 / 255.0, 0x84 / 255.0, 0xe4 / 255.0, 1 };
  GdkRGBA accent_fg = { 1, 1, 1, 1 };
  GdkRGBA accent = { 0x1c / 255.0, 0x71 / 255.0, 0xd8 / 255.0, 1 };

  nfl_topo_palette_init (palette, &fg, &canvas, &card, &accent_bg, &accent_fg, &accent, FALSE);
}

void
nfl_topo_rgba_to_cairo (cairo_t       *cr,
                        const GdkRGBA *rgba)
{
  cairo_set_source_rgba (cr, rgba->red, rgba->green, rgba->blue, rgba->alpha);
}

/* ---------------------------------------------------------------------- */
/* geometry                                                                */
/* ---------------------------------------------------------------------- */

static void
port_clear (NflTopoPort *port)
{
  g_free (port->name);
  g_free (port->addresses);
  g_clear_object (&port->label);
  g_clear_object (&port->address);
}

void
nfl_topo_geometry_free (NflTopoGeometry *geometry)
{
  if (geometry == NULL)
    return;
  for (guint i = 0; i < geometry->n_nodes; i++)
    {
      NflTopoNode *node = &geometry->nodes[i];

      for (guint p = 0; p < node->n_ports; p++)
        port_clear (&node->ports[p]);
      g_free (node->ports);
      g_free (node->name);
      g_free (node->ns_name);
      g_free (node->label);
      g_clear_object (&node->title);
      g_clear_object (&node->role);
      g_clear_pointer (&node->image, cairo_surface_destroy);
    }
  g_free (geometry->nodes);
  g_free (geometry->links);
  g_clear_pointer (&geometry->by_name, g_hash_table_unref);
  g_free (geometry);
}

/* FNV-1a, 64 bits: fingerprints of what a tile shows (a hash table's
 * 32-bit hashes would collide too often across thousands of tiles) */
#define FNV_OFFSET 14695981039346656037ull
#define FNV_PRIME  1099511628211ull

static guint64
hash_bytes (guint64       hash,
            gconstpointer data,
            gsize         size)
{
  const guint8 *p = data;

  for (gsize i = 0; i < size; i++)
    hash = (hash ^ p[i]) * FNV_PRIME;
  return hash;
}

static guint64
hash_string (guint64     hash,
             const char *text)
{
  /* the terminating zero too: "ab" + "c" differs from "a" + "bc" */
  return hash_bytes (hash, text ? text : "", text ? strlen (text) + 1 : 1);
}

static guint64
hash_double (guint64 hash,
             double  value)
{
  return hash_bytes (hash, &value, sizeof value);
}

static guint64
node_hash (const NflTopoNode *node)
{
  guint64 hash = hash_string (FNV_OFFSET, node->name);

  hash = hash_bytes (hash, &node->router, sizeof node->router);
  hash = hash_bytes (hash, &node->bridge, sizeof node->bridge);
  hash = hash_bytes (hash, &node->header_side, sizeof node->header_side);
  hash = hash_double (hash, node->height);
  for (guint p = 0; p < node->n_ports; p++)
    {
      const NflTopoPort *port = &node->ports[p];
      gboolean linked = port->peer_node >= 0;

      hash = hash_string (hash, port->name);
      hash = hash_string (hash, port->addresses);
      hash = hash_bytes (hash, &port->loopback, sizeof port->loopback);
      hash = hash_bytes (hash, &port->side, sizeof port->side);
      hash = hash_bytes (hash, &linked, sizeof linked);
      hash = hash_double (hash, port->row_y);
    }
  return hash;
}

char *
nfl_topo_bridge_node_name (const char *ns,
                           const char *bridge)
{
  return g_strconcat (ns, "/", bridge, NULL);
}

static void
add_row (NflTopoNode  *node,
         NflInterface *iface,
         double       *y)
{
  NflTopoPort *port = &node->ports[node->n_ports++];

  port->name = g_strdup (iface->name);
  port->addresses = nfl_interface_dup_addresses_text (iface);
  port->loopback = iface->is_loopback;
  port->up = iface->up;
  port->peer_node = -1;
  port->peer_port = -1;
  port->row_y = *y;
  port->row_height = iface->is_loopback ? NFL_TOPO_LO_ROW_HEIGHT : NFL_TOPO_ROW_HEIGHT;
  port->side = iface->is_loopback ? NFL_TOPO_SIDE_NONE : NFL_TOPO_SIDE_RIGHT;
  *y += port->row_height;
}

/* The side of @node a line to @peer leaves by. */
static NflTopoSide
side_towards (const NflTopoNode *node,
              guint              index,
              const NflTopoNode *peer,
              guint              other)
{
  if (other == index)
    return NFL_TOPO_SIDE_RIGHT;
  if (peer->x + NFL_TOPO_NODE_WIDTH / 2 < node->x + NFL_TOPO_NODE_WIDTH / 2)
    return NFL_TOPO_SIDE_LEFT;
  if (G_APPROX_VALUE (peer->x, node->x, 0.5))
    return other < index ? NFL_TOPO_SIDE_LEFT : NFL_TOPO_SIDE_RIGHT;
  return NFL_TOPO_SIDE_RIGHT;
}

/* The box that shows @iface: its bridge's for a port, else its namespace's. */
static int
box_of (NflTopoGeometry    *geometry,
        const NflInterface *iface)
{
  g_autofree char *name = NULL;

  if (iface->ns == NULL)
    return -1;
  if (iface->master == NULL)
    return nfl_topo_geometry_find (geometry, iface->ns->name);
  name = nfl_topo_bridge_node_name (iface->ns->name, iface->master->name);
  return nfl_topo_geometry_find (geometry, name);
}

NflTopoGeometry *
nfl_topo_geometry_new (NflScenario *scenario)
{
  NflTopoGeometry *geometry = g_new0 (NflTopoGeometry, 1);
  GPtrArray *namespaces;
  GArray *links = g_array_new (FALSE, FALSE, sizeof (NflTopoLink));
  g_autoptr(GPtrArray) ifaces = g_ptr_array_new ();   /* by box: NflInterface* of each row */
  g_autoptr(GPtrArray) bridges = g_ptr_array_new ();  /* NflInterface* */
  guint n_namespaces;

  g_return_val_if_fail (NFL_IS_SCENARIO (scenario), geometry);

  namespaces = nfl_scenario_get_namespaces (scenario);
  n_namespaces = namespaces->len;
  for (guint i = 0; i < namespaces->len; i++)
    {
      NflNamespace *ns = g_ptr_array_index (namespaces, i);
      for (guint k = 0; k < ns->interfaces->len; k++)
        if (((NflInterface *) g_ptr_array_index (ns->interfaces, k))->is_bridge)
          g_ptr_array_add (bridges, g_ptr_array_index (ns->interfaces, k));
    }
  geometry->n_nodes = n_namespaces + bridges->len;
  geometry->nodes = g_new0 (NflTopoNode, MAX (1, geometry->n_nodes));
  geometry->by_name = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < geometry->n_nodes; i++)
    {
      NflTopoNode *node = &geometry->nodes[i];
      NflNamespace *ns;
      NflInterface *bridge = NULL;
      GPtrArray *rows = g_ptr_array_new ();
      double y = NFL_TOPO_HEADER_HEIGHT + 4;

      if (i < n_namespaces)
        {
          ns = g_ptr_array_index (namespaces, i);
          node->name = g_strdup (ns->name);
          node->label = g_strdup (ns->name);
          node->router = ns->ip_forward;
          node->x = ns->x;
          node->y = ns->y;
          /* the rows: veth ends and bridges in the order of the namespace
           * (not the bridges' ports: they are in the bridge's box), lo last
           * and faint */
          for (int pass = 0; pass < 2; pass++)
            for (guint k = 0; k < ns->interfaces->len; k++)
              {
                NflInterface *iface = g_ptr_array_index (ns->interfaces, k);
                if (iface->is_loopback == (pass == 1) && iface->master == NULL)
                  g_ptr_array_add (rows, iface);
              }
        }
      else
        {
          bridge = g_ptr_array_index (bridges, i - n_namespaces);
          ns = bridge->ns;
          node->name = nfl_topo_bridge_node_name (ns->name, bridge->name);
          node->label = g_strdup (bridge->name);
          node->bridge = TRUE;
          node->x = bridge->x;
          node->y = bridge->y;
          for (guint k = 0; k < ns->interfaces->len; k++)
            {
              NflInterface *iface = g_ptr_array_index (ns->interfaces, k);
              if (iface->master == bridge)
                g_ptr_array_add (rows, iface);
            }
        }
      node->ns_name = g_strdup (ns->name);
      g_hash_table_insert (geometry->by_name, node->name, GUINT_TO_POINTER (i + 1));
      node->ports = g_new0 (NflTopoPort, MAX (1, rows->len));
      for (guint r = 0; r < rows->len; r++)
        add_row (node, g_ptr_array_index (rows, r), &y);
      node->height = MAX (y + 6, NFL_TOPO_HEADER_HEIGHT + 30);
      g_ptr_array_add (ifaces, rows);
    }

  /* peers, sides and links (each pair once) */
  for (guint i = 0; i < geometry->n_nodes; i++)
    {
      NflTopoNode *node = &geometry->nodes[i];
      GPtrArray *rows = g_ptr_array_index (ifaces, i);

      for (guint p = 0; p < node->n_ports; p++)
        {
          NflTopoPort *port = &node->ports[p];
          NflInterface *iface = g_ptr_array_index (rows, p);
          NflTopoNode *peer;
          int other;

          if (port->loopback)
            continue;
          if (iface->is_bridge)
            {
              /* the bridge's row, to the bridge's box */
              g_autofree char *box = nfl_topo_bridge_node_name (node->name, iface->name);
              NflTopoLink link = { i, p, 0, 0, TRUE };

              if ((other = nfl_topo_geometry_find (geometry, box)) < 0)
                continue;
              port->peer_node = other;
              port->side = side_towards (node, i, &geometry->nodes[other], other);
              geometry->nodes[other].header_side = side_towards (&geometry->nodes[other], other, node, i);
              if (geometry->nodes[other].y > node->y + node->height - NFL_TOPO_ROW_HEIGHT &&
                  fabs (geometry->nodes[other].x - node->x) < NFL_TOPO_NODE_WIDTH)
                {
                  /* under its namespace: down from the row's side into the top */
                  geometry->nodes[other].header_side = NFL_TOPO_SIDE_NONE;
                  port->side = NFL_TOPO_SIDE_RIGHT;
                }
              link.node_b = other;
              link.port_b = geometry->nodes[other].n_ports;
              g_array_append_val (links, link);
              continue;
            }
          if (iface->peer == NULL || (other = box_of (geometry, iface->peer)) < 0)
            continue;
          peer = &geometry->nodes[other];
          {
            GPtrArray *peer_rows = g_ptr_array_index (ifaces, other);
            guint q;
            if (g_ptr_array_find (peer_rows, iface->peer, &q))
              port->peer_port = q;
          }
          if (port->peer_port < 0)
            continue;
          port->peer_node = other;
          port->side = side_towards (node, i, peer, other);
          if ((guint) other > i || ((guint) other == i && (guint) port->peer_port > p))
            {
              NflTopoLink link = { i, p, other, port->peer_port, FALSE };
              g_array_append_val (links, link);
            }
        }
    }
  g_ptr_array_set_free_func (ifaces, (GDestroyNotify) g_ptr_array_unref);
  geometry->n_links = links->len;
  geometry->links = (NflTopoLink *) (void *) g_array_free (links, FALSE);
  for (guint i = 0; i < geometry->n_nodes; i++)
    geometry->nodes[i].hash = node_hash (&geometry->nodes[i]);
  return geometry;
}

void
nfl_topo_geometry_forget_images (NflTopoGeometry *geometry)
{
  g_return_if_fail (geometry != NULL);

  for (guint i = 0; i < geometry->n_nodes; i++)
    g_clear_pointer (&geometry->nodes[i].image, cairo_surface_destroy);
}

int
nfl_topo_geometry_find (NflTopoGeometry *geometry,
                        const char      *name)
{
  g_return_val_if_fail (geometry != NULL, -1);

  if (name == NULL)
    return -1;
  return GPOINTER_TO_UINT (g_hash_table_lookup (geometry->by_name, name)) - 1;
}

static PangoLayout *
make_layout (PangoContext               *context,
             const PangoFontDescription *font,
             const char                 *text,
             double                      width)
{
  PangoLayout *layout = pango_layout_new (context);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  return layout;
}

/* The layouts and the image of the box that showed the same before the
 * change: laid out and drawn already, they are not made again. */
static gboolean
take_layouts (NflTopoNode     *node,
              NflTopoGeometry *previous)
{
  int index = previous ? nfl_topo_geometry_find (previous, node->name) : -1;
  NflTopoNode *before;

  if (index < 0)
    return FALSE;
  before = &previous->nodes[index];
  if (before->hash != node->hash || before->title == NULL || before->n_ports != node->n_ports)
    return FALSE;
  node->title = g_steal_pointer (&before->title);
  node->role = g_steal_pointer (&before->role);
  node->image = g_steal_pointer (&before->image);
  node->image_scale = before->image_scale;
  node->image_zoom = before->image_zoom;
  for (guint p = 0; p < node->n_ports; p++)
    {
      node->ports[p].label = g_steal_pointer (&before->ports[p].label);
      node->ports[p].address = g_steal_pointer (&before->ports[p].address);
    }
  return TRUE;
}

void
nfl_topo_geometry_ensure_layouts (NflTopoGeometry *geometry,
                                  PangoContext    *context,
                                  NflTopoGeometry *previous)
{
  const PangoFontDescription *base;
  g_autoptr(PangoFontDescription) title_font = NULL;
  g_autoptr(PangoFontDescription) small_font = NULL;
  double inner = NFL_TOPO_NODE_WIDTH - 2 * NFL_TOPO_PADDING;
  int size;

  g_return_if_fail (geometry != NULL);
  g_return_if_fail (PANGO_IS_CONTEXT (context));

  if (geometry->has_layouts)
    return;
  base = pango_context_get_font_description (context);
  title_font = base ? pango_font_description_copy (base) : pango_font_description_from_string ("Sans 11");
  size = pango_font_description_get_size (title_font);
  if (size <= 0)
    size = 11 * PANGO_SCALE;
  pango_font_description_set_size (title_font, size);
  pango_font_description_set_weight (title_font, PANGO_WEIGHT_BOLD);
  small_font = pango_font_description_copy (title_font);
  pango_font_description_set_weight (small_font, PANGO_WEIGHT_NORMAL);
  pango_font_description_set_size (small_font, (int) (size * 0.82));

  for (guint i = 0; i < geometry->n_nodes; i++)
    {
      NflTopoNode *node = &geometry->nodes[i];
      PangoRectangle logical;

      if (take_layouts (node, previous))
        continue;
      /* Translators: the role of a namespace that forwards packets (ip_forward is on) */
      /* Translators: the role badges of a box: a namespace that forwards
       * (ip_forward is on), one that does not, a Linux bridge */
      node->role = make_layout (context, small_font,
                                node->bridge ? _("bridge") : node->router ? _("router") : _("host"), inner / 2);
      pango_layout_get_extents (node->role, NULL, &logical);
      node->title = make_layout (context, title_font, node->label,
                                 inner - (double) logical.width / PANGO_SCALE - 20);
      for (guint p = 0; p < node->n_ports; p++)
        {
          NflTopoPort *port = &node->ports[p];

          if (port->loopback)
            {
              g_autofree char *text = port->addresses[0] ? g_strdup_printf ("%s  %s", port->name, port->addresses)
                                                         : g_strdup (port->name);
              port->label = make_layout (context, small_font, text, inner);
            }
          else
            {
              port->label = make_layout (context, small_font, port->name, inner);
              port->address = make_layout (context, small_font, port->addresses, inner);
            }
          if (port->side == NFL_TOPO_SIDE_RIGHT)
            {
              pango_layout_set_alignment (port->label, PANGO_ALIGN_RIGHT);
              if (port->address != NULL)
                pango_layout_set_alignment (port->address, PANGO_ALIGN_RIGHT);
            }
        }
    }
  geometry->has_layouts = TRUE;
}

graphene_rect_t
nfl_topo_node_rect (NflTopoGeometry *geometry,
                    guint            node)
{
  NflTopoNode *n;
  double dx = 0, dy = 0;

  g_assert (geometry != NULL && node < geometry->n_nodes);
  n = &geometry->nodes[node];
  if (n->moving)
    {
      dx = geometry->move_dx;
      dy = geometry->move_dy;
    }
  return GRAPHENE_RECT_INIT (n->x + dx, n->y + dy, NFL_TOPO_NODE_WIDTH, n->height);
}

void
nfl_topo_port_center (NflTopoGeometry *geometry,
                      guint            node,
                      guint            port,
                      double          *x,
                      double          *y)
{
  graphene_rect_t rect = nfl_topo_node_rect (geometry, node);
  NflTopoPort *p;

  g_assert (port <= geometry->nodes[node].n_ports);
  if (port == geometry->nodes[node].n_ports)
    {
      /* a bridge box's header, where the line from its namespace arrives */
      if (geometry->nodes[node].header_side == NFL_TOPO_SIDE_NONE)
        {
          *x = rect.origin.x + rect.size.width - NFL_TOPO_RADIUS * 2;
          *y = rect.origin.y;
          return;
        }
      *x = geometry->nodes[node].header_side == NFL_TOPO_SIDE_LEFT ? rect.origin.x : rect.origin.x + rect.size.width;
      *y = rect.origin.y + NFL_TOPO_HEADER_HEIGHT / 2;
      return;
    }
  p = &geometry->nodes[node].ports[port];
  *x = p->side == NFL_TOPO_SIDE_LEFT ? rect.origin.x : rect.origin.x + rect.size.width;
  *y = rect.origin.y + p->row_y + p->row_height / 2;
}

void
nfl_topo_handle_center (NflTopoGeometry *geometry,
                        guint            node,
                        double          *x,
                        double          *y)
{
  graphene_rect_t rect = nfl_topo_node_rect (geometry, node);

  /* just outside the edge, clear of the role badge */
  *x = rect.origin.x + rect.size.width + NFL_TOPO_HANDLE_RADIUS / 2;
  *y = rect.origin.y + NFL_TOPO_HEADER_HEIGHT / 2;
}

void
nfl_topo_link_curve (NflTopoGeometry   *geometry,
                     const NflTopoLink *link,
                     graphene_point_t   points[4])
{
  NflTopoPort *a = &geometry->nodes[link->node_a].ports[link->port_a];
  double ax, ay, bx, by, reach;

  nfl_topo_port_center (geometry, link->node_a, link->port_a, &ax, &ay);
  nfl_topo_port_center (geometry, link->node_b, link->port_b, &bx, &by);
  reach = MAX (36.0, fabs (bx - ax) / 2);
  points[0] = GRAPHENE_POINT_INIT (ax, ay);
  points[1] = GRAPHENE_POINT_INIT (ax + a->side * reach, ay);
  if (link->membership && geometry->nodes[link->node_b].header_side == NFL_TOPO_SIDE_NONE)
    {
      /* out of the row's side, down into the top of the box */
      points[1] = GRAPHENE_POINT_INIT (ax + 36, ay);
      points[2] = GRAPHENE_POINT_INIT (bx, by - MAX (24.0, (by - ay) / 2));
    }
  else if (link->membership)
    points[2] = GRAPHENE_POINT_INIT (bx + geometry->nodes[link->node_b].header_side * reach, by);
  else
    points[2] = GRAPHENE_POINT_INIT (bx + geometry->nodes[link->node_b].ports[link->port_b].side * reach, by);
  points[3] = GRAPHENE_POINT_INIT (bx, by);
}

static graphene_point_t
bezier_at (const graphene_point_t p[4],
           double                 t)
{
  double u = 1 - t;
  double a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;

  return GRAPHENE_POINT_INIT (a * p[0].x + b * p[1].x + c * p[2].x + d * p[3].x,
                              a * p[0].y + b * p[1].y + c * p[2].y + d * p[3].y);
}

static double
segment_distance (graphene_point_t a,
                  graphene_point_t b,
                  double           x,
                  double           y)
{
  double vx = b.x - a.x, vy = b.y - a.y;
  double len2 = vx * vx + vy * vy;
  double t = len2 > 0 ? ((x - a.x) * vx + (y - a.y) * vy) / len2 : 0;

  t = CLAMP (t, 0, 1);
  return hypot (a.x + t * vx - x, a.y + t * vy - y);
}

gboolean
nfl_topo_curve_hit (const graphene_point_t points[4],
                    double                 x,
                    double                 y,
                    double                 tolerance)
{
  graphene_point_t previous = points[0];
  double min_x = MIN (MIN (points[0].x, points[1].x), MIN (points[2].x, points[3].x));
  double max_x = MAX (MAX (points[0].x, points[1].x), MAX (points[2].x, points[3].x));
  double min_y = MIN (MIN (points[0].y, points[1].y), MIN (points[2].y, points[3].y));
  double max_y = MAX (MAX (points[0].y, points[1].y), MAX (points[2].y, points[3].y));

  if (x < min_x - tolerance || x > max_x + tolerance || y < min_y - tolerance || y > max_y + tolerance)
    return FALSE;
  for (int i = 1; i <= 24; i++)
    {
      graphene_point_t next = bezier_at (points, i / 24.0);

      if (segment_distance (previous, next, x, y) <= tolerance)
        return TRUE;
      previous = next;
    }
  return FALSE;
}

graphene_rect_t
nfl_topo_geometry_bounds (NflTopoGeometry *geometry)
{
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, 0, 0);

  g_return_val_if_fail (geometry != NULL, bounds);

  for (guint i = 0; i < geometry->n_nodes; i++)
    {
      graphene_rect_t rect = nfl_topo_node_rect (geometry, i);

      if (i == 0)
        bounds = rect;
      else
        graphene_rect_union (&bounds, &rect, &bounds);
    }
  /* the ports stick out of the boxes */
  if (geometry->n_nodes > 0)
    graphene_rect_inset (&bounds, -NFL_TOPO_PORT_RADIUS - 1, 0);
  return bounds;
}

gboolean
nfl_topo_geometry_node_touches_moving (NflTopoGeometry   *geometry,
                                       const NflTopoLink *link)
{
  return geometry->nodes[link->node_a].moving || geometry->nodes[link->node_b].moving;
}

/* ---------------------------------------------------------------------- */
/* the cairo painter                                                       */
/* ---------------------------------------------------------------------- */

/* Sizes in screen pixels, turned into document units at @zoom: lines stay
 * visible when zoomed out and ports stay big enough to aim at. */
static double
port_radius (double zoom)
{
  return MAX (3.0 / zoom, NFL_TOPO_PORT_RADIUS);
}

static double
port_line_width (double zoom)
{
  return MAX (1.5, 2 * MIN (zoom, 1.0)) / zoom;
}

static double
link_line_width (double zoom)
{
  return MAX (1.25, 2 * MIN (zoom, 1.25)) / zoom;
}

/* How far a drawing reaches beyond a box or a link's control points:
 * ports, the shadow, line widths and antialiasing. */
static double
reach (double zoom)
{
  return port_radius (zoom) + port_line_width (zoom) + 2.0 / zoom;
}

static graphene_rect_t
points_bounds (const graphene_point_t p[4])
{
  double x0 = MIN (MIN (p[0].x, p[1].x), MIN (p[2].x, p[3].x));
  double x1 = MAX (MAX (p[0].x, p[1].x), MAX (p[2].x, p[3].x));
  double y0 = MIN (MIN (p[0].y, p[1].y), MIN (p[2].y, p[3].y));
  double y1 = MAX (MAX (p[0].y, p[1].y), MAX (p[2].y, p[3].y));

  return GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0);
}

static gboolean
wanted (gboolean          moving,
        NflTopoPaintWhich which)
{
  return which == NFL_TOPO_PAINT_ALL || (which == NFL_TOPO_PAINT_MOVING) == moving;
}

/* Whether @rect, grown by the reach of a drawing, touches @area. */
static gboolean
touches (const graphene_rect_t *rect,
         double                 grow,
         const graphene_rect_t *area)
{
  graphene_rect_t r = *rect;

  if (area == NULL)
    return TRUE;
  graphene_rect_inset (&r, -grow, -grow);
  return graphene_rect_intersection (&r, area, NULL);
}

static gboolean
link_touches (NflTopoGeometry       *geometry,
              guint                  l,
              double                 zoom,
              const graphene_rect_t *area,
              NflTopoPaintWhich      which,
              graphene_point_t       p[4])
{
  graphene_rect_t bounds;

  if (!wanted (nfl_topo_geometry_node_touches_moving (geometry, &geometry->links[l]), which))
    return FALSE;
  nfl_topo_link_curve (geometry, &geometry->links[l], p);
  bounds = points_bounds (p);
  return touches (&bounds, reach (zoom), area);
}

static gboolean
node_touches (NflTopoGeometry       *geometry,
              guint                  i,
              double                 zoom,
              const graphene_rect_t *area,
              NflTopoPaintWhich      which,
              graphene_rect_t       *rect)
{
  if (!wanted (geometry->nodes[i].moving, which))
    return FALSE;
  *rect = nfl_topo_node_rect (geometry, i);
  return touches (rect, reach (zoom), area);
}

void
nfl_topo_paint_fingerprints (NflTopoGeometry       *geometry,
                             double                 zoom,
                             NflTopoPaintWhich      which,
                             const graphene_rect_t *areas,
                             guint                  n_areas,
                             guint64               *fingerprints)
{
  g_autofree graphene_point_t *curves = NULL;
  g_autofree graphene_rect_t *bounds = NULL;   /* grown by their reach */
  g_autofree graphene_point_t *origins = NULL; /* the boxes' corners */
  g_autofree gboolean *shown = NULL;
  guint n_items;
  double grow = reach (zoom);

  for (guint a = 0; a < n_areas; a++)
    fingerprints[a] = FNV_OFFSET;
  if (geometry == NULL)
    return;

  /* where every link and box reaches, once for all the areas */
  n_items = geometry->n_links + geometry->n_nodes;
  curves = g_new (graphene_point_t, 4 * MAX (1, geometry->n_links));
  bounds = g_new (graphene_rect_t, MAX (1, n_items));
  shown = g_new0 (gboolean, MAX (1, n_items));
  for (guint l = 0; l < geometry->n_links; l++)
    {
      shown[l] = link_touches (geometry, l, zoom, NULL, which, &curves[4 * l]);
      bounds[l] = points_bounds (&curves[4 * l]);
      graphene_rect_inset (&bounds[l], -grow, -grow);
    }
  origins = g_new (graphene_point_t, MAX (1, geometry->n_nodes));
  for (guint i = 0; i < geometry->n_nodes; i++)
    {
      guint k = geometry->n_links + i;

      shown[k] = node_touches (geometry, i, zoom, NULL, which, &bounds[k]);
      origins[i] = bounds[k].origin;
      graphene_rect_inset (&bounds[k], -grow, -grow);
    }

  /* in the order they are drawn: what covers what counts too */
  for (guint a = 0; a < n_areas; a++)
    {
      guint64 hash = FNV_OFFSET;

      for (guint l = 0; l < geometry->n_links; l++)
        if (shown[l] && graphene_rect_intersection (&bounds[l], &areas[a], NULL))
          hash = hash_bytes (hash_bytes (hash, "l", 1), &curves[4 * l], 4 * sizeof (graphene_point_t));
      for (guint i = 0; i < geometry->n_nodes; i++)
        {
          guint k = geometry->n_links + i;

          if (!shown[k] || !graphene_rect_intersection (&bounds[k], &areas[a], NULL))
            continue;
          hash = hash_bytes (hash_bytes (hash, "n", 1), &geometry->nodes[i].hash, sizeof (guint64));
          hash = hash_double (hash_double (hash, origins[i].x), origins[i].y);
        }
      fingerprints[a] = hash;
    }
}

graphene_rect_t
nfl_topo_paint_bounds (NflTopoGeometry  *geometry,
                       double            zoom,
                       NflTopoPaintWhich which)
{
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, 0, 0);
  gboolean any = FALSE;

  g_return_val_if_fail (geometry != NULL, bounds);

  for (guint l = 0; l < geometry->n_links; l++)
    {
      graphene_point_t p[4];
      graphene_rect_t rect;

      if (!link_touches (geometry, l, zoom, NULL, which, p))
        continue;
      rect = points_bounds (p);
      if (any)
        graphene_rect_union (&bounds, &rect, &bounds);
      else
        bounds = rect;
      any = TRUE;
    }
  for (guint i = 0; i < geometry->n_nodes; i++)
    {
      graphene_rect_t rect;

      if (!node_touches (geometry, i, zoom, NULL, which, &rect))
        continue;
      if (any)
        graphene_rect_union (&bounds, &rect, &bounds);
      else
        bounds = rect;
      any = TRUE;
    }
  if (any)
    graphene_rect_inset (&bounds, -reach (zoom), -reach (zoom));
  return bounds;
}

static void
rounded_rect_path (cairo_t *cr,
                   double   x,
                   double   y,
                   double   w,
                   double   h,
                   double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* The layouts are drawn as they were laid out, in document units, and
 * scaled by the transform (as GTK draws scaled text): laying them out
 * again at every zoom would move the text about. */
static void
show_layout (cairo_t       *cr,
             PangoLayout   *layout,
             double         x,
             double         y,
             const GdkRGBA *color)
{
  cairo_move_to (cr, x, y);
  nfl_topo_rgba_to_cairo (cr, color);
  pango_cairo_show_layout (cr, layout);
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static double
layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

static void
paint_node (cairo_t               *cr,
            NflTopoGeometry       *geometry,
            const NflTopoPalette  *palette,
            double                 zoom,
            guint                  index,
            const graphene_rect_t *r)
{
  NflTopoNode *node = &geometry->nodes[index];
  double x = r->origin.x, y = r->origin.y, w = r->size.width, h = r->size.height;
  double px = 1 / zoom;   /* one screen pixel */
  double role_w = layout_width (node->role), role_h = layout_height (node->role);
  double pill_w = role_w + 14, pill_h = role_h + 4;

  /* a shadow without blur (a blurred one per box would cost more than the
   * rest of the frame), the card, its border */
  rounded_rect_path (cr, x, y + px, w, h, NFL_TOPO_RADIUS);
  nfl_topo_rgba_to_cairo (cr, &palette->shadow);
  cairo_fill (cr);
  rounded_rect_path (cr, x, y, w, h, NFL_TOPO_RADIUS);
  nfl_topo_rgba_to_cairo (cr, &palette->card);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, px);
  nfl_topo_rgba_to_cairo (cr, &palette->border);
  cairo_stroke (cr);

  /* header: the name, and the role as a badge */
  show_layout (cr, node->title, x + NFL_TOPO_PADDING,
               y + (NFL_TOPO_HEADER_HEIGHT - layout_height (node->title)) / 2, &palette->fg);
  rounded_rect_path (cr, x + w - NFL_TOPO_PADDING - pill_w, y + (NFL_TOPO_HEADER_HEIGHT - pill_h) / 2,
                     pill_w, pill_h, pill_h / 2);
  nfl_topo_rgba_to_cairo (cr, node->router ? &palette->accent_pill : &palette->pill);
  cairo_fill (cr);
  show_layout (cr, node->role, x + w - NFL_TOPO_PADDING - pill_w + 7,
               y + (NFL_TOPO_HEADER_HEIGHT - role_h) / 2,
               node->router ? &palette->accent : &palette->dim);
  nfl_topo_rgba_to_cairo (cr, &palette->separator);
  cairo_rectangle (cr, x + px, y + NFL_TOPO_HEADER_HEIGHT, w - 2 * px, px);
  cairo_fill (cr);
  if (node->bridge)
    {
      /* where the line from the bridge's row in its namespace arrives */
      cairo_new_sub_path (cr);
      if (node->header_side == NFL_TOPO_SIDE_NONE)
        cairo_arc (cr, x + w - NFL_TOPO_RADIUS * 2, y, port_radius (zoom), 0, 2 * G_PI);
      else
        cairo_arc (cr, node->header_side == NFL_TOPO_SIDE_LEFT ? x : x + w, y + NFL_TOPO_HEADER_HEIGHT / 2,
                   port_radius (zoom), 0, 2 * G_PI);
      nfl_topo_rgba_to_cairo (cr, &palette->card);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, port_line_width (zoom));
      nfl_topo_rgba_to_cairo (cr, &palette->link);
      cairo_stroke (cr);
    }

  for (guint p = 0; p < node->n_ports; p++)
    {
      NflTopoPort *port = &node->ports[p];
      double ry = y + port->row_y;

      if (zoom >= NFL_TOPO_TEXT_MIN_ZOOM)
        {
          if (port->loopback)
            show_layout (cr, port->label, x + NFL_TOPO_PADDING,
                         ry + (port->row_height - layout_height (port->label)) / 2, &palette->faint);
          else
            {
              show_layout (cr, port->label, x + NFL_TOPO_PADDING, ry + 2, &palette->fg);
              show_layout (cr, port->address, x + NFL_TOPO_PADDING, ry + 20, &palette->dim);
            }
        }
      if (port->loopback)
        continue;

      /* the port on the edge */
      cairo_new_sub_path (cr);
      cairo_arc (cr, port->side == NFL_TOPO_SIDE_LEFT ? x : x + w, ry + port->row_height / 2,
                 port_radius (zoom), 0, 2 * G_PI);
      nfl_topo_rgba_to_cairo (cr, port->peer_node >= 0 ? &palette->card : &palette->canvas);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, port_line_width (zoom));
      nfl_topo_rgba_to_cairo (cr, &palette->link);
      cairo_stroke (cr);
    }
}

/* A box as pixels: drawn once at the scale it is shown at into an image
 * kept with the node (a new geometry takes it over when the box shows the
 * same), then copied wherever the box is: into every tile it reaches, and
 * for every frame while it is dragged.  Text and curves cost far more
 * than a copy.  Placed on whole device pixels.  Big boxes (zoomed far in,
 * where few are seen) are drawn directly. */
#define NODE_IMAGE_MAX_PIXELS (320 * 320)

static void
paint_node_image (cairo_t               *cr,
                  NflTopoGeometry       *geometry,
                  const NflTopoPalette  *palette,
                  double                 zoom,
                  guint                  index,
                  const graphene_rect_t *r)
{
  NflTopoNode *node = &geometry->nodes[index];
  cairo_surface_t *target = cairo_get_target (cr);
  cairo_surface_type_t type = cairo_surface_get_type (target);
  double device_x = 1, device_y = 1, scale, margin, x = r->origin.x, y = r->origin.y;
  int width, height, pad;
  cairo_matrix_t matrix;

  cairo_get_matrix (cr, &matrix);
  cairo_surface_get_device_scale (target, &device_x, &device_y);
  scale = matrix.xx * device_x;
  margin = reach (zoom);
  pad = (int) ceil (margin * scale);
  width = (int) ceil (r->size.width * scale) + 2 * pad;
  height = (int) ceil (r->size.height * scale) + 2 * pad;
  /* vector targets (SVG, PDF) get vectors */
  if ((type != CAIRO_SURFACE_TYPE_IMAGE && type != CAIRO_SURFACE_TYPE_RECORDING) ||
      matrix.xy != 0 || matrix.yx != 0 || matrix.xx != matrix.yy || matrix.xx <= 0 ||
      device_x != device_y || (gint64) width * height > NODE_IMAGE_MAX_PIXELS)
    {
      paint_node (cr, geometry, palette, zoom, index, r);
      return;
    }
  if (node->image == NULL || node->image_scale != scale || node->image_zoom != zoom)
    {
      cairo_t *image_cr;

      g_clear_pointer (&node->image, cairo_surface_destroy);
      node->image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      node->image_scale = scale;
      node->image_zoom = zoom;
      image_cr = cairo_create (node->image);
      cairo_translate (image_cr, pad, pad);
      cairo_scale (image_cr, scale, scale);
      paint_node (image_cr, geometry, palette, zoom, index,
                  &GRAPHENE_RECT_INIT (0, 0, r->size.width, r->size.height));
      cairo_destroy (image_cr);
    }
  /* the box's corner in device pixels, rounded */
  cairo_matrix_transform_point (&matrix, &x, &y);
  cairo_save (cr);
  cairo_identity_matrix (cr);
  cairo_scale (cr, 1 / device_x, 1 / device_x);
  cairo_set_source_surface (cr, node->image, round (x * device_x) - pad, round (y * device_x) - pad);
  cairo_paint (cr);
  cairo_restore (cr);
}

void
nfl_topo_paint_cairo (cairo_t               *cr,
                      NflTopoGeometry       *geometry,
                      const NflTopoPalette  *palette,
                      double                 zoom,
                      const graphene_rect_t *area,
                      NflTopoPaintWhich      which)
{
  gboolean any = FALSE;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (geometry != NULL && geometry->has_layouts);
  g_return_if_fail (zoom > 0);

  /* the links under the boxes, as one path; then the lines from bridges'
   * rows to their boxes, dashed (they are no wire) */
  for (int membership = 0; membership < 2; membership++)
    {
      cairo_save (cr);
      cairo_set_line_width (cr, link_line_width (zoom));
      cairo_set_line_cap (cr, membership ? CAIRO_LINE_CAP_BUTT : CAIRO_LINE_CAP_ROUND);
      if (membership)
        cairo_set_dash (cr, (double[]) { 6 / MIN (zoom, 1.0), 4 / MIN (zoom, 1.0) }, 2, 0);
      nfl_topo_rgba_to_cairo (cr, &palette->link);
      any = FALSE;
      for (guint l = 0; l < geometry->n_links; l++)
        {
          graphene_point_t p[4];

          if (geometry->links[l].membership != membership || !link_touches (geometry, l, zoom, area, which, p))
            continue;
          cairo_move_to (cr, p[0].x, p[0].y);
          cairo_curve_to (cr, p[1].x, p[1].y, p[2].x, p[2].y, p[3].x, p[3].y);
          any = TRUE;
        }
      if (any)
        cairo_stroke (cr);
      cairo_restore (cr);
    }

  for (guint i = 0; i < geometry->n_nodes; i++)
    {
      graphene_rect_t rect;

      if (node_touches (geometry, i, zoom, area, which, &rect))
        paint_node_image (cr, geometry, palette, zoom, i, &rect);
    }
}
