/* nfl-rule.c: rule storage and the canonical forms iptables prints
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "nfl-format-error.h"
#include "nfl-rule-private.h"

/* ---------------------------------------------------------------------- */
/* names                                                                   */
/* ---------------------------------------------------------------------- */

const char *
nfl_target_kind_name (NflTargetKind kind)
{
  switch (kind)
    {
    case NFL_TARGET_NONE: return "";
    case NFL_TARGET_ACCEPT: return "ACCEPT";
    case NFL_TARGET_DROP: return "DROP";
    case NFL_TARGET_RETURN: return "RETURN";
    case NFL_TARGET_REJECT: return "REJECT";
    case NFL_TARGET_LOG: return "LOG";
    case NFL_TARGET_DNAT: return "DNAT";
    case NFL_TARGET_SNAT: return "SNAT";
    case NFL_TARGET_MASQUERADE: return "MASQUERADE";
    case NFL_TARGET_REDIRECT: return "REDIRECT";
    case NFL_TARGET_MARK: return "MARK";
    case NFL_TARGET_TOS: return "TOS";
    case NFL_TARGET_TTL: return "TTL";
    case NFL_TARGET_NOTRACK: return "NOTRACK";
    case NFL_TARGET_CT: return "CT";
    case NFL_TARGET_TRACE: return "TRACE";
    case NFL_TARGET_CONNMARK: return "CONNMARK";
    case NFL_TARGET_NFLOG: return "NFLOG";
    case NFL_TARGET_NFQUEUE: return "NFQUEUE";
    case NFL_TARGET_TCPMSS: return "TCPMSS";
    case NFL_TARGET_CHECKSUM: return "CHECKSUM";
    case NFL_TARGET_JUMP:
    case NFL_TARGET_GOTO:
    default:
      return NULL;
    }
}

const char *
nfl_reject_with_name (NflRejectWith with)
{
  switch (with)
    {
    case NFL_REJECT_ICMP_NET_UNREACHABLE: return "icmp-net-unreachable";
    case NFL_REJECT_ICMP_HOST_UNREACHABLE: return "icmp-host-unreachable";
    case NFL_REJECT_ICMP_PORT_UNREACHABLE: return "icmp-port-unreachable";
    case NFL_REJECT_ICMP_PROTO_UNREACHABLE: return "icmp-proto-unreachable";
    case NFL_REJECT_ICMP_NET_PROHIBITED: return "icmp-net-prohibited";
    case NFL_REJECT_ICMP_HOST_PROHIBITED: return "icmp-host-prohibited";
    case NFL_REJECT_ICMP_ADMIN_PROHIBITED: return "icmp-admin-prohibited";
    case NFL_REJECT_TCP_RESET: return "tcp-reset";
    default: return "?";
    }
}

/* /etc/services and /etc/protocols of netbase 6.4 (Debian 12), where the
 * golden transcripts were recorded: iptables reads them to turn names into
 * numbers and, without -n, numbers into names.  They are built in so that
 * a scenario means the same on every machine.  Generated from the files. */
typedef struct {
  const char *name;
  guint16     port;
  guint8      proto;      /* 6 tcp, 17 udp, 33 dccp, 132 sctp */
  gboolean    alias;
} ServiceName;

