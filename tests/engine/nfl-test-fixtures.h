/* nfl-test-fixtures.h: one test case per recorded kernel scenario
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include <glib.h>

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
