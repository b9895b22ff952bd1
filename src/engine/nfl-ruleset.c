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

/* ---------------------------------------------------------------------- */
/* the chains of a table by name                                           */
/* ---------------------------------------------------------------------- */

/* A table of kube-proxy's has thousands of chains, and every rule that
 * jumps looks one up: table->chain_index maps a name to its position in
 * table->chains (+ 1, the first chain of that name).  Its keys are its
 * own copies, and a hit is checked against the chain at that position,
 * so a stale index costs a rebuild, never a wrong answer. */
void
_nfl_table_chains_changed (NflTable *table)
{
  g_clear_pointer (&table->chain_index, g_hash_table_unref);
}

static GHashTable *
table_index (NflTable *table)
{
  if (table->chain_index == NULL)
    {
      table->chain_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint c = 0; c < table->chains->len; c++)
        {
          NflChain *chain = g_ptr_array_index (table->chains, c);

          if (!g_hash_table_contains (table->chain_index, chain->name))
            g_hash_table_insert (table->chain_index, g_strdup (chain->name), GUINT_TO_POINTER (c + 1));
        }
    }
  return table->chain_index;
}

/* The position of the chain @name in @table, or -1. */
static int
table_find_chain (NflTable   *table,
                  const char *name)
{
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      GHashTable *index = table_index (table);
      guint at = GPOINTER_TO_UINT (g_hash_table_lookup (index, name));

      if (at > 0)
        {
          if (at <= table->chains->len &&
              strcmp (((NflChain *) g_ptr_array_index (table->chains, at - 1))->name, name) == 0)
            return at - 1;
        }
      else if (g_hash_table_size (index) == table->chains->len || attempt > 0)
        return -1;
      _nfl_table_chains_changed (table);
    }
  return -1;
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
  /* a restore's chains come sorted: added at the end, the index stays */
  if (table->chain_index != NULL && at == table->chains->len &&
      !g_hash_table_contains (table->chain_index, chain->name))
    g_hash_table_insert (table->chain_index, g_strdup (chain->name), GUINT_TO_POINTER (at + 1));
  else
    _nfl_table_chains_changed (table);
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
    {
      g_ptr_array_unref (ruleset->tables[t].chains);
      _nfl_table_chains_changed (&ruleset->tables[t]);
    }
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
  NflTable *t = &ruleset->tables[table];
  int at = table_find_chain (t, name);

  return at >= 0 ? g_ptr_array_index (t->chains, at) : NULL;
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
    case NFL_TARGET_CHECKSUM:
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

/* The jump graph of a table: its chains by position, an edge for each
 * rule that jumps (-j) or goes (-g) to a chain that exists.  An edge
 * has a stamp: 0 for a rule in its chain, i + 1 for the i-th rule of a
 * batch that is not in its chain yet (NflRuleBatch below); the edges
 * that count are those stamped at most @limit and not refused.  One
 * extra edge (a jump being checked) can be added. */
typedef struct {
  guint         n_nodes;
  guint        *first;       /* n_nodes + 1: a node's edges */
  guint        *to;
  guint        *stamp;
  const guint8 *refused;     /* by stamp - 1, or NULL */
  guint         limit;
  guint         extra_from;  /* G_MAXUINT: no extra edge */
  guint         extra_to;
  guint        *builtins;    /* the built-in chains' nodes, in table order */
  guint         n_builtins;
} JumpGraph;

typedef struct {
  guint from, to, stamp;
} JumpEdge;

