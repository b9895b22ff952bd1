/* nfl-topology-view-input.c: the canvas's gestures, actions, menus and
 * popovers
 *
 * A primary-button drag starts as "pending" and becomes, once it passes
 * the threshold: a move (on a box), a link (from a port, from the "+"
 * handle a hovered box shows on its right edge, or Ctrl+drag on a box), a
 * rubber band (Shift on empty space) or a pan (empty space).  A press that
 * never passes it is a click.  A move is one nfl_document_move_namespaces
 * () at the end; until then the boxes are drawn at their offset.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "nfl-topology-view-private.h"

#define DRAG_THRESHOLD   4.0
#define SNAP_DISTANCE    6.0   /* document units: how close to the grid snaps */
#define ZOOM_STEP        1.25
#define NEW_NODE_HEIGHT  (NFL_TOPO_HEADER_HEIGHT + 4 + NFL_TOPO_LO_ROW_HEIGHT + 6)

/* ---------------------------------------------------------------------- */
/* helpers                                                                 */
/* ---------------------------------------------------------------------- */

static void
show_error (NflTopologyView *self,
            const char      *heading,
            const GError    *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static double
snap (double value)
{
  double grid = round (value / NFL_TOPO_GRID) * NFL_TOPO_GRID;

  return fabs (grid - value) <= SNAP_DISTANCE ? grid : value;
}

static const char *
node_name (NflTopologyView *self,
           int              index)
{
  NflTopoGeometry *geometry = _nfl_topology_view_get_geometry (self);

  if (geometry == NULL || index < 0 || (guint) index >= geometry->n_nodes)
    return NULL;
  return geometry->nodes[index].name;
}

static void
select_only (NflTopologyView *self,
             const char      *name)
{
  nfl_topology_view_select_namespace (self, name);
}

static void
select_link_index (NflTopologyView *self,
                   int              index)
{
  NflTopoGeometry *geometry = _nfl_topology_view_get_geometry (self);
  NflTopoLink *link;
  NflTopoNode *node;

  if (geometry == NULL || index < 0 || (guint) index >= geometry->n_links)
    return;
  link = &geometry->links[index];
  if (link->membership)
    return;
  node = &geometry->nodes[link->node_a];
  nfl_topology_view_select_link (self, node->ns_name, node->ports[link->port_a].name);
}

static void
set_cursor_for (NflTopologyView *self,
                NflHit           hit)
{
  const char *name = "default";

  if (self->link_source != NULL || self->drag_mode == NFL_DRAG_LINK)
    name = "crosshair";
  else if (self->drag_mode == NFL_DRAG_MOVE || self->drag_mode == NFL_DRAG_PAN)
    name = "grabbing";
  else if (hit.kind == NFL_HIT_PORT || hit.kind == NFL_HIT_HANDLE)
    name = "crosshair";
  else if (hit.kind == NFL_HIT_NODE)
    name = "grab";
  else if (hit.kind == NFL_HIT_LINK)
    name = "pointer";
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), name);
}

/* keys typed into a popover's entry must not reach the canvas's bindings */
static gboolean
popover_open (NflTopologyView *self)
{
  return (self->link_popover != NULL && gtk_widget_get_visible (self->link_popover)) ||
         (self->rename_popover != NULL && gtk_widget_get_visible (self->rename_popover)) ||
         (self->context_menu != NULL && gtk_widget_get_visible (self->context_menu));
}

static void
end_link_pick (NflTopologyView *self)
{
  if (self->link_source == NULL)
    return;
  g_clear_pointer (&self->link_source, g_free);
  self->link_target = -1;
  set_cursor_for (self, self->hover);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---------------------------------------------------------------------- */
/* the enabled state of every action, in one place                         */
/* ---------------------------------------------------------------------- */

/* The one selected box's name (or any, with several) */
static const char *
first_selected (NflTopologyView *self)
{
  GHashTableIter iter;
  gpointer key = NULL;

  g_hash_table_iter_init (&iter, self->selected);
  return g_hash_table_iter_next (&iter, &key, NULL) ? key : NULL;
}

void
_nfl_topology_view_update_actions (NflTopologyView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  NflScenario *scenario = self->document ? nfl_document_get_scenario (self->document) : NULL;
  guint n_selected = g_hash_table_size (self->selected);
  guint n_namespaces = scenario ? nfl_scenario_get_namespaces (scenario)->len : 0;
  gboolean has_document = scenario != NULL;

  gtk_widget_action_set_enabled (widget, "topology.add-namespace", has_document);
  gtk_widget_action_set_enabled (widget, "topology.add-namespace-here", has_document);
  gtk_widget_action_set_enabled (widget, "topology.add-link", has_document && (n_selected == 1 || n_selected == 2));
  gtk_widget_action_set_enabled (widget, "topology.add-bridge", has_document && n_selected == 1 &&
                                 scenario != NULL && nfl_scenario_find_namespace (scenario, first_selected (self)) != NULL);
  gtk_widget_action_set_enabled (widget, "topology.zoom-in", self->zoom < NFL_TOPOLOGY_VIEW_ZOOM_MAX - 1e-9);
  gtk_widget_action_set_enabled (widget, "topology.zoom-out", self->zoom > NFL_TOPOLOGY_VIEW_ZOOM_MIN + 1e-9);
  gtk_widget_action_set_enabled (widget, "topology.zoom-fit", TRUE);
  gtk_widget_action_set_enabled (widget, "topology.delete", has_document && (n_selected > 0 || self->link_ns != NULL));
  gtk_widget_action_set_enabled (widget, "topology.rename", has_document && n_selected == 1 &&
                                 nfl_scenario_find_namespace (scenario, first_selected (self)) != NULL);
  gtk_widget_action_set_enabled (widget, "topology.select-all", n_namespaces > 0);
  gtk_widget_action_set_enabled (widget, "topology.nudge", has_document && n_selected > 0);
}

/* ---------------------------------------------------------------------- */
/* new namespaces                                                          */
/* ---------------------------------------------------------------------- */

static gboolean
spot_is_free (NflTopoGeometry *geometry,
              double           x,
              double           y)
{
  graphene_rect_t want = GRAPHENE_RECT_INIT (x - NFL_TOPO_GRID * 2, y - NFL_TOPO_GRID,
                                             NFL_TOPO_NODE_WIDTH + NFL_TOPO_GRID * 4,
                                             NEW_NODE_HEIGHT + NFL_TOPO_GRID * 2);

  for (guint i = 0; geometry != NULL && i < geometry->n_nodes; i++)
    {
      graphene_rect_t rect = nfl_topo_node_rect (geometry, i);

      if (graphene_rect_intersection (&want, &rect, NULL))
        return FALSE;
    }
  return TRUE;
}

void
_nfl_topology_view_free_spot (NflTopologyView *self,
                              double          *doc_x,
                              double          *doc_y)
{
  NflTopoGeometry *geometry = _nfl_topology_view_get_geometry (self);
  double step = NFL_TOPO_GRID * 2;
  double x = round (*doc_x / NFL_TOPO_GRID) * NFL_TOPO_GRID;
  double y = round (*doc_y / NFL_TOPO_GRID) * NFL_TOPO_GRID;

  /* rings around the wanted place, nearest first */
  for (int ring = 0; ring < 60; ring++)
    for (int j = -ring; j <= ring; j++)
      for (int i = -ring; i <= ring; i++)
        {
          if (MAX (ABS (i), ABS (j)) != ring)
            continue;
          if (spot_is_free (geometry, x + i * step, y + j * step))
            {
              *doc_x = x + i * step;
              *doc_y = y + j * step;
              return;
            }
        }
  *doc_x = x;
  *doc_y = y;
}

static void
add_namespace_at (NflTopologyView *self,
                  double           doc_x,
                  double           doc_y)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;

  if (self->document == NULL)
    return;
  _nfl_topology_view_free_spot (self, &doc_x, &doc_y);
  name = nfl_document_add_namespace (self->document, NULL, doc_x, doc_y, &error);
  if (name == NULL)
    {
      show_error (self, _("The Namespace Could Not Be Added"), error);
      return;
    }
  select_only (self, name);
}

