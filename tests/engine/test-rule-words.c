/* test-rule-words.c: a rule's clauses, its words and its iptables command
 *
 * The canonical lines are those iptables 1.8.9 printed (see test-rule.c
 * and tests/data/iptables/cases/): reading their words and writing them
 * back gives the same words, and the command that puts such a rule in a
 * chain reads back as the same command.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "nfl-engine.h"

/* Every kind of match and target the engine models, as iptables-save
 * prints it. */
static const char *const canonical[] = {
  "",
  "-j ACCEPT",
  "-j DROP",
  "-j RETURN",
  /* the ip part */
  "-s 10.0.0.1/32 -j ACCEPT",
  "-s 10.1.2.0/24 -d 192.168.0.0/16 -j ACCEPT",
  "-s 10.0.0.0/255.0.255.0 -j ACCEPT",
  "! -s 0.0.0.0/0 -j ACCEPT",
  "! -s 10.0.0.1/32 ! -d 10.0.0.0/16 -j ACCEPT",
  "-i eth+ -j ACCEPT",
  "! -i eth+ -o abcdefghijklmno -j ACCEPT",
  "-s 10.0.0.1/32 -d 10.0.0.2/32 -i eth0 -o eth1 -p udp -m udp --dport 53 -j DROP",
  "-p icmp -j ACCEPT",
  "! -p tcp -j DROP",
  "-p gre -j ACCEPT",
  "-f -j DROP",
  "! -f -j DROP",
  "! -s 10.0.0.1/32 ! -i veth+ ! -p tcp -j DROP",
  /* tcp, udp */
  "-p tcp -m tcp --dport 22 -j ACCEPT",
  "-p tcp -m tcp ! --dport 22 -j ACCEPT",
  "-p tcp -m tcp --sport 1024:65535 --dport 80 -j ACCEPT",
  "-p tcp -m tcp --dport 0:1024 -j ACCEPT",
  "-p tcp -m tcp -j ACCEPT",
  "-p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN -j ACCEPT",
  "-p tcp -m tcp ! --tcp-flags FIN,SYN,RST,ACK SYN -j DROP",
  "-p tcp -m tcp --tcp-flags FIN,SYN,RST,PSH,ACK,URG NONE -j DROP",
  "-p tcp -m tcp --dport 443 --tcp-flags SYN,ACK ACK -j ACCEPT",
  "-p udp -m udp ! --sport 123 -j ACCEPT",
  "-p udp -m udp --dport 1000:2000 -j ACCEPT",
  "-p tcp -m tcp -m mark --mark 0x0",
  /* icmp */
  "-p icmp -m icmp --icmp-type 8 -j ACCEPT",
  "-p icmp -m icmp --icmp-type 3/1 -j ACCEPT",
  "-p icmp -m icmp ! --icmp-type 0 -j DROP",
  "-p icmp -m icmp --icmp-type any -j ACCEPT",
  /* multiport */
  "-p tcp -m multiport --dports 20,5001 -j ACCEPT",
  "-p tcp -m multiport --sports 1000:2000,3000 -j ACCEPT",
  "-p tcp -m multiport --ports 22,80:90 -j ACCEPT",
  "-p udp -m multiport ! --dports 53,123 -j ACCEPT",
  "-p tcp -m multiport --dports 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15 -j ACCEPT",
  "-p tcp -m multiport --dports 60000:65535,10000:10001,20000:20002,30000:30003,40000:40004,"
  "50000:50005,60006:60010,65535 -j ACCEPT",
  /* conntrack, state */
  "-m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT",
  "-m conntrack --ctstate INVALID,NEW,RELATED,ESTABLISHED,UNTRACKED,SNAT,DNAT -j ACCEPT",
  "-m conntrack ! --ctstate NEW -j ACCEPT",
  "-m conntrack ! --ctstate NEW -m state --state NEW -j ACCEPT",
  "-m state --state INVALID -j DROP",
  /* recent */
  "-m recent --set --name DEFAULT --mask 255.255.255.255 --rsource",
  "-m recent ! --rcheck --seconds 60 --reap --hitcount 3 --rttl --name SSH --mask 255.255.255.0 --rdest -j DROP",
  "-p tcp -m tcp --dport 22 -m recent --update --seconds 30 --hitcount 6 --name ufw --mask 255.255.255.255 --rsource",
  /* connmark, CONNMARK */
  "-m connmark --mark 0x7 -j ACCEPT",
  "-m connmark ! --mark 0x1/0xf -j CONNMARK --set-xmark 0x1/0xff",
  "-j NFLOG",
  "-j NFQUEUE --queue-num 0",
  "-m conntrack --ctstate NEW --ctproto 6 --ctorigsrc 10.0.0.0/8 --ctorigdst 10.99.0.1 --ctreplsrc 10.1.0.10 ! --ctrepldst 10.2.0.10 --ctorigsrcport 1024:65535 --ctorigdstport 80 --ctreplsrcport 8080 ! --ctrepldstport 5 --ctstatus SEEN_REPLY,ASSURED ! --ctexpire 10:20 --ctdir REPLY -j ACCEPT",
  "-m conntrack --ctstatus NONE -j ACCEPT",
  "-p tcp -m tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 1360",
  "-p tcp -j TCPMSS --set-mss 1200",
  "-p udp -m udp --dport 68 -j CHECKSUM --checksum-fill",
  "-p tcp -m tcp --dport 80 -j NFQUEUE --queue-num 3 --queue-bypass",
  "-j NFQUEUE --queue-balance 2:3 --queue-bypass --queue-cpu-fanout",
  "-j NFQUEUE --queue-balance 0:65534",
  "-p tcp -m tcp --dport 22 -j NFLOG --nflog-prefix \"[UFW BLOCK] \" --nflog-group 1",
  "-j NFLOG --nflog-prefix x --nflog-group 3 --nflog-size 7 --nflog-threshold 2",
  "-j NFLOG --nflog-size 0",
  "-j CONNMARK --set-xmark 0x0/0xfffffff0",
  "-j CONNMARK --save-mark --nfmask 0xffffffff --ctmask 0xffffffff",
  "-j CONNMARK --restore-mark --nfmask 0xf0 --ctmask 0xf",
  /* mark */
  "-m mark --mark 0x7 -j ACCEPT",
  "-m mark --mark 0x7/0xff -j ACCEPT",
  "-m mark ! --mark 0x1/0x1 -j ACCEPT",
  "-m mark --mark 0xffffffff -j ACCEPT",
  /* comment */
  "-m comment --comment c1 -j ACCEPT",
  "-m comment --comment \"allow ssh\" -j ACCEPT",
  "-m comment --comment \"it\\'s a \\\"test\\\" \\\\ here\" -j ACCEPT",
  "-m comment --comment \"10.0.0.0/8: a.b\" -j ACCEPT",
  "-p tcp -m conntrack --ctstate NEW -m comment --comment c1 -m tcp --dport 22 -j ACCEPT",
  /* iprange */
  "-m iprange --src-range 10.0.0.1-10.0.0.9 -j ACCEPT",
  "-m iprange --src-range 10.0.0.1-10.0.0.9 ! --dst-range 10.1.0.1-10.1.0.2 -j ACCEPT",
  "-m iprange ! --src-range 10.0.0.1-10.0.0.1 -j DROP",
  /* addrtype */
  "-m addrtype --dst-type LOCAL -j ACCEPT",
  "-m addrtype ! --src-type LOCAL,BROADCAST --dst-type UNICAST --limit-iface-in -j DROP",
  "-m addrtype --src-type UNSPEC,UNICAST,LOCAL,BROADCAST,ANYCAST,MULTICAST,BLACKHOLE,UNREACHABLE,PROHIBIT,THROW,NAT,XRESOLVE",
  "! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER",
  /* length, ttl */
  "-m length --length 84 -j ACCEPT",
  "-m length ! --length 0:83 -m ttl ! --ttl-eq 64 -j DROP",
  "-m ttl --ttl-gt 63",
  /* statistic */
  "-m statistic --mode nth --every 3 --packet 0 -j ACCEPT",
  "-m statistic --mode nth ! --every 2 --packet 1 -j DROP",
  "-m statistic --mode random --probability 0.33333333349 -j ACCEPT",
  "-m statistic --mode random ! --probability 0.25000000000",
  /* pkttype */
  "-m pkttype --pkt-type unicast -j ACCEPT",
  "-m pkttype ! --pkt-type broadcast -j DROP",
  "-m pkttype --pkt-type multicast",
  "-m pkttype --pkt-type otherhost -j LOG",
  /* owner */
  "-m owner --uid-owner 0 -j ACCEPT",
  "-m owner ! --uid-owner 1-100 -j DROP",
  "-m owner --socket-exists --uid-owner 1 --gid-owner 2 --suppl-groups -j ACCEPT",
  "-m owner ! --socket-exists ! --uid-owner 1 ! --gid-owner 2-3 --suppl-groups",
  "-m owner --uid-owner 4294967294 -m owner --gid-owner 0 -j LOG",
  /* limit */
  "-m limit --limit 3/hour",
  "-m limit --limit 3/min --limit-burst 10 -j LOG --log-prefix \"[UFW BLOCK] \"",
  "-m limit --limit 1111/sec --limit-burst 10000 -j ACCEPT",
  /* REJECT */
  "-j REJECT --reject-with icmp-net-unreachable",
  "-j REJECT --reject-with icmp-host-unreachable",
  "-j REJECT --reject-with icmp-port-unreachable",
  "-j REJECT --reject-with icmp-proto-unreachable",
  "-j REJECT --reject-with icmp-net-prohibited",
  "-j REJECT --reject-with icmp-host-prohibited",
  "-j REJECT --reject-with icmp-admin-prohibited",
  "-p tcp -j REJECT --reject-with tcp-reset",
  /* LOG */
  "-j LOG",
  "-j LOG --log-prefix \"IN: \"",
  "-j LOG --log-prefix x",
  "-j LOG --log-prefix \"say \\\"hi\\\" \"",
  "-j LOG --log-level 7",
  "-j LOG --log-level 0",
  "-j LOG --log-tcp-sequence --log-tcp-options --log-ip-options --log-uid",
  "-j LOG --log-prefix \"all \" --log-level 7 --log-ip-options --log-uid",
  /* NAT */
  "-j DNAT --to-destination 10.1.0.10",
  "-p tcp -j DNAT --to-destination 10.1.0.10:8080",
  "-p tcp -j DNAT --to-destination 10.1.0.10:8000-8010",
  "-p tcp -j DNAT --to-destination 10.1.0.10-10.1.0.20:80-88 --random --persistent",
  "-j DNAT --to-destination 10.1.0.10-10.1.0.20",
  "-p tcp -j DNAT --to-destination 10.1.0.10 --random",
  "-p tcp -j DNAT --to-destination 10.1.0.10 --persistent",
  "-j SNAT --to-source 10.99.0.1",
  "-p udp -j SNAT --to-source 10.99.0.1:1024-2048",
  "-p udp -j SNAT --to-source 10.99.0.1 --random-fully",
  "-j MASQUERADE",
  "-p udp -j MASQUERADE --to-ports 3000-3010",
  "-p udp -j MASQUERADE --random",
  "-p tcp -j REDIRECT --to-ports 3128",
  "-j REDIRECT",
  /* the other targets */
  "-j MARK --set-xmark 0x7/0xffffffff",
  "-j MARK --set-xmark 0x0/0xffffff00",
  "-j TOS --set-tos 0x10/0x3f",
  "-j TOS --set-tos 0x08/0x08",
  "-j TTL --ttl-set 64",
  "-j TTL --ttl-dec 1",
  "-j TTL --ttl-inc 2",
  "-j NOTRACK",
  "-j CT --notrack",
  "-j TRACE",
  "-j my_chain",
  "-g my_chain",
  "-g abcdefghijklmnopqrstuvwxyz01",
  "! -s 10.0.0.1/32 ! -i veth+ -p tcp -m tcp ! --sport 1:1023 -m mark ! --mark 0x7 -j DROP",
};

