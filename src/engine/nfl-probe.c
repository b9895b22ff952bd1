/* nfl-probe.c: the packet a user sends, as text and as data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "nfl-format-error.h"
#include "nfl-probe.h"
#include "nfl-types.h"


gboolean
nfl_probe_parse (const char *text,
                 NflProbe   *probe,
                 GError    **error)
{
  g_auto(GStrv) all = g_strsplit_set (text ? text : "", " \t\n", -1);
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  const char *kind;
  guint64 port = 0;

  memset (probe, 0, sizeof *probe);
  for (guint i = 0; all[i] != NULL; i++)
    if (*all[i] != '\0')
      g_ptr_array_add (words, all[i]);

  if (words->len < 3)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_SYNTAX,
                   "probe “%s”: expected “NS ping DST”, “NS tcp DST PORT” or “NS udp DST PORT”", text);
      return FALSE;
    }
  kind = g_ptr_array_index (words, 1);
  if (g_str_equal (kind, "ping"))
    probe->kind = NFL_PROBE_PING;
  else if (g_str_equal (kind, "tcp"))
    probe->kind = NFL_PROBE_TCP;
  else if (g_str_equal (kind, "udp"))
    probe->kind = NFL_PROBE_UDP;
  else
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_SYNTAX,
                   "probe “%s”: the second word is ping, tcp or udp, not “%s”", text, kind);
      return FALSE;
    }
  if (!nfl_ipv4_parse (g_ptr_array_index (words, 2), &probe->dst))
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_SYNTAX,
                   "probe “%s”: “%s” is not an IPv4 address", text, (char *) g_ptr_array_index (words, 2));
      return FALSE;
    }
  if (probe->kind == NFL_PROBE_PING && words->len != 3)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_SYNTAX,
                   "probe “%s”: a ping takes no port", text);
      return FALSE;
    }
  if (probe->kind != NFL_PROBE_PING)
    {
      if (words->len != 4 ||
          !g_ascii_string_to_unsigned (g_ptr_array_index (words, 3), 10, 1, 65535, &port, NULL))
        {
          g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_SYNTAX,
                       "probe “%s”: %s needs a port from 1 to 65535 after the address", text, kind);
          return FALSE;
        }
    }
  probe->port = port;
  probe->ns = g_strdup (g_ptr_array_index (words, 0));
  return TRUE;
}

char *
nfl_probe_to_string (const NflProbe *probe)
{
  char dst[16];

  nfl_ipv4_format (probe->dst, dst);

  if (probe->kind == NFL_PROBE_PING)
    return g_strdup_printf ("%s ping %s", probe->ns, dst);
  return g_strdup_printf ("%s %s %s %u", probe->ns, probe->kind == NFL_PROBE_TCP ? "tcp" : "udp",
                          dst, probe->port);
}

void
nfl_probe_clear (NflProbe *probe)
{
  g_clear_pointer (&probe->ns, g_free);
}