/* ---------------------------------------------------------------------- */
/* actions                                                                 */
/* ---------------------------------------------------------------------- */

static void
add_namespace_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  NflTopologyView *self = NFL_TOPOLOGY_VIEW (widget);
  double x, y;

  /* the middle of what is visible */
  _nfl_topology_view_to_document (self, gtk_widget_get_width (widget) / 2.0,
                                  gtk_widget_get_height (widget) / 2.0, &x, &y);
  add_namespace_at (self, x - NFL_TOPO_NODE_WIDTH / 2, y - NEW_NODE_HEIGHT / 2);
}

static void
add_namespace_here_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  NflTopologyView *self = NFL_TOPOLOGY_VIEW (widget);

  if (!self->menu_point_set)
    {
      add_namespace_action (widget, action_name, parameter);
      return;
    }
  self->menu_point_set = FALSE;
  add_namespace_at (self, self->menu_x - NFL_TOPO_NODE_WIDTH / 2, self->menu_y - NFL_TOPO_HEADER_HEIGHT / 2);
}

static void
add_link_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  NflTopologyView *self = NFL_TOPOLOGY_VIEW (widget);
  g_auto(GStrv) names = nfl_topology_view_dup_selected_nodes (self);
  guint n = g_strv_length (names);

  if (n == 2)
    _nfl_topology_view_propose_link (self, names[0], names[1]);
  else if (n == 1)
    {
      /* the next namespace clicked is the other end */
      g_free (self->link_source);
      self->link_source = g_strdup (names[0]);
      self->link_target = -1;
      set_cursor_for (self, self->hover);
      gtk_widget_grab_focus (widget);
      gtk_widget_queue_draw (widget);
    }
}

/* A bridge in the one selected namespace, its box under the namespace's */
static void
add_bridge_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  NflTopologyView *self = NFL_TOPOLOGY_VIEW (widget);
  g_auto(GStrv) names = nfl_topology_view_dup_selected_namespaces (self);
  NflTopoGeometry *geometry = _nfl_topology_view_get_geometry (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *bridge = NULL;
  int index;
  graphene_rect_t rect;

  if (self->document == NULL || g_strv_length (names) != 1 || geometry == NULL ||
      (index = nfl_topo_geometry_find (geometry, names[0])) < 0)
    return;
  rect = nfl_topo_node_rect (geometry, index);
  /* under the namespace's box, which grows by the bridge's row */
  if (!nfl_document_add_bridge (self->document, names[0], rect.origin.x,
                                snap (rect.origin.y + rect.size.height + NFL_TOPO_ROW_HEIGHT + 2 * NFL_TOPO_GRID),
                                &bridge, &error))
    {
      show_error (self, _("No Bridge Was Added"), error);
      return;
    }
  {
    g_autofree char *node = nfl_topo_bridge_node_name (names[0], bridge);
    select_only (self, node);
  }
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  _nfl_topology_view_animate_zoom (NFL_TOPOLOGY_VIEW (widget), FALSE, ZOOM_STEP);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  _nfl_topology_view_animate_zoom (NFL_TOPOLOGY_VIEW (widget), FALSE, 1 / ZOOM_STEP);
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  _nfl_topology_view_animate_zoom (NFL_TOPOLOGY_VIEW (widget), TRUE, 1);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    NflTopologyView  *self)
{
  g_autoptr(GError) error = NULL;
  const char * const *names = g_object_get_data (G_OBJECT (dialog), "names");
  const char *link_ns = g_object_get_data (G_OBJECT (dialog), "link-ns");
  const char *link_iface = g_object_get_data (G_OBJECT (dialog), "link-iface");
  const char * const *bridges = g_object_get_data (G_OBJECT (dialog), "bridges");
  gboolean ok = TRUE;

  if (!g_str_equal (response, "delete") || self->document == NULL)
    return;
  if (names != NULL)
    ok = nfl_document_remove_namespaces (self->document, names, &error);
  else if (bridges != NULL)
    for (guint i = 0; ok && bridges[i] != NULL; i++)
      {
        g_auto(GStrv) parts = g_strsplit (bridges[i], "/", 2);
        ok = nfl_document_remove_bridge (self->document, parts[0], parts[1], &error);
      }
  else if (link_ns != NULL)
    ok = nfl_document_remove_link (self->document, link_ns, link_iface, &error);
  if (!ok)
    show_error (self, _("Nothing Was Deleted"), error);
}

