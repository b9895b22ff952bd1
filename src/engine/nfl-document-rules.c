/* nfl-document-rules.c: the document's edits of rules and chains
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The edits of rules keep in their undo step only the rules they change
 * (an NflRuleSplice per stretch of the chain, see nfl-document-private.h),
 * so that inserting a rule at the top of a chain of 10,000 rules and
 * undoing it copies nothing but that rule.  The edits of chains, which are
 * rarer and touch several places (references, the table's "present"), keep
 * a copy of the scenario like the other edits of the document.
 *
 * Every check is the engine's: the rule checks of nfl_ruleset_check_rule ()
 * and, for chains and policies, the iptables command itself, run on the
 * model (it changes nothing when it refuses).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "nfl-document-private.h"
#include "nfl-format-error.h"
#include "nfl-iptables.h"

/* ---------------------------------------------------------------------- */
/* splices                                                                 */
/* ---------------------------------------------------------------------- */

static NflRuleSplice *
splice_new (const char *ns,
            NflTableId  table,
            const char *chain,
            guint       index,
            guint       n_rules,
            gboolean    present)
{
  NflRuleSplice *splice = g_new0 (NflRuleSplice, 1);

  splice->ns = g_strdup (ns);
  splice->table = table;
  splice->chain = g_strdup (chain);
  splice->index = index;
  splice->n_rules = n_rules;
  splice->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) nfl_rule_free);
  splice->present = present;
  return splice;
}

void
_nfl_rule_splice_free (NflRuleSplice *splice)
{
  if (splice == NULL)
    return;
  g_free (splice->ns);
  g_free (splice->chain);
  g_ptr_array_unref (splice->rules);
  g_free (splice);
}

gboolean
_nfl_rule_splice_travel (NflRuleSplice *splice,
                         NflScenario   *scenario)
{
  NflNamespace *ns = nfl_scenario_find_namespace (scenario, splice->ns);
  NflChain *chain = ns != NULL ? nfl_ruleset_find_chain (ns->ruleset, splice->table, splice->chain) : NULL;
  GPtrArray *rules, *taken;
  guint n_put, old_len, tail;
  gboolean present;

  if (chain == NULL || splice->index + splice->n_rules > chain->rules->len)
    return FALSE;

  rules = chain->rules;
  n_put = splice->rules->len;
  old_len = rules->len;
  tail = old_len - splice->index - splice->n_rules;

  /* what the chain holds there now comes out without copies, and the
   * step's rules go in with one move of the rest (a flush undone puts
   * back 10,000 rules at once) */
  taken = g_ptr_array_new_full (splice->n_rules, (GDestroyNotify) nfl_rule_free);
  for (guint i = 0; i < splice->n_rules; i++)
    g_ptr_array_add (taken, rules->pdata[splice->index + i]);
  g_ptr_array_set_free_func (rules, NULL);
  if (n_put > splice->n_rules)
    g_ptr_array_set_size (rules, old_len - splice->n_rules + n_put);
  if (tail > 0)
    memmove (rules->pdata + splice->index + n_put, rules->pdata + splice->index + splice->n_rules,
             tail * sizeof (gpointer));
  if (n_put > 0)
    memcpy (rules->pdata + splice->index, splice->rules->pdata, n_put * sizeof (gpointer));
  if (n_put < splice->n_rules)
    g_ptr_array_set_size (rules, old_len - splice->n_rules + n_put);
  g_ptr_array_set_free_func (rules, (GDestroyNotify) nfl_rule_free);

  /* the step's rules are the chain's now */
  g_ptr_array_set_free_func (splice->rules, NULL);
  g_ptr_array_unref (splice->rules);
  splice->rules = taken;
  splice->n_rules = n_put;

  present = ns->ruleset->tables[splice->table].present;
  ns->ruleset->tables[splice->table].present = splice->present;
  splice->present = present;
  if (splice->has_policy)
    {
      NflPolicy policy = chain->policy;
      chain->policy = splice->policy;
      splice->policy = policy;
    }
  nfl_ruleset_changed (ns->ruleset);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* look-ups                                                                */
/* ---------------------------------------------------------------------- */

static NflChain *
need_chain (NflDocument   *self,
            const char    *ns_name,
            NflTableId     table,
            const char    *chain_name,
            NflNamespace **ns_out,
            GError       **error)
{
  NflNamespace *ns = _nfl_document_need_namespace (self->scenario, ns_name, error);
  NflChain *chain;

  if (ns == NULL)
    return NULL;
  chain = nfl_ruleset_find_chain (ns->ruleset, table, chain_name);
  if (chain == NULL)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_NOT_FOUND,
                   _("Table %s of %s has no chain “%s”."), nfl_table_name (table), ns->name, chain_name);
      return NULL;
    }
  *ns_out = ns;
  return chain;
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;
  return x < y ? -1 : x > y;
}

