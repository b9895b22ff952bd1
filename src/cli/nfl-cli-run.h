/* nfl-cli-run.h: nflab run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "nflab run FILE": argv[0] is "run" */
int nfl_cli_run (int    argc,
                 char **argv);

G_END_DECLS
