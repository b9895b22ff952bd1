/* test-fixtures.c: the simulator against the kernel's recorded output
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One test per folder of tests/data/kernel: setup.sh, probe and listen
 * were run on the real kernel with a LOG rule at the top of every
 * built-in chain; kernel.log and outcome are what it printed.  The same
 * scenario goes through the simulator here, and the lines must be the
 * same once the values the kernel picks at random are normalized.
 * kernel.log holds the first two packets (the probe and its answer),
 * kernel-full.log the whole conversation (with a TCP connection's
 * handshake ACK): both are compared.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "nfl-engine.h"
#include "nfl-test-fixtures.h"

static const struct { const char *table; const char *chain; } auto_chains[] = {
  { "raw", "PREROUTING" }, { "raw", "OUTPUT" },
  { "mangle", "PREROUTING" }, { "mangle", "INPUT" }, { "mangle", "FORWARD" },
  { "mangle", "OUTPUT" }, { "mangle", "POSTROUTING" },
  { "nat", "PREROUTING" }, { "nat", "INPUT" }, { "nat", "OUTPUT" }, { "nat", "POSTROUTING" },
  { "filter", "INPUT" }, { "filter", "FORWARD" }, { "filter", "OUTPUT" },
};

static char *
read_fixture (const char *dir,
              const char *name,
              gboolean    optional)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, &error))
    {
      if (!optional)
        g_error ("%s: %s", path, error->message);
      return NULL;
    }
  return contents;
}

/* The same rewriting run-kernel applies to the kernel's lines. */
static char *
normalize (const char *line,
           int         client_port)
{
  static const struct { const char *pattern; const char *replacement; } rules[] = {
    { "MAC=[0-9a-fA-F:]+", "MAC=<mac>" },
    { "(TTL=\\d+ )ID=\\d+", "\\1ID=<id>" },
    { "(TYPE=\\d+ CODE=\\d+ )ID=\\d+ SEQ=\\d+", "\\1ID=<echoid> SEQ=<seq>" },
    { "(DPT=\\S+ )SEQ=\\d+ ACK=\\d+", "\\1SEQ=<seq> ACK=<ack>" },
    { "OPT \\([0-9A-F]+\\)", "OPT (<opt>)" },
  };
  g_autofree char *text = g_strdup (line);

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autoptr(GRegex) re = g_regex_new (rules[i].pattern, 0, 0, NULL);
      char *next = g_regex_replace (re, text, -1, 0, rules[i].replacement, 0, NULL);
      g_free (text);
      text = next;
    }
  if (client_port > 0)
    {
      g_autofree char *pattern = g_strdup_printf ("\\b(SPT|DPT)=%d\\b", client_port);
      g_autoptr(GRegex) re = g_regex_new (pattern, 0, 0, NULL);
      char *next = g_regex_replace (re, text, -1, 0, "\\1=<cport>", 0, NULL);
      g_free (text);
      text = next;
    }
  return g_steal_pointer (&text);
}

static int
find_client_port (GPtrArray  *lines,
                  const char *probe)
{
  const char *proto = strstr (probe, " tcp ") ? "PROTO=TCP" : strstr (probe, " udp ") ? "PROTO=UDP" : NULL;

  if (proto == NULL)
    return -1;
  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      const char *spt;
      if (strstr (line, proto) && (spt = strstr (line, " SPT=")) != NULL)
        return atoi (spt + 5);
    }
  return -1;
}

static void
test_fixture (gconstpointer data)
{
  const char *dir = data;
  g_autofree char *setup = read_fixture (dir, "setup.sh", FALSE);
  g_autofree char *probe_file = read_fixture (dir, "probe", FALSE);
  g_autofree char *listen = read_fixture (dir, "listen", TRUE);
  g_autofree char *expected_log = read_fixture (dir, "kernel.log", FALSE);
  g_autofree char *expected_outcome = read_fixture (dir, "outcome", FALSE);
  g_autofree char *expected_full_log = read_fixture (dir, "kernel-full.log", FALSE);
  g_autoptr(GString) commands = g_string_new (setup);
  g_autoptr(NflScenario) scenario = nfl_scenario_new ();
  g_autoptr(NflTrace) trace = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GString) got = g_string_new (NULL);
  g_autoptr(GString) got_full = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) setup_lines = g_strsplit (setup, "\n", -1);
  g_auto(GStrv) probe_lines = g_strsplit (probe_file, "\n", -1);
  NflProbe probe = { 0 };
  const char *probe_text = NULL;
  int client_port;

  /* the auto LOG rules, after the scenario's own commands */
  for (guint i = 0; setup_lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (g_strstrip (setup_lines[i]), " ", -1);
      guint n = g_strv_length (words);
      guint first = n > 0 && g_str_equal (words[0], "sudo") ? 1 : 0;

      if (n >= first + 4 && g_str_equal (words[first], "ip") && g_str_equal (words[first + 1], "netns") &&
          g_str_equal (words[first + 2], "add"))
        for (guint c = 0; c < G_N_ELEMENTS (auto_chains); c++)
          g_string_append_printf (commands,
                                  "\nip netns exec %s iptables -t %s -I %s 1 -j LOG --log-prefix \"T_%s_%s_%s \"",
                                  words[first + 3], auto_chains[c].table, auto_chains[c].chain,
                                  words[first + 3], auto_chains[c].table, auto_chains[c].chain);
    }

  g_assert_true (nfl_commands_apply (scenario, commands->str, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  if (listen != NULL)
    {
      g_auto(GStrv) listen_lines = g_strsplit (listen, "\n", -1);
      for (guint i = 0; listen_lines[i] != NULL; i++)
        {
          g_strstrip (listen_lines[i]);
          if (*listen_lines[i] == '\0' || *listen_lines[i] == '#')
            continue;
          g_assert_true (nfl_commands_add_listen (scenario, listen_lines[i], &error));
          g_assert_no_error (error);
        }
    }

  for (guint i = 0; probe_lines[i] != NULL && probe_text == NULL; i++)
    {
      g_strstrip (probe_lines[i]);
      if (*probe_lines[i] != '\0' && *probe_lines[i] != '#')
        probe_text = probe_lines[i];
    }
  g_assert_nonnull (probe_text);
  g_assert_true (nfl_probe_parse (probe_text, &probe, &error));
  g_assert_no_error (error);

  trace = nfl_simulate (scenario, &probe, &error);
  g_assert_no_error (error);
  g_assert_nonnull (trace);
  nfl_probe_clear (&probe);

  lines = nfl_trace_get_log_lines (trace, 2);
  client_port = find_client_port (lines, probe_text);
  for (guint i = 0; i < lines->len; i++)
    {
      g_autofree char *line = normalize (g_ptr_array_index (lines, i), client_port);
      g_string_append_printf (got, "%s\n", line);
    }

  g_assert_cmpstr (got->str, ==, expected_log);

  g_clear_pointer (&lines, g_ptr_array_unref);
  lines = nfl_trace_get_log_lines (trace, 0);
  for (guint i = 0; i < lines->len; i++)
    {
      g_autofree char *line = normalize (g_ptr_array_index (lines, i), client_port);
      g_string_append_printf (got_full, "%s\n", line);
    }
  g_assert_cmpstr (got_full->str, ==, expected_full_log);
  g_strstrip (expected_outcome);
  g_assert_cmpstr (nfl_trace_get_outcome (trace), ==, expected_outcome);
}

int
main (int    argc,
      char **argv)
{

  g_test_init (&argc, &argv, NULL);

  nfl_test_add_kernel_fixtures ("/nfl/engine/kernel-fixture", test_fixture);
  return g_test_run ();
}