static char *
peer_of (NflTopologyView *self,
         const char      *ns_name,
         const char      *iface_name,
         char           **peer_ns)
{
  NflScenario *scenario = nfl_document_get_scenario (self->document);
  NflNamespace *ns = nfl_scenario_find_namespace (scenario, ns_name);
  NflInterface *iface = ns ? nfl_namespace_find_interface (ns, iface_name) : NULL;

  if (iface == NULL || iface->peer == NULL || iface->peer->ns == NULL)
    return NULL;
  *peer_ns = g_strdup (iface->peer->ns->name);
  return g_strdup (iface->peer->name);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  NflTopologyView *self = NFL_TOPOLOGY_VIEW (widget);
  g_auto(GStrv) names = nfl_topology_view_dup_selected_namespaces (self);
  g_auto(GStrv) bridges = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  guint n = g_strv_length (names);

  if (self->document == NULL || popover_open (self))
    return;
  if (n == 0)
    {
      /* only bridges' boxes: the bridges go, their ports stay */
      g_auto(GStrv) nodes = nfl_topology_view_dup_selected_nodes (self);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; nodes[i] != NULL; i++)
        if (strchr (nodes[i], '/') != NULL)
          g_strv_builder_add (builder, nodes[i]);
      bridges = g_strv_builder_end (builder);
    }
  if (bridges != NULL && bridges[0] != NULL)
    {
      guint n_bridges = g_strv_length (bridges);

      if (n_bridges == 1)
        /* Translators: %s is a bridge's name */
        heading = g_strdup_printf (_("Delete Bridge %s?"), strchr (bridges[0], '/') + 1);
      else
        heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete %u Bridge?", "Delete %u Bridges?",
                                                n_bridges), n_bridges);
      body = g_strdup (_("Its ports stay as veth ends that belong to no bridge, with their links."));
    }
  else if (n > 0)
    {
      /* a sentence: "This also removes 1 link, 2 addresses and 3 routes." */
      body = nfl_document_describe_removal (self->document, (const char * const *) names);

      if (n == 1)
        /* Translators: %s is a namespace's name */
        heading = g_strdup_printf (_("Delete %s?"), names[0]);
      else
        heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete %u Namespace?", "Delete %u Namespaces?", n), n);
    }
  else if (self->link_ns != NULL)
    {
      g_autofree char *peer_ns = NULL;
      g_autofree char *peer = peer_of (self, self->link_ns, self->link_iface, &peer_ns);

      if (peer == NULL)
        return;
      /* Translators: the two namespaces a veth pair joins */
      heading = g_strdup_printf (_("Delete the Link Between %s and %s?"), self->link_ns, peer_ns);
      /* Translators: the two ends of a veth pair, each “interface (namespace)” */
      body = g_strdup_printf (_("Both ends, %s (%s) and %s (%s), are deleted with their addresses."),
                              self->link_iface, self->link_ns, peer, peer_ns);
    }
  else
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  if (bridges != NULL && bridges[0] != NULL)
    g_object_set_data_full (G_OBJECT (dialog), "bridges", g_steal_pointer (&bridges), (GDestroyNotify) g_strfreev);
  else if (n > 0)
    g_object_set_data_full (G_OBJECT (dialog), "names", g_steal_pointer (&names), (GDestroyNotify) g_strfreev);
  else
    {
      g_object_set_data_full (G_OBJECT (dialog), "link-ns", g_strdup (self->link_ns), g_free);
      g_object_set_data_full (G_OBJECT (dialog), "link-iface", g_strdup (self->link_iface), g_free);
    }
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void rename_popup (NflTopologyView *self, const char *name);

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  NflTopologyView *self = NFL_TOPOLOGY_VIEW (widget);
  g_auto(GStrv) names = nfl_topology_view_dup_selected_namespaces (self);

  if (g_strv_length (names) == 1)
    rename_popup (self, names[0]);
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  NflTopologyView *self = NFL_TOPOLOGY_VIEW (widget);
  NflTopoGeometry *geometry = _nfl_topology_view_get_geometry (self);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; geometry != NULL && i < geometry->n_nodes; i++)
    g_ptr_array_add (names, geometry->nodes[i].name);
  g_ptr_array_add (names, NULL);
  _nfl_topology_view_set_selection (self, (const char * const *) names->pdata, NULL, NULL);
}

static void
nudge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  NflTopologyView *self = NFL_TOPOLOGY_VIEW (widget);
  g_auto(GStrv) names = nfl_topology_view_dup_selected_nodes (self);
  g_autoptr(GError) error = NULL;
  double dx, dy;

  g_variant_get (parameter, "(dd)", &dx, &dy);
  if (names[0] == NULL || self->document == NULL || self->drag_mode != NFL_DRAG_NONE || popover_open (self))
    return;
  if (!nfl_document_move_namespaces (self->document, (const char * const *) names, dx, dy, &error))
    show_error (self, _("The Namespaces Could Not Be Moved"), error);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  NflTopologyView *self = NFL_TOPOLOGY_VIEW (widget);

  if (self->link_source != NULL)
    end_link_pick (self);
  else if (self->drag_mode != NFL_DRAG_NONE)
    _nfl_topology_view_cancel_drag (self);
  else
    _nfl_topology_view_set_selection (self, NULL, NULL, NULL);
}

