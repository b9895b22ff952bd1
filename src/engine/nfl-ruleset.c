/* nfl-ruleset.c: tables, chains and iptables' structural checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "nfl-format-error.h"
#include "nfl-rule-private.h"
#include "nfl-ruleset.h"

static const NflHook builtin_chains[NFL_N_TABLES][NFL_N_HOOKS + 1] = {
  [NFL_TABLE_RAW] = { NFL_HOOK_PREROUTING, NFL_HOOK_OUTPUT, NFL_N_HOOKS },
  [NFL_TABLE_MANGLE] = { NFL_HOOK_PREROUTING, NFL_HOOK_INPUT, NFL_HOOK_FORWARD,
                         NFL_HOOK_OUTPUT, NFL_HOOK_POSTROUTING, NFL_N_HOOKS },
  [NFL_TABLE_NAT] = { NFL_HOOK_PREROUTING, NFL_HOOK_INPUT, NFL_HOOK_OUTPUT,
                      NFL_HOOK_POSTROUTING, NFL_N_HOOKS },
  [NFL_TABLE_FILTER] = { NFL_HOOK_INPUT, NFL_HOOK_FORWARD, NFL_HOOK_OUTPUT, NFL_N_HOOKS },
};

const char *
nfl_policy_name (NflPolicy policy)
{
  switch (policy)
    {
    case NFL_POLICY_ACCEPT: return "ACCEPT";
    case NFL_POLICY_DROP: return "DROP";
    case NFL_POLICY_NONE:
    default:
      return "-";
    }
}

static NflChain *
chain_new (const char *name,
           gboolean    builtin,
           NflHook     hook)
{
  NflChain *chain = g_new0 (NflChain, 1);

  chain->name = g_strdup (name);
  chain->builtin = builtin;
  chain->hook = hook;
  chain->policy = builtin ? NFL_POLICY_ACCEPT : NFL_POLICY_NONE;
  chain->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) nfl_rule_free);
  return chain;
}

void
_nfl_chain_free (NflChain *chain)
{
  if (chain == NULL)
    return;
  g_free (chain->name);
  g_ptr_array_unref (chain->rules);
  g_clear_pointer (&chain->match_keys, g_array_unref);
  g_free (chain);
}

NflChain *
_nfl_chain_new_user (const char *name)
{
  return chain_new (name, FALSE, NFL_N_HOOKS);
}

/* iptables lists and saves user chains sorted by name (byte order) */
void
_nfl_table_add_user_chain (NflTable *table,
                           NflChain *chain)
{
  guint at = table->chains->len;

  while (at > 0)
    {
      NflChain *prev = g_ptr_array_index (table->chains, at - 1);
      if (prev->builtin || strcmp (prev->name, chain->name) < 0)
        break;
      at--;
    }
  g_ptr_array_insert (table->chains, at, chain);
}

NflRuleset *
nfl_ruleset_new (void)
{
  NflRuleset *ruleset = g_new0 (NflRuleset, 1);

  ruleset->generation = 1;
  for (guint t = 0; t < NFL_N_TABLES; t++)
    {
      NflTable *table = &ruleset->tables[t];

      table->id = t;
      table->chains = g_ptr_array_new_with_free_func ((GDestroyNotify) _nfl_chain_free);
      for (guint i = 0; builtin_chains[t][i] != NFL_N_HOOKS; i++)
        {
          NflHook hook = builtin_chains[t][i];
          g_ptr_array_add (table->chains, chain_new (nfl_hook_name (hook), TRUE, hook));
        }
    }
  return ruleset;
}

