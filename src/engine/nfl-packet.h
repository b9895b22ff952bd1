/* nfl-packet.h: the IPv4 packet the simulator moves around
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define NFL_PROTO_ICMP 1
#define NFL_PROTO_TCP  6
#define NFL_PROTO_UDP  17

/* The header fields LOG prints, for the packet or the packet an ICMP
 * error quotes. */
typedef struct {
  guint32  src, dst;
  guint8   proto;
  guint8   tos;
  guint8   ttl;
  gboolean df;
  guint16  id;
  guint16  len;            /* IP total length */
  /* tcp and udp */
  guint16  sport, dport;
  /* tcp */
  guint8   tcp_flags;
  guint16  window;
  guint32  seq, ack_seq;
  guint8   tcp_options_len;
  guint8   tcp_options[40];
  /* udp */
  guint16  udp_len;
  /* icmp */
  guint8   icmp_type, icmp_code;
  guint16  icmp_id, icmp_seq;  /* echo */
  guint32  icmp_gateway;       /* redirect: the better first hop it names */
} NflIpHeader;

typedef struct {
  NflIpHeader ip;
  gboolean    has_inner;   /* an ICMP error quoting @inner */
  NflIpHeader inner;
  guint32     mark;
  /* what a trace's snapshot adds for the reader: the connection state
   * (an NflCtState bit once conntrack has looked at the packet in this
   * namespace, 0 before, NFL_PACKET_CT_OFF where conntrack does not run)
   * and the devices of the hook the packet is in ("" outside hooks);
   * the mark of its connection (0 without one) */
  guint8      ct_state;
  guint32     ct_mark;
  char        in[16];
  char        out[16];
  /* the bridge ports br_netfilter saw it come in and go out by ("" none) */
  char        physin[16];
  char        physout[16];
  /* the socket it leaves from, as -m owner finds it: NFL_PACKET_SOCKET_* */
  guint8      socket;
} NflPacket;

#define NFL_PACKET_CT_OFF 0x80

enum {
  NFL_PACKET_SOCKET_NONE,     /* forwarded, or made without a socket */
  NFL_PACKET_SOCKET_KERNEL,   /* a kernel socket, which has no owner */
  NFL_PACKET_SOCKET_USER,     /* a process's: uid 0, gid 0 in a trace */
};

gboolean nfl_packet_is_icmp_error (const NflIpHeader *ip);
char    *nfl_packet_describe      (const NflPacket   *packet);

/* The TCP flags as LOG prints them, in the kernel's order, each followed
 * by a space: "ACK SYN ". */
void     nfl_tcp_flags_append     (GString           *out,
                                   guint8             flags);

/* The LOG target's text for @packet (nf_log_syslog's IPv4 dump). */
void     nfl_log_format           (GString           *out,
                                   const char        *prefix,
                                   const char        *in,
                                   const char        *out_dev,
                                   const char        *physin,   /* bridge ports, or NULL */
                                   const char        *physout,
                                   const guint8      *mac,      /* 14 bytes or NULL */
                                   const NflPacket   *packet,
                                   guint8             log_flags);

G_END_DECLS
