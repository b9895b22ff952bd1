/* nfl-rules-view.c: the tables, chains and rules of one namespace
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page of the Design view that slides in over the topology: the table
 * switcher, the chains of that table in the tutorial's order, the rules of
 * the selected chain laid out like "iptables -L -v -n --line-numbers",
 * and the command console.  Every edit is an NflDocument operation; the
 * rule list is an NflRulesModel, which updates only the rows an edit
 * changed, so a chain of 10,000 rules stays quick.  The chain list is a
 * GtkListView over NflChainItems, so a table of thousands of chains (a
 * kube-proxy node) makes, measures and draws rows only for the chains on
 * screen; its search entry filters that model.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "nfl-chain-item.h"
#include "nfl-command-console.h"
#include "nfl-rule-form.h"
#include "nfl-rule-row.h"
#include "nfl-rules-model.h"
#include "nfl-rules-view.h"

struct _NflRulesView
{
  AdwBin             parent_instance;

  NflDocument       *document;
  NflRulesModel     *model;
  GtkMultiSelection *selection;
  char              *ns;
  NflTableId         table;
  char              *chain;
  gboolean           filling;     /* while the view sets its own controls */
  GtkWidget         *name_popover;
  GListStore        *chains;          /* NflChainItem, the table's chains in order */
  GtkStringFilter   *chain_filter;    /* the search entry's text */
  GtkFilterListModel *shown_chains;
  GtkSingleSelection *chain_selection;

  /* template children */
  GtkListView       *chain_list;
  GtkWidget         *chain_search;
  GtkLabel          *chain_label;
  GtkMenuButton     *chain_menu_button;
  GtkPaned          *chains_paned;
  GtkWidget         *console;
  GtkToggleButton   *console_button;
  GtkPaned          *console_paned;
  AdwStatusPage     *empty_page;
  GtkToggleButton   *filter_button;
  GtkToggleButton   *mangle_button;
  GtkToggleButton   *nat_button;
  GtkToggleButton   *raw_button;
  GMenuModel        *rule_menu;
  GtkColumnView     *rule_view;
  GtkStack          *rules_stack;
  GtkLabel          *table_label;
  GtkLabel          *title_label;
};

G_DEFINE_FINAL_TYPE (NflRulesView, nfl_rules_view, ADW_TYPE_BIN)

/* The tutorial's order of the built-in chains of each table (nat INPUT,
 * which its table leaves out, where its log_iptables_ns puts it). */
static const char *const builtin_order[NFL_N_TABLES][6] = {
  [NFL_TABLE_RAW] = { "PREROUTING", "OUTPUT", NULL },
  [NFL_TABLE_MANGLE] = { "PREROUTING", "INPUT", "OUTPUT", "FORWARD", "POSTROUTING", NULL },
  [NFL_TABLE_NAT] = { "PREROUTING", "INPUT", "OUTPUT", "POSTROUTING", NULL },
  [NFL_TABLE_FILTER] = { "INPUT", "FORWARD", "OUTPUT", NULL },
};

static const char *
table_explanation (NflTableId table)
{
  /* the tutorial's terminology */
  switch (table)
    {
    case NFL_TABLE_FILTER:
      return _("filter decides if the packet continues or not. It is the default table: INPUT for packets to local processes, FORWARD for packets being routed, OUTPUT for locally generated packets.");
    case NFL_TABLE_NAT:
      return _("nat performs network address translation: PREROUTING alters packets as soon as they come in (DNAT), OUTPUT those a local process makes, POSTROUTING those about to go out (SNAT).");
    case NFL_TABLE_MANGLE:
      return _("mangle is for specialized packet alteration (TOS, TTL, marks), in every chain.");
    case NFL_TABLE_RAW:
      return _("raw sees packets before connection tracking; it is used mainly to exempt them from it with the NOTRACK target.");
    default:
      g_assert_not_reached ();
    }
}

static GtkToggleButton *
table_button (NflRulesView *self,
              NflTableId    table)
{
  switch (table)
    {
    case NFL_TABLE_FILTER: return self->filter_button;
    case NFL_TABLE_NAT: return self->nat_button;
    case NFL_TABLE_MANGLE: return self->mangle_button;
    case NFL_TABLE_RAW: return self->raw_button;
    default: g_assert_not_reached ();
    }
}

/* ---------------------------------------------------------------------- */
/* look-ups                                                                */
/* ---------------------------------------------------------------------- */

static NflNamespace *
lookup_namespace (NflRulesView *self)
{
  if (self->document == NULL || self->ns == NULL)
    return NULL;
  return nfl_scenario_find_namespace (nfl_document_get_scenario (self->document), self->ns);
}

static NflChain *
lookup_chain (NflRulesView *self)
{
  NflNamespace *ns = lookup_namespace (self);

  return ns != NULL && self->chain != NULL ? nfl_ruleset_find_chain (ns->ruleset, self->table, self->chain) : NULL;
}

/* The chains of the table in the order the list shows them. */
static GPtrArray *
ordered_chains (NflNamespace *ns,
                NflTableId    table)
{
  GPtrArray *chains = g_ptr_array_new ();
  NflTable *t = nfl_ruleset_get_table (ns->ruleset, table);

  for (guint i = 0; builtin_order[table][i] != NULL; i++)
    {
      NflChain *chain = nfl_ruleset_find_chain (ns->ruleset, table, builtin_order[table][i]);
      if (chain != NULL)
        g_ptr_array_add (chains, chain);
    }
  for (guint c = 0; c < t->chains->len; c++)
    {
      NflChain *chain = g_ptr_array_index (t->chains, c);
      if (!chain->builtin)
        g_ptr_array_add (chains, chain);
    }
  return chains;
}

/* @refs: the rules that jump or go to @chain */
static char *
describe_chain (NflChain *chain,
                guint     refs)
{
  g_autofree char *rules = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u rule", "%u rules", chain->rules->len),
                                            chain->rules->len);

  if (chain->builtin)
    /* Translators: "policy ACCEPT · 3 rules" */
    return g_strdup_printf (_("policy %s · %s"), nfl_policy_name (chain->policy), rules);
  else
    {
      g_autofree char *references = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u reference", "%u references",
                                                                  refs), refs);
      /* Translators: "2 references · 1 rule" */
      return g_strdup_printf (_("%s · %s"), references, rules);
    }
}

