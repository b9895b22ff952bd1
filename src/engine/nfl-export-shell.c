/* nfl-export-shell.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "nfl-export-shell.h"
#include "nfl-format-error.h"
#include "nfl-iptables-save.h"
#include "nfl-packet.h"
#include "nfl-types.h"

/* The line that ends each namespace's iptables-restore input.  No line
 * of iptables-save text can be it: those start with '*', ':', '-', '#'
 * or read COMMIT. */
#define RULES_END "NFLAB_RULES_END"

/* inside nfl_scenario_export_shell (): the script's name of namespace @n */
#define NS_NAME(n) ((const char *) g_ptr_array_index (names, (n)))

void
nfl_shell_append_quoted (GString    *out,
                         const char *word)
{
  static const char plain[] =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./:=,+@%";

  if (*word != '\0' && strspn (word, plain) == strlen (word))
    {
      g_string_append (out, word);
      return;
    }
  /* inside single quotes nothing is special but the quote itself, which
   * is closed, escaped and reopened */
  g_string_append_c (out, '\'');
  for (const char *c = word; *c != '\0'; c++)
    {
      if (*c == '\'')
        g_string_append (out, "'\\''");
      else
        g_string_append_c (out, *c);
    }
  g_string_append_c (out, '\'');
}

/* One command line: two spaces of indentation, then each word quoted. */
static void G_GNUC_NULL_TERMINATED
command (GString    *out,
         const char *first,
         ...)
{
  va_list args;

  g_string_append (out, "  ");
  va_start (args, first);
  for (const char *word = first; word != NULL; word = va_arg (args, const char *))
    {
      if (word != first)
        g_string_append_c (out, ' ');
      nfl_shell_append_quoted (out, word);
    }
  va_end (args);
  g_string_append_c (out, '\n');
}

/* The same with a GPtrArray of words, for commands of varying length. */
static void
command_v (GString   *out,
           GPtrArray *words)
{
  g_string_append (out, "  ");
  for (guint i = 0; i < words->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      nfl_shell_append_quoted (out, g_ptr_array_index (words, i));
    }
  g_string_append_c (out, '\n');
}

static gboolean
check_names (NflScenario  *scenario,
             const char   *prefix,
             GError      **error)
{
  GPtrArray *namespaces = nfl_scenario_get_namespaces (scenario);
  GPtrArray *host = nfl_scenario_get_host_interfaces (scenario);

  if (host != NULL && host->len > 0)
    {
      NflInterface *iface = g_ptr_array_index (host, 0);
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                   "interface “%s” is in the host's own network namespace: the script builds only "
                   "namespaces of its own; move the interface into one (ip link set %s netns NS)",
                   iface->name, iface->name);
      return FALSE;
    }
  for (guint n = 0; n < namespaces->len; n++)
    {
      NflNamespace *ns = g_ptr_array_index (namespaces, n);
      g_autoptr(GError) local = NULL;
      g_autofree char *name = g_strconcat (prefix, ns->name, NULL);

      if (!nfl_namespace_name_is_valid (name, &local))
        {
          g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                       "namespace “%s”: %s", name, local->message);
          return FALSE;
        }
      for (guint i = 0; i < ns->interfaces->len; i++)
        {
          NflInterface *iface = g_ptr_array_index (ns->interfaces, i);

          if (!nfl_interface_name_is_valid (iface->name, &local))
            {
              g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                           "interface “%s” in namespace %s: %s", iface->name, ns->name, local->message);
              return FALSE;
            }
        }
    }
  return TRUE;
}

static void
append_route (GString        *out,
              const char     *ns_name,
              const NflRoute *route)
{
  g_auto(GStrv) spec = nfl_route_to_words (route, FALSE);
  g_autoptr(GPtrArray) words = g_ptr_array_new ();

  g_ptr_array_add (words, (char *) "ip");
  g_ptr_array_add (words, (char *) "-n");
  g_ptr_array_add (words, (char *) ns_name);
  g_ptr_array_add (words, (char *) "route");
  g_ptr_array_add (words, (char *) "add");
  for (guint i = 0; spec[i] != NULL; i++)
    g_ptr_array_add (words, spec[i]);
  command_v (out, words);
}

/* socat is the usual tool for a listening socket: TCP connections are
 * accepted, UDP datagrams come back to their sender, as the simulator's
 * services answer. */