static GStrv
split (const char *line)
{
  GStrv words = NULL;
  g_autoptr(GArray) starts = NULL;
  g_autoptr(GError) error = NULL;
  guint bad = 0;

  g_assert_true (nfl_command_split (line, &words, &starts, &bad, &error));
  g_assert_no_error (error);
  return words;
}

static NflRule *
rule_from_line (const char *line)
{
  g_auto(GStrv) words = split (line);
  g_autoptr(GError) error = NULL;
  int bad = 99;
  NflRule *rule;

  rule = nfl_rule_from_words (g_strv_length (words), (const char *const *) words, &bad, &error);
  if (rule == NULL)
    g_error ("“%s”: word %d: %s", line, bad, error->message);
  return rule;
}

static void
assert_words_equal (const char *const *a,
                    const char *const *b)
{
  g_assert_cmpuint (g_strv_length ((GStrv) a), ==, g_strv_length ((GStrv) b));
  for (guint i = 0; a[i] != NULL; i++)
    g_assert_cmpstr (a[i], ==, b[i]);
}

/* ---------------------------------------------------------------------- */
/* words → rule → words                                                    */
/* ---------------------------------------------------------------------- */

static void
test_words_identity (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (canonical); i++)
    {
      g_auto(GStrv) words = split (canonical[i]);
      g_autoptr(NflRule) rule = rule_from_line (canonical[i]);
      g_auto(GStrv) again = nfl_rule_to_words (rule);
      g_autofree char *spec = nfl_rule_to_save_spec (rule);
      g_autoptr(NflRule) reread = NULL;

      assert_words_equal ((const char *const *) again, (const char *const *) words);
      g_assert_cmpstr (spec, ==, canonical[i]);
      reread = nfl_rule_from_words (g_strv_length (again), (const char *const *) again, NULL, NULL);
      g_assert_nonnull (reread);
      g_assert_true (nfl_rule_equal_spec (rule, reread));
    }
}

