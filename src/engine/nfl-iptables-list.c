/* nfl-iptables-list.c: what iptables -L and -S print
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The column layout and the per-match texts follow iptables 1.8.9
 * (print_header(), print_rule_details() and the extensions' print
 * functions); tests/data/iptables holds the real program's output.
 */
#include "config.h"

#include <grp.h>
#include <pwd.h>
#include <string.h>

#include "nfl-iptables.h"
#include "nfl-rule-words.h"
#include "nfl-rule-private.h"

enum {
  FMT_NUMERIC      = 1 << 0,
  FMT_NOCOUNTS     = 1 << 1,
  FMT_KILOMEGAGIGA = 1 << 2,
  FMT_OPTIONS      = 1 << 3,
  FMT_NOTABLE      = 1 << 4,
  FMT_VIA          = 1 << 5,
  FMT_LINENUMBERS  = 1 << 6,
};

static void
print_num (GString *out,
           guint64  number,
           guint    format)
{
  gboolean notable = format & FMT_NOTABLE;

  if (!(format & FMT_KILOMEGAGIGA))
    {
      g_string_append_printf (out, notable ? "%" G_GUINT64_FORMAT " " : "%8" G_GUINT64_FORMAT " ", number);
      return;
    }
  if (number <= 99999)
    {
      g_string_append_printf (out, notable ? "%" G_GUINT64_FORMAT " " : "%5" G_GUINT64_FORMAT " ", number);
      return;
    }
  {
    static const char units[] = "KMGT";
    for (guint u = 0; u < 4; u++)
      {
        number = (number + 500) / 1000;
        if (number <= 9999 || u == 3)
          {
            g_string_append_printf (out, notable ? "%" G_GUINT64_FORMAT "%c " : "%4" G_GUINT64_FORMAT "%c ",
                                    number, units[u]);
            return;
          }
      }
  }
}

/* getservbyport() for the rule's protocol (0: any protocol) */
static void
print_port (GString *out,
            guint16  port,
            guint8   proto,
            gboolean numeric)
{
  const char *name = numeric ? NULL : _nfl_service_name (port, proto);

  if (name != NULL)
    g_string_append (out, name);
  else
    g_string_append_printf (out, "%u", port);
}

static void
print_ports (GString            *out,
             const char         *name,
             gboolean            has,
             const NflPortRange *range,
             gboolean            invert,
             guint8              proto,
             gboolean            numeric)
{
  if (!has || (_nfl_port_range_is_all (range) && !invert))
    return;
  g_string_append_printf (out, " %s", name);
  if (range->lo == range->hi)
    {
      g_string_append_printf (out, ":%s", invert ? "!" : "");
      print_port (out, range->lo, proto, numeric);
    }
  else
    {
      g_string_append_printf (out, "s:%s", invert ? "!" : "");
      print_port (out, range->lo, proto, numeric);
      g_string_append_c (out, ':');
      print_port (out, range->hi, proto, numeric);
    }
}

/* print_tcpf(): the flags by name, lowest bit first, or NONE */
static void
print_tcp_flag_names (GString *out,
                      guint8   flags)
{
  static const struct { const char *name; guint8 bit; } names[] = {
    { "FIN", NFL_TCP_FIN }, { "SYN", NFL_TCP_SYN }, { "RST", NFL_TCP_RST },
    { "PSH", NFL_TCP_PSH }, { "ACK", NFL_TCP_ACK }, { "URG", NFL_TCP_URG },
  };
  gboolean any = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (flags & names[i].bit)
      {
        g_string_append_printf (out, "%s%s", any ? "," : "", names[i].name);
        any = TRUE;
      }
  if (!any)
    g_string_append (out, "NONE");
}

static void
append_addr (GString *out,
             guint32  addr)
{
  char buf[16];

  nfl_ipv4_format (addr, buf);
  g_string_append (out, buf);
}

/* multiport's proto_to_name(): the protocols with their own ports */
static guint8
multiport_service_proto (guint8 proto)
{
  switch (proto)
    {
    case 6: case 17: case 33: case 132: case 136:
      return proto;
    default:
      return 0;
    }
}

typedef struct {
  GString        *out;
  const NflMatch *m;
  gboolean        numeric;
} CtList;

static void
ct_list_clause_cb (const NflRuleClause *clause,
                   gpointer             user_data)
{
  CtList *list = user_data;
  const char *arg = clause->n_args > 0 ? clause->args[0] : NULL;
  char buf[64];

  if (clause->extension == NULL || strcmp (clause->option, "-m") == 0)
    return;
  for (guint i = 0; i < 4 && !list->numeric; i++)
    if (strcmp (clause->option, nfl_ct_tuple_option (i, FALSE)) == 0)
      arg = _nfl_ct_addr_format (list->m->ct.addr[i], list->m->ct.mask[i], FALSE, buf);
  g_string_append_printf (list->out, "%s %s", clause->negate ? " !" : "", clause->option + 2);
  if (arg != NULL)
    g_string_append_printf (list->out, " %s", arg);
}

