/* test-iptables-refusals.c: what the iptables command must refuse
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One test per refusal: after its setup commands (which must work), the
 * command must fail, leave the ruleset exactly as it was (iptables-save
 * with counters before and after), point bad_word at the word at fault,
 * and say so with iptables' own words in its message.
 */
#include "config.h"

#include <string.h>

#include "nfl-engine.h"

typedef struct {
  const char *path;      /* test path, under /iptables/refusals/ */
  const char *setup;     /* command lines that must succeed, one per line */
  const char *command;   /* the line that must be refused */
  int         bad;       /* the index of the word at fault ("iptables" is 0), -1: the whole line */
  const char *bad_text;  /* that word */
  const char *phrase;    /* part of the message */
} Refusal;

static const Refusal refusals[] = {
  /* a jump to a chain that does not exist */
  { "jump/missing-chain", NULL, "iptables -A INPUT -j nosuch", 4, "nosuch", "does not exist" },
  { "jump/goto-missing-chain", NULL, "iptables -A INPUT -p tcp -g nosuch", 6, "nosuch", "does not exist" },
  { "jump/missing-chain-other-table", "iptables -t nat -N my_chain",
    "iptables -A INPUT -j my_chain", 4, "my_chain", "does not exist" },
  { "jump/lower-case-target", NULL, "iptables -A INPUT -j accept", 4, "accept", "does not exist" },

  /* deleting a chain that is still used */
  { "delete-chain/referenced", "iptables -N my_chain\niptables -A INPUT -j my_chain",
    "iptables -X my_chain", 2, "my_chain", "CHAIN_DEL failed (Device or resource busy)" },
  { "delete-chain/referenced-by-goto", "iptables -N my_chain\niptables -A FORWARD -g my_chain",
    "iptables -X my_chain", 2, "my_chain", "CHAIN_DEL failed (Device or resource busy)" },
  { "delete-chain/all-while-referenced", "iptables -N a\niptables -N b\niptables -A INPUT -j a",
    "iptables -X", 1, "-X", "CHAIN_DEL failed (Device or resource busy)" },
  { "delete-chain/not-empty", "iptables -N my_chain\niptables -A my_chain -j ACCEPT",
    "iptables -X my_chain", 2, "my_chain", "CHAIN_DEL failed (Device or resource busy)" },
  { "delete-chain/missing", NULL, "iptables -X nosuch", 2, "nosuch", "No chain/target/match by that name" },
  { "delete-chain/built-in", NULL, "iptables -X INPUT", 2, "INPUT", "No chain/target/match by that name" },

  /* loops of jumps that a built-in chain reaches */
  { "loop/two-chains", "iptables -N A\niptables -N B\niptables -A INPUT -j A\niptables -A A -j B",
    "iptables -A B -j A", 4, "A", "RULE_APPEND failed (Too many links)" },
  { "loop/self", "iptables -N A\niptables -A INPUT -j A",
    "iptables -A A -j A", 4, "A", "RULE_APPEND failed (Too many links)" },
  { "loop/goto", "iptables -N A\niptables -N B\niptables -A OUTPUT -g A\niptables -A A -g B",
    "iptables -A B -g A", 4, "A", "RULE_APPEND failed (Too many links)" },
  { "loop/insert", "iptables -N A\niptables -N B\niptables -A INPUT -j A\niptables -A A -j B",
    "iptables -I B -j A", 4, "A", "RULE_INSERT failed (Too many links)" },
  { "loop/replace", "iptables -N A\niptables -N B\niptables -A INPUT -j A\niptables -A A -j B\n"
    "iptables -A B -j RETURN",
    "iptables -R B 1 -j A", 5, "A", "RULE_REPLACE failed (Too many links)" },
  /* iptables accepts a loop that no built-in chain reaches, and refuses
   * the jump that would make it reachable */
  { "loop/attach-unreachable-loop", "iptables -N A\niptables -N B\niptables -A A -j B\niptables -A B -j A",
    "iptables -A INPUT -j A", 4, "A", "RULE_APPEND failed (Too many links)" },
  { "loop/attach-unreachable-self-loop", "iptables -t nat -N X\niptables -t nat -A X -j X",
    "iptables -t nat -I PREROUTING -j X", 6, "X", "RULE_INSERT failed (Too many links)" },

  /* policies */
  { "policy/user-chain", "iptables -N my_chain", "iptables -P my_chain DROP", 2, "my_chain",
    "Bad built-in chain name" },
  { "policy/missing-chain", NULL, "iptables -P nosuch DROP", 2, "nosuch", "Bad built-in chain name" },
  { "policy/built-in-of-another-table", NULL, "iptables -t raw -P INPUT DROP", 4, "INPUT",
    "Bad built-in chain name" },
  { "policy/bad-name", NULL, "iptables -P INPUT REJECT", 3, "REJECT", "Bad policy name" },
  { "policy/drop-in-nat", NULL, "iptables -t nat -P PREROUTING DROP", 5, "DROP",
    "not intended for filtering" },

  /* a target in a table or chain the kernel does not allow it in */
  { "target/dnat-in-filter", NULL, "iptables -A INPUT -p tcp -j DNAT --to-destination 10.0.0.1",
    6, "DNAT", "RULE_APPEND failed (Invalid argument)" },
  { "target/dnat-in-mangle-input", NULL,
    "iptables -t mangle -A INPUT -j DNAT --to-destination 10.0.0.1",
    6, "DNAT", "RULE_APPEND failed (Invalid argument)" },
  { "target/dnat-in-postrouting", NULL,
    "iptables -t nat -A POSTROUTING -j DNAT --to-destination 10.0.0.1",
    6, "DNAT", "RULE_APPEND failed (Invalid argument)" },
  { "target/snat-in-prerouting", NULL,
    "iptables -t nat -A PREROUTING -j SNAT --to-source 10.0.0.1",
    6, "SNAT", "RULE_APPEND failed (Invalid argument)" },
  { "target/masquerade-in-prerouting", NULL, "iptables -t nat -A PREROUTING -j MASQUERADE",
    6, "MASQUERADE", "RULE_APPEND failed (Invalid argument)" },
  { "target/redirect-in-postrouting", NULL, "iptables -t nat -A POSTROUTING -p tcp -j REDIRECT",
    8, "REDIRECT", "RULE_APPEND failed (Invalid argument)" },
  { "target/reject-in-nat", NULL, "iptables -t nat -A PREROUTING -j REJECT",
    6, "REJECT", "RULE_APPEND failed (Invalid argument)" },
  { "target/reject-in-mangle", NULL, "iptables -t mangle -A INPUT -j REJECT",
    6, "REJECT", "RULE_APPEND failed (Invalid argument)" },
  { "target/reject-in-raw", NULL, "iptables -t raw -A PREROUTING -j REJECT",
    6, "REJECT", "RULE_APPEND failed (Invalid argument)" },
  { "target/ttl-in-filter", NULL, "iptables -A INPUT -j TTL --ttl-set 64",
    4, "TTL", "RULE_APPEND failed (Invalid argument)" },
  { "target/tos-in-nat", NULL, "iptables -t nat -A OUTPUT -j TOS --set-tos 0x10",
    6, "TOS", "RULE_APPEND failed (Invalid argument)" },
  { "target/notrack-in-filter", NULL, "iptables -A INPUT -j NOTRACK",
    4, "NOTRACK", "RULE_APPEND failed (Invalid argument)" },
  { "target/notrack-in-mangle", NULL, "iptables -t mangle -A PREROUTING -j NOTRACK",
    6, "NOTRACK", "RULE_APPEND failed (Invalid argument)" },
  { "target/ct-in-mangle", NULL, "iptables -t mangle -A PREROUTING -j CT --notrack",
    6, "CT", "RULE_APPEND failed (Invalid argument)" },
  { "target/reject-tcp-reset-without-tcp", NULL, "iptables -A INPUT -p udp -j REJECT --reject-with tcp-reset",
    6, "REJECT", "RULE_APPEND failed (Invalid argument)" },
  { "target/nat-via-user-chain", "iptables -t nat -N my_chain\n"
    "iptables -t nat -A my_chain -j DNAT --to-destination 10.0.0.1",
    "iptables -t nat -A POSTROUTING -j my_chain", 6, "my_chain", "RULE_APPEND failed (Invalid argument)" },
  { "target/nat-into-user-chain", "iptables -t nat -N my_chain\n"
    "iptables -t nat -A POSTROUTING -j my_chain",
    "iptables -t nat -A my_chain -j DNAT --to-destination 10.0.0.1", 6, "DNAT",
    "RULE_APPEND failed (Invalid argument)" },
  { "target/drop-in-nat", NULL, "iptables -t nat -A PREROUTING -j DROP", 6, "DROP",
    "not intended for filtering" },

  /* rule numbers */
  { "index/insert-too-big", NULL, "iptables -I INPUT 2 -j ACCEPT", 3, "2", "Index of insertion too big" },
  { "index/insert-too-big-after-rules", "iptables -A INPUT -j ACCEPT\niptables -A INPUT -j DROP",
    "iptables -I INPUT 4 -j ACCEPT", 3, "4", "Index of insertion too big" },
  { "index/delete-too-big", "iptables -A INPUT -j ACCEPT", "iptables -D INPUT 2", 3, "2",
    "Index of deletion too big" },
  { "index/delete-empty-chain", NULL, "iptables -D OUTPUT 1", 3, "1", "Index of deletion too big" },
  { "index/replace-too-big", "iptables -A INPUT -j ACCEPT", "iptables -R INPUT 3 -j DROP", 3, "3",
    "Index of replacement too big" },
  { "index/zero", NULL, "iptables -I INPUT 0 -j ACCEPT", 3, "0", "Invalid rule number" },
  { "index/not-a-number", "iptables -A INPUT -j ACCEPT", "iptables -D INPUT first", 3, "first",
    "Invalid rule number" },

  /* delete or check by a specification no rule has */
  { "delete-spec/missing", "iptables -A INPUT -s 10.0.0.1 -j ACCEPT",
    "iptables -D INPUT -s 10.0.0.2 -j ACCEPT", 2, "INPUT",
    "Bad rule (does a matching rule exist in that chain?)" },
  { "delete-spec/other-target", "iptables -A INPUT -s 10.0.0.1 -j ACCEPT",
    "iptables -D INPUT -s 10.0.0.1 -j DROP", 2, "INPUT",
    "Bad rule (does a matching rule exist in that chain?)" },
  { "delete-spec/one-of-two-addresses", "iptables -A INPUT -s 10.0.0.1 -j ACCEPT",
    "iptables -D INPUT -s 10.0.0.1,10.0.0.2 -j ACCEPT", 2, "INPUT",
    "Bad rule (does a matching rule exist in that chain?)" },
  { "check-spec/missing", NULL, "iptables -C INPUT -p tcp --dport 22 -j ACCEPT", 2, "INPUT",
    "Bad rule (does a matching rule exist in that chain?)" },

  /* options */
  { "option/unknown", NULL, "iptables -A INPUT --bogus -j ACCEPT", 3, "--bogus", "unknown option" },
  { "option/unknown-short", NULL, "iptables -A INPUT -z -j ACCEPT", 3, "-z", "unknown option" },
  { "option/target-option-before-target", NULL,
    "iptables -A INPUT --reject-with tcp-reset -j REJECT", 3, "--reject-with", "unknown option" },
  { "option/dport-without-protocol", NULL, "iptables -A INPUT --dport 22 -j ACCEPT", 3, "--dport",
    "unknown option" },
  { "option/dport-after-negated-protocol", NULL, "iptables -A INPUT ! -p tcp --dport 22 -j ACCEPT",
    6, "--dport", "unknown option" },
  { "option/missing-argument", NULL, "iptables -A INPUT -s", 3, "-s", "requires an argument" },
  { "option/missing-argument-of-match", NULL, "iptables -A INPUT -p tcp --dport", 5, "--dport",
    "requires an argument" },
  { "option/missing-chain", NULL, "iptables -A", 1, "-A", "requires an argument" },
  { "option/numeric-with-append", NULL, "iptables -A INPUT -n -j ACCEPT", 3, "-n", "Illegal option" },
  { "option/rule-option-with-flush", NULL, "iptables -F INPUT -p tcp", 3, "-p", "Illegal option" },
  { "option/twice", NULL, "iptables -A INPUT -s 10.0.0.1 -s 10.0.0.2 -j ACCEPT", 5, "-s",
    "multiple -s flags not allowed" },
  { "option/two-targets", NULL, "iptables -A INPUT -j ACCEPT -j DROP", 5, "-j", "multiple -j flags not allowed" },
  { "option/out-interface-in-input", NULL, "iptables -A INPUT -o eth0 -j ACCEPT", 3, "-o", "Can't use -o with INPUT" },
  { "option/in-interface-in-postrouting", NULL, "iptables -t nat -A POSTROUTING -i eth0 -j MASQUERADE",
    5, "-i", "Can't use -i with POSTROUTING" },
  { "option/double-negation", NULL, "iptables -A INPUT ! ! -s 10.0.0.1 -j ACCEPT", 4, "!",
    "multiple consecutive ! not allowed" },
  { "option/negated-target", NULL, "iptables -A INPUT ! -j ACCEPT", 3, "!", "cannot have ! before -j" },

  /* addresses */
  { "address/bad", NULL, "iptables -A INPUT -s 10.0.0.300 -j DROP", 4, "10.0.0.300", "host/network" },
  { "address/too-many-parts", NULL, "iptables -A INPUT -d 10.0.0.1.2 -j DROP", 4, "10.0.0.1.2", "host/network" },
  { "address/ipv6", NULL, "iptables -A INPUT -s ::1 -j DROP", 4, "::1", "host/network" },
  { "address/empty", NULL, "iptables -A INPUT -s '' -j DROP", 4, "", "host/network" },
  { "address/unknown-host", NULL, "iptables -A INPUT -s example.com -j DROP", 4, "example.com", "host/network" },
  { "address/prefix-33", NULL, "iptables -A INPUT -s 10.0.0.1/33 -j DROP", 4, "10.0.0.1/33", "invalid mask" },
  { "address/bad-dotted-mask", NULL, "iptables -A INPUT -s 10.0.0.0/255.255.0.256 -j DROP", 4,
    "10.0.0.0/255.255.0.256", "invalid mask" },
  { "address/negated-list", NULL, "iptables -A INPUT ! -s 10.0.0.1,10.0.0.2 -j DROP", 4, "-s",
    "! not allowed with multiple" },

  /* ports and protocols */
  { "port/70000", NULL, "iptables -A INPUT -p tcp --dport 70000 -j ACCEPT", 6, "70000",
    "invalid port/service" },
  { "port/unknown-service", NULL, "iptables -A INPUT -p udp --sport nosuchservice -j ACCEPT", 6,
    "nosuchservice", "invalid port/service" },
  { "port/reversed-range", NULL, "iptables -A INPUT -p tcp --dport 2000:1000 -j ACCEPT", 6,
    "2000:1000", "invalid portrange" },
  { "port/multiport-without-protocol", NULL, "iptables -A INPUT -m multiport --dports 22,80 -j ACCEPT",
    5, "--dports", "multiport needs" },
  { "port/multiport-too-many", NULL,
    "iptables -A INPUT -p tcp -m multiport --dports 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16 -j ACCEPT",
    8, "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16", "too many ports specified" },
  { "port/nat-port-without-protocol", NULL,
    "iptables -t nat -A PREROUTING -j DNAT --to-destination 10.0.0.1:8080", 8, "10.0.0.1:8080",
    "Need TCP, UDP, SCTP or DCCP with port specification" },
  { "protocol/unknown", NULL, "iptables -A INPUT -p bogus -j ACCEPT", 4, "bogus", "unknown protocol" },
  { "protocol/256", NULL, "iptables -A INPUT -p 256 -j ACCEPT", 4, "256", "unknown protocol" },
  { "protocol/tcp-match-without-tcp", NULL, "iptables -A INPUT -m tcp --dport 22 -j ACCEPT", 4, "tcp",
    "TCP match requires '-p tcp'" },

  /* matches */
  { "match/unknown", NULL, "iptables -A INPUT -m bogus -j ACCEPT", 4, "bogus", "Couldn't load match" },
  { "match/not-simulated", NULL, "iptables -A INPUT -m hashlimit --hashlimit-name X -j ACCEPT", 4, "hashlimit",
    "does not model" },
  { "match/conntrack-without-option", NULL, "iptables -A INPUT -m conntrack -j ACCEPT", 4, "conntrack",
    "At least one option is required" },
  { "match/connmark-without-mark", NULL, "iptables -t mangle -A PREROUTING -m connmark -j ACCEPT", 6, "connmark",
    "option \"--mark\" must be specified" },
  { "match/connmark-bad-mark", NULL, "iptables -t mangle -A PREROUTING -m connmark --mark 1/x", 8, "1/x",
    "bad integer value" },
  { "target/connmark-no-operation", NULL, "iptables -t mangle -A PREROUTING -j CONNMARK --mask 0xff", 6,
    "CONNMARK", "No operation specified" },
  { "target/connmark-two-operations", NULL, "iptables -t mangle -A PREROUTING -j CONNMARK --set-mark 1 --save-mark",
    9, "--save-mark", "cannot be used together" },
  { "target/connmark-masks", NULL, "iptables -t mangle -A PREROUTING -j CONNMARK --save-mark --mask 1 --nfmask 2",
    10, "--nfmask", "cannot be used together" },
  { "target/nfqueue-balance-backwards", NULL, "iptables -A INPUT -j NFQUEUE --queue-balance 5:2", 6, "5:2",
    "should be less than" },
  { "target/nfqueue-num-and-balance", NULL, "iptables -A INPUT -j NFQUEUE --queue-num 1 --queue-balance 2:3", 7,
    "--queue-balance", "cannot be used together" },
  { "target/nfqueue-fanout-alone", NULL, "iptables -A INPUT -j NFQUEUE --queue-cpu-fanout", 4, "NFQUEUE",
    "also requires" },
  { "match/conntrack-ctdir-negated", NULL, "iptables -A INPUT -m conntrack ! --ctdir REPLY", 5, "!",
    "cannot be negated" },
  { "match/conntrack-ctstatus-bad", NULL, "iptables -A INPUT -m conntrack --ctstatus ASSURED,X", 6,
    "ASSURED,X", "Bad ctstatus \"X\"" },
  { "match/conntrack-ctexpire-range", NULL, "iptables -A INPUT -m conntrack --ctexpire 1:2:3", 6, "1:2:3",
    "Too many components" },
  { "target/tcpmss-no-tcp", NULL, "iptables -t mangle -A FORWARD -j TCPMSS --set-mss 1400", 6, "TCPMSS",
    "needs “-p tcp”" },
  { "target/tcpmss-clamp-prerouting", NULL, "iptables -t mangle -A PREROUTING -p tcp -j TCPMSS --clamp-mss-to-pmtu",
    8, "TCPMSS", "works only in FORWARD, OUTPUT and POSTROUTING" },
  { "target/checksum-filter", NULL, "iptables -A OUTPUT -j CHECKSUM --checksum-fill", 4, "CHECKSUM", "mangle" },
  { "target/nflog-group-range", NULL, "iptables -A INPUT -j NFLOG --nflog-group 65536", 6, "65536", "out of range" },
  { "target/nflog-empty-prefix", NULL, "iptables -A INPUT -j NFLOG --nflog-prefix ''", 6, "", "minimum length" },
  { "target/nflog-range-size", NULL, "iptables -A INPUT -j NFLOG --nflog-size 1 --nflog-range 2", 7,
    "--nflog-range", "cannot be used together" },
  { "match/pkttype-no-option", NULL, "iptables -A INPUT -m pkttype -j ACCEPT", 4, "pkttype", "must be specified" },
  { "match/pkttype-bad", NULL, "iptables -A INPUT -m pkttype --pkt-type outgoing", 6, "outgoing",
    "Bad packet type" },
  { "match/owner-no-option", NULL, "iptables -A OUTPUT -m owner -j ACCEPT", 4, "owner", "At least one of" },
  { "match/owner-suppl-first", NULL, "iptables -A OUTPUT -m owner --suppl-groups --gid-owner 0", 5,
    "--suppl-groups", "--gid-owner first" },
  { "match/owner-bad-uid", NULL, "iptables -A OUTPUT -m owner --uid-owner 7-", 6, "7-", "Bad value" },
  { "match/owner-input", NULL, "iptables -A INPUT -m owner --uid-owner 0 -j ACCEPT", 4, "owner",
    "only in OUTPUT and POSTROUTING" },
  { "match/owner-user-chain-input", "iptables -N mine\niptables -A INPUT -j mine",
    "iptables -A mine -m owner --uid-owner 0 -j ACCEPT", 8, "ACCEPT", "INPUT reaches it" },
  { "match/owner-range-down", NULL, "iptables -A OUTPUT -m owner --uid-owner 5-3", 4, "owner", "below its start" },
  { "match/recent-no-action", NULL, "iptables -A INPUT -m recent --name SSH -j ACCEPT", 4, "recent",
    "you must specify one of" },
  { "match/recent-two-actions", NULL, "iptables -A INPUT -m recent --set --rcheck", 6, "--rcheck",
    "cannot be used together" },
  { "match/recent-set-seconds", NULL, "iptables -A INPUT -m recent --set --seconds 10", 4, "recent",
    "RULE_APPEND failed (Invalid argument)" },
  { "match/recent-reap-alone", NULL, "iptables -A INPUT -m recent --rcheck --reap", 6, "--reap",
    "also requires" },
  { "match/bad-state", NULL, "iptables -A INPUT -m state --state BOGUS -j ACCEPT", 6, "BOGUS", "Bad state" },

  /* interfaces */
  { "interface/16-characters", NULL, "iptables -A INPUT -i abcdefghijklmnop -j ACCEPT", 4,
    "abcdefghijklmnop", "must be shorter than IFNAMSIZ" },
  { "interface/26-characters", NULL, "iptables -A FORWARD -o abcdefghijklmnopqrstuvwxyz -j ACCEPT", 4,
    "abcdefghijklmnopqrstuvwxyz", "must be shorter than IFNAMSIZ" },
  { "interface/empty", NULL, "iptables -A INPUT -i '' -j ACCEPT", 4, "", "Empty interface" },

  /* the tutorial's typo, and other stray words */
  { "stray/tutorial-typo", "iptables -t nat -N my_chain",
    "iptables -A -t nat -A PREROUTING -j my_chain", 3, "nat", "Bad argument" },
  { "stray/negated-address-argument", NULL, "iptables -A INPUT -s ! 10.0.0.1 -j ACCEPT", 5, "10.0.0.1",
    "Bad argument" },
  { "stray/word-after-chain", NULL, "iptables -A INPUT tcp -j ACCEPT", 3, "tcp", "Bad argument" },

  /* two commands in one line */
  { "two-commands/append-delete", NULL, "iptables -A INPUT -D INPUT", 3, "-D", "Cannot use -D with -A" },
  { "two-commands/rule-then-delete", "iptables -A INPUT -j ACCEPT",
    "iptables -A INPUT -j ACCEPT -D INPUT 1", 5, "-D", "Cannot use -D with -A" },
  { "two-commands/list-flush", NULL, "iptables -L -F", 2, "-F", "Cannot use -F with -L" },
  { "two-commands/list-list-rules", NULL, "iptables -L -S", 2, "-S", "Cannot use -S with -L" },
  { "two-commands/new-delete-chain", NULL, "iptables -N x -X x", 3, "-X", "Cannot use -X with -N" },
  { "two-commands/append-twice", NULL, "iptables -A INPUT -A OUTPUT -j ACCEPT", 3, "-A", "Cannot use -A with -A" },
  { "two-commands/clustered", NULL, "iptables -L -vF", 2, "-vF", "Cannot use -F with -L" },

  /* chains */
  { "chain/new-existing", "iptables -N my_chain", "iptables -N my_chain", 2, "my_chain", "Chain already exists" },
  { "chain/new-built-in", NULL, "iptables -N INPUT", 2, "INPUT", "Chain already exists" },
  { "chain/new-target-name", NULL, "iptables -N ACCEPT", 2, "ACCEPT", "chain name may not clash with target name" },
  { "chain/new-too-long", NULL, "iptables -N abcdefghijklmnopqrstuvwxyz012", 2,
    "abcdefghijklmnopqrstuvwxyz012", "too long (must be under 29 chars)" },
  { "chain/new-leading-dash", NULL, "iptables -N -x", 2, "-x", "not allowed to start with" },
  { "chain/append-missing", NULL, "iptables -A nosuch -j ACCEPT", 2, "nosuch", "No chain/target/match by that name" },
  { "chain/built-in-of-another-table", NULL, "iptables -t nat -A FORWARD -j ACCEPT", 4, "FORWARD",
    "No chain/target/match by that name" },
  { "chain/rename-to-existing", "iptables -N a\niptables -N b", "iptables -E a b", 3, "b", "File exists" },
  { "chain/rename-missing", NULL, "iptables -E nosuch other", 2, "nosuch", "No chain/target/match by that name" },

  /* tables */
  { "table/unknown", NULL, "iptables -t badtable -L", 2, "badtable", "does not exist" },
  { "table/upper-case", NULL, "iptables -t NAT -A PREROUTING -j ACCEPT", 2, "NAT", "does not exist" },
  { "command/none", NULL, "iptables -s 10.0.0.1 -j ACCEPT", -1, NULL, "no command specified" },
};