static void
jump_graph_clear (JumpGraph *graph)
{
  g_free (graph->first);
  g_free (graph->to);
  g_free (graph->stamp);
  g_free (graph->builtins);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (JumpGraph, jump_graph_clear)

/* @more: further edges (JumpEdge) of a batch, or NULL */
static void
jump_graph_init (JumpGraph *graph,
                 NflTable  *table,
                 GArray    *more)
{
  GPtrArray *chains = table->chains;
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (JumpEdge));
  guint n_edges;

  memset (graph, 0, sizeof *graph);
  graph->n_nodes = chains->len;
  graph->extra_from = graph->extra_to = G_MAXUINT;
  graph->builtins = g_new (guint, NFL_N_HOOKS);
  for (guint c = 0; c < chains->len; c++)
    {
      NflChain *chain = g_ptr_array_index (chains, c);

      if (chain->builtin && graph->n_builtins < NFL_N_HOOKS)
        graph->builtins[graph->n_builtins++] = c;
      for (guint r = 0; r < chain->rules->len; r++)
        {
          NflRule *rule = g_ptr_array_index (chain->rules, r);
          int to;

          if (rule->target.kind != NFL_TARGET_JUMP && rule->target.kind != NFL_TARGET_GOTO)
            continue;
          if ((to = table_find_chain (table, rule->target.chain)) >= 0)
            {
              JumpEdge edge = { c, to, 0 };
              g_array_append_val (edges, edge);
            }
        }
    }
  if (more != NULL)
    g_array_append_vals (edges, more->data, more->len);

  n_edges = edges->len;
  graph->first = g_new0 (guint, graph->n_nodes + 1);
  graph->to = g_new (guint, MAX (n_edges, 1));
  graph->stamp = g_new (guint, MAX (n_edges, 1));
  for (guint e = 0; e < n_edges; e++)
    graph->first[g_array_index (edges, JumpEdge, e).from + 1]++;
  for (guint n = 0; n < graph->n_nodes; n++)
    graph->first[n + 1] += graph->first[n];
  {
    g_autofree guint *fill = g_memdup2 (graph->first, graph->n_nodes * sizeof (guint));

    for (guint e = 0; e < n_edges; e++)
      {
        const JumpEdge *edge = &g_array_index (edges, JumpEdge, e);
        guint at = fill[edge->from]++;

        graph->to[at] = edge->to;
        graph->stamp[at] = edge->stamp;
      }
  }
}

/* The end of edge @e of @node, or G_MAXUINT when it does not count;
 * @e runs up to first[node + 1], plus one for the extra edge. */
static inline guint
jump_graph_edge (const JumpGraph *graph,
                 guint            node,
                 guint            e)
{
  guint stamp;

  if (e == graph->first[node + 1])
    return graph->extra_to;
  stamp = graph->stamp[e];
  if (stamp > graph->limit || (stamp > 0 && graph->refused != NULL && graph->refused[stamp - 1]))
    return G_MAXUINT;
  return graph->to[e];
}

static inline guint
jump_graph_end (const JumpGraph *graph,
                guint            node)
{
  return graph->first[node + 1] + (node == graph->extra_from);
}

/* reach[n]: a bit per hook whose built-in chain reaches chain n (itself
 * included), following -j and -g: the least fixed point iptables' checks
 * would find. */
static void
jump_graph_reach (const JumpGraph *graph,
                  NflTable        *table,
                  guint           *reach)
{
  g_autofree guint *stack = g_new (guint, graph->n_nodes + 1);

  memset (reach, 0, graph->n_nodes * sizeof (guint));
  for (guint b = 0; b < graph->n_builtins; b++)
    {
      guint start = graph->builtins[b];
      guint bit = 1u << ((NflChain *) g_ptr_array_index (table->chains, start))->hook;
      guint depth = 0;

      if (reach[start] & bit)
        continue;
      reach[start] |= bit;
      stack[depth++] = start;
      while (depth > 0)
        {
          guint node = stack[--depth];

          for (guint e = graph->first[node]; e < jump_graph_end (graph, node); e++)
            {
              guint to = jump_graph_edge (graph, node, e);

              if (to != G_MAXUINT && !(reach[to] & bit))
                {
                  reach[to] |= bit;
                  stack[depth++] = to;
                }
            }
        }
    }
}