/* other spellings read as the canonical words */
static void
test_words_canonical (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "-p tcp --syn -j ACCEPT", "-p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN -j ACCEPT" },
    { "-p tcp ! --syn -j ACCEPT", "-p tcp -m tcp ! --tcp-flags FIN,SYN,RST,ACK SYN -j ACCEPT" },
    { "-p tcp --dport ssh -j DROP", "-p tcp -m tcp --dport 22 -j DROP" },
    { "--protocol udp --sport 53 --jump ACCEPT", "-p udp -m udp --sport 53 -j ACCEPT" },
    { "-p icmp --icmp-type echo-request -j ACCEPT", "-p icmp -m icmp --icmp-type 8 -j ACCEPT" },
    { "-p icmp --icmp-type host-unreachable -j ACCEPT", "-p icmp -m icmp --icmp-type 3/1 -j ACCEPT" },
    { "-m state --state ESTABLISHED,NEW -j ACCEPT", "-m state --state NEW,ESTABLISHED -j ACCEPT" },
    { "-j MARK --set-mark 7", "-j MARK --set-xmark 0x7/0xffffffff" },
    { "-m recent --rch --rdest --rsource --mask 24", "-m recent --rcheck --name DEFAULT --mask 0.0.0.24 --rsource" },
    { "-m recent --remove --name X --mask localhost", "-m recent --remove --name X --mask 127.0.0.1 --rsource" },
    { "-j CONNMARK --set-mark 010", "-j CONNMARK --set-xmark 0x8/0xffffffff" },
    { "-j CONNMARK --or-mark 0x3", "-j CONNMARK --set-xmark 0x3/0x3" },
    { "-j CONNMARK --set-mark 1 --mask 0xff", "-j CONNMARK --set-xmark 0x1/0xff" },
    { "-j CONNMARK --save --mask 0xff", "-j CONNMARK --save-mark --nfmask 0xff --ctmask 0xff" },
    { "-j CONNMARK --ctmask 0xf --restore-mark", "-j CONNMARK --restore-mark --nfmask 0xffffffff --ctmask 0xf" },
    { "-j REJECT", "-j REJECT --reject-with icmp-port-unreachable" },
    { "-j LOG --log-level warning", "-j LOG" },
    { "-s 10.0.0.9/8 -j ACCEPT", "-s 10.0.0.0/8 -j ACCEPT" },
    { "-i + -j ACCEPT", "-j ACCEPT" },
    { "-p all -j ACCEPT", "-j ACCEPT" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(NflRule) rule = rule_from_line (cases[i].in);
      g_auto(GStrv) words = nfl_rule_to_words (rule);
      g_auto(GStrv) expected = split (cases[i].out);
      g_autofree char *spec = nfl_rule_to_save_spec (rule);

      assert_words_equal ((const char *const *) words, (const char *const *) expected);
      g_assert_cmpstr (spec, ==, cases[i].out);
    }
}

