/* nfl-chain-item.h: one chain of a table, as the chain list shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define NFL_TYPE_CHAIN_ITEM (nfl_chain_item_get_type ())
G_DECLARE_FINAL_TYPE (NflChainItem, nfl_chain_item, NFL, CHAIN_ITEM, GObject)

NflChainItem *nfl_chain_item_new         (const char   *name,
                                          gboolean      builtin,
                                          const char   *details);
const char   *nfl_chain_item_get_name    (NflChainItem *self);
gboolean      nfl_chain_item_get_builtin (NflChainItem *self);
/* "policy ACCEPT · 3 rules", "2 references · 1 rule" */
const char   *nfl_chain_item_get_details (NflChainItem *self);
void          nfl_chain_item_set_details (NflChainItem *self,
                                          const char   *details);

G_END_DECLS
