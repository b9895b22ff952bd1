/* test-rule-shadow.c: rules that never match because an earlier rule
 * takes all their packets, and the look-alikes that do match
 *
 * Each case is a list of iptables commands (without "iptables") and the
 * findings of the whole ruleset, "TABLE CHAIN RULE<BY" in the order
 * nfl_ruleset_find_shadowed gives them; "" is none.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "nfl-engine.h"

/* ---------------------------------------------------------------------- */
/* helpers                                                                 */
/* ---------------------------------------------------------------------- */

static void
run_ok (NflRuleset *ruleset,
        const char *args)
{
  g_autofree char *line = g_strdup_printf ("iptables %s", args);
  g_auto(GStrv) words = NULL;
  g_autoptr(GArray) starts = NULL;
  g_autoptr(GError) error = NULL;
  guint bad = 0;

  if (!nfl_command_split (line, &words, &starts, &bad, &error) ||
      !nfl_iptables_run (ruleset, g_strv_length (words), words, NULL, NULL, &error))
    g_error ("“%s” failed: %s", line, error->message);
}

static NflRuleset *
ruleset_from (const char *commands)
{
  g_auto(GStrv) lines = g_strsplit (commands, "\n", -1);
  NflRuleset *ruleset = nfl_ruleset_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    if (*g_strstrip (lines[i]) != '\0')
      run_ok (ruleset, lines[i]);
  return ruleset;
}

static char *
findings_text (const NflRuleset *ruleset)
{
  g_autoptr(GArray) findings = nfl_ruleset_find_shadowed (ruleset);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      const NflRulesetShadowFinding *f = &g_array_index (findings, NflRulesetShadowFinding, i);
      g_string_append_printf (text, "%s%s %s %u<%u", i ? ", " : "", nfl_table_name (f->table),
                              f->chain, f->rule, f->shadowed_by);
    }
  return g_string_free (text, FALSE);
}

/* the parsed rule part of "-A CHAIN …" */
static NflRule *
parse_rule (const char *spec)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GArray) starts = NULL;
  g_autoptr(GError) error = NULL;
  guint bad = 0;
  NflRule *rule;

  g_assert_true (nfl_command_split (spec, &words, &starts, &bad, &error));
  rule = nfl_iptables_parse_rule (g_strv_length (words), words, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rule);
  return rule;
}

/* ---------------------------------------------------------------------- */
/* the cases                                                               */
/* ---------------------------------------------------------------------- */

typedef struct {
  const char *name;
  const char *commands;
  const char *expected;
} Case;

