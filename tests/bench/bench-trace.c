/* bench-trace.c: how long the engine takes to trace one probe
 *
 *   bench-trace SCENARIO.xml PROBE [K [ROUNDS]]
 *
 * Loads SCENARIO.xml once (nfl_scenario_load_xml_bytes (): the XML parse,
 * the schema and every rule read by the engine's parser, timed), traces
 * PROBE once (the first trace, which also packs the chains' keys), then
 * times ROUNDS rounds (default 7) of K traces (default 200) of PROBE,
 * in process.  Prints one line:
 *
 *   trace_us=... best_us=... first_us=... load_ms=... rounds=R k=K outcome=...
 *
 * trace_us is the median over the rounds of one nfl_simulate () call;
 * best_us the fastest round's.  Built by meson (tests/bench/), not run as
 * a test: tests/bench/bench-kube-proxy runs it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib.h>

#include "nfl-engine.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static NflTrace *
trace_or_exit (NflScenario    *scenario,
               const NflProbe *probe)
{
  g_autoptr(GError) error = NULL;
  NflTrace *trace = nfl_simulate (scenario, probe, &error);

  if (trace == NULL)
    {
      fprintf (stderr, "bench-trace: %s\n", error->message);
      exit (1);
    }
  return trace;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(NflScenario) scenario = NULL;
  g_autoptr(NflTrace) first = NULL;
  g_autofree double *per_trace = NULL;
  NflProbe probe = { 0 };
  gsize length = 0;
  long k = 200, rounds = 7;
  gint64 start, load_us, first_us;

  if (argc < 3 || argc > 5 ||
      (argc > 3 && (k = strtol (argv[3], NULL, 10)) < 1) ||
      (argc > 4 && (rounds = strtol (argv[4], NULL, 10)) < 1))
    {
      fprintf (stderr, "usage: bench-trace SCENARIO.xml PROBE [K [ROUNDS]]\n");
      return 2;
    }
  if (!g_file_get_contents (argv[1], &text, &length, &error) ||
      !nfl_probe_parse (argv[2], &probe, &error))
    {
      fprintf (stderr, "bench-trace: %s\n", error->message);
      return 1;
    }
  bytes = g_bytes_new_take (g_steal_pointer (&text), length);

  start = g_get_monotonic_time ();
  scenario = nfl_scenario_load_xml_bytes (bytes, argv[1], &error);
  load_us = g_get_monotonic_time () - start;
  if (scenario == NULL)
    {
      fprintf (stderr, "bench-trace: %s\n", error->message);
      return 1;
    }

  start = g_get_monotonic_time ();
  first = trace_or_exit (scenario, &probe);
  first_us = g_get_monotonic_time () - start;

  per_trace = g_new (double, rounds);
  for (long r = 0; r < rounds; r++)
    {
      start = g_get_monotonic_time ();
      for (long i = 0; i < k; i++)
        nfl_trace_unref (trace_or_exit (scenario, &probe));
      per_trace[r] = (double) (g_get_monotonic_time () - start) / k;
    }
  qsort (per_trace, rounds, sizeof *per_trace, compare_doubles);
  printf ("trace_us=%.2f best_us=%.2f first_us=%.2f load_ms=%.2f rounds=%ld k=%ld outcome=%s\n",
          per_trace[rounds / 2], per_trace[0], (double) first_us, load_us / 1000.0,
          rounds, k, nfl_trace_get_outcome (first));
  nfl_probe_clear (&probe);
  return 0;
}