GArray *
nfl_rules_view_get_selection (NflRulesView *self)
{
  GArray *numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;

  g_return_val_if_fail (NFL_IS_RULES_VIEW (self), numbers);

  if (self->selection == NULL)
    return numbers;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      guint number = position + 1;
      g_array_append_val (numbers, number);
    }
  return numbers;
}

/* ---------------------------------------------------------------------- */
/* what the view shows                                                     */
/* ---------------------------------------------------------------------- */

static void
update_actions (NflRulesView *self)
{
  NflChain *chain = lookup_chain (self);
  g_autoptr(GArray) numbers = nfl_rules_view_get_selection (self);
  guint n_rules = chain != NULL ? chain->rules->len : 0;
  gboolean any = numbers->len > 0 && chain != NULL;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "rules.add-rule", chain != NULL);
  gtk_widget_action_set_enabled (widget, "rules.edit-rule", numbers->len == 1 && chain != NULL);
  gtk_widget_action_set_enabled (widget, "rules.insert-above", any);
  gtk_widget_action_set_enabled (widget, "rules.insert-below", any);
  gtk_widget_action_set_enabled (widget, "rules.duplicate", any);
  gtk_widget_action_set_enabled (widget, "rules.delete", any);
  gtk_widget_action_set_enabled (widget, "rules.copy", any);
  gtk_widget_action_set_enabled (widget, "rules.move-up", any && g_array_index (numbers, guint, 0) > 1);
  gtk_widget_action_set_enabled (widget, "rules.move-down",
                                 any && g_array_index (numbers, guint, numbers->len - 1) < n_rules);
  gtk_widget_action_set_enabled (widget, "rules.policy", chain != NULL && chain->builtin);
  gtk_widget_action_set_enabled (widget, "rules.flush-chain", n_rules > 0);
  gtk_widget_action_set_enabled (widget, "rules.zero-counters", chain != NULL);
  gtk_widget_action_set_enabled (widget, "rules.rename-chain", chain != NULL && !chain->builtin);
  gtk_widget_action_set_enabled (widget, "rules.delete-chain", chain != NULL && !chain->builtin);
  gtk_widget_action_set_enabled (widget, "rules.new-chain", lookup_namespace (self) != NULL);
  gtk_widget_action_set_enabled (widget, "rules.log-every-chain", lookup_namespace (self) != NULL);
}

static void
update_chain_label (NflRulesView *self)
{
  NflNamespace *ns = lookup_namespace (self);
  NflChain *chain = lookup_chain (self);
  g_autofree char *text = NULL;

  if (chain == NULL)
    {
      gtk_label_set_text (self->chain_label, "");
      return;
    }
  text = describe_chain (chain, chain->builtin ? 0 : nfl_ruleset_count_references (ns->ruleset, self->table,
                                                                                   chain->name));
  gtk_label_set_text (self->chain_label, text);
  gtk_stack_set_visible_child_name (self->rules_stack, chain->rules->len > 0 ? "list" : "empty");
  if (chain->rules->len == 0)
    {
      /* Translators: "No Rules in nat PREROUTING" */
      g_autofree char *title = g_strdup_printf (_("No Rules in %s %s"), nfl_table_name (self->table), chain->name);
      adw_status_page_set_title (self->empty_page, title);
    }
}

/* Selects the shown chain in the list and scrolls to it: a chain picked
 * by name (the Simulate view's rule-reached, a console command) may be
 * far down a list of thousands.  Nothing is selected while the search
 * hides the chain. */
static void
select_shown_chain (NflRulesView *self)
{
  GListModel *shown = G_LIST_MODEL (self->shown_chains);
  guint n = g_list_model_get_n_items (shown);
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < n && self->chain != NULL; i++)
    {
      g_autoptr(NflChainItem) item = g_list_model_get_item (shown, i);

      if (strcmp (nfl_chain_item_get_name (item), self->chain) == 0)
        {
          position = i;
          break;
        }
    }
  self->filling = TRUE;
  gtk_single_selection_set_selected (self->chain_selection, position);
  self->filling = FALSE;
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->chain_list), "list.scroll-to-item", "u", position);
}

/* The chain list shows the chains whose name holds the search text, in
 * any case (the filter's default). */
static void
chain_search_changed_cb (NflRulesView *self)
{
  gtk_string_filter_set_search (self->chain_filter, gtk_editable_get_text (GTK_EDITABLE (self->chain_search)));
  select_shown_chain (self);
}

static void
search_chains_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  NflRulesView *self = NFL_RULES_VIEW (widget);

  gtk_widget_grab_focus (self->chain_search);
}

/* ---------------------------------------------------------------------- */
/* the chain list's rows                                                   */
/* ---------------------------------------------------------------------- */

static void
chain_row_setup_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *details = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_label_set_ellipsize (GTK_LABEL (details), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (details, "dim-label");
  gtk_widget_add_css_class (details, "caption");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), details);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_list_item_set_child (list_item, box);
}

/* The row is the list's item widget, the parent of the child once the
 * item is bound: screen readers read its name, description and state
 * (GTK 4.8 has no accessible label on GtkListItem). */
static GtkAccessible *
chain_row_accessible (GtkListItem *list_item)
{
  return GTK_ACCESSIBLE (gtk_widget_get_parent (gtk_list_item_get_child (list_item)));
}

