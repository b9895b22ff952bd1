/* bench-canvas.c: how long a frame of the topology canvas takes
 *
 * 100 namespaces (a 10 × 10 grid, every other one a router) and 150 veth
 * pairs (each with an address on both ends) in a 1920 × 1080 window,
 * zoomed to fit.  A frame is the change that asks for it (a move, the
 * pointer, a pan step…), the canvas's layout, its snapshot () and
 * rendering the resulting node with gsk_renderer_render_texture () and the
 * window's renderer.  The cairo renderer draws into a memory texture and is done
 * when it returns; with a GL renderer the texture is read back as well,
 * so that the GPU has finished.
 *
 * Printed: the median, fastest and slowest of N frames, for
 *
 *   (a) one namespace moved (a change of the document, as at the end of
 *       a drag): the tiles under it and its links drawn again;
 *   (b) hover moving from box to box (tiles unchanged);
 *   (c) panning 12 pixels a frame (tiles coming into view drawn);
 *   (d) zooming with the wheel (the tiles scaled along);
 *   (g) dragging a namespace (it and its links drawn over the tiles);
 *   (e) the frames after a zoom has settled, and (f) after the theme
 *       changed (no tile kept), until every tile is drawn again: how many
 *       frames that takes and how long in all.
 *
 * The software-renderer figures are those that count: run it with
 * GSK_RENDERER=cairo under Xvfb (see README.md).  Not a test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
  CHANGE_HOVER,
  CHANGE_PAN,
  CHANGE_ZOOM,
  CHANGE_DRAG,
} Change;

/* One frame, from @start (before the change that asks for it): the
 * canvas's layout (its children follow the boxes), snapshot () and
 * render_texture (); its time in ms. */
static double
frame (NflTopologyView *view,
       GskRenderer     *renderer,
       guint8          *pixels,
       gint64           start,
       double          *snapshot_ms)
{
  GtkWidget *widget = GTK_WIDGET (view);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  gint64 middle;

  gtk_widget_size_allocate (widget, &(GtkAllocation) { 0, 0, width, height }, -1);
  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  middle = g_get_monotonic_time ();
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!GDK_IS_MEMORY_TEXTURE (texture))
    gdk_texture_download (texture, pixels, (gsize) width * 4);
  *snapshot_ms = (middle - start) / 1000.0;
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
report (const char *label,
        double     *total,
        double     *snap,
        guint       n)
{
  qsort (total, n, sizeof (double), compare_doubles);
  qsort (snap, n, sizeof (double), compare_doubles);
  printf ("%-42s median %6.2f ms  (fastest %6.2f, slowest %6.2f; to the node %5.2f)\n",
          label, total[n / 2], total[0], total[n - 1], snap[n / 2]);
}

static void
measure (NflTopologyView *view,
         NflDocument     *document,
         GskRenderer     *renderer,
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
  const char *moved[] = { "ns45", NULL };

  for (guint i = 0; i < n + 5; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double t, s;

      switch (change)
        {
        case CHANGE_DOCUMENT:
          g_assert_true (nfl_document_move_namespaces (document, moved, (i % 2) ? 20 : -20, 0, NULL));
          break;
        case CHANGE_PAN:
          _nfl_topology_view_pan_to (view, view->offset_x + (i < (n + 5) / 2 ? 12 : -12), view->offset_y);
          break;
        case CHANGE_ZOOM:
          _nfl_topology_view_zoom_around (view, view->zoom * ((i % 2) ? 1.1 : 1 / 1.1), 960, 540);
          break;
        case CHANGE_DRAG:
          if (i == 0)
            {
              graphene_rect_t box;
              double x, y;

              geometry = _nfl_topology_view_get_geometry (view);
              box = nfl_topo_node_rect (geometry, nfl_topo_geometry_find (geometry, "ns45"));
              _nfl_topology_view_to_widget (view, box.origin.x + 20, box.origin.y + 10, &x, &y);
              _nfl_topology_view_drag_begin (view, x, y, 0);
            }
          _nfl_topology_view_drag_update (view, 6.0 * (i + 1), 2.0 * (i + 1));
          break;
        case CHANGE_HOVER:
        default:
          geometry = _nfl_topology_view_get_geometry (view);
          _nfl_topology_view_set_hover (view, (NflHit) { NFL_HIT_NODE, i % geometry->n_nodes, -1, -1 });
          break;
        }
      t = frame (view, renderer, pixels, start, &s);
      if (i >= 5)
        {
          total[i - 5] = t;
          snap[i - 5] = s;
        }
    }
  if (change == CHANGE_DRAG)
    _nfl_topology_view_drag_end (view, 6.0 * (n + 5), 2.0 * (n + 5));
  report (label, total, snap, n);
}

/* Frames until every tile is drawn, @rounds times: per frame, and the
 * number of frames and time until complete. */