static void
print_match (GString        *out,
             const NflRule  *rule,
             const NflMatch *m,
             gboolean        numeric)
{
  switch (m->kind)
    {
    case NFL_MATCH_TCP:
    case NFL_MATCH_UDP:
      {
        guint8 proto = m->kind == NFL_MATCH_TCP ? 6 : 17;

        g_string_append (out, m->kind == NFL_MATCH_TCP ? " tcp" : " udp");
        print_ports (out, "spt", m->l4.has_sport, &m->l4.sport, m->l4.sport_invert, proto, numeric);
        print_ports (out, "dpt", m->l4.has_dport, &m->l4.dport, m->l4.dport_invert, proto, numeric);
        if (m->l4.has_flags && (m->l4.flags_mask != 0 || m->l4.flags_invert))
          {
            g_string_append_printf (out, " flags:%s", m->l4.flags_invert ? "!" : "");
            if (numeric)
              g_string_append_printf (out, "0x%02X/0x%02X", m->l4.flags_mask, m->l4.flags_cmp);
            else
              {
                print_tcp_flag_names (out, m->l4.flags_mask);
                g_string_append_c (out, '/');
                print_tcp_flag_names (out, m->l4.flags_cmp);
              }
          }
      }
      break;

    case NFL_MATCH_ICMP:
      {
        /* print_icmptype(), "icmp" and "type" without a blank as it has */
        guint8 type = m->icmp.any ? 0xff : m->icmp.type;
        guint8 lo = m->icmp.any ? 0 : m->icmp.code_lo;
        guint8 hi = m->icmp.any ? 0xff : m->icmp.code_hi;
        const char *name = numeric ? NULL : _nfl_icmp_list_name (type, lo, hi);

        g_string_append (out, " icmp");
        if (name != NULL)
          {
            g_string_append_printf (out, " %s%s", m->icmp.invert ? "!" : "", name);
            break;
          }
        if (m->icmp.invert)
          g_string_append (out, " !");
        g_string_append_printf (out, "type %u", type);
        if (lo == hi)
          g_string_append_printf (out, " code %u", lo);
        else if (lo != 0 || hi != 0xff)
          g_string_append_printf (out, " codes %u-%u", lo, hi);
      }
      break;

    case NFL_MATCH_MULTIPORT:
      g_string_append (out, " multiport ");
      g_string_append (out, m->multiport.which == NFL_MULTIPORT_SOURCE ? "sports " :
                            m->multiport.which == NFL_MULTIPORT_DESTINATION ? "dports " : "ports ");
      if (m->multiport.invert)
        g_string_append (out, " !");
      for (guint i = 0; i < m->multiport.n_ports; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          guint8 proto = multiport_service_proto (rule->proto);

          print_port (out, m->multiport.ports[i].lo, proto, numeric);
          if (m->multiport.ports[i].hi != m->multiport.ports[i].lo)
            {
              g_string_append_c (out, ':');
              print_port (out, m->multiport.ports[i].hi, proto, numeric);
            }
        }
      break;

    case NFL_MATCH_CONNTRACK:
      {
        /* conntrack_dump () prints what the saved words say, without
         * the dashes, and the addresses by name unless -n */
        NflRule alone = { .n_matches = 1, .matches = (NflMatch *) m };
        CtList list = { out, m, numeric };

        nfl_rule_foreach_clause (&alone, ct_list_clause_cb, &list);
      }
      break;

    case NFL_MATCH_STATE:
      g_string_append (out, m->state.invert ? " ! state " : " state ");
      nfl_ct_states_append (m->state.states, out);
      break;

    case NFL_MATCH_MARK:
      g_string_append (out, " mark match");
      if (m->mark.invert)
        g_string_append (out, " !");
      g_string_append_printf (out, " 0x%x", m->mark.value);
      if (m->mark.mask != 0xffffffffu)
        g_string_append_printf (out, "/0x%x", m->mark.mask);
      break;

    case NFL_MATCH_PKTTYPE:
      /* pkttype_print () */
      g_string_append_printf (out, " PKTTYPE %s= ", m->pkttype.invert ? "!" : "");
      if (_nfl_pkttype_name (m->pkttype.type) != NULL)
        g_string_append (out, _nfl_pkttype_name (m->pkttype.type));
      else
        g_string_append_printf (out, "%d", m->pkttype.type);
      break;

    case NFL_MATCH_OWNER:
      /* owner_mt_print (): socket, UID, GID, a single id by its name
       * unless -n */
      {
        const struct { guint8 bit; const char *label; guint32 lo, hi; } items[] = {
          { NFL_OWNER_SOCKET, "owner socket exists", 0, 0 },
          { NFL_OWNER_UID, "owner UID match", m->owner.uid_min, m->owner.uid_max },
          { NFL_OWNER_GID, "owner GID match", m->owner.gid_min, m->owner.gid_max },
        };

        for (guint i = 0; i < G_N_ELEMENTS (items); i++)
          {
            const char *name = NULL;

            if (!(m->owner.match & items[i].bit))
              continue;
            g_string_append_printf (out, "%s %s", (m->owner.invert & items[i].bit) ? " !" : "", items[i].label);
            if (items[i].bit == NFL_OWNER_SOCKET)
              continue;
            if (items[i].lo != items[i].hi)
              g_string_append_printf (out, " %u-%u", items[i].lo, items[i].hi);
            else if (!numeric && items[i].bit == NFL_OWNER_UID)
              {
                const struct passwd *pwd = getpwuid (items[i].lo);
                name = pwd != NULL ? pwd->pw_name : NULL;
              }
            else if (!numeric)
              {
                const struct group *grp = getgrgid (items[i].lo);
                name = grp != NULL ? grp->gr_name : NULL;
              }
            if (name != NULL)
              g_string_append_printf (out, " %s", name);
            else if (items[i].lo == items[i].hi)
              g_string_append_printf (out, " %u", items[i].lo);
            if (items[i].bit == NFL_OWNER_GID && (m->owner.match & NFL_OWNER_SUPPL_GROUPS))
              g_string_append (out, " incl. suppl. groups");
          }
      }
      break;

    case NFL_MATCH_RECENT:
      {
        char mask[16];

        /* recent_print () */
        if (m->recent.invert)
          g_string_append (out, " !");
        g_string_append (out, " recent:");
        if (m->recent.check_set & NFL_RECENT_SET)
          g_string_append (out, " SET");
        if (m->recent.check_set & NFL_RECENT_CHECK)
          g_string_append (out, " CHECK");
        if (m->recent.check_set & NFL_RECENT_UPDATE)
          g_string_append (out, " UPDATE");
        if (m->recent.check_set & NFL_RECENT_REMOVE)
          g_string_append (out, " REMOVE");
        if (m->recent.seconds != 0)
          g_string_append_printf (out, " seconds: %d", (int) m->recent.seconds);
        if (m->recent.check_set & NFL_RECENT_REAP)
          g_string_append (out, " reap");
        if (m->recent.hit_count != 0)
          g_string_append_printf (out, " hit_count: %d", (int) m->recent.hit_count);
        if (m->recent.check_set & NFL_RECENT_TTL)
          g_string_append (out, " TTL-Match");
        nfl_ipv4_format (m->recent.mask, mask);
        g_string_append_printf (out, " name: %s side: %s mask: %s", m->recent.name,
                                m->recent.side == NFL_RECENT_DEST ? "dest" : "source", mask);
      }
      break;

    case NFL_MATCH_CONNMARK:
      /* connmark_mt_print (): a blank before the value even without "!" */
      g_string_append_printf (out, " connmark match %s 0x%x", m->mark.invert ? "!" : "", m->mark.value);
      if (m->mark.mask != 0xffffffffu)
        g_string_append_printf (out, "/0x%x", m->mark.mask);
      break;

    case NFL_MATCH_COMMENT:
      g_string_append_printf (out, " /* %s */", m->comment.text);
      break;

    case NFL_MATCH_IPRANGE:
      if (m->iprange.has_src)
        {
          g_string_append (out, " source IP range");
          if (m->iprange.src_invert)
            g_string_append (out, " !");
          g_string_append_c (out, ' ');
          append_addr (out, m->iprange.src_lo);
          g_string_append_c (out, '-');
          append_addr (out, m->iprange.src_hi);
        }
      if (m->iprange.has_dst)
        {
          g_string_append (out, " destination IP range");
          if (m->iprange.dst_invert)
            g_string_append (out, " !");
          g_string_append_c (out, ' ');
          append_addr (out, m->iprange.dst_lo);
          g_string_append_c (out, '-');
          append_addr (out, m->iprange.dst_hi);
        }
      break;

    case NFL_MATCH_LENGTH:
      g_string_append_printf (out, " length %s%u", m->length.invert ? "!" : "", m->length.min);
      if (m->length.min != m->length.max)
        g_string_append_printf (out, ":%u", m->length.max);
      break;

    case NFL_MATCH_PHYSDEV:
      g_string_append (out, " PHYSDEV match");
      for (guint i = 0; i < G_N_ELEMENTS (_nfl_physdev_options); i++)
        {
          guint8 bit = _nfl_physdev_options[i].bit;
          const char *port = _nfl_physdev_port (m, bit);

          if (m->physdev.given & bit)
            g_string_append_printf (out, "%s %s%s%s", (m->physdev.invert & bit) ? " !" : "",
                                    _nfl_physdev_options[i].option, port ? " " : "", port ? port : "");
        }
      break;

    case NFL_MATCH_TTL:
      {
        static const char *const ops[] = { "==", "!=", "<", ">" };

        g_string_append_printf (out, " TTL match TTL %s %u", ops[m->ttl.op], m->ttl.value);
      }
      break;

    case NFL_MATCH_STATISTIC:
      if (m->statistic.random)
        {
          g_string_append_printf (out, " statistic mode random %sprobability %.11f", m->statistic.invert ? "! " : "",
                                  m->statistic.probability / 2147483648.0);
          break;
        }
      g_string_append_printf (out, " statistic mode nth %severy %u", m->statistic.invert ? "! " : "",
                              m->statistic.every);
      if (m->statistic.packet != 0)
        g_string_append_printf (out, " packet %u", m->statistic.packet);
      break;

    case NFL_MATCH_LIMIT:
      {
        char rate[32];

        g_string_append_printf (out, " limit: avg %s burst %u", _nfl_limit_rate_format (m->limit.avg, rate),
                                m->limit.burst);
      }
      break;

    case NFL_MATCH_ADDRTYPE:
      {
        char buf[128];

        /* addrtype_print_v1 (): "ADDRTYPE match src-type !LOCAL dst-type LOCAL limit-in" */
        g_string_append (out, " ADDRTYPE match");
        if (m->addrtype.src_types != 0)
          g_string_append_printf (out, " src-type %s%s", m->addrtype.src_invert ? "!" : "",
                                  _nfl_addrtypes_format (m->addrtype.src_types, buf));
        if (m->addrtype.dst_types != 0)
          g_string_append_printf (out, " dst-type %s%s", m->addrtype.dst_invert ? "!" : "",
                                  _nfl_addrtypes_format (m->addrtype.dst_types, buf));
        if (m->addrtype.limit_in)
          g_string_append (out, " limit-in");
        if (m->addrtype.limit_out)
          g_string_append (out, " limit-out");
      }
      break;

    default:
      break;
    }
}

