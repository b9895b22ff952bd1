/* test-simulator.c: probes, and small scenarios sent through the simulator
 *
 * The outcomes are those the kernel gave for the same situations in
 * tests/data/kernel/ (named next to each case).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "nfl-engine.h"
#include "nfl-test-topology.h"

static const char *topology = NFL_TEST_LINKS;
static const char *routes = NFL_TEST_ROUTES;

static NflScenario *
make_scenario (const char *extra)
{
  NflScenario *scenario = nfl_scenario_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strconcat (topology, extra, NULL);

  if (!nfl_commands_apply (scenario, text, NULL, NULL, NULL, &error))
    g_error ("setup: %s", error->message);
  return scenario;
}

static NflTrace *
trace_probe (NflScenario *scenario,
             const char  *probe_text)
{
  NflProbe probe = { 0 };
  g_autoptr(GError) error = NULL;
  NflTrace *trace;

  g_assert_true (nfl_probe_parse (probe_text, &probe, &error));
  trace = nfl_simulate (scenario, &probe, &error);
  g_assert_no_error (error);
  g_assert_nonnull (trace);
  nfl_probe_clear (&probe);
  return trace;
}

static char *
save_of (NflScenario *scenario,
         const char  *ns)
{
  return nfl_iptables_save (nfl_scenario_find_namespace (scenario, ns)->ruleset, TRUE);
}

/* ---------------------------------------------------------------------- */
/* probes                                                                  */
/* ---------------------------------------------------------------------- */

