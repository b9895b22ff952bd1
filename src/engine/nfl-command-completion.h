/* nfl-command-completion.h: Tab completion of the tutorial's command lines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "nfl-scenario.h"

G_BEGIN_DECLS

/* The words that can stand for the word under @cursor (a byte offset) of
 * @line, sorted, each once: namespace names after "ip netns exec" and
 * "ip -n", table names after -t, the table's chains after -A, -I, -R, -D,
 * -F, -P, -L, -S, -X, -E, -Z, targets and user chains after -j and -g,
 * the namespace's interfaces after -i, -o and dev, protocols after -p,
 * matches after -m, and the options of iptables, of the matches and of
 * the target the line names.  *start is where that word begins.  Bare
 * iptables lines complete against @default_namespace. */
GStrv nfl_commands_complete (NflScenario *scenario,
                             const char  *default_namespace,
                             const char  *line,
                             guint        cursor,
                             guint       *start);

G_END_DECLS
