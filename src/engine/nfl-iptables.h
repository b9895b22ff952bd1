/* nfl-iptables.h: the iptables command, run against one namespace's ruleset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "nfl-rule-words.h"
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
/* The same, keeping a match or target the simulator does not model as
 * written (NFL_MATCH_UNMODELLED) instead of refusing it: its words as
 * @spelled has them (with their quotes), where it has them (NULL, or a
 * NULL entry: quoted where they need it) */
NflRule *nfl_iptables_parse_saved_rule (int                 argc,
                                        char              **argv,
                                        const char * const *spelled,
                                        int                *bad_word,
                                        GError            **error);

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

/* The columns of @rule in iptables -L -v [-n], without their padding:
 * pkts, bytes (with K, M, G as -L prints them without -x), target, prot,
 * opt, in, out, source, destination and the rest of the rule. */
typedef enum {
  NFL_LIST_PACKETS,
  NFL_LIST_BYTES,
  NFL_LIST_TARGET,
  NFL_LIST_PROTOCOL,
  NFL_LIST_OPTIONS,
  NFL_LIST_IN,
  NFL_LIST_OUT,
  NFL_LIST_SOURCE,
  NFL_LIST_DESTINATION,
  NFL_LIST_EXTRA,
  NFL_N_LIST_COLUMNS
} NflListColumn;

GStrv    nfl_rule_list_columns   (const NflRule *rule,
                                  gboolean       numeric);

/* Reads one command that puts a rule in a chain: "iptables [-t TABLE]
 * -A|-I|-R CHAIN [N] RULE…" with an optional leading "sudo", its words
 * split as a shell splits them.  Anything else (another command, two
 * commands, a missing chain) is refused.  Only the rule's own checks are
 * made: nfl_ruleset_check_rule () makes those of its table and chain.  On
 * error *bad_offset and *bad_length (when given) are the bytes of @text
 * that the error is about. */
gboolean nfl_iptables_parse_rule_command (const char      *text,
                                          NflRuleCommand  *command,
                                          guint           *bad_offset,
                                          guint           *bad_length,
                                          GError         **error);

G_END_DECLS