static void
update_chain_row_details (GtkListItem *list_item)
{
  NflChainItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *details = gtk_widget_get_last_child (gtk_list_item_get_child (list_item));
  const char *text = nfl_chain_item_get_details (item);

  gtk_label_set_text (GTK_LABEL (details), text);
  gtk_accessible_update_property (chain_row_accessible (list_item), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  nfl_chain_item_get_name (item), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static void
chain_item_details_notify_cb (NflChainItem *item,
                              GParamSpec   *pspec,
                              GtkListItem  *list_item)
{
  update_chain_row_details (list_item);
}

static void
chain_row_bind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item)
{
  NflChainItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *name = gtk_widget_get_first_child (gtk_list_item_get_child (list_item));
  gboolean builtin = nfl_chain_item_get_builtin (item);

  gtk_label_set_text (GTK_LABEL (name), nfl_chain_item_get_name (item));
  gtk_widget_remove_css_class (name, builtin ? "nfl-user-chain" : "nfl-builtin-chain");
  gtk_widget_add_css_class (name, builtin ? "nfl-builtin-chain" : "nfl-user-chain");
  update_chain_row_details (list_item);
  /* GTK sets the row's selected state when the selection changes: set it
   * on every bound row, so that all of them say they can be selected, as
   * list box rows do */
  gtk_accessible_update_state (chain_row_accessible (list_item), GTK_ACCESSIBLE_STATE_SELECTED,
                               gtk_list_item_get_selected (list_item), -1);
  g_signal_connect (item, "notify::details", G_CALLBACK (chain_item_details_notify_cb), list_item);
}

static void
chain_row_unbind_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (list_item), chain_item_details_notify_cb, list_item);
}

/* How many rules of @table jump or go to each chain (name -> count):
 * counted for all at once, a table can have thousands of chains. */
static GHashTable *
count_references (NflNamespace *ns,
                  NflTableId    table)
{
  GHashTable *refs = g_hash_table_new (g_str_hash, g_str_equal);
  NflTable *t = nfl_ruleset_get_table (ns->ruleset, table);

  for (guint c = 0; c < t->chains->len; c++)
    {
      NflChain *chain = g_ptr_array_index (t->chains, c);

      for (guint r = 0; r < chain->rules->len; r++)
        {
          NflRule *rule = g_ptr_array_index (chain->rules, r);

          if (rule->target.kind == NFL_TARGET_JUMP || rule->target.kind == NFL_TARGET_GOTO)
            g_hash_table_insert (refs, rule->target.chain,
                                 GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (refs, rule->target.chain)) + 1));
        }
    }
  return refs;
}

/* Whether the items of the chain list are for @chains, in that order. */
static gboolean
items_are_chains (NflRulesView *self,
                  GPtrArray    *chains)
{
  GListModel *items = G_LIST_MODEL (self->chains);

  if (g_list_model_get_n_items (items) != chains->len)
    return FALSE;
  for (guint i = 0; i < chains->len; i++)
    {
      g_autoptr(NflChainItem) item = g_list_model_get_item (items, i);

      if (strcmp (nfl_chain_item_get_name (item), ((NflChain *) g_ptr_array_index (chains, i))->name) != 0)
        return FALSE;
    }
  return TRUE;
}

/* The chain list of the table, with the shown chain selected.  When the
 * table has the same chains as the list shows (a rule edited, another
 * chain picked), the items stay and only their details change. */
static void
fill_chains (NflRulesView *self)
{
  NflNamespace *ns = lookup_namespace (self);
  g_autoptr(GPtrArray) chains = ns != NULL ? ordered_chains (ns, self->table) : g_ptr_array_new ();
  g_autoptr(GHashTable) refs = ns != NULL ? count_references (ns, self->table) : NULL;
  gboolean same = items_are_chains (self, chains);
  g_autoptr(GPtrArray) items = same ? NULL : g_ptr_array_new_full (chains->len, g_object_unref);

  for (guint i = 0; i < chains->len; i++)
    {
      NflChain *chain = g_ptr_array_index (chains, i);
      g_autofree char *text = describe_chain (chain, chain->builtin ? 0 : GPOINTER_TO_UINT (g_hash_table_lookup (refs, chain->name)));

      if (same)
        {
          g_autoptr(NflChainItem) item = g_list_model_get_item (G_LIST_MODEL (self->chains), i);

          nfl_chain_item_set_details (item, text);
        }
      else
        g_ptr_array_add (items, nfl_chain_item_new (chain->name, chain->builtin, text));
    }
  if (!same)
    {
      self->filling = TRUE;
      g_list_store_splice (self->chains, 0, g_list_model_get_n_items (G_LIST_MODEL (self->chains)),
                           items->pdata, items->len);
      self->filling = FALSE;
    }
  select_shown_chain (self);
}

/* Everything from the document again: after a change, or when the view
 * turns to another namespace, table or chain. */
static void
refresh (NflRulesView *self)
{
  NflNamespace *ns = lookup_namespace (self);
  g_autofree char *title = NULL;

  /* the chain may be gone (deleted, undone): the table's first one */
  if (ns != NULL && lookup_chain (self) == NULL)
    {
      g_autoptr(GPtrArray) chains = ordered_chains (ns, self->table);

      g_free (self->chain);
      self->chain = chains->len > 0 ? g_strdup (((NflChain *) g_ptr_array_index (chains, 0))->name) : NULL;
    }
  self->filling = TRUE;
  gtk_toggle_button_set_active (table_button (self, self->table), TRUE);
  self->filling = FALSE;
  /* Translators: the title of the rules view; %s is a namespace */
  title = ns != NULL ? g_strdup_printf (_("Rules of %s"), ns->name) : g_strdup ("");
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->table_label, table_explanation (self->table));
  nfl_rules_model_set_chain (self->model, ns != NULL ? self->ns : NULL, self->table, self->chain);
  fill_chains (self);
  update_chain_label (self);
  nfl_command_console_set_namespace (NFL_COMMAND_CONSOLE (self->console), ns != NULL ? ns->name : NULL);
  update_actions (self);
}

static void
show_error (NflRulesView *self,
            const char   *heading,
            const char   *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading,
                                              message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---------------------------------------------------------------------- */
/* the rule list's cells                                                   */
/* ---------------------------------------------------------------------- */

typedef struct {
  NflListColumn  column;   /* NFL_N_LIST_COLUMNS: the rule number */
} ColumnInfo;

static void
update_number_cell (GtkListItem *item)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (icon);
  NflRuleRow *row = gtk_list_item_get_item (item);
  const char *warning = row != NULL ? nfl_rule_row_get_warning (row) : NULL;
  char number[16];

  g_snprintf (number, sizeof number, "%u", gtk_list_item_get_position (item) + 1);
  gtk_label_set_text (GTK_LABEL (label), number);
  gtk_widget_set_visible (icon, warning != NULL);
}