NflRuleset *
nfl_ruleset_copy (const NflRuleset *ruleset)
{
  NflRuleset *copy = g_new0 (NflRuleset, 1);

  copy->generation = 1;
  for (guint t = 0; t < NFL_N_TABLES; t++)
    {
      const NflTable *from = &ruleset->tables[t];
      NflTable *to = &copy->tables[t];

      to->id = from->id;
      to->present = from->present;
      to->chains = g_ptr_array_new_full (from->chains->len, (GDestroyNotify) _nfl_chain_free);
      for (guint c = 0; c < from->chains->len; c++)
        {
          const NflChain *fc = g_ptr_array_index (from->chains, c);
          NflChain *tc = chain_new (fc->name, fc->builtin, fc->hook);

          tc->policy = fc->policy;
          tc->packets = fc->packets;
          tc->bytes = fc->bytes;
          for (guint r = 0; r < fc->rules->len; r++)
            g_ptr_array_add (tc->rules, nfl_rule_copy (g_ptr_array_index (fc->rules, r)));
          g_ptr_array_add (to->chains, tc);
        }
    }
  return copy;
}

void
nfl_ruleset_free (NflRuleset *ruleset)
{
  if (ruleset == NULL)
    return;
  for (guint t = 0; t < NFL_N_TABLES; t++)
    g_ptr_array_unref (ruleset->tables[t].chains);
  g_free (ruleset);
}

NflTable *
nfl_ruleset_get_table (NflRuleset *ruleset,
                       NflTableId  table)
{
  g_return_val_if_fail (table < NFL_N_TABLES, NULL);
  return &ruleset->tables[table];
}

NflChain *
nfl_ruleset_find_chain (NflRuleset *ruleset,
                        NflTableId  table,
                        const char *name)
{
  GPtrArray *chains = ruleset->tables[table].chains;

  for (guint i = 0; i < chains->len; i++)
    {
      NflChain *chain = g_ptr_array_index (chains, i);
      if (strcmp (chain->name, name) == 0)
        return chain;
    }
  return NULL;
}

NflChain *
nfl_ruleset_get_builtin (NflRuleset *ruleset,
                         NflTableId  table,
                         NflHook     hook)
{
  GPtrArray *chains = ruleset->tables[table].chains;

  for (guint i = 0; i < chains->len; i++)
    {
      NflChain *chain = g_ptr_array_index (chains, i);
      if (!chain->builtin)
        break;
      if (chain->hook == hook)
        return chain;
    }
  return NULL;
}

static gboolean
target_references (const NflTarget *target,
                   const char      *chain)
{
  return (target->kind == NFL_TARGET_JUMP || target->kind == NFL_TARGET_GOTO) &&
         strcmp (target->chain, chain) == 0;
}

guint
nfl_ruleset_count_references (NflRuleset *ruleset,
                              NflTableId  table,
                              const char *chain)
{
  GPtrArray *chains = ruleset->tables[table].chains;
  guint count = 0;

  for (guint c = 0; c < chains->len; c++)
    {
      NflChain *ch = g_ptr_array_index (chains, c);
      for (guint r = 0; r < ch->rules->len; r++)
        {
          NflRule *rule = g_ptr_array_index (ch->rules, r);
          if (target_references (&rule->target, chain))
            count++;
        }
    }
  return count;
}

void
nfl_ruleset_changed (NflRuleset *ruleset)
{
  g_return_if_fail (ruleset != NULL);
  if (++ruleset->generation == 0)
    ruleset->generation = 1;
}

static gboolean
scan_needs_conntrack (const NflRuleset *ruleset)
{
  for (guint t = 0; t < NFL_N_TABLES; t++)
    {
      GPtrArray *chains = ruleset->tables[t].chains;
      for (guint c = 0; c < chains->len; c++)
        {
          NflChain *ch = g_ptr_array_index (chains, c);
          for (guint r = 0; r < ch->rules->len; r++)
            if (nfl_rule_needs_conntrack (g_ptr_array_index (ch->rules, r)))
              return TRUE;
        }
    }
  return FALSE;
}

