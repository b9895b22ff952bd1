/* nfl-rule-private.h: rule helpers shared inside the engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nfl-ruleset.h"

G_BEGIN_DECLS

gboolean  _nfl_icmp_type_from_name (const char *name,
                                    guint8     *type,
                                    guint8     *code_lo,
                                    guint8     *code_hi);
void      _nfl_append_save_string  (GString    *out,
                                    const char *value);
NflChain *_nfl_chain_new_user      (const char *name);
void      _nfl_chain_free          (NflChain   *chain);
void      _nfl_table_add_user_chain (NflTable  *table,
                                     NflChain  *chain);

G_END_DECLS
