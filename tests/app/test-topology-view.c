/* test-topology-view.c: the topology canvas
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nfl-test-app.h"
#include "nfl-topology-node.h"
#include "nfl-topology-view-private.h"

typedef struct {
  GtkWindow       *window;
  NflTopologyView *view;
  NflDocument     *document;
} Fixture;

static gboolean
drawn (gpointer data)
{
  Fixture *f = data;

  /* the first frame has been drawn: it built the static layer */
  return gtk_widget_get_mapped (GTK_WIDGET (f->view)) && gtk_widget_get_width (GTK_WIDGET (f->view)) > 100 &&
         _nfl_topology_view_is_drawn (f->view);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios",
                                                 "tutorial-topology.nflab", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  f->document = nfl_document_new ();
  g_assert_true (nfl_document_load (f->document, file, NULL, &error));
  g_assert_no_error (error);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1000, 600);
  f->view = NFL_TOPOLOGY_VIEW (nfl_topology_view_new ());
  nfl_topology_view_set_document (f->view, f->document);
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  gtk_window_present (f->window);
  g_assert_true (nfl_test_wait_for (drawn, f, 5000));
  nfl_test_spin (50);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  g_clear_object (&f->document);
  nfl_test_spin (10);
}

static NflNamespace *
find_ns (Fixture    *f,
         const char *name)
{
  return nfl_scenario_find_namespace (nfl_document_get_scenario (f->document), name);
}

static guint
n_namespaces (Fixture *f)
{
  return nfl_scenario_get_namespaces (nfl_document_get_scenario (f->document))->len;
}

/* a document point in widget pixels */
static void
at (Fixture *f,
    double   doc_x,
    double   doc_y,
    double  *x,
    double  *y)
{
  _nfl_topology_view_to_widget (f->view, doc_x, doc_y, x, y);
}

static void
pixel (GdkTexture *texture,
       const guint8 *data,
       double      x,
       double      y,
       GdkRGBA    *out)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  int ix = (int) floor (x), iy = (int) floor (y);
  const guint8 *p;

  g_assert_cmpint (ix, >=, 0);
  g_assert_cmpint (iy, >=, 0);
  g_assert_cmpint (ix, <, width);
  g_assert_cmpint (iy, <, height);
  /* gdk_texture_download: B G R A, premultiplied (opaque here) */
  p = data + (gsize) iy * width * 4 + (gsize) ix * 4;
  *out = (GdkRGBA) { p[2] / 255.0, p[1] / 255.0, p[0] / 255.0, p[3] / 255.0 };
}

static gboolean
same_colour (const GdkRGBA *a,
             const GdkRGBA *b,
             double         tolerance)
{
  return fabs (a->red - b->red) <= tolerance && fabs (a->green - b->green) <= tolerance &&
         fabs (a->blue - b->blue) <= tolerance;
}

static double
luminance (const GdkRGBA *c)
{
  return 0.2126 * c->red + 0.7152 * c->green + 0.0722 * c->blue;
}

/* Renders the canvas, saves it as @name and checks the three boxes, the
 * canvas and both links. */
static void
check_rendering (Fixture    *f,
                 const char *name)
{
  g_autoptr(GdkTexture) texture = nfl_test_render_widget (GTK_WIDGET (f->view));
  g_autofree char *path = nfl_test_save_png (texture, name);
  int width = gdk_texture_get_width (texture);
  g_autofree guint8 *data = g_malloc ((gsize) width * gdk_texture_get_height (texture) * 4);
  const NflTopoPalette *palette = &f->view->palette;
  NflTopoGeometry *geometry = _nfl_topology_view_get_geometry (f->view);
  GdkRGBA c;
  double x, y;

  g_test_message ("rendering written to %s", path);
  gdk_texture_download (texture, data, (gsize) width * 4);

  g_assert_cmpuint (geometry->n_nodes, ==, 3);
  g_assert_cmpuint (geometry->n_links, ==, 2);
  for (guint i = 0; i < 3; i++)
    {
      graphene_rect_t rect = nfl_topo_node_rect (geometry, i);

      /* inside the card, left of the text: the card's fill */
      at (f, rect.origin.x + 7, rect.origin.y + NFL_TOPO_HEADER_HEIGHT + 2, &x, &y);
      pixel (texture, data, x, y, &c);
      g_assert_true (same_colour (&c, &palette->card, 0.02));
      /* well outside it, left of ns1 or below every box: the canvas */
      at (f, rect.origin.x + NFL_TOPO_NODE_WIDTH / 2, rect.origin.y + rect.size.height + 30, &x, &y);
      pixel (texture, data, x + 0.5, y + 0.5, &c);
      g_assert_true (same_colour (&c, &palette->canvas, 0.06));
    }
  /* the middle of each link is drawn in the link colour, darker (light) or
   * lighter (dark) than the canvas */
  for (guint l = 0; l < geometry->n_links; l++)
    {
      graphene_point_t p[4];
      double mx, my, best = 0;

      nfl_topo_link_curve (geometry, &geometry->links[l], p);
      mx = (p[0].x + p[3].x) / 2;
      my = (p[0].y + p[3].y) / 2;
      at (f, mx, my, &x, &y);
      for (int dy = -2; dy <= 2; dy++)
        {
          pixel (texture, data, x, y + dy, &c);
          best = MAX (best, fabs (luminance (&c) - luminance (&palette->canvas)));
        }
      g_assert_cmpfloat (best, >, 0.15);
    }
}

