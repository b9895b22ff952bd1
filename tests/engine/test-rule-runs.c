/* test-rule-runs.c: how a trace records rules that do not match, and
 * that what the simulator derives from the rules follows every edit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "nfl-engine.h"
#include "nfl-test-topology.h"

static const char *topology = NFL_TEST_LINKS NFL_TEST_ROUTES NFL_TEST_FORWARDING;

static NflScenario *
scenario_with (const char *rules)
{
  NflScenario *scenario = nfl_scenario_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (nfl_commands_apply (scenario, topology, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  if (rules != NULL)
    {
      g_assert_true (nfl_commands_apply (scenario, rules, "ns2", NULL, NULL, &error));
      g_assert_no_error (error);
    }
  return scenario;
}

static NflTrace *
ping (NflScenario *scenario,
      const char  *dst)
{
  g_autofree char *text = g_strdup_printf ("ns1 ping %s", dst);
  g_autoptr(GError) error = NULL;
  NflProbe probe = { 0 };
  NflTrace *trace;

  g_assert_true (nfl_probe_parse (text, &probe, &error));
  trace = nfl_simulate (scenario, &probe, &error);
  g_assert_no_error (error);
  nfl_probe_clear (&probe);
  return trace;
}

/* The NFL_EVENT_RULE events of packet @packet in ns2's filter FORWARD. */
static GPtrArray *
forward_rule_events (NflTrace *trace,
                     guint     packet)
{
  GPtrArray *events = g_ptr_array_new ();

  for (guint i = 0; i < nfl_trace_get_n_events (trace); i++)
    {
      const NflTraceEvent *event = nfl_trace_get_event (trace, i);

      if (event->kind == NFL_EVENT_RULE && event->packet == packet &&
          event->table == NFL_TABLE_FILTER && event->hook == NFL_HOOK_FORWARD &&
          g_strcmp0 (nfl_trace_get_namespace_name (trace, event->ns), "ns2") == 0)
        g_ptr_array_add (events, (gpointer) event);
    }
  return events;
}

static void
test_run_of_failures (void)
{
  /* each rule fails on a different part; the fifth accepts */
  g_autoptr(NflScenario) scenario = scenario_with (
    "iptables -A FORWARD -s 10.9.9.9 -j DROP\n"                 /* source */
    "iptables -A FORWARD -d 10.9.9.9 -j DROP\n"                 /* destination */
    "iptables -A FORWARD -p udp -j DROP\n"                      /* protocol */
    "iptables -A FORWARD ! -s 10.1.0.10 -d 10.9.9.9 -j DROP\n"  /* source first, though -d fails too */
    "iptables -A FORWARD -i veth1_ns2 -m mark --mark 7 -j DROP\n" /* the first -m match */
    "iptables -A FORWARD -s 10.1.0.10 -j ACCEPT\n");
  g_autoptr(NflTrace) trace = ping (scenario, "10.2.0.10");
  g_autoptr(GPtrArray) events = forward_rule_events (trace, 1);
  const NflTraceEvent *run, *hit;
  const int expected[] = {
    NFL_RULE_FAILED_SOURCE, NFL_RULE_FAILED_DESTINATION, NFL_RULE_FAILED_PROTOCOL,
    NFL_RULE_FAILED_SOURCE, NFL_RULE_FAILED_MATCH_BASE + 0,
  };

  g_assert_cmpstr (nfl_trace_get_outcome (trace), ==, "reply received");
  g_assert_cmpuint (events->len, ==, 2);
  run = g_ptr_array_index (events, 0);
  hit = g_ptr_array_index (events, 1);

  /* the five rules that did not match are one event */
  g_assert_cmpint (run->rule, ==, 0);
  g_assert_cmpuint (run->n_rules, ==, G_N_ELEMENTS (expected));
  g_assert_cmpint (run->failed, ==, NFL_RULE_FAILED_SOURCE);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpint (nfl_trace_get_rule_failure (trace, run, i), ==, expected[i]);

  /* the one that matched has its own */
  g_assert_cmpint (hit->rule, ==, 5);
  g_assert_cmpuint (hit->n_rules, ==, 1);
  g_assert_cmpint (hit->failed, ==, NFL_RULE_MATCHED);
  g_assert_cmpint (nfl_trace_get_rule_failure (trace, hit, 0), ==, NFL_RULE_MATCHED);

  /* the counters moved only on the rule that matched */
  {
    NflNamespace *ns2 = nfl_scenario_find_namespace (scenario, "ns2");
    NflChain *forward = nfl_ruleset_find_chain (ns2->ruleset, NFL_TABLE_FILTER, "FORWARD");

    for (guint i = 0; i < 5; i++)
      g_assert_cmpuint (((NflRule *) g_ptr_array_index (forward->rules, i))->packets, ==, 0);
    g_assert_cmpuint (((NflRule *) g_ptr_array_index (forward->rules, 5))->packets, ==, 1);
  }
}

