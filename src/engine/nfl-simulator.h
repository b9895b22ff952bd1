/* nfl-simulator.h: sends one probe through a scenario, as the kernel would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "nfl-probe.h"
#include "nfl-scenario.h"
#include "nfl-trace.h"

G_BEGIN_DECLS

/* Runs @probe through @scenario and returns what happened.  The rule and
 * policy counters of @scenario are updated, as the kernel's are. */
NflTrace *nfl_simulate        (NflScenario    *scenario,
                               const NflProbe *probe,
                               GError        **error);

G_END_DECLS