static const Case cases[] = {
  /* addresses */
  { "prefix/narrower-after-wider",
    "-A FORWARD -s 10.0.0.0/8 -j DROP\n"
    "-A FORWARD -s 10.1.0.0/16 -j ACCEPT",
    "filter FORWARD 2<1" },
  { "prefix/wider-after-narrower",
    "-A FORWARD -s 10.1.0.0/16 -j DROP\n"
    "-A FORWARD -s 10.0.0.0/8 -j ACCEPT",
    "" },
  { "prefix/same",
    "-A INPUT -d 192.168.1.0/24 -j ACCEPT\n"
    "-A INPUT -d 192.168.1.0/24 -j DROP",
    "filter INPUT 2<1" },
  { "prefix/disjoint",
    "-A INPUT -s 10.0.0.0/8 -j DROP\n"
    "-A INPUT -s 11.0.0.0/8 -j DROP",
    "" },
  { "prefix/both-addresses",
    "-A FORWARD -s 10.0.0.0/8 -d 10.2.0.0/16 -j DROP\n"
    "-A FORWARD -s 10.1.0.0/16 -j DROP\n"
    "-A FORWARD -s 10.1.0.0/16 -d 10.2.3.0/24 -j DROP",
    "filter FORWARD 3<1" },
  { "negation/inverted-covers-outside",
    "-A FORWARD ! -s 10.0.0.0/8 -j DROP\n"
    "-A FORWARD -s 192.168.0.0/16 -j DROP",
    "filter FORWARD 2<1" },
  { "negation/plain-does-not-cover-inverted",
    "-A FORWARD -s 10.0.0.0/8 -j DROP\n"
    "-A FORWARD ! -s 10.1.0.0/16 -j DROP",
    "" },
  { "negation/inverted-does-not-cover-inside",
    "-A FORWARD ! -s 10.0.0.0/8 -j DROP\n"
    "-A FORWARD -s 10.1.0.0/16 -j DROP",
    "" },
  { "negation/inverted-wider-covers-inverted-narrower",
    "-A FORWARD ! -s 10.1.0.0/16 -j DROP\n"
    "-A FORWARD ! -s 10.0.0.0/8 -j DROP\n"
    "-A FORWARD ! -s 10.1.2.0/24 -j DROP",
    "filter FORWARD 2<1" },
  { "mask/not-a-prefix",
    "-A FORWARD -s 10.0.0.1/255.0.0.255 -j DROP\n"
    "-A FORWARD -s 10.5.5.1 -j DROP\n"
    "-A FORWARD -s 10.5.5.2 -j DROP\n"
    "-A FORWARD -s 10.0.0.0/8 -j DROP",
    "filter FORWARD 2<1" },
  { "mask/inverted-not-a-prefix",
    "-A FORWARD ! -s 0.0.0.1/0.0.0.1 -j DROP\n"
    "-A FORWARD -s 10.0.0.2 -j DROP\n"
    "-A FORWARD -s 10.0.0.3 -j DROP\n"
    "-A FORWARD -s 10.0.0.0/30 -j DROP",
    "filter FORWARD 2<1" },

  /* protocols */
  { "protocol/other-protocol",
    "-A INPUT -p udp -j DROP\n"
    "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT",
    "" },
  { "protocol/none-covers-tcp",
    "-A INPUT -j DROP\n"
    "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT",
    "filter INPUT 2<1" },
  { "protocol/all-covers-tcp",
    "-A INPUT -p all -j DROP\n"
    "-A INPUT -p tcp -j ACCEPT",
    "filter INPUT 2<1" },
  { "protocol/tcp-covers-tcp-port",
    "-A INPUT -p tcp -j DROP\n"
    "-A INPUT -p 6 -m tcp --dport 22 -j ACCEPT",
    "filter INPUT 2<1" },
  { "protocol/tcp-does-not-cover-all",
    "-A INPUT -p tcp -j DROP\n"
    "-A INPUT -s 10.0.0.1 -j ACCEPT",
    "" },
  { "protocol/inverted",
    "-A INPUT ! -p udp -j DROP\n"
    "-A INPUT -p tcp -j ACCEPT\n"
    "-A INPUT -p udp -j ACCEPT\n"
    "-A INPUT ! -p udp -s 10.0.0.0/8 -j ACCEPT",
    "filter INPUT 2<1, filter INPUT 4<1" },
  /* the tcp match fails on later fragments, -p tcp alone does not */
  { "protocol/empty-tcp-match-does-not-cover-tcp",
    "-A INPUT -p tcp -m tcp -j DROP\n"
    "-A INPUT -p tcp -j ACCEPT\n"
    "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT",
    "filter INPUT 3<1" },

  /* ports */
  { "ports/inside-range",
    "-A INPUT -p tcp -m tcp --dport 20:30 -j DROP\n"
    "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT",
    "filter INPUT 2<1" },
  { "ports/range-after-port",
    "-A INPUT -p tcp -m tcp --dport 22 -j DROP\n"
    "-A INPUT -p tcp -m tcp --dport 20:30 -j ACCEPT",
    "" },
  { "ports/source-is-not-destination",
    "-A INPUT -p tcp -m tcp --sport 20:30 -j DROP\n"
    "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT",
    "" },
  { "ports/inverted",
    "-A INPUT -p tcp -m tcp ! --dport 22 -j DROP\n"
    "-A INPUT -p tcp -m tcp --dport 80 -j ACCEPT\n"
    "-A INPUT -p tcp -m tcp --dport 20:30 -j ACCEPT\n"
    "-A INPUT -p tcp -m tcp ! --dport 20:30 -j ACCEPT",
    "filter INPUT 2<1, filter INPUT 4<1" },
  { "ports/udp-does-not-cover-tcp",
    "-A INPUT -p udp -m udp --dport 53 -j DROP\n"
    "-A INPUT -p tcp -m tcp --dport 53 -j ACCEPT",
    "" },
  { "ports/two-matches-are-an-and",
    "-A INPUT -p tcp -m tcp --dport 20:30 -m tcp --dport 25:40 -j DROP\n"
    "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT\n"
    "-A INPUT -p tcp -m tcp --dport 20:28 -m tcp --dport 26:40 -j ACCEPT",
    "filter INPUT 3<1" },
  { "multiport/list",
    "-A INPUT -p tcp -m multiport --dports 20:30,80 -j DROP\n"
    "-A INPUT -p tcp -m tcp --dport 80 -j ACCEPT\n"
    "-A INPUT -p tcp -m multiport --dports 80,25,21 -j ACCEPT\n"
    "-A INPUT -p tcp -m multiport --dports 80,443 -j ACCEPT",
    "filter INPUT 2<1, filter INPUT 3<1" },
  { "multiport/a-list-covers-tcp-port",
    "-A INPUT -p tcp -m tcp --dport 22 -j DROP\n"
    "-A INPUT -p tcp -m multiport --dports 22 -j ACCEPT\n"
    "-A INPUT -p tcp -m multiport --dports 22,23 -j ACCEPT",
    "filter INPUT 2<1" },
  { "multiport/either",
    "-A INPUT -p udp -m multiport --ports 53 -j DROP\n"
    "-A INPUT -p udp -m udp --dport 53 -j ACCEPT\n"
    "-A INPUT -p udp -m udp --sport 53 -j ACCEPT\n"
    "-A INPUT -p udp -m multiport --ports 53 -j ACCEPT",
    "filter INPUT 2<1, filter INPUT 3<1, filter INPUT 4<1" },
  { "multiport/either-is-not-one-port",
    "-A INPUT -p udp -m udp --dport 53 -j DROP\n"
    "-A INPUT -p udp -m multiport --ports 53 -j ACCEPT",
    "" },
  { "multiport/inverted",
    "-A INPUT -p tcp -m multiport ! --ports 22,23 -j DROP\n"
    "-A INPUT -p tcp -m tcp --sport 1000 --dport 80 -j ACCEPT\n"
    "-A INPUT -p tcp -m tcp --dport 80 -j ACCEPT\n"
    "-A INPUT -p tcp -m multiport ! --dports 22,23 -m multiport ! --sports 20:30 -j ACCEPT",
    "filter INPUT 2<1, filter INPUT 4<1" },

  /* TCP flags and ICMP */
  { "tcp-flags/syn",
    "-A INPUT -p tcp -m tcp --tcp-flags SYN SYN -j DROP\n"
    "-A INPUT -p tcp -m tcp --syn -j ACCEPT\n"
    "-A INPUT -p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN -j ACCEPT",
    "filter INPUT 2<1, filter INPUT 3<1" },
  { "tcp-flags/syn-does-not-cover-syn-bit",
    "-A INPUT -p tcp -m tcp --syn -j DROP\n"
    "-A INPUT -p tcp -m tcp --tcp-flags SYN SYN -j ACCEPT",
    "" },
  { "tcp-flags/not-syn",
    "-A INPUT -p tcp -m tcp ! --syn -j ACCEPT\n"
    "-A INPUT -p tcp -m tcp --tcp-flags ACK ACK -j DROP\n"
    "-A INPUT -p tcp -m tcp --tcp-flags SYN SYN -j DROP",
    "filter INPUT 2<1" },
  { "icmp/type-covers-code",
    "-A INPUT -p icmp -m icmp --icmp-type 3 -j DROP\n"
    "-A INPUT -p icmp -m icmp --icmp-type host-unreachable -j ACCEPT\n"
    "-A INPUT -p icmp -m icmp --icmp-type echo-request -j ACCEPT",
    "filter INPUT 2<1" },
  { "icmp/code-does-not-cover-type",
    "-A INPUT -p icmp -m icmp --icmp-type 3/1 -j DROP\n"
    "-A INPUT -p icmp -m icmp --icmp-type 3 -j ACCEPT",
    "" },
  { "icmp/any-and-inverted",
    "-A INPUT -p icmp -m icmp --icmp-type any -j ACCEPT\n"
    "-A INPUT -p icmp -m icmp --icmp-type echo-request -j DROP\n"
    "-A INPUT -p icmp -j DROP\n"
    "-A OUTPUT -p icmp -m icmp ! --icmp-type 8 -j ACCEPT\n"
    "-A OUTPUT -p icmp -m icmp --icmp-type 0 -j DROP\n"
    "-A OUTPUT -p icmp -m icmp --icmp-type 8 -j DROP\n"
    "-A OUTPUT -p icmp -j DROP\n"
    "-A OUTPUT -p icmp -m icmp --icmp-type 8 -j ACCEPT",
    "filter INPUT 2<1, filter OUTPUT 2<1, filter OUTPUT 5<3" },
  { "fragments",
    "-A INPUT -f -j DROP\n"
    "-A INPUT -f -s 10.0.0.0/8 -j DROP\n"
    "-A INPUT -p tcp -m tcp --dport 22 -j DROP\n"
    "-A FORWARD ! -f -j DROP\n"
    "-A FORWARD -p tcp -m tcp --dport 22 -j DROP\n"
    "-A FORWARD -p tcp -j DROP\n"
    "-A FORWARD -f -j DROP",
    "filter INPUT 2<1, filter FORWARD 2<1" },

  /* interfaces */
  { "interfaces/wildcard-covers-name",
    "-A INPUT -i eth+ -j DROP\n"
    "-A INPUT -i eth0 -j ACCEPT\n"
    "-A INPUT -i eth1+ -j ACCEPT\n"
    "-A INPUT -i eth -j ACCEPT\n"
    "-A INPUT -i et -j ACCEPT\n"
    "-A INPUT -i wlan0 -j ACCEPT",
    "filter INPUT 2<1, filter INPUT 3<1, filter INPUT 4<1" },
  { "interfaces/name-does-not-cover-wildcard",
    "-A INPUT -i eth0 -j DROP\n"
    "-A INPUT -i eth+ -j ACCEPT\n"
    "-A INPUT -i eth0 -s 10.0.0.0/8 -j ACCEPT",
    "filter INPUT 3<1" },
  { "interfaces/inverted",
    "-A FORWARD ! -i eth0 -j DROP\n"
    "-A FORWARD -i wlan0 -j ACCEPT\n"
    "-A FORWARD -i eth+ -j ACCEPT\n"
    "-A FORWARD -i eth0 -j ACCEPT\n"
    "-A FORWARD ! -i eth+ -j ACCEPT\n"
    "-A OUTPUT ! -o eth+ -j DROP\n"
    "-A OUTPUT -o eth0 -j ACCEPT\n"
    "-A OUTPUT -o lo -j ACCEPT\n"
    "-A OUTPUT -o et+ -j ACCEPT\n"
    "-A OUTPUT -o wl+ -j ACCEPT\n"
    "-A OUTPUT ! -o e+ -j ACCEPT",
    "filter FORWARD 2<1, filter FORWARD 4<3, filter FORWARD 5<1, filter OUTPUT 3<1, filter OUTPUT 5<1, filter OUTPUT 6<1" },
  { "interfaces/everything",
    "-A FORWARD -o + -j DROP\n"
    "-A FORWARD -o eth0 -j ACCEPT\n"
    "-A FORWARD ! -i eth0 -j ACCEPT",
    "filter FORWARD 2<1, filter FORWARD 3<1" },

  /* targets */
  { "log-between-does-not-break",
    "-A FORWARD -s 10.0.0.0/8 -j DROP\n"
    "-A FORWARD -j LOG --log-prefix between\n"
    "-A FORWARD -s 10.1.0.0/16 -j ACCEPT",
    "filter FORWARD 3<1" },
  { "log-earlier-does-not-shadow",
    "-A FORWARD -s 10.0.0.0/8 -j LOG\n"
    "-A FORWARD -s 10.1.0.0/16 -j DROP",
    "" },
  { "no-target-does-not-shadow",
    "-A FORWARD -s 10.0.0.0/8\n"
    "-A FORWARD -s 10.1.0.0/16 -j DROP",
    "" },
  { "reject-shadows",
    "-A INPUT -p tcp -j REJECT --reject-with tcp-reset\n"
    "-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT",
    "filter INPUT 2<1" },
  { "return-shadows",
    "-N checks\n"
    "-A checks -s 10.0.0.0/8 -j RETURN\n"
    "-A checks -s 10.1.0.0/16 -j DROP\n"
    "-A INPUT -j checks",
    "filter checks 2<1" },
  { "jump-does-not-shadow",
    "-N checks\n"
    "-A checks -j DROP\n"
    "-A INPUT -j checks\n"
    "-A INPUT -s 10.0.0.0/8 -j DROP",
    "" },
  { "goto-shadows",
    "-N checks\n"
    "-A INPUT -g checks\n"
    "-A INPUT -s 10.0.0.0/8 -j DROP",
    "filter INPUT 2<1" },
  { "nat-targets-shadow",
    "-t nat -A PREROUTING -p tcp -m tcp --dport 80 -j DNAT --to-destination 10.0.0.1\n"
    "-t nat -A PREROUTING -s 10.0.0.0/8 -p tcp -m tcp --dport 80 -j DNAT --to-destination 10.0.0.2\n"
    "-t nat -A POSTROUTING -o eth0 -j MASQUERADE\n"
    "-t nat -A POSTROUTING -o eth0 -s 10.0.0.0/8 -j SNAT --to-source 192.0.2.1\n"
    "-t nat -A OUTPUT -p tcp -j REDIRECT --to-ports 8080\n"
    "-t nat -A OUTPUT -p tcp -m tcp --dport 80 -j DNAT --to-destination 10.0.0.3",
    "nat PREROUTING 2<1, nat OUTPUT 2<1, nat POSTROUTING 2<1" },
  { "earliest-shadowing-rule",
    "-A FORWARD -s 10.0.0.0/8 -j DROP\n"
    "-A FORWARD -s 10.1.0.0/16 -j DROP\n"
    "-A FORWARD -s 10.1.1.0/24 -j DROP",
    "filter FORWARD 2<1, filter FORWARD 3<1" },
  { "comment-matches-everything",
    "-A FORWARD -m comment --comment everything -j DROP\n"
    "-A FORWARD -s 10.1.0.0/16 -m comment --comment \"a part\" -j LOG\n"
    "-A FORWARD -j ACCEPT",
    "filter FORWARD 2<1, filter FORWARD 3<1" },
  /* tables in iptables-save's order, chains in their table's */
  { "order",
    "-t nat -A PREROUTING -j ACCEPT\n"
    "-t nat -A PREROUTING -j ACCEPT\n"
    "-A OUTPUT -j DROP\n"
    "-A OUTPUT -j DROP\n"
    "-A INPUT -j DROP\n"
    "-A INPUT -j DROP\n"
    "-t raw -A OUTPUT -j ACCEPT\n"
    "-t raw -A OUTPUT -j ACCEPT\n"
    "-t mangle -A POSTROUTING -j ACCEPT\n"
    "-t mangle -A POSTROUTING -j ACCEPT",
    "mangle POSTROUTING 2<1, raw OUTPUT 2<1, filter INPUT 2<1, filter OUTPUT 2<1, nat PREROUTING 2<1" },
  /* a rule that matches nothing is not reported */
  { "empty-rule-not-reported",
    "-A FORWARD -j DROP\n"
    "-A FORWARD -f -p tcp -m tcp --dport 22 -j ACCEPT\n"
    "-A FORWARD -m iprange --src-range 10.0.0.9-10.0.0.1 -j ACCEPT",
    "" },

  /* marks */
  { "mark/values",
    "-t mangle -A PREROUTING -m mark --mark 0x1/0x1 -j ACCEPT\n"
    "-t mangle -A PREROUTING -m mark --mark 0x3/0x3 -j DROP\n"
    "-t mangle -A PREROUTING -m mark --mark 0x2/0x2 -j DROP\n"
    "-t mangle -A INPUT -m mark ! --mark 0x1/0x1 -j ACCEPT\n"
    "-t mangle -A INPUT -m mark --mark 0x2/0x3 -j DROP\n"
    "-t mangle -A INPUT -m mark --mark 0x3 -j DROP\n"
    "-t mangle -A FORWARD -m mark --mark 0x1/0x3 -j ACCEPT\n"
    "-t mangle -A FORWARD -m mark --mark 0x1/0x1 -j DROP\n"
    "-t mangle -A OUTPUT -m mark ! --mark 0x1 -j ACCEPT\n"
    "-t mangle -A OUTPUT -m mark ! --mark 0x1/0x1 -j DROP\n"
    "-t mangle -A OUTPUT -m mark ! --mark 0x0/0xfffffffe -j DROP",
    "mangle PREROUTING 2<1, mangle INPUT 2<1, mangle OUTPUT 2<1, mangle OUTPUT 3<1" },
  { "mark/set-between-breaks",
    "-t mangle -A PREROUTING -m mark --mark 0x1 -j ACCEPT\n"
    "-t mangle -A PREROUTING -j MARK --set-mark 0x1\n"
    "-t mangle -A PREROUTING -s 10.0.0.0/8 -m mark --mark 0x1 -j DROP\n"
    "-t mangle -A PREROUTING -s 10.0.0.0/8 -m mark --mark 0x1 -j DROP",
    "mangle PREROUTING 4<3" },
  { "mark/set-between-without-mark-match",
    "-t mangle -A PREROUTING -s 10.0.0.0/8 -j ACCEPT\n"
    "-t mangle -A PREROUTING -j MARK --set-mark 0x1\n"
    "-t mangle -A PREROUTING -s 10.1.0.0/16 -m mark --mark 0x1 -j DROP",
    "mangle PREROUTING 3<1" },
  { "mark/jump-between-breaks",
    "-t mangle -N marker\n"
    "-t mangle -A marker -j MARK --set-mark 0x1\n"
    "-t mangle -A PREROUTING -m mark --mark 0x1 -j ACCEPT\n"
    "-t mangle -A PREROUTING -j marker\n"
    "-t mangle -A PREROUTING -m mark --mark 0x1 -j DROP",
    "" },

  /* conntrack states */
  { "state/subsets",
    "-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT\n"
    "-A INPUT -m conntrack --ctstate ESTABLISHED -j ACCEPT\n"
    "-A INPUT -m conntrack --ctstate NEW,ESTABLISHED -j ACCEPT\n"
    "-A FORWARD -m state --state RELATED,ESTABLISHED -j ACCEPT\n"
    "-A FORWARD -m conntrack --ctstate RELATED -j DROP\n"
    "-A FORWARD -m conntrack --ctstate DNAT -j DROP\n"
    "-A OUTPUT -m conntrack --ctstate ESTABLISHED -j ACCEPT\n"
    "-A OUTPUT -m state --state NEW,ESTABLISHED -j DROP",
    "filter INPUT 2<1, filter FORWARD 2<1" },
  { "state/inverted",
    "-A INPUT -m conntrack ! --ctstate NEW -j ACCEPT\n"
    "-A INPUT -m conntrack --ctstate ESTABLISHED -j DROP\n"
    "-A INPUT -m state --state NEW -j DROP\n"
    "-A FORWARD -m conntrack ! --ctstate DNAT -j ACCEPT\n"
    "-A FORWARD -m state --state NEW -j DROP\n"
    "-A OUTPUT -m conntrack --ctstate INVALID,NEW,RELATED,ESTABLISHED,UNTRACKED -j ACCEPT\n"
    "-A OUTPUT -j DROP",
    "filter INPUT 2<1, filter OUTPUT 2<1" },
  { "state/notrack-between-breaks",
    "-t raw -A PREROUTING -s 10.0.0.0/8 -m state --state INVALID -j ACCEPT\n"
    "-t raw -A PREROUTING -s 10.1.0.0/16 -j CT --notrack\n"
    "-t raw -A PREROUTING -s 10.1.0.0/16 -m state --state INVALID -j DROP\n"
    "-t raw -A OUTPUT -m state --state INVALID -j ACCEPT\n"
    "-t raw -A OUTPUT -j NOTRACK\n"
    "-t raw -A OUTPUT -m state --state INVALID -j DROP\n"
    "-t raw -A OUTPUT -s 10.0.0.0/8 -j ACCEPT\n"
    "-t raw -A OUTPUT -s 10.1.0.0/16 -m state --state UNTRACKED -j DROP\n"
    "-t raw -A OUTPUT -m state --state INVALID -j DROP",
    "raw OUTPUT 5<4, raw OUTPUT 6<3" },

  /* iprange */
  { "iprange/ranges",
    "-A INPUT -m iprange --src-range 10.0.0.1-10.0.0.100 -j DROP\n"
    "-A INPUT -s 10.0.0.64/27 -j ACCEPT\n"
    "-A INPUT -s 10.0.0.96/27 -j ACCEPT\n"
    "-A INPUT -m iprange --src-range 10.0.0.2-10.0.0.3 -j ACCEPT\n"
    "-A OUTPUT -d 10.0.0.0/24 -j DROP\n"
    "-A OUTPUT -m iprange --dst-range 10.0.0.5-10.0.0.9 -j ACCEPT\n"
    "-A OUTPUT -m iprange ! --dst-range 10.0.0.5-10.0.0.9 -j ACCEPT\n"
    "-A OUTPUT -m iprange --src-range 10.0.0.5-10.0.0.9 -j ACCEPT",
    "filter INPUT 2<1, filter INPUT 4<1, filter OUTPUT 2<1" },
  { "iprange/inverted",
    "-A INPUT -m iprange ! --src-range 10.0.0.1-10.0.0.100 -j DROP\n"
    "-A INPUT -s 10.0.1.0/24 -j ACCEPT\n"
    "-A INPUT -s 10.0.0.0/24 -j ACCEPT\n"
    "-A INPUT -m iprange ! --src-range 10.0.0.0-10.0.0.200 -j ACCEPT\n"
    "-A OUTPUT -s 10.0.0.128/25 -j DROP\n"
    "-A OUTPUT -s 10.0.0.0/24 -m iprange ! --src-range 10.0.0.0-10.0.0.127 -j ACCEPT\n"
    "-A OUTPUT -s 10.0.0.0/24 -m iprange ! --src-range 10.0.0.0-10.0.0.126 -j ACCEPT",
    "filter INPUT 2<1, filter INPUT 4<1, filter OUTPUT 2<1" },

  /* addrtype: never the shadowing rule, but shadowed like any narrower
   * rule (its types only make it match fewer packets) */
  { "addrtype",
    "-A INPUT -m addrtype --dst-type LOCAL -j DROP\n"
    "-A INPUT -m addrtype --dst-type LOCAL -j DROP\n"
    "-A INPUT -p tcp -j ACCEPT\n"
    "-A INPUT -p tcp -m addrtype --dst-type LOCAL -j DROP\n"
    "-A INPUT -p tcp -m addrtype ! --dst-type LOCAL -j DROP\n"
    "-A INPUT -p udp -m addrtype --src-type UNSPEC,UNICAST,LOCAL,BROADCAST,ANYCAST,MULTICAST,BLACKHOLE,"
    "UNREACHABLE,PROHIBIT,THROW,NAT,XRESOLVE -j ACCEPT\n"
    "-A INPUT -p udp -j DROP",
    "filter INPUT 4<3, filter INPUT 5<3" },
};

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  NflRuleset *ruleset = ruleset_from (c->commands);
  g_autofree char *found = findings_text (ruleset);

  g_assert_cmpstr (found, ==, c->expected);
  nfl_ruleset_free (ruleset);
}

