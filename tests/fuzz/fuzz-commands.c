/* fuzz-commands.c: libFuzzer target for nfl_commands_apply ()
 *
 * The input is the text of a commands file (the tutorial's ip, sysctl and
 * iptables lines), applied to a fresh scenario with "ns1" as the default
 * namespace of bare iptables/sysctl lines.  When the whole text applied,
 * a ping, a TCP and a UDP probe from ns1 go through the simulator, so the
 * rules the fuzzer manages to build are also evaluated.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "nfl-engine.h"
#include "fuzz-common.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init_glib ();
  return 0;
}

static void
simulate (NflScenario *scenario,
          const char  *text)
{
  NflProbe probe = { 0 };
  g_autoptr(GError) error = NULL;
  NflTrace *trace;

  if (!nfl_probe_parse (text, &probe, &error))
    abort ();  /* the probes below are fixed and valid */
  trace = nfl_simulate (scenario, &probe, NULL);
  if (trace != NULL)
    {
      g_autoptr(GPtrArray) lines = nfl_trace_get_log_lines (trace, 0);
      (void) nfl_trace_get_outcome (trace);
      nfl_trace_unref (trace);
    }
  nfl_probe_clear (&probe);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(NflScenario) scenario = nfl_scenario_new ();
  g_autoptr(GString) output = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_malloc (size + 1);
  NflSourcePos where = { 0 };

  memcpy (text, data, size);
  text[size] = '\0';

  if (!nfl_commands_apply (scenario, text, "ns1", output, &where, &error))
    {
      if (error == NULL || where.line == 0)
        abort ();  /* a failure must say why and where */
      return 0;
    }
  if (error != NULL)
    abort ();

  if (nfl_scenario_find_namespace (scenario, "ns1") != NULL)
    {
      simulate (scenario, "ns1 ping 10.2.0.10");
      simulate (scenario, "ns1 tcp 10.2.0.10 80");
      simulate (scenario, "ns1 udp 10.99.0.1 53");
    }
  return 0;
}
