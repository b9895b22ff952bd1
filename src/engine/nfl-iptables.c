/* nfl-iptables.c: the iptables command line, with iptables' own checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The words are read the way iptables 1.8.9 reads them (do_parse() with
 * getopt_long(): clustered short options "-nvL", arguments glued to them
 * "-tnat", long options shortened to any unambiguous beginning "--to"),
 * and the same checks are made in the same order.  The messages are our
 * own: they start with iptables' words where those fit and then say why.
 * tests/data/iptables holds what the real program printed.
 */
#include "config.h"

#include <math.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>

#include "nfl-commands.h"
#include "nfl-format-error.h"
#include "nfl-iptables.h"
#include "nfl-rule-private.h"

#define IPTABLES_VERSION "iptables v1.8.9 (nf_tables)"

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

/* iptables' OPT_* options, in the order of its optflags[] */
enum {
  OPT_NUMERIC,
  OPT_SOURCE,
  OPT_DESTINATION,
  OPT_PROTOCOL,
  OPT_JUMP,
  OPT_VERBOSE,
  OPT_EXPANDED,
  OPT_VIANAMEIN,
  OPT_VIANAMEOUT,
  OPT_LINENUMBERS,
  OPT_COUNTERS,
  OPT_FRAGMENT,
  N_OPTS
};

static const char optflags[N_OPTS] = { 'n', 's', 'd', 'p', 'j', 'v', 'x', 'i', 'o', '0', 'c', 'f' };

typedef struct {
  guint32 addr;
  guint32 mask;
} AddrMask;

/* -s A,B,…: nearly always one address, kept without an allocation (a
 * restore file parses tens of thousands of rules) */
typedef struct {
  guint     len;
  AddrMask  first;
  GArray   *more;   /* AddrMask: the second one on */
} AddrList;

static const AddrMask *
addr_list_get (const AddrList *list,
               guint           i)
{
  return i == 0 ? &list->first : &g_array_index (list->more, AddrMask, i - 1);
}

static void
addr_list_append (AddrList       *list,
                  const AddrMask *am)
{
  if (list->len == 0)
    list->first = *am;
  else
    {
      if (list->more == NULL)
        list->more = g_array_new (FALSE, FALSE, sizeof (AddrMask));
      g_array_append_vals (list->more, am, 1);
    }
  list->len++;
}

static void
addr_list_clear (AddrList *list)
{
  g_clear_pointer (&list->more, g_array_unref);
  list->len = 0;
}

/* libxt_CONNMARK's options in the order of its table, which is the order
 * its final check looks for two that exclude each other */
static const char *const connmark_option_order[] = {
  "--set-xmark", "--set-mark", "--and-mark", "--or-mark", "--xor-mark", "--save-mark", "--restore-mark",
  "--ctmask", "--nfmask", "--mask",
};
#define N_CONNMARK_OPTIONS 10
#define N_CONNMARK_OPS     7   /* the first seven are operations, one of them is needed */

/* libxt_recent's options in the order of its table (its final check
 * looks for two that exclude each other in this order) */
static const char *const recent_option_order[] = {
  "set", "rcheck", "update", "remove", "seconds", "reap", "hitcount", "rttl", "name", "rsource", "rdest", "mask",
};
#define N_RECENT_OPTIONS 12
#define N_RECENT_OPS     4   /* the first four are the actions, one of them is needed */

typedef struct {
  int   word;      /* where the match was loaded */
  guint options;   /* how many of its options were given */
  gboolean rate_given, burst_given;   /* limit's --limit, --limit-burst */
  gboolean mode_given, every_given, packet_given, probability_given;   /* statistic's */
  gboolean loaded;   /* by -m, not by -p */
  int      recent_word[N_RECENT_OPTIONS];   /* recent: where each option was given, or 0 */
} MatchInfo;

typedef struct {
  int          argc;
  char       **argv;
  int          pos;          /* index of the next word */
  int         *bad_word;
  const char  *attached;     /* an argument glued to its option: -tnat, --to=… */

  Command      command;
  int          command_word;
  gboolean     zero;         /* -Z given with -L or -S */
  int          zero_word;
  gboolean     zero_number;  /* that -Z came with a rule number */
  gboolean     version;      /* -V: print the version, do nothing else */
  gboolean     help;
  gboolean     rule_command; /* only -A, -I and -R may be given */
  NflTableId   table;
  int          table_word;
  char        *chain;        /* borrowed from argv */
  int          chain_word;
  char        *second;       /* new name (-E) or policy (-P) */
  int          rule_number;  /* -I/-R/-D/-L/-S/-Z position, 0 = none */
  int          rule_number_word;
  int          verbose;
  int          opt_word[N_OPTS];   /* where each option was given, or -1 */

  const char  *source_text;  /* -s, read after the loop */
  int          source_word;
  const char  *destination_text;
  int          destination_word;
  AddrList     sources;      /* -s A,B makes one rule per address */
  AddrList     destinations;

  NflRule     *rule;
  gboolean     rule_words;   /* any rule option given */
  gboolean     keep_unmodelled;  /* keep what the simulator lacks as written */
  const char * const *spelled;   /* the words as the text had them, or NULL */
  GArray      *match_info;   /* MatchInfo per match of the rule */
  int          target_word;  /* index of -j/-g, or -1 */
  int          connmark_word[N_CONNMARK_OPTIONS];  /* where each CONNMARK option was given, or 0 */
  guint        target_given; /* NFLOG's, NFQUEUE's, TCPMSS's or CHECKSUM's options given, a bit each in the order of its table */
  int          target_arg_word;  /* the target's name: the next word, or -j's own when glued */
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
    *p->bad_word = word < p->argc ? word : -1;
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

/* xtables_strtoui(): strtoul() with base 0, so "0x16" and "026" are 22 */
static gboolean
parse_c_uint (const char *text,
              guint64     max,
              guint64    *out)
{
  char *end = NULL;
  guint64 value;

  if (text == NULL)
    return FALSE;
  while (g_ascii_isspace (*text))
    text++;
  if (*text == '-' || *text == '\0')
    return FALSE;
  value = g_ascii_strtoull (text, &end, 0);
  if (end == text || *end != '\0' || value > max)
    return FALSE;
  *out = value;
  return TRUE;
}

/* xtables_parse_port(): a number or a name from /etc/services */
static gboolean
parse_port (const char *text,
            guint16    *port)
{
  guint64 value;

  if (parse_c_uint (text, 65535, &value))
    {
      *port = value;
      return TRUE;
    }
  return _nfl_service_port (text, port);
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
  return TRUE;
}

/* xtables_parse_protocol(): lower case, a number, or a name */
static gboolean
parse_protocol (const char *text,
                guint8     *proto)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);
  guint64 value;

  if (parse_c_uint (lower, 255, &value))
    {
      *proto = value;
      return TRUE;
    }
  return _nfl_protocol_number (lower, proto);
}

/* __numeric_to_ipaddr(): up to four numbers; an address with fewer is
 * completed with zeros ("10.1" is 10.1.0.0), a mask is not */
static gboolean
parse_dotted (const char *text,
              gboolean    is_mask,
              guint32    *out)
{
  /* split at the dots into a buffer on the stack: this runs for every
   * address of every rule a restore file holds */
  char part[20];
  const char *start = text;
  guint32 value = 0;
  guint n = 0;

  if (strlen (text) > 19)
    return FALSE;
  for (;;)
    {
      const char *end = start;
      gboolean decimal = TRUE;
      size_t len;
      guint64 byte = 0;

      /* to the next dot, by hand: strchr and strspn calls cost more than
       * these few characters */
      for (; *end != '.' && *end != '\0'; end++)
        decimal = decimal && g_ascii_isdigit (*end);
      len = end - start;
      if (++n > 4)
        return FALSE;
      if (decimal && len >= 1 && len <= 3 && (start[0] != '0' || len == 1))
        {
          /* the usual plain decimal part, without strtoull */
          for (size_t k = 0; k < len; k++)
            byte = byte * 10 + (start[k] - '0');
          if (byte > 255)
            return FALSE;
        }
      else
        {
          /* octal "010", hex "0x1f", as C reads them */
          memcpy (part, start, len);
          part[len] = '\0';
          if (!parse_c_uint (part, 255, &byte))
            return FALSE;
        }
      value = (value << 8) | (guint32) byte;
      if (*end == '\0')
        break;
      start = end + 1;
    }
  if (is_mask && n != 4)
    return FALSE;
  *out = value << (8 * (4 - n));
  return TRUE;
}

typedef enum {
  ADDR_OK,
  ADDR_BAD_MASK,
  ADDR_NOT_FOUND,
} AddrResult;

/* xtables_ipparse_multiple(): "A[/M][,B[/M]…]" where each A is an
 * address, a network name or a host name; *bad is the part in error */
static AddrResult
parse_address_list (const char  *text,
                    AddrList    *out,
                    char       **bad)
{
  const char *part = text;

  addr_list_clear (out);
  if (*text == '\0')
    {
      *bad = g_strdup ("");
      return ADDR_NOT_FOUND;
    }
  for (;;)
    {
      const char *comma = strchr (part, ',');
      size_t len = comma != NULL ? (size_t) (comma - part) : strlen (part);
      /* a buffer on the stack for the usual short part: this runs for
       * every address of every rule a restore file holds */
      char buffer[64];
      g_autofree char *heap = NULL;
      char *host;
      char *slash;
      AddrMask am = { 0, 0xffffffffu };

      while (len > 0 && g_ascii_isspace (*part))
        part++, len--;
      host = len < sizeof buffer ? buffer : (heap = g_malloc (len + 1));
      memcpy (host, part, len);
      host[len] = '\0';
      slash = strrchr (host, '/');
      if (slash != NULL)
        {
          guint64 bits;

          *slash = '\0';
          /* a mask without a dot is a prefix length (parse_dotted would
           * refuse it anyway: a dotted mask has four parts) */
          if (strchr (slash + 1, '.') == NULL || !parse_dotted (slash + 1, TRUE, &am.mask))
            {
              if (!parse_c_uint (slash + 1, 32, &bits))
                {
                  *bad = g_strdup (slash + 1);
                  return ADDR_BAD_MASK;
                }
              am.mask = nfl_prefix_mask (bits);
            }
        }
      /* with a /0 mask the name does not matter, as in "any/0" */
      if (am.mask == 0)
        am.addr = 0;
      else if (!parse_dotted (host, FALSE, &am.addr) && !_nfl_host_address (host, &am.addr))
        {
          *bad = g_strdup (host);
          return ADDR_NOT_FOUND;
        }
      am.addr &= am.mask;
      addr_list_append (out, &am);
      if (comma == NULL)
        break;
      part = comma + 1;
    }
  return ADDR_OK;
}

/* xtables_parse_mark_mask (): VALUE[/MASK], each as strtoul () with base
 * 0 reads it ("010" is 8), the mask all ones when not given */
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
      if (!parse_c_uint (slash + 1, 0xffffffffu, &m))
        return FALSE;
    }
  if (!parse_c_uint (copy, 0xffffffffu, &v))
    return FALSE;
  *value = v;
  *mask = m;
  if (has_mask != NULL)
    *has_mask = slash != NULL;
  return TRUE;
}

/* conntrack_ps_states(), state_parse_states(): every state may be
 * shortened and written in any case, "est" is ESTABLISHED */
