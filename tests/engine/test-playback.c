/* test-playback.c: stepping through a trace, forwards and backwards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "nfl-engine.h"
#include "nfl-test-fixtures.h"
#include "nfl-test-topology.h"

typedef struct {
  guint16 packet;
  gint16  ns;
  gint8   hook;
  gint8   table;
  gint32  chain;
} Place;

static void
append_place (GArray  *places,
              guint16  packet,
              gint16   ns,
              gint8    hook,
              gint8    table,
              gint32   chain)
{
  Place place;

  memset (&place, 0, sizeof place);   /* the padding too: places are compared with memcmp */
  place.packet = packet;
  place.ns = ns;
  place.hook = hook;
  place.table = table;
  place.chain = chain;
  if (places->len > 0 && memcmp (&g_array_index (places, Place, places->len - 1), &place, sizeof place) == 0)
    return;
  g_array_append_val (places, place);
}

/* Everything a step shows, as one string, to compare two visits. */
static char *
state_of (NflPlayback *playback,
          guint        index)
{
  const NflPlaybackStep *step = nfl_playback_get_step (playback, index);
  const NflPacket *packet = nfl_playback_get_packet (playback, index);
  g_autoptr(GPtrArray) log = nfl_playback_get_log_lines (playback, index);
  g_autoptr(GPtrArray) conntrack = nfl_playback_get_conntrack (playback, index, step->ns);
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%u %u %d %d %d %d %d %x | %s |", index, step->packet, step->ns, step->hook,
                          step->table, step->chain, step->rule, step->changed,
                          nfl_playback_describe (playback, index));
  for (guint f = 0; f < NFL_N_FIELDS && packet != NULL; f++)
    {
      g_autofree char *value = nfl_field_format (1u << f, packet);
      g_string_append_printf (out, " %s", value ? value : "-");
    }
  g_string_append_printf (out, " | %u log:", log->len);
  for (guint i = 0; i < log->len; i++)
    g_string_append_printf (out, "%s;", (const char *) g_ptr_array_index (log, i));
  g_string_append (out, " | ct:");
  for (guint i = 0; i < conntrack->len; i++)
    {
      g_autofree char *entry = nfl_conntrack_record_format (g_ptr_array_index (conntrack, i));
      g_string_append_printf (out, "%s;", entry);
    }
  return g_string_free (out, FALSE);
}

static NflPlayback *
fixture_playback (const char *dir)
{
  NflProbe probe = { 0 };
  g_autoptr(NflScenario) scenario = nfl_test_load_fixture (dir, &probe);
  g_autoptr(NflTrace) trace = NULL;
  g_autoptr(GError) error = NULL;

  trace = nfl_simulate (scenario, &probe, &error);
  g_assert_no_error (error);
  nfl_probe_clear (&probe);
  return nfl_playback_new (trace, scenario);
}