static void
test_probe_parse_valid (void)
{
  static const struct {
    const char *text; const char *ns; NflProbeKind kind; guint32 dst; guint16 port; const char *canonical;
  } cases[] = {
    { "ns3 ping 10.99.0.1", "ns3", NFL_PROBE_PING, 0x0a630001, 0, "ns3 ping 10.99.0.1" },
    { "ns1 tcp 10.1.0.10 22", "ns1", NFL_PROBE_TCP, 0x0a01000a, 22, "ns1 tcp 10.1.0.10 22" },
    { "ns1 udp 10.1.0.10 53", "ns1", NFL_PROBE_UDP, 0x0a01000a, 53, "ns1 udp 10.1.0.10 53" },
    { "  host\ttcp   127.0.0.1  65535 \n", "host", NFL_PROBE_TCP, 0x7f000001, 65535, "host tcp 127.0.0.1 65535" },
    { "a udp 0.0.0.0 1", "a", NFL_PROBE_UDP, 0, 1, "a udp 0.0.0.0 1" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      NflProbe probe = { 0 };
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      g_assert_true (nfl_probe_parse (cases[i].text, &probe, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (probe.ns, ==, cases[i].ns);
      g_assert_cmpint (probe.kind, ==, cases[i].kind);
      g_assert_cmphex (probe.dst, ==, cases[i].dst);
      g_assert_cmpuint (probe.port, ==, cases[i].port);
      text = nfl_probe_to_string (&probe);
      g_assert_cmpstr (text, ==, cases[i].canonical);
      nfl_probe_clear (&probe);
      g_assert_null (probe.ns);
      nfl_probe_clear (&probe);   /* twice is harmless */
    }
}

static void
test_probe_parse_malformed (void)
{
  /* the message quotes the probe and, where there is one, the bad word */
  static const struct { const char *text; const char *fragment; } cases[] = {
    { "", "expected" },
    { "ns1", "expected" },
    { "ns1 ping", "expected" },
    { "ns1 icmp 10.0.0.1", "“icmp”" },
    { "ns1 PING 10.0.0.1", "“PING”" },
    { "ns1 ping 10.0.0", "“10.0.0”" },
    { "ns1 ping 10.0.0.256", "“10.0.0.256”" },
    { "ns1 ping host.example", "“host.example”" },
    { "ns1 ping 10.0.0.1 80", "takes no port" },
    { "ns1 tcp 10.0.0.1", "port from 1 to 65535" },
    { "ns1 tcp 10.0.0.1 0", "port from 1 to 65535" },
    { "ns1 udp 10.0.0.1 65536", "port from 1 to 65535" },
    { "ns1 tcp 10.0.0.1 http", "port from 1 to 65535" },
    { "ns1 tcp 10.0.0.1 -1", "port from 1 to 65535" },
    { "ns1 tcp 10.0.0.1 80 81", "port from 1 to 65535" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      NflProbe probe = { 0 };
      g_autoptr(GError) error = NULL;

      if (nfl_probe_parse (cases[i].text, &probe, &error))
        g_error ("probe “%s” was accepted", cases[i].text);
      g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_SYNTAX);
      g_test_message ("%s", error->message);
      if (strstr (error->message, cases[i].fragment) == NULL)
        g_error ("probe “%s”: “%s” lacks “%s”", cases[i].text, error->message, cases[i].fragment);
      g_assert_true (g_str_has_prefix (error->message, "probe “"));
      /* nothing to free after a failure */
      g_assert_null (probe.ns);
    }
  {
    NflProbe probe = { 0 };
    g_assert_false (nfl_probe_parse (NULL, &probe, NULL));
  }
}

static void
test_probe_unknown_namespace (void)
{
  g_autoptr(NflScenario) scenario = make_scenario (routes);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = save_of (scenario, "ns2");
  g_autofree char *after = NULL;
  NflProbe probe = { 0 };

  g_assert_true (nfl_probe_parse ("ns9 ping 10.1.0.10", &probe, &error));
  g_assert_null (nfl_simulate (scenario, &probe, &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "ns9"));
  nfl_probe_clear (&probe);
  after = save_of (scenario, "ns2");
  g_assert_cmpstr (after, ==, before);
}

/* ---------------------------------------------------------------------- */
/* outcomes                                                                */
/* ---------------------------------------------------------------------- */

typedef struct {
  const char *name;
  const char *setup;     /* after the topology */
  const char *listen;    /* NULL or "NS tcp|udp PORT" */
  const char *probe;
  const char *outcome;
} OutcomeCase;

#define FORWARDING NFL_TEST_FORWARDING

static const OutcomeCase outcome_cases[] = {
  /* 02-forward-ping */
  { "ping", FORWARDING, NULL, "ns3 ping 10.1.0.10", "reply received" },
  /* 03-forward-disabled */
  { "forwarding-off", "", NULL, "ns3 ping 10.1.0.10", "no reply" },
  /* a router answers for its own other address without forwarding */
  { "router-own-address", "", NULL, "ns3 ping 10.1.0.1", "reply received" },
  /* 11-tcp-dport-accept */
  { "tcp-connected", FORWARDING, "ns1 tcp 22", "ns3 tcp 10.1.0.10 22", "connected" },
  /* 08-tcp-closed-port */
  { "tcp-refused", FORWARDING, NULL, "ns3 tcp 10.1.0.10 23", "connection refused" },
  /* 09-udp-closed-port */
  { "udp-closed", FORWARDING, NULL, "ns3 udp 10.1.0.10 53", "icmp port-unreachable from 10.1.0.10" },
  /* 111-udp-echo-port-range */
  { "udp-echo", FORWARDING, "ns1 udp 5353", "ns3 udp 10.1.0.10 5353", "reply received" },
  /* 04-input-drop-ping */
  { "input-drop", FORWARDING "ip netns exec ns1 iptables -A INPUT -p icmp -j DROP\n", NULL,
    "ns3 ping 10.1.0.10", "no reply" },
  /* 110-output-drop-sender */
  { "output-drop", FORWARDING "ip netns exec ns3 iptables -A OUTPUT -d 10.1.0.10 -p icmp -j DROP\n", NULL,
    "ns3 ping 10.1.0.10", "send error: Operation not permitted" },
  /* 06-reject-default-tcp: REJECT answers a listening port too */
  { "reject-tcp", FORWARDING "ip netns exec ns1 iptables -A INPUT -p tcp --dport 22 -j REJECT\n", "ns1 tcp 22",
    "ns3 tcp 10.1.0.10 22", "icmp port-unreachable from 10.1.0.10" },
  /* 155-reject-admin-prohibited-forward: the router answers from the
   * address toward the sender */
  { "reject-forward",
    FORWARDING "ip netns exec ns2 iptables -A FORWARD -p icmp -j REJECT --reject-with icmp-admin-prohibited\n",
    NULL, "ns3 ping 10.1.0.10", "icmp admin-prohibited from 10.2.0.1" },
  /* 158-reject-tcp-reset-input */
  { "reject-reset",
    FORWARDING "ip netns exec ns1 iptables -A INPUT -p tcp -j REJECT --reject-with tcp-reset\n",
    "ns1 tcp 22", "ns3 tcp 10.1.0.10 22", "connection refused" },
  /* 202-connmark-set-restore: the reply carries the mark restored from
   * its connection, which the request set */
  { "connmark-restore", FORWARDING
    "ip netns exec ns2 iptables -t mangle -A PREROUTING -m conntrack --ctstate NEW -j CONNMARK --set-mark 0x1\n"
    "ip netns exec ns2 iptables -t mangle -A PREROUTING -j CONNMARK --restore-mark\n"
    "ip netns exec ns2 iptables -A FORWARD -m mark --mark 0x1 -m conntrack --ctstate ESTABLISHED -j DROP\n",
    NULL, "ns3 ping 10.1.0.10", "no reply" },
  /* 203-connmark-save-untracked: no entry, no match either way */
  { "connmark-untracked", FORWARDING
    "ip netns exec ns3 iptables -t raw -A OUTPUT -j CT --notrack\n"
    "ip netns exec ns3 iptables -A OUTPUT -m connmark ! --mark 0x1 -j DROP\n"
    "ip netns exec ns3 iptables -A OUTPUT -m connmark --mark 0x0 -j DROP\n",
    NULL, "ns3 ping 10.1.0.10", "reply received" },
  /* 205-recent-hitcount-tcp: the second packet from the client (the
   * handshake ACK) is its second hit */
  { "recent-hitcount", FORWARDING
    "ip netns exec ns2 iptables -A FORWARD -p icmp -m recent --set --name P\n"
    "ip netns exec ns2 iptables -A FORWARD -m recent --rcheck --rdest --hitcount 1 --name P -j DROP\n",
    NULL, "ns3 ping 10.1.0.10", "no reply" },
  /* 206-owner-ping: the echo reply leaves from a kernel socket, which
   * exists but has no uid */
  { "owner-echo-reply", FORWARDING
    "ip netns exec ns1 iptables -A OUTPUT -m owner --uid-owner 0 -j DROP\n",
    NULL, "ns3 ping 10.1.0.10", "reply received" },
  { "owner-probe", FORWARDING
    "ip netns exec ns3 iptables -A OUTPUT -m owner --uid-owner 0 --gid-owner 0 -j DROP\n",
    NULL, "ns3 ping 10.1.0.10", "send error: Operation not permitted" },
  /* 209-owner-reject: REJECT's reset has no socket at all */
  { "owner-reject-reset", FORWARDING
    "ip netns exec ns2 iptables -A FORWARD -p tcp -j REJECT --reject-with tcp-reset\n"
    "ip netns exec ns2 iptables -A OUTPUT -m owner --socket-exists -j DROP\n",
    NULL, "ns3 tcp 10.1.0.10 80", "connection refused" },
  /* 207-owner-tcp-listen: the SYN-ACK leaves from the listener's socket */
  { "owner-synack", FORWARDING
    "ip netns exec ns1 iptables -t mangle -A POSTROUTING -m owner ! --uid-owner 0 -j DROP\n",
    "ns1 tcp 80", "ns3 tcp 10.1.0.10 80", "connected" },
  /* 214-broadcast-send-refused: no SO_BROADCAST on the probe's socket */
  { "broadcast-send-ping", FORWARDING, NULL, "ns3 ping 10.2.0.255", "send error: Permission denied" },
  { "broadcast-send-udp", FORWARDING, NULL, "ns3 udp 255.255.255.255 53", "send error: Permission denied" },
  { "broadcast-send-tcp", FORWARDING, NULL, "ns3 tcp 10.2.0.255 80", "send error: Network is unreachable" },
  /* 216-nfqueue-no-listener, 217-nfqueue-bypass, 218-nfqueue-output:
   * no program listens on a queue */
  { "nfqueue-drops", FORWARDING "ip netns exec ns2 iptables -A FORWARD -j NFQUEUE --queue-num 3\n",
    NULL, "ns3 ping 10.1.0.10", "no reply" },
  { "nfqueue-bypass", FORWARDING
    "ip netns exec ns2 iptables -A FORWARD -j NFQUEUE --queue-bypass\n"
    "ip netns exec ns2 iptables -A FORWARD -j DROP\n",
    NULL, "ns3 ping 10.1.0.10", "reply received" },
  { "nfqueue-output-no-error", FORWARDING "ip netns exec ns3 iptables -A OUTPUT -j NFQUEUE\n",
    NULL, "ns3 udp 10.1.0.10 53", "no reply" },
  /* 215-nflog-goes-on: NFLOG is not terminating */
  { "nflog-goes-on", FORWARDING
    "ip netns exec ns2 iptables -P FORWARD DROP\n"
    "ip netns exec ns2 iptables -A FORWARD -j NFLOG --nflog-group 5\n"
    "ip netns exec ns2 iptables -A FORWARD -j ACCEPT\n",
    NULL, "ns3 ping 10.1.0.10", "reply received" },
  /* 211-pkttype-ping: forwarded packets are unicast */
  { "pkttype-forward-unicast", FORWARDING
    "ip netns exec ns2 iptables -A FORWARD -m pkttype --pkt-type unicast -j DROP\n",
    NULL, "ns3 ping 10.1.0.10", "no reply" },
  { "pkttype-unicast", FORWARDING
    "ip netns exec ns2 iptables -A FORWARD -m pkttype ! --pkt-type unicast -j DROP\n"
    "ip netns exec ns3 iptables -A OUTPUT -m pkttype --pkt-type broadcast -j DROP\n",
    NULL, "ns3 ping 10.1.0.10", "reply received" },
  /* 01-dnat-tutorial */
  { "dnat", FORWARDING "ip netns exec ns2 iptables -t nat -A PREROUTING -d 10.99.0.1 -j DNAT --to-destination 10.1.0.10\n",
    NULL, "ns3 ping 10.99.0.1", "reply received" },
  /* 116-dnat-related-icmp-udp: the error is translated back */
  { "dnat-related", FORWARDING "ip netns exec ns2 iptables -t nat -A PREROUTING -d 10.99.0.1 -p udp --dport 80 "
    "-j DNAT --to-destination 10.1.0.10:8080\n", NULL, "ns3 udp 10.99.0.1 80", "icmp port-unreachable from 10.99.0.1" },
};

static void
test_outcome (gconstpointer data)
{
  const OutcomeCase *c = data;
  g_autofree char *setup = g_strconcat (routes, c->setup, NULL);
  g_autoptr(NflScenario) scenario = make_scenario (setup);
  g_autoptr(NflTrace) trace = NULL;
  const NflTraceEvent *last;

  if (c->listen != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_assert_true (nfl_commands_add_listen (scenario, c->listen, &error));
      g_assert_no_error (error);
    }
  trace = trace_probe (scenario, c->probe);
  g_assert_cmpstr (nfl_trace_get_outcome (trace), ==, c->outcome);
  /* the last event says the same */
  last = nfl_trace_get_event (trace, nfl_trace_get_n_events (trace) - 1);
  g_assert_cmpint (last->kind, ==, NFL_EVENT_OUTCOME);
  g_assert_cmpstr (last->text, ==, c->outcome);
}

static void
test_no_route (void)
{
  /* 107-no-route-sender: without a default route ns3 cannot send */
  g_autoptr(NflScenario) scenario = make_scenario (FORWARDING);
  g_autoptr(NflTrace) trace = trace_probe (scenario, "ns3 ping 10.1.0.10");
  g_autoptr(NflTrace) udp = trace_probe (scenario, "ns3 udp 10.1.0.10 53");
  g_autoptr(NflTrace) local = trace_probe (scenario, "ns3 ping 10.2.0.1");

  g_assert_cmpstr (nfl_trace_get_outcome (trace), ==, "send error: Network is unreachable");
  g_assert_cmpstr (nfl_trace_get_outcome (udp), ==, "send error: Network is unreachable");
  /* the connected route is there */
  g_assert_cmpstr (nfl_trace_get_outcome (local), ==, "reply received");
  /* nothing went out: the only packet is the probe */
  g_assert_cmpuint (nfl_trace_get_n_packets (trace), ==, 1);
}

/* ---------------------------------------------------------------------- */
/* counters, conntrack, determinism                                        */
/* ---------------------------------------------------------------------- */

static void
test_counters (void)
{
  g_autofree char *setup = g_strconcat (routes, FORWARDING,
                                        "ip netns exec ns2 iptables -A FORWARD -p icmp\n"
                                        "ip netns exec ns2 iptables -A FORWARD -p tcp -j DROP\n", NULL);
  g_autoptr(NflScenario) scenario = make_scenario (setup);
  g_autofree char *ns1 = NULL, *ns2 = NULL, *again = NULL;
  g_autoptr(NflTrace) trace = NULL;
  g_autoptr(NflTrace) second = NULL;

  trace = trace_probe (scenario, "ns3 ping 10.1.0.10");
  g_assert_cmpstr (nfl_trace_get_outcome (trace), ==, "reply received");

  /* the request and the reply, 84 bytes each, through the router */
  ns2 = save_of (scenario, "ns2");
  g_assert_nonnull (strstr (ns2, ":FORWARD ACCEPT [2:168]\n"));
  g_assert_nonnull (strstr (ns2, "[2:168] -A FORWARD -p icmp\n"));
  g_assert_nonnull (strstr (ns2, "[0:0] -A FORWARD -p tcp -j DROP\n"));
  /* the router's own chains saw nothing */
  g_assert_nonnull (strstr (ns2, ":INPUT ACCEPT [0:0]\n"));
  /* ns1 received the request and sent the reply */
  ns1 = save_of (scenario, "ns1");
  g_assert_cmpstr (ns1, ==, "");   /* no table in use: iptables-save prints nothing */
  {
    NflNamespace *n = nfl_scenario_find_namespace (scenario, "ns1");
    g_assert_cmpuint (nfl_ruleset_get_builtin (n->ruleset, NFL_TABLE_FILTER, NFL_HOOK_INPUT)->packets, ==, 1);
    g_assert_cmpuint (nfl_ruleset_get_builtin (n->ruleset, NFL_TABLE_FILTER, NFL_HOOK_INPUT)->bytes, ==, 84);
    g_assert_cmpuint (nfl_ruleset_get_builtin (n->ruleset, NFL_TABLE_FILTER, NFL_HOOK_OUTPUT)->packets, ==, 1);
    g_assert_cmpuint (nfl_ruleset_get_builtin (n->ruleset, NFL_TABLE_FILTER, NFL_HOOK_FORWARD)->packets, ==, 0);
  }

  /* counters add up, as the kernel's do */
  second = trace_probe (scenario, "ns3 ping 10.1.0.10");
  again = save_of (scenario, "ns2");
  g_assert_nonnull (strstr (again, ":FORWARD ACCEPT [4:336]\n"));
  g_assert_nonnull (strstr (again, "[4:336] -A FORWARD -p icmp\n"));
}

static guint
conntrack_events_in (NflTrace   *trace,
                     const char *ns)
{
  guint count = 0;

  for (guint i = 0; i < nfl_trace_get_n_events (trace); i++)
    {
      const NflTraceEvent *event = nfl_trace_get_event (trace, i);

      if (event->kind == NFL_EVENT_CONNTRACK &&
          g_strcmp0 (nfl_trace_get_namespace_name (trace, event->ns), ns) == 0)
        count++;
    }
  return count;
}

static void
test_conntrack_on_demand (void)
{
  g_autofree char *setup = g_strconcat (routes, FORWARDING, NULL);
  g_autoptr(NflScenario) plain = make_scenario (setup);
  g_autoptr(NflScenario) stateful = NULL;
  g_autoptr(NflScenario) notrack = NULL;
  g_autoptr(NflTrace) trace = NULL;

  /* no rule needs conntrack: no namespace tracks */
  trace = trace_probe (plain, "ns3 ping 10.1.0.10");
  g_assert_cmpuint (conntrack_events_in (trace, "ns1"), ==, 0);
  g_assert_cmpuint (conntrack_events_in (trace, "ns2"), ==, 0);
  g_assert_cmpuint (conntrack_events_in (trace, "ns3"), ==, 0);
  g_clear_pointer (&trace, nfl_trace_unref);

  /* a state match switches it on in that namespace only */
  {
    g_autofree char *text = g_strconcat (setup, "ip netns exec ns2 iptables -A FORWARD -m conntrack "
                                         "--ctstate NEW,ESTABLISHED -j ACCEPT\n", NULL);
    stateful = make_scenario (text);
  }
  trace = trace_probe (stateful, "ns3 ping 10.1.0.10");
  g_assert_cmpstr (nfl_trace_get_outcome (trace), ==, "reply received");
  g_assert_cmpuint (conntrack_events_in (trace, "ns2"), >=, 2);   /* NEW, then ESTABLISHED */
  g_assert_cmpuint (conntrack_events_in (trace, "ns1"), ==, 0);
  g_assert_cmpuint (conntrack_events_in (trace, "ns3"), ==, 0);
  g_clear_pointer (&trace, nfl_trace_unref);

  /* 114-notrack-only-no-conntrack: NOTRACK alone does not need it */
  {
    g_autofree char *text = g_strconcat (setup,
                                         "ip netns exec ns1 iptables -t raw -A PREROUTING -p icmp -j NOTRACK\n"
                                         "ip netns exec ns1 iptables -t raw -A OUTPUT -p icmp -j CT --notrack\n", NULL);
    notrack = make_scenario (text);
  }
  g_assert_false (nfl_ruleset_needs_conntrack (nfl_scenario_find_namespace (notrack, "ns1")->ruleset));
  trace = trace_probe (notrack, "ns3 ping 10.1.0.10");
  g_assert_cmpstr (nfl_trace_get_outcome (trace), ==, "reply received");
  g_assert_cmpuint (conntrack_events_in (trace, "ns1"), ==, 0);
}

static void
test_nat_first_packet_only (void)
{
  g_autofree char *setup = g_strconcat (routes, FORWARDING,
    "ip netns exec ns2 iptables -t nat -A PREROUTING -d 10.99.0.1 -j DNAT --to-destination 10.1.0.10\n", NULL);
  g_autoptr(NflScenario) scenario = make_scenario (setup);
  g_autoptr(NflTrace) trace = trace_probe (scenario, "ns3 ping 10.99.0.1");
  g_autofree char *saved = save_of (scenario, "ns2");
  g_autoptr(GPtrArray) lines = nfl_trace_get_log_lines (trace, 0);
  guint nat_events = 0;
  guint replies_seen = 0;

  g_assert_cmpstr (nfl_trace_get_outcome (trace), ==, "reply received");
  /* the nat chain sees the first packet of the connection, not the reply */
  g_assert_nonnull (strstr (saved, "[1:84] -A PREROUTING -d 10.99.0.1/32 -j DNAT --to-destination 10.1.0.10\n"));
  g_assert_nonnull (strstr (saved, ":PREROUTING ACCEPT [0:0]\n"));
  for (guint i = 0; i < nfl_trace_get_n_events (trace); i++)
    {
      const NflTraceEvent *event = nfl_trace_get_event (trace, i);
      if (event->kind == NFL_EVENT_NAT)
        nat_events++;
      /* the reply reaches ns3 from the address ns3 pinged */
      if (event->kind == NFL_EVENT_DELIVERED && event->packet == 2 &&
          g_strcmp0 (nfl_trace_get_namespace_name (trace, event->ns), "ns3") == 0)
        {
          g_assert_cmphex (nfl_trace_get_snapshot (trace, event->snapshot)->ip.src, ==, 0x0a630001);
          replies_seen++;
        }
    }
  g_assert_cmpuint (replies_seen, ==, 1);
  /* translated on the way in and back on the way out */
  g_assert_cmpuint (nat_events, >=, 2);
  g_assert_cmpuint (lines->len, ==, 0);
}

/* A TCP probe plays the whole handshake: SYN, SYN-ACK and the client's
 * ACK; the nat chains see the SYN only, the ACK is ESTABLISHED and
 * translated by the connection's entry, and the outcome comes last. */
static void
test_tcp_handshake_ack (void)
{
  g_autofree char *setup = g_strconcat (routes, FORWARDING,
    "ip netns exec ns2 iptables -t nat -A PREROUTING -d 10.99.0.1 -p tcp --dport 80 "
    "-j DNAT --to-destination 10.1.0.10:8080\n", NULL);
  g_autoptr(NflScenario) scenario = make_scenario (setup);
  g_autoptr(NflTrace) trace = NULL;
  guint n_events;
  guint nat_chains[4] = { 0 };
  gboolean ack_established = FALSE;
  gboolean ack_translated = FALSE;
  gboolean listener_took_ack = FALSE;
  const NflTraceEvent *last;

  g_assert_true (nfl_commands_add_listen (scenario, "ns1 tcp 8080", NULL));
  trace = trace_probe (scenario, "ns3 tcp 10.99.0.1 80");
  n_events = nfl_trace_get_n_events (trace);
  g_assert_cmpstr (nfl_trace_get_outcome (trace), ==, "connected");
  g_assert_cmpuint (nfl_trace_get_n_packets (trace), ==, 3);
  for (guint i = 0; i < n_events; i++)
    {
      const NflTraceEvent *event = nfl_trace_get_event (trace, i);
      const NflPacket *pkt = nfl_trace_get_snapshot (trace, event->snapshot);
      const char *ns = event->ns >= 0 ? nfl_trace_get_namespace_name (trace, event->ns) : "";

      if (event->kind == NFL_EVENT_CHAIN && event->table == NFL_TABLE_NAT && event->packet <= 3)
        nat_chains[event->packet]++;
      if (event->packet != 3)
        continue;
      g_assert_cmpuint (pkt->ip.tcp_flags, ==, NFL_TCP_ACK);
      if (event->kind == NFL_EVENT_CONNTRACK && g_str_equal (ns, "ns2") && strstr (event->text, "ESTABLISHED"))
        ack_established = TRUE;
      if (event->kind == NFL_EVENT_DELIVERED && g_str_equal (ns, "ns1"))
        {
          g_assert_cmphex (pkt->ip.dst, ==, 0x0a01000a);
          g_assert_cmpuint (pkt->ip.dport, ==, 8080);
          ack_translated = TRUE;
          listener_took_ack = strstr (event->text, "takes the ACK") != NULL;
        }
    }
  g_assert_cmpuint (nat_chains[1], >, 0);
  g_assert_cmpuint (nat_chains[2], ==, 0);
  g_assert_cmpuint (nat_chains[3], ==, 0);
  g_assert_true (ack_established);
  g_assert_true (ack_translated);
  g_assert_true (listener_took_ack);
  last = nfl_trace_get_event (trace, n_events - 1);
  g_assert_cmpint (last->kind, ==, NFL_EVENT_OUTCOME);
  g_assert_cmpstr (last->text, ==, "connected");
  /* the outcome names the packet that settled it: the SYN-ACK */
  g_assert_cmpuint (last->packet, ==, 2);
}

static void
assert_same_trace (NflTrace *a,
                   NflTrace *b)
{
  g_assert_cmpstr (nfl_trace_get_outcome (a), ==, nfl_trace_get_outcome (b));
  g_assert_cmpuint (nfl_trace_get_n_packets (a), ==, nfl_trace_get_n_packets (b));
  g_assert_cmpuint (nfl_trace_get_n_events (a), ==, nfl_trace_get_n_events (b));
  for (guint i = 0; i < nfl_trace_get_n_events (a); i++)
    {
      const NflTraceEvent *ea = nfl_trace_get_event (a, i);
      const NflTraceEvent *eb = nfl_trace_get_event (b, i);

      g_assert_cmpint (ea->kind, ==, eb->kind);
      g_assert_cmpuint (ea->packet, ==, eb->packet);
      g_assert_cmpint (ea->ns, ==, eb->ns);
      g_assert_cmpint (ea->table, ==, eb->table);
      g_assert_cmpint (ea->hook, ==, eb->hook);
      g_assert_cmpint (ea->chain, ==, eb->chain);
      g_assert_cmpint (ea->rule, ==, eb->rule);
      g_assert_cmpint (ea->failed, ==, eb->failed);
      g_assert_cmpstr (ea->text, ==, eb->text);
      g_assert_cmpint (memcmp (nfl_trace_get_snapshot (a, ea->snapshot),
                               nfl_trace_get_snapshot (b, eb->snapshot), sizeof (NflPacket)), ==, 0);
    }
}

static void
test_deterministic (void)
{
  g_autofree char *setup = g_strconcat (routes, FORWARDING,
    "ip netns exec ns2 iptables -t nat -A PREROUTING -d 10.99.0.1 -p tcp --dport 80 "
    "-j DNAT --to-destination 10.1.0.10:8080\n"
    "ip netns exec ns2 iptables -A FORWARD -j LOG --log-prefix \"fwd \" --log-tcp-sequence --log-tcp-options\n"
    "ip netns exec ns1 iptables -A INPUT -m state --state NEW -j LOG --log-prefix \"new \"\n", NULL);
  g_autoptr(NflScenario) scenario = make_scenario (setup);
  g_autoptr(NflScenario) copy = NULL;
  g_autoptr(NflTrace) first = NULL, second = NULL, third = NULL;

  g_assert_true (nfl_commands_add_listen (scenario, "ns1 tcp 8080", NULL));
  copy = nfl_scenario_copy (scenario);
  first = trace_probe (scenario, "ns3 tcp 10.99.0.1 80");
  g_assert_cmpstr (nfl_trace_get_outcome (first), ==, "connected");
  /* the same probe again, with the counters of the first run in place */
  second = trace_probe (scenario, "ns3 tcp 10.99.0.1 80");
  assert_same_trace (first, second);
  /* and on a copy of the scenario */
  third = trace_probe (copy, "ns3 tcp 10.99.0.1 80");
  assert_same_trace (first, third);
}

/* A rule kept as written (a match the simulator does not model, from an
 * iptables-save): the rules before it run, the trace stops where it is
 * reached and says why; one the packet does not reach stops nothing. */
static void
test_unmodelled_stops (void)
{
  g_autofree char *extra = g_strconcat (routes, NFL_TEST_FORWARDING,
    "ip netns exec ns2 iptables-restore <<'END'\n"
    "*filter\n"
    ":INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
    "-A INPUT -m hashlimit --hashlimit-name X -j DROP\n"
    "-A FORWARD -p icmp -j LOG --log-prefix \"before \"\n"
    "-A FORWARD -p udp -m hashlimit --hashlimit-name DEFAULT --hashlimit-mode srcip\n"
    "-A FORWARD -p icmp -m hashlimit --hashlimit-name DEFAULT --hashlimit-mode srcip\n"
    "-A FORWARD -j LOG --log-prefix \"after \"\n"
    "COMMIT\n"
    "END\n", NULL);
  g_autoptr(NflScenario) scenario = make_scenario (extra);
  g_autoptr(NflTrace) trace = trace_probe (scenario, "ns1 ping 10.2.0.10");
  g_autoptr(GPtrArray) lines = nfl_trace_get_log_lines (trace, 0);
  g_autoptr(NflScenario) other = NULL;
  g_autoptr(GError) error = NULL;
  const char *const saved[] = { "-p", "icmp", "-m", "hashlimit", "--hashlimit-name", "DEFAULT", "--hashlimit-mode",
                                "srcip", NULL };
  g_autoptr(NflRule) rule = NULL;
  g_autofree char *spec = NULL;

  g_assert_cmpstr (nfl_trace_get_outcome (trace), ==,
                   "stopped: ns2 filter FORWARD rule 3 uses -m hashlimit, which the simulator does not model");
  g_assert_cmpuint (lines->len, >, 0);
  for (guint i = 0; i < lines->len; i++)
    g_assert_false (g_str_has_prefix (g_ptr_array_index (lines, i), "after "));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (lines, lines->len - 1), "before "));

  /* typed, it is refused; read as iptables-save wrote it, kept */
  rule = nfl_rule_from_words (G_N_ELEMENTS (saved) - 1, saved, NULL, &error);
  g_assert_null (rule);
  g_assert_nonnull (strstr (error->message, "does not model"));
  g_clear_error (&error);
  rule = nfl_rule_from_saved_words (G_N_ELEMENTS (saved) - 1, saved, NULL, NULL, &error);
  g_assert_no_error (error);
  spec = nfl_rule_to_save_spec (rule);
  g_assert_cmpstr (spec, ==, "-p icmp -m hashlimit --hashlimit-name DEFAULT --hashlimit-mode srcip");

  /* the typed form refuses it in a scenario's commands too */
  other = nfl_scenario_new ();
  g_assert_false (nfl_commands_apply (other, "ip netns add ns1\n"
                                      "ip netns exec ns1 iptables -A INPUT -m hashlimit --hashlimit-name X\n",
                                      NULL, NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "does not model"));
}

/* -m statistic --mode random draws from the probe's seed: the same seed
 * gives the same trace, the trace says how many draws it made, and over
 * many seeds a probability of 1/2 takes both paths about as often. */
static void
test_statistic_random_seed (void)
{
  g_autofree char *extra = g_strconcat (routes, NFL_TEST_FORWARDING,
    "ip netns exec ns2 iptables -A FORWARD -p icmp --icmp-type echo-request -m statistic --mode random "
    "--probability 0.5 -j DROP\n", NULL);
  g_autoptr(NflScenario) scenario = make_scenario (extra);
  g_autoptr(GError) error = NULL;
  NflProbe probe = { 0 };
  guint dropped = 0;

  g_assert_true (nfl_probe_parse ("ns1 ping 10.2.0.10", &probe, &error));
  for (guint32 seed = 0; seed < 200; seed++)
    {
      g_autoptr(NflTrace) first = NULL;
      g_autoptr(NflTrace) again = NULL;

      probe.seed = seed;
      first = nfl_simulate (scenario, &probe, &error);
      again = nfl_simulate (scenario, &probe, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (nfl_trace_get_seed (first), ==, seed);
      g_assert_cmpuint (nfl_trace_get_n_draws (first), ==, 1);   /* the reply is no echo request */
      g_assert_cmpstr (nfl_trace_get_outcome (first), ==, nfl_trace_get_outcome (again));
      dropped += g_str_equal (nfl_trace_get_outcome (first), "no reply");
    }
  nfl_probe_clear (&probe);
  g_assert_cmpuint (dropped, >, 70);
  g_assert_cmpuint (dropped, <, 130);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nfl/engine/simulator/probe/parse-valid", test_probe_parse_valid);
  g_test_add_func ("/nfl/engine/simulator/probe/parse-malformed", test_probe_parse_malformed);
  g_test_add_func ("/nfl/engine/simulator/probe/unknown-namespace", test_probe_unknown_namespace);
  for (guint i = 0; i < G_N_ELEMENTS (outcome_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/nfl/engine/simulator/outcome/%s", outcome_cases[i].name);
      g_test_add_data_func (path, &outcome_cases[i], test_outcome);
    }
  g_test_add_func ("/nfl/engine/simulator/outcome/no-route", test_no_route);
  g_test_add_func ("/nfl/engine/simulator/counters", test_counters);
  g_test_add_func ("/nfl/engine/simulator/conntrack-on-demand", test_conntrack_on_demand);
  g_test_add_func ("/nfl/engine/simulator/nat-first-packet-only", test_nat_first_packet_only);
  g_test_add_func ("/nfl/engine/simulator/tcp-handshake-ack", test_tcp_handshake_ack);
  g_test_add_func ("/nfl/engine/simulator/deterministic", test_deterministic);
  g_test_add_func ("/nfl/engine/simulator/unmodelled-stops", test_unmodelled_stops);
  g_test_add_func ("/nfl/engine/simulator/statistic-random-seed", test_statistic_random_seed);

  return g_test_run ();
}