gboolean
nfl_ruleset_needs_conntrack (NflRuleset *ruleset)
{
  if (ruleset->conntrack_generation != ruleset->generation)
    {
      ruleset->needs_conntrack = scan_needs_conntrack (ruleset);
      ruleset->conntrack_generation = ruleset->generation;
    }
  return ruleset->needs_conntrack;
}

guint
nfl_ruleset_count_rules (const NflRuleset *ruleset)
{
  guint count = 0;

  for (guint t = 0; t < NFL_N_TABLES; t++)
    {
      GPtrArray *chains = ruleset->tables[t].chains;
      for (guint c = 0; c < chains->len; c++)
        count += ((NflChain *) g_ptr_array_index (chains, c))->rules->len;
    }
  return count;
}

void
nfl_ruleset_zero_counters (NflRuleset *ruleset)
{
  for (guint t = 0; t < NFL_N_TABLES; t++)
    {
      GPtrArray *chains = ruleset->tables[t].chains;
      for (guint c = 0; c < chains->len; c++)
        {
          NflChain *ch = g_ptr_array_index (chains, c);
          ch->packets = ch->bytes = 0;
          for (guint r = 0; r < ch->rules->len; r++)
            {
              NflRule *rule = g_ptr_array_index (ch->rules, r);
              rule->packets = rule->bytes = 0;
            }
        }
    }
}

/* ---------------------------------------------------------------------- */
/* structural checks                                                       */
/* ---------------------------------------------------------------------- */

typedef struct {
  NflTableId  table;
  guint       allowed_hooks;   /* bit per NflHook */
} TargetRestriction;

/* Which tables and hooks the kernel's targets accept (the .table and
 * .hooks of their xt_target registrations). */
static gboolean
target_restriction (NflTargetKind      kind,
                    TargetRestriction *out)
{
  const guint all = (1 << NFL_N_HOOKS) - 1;

  switch (kind)
    {
    case NFL_TARGET_DNAT:
    case NFL_TARGET_REDIRECT:
      *out = (TargetRestriction) { NFL_TABLE_NAT, (1 << NFL_HOOK_PREROUTING) | (1 << NFL_HOOK_OUTPUT) };
      return TRUE;
    case NFL_TARGET_SNAT:
      *out = (TargetRestriction) { NFL_TABLE_NAT, (1 << NFL_HOOK_POSTROUTING) | (1 << NFL_HOOK_INPUT) };
      return TRUE;
    case NFL_TARGET_MASQUERADE:
      *out = (TargetRestriction) { NFL_TABLE_NAT, 1 << NFL_HOOK_POSTROUTING };
      return TRUE;
    case NFL_TARGET_REJECT:
      *out = (TargetRestriction) { NFL_TABLE_FILTER,
                                   (1 << NFL_HOOK_INPUT) | (1 << NFL_HOOK_FORWARD) | (1 << NFL_HOOK_OUTPUT) };
      return TRUE;
    case NFL_TARGET_TOS:
    case NFL_TARGET_TTL:
      *out = (TargetRestriction) { NFL_TABLE_MANGLE, all };
      return TRUE;
    case NFL_TARGET_NOTRACK:
    case NFL_TARGET_CT:
      *out = (TargetRestriction) { NFL_TABLE_RAW, all };
      return TRUE;
    /* TRACE: iptables-nft turns it into "meta nftrace set 1", which
     * every table takes; MARK is allowed everywhere too */
    default:
      return FALSE;
    }
}