/* @numbers as 0-based indices, sorted, each once, all in @chain. */
static GArray *
need_indices (NflChain     *chain,
              const guint  *numbers,
              guint         n_numbers,
              GError      **error)
{
  g_autoptr(GArray) indices = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_numbers);

  if (n_numbers == 0)
    {
      g_set_error_literal (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID, _("No rule is selected."));
      return NULL;
    }
  for (guint i = 0; i < n_numbers; i++)
    {
      guint index = numbers[i] - 1;

      if (numbers[i] == 0 || index >= chain->rules->len)
        {
          g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_NOT_FOUND,
                       _("Chain %s has no rule %u."), chain->name, numbers[i]);
          return NULL;
        }
      g_array_append_val (indices, index);
    }
  g_array_sort (indices, compare_uint);
  for (guint i = indices->len; i > 1; i--)
    if (g_array_index (indices, guint, i - 1) == g_array_index (indices, guint, i - 2))
      g_array_remove_index (indices, i - 1);
  return g_steal_pointer (&indices);
}

/* The chain of an edit of selected rules, and their indices. */
static NflChain *
need_selection (NflDocument   *self,
                const char    *ns_name,
                NflTableId     table,
                const char    *chain_name,
                const guint   *numbers,
                guint          n_numbers,
                NflNamespace **ns,
                GArray       **indices,
                GError       **error)
{
  NflChain *chain = need_chain (self, ns_name, table, chain_name, ns, error);

  if (chain == NULL || (*indices = need_indices (chain, numbers, n_numbers, error)) == NULL)
    return NULL;
  return chain;
}

static GPtrArray *
splices_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) _nfl_rule_splice_free);
}

/* Takes the rules at @indices (sorted) out of @chain, last first, each a
 * splice that holds it. */
static void
take_out (NflNamespace *ns,
          NflTableId    table,
          NflChain     *chain,
          GArray       *indices,
          GPtrArray    *splices)
{
  gboolean present = ns->ruleset->tables[table].present;

  for (guint i = indices->len; i > 0; i--)
    {
      guint index = g_array_index (indices, guint, i - 1);
      NflRuleSplice *splice = splice_new (ns->name, table, chain->name, index, 0, present);

      g_ptr_array_add (splice->rules, g_ptr_array_steal_index (chain->rules, index));
      g_ptr_array_add (splices, splice);
    }
}

/* Puts @rules (transfer full) in at @index, as one splice. */
static void
put_in (NflNamespace *ns,
        NflTableId    table,
        NflChain     *chain,
        guint         index,
        GPtrArray    *rules,
        GPtrArray    *splices)
{
  NflRuleSplice *splice = splice_new (ns->name, table, chain->name, index, rules->len,
                                      ns->ruleset->tables[table].present);

  for (guint i = 0; i < rules->len; i++)
    g_ptr_array_insert (chain->rules, index + i, rules->pdata[i]);
  g_ptr_array_set_free_func (rules, NULL);
  g_ptr_array_unref (rules);
  ns->ruleset->tables[table].present = TRUE;
  g_ptr_array_add (splices, splice);
}

/* "Delete Rule in nat PREROUTING" for one rule, else @many (already
 * translated with its plural form) with the count, table and chain. */
