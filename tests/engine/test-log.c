/* test-log.c: the LOG target's text (nf_log_syslog's IPv4 dump)
 *
 * Packets are built by hand; the expected lines follow the grammar of the
 * kernel's lines in tests/data/kernel/CASE/kernel.log, with concrete values
 * where those files have <id>, <mac>, <cport>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "nfl-engine.h"

#define IP(a, b, c, d) (((guint32) (a) << 24) | ((b) << 16) | ((c) << 8) | (d))

/* what veth2_ns2 receives from veth2_ns3: destination MAC, source MAC,
 * EtherType 0x0800 */
static const guint8 mac[14] = {
  0x02, 0x6e, 0x66, 0x00, 0x00, 0x03,
  0x02, 0x6e, 0x66, 0x00, 0x00, 0x04,
  0x08, 0x00,
};

static NflPacket
echo_request (void)
{
  NflPacket p = { 0 };

  p.ip.src = IP (10, 2, 0, 10);
  p.ip.dst = IP (10, 99, 0, 1);
  p.ip.proto = NFL_PROTO_ICMP;
  p.ip.len = 84;
  p.ip.ttl = 64;
  p.ip.id = 1234;
  p.ip.df = TRUE;
  p.ip.icmp_type = 8;
  p.ip.icmp_id = 10794;
  p.ip.icmp_seq = 1;
  return p;
}

static NflPacket
udp_datagram (void)
{
  NflPacket p = { 0 };

  p.ip.src = IP (10, 2, 0, 10);
  p.ip.dst = IP (10, 1, 0, 10);
  p.ip.proto = NFL_PROTO_UDP;
  p.ip.len = 28;
  p.ip.ttl = 63;
  p.ip.id = 4321;
  p.ip.df = TRUE;
  p.ip.sport = 41234;
  p.ip.dport = 53;
  p.ip.udp_len = 8;
  return p;
}

static NflPacket
tcp_syn (void)
{
  static const guint8 options[20] = {
    0x02, 0x04, 0x05, 0xb4, 0x04, 0x02, 0x08, 0x0a, 0x00, 0x00,
    0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x01, 0x03, 0x03, 0x07,
  };
  NflPacket p = { 0 };

  p.ip.src = IP (10, 2, 0, 10);
  p.ip.dst = IP (10, 1, 0, 10);
  p.ip.proto = NFL_PROTO_TCP;
  p.ip.len = 60;
  p.ip.ttl = 63;
  p.ip.id = 777;
  p.ip.df = TRUE;
  p.ip.sport = 41234;
  p.ip.dport = 22;
  p.ip.tcp_flags = NFL_TCP_SYN;
  p.ip.window = 64240;
  p.ip.seq = 506411595;
  p.ip.tcp_options_len = sizeof options;
  memcpy (p.ip.tcp_options, options, sizeof options);
  return p;
}

static char *
format (const char      *prefix,
        const char      *in,
        const char      *out,
        const guint8    *mac_header,
        const NflPacket *packet,
        guint8           flags)
{
  GString *line = g_string_new (NULL);

  nfl_log_format (line, prefix, in, out, NULL, NULL, mac_header, packet, flags);
  return g_string_free (line, FALSE);
}

/* ---------------------------------------------------------------------- */
/* the common part                                                         */
/* ---------------------------------------------------------------------- */

static void
test_output_icmp_echo (void)
{
  NflPacket p = echo_request ();
  g_autofree char *line = format ("T_ns3_raw_OUTPUT ", NULL, "veth2_ns3", NULL, &p, 0);

  /* 01-dnat-tutorial, the first line; locally made packets have no MAC */
  g_assert_cmpstr (line, ==,
                   "T_ns3_raw_OUTPUT IN= OUT=veth2_ns3 SRC=10.2.0.10 DST=10.99.0.1 LEN=84 "
                   "TOS=0x00 PREC=0x00 TTL=64 ID=1234 DF PROTO=ICMP TYPE=8 CODE=0 ID=10794 SEQ=1 ");
}