/* ---------------------------------------------------------------------- */

static void
test_new_destroy (void)
{
  GtkWidget *view = nfl_topology_view_new ();

  g_object_ref_sink (view);
  g_assert_true (NFL_IS_TOPOLOGY_VIEW (view));
  g_assert_null (nfl_topology_view_get_document (NFL_TOPOLOGY_VIEW (view)));
  g_assert_finalize_object (view);
}

static void
test_with_document_destroy (void)
{
  NflDocument *document = nfl_document_new ();
  GtkWidget *view = nfl_topology_view_new ();

  g_object_ref_sink (view);
  nfl_topology_view_set_document (NFL_TOPOLOGY_VIEW (view), document);
  g_assert_true (nfl_topology_view_get_document (NFL_TOPOLOGY_VIEW (view)) == document);
  g_assert_finalize_object (view);
  g_assert_finalize_object (document);
}

static void
test_render (Fixture       *f,
             gconstpointer  data)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();

  check_rendering (f, "topology-view-light.png");

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  nfl_test_spin (100);
  g_assert_true (f->view->dark);
  check_rendering (f, "topology-view-dark.png");
  g_assert_cmpfloat (luminance (&f->view->palette.card), <, 0.3);

  /* hover and selection on top */
  nfl_topology_view_select_namespace (f->view, "ns2");
  nfl_topology_view_select_link (f->view, "ns2", "veth2_ns2");
  nfl_topology_view_select_namespace (f->view, "ns1");
  _nfl_topology_view_set_hover (f->view, (NflHit) { NFL_HIT_NODE, 1, -1, -1 });
  nfl_test_spin (100);
  {
    g_autoptr(GdkTexture) texture = nfl_test_render_widget (GTK_WIDGET (f->view));
    g_autofree char *path = nfl_test_save_png (texture, "topology-view-dark-selected.png");
  }
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);
  nfl_test_spin (100);
  g_assert_false (f->view->dark);
  {
    g_autoptr(GdkTexture) texture = nfl_test_render_widget (GTK_WIDGET (f->view));
    g_autofree char *path = nfl_test_save_png (texture, "topology-view-light-selected.png");
  }
}

static GtkWidget *
namespace_child (Fixture    *f,
                 const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (f->view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (NFL_IS_TOPOLOGY_NODE (child) && g_str_equal (nfl_topology_node_get_name (NFL_TOPOLOGY_NODE (child)), name))
      return child;
  return NULL;
}

static void
check_namespace_children (Fixture            *f,
                          const char * const *names)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (f->view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!NFL_IS_TOPOLOGY_NODE (child))
        continue;
      g_assert_nonnull (names[n]);
      g_assert_cmpstr (nfl_topology_node_get_name (NFL_TOPOLOGY_NODE (child)), ==, names[n]);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, names[n]);
      n++;
    }
  g_assert_null (names[n]);
}

static void
test_accessible (Fixture       *f,
                 gconstpointer  data)
{
  const char *labels[] = { "Add Namespace", "Add Link", "Zoom Out", "Zoom In", "Zoom to Fit" };
  guint found = 0;

  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (f->view), GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (f->view), GTK_ACCESSIBLE_PROPERTY_LABEL, "Topology");
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (f->view)));

  for (GtkWidget *child = gtk_widget_get_first_child (f->view->toolbar); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *tooltip;

      if (!GTK_IS_BUTTON (child))
        continue;
      g_assert_cmpuint (found, <, G_N_ELEMENTS (labels));
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, labels[found]);
      tooltip = gtk_widget_get_tooltip_text (child);
      g_assert_true (g_str_has_prefix (tooltip, labels[found]));
      found++;
    }
  g_assert_cmpuint (found, ==, G_N_ELEMENTS (labels));

  /* every namespace is a child (for screen readers and Tab), in the
   * scenario's order, named and summed up */
  check_namespace_children (f, (const char *[]) { "ns1", "ns2", "ns3", NULL });
  {
    GtkWidget *ns2 = namespace_child (f, "ns2");
    g_auto(GStrv) selected = NULL;

    gtk_test_accessible_assert_role (GTK_ACCESSIBLE (ns2), GTK_ACCESSIBLE_ROLE_BUTTON);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (ns2), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                         "router; interfaces: veth1_ns2 10.1.0.1/32, veth2_ns2 10.2.0.1/32, lo 127.0.0.1/8");
    /* over its box */
    {
      graphene_rect_t box = nfl_topo_node_rect (_nfl_topology_view_get_geometry (f->view), 1);
      double x, y;

      nfl_test_spin (50);
      at (f, box.origin.x, box.origin.y, &x, &y);
      g_assert_cmpint (abs (gtk_widget_get_allocated_width (ns2) - (int) round (box.size.width * f->view->zoom)), <=, 1);
      {
        graphene_point_t origin;

        g_assert_true (gtk_widget_compute_point (ns2, GTK_WIDGET (f->view), &GRAPHENE_POINT_INIT (0, 0), &origin));
        g_assert_cmpfloat (fabs (origin.x - x), <=, 1);
        g_assert_cmpfloat (fabs (origin.y - y), <=, 1);
      }
    }
    /* focusing it selects it */
    g_assert_true (gtk_widget_grab_focus (ns2));
    selected = nfl_topology_view_dup_selected_namespaces (f->view);
    g_assert_cmpstrv (selected, ((const char *[]) { "ns2", NULL }));
  }
  /* a namespace added, one removed: the children follow */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "topology.add-namespace", NULL));
  check_namespace_children (f, (const char *[]) { "ns1", "ns2", "ns3", "ns4", NULL });
  g_assert_true (nfl_document_undo (f->document));
  check_namespace_children (f, (const char *[]) { "ns1", "ns2", "ns3", NULL });
}

