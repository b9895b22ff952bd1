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

#include <glib/gi18n.h>
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

  /* the shadowed-rule analysis, on a worker thread (a chain of 10,000
   * rules takes tens of milliseconds) */
  GArray      *shadowed_by; /* guint per rule, 1-based, 0: none; or NULL */
  GCancellable *analysis;
  guint        analysis_idle;
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

typedef struct {
  NflChain    chain;        /* a copy of the rules, for the thread */
  NflRuleset *ruleset;      /* what it was copied from */
  guint       generation;
  /* the model, weakly: the worker may drop the task's last reference,
   * and the model must not be finalized there */
  GWeakRef    model;
} Analysis;

static void
analysis_free (Analysis *a)
{
  g_weak_ref_clear (&a->model);
  g_ptr_array_unref (a->chain.rules);
  g_free (a);
}

static void
analysis_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Analysis *a = task_data;

  g_task_return_pointer (task, nfl_chain_find_shadowed (&a->chain), (GDestroyNotify) g_array_unref);
}

static char *
warning_text (NflChain *chain,
              guint     shadowed_by)
{
  g_autofree char *spec = nfl_rule_to_save_spec (g_ptr_array_index (chain->rules, shadowed_by - 1));

  /* Translators: a rule that never matches; %u and %s are the earlier rule's number and the rule */
  return g_strdup_printf (_("Never matches: rule %u (%s) takes all its packets"), shadowed_by, spec);
}

static void
apply_warning (NflRulesModel *self,
               NflChain      *chain,
               guint          index)
{
  NflRuleRow *row = self->rows->pdata[index];
  guint by = self->shadowed_by != NULL && index < self->shadowed_by->len
               ? g_array_index (self->shadowed_by, guint, index) : 0;
  g_autofree char *text = NULL;

  if (row == NULL)
    return;
  if (index < chain->rules->len && nfl_rule_find_unmodelled (g_ptr_array_index (chain->rules, index)) != NULL)
    {
      g_autofree char *name = nfl_rule_unmodelled_name (nfl_rule_find_unmodelled (g_ptr_array_index (chain->rules, index)));

      /* Translators: %s is an iptables match or target, “-m recent” */
      text = g_strdup_printf (_("Not simulated: %s is kept as written, and a trace that reaches this rule stops here"),
                              name);
    }
  else if (by > 0 && by <= chain->rules->len)
    text = warning_text (chain, by);
  nfl_rule_row_set_warning (row, text);
}

static void schedule_analysis (NflRulesModel *self);

static void
analysis_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Analysis *a = g_task_get_task_data (G_TASK (result));
  g_autoptr(GArray) findings = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autoptr(NflRulesModel) self = g_weak_ref_get (&a->model);
  NflChain *chain;

  if (findings == NULL || self == NULL)
    return;   /* cancelled: the model changed or went */
  chain = nfl_rules_model_lookup_chain (self);
  if (chain == NULL || a->ruleset != self->ruleset || a->generation != self->generation ||
      chain->rules->len != a->chain.rules->len)
    {
      schedule_analysis (self);
      return;
    }
  g_clear_pointer (&self->shadowed_by, g_array_unref);
  self->shadowed_by = g_array_new (FALSE, TRUE, sizeof (guint));
  g_array_set_size (self->shadowed_by, chain->rules->len);
  for (guint i = 0; i < findings->len; i++)
    {
      NflShadowFinding *f = &g_array_index (findings, NflShadowFinding, i);
      g_array_index (self->shadowed_by, guint, f->rule - 1) = f->shadowed_by;
    }
  for (guint i = 0; i < self->rows->len; i++)
    apply_warning (self, chain, i);
}

static gboolean
analysis_idle_cb (gpointer user_data)
{
  NflRulesModel *self = user_data;
  NflChain *chain = nfl_rules_model_lookup_chain (self);
  g_autoptr(GTask) task = NULL;
  Analysis *a;

  self->analysis_idle = 0;
  if (chain == NULL)
    return G_SOURCE_REMOVE;
  a = g_new0 (Analysis, 1);
  a->chain.rules = g_ptr_array_new_full (chain->rules->len, (GDestroyNotify) nfl_rule_free);
  for (guint i = 0; i < chain->rules->len; i++)
    g_ptr_array_add (a->chain.rules, nfl_rule_copy (g_ptr_array_index (chain->rules, i)));
  a->ruleset = self->ruleset;
  a->generation = self->generation;
  g_cancellable_cancel (self->analysis);
  g_clear_object (&self->analysis);
  self->analysis = g_cancellable_new ();
  g_weak_ref_init (&a->model, self);
  task = g_task_new (NULL, self->analysis, analysis_done_cb, NULL);
  g_task_set_task_data (task, a, (GDestroyNotify) analysis_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, analysis_thread);
  return G_SOURCE_REMOVE;
}

/* The warnings follow each change of the chain, once the change is
 * shown. */
static void
schedule_analysis (NflRulesModel *self)
{
  g_clear_pointer (&self->shadowed_by, g_array_unref);
  if (self->analysis_idle == 0)
    self->analysis_idle = g_idle_add_full (G_PRIORITY_LOW, analysis_idle_cb, self, NULL);
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
  schedule_analysis (self);
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
      if (tail > 0)
        memmove (self->rows->pdata + index + added, self->rows->pdata + index, tail * sizeof (gpointer));
      memset (self->rows->pdata + index, 0, added * sizeof (gpointer));
    }
  remember_ruleset (self);
  schedule_analysis (self);
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
      apply_warning (self, chain, position);
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

  g_cancellable_cancel (self->analysis);
  g_clear_object (&self->analysis);
  g_clear_handle_id (&self->analysis_idle, g_source_remove);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (nfl_rules_model_parent_class)->dispose (object);
}

static void
nfl_rules_model_finalize (GObject *object)
{
  NflRulesModel *self = NFL_RULES_MODEL (object);

  g_ptr_array_unref (self->rows);
  g_clear_pointer (&self->shadowed_by, g_array_unref);
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