/* Tooltips are asked for when shown: setting one on every cell as it is
 * bound makes GTK ask the X server where the pointer is, each time. */
static gboolean
cell_query_tooltip_cb (GtkWidget   *cell,
                       int          x,
                       int          y,
                       gboolean     keyboard,
                       GtkTooltip  *tooltip,
                       GtkListItem *item)
{
  NflRuleRow *row = gtk_list_item_get_item (item);
  const char *text;

  if (row == NULL)
    return FALSE;
  text = GTK_IS_BOX (cell) ? nfl_rule_row_get_warning (row) : nfl_rule_row_get_spec (row);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
number_position_notify_cb (GtkListItem *item)
{
  update_number_cell (item);
}

static GdkContentProvider *
cell_drag_prepare_cb (GtkDragSource *source,
                      double         x,
                      double         y,
                      GtkListItem   *item)
{
  char number[16];

  g_snprintf (number, sizeof number, "%u", gtk_list_item_get_position (item) + 1);
  return gdk_content_provider_new_typed (G_TYPE_STRING, number);
}

static gboolean
cell_drop_cb (GtkDropTarget *target,
              const GValue  *value,
              double         x,
              double         y,
              GtkListItem   *item)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  NflRulesView *self = NFL_RULES_VIEW (gtk_widget_get_ancestor (cell, NFL_TYPE_RULES_VIEW));
  g_autoptr(GArray) numbers = nfl_rules_view_get_selection (self);
  g_autoptr(GError) error = NULL;
  guint dragged, target_number, position, before = 0;
  gboolean in_selection = FALSE;

  if (self == NULL || !G_VALUE_HOLDS_STRING (value))
    return FALSE;
  dragged = (guint) g_ascii_strtoull (g_value_get_string (value), NULL, 10);
  target_number = gtk_list_item_get_position (item) + 1;
  if (dragged == 0)
    return FALSE;
  /* the dragged rule with the rest of the selection, or alone */
  for (guint i = 0; i < numbers->len; i++)
    in_selection |= g_array_index (numbers, guint, i) == dragged;
  if (!in_selection)
    {
      g_array_set_size (numbers, 0);
      g_array_append_val (numbers, dragged);
    }
  /* dropped on the upper half of a row: before it, else after it; the
   * position counts the chain without the moved rules */
  position = y < gtk_widget_get_height (cell) / 2.0 ? target_number : target_number + 1;
  for (guint i = 0; i < numbers->len; i++)
    if (g_array_index (numbers, guint, i) < position)
      before++;
  position -= before;
  if (!nfl_document_move_rules (self->document, self->ns, self->table, self->chain, (guint *) numbers->data,
                                numbers->len, position, &error))
    {
      show_error (self, _("Could Not Move the Rules"), error->message);
      return FALSE;
    }
  return TRUE;
}

static void
cell_pressed_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 GtkListItem     *item)
{
  GtkWidget *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  NflRulesView *self = NFL_RULES_VIEW (gtk_widget_get_ancestor (cell, NFL_TYPE_RULES_VIEW));
  guint position = gtk_list_item_get_position (item);
  GtkWidget *popover;
  graphene_point_t point;

  if (self == NULL)
    return;
  if (!gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), position))
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  popover = gtk_popover_menu_new_from_model (self->rule_menu);
  if (!gtk_widget_compute_point (cell, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (x, y), &point))
    point = GRAPHENE_POINT_INIT (x, y);
  gtk_widget_set_parent (popover, GTK_WIDGET (self));
  gtk_popover_set_pointing_to (GTK_POPOVER (popover), &(GdkRectangle) { point.x, point.y, 1, 1 });
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_widget_set_halign (popover, GTK_ALIGN_START);
  g_signal_connect (popover, "closed", G_CALLBACK (gtk_widget_unparent), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}

/* Every cell can be dragged (to reorder) and dropped on, and opens the
 * rule menu on a right click. */
static void
add_cell_controllers (GtkWidget   *cell,
                      GtkListItem *item)
{
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_STRING, GDK_ACTION_MOVE);
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (cell_drag_prepare_cb), item);
  gtk_widget_add_controller (cell, GTK_EVENT_CONTROLLER (source));
  g_signal_connect (target, "drop", G_CALLBACK (cell_drop_cb), item);
  gtk_widget_add_controller (cell, GTK_EVENT_CONTROLLER (target));
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (cell_pressed_cb), item);
  gtk_widget_add_controller (cell, GTK_EVENT_CONTROLLER (click));
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               ColumnInfo               *info)
{
  GtkWidget *cell;

  if (info->column == NFL_N_LIST_COLUMNS)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      GtkWidget *label = gtk_label_new (NULL);

      cell = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_visible (icon, FALSE);
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_add_css_class (label, "numeric");
      gtk_box_append (GTK_BOX (cell), icon);
      gtk_box_append (GTK_BOX (cell), label);
    }
  else
    {
      cell = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (cell), info->column <= NFL_LIST_BYTES ? 1 : 0);
      if (info->column <= NFL_LIST_BYTES)
        gtk_widget_add_css_class (cell, "numeric");
      if (info->column == NFL_LIST_EXTRA)
        gtk_label_set_ellipsize (GTK_LABEL (cell), PANGO_ELLIPSIZE_END);
    }
  if (info->column == NFL_N_LIST_COLUMNS || info->column == NFL_LIST_TARGET || info->column == NFL_LIST_EXTRA)
    {
      gtk_widget_set_has_tooltip (cell, TRUE);
      g_signal_connect (cell, "query-tooltip", G_CALLBACK (cell_query_tooltip_cb), item);
    }
  add_cell_controllers (cell, item);
  gtk_list_item_set_child (item, cell);
}

static void
row_warning_notify_cb (NflRuleRow  *row,
                       GParamSpec  *pspec,
                       GtkListItem *item)
{
  update_number_cell (item);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              ColumnInfo               *info)
{
  NflRuleRow *row = gtk_list_item_get_item (item);

  if (info->column == NFL_N_LIST_COLUMNS)
    {
      update_number_cell (item);
      g_signal_connect (item, "notify::position", G_CALLBACK (number_position_notify_cb), NULL);
      g_signal_connect (row, "notify::warning", G_CALLBACK (row_warning_notify_cb), item);
      return;
    }
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), nfl_rule_row_get_column (row, info->column));
}