static gboolean
parse_ct_states (const char *text,
                 gboolean    conntrack,
                 guint      *states)
{
  static const NflCtState order[] = {
    NFL_CT_INVALID, NFL_CT_NEW, NFL_CT_ESTABLISHED, NFL_CT_RELATED,
    NFL_CT_UNTRACKED, NFL_CT_SNAT, NFL_CT_DNAT,
  };
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  *states = 0;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      size_t len = strlen (parts[i]);
      gboolean found = FALSE;

      if (len == 0)
        return FALSE;
      for (guint s = 0; s < G_N_ELEMENTS (order) && !found; s++)
        {
          /* -m state knows only the first five */
          if (!conntrack && (order[s] == NFL_CT_SNAT || order[s] == NFL_CT_DNAT))
            continue;
          if (g_ascii_strncasecmp (parts[i], nfl_ct_state_name (order[s]), len) == 0 &&
              len <= strlen (nfl_ct_state_name (order[s])))
            {
              *states |= order[s];
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

/* xtopt_parse_sysloglevel(): 0-7 or one of these names, exactly */
static gboolean
parse_log_level (const char *text,
                 guint8     *level)
{
  static const struct { const char *name; guint8 level; } names[] = {
    { "alert", 1 }, { "crit", 2 }, { "debug", 7 }, { "emerg", 0 }, { "error", 3 },
    { "info", 6 }, { "notice", 5 }, { "panic", 0 }, { "warning", 4 },
  };
  guint64 value;

  if (parse_c_uint (text, 7, &value))
    {
      *level = value;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (text, names[i].name) == 0)
      {
        *level = names[i].level;
        return TRUE;
      }
  return FALSE;
}

/* xtables_strtoui () with an end: a number in C's notation (0x10, 010)
 * at the start of @text, what follows it in *end */
static gboolean
parse_port_prefix (const char  *text,
                   guint64      min,
                   guint64     *value,
                   const char **end)
{
  const char *p = text;
  char *stop = NULL;

  while (g_ascii_isspace (*p))
    p++;
  if (*p == '-')
    return FALSE;
  *value = g_ascii_strtoull (text, &stop, 0);
  if (stop == text || *value < min || *value > 65535)
    return FALSE;
  *end = stop;
  return TRUE;
}

/* libxt_NAT's parse_ports (): PORT, PORT-PORT or PORT-PORT/BASE (a
 * shifted port map, NF_NAT_RANGE_PROTO_OFFSET), BASE from @min_base.  A
 * service name stands for the whole of PORT ("ftp-data" is 20) or of
 * BASE, never for the end of a range ("10-ssh" and "ssh-http" are
 * refused, as iptables refuses them). */
static gboolean
parse_nat_ports (const char *text,
                 guint       min_base,
                 NflTarget  *t)
{
  guint64 lo, hi, base;
  const char *end;
  guint16 named;

  if (!parse_port_prefix (text, 0, &lo, &end))
    {
      if (!_nfl_service_port (text, &named))
        return FALSE;
      lo = named;
      end = "";
    }
  hi = lo;
  if (*end == '-')
    {
      /* "Port range funky" when the end comes before the start */
      if (!parse_port_prefix (end + 1, 0, &hi, &end) || hi < lo)
        return FALSE;
      if (*end == '/')
        {
          const char *ignored;

          /* a number may be followed by anything, as xtables_strtoui ()
           * with an end allows; otherwise a name */
          if (!parse_port_prefix (end + 1, min_base, &base, &ignored))
            {
              if (!_nfl_service_port (end + 1, &named))
                return FALSE;
              base = named;
            }
          t->nat_flags |= NFL_NAT_PORT_SHIFT;
          t->nat_port_base = base;
          end = "";
        }
    }
  if (*end != '\0')
    return FALSE;
  t->nat_has_ports = TRUE;
  t->nat_port_lo = lo;
  t->nat_port_hi = hi;
  return TRUE;
}

/* "a.b.c.d[-e.f.g.h][:ports]" for DNAT and SNAT (libxt_NAT's parse_to ()),
 * where the address may be left out (":8080"); only the ports for
 * --to-ports */
static gboolean
parse_nat_range (const char *text,
                 NflTarget  *t,
                 gboolean    with_addr,
                 guint       min_base)
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
  return ports == NULL || parse_nat_ports (ports, min_base, t);
}

/* ---------------------------------------------------------------------- */
/* the options iptables knows                                              */
/* ---------------------------------------------------------------------- */

typedef enum {
  ARG_NONE,
  ARG_REQUIRED,
  ARG_OPTIONAL,
} ArgKind;

typedef struct {
  const char *name;        /* without the leading "--" */
  char        letter;      /* the short option it stands for, or 0 */
  ArgKind     arg;
} GlobalOption;

/* original_opts[] of xtables.c */
static const GlobalOption global_options[] = {
  { "append", 'A', ARG_REQUIRED }, { "delete", 'D', ARG_REQUIRED },
  { "check", 'C', ARG_REQUIRED }, { "insert", 'I', ARG_REQUIRED },
  { "replace", 'R', ARG_REQUIRED }, { "list", 'L', ARG_OPTIONAL },
  { "list-rules", 'S', ARG_OPTIONAL }, { "flush", 'F', ARG_OPTIONAL },
  { "zero", 'Z', ARG_OPTIONAL }, { "new-chain", 'N', ARG_REQUIRED },
  { "delete-chain", 'X', ARG_OPTIONAL }, { "rename-chain", 'E', ARG_REQUIRED },
  { "policy", 'P', ARG_REQUIRED }, { "source", 's', ARG_REQUIRED },
  { "destination", 'd', ARG_REQUIRED }, { "src", 's', ARG_REQUIRED },
  { "dst", 'd', ARG_REQUIRED }, { "protocol", 'p', ARG_REQUIRED },
  { "in-interface", 'i', ARG_REQUIRED }, { "jump", 'j', ARG_REQUIRED },
  { "table", 't', ARG_REQUIRED }, { "match", 'm', ARG_REQUIRED },
  { "numeric", 'n', ARG_NONE }, { "out-interface", 'o', ARG_REQUIRED },
  { "verbose", 'v', ARG_NONE }, { "wait", 'w', ARG_OPTIONAL },
  { "wait-interval", 'W', ARG_OPTIONAL }, { "exact", 'x', ARG_NONE },
  { "fragments", 'f', ARG_NONE }, { "version", 'V', ARG_NONE },
  { "help", 'h', ARG_OPTIONAL }, { "line-numbers", '0', ARG_NONE },
  { "modprobe", 'M', ARG_REQUIRED }, { "set-counters", 'c', ARG_REQUIRED },
  { "goto", 'g', ARG_REQUIRED }, { "ipv4", '4', ARG_NONE }, { "ipv6", '6', ARG_NONE },
};

/* Whether @name is @entry, a name in one of the tables of options,
 * matches and targets.  A restore file looks every option, match and
 * target of each rule up in several of them: comparing the first letters
 * before calling strcmp () spares most of the calls (they were a fifth
 * of the time of a restore). */
static inline gboolean
name_is (const char *entry,
         const char *name)
{
  return entry[0] == name[0] && strcmp (entry, name) == 0;
}

static const GlobalOption *
find_global_option (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (global_options); i++)
    if (name_is (global_options[i].name, name))
      return &global_options[i];
  return NULL;
}

/* IPT_OPTSTRING: "A:C:D:R:I:L::S::M:F::Z::N:X::E:P:Vh::o:p:s:d:j:i:fbvw::W::nt:m:xc:g:46" */
static gboolean
short_option (char     letter,
              ArgKind *arg)
{
  static const char required[] = "ACDRIMNEPopsdjitmcg";
  static const char optional[] = "LSFZXhwW";
  static const char none[] = "Vfbvnx46";

  if (letter == '\0')
    return FALSE;
  if (strchr (required, letter) != NULL)
    *arg = ARG_REQUIRED;
  else if (strchr (optional, letter) != NULL)
    *arg = ARG_OPTIONAL;
  else if (strchr (none, letter) != NULL)
    *arg = ARG_NONE;
  else
    return FALSE;
  return TRUE;
}

/* The options of the matches and targets, as their libraries register
 * them.  The ones marked unmodelled exist in iptables, but the simulator
 * could not evaluate a rule that uses them, so they are refused. */
typedef struct {
  const char *name;
  ArgKind     arg;
  gboolean    invertible;
  gboolean    unmodelled;
} ExtOption;

static const ExtOption tcp_options[] = {
  { "source-port", ARG_REQUIRED, TRUE }, { "sport", ARG_REQUIRED, TRUE },
  { "destination-port", ARG_REQUIRED, TRUE }, { "dport", ARG_REQUIRED, TRUE },
  { "syn", ARG_NONE, TRUE }, { "tcp-flags", ARG_REQUIRED, TRUE },
  { "tcp-option", ARG_REQUIRED, TRUE, TRUE }, { NULL },
};
static const ExtOption udp_options[] = {
  { "source-port", ARG_REQUIRED, TRUE }, { "sport", ARG_REQUIRED, TRUE },
  { "destination-port", ARG_REQUIRED, TRUE }, { "dport", ARG_REQUIRED, TRUE }, { NULL },
};
static const ExtOption icmp_options[] = {
  { "icmp-type", ARG_REQUIRED, TRUE }, { NULL },
};
static const ExtOption multiport_options[] = {
  { "source-ports", ARG_REQUIRED, TRUE }, { "sports", ARG_REQUIRED, TRUE },
  { "destination-ports", ARG_REQUIRED, TRUE }, { "dports", ARG_REQUIRED, TRUE },
  { "ports", ARG_REQUIRED, TRUE }, { NULL },
};
static const ExtOption conntrack_options[] = {
  { "ctstate", ARG_REQUIRED, TRUE },
  { "ctproto", ARG_REQUIRED, TRUE }, { "ctorigsrc", ARG_REQUIRED, TRUE },
  { "ctorigdst", ARG_REQUIRED, TRUE }, { "ctreplsrc", ARG_REQUIRED, TRUE },
  { "ctrepldst", ARG_REQUIRED, TRUE }, { "ctorigsrcport", ARG_REQUIRED, TRUE },
  { "ctorigdstport", ARG_REQUIRED, TRUE }, { "ctreplsrcport", ARG_REQUIRED, TRUE },
  { "ctrepldstport", ARG_REQUIRED, TRUE }, { "ctstatus", ARG_REQUIRED, TRUE },
  { "ctexpire", ARG_REQUIRED, TRUE }, { "ctdir", ARG_REQUIRED, FALSE }, { NULL },
};
static const ExtOption state_options[] = {
  { "state", ARG_REQUIRED, TRUE }, { NULL },
};
static const ExtOption mark_options[] = {
  { "mark", ARG_REQUIRED, TRUE }, { NULL },
};
static const ExtOption comment_options[] = {
  { "comment", ARG_REQUIRED, FALSE }, { NULL },
};
static const ExtOption iprange_options[] = {
  { "src-range", ARG_REQUIRED, TRUE }, { "dst-range", ARG_REQUIRED, TRUE }, { NULL },
};
static const ExtOption length_options[] = {
  { "length", ARG_REQUIRED, TRUE }, { NULL },
};
static const ExtOption ttl_match_options[] = {
  { "ttl-eq", ARG_REQUIRED, TRUE }, { "ttl", ARG_REQUIRED, TRUE }, { "ttl-lt", ARG_REQUIRED },
  { "ttl-gt", ARG_REQUIRED }, { NULL },
};
static const ExtOption physdev_options[] = {
  { "physdev-in", ARG_REQUIRED, TRUE }, { "physdev-out", ARG_REQUIRED, TRUE },
  { "physdev-is-in", ARG_NONE, TRUE }, { "physdev-is-out", ARG_NONE, TRUE },
  { "physdev-is-bridged", ARG_NONE, TRUE }, { NULL },
};
static const ExtOption statistic_options[] = {
  { "mode", ARG_REQUIRED }, { "every", ARG_REQUIRED, TRUE }, { "packet", ARG_REQUIRED },
  { "probability", ARG_REQUIRED, TRUE }, { NULL },
};
static const ExtOption recent_options[] = {
  { "set", ARG_NONE, TRUE }, { "rcheck", ARG_NONE, TRUE }, { "update", ARG_NONE, TRUE },
  { "remove", ARG_NONE, TRUE }, { "seconds", ARG_REQUIRED }, { "reap", ARG_NONE },
  { "hitcount", ARG_REQUIRED }, { "rttl", ARG_NONE }, { "name", ARG_REQUIRED }, { "rsource", ARG_NONE },
  { "rdest", ARG_NONE }, { "mask", ARG_REQUIRED }, { NULL },
};
static const ExtOption owner_options[] = {
  { "uid-owner", ARG_REQUIRED, TRUE }, { "gid-owner", ARG_REQUIRED, TRUE },
  { "socket-exists", ARG_NONE, TRUE }, { "suppl-groups", ARG_NONE }, { NULL },
};
static const ExtOption pkttype_options[] = {
  { "pkt-type", ARG_REQUIRED, TRUE }, { NULL },
};
static const ExtOption limit_options[] = {
  { "limit", ARG_REQUIRED }, { "limit-burst", ARG_REQUIRED }, { NULL },
};
static const ExtOption addrtype_options[] = {
  { "src-type", ARG_REQUIRED, TRUE }, { "dst-type", ARG_REQUIRED, TRUE },
  { "limit-iface-in", ARG_NONE }, { "limit-iface-out", ARG_NONE }, { NULL },
};

static const ExtOption reject_options[] = {
  { "reject-with", ARG_REQUIRED }, { NULL },
};
static const ExtOption log_options[] = {
  { "log-level", ARG_REQUIRED }, { "log-prefix", ARG_REQUIRED },
  { "log-tcp-sequence", ARG_NONE }, { "log-tcp-options", ARG_NONE },
  { "log-ip-options", ARG_NONE }, { "log-uid", ARG_NONE },
  { "log-macdecode", ARG_NONE, FALSE, TRUE }, { NULL },
};
static const ExtOption dnat_options[] = {
  { "to-destination", ARG_REQUIRED }, { "random", ARG_NONE },
  { "random-fully", ARG_NONE }, { "persistent", ARG_NONE }, { NULL },
};
static const ExtOption snat_options[] = {
  { "to-source", ARG_REQUIRED }, { "random", ARG_NONE },
  { "random-fully", ARG_NONE }, { "persistent", ARG_NONE }, { NULL },
};
static const ExtOption masquerade_options[] = {
  { "to-ports", ARG_REQUIRED }, { "random", ARG_NONE }, { "random-fully", ARG_NONE }, { NULL },
};
static const ExtOption redirect_options[] = {
  { "to-ports", ARG_REQUIRED }, { "random", ARG_NONE }, { NULL },
};
static const ExtOption mark_target_options[] = {
  { "set-xmark", ARG_REQUIRED }, { "set-mark", ARG_REQUIRED }, { "and-mark", ARG_REQUIRED },
  { "or-mark", ARG_REQUIRED }, { "xor-mark", ARG_REQUIRED }, { NULL },
};
/* libxt_CONNMARK revision 2; the shifts are kept as written */
static const ExtOption connmark_target_options[] = {
  { "set-xmark", ARG_REQUIRED }, { "set-mark", ARG_REQUIRED }, { "and-mark", ARG_REQUIRED },
  { "or-mark", ARG_REQUIRED }, { "xor-mark", ARG_REQUIRED }, { "save-mark", ARG_NONE },
  { "restore-mark", ARG_NONE }, { "ctmask", ARG_REQUIRED }, { "nfmask", ARG_REQUIRED },
  { "mask", ARG_REQUIRED }, { "left-shift-mark", ARG_REQUIRED, FALSE, TRUE },
  { "right-shift-mark", ARG_REQUIRED, FALSE, TRUE }, { NULL },
};
static const ExtOption nflog_options[] = {
  { "nflog-group", ARG_REQUIRED }, { "nflog-prefix", ARG_REQUIRED }, { "nflog-range", ARG_REQUIRED },
  { "nflog-size", ARG_REQUIRED }, { "nflog-threshold", ARG_REQUIRED }, { NULL },
};
/* libxt_NFQUEUE revision 3 (iptables 1.8.9 has no --fail-open) */
static const ExtOption nfqueue_options[] = {
  { "queue-num", ARG_REQUIRED }, { "queue-balance", ARG_REQUIRED }, { "queue-bypass", ARG_NONE },
  { "queue-cpu-fanout", ARG_NONE }, { NULL },
};
static const ExtOption tcpmss_options[] = {
  { "set-mss", ARG_REQUIRED }, { "clamp-mss-to-pmtu", ARG_NONE }, { NULL },
};
static const ExtOption checksum_options[] = {
  { "checksum-fill", ARG_NONE }, { NULL },
};
static const ExtOption tos_options[] = {
  { "set-tos", ARG_REQUIRED }, { "and-tos", ARG_REQUIRED }, { "or-tos", ARG_REQUIRED },
  { "xor-tos", ARG_REQUIRED }, { NULL },
};
static const ExtOption ttl_options[] = {
  { "ttl-set", ARG_REQUIRED }, { "ttl-dec", ARG_REQUIRED }, { "ttl-inc", ARG_REQUIRED }, { NULL },
};
static const ExtOption ct_options[] = {
  { "notrack", ARG_NONE }, { "helper", ARG_REQUIRED, FALSE, TRUE },
  { "ctevents", ARG_REQUIRED, FALSE, TRUE }, { "expevents", ARG_REQUIRED, FALSE, TRUE },
  { "zone", ARG_REQUIRED, FALSE, TRUE }, { "zone-orig", ARG_REQUIRED, FALSE, TRUE },
  { "zone-reply", ARG_REQUIRED, FALSE, TRUE }, { "timeout", ARG_REQUIRED, FALSE, TRUE }, { NULL },
};

static const ExtOption *
match_options (NflMatchKind kind)
{
  switch (kind)
    {
    case NFL_MATCH_TCP: return tcp_options;
    case NFL_MATCH_UDP: return udp_options;
    case NFL_MATCH_ICMP: return icmp_options;
    case NFL_MATCH_MULTIPORT: return multiport_options;
    case NFL_MATCH_CONNTRACK: return conntrack_options;
    case NFL_MATCH_STATE: return state_options;
    case NFL_MATCH_MARK:
    case NFL_MATCH_CONNMARK: return mark_options;
    case NFL_MATCH_COMMENT: return comment_options;
    case NFL_MATCH_IPRANGE: return iprange_options;
    case NFL_MATCH_ADDRTYPE: return addrtype_options;
    case NFL_MATCH_LIMIT: return limit_options;
    case NFL_MATCH_STATISTIC: return statistic_options;
    case NFL_MATCH_LENGTH: return length_options;
    case NFL_MATCH_TTL: return ttl_match_options;
    case NFL_MATCH_PHYSDEV: return physdev_options;
    case NFL_MATCH_RECENT: return recent_options;
    case NFL_MATCH_OWNER: return owner_options;
    case NFL_MATCH_PKTTYPE: return pkttype_options;
    default: return NULL;
    }
}

static const ExtOption *
target_options (NflTargetKind kind)
{
  switch (kind)
    {
    case NFL_TARGET_REJECT: return reject_options;
    case NFL_TARGET_LOG: return log_options;
    case NFL_TARGET_DNAT: return dnat_options;
    case NFL_TARGET_SNAT: return snat_options;
    case NFL_TARGET_MASQUERADE: return masquerade_options;
    case NFL_TARGET_REDIRECT: return redirect_options;
    case NFL_TARGET_MARK: return mark_target_options;
    case NFL_TARGET_CONNMARK: return connmark_target_options;
    case NFL_TARGET_NFLOG: return nflog_options;
    case NFL_TARGET_NFQUEUE: return nfqueue_options;
    case NFL_TARGET_TCPMSS: return tcpmss_options;
    case NFL_TARGET_CHECKSUM: return checksum_options;
    case NFL_TARGET_TOS: return tos_options;
    case NFL_TARGET_TTL: return ttl_options;
    case NFL_TARGET_CT: return ct_options;
    default: return NULL;
    }
}

static const ExtOption *
find_ext_option (const ExtOption *options,
                 const char      *name)
{
  for (; options != NULL && options->name != NULL; options++)
    if (name_is (options->name, name))
      return options;
  return NULL;
}

/* "--NAME" in @buf, for the messages about a match's or target's option:
 * NAME is a name of the option tables, all far shorter than the buffer.
 * Not allocated: every option of every rule of a restore comes here. */
#define LONG_OPTION_TEXT_SIZE 64

static const char *
long_option_text (char        buf[LONG_OPTION_TEXT_SIZE],
                  const char *name)
{
  gsize len = MIN (strlen (name), LONG_OPTION_TEXT_SIZE - 3);

  buf[0] = buf[1] = '-';
  memcpy (buf + 2, name, len);
  buf[len + 2] = '\0';
  return buf;
}

/* The implicit match "-p tcp" loads when an option it knows comes */
static gboolean
implicit_match (const NflRule *rule,
                NflMatchKind  *kind)
{
  if (!rule->has_proto || rule->proto_invert)
    return FALSE;
  switch (rule->proto)
    {
    case 6: *kind = NFL_MATCH_TCP; return TRUE;
    case 17: *kind = NFL_MATCH_UDP; return TRUE;
    case 1: *kind = NFL_MATCH_ICMP; return TRUE;
    default: return FALSE;
    }
}

typedef struct {
  const char *name;      /* the full name */
  const char *same_as;   /* options that are one option have the same */
} Candidate;

static void
add_candidates (GArray          *candidates,
                const ExtOption *options)
{
  for (; options != NULL && options->name != NULL; options++)
    {
      /* --sport and --source-port are one option of the tcp match */
      const char *same = options->name;

      if (g_str_equal (same, "source-port"))
        same = "sport";
      else if (g_str_equal (same, "destination-port"))
        same = "dport";
      else if (g_str_equal (same, "source-ports"))
        same = "sports";
      else if (g_str_equal (same, "destination-ports"))
        same = "dports";
      g_array_append_vals (candidates, (Candidate[]) { { options->name, g_intern_string (same) } }, 1);
    }
}

/* getopt_long(): an option may be shortened to any beginning that only
 * one option has.  The options are the global ones and those of the
 * matches and the target loaded so far (and, with @implicit, those of
 * the match -p loads).  Returns the full name, or NULL; *ambiguous says
 * whether several options begin so. */
static const char *
exact_option (const ExtOption *options,
              const char      *name)
{
  for (; options != NULL && options->name != NULL; options++)
    if (name_is (options->name, name))
      return options->name;
  return NULL;
}

static const char *
resolve_long_option (Parser     *p,
                     const char *name,
                     gboolean    implicit,
                     gboolean   *ambiguous)
{
  g_autoptr(GArray) candidates = NULL;
  size_t len = strlen (name);
  const Candidate *found = NULL;
  const GlobalOption *global;
  const char *exact = NULL;
  NflMatchKind kind;

  *ambiguous = FALSE;
  /* an option written in full, as iptables-save writes them all: the
   * first candidate of that name below, found without making the list */
  if ((global = find_global_option (name)) != NULL)
    return global->name;
  for (guint i = 0; i < p->rule->n_matches && exact == NULL; i++)
    exact = exact_option (match_options (p->rule->matches[i].kind), name);
  if (exact == NULL)
    exact = exact_option (target_options (p->rule->target.kind), name);
  if (exact == NULL && implicit && implicit_match (p->rule, &kind))
    exact = exact_option (match_options (kind), name);
  if (exact != NULL)
    return exact;

  candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  for (guint i = 0; i < G_N_ELEMENTS (global_options); i++)
    {
      char letter[2] = { global_options[i].letter, '\0' };
      g_array_append_vals (candidates,
                           (Candidate[]) { { global_options[i].name, g_intern_string (letter) } }, 1);
    }
  for (guint i = 0; i < p->rule->n_matches; i++)
    add_candidates (candidates, match_options (p->rule->matches[i].kind));
  add_candidates (candidates, target_options (p->rule->target.kind));
  if (implicit && implicit_match (p->rule, &kind))
    add_candidates (candidates, match_options (kind));

  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, i);

      if (strcmp (c->name, name) == 0)
        return c->name;
    }
  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, i);

      if (strncmp (c->name, name, len) != 0)
        continue;
      if (found != NULL && found->same_as != c->same_as)
        {
          *ambiguous = TRUE;
          return NULL;
        }
      if (found == NULL)
        found = c;
    }
  return found != NULL ? found->name : NULL;
}

/* ---------------------------------------------------------------------- */
/* the word loop                                                           */
/* ---------------------------------------------------------------------- */

/* The argument of the option at @option_word: glued to it, or the next
 * word whatever it looks like (getopt takes "-j" as the argument of a
 * "-d" that has none). */
static const char *
next_arg (Parser  *p,
          int      option_word,
          GError **error)
{
  if (p->attached != NULL)
    {
      const char *arg = p->attached;
      p->attached = NULL;
      return arg;
    }
  if (p->pos >= p->argc)
    {
      fail (p, option_word, error, "option \"%s\" requires an argument", p->argv[option_word]);
      return NULL;
    }
  return p->argv[p->pos++];
}

/* The argument of -p, -s, -d, -i, -o and -j.  do_parse () of iptables
 * 1.8.9 reads it as argv[optind - 1], the word before the next one, which
 * for an argument glued to its option ("-ptcp", "--protocol=tcp") is the
 * option's whole word: refused as a protocol, address or chain, taken as
 * it is for an interface ("-ieth0" is the interface "-ieth0"). */
static const char *
next_arg_word (Parser  *p,
               int      option_word,
               GError **error)
{
  if (p->attached != NULL)
    {
      p->attached = NULL;
      return p->argv[option_word];
    }
  return next_arg (p, option_word, error);
}

/* xs_has_arg(): the next word is an argument when it does not start
 * with "-" or "!" */
static gboolean
has_arg (Parser *p)
{
  return p->pos < p->argc && p->argv[p->pos][0] != '-' && p->argv[p->pos][0] != '!';
}

/* the optional chain of -L, -S, -F, -Z, -X */
static char *
optional_arg (Parser *p)
{
  if (p->attached != NULL)
    {
      const char *arg = p->attached;
      p->attached = NULL;
      return (char *) arg;
    }
  if (has_arg (p))
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

/* parse_rulenumber(): 1 to INT_MAX */
static gboolean
take_rule_number (Parser  *p,
                  GError **error)
{
  int word = p->pos;
  const char *text = p->argv[p->pos++];
  guint64 value;

  if (!parse_c_uint (text, G_MAXINT, &value) || value == 0)
    return fail (p, word, error, "Invalid rule number `%s': rules are numbered from 1", text);
  p->rule_number = value;
  p->rule_number_word = word;
  return TRUE;
}

static char
command_letter (Command command)
{
  static const char letters[] = " AIRDCFNXPLSZE";

  return letters[command];
}

/* add_command(): one command per line, except that -Z goes with -L and
 * with -S (list, then zero) */
static gboolean
add_command (Parser   *p,
             Command   command,
             int       word,
             GError  **error)
{
  gboolean combines = (command == CMD_ZERO && (p->command == CMD_LIST || p->command == CMD_LIST_RULES) &&
                       !p->zero) ||
                      ((command == CMD_LIST || command == CMD_LIST_RULES) && p->command == CMD_ZERO);

  if (p->invert)
    return fail (p, p->invert_word, error, "unexpected '!' flag: a command cannot be negated");
  if (p->command != CMD_NONE && !combines)
    {
      /* with -L -Z given, the one that clashes is -L */
      Command other = p->command;

      return fail (p, word, error,
                   "Cannot use -%c with -%c: give one command per line (“%s” comes after “%s”)",
                   command_letter (command), command_letter (other),
                   p->argv[word], p->argv[p->command_word]);
    }
  if (command == CMD_ZERO && p->command != CMD_NONE)
    {
      p->zero = TRUE;
      p->zero_word = word;
      return TRUE;
    }
  if (p->command == CMD_ZERO)
    {
      /* -Z then -L: the listing is the command, the zeroing follows */
      p->zero = TRUE;
      p->zero_word = p->command_word;
      p->zero_number = p->rule_number > 0;
    }
  p->command = command;
  p->command_word = word;
  return TRUE;
}

static gboolean
option_invertible (int option)
{
  return option == OPT_SOURCE || option == OPT_DESTINATION || option == OPT_PROTOCOL ||
         option == OPT_VIANAMEIN || option == OPT_VIANAMEOUT || option == OPT_FRAGMENT;
}

/* set_option(): each option once; "!" only before the ones that can be
 * negated */
static gboolean
set_option (Parser    *p,
            int        option,
            int        word,
            gboolean  *invert,
            GError   **error)
{
  if (p->opt_word[option] >= 0)
    return fail (p, word, error, "multiple -%c flags not allowed: “%s” is given twice",
                 optflags[option], p->argv[word]);
  p->opt_word[option] = word;
  if (p->invert && !option_invertible (option))
    return fail (p, p->invert_word, error, "cannot have ! before -%c", optflags[option]);
  if (invert != NULL)
    take_invert (p, invert);
  return TRUE;
}

static NflMatch *
add_match (Parser       *p,
           NflMatchKind  kind,
           int           word)
{
  NflMatch *m;

  p->rule_words = TRUE;
  m = nfl_rule_add_match (p->rule, kind);
  if (kind == NFL_MATCH_ICMP)
    {
      /* libipt_icmp's init: any type */
      m->icmp.any = TRUE;
      m->icmp.type = 0xff;
      m->icmp.code_lo = 0;
      m->icmp.code_hi = 0xff;
    }
  if (kind == NFL_MATCH_STATISTIC)
    m->statistic.random = TRUE;   /* libxt_statistic's default mode */
  if (kind == NFL_MATCH_RECENT)
    {
      /* recent_init (): the list DEFAULT, by source address, all of it */
      g_strlcpy (m->recent.name, "DEFAULT", sizeof m->recent.name);
      m->recent.mask = 0xffffffffu;
      m->recent.side = NFL_RECENT_SOURCE;
    }
  if (kind == NFL_MATCH_LIMIT)
    {
      /* libxt_limit's init: 3/hour, a burst of 5 */
      m->limit.avg = NFL_LIMIT_AVG;
      m->limit.burst = NFL_LIMIT_BURST;
    }
  if (p->match_info == NULL)
    p->match_info = g_array_sized_new (FALSE, FALSE, sizeof (MatchInfo), 2);
  g_array_append_vals (p->match_info, (MatchInfo[]) { { word, 0 } }, 1);
  return m;
}

static const char *unmodelled_matches[] = {
  "ah", "bpf", "cgroup", "cluster", "connbytes", "connlabel", "connlimit",
  "cpu", "dccp", "devgroup", "dscp", "ecn", "esp", "hashlimit", "helper",
  "ipcomp", "ipvs", "mac", "nfacct", "osf",
  "policy", "quota", "rateest", "realm", "rpfilter", "sctp", "set",
  "socket", "string", "tcpmss", "time", "tos", "u32", "unclean", NULL
};

/* The matches the simulator models, by their module names */
static const struct { const char *name; NflMatchKind kind; } match_modules[] = {
  { "tcp", NFL_MATCH_TCP }, { "udp", NFL_MATCH_UDP }, { "icmp", NFL_MATCH_ICMP },
  { "multiport", NFL_MATCH_MULTIPORT }, { "conntrack", NFL_MATCH_CONNTRACK },
  { "state", NFL_MATCH_STATE }, { "mark", NFL_MATCH_MARK },
  { "comment", NFL_MATCH_COMMENT }, { "iprange", NFL_MATCH_IPRANGE },
  { "addrtype", NFL_MATCH_ADDRTYPE }, { "limit", NFL_MATCH_LIMIT }, { "statistic", NFL_MATCH_STATISTIC },
  { "length", NFL_MATCH_LENGTH }, { "ttl", NFL_MATCH_TTL }, { "physdev", NFL_MATCH_PHYSDEV },
  { "connmark", NFL_MATCH_CONNMARK }, { "recent", NFL_MATCH_RECENT }, { "owner", NFL_MATCH_OWNER },
  { "pkttype", NFL_MATCH_PKTTYPE },
};

static const char *
match_module_name (NflMatchKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (match_modules); i++)
    if (match_modules[i].kind == kind)
      return match_modules[i].name;
  return "?";
}

