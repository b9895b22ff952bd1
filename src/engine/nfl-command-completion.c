/* nfl-command-completion.c: Tab completion of the tutorial's command lines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The vocabulary is iptables 1.8.9's and ip's for what the command
 * language takes; the names come from the scenario.  Words are split at
 * blanks only: a quoted word is completed as far as its first blank.
 */
#include "config.h"

#include <string.h>

#include "nfl-command-completion.h"

static const char *const programs[] = { "ip", "iptables", "iptables-restore", "iptables-save", "sudo", "sysctl", NULL };
static const char *const ip_objects[] = { "addr", "link", "netns", "route", NULL };
static const char *const netns_verbs[] = { "add", "delete", "exec", "list", NULL };
static const char *const protocols[] = { "all", "icmp", "tcp", "udp", NULL };
static const char *const matches[] = { "addrtype", "comment", "connmark", "conntrack", "icmp", "iprange", "length",
                                       "limit", "mark", "multiport", "owner", "physdev", "pkttype", "recent", "state", "statistic", "tcp",
                                       "ttl", "udp", NULL };
static const char *const targets[] = { "ACCEPT", "CHECKSUM", "CONNMARK", "CT", "DNAT", "DROP", "LOG", "MARK", "MASQUERADE", "NFLOG", "NFQUEUE", "NOTRACK",
                                       "REDIRECT", "REJECT", "RETURN", "SNAT", "TCPMSS", "TOS", "TRACE", "TTL", NULL };
static const char *const iptables_options[] = {
  "--append", "--check", "--delete", "--delete-chain", "--destination", "--flush", "--goto", "--in-interface",
  "--insert", "--jump", "--line-numbers", "--list", "--list-rules", "--match", "--new-chain", "--numeric",
  "--out-interface", "--policy", "--protocol", "--rename-chain", "--replace", "--source", "--table",
  "--verbose", "--zero", "-A", "-C", "-D", "-E", "-F", "-I", "-L", "-N", "-P", "-R", "-S", "-X", "-Z", "-d",
  "-g", "-i", "-j", "-m", "-n", "-o", "-p", "-s", "-t", "-v", "-x", NULL };
static const char *const chain_options[] = { "-A", "--append", "-I", "--insert", "-R", "--replace", "-D",
                                             "--delete", "-F", "--flush", "-P", "--policy", "-L", "--list",
                                             "-S", "--list-rules", "-X", "--delete-chain", "-E", "--rename-chain",
                                             "-Z", "--zero", "-C", "--check", NULL };

static const struct {
  const char *name;
  const char *options[14];
} extension_options[] = {
  { "tcp", { "--dport", "--sport", "--syn", "--tcp-flags", NULL } },
  { "udp", { "--dport", "--sport", NULL } },
  { "icmp", { "--icmp-type", NULL } },
  { "multiport", { "--dports", "--ports", "--sports", NULL } },
  { "conntrack", { "--ctdir", "--ctexpire", "--ctorigdst", "--ctorigdstport", "--ctorigsrc", "--ctorigsrcport",
                   "--ctproto", "--ctrepldst", "--ctrepldstport", "--ctreplsrc", "--ctreplsrcport", "--ctstate",
                   "--ctstatus", NULL } },
  { "TCPMSS", { "--clamp-mss-to-pmtu", "--set-mss", NULL } },
  { "CHECKSUM", { "--checksum-fill", NULL } },
  { "state", { "--state", NULL } },
  { "mark", { "--mark", NULL } },
  { "connmark", { "--mark", NULL } },
  { "recent", { "--hitcount", "--mask", "--name", "--rcheck", "--rdest", "--reap", "--remove", "--rsource",
                "--rttl", "--seconds", "--set", "--update", NULL } },
  { "comment", { "--comment", NULL } },
  { "iprange", { "--dst-range", "--src-range", NULL } },
  { "addrtype", { "--dst-type", "--limit-iface-in", "--limit-iface-out", "--src-type", NULL } },
  { "limit", { "--limit", "--limit-burst", NULL } },
  { "pkttype", { "--pkt-type", NULL } },
  { "owner", { "--gid-owner", "--socket-exists", "--suppl-groups", "--uid-owner", NULL } },
  { "statistic", { "--every", "--mode", "--packet", "--probability", NULL } },
  { "length", { "--length", NULL } },
  { "ttl", { "--ttl-eq", "--ttl-gt", "--ttl-lt", NULL } },
  { "physdev", { "--physdev-in", "--physdev-is-bridged", "--physdev-is-in", "--physdev-is-out", "--physdev-out",
                 NULL } },
  { "REJECT", { "--reject-with", NULL } },
  { "NFQUEUE", { "--queue-balance", "--queue-bypass", "--queue-cpu-fanout", "--queue-num", NULL } },
  { "NFLOG", { "--nflog-group", "--nflog-prefix", "--nflog-size", "--nflog-threshold", NULL } },
  { "LOG", { "--log-ip-options", "--log-level", "--log-prefix", "--log-tcp-options", "--log-tcp-sequence",
             "--log-uid", NULL } },
  { "DNAT", { "--persistent", "--random", "--random-fully", "--to-destination", NULL } },
  { "SNAT", { "--persistent", "--random", "--random-fully", "--to-source", NULL } },
  { "MASQUERADE", { "--random", "--random-fully", "--to-ports", NULL } },
  { "REDIRECT", { "--random", "--to-ports", NULL } },
  { "MARK", { "--and-mark", "--or-mark", "--set-mark", "--set-xmark", "--xor-mark", NULL } },
  { "CONNMARK", { "--and-mark", "--ctmask", "--mask", "--nfmask", "--or-mark", "--restore-mark", "--save-mark",
                  "--set-mark", "--set-xmark", "--xor-mark", NULL } },
  { "TOS", { "--and-tos", "--or-tos", "--set-tos", "--xor-tos", NULL } },
  { "TTL", { "--ttl-dec", "--ttl-inc", "--ttl-set", NULL } },
  { "CT", { "--notrack", NULL } },
};

