/* test-commands.c: the command language, its errors and its atomicity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "nfl-engine.h"

static const char *topology =
  "sudo ip netns add ns1\n"
  "sudo ip netns add ns2\n"
  "ip link add veth1_ns1 netns ns1 type veth peer name veth1_ns2 netns ns2\n"
  "ip netns exec ns1 ip link set veth1_ns1 up\n"
  "ip -n ns2 link set veth1_ns2 up\n"
  "ip netns exec ns1 ip addr add 10.1.0.10/24 dev veth1_ns1\n"
  "ip netns exec ns2 ip addr add 10.1.0.1/24 dev veth1_ns2\n"
  "ip netns exec ns2 sysctl -w net.ipv4.ip_forward=1\n";

static char *
save_of (NflScenario *scenario,
         const char  *ns_name)
{
  NflNamespace *ns = nfl_scenario_find_namespace (scenario, ns_name);

  g_assert_nonnull (ns);
  return nfl_iptables_save (ns->ruleset, TRUE);
}

static void
test_topology (void)
{
  g_autoptr(NflScenario) scenario = nfl_scenario_new ();
  g_autoptr(GError) error = NULL;
  NflNamespace *ns1, *ns2;
  NflInterface *a, *b;

  g_assert_true (nfl_commands_apply (scenario, topology, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (nfl_scenario_get_namespaces (scenario)->len, ==, 2);
  ns1 = nfl_scenario_find_namespace (scenario, "ns1");
  ns2 = nfl_scenario_find_namespace (scenario, "ns2");
  a = nfl_namespace_find_interface (ns1, "veth1_ns1");
  b = nfl_namespace_find_interface (ns2, "veth1_ns2");
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_true (a->peer == b && b->peer == a);
  g_assert_true (a->up && b->up);
  g_assert_cmpuint (a->addresses->len, ==, 1);
  g_assert_cmpuint (g_array_index (a->addresses, NflAddress, 0).addr, ==, 0x0a01000a);
  g_assert_cmpuint (g_array_index (a->addresses, NflAddress, 0).prefix_len, ==, 24);
  g_assert_true (ns2->ip_forward);
  g_assert_false (ns1->ip_forward);
  /* every namespace has lo first */
  g_assert_cmpstr (((NflInterface *) g_ptr_array_index (ns1->interfaces, 0))->name, ==, "lo");
}

static const char bridge_setup[] =
  "ip netns add sw\n"
  "ip netns add a\n"
  "ip netns add b\n"
  "ip link add vetha netns a type veth peer name porta netns sw\n"
  "ip link add vethb netns b type veth peer name portb netns sw\n"
  "ip -n sw link add br0 type bridge\n"
  "ip -n sw link set porta master br0\n"
  "ip netns exec sw ip link set dev portb master br0 up\n"
  "ip -n sw link set br0 up\n"
  "ip netns exec sw sysctl -w net.bridge.bridge-nf-call-iptables=0 net.ipv4.igmp_link_local_mcast_reports=0\n"
  "ip netns exec sw sysctl -w net.ipv4.conf.all.accept_redirects=0\n"
  "ip netns exec sw sysctl -w net.ipv4.igmp_link_local_mcast_reports=1\n";

/* ip link add … type bridge, master/nomaster, and the sysctls a bridge
 * host writes: one modelled, the others kept as written */