/* The first built-in chain (in table order) from which a loop of jumps
 * can be reached, or G_MAXUINT: a depth-first search with colours, kept
 * from one built-in chain to the next (a chain done without finding a
 * loop reaches none). */
static guint
jump_graph_find_loop (const JumpGraph *graph)
{
  enum { WHITE, GREY, BLACK };
  g_autofree guint8 *colour = g_new0 (guint8, graph->n_nodes);
  g_autofree guint *node_stack = g_new (guint, graph->n_nodes + 1);
  g_autofree guint *edge_stack = g_new (guint, graph->n_nodes + 1);

  for (guint b = 0; b < graph->n_builtins; b++)
    {
      guint start = graph->builtins[b];
      guint depth = 0;

      if (colour[start] != WHITE)
        continue;
      colour[start] = GREY;
      node_stack[0] = start;
      edge_stack[0] = graph->first[start];
      depth = 1;
      while (depth > 0)
        {
          guint node = node_stack[depth - 1];
          guint e = edge_stack[depth - 1];
          guint to;

          if (e >= jump_graph_end (graph, node))
            {
              colour[node] = BLACK;
              depth--;
              continue;
            }
          edge_stack[depth - 1] = e + 1;
          if ((to = jump_graph_edge (graph, node, e)) == G_MAXUINT || colour[to] == BLACK)
            continue;
          if (colour[to] == GREY)
            return start;
          colour[to] = GREY;
          node_stack[depth] = to;
          edge_stack[depth] = graph->first[to];
          depth++;
        }
    }
  return G_MAXUINT;
}

/* The hooks from which @chain can be reached, following -j and -g. */
static guint
reaching_hooks (NflRuleset *ruleset,
                NflTableId  table,
                const char *chain)
{
  NflTable *t = &ruleset->tables[table];
  g_auto(JumpGraph) graph = { 0 };
  g_autofree guint *reach = NULL;
  int at = table_find_chain (t, chain);

  if (at < 0)
    return 0;
  jump_graph_init (&graph, t, NULL);
  reach = g_new (guint, graph.n_nodes);
  jump_graph_reach (&graph, t, reach);
  return reach[at];
}

/* nf_tables validates the chains reachable from a base chain: a loop
 * there makes the jump stack overflow (EMLINK), while a loop of chains
 * that no built-in chain reaches is accepted as it is never walked.
 * @builtin_name: the first built-in chain that would reach a loop once
 * @from jumps to @to. */
static gboolean
jump_makes_loop (NflRuleset  *ruleset,
                 NflTableId   table,
                 const char  *from,
                 const char  *to,
                 const char **builtin_name)
{
  NflTable *t = &ruleset->tables[table];
  g_auto(JumpGraph) graph = { 0 };
  int from_at = table_find_chain (t, from);
  int to_at = table_find_chain (t, to);
  guint found;

  jump_graph_init (&graph, t, NULL);
  if (from_at >= 0 && to_at >= 0)
    {
      graph.extra_from = from_at;
      graph.extra_to = to_at;
    }
  if ((found = jump_graph_find_loop (&graph)) == G_MAXUINT)
    return FALSE;
  *builtin_name = ((NflChain *) g_ptr_array_index (t->chains, found))->name;
  return TRUE;
}

/* xt_owner registers for LOCAL_OUT and POST_ROUTING only: a rule with
 * -m owner in a chain that other hooks reach is refused */
#define OWNER_HOOKS ((1u << NFL_HOOK_OUTPUT) | (1u << NFL_HOOK_POSTROUTING))

static gboolean
has_owner_match (const NflRule *rule)
{
  return nfl_rule_find_match (rule, NFL_MATCH_OWNER) != NULL;
}