static void
test_words_errors (void)
{
  static const struct { const char *line; int bad; } cases[] = {
    { "-p tcp --dport 99999 -j DROP", 3 },
    { "-p tcp -m tcp --sport 5:x", 5 },
    { "-s 10.0.0.300 -j DROP", 1 },
    { "-j NOPE_TARGET_THAT_IS_TOO_LONG_FOR_A_CHAIN", 1 },
    { "-A INPUT -j DROP", 0 },
    { "! ! -s 10.0.0.1", 1 },
    { "-m comment", 1 },
    { "-p udp -j REJECT --reject-with tcp-reset", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) words = split (cases[i].line);
      g_autoptr(GError) error = NULL;
      int bad = 99;
      NflRule *rule = nfl_rule_from_words (g_strv_length (words), (const char *const *) words, &bad, &error);

      g_assert_null (rule);
      g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID);
      if (cases[i].bad >= 0)
        g_assert_cmpint (bad, ==, cases[i].bad);
    }
}

/* ---------------------------------------------------------------------- */
/* clauses                                                                 */
/* ---------------------------------------------------------------------- */

static void
collect_clause_cb (const NflRuleClause *clause,
                   gpointer             user_data)
{
  GString *out = user_data;

  g_string_append_printf (out, "[%s|%s%s", clause->extension ? clause->extension : "-",
                          clause->negate ? "!" : "", clause->option);
  g_assert_cmpuint (clause->n_args, <=, 2);
  for (guint i = 0; i < clause->n_args; i++)
    g_string_append_printf (out, "|%s", clause->args[i]);
  for (guint i = clause->n_args; i < 2; i++)
    g_assert_null (clause->args[i]);
  g_string_append_c (out, ']');
}

