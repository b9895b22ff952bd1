/* test-trace.c: the trace a simulation returns, its events, LOG lines
 * and packet snapshots
 *
 * Hand-made traces are filled through nfl-trace-private.h, as the
 * simulator fills them; the last tests read a trace the simulator made.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "nfl-engine.h"
#include "nfl-test-topology.h"
#include "nfl-trace-private.h"

static void
add_event (NflTrace     *trace,
           NflEventKind  kind,
           guint16       packet,
           const char   *text)
{
  NflTraceEvent event = {
    .kind = kind,
    .packet = packet,
    .ns = 0,
    .table = -1,
    .hook = -1,
    .chain = -1,
    .rule = -1,
    .failed = NFL_RULE_MATCHED,
    .snapshot = 0,
    .text = g_strdup (text),   /* the trace takes it */
  };

  _nfl_trace_add (trace, &event);
}

static NflPacket
packet_to (guint32 dst)
{
  NflPacket p = { 0 };

  p.ip.src = 0x0a02000a;
  p.ip.dst = dst;
  p.ip.proto = NFL_PROTO_ICMP;
  p.ip.ttl = 64;
  p.ip.len = 84;
  p.ip.icmp_type = 8;
  return p;
}

/* ---------------------------------------------------------------------- */
/* hand-made traces                                                        */
/* ---------------------------------------------------------------------- */

static void
test_empty (void)
{
  g_autoptr(NflTrace) trace = nfl_trace_new ();
  g_autoptr(GPtrArray) lines = nfl_trace_get_log_lines (trace, 0);

  g_assert_cmpuint (nfl_trace_get_n_events (trace), ==, 0);
  g_assert_cmpuint (nfl_trace_get_n_packets (trace), ==, 0);
  /* nothing came back: the oracle's word for that */
  g_assert_cmpstr (nfl_trace_get_outcome (trace), ==, "no reply");
  g_assert_cmpuint (lines->len, ==, 0);
  g_assert_null (nfl_trace_get_namespace_name (trace, 0));
  g_assert_null (nfl_trace_get_namespace_name (trace, -1));
}

static void
test_events (void)
{
  g_autoptr(NflTrace) trace = nfl_trace_new ();
  const NflTraceEvent *event;

  add_event (trace, NFL_EVENT_PACKET_CREATED, 1, "probe: ns3 ping 10.99.0.1");
  add_event (trace, NFL_EVENT_CHAIN, 1, NULL);
  add_event (trace, NFL_EVENT_DROPPED, 1, "policy DROP");
  g_assert_cmpuint (nfl_trace_get_n_events (trace), ==, 3);

  event = nfl_trace_get_event (trace, 0);
  g_assert_cmpint (event->kind, ==, NFL_EVENT_PACKET_CREATED);
  g_assert_cmpuint (event->packet, ==, 1);
  g_assert_cmpstr (event->text, ==, "probe: ns3 ping 10.99.0.1");
  event = nfl_trace_get_event (trace, 1);
  g_assert_cmpint (event->kind, ==, NFL_EVENT_CHAIN);
  g_assert_null (event->text);
  event = nfl_trace_get_event (trace, 2);
  g_assert_cmpint (event->kind, ==, NFL_EVENT_DROPPED);
  g_assert_cmpstr (event->text, ==, "policy DROP");

  /* past the end is a programming error */
  g_test_expect_message ("NflEngine", G_LOG_LEVEL_CRITICAL, "*index < *");
  g_assert_null (nfl_trace_get_event (trace, 3));
  g_test_assert_expected_messages ();
}