static gboolean
run_line (NflRuleset  *ruleset,
          const char  *line,
          GStrv       *words_out,
          int         *bad_word,
          GError     **error)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GArray) starts = NULL;
  g_autoptr(GString) output = g_string_new (NULL);
  guint bad_offset = 0;
  gboolean ok;

  if (!nfl_command_split (line, &words, &starts, &bad_offset, error))
    g_error ("cannot split “%s”: %s", line, (*error)->message);
  ok = nfl_iptables_run (ruleset, g_strv_length (words), words, output, bad_word, error);
  if (words_out != NULL)
    *words_out = g_steal_pointer (&words);
  return ok;
}

static void
test_refusal (gconstpointer data)
{
  const Refusal *r = data;
  NflRuleset *ruleset = nfl_ruleset_new ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(GStrv) words = NULL;
  g_autoptr(GError) error = NULL;
  int bad_word = -2;

  if (r->setup != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (r->setup, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_autoptr(GError) setup_error = NULL;

          if (!run_line (ruleset, lines[i], NULL, NULL, &setup_error))
            g_error ("setup “%s” failed: %s", lines[i], setup_error->message);
        }
    }

  before = nfl_iptables_save (ruleset, TRUE);
  g_assert_false (run_line (ruleset, r->command, &words, &bad_word, &error));
  g_assert_nonnull (error);
  g_test_message ("%s\n  → %s (bad word %d)", r->command, error->message, bad_word);
  g_assert_true (error->message[0] != '\0');
  g_assert_nonnull (strstr (error->message, r->phrase));

  /* nothing changed */
  after = nfl_iptables_save (ruleset, TRUE);
  g_assert_cmpstr (after, ==, before);

  /* the word at fault */
  g_assert_cmpint (bad_word, ==, r->bad);
  if (r->bad >= 0)
    g_assert_cmpstr (words[bad_word], ==, r->bad_text);

  nfl_ruleset_free (ruleset);
}