static void
append_service (GString          *out,
                const char       *ns_name,
                const NflService *service)
{
  g_autofree char *bind = NULL;
  g_autofree char *address = NULL;

  if (service->has_addr)
    {
      g_autofree char *addr = nfl_ipv4_to_string (service->addr);
      bind = g_strdup_printf (",bind=%s", addr);
    }
  if (service->proto == NFL_PROTO_TCP)
    address = g_strdup_printf ("TCP4-LISTEN:%u,reuseaddr,fork%s", service->port, bind ? bind : "");
  else
    address = g_strdup_printf ("UDP4-RECVFROM:%u,fork%s", service->port, bind ? bind : "");

  g_string_append (out, "  ip netns exec ");
  nfl_shell_append_quoted (out, ns_name);
  g_string_append (out, " socat ");
  nfl_shell_append_quoted (out, address);
  g_string_append (out, " PIPE </dev/null >/dev/null 2>&1 &\n");
  g_string_append (out, "  nflab_wait_listening ");
  nfl_shell_append_quoted (out, ns_name);
  g_string_append_printf (out, " %s %u\n", service->proto == NFL_PROTO_TCP ? "-t" : "-u", service->port);
}

static void
append_one_line_comment (GString    *out,
                         const char *label,
                         const char *text)
{
  g_autofree char *flat = g_strdup (text);

  /* a comment ends at the end of its line: a title with a newline must
   * not continue as a command */
  g_strdelimit (flat, "\n\r", ' ');
  g_string_append_printf (out, "# %s%s\n", label, flat);
}

