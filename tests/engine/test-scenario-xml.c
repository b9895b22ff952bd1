/* test-scenario-xml.c: scenario files: round trips, determinism, refusals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "nfl-engine.h"
#include "nfl-test-fixtures.h"

/* ---------------------------------------------------------------------- */
/* helpers                                                                 */
/* ---------------------------------------------------------------------- */

static char *
bytes_text (GBytes *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return g_strndup (data, size);
}

static NflScenario *
load_text (const char  *text,
           GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return nfl_scenario_load_xml_bytes (bytes, "test.xml", error);
}

static NflScenario *
from_commands (const char *commands)
{
  NflScenario *scenario = nfl_scenario_new ();
  g_autoptr(GError) error = NULL;

  nfl_commands_apply (scenario, commands, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return scenario;
}

static char *
save_text (NflScenario *scenario)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = nfl_scenario_to_xml_bytes (scenario, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes_text (bytes);
}

/* every namespace's iptables-save text, with counters: the canonical
 * form of every rule, chain and policy */
static char *
rules_of (NflScenario *scenario)
{
  GPtrArray *namespaces = nfl_scenario_get_namespaces (scenario);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < namespaces->len; i++)
    {
      NflNamespace *ns = g_ptr_array_index (namespaces, i);
      g_autofree char *save = nfl_iptables_save (ns->ruleset, TRUE);

      g_string_append_printf (out, "# %s\n%s", ns->name, save);
    }
  return g_string_free (out, FALSE);
}

/* Saves, loads, saves again: the two texts and the two models' rules
 * must be the same.  Returns the loaded scenario. */
static NflScenario *
round_trip (NflScenario *scenario)
{
  g_autofree char *first = save_text (scenario);
  g_autofree char *second = NULL;
  g_autofree char *rules_before = rules_of (scenario);
  g_autofree char *rules_after = NULL;
  g_autoptr(GError) error = NULL;
  NflScenario *loaded;

  loaded = load_text (first, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  second = save_text (loaded);
  g_assert_cmpstr (first, ==, second);
  rules_after = rules_of (loaded);
  g_assert_cmpstr (rules_before, ==, rules_after);
  return loaded;
}

static char *
trace_text (NflScenario *scenario,
            const char  *probe_text)
{
  g_autoptr(NflScenario) copy = nfl_scenario_copy (scenario);
  g_autoptr(NflTrace) trace = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);
  NflProbe probe = { 0 };

  g_assert_true (nfl_probe_parse (probe_text, &probe, &error));
  trace = nfl_simulate (copy, &probe, &error);
  g_assert_no_error (error);
  nfl_probe_clear (&probe);
  lines = nfl_trace_get_log_lines (trace, 0);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s\n", (const char *) g_ptr_array_index (lines, i));
  g_string_append_printf (out, "outcome: %s\n", nfl_trace_get_outcome (trace));
  return g_string_free (out, FALSE);
}

static void
assert_refused (const char *text,
                int         code,
                guint       line,
                const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NflScenario) scenario = load_text (text, &error);
  g_autofree char *prefix = NULL;

  g_assert_null (scenario);
  g_assert_nonnull (error);
  if (g_test_verbose ())
    g_test_message ("%s", error->message);
  g_assert_true (error->domain == NFL_FORMAT_ERROR);
  if (code >= 0)
    g_assert_cmpint (error->code, ==, code);
  prefix = line > 0 ? g_strdup_printf ("test.xml:%u: ", line) : g_strdup ("test.xml:");
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("expected “%s…”, got “%s”", prefix, error->message);
  if (strstr (error->message, fragment) == NULL)
    g_error ("expected “%s” in “%s”", fragment, error->message);
}

/* ---------------------------------------------------------------------- */
/* the kernel fixtures                                                     */
/* ---------------------------------------------------------------------- */

static void
test_fixture (gconstpointer data)
{
  const char *dir = data;
  g_autofree char *setup = nfl_test_read_fixture (dir, "setup.sh", FALSE);
  g_autofree char *probe_file = nfl_test_read_fixture (dir, "probe", FALSE);
  g_autofree char *listen = nfl_test_read_fixture (dir, "listen", TRUE);
  g_autoptr(GString) commands = g_string_new (setup);
  g_autoptr(NflScenario) scenario = NULL;
  g_autoptr(NflScenario) loaded = NULL;
  g_autoptr(NflScenario) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) setup_lines = g_strsplit (setup, "\n", -1);
  g_auto(GStrv) probe_lines = g_strsplit (probe_file, "\n", -1);
  g_autofree char *before = NULL, *after = NULL;
  const char *probe = NULL;

  /* a LOG rule at the top of every built-in chain, as the fixtures run */
  for (guint i = 0; setup_lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (g_strstrip (setup_lines[i]), " ", -1);
      guint n = g_strv_length (words);
      guint first = n > 0 && g_str_equal (words[0], "sudo") ? 1 : 0;

      if (n >= first + 4 && g_str_equal (words[first], "ip") && g_str_equal (words[first + 1], "netns") &&
          g_str_equal (words[first + 2], "add"))
        g_string_append_printf (commands,
                                "\nip netns exec %s iptables -t mangle -I PREROUTING 1 -j LOG --log-prefix \"T_%s \""
                                "\nip netns exec %s iptables -I OUTPUT 1 -j LOG --log-prefix \"O_%s \" --log-level 6",
                                words[first + 3], words[first + 3], words[first + 3], words[first + 3]);
    }
  scenario = from_commands (commands->str);
  if (listen != NULL)
    {
      g_auto(GStrv) listen_lines = g_strsplit (listen, "\n", -1);
      for (guint i = 0; listen_lines[i] != NULL; i++)
        {
          g_strstrip (listen_lines[i]);
          if (*listen_lines[i] == '\0' || *listen_lines[i] == '#')
            continue;
          g_assert_true (nfl_commands_add_listen (scenario, listen_lines[i], &error));
        }
    }
  for (guint i = 0; probe_lines[i] != NULL && probe == NULL; i++)
    {
      g_strstrip (probe_lines[i]);
      if (*probe_lines[i] != '\0' && *probe_lines[i] != '#')
        probe = probe_lines[i];
    }
  g_assert_nonnull (probe);
  g_assert_true (nfl_scenario_add_probe (scenario, probe, &error));
  g_assert_no_error (error);

  loaded = round_trip (scenario);
  g_assert_cmpuint (nfl_scenario_get_probes (loaded)->len, ==, 1);
  before = trace_text (scenario, probe);
  after = trace_text (loaded, g_ptr_array_index (nfl_scenario_get_probes (loaded), 0));
  g_assert_cmpstr (before, ==, after);

  /* with counters, after a probe went through */
  {
    g_autoptr(NflTrace) trace = NULL;
    NflProbe parsed = { 0 };

    g_assert_true (nfl_probe_parse (probe, &parsed, &error));
    trace = nfl_simulate (scenario, &parsed, &error);
    g_assert_no_error (error);
    nfl_probe_clear (&parsed);
    reloaded = round_trip (scenario);
  }
}