/* ---------------------------------------------------------------------- */
/* the rule-level API                                                      */
/* ---------------------------------------------------------------------- */

static gboolean
covers (const char *earlier,
        const char *later)
{
  g_autoptr(NflRule) a = parse_rule (earlier);
  g_autoptr(NflRule) b = parse_rule (later);

  return nfl_rule_covers (a, b);
}

static void
test_covers (void)
{
  g_assert_true (covers ("! -s 10.0.0.0/8", "-s 192.168.0.0/16"));
  g_assert_false (covers ("-s 10.0.0.0/8", "! -s 10.1.0.0/16"));
  g_assert_true (covers ("-s 10.0.0.0/8", "-s 10.0.0.0/8 -j ACCEPT"));
  /* the target does not count */
  g_assert_true (covers ("-j LOG", "-p tcp -j DROP"));
  g_assert_false (covers ("-p tcp -m tcp", "-p tcp"));
  g_assert_true (covers ("-p tcp", "-p tcp -m tcp"));
  g_assert_false (covers ("-m conntrack --ctstate NEW", "-p tcp"));
}

static void
test_terminal (void)
{
  static const struct { const char *spec; gboolean terminal; } targets[] = {
    { "-j ACCEPT", TRUE }, { "-j DROP", TRUE }, { "-j REJECT", TRUE }, { "-j RETURN", TRUE },
    { "-j DNAT --to-destination 10.0.0.1", TRUE }, { "-j SNAT --to-source 10.0.0.1", TRUE },
    { "-j MASQUERADE", TRUE }, { "-j REDIRECT", TRUE }, { "-g other", TRUE },
    { "-j other", FALSE }, { "-j LOG", FALSE }, { "-j MARK --set-mark 1", FALSE },
    { "-j TOS --set-tos 0x10", FALSE }, { "-j TTL --ttl-set 9", FALSE }, { "-j NOTRACK", FALSE },
    { "-j CT --notrack", FALSE }, { "-j TRACE", FALSE }, { "-s 10.0.0.1", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autoptr(NflRule) rule = parse_rule (targets[i].spec);
      g_assert_cmpint (nfl_rule_is_terminal (rule), ==, targets[i].terminal);
    }
}

/* A chain of 10,000 rules with distinct sources: no finding, and each
 * pair fails on the first comparison. */
static void
test_large_chain (void)
{
  NflRuleset *ruleset = nfl_ruleset_new ();
  NflChain *chain = nfl_ruleset_get_builtin (ruleset, NFL_TABLE_FILTER, NFL_HOOK_FORWARD);
  g_autoptr(GArray) findings = NULL;

  for (guint i = 0; i < 10000; i++)
    {
      NflRule *rule = nfl_rule_new ();

      rule->has_src = TRUE;
      rule->src = (10u << 24) | (200u << 16) | i;
      rule->src_mask = 0xffffffffu;
      rule->target.kind = NFL_TARGET_DROP;
      g_ptr_array_add (chain->rules, rule);
    }
  nfl_ruleset_changed (ruleset);
  findings = nfl_chain_find_shadowed (chain);
  g_assert_cmpuint (findings->len, ==, 0);

  /* one wide rule in front: every other rule is shadowed by it */
  g_ptr_array_insert (chain->rules, 0, parse_rule ("-s 10.200.0.0/16 -j DROP"));
  nfl_ruleset_changed (ruleset);
  g_clear_pointer (&findings, g_array_unref);
  findings = nfl_chain_find_shadowed (chain);
  g_assert_cmpuint (findings->len, ==, 10000);
  g_assert_cmpuint (g_array_index (findings, NflShadowFinding, 9999).rule, ==, 10001);
  g_assert_cmpuint (g_array_index (findings, NflShadowFinding, 9999).shadowed_by, ==, 1);
  nfl_ruleset_free (ruleset);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/nfl/engine/rule-shadow/%s", cases[i].name);
      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/nfl/engine/rule-shadow/covers", test_covers);
  g_test_add_func ("/nfl/engine/rule-shadow/terminal", test_terminal);
  g_test_add_func ("/nfl/engine/rule-shadow/large-chain", test_large_chain);
  return g_test_run ();
}
