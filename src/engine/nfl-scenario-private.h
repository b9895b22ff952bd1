/* nfl-scenario-private.h: scenario internals shared inside the engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nfl-scenario.h"

G_BEGIN_DECLS

void _nfl_scenario_reserve_mac (NflScenario  *self,
                                const guint8  mac[6]);

G_END_DECLS
