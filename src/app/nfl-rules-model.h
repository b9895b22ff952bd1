/* nfl-rules-model.h: the rules of one chain of a document, as a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "nfl-engine.h"

G_BEGIN_DECLS

#define NFL_TYPE_RULES_MODEL (nfl_rules_model_get_type ())
G_DECLARE_FINAL_TYPE (NflRulesModel, nfl_rules_model, NFL, RULES_MODEL, GObject)

NflRulesModel *nfl_rules_model_new           (NflDocument   *document);
/* @ns NULL: no chain, an empty list */
void           nfl_rules_model_set_chain     (NflRulesModel *self,
                                              const char    *ns,
                                              NflTableId     table,
                                              const char    *chain);
const char    *nfl_rules_model_get_namespace (NflRulesModel *self);
NflTableId     nfl_rules_model_get_table     (NflRulesModel *self);
const char    *nfl_rules_model_get_chain     (NflRulesModel *self);
/* The chain itself, looked up again (NULL when it is gone) */
NflChain      *nfl_rules_model_lookup_chain  (NflRulesModel *self);

G_END_DECLS
