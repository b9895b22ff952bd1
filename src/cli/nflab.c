/* nflab.c: the Netfilter Lab command-line tool
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <gio/gio.h>

#include "nfl-cli-run.h"
#include "nfl-engine.h"

#define MAX_INPUT_SIZE (64 * 1024 * 1024)

static char *
read_input (const char  *path,
            GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GFileInfo) info = NULL;
  char *contents = NULL;
  gsize length = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, "%s is a folder, not a file", path);
      return NULL;
    }
  if (g_file_info_get_size (info) > MAX_INPUT_SIZE)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_TOO_LARGE,
                   "%s is larger than %d MiB", path, MAX_INPUT_SIZE / (1024 * 1024));
      return NULL;
    }
  /* a local file in one read () of its size; GIO reads in blocks of 8 KiB */
  if (g_file_peek_path (file) != NULL ? !g_file_get_contents (g_file_peek_path (file), &contents, &length, error)
                                      : !g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return NULL;
  if (memchr (contents, '\0', length) != NULL)
    {
      g_free (contents);
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_SYNTAX,
                   "%s contains NUL bytes: it is not a text file", path);
      return NULL;
    }
  return contents;
}

/* Leading "#" comment lines of a commands file: the first is the title,
 * the rest the description, as the shipped scenarios' sources are
 * written. */
static void
take_header_comments (NflScenario *scenario,
                      const char  *text,
                      const char  *fallback_title)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GString) description = g_string_new (NULL);
  g_autofree char *title = NULL;

  for (guint i = 0; lines[i] != NULL && lines[i][0] == '#'; i++)
    {
      const char *line = lines[i] + 1;

      if (i == 0 && line[0] == '!')
        continue;                       /* a #! line */
      while (*line == ' ')
        line++;
      if (title == NULL)
        title = g_strdup (line);
      else
        g_string_append_printf (description, "%s%s", description->len ? "\n" : "", line);
    }
  nfl_scenario_set_title (scenario, title && *title ? title : fallback_title);
  nfl_scenario_set_description (scenario, description->str);
}

static gboolean
looks_like_iptables_save (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strchug (lines[i]);
      if (*line == '\0' || *line == '#')
        continue;
      return *line == '*';
    }
  return FALSE;
}

/* The scenario of a command: a scenario file, or --commands FILE (with
 * bare iptables lines going to @namespace), or a scenario file with the
 * lines of --commands FILE run on it.  Errors are printed. */
static NflScenario *
load_scenario (const char *program,
               const char *scenario_path,
               const char *commands,
               const char *namespace)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(NflScenario) scenario = NULL;

  if (scenario_path == NULL && commands == NULL)
    {
      g_printerr ("%s: no scenario: give SCENARIO.xml or --commands FILE\n"
                  "Try “%s --help” for more information.\n", program, program);
      return NULL;
    }
  if (scenario_path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (scenario_path);

      scenario = nfl_scenario_load_xml (file, NULL, &error);
      if (scenario == NULL)
        {
          g_printerr ("%s\n", error->message);
          return NULL;
        }
    }
  else
    scenario = nfl_scenario_new ();

  if (commands != NULL)
    {
      g_autofree char *text = read_input (commands, &error);
      NflSourcePos where = { 0 };

      if (text == NULL)
        {
          g_printerr ("%s: %s: %s\n", program, commands, error->message);
          return NULL;
        }
      if (!nfl_commands_apply (scenario, text, namespace, NULL, &where, &error))
        {
          g_printerr ("%s:%s\n", commands, error->message);
          return NULL;
        }
      if (scenario_path == NULL)
        {
          g_autofree char *base = g_path_get_basename (commands);
          take_header_comments (scenario, text, base);
        }
    }
  return g_steal_pointer (&scenario);
}

/* The probe a command sends when none is given: the scenario's first
 * saved one (NULL, with the error printed, when it has none). */
static char *
first_saved_probe (const char  *program,
                   NflScenario *scenario)
{
  GPtrArray *saved = nfl_scenario_get_probes (scenario);

  if (saved->len == 0)
    {
      g_printerr ("%s: no probe: the scenario has no saved probe; give --probe 'NS ping DST'\n"
                  "Try “%s --help” for more information.\n", program, program);
      return NULL;
    }
  return g_strdup (g_ptr_array_index (saved, 0));
}