static void
test_clauses (void)
{
  static const struct { const char *line, *clauses; } cases[] = {
    { "", "" },
    { "! -s 10.0.0.0/8 -i eth0 -p tcp -f -j my_chain",
      "[-|!-s|10.0.0.0/8][-|-i|eth0][-|-p|tcp][-|-f][-|-j|my_chain]" },
    { "-p tcp -m tcp ! --dport 22 --tcp-flags SYN,ACK SYN -g other",
      "[-|-p|tcp][tcp|-m|tcp][tcp|!--dport|22][tcp|--tcp-flags|SYN,ACK|SYN][-|-g|other]" },
    { "-p udp -m multiport ! --dports 53,123 -j ACCEPT",
      "[-|-p|udp][multiport|-m|multiport][multiport|!--dports|53,123][ACCEPT|-j|ACCEPT]" },
    { "-m comment --comment \"a b\" -m mark --mark 0x1/0x3",
      "[comment|-m|comment][comment|--comment|a b][mark|-m|mark][mark|--mark|0x1/0x3]" },
    { "-p tcp -j DNAT --to-destination 10.1.0.10:80 --random",
      "[-|-p|tcp][DNAT|-j|DNAT][DNAT|--to-destination|10.1.0.10:80][DNAT|--random]" },
    { "-j LOG --log-prefix \"x: \" --log-level 6 --log-uid",
      "[LOG|-j|LOG][LOG|--log-prefix|x: ][LOG|--log-level|6][LOG|--log-uid]" },
    { "-j CT --notrack", "[CT|-j|CT][CT|--notrack]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(NflRule) rule = rule_from_line (cases[i].line);
      g_autoptr(GString) out = g_string_new (NULL);

      nfl_rule_foreach_clause (rule, collect_clause_cb, out);
      g_assert_cmpstr (out->str, ==, cases[i].clauses);
    }
}

static void
test_quoted_word (void)
{
  static const struct { const char *word, *quoted; } cases[] = {
    { "plain", "plain" },
    { "a_b-C9", "a_b-C9" },
    { "", "\"\"" },
    { "a b", "\"a b\"" },
    { "10.0.0.1", "\"10.0.0.1\"" },
    { "it's", "\"it\\'s\"" },
    { "say \"hi\"", "\"say \\\"hi\\\"\"" },
    { "back\\slash", "\"back\\\\slash\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) out = g_string_new ("x ");
      g_auto(GStrv) words = NULL;

      nfl_append_quoted_word (out, cases[i].word);
      g_assert_cmpstr (out->str + 2, ==, cases[i].quoted);
      /* and it reads back as the one word */
      words = split (out->str);
      g_assert_cmpuint (g_strv_length (words), ==, 2);
      g_assert_cmpstr (words[1], ==, cases[i].word);
    }
}

/* ---------------------------------------------------------------------- */
/* the command                                                             */
/* ---------------------------------------------------------------------- */

static void
assert_command_round_trip (const NflRuleCommand *command)
{
  g_autofree char *text = nfl_rule_command_to_string (command);
  g_autoptr(GError) error = NULL;
  NflRuleCommand back = { 0 };
  guint offset = 99, length = 99;

  if (!nfl_iptables_parse_rule_command (text, &back, &offset, &length, &error))
    g_error ("“%s”: at %u+%u: %s", text, offset, length, error->message);
  g_assert_cmpint (back.table, ==, command->table);
  g_assert_cmpstr (back.chain, ==, command->chain);
  g_assert_cmpint (back.op, ==, command->op);
  g_assert_cmpuint (back.position, ==, command->position);
  g_assert_true (nfl_rule_equal_spec (back.rule, command->rule));
  nfl_rule_command_clear (&back);
  g_assert_null (back.chain);
  g_assert_null (back.rule);
}

static NflRuleCommand
make_command (NflTableId  table,
              NflRuleOp   op,
              guint       position,
              const char *chain,
              const char *rule)
{
  NflRuleCommand command = {
    .table = table,
    .chain = g_strdup (chain),
    .op = op,
    .position = position,
    .rule = rule_from_line (rule),
  };

  return command;
}

static void
test_command_round_trip (void)
{
  static const struct { NflTableId table; NflRuleOp op; guint position; const char *chain; } commands[] = {
    { NFL_TABLE_FILTER, NFL_RULE_OP_APPEND, 0, "MYCHAIN" },
    { NFL_TABLE_NAT, NFL_RULE_OP_INSERT, 2, "PREROUTING" },
    { NFL_TABLE_MANGLE, NFL_RULE_OP_INSERT, 0, "FORWARD" },
    { NFL_TABLE_RAW, NFL_RULE_OP_REPLACE, 1, "my-chain" },
    { NFL_TABLE_FILTER, NFL_RULE_OP_REPLACE, 7, "a.b" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (canonical); i++)
    for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
      {
        NflRuleCommand command = make_command (commands[c].table, commands[c].op, commands[c].position,
                                               commands[c].chain, canonical[i]);

        /* what iptables refuses for the table or chain in the words */
        if (!(command.table == NFL_TABLE_NAT && command.rule->target.kind == NFL_TARGET_DROP) &&
            !(g_str_equal (command.chain, "PREROUTING") && command.rule->has_out) &&
            !((g_str_equal (command.chain, "PREROUTING") || g_str_equal (command.chain, "FORWARD")) &&
              command.rule->n_matches > 0 && command.rule->matches[0].kind == NFL_MATCH_OWNER))
          assert_command_round_trip (&command);
        nfl_rule_command_clear (&command);
      }
}

static void
test_command_to_string (void)
{
  static const struct { NflTableId table; NflRuleOp op; guint position; const char *chain, *rule, *text; } cases[] = {
    { NFL_TABLE_NAT, NFL_RULE_OP_INSERT, 2, "PREROUTING", "-d 169.254.169.254/32 -j DNAT --to-destination 10.1.0.10",
      "iptables -t nat -I PREROUTING 2 -d 169.254.169.254/32 -j DNAT --to-destination 10.1.0.10" },
    { NFL_TABLE_FILTER, NFL_RULE_OP_APPEND, 0, "INPUT", "-p tcp -m tcp --dport 22 -j ACCEPT",
      "iptables -A INPUT -p tcp -m tcp --dport 22 -j ACCEPT" },
    { NFL_TABLE_FILTER, NFL_RULE_OP_APPEND, 5, "INPUT", "-j ACCEPT",
      "iptables -A INPUT -j ACCEPT" },
    { NFL_TABLE_FILTER, NFL_RULE_OP_INSERT, 0, "INPUT", "! -s 10.0.0.0/8 -j DROP",
      "iptables -I INPUT ! -s 10.0.0.0/8 -j DROP" },
    { NFL_TABLE_MANGLE, NFL_RULE_OP_REPLACE, 3, "OUTPUT", "-j TTL --ttl-set 64",
      "iptables -t mangle -R OUTPUT 3 -j TTL --ttl-set 64" },
    { NFL_TABLE_FILTER, NFL_RULE_OP_APPEND, 0, "INPUT", "-i eth+ -m comment --comment \"it's \\\"ok\\\"\" -j LOG "
      "--log-prefix \"IN: \"",
      "iptables -A INPUT -i eth+ -m comment --comment 'it'\\''s \"ok\"' -j LOG --log-prefix 'IN: '" },
    { NFL_TABLE_FILTER, NFL_RULE_OP_APPEND, 0, "FORWARD", "", "iptables -A FORWARD" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      NflRuleCommand command = make_command (cases[i].table, cases[i].op, cases[i].position,
                                             cases[i].chain, cases[i].rule);
      g_autofree char *text = nfl_rule_command_to_string (&command);

      g_assert_cmpstr (text, ==, cases[i].text);
      if (command.op == NFL_RULE_OP_APPEND)
        command.position = 0;
      assert_command_round_trip (&command);
      nfl_rule_command_clear (&command);
    }
}

static void
test_command_parse (void)
{
  static const struct {
    const char *text;
    NflTableId  table;
    const char *chain;
    NflRuleOp   op;
    guint       position;
    const char *rule;
  } cases[] = {
    { "iptables -A INPUT -p tcp --dport 22 -j ACCEPT", NFL_TABLE_FILTER, "INPUT", NFL_RULE_OP_APPEND, 0,
      "-p tcp -m tcp --dport 22 -j ACCEPT" },
    { "sudo iptables -t mangle -R FORWARD 3 -j ACCEPT", NFL_TABLE_MANGLE, "FORWARD", NFL_RULE_OP_REPLACE, 3,
      "-j ACCEPT" },
    { "  iptables -I OUTPUT -o lo -j ACCEPT  # loopback", NFL_TABLE_FILTER, "OUTPUT", NFL_RULE_OP_INSERT, 0,
      "-o lo -j ACCEPT" },
    { "iptables -tnat -I POSTROUTING 1 -o eth0 -j MASQUERADE", NFL_TABLE_NAT, "POSTROUTING",
      NFL_RULE_OP_INSERT, 1, "-o eth0 -j MASQUERADE" },
    { "iptables -A NOPE -j ACCEPT", NFL_TABLE_FILTER, "NOPE", NFL_RULE_OP_APPEND, 0, "-j ACCEPT" },
    { "iptables --append INPUT --match comment --comment 'a \"b\"' --jump DROP", NFL_TABLE_FILTER, "INPUT",
      NFL_RULE_OP_APPEND, 0, "-m comment --comment \"a \\\"b\\\"\" -j DROP" },
    { "iptables -A INPUT -w -j ACCEPT", NFL_TABLE_FILTER, "INPUT", NFL_RULE_OP_APPEND, 0, "-j ACCEPT" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      NflRuleCommand command = { 0 };
      g_autoptr(GError) error = NULL;
      g_autofree char *spec = NULL;

      if (!nfl_iptables_parse_rule_command (cases[i].text, &command, NULL, NULL, &error))
        g_error ("“%s”: %s", cases[i].text, error->message);
      g_assert_cmpint (command.table, ==, cases[i].table);
      g_assert_cmpstr (command.chain, ==, cases[i].chain);
      g_assert_cmpint (command.op, ==, cases[i].op);
      g_assert_cmpuint (command.position, ==, cases[i].position);
      spec = nfl_rule_to_save_spec (command.rule);
      g_assert_cmpstr (spec, ==, cases[i].rule);
      nfl_rule_command_clear (&command);
    }
}

static void
test_command_errors (void)
{
  static const struct { const char *text, *bad; } cases[] = {
    /* @bad is the offending word, as it is in the text; NULL: the whole text */
    { "iptables -A INPUT -p tcp --dport 99999 -j DROP", "99999" },
    { "iptables -A INPUT -p tcp --dport=99999 -j DROP", "--dport=99999" },
    { "iptables -L", "-L" },
    { "iptables -L INPUT", "-L" },
    { "iptables -D INPUT 1", "-D" },
    { "iptables -F", "-F" },
    { "iptables -N chain", "-N" },
    { "iptables -P INPUT DROP", "-P" },
    { "iptables -A INPUT -j ACCEPT -h", "-h" },
    { "iptables -V", "-V" },
    { "iptables -A INPUT -j ACCEPT -I INPUT", "-I" },
    { "iptables -A INPUT -j ACCEPT -A INPUT", "-A" },
    { "iptables -A", "-A" },
    { "iptables -R INPUT -j ACCEPT", "-R" },
    { "iptables -I INPUT 0 -j ACCEPT", "0" },
    { "iptables", NULL },
    { "", NULL },
    { "sudo", NULL },
    { "ip link set veth0 up", "ip" },
    { "sudo ip6tables -A INPUT -j ACCEPT", "ip6tables" },
    { "iptables -A INPUT -s 10.0.0.1,10.0.0.2 -j DROP", "-s" },
    { "iptables -t nat -A PREROUTING -j DROP", "DROP" },
    { "iptables -t nope -A INPUT -j DROP", "nope" },
    { "iptables -A INPUT -m comment --comment 'x y' -p udp -j REJECT --reject-with tcp-reset", "REJECT" },
    { "iptables -A INPUT -m comment --comment \"unclosed -j DROP", "\"" },
    { "iptables -A INPUT -j ACCEPT; iptables -L", ";" },
    { "iptables -A INPUT -p tcp -m tcp --dport 22 ! -j DROP", "!" },
    { "iptables -A INPUT -p tcp --sport 'a b' -j DROP", "'a b'" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      NflRuleCommand command = { 0 };
      g_autoptr(GError) error = NULL;
      guint offset = 999, length = 999;
      const char *text = cases[i].text;

      g_assert_false (nfl_iptables_parse_rule_command (text, &command, &offset, &length, &error));
      g_assert_nonnull (error);
      g_assert_true (error->domain == NFL_FORMAT_ERROR);
      g_assert_null (command.chain);
      g_assert_null (command.rule);
      if (cases[i].bad == NULL)
        {
          g_assert_cmpuint (offset, ==, 0);
          g_assert_cmpuint (length, ==, strlen (text));
        }
      else
        {
          /* the last occurrence: "-A" of a second command, the value after an option */
          const char *at = g_strrstr (text, cases[i].bad);

          g_assert_nonnull (at);
          if (offset != (guint) (at - text) || length != strlen (cases[i].bad))
            g_error ("“%s”: at %u+%u, not at “%s”: %s", text, offset, length, cases[i].bad, error->message);
        }
    }
  /* the offsets are optional */
  {
    NflRuleCommand command = { 0 };
    g_autoptr(GError) error = NULL;

    g_assert_false (nfl_iptables_parse_rule_command ("iptables -L", &command, NULL, NULL, &error));
    g_assert_nonnull (error);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nfl/engine/rule-words/words/identity", test_words_identity);
  g_test_add_func ("/nfl/engine/rule-words/words/canonical", test_words_canonical);
  g_test_add_func ("/nfl/engine/rule-words/words/errors", test_words_errors);
  g_test_add_func ("/nfl/engine/rule-words/clauses", test_clauses);
  g_test_add_func ("/nfl/engine/rule-words/quoted-word", test_quoted_word);
  g_test_add_func ("/nfl/engine/rule-words/command/round-trip", test_command_round_trip);
  g_test_add_func ("/nfl/engine/rule-words/command/to-string", test_command_to_string);
  g_test_add_func ("/nfl/engine/rule-words/command/parse", test_command_parse);
  g_test_add_func ("/nfl/engine/rule-words/command/errors", test_command_errors);

  return g_test_run ();
}