static const ServiceName service_names[] = {
  { "tcpmux", 1, 6, FALSE },
  { "echo", 7, 6, FALSE },
  { "echo", 7, 17, FALSE },
  { "discard", 9, 6, FALSE },
  { "sink", 9, 6, TRUE },
  { "null", 9, 6, TRUE },
  { "discard", 9, 17, FALSE },
  { "sink", 9, 17, TRUE },
  { "null", 9, 17, TRUE },
  { "systat", 11, 6, FALSE },
  { "users", 11, 6, TRUE },
  { "daytime", 13, 6, FALSE },
  { "daytime", 13, 17, FALSE },
  { "netstat", 15, 6, FALSE },
  { "qotd", 17, 6, FALSE },
  { "quote", 17, 6, TRUE },
  { "chargen", 19, 6, FALSE },
  { "ttytst", 19, 6, TRUE },
  { "source", 19, 6, TRUE },
  { "chargen", 19, 17, FALSE },
  { "ttytst", 19, 17, TRUE },
  { "source", 19, 17, TRUE },
  { "ftp-data", 20, 6, FALSE },
  { "ftp", 21, 6, FALSE },
  { "fsp", 21, 17, FALSE },
  { "fspd", 21, 17, TRUE },
  { "ssh", 22, 6, FALSE },
  { "telnet", 23, 6, FALSE },
  { "smtp", 25, 6, FALSE },
  { "mail", 25, 6, TRUE },
  { "time", 37, 6, FALSE },
  { "timserver", 37, 6, TRUE },
  { "time", 37, 17, FALSE },
  { "timserver", 37, 17, TRUE },
  { "whois", 43, 6, FALSE },
  { "nicname", 43, 6, TRUE },
  { "tacacs", 49, 6, FALSE },
  { "tacacs", 49, 17, FALSE },
  { "domain", 53, 6, FALSE },
  { "domain", 53, 17, FALSE },
  { "bootps", 67, 17, FALSE },
  { "bootpc", 68, 17, FALSE },
  { "tftp", 69, 17, FALSE },
  { "gopher", 70, 6, FALSE },
  { "finger", 79, 6, FALSE },
  { "http", 80, 6, FALSE },
  { "www", 80, 6, TRUE },
  { "kerberos", 88, 6, FALSE },
  { "kerberos5", 88, 6, TRUE },
  { "krb5", 88, 6, TRUE },
  { "kerberos-sec", 88, 6, TRUE },
  { "kerberos", 88, 17, FALSE },
  { "kerberos5", 88, 17, TRUE },
  { "krb5", 88, 17, TRUE },
  { "kerberos-sec", 88, 17, TRUE },
  { "iso-tsap", 102, 6, FALSE },
  { "tsap", 102, 6, TRUE },
  { "acr-nema", 104, 6, FALSE },
  { "dicom", 104, 6, TRUE },
  { "pop3", 110, 6, FALSE },
  { "pop-3", 110, 6, TRUE },
  { "sunrpc", 111, 6, FALSE },
  { "portmapper", 111, 6, TRUE },
  { "sunrpc", 111, 17, FALSE },
  { "portmapper", 111, 17, TRUE },
  { "auth", 113, 6, FALSE },
  { "authentication", 113, 6, TRUE },
  { "tap", 113, 6, TRUE },
  { "ident", 113, 6, TRUE },
  { "nntp", 119, 6, FALSE },
  { "readnews", 119, 6, TRUE },
  { "untp", 119, 6, TRUE },
  { "ntp", 123, 17, FALSE },
  { "epmap", 135, 6, FALSE },
  { "loc-srv", 135, 6, TRUE },
  { "netbios-ns", 137, 17, FALSE },
  { "netbios-dgm", 138, 17, FALSE },
  { "netbios-ssn", 139, 6, FALSE },
  { "imap2", 143, 6, FALSE },
  { "imap", 143, 6, TRUE },
  { "snmp", 161, 6, FALSE },
  { "snmp", 161, 17, FALSE },
  { "snmp-trap", 162, 6, FALSE },
  { "snmptrap", 162, 6, TRUE },
  { "snmp-trap", 162, 17, FALSE },
  { "snmptrap", 162, 17, TRUE },
  { "cmip-man", 163, 6, FALSE },
  { "cmip-man", 163, 17, FALSE },
  { "cmip-agent", 164, 6, FALSE },
  { "cmip-agent", 164, 17, FALSE },
  { "mailq", 174, 6, FALSE },
  { "xdmcp", 177, 17, FALSE },
  { "bgp", 179, 6, FALSE },
  { "smux", 199, 6, FALSE },
  { "qmtp", 209, 6, FALSE },
  { "z3950", 210, 6, FALSE },
  { "wais", 210, 6, TRUE },
  { "ipx", 213, 17, FALSE },
  { "ptp-event", 319, 17, FALSE },
  { "ptp-general", 320, 17, FALSE },
  { "pawserv", 345, 6, FALSE },
  { "zserv", 346, 6, FALSE },
  { "rpc2portmap", 369, 6, FALSE },
  { "rpc2portmap", 369, 17, FALSE },
  { "codaauth2", 370, 6, FALSE },
  { "codaauth2", 370, 17, FALSE },
  { "clearcase", 371, 17, FALSE },
  { "Clearcase", 371, 17, TRUE },
  { "ldap", 389, 6, FALSE },
  { "ldap", 389, 17, FALSE },
  { "svrloc", 427, 6, FALSE },
  { "svrloc", 427, 17, FALSE },
  { "https", 443, 6, FALSE },
  { "https", 443, 17, FALSE },
  { "snpp", 444, 6, FALSE },
  { "microsoft-ds", 445, 6, FALSE },
  { "kpasswd", 464, 6, FALSE },
  { "kpasswd", 464, 17, FALSE },
  { "submissions", 465, 6, FALSE },
  { "ssmtp", 465, 6, TRUE },
  { "smtps", 465, 6, TRUE },
  { "urd", 465, 6, TRUE },
  { "saft", 487, 6, FALSE },
  { "isakmp", 500, 17, FALSE },
  { "rtsp", 554, 6, FALSE },
  { "rtsp", 554, 17, FALSE },
  { "nqs", 607, 6, FALSE },
  { "asf-rmcp", 623, 17, FALSE },
  { "qmqp", 628, 6, FALSE },
  { "ipp", 631, 6, FALSE },
  { "ldp", 646, 6, FALSE },
  { "ldp", 646, 17, FALSE },
  { "exec", 512, 6, FALSE },
  { "biff", 512, 17, FALSE },
  { "comsat", 512, 17, TRUE },
  { "login", 513, 6, FALSE },
  { "who", 513, 17, FALSE },
  { "whod", 513, 17, TRUE },
  { "shell", 514, 6, FALSE },
  { "cmd", 514, 6, TRUE },
  { "syslog", 514, 6, TRUE },
  { "syslog", 514, 17, FALSE },
  { "printer", 515, 6, FALSE },
  { "spooler", 515, 6, TRUE },
  { "talk", 517, 17, FALSE },
  { "ntalk", 518, 17, FALSE },
  { "route", 520, 17, FALSE },
  { "router", 520, 17, TRUE },
  { "routed", 520, 17, TRUE },
  { "gdomap", 538, 6, FALSE },
  { "gdomap", 538, 17, FALSE },
  { "uucp", 540, 6, FALSE },
  { "uucpd", 540, 6, TRUE },
  { "klogin", 543, 6, FALSE },
  { "kshell", 544, 6, FALSE },
  { "krcmd", 544, 6, TRUE },
  { "dhcpv6-client", 546, 17, FALSE },
  { "dhcpv6-server", 547, 17, FALSE },
  { "afpovertcp", 548, 6, FALSE },
  { "nntps", 563, 6, FALSE },
  { "snntp", 563, 6, TRUE },
  { "submission", 587, 6, FALSE },
  { "ldaps", 636, 6, FALSE },
  { "ldaps", 636, 17, FALSE },
  { "tinc", 655, 6, FALSE },
  { "tinc", 655, 17, FALSE },
  { "silc", 706, 6, FALSE },
  { "kerberos-adm", 749, 6, FALSE },
  { "domain-s", 853, 6, FALSE },
  { "domain-s", 853, 17, FALSE },
  { "rsync", 873, 6, FALSE },
  { "ftps-data", 989, 6, FALSE },
  { "ftps", 990, 6, FALSE },
  { "telnets", 992, 6, FALSE },
  { "imaps", 993, 6, FALSE },
  { "pop3s", 995, 6, FALSE },
  { "socks", 1080, 6, FALSE },
  { "proofd", 1093, 6, FALSE },
  { "rootd", 1094, 6, FALSE },
  { "openvpn", 1194, 6, FALSE },
  { "openvpn", 1194, 17, FALSE },
  { "rmiregistry", 1099, 6, FALSE },
  { "lotusnote", 1352, 6, FALSE },
  { "lotusnotes", 1352, 6, TRUE },
  { "ms-sql-s", 1433, 6, FALSE },
  { "ms-sql-m", 1434, 17, FALSE },
  { "ingreslock", 1524, 6, FALSE },
  { "datametrics", 1645, 6, FALSE },
  { "old-radius", 1645, 6, TRUE },
  { "datametrics", 1645, 17, FALSE },
  { "old-radius", 1645, 17, TRUE },
  { "sa-msg-port", 1646, 6, FALSE },
  { "old-radacct", 1646, 6, TRUE },
  { "sa-msg-port", 1646, 17, FALSE },
  { "old-radacct", 1646, 17, TRUE },
  { "kermit", 1649, 6, FALSE },
  { "groupwise", 1677, 6, FALSE },
  { "l2f", 1701, 17, FALSE },
  { "l2tp", 1701, 17, TRUE },
  { "radius", 1812, 6, FALSE },
  { "radius", 1812, 17, FALSE },
  { "radius-acct", 1813, 6, FALSE },
  { "radacct", 1813, 6, TRUE },
  { "radius-acct", 1813, 17, FALSE },
  { "radacct", 1813, 17, TRUE },
  { "cisco-sccp", 2000, 6, FALSE },
  { "nfs", 2049, 6, FALSE },
  { "nfs", 2049, 17, FALSE },
  { "gnunet", 2086, 6, FALSE },
  { "gnunet", 2086, 17, FALSE },
  { "rtcm-sc104", 2101, 6, FALSE },
  { "rtcm-sc104", 2101, 17, FALSE },
  { "gsigatekeeper", 2119, 6, FALSE },
  { "gris", 2135, 6, FALSE },
  { "cvspserver", 2401, 6, FALSE },
  { "venus", 2430, 6, FALSE },
  { "venus", 2430, 17, FALSE },
  { "venus-se", 2431, 6, FALSE },
  { "venus-se", 2431, 17, FALSE },
  { "codasrv", 2432, 6, FALSE },
  { "codasrv", 2432, 17, FALSE },
  { "codasrv-se", 2433, 6, FALSE },
  { "codasrv-se", 2433, 17, FALSE },
  { "mon", 2583, 6, FALSE },
  { "mon", 2583, 17, FALSE },
  { "dict", 2628, 6, FALSE },
  { "f5-globalsite", 2792, 6, FALSE },
  { "gsiftp", 2811, 6, FALSE },
  { "gpsd", 2947, 6, FALSE },
  { "gds-db", 3050, 6, FALSE },
  { "gds_db", 3050, 6, TRUE },
  { "icpv2", 3130, 17, FALSE },
  { "icp", 3130, 17, TRUE },
  { "isns", 3205, 6, FALSE },
  { "isns", 3205, 17, FALSE },
  { "iscsi-target", 3260, 6, FALSE },
  { "mysql", 3306, 6, FALSE },
  { "ms-wbt-server", 3389, 6, FALSE },
  { "nut", 3493, 6, FALSE },
  { "nut", 3493, 17, FALSE },
  { "distcc", 3632, 6, FALSE },
  { "daap", 3689, 6, FALSE },
  { "svn", 3690, 6, FALSE },
  { "subversion", 3690, 6, TRUE },
  { "suucp", 4031, 6, FALSE },
  { "sysrqd", 4094, 6, FALSE },
  { "sieve", 4190, 6, FALSE },
  { "epmd", 4369, 6, FALSE },
  { "remctl", 4373, 6, FALSE },
  { "f5-iquery", 4353, 6, FALSE },
  { "ntske", 4460, 6, FALSE },
  { "ipsec-nat-t", 4500, 17, FALSE },
  { "iax", 4569, 17, FALSE },
  { "mtn", 4691, 6, FALSE },
  { "radmin-port", 4899, 6, FALSE },
  { "sip", 5060, 6, FALSE },
  { "sip", 5060, 17, FALSE },
  { "sip-tls", 5061, 6, FALSE },
  { "sip-tls", 5061, 17, FALSE },
  { "xmpp-client", 5222, 6, FALSE },
  { "jabber-client", 5222, 6, TRUE },
  { "xmpp-server", 5269, 6, FALSE },
  { "jabber-server", 5269, 6, TRUE },
  { "cfengine", 5308, 6, FALSE },
  { "mdns", 5353, 17, FALSE },
  { "postgresql", 5432, 6, FALSE },
  { "postgres", 5432, 6, TRUE },
  { "freeciv", 5556, 6, FALSE },
  { "rptp", 5556, 6, TRUE },
  { "amqps", 5671, 6, FALSE },
  { "amqp", 5672, 6, FALSE },
  { "amqp", 5672, 132, FALSE },
  { "x11", 6000, 6, FALSE },
  { "x11-0", 6000, 6, TRUE },
  { "x11-1", 6001, 6, FALSE },
  { "x11-2", 6002, 6, FALSE },
  { "x11-3", 6003, 6, FALSE },
  { "x11-4", 6004, 6, FALSE },
  { "x11-5", 6005, 6, FALSE },
  { "x11-6", 6006, 6, FALSE },
  { "x11-7", 6007, 6, FALSE },
  { "gnutella-svc", 6346, 6, FALSE },
  { "gnutella-svc", 6346, 17, FALSE },
  { "gnutella-rtr", 6347, 6, FALSE },
  { "gnutella-rtr", 6347, 17, FALSE },
  { "redis", 6379, 6, FALSE },
  { "sge-qmaster", 6444, 6, FALSE },
  { "sge_qmaster", 6444, 6, TRUE },
  { "sge-execd", 6445, 6, FALSE },
  { "sge_execd", 6445, 6, TRUE },
  { "mysql-proxy", 6446, 6, FALSE },
  { "babel", 6696, 17, FALSE },
  { "ircs-u", 6697, 6, FALSE },
  { "bbs", 7000, 6, FALSE },
  { "afs3-fileserver", 7000, 17, FALSE },
  { "afs3-callback", 7001, 17, FALSE },
  { "afs3-prserver", 7002, 17, FALSE },
  { "afs3-vlserver", 7003, 17, FALSE },
  { "afs3-kaserver", 7004, 17, FALSE },
  { "afs3-volser", 7005, 17, FALSE },
  { "afs3-bos", 7007, 17, FALSE },
  { "afs3-update", 7008, 17, FALSE },
  { "afs3-rmtsys", 7009, 17, FALSE },
  { "font-service", 7100, 6, FALSE },
  { "xfs", 7100, 6, TRUE },
  { "http-alt", 8080, 6, FALSE },
  { "webcache", 8080, 6, TRUE },
  { "puppet", 8140, 6, FALSE },
  { "bacula-dir", 9101, 6, FALSE },
  { "bacula-fd", 9102, 6, FALSE },
  { "bacula-sd", 9103, 6, FALSE },
  { "xmms2", 9667, 6, FALSE },
  { "nbd", 10809, 6, FALSE },
  { "zabbix-agent", 10050, 6, FALSE },
  { "zabbix-trapper", 10051, 6, FALSE },
  { "amanda", 10080, 6, FALSE },
  { "dicom", 11112, 6, FALSE },
  { "hkp", 11371, 6, FALSE },
  { "db-lsp", 17500, 6, FALSE },
  { "dcap", 22125, 6, FALSE },
  { "gsidcap", 22128, 6, FALSE },
  { "wnn6", 22273, 6, FALSE },
  { "rtmp", 1, 37, FALSE },
  { "nbp", 2, 37, FALSE },
  { "echo", 4, 37, FALSE },
  { "zip", 6, 37, FALSE },
  { "kerberos4", 750, 17, FALSE },
  { "kerberos-iv", 750, 17, TRUE },
  { "kdc", 750, 17, TRUE },
  { "kerberos4", 750, 6, FALSE },
  { "kerberos-iv", 750, 6, TRUE },
  { "kdc", 750, 6, TRUE },
  { "kerberos-master", 751, 17, FALSE },
  { "kerberos_master", 751, 17, TRUE },
  { "kerberos-master", 751, 6, FALSE },
  { "passwd-server", 752, 17, FALSE },
  { "passwd_server", 752, 17, TRUE },
  { "krb-prop", 754, 6, FALSE },
  { "krb_prop", 754, 6, TRUE },
  { "krb5_prop", 754, 6, TRUE },
  { "hprop", 754, 6, TRUE },
  { "zephyr-srv", 2102, 17, FALSE },
  { "zephyr-clt", 2103, 17, FALSE },
  { "zephyr-hm", 2104, 17, FALSE },
  { "iprop", 2121, 6, FALSE },
  { "supfilesrv", 871, 6, FALSE },
  { "supfiledbg", 1127, 6, FALSE },
  { "poppassd", 106, 6, FALSE },
  { "moira-db", 775, 6, FALSE },
  { "moira_db", 775, 6, TRUE },
  { "moira-update", 777, 6, FALSE },
  { "moira_update", 777, 6, TRUE },
  { "moira-ureg", 779, 17, FALSE },
  { "moira_ureg", 779, 17, TRUE },
  { "spamd", 783, 6, FALSE },
  { "skkserv", 1178, 6, FALSE },
  { "predict", 1210, 17, FALSE },
  { "rmtcfg", 1236, 6, FALSE },
  { "xtel", 1313, 6, FALSE },
  { "xtelw", 1314, 6, FALSE },
  { "zebrasrv", 2600, 6, FALSE },
  { "zebra", 2601, 6, FALSE },
  { "ripd", 2602, 6, FALSE },
  { "ripngd", 2603, 6, FALSE },
  { "ospfd", 2604, 6, FALSE },
  { "bgpd", 2605, 6, FALSE },
  { "ospf6d", 2606, 6, FALSE },
  { "ospfapi", 2607, 6, FALSE },
  { "isisd", 2608, 6, FALSE },
  { "fax", 4557, 6, FALSE },
  { "hylafax", 4559, 6, FALSE },
  { "munin", 4949, 6, FALSE },
  { "lrrd", 4949, 6, TRUE },
  { "rplay", 5555, 17, FALSE },
  { "nrpe", 5666, 6, FALSE },
  { "nsca", 5667, 6, FALSE },
  { "canna", 5680, 6, FALSE },
  { "syslog-tls", 6514, 6, FALSE },
  { "sane-port", 6566, 6, FALSE },
  { "sane", 6566, 6, TRUE },
  { "saned", 6566, 6, TRUE },
  { "ircd", 6667, 6, FALSE },
  { "zope-ftp", 8021, 6, FALSE },
  { "tproxy", 8081, 6, FALSE },
  { "omniorb", 8088, 6, FALSE },
  { "clc-build-daemon", 8990, 6, FALSE },
  { "xinetd", 9098, 6, FALSE },
  { "git", 9418, 6, FALSE },
  { "zope", 9673, 6, FALSE },
  { "webmin", 10000, 6, FALSE },
  { "kamanda", 10081, 6, FALSE },
  { "amandaidx", 10082, 6, FALSE },
  { "amidxtape", 10083, 6, FALSE },
  { "sgi-cmsd", 17001, 17, FALSE },
  { "sgi-crsd", 17002, 17, FALSE },
  { "sgi-gcd", 17003, 17, FALSE },
  { "sgi-cad", 17004, 6, FALSE },
  { "binkp", 24554, 6, FALSE },
  { "asp", 27374, 6, FALSE },
  { "asp", 27374, 17, FALSE },
  { "csync2", 30865, 6, FALSE },
  { "dircproxy", 57000, 6, FALSE },
  { "tfido", 60177, 6, FALSE },
  { "fido", 60179, 6, FALSE },
};