static void
cell_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                ColumnInfo               *info)
{
  NflRuleRow *row = gtk_list_item_get_item (item);

  if (info->column != NFL_N_LIST_COLUMNS)
    return;
  g_signal_handlers_disconnect_by_func (item, number_position_notify_cb, NULL);
  if (row != NULL)
    g_signal_handlers_disconnect_by_func (row, row_warning_notify_cb, item);
}

static void
add_column (NflRulesView  *self,
            const char    *title,
            NflListColumn  column,
            gboolean       expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  ColumnInfo *info = g_new0 (ColumnInfo, 1);
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  info->column = column;
  g_object_set_data_full (G_OBJECT (factory), "nfl-column", info, g_free);
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), info);
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), info);
  g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind_cb), info);
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_append_column (self->rule_view, view_column);
}

/* ---------------------------------------------------------------------- */
/* callbacks                                                               */
/* ---------------------------------------------------------------------- */

static void
table_button_toggled_cb (NflRulesView    *self,
                         GtkToggleButton *button)
{
  NflTableId table;

  if (self->filling || !gtk_toggle_button_get_active (button))
    return;
  for (table = 0; table < NFL_N_TABLES; table++)
    if (table_button (self, table) == button)
      break;
  nfl_rules_view_show (self, self->ns, table, NULL);
}

/* A click or the arrow keys select a chain; the search hiding the shown
 * chain unselects it, which leaves the rules as they are. */
static void
chain_selected_cb (NflRulesView *self)
{
  NflChainItem *item = gtk_single_selection_get_selected_item (self->chain_selection);
  const char *name;

  if (self->filling || item == NULL)
    return;
  name = nfl_chain_item_get_name (item);
  if (g_strcmp0 (name, self->chain) == 0)
    return;
  nfl_rules_view_show (self, self->ns, self->table, name);
}

/* Return on a chain (one reached with Ctrl and the arrows, which move
 * without selecting) shows it. */
static void
chain_list_activate_cb (NflRulesView *self,
                        guint         position)
{
  g_autoptr(NflChainItem) item = g_list_model_get_item (G_LIST_MODEL (self->shown_chains), position);

  if (item != NULL && g_strcmp0 (nfl_chain_item_get_name (item), self->chain) != 0)
    nfl_rules_view_show (self, self->ns, self->table, nfl_chain_item_get_name (item));
}

static void
open_rule_form (NflRulesView *self,
                guint         rule_number,
                guint         position)
{
  GtkWidget *form = nfl_rule_form_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->document,
                                       self->ns, self->table, self->chain, rule_number, position);
  gtk_window_present (GTK_WINDOW (form));
}

static void
rule_view_activate_cb (NflRulesView *self,
                       guint         position)
{
  open_rule_form (self, position + 1, 0);
}

static void
selection_changed_cb (NflRulesView *self)
{
  update_actions (self);
}

static void
document_changed_cb (NflRulesView *self)
{
  if (self->ns != NULL && lookup_namespace (self) == NULL)
    {
      /* the namespace is gone (deleted, renamed, undone) */
      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-topology", NULL);
      return;
    }
  refresh (self);
}

/* Rules an edit added are selected and shown, rules an undo put back too. */
static void
document_rules_changed_cb (NflRulesView *self,
                           const char   *ns,
                           guint         table,
                           const char   *chain,
                           guint         index,
                           guint         removed,
                           guint         added)
{
  if (added == 0 || table != self->table || g_strcmp0 (ns, self->ns) != 0 || g_strcmp0 (chain, self->chain) != 0)
    return;
  gtk_selection_model_select_range (GTK_SELECTION_MODEL (self->selection), index, added, TRUE);
}

static void
console_ran_cb (NflRulesView      *self,
                const char        *text,
                NflCommandConsole *console)
{
  const char *ns = NULL, *chain = NULL;
  NflTableId table;

  /* the view turns to the table and chain the command changed */
  if (nfl_document_get_last_command_target (self->document, &ns, &table, &chain) && ns != NULL)
    nfl_rules_view_show (self, ns, table, chain);
}

/* ---------------------------------------------------------------------- */
/* actions                                                                 */
/* ---------------------------------------------------------------------- */

static void
add_rule_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  NflRulesView *self = NFL_RULES_VIEW (widget);

  if (lookup_chain (self) != NULL)
    open_rule_form (self, 0, 0);
}

static void
edit_rule_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  NflRulesView *self = NFL_RULES_VIEW (widget);
  g_autoptr(GArray) numbers = nfl_rules_view_get_selection (self);

  if (numbers->len > 0)
    open_rule_form (self, g_array_index (numbers, guint, 0), 0);
}

static void
insert_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  NflRulesView *self = NFL_RULES_VIEW (widget);
  g_autoptr(GArray) numbers = nfl_rules_view_get_selection (self);

  if (numbers->len == 0)
    return;
  if (g_str_equal (action_name, "rules.insert-above"))
    open_rule_form (self, 0, g_array_index (numbers, guint, 0));
  else
    open_rule_form (self, 0, g_array_index (numbers, guint, numbers->len - 1) + 1);
}

static void
selection_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  NflRulesView *self = NFL_RULES_VIEW (widget);
  g_autoptr(GArray) numbers = nfl_rules_view_get_selection (self);
  g_autoptr(GError) error = NULL;
  guint *n = (guint *) numbers->data;
  gboolean ok = TRUE;

  if (numbers->len == 0)
    return;
  if (g_str_equal (action_name, "rules.delete"))
    ok = nfl_document_delete_rules (self->document, self->ns, self->table, self->chain, n, numbers->len, &error);
  else if (g_str_equal (action_name, "rules.duplicate"))
    ok = nfl_document_duplicate_rules (self->document, self->ns, self->table, self->chain, n, numbers->len,
                                       &error);
  else if (g_str_equal (action_name, "rules.move-up"))
    ok = nfl_document_move_rules (self->document, self->ns, self->table, self->chain, n, numbers->len,
                                  n[0] - 1, &error);
  else if (g_str_equal (action_name, "rules.move-down"))
    ok = nfl_document_move_rules (self->document, self->ns, self->table, self->chain, n, numbers->len,
                                  n[0] + 1, &error);
  if (!ok)
    show_error (self, _("Could Not Change the Rules"), error->message);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  NflRulesView *self = NFL_RULES_VIEW (widget);
  g_autoptr(GArray) numbers = nfl_rules_view_get_selection (self);
  g_autoptr(GString) text = g_string_new (NULL);
  NflChain *chain = lookup_chain (self);

  if (chain == NULL)
    return;
  /* the commands that append them again, one a line */
  for (guint i = 0; i < numbers->len; i++)
    {
      NflRuleCommand command = { self->table, self->chain, NFL_RULE_OP_APPEND, 0,
                                 g_ptr_array_index (chain->rules, g_array_index (numbers, guint, i) - 1) };
      g_autofree char *line = nfl_rule_command_to_string (&command);

      g_string_append_printf (text, "%s\n", line);
    }
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text->str);
}