static void
test_add_namespace (Fixture       *f,
                    gconstpointer  data)
{
  guint before = n_namespaces (f);
  g_auto(GStrv) selected = NULL;
  NflNamespace *added;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "topology.add-namespace", NULL));
  g_assert_cmpuint (n_namespaces (f), ==, before + 1);
  selected = nfl_topology_view_dup_selected_namespaces (f->view);
  g_assert_cmpuint (g_strv_length (selected), ==, 1);
  added = find_ns (f, selected[0]);
  g_assert_nonnull (added);
  /* not on top of another box */
  for (guint i = 0; i < before; i++)
    {
      NflNamespace *ns = g_ptr_array_index (nfl_scenario_get_namespaces (nfl_document_get_scenario (f->document)), i);
      graphene_rect_t a = GRAPHENE_RECT_INIT (ns->x, ns->y, NFL_TOPO_NODE_WIDTH, 150);
      graphene_rect_t b = GRAPHENE_RECT_INIT (added->x, added->y, NFL_TOPO_NODE_WIDTH, 80);

      g_assert_false (graphene_rect_intersection (&a, &b, NULL));
    }
  /* and undone in one step */
  g_assert_true (nfl_document_undo (f->document));
  g_assert_cmpuint (n_namespaces (f), ==, before);
  selected = (g_strfreev (selected), nfl_topology_view_dup_selected_namespaces (f->view));
  g_assert_cmpuint (g_strv_length (selected), ==, 0);

  /* from the context menu's point */
  f->view->menu_x = 300;
  f->view->menu_y = 600;
  f->view->menu_point_set = TRUE;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "topology.add-namespace-here", NULL));
  g_assert_cmpuint (n_namespaces (f), ==, before + 1);
  selected = (g_strfreev (selected), nfl_topology_view_dup_selected_namespaces (f->view));
  added = find_ns (f, selected[0]);
  g_assert_cmpfloat (fabs (added->x + NFL_TOPO_NODE_WIDTH / 2 - 300), <=, NFL_TOPO_GRID * 2);
  g_assert_cmpfloat (fabs (added->y - 600), <=, NFL_TOPO_GRID * 2);
}

static void
test_move (Fixture       *f,
           gconstpointer  data)
{
  NflNamespace *ns2 = find_ns (f, "ns2");
  double x0 = ns2->x, y0 = ns2->y, x, y, zoom = nfl_topology_view_get_zoom (f->view);
  g_auto(GStrv) selected = NULL;

  /* press in ns2's header, drag, release */
  at (f, x0 + 30, y0 + 20, &x, &y);
  _nfl_topology_view_drag_begin (f->view, x, y, 0);
  selected = nfl_topology_view_dup_selected_namespaces (f->view);
  g_assert_cmpstrv (selected, ((const char *[]) { "ns2", NULL }));
  _nfl_topology_view_drag_update (f->view, 20, 10);
  g_assert_cmpint (f->view->drag_mode, ==, NFL_DRAG_MOVE);
  /* previewed, not applied yet */
  g_assert_cmpfloat (find_ns (f, "ns2")->x, ==, x0);
  nfl_test_spin (20);
  _nfl_topology_view_drag_update (f->view, 100 * zoom, 61 * zoom);
  _nfl_topology_view_drag_end (f->view, 100 * zoom, 61 * zoom);
  ns2 = find_ns (f, "ns2");
  /* 100 → 100 (on the grid), 61 → 60 (snapped lightly) */
  g_assert_cmpfloat (fabs (ns2->x - (x0 + 100)), <, 1e-6);
  g_assert_cmpfloat (fabs (ns2->y - (y0 + 60)), <, 1e-6);
  g_assert_cmpstr (nfl_document_get_undo_label (f->document), !=, NULL);

  g_assert_true (nfl_document_undo (f->document));
  ns2 = find_ns (f, "ns2");
  g_assert_cmpfloat (ns2->x, ==, x0);
  g_assert_cmpfloat (ns2->y, ==, y0);
  /* the selection survives the change, by name */
  selected = (g_strfreev (selected), nfl_topology_view_dup_selected_namespaces (f->view));
  g_assert_cmpstrv (selected, ((const char *[]) { "ns2", NULL }));

  /* an arrow key nudges by a grid step */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "topology.nudge", "(dd)", 0.0, NFL_TOPO_GRID));
  g_assert_cmpfloat (find_ns (f, "ns2")->y, ==, y0 + NFL_TOPO_GRID);
}