/* ---------------------------------------------------------------------- */
/* popovers                                                                */
/* ---------------------------------------------------------------------- */

static void
point_popover_at_node (NflTopologyView *self,
                       GtkWidget       *popover,
                       const char      *name)
{
  NflTopoGeometry *geometry = _nfl_topology_view_get_geometry (self);
  int index = geometry ? nfl_topo_geometry_find (geometry, name) : -1;
  double x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0, y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

  if (index >= 0)
    {
      graphene_rect_t rect = nfl_topo_node_rect (geometry, index);

      _nfl_topology_view_to_widget (self, rect.origin.x + rect.size.width / 2,
                                    rect.origin.y + rect.size.height, &x, &y);
    }
  x = CLAMP (x, 0, gtk_widget_get_width (GTK_WIDGET (self)));
  y = CLAMP (y, 0, gtk_widget_get_height (GTK_WIDGET (self)));
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &(GdkRectangle) { x, y, 1, 1 });
}

static void
rename_confirm (NflTopologyView *self)
{
  g_autoptr(GError) error = NULL;
  const char *new_name = gtk_editable_get_text (GTK_EDITABLE (self->rename_entry));
  g_autofree char *old_name = g_strdup (self->rename_ns);
  gboolean was_selected;

  if (self->document == NULL || old_name == NULL)
    return;
  if (g_strcmp0 (new_name, old_name) == 0)
    {
      gtk_popover_popdown (GTK_POPOVER (self->rename_popover));
      return;
    }
  was_selected = _nfl_topology_view_is_selected (self, old_name);
  if (!nfl_document_rename_namespace (self->document, old_name, new_name, &error))
    {
      gtk_label_set_text (GTK_LABEL (self->rename_error), error->message);
      gtk_widget_set_visible (self->rename_error, TRUE);
      return;
    }
  gtk_popover_popdown (GTK_POPOVER (self->rename_popover));
  if (was_selected)
    select_only (self, new_name);
}

static void
rename_popup (NflTopologyView *self,
              const char      *name)
{
  g_free (self->rename_ns);
  self->rename_ns = g_strdup (name);
  gtk_editable_set_text (GTK_EDITABLE (self->rename_entry), name);
  gtk_widget_set_visible (self->rename_error, FALSE);
  point_popover_at_node (self, self->rename_popover, name);
  gtk_popover_popup (GTK_POPOVER (self->rename_popover));
  gtk_widget_grab_focus (self->rename_entry);
  gtk_editable_select_region (GTK_EDITABLE (self->rename_entry), 0, -1);
}

static void
link_confirm (NflTopologyView *self)
{
  g_autoptr(GError) error = NULL;
  const char *name_a = gtk_editable_get_text (GTK_EDITABLE (self->link_entry_a));
  const char *name_b = gtk_editable_get_text (GTK_EDITABLE (self->link_entry_b));
  g_autofree char *ns_a = g_strdup (self->link_ns_a);
  g_autofree char *iface_a = g_strdup (name_a);

  gboolean ok;

  if (self->document == NULL || ns_a == NULL || self->link_ns_b == NULL)
    return;
  if (strchr (self->link_ns_a, '/') != NULL)
    {
      /* from a bridge's box: the first end is a port of that bridge */
      g_auto(GStrv) parts = g_strsplit (self->link_ns_a, "/", 2);

      g_free (ns_a);
      ns_a = g_strdup (parts[0]);
      ok = strchr (self->link_ns_b, '/') == NULL &&
           nfl_document_add_bridge_link (self->document, parts[0], parts[1], name_a, self->link_ns_b, name_b, &error);
      if (!ok && error == NULL)
        g_set_error_literal (&error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                             _("Two bridges are joined through a namespace: link each to it."));
    }
  else
    ok = nfl_document_add_link (self->document, self->link_ns_a, name_a, self->link_ns_b, name_b, &error);
  if (!ok)
    {
      gtk_label_set_text (GTK_LABEL (self->link_error), error->message);
      gtk_widget_set_visible (self->link_error, TRUE);
      return;
    }
  gtk_popover_popdown (GTK_POPOVER (self->link_popover));
  nfl_topology_view_select_link (self, ns_a, iface_a);
}

void
_nfl_topology_view_propose_link (NflTopologyView *self,
                                 const char      *ns_a,
                                 const char      *ns_b)
{
  g_autofree char *name_a = NULL;
  g_autofree char *name_b = NULL;
  NflTopoGeometry *geometry = _nfl_topology_view_get_geometry (self);
  int a, b;

  g_return_if_fail (NFL_IS_TOPOLOGY_VIEW (self));
  g_return_if_fail (ns_a != NULL && ns_b != NULL);

  if (self->document == NULL || geometry == NULL)
    return;
  end_link_pick (self);
  if (strchr (ns_b, '/') != NULL && strchr (ns_a, '/') == NULL)
    {
      /* a bridge's box first: its end becomes the bridge's port */
      const char *swap = ns_a;
      ns_a = ns_b;
      ns_b = swap;
    }
  a = nfl_topo_geometry_find (geometry, ns_a);
  b = nfl_topo_geometry_find (geometry, ns_b);
  nfl_document_propose_link_names (self->document, a >= 0 ? geometry->nodes[a].ns_name : ns_a,
                                   b >= 0 ? geometry->nodes[b].ns_name : ns_b, &name_a, &name_b);
  g_free (self->link_ns_a);
  g_free (self->link_ns_b);
  self->link_ns_a = g_strdup (ns_a);
  self->link_ns_b = g_strdup (ns_b);
  {
    /* Translators: the interface a new link gets in namespace %s; the
     * second: in the namespace of a bridge, as its port */
    g_autofree char *label_a = a >= 0 && geometry->nodes[a].bridge
                               ? g_strdup_printf (_("In %s, a port of %s"), geometry->nodes[a].ns_name,
                                                  geometry->nodes[a].label)
                               : g_strdup_printf (_("In %s"), ns_a);
    g_autofree char *label_b = g_strdup_printf (_("In %s"), b >= 0 ? geometry->nodes[b].ns_name : ns_b);

    gtk_label_set_text (GTK_LABEL (self->link_label_a), label_a);
    gtk_label_set_text (GTK_LABEL (self->link_label_b), label_b);
  }
  gtk_editable_set_text (GTK_EDITABLE (self->link_entry_a), name_a ? name_a : "");
  gtk_editable_set_text (GTK_EDITABLE (self->link_entry_b), name_b ? name_b : "");
  gtk_widget_set_visible (self->link_error, FALSE);

  /* between the two boxes */
  if (a >= 0 && b >= 0)
    {
      graphene_rect_t ra = nfl_topo_node_rect (geometry, a), rb = nfl_topo_node_rect (geometry, b);
      double x, y;

      _nfl_topology_view_to_widget (self, (ra.origin.x + rb.origin.x + NFL_TOPO_NODE_WIDTH) / 2,
                                    (ra.origin.y + rb.origin.y) / 2 + NFL_TOPO_HEADER_HEIGHT / 2, &x, &y);
      x = CLAMP (x, 0, gtk_widget_get_width (GTK_WIDGET (self)));
      y = CLAMP (y, 0, gtk_widget_get_height (GTK_WIDGET (self)));
      gtk_popover_set_pointing_to (GTK_POPOVER (self->link_popover), &(GdkRectangle) { x, y, 1, 1 });
    }
  gtk_popover_popup (GTK_POPOVER (self->link_popover));
  gtk_widget_grab_focus (self->link_entry_a);
}

