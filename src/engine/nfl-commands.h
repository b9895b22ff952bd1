/* nfl-commands.h: the tutorial's command language (ip, sysctl, iptables)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "nfl-scenario.h"

G_BEGIN_DECLS

typedef struct {
  guint  line;     /* 1-based */
  guint  column;   /* 1-based, in bytes */
} NflSourcePos;

/* Splits one command line like a shell would split words (quotes,
 * backslashes, comments), without expanding anything.  @starts gets the
 * byte offset of each word.  Shell features that would need a shell
 * ($, `, ;, |, &, <, >) outside quotes are refused. */
gboolean nfl_command_split     (const char   *line,
                                GStrv        *words,
                                GArray      **starts,
                                guint        *bad_offset,
                                GError      **error);

/* Applies @text, one command per line, to @scenario: every line or none.
 * Output of listing commands goes to @output.  @default_namespace, when
 * not NULL, is where bare iptables commands apply.  Errors read
 * "LINE:COLUMN: message", and *where says the same. */
gboolean nfl_commands_apply    (NflScenario  *scenario,
                                const char   *text,
                                const char   *default_namespace,
                                GString      *output,
                                NflSourcePos *where,
                                GError      **error);

/* "NS tcp|udp PORT [ADDR]" as in the oracle's listen files */
gboolean nfl_commands_add_listen (NflScenario *scenario,
                                  const char  *spec,
                                  GError     **error);

G_END_DECLS
