/* nfl-simulator.h: sends one probe through a scenario, as the kernel would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "nfl-scenario.h"
#include "nfl-trace.h"

G_BEGIN_DECLS

typedef enum {
  NFL_PROBE_PING,
  NFL_PROBE_TCP,
  NFL_PROBE_UDP,
} NflProbeKind;

typedef struct {
  char        *ns;
  NflProbeKind kind;
  guint32      dst;
  guint16      port;
} NflProbe;

/* "NS ping DST", "NS tcp DST PORT", "NS udp DST PORT" */
gboolean  nfl_probe_parse     (const char     *text,
                               NflProbe       *probe,
                               GError        **error);
char     *nfl_probe_to_string (const NflProbe *probe);
void      nfl_probe_clear     (NflProbe       *probe);

/* Runs @probe through @scenario and returns what happened.  The rule and
 * policy counters of @scenario are updated, as the kernel's are. */
NflTrace *nfl_simulate        (NflScenario    *scenario,
                               const NflProbe *probe,
                               GError        **error);

G_END_DECLS
