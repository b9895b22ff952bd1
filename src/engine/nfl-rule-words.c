/* nfl-rule-words.c: a rule as the words of its iptables command
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The clauses are those iptables-save prints, in its order: the ip part
 * (save_ipv4_addr, save_iface, the protocol, -f), then each match with
 * its options as the match's save() prints them, then the target.  The
 * iptables-save writer, nfl_rule_to_words () and the scenario file all
 * walk the same clauses, so a rule has one printed form.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "nfl-commands.h"
#include "nfl-export-shell.h"
#include "nfl-iptables.h"
#include "nfl-rule-private.h"
#include "nfl-rule-words.h"

/* ---------------------------------------------------------------------- */
/* values as iptables-save prints them, in the caller's buffer             */
/* ---------------------------------------------------------------------- */

/* @value in decimal at @buf (at most 11 bytes with the NUL); returns the
 * end.  Without printf, as nfl_ipv4_format (): writing a kube-proxy
 * node's scenario file formats some 7,000 ports and numbers, and
 * g_snprintf () was a thirtieth of it. */
static char *
format_uint (char    *buf,
             guint32  value)
{
  char digits[10];
  int n = 0;

  do
    {
      digits[n++] = '0' + value % 10;
      value /= 10;
    }
  while (value != 0);
  while (n > 0)
    *buf++ = digits[--n];
  *buf = '\0';
  return buf;
}

/* "10.0.0.0/8", or "10.0.0.0/255.0.255.0" for a mask that is not a prefix */
static const char *
format_cidr (char    buf[40],
             guint32 addr,
             guint32 mask)
{
  int len = nfl_mask_prefix_len (mask);
  char *end;

  /* without printf, as nfl_ipv4_format () */
  nfl_ipv4_format (addr, buf);
  end = buf + strlen (buf);
  *end++ = '/';
  if (len < 0)
    nfl_ipv4_format (mask, end);
  else
    {
      if (len >= 10)
        *end++ = '0' + len / 10;
      *end++ = '0' + len % 10;
      *end = '\0';
    }
  return buf;
}

static const char *
format_addr_range (char    buf[40],
                   guint32 lo,
                   guint32 hi)
{
  char a[16], b[16];

  nfl_ipv4_format (lo, a);
  nfl_ipv4_format (hi, b);
  g_snprintf (buf, 40, "%s-%s", a, b);
  return buf;
}

/* "22" or "1024:65535"; returns the length written */
static int
format_port_range (char               *buf,
                   gsize               size,
                   const NflPortRange *range)
{
  char *end;

  g_assert (size >= sizeof "65535:65535");
  end = format_uint (buf, range->lo);
  if (range->lo != range->hi)
    {
      *end++ = ':';
      end = format_uint (end, range->hi);
    }
  return end - buf;
}

/* "FIN,SYN,RST,ACK", or "NONE" */
static const char *
format_tcp_flags (char   buf[32],
                  guint8 flags)
{
  static const struct { const char *name; guint8 bit; } names[] = {
    { "FIN", NFL_TCP_FIN }, { "SYN", NFL_TCP_SYN }, { "RST", NFL_TCP_RST },
    { "PSH", NFL_TCP_PSH }, { "ACK", NFL_TCP_ACK }, { "URG", NFL_TCP_URG },
  };
  char *p = buf;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (flags & names[i].bit)
      {
        if (p > buf)
          *p++ = ',';
        memcpy (p, names[i].name, 3);
        p += 3;
      }
  if (p == buf)
    memcpy (p, "NONE", 4), p += 4;
  *p = '\0';
  return buf;
}

/* "10.1.0.10", "10.1.0.10-10.1.0.20:80-88", or just the ports "80-88" */
static const char *
format_nat_range (char             buf[64],
                  const NflTarget *t,
                  gboolean         with_addr)
{
  /* at most 15 + 1 + 15 + 1 + 5 + 1 + 5 + 1 + 5 bytes and the NUL */
  char *end = buf;

  if (with_addr && t->nat_has_addr)
    {
      nfl_ipv4_format (t->nat_addr_lo, end);
      end += strlen (end);
      if (t->nat_addr_hi != t->nat_addr_lo)
        {
          *end++ = '-';
          nfl_ipv4_format (t->nat_addr_hi, end);
          end += strlen (end);
        }
    }
  if (t->nat_has_ports)
    {
      if (with_addr)
        *end++ = ':';
      end = format_uint (end, t->nat_port_lo);
      if (t->nat_port_hi != t->nat_port_lo)
        {
          *end++ = '-';
          end = format_uint (end, t->nat_port_hi);
        }
      /* sprint_range () prints the base whenever the shift is set */
      if (t->nat_flags & NFL_NAT_PORT_SHIFT)
        {
          *end++ = '/';
          end = format_uint (end, t->nat_port_base);
        }
    }
  *end = '\0';
  return buf;
}

