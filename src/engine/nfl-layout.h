/* nfl-layout.h: where namespaces go on the canvas when nobody placed them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nfl-scenario.h"

G_BEGIN_DECLS

/* Distance between neighbouring namespaces, in document units. */
#define NFL_LAYOUT_COLUMN_WIDTH 260.0
#define NFL_LAYOUT_ROW_HEIGHT   180.0
#define NFL_LAYOUT_MARGIN        80.0

/* Places every namespace and bridge of @scenario in layers along its links
 * (a bridge is a box of its own, linked to its namespace and to the far
 * ends of its ports): a
 * namespace at one end of a chain first, each of its neighbours one
 * column further, and so on (a breadth-first walk), the namespaces of one
 * column one under the other.  Namespaces that are not linked to each
 * other form separate groups, placed one below the other.  The result
 * depends only on the namespaces, their order and their links. */
void nfl_scenario_auto_layout (NflScenario *scenario);

G_END_DECLS