/* sprint_range ()'s ports: PORT, PORT-PORT, and /BASE with a shift */
static void
print_nat_ports (GString         *out,
                 const NflTarget *t)
{
  g_string_append_printf (out, "%u", t->nat_port_lo);
  if (t->nat_port_hi != t->nat_port_lo)
    g_string_append_printf (out, "-%u", t->nat_port_hi);
  if (t->nat_flags & NFL_NAT_PORT_SHIFT)
    g_string_append_printf (out, "/%u", t->nat_port_base);
}

static void
print_nat_range (GString         *out,
                 const NflTarget *t)
{
  if (t->nat_has_addr)
    {
      append_addr (out, t->nat_addr_lo);
      if (t->nat_addr_hi != t->nat_addr_lo)
        {
          g_string_append_c (out, '-');
          append_addr (out, t->nat_addr_hi);
        }
    }
  if (t->nat_has_ports)
    {
      g_string_append_c (out, ':');
      print_nat_ports (out, t);
    }
}

static void
print_target (GString         *out,
              const NflTarget *t,
              gboolean         numeric)
{
  static const char *level_names[] = { "emerg", "alert", "crit", "err", "warn", "notice", "info", "debug" };

  switch (t->kind)
    {
    case NFL_TARGET_REJECT:
      g_string_append_printf (out, " reject-with %s", nfl_reject_with_name (t->reject_with));
      break;
    case NFL_TARGET_TCPMSS:
      if (t->tcpmss == NFL_TCPMSS_CLAMP)
        g_string_append (out, " TCPMSS clamp to PMTU");
      else
        g_string_append_printf (out, " TCPMSS set %u", t->tcpmss);
      break;
    case NFL_TARGET_CHECKSUM:
      g_string_append (out, " CHECKSUM fill");
      break;
    case NFL_TARGET_NFQUEUE:
      /* NFQUEUE_print_v3 () */
      if (t->queue_total > 1)
        g_string_append_printf (out, " NFQUEUE balance %u:%u", t->queue_num, t->queue_num + t->queue_total - 1);
      else
        g_string_append_printf (out, " NFQUEUE num %u", t->queue_num);
      if (t->queue_flags & NFL_NFQUEUE_BYPASS)
        g_string_append (out, " bypass");
      if (t->queue_flags & NFL_NFQUEUE_CPU_FANOUT)
        g_string_append (out, " cpu-fanout");
      break;
    case NFL_TARGET_NFLOG:
      /* NFLOG_print (): the options without their dashes */
      if (t->nflog_prefix[0] != '\0')
        {
          g_string_append (out, " nflog-prefix ");
          nfl_append_quoted_word (out, t->nflog_prefix);
        }
      if (t->nflog_group != 0)
        g_string_append_printf (out, " nflog-group %u", t->nflog_group);
      if (t->nflog_size_given)
        g_string_append_printf (out, " nflog-size %u", t->nflog_size);
      if (t->nflog_threshold != 0)
        g_string_append_printf (out, " nflog-threshold %u", t->nflog_threshold);
      break;
    case NFL_TARGET_LOG:
      g_string_append (out, " LOG");
      if (numeric)
        g_string_append_printf (out, " flags %u level %u", t->log_flags, t->log_level);
      else
        {
          g_string_append_printf (out, " level %s", level_names[t->log_level & 7]);
          if (t->log_flags & NFL_LOG_TCP_SEQUENCE)
            g_string_append (out, " tcp-sequence");
          if (t->log_flags & NFL_LOG_TCP_OPTIONS)
            g_string_append (out, " tcp-options");
          if (t->log_flags & NFL_LOG_IP_OPTIONS)
            g_string_append (out, " ip-options");
          if (t->log_flags & NFL_LOG_UID)
            g_string_append (out, " uid");
        }
      if (t->log_prefix[0] != '\0')
        g_string_append_printf (out, " prefix \"%s\"", t->log_prefix);
      break;
    case NFL_TARGET_DNAT:
    case NFL_TARGET_SNAT:
      g_string_append (out, " to:");
      print_nat_range (out, t);
      if (t->nat_flags & NFL_NAT_RANDOM)
        g_string_append (out, " random");
      if (t->nat_flags & NFL_NAT_RANDOM_FULLY)
        g_string_append (out, " random-fully");
      if (t->nat_flags & NFL_NAT_PERSISTENT)
        g_string_append (out, " persistent");
      break;
    case NFL_TARGET_MASQUERADE:
    case NFL_TARGET_REDIRECT:
      if (t->nat_has_ports)
        {
          g_string_append (out, t->kind == NFL_TARGET_MASQUERADE ? " masq ports: " : " redir ports ");
          print_nat_ports (out, t);
        }
      if (t->nat_flags & NFL_NAT_RANDOM)
        g_string_append (out, " random");
      if (t->nat_flags & NFL_NAT_RANDOM_FULLY)
        g_string_append (out, " random-fully");
      break;
    case NFL_TARGET_MARK:
    case NFL_TARGET_CONNMARK:
      {
        /* mark_tg_print (), connmark_tg_print_v2 () */
        const char *name = nfl_target_kind_name (t->kind);
        guint32 nf = t->connmark_nfmask, ct = t->mark_mask;

        if (t->kind == NFL_TARGET_CONNMARK && t->connmark_mode == NFL_CONNMARK_SAVE)
          {
            if (nf == 0xffffffffu && ct == 0xffffffffu)
              g_string_append (out, " CONNMARK save");
            else if (nf == ct)
              g_string_append_printf (out, " CONNMARK save mask 0x%x", nf);
            else
              g_string_append_printf (out, " CONNMARK save nfmask 0x%x ctmask ~0x%x", nf, ct);
          }
        else if (t->kind == NFL_TARGET_CONNMARK && t->connmark_mode == NFL_CONNMARK_RESTORE)
          {
            if (nf == 0xffffffffu && ct == 0xffffffffu)
              g_string_append (out, " CONNMARK restore");
            else if (nf == ct)
              g_string_append_printf (out, " CONNMARK restore mask 0x%x", ct);
            else
              g_string_append_printf (out, " CONNMARK restore ctmask 0x%x nfmask ~0x%x", ct, nf);
          }
        else if (t->mark_value == 0)
          g_string_append_printf (out, " %s and 0x%x", name, ~t->mark_mask);
        else if (t->mark_value == t->mark_mask)
          g_string_append_printf (out, " %s or 0x%x", name, t->mark_value);
        else if (t->mark_mask == 0)
          g_string_append_printf (out, " %s xor 0x%x", name, t->mark_value);
        else if (t->mark_mask == 0xffffffffu)
          g_string_append_printf (out, " %s set 0x%x", name, t->mark_value);
        else
          g_string_append_printf (out, " %s xset 0x%x/0x%x", name, t->mark_value, t->mark_mask);
      }
      break;
    case NFL_TARGET_TOS:
      {
        /* tos_tg_print(), with tos_try_print_symbolic()'s stray blank */
        static const struct { guint8 value; const char *name; } symbols[] = {
          { 0x10, "Minimize-Delay" }, { 0x08, "Maximize-Throughput" },
          { 0x04, "Maximize-Reliability" }, { 0x02, "Minimize-Cost" }, { 0x00, "Normal-Service" },
        };
        const char *symbol = NULL;

        if (!numeric && t->tos_mask == 0x3f)
          for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
            if (symbols[i].value == t->tos_value)
              symbol = symbols[i].name;
        if (numeric)
          g_string_append_printf (out, " TOS set 0x%02x/0x%02x", t->tos_value, t->tos_mask);
        else if (symbol != NULL)
          g_string_append_printf (out, "  TOS set%s", symbol);
        else if (t->tos_value == 0)
          g_string_append_printf (out, " TOS and 0x%02x", (guint8) ~t->tos_mask);
        else if (t->tos_value == t->tos_mask)
          g_string_append_printf (out, " TOS or 0x%02x", t->tos_value);
        else if (t->tos_mask == 0)
          g_string_append_printf (out, " TOS xor 0x%02x", t->tos_value);
        else
          g_string_append_printf (out, " TOS set 0x%02x/0x%02x", t->tos_value, t->tos_mask);
      }
      break;
    case NFL_TARGET_TTL:
      g_string_append_printf (out, " TTL %s %u",
                              t->ttl_mode == NFL_TTL_SET ? "set to" :
                              t->ttl_mode == NFL_TTL_DEC ? "decrement by" : "increment by",
                              t->ttl_value);
      break;
    case NFL_TARGET_NOTRACK:
      g_string_append (out, " NOTRACK");
      break;
    case NFL_TARGET_CT:
      g_string_append (out, " CT notrack");
      break;
    default:
      break;
    }
}

