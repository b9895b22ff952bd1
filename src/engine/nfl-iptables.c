/* nfl-iptables.c: the iptables command line, with iptables' own checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "nfl-format-error.h"
#include "nfl-iptables.h"
#include "nfl-rule-private.h"

typedef enum {
  CMD_NONE,
  CMD_APPEND,
  CMD_INSERT,
  CMD_REPLACE,
  CMD_DELETE,
  CMD_CHECK,
  CMD_FLUSH,
  CMD_NEW_CHAIN,
  CMD_DELETE_CHAIN,
  CMD_POLICY,
  CMD_LIST,
  CMD_LIST_RULES,
  CMD_ZERO,
  CMD_RENAME,
} Command;

typedef struct {
  int          argc;
  char       **argv;
  int          pos;          /* index of the next word */
  int         *bad_word;

  Command      command;
  int          command_word;
  NflTableId   table;
  gboolean     table_given;
  char        *chain;        /* borrowed from argv */
  char        *second;       /* new name (-E) or policy (-P) */
  int          rule_number;  /* -I/-R/-D/-S/-Z position, 0 = none */
  gboolean     numeric, verbose, exact, line_numbers;

  NflRule     *rule;
  gboolean     rule_words;   /* any rule option given */
  gboolean     target_given;
  NflMatch    *last_match;   /* the match whose options come next */
  int          target_word;  /* index of -j/-g, or -1 */
  gboolean     invert;       /* a "!" is pending */
  int          invert_word;
} Parser;

static gboolean
fail (Parser     *p,
      int         word,
      GError    **error,
      const char *format,
      ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail (Parser     *p,
      int         word,
      GError    **error,
      const char *format,
      ...)
{
  va_list args;

  if (p->bad_word != NULL)
    *p->bad_word = word;
  va_start (args, format);
  g_set_error_literal (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID, "");
  if (error != NULL && *error != NULL)
    {
      g_free ((*error)->message);
      (*error)->message = g_strdup_vprintf (format, args);
    }
  va_end (args);
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* value parsers                                                           */
/* ---------------------------------------------------------------------- */

static gboolean
parse_uint (const char *text,
            guint64     max,
            guint64    *out)
{
  const char *end = NULL;
  guint64 value;
  int base = 10;

  if (text == NULL || *text == '\0' || *text == '-' || *text == '+')
    return FALSE;
  if (text[0] == '0' && (text[1] == 'x' || text[1] == 'X'))
    base = 16;
  value = g_ascii_strtoull (text, (char **) &end, base);
  if (end == text || *end != '\0' || value > max)
    return FALSE;
  *out = value;
  return TRUE;
}

static const struct { const char *name; guint16 port; } services[] = {
  { "ftp-data", 20 }, { "ftp", 21 }, { "ssh", 22 }, { "telnet", 23 },
  { "smtp", 25 }, { "domain", 53 }, { "bootps", 67 }, { "bootpc", 68 },
  { "tftp", 69 }, { "http", 80 }, { "www", 80 }, { "pop3", 110 },
  { "ntp", 123 }, { "imap", 143 }, { "snmp", 161 }, { "ldap", 389 },
  { "https", 443 }, { "submission", 587 }, { "imaps", 993 }, { "pop3s", 995 },
  { "mysql", 3306 }, { "postgresql", 5432 },
};

/* Ports are numbers or the common service names; /etc/services is not
 * read so that a scenario means the same on every machine. */
static gboolean
parse_port (const char *text,
            guint16    *port)
{
  guint64 value;

  if (parse_uint (text, 65535, &value) && g_ascii_isdigit (*text))
    {
      *port = value;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    if (g_strcmp0 (text, services[i].name) == 0)
      {
        *port = services[i].port;
        return TRUE;
      }
  return FALSE;
}

/* "22", "1000:2000", ":1024", "1024:" */
static gboolean
parse_port_range (const char   *text,
                  NflPortRange *range)
{
  g_autofree char *copy = g_strdup (text);
  char *colon = strchr (copy, ':');

  if (colon == NULL)
    {
      if (!parse_port (copy, &range->lo))
        return FALSE;
      range->hi = range->lo;
      return TRUE;
    }
  *colon = '\0';
  if (*copy == '\0')
    range->lo = 0;
  else if (!parse_port (copy, &range->lo))
    return FALSE;
  if (colon[1] == '\0')
    range->hi = 65535;
  else if (!parse_port (colon + 1, &range->hi))
    return FALSE;
  return range->lo <= range->hi;
}

static const struct { const char *name; guint8 number; } protocols[] = {
  { "all", 0 }, { "icmp", 1 }, { "igmp", 2 }, { "tcp", 6 }, { "udp", 17 },
  { "gre", 47 }, { "esp", 50 }, { "ah", 51 }, { "ipv6-icmp", 58 }, { "icmpv6", 58 },
  { "sctp", 132 }, { "udplite", 136 },
};

static gboolean
parse_protocol (const char *text,
                guint8     *proto)
{
  guint64 value;

  for (guint i = 0; i < G_N_ELEMENTS (protocols); i++)
    if (g_ascii_strcasecmp (text, protocols[i].name) == 0)
      {
        *proto = protocols[i].number;
        return TRUE;
      }
  if (parse_uint (text, 255, &value))
    {
      *proto = value;
      return TRUE;
    }
  return FALSE;
}

static gboolean
parse_address (const char *text,
               guint32    *addr,
               guint32    *mask)
{
  guint32 a;
  guint len;

  if (!nfl_ipv4_parse_cidr (text, &a, &len))
    return FALSE;
  *mask = nfl_prefix_mask (len);
  /* iptables stores the network part only: 10.0.0.5/24 is 10.0.0.0/24 */
  *addr = a & *mask;
  return TRUE;
}

static gboolean
parse_mark (const char *text,
            guint32    *value,
            guint32    *mask,
            gboolean   *has_mask)
{
  g_autofree char *copy = g_strdup (text);
  char *slash = strchr (copy, '/');
  guint64 v, m = 0xffffffffu;

  if (slash != NULL)
    {
      *slash = '\0';
      if (!parse_uint (slash + 1, 0xffffffffu, &m))
        return FALSE;
    }
  if (!parse_uint (copy, 0xffffffffu, &v))
    return FALSE;
  *value = v;
  *mask = m;
  if (has_mask != NULL)
    *has_mask = slash != NULL;
  return TRUE;
}

static gboolean
parse_ct_states (const char *text,
                 gboolean    conntrack,
                 guint      *states)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  *states = 0;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      static const NflCtState all[] = {
        NFL_CT_INVALID, NFL_CT_NEW, NFL_CT_ESTABLISHED, NFL_CT_RELATED,
        NFL_CT_UNTRACKED, NFL_CT_SNAT, NFL_CT_DNAT,
      };
      gboolean found = FALSE;

      for (guint s = 0; s < G_N_ELEMENTS (all); s++)
        {
          /* -m state knows only the first five */
          if (!conntrack && (all[s] == NFL_CT_SNAT || all[s] == NFL_CT_DNAT))
            continue;
          if (strcmp (parts[i], nfl_ct_state_name (all[s])) == 0)
            {
              *states |= all[s];
              found = TRUE;
            }
        }
      if (!found)
        return FALSE;
    }
  return *states != 0;
}

static gboolean
parse_tcp_flag_list (const char *text,
                     guint8     *flags)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  static const struct { const char *name; guint8 bits; } names[] = {
    { "FIN", NFL_TCP_FIN }, { "SYN", NFL_TCP_SYN }, { "RST", NFL_TCP_RST },
    { "PSH", NFL_TCP_PSH }, { "ACK", NFL_TCP_ACK }, { "URG", NFL_TCP_URG },
    { "ALL", 0x3f }, { "NONE", 0 },
  };

  *flags = 0;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gboolean found = FALSE;
      for (guint n = 0; n < G_N_ELEMENTS (names); n++)
        if (g_ascii_strcasecmp (parts[i], names[n].name) == 0)
          {
            *flags |= names[n].bits;
            found = TRUE;
          }
      if (!found)
        return FALSE;
    }
  return TRUE;
}

