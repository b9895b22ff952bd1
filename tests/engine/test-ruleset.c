/* test-ruleset.c: the four tables of a namespace, their chains and the
 * structural checks iptables and the kernel make
 *
 * Chains are created, renamed and deleted through the iptables command
 * (the ruleset has no API of its own for that); the expected refusals
 * are those in tests/data/iptables/cases/err-*.out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "nfl-engine.h"

/* ---------------------------------------------------------------------- */
/* helpers                                                                 */
/* ---------------------------------------------------------------------- */

/* "iptables …" as a user types it */
static gboolean
run (NflRuleset  *ruleset,
     const char  *line,
     GError     **error)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GArray) starts = NULL;
  guint bad = 0;

  if (!nfl_command_split (line, &words, &starts, &bad, error))
    return FALSE;
  g_assert_cmpstr (words[0], ==, "iptables");
  return nfl_iptables_run (ruleset, g_strv_length (words), words, NULL, NULL, error);
}

static void
run_ok (NflRuleset *ruleset,
        const char *line)
{
  g_autoptr(GError) error = NULL;

  if (!run (ruleset, line, &error))
    g_error ("“%s” failed: %s", line, error->message);
}

/* the parsed rule part of "-A CHAIN …" */
static NflRule *
parse_rule (const char *spec)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GArray) starts = NULL;
  g_autoptr(GError) error = NULL;
  guint bad = 0;
  NflRule *rule;

  g_assert_true (nfl_command_split (spec, &words, &starts, &bad, &error));
  rule = nfl_iptables_parse_rule (g_strv_length (words), words, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rule);
  return rule;
}

static char *
save (const NflRuleset *ruleset)
{
  return nfl_iptables_save (ruleset, TRUE);
}

static char *
chain_names (NflRuleset *ruleset,
             NflTableId  table)
{
  NflTable *t = nfl_ruleset_get_table (ruleset, table);
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < t->chains->len; i++)
    {
      NflChain *chain = g_ptr_array_index (t->chains, i);
      g_string_append_printf (names, "%s%s", i ? " " : "", chain->name);
    }
  return g_string_free (names, FALSE);
}

/* Runs @line, which must be refused with a message containing
 * @fragment, and checks that nothing changed. */
static void
assert_refused (NflRuleset *ruleset,
                const char *line,
                const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = save (ruleset);
  g_autofree char *after = NULL;
  char *names_before[NFL_N_TABLES] = { NULL };

  for (guint t = 0; t < NFL_N_TABLES; t++)
    names_before[t] = chain_names (ruleset, t);
  if (run (ruleset, line, &error))
    g_error ("“%s” was accepted", line);
  g_test_message ("%s: %s", line, error->message);
  g_assert_true (error->domain == NFL_FORMAT_ERROR);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s”: message “%s” does not contain “%s”", line, error->message, fragment);
  after = save (ruleset);
  g_assert_cmpstr (after, ==, before);
  for (guint t = 0; t < NFL_N_TABLES; t++)
    {
      g_autofree char *names_after = chain_names (ruleset, t);
      g_assert_cmpstr (names_after, ==, names_before[t]);
      g_free (names_before[t]);
      names_before[t] = NULL;
    }
}

/* ---------------------------------------------------------------------- */
/* built-in chains                                                         */
/* ---------------------------------------------------------------------- */

static void
test_builtin_chains (void)
{
  static const char *expected[NFL_N_TABLES] = {
    [NFL_TABLE_RAW] = "PREROUTING OUTPUT",
    [NFL_TABLE_MANGLE] = "PREROUTING INPUT FORWARD OUTPUT POSTROUTING",
    [NFL_TABLE_NAT] = "PREROUTING INPUT OUTPUT POSTROUTING",
    [NFL_TABLE_FILTER] = "INPUT FORWARD OUTPUT",
  };
  NflRuleset *ruleset = nfl_ruleset_new ();
  g_autofree char *saved = NULL;

  for (guint t = 0; t < NFL_N_TABLES; t++)
    {
      NflTable *table = nfl_ruleset_get_table (ruleset, t);
      g_autofree char *names = chain_names (ruleset, t);

      g_assert_cmpint (table->id, ==, t);
      g_assert_false (table->present);
      g_assert_cmpstr (names, ==, expected[t]);
      for (guint c = 0; c < table->chains->len; c++)
        {
          NflChain *chain = g_ptr_array_index (table->chains, c);
          NflHook hook;

          g_assert_true (chain->builtin);
          g_assert_cmpint (chain->policy, ==, NFL_POLICY_ACCEPT);
          g_assert_cmpuint (chain->rules->len, ==, 0);
          g_assert_true (nfl_hook_from_name (chain->name, &hook));
          g_assert_cmpint (chain->hook, ==, hook);
          g_assert_true (nfl_ruleset_get_builtin (ruleset, t, hook) == chain);
          g_assert_true (nfl_ruleset_find_chain (ruleset, t, chain->name) == chain);
        }
    }
  g_assert_null (nfl_ruleset_get_builtin (ruleset, NFL_TABLE_FILTER, NFL_HOOK_PREROUTING));
  g_assert_null (nfl_ruleset_get_builtin (ruleset, NFL_TABLE_NAT, NFL_HOOK_FORWARD));
  g_assert_null (nfl_ruleset_find_chain (ruleset, NFL_TABLE_FILTER, "input"));
  g_assert_cmpuint (nfl_ruleset_count_rules (ruleset), ==, 0);
  g_assert_false (nfl_ruleset_needs_conntrack (ruleset));

  /* a fresh namespace has no table iptables-save would print */
  saved = save (ruleset);
  g_assert_cmpstr (saved, ==, "");
  nfl_ruleset_free (ruleset);
  nfl_ruleset_free (NULL);
}