static void
check_link (Fixture    *f,
            const char *ns_a,
            const char *ns_b)
{
  g_autofree char *want_a = NULL;
  g_autofree char *want_b = NULL;
  GtkWidget *entry_a, *entry_b;
  NflInterface *iface;

  nfl_document_propose_link_names (f->document, ns_a, ns_b, &want_a, &want_b);
  entry_a = _nfl_topology_view_get_link_entry (f->view, TRUE);
  entry_b = _nfl_topology_view_get_link_entry (f->view, FALSE);
  g_assert_nonnull (entry_a);
  g_assert_nonnull (entry_b);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry_a)), ==, want_a);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry_b)), ==, want_b);
  g_signal_emit_by_name (entry_b, "activate");
  nfl_test_spin (20);

  iface = nfl_namespace_find_interface (find_ns (f, ns_a), want_a);
  g_assert_nonnull (iface);
  g_assert_nonnull (iface->peer);
  g_assert_cmpstr (iface->peer->name, ==, want_b);
  g_assert_true (iface->peer->ns == find_ns (f, ns_b));
  g_assert_null (_nfl_topology_view_get_link_entry (f->view, TRUE));
}

static void
test_link (Fixture       *f,
           gconstpointer  data)
{
  const char *pair[] = { "ns1", "ns3", NULL };
  g_autofree char *sel_ns = NULL;
  g_autofree char *sel_iface = NULL;
  NflNamespace *ns1, *ns3;
  double x, y, tx, ty, x1, y1, x3, y3;

  /* "Add Link" with two selected namespaces */
  _nfl_topology_view_set_selection (f->view, pair, NULL, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "topology.add-link", NULL));
  check_link (f, "ns1", "ns3");
  g_assert_true (nfl_topology_view_get_selected_link (f->view, &sel_ns, &sel_iface));
  g_assert_cmpstr (sel_ns, ==, "ns1");

  /* editable: another name for one end */
  g_assert_true (nfl_document_undo (f->document));
  _nfl_topology_view_set_selection (f->view, pair, NULL, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "topology.add-link", NULL));
  gtk_editable_set_text (GTK_EDITABLE (_nfl_topology_view_get_link_entry (f->view, TRUE)), "uplink0");
  g_signal_emit_by_name (_nfl_topology_view_get_link_entry (f->view, TRUE), "activate");
  nfl_test_spin (20);
  g_assert_nonnull (nfl_namespace_find_interface (find_ns (f, "ns1"), "uplink0"));
  g_assert_true (nfl_document_undo (f->document));

  /* a drag from ns1's port to ns3 */
  /* (positions only: an undo replaces the namespaces) */
  ns1 = find_ns (f, "ns1");
  ns3 = find_ns (f, "ns3");
  x1 = ns1->x;
  y1 = ns1->y;
  x3 = ns3->x;
  y3 = ns3->y;
  at (f, x1 + NFL_TOPO_NODE_WIDTH, y1 + NFL_TOPO_HEADER_HEIGHT + 4 + NFL_TOPO_ROW_HEIGHT / 2, &x, &y);
  g_assert_cmpint (_nfl_topology_view_hit (f->view, x, y).kind, ==, NFL_HIT_PORT);
  at (f, x3 + 60, y3 + 30, &tx, &ty);
  _nfl_topology_view_drag_begin (f->view, x, y, 0);
  _nfl_topology_view_drag_update (f->view, 10, 0);
  g_assert_cmpint (f->view->drag_mode, ==, NFL_DRAG_LINK);
  _nfl_topology_view_drag_end (f->view, tx - x, ty - y);
  check_link (f, "ns1", "ns3");
  g_assert_true (nfl_document_undo (f->document));

  /* Ctrl+drag from the box */
  at (f, x1 + 60, y1 + 20, &x, &y);
  _nfl_topology_view_drag_begin (f->view, x, y, GDK_CONTROL_MASK);
  _nfl_topology_view_drag_end (f->view, tx - x, ty - y);
  check_link (f, "ns1", "ns3");
  g_assert_true (nfl_document_undo (f->document));

  /* "Add Link" with one selected: the next click picks the other end */
  nfl_topology_view_select_namespace (f->view, "ns3");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "topology.add-link", NULL));
  g_assert_cmpstr (f->view->link_source, ==, "ns3");
  at (f, x1 + 60, y1 + 20, &x, &y);
  _nfl_topology_view_drag_begin (f->view, x, y, 0);
  check_link (f, "ns3", "ns1");
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *dialog = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        dialog = ADW_MESSAGE_DIALOG (window);
    }
  return dialog;
}

/* Add Bridge on a namespace, move its box, link it to another namespace by
 * a drag (the new end in ns2 becomes its port, drawn in the bridge's box,
 * not in ns2's), then delete it: the port stays */
