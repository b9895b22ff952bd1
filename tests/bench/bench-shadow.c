/* bench-shadow.c: how long nfl_chain_find_shadowed () takes on long chains
 *
 *   bench-shadow [N] [RUNS]
 *
 * Builds chains of N rules (default 10000) and times the analysis RUNS
 * times (default 7) on each, printing one line per chain:
 *
 *   chain=NAME rules=N findings=F best_ms=... median_ms=...
 *
 * The chains: "sources", N rules "-s 10.X.Y.Z -j DROP" with distinct
 * sources (no rule covers another; every pair fails on the first
 * comparison); "ports", N rules "-p tcp --dport P -j DROP" with distinct
 * ports (every pair gets past the address comparison and fails on the
 * ports); "wide-first", the sources chain behind one rule that takes all
 * their packets (N findings).  Built by meson (tests/bench/), not run as a
 * test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

#include "nfl-engine.h"

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

static void
add_rule (NflChain *chain,
          guint     i,
          gboolean  ports)
{
  NflRule *rule = nfl_rule_new ();

  if (ports)
    {
      NflMatch *m = nfl_rule_add_match (rule, NFL_MATCH_TCP);

      rule->has_proto = TRUE;
      rule->proto = 6;
      m->l4.has_dport = TRUE;
      m->l4.dport.lo = m->l4.dport.hi = 1 + i % 65535;
    }
  else
    {
      rule->has_src = TRUE;
      rule->src = (10u << 24) | i;
      rule->src_mask = 0xffffffffu;
    }
  rule->target.kind = NFL_TARGET_DROP;
  g_ptr_array_add (chain->rules, rule);
}

static void
measure (const char *name,
         NflChain   *chain,
         long        runs)
{
  g_autofree gint64 *times = g_new (gint64, runs);
  guint findings = 0;

  for (long r = 0; r < runs; r++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(GArray) found = nfl_chain_find_shadowed (chain);

      times[r] = g_get_monotonic_time () - start;
      findings = found->len;
    }
  qsort (times, runs, sizeof *times, compare_gint64);
  printf ("chain=%s rules=%u findings=%u best_ms=%.1f median_ms=%.1f\n", name, chain->rules->len,
          findings, times[0] / 1000.0, times[runs / 2] / 1000.0);
}

int
main (int    argc,
      char **argv)
{
  long n = 10000, runs = 7;
  NflRuleset *ruleset;
  NflChain *forward, *input;
  NflRule *wide;

  if (argc > 3 || (argc >= 2 && (n = strtol (argv[1], NULL, 10)) < 1) ||
      (argc == 3 && (runs = strtol (argv[2], NULL, 10)) < 1))
    {
      fprintf (stderr, "usage: bench-shadow [RULES] [RUNS]\n");
      return 2;
    }

  ruleset = nfl_ruleset_new ();
  forward = nfl_ruleset_get_builtin (ruleset, NFL_TABLE_FILTER, NFL_HOOK_FORWARD);
  input = nfl_ruleset_get_builtin (ruleset, NFL_TABLE_FILTER, NFL_HOOK_INPUT);
  for (long i = 0; i < n; i++)
    {
      add_rule (forward, i, FALSE);
      add_rule (input, i, TRUE);
    }
  nfl_ruleset_changed (ruleset);
  measure ("sources", forward, runs);
  measure ("ports", input, runs);

  wide = nfl_rule_new ();
  wide->has_src = TRUE;
  wide->src = 10u << 24;
  wide->src_mask = 0xff000000u;
  wide->target.kind = NFL_TARGET_DROP;
  g_ptr_array_insert (forward->rules, 0, wide);
  nfl_ruleset_changed (ruleset);
  measure ("wide-first", forward, runs);

  nfl_ruleset_free (ruleset);
  return 0;
}