/* The hooks from which @chain can be reached, following -j and -g. */
static guint
reaching_hooks (NflRuleset *ruleset,
                NflTableId  table,
                const char *chain)
{
  GPtrArray *chains = ruleset->tables[table].chains;
  g_autoptr(GHashTable) hooks = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean changed = TRUE;
  guint result;

  for (guint c = 0; c < chains->len; c++)
    {
      NflChain *ch = g_ptr_array_index (chains, c);
      if (ch->builtin)
        g_hash_table_insert (hooks, ch->name, GUINT_TO_POINTER (1u << ch->hook));
    }
  /* a fixed point over the jump graph: chains are few */
  while (changed)
    {
      changed = FALSE;
      for (guint c = 0; c < chains->len; c++)
        {
          NflChain *ch = g_ptr_array_index (chains, c);
          guint from = GPOINTER_TO_UINT (g_hash_table_lookup (hooks, ch->name));

          if (from == 0)
            continue;
          for (guint r = 0; r < ch->rules->len; r++)
            {
              NflRule *rule = g_ptr_array_index (ch->rules, r);
              guint old;

              if (rule->target.kind != NFL_TARGET_JUMP && rule->target.kind != NFL_TARGET_GOTO)
                continue;
              old = GPOINTER_TO_UINT (g_hash_table_lookup (hooks, rule->target.chain));
              if ((old | from) != old)
                {
                  g_hash_table_insert (hooks, rule->target.chain, GUINT_TO_POINTER (old | from));
                  changed = TRUE;
                }
            }
        }
    }
  result = GPOINTER_TO_UINT (g_hash_table_lookup (hooks, chain));
  return result;
}

/* Depth-first search for a loop of jumps reachable from @from.  The
 * edge @extra_from -> @extra_to is the jump being added.  state: 0 not
 * seen, 1 on the current path, 2 done. */
static gboolean
loop_from (NflRuleset  *ruleset,
           NflTableId   table,
           const char  *from,
           const char  *extra_from,
           const char  *extra_to,
           GHashTable  *state,
           const char **loop_chain)
{
  NflChain *chain = nfl_ruleset_find_chain (ruleset, table, from);
  guint seen = GPOINTER_TO_UINT (g_hash_table_lookup (state, from));

  if (seen == 1)
    {
      *loop_chain = from;
      return TRUE;
    }
  if (seen == 2 || chain == NULL)
    return FALSE;
  g_hash_table_insert (state, (gpointer) from, GUINT_TO_POINTER (1));
  for (guint r = 0; r < chain->rules->len; r++)
    {
      NflRule *rule = g_ptr_array_index (chain->rules, r);

      if ((rule->target.kind == NFL_TARGET_JUMP || rule->target.kind == NFL_TARGET_GOTO) &&
          loop_from (ruleset, table, rule->target.chain, extra_from, extra_to, state, loop_chain))
        return TRUE;
    }
  if (strcmp (from, extra_from) == 0 &&
      loop_from (ruleset, table, extra_to, extra_from, extra_to, state, loop_chain))
    return TRUE;
  g_hash_table_insert (state, (gpointer) from, GUINT_TO_POINTER (2));
  return FALSE;
}

/* nf_tables validates the chains reachable from a base chain: a loop
 * there makes the jump stack overflow (EMLINK), while a loop of chains
 * that no built-in chain reaches is accepted as it is never walked. */
static gboolean
jump_makes_loop (NflRuleset  *ruleset,
                 NflTableId   table,
                 const char  *from,
                 const char  *to,
                 const char **builtin_name)
{
  GPtrArray *chains = ruleset->tables[table].chains;

  for (guint c = 0; c < chains->len; c++)
    {
      NflChain *ch = g_ptr_array_index (chains, c);
      g_autoptr(GHashTable) state = NULL;
      const char *loop_chain = NULL;

      if (!ch->builtin)
        continue;
      state = g_hash_table_new (g_str_hash, g_str_equal);
      if (loop_from (ruleset, table, ch->name, from, to, state, &loop_chain))
        {
          *builtin_name = ch->name;
          return TRUE;
        }
    }
  return FALSE;
}

/* xt_owner registers for LOCAL_OUT and POST_ROUTING only: a rule with
 * -m owner in a chain that other hooks reach is refused */
#define OWNER_HOOKS ((1u << NFL_HOOK_OUTPUT) | (1u << NFL_HOOK_POSTROUTING))