static void
test_policies (void)
{
  NflRuleset *ruleset = nfl_ruleset_new ();
  NflChain *input = nfl_ruleset_get_builtin (ruleset, NFL_TABLE_FILTER, NFL_HOOK_INPUT);
  g_autofree char *saved = NULL;

  g_assert_cmpstr (nfl_policy_name (NFL_POLICY_ACCEPT), ==, "ACCEPT");
  g_assert_cmpstr (nfl_policy_name (NFL_POLICY_DROP), ==, "DROP");
  g_assert_cmpstr (nfl_policy_name (NFL_POLICY_NONE), ==, "-");

  run_ok (ruleset, "iptables -P INPUT DROP");
  g_assert_cmpint (input->policy, ==, NFL_POLICY_DROP);
  g_assert_true (nfl_ruleset_get_table (ruleset, NFL_TABLE_FILTER)->present);
  saved = nfl_iptables_save (ruleset, FALSE);
  g_assert_cmpstr (saved, ==,
                   "*filter\n"
                   ":INPUT DROP [0:0]\n"
                   ":FORWARD ACCEPT [0:0]\n"
                   ":OUTPUT ACCEPT [0:0]\n"
                   "COMMIT\n");
  run_ok (ruleset, "iptables -P INPUT ACCEPT");
  g_assert_cmpint (input->policy, ==, NFL_POLICY_ACCEPT);
  run_ok (ruleset, "iptables -t mangle -P FORWARD DROP");
  g_assert_cmpint (nfl_ruleset_get_builtin (ruleset, NFL_TABLE_MANGLE, NFL_HOOK_FORWARD)->policy,
                   ==, NFL_POLICY_DROP);

  /* the refusals of err-policy */
  run_ok (ruleset, "iptables -N my_chain");
  assert_refused (ruleset, "iptables -P my_chain DROP", "user chain");
  assert_refused (ruleset, "iptables -P nosuch DROP", "nosuch");
  assert_refused (ruleset, "iptables -P INPUT RETURN", "Bad policy name");
  assert_refused (ruleset, "iptables -P INPUT REJECT", "Bad policy name");
  assert_refused (ruleset, "iptables -P INPUT drop", "Bad policy name");
  assert_refused (ruleset, "iptables -t nat -P PREROUTING DROP", "not intended for filtering");
  g_assert_cmpint (nfl_ruleset_find_chain (ruleset, NFL_TABLE_FILTER, "my_chain")->policy,
                   ==, NFL_POLICY_NONE);
  nfl_ruleset_free (ruleset);
}

/* ---------------------------------------------------------------------- */
/* user chains                                                             */
/* ---------------------------------------------------------------------- */

static void
test_user_chain_create (void)
{
  NflRuleset *ruleset = nfl_ruleset_new ();
  g_autofree char *names = NULL;
  g_autofree char *saved = NULL;
  NflChain *web;

  run_ok (ruleset, "iptables -N web");
  web = nfl_ruleset_find_chain (ruleset, NFL_TABLE_FILTER, "web");
  g_assert_nonnull (web);
  g_assert_false (web->builtin);
  g_assert_cmpint (web->policy, ==, NFL_POLICY_NONE);
  g_assert_true (nfl_ruleset_get_table (ruleset, NFL_TABLE_FILTER)->present);
  /* the chain is in filter only */
  g_assert_null (nfl_ruleset_find_chain (ruleset, NFL_TABLE_NAT, "web"));
  saved = save (ruleset);
  g_assert_nonnull (strstr (saved, ":web - [0:0]\n"));

  /* user chains come after the built-ins, sorted by name in byte order */
  run_ok (ruleset, "iptables -N zeta");
  run_ok (ruleset, "iptables -N Beta");
  run_ok (ruleset, "iptables -N alpha");
  run_ok (ruleset, "iptables -N _under");
  run_ok (ruleset, "iptables -N 9nine");
  names = chain_names (ruleset, NFL_TABLE_FILTER);
  g_assert_cmpstr (names, ==, "INPUT FORWARD OUTPUT 9nine Beta _under alpha web zeta");

  /* the same name may exist in another table */
  run_ok (ruleset, "iptables -t nat -N web");
  g_assert_nonnull (nfl_ruleset_find_chain (ruleset, NFL_TABLE_NAT, "web"));

  assert_refused (ruleset, "iptables -N web", "already exists");
  assert_refused (ruleset, "iptables -N INPUT", "already exists");
  assert_refused (ruleset, "iptables -N ACCEPT", "clash with target name");
  assert_refused (ruleset, "iptables -N DNAT", "clash with target name");
  assert_refused (ruleset, "iptables -N abcdefghijklmnopqrstuvwxyz012", "too long");
  assert_refused (ruleset, "iptables -N '-x'", "start with");
  assert_refused (ruleset, "iptables -N 'a b'", "blanks");
  /* 28 characters is the longest name */
  run_ok (ruleset, "iptables -N abcdefghijklmnopqrstuvwxyz01");
  nfl_ruleset_free (ruleset);
}