static void
test_runs_split_by_jumps (void)
{
  /* a run ends where a rule matches, also a jump, and a new one starts in
   * the user chain and again after the return */
  g_autoptr(NflScenario) scenario = scenario_with (
    "iptables -N CHECK\n"
    "iptables -A CHECK -s 10.8.0.1 -j DROP\n"
    "iptables -A CHECK -s 10.8.0.2 -j DROP\n"
    "iptables -A FORWARD -s 10.7.0.1 -j DROP\n"
    "iptables -A FORWARD -j CHECK\n"
    "iptables -A FORWARD -s 10.7.0.2 -j DROP\n"
    "iptables -A FORWARD -s 10.7.0.3 -j DROP\n");
  g_autoptr(NflTrace) trace = ping (scenario, "10.2.0.10");
  guint seen = 0;
  const struct { int rule; guint n_rules; int failed; } expected[] = {
    { 0, 1, NFL_RULE_FAILED_SOURCE },   /* FORWARD 1 */
    { 1, 1, NFL_RULE_MATCHED },         /* FORWARD 2: -j CHECK */
    { 0, 2, NFL_RULE_FAILED_SOURCE },   /* CHECK 1-2 */
    { 2, 2, NFL_RULE_FAILED_SOURCE },   /* FORWARD 3-4 */
  };

  for (guint i = 0; i < nfl_trace_get_n_events (trace); i++)
    {
      const NflTraceEvent *event = nfl_trace_get_event (trace, i);

      if (event->kind != NFL_EVENT_RULE || event->packet != 1 || event->table != NFL_TABLE_FILTER)
        continue;
      g_assert_cmpuint (seen, <, G_N_ELEMENTS (expected));
      g_assert_cmpint (event->rule, ==, expected[seen].rule);
      g_assert_cmpuint (event->n_rules, ==, expected[seen].n_rules);
      g_assert_cmpint (event->failed, ==, expected[seen].failed);
      seen++;
    }
  g_assert_cmpuint (seen, ==, G_N_ELEMENTS (expected));
  g_assert_cmpstr (nfl_trace_get_outcome (trace), ==, "reply received");
}

/* The simulator keeps a packed copy of each chain's addresses and
 * whether a namespace needs conntrack; every kind of edit must show in
 * the next trace. */
static void
test_edits_reach_the_next_trace (void)
{
  g_autoptr(NflScenario) scenario = scenario_with ("iptables -A FORWARD -s 10.9.9.9 -j DROP\n");
  NflNamespace *ns2;
  const struct { const char *command; const char *outcome; } steps[] = {
    { "iptables -R FORWARD 1 -s 10.1.0.10 -j DROP", "no reply" },
    { "iptables -R FORWARD 1 -s 10.1.0.11 -j DROP", "reply received" },
    { "iptables -I FORWARD 1 -d 10.2.0.10 -j DROP", "no reply" },
    { "iptables -D FORWARD 1", "reply received" },
    { "iptables -A FORWARD -d 10.1.0.10 -j DROP", "no reply" },   /* the reply is dropped */
    { "iptables -F FORWARD", "reply received" },
    { "iptables -A FORWARD -s 10.1.0.0/24 -j DROP", "no reply" },
    { "iptables -D FORWARD -s 10.1.0.0/24 -j DROP", "reply received" },
    { "iptables -P FORWARD DROP", "no reply" },
    { "iptables -A FORWARD -s 10.1.0.10 -j ACCEPT", "no reply" },  /* the reply still meets the policy */
    { "iptables -A FORWARD -d 10.1.0.10 -j ACCEPT", "reply received" },
  };

  /* nfl_commands_apply() works on a copy of the scenario; the edits here
   * change the live ruleset in place, as an editor does */
  ns2 = nfl_scenario_find_namespace (scenario, "ns2");
  {
    g_autoptr(NflTrace) first = ping (scenario, "10.2.0.10");
    g_assert_cmpstr (nfl_trace_get_outcome (first), ==, "reply received");
  }
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(NflTrace) trace = NULL;
      g_auto(GStrv) argv = NULL;
      int argc = 0;

      g_test_message ("after: %s", steps[i].command);
      g_assert_true (g_shell_parse_argv (steps[i].command, &argc, &argv, NULL));
      g_assert_true (nfl_iptables_run (ns2->ruleset, argc, argv, NULL, NULL, &error));
      g_assert_no_error (error);
      trace = ping (scenario, "10.2.0.10");
      g_assert_cmpstr (nfl_trace_get_outcome (trace), ==, steps[i].outcome);
    }

  /* an edit through the ruleset API */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(NflTrace) trace = NULL;
    NflRule *rule = nfl_rule_new ();

    rule->has_src = TRUE;
    rule->src = 0x0a01000a;
    rule->src_mask = 0xffffffff;
    rule->target.kind = NFL_TARGET_DROP;
    g_assert_true (nfl_ruleset_insert_rule (ns2->ruleset, NFL_TABLE_FILTER, "FORWARD", 1, rule, &error));
    g_assert_no_error (error);
    trace = ping (scenario, "10.2.0.10");
    g_assert_cmpstr (nfl_trace_get_outcome (trace), ==, "no reply");
  }

  /* an edit in place, announced with nfl_ruleset_changed() */
  {
    g_autoptr(NflTrace) trace = NULL;
    NflChain *forward = nfl_ruleset_find_chain (ns2->ruleset, NFL_TABLE_FILTER, "FORWARD");
    NflRule *first = g_ptr_array_index (forward->rules, 0);

    first->src = 0x0a090909;
    nfl_ruleset_changed (ns2->ruleset);
    trace = ping (scenario, "10.2.0.10");
    g_assert_cmpstr (nfl_trace_get_outcome (trace), ==, "reply received");
  }
}