static gboolean
check_owner_hooks (const NflRule *rule,
                   const char    *chain_name,
                   guint          hooks,
                   GError       **error)
{
  if ((hooks & ~OWNER_HOOKS) == 0)
    return TRUE;
  for (guint i = 0; i < rule->n_matches; i++)
    if (rule->matches[i].kind == NFL_MATCH_OWNER)
      {
        g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                     "the owner match in chain %s works only in OUTPUT and POSTROUTING: %s reaches it",
                     chain_name, nfl_hook_name (g_bit_nth_lsf (hooks & ~OWNER_HOOKS, -1)));
        return FALSE;
      }
  return TRUE;
}

static gboolean
check_restricted_targets (NflRuleset *ruleset,
                          NflTableId  table,
                          NflChain   *chain,
                          guint       hooks,
                          guint       depth,
                          GError    **error)
{
  for (guint r = 0; r < chain->rules->len; r++)
    {
      NflRule *rule = g_ptr_array_index (chain->rules, r);
      TargetRestriction restriction;

      if (!check_owner_hooks (rule, chain->name, hooks, error))
        return FALSE;
      if (target_restriction (rule->target.kind, &restriction) &&
          (hooks & ~restriction.allowed_hooks) != 0)
        {
          g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                       "%s is not allowed in chain %s: it can be reached from %s",
                       nfl_target_kind_name (rule->target.kind), chain->name,
                       nfl_hook_name (g_bit_nth_lsf (hooks & ~restriction.allowed_hooks, -1)));
          return FALSE;
        }
      if ((rule->target.kind == NFL_TARGET_JUMP || rule->target.kind == NFL_TARGET_GOTO) && depth < 64)
        {
          NflChain *next = nfl_ruleset_find_chain (ruleset, table, rule->target.chain);
          if (next != NULL && !check_restricted_targets (ruleset, table, next, hooks, depth + 1, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Whether @table and the hooks that reach @chain take a target of @kind:
 * DROP is refused in nat, and the kernel registers some targets for one
 * table and some of its hooks only. */
static gboolean
check_target_allowed (NflRuleset    *ruleset,
                      NflTableId     table,
                      NflChain      *chain,
                      NflTargetKind  kind,
                      GError       **error)
{
  TargetRestriction restriction;
  guint hooks;

  if (table == NFL_TABLE_NAT && kind == NFL_TARGET_DROP)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                   "The \"nat\" table is not intended for filtering, the use of DROP is therefore "
                   "inhibited (filter in the filter table instead)");
      return FALSE;
    }
  if (!target_restriction (kind, &restriction))
    return TRUE;
  if (restriction.table != table)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                   "RULE_APPEND failed (Invalid argument): rule in chain %s: "
                   "%s is valid only in the %s table",
                   chain->name, nfl_target_kind_name (kind),
                   nfl_table_name (restriction.table));
      return FALSE;
    }
  hooks = chain->builtin ? (1u << chain->hook) : reaching_hooks (ruleset, table, chain->name);
  if ((hooks & ~restriction.allowed_hooks) != 0)
    {
      GString *allowed = g_string_new (NULL);

      for (guint h = 0; h < NFL_N_HOOKS; h++)
        if (restriction.allowed_hooks & (1u << h))
          g_string_append_printf (allowed, "%s%s", allowed->len ? " and " : "", nfl_hook_name (h));
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                   "RULE_APPEND failed (Invalid argument): rule in chain %s: "
                   "%s works only in %s",
                   chain->name, nfl_target_kind_name (kind), allowed->str);
      g_string_free (allowed, TRUE);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_chain_exists (NflRuleset  *ruleset,
                    NflTableId   table,
                    const char  *chain_name,
                    NflChain   **chain,
                    GError     **error)
{
  *chain = nfl_ruleset_find_chain (ruleset, table, chain_name);
  if (*chain == NULL)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_NOT_FOUND,
                   "No chain/target/match by that name: table %s has no chain “%s”",
                   nfl_table_name (table), chain_name);
      return FALSE;
    }
  return TRUE;
}