typedef struct {
  const char *name;
  guint8      number;
} ProtocolName;

/* first the primary names, in file order, then the aliases */
static const ProtocolName protocol_names[] = {
  { "ip", 0 },
  { "hopopt", 0 },
  { "icmp", 1 },
  { "igmp", 2 },
  { "ggp", 3 },
  { "ipencap", 4 },
  { "st", 5 },
  { "tcp", 6 },
  { "egp", 8 },
  { "igp", 9 },
  { "pup", 12 },
  { "udp", 17 },
  { "hmp", 20 },
  { "xns-idp", 22 },
  { "rdp", 27 },
  { "iso-tp4", 29 },
  { "dccp", 33 },
  { "xtp", 36 },
  { "ddp", 37 },
  { "idpr-cmtp", 38 },
  { "ipv6", 41 },
  { "ipv6-route", 43 },
  { "ipv6-frag", 44 },
  { "idrp", 45 },
  { "rsvp", 46 },
  { "gre", 47 },
  { "esp", 50 },
  { "ah", 51 },
  { "skip", 57 },
  { "ipv6-icmp", 58 },
  { "ipv6-nonxt", 59 },
  { "ipv6-opts", 60 },
  { "rspf", 73 },
  { "vmtp", 81 },
  { "eigrp", 88 },
  { "ospf", 89 },
  { "ax.25", 93 },
  { "ipip", 94 },
  { "etherip", 97 },
  { "encap", 98 },
  { "pim", 103 },
  { "ipcomp", 108 },
  { "vrrp", 112 },
  { "l2tp", 115 },
  { "isis", 124 },
  { "sctp", 132 },
  { "fc", 133 },
  { "mobility-header", 135 },
  { "udplite", 136 },
  { "mpls-in-ip", 137 },
  { "manet", 138 },
  { "hip", 139 },
  { "shim6", 140 },
  { "wesp", 141 },
  { "rohc", 142 },
  { "ethernet", 143 },
  { "IP", 0 },
  { "HOPOPT", 0 },
  { "ICMP", 1 },
  { "IGMP", 2 },
  { "GGP", 3 },
  { "IP-ENCAP", 4 },
  { "ST", 5 },
  { "TCP", 6 },
  { "EGP", 8 },
  { "IGP", 9 },
  { "PUP", 12 },
  { "UDP", 17 },
  { "HMP", 20 },
  { "XNS-IDP", 22 },
  { "RDP", 27 },
  { "ISO-TP4", 29 },
  { "DCCP", 33 },
  { "XTP", 36 },
  { "DDP", 37 },
  { "IDPR-CMTP", 38 },
  { "IPv6", 41 },
  { "IPv6-Route", 43 },
  { "IPv6-Frag", 44 },
  { "IDRP", 45 },
  { "RSVP", 46 },
  { "GRE", 47 },
  { "IPSEC-ESP", 50 },
  { "IPSEC-AH", 51 },
  { "SKIP", 57 },
  { "IPv6-ICMP", 58 },
  { "IPv6-NoNxt", 59 },
  { "IPv6-Opts", 60 },
  { "RSPF", 73 },
  { "CPHB", 73 },
  { "VMTP", 81 },
  { "EIGRP", 88 },
  { "OSPFIGP", 89 },
  { "AX.25", 93 },
  { "IPIP", 94 },
  { "ETHERIP", 97 },
  { "ENCAP", 98 },
  { "PIM", 103 },
  { "IPCOMP", 108 },
  { "VRRP", 112 },
  { "L2TP", 115 },
  { "ISIS", 124 },
  { "SCTP", 132 },
  { "FC", 133 },
  { "Mobility-Header", 135 },
  { "UDPLite", 136 },
  { "MPLS-in-IP", 137 },
  { "HIP", 139 },
  { "Shim6", 140 },
  { "WESP", 141 },
  { "ROHC", 142 },
  { "Ethernet", 143 },
};

