/* nfl-rule-words.h: a rule as the words of its iptables command
 *
 * One unit makes and reads the words of a rule for everything that shows
 * or takes a rule as text: the rule form and the command console of the
 * application, the scenario file (whose elements are these clauses), the
 * iptables-save writer, the exporters and nflab.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "nfl-rule.h"

G_BEGIN_DECLS

/* One option of a rule with its arguments, in the canonical form
 * iptables-save prints: "-s 10.0.0.0/8", "! --dport 22",
 * "--tcp-flags FIN,SYN,RST,ACK SYN", "-j DNAT", "--to-destination 10.1.0.10".
 * The "-m NAME" that loads a match is a clause of its own (option "-m",
 * one argument NAME), so a match without options still shows. */
typedef struct {
  /* NULL for the ip part (-s -d -i -o -p -f) and for -j CHAIN / -g CHAIN;
   * else the match ("tcp", "multiport", …) or the target ("DNAT", "LOG",
   * …) the option belongs to */
  const char *extension;
  const char *option;     /* as iptables-save writes it: "-s", "-m", "--dport", "-j" */
  gboolean    negate;     /* "!" before the option */
  guint       n_args;     /* 0 (a flag such as --random), 1, or 2 (--tcp-flags) */
  const char *args[2];    /* unquoted; valid during the callback only */
} NflRuleClause;

typedef void (*NflRuleClauseFunc) (const NflRuleClause *clause,
                                   gpointer             user_data);

/* Calls @func for every clause of @rule in the order iptables-save
 * prints them, without allocating. */
void       nfl_rule_foreach_clause   (const NflRule      *rule,
                                      NflRuleClauseFunc   func,
                                      gpointer            user_data);

/* @clause as iptables-save prints it: "! -s 10.0.0.0/8",
 * "--log-prefix \"fwd \"" (only comments and prefixes are quoted). */
void       nfl_rule_clause_append    (GString             *out,
                                      const NflRuleClause *clause);

/* The clauses as words: "-s", "10.0.0.4/32", "-p", "tcp", "-m", "tcp",
 * "--dport", "22", "-j", "DROP". */
GStrv      nfl_rule_to_words         (const NflRule      *rule);
/* Reads such words back, as iptables-restore reads a rule after
 * "-A CHAIN": with every check iptables makes on the rule itself (not
 * those that need its table and chain: nfl_ruleset_check_rule ()).  On
 * error *bad_word (when given) is the index of the word it is about, or
 * -1 for the rule as a whole. */
NflRule   *nfl_rule_from_words       (int                 argc,
                                      const char * const *argv,
                                      int                *bad_word,
                                      GError            **error);
/* The same for words iptables-save or a scenario file wrote: a match or
 * target the simulator does not model is kept as written, in the words
 * of @spelled (each word as the text had it, quotes and all) where it
 * is not NULL and has the word. */
NflRule   *nfl_rule_from_saved_words (int                 argc,
                                      const char * const *argv,
                                      const char * const *spelled,
                                      int                *bad_word,
                                      GError            **error);

/* Appends @word as a shell (and iptables-restore) reads it back as one
 * word: as it is when it needs no quotes, else quoted. */
void       nfl_append_quoted_word    (GString            *out,
                                      const char         *word);

typedef enum {
  NFL_RULE_OP_APPEND,     /* -A CHAIN */
  NFL_RULE_OP_INSERT,     /* -I CHAIN [N] */
  NFL_RULE_OP_REPLACE,    /* -R CHAIN N */
} NflRuleOp;

/* The command that puts one rule in a chain. */
typedef struct {
  NflTableId  table;
  char       *chain;
  NflRuleOp   op;
  guint       position;   /* -I and -R: the rule number; 0 with -I: none given (1) */
  NflRule    *rule;
} NflRuleCommand;

void       nfl_rule_command_clear    (NflRuleCommand     *command);

/* "iptables -t nat -I PREROUTING 2 -d 169.254.169.254/32 -j DNAT
 * --to-destination 10.1.0.10": "-t filter" left out, every word quoted as
 * a shell needs it. */
char      *nfl_rule_command_to_string (const NflRuleCommand *command);

G_END_DECLS
