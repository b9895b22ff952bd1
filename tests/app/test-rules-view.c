/* test-rules-view.c: the rules view and the command console in the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "nfl-application.h"
#include "nfl-chain-item.h"
#include "nfl-command-console.h"
#include "nfl-rule-form.h"
#include "nfl-rule-row.h"
#include "nfl-rules-view.h"
#include "nfl-test-app.h"
#include "nfl-window-private.h"

static NflApplication *app;

typedef struct {
  NflWindow    *window;
  NflDocument  *document;
  NflRulesView *view;
  GtkWidget    *console;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->window = nfl_test_open_demo_window (app);
  f->document = nfl_window_get_document (f->window);
  f->view = NFL_RULES_VIEW (f->window->rules_view);
  f->console = nfl_rules_view_get_console (f->view);
  /* ns2 through its action, as the inspector's Rules row does */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-rules", "s", "ns2");
  nfl_test_spin (50);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  nfl_document_set_modified (f->document, FALSE);
  gtk_window_destroy (GTK_WINDOW (f->window));
  nfl_test_spin (50);
}

static GtkColumnView *
rule_list (Fixture *f)
{
  return GTK_COLUMN_VIEW (gtk_widget_get_template_child (GTK_WIDGET (f->view), NFL_TYPE_RULES_VIEW, "rule_view"));
}

static guint
n_rows (Fixture *f)
{
  return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (rule_list (f))));
}

static NflRuleRow *
row_at (Fixture *f,
        guint    index)
{
  return g_list_model_get_item (G_LIST_MODEL (gtk_column_view_get_model (rule_list (f))), index);
}

/* The names of the chains the chain list shows, in its order */
static GStrv
shown_chains (Fixture *f)
{
  GtkListView *chains = GTK_LIST_VIEW (gtk_widget_get_template_child (GTK_WIDGET (f->view), NFL_TYPE_RULES_VIEW,
                                                                      "chain_list"));
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (chains));
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(NflChainItem) item = g_list_model_get_item (model, i);

      g_strv_builder_add (names, nfl_chain_item_get_name (item));
    }
  return g_strv_builder_end (names);
}

/* iptables -S of a chain of ns2, from the engine */
static char *
engine_spec (Fixture    *f,
             NflTableId  table,
             const char *chain)
{
  NflNamespace *ns = nfl_scenario_find_namespace (nfl_document_get_scenario (f->document), "ns2");
  GString *out = g_string_new (NULL);

  nfl_iptables_list_rules (ns->ruleset, table, chain, 0, FALSE, out);
  return g_string_free (out, FALSE);
}

static void
test_shows_namespace (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *leaflet = GTK_WIDGET (f->window->design_leaflet);
  GtkLabel *title = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (f->view), NFL_TYPE_RULES_VIEW,
                                                               "title_label"));
  const char *const filter_order[] = { "INPUT", "FORWARD", "OUTPUT", NULL };
  const char *const nat_order[] = { "PREROUTING", "INPUT", "OUTPUT", "POSTROUTING", NULL };
  g_auto(GStrv) shown = NULL;

  g_assert_cmpstr (adw_leaflet_get_visible_child_name (ADW_LEAFLET (leaflet)), ==, "rules");
  g_assert_cmpstr (gtk_label_get_text (title), ==, "Rules of ns2");
  g_assert_cmpstr (nfl_rules_view_get_namespace (f->view), ==, "ns2");
  g_assert_cmpint (nfl_rules_view_get_table (f->view), ==, NFL_TABLE_FILTER);
  shown = shown_chains (f);
  g_assert_cmpstrv (shown, filter_order);
  g_strfreev (shown);

  /* the tutorial's order in nat, and the DNAT rule of the demo */
  nfl_rules_view_show (f->view, "ns2", NFL_TABLE_NAT, NULL);
  shown = shown_chains (f);
  g_assert_cmpstrv (shown, nat_order);
  g_assert_cmpstr (nfl_rules_view_get_chain (f->view), ==, "PREROUTING");
  {
    g_autoptr(NflRuleRow) last = row_at (f, n_rows (f) - 1);

    g_assert_cmpstr (nfl_rule_row_get_column (last, NFL_LIST_TARGET), ==, "DNAT");
    g_assert_cmpstr (nfl_rule_row_get_column (last, NFL_LIST_DESTINATION), ==, "169.254.169.254");
    g_assert_cmpstr (nfl_rule_row_get_column (last, NFL_LIST_EXTRA), ==, "to:10.1.0.10");
  }

  gtk_widget_activate_action (GTK_WIDGET (f->view), "win.show-topology", NULL);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (ADW_LEAFLET (leaflet)), ==, "topology");
}

