/* nfl-commands.c: reads the tutorial's command language into the model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "nfl-commands.h"
#include "nfl-iptables-save.h"
#include "nfl-format-error.h"
#include "nfl-iptables.h"

/* ---------------------------------------------------------------------- */
/* word splitting                                                          */
/* ---------------------------------------------------------------------- */

guint
nfl_command_word_end (const char *text,
                      guint       start)
{
  const char *p = text + start;

  while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
    {
      if (*p == '\'' && strchr (p + 1, '\'') != NULL)
        p = strchr (p + 1, '\'') + 1;
      else if (*p == '"')
        {
          for (p++; *p != '\0' && *p != '"'; p++)
            if (*p == '\\' && p[1] != '\0')
              p++;
          if (*p == '"')
            p++;
        }
      else if (*p == '\\' && p[1] != '\0')
        p += 2;
      else
        p++;
    }
  return p - text;
}

/* GLib's g_shell_parse_argv() does not say where each word starts, and
 * errors must name their column, so the splitting is done here.  It
 * follows POSIX quoting and expands nothing. */
gboolean
nfl_command_split (const char *line,
                   GStrv      *words_out,
                   GArray    **starts_out,
                   guint      *bad_offset,
                   GError    **error)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  const char *p = line;

  *bad_offset = 0;
  for (;;)
    {
      GString *word;
      guint start;
      gboolean any = FALSE;

      while (*p == ' ' || *p == '\t' || *p == '\r')
        p++;
      if (*p == '\0' || *p == '#' || *p == '\n')
        break;

      start = p - line;
      word = g_string_new (NULL);
      while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
        {
          if (*p == '\'')
            {
              const char *close = strchr (p + 1, '\'');
              if (close == NULL)
                {
                  *bad_offset = p - line;
                  g_string_free (word, TRUE);
                  g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_SYNTAX,
                               "this single quote is never closed");
                  return FALSE;
                }
              g_string_append_len (word, p + 1, close - p - 1);
              p = close + 1;
              any = TRUE;
            }
          else if (*p == '"')
            {
              const char *q = p + 1;
              while (*q != '"')
                {
                  if (*q == '\0' || *q == '\n')
                    {
                      *bad_offset = p - line;
                      g_string_free (word, TRUE);
                      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_SYNTAX,
                                   "this double quote is never closed");
                      return FALSE;
                    }
                  if (*q == '$' || *q == '`')
                    {
                      *bad_offset = q - line;
                      g_string_free (word, TRUE);
                      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_UNSUPPORTED,
                                   "“%c” would need a shell to expand it; write the value itself "
                                   "(or escape it as \\%c)", *q, *q);
                      return FALSE;
                    }
                  /* iptables-save escapes " \\ and ' inside double quotes */
                  if (*q == '\\' && (q[1] == '"' || q[1] == '\\' || q[1] == '$' || q[1] == '`' || q[1] == '\''))
                    q++;
                  g_string_append_c (word, *q);
                  q++;
                }
              p = q + 1;
              any = TRUE;
            }
          else if (*p == '\\')
            {
              if (p[1] == '\0' || p[1] == '\n')
                {
                  *bad_offset = p - line;
                  g_string_free (word, TRUE);
                  g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_UNSUPPORTED,
                               "a line cannot be continued with “\\”: put the whole command on one line");
                  return FALSE;
                }
              g_string_append_c (word, p[1]);
              p += 2;
              any = TRUE;
            }
          else if (strchr ("$`;|&<>(){}", *p) != NULL)
            {
              *bad_offset = p - line;
              g_string_free (word, TRUE);
              g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_UNSUPPORTED,
                           "“%c” is shell syntax, and these lines are not run by a shell: "
                           "write one plain command per line (quote the character if it is part of a value)",
                           *p);
              return FALSE;
            }
          else
            {
              g_string_append_c (word, *p);
              p++;
              any = TRUE;
            }
        }
      if (any)
        {
          g_ptr_array_add (words, g_string_free (word, FALSE));
          g_array_append_val (starts, start);
        }
      else
        g_string_free (word, TRUE);
    }

  g_ptr_array_add (words, NULL);
  *words_out = (GStrv) g_ptr_array_free (g_steal_pointer (&words), FALSE);
  *starts_out = g_steal_pointer (&starts);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* one line                                                                */
/* ---------------------------------------------------------------------- */

struct _NflCommandHost {
  NflRuleset *ruleset;
  gboolean    ip_forward;
};

typedef struct {
  NflScenario  *scenario;
  NflCommandHost *host;       /* where bare lines go without a default namespace */
  NflCommandReport *report;   /* what the line did, filled in as it runs */
  GString      *output;
  char        **argv;
  int           argc;
  int           bad_word;     /* index of the word an error is about */
  const char   *input;        /* the line's here-document, for iptables-restore */
  guint         input_line;   /* the text's line number of its first line */
  gboolean      input_read;
  gboolean      positioned;   /* the error already says LINE:COL */
  const char   *default_namespace;
} Line;

static gboolean
line_fail (Line       *l,
           int         word,
           GError    **error,
           const char *format,
           ...) G_GNUC_PRINTF (4, 5);

static gboolean
line_fail (Line       *l,
           int         word,
           GError    **error,
           const char *format,
           ...)
{
  va_list args;
  char *message;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  l->bad_word = word;
  g_set_error_literal (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID, message);
  g_free (message);
  return FALSE;
}

static NflNamespace *
need_namespace (Line       *l,
                const char *name,
                int         word,
                GError    **error)
{
  NflNamespace *ns = nfl_scenario_find_namespace (l->scenario, name);

  if (ns == NULL)
    line_fail (l, word, error,
               "Cannot open network namespace \"%s\": No such file or directory (add “ip netns add %s” first)",
               name, name);
  return ns;
}

static NflInterface *
need_interface (Line         *l,
                NflNamespace *ns,
                const char   *name,
                int           word,
                GError      **error)
{
  NflInterface *iface = ns ? nfl_namespace_find_interface (ns, name)
                           : nfl_scenario_find_host_interface (l->scenario, name);

  if (iface == NULL)
    line_fail (l, word, error, "Cannot find device \"%s\"%s%s", name,
               ns ? " in namespace " : " in the host", ns ? ns->name : "");
  return iface;
}

static gboolean
is_word (Line       *l,
         int         i,
         const char *a,
         const char *b)
{
  return i < l->argc && (g_str_equal (l->argv[i], a) || (b != NULL && g_str_equal (l->argv[i], b)));
}

/* ip link add NAME [netns NS] type veth peer [name] PEER [netns NS]
 * ip link add NAME [netns NS] type bridge */