static char *
selection_label (const char *one,
                 const char *many,
                 guint       n,
                 NflTableId  table,
                 const char *chain)
{
  if (n == 1)
    return g_strdup_printf (one, nfl_table_name (table), chain);
  return g_strdup_printf (many, n, nfl_table_name (table), chain);
}

/* ---------------------------------------------------------------------- */
/* public API: rules                                                       */
/* ---------------------------------------------------------------------- */

gboolean
nfl_document_insert_rule (NflDocument   *self,
                          const char    *ns_name,
                          NflTableId     table,
                          const char    *chain_name,
                          guint          position,
                          const NflRule *rule,
                          GError       **error)
{
  NflNamespace *ns = NULL;
  NflChain *chain;
  GPtrArray *splices;
  g_autofree char *label = NULL;
  gboolean present;
  guint index;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (rule != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((chain = need_chain (self, ns_name, table, chain_name, &ns, error)) == NULL)
    return FALSE;
  present = ns->ruleset->tables[table].present;
  index = position == 0 ? chain->rules->len : position - 1;
  if (!nfl_ruleset_insert_rule (ns->ruleset, table, chain->name, position == 0 ? -1 : (int) position,
                                nfl_rule_copy (rule), error))
    {
      _nfl_document_polish_error (error);
      return FALSE;
    }
  splices = splices_new ();
  g_ptr_array_add (splices, splice_new (ns->name, table, chain->name, index, 1, present));
  if (position == 0)
    /* Translators: an Undo menu item; "nat PREROUTING": a table and a chain */
    label = g_strdup_printf (_("Append Rule to %s %s"), nfl_table_name (table), chain->name);
  else
    /* Translators: an Undo menu item; "nat PREROUTING": a table and a chain */
    label = g_strdup_printf (_("Insert Rule in %s %s"), nfl_table_name (table), chain->name);
  _nfl_document_push_splices (self, splices, label);
  return TRUE;
}

gboolean
nfl_document_replace_rule (NflDocument   *self,
                           const char    *ns_name,
                           NflTableId     table,
                           const char    *chain_name,
                           guint          number,
                           const NflRule *rule,
                           GError       **error)
{
  NflNamespace *ns = NULL;
  NflChain *chain;
  NflRuleSplice *splice;
  GPtrArray *splices;
  g_autofree char *label = NULL;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (rule != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((chain = need_chain (self, ns_name, table, chain_name, &ns, error)) == NULL)
    return FALSE;
  if (number == 0 || number > chain->rules->len)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_NOT_FOUND,
                   _("Chain %s has no rule %u."), chain->name, number);
      return FALSE;
    }
  if (!nfl_ruleset_check_rule (ns->ruleset, table, chain->name, rule, error))
    {
      _nfl_document_polish_error (error);
      return FALSE;
    }
  if (nfl_rule_equal_spec (rule, g_ptr_array_index (chain->rules, number - 1)))
    return TRUE;

  splice = splice_new (ns->name, table, chain->name, number - 1, 1, ns->ruleset->tables[table].present);
  g_ptr_array_add (splice->rules, chain->rules->pdata[number - 1]);
  chain->rules->pdata[number - 1] = nfl_rule_copy (rule);
  nfl_ruleset_changed (ns->ruleset);
  splices = splices_new ();
  g_ptr_array_add (splices, splice);
  /* Translators: an Undo menu item; "nat PREROUTING": a table and a chain */
  label = g_strdup_printf (_("Edit Rule in %s %s"), nfl_table_name (table), chain->name);
  _nfl_document_push_splices (self, splices, label);
  return TRUE;
}