/* Writes @bytes to @path atomically, or to stdout for "-" or NULL. */
static gboolean
write_output (const char *program,
              const char *path,
              GBytes     *bytes,
              gboolean    executable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);

  if (path == NULL || strcmp (path, "-") == 0)
    {
      if (fwrite (data, 1, size, stdout) != size || fflush (stdout) != 0)
        {
          g_printerr ("%s: writing the output failed\n", program);
          return FALSE;
        }
      return TRUE;
    }
  file = g_file_new_for_commandline_arg (path);
  if (g_file_peek_path (file) == NULL)
    {
      g_printerr ("%s: %s: only local files can be written\n", program, path);
      return FALSE;
    }
  /* a temporary file in the same folder, written in one go and renamed
   * over the old one (GIO's g_file_replace_contents () writes in blocks
   * of 8 KiB, a tenth of what `nflab import` of 10,000 rules takes) */
  if (!g_file_set_contents_full (g_file_peek_path (file), data, size, G_FILE_SET_CONTENTS_CONSISTENT,
                                 executable ? 0755 : 0666, &error))
    {
      g_printerr ("%s: %s: %s\n", program, path, error->message);
      return FALSE;
    }
  return TRUE;
}

/* Sends @probe_text through @scenario @repeat times and returns the last
 * trace; NULL, with the error printed and *status set (@bad_probe for a
 * malformed probe, 1 for a failed simulation), when it cannot. */
static NflTrace *
run_probe (const char  *program,
           NflScenario *scenario,
           const char  *probe_text,
           guint32      seed,
           int          repeat,
           int          bad_probe,
           int         *status)
{
  g_autoptr(GError) error = NULL;
  NflTrace *trace = NULL;
  NflProbe probe = { 0 };

  if (!nfl_probe_parse (probe_text, &probe, &error))
    {
      g_printerr ("%s: --probe: %s\n", program, error->message);
      *status = bad_probe;
      return NULL;
    }
  probe.seed = seed;
  for (int i = 0; i < repeat; i++)
    {
      g_clear_pointer (&trace, nfl_trace_unref);
      trace = nfl_simulate (scenario, &probe, &error);
      if (trace == NULL)
        {
          g_printerr ("%s: %s\n", program, error->message);
          *status = 1;
          break;
        }
    }
  nfl_probe_clear (&probe);
  return trace;
}

/* ---------------------------------------------------------------------- */
/* nflab trace                                                             */
/* ---------------------------------------------------------------------- */