/* ---------------------------------------------------------------------- */
/* every option                                                            */
/* ---------------------------------------------------------------------- */

static const char *every_option =
  "ip netns add ns1\n"
  "ip netns add ns2\n"
  "ip link add veth1 netns ns1 type veth peer name veth2 netns ns2\n"
  "ip link add hostend type veth peer name inside netns ns2\n"
  "ip netns exec ns1 ip link set veth1 up\n"
  "ip netns exec ns1 ip link set lo up\n"
  "ip netns exec ns1 ip link set veth1 mtu 1400\n"
  "ip netns exec ns1 ip addr add 10.1.0.10/24 dev veth1\n"
  "ip netns exec ns1 ip addr add 10.1.0.11/24 dev veth1\n"
  "ip netns exec ns2 ip addr add 10.1.0.1/24 dev veth2\n"
  "ip netns exec ns1 ip route add default via 10.1.0.1\n"
  "ip netns exec ns1 ip route add 10.7.0.0/16 via 10.1.0.1 dev veth1 src 10.1.0.10 metric 7\n"
  "ip netns exec ns1 ip route add blackhole 10.8.0.0/16\n"
  "ip netns exec ns1 ip route add unreachable 10.9.0.0/16\n"
  "ip netns exec ns1 ip route add prohibit 10.10.0.0/16\n"
  "ip netns exec ns2 sysctl -w net.ipv4.ip_forward=1\n"
  "ip netns exec ns1 iptables -N my_chain\n"
  "ip netns exec ns1 iptables -N other.chain-2\n"
  "ip netns exec ns1 iptables -P INPUT DROP\n"
  "ip netns exec ns1 iptables -A INPUT ! -s 10.0.0.0/8 -d 10.1.0.10 -i veth+ -p tcp -m tcp --sport 1024:65535 ! --dport 22 -j ACCEPT\n"
  "ip netns exec ns1 iptables -A INPUT -s 10.0.0.0/255.0.255.0 ! -i veth1 ! -p udp -j DROP\n"
  "ip netns exec ns1 iptables -A INPUT -p tcp --syn -j REJECT --reject-with tcp-reset\n"
  "ip netns exec ns1 iptables -A INPUT -p tcp -m tcp ! --tcp-flags SYN,ACK,FIN SYN -j REJECT\n"
  "ip netns exec ns1 iptables -A INPUT -p udp -m udp ! --sport 53 --dport 1000:2000 -j REJECT --reject-with icmp-host-prohibited\n"
  "ip netns exec ns1 iptables -A INPUT -p icmp -m icmp --icmp-type echo-request -j ACCEPT\n"
  "ip netns exec ns1 iptables -A INPUT -p icmp -m icmp ! --icmp-type 3/4 -j ACCEPT\n"
  "ip netns exec ns1 iptables -A INPUT -p icmp -m icmp --icmp-type any -j ACCEPT\n"
  "ip netns exec ns1 iptables -A INPUT -p icmp -m icmp --icmp-type 200 -j ACCEPT\n"
  "ip netns exec ns1 iptables -A INPUT -p 132 -j ACCEPT\n"
  "ip netns exec ns1 iptables -A INPUT -p tcp -m multiport --dports 22,80,8000:8080 -j ACCEPT\n"
  "ip netns exec ns1 iptables -A INPUT -p udp -m multiport ! --sports 53 -j ACCEPT\n"
  "ip netns exec ns1 iptables -A INPUT -p tcp -m multiport --ports 1,2,3 -j ACCEPT\n"
  "ip netns exec ns1 iptables -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n"
  "ip netns exec ns1 iptables -A INPUT -m conntrack ! --ctstate INVALID,UNTRACKED,SNAT,DNAT -j ACCEPT\n"
  "ip netns exec ns1 iptables -A INPUT -m state --state NEW -j ACCEPT\n"
  "ip netns exec ns1 iptables -A INPUT -m mark --mark 0x10/0xf0 -j ACCEPT\n"
  "ip netns exec ns1 iptables -A INPUT -m mark ! --mark 7 -j ACCEPT\n"
  "ip netns exec ns1 iptables -A INPUT -m connmark ! --mark 0x10/0xf0 -j CONNMARK --save-mark --mask 0xff\n"
  "ip netns exec ns1 iptables -A INPUT -m connmark --mark 7 -j CONNMARK --restore-mark --nfmask 0xf --ctmask 0xf0\n"
  "ip netns exec ns1 iptables -A INPUT -j CONNMARK --xor-mark 0x3\n"
  "ip netns exec ns1 iptables -A INPUT -m recent --set --name 'a \\\"b\\\"' --mask 255.255.0.0 --rdest\n"
  "ip netns exec ns1 iptables -A INPUT -m recent ! --update --seconds 5 --reap --hitcount 2 --rttl -j DROP\n"
  "ip netns exec ns1 iptables -A INPUT -m comment --comment \"it's a \\\"quoted\\\" <comment> & more\" -j ACCEPT\n"
  "ip netns exec ns1 iptables -A INPUT -m iprange --src-range 10.0.0.1-10.0.0.9 ! --dst-range 10.1.0.1-10.1.0.2 -j ACCEPT\n"
  "ip netns exec ns1 iptables -A INPUT -f -j DROP\n"
  "ip netns exec ns1 iptables -A INPUT -m addrtype ! --src-type LOCAL,BROADCAST --dst-type UNICAST --limit-iface-in -j DROP\n"
  "ip netns exec ns1 iptables -A OUTPUT -m addrtype --dst-type LOCAL --limit-iface-out -j ACCEPT\n"
  "ip netns exec ns1 iptables -A INPUT -m limit --limit 3/min --limit-burst 10 -j LOG\n"
  "ip netns exec ns1 iptables -A INPUT -m limit -j ACCEPT\n"
  "ip netns exec ns1 iptables -A OUTPUT -m owner ! --socket-exists --uid-owner 0-100 ! --gid-owner 7 --suppl-groups -j DROP\n"
  "ip netns exec ns1 iptables -t mangle -A POSTROUTING -m owner --socket-exists -j ACCEPT\n"
  "ip netns exec ns1 iptables -A INPUT -m pkttype ! --pkt-type broadcast -j DROP\n"
  "ip netns exec ns1 iptables -A INPUT -j NFLOG --nflog-prefix \"a 'b' \\\"c\\\"\" --nflog-group 7 --nflog-size 0 --nflog-threshold 3\n"
  "ip netns exec ns1 iptables -t nat -A POSTROUTING -j NFLOG\n"
  "ip netns exec ns1 iptables -A INPUT -j NFQUEUE --queue-balance 2:5 --queue-bypass --queue-cpu-fanout\n"
  "ip netns exec ns1 iptables -A OUTPUT -j NFQUEUE --queue-num 9\n"
  "ip netns exec ns1 iptables -A INPUT -m conntrack ! --ctstate NEW --ctproto tcp ! --ctorigsrc 10.0.0.0/8 --ctorigdst 10.99.0.1 --ctreplsrc 10.1.0.10/255.255.0.255 ! --ctrepldst 10.2.0.10 --ctorigsrcport 1024:65535 ! --ctorigdstport 80 --ctreplsrcport 8080 --ctrepldstport 5:6 ! --ctstatus SEEN_REPLY,ASSURED --ctexpire 10:20 --ctdir REPLY -j ACCEPT\n"
  "ip netns exec ns1 iptables -A INPUT -m conntrack --ctstatus NONE -m conntrack --ctdir ORIGINAL -j ACCEPT\n"
  "ip netns exec ns1 iptables -t mangle -A FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu\n"
  "ip netns exec ns1 iptables -t mangle -A POSTROUTING -p tcp -j TCPMSS --set-mss 1200\n"
  "ip netns exec ns1 iptables -t mangle -A POSTROUTING -p udp -j CHECKSUM --checksum-fill\n"
  "ip netns exec ns1 iptables -t raw -A PREROUTING -m pkttype --pkt-type multicast -j ACCEPT\n"
  "ip netns exec ns1 iptables -A INPUT -m statistic --mode nth ! --every 3 --packet 2 -j DROP\n"
  "ip netns exec ns1 iptables -A INPUT -m statistic --mode random ! --probability 0.2 -j DROP\n"
  "ip netns exec ns1 iptables -A INPUT -m length ! --length 100:200 -m ttl --ttl-lt 5 -j DROP\n"
  "ip netns exec ns1 iptables -A INPUT -m ttl ! --ttl-eq 64 -j DROP\n"
  "ip netns exec ns1 iptables -A INPUT ! -f -j my_chain\n"
  "ip netns exec ns1 iptables -A INPUT -g other.chain-2\n"
  "ip netns exec ns1 iptables -A INPUT -j LOG --log-prefix \"a \\\"b\\\" 'c' \" --log-level 7 --log-tcp-sequence --log-tcp-options --log-ip-options --log-uid\n"
  "ip netns exec ns1 iptables -A INPUT -j LOG\n"
  "ip netns exec ns1 iptables -A INPUT\n"
  "ip netns exec ns1 iptables -A my_chain -j RETURN\n"
  "ip netns exec ns1 iptables -A OUTPUT -o veth1 -j TRACE\n"
  "ip netns exec ns1 iptables -t raw -A PREROUTING -j TRACE\n"
  "ip netns exec ns1 iptables -t raw -A PREROUTING -p udp -j NOTRACK\n"
  "ip netns exec ns1 iptables -t raw -A OUTPUT -p udp -j CT --notrack\n"
  "ip netns exec ns1 iptables -t nat -A PREROUTING -d 10.99.0.1 -p tcp -j DNAT --to-destination 10.1.0.1-10.1.0.3:80-90 --random --persistent\n"
  "ip netns exec ns1 iptables -t nat -A PREROUTING -p tcp --dport 81 -j DNAT --to-destination :8080\n"
  "ip netns exec ns1 iptables -t nat -A PREROUTING -p tcp --dport 82 -j REDIRECT --to-ports 8080-8090\n"
  "ip netns exec ns1 iptables -t nat -A PREROUTING -p tcp --dport 83 -j REDIRECT\n"
  "ip netns exec ns1 iptables -t nat -A POSTROUTING -o veth1 -p tcp -j MASQUERADE --to-ports 1024-2048 --random-fully\n"
  "ip netns exec ns1 iptables -t nat -A POSTROUTING -o veth1 -p udp -j MASQUERADE\n"
  "ip netns exec ns1 iptables -t nat -A POSTROUTING -s 10.1.0.0/24 -j SNAT --to-source 10.1.0.10\n"
  "ip netns exec ns1 iptables -t mangle -A PREROUTING -j MARK --set-mark 0x5\n"
  "ip netns exec ns1 iptables -t mangle -A PREROUTING -j MARK --and-mark 0xf0\n"
  "ip netns exec ns1 iptables -t mangle -A PREROUTING -j MARK --or-mark 0x3\n"
  "ip netns exec ns1 iptables -t mangle -A PREROUTING -j MARK --set-xmark 0x1f/0xff\n"
  "ip netns exec ns1 iptables -t mangle -A PREROUTING -j TOS --set-tos 0x10\n"
  "ip netns exec ns1 iptables -t mangle -A PREROUTING -j TTL --ttl-set 9\n"
  "ip netns exec ns1 iptables -t mangle -A PREROUTING -j TTL --ttl-dec 1\n"
  "ip netns exec ns1 iptables -t mangle -A PREROUTING -j TTL --ttl-inc 2\n"
  "ip netns exec ns2 iptables -A FORWARD -i veth2 -o inside -j ACCEPT\n";