void
nfl_rule_append_list_extra (const NflRule *rule,
                            gboolean       numeric,
                            GString       *out)
{
  if (rule->target.kind == NFL_TARGET_GOTO)
    g_string_append (out, "[goto] ");
  for (guint i = 0; i < rule->n_matches; i++)
    print_match (out, rule, &rule->matches[i], numeric);
  print_target (out, &rule->target, numeric);
}

static const char *
list_target_name (const NflRule *rule)
{
  switch (rule->target.kind)
    {
    case NFL_TARGET_NONE:
      return "";
    case NFL_TARGET_JUMP:
    case NFL_TARGET_GOTO:
      return rule->target.chain;
    case NFL_TARGET_NOTRACK:
      /* iptables-nft turns NOTRACK into the CT target */
      return "CT";
    default:
      return nfl_target_kind_name (rule->target.kind);
    }
}

/* ipv4_addr_to_string(): without -n a host or network name when
 * there is one, "anywhere" for /0 */
static void
append_address_text (GString  *text,
                     gboolean  has,
                     guint32   addr,
                     guint32   mask,
                     gboolean  numeric)
{
  if (!has)
    addr = mask = 0;
  if (mask == 0 && !numeric)
    g_string_append (text, "anywhere");
  else
    {
      const char *name = numeric ? NULL : _nfl_host_name (addr);

      if (name != NULL)
        g_string_append (text, name);
      else
        append_addr (text, addr);
      _nfl_append_list_mask (text, mask);
    }
}