/* iptables' own protocol names (xtables_chain_protos), which win over
 * /etc/protocols both ways */
static const ProtocolName chain_protos[] = {
  { "tcp", 6 }, { "sctp", 132 }, { "udp", 17 }, { "udplite", 136 }, { "icmp", 1 },
  { "ipv6-icmp", 58 }, { "icmpv6", 58 }, { "esp", 50 }, { "ah", 51 },
  { "mobility-header", 135 }, { "ipv6-mh", 135 }, { "mh", 135 }, { "all", 0 },
};

const char *
_nfl_protocol_chain_name (guint8 proto)
{
  for (guint i = 0; i < G_N_ELEMENTS (chain_protos); i++)
    if (chain_protos[i].number == proto)
      return chain_protos[i].name;
  return NULL;
}

/* proto_to_name(): the name iptables-save and -L (without -n) print */
const char *
nfl_protocol_name (guint8 proto)
{
  for (guint i = 0; i < G_N_ELEMENTS (chain_protos); i++)
    if (chain_protos[i].number == proto)
      return chain_protos[i].name;
  for (guint i = 0; i < G_N_ELEMENTS (protocol_names); i++)
    if (protocol_names[i].number == proto)
      return protocol_names[i].name;
  return NULL;
}

/* xtables_parse_protocol() after a number did not parse: "all", then
 * getprotobyname(), then iptables' own names.  @name is lower case. */
