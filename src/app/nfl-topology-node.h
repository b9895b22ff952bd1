/* nfl-topology-node.h: one namespace of the canvas, for assistive
 * technologies and the keyboard
 *
 * The canvas draws its boxes itself; each box also has one of these
 * children, placed over it and drawing nothing, so that a screen reader
 * finds every namespace (its name, role and interfaces) among the canvas's
 * children and Tab moves from box to box.  Pointer events go to the canvas.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define NFL_TYPE_TOPOLOGY_NODE (nfl_topology_node_get_type ())
G_DECLARE_FINAL_TYPE (NflTopologyNode, nfl_topology_node, NFL, TOPOLOGY_NODE, GtkWidget)

GtkWidget  *nfl_topology_node_new      (const char      *name);
const char *nfl_topology_node_get_name (NflTopologyNode *self);
/* What is read after the name: "router, veth1_ns2 10.1.0.1/32, …". */
void        nfl_topology_node_set_summary (NflTopologyNode *self,
                                           const char      *summary);

G_END_DECLS
