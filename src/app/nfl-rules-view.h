/* nfl-rules-view.h: the tables, chains and rules of one namespace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nfl-engine.h"

G_BEGIN_DECLS

#define NFL_TYPE_RULES_VIEW (nfl_rules_view_get_type ())
G_DECLARE_FINAL_TYPE (NflRulesView, nfl_rules_view, NFL, RULES_VIEW, AdwBin)

GtkWidget   *nfl_rules_view_new           (void);
void         nfl_rules_view_set_document  (NflRulesView *self,
                                           NflDocument  *document);
/* Shows @ns, its @table and @chain (NULL: the table's first chain). */
void         nfl_rules_view_show          (NflRulesView *self,
                                           const char   *ns,
                                           NflTableId    table,
                                           const char   *chain);
const char  *nfl_rules_view_get_namespace (NflRulesView *self);
NflTableId   nfl_rules_view_get_table     (NflRulesView *self);
const char  *nfl_rules_view_get_chain     (NflRulesView *self);
/* The rule numbers selected in the rule list, ascending */
GArray      *nfl_rules_view_get_selection (NflRulesView *self);
void         nfl_rules_view_select_rule   (NflRulesView *self,
                                           guint         number);
GtkWidget   *nfl_rules_view_get_console   (NflRulesView *self);
void         nfl_rules_view_show_console  (NflRulesView *self);

G_END_DECLS