gboolean
_nfl_protocol_number (const char *name,
                      guint8     *number)
{
  if (strcmp (name, "all") == 0)
    {
      *number = 0;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (protocol_names); i++)
    if (strcmp (protocol_names[i].name, name) == 0)
      {
        *number = protocol_names[i].number;
        return TRUE;
      }
  for (guint i = 0; i < G_N_ELEMENTS (chain_protos); i++)
    if (strcmp (chain_protos[i].name, name) == 0)
      {
        *number = chain_protos[i].number;
        return TRUE;
      }
  return FALSE;
}

/* getaddrinfo(NULL, name): any protocol, names and aliases */
gboolean
_nfl_service_port (const char *name,
                   guint16    *port)
{
  for (guint i = 0; i < G_N_ELEMENTS (service_names); i++)
    if (strcmp (service_names[i].name, name) == 0)
      {
        *port = service_names[i].port;
        return TRUE;
      }
  return FALSE;
}

/* getservbyport(): the first entry for the port and protocol */
const char *
_nfl_service_name (guint16 port,
                   guint8  proto)
{
  for (guint i = 0; i < G_N_ELEMENTS (service_names); i++)
    if (service_names[i].port == port && !service_names[i].alias &&
        (proto == 0 || service_names[i].proto == proto))
      return service_names[i].name;
  return NULL;
}

/* /etc/hosts maps 127.0.0.1 to localhost; /etc/networks names three
 * networks.  iptables -L asks the hosts first, then the networks. */
static const struct { const char *name; guint32 addr; } host_names[] = {
  { "localhost", 0x7f000001 },
}, network_names[] = {
  { "default", 0x00000000 }, { "loopback", 0x7f000000 }, { "link-local", 0xa9fe0000 },
};

const char *
_nfl_host_name (guint32 addr)
{
  for (guint i = 0; i < G_N_ELEMENTS (host_names); i++)
    if (host_names[i].addr == addr)
      return host_names[i].name;
  for (guint i = 0; i < G_N_ELEMENTS (network_names); i++)
    if (network_names[i].addr == addr)
      return network_names[i].name;
  return NULL;
}

/* the other way: networks first (getnetbyname), then hosts */
gboolean
_nfl_host_address (const char *name,
                   guint32    *addr)
{
  for (guint i = 0; i < G_N_ELEMENTS (network_names); i++)
    if (strcmp (network_names[i].name, name) == 0)
      {
        *addr = network_names[i].addr;
        return TRUE;
      }
  for (guint i = 0; i < G_N_ELEMENTS (host_names); i++)
    if (strcmp (host_names[i].name, name) == 0)
      {
        *addr = host_names[i].addr;
        return TRUE;
      }
  return FALSE;
}

void
_nfl_append_list_mask (GString *out,
                       guint32  mask)
{
  int len = nfl_mask_prefix_len (mask);
  char buf[16];

  if (mask == 0xffffffffu)
    return;
  if (len >= 0)
    {
      g_string_append_printf (out, "/%d", len);
      return;
    }
  nfl_ipv4_format (mask, buf);
  g_string_append_printf (out, "/%s", buf);
}

gboolean
_nfl_port_range_is_all (const NflPortRange *range)
{
  return range->lo == 0 && range->hi == 0xffff;
}

typedef struct {
  const char *name;
  guint8      type;
  guint8      code_lo, code_hi;
} IcmpName;