static void
test_every_option (void)
{
  g_autoptr(NflScenario) scenario = from_commands (every_option);
  g_autoptr(NflScenario) loaded = NULL;
  g_autofree char *text = NULL;
  NflNamespace *ns1;

  nfl_commands_add_listen (scenario, "ns2 tcp 80", NULL);
  nfl_commands_add_listen (scenario, "ns2 udp 53 10.1.0.1", NULL);
  loaded = round_trip (scenario);
  text = save_text (loaded);
  /* structured, not command strings */
  g_assert_nonnull (strstr (text, "<source address=\"10.0.0.0/8\" negate=\"true\"/>"));
  g_assert_nonnull (strstr (text, "<dport port=\"22\" negate=\"true\"/>"));
  g_assert_nonnull (strstr (text, "<icmp type=\"echo-request\"/>"));
  g_assert_nonnull (strstr (text, "<jump chain=\"my_chain\"/>"));
  g_assert_null (strstr (text, "-j "));
  /* the interface order, MACs, MTU and state come back */
  ns1 = nfl_scenario_find_namespace (loaded, "ns1");
  g_assert_cmpstr (((NflInterface *) g_ptr_array_index (ns1->interfaces, 0))->name, ==, "lo");
  g_assert_cmpuint (nfl_namespace_find_interface (ns1, "veth1")->mtu, ==, 1400);
  g_assert_cmpuint (nfl_scenario_get_host_interfaces (loaded)->len, ==, 1);
  {
    g_autofree char *a = trace_text (scenario, "ns1 tcp 10.1.0.1 80");
    g_autofree char *b = trace_text (loaded, "ns1 tcp 10.1.0.1 80");
    g_assert_cmpstr (a, ==, b);
  }
}