static void
policy_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  NflRulesView *self = NFL_RULES_VIEW (widget);
  g_autoptr(GError) error = NULL;
  NflPolicy policy = g_str_equal (g_variant_get_string (parameter, NULL), "DROP") ? NFL_POLICY_DROP
                                                                                : NFL_POLICY_ACCEPT;

  if (!nfl_document_set_policy (self->document, self->ns, self->table, self->chain, policy, &error))
    show_error (self, _("Could Not Set the Policy"), error->message);
}

static void
log_every_chain_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  NflRulesView *self = NFL_RULES_VIEW (widget);
  g_autoptr(GError) error = NULL;

  if (!nfl_document_log_every_chain (self->document, self->ns, &error))
    show_error (self, _("Could Not Log Every Chain"), error->message);
}

/* A chain name typed in a popover: an error shows under the entry, which
 * keeps what was typed. */
typedef struct {
  NflRulesView *self;
  GtkEntry     *entry;
  GtkLabel     *error_label;
  char         *old_name;    /* renaming; NULL: a new chain */
} NamePopover;

static void
name_popover_free (NamePopover *p)
{
  g_free (p->old_name);
  g_free (p);
}

static void
name_entry_activate_cb (GtkEntry    *entry,
                        NamePopover *p)
{
  NflRulesView *self = p->self;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (p->old_name == NULL)
    ok = nfl_document_add_chain (self->document, self->ns, self->table, name, &error);
  else
    ok = nfl_document_rename_chain (self->document, self->ns, self->table, p->old_name, name, &error);
  if (!ok)
    {
      gtk_label_set_text (p->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (p->error_label), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      return;
    }
  g_free (self->chain);
  self->chain = g_strdup (name);
  gtk_popover_popdown (GTK_POPOVER (gtk_widget_get_ancestor (GTK_WIDGET (entry), GTK_TYPE_POPOVER)));
  refresh (self);
}

static void
show_name_popover (NflRulesView *self,
                   const char   *old_name)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (old_name != NULL ? _("Rename Chain") : _("New Chain"));
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *error_label = gtk_label_new (NULL);
  NamePopover *p = g_new0 (NamePopover, 1);

  gtk_widget_add_css_class (heading, "heading");
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Chain name"));
  gtk_entry_set_max_length (GTK_ENTRY (entry), NFL_CHAIN_MAXLEN);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Chain Name"), -1);
  if (old_name != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), old_name);
  gtk_label_set_wrap (GTK_LABEL (error_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (error_label), 36);
  gtk_label_set_xalign (GTK_LABEL (error_label), 0);
  gtk_widget_add_css_class (error_label, "error");
  gtk_widget_set_visible (error_label, FALSE);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), error_label);
  if (old_name != NULL)
    {
      g_autofree char *refs = nfl_document_describe_references (self->document, self->ns, self->table, old_name);

      if (refs != NULL)
        {
          GtkWidget *note = gtk_label_new (_("The rules that jump to it follow the new name, as iptables -E does."));
          gtk_label_set_wrap (GTK_LABEL (note), TRUE);
          gtk_label_set_max_width_chars (GTK_LABEL (note), 36);
          gtk_label_set_xalign (GTK_LABEL (note), 0);
          gtk_widget_add_css_class (note, "dim-label");
          gtk_box_append (GTK_BOX (box), note);
        }
    }
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  *p = (NamePopover) { self, GTK_ENTRY (entry), GTK_LABEL (error_label), g_strdup (old_name) };
  g_object_set_data_full (G_OBJECT (popover), "nfl-name", p, (GDestroyNotify) name_popover_free);
  g_signal_connect (entry, "activate", G_CALLBACK (name_entry_activate_cb), p);
  gtk_widget_set_parent (popover, GTK_WIDGET (self->chain_menu_button));
  g_signal_connect (popover, "closed", G_CALLBACK (gtk_widget_unparent), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
  gtk_widget_grab_focus (entry);
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     NflRulesView     *self)
{
  g_autoptr(GError) error = NULL;
  const char *chain = g_object_get_data (G_OBJECT (dialog), "nfl-chain");

  if (g_str_equal (response, "flush"))
    {
      if (!nfl_document_flush_chain (self->document, self->ns, self->table, chain, &error))
        show_error (self, _("Could Not Flush the Chain"), error->message);
    }
  else if (g_str_equal (response, "delete"))
    {
      if (!nfl_document_delete_chain (self->document, self->ns, self->table, chain, &error))
        show_error (self, _("Could Not Delete the Chain"), error->message);
    }
}

static void
confirm (NflRulesView *self,
         const char   *heading,
         const char   *body,
         const char   *response,
         const char   *label)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), response, label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response, ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "nfl-chain", g_strdup (self->chain), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