static void
add_matching (GPtrArray          *out,
              const char * const *words,
              const char         *prefix)
{
  for (guint i = 0; words[i] != NULL; i++)
    if (g_str_has_prefix (words[i], prefix))
      g_ptr_array_add (out, g_strdup (words[i]));
}

static void
add_extension_options (GPtrArray  *out,
                       const char *extension,
                       const char *prefix)
{
  for (guint i = 0; i < G_N_ELEMENTS (extension_options); i++)
    if (g_str_equal (extension_options[i].name, extension))
      add_matching (out, extension_options[i].options, prefix);
}

static gboolean
is_one_of (const char         *word,
           const char * const *words)
{
  return word != NULL && g_strv_contains (words, word);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GStrv
nfl_commands_complete (NflScenario *scenario,
                       const char  *default_namespace,
                       const char  *line,
                       guint        cursor,
                       guint       *start)
{
  g_autofree char *before = NULL;
  g_auto(GStrv) split = NULL;
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  const char *current, *prev;
  const char *ns_name = default_namespace;
  const char *table = "filter";
  NflNamespace *ns;
  guint first = 0, n;
  gboolean iptables = FALSE, ip = FALSE;
  NflTableId table_id = NFL_TABLE_FILTER;

  g_return_val_if_fail (NFL_IS_SCENARIO (scenario), NULL);
  g_return_val_if_fail (line != NULL, NULL);

  cursor = MIN (cursor, strlen (line));
  before = g_strndup (line, cursor);
  split = g_strsplit_set (before, " \t", -1);
  for (guint i = 0; split[i] != NULL; i++)
    if (*split[i] != '\0' || split[i + 1] == NULL)
      g_ptr_array_add (words, split[i]);
  n = words->len;
  current = n > 0 ? g_ptr_array_index (words, n - 1) : "";
  prev = n > 1 ? g_ptr_array_index (words, n - 2) : NULL;
  if (start != NULL)
    *start = cursor - strlen (current);

  /* where the command itself starts, and which namespace it is in */
  if (n > 0 && g_str_equal (g_ptr_array_index (words, 0), "sudo"))
    first = 1;
  for (guint i = first; i + 1 < n; i++)
    {
      const char *w = g_ptr_array_index (words, i);

      /* the namespace's word complete, not the one being typed */
      if (i + 3 < n - 1 && g_str_equal (w, "ip") && g_str_equal (g_ptr_array_index (words, i + 1), "netns") &&
          g_str_equal (g_ptr_array_index (words, i + 2), "exec"))
        {
          ns_name = g_ptr_array_index (words, i + 3);
          first = i + 4;
          break;
        }
      if (i + 2 < n - 1 && g_str_equal (w, "ip") && g_str_equal (g_ptr_array_index (words, i + 1), "-n"))
        {
          ns_name = g_ptr_array_index (words, i + 2);
          break;
        }
    }
  ns = ns_name != NULL ? nfl_scenario_find_namespace (scenario, ns_name) : NULL;
  if (first < n)
    {
      const char *program = g_ptr_array_index (words, first);
      iptables = first + 1 < n && g_str_has_prefix (program, "iptables");
      ip = first + 1 < n && g_str_equal (program, "ip");
    }
  for (guint i = first; i + 1 < n; i++)
    if (is_one_of (g_ptr_array_index (words, i), (const char *[]) { "-t", "--table", NULL }) && i + 1 < n - 1)
      table = g_ptr_array_index (words, i + 1);
  if (!nfl_table_from_name (table, &table_id))
    table_id = NFL_TABLE_FILTER;

  if (n <= first + 1)
    add_matching (out, programs, current);
  else if (g_str_equal (prev, "exec") || (ip && g_str_equal (prev, "-n")) ||
           (g_str_equal (prev, "delete") && n >= 3 && g_str_equal (g_ptr_array_index (words, n - 3), "netns")))
    {
      GPtrArray *namespaces = nfl_scenario_get_namespaces (scenario);

      for (guint i = 0; i < namespaces->len; i++)
        {
          NflNamespace *each = g_ptr_array_index (namespaces, i);
          if (g_str_has_prefix (each->name, current))
            g_ptr_array_add (out, g_strdup (each->name));
        }
    }
  else if (ip && g_str_equal (prev, "ip"))
    add_matching (out, ip_objects, current);
  else if (ip && g_str_equal (prev, "netns"))
    add_matching (out, netns_verbs, current);
  else if (is_one_of (prev, (const char *[]) { "-i", "-o", "--in-interface", "--out-interface", "dev", NULL }))
    {
      for (guint i = 0; ns != NULL && i < ns->interfaces->len; i++)
        {
          NflInterface *iface = g_ptr_array_index (ns->interfaces, i);
          if (g_str_has_prefix (iface->name, current))
            g_ptr_array_add (out, g_strdup (iface->name));
        }
    }
  else if (iptables && is_one_of (prev, (const char *[]) { "-t", "--table", NULL }))
    {
      for (NflTableId t = 0; t < NFL_N_TABLES; t++)
        if (g_str_has_prefix (nfl_table_name (t), current))
          g_ptr_array_add (out, g_strdup (nfl_table_name (t)));
    }
  else if (iptables && is_one_of (prev, chain_options))
    {
      NflTable *t = ns != NULL ? nfl_ruleset_get_table (ns->ruleset, table_id) : NULL;

      for (guint c = 0; t != NULL && c < t->chains->len; c++)
        {
          NflChain *chain = g_ptr_array_index (t->chains, c);
          if (g_str_has_prefix (chain->name, current))
            g_ptr_array_add (out, g_strdup (chain->name));
        }
    }
  else if (iptables && is_one_of (prev, (const char *[]) { "-j", "--jump", "-g", "--goto", NULL }))
    {
      NflTable *t = ns != NULL ? nfl_ruleset_get_table (ns->ruleset, table_id) : NULL;

      if (prev[1] == 'j' || g_str_equal (prev, "--jump"))
        add_matching (out, targets, current);
      for (guint c = 0; t != NULL && c < t->chains->len; c++)
        {
          NflChain *chain = g_ptr_array_index (t->chains, c);
          if (!chain->builtin && g_str_has_prefix (chain->name, current))
            g_ptr_array_add (out, g_strdup (chain->name));
        }
    }
  else if (iptables && is_one_of (prev, (const char *[]) { "-p", "--protocol", NULL }))
    add_matching (out, protocols, current);
  else if (iptables && is_one_of (prev, (const char *[]) { "-m", "--match", NULL }))
    add_matching (out, matches, current);
  else if (iptables && current[0] == '-')
    {
      add_matching (out, iptables_options, current);
      /* the options of what the line loads: -m NAME, -p NAME, -j NAME */
      for (guint i = first; i + 1 < n - 1; i++)
        if (is_one_of (g_ptr_array_index (words, i), (const char *[]) { "-m", "--match", "-p", "--protocol", "-j",
                                                                          "--jump", NULL }))
          add_extension_options (out, g_ptr_array_index (words, i + 1), current);
    }

  g_ptr_array_sort (out, compare_strings);
  for (guint i = out->len; i > 1; i--)
    if (g_str_equal (out->pdata[i - 1], out->pdata[i - 2]))
      g_ptr_array_remove_index (out, i - 1);
  g_ptr_array_add (out, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&out), FALSE);
}