static gboolean
parse_log_level (const char *text,
                 guint8     *level)
{
  static const char *names[] = { "emerg", "alert", "crit", "error", "warning", "notice", "info", "debug" };
  guint64 value;

  if (parse_uint (text, 7, &value))
    {
      *level = value;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (text, names[i]) == 0)
      {
        *level = i;
        return TRUE;
      }
  if (g_ascii_strcasecmp (text, "panic") == 0)
    *level = 0;
  else if (g_ascii_strcasecmp (text, "err") == 0)
    *level = 3;
  else if (g_ascii_strcasecmp (text, "warn") == 0)
    *level = 4;
  else
    return FALSE;
  return TRUE;
}

/* "a.b.c.d[-e.f.g.h][:port[-port]]" for DNAT and SNAT */
static gboolean
parse_nat_range (const char *text,
                 NflTarget  *t,
                 gboolean    with_addr)
{
  g_autofree char *copy = g_strdup (text);
  char *ports = with_addr ? strchr (copy, ':') : copy;

  if (with_addr)
    {
      char *dash;

      if (ports != NULL)
        *ports++ = '\0';
      dash = strchr (copy, '-');
      if (dash != NULL)
        *dash = '\0';
      if (*copy == '\0' && ports != NULL)
        t->nat_has_addr = FALSE;
      else
        {
          if (!nfl_ipv4_parse (copy, &t->nat_addr_lo))
            return FALSE;
          t->nat_addr_hi = t->nat_addr_lo;
          if (dash != NULL && (!nfl_ipv4_parse (dash + 1, &t->nat_addr_hi) ||
                               t->nat_addr_hi < t->nat_addr_lo))
            return FALSE;
          t->nat_has_addr = TRUE;
        }
    }
  if (ports != NULL)
    {
      char *dash = strchr (ports, '-');
      guint64 lo, hi;

      if (dash != NULL)
        *dash = '\0';
      if (!parse_uint (ports, 65535, &lo) || lo == 0)
        return FALSE;
      hi = lo;
      if (dash != NULL && (!parse_uint (dash + 1, 65535, &hi) || hi < lo))
        return FALSE;
      t->nat_has_ports = TRUE;
      t->nat_port_lo = lo;
      t->nat_port_hi = hi;
    }
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* the word loop                                                           */
/* ---------------------------------------------------------------------- */

static const char *
next_arg (Parser  *p,
          int      option_word,
          GError **error)
{
  if (p->pos >= p->argc)
    {
      fail (p, option_word, error, "option “%s” requires an argument", p->argv[option_word]);
      return NULL;
    }
  return p->argv[p->pos++];
}

/* iptables reads an optional argument of -L, -F, -Z, -X, -S as the next
 * word when that word does not start with "-" (or is a "!"). */
static const char *
optional_arg (Parser *p)
{
  if (p->pos < p->argc && p->argv[p->pos][0] != '-' && strcmp (p->argv[p->pos], "!") != 0)
    return p->argv[p->pos++];
  return NULL;
}

static gboolean
take_invert (Parser   *p,
             gboolean *invert)
{
  *invert = p->invert;
  p->invert = FALSE;
  return TRUE;
}

static gboolean
set_command (Parser    *p,
             Command    command,
             int        word,
             GError   **error)
{
  if (p->command != CMD_NONE)
    return fail (p, word, error,
                 "only one command per line: “%s” comes after “%s” (iptables: Cannot use -%c with -%c)",
                 p->argv[word], p->argv[p->command_word],
                 p->argv[word][1] == '-' ? '?' : p->argv[word][1],
                 p->argv[p->command_word][1] == '-' ? '?' : p->argv[p->command_word][1]);
  p->command = command;
  p->command_word = word;
  return TRUE;
}

static gboolean
parse_rule_number (Parser   *p,
                   gboolean  required,
                   GError  **error)
{
  guint64 value;

  if (p->pos < p->argc && p->argv[p->pos][0] != '-' && strcmp (p->argv[p->pos], "!") != 0)
    {
      const char *word = p->argv[p->pos];

      if (!parse_uint (word, G_MAXINT, &value) || !g_ascii_isdigit (*word) || value == 0)
        {
          if (!required && !g_ascii_isdigit (*word))
            return TRUE;   /* not a number: a stray word, reported later */
          return fail (p, p->pos, error, "Invalid rule number “%s”: rule numbers start at 1", word);
        }
      p->rule_number = value;
      p->pos++;
      return TRUE;
    }
  if (required)
    return fail (p, p->pos - 1, error, "a rule number is required after “%s”", p->argv[p->pos - 1]);
  return TRUE;
}

static NflMatch *
ensure_match (Parser       *p,
              NflMatchKind  kind)
{
  p->rule_words = TRUE;
  p->last_match = nfl_rule_add_match (p->rule, kind);
  return p->last_match;
}

static gboolean
parse_match_module (Parser     *p,
                    const char *name,
                    int         word,
                    GError    **error)
{
  static const struct { const char *name; NflMatchKind kind; } modules[] = {
    { "tcp", NFL_MATCH_TCP }, { "udp", NFL_MATCH_UDP }, { "icmp", NFL_MATCH_ICMP },
    { "multiport", NFL_MATCH_MULTIPORT }, { "conntrack", NFL_MATCH_CONNTRACK },
    { "state", NFL_MATCH_STATE }, { "mark", NFL_MATCH_MARK },
    { "comment", NFL_MATCH_COMMENT }, { "iprange", NFL_MATCH_IPRANGE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (modules); i++)
    if (strcmp (name, modules[i].name) == 0)
      {
        NflMatchKind kind = modules[i].kind;

        if ((kind == NFL_MATCH_TCP && (!p->rule->has_proto || p->rule->proto != 6)) ||
            (kind == NFL_MATCH_UDP && (!p->rule->has_proto || p->rule->proto != 17)) ||
            (kind == NFL_MATCH_ICMP && (!p->rule->has_proto || p->rule->proto != 1)))
          {
            /* the kernel refuses a tcp match on a rule without -p tcp */
            return fail (p, word, error,
                         "-m %s needs “-p %s” before it (iptables: RULE_APPEND failed (Invalid argument))",
                         name, name);
          }
        if (kind == NFL_MATCH_MULTIPORT &&
            (!p->rule->has_proto || p->rule->proto_invert ||
             (p->rule->proto != 6 && p->rule->proto != 17 && p->rule->proto != 132 && p->rule->proto != 136)))
          return fail (p, word, error,
                       "multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'");
        ensure_match (p, kind);
        return TRUE;
      }
  return fail (p, word, error,
               "Couldn't load match `%s': the simulator knows tcp, udp, icmp, multiport, conntrack, "
               "state, mark, comment and iprange", name);
}

/* An option of a match: handles the implicit protocol match that iptables
 * loads for "-p tcp --dport 22" (saved as "-p tcp -m tcp --dport 22"). */
static gboolean
parse_match_option (Parser     *p,
                    const char *option,
                    int         word,
                    gboolean   *handled,
                    GError    **error)
{
  NflMatch *m = NULL;
  const char *arg;
  gboolean invert;

  *handled = FALSE;

  /* find the most recent match that knows this option */
  for (int i = (int) p->rule->n_matches - 1; i >= 0 && m == NULL; i--)
    {
      NflMatch *cand = &p->rule->matches[i];
      switch (cand->kind)
        {
        case NFL_MATCH_TCP:
          if (g_str_equal (option, "--tcp-flags") || g_str_equal (option, "--syn"))
            m = cand;
          G_GNUC_FALLTHROUGH;
        case NFL_MATCH_UDP:
          if (g_str_equal (option, "--sport") || g_str_equal (option, "--dport") ||
              g_str_equal (option, "--source-port") || g_str_equal (option, "--destination-port"))
            m = cand;
          break;
        case NFL_MATCH_ICMP:
          if (g_str_equal (option, "--icmp-type"))
            m = cand;
          break;
        case NFL_MATCH_MULTIPORT:
          if (g_str_equal (option, "--sports") || g_str_equal (option, "--dports") ||
              g_str_equal (option, "--ports") || g_str_equal (option, "--source-ports") ||
              g_str_equal (option, "--destination-ports"))
            m = cand;
          break;
        case NFL_MATCH_CONNTRACK:
          if (g_str_equal (option, "--ctstate"))
            m = cand;
          break;
        case NFL_MATCH_STATE:
          if (g_str_equal (option, "--state"))
            m = cand;
          break;
        case NFL_MATCH_MARK:
          if (g_str_equal (option, "--mark"))
            m = cand;
          break;
        case NFL_MATCH_COMMENT:
          if (g_str_equal (option, "--comment"))
            m = cand;
          break;
        case NFL_MATCH_IPRANGE:
          if (g_str_equal (option, "--src-range") || g_str_equal (option, "--dst-range"))
            m = cand;
          break;
        default:
          break;
        }
    }

  /* the implicit match of -p tcp/udp/icmp */
  if (m == NULL && p->rule->has_proto && !p->rule->proto_invert)
    {
      gboolean l4 = g_str_equal (option, "--sport") || g_str_equal (option, "--dport") ||
                    g_str_equal (option, "--source-port") || g_str_equal (option, "--destination-port");
      if ((p->rule->proto == 6 && (l4 || g_str_equal (option, "--tcp-flags") || g_str_equal (option, "--syn"))))
        m = ensure_match (p, NFL_MATCH_TCP);
      else if (p->rule->proto == 17 && l4)
        m = ensure_match (p, NFL_MATCH_UDP);
      else if (p->rule->proto == 1 && g_str_equal (option, "--icmp-type"))
        m = ensure_match (p, NFL_MATCH_ICMP);
    }
  if (m == NULL)
    return TRUE;

  *handled = TRUE;
  p->rule_words = TRUE;
  take_invert (p, &invert);

  switch (m->kind)
    {
    case NFL_MATCH_TCP:
    case NFL_MATCH_UDP:
      if (g_str_equal (option, "--syn"))
        {
          if (m->l4.has_flags)
            return fail (p, word, error, "--syn and --tcp-flags cannot both be given");
          m->l4.has_flags = TRUE;
          m->l4.flags_invert = invert;
          m->l4.flags_mask = NFL_TCP_FIN | NFL_TCP_SYN | NFL_TCP_RST | NFL_TCP_ACK;
          m->l4.flags_cmp = NFL_TCP_SYN;
          m->l4.flags_from_syn = TRUE;
          return TRUE;
        }
      if (g_str_equal (option, "--tcp-flags"))
        {
          const char *mask_word, *cmp_word;

          if (m->l4.has_flags)
            return fail (p, word, error, "--tcp-flags given twice");
          if ((mask_word = next_arg (p, word, error)) == NULL)
            return FALSE;
          if (p->pos >= p->argc)
            return fail (p, word, error, "--tcp-flags requires two arguments: the flags to examine and the flags that must be set");
          cmp_word = p->argv[p->pos++];
          if (!parse_tcp_flag_list (mask_word, &m->l4.flags_mask))
            return fail (p, p->pos - 2, error, "Unknown TCP flag in “%s”: use FIN, SYN, RST, PSH, ACK, URG, ALL or NONE", mask_word);
          if (!parse_tcp_flag_list (cmp_word, &m->l4.flags_cmp))
            return fail (p, p->pos - 1, error, "Unknown TCP flag in “%s”: use FIN, SYN, RST, PSH, ACK, URG, ALL or NONE", cmp_word);
          m->l4.has_flags = TRUE;
          m->l4.flags_invert = invert;
          return TRUE;
        }
      if ((arg = next_arg (p, word, error)) == NULL)
        return FALSE;
      {
        gboolean source = g_str_equal (option, "--sport") || g_str_equal (option, "--source-port");
        NflPortRange range;

        if (!parse_port_range (arg, &range))
          return fail (p, p->pos - 1, error,
                       "invalid port/service `%s' specified: a port is 0 to 65535, a range is FIRST:LAST", arg);
        if (source)
          {
            if (m->l4.has_sport)
              return fail (p, word, error, "%s given twice in one match", option);
            m->l4.has_sport = TRUE;
            m->l4.sport_invert = invert;
            m->l4.sport = range;
          }
        else
          {
            if (m->l4.has_dport)
              return fail (p, word, error, "%s given twice in one match", option);
            m->l4.has_dport = TRUE;
            m->l4.dport_invert = invert;
            m->l4.dport = range;
          }
      }
      return TRUE;

    case NFL_MATCH_ICMP:
      if ((arg = next_arg (p, word, error)) == NULL)
        return FALSE;
      m->icmp.invert = invert;
      if (_nfl_icmp_type_from_name (arg, &m->icmp.type, &m->icmp.code_lo, &m->icmp.code_hi))
        {
          m->icmp.any = m->icmp.type == 0xff;
          return TRUE;
        }
      {
        g_auto(GStrv) parts = g_strsplit (arg, "/", 2);
        guint64 type, code;

        if (!parse_uint (parts[0], 255, &type) || !g_ascii_isdigit (parts[0][0]))
          return fail (p, p->pos - 1, error, "Invalid ICMP type `%s': use a number or a name such as echo-request", arg);
        m->icmp.type = type;
        m->icmp.code_lo = 0;
        m->icmp.code_hi = 0xff;
        if (parts[1] != NULL)
          {
            if (!parse_uint (parts[1], 255, &code))
              return fail (p, p->pos - 1, error, "Invalid ICMP code in `%s'", arg);
            m->icmp.code_lo = m->icmp.code_hi = code;
          }
      }
      return TRUE;

    case NFL_MATCH_MULTIPORT:
      {
        g_auto(GStrv) parts = NULL;
        guint n;

        if (m->multiport.n_ports > 0)
          return fail (p, word, error, "multiport can only have one option");
        if ((arg = next_arg (p, word, error)) == NULL)
          return FALSE;
        parts = g_strsplit (arg, ",", -1);
        n = g_strv_length (parts);
        if (n == 0 || n > NFL_MULTIPORT_MAX)
          return fail (p, p->pos - 1, error, "too many ports specified: multiport takes at most 15");
        for (guint i = 0; i < n; i++)
          if (!parse_port_range (parts[i], &m->multiport.ports[i]))
            return fail (p, p->pos - 1, error, "invalid port/service `%s' specified", parts[i]);
        m->multiport.n_ports = n;
        m->multiport.invert = invert;
        m->multiport.which = (g_str_has_prefix (option, "--s")) ? NFL_MULTIPORT_SOURCE :
                             (g_str_has_prefix (option, "--d")) ? NFL_MULTIPORT_DESTINATION :
                                                                  NFL_MULTIPORT_EITHER;
      }
      return TRUE;

    case NFL_MATCH_CONNTRACK:
    case NFL_MATCH_STATE:
      if ((arg = next_arg (p, word, error)) == NULL)
        return FALSE;
      if (!parse_ct_states (arg, m->kind == NFL_MATCH_CONNTRACK, &m->state.states))
        return fail (p, p->pos - 1, error,
                     m->kind == NFL_MATCH_CONNTRACK
                       ? "Bad ctstate \"%s\": use INVALID, NEW, ESTABLISHED, RELATED, UNTRACKED, SNAT, DNAT"
                       : "Bad state \"%s\": use INVALID, NEW, ESTABLISHED, RELATED, UNTRACKED", arg);
      m->state.invert = invert;
      return TRUE;

    case NFL_MATCH_MARK:
      if ((arg = next_arg (p, word, error)) == NULL)
        return FALSE;
      if (!parse_mark (arg, &m->mark.value, &m->mark.mask, NULL))
        return fail (p, p->pos - 1, error, "Bad mark value \"%s\": use a number or value/mask", arg);
      m->mark.invert = invert;
      return TRUE;

    case NFL_MATCH_COMMENT:
      if ((arg = next_arg (p, word, error)) == NULL)
        return FALSE;
      if (invert)
        return fail (p, p->invert_word, error, "a comment cannot be negated with “!”");
      /* like iptables, a longer comment is cut to 255 characters */
      g_strlcpy (m->comment.text, arg, sizeof m->comment.text);
      return TRUE;

    case NFL_MATCH_IPRANGE:
      {
        g_auto(GStrv) parts = NULL;
        guint32 lo, hi;

        if ((arg = next_arg (p, word, error)) == NULL)
          return FALSE;
        parts = g_strsplit (arg, "-", 2);
        if (!nfl_ipv4_parse (parts[0], &lo))
          return fail (p, p->pos - 1, error, "iprange: “%s” is not a range FIRST-LAST of IPv4 addresses", arg);
        hi = lo;
        if (parts[1] != NULL && !nfl_ipv4_parse (parts[1], &hi))
          return fail (p, p->pos - 1, error, "iprange: “%s” is not a range FIRST-LAST of IPv4 addresses", arg);
        if (g_str_equal (option, "--src-range"))
          {
            m->iprange.has_src = TRUE;
            m->iprange.src_invert = invert;
            m->iprange.src_lo = lo;
            m->iprange.src_hi = hi;
          }
        else
          {
            m->iprange.has_dst = TRUE;
            m->iprange.dst_invert = invert;
            m->iprange.dst_lo = lo;
            m->iprange.dst_hi = hi;
          }
      }
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
target_takes_option (NflTargetKind kind,
                     const char   *option)
{
  static const char *reject[] = { "--reject-with", NULL };
  static const char *log[] = { "--log-prefix", "--log-level", "--log-tcp-sequence", "--log-tcp-options",
                               "--log-ip-options", "--log-uid", NULL };
  static const char *dnat[] = { "--to-destination", "--random", "--persistent", NULL };
  static const char *snat[] = { "--to-source", "--random", "--random-fully", "--persistent", NULL };
  static const char *ports[] = { "--to-ports", "--random", "--random-fully", NULL };
  static const char *mark[] = { "--set-mark", "--set-xmark", "--and-mark", "--or-mark", "--xor-mark", NULL };
  static const char *tos[] = { "--set-tos", "--and-tos", "--or-tos", "--xor-tos", NULL };
  static const char *ttl[] = { "--ttl-set", "--ttl-dec", "--ttl-inc", NULL };
  static const char *ct[] = { "--notrack", NULL };
  const char **list = NULL;

  switch (kind)
    {
    case NFL_TARGET_REJECT: list = reject; break;
    case NFL_TARGET_LOG: list = log; break;
    case NFL_TARGET_DNAT: list = dnat; break;
    case NFL_TARGET_SNAT: list = snat; break;
    case NFL_TARGET_MASQUERADE:
    case NFL_TARGET_REDIRECT: list = ports; break;
    case NFL_TARGET_MARK: list = mark; break;
    case NFL_TARGET_TOS: list = tos; break;
    case NFL_TARGET_TTL: list = ttl; break;
    case NFL_TARGET_CT: list = ct; break;
    default: return FALSE;
    }
  return g_strv_contains (list, option);
}

static gboolean
parse_target_option (Parser     *p,
                     const char *option,
                     int         word,
                     GError    **error)
{
  NflTarget *t = &p->rule->target;
  const char *arg = NULL;
  gboolean flag_only = g_str_equal (option, "--log-tcp-sequence") || g_str_equal (option, "--log-tcp-options") ||
                       g_str_equal (option, "--log-ip-options") || g_str_equal (option, "--log-uid") ||
                       g_str_equal (option, "--random") || g_str_equal (option, "--random-fully") ||
                       g_str_equal (option, "--persistent") || g_str_equal (option, "--notrack");

  if (p->invert)
    return fail (p, p->invert_word, error, "“!” cannot be used before the target option %s", option);
  if (!flag_only && (arg = next_arg (p, word, error)) == NULL)
    return FALSE;

  if (g_str_equal (option, "--reject-with"))
    {
      static const struct { const char *name; NflRejectWith with; } names[] = {
        { "icmp-net-unreachable", NFL_REJECT_ICMP_NET_UNREACHABLE },
        { "net-unreach", NFL_REJECT_ICMP_NET_UNREACHABLE },
        { "icmp-host-unreachable", NFL_REJECT_ICMP_HOST_UNREACHABLE },
        { "host-unreach", NFL_REJECT_ICMP_HOST_UNREACHABLE },
        { "icmp-port-unreachable", NFL_REJECT_ICMP_PORT_UNREACHABLE },
        { "port-unreach", NFL_REJECT_ICMP_PORT_UNREACHABLE },
        { "icmp-proto-unreachable", NFL_REJECT_ICMP_PROTO_UNREACHABLE },
        { "proto-unreach", NFL_REJECT_ICMP_PROTO_UNREACHABLE },
        { "icmp-net-prohibited", NFL_REJECT_ICMP_NET_PROHIBITED },
        { "net-prohib", NFL_REJECT_ICMP_NET_PROHIBITED },
        { "icmp-host-prohibited", NFL_REJECT_ICMP_HOST_PROHIBITED },
        { "host-prohib", NFL_REJECT_ICMP_HOST_PROHIBITED },
        { "icmp-admin-prohibited", NFL_REJECT_ICMP_ADMIN_PROHIBITED },
        { "admin-prohib", NFL_REJECT_ICMP_ADMIN_PROHIBITED },
        { "tcp-reset", NFL_REJECT_TCP_RESET },
        { "tcp-rst", NFL_REJECT_TCP_RESET },
      };
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        if (g_str_equal (arg, names[i].name))
          {
            t->reject_with = names[i].with;
            t->reject_with_given = TRUE;
            if (t->reject_with == NFL_REJECT_TCP_RESET &&
                (!p->rule->has_proto || p->rule->proto != 6 || p->rule->proto_invert))
              return fail (p, word + 1, error,
                           "REJECT --reject-with tcp-reset is valid only with “-p tcp” before it");
            return TRUE;
          }
      return fail (p, word + 1, error,
                   "unknown reject type \"%s\": use icmp-net-unreachable, icmp-host-unreachable, "
                   "icmp-port-unreachable, icmp-proto-unreachable, icmp-net-prohibited, "
                   "icmp-host-prohibited, icmp-admin-prohibited or tcp-reset", arg);
    }
  if (g_str_equal (option, "--log-prefix"))
    {
      /* iptables cuts a longer prefix to 29 characters without a word */
      if (*arg == '\0')
        return fail (p, word + 1, error, "No prefix specified for --log-prefix");
      g_strlcpy (t->log_prefix, arg, sizeof t->log_prefix);
      t->log_prefix_given = TRUE;
      return TRUE;
    }
  if (g_str_equal (option, "--log-level"))
    {
      if (!parse_log_level (arg, &t->log_level))
        return fail (p, word + 1, error, "log level `%s' unknown: use 0-7 or emerg, alert, crit, error, warning, notice, info, debug", arg);
      return TRUE;
    }
  if (g_str_equal (option, "--log-tcp-sequence"))
    return t->log_flags |= NFL_LOG_TCP_SEQUENCE, TRUE;
  if (g_str_equal (option, "--log-tcp-options"))
    return t->log_flags |= NFL_LOG_TCP_OPTIONS, TRUE;
  if (g_str_equal (option, "--log-ip-options"))
    return t->log_flags |= NFL_LOG_IP_OPTIONS, TRUE;
  if (g_str_equal (option, "--log-uid"))
    return t->log_flags |= NFL_LOG_UID, TRUE;
  if (g_str_equal (option, "--random"))
    return t->nat_flags |= NFL_NAT_RANDOM, TRUE;
  if (g_str_equal (option, "--random-fully"))
    return t->nat_flags |= NFL_NAT_RANDOM_FULLY, TRUE;
  if (g_str_equal (option, "--persistent"))
    return t->nat_flags |= NFL_NAT_PERSISTENT, TRUE;
  if (g_str_equal (option, "--notrack"))
    {
      t->ct_notrack = TRUE;
      return TRUE;
    }
  if (g_str_equal (option, "--to-destination") || g_str_equal (option, "--to-source"))
    {
      if (t->nat_has_addr || t->nat_has_ports)
        return fail (p, word, error, "%s given twice: the simulator supports one range", option);
      if (!parse_nat_range (arg, t, TRUE) || !t->nat_has_addr)
        return fail (p, word + 1, error, "Bad IP address \"%s\": use ADDR[-ADDR][:PORT[-PORT]]", arg);
      if (t->nat_has_ports && (!p->rule->has_proto || (p->rule->proto != 6 && p->rule->proto != 17)))
        return fail (p, word + 1, error, "Need TCP, UDP, SCTP or DCCP with port specification (add “-p tcp” or “-p udp”)");
      return TRUE;
    }
  if (g_str_equal (option, "--to-ports"))
    {
      if (!parse_nat_range (arg, t, FALSE))
        return fail (p, word + 1, error, "Port \"%s\" not valid: use PORT or PORT-PORT", arg);
      if (!p->rule->has_proto || (p->rule->proto != 6 && p->rule->proto != 17))
        return fail (p, word + 1, error, "Need TCP, UDP, SCTP or DCCP with port specification (add “-p tcp” or “-p udp”)");
      return TRUE;
    }
  if (g_str_has_suffix (option, "-mark") || g_str_equal (option, "--set-xmark"))
    {
      guint32 value, mask;
      gboolean has_mask;

      if (!parse_mark (arg, &value, &mask, &has_mask))
        return fail (p, word + 1, error, "Bad MARK value \"%s\"", arg);
      if (g_str_equal (option, "--set-xmark"))
        t->mark_value = value, t->mark_mask = mask;
      else if (g_str_equal (option, "--set-mark"))
        /* --set-mark v/m zeroes the bits of m, then ORs v in */
        t->mark_value = value, t->mark_mask = mask | value;
      else if (has_mask)
        return fail (p, word + 1, error, "%s takes a value without a mask", option);
      else if (g_str_equal (option, "--and-mark"))
        t->mark_value = 0, t->mark_mask = ~value;
      else if (g_str_equal (option, "--or-mark"))
        t->mark_value = value, t->mark_mask = value;
      else
        t->mark_value = value, t->mark_mask = 0;
      if (g_str_equal (option, "--set-mark") && !has_mask)
        t->mark_mask = 0xffffffffu;
      t->mark_given = TRUE;
      return TRUE;
    }
  if (g_str_has_suffix (option, "-tos"))
    {
      static const struct { const char *name; guint8 value; } names[] = {
        { "Minimize-Delay", 0x10 }, { "Maximize-Throughput", 0x08 },
        { "Maximize-Reliability", 0x04 }, { "Minimize-Cost", 0x02 }, { "Normal-Service", 0x00 },
      };
      guint32 value = 0, mask = 0xff;
      gboolean has_mask = FALSE, named = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        if (g_ascii_strcasecmp (arg, names[i].name) == 0)
          {
            value = names[i].value;
            mask = 0x3f;
            named = TRUE;
          }
      if (!named && (!parse_mark (arg, &value, &mask, &has_mask) || value > 0xff ||
                     (has_mask && mask > 0xff)))
        return fail (p, word + 1, error, "Bad TOS value \"%s\": use 0x00-0xff[/mask] or a name like Minimize-Delay", arg);
      if (!named && !has_mask)
        mask = 0xff;
      if (g_str_equal (option, "--set-tos"))
        t->tos_value = value, t->tos_mask = mask;
      else if (g_str_equal (option, "--and-tos"))
        t->tos_value = 0, t->tos_mask = ~value & 0xff;
      else if (g_str_equal (option, "--or-tos"))
        t->tos_value = value, t->tos_mask = value;
      else
        t->tos_value = value, t->tos_mask = 0;
      t->tos_given = TRUE;
      return TRUE;
    }
  if (g_str_has_prefix (option, "--ttl-"))
    {
      guint64 value;

      if (t->ttl_given)
        return fail (p, word, error, "TTL: only one of --ttl-set, --ttl-dec, --ttl-inc");
      if (!parse_uint (arg, 255, &value))
        return fail (p, word + 1, error, "TTL: invalid value \"%s\": use 0 to 255", arg);
      t->ttl_mode = g_str_equal (option, "--ttl-set") ? NFL_TTL_SET :
                    g_str_equal (option, "--ttl-dec") ? NFL_TTL_DEC : NFL_TTL_INC;
      if (t->ttl_mode != NFL_TTL_SET && value == 0)
        return fail (p, word + 1, error, "TTL: increasing or decreasing by 0 makes no sense");
      t->ttl_value = value;
      t->ttl_given = TRUE;
      return TRUE;
    }
  return fail (p, word, error, "unknown option \"%s\"", option);
}

static gboolean
parse_target (Parser     *p,
              const char *name,
              int         word,
              gboolean    is_goto,
              GError    **error)
{
  static const struct { const char *name; NflTargetKind kind; } targets[] = {
    { "ACCEPT", NFL_TARGET_ACCEPT }, { "DROP", NFL_TARGET_DROP }, { "RETURN", NFL_TARGET_RETURN },
    { "REJECT", NFL_TARGET_REJECT }, { "LOG", NFL_TARGET_LOG }, { "DNAT", NFL_TARGET_DNAT },
    { "SNAT", NFL_TARGET_SNAT }, { "MASQUERADE", NFL_TARGET_MASQUERADE },
    { "REDIRECT", NFL_TARGET_REDIRECT }, { "MARK", NFL_TARGET_MARK }, { "TOS", NFL_TARGET_TOS },
    { "TTL", NFL_TARGET_TTL }, { "NOTRACK", NFL_TARGET_NOTRACK }, { "CT", NFL_TARGET_CT },
    { "TRACE", NFL_TARGET_TRACE },
  };
  NflTarget *t = &p->rule->target;

  if (p->target_given)
    return fail (p, word, error, "multiple -j or -g flags not allowed");
  if (p->invert)
    return fail (p, p->invert_word, error, "cannot have ! before -%c", is_goto ? 'g' : 'j');
  p->target_given = TRUE;
  p->rule_words = TRUE;

  if (!is_goto)
    for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
      if (strcmp (name, targets[i].name) == 0)
        {
          t->kind = targets[i].kind;
          return TRUE;
        }

  if (strlen (name) > NFL_CHAIN_MAXLEN)
    return fail (p, word + 1, error, "chain name `%s' too long (must be under 29 chars)", name);
  if (*name == '\0')
    return fail (p, word + 1, error, "a target name is required after -%c", is_goto ? 'g' : 'j');
  if (is_goto)
    for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
      if (strcmp (name, targets[i].name) == 0)
        return fail (p, word + 1, error, "-g needs a user chain, not the target %s", name);
  t->kind = is_goto ? NFL_TARGET_GOTO : NFL_TARGET_JUMP;
  g_strlcpy (t->chain, name, sizeof t->chain);
  return TRUE;
}

static gboolean
finish_target (Parser  *p,
               int      word,
               GError **error)
{
  NflTarget *t = &p->rule->target;

  switch (t->kind)
    {
    case NFL_TARGET_REJECT:
      if (!t->reject_with_given)
        t->reject_with = NFL_REJECT_ICMP_PORT_UNREACHABLE;
      break;
    case NFL_TARGET_DNAT:
      if (!t->nat_has_addr && !t->nat_has_ports)
        return fail (p, word, error, "DNAT needs --to-destination ADDR[:PORT]");
      break;
    case NFL_TARGET_SNAT:
      if (!t->nat_has_addr && !t->nat_has_ports)
        return fail (p, word, error, "SNAT needs --to-source ADDR[:PORT]");
      break;
    case NFL_TARGET_MARK:
      if (!t->mark_given)
        return fail (p, word, error, "MARK target: one of --set-xmark, --set-mark, --and-mark, --or-mark or --xor-mark is required");
      break;
    case NFL_TARGET_TOS:
      if (!t->tos_given)
        return fail (p, word, error, "TOS target: --set-tos is required");
      break;
    case NFL_TARGET_TTL:
      if (!t->ttl_given)
        return fail (p, word, error, "TTL: You must specify an action (--ttl-set, --ttl-dec or --ttl-inc)");
      break;
    case NFL_TARGET_CT:
      if (!t->ct_notrack)
        return fail (p, word, error, "CT: the simulator supports only “-j CT --notrack”");
      break;
    default:
      break;
    }
  return TRUE;
}

static gboolean
parse_words (Parser  *p,
             gboolean rule_only,
             GError **error)
{
  int target_word = -1;

  while (p->pos < p->argc)
    {
      int word = p->pos;
      const char *w = p->argv[p->pos++];
      const char *arg;

      if (strcmp (w, "!") == 0)
        {
          if (p->invert)
            return fail (p, word, error, "multiple consecutive ! not allowed");
          p->invert = TRUE;
          p->invert_word = word;
          continue;
        }

      if (w[0] != '-' || w[1] == '\0')
        return fail (p, word, error,
                     "Bad argument `%s': it is not an option, and the option before it takes no value", w);

      /* commands */
      if (!rule_only)
        {
          Command command = CMD_NONE;

          if (g_str_equal (w, "-A") || g_str_equal (w, "--append")) command = CMD_APPEND;
          else if (g_str_equal (w, "-I") || g_str_equal (w, "--insert")) command = CMD_INSERT;
          else if (g_str_equal (w, "-R") || g_str_equal (w, "--replace")) command = CMD_REPLACE;
          else if (g_str_equal (w, "-D") || g_str_equal (w, "--delete")) command = CMD_DELETE;
          else if (g_str_equal (w, "-C") || g_str_equal (w, "--check")) command = CMD_CHECK;
          else if (g_str_equal (w, "-F") || g_str_equal (w, "--flush")) command = CMD_FLUSH;
          else if (g_str_equal (w, "-N") || g_str_equal (w, "--new-chain")) command = CMD_NEW_CHAIN;
          else if (g_str_equal (w, "-X") || g_str_equal (w, "--delete-chain")) command = CMD_DELETE_CHAIN;
          else if (g_str_equal (w, "-P") || g_str_equal (w, "--policy")) command = CMD_POLICY;
          else if (g_str_equal (w, "-L") || g_str_equal (w, "--list")) command = CMD_LIST;
          else if (g_str_equal (w, "-S") || g_str_equal (w, "--list-rules")) command = CMD_LIST_RULES;
          else if (g_str_equal (w, "-Z") || g_str_equal (w, "--zero")) command = CMD_ZERO;
          else if (g_str_equal (w, "-E") || g_str_equal (w, "--rename-chain")) command = CMD_RENAME;

          if (command != CMD_NONE)
            {
              if (p->invert)
                return fail (p, p->invert_word, error, "cannot have ! before %s", w);
              if (!set_command (p, command, word, error))
                return FALSE;
              switch (command)
                {
                case CMD_APPEND:
                case CMD_CHECK:
                case CMD_NEW_CHAIN:
                  if ((p->chain = (char *) next_arg (p, word, error)) == NULL)
                    return FALSE;
                  break;
                case CMD_INSERT:
                  if ((p->chain = (char *) next_arg (p, word, error)) == NULL)
                    return FALSE;
                  if (!parse_rule_number (p, FALSE, error))
                    return FALSE;
                  break;
                case CMD_REPLACE:
                  if ((p->chain = (char *) next_arg (p, word, error)) == NULL ||
                      !parse_rule_number (p, TRUE, error))
                    return FALSE;
                  break;
                case CMD_DELETE:
                  if ((p->chain = (char *) next_arg (p, word, error)) == NULL ||
                      !parse_rule_number (p, FALSE, error))
                    return FALSE;
                  break;
                case CMD_POLICY:
                case CMD_RENAME:
                  if ((p->chain = (char *) next_arg (p, word, error)) == NULL ||
                      (p->second = (char *) next_arg (p, word, error)) == NULL)
                    return FALSE;
                  break;
                case CMD_LIST_RULES:
                case CMD_ZERO:
                  p->chain = (char *) optional_arg (p);
                  if (p->chain != NULL && !parse_rule_number (p, FALSE, error))
                    return FALSE;
                  break;
                case CMD_FLUSH:
                case CMD_DELETE_CHAIN:
                case CMD_LIST:
                  p->chain = (char *) optional_arg (p);
                  break;
                case CMD_NONE:
                default:
                  g_assert_not_reached ();
                }
              continue;
            }

          if (g_str_equal (w, "-t") || g_str_equal (w, "--table"))
            {
              if ((arg = next_arg (p, word, error)) == NULL)
                return FALSE;
              if (p->invert)
                return fail (p, p->invert_word, error, "cannot have ! before -t");
              if (p->table_given)
                return fail (p, word, error, "multiple -t flags not allowed");
              if (!nfl_table_from_name (arg, &p->table))
                return fail (p, word + 1, error,
                             "can't initialize iptables table `%s': Table does not exist "
                             "(the tables are filter, nat, mangle and raw)", arg);
              p->table_given = TRUE;
              continue;
            }
          if (g_str_equal (w, "-n") || g_str_equal (w, "--numeric"))
            { p->numeric = TRUE; continue; }
          if (g_str_equal (w, "-v") || g_str_equal (w, "--verbose"))
            { p->verbose = TRUE; continue; }
          if (g_str_equal (w, "-x") || g_str_equal (w, "--exact"))
            { p->exact = TRUE; continue; }
          if (g_str_equal (w, "--line-numbers"))
            { p->line_numbers = TRUE; continue; }
          if (g_str_equal (w, "-w") || g_str_equal (w, "--wait"))
            {
              /* waiting for the xtables lock means nothing here */
              if (p->pos < p->argc && g_ascii_isdigit (p->argv[p->pos][0]))
                p->pos++;
              continue;
            }
        }

      /* rule options */
      if (g_str_equal (w, "-s") || g_str_equal (w, "--source") || g_str_equal (w, "--src") ||
          g_str_equal (w, "-d") || g_str_equal (w, "--destination") || g_str_equal (w, "--dst"))
        {
          gboolean source = w[1] == 's' || g_str_equal (w, "--source") || g_str_equal (w, "--src");
          guint32 addr, mask;
          gboolean invert;

          if ((arg = next_arg (p, word, error)) == NULL)
            return FALSE;
          take_invert (p, &invert);
          if ((source && p->rule->has_src) || (!source && p->rule->has_dst))
            return fail (p, word, error, "multiple -%c flags not allowed", source ? 's' : 'd');
          if (strchr (arg, ',') != NULL)
            return fail (p, word + 1, error,
                         "“%s” lists several addresses; iptables would make one rule per address: "
                         "write one rule for each", arg);
          if (!parse_address (arg, &addr, &mask))
            return fail (p, word + 1, error,
                         "host/network `%s' not found: write an IPv4 address, optionally with /PREFIX (0-32); "
                         "host names are not resolved", arg);
          if (source)
            p->rule->has_src = TRUE, p->rule->src_invert = invert, p->rule->src = addr, p->rule->src_mask = mask;
          else
            p->rule->has_dst = TRUE, p->rule->dst_invert = invert, p->rule->dst = addr, p->rule->dst_mask = mask;
          p->rule_words = TRUE;
          continue;
        }
      if (g_str_equal (w, "-i") || g_str_equal (w, "--in-interface") ||
          g_str_equal (w, "-o") || g_str_equal (w, "--out-interface"))
        {
          gboolean in = w[1] == 'i' || g_str_equal (w, "--in-interface");
          gboolean invert;

          if ((arg = next_arg (p, word, error)) == NULL)
            return FALSE;
          take_invert (p, &invert);
          if ((in && p->rule->has_in) || (!in && p->rule->has_out))
            return fail (p, word, error, "multiple -%c flags not allowed", in ? 'i' : 'o');
          if (strlen (arg) >= NFL_IFNAMSIZ)
            return fail (p, word + 1, error, "interface name `%s' must be shorter than IFNAMSIZ (15)", arg);
          if (*arg == '\0')
            return fail (p, word + 1, error, "an interface name is required after %s", w);
          if (in)
            p->rule->has_in = TRUE, p->rule->in_invert = invert, g_strlcpy (p->rule->in, arg, NFL_IFNAMSIZ);
          else
            p->rule->has_out = TRUE, p->rule->out_invert = invert, g_strlcpy (p->rule->out, arg, NFL_IFNAMSIZ);
          p->rule_words = TRUE;
          continue;
        }
      if (g_str_equal (w, "-p") || g_str_equal (w, "--protocol"))
        {
          gboolean invert;
          guint8 proto;

          if ((arg = next_arg (p, word, error)) == NULL)
            return FALSE;
          take_invert (p, &invert);
          if (p->rule->has_proto)
            return fail (p, word, error, "multiple -p flags not allowed");
          if (!parse_protocol (arg, &proto))
            return fail (p, word + 1, error, "unknown protocol \"%s\" specified: use tcp, udp, icmp, all or a number", arg);
          if (proto == 0 && invert)
            return fail (p, word + 1, error, "rule would never match protocol (! -p all)");
          p->rule->has_proto = proto != 0 || invert;
          p->rule->proto_invert = invert;
          p->rule->proto = proto;
          p->rule_words = TRUE;
          continue;
        }
      if (g_str_equal (w, "-f") || g_str_equal (w, "--fragment"))
        {
          take_invert (p, &p->rule->frag_invert);
          p->rule->frag = TRUE;
          p->rule_words = TRUE;
          continue;
        }
      if (g_str_equal (w, "-m") || g_str_equal (w, "--match"))
        {
          if ((arg = next_arg (p, word, error)) == NULL)
            return FALSE;
          if (p->invert)
            return fail (p, p->invert_word, error, "unexpected ! flag before --match");
          if (!parse_match_module (p, arg, word + 1, error))
            return FALSE;
          continue;
        }
      if (g_str_equal (w, "-j") || g_str_equal (w, "--jump") ||
          g_str_equal (w, "-g") || g_str_equal (w, "--goto"))
        {
          gboolean is_goto = w[1] == 'g' || g_str_equal (w, "--goto");

          if ((arg = next_arg (p, word, error)) == NULL)
            return FALSE;
          if (!parse_target (p, arg, word, is_goto, error))
            return FALSE;
          target_word = word;
          p->target_word = word;
          continue;
        }
      if (g_str_equal (w, "-c") || g_str_equal (w, "--set-counters"))
        {
          /* iptables-restore's "[p:b]" arrives here as -c P B */
          guint64 packets, bytes;

          if (p->pos + 1 >= p->argc + 0 && p->pos + 1 > p->argc - 1)
            return fail (p, word, error, "-c requires packet and byte counter");
          if (!parse_uint (p->argv[p->pos], G_MAXUINT64, &packets) ||
              !parse_uint (p->argv[p->pos + 1], G_MAXUINT64, &bytes))
            return fail (p, word, error, "-c requires packet and byte counter");
          p->rule->packets = packets;
          p->rule->bytes = bytes;
          p->pos += 2;
          continue;
        }

      /* options of matches and targets */
      if (g_str_has_prefix (w, "--"))
        {
          gboolean handled = FALSE;

          if (p->rule->target.kind != NFL_TARGET_NONE &&
              target_takes_option (p->rule->target.kind, w))
            {
              if (!parse_target_option (p, w, word, error))
                return FALSE;
              continue;
            }
          if (!parse_match_option (p, w, word, &handled, error))
            return FALSE;
          if (handled)
            continue;
        }

      if (p->rule->target.kind == NFL_TARGET_NONE && g_str_has_prefix (w, "--") &&
          (target_takes_option (NFL_TARGET_DNAT, w) || target_takes_option (NFL_TARGET_LOG, w) ||
           target_takes_option (NFL_TARGET_REJECT, w)))
        return fail (p, word, error, "unknown option \"%s\": target options come after “-j TARGET”", w);
      if (g_str_equal (w, "--dport") || g_str_equal (w, "--sport"))
        return fail (p, word, error,
                     "unknown option \"%s\": a port match needs “-p tcp” or “-p udp” before it", w);
      return fail (p, word, error, "unknown option \"%s\"", w);
    }

  if (p->invert)
    return fail (p, p->invert_word, error, "“!” at the end of the line negates nothing");
  if (target_word >= 0 && !finish_target (p, target_word, error))
    return FALSE;
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* commands                                                                */
/* ---------------------------------------------------------------------- */

static NflChain *
require_chain (Parser     *p,
               NflRuleset *ruleset,
               GError    **error)
{
  NflChain *chain = nfl_ruleset_find_chain (ruleset, p->table, p->chain);

  if (chain == NULL)
    {
      GString *hint = g_string_new (NULL);

      for (guint t = 0; t < NFL_N_TABLES; t++)
        if (t != p->table && nfl_ruleset_find_chain (ruleset, t, p->chain) != NULL)
          g_string_append_printf (hint, "%s%s", hint->len ? ", " : "", nfl_table_name (t));
      fail (p, p->command_word + 1, error,
            "No chain/target/match by that name: table %s has no chain “%s”%s%s%s",
            nfl_table_name (p->table), p->chain,
            hint->len ? " (it exists in " : "", hint->str, hint->len ? ": add -t)" : "");
      g_string_free (hint, TRUE);
      return NULL;
    }
  return chain;
}

static gboolean
valid_new_chain_name (Parser     *p,
                      const char *name,
                      int         word,
                      GError    **error)
{
  static const char *reserved[] = {
    "ACCEPT", "DROP", "RETURN", "QUEUE", "REJECT", "LOG", "DNAT", "SNAT", "MASQUERADE",
    "REDIRECT", "MARK", "TOS", "TTL", "NOTRACK", "CT", "TRACE", NULL
  };

  if (strlen (name) > NFL_CHAIN_MAXLEN)
    return fail (p, word, error, "chain name `%s' too long (must be under 29 chars)", name);
  if (*name == '\0' || *name == '-' || *name == '!' || strchr (name, ' ') != NULL || strchr (name, '\t') != NULL)
    return fail (p, word, error, "Invalid chain name `%s': it must not be empty, start with “-” or “!”, or contain spaces", name);
  if (g_strv_contains (reserved, name))
    return fail (p, word, error, "chain name `%s' is a target name and cannot be a chain", name);
  return TRUE;
}

static gboolean
delete_chain (Parser     *p,
              NflRuleset *ruleset,
              NflChain   *chain,
              GError    **error)
{
  GPtrArray *chains = ruleset->tables[p->table].chains;
  guint refs;

  if (chain->builtin)
    return fail (p, p->command_word + 1, error, "Cannot delete built-in chain %s", chain->name);
  refs = nfl_ruleset_count_references (ruleset, p->table, chain->name);
  if (refs > 0)
    return fail (p, p->command_word + (p->chain ? 1 : 0), error,
                 "CHAIN_USER_DEL failed (Device or resource busy): chain %s is referenced by %u rule%s; "
                 "delete those first", chain->name, refs, refs == 1 ? "" : "s");
  if (chain->rules->len > 0)
    return fail (p, p->command_word + (p->chain ? 1 : 0), error,
                 "CHAIN_USER_DEL failed (Device or resource busy): chain %s is not empty; flush it first with -F",
                 chain->name);
  g_ptr_array_remove (chains, chain);
  return TRUE;
}

static gboolean
run_command (Parser     *p,
             NflRuleset *ruleset,
             GString    *output,
             GError    **error)
{
  NflTable *table = &ruleset->tables[p->table];
  NflChain *chain = NULL;
  gboolean takes_rule = p->command == CMD_APPEND || p->command == CMD_INSERT ||
                        p->command == CMD_REPLACE || p->command == CMD_CHECK ||
                        (p->command == CMD_DELETE && p->rule_number == 0);

  if (p->command == CMD_NONE)
    return fail (p, -1, error, "no command specified: use -A, -I, -R, -D, -F, -N, -X, -P, -L, -S, -Z or -E");
  if (p->rule_words && !takes_rule)
    return fail (p, p->command_word, error, "%s takes no rule options", p->argv[p->command_word]);

  switch (p->command)
    {
    case CMD_APPEND:
    case CMD_INSERT:
      if (require_chain (p, ruleset, error) == NULL)
        return FALSE;
      {
        GError *local = NULL;
        if (!nfl_ruleset_insert_rule (ruleset, p->table, p->chain,
                                      p->command == CMD_APPEND ? -1 : MAX (p->rule_number, 1),
                                      g_steal_pointer (&p->rule), &local))
          {
            if (p->bad_word)
              *p->bad_word = strstr (local->message, "Index") ? p->command_word + 2 :
                             p->target_word >= 0 ? p->target_word + 1 : -1;
            g_propagate_error (error, local);
            return FALSE;
          }
      }
      return TRUE;

    case CMD_REPLACE:
      if ((chain = require_chain (p, ruleset, error)) == NULL)
        return FALSE;
      if ((guint) p->rule_number > chain->rules->len)
        return fail (p, p->command_word + 2, error,
                     "Index of replacement too big: chain %s has %u rule%s", chain->name,
                     chain->rules->len, chain->rules->len == 1 ? "" : "s");
      {
        NflRule *old = g_ptr_array_steal_index (chain->rules, p->rule_number - 1);
        GError *local = NULL;

        if (!nfl_ruleset_insert_rule (ruleset, p->table, p->chain, p->rule_number,
                                      g_steal_pointer (&p->rule), &local))
          {
            g_ptr_array_insert (chain->rules, p->rule_number - 1, old);
            if (p->bad_word)
              *p->bad_word = p->target_word >= 0 ? p->target_word + 1 : -1;
            g_propagate_error (error, local);
            return FALSE;
          }
        nfl_rule_free (old);
      }
      return TRUE;

    case CMD_DELETE:
    case CMD_CHECK:
      if ((chain = require_chain (p, ruleset, error)) == NULL)
        return FALSE;
      if (p->rule_number > 0)
        {
          if ((guint) p->rule_number > chain->rules->len)
            return fail (p, p->command_word + 2, error,
                         "Index of deletion too big: chain %s has %u rule%s", chain->name,
                         chain->rules->len, chain->rules->len == 1 ? "" : "s");
          g_ptr_array_remove_index (chain->rules, p->rule_number - 1);
          return TRUE;
        }
      finish_target (p, p->command_word, NULL);
      for (guint i = 0; i < chain->rules->len; i++)
        if (nfl_rule_equal_spec (g_ptr_array_index (chain->rules, i), p->rule))
          {
            if (p->command == CMD_DELETE)
              g_ptr_array_remove_index (chain->rules, i);
            return TRUE;
          }
      return fail (p, -1, error,
                   p->command == CMD_DELETE
                     ? "Bad rule (does a matching rule exist in that chain?)"
                     : "Bad rule (does a matching rule exist in that chain?)");

    case CMD_FLUSH:
    case CMD_ZERO:
      if (p->chain != NULL)
        {
          if ((chain = require_chain (p, ruleset, error)) == NULL)
            return FALSE;
          if (p->command == CMD_FLUSH)
            g_ptr_array_set_size (chain->rules, 0);
          else if (p->rule_number > 0)
            {
              NflRule *rule;
              if ((guint) p->rule_number > chain->rules->len)
                return fail (p, p->command_word + 2, error, "Index of rule too big");
              rule = g_ptr_array_index (chain->rules, p->rule_number - 1);
              rule->packets = rule->bytes = 0;
            }
          else
            {
              chain->packets = chain->bytes = 0;
              for (guint i = 0; i < chain->rules->len; i++)
                {
                  NflRule *rule = g_ptr_array_index (chain->rules, i);
                  rule->packets = rule->bytes = 0;
                }
            }
          return TRUE;
        }
      for (guint c = 0; c < table->chains->len; c++)
        {
          chain = g_ptr_array_index (table->chains, c);
          if (p->command == CMD_FLUSH)
            g_ptr_array_set_size (chain->rules, 0);
          else
            {
              chain->packets = chain->bytes = 0;
              for (guint i = 0; i < chain->rules->len; i++)
                {
                  NflRule *rule = g_ptr_array_index (chain->rules, i);
                  rule->packets = rule->bytes = 0;
                }
            }
        }
      return TRUE;

    case CMD_NEW_CHAIN:
      if (!valid_new_chain_name (p, p->chain, p->command_word + 1, error))
        return FALSE;
      if (nfl_ruleset_find_chain (ruleset, p->table, p->chain) != NULL)
        return fail (p, p->command_word + 1, error, "Chain already exists: table %s already has a chain “%s”",
                     nfl_table_name (p->table), p->chain);
      _nfl_table_add_user_chain (table, _nfl_chain_new_user (p->chain));
      table->present = TRUE;
      return TRUE;

    case CMD_DELETE_CHAIN:
      if (p->chain != NULL)
        {
          if ((chain = require_chain (p, ruleset, error)) == NULL)
            return FALSE;
          return delete_chain (p, ruleset, chain, error);
        }
      /* all user chains: check them all first so nothing is half done */
      for (guint c = 0; c < table->chains->len; c++)
        {
          chain = g_ptr_array_index (table->chains, c);
          if (chain->builtin)
            continue;
          if (chain->rules->len > 0)
            return fail (p, p->command_word, error,
                         "CHAIN_USER_DEL failed (Device or resource busy): chain %s is not empty; flush it first with -F",
                         chain->name);
        }
      for (guint c = 0; c < table->chains->len; c++)
        {
          NflChain *builtin = g_ptr_array_index (table->chains, c);
          if (!builtin->builtin)
            continue;
          for (guint r = 0; r < builtin->rules->len; r++)
            {
              NflRule *rule = g_ptr_array_index (builtin->rules, r);
              if (rule->target.kind == NFL_TARGET_JUMP || rule->target.kind == NFL_TARGET_GOTO)
                return fail (p, p->command_word, error,
                             "CHAIN_USER_DEL failed (Device or resource busy): chain %s is referenced from %s",
                             rule->target.chain, builtin->name);
            }
        }
      for (guint c = table->chains->len; c > 0; c--)
        {
          chain = g_ptr_array_index (table->chains, c - 1);
          if (!chain->builtin)
            g_ptr_array_remove_index (table->chains, c - 1);
        }
      return TRUE;

    case CMD_POLICY:
      if ((chain = require_chain (p, ruleset, error)) == NULL)
        return FALSE;
      if (!chain->builtin)
        return fail (p, p->command_word + 1, error,
                     "Bad built-in chain name: %s is a user chain, and only built-in chains have a policy",
                     chain->name);
      if (g_str_equal (p->second, "ACCEPT"))
        chain->policy = NFL_POLICY_ACCEPT;
      else if (g_str_equal (p->second, "DROP"))
        chain->policy = NFL_POLICY_DROP;
      else
        return fail (p, p->command_word + 2, error,
                     "Bad policy name “%s”: a policy is ACCEPT or DROP", p->second);
      table->present = TRUE;
      return TRUE;

    case CMD_RENAME:
      if ((chain = require_chain (p, ruleset, error)) == NULL)
        return FALSE;
      if (chain->builtin)
        return fail (p, p->command_word + 1, error, "Cannot rename the built-in chain %s", chain->name);
      if (!valid_new_chain_name (p, p->second, p->command_word + 2, error))
        return FALSE;
      if (nfl_ruleset_find_chain (ruleset, p->table, p->second) != NULL)
        return fail (p, p->command_word + 2, error, "File exists: table %s already has a chain “%s”",
                     nfl_table_name (p->table), p->second);
      for (guint c = 0; c < table->chains->len; c++)
        {
          NflChain *ch = g_ptr_array_index (table->chains, c);
          for (guint r = 0; r < ch->rules->len; r++)
            {
              NflRule *rule = g_ptr_array_index (ch->rules, r);
              if ((rule->target.kind == NFL_TARGET_JUMP || rule->target.kind == NFL_TARGET_GOTO) &&
                  g_str_equal (rule->target.chain, chain->name))
                g_strlcpy (rule->target.chain, p->second, sizeof rule->target.chain);
            }
        }
      {
        guint index;
        if (g_ptr_array_find (table->chains, chain, &index))
          g_ptr_array_steal_index (table->chains, index);
      }
      g_free (chain->name);
      chain->name = g_strdup (p->second);
      _nfl_table_add_user_chain (table, chain);
      return TRUE;

    case CMD_LIST:
      if (p->chain != NULL && require_chain (p, ruleset, error) == NULL)
        return FALSE;
      nfl_iptables_list (ruleset, p->table, p->chain, p->numeric, p->verbose, p->exact,
                         p->line_numbers, output);
      return TRUE;

    case CMD_LIST_RULES:
      if (p->chain != NULL && (chain = require_chain (p, ruleset, error)) == NULL)
        return FALSE;
      if (chain != NULL && (guint) p->rule_number > chain->rules->len)
        return fail (p, p->command_word + 2, error, "Index of rule too big");
      nfl_iptables_list_rules (ruleset, p->table, p->chain, p->rule_number, p->verbose, output);
      return TRUE;

    case CMD_NONE:
    default:
      g_assert_not_reached ();
    }
}

gboolean
nfl_iptables_run (NflRuleset  *ruleset,
                  int          argc,
                  char       **argv,
                  GString     *output,
                  int         *bad_word,
                  GError     **error)
{
  Parser p = { 0 };
  g_autoptr(GString) scratch = NULL;
  gboolean ok;

  g_return_val_if_fail (ruleset != NULL, FALSE);
  g_return_val_if_fail (argc >= 1, FALSE);

  if (bad_word != NULL)
    *bad_word = -1;
  if (output == NULL)
    output = scratch = g_string_new (NULL);

  p.argc = argc;
  p.argv = argv;
  p.pos = 1;
  p.bad_word = bad_word;
  p.target_word = -1;
  p.table = NFL_TABLE_FILTER;
  p.rule = nfl_rule_new ();

  ok = parse_words (&p, FALSE, error) && run_command (&p, ruleset, output, error);
  nfl_rule_free (p.rule);
  return ok;
}

NflRule *
nfl_iptables_parse_rule (int     argc,
                         char  **argv,
                         int    *bad_word,
                         GError **error)
{
  Parser p = { 0 };

  if (bad_word != NULL)
    *bad_word = -1;
  p.argc = argc;
  p.argv = argv;
  p.pos = 0;
  p.bad_word = bad_word;
  p.rule = nfl_rule_new ();
  if (!parse_words (&p, TRUE, error))
    {
      nfl_rule_free (p.rule);
      return NULL;
    }
  return p.rule;
}
