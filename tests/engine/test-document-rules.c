/* test-document-rules.c: the document's edits of rules and chains, each
 * one undo step that restores the scenario exactly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "nfl-engine.h"
#include "nfl-test-topology.h"

#define NS2_RULES \
  "ip netns exec ns2 iptables -A FORWARD -s 10.1.0.0/24 -j ACCEPT\n" \
  "ip netns exec ns2 iptables -A FORWARD -s 10.2.0.0/24 -j ACCEPT\n" \
  "ip netns exec ns2 iptables -A FORWARD -p icmp -j DROP\n" \
  "ip netns exec ns2 iptables -A FORWARD -j LOG --log-prefix \"FWD \"\n" \
  "ip netns exec ns2 iptables -N my_chain\n" \
  "ip netns exec ns2 iptables -A INPUT -j my_chain\n"

static NflDocument *
rules_document (void)
{
  g_autoptr(NflScenario) scenario = nfl_scenario_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (nfl_commands_apply (scenario, NFL_TEST_LINKS NFL_TEST_ROUTES NFL_TEST_FORWARDING NS2_RULES,
                                     NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  nfl_scenario_auto_layout (scenario);
  return nfl_document_new_for_scenario (scenario);
}

static GBytes *
bytes_of (NflDocument *doc)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = nfl_scenario_to_xml_bytes (nfl_document_get_scenario (doc), &error);

  g_assert_no_error (error);
  return bytes;
}

static void
assert_bytes (NflDocument *doc,
              GBytes      *expected)
{
  g_autoptr(GBytes) bytes = bytes_of (doc);

  if (!g_bytes_equal (bytes, expected))
    {
      g_test_message ("expected:\n%.*s", (int) g_bytes_get_size (expected),
                      (const char *) g_bytes_get_data (expected, NULL));
      g_test_message ("got:\n%.*s", (int) g_bytes_get_size (bytes), (const char *) g_bytes_get_data (bytes, NULL));
      g_test_fail ();
    }
}

/* iptables -S of one chain of ns2 */
static char *
chain_spec (NflDocument *doc,
            NflTableId   table,
            const char  *chain)
{
  NflNamespace *ns = nfl_scenario_find_namespace (nfl_document_get_scenario (doc), "ns2");
  GString *out = g_string_new (NULL);

  nfl_iptables_list_rules (ns->ruleset, table, chain, 0, FALSE, out);
  return g_string_free (out, FALSE);
}

static NflRule *
rule_of (const char *spec)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GError) error = NULL;
  NflRule *rule;

  g_assert_true (g_shell_parse_argv (spec, NULL, &words, &error));
  rule = nfl_iptables_parse_rule (g_strv_length (words), words, NULL, &error);
  g_assert_no_error (error);
  return rule;
}

/* The edit made: one step named @label; undo gives @before exactly, redo
 * what the edit made, and undo again @before. */
static void
check_step (NflDocument *doc,
            GBytes      *before,
            const char  *label)
{
  g_autoptr(GBytes) after = bytes_of (doc);

  g_assert_cmpstr (nfl_document_get_undo_label (doc), ==, label);
  g_assert_true (nfl_document_get_modified (doc));
  g_assert_false (g_bytes_equal (before, after));
  g_assert_true (nfl_document_undo (doc));
  assert_bytes (doc, before);
  g_assert_cmpstr (nfl_document_get_redo_label (doc), ==, label);
  g_assert_true (nfl_document_redo (doc));
  assert_bytes (doc, after);
  g_assert_true (nfl_document_undo (doc));
  assert_bytes (doc, before);
  g_assert_true (nfl_document_redo (doc));
}

typedef struct {
  guint   count;
  char   *ns;
  guint   table;
  char   *chain;
  guint   index, removed, added;
} RulesChanged;