static void
print_address (GString *out,
               gboolean has,
               gboolean invert,
               guint32  addr,
               guint32  mask,
               guint    format,
               gboolean destination)
{
  GString *text = g_string_new (NULL);

  append_address_text (text, has, addr, mask, (format & FMT_NUMERIC) != 0);
  g_string_append_c (out, invert ? '!' : ' ');
  if (!(format & FMT_NOTABLE))
    g_string_append_printf (out, "%-19s ", text->str);
  else
    g_string_append_printf (out, destination ? "-> %s" : "%s ", text->str);
  g_string_free (text, TRUE);
}

static void
print_header (GString        *out,
              const NflChain *chain,
              guint           references,
              guint           format)
{
  g_string_append_printf (out, "Chain %s", chain->name);
  if (chain->builtin)
    {
      g_string_append_printf (out, " (policy %s", nfl_policy_name (chain->policy));
      if (!(format & FMT_NOCOUNTS))
        {
          g_string_append_c (out, ' ');
          print_num (out, chain->packets, format | FMT_NOTABLE);
          g_string_append (out, "packets, ");
          print_num (out, chain->bytes, format | FMT_NOTABLE);
          g_string_append (out, "bytes");
        }
      g_string_append (out, ")\n");
    }
  else
    g_string_append_printf (out, " (%u references)\n", references);

  if (format & FMT_LINENUMBERS)
    g_string_append_printf (out, "%-4s ", "num");
  if (!(format & FMT_NOCOUNTS))
    {
      if (format & FMT_KILOMEGAGIGA)
        g_string_append_printf (out, "%5s %5s ", "pkts", "bytes");
      else
        g_string_append_printf (out, "%8s %10s ", "pkts", "bytes");
    }
  g_string_append_printf (out, "%-9s ", "target");
  g_string_append (out, " prot opt");
  if (format & FMT_VIA)
    g_string_append_printf (out, " %-6s %-6s ", "in", "out");
  g_string_append_printf (out, " %-19s ", "source");
  g_string_append_printf (out, " %-19s ", "destination");
  g_string_append_c (out, '\n');
}

