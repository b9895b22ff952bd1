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
  g_autofree char *probe_file = nfl_test_read_fixture (dir, "probe", FALSE);
  g_autofree char *expected_log = nfl_test_read_fixture (dir, "kernel.log", FALSE);
  g_autofree char *expected_outcome = nfl_test_read_fixture (dir, "outcome", FALSE);
  g_autofree char *expected_full_log = nfl_test_read_fixture (dir, "kernel-full.log", FALSE);
  g_autoptr(NflScenario) scenario = NULL;
  g_autoptr(NflTrace) trace = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GString) got = g_string_new (NULL);
  g_autoptr(GString) got_full = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  NflProbe probe = { 0 };
  g_autofree char *probe_text = NULL;
  int client_port;

  scenario = nfl_test_load_fixture (dir, &probe);
  probe_text = g_strchomp (g_strdup (probe_file));
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
