/* nfl-machine.h: a real machine's interfaces and routes as a scenario
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nfl-scenario.h"

G_BEGIN_DECLS

/* Gives @ns, a machine's namespace, what "ip -br addr" (@addresses) and
 * "ip route" (@routes, may be NULL) printed on that machine, and, for
 * every interface with an IPv4 address, a neighbour namespace "net-IFACE"
 * on the other end of a veth pair: an address on that network (the
 * gateway of a route through the interface when there is one, else the
 * first free one), and a default route back through the machine, so that
 * probes can come from every network the machine is on and packets can
 * leave it or pass through it.  IPv6 addresses, lo, interfaces without an
 * IPv4 address and the kernel's own routes ("proto kernel scope link",
 * which the addresses make) are left out.  On bad input nothing changes
 * and @error says where: NFL_FORMAT_ERROR with "LINE:COLUMN: message"
 * (the first line of @addresses is 1; @routes' lines follow as "route
 * LINE:COLUMN"). */
gboolean nfl_machine_add_interfaces (NflScenario  *scenario,
                                     NflNamespace *ns,
                                     const char   *addresses,
                                     const char   *routes,
                                     guint        *n_skipped,
                                     GError      **error);

G_END_DECLS
