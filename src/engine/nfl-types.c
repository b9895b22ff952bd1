/* nfl-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <gio/gio.h>

#include "nfl-format-error.h"
#include "nfl-types.h"

G_DEFINE_QUARK (nfl-format-error-quark, nfl_format_error)

static const char *table_names[NFL_N_TABLES] = { "raw", "mangle", "nat", "filter" };
static const char *hook_names[NFL_N_HOOKS] = {
  "PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"
};

const char *
nfl_table_name (NflTableId table)
{
  g_return_val_if_fail (table < NFL_N_TABLES, NULL);
  return table_names[table];
}

gboolean
nfl_table_from_name (const char *name,
                     NflTableId *out)
{
  for (guint i = 0; i < NFL_N_TABLES; i++)
    if (g_strcmp0 (name, table_names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
nfl_addrtype_name (NflAddrType type)
{
  static const char *const names[NFL_N_ADDRTYPES] = {
    "UNSPEC", "UNICAST", "LOCAL", "BROADCAST", "ANYCAST", "MULTICAST",
    "BLACKHOLE", "UNREACHABLE", "PROHIBIT", "THROW", "NAT", "XRESOLVE",
  };

  g_return_val_if_fail (type < NFL_N_ADDRTYPES, NULL);
  return names[type];
}

const char *
nfl_hook_name (NflHook hook)
{
  g_return_val_if_fail (hook < NFL_N_HOOKS, NULL);
  return hook_names[hook];
}

gboolean
nfl_hook_from_name (const char *name,
                    NflHook    *out)
{
  for (guint i = 0; i < NFL_N_HOOKS; i++)
    if (g_strcmp0 (name, hook_names[i]) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
nfl_table_has_hook (NflTableId table,
                    NflHook    hook)
{
  switch (table)
    {
    case NFL_TABLE_RAW:
      return hook == NFL_HOOK_PREROUTING || hook == NFL_HOOK_OUTPUT;
    case NFL_TABLE_MANGLE:
      return TRUE;
    case NFL_TABLE_NAT:
      return hook != NFL_HOOK_FORWARD;
    case NFL_TABLE_FILTER:
      return hook == NFL_HOOK_INPUT || hook == NFL_HOOK_FORWARD || hook == NFL_HOOK_OUTPUT;
    case NFL_N_TABLES:
    default:
      return FALSE;
    }
}

void
nfl_ipv4_format (guint32 addr,
                 char    buf[16])
{
  /* by hand rather than g_snprintf (): scenario files, iptables-save
   * text and LOG lines print one or two addresses per rule or packet, and
   * printf's format parsing was most of the time writing 10,000 rules */
  char *p = buf;

  for (int shift = 24; shift >= 0; shift -= 8)
    {
      guint octet = (addr >> shift) & 0xff;

      if (octet >= 100)
        *p++ = '0' + octet / 100;
      if (octet >= 10)
        *p++ = '0' + octet / 10 % 10;
      *p++ = '0' + octet % 10;
      *p++ = shift > 0 ? '.' : '\0';
    }
}

char *
nfl_ipv4_to_string (guint32 addr)
{
  char buf[16];

  nfl_ipv4_format (addr, buf);
  return g_strdup (buf);
}

char *
nfl_ipv4_cidr_to_string (guint32 addr,
                         guint   prefix_len)
{
  char buf[16];

  nfl_ipv4_format (addr, buf);
  return g_strdup_printf ("%s/%u", buf, prefix_len);
}

/* Only the strict dotted-quad form: inet_aton's "10.1" and octal forms are
 * accepted by iptables, but they confuse learners more than they help.
 * A part with a leading zero is refused rather than read as decimal: ip
 * and iptables read "010" as octal 8, so taking it as 10 would silently
 * give another address than the real tools. */