static gboolean
ip_link_add (Line          *l,
             NflNamespace  *ns,
             int            i,
             GError       **error)
{
  const char *name = NULL, *peer = NULL;
  NflNamespace *name_ns = ns, *peer_ns = ns;
  gboolean is_veth = FALSE, is_bridge = FALSE, in_peer = FALSE;
  int name_word = i;
  GError *local = NULL;

  for (; i < l->argc; i++)
    {
      const char *w = l->argv[i];

      if (g_str_equal (w, "type"))
        {
          if (i + 1 >= l->argc)
            return line_fail (l, i, error, "“type” needs a link type");
          if (g_str_equal (l->argv[i + 1], "bridge"))
            {
              is_bridge = TRUE;
              if (i + 2 < l->argc)
                return line_fail (l, i + 2, error,
                                  "bridge option “%s” is not simulated: a bridge forwards by address, without STP or VLANs",
                                  l->argv[i + 2]);
            }
          else if (!g_str_equal (l->argv[i + 1], "veth"))
            return line_fail (l, i + 1, error,
                              "link type “%s” is not simulated: veth pairs link namespaces, bridges join them",
                              l->argv[i + 1]);
          else
            is_veth = TRUE;
          i++;
        }
      else if (g_str_equal (w, "peer"))
        {
          if (!is_veth)
            return line_fail (l, i, error, "“peer” comes after “type veth”");
          in_peer = TRUE;
          if (i + 1 < l->argc && !g_str_equal (l->argv[i + 1], "name") &&
              !g_str_equal (l->argv[i + 1], "netns"))
            {
              peer = l->argv[++i];
            }
        }
      else if (g_str_equal (w, "name"))
        {
          if (i + 1 >= l->argc)
            return line_fail (l, i, error, "“name” needs an interface name");
          if (in_peer)
            peer = l->argv[++i];
          else
            name = l->argv[++i], name_word = i;
        }
      else if (g_str_equal (w, "netns"))
        {
          NflNamespace *target;

          if (i + 1 >= l->argc)
            return line_fail (l, i, error, "“netns” needs a namespace name");
          if ((target = need_namespace (l, l->argv[i + 1], i + 1, error)) == NULL)
            return FALSE;
          if (in_peer)
            peer_ns = target;
          else
            name_ns = target;
          i++;
        }
      else if (g_str_equal (w, "dev") && !in_peer && i + 1 < l->argc)
        name = l->argv[++i], name_word = i;
      else if (name == NULL && !in_peer)
        name = w, name_word = i;
      else
        return line_fail (l, i, error, "unexpected word “%s” in ip link add", w);
    }
  if (name == NULL)
    return line_fail (l, -1, error, "ip link add needs an interface name");
  if (is_bridge)
    {
      if (nfl_scenario_add_bridge (l->scenario, name, name_ns, &local) == NULL)
        {
          l->bad_word = name_word;
          g_propagate_error (error, local);
          return FALSE;
        }
      return TRUE;
    }
  if (!is_veth)
    return line_fail (l, -1, error,
                      "ip link add needs “type veth peer name PEER” or “type bridge”: only those are simulated");
  if (peer == NULL)
    return line_fail (l, -1, error, "a veth pair needs “peer name PEER”");
  if (!nfl_scenario_add_veth_pair (l->scenario, name, name_ns, peer, peer_ns, &local))
    {
      l->bad_word = name_word;
      g_propagate_error (error, local);
      return FALSE;
    }
  return TRUE;
}

/* ip link set [dev] DEV up|down|netns NS|mtu N|master BRIDGE|nomaster … */
static gboolean
ip_link_set (Line          *l,
             NflNamespace  *ns,
             int            i,
             GError       **error)
{
  NflInterface *iface;
  int dev_word;

  if (is_word (l, i, "dev", NULL))
    i++;
  if (i >= l->argc)
    return line_fail (l, -1, error, "ip link set needs a device name");
  dev_word = i;
  if ((iface = need_interface (l, ns, l->argv[i], i, error)) == NULL)
    return FALSE;
  if (++i >= l->argc)
    return line_fail (l, dev_word, error, "ip link set %s needs “up”, “down”, “master BRIDGE” or “netns NS”",
                      l->argv[dev_word]);
  for (; i < l->argc; i++)
    {
      if (is_word (l, i, "up", NULL))
        iface->up = TRUE;
      else if (is_word (l, i, "down", NULL))
        iface->up = FALSE;
      else if (is_word (l, i, "netns", NULL))
        {
          NflNamespace *to;
          GError *local = NULL;

          if (i + 1 >= l->argc)
            return line_fail (l, i, error, "“netns” needs a namespace name");
          if ((to = need_namespace (l, l->argv[i + 1], i + 1, error)) == NULL)
            return FALSE;
          if (!nfl_scenario_move_interface (l->scenario, iface, to, &local))
            {
              l->bad_word = dev_word;
              g_propagate_error (error, local);
              return FALSE;
            }
          i++;
        }
      else if (is_word (l, i, "master", NULL))
        {
          NflInterface *bridge;
          GError *local = NULL;

          if (i + 1 >= l->argc)
            return line_fail (l, i, error, "“master” needs a bridge name");
          if ((bridge = need_interface (l, iface->ns, l->argv[i + 1], i + 1, error)) == NULL)
            return FALSE;
          if (!nfl_interface_set_master (iface, bridge, &local))
            {
              l->bad_word = i + 1;
              g_propagate_error (error, local);
              return FALSE;
            }
          i++;
        }
      else if (is_word (l, i, "nomaster", NULL))
        nfl_interface_set_master (iface, NULL, NULL);
      else if (is_word (l, i, "mtu", NULL))
        {
          guint64 mtu;
          if (i + 1 >= l->argc || !g_ascii_string_to_unsigned (l->argv[i + 1], 10, 68, 65535, &mtu, NULL))
            return line_fail (l, i + 1 < l->argc ? i + 1 : i, error, "“mtu” needs a number from 68 to 65535");
          iface->mtu = mtu;
          i++;
        }
      else
        return line_fail (l, i, error,
                          "“%s” is not something ip link set can change here: use up, down, netns, master, nomaster or mtu",
                          l->argv[i]);
    }
  return TRUE;
}

static gboolean
ip_addr (Line          *l,
         NflNamespace  *ns,
         int            i,
         GError       **error)
{
  const char *cidr = NULL, *dev = NULL;
  int cidr_word = -1, dev_word = -1;
  guint32 addr;
  guint len;
  NflInterface *iface;
  GError *local = NULL;

  if (!is_word (l, i, "add", "a"))
    {
      if (i >= l->argc || g_str_equal (l->argv[i], "show") || g_str_equal (l->argv[i], "list"))
        {
          l->report->changed = FALSE;
          return TRUE;
        }
      return line_fail (l, i < l->argc ? i : -1, error, "only “ip addr add ADDR/PREFIX dev DEV” is simulated");
    }
  if (ns == NULL)
    return line_fail (l, -1, error, "addresses belong to a namespace: use ip netns exec NS ip addr add …");
  for (i++; i < l->argc; i++)
    {
      if (is_word (l, i, "dev", NULL) && i + 1 < l->argc)
        dev = l->argv[++i], dev_word = i;
      else if (is_word (l, i, "local", NULL) && i + 1 < l->argc)
        cidr = l->argv[++i], cidr_word = i;
      else if (cidr == NULL)
        cidr = l->argv[i], cidr_word = i;
      else
        return line_fail (l, i, error, "unexpected word “%s” in ip addr add", l->argv[i]);
    }
  if (cidr == NULL)
    return line_fail (l, -1, error, "ip addr add needs an address such as 10.1.0.10/24");
  if (!nfl_ipv4_parse_cidr (cidr, &addr, &len))
    return line_fail (l, cidr_word, error, "Error: inet prefix is expected rather than \"%s\"", cidr);
  if (dev == NULL)
    return line_fail (l, -1, error, "Not enough information: \"dev\" argument is required.");
  if ((iface = need_interface (l, ns, dev, dev_word, error)) == NULL)
    return FALSE;
  if (!nfl_namespace_add_address (ns, iface, addr, len, &local))
    {
      l->bad_word = cidr_word;
      g_propagate_error (error, local);
      return FALSE;
    }
  return TRUE;
}