GtkWidget *
_nfl_topology_view_get_link_entry (NflTopologyView *self,
                                   gboolean         first)
{
  if (!gtk_widget_get_visible (self->link_popover))
    return NULL;
  return first ? self->link_entry_a : self->link_entry_b;
}

static GtkWidget *
popover_entry (void)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_entry_set_max_length (GTK_ENTRY (entry), 15);   /* the kernel's IFNAMSIZ - 1 */
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 16);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), FALSE);
  return entry;
}

static GtkWidget *
error_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_set_visible (label, FALSE);
  return label;
}

static GtkWidget *
heading_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  return label;
}

static void
build_popovers (NflTopologyView *self)
{
  GtkWidget *grid, *button, *box, *label;

  /* the new link: both interface names, proposed and editable */
  self->link_popover = gtk_popover_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), heading_label (_("New Link")));
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  self->link_label_a = gtk_label_new (NULL);
  self->link_label_b = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->link_label_a), 0);
  gtk_label_set_xalign (GTK_LABEL (self->link_label_b), 0);
  self->link_entry_a = popover_entry ();
  self->link_entry_b = popover_entry ();
  gtk_label_set_mnemonic_widget (GTK_LABEL (self->link_label_a), self->link_entry_a);
  gtk_label_set_mnemonic_widget (GTK_LABEL (self->link_label_b), self->link_entry_b);
  gtk_grid_attach (GTK_GRID (grid), self->link_label_a, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), self->link_entry_a, 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), self->link_label_b, 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), self->link_entry_b, 1, 1, 1, 1);
  gtk_box_append (GTK_BOX (box), grid);
  self->link_error = error_label ();
  gtk_box_append (GTK_BOX (box), self->link_error);
  button = gtk_button_new_with_mnemonic (_("_Add Link"));
  gtk_widget_set_halign (button, GTK_ALIGN_END);
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_box_append (GTK_BOX (box), button);
  gtk_popover_set_child (GTK_POPOVER (self->link_popover), box);
  g_signal_connect_object (button, "clicked", G_CALLBACK (link_confirm), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->link_entry_a, "activate", G_CALLBACK (link_confirm), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->link_entry_b, "activate", G_CALLBACK (link_confirm), self, G_CONNECT_SWAPPED);
  gtk_widget_set_parent (self->link_popover, GTK_WIDGET (self));

  /* rename */
  self->rename_popover = gtk_popover_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  label = heading_label (_("Rename Namespace"));
  gtk_box_append (GTK_BOX (box), label);
  grid = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->rename_entry = popover_entry ();
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->rename_entry),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_box_append (GTK_BOX (grid), self->rename_entry);
  button = gtk_button_new_with_mnemonic (_("_Rename"));
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_box_append (GTK_BOX (grid), button);
  gtk_box_append (GTK_BOX (box), grid);
  self->rename_error = error_label ();
  gtk_box_append (GTK_BOX (box), self->rename_error);
  gtk_popover_set_child (GTK_POPOVER (self->rename_popover), box);
  g_signal_connect_object (button, "clicked", G_CALLBACK (rename_confirm), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->rename_entry, "activate", G_CALLBACK (rename_confirm), self, G_CONNECT_SWAPPED);
  gtk_widget_set_parent (self->rename_popover, GTK_WIDGET (self));

  /* the context menus share one popover */
  self->context_menu = gtk_popover_menu_new_from_model (NULL);
  gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
  gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
  gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));
}

void
_nfl_topology_view_present_popovers (NflTopologyView *self)
{
  if (self->context_menu != NULL)
    gtk_popover_present (GTK_POPOVER (self->context_menu));
  if (self->link_popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->link_popover));
  if (self->rename_popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->rename_popover));
}