gboolean
nfl_ipv4_parse (const char *text,
                guint32    *addr)
{
  guint32 value = 0;
  const char *p = text;

  if (text == NULL)
    return FALSE;

  for (guint part = 0; part < 4; part++)
    {
      guint octet = 0;
      guint digits = 0;

      if (p[0] == '0' && g_ascii_isdigit (p[1]))
        return FALSE;
      while (g_ascii_isdigit (*p))
        {
          octet = octet * 10 + (*p - '0');
          if (++digits > 3 || octet > 255)
            return FALSE;
          p++;
        }
      if (digits == 0)
        return FALSE;
      value = (value << 8) | octet;
      if (part < 3)
        {
          if (*p != '.')
            return FALSE;
          p++;
        }
    }
  if (*p != '\0')
    return FALSE;

  *addr = value;
  return TRUE;
}

gboolean
nfl_ipv4_parse_cidr (const char *text,
                     guint32    *addr,
                     guint      *prefix_len)
{
  g_autofree char *copy = g_strdup (text);
  char *slash = strchr (copy, '/');
  guint64 len = 32;

  if (slash != NULL)
    {
      const char *end = NULL;
      guint32 mask;

      *slash = '\0';
      if (nfl_ipv4_parse (slash + 1, &mask))
        {
          /* a dotted mask must be contiguous, as iptables requires */
          int l = nfl_mask_prefix_len (mask);
          if (l < 0)
            return FALSE;
          len = l;
        }
      else
        {
          if (slash[1] == '\0' || !g_ascii_isdigit (slash[1]))
            return FALSE;
          len = g_ascii_strtoull (slash + 1, (char **) &end, 10);
          if (*end != '\0' || len > 32)
            return FALSE;
        }
    }
  if (!nfl_ipv4_parse (copy, addr))
    return FALSE;
  *prefix_len = len;
  return TRUE;
}

guint32
nfl_prefix_mask (guint prefix_len)
{
  if (prefix_len == 0)
    return 0;
  if (prefix_len >= 32)
    return 0xffffffffu;
  return 0xffffffffu << (32 - prefix_len);
}

int
nfl_mask_prefix_len (guint32 mask)
{
  guint32 host = ~mask;

  /* a prefix mask is ones then zeros: its host part is 2^k - 1 */
  if ((host & (host + 1)) != 0)
    return -1;
  return host == 0 ? 32 : 32 - (int) g_bit_storage (host);
}

gboolean
nfl_interface_pattern_matches (const char *pattern,
                               const char *name)
{
  size_t len = strlen (pattern);

  if (len > 0 && pattern[len - 1] == '+')
    return strncmp (pattern, name, len - 1) == 0;
  return strcmp (pattern, name) == 0;
}

gboolean
nfl_interface_name_is_valid (const char *name,
                             GError    **error)
{
  /* dev_valid_name() in the kernel */
  if (name == NULL || *name == '\0')
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                   "an interface name cannot be empty");
      return FALSE;
    }
  if (strlen (name) >= NFL_IFNAMSIZ)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                   "interface name “%s” is longer than 15 bytes", name);
      return FALSE;
    }
  if (strcmp (name, ".") == 0 || strcmp (name, "..") == 0)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                   "“%s” is not a valid interface name", name);
      return FALSE;
    }
  /* the kernel's isspace() also counts byte 0xA0 (the second byte of a
   * UTF-8 "à", for one), and dev_valid_name() refuses it */
  for (const char *p = name; *p; p++)
    if (*p == '/' || *p == ':' || g_ascii_isspace (*p) || (guchar) *p < 0x20 || (guchar) *p == 0xa0)
      {
        g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                     "interface name “%s” contains a space, “/” or “:”, which the kernel refuses",
                     name);
        return FALSE;
      }
  return TRUE;
}

gboolean
nfl_namespace_name_is_valid (const char *name,
                             GError    **error)
{
  /* ip netns names are file names under /run/netns */
  if (name == NULL || *name == '\0')
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                   "a namespace name cannot be empty");
      return FALSE;
    }
  if (strlen (name) > 255)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                   "namespace name is longer than 255 bytes");
      return FALSE;
    }
  if (strcmp (name, ".") == 0 || strcmp (name, "..") == 0 || strchr (name, '/') != NULL)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                   "“%s” is not a valid namespace name: it must be a file name (no “/”)", name);
      return FALSE;
    }
  for (const char *p = name; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f || g_ascii_isspace (*p))
      {
        g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                     "namespace name “%s” contains a space or a control character", name);
        return FALSE;
      }
  return TRUE;
}