static void
test_bridge (Fixture       *f,
             gconstpointer  data)
{
  NflTopoGeometry *geometry;
  g_auto(GStrv) selected = NULL;
  NflNamespace *ns2;
  NflInterface *br0, *port = NULL;
  double bx, by, x, y, tx, ty, zoom = nfl_topology_view_get_zoom (f->view);
  int node, ns2_node;
  AdwMessageDialog *dialog;
  g_autofree char *port_name = NULL;

  nfl_topology_view_select_namespace (f->view, "ns2");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "topology.add-bridge", NULL));
  nfl_test_spin (20);
  br0 = nfl_namespace_find_interface (find_ns (f, "ns2"), "br0");
  g_assert_nonnull (br0);
  g_assert_true (br0->is_bridge && br0->up);
  selected = nfl_topology_view_dup_selected_nodes (f->view);
  g_assert_cmpstrv (selected, ((const char *[]) { "ns2/br0", NULL }));

  /* its box, joined to ns2's row br0 by a dashed line that is no link */
  geometry = _nfl_topology_view_get_geometry (f->view);
  node = nfl_topo_geometry_find (geometry, "ns2/br0");
  g_assert_cmpint (node, >=, 0);
  g_assert_true (geometry->nodes[node].bridge);
  g_assert_cmpstr (geometry->nodes[node].ns_name, ==, "ns2");
  {
    gboolean membership = FALSE;
    for (guint l = 0; l < geometry->n_links; l++)
      membership |= geometry->links[l].membership && geometry->links[l].node_b == (guint) node;
    g_assert_true (membership);
  }

  /* moved by a drag on its header */
  bx = br0->x;
  by = br0->y;
  at (f, bx + 30, by + 20, &x, &y);
  _nfl_topology_view_drag_begin (f->view, x, y, 0);
  _nfl_topology_view_drag_update (f->view, 40 * zoom, 0);
  _nfl_topology_view_drag_end (f->view, 40 * zoom, 0);
  br0 = nfl_namespace_find_interface (find_ns (f, "ns2"), "br0");
  g_assert_cmpfloat (fabs (br0->x - (bx + 40)), <, 1e-6);
  g_assert_cmpstr (nfl_document_get_undo_label (f->document), ==, "Move br0");

  /* Ctrl+drag from the bridge's box to ns3: the ns2 end is its port */
  bx = br0->x;
  by = br0->y;
  at (f, bx + 30, by + 20, &x, &y);
  at (f, find_ns (f, "ns3")->x + 60, find_ns (f, "ns3")->y + 30, &tx, &ty);
  _nfl_topology_view_drag_begin (f->view, x, y, GDK_CONTROL_MASK);
  _nfl_topology_view_drag_end (f->view, tx - x, ty - y);
  g_assert_nonnull (_nfl_topology_view_get_link_entry (f->view, TRUE));
  g_signal_emit_by_name (_nfl_topology_view_get_link_entry (f->view, FALSE), "activate");
  nfl_test_spin (20);
  ns2 = find_ns (f, "ns2");
  for (guint i = 0; i < ns2->interfaces->len; i++)
    if (((NflInterface *) g_ptr_array_index (ns2->interfaces, i))->master != NULL)
      port = g_ptr_array_index (ns2->interfaces, i);
  g_assert_nonnull (port);
  g_assert_true (port->master == nfl_namespace_find_interface (ns2, "br0"));
  g_assert_true (port->peer->ns == find_ns (f, "ns3"));
  geometry = _nfl_topology_view_get_geometry (f->view);
  node = nfl_topo_geometry_find (geometry, "ns2/br0");
  ns2_node = nfl_topo_geometry_find (geometry, "ns2");
  g_assert_cmpuint (geometry->nodes[node].n_ports, ==, 1);
  g_assert_cmpstr (geometry->nodes[node].ports[0].name, ==, port->name);
  for (guint p = 0; p < geometry->nodes[ns2_node].n_ports; p++)
    g_assert_cmpstr (geometry->nodes[ns2_node].ports[p].name, !=, port->name);
  g_assert_cmpint (geometry->nodes[node].ports[0].peer_node, ==, nfl_topo_geometry_find (geometry, "ns3"));

  /* Delete with the bridge's box selected */
  port_name = g_strdup (port->name);
  _nfl_topology_view_set_selection (f->view, (const char *[]) { "ns2/br0", NULL }, NULL, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "topology.delete", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete Bridge br0?");
  adw_message_dialog_response (dialog, "delete");
  nfl_test_spin (50);
  ns2 = find_ns (f, "ns2");
  g_assert_null (nfl_namespace_find_interface (ns2, "br0"));
  port = nfl_namespace_find_interface (ns2, port_name);
  g_assert_nonnull (port);
  g_assert_null (port->master);
  g_assert_nonnull (port->peer);
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *dialog = NULL;
  guint before = n_namespaces (f);

  nfl_topology_view_select_namespace (f->view, "ns3");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "topology.delete", NULL));
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window))
        dialog = ADW_MESSAGE_DIALOG (window);
    }
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete ns3?");
  /* what goes with it, as the document describes it */
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1 link"));
  adw_message_dialog_response (dialog, "delete");
  nfl_test_spin (50);
  g_assert_cmpuint (n_namespaces (f), ==, before - 1);
  g_assert_null (find_ns (f, "ns3"));
  g_assert_null (nfl_namespace_find_interface (find_ns (f, "ns2"), "veth2_ns2"));
  g_assert_true (nfl_document_undo (f->document));
  g_assert_nonnull (find_ns (f, "ns3"));
}

static void
test_rename (Fixture       *f,
             gconstpointer  data)
{
  g_auto(GStrv) selected = NULL;

  nfl_topology_view_select_namespace (f->view, "ns2");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "topology.rename", NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->view->rename_entry)), ==, "ns2");
  gtk_editable_set_text (GTK_EDITABLE (f->view->rename_entry), "router");
  g_signal_emit_by_name (f->view->rename_entry, "activate");
  nfl_test_spin (20);
  g_assert_nonnull (find_ns (f, "router"));
  g_assert_null (find_ns (f, "ns2"));
  selected = nfl_topology_view_dup_selected_namespaces (f->view);
  g_assert_cmpstrv (selected, ((const char *[]) { "router", NULL }));
}

static void
zoom_notified_cb (GObject    *object,
                  GParamSpec *pspec,
                  guint      *count)
{
  (*count)++;
}