chain_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  NflRulesView *self = NFL_RULES_VIEW (widget);
  NflChain *chain = lookup_chain (self);
  g_autoptr(GError) error = NULL;

  if (g_str_equal (action_name, "rules.new-chain"))
    show_name_popover (self, NULL);
  else if (chain == NULL)
    return;
  else if (g_str_equal (action_name, "rules.rename-chain"))
    show_name_popover (self, chain->name);
  else if (g_str_equal (action_name, "rules.zero-counters"))
    {
      if (!nfl_document_zero_counters (self->document, self->ns, self->table, chain->name, &error))
        show_error (self, _("Could Not Zero the Counters"), error->message);
    }
  else if (g_str_equal (action_name, "rules.flush-chain"))
    {
      /* Translators: "Flush nat PREROUTING?" */
      g_autofree char *heading = g_strdup_printf (_("Flush %s %s?"), nfl_table_name (self->table), chain->name);
      g_autofree char *body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Its %u rule will be deleted. Undo brings it back.",
                                                            "Its %u rules will be deleted. Undo brings them back.",
                                                            chain->rules->len), chain->rules->len);
      confirm (self, heading, body, "flush", _("_Flush"));
    }
  else if (g_str_equal (action_name, "rules.delete-chain"))
    {
      g_autofree char *refs = nfl_document_describe_references (self->document, self->ns, self->table, chain->name);

      if (refs != NULL)
        {
          /* iptables refuses it too: say which rules to change first */
          g_autofree char *body = g_strdup_printf (_("Rules jump to it:\n%s\nDelete or change them first."), refs);
          /* Translators: %s is a chain */
          g_autofree char *heading = g_strdup_printf (_("Chain %s Is in Use"), chain->name);
          show_error (self, heading, body);
        }
      else
        {
          /* Translators: %s is a chain */
          g_autofree char *heading = g_strdup_printf (_("Delete Chain %s?"), chain->name);
          g_autofree char *body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The chain and its %u rule will be deleted.",
                                                                "The chain and its %u rules will be deleted.",
                                                                chain->rules->len), chain->rules->len);
          confirm (self, heading, body, "delete", _("_Delete"));
        }
    }
}

static void
toggle_console_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  NflRulesView *self = NFL_RULES_VIEW (widget);

  if (gtk_toggle_button_get_active (self->console_button))
    gtk_toggle_button_set_active (self->console_button, FALSE);
  else
    nfl_rules_view_show_console (self);
}

/* ---------------------------------------------------------------------- */
/* GObject                                                                 */
/* ---------------------------------------------------------------------- */

static void
nfl_rules_view_dispose (GObject *object)
{
  NflRulesView *self = NFL_RULES_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), NFL_TYPE_RULES_VIEW);
  g_clear_object (&self->chain_selection);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (nfl_rules_view_parent_class)->dispose (object);
}

static void
nfl_rules_view_finalize (GObject *object)
{
  NflRulesView *self = NFL_RULES_VIEW (object);

  g_free (self->ns);
  g_free (self->chain);

  G_OBJECT_CLASS (nfl_rules_view_parent_class)->finalize (object);
}

static void
nfl_rules_view_class_init (NflRulesViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char *selection_actions[] = { "rules.delete", "rules.duplicate", "rules.move-up", "rules.move-down" };
  static const char *chain_actions[] = { "rules.new-chain", "rules.rename-chain", "rules.delete-chain",
                                         "rules.flush-chain", "rules.zero-counters" };

  object_class->dispose = nfl_rules_view_dispose;
  object_class->finalize = nfl_rules_view_finalize;

  g_type_ensure (NFL_TYPE_COMMAND_CONSOLE);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/netfilterlab/NetfilterLab/nfl-rules-view.ui");
  gtk_widget_class_bind_template_child (widget_class, NflRulesView, chain_label);
  gtk_widget_class_bind_template_child (widget_class, NflRulesView, chain_list);
  gtk_widget_class_bind_template_child (widget_class, NflRulesView, chain_search);
  gtk_widget_class_bind_template_callback (widget_class, chain_search_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, NflRulesView, chain_menu_button);
  gtk_widget_class_bind_template_child (widget_class, NflRulesView, chains_paned);
  gtk_widget_class_bind_template_child (widget_class, NflRulesView, console);
  gtk_widget_class_bind_template_child (widget_class, NflRulesView, console_button);
  gtk_widget_class_bind_template_child (widget_class, NflRulesView, console_paned);
  gtk_widget_class_bind_template_child (widget_class, NflRulesView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, NflRulesView, filter_button);
  gtk_widget_class_bind_template_child (widget_class, NflRulesView, mangle_button);
  gtk_widget_class_bind_template_child (widget_class, NflRulesView, nat_button);
  gtk_widget_class_bind_template_child (widget_class, NflRulesView, raw_button);
  gtk_widget_class_bind_template_child (widget_class, NflRulesView, rule_menu);
  gtk_widget_class_bind_template_child (widget_class, NflRulesView, rule_view);
  gtk_widget_class_bind_template_child (widget_class, NflRulesView, rules_stack);
  gtk_widget_class_bind_template_child (widget_class, NflRulesView, table_label);
  gtk_widget_class_bind_template_child (widget_class, NflRulesView, title_label);
  gtk_widget_class_bind_template_callback (widget_class, chain_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, rule_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, table_button_toggled_cb);

  gtk_widget_class_install_action (widget_class, "rules.add-rule", NULL, add_rule_action);
  gtk_widget_class_install_action (widget_class, "rules.edit-rule", NULL, edit_rule_action);
  gtk_widget_class_install_action (widget_class, "rules.insert-above", NULL, insert_action);
  gtk_widget_class_install_action (widget_class, "rules.insert-below", NULL, insert_action);
  for (guint i = 0; i < G_N_ELEMENTS (selection_actions); i++)
    gtk_widget_class_install_action (widget_class, selection_actions[i], NULL, selection_action);
  gtk_widget_class_install_action (widget_class, "rules.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "rules.policy", "s", policy_action);
  for (guint i = 0; i < G_N_ELEMENTS (chain_actions); i++)
    gtk_widget_class_install_action (widget_class, chain_actions[i], NULL, chain_action);
  gtk_widget_class_install_action (widget_class, "rules.log-every-chain", NULL, log_every_chain_action);
  gtk_widget_class_install_action (widget_class, "rules.toggle-console", NULL, toggle_console_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Insert, 0, "rules.add-rule", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "rules.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "rules.duplicate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, GDK_ALT_MASK, "rules.move-up", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, GDK_ALT_MASK, "rules.move-down", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_grave, GDK_CONTROL_MASK, "rules.toggle-console", NULL);
  gtk_widget_class_install_action (widget_class, "rules.search-chains", NULL, search_chains_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "rules.search-chains", NULL);
}

static void
nfl_rules_view_init (NflRulesView *self)
{
  GtkShortcutController *keys;

  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->table = NFL_TABLE_FILTER;

  /* the selection owns the filter model, which owns the store and the filter */
  self->chains = g_list_store_new (NFL_TYPE_CHAIN_ITEM);
  self->chain_filter = gtk_string_filter_new (gtk_property_expression_new (NFL_TYPE_CHAIN_ITEM, NULL, "name"));
  gtk_string_filter_set_match_mode (self->chain_filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->chain_filter, TRUE);
  self->shown_chains = gtk_filter_list_model_new (G_LIST_MODEL (self->chains), GTK_FILTER (self->chain_filter));
  self->chain_selection = gtk_single_selection_new (G_LIST_MODEL (self->shown_chains));
  gtk_single_selection_set_autoselect (self->chain_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->chain_selection, TRUE);
  g_signal_connect_object (self->chain_selection, "notify::selected", G_CALLBACK (chain_selected_cb), self,
                           G_CONNECT_SWAPPED);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (chain_row_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (chain_row_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (chain_row_unbind_cb), NULL);
  gtk_list_view_set_factory (self->chain_list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->chain_list, GTK_SELECTION_MODEL (self->chain_selection));

  add_column (self, "num", NFL_N_LIST_COLUMNS, FALSE);
  add_column (self, "pkts", NFL_LIST_PACKETS, FALSE);
  add_column (self, "bytes", NFL_LIST_BYTES, FALSE);
  add_column (self, "target", NFL_LIST_TARGET, FALSE);
  add_column (self, "prot", NFL_LIST_PROTOCOL, FALSE);
  add_column (self, "opt", NFL_LIST_OPTIONS, FALSE);
  add_column (self, "in", NFL_LIST_IN, FALSE);
  add_column (self, "out", NFL_LIST_OUT, FALSE);
  add_column (self, "source", NFL_LIST_SOURCE, FALSE);
  add_column (self, "destination", NFL_LIST_DESTINATION, FALSE);
  add_column (self, "", NFL_LIST_EXTRA, TRUE);

  /* Ctrl+C and Escape only where they do not mean something else (the
   * console's text) */
  keys = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_shortcut_controller_add_shortcut (keys, gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_c, GDK_CONTROL_MASK),
                                                                gtk_named_action_new ("rules.copy")));
  gtk_shortcut_controller_add_shortcut (keys, gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                                gtk_named_action_new ("win.show-topology")));
  gtk_widget_add_controller (GTK_WIDGET (self->rule_view), GTK_EVENT_CONTROLLER (keys));
  keys = GTK_SHORTCUT_CONTROLLER (gtk_shortcut_controller_new ());
  gtk_shortcut_controller_add_shortcut (keys, gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                                gtk_named_action_new ("win.show-topology")));
  gtk_widget_add_controller (GTK_WIDGET (self->chain_list), GTK_EVENT_CONTROLLER (keys));
  update_actions (self);
}