static void
test_fixture (gconstpointer data)
{
  g_autoptr(NflPlayback) playback = fixture_playback (data);
  NflTrace *trace = nfl_playback_get_trace (playback);
  guint n_steps = nfl_playback_get_n_steps (playback);
  g_autoptr(GArray) traced = g_array_new (FALSE, FALSE, sizeof (Place));
  g_autoptr(GArray) stepped = g_array_new (FALSE, FALSE, sizeof (Place));
  g_autoptr(GPtrArray) all_log = nfl_trace_get_log_lines (trace, 0);
  g_autoptr(GPtrArray) end_log = NULL;
  g_autoptr(GPtrArray) forwards = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpuint (n_steps, >, 0);

  /* the steps visit exactly the chains of the trace, in its order */
  for (guint i = 0; i < nfl_trace_get_n_events (trace); i++)
    {
      const NflTraceEvent *event = nfl_trace_get_event (trace, i);
      if (event->table >= 0)
        append_place (traced, event->packet, event->ns, event->hook, event->table, event->chain);
    }
  for (guint i = 0; i < n_steps; i++)
    {
      const NflPlaybackStep *step = nfl_playback_get_step (playback, i);
      if (step->table >= 0)
        append_place (stepped, step->packet, step->ns, step->hook, step->table, step->chain);
    }
  g_assert_cmpuint (stepped->len, ==, traced->len);
  if (traced->len > 0)
    g_assert_cmpint (memcmp (stepped->data, traced->data, traced->len * sizeof (Place)), ==, 0);

  /* the last step is the outcome, and the log so far is the whole log */
  g_assert_cmpint (nfl_playback_get_step (playback, n_steps - 1)->kind, ==, NFL_EVENT_OUTCOME);
  end_log = nfl_playback_get_log_lines (playback, n_steps - 1);
  /* the pane also says what NFLOG hands to userspace, which no kernel
   * LOG line shows */
  for (guint i = end_log->len; i-- > 0;)
    if (g_str_has_prefix (g_ptr_array_index (end_log, i), "NFLOG group "))
      g_ptr_array_remove_index (end_log, i);
  g_assert_cmpuint (end_log->len, ==, all_log->len);
  for (guint i = 0; i < all_log->len; i++)
    g_assert_cmpstr (g_ptr_array_index (end_log, i), ==, g_ptr_array_index (all_log, i));
  g_assert_true (g_str_has_prefix (nfl_playback_get_outcome_sentence (playback), nfl_trace_get_outcome (trace)));

  for (int g = NFL_GRANULARITY_RULE; g <= NFL_GRANULARITY_NAMESPACE; g++)
    {
      g_autoptr(GArray) hooks_traced = g_array_new (FALSE, FALSE, sizeof (Place));
      g_autoptr(GArray) hooks_stopped = g_array_new (FALSE, FALSE, sizeof (Place));
      guint n_stops = 0;

      nfl_playback_set_granularity (playback, g);
      nfl_playback_restart (playback);
      g_assert_cmpuint (nfl_playback_get_position (playback), ==, 0);
      g_ptr_array_set_size (forwards, 0);
      g_ptr_array_add (forwards, state_of (playback, 0));
      while (nfl_playback_step (playback))
        {
          guint position = nfl_playback_get_position (playback);
          g_assert_true (nfl_playback_is_stop (playback, position, g));
          g_ptr_array_add (forwards, state_of (playback, position));
        }
      n_stops = forwards->len;
      g_assert_cmpuint (n_stops, ==, nfl_playback_count_stops (playback, g));
      g_assert_true (nfl_playback_is_at_end (playback));
      g_assert_cmpuint (nfl_playback_get_position (playback), ==, n_steps - 1);

      /* every hook the packet passes is a stop of the hook granularity */
      if (g == NFL_GRANULARITY_HOOK)
        {
          for (guint i = 0; i < n_steps; i++)
            {
              const NflPlaybackStep *step = nfl_playback_get_step (playback, i);
              if (step->hook >= 0)
                {
                  append_place (hooks_traced, step->packet, step->ns, step->hook, -1, -1);
                  if (nfl_playback_is_stop (playback, i, g))
                    append_place (hooks_stopped, step->packet, step->ns, step->hook, -1, -1);
                }
            }
          g_assert_cmpuint (hooks_stopped->len, ==, hooks_traced->len);
          if (hooks_traced->len > 0)
            g_assert_cmpint (memcmp (hooks_stopped->data, hooks_traced->data, hooks_traced->len * sizeof (Place)),
                             ==, 0);
        }

      /* backwards, every stop shows what it showed forwards */
      for (guint k = n_stops - 1; k-- > 0;)
        {
          g_autofree char *state = NULL;
          g_assert_true (nfl_playback_step_back (playback));
          state = state_of (playback, nfl_playback_get_position (playback));
          g_assert_cmpstr (state, ==, g_ptr_array_index (forwards, k));
        }
      g_assert_false (nfl_playback_step_back (playback));
      g_assert_cmpuint (nfl_playback_get_position (playback), ==, 0);
    }

  /* a jump lands on the same state as walking there */
  nfl_playback_set_granularity (playback, NFL_GRANULARITY_RULE);
  nfl_playback_restart (playback);
  g_ptr_array_set_size (forwards, 0);
  do
    g_ptr_array_add (forwards, state_of (playback, nfl_playback_get_position (playback)));
  while (nfl_playback_step (playback));
  g_assert_cmpuint (forwards->len, ==, n_steps);
  for (guint i = n_steps; i-- > 0;)
    {
      g_autofree char *state = NULL;
      nfl_playback_set_position (playback, i);
      state = state_of (playback, i);
      g_assert_cmpstr (state, ==, g_ptr_array_index (forwards, i));
    }
}