gboolean
nfl_document_delete_rules (NflDocument  *self,
                           const char   *ns_name,
                           NflTableId    table,
                           const char   *chain_name,
                           const guint  *numbers,
                           guint         n_numbers,
                           GError      **error)
{
  NflNamespace *ns = NULL;
  NflChain *chain;
  g_autoptr(GArray) indices = NULL;
  GPtrArray *splices;
  g_autofree char *label = NULL;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (numbers != NULL || n_numbers == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((chain = need_selection (self, ns_name, table, chain_name, numbers, n_numbers, &ns, &indices,
                              error)) == NULL)
    return FALSE;

  splices = splices_new ();
  take_out (ns, table, chain, indices, splices);
  nfl_ruleset_changed (ns->ruleset);
  label = selection_label (/* Translators: an Undo menu item; "nat PREROUTING": a table and a chain */
                           _("Delete Rule in %s %s"),
                           /* Translators: an Undo menu item; %u is a count of rules, "nat PREROUTING" a table and a chain */
                           g_dngettext (GETTEXT_PACKAGE, "Delete %u Rule in %s %s", "Delete %u Rules in %s %s",
                                        indices->len),
                           indices->len, table, chain->name);
  _nfl_document_push_splices (self, splices, label);
  return TRUE;
}

gboolean
nfl_document_move_rules (NflDocument  *self,
                         const char   *ns_name,
                         NflTableId    table,
                         const char   *chain_name,
                         const guint  *numbers,
                         guint         n_numbers,
                         guint         position,
                         GError      **error)
{
  NflNamespace *ns = NULL;
  NflChain *chain;
  g_autoptr(GArray) indices = NULL;
  GPtrArray *splices, *moved;
  g_autofree char *label = NULL;
  guint rest, index;
  gboolean in_place = TRUE;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (numbers != NULL || n_numbers == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((chain = need_selection (self, ns_name, table, chain_name, numbers, n_numbers, &ns, &indices,
                              error)) == NULL)
    return FALSE;
  rest = chain->rules->len - indices->len;
  if (position > rest + 1)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                   _("The rules cannot go to position %u: without them, chain %s has %u rules."),
                   position, chain->name, rest);
      return FALSE;
    }
  index = position == 0 ? rest : position - 1;
  /* already there: nothing to do, and no step */
  for (guint i = 0; i < indices->len; i++)
    if (g_array_index (indices, guint, i) != index + i)
      in_place = FALSE;
  if (in_place)
    return TRUE;

  /* copies go to the new place, so that each splice owns its rules */
  moved = g_ptr_array_new_with_free_func ((GDestroyNotify) nfl_rule_free);
  for (guint i = 0; i < indices->len; i++)
    g_ptr_array_add (moved, nfl_rule_copy (g_ptr_array_index (chain->rules, g_array_index (indices, guint, i))));
  splices = splices_new ();
  take_out (ns, table, chain, indices, splices);
  put_in (ns, table, chain, index, moved, splices);
  nfl_ruleset_changed (ns->ruleset);
  label = selection_label (/* Translators: an Undo menu item; "nat PREROUTING": a table and a chain */
                           _("Move Rule in %s %s"),
                           /* Translators: an Undo menu item; %u is a count of rules, "nat PREROUTING" a table and a chain */
                           g_dngettext (GETTEXT_PACKAGE, "Move %u Rule in %s %s", "Move %u Rules in %s %s",
                                        indices->len),
                           indices->len, table, chain->name);
  _nfl_document_push_splices (self, splices, label);
  return TRUE;
}