static void
rules_changed_cb (NflDocument  *doc,
                  const char   *ns,
                  guint         table,
                  const char   *chain,
                  guint         index,
                  guint         removed,
                  guint         added,
                  RulesChanged *seen)
{
  seen->count++;
  g_free (seen->ns);
  g_free (seen->chain);
  seen->ns = g_strdup (ns);
  seen->table = table;
  seen->chain = g_strdup (chain);
  seen->index = index;
  seen->removed = removed;
  seen->added = added;
}

static void
rules_changed_clear (RulesChanged *seen)
{
  g_free (seen->ns);
  g_free (seen->chain);
}

/* ---------------------------------------------------------------------- */

static void
test_insert (void)
{
  g_autoptr(NflDocument) doc = rules_document ();
  g_autoptr(GBytes) before = bytes_of (doc);
  g_autoptr(NflRule) dnat = rule_of ("-d 169.254.169.254/32 -j DNAT --to-destination 10.1.0.10");
  g_autoptr(NflRule) drop = rule_of ("-s 10.9.0.0/16 -j DROP");
  g_autoptr(GError) error = NULL;
  g_autofree char *spec = NULL;
  RulesChanged seen = { 0 };

  g_signal_connect (doc, "rules-changed", G_CALLBACK (rules_changed_cb), &seen);
  g_assert_true (nfl_document_insert_rule (doc, "ns2", NFL_TABLE_NAT, "PREROUTING", 1, dnat, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen.count, ==, 1);
  g_assert_cmpstr (seen.ns, ==, "ns2");
  g_assert_cmpuint (seen.table, ==, NFL_TABLE_NAT);
  g_assert_cmpstr (seen.chain, ==, "PREROUTING");
  g_assert_cmpuint (seen.index, ==, 0);
  g_assert_cmpuint (seen.removed, ==, 0);
  g_assert_cmpuint (seen.added, ==, 1);
  spec = chain_spec (doc, NFL_TABLE_NAT, "PREROUTING");
  g_assert_cmpstr (spec, ==, "-P PREROUTING ACCEPT\n"
                             "-A PREROUTING -d 169.254.169.254/32 -j DNAT --to-destination 10.1.0.10\n");
  /* the nat table was not in use: undo takes it out of the file again */
  check_step (doc, before, "Insert Rule in nat PREROUTING");
  g_assert_cmpuint (seen.count, ==, 5);
  g_assert_cmpuint (seen.removed, ==, 0);
  g_assert_cmpuint (seen.added, ==, 1);

  g_clear_pointer (&before, g_bytes_unref);
  before = bytes_of (doc);
  g_assert_true (nfl_document_insert_rule (doc, "ns2", NFL_TABLE_FILTER, "FORWARD", 3, drop, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen.index, ==, 2);
  g_free (spec);
  spec = chain_spec (doc, NFL_TABLE_FILTER, "FORWARD");
  g_assert_cmpstr (spec, ==, "-P FORWARD ACCEPT\n"
                             "-A FORWARD -s 10.1.0.0/24 -j ACCEPT\n"
                             "-A FORWARD -s 10.2.0.0/24 -j ACCEPT\n"
                             "-A FORWARD -s 10.9.0.0/16 -j DROP\n"
                             "-A FORWARD -p icmp -j DROP\n"
                             "-A FORWARD -j LOG --log-prefix \"FWD \"\n");
  check_step (doc, before, "Insert Rule in filter FORWARD");

  g_clear_pointer (&before, g_bytes_unref);
  before = bytes_of (doc);
  g_assert_true (nfl_document_insert_rule (doc, "ns2", NFL_TABLE_FILTER, "FORWARD", 0, drop, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen.index, ==, 5);
  check_step (doc, before, "Append Rule to filter FORWARD");
  rules_changed_clear (&seen);
}

static void
test_refusals (void)
{
  g_autoptr(NflDocument) doc = rules_document ();
  g_autoptr(GBytes) before = bytes_of (doc);
  g_autoptr(NflRule) dnat = rule_of ("-j DNAT --to-destination 10.1.0.10");
  g_autoptr(NflRule) drop = rule_of ("-j DROP");
  g_autoptr(NflRule) jump = rule_of ("-j nosuch");
  g_autoptr(GError) error = NULL;

  /* the engine's reasons, as sentences */
  g_assert_false (nfl_document_insert_rule (doc, "ns2", NFL_TABLE_FILTER, "INPUT", 1, dnat, &error));
  g_assert_nonnull (strstr (error->message, "DNAT is valid only in the nat table"));
  g_clear_error (&error);
  g_assert_false (nfl_document_insert_rule (doc, "ns2", NFL_TABLE_NAT, "POSTROUTING", 1, dnat, &error));
  g_assert_nonnull (strstr (error->message, "DNAT works only in PREROUTING and OUTPUT"));
  g_clear_error (&error);
  g_assert_false (nfl_document_insert_rule (doc, "ns2", NFL_TABLE_NAT, "PREROUTING", 1, drop, &error));
  g_assert_nonnull (strstr (error->message, "not intended for filtering"));
  g_clear_error (&error);
  g_assert_false (nfl_document_insert_rule (doc, "ns2", NFL_TABLE_FILTER, "INPUT", 1, jump, &error));
  g_assert_nonnull (strstr (error->message, "nosuch"));
  g_clear_error (&error);
  g_assert_false (nfl_document_insert_rule (doc, "ns2", NFL_TABLE_FILTER, "INPUT", 9, drop, &error));
  g_assert_nonnull (strstr (error->message, "Index of insertion too big"));
  g_clear_error (&error);
  g_assert_false (nfl_document_insert_rule (doc, "ns2", NFL_TABLE_FILTER, "NOPE", 1, drop, &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (nfl_document_replace_rule (doc, "ns2", NFL_TABLE_FILTER, "FORWARD", 5, drop, &error));
  g_assert_cmpstr (error->message, ==, "Chain FORWARD has no rule 5.");
  g_clear_error (&error);
  g_assert_false (nfl_document_delete_rules (doc, "ns2", NFL_TABLE_FILTER, "FORWARD", (guint[]) { 2, 7 }, 2, &error));
  g_clear_error (&error);
  g_assert_false (nfl_document_set_policy (doc, "ns2", NFL_TABLE_NAT, "PREROUTING", NFL_POLICY_DROP, &error));
  g_assert_nonnull (strstr (error->message, "not intended for filtering"));
  g_clear_error (&error);
  g_assert_false (nfl_document_set_policy (doc, "ns2", NFL_TABLE_FILTER, "my_chain", NFL_POLICY_DROP, &error));
  g_clear_error (&error);
  g_assert_false (nfl_document_move_rules (doc, "ns2", NFL_TABLE_FILTER, "FORWARD", (guint[]) { 1 }, 1, 9, &error));
  g_clear_error (&error);

  /* nothing changed, nothing to undo */
  assert_bytes (doc, before);
  g_assert_false (nfl_document_can_undo (doc));
  g_assert_false (nfl_document_get_modified (doc));
}

static void
test_replace_delete (void)
{
  g_autoptr(NflDocument) doc = rules_document ();
  g_autoptr(GBytes) before = bytes_of (doc);
  g_autoptr(NflRule) reject = rule_of ("-p icmp -j REJECT --reject-with icmp-host-prohibited");
  g_autoptr(GError) error = NULL;
  g_autofree char *spec = NULL;

  g_assert_true (nfl_document_replace_rule (doc, "ns2", NFL_TABLE_FILTER, "FORWARD", 3, reject, &error));
  g_assert_no_error (error);
  spec = chain_spec (doc, NFL_TABLE_FILTER, "FORWARD");
  g_assert_nonnull (strstr (spec, "-A FORWARD -p icmp -j REJECT --reject-with icmp-host-prohibited\n"));
  check_step (doc, before, "Edit Rule in filter FORWARD");

  /* the same rule again is no edit */
  g_assert_true (nfl_document_replace_rule (doc, "ns2", NFL_TABLE_FILTER, "FORWARD", 3, reject, &error));
  g_assert_cmpstr (nfl_document_get_undo_label (doc), ==, "Edit Rule in filter FORWARD");
  g_assert_true (nfl_document_undo (doc));
  g_assert_false (nfl_document_can_undo (doc));

  /* two rules that are not next to each other */
  g_assert_true (nfl_document_delete_rules (doc, "ns2", NFL_TABLE_FILTER, "FORWARD", (guint[]) { 4, 1, 4 }, 3,
                                            &error));
  g_assert_no_error (error);
  g_free (spec);
  spec = chain_spec (doc, NFL_TABLE_FILTER, "FORWARD");
  g_assert_cmpstr (spec, ==, "-P FORWARD ACCEPT\n"
                             "-A FORWARD -s 10.2.0.0/24 -j ACCEPT\n"
                             "-A FORWARD -p icmp -j DROP\n");
  check_step (doc, before, "Delete 2 Rules in filter FORWARD");

  g_assert_true (nfl_document_undo (doc));
  g_assert_true (nfl_document_delete_rules (doc, "ns2", NFL_TABLE_FILTER, "FORWARD", (guint[]) { 2 }, 1, &error));
  check_step (doc, before, "Delete Rule in filter FORWARD");
}

static void
test_move_duplicate (void)
{
  g_autoptr(NflDocument) doc = rules_document ();
  g_autoptr(GBytes) before = bytes_of (doc);
  g_autoptr(GError) error = NULL;
  g_autofree char *spec = NULL;

  /* Alt+Down on rule 1: it goes to position 2 */
  g_assert_true (nfl_document_move_rules (doc, "ns2", NFL_TABLE_FILTER, "FORWARD", (guint[]) { 1 }, 1, 2, &error));
  g_assert_no_error (error);
  spec = chain_spec (doc, NFL_TABLE_FILTER, "FORWARD");
  g_assert_cmpstr (spec, ==, "-P FORWARD ACCEPT\n"
                             "-A FORWARD -s 10.2.0.0/24 -j ACCEPT\n"
                             "-A FORWARD -s 10.1.0.0/24 -j ACCEPT\n"
                             "-A FORWARD -p icmp -j DROP\n"
                             "-A FORWARD -j LOG --log-prefix \"FWD \"\n");
  check_step (doc, before, "Move Rule in filter FORWARD");
  g_assert_true (nfl_document_undo (doc));

  /* rules 1 and 3 to the end, in their order */
  g_assert_true (nfl_document_move_rules (doc, "ns2", NFL_TABLE_FILTER, "FORWARD", (guint[]) { 3, 1 }, 2, 0,
                                          &error));
  g_free (spec);
  spec = chain_spec (doc, NFL_TABLE_FILTER, "FORWARD");
  g_assert_cmpstr (spec, ==, "-P FORWARD ACCEPT\n"
                             "-A FORWARD -s 10.2.0.0/24 -j ACCEPT\n"
                             "-A FORWARD -j LOG --log-prefix \"FWD \"\n"
                             "-A FORWARD -s 10.1.0.0/24 -j ACCEPT\n"
                             "-A FORWARD -p icmp -j DROP\n");
  check_step (doc, before, "Move 2 Rules in filter FORWARD");
  g_assert_true (nfl_document_undo (doc));

  /* where they are already: nothing */
  g_assert_true (nfl_document_move_rules (doc, "ns2", NFL_TABLE_FILTER, "FORWARD", (guint[]) { 2 }, 1, 2, &error));
  g_assert_cmpstr (nfl_document_get_undo_label (doc), ==, NULL);

  g_assert_true (nfl_document_duplicate_rules (doc, "ns2", NFL_TABLE_FILTER, "FORWARD", (guint[]) { 2, 3 }, 2,
                                               &error));
  g_free (spec);
  spec = chain_spec (doc, NFL_TABLE_FILTER, "FORWARD");
  g_assert_cmpstr (spec, ==, "-P FORWARD ACCEPT\n"
                             "-A FORWARD -s 10.1.0.0/24 -j ACCEPT\n"
                             "-A FORWARD -s 10.2.0.0/24 -j ACCEPT\n"
                             "-A FORWARD -p icmp -j DROP\n"
                             "-A FORWARD -s 10.2.0.0/24 -j ACCEPT\n"
                             "-A FORWARD -p icmp -j DROP\n"
                             "-A FORWARD -j LOG --log-prefix \"FWD \"\n");
  check_step (doc, before, "Duplicate 2 Rules in filter FORWARD");
}

static void
test_flush_policy_counters (void)
{
  g_autoptr(NflDocument) doc = rules_document ();
  g_autoptr(GBytes) before = bytes_of (doc);
  g_autoptr(GError) error = NULL;
  g_autofree char *spec = NULL;
  NflNamespace *ns;
  NflChain *forward;

  g_assert_true (nfl_document_flush_chain (doc, "ns2", NFL_TABLE_FILTER, "FORWARD", &error));
  g_assert_no_error (error);
  spec = chain_spec (doc, NFL_TABLE_FILTER, "FORWARD");
  g_assert_cmpstr (spec, ==, "-P FORWARD ACCEPT\n");
  check_step (doc, before, "Flush filter FORWARD");
  g_assert_true (nfl_document_undo (doc));

  g_assert_true (nfl_document_set_policy (doc, "ns2", NFL_TABLE_FILTER, "INPUT", NFL_POLICY_DROP, &error));
  g_assert_no_error (error);
  g_free (spec);
  spec = chain_spec (doc, NFL_TABLE_FILTER, "INPUT");
  g_assert_cmpstr (spec, ==, "-P INPUT DROP\n-A INPUT -j my_chain\n");
  check_step (doc, before, "Set Policy of filter INPUT to DROP");
  g_assert_true (nfl_document_undo (doc));

  ns = nfl_scenario_find_namespace (nfl_document_get_scenario (doc), "ns2");
  forward = nfl_ruleset_find_chain (ns->ruleset, NFL_TABLE_FILTER, "FORWARD");
  ((NflRule *) g_ptr_array_index (forward->rules, 0))->packets = 7;
  ((NflRule *) g_ptr_array_index (forward->rules, 0))->bytes = 588;
  g_clear_pointer (&before, g_bytes_unref);
  before = bytes_of (doc);
  g_assert_true (nfl_document_zero_counters (doc, "ns2", NFL_TABLE_FILTER, "FORWARD", &error));
  g_assert_no_error (error);
  forward = nfl_ruleset_find_chain (ns->ruleset, NFL_TABLE_FILTER, "FORWARD");
  g_assert_cmpuint (((NflRule *) g_ptr_array_index (forward->rules, 0))->packets, ==, 0);
  check_step (doc, before, "Zero Counters of filter FORWARD");
}

static void
test_chains (void)
{
  g_autoptr(NflDocument) doc = rules_document ();
  g_autoptr(GBytes) before = bytes_of (doc);
  g_autoptr(GError) error = NULL;
  g_autofree char *refs = NULL;
  g_autofree char *spec = NULL;

  g_assert_true (nfl_document_add_chain (doc, "ns2", NFL_TABLE_NAT, "to_ns1", &error));
  g_assert_no_error (error);
  g_assert_nonnull (nfl_ruleset_find_chain (nfl_scenario_find_namespace (nfl_document_get_scenario (doc), "ns2")->ruleset,
                                            NFL_TABLE_NAT, "to_ns1"));
  check_step (doc, before, "New Chain to_ns1 in nat");
  g_assert_false (nfl_document_add_chain (doc, "ns2", NFL_TABLE_NAT, "to_ns1", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (nfl_document_add_chain (doc, "ns2", NFL_TABLE_NAT, "a b", &error));
  g_clear_error (&error);
  g_assert_true (nfl_document_undo (doc));

  /* rename follows the jumps, as iptables -E does */
  g_assert_true (nfl_document_rename_chain (doc, "ns2", NFL_TABLE_FILTER, "my_chain", "checks", &error));
  g_assert_no_error (error);
  spec = chain_spec (doc, NFL_TABLE_FILTER, "INPUT");
  g_assert_cmpstr (spec, ==, "-P INPUT ACCEPT\n-A INPUT -j checks\n");
  check_step (doc, before, "Rename Chain my_chain");
  g_assert_true (nfl_document_undo (doc));
  g_assert_false (nfl_document_rename_chain (doc, "ns2", NFL_TABLE_FILTER, "INPUT", "IN", &error));
  g_clear_error (&error);

  /* delete is refused while a rule jumps there, and says which */
  refs = nfl_document_describe_references (doc, "ns2", NFL_TABLE_FILTER, "my_chain");
  g_assert_cmpstr (refs, ==, "filter INPUT rule 1 (-j my_chain)");
  g_assert_false (nfl_document_delete_chain (doc, "ns2", NFL_TABLE_FILTER, "my_chain", &error));
  g_assert_cmpstr (error->message, ==, "Chain my_chain cannot be deleted while rules jump to it:\n"
                                       "filter INPUT rule 1 (-j my_chain)");
  g_clear_error (&error);
  assert_bytes (doc, before);

  g_assert_true (nfl_document_delete_rules (doc, "ns2", NFL_TABLE_FILTER, "INPUT", (guint[]) { 1 }, 1, &error));
  g_clear_pointer (&before, g_bytes_unref);
  before = bytes_of (doc);
  g_assert_true (nfl_document_run_commands (doc, "ns2", "iptables -A my_chain -j ACCEPT", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (nfl_document_delete_chain (doc, "ns2", NFL_TABLE_FILTER, "my_chain", &error));
  g_assert_no_error (error);
  g_assert_null (nfl_ruleset_find_chain (nfl_scenario_find_namespace (nfl_document_get_scenario (doc), "ns2")->ruleset,
                                         NFL_TABLE_FILTER, "my_chain"));
  g_assert_cmpstr (nfl_document_get_undo_label (doc), ==, "Delete Chain my_chain");
  g_assert_true (nfl_document_undo (doc));
  g_assert_true (nfl_document_undo (doc));
  assert_bytes (doc, before);
}

/* Log Every Chain on the tutorial's topology makes the rules of the
 * tutorial's log_iptables_ns for ns1, ns2 and ns3 */
static void
test_log_every_chain (void)
{
  static const char *const namespaces[] = { "ns1", "ns2", "ns3" };
  static const char *const chains[][2] = {
    { "filter", "INPUT FILTER_INPUT" }, { "filter", "FORWARD FILTER_FORWARD" },
    { "filter", "OUTPUT FILTER_OUTPUT" }, { "nat", "PREROUTING NAT_PREROUTE" },
    { "nat", "INPUT NAT_INPUT" }, { "nat", "OUTPUT NAT_OUTPUT" },
    { "nat", "POSTROUTING NAT_POSTROUTING" }, { "mangle", "PREROUTING MANGLE_PREROUTING" },
    { "mangle", "INPUT MANGLE_INPUT" }, { "mangle", "FORWARD MANGLE_FORWARD" },
    { "mangle", "OUTPUT MANGLE_OUTPUT" }, { "mangle", "POSTROUTING MANGLE_POSTROUTING" },
    { "raw", "PREROUTING RAW_PREROUTING" }, { "raw", "OUTPUT RAW_OUTPUT" },
  };
  g_autoptr(NflScenario) topology = nfl_scenario_new ();
  g_autoptr(NflScenario) expected = NULL;
  g_autoptr(NflDocument) doc = NULL;
  g_autoptr(GString) function = g_string_new (NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (nfl_commands_apply (topology, NFL_TEST_LINKS NFL_TEST_ROUTES NFL_TEST_FORWARDING, NULL, NULL,
                                     NULL, &error));
  /* the function as the tutorial writes it */
  for (guint n = 0; n < G_N_ELEMENTS (namespaces); n++)
    for (guint c = 0; c < G_N_ELEMENTS (chains); c++)
      {
        g_auto(GStrv) parts = g_strsplit (chains[c][1], " ", 2);
        g_string_append_printf (function, "sudo ip netns exec %s iptables -t %s -A %s -j LOG --log-prefix "
                                "\"IPTABLES_\"%s\"_%s \"\n", namespaces[n], chains[c][0], parts[0],
                                namespaces[n], parts[1]);
      }
  expected = nfl_scenario_copy (topology);
  g_assert_true (nfl_commands_apply (expected, function->str, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  doc = nfl_document_new_for_scenario (topology);
  before = bytes_of (doc);
  g_assert_true (nfl_document_log_every_chain (doc, NULL, &error));
  g_assert_no_error (error);
  for (guint n = 0; n < G_N_ELEMENTS (namespaces); n++)
    {
      g_autoptr(GString) got = g_string_new (NULL);
      g_autoptr(GString) want = g_string_new (NULL);

      nfl_ruleset_save (nfl_scenario_find_namespace (topology, namespaces[n])->ruleset, FALSE, got);
      nfl_ruleset_save (nfl_scenario_find_namespace (expected, namespaces[n])->ruleset, FALSE, want);
      g_assert_cmpstr (got->str, ==, want->str);
      g_assert_nonnull (strstr (got->str, "--log-prefix \"IPTABLES_ns"));
    }
  {
    g_autoptr(GString) nat = g_string_new (NULL);

    nfl_iptables_list_rules (nfl_scenario_find_namespace (topology, "ns2")->ruleset, NFL_TABLE_NAT, "PREROUTING",
                             0, FALSE, nat);
    g_assert_cmpstr (nat->str, ==, "-P PREROUTING ACCEPT\n"
                                   "-A PREROUTING -j LOG --log-prefix \"IPTABLES_ns2_NAT_PREROUTE \"\n");
  }
  check_step (doc, before, "Log Every Chain");

  /* again: the rules are there already, nothing to do */
  g_assert_true (nfl_document_log_every_chain (doc, NULL, &error));
  g_assert_true (nfl_document_undo (doc));
  g_assert_false (nfl_document_can_undo (doc));

  /* one namespace, above the rules it has */
  g_assert_true (nfl_document_run_commands (doc, "ns2", "iptables -A FORWARD -j DROP", NULL, NULL, &error));
  g_assert_true (nfl_document_log_every_chain (doc, "ns2", &error));
  g_assert_cmpstr (nfl_document_get_undo_label (doc), ==, "Log Every Chain of ns2");
  {
    NflChain *forward = nfl_ruleset_find_chain (nfl_scenario_find_namespace (topology, "ns2")->ruleset,
                                                NFL_TABLE_FILTER, "FORWARD");
    g_autofree char *first = nfl_rule_to_save_spec (g_ptr_array_index (forward->rules, 0));
    g_autofree char *second = nfl_rule_to_save_spec (g_ptr_array_index (forward->rules, 1));

    g_assert_cmpstr (first, ==, "-j LOG --log-prefix \"IPTABLES_ns2_FILTER_FORWARD \"");
    g_assert_cmpstr (second, ==, "-j DROP");
    g_assert_cmpuint (nfl_ruleset_count_rules (nfl_scenario_find_namespace (topology, "ns1")->ruleset), ==, 0);
  }
}

static void
test_run_commands (void)
{
  g_autoptr(NflDocument) doc = rules_document ();
  g_autoptr(GBytes) before = bytes_of (doc);
  g_autoptr(GString) output = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  NflSourcePos where = { 0 };

  /* a listing prints and changes nothing */
  g_assert_true (nfl_document_run_commands (doc, "ns2", "iptables -S FORWARD", output, &where, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (output->str, ==, "-P FORWARD ACCEPT\n"
                                    "-A FORWARD -s 10.1.0.0/24 -j ACCEPT\n"
                                    "-A FORWARD -s 10.2.0.0/24 -j ACCEPT\n"
                                    "-A FORWARD -p icmp -j DROP\n"
                                    "-A FORWARD -j LOG --log-prefix \"FWD \"\n");
  g_assert_false (nfl_document_can_undo (doc));

  g_assert_true (nfl_document_run_commands (doc, "ns2",
                                            "iptables -t nat -A PREROUTING -d 169.254.169.254 -j DNAT "
                                            "--to-destination 10.1.0.10", output, &where, &error));
  g_assert_no_error (error);
  check_step (doc, before, "Run “iptables -t nat -A PREROUTING -d 169.25…”");

  /* an error applies nothing and says where */
  g_clear_pointer (&before, g_bytes_unref);
  before = bytes_of (doc);
  g_assert_false (nfl_document_run_commands (doc, "ns2", "iptables -A INPUT -j ACCEPT\niptables -A NOPE -j DROP",
                                             NULL, &where, &error));
  g_assert_cmpuint (where.line, ==, 2);
  g_assert_cmpuint (where.column, ==, 13);
  g_clear_error (&error);
  assert_bytes (doc, before);
}

/* A chain of 10,000 rules: an insert at the top and its undo are each a
 * step of one rule, whatever the size of the chain. */
static void
test_large_chain (void)
{
  g_autoptr(NflDocument) doc = rules_document ();
  g_autoptr(GString) restore = g_string_new ("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n"
                                             ":OUTPUT ACCEPT [0:0]\n");
  g_autoptr(NflRule) drop = rule_of ("-s 192.0.2.1/32 -j DROP");
  g_autoptr(GError) error = NULL;
  NflNamespace *ns;
  NflChain *forward;

  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (restore, "-A FORWARD -s 10.%u.%u.%u/32 -j DROP\n", i >> 16, (i >> 8) & 0xff, i & 0xff);
  g_string_append (restore, "COMMIT\n");
  ns = nfl_scenario_find_namespace (nfl_document_get_scenario (doc), "ns2");
  {
    NflRuleset *restored = nfl_iptables_restore (ns->ruleset, restore->str, -1, &error);

    g_assert_no_error (error);
    nfl_ruleset_free (ns->ruleset);
    ns->ruleset = restored;
  }

  g_assert_true (nfl_document_insert_rule (doc, "ns2", NFL_TABLE_FILTER, "FORWARD", 1, drop, &error));
  forward = nfl_ruleset_find_chain (ns->ruleset, NFL_TABLE_FILTER, "FORWARD");
  g_assert_cmpuint (forward->rules->len, ==, 10001);
  g_assert_true (nfl_rule_equal_spec (g_ptr_array_index (forward->rules, 0), drop));
  g_assert_true (nfl_document_undo (doc));
  g_assert_cmpuint (forward->rules->len, ==, 10000);
  g_assert_false (nfl_rule_equal_spec (g_ptr_array_index (forward->rules, 0), drop));
  g_assert_true (nfl_document_flush_chain (doc, "ns2", NFL_TABLE_FILTER, "FORWARD", &error));
  g_assert_cmpuint (nfl_ruleset_find_chain (ns->ruleset, NFL_TABLE_FILTER, "FORWARD")->rules->len, ==, 0);
  g_assert_true (nfl_document_undo (doc));
  g_assert_cmpuint (nfl_ruleset_find_chain (ns->ruleset, NFL_TABLE_FILTER, "FORWARD")->rules->len, ==, 10000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nfl/engine/document-rules/insert", test_insert);
  g_test_add_func ("/nfl/engine/document-rules/refusals", test_refusals);
  g_test_add_func ("/nfl/engine/document-rules/replace-delete", test_replace_delete);
  g_test_add_func ("/nfl/engine/document-rules/move-duplicate", test_move_duplicate);
  g_test_add_func ("/nfl/engine/document-rules/flush-policy-counters", test_flush_policy_counters);
  g_test_add_func ("/nfl/engine/document-rules/chains", test_chains);
  g_test_add_func ("/nfl/engine/document-rules/log-every-chain", test_log_every_chain);
  g_test_add_func ("/nfl/engine/document-rules/run-commands", test_run_commands);
  g_test_add_func ("/nfl/engine/document-rules/large-chain", test_large_chain);

  return g_test_run ();
}