/* Is @gw reachable on-link through @dev (or any interface when NULL)?
 * The kernel refuses a gateway it cannot reach directly. */
static gboolean
gateway_on_link (NflNamespace *ns,
                 guint32       gw,
                 const char   *dev)
{
  for (guint r = 0; r < ns->routes->len; r++)
    {
      NflRoute *route = g_ptr_array_index (ns->routes, r);
      guint32 mask = nfl_prefix_mask (route->prefix_len);

      if (route->type == NFL_ROUTE_UNICAST && !route->has_via && route->dev != NULL &&
          (gw & mask) == route->dst && (dev == NULL || g_str_equal (dev, route->dev)))
        return TRUE;
    }
  for (guint i = 0; i < ns->interfaces->len; i++)
    {
      NflInterface *iface = g_ptr_array_index (ns->interfaces, i);

      if (dev != NULL && !g_str_equal (dev, iface->name))
        continue;
      for (guint a = 0; a < iface->addresses->len; a++)
        {
          NflAddress *address = &g_array_index (iface->addresses, NflAddress, a);
          guint32 mask = nfl_prefix_mask (address->prefix_len);
          if (address->prefix_len < 32 && (gw & mask) == (address->addr & mask))
            return TRUE;
        }
    }
  return FALSE;
}

static gboolean
ip_route (Line          *l,
          NflNamespace  *ns,
          int            i,
          GError       **error)
{
  NflRoute route = { 0 };
  gboolean have_dst = FALSE;
  int dst_word = -1, via_word = -1;
  GError *local = NULL;

  if (!is_word (l, i, "add", "a") && !is_word (l, i, "append", NULL))
    {
      if (i >= l->argc || g_str_equal (l->argv[i], "show") || g_str_equal (l->argv[i], "list"))
        {
          l->report->changed = FALSE;
          return TRUE;
        }
      return line_fail (l, i < l->argc ? i : -1, error, "only “ip route add …” is simulated");
    }
  if (ns == NULL)
    return line_fail (l, -1, error, "routes belong to a namespace: use ip netns exec NS ip route add …");
  for (i++; i < l->argc; i++)
    {
      const char *w = l->argv[i];

      if (g_str_equal (w, "via") || g_str_equal (w, "dev") || g_str_equal (w, "src") ||
          g_str_equal (w, "metric") || g_str_equal (w, "proto") || g_str_equal (w, "scope"))
        {
          if (i + 1 >= l->argc)
            return line_fail (l, i, error, "“%s” needs a value", w);
          if (g_str_equal (w, "via"))
            {
              via_word = i + 1;
              if (!nfl_ipv4_parse (l->argv[i + 1], &route.via))
                return line_fail (l, i + 1, error, "Error: inet address is expected rather than \"%s\".", l->argv[i + 1]);
              route.has_via = TRUE;
            }
          else if (g_str_equal (w, "dev"))
            {
              g_free (route.dev);
              route.dev = g_strdup (l->argv[i + 1]);
              if (nfl_namespace_find_interface (ns, route.dev) == NULL)
                {
                  g_free (route.dev);
                  return line_fail (l, i + 1, error, "Cannot find device \"%s\"", l->argv[i + 1]);
                }
            }
          else if (g_str_equal (w, "src"))
            {
              if (!nfl_ipv4_parse (l->argv[i + 1], &route.src))
                {
                  g_free (route.dev);
                  return line_fail (l, i + 1, error, "Error: inet address is expected rather than \"%s\".", l->argv[i + 1]);
                }
              route.has_src = TRUE;
            }
          else if (g_str_equal (w, "metric"))
            {
              guint64 metric;
              if (!g_ascii_string_to_unsigned (l->argv[i + 1], 10, 0, G_MAXUINT32, &metric, NULL))
                {
                  g_free (route.dev);
                  return line_fail (l, i + 1, error, "Error: \"metric\" value is invalid");
                }
              route.metric = metric;
            }
          i++;
        }
      else if (!have_dst && (g_str_equal (w, "blackhole") || g_str_equal (w, "unreachable") ||
                             g_str_equal (w, "prohibit")))
        route.type = w[0] == 'b' ? NFL_ROUTE_BLACKHOLE : w[0] == 'u' ? NFL_ROUTE_UNREACHABLE : NFL_ROUTE_PROHIBIT;
      else if (!have_dst)
        {
          dst_word = i;
          if (g_str_equal (w, "default"))
            route.dst = 0, route.prefix_len = 0;
          else if (!nfl_ipv4_parse_cidr (w, &route.dst, &route.prefix_len))
            {
              g_free (route.dev);
              return line_fail (l, i, error, "Error: inet prefix is expected rather than \"%s\".", w);
            }
          else if ((route.dst & ~nfl_prefix_mask (route.prefix_len)) != 0)
            {
              g_free (route.dev);
              char network[16];
              nfl_ipv4_format (route.dst & nfl_prefix_mask (route.prefix_len), network);
              return line_fail (l, i, error, "Error: Invalid prefix for given prefix length (use %s/%u).",
                                network, route.prefix_len);
            }
          have_dst = TRUE;
        }
      else
        {
          g_free (route.dev);
          return line_fail (l, i, error, "unexpected word “%s” in ip route add", w);
        }
    }
  if (!have_dst)
    {
      g_free (route.dev);
      return line_fail (l, -1, error, "ip route add needs a destination (an address, PREFIX/LEN or default)");
    }
  if (route.type == NFL_ROUTE_UNICAST && !route.has_via && route.dev == NULL)
    {
      g_free (route.dev);
      return line_fail (l, dst_word, error, "a route needs “via GATEWAY” or “dev DEVICE”");
    }
  if (route.has_via && !gateway_on_link (ns, route.via, route.dev))
    {
      g_free (route.dev);
      return line_fail (l, via_word, error,
                        "Error: Nexthop has invalid gateway: %s is not reachable directly; "
                        "add a route to it first (e.g. ip route add %s dev DEVICE)",
                        l->argv[via_word], l->argv[via_word]);
    }
  if (route.has_via && route.dev == NULL)
    {
      /* the kernel records the device that reaches the gateway */
      for (guint r = 0; r < ns->routes->len && route.dev == NULL; r++)
        {
          NflRoute *other = g_ptr_array_index (ns->routes, r);
          if (!other->has_via && other->dev != NULL &&
              (route.via & nfl_prefix_mask (other->prefix_len)) == other->dst)
            route.dev = g_strdup (other->dev);
        }
      for (guint n = 0; n < ns->interfaces->len && route.dev == NULL; n++)
        {
          NflInterface *iface = g_ptr_array_index (ns->interfaces, n);
          for (guint a = 0; a < iface->addresses->len && route.dev == NULL; a++)
            {
              NflAddress *address = &g_array_index (iface->addresses, NflAddress, a);
              guint32 mask = nfl_prefix_mask (address->prefix_len);
              if (address->prefix_len < 32 && (route.via & mask) == (address->addr & mask))
                route.dev = g_strdup (iface->name);
            }
        }
    }
  if (!nfl_namespace_add_route (ns, &route, &local))
    {
      g_free (route.dev);
      l->bad_word = dst_word;
      g_propagate_error (error, local);
      return FALSE;
    }
  g_free (route.dev);
  return TRUE;
}

