/* nfl-test-fixtures.h: one test case per recorded kernel scenario
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include <glib.h>

#include "nfl-engine.h"

static int
nfl_test_compare_names (gconstpointer a,
                        gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Adds @func as "@prefix/NAME" for every folder of tests/data/kernel with
 * a setup.sh, in name order; its data is the folder's path. */
static inline void
nfl_test_add_kernel_fixtures (const char    *prefix,
                              GTestDataFunc  func)
{
  g_autofree char *root = g_test_build_filename (G_TEST_DIST, "data", "kernel", NULL);
  g_autoptr(GDir) dir = g_dir_open (root, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  g_assert_nonnull (dir);
  for (const char *name; (name = g_dir_read_name (dir)) != NULL;)
    {
      g_autofree char *setup = g_build_filename (root, name, "setup.sh", NULL);
      if (g_file_test (setup, G_FILE_TEST_EXISTS))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, nfl_test_compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *path = g_strdup_printf ("%s/%s", prefix, name);
      g_test_add_data_func_full (path, g_build_filename (root, name, NULL), func, g_free);
    }
}

static const struct { const char *table; const char *chain; } nfl_test_auto_chains[] = {
  { "raw", "PREROUTING" }, { "raw", "OUTPUT" },
  { "mangle", "PREROUTING" }, { "mangle", "INPUT" }, { "mangle", "FORWARD" },
  { "mangle", "OUTPUT" }, { "mangle", "POSTROUTING" },
  { "nat", "PREROUTING" }, { "nat", "INPUT" }, { "nat", "OUTPUT" }, { "nat", "POSTROUTING" },
  { "filter", "INPUT" }, { "filter", "FORWARD" }, { "filter", "OUTPUT" },
};

static inline char *
nfl_test_read_fixture (const char *dir,
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

/* The fixture's scenario as the kernel ran it: setup.sh, a LOG rule at
 * the top of every built-in chain of every namespace (after the
 * scenario's own commands), the listeners; and its probe in @probe. */
static inline NflScenario *
nfl_test_load_fixture (const char *dir,
                       NflProbe   *probe)
{
  g_autofree char *setup = nfl_test_read_fixture (dir, "setup.sh", FALSE);
  g_autofree char *probe_file = nfl_test_read_fixture (dir, "probe", FALSE);
  g_autofree char *listen = nfl_test_read_fixture (dir, "listen", TRUE);
  g_autoptr(GString) commands = g_string_new (setup);
  g_auto(GStrv) setup_lines = g_strsplit (setup, "\n", -1);
  g_auto(GStrv) probe_lines = g_strsplit (probe_file, "\n", -1);
  NflScenario *scenario = nfl_scenario_new ();
  g_autoptr(GError) error = NULL;
  const char *probe_text = NULL;

  for (guint i = 0; setup_lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = g_strsplit (g_strstrip (setup_lines[i]), " ", -1);
      guint n = g_strv_length (words);
      guint first = n > 0 && g_str_equal (words[0], "sudo") ? 1 : 0;

      if (n >= first + 4 && g_str_equal (words[first], "ip") && g_str_equal (words[first + 1], "netns") &&
          g_str_equal (words[first + 2], "add"))
        for (guint c = 0; c < G_N_ELEMENTS (nfl_test_auto_chains); c++)
          g_string_append_printf (commands,
                                  "\nip netns exec %s iptables -t %s -I %s 1 -j LOG --log-prefix \"T_%s_%s_%s \"",
                                  words[first + 3], nfl_test_auto_chains[c].table, nfl_test_auto_chains[c].chain,
                                  words[first + 3], nfl_test_auto_chains[c].table, nfl_test_auto_chains[c].chain);
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
  g_assert_true (nfl_probe_parse (probe_text, probe, &error));
  g_assert_no_error (error);
  return scenario;
}

