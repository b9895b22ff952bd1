/* nfl-layout.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "nfl-layout.h"

static guint
index_of (GPtrArray    *namespaces,
          NflNamespace *ns)
{
  guint index = G_MAXUINT;

  g_ptr_array_find (namespaces, ns, &index);
  return index;
}

/* The namespaces linked to @ns by a veth pair, in interface order,
 * each once. */
static GArray *
neighbours (GPtrArray    *namespaces,
            NflNamespace *ns)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < ns->interfaces->len; i++)
    {
      NflInterface *iface = g_ptr_array_index (ns->interfaces, i);
      gboolean seen = FALSE;
      guint other;

      if (iface->peer == NULL || iface->peer->ns == NULL || iface->peer->ns == ns)
        continue;
      other = index_of (namespaces, iface->peer->ns);
      if (other == G_MAXUINT)
        continue;
      for (guint k = 0; k < out->len && !seen; k++)
        seen = g_array_index (out, guint, k) == other;
      if (!seen)
        g_array_append_val (out, other);
    }
  return out;
}

void
nfl_scenario_auto_layout (NflScenario *scenario)
{
  GPtrArray *namespaces;
  g_autofree int *layer = NULL;
  g_autofree guint *degree = NULL;
  g_autoptr(GPtrArray) adjacency = NULL;
  double top = NFL_LAYOUT_MARGIN;
  guint n;

  g_return_if_fail (NFL_IS_SCENARIO (scenario));

  namespaces = nfl_scenario_get_namespaces (scenario);
  n = namespaces->len;
  layer = g_new (int, n);
  degree = g_new0 (guint, n);
  adjacency = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint i = 0; i < n; i++)
    {
      GArray *next = neighbours (namespaces, g_ptr_array_index (namespaces, i));
      g_ptr_array_add (adjacency, next);
      degree[i] = next->len;
      layer[i] = -1;
    }

  /* one group (connected component) at a time, in the order of its
   * first namespace */
  for (guint first = 0; first < n; first++)
    {
      g_autoptr(GArray) members = NULL;
      g_autofree guint *per_layer = NULL;
      guint start = first, depth = 0, widest = 0;

      if (layer[first] >= 0)
        continue;

      /* start at an end of the group: its first namespace with the
       * fewest links, so that a chain reads from left to right */
      {
        g_autoptr(GArray) queue = g_array_new (FALSE, FALSE, sizeof (guint));
        g_autofree gboolean *seen = g_new0 (gboolean, n);

        g_array_append_val (queue, first);
        seen[first] = TRUE;
        for (guint q = 0; q < queue->len; q++)
          {
            guint at = g_array_index (queue, guint, q);
            GArray *next = g_ptr_array_index (adjacency, at);

            if (degree[at] < degree[start] || (degree[at] == degree[start] && at < start))
              start = at;
            for (guint k = 0; k < next->len; k++)
              {
                guint other = g_array_index (next, guint, k);
                if (!seen[other])
                  {
                    seen[other] = TRUE;
                    g_array_append_val (queue, other);
                  }
              }
          }
      }

      /* breadth-first from there: the distance is the column */
      members = g_array_new (FALSE, FALSE, sizeof (guint));
      layer[start] = 0;
      g_array_append_val (members, start);
      for (guint q = 0; q < members->len; q++)
        {
          guint at = g_array_index (members, guint, q);
          GArray *next = g_ptr_array_index (adjacency, at);

          depth = MAX (depth, (guint) layer[at]);
          for (guint k = 0; k < next->len; k++)
            {
              guint other = g_array_index (next, guint, k);
              if (layer[other] < 0)
                {
                  layer[other] = layer[at] + 1;
                  g_array_append_val (members, other);
                }
            }
        }

      /* rows within each column, in the order of the walk */
      per_layer = g_new0 (guint, depth + 1);
      for (guint m = 0; m < members->len; m++)
        {
          guint at = g_array_index (members, guint, m);
          NflNamespace *ns = g_ptr_array_index (namespaces, at);
          guint row = per_layer[layer[at]]++;

          ns->x = NFL_LAYOUT_MARGIN + layer[at] * NFL_LAYOUT_COLUMN_WIDTH;
          ns->y = top + row * NFL_LAYOUT_ROW_HEIGHT;
          widest = MAX (widest, per_layer[layer[at]]);
        }

      /* centre each column on the tallest one */
      for (guint m = 0; m < members->len; m++)
        {
          guint at = g_array_index (members, guint, m);
          NflNamespace *ns = g_ptr_array_index (namespaces, at);

          ns->y += (widest - per_layer[layer[at]]) * NFL_LAYOUT_ROW_HEIGHT / 2.0;
        }
      top += widest * NFL_LAYOUT_ROW_HEIGHT;
    }
  nfl_scenario_changed (scenario);
}