static gboolean
check_owner_hooks (const NflRule *rule,
                   const char    *chain_name,
                   guint          hooks,
                   GError       **error)
{
  if ((hooks & ~OWNER_HOOKS) == 0 || !has_owner_match (rule))
    return TRUE;
  g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
               "the owner match in chain %s works only in OUTPUT and POSTROUTING: %s reaches it",
               chain_name, nfl_hook_name (g_bit_nth_lsf (hooks & ~OWNER_HOOKS, -1)));
  return FALSE;
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

/* Whether @table takes a target of @kind in @chain, whatever reaches
 * @chain: DROP is refused in nat, and the kernel registers some targets
 * for one table only. */
static gboolean
check_target_table (NflTableId     table,
                    NflChain      *chain,
                    NflTargetKind  kind,
                    GError       **error)
{
  TargetRestriction restriction;

  if (table == NFL_TABLE_NAT && kind == NFL_TARGET_DROP)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                   "The \"nat\" table is not intended for filtering, the use of DROP is therefore "
                   "inhibited (filter in the filter table instead)");
      return FALSE;
    }
  if (target_restriction (kind, &restriction) && restriction.table != table)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                   "RULE_APPEND failed (Invalid argument): rule in chain %s: "
                   "%s is valid only in the %s table",
                   chain->name, nfl_target_kind_name (kind),
                   nfl_table_name (restriction.table));
      return FALSE;
    }
  return TRUE;
}

/* Whether the hooks that reach @chain take a target of @kind (which
 * check_target_table () took): the kernel registers some targets for
 * some hooks only. */
static gboolean
check_target_hooks (NflRuleset    *ruleset,
                    NflTableId     table,
                    NflChain      *chain,
                    NflTargetKind  kind,
                    GError       **error)
{
  TargetRestriction restriction;
  guint hooks;

  if (!target_restriction (kind, &restriction))
    return TRUE;
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
  return check_target_table (table, chain, kind, error) &&
         check_target_hooks (ruleset, table, chain, kind, error);
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

/* -m owner in @chain against the hooks that reach it as the table is
 * now.  The hooks that reach a user chain are a walk of the whole jump
 * graph, which only a rule with -m owner needs. */
static gboolean
check_owner_reach (NflRuleset    *ruleset,
                   NflTableId     table,
                   NflChain      *chain,
                   const NflRule *rule,
                   GError       **error)
{
  if (!has_owner_match (rule) ||
      check_owner_hooks (rule, chain->name,
                         chain->builtin ? 1u << chain->hook : reaching_hooks (ruleset, table, chain->name), error))
    return TRUE;
  g_prefix_error (error, "RULE_APPEND failed (Invalid argument): ");
  return FALSE;
}

/* The checks of nfl_ruleset_check_rule () that do not follow jumps, in
 * its order: they come before the others for any rule.  @chain_out: the
 * chain, on TRUE; when not NULL on the call, the chain named @chain_name,
 * already found. */
static gboolean
check_rule_alone (NflRuleset     *ruleset,
                  NflTableId      table,
                  const char     *chain_name,
                  const NflRule  *rule,
                  NflChain      **chain_out,
                  GError        **error)
{
  const NflTarget *target = &rule->target;
  NflChain *chain = *chain_out;

  if (chain == NULL && !check_chain_exists (ruleset, table, chain_name, &chain, error))
    return FALSE;
  if (rule->has_out && !nfl_ruleset_interface_allowed (ruleset, table, chain_name, TRUE, error))
    return FALSE;
  if (rule->has_in && !nfl_ruleset_interface_allowed (ruleset, table, chain_name, FALSE, error))
    return FALSE;
  if (!check_target_table (table, chain, target->kind, error))
    return FALSE;
  if (chain->builtin)
    {
      int bad_match;

      if (!_nfl_rule_check_builtin_chain (rule, chain_name, "RULE_APPEND", &bad_match, error))
        return FALSE;
    }
  if (!check_owner_reach (ruleset, table, chain, rule, error))
    return FALSE;

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
    }
  *chain_out = chain;
  return TRUE;
}