/* Whether a rule in @chain of @table may have a target of @kind, with the
 * reason nfl_ruleset_check_rule () gives when not.  -j CHAIN and -g CHAIN
 * are allowed here: whether a jump to one chain is depends on that chain
 * (nfl_ruleset_check_rule ()). */
gboolean
nfl_ruleset_target_allowed (NflRuleset    *ruleset,
                            NflTableId     table,
                            const char    *chain_name,
                            NflTargetKind  kind,
                            GError       **error)
{
  NflChain *chain;

  g_return_val_if_fail (ruleset != NULL, FALSE);
  g_return_val_if_fail (table < NFL_N_TABLES, FALSE);
  g_return_val_if_fail (chain_name != NULL, FALSE);

  return check_chain_exists (ruleset, table, chain_name, &chain, error) &&
         check_target_allowed (ruleset, table, chain, kind, error);
}

/* iptables goes by the chain's name, whatever table it is in: incoming
 * packets have no output interface yet, outgoing ones no input one. */
gboolean
nfl_ruleset_interface_allowed (NflRuleset  *ruleset,
                               NflTableId   table,
                               const char  *chain_name,
                               gboolean     output,
                               GError     **error)
{
  NflChain *chain;

  g_return_val_if_fail (ruleset != NULL, FALSE);
  g_return_val_if_fail (table < NFL_N_TABLES, FALSE);
  g_return_val_if_fail (chain_name != NULL, FALSE);

  if (!check_chain_exists (ruleset, table, chain_name, &chain, error))
    return FALSE;
  if (output && (g_str_equal (chain_name, "PREROUTING") || g_str_equal (chain_name, "INPUT")))
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                   "Can't use -o with %s: packets there have no output interface yet", chain_name);
      return FALSE;
    }
  if (!output && (g_str_equal (chain_name, "POSTROUTING") || g_str_equal (chain_name, "OUTPUT")))
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                   "Can't use -i with %s: packets there have no input interface", chain_name);
      return FALSE;
    }
  return TRUE;
}

/* The checks iptables and the kernel make before a rule is accepted into
 * @chain of @table, without changing anything. */
gboolean
nfl_ruleset_check_rule (NflRuleset    *ruleset,
                        NflTableId     table,
                        const char    *chain_name,
                        const NflRule *rule,
                        GError       **error)
{
  const NflTarget *target = &rule->target;
  NflChain *chain;

  if (!check_chain_exists (ruleset, table, chain_name, &chain, error))
    return FALSE;
  if (rule->has_out && !nfl_ruleset_interface_allowed (ruleset, table, chain_name, TRUE, error))
    return FALSE;
  if (rule->has_in && !nfl_ruleset_interface_allowed (ruleset, table, chain_name, FALSE, error))
    return FALSE;
  if (!check_target_allowed (ruleset, table, chain, target->kind, error))
    return FALSE;
  if (!check_owner_hooks (rule, chain_name,
                          chain->builtin ? 1u << chain->hook : reaching_hooks (ruleset, table, chain_name), error))
    {
      g_prefix_error (error, "RULE_APPEND failed (Invalid argument): ");
      return FALSE;
    }

  if (target->kind == NFL_TARGET_JUMP || target->kind == NFL_TARGET_GOTO)
    {
      NflChain *to = nfl_ruleset_find_chain (ruleset, table, target->chain);

      if (to == NULL)
        {
          g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_NOT_FOUND,
                       "Chain '%s' does not exist in table %s",
                       target->chain, nfl_table_name (table));
          return FALSE;
        }
      if (to->builtin)
        {
          g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                       "cannot jump to the built-in chain %s", to->name);
          return FALSE;
        }
      {
        const char *builtin_name = NULL;

        if (jump_makes_loop (ruleset, table, chain_name, target->chain, &builtin_name))
          {
            g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                         "RULE_APPEND failed (Too many links): rule in chain %s: "
                         "jumping to %s would make a loop of jumps that %s reaches",
                         chain_name, target->chain, builtin_name);
            return FALSE;
          }
      }
      /* what the jumped-to chain holds must fit the hooks it now gets */
      {
        guint hooks = chain->builtin ? (1u << chain->hook) : reaching_hooks (ruleset, table, chain_name);
        if (hooks != 0 && !check_restricted_targets (ruleset, table, to, hooks, 0, error))
          {
            g_prefix_error (error, "RULE_APPEND failed (Invalid argument): ");
            return FALSE;
          }
      }
    }
  return TRUE;
}