#define FMT(tab, notab) ((format & FMT_NOTABLE) ? (notab) : (tab))

/* print_rule_details(), print_fragment(), print_ifaces(),
 * print_ipv4_addresses() and the extensions' print functions */
static void
print_rule (GString       *out,
            const NflRule *rule,
            guint          number,
            guint          format)
{
  guint8 proto = rule->has_proto ? rule->proto : 0;
  const char *pname = (format & FMT_NOTABLE) ? _nfl_protocol_chain_name (proto)
                                             : nfl_protocol_name (proto);
  gboolean numeric = (format & FMT_NUMERIC) != 0;

  if (format & FMT_LINENUMBERS)
    g_string_append_printf (out, FMT ("%-4u ", "%u "), number);
  if (!(format & FMT_NOCOUNTS))
    {
      print_num (out, rule->packets, format);
      print_num (out, rule->bytes, format);
    }
  g_string_append_printf (out, FMT ("%-9s ", "%s "), list_target_name (rule));
  g_string_append_c (out, rule->proto_invert ? '!' : ' ');
  if ((format & (FMT_NUMERIC | FMT_NOTABLE)) == FMT_NUMERIC || pname == NULL)
    g_string_append_printf (out, FMT ("%-4u ", "%u "), proto);
  else
    g_string_append_printf (out, FMT ("%-4s ", "%s "), pname);
  if (format & FMT_NOTABLE)
    g_string_append (out, "opt ");
  g_string_append_c (out, rule->frag_invert ? '!' : '-');
  g_string_append_c (out, rule->frag ? 'f' : '-');
  g_string_append_c (out, ' ');
  if (format & FMT_VIA)
    {
      const char *any = numeric ? "*" : "any";
      g_autofree char *in = g_strdup_printf ("%s%s", rule->in_invert ? "!" : "",
                                             rule->has_in ? rule->in : any);
      g_autofree char *o = g_strdup_printf ("%s%s", rule->out_invert ? "!" : "",
                                            rule->has_out ? rule->out : any);
      g_string_append_printf (out, FMT (" %-6s ", "in %s "), in);
      g_string_append_printf (out, FMT ("%-6s ", "out %s "), o);
    }
  print_address (out, rule->has_src, rule->src_invert, rule->src, rule->src_mask, format, FALSE);
  print_address (out, rule->has_dst, rule->dst_invert, rule->dst, rule->dst_mask, format, TRUE);
  if (format & FMT_NOTABLE)
    g_string_append (out, "  ");
  nfl_rule_append_list_extra (rule, numeric, out);
  g_string_append_c (out, '\n');
}

