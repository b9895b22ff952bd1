/* nfl-probe.h: the packet a user sends: "ns3 ping 169.254.169.254"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Below the scenario (which stores probes in this canonical spelling)
 * and the simulator (which sends them).
 */
#pragma once

#include <glib.h>

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
  /* where the random draws of -m statistic --mode random start (nflab
   * trace --seed, Simulate's Draw Again): 0 unless asked */
  guint32      seed;
} NflProbe;

/* "NS ping DST", "NS tcp DST PORT", "NS udp DST PORT" */
gboolean  nfl_probe_parse     (const char     *text,
                               NflProbe       *probe,
                               GError        **error);
char     *nfl_probe_to_string (const NflProbe *probe);
void      nfl_probe_clear     (NflProbe       *probe);

G_END_DECLS