/* The checks of nfl_ruleset_check_rule () that follow the jumps of the
 * table, for a rule that check_rule_alone () took. */
static gboolean
check_rule_jumps (NflRuleset     *ruleset,
                  NflTableId      table,
                  NflChain       *chain,
                  const NflRule  *rule,
                  GError        **error)
{
  const NflTarget *target = &rule->target;

  if (!check_target_hooks (ruleset, table, chain, target->kind, error))
    return FALSE;
  if (target->kind == NFL_TARGET_JUMP || target->kind == NFL_TARGET_GOTO)
    {
      NflChain *to = nfl_ruleset_find_chain (ruleset, table, target->chain);
      const char *builtin_name = NULL;
      guint hooks;

      if (jump_makes_loop (ruleset, table, chain->name, target->chain, &builtin_name))
        {
          g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                       "RULE_APPEND failed (Too many links): rule in chain %s: "
                       "jumping to %s would make a loop of jumps that %s reaches",
                       chain->name, target->chain, builtin_name);
          return FALSE;
        }
      /* what the jumped-to chain holds must fit the hooks it now gets */
      hooks = chain->builtin ? (1u << chain->hook) : reaching_hooks (ruleset, table, chain->name);
      if (hooks != 0 && !check_restricted_targets (ruleset, table, to, hooks, 0, error))
        {
          g_prefix_error (error, "RULE_APPEND failed (Invalid argument): ");
          return FALSE;
        }
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
  NflChain *chain = NULL;

  return check_rule_alone (ruleset, table, chain_name, rule, &chain, error) &&
         check_rule_jumps (ruleset, table, chain, rule, error);
}

/* ---------------------------------------------------------------------- */
/* a batch of appended rules                                               */
/* ---------------------------------------------------------------------- */

/* A table restored from a file gets thousands of rules, and checking the
 * jump graph again for each (as iptables and the kernel answer for one
 * rule) costs rules × chains.  A batch checks what concerns the rule
 * alone at once and the jump graph once, when flushed: if the table with
 * every rule of the batch has no loop that a built-in chain reaches and
 * every target (or -m owner) restricted to some hooks only is reached
 * from those only,
 * no rule would have been refused one by one (each of those refusals
 * leaves such a fault in every later table).  Otherwise the first rule
 * whose table has one is found by bisection, and checked as
 * nfl_ruleset_check_rule () would, for its own message; should it pass
 * (a fault deeper than its check looks), the rest are checked one by
 * one. */

typedef struct {
  NflChain *chain;
  NflRule  *rule;    /* until it is in its chain */
  GError   *error;   /* refused by check_rule_alone () */
  gboolean  owner;   /* the rule has -m owner: found while its matches are in the cache */
} BatchEntry;

struct _NflRuleBatch {
  NflRuleset *ruleset;
  NflTableId  table;
  GArray     *entries;   /* BatchEntry */
  guint       flushed;   /* the index of entries[0] */
};

typedef struct {
  guint node;
  guint allowed;
  guint stamp;
} RestrictedItem;

static void
batch_entry_clear (BatchEntry *entry)
{
  g_clear_pointer (&entry->rule, nfl_rule_free);
  g_clear_error (&entry->error);
}

NflRuleBatch *
_nfl_rule_batch_new (NflRuleset *ruleset,
                     NflTableId  table)
{
  NflRuleBatch *batch = g_new0 (NflRuleBatch, 1);

  g_return_val_if_fail (ruleset != NULL, NULL);
  g_return_val_if_fail (table < NFL_N_TABLES, NULL);

  batch->ruleset = ruleset;
  batch->table = table;
  batch->entries = g_array_new (FALSE, TRUE, sizeof (BatchEntry));
  g_array_set_clear_func (batch->entries, (GDestroyNotify) batch_entry_clear);
  return batch;
}

