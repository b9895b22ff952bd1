/* nfl-hook-diagram.h: the netfilter hooks of one namespace, and where the
 * packet is among them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nfl-engine.h"

G_BEGIN_DECLS

/* The boxes of the diagram: the tutorial's three paths in one picture. */
typedef enum {
  NFL_HOOK_BOX_WIRE_IN,
  NFL_HOOK_BOX_RAW_PREROUTING,
  NFL_HOOK_BOX_CONNTRACK_PREROUTING,
  NFL_HOOK_BOX_MANGLE_PREROUTING,
  NFL_HOOK_BOX_NAT_PREROUTING,
  NFL_HOOK_BOX_ROUTING,
  NFL_HOOK_BOX_MANGLE_INPUT,
  NFL_HOOK_BOX_FILTER_INPUT,
  NFL_HOOK_BOX_NAT_INPUT,
  NFL_HOOK_BOX_LOCAL_PROCESS,
  NFL_HOOK_BOX_ROUTING_OUTPUT,
  NFL_HOOK_BOX_RAW_OUTPUT,
  NFL_HOOK_BOX_CONNTRACK_OUTPUT,
  NFL_HOOK_BOX_MANGLE_OUTPUT,
  NFL_HOOK_BOX_NAT_OUTPUT,
  NFL_HOOK_BOX_FILTER_OUTPUT,
  NFL_HOOK_BOX_REROUTE,
  NFL_HOOK_BOX_MANGLE_FORWARD,
  NFL_HOOK_BOX_FILTER_FORWARD,
  NFL_HOOK_BOX_MANGLE_POSTROUTING,
  NFL_HOOK_BOX_NAT_POSTROUTING,
  NFL_HOOK_BOX_WIRE_OUT,
  NFL_N_HOOK_BOXES,
  NFL_HOOK_BOX_NONE = -1,
} NflHookBox;

#define NFL_TYPE_HOOK_DIAGRAM (nfl_hook_diagram_get_type ())
G_DECLARE_FINAL_TYPE (NflHookDiagram, nfl_hook_diagram, NFL, HOOK_DIAGRAM, GtkWidget)

GtkWidget    *nfl_hook_diagram_new              (void);
/* Shows step @position of @playback (NULL: an empty diagram); @animate
 * moves the packet there instead of jumping. */
void          nfl_hook_diagram_show_step        (NflHookDiagram *self,
                                                 NflPlayback    *playback,
                                                 guint           position,
                                                 gboolean        animate);
NflHookBox    nfl_hook_diagram_get_current_box  (NflHookDiagram *self);
const char   *nfl_hook_diagram_get_namespace    (NflHookDiagram *self);
const char   *nfl_hook_box_get_label            (NflHookBox      box);
/* Which box step @index of @playback is in. */
NflHookBox    nfl_hook_box_for_step             (NflPlayback    *playback,
                                                 guint           index);
/* The whole diagram at @width × @height on @cr, as the widget shows it
 * (for the image export and the benchmark). */
void          nfl_hook_diagram_draw             (NflHookDiagram *self,
                                                 cairo_t        *cr,
                                                 int             width,
                                                 int             height);

G_END_DECLS
