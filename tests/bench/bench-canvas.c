/* bench-canvas.c: how long a frame of the topology canvas takes
 *
 * 100 namespaces (a 10 × 10 grid, every other one a router) and 150 veth
 * pairs (each with an address on both ends) in a 1920 × 1080 window,
 * zoomed to fit.  A frame is the canvas's snapshot () and rendering the
 * resulting node, in two ways:
 *
 *   software: drawn with cairo (what GTK's cairo renderer does for a
 *             window's frame) into one 1920 × 1080 image kept from frame
 *             to frame, as a window keeps its surface;
 *   texture:  gsk_renderer_render_texture () with the window's renderer,
 *             read back to memory (so that a GL renderer has finished);
 *             this allocates a new 8 MB texture for every frame, and on
 *             this machine faulting in those pages costs more than the
 *             drawing.
 *
 * Printed: the median, fastest and slowest of N frames, for
 *
 *   (a) a full redraw after a change of the document (boxes, text
 *       layouts and the static layer all rebuilt),
 *   (a') a full redraw after a zoom or at the end of a pan (the static
 *        layer rebuilt),
 *   (c)  a frame while panning (the cached layer moved along),
 *   (d)  a frame while zooming with the wheel (the cached layer scaled),
 *   (b) a hover-only redraw (the static layer reused, hover on top).
 *
 * Not a test: run it by hand under Xvfb (see README.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>

#include "nfl-topology-view-private.h"

#define N_NAMESPACES 100
#define N_LINKS      150
#define COLUMNS       10

static NflScenario *
make_scenario (void)
{
  NflScenario *scenario = nfl_scenario_new ();
  NflNamespace *namespaces[N_NAMESPACES];
  guint links = 0, subnet = 0;

  for (guint i = 0; i < N_NAMESPACES; i++)
    {
      g_autofree char *name = g_strdup_printf ("ns%u", i + 1);
      g_autoptr(GError) error = NULL;

      namespaces[i] = nfl_scenario_add_namespace (scenario, name, &error);
      g_assert_no_error (error);
      namespaces[i]->x = 80 + (i % COLUMNS) * NFL_LAYOUT_COLUMN_WIDTH;
      namespaces[i]->y = 80 + (i / COLUMNS) * NFL_LAYOUT_ROW_HEIGHT * 1.2;
      namespaces[i]->ip_forward = i % 2 == 1;
    }

  /* every horizontal neighbour (90), then vertical ones up to 150 */
  for (int pass = 0; pass < 2 && links < N_LINKS; pass++)
    for (guint i = 0; i < N_NAMESPACES && links < N_LINKS; i++)
      {
        guint j = pass == 0 ? i + 1 : i + COLUMNS;
        g_autofree char *a = NULL;
        g_autofree char *b = NULL;
        g_autoptr(GError) error = NULL;
        NflInterface *end_a, *end_b;

        if ((pass == 0 && (i % COLUMNS == COLUMNS - 1)) || j >= N_NAMESPACES)
          continue;
        a = g_strdup_printf ("veth%u_%s", links + 1, namespaces[i]->name);
        b = g_strdup_printf ("veth%u_%s", links + 1, namespaces[j]->name);
        g_assert_true (nfl_scenario_add_veth_pair (scenario, a, namespaces[i], b, namespaces[j], &error));
        g_assert_no_error (error);
        end_a = nfl_namespace_find_interface (namespaces[i], a);
        end_b = nfl_namespace_find_interface (namespaces[j], b);
        subnet++;
        g_assert_true (nfl_namespace_add_address (namespaces[i], end_a, (10u << 24) | (subnet << 8) | 1, 24, NULL));
        g_assert_true (nfl_namespace_add_address (namespaces[j], end_b, (10u << 24) | (subnet << 8) | 2, 24, NULL));
        links++;
      }
  g_assert_cmpuint (links, ==, N_LINKS);
  return scenario;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