static void
test_user_chain_delete (void)
{
  NflRuleset *ruleset = nfl_ruleset_new ();
  g_autofree char *names = NULL;

  run_ok (ruleset, "iptables -N web");
  run_ok (ruleset, "iptables -N empty");
  run_ok (ruleset, "iptables -A INPUT -p tcp --dport 80 -j web");
  run_ok (ruleset, "iptables -A web -j ACCEPT");
  g_assert_cmpuint (nfl_ruleset_count_references (ruleset, NFL_TABLE_FILTER, "web"), ==, 1);
  g_assert_cmpuint (nfl_ruleset_count_references (ruleset, NFL_TABLE_FILTER, "empty"), ==, 0);

  assert_refused (ruleset, "iptables -X web", "referenced by 1 rule");
  assert_refused (ruleset, "iptables -X INPUT", "built-in");
  assert_refused (ruleset, "iptables -X nosuch", "nosuch");

  run_ok (ruleset, "iptables -X empty");
  g_assert_null (nfl_ruleset_find_chain (ruleset, NFL_TABLE_FILTER, "empty"));

  /* no longer referenced, but still holding a rule */
  run_ok (ruleset, "iptables -D INPUT 1");
  g_assert_cmpuint (nfl_ruleset_count_references (ruleset, NFL_TABLE_FILTER, "web"), ==, 0);
  assert_refused (ruleset, "iptables -X web", "not empty");
  run_ok (ruleset, "iptables -F web");
  run_ok (ruleset, "iptables -X web");
  names = chain_names (ruleset, NFL_TABLE_FILTER);
  g_assert_cmpstr (names, ==, "INPUT FORWARD OUTPUT");
  nfl_ruleset_free (ruleset);
}

static void
test_user_chain_rename (void)
{
  NflRuleset *ruleset = nfl_ruleset_new ();
  g_autofree char *saved = NULL;
  g_autofree char *names = NULL;

  run_ok (ruleset, "iptables -N old");
  run_ok (ruleset, "iptables -N middle");
  run_ok (ruleset, "iptables -A INPUT -j old");
  run_ok (ruleset, "iptables -A FORWARD -g old");
  run_ok (ruleset, "iptables -A old -j ACCEPT");
  run_ok (ruleset, "iptables -E old new");

  g_assert_null (nfl_ruleset_find_chain (ruleset, NFL_TABLE_FILTER, "old"));
  g_assert_nonnull (nfl_ruleset_find_chain (ruleset, NFL_TABLE_FILTER, "new"));
  /* the jumps follow the rename (ops-rename) */
  g_assert_cmpuint (nfl_ruleset_count_references (ruleset, NFL_TABLE_FILTER, "new"), ==, 2);
  g_assert_cmpuint (nfl_ruleset_count_references (ruleset, NFL_TABLE_FILTER, "old"), ==, 0);
  saved = nfl_iptables_save (ruleset, FALSE);
  g_assert_cmpstr (saved, ==,
                   "*filter\n"
                   ":INPUT ACCEPT [0:0]\n"
                   ":FORWARD ACCEPT [0:0]\n"
                   ":OUTPUT ACCEPT [0:0]\n"
                   ":middle - [0:0]\n"
                   ":new - [0:0]\n"
                   "-A INPUT -j new\n"
                   "-A FORWARD -g new\n"
                   "-A new -j ACCEPT\n"
                   "COMMIT\n");
  /* and the chain moves to its new place in name order */
  run_ok (ruleset, "iptables -E new aaa");
  names = chain_names (ruleset, NFL_TABLE_FILTER);
  g_assert_cmpstr (names, ==, "INPUT FORWARD OUTPUT aaa middle");

  assert_refused (ruleset, "iptables -E aaa middle", "already has a chain");
  assert_refused (ruleset, "iptables -E INPUT in", "built-in");
  assert_refused (ruleset, "iptables -E nosuch other", "nosuch");
  assert_refused (ruleset, "iptables -E aaa DROP", "clash with target name");
  nfl_ruleset_free (ruleset);
}

/* ---------------------------------------------------------------------- */
/* refusals                                                                */
/* ---------------------------------------------------------------------- */

static void
test_refuse_jump_missing (void)
{
  NflRuleset *ruleset = nfl_ruleset_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = save (ruleset);
  g_autofree char *after = NULL;

  /* through the API */
  g_assert_false (nfl_ruleset_insert_rule (ruleset, NFL_TABLE_FILTER, "INPUT", -1,
                                           parse_rule ("-j nosuch"), &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "Chain 'nosuch' does not exist in table filter"));
  g_clear_error (&error);
  g_assert_false (nfl_ruleset_insert_rule (ruleset, NFL_TABLE_FILTER, "nosuch", -1,
                                           parse_rule ("-j ACCEPT"), &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_NOT_FOUND);
  after = save (ruleset);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (nfl_ruleset_get_table (ruleset, NFL_TABLE_FILTER)->present);

  /* and through the command; a chain of another table does not count */
  run_ok (ruleset, "iptables -t nat -N pre");
  assert_refused (ruleset, "iptables -A INPUT -j pre", "does not exist");
  assert_refused (ruleset, "iptables -A INPUT -g pre", "does not exist");
  /* built-in chains cannot be jumped to */
  assert_refused (ruleset, "iptables -A INPUT -j OUTPUT", "OUTPUT");
  nfl_ruleset_free (ruleset);
}

static void
test_refuse_loops (void)
{
  NflRuleset *ruleset = nfl_ruleset_new ();

  /* err-loop-reachable: a loop that INPUT reaches is refused... */
  run_ok (ruleset, "iptables -N A");
  run_ok (ruleset, "iptables -N B");
  run_ok (ruleset, "iptables -A INPUT -j A");
  run_ok (ruleset, "iptables -A A -j B");
  assert_refused (ruleset, "iptables -A B -j A", "Too many links");
  assert_refused (ruleset, "iptables -A B -g A", "Too many links");
  assert_refused (ruleset, "iptables -A A -j A", "Too many links");
  run_ok (ruleset, "iptables -A B -j RETURN");

  /* err-loop-attach: ...and so is attaching a loop nothing reached yet */
  run_ok (ruleset, "iptables -N C");
  run_ok (ruleset, "iptables -N D");
  run_ok (ruleset, "iptables -A C -j D");
  run_ok (ruleset, "iptables -A D -j C");   /* accepted: never walked */
  assert_refused (ruleset, "iptables -A INPUT -j C", "Too many links");
  assert_refused (ruleset, "iptables -I INPUT -j D", "RULE_INSERT failed (Too many links)");
  assert_refused (ruleset, "iptables -A B -j C", "Too many links");

  /* through the API: a self-jump in a chain INPUT reaches */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(NflRule) self_jump = parse_rule ("-j B");

    g_assert_false (nfl_ruleset_check_rule (ruleset, NFL_TABLE_FILTER, "B", self_jump, &error));
    g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID);
  }
  nfl_ruleset_free (ruleset);
}