/* The names iptables' icmp match knows, in its own order. */
static const IcmpName icmp_names[] = {
  { "any", 0xff, 0, 0xff },
  { "echo-reply", 0, 0, 0xff },
  { "pong", 0, 0, 0xff },
  { "destination-unreachable", 3, 0, 0xff },
  { "network-unreachable", 3, 0, 0 },
  { "host-unreachable", 3, 1, 1 },
  { "protocol-unreachable", 3, 2, 2 },
  { "port-unreachable", 3, 3, 3 },
  { "fragmentation-needed", 3, 4, 4 },
  { "source-route-failed", 3, 5, 5 },
  { "network-unknown", 3, 6, 6 },
  { "host-unknown", 3, 7, 7 },
  { "network-prohibited", 3, 9, 9 },
  { "host-prohibited", 3, 10, 10 },
  { "TOS-network-unreachable", 3, 11, 11 },
  { "TOS-host-unreachable", 3, 12, 12 },
  { "communication-prohibited", 3, 13, 13 },
  { "host-precedence-violation", 3, 14, 14 },
  { "precedence-cutoff", 3, 15, 15 },
  { "source-quench", 4, 0, 0xff },
  { "redirect", 5, 0, 0xff },
  { "network-redirect", 5, 0, 0 },
  { "host-redirect", 5, 1, 1 },
  { "TOS-network-redirect", 5, 2, 2 },
  { "TOS-host-redirect", 5, 3, 3 },
  { "echo-request", 8, 0, 0xff },
  { "ping", 8, 0, 0xff },
  { "router-advertisement", 9, 0, 0xff },
  { "router-solicitation", 10, 0, 0xff },
  { "time-exceeded", 11, 0, 0xff },
  { "ttl-exceeded", 11, 0, 0xff },
  { "ttl-zero-during-transit", 11, 0, 0 },
  { "ttl-zero-during-reassembly", 11, 1, 1 },
  { "parameter-problem", 12, 0, 0xff },
  { "ip-header-bad", 12, 0, 0 },
  { "required-option-missing", 12, 1, 1 },
  { "timestamp-request", 13, 0, 0xff },
  { "timestamp-reply", 14, 0, 0xff },
  { "address-mask-request", 17, 0, 0xff },
  { "address-mask-reply", 18, 0, 0xff },
};

gboolean
_nfl_icmp_type_from_name (const char *name,
                          guint8     *type,
                          guint8     *code_lo,
                          guint8     *code_hi)
{
  for (guint i = 0; i < G_N_ELEMENTS (icmp_names); i++)
    if (g_ascii_strcasecmp (name, icmp_names[i].name) == 0)
      {
        *type = icmp_names[i].type;
        *code_lo = icmp_names[i].code_lo;
        *code_hi = icmp_names[i].code_hi;
        return TRUE;
      }
  return FALSE;
}

/* __parse_icmp(): a name is matched by its beginning, without case */
gboolean
_nfl_icmp_type_from_prefix (const char *name,
                            guint8     *type,
                            guint8     *code_lo,
                            guint8     *code_hi,
                            gboolean   *ambiguous)
{
  size_t len = strlen (name);
  int found = -1;

  *ambiguous = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (icmp_names); i++)
    if (g_ascii_strncasecmp (icmp_names[i].name, name, len) == 0)
      {
        if (found >= 0)
          {
            *ambiguous = TRUE;
            return FALSE;
          }
        found = i;
      }
  if (found < 0)
    return FALSE;
  *type = icmp_names[found].type;
  *code_lo = icmp_names[found].code_lo;
  *code_hi = icmp_names[found].code_hi;
  return TRUE;
}

const char *
_nfl_icmp_list_name (guint8 type,
                     guint8 code_lo,
                     guint8 code_hi)
{
  for (guint i = 0; i < G_N_ELEMENTS (icmp_names); i++)
    if (icmp_names[i].type == type && icmp_names[i].code_lo == code_lo &&
        icmp_names[i].code_hi == code_hi)
      return icmp_names[i].name;
  return NULL;
}

const char *
nfl_icmp_type_name (guint8 type,
                    guint8 code)
{
  for (guint i = 1; i < G_N_ELEMENTS (icmp_names); i++)
    if (icmp_names[i].type == type && icmp_names[i].code_lo == code && icmp_names[i].code_hi == code)
      return icmp_names[i].name;
  for (guint i = 1; i < G_N_ELEMENTS (icmp_names); i++)
    if (icmp_names[i].type == type && icmp_names[i].code_hi == 0xff)
      return icmp_names[i].name;
  return NULL;
}

/* The names iptables' icmp match takes, aliases included, in its order;
 * NULL after the last.  Its type and codes in @type, @code_lo, @code_hi
 * (when given). */
const char *
nfl_icmp_type_nth_name (guint   n,
                        guint8 *type,
                        guint8 *code_lo,
                        guint8 *code_hi)
{
  if (n >= G_N_ELEMENTS (icmp_names))
    return NULL;
  if (type != NULL)
    *type = icmp_names[n].type;
  if (code_lo != NULL)
    *code_lo = icmp_names[n].code_lo;
  if (code_hi != NULL)
    *code_hi = icmp_names[n].code_hi;
  return icmp_names[n].name;
}

const char *
nfl_icmp_type_range_name (guint8 type,
                          guint8 code_lo,
                          guint8 code_hi)
{
  return _nfl_icmp_list_name (type, code_lo, code_hi);
}

const char *
nfl_ct_state_name (NflCtState state)
{
  switch (state)
    {
    case NFL_CT_INVALID: return "INVALID";
    case NFL_CT_NEW: return "NEW";
    case NFL_CT_ESTABLISHED: return "ESTABLISHED";
    case NFL_CT_RELATED: return "RELATED";
    case NFL_CT_UNTRACKED: return "UNTRACKED";
    case NFL_CT_SNAT: return "SNAT";
    case NFL_CT_DNAT: return "DNAT";
    default: return NULL;
    }
}

/* libxt_conntrack and libxt_state print the states in this fixed order,
 * whatever order they were typed in. */
const char *
_nfl_ct_states_format (guint states,
                       char  buf[64])
{
  static const NflCtState order[] = {
    NFL_CT_INVALID, NFL_CT_NEW, NFL_CT_RELATED, NFL_CT_ESTABLISHED,
    NFL_CT_UNTRACKED, NFL_CT_SNAT, NFL_CT_DNAT,
  };
  char *p = buf;

  *p = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (states & order[i])
      {
        const char *name = nfl_ct_state_name (order[i]);
        size_t len = strlen (name);

        if (p > buf)
          *p++ = ',';
        memcpy (p, name, len + 1);
        p += len;
      }
  return buf;
}

/* libxt_pkttype's supported_types, names first and then the aliases */
static const struct { const char *name; guint8 type; } pkttypes[] = {
  { "unicast", NFL_PKTTYPE_HOST }, { "broadcast", NFL_PKTTYPE_BROADCAST },
  { "multicast", NFL_PKTTYPE_MULTICAST }, { "otherhost", NFL_PKTTYPE_OTHERHOST },
  { "bcast", NFL_PKTTYPE_BROADCAST }, { "mcast", NFL_PKTTYPE_MULTICAST }, { "host", NFL_PKTTYPE_HOST },
};

const char *
_nfl_pkttype_name (guint8 type)
{
  for (guint i = 0; i < G_N_ELEMENTS (pkttypes); i++)
    if (pkttypes[i].type == type)
      return pkttypes[i].name;
  return NULL;
}