static void
test_zoom (Fixture       *f,
           gconstpointer  data)
{
  double fit = nfl_topology_view_get_zoom (f->view);
  guint notified = 0;

  g_signal_connect (f->view, "notify::zoom", G_CALLBACK (zoom_notified_cb), &notified);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "topology.zoom-in", NULL));
  g_assert_cmpfloat (nfl_topology_view_get_zoom (f->view), >, fit);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "topology.zoom-out", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "topology.zoom-out", NULL));
  g_assert_cmpfloat (nfl_topology_view_get_zoom (f->view), <, fit);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "topology.zoom-fit", NULL));
  g_assert_cmpfloat (fabs (nfl_topology_view_get_zoom (f->view) - fit), <, 1e-9);
  g_assert_cmpuint (notified, ==, 4);

  nfl_topology_view_set_zoom (f->view, 100);
  g_assert_cmpfloat (nfl_topology_view_get_zoom (f->view), ==, NFL_TOPOLOGY_VIEW_ZOOM_MAX);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "topology.zoom-in", NULL);
  g_assert_cmpfloat (nfl_topology_view_get_zoom (f->view), ==, NFL_TOPOLOGY_VIEW_ZOOM_MAX);

  /* zooming around a point keeps that point where it is (within half a
   * pixel: the view stays on whole pixels) */
  nfl_topology_view_zoom_to_fit (f->view);
  {
    double before_x, before_y, after_x, after_y, doc_x, doc_y;

    _nfl_topology_view_to_document (f->view, 200, 150, &doc_x, &doc_y);
    _nfl_topology_view_to_widget (f->view, doc_x, doc_y, &before_x, &before_y);
    _nfl_topology_view_zoom_around (f->view, fit * 2, 200, 150);
    _nfl_topology_view_to_widget (f->view, doc_x, doc_y, &after_x, &after_y);
    g_assert_cmpfloat (fabs (after_x - before_x), <=, 0.5);
    g_assert_cmpfloat (fabs (after_y - before_y), <=, 0.5);
    g_assert_cmpfloat (f->view->offset_x, ==, round (f->view->offset_x));
    g_assert_cmpfloat (f->view->offset_y, ==, round (f->view->offset_y));
  }
}

static gboolean
zoom_reached (gpointer data)
{
  Fixture *f = data;

  return _nfl_topology_view_is_drawn (f->view) && f->view->zoom_animation != NULL &&
         adw_animation_get_state (f->view->zoom_animation) == ADW_ANIMATION_FINISHED;
}

/* With animations on, the zoom buttons get there in steps, keeping the
 * middle of the view where it is, and the tiles are drawn at the end. */
static void
test_zoom_animated (Fixture       *f,
                    gconstpointer  data)
{
  double fit = nfl_topology_view_get_zoom (f->view), doc_x, doc_y, x, y;
  int width = gtk_widget_get_width (GTK_WIDGET (f->view)), height = gtk_widget_get_height (GTK_WIDGET (f->view));
  guint notified = 0;

  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);
  g_signal_connect (f->view, "notify::zoom", G_CALLBACK (zoom_notified_cb), &notified);
  _nfl_topology_view_to_document (f->view, width / 2.0, height / 2.0, &doc_x, &doc_y);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "topology.zoom-in", NULL));
  /* a second step while the first runs goes on from where that ends */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "topology.zoom-in", NULL));
  g_assert_true (nfl_test_wait_for (zoom_reached, f, 3000));
  g_assert_cmpfloat (fabs (nfl_topology_view_get_zoom (f->view) - fit * 1.25 * 1.25), <, 1e-6);
  g_assert_cmpuint (notified, >, 2);
  _nfl_topology_view_to_widget (f->view, doc_x, doc_y, &x, &y);
  g_assert_cmpfloat (fabs (x - width / 2.0), <=, 1);
  g_assert_cmpfloat (fabs (y - height / 2.0), <=, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "topology.zoom-fit", NULL));
  g_assert_true (nfl_test_wait_for (zoom_reached, f, 3000));
  g_assert_cmpfloat (fabs (nfl_topology_view_get_zoom (f->view) - fit), <, 1e-6);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

static void
count_cb (NflTopologyView *view,
          guint           *count)
{
  (*count)++;
}

