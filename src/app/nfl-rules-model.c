/* nfl-rules-model.c: the rules of one chain of a document, as a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A chain can hold 10,000 rules, so rows (NflRuleRow) are made only when
 * the list asks for them and kept in a cache of one slot per rule.  The
 * document says which rules an edit, undo or redo changed
 * ("rules-changed"): those slots alone are dropped and the list is told
 * exactly that, so it keeps its selection and scroll position.  Any other
 * change of the chain (a step that swaps the whole scenario, zeroed
 * counters) shows as a new ruleset or a new generation of it, and then
 * the whole list is made again.
 */
#include "config.h"

#include <string.h>

#include "nfl-rule-row.h"
#include "nfl-rules-model.h"

struct _NflRulesModel
{
  GObject      parent_instance;

  NflDocument *document;
  char        *ns;
  NflTableId   table;
  char        *chain;

  GPtrArray   *rows;        /* NflRuleRow* or NULL, one per rule shown */
  NflRuleset  *ruleset;     /* what the rows were made from: the ruleset */
  guint        generation;  /* and its generation */
};

static void nfl_rules_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (NflRulesModel, nfl_rules_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, nfl_rules_model_list_model_init))

/* ---------------------------------------------------------------------- */
/* helpers                                                                 */
/* ---------------------------------------------------------------------- */

static void
clear_row (gpointer row)
{
  if (row != NULL)
    g_object_unref (row);
}

static NflNamespace *
lookup_namespace (NflRulesModel *self)
{
  if (self->ns == NULL)
    return NULL;
  return nfl_scenario_find_namespace (nfl_document_get_scenario (self->document), self->ns);
}

static void
remember_ruleset (NflRulesModel *self)
{
  NflNamespace *ns = lookup_namespace (self);

  self->ruleset = ns != NULL ? ns->ruleset : NULL;
  self->generation = ns != NULL ? ns->ruleset->generation : 0;
}

/* Everything again: the rows, and the list told so. */
static void
reset (NflRulesModel *self)
{
  NflChain *chain = nfl_rules_model_lookup_chain (self);
  guint removed = self->rows->len;
  guint added = chain != NULL ? chain->rules->len : 0;

  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->rows, added);
  remember_ruleset (self);
  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, added);
}

/* ---------------------------------------------------------------------- */
/* callbacks                                                               */
/* ---------------------------------------------------------------------- */

static void
document_rules_changed_cb (NflRulesModel *self,
                           const char    *ns,
                           guint          table,
                           const char    *chain,
                           guint          index,
                           guint          removed,
                           guint          added)
{
  if (self->ns == NULL || table != self->table || g_strcmp0 (ns, self->ns) != 0 ||
      g_strcmp0 (chain, self->chain) != 0)
    return;
  if (index + removed > self->rows->len)
    {
      /* the rows were out of step already: start again */
      reset (self);
      return;
    }
  g_ptr_array_remove_range (self->rows, index, removed);
  /* empty slots, in one move of the rest (an undone flush puts back
   * thousands of rules at once) */
  if (added > 0)
    {
      guint tail = self->rows->len - index;

      g_ptr_array_set_size (self->rows, self->rows->len + added);
      memmove (self->rows->pdata + index + added, self->rows->pdata + index, tail * sizeof (gpointer));
      memset (self->rows->pdata + index, 0, added * sizeof (gpointer));
    }
  remember_ruleset (self);
  g_list_model_items_changed (G_LIST_MODEL (self), index, removed, added);
}

static void
document_changed_cb (NflRulesModel *self)
{
  NflNamespace *ns = lookup_namespace (self);
  NflChain *chain = nfl_rules_model_lookup_chain (self);

  if (ns == NULL || ns->ruleset != self->ruleset || ns->ruleset->generation != self->generation ||
      chain == NULL || chain->rules->len != self->rows->len)
    reset (self);
}

/* ---------------------------------------------------------------------- */
/* GListModel                                                              */
/* ---------------------------------------------------------------------- */

static GType
nfl_rules_model_get_item_type (GListModel *model)
{
  return NFL_TYPE_RULE_ROW;
}