static void
test_bridges (void)
{
  g_autoptr(NflScenario) scenario = nfl_scenario_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) ports = NULL;
  NflNamespace *sw;
  NflInterface *br0, *porta, *portb;

  g_assert_true (nfl_commands_apply (scenario, bridge_setup, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  sw = nfl_scenario_find_namespace (scenario, "sw");
  br0 = nfl_namespace_find_interface (sw, "br0");
  porta = nfl_namespace_find_interface (sw, "porta");
  portb = nfl_namespace_find_interface (sw, "portb");
  g_assert_true (br0->is_bridge && br0->up && br0->peer == NULL);
  g_assert_true (porta->master == br0 && portb->master == br0 && portb->up && !porta->up);
  ports = nfl_bridge_dup_ports (br0);
  g_assert_cmpuint (ports->len, ==, 2);
  g_assert_false (sw->bridge_nf_call_iptables);
  /* kept in the order last written, one value per key */
  g_assert_cmpuint (sw->other_sysctls->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (sw->other_sysctls, 0), ==, "net.ipv4.conf.all.accept_redirects=0");
  g_assert_cmpstr (g_ptr_array_index (sw->other_sysctls, 1), ==, "net.ipv4.igmp_link_local_mcast_reports=1");

  /* (a change applies to a copy that then replaces the contents) */
  g_assert_true (nfl_commands_apply (scenario, "ip -n sw link set porta nomaster\n", NULL, NULL, NULL, &error));
  sw = nfl_scenario_find_namespace (scenario, "sw");
  g_assert_null (nfl_namespace_find_interface (sw, "porta")->master);
  /* a port moved to another namespace leaves its bridge, as in the kernel */
  g_assert_true (nfl_commands_apply (scenario, "ip -n sw link set portb netns a\n", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  sw = nfl_scenario_find_namespace (scenario, "sw");
  br0 = nfl_namespace_find_interface (sw, "br0");
  g_assert_null (nfl_namespace_find_interface (nfl_scenario_find_namespace (scenario, "a"), "portb")->master);
  g_clear_pointer (&ports, g_ptr_array_unref);
  ports = nfl_bridge_dup_ports (br0);
  g_assert_cmpuint (ports->len, ==, 0);
}

typedef struct {
  const char *text;
  guint       line;
  guint       column;
  const char *fragment;   /* part of the message */
} BadInput;

static const BadInput bad_inputs[] = {
  { "ip netns add ns3\nip netns add ns3\n", 2, 14, "File exists" },
  { "ip netns add 'a/b'\n", 1, 14, "file name" },
  { "ip netns add \"a b\"\n", 1, 14, "space" },
  { "ip netns add ok\nip link add averyveryverylongname netns ok type veth peer name x netns ok\n", 2, 13, "15 bytes" },
  { "ip netns add ok\nip link add 'a/b' netns ok type veth peer name x netns ok\n", 2, 13, "“/”" },
  { "ip netns add ok\nip link add 'a b' netns ok type veth peer name x netns ok\n", 2, 13, "space" },
  { "ip netns add ok\nip netns exec ok iptables -A INPUT -s 10.0.0.300 -j DROP\n", 2, 39, "10.0.0.300" },
  { "ip netns add ok\nip netns exec ok iptables -A INPUT -j NOPE\n", 2, 39, "NOPE" },
  { "ip netns add ok\nip netns exec ok iptables -A -t nat -A PREROUTING -j my_chain\n", 2, 33, "nat" },
  { "ip netns exec missing ip link set lo up\n", 1, 15, "missing" },
  { "ip netns add ok\nip netns exec ok ip route add default via 10.9.9.9\n", 2, 43, "Nexthop" },
  { "ip netns add ok; rm -rf /\n", 1, 16, "shell" },
  { "ip netns add $(whoami)\n", 1, 14, "shell" },
  { "ip netns add `id`\n", 1, 14, "shell" },
  { "ip netns add 'unclosed\n", 1, 14, "never closed" },
  { "iptables -A INPUT -j DROP\n", 1, 1, "outside a namespace" },
  { "ip netns add ok\nip netns exec ok sysctl -w kernel.panic=1\n", 2, 28, "not simulated" },
  { "ip netns add ok\nip netns exec ok iptables -P my_chain DROP\n", 2, 30, "my_chain" },
  { "ip netns add ok\nip netns exec ok iptables -I INPUT 2 -j DROP\n", 2, 36, "Index of insertion too big" },
  { "ip netns add ok\nip -n ok link add br0 type bridge stp_state 1\n", 2, 35, "not simulated" },
  { "ip netns add ok\nip -n ok link add br0 type vxlan\n", 2, 28, "vxlan" },
  { "ip netns add ok\nip -n ok link add br0 type bridge\nip -n ok link add br0 type bridge\n", 3, 19, "File exists" },
  { "ip netns add ok\nip -n ok link add v type veth peer name w\nip -n ok link set v master w\n", 3, 28, "not a bridge" },
  { "ip netns add ok\nip -n ok link add b1 type bridge\nip -n ok link add b2 type bridge\n"
    "ip -n ok link set b1 master b2\n", 4, 29, "bridge to a bridge" },
  { "ip netns add ok\nip -n ok link set lo master nope\n", 2, 29, "nope" },
  { "ip netns add ok\nip netns exec ok sysctl -w net.ipv4.conf.all.log_martians\n", 2, 28, "cannot be read" },
  { "ip netns add ok\nip netns exec ok sysctl -w net.ipv4.conf.eth9.send_redirects=0\n", 2, 28, "no interface eth9" },
  { "ip netns add ok\nip netns exec ok sysctl -w net.ipv4.conf.all.accept_redirects=no\n", 2, 28, "takes a number" },
  { "ip netns add ok\nip netns exec ok sysctl -w net.bridge.bridge-nf-call-iptables=2\n", 2, 28, "0 or 1" },
  { "sysctl -w net.ipv4.conf.all.rp_filter=1\n", 1, 11, "outside a namespace" },
  { "ip netns add ok\nip netns exec ok sysctl -w net.ipv4.conf.eth9.rp_filter=1\n", 2, 28, "no interface eth9" },
  { "ip netns add ok\nip netns exec ok sysctl -w net.ipv4.conf.all.rp_filter=3\n", 2, 28, "2 (loose)" },
};

static void
test_bad_input (gconstpointer data)
{
  const BadInput *bad = data;
  g_autoptr(NflScenario) scenario = nfl_scenario_new ();
  g_autoptr(GError) error = NULL;
  NflSourcePos where = { 0 };

  g_assert_true (nfl_commands_apply (scenario, "ip netns add before\n", NULL, NULL, NULL, &error));
  g_assert_false (nfl_commands_apply (scenario, bad->text, NULL, NULL, &where, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_cmpuint (where.line, ==, bad->line);
  g_assert_cmpuint (where.column, ==, bad->column);
  g_assert_nonnull (strstr (error->message, bad->fragment));
  { g_autofree char *prefix = g_strdup_printf ("%u:%u: ", bad->line, bad->column); g_assert_true (g_str_has_prefix (error->message, prefix)); }
  /* nothing of the failed text was applied */
  g_assert_cmpuint (nfl_scenario_get_namespaces (scenario)->len, ==, 1);
  g_assert_nonnull (nfl_scenario_find_namespace (scenario, "before"));
}

static void
test_atomic (void)
{
  g_autoptr(NflScenario) scenario = nfl_scenario_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL;
  const char *bad =
    "ip netns exec ns1 iptables -A INPUT -s 10.0.0.1 -j DROP\n"
    "ip netns exec ns1 iptables -P INPUT DROP\n"
    "ip netns exec ns1 iptables -A INPUT -j NO_SUCH_CHAIN\n";

  g_assert_true (nfl_commands_apply (scenario, topology, NULL, NULL, NULL, &error));
  before = save_of (scenario, "ns1");
  g_assert_false (nfl_commands_apply (scenario, bad, NULL, NULL, NULL, &error));
  g_clear_error (&error);
  after = save_of (scenario, "ns1");
  g_assert_cmpstr (before, ==, after);
}

static void
test_listing_output (void)
{
  g_autoptr(NflScenario) scenario = nfl_scenario_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) output = g_string_new (NULL);

  g_assert_true (nfl_commands_apply (scenario, topology, NULL, NULL, NULL, &error));
  g_assert_true (nfl_commands_apply (scenario,
                                     "ip netns exec ns1 iptables -A INPUT -p tcp --dport 22 -j ACCEPT\n"
                                     "ip netns exec ns1 iptables -S INPUT\n",
                                     NULL, output, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (output->str, ==, "-P INPUT ACCEPT\n-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n");
}

static void
test_default_namespace (void)
{
  g_autoptr(NflScenario) scenario = nfl_scenario_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;

  g_assert_true (nfl_commands_apply (scenario, "ip netns add host\n", NULL, NULL, NULL, &error));
  g_assert_true (nfl_commands_apply (scenario, "sudo iptables -P INPUT DROP\nsudo iptables -N my_chain\n",
                                     "host", NULL, NULL, &error));
  g_assert_no_error (error);
  saved = save_of (scenario, "host");
  g_assert_nonnull (strstr (saved, ":INPUT DROP [0:0]\n"));
  g_assert_nonnull (strstr (saved, ":my_chain - [0:0]\n"));
}

static void
test_split (void)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GArray) starts = NULL;
  g_autoptr(GError) error = NULL;
  guint bad = 0;

  g_assert_true (nfl_command_split ("iptables -m comment --comment \"a \\\"b\\\"\" 'c d'  # tail",
                                    &words, &starts, &bad, &error));
  g_assert_cmpuint (g_strv_length (words), ==, 6);
  g_assert_cmpstr (words[4], ==, "a \"b\"");
  g_assert_cmpstr (words[5], ==, "c d");
  g_assert_cmpuint (g_array_index (starts, guint, 5), ==, 40);
}

static void
test_split_text (void)
{
  g_autoptr(GPtrArray) commands = nfl_commands_split_text (
    "# a comment\n"
    "\n"
    "ip netns add ns1\n"
    "  # indented comment\n"
    "ip netns exec ns1 iptables-restore <<'END'\n"
    "*filter\n"
    "COMMIT\n"
    "END\n"
    "iptables -L\n"
    "iptables-restore <<END\n"
    "*nat\n");
  NflCommand *c;

  g_assert_cmpuint (commands->len, ==, 4);
  c = g_ptr_array_index (commands, 0);
  g_assert_cmpuint (c->line, ==, 3);
  g_assert_cmpuint (c->n_lines, ==, 1);
  g_assert_cmpstr (c->text, ==, "ip netns add ns1");
  g_assert_null (c->input);
  g_assert_null (c->error);
  c = g_ptr_array_index (commands, 1);
  g_assert_cmpuint (c->line, ==, 5);
  g_assert_cmpuint (c->n_lines, ==, 4);
  g_assert_cmpstr (c->input, ==, "*filter\nCOMMIT\n");
  g_assert_false (c->incomplete);
  c = g_ptr_array_index (commands, 2);
  g_assert_cmpuint (c->line, ==, 9);
  c = g_ptr_array_index (commands, 3);
  g_assert_cmpuint (c->line, ==, 10);
  g_assert_true (c->incomplete);
  g_assert_nonnull (c->error);
  g_assert_cmpuint (c->error_pos.line, ==, 10);
  g_assert_cmpuint (c->error_pos.column, ==, 18);
  g_assert_true (g_str_has_prefix (c->error->message, "10:18: the here-document has no end line"));
}

/* Runs @text's commands one by one, as a console does */
static gboolean
run_each (NflScenario    *scenario,
          NflCommandHost *host,
          const char     *ns,
          const char     *text,
          GString        *output,
          NflCommandReport *last,
          GError        **error)
{
  g_autoptr(GPtrArray) commands = nfl_commands_split_text (text);

  for (guint i = 0; i < commands->len; i++)
    {
      NflCommandReport report = { 0 };
      NflSourcePos where = { 0 };

      if (!nfl_commands_run_one (scenario, host, ns, g_ptr_array_index (commands, i), output, &report,
                                 &where, error))
        return FALSE;
      if (last != NULL)
        {
          nfl_command_report_clear (last);
          *last = report;
        }
      else
        nfl_command_report_clear (&report);
    }
  return TRUE;
}

static void
changed_cb (NflScenario *scenario,
            guint       *count)
{
  (*count)++;
}

static void
test_run_one (void)
{
  g_autoptr(NflScenario) scenario = nfl_scenario_new ();
  g_autoptr(GString) output = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bad = NULL;
  g_autofree char *before = NULL, *after = NULL;
  NflCommandReport report = { 0 };
  NflSourcePos where = { 0 };
  guint changes = 0;

  g_signal_connect (scenario, "changed", G_CALLBACK (changed_cb), &changes);
  g_assert_true (run_each (scenario, NULL, NULL, topology, output, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 8);

  /* a listing changes nothing and says where it looked */
  changes = 0;
  g_assert_true (run_each (scenario, NULL, NULL, "ip netns exec ns2 iptables -t nat -L POSTROUTING -n",
                           output, &report, &error));
  g_assert_cmpstr (output->str, ==,
                   "Chain POSTROUTING (policy ACCEPT)\n"
                   "target     prot opt source               destination         \n");
  g_assert_false (report.changed);
  g_assert_true (report.iptables);
  g_assert_cmpstr (report.namespace, ==, "ns2");
  g_assert_cmpint (report.table, ==, NFL_TABLE_NAT);
  g_assert_cmpstr (report.chain, ==, "POSTROUTING");
  g_assert_cmpuint (changes, ==, 0);

  g_assert_true (run_each (scenario, NULL, NULL,
                           "ip netns exec ns2 iptables -t mangle -N marks\n"
                           "ip netns exec ns2 iptables -t mangle -E marks marked\n",
                           NULL, &report, &error));
  g_assert_true (report.changed);
  g_assert_cmpint (report.table, ==, NFL_TABLE_MANGLE);
  g_assert_cmpstr (report.chain, ==, "marked");
  g_assert_cmpuint (changes, ==, 2);

  g_assert_true (run_each (scenario, NULL, NULL, "ip netns exec ns1 iptables -A INPUT -j ACCEPT", NULL,
                           &report, &error));
  g_assert_true (report.changed);
  for (guint i = 0; i < 5; i++)
    {
      static const char *const reading[] = {
        "ip netns exec ns1 ip addr show", "ip -n ns1 route", "ip netns list",
        "ip netns exec ns1 iptables -C INPUT -j ACCEPT", "ip netns exec ns1 iptables -S",
      };

      g_assert_true (run_each (scenario, NULL, NULL, reading[i], NULL, &report, &error));
      g_assert_false (report.changed);
    }
  g_assert_true (run_each (scenario, NULL, NULL, "ip netns exec ns1 iptables-save -t raw", output, &report,
                           &error));
  g_assert_false (report.changed);
  g_assert_cmpint (report.table, ==, NFL_TABLE_RAW);
  g_assert_null (report.chain);

  /* all or nothing: "up" applies only when the whole line is right */
  before = save_of (scenario, "ns1");
  g_string_truncate (output, 0);
  bad = nfl_commands_split_text ("\n\nip netns exec ns1 ip link set veth1_ns1 down mtu 12\n");
  g_assert_false (nfl_commands_run_one (scenario, NULL, NULL, g_ptr_array_index (bad, 0), output, &report,
                                        &where, &error));
  g_assert_cmpstr (error->message, ==, "3:50: “12”: “mtu” needs a number from 68 to 65535");
  g_assert_cmpuint (where.line, ==, 3);
  g_assert_cmpuint (where.column, ==, 50);
  g_assert_true (nfl_namespace_find_interface (nfl_scenario_find_namespace (scenario, "ns1"), "veth1_ns1")->up);
  g_clear_error (&error);

  g_assert_false (run_each (scenario, NULL, NULL, "ip netns exec ns1 iptables -A NOPE -j DROP", output,
                            NULL, &error));
  g_assert_true (g_str_has_prefix (error->message, "1:31: “NOPE”: iptables (ns1): No chain"));
  g_clear_error (&error);
  after = save_of (scenario, "ns1");
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpstr (output->str, ==, "");
  nfl_command_report_clear (&report);
}

static void
test_run_host (void)
{
  g_autoptr(NflScenario) scenario = nfl_scenario_new ();
  g_autoptr(NflCommandHost) host = nfl_command_host_new ();
  g_autoptr(GString) output = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  NflCommandReport report = { 0 };

  /* without a host bare lines are refused */
  g_assert_false (run_each (scenario, NULL, NULL, "iptables -A INPUT -j ACCEPT", NULL, NULL, &error));
  g_assert_nonnull (strstr (error->message, "would change the host"));
  g_clear_error (&error);

  /* a fresh machine: no table in use */
  g_assert_true (run_each (scenario, host, NULL, "iptables-save\niptables -L INPUT -n\n", output, NULL, &error));
  g_assert_cmpstr (output->str, ==, "Chain INPUT (policy ACCEPT)\n"
                                    "target     prot opt source               destination         \n");
  g_assert_true (run_each (scenario, host, NULL,
                           "iptables -P FORWARD DROP\n"
                           "sudo iptables -t nat -A POSTROUTING -o eth0 -j MASQUERADE\n"
                           "sysctl -w net.ipv4.ip_forward=1\n",
                           NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_true (report.changed);
  g_assert_false (report.iptables);
  saved = nfl_iptables_save (nfl_command_host_get_ruleset (host), FALSE);
  g_assert_cmpstr (saved, ==,
                   "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD DROP [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n"
                   "*nat\n:PREROUTING ACCEPT [0:0]\n:INPUT ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                   ":POSTROUTING ACCEPT [0:0]\n-A POSTROUTING -o eth0 -j MASQUERADE\nCOMMIT\n");
  g_assert_true (nfl_command_host_get_ip_forward (host));
  g_assert_cmpuint (nfl_scenario_get_namespaces (scenario)->len, ==, 0);

  g_string_truncate (output, 0);
  g_assert_true (run_each (scenario, host, NULL, "sysctl net.ipv4.ip_forward\nsysctl -n net.ipv4.ip_forward",
                           output, &report, &error));
  g_assert_cmpstr (output->str, ==, "net.ipv4.ip_forward = 1\n1\n");
  g_assert_false (report.changed);

  /* a default namespace comes first */
  g_assert_true (run_each (scenario, host, NULL, "ip netns add ns1", NULL, NULL, &error));
  g_assert_true (run_each (scenario, host, "ns1", "iptables -N only_in_ns1", NULL, &report, &error));
  g_assert_cmpstr (report.namespace, ==, "ns1");
  g_assert_null (nfl_ruleset_find_chain (nfl_command_host_get_ruleset (host), NFL_TABLE_FILTER, "only_in_ns1"));
  g_assert_true (run_each (scenario, host, NULL,
                           "iptables-restore <<'EOF'\n*raw\n-A PREROUTING -j NOTRACK\nCOMMIT\nEOF\n",
                           NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_true (report.iptables);
  g_assert_null (report.namespace);
  g_assert_cmpint (report.table, ==, NFL_TABLE_RAW);
  nfl_command_report_clear (&report);
}

static void
test_save_command (void)
{
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 12, 2, 18, 38, 2);
  NflRuleset *ruleset = nfl_ruleset_new ();
  g_autoptr(GString) output = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  char *argv_all[] = { (char *) "iptables-save", (char *) "-c", NULL };
  char *argv_nat[] = { (char *) "iptables-nft-save", (char *) "-tnat", NULL };
  char *argv_bad[] = { (char *) "iptables-save", (char *) "--table", (char *) "bogus", NULL };
  char *argv_rule[] = { (char *) "iptables", (char *) "-A", (char *) "INPUT", (char *) "-j", (char *) "DROP", NULL };
  int table = 0, bad = 0;

  /* nothing in use: nothing printed */
  g_assert_true (nfl_iptables_save_run (ruleset, 2, argv_all, when, output, &table, &bad, &error));
  g_assert_cmpstr (output->str, ==, "");
  g_assert_cmpint (table, ==, -1);
  g_assert_true (nfl_iptables_run (ruleset, 5, argv_rule, NULL, NULL, &error));
  g_assert_true (nfl_iptables_save_run (ruleset, 2, argv_all, when, output, &table, &bad, &error));
  g_assert_cmpstr (output->str, ==,
                   "# Generated by iptables-save v1.8.9 (nf_tables) on Wed Dec  2 18:38:02 2026\n"
                   "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                   "[0:0] -A INPUT -j DROP\nCOMMIT\n"
                   "# Completed on Wed Dec  2 18:38:02 2026\n");
  /* a table named with -t is printed even when nothing uses it */
  g_string_truncate (output, 0);
  g_assert_true (nfl_iptables_save_run (ruleset, 2, argv_nat, when, output, &table, &bad, &error));
  g_assert_cmpint (table, ==, NFL_TABLE_NAT);
  g_assert_true (g_str_has_prefix (output->str,
                                   "# Generated by iptables-nft-save v1.8.9 (nf_tables) on Wed Dec  2 18:38:02 2026\n"
                                   "*nat\n:PREROUTING ACCEPT [0:0]\n"));
  g_assert_false (nfl_iptables_save_run (ruleset, 3, argv_bad, when, output, &table, &bad, &error));
  g_assert_cmpint (bad, ==, 2);
  g_assert_true (g_str_has_prefix (error->message, "Table `bogus' does not exist"));
  nfl_ruleset_free (ruleset);
}

static void
test_restore_round_trip (void)
{
  g_autoptr(NflScenario) scenario = nfl_scenario_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL, *again = NULL;
  NflRuleset *restored, *base;
  NflNamespace *ns;

  g_assert_true (nfl_commands_apply (scenario, topology, NULL, NULL, NULL, &error));
  g_assert_true (nfl_commands_apply (scenario,
    "ip netns exec ns2 iptables -N CHECK\n"
    "ip netns exec ns2 iptables -A FORWARD -i veth1_ns2 -p icmp -j CHECK\n"
    "ip netns exec ns2 iptables -A CHECK -s 10.2.0.0/24 -m comment --comment \"say \\\"hi\\\"\" -j RETURN\n"
    "ip netns exec ns2 iptables -t nat -A PREROUTING -d 10.99.0.1 -p tcp --dport 80 -j DNAT --to-destination 10.1.0.10:8080\n"
    "ip netns exec ns2 iptables -t mangle -A FORWARD -j MARK --set-mark 7\n"
    "ip netns exec ns2 iptables -A CHECK -j LOG --log-prefix \"x y \" --log-level info\n",
    NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  ns = nfl_scenario_find_namespace (scenario, "ns2");
  saved = nfl_iptables_save (ns->ruleset, TRUE);
  base = nfl_ruleset_new ();
  restored = nfl_iptables_restore (base, saved, -1, &error);
  g_assert_no_error (error);
  again = nfl_iptables_save (restored, TRUE);
  g_assert_cmpstr (saved, ==, again);
  nfl_ruleset_free (restored);
  nfl_ruleset_free (base);
}

static void
test_restore_errors (void)
{
  static const struct { const char *text; const char *prefix; } cases[] = {
    { "*filter\n-A INPUT -j DROP\n", "2:1: table filter (line 1) ends without COMMIT" },
    { "*filter\n:INPUT DROP [0:0]\n-A INPUT -s 300.1.1.1 -j DROP\nCOMMIT\n", "3:13: " },
    { "*bogus\nCOMMIT\n", "1:2: " },
    { "*filter\n:INPUT ACCEPT [0:0]\n:ACCEPT - [0:0]\nCOMMIT\n", "3:2: chain name may not clash" },
    { "*filter\n:-x - [0:0]\nCOMMIT\n", "2:2: chain name not allowed to start" },
    { "-A INPUT -j DROP\n", "1:1: " },
    { "*nat\n-A PREROUTING -j DROP\nCOMMIT\n", "2:" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      NflRuleset *base = nfl_ruleset_new ();
      NflRuleset *result = nfl_iptables_restore (base, cases[i].text, -1, &error);

      g_assert_null (result);
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, cases[i].prefix));
      nfl_ruleset_free (base);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nfl/engine/commands/topology", test_topology);
  g_test_add_func ("/nfl/engine/commands/bridges", test_bridges);
  g_test_add_func ("/nfl/engine/commands/atomic", test_atomic);
  g_test_add_func ("/nfl/engine/commands/listing-output", test_listing_output);
  g_test_add_func ("/nfl/engine/commands/default-namespace", test_default_namespace);
  g_test_add_func ("/nfl/engine/commands/split", test_split);
  g_test_add_func ("/nfl/engine/commands/split-text", test_split_text);
  g_test_add_func ("/nfl/engine/commands/run-one", test_run_one);
  g_test_add_func ("/nfl/engine/commands/run-host", test_run_host);
  g_test_add_func ("/nfl/engine/iptables-save/command", test_save_command);
  g_test_add_func ("/nfl/engine/iptables-save/round-trip", test_restore_round_trip);
  g_test_add_func ("/nfl/engine/iptables-save/errors", test_restore_errors);
  for (guint i = 0; i < G_N_ELEMENTS (bad_inputs); i++)
    {
      g_autofree char *path = g_strdup_printf ("/nfl/engine/commands/bad-input/%u", i);
      g_test_add_data_func (path, &bad_inputs[i], test_bad_input);
    }
  return g_test_run ();
}