static void
test_selection (Fixture       *f,
                gconstpointer  data)
{
  guint changed = 0;
  g_auto(GStrv) selected = NULL;
  NflNamespace *ns1 = find_ns (f, "ns1"), *ns3 = find_ns (f, "ns3");
  double x, y, x3, y3;

  g_signal_connect (f->view, "selection-changed", G_CALLBACK (count_cb), &changed);

  nfl_topology_view_select_namespace (f->view, "ns1");
  g_assert_cmpuint (changed, ==, 1);
  nfl_topology_view_select_namespace (f->view, "ns1");
  g_assert_cmpuint (changed, ==, 1);

  /* Ctrl+click adds */
  at (f, ns3->x + 60, ns3->y + 20, &x3, &y3);
  _nfl_topology_view_drag_begin (f->view, x3, y3, GDK_CONTROL_MASK);
  _nfl_topology_view_drag_end (f->view, 0, 0);
  g_assert_cmpuint (changed, ==, 2);
  selected = nfl_topology_view_dup_selected_namespaces (f->view);
  g_assert_cmpstrv (selected, ((const char *[]) { "ns1", "ns3", NULL }));

  /* a click on empty space clears */
  at (f, ns1->x - 40, ns1->y + 400, &x, &y);
  _nfl_topology_view_drag_begin (f->view, x, y, 0);
  _nfl_topology_view_drag_end (f->view, 0, 0);
  g_assert_cmpuint (changed, ==, 3);
  selected = (g_strfreev (selected), nfl_topology_view_dup_selected_namespaces (f->view));
  g_assert_cmpuint (g_strv_length (selected), ==, 0);

  /* a plain drag there pans, and keeps the (empty) selection */
  {
    double ox = f->view->offset_x;

    _nfl_topology_view_drag_begin (f->view, x, y, 0);
    _nfl_topology_view_drag_update (f->view, 30, 0);
    _nfl_topology_view_drag_end (f->view, 30, 0);
    g_assert_cmpfloat (f->view->offset_x, ==, ox + 30);
  }

  /* Shift+drag: a rubber band over ns1 and ns2 */
  {
    double bx, by, ex, ey;

    at (f, ns1->x - 20, ns1->y - 20, &bx, &by);
    at (f, ns1->x + 300, ns1->y + 60, &ex, &ey);
    _nfl_topology_view_drag_begin (f->view, bx, by, GDK_SHIFT_MASK);
    _nfl_topology_view_drag_update (f->view, ex - bx, ey - by);
    g_assert_cmpint (f->view->drag_mode, ==, NFL_DRAG_BAND);
    nfl_test_spin (100);
    {
      g_autoptr(GdkTexture) texture = nfl_test_render_widget (GTK_WIDGET (f->view));
      g_autofree char *path = nfl_test_save_png (texture, "topology-view-band.png");
    }
    _nfl_topology_view_drag_end (f->view, ex - bx, ey - by);
    selected = (g_strfreev (selected), nfl_topology_view_dup_selected_namespaces (f->view));
    g_assert_cmpstrv (selected, ((const char *[]) { "ns1", "ns2", NULL }));
  }

  /* select all, then a link by clicking it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "topology.select-all", NULL));
  selected = (g_strfreev (selected), nfl_topology_view_dup_selected_namespaces (f->view));
  g_assert_cmpuint (g_strv_length (selected), ==, 3);
  {
    NflTopoGeometry *geometry = _nfl_topology_view_get_geometry (f->view);
    graphene_point_t p[4];
    g_autofree char *ns = NULL;
    g_autofree char *iface = NULL;

    nfl_topo_link_curve (geometry, &geometry->links[0], p);
    at (f, (p[0].x + p[3].x) / 2, (p[0].y + p[3].y) / 2, &x, &y);
    _nfl_topology_view_drag_begin (f->view, x, y, 0);
    _nfl_topology_view_drag_end (f->view, 0, 0);
    g_assert_true (nfl_topology_view_get_selected_link (f->view, &ns, &iface));
    g_assert_cmpstr (ns, ==, "ns1");
    g_assert_cmpstr (iface, ==, "veth1_ns1");
    selected = (g_strfreev (selected), nfl_topology_view_dup_selected_namespaces (f->view));
    g_assert_cmpuint (g_strv_length (selected), ==, 0);
  }

  /* a change that removes a selected namespace drops it */
  nfl_topology_view_select_namespace (f->view, "ns3");
  changed = 0;
  g_assert_true (nfl_document_remove_namespaces (f->document, (const char *[]) { "ns3", NULL }, NULL));
  g_assert_cmpuint (changed, ==, 1);
  selected = (g_strfreev (selected), nfl_topology_view_dup_selected_namespaces (f->view));
  g_assert_cmpuint (g_strv_length (selected), ==, 0);
}

static void
check_file (const char *name,
            const char *magic)
{
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 200);
  g_assert_true (memcmp (contents, magic, strlen (magic)) == 0);
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  const char *formats[] = { "png", "svg", "pdf" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *name = g_strdup_printf ("topology-view-export.%s", formats[i]);
      g_autofree char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      g_assert_true (nfl_topology_view_export_image (f->view, file, formats[i], &error));
      g_assert_no_error (error);
    }
  check_file ("topology-view-export.png", "\x89PNG");
  check_file ("topology-view-export.svg", "<?xml");
  check_file ("topology-view-export.pdf", "%PDF");
  {
    g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "topology-view-export.png", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GdkTexture) texture = gdk_texture_new_from_file (file, &error);

    g_assert_no_error (error);
    g_assert_cmpint (gdk_texture_get_width (texture), >, 600);
    g_assert_cmpint (gdk_texture_get_height (texture), >, 100);
  }
  {
    g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "topology-view-export.svg", NULL);
    g_autofree char *svg = NULL;

    g_assert_true (g_file_get_contents (path, &svg, NULL, NULL));
    g_assert_nonnull (strstr (svg, "<svg"));
  }
  {
    g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "topology-view-export.gif", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);

    g_assert_false (nfl_topology_view_export_image (f->view, file, "gif", &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  }
}

static gboolean
view_drawn (gpointer data)
{
  return _nfl_topology_view_is_drawn (data);
}

static void
wait_drawn (NflTopologyView *view)
{
  gtk_widget_queue_draw (GTK_WIDGET (view));
  g_assert_true (nfl_test_wait_for (view_drawn, view, 5000));
}

static guint8 *
download (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  guint8 *data = g_malloc ((gsize) width * gdk_texture_get_height (texture) * 4);

  gdk_texture_download (texture, data, (gsize) width * 4);
  return data;
}