static void
test_input_mac (void)
{
  NflPacket p = echo_request ();
  g_autofree char *line = NULL;
  g_autofree char *no_mac = NULL;
  g_autofree char *no_in = NULL;

  p.ip.icmp_type = 0;   /* the reply */
  p.ip.df = FALSE;
  line = format ("T_ns2_raw_PREROUTING ", "veth2_ns2", "", mac, &p, 0);
  g_assert_cmpstr (line, ==,
                   "T_ns2_raw_PREROUTING IN=veth2_ns2 OUT= MAC=02:6e:66:00:00:03:02:6e:66:00:00:04:08:00 "
                   "SRC=10.2.0.10 DST=10.99.0.1 LEN=84 TOS=0x00 PREC=0x00 TTL=64 ID=1234 "
                   "PROTO=ICMP TYPE=0 CODE=0 ID=10794 SEQ=1 ");

  /* MAC= only with an input device */
  no_in = format ("x ", "", "veth1_ns2", mac, &p, 0);
  g_assert_null (strstr (no_in, "MAC="));
  g_assert_true (g_str_has_prefix (no_in, "x IN= OUT=veth1_ns2 SRC=10.2.0.10 "));
  no_mac = format ("x ", "veth2_ns2", NULL, NULL, &p, 0);
  g_assert_true (g_str_has_prefix (no_mac, "x IN=veth2_ns2 OUT= SRC="));
}

static void
test_forward_both_devices (void)
{
  NflPacket p = udp_datagram ();
  g_autofree char *line = format ("T_ns2_filter_FORWARD ", "veth2_ns2", "veth1_ns2", mac, &p, 0);

  g_assert_cmpstr (line, ==,
                   "T_ns2_filter_FORWARD IN=veth2_ns2 OUT=veth1_ns2 MAC=02:6e:66:00:00:03:02:6e:66:00:00:04:08:00 "
                   "SRC=10.2.0.10 DST=10.1.0.10 LEN=28 TOS=0x00 PREC=0x00 TTL=63 ID=4321 DF "
                   "PROTO=UDP SPT=41234 DPT=53 LEN=8 ");
}

static void
test_prefix (void)
{
  NflPacket p = udp_datagram ();
  g_autofree char *none = format (NULL, NULL, "veth1_ns1", NULL, &p, 0);
  g_autofree char *empty = format ("", NULL, "veth1_ns1", NULL, &p, 0);
  g_autofree char *glued = format ("mark-10/f0", NULL, "veth1_ns1", NULL, &p, 0);
  g_autoptr(GString) appended = g_string_new ("<4>");

  /* no prefix: the line starts with IN= */
  g_assert_true (g_str_has_prefix (none, "IN= OUT=veth1_ns1 SRC="));
  g_assert_cmpstr (none, ==, empty);
  /* the prefix is printed as it is, without a space of its own */
  g_assert_true (g_str_has_prefix (glued, "mark-10/f0IN= OUT="));
  /* nfl_log_format appends */
  nfl_log_format (appended, "p ", NULL, "veth1_ns1", NULL, NULL, NULL, &p, 0);
  g_assert_true (g_str_has_prefix (appended->str, "<4>p IN= OUT=veth1_ns1 "));
}