static void
test_model_fields (void)
{
  g_autoptr(NflScenario) scenario = from_commands ("ip netns add ns1\nip netns add ns2\n");
  g_autoptr(NflScenario) loaded = NULL;
  g_autoptr(NflScenario) copy = NULL;
  g_autoptr(NflScenario) taken = nfl_scenario_new ();
  g_autoptr(GError) error = NULL;
  NflNamespace *ns1 = nfl_scenario_find_namespace (scenario, "ns1");
  NflNamespace *ns2 = nfl_scenario_find_namespace (scenario, "ns2");
  const char *odd = "Quotes \" ' < > & ]]> tabs\tand\r\nnewlines\n  spaces  é ✓";
  GPtrArray *exercises;

  nfl_scenario_set_title (scenario, "The \"DNAT\" demo <1>");
  nfl_scenario_set_description (scenario, odd);
  g_free (ns1->notes);
  ns1->notes = g_strdup (odd);
  ns1->x = 0.1;
  ns1->y = -1234.5678e10;
  ns2->x = 1.0 / 3.0;
  ns2->y = -0.0;
  g_assert_true (nfl_scenario_add_probe (scenario, "ns1 ping 10.2.0.10", &error));
  g_assert_true (nfl_scenario_add_probe (scenario, "ns2  tcp 10.2.0.10 80", &error));
  g_assert_true (nfl_scenario_add_probe (scenario, "ns2 udp 10.2.0.10 53", &error));
  g_assert_false (nfl_scenario_add_probe (scenario, "ns2 fly 10.2.0.10", NULL));
  nfl_scenario_set_lesson_intro (scenario, "Look at the nat table.\n\nThen trace.");
  nfl_scenario_add_exercise (scenario, "First", "Ping ns1 from ns3.");
  nfl_scenario_add_exercise (scenario, "Second <b>", "");

  loaded = round_trip (scenario);
  g_assert_cmpstr (nfl_scenario_get_title (loaded), ==, "The \"DNAT\" demo <1>");
  g_assert_cmpstr (nfl_scenario_get_description (loaded), ==, odd);
  ns1 = nfl_scenario_find_namespace (loaded, "ns1");
  ns2 = nfl_scenario_find_namespace (loaded, "ns2");
  g_assert_cmpstr (ns1->notes, ==, odd);
  g_assert_true (ns1->x == 0.1 && ns1->y == -1234.5678e10 && ns2->x == 1.0 / 3.0 && ns2->y == 0);
  g_assert_cmpuint (nfl_scenario_get_probes (loaded)->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (nfl_scenario_get_probes (loaded), 1), ==, "ns2 tcp 10.2.0.10 80");
  g_assert_cmpstr (nfl_scenario_get_lesson_intro (loaded), ==, "Look at the nat table.\n\nThen trace.");
  exercises = nfl_scenario_get_exercises (loaded);
  g_assert_cmpuint (exercises->len, ==, 2);
  g_assert_cmpstr (((NflExercise *) g_ptr_array_index (exercises, 1))->title, ==, "Second <b>");

  /* copy and take_contents carry the new fields */
  copy = nfl_scenario_copy (loaded);
  {
    g_autofree char *a = save_text (loaded);
    g_autofree char *b = save_text (copy);
    g_autofree char *c = NULL;

    g_assert_cmpstr (a, ==, b);
    nfl_scenario_take_contents (taken, copy);
    c = save_text (taken);
    g_assert_cmpstr (a, ==, c);
    g_assert_cmpuint (nfl_scenario_get_probes (copy)->len, ==, 0);
    g_assert_cmpuint (nfl_scenario_get_exercises (copy)->len, ==, 0);
  }
}

static void
test_deterministic (void)
{
  g_autoptr(NflScenario) a = from_commands (every_option);
  g_autoptr(NflScenario) b = from_commands (every_option);
  g_autofree char *ta = save_text (a);
  g_autofree char *tb = save_text (b);
  g_autofree char *ta2 = save_text (a);
  g_auto(GStrv) lines = NULL;

  g_assert_cmpstr (ta, ==, tb);
  g_assert_cmpstr (ta, ==, ta2);
  g_assert_true (g_str_has_prefix (ta, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<scenario version=\"1\">\n"));
  g_assert_true (g_str_has_suffix (ta, "</scenario>\n"));
  /* two spaces per level */
  g_assert_nonnull (strstr (ta, "\n  <namespace name=\"ns1\""));
  g_assert_nonnull (strstr (ta, "\n    <interface name=\"lo\""));
  lines = g_strsplit (ta, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_assert_false (g_str_has_prefix (lines[i], "\t"));
}

static void
test_empty (void)
{
  g_autoptr(NflScenario) scenario = nfl_scenario_new ();
  g_autofree char *text = save_text (scenario);
  g_autoptr(NflScenario) loaded = round_trip (scenario);

  g_assert_cmpstr (text, ==, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<scenario version=\"1\"/>\n");
}

/* A hand-written file: defaults for what it leaves out. */
/* bridges, their ports and place, and the sysctls kept as written */
static void
test_bridges (void)
{
  g_autoptr(NflScenario) scenario = from_commands (
    "ip netns add sw\nip netns add a\n"
    "ip link add vetha netns a type veth peer name porta netns sw\n"
    "ip -n sw link add br0 type bridge\nip -n sw link set porta master br0 up\n"
    "ip -n sw addr add 10.0.0.254/24 dev br0\n"
    "ip netns exec sw sysctl -w net.bridge.bridge-nf-call-iptables=0\n"
    "ip netns exec sw sysctl -w net.ipv4.tcp_rmem='4096 87380 6291456'\n");
  g_autoptr(NflScenario) loaded = NULL;
  g_autoptr(GError) error = NULL;
  NflNamespace *sw = nfl_scenario_find_namespace (scenario, "sw");
  NflInterface *br0 = nfl_namespace_find_interface (sw, "br0");
  static const struct { const char *xml; const char *fragment; } bad[] = {
    { "<interface name=\"porta\" master=\"nope\"/>", "no bridge of that name" },
    { "<interface name=\"porta\" master=\"vethx\"/><interface name=\"vethx\"/>", "not an end" },
    { "<interface name=\"br0\" type=\"bridge\"/><interface name=\"br0\" type=\"bridge\"/>", "two interfaces" },
  };

  br0->x = 420;
  br0->y = -20.5;
  loaded = round_trip (scenario);
  sw = nfl_scenario_find_namespace (loaded, "sw");
  br0 = nfl_namespace_find_interface (sw, "br0");
  g_assert_true (br0->is_bridge && br0->x == 420 && br0->y == -20.5);
  g_assert_true (nfl_namespace_find_interface (sw, "porta")->master == br0);
  g_assert_false (sw->bridge_nf_call_iptables);
  g_assert_cmpuint (sw->other_sysctls->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (sw->other_sysctls, 0), ==, "net.ipv4.tcp_rmem=4096 87380 6291456");

  /* rp_filter: all and default, an interface set, one pinned by its
   * address, one still following the default */
  {
    g_autoptr(NflScenario) rp = from_commands (
      "ip netns add r\nip netns add s\n"
      "ip link add a1 netns r type veth peer name b1 netns s\n"
      "ip link add a2 netns r type veth peer name b2 netns s\n"
      "ip link add a3 netns r type veth peer name b3 netns s\n"
      "ip -n r addr add 10.0.0.1/24 dev a1\n"
      "ip netns exec r sysctl -w net.ipv4.conf.default.rp_filter=2 net.ipv4.conf.all.rp_filter=1\n"
      "ip netns exec r sysctl -w net.ipv4.conf.a2.rp_filter=0\n");
    g_autoptr(NflScenario) back = NULL;
    NflNamespace *r = nfl_scenario_find_namespace (rp, "r");

    g_assert_cmpint (nfl_namespace_find_interface (r, "a1")->rp_filter, ==, 0);   /* pinned at 0 */
    g_assert_cmpint (nfl_namespace_find_interface (r, "a2")->rp_filter, ==, 0);   /* written */
    g_assert_cmpint (nfl_namespace_find_interface (r, "a3")->rp_filter, ==, -1);  /* follows 2 */
    g_assert_cmpuint (nfl_interface_rp_filter (nfl_namespace_find_interface (r, "a3")), ==, 2);
    g_assert_cmpuint (nfl_interface_rp_filter (nfl_namespace_find_interface (r, "a1")), ==, 1);  /* all */
    back = round_trip (rp);
    r = nfl_scenario_find_namespace (back, "r");
    g_assert_cmpuint (r->rp_filter_all, ==, 1);
    g_assert_cmpuint (r->rp_filter_default, ==, 2);
    g_assert_cmpint (nfl_namespace_find_interface (r, "a1")->rp_filter, ==, 0);
    g_assert_cmpint (nfl_namespace_find_interface (r, "a3")->rp_filter, ==, -1);
    g_assert_cmpuint (r->other_sysctls->len, ==, 0);
  }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      /* porta is a veth end linked to a's vetha; each case adds to sw */
      g_autofree char *text = g_strdup_printf ("<scenario version=\"1\"><namespace name=\"sw\">%s%s</namespace>"
                                               "<namespace name=\"a\"><interface name=\"vetha\"/></namespace>"
                                               "<link><end namespace=\"sw\" interface=\"porta\"/>"
                                               "<end namespace=\"a\" interface=\"vetha\"/></link></scenario>",
                                               g_str_has_prefix (bad[i].xml, "<interface name=\"porta\"") ? "" :
                                               "<interface name=\"porta\"/>", bad[i].xml);
      g_autoptr(NflScenario) none = load_text (text, &error);

      g_assert_null (none);
      g_assert_nonnull (error);
      if (strstr (error->message, bad[i].fragment) == NULL)
        g_error ("case %u: “%s” does not say “%s”", i, error->message, bad[i].fragment);
      g_clear_error (&error);
    }
}