void
_nfl_rule_batch_free (NflRuleBatch *batch)
{
  if (batch == NULL)
    return;
  g_array_unref (batch->entries);
  g_free (batch);
}

gboolean
_nfl_rule_batch_append (NflRuleBatch *batch,
                        const char   *chain_name,
                        NflRule      *rule,
                        GError      **error)
{
  BatchEntry entry = { NULL, rule, NULL, has_owner_match (rule) };

  g_return_val_if_fail (batch != NULL, FALSE);
  g_return_val_if_fail (rule != NULL, FALSE);

  /* a restore's rules come chain by chain: the chain of the entry before
   * is taken again without hashing the name.  The entries are dropped
   * when they are flushed, before any other command could delete it. */
  if (batch->entries->len > 0)
    {
      const BatchEntry *last = &g_array_index (batch->entries, BatchEntry, batch->entries->len - 1);

      if (last->chain != NULL && strcmp (last->chain->name, chain_name) == 0)
        entry.chain = last->chain;
    }
  if (!check_rule_alone (batch->ruleset, batch->table, chain_name, rule, &entry.chain, &entry.error))
    {
      g_clear_pointer (&entry.rule, nfl_rule_free);
      if (error != NULL)
        *error = g_error_copy (entry.error);
    }
  g_array_append_val (batch->entries, entry);
  return entry.error == NULL;
}

static void
batch_accept (NflRuleBatch *batch,
              BatchEntry   *entry)
{
  g_ptr_array_add (entry->chain->rules, g_steal_pointer (&entry->rule));
  batch->ruleset->tables[batch->table].present = TRUE;
}

/* Whether the table with the entries before @limit has a loop that a
 * built-in chain reaches, or a restricted target that a hook it does not
 * work in reaches. */
static gboolean
batch_has_fault (JumpGraph *graph,
                 NflTable  *table,
                 GArray    *restricted,
                 guint     *reach,
                 guint      limit)
{
  graph->limit = limit;
  if (jump_graph_find_loop (graph) != G_MAXUINT)
    return TRUE;
  jump_graph_reach (graph, table, reach);
  for (guint i = 0; i < restricted->len; i++)
    {
      const RestrictedItem *item = &g_array_index (restricted, RestrictedItem, i);

      if (item->stamp <= limit && (item->stamp == 0 || !graph->refused[item->stamp - 1]) &&
          (reach[item->node] & ~item->allowed) != 0)
        return TRUE;
    }
  return FALSE;
}

/* The first entry that makes a fault, when the entries before @lo make
 * none and all @n make one. */
static guint
batch_find_fault (JumpGraph *graph,
                  NflTable  *table,
                  GArray    *restricted,
                  guint     *reach,
                  guint      lo,
                  guint      n)
{
  guint hi = n;

  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (batch_has_fault (graph, table, restricted, reach, mid))
        hi = mid;
      else
        lo = mid;
    }
  return hi - 1;
}