gboolean
_nfl_pkttype_parse (const char *name,
                    guint8     *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (pkttypes); i++)
    if (g_ascii_strcasecmp (pkttypes[i].name, name) == 0)
      {
        *type = pkttypes[i].type;
        return TRUE;
      }
  return FALSE;
}

const char *
_nfl_limit_rate_format (guint32 avg,
                        char    buf[32])
{
  static const struct { const char *name; guint32 mult; } rates[] = {
    { "day", NFL_LIMIT_SCALE * 24 * 60 * 60 }, { "hour", NFL_LIMIT_SCALE * 60 * 60 },
    { "min", NFL_LIMIT_SCALE * 60 }, { "sec", NFL_LIMIT_SCALE },
  };
  guint i;

  if (avg == 0)
    {
      g_strlcpy (buf, "inf", 32);
      return buf;
    }
  for (i = 1; i < G_N_ELEMENTS (rates); i++)
    if (avg > rates[i].mult || rates[i].mult / avg < rates[i].mult % avg)
      break;
  g_snprintf (buf, 32, "%u/%s", rates[i - 1].mult / avg, rates[i - 1].name);
  return buf;
}

/* physdev_save (): --physdev-is-in, -in, -is-out, -out, -is-bridged */
const NflPhysdevOption _nfl_physdev_options[5] = {
  { NFL_PHYSDEV_IS_IN, "--physdev-is-in" }, { NFL_PHYSDEV_IN, "--physdev-in" },
  { NFL_PHYSDEV_IS_OUT, "--physdev-is-out" }, { NFL_PHYSDEV_OUT, "--physdev-out" },
  { NFL_PHYSDEV_IS_BRIDGED, "--physdev-is-bridged" },
};

const char *
_nfl_physdev_port (const NflMatch *m,
                   guint8          bit)
{
  return bit == NFL_PHYSDEV_IN ? m->physdev.in : bit == NFL_PHYSDEV_OUT ? m->physdev.out : NULL;
}

const char *
_nfl_addrtypes_format (guint16 types,
                       char    buf[128])
{
  char *p = buf;

  *p = '\0';
  for (guint t = 0; t < NFL_N_ADDRTYPES; t++)
    if (types & (1u << t))
      {
        const char *name = nfl_addrtype_name (t);
        size_t len = strlen (name);

        if (p > buf)
          *p++ = ',';
        memcpy (p, name, len + 1);
        p += len;
      }
  return buf;
}

void
nfl_ct_states_append (guint    states,
                      GString *out)
{
  char buf[64];

  g_string_append (out, _nfl_ct_states_format (states, buf));
}

/* libxt_conntrack's status names, in the order print_status () prints
 * them; _nfl_ct_status_parse () tries them in this order too */
static const struct { const char *name; guint8 bit; } ct_statuses[] = {
  { "EXPECTED", NFL_CT_STATUS_EXPECTED }, { "SEEN_REPLY", NFL_CT_STATUS_SEEN_REPLY },
  { "ASSURED", NFL_CT_STATUS_ASSURED }, { "CONFIRMED", NFL_CT_STATUS_CONFIRMED },
};

void
nfl_ct_status_append (guint    status,
                      GString *out)
{
  gboolean first = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (ct_statuses); i++)
    if (status & ct_statuses[i].bit)
      {
        g_string_append_printf (out, "%s%s", first ? "" : ",", ct_statuses[i].name);
        first = FALSE;
      }
  if (first)
    g_string_append (out, "NONE");
}

/* conntrack_ps_status (): NONE or a status, in any case, any beginning
 * of the name taken as the first name it begins (strncasecmp ()) */
gboolean
_nfl_ct_status_parse (const char *name,
                      size_t      len,
                      guint8     *status)
{
  if (g_ascii_strncasecmp (name, "NONE", len) == 0 && len <= 4)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (ct_statuses); i++)
    if (g_ascii_strncasecmp (name, ct_statuses[i].name, len) == 0 && len <= strlen (ct_statuses[i].name))
      {
        *status |= ct_statuses[i].bit;
        return TRUE;
      }
  return FALSE;
}

/* conntrack_dump_addr (): the address as written, then "/N" for a
 * prefix shorter than 32 and nothing for /32 or a mask that is not a
 * prefix; without @numeric 0.0.0.0 is "anywhere" and a known host its
 * name */
const char *
_nfl_ct_addr_format (guint32 addr,
                     guint32 mask,
                     gboolean numeric,
                     char    buf[64])
{
  int len = nfl_mask_prefix_len (mask);
  const char *name = numeric ? NULL : _nfl_host_name (addr);

  if (!numeric && addr == 0)
    return strcpy (buf, "anywhere");
  if (name != NULL)
    g_strlcpy (buf, name, 48);
  else
    nfl_ipv4_format (addr, buf);
  if (len >= 0 && len < 32)
    g_snprintf (buf + strlen (buf), 8, "/%d", len);
  return buf;
}

const char *
nfl_ct_tuple_option (guint    tuple,
                     gboolean port)
{
  static const char *const names[2][4] = {
    { "--ctorigsrc", "--ctorigdst", "--ctreplsrc", "--ctrepldst" },
    { "--ctorigsrcport", "--ctorigdstport", "--ctreplsrcport", "--ctrepldstport" },
  };

  g_return_val_if_fail (tuple < 4, NULL);
  return names[port ? 1 : 0][tuple];
}

/* ---------------------------------------------------------------------- */
/* storage                                                                 */
/* ---------------------------------------------------------------------- */

NflRule *
nfl_rule_new (void)
{
  /* GSlice: a restore file makes tens of thousands of rules at once */
  NflRule *rule = g_slice_new0 (NflRule);

  rule->target.log_level = 4;
  rule->target.mark_mask = 0xffffffffu;
  rule->target.connmark_nfmask = 0xffffffffu;
  /* REJECT's default, as "iptables -j REJECT" saves it */
  rule->target.reject_with = NFL_REJECT_ICMP_PORT_UNREACHABLE;
  return rule;
}

NflRule *
nfl_rule_copy (const NflRule *rule)
{
  NflRule *copy;

  g_return_val_if_fail (rule != NULL, NULL);

  copy = g_slice_dup (NflRule, rule);
  copy->matches = g_memdup2 (rule->matches, sizeof (NflMatch) * rule->n_matches);
  return copy;
}

void
nfl_rule_free (NflRule *rule)
{
  if (rule == NULL)
    return;
  g_free (rule->matches);
  g_slice_free (NflRule, rule);
}