gboolean
nfl_document_duplicate_rules (NflDocument  *self,
                              const char   *ns_name,
                              NflTableId    table,
                              const char   *chain_name,
                              const guint  *numbers,
                              guint         n_numbers,
                              GError      **error)
{
  NflNamespace *ns = NULL;
  NflChain *chain;
  g_autoptr(GArray) indices = NULL;
  GPtrArray *splices, *copies;
  g_autofree char *label = NULL;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (numbers != NULL || n_numbers == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((chain = need_selection (self, ns_name, table, chain_name, numbers, n_numbers, &ns, &indices,
                              error)) == NULL)
    return FALSE;

  copies = g_ptr_array_new_with_free_func ((GDestroyNotify) nfl_rule_free);
  for (guint i = 0; i < indices->len; i++)
    {
      NflRule *copy = nfl_rule_copy (g_ptr_array_index (chain->rules, g_array_index (indices, guint, i)));

      copy->packets = copy->bytes = 0;
      g_ptr_array_add (copies, copy);
    }
  splices = splices_new ();
  put_in (ns, table, chain, g_array_index (indices, guint, indices->len - 1) + 1, copies, splices);
  nfl_ruleset_changed (ns->ruleset);
  label = selection_label (/* Translators: an Undo menu item; "nat PREROUTING": a table and a chain */
                           _("Duplicate Rule in %s %s"),
                           /* Translators: an Undo menu item; %u is a count of rules, "nat PREROUTING" a table and a chain */
                           g_dngettext (GETTEXT_PACKAGE, "Duplicate %u Rule in %s %s", "Duplicate %u Rules in %s %s",
                                        indices->len),
                           indices->len, table, chain->name);
  _nfl_document_push_splices (self, splices, label);
  return TRUE;
}

gboolean
nfl_document_flush_chain (NflDocument  *self,
                          const char   *ns_name,
                          NflTableId    table,
                          const char   *chain_name,
                          GError      **error)
{
  NflNamespace *ns = NULL;
  NflChain *chain;
  NflRuleSplice *splice;
  GPtrArray *splices;
  g_autofree char *label = NULL;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((chain = need_chain (self, ns_name, table, chain_name, &ns, error)) == NULL)
    return FALSE;
  if (chain->rules->len == 0)
    return TRUE;

  /* the whole array goes into the step as it is */
  splice = splice_new (ns->name, table, chain->name, 0, 0, ns->ruleset->tables[table].present);
  g_ptr_array_unref (splice->rules);
  splice->rules = chain->rules;
  chain->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) nfl_rule_free);
  nfl_ruleset_changed (ns->ruleset);
  splices = splices_new ();
  g_ptr_array_add (splices, splice);
  /* Translators: an Undo menu item; "nat PREROUTING": a table and a chain */
  label = g_strdup_printf (_("Flush %s %s"), nfl_table_name (table), chain->name);
  _nfl_document_push_splices (self, splices, label);
  return TRUE;
}

/* Runs "iptables -t TABLE ARGS…" on the model: it changes nothing when it
 * refuses, and its refusal is iptables' own. */
static gboolean
run_iptables (NflNamespace  *ns,
              NflTableId     table,
              const char   **args,
              GError       **error)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GString) output = g_string_new (NULL);

  g_ptr_array_add (argv, (gpointer) "iptables");
  g_ptr_array_add (argv, (gpointer) "-t");
  g_ptr_array_add (argv, (gpointer) nfl_table_name (table));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  if (!nfl_iptables_run (ns->ruleset, argv->len - 1, (char **) argv->pdata, output, NULL, error))
    {
      _nfl_document_polish_error (error);
      return FALSE;
    }
  return TRUE;
}

gboolean
nfl_document_set_policy (NflDocument  *self,
                         const char   *ns_name,
                         NflTableId    table,
                         const char   *chain_name,
                         NflPolicy     policy,
                         GError      **error)
{
  NflNamespace *ns = NULL;
  NflChain *chain;
  NflRuleSplice *splice;
  GPtrArray *splices;
  g_autofree char *label = NULL;
  NflPolicy old;
  gboolean present;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (policy == NFL_POLICY_ACCEPT || policy == NFL_POLICY_DROP, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((chain = need_chain (self, ns_name, table, chain_name, &ns, error)) == NULL)
    return FALSE;
  if (chain->builtin && chain->policy == policy)
    return TRUE;
  old = chain->policy;
  present = ns->ruleset->tables[table].present;
  if (!run_iptables (ns, table, (const char *[]) { "-P", chain->name, nfl_policy_name (policy), NULL }, error))
    return FALSE;

  splice = splice_new (ns->name, table, chain->name, 0, 0, present);
  splice->has_policy = TRUE;
  splice->policy = old;
  splices = splices_new ();
  g_ptr_array_add (splices, splice);
  /* Translators: an Undo menu item; "filter INPUT": a table and a chain, then ACCEPT or DROP */
  label = g_strdup_printf (_("Set Policy of %s %s to %s"), nfl_table_name (table), chain->name,
                           nfl_policy_name (policy));
  _nfl_document_push_splices (self, splices, label);
  return TRUE;
}

gboolean
nfl_document_zero_counters (NflDocument  *self,
                            const char   *ns_name,
                            NflTableId    table,
                            const char   *chain_name,
                            GError      **error)
{
  NflNamespace *ns;
  NflScenario *before;
  g_autofree char *label = NULL;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((ns = _nfl_document_need_namespace (self->scenario, ns_name, error)) == NULL)
    return FALSE;
  if (chain_name != NULL && nfl_ruleset_find_chain (ns->ruleset, table, chain_name) == NULL)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_NOT_FOUND,
                   _("Table %s of %s has no chain “%s”."), nfl_table_name (table), ns->name, chain_name);
      return FALSE;
    }
  before = _nfl_document_begin_edit (self, MERGE_NONE, NULL);
  if (!run_iptables (ns, table, (const char *[]) { "-Z", chain_name, NULL }, error))
    {
      g_clear_object (&before);
      return FALSE;
    }
  if (chain_name != NULL)
    /* Translators: an Undo menu item; "filter INPUT": a table and a chain */
    label = g_strdup_printf (_("Zero Counters of %s %s"), nfl_table_name (table), chain_name);
  else
    /* Translators: an Undo menu item; %s is a table */
    label = g_strdup_printf (_("Zero Counters of %s"), nfl_table_name (table));
  _nfl_document_commit_edit (self, before, label, MERGE_NONE, NULL);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* public API: chains                                                      */