/* The search entry above the chains shows those whose name holds its
 * text, in any case; Ctrl+F (rules.search-chains) goes to it. */
static void
test_search_chains (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *search = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->view), NFL_TYPE_RULES_VIEW,
                                                                 "chain_search"));
  const char *const routing[] = { "PREROUTING", "POSTROUTING", NULL };
  const char *const all[] = { "PREROUTING", "INPUT", "OUTPUT", "POSTROUTING", NULL };
  g_auto(GStrv) shown = NULL;

  nfl_rules_view_show (f->view, "ns2", NFL_TABLE_NAT, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "rules.search-chains", NULL));
  nfl_test_spin (20);
  g_assert_true (gtk_widget_has_focus (search) || gtk_widget_is_ancestor (gtk_root_get_focus (gtk_widget_get_root (search)), search));
  gtk_editable_set_text (GTK_EDITABLE (search), "rout");
  nfl_test_spin (400);   /* a search entry waits a moment before it searches */
  shown = shown_chains (f);
  g_assert_cmpstrv (shown, routing);
  g_strfreev (shown);
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  nfl_test_spin (400);
  shown = shown_chains (f);
  g_assert_cmpstrv (shown, all);
}

/* The chain list's selection follows the chain the view shows, also one
 * picked by name far down a table (the Simulate view's rule-reached); a
 * click (a selection in the list) shows that chain; a row's counts follow
 * edits. */
static void
test_chain_list (Fixture       *f,
                 gconstpointer  data)
{
  GtkListView *chains = GTK_LIST_VIEW (gtk_widget_get_template_child (GTK_WIDGET (f->view), NFL_TYPE_RULES_VIEW,
                                                                      "chain_list"));
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (chains));
  NflCommandConsole *console = NFL_COMMAND_CONSOLE (f->console);
  NflChainItem *item;
  guint n, prerouting;

  /* forty chains of our own, the last one picked by name */
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *command = g_strdup_printf ("iptables -t nat -N CHAIN%02u", i);

      g_assert_true (nfl_command_console_run (console, command));
    }
  nfl_rules_view_show (f->view, "ns2", NFL_TABLE_NAT, "CHAIN39");
  nfl_test_spin (50);
  n = g_list_model_get_n_items (G_LIST_MODEL (selection));
  g_assert_cmpuint (n, ==, 44);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, n - 1);
  item = gtk_single_selection_get_selected_item (selection);
  g_assert_cmpstr (nfl_chain_item_get_name (item), ==, "CHAIN39");
  g_assert_cmpstr (nfl_chain_item_get_details (item), ==, "0 references · 0 rules");

  /* selecting PREROUTING (what a click does) shows it */
  gtk_single_selection_set_selected (selection, 0);
  g_assert_cmpstr (nfl_rules_view_get_chain (f->view), ==, "PREROUTING");
  prerouting = n_rows (f);
  g_assert_cmpuint (prerouting, ==, 2);   /* the demo's DNAT rules */

  /* a jump to CHAIN39 and a rule in it: its row says so, in place */
  g_assert_true (nfl_command_console_run (console, "iptables -t nat -A PREROUTING -j CHAIN39"));
  g_assert_true (nfl_command_console_run (console, "iptables -t nat -A CHAIN39 -j RETURN"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, n);
  {
    g_autoptr(NflChainItem) last = g_list_model_get_item (G_LIST_MODEL (selection), n - 1);
    g_autoptr(NflChainItem) first = g_list_model_get_item (G_LIST_MODEL (selection), 0);

    g_assert_cmpstr (nfl_chain_item_get_name (last), ==, "CHAIN39");
    g_assert_cmpstr (nfl_chain_item_get_details (last), ==, "1 reference · 1 rule");
    g_assert_cmpstr (nfl_chain_item_get_name (first), ==, "PREROUTING");
    g_assert_cmpstr (nfl_chain_item_get_details (first), ==, "policy ACCEPT · 3 rules");
  }
  /* and the row on screen: its name and details labels */
  nfl_test_spin (50);
  {
    GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (chains));
    GtkWidget *box = gtk_widget_get_first_child (row);

    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (box))), ==, "PREROUTING");
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_last_child (box))), ==, "policy ACCEPT · 3 rules");
  }
  /* the console turned the view to CHAIN39, the list with it */
  g_assert_cmpstr (nfl_rules_view_get_chain (f->view), ==, "CHAIN39");
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, n - 1);
}

/* A command typed in the console changes the list at once, is one undo
 * step, and the view turns to the table and chain it changed. */