static NflPlayback *
dnat_demo_playback (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios",
                                                 "tutorial-dnat-demo.nflab", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(NflScenario) scenario = NULL;
  g_autoptr(NflTrace) trace = NULL;
  g_autoptr(GError) error = NULL;
  NflProbe probe = { 0 };

  scenario = nfl_scenario_load_xml (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (nfl_probe_parse (g_ptr_array_index (nfl_scenario_get_probes (scenario), 0), &probe, &error));
  trace = nfl_simulate (scenario, &probe, &error);
  g_assert_no_error (error);
  nfl_probe_clear (&probe);
  return nfl_playback_new (trace, scenario);
}

static int
find_ns (NflTrace   *trace,
         const char *name)
{
  for (int i = 0; nfl_trace_get_namespace_name (trace, i) != NULL; i++)
    if (g_str_equal (nfl_trace_get_namespace_name (trace, i), name))
      return i;
  return -1;
}

static void
test_dnat_demo (void)
{
  g_autoptr(NflPlayback) playback = dnat_demo_playback ();
  NflTrace *trace = nfl_playback_get_trace (playback);
  int ns1 = find_ns (trace, "ns1"), ns2 = find_ns (trace, "ns2"), ns3 = find_ns (trace, "ns3");
  gboolean saw_dnat = FALSE, saw_forwarded = FALSE, saw_reply = FALSE, saw_confirm = FALSE;
  guint n_steps = nfl_playback_get_n_steps (playback);

  g_assert_cmpint (ns1, >=, 0);
  for (guint i = 0; i < n_steps; i++)
    {
      const NflPlaybackStep *step = nfl_playback_get_step (playback, i);
      const NflPacket *packet = nfl_playback_get_packet (playback, i);
      const NflPacket *before = nfl_playback_get_packet_before (playback, i);

      if (step->packet == 1 && step->ns == ns2 && step->table == NFL_TABLE_NAT &&
          step->hook == NFL_HOOK_PREROUTING && (step->changed & NFL_FIELD_DST))
        {
          g_autofree char *from = nfl_field_format (NFL_FIELD_DST, before);
          g_autofree char *to = nfl_field_format (NFL_FIELD_DST, packet);
          g_autoptr(GPtrArray) conntrack = NULL;

          g_assert_cmpstr (from, ==, "169.254.169.254");
          g_assert_cmpstr (to, ==, "10.1.0.10");
          g_assert_cmpstr (nfl_playback_describe (playback, i), ==,
                           "ns2 nat PREROUTING rule 2 (-d 169.254.169.254/32 -j DNAT --to-destination 10.1.0.10) "
                           "matches: destination 169.254.169.254 becomes 10.1.0.10");
          /* the entry is confirmed at the end of POSTROUTING, not yet */
          conntrack = nfl_playback_get_conntrack (playback, i, ns2);
          g_assert_cmpuint (conntrack->len, ==, 0);
          saw_dnat = TRUE;
        }
      /* nf_conntrack_confirm() at the end of POSTROUTING: the entry is in
       * ns2's table when the packet leaves, not before */
      if (step->packet == 1 && step->ns == ns2 && step->kind == NFL_EVENT_LINK)
        {
          g_autoptr(GPtrArray) now = nfl_playback_get_conntrack (playback, i, ns2);
          g_autoptr(GPtrArray) before_link = nfl_playback_get_conntrack (playback, i - 1, ns2);
          g_assert_cmpuint (now->len, ==, 1);
          g_assert_cmpuint (before_link->len, ==, 0);
          saw_confirm = TRUE;
        }
      if (step->packet == 1 && step->ns == ns1 && step->kind == NFL_EVENT_DELIVERED)
        {
          g_autofree char *dst = nfl_field_format (NFL_FIELD_DST, packet);
          g_autofree char *ttl = nfl_field_format (NFL_FIELD_TTL, packet);
          g_assert_cmpstr (dst, ==, "10.1.0.10");
          g_assert_cmpstr (ttl, ==, "63");
          saw_forwarded = TRUE;
        }
      if (step->packet == 2 && step->ns == ns3 && step->kind == NFL_EVENT_DELIVERED)
        {
          g_autofree char *src = nfl_field_format (NFL_FIELD_SRC, packet);
          g_autoptr(GPtrArray) conntrack = nfl_playback_get_conntrack (playback, i, ns2);
          g_autofree char *entry = NULL;

          g_assert_cmpstr (src, ==, "169.254.169.254");
          g_assert_cmpuint (conntrack->len, ==, 1);
          entry = nfl_conntrack_record_format (g_ptr_array_index (conntrack, 0));
          g_assert_cmpstr (entry, ==,
                           "icmp src=10.2.0.10 dst=169.254.169.254 type=8 code=0 id=10794 "
                           "src=10.1.0.10 dst=10.2.0.10 type=0 code=0 id=10794 [DNAT]");
          saw_reply = TRUE;
        }
    }
  g_assert_true (saw_dnat);
  g_assert_true (saw_forwarded);
  g_assert_true (saw_reply);
  g_assert_true (saw_confirm);
  g_assert_cmpstr (nfl_playback_get_outcome_sentence (playback), ==,
                   "reply received: the ping in ns3 receives its echo reply");
}

/* Whether a line of the trace's explanation is @expected (or ends so, with
 * @suffix: the rule numbers before it vary) */
static void
assert_explains (NflTrace    *trace,
                 NflScenario *scenario,
                 const char  *expected,
                 gboolean     suffix)
{
  g_autoptr(NflPlayback) playback = nfl_playback_new (trace, scenario);
  g_autofree char *text = nfl_playback_explain (playback);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean found = FALSE;

  for (guint k = 0; lines[k] != NULL && !found; k++)
    found = suffix ? g_str_has_suffix (lines[k], expected) : g_str_equal (lines[k], expected);
  if (!found)
    g_printerr ("no line %s “%s”; explanation:\n%s", suffix ? "ends" : "is", expected, text);
  g_assert_true (found);
}

/* The reasons a rule does not match, and where and why a packet ends. */
static void
test_sentences (void)
{
  static const struct {
    const char *rules;
    const char *probe;
    const char *expected;    /* a line of the explanation */
  } cases[] = {
    { "ip netns exec ns2 iptables -t nat -A POSTROUTING -o veth1_ns2 -j MASQUERADE --random-fully\n",
      "ns3 tcp 10.1.0.10 80",
      "ns2 nat POSTROUTING rule 1 (-o veth1_ns2 -j MASQUERADE --random-fully) matches: source 10.2.0.10 becomes "
      "10.1.0.1 (with --random-fully the kernel picks the port at random; here the connection keeps its port, as "
      "it would without the option)" },
    { "ip netns exec ns2 iptables -A FORWARD -p tcp -j ACCEPT\n"
      "ip netns exec ns2 iptables -A FORWARD -p icmp -j DROP\n",
      "ns3 ping 10.1.0.10",
      "ns2 filter FORWARD rule 1 (-p tcp -j ACCEPT) does not match: -p tcp: the packet is ICMP" },
    { "ip netns exec ns2 iptables -A FORWARD -p tcp -j ACCEPT\n"
      "ip netns exec ns2 iptables -A FORWARD -p icmp -j DROP\n",
      "ns3 ping 10.1.0.10",
      "outcome: no reply: ns2 drops the packet in filter FORWARD, rule 2 (-p icmp -j DROP)" },
    { "ip netns exec ns2 iptables -A FORWARD -s 10.1.0.0/24 -j DROP\n",
      "ns3 ping 10.1.0.10",
      "ns2 filter FORWARD rule 1 (-s 10.1.0.0/24 -j DROP) does not match: -s 10.1.0.0/24: the source is 10.2.0.10" },
    { "ip netns exec ns2 iptables -A FORWARD ! -i veth2_ns2 -j DROP\n",
      "ns3 ping 10.1.0.10",
      "ns2 filter FORWARD rule 1 (! -i veth2_ns2 -j DROP) does not match: ! -i veth2_ns2: the packet came in on veth2_ns2" },
    { "ip netns exec ns2 iptables -A FORWARD -p tcp --dport 22 -j DROP\n",
      "ns3 tcp 10.1.0.10 80",
      "ns2 filter FORWARD rule 1 (-p tcp -m tcp --dport 22 -j DROP) does not match: --dport 22: the destination port is 80" },
    { "ip netns exec ns2 sysctl -w net.ipv4.ip_forward=0\n",
      "ns3 ping 10.1.0.10",
      "outcome: no reply: ns2 does not forward, net.ipv4.ip_forward is 0" },
    { "ip netns exec ns2 iptables -A INPUT -m addrtype --dst-type LOCAL --limit-iface-in -j DROP\n",
      "ns1 ping 10.2.0.1",
      "ns2 filter INPUT rule 1 (-m addrtype --dst-type LOCAL --limit-iface-in -j DROP) does not match: "
      "--dst-type LOCAL: the destination 10.2.0.1 is UNICAST as veth1_ns2 sees it" },
    { "ip netns exec ns2 iptables -P FORWARD DROP\n"
      "ip netns exec ns2 iptables -A FORWARD -m limit --limit 1/min --limit-burst 1 -j ACCEPT\n",
      "ns3 ping 10.1.0.10",
      "ns2 filter FORWARD rule 1 (-m limit --limit 1/min --limit-burst 1 -j ACCEPT) does not match: "
      "--limit 1/min: the rule's bucket of 1 packet is empty: earlier packets of this exchange took them, "
      "and it refills only as time passes" },
    { "ip netns exec ns2 iptables -t mangle -A FORWARD -p icmp -j NFQUEUE --queue-bypass\n",
      "ns3 ping 10.1.0.10",
      "ns2 mangle FORWARD rule 1 (-p icmp -j NFQUEUE --queue-num 0 --queue-bypass) matches: no program listens on "
      "the queue (none does in a trace): --queue-bypass accepts the packet here, and the next table and hook go on" },
    { "ip netns exec ns2 iptables -t mangle -A FORWARD -p icmp -j NFLOG --nflog-group 9\n",
      "ns3 ping 10.1.0.10",
      "ns2 mangle FORWARD rule 1 (-p icmp -j NFLOG --nflog-group 9) matches: a program listening on nflog group 9 "
      "would receive a copy of the packet (none listens in a trace); nothing goes to the kernel log, and the packet "
      "goes on" },
    { "ip netns exec ns2 iptables -A INPUT -m pkttype --pkt-type broadcast -j DROP\n",
      "ns3 ping 10.1.0.255",
      "ns2 filter INPUT rule 1 (-m pkttype --pkt-type broadcast -j DROP) does not match: --pkt-type broadcast: the "
      "packet came in a frame to this namespace's own MAC address, so it is unicast (the type goes by the frame, "
      "not by the IP destination)" },
    { "ip netns exec ns1 iptables -A OUTPUT -m owner --uid-owner 0 -j DROP\n",
      "ns3 ping 10.1.0.10",
      "ns1 filter OUTPUT rule 1 (-m owner --uid-owner 0 -j DROP) does not match: --uid-owner 0: the kernel made it "
      "on a socket of its own (an ICMP message or the stack's RST), which has no owner: no uid or gid matches" },
    { "ip netns exec ns2 iptables -t mangle -A POSTROUTING -m owner --socket-exists -j DROP\n",
      "ns3 ping 10.1.0.10",
      "ns2 mangle POSTROUTING rule 1 (-m owner --socket-exists -j DROP) does not match: --socket-exists: the packet "
      "has no socket (it is forwarded, or the kernel made it without one), so only options that are all negated "
      "match" },
    { "ip netns exec ns3 iptables -A OUTPUT -m owner ! --gid-owner 0 -j DROP\n",
      "ns3 ping 10.1.0.10",
      "ns3 filter OUTPUT rule 1 (-m owner ! --gid-owner 0 -j DROP) does not match: ! --gid-owner 0: it leaves from "
      "a socket of uid 0 and gid 0, with no supplementary groups (the probe, listeners and services run as root)" },
    { "ip netns exec ns2 iptables -A FORWARD -m addrtype ! --src-type UNICAST -j DROP\n",
      "ns3 ping 10.1.0.10",
      "ns2 filter FORWARD rule 1 (-m addrtype ! --src-type UNICAST -j DROP) does not match: "
      "! --src-type UNICAST: the source 10.2.0.10 is UNICAST in ns2" },
    { "ip netns exec ns2 iptables -P FORWARD DROP\n",
      "ns3 ping 10.1.0.10",
      "outcome: no reply: ns2 drops the packet in filter FORWARD, by the chain's policy DROP" },
    { "ip netns exec ns2 iptables -t mangle -A PREROUTING -j CONNMARK --set-mark 0x5\n"
      "ip netns exec ns2 iptables -A FORWARD -m connmark --mark 0x4 -j DROP\n",
      "ns3 ping 10.1.0.10",
      "ns2 filter FORWARD rule 1 (-m connmark --mark 0x4 -j DROP) does not match: --mark 0x4: "
      "the connection's mark is 0x5" },
    { "ip netns exec ns2 iptables -A FORWARD -m recent --rcheck --name SSH -j DROP\n",
      "ns3 ping 10.1.0.10",
      "ns2 filter FORWARD rule 1 (-m recent --rcheck --name SSH --mask 255.255.255.255 --rsource -j DROP) does not "
      "match: --rcheck: the list SSH does not hold the source 10.2.0.10 (the lists start empty with the trace and "
      "fill as its packets go by)" },
    { "ip netns exec ns2 iptables -t raw -A PREROUTING -m connmark ! --mark 0x4 -j DROP\n",
      "ns3 ping 10.1.0.10",
      "ns2 raw PREROUTING rule 1 (-m connmark ! --mark 0x4 -j DROP) does not match: ! --mark 0x4: "
      "the packet has no conntrack entry, so no connection mark (it matches neither way)" },
    /* ns2 routes 10.9.0.0/24 back out the interface the ping came in by */
    { "ip netns exec ns2 ip route add 10.9.0.0/24 via 10.2.0.10\n",
      "ns3 ping 10.9.0.1",
      "packet 2: ns2 sends 10.2.0.10 an ICMP redirect (type 5, code 1, gateway 10.2.0.10): packet 1 leaves by "
      "veth2_ns2, the interface it came in by, so 10.2.0.10 could send to 10.9.0.1 through that gateway without ns2" },
    { "ip netns exec ns2 ip route add 10.9.0.0/24 via 10.2.0.10\n",
      "ns3 ping 10.9.0.1",
      "packet 1 again: ns2 mangle FORWARD: no rule decides, the policy ACCEPT applies" },
    { "ip netns exec ns2 ip route add 10.9.0.0/24 via 10.2.0.10\n",
      "ns3 ping 10.9.0.1",
      "ns3 ignores the redirect: 10.2.0.10 is not a unicast address for it" },
    { "ip netns exec ns2 ip route add 10.9.0.0/24 via 10.2.0.10\n"
      "ip netns exec ns2 sysctl -w net.ipv4.conf.all.send_redirects=0\n"
      "ip netns exec ns2 sysctl -w net.ipv4.conf.veth2_ns2.send_redirects=0\n",
      "ns3 ping 10.9.0.1",
      "ns2 routing: it leaves by veth2_ns2, the interface it came in by, but send_redirects is 0 for all and for "
      "veth2_ns2: no ICMP redirect" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *setup = g_strconcat (NFL_TEST_LINKS, NFL_TEST_ROUTES,
                                            "ip netns exec ns2 sysctl -w net.ipv4.ip_forward=1\n",
                                            cases[i].rules, NULL);
      g_autoptr(NflScenario) scenario = nfl_scenario_new ();
      g_autoptr(NflTrace) trace = NULL;
      g_autoptr(GError) error = NULL;
      NflProbe probe = { 0 };

      g_assert_true (nfl_commands_apply (scenario, setup, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (nfl_commands_add_listen (scenario, "ns1 tcp 80", NULL));
      g_assert_true (nfl_probe_parse (cases[i].probe, &probe, &error));
      trace = nfl_simulate (scenario, &probe, &error);
      g_assert_no_error (error);
      nfl_probe_clear (&probe);
      assert_explains (trace, scenario, cases[i].expected, FALSE);
    }
}

/* What a -m conntrack option that fails, TCPMSS and CHECKSUM say, on
 * the kernel fixtures that show them: the option that failed (not the
 * first one given), and what the packet's entry had there. */
static void
test_conntrack_sentences (void)
{
  static const struct {
    const char *fixture;
    const char *expected;    /* the end of a line of the explanation */
  } cases[] = {
    { "219-ct-origdst-dnat", "(-m conntrack --ctrepldst 10.99.0.1 -j LOG --log-prefix \"F-repldst-vip \") does not "
      "match: --ctrepldst 10.99.0.1: the entry's reply destination is 10.2.0.10" },
    { "219-ct-origdst-dnat", "(-m conntrack ! --ctorigdstport 80 -j LOG --log-prefix \"F-not-80 \") does not match: "
      "! --ctorigdstport 80: the entry's original destination port is 80, which the option excludes" },
    { "220-ct-dir-proto", "(-m conntrack --ctproto 1 --ctdir REPLY -j LOG --log-prefix \"F-reply-icmp \") does not "
      "match: --ctdir REPLY: the packet goes the original way, as the connection's first packet went" },
    { "221-ct-status-tcp", "(-m conntrack --ctstatus ASSURED -j LOG --log-prefix \"O-assured \") does not match: "
      "--ctstatus ASSURED: the entry is not assured yet (for TCP the handshake's third packet sets it, for UDP "
      "traffic both ways for a while)" },
    { "221-ct-status-tcp", "(-m conntrack --ctstatus NONE -j LOG --log-prefix \"M-none \") does not match: "
      "--ctstatus NONE: NONE asks for any of no statuses, so it matches no packet (\"! --ctstatus NONE\" "
      "matches every tracked one)" },
    { "222-ct-status-udp", "(-m conntrack --ctexpire 25:30 -j LOG --log-prefix \"F-exp30 \") does not match: "
      "--ctexpire 25:30: 0 s are left: the entry is not confirmed yet (the connection's first packet confirms it "
      "as it leaves POSTROUTING or INPUT), and an unconfirmed entry reads 0" },
    { "224-ct-untracked", "(-m conntrack ! --ctorigsrc 1.2.3.4 -j LOG --log-prefix \"F-not-src \") does not match: "
      "! --ctorigsrc 1.2.3.4: the packet has no connection entry here (untracked, INVALID, or before conntrack "
      "looked at it), and without one only --ctstate can match, whatever the other options say" },
    { "226-ct-ports-masks", "(-m conntrack --ctorigdst 10.1.9.10 -j LOG --log-prefix \"F-dst-mask \") does not "
      "match: --ctorigdst 10.1.9.10: the entry's original destination is 10.1.0.10" },
    { "227-tcpmss-set", "(-p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 1200) matches: TCPMSS (at most "
      "1200): MSS 1460 → 1200; the packet goes on" },
    { "227-tcpmss-set", "(-p tcp -m tcp --tcp-flags SYN,ACK SYN,ACK -j TCPMSS --set-mss 9000) matches: TCPMSS (at "
      "most 9000): MSS 1200 stays: TCPMSS never raises it (to 9000 here); the packet goes on" },
    { "227-tcpmss-set", "(-p tcp -m tcp --tcp-flags SYN NONE -j TCPMSS --set-mss 1000) matches: TCPMSS (at most "
      "1000): MSS option 536 added (the segment had none): 4 bytes longer, LEN 56; the packet goes on" },
    { "228-tcpmss-clamp-mtu", "(-p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu) matches: "
      "TCPMSS (at most the path MTU, the smaller of the route out and the route back, less 40): MSS 1460 → 1360; "
      "the packet goes on" },
    { "229-checksum-fill", "(-p udp -j CHECKSUM --checksum-fill) matches: CHECKSUM --checksum-fill does nothing "
      "here: it fills in a checksum that offloading left for the network card to finish (for a program that reads "
      "the packet first, such as an old DHCP client in a virtual machine), and the simulated packets always carry "
      "a complete one; the packet goes on" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "kernel", cases[i].fixture, NULL);
      NflProbe probe = { 0 };
      g_autoptr(NflScenario) scenario = nfl_test_load_fixture (dir, &probe);
      g_autoptr(GError) error = NULL;
      g_autoptr(NflTrace) trace = nfl_simulate (scenario, &probe, &error);

      g_assert_no_error (error);
      nfl_probe_clear (&probe);
      g_test_message ("%s", cases[i].fixture);
      assert_explains (trace, scenario, cases[i].expected, TRUE);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  nfl_test_add_kernel_fixtures ("/nfl/engine/playback/kernel-fixture", test_fixture);
  g_test_add_func ("/nfl/engine/playback/dnat-demo", test_dnat_demo);
  g_test_add_func ("/nfl/engine/playback/sentences", test_sentences);
  g_test_add_func ("/nfl/engine/playback/conntrack-sentences", test_conntrack_sentences);
  return g_test_run ();
}