/* ---------------------------------------------------------------------- */

static gboolean
check_chain_name (const char  *name,
                  GError     **error)
{
  /* the scenario file's rule for names (nfl-scenario-xml.c), stricter
   * than iptables', so that a document can always be saved */
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '.' && *p != '-')
      {
        g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                     _("“%s” cannot be used as a chain name: names may hold only letters, digits, “_”, “.” and “-”."),
                     name);
        return FALSE;
      }
  return TRUE;
}

gboolean
nfl_document_add_chain (NflDocument  *self,
                        const char   *ns_name,
                        NflTableId    table,
                        const char   *name,
                        GError      **error)
{
  NflNamespace *ns;
  NflScenario *before;
  g_autofree char *label = NULL;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((ns = _nfl_document_need_namespace (self->scenario, ns_name, error)) == NULL ||
      !check_chain_name (name, error))
    return FALSE;
  before = _nfl_document_begin_edit (self, MERGE_NONE, NULL);
  if (!run_iptables (ns, table, (const char *[]) { "-N", name, NULL }, error))
    {
      g_clear_object (&before);
      return FALSE;
    }
  /* Translators: an Undo menu item; %s is a chain name, then a table */
  label = g_strdup_printf (_("New Chain %s in %s"), name, nfl_table_name (table));
  _nfl_document_commit_edit (self, before, label, MERGE_NONE, NULL);
  return TRUE;
}

gboolean
nfl_document_rename_chain (NflDocument  *self,
                           const char   *ns_name,
                           NflTableId    table,
                           const char   *name,
                           const char   *new_name,
                           GError      **error)
{
  NflNamespace *ns = NULL;
  NflChain *chain;
  NflScenario *before;
  g_autofree char *label = NULL;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (new_name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((chain = need_chain (self, ns_name, table, name, &ns, error)) == NULL)
    return FALSE;
  if (g_str_equal (name, new_name))
    return TRUE;
  if (chain->builtin)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                   _("%s is a built-in chain: only user chains can be renamed."), name);
      return FALSE;
    }
  if (!check_chain_name (new_name, error))
    return FALSE;
  before = _nfl_document_begin_edit (self, MERGE_NONE, NULL);
  if (!run_iptables (ns, table, (const char *[]) { "-E", name, new_name, NULL }, error))
    {
      g_clear_object (&before);
      return FALSE;
    }
  /* Translators: an Undo menu item; %s is a chain name */
  label = g_strdup_printf (_("Rename Chain %s"), name);
  _nfl_document_commit_edit (self, before, label, MERGE_NONE, NULL);
  return TRUE;
}

