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

/* Where the word of @line that nfl_command_split () found at byte @start
 * ends (its quotes closed): line[start..end) is the word as written. */
guint    nfl_command_word_end  (const char   *line,
                                guint         start);

/* One command of a text: a line, or a line with its here-document. */
typedef struct {
  guint         line;        /* 1-based line of the command */
  guint         n_lines;     /* 1, or more with a here-document and its end line */
  char         *text;        /* the command's line as written */
  char         *input;       /* its here-document's lines, each ending in "\n", or NULL */
  GError       *error;       /* why the text cannot be a command (running it
                              * reports this), or NULL */
  NflSourcePos  error_pos;   /* where that is */
  gboolean      incomplete;  /* a here-document with no end line (yet): a
                              * console waits for more lines */
} NflCommand;

void        nfl_command_free        (NflCommand   *command);

/* Splits @text into its commands (NflCommand*), in order; blank lines and
 * "#" comment lines are none.  Never fails: a command that cannot be read
 * carries its error. */
GPtrArray  *nfl_commands_split_text (const char   *text);

/* The machine's own state, which bare iptables, iptables-save,
 * iptables-restore and sysctl lines act on when no default namespace is
 * given: its firewall (fresh: no table in use) and forwarding switch. */
typedef struct _NflCommandHost NflCommandHost;

NflCommandHost *nfl_command_host_new            (void);
void            nfl_command_host_free           (NflCommandHost *host);
NflRuleset     *nfl_command_host_get_ruleset    (NflCommandHost *host);
gboolean        nfl_command_host_get_ip_forward (NflCommandHost *host);

/* What one command did. */
typedef struct {
  gboolean    changed;    /* it changed the scenario or the host (FALSE for
                           * what only reads: -L, -S, -C, iptables-save,
                           * ip … show, sysctl KEY) */
  gboolean    iptables;   /* it was iptables, iptables-save or
                           * iptables-restore; then: */
  char       *namespace;  /* the namespace it acted on, NULL for the host */
  NflTableId  table;      /* the table (-t; restore: its input's first) */
  char       *chain;      /* the chain it named (after -E the new name),
                           * NULL when none */
} NflCommandReport;

void        nfl_command_report_clear (NflCommandReport *report);

/* Runs one command on @scenario (and @host, for bare lines when
 * @default_namespace is NULL; with neither they are refused): all of it
 * or nothing.  Its output is appended to @output on success.  Errors read
 * "LINE:COLUMN: “WORD”: message" as nfl_commands_apply ()'s, and *where
 * says the same.  *report (when given) is filled in on success; when the
 * command changed the scenario, the scenario's "changed" signal is
 * emitted. */
gboolean    nfl_commands_run_one    (NflScenario      *scenario,
                                     NflCommandHost   *host,
                                     const char       *default_namespace,
                                     const NflCommand *command,
                                     GString          *output,
                                     NflCommandReport *report,
                                     NflSourcePos     *where,
                                     GError          **error);

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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NflCommand, nfl_command_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NflCommandHost, nfl_command_host_free)

G_END_DECLS
