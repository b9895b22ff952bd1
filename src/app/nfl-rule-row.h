/* nfl-rule-row.h: one rule of a chain, as the rule list shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "nfl-engine.h"

G_BEGIN_DECLS

#define NFL_TYPE_RULE_ROW (nfl_rule_row_get_type ())
G_DECLARE_FINAL_TYPE (NflRuleRow, nfl_rule_row, NFL, RULE_ROW, GObject)

NflRuleRow *nfl_rule_row_new         (const NflRule *rule);
/* NflListColumn: what iptables -L -v -n prints in that column */
const char *nfl_rule_row_get_column  (NflRuleRow    *self,
                                      NflListColumn  column);
/* "-s 10.1.0.0/24 -j DROP", as iptables-save writes it */
const char *nfl_rule_row_get_spec    (NflRuleRow    *self);
/* Why the rule never matches ("Rule 2 (…) takes all its packets"), or NULL */
const char *nfl_rule_row_get_warning (NflRuleRow    *self);
void        nfl_rule_row_set_warning (NflRuleRow    *self,
                                      const char    *warning);

G_END_DECLS
