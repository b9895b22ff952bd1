/* nfl-topology-view.h: the topology canvas
 *
 * Namespaces as boxes, their interfaces as ports on the box edge, veth
 * pairs as lines between the ports.  Every edit goes through the
 * document's operations; the view keeps its selection by name across
 * changes.  Actions (group "topology"): add-namespace, add-link, zoom-in,
 * zoom-out, zoom-fit, delete, rename, select-all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "nfl-engine.h"

G_BEGIN_DECLS

#define NFL_TOPOLOGY_VIEW_ZOOM_MIN 0.1
#define NFL_TOPOLOGY_VIEW_ZOOM_MAX 4.0

#define NFL_TYPE_TOPOLOGY_VIEW (nfl_topology_view_get_type ())
G_DECLARE_FINAL_TYPE (NflTopologyView, nfl_topology_view, NFL, TOPOLOGY_VIEW, GtkWidget)

GtkWidget   *nfl_topology_view_new                     (void);
NflDocument *nfl_topology_view_get_document            (NflTopologyView *self);
void         nfl_topology_view_set_document            (NflTopologyView *self,
                                                        NflDocument     *document);
double       nfl_topology_view_get_zoom                (NflTopologyView *self);
void         nfl_topology_view_set_zoom                (NflTopologyView *self,
                                                        double           zoom);
void         nfl_topology_view_zoom_to_fit             (NflTopologyView *self);
/* The selected namespaces' names, in the scenario's order (never NULL). */
GStrv        nfl_topology_view_dup_selected_namespaces (NflTopologyView *self);
/* The selected boxes: namespaces' names and "NS/BRIDGE" for bridges. */
GStrv        nfl_topology_view_dup_selected_nodes      (NflTopologyView *self);
/* The selected link, as one of its ends; FALSE when no link is selected. */
gboolean     nfl_topology_view_get_selected_link       (NflTopologyView *self,
                                                        char           **ns,
                                                        char           **iface);
/* Selects @name alone (NULL: nothing). */
void         nfl_topology_view_select_namespace        (NflTopologyView *self,
                                                        const char      *name);
/* Selects the link that @iface of @ns belongs to (NULL: nothing). */
void         nfl_topology_view_select_link             (NflTopologyView *self,
                                                        const char      *ns,
                                                        const char      *iface);
/* The whole topology in light colours; @format "png", "svg" or "pdf". */
gboolean     nfl_topology_view_export_image            (NflTopologyView *self,
                                                        GFile           *file,
                                                        const char      *format,
                                                        GError         **error);

G_END_DECLS
