/* nfl-rule.c: rule storage and the canonical forms iptables prints
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "nfl-rule.h"

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

const char *
nfl_protocol_name (guint8 proto)
{
  switch (proto)
    {
    case 0: return "all";
    case 1: return "icmp";
    case 2: return "igmp";
    case 6: return "tcp";
    case 17: return "udp";
    case 47: return "gre";
    case 50: return "esp";
    case 51: return "ah";
    case 58: return "ipv6-icmp";
    case 132: return "sctp";
    case 136: return "udplite";
    default: return NULL;
    }
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
  { "router-advertisement", 9, 0, 0xff },
  { "router-solicitation", 10, 0, 0xff },
  { "time-exceeded", 11, 0, 0xff },
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
void
nfl_ct_states_append (guint    states,
                      GString *out)
{
  static const NflCtState order[] = {
    NFL_CT_INVALID, NFL_CT_NEW, NFL_CT_RELATED, NFL_CT_ESTABLISHED,
    NFL_CT_UNTRACKED, NFL_CT_SNAT, NFL_CT_DNAT,
  };
  gboolean first = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    if (states & order[i])
      {
        if (!first)
          g_string_append_c (out, ',');
        g_string_append (out, nfl_ct_state_name (order[i]));
        first = FALSE;
      }
}

/* ---------------------------------------------------------------------- */
/* storage                                                                 */
/* ---------------------------------------------------------------------- */

NflRule *
nfl_rule_new (void)
{
  NflRule *rule = g_new0 (NflRule, 1);

  rule->target.log_level = 4;
  rule->target.mark_mask = 0xffffffffu;
  return rule;
}

NflRule *
nfl_rule_copy (const NflRule *rule)
{
  NflRule *copy;

  g_return_val_if_fail (rule != NULL, NULL);

  copy = g_memdup2 (rule, sizeof *rule);
  copy->matches = g_memdup2 (rule->matches, sizeof (NflMatch) * rule->n_matches);
  return copy;
}