char *
nfl_document_describe_references (NflDocument *self,
                                  const char  *ns_name,
                                  NflTableId   table,
                                  const char  *name)
{
  NflNamespace *ns;
  GPtrArray *chains;
  GString *out = NULL;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), NULL);

  if ((ns = nfl_scenario_find_namespace (self->scenario, ns_name)) == NULL)
    return NULL;
  chains = ns->ruleset->tables[table].chains;
  for (guint c = 0; c < chains->len; c++)
    {
      NflChain *chain = g_ptr_array_index (chains, c);

      for (guint r = 0; r < chain->rules->len; r++)
        {
          NflRule *rule = g_ptr_array_index (chain->rules, r);
          g_autofree char *spec = NULL;

          if ((rule->target.kind != NFL_TARGET_JUMP && rule->target.kind != NFL_TARGET_GOTO) ||
              strcmp (rule->target.chain, name) != 0)
            continue;
          if (out == NULL)
            out = g_string_new (NULL);
          else
            g_string_append_c (out, '\n');
          spec = nfl_rule_to_save_spec (rule);
          /* Translators: "filter INPUT rule 1 (-j my_chain)": a table, a chain, a rule number and the rule */
          g_string_append_printf (out, _("%s %s rule %u (%s)"), nfl_table_name (table), chain->name, r + 1, spec);
        }
    }
  return out != NULL ? g_string_free (out, FALSE) : NULL;
}

gboolean
nfl_document_delete_chain (NflDocument  *self,
                           const char   *ns_name,
                           NflTableId    table,
                           const char   *name,
                           GError      **error)
{
  NflNamespace *ns = NULL;
  NflChain *chain;
  NflScenario *before;
  g_autofree char *label = NULL;
  g_autofree char *references = NULL;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((chain = need_chain (self, ns_name, table, name, &ns, error)) == NULL)
    return FALSE;
  if (chain->builtin)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                   _("%s is a built-in chain: only user chains can be deleted."), name);
      return FALSE;
    }
  /* iptables refuses too (CHAIN_DEL: Device or resource busy); saying
   * which rules jump there tells the user what to change first */
  references = nfl_document_describe_references (self, ns_name, table, name);
  if (references != NULL)
    {
      g_set_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID,
                   _("Chain %s cannot be deleted while rules jump to it:\n%s"), name, references);
      return FALSE;
    }
  before = _nfl_document_begin_edit (self, MERGE_NONE, NULL);
  /* the chain goes with its rules, as -F and then -X */
  if (!run_iptables (ns, table, (const char *[]) { "-F", name, NULL }, error) ||
      !run_iptables (ns, table, (const char *[]) { "-X", name, NULL }, error))
    {
      /* -F may have run: put the model back */
      nfl_scenario_take_contents (self->scenario, before);
      g_object_unref (before);
      return FALSE;
    }
  /* Translators: an Undo menu item; %s is a chain name */
  label = g_strdup_printf (_("Delete Chain %s"), name);
  _nfl_document_commit_edit (self, before, label, MERGE_NONE, NULL);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* public API: the tutorial's logging, the console                         */
/* ---------------------------------------------------------------------- */

/* log_iptables_ns of the tutorial, in its order, with its words for the
 * chains in the prefixes (nat PREROUTING is "NAT_PREROUTE" there) */
static const struct {
  NflTableId  table;
  const char *chain;
  const char *word;
} tutorial_log_chains[] = {
  { NFL_TABLE_FILTER, "INPUT", "FILTER_INPUT" },
  { NFL_TABLE_FILTER, "FORWARD", "FILTER_FORWARD" },
  { NFL_TABLE_FILTER, "OUTPUT", "FILTER_OUTPUT" },
  { NFL_TABLE_NAT, "PREROUTING", "NAT_PREROUTE" },
  { NFL_TABLE_NAT, "INPUT", "NAT_INPUT" },
  { NFL_TABLE_NAT, "OUTPUT", "NAT_OUTPUT" },
  { NFL_TABLE_NAT, "POSTROUTING", "NAT_POSTROUTING" },
  { NFL_TABLE_MANGLE, "PREROUTING", "MANGLE_PREROUTING" },
  { NFL_TABLE_MANGLE, "INPUT", "MANGLE_INPUT" },
  { NFL_TABLE_MANGLE, "FORWARD", "MANGLE_FORWARD" },
  { NFL_TABLE_MANGLE, "OUTPUT", "MANGLE_OUTPUT" },
  { NFL_TABLE_MANGLE, "POSTROUTING", "MANGLE_POSTROUTING" },
  { NFL_TABLE_RAW, "PREROUTING", "RAW_PREROUTING" },
  { NFL_TABLE_RAW, "OUTPUT", "RAW_OUTPUT" },
};

