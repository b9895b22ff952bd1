/* nfl-machine.c: a real machine's interfaces and routes as a scenario
 *
 * "ip -br addr" and "ip route" print one line per interface and per route;
 * no library reads that text (libnl talks netlink to the running kernel,
 * which is not the machine the text came from), so it is read here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "nfl-format-error.h"
#include "nfl-machine.h"
#include "nfl-types.h"

typedef struct {
  char    *name;
  gboolean up;
  GArray  *addresses;   /* NflAddress, IPv4 only */
  GArray  *gateways;    /* guint32: next hops of routes through it */
} MachineIface;

static void
machine_iface_free (MachineIface *iface)
{
  g_free (iface->name);
  g_array_unref (iface->addresses);
  g_array_unref (iface->gateways);
  g_free (iface);
}

static gboolean
fail_at (GError    **error,
         const char *what,
         guint       line,
         guint       column,
         const char *format,
         ...) G_GNUC_PRINTF (5, 6);

static gboolean
fail_at (GError    **error,
         const char *what,
         guint       line,
         guint       column,
         const char *format,
         ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID, "%s%s%u:%u: %s",
               what, *what ? " " : "", line, column, message);
  return FALSE;
}

/* The words of @line with the column each starts at (1-based). */
static GStrv
split_words (const char *line,
             GArray     *columns)
{
  g_autoptr(GStrvBuilder) words = g_strv_builder_new ();
  const char *p = line;

  while (*p != '\0')
    {
      const char *start;

      while (*p == ' ' || *p == '\t')
        p++;
      if (*p == '\0')
        break;
      start = p;
      while (*p != '\0' && *p != ' ' && *p != '\t')
        p++;
      {
        g_autofree char *word = g_strndup (start, p - start);
        g_strv_builder_add (words, word);
      }
      g_array_append_val (columns, ((guint) { start - line + 1 }));
    }
  return g_strv_builder_end (words);
}

static MachineIface *
find_iface (GPtrArray  *ifaces,
            const char *name)
{
  for (guint i = 0; i < ifaces->len; i++)
    {
      MachineIface *iface = g_ptr_array_index (ifaces, i);
      if (strcmp (iface->name, name) == 0)
        return iface;
    }
  return NULL;
}

/* "wlp2s0  UP  192.168.1.23/24 fe80::1/64" */
static gboolean
read_addresses (const char *text,
                GPtrArray  *ifaces,
                guint      *n_skipped,
                GError    **error)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint l = 0; lines[l] != NULL; l++)
    {
      g_autoptr(GArray) columns = g_array_new (FALSE, FALSE, sizeof (guint));
      g_auto(GStrv) words = split_words (g_strchomp (lines[l]), columns);
      g_autofree char *name = NULL;
      g_autoptr(GError) local = NULL;
      MachineIface *iface;
      guint n = g_strv_length (words);

      if (n == 0)
        continue;
      if (n < 2)
        return fail_at (error, "", l + 1, g_array_index (columns, guint, 0),
                        "“%s” is not a line of “ip -br addr”: NAME STATE [ADDRESS/PREFIX…]", lines[l]);
      /* "eth0@if12": the peer's index, which says nothing here */
      name = g_strndup (words[0], strcspn (words[0], "@"));
      if (!nfl_interface_name_is_valid (name, &local))
        return fail_at (error, "", l + 1, 1, "%s", local->message);
      if (strcmp (name, "lo") == 0)
        continue;
      if (find_iface (ifaces, name) != NULL)
        return fail_at (error, "", l + 1, 1, "interface %s is listed twice", name);
      iface = g_new0 (MachineIface, 1);
      iface->name = g_steal_pointer (&name);
      iface->up = strcmp (words[1], "DOWN") != 0 && strcmp (words[1], "LOWERLAYERDOWN") != 0;
      iface->addresses = g_array_new (FALSE, FALSE, sizeof (NflAddress));
      iface->gateways = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_ptr_array_add (ifaces, iface);
      for (guint w = 2; w < n; w++)
        {
          NflAddress address;

          if (strchr (words[w], ':') != NULL)
            continue;   /* IPv6: the simulator is IPv4 only */
          if (strchr (words[w], '/') == NULL || !nfl_ipv4_parse_cidr (words[w], &address.addr, &address.prefix_len))
            return fail_at (error, "", l + 1, g_array_index (columns, guint, w),
                            "“%s” is not an address with a prefix length such as 192.168.1.23/24", words[w]);
          g_array_append_val (iface->addresses, address);
        }
      if (iface->addresses->len == 0)
        {
          /* a bridge port or an interface with IPv6 only: nothing to reach */
          (*n_skipped)++;
          g_ptr_array_remove (ifaces, iface);
        }
    }
  return TRUE;
}