static void
test_log_lines (void)
{
  g_autoptr(NflTrace) trace = nfl_trace_new ();
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) two = NULL;

  add_event (trace, NFL_EVENT_PACKET_CREATED, 1, "probe");
  add_event (trace, NFL_EVENT_LOG, 1, "a IN= OUT=eth0 ");
  add_event (trace, NFL_EVENT_RULE, 1, NULL);
  add_event (trace, NFL_EVENT_PACKET_CREATED, 2, "echo reply");
  add_event (trace, NFL_EVENT_LOG, 2, "b IN=eth0 OUT= ");
  add_event (trace, NFL_EVENT_DROPPED, 2, "LOG is not a drop");
  add_event (trace, NFL_EVENT_LOG, 2, "c IN=eth0 OUT= ");
  add_event (trace, NFL_EVENT_LOG, 3, "d IN= OUT=eth0 ");
  add_event (trace, NFL_EVENT_OUTCOME, 3, "reply received");

  /* every LOG event's text, in the order of the events */
  all = nfl_trace_get_log_lines (trace, 0);
  g_assert_cmpuint (all->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (all, 0), ==, "a IN= OUT=eth0 ");
  g_assert_cmpstr (g_ptr_array_index (all, 1), ==, "b IN=eth0 OUT= ");
  g_assert_cmpstr (g_ptr_array_index (all, 2), ==, "c IN=eth0 OUT= ");
  g_assert_cmpstr (g_ptr_array_index (all, 3), ==, "d IN= OUT=eth0 ");

  /* only the packets up to max_packet, as nflab prints by default */
  first = nfl_trace_get_log_lines (trace, 1);
  g_assert_cmpuint (first->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (first, 0), ==, "a IN= OUT=eth0 ");
  two = nfl_trace_get_log_lines (trace, 2);
  g_assert_cmpuint (two->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (two, 2), ==, "c IN=eth0 OUT= ");

  /* the lines belong to the trace: dropping the array keeps them */
  g_clear_pointer (&all, g_ptr_array_unref);
  g_assert_cmpstr (nfl_trace_get_event (trace, 1)->text, ==, "a IN= OUT=eth0 ");
}

static void
test_outcome (void)
{
  g_autoptr(NflTrace) trace = nfl_trace_new ();

  _nfl_trace_set_outcome (trace, "no reply");
  g_assert_cmpstr (nfl_trace_get_outcome (trace), ==, "no reply");
  _nfl_trace_set_outcome (trace, "icmp port-unreachable from 10.1.0.10");
  g_assert_cmpstr (nfl_trace_get_outcome (trace), ==, "icmp port-unreachable from 10.1.0.10");
  /* the trace keeps its own copy */
  {
    g_autofree char *text = g_strdup ("connected");
    _nfl_trace_set_outcome (trace, text);
  }
  g_assert_cmpstr (nfl_trace_get_outcome (trace), ==, "connected");
}

static void
test_snapshots (void)
{
  g_autoptr(NflTrace) trace = nfl_trace_new ();
  NflPacket a = packet_to (0x0a630001);
  NflPacket b = a;
  guint32 ia, ia2, ib, ia3;
  const NflPacket *snap;

  b.ip.dst = 0x0a01000a;   /* after DNAT */
  ia = _nfl_trace_snapshot (trace, &a);
  ia2 = _nfl_trace_snapshot (trace, &a);
  ib = _nfl_trace_snapshot (trace, &b);
  ia3 = _nfl_trace_snapshot (trace, &a);

  /* consecutive events that see the same packet share one snapshot */
  g_assert_cmpuint (ia, ==, ia2);
  g_assert_cmpuint (ib, !=, ia);
  g_assert_cmpuint (ia3, !=, ib);

  snap = nfl_trace_get_snapshot (trace, ia);
  g_assert_true (snap != &a);
  g_assert_cmphex (snap->ip.dst, ==, 0x0a630001);
  snap = nfl_trace_get_snapshot (trace, ib);
  g_assert_cmphex (snap->ip.dst, ==, 0x0a01000a);
  snap = nfl_trace_get_snapshot (trace, ia3);
  g_assert_cmpint (memcmp (snap, &a, sizeof a), ==, 0);

  /* a snapshot is a copy: later changes to the packet do not show */
  a.ip.ttl = 1;
  g_assert_cmpuint (nfl_trace_get_snapshot (trace, ia)->ip.ttl, ==, 64);

  g_test_expect_message ("NflEngine", G_LOG_LEVEL_CRITICAL, "*index < *");
  g_assert_null (nfl_trace_get_snapshot (trace, ia3 + 1));
  g_test_assert_expected_messages ();
}