static guint
list_format (gboolean numeric,
             gboolean verbose,
             gboolean exact,
             gboolean line_numbers)
{
  guint format = FMT_OPTIONS;

  if (numeric)
    format |= FMT_NUMERIC;
  if (!verbose)
    format |= FMT_NOCOUNTS;
  else
    format |= FMT_VIA;
  if (!exact)
    format |= FMT_KILOMEGAGIGA;
  if (line_numbers)
    format |= FMT_LINENUMBERS;
  return format;
}

/* -L CHAIN N prints only rule N, without the header (nothing when there
 * is no rule N) */
void
_nfl_iptables_list_rule (NflRuleset *ruleset,
                         NflTableId  table_id,
                         const char *chain_name,
                         int         rule_number,
                         gboolean    numeric,
                         gboolean    verbose,
                         gboolean    exact,
                         gboolean    line_numbers,
                         GString    *output)
{
  NflChain *chain = nfl_ruleset_find_chain (ruleset, table_id, chain_name);

  if (chain != NULL && rule_number >= 1 && (guint) rule_number <= chain->rules->len)
    print_rule (output, g_ptr_array_index (chain->rules, rule_number - 1), rule_number,
                list_format (numeric, verbose, exact, line_numbers));
}

/* what -A/-I/-R/-D/-C with -v print: the rule in FMT_PRINT_RULE form */
void
_nfl_rule_print_verbose (const NflRule *rule,
                         GString       *output)
{
  print_rule (output, rule, 0, FMT_NOCOUNTS | FMT_OPTIONS | FMT_VIA | FMT_NUMERIC | FMT_NOTABLE);
}

void
nfl_iptables_list (NflRuleset *ruleset,
                   NflTableId  table_id,
                   const char *chain_name,
                   gboolean    numeric,
                   gboolean    verbose,
                   gboolean    exact,
                   gboolean    line_numbers,
                   GString    *output)
{
  NflTable *table = nfl_ruleset_get_table (ruleset, table_id);
  guint format = list_format (numeric, verbose, exact, line_numbers);
  gboolean first = TRUE;

  for (guint c = 0; c < table->chains->len; c++)
    {
      NflChain *chain = g_ptr_array_index (table->chains, c);

      if (chain_name != NULL && strcmp (chain->name, chain_name) != 0)
        continue;
      if (!first)
        g_string_append_c (output, '\n');
      first = FALSE;
      print_header (output, chain, nfl_ruleset_count_references (ruleset, table_id, chain->name), format);
      for (guint r = 0; r < chain->rules->len; r++)
        print_rule (output, g_ptr_array_index (chain->rules, r), r + 1, format);
    }
}