static guint
nfl_rules_model_get_n_items (GListModel *model)
{
  return NFL_RULES_MODEL (model)->rows->len;
}

static gpointer
nfl_rules_model_get_item (GListModel *model,
                          guint       position)
{
  NflRulesModel *self = NFL_RULES_MODEL (model);
  NflChain *chain;

  if (position >= self->rows->len)
    return NULL;
  if (self->rows->pdata[position] == NULL)
    {
      chain = nfl_rules_model_lookup_chain (self);
      if (chain == NULL || position >= chain->rules->len)
        return NULL;
      self->rows->pdata[position] = nfl_rule_row_new (g_ptr_array_index (chain->rules, position));
    }
  return g_object_ref (self->rows->pdata[position]);
}

static void
nfl_rules_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = nfl_rules_model_get_item_type;
  iface->get_n_items = nfl_rules_model_get_n_items;
  iface->get_item = nfl_rules_model_get_item;
}

/* ---------------------------------------------------------------------- */
/* GObject                                                                 */
/* ---------------------------------------------------------------------- */

static void
nfl_rules_model_dispose (GObject *object)
{
  NflRulesModel *self = NFL_RULES_MODEL (object);

  g_clear_object (&self->document);

  G_OBJECT_CLASS (nfl_rules_model_parent_class)->dispose (object);
}

static void
nfl_rules_model_finalize (GObject *object)
{
  NflRulesModel *self = NFL_RULES_MODEL (object);

  g_ptr_array_unref (self->rows);
  g_free (self->ns);
  g_free (self->chain);

  G_OBJECT_CLASS (nfl_rules_model_parent_class)->finalize (object);
}

static void
nfl_rules_model_class_init (NflRulesModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = nfl_rules_model_dispose;
  object_class->finalize = nfl_rules_model_finalize;
}

static void
nfl_rules_model_init (NflRulesModel *self)
{
  /* slots are NULL until asked for */
  self->rows = g_ptr_array_new_with_free_func (clear_row);
}

/* ---------------------------------------------------------------------- */
/* public API                                                              */
/* ---------------------------------------------------------------------- */

NflRulesModel *
nfl_rules_model_new (NflDocument *document)
{
  NflRulesModel *self;

  g_return_val_if_fail (NFL_IS_DOCUMENT (document), NULL);

  self = g_object_new (NFL_TYPE_RULES_MODEL, NULL);
  self->document = g_object_ref (document);
  g_signal_connect_object (document, "rules-changed", G_CALLBACK (document_rules_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "changed", G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
  return self;
}

void
nfl_rules_model_set_chain (NflRulesModel *self,
                           const char    *ns,
                           NflTableId     table,
                           const char    *chain)
{
  g_return_if_fail (NFL_IS_RULES_MODEL (self));
  g_return_if_fail (ns == NULL || chain != NULL);

  if (g_strcmp0 (ns, self->ns) == 0 && table == self->table && g_strcmp0 (chain, self->chain) == 0)
    return;
  g_free (self->ns);
  g_free (self->chain);
  self->ns = g_strdup (ns);
  self->table = table;
  self->chain = g_strdup (chain);
  reset (self);
}

const char *
nfl_rules_model_get_namespace (NflRulesModel *self)
{
  g_return_val_if_fail (NFL_IS_RULES_MODEL (self), NULL);
  return self->ns;
}

NflTableId
nfl_rules_model_get_table (NflRulesModel *self)
{
  g_return_val_if_fail (NFL_IS_RULES_MODEL (self), NFL_TABLE_FILTER);
  return self->table;
}

const char *
nfl_rules_model_get_chain (NflRulesModel *self)
{
  g_return_val_if_fail (NFL_IS_RULES_MODEL (self), NULL);
  return self->chain;
}

NflChain *
nfl_rules_model_lookup_chain (NflRulesModel *self)
{
  NflNamespace *ns;

  g_return_val_if_fail (NFL_IS_RULES_MODEL (self), NULL);

  ns = lookup_namespace (self);
  return ns != NULL ? nfl_ruleset_find_chain (ns->ruleset, self->table, self->chain) : NULL;
}