static gboolean run_ip (Line *l, NflNamespace *ns, int i, GError **error);
static gboolean run_in_namespace (Line *l, NflNamespace *ns, int i, GError **error);

static gboolean
run_ip (Line          *l,
        NflNamespace  *ns,
        int            i,
        GError       **error)
{
  const char *object;

  /* options before the object */
  while (i < l->argc && l->argv[i][0] == '-')
    {
      const char *o = l->argv[i];

      if (g_str_equal (o, "-n") || g_str_equal (o, "-netns") || g_str_equal (o, "--netns"))
        {
          if (ns != NULL)
            return line_fail (l, i, error, "ip -n inside “ip netns exec” is ambiguous: use one of them");
          if (i + 1 >= l->argc)
            return line_fail (l, i, error, "“%s” needs a namespace name", o);
          if ((ns = need_namespace (l, l->argv[i + 1], i + 1, error)) == NULL)
            return FALSE;
          i += 2;
        }
      else if (g_str_equal (o, "-4") || g_str_equal (o, "-br") || g_str_equal (o, "-c") ||
               g_str_equal (o, "-d") || g_str_equal (o, "-s"))
        i++;
      else
        return line_fail (l, i, error, "ip option “%s” is not simulated", o);
    }
  if (i >= l->argc)
    return line_fail (l, -1, error, "ip needs an object: netns, link, addr or route");

  object = l->argv[i];
  if (g_str_equal (object, "netns"))
    {
      const char *verb = i + 1 < l->argc ? l->argv[i + 1] : "";

      if (ns != NULL && !g_str_equal (verb, "exec") && !g_str_equal (verb, "list"))
        return line_fail (l, i, error, "namespaces are created from the host, not inside another namespace");
      if (g_str_equal (verb, "add"))
        {
          GError *local = NULL;
          if (i + 2 >= l->argc)
            return line_fail (l, i + 1, error, "ip netns add needs a name");
          if (i + 3 < l->argc)
            return line_fail (l, i + 3, error, "unexpected word “%s” after the namespace name", l->argv[i + 3]);
          if (nfl_scenario_add_namespace (l->scenario, l->argv[i + 2], &local) == NULL)
            {
              l->bad_word = i + 2;
              g_propagate_error (error, local);
              return FALSE;
            }
          return TRUE;
        }
      if (g_str_equal (verb, "del") || g_str_equal (verb, "delete"))
        {
          GError *local = NULL;
          if (i + 2 >= l->argc)
            return line_fail (l, i + 1, error, "ip netns del needs a name");
          if (!nfl_scenario_remove_namespace (l->scenario, l->argv[i + 2], &local))
            {
              l->bad_word = i + 2;
              g_propagate_error (error, local);
              return FALSE;
            }
          return TRUE;
        }
      if (g_str_equal (verb, "exec"))
        {
          NflNamespace *target;
          if (i + 2 >= l->argc)
            return line_fail (l, i + 1, error, "ip netns exec needs a namespace and a command");
          if ((target = need_namespace (l, l->argv[i + 2], i + 2, error)) == NULL)
            return FALSE;
          if (i + 3 >= l->argc)
            return line_fail (l, i + 2, error, "ip netns exec %s needs a command to run", l->argv[i + 2]);
          return run_in_namespace (l, target, i + 3, error);
        }
      if (g_str_equal (verb, "list") || g_str_equal (verb, "ls") || g_str_equal (verb, ""))
        {
          l->report->changed = FALSE;
          return TRUE;
        }
      return line_fail (l, i + 1, error, "ip netns %s is not simulated: use add, del or exec", verb);
    }
  if (g_str_equal (object, "link") || g_str_equal (object, "l"))
    {
      if (is_word (l, i + 1, "add", "a"))
        return ip_link_add (l, ns, i + 2, error);
      if (is_word (l, i + 1, "set", "s"))
        return ip_link_set (l, ns, i + 2, error);
      if (is_word (l, i + 1, "show", "list") || i + 1 >= l->argc)
        {
          l->report->changed = FALSE;
          return TRUE;
        }
      return line_fail (l, i + 1, error, "ip link %s is not simulated: use add or set", l->argv[i + 1]);
    }
  if (g_str_equal (object, "addr") || g_str_equal (object, "address") || g_str_equal (object, "a"))
    return ip_addr (l, ns, i + 1, error);
  if (g_str_equal (object, "route") || g_str_equal (object, "r") || g_str_equal (object, "ro"))
    return ip_route (l, ns, i + 1, error);
  return line_fail (l, i, error, "ip object “%s” is not simulated: use netns, link, addr or route", object);
}

/* The place a line's iptables, iptables-save, iptables-restore and sysctl
 * act on: a namespace, or (bare, with a host) the host.  NULL ruleset:
 * neither, which is refused. */
typedef struct {
  NflRuleset **ruleset;
  gboolean    *ip_forward;
  const char  *name;       /* for messages */
} Place;

static Place
line_place (Line         *l,
            NflNamespace *ns)
{
  if (ns != NULL)
    return (Place) { &ns->ruleset, &ns->ip_forward, ns->name };
  if (l->host != NULL)
    return (Place) { &l->host->ruleset, &l->host->ip_forward, "host" };
  return (Place) { NULL, NULL, NULL };
}

static void
report_iptables (Line         *l,
                 NflNamespace *ns,
                 NflTableId    table,
                 const char   *chain)
{
  l->report->iptables = TRUE;
  g_free (l->report->namespace);
  l->report->namespace = ns ? g_strdup (ns->name) : NULL;
  l->report->table = table;
  g_free (l->report->chain);
  l->report->chain = g_strdup (chain);
}

/* Keys of the sysctl trees a namespace has of its own; a key there that
 * the simulator does not model is kept as written (see other_sysctls). */
static gboolean
sysctl_key_is_per_namespace (const char *key)
{
  for (const char *p = key; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '.' && *p != '-')
      return FALSE;
  return g_str_has_prefix (key, "net.ipv4.") || g_str_has_prefix (key, "net.ipv6.") ||
         g_str_has_prefix (key, "net.netfilter.") || g_str_has_prefix (key, "net.bridge.") ||
         g_str_has_prefix (key, "net.core.") || g_str_has_prefix (key, "net.unix.");
}

static gboolean
parse_sysctl_bool (Line        *l,
                   int          i,
                   const char  *key,
                   const char  *value,
                   gboolean    *out,
                   GError     **error)
{
  if (g_str_equal (value, "1"))
    *out = TRUE;
  else if (g_str_equal (value, "0"))
    *out = FALSE;
  else
    return line_fail (l, i, error, "%s takes 0 or 1", key);
  return TRUE;
}