/* Whether word @q is an option of the rule itself (-s, -m, -j, …), which
 * ends the words of a kept match or target. */
static gboolean
is_rule_option (Parser *p,
                int     q)
{
  static const char *const names[] = {
    "source", "src", "destination", "dst", "in-interface", "out-interface", "protocol", "fragment",
    "fragments", "match", "jump", "goto", "set-counters", NULL
  };
  const char *w = p->argv[q];
  g_autofree char *name = NULL;

  if (w[0] != '-' || w[1] == '\0')
    return FALSE;
  if (w[1] != '-')
    return strchr ("sdiopfmjgc", w[1]) != NULL;
  name = g_strndup (w + 2, strcspn (w + 2, "="));
  return g_strv_contains (names, name);
}

/* Whether @spelled, a word as a text had it in quotes, is read back by
 * nfl_command_split () (as kept words are) as the one word @word */
static gboolean
reads_back_as (const char *spelled,
               const char *word)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GArray) starts = NULL;
  guint bad;

  if (spelled == NULL)
    return FALSE;
  /* a bare word is left to the caller, which quotes what a shell would
   * glob or split */
  if (strcmp (spelled, word) == 0)
    return FALSE;
  return nfl_command_split (spelled, &words, &starts, &bad, NULL) &&
         words[0] != NULL && words[1] == NULL && strcmp (words[0], word) == 0;
}

/* Keeps a match or target the simulator does not model as its words: @head
 * ("-m recent"), the words from @first up to here, and the ones after
 * that are not the rule's own options.  NULL, with the error, when the
 * words are mixed with the rule's or too long to keep. */
static NflMatch *
keep_unmodelled (Parser     *p,
                 const char *head,
                 int         first,
                 gboolean    target,
                 GError    **error)
{
  g_autoptr(GString) text = g_string_new (head);
  NflMatch *m;

  for (int q = first; q < p->pos; q++)
    if (is_rule_option (p, q))
      {
        fail (p, q, error, "%s is kept as written only when its options come together", head);
        return NULL;
      }
  while (p->pos < p->argc && !is_rule_option (p, p->pos) &&
         !(strcmp (p->argv[p->pos], "!") == 0 && p->pos + 1 < p->argc && is_rule_option (p, p->pos + 1)))
    p->pos++;
  for (int q = first; q < p->pos; q++)
    {
      const char *w = p->argv[q];

      g_string_append_c (text, ' ');
      /* as the text had it (iptables-save quotes some words that need no
       * quotes, -m string's --string "test") when that reads back as the
       * word, else bare as iptables-save prints such words, quoted only
       * where the words could not be read back one by one */
      if (reads_back_as (p->spelled != NULL ? p->spelled[q] : NULL, w))
        g_string_append (text, p->spelled[q]);
      else if (*w != '\0' && strpbrk (w, " \t\r\n'\"\\#$`;|&<>()*?[]~") == NULL)
        g_string_append (text, w);
      else
        nfl_append_quoted_word (text, w);
    }
  if (text->len >= sizeof ((NflMatch *) NULL)->unmodelled.text)
    {
      fail (p, first > 0 ? first - 1 : 0, error, "%s is too long to keep as written (%zu bytes, at most %zu)",
            head, text->len, sizeof ((NflMatch *) NULL)->unmodelled.text - 1);
      return NULL;
    }
  m = add_match (p, NFL_MATCH_UNMODELLED, first > 0 ? first - 1 : 0);
  m->unmodelled.target = target;
  memcpy (m->unmodelled.text, text->str, text->len + 1);
  return m;
}

static gboolean
parse_match_module (Parser     *p,
                    const char *name,
                    int         word,
                    GError    **error)
{
  g_autoptr(GString) known = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (match_modules); i++)
    if (name_is (match_modules[i].name, name))
      {
        add_match (p, match_modules[i].kind, word);
        g_array_index (p->match_info, MatchInfo, p->match_info->len - 1).loaded = TRUE;
        return TRUE;
      }
  if (p->keep_unmodelled && g_strv_contains (unmodelled_matches, name))
    {
      g_autofree char *head = g_strconcat ("-m ", name, NULL);
      return keep_unmodelled (p, head, p->pos, FALSE, error) != NULL;
    }
  known = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (match_modules); i++)
    g_string_append_printf (known, "%s%s", match_modules[i].name,
                            i + 2 < G_N_ELEMENTS (match_modules) ? ", " : i + 1 < G_N_ELEMENTS (match_modules) ? " and " : "");
  if (g_strv_contains (unmodelled_matches, name))
    return fail (p, word, error,
                 "-m %s is a real iptables match, but the simulator does not model it: it knows %s",
                 name, known->str);
  return fail (p, word, error, "Couldn't load match `%s':No such file or directory (the matches are %s)",
               name, known->str);
}

/* libxt_limit's parse_rate (): N[/second|/minute|/hour|/day], the unit
 * any beginning of its name, N read as atoi () reads it (so "3.5/s" is
 * 3/s and "-1/s" too fast), stored as the time between two packets */
static gboolean
parse_limit_rate (const char *arg,
                  guint32    *avg)
{
  const char *slash = strchr (arg, '/');
  const char *p = arg;
  guint64 mult = 1;
  gint64 n = 0;
  gboolean negative = FALSE;
  guint32 r;

  if (slash != NULL)
    {
      static const struct { const char *unit; guint mult; } units[] = {
        { "second", 1 }, { "minute", 60 }, { "hour", 60 * 60 }, { "day", 24 * 60 * 60 },
      };
      size_t len = strlen (slash + 1);
      guint u;

      if (len == 0)
        return FALSE;
      for (u = 0; u < G_N_ELEMENTS (units); u++)
        if (g_ascii_strncasecmp (slash + 1, units[u].unit, len) == 0 && len <= strlen (units[u].unit))
          break;
      if (u == G_N_ELEMENTS (units))
        return FALSE;
      mult = units[u].mult;
    }
  while (g_ascii_isspace (*p))
    p++;
  if (*p == '-' || *p == '+')
    negative = *p++ == '-';
  while (g_ascii_isdigit (*p) && n < G_MAXINT32)
    n = n * 10 + (*p++ - '0');
  r = (guint32) (negative ? -n : n);
  if (r == 0)
    return FALSE;
  *avg = (guint32) (NFL_LIMIT_SCALE * mult / r);
  return TRUE;
}

/* libxt_addrtype's parse_types (): a comma-separated list of route types,
 * each any case and any beginning of its name (the first in the kernel's
 * order that begins so: "u" is UNSPEC, "b" BROADCAST). */
static gboolean
parse_addrtypes (Parser     *p,
                 const char *arg,
                 int         word,
                 guint16    *types,
                 GError    **error)
{
  const char *part = arg;

  *types = 0;
  for (;;)
    {
      const char *comma = strchr (part, ',');
      size_t len = comma != NULL ? (size_t) (comma - part) : strlen (part);
      gboolean found = FALSE;

      for (guint t = 0; len > 0 && t < NFL_N_ADDRTYPES && !found; t++)
        if (g_ascii_strncasecmp (part, nfl_addrtype_name (t), len) == 0 && len <= strlen (nfl_addrtype_name (t)))
          {
            *types |= 1u << t;
            found = TRUE;
          }
      if (!found)
        return comma != NULL
          ? fail (p, word, error, "addrtype: bad type `%s': the types are UNSPEC, UNICAST, LOCAL, BROADCAST, "
                  "ANYCAST, MULTICAST, BLACKHOLE, UNREACHABLE, PROHIBIT, THROW, NAT and XRESOLVE", part)
          : fail (p, word, error, "addrtype: bad type \"%s\": the types are UNSPEC, UNICAST, LOCAL, BROADCAST, "
                  "ANYCAST, MULTICAST, BLACKHOLE, UNREACHABLE, PROHIBIT, THROW, NAT and XRESOLVE", part);
      if (comma == NULL)
        return TRUE;
      part = comma + 1;
    }
}

static MatchInfo *
info_of (Parser         *p,
         const NflMatch *m)
{
  return &g_array_index (p->match_info, MatchInfo, m - p->rule->matches);
}

/* Where @name is in an extension's table of options (see
 * connmark_option_order[], recent_option_order[]) */
static guint
option_index (const char *const *order,
              guint              n,
              const char        *name)
{
  guint index = 0;

  while (index < n && !g_str_equal (order[index], name))
    index++;
  g_assert (index < n);
  return index;
}

/* inet_aton () as getaddrinfo () uses it for --mask: a dotted quad, or
 * one number for the whole address ("24" is 0.0.0.24), or a host name */
static gboolean
parse_recent_mask (const char *text,
                   guint32    *mask)
{
  guint64 value;

  if (nfl_ipv4_parse (text, mask))
    return TRUE;
  if (parse_c_uint (text, 0xffffffffu, &value))
    {
      *mask = value;
      return TRUE;
    }
  return _nfl_host_address (text, mask);
}

/* recent_parse (): the options are taken in the order given (--rsource
 * and --rdest: the last one wins); which ones exclude each other is
 * checked once all are read (check_recent ()) */
static gboolean
parse_recent_option (Parser     *p,
                     NflMatch   *m,
                     const char *name,
                     const char *arg,
                     int         word,
                     gboolean    invert,
                     GError    **error)
{
  static const guint8 op_bits[N_RECENT_OPS] = {
    NFL_RECENT_SET, NFL_RECENT_CHECK, NFL_RECENT_UPDATE, NFL_RECENT_REMOVE,
  };
  MatchInfo *info = info_of (p, m);
  guint index = option_index (recent_option_order, N_RECENT_OPTIONS, name);
  guint64 value;
  if (info->recent_word[index] > 0)
    return fail (p, word, error, "recent: option \"--%s\" can only be used once.", name);
  info->recent_word[index] = word;
  if (index < N_RECENT_OPS)
    {
      m->recent.check_set |= op_bits[index];
      if (invert)
        m->recent.invert = TRUE;
      return TRUE;
    }
  if (g_str_equal (name, "seconds") || g_str_equal (name, "hitcount"))
    {
      gboolean seconds = g_str_equal (name, "seconds");

      if (!parse_c_uint (arg, 0xffffffffu, &value) || (seconds && value == 0))
        return fail (p, p->pos - 1, error, "recent: bad value for option \"--%s\", or out of range (%s-4294967295): "
                     "“%s” is not a number%s", name, seconds ? "1" : "0", arg, seconds ? " of seconds" : " of hits");
      if (seconds)
        m->recent.seconds = value;
      else
        m->recent.hit_count = value;
      return TRUE;
    }
  if (g_str_equal (name, "reap"))
    m->recent.check_set |= NFL_RECENT_REAP;
  else if (g_str_equal (name, "rttl"))
    m->recent.check_set |= NFL_RECENT_TTL;
  else if (g_str_equal (name, "rsource") || g_str_equal (name, "rdest"))
    m->recent.side = g_str_equal (name, "rdest") ? NFL_RECENT_DEST : NFL_RECENT_SOURCE;
  else if (g_str_equal (name, "name"))
    /* iptables cuts a longer name to 199 bytes without a word */
    g_strlcpy (m->recent.name, arg, sizeof m->recent.name);
  else if (!parse_recent_mask (arg, &m->recent.mask))
    return fail (p, p->pos - 1, error, "getaddrinfo: Name or service not known: “%s” is not a mask; write it "
                 "as an address, 255.255.255.0", arg);
  return TRUE;
}

/* recent_check () and xtables_options_fcheck (), then the kernel's
 * recent_mt_check () */
static gboolean
check_recent (Parser          *p,
              const NflMatch  *m,
              const MatchInfo *info,
              GError         **error)
{
  const int *given = info->recent_word;
  const char *name = m->recent.name;
  guint i;

  for (i = 0; i < N_RECENT_OPTIONS; i++)
    for (guint o = 0; given[i] != 0 && o < N_RECENT_OPTIONS; o++)
      {
        /* an action excludes the others; --rttl excludes --set and --remove */
        gboolean excludes = i < N_RECENT_OPS ? o < N_RECENT_OPS : i == 7 && (o == 0 || o == 3);

        if (o != i && given[o] != 0 && excludes)
          return fail (p, MAX (given[i], given[o]), error,
                       "recent: option \"--%s\" cannot be used together with \"--%s\".",
                       recent_option_order[i], recent_option_order[o]);
      }
  if (given[5] != 0 && given[4] == 0)
    return fail (p, given[5], error, "recent: option \"--reap\" also requires \"--seconds\".");
  if ((m->recent.check_set & (NFL_RECENT_SET | NFL_RECENT_CHECK | NFL_RECENT_UPDATE | NFL_RECENT_REMOVE)) == 0)
    return fail (p, info->word, error, "recent: you must specify one of `--set', `--rcheck' `--update' or `--remove'");
  if ((m->recent.check_set & (NFL_RECENT_SET | NFL_RECENT_REMOVE)) &&
      (m->recent.seconds != 0 || m->recent.hit_count != 0 || (m->recent.check_set & NFL_RECENT_REAP)))
    return fail (p, info->word, error, "RULE_APPEND failed (Invalid argument): --set and --remove take none of "
                 "--seconds, --hitcount and --reap");
  if (m->recent.hit_count > 65535)
    return fail (p, info->word, error, "RULE_APPEND failed (Invalid argument): a --hitcount above 65535 "
                 "(XT_RECENT_MAX_NSTAMPS - 1) is refused by the kernel");
  /* the list is a file in /proc/net/xt_recent */
  if (*name == '\0' || g_str_equal (name, ".") || g_str_equal (name, "..") || strchr (name, '/') != NULL)
    return fail (p, info->word, error, "RULE_APPEND failed (Invalid argument): the list name “%s” cannot be "
                 "a file name in /proc/net/xt_recent", name);
  return TRUE;
}

/* An option of a match: the most recent match that knows it takes it;
 * when none does, -p tcp/udp/icmp loads its match (so "-p tcp --dport 22"
 * is saved as "-p tcp -m tcp --dport 22").  *handled is FALSE when no
 * match knows the option. */
/* libxt_owner's owner_parse_range (): a number as xtables_strtoui ()
 * reads it, or two joined by "-" or ":", each at most 2^32 - 2 (the
 * kernel takes (uid_t) -1 for no id) */
static gboolean
parse_owner_range (const char *text,
                   guint32    *from,
                   guint32    *to)
{
  const char *p = text;
  guint32 *out = from;

  for (;;)
    {
      char *end = NULL;
      guint64 value;

      while (g_ascii_isspace (*p))
        p++;
      if (*p == '-' || !g_ascii_isdigit (*p == '+' ? p[1] : *p))
        return FALSE;
      value = g_ascii_strtoull (p, &end, 0);
      if (end == p || value > G_MAXUINT32 - 1)
        return FALSE;
      *out = (guint32) value;
      p = end;
      if (out == from)
        *to = *from;
      if (out == from && (*p == '-' || *p == ':'))
        {
          p++;
          out = to;
          continue;
        }
      return *p == '\0';
    }
}

/* libxt_owner's owner_mt_parse (): a user or group name first, then a
 * number or a range; --suppl-groups only after --gid-owner */
static gboolean
parse_owner_option (Parser     *p,
                    NflMatch   *m,
                    const char *name,
                    const char *arg,
                    int         word,
                    gboolean    invert,
                    GError    **error)
{
  guint8 bit = g_str_equal (name, "uid-owner") ? NFL_OWNER_UID :
               g_str_equal (name, "gid-owner") ? NFL_OWNER_GID :
               g_str_equal (name, "socket-exists") ? NFL_OWNER_SOCKET : NFL_OWNER_SUPPL_GROUPS;

  if (m->owner.match & bit)
    return fail (p, word, error, "owner: option \"--%s\" can only be used once.", name);
  if (bit == NFL_OWNER_SUPPL_GROUPS && !(m->owner.match & NFL_OWNER_GID))
    return fail (p, word, error, "owner: Bad value for \"--suppl-groups\" option: \"you need to use "
                 "--gid-owner first\"");
  if (bit == NFL_OWNER_UID)
    {
      const struct passwd *pwd = getpwnam (arg);

      if (pwd != NULL)
        m->owner.uid_min = m->owner.uid_max = pwd->pw_uid;
      else if (!parse_owner_range (arg, &m->owner.uid_min, &m->owner.uid_max))
        return fail (p, p->pos - 1, error, "owner: Bad value for \"--uid-owner\" option: \"%s\": write a user "
                     "name, a number below 4294967295 or a range FROM-TO", arg);
    }
  else if (bit == NFL_OWNER_GID)
    {
      const struct group *grp = getgrnam (arg);

      if (grp != NULL)
        m->owner.gid_min = m->owner.gid_max = grp->gr_gid;
      else if (!parse_owner_range (arg, &m->owner.gid_min, &m->owner.gid_max))
        return fail (p, p->pos - 1, error, "owner: Bad value for \"--gid-owner\" option: \"%s\": write a group "
                     "name, a number below 4294967295 or a range FROM-TO", arg);
    }
  m->owner.match |= bit;
  if (invert)
    m->owner.invert |= bit;
  return TRUE;
}

/* xtopt_parse_mport () for XTTYPE_PORTRC: PORT or FIRST:LAST, an empty
 * end the first or last port, a number cut to its 16 low bits (70000 is
 * 4464) or a name from /etc/services; a range may run backwards (it then
 * matches nothing) */
static gboolean
parse_ct_port_range (const char   *text,
                     NflPortRange *range,
                     char        **bad,
                     gboolean     *too_many)
{
  g_auto(GStrv) parts = g_strsplit (text, ":", -1);
  guint n = g_strv_length (parts);

  *too_many = n > 2;
  if (n == 0 || n > 2)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      guint16 *port = i == 0 ? &range->lo : &range->hi;
      const char *part = parts[i];
      char *end = NULL;

      if (*part == '\0')
        {
          *port = i == 0 ? 0 : 65535;
          continue;
        }
      if (g_ascii_isdigit (*part))
        {
          guint64 value = g_ascii_strtoull (part, &end, 0);

          if (*end == '\0')
            {
              *port = (guint16) value;
              continue;
            }
        }
      if (!_nfl_service_port (part, port))
        {
          *bad = g_strdup (part);
          return FALSE;
        }
    }
  if (n == 1)
    range->hi = range->lo;
  return TRUE;
}

