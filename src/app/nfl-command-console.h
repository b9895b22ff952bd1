/* nfl-command-console.h: the tutorial's commands typed against the open scenario
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nfl-engine.h"

G_BEGIN_DECLS

#define NFL_TYPE_COMMAND_CONSOLE (nfl_command_console_get_type ())
G_DECLARE_FINAL_TYPE (NflCommandConsole, nfl_command_console, NFL, COMMAND_CONSOLE, AdwBin)

GtkWidget  *nfl_command_console_new           (void);
void        nfl_command_console_set_document  (NflCommandConsole *self,
                                               NflDocument       *document);
/* Where bare iptables and sysctl commands apply (the prompt shows it) */
void        nfl_command_console_set_namespace (NflCommandConsole *self,
                                               const char        *ns);
const char *nfl_command_console_get_namespace (NflCommandConsole *self);
/* Runs @text as if typed and entered; FALSE when it was refused. */
gboolean    nfl_command_console_run           (NflCommandConsole *self,
                                               const char        *text);
char       *nfl_command_console_dup_output    (NflCommandConsole *self);
void        nfl_command_console_focus_input   (NflCommandConsole *self);
/* Sets the input line, the cursor at its end, and completes it as Tab does */
void        nfl_command_console_complete      (NflCommandConsole *self,
                                               const char        *text);
char       *nfl_command_console_dup_input     (NflCommandConsole *self);

G_END_DECLS