static void
test_refuse_wrong_table (void)
{
  NflRuleset *ruleset = nfl_ruleset_new ();

  /* err-target-wrong-table-*: each target in the table it belongs to */
  assert_refused (ruleset, "iptables -A INPUT -j DNAT --to-destination 10.1.0.10", "valid only in the nat table");
  assert_refused (ruleset, "iptables -A FORWARD -j MASQUERADE", "valid only in the nat table");
  assert_refused (ruleset, "iptables -t mangle -A INPUT -j REJECT", "valid only in the filter table");
  assert_refused (ruleset, "iptables -A INPUT -j TTL --ttl-set 1", "valid only in the mangle table");
  assert_refused (ruleset, "iptables -A INPUT -j NOTRACK", "valid only in the raw table");
  assert_refused (ruleset, "iptables -t nat -A PREROUTING -j DROP", "not intended for filtering");
  /* a user chain of nat cannot hold DROP either */
  run_ok (ruleset, "iptables -t nat -N pre");
  assert_refused (ruleset, "iptables -t nat -A pre -j DROP", "not intended for filtering");

  /* the same through the API, which makes the kernel's checks */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (nfl_ruleset_insert_rule (ruleset, NFL_TABLE_FILTER, "INPUT", -1,
                                             parse_rule ("-j DNAT --to-destination 10.1.0.10"), &error));
    g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (nfl_ruleset_insert_rule (ruleset, NFL_TABLE_NAT, "POSTROUTING", -1,
                                             parse_rule ("-j DROP"), &error));
    g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID);
  }
  /* MARK and LOG go anywhere */
  run_ok (ruleset, "iptables -t nat -A PREROUTING -j LOG");
  run_ok (ruleset, "iptables -t raw -A PREROUTING -j MARK --set-mark 1");
  g_assert_cmpuint (nfl_ruleset_count_rules (ruleset), ==, 2);
  nfl_ruleset_free (ruleset);
}

static void
test_refuse_wrong_chain (void)
{
  NflRuleset *ruleset = nfl_ruleset_new ();

  assert_refused (ruleset, "iptables -t nat -A POSTROUTING -j DNAT --to-destination 10.1.0.10",
                  "works only in PREROUTING and OUTPUT");
  assert_refused (ruleset, "iptables -t nat -A PREROUTING -j MASQUERADE", "works only in POSTROUTING");
  assert_refused (ruleset, "iptables -t nat -A OUTPUT -j SNAT --to-source 10.99.0.1",
                  "works only in INPUT and POSTROUTING");
  run_ok (ruleset, "iptables -t nat -A INPUT -j SNAT --to-source 10.99.0.3");
  run_ok (ruleset, "iptables -t nat -A OUTPUT -d 10.9.9.9 -j DNAT --to-destination 10.1.0.12");

  /* err-target-wrong-chain-via-user-chain: what a user chain holds must
   * fit every hook that reaches it, both ways round */
  run_ok (ruleset, "iptables -t nat -N pre");
  run_ok (ruleset, "iptables -t nat -A pre -p tcp -j DNAT --to-destination 10.1.0.10");
  assert_refused (ruleset, "iptables -t nat -A POSTROUTING -j pre", "DNAT");
  run_ok (ruleset, "iptables -t nat -A PREROUTING -j pre");
  assert_refused (ruleset, "iptables -t nat -A pre -j MASQUERADE", "works only in POSTROUTING");
  nfl_ruleset_free (ruleset);
}

/* ---------------------------------------------------------------------- */
/* rules and counters                                                      */
/* ---------------------------------------------------------------------- */

