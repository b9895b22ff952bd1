/* fuzz-scenario-xml.c: libFuzzer target for nfl_scenario_load_xml_bytes ()
 *
 * The input is a scenario file, read with its exact length.  A refusal
 * must say where ("FILE:LINE: …" or "FILE: …"), and nfl_scenario_validate_xml_bytes ()
 * must agree that the file has a problem.  A file that loads must save,
 * load again and save to the same bytes (the format's round trip), and
 * its saved probes go through the simulator.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
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
simulate_probes (NflScenario *scenario)
{
  GPtrArray *probes = nfl_scenario_get_probes (scenario);

  for (guint i = 0; i < probes->len && i < 4; i++)
    {
      NflProbe probe = { 0 };
      NflTrace *trace;

      if (!nfl_probe_parse (g_ptr_array_index (probes, i), &probe, NULL))
        abort ();  /* saved probes are stored parsed */
      trace = nfl_simulate (scenario, &probe, NULL);
      if (trace != NULL)
        {
          g_autoptr(GPtrArray) lines = nfl_trace_get_log_lines (trace, 0);
          nfl_trace_unref (trace);
        }
      nfl_probe_clear (&probe);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(NflScenario) scenario = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  scenario = nfl_scenario_load_xml_bytes (bytes, "fuzz.xml", &error);
  problems = nfl_scenario_validate_xml_bytes (bytes, "fuzz.xml");
  if (scenario == NULL)
    {
      if (error == NULL || !g_str_has_prefix (error->message, "fuzz.xml:") || problems->len == 0)
        abort ();
      if (strcmp (error->message, g_ptr_array_index (problems, 0)) != 0)
        abort ();  /* load reports the first of validate's problems */
      return 0;
    }
  if (error != NULL || problems->len != 0)
    abort ();

  {
    g_autoptr(GBytes) first = nfl_scenario_to_xml_bytes (scenario, &error);
    g_autoptr(NflScenario) again = NULL;
    g_autoptr(GBytes) second = NULL;

    /* a loaded model always holds what the format can hold */
    if (first == NULL)
      abort ();
    again = nfl_scenario_load_xml_bytes (first, "saved.xml", &error);
    if (again == NULL)
      {
        fprintf (stderr, "saved file refused: %s\n", error->message);
        abort ();
      }
    second = nfl_scenario_to_xml_bytes (again, NULL);
    if (second == NULL || !g_bytes_equal (first, second))
      abort ();
  }
  simulate_probes (scenario);
  return 0;
}