/* xtopt_parse_hostmask (): one address or host name, not masked, and a
 * prefix length or a dotted mask; a mask that is no prefix (255.0.255.0,
 * or a number above 32, which is read as an address) is taken as /32,
 * as the kernel then compares the whole address (checked on the
 * kernel: 226-ct-ports-masks) */
static gboolean
parse_ct_hostmask (const char *text,
                   guint32    *addr,
                   guint32    *mask,
                   gboolean   *bad_mask)
{
  g_autofree char *host = g_strdup (text);
  char *slash = strchr (host, '/');

  *bad_mask = FALSE;
  *mask = 0xffffffffu;
  if (slash != NULL)
    {
      guint64 bits;

      *slash = '\0';
      if (parse_c_uint (slash + 1, 32, &bits))
        *mask = nfl_prefix_mask (bits);
      else if (!parse_c_uint (slash + 1, G_MAXUINT32, &bits) &&
               (strchr (slash + 1, '.') == NULL || !parse_dotted (slash + 1, TRUE, mask)))
        {
          *bad_mask = TRUE;
          return FALSE;
        }
      else if (nfl_mask_prefix_len (*mask) < 0)
        *mask = 0xffffffffu;
    }
  return parse_dotted (host, FALSE, addr) || _nfl_host_address (host, addr);
}

/* conntrack_mt_parse () for revision 3: every option once, each but
 * --ctdir negated */
static gboolean
parse_conntrack_option (Parser     *p,
                        NflMatch   *m,
                        const char *name,
                        const char *arg,
                        int         word,
                        gboolean    invert,
                        GError    **error)
{
  static const char *const tuples[] = { "ctorigsrc", "ctorigdst", "ctreplsrc", "ctrepldst" };
  static const char *const ports[] = { "ctorigsrcport", "ctorigdstport", "ctreplsrcport", "ctrepldstport" };
  int arg_word = p->pos - 1;
  guint bit = 0, tuple = 0;

  if (g_str_equal (name, "ctproto"))
    bit = NFL_CT_OPT_PROTO;
  else if (g_str_equal (name, "ctstatus"))
    bit = NFL_CT_OPT_STATUS;
  else if (g_str_equal (name, "ctexpire"))
    bit = NFL_CT_OPT_EXPIRE;
  else if (g_str_equal (name, "ctdir"))
    bit = NFL_CT_OPT_DIR;
  for (guint i = 0; i < 4 && bit == 0; i++)
    if (g_str_equal (name, tuples[i]))
      bit = NFL_CT_OPT_ORIGSRC << i, tuple = i;
    else if (g_str_equal (name, ports[i]))
      bit = NFL_CT_OPT_ORIGSRCPORT << i, tuple = i;
  g_assert (bit != 0);

  if (m->ct.given & bit)
    return fail (p, word, error, "conntrack: option \"--%s\" can only be used once.", name);
  m->ct.given |= bit;
  if (invert)
    m->ct.inverted |= bit;

  if (bit == NFL_CT_OPT_PROTO)
    {
      if (!parse_protocol (arg, &m->ct.proto))
        return fail (p, arg_word, error, "unknown protocol \"%s\" specified: write a number 0-255 or a name "
                     "such as tcp", arg);
    }
  else if (bit & (NFL_CT_OPT_ORIGSRC * 0xf))
    {
      gboolean bad_mask;

      if (!parse_ct_hostmask (arg, &m->ct.addr[tuple], &m->ct.mask[tuple], &bad_mask))
        return fail (p, arg_word, error, bad_mask ?
                     "conntrack: bad value for option \"--%s\", neither a valid network mask nor valid CIDR "
                     "(0-32): “%s”" :
                     "getaddrinfo: Name or service not known: “%s” is neither an IPv4 address nor a known host "
                     "name (--%s)", bad_mask ? name : arg, bad_mask ? arg : name);
    }
  else if (bit & (NFL_CT_OPT_ORIGSRCPORT * 0xf))
    {
      g_autofree char *bad = NULL;
      gboolean too_many;

      if (!parse_ct_port_range (arg, &m->ct.port[tuple], &bad, &too_many))
        return too_many ?
          fail (p, arg_word, error, "conntrack: Too many components for option \"--%s\" (max: 2): write a port "
                "or FIRST:LAST", name) :
          fail (p, arg_word, error, "Port \"%s\" does not resolve to anything: write a number or a name from "
                "/etc/services", bad != NULL ? bad : arg);
    }
  else if (bit == NFL_CT_OPT_STATUS)
    {
      const char *part = arg;

      /* conntrack_ps_statuses (): the message names the rest of the list */
      for (;;)
        {
          const char *comma = strchr (part, ',');
          size_t len = comma != NULL ? (size_t) (comma - part) : strlen (part);

          if (len == 0 || !_nfl_ct_status_parse (part, len, &m->ct.status))
            return fail (p, arg_word, error, "Bad ctstatus \"%s\": use NONE, EXPECTED, SEEN_REPLY, ASSURED or "
                         "CONFIRMED, separated by commas", part);
          if (comma == NULL)
            break;
          part = comma + 1;
        }
    }
  else if (bit == NFL_CT_OPT_EXPIRE)
    {
      /* xtopt_parse_mint (): MIN or MIN:MAX, an empty end 0 or the largest */
      g_auto(GStrv) parts = g_strsplit (arg, ":", -1);
      guint64 values[2] = { 0, G_MAXUINT32 };
      guint n = g_strv_length (parts);

      if (n > 2)
        return fail (p, arg_word, error, "conntrack: Too many components for option \"--ctexpire\" (max: 2): "
                     "write SECONDS or MIN:MAX");
      for (guint i = 0; i < n; i++)
        {
          char *end = NULL;

          if (parts[i][0] == '\0')
            continue;
          if (parts[i][0] == '-' || g_ascii_isspace (parts[i][0]) ||
              ((values[i] = g_ascii_strtoull (parts[i], &end, 0)), end == parts[i]) || values[i] > G_MAXUINT32)
            return fail (p, arg_word, error, "conntrack: bad value for option \"--ctexpire\" near \"%s\", or out of "
                         "range (0-4294967295)", parts[i]);
          if (*end != '\0')
            return fail (p, arg_word, error, "conntrack: Argument to \"--ctexpire\" has unexpected characters "
                         "near \"%s\": write SECONDS or MIN:MAX", end);
        }
      m->ct.expire_min = (guint32) values[0];
      m->ct.expire_max = n == 2 ? (guint32) values[1] : (guint32) values[0];
    }
  else
    {
      if (g_ascii_strcasecmp (arg, "ORIGINAL") == 0)
        m->ct.reply = FALSE;
      else if (g_ascii_strcasecmp (arg, "REPLY") == 0)
        m->ct.reply = TRUE;
      else
        return fail (p, arg_word, error, "conntrack: Bad value for \"--ctdir\" option: \"%s\": use ORIGINAL or "
                     "REPLY", arg);
    }
  return TRUE;
}