gboolean
_nfl_rule_batch_flush (NflRuleBatch         *batch,
                       NflRuleBatchRefused   refused_cb,
                       gpointer              user_data)
{
  NflTable *table;
  guint n;
  g_autoptr(GArray) edges = NULL;
  g_autoptr(GArray) restricted = NULL;
  g_autofree guint8 *refused = NULL;
  g_autofree guint *reach = NULL;
  g_auto(JumpGraph) graph = { 0 };
  gboolean one_by_one = FALSE, go_on = TRUE;
  guint culprit = 0;
  const NflChain *last_chain = NULL;
  int node = -1;

  g_return_val_if_fail (batch != NULL, FALSE);

  table = &batch->ruleset->tables[batch->table];
  n = batch->entries->len;
  if (n == 0)
    return TRUE;

  /* the graph of the table as it is plus the batch's jumps, and every
   * target that works in some hooks only */
  edges = g_array_new (FALSE, FALSE, sizeof (JumpEdge));
  restricted = g_array_new (FALSE, FALSE, sizeof (RestrictedItem));
  refused = g_new0 (guint8, n);
  for (guint c = 0; c < table->chains->len; c++)
    {
      NflChain *chain = g_ptr_array_index (table->chains, c);

      for (guint r = 0; r < chain->rules->len; r++)
        {
          NflRule *rule = g_ptr_array_index (chain->rules, r);
          TargetRestriction restriction;

          if (target_restriction (rule->target.kind, &restriction))
            {
              RestrictedItem item = { c, restriction.allowed_hooks, 0 };
              g_array_append_val (restricted, item);
            }
          if (has_owner_match (rule))
            {
              RestrictedItem item = { c, OWNER_HOOKS, 0 };
              g_array_append_val (restricted, item);
            }
        }
    }
  for (guint i = 0; i < n; i++)
    {
      BatchEntry *entry = &g_array_index (batch->entries, BatchEntry, i);
      TargetRestriction restriction;

      if (entry->error != NULL)
        {
          refused[i] = TRUE;
          continue;
        }
      /* a restore's rules come chain by chain */
      if (entry->chain != last_chain)
        {
          node = table_find_chain (table, entry->chain->name);
          last_chain = entry->chain;
        }
      g_assert (node >= 0);
      if (entry->rule->target.kind == NFL_TARGET_JUMP || entry->rule->target.kind == NFL_TARGET_GOTO)
        {
          JumpEdge edge = { node, table_find_chain (table, entry->rule->target.chain), i + 1 };

          g_assert ((int) edge.to >= 0);
          g_array_append_val (edges, edge);
        }
      else if (target_restriction (entry->rule->target.kind, &restriction))
        {
          RestrictedItem item = { node, restriction.allowed_hooks, i + 1 };
          g_array_append_val (restricted, item);
        }
      /* -m owner is restricted as a target can be: its chain may be
       * jumped to from INPUT later in the batch */
      if (entry->owner)
        {
          RestrictedItem item = { node, OWNER_HOOKS, i + 1 };
          g_array_append_val (restricted, item);
        }
    }
  jump_graph_init (&graph, table, edges);
  graph.refused = refused;
  reach = g_new (guint, MAX (graph.n_nodes, 1));

  /* the entries before done make no fault: the first one that makes
   * one is culprit (n: none) */
  if (!batch_has_fault (&graph, table, restricted, reach, n))
    culprit = n;    /* the usual case: nothing to refuse but what was */
  else if (batch_has_fault (&graph, table, restricted, reach, 0))
    one_by_one = TRUE;
  else
    culprit = batch_find_fault (&graph, table, restricted, reach, 0, n);

  for (guint i = 0; i < n && go_on; i++)
    {
      BatchEntry *entry = &g_array_index (batch->entries, BatchEntry, i);
      g_autoptr(GError) error = NULL;

      if (entry->error != NULL)
        go_on = refused_cb (batch->flushed + i, entry->error, user_data);
      else if (!one_by_one && i < culprit)
        batch_accept (batch, entry);
      /* the rule's own owner check again: the batch's earlier jumps are
       * in the table now */
      else if (!check_owner_reach (batch->ruleset, batch->table, entry->chain, entry->rule, &error) ||
               !check_rule_jumps (batch->ruleset, batch->table, entry->chain, entry->rule, &error))
        {
          refused[i] = TRUE;
          go_on = refused_cb (batch->flushed + i, error, user_data);
          if (!one_by_one)
            culprit = batch_has_fault (&graph, table, restricted, reach, n)
                      ? batch_find_fault (&graph, table, restricted, reach, i + 1, n) : n;
        }
      else
        {
          /* a fault its own checks do not see: from here one by one */
          batch_accept (batch, entry);
          one_by_one = TRUE;
        }
    }
  nfl_ruleset_changed (batch->ruleset);
  batch->flushed += n;
  g_array_set_size (batch->entries, 0);
  return go_on;
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