static void
test_hand_written (void)
{
  const char *text =
    "<?xml version=\"1.0\"?>\n"
    "<!-- comments are fine -->\n"
    "<scenario version=\"1\">\n"
    "  <namespace name=\"ns1\">\n"
    "    <interface name=\"veth1\" up=\"true\"><address cidr=\"10.1.0.10/24\"/></interface>\n"
    "    <table name=\"filter\">\n"
    "      <chain name=\"INPUT\">\n"
    "        <rule><protocol name=\"tcp\"/><tcp><dport port=\"22\"/></tcp><jump chain=\"later\"/></rule>\n"
    "      </chain>\n"
    "      <chain name=\"later\"><rule><target name=\"ACCEPT\"/></rule></chain>\n"
    "    </table>\n"
    "  </namespace>\n"
    "  <namespace name=\"ns2\"><interface name=\"veth2\"/></namespace>\n"
    "  <link><end namespace=\"ns1\" interface=\"veth1\"/><end namespace=\"ns2\" interface=\"veth2\"/></link>\n"
    "  <probe namespace=\"ns1\" type=\"ping\" destination=\"10.1.0.1\"/>\n"
    "</scenario>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(NflScenario) scenario = load_text (text, &error);
  NflNamespace *ns1;
  NflInterface *lo;
  g_autofree char *save = NULL;

  g_assert_no_error (error);
  ns1 = nfl_scenario_find_namespace (scenario, "ns1");
  lo = g_ptr_array_index (ns1->interfaces, 0);
  g_assert_cmpstr (lo->name, ==, "lo");
  g_assert_cmpuint (lo->addresses->len, ==, 1);
  g_assert_false (lo->up);
  save = nfl_iptables_save (ns1->ruleset, FALSE);
  g_assert_cmpstr (save, ==,
                   "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n:later - [0:0]\n"
                   "-A INPUT -p tcp -m tcp --dport 22 -j later\n-A later -j ACCEPT\nCOMMIT\n");
}

/* ---------------------------------------------------------------------- */
/* files                                                                   */
/* ---------------------------------------------------------------------- */