GStrv
nfl_rule_list_columns (const NflRule *rule,
                       gboolean       numeric)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  guint8 proto = rule->has_proto ? rule->proto : 0;
  const char *pname = nfl_protocol_name (proto);
  const char *any = numeric ? "*" : "any";
  char opt[3] = { rule->frag_invert ? '!' : '-', rule->frag ? 'f' : '-', '\0' };

  g_return_val_if_fail (rule != NULL, NULL);

  /* the same pieces print_rule () pads into columns */
  print_num (text, rule->packets, FMT_KILOMEGAGIGA | FMT_NOTABLE);
  g_strv_builder_add (builder, g_strchomp (text->str));
  g_string_truncate (text, 0);
  print_num (text, rule->bytes, FMT_KILOMEGAGIGA | FMT_NOTABLE);
  g_strv_builder_add (builder, g_strchomp (text->str));
  g_strv_builder_add (builder, list_target_name (rule));
  g_string_truncate (text, 0);
  g_string_append (text, rule->proto_invert ? "!" : "");
  if (numeric || pname == NULL)
    g_string_append_printf (text, "%u", proto);
  else
    g_string_append (text, pname);
  g_strv_builder_add (builder, text->str);
  g_strv_builder_add (builder, opt);
  g_string_printf (text, "%s%s", rule->in_invert ? "!" : "", rule->has_in ? rule->in : any);
  g_strv_builder_add (builder, text->str);
  g_string_printf (text, "%s%s", rule->out_invert ? "!" : "", rule->has_out ? rule->out : any);
  g_strv_builder_add (builder, text->str);
  g_string_assign (text, rule->src_invert ? "!" : "");
  append_address_text (text, rule->has_src, rule->src, rule->src_mask, numeric);
  g_strv_builder_add (builder, text->str);
  g_string_assign (text, rule->dst_invert ? "!" : "");
  append_address_text (text, rule->has_dst, rule->dst, rule->dst_mask, numeric);
  g_strv_builder_add (builder, text->str);
  g_string_truncate (text, 0);
  nfl_rule_append_list_extra (rule, numeric, text);
  g_strv_builder_add (builder, g_strstrip (text->str));
  return g_strv_builder_end (builder);
}

static void
list_rule_line (GString        *output,
                const NflChain *chain,
                const NflRule  *rule,
                gboolean        counters)
{
  g_autofree char *spec = nfl_rule_to_save_spec (rule);

  g_string_append_printf (output, "-A %s", chain->name);
  if (counters)
    {
      /* -S -v puts the counters before the target */
      const char *target = NULL;
      if (rule->target.kind != NFL_TARGET_NONE)
        {
          target = strstr (spec, rule->target.kind == NFL_TARGET_GOTO ? " -g " : " -j ");
          if (target == NULL && (g_str_has_prefix (spec, "-j ") || g_str_has_prefix (spec, "-g ")))
            target = spec;
        }
      if (target == spec)
        g_string_append_printf (output, " -c %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT " %s\n",
                                rule->packets, rule->bytes, spec);
      else if (target != NULL)
        g_string_append_printf (output, " %.*s -c %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT "%s\n",
                                (int) (target - spec), spec, rule->packets, rule->bytes, target);
      else
        g_string_append_printf (output, "%s%s -c %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT "\n",
                                *spec ? " " : "", spec, rule->packets, rule->bytes);
      return;
    }
  g_string_append_printf (output, "%s%s\n", *spec ? " " : "", spec);
}

void
nfl_iptables_list_rules (NflRuleset *ruleset,
                         NflTableId  table_id,
                         const char *chain_name,
                         int         rule_number,
                         gboolean    counters,
                         GString    *output)
{
  NflTable *table = nfl_ruleset_get_table (ruleset, table_id);

  if (rule_number > 0 && chain_name != NULL)
    {
      NflChain *chain = nfl_ruleset_find_chain (ruleset, table_id, chain_name);
      if (chain != NULL && (guint) rule_number <= chain->rules->len)
        list_rule_line (output, chain, g_ptr_array_index (chain->rules, rule_number - 1), counters);
      return;
    }
  for (guint c = 0; c < table->chains->len; c++)
    {
      NflChain *chain = g_ptr_array_index (table->chains, c);

      if (chain_name != NULL && strcmp (chain->name, chain_name) != 0)
        continue;
      if (chain->builtin)
        {
          g_string_append_printf (output, "-P %s %s", chain->name, nfl_policy_name (chain->policy));
          if (counters)
            g_string_append_printf (output, " -c %" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT,
                                    chain->packets, chain->bytes);
          g_string_append_c (output, '\n');
        }
      else
        g_string_append_printf (output, "-N %s\n", chain->name);
    }
  for (guint c = 0; c < table->chains->len; c++)
    {
      NflChain *chain = g_ptr_array_index (table->chains, c);

      if (chain_name != NULL && strcmp (chain->name, chain_name) != 0)
        continue;
      for (guint r = 0; r < chain->rules->len; r++)
        list_rule_line (output, chain, g_ptr_array_index (chain->rules, r), counters);
    }
}