static gboolean
run_sysctl (Line          *l,
            NflNamespace  *ns,
            int            i,
            GError       **error)
{
  Place place = line_place (l, ns);
  gboolean any = FALSE, wrote = FALSE, values_only = FALSE;
  g_autoptr(GString) printed = g_string_new (NULL);
  g_autoptr(GPtrArray) others = g_ptr_array_new_with_free_func (g_free);  /* KEY, VALUE, … */
  g_autoptr(GPtrArray) rp_filters = g_ptr_array_new_with_free_func (g_free);  /* WHICH, VALUE, … */
  gboolean forward = place.ip_forward ? *place.ip_forward : FALSE;
  gboolean call_iptables = ns ? ns->bridge_nf_call_iptables : TRUE;

  for (; i < l->argc; i++)
    {
      const char *w = l->argv[i];
      g_autofree char *key = NULL;
      g_autofree char *which = NULL;
      const char *eq, *value;
      gboolean *modelled = NULL;

      /* -w, -q and the two together: writing is all sysctl does here */
      if (g_str_equal (w, "-w") || g_str_equal (w, "-q") || g_str_equal (w, "-qw") ||
          g_str_equal (w, "-wq") || g_str_equal (w, "--write") || g_str_equal (w, "--quiet"))
        continue;
      if (g_str_equal (w, "-n") || g_str_equal (w, "--values"))
        {
          values_only = TRUE;
          continue;
        }
      eq = strchr (w, '=');
      key = eq ? g_strndup (w, eq - w) : g_strdup (w);
      g_strdelimit (key, "/", '.');
      value = eq ? eq + 1 : NULL;
      any = TRUE;

      if (eq != NULL && g_str_equal (key, "net.netfilter.nf_log_all_netns"))
        {
          /* the simulator always shows LOG lines of every namespace */
          wrote = TRUE;
          continue;
        }
      if (place.ip_forward == NULL)
        return line_fail (l, i, error,
                          "sysctl %s outside a namespace would change the host: "
                          "use ip netns exec NS sysctl -w %s", key, w);
      if (g_str_equal (key, "net.ipv4.ip_forward") || g_str_equal (key, "net.ipv4.conf.all.forwarding"))
        modelled = &forward;
      else if (ns != NULL && g_str_equal (key, "net.bridge.bridge-nf-call-iptables"))
        modelled = &call_iptables;
      else if (ns != NULL && (which = nfl_rp_filter_key_dup_which (key)) != NULL)
        {
          /* net.ipv4.conf.{all,default,IFACE}.rp_filter: applied at the end */
          NflInterface *iface = NULL;
          guint64 number;
          int current;

          if (!g_str_equal (which, "all") && !g_str_equal (which, "default") &&
              (iface = nfl_namespace_find_interface (ns, which)) == NULL)
            return line_fail (l, i, error, "sysctl: cannot stat /proc/sys/net/ipv4/conf/%s/rp_filter: No such "
                              "file or directory (%s has no interface %s)", which, ns->name, which);
          /* what /proc shows: an interface's own value, or the default it follows */
          current = iface != NULL ? (iface->rp_filter >= 0 ? iface->rp_filter : ns->rp_filter_default) :
                    g_str_equal (which, "all") ? ns->rp_filter_all : ns->rp_filter_default;
          if (value == NULL)
            {
              if (values_only)
                g_string_append_printf (printed, "%d\n", current);
              else
                g_string_append_printf (printed, "%s = %d\n", key, current);
              continue;
            }
          if (!g_ascii_string_to_unsigned (value, 10, 0, 2, &number, NULL))
            return line_fail (l, i, error, "%s takes 0 (off), 1 (strict) or 2 (loose)", key);
          g_ptr_array_add (rp_filters, g_strdup (which));
          g_ptr_array_add (rp_filters, g_strdup (value));
          wrote = TRUE;
          continue;
        }

      if (ns != NULL && modelled == NULL)
        {
          /* the redirect keys: kept with the other sysctls, read by the
           * simulator, so they are checked as the kernel checks them */
          if ((which = nfl_redirect_conf_key_dup_which (key)) != NULL)
            {
              const char *name = key + strlen ("net.ipv4.conf.") + strlen (which) + 1;
              NflInterface *iface = NULL;
              gint64 number;

              if (!g_str_equal (which, "all") && !g_str_equal (which, "default") &&
                  (iface = nfl_namespace_find_interface (ns, which)) == NULL)
                return line_fail (l, i, error, "sysctl: cannot stat /proc/sys/net/ipv4/conf/%s/%s: No such "
                                  "file or directory (%s has no interface %s)", which, name, ns->name, which);
              if (value == NULL)
                {
                  int all, own = iface != NULL ? nfl_interface_conf_value (iface, name, 1, &all) :
                                 nfl_namespace_conf_value (ns, which, name, 1);
                  if (values_only)
                    g_string_append_printf (printed, "%d\n", own);
                  else
                    g_string_append_printf (printed, "%s = %d\n", key, own);
                  continue;
                }
              if (!g_ascii_string_to_signed (value, 10, G_MININT32, G_MAXINT32, &number, NULL))
                return line_fail (l, i, error, "sysctl: setting key \"%s\": Invalid argument (%s takes a number)",
                                  key, name);
            }
        }
      if (modelled != NULL)
        {
          if (value == NULL)
            {
              /* reading: "KEY = VALUE", or with -n the value */
              if (values_only)
                g_string_append_printf (printed, "%d\n", *modelled ? 1 : 0);
              else
                g_string_append_printf (printed, "%s = %d\n", key, *modelled ? 1 : 0);
              continue;
            }
          if (!parse_sysctl_bool (l, i, key, value, modelled, error))
            return FALSE;
          wrote = TRUE;
          continue;
        }
      if (ns == NULL || !sysctl_key_is_per_namespace (key))
        return line_fail (l, i, error,
                          "sysctl %s is not simulated: only the keys of a namespace's own net.* trees are kept",
                          key);
      if (value == NULL || *value == '\0')
        return line_fail (l, i, error, "sysctl %s is not simulated, so it cannot be read: write it as KEY=VALUE",
                          key);
      if (g_ascii_isspace (value[0]) || g_ascii_isspace (value[strlen (value) - 1]) || strstr (value, "  ") != NULL ||
          strpbrk (value, "\t\n\r") != NULL)
        return line_fail (l, i, error, "the value of %s has spaces at its ends or twice in a row", key);
      g_ptr_array_add (others, g_strdup (key));
      g_ptr_array_add (others, g_strdup (value));
      wrote = TRUE;
    }
  if (!any)
    return line_fail (l, -1, error, "sysctl needs KEY=VALUE");
  /* every word was right: now it changes */
  if (place.ip_forward != NULL)
    *place.ip_forward = forward;
  if (ns != NULL)
    {
      ns->bridge_nf_call_iptables = call_iptables;
      for (guint k = 0; k + 1 < others->len; k += 2)
        {
          const char *key = g_ptr_array_index (others, k);
          g_autofree char *which = nfl_redirect_conf_key_dup_which (key);

          /* the redirect keys are all 1 in a new namespace */
          if (which != NULL && g_str_equal (which, "default"))
            nfl_namespace_keep_conf_before_default (ns, key + strlen ("net.ipv4.conf.default."), 1);
          nfl_namespace_set_other_sysctl (ns, key, g_ptr_array_index (others, k + 1));
        }
      for (guint k = 0; k + 1 < rp_filters->len; k += 2)
        {
          const char *which = g_ptr_array_index (rp_filters, k);
          guint8 number = g_ascii_strtoull (g_ptr_array_index (rp_filters, k + 1), NULL, 10);

          if (g_str_equal (which, "all"))
            ns->rp_filter_all = number;
          else if (g_str_equal (which, "default"))
            ns->rp_filter_default = number;
          else
            nfl_namespace_find_interface (ns, which)->rp_filter = number;
        }
    }
  l->report->changed = wrote;
  g_string_append (l->output, printed->str);
  return TRUE;
}

