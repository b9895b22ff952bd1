/* nfl-export-shell.h: a shell script that rebuilds a scenario on Linux
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nfl-scenario.h"

G_BEGIN_DECLS

/* A POSIX shell script that builds @scenario in network namespaces of
 * the machine it runs on ("up", the default) and removes what it built
 * ("down").  Every name is checked with the kernel's rules first and
 * every word of every command is quoted, so no name in a file can run a
 * command of its own.  Fails, without a script, when the scenario has
 * something the script cannot build (an interface left in the host
 * namespace) or a name the kernel would refuse.  @namespace_prefix
 * (or NULL) goes before every namespace name, so that a copy can be
 * built beside namespaces of the same names. */
char *nfl_scenario_export_shell (NflScenario  *scenario,
                                 const char   *namespace_prefix,
                                 GError      **error);

/* @word as one shell word: in single quotes unless it is made only of
 * characters no shell treats specially. */
void  nfl_shell_append_quoted   (GString      *out,
                                 const char   *word);

G_END_DECLS