static void
context_menu_at (NflTopologyView *self,
                 double           x,
                 double           y)
{
  NflHit hit = _nfl_topology_view_hit (self, x, y);
  GMenuModel *model;
  const char *name;

  end_link_pick (self);
  switch (hit.kind)
    {
    case NFL_HIT_NODE:
    case NFL_HIT_PORT:
    case NFL_HIT_HANDLE:
      name = node_name (self, hit.node);
      if (!_nfl_topology_view_is_selected (self, name))
        select_only (self, name);
      model = self->namespace_menu;
      break;
    case NFL_HIT_LINK:
      select_link_index (self, hit.link);
      model = self->link_menu;
      break;
    case NFL_HIT_NONE:
    default:
      _nfl_topology_view_to_document (self, x, y, &self->menu_x, &self->menu_y);
      self->menu_point_set = TRUE;
      model = self->canvas_menu;
      break;
    }
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->context_menu), model);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu), &(GdkRectangle) { x, y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

/* ---------------------------------------------------------------------- */
/* dragging                                                                */
/* ---------------------------------------------------------------------- */

static void
set_moving (NflTopologyView *self,
            gboolean         moving)
{
  NflTopoGeometry *geometry = _nfl_topology_view_get_geometry (self);

  if (geometry == NULL)
    return;
  for (guint i = 0; i < geometry->n_nodes; i++)
    geometry->nodes[i].moving = moving && _nfl_topology_view_is_selected (self, geometry->nodes[i].name);
  geometry->move_dx = 0;
  geometry->move_dy = 0;
  /* the tiles leave out what moves */
  self->content_serial++;
  _nfl_topology_view_invalidate (self, FALSE);
}

void
_nfl_topology_view_cancel_drag (NflTopologyView *self)
{
  if (self->drag_mode == NFL_DRAG_NONE)
    return;
  if (self->drag_mode == NFL_DRAG_MOVE)
    set_moving (self, FALSE);
  g_clear_pointer (&self->band_before, g_hash_table_unref);
  self->drag_mode = NFL_DRAG_NONE;
  self->link_target = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_nfl_topology_view_drag_begin (NflTopologyView *self,
                               double           x,
                               double           y,
                               GdkModifierType  state)
{
  NflHit hit;
  const char *name;

  g_return_if_fail (NFL_IS_TOPOLOGY_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self));
  _nfl_topology_view_cancel_drag (self);
  hit = _nfl_topology_view_hit (self, x, y);

  /* "Add Link" with one namespace selected: this press picks the other */
  if (self->link_source != NULL)
    {
      g_autofree char *source = g_strdup (self->link_source);

      name = hit.kind == NFL_HIT_LINK ? NULL : node_name (self, hit.node);
      end_link_pick (self);
      if (name != NULL && g_strcmp0 (name, source) != 0)
        _nfl_topology_view_propose_link (self, source, name);
      return;
    }

  self->drag_mode = NFL_DRAG_PENDING;
  self->drag_hit = hit;
  self->drag_state = state;
  self->drag_x = x;
  self->drag_y = y;
  self->drag_dx = 0;
  self->drag_dy = 0;
  name = hit.kind == NFL_HIT_LINK ? NULL : node_name (self, hit.node);
  if (hit.kind == NFL_HIT_NODE && !(state & GDK_CONTROL_MASK) && !_nfl_topology_view_is_selected (self, name))
    select_only (self, name);
}

static void
band_select (NflTopologyView *self)
{
  NflTopoGeometry *geometry = _nfl_topology_view_get_geometry (self);
  graphene_rect_t band;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  double x0, y0, x1, y1;

  _nfl_topology_view_to_document (self, self->drag_x, self->drag_y, &x0, &y0);
  _nfl_topology_view_to_document (self, self->drag_x + self->drag_dx, self->drag_y + self->drag_dy, &x1, &y1);
  band = GRAPHENE_RECT_INIT (MIN (x0, x1), MIN (y0, y1), fabs (x1 - x0), fabs (y1 - y0));
  for (guint i = 0; geometry != NULL && i < geometry->n_nodes; i++)
    {
      graphene_rect_t rect = nfl_topo_node_rect (geometry, i);
      const char *name = geometry->nodes[i].name;

      if (graphene_rect_intersection (&band, &rect, NULL) ||
          (self->band_before != NULL && g_hash_table_contains (self->band_before, name)))
        g_ptr_array_add (names, (gpointer) name);
    }
  g_ptr_array_add (names, NULL);
  _nfl_topology_view_set_selection (self, (const char * const *) names->pdata, NULL, NULL);
}

void
_nfl_topology_view_drag_update (NflTopologyView *self,
                                double           dx,
                                double           dy)
{
  NflTopoGeometry *geometry;

  g_return_if_fail (NFL_IS_TOPOLOGY_VIEW (self));

  if (self->drag_mode == NFL_DRAG_NONE)
    return;
  self->drag_dx = dx;
  self->drag_dy = dy;
  geometry = _nfl_topology_view_get_geometry (self);

  if (self->drag_mode == NFL_DRAG_PENDING)
    {
      gboolean ctrl = (self->drag_state & GDK_CONTROL_MASK) != 0;
      gboolean shift = (self->drag_state & GDK_SHIFT_MASK) != 0;

      if (hypot (dx, dy) < DRAG_THRESHOLD)
        return;
      switch (self->drag_hit.kind)
        {
        case NFL_HIT_NODE:
          if (ctrl)
            self->drag_mode = NFL_DRAG_LINK;
          else
            {
              self->drag_mode = NFL_DRAG_MOVE;
              set_moving (self, TRUE);
            }
          break;
        case NFL_HIT_PORT:
        case NFL_HIT_HANDLE:
          self->drag_mode = NFL_DRAG_LINK;
          break;
        case NFL_HIT_LINK:
        case NFL_HIT_NONE:
        default:
          if (shift)
            {
              GHashTableIter iter;
              gpointer key;

              self->drag_mode = NFL_DRAG_BAND;
              self->band_before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
              if (ctrl)
                {
                  g_hash_table_iter_init (&iter, self->selected);
                  while (g_hash_table_iter_next (&iter, &key, NULL))
                    g_hash_table_add (self->band_before, g_strdup (key));
                }
            }
          else
            {
              _nfl_topology_view_stop_zoom_animation (self);
              self->drag_mode = NFL_DRAG_PAN;
              self->pan_x = self->offset_x;
              self->pan_y = self->offset_y;
            }
          break;
        }
      set_cursor_for (self, self->drag_hit);
    }

  switch (self->drag_mode)
    {
    case NFL_DRAG_MOVE:
      if (geometry != NULL)
        {
          geometry->move_dx = dx / self->zoom;
          geometry->move_dy = dy / self->zoom;
        }
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;
    case NFL_DRAG_PAN:
      _nfl_topology_view_pan_to (self, self->pan_x + dx, self->pan_y + dy);
      break;
    case NFL_DRAG_BAND:
      band_select (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;
    case NFL_DRAG_LINK:
      {
        NflHit over = _nfl_topology_view_hit (self, self->drag_x + dx, self->drag_y + dy);

        self->link_target = over.kind != NFL_HIT_LINK && over.node != self->drag_hit.node ? over.node : -1;
        gtk_widget_queue_draw (GTK_WIDGET (self));
      }
      break;
    case NFL_DRAG_NONE:
    case NFL_DRAG_PENDING:
    default:
      break;
    }
}

static void
click (NflTopologyView *self)
{
  NflHit hit = self->drag_hit;
  gboolean ctrl = (self->drag_state & GDK_CONTROL_MASK) != 0;
  gboolean shift = (self->drag_state & GDK_SHIFT_MASK) != 0;
  const char *name = hit.kind == NFL_HIT_LINK ? NULL : node_name (self, hit.node);

  switch (hit.kind)
    {
    case NFL_HIT_NODE:
    case NFL_HIT_PORT:
    case NFL_HIT_HANDLE:
      if (ctrl)
        _nfl_topology_view_toggle (self, name);
      else
        select_only (self, name);
      break;
    case NFL_HIT_LINK:
      select_link_index (self, hit.link);
      break;
    case NFL_HIT_NONE:
    default:
      if (!ctrl && !shift)
        _nfl_topology_view_set_selection (self, NULL, NULL, NULL);
      break;
    }
}

void
_nfl_topology_view_drag_end (NflTopologyView *self,
                             double           dx,
                             double           dy)
{
  NflDragMode mode;

  g_return_if_fail (NFL_IS_TOPOLOGY_VIEW (self));

  _nfl_topology_view_drag_update (self, dx, dy);
  mode = self->drag_mode;
  switch (mode)
    {
    case NFL_DRAG_PENDING:
      self->drag_mode = NFL_DRAG_NONE;
      click (self);
      break;
    case NFL_DRAG_MOVE:
      {
        NflTopoGeometry *geometry = _nfl_topology_view_get_geometry (self);
        g_auto(GStrv) names = nfl_topology_view_dup_selected_nodes (self);
        g_autoptr(GError) error = NULL;
        double move_x = geometry ? geometry->move_dx : 0, move_y = geometry ? geometry->move_dy : 0;
        int lead = geometry && names[0] ? nfl_topo_geometry_find (geometry, self->drag_hit.kind == NFL_HIT_NODE ? node_name (self, self->drag_hit.node) : names[0]) : -1;

        /* the box the pointer held lands lightly on the grid */
        if (lead >= 0)
          {
            move_x = snap (geometry->nodes[lead].x + move_x) - geometry->nodes[lead].x;
            move_y = snap (geometry->nodes[lead].y + move_y) - geometry->nodes[lead].y;
          }
        set_moving (self, FALSE);
        self->drag_mode = NFL_DRAG_NONE;
        if (names[0] != NULL && self->document != NULL && (fabs (move_x) > 1e-6 || fabs (move_y) > 1e-6) &&
            !nfl_document_move_namespaces (self->document, (const char * const *) names, move_x, move_y, &error))
          show_error (self, _("The Namespaces Could Not Be Moved"), error);
      }
      break;
    case NFL_DRAG_LINK:
      {
        const char *source = node_name (self, self->drag_hit.node);
        const char *target = node_name (self, self->link_target);
        g_autofree char *a = g_strdup (source), *b = g_strdup (target);

        self->drag_mode = NFL_DRAG_NONE;
        self->link_target = -1;
        if (a != NULL && b != NULL && g_strcmp0 (a, b) != 0)
          _nfl_topology_view_propose_link (self, a, b);
      }
      break;
    case NFL_DRAG_BAND:
      g_clear_pointer (&self->band_before, g_hash_table_unref);
      self->drag_mode = NFL_DRAG_NONE;
      break;
    case NFL_DRAG_PAN:
    case NFL_DRAG_NONE:
    default:
      self->drag_mode = NFL_DRAG_NONE;
      break;
    }
  set_cursor_for (self, self->hover);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---------------------------------------------------------------------- */
/* controllers (declared in the template)                                  */
/* ---------------------------------------------------------------------- */

static gboolean
over_toolbar (NflTopologyView *self,
              double           x,
              double           y)
{
  graphene_rect_t bounds;

  return gtk_widget_compute_bounds (self->toolbar, GTK_WIDGET (self), &bounds) &&
         graphene_rect_contains_point (&bounds, &GRAPHENE_POINT_INIT (x, y));
}

static void
drag_begin_cb (NflTopologyView *self,
               double           x,
               double           y,
               GtkGestureDrag  *gesture)
{
  if (over_toolbar (self, x, y))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  _nfl_topology_view_drag_begin (self, x, y,
                                 gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture)));
  if (self->drag_mode == NFL_DRAG_NONE)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
}

static void
drag_update_cb (NflTopologyView *self,
                double           dx,
                double           dy,
                GtkGestureDrag  *gesture)
{
  NflDragMode before = self->drag_mode;

  _nfl_topology_view_drag_update (self, dx, dy);
  if (before == NFL_DRAG_PENDING && self->drag_mode != NFL_DRAG_PENDING)
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

static void
drag_end_cb (NflTopologyView *self,
             double           dx,
             double           dy,
             GtkGestureDrag  *gesture)
{
  if (self->drag_mode != NFL_DRAG_NONE)
    _nfl_topology_view_drag_end (self, dx, dy);
}

static void
click_pressed_cb (NflTopologyView *self,
                  int              n_press,
                  double           x,
                  double           y,
                  GtkGestureClick *gesture)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  NflHit hit;

  if (over_toolbar (self, x, y))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  if (button == GDK_BUTTON_SECONDARY)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      _nfl_topology_view_cancel_drag (self);
      context_menu_at (self, x, y);
      return;
    }
  hit = _nfl_topology_view_hit (self, x, y);
  if (button == GDK_BUTTON_PRIMARY && n_press == 2 && hit.kind == NFL_HIT_NODE)
    {
      const char *name = node_name (self, hit.node);

      _nfl_topology_view_cancel_drag (self);
      select_only (self, name);
      rename_popup (self, name);
    }
}