static void
test_console_command (Fixture       *f,
                      gconstpointer  data)
{
  NflCommandConsole *console = NFL_COMMAND_CONSOLE (f->console);
  g_autofree char *output = NULL;
  guint before;

  nfl_rules_view_show (f->view, "ns2", NFL_TABLE_FILTER, "INPUT");
  g_assert_true (nfl_command_console_run (console, "iptables -t nat -A PREROUTING -d 10.9.9.9 -j DNAT "
                                                   "--to-destination 10.1.0.10"));
  g_assert_cmpint (nfl_rules_view_get_table (f->view), ==, NFL_TABLE_NAT);
  g_assert_cmpstr (nfl_rules_view_get_chain (f->view), ==, "PREROUTING");
  before = n_rows (f);
  {
    g_autoptr(NflRuleRow) last = row_at (f, before - 1);
    g_assert_cmpstr (nfl_rule_row_get_column (last, NFL_LIST_DESTINATION), ==, "10.9.9.9");
  }
  g_assert_cmpstr (nfl_document_get_undo_label (f->document), ==, "Run “iptables -t nat -A PREROUTING -d 10.9.9…”");
  nfl_document_undo (f->document);
  g_assert_cmpuint (n_rows (f), ==, before - 1);

  /* an error applies nothing, keeps the text and names the column */
  g_assert_false (nfl_command_console_run (console, "iptables -A NOPE -j DROP"));
  g_assert_cmpuint (n_rows (f), ==, before - 1);
  output = nfl_command_console_dup_output (console);
  g_assert_nonnull (strstr (output, "Line 1, column 13:"));
  g_assert_nonnull (strstr (output, "NOPE"));
  /* no step: the redo of the undone command is still there */
  g_assert_false (nfl_document_can_undo (f->document));
  g_assert_true (nfl_document_can_redo (f->document));
}

/* Tab completes as a shell does */
static void
test_console_completion (Fixture       *f,
                         gconstpointer  data)
{
  NflCommandConsole *console = NFL_COMMAND_CONSOLE (f->console);
  g_autofree char *input = NULL;
  g_autofree char *output = NULL;

  nfl_command_console_complete (console, "iptables -t nat -A PRE");
  input = nfl_command_console_dup_input (console);
  g_assert_cmpstr (input, ==, "iptables -t nat -A PREROUTING ");
  g_free (input);
  nfl_command_console_complete (console, "iptables -A FORWARD -i v");
  input = nfl_command_console_dup_input (console);
  g_assert_cmpstr (input, ==, "iptables -A FORWARD -i veth");
  output = nfl_command_console_dup_output (console);
  g_assert_nonnull (strstr (output, "veth1_ns2  veth2_ns2"));
}