/* "default via 192.168.1.1 dev wlp2s0 proto dhcp src 192.168.1.23 metric 600" */
static gboolean
read_routes (const char *text,
             GPtrArray  *ifaces,
             GPtrArray  *routes,
             guint      *n_skipped,
             GError    **error)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint l = 0; lines[l] != NULL; l++)
    {
      g_autoptr(GArray) columns = g_array_new (FALSE, FALSE, sizeof (guint));
      g_auto(GStrv) words = split_words (g_strchomp (lines[l]), columns);
      guint n = g_strv_length (words), w = 0;
      NflRoute route = { NFL_ROUTE_UNICAST };
      gboolean kernel = FALSE, link_scope = FALSE;
      const char *dev = NULL;

      if (n == 0)
        continue;
      if (strcmp (words[0], "unicast") == 0 || strcmp (words[0], "blackhole") == 0 ||
          strcmp (words[0], "unreachable") == 0 || strcmp (words[0], "prohibit") == 0)
        {
          route.type = strcmp (words[0], "blackhole") == 0 ? NFL_ROUTE_BLACKHOLE :
                       strcmp (words[0], "unreachable") == 0 ? NFL_ROUTE_UNREACHABLE :
                       strcmp (words[0], "prohibit") == 0 ? NFL_ROUTE_PROHIBIT : NFL_ROUTE_UNICAST;
          w++;
        }
      else if (strcmp (words[0], "local") == 0 || strcmp (words[0], "broadcast") == 0 ||
               strcmp (words[0], "multicast") == 0 || strcmp (words[0], "throw") == 0 ||
               strcmp (words[0], "anycast") == 0 || strcmp (words[0], "nat") == 0)
        {
          /* the local table's, made by the addresses, or types not simulated */
          (*n_skipped)++;
          continue;
        }
      if (w >= n)
        return fail_at (error, "route", l + 1, 1, "a route needs a destination");
      if (strcmp (words[w], "default") != 0)
        {
          if (strchr (words[w], ':') != NULL)
            continue;
          if (!nfl_ipv4_parse_cidr (words[w], &route.dst, &route.prefix_len))
            return fail_at (error, "route", l + 1, g_array_index (columns, guint, w),
                            "“%s” is not a destination: default or ADDRESS[/PREFIX]", words[w]);
        }
      for (w++; w < n; w++)
        {
          const char *key = words[w];
          const char *value = w + 1 < n ? words[w + 1] : NULL;
          guint column = g_array_index (columns, guint, w);

          if (strcmp (key, "via") == 0 || strcmp (key, "src") == 0)
            {
              guint32 addr;

              if (value == NULL || !nfl_ipv4_parse (value, &addr))
                return fail_at (error, "route", l + 1, column, "“%s” needs an IPv4 address", key);
              if (key[0] == 'v')
                route.has_via = TRUE, route.via = addr;
              else
                route.has_src = TRUE, route.src = addr;
              w++;
            }
          else if (strcmp (key, "dev") == 0)
            {
              if (value == NULL)
                return fail_at (error, "route", l + 1, column, "“dev” needs an interface");
              dev = value;
              w++;
            }
          else if (strcmp (key, "metric") == 0)
            {
              guint64 metric;

              if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT32, &metric, NULL))
                return fail_at (error, "route", l + 1, column, "“metric” needs a number");
              route.metric = metric;
              w++;
            }
          else if (strcmp (key, "proto") == 0 || strcmp (key, "scope") == 0 || strcmp (key, "table") == 0 ||
                   strcmp (key, "pref") == 0 || strcmp (key, "expires") == 0 || strcmp (key, "mtu") == 0 ||
                   strcmp (key, "realm") == 0)
            {
              if (value == NULL)
                return fail_at (error, "route", l + 1, column, "“%s” needs a value", key);
              kernel |= strcmp (key, "proto") == 0 && strcmp (value, "kernel") == 0;
              link_scope |= strcmp (key, "scope") == 0 && strcmp (value, "link") == 0;
              w++;
            }
          else if (strcmp (key, "linkdown") == 0 || strcmp (key, "onlink") == 0 || strcmp (key, "dead") == 0 ||
                   strcmp (key, "offload") == 0 || strcmp (key, "trap") == 0)
            ;   /* a flag ip prints: nothing the simulator keeps */
          else
            return fail_at (error, "route", l + 1, column, "“%s” is not a word “ip route” prints", key);
        }
      /* the subnet route of an address comes with the address */
      if (kernel && link_scope && !route.has_via)
        continue;
      if (dev != NULL && find_iface (ifaces, dev) == NULL)
        {
          (*n_skipped)++;
          continue;
        }
      if (route.has_via && dev != NULL)
        {
          MachineIface *iface = find_iface (ifaces, dev);
          gboolean known = FALSE;

          for (guint g = 0; g < iface->gateways->len; g++)
            known |= g_array_index (iface->gateways, guint32, g) == route.via;
          if (!known)
            g_array_append_val (iface->gateways, route.via);
        }
      route.dev = g_strdup (dev);
      g_ptr_array_add (routes, nfl_route_copy (&route));
      g_free (route.dev);
    }
  return TRUE;
}