/* The canvas looks exactly as a new one showing the same document at the
 * same zoom and offset. */
static void
check_as_new (Fixture    *f,
              const char *name)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  NflTopologyView *fresh = NFL_TOPOLOGY_VIEW (nfl_topology_view_new ());
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) fresh_texture = NULL;
  g_autofree guint8 *pixels = NULL;
  g_autofree guint8 *fresh_pixels = NULL;
  int width, height;

  gtk_window_set_default_size (window, 1000, 600);
  nfl_topology_view_set_document (fresh, f->document);
  gtk_window_set_child (window, GTK_WIDGET (fresh));
  gtk_window_present (window);
  wait_drawn (fresh);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fresh)), ==, gtk_widget_get_width (GTK_WIDGET (f->view)));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (fresh)), ==, gtk_widget_get_height (GTK_WIDGET (f->view)));
  nfl_topology_view_set_zoom (fresh, nfl_topology_view_get_zoom (f->view));
  _nfl_topology_view_pan_to (fresh, f->view->offset_x, f->view->offset_y);
  _nfl_topology_view_settle_zoom (fresh);
  wait_drawn (fresh);

  texture = nfl_test_render_widget (GTK_WIDGET (f->view));
  fresh_texture = nfl_test_render_widget (GTK_WIDGET (fresh));
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  pixels = download (texture);
  fresh_pixels = download (fresh_texture);
  g_free (nfl_test_save_png (texture, name));
  g_assert_cmpmem (pixels, (gsize) width * height * 4, fresh_pixels, (gsize) width * height * 4);
  gtk_window_destroy (window);
}

/* The canvas keeps what it drew in tiles and draws again only those whose
 * content changed: a box moved shows at its new place and nowhere else,
 * only the tiles it touches are drawn again, and after moves, zooms and
 * pans the canvas looks exactly as a new one showing the same. */
static void
test_tiles (Fixture       *f,
            gconstpointer  data)
{
  const NflTopoPalette *palette = &f->view->palette;
  const char *moved[] = { "ns3", NULL };
  double old_x, old_y, x, y;
  guint before;
  GdkRGBA c;

  wait_drawn (f->view);
  old_x = find_ns (f, "ns3")->x;
  old_y = find_ns (f, "ns3")->y;
  before = nfl_topo_tiles_get_n_drawn (f->view->tiles);
  g_assert_true (nfl_document_move_namespaces (f->document, moved, 0, 200, NULL));
  wait_drawn (f->view);
  g_assert_cmpuint (nfl_topo_tiles_get_n_drawn (f->view->tiles) - before, >, 0);
  g_assert_cmpuint (nfl_topo_tiles_get_n_drawn (f->view->tiles) - before, <, nfl_topo_tiles_get_n_tiles (f->view->tiles));
  {
    g_autoptr(GdkTexture) texture = nfl_test_render_widget (GTK_WIDGET (f->view));
    g_autofree guint8 *pixels = download (texture);

    /* where ns3's card was (inside it, left of the text): the canvas */
    at (f, old_x + 7, old_y + NFL_TOPO_HEADER_HEIGHT + 4, &x, &y);
    pixel (texture, pixels, x + 0.5, y + 0.5, &c);
    g_assert_true (same_colour (&c, &palette->canvas, 0.06));
    /* where it is now: the card */
    at (f, old_x + 7, old_y + 200 + NFL_TOPO_HEADER_HEIGHT + 4, &x, &y);
    pixel (texture, pixels, x + 0.5, y + 0.5, &c);
    g_assert_true (same_colour (&c, &palette->card, 0.02));
  }

  /* a small move (the box stays on the same tiles), then a zoom
   * (settled), a pan, undo: each time as new */
  {
    const char *nudged[] = { "ns1", NULL };

    g_assert_true (nfl_document_move_namespaces (f->document, nudged, 6, 4, NULL));
  }
  wait_drawn (f->view);
  check_as_new (f, "topology-view-tiles-moved.png");
  nfl_topology_view_set_zoom (f->view, nfl_topology_view_get_zoom (f->view) * 1.3);
  _nfl_topology_view_settle_zoom (f->view);
  wait_drawn (f->view);
  _nfl_topology_view_pan_to (f->view, f->view->offset_x + 37, f->view->offset_y - 23);
  wait_drawn (f->view);
  g_assert_true (nfl_document_undo (f->document));
  wait_drawn (f->view);
  check_as_new (f, "topology-view-tiles-zoomed.png");
}

int
main (int   argc,
      char *argv[])
{
  nfl_test_app_init (&argc, &argv);

#define ADD(path, fn) g_test_add ("/nfl/app/topology-view/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  g_test_add_func ("/nfl/app/topology-view/new-destroy", test_new_destroy);
  g_test_add_func ("/nfl/app/topology-view/with-document-destroy", test_with_document_destroy);
  ADD ("render", test_render);
  ADD ("accessible", test_accessible);
  ADD ("add-namespace", test_add_namespace);
  ADD ("move", test_move);
  ADD ("link", test_link);
  ADD ("delete", test_delete);
  ADD ("bridge", test_bridge);
  ADD ("rename", test_rename);
  ADD ("zoom", test_zoom);
  ADD ("zoom-animated", test_zoom_animated);
  ADD ("selection", test_selection);
  ADD ("export", test_export);
  ADD ("tiles", test_tiles);
#undef ADD

  return g_test_run ();
}