/* ---------------------------------------------------------------------- */
/* public API                                                              */
/* ---------------------------------------------------------------------- */

GtkWidget *
nfl_rules_view_new (void)
{
  return g_object_new (NFL_TYPE_RULES_VIEW, NULL);
}

void
nfl_rules_view_set_document (NflRulesView *self,
                             NflDocument  *document)
{
  g_return_if_fail (NFL_IS_RULES_VIEW (self));
  g_return_if_fail (NFL_IS_DOCUMENT (document));
  g_return_if_fail (self->document == NULL);

  self->document = g_object_ref (document);
  self->model = nfl_rules_model_new (document);
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_column_view_set_model (self->rule_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "selection-changed", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  /* after the model, which connects first, has made its rows */
  g_signal_connect_object (document, "changed", G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "rules-changed", G_CALLBACK (document_rules_changed_cb), self,
                           G_CONNECT_SWAPPED);
  nfl_command_console_set_document (NFL_COMMAND_CONSOLE (self->console), document);
  g_signal_connect_object (self->console, "ran", G_CALLBACK (console_ran_cb), self, G_CONNECT_SWAPPED);
}

void
nfl_rules_view_show (NflRulesView *self,
                     const char   *ns,
                     NflTableId    table,
                     const char   *chain)
{
  g_return_if_fail (NFL_IS_RULES_VIEW (self));
  g_return_if_fail (table < NFL_N_TABLES);

  if (g_strcmp0 (ns, self->ns) != 0)
    {
      g_free (self->ns);
      self->ns = g_strdup (ns);
    }
  self->table = table;
  if (chain != self->chain)
    {
      g_free (self->chain);
      self->chain = g_strdup (chain);
    }
  refresh (self);
}

const char *
nfl_rules_view_get_namespace (NflRulesView *self)
{
  g_return_val_if_fail (NFL_IS_RULES_VIEW (self), NULL);
  return self->ns;
}

NflTableId
nfl_rules_view_get_table (NflRulesView *self)
{
  g_return_val_if_fail (NFL_IS_RULES_VIEW (self), NFL_TABLE_FILTER);
  return self->table;
}

const char *
nfl_rules_view_get_chain (NflRulesView *self)
{
  g_return_val_if_fail (NFL_IS_RULES_VIEW (self), NULL);
  return self->chain;
}

void
nfl_rules_view_select_rule (NflRulesView *self,
                            guint         number)
{
  g_return_if_fail (NFL_IS_RULES_VIEW (self));

  if (number == 0 || number > g_list_model_get_n_items (G_LIST_MODEL (self->model)))
    return;
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), number - 1, TRUE);
}

GtkWidget *
nfl_rules_view_get_console (NflRulesView *self)
{
  g_return_val_if_fail (NFL_IS_RULES_VIEW (self), NULL);
  return self->console;
}

void
nfl_rules_view_show_console (NflRulesView *self)
{
  g_return_if_fail (NFL_IS_RULES_VIEW (self));

  gtk_toggle_button_set_active (self->console_button, TRUE);
  nfl_command_console_focus_input (NFL_COMMAND_CONSOLE (self->console));
}
