/* bench-simulate.c: what a rule that does not match costs the simulator
 *
 *   bench-simulate BASE RULES PROBE RULE_COUNT TRAVERSALS [K [ROUNDS]]
 *
 * BASE and RULES are command files (RULES is BASE plus RULE_COUNT rules
 * that the probe's packets cross TRAVERSALS times without matching).
 * Each round times K simulations of each scenario, in process, one
 * scenario right after the other so that both see the machine in the
 * same state; the per-rule cost of a round is the difference divided by
 * K * RULE_COUNT * TRAVERSALS.  Prints one line:
 *
 *   per_rule_ns=... base_us=... rules_us=... rounds=R k=K
 *
 * with the medians over the rounds (base_us and rules_us: one simulation).
 * Built by meson (tests/bench/), not run as a test: tests/bench/bench-rules
 * runs it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

#include "nfl-engine.h"

static NflScenario *
load (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  NflScenario *scenario = nfl_scenario_new ();

  if (!g_file_get_contents (path, &text, NULL, &error) ||
      !nfl_commands_apply (scenario, text, NULL, NULL, NULL, &error))
    {
      fprintf (stderr, "bench-simulate: %s: %s\n", path, error->message);
      exit (1);
    }
  return scenario;
}

/* microseconds for @k simulations */
static double
time_simulations (NflScenario    *scenario,
                  const NflProbe *probe,
                  long            k)
{
  gint64 start = g_get_monotonic_time ();

  for (long i = 0; i < k; i++)
    {
      g_autoptr(GError) error = NULL;
      NflTrace *trace = nfl_simulate (scenario, probe, &error);

      if (trace == NULL)
        {
          fprintf (stderr, "bench-simulate: %s\n", error->message);
          exit (1);
        }
      nfl_trace_unref (trace);
    }
  return (double) (g_get_monotonic_time () - start);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (double *values,
        long    n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return values[n / 2];
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(NflScenario) base = NULL;
  g_autoptr(NflScenario) rules = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree double *per_rule = NULL;
  g_autofree double *base_us = NULL;
  g_autofree double *rules_us = NULL;
  NflProbe probe = { 0 };
  long count, traversals, k = 2000, rounds = 7;

  if (argc < 6 || argc > 8 || (count = strtol (argv[4], NULL, 10)) < 1 ||
      (traversals = strtol (argv[5], NULL, 10)) < 1 ||
      (argc > 6 && (k = strtol (argv[6], NULL, 10)) < 1) ||
      (argc > 7 && (rounds = strtol (argv[7], NULL, 10)) < 1))
    {
      fprintf (stderr, "usage: bench-simulate BASE RULES PROBE RULE_COUNT TRAVERSALS [K [ROUNDS]]\n");
      return 2;
    }
  base = load (argv[1]);
  rules = load (argv[2]);
  if (!nfl_probe_parse (argv[3], &probe, &error))
    {
      fprintf (stderr, "bench-simulate: %s\n", error->message);
      return 1;
    }

  /* once each first: the chains' packed keys are made on the first trace */
  time_simulations (base, &probe, 1);
  time_simulations (rules, &probe, 1);

  per_rule = g_new (double, rounds);
  base_us = g_new (double, rounds);
  rules_us = g_new (double, rounds);
  for (long r = 0; r < rounds; r++)
    {
      double b = time_simulations (base, &probe, k);
      double with = time_simulations (rules, &probe, k);

      base_us[r] = b / k;
      rules_us[r] = with / k;
      per_rule[r] = (with - b) * 1000.0 / ((double) k * count * traversals);
    }
  printf ("per_rule_ns=%.3f base_us=%.2f rules_us=%.2f rounds=%ld k=%ld\n",
          median (per_rule, rounds), median (base_us, rounds), median (rules_us, rounds), rounds, k);
  nfl_probe_clear (&probe);
  return 0;
}