/* The console prints what nflab's iptables prints for the same scenario */
static void
test_console_listings (Fixture       *f,
                       gconstpointer  data)
{
  static const char *const commands[] = {
    "iptables -t nat -L -v -n --line-numbers", "iptables -t nat -S", "iptables-save",
  };
  NflCommandConsole *console = NFL_COMMAND_CONSOLE (f->console);

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(NflScenario) copy = nfl_scenario_copy (nfl_document_get_scenario (f->document));
      g_autoptr(GString) expected = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *before = nfl_command_console_dup_output (console);
      g_autofree char *after = NULL;
      g_autofree char *echo = g_strdup_printf ("ns2 # %s\n", commands[i]);
      const char *printed;

      g_assert_true (nfl_commands_apply (copy, commands[i], "ns2", expected, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (nfl_command_console_run (console, commands[i]));
      after = nfl_command_console_dup_output (console);
      g_assert_true (g_str_has_prefix (after, before));
      printed = after + strlen (before);
      g_assert_true (g_str_has_prefix (printed, echo));
      printed += strlen (echo);
      if (g_str_has_prefix (commands[i], "iptables-save"))
        {
          /* the date lines differ by the second they were printed in */
          g_assert_nonnull (strstr (printed, "*nat\n"));
          g_assert_nonnull (strstr (printed, "-A PREROUTING -d 169.254.169.254/32 -j DNAT --to-destination 10.1.0.10\n"));
        }
      else
        g_assert_cmpstr (printed, ==, expected->str);
      g_assert_false (nfl_document_can_undo (f->document));
    }
}

static gboolean
has_warning (gpointer data)
{
  Fixture *f = data;
  g_autoptr(NflRuleRow) row = n_rows (f) >= 2 ? row_at (f, 1) : NULL;

  return row != NULL && nfl_rule_row_get_warning (row) != NULL;
}

static void
test_edits_and_warnings (Fixture       *f,
                         gconstpointer  data)
{
  NflCommandConsole *console = NFL_COMMAND_CONSOLE (f->console);
  g_autofree char *spec = NULL;
  g_autoptr(NflRuleRow) second = NULL;

  g_assert_true (nfl_command_console_run (console, "iptables -F FORWARD\n"
                                                   "iptables -A FORWARD -s 10.1.0.0/24 -j DROP\n"
                                                   "iptables -A FORWARD -s 10.1.0.5 -p tcp -j ACCEPT\n"
                                                   "iptables -A FORWARD -p icmp -j ACCEPT"));
  g_assert_cmpstr (nfl_rules_view_get_chain (f->view), ==, "FORWARD");
  g_assert_cmpuint (n_rows (f), ==, 3);
  /* rule 2 never matches, and its row says why */
  g_assert_true (nfl_test_wait_for (has_warning, f, 5000));
  second = row_at (f, 1);
  g_assert_cmpstr (nfl_rule_row_get_warning (second), ==,
                   "Never matches: rule 1 (-s 10.1.0.0/24 -j DROP) takes all its packets");

  /* a rule of a machine's ruleset kept as written says so in its row */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(NflRuleRow) kept = NULL;

    g_assert_true (nfl_document_apply_commands (f->document,
                                                "ip netns exec ns2 iptables-restore <<'END'\n"
                                                "*filter\n"
                                                ":INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                                                "-A FORWARD -s 10.1.0.0/24 -j DROP\n"
                                                "-A FORWARD -m hashlimit --hashlimit-name DEFAULT -j ACCEPT\n"
                                                "-A FORWARD -s 10.1.0.5 -p tcp -j ACCEPT\n"
                                                "-A FORWARD -p icmp -j ACCEPT\n"
                                                "COMMIT\n"
                                                "END\n", NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_rows (f), ==, 4);
    kept = row_at (f, 1);
    g_assert_cmpstr (nfl_rule_row_get_warning (kept), ==,
                     "Not simulated: -m hashlimit is kept as written, and a trace that reaches this rule stops here");
    nfl_document_undo (f->document);
    g_assert_cmpuint (n_rows (f), ==, 3);
  }

  /* Alt+Down on rule 1, as the view's action */
  nfl_rules_view_select_rule (f->view, 1);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "rules.move-down", NULL);
  spec = engine_spec (f, NFL_TABLE_FILTER, "FORWARD");
  g_assert_cmpstr (spec, ==, "-P FORWARD ACCEPT\n"
                             "-A FORWARD -s 10.1.0.5/32 -p tcp -j ACCEPT\n"
                             "-A FORWARD -s 10.1.0.0/24 -j DROP\n"
                             "-A FORWARD -p icmp -j ACCEPT\n");
  g_assert_cmpstr (nfl_document_get_undo_label (f->document), ==, "Move Rule in filter FORWARD");

  gtk_widget_activate_action (GTK_WIDGET (f->view), "rules.duplicate", NULL);
  g_assert_cmpuint (n_rows (f), ==, 4);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "rules.delete", NULL);
  g_assert_cmpuint (n_rows (f), ==, 3);
  nfl_document_undo (f->document);
  g_assert_cmpuint (n_rows (f), ==, 4);
  nfl_document_undo (f->document);
  nfl_document_undo (f->document);
  g_free (spec);
  spec = engine_spec (f, NFL_TABLE_FILTER, "FORWARD");
  g_assert_cmpstr (spec, ==, "-P FORWARD ACCEPT\n"
                             "-A FORWARD -s 10.1.0.0/24 -j DROP\n"
                             "-A FORWARD -s 10.1.0.5/32 -p tcp -j ACCEPT\n"
                             "-A FORWARD -p icmp -j ACCEPT\n");

  /* Log Every Chain of ns2 puts the tutorial's rule above them */
  gtk_widget_activate_action (GTK_WIDGET (f->view), "rules.log-every-chain", NULL);
  g_assert_cmpuint (n_rows (f), ==, 4);
  {
    g_autoptr(NflRuleRow) first = row_at (f, 0);
    g_assert_cmpstr (nfl_rule_row_get_spec (first), ==, "-j LOG --log-prefix \"IPTABLES_ns2_FILTER_FORWARD \"");
  }
  g_assert_cmpstr (nfl_document_get_undo_label (f->document), ==, "Log Every Chain of ns2");
}

static NflRuleForm *
find_form (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
      if (NFL_IS_RULE_FORM (w))
        return NFL_RULE_FORM (w);
    }
  return NULL;
}

/* Add Rule and Return open the rule form on the chain shown, with the
 * command it stands for */
