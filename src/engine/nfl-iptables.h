/* nfl-iptables.h: the iptables command, run against one namespace's ruleset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "nfl-ruleset.h"

G_BEGIN_DECLS

/* Runs "iptables ARGS…" (argv[0] is "iptables") against @ruleset.
 * Listings (-L, -S) are appended to @output.  On error nothing changed,
 * and *bad_word (when given) is the index in @argv of the word the error
 * is about, or -1 when it is about the command as a whole. */
gboolean nfl_iptables_run        (NflRuleset  *ruleset,
                                  int          argc,
                                  char       **argv,
                                  GString     *output,
                                  int         *bad_word,
                                  GError     **error);

/* What an iptables command acted on, for a caller that shows it (the
 * GUI turns its rules view there). */
typedef struct {
  NflTableId  table;       /* -t TABLE, filter without it */
  char       *chain;       /* the chain it named, as it is afterwards (-E: the
                            * new name; -X CHAIN: NULL); NULL when none */
  gboolean    read_only;   /* -L, -S, -C, -V, -h: nothing can have changed */
} NflIptablesAction;

void     nfl_iptables_action_clear (NflIptablesAction *action);

/* nfl_iptables_run (), and *action (when not NULL) says what the command
 * acted on; it is filled in on success only. */
gboolean nfl_iptables_run_with_action (NflRuleset        *ruleset,
                                       int                argc,
                                       char             **argv,
                                       GString           *output,
                                       NflIptablesAction *action,
                                       int               *bad_word,
                                       GError           **error);

/* Parses the rule part of an iptables-save line ("-s … -j …", after
 * "-A CHAIN"), as iptables-restore does. */
NflRule *nfl_iptables_parse_rule (int          argc,
                                  char       **argv,
                                  int         *bad_word,
                                  GError     **error);

/* iptables -L and -S */
void     nfl_iptables_list       (NflRuleset  *ruleset,
                                  NflTableId   table,
                                  const char  *chain,     /* NULL: all */
                                  gboolean     numeric,
                                  gboolean     verbose,
                                  gboolean     exact,
                                  gboolean     line_numbers,
                                  GString     *output);
void     nfl_iptables_list_rules (NflRuleset  *ruleset,
                                  NflTableId   table,
                                  const char  *chain,     /* NULL: all */
                                  int          rule_number, /* 0: all */
                                  gboolean     counters,
                                  GString     *output);

G_END_DECLS