NflMatch *
nfl_rule_add_match (NflRule      *rule,
                    NflMatchKind  kind)
{
  NflMatch *match;

  rule->matches = g_renew (NflMatch, rule->matches, rule->n_matches + 1);
  match = &rule->matches[rule->n_matches++];
  memset (match, 0, sizeof *match);
  match->kind = kind;
  if (kind == NFL_MATCH_TCP || kind == NFL_MATCH_UDP)
    {
      match->l4.sport.hi = 0xffff;
      match->l4.dport.hi = 0xffff;
    }
  else if (kind == NFL_MATCH_MARK || kind == NFL_MATCH_CONNMARK)
    match->mark.mask = 0xffffffffu;
  return match;
}

NflMatch *
nfl_rule_find_match (const NflRule *rule,
                     NflMatchKind   kind)
{
  for (guint i = 0; i < rule->n_matches; i++)
    if (rule->matches[i].kind == kind)
      return &rule->matches[i];
  return NULL;
}

gboolean
nfl_rule_needs_conntrack (const NflRule *rule)
{
  switch (rule->target.kind)
    {
    case NFL_TARGET_DNAT:
    case NFL_TARGET_SNAT:
    case NFL_TARGET_MASQUERADE:
    case NFL_TARGET_REDIRECT:
    /* xt_connmark's checkentry asks for conntrack (nf_ct_netns_get) */
    case NFL_TARGET_CONNMARK:
      return TRUE;
    default:
      break;
    }
  for (guint i = 0; i < rule->n_matches; i++)
    {
      const NflMatch *m = &rule->matches[i];

      if (m->kind == NFL_MATCH_CONNTRACK || m->kind == NFL_MATCH_STATE || m->kind == NFL_MATCH_CONNMARK)
        return TRUE;
      /* a kept part that connection tracking serves turns it on as well */
      if (m->kind == NFL_MATCH_UNMODELLED)
        {
          static const char *const tracked[] = {
            "-m conntrack", "-m state", "-m connmark", "-m connbytes", "-m connlimit", "-m connlabel",
            "-m helper", "-m cluster", "-j CONNMARK", "-j CT", "-j NETMAP", "-j CONNSECMARK",
            "-j SNAT", "-j DNAT", "-j MASQUERADE", "-j REDIRECT", NULL
          };
          g_autofree char *name = nfl_rule_unmodelled_name (m);

          if (g_strv_contains (tracked, name))
            return TRUE;
        }
    }
  return FALSE;
}

const NflMatch *
nfl_rule_find_unmodelled (const NflRule *rule)
{
  g_return_val_if_fail (rule != NULL, NULL);
  return nfl_rule_find_match (rule, NFL_MATCH_UNMODELLED);
}

char *
nfl_rule_unmodelled_name (const NflMatch *m)
{
  const char *text;
  const char *space;

  g_return_val_if_fail (m != NULL && m->kind == NFL_MATCH_UNMODELLED, NULL);
  /* "-m NAME …" / "-j NAME …": the first two words */
  text = m->unmodelled.text;
  space = strchr (text, ' ');
  if (space != NULL && (space = strchr (space + 1, ' ')) != NULL)
    return g_strndup (text, space - text);
  return g_strdup (text);
}

/* The checkentry () refusals that go by the built-in chain a rule is in
 * (iptables-nft gives the kernel the hook of a built-in chain only, so a
 * user chain is not checked for them, whatever reaches it):
 * tcpmss_tg4_check () wants the route a packet has from FORWARD on;
 * xt_addrtype and xt_physdev refuse an interface the hook has not;
 * owner_check () a range upside down and the hooks where no packet made
 * here passes.  (xt_owner also names its hooks to nf_tables, which checks
 * them for a user chain against every hook that reaches it: that check
 * follows the jumps, in nfl-ruleset.c.)  @op: "RULE_APPEND", "RULE_INSERT" or "RULE_REPLACE";
 * @bad_match: the index of the match refused, or -1 for the target. */
gboolean
_nfl_rule_check_builtin_chain (const NflRule  *rule,
                               const char     *chain,
                               const char     *op,
                               int            *bad_match,
                               GError        **error)
{
  gboolean incoming = g_str_equal (chain, "PREROUTING") || g_str_equal (chain, "INPUT");
  gboolean outgoing = g_str_equal (chain, "POSTROUTING") || g_str_equal (chain, "OUTPUT");

  *bad_match = -1;
  if (rule->target.kind == NFL_TARGET_TCPMSS && rule->target.tcpmss == NFL_TCPMSS_CLAMP && incoming)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                   "%s failed (Invalid argument): rule in chain %s: TCPMSS --clamp-mss-to-pmtu works only in "
                   "FORWARD, OUTPUT and POSTROUTING, where the packet has its route", op, chain);
      return FALSE;
    }
  for (guint i = 0; i < rule->n_matches; i++)
    {
      const NflMatch *m = &rule->matches[i];
      const char *reason = NULL;

      *bad_match = i;
      /* physdev_mt_check (): a packet made here has no bridge port to go
       * out by until it is bridged, which only --physdev-is-bridged says */
      if (m->kind == NFL_MATCH_PHYSDEV && g_str_equal (chain, "OUTPUT") &&
          (m->physdev.given & (NFL_PHYSDEV_OUT | NFL_PHYSDEV_IS_OUT)) &&
          (!(m->physdev.given & NFL_PHYSDEV_IS_BRIDGED) || (m->physdev.invert & NFL_PHYSDEV_IS_BRIDGED)))
        {
          g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                       "%s failed (Invalid argument): physdev --physdev-out and --physdev-is-out in OUTPUT need "
                       "--physdev-is-bridged: a packet made here has no bridge port yet", op);
          return FALSE;
        }
      if (m->kind == NFL_MATCH_OWNER)
        {
          if (((m->owner.match & NFL_OWNER_UID) && m->owner.uid_max < m->owner.uid_min) ||
              ((m->owner.match & NFL_OWNER_GID) && m->owner.gid_max < m->owner.gid_min))
            reason = "the owner match's range ends below its start";
          else if (incoming || g_str_equal (chain, "FORWARD"))
            reason = "the owner match works only in OUTPUT and POSTROUTING, where packets made here pass";
          if (reason != NULL)
            {
              g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                           "%s failed (Invalid argument): rule in chain %s: %s", op, chain, reason);
              return FALSE;
            }
          continue;
        }
      if (m->kind != NFL_MATCH_ADDRTYPE)
        continue;
      if (m->addrtype.limit_out && incoming)
        reason = "--limit-iface-out is not valid in PREROUTING and INPUT: packets there have no output interface yet";
      else if (m->addrtype.limit_in && outgoing)
        reason = "--limit-iface-in is not valid in POSTROUTING and OUTPUT: packets there have no input interface";
      if (reason != NULL)
        {
          g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                       "%s failed (Invalid argument): addrtype %s", op, reason);
          return FALSE;
        }
    }
  *bad_match = -1;
  return TRUE;
}