static void
test_tos_prec (void)
{
  static const struct { guint8 tos; const char *text; } cases[] = {
    { 0x00, "TOS=0x00 PREC=0x00" },
    { 0xc0, "TOS=0x00 PREC=0xC0" },   /* what the kernel sends ICMP errors with */
    { 0x10, "TOS=0x10 PREC=0x00" },
    { 0x08, "TOS=0x08 PREC=0x00" },
    { 0xb8, "TOS=0x18 PREC=0xA0" },   /* DSCP EF */
    { 0x01, "TOS=0x00 PREC=0x00" },   /* outside IPTOS_TOS_MASK (0x1e) */
    { 0x03, "TOS=0x02 PREC=0x00" },
    { 0xff, "TOS=0x1E PREC=0xE0" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      NflPacket p = udp_datagram ();
      g_autofree char *line = NULL;
      g_autofree char *expected = g_strdup_printf (" LEN=28 %s TTL=63 ID=4321 DF ", cases[i].text);

      p.ip.tos = cases[i].tos;
      line = format ("", NULL, "eth0", NULL, &p, 0);
      if (strstr (line, expected) == NULL)
        g_error ("tos 0x%02x: “%s” lacks “%s”", cases[i].tos, line, expected);
    }
}

static void
test_df_ttl_id_len (void)
{
  NflPacket p = udp_datagram ();
  g_autofree char *line = NULL;

  p.ip.df = FALSE;
  p.ip.ttl = 1;
  p.ip.id = 65535;
  p.ip.len = 65535;
  line = format ("", NULL, "eth0", NULL, &p, 0);
  g_assert_cmpstr (line, ==,
                   "IN= OUT=eth0 SRC=10.2.0.10 DST=10.1.0.10 LEN=65535 TOS=0x00 PREC=0x00 TTL=1 ID=65535 "
                   "PROTO=UDP SPT=41234 DPT=53 LEN=8 ");
}

/* ---------------------------------------------------------------------- */
/* TCP                                                                     */
/* ---------------------------------------------------------------------- */

static void
test_tcp_syn (void)
{
  NflPacket p = tcp_syn ();
  g_autofree char *line = format ("T_ns3_raw_OUTPUT ", NULL, "veth2_ns3", NULL, &p, 0);

  /* options and sequence numbers only when asked for */
  g_assert_cmpstr (line, ==,
                   "T_ns3_raw_OUTPUT IN= OUT=veth2_ns3 SRC=10.2.0.10 DST=10.1.0.10 LEN=60 TOS=0x00 PREC=0x00 "
                   "TTL=63 ID=777 DF PROTO=TCP SPT=41234 DPT=22 WINDOW=64240 RES=0x00 SYN URGP=0 ");
}

static void
test_tcp_flags_order (void)
{
  static const struct { guint8 flags; const char *text; } cases[] = {
    { NFL_TCP_SYN | NFL_TCP_ACK, "RES=0x00 ACK SYN URGP=0 " },
    { NFL_TCP_RST | NFL_TCP_ACK, "RES=0x00 ACK RST URGP=0 " },
    { NFL_TCP_FIN | NFL_TCP_PSH | NFL_TCP_ACK, "RES=0x00 ACK PSH FIN URGP=0 " },
    { 0, "RES=0x00 URGP=0 " },
    { 0xff, "RES=0x00 CWR ECE URG ACK PSH RST SYN FIN URGP=0 " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      NflPacket p = tcp_syn ();
      g_autofree char *line = NULL;

      p.ip.tcp_flags = cases[i].flags;
      line = format ("", NULL, "eth0", NULL, &p, 0);
      if (!g_str_has_suffix (line, cases[i].text))
        g_error ("flags 0x%02x: “%s” does not end in “%s”", cases[i].flags, line, cases[i].text);
    }
}

static void
test_tcp_log_options (void)
{
  NflPacket p = tcp_syn ();
  g_autofree char *seq = NULL, *opt = NULL, *ipopt = NULL, *both = NULL, *no_options = NULL;

  p.ip.ack_seq = 0;
  /* 138-log-tcp-seq-options: SEQ= and ACK= come right after DPT= */
  seq = format ("tcp-seq ", "veth2_ns2", "veth1_ns2", mac, &p, NFL_LOG_TCP_SEQUENCE);
  g_assert_nonnull (strstr (seq, " DPT=22 SEQ=506411595 ACK=0 WINDOW=64240 RES=0x00 SYN URGP=0 "));
  g_assert_true (g_str_has_suffix (seq, "URGP=0 "));

  /* OPT (…) after URGP=, the option bytes in upper-case hex */
  opt = format ("tcp-opt ", "veth2_ns2", "veth1_ns2", mac, &p, NFL_LOG_TCP_OPTIONS);
  g_assert_true (g_str_has_suffix (opt, " SYN URGP=0 OPT (020405B40402080A000000010000000001030307) "));
  g_assert_null (strstr (opt, "SEQ="));

  /* no IP options: --log-ip-options adds nothing */
  ipopt = format ("ip-opt ", "veth2_ns2", "veth1_ns2", mac, &p, NFL_LOG_IP_OPTIONS);
  g_assert_true (g_str_has_suffix (ipopt, " DPT=22 WINDOW=64240 RES=0x00 SYN URGP=0 "));

  both = format ("", NULL, "eth0", NULL, &p, NFL_LOG_TCP_SEQUENCE | NFL_LOG_TCP_OPTIONS);
  g_assert_nonnull (strstr (both, " SEQ=506411595 ACK=0 WINDOW="));
  g_assert_nonnull (strstr (both, " URGP=0 OPT ("));

  /* a segment without options prints no OPT at all */
  p.ip.tcp_options_len = 0;
  no_options = format ("", NULL, "eth0", NULL, &p, NFL_LOG_TCP_OPTIONS);
  g_assert_true (g_str_has_suffix (no_options, " SYN URGP=0 "));
}

/* ---------------------------------------------------------------------- */
/* ICMP and quoted packets                                                 */
/* ---------------------------------------------------------------------- */

static void
test_icmp_error_quotes_packet (void)
{
  NflPacket p = { 0 };
  g_autofree char *line = NULL;

  /* 09-udp-closed-port: the port-unreachable quoting the datagram */
  p.ip.src = IP (10, 1, 0, 10);
  p.ip.dst = IP (10, 2, 0, 10);
  p.ip.proto = NFL_PROTO_ICMP;
  p.ip.tos = 0xc0;
  p.ip.ttl = 64;
  p.ip.id = 99;
  p.ip.len = 56;
  p.ip.icmp_type = 3;
  p.ip.icmp_code = 3;
  p.has_inner = TRUE;
  p.inner = udp_datagram ().ip;
  line = format ("T_ns1_raw_OUTPUT ", NULL, "veth1_ns1", NULL, &p, 0);
  g_assert_cmpstr (line, ==,
                   "T_ns1_raw_OUTPUT IN= OUT=veth1_ns1 SRC=10.1.0.10 DST=10.2.0.10 LEN=56 TOS=0x00 PREC=0xC0 "
                   "TTL=64 ID=99 PROTO=ICMP TYPE=3 CODE=3 [SRC=10.2.0.10 DST=10.1.0.10 LEN=28 TOS=0x00 "
                   "PREC=0x00 TTL=63 ID=4321 DF PROTO=UDP SPT=41234 DPT=53 LEN=8 ] ");
}

static void
test_icmp_time_exceeded_quotes_echo (void)
{
  NflPacket p = { 0 };
  g_autofree char *line = NULL;

  p.ip.src = IP (10, 2, 0, 1);
  p.ip.dst = IP (10, 2, 0, 10);
  p.ip.proto = NFL_PROTO_ICMP;
  p.ip.tos = 0xc0;
  p.ip.ttl = 64;
  p.ip.id = 5;
  p.ip.len = 112;
  p.ip.icmp_type = 11;
  p.has_inner = TRUE;
  p.inner = echo_request ().ip;
  p.inner.ttl = 1;
  line = format ("", "veth2_ns3", NULL, NULL, &p, 0);
  g_assert_cmpstr (line, ==,
                   "IN=veth2_ns3 OUT= SRC=10.2.0.1 DST=10.2.0.10 LEN=112 TOS=0x00 PREC=0xC0 TTL=64 ID=5 "
                   "PROTO=ICMP TYPE=11 CODE=0 [SRC=10.2.0.10 DST=10.99.0.1 LEN=84 TOS=0x00 PREC=0x00 "
                   "TTL=1 ID=1234 DF PROTO=ICMP TYPE=8 CODE=0 ID=10794 SEQ=1 ] ");
}

static void
test_icmp_quoted_tcp_and_once (void)
{
  NflPacket p = { 0 };
  g_autofree char *line = NULL;

  p.ip.src = IP (10, 2, 0, 1);
  p.ip.dst = IP (10, 2, 0, 10);
  p.ip.proto = NFL_PROTO_ICMP;
  p.ip.ttl = 64;
  p.ip.len = 88;
  p.ip.icmp_type = 3;
  p.ip.icmp_code = 1;
  p.has_inner = TRUE;
  p.inner = tcp_syn ().ip;
  /* the quoted TCP header is dumped like any other; LOG flags apply */
  line = format ("", NULL, "eth0", NULL, &p, NFL_LOG_TCP_SEQUENCE);
  g_assert_true (g_str_has_suffix (line,
                                   "PROTO=ICMP TYPE=3 CODE=1 [SRC=10.2.0.10 DST=10.1.0.10 LEN=60 TOS=0x00 "
                                   "PREC=0x00 TTL=63 ID=777 DF PROTO=TCP SPT=41234 DPT=22 SEQ=506411595 ACK=0 "
                                   "WINDOW=64240 RES=0x00 SYN URGP=0 ] "));

  /* only one level is quoted: an error quoting an error shows no second [ */
  g_clear_pointer (&line, g_free);
  p.inner = p.ip;
  p.inner.icmp_type = 11;
  p.inner.icmp_code = 0;
  line = format ("", NULL, "eth0", NULL, &p, 0);
  g_assert_nonnull (strstr (line, "[SRC="));
  g_assert_null (strstr (strstr (line, "[SRC=") + 1, "["));
  g_assert_true (g_str_has_suffix (line, "PROTO=ICMP TYPE=11 CODE=0 ] "));
}

static void
test_icmp_other_types (void)
{
  NflPacket p = echo_request ();
  g_autofree char *no_inner = NULL, *timestamp = NULL;

  /* an error without its quoted packet: no brackets */
  p.ip.icmp_type = 3;
  p.ip.icmp_code = 3;
  no_inner = format ("", NULL, "eth0", NULL, &p, 0);
  g_assert_true (g_str_has_suffix (no_inner, " DF PROTO=ICMP TYPE=3 CODE=3 "));

  /* types without extra fields print TYPE and CODE only */
  p.ip.icmp_type = 13;
  p.ip.icmp_code = 0;
  timestamp = format ("", NULL, "eth0", NULL, &p, 0);
  g_assert_true (g_str_has_suffix (timestamp, " PROTO=ICMP TYPE=13 CODE=0 "));
  g_assert_null (strstr (timestamp, "SEQ="));
}

static void
test_other_protocol (void)
{
  NflPacket p = udp_datagram ();
  g_autofree char *line = NULL;

  p.ip.proto = 47;
  line = format ("", NULL, "eth0", NULL, &p, 0);
  g_assert_true (g_str_has_suffix (line, " ID=4321 DF PROTO=47 "));
  g_assert_null (strstr (line, "SPT="));
}

static void
test_mark (void)
{
  NflPacket p = echo_request ();
  g_autofree char *marked = NULL, *unmarked = NULL, *error = NULL;

  /* 143-mark-xmark-and-or: MARK= last, lower-case hex */
  p.mark = 0x1f;
  marked = format ("", "veth2_ns2", "veth1_ns2", mac, &p, 0);
  g_assert_true (g_str_has_suffix (marked, " ID=10794 SEQ=1 MARK=0x1f "));
  p.mark = 0;
  unmarked = format ("", "veth2_ns2", "veth1_ns2", mac, &p, 0);
  g_assert_null (strstr (unmarked, "MARK="));
  g_assert_true (g_str_has_suffix (unmarked, " SEQ=1 "));

  /* the mark belongs to the packet, so it comes after the quoted one */
  p = (NflPacket) { 0 };
  p.ip.proto = NFL_PROTO_ICMP;
  p.ip.icmp_type = 3;
  p.ip.icmp_code = 3;
  p.has_inner = TRUE;
  p.inner = udp_datagram ().ip;
  p.mark = 0xffffffffu;
  error = format ("", NULL, "eth0", NULL, &p, 0);
  g_assert_true (g_str_has_suffix (error, " DPT=53 LEN=8 ] MARK=0xffffffff "));
}

static void
test_describe (void)
{
  NflPacket p = udp_datagram ();
  g_autofree char *text = NULL;

  p.mark = 7;
  text = nfl_packet_describe (&p);
  /* the header part of the LOG line, without the trailing space or mark */
  g_assert_cmpstr (text, ==,
                   "SRC=10.2.0.10 DST=10.1.0.10 LEN=28 TOS=0x00 PREC=0x00 TTL=63 ID=4321 DF "
                   "PROTO=UDP SPT=41234 DPT=53 LEN=8");
}

static void
test_is_icmp_error (void)
{
  NflIpHeader ip = { 0 };
  static const guint8 errors[] = { 3, 4, 5, 11, 12 };
  static const guint8 others[] = { 0, 8, 9, 10, 13, 14, 17, 18 };

  ip.proto = NFL_PROTO_ICMP;
  for (guint i = 0; i < G_N_ELEMENTS (errors); i++)
    {
      ip.icmp_type = errors[i];
      g_assert_true (nfl_packet_is_icmp_error (&ip));
    }
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      ip.icmp_type = others[i];
      g_assert_false (nfl_packet_is_icmp_error (&ip));
    }
  /* the type field means nothing for TCP */
  ip.proto = NFL_PROTO_TCP;
  ip.icmp_type = 3;
  g_assert_false (nfl_packet_is_icmp_error (&ip));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nfl/engine/log/output-icmp-echo", test_output_icmp_echo);
  g_test_add_func ("/nfl/engine/log/input-mac", test_input_mac);
  g_test_add_func ("/nfl/engine/log/forward-both-devices", test_forward_both_devices);
  g_test_add_func ("/nfl/engine/log/prefix", test_prefix);
  g_test_add_func ("/nfl/engine/log/tos-prec", test_tos_prec);
  g_test_add_func ("/nfl/engine/log/df-ttl-id-len", test_df_ttl_id_len);
  g_test_add_func ("/nfl/engine/log/tcp/syn", test_tcp_syn);
  g_test_add_func ("/nfl/engine/log/tcp/flags-order", test_tcp_flags_order);
  g_test_add_func ("/nfl/engine/log/tcp/log-options", test_tcp_log_options);
  g_test_add_func ("/nfl/engine/log/icmp/error-quotes-packet", test_icmp_error_quotes_packet);
  g_test_add_func ("/nfl/engine/log/icmp/time-exceeded-quotes-echo", test_icmp_time_exceeded_quotes_echo);
  g_test_add_func ("/nfl/engine/log/icmp/quoted-tcp-once", test_icmp_quoted_tcp_and_once);
  g_test_add_func ("/nfl/engine/log/icmp/other-types", test_icmp_other_types);
  g_test_add_func ("/nfl/engine/log/other-protocol", test_other_protocol);
  g_test_add_func ("/nfl/engine/log/mark", test_mark);
  g_test_add_func ("/nfl/engine/log/describe", test_describe);
  g_test_add_func ("/nfl/engine/log/is-icmp-error", test_is_icmp_error);

  return g_test_run ();
}
