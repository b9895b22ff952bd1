/* bench-rule-edits.c: rule edits of the document on a chain of 10,000 rules
 *
 *   bench-rule-edits [RULES] [RUNS]
 *
 * Times, as the rule editor makes them: inserting a rule at the top of
 * filter FORWARD of ns2 (nfl_document_insert_rule ()) and undoing it, and
 * the same with the rules view's list model following the edit (its
 * "rules-changed" handling).  Median of RUNS (default 21).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>

#include "nfl-engine.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

int
main (int   argc,
      char *argv[])
{
  guint n_rules = argc > 1 ? (guint) atoi (argv[1]) : 10000;
  guint runs = argc > 2 ? (guint) atoi (argv[2]) : 21;
  g_autoptr(GString) commands = g_string_new ("ip netns add ns1\nip netns add ns2\n"
                                              "ip netns exec ns2 iptables-restore <<'END'\n*filter\n"
                                              ":INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n");
  g_autoptr(NflScenario) scenario = nfl_scenario_new ();
  g_autoptr(NflDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NflRule) rule = NULL;
  g_autoptr(GArray) inserts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) undos = g_array_new (FALSE, FALSE, sizeof (double));
  const char *words[] = { "-s", "192.0.2.1", "-p", "tcp", "--dport", "22", "-j", "DROP", NULL };

  for (guint i = 0; i < n_rules; i++)
    g_string_append_printf (commands, "-A FORWARD -s 10.%u.%u.%u/32 -j DROP\n", i >> 16, (i >> 8) & 0xff, i & 0xff);
  g_string_append (commands, "COMMIT\nEND\n");
  if (!nfl_commands_apply (scenario, commands->str, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  doc = nfl_document_new_for_scenario (scenario);
  rule = nfl_rule_from_words (G_N_ELEMENTS (words) - 1, words, NULL, &error);

  for (guint r = 0; r < runs; r++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      if (!nfl_document_insert_rule (doc, "ns2", NFL_TABLE_FILTER, "FORWARD", 1, rule, &error))
        g_error ("%s", error->message);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (inserts, ms);
      start = g_get_monotonic_time ();
      nfl_document_undo (doc);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (undos, ms);
    }
  g_print ("%u rules in the chain, median of %u runs\n", n_rules, runs);
  g_print ("insert at the top: %.3f ms\n", median (inserts));
  g_print ("undo it:           %.3f ms\n", median (undos));
  return 0;
}
