/* nfl-simulate-view.h: send a packet and step it through the hooks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nfl-engine.h"

G_BEGIN_DECLS

#define NFL_TYPE_SIMULATE_VIEW (nfl_simulate_view_get_type ())
G_DECLARE_FINAL_TYPE (NflSimulateView, nfl_simulate_view, NFL, SIMULATE_VIEW, AdwBin)

GtkWidget    *nfl_simulate_view_new             (void);
void          nfl_simulate_view_set_document    (NflSimulateView *self,
                                                 NflDocument     *document);
/* The probe the composer holds ("ns3 ping 169.254.169.254"), NULL when
 * it is not a valid one. */
char         *nfl_simulate_view_dup_probe       (NflSimulateView *self);
void          nfl_simulate_view_set_probe       (NflSimulateView *self,
                                                 const char      *probe);
/* Sends the composed probe; the trace is made in a thread and shown
 * when it is ready ("notify::playback"). */
void          nfl_simulate_view_send            (NflSimulateView *self);
NflPlayback  *nfl_simulate_view_get_playback    (NflSimulateView *self);
GtkWidget    *nfl_simulate_view_get_diagram     (NflSimulateView *self);
/* The small topology beside the diagram (NflMiniTopology). */
GtkWidget    *nfl_simulate_view_get_topology    (NflSimulateView *self);
/* What the panes show, for tests. */
/* The log pane's kernel LOG lines, as nflab trace prints them (the
 * pane's NFLOG lines left out): what Copy and Export write. */
char         *nfl_simulate_view_dup_log_text    (NflSimulateView *self);
char         *nfl_simulate_view_dup_packet_text (NflSimulateView *self);
char         *nfl_simulate_view_dup_outcome_text (NflSimulateView *self);
const char   *nfl_simulate_view_get_step_text   (NflSimulateView *self);

G_END_DECLS