char *
nfl_scenario_export_shell (NflScenario  *scenario,
                           const char   *namespace_prefix,
                           GError      **error)
{
  GPtrArray *namespaces;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  gboolean any_service = FALSE, any_bridge = FALSE, any_sysctl = FALSE;

  g_return_val_if_fail (NFL_IS_SCENARIO (scenario), NULL);

  if (namespace_prefix == NULL)
    namespace_prefix = "";
  if (!check_names (scenario, namespace_prefix, error))
    return NULL;
  namespaces = nfl_scenario_get_namespaces (scenario);
  /* the names the script gives the namespaces, by index */
  for (guint n = 0; n < namespaces->len; n++)
    g_ptr_array_add (names, g_strconcat (namespace_prefix,
                                         ((NflNamespace *) g_ptr_array_index (namespaces, n))->name, NULL));
  for (guint n = 0; n < namespaces->len; n++)
    {
      NflNamespace *ns = g_ptr_array_index (namespaces, n);

      any_service |= ns->services->len > 0;
      any_sysctl |= !ns->bridge_nf_call_iptables || ns->other_sysctls->len > 0 || ns->rp_filter_all != 0 ||
                    ns->rp_filter_default != 0;
      for (guint i = 0; i < ns->interfaces->len; i++)
        {
          NflInterface *iface = g_ptr_array_index (ns->interfaces, i);
          any_bridge |= iface->is_bridge;
          any_sysctl |= nfl_interface_rp_filter_is_own (iface);
        }
    }

  g_string_append (out, "#!/bin/sh\n");
  if (nfl_scenario_get_title (scenario) != NULL && *nfl_scenario_get_title (scenario) != '\0')
    append_one_line_comment (out, "Netfilter Lab scenario: ", nfl_scenario_get_title (scenario));
  else
    g_string_append (out, "# Netfilter Lab scenario\n");
  g_string_append (out,
                   "#\n"
                   "# Builds the scenario in network namespaces of this machine (as root):\n"
                   "#   sh THIS-FILE [up]   create the namespaces, links, addresses, routes,\n"
                   "#                       forwarding, rules and listening services\n"
                   "#   sh THIS-FILE down   delete everything it created\n"
                   "# Links are veth pairs between its own namespaces: nothing is added to the\n"
                   "# machine's own network namespace.\n"
                   "set -euf\n\n");

  /* the list of namespaces, for down and for the check in up */
  {
    g_autoptr(GString) list = g_string_new (NULL);

    /* checked names have no blank, so the list splits back into them
     * (with globbing off: set -f) */
    for (guint n = 0; n < namespaces->len; n++)
      g_string_append_printf (list, "%s%s", n > 0 ? " " : "", NS_NAME (n));
    g_string_append (out, "NFLAB_NAMESPACES=");
    nfl_shell_append_quoted (out, list->str);
    g_string_append (out, "\n\n");
  }

  g_string_append (out,
                   "nflab_down () {\n"
                   "  for ns in $NFLAB_NAMESPACES; do\n"
                   "    if ip netns pids \"$ns\" >/dev/null 2>&1; then\n"
                   "      # the services first: a namespace lives on while a process is in it\n"
                   "      ip netns pids \"$ns\" | xargs -r kill 2>/dev/null || true\n"
                   "      ip netns del \"$ns\"\n"
                   "    fi\n"
                   "  done\n"
                   "}\n\n"
                   "nflab_failed () {\n"
                   "  status=$?\n"
                   "  if [ \"$status\" -ne 0 ]; then\n"
                   "    echo \"$0: building the scenario failed; removing what was built\" >&2\n"
                   "    nflab_down\n"
                   "  fi\n"
                   "}\n\n"
                   "# NS -t|-u PORT: until a socket listens there (5 s at most)\n"
                   "nflab_wait_listening () {\n"
                   "  for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 \\\n"
                   "           21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 \\\n"
                   "           41 42 43 44 45 46 47 48 49 50; do\n"
                   "    if [ -n \"$(ip netns exec \"$1\" ss -Hln \"$2\" \"sport = :$3\")\" ]; then\n"
                   "      return 0\n"
                   "    fi\n"
                   "    sleep 0.1\n"
                   "  done\n"
                   "  echo \"$0: nothing listens on port $3 in namespace $1\" >&2\n"
                   "  return 1\n"
                   "}\n\n");

  g_string_append (out,
                   "nflab_up () {\n"
                   "  for ns in $NFLAB_NAMESPACES; do\n"
                   "    if ip netns pids \"$ns\" >/dev/null 2>&1; then\n"
                   "      echo \"$0: network namespace $ns exists already (\\\"$0 down\\\" deletes it)\" >&2\n"
                   "      exit 1\n"
                   "    fi\n"
                   "  done\n");
  if (any_service)
    g_string_append (out,
                     "  if ! command -v socat >/dev/null; then\n"
                     "    echo \"$0: the listening services need socat (apt-get install socat)\" >&2\n"
                     "    exit 1\n"
                     "  fi\n");
  g_string_append (out, "  trap nflab_failed EXIT\n\n");

  g_string_append (out, "  # namespaces\n");
  for (guint n = 0; n < namespaces->len; n++)
    command (out, "ip", "netns", "add", NS_NAME (n), NULL);

  g_string_append (out, "\n  # links: each veth pair is made inside its first namespace\n");
  for (guint n = 0; n < namespaces->len; n++)
    {
      NflNamespace *ns = g_ptr_array_index (namespaces, n);

      for (guint i = 0; i < ns->interfaces->len; i++)
        {
          NflInterface *iface = g_ptr_array_index (ns->interfaces, i);
          NflInterface *peer = iface->peer;
          guint peer_index = n;

          if (iface->is_loopback || peer == NULL)
            continue;
          /* each pair once: from the end whose namespace comes first, or
           * the first of two ends in the same namespace */
          if (peer->ns != NULL && peer->ns != ns)
            {
              g_ptr_array_find (namespaces, peer->ns, &peer_index);
              if (peer_index < n)
                continue;
            }
          else if (peer->ns == ns)
            {
              guint mine = 0, theirs = 0;
              g_ptr_array_find (ns->interfaces, iface, &mine);
              g_ptr_array_find (ns->interfaces, peer, &theirs);
              if (theirs < mine)
                continue;
            }
          command (out, "ip", "-n", NS_NAME (n), "link", "add", iface->name, "type", "veth",
                   "peer", "name", peer->name, "netns", NS_NAME (peer_index), NULL);
        }
    }

  if (any_bridge)
    {
      g_string_append (out, "\n  # bridges and their ports\n");
      for (guint n = 0; n < namespaces->len; n++)
        {
          NflNamespace *ns = g_ptr_array_index (namespaces, n);

          for (guint i = 0; i < ns->interfaces->len; i++)
            {
              NflInterface *iface = g_ptr_array_index (ns->interfaces, i);
              if (iface->is_bridge)
                command (out, "ip", "-n", NS_NAME (n), "link", "add", iface->name, "type", "bridge", NULL);
            }
          for (guint i = 0; i < ns->interfaces->len; i++)
            {
              NflInterface *iface = g_ptr_array_index (ns->interfaces, i);
              if (iface->master != NULL)
                command (out, "ip", "-n", NS_NAME (n), "link", "set", iface->name, "master", iface->master->name, NULL);
            }
        }
    }

  /* before the interfaces come up: net.ipv4.igmp_link_local_mcast_reports=0
   * must be set before a bridge is up to keep it quiet */
  if (any_sysctl)
    {
      g_string_append (out, "\n  # sysctls\n");
      for (guint n = 0; n < namespaces->len; n++)
        {
          NflNamespace *ns = g_ptr_array_index (namespaces, n);

          if (!ns->bridge_nf_call_iptables)
            command (out, "ip", "netns", "exec", NS_NAME (n), "sysctl", "-qw",
                     "net.bridge.bridge-nf-call-iptables=0", NULL);
          /* default before the interfaces' own, as they were written */
          if (ns->rp_filter_all != 0)
            {
              g_autofree char *w = g_strdup_printf ("net.ipv4.conf.all.rp_filter=%u", ns->rp_filter_all);
              command (out, "ip", "netns", "exec", NS_NAME (n), "sysctl", "-qw", w, NULL);
            }
          if (ns->rp_filter_default != 0)
            {
              g_autofree char *w = g_strdup_printf ("net.ipv4.conf.default.rp_filter=%u", ns->rp_filter_default);
              command (out, "ip", "netns", "exec", NS_NAME (n), "sysctl", "-qw", w, NULL);
            }
          for (guint i = 0; i < ns->interfaces->len; i++)
            {
              NflInterface *iface = g_ptr_array_index (ns->interfaces, i);
              g_autofree char *w = NULL;

              if (!nfl_interface_rp_filter_is_own (iface))
                continue;
              w = g_strdup_printf ("net.ipv4.conf.%s.rp_filter=%d", iface->name, iface->rp_filter);
              command (out, "ip", "netns", "exec", NS_NAME (n), "sysctl", "-qw", w, NULL);
            }
          for (guint k = 0; k < ns->other_sysctls->len; k++)
            command (out, "ip", "netns", "exec", NS_NAME (n), "sysctl", "-qw",
                     g_ptr_array_index (ns->other_sysctls, k), NULL);
        }
    }

  g_string_append (out, "\n  # interfaces and addresses\n");
  for (guint n = 0; n < namespaces->len; n++)
    {
      NflNamespace *ns = g_ptr_array_index (namespaces, n);

      for (guint i = 0; i < ns->interfaces->len; i++)
        {
          NflInterface *iface = g_ptr_array_index (ns->interfaces, i);

          if (iface->mtu != (iface->is_loopback ? 65536u : 1500u))
            {
              g_autofree char *mtu = g_strdup_printf ("%u", iface->mtu);
              command (out, "ip", "-n", NS_NAME (n), "link", "set", iface->name, "mtu", mtu, NULL);
            }
          for (guint a = 0; a < iface->addresses->len; a++)
            {
              NflAddress *address = &g_array_index (iface->addresses, NflAddress, a);
              g_autofree char *cidr = NULL;

              /* lo has 127.0.0.1/8 from the start, as in the kernel */
              if (iface->is_loopback && address->addr == 0x7f000001 && address->prefix_len == 8)
                continue;
              cidr = nfl_ipv4_cidr_to_string (address->addr, address->prefix_len);
              command (out, "ip", "-n", NS_NAME (n), "addr", "add", cidr, "dev", iface->name, NULL);
            }
          if (iface->up)
            command (out, "ip", "-n", NS_NAME (n), "link", "set", iface->name, "up", NULL);
        }
    }

  g_string_append (out, "\n  # routes and forwarding\n");
  for (guint n = 0; n < namespaces->len; n++)
    {
      NflNamespace *ns = g_ptr_array_index (namespaces, n);

      for (guint r = 0; r < ns->routes->len; r++)
        append_route (out, NS_NAME (n), g_ptr_array_index (ns->routes, r));
      if (ns->ip_forward)
        command (out, "ip", "netns", "exec", NS_NAME (n), "sysctl", "-qw", "net.ipv4.ip_forward=1", NULL);
    }

  for (guint n = 0; n < namespaces->len; n++)
    {
      NflNamespace *ns = g_ptr_array_index (namespaces, n);
      g_autofree char *rules = nfl_iptables_save (ns->ruleset, FALSE);
      g_auto(GStrv) lines = NULL;

      if (rules == NULL || *rules == '\0')
        continue;
      lines = g_strsplit (rules, "\n", -1);
      for (guint l = 0; lines[l] != NULL; l++)
        if (strcmp (lines[l], RULES_END) == 0)
          {
            g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                         "the rules of namespace %s have a line that reads " RULES_END, NS_NAME (n));
            return NULL;
          }
      g_string_append_printf (out, "\n  # the rules of %s\n", NS_NAME (n));
      g_string_append (out, "  ip netns exec ");
      nfl_shell_append_quoted (out, NS_NAME (n));
      /* a quoted delimiter: the shell expands nothing in the lines */
      g_string_append (out, " iptables-restore <<'" RULES_END "'\n");
      g_string_append (out, rules);
      if (!g_str_has_suffix (rules, "\n"))
        g_string_append_c (out, '\n');
      g_string_append (out, RULES_END "\n");
    }

  if (any_service)
    {
      g_string_append (out, "\n  # listening services\n");
      for (guint n = 0; n < namespaces->len; n++)
        {
          NflNamespace *ns = g_ptr_array_index (namespaces, n);

          for (guint s = 0; s < ns->services->len; s++)
            append_service (out, NS_NAME (n), &g_array_index (ns->services, NflService, s));
        }
    }

  g_string_append (out,
                   "\n  trap - EXIT\n"
                   "}\n\n"
                   "case \"${1:-up}\" in\n"
                   "  up) nflab_up ;;\n"
                   "  down) nflab_down ;;\n"
                   "  *) echo \"usage: $0 [up|down]\" >&2; exit 2 ;;\n"
                   "esac\n");
  return g_string_free (g_steal_pointer (&out), FALSE);
}
