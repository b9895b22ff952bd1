/* nfl-topology-node.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "nfl-topology-node.h"

struct _NflTopologyNode
{
  GtkWidget  parent_instance;

  char      *name;
  char      *summary;
};

G_DEFINE_FINAL_TYPE (NflTopologyNode, nfl_topology_node, GTK_TYPE_WIDGET)

static void
nfl_topology_node_finalize (GObject *object)
{
  NflTopologyNode *self = NFL_TOPOLOGY_NODE (object);

  g_free (self->name);
  g_free (self->summary);

  G_OBJECT_CLASS (nfl_topology_node_parent_class)->finalize (object);
}

static void
nfl_topology_node_class_init (NflTopologyNodeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = nfl_topology_node_finalize;

  gtk_widget_class_set_css_name (widget_class, "nfl-topology-node");
  /* activating it selects the namespace, as a click on the box does */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);
}

static void
nfl_topology_node_init (NflTopologyNode *self)
{
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  /* the canvas handles the pointer over its boxes */
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

GtkWidget *
nfl_topology_node_new (const char *name)
{
  NflTopologyNode *self;

  g_return_val_if_fail (name != NULL, NULL);

  self = g_object_new (NFL_TYPE_TOPOLOGY_NODE, NULL);
  self->name = g_strdup (name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  return GTK_WIDGET (self);
}

const char *
nfl_topology_node_get_name (NflTopologyNode *self)
{
  g_return_val_if_fail (NFL_IS_TOPOLOGY_NODE (self), NULL);

  return self->name;
}

void
nfl_topology_node_set_summary (NflTopologyNode *self,
                               const char      *summary)
{
  g_return_if_fail (NFL_IS_TOPOLOGY_NODE (self));

  if (g_strcmp0 (summary, self->summary) == 0)
    return;
  g_free (self->summary);
  self->summary = g_strdup (summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary, -1);
}