static gboolean
run_iptables (Line          *l,
              NflNamespace  *ns,
              int            i,
              GError       **error)
{
  Place place = line_place (l, ns);
  NflIptablesAction action = { 0 };
  int bad = -1;
  GError *local = NULL;

  if (place.ruleset == NULL)
    return line_fail (l, i, error,
                      "iptables outside a namespace would change the host: "
                      "use “ip netns exec NS iptables …”");
  if (!nfl_iptables_run_with_action (*place.ruleset, l->argc - i, l->argv + i, l->output, &action,
                                     &bad, &local))
    {
      l->bad_word = bad >= 0 ? i + bad : i;
      g_prefix_error (&local, "iptables (%s): ", place.name);
      g_propagate_error (error, local);
      return FALSE;
    }
  report_iptables (l, ns, action.table, action.chain);
  l->report->changed = !action.read_only;
  nfl_iptables_action_clear (&action);
  return TRUE;
}

static gboolean
run_save (Line          *l,
          NflNamespace  *ns,
          int            i,
          GError       **error)
{
  Place place = line_place (l, ns);
  int bad = -1, table = -1;
  GError *local = NULL;

  if (place.ruleset == NULL)
    return line_fail (l, i, error,
                      "iptables-save outside a namespace would read the host: "
                      "use “ip netns exec NS iptables-save”");
  if (!nfl_iptables_save_run (*place.ruleset, l->argc - i, l->argv + i, NULL, l->output, &table, &bad, &local))
    {
      l->bad_word = bad >= 0 ? i + bad : i;
      g_prefix_error (&local, "iptables-save (%s): ", place.name);
      g_propagate_error (error, local);
      return FALSE;
    }
  report_iptables (l, ns, table >= 0 ? (NflTableId) table : NFL_TABLE_FILTER, NULL);
  l->report->changed = FALSE;
  return TRUE;
}

/* iptables-restore, its input the line's here-document */
static gboolean
run_restore (Line          *l,
             NflNamespace  *ns,
             int            i,
             GError       **error)
{
  Place place = line_place (l, ns);
  NflRuleset *restored;
  GError *local = NULL;
  guint line = 0, column = 1;
  const char *message;
  const char *star;
  NflTableId table = NFL_TABLE_FILTER;

  if (l->input == NULL)
    return line_fail (l, i, error, "“%s” is not a simulated command: use ip, iptables or sysctl", l->argv[i]);
  if (place.ruleset == NULL)
    return line_fail (l, i, error,
                      "iptables-restore outside a namespace would change the host: "
                      "use “ip netns exec NS iptables-restore <<'END'”");
  if (i + 1 < l->argc)
    return line_fail (l, i + 1, error,
                      "iptables-restore options are not simulated: it replaces the tables its input names");

  l->input_read = TRUE;
  restored = nfl_iptables_restore (*place.ruleset, l->input, -1, &local);
  if (restored == NULL)
    {
      /* "LINE:COL: message" of the input, as a line of the whole text */
      message = local->message;
      if (sscanf (local->message, "%u:%u:", &line, &column) == 2 && strstr (local->message, ": ") != NULL)
        message = strstr (local->message, ": ") + 2;
      else
        line = 1, column = 1;
      g_set_error (error, local->domain, local->code, "%u:%u: iptables-restore (%s): %s",
                   l->input_line + line - 1, column, place.name, message);
      l->positioned = TRUE;
      g_error_free (local);
      return FALSE;
    }
  nfl_ruleset_free (*place.ruleset);
  *place.ruleset = restored;
  /* the table of the input's first "*table" line */
  for (star = l->input; star != NULL; star = strchr (star, '\n') ? strchr (star, '\n') + 1 : NULL)
    if (*star == '*')
      {
        g_autofree char *name = g_strndup (star + 1, strcspn (star + 1, " \t\r\n"));
        if (nfl_table_from_name (name, &table))
          break;
      }
  report_iptables (l, ns, table, NULL);
  return TRUE;
}

static gboolean
is_restore (const char *program)
{
  return g_str_equal (program, "iptables-restore") || g_str_equal (program, "iptables-nft-restore") ||
         g_str_equal (program, "iptables-legacy-restore");
}

static gboolean
is_iptables (const char *program)
{
  return g_str_equal (program, "iptables") || g_str_equal (program, "iptables-nft") ||
         g_str_equal (program, "iptables-legacy");
}

static gboolean
is_save (const char *program)
{
  return g_str_equal (program, "iptables-save") || g_str_equal (program, "iptables-nft-save");
}

static gboolean
run_in_namespace (Line          *l,
                  NflNamespace  *ns,
                  int            i,
                  GError       **error)
{
  const char *program = l->argv[i];

  if (g_str_equal (program, "ip"))
    return run_ip (l, ns, i + 1, error);
  if (is_iptables (program))
    return run_iptables (l, ns, i, error);
  if (is_save (program))
    return run_save (l, ns, i, error);
  if (g_str_equal (program, "sysctl"))
    return run_sysctl (l, ns, i + 1, error);
  if (is_restore (program))
    return run_restore (l, ns, i, error);
  if (g_str_equal (program, "ping") || g_str_equal (program, "nc") || g_str_equal (program, "curl"))
    return line_fail (l, i, error,
                      "%s sends traffic; in a scenario, probes are given separately "
                      "(nflab trace --probe 'NS ping DST')", program);
  return line_fail (l, i, error, "“%s” is not a simulated command: use ip, iptables or sysctl", program);
}

/* The index of the program word after "sudo" and its options, or -1 */
static int
program_word (char **argv,
              int    argc)
{
  int i = 0;

  if (argc > 0 && g_str_equal (argv[0], "sudo"))
    {
      i++;
      while (i < argc && argv[i][0] == '-')
        i++;
    }
  return i < argc ? i : -1;
}

static gboolean
run_line (Line    *l,
          GError **error)
{
  int i = program_word (l->argv, l->argc);
  NflNamespace *ns = NULL;

  if (i < 0)
    return line_fail (l, 0, error, "sudo needs a command");

  /* the tutorial turns LOG on for all namespaces this way */
  if (g_str_equal (l->argv[i], "echo") && l->argc - i == 2)
    return line_fail (l, i, error, "“echo” needs a shell; to enable LOG in namespaces nothing is needed here");

  if (l->default_namespace != NULL &&
      (is_iptables (l->argv[i]) || is_save (l->argv[i]) || g_str_equal (l->argv[i], "sysctl") ||
       is_restore (l->argv[i])))
    {
      ns = nfl_scenario_find_namespace (l->scenario, l->default_namespace);
      if (ns == NULL)
        return line_fail (l, i, error, "namespace “%s” does not exist", l->default_namespace);
    }
  if (g_str_equal (l->argv[i], "ip"))
    return run_ip (l, ns, i + 1, error);
  return run_in_namespace (l, ns, i, error);
}