void
nfl_rule_free (NflRule *rule)
{
  if (rule == NULL)
    return;
  g_free (rule->matches);
  g_free (rule);
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
  else if (kind == NFL_MATCH_MARK)
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

gboolean
nfl_rule_needs_conntrack (const NflRule *rule)
{
  switch (rule->target.kind)
    {
    case NFL_TARGET_DNAT:
    case NFL_TARGET_SNAT:
    case NFL_TARGET_MASQUERADE:
    case NFL_TARGET_REDIRECT:
      return TRUE;
    default:
      break;
    }
  for (guint i = 0; i < rule->n_matches; i++)
    if (rule->matches[i].kind == NFL_MATCH_CONNTRACK || rule->matches[i].kind == NFL_MATCH_STATE)
      return TRUE;
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* canonical text                                                          */
/* ---------------------------------------------------------------------- */

/* xtables_save_string(): bare when only [A-Za-z0-9_-], else in double
 * quotes with " \ ' escaped by a backslash. */
void
_nfl_append_save_string (GString    *out,
                         const char *value)
{
  static const char no_quote[] = "_-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  size_t plain = strspn (value, no_quote);

  g_string_append_c (out, ' ');
  if (plain > 0 && value[plain] == '\0')
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"' || *p == '\\' || *p == '\'')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
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
append_cidr (GString *out,
             guint32  addr,
             guint32  mask)
{
  append_addr (out, addr);
  g_string_append_printf (out, "/%d", nfl_mask_prefix_len (mask));
}

static void
append_port_range (GString            *out,
                   const NflPortRange *range,
                   char                sep)
{
  if (range->lo == range->hi)
    g_string_append_printf (out, "%u", range->lo);
  else
    g_string_append_printf (out, "%u%c%u", range->lo, sep, range->hi);
}

static void
append_tcp_flags (GString *out,
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
        if (any)
          g_string_append_c (out, ',');
        g_string_append (out, names[i].name);
        any = TRUE;
      }
  if (!any)
    g_string_append (out, "NONE");
}

static void
append_match_save (GString        *out,
                   const NflMatch *m)
{
  switch (m->kind)
    {
    case NFL_MATCH_TCP:
    case NFL_MATCH_UDP:
      g_string_append (out, m->kind == NFL_MATCH_TCP ? " -m tcp" : " -m udp");
      if (m->l4.has_sport)
        {
          g_string_append (out, m->l4.sport_invert ? " ! --sport " : " --sport ");
          append_port_range (out, &m->l4.sport, ':');
        }
      if (m->l4.has_dport)
        {
          g_string_append (out, m->l4.dport_invert ? " ! --dport " : " --dport ");
          append_port_range (out, &m->l4.dport, ':');
        }
      if (m->l4.has_flags)
        {
          g_string_append (out, m->l4.flags_invert ? " ! --tcp-flags " : " --tcp-flags ");
          append_tcp_flags (out, m->l4.flags_mask);
          g_string_append_c (out, ' ');
          append_tcp_flags (out, m->l4.flags_cmp);
        }
      break;

    case NFL_MATCH_ICMP:
      g_string_append (out, " -m icmp");
      g_string_append (out, m->icmp.invert ? " ! --icmp-type " : " --icmp-type ");
      if (m->icmp.any)
        g_string_append (out, "any");
      else if (m->icmp.code_lo == 0 && m->icmp.code_hi == 0xff)
        g_string_append_printf (out, "%u", m->icmp.type);
      else
        g_string_append_printf (out, "%u/%u", m->icmp.type, m->icmp.code_lo);
      break;

    case NFL_MATCH_MULTIPORT:
      g_string_append (out, " -m multiport");
      if (m->multiport.invert)
        g_string_append (out, " !");
      g_string_append (out, m->multiport.which == NFL_MULTIPORT_SOURCE ? " --sports " :
                            m->multiport.which == NFL_MULTIPORT_DESTINATION ? " --dports " : " --ports ");
      for (guint i = 0; i < m->multiport.n_ports; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          append_port_range (out, &m->multiport.ports[i], ':');
        }
      break;

    case NFL_MATCH_CONNTRACK:
      g_string_append (out, " -m conntrack");
      g_string_append (out, m->state.invert ? " ! --ctstate " : " --ctstate ");
      nfl_ct_states_append (m->state.states, out);
      break;

    case NFL_MATCH_STATE:
      g_string_append (out, " -m state");
      g_string_append (out, m->state.invert ? " ! --state " : " --state ");
      nfl_ct_states_append (m->state.states, out);
      break;

    case NFL_MATCH_MARK:
      g_string_append (out, " -m mark");
      g_string_append (out, m->mark.invert ? " ! --mark " : " --mark ");
      if (m->mark.mask == 0xffffffffu)
        g_string_append_printf (out, "0x%x", m->mark.value);
      else
        g_string_append_printf (out, "0x%x/0x%x", m->mark.value, m->mark.mask);
      break;

    case NFL_MATCH_COMMENT:
      g_string_append (out, " -m comment --comment");
      _nfl_append_save_string (out, m->comment.text);
      break;

    case NFL_MATCH_IPRANGE:
      g_string_append (out, " -m iprange");
      if (m->iprange.has_src)
        {
          g_string_append (out, m->iprange.src_invert ? " ! --src-range " : " --src-range ");
          append_addr (out, m->iprange.src_lo);
          g_string_append_c (out, '-');
          append_addr (out, m->iprange.src_hi);
        }
      if (m->iprange.has_dst)
        {
          g_string_append (out, m->iprange.dst_invert ? " ! --dst-range " : " --dst-range ");
          append_addr (out, m->iprange.dst_lo);
          g_string_append_c (out, '-');
          append_addr (out, m->iprange.dst_hi);
        }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
append_nat_range (GString         *out,
                  const NflTarget *t,
                  gboolean         with_addr)
{
  if (with_addr && t->nat_has_addr)
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
      if (with_addr)
        g_string_append_c (out, ':');
      g_string_append_printf (out, "%u", t->nat_port_lo);
      if (t->nat_port_hi != t->nat_port_lo)
        g_string_append_printf (out, "-%u", t->nat_port_hi);
    }
}

static void
append_nat_flags (GString         *out,
                  const NflTarget *t)
{
  if (t->nat_flags & NFL_NAT_RANDOM)
    g_string_append (out, " --random");
  if (t->nat_flags & NFL_NAT_RANDOM_FULLY)
    g_string_append (out, " --random-fully");
  if (t->nat_flags & NFL_NAT_PERSISTENT)
    g_string_append (out, " --persistent");
}

static void
append_target_save (GString         *out,
                    const NflTarget *t)
{
  switch (t->kind)
    {
    case NFL_TARGET_NONE:
      return;
    case NFL_TARGET_JUMP:
      g_string_append_printf (out, " -j %s", t->chain);
      return;
    case NFL_TARGET_GOTO:
      g_string_append_printf (out, " -g %s", t->chain);
      return;
    default:
      g_string_append_printf (out, " -j %s", nfl_target_kind_name (t->kind));
      break;
    }

  switch (t->kind)
    {
    case NFL_TARGET_REJECT:
      g_string_append_printf (out, " --reject-with %s", nfl_reject_with_name (t->reject_with));
      break;
    case NFL_TARGET_LOG:
      if (t->log_prefix[0] != '\0')
        {
          g_string_append (out, " --log-prefix");
          _nfl_append_save_string (out, t->log_prefix);
        }
      if (t->log_level != 4)
        g_string_append_printf (out, " --log-level %u", t->log_level);
      if (t->log_flags & NFL_LOG_TCP_SEQUENCE)
        g_string_append (out, " --log-tcp-sequence");
      if (t->log_flags & NFL_LOG_TCP_OPTIONS)
        g_string_append (out, " --log-tcp-options");
      if (t->log_flags & NFL_LOG_IP_OPTIONS)
        g_string_append (out, " --log-ip-options");
      if (t->log_flags & NFL_LOG_UID)
        g_string_append (out, " --log-uid");
      break;
    case NFL_TARGET_DNAT:
    case NFL_TARGET_SNAT:
      g_string_append (out, t->kind == NFL_TARGET_DNAT ? " --to-destination " : " --to-source ");
      append_nat_range (out, t, TRUE);
      append_nat_flags (out, t);
      break;
    case NFL_TARGET_MASQUERADE:
    case NFL_TARGET_REDIRECT:
      if (t->nat_has_ports)
        {
          g_string_append (out, " --to-ports ");
          append_nat_range (out, t, FALSE);
        }
      append_nat_flags (out, t);
      break;
    case NFL_TARGET_MARK:
      g_string_append_printf (out, " --set-xmark 0x%x/0x%x", t->mark_value, t->mark_mask);
      break;
    case NFL_TARGET_TOS:
      g_string_append_printf (out, " --set-tos 0x%02x/0x%02x", t->tos_value, t->tos_mask);
      break;
    case NFL_TARGET_TTL:
      g_string_append_printf (out, " --ttl-%s %u",
                              t->ttl_mode == NFL_TTL_SET ? "set" :
                              t->ttl_mode == NFL_TTL_DEC ? "dec" : "inc",
                              t->ttl_value);
      break;
    case NFL_TARGET_CT:
      g_string_append (out, " --notrack");
      break;
    default:
      break;
    }
}

void
nfl_rule_append_save_spec (const NflRule *rule,
                           GString       *out)
{
  gsize start = out->len;

  if (rule->has_src)
    {
      g_string_append (out, rule->src_invert ? " ! -s " : " -s ");
      append_cidr (out, rule->src, rule->src_mask);
    }
  if (rule->has_dst)
    {
      g_string_append (out, rule->dst_invert ? " ! -d " : " -d ");
      append_cidr (out, rule->dst, rule->dst_mask);
    }
  if (rule->has_in)
    g_string_append_printf (out, "%s%s", rule->in_invert ? " ! -i " : " -i ", rule->in);
  if (rule->has_out)
    g_string_append_printf (out, "%s%s", rule->out_invert ? " ! -o " : " -o ", rule->out);
  if (rule->has_proto)
    {
      const char *name = nfl_protocol_name (rule->proto);

      g_string_append (out, rule->proto_invert ? " ! -p " : " -p ");
      if (name != NULL)
        g_string_append (out, name);
      else
        g_string_append_printf (out, "%u", rule->proto);
    }
  if (rule->frag)
    g_string_append (out, rule->frag_invert ? " ! -f" : " -f");
  for (guint i = 0; i < rule->n_matches; i++)
    append_match_save (out, &rule->matches[i]);
  append_target_save (out, &rule->target);

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