static void
test_save_atomic (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("nfl-xml-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "lesson.xml", NULL);
  g_autofree char *backup = g_strconcat (path, "~", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(NflScenario) one = from_commands ("ip netns add one\n");
  g_autoptr(NflScenario) two = from_commands ("ip netns add two\n");
  g_autoptr(NflScenario) loaded = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GDir) listing = NULL;
  guint n = 0;

  g_assert_no_error (error);
  g_assert_true (nfl_scenario_save_xml (one, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (nfl_scenario_save_xml (two, file, NULL, &error));
  g_assert_no_error (error);
  /* the previous file is kept, the new one is complete */
  g_assert_true (g_file_get_contents (backup, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "name=\"one\""));
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  expected = save_text (two);
  g_assert_cmpstr (contents, ==, expected);
  loaded = nfl_scenario_load_xml (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (nfl_scenario_find_namespace (loaded, "two"));
  /* no temporary file left behind */
  listing = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    n++;
  g_assert_cmpuint (n, ==, 2);

  /* a folder that does not exist: an error, nothing written */
  {
    g_autofree char *missing = g_build_filename (dir, "no", "such", "x.xml", NULL);
    g_autoptr(GFile) nowhere = g_file_new_for_path (missing);
    g_autoptr(GError) local = NULL;

    g_assert_false (nfl_scenario_save_xml (one, nowhere, NULL, &local));
    g_assert_nonnull (local);
  }
  g_unlink (backup);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_huge_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("nfl-xml-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "huge.xml", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(NflScenario) scenario = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  gint64 start;
  int fd;

  /* 100 MB, sparse: refused from its size, never read */
  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, "<scenario version=\"1\">", 22), ==, 22);
  g_assert_cmpint (ftruncate (fd, 100 * 1000 * 1000), ==, 0);
  close (fd);

  start = g_get_monotonic_time ();
  scenario = nfl_scenario_load_xml (file, NULL, &error);
  g_assert_null (scenario);
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "at most 16 MiB"));
  g_assert_nonnull (strstr (error->message, "huge.xml"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  problems = nfl_scenario_validate_xml (file, NULL);
  g_assert_cmpuint (problems->len, ==, 1);
  g_unlink (path);
  g_rmdir (dir);

  /* the same limit for memory */
  {
    g_autoptr(GBytes) big = g_bytes_new_take (g_malloc0 (NFL_SCENARIO_XML_MAX_SIZE + 1),
                                              NFL_SCENARIO_XML_MAX_SIZE + 1);
    g_autoptr(GError) local = NULL;
    g_autoptr(NflScenario) none = nfl_scenario_load_xml_bytes (big, "big.xml", &local);

    g_assert_error (local, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_TOO_LARGE);
  }
}

/* ---------------------------------------------------------------------- */
/* hostile and broken files                                                */
/* ---------------------------------------------------------------------- */

static void
test_xxe (void)
{
  const char *texts[] = {
    "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n"
    "<scenario version=\"1\"><title>&e;</title></scenario>\n",
    "<?xml version=\"1.0\"?>\n<!DOCTYPE scenario SYSTEM \"http://example.invalid/x.dtd\">\n"
    "<scenario version=\"1\"/>\n",
    "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>\n"
    "<scenario version=\"1\"/>\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(NflScenario) scenario = load_text (texts[i], &error);

      g_assert_null (scenario);
      g_assert_nonnull (error);
      g_assert_true (g_str_has_prefix (error->message, "test.xml:2: "));
      g_assert_nonnull (strstr (error->message, "DOCTYPE"));
      g_assert_null (strstr (error->message, "root:"));
    }
}

static void
test_billion_laughs (void)
{
  GString *text = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(NflScenario) scenario = NULL;
  gint64 start;

  for (int i = 1; i < 10; i++)
    {
      g_string_append_printf (text, " <!ENTITY lol%d \"", i);
      for (int j = 0; j < 10; j++)
        {
          if (i == 1)
            g_string_append (text, "&lol;");
          else
            g_string_append_printf (text, "&lol%d;", i - 1);
        }
      g_string_append (text, "\">\n");
    }
  g_string_append (text, "]>\n<scenario version=\"1\"><title>&lol9;</title></scenario>\n");

  start = g_get_monotonic_time ();
  scenario = load_text (text->str, &error);
  g_assert_null (scenario);
  g_assert_nonnull (strstr (error->message, "DOCTYPE"));
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC / 2);
  g_string_free (text, TRUE);
}

static void
test_syntax_errors (void)
{
  g_autoptr(NflScenario) scenario = from_commands (every_option);
  g_autofree char *good = save_text (scenario);
  g_autofree char *truncated = g_strndup (good, strlen (good) / 2);

  assert_refused (truncated, NFL_FORMAT_ERROR_SYNTAX, 0, "not well-formed XML");
  assert_refused ("", NFL_FORMAT_ERROR_SYNTAX, 1, "empty");
  assert_refused ("<scenario version=\"1\">\n<title>x</titel>\n</scenario>\n", NFL_FORMAT_ERROR_SYNTAX, 2,
                  "not well-formed XML");
  assert_refused ("<scenario version=\"1\">\n<title>\xff\xfe</title></scenario>\n", NFL_FORMAT_ERROR_SYNTAX, 2,
                  "not well-formed XML");
  assert_refused ("<scenario version=\"1\">\n<title>&nope;</title></scenario>\n", NFL_FORMAT_ERROR_SYNTAX, 2,
                  "nope");
  assert_refused ("just text", NFL_FORMAT_ERROR_SYNTAX, 1, "not well-formed XML");
}

static void
test_versions (void)
{
  assert_refused ("<scenario version=\"2\"/>", NFL_FORMAT_ERROR_VERSION, 1, "newer Netfilter Lab");
  assert_refused ("<?xml version=\"1.0\"?>\n<scenario version=\"17\"><future-thing/></scenario>",
                  NFL_FORMAT_ERROR_VERSION, 2, "format version 17");
  assert_refused ("<scenario version=\"one\"/>", NFL_FORMAT_ERROR_INVALID, 1, "expected version=\"1\"");
  assert_refused ("<scenario version=\"0\"/>", NFL_FORMAT_ERROR_INVALID, 1, "expected version=\"1\"");
  assert_refused ("<scenario/>", NFL_FORMAT_ERROR_INVALID, 1, "no version");
  assert_refused ("<html version=\"1\"/>", NFL_FORMAT_ERROR_INVALID, 1, "root element is <html>");
}

typedef struct {
  const char *body;       /* inside <scenario version="1"> … </scenario>, from line 2 */
  guint       line;
  const char *fragment;
} Bad;

#define NS1 "<namespace name=\"ns1\">\n"
#define END_NS "</namespace>\n"

static const Bad bad_files[] = {
  /* unknown elements, named with their line */
  { "<namespace name=\"ns1\"/>\n<teleporter/>\n", 3, "unknown element <teleporter> in <scenario>" },
  { NS1 "<interface name=\"lo\"><address cidr=\"127.0.0.1/8\"/><ipv6/></interface>\n" END_NS, 3, "unknown element <ipv6> in <interface>" },
  { "<x:title xmlns:x=\"urn:x\">t</x:title>\n", 2, "unknown element <x:title>" },
  /* the schema: missing attribute, bad value, extra attribute, order, text */
  { "<namespace/>\n", 2, "schema" },
  { NS1 "<interface name=\"lo\" up=\"maybe\"/>\n" END_NS, 3, "up" },
  { NS1 "<interface name=\"lo\" colour=\"red\"/>\n" END_NS, 3, "colour" },
  { "<probe namespace=\"ns1\" type=\"ping\" destination=\"10.0.0.1\"/>\n<namespace name=\"ns1\"/>\n", 3, "schema" },
  { NS1 "hello\n" END_NS, 2, "schema" },
  { NS1 "<service protocol=\"sctp\" port=\"80\"/>\n" END_NS, 3, "protocol" },
  { NS1 "<service protocol=\"tcp\" port=\"99999\"/>\n" END_NS, 3, "port" },
  { NS1 "<route to=\"10.0.0.0/8\" via=\"10.0.0.300\"/>\n" END_NS, 3, "via" },
  { NS1 "<table name=\"security\"/>\n" END_NS, 3, "name" },
  { NS1 "<table name=\"filter\"><chain name=\"INPUT\" policy=\"REJECT\"/></table>\n" END_NS, 3, "policy" },
  { NS1 "<table name=\"filter\"><chain name=\"INPUT\"><rule><target name=\"FLY\"/></rule></chain></table>\n" END_NS, 3, "schema" },
  { NS1 "<table name=\"filter\"><chain name=\"INPUT\"><rule><target name=\"LOG\" to-ports=\"80\"/></rule></chain></table>\n" END_NS, 3, "schema" },
  { NS1 "<table name=\"filter\"><chain name=\"INPUT\"><rule><target name=\"ACCEPT\"/><source address=\"1.2.3.4/32\"/></rule></chain></table>\n" END_NS, 3, "schema" },
  { "<probe namespace=\"ns1\" type=\"tcp\" destination=\"10.0.0.1\"/>\n", 2, "schema" },
  { "<lesson><exercise><text>no title</text></exercise></lesson>\n", 2, "schema" },
  /* names */
  { "<namespace name=\"a b\"/>\n", 2, "namespace name “a b” contains a space" },
  { "<namespace name=\"it's\"/>\n", 2, "contains “'”" },
  { "<namespace name=\"say&quot;hi\"/>\n", 2, "contains “\"”" },
  { "<namespace name=\"$(reboot)\"/>\n", 2, "contains “$”" },
  { "<namespace name=\"a;b\"/>\n", 2, "contains “;”" },
  { "<namespace name=\"a&#10;b\"/>\n", 2, "contains a newline" },
  { "<namespace name=\"\"/>\n", 2, "cannot be empty" },
  { "<namespace name=\"..\"/>\n", 2, "not a valid namespace name" },
  { "<namespace name=\"nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn\"/>\n", 2, "at most 64" },
  { NS1 "<interface name=\"averyveryverylongname\"/>\n" END_NS, 3, "at most 15" },
  { NS1 "<interface name=\"eth`id`\"/>\n" END_NS, 3, "contains “`”" },
  { NS1 "<table name=\"filter\"><chain name=\"-X\"/></table>\n" END_NS, 3, "starts with “-”" },
  { NS1 "<table name=\"filter\"><chain name=\"abcdefghijabcdefghijabcdefghij\"/></table>\n" END_NS, 3, "at most 28" },
  { NS1 "<table name=\"filter\"><chain name=\"INPUT\"><rule><in-interface name=\"e|x\"/></rule></chain></table>\n" END_NS, 3, "contains “|”" },
  { "<link><end namespace=\"a b\" interface=\"x\"/><end interface=\"y\"/></link>\n", 2, "a space" },
  /* the model */
  { "<namespace name=\"ns1\"/>\n<namespace name=\"ns1\"/>\n", 3, "defined twice (first at line 2)" },
  { NS1 "<interface name=\"v1\"/>\n<interface name=\"v1\"/>\n" END_NS, 4, "two interfaces named v1" },
  { NS1 "<interface name=\"v1\"/>\n" END_NS "<link><end namespace=\"ns1\" interface=\"v1\"/><end namespace=\"ns9\" interface=\"v2\"/></link>\n",
    5, "namespace “ns9”, which is not defined" },
  { NS1 "<interface name=\"v1\"/>\n" END_NS "<link><end namespace=\"ns1\" interface=\"v1\"/><end namespace=\"ns1\" interface=\"v2\"/></link>\n",
    5, "no <interface name=\"v2\">" },
  { NS1 "<interface name=\"v1\"/>\n" END_NS "<link><end interface=\"v1\"/><end namespace=\"ns1\" interface=\"v1\"/></link>\n",
    5, "the host" },
  { NS1 "<interface name=\"v1\"/>\n<interface name=\"v2\"/>\n" END_NS
    "<link><end namespace=\"ns1\" interface=\"v1\"/><end namespace=\"ns1\" interface=\"v2\"/></link>\n"
    "<link><end namespace=\"ns1\" interface=\"v1\"/><end namespace=\"ns1\" interface=\"v2\"/></link>\n",
    7, "already an end of the link at line 6" },
  { NS1 "<interface name=\"lo\"/>\n" END_NS "<link><end namespace=\"ns1\" interface=\"lo\"/><end namespace=\"ns1\" interface=\"lo\"/></link>\n",
    5, "lo cannot be the end of a link" },
  { NS1 "<interface name=\"v1\"/>\n" END_NS, 3, "not an end of any <link>" },
  { NS1 "<interface name=\"lo\" mac=\"02:00:00:00:00:01\"/>\n" END_NS, 3, "lo has no MAC" },
  { NS1 "<interface name=\"lo\"><address cidr=\"10.0.0.1/24\"/><address cidr=\"10.0.0.1/24\"/></interface>\n" END_NS, 3, "twice" },
  { NS1 "<interface name=\"lo\"><address cidr=\"10.0.0.1/255.0.0.0\"/></interface>\n" END_NS, 3, "prefix length" },
  { NS1 "<route to=\"10.0.0.0/8\" dev=\"veth9\"/>\n" END_NS, 3, "uses interface “veth9”, which ns1 does not have" },
  { NS1 "<route to=\"10.0.0.1/8\" dev=\"lo\"/>\n" END_NS, 3, "bits set past its prefix length" },
  { NS1 "<route to=\"10.0.0.0/8\"/>\n" END_NS, 3, "needs via" },
  { NS1 "<route to=\"10.0.0.0/8\" dev=\"lo\"/>\n<route to=\"10.0.0.0/8\" dev=\"lo\"/>\n" END_NS, 4, "File exists" },
  { NS1 "<sysctl name=\"net.ipv4.ip_forward\" value=\"1\"/>\n<sysctl name=\"net.ipv4.ip_forward\" value=\"0\"/>\n" END_NS, 4, "set twice" },
  { NS1 "<service protocol=\"tcp\" port=\"0\"/>\n" END_NS, 3, "1 to 65535" },
  { NS1 "<table name=\"nat\"/>\n<table name=\"nat\"/>\n" END_NS, 4, "listed twice" },
  { NS1 "<table name=\"filter\">\n<chain name=\"c\"/>\n<chain name=\"c\"/>\n</table>\n" END_NS, 5, "listed twice (first at line 4)" },
  { NS1 "<table name=\"filter\">\n<chain name=\"c\" policy=\"DROP\"/>\n</table>\n" END_NS, 4, "not a built-in chain" },
  { NS1 "<table name=\"filter\">\n<chain name=\"DNAT\"/>\n</table>\n" END_NS, 4, "name of a target" },
  { NS1 "<table name=\"filter\">\n<chain name=\"INPUT\">\n<rule>\n<jump chain=\"nowhere\"/>\n</rule>\n</chain>\n</table>\n" END_NS,
    6, "Chain 'nowhere' does not exist in table filter" },
  { NS1 "<table name=\"filter\">\n<chain name=\"INPUT\">\n<rule>\n<jump chain=\"INPUT\"/>\n</rule>\n</chain>\n</table>\n" END_NS,
    6, "built-in chain" },
  { NS1 "<table name=\"filter\">\n<chain name=\"a\"><rule><jump chain=\"b\"/></rule></chain>\n"
    "<chain name=\"b\"><rule><jump chain=\"a\"/></rule></chain>\n<chain name=\"INPUT\"><rule><jump chain=\"a\"/></rule></chain>\n</table>\n" END_NS,
    6, "loop" },
  { NS1 "<table name=\"nat\">\n<chain name=\"PREROUTING\">\n<rule>\n<target name=\"DROP\"/>\n</rule>\n</chain>\n</table>\n" END_NS,
    6, "not intended for filtering" },
  { NS1 "<table name=\"filter\">\n<chain name=\"INPUT\">\n<rule>\n<target name=\"DNAT\" to-destination=\"10.0.0.1\"/>\n</rule>\n</chain>\n</table>\n" END_NS,
    6, "nat table" },
  { NS1 "<table name=\"filter\">\n<chain name=\"INPUT\">\n<rule>\n<tcp>\n<dport port=\"22\"/>\n</tcp>\n</rule>\n</chain>\n</table>\n" END_NS,
    6, "rule in chain INPUT of table filter of ns1" },
  { NS1 "<table name=\"filter\">\n<chain name=\"INPUT\">\n<rule>\n<protocol name=\"tcp\"/>\n<tcp>\n<dport port=\"2:1\"/>\n</tcp>\n</rule>\n</chain>\n</table>\n" END_NS,
    8, "rule in chain INPUT" },
  { NS1 "<table name=\"filter\">\n<chain name=\"INPUT\">\n<rule>\n<source address=\"10.0.0.300/8\"/>\n</rule>\n</chain>\n</table>\n" END_NS,
    6, "10.0.0.300" },
  { NS1 "<table name=\"filter\">\n<chain name=\"INPUT\">\n<rule>\n<comment text=\"\"/>\n<protocol name=\"nosuchproto\"/>\n</rule>\n</chain>\n</table>\n" END_NS,
    7, "Did not expect element protocol there" },
  { NS1 "<table name=\"filter\">\n<chain name=\"INPUT\">\n<rule>\n<protocol name=\"nosuchproto\"/>\n</rule>\n</chain>\n</table>\n" END_NS,
    6, "nosuchproto" },
  { NS1 "<table name=\"filter\">\n<chain name=\"INPUT\" packets=\"-1\"/>\n</table>\n" END_NS, 4, "schema" },
  { NS1 END_NS "<probe namespace=\"ns2\" type=\"ping\" destination=\"10.0.0.1\"/>\n", 4, "namespace “ns2”, which is not defined" },
  { NS1 "<interface name=\"lo\" mtu=\"9\"/>\n" END_NS, 3, "schema" },
  { "<namespace name=\"ns1\" x=\"NaN\"/>\n", 2, "finite number" },
  { "<namespace name=\"ns1\" x=\"INF\"/>\n", 2, "finite number" },
};

static void
test_bad_file (gconstpointer data)
{
  const Bad *bad = data;
  g_autofree char *text = g_strdup_printf ("<scenario version=\"1\">\n%s</scenario>\n", bad->body);

  assert_refused (text, -1, bad->line, bad->fragment);
}

/* validate lists every problem, each with its line */
static void
test_validate_all (void)
{
  const char *text =
    "<scenario version=\"1\">\n"
    "<namespace name=\"ns1\">\n"
    "<interface name=\"v1\"/>\n"
    "<route to=\"10.0.0.0/8\" dev=\"nope\"/>\n"
    "<table name=\"filter\"><chain name=\"INPUT\"><rule><jump chain=\"gone\"/></rule></chain></table>\n"
    "</namespace>\n"
    "<namespace name=\"ns1\"/>\n"
    "<probe namespace=\"ns7\" type=\"ping\" destination=\"10.0.0.1\"/>\n"
    "</scenario>\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GPtrArray) problems = nfl_scenario_validate_xml_bytes (bytes, "v.xml");
  g_autoptr(GString) all = g_string_new (NULL);

  for (guint i = 0; i < problems->len; i++)
    g_string_append_printf (all, "%s\n", (const char *) g_ptr_array_index (problems, i));
  if (g_test_verbose ())
    g_test_message ("%s", all->str);
  g_assert_cmpuint (problems->len, ==, 5);
  g_assert_nonnull (strstr (all->str, "v.xml:7: namespace ns1 is defined twice"));
  g_assert_nonnull (strstr (all->str, "v.xml:3: interface v1 of ns1 is not an end"));
  g_assert_nonnull (strstr (all->str, "v.xml:4: the route to 10.0.0.0/8 uses interface “nope”"));
  g_assert_nonnull (strstr (all->str, "v.xml:5: rule in chain INPUT"));
  g_assert_nonnull (strstr (all->str, "v.xml:8: the probe starts in namespace “ns7”"));

  /* a valid file has none; several names at once are all listed */
  {
    g_autoptr(NflScenario) scenario = from_commands (every_option);
    g_autoptr(GBytes) good = nfl_scenario_to_xml_bytes (scenario, NULL);
    g_autoptr(GPtrArray) none = nfl_scenario_validate_xml_bytes (good, "good.xml");
    const char *names = "<scenario version=\"1\">\n<namespace name=\"a b\"/>\n<namespace name=\"c;d\"/>\n<x/>\n</scenario>\n";
    g_autoptr(GBytes) named = g_bytes_new_static (names, strlen (names));
    g_autoptr(GPtrArray) three = nfl_scenario_validate_xml_bytes (named, "n.xml");

    g_assert_cmpuint (none->len, ==, 0);
    g_assert_cmpuint (three->len, ==, 3);
  }
}

/* A model the format cannot hold is refused on saving, not written as a
 * file that cannot be read back. */
static void
test_save_refuses (void)
{
  g_autoptr(NflScenario) scenario = from_commands ("ip netns add 'a;b'\n");
  g_autoptr(NflScenario) control = from_commands ("ip netns add ok\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = nfl_scenario_to_xml_bytes (scenario, &error);
  NflNamespace *ns = nfl_scenario_find_namespace (control, "ok");

  g_assert_null (bytes);
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“a;b” contains “;”"));
  g_clear_error (&error);

  g_free (ns->notes);
  ns->notes = g_strdup ("bell \a");
  bytes = nfl_scenario_to_xml_bytes (control, &error);
  g_assert_null (bytes);
  g_assert_nonnull (strstr (error->message, "control character"));
}

/* ---------------------------------------------------------------------- */

int
main (int    argc,
      char **argv)
{

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nfl/engine/scenario-xml/every-option", test_every_option);
  g_test_add_func ("/nfl/engine/scenario-xml/model-fields", test_model_fields);
  g_test_add_func ("/nfl/engine/scenario-xml/deterministic", test_deterministic);
  g_test_add_func ("/nfl/engine/scenario-xml/empty", test_empty);
  g_test_add_func ("/nfl/engine/scenario-xml/hand-written", test_hand_written);
  g_test_add_func ("/nfl/engine/scenario-xml/bridges", test_bridges);
  g_test_add_func ("/nfl/engine/scenario-xml/save-atomic", test_save_atomic);
  g_test_add_func ("/nfl/engine/scenario-xml/save-refuses", test_save_refuses);
  g_test_add_func ("/nfl/engine/scenario-xml/huge-file", test_huge_file);
  g_test_add_func ("/nfl/engine/scenario-xml/xxe", test_xxe);
  g_test_add_func ("/nfl/engine/scenario-xml/billion-laughs", test_billion_laughs);
  g_test_add_func ("/nfl/engine/scenario-xml/syntax-errors", test_syntax_errors);
  g_test_add_func ("/nfl/engine/scenario-xml/versions", test_versions);
  g_test_add_func ("/nfl/engine/scenario-xml/validate-all", test_validate_all);
  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    {
      g_autofree char *path = g_strdup_printf ("/nfl/engine/scenario-xml/refused/%02u", i);
      g_test_add_data_func (path, &bad_files[i], test_bad_file);
    }

  nfl_test_add_kernel_fixtures ("/nfl/engine/scenario-xml/fixture", test_fixture);
  return g_test_run ();
}