/* ---------------------------------------------------------------------- */
/* iptables-restore with a here-document                                   */
/* ---------------------------------------------------------------------- */

/* The "<<" of a here-document outside quotes, or NULL.  Exported scenario
 * scripts (and many tutorials) give iptables-restore its input this way;
 * it is the only shell redirection these lines understand. */
static const char *
find_heredoc (const char *line)
{
  char quote = 0;

  for (const char *p = line; *p != '\0'; p++)
    {
      if (quote != 0)
        {
          if (*p == quote)
            quote = 0;
          else if (quote == '"' && *p == '\\' && p[1] != '\0')
            p++;
          continue;
        }
      if (*p == '\\' && p[1] != '\0')
        p++;
      else if (*p == '\'' || *p == '"')
        quote = *p;
      else if (*p == '#')
        return NULL;
      else if (p[0] == '<' && p[1] == '<')
        return p;
    }
  return NULL;
}

/* "<<END", "<< 'END'", "<<\"END\"": the end word, or NULL */
static char *
heredoc_delimiter (const char *after)
{
  g_autofree char *word = NULL;
  size_t len;

  while (*after == ' ' || *after == '\t')
    after++;
  word = g_strstrip (g_strdup (after));
  len = strlen (word);
  if (len >= 2 && (word[0] == '\'' || word[0] == '"') && word[len - 1] == word[0])
    {
      word[len - 1] = '\0';
      memmove (word, word + 1, len - 1);
    }
  if (*word == '\0' || strspn (word, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_") != strlen (word))
    return NULL;
  return g_steal_pointer (&word);
}

void
nfl_command_free (NflCommand *command)
{
  if (command == NULL)
    return;
  g_free (command->text);
  g_free (command->input);
  g_clear_error (&command->error);
  g_free (command);
}

static NflCommand *
command_new (guint       line,
             const char *text)
{
  NflCommand *command = g_new0 (NflCommand, 1);

  command->line = line;
  command->n_lines = 1;
  command->text = g_strdup (text);
  return command;
}

static void
command_set_error (NflCommand *command,
                   guint       line,
                   guint       column,
                   const char *message)
{
  command->error_pos = (NflSourcePos) { line, column };
  command->error = g_error_new (NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_SYNTAX, "%u:%u: %s", line, column, message);
}

/* a blank line or a "#" comment: no command */
static gboolean
is_blank (const char *line)
{
  line += strspn (line, " \t\r");
  return *line == '\0' || *line == '#';
}

GPtrArray *
nfl_commands_split_text (const char *text)
{
  g_autoptr(GPtrArray) commands = g_ptr_array_new_with_free_func ((GDestroyNotify) nfl_command_free);
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  lines = g_strsplit (text, "\n", -1);
  for (guint n = 0; lines[n] != NULL; n++)
    {
      const char *heredoc;
      const char *invalid = NULL;
      g_autofree char *end = NULL;
      NflCommand *command;
      guint k;

      if (!g_utf8_validate (lines[n], -1, &invalid))
        {
          command = command_new (n + 1, lines[n]);
          command_set_error (command, n + 1, invalid - lines[n] + 1, "the line is not valid UTF-8");
          g_ptr_array_add (commands, command);
          continue;
        }
      if (is_blank (lines[n]))
        continue;
      command = command_new (n + 1, lines[n]);
      g_ptr_array_add (commands, command);
      if ((heredoc = find_heredoc (lines[n])) == NULL)
        continue;

      if ((end = heredoc_delimiter (heredoc + 2)) == NULL)
        {
          command_set_error (command, n + 1, heredoc - lines[n] + 1,
                             "a here-document needs one plain end word, as in <<'END'");
          continue;
        }
      /* the input runs up to the line that is the end word */
      for (k = n + 1; lines[k] != NULL; k++)
        {
          g_autofree char *chomped = g_strchomp (g_strdup (lines[k]));
          if (g_str_equal (chomped, end))
            break;
        }
      if (lines[k] == NULL)
        {
          g_autofree char *message = g_strdup_printf ("the here-document has no end line “%s”", end);

          command_set_error (command, n + 1, heredoc - lines[n] + 1, message);
          command->incomplete = TRUE;
          command->n_lines = k - n;
          break;
        }
      {
        g_autoptr(GString) input = g_string_new (NULL);

        for (guint b = n + 1; b < k; b++)
          {
            const char *bad = NULL;

            if (command->error == NULL && !g_utf8_validate (lines[b], -1, &bad))
              command_set_error (command, b + 1, bad - lines[b] + 1, "the line is not valid UTF-8");
            g_string_append_printf (input, "%s\n", lines[b]);
          }
        command->input = g_string_free (g_steal_pointer (&input), FALSE);
      }
      command->n_lines = k - n + 1;
      n = k;
    }
  return g_steal_pointer (&commands);
}

/* ---------------------------------------------------------------------- */
/* the host                                                                */
/* ---------------------------------------------------------------------- */

NflCommandHost *
nfl_command_host_new (void)
{
  NflCommandHost *host = g_new0 (NflCommandHost, 1);

  host->ruleset = nfl_ruleset_new ();
  return host;
}

void
nfl_command_host_free (NflCommandHost *host)
{
  if (host == NULL)
    return;
  nfl_ruleset_free (host->ruleset);
  g_free (host);
}

NflRuleset *
nfl_command_host_get_ruleset (NflCommandHost *host)
{
  g_return_val_if_fail (host != NULL, NULL);
  return host->ruleset;
}

gboolean
nfl_command_host_get_ip_forward (NflCommandHost *host)
{
  g_return_val_if_fail (host != NULL, FALSE);
  return host->ip_forward;
}

/* ---------------------------------------------------------------------- */
/* running commands                                                        */
/* ---------------------------------------------------------------------- */

void
nfl_command_report_clear (NflCommandReport *report)
{
  g_return_if_fail (report != NULL);

  g_clear_pointer (&report->namespace, g_free);
  g_clear_pointer (&report->chain, g_free);
  *report = (NflCommandReport) { 0 };
}

/* Runs @command on @work as it is, no copy made. */
static gboolean
run_command (NflScenario      *work,
             NflCommandHost   *host,
             const char       *default_namespace,
             const NflCommand *command,
             GString          *output,
             NflCommandReport *report,
             NflSourcePos     *where,
             GError          **error)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GArray) starts = NULL;
  g_autofree char *line_text = NULL;
  const char *heredoc;
  guint n = command->line;
  guint bad_offset = 0;
  GError *local = NULL;
  gboolean ok;
  Line l = { 0 };

  if (command->error != NULL)
    {
      if (where)
        *where = command->error_pos;
      g_propagate_error (error, g_error_copy (command->error));
      return FALSE;
    }
  heredoc = command->input != NULL ? find_heredoc (command->text) : NULL;
  line_text = heredoc ? g_strndup (command->text, heredoc - command->text) : g_strdup (command->text);
  if (!nfl_command_split (line_text, &words, &starts, &bad_offset, &local))
    {
      if (where)
        *where = (NflSourcePos) { n, bad_offset + 1 };
      g_set_error (error, local->domain, local->code, "%u:%u: %s", n, bad_offset + 1, local->message);
      g_error_free (local);
      return FALSE;
    }
  if (words[0] == NULL)
    {
      guint column = heredoc ? heredoc - command->text + 1 : 1;
      if (where)
        *where = (NflSourcePos) { n, column };
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_SYNTAX,
                   "%u:%u: a here-document (<<) is only understood as the input of iptables-restore",
                   n, column);
      return FALSE;
    }

  l.scenario = work;
  l.host = host;
  l.report = report;
  l.default_namespace = default_namespace;
  l.output = output;
  l.argv = words;
  l.argc = g_strv_length (words);
  l.bad_word = -1;
  l.input = command->input;
  l.input_line = n + 1;
  report->changed = TRUE;
  ok = run_line (&l, &local);
  if (ok && command->input != NULL && !l.input_read)
    ok = line_fail (&l, 0, &local, "a here-document (<<) is only understood as the input of iptables-restore");
  if (!ok && l.positioned)
    {
      guint line = 0, column = 0;

      if (where != NULL && sscanf (local->message, "%u:%u:", &line, &column) == 2)
        *where = (NflSourcePos) { line, column };
      g_propagate_error (error, local);
      return FALSE;
    }
  if (!ok)
    {
      guint column = l.bad_word >= 0 && (guint) l.bad_word < starts->len
                       ? g_array_index (starts, guint, l.bad_word) + 1
                       : g_array_index (starts, guint, 0) + 1;

      if (where)
        *where = (NflSourcePos) { n, column };
      if (l.bad_word >= 0 && l.bad_word < l.argc)
        g_set_error (error, local->domain, local->code, "%u:%u: “%s”: %s",
                     n, column, words[l.bad_word], local->message);
      else
        g_set_error (error, local->domain, local->code, "%u:%u: %s", n, column, local->message);
      g_error_free (local);
      return FALSE;
    }
  return TRUE;
}

