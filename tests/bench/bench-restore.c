/* bench-restore.c: how long nfl_iptables_restore () takes on a file
 *
 *   bench-restore FILE [K]
 *
 * Reads FILE (iptables-save text) once, parses it K times (default 20)
 * into a fresh ruleset, and prints one line:
 *
 *   rules=N runs=K first_ns=... best_ns=... median_ns=... mean_ns=...
 *
 * the times being those of one nfl_iptables_restore () call, from a
 * monotonic clock; first_ns is the first call, in a process that has not
 * parsed anything yet (its memory still to be touched for the first time).  Built by meson (tests/bench/), not run as a test:
 * tests/bench/bench-rules runs it.
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

int
main (int    argc,
      char **argv)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *times = NULL;
  gsize length = 0;
  NflRuleset *empty;
  guint rules = 0;
  long k = 20;
  double sum = 0;
  gint64 first = 0;

  if (argc < 2 || argc > 3 || (argc == 3 && (k = strtol (argv[2], NULL, 10)) < 1))
    {
      fprintf (stderr, "usage: bench-restore FILE [RUNS]\n");
      return 2;
    }
  if (!g_file_get_contents (argv[1], &text, &length, &error))
    {
      fprintf (stderr, "bench-restore: %s\n", error->message);
      return 1;
    }

  empty = nfl_ruleset_new ();
  times = g_new (gint64, k);
  for (long i = 0; i < k; i++)
    {
      gint64 start = g_get_monotonic_time ();
      NflRuleset *ruleset = nfl_iptables_restore (empty, text, length, &error);
      times[i] = (g_get_monotonic_time () - start) * 1000;
      if (ruleset == NULL)
        {
          fprintf (stderr, "bench-restore: %s: %s\n", argv[1], error->message);
          return 1;
        }
      rules = nfl_ruleset_count_rules (ruleset);
      nfl_ruleset_free (ruleset);
      sum += times[i];
      if (i == 0)
        first = times[0];
    }
  nfl_ruleset_free (empty);

  qsort (times, k, sizeof *times, compare_gint64);
  printf ("rules=%u runs=%ld first_ns=%" G_GINT64_FORMAT " best_ns=%" G_GINT64_FORMAT
          " median_ns=%" G_GINT64_FORMAT " mean_ns=%.0f\n",
          rules, k, first, times[0], times[k / 2], sum / k);
  return 0;
}
