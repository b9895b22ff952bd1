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
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
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
  gboolean all_packets = FALSE;
  gboolean verbose = FALSE;
  const GOptionEntry entries[] = {
    { "commands", 'c', 0, G_OPTION_ARG_FILENAME, &commands,
      N_("Read the scenario from tutorial-style command lines in FILE"), N_("FILE") },
    { "probe", 'p', 0, G_OPTION_ARG_STRING, &probe_text,
      N_("The probe to send: 'NS ping DST', 'NS tcp DST PORT' or 'NS udp DST PORT'"), N_("PROBE") },
    { "listen", 'l', 0, G_OPTION_ARG_STRING_ARRAY, &listens,
      N_("A listening service: 'NS tcp|udp PORT [ADDR]' (repeatable)"), N_("SERVICE") },
    { "namespace", 'n', 0, G_OPTION_ARG_STRING, &namespace,
      N_("Apply bare iptables and sysctl lines to namespace NS"), N_("NS") },
    { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat,
      N_("Run the simulation K times and print the result once (for benchmarks)"), N_("K") },
    { "all-packets", 0, 0, G_OPTION_ARG_NONE, &all_packets,
      N_("Print the LOG lines of every packet, not only the probe and its first answer"), NULL },
    { "events", 'v', 0, G_OPTION_ARG_NONE, &verbose,
      N_("Print every event of the trace on stderr"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("(SCENARIO.xml | --commands FILE) --probe PROBE"));
  g_autoptr(GError) error = NULL;
  g_autoptr(NflScenario) scenario = nfl_scenario_new ();
  g_autoptr(NflTrace) trace = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  NflProbe probe = { 0 };
  NflSourcePos where = { 0 };

  g_option_context_set_summary (context,
    _("Send one probe through a scenario and print the LOG lines the kernel would print,\n"
      "then the outcome, as “outcome: OUTCOME”."));
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
  if (argc == 2)
    {
      g_printerr ("nflab trace: %s: reading scenario files is not available in this version; "
                  "use --commands FILE\n", argv[1]);
      return 2;
    }
  if (commands == NULL)
    {
      g_printerr ("nflab trace: no scenario: give --commands FILE\nTry “nflab trace --help” for more information.\n");
      return 2;
    }
  if (probe_text == NULL)
    {
      g_printerr ("nflab trace: no probe: give --probe 'NS ping DST'\nTry “nflab trace --help” for more information.\n");
      return 2;
    }
  if (repeat < 1)
    {
      g_printerr ("nflab trace: --repeat needs a number of at least 1\n");
      return 2;
    }

  {
    g_autofree char *text = read_input (commands, &error);
    g_autoptr(GString) output = g_string_new (NULL);

    if (text == NULL)
      {
        g_printerr ("nflab trace: %s: %s\n", commands, error->message);
        return 1;
      }
    if (!nfl_commands_apply (scenario, text, namespace, output, &where, &error))
      {
        g_printerr ("%s:%s\n", commands, error->message);
        return 1;
      }
  }
  for (guint i = 0; listens != NULL && listens[i] != NULL; i++)
    if (!nfl_commands_add_listen (scenario, listens[i], &error))
      {
        g_printerr ("nflab trace: --listen: %s\n", error->message);
        return 1;
      }
  if (!nfl_probe_parse (probe_text, &probe, &error))
    {
      g_printerr ("nflab trace: --probe: %s\n", error->message);
      return 1;
    }

  for (int i = 0; i < repeat; i++)
    {
      g_clear_pointer (&trace, nfl_trace_unref);
      trace = nfl_simulate (scenario, &probe, &error);
      if (trace == NULL)
        {
          g_printerr ("nflab trace: %s\n", error->message);
          nfl_probe_clear (&probe);
          return 1;
        }
    }
  nfl_probe_clear (&probe);

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
/* main                                                                    */
/* ---------------------------------------------------------------------- */

typedef struct {
  const char *name;
  int (*run) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "trace", cmd_trace, N_("Send a probe through a scenario and print the kernel's LOG lines") },
  { "iptables-save", cmd_save, N_("Print one namespace's rules in iptables-save format") },
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