static void
test_clear (void)
{
  g_autoptr(NflTrace) trace = nfl_trace_new ();
  NflPacket p = packet_to (0x0a01000a);
  g_autoptr(GPtrArray) lines = NULL;

  add_event (trace, NFL_EVENT_LOG, 1, "x ");
  _nfl_trace_snapshot (trace, &p);
  _nfl_trace_set_outcome (trace, "reply received");
  _nfl_trace_clear (trace);
  g_assert_cmpuint (nfl_trace_get_n_events (trace), ==, 0);
  g_assert_cmpuint (nfl_trace_get_n_packets (trace), ==, 0);
  g_assert_cmpstr (nfl_trace_get_outcome (trace), ==, "no reply");
  lines = nfl_trace_get_log_lines (trace, 0);
  g_assert_cmpuint (lines->len, ==, 0);
  /* and it can be filled again */
  add_event (trace, NFL_EVENT_OUTCOME, 1, "connected");
  g_assert_cmpuint (nfl_trace_get_n_events (trace), ==, 1);
}

static void
test_ref_and_boxed (void)
{
  NflTrace *trace = nfl_trace_new ();
  NflTrace *copy;
  GValue value = G_VALUE_INIT;

  g_assert_true (G_TYPE_IS_BOXED (NFL_TYPE_TRACE));
  g_assert_cmpstr (g_type_name (NFL_TYPE_TRACE), ==, "NflTrace");
  add_event (trace, NFL_EVENT_OUTCOME, 1, "reply received");

  /* boxed copy is a reference: the same trace, kept alive */
  copy = g_boxed_copy (NFL_TYPE_TRACE, trace);
  g_assert_true (copy == trace);
  nfl_trace_unref (trace);
  g_assert_cmpuint (nfl_trace_get_n_events (copy), ==, 1);
  g_assert_cmpstr (nfl_trace_get_event (copy, 0)->text, ==, "reply received");

  /* in a GValue, as a GUI property or signal would hold it */
  g_value_init (&value, NFL_TYPE_TRACE);
  g_value_set_boxed (&value, copy);
  g_boxed_free (NFL_TYPE_TRACE, copy);
  g_assert_true (g_value_get_boxed (&value) == copy);
  g_assert_cmpuint (nfl_trace_get_n_events (g_value_get_boxed (&value)), ==, 1);
  g_assert_true (nfl_trace_ref (copy) == copy);
  g_value_unset (&value);
  /* the last reference */
  g_assert_cmpuint (nfl_trace_get_n_events (copy), ==, 1);
  nfl_trace_unref (copy);
}

/* ---------------------------------------------------------------------- */
/* a trace the simulator made                                              */
/* ---------------------------------------------------------------------- */

static const char *router_setup =
  NFL_TEST_LINKS NFL_TEST_ROUTES NFL_TEST_FORWARDING
  "ip netns exec ns2 iptables -A FORWARD -j LOG --log-prefix \"fwd \"\n"
  "ip netns exec ns1 iptables -A INPUT -j LOG --log-prefix \"in1 \"\n";