typedef enum {
  CHANGE_DOCUMENT,
  CHANGE_VIEW,
  CHANGE_PAN,
  CHANGE_ZOOM,
  CHANGE_HOVER,
} Change;

static double
frame (NflTopologyView *view,
       GskRenderer     *renderer,
       cairo_surface_t *target,     /* NULL: render to a texture */
       guint8          *pixels,
       double          *snapshot_ms)
{
  GtkWidget *widget = GTK_WIDGET (view);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  gint64 start = g_get_monotonic_time (), middle;

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  middle = g_get_monotonic_time ();
  if (target != NULL)
    {
      cairo_t *cr = cairo_create (target);

      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_paint (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
      gsk_render_node_draw (node, cr);
      cairo_destroy (cr);
      cairo_surface_flush (target);
    }
  else
    {
      texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
      gdk_texture_download (texture, pixels, (gsize) width * 4);
    }
  *snapshot_ms = (middle - start) / 1000.0;
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
measure (NflTopologyView *view,
         GskRenderer     *renderer,
         cairo_surface_t *target,
         Change           change,
         guint            n,
         const char      *label)
{
  NflTopoGeometry *geometry;
  int width = gtk_widget_get_width (GTK_WIDGET (view));
  int height = gtk_widget_get_height (GTK_WIDGET (view));
  g_autofree guint8 *pixels = g_malloc ((gsize) width * height * 4);
  g_autofree double *total = g_new (double, n);
  g_autofree double *snap = g_new (double, n);
  double ignored;

  for (guint i = 0; i < n + 5; i++)
    {
      double t, s;

      switch (change)
        {
        case CHANGE_DOCUMENT:
          _nfl_topology_view_invalidate (view, TRUE);
          break;
        case CHANGE_PAN:
          _nfl_topology_view_pan_to (view, view->offset_x + ((i % 2) ? 7 : -5), view->offset_y);
          break;
        case CHANGE_ZOOM:
          _nfl_topology_view_zoom_around (view, view->zoom * ((i % 2) ? 1.1 : 1 / 1.1), 960, 540);
          break;
        case CHANGE_VIEW:
          view->offset_x += (i % 2) ? 1 : -1;
          _nfl_topology_view_invalidate (view, FALSE);
          break;
        case CHANGE_HOVER:
        default:
          geometry = _nfl_topology_view_get_geometry (view);
          _nfl_topology_view_set_hover (view, (NflHit) { NFL_HIT_NODE, i % geometry->n_nodes, -1, -1 });
          break;
        }
      t = frame (view, renderer, target, pixels, &s);
      if (i >= 5)
        {
          total[i - 5] = t;
          snap[i - 5] = s;
        }
    }
  (void) ignored;
  qsort (total, n, sizeof (double), compare_doubles);
  qsort (snap, n, sizeof (double), compare_doubles);
  printf ("%-44s median %6.2f ms  (fastest %6.2f, slowest %6.2f; snapshot () alone %5.2f ms)\n",
          label, total[n / 2], total[0], total[n - 1], snap[n / 2]);
}

static gboolean
drawn (gpointer data)
{
  NflTopologyView *view = data;

  return gtk_widget_get_mapped (GTK_WIDGET (view)) && view->static_node != NULL;
}

static gboolean
time_is_up_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(NflScenario) scenario = NULL;
  g_autoptr(NflDocument) document = NULL;
  GtkWindow *window;
  NflTopologyView *view;
  GskRenderer *renderer;
  gboolean up = FALSE;
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 60;

  if (!gtk_init_check ())
    {
      fprintf (stderr, "bench-canvas: no display (run it under xvfb-run -a dbus-run-session --)\n");
      return 1;
    }
  adw_init ();
  if (argc > 2 && g_str_equal (argv[2], "dark"))
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  n = MAX (n, 5);

  scenario = make_scenario ();
  document = nfl_document_new_for_scenario (scenario);
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1920, 1080);
  view = NFL_TOPOLOGY_VIEW (nfl_topology_view_new ());
  nfl_topology_view_set_document (view, document);
  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_present (window);
  g_timeout_add (10000, time_is_up_cb, &up);
  while (!drawn (view) && !up)
    g_main_context_iteration (NULL, TRUE);
  if (!drawn (view))
    {
      fprintf (stderr, "bench-canvas: the window was not drawn\n");
      return 1;
    }
  nfl_topology_view_zoom_to_fit (view);

  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  printf ("canvas %d×%d, %u namespaces, %u links, zoom %.2f, renderer %s, %u frames each\n",
          gtk_widget_get_width (GTK_WIDGET (view)), gtk_widget_get_height (GTK_WIDGET (view)),
          _nfl_topology_view_get_geometry (view)->n_nodes, _nfl_topology_view_get_geometry (view)->n_links,
          nfl_topology_view_get_zoom (view), G_OBJECT_TYPE_NAME (renderer), n);
  if (argc > 3)
    {
      double s;
      g_autofree guint8 *pixels = g_malloc ((gsize) 1920 * 1080 * 4);
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;
      g_autoptr(GdkTexture) texture = NULL;

      frame (view, renderer, NULL, pixels, &s);
      GTK_WIDGET_GET_CLASS (view)->snapshot (GTK_WIDGET (view), snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, 1920, 1080));
      gdk_texture_save_to_png (texture, argv[3]);
      printf ("frame written to %s\n", argv[3]);
    }

  {
    /* what any frame costs here: one colour node, rendered and read back */
    g_autofree guint8 *pixels = g_malloc ((gsize) 1920 * 1080 * 4);
    g_autofree double *t = g_new (double, n);

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(GskRenderNode) node = gsk_color_node_new (&(GdkRGBA) { 1, 1, 1, 1 }, &GRAPHENE_RECT_INIT (0, 0, 1920, 1080));
        g_autoptr(GdkTexture) texture = NULL;
        gint64 start = g_get_monotonic_time ();

        texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, 1920, 1080));
        gdk_texture_download (texture, pixels, 1920 * 4);
        t[i] = (g_get_monotonic_time () - start) / 1000.0;
      }
    qsort (t, n, sizeof (double), compare_doubles);
    printf ("%-44s median %6.2f ms\n", "(0)  baseline: one colour node", t[n / 2]);
  }
  printf ("software (cairo, into one image kept between frames):\n");
  {
    cairo_surface_t *target = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);

    measure (view, renderer, target, CHANGE_DOCUMENT, n, "(a)  full redraw after a document change");
    measure (view, renderer, target, CHANGE_VIEW, n, "(a') full redraw after a zoom or a pan's end");
    measure (view, renderer, target, CHANGE_PAN, n, "(c)  while panning (the layer moves along)");
    measure (view, renderer, target, CHANGE_ZOOM, n, "(d)  while zooming with the wheel (scaled)");
    /* the layer drawn again at the view as it is (a pan or zoom leaves it
     * moved or scaled until the main loop redraws it) */
    _nfl_topology_view_invalidate (view, FALSE);
    measure (view, renderer, target, CHANGE_HOVER, n, "(b)  hover only (static layer cached)");
    cairo_surface_destroy (target);
  }
  printf ("texture (gsk_renderer_render_texture, read back):\n");
  measure (view, renderer, NULL, CHANGE_DOCUMENT, n, "(a)  full redraw after a document change");
  measure (view, renderer, NULL, CHANGE_VIEW, n, "(a') full redraw after a zoom or a pan's end");
  measure (view, renderer, NULL, CHANGE_PAN, n, "(c)  while panning (the layer moves along)");
  measure (view, renderer, NULL, CHANGE_ZOOM, n, "(d)  while zooming with the wheel (scaled)");
  _nfl_topology_view_invalidate (view, FALSE);
  measure (view, renderer, NULL, CHANGE_HOVER, n, "(b)  hover only (static layer cached)");

  gtk_window_destroy (window);
  return 0;
}