static int
cmd_trace (int    argc,
           char **argv)
{
  g_autofree char *commands = NULL;
  g_autofree char *probe_text = NULL;
  g_auto(GStrv) listens = NULL;
  g_autofree char *namespace = NULL;
  int repeat = 1;
  gint64 seed = 0;
  gboolean all_packets = FALSE;
  gboolean verbose = FALSE;
  gboolean explain = FALSE;
  const GOptionEntry entries[] = {
    { "commands", 'c', 0, G_OPTION_ARG_FILENAME, &commands,
      N_("Read the scenario from tutorial-style command lines in FILE (with SCENARIO.xml: "
         "run them on it first)"), N_("FILE") },
    { "probe", 'p', 0, G_OPTION_ARG_STRING, &probe_text,
      N_("The probe to send: 'NS ping DST', 'NS tcp DST PORT' or 'NS udp DST PORT'"), N_("PROBE") },
    { "listen", 'l', 0, G_OPTION_ARG_STRING_ARRAY, &listens,
      N_("A listening service: 'NS tcp|udp PORT [ADDR]' (repeatable)"), N_("SERVICE") },
    { "namespace", 'n', 0, G_OPTION_ARG_STRING, &namespace,
      N_("Apply bare iptables and sysctl lines to namespace NS"), N_("NS") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      N_("Where the random draws of -m statistic --mode random start (0 by default; the trace is the same for "
         "the same seed)"), N_("N") },
    { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat,
      N_("Run the simulation K times and print the result once (for benchmarks)"), N_("K") },
    { "all-packets", 0, 0, G_OPTION_ARG_NONE, &all_packets,
      N_("Print the LOG lines of every packet, not only the probe and its first answer"), NULL },
    { "events", 'v', 0, G_OPTION_ARG_NONE, &verbose,
      N_("Print every event of the trace on stderr"), NULL },
    { "explain", 'e', 0, G_OPTION_ARG_NONE, &explain,
      N_("Print every step in words, as the Simulate view says it, then the outcome and why"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("(SCENARIO.xml | --commands FILE) --probe PROBE"));
  g_autoptr(GError) error = NULL;
  g_autoptr(NflScenario) scenario = NULL;
  g_autoptr(NflTrace) trace = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  int status = 0;

  g_option_context_set_summary (context,
    _("Send one probe through a scenario and print the LOG lines the kernel would print,\n"
      "then the outcome, as “outcome: OUTCOME”.  Without --probe, the scenario file's\n"
      "first saved probe is sent."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("nflab trace: %s\nTry “nflab trace --help” for more information.\n", error->message);
      return 2;
    }
  if (argc > 2)
    {
      g_printerr ("nflab trace: unexpected argument “%s”\nTry “nflab trace --help” for more information.\n", argv[2]);
      return 2;
    }
  if (repeat < 1)
    {
      g_printerr ("nflab trace: --repeat needs a number of at least 1\n");
      return 2;
    }

  scenario = load_scenario ("nflab trace", argc == 2 ? argv[1] : NULL, commands, namespace);
  if (scenario == NULL)
    return 1;
  if (probe_text == NULL && (probe_text = first_saved_probe ("nflab trace", scenario)) == NULL)
    return 2;
  for (guint i = 0; listens != NULL && listens[i] != NULL; i++)
    if (!nfl_commands_add_listen (scenario, listens[i], &error))
      {
        g_printerr ("nflab trace: --listen: %s\n", error->message);
        return 1;
      }
  trace = run_probe ("nflab trace", scenario, probe_text, (guint32) seed, repeat, 1, &status);
  if (trace != NULL && nfl_trace_get_n_draws (trace) > 0)
    g_printerr (ngettext ("nflab trace: %u random draw of -m statistic --mode random, from seed %u "
                          "(--seed N draws others)\n",
                          "nflab trace: %u random draws of -m statistic --mode random, from seed %u "
                          "(--seed N draws others)\n", nfl_trace_get_n_draws (trace)),
                nfl_trace_get_n_draws (trace), nfl_trace_get_seed (trace));
  if (trace == NULL)
    return status;

  if (verbose)
    for (guint i = 0; i < nfl_trace_get_n_events (trace); i++)
      {
        const NflTraceEvent *event = nfl_trace_get_event (trace, i);
        if (event->kind == NFL_EVENT_RULE && event->n_rules > 1)
          g_printerr ("[%u] %-10s kind=%d table=%d hook=%d chain=%d rules=%d-%d failed=%d…%d\n",
                      event->packet, nfl_trace_get_namespace_name (trace, event->ns) ?: "-",
                      event->kind, event->table, event->hook, event->chain, event->rule,
                      event->rule + event->n_rules - 1, event->failed,
                      nfl_trace_get_rule_failure (trace, event, event->n_rules - 1));
        else
          g_printerr ("[%u] %-10s kind=%d table=%d hook=%d chain=%d rule=%d failed=%d %s\n",
                      event->packet, nfl_trace_get_namespace_name (trace, event->ns) ?: "-",
                      event->kind, event->table, event->hook, event->chain, event->rule, event->failed,
                      event->text ? event->text : "");
      }

  if (explain)
    {
      /* the rules as they were traced: the playback reads them */
      g_autoptr(NflPlayback) playback = nfl_playback_new (trace, scenario);
      g_autofree char *text = nfl_playback_explain (playback);
      fputs (text, stdout);
      return 0;
    }

  lines = nfl_trace_get_log_lines (trace, all_packets ? 0 : 2);
  for (guint i = 0; i < lines->len; i++)
    printf ("%s\n", (const char *) g_ptr_array_index (lines, i));
  printf ("outcome: %s\n", nfl_trace_get_outcome (trace));
  return 0;
}

/* ---------------------------------------------------------------------- */
/* nflab iptables-save                                                     */
/* ---------------------------------------------------------------------- */

static int
cmd_save (int    argc,
          char **argv)
{
  g_autofree char *commands = NULL;
  g_autofree char *namespace = NULL;
  gboolean counters = FALSE;
  const GOptionEntry entries[] = {
    { "commands", 'c', 0, G_OPTION_ARG_FILENAME, &commands,
      N_("Read the scenario from tutorial-style command lines in FILE"), N_("FILE") },
    { "namespace", 'n', 0, G_OPTION_ARG_STRING, &namespace,
      N_("The namespace whose rules to print"), N_("NS") },
    { "counters", 0, 0, G_OPTION_ARG_NONE, &counters,
      N_("Print packet and byte counters"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("--commands FILE --namespace NS"));
  g_autoptr(GError) error = NULL;
  g_autoptr(NflScenario) scenario = nfl_scenario_new ();
  g_autofree char *text = NULL;
  g_autofree char *saved = NULL;
  NflNamespace *ns;

  g_option_context_set_summary (context,
    _("Print the rules of one namespace in iptables-save format."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 1)
    {
      g_printerr ("nflab iptables-save: %s\nTry “nflab iptables-save --help” for more information.\n",
                  error ? error->message : "unexpected argument");
      return 2;
    }
  if (commands == NULL || namespace == NULL)
    {
      g_printerr ("nflab iptables-save: give --commands FILE and --namespace NS\n");
      return 2;
    }
  text = read_input (commands, &error);
  if (text == NULL)
    {
      g_printerr ("nflab iptables-save: %s: %s\n", commands, error->message);
      return 1;
    }
  if (!nfl_commands_apply (scenario, text, NULL, NULL, NULL, &error))
    {
      g_printerr ("%s:%s\n", commands, error->message);
      return 1;
    }
  ns = nfl_scenario_find_namespace (scenario, namespace);
  if (ns == NULL)
    {
      g_printerr ("nflab iptables-save: the scenario has no namespace “%s”\n", namespace);
      return 1;
    }
  saved = nfl_iptables_save (ns->ruleset, counters);
  fputs (saved, stdout);
  return 0;
}

/* ---------------------------------------------------------------------- */
/* nflab import                                                            */
/* ---------------------------------------------------------------------- */

static int
cmd_import (int    argc,
            char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *namespace = NULL;
  g_autofree char *title = NULL;
  g_auto(GStrv) probes = NULL;
  g_auto(GStrv) listens = NULL;
  g_autofree char *addresses_file = NULL;
  g_autofree char *routes_file = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write the scenario file to FILE (“-”: standard output)"), N_("FILE") },
    { "probe", 'p', 0, G_OPTION_ARG_STRING_ARRAY, &probes,
      N_("Save a probe with the scenario: 'NS ping DST', 'NS tcp|udp DST PORT' (repeatable)"), N_("PROBE") },
    { "listen", 'l', 0, G_OPTION_ARG_STRING_ARRAY, &listens,
      N_("A listening service: 'NS tcp|udp PORT [ADDR]' (repeatable)"), N_("SERVICE") },
    { "namespace", 'n', 0, G_OPTION_ARG_STRING, &namespace,
      N_("For iptables-save text: the namespace the rules belong to; for commands: where bare "
         "iptables lines apply"), N_("NS") },
    { "title", 't', 0, G_OPTION_ARG_STRING, &title,
      N_("The scenario's title (default: the file's first comment line, or its name)"), N_("TITLE") },
    { "addresses", 'a', 0, G_OPTION_ARG_FILENAME, &addresses_file,
      N_("With iptables-save text: what “ip -br addr” prints on the machine; its interfaces go to "
         "NS, each with a neighbour namespace net-IFACE on its network"), N_("FILE") },
    { "routes", 'r', 0, G_OPTION_ARG_FILENAME, &routes_file,
      N_("With --addresses: what “ip route” prints on the machine"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE -o SCENARIO.xml"));
  g_autoptr(GError) error = NULL;
  g_autoptr(NflScenario) scenario = nfl_scenario_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  g_autofree char *base = NULL;

  g_option_context_set_summary (context,
    _("Make a scenario file from tutorial-style command lines (ip netns, ip link, ip addr,\n"
      "ip route, sysctl, iptables) or from iptables-save text (with --namespace NS).\n"
      "The namespaces are laid out along their links."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      g_printerr ("nflab import: %s\nTry “nflab import --help” for more information.\n",
                  error ? error->message : argc < 2 ? "no input file" : "more than one input file");
      return 2;
    }
  if (output == NULL)
    {
      g_printerr ("nflab import: give the scenario file to write with -o FILE\n");
      return 2;
    }
  if (routes_file != NULL && addresses_file == NULL)
    {
      g_printerr ("nflab import: --routes needs --addresses: the routes go through the machine's interfaces\n");
      return 2;
    }
  text = read_input (argv[1], &error);
  if (text == NULL)
    {
      g_printerr ("nflab import: %s: %s\n", argv[1], error->message);
      return 1;
    }
  base = g_path_get_basename (argv[1]);

  if (looks_like_iptables_save (text))
    {
      NflNamespace *ns;
      NflRuleset *rules;

      if (namespace == NULL)
        {
          g_printerr ("nflab import: %s is iptables-save text: give the namespace its rules belong "
                      "to with --namespace NS\n", argv[1]);
          return 2;
        }
      ns = nfl_scenario_add_namespace (scenario, namespace, &error);
      if (ns == NULL)
        {
          g_printerr ("nflab import: --namespace: %s\n", error->message);
          return 2;
        }
      rules = nfl_iptables_restore (ns->ruleset, text, -1, &error);
      if (rules == NULL)
        {
          g_printerr ("%s:%s\n", argv[1], error->message);
          return 1;
        }
      nfl_ruleset_free (ns->ruleset);
      ns->ruleset = rules;
      take_header_comments (scenario, "", base);
      if (addresses_file != NULL)
        {
          g_autofree char *addresses = read_input (addresses_file, &error);
          g_autofree char *routes = NULL;
          guint skipped = 0;

          if (addresses == NULL ||
              (routes_file != NULL && (routes = read_input (routes_file, &error)) == NULL))
            {
              g_printerr ("nflab import: %s: %s\n", addresses == NULL ? addresses_file : routes_file,
                          error->message);
              return 1;
            }
          if (!nfl_machine_add_interfaces (scenario, ns, addresses, routes, &skipped, &error))
            {
              /* "route L:C: …" names a line of the routes, "L:C: …" one of the addresses */
              gboolean in_routes = g_str_has_prefix (error->message, "route ");
              g_printerr ("%s:%s\n", in_routes ? routes_file : addresses_file,
                          error->message + (in_routes ? strlen ("route ") : 0));
              return 1;
            }
          if (skipped > 0)
            g_printerr (ngettext ("nflab import: %u interface or route of the machine is left out "
                                  "(no IPv4 address, a device not listed, or a kind not simulated)\n",
                                  "nflab import: %u interfaces and routes of the machine are left out "
                                  "(no IPv4 address, a device not listed, or a kind not simulated)\n",
                                  skipped), skipped);
        }
      {
        guint kept = 0;

        for (guint t = 0; t < NFL_N_TABLES; t++)
          for (guint c = 0; c < rules->tables[t].chains->len; c++)
            {
              NflChain *chain = g_ptr_array_index (rules->tables[t].chains, c);

              for (guint r = 0; r < chain->rules->len; r++)
                kept += nfl_rule_find_unmodelled (g_ptr_array_index (chain->rules, r)) != NULL;
            }
        if (kept > 0)
          g_printerr (ngettext ("nflab import: %u rule uses a match or target the simulator does not model: it is kept "
                                "as written, and a trace that reaches it stops there (nflab lint lists it)\n",
                                "nflab import: %u rules use matches or targets the simulator does not model: they are "
                                "kept as written, and a trace that reaches one stops there (nflab lint lists them)\n",
                                kept), kept);
      }
    }
  else if (addresses_file != NULL)
    {
      g_printerr ("nflab import: --addresses goes with a machine's iptables-save text; in commands, "
                  "use ip addr and ip route lines\n");
      return 2;
    }
  else
    {
      NflSourcePos where = { 0 };

      if (!nfl_commands_apply (scenario, text, namespace, NULL, &where, &error))
        {
          g_printerr ("%s:%s\n", argv[1], error->message);
          return 1;
        }
      take_header_comments (scenario, text, base);
    }
  if (title != NULL)
    nfl_scenario_set_title (scenario, title);
  for (guint i = 0; listens != NULL && listens[i] != NULL; i++)
    if (!nfl_commands_add_listen (scenario, listens[i], &error))
      {
        g_printerr ("nflab import: --listen: %s\n", error->message);
        return 2;
      }
  for (guint i = 0; probes != NULL && probes[i] != NULL; i++)
    if (!nfl_scenario_add_probe (scenario, probes[i], &error))
      {
        g_printerr ("nflab import: --probe: %s\n", error->message);
        return 2;
      }
  nfl_scenario_auto_layout (scenario);

  bytes = nfl_scenario_to_xml_bytes (scenario, &error);
  if (bytes == NULL)
    {
      g_printerr ("nflab import: %s\n", error->message);
      return 1;
    }
  return write_output ("nflab import", output, bytes, FALSE) ? 0 : 1;
}

/* ---------------------------------------------------------------------- */
/* nflab export                                                            */
/* ---------------------------------------------------------------------- */

static int
cmd_export (int    argc,
            char **argv)
{
  g_autofree char *commands = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *namespace = NULL;
  g_autofree char *probe_text = NULL;
  g_autofree char *namespace_prefix = NULL;
  gboolean counters = FALSE;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format,
      N_("shell (a script that builds the scenario), iptables-save (one namespace's rules), "
         "xml (the scenario file) or log (the LOG lines of the saved probe)"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to FILE instead of standard output"), N_("FILE") },
    { "commands", 'c', 0, G_OPTION_ARG_FILENAME, &commands,
      N_("Read the scenario from tutorial-style command lines in FILE (with SCENARIO.xml: "
         "run them on it first)"), N_("FILE") },
    { "namespace", 'n', 0, G_OPTION_ARG_STRING, &namespace,
      N_("iptables-save: the namespace whose rules to write"), N_("NS") },
    { "probe", 'p', 0, G_OPTION_ARG_STRING, &probe_text,
      N_("log: the probe to trace instead of the saved one"), N_("PROBE") },
    { "counters", 0, 0, G_OPTION_ARG_NONE, &counters,
      N_("iptables-save: with packet and byte counters"), NULL },
    { "namespace-prefix", 0, 0, G_OPTION_ARG_STRING, &namespace_prefix,
      N_("shell: put PREFIX before every namespace name, to build a copy beside namespaces "
         "of the same names"), N_("PREFIX") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("(SCENARIO.xml | --commands FILE) --format shell|iptables-save|xml|log"));
  g_autoptr(GError) error = NULL;
  g_autoptr(NflScenario) scenario = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gboolean executable = FALSE;

  g_option_context_set_summary (context,
    _("Write a scenario in another form: a shell script that rebuilds it in network\n"
      "namespaces on a Linux machine (run it as root; “sh FILE down” removes it), one\n"
      "namespace's rules as iptables-save text, the scenario file, or the LOG lines of\n"
      "its saved probe."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc > 2)
    {
      g_printerr ("nflab export: %s\nTry “nflab export --help” for more information.\n",
                  error ? error->message : "more than one scenario file");
      return 2;
    }
  if (format == NULL)
    {
      g_printerr ("nflab export: give --format shell, iptables-save, xml or log\n");
      return 2;
    }
  if (strcmp (format, "shell") != 0 && strcmp (format, "iptables-save") != 0 &&
      strcmp (format, "xml") != 0 && strcmp (format, "log") != 0)
    {
      g_printerr ("nflab export: unknown format “%s”: the formats are shell, iptables-save, xml and log\n",
                  format);
      return 2;
    }
  scenario = load_scenario ("nflab export", argc == 2 ? argv[1] : NULL, commands, NULL);
  if (scenario == NULL)
    return 1;

  if (strcmp (format, "shell") == 0)
    {
      char *script = nfl_scenario_export_shell (scenario, namespace_prefix, &error);
      if (script == NULL)
        {
          g_printerr ("nflab export: %s\n", error->message);
          return 1;
        }
      bytes = g_bytes_new_take (script, strlen (script));
      executable = TRUE;
    }
  else if (strcmp (format, "iptables-save") == 0)
    {
      GPtrArray *namespaces = nfl_scenario_get_namespaces (scenario);
      NflNamespace *ns = NULL;
      char *saved;

      if (namespace != NULL)
        ns = nfl_scenario_find_namespace (scenario, namespace);
      else if (namespaces->len == 1)
        ns = g_ptr_array_index (namespaces, 0);
      if (ns == NULL)
        {
          g_autoptr(GString) names = g_string_new (NULL);
          for (guint i = 0; i < namespaces->len; i++)
            g_string_append_printf (names, "%s%s", i ? ", " : "",
                                    ((NflNamespace *) g_ptr_array_index (namespaces, i))->name);
          if (namespace != NULL)
            g_printerr ("nflab export: the scenario has no namespace “%s” (it has %s)\n", namespace,
                        names->len ? names->str : "none");
          else
            g_printerr ("nflab export: give the namespace whose rules to write with --namespace NS "
                        "(one of %s)\n", names->len ? names->str : "none");
          return 2;
        }
      saved = nfl_iptables_save (ns->ruleset, counters);
      bytes = g_bytes_new_take (saved, strlen (saved));
    }
  else if (strcmp (format, "xml") == 0)
    {
      bytes = nfl_scenario_to_xml_bytes (scenario, &error);
      if (bytes == NULL)
        {
          g_printerr ("nflab export: %s\n", error->message);
          return 1;
        }
    }
  else
    {
      g_autoptr(NflTrace) trace = NULL;
      g_autoptr(GPtrArray) lines = NULL;
      g_autoptr(GString) text = g_string_new (NULL);
      int status = 0;

      if (probe_text == NULL && (probe_text = first_saved_probe ("nflab export", scenario)) == NULL)
        return 2;
      trace = run_probe ("nflab export", scenario, probe_text, 0, 1, 2, &status);
      if (trace == NULL)
        return status;
      lines = nfl_trace_get_log_lines (trace, 0);
      for (guint i = 0; i < lines->len; i++)
        g_string_append_printf (text, "%s\n", (const char *) g_ptr_array_index (lines, i));
      bytes = g_string_free_to_bytes (g_steal_pointer (&text));
    }
  return write_output ("nflab export", output, bytes, executable) ? 0 : 1;
}

/* ---------------------------------------------------------------------- */
/* nflab validate                                                          */
/* ---------------------------------------------------------------------- */

static int
cmd_validate (int    argc,
              char **argv)
{
  gboolean quiet = FALSE;
  const GOptionEntry entries[] = {
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print only the problems"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("SCENARIO.xml…"));
  g_autoptr(GError) error = NULL;
  guint bad_files = 0;

  g_option_context_set_summary (context,
    _("Check scenario files against the file format's schema and the model's rules\n"
      "(links, addresses, routes, chains) and print every problem, as FILE:LINE: message."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc < 2)
    {
      g_printerr ("nflab validate: %s\nTry “nflab validate --help” for more information.\n",
                  error ? error->message : "no scenario file");
      return 2;
    }
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[i]);
      g_autoptr(GPtrArray) problems = nfl_scenario_validate_xml (file, NULL);

      for (guint p = 0; p < problems->len; p++)
        g_printerr ("%s\n", (const char *) g_ptr_array_index (problems, p));
      if (problems->len > 0)
        bad_files++;
      else if (!quiet)
        printf ("%s: valid\n", argv[i]);
    }
  return bad_files > 0 ? 1 : 0;
}

/* ---------------------------------------------------------------------- */
/* nflab lint                                                              */
/* ---------------------------------------------------------------------- */

static int
cmd_lint (int    argc,
          char **argv)
{
  g_autofree char *commands = NULL;
  g_autofree char *namespace = NULL;
  const GOptionEntry entries[] = {
    { "commands", 'c', 0, G_OPTION_ARG_FILENAME, &commands,
      N_("Read the scenario from tutorial-style command lines in FILE (with SCENARIO.xml: "
         "run them on it first)"), N_("FILE") },
    { "namespace", 'n', 0, G_OPTION_ARG_STRING, &namespace,
      N_("Apply bare iptables and sysctl lines to namespace NS"), N_("NS") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("(SCENARIO.xml | --commands FILE)"));
  g_autoptr(GError) error = NULL;
  g_autoptr(NflScenario) scenario = NULL;
  GPtrArray *namespaces;

  g_option_context_set_summary (context,
    _("List the rules that can never match because an earlier rule of their chain takes\n"
      "all their packets, one line each:\n"
      "  NS TABLE CHAIN rule N: never matches, rule M (SPEC) takes all its packets\n"
      "and the rules kept as written because the simulator does not model a part of them:\n"
      "  NS TABLE CHAIN rule N: not simulated, -m NAME is kept as written; a trace that reaches it stops there\n"
      "and the sysctls kept as written that change nothing the simulator models:\n"
      "  NS sysctl KEY=VALUE: not simulated, kept in the scenario and its shell export\n"
      "Exit status 0 when the check ran, with findings or none."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc > 2)
    {
      g_printerr ("nflab lint: %s\nTry “nflab lint --help” for more information.\n",
                  error ? error->message : "more than one scenario file");
      return 2;
    }
  scenario = load_scenario ("nflab lint", argc == 2 ? argv[1] : NULL, commands, namespace);
  if (scenario == NULL)
    return 1;

  namespaces = nfl_scenario_get_namespaces (scenario);
  for (guint i = 0; i < namespaces->len; i++)
    {
      NflNamespace *ns = g_ptr_array_index (namespaces, i);
      g_autoptr(GArray) findings = nfl_ruleset_find_shadowed (ns->ruleset);

      for (guint f = 0; f < findings->len; f++)
        {
          const NflRulesetShadowFinding *one = &g_array_index (findings, NflRulesetShadowFinding, f);
          NflChain *chain = nfl_ruleset_find_chain (ns->ruleset, one->table, one->chain);
          g_autofree char *spec = nfl_rule_to_save_spec (g_ptr_array_index (chain->rules, one->shadowed_by - 1));

          printf ("%s %s %s rule %u: never matches, rule %u (%s) takes all its packets\n", ns->name,
                  nfl_table_name (one->table), one->chain, one->rule, one->shadowed_by, spec);
        }
      for (guint t = 0; t < NFL_N_TABLES; t++)
        {
          GPtrArray *chains = ns->ruleset->tables[t].chains;

          for (guint c = 0; c < chains->len; c++)
            {
              NflChain *chain = g_ptr_array_index (chains, c);

              for (guint r = 0; r < chain->rules->len; r++)
                {
                  const NflMatch *kept = nfl_rule_find_unmodelled (g_ptr_array_index (chain->rules, r));
                  g_autofree char *name = kept ? nfl_rule_unmodelled_name (kept) : NULL;

                  if (kept != NULL)
                    printf ("%s %s %s rule %u: not simulated, %s is kept as written; a trace that reaches it "
                            "stops there\n", ns->name, nfl_table_name (t), chain->name, r + 1, name);
                }
            }
        }
      for (guint k = 0; k < ns->other_sysctls->len; k++)
        {
          const char *kept = g_ptr_array_index (ns->other_sysctls, k);
          g_autofree char *key = g_strndup (kept, strcspn (kept, "="));
          g_autofree char *which = nfl_redirect_conf_key_dup_which (key);

          /* the redirect keys are kept there too, but simulated */
          if (which == NULL)
            printf ("%s sysctl %s: not simulated, kept in the scenario and its shell export\n", ns->name, kept);
        }
    }
  return 0;
}

/* ---------------------------------------------------------------------- */
/* main                                                                    */
/* ---------------------------------------------------------------------- */

typedef struct {
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "trace", cmd_trace, N_("Send a probe through a scenario and print the kernel's LOG lines") },
  { "import", cmd_import, N_("Make a scenario file from commands or iptables-save text") },
  { "export", cmd_export, N_("Write a scenario as a shell script, iptables-save, XML or LOG lines") },
  { "validate", cmd_validate, N_("Check scenario files and list every problem") },
  { "iptables-save", cmd_save, N_("Print one namespace's rules in iptables-save format") },
  { "lint", cmd_lint, N_("List the rules that never match because an earlier rule takes their packets") },
  { "run", nfl_cli_run, N_("Run command lines one by one and print what each prints") },
};

static void
print_help (FILE *out)
{
  fprintf (out, "%s\n", _("Usage:\n  nflab COMMAND [OPTION…]\n"));
  fprintf (out, "%s\n", _("Netfilter Lab: simulate how Linux netfilter treats packets.\n"));
  fprintf (out, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-15s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("Options:\n  -h, --help      Show this help\n  --version       Show the version"));
  fprintf (out, "\n%s\n", _("Run “nflab COMMAND --help” for the options of a command."));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("nflab");

  if (argc < 2)
    {
      print_help (stderr);
      return 2;
    }
  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 || strcmp (argv[1], "help") == 0)
    {
      print_help (stdout);
      return 0;
    }
  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("nflab %s\n", PACKAGE_VERSION);
      return 0;
    }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      {
        g_autofree char *prgname = g_strdup_printf ("nflab %s", commands[i].name);
        g_set_prgname (prgname);
        return commands[i].run (argc - 1, argv + 1);
      }
  g_printerr ("nflab: unknown command “%s”\nTry “nflab --help” for more information.\n", argv[1]);
  return 2;
}