/* the other side of the loop rule: a loop that no built-in chain
 * reaches is accepted, as the kernel never walks it */
static void
test_unreachable_loop_accepted (void)
{
  NflRuleset *ruleset = nfl_ruleset_new ();
  g_autofree char *saved = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (run_line (ruleset, "iptables -N A", NULL, NULL, &error));
  g_assert_true (run_line (ruleset, "iptables -N B", NULL, NULL, &error));
  g_assert_true (run_line (ruleset, "iptables -A A -j B", NULL, NULL, &error));
  g_assert_true (run_line (ruleset, "iptables -A B -j A", NULL, NULL, &error));
  g_assert_true (run_line (ruleset, "iptables -A A -j A", NULL, NULL, &error));
  g_assert_no_error (error);
  saved = nfl_iptables_save (ruleset, FALSE);
  g_assert_nonnull (strstr (saved, "-A A -j B\n-A A -j A\n-A B -j A\n"));
  nfl_ruleset_free (ruleset);
}

/* and a jump into a chain that only continues to a RETURN is no loop */
static void
test_diamond_accepted (void)
{
  NflRuleset *ruleset = nfl_ruleset_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (run_line (ruleset, "iptables -N A", NULL, NULL, &error));
  g_assert_true (run_line (ruleset, "iptables -N B", NULL, NULL, &error));
  g_assert_true (run_line (ruleset, "iptables -N C", NULL, NULL, &error));
  g_assert_true (run_line (ruleset, "iptables -A INPUT -j A", NULL, NULL, &error));
  g_assert_true (run_line (ruleset, "iptables -A INPUT -j B", NULL, NULL, &error));
  g_assert_true (run_line (ruleset, "iptables -A A -j C", NULL, NULL, &error));
  g_assert_true (run_line (ruleset, "iptables -A B -j C", NULL, NULL, &error));
  g_assert_true (run_line (ruleset, "iptables -A A -j B", NULL, NULL, &error));
  g_assert_no_error (error);
  nfl_ruleset_free (ruleset);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autofree char *path = g_strconcat ("/iptables/refusals/", refusals[i].path, NULL);
      g_test_add_data_func (path, &refusals[i], test_refusal);
    }
  g_test_add_func ("/iptables/refusals/loop/unreachable-loop-accepted", test_unreachable_loop_accepted);
  g_test_add_func ("/iptables/refusals/loop/diamond-accepted", test_diamond_accepted);

  return g_test_run ();
}