static gboolean
log_every_chain_of (NflNamespace  *ns,
                    GError       **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (tutorial_log_chains); i++)
    {
      NflTableId table = tutorial_log_chains[i].table;
      NflChain *chain = nfl_ruleset_find_chain (ns->ruleset, table, tutorial_log_chains[i].chain);
      g_autofree char *prefix = g_strdup_printf ("IPTABLES_%s_%s ", ns->name, tutorial_log_chains[i].word);
      const char *words[] = { "-j", "LOG", "--log-prefix", prefix, NULL };
      g_autoptr(NflRule) rule = NULL;

      /* the words iptables reads, so the prefix is cut where iptables
       * cuts it */
      rule = nfl_iptables_parse_rule (G_N_ELEMENTS (words) - 1, (char **) words, NULL, error);
      if (rule == NULL)
        return FALSE;
      if (chain->rules->len > 0 && nfl_rule_equal_spec (rule, g_ptr_array_index (chain->rules, 0)))
        continue;
      if (!nfl_ruleset_insert_rule (ns->ruleset, table, chain->name, 1, g_steal_pointer (&rule), error))
        return FALSE;
    }
  return TRUE;
}

gboolean
nfl_document_log_every_chain (NflDocument  *self,
                              const char   *ns_name,
                              GError      **error)
{
  g_autoptr(NflScenario) work = NULL;
  GPtrArray *namespaces;
  g_autofree char *label = NULL;
  gboolean any = FALSE;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (ns_name != NULL && _nfl_document_need_namespace (self->scenario, ns_name, error) == NULL)
    return FALSE;
  work = nfl_scenario_copy (self->scenario);
  namespaces = nfl_scenario_get_namespaces (work);
  for (guint i = 0; i < namespaces->len; i++)
    {
      NflNamespace *ns = g_ptr_array_index (namespaces, i);
      guint before = nfl_ruleset_count_rules (ns->ruleset);

      if (ns_name != NULL && strcmp (ns->name, ns_name) != 0)
        continue;
      if (!log_every_chain_of (ns, error))
        {
          _nfl_document_polish_error (error);
          return FALSE;
        }
      any |= nfl_ruleset_count_rules (ns->ruleset) != before;
    }
  if (!any)
    return TRUE;
  if (ns_name != NULL)
    /* Translators: an Undo menu item; %s is a namespace */
    label = g_strdup_printf (_("Log Every Chain of %s"), ns_name);
  else
    /* Translators: an Undo menu item */
    label = g_strdup (_("Log Every Chain"));
  _nfl_document_commit_work (self, g_steal_pointer (&work), label);
  return TRUE;
}

gboolean
nfl_document_run_commands (NflDocument   *self,
                           const char    *ns,
                           const char    *text,
                           GString       *output,
                           NflSourcePos  *where,
                           GError       **error)
{
  g_autofree char *first = NULL;
  g_autofree char *label = NULL;
  const char *end;

  g_return_val_if_fail (NFL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* the menu names the command: its first line, shortened */
  end = strchr (text, '\n');
  first = g_strstrip (g_strndup (text, end != NULL ? (gsize) (end - text) : strlen (text)));
  if (g_utf8_validate (first, -1, NULL) && g_utf8_strlen (first, -1) > 40)
    {
      char *cut = g_utf8_substring (first, 0, 39);
      g_free (first);
      first = g_strconcat (cut, "…", NULL);
      g_free (cut);
    }
  /* Translators: an Undo menu item; %s is a command line */
  label = g_strdup_printf (_("Run “%s”"), first);
  return _nfl_document_apply_commands (self, text, ns, output, label, where, error);
}