static gboolean
address_taken (const MachineIface *iface,
               guint32             addr)
{
  for (guint a = 0; a < iface->addresses->len; a++)
    if (g_array_index (iface->addresses, NflAddress, a).addr == addr)
      return TRUE;
  return FALSE;
}

/* The neighbour's addresses on @iface's first network: its gateways there,
 * or the first address of the network the machine does not have. */
static GArray *
neighbour_addresses (const MachineIface *iface)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (NflAddress));
  const NflAddress *first = &g_array_index (iface->addresses, NflAddress, 0);
  guint32 mask = nfl_prefix_mask (first->prefix_len);

  for (guint g = 0; g < iface->gateways->len; g++)
    {
      guint32 gateway = g_array_index (iface->gateways, guint32, g);
      if ((gateway & mask) == (first->addr & mask) && !address_taken (iface, gateway))
        g_array_append_val (out, ((NflAddress) { gateway, first->prefix_len }));
    }
  if (out->len == 0 && first->prefix_len <= 31)
    {
      guint32 network = first->addr & mask;
      guint32 last = network | ~mask;

      /* a /31 has no network or broadcast address */
      for (guint32 addr = first->prefix_len == 31 ? network : network + 1;
           addr <= (first->prefix_len == 31 ? last : last - 1) && out->len == 0; addr++)
        if (!address_taken (iface, addr))
          g_array_append_val (out, ((NflAddress) { addr, first->prefix_len }));
    }
  return out;
}

gboolean
nfl_machine_add_interfaces (NflScenario  *scenario,
                            NflNamespace *ns,
                            const char   *addresses,
                            const char   *routes,
                            guint        *n_skipped,
                            GError      **error)
{
  g_autoptr(GPtrArray) ifaces = g_ptr_array_new_with_free_func ((GDestroyNotify) machine_iface_free);
  g_autoptr(GPtrArray) route_list = g_ptr_array_new_with_free_func ((GDestroyNotify) nfl_route_free);
  guint skipped = 0;

  g_return_val_if_fail (NFL_IS_SCENARIO (scenario), FALSE);
  g_return_val_if_fail (ns != NULL && addresses != NULL, FALSE);

  if (!read_addresses (addresses, ifaces, &skipped, error) ||
      (routes != NULL && !read_routes (routes, ifaces, route_list, &skipped, error)))
    return FALSE;
  /* every check before the first change */
  for (guint i = 0; i < ifaces->len; i++)
    {
      MachineIface *iface = g_ptr_array_index (ifaces, i);
      if (nfl_namespace_find_interface (ns, iface->name) != NULL)
        return fail_at (error, "", 1, 1, "%s already has an interface %s", ns->name, iface->name);
    }

  for (guint i = 0; i < ifaces->len; i++)
    {
      MachineIface *iface = g_ptr_array_index (ifaces, i);
      g_autoptr(GArray) theirs = neighbour_addresses (iface);
      g_autofree char *name = g_strconcat ("net-", iface->name, NULL);
      NflNamespace *neighbour;
      NflInterface *end, *far;

      for (guint n = 2; nfl_scenario_find_namespace (scenario, name) != NULL; n++)
        {
          g_free (name);
          name = g_strdup_printf ("net-%s-%u", iface->name, n);
        }
      neighbour = nfl_scenario_add_namespace (scenario, name, NULL);
      nfl_scenario_add_veth_pair (scenario, iface->name, ns, "eth0", neighbour, NULL);
      end = nfl_namespace_find_interface (ns, iface->name);
      far = nfl_namespace_find_interface (neighbour, "eth0");
      end->up = iface->up;
      far->up = TRUE;
      nfl_namespace_find_interface (neighbour, "lo")->up = TRUE;
      for (guint a = 0; a < iface->addresses->len; a++)
        {
          NflAddress *address = &g_array_index (iface->addresses, NflAddress, a);
          nfl_namespace_add_address (ns, end, address->addr, address->prefix_len, NULL);
        }
      for (guint a = 0; a < theirs->len; a++)
        {
          NflAddress *address = &g_array_index (theirs, NflAddress, a);
          nfl_namespace_add_address (neighbour, far, address->addr, address->prefix_len, NULL);
        }
      if (theirs->len > 0)
        {
          /* a route back: everything through the machine */
          NflRoute back = { NFL_ROUTE_UNICAST, .has_via = TRUE,
                            .via = g_array_index (iface->addresses, NflAddress, 0).addr };
          nfl_namespace_add_route (neighbour, &back, NULL);
        }
      else
        skipped++;
    }
  for (guint r = 0; r < route_list->len; r++)
    {
      g_autoptr(GError) local = NULL;

      if (!nfl_namespace_add_route (ns, g_ptr_array_index (route_list, r), &local))
        skipped++;   /* a route the model refuses (a gateway it cannot reach) */
    }
  if (n_skipped != NULL)
    *n_skipped = skipped;
  return TRUE;
}
