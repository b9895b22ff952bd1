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

typedef struct {
  NflScenario  *scenario;
  const char   *default_namespace;
  GString      *output;
  char        **argv;
  int           argc;
  int           bad_word;     /* index of the word an error is about */
  const char   *input;        /* the line's here-document, for iptables-restore */
  guint         input_line;   /* the text's line number of its first line */
  gboolean      input_read;
  gboolean      positioned;   /* the error already says LINE:COL */
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

/* ip link add NAME [netns NS] type veth peer [name] PEER [netns NS] */
static gboolean
ip_link_add (Line          *l,
             NflNamespace  *ns,
             int            i,
             GError       **error)
{
  const char *name = NULL, *peer = NULL;
  NflNamespace *name_ns = ns, *peer_ns = ns;
  gboolean is_veth = FALSE, in_peer = FALSE;
  int name_word = i;
  GError *local = NULL;

  for (; i < l->argc; i++)
    {
      const char *w = l->argv[i];

      if (g_str_equal (w, "type"))
        {
          if (i + 1 >= l->argc)
            return line_fail (l, i, error, "“type” needs a link type");
          if (!g_str_equal (l->argv[i + 1], "veth"))
            return line_fail (l, i + 1, error,
                              "link type “%s” is not simulated: only veth pairs link namespaces",
                              l->argv[i + 1]);
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
  if (!is_veth)
    return line_fail (l, -1, error, "ip link add needs “type veth peer name PEER”: only veth pairs are simulated");
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

/* ip link set [dev] DEV up|down|netns NS|mtu N … */
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
    return line_fail (l, dev_word, error, "ip link set %s needs “up”, “down” or “netns NS”", l->argv[dev_word]);
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
      else if (is_word (l, i, "mtu", NULL))
        {
          guint64 mtu;
          if (i + 1 >= l->argc || !g_ascii_string_to_unsigned (l->argv[i + 1], 10, 68, 65535, &mtu, NULL))
            return line_fail (l, i + 1 < l->argc ? i + 1 : i, error, "“mtu” needs a number from 68 to 65535");
          iface->mtu = mtu;
          i++;
        }
      else
        return line_fail (l, i, error, "“%s” is not something ip link set can change here: use up, down, netns or mtu",
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
      if (i < l->argc && (g_str_equal (l->argv[i], "show") || g_str_equal (l->argv[i], "list")))
        return TRUE;
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
      if (i < l->argc && (g_str_equal (l->argv[i], "show") || g_str_equal (l->argv[i], "list")))
        return TRUE;
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
        return TRUE;
      return line_fail (l, i + 1, error, "ip netns %s is not simulated: use add, del or exec", verb);
    }
  if (g_str_equal (object, "link") || g_str_equal (object, "l"))
    {
      if (is_word (l, i + 1, "add", "a"))
        return ip_link_add (l, ns, i + 2, error);
      if (is_word (l, i + 1, "set", "s"))
        return ip_link_set (l, ns, i + 2, error);
      if (is_word (l, i + 1, "show", "list") || i + 1 >= l->argc)
        return TRUE;
      return line_fail (l, i + 1, error, "ip link %s is not simulated: use add or set", l->argv[i + 1]);
    }
  if (g_str_equal (object, "addr") || g_str_equal (object, "address") || g_str_equal (object, "a"))
    return ip_addr (l, ns, i + 1, error);
  if (g_str_equal (object, "route") || g_str_equal (object, "r") || g_str_equal (object, "ro"))
    return ip_route (l, ns, i + 1, error);
  return line_fail (l, i, error, "ip object “%s” is not simulated: use netns, link, addr or route", object);
}

static gboolean
run_sysctl (Line          *l,
            NflNamespace  *ns,
            int            i,
            GError       **error)
{
  gboolean any = FALSE;

  for (; i < l->argc; i++)
    {
      const char *w = l->argv[i];
      g_autofree char *key = NULL;
      const char *eq, *value;

      /* -w, -q and the two together: writing is all sysctl does here */
      if (g_str_equal (w, "-w") || g_str_equal (w, "-q") || g_str_equal (w, "-qw") ||
          g_str_equal (w, "-wq") || g_str_equal (w, "--write") || g_str_equal (w, "--quiet"))
        continue;
      eq = strchr (w, '=');
      if (eq == NULL)
        return line_fail (l, i, error, "sysctl needs KEY=VALUE (e.g. net.ipv4.ip_forward=1)");
      key = g_strndup (w, eq - w);
      g_strdelimit (key, "/", '.');
      value = eq + 1;
      any = TRUE;

      if (g_str_equal (key, "net.netfilter.nf_log_all_netns"))
        {
          /* the simulator always shows LOG lines of every namespace */
          continue;
        }
      if (ns == NULL)
        return line_fail (l, i, error,
                          "sysctl %s outside a namespace would change the host: "
                          "use ip netns exec NS sysctl -w %s", key, w);
      if (g_str_equal (key, "net.ipv4.ip_forward") || g_str_equal (key, "net.ipv4.conf.all.forwarding"))
        {
          if (g_str_equal (value, "1"))
            ns->ip_forward = TRUE;
          else if (g_str_equal (value, "0"))
            ns->ip_forward = FALSE;
          else
            return line_fail (l, i, error, "%s takes 0 or 1", key);
          continue;
        }
      return line_fail (l, i, error, "sysctl %s is not simulated: only net.ipv4.ip_forward is", key);
    }
  if (!any)
    return line_fail (l, -1, error, "sysctl needs KEY=VALUE");
  return TRUE;
}

static gboolean
run_iptables (Line          *l,
              NflNamespace  *ns,
              int            i,
              GError       **error)
{
  int bad = -1;
  GError *local = NULL;

  if (ns == NULL)
    return line_fail (l, i, error,
                      "iptables outside a namespace would change the host: "
                      "use “ip netns exec NS iptables …”");
  if (!nfl_iptables_run (ns->ruleset, l->argc - i, l->argv + i, l->output, &bad, &local))
    {
      l->bad_word = bad >= 0 ? i + bad : i;
      g_prefix_error (&local, "iptables (%s): ", ns->name);
      g_propagate_error (error, local);
      return FALSE;
    }
  return TRUE;
}

/* iptables-restore, its input the line's here-document */
static gboolean
run_restore (Line          *l,
             NflNamespace  *ns,
             int            i,
             GError       **error)
{
  NflRuleset *restored;
  GError *local = NULL;
  guint line = 0, column = 1;
  const char *message;

  if (l->input == NULL)
    return line_fail (l, i, error, "“%s” is not a simulated command: use ip, iptables or sysctl", l->argv[i]);
  if (ns == NULL)
    return line_fail (l, i, error,
                      "iptables-restore outside a namespace would change the host: "
                      "use “ip netns exec NS iptables-restore <<'END'”");
  if (i + 1 < l->argc)
    return line_fail (l, i + 1, error,
                      "iptables-restore options are not simulated: it replaces the tables its input names");

  l->input_read = TRUE;
  restored = nfl_iptables_restore (ns->ruleset, l->input, -1, &local);
  if (restored == NULL)
    {
      /* "LINE:COL: message" of the input, as a line of the whole text */
      message = local->message;
      if (sscanf (local->message, "%u:%u:", &line, &column) == 2 && strstr (local->message, ": ") != NULL)
        message = strstr (local->message, ": ") + 2;
      else
        line = 1, column = 1;
      g_set_error (error, local->domain, local->code, "%u:%u: iptables-restore (%s): %s",
                   l->input_line + line - 1, column, ns->name, message);
      l->positioned = TRUE;
      g_error_free (local);
      return FALSE;
    }
  nfl_ruleset_free (ns->ruleset);
  ns->ruleset = restored;
  return TRUE;
}

static gboolean
is_restore (const char *program)
{
  return g_str_equal (program, "iptables-restore") || g_str_equal (program, "iptables-nft-restore") ||
         g_str_equal (program, "iptables-legacy-restore");
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
  if (g_str_equal (program, "iptables") || g_str_equal (program, "iptables-nft") ||
      g_str_equal (program, "iptables-legacy"))
    return run_iptables (l, ns, i, error);
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

static gboolean
run_line (Line    *l,
          GError **error)
{
  int i = 0;
  NflNamespace *ns = NULL;

  if (g_str_equal (l->argv[0], "sudo"))
    {
      i++;
      while (i < l->argc && l->argv[i][0] == '-')
        i++;
      if (i >= l->argc)
        return line_fail (l, 0, error, "sudo needs a command");
    }

  /* the tutorial turns LOG on for all namespaces this way */
  if (g_str_equal (l->argv[i], "echo") && l->argc - i == 2)
    return line_fail (l, i, error, "“echo” needs a shell; to enable LOG in namespaces nothing is needed here");

  if (l->default_namespace != NULL &&
      (g_str_equal (l->argv[i], "iptables") || g_str_equal (l->argv[i], "sysctl") || is_restore (l->argv[i])))
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

gboolean
nfl_commands_apply (NflScenario  *scenario,
                    const char   *text,
                    const char   *default_namespace,
                    GString      *output,
                    NflSourcePos *where,
                    GError      **error)
{
  g_autoptr(NflScenario) work = NULL;
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (NFL_IS_SCENARIO (scenario), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!g_utf8_validate (text, -1, NULL))
    {
      if (where)
        *where = (NflSourcePos) { 1, 1 };
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_SYNTAX, "1:1: the text is not valid UTF-8");
      return FALSE;
    }

  /* every line or none: the lines run on a copy that replaces the model
   * only when all of them succeeded */
  work = nfl_scenario_copy (scenario);
  lines = g_strsplit (text, "\n", -1);
  for (guint n = 0; lines[n] != NULL; n++)
    {
      g_auto(GStrv) words = NULL;
      g_autoptr(GArray) starts = NULL;
      g_autofree char *command = NULL;
      g_autofree char *heredoc_end = NULL;
      const char *heredoc = find_heredoc (lines[n]);
      guint heredoc_line = n;
      gboolean ok;
      guint bad_offset = 0;
      GError *local = NULL;
      Line l = { 0 };

      if (heredoc != NULL)
        {
          heredoc_end = heredoc_delimiter (heredoc + 2);
          if (heredoc_end == NULL)
            {
              guint column = heredoc - lines[n] + 1;
              if (where)
                *where = (NflSourcePos) { n + 1, column };
              g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_SYNTAX,
                           "%u:%u: a here-document needs one plain end word, as in <<'END'", n + 1, column);
              return FALSE;
            }
          command = g_strndup (lines[n], heredoc - lines[n]);
          /* the input runs up to the line that is the end word */
          for (heredoc_line = n + 1; lines[heredoc_line] != NULL; heredoc_line++)
            if (g_str_equal (g_strchomp (lines[heredoc_line]), heredoc_end))
              break;
          if (lines[heredoc_line] == NULL)
            {
              guint column = heredoc - lines[n] + 1;
              if (where)
                *where = (NflSourcePos) { n + 1, column };
              g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_SYNTAX,
                           "%u:%u: the here-document has no end line “%s”", n + 1, column, heredoc_end);
              return FALSE;
            }
        }

      if (!nfl_command_split (command ? command : lines[n], &words, &starts, &bad_offset, &local))
        {
          if (where)
            *where = (NflSourcePos) { n + 1, bad_offset + 1 };
          g_set_error (error, local->domain, local->code, "%u:%u: %s", n + 1, bad_offset + 1, local->message);
          g_error_free (local);
          return FALSE;
        }
      if (words[0] == NULL && heredoc != NULL)
        {
          guint column = heredoc - lines[n] + 1;
          if (where)
            *where = (NflSourcePos) { n + 1, column };
          g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_SYNTAX,
                       "%u:%u: a here-document (<<) is only understood as the input of iptables-restore",
                       n + 1, column);
          return FALSE;
        }
      if (words[0] == NULL)
        continue;

      l.scenario = work;
      l.default_namespace = default_namespace;
      l.output = output;
      l.argv = words;
      l.argc = g_strv_length (words);
      l.bad_word = -1;
      if (heredoc != NULL)
        {
          g_autoptr(GString) input = g_string_new (NULL);

          for (guint k = n + 1; k < heredoc_line; k++)
            g_string_append_printf (input, "%s\n", lines[k]);
          l.input = g_string_free (g_steal_pointer (&input), FALSE);
          l.input_line = n + 2;
        }
      ok = run_line (&l, &local);
      if (ok && heredoc != NULL && !l.input_read)
        ok = line_fail (&l, 0, &local, "a here-document (<<) is only understood as the input of iptables-restore");
      g_free ((char *) l.input);
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
            *where = (NflSourcePos) { n + 1, column };
          if (l.bad_word >= 0 && l.bad_word < l.argc)
            g_set_error (error, local->domain, local->code, "%u:%u: “%s”: %s",
                         n + 1, column, words[l.bad_word], local->message);
          else
            g_set_error (error, local->domain, local->code, "%u:%u: %s", n + 1, column, local->message);
          g_error_free (local);
          return FALSE;
        }
      /* on past the here-document's end line */
      n = heredoc_line;
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
