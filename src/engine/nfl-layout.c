/* nfl-layout.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "nfl-layout.h"

/* What the layout places: the namespaces, then the bridges (each a box of
 * its own, between its namespace and the far ends of its ports). */
typedef struct {
  NflNamespace *ns;
  NflInterface *bridge;     /* NULL: the namespace's box */
} Item;

static guint
index_of (GArray       *items,
          NflNamespace *ns,
          NflInterface *bridge)
{
  for (guint i = 0; i < items->len; i++)
    {
      const Item *item = &g_array_index (items, Item, i);
      if (item->ns == ns && item->bridge == bridge)
        return i;
    }
  return G_MAXUINT;
}

static void
add_neighbour (GArray *out,
               guint   other)
{
  for (guint k = 0; k < out->len; k++)
    if (g_array_index (out, guint, k) == other)
      return;
  if (other != G_MAXUINT)
    g_array_append_val (out, other);
}

/* The boxes linked to @item: a namespace's veth peers and bridges, a
 * bridge's namespace and the far ends of its ports; in interface order,
 * each once. */
static GArray *
neighbours (GArray     *items,
            const Item *item)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint));
  NflNamespace *ns = item->ns;

  if (item->bridge != NULL)
    add_neighbour (out, index_of (items, ns, NULL));
  for (guint i = 0; i < ns->interfaces->len; i++)
    {
      NflInterface *iface = g_ptr_array_index (ns->interfaces, i);
      NflInterface *peer = iface->peer;

      if (item->bridge == NULL && iface->is_bridge)
        add_neighbour (out, index_of (items, ns, iface));
      if (iface->master != item->bridge || peer == NULL || peer->ns == NULL || (peer->ns == ns && !item->bridge))
        continue;
      add_neighbour (out, index_of (items, peer->ns, peer->master));
    }
  return out;
}

static void
place (Item   *item,
       double  x,
       double  y)
{
  if (item->bridge != NULL)
    item->bridge->x = x, item->bridge->y = y;
  else
    item->ns->x = x, item->ns->y = y;
}

static double
y_of (const Item *item)
{
  return item->bridge != NULL ? item->bridge->y : item->ns->y;
}

void
nfl_scenario_auto_layout (NflScenario *scenario)
{
  GPtrArray *namespaces;
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (Item));
  g_autofree int *layer = NULL;
  g_autofree guint *degree = NULL;
  g_autoptr(GPtrArray) adjacency = NULL;
  double top = NFL_LAYOUT_MARGIN;
  guint n;

  g_return_if_fail (NFL_IS_SCENARIO (scenario));

  namespaces = nfl_scenario_get_namespaces (scenario);
  for (guint i = 0; i < namespaces->len; i++)
    g_array_append_val (items, ((Item) { g_ptr_array_index (namespaces, i), NULL }));
  for (guint i = 0; i < namespaces->len; i++)
    {
      NflNamespace *ns = g_ptr_array_index (namespaces, i);
      for (guint k = 0; k < ns->interfaces->len; k++)
        {
          NflInterface *iface = g_ptr_array_index (ns->interfaces, k);
          if (iface->is_bridge)
            g_array_append_val (items, ((Item) { ns, iface }));
        }
    }
  n = items->len;
  layer = g_new (int, n);
  degree = g_new0 (guint, n);
  adjacency = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint i = 0; i < n; i++)
    {
      GArray *next = neighbours (items, &g_array_index (items, Item, i));
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
          guint row = per_layer[layer[at]]++;

          place (&g_array_index (items, Item, at), NFL_LAYOUT_MARGIN + layer[at] * NFL_LAYOUT_COLUMN_WIDTH,
                 top + row * NFL_LAYOUT_ROW_HEIGHT);
          widest = MAX (widest, per_layer[layer[at]]);
        }

      /* centre each column on the tallest one */
      for (guint m = 0; m < members->len; m++)
        {
          guint at = g_array_index (members, guint, m);
          Item *item = &g_array_index (items, Item, at);

          place (item, item->bridge ? item->bridge->x : item->ns->x,
                 y_of (item) + (widest - per_layer[layer[at]]) * NFL_LAYOUT_ROW_HEIGHT / 2.0);
        }
      top += widest * NFL_LAYOUT_ROW_HEIGHT;
    }
  nfl_scenario_changed (scenario);
}