static NflTrace *
simulate_ping (void)
{
  g_autoptr(NflScenario) scenario = nfl_scenario_new ();
  g_autoptr(GError) error = NULL;
  NflProbe probe = { 0 };
  NflTrace *trace;

  g_assert_true (nfl_commands_apply (scenario, router_setup, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (nfl_probe_parse ("ns3 ping 10.1.0.10", &probe, &error));
  trace = nfl_simulate (scenario, &probe, &error);
  g_assert_no_error (error);
  g_assert_nonnull (trace);
  nfl_probe_clear (&probe);
  /* the trace outlives the scenario */
  return trace;
}

static void
test_simulated_trace (void)
{
  g_autoptr(NflTrace) trace = simulate_ping ();
  guint n = nfl_trace_get_n_events (trace);
  const NflTraceEvent *first, *last;
  guint n_logs = 0;

  g_assert_cmpstr (nfl_trace_get_outcome (trace), ==, "reply received");
  /* the echo request and its reply */
  g_assert_cmpuint (nfl_trace_get_n_packets (trace), ==, 2);
  g_assert_cmpstr (nfl_trace_get_namespace_name (trace, 0), ==, "ns1");
  g_assert_cmpstr (nfl_trace_get_namespace_name (trace, 2), ==, "ns3");
  g_assert_null (nfl_trace_get_namespace_name (trace, 3));

  g_assert_cmpuint (n, >, 2);
  first = nfl_trace_get_event (trace, 0);
  g_assert_cmpint (first->kind, ==, NFL_EVENT_PACKET_CREATED);
  g_assert_cmpuint (first->packet, ==, 1);
  g_assert_cmpstr (nfl_trace_get_namespace_name (trace, first->ns), ==, "ns3");
  g_assert_cmphex (nfl_trace_get_snapshot (trace, first->snapshot)->ip.dst, ==, 0x0a01000a);
  last = nfl_trace_get_event (trace, n - 1);
  g_assert_cmpint (last->kind, ==, NFL_EVENT_OUTCOME);

  for (guint i = 0; i < n; i++)
    {
      const NflTraceEvent *event = nfl_trace_get_event (trace, i);

      /* every event names a packet, a namespace that exists and a snapshot */
      g_assert_cmpuint (event->packet, >=, 1);
      g_assert_cmpuint (event->packet, <=, nfl_trace_get_n_packets (trace));
      if (event->ns >= 0)
        g_assert_nonnull (nfl_trace_get_namespace_name (trace, event->ns));
      g_assert_nonnull (nfl_trace_get_snapshot (trace, event->snapshot));
      if (event->kind == NFL_EVENT_LOG)
        n_logs++;
      if (event->kind == NFL_EVENT_CHAIN || event->kind == NFL_EVENT_RULE)
        {
          g_assert_cmpint (event->table, >=, 0);
          g_assert_cmpint (event->table, <, NFL_N_TABLES);
          g_assert_cmpint (event->chain, >=, 0);
        }
    }
  /* the request crosses ns2's FORWARD, then ns1's INPUT; the reply
   * crosses ns2's FORWARD */
  g_assert_cmpuint (n_logs, ==, 3);
}

static void
test_simulated_log_lines (void)
{
  g_autoptr(NflTrace) trace = simulate_ping ();
  g_autoptr(GPtrArray) all = nfl_trace_get_log_lines (trace, 0);
  g_autoptr(GPtrArray) first = nfl_trace_get_log_lines (trace, 1);

  g_assert_cmpuint (all->len, ==, 3);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (all, 0),
                                   "fwd IN=veth2_ns2 OUT=veth1_ns2 MAC="));
  g_assert_nonnull (strstr (g_ptr_array_index (all, 0),
                            " SRC=10.2.0.10 DST=10.1.0.10 LEN=84 TOS=0x00 PREC=0x00 TTL=63 ID="));
  g_assert_true (g_str_has_suffix (g_ptr_array_index (all, 0), " DF PROTO=ICMP TYPE=8 CODE=0 ID=10794 SEQ=1 "));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (all, 1), "in1 IN=veth1_ns1 OUT= MAC="));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (all, 2), "fwd IN=veth1_ns2 OUT=veth2_ns2 MAC="));
  g_assert_nonnull (strstr (g_ptr_array_index (all, 2), " SRC=10.1.0.10 DST=10.2.0.10 "));

  /* the probe's packet only */
  g_assert_cmpuint (first->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (first, 0), ==, g_ptr_array_index (all, 0));
  g_assert_cmpstr (g_ptr_array_index (first, 1), ==, g_ptr_array_index (all, 1));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nfl/engine/trace/empty", test_empty);
  g_test_add_func ("/nfl/engine/trace/events", test_events);
  g_test_add_func ("/nfl/engine/trace/log-lines", test_log_lines);
  g_test_add_func ("/nfl/engine/trace/outcome", test_outcome);
  g_test_add_func ("/nfl/engine/trace/snapshots", test_snapshots);
  g_test_add_func ("/nfl/engine/trace/clear", test_clear);
  g_test_add_func ("/nfl/engine/trace/ref-and-boxed", test_ref_and_boxed);
  g_test_add_func ("/nfl/engine/trace/simulated", test_simulated_trace);
  g_test_add_func ("/nfl/engine/trace/simulated-log-lines", test_simulated_log_lines);

  return g_test_run ();
}