static gboolean
parse_match_option (Parser     *p,
                    const char *name,
                    int         word,
                    gboolean   *handled,
                    GError    **error)
{
  char option_buf[LONG_OPTION_TEXT_SIZE];
  const char *option = long_option_text (option_buf, name);
  const ExtOption *spec = NULL;
  NflMatch *m = NULL;
  NflMatchKind kind;
  const char *arg = NULL;
  gboolean invert;

  *handled = FALSE;
  for (int i = (int) p->rule->n_matches - 1; i >= 0 && m == NULL; i--)
    if ((spec = find_ext_option (match_options (p->rule->matches[i].kind), name)) != NULL)
      m = &p->rule->matches[i];
  if (m == NULL && implicit_match (p->rule, &kind) &&
      (spec = find_ext_option (match_options (kind), name)) != NULL)
    m = add_match (p, kind, word);
  if (m == NULL)
    return TRUE;

  *handled = TRUE;
  p->rule_words = TRUE;
  g_array_index (p->match_info, MatchInfo, m - p->rule->matches).options++;
  if (p->invert && !spec->invertible)
    return fail (p, p->invert_word, error, "%s cannot be negated with “!”", option);
  if (spec->unmodelled && p->keep_unmodelled)
    {
      /* the whole match is kept as written, with the options before this one */
      MatchInfo info = g_array_index (p->match_info, MatchInfo, m - p->rule->matches);
      g_autofree char *head = g_strconcat ("-m ", match_module_name (m->kind), NULL);
      guint index = m - p->rule->matches;
      int first = info.loaded ? info.word + 1 : info.word;
      NflMatch *kept;

      p->pos = p->invert ? p->invert_word : word;
      p->invert = FALSE;
      if ((kept = keep_unmodelled (p, head, first, FALSE, error)) == NULL)
        return FALSE;
      /* in the place of the match it was */
      p->rule->matches[index] = *kept;
      p->rule->n_matches--;
      g_array_set_size (p->match_info, p->rule->n_matches);
      return TRUE;
    }
  take_invert (p, &invert);
  if (spec->unmodelled)
    return fail (p, word, error,
                 "%s is a real iptables option, but the simulator does not model it", option);
  if (spec->arg == ARG_REQUIRED && (arg = next_arg (p, word, error)) == NULL)
    return FALSE;

  switch (m->kind)
    {
    case NFL_MATCH_TCP:
    case NFL_MATCH_UDP:
      if (g_str_equal (name, "syn"))
        {
          if (m->l4.has_flags)
            return fail (p, word, error, "--syn and --tcp-flags cannot both be given");
          m->l4.has_flags = TRUE;
          m->l4.flags_invert = invert;
          m->l4.flags_mask = NFL_TCP_FIN | NFL_TCP_SYN | NFL_TCP_RST | NFL_TCP_ACK;
          m->l4.flags_cmp = NFL_TCP_SYN;
          return TRUE;
        }
      if (g_str_equal (name, "tcp-flags"))
        {
          const char *cmp_word;

          if (m->l4.has_flags)
            return fail (p, word, error, "--tcp-flags given twice");
          if (p->pos >= p->argc)
            return fail (p, word, error, "--tcp-flags requires two arguments: the flags to examine and the flags that must be set");
          cmp_word = p->argv[p->pos++];
          if (!parse_tcp_flag_list (arg, &m->l4.flags_mask))
            return fail (p, p->pos - 2, error, "Unknown TCP flag in `%s': use FIN, SYN, RST, PSH, ACK, URG, ALL or NONE", arg);
          if (!parse_tcp_flag_list (cmp_word, &m->l4.flags_cmp))
            return fail (p, p->pos - 1, error, "Unknown TCP flag in `%s': use FIN, SYN, RST, PSH, ACK, URG, ALL or NONE", cmp_word);
          m->l4.has_flags = TRUE;
          m->l4.flags_invert = invert;
          return TRUE;
        }
      {
        gboolean source = g_str_equal (name, "sport") || g_str_equal (name, "source-port");
        NflPortRange range;

        if (!parse_port_range (arg, &range))
          return fail (p, p->pos - 1, error,
                       "invalid port/service `%s' specified: a port is 0 to 65535 or a name from "
                       "/etc/services, a range is FIRST:LAST", arg);
        /* libxt_tcp's parse_tcp_ports () refuses a reversed range;
         * libxt_udp reads its ports as XTTYPE_PORTRC, which takes one,
         * and the kernel's range test then never matches */
        if (range.lo > range.hi && m->kind == NFL_MATCH_TCP)
          return fail (p, p->pos - 1, error, "invalid portrange (min > max): %u is above %u in `%s'",
                       range.lo, range.hi, arg);
        if (source)
          {
            if (m->l4.has_sport)
              return fail (p, word, error, "Only one `--source-port' allowed in one match");
            m->l4.has_sport = TRUE;
            m->l4.sport_invert = invert;
            m->l4.sport = range;
          }
        else
          {
            if (m->l4.has_dport)
              return fail (p, word, error, "Only one `--destination-port' allowed in one match");
            m->l4.has_dport = TRUE;
            m->l4.dport_invert = invert;
            m->l4.dport = range;
          }
      }
      return TRUE;

    case NFL_MATCH_ICMP:
      {
        gboolean ambiguous;

        m->icmp.invert = invert;
        if (_nfl_icmp_type_from_prefix (arg, &m->icmp.type, &m->icmp.code_lo, &m->icmp.code_hi, &ambiguous))
          {
            m->icmp.any = m->icmp.type == 0xff;
            return TRUE;
          }
        if (ambiguous)
          return fail (p, p->pos - 1, error, "Ambiguous ICMP type `%s': more than one name begins so", arg);
      }
      {
        g_auto(GStrv) parts = g_strsplit (arg, "/", 2);
        guint64 type, lo, hi;

        if (!parse_c_uint (parts[0], 255, &type))
          return fail (p, p->pos - 1, error, "Unknown ICMP type `%s': use a number 0-255 or a name such as echo-request", arg);
        m->icmp.any = FALSE;
        m->icmp.type = type;
        m->icmp.code_lo = 0;
        m->icmp.code_hi = 0xff;
        if (parts[1] != NULL)
          {
            g_auto(GStrv) codes = g_strsplit (parts[1], ":", 2);

            if (!parse_c_uint (codes[0], 255, &lo))
              return fail (p, p->pos - 1, error, "Unknown ICMP code `%s': use a number 0-255", arg);
            hi = lo;
            if (codes[1] != NULL && !parse_c_uint (codes[1], 255, &hi))
              return fail (p, p->pos - 1, error, "Unknown ICMP code `%s': use a number 0-255", arg);
            m->icmp.code_lo = lo;
            m->icmp.code_hi = hi;
          }
      }
      return TRUE;

    case NFL_MATCH_MULTIPORT:
      {
        g_auto(GStrv) parts = NULL;
        guint n, count = 0;

        /* check_proto(): the ports are read for the protocol, so -p comes first */
        if (p->rule->has_proto && p->rule->proto_invert)
          return fail (p, word, error, "multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP, and not with “! -p”");
        if (!p->rule->has_proto)
          return fail (p, word, error,
                       "multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp' before its ports");
        if (p->rule->proto != 6 && p->rule->proto != 17 && p->rule->proto != 132 &&
            p->rule->proto != 136 && p->rule->proto != 33)
          return fail (p, word, error, "multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP");
        if (m->multiport.n_ports > 0)
          return fail (p, word, error,
                       "multiport: option \"%s\" cannot be used together with another ports option", option);
        parts = g_strsplit (arg, ",", -1);
        n = g_strv_length (parts);
        for (guint i = 0; i < n; i++)
          count += strchr (parts[i], ':') != NULL ? 2 : 1;
        if (n == 0 || count > NFL_MULTIPORT_MAX)
          return fail (p, p->pos - 1, error,
                       "too many ports specified: multiport takes at most 15, and a range counts as two");
        for (guint i = 0; i < n; i++)
          {
            NflPortRange *range = &m->multiport.ports[i];

            if (!parse_port_range (parts[i], range))
              return fail (p, p->pos - 1, error, "invalid port/service `%s' specified", parts[i]);
            if (strchr (parts[i], ':') != NULL && range->lo >= range->hi)
              return fail (p, p->pos - 1, error, "invalid portrange specified: `%s' must go upwards", parts[i]);
          }
        m->multiport.n_ports = n;
        m->multiport.invert = invert;
        m->multiport.which = (g_str_has_prefix (name, "s")) ? NFL_MULTIPORT_SOURCE :
                             (g_str_has_prefix (name, "d")) ? NFL_MULTIPORT_DESTINATION :
                                                              NFL_MULTIPORT_EITHER;
      }
      return TRUE;

    case NFL_MATCH_CONNTRACK:
      if (!g_str_equal (name, "ctstate"))
        return parse_conntrack_option (p, m, name, arg, word, invert, error);
      G_GNUC_FALLTHROUGH;
    case NFL_MATCH_STATE:
      if (m->state.states != 0)
        return fail (p, word, error, "%s: option \"%s\" can only be used once.", match_module_name (m->kind),
                     option);
      if (!parse_ct_states (arg, m->kind == NFL_MATCH_CONNTRACK, &m->state.states))
        return fail (p, p->pos - 1, error,
                     m->kind == NFL_MATCH_CONNTRACK
                       ? "Bad ctstate \"%s\": use INVALID, NEW, ESTABLISHED, RELATED, UNTRACKED, SNAT, DNAT"
                       : "Bad state \"%s\": use INVALID, NEW, ESTABLISHED, RELATED, UNTRACKED", arg);
      m->state.invert = invert;
      return TRUE;

    case NFL_MATCH_MARK:
    case NFL_MATCH_CONNMARK:
      if (m->kind == NFL_MATCH_CONNMARK && info_of (p, m)->options > 1)
        return fail (p, word, error, "connmark: option \"--mark\" can only be used once.");
      if (!parse_mark (arg, &m->mark.value, &m->mark.mask, NULL))
        return fail (p, p->pos - 1, error, "%s: bad integer value for option \"--mark\", or out of range: "
                     "“%s” is not VALUE or VALUE/MASK", match_module_name (m->kind), arg);
      m->mark.invert = invert;
      return TRUE;

    case NFL_MATCH_COMMENT:
      /* like iptables, a longer comment is cut to 255 characters */
      g_strlcpy (m->comment.text, arg, sizeof m->comment.text);
      return TRUE;

    case NFL_MATCH_IPRANGE:
      {
        g_auto(GStrv) parts = NULL;
        guint32 lo, hi;

        parts = g_strsplit (arg, "-", 2);
        if (!nfl_ipv4_parse (parts[0], &lo))
          return fail (p, p->pos - 1, error, "iprange: Bad value for \"%s\" option: \"%s\" (write FIRST-LAST, two IPv4 addresses)", option, arg);
        hi = lo;
        if (parts[1] != NULL && !nfl_ipv4_parse (parts[1], &hi))
          return fail (p, p->pos - 1, error, "iprange: Bad value for \"%s\" option: \"%s\" (write FIRST-LAST, two IPv4 addresses)", option, arg);
        if (g_str_equal (name, "src-range"))
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

    case NFL_MATCH_LENGTH:
      {
        /* xtables' uint16 range: N, N:M, :M (from 0), N: (to 65535) */
        g_auto(GStrv) parts = g_strsplit (arg, ":", 2);
        guint64 lo = 0, hi = 65535;

        if (info_of (p, m)->options > 1)
          return fail (p, word, error, "length: option \"--length\" can only be used once.");
        if ((parts[0][0] != '\0' && !parse_c_uint (parts[0], 65535, &lo)) || (parts[1] == NULL && parts[0][0] == '\0') ||
            (parts[1] != NULL && parts[1][0] != '\0' && !parse_c_uint (parts[1], 65535, &hi)))
          return fail (p, p->pos - 1, error, "length: bad value for option \"--length\" near \"%s\", or out of "
                       "range (0-65535): write a length or FIRST:LAST", arg);
        if (parts[1] == NULL)
          hi = lo;
        m->length.min = lo;
        m->length.max = hi;
        m->length.invert = invert;
      }
      return TRUE;

    case NFL_MATCH_PHYSDEV:
      {
        guint8 bit = g_str_equal (name, "physdev-in") ? NFL_PHYSDEV_IN :
                     g_str_equal (name, "physdev-out") ? NFL_PHYSDEV_OUT :
                     g_str_equal (name, "physdev-is-in") ? NFL_PHYSDEV_IS_IN :
                     g_str_equal (name, "physdev-is-out") ? NFL_PHYSDEV_IS_OUT : NFL_PHYSDEV_IS_BRIDGED;

        if (m->physdev.given & bit)
          return fail (p, word, error, "physdev: option \"%s\" can only be used once.", option);
        if (arg != NULL)
          {
            if (strlen (arg) >= NFL_IFNAMSIZ)
              return fail (p, p->pos - 1, error, "interface name `%s' must be shorter than IFNAMSIZ (15)", arg);
            g_strlcpy (bit == NFL_PHYSDEV_IN ? m->physdev.in : m->physdev.out, arg, sizeof m->physdev.in);
          }
        m->physdev.given |= bit;
        if (invert)
          m->physdev.invert |= bit;
      }
      return TRUE;
    case NFL_MATCH_RECENT:
      return parse_recent_option (p, m, name, arg, word, invert, error);

    case NFL_MATCH_OWNER:
      return parse_owner_option (p, m, name, arg, word, invert, error);

    case NFL_MATCH_PKTTYPE:
      /* pkttype_parse (): a name of its table, any case */
      if (info_of (p, m)->options > 1)
        return fail (p, word, error, "pkttype: option \"--pkt-type\" can only be used once.");
      if (!_nfl_pkttype_parse (arg, &m->pkttype.type))
        return fail (p, p->pos - 1, error, "Bad packet type '%s': the types are unicast, broadcast, multicast and "
                     "otherhost", arg);
      m->pkttype.invert = invert;
      return TRUE;

    case NFL_MATCH_TTL:
      {
        guint64 value;

        if (info_of (p, m)->options > 1)
          return fail (p, word, error, "ttl: option \"%s\" cannot be used together with another of "
                       "--ttl-eq, --ttl-lt and --ttl-gt", option);
        if (!parse_c_uint (arg, 255, &value))
          return fail (p, p->pos - 1, error, "ttl: bad value for option \"%s\", or out of range (0-255).", option);
        m->ttl.value = value;
        m->ttl.op = g_str_equal (name, "ttl-lt") ? NFL_TTL_LT : g_str_equal (name, "ttl-gt") ? NFL_TTL_GT :
                    invert ? NFL_TTL_NE : NFL_TTL_EQ;
      }
      return TRUE;

    case NFL_MATCH_STATISTIC:
      {
        MatchInfo *info = &g_array_index (p->match_info, MatchInfo, m - p->rule->matches);
        gboolean *given = g_str_equal (name, "mode") ? &info->mode_given :
                          g_str_equal (name, "every") ? &info->every_given :
                          g_str_equal (name, "probability") ? &info->probability_given : &info->packet_given;
        guint64 value;

        if (*given)
          return fail (p, word, error, "statistic: option \"%s\" can only be used once.", option);
        *given = TRUE;
        if (g_str_equal (name, "mode"))
          {
            if (!g_str_equal (arg, "nth") && !g_str_equal (arg, "random"))
              return fail (p, p->pos - 1, error, "Bad mode \"%s\": the modes are nth and random", arg);
            m->statistic.random = g_str_equal (arg, "random");
            return TRUE;
          }
        if (g_str_equal (name, "probability"))
          {
            char *end = NULL;
            double prob = g_ascii_strtod (arg, &end);

            if (info->every_given)
              return fail (p, word, error, "statistic: option \"--probability\" cannot be used together with \"--every\".");
            if (end == arg || *end != '\0' || !(prob >= 0.0 && prob <= 1.0))
              return fail (p, p->pos - 1, error, "statistic: bad value for option \"--probability\", or out of range "
                           "(0-1): “%s” is not a probability from 0 to 1", arg);
            /* libxt_statistic: lround (0x80000000 * p) */
            m->statistic.probability = (guint32) lround (2147483648.0 * prob);
            m->statistic.invert = invert;
            return TRUE;
          }
        if (g_str_equal (name, "every") && info->probability_given)
          return fail (p, word, error, "statistic: option \"--every\" cannot be used together with \"--probability\".");
        if (!parse_c_uint (arg, G_MAXUINT32, &value) || (g_str_equal (name, "every") && value == 0))
          return fail (p, p->pos - 1, error, "statistic: bad value for option \"%s\", or out of range (%s-4294967295).",
                       option, g_str_equal (name, "every") ? "1" : "0");
        if (g_str_equal (name, "every"))
          {
            m->statistic.every = value;
            m->statistic.invert = invert;
          }
        else
          m->statistic.packet = value;
      }
      return TRUE;

    case NFL_MATCH_LIMIT:
      if (g_str_equal (name, "limit-burst"))
        {
          guint64 burst;

          if (g_array_index (p->match_info, MatchInfo, m - p->rule->matches).burst_given)
            return fail (p, word, error, "limit: option \"--limit-burst\" can only be used once.");
          if (!parse_c_uint (arg, 10000, &burst))
            return fail (p, p->pos - 1, error, "limit: bad value for option \"--limit-burst\", or out of range "
                         "(0-10000): “%s” is not a number of packets", arg);
          g_array_index (p->match_info, MatchInfo, m - p->rule->matches).burst_given = TRUE;
          /* the kernel's nft limit takes 0 for its default */
          m->limit.burst = burst == 0 ? NFL_LIMIT_BURST : (guint32) burst;
          return TRUE;
        }
      if (g_array_index (p->match_info, MatchInfo, m - p->rule->matches).rate_given)
        return fail (p, word, error, "limit: option \"--limit\" can only be used once.");
      {
        guint32 avg = 0;

        if (!parse_limit_rate (arg, &avg))
          return fail (p, p->pos - 1, error, "bad rate \"%s\": write a number of packets per second, minute, "
                       "hour or day, such as 3/min", arg);
        if (avg == 0)
          return fail (p, p->pos - 1, error, "Rate too fast \"%s\": at most 10000/second", arg);
        m->limit.avg = avg;
      }
      g_array_index (p->match_info, MatchInfo, m - p->rule->matches).rate_given = TRUE;
      return TRUE;

    case NFL_MATCH_ADDRTYPE:
      if (g_str_has_prefix (name, "limit-iface-"))
        {
          guint8 *flag = g_str_equal (name, "limit-iface-in") ? &m->addrtype.limit_in : &m->addrtype.limit_out;
          const char *other = flag == &m->addrtype.limit_in ? "--limit-iface-out" : "--limit-iface-in";

          if (*flag)
            return fail (p, word, error, "addrtype: option \"%s\" can only be used once.", option);
          if (m->addrtype.limit_in || m->addrtype.limit_out)
            return fail (p, word, error, "addrtype: option \"%s\" cannot be used together with \"%s\".",
                         option, other);
          *flag = TRUE;
          return TRUE;
        }
      {
        gboolean source = g_str_equal (name, "src-type");
        guint16 *types = source ? &m->addrtype.src_types : &m->addrtype.dst_types;

        if (*types != 0)
          return fail (p, word, error, "addrtype: option \"%s\" can only be used once.", option);
        if (!parse_addrtypes (p, arg, p->pos - 1, types, error))
          return FALSE;
        if (source)
          m->addrtype.src_invert = invert;
        else
          m->addrtype.dst_invert = invert;
      }
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

/* libxt_CONNMARK's connmark_tg_parse (): one operation, and the masks
 * that --save-mark and --restore-mark use.  The options are applied in
 * the order given, as the library does: "--set-mark 1 --mask 0xff" ends
 * as --set-xmark 0x1/0xff, "--mask 0xff --set-mark 1" as 0x1/0xffffffff.
 * Which options exclude each other is checked once all are read
 * (check_connmark_options ()). */
static gboolean
parse_connmark_option (Parser     *p,
                       const char *option,
                       const char *arg,
                       int         word,
                       int         arg_word,
                       GError    **error)
{
  NflTarget *t = &p->rule->target;
  guint32 value, mask;
  guint64 number;
  gboolean has_mask;
  guint index = option_index (connmark_option_order, N_CONNMARK_OPTIONS, option);
  if (p->connmark_word[index] > 0)
    return fail (p, word, error, "CONNMARK: option \"%s\" can only be used once.", option);
  p->connmark_word[index] = word;
  if (index >= N_CONNMARK_OPS)
    {
      if (!parse_c_uint (arg, 0xffffffffu, &number))
        return fail (p, arg_word, error, "CONNMARK: bad value for option \"%s\", or out of range "
                     "(0-4294967295): “%s” is not a number", option, arg);
      /* --mask is both */
      if (!g_str_equal (option, "--ctmask"))
        t->connmark_nfmask = number;
      if (!g_str_equal (option, "--nfmask"))
        t->mark_mask = number;
      return TRUE;
    }
  t->mark_given = TRUE;
  if (g_str_equal (option, "--save-mark") || g_str_equal (option, "--restore-mark"))
    {
      t->connmark_mode = g_str_equal (option, "--save-mark") ? NFL_CONNMARK_SAVE : NFL_CONNMARK_RESTORE;
      return TRUE;
    }
  t->connmark_mode = NFL_CONNMARK_SET;
  if (g_str_has_prefix (option, "--set-"))
    {
      if (!parse_mark (arg, &value, &mask, &has_mask))
        return fail (p, arg_word, error, "CONNMARK: bad integer value for option \"%s\", or out of range: "
                     "“%s” is not VALUE or VALUE/MASK", option, arg);
      t->mark_value = value;
      /* --set-mark v/m zeroes the bits of m and v, then ORs v in */
      t->mark_mask = g_str_equal (option, "--set-mark") ? mask | value : mask;
      return TRUE;
    }
  if (!parse_c_uint (arg, 0xffffffffu, &number))
    return fail (p, arg_word, error, "CONNMARK: bad value for option \"%s\", or out of range "
                 "(0-4294967295): “%s” is one number, without a mask", option, arg);
  if (g_str_equal (option, "--and-mark"))
    t->mark_value = 0, t->mark_mask = ~(guint32) number;
  else if (g_str_equal (option, "--or-mark"))
    t->mark_value = number, t->mark_mask = number;
  else
    t->mark_value = number, t->mark_mask = 0;
  return TRUE;
}

/* xtables_options_fcheck () for CONNMARK: the first option in the
 * library's order that has one it excludes names the first such */
static gboolean
check_connmark_options (Parser  *p,
                        GError **error)
{
  const int *given = p->connmark_word;

  for (guint i = 0; i < N_CONNMARK_OPTIONS; i++)
    {
      if (given[i] == 0)
        continue;
      for (guint o = 0; o < N_CONNMARK_OPTIONS; o++)
        {
          /* an operation excludes the others; --mask excludes --ctmask and --nfmask */
          gboolean excludes = i < N_CONNMARK_OPS ? o < N_CONNMARK_OPS : (i == 9) != (o == 9) && o >= N_CONNMARK_OPS;

          if (o != i && given[o] != 0 && excludes)
            return fail (p, MAX (given[i], given[o]), error,
                         "CONNMARK: option \"%s\" cannot be used together with \"%s\".",
                         connmark_option_order[i], connmark_option_order[o]);
        }
    }
  return TRUE;
}

/* A target option given at most once, @bit of p->target_given. */
static gboolean
take_target_option (Parser     *p,
                    guint       bit,
                    const char *name,
                    int         word,
                    GError    **error)
{
  if (p->target_given & bit)
    return fail (p, word, error, "%s: option \"--%s\" can only be used once.",
                 nfl_target_kind_name (p->rule->target.kind), name);
  p->target_given |= bit;
  return TRUE;
}

/* libxt_NFLOG's options, through the nft log expression: --nflog-range is
 * taken and dropped (it never worked), a prefix is cut to 127 bytes */
static gboolean
parse_nflog_option (Parser     *p,
                    const char *name,
                    const char *arg,
                    int         word,
                    int         arg_word,
                    GError    **error)
{
  static const char *const names[] = { "nflog-group", "nflog-prefix", "nflog-range", "nflog-size",
                                       "nflog-threshold" };
  NflTarget *t = &p->rule->target;
  guint index = option_index (names, G_N_ELEMENTS (names), name);
  guint64 value = 0;

  if (!take_target_option (p, 1u << index, name, word, error))
    return FALSE;
  if ((p->target_given & 0x0c) == 0x0c)
    return fail (p, word, error, "NFLOG: option \"--nflog-range\" cannot be used together with "
                 "\"--nflog-size\".");
  if (index == 1)
    {
      if (*arg == '\0')
        return fail (p, arg_word, error, "Argument must have a minimum length of 1 characters: give "
                     "--nflog-prefix a text");
      g_strlcpy (t->nflog_prefix, arg, sizeof t->nflog_prefix);
      return TRUE;
    }
  if (!parse_c_uint (arg, index == 0 || index == 4 ? 65535 : 0xffffffffu, &value))
    return fail (p, arg_word, error, "NFLOG: bad value for option \"--%s\", or out of range (0-%s).", name,
                 index == 0 || index == 4 ? "65535" : "4294967295");
  if (index == 0)
    t->nflog_group = (guint16) value;
  else if (index == 3)
    {
      t->nflog_size = (guint32) value;
      t->nflog_size_given = TRUE;
    }
  else if (index == 4)
    t->nflog_threshold = (guint16) value;
  return TRUE;
}

/* NFQUEUE_parse_v3 (): --queue-num and --queue-balance exclude each
 * other, a balance is FROM:TO with FROM below TO */
static gboolean
parse_nfqueue_option (Parser     *p,
                      const char *name,
                      const char *arg,
                      int         word,
                      int         arg_word,
                      GError    **error)
{
  static const char *const names[] = { "queue-num", "queue-balance", "queue-bypass", "queue-cpu-fanout" };
  NflTarget *t = &p->rule->target;
  guint index = option_index (names, G_N_ELEMENTS (names), name);

  if (!take_target_option (p, 1u << index, name, word, error))
    return FALSE;
  if ((p->target_given & 0x3) == 0x3)
    return fail (p, word, error, "NFQUEUE: option \"--queue-num\" cannot be used together with "
                 "\"--queue-balance\".");
  if (index == 0)
    {
      guint64 value;

      if (!parse_c_uint (arg, 65535, &value))
        return fail (p, arg_word, error, "NFQUEUE: bad value for option \"--queue-num\", or out of range "
                     "(0-65535).");
      t->queue_num = (guint16) value;
      t->queue_total = 1;
    }
  else if (index == 1)
    {
      const char *colon = strchr (arg, ':');
      g_autofree char *first = NULL;
      guint64 lo, hi;

      if (colon == NULL)
        return fail (p, arg_word, error, "Bad range \"%s\": write FIRST:LAST, the queues to share the "
                     "packets between", arg);
      /* xtables' ranges: an empty end is the type's first or last value */
      first = g_strndup (arg, colon - arg);
      lo = 0;
      hi = 65535;
      if (*first != '\0' && !parse_c_uint (first, 65535, &lo))
        return fail (p, arg_word, error, "NFQUEUE: bad value for option \"--queue-balance\" near \"%s\", or "
                     "out of range (0-65535).", arg);
      if (colon[1] != '\0' && !parse_c_uint (colon + 1, 65535, &hi))
        return fail (p, arg_word, error, "NFQUEUE: bad value for option \"--queue-balance\" near \"%s\", or "
                     "out of range (0-65535).", colon + 1);
      if (lo >= hi)
        return fail (p, arg_word, error, "%u should be less than %u: --queue-balance needs at least two queues",
                     (guint) lo, (guint) hi);
      t->queue_num = (guint16) lo;
      t->queue_total = (guint32) (hi - lo + 1);
    }
  else
    t->queue_flags |= index == 2 ? NFL_NFQUEUE_BYPASS : NFL_NFQUEUE_CPU_FANOUT;
  return TRUE;
}

static gboolean
parse_target_option (Parser     *p,
                     const char *name,
                     int         word,
                     GError    **error)
{
  char option_buf[LONG_OPTION_TEXT_SIZE];
  const char *option = long_option_text (option_buf, name);
  NflTarget *t = &p->rule->target;
  const ExtOption *spec = find_ext_option (target_options (t->kind), name);
  const char *arg = NULL;
  int arg_word;

  g_assert (spec != NULL);
  if (p->invert)
    return fail (p, p->invert_word, error, "“!” cannot be used before the target option %s", option);
  if (spec->unmodelled && p->keep_unmodelled && p->target_word >= 0 &&
      strcmp (p->argv[p->target_word], "-j") == 0)
    {
      /* the whole target is kept as written, with the options before this one */
      g_autofree char *head = g_strconcat ("-j ", nfl_target_kind_name (t->kind), NULL);

      memset (t, 0, sizeof *t);
      t->kind = NFL_TARGET_UNMODELLED;
      p->pos = word;
      return keep_unmodelled (p, head, p->target_word + 2, TRUE, error) != NULL;
    }
  if (spec->unmodelled)
    return fail (p, word, error,
                 "%s is a real option of %s, but the simulator does not model it",
                 option, nfl_target_kind_name (t->kind));
  arg_word = p->attached != NULL ? word : p->pos;
  if (spec->arg == ARG_REQUIRED && (arg = next_arg (p, word, error)) == NULL)
    return FALSE;

  if (t->kind == NFL_TARGET_CONNMARK)
    return parse_connmark_option (p, option, arg, word, arg_word, error);
  if (t->kind == NFL_TARGET_NFLOG)
    return parse_nflog_option (p, name, arg, word, arg_word, error);
  if (t->kind == NFL_TARGET_NFQUEUE)
    return parse_nfqueue_option (p, name, arg, word, arg_word, error);
  if (t->kind == NFL_TARGET_TCPMSS || t->kind == NFL_TARGET_CHECKSUM)
    {
      /* libxt_TCPMSS, libxt_CHECKSUM: each option once; of --set-mss
       * and --clamp-mss-to-pmtu the last one given counts */
      guint bit = g_str_equal (name, "set-mss") ? 1 : 2;
      guint64 value;

      if (!take_target_option (p, bit, name, word, error))
        return FALSE;
      if (t->kind == NFL_TARGET_CHECKSUM)
        return TRUE;
      if (bit == 2)
        t->tcpmss = NFL_TCPMSS_CLAMP;
      else if (!parse_c_uint (arg, NFL_TCPMSS_MAX, &value))
        return fail (p, arg_word, error, "TCPMSS: bad value for option \"--set-mss\", or out of range (0-%u)",
                     NFL_TCPMSS_MAX);
      else
        t->tcpmss = (guint16) value;
      return TRUE;
    }
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
      if (t->reject_with_given)
        return fail (p, word, error, "REJECT: option \"--reject-with\" can only be used once.");
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        if (g_str_equal (arg, names[i].name))
          {
            t->reject_with = names[i].with;
            t->reject_with_given = TRUE;
            return TRUE;
          }
      return fail (p, arg_word, error,
                   "unknown reject type \"%s\": use icmp-net-unreachable, icmp-host-unreachable, "
                   "icmp-port-unreachable, icmp-proto-unreachable, icmp-net-prohibited, "
                   "icmp-host-prohibited, icmp-admin-prohibited or tcp-reset", arg);
    }
  if (g_str_equal (option, "--log-prefix"))
    {
      /* iptables cuts a longer prefix to 29 characters without a word */
      if (*arg == '\0')
        return fail (p, arg_word, error, "No prefix specified for --log-prefix");
      if (strchr (arg, '\n') != NULL)
        return fail (p, arg_word, error, "Newlines not allowed in --log-prefix");
      g_strlcpy (t->log_prefix, arg, sizeof t->log_prefix);
      t->log_prefix_given = TRUE;
      return TRUE;
    }
  if (g_str_equal (option, "--log-level"))
    {
      if (!parse_log_level (arg, &t->log_level))
        return fail (p, arg_word, error, "log level \"%s\" unknown: use 0-7 or emerg, alert, crit, error, warning, notice, info, debug", arg);
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
  /* iptables-save prints "/0" for SNAT and MASQUERADE, whose range keeps
   * no base; iptables-restore refuses to read it back, a saved ruleset
   * here reads it as the shift it is */
  guint min_base = p->keep_unmodelled && (t->kind == NFL_TARGET_SNAT || t->kind == NFL_TARGET_MASQUERADE) ? 0 : 1;

  if (g_str_equal (option, "--to-destination") || g_str_equal (option, "--to-source"))
    {
      if (t->nat_has_addr || t->nat_has_ports)
        return fail (p, word, error, "%s: option \"%s\" can only be used once.",
                     nfl_target_kind_name (t->kind), option);
      if (!parse_nat_range (arg, t, TRUE, min_base) || (!t->nat_has_addr && !t->nat_has_ports))
        return fail (p, arg_word, error, "Bad IP address \"%s\": use ADDR[-ADDR][:PORT[-PORT[/BASE]]]", arg);
      /* SNAT has only revision 0 for IPv4, whose range has no room for
       * the base: the kernel gets the shift from port 0 */
      if (t->kind == NFL_TARGET_SNAT)
        t->nat_port_base = 0;
      if (t->nat_has_ports && (!p->rule->has_proto || (p->rule->proto != 6 && p->rule->proto != 17)))
        return fail (p, arg_word, error, "Need TCP, UDP, SCTP or DCCP with port specification (add “-p tcp” or “-p udp”)");
      return TRUE;
    }
  if (g_str_equal (option, "--to-ports"))
    {
      if (!parse_nat_range (arg, t, FALSE, min_base))
        return fail (p, arg_word, error, "Port \"%s\" not valid: use PORT or PORT-PORT", arg);
      /* REDIRECT's fcheck refuses a shifted port map; MASQUERADE, like
       * SNAT, keeps the shift and loses the base */
      if ((t->nat_flags & NFL_NAT_PORT_SHIFT) && t->kind == NFL_TARGET_REDIRECT)
        return fail (p, arg_word, error, "Shifted portmap ranges not supported with this kernel: "
                     "REDIRECT takes PORT or PORT-PORT");
      t->nat_port_base = 0;
      if (!p->rule->has_proto || (p->rule->proto != 6 && p->rule->proto != 17))
        return fail (p, arg_word, error, "Need TCP, UDP, SCTP or DCCP with port specification (add “-p tcp” or “-p udp”)");
      return TRUE;
    }
  if (g_str_has_suffix (option, "-mark") || g_str_equal (option, "--set-xmark"))
    {
      guint32 value, mask;
      gboolean has_mask;

      if (t->mark_given)
        return fail (p, word, error, "MARK: option \"%s\" cannot be used together with another "
                     "MARK option: give one of --set-xmark, --set-mark, --and-mark, --or-mark, --xor-mark",
                     option);
      if (!parse_mark (arg, &value, &mask, &has_mask))
        return fail (p, arg_word, error, "Bad MARK value \"%s\"", arg);
      if (g_str_equal (option, "--set-xmark"))
        t->mark_value = value, t->mark_mask = mask;
      else if (g_str_equal (option, "--set-mark"))
        /* --set-mark v/m zeroes the bits of m, then ORs v in */
        t->mark_value = value, t->mark_mask = mask | value;
      else if (has_mask)
        return fail (p, arg_word, error, "%s takes a value without a mask", option);
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
        return fail (p, arg_word, error, "Bad TOS value \"%s\": use 0x00-0xff[/mask] or a name like Minimize-Delay", arg);
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
        return fail (p, arg_word, error, "TTL: invalid value \"%s\": use 0 to 255", arg);
      t->ttl_mode = g_str_equal (option, "--ttl-set") ? NFL_TTL_SET :
                    g_str_equal (option, "--ttl-dec") ? NFL_TTL_DEC : NFL_TTL_INC;
      if (t->ttl_mode != NFL_TTL_SET && value == 0)
        return fail (p, arg_word, error, "TTL: increasing or decreasing by 0 makes no sense");
      t->ttl_value = value;
      t->ttl_given = TRUE;
      return TRUE;
    }
  return fail (p, word, error, "unknown option \"%s\"", option);
}

/* in byte order, for is_unmodelled_target () */
static const char *const unmodelled_targets[] = {
  "AUDIT", "CLASSIFY", "CLUSTERIP", "CONNSECMARK", "DSCP", "ECN",
  "HMARK", "IDLETIMER", "LED", "NETMAP", "QUEUE", "RATEEST", "SECMARK",
  "SET", "SYNPROXY", "TCPOPTSTRIP", "TEE", "TPROXY", "ULOG",
};

static int
compare_target_name (const void *name,
                     const void *item)
{
  return strcmp (name, *(const char *const *) item);
}

/* Whether @name is one of unmodelled_targets, found by bisection: every
 * jump of a restore to a user chain asks (the 3,335 of a kube-proxy
 * node's: one g_strv_contains () each was a fiftieth of its import). */
static gboolean
is_unmodelled_target (const char *name)
{
#ifndef G_DISABLE_ASSERT
  for (guint i = 1; i < G_N_ELEMENTS (unmodelled_targets); i++)
    g_assert (strcmp (unmodelled_targets[i - 1], unmodelled_targets[i]) < 0);
#endif
  return bsearch (name, unmodelled_targets, G_N_ELEMENTS (unmodelled_targets), sizeof unmodelled_targets[0],
                  compare_target_name) != NULL;
}

/* command_jump(): a target the library knows, else a chain (whether it
 * exists is checked when the rule is added) */
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
    { "TRACE", NFL_TARGET_TRACE }, { "CONNMARK", NFL_TARGET_CONNMARK }, { "NFLOG", NFL_TARGET_NFLOG },
    { "NFQUEUE", NFL_TARGET_NFQUEUE }, { "TCPMSS", NFL_TARGET_TCPMSS }, { "CHECKSUM", NFL_TARGET_CHECKSUM },
  };
  NflTarget *t = &p->rule->target;
  gboolean unmodelled;

  p->rule_words = TRUE;
  p->target_word = word;

  if (!is_goto)
    {
      for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
        if (name_is (targets[i].name, name))
          {
            t->kind = targets[i].kind;
            if (t->kind == NFL_TARGET_REJECT)
              t->reject_with = NFL_REJECT_ICMP_PORT_UNREACHABLE;
            return TRUE;
          }
      /* looked up once: every jump to a user chain comes here */
      unmodelled = is_unmodelled_target (name);
      if (unmodelled && p->keep_unmodelled)
        {
          g_autofree char *head = g_strconcat ("-j ", name, NULL);

          t->kind = NFL_TARGET_UNMODELLED;
          return keep_unmodelled (p, head, p->pos, TRUE, error) != NULL;
        }
      if (unmodelled)
        return fail (p, p->target_arg_word, error,
                     "-j %s is a real iptables target, but the simulator does not model it", name);
    }

  if (strlen (name) > NFL_CHAIN_MAXLEN)
    return fail (p, p->target_arg_word, error, "chain name `%s' too long (must be under 29 chars)", name);
  if (*name == '\0')
    return fail (p, p->target_arg_word, error, "a target name is required after -%c", is_goto ? 'g' : 'j');
  t->kind = is_goto ? NFL_TARGET_GOTO : NFL_TARGET_JUMP;
  g_strlcpy (t->chain, name, sizeof t->chain);
  return TRUE;
}

/* the final checks of the target's library (x6_fcheck) */
static gboolean
finish_target (Parser  *p,
               GError **error)
{
  NflTarget *t = &p->rule->target;
  int word = p->target_arg_word;

  switch (t->kind)
    {
    case NFL_TARGET_DNAT:
      if (!t->nat_has_addr && !t->nat_has_ports)
        return fail (p, word, error, "DNAT: option \"--to-destination\" must be specified: "
                     "-j DNAT --to-destination ADDR[:PORT]");
      break;
    case NFL_TARGET_SNAT:
      if (!t->nat_has_addr && !t->nat_has_ports)
        return fail (p, word, error, "SNAT: option \"--to-source\" must be specified: "
                     "-j SNAT --to-source ADDR[:PORT]");
      break;
    case NFL_TARGET_MARK:
      if (!t->mark_given)
        return fail (p, word, error, "MARK: One of the --set-xmark, --{and,or,xor,set}-mark options is required");
      break;
    case NFL_TARGET_CONNMARK:
      if (!check_connmark_options (p, error))
        return FALSE;
      if (!t->mark_given)
        return fail (p, word, error, "CONNMARK target: No operation specified: give --set-mark, --set-xmark, "
                     "--and-mark, --or-mark, --xor-mark, --save-mark or --restore-mark");
      break;
    case NFL_TARGET_TOS:
      if (!t->tos_given)
        return fail (p, word, error, "TOS: An action is required: --set-tos, --and-tos, --or-tos or --xor-tos");
      break;
    case NFL_TARGET_TTL:
      if (!t->ttl_given)
        return fail (p, word, error, "TTL: You must specify an action: --ttl-set, --ttl-dec or --ttl-inc");
      break;
    case NFL_TARGET_TCPMSS:
      if (p->target_given == 0)
        return fail (p, word, error, "TCPMSS target: At least one parameter is required: --set-mss N or "
                     "--clamp-mss-to-pmtu");
      break;
    case NFL_TARGET_CHECKSUM:
      if (p->target_given == 0)
        return fail (p, word, error, "CHECKSUM: option \"--checksum-fill\" must be specified");
      break;
    case NFL_TARGET_NFQUEUE:
      if (t->queue_total == 0)
        t->queue_total = 1;
      if ((t->queue_flags & NFL_NFQUEUE_CPU_FANOUT) && t->queue_total < 2)
        return fail (p, word, error, "NFQUEUE: option \"--queue-cpu-fanout\" also requires \"--queue-balance\".");
      /* nfqueue_tg_check (): the kernel holds the number of queues in 16 bits */
      if (t->queue_total > 65535)
        return fail (p, word, error, "RULE_APPEND failed (Invalid argument): --queue-balance spans %u queues, "
                     "at most 65535", t->queue_total);
      break;
    case NFL_TARGET_CT:
      if (!t->ct_notrack)
        return fail (p, word, error,
                     "-j CT without --notrack sets up connection tracking templates, which the simulator "
                     "does not model: it knows “-j CT --notrack”");
      break;
    default:
      break;
    }
  return TRUE;
}

/* the final checks of the matches (x6_fcheck), and of the protocol the
 * kernel (or iptables-nft) wants for tcp, udp and icmp */
static gboolean
finish_matches (Parser  *p,
                GError **error)
{
  const NflRule *rule = p->rule;

  for (guint i = 0; i < rule->n_matches; i++)
    {
      const NflMatch *m = &rule->matches[i];
      const MatchInfo *info = &g_array_index (p->match_info, MatchInfo, i);
      int word = info->word;

      switch (m->kind)
        {
        case NFL_MATCH_MULTIPORT:
          if (m->multiport.n_ports == 0)
            return fail (p, word, error, "multiport expection an option: --sports, --dports or --ports");
          break;
        case NFL_MATCH_CONNTRACK:
          if (info->options == 0)
            return fail (p, word, error, "conntrack: At least one option is required, such as --ctstate NEW or "
                         "--ctorigdst ADDRESS");
          break;
        case NFL_MATCH_STATE:
          if (info->options == 0)
            return fail (p, word, error, "state: option \"--state\" must be specified");
          break;
        case NFL_MATCH_MARK:
        case NFL_MATCH_CONNMARK:
          if (info->options == 0)
            return fail (p, word, error, "%s: option \"--mark\" must be specified", match_module_name (m->kind));
          break;
        case NFL_MATCH_COMMENT:
          if (info->options == 0)
            return fail (p, word, error, "comment: option \"--comment\" must be specified");
          break;
        case NFL_MATCH_IPRANGE:
          if (!m->iprange.has_src && !m->iprange.has_dst)
            return fail (p, word, error, "iprange match: You must specify `--src-range' or `--dst-range'");
          break;
        case NFL_MATCH_ADDRTYPE:
          if (m->addrtype.src_types == 0 && m->addrtype.dst_types == 0)
            return fail (p, word, error, "addrtype: you must specify --src-type or --dst-type");
          break;
        case NFL_MATCH_LENGTH:
          if (info->options == 0)
            return fail (p, word, error, "length: option \"--length\" must be specified");
          break;
        case NFL_MATCH_RECENT:
          if (!check_recent (p, m, info, error))
            return FALSE;
          break;
        case NFL_MATCH_PKTTYPE:
          if (info->options == 0)
            return fail (p, word, error, "pkttype: option \"--pkt-type\" must be specified");
          break;
        case NFL_MATCH_OWNER:
          if (!(m->owner.match & (NFL_OWNER_UID | NFL_OWNER_GID | NFL_OWNER_SOCKET)))
            return fail (p, word, error, "owner: At least one of --uid-owner, --gid-owner or --socket-exists "
                         "is required");
          break;
        case NFL_MATCH_TTL:
          if (info->options == 0)
            return fail (p, word, error, "TTL match: You must specify one of `--ttl-eq', `--ttl-lt', `--ttl-gt'");
          break;
        case NFL_MATCH_PHYSDEV:
          if (m->physdev.given == 0)
            return fail (p, word, error, "PHYSDEV: no physdev option specified");
          break;
        case NFL_MATCH_STATISTIC:
          /* --mode is mandatory (XTOPT_MAND, checked before
           * statistic_check ()), so the mode left when it is missing
           * never reaches a rule */
          if (!info->mode_given)
            return fail (p, word, error, "statistic: option \"--mode\" must be specified: --mode random or --mode nth");
          if (m->statistic.random)
            {
              if (!info->probability_given)
                return fail (p, word, error, "--probability must be specified when using random mode");
              if (info->every_given || info->packet_given)
                return fail (p, word, error, "--every and --packet can only be used in nth mode");
              break;
            }
          if (info->probability_given)
            return fail (p, word, error, "--probability can only be used in random mode");
          if (!info->every_given && !info->packet_given)
            return fail (p, word, error, "--every and --packet must be specified when using nth mode");
          if (!info->packet_given)
            return fail (p, word, error, "statistic: option \"--every\" also requires \"--packet\".");
          if ((guint64) m->statistic.packet >= (guint64) m->statistic.every)
            return fail (p, word, error, "the --packet p must be 0 <= p <= n-1: %u is not below --every %u",
                         m->statistic.packet, m->statistic.every);
          break;
        default:
          break;
        }
    }
  return TRUE;
}

/* add_nft_tcp () and add_nft_udp () of iptables-nft 1.8.9: a tcp or udp
 * match that is not all defaults is stored as payload expressions, where a
 * full port range, inverted or not, and empty --tcp-flags give none; and
 * iptables-save reads back only what was stored.  So "! --sport 0:65535"
 * is not kept, and a match left with nothing is not kept either:
 * "-p tcp -m tcp ! --sport :" is "-p tcp", which matches every TCP packet.
 * (Without its -p the match stays, for check_rule_protocol () to refuse.) */
static void
drop_unstored_l4 (Parser *p)
{
  NflRule *rule = p->rule;

  for (guint i = 0; i < rule->n_matches; i++)
    {
      NflMatch *m = &rule->matches[i];
      gboolean sport_all, dport_all;

      if ((m->kind != NFL_MATCH_TCP && m->kind != NFL_MATCH_UDP) ||
          !rule->has_proto || rule->proto_invert || rule->proto != (m->kind == NFL_MATCH_TCP ? 6 : 17))
        continue;
      sport_all = !m->l4.has_sport || _nfl_port_range_is_all (&m->l4.sport);
      dport_all = !m->l4.has_dport || _nfl_port_range_is_all (&m->l4.dport);
      /* all defaults: the kernel's own tcp or udp match, kept as it is */
      if (sport_all && dport_all && !(m->l4.has_sport && m->l4.sport_invert) &&
          !(m->l4.has_dport && m->l4.dport_invert) &&
          !(m->l4.has_flags && (m->l4.flags_mask != 0 || m->l4.flags_cmp != 0 || m->l4.flags_invert)))
        continue;
      if (sport_all)
        m->l4.has_sport = FALSE, m->l4.sport_invert = FALSE;
      if (dport_all)
        m->l4.has_dport = FALSE, m->l4.dport_invert = FALSE;
      if (m->l4.has_flags && m->l4.flags_mask == 0)
        m->l4.has_flags = FALSE, m->l4.flags_invert = FALSE;
      if (m->l4.has_sport || m->l4.has_dport || m->l4.has_flags)
        continue;
      memmove (m, m + 1, (rule->n_matches - i - 1) * sizeof *m);
      rule->n_matches--;
      g_array_remove_index (p->match_info, i);
      i--;
    }
}

/* What iptables-nft and the kernel check once the rule is built: the
 * protocol of tcp, udp and icmp matches, and REJECT's tcp-reset. */
static gboolean
check_rule_protocol (Parser  *p,
                     GError **error)
{
  const NflRule *rule = p->rule;
  gboolean is_tcp = rule->has_proto && !rule->proto_invert && rule->proto == 6;

  for (guint i = 0; i < rule->n_matches; i++)
    {
      const NflMatch *m = &rule->matches[i];
      int word = g_array_index (p->match_info, MatchInfo, i).word;
      guint8 want;
      const char *name;

      switch (m->kind)
        {
        case NFL_MATCH_TCP: want = 6; name = "tcp"; break;
        case NFL_MATCH_UDP: want = 17; name = "udp"; break;
        case NFL_MATCH_ICMP: want = 1; name = "icmp"; break;
        default: continue;
        }
      if (rule->has_proto && !rule->proto_invert && rule->proto == want)
        continue;
      /* an empty tcp or udp match, and every icmp match, goes to the
       * kernel's own match, which refuses it; otherwise iptables does */
      if (m->kind == NFL_MATCH_ICMP ||
          (!(m->l4.has_sport && (!_nfl_port_range_is_all (&m->l4.sport) || m->l4.sport_invert)) &&
           !(m->l4.has_dport && (!_nfl_port_range_is_all (&m->l4.dport) || m->l4.dport_invert)) &&
           !(m->l4.has_flags && m->l4.flags_mask != 0)))
        return fail (p, word, error,
                     "RULE_APPEND failed (Invalid argument): the %s match needs “-p %s” in the rule",
                     name, name);
      return fail (p, word, error, "%s match requires '-p %s'",
                   m->kind == NFL_MATCH_TCP ? "TCP" : "UDP", name);
    }
  if (rule->target.kind == NFL_TARGET_REJECT && rule->target.reject_with == NFL_REJECT_TCP_RESET && !is_tcp)
    return fail (p, p->target_arg_word, error,
                 "RULE_APPEND failed (Invalid argument): REJECT --reject-with tcp-reset needs “-p tcp” in the rule");
  /* xt_check_target (): TCPMSS is registered for IPPROTO_TCP */
  if (rule->target.kind == NFL_TARGET_TCPMSS && !is_tcp)
    return fail (p, p->target_arg_word, error,
                 "RULE_APPEND failed (Invalid argument): TCPMSS needs “-p tcp” in the rule: it changes the MSS "
                 "option of TCP segments");
  return TRUE;
}

static gboolean
parse_interface (Parser     *p,
                 gboolean    in,
                 int         word,
                 GError    **error)
{
  const char *arg;
  gboolean invert = FALSE;
  int arg_word = p->attached != NULL ? word : p->pos;
  /* check_empty_interface () looks at optarg, not at the whole word */
  gboolean empty = p->attached != NULL ? *p->attached == '\0' : p->pos < p->argc && *p->argv[p->pos] == '\0';

  if ((arg = next_arg_word (p, word, error)) == NULL)
    return FALSE;
  if (empty)
    return fail (p, arg_word, error, "Empty interface is likely to be undesired: give a name after %s",
                 p->argv[word]);
  if (!set_option (p, in ? OPT_VIANAMEIN : OPT_VIANAMEOUT, word, &invert, error))
    return FALSE;
  if (strlen (arg) >= NFL_IFNAMSIZ)
    return fail (p, arg_word, error,
                 "interface name `%s' must be shorter than IFNAMSIZ (15): it has %zu characters",
                 arg, strlen (arg));
  p->rule_words = TRUE;
  /* "+" alone matches every interface: iptables-nft stores nothing */
  if (g_str_equal (arg, "+"))
    return TRUE;
  if (in)
    p->rule->has_in = TRUE, p->rule->in_invert = invert, g_strlcpy (p->rule->in, arg, NFL_IFNAMSIZ);
  else
    p->rule->has_out = TRUE, p->rule->out_invert = invert, g_strlcpy (p->rule->out, arg, NFL_IFNAMSIZ);
  return TRUE;
}

/* -s and -d: the text is kept, and read once every word is (as
 * iptables does in its post_parse) */
static gboolean
take_addresses (Parser  *p,
                gboolean source,
                int      word,
                GError **error)
{
  const char *arg;
  gboolean invert = FALSE;
  int arg_word = p->attached != NULL ? word : p->pos;

  if ((arg = next_arg_word (p, word, error)) == NULL)
    return FALSE;
  if (!set_option (p, source ? OPT_SOURCE : OPT_DESTINATION, word, &invert, error))
    return FALSE;
  if (source)
    p->source_text = arg, p->source_word = arg_word, p->rule->src_invert = invert;
  else
    p->destination_text = arg, p->destination_word = arg_word, p->rule->dst_invert = invert;
  p->rule_words = TRUE;
  return TRUE;
}

static gboolean
parse_addresses (Parser  *p,
                 gboolean source,
                 GError **error)
{
  g_autofree char *bad = NULL;
  AddrList *list = source ? &p->sources : &p->destinations;
  const char *text = source ? p->source_text : p->destination_text;
  int arg_word = source ? p->source_word : p->destination_word;
  const AddrMask *first;

  if (text == NULL)
    return TRUE;
  switch (parse_address_list (text, list, &bad))
    {
    case ADDR_BAD_MASK:
      return fail (p, arg_word, error, "invalid mask `%s' specified: a mask is 0 to 32, or dotted like 255.255.255.0",
                   bad);
    case ADDR_NOT_FOUND:
      return fail (p, arg_word, error,
                   "host/network `%s' not found: write an IPv4 address, optionally with /PREFIX (0-32); "
                   "the only names known are localhost, loopback, link-local and default", bad);
    case ADDR_OK:
    default:
      break;
    }
  first = addr_list_get (list, 0);
  if (source)
    p->rule->has_src = TRUE, p->rule->src = first->addr, p->rule->src_mask = first->mask;
  else
    p->rule->has_dst = TRUE, p->rule->dst = first->addr, p->rule->dst_mask = first->mask;
  return TRUE;
}

/* -A, -I, … with their arguments */
static gboolean
parse_command (Parser  *p,
               char     letter,
               int      word,
               GError **error)
{
  static const struct { char letter; Command command; } commands[] = {
    { 'A', CMD_APPEND }, { 'C', CMD_CHECK }, { 'D', CMD_DELETE }, { 'R', CMD_REPLACE },
    { 'I', CMD_INSERT }, { 'L', CMD_LIST }, { 'S', CMD_LIST_RULES }, { 'F', CMD_FLUSH },
    { 'Z', CMD_ZERO }, { 'N', CMD_NEW_CHAIN }, { 'X', CMD_DELETE_CHAIN }, { 'E', CMD_RENAME },
    { 'P', CMD_POLICY },
  };
  Command command = CMD_NONE;
  char *chain = NULL;
  int chain_word = p->attached != NULL ? word : p->pos;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (commands[i].letter == letter)
      command = commands[i].command;
  g_assert (command != CMD_NONE);

  if (!add_command (p, command, word, error))
    return FALSE;

  switch (command)
    {
    case CMD_APPEND:
    case CMD_CHECK:
    case CMD_NEW_CHAIN:
    case CMD_INSERT:
    case CMD_REPLACE:
    case CMD_DELETE:
    case CMD_RENAME:
    case CMD_POLICY:
      if ((chain = (char *) next_arg (p, word, error)) == NULL)
        return FALSE;
      break;
    default:
      chain = optional_arg (p);
      break;
    }
  if (chain != NULL)
    {
      p->chain = chain;
      p->chain_word = chain_word;
    }

  switch (command)
    {
    case CMD_DELETE:
    case CMD_INSERT:
    case CMD_LIST:
    case CMD_LIST_RULES:
      if (has_arg (p) && !take_rule_number (p, error))
        return FALSE;
      break;
    case CMD_ZERO:
      if (has_arg (p))
        {
          if (!take_rule_number (p, error))
            return FALSE;
          if (p->zero)
            p->zero_number = TRUE;
        }
      break;
    case CMD_REPLACE:
      if (!has_arg (p))
        return fail (p, word, error, "-R requires a rule number: -R CHAIN NUMBER RULE");
      if (!take_rule_number (p, error))
        return FALSE;
      break;
    case CMD_RENAME:
      if (!has_arg (p))
        return fail (p, word, error, "-E requires old-chain-name and new-chain-name");
      p->second = p->argv[p->pos++];
      break;
    case CMD_POLICY:
      if (!has_arg (p))
        return fail (p, word, error, "-P requires a chain and a policy: -P CHAIN ACCEPT or -P CHAIN DROP");
      p->second = p->argv[p->pos++];
      break;
    default:
      break;
    }
  return TRUE;
}

static gboolean valid_new_chain_name (Parser     *p,
                                      const char *name,
                                      int         word,
                                      GError    **error);

/* One option of do_parse()'s getopt loop: @letter for the global ones,
 * else @name (a match's or the target's option, without "--") */
static gboolean
parse_option (Parser     *p,
              char        letter,
              const char *name,
              int         word,
              gboolean    rule_only,
              GError    **error)
{
  const char *arg;
  gboolean invert = FALSE;

  if (name != NULL)
    {
      gboolean handled = FALSE;

      if (find_ext_option (target_options (p->rule->target.kind), name) != NULL)
        return parse_target_option (p, name, word, error);
      if (!parse_match_option (p, name, word, &handled, error))
        return FALSE;
      if (handled)
        return TRUE;
      return fail (p, word, error, "unknown option \"%s\"", p->argv[word]);
    }

  if (rule_only && strchr ("ACDRILSFZNXEPtnxV0wWh", letter) != NULL)
    return fail (p, word, error, "%s cannot be used in a rule of iptables-restore", p->argv[word]);
  if (p->rule_command && strchr ("CDLSFZNXEPhV", letter) != NULL)
    return fail (p, word, error, "%s does not put a rule in a chain: this takes -A, -I or -R CHAIN and a rule",
                 p->argv[word]);

  switch (letter)
    {
    case 'A': case 'C': case 'D': case 'R': case 'I': case 'L': case 'S':
    case 'F': case 'Z': case 'N': case 'X': case 'E': case 'P':
      if (!parse_command (p, letter, word, error))
        return FALSE;
      if (letter == 'N' && !valid_new_chain_name (p, p->chain, p->chain_word, error))
        return FALSE;
      return TRUE;

    case 'h':
      p->help = TRUE;
      (void) optional_arg (p);
      return TRUE;

    case 'p':
      {
        guint8 proto;
        int arg_word = p->attached != NULL ? word : p->pos;

        if ((arg = next_arg_word (p, word, error)) == NULL)
          return FALSE;
        if (!set_option (p, OPT_PROTOCOL, word, &invert, error))
          return FALSE;
        if (!parse_protocol (arg, &proto))
          return fail (p, arg_word, error,
                       "unknown protocol \"%s\" specified: use tcp, udp, icmp, all, a name from "
                       "/etc/protocols or a number 0-255", arg);
        if (proto == 0 && invert)
          return fail (p, arg_word, error, "rule would never match protocol: “! -p %s” matches nothing", arg);
        p->rule->has_proto = proto != 0;
        p->rule->proto_invert = invert && proto != 0;
        p->rule->proto = proto;
        p->rule_words = TRUE;
        return TRUE;
      }

    case 's':
    case 'd':
      return take_addresses (p, letter == 's', word, error);

    case 'j':
    case 'g':
      p->target_arg_word = p->attached != NULL ? word : p->pos;
      /* -g reads optarg */
      if ((arg = letter == 'j' ? next_arg_word (p, word, error) : next_arg (p, word, error)) == NULL)
        return FALSE;
      if (p->opt_word[OPT_JUMP] >= 0)
        return fail (p, word, error, "multiple -j flags not allowed: a rule has one target (-j or -g)");
      if (p->invert)
        return fail (p, p->invert_word, error, "cannot have ! before -%c", letter);
      p->opt_word[OPT_JUMP] = word;
      return parse_target (p, arg, word, letter == 'g', error);

    case 'i':
    case 'o':
      return parse_interface (p, letter == 'i', word, error);

    case 'f':
      {
        gboolean invert = FALSE;

        if (!set_option (p, OPT_FRAGMENT, word, &invert, error))
          return FALSE;
        p->rule->frag_invert = invert;
      }
      p->rule->frag = TRUE;
      p->rule_words = TRUE;
      return TRUE;

    case 'v':
      if (p->verbose == 0 && !set_option (p, OPT_VERBOSE, word, NULL, error))
        return FALSE;
      p->verbose++;
      return TRUE;

    case 'm':
      if ((arg = next_arg (p, word, error)) == NULL)
        return FALSE;
      if (p->invert)
        return fail (p, p->invert_word, error, "unexpected ! flag before --match");
      return parse_match_module (p, arg, p->pos - 1 > word ? p->pos - 1 : word, error);

    case 'n':
      return set_option (p, OPT_NUMERIC, word, NULL, error);

    case 't':
      {
        int arg_word = p->attached != NULL ? word : p->pos;

        if (p->invert)
          return fail (p, p->invert_word, error, "unexpected ! flag before --table");
        if ((arg = next_arg (p, word, error)) == NULL)
          return FALSE;
        if (!nfl_table_from_name (arg, &p->table))
          return fail (p, arg_word, error,
                       "table '%s' does not exist: the tables are filter, nat, mangle and raw "
                       "(the security table is not simulated)", arg);
        p->table_word = arg_word;
        return TRUE;
      }

    case 'x':
      return set_option (p, OPT_EXPANDED, word, NULL, error);

    case 'V':
      p->version = TRUE;
      return TRUE;

    case 'w':
    case 'W':
      /* waiting for the xtables lock means nothing here */
      if (optional_arg (p) == NULL && p->pos < p->argc && g_ascii_isdigit (p->argv[p->pos][0]))
        p->pos++;
      return TRUE;

    case '0':
      return set_option (p, OPT_LINENUMBERS, word, NULL, error);

    case 'M':
      return next_arg (p, word, error) != NULL;

    case 'c':
      {
        /* -c PACKETS BYTES, or -c PACKETS,BYTES */
        g_auto(GStrv) parts = NULL;
        const char *bytes;
        guint64 packets, nbytes;

        if ((arg = next_arg (p, word, error)) == NULL)
          return FALSE;
        if (!set_option (p, OPT_COUNTERS, word, NULL, error))
          return FALSE;
        parts = g_strsplit (arg, ",", 2);
        if (parts[0] != NULL && parts[1] != NULL)
          bytes = parts[1];
        else if (has_arg (p))
          bytes = p->argv[p->pos++];
        else
          return fail (p, word, error, "-c requires packet and byte counter: -c PACKETS BYTES");
        if (!parse_uint (parts[0], G_MAXUINT64, &packets))
          return fail (p, word, error, "-c packet counter not numeric: “%s”", parts[0]);
        if (!parse_uint (bytes, G_MAXUINT64, &nbytes))
          return fail (p, word, error, "-c byte counter not numeric: “%s”", bytes);
        p->rule->packets = packets;
        p->rule->bytes = nbytes;
        return TRUE;
      }

    case '4':
      return TRUE;

    case '6':
      return fail (p, word, error, "-6 is for ip6tables: this is iptables, for IPv4");

    default:
      return fail (p, word, error, "unknown option \"%s\"", p->argv[word]);
    }
}

/* the getopt_long() loop of do_parse() */
static gboolean
parse_options (Parser  *p,
               gboolean rule_only,
               GError **error)
{
  while (p->pos < p->argc && !p->version)
    {
      int word = p->pos;
      const char *w = p->argv[p->pos++];

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
                     "Bad argument `%s': it is not an option, and the option before it takes no more words", w);

      if (w[1] == '-')
        {
          /* "--to=ADDR": the name is copied only when a value is glued to it */
          const char *equals = strchr (w + 2, '=');
          g_autofree char *copied = equals != NULL ? g_strndup (w + 2, equals - (w + 2)) : NULL;
          const char *name = copied != NULL ? copied : w + 2;
          const char *full;
          gboolean ambiguous;

          if (*name == '\0')
            return fail (p, word, error, "unknown arguments found on commandline: “--” ends the options");
          full = resolve_long_option (p, name, FALSE, &ambiguous);
          if (full == NULL)
            full = resolve_long_option (p, name, TRUE, &ambiguous);
          if (full == NULL)
            {
              if (ambiguous)
                return fail (p, word, error, "unknown option \"%s\": it is the beginning of more than one option", w);
              if (g_str_equal (name, "dport") || g_str_equal (name, "sport") || g_str_equal (name, "syn") ||
                  g_str_equal (name, "icmp-type") || g_str_equal (name, "tcp-flags"))
                return fail (p, word, error,
                             "unknown option \"%s\": it belongs to a protocol match, so give “-p tcp”, "
                             "“-p udp” or “-p icmp” (or -m) before it", w);
              if (p->rule->target.kind == NFL_TARGET_NONE &&
                  (find_ext_option (dnat_options, name) != NULL || find_ext_option (snat_options, name) != NULL ||
                   find_ext_option (log_options, name) != NULL || find_ext_option (reject_options, name) != NULL ||
                   find_ext_option (masquerade_options, name) != NULL ||
                   find_ext_option (mark_target_options, name) != NULL))
                return fail (p, word, error, "unknown option \"%s\": target options come after “-j TARGET”", w);
              return fail (p, word, error, "unknown option \"%s\"", w);
            }
          p->attached = equals != NULL ? equals + 1 : NULL;
          {
            const GlobalOption *global = find_global_option (full);
            char letter = global != NULL ? global->letter : 0;

            if (!parse_option (p, letter, letter ? NULL : full, word, rule_only, error))
              return FALSE;
          }
          if (p->attached != NULL)
            return fail (p, word, error, "option '--%s' doesn't allow an argument", full);
        }
      else
        {
          /* "-nvL", "-tnat", "-sADDR": getopt's clustered short options */
          for (const char *c = w + 1; *c != '\0'; c++)
            {
              ArgKind kind;

              if (!short_option (*c, &kind))
                return fail (p, word, error, "unknown option \"-%c\"", *c);
              p->attached = (kind != ARG_NONE && c[1] != '\0') ? c + 1 : NULL;
              if (!parse_option (p, *c, NULL, word, rule_only, error))
                return FALSE;
              if (kind != ARG_NONE && c[1] != '\0')
                {
                  if (p->attached != NULL)
                    return fail (p, word, error, "unknown option \"%s\"", w);
                  break;
                }
            }
        }
      if (p->invert && p->invert_word < word)
        p->invert = FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* the checks after the loop                                               */
/* ---------------------------------------------------------------------- */

/* commands_v_options[][] of xshared.c: for each command, the options
 * (in optflags order: n s d p j v x i o --line-numbers c f) it refuses */
static const char *
refused_options (Command  command,
                 gboolean with_number)
{
  switch (command)
    {
    case CMD_INSERT:
    case CMD_REPLACE:
    case CMD_APPEND:
      return "x     x  x  ";
    case CMD_DELETE:
      return with_number ? "xxxxx xxxxxx" : "x     x  xx ";
    case CMD_CHECK:
      return "x     x  xx ";
    case CMD_LIST:
      return " xxxx  xx xx";
    case CMD_POLICY:
      return "xxxxx xxxx x";
    case CMD_FLUSH:
    case CMD_ZERO:
    case CMD_NEW_CHAIN:
    case CMD_DELETE_CHAIN:
    case CMD_RENAME:
    case CMD_LIST_RULES:
    case CMD_NONE:
    default:
      return "xxxxx xxxxxx";
    }
}

static const char *
option_purpose (int option)
{
  switch (option)
    {
    case OPT_NUMERIC: return "-n only changes how -L prints";
    case OPT_EXPANDED: return "-x only changes how -L prints counters";
    case OPT_LINENUMBERS: return "--line-numbers only changes how -L prints";
    case OPT_COUNTERS: return "-c sets the counters of a new rule or policy";
    default: return "rule options belong to -A, -I, -R, -D and -C";
    }
}

/* generic_opt_check(): an option is legal when one of the commands
 * given (with -L -Z, either) takes it */
static gboolean
check_options (Parser  *p,
               GError **error)
{
  const char *main_row = refused_options (p->command, p->rule_number > 0);
  const char *zero_row = p->zero ? refused_options (CMD_ZERO, p->zero_number) : NULL;

  for (int i = 0; i < N_OPTS; i++)
    {
      if (p->opt_word[i] < 0)
        continue;
      if (main_row[i] != 'x' || (zero_row != NULL && zero_row[i] != 'x'))
        continue;
      return fail (p, p->opt_word[i], error, "Illegal option `-%c' with this command: %s",
                   optflags[i], option_purpose (i));
    }
  return TRUE;
}

static gboolean
takes_rule (const Parser *p)
{
  return p->command == CMD_APPEND || p->command == CMD_INSERT || p->command == CMD_REPLACE ||
         p->command == CMD_CHECK || (p->command == CMD_DELETE && p->rule_number == 0);
}

/* what do_parse() checks once every word is read: the refusals that go
 * by the chain (_nfl_rule_check_builtin_chain ()), at the word refused */
static gboolean
check_match_chains (Parser  *p,
                    GError **error)
{
  const char *op = p->command == CMD_INSERT ? "RULE_INSERT" : p->command == CMD_REPLACE ? "RULE_REPLACE" : "RULE_APPEND";
  g_autoptr(GError) local = NULL;
  int bad_match = -1;

  if (_nfl_rule_check_builtin_chain (p->rule, p->chain, op, &bad_match, &local))
    return TRUE;
  return fail (p, bad_match < 0 ? p->target_arg_word : g_array_index (p->match_info, MatchInfo, bad_match).word,
               error, "%s", local->message);
}

static gboolean
check_parsed (Parser  *p,
              GError **error)
{
  if (p->table == NFL_TABLE_NAT &&
      ((p->command == CMD_POLICY && g_strcmp0 (p->second, "DROP") == 0) ||
       p->rule->target.kind == NFL_TARGET_DROP))
    return fail (p, p->command == CMD_POLICY ? p->command_word + 2 : p->target_arg_word, error,
                 "The \"nat\" table is not intended for filtering, the use of DROP is therefore inhibited: "
                 "drop packets in the filter table");
  if (!finish_matches (p, error))
    return FALSE;
  drop_unstored_l4 (p);
  if (p->target_word >= 0 && !finish_target (p, error))
    return FALSE;
  if (p->command == CMD_NONE)
    return fail (p, -1, error, "no command specified: use -A, -I, -R, -D, -C, -F, -N, -X, -P, -L, -S, -Z or -E");
  if (p->invert)
    return fail (p, p->invert_word, error, "nothing appropriate following !: “!” must come before an option");
  if (!parse_addresses (p, TRUE, error) || !parse_addresses (p, FALSE, error))
    return FALSE;
  if ((p->sources.len > 1 || p->destinations.len > 1) && (p->rule->src_invert || p->rule->dst_invert))
    return fail (p, p->opt_word[p->sources.len > 1 ? OPT_SOURCE : OPT_DESTINATION], error,
                 "! not allowed with multiple source or destination IP addresses");
  if (p->command == CMD_REPLACE && (p->sources.len > 1 || p->destinations.len > 1))
    return fail (p, p->opt_word[p->sources.len > 1 ? OPT_SOURCE : OPT_DESTINATION], error,
                 "Replacement rule does not specify a unique address");
  if (!check_options (p, error))
    return FALSE;
  if (p->rule_words && !takes_rule (p))
    return fail (p, p->command_word, error, "%s takes no rule options", p->argv[p->command_word]);
  if (p->chain != NULL && strlen (p->chain) > NFL_CHAIN_MAXLEN)
    return fail (p, p->chain_word, error, "chain name `%s' too long (must be under 29 chars)", p->chain);
  if (p->command == CMD_APPEND || p->command == CMD_DELETE || p->command == CMD_CHECK ||
      p->command == CMD_INSERT || p->command == CMD_REPLACE)
    {
      /* -o is not valid with incoming packets, -i not with outgoing ones */
      if ((g_str_equal (p->chain, "PREROUTING") || g_str_equal (p->chain, "INPUT")) &&
          p->opt_word[OPT_VIANAMEOUT] >= 0)
        return fail (p, p->opt_word[OPT_VIANAMEOUT], error,
                     "Can't use -o with %s: packets there have no output interface yet", p->chain);
      if ((g_str_equal (p->chain, "POSTROUTING") || g_str_equal (p->chain, "OUTPUT")) &&
          p->opt_word[OPT_VIANAMEIN] >= 0)
        return fail (p, p->opt_word[OPT_VIANAMEIN], error,
                     "Can't use -i with %s: packets there have no input interface", p->chain);
      if (!check_match_chains (p, error))
        return FALSE;
    }
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
      fail (p, p->chain_word, error,
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
    "ACCEPT", "DROP", "RETURN", "REJECT", "LOG", "DNAT", "SNAT", "MASQUERADE",
    "REDIRECT", "MARK", "TOS", "TTL", "NOTRACK", "CT", "TRACE", NULL
  };

  if (strlen (name) > NFL_CHAIN_MAXLEN)
    return fail (p, word, error, "chain name `%s' too long (must be under 29 chars)", name);
  if (*name == '-' || *name == '!')
    return fail (p, word, error, "chain name not allowed to start with `%c'", *name);
  if (*name == '\0' || g_strv_contains (reserved, name) || is_unmodelled_target (name))
    return fail (p, word, error, "chain name may not clash with target name: “%s” is a target", name);
  for (const char *c = name; *c; c++)
    if (g_ascii_isspace (*c))
      return fail (p, word, error, "Invalid chain name `%s': a chain name has no blanks", name);
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
    return fail (p, p->chain_word, error,
                 "No chain/target/match by that name: %s is a built-in chain, and those cannot be deleted",
                 chain->name);
  refs = nfl_ruleset_count_references (ruleset, p->table, chain->name);
  if (refs > 0)
    return fail (p, p->chain_word, error,
                 "CHAIN_DEL failed (Device or resource busy): chain %s is referenced by %u rule%s; "
                 "delete those first", chain->name, refs, refs == 1 ? "" : "s");
  if (chain->rules->len > 0)
    return fail (p, p->chain_word, error,
                 "CHAIN_DEL failed (Device or resource busy): chain %s is not empty; flush it first with -F",
                 chain->name);
  g_ptr_array_remove (chains, chain);
  _nfl_table_chains_changed (&ruleset->tables[p->table]);
  return TRUE;
}

/* -s A,B -d C,D is one rule per pair, in this order: A-C A-D B-C B-D */
static GPtrArray *
expand_rules (Parser *p)
{
  GPtrArray *rules = g_ptr_array_new_with_free_func ((GDestroyNotify) nfl_rule_free);
  guint ns = MAX (p->sources.len, 1), nd = MAX (p->destinations.len, 1);

  for (guint i = 0; i < ns; i++)
    for (guint j = 0; j < nd; j++)
      {
        NflRule *rule = nfl_rule_copy (p->rule);

        if (p->sources.len > 0)
          {
            const AddrMask *s = addr_list_get (&p->sources, i);
            rule->src = s->addr;
            rule->src_mask = s->mask;
          }
        if (p->destinations.len > 0)
          {
            const AddrMask *d = addr_list_get (&p->destinations, j);
            rule->dst = d->addr;
            rule->dst_mask = d->mask;
          }
        g_ptr_array_add (rules, rule);
      }
  return rules;
}

/* The word a refusal of the kernel is about, and its operation name */
static void
kernel_refusal (Parser  *p,
                GError  *local,
                GError **error)
{
  const char *op = p->command == CMD_INSERT ? "RULE_INSERT" :
                   p->command == CMD_REPLACE ? "RULE_REPLACE" : NULL;

  if (op != NULL && g_str_has_prefix (local->message, "RULE_APPEND"))
    {
      char *message = g_strconcat (op, local->message + strlen ("RULE_APPEND"), NULL);
      g_free (local->message);
      local->message = message;
    }
  if (p->bad_word != NULL)
    *p->bad_word = strstr (local->message, "Index") ? p->rule_number_word :
                   local->domain == NFL_FORMAT_ERROR && local->code == NFL_FORMAT_ERROR_NOT_FOUND &&
                   p->target_word < 0 ? p->chain_word :
                   p->target_word >= 0 ? p->target_arg_word : -1;
  g_propagate_error (error, local);
}

static void
zero_chain (NflChain *chain,
            gboolean  verbose,
            GString  *output)
{
  /* __nft_chain_zero_counters() */
  if (verbose)
    g_string_append_printf (output, "Zeroing chain `%s'\n", chain->name);
  chain->packets = chain->bytes = 0;
  for (guint i = 0; i < chain->rules->len; i++)
    {
      NflRule *rule = g_ptr_array_index (chain->rules, i);
      rule->packets = rule->bytes = 0;
    }
}

/* -Z [CHAIN [N]], on its own or after -L / -S */
static gboolean
run_zero (Parser     *p,
          NflRuleset *ruleset,
          gboolean    with_number,
          GString    *output,
          GError    **error)
{
  NflTable *table = &ruleset->tables[p->table];
  NflChain *chain;

  if (p->chain == NULL)
    {
      for (guint c = 0; c < table->chains->len; c++)
        zero_chain (g_ptr_array_index (table->chains, c), p->verbose > 0, output);
      return TRUE;
    }
  if ((chain = require_chain (p, ruleset, error)) == NULL)
    return FALSE;
  if (with_number)
    {
      /* nft_rule_zero_counters(): a rule that is not there is no error */
      if ((guint) p->rule_number <= chain->rules->len)
        {
          NflRule *rule = g_ptr_array_index (chain->rules, p->rule_number - 1);
          rule->packets = rule->bytes = 0;
        }
      return TRUE;
    }
  zero_chain (chain, p->verbose > 0, output);
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

  if ((p->command == CMD_APPEND || p->command == CMD_INSERT || p->command == CMD_REPLACE) &&
      !check_rule_protocol (p, error))
    return FALSE;

  switch (p->command)
    {
    case CMD_APPEND:
    case CMD_INSERT:
      if ((chain = require_chain (p, ruleset, error)) == NULL)
        return FALSE;
      {
        g_autoptr(GPtrArray) rules = expand_rules (p);
        g_autoptr(GPtrArray) added = g_ptr_array_new ();
        g_autoptr(GString) printed = g_string_new (NULL);

        while (rules->len > 0)
          {
            NflRule *rule = g_ptr_array_steal_index (rules, 0);
            GError *local = NULL;

            if (p->verbose)
              _nfl_rule_print_verbose (rule, printed);
            g_ptr_array_add (added, rule);
            if (!nfl_ruleset_insert_rule (ruleset, p->table, p->chain,
                                          p->command == CMD_APPEND ? -1 : MAX (p->rule_number, 1),
                                          rule, &local))
              {
                /* take back what this command added */
                g_ptr_array_set_size (added, added->len - 1);
                for (guint a = 0; a < added->len; a++)
                  g_ptr_array_remove (chain->rules, g_ptr_array_index (added, a));
                kernel_refusal (p, local, error);
                return FALSE;
              }
          }
        g_string_append (output, printed->str);
      }
      return TRUE;

    case CMD_REPLACE:
      if ((chain = require_chain (p, ruleset, error)) == NULL)
        return FALSE;
      if ((guint) p->rule_number > chain->rules->len)
        return fail (p, p->rule_number_word, error,
                     "Index of replacement too big: chain %s has %u rule%s", chain->name,
                     chain->rules->len, chain->rules->len == 1 ? "" : "s");
      {
        NflRule *old = g_ptr_array_steal_index (chain->rules, p->rule_number - 1);
        NflRule *rule = nfl_rule_copy (p->rule);
        GError *local = NULL;

        if (p->verbose)
          _nfl_rule_print_verbose (rule, output);
        if (!nfl_ruleset_insert_rule (ruleset, p->table, p->chain, p->rule_number, rule, &local))
          {
            g_ptr_array_insert (chain->rules, p->rule_number - 1, old);
            kernel_refusal (p, local, error);
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
            return fail (p, p->rule_number_word, error,
                         "Index of deletion too big: chain %s has %u rule%s", chain->name,
                         chain->rules->len, chain->rules->len == 1 ? "" : "s");
          g_ptr_array_remove_index (chain->rules, p->rule_number - 1);
          return TRUE;
        }
      if ((p->rule->target.kind == NFL_TARGET_JUMP || p->rule->target.kind == NFL_TARGET_GOTO) &&
          nfl_ruleset_find_chain (ruleset, p->table, p->rule->target.chain) == NULL)
        return fail (p, p->target_arg_word, error, "Chain '%s' does not exist in table %s",
                     p->rule->target.chain, nfl_table_name (p->table));
      {
        g_autoptr(GPtrArray) rules = expand_rules (p);
        g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));

        /* every rule of the list must be there, else nothing is deleted */
        for (guint r = 0; r < rules->len; r++)
          {
            guint i;

            for (i = 0; i < chain->rules->len; i++)
              {
                gboolean taken = FALSE;

                for (guint f = 0; f < found->len; f++)
                  taken |= g_array_index (found, guint, f) == i;
                if (!taken && nfl_rule_equal_spec (g_ptr_array_index (chain->rules, i),
                                                   g_ptr_array_index (rules, r)))
                  break;
              }
            if (i == chain->rules->len)
              {
                g_autofree char *spec = nfl_rule_to_save_spec (g_ptr_array_index (rules, r));

                return fail (p, p->chain_word, error,
                             "Bad rule (does a matching rule exist in that chain?): chain %s has no rule “%s”",
                             chain->name, spec);
              }
            g_array_append_val (found, i);
          }
        if (p->verbose)
          for (guint f = 0; f < found->len; f++)
            _nfl_rule_print_verbose (g_ptr_array_index (chain->rules, g_array_index (found, guint, f)), output);
        if (p->command == CMD_DELETE)
          {
            /* from the last so the indexes stay right */
            for (guint f = found->len; f > 0; f--)
              {
                guint max_at = 0;

                for (guint g = 1; g < found->len; g++)
                  if (g_array_index (found, guint, g) > g_array_index (found, guint, max_at))
                    max_at = g;
                g_ptr_array_remove_index (chain->rules, g_array_index (found, guint, max_at));
                g_array_remove_index (found, max_at);
              }
          }
      }
      return TRUE;

    case CMD_FLUSH:
      if (p->chain != NULL)
        {
          if ((chain = require_chain (p, ruleset, error)) == NULL)
            return FALSE;
          g_ptr_array_set_size (chain->rules, 0);
          /* iptables-nft creates the chain, and so the table, to flush it */
          table->present = TRUE;
          return TRUE;
        }
      for (guint c = 0; c < table->chains->len; c++)
        g_ptr_array_set_size (((NflChain *) g_ptr_array_index (table->chains, c))->rules, 0);
      return TRUE;

    case CMD_ZERO:
      return run_zero (p, ruleset, p->rule_number > 0, output, error);

    case CMD_NEW_CHAIN:
      if (!valid_new_chain_name (p, p->chain, p->chain_word, error))
        return FALSE;
      if (nfl_ruleset_find_chain (ruleset, p->table, p->chain) != NULL)
        return fail (p, p->chain_word, error, "Chain already exists: table %s already has a chain “%s”",
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
      /* all user chains, or none: check them all first */
      for (guint c = 0; c < table->chains->len; c++)
        {
          chain = g_ptr_array_index (table->chains, c);
          if (chain->builtin)
            continue;
          if (chain->rules->len > 0)
            return fail (p, p->command_word, error,
                         "CHAIN_DEL failed (Device or resource busy): chain %s is not empty; flush it first with -F",
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
                             "CHAIN_DEL failed (Device or resource busy): chain %s is referenced from %s",
                             rule->target.chain, builtin->name);
            }
        }
      for (guint c = table->chains->len; c > 0; c--)
        {
          chain = g_ptr_array_index (table->chains, c - 1);
          if (!chain->builtin)
            g_ptr_array_remove_index (table->chains, c - 1);
        }
      _nfl_table_chains_changed (table);
      return TRUE;

    case CMD_POLICY:
      chain = nfl_ruleset_find_chain (ruleset, p->table, p->chain);
      if (chain == NULL)
        return fail (p, p->chain_word, error,
                     "Bad built-in chain name: table %s has no built-in chain “%s”",
                     nfl_table_name (p->table), p->chain);
      if (!chain->builtin)
        return fail (p, p->chain_word, error,
                     "Bad built-in chain name: %s is a user chain, and only built-in chains have a policy",
                     chain->name);
      if (g_str_equal (p->second, "ACCEPT"))
        chain->policy = NFL_POLICY_ACCEPT;
      else if (g_str_equal (p->second, "DROP"))
        chain->policy = NFL_POLICY_DROP;
      else
        return fail (p, p->chain_word + 1, error,
                     "Bad policy name “%s”: a policy is ACCEPT or DROP", p->second);
      table->present = TRUE;
      return TRUE;

    case CMD_RENAME:
      if ((chain = require_chain (p, ruleset, error)) == NULL)
        return FALSE;
      if (chain->builtin)
        return fail (p, p->chain_word, error, "Cannot rename the built-in chain %s", chain->name);
      if (!valid_new_chain_name (p, p->second, p->chain_word + 1, error))
        return FALSE;
      if (nfl_ruleset_find_chain (ruleset, p->table, p->second) != NULL)
        return fail (p, p->chain_word + 1, error, "File exists: table %s already has a chain “%s”",
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
        _nfl_table_chains_changed (table);
      }
      g_free (chain->name);
      chain->name = g_strdup (p->second);
      _nfl_table_add_user_chain (table, chain);
      return TRUE;

    case CMD_LIST:
    case CMD_LIST_RULES:
      if (p->chain != NULL && (chain = require_chain (p, ruleset, error)) == NULL)
        return FALSE;
      if (p->command == CMD_LIST && chain != NULL && p->rule_number > 0 && !p->zero_number)
        _nfl_iptables_list_rule (ruleset, p->table, p->chain, p->rule_number, p->opt_word[OPT_NUMERIC] >= 0,
                                 p->verbose > 0, p->opt_word[OPT_EXPANDED] >= 0,
                                 p->opt_word[OPT_LINENUMBERS] >= 0, output);
      else if (p->command == CMD_LIST)
        nfl_iptables_list (ruleset, p->table, p->chain, p->opt_word[OPT_NUMERIC] >= 0, p->verbose > 0,
                           p->opt_word[OPT_EXPANDED] >= 0, p->opt_word[OPT_LINENUMBERS] >= 0, output);
      else if (chain == NULL || p->rule_number == 0 || p->zero_number)
        nfl_iptables_list_rules (ruleset, p->table, p->chain, 0, p->verbose > 0, output);
      else if ((guint) p->rule_number <= chain->rules->len)
        nfl_iptables_list_rules (ruleset, p->table, p->chain, p->rule_number, p->verbose > 0, output);
      if (p->zero)
        return run_zero (p, ruleset, p->zero_number, output, error);
      return TRUE;

    case CMD_NONE:
    default:
      g_assert_not_reached ();
    }
}

static void
parser_init (Parser  *p,
             int      argc,
             char   **argv,
             int      first,
             int     *bad_word)
{
  memset (p, 0, sizeof *p);
  p->argc = argc;
  p->argv = argv;
  p->pos = first;
  p->bad_word = bad_word;
  p->table = NFL_TABLE_FILTER;
  p->table_word = -1;
  p->chain_word = -1;
  p->rule_number_word = -1;
  p->target_word = -1;
  p->target_arg_word = -1;
  for (int i = 0; i < N_OPTS; i++)
    p->opt_word[i] = -1;
  /* sources, destinations and match_info are made when first needed: a
   * restore file runs this for each of its rules */
  p->rule = nfl_rule_new ();
}

static void
parser_clear (Parser *p)
{
  addr_list_clear (&p->sources);
  addr_list_clear (&p->destinations);
  g_clear_pointer (&p->match_info, g_array_unref);
  nfl_rule_free (p->rule);
}

gboolean
nfl_iptables_run (NflRuleset  *ruleset,
                  int          argc,
                  char       **argv,
                  GString     *output,
                  int         *bad_word,
                  GError     **error)
{
  return nfl_iptables_run_with_action (ruleset, argc, argv, output, NULL, bad_word, error);
}

void
nfl_iptables_action_clear (NflIptablesAction *action)
{
  g_return_if_fail (action != NULL);

  g_clear_pointer (&action->chain, g_free);
}

gboolean
nfl_iptables_run_with_action (NflRuleset         *ruleset,
                              int                 argc,
                              char              **argv,
                              GString            *output,
                              NflIptablesAction  *action,
                              int                *bad_word,
                              GError            **error)
{
  Parser p;
  g_autoptr(GString) scratch = NULL;
  gboolean ok;

  g_return_val_if_fail (ruleset != NULL, FALSE);
  g_return_val_if_fail (argc >= 1, FALSE);

  if (bad_word != NULL)
    *bad_word = -1;
  if (output == NULL)
    output = scratch = g_string_new (NULL);

  parser_init (&p, argc, argv, 1, bad_word);
  ok = parse_options (&p, FALSE, error);
  if (ok && p.version)
    g_string_append (output, IPTABLES_VERSION "\n");
  else if (ok && p.help)
    g_string_append (output,
                     IPTABLES_VERSION "\n\n"
                     "Usage: iptables -[ACD] chain rule-specification [options]\n"
                     "       iptables -I chain [rulenum] rule-specification [options]\n"
                     "       iptables -R chain rulenum rule-specification [options]\n"
                     "       iptables -D chain rulenum [options]\n"
                     "       iptables -[LS] [chain [rulenum]] [options]\n"
                     "       iptables -[FZ] [chain] [options]\n"
                     "       iptables -[NX] chain\n"
                     "       iptables -E old-chain-name new-chain-name\n"
                     "       iptables -P chain target [options]\n"
                     "       iptables -h (print this help information)\n");
  else
    {
      ok = ok && check_parsed (&p, error) && run_command (&p, ruleset, output, error);
      /* a refused command may have changed and restored rules: either way
       * what was derived from them is recomputed */
      nfl_ruleset_changed (ruleset);
    }
  if (ok && action != NULL)
    {
      action->table = p.table;
      action->read_only = p.version || p.help || p.command == CMD_CHECK ||
                          ((p.command == CMD_LIST || p.command == CMD_LIST_RULES) && !p.zero);
      action->chain = p.command == CMD_RENAME ? g_strdup (p.second)
                      : p.command == CMD_DELETE_CHAIN ? NULL
                      : g_strdup (p.chain);
    }
  parser_clear (&p);
  return ok;
}

static NflRule *
parse_rule (int                 argc,
            char              **argv,
            gboolean            keep,
            const char * const *spelled,
            int                *bad_word,
            GError            **error)
{
  Parser p;
  NflRule *rule = NULL;

  parser_init (&p, argc, argv, 0, bad_word);
  p.keep_unmodelled = keep;
  p.spelled = spelled;
  if (bad_word != NULL)
    *bad_word = -1;
  if (!parse_options (&p, TRUE, error) || !finish_matches (&p, error) ||
      (p.target_word >= 0 && !finish_target (&p, error)))
    goto out;
  if (p.invert)
    {
      fail (&p, p.invert_word, error, "nothing appropriate following !");
      goto out;
    }
  if (!parse_addresses (&p, TRUE, error) || !parse_addresses (&p, FALSE, error))
    goto out;
  if (p.sources.len > 1 || p.destinations.len > 1)
    {
      fail (&p, p.opt_word[p.sources.len > 1 ? OPT_SOURCE : OPT_DESTINATION], error,
            "one address per rule: iptables-save writes a rule for each address");
      goto out;
    }
  drop_unstored_l4 (&p);
  if (check_rule_protocol (&p, error))
    rule = g_steal_pointer (&p.rule);
out:
  parser_clear (&p);
  return rule;
}

NflRule *
nfl_iptables_parse_rule (int     argc,
                         char  **argv,
                         int    *bad_word,
                         GError **error)
{
  return parse_rule (argc, argv, FALSE, NULL, bad_word, error);
}

NflRule *
nfl_iptables_parse_saved_rule (int                 argc,
                               char              **argv,
                               const char * const *spelled,
                               int                *bad_word,
                               GError            **error)
{
  return parse_rule (argc, argv, TRUE, spelled, bad_word, error);
}


gboolean
nfl_iptables_parse_rule_command (const char      *text,
                                 NflRuleCommand  *command,
                                 guint           *bad_offset,
                                 guint           *bad_length,
                                 GError         **error)
{
  static const NflRuleOp ops[] = {
    [CMD_APPEND] = NFL_RULE_OP_APPEND, [CMD_INSERT] = NFL_RULE_OP_INSERT, [CMD_REPLACE] = NFL_RULE_OP_REPLACE,
  };
  g_auto(GStrv) words = NULL;
  g_autoptr(GArray) starts = NULL;
  guint split_bad = 0;
  int first = 0, bad = -1, argc;
  Parser p;
  gboolean ok;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (command != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (bad_offset != NULL)
    *bad_offset = 0;
  if (bad_length != NULL)
    *bad_length = strlen (text);

  if (!nfl_command_split (text, &words, &starts, &split_bad, error))
    {
      if (bad_offset != NULL)
        *bad_offset = split_bad;
      if (bad_length != NULL)
        *bad_length = 1;
      return FALSE;
    }
  argc = g_strv_length (words);
  if (argc > 0 && strcmp (words[0], "sudo") == 0)
    first = 1;
  if (first >= argc || strcmp (words[first], "iptables") != 0)
    {
      bad = first < argc ? first : -1;
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                   "not an iptables command: write “iptables -A CHAIN RULE”, -I or -R");
      ok = FALSE;
    }
  else
    {
      parser_init (&p, argc, words, first + 1, &bad);
      p.rule_command = TRUE;
      ok = parse_options (&p, FALSE, error);
      if (ok && p.command == CMD_NONE)
        ok = fail (&p, -1, error, "no command specified: use -A CHAIN, -I CHAIN [N] or -R CHAIN N, then the rule");
      ok = ok && check_parsed (&p, error) && check_rule_protocol (&p, error);
      if (ok && (p.sources.len > 1 || p.destinations.len > 1))
        ok = fail (&p, p.opt_word[p.sources.len > 1 ? OPT_SOURCE : OPT_DESTINATION], error,
                   "one address per rule here: iptables would add a rule for each address");
      if (ok)
        {
          command->table = p.table;
          command->chain = g_strdup (p.chain);
          command->op = ops[p.command];
          command->position = p.rule_number;
          command->rule = g_steal_pointer (&p.rule);
        }
      parser_clear (&p);
    }

  if (!ok && bad >= 0 && bad < argc)
    {
      guint start = g_array_index (starts, guint, bad);

      if (bad_offset != NULL)
        *bad_offset = start;
      if (bad_length != NULL)
        *bad_length = nfl_command_word_end (text, start) - start;
    }
  return ok;
}