static void
measure_until_drawn (NflTopologyView *view,
                     GskRenderer     *renderer,
                     gboolean         theme,
                     guint            rounds,
                     const char      *label)
{
  int width = gtk_widget_get_width (GTK_WIDGET (view));
  int height = gtk_widget_get_height (GTK_WIDGET (view));
  g_autofree guint8 *pixels = g_malloc ((gsize) width * height * 4);
  g_autoptr(GArray) total = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) snap = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree double *whole = g_new (double, rounds);
  guint frames = 0;
  double fit = view->zoom;

  for (guint r = 0; r < rounds; r++)
    {
      whole[r] = 0;
      if (theme)
        {
          /* dark, light, dark…: the canvas gets the new colours when GTK
           * has restyled it */
          AdwStyleManager *manager = adw_style_manager_get_default ();
          gboolean dark = view->dark;

          adw_style_manager_set_color_scheme (manager, dark ? ADW_COLOR_SCHEME_FORCE_LIGHT : ADW_COLOR_SCHEME_FORCE_DARK);
          while (view->dark == dark)
            g_main_context_iteration (NULL, TRUE);
        }
      else
        {
          _nfl_topology_view_zoom_around (view, (r % 2) ? fit : fit * 1.25, 960, 540);
          /* one frame while zooming, then settled */
          frame (view, renderer, pixels, g_get_monotonic_time (), &(double) { 0 });
          _nfl_topology_view_settle_zoom (view);
        }
      do
        {
          double t, s;

          t = frame (view, renderer, pixels, g_get_monotonic_time (), &s);
          g_array_append_val (total, t);
          g_array_append_val (snap, s);
          whole[r] += t;
          frames++;
        }
      while (!_nfl_topology_view_is_drawn (view) && frames < 1000);
    }
  report (label, (double *) (void *) total->data, (double *) (void *) snap->data, total->len);
  qsort (whole, rounds, sizeof (double), compare_doubles);
  printf ("%-42s %.1f frames, %.1f ms in all (median of %u)\n", "", (double) frames / rounds, whole[rounds / 2], rounds);
}

/* BENCH_CANVAS_ONLY=ae: only cases (a) and (e) (for a profiler) */
static gboolean
wanted (const char *only,
        char        which)
{
  return only == NULL || strchr (only, which) != NULL;
}

static gboolean
drawn (gpointer data)
{
  NflTopologyView *view = data;

  return gtk_widget_get_mapped (GTK_WIDGET (view)) && _nfl_topology_view_is_drawn (view);
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
  const char *only = g_getenv ("BENCH_CANVAS_ONLY");

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
  _nfl_topology_view_settle_zoom (view);
  while (!drawn (view) && !up)
    g_main_context_iteration (NULL, TRUE);

  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  printf ("canvas %d×%d, %u namespaces, %u links, zoom %.2f, renderer %s, %u frames each\n",
          gtk_widget_get_width (GTK_WIDGET (view)), gtk_widget_get_height (GTK_WIDGET (view)),
          _nfl_topology_view_get_geometry (view)->n_nodes, _nfl_topology_view_get_geometry (view)->n_links,
          nfl_topology_view_get_zoom (view), G_OBJECT_TYPE_NAME (renderer), n);
  if (argc > 3)
    {
      g_autoptr(GdkTexture) texture = NULL;
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      g_autoptr(GskRenderNode) node = NULL;

      GTK_WIDGET_GET_CLASS (view)->snapshot (GTK_WIDGET (view), snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, 1920, 1080));
      gdk_texture_save_to_png (texture, argv[3]);
      printf ("frame written to %s\n", argv[3]);
    }

  {
    /* what any frame costs here: one colour node through render_texture */
    g_autofree guint8 *pixels = g_malloc ((gsize) 1920 * 1080 * 4);
    g_autofree double *t = g_new (double, n);

    for (guint i = 0; i < n; i++)
      {
        g_autoptr(GskRenderNode) node = gsk_color_node_new (&(GdkRGBA) { 1, 1, 1, 1 }, &GRAPHENE_RECT_INIT (0, 0, 1920, 1080));
        g_autoptr(GdkTexture) texture = NULL;
        gint64 start = g_get_monotonic_time ();

        texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, 1920, 1080));
        if (!GDK_IS_MEMORY_TEXTURE (texture))
          gdk_texture_download (texture, pixels, 1920 * 4);
        t[i] = (g_get_monotonic_time () - start) / 1000.0;
      }
    qsort (t, n, sizeof (double), compare_doubles);
    printf ("%-42s median %6.2f ms\n", "(0) baseline: one colour node", t[n / 2]);
  }
  if (wanted (only, 'a'))
    measure (view, document, renderer, CHANGE_DOCUMENT, n, "(a) one namespace moved (document)");
  if (wanted (only, 'b'))
    measure (view, document, renderer, CHANGE_HOVER, n, "(b) hover from box to box");
  if (wanted (only, 'g'))
    measure (view, document, renderer, CHANGE_DRAG, n, "(g) dragging a namespace");
  if (wanted (only, 'c'))
    measure (view, document, renderer, CHANGE_PAN, n, "(c) panning 12 px a frame");
  if (wanted (only, 'd'))
    measure (view, document, renderer, CHANGE_ZOOM, n, "(d) zooming with the wheel");
  _nfl_topology_view_settle_zoom (view);
  nfl_topology_view_zoom_to_fit (view);
  if (wanted (only, 'e'))
    measure_until_drawn (view, renderer, FALSE, 10, "(e) after a zoom has settled, per frame");
  if (wanted (only, 'f'))
    measure_until_drawn (view, renderer, TRUE, 10, "(f) after a theme change, per frame");

  gtk_window_destroy (window);
  return 0;
}