static void
test_opens_form (Fixture       *f,
                 gconstpointer  data)
{
  NflRuleForm *form;

  nfl_rules_view_show (f->view, "ns2", NFL_TABLE_NAT, "PREROUTING");
  gtk_widget_activate_action (GTK_WIDGET (f->view), "rules.add-rule", NULL);
  form = find_form ();
  g_assert_nonnull (form);
  g_test_message ("new rule: %s", nfl_rule_form_get_command_text (form));
  g_assert_true (g_str_has_prefix (nfl_rule_form_get_command_text (form), "iptables -t nat -A PREROUTING"));
  gtk_window_destroy (GTK_WINDOW (form));

  nfl_rules_view_select_rule (f->view, 2);
  gtk_widget_activate_action (GTK_WIDGET (f->view), "rules.edit-rule", NULL);
  form = find_form ();
  g_assert_nonnull (form);
  g_assert_cmpstr (nfl_rule_form_get_command_text (form), ==,
                   "iptables -t nat -R PREROUTING 2 -d 169.254.169.254/32 -j DNAT --to-destination 10.1.0.10");
  gtk_window_destroy (GTK_WINDOW (form));
}

/* A chain of 10,000 rules opens in the list, and an insert at its top
 * changes one row. */
static void
test_large_chain (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GString) commands = g_string_new ("ip netns exec ns2 iptables-restore <<'END'\n*filter\n:INPUT ACCEPT [0:0]\n"
                                              ":FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(NflRule) rule = NULL;
  const char *words[] = { "-s", "192.0.2.1", "-j", "DROP", NULL };
  gint64 start;

  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (commands, "-A FORWARD -s 10.%u.%u.%u/32 -j DROP\n", i >> 16, (i >> 8) & 0xff, i & 0xff);
  g_string_append (commands, "COMMIT\nEND\n");
  g_assert_true (nfl_document_apply_commands (f->document, commands->str, NULL, &error));
  g_assert_no_error (error);
  start = g_get_monotonic_time ();
  nfl_rules_view_show (f->view, "ns2", NFL_TABLE_FILTER, "FORWARD");
  g_test_message ("a 10,000-rule chain into the list: %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpuint (n_rows (f), ==, 10000);
  nfl_test_spin (100);

  rule = nfl_rule_from_words (G_N_ELEMENTS (words) - 1, words, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (nfl_document_insert_rule (f->document, "ns2", NFL_TABLE_FILTER, "FORWARD", 1, rule, &error));
  g_assert_cmpuint (n_rows (f), ==, 10001);
  {
    g_autoptr(NflRuleRow) first = row_at (f, 0);
    g_assert_cmpstr (nfl_rule_row_get_column (first, NFL_LIST_SOURCE), ==, "192.0.2.1");
  }
  /* the new rule is selected */
  {
    g_autoptr(GArray) selected = nfl_rules_view_get_selection (f->view);
    g_assert_cmpuint (selected->len, ==, 1);
    g_assert_cmpuint (g_array_index (selected, guint, 0), ==, 1);
  }
  nfl_document_undo (f->document);
  g_assert_cmpuint (n_rows (f), ==, 10000);
}

int
main (int    argc,
      char **argv)
{
  int status;

  nfl_test_app_init (&argc, &argv);
  app = nfl_test_application_new ();

  g_test_add ("/nfl/app/rules-view/shows-namespace", Fixture, NULL, fixture_set_up, test_shows_namespace,
              fixture_tear_down);
  g_test_add ("/nfl/app/rules-view/console-command", Fixture, NULL, fixture_set_up, test_console_command,
              fixture_tear_down);
  g_test_add ("/nfl/app/rules-view/console-completion", Fixture, NULL, fixture_set_up, test_console_completion,
              fixture_tear_down);
  g_test_add ("/nfl/app/rules-view/console-listings", Fixture, NULL, fixture_set_up, test_console_listings,
              fixture_tear_down);
  g_test_add ("/nfl/app/rules-view/edits-and-warnings", Fixture, NULL, fixture_set_up, test_edits_and_warnings,
              fixture_tear_down);
  g_test_add ("/nfl/app/rules-view/opens-form", Fixture, NULL, fixture_set_up, test_opens_form, fixture_tear_down);
  g_test_add ("/nfl/app/rules-view/chain-list", Fixture, NULL, fixture_set_up, test_chain_list, fixture_tear_down);
  g_test_add ("/nfl/app/rules-view/search-chains", Fixture, NULL, fixture_set_up, test_search_chains,
              fixture_tear_down);
  g_test_add ("/nfl/app/rules-view/large-chain", Fixture, NULL, fixture_set_up, test_large_chain,
              fixture_tear_down);
  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
