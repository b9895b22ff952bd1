/* nfl-ruleset.h: the four tables of one network namespace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "nfl-rule.h"

G_BEGIN_DECLS

typedef enum {
  NFL_POLICY_ACCEPT,
  NFL_POLICY_DROP,
  NFL_POLICY_NONE,      /* user chains: printed as "-" */
} NflPolicy;

typedef struct {
  char      *name;
  gboolean   builtin;
  NflHook    hook;      /* built-in chains only */
  NflPolicy  policy;
  GPtrArray *rules;     /* NflRule* */
  guint64    packets;   /* policy counters of a built-in chain */
  guint64    bytes;
  /* the simulator's compact copy of what its rules match first, and the
   * ruleset generation it was made for (nfl-simulator.c) */
  GArray    *match_keys;
  guint      match_keys_generation;
} NflChain;

typedef struct {
  NflTableId id;
  gboolean   present;   /* iptables-save prints only tables in use */
  GPtrArray *chains;    /* built-ins in hook order, then user chains */
  /* chain name -> its position in chains + 1, made on the first lookup
   * and checked on every hit (nfl-ruleset.c): whoever adds, removes or
   * renames chains other than through _nfl_table_add_user_chain ()
   * calls _nfl_table_chains_changed () */
  GHashTable *chain_index;
} NflTable;

typedef struct _NflRuleset NflRuleset;

struct _NflRuleset {
  NflTable tables[NFL_N_TABLES];
  /* Bumped by nfl_ruleset_changed(): answers derived from the rules (the
   * conntrack question below, the simulator's view of a chain) remember
   * the generation they were computed for instead of rescanning thousands
   * of rules for every packet.  Never 0, so 0 means "not computed". */
  guint    generation;
  guint    conntrack_generation;
  gboolean needs_conntrack;
};

NflRuleset *nfl_ruleset_new             (void);
NflRuleset *nfl_ruleset_copy            (const NflRuleset *ruleset);
void        nfl_ruleset_free            (NflRuleset       *ruleset);

NflTable   *nfl_ruleset_get_table       (NflRuleset       *ruleset,
                                         NflTableId        table);
NflChain   *nfl_ruleset_find_chain      (NflRuleset       *ruleset,
                                         NflTableId        table,
                                         const char       *name);
NflChain   *nfl_ruleset_get_builtin     (NflRuleset       *ruleset,
                                         NflTableId        table,
                                         NflHook           hook);
guint       nfl_ruleset_count_references (NflRuleset      *ruleset,
                                         NflTableId        table,
                                         const char       *chain);
/* Whoever changes the rules or chains of @ruleset other than through this
 * library's operations (which call it) calls this afterwards. */
void        nfl_ruleset_changed         (NflRuleset       *ruleset);
gboolean    nfl_ruleset_needs_conntrack (NflRuleset       *ruleset);
guint       nfl_ruleset_count_rules     (const NflRuleset *ruleset);
void        nfl_ruleset_zero_counters   (NflRuleset       *ruleset);

/* Edits, with iptables' checks; on error nothing changes. */
gboolean    nfl_ruleset_insert_rule     (NflRuleset       *ruleset,
                                         NflTableId        table,
                                         const char       *chain,
                                         int               position,  /* 1-based, -1 = append */
                                         NflRule          *rule,      /* (transfer full) */
                                         GError          **error);
gboolean    nfl_ruleset_check_rule      (NflRuleset       *ruleset,
                                         NflTableId        table,
                                         const char       *chain,
                                         const NflRule    *rule,
                                         GError          **error);
/* The parts of those checks that do not need the rule: whether @chain
 * of @table takes a target of @kind at all (DNAT only in nat PREROUTING
 * and OUTPUT, DROP not in nat, …; -j and -g CHAIN always), and whether
 * its rules can name an output (@output TRUE, -o) or input interface
 * (-i).  On FALSE @error holds the reason nfl_ruleset_check_rule () gives. */
gboolean    nfl_ruleset_target_allowed  (NflRuleset       *ruleset,
                                         NflTableId        table,
                                         const char       *chain,
                                         NflTargetKind     kind,
                                         GError          **error);
gboolean    nfl_ruleset_interface_allowed (NflRuleset     *ruleset,
                                         NflTableId        table,
                                         const char       *chain,
                                         gboolean          output,
                                         GError          **error);

void        nfl_ruleset_save            (const NflRuleset *ruleset,
                                         gboolean          counters,
                                         GString          *out);
void        nfl_chain_append_save_rules (const NflChain   *chain,
                                         gboolean          counters,
                                         GString          *out);

const char *nfl_policy_name             (NflPolicy         policy);

G_END_DECLS
