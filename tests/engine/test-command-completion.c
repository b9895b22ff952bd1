/* test-command-completion.c: Tab completion of command lines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "nfl-engine.h"
#include "nfl-test-topology.h"

static NflScenario *scenario;

/* The candidates at the end of @line, joined by blanks. */
static char *
complete (const char *ns,
          const char *line,
          guint       expected_start)
{
  guint start = 999;
  g_auto(GStrv) words = nfl_commands_complete (scenario, ns, line, strlen (line), &start);

  g_assert_cmpuint (start, ==, expected_start);
  return g_strjoinv (" ", words);
}

#define CHECK(ns, line, start, expected) \
  G_STMT_START { \
    g_autofree char *got = complete (ns, line, start); \
    g_assert_cmpstr (got, ==, expected); \
  } G_STMT_END

static void
test_programs_and_namespaces (void)
{
  CHECK (NULL, "ipt", 0, "iptables iptables-restore iptables-save");
  CHECK (NULL, "sudo ip netns exec n", 19, "ns1 ns2 ns3");
  CHECK (NULL, "ip -n ns", 6, "ns1 ns2 ns3");
  CHECK (NULL, "ip netns ", 9, "add delete exec list");
  CHECK (NULL, "ip ", 3, "addr link netns route");
}

static void
test_tables_chains_targets (void)
{
  CHECK ("ns2", "iptables -t ", 12, "filter mangle nat raw");
  CHECK ("ns2", "iptables -t nat -A P", 19, "POSTROUTING PREROUTING");
  CHECK ("ns2", "iptables -A ", 12, "FORWARD INPUT OUTPUT my_chain");
  CHECK ("ns2", "iptables -A INPUT -j my", 21, "my_chain");
  CHECK ("ns2", "iptables -A INPUT -j D", 21, "DNAT DROP");
  CHECK ("ns2", "iptables -A INPUT -g ", 21, "my_chain");
  CHECK (NULL, "ip netns exec ns2 iptables -t nat -L P", 37, "POSTROUTING PREROUTING");
}

static void
test_interfaces_and_options (void)
{
  CHECK ("ns2", "iptables -A FORWARD -i v", 23, "veth1_ns2 veth2_ns2");
  CHECK (NULL, "ip netns exec ns1 iptables -A OUTPUT -o ", 40, "lo veth1_ns1");
  CHECK ("ns2", "iptables -A INPUT -p ", 21, "all icmp tcp udp");
  CHECK ("ns2", "iptables -A INPUT -m mu", 21, "multiport");
  CHECK ("ns2", "iptables -A INPUT -p tcp --d", 25, "--delete --delete-chain --destination --dport");
  CHECK ("ns2", "iptables -t nat -A PREROUTING -j DNAT --to", 38, "--to-destination");
  CHECK ("ns2", "iptables -A INPUT -m conntrack --ctst", 31, "--ctstate --ctstatus");
  CHECK ("ns2", "iptables -A INPUT -m conntrack --ctrepl", 31, "--ctrepldst --ctrepldstport --ctreplsrc --ctreplsrcport");
  CHECK ("ns2", "iptables -t mangle -A FORWARD -p tcp -j TCPMSS --cl", 47, "--clamp-mss-to-pmtu");
  /* nothing that fits */
  CHECK ("ns2", "iptables -A INPUT -j ZZ", 21, "");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  scenario = nfl_scenario_new ();
  g_assert_true (nfl_commands_apply (scenario, NFL_TEST_LINKS "ip netns exec ns2 iptables -N my_chain\n",
                                     NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/nfl/engine/command-completion/programs-and-namespaces", test_programs_and_namespaces);
  g_test_add_func ("/nfl/engine/command-completion/tables-chains-targets", test_tables_chains_targets);
  g_test_add_func ("/nfl/engine/command-completion/interfaces-and-options", test_interfaces_and_options);
  status = g_test_run ();
  g_object_unref (scenario);
  return status;
}
