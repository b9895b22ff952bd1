/* nfl-rule-row.c: one rule of a chain, as the rule list shows it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A row keeps a copy of its rule and makes its texts the first time they
 * are asked for: GtkMultiSelection asks the model for every row a change
 * adds (to give back the selection of rows that come back), so making a
 * row must be cheap, while only the rows on screen are ever shown.  A row
 * lives while the list shows it or the model keeps it, and a changed rule
 * is a new row (NflRulesModel).  The warning changes in place, as the
 * analysis of the chain comes after the rows.
 */
#include "config.h"

#include "nfl-rule-row.h"

struct _NflRuleRow
{
  GObject  parent_instance;

  NflRule *rule;
  GStrv    columns;   /* made when first asked for */
  char    *spec;
  char    *warning;
};

G_DEFINE_FINAL_TYPE (NflRuleRow, nfl_rule_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_WARNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
nfl_rule_row_finalize (GObject *object)
{
  NflRuleRow *self = NFL_RULE_ROW (object);

  nfl_rule_free (self->rule);
  g_strfreev (self->columns);
  g_free (self->spec);
  g_free (self->warning);

  G_OBJECT_CLASS (nfl_rule_row_parent_class)->finalize (object);
}

static void
nfl_rule_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  NflRuleRow *self = NFL_RULE_ROW (object);

  switch (prop_id)
    {
    case PROP_WARNING:
      g_value_set_string (value, nfl_rule_row_get_warning (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nfl_rule_row_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  NflRuleRow *self = NFL_RULE_ROW (object);

  switch (prop_id)
    {
    case PROP_WARNING:
      nfl_rule_row_set_warning (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nfl_rule_row_class_init (NflRuleRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nfl_rule_row_finalize;
  object_class->get_property = nfl_rule_row_get_property;
  object_class->set_property = nfl_rule_row_set_property;

  properties[PROP_WARNING] =
    g_param_spec_string ("warning", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nfl_rule_row_init (NflRuleRow *self)
{
}

NflRuleRow *
nfl_rule_row_new (const NflRule *rule)
{
  NflRuleRow *self;

  g_return_val_if_fail (rule != NULL, NULL);

  self = g_object_new (NFL_TYPE_RULE_ROW, NULL);
  self->rule = nfl_rule_copy (rule);
  return self;
}

const char *
nfl_rule_row_get_column (NflRuleRow    *self,
                         NflListColumn  column)
{
  g_return_val_if_fail (NFL_IS_RULE_ROW (self), NULL);
  g_return_val_if_fail (column < NFL_N_LIST_COLUMNS, NULL);

  if (self->columns == NULL)
    self->columns = nfl_rule_list_columns (self->rule, TRUE);
  return self->columns[column];
}

const char *
nfl_rule_row_get_spec (NflRuleRow *self)
{
  g_return_val_if_fail (NFL_IS_RULE_ROW (self), NULL);

  if (self->spec == NULL)
    self->spec = nfl_rule_to_save_spec (self->rule);
  return self->spec;
}

const char *
nfl_rule_row_get_warning (NflRuleRow *self)
{
  g_return_val_if_fail (NFL_IS_RULE_ROW (self), NULL);
  return self->warning;
}

void
nfl_rule_row_set_warning (NflRuleRow *self,
                          const char *warning)
{
  g_return_if_fail (NFL_IS_RULE_ROW (self));

  if (g_strcmp0 (warning, self->warning) == 0)
    return;
  g_free (self->warning);
  self->warning = g_strdup (warning);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WARNING]);
}
