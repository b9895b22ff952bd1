/* nfl-rule-shadow.h: rules that can never match because an earlier rule
 * of their chain takes all their packets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "nfl-ruleset.h"

G_BEGIN_DECLS

typedef struct {
  guint rule;          /* 1-based, in its chain */
  guint shadowed_by;   /* 1-based: the earliest rule that takes all its packets */
} NflShadowFinding;

typedef struct {
  NflTableId  table;
  const char *chain;   /* owned by the ruleset */
  guint       rule;
  guint       shadowed_by;
} NflRulesetShadowFinding;

/* Every packet that @later matches, @earlier matches too (as the kernel
 * evaluates both on the same packet).  FALSE where that cannot be shown,
 * and for a @later that matches no packet at all. */
gboolean nfl_rule_covers           (const NflRule    *earlier,
                                    const NflRule    *later);
/* The rule's target ends the walk of its chain for every packet it
 * matches: ACCEPT, DROP, REJECT, RETURN, the NAT targets and -g CHAIN. */
gboolean nfl_rule_is_terminal      (const NflRule    *rule);

/* NflShadowFinding, in rule order */
GArray  *nfl_chain_find_shadowed   (const NflChain   *chain);
/* NflRulesetShadowFinding: the tables in iptables-save's order, the
 * chains in their table's order, the rules in chain order */
GArray  *nfl_ruleset_find_shadowed (const NflRuleset *ruleset);

G_END_DECLS