static void
test_insert_positions (void)
{
  NflRuleset *ruleset = nfl_ruleset_new ();
  NflChain *input = nfl_ruleset_get_builtin (ruleset, NFL_TABLE_FILTER, NFL_HOOK_INPUT);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) rules = g_string_new (NULL);
  g_autofree char *before = NULL, *after = NULL;

  g_assert_true (nfl_ruleset_insert_rule (ruleset, NFL_TABLE_FILTER, "INPUT", -1,
                                          parse_rule ("-s 10.0.0.2 -j ACCEPT"), &error));
  g_assert_true (nfl_ruleset_insert_rule (ruleset, NFL_TABLE_FILTER, "INPUT", 1,
                                          parse_rule ("-s 10.0.0.1 -j ACCEPT"), &error));
  g_assert_true (nfl_ruleset_insert_rule (ruleset, NFL_TABLE_FILTER, "INPUT", 3,
                                          parse_rule ("-s 10.0.0.3 -j ACCEPT"), &error));
  g_assert_no_error (error);
  g_assert_true (nfl_ruleset_get_table (ruleset, NFL_TABLE_FILTER)->present);
  nfl_chain_append_save_rules (input, FALSE, rules);
  g_assert_cmpstr (rules->str, ==,
                   "-A INPUT -s 10.0.0.1/32 -j ACCEPT\n"
                   "-A INPUT -s 10.0.0.2/32 -j ACCEPT\n"
                   "-A INPUT -s 10.0.0.3/32 -j ACCEPT\n");

  before = save (ruleset);
  g_assert_false (nfl_ruleset_insert_rule (ruleset, NFL_TABLE_FILTER, "INPUT", 5,
                                           parse_rule ("-j DROP"), &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Index of insertion too big"));
  g_clear_error (&error);
  g_assert_false (nfl_ruleset_insert_rule (ruleset, NFL_TABLE_FILTER, "INPUT", 0,
                                           parse_rule ("-j DROP"), &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID);
  after = save (ruleset);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (input->rules->len, ==, 3);
  nfl_ruleset_free (ruleset);
}

static void
test_check_rule (void)
{
  NflRuleset *ruleset = nfl_ruleset_new ();
  NflRule *rule = parse_rule ("-p tcp --dport 22 -j ACCEPT");
  g_autoptr(GError) error = NULL;

  /* checking is not adding */
  g_assert_true (nfl_ruleset_check_rule (ruleset, NFL_TABLE_FILTER, "INPUT", rule, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (nfl_ruleset_count_rules (ruleset), ==, 0);
  g_assert_false (nfl_ruleset_get_table (ruleset, NFL_TABLE_FILTER)->present);
  g_assert_false (nfl_ruleset_check_rule (ruleset, NFL_TABLE_RAW, "INPUT", rule, &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_NOT_FOUND);
  nfl_rule_free (rule);
  nfl_ruleset_free (ruleset);
}

/* The query the rule form offers its targets and interfaces by says what
 * the whole check says, with its words. */
static void
test_target_allowed (void)
{
  NflRuleset *ruleset = nfl_ruleset_new ();
  static const char *const targets[] = {
    "ACCEPT", "DROP", "RETURN", "REJECT", "LOG", "DNAT --to-destination 10.0.0.1",
    "SNAT --to-source 10.0.0.1", "MASQUERADE", "REDIRECT", "MARK --set-mark 1",
    "TOS --set-tos 0x10", "TTL --ttl-set 5", "NOTRACK", "CT --notrack", "TRACE",
  };
  g_autoptr(GError) error = NULL;

  run_ok (ruleset, "iptables -t nat -N PRE");
  run_ok (ruleset, "iptables -t nat -A PREROUTING -j PRE");
  for (guint t = 0; t < NFL_N_TABLES; t++)
    for (guint c = 0; c < nfl_ruleset_get_table (ruleset, t)->chains->len; c++)
      {
        NflChain *chain = g_ptr_array_index (nfl_ruleset_get_table (ruleset, t)->chains, c);

        for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
          {
            g_autofree char *spec = g_strdup_printf ("-j %s", targets[i]);
            g_autoptr(NflRule) rule = parse_rule (spec);
            g_autoptr(GError) check_error = NULL;
            g_autoptr(GError) allowed_error = NULL;
            gboolean checked = nfl_ruleset_check_rule (ruleset, t, chain->name, rule, &check_error);
            gboolean allowed = nfl_ruleset_target_allowed (ruleset, t, chain->name, rule->target.kind,
                                                           &allowed_error);

            g_assert_cmpint (allowed, ==, checked);
            if (!checked)
              g_assert_cmpstr (allowed_error->message, ==, check_error->message);
          }
      }

  g_assert_false (nfl_ruleset_target_allowed (ruleset, NFL_TABLE_FILTER, "INPUT", NFL_TARGET_DNAT, &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (nfl_ruleset_target_allowed (ruleset, NFL_TABLE_NAT, "PREROUTING", NFL_TARGET_SNAT, NULL));
  g_assert_false (nfl_ruleset_target_allowed (ruleset, NFL_TABLE_NAT, "POSTROUTING", NFL_TARGET_DROP, NULL));
  g_assert_false (nfl_ruleset_target_allowed (ruleset, NFL_TABLE_MANGLE, "INPUT", NFL_TARGET_REJECT, NULL));
  g_assert_true (nfl_ruleset_target_allowed (ruleset, NFL_TABLE_FILTER, "FORWARD", NFL_TARGET_REJECT, NULL));
  /* a user chain: by the hooks that reach it */
  g_assert_true (nfl_ruleset_target_allowed (ruleset, NFL_TABLE_NAT, "PRE", NFL_TARGET_DNAT, NULL));
  g_assert_false (nfl_ruleset_target_allowed (ruleset, NFL_TABLE_NAT, "PRE", NFL_TARGET_MASQUERADE, NULL));
  g_assert_true (nfl_ruleset_target_allowed (ruleset, NFL_TABLE_FILTER, "INPUT", NFL_TARGET_JUMP, NULL));
  g_assert_false (nfl_ruleset_target_allowed (ruleset, NFL_TABLE_FILTER, "NOPE", NFL_TARGET_ACCEPT, &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_NOT_FOUND);
  nfl_ruleset_free (ruleset);
}

static void
test_interface_allowed (void)
{
  NflRuleset *ruleset = nfl_ruleset_new ();
  static const struct { NflTableId table; const char *chain; gboolean in, out; } cases[] = {
    { NFL_TABLE_NAT, "PREROUTING", TRUE, FALSE },
    { NFL_TABLE_FILTER, "INPUT", TRUE, FALSE },
    { NFL_TABLE_FILTER, "FORWARD", TRUE, TRUE },
    { NFL_TABLE_FILTER, "OUTPUT", FALSE, TRUE },
    { NFL_TABLE_NAT, "POSTROUTING", FALSE, TRUE },
    { NFL_TABLE_RAW, "PREROUTING", TRUE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (guint output = 0; output < 2; output++)
      {
        g_autofree char *line = g_strdup_printf ("iptables -t %s -A %s %s veth1 -j ACCEPT",
                                                 nfl_table_name (cases[i].table), cases[i].chain,
                                                 output ? "-o" : "-i");
        g_autofree char *spec = g_strdup_printf ("%s veth1", output ? "-o" : "-i");
        g_autoptr(NflRule) rule = parse_rule (spec);
        g_autoptr(GError) run_error = NULL;
        g_autoptr(GError) allowed_error = NULL;
        g_autoptr(GError) check_error = NULL;
        NflRuleset *copy = nfl_ruleset_copy (ruleset);
        gboolean expected = output ? cases[i].out : cases[i].in;

        g_assert_cmpint (nfl_ruleset_interface_allowed (ruleset, cases[i].table, cases[i].chain, output,
                                                        &allowed_error), ==, expected);
        g_assert_cmpint (nfl_ruleset_check_rule (ruleset, cases[i].table, cases[i].chain, rule,
                                                 &check_error), ==, expected);
        g_assert_cmpint (run (copy, line, &run_error), ==, expected);
        if (!expected)
          {
            g_assert_cmpstr (allowed_error->message, ==, run_error->message);
            g_assert_cmpstr (check_error->message, ==, run_error->message);
          }
        nfl_ruleset_free (copy);
      }
  nfl_ruleset_free (ruleset);
}

static void
test_counters (void)
{
  NflRuleset *ruleset = nfl_ruleset_new ();
  NflChain *input, *output;
  g_autofree char *saved = NULL, *zeroed = NULL;

  run_ok (ruleset, "iptables -A INPUT -c 10 1000 -j ACCEPT");
  run_ok (ruleset, "iptables -A INPUT -c 20 2000 -j ACCEPT");
  run_ok (ruleset, "iptables -A OUTPUT -c 30 3000 -j ACCEPT");
  run_ok (ruleset, "iptables -t nat -A POSTROUTING -c 5 500 -j MASQUERADE");
  input = nfl_ruleset_get_builtin (ruleset, NFL_TABLE_FILTER, NFL_HOOK_INPUT);
  output = nfl_ruleset_get_builtin (ruleset, NFL_TABLE_FILTER, NFL_HOOK_OUTPUT);
  input->packets = 7;
  input->bytes = 700;
  g_assert_cmpuint (nfl_ruleset_count_rules (ruleset), ==, 4);
  g_assert_true (nfl_ruleset_needs_conntrack (ruleset));

  saved = save (ruleset);
  g_assert_nonnull (strstr (saved, ":INPUT ACCEPT [7:700]\n"));
  g_assert_nonnull (strstr (saved, "[20:2000] -A INPUT -j ACCEPT\n"));

  /* ops-zero: -Z INPUT 1 zeroes one rule, -Z INPUT the chain */
  run_ok (ruleset, "iptables -Z INPUT 1");
  g_assert_cmpuint (((NflRule *) g_ptr_array_index (input->rules, 0))->packets, ==, 0);
  g_assert_cmpuint (((NflRule *) g_ptr_array_index (input->rules, 1))->packets, ==, 20);
  g_assert_cmpuint (input->packets, ==, 7);
  run_ok (ruleset, "iptables -Z INPUT");
  g_assert_cmpuint (((NflRule *) g_ptr_array_index (input->rules, 1))->bytes, ==, 0);
  g_assert_cmpuint (input->packets, ==, 0);
  g_assert_cmpuint (((NflRule *) g_ptr_array_index (output->rules, 0))->packets, ==, 30);

  /* the API zeroes every table */
  nfl_ruleset_zero_counters (ruleset);
  zeroed = save (ruleset);
  g_assert_null (strstr (zeroed, "[30:3000]"));
  g_assert_null (strstr (zeroed, "[5:500]"));
  g_assert_nonnull (strstr (zeroed, "[0:0] -A POSTROUTING -j MASQUERADE\n"));
  /* the rules themselves stay */
  g_assert_cmpuint (nfl_ruleset_count_rules (ruleset), ==, 4);
  nfl_ruleset_free (ruleset);
}

static void
test_copy (void)
{
  NflRuleset *ruleset = nfl_ruleset_new ();
  NflRuleset *copy;
  g_autofree char *original = NULL, *copied = NULL, *later = NULL;

  run_ok (ruleset, "iptables -N web");
  run_ok (ruleset, "iptables -P INPUT DROP");
  run_ok (ruleset, "iptables -A INPUT -c 3 120 -p tcp --dport 80 -j web");
  run_ok (ruleset, "iptables -t nat -A PREROUTING -d 10.99.0.1 -j DNAT --to-destination 10.1.0.10");
  original = save (ruleset);

  copy = nfl_ruleset_copy (ruleset);
  copied = save (copy);
  g_assert_cmpstr (copied, ==, original);
  g_assert_true (nfl_ruleset_find_chain (copy, NFL_TABLE_FILTER, "web") !=
                 nfl_ruleset_find_chain (ruleset, NFL_TABLE_FILTER, "web"));
  g_assert_true (nfl_ruleset_needs_conntrack (copy));

  /* changing the copy leaves the original alone */
  run_ok (copy, "iptables -F");
  run_ok (copy, "iptables -X web");
  run_ok (copy, "iptables -P INPUT ACCEPT");
  nfl_ruleset_zero_counters (copy);
  later = save (ruleset);
  g_assert_cmpstr (later, ==, original);
  nfl_ruleset_free (copy);
  nfl_ruleset_free (ruleset);
}

static void
test_save_table_order (void)
{
  NflRuleset *ruleset = nfl_ruleset_new ();
  g_autofree char *saved = NULL;
  g_autoptr(GString) out = g_string_new ("# before\n");

  /* made in the opposite order: iptables-nft-save prints mangle, raw,
   * filter, nat (save-table-order) */
  run_ok (ruleset, "iptables -t nat -A POSTROUTING -j MASQUERADE");
  run_ok (ruleset, "iptables -A INPUT -j ACCEPT");
  run_ok (ruleset, "iptables -t raw -A OUTPUT -j NOTRACK");
  run_ok (ruleset, "iptables -t mangle -A FORWARD -j TTL --ttl-dec 1");
  saved = nfl_iptables_save (ruleset, FALSE);
  g_assert_cmpstr (saved, ==,
                   "*mangle\n"
                   ":PREROUTING ACCEPT [0:0]\n"
                   ":INPUT ACCEPT [0:0]\n"
                   ":FORWARD ACCEPT [0:0]\n"
                   ":OUTPUT ACCEPT [0:0]\n"
                   ":POSTROUTING ACCEPT [0:0]\n"
                   "-A FORWARD -j TTL --ttl-dec 1\n"
                   "COMMIT\n"
                   "*raw\n"
                   ":PREROUTING ACCEPT [0:0]\n"
                   ":OUTPUT ACCEPT [0:0]\n"
                   "-A OUTPUT -j NOTRACK\n"
                   "COMMIT\n"
                   "*filter\n"
                   ":INPUT ACCEPT [0:0]\n"
                   ":FORWARD ACCEPT [0:0]\n"
                   ":OUTPUT ACCEPT [0:0]\n"
                   "-A INPUT -j ACCEPT\n"
                   "COMMIT\n"
                   "*nat\n"
                   ":PREROUTING ACCEPT [0:0]\n"
                   ":INPUT ACCEPT [0:0]\n"
                   ":OUTPUT ACCEPT [0:0]\n"
                   ":POSTROUTING ACCEPT [0:0]\n"
                   "-A POSTROUTING -j MASQUERADE\n"
                   "COMMIT\n");
  /* nfl_ruleset_save appends */
  nfl_ruleset_save (ruleset, FALSE, out);
  g_assert_true (g_str_has_prefix (out->str, "# before\n*mangle\n"));
  g_assert_cmpstr (out->str + strlen ("# before\n"), ==, saved);
  nfl_ruleset_free (ruleset);
}

/* A restore of 2,000 chains, each jumping to the next, with what goes
 * wrong at the end: the jump graph is checked once for the table (one by
 * one, as iptables answers for a rule, it took chains² lookups per jump
 * and this test minutes), and the error is still the rule's own. */
#define LONG_CHAINS 2000

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NflRuleset, nfl_ruleset_free)

static GString *
long_chains_text (const char *table,
                  const char *builtin)
{
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "*%s\n", table);
  for (guint c = 0; c < LONG_CHAINS; c++)
    g_string_append_printf (text, ":C%04u - [0:0]\n", c);
  g_string_append_printf (text, "-A %s -j C0000\n", builtin);
  for (guint c = 0; c + 1 < LONG_CHAINS; c++)
    g_string_append_printf (text, "-A C%04u -p tcp --dport %u -j C%04u\n", c, c + 1, c + 1);
  return text;
}

static void
assert_restore_refused (const char *text,
                        const char *message)
{
  g_autoptr(NflRuleset) base = nfl_ruleset_new ();
  g_autoptr(GError) error = NULL;
  NflRuleset *restored = nfl_iptables_restore (base, text, -1, &error);

  g_assert_null (restored);
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_restore_long_chains (void)
{
  /* the lines: 1 "*filter", 2-2001 the chains, 2002 INPUT's jump,
   * 2003-4001 the chains' jumps; what a case adds comes from 4002 on */
  g_autoptr(NflRuleset) base = nfl_ruleset_new ();
  g_autoptr(GString) text = long_chains_text ("filter", "INPUT");
  g_autoptr(GString) loop = NULL;
  g_autoptr(GString) attach = NULL;
  g_autoptr(GString) nat = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(NflRuleset) restored = NULL;
  NflRule *rule;

  g_string_append (text, "COMMIT\n");
  restored = nfl_iptables_restore (base, text->str, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nfl_ruleset_get_table (restored, NFL_TABLE_FILTER)->chains->len, ==, 3 + LONG_CHAINS);
  g_assert_cmpuint (nfl_ruleset_count_rules (restored), ==, LONG_CHAINS);
  /* a typed jump that closes the loop, checked alone */
  g_assert_false (run (restored, "iptables -A C1999 -j C0000", &error));
  g_assert_cmpstr (error->message, ==,
                   "RULE_APPEND failed (Too many links): rule in chain C1999: jumping to C0000 "
                   "would make a loop of jumps that INPUT reaches");
  g_clear_error (&error);
  run_ok (restored, "iptables -A C1999 -j ACCEPT");

  /* the last rule closes a loop */
  loop = long_chains_text ("filter", "INPUT");
  g_string_append (loop, "-A C1999 -j ACCEPT\n-A C1999 -g C1000\n-A C0001 -j DROP\nCOMMIT\n");
  assert_restore_refused (loop->str,
                          "4003:4: RULE_APPEND failed (Too many links): rule in chain C1999: jumping to C1000 "
                          "would make a loop of jumps that INPUT reaches");
  /* ...and before a line that is wrong on its own, it is the error */
  g_string_truncate (loop, loop->len - strlen ("COMMIT\n"));
  g_string_append (loop, "-A NOWHERE -j DROP\nCOMMIT\n");
  assert_restore_refused (loop->str,
                          "4003:4: RULE_APPEND failed (Too many links): rule in chain C1999: jumping to C1000 "
                          "would make a loop of jumps that INPUT reaches");

  /* a loop nothing reaches is taken, until a built-in chain jumps in */
  attach = g_string_new ("*filter\n");
  for (guint c = 0; c < LONG_CHAINS; c++)
    g_string_append_printf (attach, ":C%04u - [0:0]\n", c);
  for (guint c = 0; c + 1 < LONG_CHAINS; c++)
    g_string_append_printf (attach, "-A C%04u -j C%04u\n", c, c + 1);
  g_string_append (attach, "-A C1999 -j C0500\n-A OUTPUT -j C1200\nCOMMIT\n");
  assert_restore_refused (attach->str,
                          "4002:4: RULE_APPEND failed (Too many links): rule in chain OUTPUT: jumping to C1200 "
                          "would make a loop of jumps that OUTPUT reaches");

  /* a DNAT deep down, then a jump from POSTROUTING near it */
  nat = long_chains_text ("nat", "PREROUTING");
  g_string_append (nat, "-A C1999 -p tcp -j DNAT --to-destination 10.0.0.1\n-A POSTROUTING -j C1990\nCOMMIT\n");
  assert_restore_refused (nat->str,
                          "4003:4: RULE_APPEND failed (Invalid argument): DNAT is not allowed in chain C1999: "
                          "it can be reached from POSTROUTING");
  /* the other way round, the DNAT is refused */
  g_string_truncate (nat, nat->len - strlen ("-A C1999 -p tcp -j DNAT --to-destination 10.0.0.1\n"
                                              "-A POSTROUTING -j C1990\nCOMMIT\n"));
  g_string_append (nat, "-A POSTROUTING -j C1990\n-A C1999 -p tcp -j DNAT --to-destination 10.0.0.1\nCOMMIT\n");
  assert_restore_refused (nat->str,
                          "4003:4: RULE_APPEND failed (Invalid argument): rule in chain C1999: "
                          "DNAT works only in PREROUTING and OUTPUT");

  /* the chains are found by name after a rename and a delete */
  run_ok (restored, "iptables -E C1000 NEW1000");
  g_assert_null (nfl_ruleset_find_chain (restored, NFL_TABLE_FILTER, "C1000"));
  g_assert_nonnull (nfl_ruleset_find_chain (restored, NFL_TABLE_FILTER, "NEW1000"));
  rule = g_ptr_array_index (nfl_ruleset_find_chain (restored, NFL_TABLE_FILTER, "C0999")->rules, 0);
  g_assert_cmpstr (rule->target.chain, ==, "NEW1000");
  run_ok (restored, "iptables -N ZZZ");
  run_ok (restored, "iptables -N AAA");
  run_ok (restored, "iptables -X AAA");
  g_assert_null (nfl_ruleset_find_chain (restored, NFL_TABLE_FILTER, "AAA"));
  g_assert_cmpstr (nfl_ruleset_find_chain (restored, NFL_TABLE_FILTER, "ZZZ")->name, ==, "ZZZ");
  g_assert_cmpstr (nfl_ruleset_find_chain (restored, NFL_TABLE_FILTER, "C1999")->name, ==, "C1999");
}

/* iptables-restore refuses -m owner in a user chain that INPUT reaches,
 * whether the jump or the rule comes first (line 5 both times), and takes
 * it where only OUTPUT does */
static void
test_restore_owner_reach (void)
{
  g_autoptr(NflRuleset) base = nfl_ruleset_new ();
  g_autoptr(NflRuleset) restored = NULL;
  g_autoptr(GError) error = NULL;

  assert_restore_refused ("*filter\n:INPUT ACCEPT [0:0]\n:X - [0:0]\n-A INPUT -j X\n"
                          "-A X -m owner --uid-owner 0 -j ACCEPT\nCOMMIT\n",
                          "5:4: RULE_APPEND failed (Invalid argument): the owner match in chain X works only in "
                          "OUTPUT and POSTROUTING: INPUT reaches it");
  assert_restore_refused ("*filter\n:INPUT ACCEPT [0:0]\n:X - [0:0]\n-A X -m owner --uid-owner 0 -j ACCEPT\n"
                          "-A INPUT -j X\nCOMMIT\n",
                          "5:4: RULE_APPEND failed (Invalid argument): the owner match in chain X works only in "
                          "OUTPUT and POSTROUTING: INPUT reaches it");
  restored = nfl_iptables_restore (base, "*filter\n:OUTPUT ACCEPT [0:0]\n:X - [0:0]\n"
                                   "-A X -m owner --uid-owner 0 -j ACCEPT\n-A OUTPUT -j X\nCOMMIT\n", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nfl_ruleset_count_rules (restored), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nfl/engine/ruleset/builtin-chains", test_builtin_chains);
  g_test_add_func ("/nfl/engine/ruleset/policies", test_policies);
  g_test_add_func ("/nfl/engine/ruleset/user-chain/create", test_user_chain_create);
  g_test_add_func ("/nfl/engine/ruleset/user-chain/delete", test_user_chain_delete);
  g_test_add_func ("/nfl/engine/ruleset/user-chain/rename", test_user_chain_rename);
  g_test_add_func ("/nfl/engine/ruleset/refuse/jump-missing", test_refuse_jump_missing);
  g_test_add_func ("/nfl/engine/ruleset/refuse/loops", test_refuse_loops);
  g_test_add_func ("/nfl/engine/ruleset/refuse/wrong-table", test_refuse_wrong_table);
  g_test_add_func ("/nfl/engine/ruleset/refuse/wrong-chain", test_refuse_wrong_chain);
  g_test_add_func ("/nfl/engine/ruleset/insert-positions", test_insert_positions);
  g_test_add_func ("/nfl/engine/ruleset/check-rule", test_check_rule);
  g_test_add_func ("/nfl/engine/ruleset/target-allowed", test_target_allowed);
  g_test_add_func ("/nfl/engine/ruleset/interface-allowed", test_interface_allowed);
  g_test_add_func ("/nfl/engine/ruleset/counters", test_counters);
  g_test_add_func ("/nfl/engine/ruleset/copy", test_copy);
  g_test_add_func ("/nfl/engine/ruleset/save-table-order", test_save_table_order);
  g_test_add_func ("/nfl/engine/ruleset/restore/long-chains", test_restore_long_chains);
  g_test_add_func ("/nfl/engine/ruleset/restore/owner-reach", test_restore_owner_reach);

  return g_test_run ();
}