/* ---------------------------------------------------------------------- */
/* the clauses                                                             */
/* ---------------------------------------------------------------------- */

typedef struct {
  NflRuleClauseFunc func;
  gpointer          user_data;
} Walk;

static void
emit (const Walk *walk,
      const char *extension,
      const char *option,
      gboolean    negate,
      const char *arg0,
      const char *arg1)
{
  NflRuleClause clause = {
    .extension = extension,
    .option = option,
    .negate = negate,
    .n_args = arg0 == NULL ? 0 : arg1 == NULL ? 1 : 2,
    .args = { arg0, arg1 },
  };

  walk->func (&clause, walk->user_data);
}

static const char *
match_name (NflMatchKind kind)
{
  switch (kind)
    {
    case NFL_MATCH_TCP: return "tcp";
    case NFL_MATCH_UDP: return "udp";
    case NFL_MATCH_ICMP: return "icmp";
    case NFL_MATCH_MULTIPORT: return "multiport";
    case NFL_MATCH_CONNTRACK: return "conntrack";
    case NFL_MATCH_STATE: return "state";
    case NFL_MATCH_MARK: return "mark";
    case NFL_MATCH_COMMENT: return "comment";
    case NFL_MATCH_IPRANGE: return "iprange";
    case NFL_MATCH_ADDRTYPE: return "addrtype";
    case NFL_MATCH_LIMIT: return "limit";
    case NFL_MATCH_STATISTIC: return "statistic";
    case NFL_MATCH_LENGTH: return "length";
    case NFL_MATCH_TTL: return "ttl";
    case NFL_MATCH_PHYSDEV: return "physdev";
    case NFL_MATCH_CONNMARK: return "connmark";
    case NFL_MATCH_RECENT: return "recent";
    case NFL_MATCH_OWNER: return "owner";
    case NFL_MATCH_PKTTYPE: return "pkttype";
    case NFL_MATCH_UNMODELLED: return "unmodelled";
    default: g_assert_not_reached ();
    }
}

/* an option with a decimal number */
static void
emit_number (const Walk *walk,
             const char *extension,
             const char *option,
             guint32     value)
{
  char buf[16];

  format_uint (buf, value);
  emit (walk, extension, option, FALSE, buf, NULL);
}

/* owner's ids: N, or FROM-TO */
static const char *
format_id_range (char    *buf,
                 gsize    size,
                 guint32  lo,
                 guint32  hi)
{
  if (lo == hi)
    g_snprintf (buf, size, "%u", lo);
  else
    g_snprintf (buf, size, "%u-%u", lo, hi);
  return buf;
}

/* conntrack_dump () of libxt_conntrack revision 3: its options in a
 * fixed order whatever order they were given in */
static void
walk_conntrack (const Walk     *walk,
                const char     *ext,
                const NflMatch *m)
{
  guint given = m->ct.given, inv = m->ct.inverted;
  char buf[64];

  if (m->ct.states != 0)
    {
      _nfl_ct_states_format (m->ct.states, buf);
      emit (walk, ext, "--ctstate", m->ct.invert, buf, NULL);
    }
  if (given & NFL_CT_OPT_PROTO)
    {
      g_snprintf (buf, sizeof buf, "%u", m->ct.proto);
      emit (walk, ext, "--ctproto", (inv & NFL_CT_OPT_PROTO) != 0, buf, NULL);
    }
  for (guint i = 0; i < 4; i++)
    if (given & (NFL_CT_OPT_ORIGSRC << i))
      emit (walk, ext, nfl_ct_tuple_option (i, FALSE), (inv & (NFL_CT_OPT_ORIGSRC << i)) != 0,
            _nfl_ct_addr_format (m->ct.addr[i], m->ct.mask[i], TRUE, buf), NULL);
  for (guint i = 0; i < 4; i++)
    if (given & (NFL_CT_OPT_ORIGSRCPORT << i))
      {
        const NflPortRange *r = &m->ct.port[i];

        /* conntrack_dump_ports (): a range ending at 0 prints its start only */
        if (r->lo == r->hi || r->hi == 0)
          g_snprintf (buf, sizeof buf, "%u", r->lo);
        else
          g_snprintf (buf, sizeof buf, "%u:%u", r->lo, r->hi);
        emit (walk, ext, nfl_ct_tuple_option (i, TRUE), (inv & (NFL_CT_OPT_ORIGSRCPORT << i)) != 0, buf, NULL);
      }
  if (given & NFL_CT_OPT_STATUS)
    {
      g_autoptr(GString) status = g_string_new (NULL);

      nfl_ct_status_append (m->ct.status, status);
      emit (walk, ext, "--ctstatus", (inv & NFL_CT_OPT_STATUS) != 0, status->str, NULL);
    }
  if (given & NFL_CT_OPT_EXPIRE)
    {
      if (m->ct.expire_min == m->ct.expire_max)
        g_snprintf (buf, sizeof buf, "%u", m->ct.expire_min);
      else
        g_snprintf (buf, sizeof buf, "%u:%u", m->ct.expire_min, m->ct.expire_max);
      emit (walk, ext, "--ctexpire", (inv & NFL_CT_OPT_EXPIRE) != 0, buf, NULL);
    }
  if (given & NFL_CT_OPT_DIR)
    emit (walk, ext, "--ctdir", FALSE, m->ct.reply ? "REPLY" : "ORIGINAL", NULL);
}

