/* nfl-mini-topology.h: the scenario's namespaces and links, small, with
 * the packet where the Simulate view's step has it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nfl-engine.h"

G_BEGIN_DECLS

#define NFL_TYPE_MINI_TOPOLOGY (nfl_mini_topology_get_type ())
G_DECLARE_FINAL_TYPE (NflMiniTopology, nfl_mini_topology, NFL, MINI_TOPOLOGY, GtkWidget)

GtkWidget  *nfl_mini_topology_new       (void);
/* The packet at step @position of @playback: in a namespace, or on the
 * link it crosses (moving along it) when the step is a link crossing. */
void        nfl_mini_topology_show_step (NflMiniTopology *self,
                                         NflPlayback     *playback,
                                         guint            position);
/* Where the packet travels at the shown step, for tests and the
 * accessible description: the namespaces and bridges ("NS/BRIDGE") it
 * passes, in order; empty when it is not crossing a link. */
char      **nfl_mini_topology_dup_travel (NflMiniTopology *self);

G_END_DECLS