gboolean
nfl_ruleset_insert_rule (NflRuleset  *ruleset,
                         NflTableId   table,
                         const char  *chain_name,
                         int          position,
                         NflRule     *rule,
                         GError     **error)
{
  g_autoptr(NflRule) owned = rule;
  NflChain *chain;

  if (!nfl_ruleset_check_rule (ruleset, table, chain_name, rule, error))
    return FALSE;
  chain = nfl_ruleset_find_chain (ruleset, table, chain_name);
  if (position < 0)
    g_ptr_array_add (chain->rules, g_steal_pointer (&owned));
  else
    {
      if (position < 1 || (guint) position > chain->rules->len + 1)
        {
          g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                       "Index of insertion too big: chain %s has %u rule%s, so the position can be 1 to %u",
                       chain_name, chain->rules->len, chain->rules->len == 1 ? "" : "s",
                       chain->rules->len + 1);
          return FALSE;
        }
      g_ptr_array_insert (chain->rules, position - 1, g_steal_pointer (&owned));
    }
  ruleset->tables[table].present = TRUE;
  nfl_ruleset_changed (ruleset);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* iptables-save                                                           */
/* ---------------------------------------------------------------------- */

void
nfl_chain_append_save_rules (const NflChain *chain,
                             gboolean        counters,
                             GString        *out)
{
  for (guint r = 0; r < chain->rules->len; r++)
    {
      const NflRule *rule = g_ptr_array_index (chain->rules, r);
      g_autofree char *spec = nfl_rule_to_save_spec (rule);

      if (counters)
        g_string_append_printf (out, "[%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT "] ",
                                rule->packets, rule->bytes);
      g_string_append_printf (out, "-A %s%s%s", chain->name, *spec ? " " : "", spec);
      g_string_append_c (out, '\n');
    }
}

/* iptables-nft-save walks its own table list (enum nft_table_type), not
 * the order of creation: mangle, (security,) raw, filter, nat. */
const NflTableId _nfl_save_table_order[NFL_N_TABLES] = {
  NFL_TABLE_MANGLE, NFL_TABLE_RAW, NFL_TABLE_FILTER, NFL_TABLE_NAT,
};

void
nfl_ruleset_save (const NflRuleset *ruleset,
                  gboolean          counters,
                  GString          *out)
{
  for (guint i = 0; i < NFL_N_TABLES; i++)
    {
      const NflTable *table = &ruleset->tables[_nfl_save_table_order[i]];

      if (!table->present)
        continue;
      g_string_append_printf (out, "*%s\n", nfl_table_name (table->id));
      for (guint c = 0; c < table->chains->len; c++)
        {
          const NflChain *chain = g_ptr_array_index (table->chains, c);
          g_string_append_printf (out, ":%s %s [%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT "]\n",
                                  chain->name, nfl_policy_name (chain->policy),
                                  chain->packets, chain->bytes);
        }
      for (guint c = 0; c < table->chains->len; c++)
        nfl_chain_append_save_rules (g_ptr_array_index (table->chains, c), counters, out);
      g_string_append (out, "COMMIT\n");
    }
}