/* iptables and iptables-save change nothing when they fail, so they can
 * run on the scenario itself rather than on a copy */
static gboolean
runs_in_place (const NflCommand *command)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GArray) starts = NULL;
  guint bad_offset;
  int i, argc;

  if (command->error != NULL || command->input != NULL ||
      !nfl_command_split (command->text, &words, &starts, &bad_offset, NULL))
    return FALSE;
  argc = g_strv_length (words);
  if ((i = program_word (words, argc)) < 0)
    return FALSE;
  if (i + 3 < argc && g_str_equal (words[i], "ip") && g_str_equal (words[i + 1], "netns") &&
      g_str_equal (words[i + 2], "exec"))
    i += 4;
  return i < argc && (is_iptables (words[i]) || is_save (words[i]));
}

gboolean
nfl_commands_run_one (NflScenario      *scenario,
                      NflCommandHost   *host,
                      const char       *default_namespace,
                      const NflCommand *command,
                      GString          *output,
                      NflCommandReport *report,
                      NflSourcePos     *where,
                      GError          **error)
{
  g_autoptr(GString) printed = g_string_new (NULL);
  g_autoptr(NflScenario) work = NULL;
  NflCommandReport local_report = { 0 };
  gboolean ok;

  g_return_val_if_fail (NFL_IS_SCENARIO (scenario), FALSE);
  g_return_val_if_fail (command != NULL, FALSE);

  if (report != NULL)
    nfl_command_report_clear (report);
  if (!runs_in_place (command))
    work = nfl_scenario_copy (scenario);
  ok = run_command (work ? work : scenario, host, default_namespace, command, printed, &local_report,
                    where, error);
  if (ok)
    {
      if (output != NULL)
        g_string_append_len (output, printed->str, printed->len);
      if (local_report.changed && work != NULL)
        nfl_scenario_take_contents (scenario, work);
      else if (local_report.changed)
        nfl_scenario_changed (scenario);
      if (report != NULL)
        *report = local_report;
      else
        nfl_command_report_clear (&local_report);
    }
  else
    nfl_command_report_clear (&local_report);
  return ok;
}

gboolean
nfl_commands_apply (NflScenario  *scenario,
                    const char   *text,
                    const char   *default_namespace,
                    GString      *output,
                    NflSourcePos *where,
                    GError      **error)
{
  g_autoptr(NflScenario) work = NULL;
  g_autoptr(GPtrArray) commands = NULL;
  g_autoptr(GString) scratch = NULL;

  g_return_val_if_fail (NFL_IS_SCENARIO (scenario), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!g_utf8_validate (text, -1, NULL))
    {
      if (where)
        *where = (NflSourcePos) { 1, 1 };
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_SYNTAX, "1:1: the text is not valid UTF-8");
      return FALSE;
    }
  if (output == NULL)
    output = scratch = g_string_new (NULL);

  /* every line or none: the lines run on a copy that replaces the model
   * only when all of them succeeded */
  work = nfl_scenario_copy (scenario);
  commands = nfl_commands_split_text (text);
  for (guint c = 0; c < commands->len; c++)
    {
      NflCommandReport report = { 0 };
      gboolean ok = run_command (work, NULL, default_namespace, g_ptr_array_index (commands, c), output,
                                 &report, where, error);

      nfl_command_report_clear (&report);
      if (!ok)
        return FALSE;
    }

  nfl_scenario_take_contents (scenario, work);
  return TRUE;
}

gboolean
nfl_commands_add_listen (NflScenario *scenario,
                         const char  *spec,
                         GError     **error)
{
  g_auto(GStrv) words = g_strsplit_set (spec, " \t\n", -1);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  NflNamespace *ns;
  NflService service = { 0 };
  guint64 port;

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_ptr_array_add (parts, words[i]);

  if (parts->len < 3 || parts->len > 4)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_SYNTAX,
                   "listen “%s”: expected “NS tcp|udp PORT [ADDR]”", spec);
      return FALSE;
    }
  ns = nfl_scenario_find_namespace (scenario, g_ptr_array_index (parts, 0));
  if (ns == NULL)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_NOT_FOUND,
                   "listen “%s”: there is no namespace “%s”", spec, (char *) g_ptr_array_index (parts, 0));
      return FALSE;
    }
  if (g_str_equal (g_ptr_array_index (parts, 1), "tcp"))
    service.proto = 6;
  else if (g_str_equal (g_ptr_array_index (parts, 1), "udp"))
    service.proto = 17;
  else
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_SYNTAX,
                   "listen “%s”: the protocol is tcp or udp, not “%s”", spec,
                   (char *) g_ptr_array_index (parts, 1));
      return FALSE;
    }
  if (!g_ascii_string_to_unsigned (g_ptr_array_index (parts, 2), 10, 1, 65535, &port, NULL))
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_SYNTAX,
                   "listen “%s”: the port is a number from 1 to 65535", spec);
      return FALSE;
    }
  service.port = port;
  if (parts->len == 4)
    {
      if (!nfl_ipv4_parse (g_ptr_array_index (parts, 3), &service.addr))
        {
          g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_SYNTAX,
                       "listen “%s”: “%s” is not an IPv4 address", spec, (char *) g_ptr_array_index (parts, 3));
          return FALSE;
        }
      service.has_addr = TRUE;
    }
  nfl_namespace_add_service (ns, &service);
  return TRUE;
}