static void
motion_enter_cb (NflTopologyView          *self,
                 double                    x,
                 double                    y,
                 GtkEventControllerMotion *controller)
{
  self->pointer_inside = TRUE;
  self->pointer_x = x;
  self->pointer_y = y;
}

static void
motion_cb (NflTopologyView          *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  NflHit hit;

  self->pointer_inside = TRUE;
  self->pointer_x = x;
  self->pointer_y = y;
  if (self->drag_mode != NFL_DRAG_NONE && self->drag_mode != NFL_DRAG_PENDING)
    return;
  hit = over_toolbar (self, x, y) ? (NflHit) { NFL_HIT_NONE, -1, -1, -1 } : _nfl_topology_view_hit (self, x, y);
  _nfl_topology_view_set_hover (self, hit);
  if (self->link_source != NULL)
    {
      NflTopoGeometry *geometry = _nfl_topology_view_get_geometry (self);
      int source = geometry ? nfl_topo_geometry_find (geometry, self->link_source) : -1;

      self->link_target = hit.kind != NFL_HIT_LINK && hit.node != source ? hit.node : -1;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  set_cursor_for (self, hit);
}

static void
motion_leave_cb (NflTopologyView          *self,
                 GtkEventControllerMotion *controller)
{
  self->pointer_inside = FALSE;
  _nfl_topology_view_set_hover (self, (NflHit) { NFL_HIT_NONE, -1, -1, -1 });
  if (self->link_source != NULL)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
scroll_cb (NflTopologyView          *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  gboolean wheel = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL;
  double x = self->pointer_inside ? self->pointer_x : gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  double y = self->pointer_inside ? self->pointer_y : gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

  _nfl_topology_view_stop_zoom_animation (self);
  if (state & GDK_CONTROL_MASK)
    {
      double factor = wheel ? pow (ZOOM_STEP, -dy) : exp (-dy / 100.0);

      _nfl_topology_view_zoom_around (self, self->zoom * factor, x, y);
      return GDK_EVENT_STOP;
    }
  if (wheel)
    {
      dx *= 48;
      dy *= 48;
    }
  if (state & GDK_SHIFT_MASK)
    {
      double t = dx;

      dx = dy;
      dy = t;
    }
  _nfl_topology_view_pan_to (self, self->offset_x - dx, self->offset_y - dy);
  return GDK_EVENT_STOP;
}

/* ---------------------------------------------------------------------- */
/* setup                                                                   */
/* ---------------------------------------------------------------------- */

void
_nfl_topology_view_class_init_input (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, click_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, drag_begin_cb);
  gtk_widget_class_bind_template_callback (widget_class, drag_end_cb);
  gtk_widget_class_bind_template_callback (widget_class, drag_update_cb);
  gtk_widget_class_bind_template_callback (widget_class, motion_cb);
  gtk_widget_class_bind_template_callback (widget_class, motion_enter_cb);
  gtk_widget_class_bind_template_callback (widget_class, motion_leave_cb);
  gtk_widget_class_bind_template_callback (widget_class, scroll_cb);

  gtk_widget_class_install_action (widget_class, "topology.add-namespace", NULL, add_namespace_action);
  gtk_widget_class_install_action (widget_class, "topology.add-namespace-here", NULL, add_namespace_here_action);
  gtk_widget_class_install_action (widget_class, "topology.add-bridge", NULL, add_bridge_action);
  gtk_widget_class_install_action (widget_class, "topology.add-link", NULL, add_link_action);
  gtk_widget_class_install_action (widget_class, "topology.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "topology.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "topology.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "topology.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "topology.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "topology.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "topology.nudge", "(dd)", nudge_action);
  gtk_widget_class_install_action (widget_class, "topology.cancel", NULL, cancel_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "topology.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "topology.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "topology.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "topology.rename", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "topology.select-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "topology.cancel", NULL);
  /* also here, so they work wherever the canvas is; the application may
   * set them as accelerators too */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_N, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "topology.add-namespace", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "topology.add-link", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "topology.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "topology.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "topology.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "topology.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "topology.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "topology.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "topology.zoom-fit", NULL);

  /* arrows nudge by a grid step, with Shift by one unit */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "topology.nudge", "(dd)", -NFL_TOPO_GRID, 0.0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "topology.nudge", "(dd)", NFL_TOPO_GRID, 0.0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "topology.nudge", "(dd)", 0.0, -NFL_TOPO_GRID);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "topology.nudge", "(dd)", 0.0, NFL_TOPO_GRID);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_SHIFT_MASK, "topology.nudge", "(dd)", -1.0, 0.0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_SHIFT_MASK, "topology.nudge", "(dd)", 1.0, 0.0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_SHIFT_MASK, "topology.nudge", "(dd)", 0.0, -1.0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_SHIFT_MASK, "topology.nudge", "(dd)", 0.0, 1.0);
}

void
_nfl_topology_view_init_input (NflTopologyView *self)
{
  build_popovers (self);
}

void
_nfl_topology_view_dispose_input (NflTopologyView *self)
{
  g_clear_pointer (&self->context_menu, gtk_widget_unparent);
  g_clear_pointer (&self->link_popover, gtk_widget_unparent);
  g_clear_pointer (&self->rename_popover, gtk_widget_unparent);
  self->link_entry_a = self->link_entry_b = NULL;
  self->link_label_a = self->link_label_b = NULL;
  self->link_error = NULL;
  self->rename_entry = self->rename_error = NULL;
}
