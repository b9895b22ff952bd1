/* nfl-log.c: the text of the kernel's LOG target (nf_log_syslog, IPv4)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "nfl-packet.h"
#include "nfl-rule.h"

gboolean
nfl_packet_is_icmp_error (const NflIpHeader *ip)
{
  return ip->proto == NFL_PROTO_ICMP &&
         (ip->icmp_type == 3 || ip->icmp_type == 4 || ip->icmp_type == 5 ||
          ip->icmp_type == 11 || ip->icmp_type == 12);
}

void
nfl_tcp_flags_append (GString *out,
                      guint8   flags)
{
  /* nf_log_dump_tcp_header()'s order */
  static const struct { guint8 bit; const char *name; } names[] = {
    { NFL_TCP_CWR, "CWR " }, { NFL_TCP_ECE, "ECE " }, { NFL_TCP_URG, "URG " }, { NFL_TCP_ACK, "ACK " },
    { NFL_TCP_PSH, "PSH " }, { NFL_TCP_RST, "RST " }, { NFL_TCP_SYN, "SYN " }, { NFL_TCP_FIN, "FIN " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (flags & names[i].bit)
      g_string_append (out, names[i].name);
}

static void
append_ip (GString *out,
           guint32  addr)
{
  g_string_append_printf (out, "%u.%u.%u.%u",
                          (addr >> 24) & 0xff, (addr >> 16) & 0xff, (addr >> 8) & 0xff, addr & 0xff);
}

/* dump_ipv4_packet(): every field is followed by one space; an ICMP
 * error's quoted packet is dumped the same way, once, in brackets. */
static void
dump_header (GString           *out,
             const NflIpHeader *ip,
             const NflIpHeader *inner,
             guint8             log_flags)
{
  g_string_append (out, "SRC=");
  append_ip (out, ip->src);
  g_string_append (out, " DST=");
  append_ip (out, ip->dst);
  g_string_append_printf (out, " LEN=%u TOS=0x%02X PREC=0x%02X TTL=%u ID=%u ",
                          ip->len, ip->tos & 0x1e, ip->tos & 0xe0, ip->ttl, ip->id);
  if (ip->df)
    g_string_append (out, "DF ");

  switch (ip->proto)
    {
    case NFL_PROTO_TCP:
      g_string_append_printf (out, "PROTO=TCP SPT=%u DPT=%u ", ip->sport, ip->dport);
      if (log_flags & NFL_LOG_TCP_SEQUENCE)
        g_string_append_printf (out, "SEQ=%u ACK=%u ", ip->seq, ip->ack_seq);
      g_string_append_printf (out, "WINDOW=%u RES=0x00 ", ip->window);
      nfl_tcp_flags_append (out, ip->tcp_flags);
      g_string_append (out, "URGP=0 ");
      if ((log_flags & NFL_LOG_TCP_OPTIONS) && ip->tcp_options_len > 0)
        {
          g_string_append (out, "OPT (");
          for (guint i = 0; i < ip->tcp_options_len; i++)
            g_string_append_printf (out, "%02X", ip->tcp_options[i]);
          g_string_append (out, ") ");
        }
      break;

    case NFL_PROTO_UDP:
      g_string_append_printf (out, "PROTO=UDP SPT=%u DPT=%u LEN=%u ", ip->sport, ip->dport, ip->udp_len);
      break;

    case NFL_PROTO_ICMP:
      g_string_append_printf (out, "PROTO=ICMP TYPE=%u CODE=%u ", ip->icmp_type, ip->icmp_code);
      if (ip->icmp_type == 0 || ip->icmp_type == 8)
        g_string_append_printf (out, "ID=%u SEQ=%u ", ip->icmp_id, ip->icmp_seq);
      else if (inner != NULL && nfl_packet_is_icmp_error (ip) && ip->icmp_type != 12)
        {
          /* nf_log_dump_ipv4_packet () prints a redirect's gateway first */
          if (ip->icmp_type == 5)
            {
              g_string_append (out, "GATEWAY=");
              append_ip (out, ip->icmp_gateway);
              g_string_append_c (out, ' ');
            }
          g_string_append_c (out, '[');
          dump_header (out, inner, NULL, log_flags);
          g_string_append (out, "] ");
        }
      break;

    default:
      g_string_append_printf (out, "PROTO=%u ", ip->proto);
      break;
    }
}

void
nfl_log_format (GString         *out,
                const char      *prefix,
                const char      *in,
                const char      *out_dev,
                const char      *physin,
                const char      *physout,
                const guint8    *mac,
                const NflPacket *packet,
                guint8           log_flags)
{
  g_string_append_printf (out, "%sIN=%s OUT=%s ", prefix ? prefix : "", in ? in : "", out_dev ? out_dev : "");
  /* nf_log_dump_packet_common(): br_netfilter's ports come after OUT= */
  if (physin != NULL)
    g_string_append_printf (out, "PHYSIN=%s ", physin);
  if (physout != NULL)
    g_string_append_printf (out, "PHYSOUT=%s ", physout);
  if (in != NULL && *in != '\0' && mac != NULL)
    {
      g_string_append (out, "MAC=");
      for (guint i = 0; i < 14; i++)
        g_string_append_printf (out, i ? ":%02x" : "%02x", mac[i]);
      g_string_append_c (out, ' ');
    }
  dump_header (out, &packet->ip, packet->has_inner ? &packet->inner : NULL, log_flags);
  if (packet->mark != 0)
    g_string_append_printf (out, "MARK=0x%x ", packet->mark);
}

char *
nfl_packet_describe (const NflPacket *packet)
{
  GString *out = g_string_new (NULL);

  dump_header (out, &packet->ip, packet->has_inner ? &packet->inner : NULL, 0);
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}