static gboolean
has_conntrack_event (NflTrace   *trace,
                     const char *ns)
{
  for (guint i = 0; i < nfl_trace_get_n_events (trace); i++)
    {
      const NflTraceEvent *event = nfl_trace_get_event (trace, i);

      if (event->kind == NFL_EVENT_CONNTRACK &&
          g_strcmp0 (nfl_trace_get_namespace_name (trace, event->ns), ns) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_conntrack_follows_the_rules (void)
{
  g_autoptr(NflScenario) scenario = scenario_with (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(NflTrace) before = ping (scenario, "10.2.0.10");
  g_autoptr(NflTrace) with_state = NULL;
  g_autoptr(NflTrace) after_flush = NULL;

  g_assert_false (has_conntrack_event (before, "ns2"));

  g_assert_true (nfl_commands_apply (scenario, "iptables -A FORWARD -m state --state INVALID -j DROP",
                                     "ns2", NULL, NULL, &error));
  g_assert_no_error (error);
  with_state = ping (scenario, "10.2.0.10");
  g_assert_true (has_conntrack_event (with_state, "ns2"));
  g_assert_false (has_conntrack_event (with_state, "ns1"));

  g_assert_true (nfl_commands_apply (scenario, "iptables -F", "ns2", NULL, NULL, &error));
  g_assert_no_error (error);
  after_flush = ping (scenario, "10.2.0.10");
  g_assert_false (has_conntrack_event (after_flush, "ns2"));
}

static void
test_long_chain (void)
{
  /* a few thousand rules: one run per traversal, and the first failing
   * part of each rule is there */
  g_autoptr(GString) rules = g_string_new (NULL);
  g_autoptr(NflScenario) scenario = NULL;
  g_autoptr(NflTrace) trace = NULL;
  g_autoptr(GPtrArray) request = NULL;
  g_autoptr(GPtrArray) reply = NULL;
  const NflTraceEvent *run;
  const guint n = 3000;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (rules, "iptables -A FORWARD -s 10.200.%u.%u %s-j DROP\n", i / 250, i % 250 + 1,
                            i % 3 == 2 ? "-p udp " : "");
  scenario = scenario_with (rules->str);
  trace = ping (scenario, "10.2.0.10");
  g_assert_cmpstr (nfl_trace_get_outcome (trace), ==, "reply received");

  request = forward_rule_events (trace, 1);
  reply = forward_rule_events (trace, 2);
  g_assert_cmpuint (request->len, ==, 1);
  g_assert_cmpuint (reply->len, ==, 1);
  run = g_ptr_array_index (request, 0);
  g_assert_cmpuint (run->n_rules, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (nfl_trace_get_rule_failure (trace, run, i), ==, NFL_RULE_FAILED_SOURCE);
  g_assert_cmpuint (((const NflTraceEvent *) g_ptr_array_index (reply, 0))->n_rules, ==, n);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/nfl/engine/rule-runs/run-of-failures", test_run_of_failures);
  g_test_add_func ("/nfl/engine/rule-runs/split-by-jumps", test_runs_split_by_jumps);
  g_test_add_func ("/nfl/engine/rule-runs/edits-reach-the-next-trace", test_edits_reach_the_next_trace);
  g_test_add_func ("/nfl/engine/rule-runs/conntrack-follows-the-rules", test_conntrack_follows_the_rules);
  g_test_add_func ("/nfl/engine/rule-runs/long-chain", test_long_chain);
  return g_test_run ();
}
