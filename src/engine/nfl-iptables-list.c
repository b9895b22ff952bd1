/* nfl-iptables-list.c: what iptables -L and -S print
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The column layout and the per-match texts follow iptables 1.8.9
 * (print_header(), print_rule_details() and the extensions' print
 * functions); tests/data/iptables holds the real program's output.
 */
#include "config.h"

#include <string.h>

#include "nfl-iptables.h"
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

static const struct { const char *name; guint16 port; } service_names[] = {
  { "ftp-data", 20 }, { "ftp", 21 }, { "ssh", 22 }, { "telnet", 23 }, { "smtp", 25 },
  { "domain", 53 }, { "bootps", 67 }, { "bootpc", 68 }, { "tftp", 69 }, { "http", 80 },
  { "pop3", 110 }, { "ntp", 123 }, { "imap2", 143 }, { "snmp", 161 }, { "ldap", 389 },
  { "https", 443 }, { "submission", 587 }, { "imaps", 993 }, { "pop3s", 995 },
  { "mysql", 3306 }, { "postgresql", 5432 },
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

static void
print_port (GString *out,
            guint16  port,
            gboolean numeric)
{
  if (!numeric)
    for (guint i = 0; i < G_N_ELEMENTS (service_names); i++)
      if (service_names[i].port == port)
        {
          g_string_append (out, service_names[i].name);
          return;
        }
  g_string_append_printf (out, "%u", port);
}

static void
print_ports (GString            *out,
             const char         *name,
             gboolean            has,
             const NflPortRange *range,
             gboolean            invert,
             gboolean            numeric)
{
  if (!has)
    return;
  g_string_append_printf (out, " %s", name);
  if (range->lo == range->hi)
    {
      g_string_append_printf (out, ":%s", invert ? "!" : "");
      print_port (out, range->lo, numeric);
    }
  else
    {
      g_string_append_printf (out, "s:%s", invert ? "!" : "");
      print_port (out, range->lo, numeric);
      g_string_append_c (out, ':');
      print_port (out, range->hi, numeric);
    }
}

static void
print_tcp_flag_names (GString *out,
                      guint8   flags)
{
  static const struct { const char *name; guint8 bit; } names[] = {
    { "FIN", NFL_TCP_FIN }, { "SYN", NFL_TCP_SYN }, { "RST", NFL_TCP_RST },
    { "PSH", NFL_TCP_PSH }, { "ACK", NFL_TCP_ACK }, { "URG", NFL_TCP_URG },
  };
  gboolean any = FALSE;

  if ((flags & 0x3f) == 0x3f)
    {
      g_string_append (out, "ALL");
      return;
    }
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

static void
print_match (GString        *out,
             const NflMatch *m,
             gboolean        numeric)
{
  switch (m->kind)
    {
    case NFL_MATCH_TCP:
    case NFL_MATCH_UDP:
      g_string_append (out, m->kind == NFL_MATCH_TCP ? " tcp" : " udp");
      print_ports (out, "spt", m->l4.has_sport, &m->l4.sport, m->l4.sport_invert, numeric);
      print_ports (out, "dpt", m->l4.has_dport, &m->l4.dport, m->l4.dport_invert, numeric);
      if (m->l4.has_flags)
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
      break;

    case NFL_MATCH_ICMP:
      g_string_append (out, " icmp");
      if (!numeric)
        {
          const char *name = m->icmp.any ? "any" : NULL;
          if (name == NULL && m->icmp.code_lo == 0 && m->icmp.code_hi == 0xff)
            name = nfl_icmp_type_name (m->icmp.type, 0xff) ? NULL : NULL;
          if (name == NULL)
            {
              guint8 t, lo, hi;
              const char *candidate = nfl_icmp_type_name (m->icmp.type,
                                                          m->icmp.code_lo == m->icmp.code_hi ? m->icmp.code_lo : 0);
              if (candidate != NULL && _nfl_icmp_type_from_name (candidate, &t, &lo, &hi) &&
                  lo == m->icmp.code_lo && hi == m->icmp.code_hi)
                name = candidate;
            }
          if (name != NULL)
            {
              g_string_append_printf (out, " %s%s", m->icmp.invert ? "!" : "", name);
              break;
            }
        }
      if (m->icmp.invert)
        g_string_append (out, " !");
      if (m->icmp.any)
        g_string_append (out, "any");
      else
        {
          g_string_append_printf (out, "type %u", m->icmp.type);
          if (m->icmp.code_lo == m->icmp.code_hi)
            g_string_append_printf (out, " code %u", m->icmp.code_lo);
          else if (m->icmp.code_lo != 0 || m->icmp.code_hi != 0xff)
            g_string_append_printf (out, " codes %u-%u", m->icmp.code_lo, m->icmp.code_hi);
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
          print_port (out, m->multiport.ports[i].lo, numeric);
          if (m->multiport.ports[i].hi != m->multiport.ports[i].lo)
            {
              g_string_append_c (out, ':');
              print_port (out, m->multiport.ports[i].hi, numeric);
            }
        }
      break;

    case NFL_MATCH_CONNTRACK:
      if (m->state.invert)
        g_string_append (out, " !");
      g_string_append (out, " ctstate ");
      nfl_ct_states_append (m->state.states, out);
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

    default:
      break;
    }
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
      g_string_append_printf (out, ":%u", t->nat_port_lo);
      if (t->nat_port_hi != t->nat_port_lo)
        g_string_append_printf (out, "-%u", t->nat_port_hi);
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
          g_string_append_printf (out, "%u", t->nat_port_lo);
          if (t->nat_port_hi != t->nat_port_lo)
            g_string_append_printf (out, "-%u", t->nat_port_hi);
        }
      if (t->nat_flags & NFL_NAT_RANDOM)
        g_string_append (out, " random");
      if (t->nat_flags & NFL_NAT_RANDOM_FULLY)
        g_string_append (out, " random-fully");
      break;
    case NFL_TARGET_MARK:
      if (t->mark_value == 0)
        g_string_append_printf (out, " MARK and 0x%x", ~t->mark_mask);
      else if (t->mark_value == t->mark_mask)
        g_string_append_printf (out, " MARK or 0x%x", t->mark_value);
      else if (t->mark_mask == 0)
        g_string_append_printf (out, " MARK xor 0x%x", t->mark_value);
      else if (t->mark_mask == 0xffffffffu)
        g_string_append_printf (out, " MARK set 0x%x", t->mark_value);
      else
        g_string_append_printf (out, " MARK xset 0x%x/0x%x", t->mark_value, t->mark_mask);
      break;
    case NFL_TARGET_TOS:
      if (numeric)
        g_string_append_printf (out, " TOS set 0x%02x/0x%02x", t->tos_value, t->tos_mask);
      else if (t->tos_value == 0 && t->tos_mask != 0x3f)
        g_string_append_printf (out, " TOS and 0x%02x", (guint8) ~t->tos_mask);
      else if (t->tos_value == t->tos_mask)
        g_string_append_printf (out, " TOS or 0x%02x", t->tos_value);
      else if (t->tos_mask == 0)
        g_string_append_printf (out, " TOS xor 0x%02x", t->tos_value);
      else
        g_string_append_printf (out, " TOS set 0x%02x/0x%02x", t->tos_value, t->tos_mask);
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
    print_match (out, &rule->matches[i], numeric);
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

static void
print_address (GString *out,
               gboolean has,
               gboolean invert,
               guint32  addr,
               guint32  mask,
               guint    format)
{
  GString *text = g_string_new (NULL);

  g_string_append_c (out, invert ? '!' : ' ');
  if (!has || (mask == 0 && !(format & FMT_NUMERIC)))
    g_string_append (text, (format & FMT_NUMERIC) ? "0.0.0.0/0" : "anywhere");
  else
    {
      append_addr (text, addr);
      if (mask != 0xffffffffu)
        g_string_append_printf (text, "/%d", nfl_mask_prefix_len (mask));
    }
  g_string_append_printf (out, "%-19s ", text->str);
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

static void
print_rule (GString       *out,
            const NflRule *rule,
            guint          number,
            guint          format)
{
  const char *pname = NULL;

  if (format & FMT_LINENUMBERS)
    g_string_append_printf (out, "%-4u ", number);
  if (!(format & FMT_NOCOUNTS))
    {
      print_num (out, rule->packets, format);
      print_num (out, rule->bytes, format);
    }
  g_string_append_printf (out, "%-9s ", list_target_name (rule));
  g_string_append_c (out, rule->proto_invert ? '!' : ' ');
  if (!(format & FMT_NUMERIC))
    pname = nfl_protocol_name (rule->has_proto ? rule->proto : 0);
  if (pname != NULL)
    g_string_append_printf (out, "%-4s ", pname);
  else
    g_string_append_printf (out, "%-4u ", rule->has_proto ? rule->proto : 0);
  g_string_append_c (out, rule->frag_invert ? '!' : '-');
  g_string_append_c (out, rule->frag ? 'f' : '-');
  g_string_append_c (out, ' ');
  if (format & FMT_VIA)
    {
      g_autofree char *in = g_strdup_printf ("%s%s", rule->in_invert ? "!" : "",
                                             rule->has_in ? rule->in : (format & FMT_NUMERIC) ? "*" : "any");
      g_autofree char *o = g_strdup_printf ("%s%s", rule->out_invert ? "!" : "",
                                            rule->has_out ? rule->out : (format & FMT_NUMERIC) ? "*" : "any");
      g_string_append_printf (out, " %-6s %-6s ", in, o);
    }
  print_address (out, rule->has_src, rule->src_invert, rule->src, rule->src_mask, format);
  print_address (out, rule->has_dst, rule->dst_invert, rule->dst, rule->dst_mask, format);
  nfl_rule_append_list_extra (rule, (format & FMT_NUMERIC) != 0, out);
  g_string_append_c (out, '\n');
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
  guint format = FMT_OPTIONS;
  gboolean first = TRUE;

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