static void
walk_match (const Walk     *walk,
            const NflMatch *m)
{
  const char *ext = match_name (m->kind);
  char buf[192];

  if (m->kind == NFL_MATCH_UNMODELLED)
    {
      /* one clause: the words as iptables-save wrote them, already quoted */
      emit (walk, ext, m->unmodelled.text, FALSE, NULL, NULL);
      return;
    }
  emit (walk, ext, "-m", FALSE, ext, NULL);
  switch (m->kind)
    {
    case NFL_MATCH_TCP:
    case NFL_MATCH_UDP:
      /* tcp_save(): a port range of 0:65535 is not stored at all */
      if (m->l4.has_sport && !_nfl_port_range_is_all (&m->l4.sport))
        {
          format_port_range (buf, sizeof buf, &m->l4.sport);
          emit (walk, ext, "--sport", m->l4.sport_invert, buf, NULL);
        }
      if (m->l4.has_dport && !_nfl_port_range_is_all (&m->l4.dport))
        {
          format_port_range (buf, sizeof buf, &m->l4.dport);
          emit (walk, ext, "--dport", m->l4.dport_invert, buf, NULL);
        }
      if (m->l4.has_flags && (m->l4.flags_mask != 0 || m->l4.flags_invert))
        {
          char cmp[32];

          emit (walk, ext, "--tcp-flags", m->l4.flags_invert,
                format_tcp_flags (buf, m->l4.flags_mask), format_tcp_flags (cmp, m->l4.flags_cmp));
        }
      break;

    case NFL_MATCH_ICMP:
      /* icmp_save (): type 255 is any, whatever codes were given */
      if (m->icmp.any || m->icmp.type == 0xff)
        g_strlcpy (buf, "any", sizeof buf);
      else if (m->icmp.code_lo == 0 && m->icmp.code_hi == 0xff)
        g_snprintf (buf, sizeof buf, "%u", m->icmp.type);
      else
        g_snprintf (buf, sizeof buf, "%u/%u", m->icmp.type, m->icmp.code_lo);
      emit (walk, ext, "--icmp-type", m->icmp.invert, buf, NULL);
      break;

    case NFL_MATCH_MULTIPORT:
      {
        int n = 0;

        buf[0] = '\0';
        for (guint i = 0; i < m->multiport.n_ports; i++)
          {
            if (i > 0)
              buf[n++] = ',';
            n += format_port_range (buf + n, sizeof buf - n, &m->multiport.ports[i]);
          }
        emit (walk, ext,
              m->multiport.which == NFL_MULTIPORT_SOURCE ? "--sports" :
              m->multiport.which == NFL_MULTIPORT_DESTINATION ? "--dports" : "--ports",
              m->multiport.invert, buf, NULL);
      }
      break;

    case NFL_MATCH_CONNTRACK:
      walk_conntrack (walk, ext, m);
      break;

    case NFL_MATCH_STATE:
      _nfl_ct_states_format (m->state.states, buf);
      emit (walk, ext, "--state", m->state.invert, buf, NULL);
      break;

    case NFL_MATCH_MARK:
    case NFL_MATCH_CONNMARK:
      if (m->mark.mask == 0xffffffffu)
        g_snprintf (buf, sizeof buf, "0x%x", m->mark.value);
      else
        g_snprintf (buf, sizeof buf, "0x%x/0x%x", m->mark.value, m->mark.mask);
      emit (walk, ext, "--mark", m->mark.invert, buf, NULL);
      break;

    case NFL_MATCH_COMMENT:
      emit (walk, ext, "--comment", FALSE, m->comment.text, NULL);
      break;

    case NFL_MATCH_IPRANGE:
      if (m->iprange.has_src)
        emit (walk, ext, "--src-range", m->iprange.src_invert,
              format_addr_range (buf, m->iprange.src_lo, m->iprange.src_hi), NULL);
      if (m->iprange.has_dst)
        emit (walk, ext, "--dst-range", m->iprange.dst_invert,
              format_addr_range (buf, m->iprange.dst_lo, m->iprange.dst_hi), NULL);
      break;

    case NFL_MATCH_ADDRTYPE:
      if (m->addrtype.src_types != 0)
        emit (walk, ext, "--src-type", m->addrtype.src_invert, _nfl_addrtypes_format (m->addrtype.src_types, buf), NULL);
      if (m->addrtype.dst_types != 0)
        emit (walk, ext, "--dst-type", m->addrtype.dst_invert, _nfl_addrtypes_format (m->addrtype.dst_types, buf), NULL);
      if (m->addrtype.limit_in)
        emit (walk, ext, "--limit-iface-in", FALSE, NULL, NULL);
      if (m->addrtype.limit_out)
        emit (walk, ext, "--limit-iface-out", FALSE, NULL, NULL);
      break;

    case NFL_MATCH_LENGTH:
      if (m->length.min == m->length.max)
        g_snprintf (buf, sizeof buf, "%u", m->length.min);
      else
        g_snprintf (buf, sizeof buf, "%u:%u", m->length.min, m->length.max);
      emit (walk, ext, "--length", m->length.invert, buf, NULL);
      break;

    case NFL_MATCH_PHYSDEV:
      for (guint i = 0; i < G_N_ELEMENTS (_nfl_physdev_options); i++)
        {
          guint8 bit = _nfl_physdev_options[i].bit;

          if (m->physdev.given & bit)
            emit (walk, ext, _nfl_physdev_options[i].option, (m->physdev.invert & bit) != 0,
                  _nfl_physdev_port (m, bit), NULL);
        }
      break;

    case NFL_MATCH_TTL:
      g_snprintf (buf, sizeof buf, "%u", m->ttl.value);
      emit (walk, ext, m->ttl.op == NFL_TTL_LT ? "--ttl-lt" : m->ttl.op == NFL_TTL_GT ? "--ttl-gt" : "--ttl-eq",
            m->ttl.op == NFL_TTL_NE, buf, NULL);
      break;

    case NFL_MATCH_STATISTIC:
      {
        char packet[16];

        if (m->statistic.random)
          {
            /* statistic_save (): "%.11f" of the kernel's value */
            g_snprintf (buf, sizeof buf, "%.11f", m->statistic.probability / 2147483648.0);
            emit (walk, ext, "--mode", FALSE, "random", NULL);
            emit (walk, ext, "--probability", m->statistic.invert, buf, NULL);
            break;
          }
        format_uint (buf, m->statistic.every);
        format_uint (packet, m->statistic.packet);
        emit (walk, ext, "--mode", FALSE, "nth", NULL);
        emit (walk, ext, "--every", m->statistic.invert, buf, NULL);
        emit (walk, ext, "--packet", FALSE, packet, NULL);
      }
      break;

    case NFL_MATCH_PKTTYPE:
      emit (walk, ext, "--pkt-type", m->pkttype.invert, _nfl_pkttype_name (m->pkttype.type), NULL);
      break;

    case NFL_MATCH_OWNER:
      /* owner_mt_save (): --socket-exists, --uid-owner, --gid-owner,
       * --suppl-groups, each id a number or FROM-TO */
      if (m->owner.match & NFL_OWNER_SOCKET)
        emit (walk, ext, "--socket-exists", (m->owner.invert & NFL_OWNER_SOCKET) != 0, NULL, NULL);
      if (m->owner.match & NFL_OWNER_UID)
        emit (walk, ext, "--uid-owner", (m->owner.invert & NFL_OWNER_UID) != 0,
              format_id_range (buf, sizeof buf, m->owner.uid_min, m->owner.uid_max), NULL);
      if (m->owner.match & NFL_OWNER_GID)
        emit (walk, ext, "--gid-owner", (m->owner.invert & NFL_OWNER_GID) != 0,
              format_id_range (buf, sizeof buf, m->owner.gid_min, m->owner.gid_max), NULL);
      if (m->owner.match & NFL_OWNER_SUPPL_GROUPS)
        emit (walk, ext, "--suppl-groups", FALSE, NULL, NULL);
      break;

    case NFL_MATCH_RECENT:
      {
        static const struct { guint8 bit; const char *option; } ops[] = {
          { NFL_RECENT_SET, "--set" }, { NFL_RECENT_CHECK, "--rcheck" }, { NFL_RECENT_UPDATE, "--update" },
          { NFL_RECENT_REMOVE, "--remove" },
        };

        /* recent_save (): "!" before the action, the numbers with %d */
        for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
          if (m->recent.check_set & ops[i].bit)
            emit (walk, ext, ops[i].option, m->recent.invert, NULL, NULL);
        if (m->recent.seconds != 0)
          {
            g_snprintf (buf, sizeof buf, "%d", (int) m->recent.seconds);
            emit (walk, ext, "--seconds", FALSE, buf, NULL);
          }
        if (m->recent.check_set & NFL_RECENT_REAP)
          emit (walk, ext, "--reap", FALSE, NULL, NULL);
        if (m->recent.hit_count != 0)
          {
            g_snprintf (buf, sizeof buf, "%d", (int) m->recent.hit_count);
            emit (walk, ext, "--hitcount", FALSE, buf, NULL);
          }
        if (m->recent.check_set & NFL_RECENT_TTL)
          emit (walk, ext, "--rttl", FALSE, NULL, NULL);
        emit (walk, ext, "--name", FALSE, m->recent.name, NULL);
        nfl_ipv4_format (m->recent.mask, buf);
        emit (walk, ext, "--mask", FALSE, buf, NULL);
        emit (walk, ext, m->recent.side == NFL_RECENT_DEST ? "--rdest" : "--rsource", FALSE, NULL, NULL);
      }
      break;

    case NFL_MATCH_LIMIT:
      /* limit_save (): the rate always, the burst when not the default */
      emit (walk, ext, "--limit", FALSE, _nfl_limit_rate_format (m->limit.avg, buf), NULL);
      if (m->limit.burst != NFL_LIMIT_BURST)
        {
          char burst[16];

          g_snprintf (burst, sizeof burst, "%u", m->limit.burst);
          emit (walk, ext, "--limit-burst", FALSE, burst, NULL);
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
walk_nat_flags (const Walk      *walk,
                const char      *ext,
                const NflTarget *t)
{
  if (t->nat_flags & NFL_NAT_RANDOM)
    emit (walk, ext, "--random", FALSE, NULL, NULL);
  if (t->nat_flags & NFL_NAT_RANDOM_FULLY)
    emit (walk, ext, "--random-fully", FALSE, NULL, NULL);
  if (t->nat_flags & NFL_NAT_PERSISTENT)
    emit (walk, ext, "--persistent", FALSE, NULL, NULL);
}

static void
walk_target (const Walk      *walk,
             const NflTarget *t)
{
  const char *ext;
  char buf[64];

  switch (t->kind)
    {
    case NFL_TARGET_NONE:
    case NFL_TARGET_UNMODELLED:   /* its words are a match's */
      return;
    case NFL_TARGET_JUMP:
    case NFL_TARGET_GOTO:
      emit (walk, NULL, t->kind == NFL_TARGET_JUMP ? "-j" : "-g", FALSE, t->chain, NULL);
      return;
    default:
      ext = nfl_target_kind_name (t->kind);
      emit (walk, ext, "-j", FALSE, ext, NULL);
      break;
    }

  switch (t->kind)
    {
    case NFL_TARGET_REJECT:
      emit (walk, ext, "--reject-with", FALSE, nfl_reject_with_name (t->reject_with), NULL);
      break;
    case NFL_TARGET_TCPMSS:
      if (t->tcpmss == NFL_TCPMSS_CLAMP)
        emit (walk, ext, "--clamp-mss-to-pmtu", FALSE, NULL, NULL);
      else
        emit_number (walk, ext, "--set-mss", t->tcpmss);
      break;
    case NFL_TARGET_CHECKSUM:
      emit (walk, ext, "--checksum-fill", FALSE, NULL, NULL);
      break;
    case NFL_TARGET_NFQUEUE:
      /* NFQUEUE_save_v3 () */
      if (t->queue_total > 1)
        {
          g_snprintf (buf, sizeof buf, "%u:%u", t->queue_num, t->queue_num + t->queue_total - 1);
          emit (walk, ext, "--queue-balance", FALSE, buf, NULL);
        }
      else
        emit_number (walk, ext, "--queue-num", t->queue_num);
      if (t->queue_flags & NFL_NFQUEUE_BYPASS)
        emit (walk, ext, "--queue-bypass", FALSE, NULL, NULL);
      if (t->queue_flags & NFL_NFQUEUE_CPU_FANOUT)
        emit (walk, ext, "--queue-cpu-fanout", FALSE, NULL, NULL);
      break;
    case NFL_TARGET_NFLOG:
      /* NFLOG_save (): what the nft log expression keeps */
      if (t->nflog_prefix[0] != '\0')
        emit (walk, ext, "--nflog-prefix", FALSE, t->nflog_prefix, NULL);
      if (t->nflog_group != 0)
        emit_number (walk, ext, "--nflog-group", t->nflog_group);
      if (t->nflog_size_given)
        emit_number (walk, ext, "--nflog-size", t->nflog_size);
      if (t->nflog_threshold != 0)
        emit_number (walk, ext, "--nflog-threshold", t->nflog_threshold);
      break;
    case NFL_TARGET_LOG:
      if (t->log_prefix[0] != '\0')
        emit (walk, ext, "--log-prefix", FALSE, t->log_prefix, NULL);
      if (t->log_level != 4)
        {
          g_snprintf (buf, sizeof buf, "%u", t->log_level);
          emit (walk, ext, "--log-level", FALSE, buf, NULL);
        }
      if (t->log_flags & NFL_LOG_TCP_SEQUENCE)
        emit (walk, ext, "--log-tcp-sequence", FALSE, NULL, NULL);
      if (t->log_flags & NFL_LOG_TCP_OPTIONS)
        emit (walk, ext, "--log-tcp-options", FALSE, NULL, NULL);
      if (t->log_flags & NFL_LOG_IP_OPTIONS)
        emit (walk, ext, "--log-ip-options", FALSE, NULL, NULL);
      if (t->log_flags & NFL_LOG_UID)
        emit (walk, ext, "--log-uid", FALSE, NULL, NULL);
      break;
    case NFL_TARGET_DNAT:
    case NFL_TARGET_SNAT:
      emit (walk, ext, t->kind == NFL_TARGET_DNAT ? "--to-destination" : "--to-source", FALSE,
            format_nat_range (buf, t, TRUE), NULL);
      walk_nat_flags (walk, ext, t);
      break;
    case NFL_TARGET_MASQUERADE:
    case NFL_TARGET_REDIRECT:
      if (t->nat_has_ports)
        emit (walk, ext, "--to-ports", FALSE, format_nat_range (buf, t, FALSE), NULL);
      walk_nat_flags (walk, ext, t);
      break;
    case NFL_TARGET_MARK:
      g_snprintf (buf, sizeof buf, "0x%x/0x%x", t->mark_value, t->mark_mask);
      emit (walk, ext, "--set-xmark", FALSE, buf, NULL);
      break;
    case NFL_TARGET_CONNMARK:
      /* connmark_tg_save_v2 (): the masks always, with save and restore */
      if (t->connmark_mode == NFL_CONNMARK_SET)
        {
          g_snprintf (buf, sizeof buf, "0x%x/0x%x", t->mark_value, t->mark_mask);
          emit (walk, ext, "--set-xmark", FALSE, buf, NULL);
          break;
        }
      emit (walk, ext, t->connmark_mode == NFL_CONNMARK_SAVE ? "--save-mark" : "--restore-mark", FALSE, NULL, NULL);
      g_snprintf (buf, sizeof buf, "0x%x", t->connmark_nfmask);
      emit (walk, ext, "--nfmask", FALSE, buf, NULL);
      g_snprintf (buf, sizeof buf, "0x%x", t->mark_mask);
      emit (walk, ext, "--ctmask", FALSE, buf, NULL);
      break;
    case NFL_TARGET_TOS:
      g_snprintf (buf, sizeof buf, "0x%02x/0x%02x", t->tos_value, t->tos_mask);
      emit (walk, ext, "--set-tos", FALSE, buf, NULL);
      break;
    case NFL_TARGET_TTL:
      g_snprintf (buf, sizeof buf, "%u", t->ttl_value);
      emit (walk, ext,
            t->ttl_mode == NFL_TTL_SET ? "--ttl-set" : t->ttl_mode == NFL_TTL_DEC ? "--ttl-dec" : "--ttl-inc",
            FALSE, buf, NULL);
      break;
    case NFL_TARGET_CT:
      emit (walk, ext, "--notrack", FALSE, NULL, NULL);
      break;
    default:
      break;
    }
}

void
nfl_rule_foreach_clause (const NflRule     *rule,
                         NflRuleClauseFunc  func,
                         gpointer           user_data)
{
  Walk walk = { func, user_data };
  char buf[40];

  g_return_if_fail (rule != NULL);
  g_return_if_fail (func != NULL);

  /* save_ipv4_addr(): 0.0.0.0/0 is not written unless negated */
  if (rule->has_src && (rule->src_mask != 0 || rule->src_invert))
    emit (&walk, NULL, "-s", rule->src_invert, format_cidr (buf, rule->src, rule->src_mask), NULL);
  if (rule->has_dst && (rule->dst_mask != 0 || rule->dst_invert))
    emit (&walk, NULL, "-d", rule->dst_invert, format_cidr (buf, rule->dst, rule->dst_mask), NULL);
  if (rule->has_in)
    emit (&walk, NULL, "-i", rule->in_invert, rule->in, NULL);
  if (rule->has_out)
    emit (&walk, NULL, "-o", rule->out_invert, rule->out, NULL);
  if (rule->has_proto)
    {
      const char *name = nfl_protocol_name (rule->proto);

      if (name == NULL)
        {
          g_snprintf (buf, sizeof buf, "%u", rule->proto);
          name = buf;
        }
      emit (&walk, NULL, "-p", rule->proto_invert, name, NULL);
    }
  if (rule->frag)
    emit (&walk, NULL, "-f", rule->frag_invert, NULL, NULL);
  for (guint i = 0; i < rule->n_matches; i++)
    walk_match (&walk, &rule->matches[i]);
  walk_target (&walk, &rule->target);
}

/* ---------------------------------------------------------------------- */
/* the words, and the iptables-save text                                   */
/* ---------------------------------------------------------------------- */

/* The arguments iptables-save passes through xtables_save_string(): free
 * text.  Every other argument is printed as it is. */
static gboolean
clause_is_text (const NflRuleClause *clause)
{
  return clause->n_args == 1 && clause->extension != NULL &&
         (strcmp (clause->option, "--comment") == 0 || strcmp (clause->option, "--log-prefix") == 0 ||
          strcmp (clause->option, "--nflog-prefix") == 0);
}

/* xtables_save_string(): bare when only [A-Za-z0-9_-], else in double
 * quotes with " \ ' escaped by a backslash. */
void
nfl_append_quoted_word (GString    *out,
                        const char *word)
{
  static const char no_quote[] = "_-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  size_t plain;

  g_return_if_fail (out != NULL);
  g_return_if_fail (word != NULL);

  plain = strspn (word, no_quote);
  if (plain > 0 && word[plain] == '\0')
    {
      g_string_append (out, word);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = word; *p; p++)
    {
      if (*p == '"' || *p == '\\' || *p == '\'')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

void
nfl_rule_clause_append (GString             *out,
                        const NflRuleClause *clause)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (clause != NULL);

  g_string_append (out, clause->negate ? "! " : "");
  g_string_append (out, clause->option);
  for (guint i = 0; i < clause->n_args; i++)
    {
      g_string_append_c (out, ' ');
      if (clause_is_text (clause))
        nfl_append_quoted_word (out, clause->args[i]);
      else
        g_string_append (out, clause->args[i]);
    }
}

/* One clause after a space: as iptables-save prints it, or with every
 * argument quoted as a shell needs it */
typedef struct {
  GString  *out;
  gboolean  for_shell;
} ClauseText;

static void
append_clause_cb (const NflRuleClause *clause,
                  gpointer             user_data)
{
  const ClauseText *text = user_data;
  GString *out = text->out;

  g_string_append_c (out, ' ');
  if (!text->for_shell)
    {
      nfl_rule_clause_append (out, clause);
      return;
    }
  g_string_append (out, clause->negate ? "! " : "");
  g_string_append (out, clause->option);
  for (guint i = 0; i < clause->n_args; i++)
    {
      g_string_append_c (out, ' ');
      nfl_shell_append_quoted (out, clause->args[i]);
    }
}

void
nfl_rule_append_save_spec (const NflRule *rule,
                           GString       *out)
{
  ClauseText text = { out, FALSE };
  gsize start = out->len;

  nfl_rule_foreach_clause (rule, append_clause_cb, &text);
  /* the caller writes "-A CHAIN" before us; drop our leading space */
  if (out->len > start && out->str[start] == ' ')
    g_string_erase (out, start, 1);
}

char *
nfl_rule_to_save_spec (const NflRule *rule)
{
  GString *out = g_string_new (NULL);

  nfl_rule_append_save_spec (rule, out);
  return g_string_free (out, FALSE);
}

/* iptables -D with a rule specification compares the rules as the kernel
 * holds them, so two spellings of the same rule are equal.  Comparing the
 * canonical text does exactly that. */
gboolean
nfl_rule_equal_spec (const NflRule *a,
                     const NflRule *b)
{
  g_autofree char *sa = nfl_rule_to_save_spec (a);
  g_autofree char *sb = nfl_rule_to_save_spec (b);

  return g_strcmp0 (sa, sb) == 0;
}

GStrv
_nfl_rule_split_kept (const char *text)
{
  g_autoptr(GArray) starts = NULL;
  GStrv words = NULL;
  guint bad = 0;

  /* the words were quoted where they need it when they were kept */
  if (!nfl_command_split (text, &words, &starts, &bad, NULL))
    return g_new0 (char *, 1);
  return words;
}

static void
add_words_cb (const NflRuleClause *clause,
              gpointer             user_data)
{
  GPtrArray *words = user_data;

  if (clause->extension != NULL && strcmp (clause->extension, "unmodelled") == 0)
    {
      g_auto(GStrv) kept = _nfl_rule_split_kept (clause->option);

      for (guint i = 0; kept[i] != NULL; i++)
        g_ptr_array_add (words, g_strdup (kept[i]));
      return;
    }
  if (clause->negate)
    g_ptr_array_add (words, g_strdup ("!"));
  g_ptr_array_add (words, g_strdup (clause->option));
  for (guint i = 0; i < clause->n_args; i++)
    g_ptr_array_add (words, g_strdup (clause->args[i]));
}

GStrv
nfl_rule_to_words (const NflRule *rule)
{
  GPtrArray *words;

  g_return_val_if_fail (rule != NULL, NULL);

  words = g_ptr_array_new ();
  nfl_rule_foreach_clause (rule, add_words_cb, words);
  g_ptr_array_add (words, NULL);
  return (GStrv) g_ptr_array_free (words, FALSE);
}

NflRule *
nfl_rule_from_words (int                 argc,
                     const char * const *argv,
                     int                *bad_word,
                     GError            **error)
{
  g_return_val_if_fail (argc >= 0, NULL);
  g_return_val_if_fail (argc == 0 || argv != NULL, NULL);

  /* the parser only reads the words */
  return nfl_iptables_parse_rule (argc, (char **) argv, bad_word, error);
}

NflRule *
nfl_rule_from_saved_words (int                 argc,
                           const char * const *argv,
                           const char * const *spelled,
                           int                *bad_word,
                           GError            **error)
{
  g_return_val_if_fail (argc >= 0, NULL);
  g_return_val_if_fail (argc == 0 || argv != NULL, NULL);

  return nfl_iptables_parse_saved_rule (argc, (char **) argv, spelled, bad_word, error);
}

/* ---------------------------------------------------------------------- */
/* the command                                                             */
/* ---------------------------------------------------------------------- */

void
nfl_rule_command_clear (NflRuleCommand *command)
{
  g_return_if_fail (command != NULL);

  g_clear_pointer (&command->chain, g_free);
  g_clear_pointer (&command->rule, nfl_rule_free);
  command->table = NFL_TABLE_FILTER;
  command->op = NFL_RULE_OP_APPEND;
  command->position = 0;
}

char *
nfl_rule_command_to_string (const NflRuleCommand *command)
{
  static const char letters[] = { [NFL_RULE_OP_APPEND] = 'A', [NFL_RULE_OP_INSERT] = 'I',
                                  [NFL_RULE_OP_REPLACE] = 'R' };
  ClauseText text = { NULL, TRUE };
  GString *out;

  g_return_val_if_fail (command != NULL, NULL);
  g_return_val_if_fail (command->chain != NULL, NULL);
  g_return_val_if_fail (command->op <= NFL_RULE_OP_REPLACE, NULL);

  out = g_string_new ("iptables");
  if (command->table != NFL_TABLE_FILTER)
    g_string_append_printf (out, " -t %s", nfl_table_name (command->table));
  g_string_append_printf (out, " -%c ", letters[command->op]);
  nfl_shell_append_quoted (out, command->chain);
  if (command->op != NFL_RULE_OP_APPEND && (command->position > 0 || command->op == NFL_RULE_OP_REPLACE))
    g_string_append_printf (out, " %u", command->position);
  text.out = out;
  if (command->rule != NULL)
    nfl_rule_foreach_clause (command->rule, append_clause_cb, &text);
  return g_string_free (out, FALSE);
}
