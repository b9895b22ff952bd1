/* bench-scenario-file.c: how long a scenario file takes to write and to load
 *
 *   bench-scenario-file SCENARIO.xml [RUNS]
 *
 * Reads SCENARIO.xml once, then RUNS times (default 21): loads and checks
 * it (nfl_scenario_load_xml_bytes (): the XML parse, the schema and every
 * rule read by the engine's parser) and writes it back
 * (nfl_scenario_to_xml_bytes ()).  Prints one line per step:
 *
 *   load rules=N first_ms=... median_ms=... best_ms=...
 *   write rules=N first_ms=... median_ms=... best_ms=...
 *
 * With BENCH_ONLY=write in the environment it loads once and only writes,
 * with BENCH_ONLY=load it only loads (for a profiler).  Built by meson (tests/bench/), not run as a test;
 * README.md says what was measured.
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

static guint
count_rules (NflScenario *scenario)
{
  GPtrArray *namespaces = nfl_scenario_get_namespaces (scenario);
  guint rules = 0;

  for (guint i = 0; i < namespaces->len; i++)
    {
      NflNamespace *ns = g_ptr_array_index (namespaces, i);
      rules += nfl_ruleset_count_rules (ns->ruleset);
    }
  return rules;
}

static void
print_times (const char *step,
             guint       rules,
             gint64     *times,
             long        runs)
{
  gint64 first = times[0];

  qsort (times, runs, sizeof *times, compare_gint64);
  printf ("%s rules=%u first_ms=%.2f median_ms=%.2f best_ms=%.2f\n", step, rules,
          first / 1000.0, times[runs / 2] / 1000.0, times[0] / 1000.0);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree gint64 *load_times = NULL;
  g_autofree gint64 *write_times = NULL;
  gsize length = 0;
  guint rules = 0;
  long runs = 21;

  if (argc < 2 || argc > 3 || (argc == 3 && (runs = strtol (argv[2], NULL, 10)) < 1))
    {
      fprintf (stderr, "usage: bench-scenario-file SCENARIO.xml [RUNS]\n");
      return 2;
    }
  if (!g_file_get_contents (argv[1], &text, &length, &error))
    {
      fprintf (stderr, "bench-scenario-file: %s\n", error->message);
      return 1;
    }
  bytes = g_bytes_new_take (g_steal_pointer (&text), length);

  if (g_strcmp0 (g_getenv ("BENCH_ONLY"), "write") == 0)
    {
      g_autoptr(NflScenario) scenario = nfl_scenario_load_xml_bytes (bytes, argv[1], &error);

      if (scenario == NULL)
        {
          fprintf (stderr, "bench-scenario-file: %s\n", error->message);
          return 1;
        }
      write_times = g_new (gint64, runs);
      for (long i = 0; i < runs; i++)
        {
          gint64 start = g_get_monotonic_time ();
          g_autoptr(GBytes) written = nfl_scenario_to_xml_bytes (scenario, NULL);

          write_times[i] = g_get_monotonic_time () - start;
        }
      print_times ("write", count_rules (scenario), write_times, runs);
      return 0;
    }

  load_times = g_new (gint64, runs);
  write_times = g_new (gint64, runs);
  for (long i = 0; i < runs; i++)
    {
      g_autoptr(NflScenario) scenario = NULL;
      g_autoptr(GBytes) written = NULL;
      gint64 start = g_get_monotonic_time ();

      scenario = nfl_scenario_load_xml_bytes (bytes, argv[1], &error);
      load_times[i] = g_get_monotonic_time () - start;
      if (scenario == NULL)
        {
          fprintf (stderr, "bench-scenario-file: %s\n", error->message);
          return 1;
        }
      rules = count_rules (scenario);
      if (g_strcmp0 (g_getenv ("BENCH_ONLY"), "load") == 0)
        continue;

      start = g_get_monotonic_time ();
      written = nfl_scenario_to_xml_bytes (scenario, &error);
      write_times[i] = g_get_monotonic_time () - start;
      if (written == NULL)
        {
          fprintf (stderr, "bench-scenario-file: %s\n", error->message);
          return 1;
        }
    }
  print_times ("load", rules, load_times, runs);
  if (g_strcmp0 (g_getenv ("BENCH_ONLY"), "load") != 0)
    print_times ("write", rules, write_times, runs);
  return 0;
}
