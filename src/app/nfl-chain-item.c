/* nfl-chain-item.c: one chain of a table, as the chain list shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chain list is a GtkListView over these items, so that a table of
 * thousands of chains (a kube-proxy node) makes rows only for the chains
 * on screen.  An item names its chain rather than pointing at it: the
 * engine's chains come and go with every edit and undo.  The name is what
 * the search entry filters on; the details change in place when an edit
 * changes a chain's rules or references, and a row that shows the item
 * follows them.
 */
#include "config.h"

#include "nfl-chain-item.h"

struct _NflChainItem
{
  GObject   parent_instance;

  char     *name;
  char     *details;
  gboolean  builtin;
};

G_DEFINE_FINAL_TYPE (NflChainItem, nfl_chain_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_BUILTIN,
  PROP_DETAILS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------------------- */
/* GObject                                                                 */
/* ---------------------------------------------------------------------- */

static void
nfl_chain_item_finalize (GObject *object)
{
  NflChainItem *self = NFL_CHAIN_ITEM (object);

  g_free (self->name);
  g_free (self->details);

  G_OBJECT_CLASS (nfl_chain_item_parent_class)->finalize (object);
}

static void
nfl_chain_item_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  NflChainItem *self = NFL_CHAIN_ITEM (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, nfl_chain_item_get_name (self));
      break;
    case PROP_BUILTIN:
      g_value_set_boolean (value, nfl_chain_item_get_builtin (self));
      break;
    case PROP_DETAILS:
      g_value_set_string (value, nfl_chain_item_get_details (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nfl_chain_item_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  NflChainItem *self = NFL_CHAIN_ITEM (object);

  switch (prop_id)
    {
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;
    case PROP_BUILTIN:
      self->builtin = g_value_get_boolean (value);
      break;
    case PROP_DETAILS:
      nfl_chain_item_set_details (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nfl_chain_item_class_init (NflChainItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nfl_chain_item_finalize;
  object_class->get_property = nfl_chain_item_get_property;
  object_class->set_property = nfl_chain_item_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUILTIN] =
    g_param_spec_boolean ("builtin", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DETAILS] =
    g_param_spec_string ("details", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nfl_chain_item_init (NflChainItem *self)
{
}

/* ---------------------------------------------------------------------- */
/* public API                                                              */
/* ---------------------------------------------------------------------- */

NflChainItem *
nfl_chain_item_new (const char *name,
                    gboolean    builtin,
                    const char *details)
{
  g_return_val_if_fail (name != NULL, NULL);

  return g_object_new (NFL_TYPE_CHAIN_ITEM, "name", name, "builtin", builtin, "details", details, NULL);
}

const char *
nfl_chain_item_get_name (NflChainItem *self)
{
  g_return_val_if_fail (NFL_IS_CHAIN_ITEM (self), NULL);
  return self->name;
}

gboolean
nfl_chain_item_get_builtin (NflChainItem *self)
{
  g_return_val_if_fail (NFL_IS_CHAIN_ITEM (self), FALSE);
  return self->builtin;
}

const char *
nfl_chain_item_get_details (NflChainItem *self)
{
  g_return_val_if_fail (NFL_IS_CHAIN_ITEM (self), NULL);
  return self->details;
}

void
nfl_chain_item_set_details (NflChainItem *self,
                            const char   *details)
{
  g_return_if_fail (NFL_IS_CHAIN_ITEM (self));

  if (g_strcmp0 (details, self->details) == 0)
    return;
  g_free (self->details);
  self->details = g_strdup (details);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DETAILS]);
}
