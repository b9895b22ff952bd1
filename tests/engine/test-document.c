/* test-document.c: a scenario being edited: every edit, its undo step,
 * its refusals, the history, files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "nfl-engine.h"
#include "nfl-test-topology.h"

/* three rules of ns2 that name its interfaces */
#define NS2_RULES \
  "ip netns exec ns2 iptables -A FORWARD -i veth1_ns2 -o veth2_ns2 -j ACCEPT\n" \
  "ip netns exec ns2 iptables -A FORWARD -i veth2_ns2 -j DROP\n" \
  "ip netns exec ns2 iptables -t nat -A PREROUTING -i veth2_ns2 -d 169.254.169.254 " \
  "-j DNAT --to-destination 10.1.0.10\n"

/* ---------------------------------------------------------------------- */
/* helpers                                                                 */
/* ---------------------------------------------------------------------- */

/* The tutorial's topology, with routes, forwarding, rules in ns2 and two
 * saved probes; a fresh history. */
static NflDocument *
tutorial_document (void)
{
  g_autoptr(NflScenario) scenario = nfl_scenario_new ();
  g_autoptr(GError) error = NULL;
  NflDocument *doc;

  g_assert_true (nfl_commands_apply (scenario, NFL_TEST_LINKS NFL_TEST_ROUTES NFL_TEST_FORWARDING NS2_RULES,
                                     NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (nfl_scenario_add_probe (scenario, "ns3 ping 10.1.0.10", &error));
  g_assert_true (nfl_scenario_add_probe (scenario, "ns1 tcp 10.2.0.10 22", &error));
  g_assert_no_error (error);
  nfl_scenario_auto_layout (scenario);
  doc = nfl_document_new_for_scenario (scenario);
  g_assert_false (nfl_document_can_undo (doc));
  g_assert_false (nfl_document_get_modified (doc));
  return doc;
}

static GBytes *
bytes_of (NflDocument *doc)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = nfl_scenario_to_xml_bytes (nfl_document_get_scenario (doc), &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
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

/* TRUE while history_depth () walks the history: its undos and redos
 * are not the edits a test counts */
static gboolean probing;

/* How many steps can be undone (the document ends where it was). */
static guint
history_depth (NflDocument *doc)
{
  guint depth = 0;

  probing = TRUE;
  while (nfl_document_undo (doc))
    depth++;
  for (guint i = 0; i < depth; i++)
    g_assert_true (nfl_document_redo (doc));
  probing = FALSE;
  return depth;
}

typedef struct {
  GBytes   *bytes;
  guint     depth;
  gboolean  modified;
  char     *undo_label;
  gboolean  can_redo;
} State;

static void
state_capture (NflDocument *doc,
               State       *state)
{
  state->depth = history_depth (doc);
  state->bytes = bytes_of (doc);
  state->modified = nfl_document_get_modified (doc);
  state->undo_label = g_strdup (nfl_document_get_undo_label (doc));
  state->can_redo = nfl_document_can_redo (doc);
}

static void
state_clear (State *state)
{
  g_clear_pointer (&state->bytes, g_bytes_unref);
  g_clear_pointer (&state->undo_label, g_free);
}

/* What a user checks after a refused edit: the same scenario, the same
 * history, the same modified flag. */
static void
assert_unchanged (NflDocument *doc,
                  State       *state)
{
  assert_bytes (doc, state->bytes);
  g_assert_cmpint (nfl_document_get_modified (doc), ==, state->modified);
  g_assert_cmpstr (nfl_document_get_undo_label (doc), ==, state->undo_label);
  g_assert_cmpint (nfl_document_can_redo (doc), ==, state->can_redo);
  g_assert_cmpuint (history_depth (doc), ==, state->depth);
}

/* A refusal reads as a sentence: no "LINE:COLUMN:" of the command
 * parser, a full stop last (it may start with a name, "veth1_ns1 …"). */
static void
assert_sentence (const GError *error)
{
  const char *message = error->message;
  gsize len = strlen (message);

  if (g_test_verbose ())
    g_test_message ("%s", message);
  g_assert_false (g_regex_match_simple ("^[0-9]+:", message, 0, 0));
  g_assert_true (len > 2);
  g_assert_true (message[len - 1] == '.');
}

static NflNamespace *
ns_of (NflDocument *doc,
       const char  *name)
{
  return nfl_scenario_find_namespace (nfl_document_get_scenario (doc), name);
}

static NflInterface *
iface_of (NflDocument *doc,
          const char  *ns,
          const char  *name)
{
  NflNamespace *n = ns_of (doc, ns);

  g_assert_nonnull (n);
  return nfl_namespace_find_interface (n, name);
}

static char *
rules_of (NflDocument *doc,
          const char  *ns)
{
  GString *out = g_string_new (NULL);

  nfl_ruleset_save (ns_of (doc, ns)->ruleset, FALSE, out);
  return g_string_free (out, FALSE);
}

static void
count_cb (gpointer instance,
          gpointer user_data)
{
  if (!probing)
    (*(guint *) user_data)++;
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  if (!probing)
    (*(guint *) user_data)++;
}

/* Checks one edit the way a user would: it changed the model, its Undo
 * item reads @label, undo brings back the exact bytes from before and
 * redo the exact bytes after. */
static void
assert_step (NflDocument *doc,
             GBytes      *before,
             const char  *label)
{
  g_autoptr(GBytes) after = bytes_of (doc);

  g_assert_false (g_bytes_equal (before, after));
  g_assert_true (nfl_document_can_undo (doc));
  g_assert_cmpstr (nfl_document_get_undo_label (doc), ==, label);
  g_assert_true (nfl_document_get_modified (doc));
  g_assert_true (nfl_document_undo (doc));
  assert_bytes (doc, before);
  g_assert_cmpstr (nfl_document_get_redo_label (doc), ==, label);
  g_assert_true (nfl_document_redo (doc));
  assert_bytes (doc, after);
  g_assert_cmpstr (nfl_document_get_undo_label (doc), ==, label);
}

/* ---------------------------------------------------------------------- */
/* the object                                                              */
/* ---------------------------------------------------------------------- */

static void
test_new (void)
{
  NflDocument *doc = nfl_document_new ();
  g_autoptr(NflScenario) scenario = nfl_scenario_new ();
  NflDocument *other;
  g_autofree char *title = NULL;
  g_autoptr(NflScenario) from_property = NULL;

  g_assert_nonnull (nfl_document_get_scenario (doc));
  g_assert_cmpuint (nfl_scenario_get_namespaces (nfl_document_get_scenario (doc))->len, ==, 0);
  g_assert_null (nfl_document_get_file (doc));
  g_assert_false (nfl_document_get_modified (doc));
  g_assert_false (nfl_document_can_undo (doc));
  g_assert_false (nfl_document_can_redo (doc));
  g_assert_null (nfl_document_get_undo_label (doc));
  g_assert_null (nfl_document_get_redo_label (doc));
  g_assert_false (nfl_document_undo (doc));
  g_assert_false (nfl_document_redo (doc));
  title = nfl_document_dup_display_title (doc);
  g_assert_cmpstr (title, ==, "Untitled Scenario");
  g_clear_pointer (&title, g_free);
  g_object_get (doc, "title", &title, NULL);
  g_assert_cmpstr (title, ==, "Untitled Scenario");
  g_assert_finalize_object (doc);

  /* the document edits the scenario it was given, not a copy */
  other = nfl_document_new_for_scenario (scenario);
  g_assert_true (nfl_document_get_scenario (other) == scenario);
  g_object_get (other, "scenario", &from_property, NULL);
  g_assert_true (from_property == scenario);
  g_clear_object (&from_property);
  g_assert_finalize_object (other);
  /* and lets go of it */
  g_assert_cmpuint (G_OBJECT (scenario)->ref_count, ==, 1);
}

static void
test_display_title (void)
{
  g_autoptr(NflDocument) doc = nfl_document_new ();
  g_autoptr(GFile) file = g_file_new_for_path ("/tmp/lessons/dnat-demo.nflab");
  g_autofree char *title = NULL;
  guint notified = 0;

  g_signal_connect (doc, "notify::title", G_CALLBACK (notify_cb), &notified);
  nfl_document_set_file (doc, file);
  g_assert_true (nfl_document_get_file (doc) == file);
  title = nfl_document_dup_display_title (doc);
  g_assert_cmpstr (title, ==, "dnat-demo.nflab");
  g_assert_cmpuint (notified, ==, 1);

  /* the same file again changes nothing */
  {
    g_autoptr(GFile) same = g_file_new_for_path ("/tmp/lessons/dnat-demo.nflab");
    nfl_document_set_file (doc, same);
    g_assert_cmpuint (notified, ==, 1);
  }

  /* the scenario's title wins, also when set on the scenario directly */
  nfl_scenario_set_title (nfl_document_get_scenario (doc), "DNAT demo");
  g_clear_pointer (&title, g_free);
  title = nfl_document_dup_display_title (doc);
  g_assert_cmpstr (title, ==, "DNAT demo");
  g_assert_cmpuint (notified, ==, 2);
}

/* ---------------------------------------------------------------------- */
/* namespaces                                                              */
/* ---------------------------------------------------------------------- */

static void
test_add_namespace (void)
{
  g_autoptr(NflDocument) doc = tutorial_document ();
  g_autoptr(GBytes) before = bytes_of (doc);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *second = NULL;
  g_autofree char *named = NULL;
  guint changed = 0, scenario_changed = 0;
  NflNamespace *ns;

  g_signal_connect (doc, "changed", G_CALLBACK (count_cb), &changed);
  g_signal_connect (nfl_document_get_scenario (doc), "changed", G_CALLBACK (count_cb), &scenario_changed);

  /* no name: the first free nsN */
  name = nfl_document_add_namespace (doc, NULL, 100, 420, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "ns4");
  g_assert_cmpuint (changed, ==, 1);
  g_assert_cmpuint (scenario_changed, ==, 1);
  ns = ns_of (doc, "ns4");
  g_assert_nonnull (ns);
  g_assert_cmpfloat (ns->x, ==, 100);
  g_assert_cmpfloat (ns->y, ==, 420);
  /* with its loopback, as "ip netns add" makes it */
  g_assert_cmpuint (ns->interfaces->len, ==, 1);
  assert_step (doc, before, "Add Namespace ns4");

  /* a gap is filled first */
  g_assert_true (nfl_document_remove_namespaces (doc, (const char *[]) { "ns2", NULL }, &error));
  second = nfl_document_add_namespace (doc, NULL, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second, ==, "ns2");

  named = nfl_document_add_namespace (doc, "web-1.lab_2", 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (named, ==, "web-1.lab_2");
  g_assert_cmpstr (nfl_document_get_undo_label (doc), ==, "Add Namespace web-1.lab_2");
}

static void
test_add_namespace_refusals (void)
{
  static const char *bad[] = {
    "ns1",          /* exists */
    "",
    "web server",
    "a/b",
    "caf\xc3\xa9",  /* savable names are ASCII */
    "a$b",
    ".",
    "..",
    "n1234567890123456789012345678901234567890123456789012345678901234", /* 65 bytes */
  };
  g_autoptr(NflDocument) doc = tutorial_document ();
  State state = { 0 };
  guint changed = 0;

  g_assert_true (nfl_document_set_ip_forward (doc, "ns1", TRUE, NULL));
  state_capture (doc, &state);
  g_signal_connect (doc, "changed", G_CALLBACK (count_cb), &changed);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = nfl_document_add_namespace (doc, bad[i], 0, 0, &error);

      g_assert_null (name);
      g_assert_error (error, NFL_FORMAT_ERROR, (i == 0 ? NFL_FORMAT_ERROR_EXISTS : NFL_FORMAT_ERROR_INVALID));
      assert_sentence (error);
      assert_unchanged (doc, &state);
    }
  g_assert_cmpuint (changed, ==, 0);
  state_clear (&state);
}

static void
test_remove_namespaces (void)
{
  g_autoptr(NflDocument) doc = tutorial_document ();
  g_autoptr(GBytes) before = bytes_of (doc);
  g_autoptr(GError) error = NULL;
  GPtrArray *probes = nfl_scenario_get_probes (nfl_document_get_scenario (doc));
  State state = { 0 };

  g_assert_true (nfl_document_remove_namespaces (doc, (const char *[]) { "ns2", NULL }, &error));
  g_assert_no_error (error);
  g_assert_null (ns_of (doc, "ns2"));
  /* the peers went with it, and the routes through them */
  g_assert_null (iface_of (doc, "ns1", "veth1_ns1"));
  g_assert_null (iface_of (doc, "ns3", "veth2_ns3"));
  g_assert_cmpuint (ns_of (doc, "ns1")->interfaces->len, ==, 1);
  g_assert_cmpuint (ns_of (doc, "ns1")->routes->len, ==, 0);
  g_assert_cmpuint (ns_of (doc, "ns3")->routes->len, ==, 0);
  /* the probes start elsewhere: they stay */
  g_assert_cmpuint (probes->len, ==, 2);
  assert_step (doc, before, "Remove ns2");
  g_assert_true (nfl_document_undo (doc));

  /* several: one step; a name given twice counts once */
  g_assert_true (nfl_document_remove_namespaces (doc, (const char *[]) { "ns1", "ns3", "ns2", "ns1", NULL },
                                                 &error));
  g_assert_no_error (error);
  g_assert_cmpuint (nfl_scenario_get_namespaces (nfl_document_get_scenario (doc))->len, ==, 0);
  /* a file cannot keep a probe from a namespace it does not have */
  probes = nfl_scenario_get_probes (nfl_document_get_scenario (doc));
  g_assert_cmpuint (probes->len, ==, 0);
  assert_step (doc, before, "Remove 3 Namespaces");
  g_assert_true (nfl_document_undo (doc));
  probes = nfl_scenario_get_probes (nfl_document_get_scenario (doc));
  g_assert_cmpuint (probes->len, ==, 2);

  /* a missing name: nothing at all is removed */
  state_capture (doc, &state);
  g_assert_false (nfl_document_remove_namespaces (doc, (const char *[]) { "ns1", "nope", NULL }, &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "nope"));
  assert_sentence (error);
  assert_unchanged (doc, &state);
  state_clear (&state);
}

static void
test_describe_removal (void)
{
  g_autoptr(NflDocument) doc = tutorial_document ();
  g_autoptr(GError) error = NULL;
  g_autofree char *router = NULL;
  g_autofree char *host = NULL;
  g_autofree char *all = NULL;
  g_autofree char *lonely = NULL;
  g_autofree char *added = NULL;
  g_autoptr(GBytes) before = bytes_of (doc);

  /* the router: both links, its two addresses and the peers', the hosts'
   * default routes through the peers, its three rules */
  router = nfl_document_describe_removal (doc, (const char *[]) { "ns2", NULL });
  g_assert_cmpstr (router, ==, "This also removes 2 links, 4 addresses, 2 routes and 3 rules.");
  /* a host: its link, both ends' addresses, its route, its probe */
  host = nfl_document_describe_removal (doc, (const char *[]) { "ns1", NULL });
  g_assert_cmpstr (host, ==, "This also removes 1 link, 2 addresses, 1 route and 1 saved probe.");
  all = nfl_document_describe_removal (doc, (const char *[]) { "ns1", "ns2", "ns3", NULL });
  g_assert_cmpstr (all, ==, "This also removes 2 links, 4 addresses, 2 routes, 3 rules and 2 saved probes.");

  /* a namespace with nothing in it */
  added = nfl_document_add_namespace (doc, "empty", 0, 0, &error);
  g_assert_no_error (error);
  lonely = nfl_document_describe_removal (doc, (const char *[]) { "empty", NULL });
  g_assert_null (lonely);
  g_assert_null (nfl_document_describe_removal (doc, (const char *[]) { "nope", NULL }));

  /* describing changes nothing */
  g_assert_true (nfl_document_undo (doc));
  assert_bytes (doc, before);
}

static void
test_rename_namespace (void)
{
  g_autoptr(NflDocument) doc = tutorial_document ();
  g_autoptr(GBytes) before = bytes_of (doc);
  g_autoptr(GError) error = NULL;
  GPtrArray *probes;
  NflInterface *peer;
  State state = { 0 };

  g_assert_true (nfl_document_rename_namespace (doc, "ns1", "web", &error));
  g_assert_no_error (error);
  g_assert_null (ns_of (doc, "ns1"));
  g_assert_nonnull (ns_of (doc, "web"));
  /* the peer in ns2 now leads to "web" */
  peer = iface_of (doc, "ns2", "veth1_ns2");
  g_assert_cmpstr (peer->peer->ns->name, ==, "web");
  /* the saved probe starting in ns1 follows */
  probes = nfl_scenario_get_probes (nfl_document_get_scenario (doc));
  g_assert_cmpstr (g_ptr_array_index (probes, 0), ==, "ns3 ping 10.1.0.10");
  g_assert_cmpstr (g_ptr_array_index (probes, 1), ==, "web tcp 10.2.0.10 22");
  assert_step (doc, before, "Rename ns1 to web");

  /* the saved file loads again */
  {
    g_autoptr(GBytes) bytes = bytes_of (doc);
    g_autoptr(NflScenario) loaded = nfl_scenario_load_xml_bytes (bytes, "renamed", &error);
    g_assert_no_error (error);
    g_assert_nonnull (nfl_scenario_find_namespace (loaded, "web"));
  }

  /* the same name: nothing to do */
  state_capture (doc, &state);
  g_assert_true (nfl_document_rename_namespace (doc, "web", "web", &error));
  g_assert_no_error (error);
  assert_unchanged (doc, &state);

  /* refusals */
  g_assert_false (nfl_document_rename_namespace (doc, "web", "ns2", &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_EXISTS);
  assert_sentence (error);
  g_clear_error (&error);
  g_assert_false (nfl_document_rename_namespace (doc, "web", "my web", &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID);
  assert_sentence (error);
  g_clear_error (&error);
  g_assert_false (nfl_document_rename_namespace (doc, "ns1", "db", &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_NOT_FOUND);
  assert_sentence (error);
  g_clear_error (&error);
  assert_unchanged (doc, &state);
  state_clear (&state);
}

static void
test_move (void)
{
  g_autoptr(NflDocument) doc = tutorial_document ();
  g_autoptr(GBytes) before = bytes_of (doc);
  g_autoptr(GBytes) after_one = NULL;
  g_autoptr(GError) error = NULL;
  double x1 = ns_of (doc, "ns1")->x, y2 = ns_of (doc, "ns2")->y;
  State state = { 0 };

  g_assert_true (nfl_document_move_namespaces (doc, (const char *[]) { "ns2", NULL }, 10, -20, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (ns_of (doc, "ns2")->y, ==, y2 - 20);
  g_assert_cmpfloat (ns_of (doc, "ns1")->x, ==, x1);
  assert_step (doc, before, "Move ns2");
  g_assert_true (nfl_document_undo (doc));

  /* a drag: many small moves of the same namespaces, one step */
  for (guint i = 0; i < 5; i++)
    g_assert_true (nfl_document_move_namespaces (doc, (const char *[]) { "ns1", "ns2", "ns3", NULL },
                                                 1, 2, &error));
  /* the same set in another order is the same drag */
  g_assert_true (nfl_document_move_namespaces (doc, (const char *[]) { "ns3", "ns1", "ns2", NULL }, 1, 2, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (ns_of (doc, "ns1")->x, ==, x1 + 6);
  g_assert_cmpfloat (ns_of (doc, "ns2")->y, ==, y2 + 12);
  g_assert_cmpuint (history_depth (doc), ==, 1);
  assert_step (doc, before, "Move 3 Namespaces");

  /* another set: a new step */
  after_one = bytes_of (doc);
  g_assert_true (nfl_document_move_namespaces (doc, (const char *[]) { "ns1", NULL }, 5, 5, &error));
  g_assert_cmpuint (history_depth (doc), ==, 2);
  assert_step (doc, after_one, "Move ns1");

  /* after an undo, a move does not merge into the step undone */
  g_assert_true (nfl_document_undo (doc));
  g_assert_true (nfl_document_move_namespaces (doc, (const char *[]) { "ns1", NULL }, 5, 5, &error));
  g_assert_cmpuint (history_depth (doc), ==, 2);
  g_assert_true (nfl_document_undo (doc));
  assert_bytes (doc, after_one);

  /* nothing to move, and refusals */
  state_capture (doc, &state);
  g_assert_true (nfl_document_move_namespaces (doc, (const char *[]) { "ns1", NULL }, 0, 0, &error));
  g_assert_true (nfl_document_move_namespaces (doc, (const char *[]) { NULL }, 10, 10, &error));
  g_assert_no_error (error);
  assert_unchanged (doc, &state);
  g_assert_false (nfl_document_move_namespaces (doc, (const char *[]) { "ns1", "ns9", NULL }, 10, 10, &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_NOT_FOUND);
  assert_sentence (error);
  assert_unchanged (doc, &state);
  state_clear (&state);
}

static void
test_notes (void)
{
  g_autoptr(NflDocument) doc = tutorial_document ();
  g_autoptr(GBytes) before = bytes_of (doc);
  g_autoptr(GBytes) typed = NULL;
  g_autoptr(GError) error = NULL;
  State state = { 0 };

  /* typing: one step per namespace */
  g_assert_true (nfl_document_set_notes (doc, "ns1", "T", &error));
  g_assert_true (nfl_document_set_notes (doc, "ns1", "Th", &error));
  g_assert_true (nfl_document_set_notes (doc, "ns1", "The client", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ns_of (doc, "ns1")->notes, ==, "The client");
  g_assert_cmpuint (history_depth (doc), ==, 1);
  assert_step (doc, before, "Edit Notes of ns1");

  typed = bytes_of (doc);
  g_assert_true (nfl_document_set_notes (doc, "ns2", "The router\n\twith forwarding", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (history_depth (doc), ==, 2);
  assert_step (doc, typed, "Edit Notes of ns2");

  /* undo takes all the typing back at once */
  g_assert_true (nfl_document_undo (doc));
  g_assert_true (nfl_document_undo (doc));
  g_assert_cmpstr (ns_of (doc, "ns1")->notes, ==, "");
  assert_bytes (doc, before);

  /* typing after a save starts a new step */
  g_assert_true (nfl_document_set_notes (doc, "ns1", "A", &error));
  nfl_document_set_modified (doc, FALSE);
  g_assert_true (nfl_document_set_notes (doc, "ns1", "AB", &error));
  g_assert_true (nfl_document_get_modified (doc));
  g_assert_cmpuint (history_depth (doc), ==, 2);
  g_assert_true (nfl_document_undo (doc));
  g_assert_false (nfl_document_get_modified (doc));
  g_assert_cmpstr (ns_of (doc, "ns1")->notes, ==, "A");

  /* the same text: nothing; a control character: refused */
  state_capture (doc, &state);
  g_assert_true (nfl_document_set_notes (doc, "ns1", "A", &error));
  assert_unchanged (doc, &state);
  g_assert_false (nfl_document_set_notes (doc, "ns1", "bell\a", &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID);
  assert_sentence (error);
  g_clear_error (&error);
  g_assert_false (nfl_document_set_notes (doc, "ns7", "hello", &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_NOT_FOUND);
  assert_unchanged (doc, &state);
  state_clear (&state);
}

static void
test_ip_forward (void)
{
  g_autoptr(NflDocument) doc = tutorial_document ();
  g_autoptr(GBytes) before = bytes_of (doc);
  g_autoptr(GBytes) off = NULL;
  g_autoptr(GError) error = NULL;
  State state = { 0 };

  g_assert_true (ns_of (doc, "ns2")->ip_forward);
  g_assert_true (nfl_document_set_ip_forward (doc, "ns2", FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (ns_of (doc, "ns2")->ip_forward);
  assert_step (doc, before, "Turn Off Forwarding in ns2");

  off = bytes_of (doc);
  g_assert_true (nfl_document_set_ip_forward (doc, "ns1", TRUE, &error));
  g_assert_true (ns_of (doc, "ns1")->ip_forward);
  assert_step (doc, off, "Turn On Forwarding in ns1");

  state_capture (doc, &state);
  g_assert_true (nfl_document_set_ip_forward (doc, "ns1", TRUE, &error));
  assert_unchanged (doc, &state);
  g_assert_false (nfl_document_set_ip_forward (doc, "ns9", TRUE, &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_NOT_FOUND);
  assert_unchanged (doc, &state);
  state_clear (&state);
}

/* ---------------------------------------------------------------------- */
/* links and interfaces                                                    */
/* ---------------------------------------------------------------------- */

static void
test_propose_link_names (void)
{
  g_autoptr(NflDocument) doc = tutorial_document ();
  g_autoptr(GError) error = NULL;
  char *a = NULL, *b = NULL;
  g_autofree char *long_ns = NULL;

  /* veth1 and veth2 are taken: 3 is the first number free in both */
  nfl_document_propose_link_names (doc, "ns1", "ns2", &a, &b);
  g_assert_cmpstr (a, ==, "veth3_ns1");
  g_assert_cmpstr (b, ==, "veth3_ns2");
  g_clear_pointer (&a, g_free);
  g_clear_pointer (&b, g_free);

  /* veth2_ns1 is free, veth2_ns3 is not */
  nfl_document_propose_link_names (doc, "ns1", "ns3", &a, &b);
  g_assert_cmpstr (a, ==, "veth3_ns1");
  g_assert_cmpstr (b, ==, "veth3_ns3");
  g_clear_pointer (&a, g_free);
  g_clear_pointer (&b, g_free);

  /* the proposal is accepted as it is */
  nfl_document_propose_link_names (doc, "ns1", "ns2", &a, &b);
  g_assert_true (nfl_document_add_link (doc, "ns1", a, "ns2", b, &error));
  g_assert_no_error (error);
  g_clear_pointer (&a, g_free);
  g_clear_pointer (&b, g_free);
  nfl_document_propose_link_names (doc, "ns1", "ns2", &a, &b);
  g_assert_cmpstr (a, ==, "veth4_ns1");
  g_assert_cmpstr (b, ==, "veth4_ns2");
  g_clear_pointer (&a, g_free);
  g_clear_pointer (&b, g_free);

  /* a long namespace name is cut to the kernel's 15 bytes */
  long_ns = nfl_document_add_namespace (doc, "classroom-router-7", 0, 0, &error);
  g_assert_no_error (error);
  nfl_document_propose_link_names (doc, "classroom-router-7", "ns3", &a, &b);
  g_assert_cmpstr (a, ==, "veth1_classroom");
  g_assert_cmpuint (strlen (a), ==, 15);
  g_assert_cmpstr (b, ==, "veth1_ns3");
  g_assert_true (nfl_document_add_link (doc, "classroom-router-7", a, "ns3", b, &error));
  g_assert_no_error (error);
  g_clear_pointer (&a, g_free);
  g_clear_pointer (&b, g_free);

  /* both ends in one namespace need two names */
  nfl_document_propose_link_names (doc, "ns3", "ns3", &a, &b);
  g_assert_cmpstr (a, ==, "veth3_ns3");
  g_assert_cmpstr (b, ==, "veth4_ns3");
  g_assert_true (nfl_document_add_link (doc, "ns3", a, "ns3", b, &error));
  g_assert_no_error (error);
  g_clear_pointer (&a, g_free);
  g_clear_pointer (&b, g_free);
}

static void
test_add_link (void)
{
  g_autoptr(NflDocument) doc = tutorial_document ();
  g_autoptr(GBytes) before = bytes_of (doc);
  g_autoptr(GError) error = NULL;
  NflInterface *end;
  State state = { 0 };

  g_assert_true (nfl_document_add_link (doc, "ns1", "veth3_ns1", "ns3", "veth3_ns3", &error));
  g_assert_no_error (error);
  end = iface_of (doc, "ns1", "veth3_ns1");
  g_assert_nonnull (end);
  g_assert_true (end->up);
  g_assert_nonnull (end->peer);
  g_assert_cmpstr (end->peer->name, ==, "veth3_ns3");
  g_assert_cmpstr (end->peer->ns->name, ==, "ns3");
  g_assert_true (end->peer->up);
  assert_step (doc, before, "Add Link");

  state_capture (doc, &state);
  {
    static const struct {
      const char *ns_a, *a, *ns_b, *b;
      int         code;
    } bad[] = {
      { "ns1", "veth1_ns1", "ns3", "x1", NFL_FORMAT_ERROR_EXISTS },    /* taken in ns1 */
      { "ns1", "x1", "ns3", "veth2_ns3", NFL_FORMAT_ERROR_EXISTS },    /* taken in ns3 */
      { "ns1", "lo", "ns3", "x1", NFL_FORMAT_ERROR_EXISTS },
      { "ns1", "same", "ns1", "same", NFL_FORMAT_ERROR_EXISTS },
      { "ns1", "veth_0123456789", "ns3", "x", NFL_FORMAT_ERROR_INVALID },  /* 15 bytes: fine */
      { "ns1", "veth_01234567890", "ns3", "x", NFL_FORMAT_ERROR_INVALID }, /* 16 bytes */
      { "ns1", "eth:0", "ns3", "x", NFL_FORMAT_ERROR_INVALID },
      { "ns1", "a", "ns3", "b c", NFL_FORMAT_ERROR_INVALID },
      { "ns1", "", "ns3", "x", NFL_FORMAT_ERROR_INVALID },
      { "ns1", "x@1", "ns3", "x", NFL_FORMAT_ERROR_INVALID },
      { "ns9", "a", "ns3", "b", NFL_FORMAT_ERROR_NOT_FOUND },
      { "ns1", "a", "ns9", "b", NFL_FORMAT_ERROR_NOT_FOUND },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        if (i == 4)
          continue;  /* the boundary, checked below */
        g_assert_false (nfl_document_add_link (doc, bad[i].ns_a, bad[i].a, bad[i].ns_b, bad[i].b, &error));
        g_assert_error (error, NFL_FORMAT_ERROR, bad[i].code);
        assert_sentence (error);
        g_clear_error (&error);
        assert_unchanged (doc, &state);
      }
  }
  state_clear (&state);

  /* exactly 15 bytes is what the kernel allows */
  g_assert_true (nfl_document_add_link (doc, "ns1", "veth_0123456789", "ns3", "x", &error));
  g_assert_no_error (error);
}

static void
test_remove_link (void)
{
  g_autoptr(NflDocument) doc = tutorial_document ();
  g_autoptr(GBytes) before = bytes_of (doc);
  g_autoptr(GError) error = NULL;
  State state = { 0 };

  /* from either end */
  g_assert_true (nfl_document_remove_link (doc, "ns2", "veth1_ns2", &error));
  g_assert_no_error (error);
  g_assert_null (iface_of (doc, "ns2", "veth1_ns2"));
  g_assert_null (iface_of (doc, "ns1", "veth1_ns1"));
  /* ns1's default route went through veth1_ns1 */
  g_assert_cmpuint (ns_of (doc, "ns1")->routes->len, ==, 0);
  /* the other link stays */
  g_assert_nonnull (iface_of (doc, "ns2", "veth2_ns2"));
  g_assert_cmpuint (ns_of (doc, "ns3")->routes->len, ==, 1);
  assert_step (doc, before, "Remove Link");

  state_capture (doc, &state);
  g_assert_false (nfl_document_remove_link (doc, "ns2", "lo", &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID);
  assert_sentence (error);
  g_clear_error (&error);
  g_assert_false (nfl_document_remove_link (doc, "ns2", "veth1_ns2", &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_NOT_FOUND);
  assert_sentence (error);
  g_clear_error (&error);
  assert_unchanged (doc, &state);
  state_clear (&state);
}

static void
test_rename_interface (void)
{
  g_autoptr(NflDocument) doc = tutorial_document ();
  g_autoptr(GBytes) before = bytes_of (doc);
  g_autoptr(GError) error = NULL;
  g_autofree char *rules = NULL;
  NflInterface *iface;
  NflRoute *route;
  State state = { 0 };

  /* ns1's route through veth1_ns1 */
  route = g_ptr_array_index (ns_of (doc, "ns1")->routes, 0);
  g_assert_cmpstr (route->dev, ==, "veth1_ns1");
  g_assert_true (nfl_document_rename_interface (doc, "ns1", "veth1_ns1", "eth0", &error));
  g_assert_no_error (error);
  iface = iface_of (doc, "ns1", "eth0");
  g_assert_nonnull (iface);
  g_assert_null (iface_of (doc, "ns1", "veth1_ns1"));
  /* the peer still knows its other end */
  g_assert_true (iface_of (doc, "ns2", "veth1_ns2")->peer == iface);
  route = g_ptr_array_index (ns_of (doc, "ns1")->routes, 0);
  g_assert_cmpstr (route->dev, ==, "eth0");
  assert_step (doc, before, "Rename veth1_ns1");

  /* the rules of ns2 that name veth2_ns2 with -i or -o */
  g_assert_true (nfl_document_rename_interface (doc, "ns2", "veth2_ns2", "lan", &error));
  g_assert_no_error (error);
  rules = rules_of (doc, "ns2");
  g_assert_nonnull (strstr (rules, "-A FORWARD -i veth1_ns2 -o lan -j ACCEPT\n"));
  g_assert_nonnull (strstr (rules, "-A FORWARD -i lan -j DROP\n"));
  g_assert_nonnull (strstr (rules, "-A PREROUTING -d 169.254.169.254/32 -i lan -j DNAT"));
  g_assert_null (strstr (rules, "veth2_ns2"));
  g_assert_true (nfl_document_undo (doc));
  g_clear_pointer (&rules, g_free);
  rules = rules_of (doc, "ns2");
  g_assert_nonnull (strstr (rules, "-A FORWARD -i veth1_ns2 -o veth2_ns2 -j ACCEPT\n"));
  g_assert_true (nfl_document_redo (doc));

  /* refusals */
  state_capture (doc, &state);
  g_assert_false (nfl_document_rename_interface (doc, "ns2", "lo", "loop", &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID);
  assert_sentence (error);
  g_clear_error (&error);
  g_assert_false (nfl_document_rename_interface (doc, "ns2", "lan", "veth1_ns2", &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_EXISTS);
  assert_sentence (error);
  g_clear_error (&error);
  g_assert_false (nfl_document_rename_interface (doc, "ns2", "lan", "a-very-long-name", &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID);
  assert_sentence (error);
  g_clear_error (&error);
  g_assert_false (nfl_document_rename_interface (doc, "ns2", "nope", "x", &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_NOT_FOUND);
  assert_sentence (error);
  g_clear_error (&error);
  assert_unchanged (doc, &state);
  state_clear (&state);
}

static void
test_interface_up (void)
{
  g_autoptr(NflDocument) doc = tutorial_document ();
  g_autoptr(GBytes) before = bytes_of (doc);
  g_autoptr(GBytes) down = NULL;
  g_autoptr(GError) error = NULL;
  State state = { 0 };

  g_assert_true (nfl_document_set_interface_up (doc, "ns2", "veth1_ns2", FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (iface_of (doc, "ns2", "veth1_ns2")->up);
  /* only this end */
  g_assert_true (iface_of (doc, "ns1", "veth1_ns1")->up);
  assert_step (doc, before, "Set veth1_ns2 Down");

  down = bytes_of (doc);
  g_assert_true (nfl_document_set_interface_up (doc, "ns2", "veth1_ns2", TRUE, &error));
  assert_step (doc, down, "Set veth1_ns2 Up");

  state_capture (doc, &state);
  g_assert_true (nfl_document_set_interface_up (doc, "ns2", "veth1_ns2", TRUE, &error));
  assert_unchanged (doc, &state);
  g_assert_false (nfl_document_set_interface_up (doc, "ns2", "eth9", TRUE, &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_NOT_FOUND);
  assert_sentence (error);
  assert_unchanged (doc, &state);
  state_clear (&state);
}

static void
test_addresses (void)
{
  g_autoptr(NflDocument) doc = tutorial_document ();
  g_autoptr(GBytes) before = bytes_of (doc);
  g_autoptr(GBytes) added = NULL;
  g_autoptr(GError) error = NULL;
  NflInterface *iface;
  State state = { 0 };

  g_assert_true (nfl_document_add_address (doc, "ns1", "veth1_ns1", "10.1.0.5/24", &error));
  g_assert_no_error (error);
  iface = iface_of (doc, "ns1", "veth1_ns1");
  g_assert_cmpuint (iface->addresses->len, ==, 2);
  g_assert_cmphex (g_array_index (iface->addresses, NflAddress, 1).addr, ==, 0x0a010005);
  g_assert_cmpuint (g_array_index (iface->addresses, NflAddress, 1).prefix_len, ==, 24);
  assert_step (doc, before, "Add Address 10.1.0.5/24");

  /* a dotted mask reads as its prefix length */
  added = bytes_of (doc);
  g_assert_true (nfl_document_add_address (doc, "ns1", "lo", "10.9.0.1/255.255.0.0", &error));
  g_assert_no_error (error);
  assert_step (doc, added, "Add Address 10.9.0.1/16");
  g_assert_true (nfl_document_undo (doc));

  state_capture (doc, &state);
  g_assert_false (nfl_document_add_address (doc, "ns1", "veth1_ns1", "10.1.0.5/24", &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_EXISTS);
  assert_sentence (error);
  g_clear_error (&error);
  g_assert_false (nfl_document_add_address (doc, "ns1", "veth1_ns1", "10.1.0.300/24", &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_SYNTAX);
  assert_sentence (error);
  g_clear_error (&error);
  g_assert_false (nfl_document_add_address (doc, "ns1", "veth1_ns1", "10.1.0.5/33", &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_SYNTAX);
  g_clear_error (&error);
  g_assert_false (nfl_document_add_address (doc, "ns1", "eth7", "10.1.0.6/24", &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (nfl_document_remove_address (doc, "ns1", "veth1_ns1", "10.1.0.5/16", &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_NOT_FOUND);
  assert_sentence (error);
  g_clear_error (&error);
  assert_unchanged (doc, &state);
  state_clear (&state);

  g_assert_true (nfl_document_remove_address (doc, "ns1", "veth1_ns1", "10.1.0.10/24", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (iface_of (doc, "ns1", "veth1_ns1")->addresses->len, ==, 1);
  g_assert_cmphex (g_array_index (iface_of (doc, "ns1", "veth1_ns1")->addresses, NflAddress, 0).addr, ==,
                   0x0a010005);
  assert_step (doc, added, "Remove Address 10.1.0.10/24");
}

static void
test_routes (void)
{
  g_autoptr(NflDocument) doc = tutorial_document ();
  g_autoptr(GBytes) before = bytes_of (doc);
  g_autoptr(GBytes) added = NULL;
  g_autoptr(GError) error = NULL;
  NflNamespace *ns;
  NflRoute *route;
  guint scenario_changed = 0;
  State state = { 0 };

  g_signal_connect (nfl_document_get_scenario (doc), "changed", G_CALLBACK (count_cb), &scenario_changed);
  g_assert_true (nfl_document_add_route (doc, "ns2", "10.3.0.0/24 via 10.1.0.10", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (scenario_changed, ==, 1);
  ns = ns_of (doc, "ns2");
  g_assert_cmpuint (ns->routes->len, ==, 1);
  route = g_ptr_array_index (ns->routes, 0);
  g_assert_cmphex (route->dst, ==, 0x0a030000);
  g_assert_cmpuint (route->prefix_len, ==, 24);
  g_assert_true (route->has_via);
  /* as the kernel records it: the device that reaches the gateway */
  g_assert_cmpstr (route->dev, ==, "veth1_ns2");
  assert_step (doc, before, "Add Route");

  added = bytes_of (doc);
  state_capture (doc, &state);
  {
    static const char *bad[] = {
      "default via 10.9.9.9",          /* the gateway is not on a link */
      "10.5.0.0/24 dev nope",          /* no such device */
      "10.5.0.1/24 dev veth1_ns2",     /* host bits */
      "10.3.0.0/24 via 10.1.0.10",     /* exists */
      "",
      "10.6.0.0/24",                   /* neither via nor dev */
      "10.6.0.0/24 dev veth1_ns2 metric x",
      "10.6.0.0/24 dev veth1_ns2; reboot",
      "10.6.0.0/24 dev veth1_ns2\nip netns del ns1",
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_assert_false (nfl_document_add_route (doc, "ns2", bad[i], &error));
        g_assert_nonnull (error);
        assert_sentence (error);
        if (i == 0)
          g_assert_nonnull (strstr (error->message, "10.9.9.9"));
        if (i == 1)
          g_assert_nonnull (strstr (error->message, "nope"));
        g_clear_error (&error);
        assert_unchanged (doc, &state);
      }
  }
  g_assert_false (nfl_document_add_route (doc, "ns9", "default dev lo", &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (nfl_document_remove_route (doc, "ns2", 1, &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_NOT_FOUND);
  assert_sentence (error);
  g_clear_error (&error);
  assert_unchanged (doc, &state);
  state_clear (&state);

  g_assert_true (nfl_document_remove_route (doc, "ns2", 0, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ns_of (doc, "ns2")->routes->len, ==, 0);
  assert_step (doc, added, "Remove Route");
}

static void
test_services (void)
{
  g_autoptr(NflDocument) doc = tutorial_document ();
  g_autoptr(GBytes) before = bytes_of (doc);
  g_autoptr(GBytes) added = NULL;
  g_autoptr(GError) error = NULL;
  NflService *service;
  State state = { 0 };

  g_assert_true (nfl_document_add_service (doc, "ns1", "tcp 80", &error));
  g_assert_no_error (error);
  assert_step (doc, before, "Add Service");
  added = bytes_of (doc);
  g_assert_true (nfl_document_add_service (doc, "ns1", "udp 53 10.1.0.10", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ns_of (doc, "ns1")->services->len, ==, 2);
  service = &g_array_index (ns_of (doc, "ns1")->services, NflService, 1);
  g_assert_cmpuint (service->proto, ==, 17);
  g_assert_cmpuint (service->port, ==, 53);
  g_assert_true (service->has_addr);
  g_assert_cmphex (service->addr, ==, 0x0a01000a);
  assert_step (doc, added, "Add Service");
  g_assert_true (nfl_document_undo (doc));

  state_capture (doc, &state);
  {
    static const char *bad[] = { "tcp 80", "tcp", "sctp 80", "tcp 0", "tcp 70000", "udp 53 10.1.0", "" };

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        g_assert_false (nfl_document_add_service (doc, "ns1", bad[i], &error));
        g_assert_nonnull (error);
        assert_sentence (error);
        /* the message speaks of what the user typed */
        g_assert_null (strstr (error->message, "listen"));
        g_clear_error (&error);
        assert_unchanged (doc, &state);
      }
  }
  g_assert_false (nfl_document_remove_service (doc, "ns1", 1, &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_NOT_FOUND);
  assert_sentence (error);
  g_clear_error (&error);
  assert_unchanged (doc, &state);
  state_clear (&state);

  g_assert_true (nfl_document_remove_service (doc, "ns1", 0, &error));
  g_assert_cmpuint (ns_of (doc, "ns1")->services->len, ==, 0);
  assert_step (doc, added, "Remove Service");
}

static void
test_title (void)
{
  g_autoptr(NflDocument) doc = tutorial_document ();
  g_autoptr(GBytes) before = bytes_of (doc);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  guint notified = 0;
  State state = { 0 };

  g_signal_connect (doc, "notify::title", G_CALLBACK (notify_cb), &notified);
  g_assert_true (nfl_document_set_title (doc, "D", &error));
  g_assert_true (nfl_document_set_title (doc, "DNAT demo", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (nfl_scenario_get_title (nfl_document_get_scenario (doc)), ==, "DNAT demo");
  g_assert_cmpuint (notified, ==, 2);
  title = nfl_document_dup_display_title (doc);
  g_assert_cmpstr (title, ==, "DNAT demo");
  /* typing is one step */
  g_assert_cmpuint (history_depth (doc), ==, 1);
  assert_step (doc, before, "Change Title");
  g_assert_true (nfl_document_undo (doc));
  g_assert_cmpuint (notified, ==, 5);
  g_clear_pointer (&title, g_free);
  title = nfl_document_dup_display_title (doc);
  g_assert_cmpstr (title, ==, "Untitled Scenario");

  state_capture (doc, &state);
  g_assert_false (nfl_document_set_title (doc, "a\x01" "b", &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID);
  assert_sentence (error);
  g_clear_error (&error);
  g_assert_false (nfl_document_set_title (doc, "\xff", &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (nfl_document_set_title (doc, "", &error));
  g_assert_true (nfl_document_set_title (doc, NULL, &error));
  assert_unchanged (doc, &state);
  state_clear (&state);
}

static void
test_description (void)
{
  g_autoptr(NflDocument) doc = tutorial_document ();
  g_autoptr(GBytes) before = bytes_of (doc);
  g_autoptr(GError) error = NULL;
  g_autoptr(NflScenario) loaded = NULL;
  g_autoptr(GBytes) xml = NULL;
  guint changed = 0;
  State state = { 0 };

  /* typing, a character at a time, is one step; every keystroke is seen */
  g_signal_connect (doc, "changed", G_CALLBACK (count_cb), &changed);
  g_assert_true (nfl_document_set_description (doc, "N", &error));
  g_assert_true (nfl_document_set_description (doc, "NA", &error));
  g_assert_true (nfl_document_set_description (doc, "NAT lesson\nline two", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (nfl_scenario_get_description (nfl_document_get_scenario (doc)), ==, "NAT lesson\nline two");
  g_assert_cmpuint (changed, ==, 3);
  g_assert_cmpuint (history_depth (doc), ==, 1);
  /* the file keeps it */
  xml = bytes_of (doc);
  loaded = nfl_scenario_load_xml_bytes (xml, "lesson.nflab", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (nfl_scenario_get_description (loaded), ==, "NAT lesson\nline two");
  assert_step (doc, before, "Edit Description");
  g_assert_true (nfl_document_undo (doc));
  assert_bytes (doc, before);

  /* what a file cannot hold is refused, and changes nothing */
  state_capture (doc, &state);
  g_assert_false (nfl_document_set_description (doc, "a\x01" "b", &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (nfl_document_set_description (doc, nfl_scenario_get_description (nfl_document_get_scenario (doc)), &error));
  assert_unchanged (doc, &state);
  state_clear (&state);
}

/* ---------------------------------------------------------------------- */
/* command lines                                                           */
/* ---------------------------------------------------------------------- */

static void
test_apply_commands (void)
{
  g_autoptr(NflDocument) doc = nfl_document_new ();
  g_autoptr(GBytes) empty = bytes_of (doc);
  g_autoptr(GBytes) imported = NULL;
  g_autoptr(GError) error = NULL;
  NflSourcePos where = { 0 };
  GPtrArray *namespaces;
  double x1, y1, x3, y3;

  /* into an empty document: laid out along the links, a chain from left
   * to right */
  g_assert_true (nfl_document_apply_commands (doc, NFL_TEST_LINKS NFL_TEST_ROUTES, &where, &error));
  g_assert_no_error (error);
  namespaces = nfl_scenario_get_namespaces (nfl_document_get_scenario (doc));
  g_assert_cmpuint (namespaces->len, ==, 3);
  g_assert_cmpfloat (ns_of (doc, "ns1")->x, <, ns_of (doc, "ns2")->x);
  g_assert_cmpfloat (ns_of (doc, "ns2")->x, <, ns_of (doc, "ns3")->x);
  assert_step (doc, empty, "Import Commands");
  x1 = ns_of (doc, "ns1")->x;
  y1 = ns_of (doc, "ns1")->y;
  x3 = ns_of (doc, "ns3")->x;
  y3 = ns_of (doc, "ns3")->y;

  /* a new namespace goes below; the others stay where they are */
  imported = bytes_of (doc);
  g_assert_true (nfl_document_apply_commands (doc,
                                              "# a fourth one\n"
                                              "ip netns add ns4\n"
                                              "ip netns add ns5\n"
                                              "ip link add veth3_ns3 netns ns3 type veth peer name veth3_ns4 netns ns4\n",
                                              &where, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (ns_of (doc, "ns1")->x, ==, x1);
  g_assert_cmpfloat (ns_of (doc, "ns1")->y, ==, y1);
  g_assert_cmpfloat (ns_of (doc, "ns3")->x, ==, x3);
  g_assert_cmpfloat (ns_of (doc, "ns3")->y, ==, y3);
  g_assert_cmpfloat (ns_of (doc, "ns4")->y, >, MAX (y1, y3));
  g_assert_cmpfloat (ns_of (doc, "ns5")->y, ==, ns_of (doc, "ns4")->y);
  g_assert_cmpfloat (ns_of (doc, "ns5")->x - ns_of (doc, "ns4")->x, ==, NFL_LAYOUT_COLUMN_WIDTH);
  assert_step (doc, imported, "Import Commands");
}

/* An import compares its result with the model as it is: an edit made
 * between two imports (here one that takes away what the first added) is
 * seen, through undo and redo too, so the second import is a step. */
static void
test_apply_commands_after_other_edits (void)
{
  g_autoptr(NflDocument) doc = tutorial_document ();
  g_autoptr(GBytes) before = bytes_of (doc);
  g_autoptr(GBytes) added = NULL;
  g_autoptr(GError) error = NULL;
  const char *add = "ip netns exec ns2 iptables -A FORWARD -s 10.9.0.1 -j DROP\n";
  guint last;

  g_assert_true (nfl_document_apply_commands (doc, add, NULL, &error));
  g_assert_no_error (error);
  added = bytes_of (doc);
  last = nfl_ruleset_find_chain (ns_of (doc, "ns2")->ruleset, NFL_TABLE_FILTER, "FORWARD")->rules->len;

  /* taken out again in the rule list: the same import adds it again */
  g_assert_true (nfl_document_delete_rules (doc, "ns2", NFL_TABLE_FILTER, "FORWARD", &last, 1, &error));
  g_assert_no_error (error);
  assert_bytes (doc, before);
  g_assert_true (nfl_document_apply_commands (doc, add, NULL, &error));
  g_assert_no_error (error);
  assert_bytes (doc, added);
  g_assert_cmpstr (nfl_document_get_undo_label (doc), ==, "Import Commands");

  /* undone twice: a policy set to what it is already is no step, one set
   * to something else is */
  g_assert_true (nfl_document_undo (doc));
  assert_bytes (doc, before);
  g_assert_true (nfl_document_undo (doc));
  assert_bytes (doc, added);
  g_assert_true (nfl_document_apply_commands (doc, "ip netns exec ns2 iptables -P FORWARD ACCEPT\n", NULL, &error));
  g_assert_no_error (error);
  assert_bytes (doc, added);
  g_assert_cmpstr (nfl_document_get_undo_label (doc), ==, "Import Commands");
  g_assert_true (nfl_document_can_redo (doc));
  g_assert_true (nfl_document_apply_commands (doc, "ip netns exec ns2 iptables -P FORWARD DROP\n", NULL, &error));
  g_assert_no_error (error);
  g_assert_false (nfl_document_can_redo (doc));
  g_assert_cmpint (nfl_ruleset_find_chain (ns_of (doc, "ns2")->ruleset, NFL_TABLE_FILTER, "FORWARD")->policy, ==,
                   NFL_POLICY_DROP);
  assert_step (doc, added, "Import Commands");

  /* set back in the chain's form, then to DROP again by import */
  g_assert_true (nfl_document_set_policy (doc, "ns2", NFL_TABLE_FILTER, "FORWARD", NFL_POLICY_ACCEPT, &error));
  g_assert_no_error (error);
  assert_bytes (doc, added);
  g_assert_true (nfl_document_apply_commands (doc, "ip netns exec ns2 iptables -P FORWARD DROP\n", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (nfl_document_get_undo_label (doc), ==, "Import Commands");
  assert_step (doc, added, "Import Commands");
}

static void
test_apply_commands_refused (void)
{
  g_autoptr(NflDocument) doc = tutorial_document ();
  g_autoptr(GError) error = NULL;
  NflSourcePos where = { 0 };
  State state = { 0 };
  guint changed = 0;

  g_assert_true (nfl_document_set_notes (doc, "ns1", "client", NULL));
  state_capture (doc, &state);
  g_signal_connect (doc, "changed", G_CALLBACK (count_cb), &changed);

  /* line 3 is wrong: lines 1 and 2 are not applied either */
  g_assert_false (nfl_document_apply_commands (doc,
                                               "ip netns add ns4\n"
                                               "ip netns exec ns4 ip link set lo up\n"
                                               "ip netns exec ns4 iptables -A INPUT -j NOPE\n",
                                               &where, &error));
  g_assert_nonnull (error);
  if (g_test_verbose ())
    g_test_message ("%s", error->message);
  g_assert_cmpuint (where.line, ==, 3);
  g_assert_cmpuint (where.column, >, 1);
  g_assert_true (g_str_has_prefix (error->message, "Line 3: "));
  g_assert_nonnull (strstr (error->message, "NOPE"));
  g_assert_null (ns_of (doc, "ns4"));
  assert_unchanged (doc, &state);
  g_clear_error (&error);

  /* a name that a scenario file cannot hold */
  g_assert_false (nfl_document_apply_commands (doc, "ip netns add 'a+b'\n", &where, &error));
  g_assert_nonnull (error);
  if (g_test_verbose ())
    g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "a+b"));
  assert_unchanged (doc, &state);
  g_clear_error (&error);
  g_assert_cmpuint (changed, ==, 0);

  /* comments and listings change nothing: no step */
  g_assert_true (nfl_document_apply_commands (doc, "# nothing\n\nip netns exec ns1 iptables -L\n", &where, &error));
  g_assert_no_error (error);
  assert_unchanged (doc, &state);
  state_clear (&state);
}

static void
test_apply_commands_probes (void)
{
  g_autoptr(NflDocument) doc = tutorial_document ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(NflScenario) loaded = NULL;

  /* deleting a namespace takes its saved probes along: the file must
   * still load */
  g_assert_true (nfl_document_apply_commands (doc, "ip netns del ns3\n", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (nfl_scenario_get_probes (nfl_document_get_scenario (doc))->len, ==, 1);
  bytes = bytes_of (doc);
  loaded = nfl_scenario_load_xml_bytes (bytes, "after-del", &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
}

/* ---------------------------------------------------------------------- */
/* history                                                                 */
/* ---------------------------------------------------------------------- */

static void
test_undo_redo (void)
{
  g_autoptr(NflDocument) doc = tutorial_document ();
  g_autoptr(GPtrArray) states = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  guint changed = 0;

  g_signal_connect (doc, "changed", G_CALLBACK (count_cb), &changed);
  g_ptr_array_add (states, bytes_of (doc));
  name = nfl_document_add_namespace (doc, NULL, 600, 80, &error);
  g_ptr_array_add (states, bytes_of (doc));
  g_assert_true (nfl_document_add_link (doc, "ns3", "veth3_ns3", name, "veth3_ns4", &error));
  g_ptr_array_add (states, bytes_of (doc));
  g_assert_true (nfl_document_add_address (doc, name, "veth3_ns4", "10.3.0.10/24", &error));
  g_ptr_array_add (states, bytes_of (doc));
  g_assert_true (nfl_document_add_route (doc, name, "default via 10.3.0.1", &error));
  g_ptr_array_add (states, bytes_of (doc));
  g_assert_true (nfl_document_rename_namespace (doc, "ns3", "db", &error));
  g_ptr_array_add (states, bytes_of (doc));
  g_assert_true (nfl_document_remove_namespaces (doc, (const char *[]) { "ns2", NULL }, &error));
  g_ptr_array_add (states, bytes_of (doc));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 6);

  /* every state comes back, byte for byte, both ways */
  for (guint i = states->len - 1; i > 0; i--)
    {
      g_assert_true (nfl_document_undo (doc));
      assert_bytes (doc, g_ptr_array_index (states, i - 1));
    }
  g_assert_false (nfl_document_can_undo (doc));
  g_assert_false (nfl_document_undo (doc));
  g_assert_false (nfl_document_get_modified (doc));
  for (guint i = 1; i < states->len; i++)
    {
      g_assert_true (nfl_document_redo (doc));
      assert_bytes (doc, g_ptr_array_index (states, i));
    }
  g_assert_false (nfl_document_can_redo (doc));
  g_assert_cmpuint (changed, ==, 6 + 2 * 6);

  /* a new edit after undoing ends the redo history */
  g_assert_true (nfl_document_undo (doc));
  g_assert_true (nfl_document_undo (doc));
  g_assert_true (nfl_document_can_redo (doc));
  g_assert_true (nfl_document_set_ip_forward (doc, "ns2", FALSE, &error));
  g_assert_false (nfl_document_can_redo (doc));
  g_assert_null (nfl_document_get_redo_label (doc));
  g_assert_cmpuint (history_depth (doc), ==, 5);
}

static void
test_notifications (void)
{
  g_autoptr(NflDocument) doc = tutorial_document ();
  g_autoptr(GError) error = NULL;
  guint can_undo = 0, can_redo = 0, modified = 0, undo_label = 0, redo_label = 0;

  g_signal_connect (doc, "notify::can-undo", G_CALLBACK (notify_cb), &can_undo);
  g_signal_connect (doc, "notify::can-redo", G_CALLBACK (notify_cb), &can_redo);
  g_signal_connect (doc, "notify::modified", G_CALLBACK (notify_cb), &modified);
  g_signal_connect (doc, "notify::undo-label", G_CALLBACK (notify_cb), &undo_label);
  g_signal_connect (doc, "notify::redo-label", G_CALLBACK (notify_cb), &redo_label);

  g_assert_true (nfl_document_set_ip_forward (doc, "ns1", TRUE, &error));
  g_assert_cmpuint (can_undo, ==, 1);
  g_assert_cmpuint (modified, ==, 1);
  g_assert_cmpuint (undo_label, ==, 1);
  g_assert_cmpuint (can_redo, ==, 0);

  /* a second edit: only the label changes */
  g_assert_true (nfl_document_set_ip_forward (doc, "ns3", TRUE, &error));
  g_assert_cmpuint (can_undo, ==, 1);
  g_assert_cmpuint (modified, ==, 1);
  g_assert_cmpuint (undo_label, ==, 2);

  /* the same label again: no notification */
  g_assert_true (nfl_document_set_ip_forward (doc, "ns3", FALSE, &error));
  g_assert_true (nfl_document_set_ip_forward (doc, "ns3", TRUE, &error));
  g_assert_cmpuint (undo_label, ==, 4);
  g_assert_true (nfl_document_set_notes (doc, "ns3", "x", &error));
  g_assert_cmpuint (undo_label, ==, 5);
  g_assert_true (nfl_document_set_notes (doc, "ns3", "xy", &error));
  g_assert_cmpuint (undo_label, ==, 5);

  g_assert_true (nfl_document_undo (doc));
  g_assert_cmpuint (can_redo, ==, 1);
  g_assert_cmpuint (redo_label, ==, 1);
  g_assert_cmpuint (can_undo, ==, 1);
  g_assert_true (nfl_document_redo (doc));
  g_assert_cmpuint (can_redo, ==, 2);

  /* saved here: undoing away sets modified, redoing back clears it */
  nfl_document_set_modified (doc, FALSE);
  g_assert_false (nfl_document_get_modified (doc));
  g_assert_cmpuint (modified, ==, 2);
  nfl_document_set_modified (doc, FALSE);
  g_assert_cmpuint (modified, ==, 2);
  g_assert_true (nfl_document_undo (doc));
  g_assert_true (nfl_document_get_modified (doc));
  g_assert_cmpuint (modified, ==, 3);
  g_assert_true (nfl_document_redo (doc));
  g_assert_false (nfl_document_get_modified (doc));
  g_assert_cmpuint (modified, ==, 4);

  /* an edit on a state before the saved one: the saved one is gone */
  g_assert_true (nfl_document_undo (doc));
  g_assert_true (nfl_document_set_ip_forward (doc, "ns1", FALSE, &error));
  g_assert_true (nfl_document_get_modified (doc));
  while (nfl_document_undo (doc))
    g_assert_true (nfl_document_get_modified (doc));
  g_assert_false (nfl_document_can_undo (doc));

  /* modified by hand */
  nfl_document_set_modified (doc, TRUE);
  g_assert_true (nfl_document_get_modified (doc));
}

/* What a view reads when the document tells it something changed. */
static void
record_undo_label_cb (NflDocument *doc,
                      gpointer     user_data)
{
  GPtrArray *seen = user_data;

  const char *label = nfl_document_get_undo_label (doc);

  g_ptr_array_add (seen, g_strdup_printf ("%s|%s", label != NULL ? label : "-",
                                          nfl_scenario_get_title (nfl_document_get_scenario (doc))));
}

static void
record_title_cb (NflDocument *doc,
                 GParamSpec  *pspec,
                 gpointer     user_data)
{
  record_undo_label_cb (doc, user_data);
}

static void
test_signals_see_complete_state (void)
{
  g_autoptr(NflDocument) doc = nfl_document_new ();
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  g_signal_connect (doc, "changed", G_CALLBACK (record_undo_label_cb), changed);
  g_signal_connect (doc, "notify::title", G_CALLBACK (record_title_cb), titles);

  g_assert_true (nfl_document_set_title (doc, "Lab", &error));
  g_assert_true (nfl_document_apply_commands (doc, "ip netns add ns1\n", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (nfl_document_undo (doc));
  g_assert_true (nfl_document_undo (doc));
  g_assert_true (nfl_document_redo (doc));

  g_assert_cmpuint (changed->len, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (changed, 0), ==, "Change Title|Lab");
  g_assert_cmpstr (g_ptr_array_index (changed, 1), ==, "Import Commands|Lab");
  g_assert_cmpstr (g_ptr_array_index (changed, 2), ==, "Change Title|Lab");
  g_assert_cmpstr (g_ptr_array_index (changed, 3), ==, "-|");
  g_assert_cmpstr (g_ptr_array_index (changed, 4), ==, "Change Title|Lab");
  /* the title's notifications see the step that changed it */
  g_assert_cmpuint (titles->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (titles, 0), ==, "Change Title|Lab");
  g_assert_cmpstr (g_ptr_array_index (titles, 1), ==, "-|");
  g_assert_cmpstr (g_ptr_array_index (titles, 2), ==, "Change Title|Lab");
}

static void
test_history_limit (void)
{
  g_autoptr(NflDocument) doc = tutorial_document ();
  g_autoptr(GError) error = NULL;
  guint depth;

  for (guint i = 0; i < 250; i++)
    g_assert_true (nfl_document_set_ip_forward (doc, "ns1", i % 2 == 0, &error));
  g_assert_no_error (error);
  depth = history_depth (doc);
  g_assert_cmpuint (depth, ==, 200);
  /* the oldest state left is the one after the 50th edit (which turned
   * forwarding off); the first state is out of reach: still modified */
  while (nfl_document_undo (doc))
    ;
  g_assert_true (nfl_document_get_modified (doc));
  g_assert_false (ns_of (doc, "ns1")->ip_forward);
}

/* ---------------------------------------------------------------------- */
/* files                                                                   */
/* ---------------------------------------------------------------------- */

static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("nfl-document-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tmp_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_save_load (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "lesson.nflab", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(NflDocument) doc = tutorial_document ();
  g_autoptr(NflDocument) other = nfl_document_new ();
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  guint modified = 0, file_notified = 0, changed = 0;
  NflScenario *scenario = nfl_document_get_scenario (other);

  g_assert_true (nfl_document_set_notes (doc, "ns2", "the router", &error));
  g_assert_true (nfl_document_get_modified (doc));
  g_signal_connect (doc, "notify::modified", G_CALLBACK (notify_cb), &modified);
  g_signal_connect (doc, "notify::file", G_CALLBACK (notify_cb), &file_notified);
  g_assert_true (nfl_document_save (doc, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (nfl_document_get_modified (doc));
  g_assert_cmpuint (modified, ==, 1);
  g_assert_cmpuint (file_notified, ==, 1);
  g_assert_true (g_file_equal (nfl_document_get_file (doc), file));
  title = nfl_document_dup_display_title (doc);
  g_assert_cmpstr (title, ==, "lesson.nflab");
  /* the history stays: undo is still possible after saving */
  g_assert_true (nfl_document_can_undo (doc));
  saved = bytes_of (doc);

  /* saving again to its own file */
  g_assert_true (nfl_document_set_ip_forward (doc, "ns1", TRUE, &error));
  g_assert_true (nfl_document_save (doc, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (nfl_document_get_modified (doc));
  g_assert_true (nfl_document_undo (doc));
  g_assert_true (nfl_document_get_modified (doc));
  assert_bytes (doc, saved);

  /* loading: the same scenario object gets the file's contents */
  g_free (nfl_document_add_namespace (other, "old", 0, 0, &error));
  g_assert_no_error (error);
  g_signal_connect (other, "changed", G_CALLBACK (count_cb), &changed);
  g_assert_true (nfl_document_load (other, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (nfl_document_get_scenario (other) == scenario);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_null (ns_of (other, "old"));
  g_assert_cmpstr (ns_of (other, "ns2")->notes, ==, "the router");
  g_assert_true (ns_of (other, "ns1")->ip_forward);
  g_assert_false (nfl_document_get_modified (other));
  g_assert_false (nfl_document_can_undo (other));
  g_assert_false (nfl_document_can_redo (other));
  g_assert_true (g_file_equal (nfl_document_get_file (other), file));
  g_assert_cmpuint (nfl_scenario_get_probes (scenario)->len, ==, 2);
  {
    g_autoptr(GBytes) loaded = bytes_of (other);
    g_autoptr(GBytes) on_disk = g_file_load_bytes (file, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (g_bytes_equal (loaded, on_disk));
  }

  remove_tmp_dir (dir);
}

/* The description as typed in the inspector (paragraphs, a tab, a line
 * break last) comes back from the file as it was; typing after a save is
 * a step of its own, so that undo returns to what was saved. */
static void
test_save_load_description (void)
{
  const char *typed = "NAT lesson\n\n\tns3 pings 169.254.169.254\n";
  g_autofree char *dir = make_tmp_dir ();
  g_autoptr(GFile) file = g_file_new_build_filename (dir, "lesson.nflab", NULL);
  g_autoptr(NflDocument) doc = tutorial_document ();
  g_autoptr(NflDocument) other = nfl_document_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (nfl_document_set_description (doc, typed, &error));
  g_assert_true (nfl_document_save (doc, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (nfl_document_load (other, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (nfl_scenario_get_description (nfl_document_get_scenario (other)), ==, typed);

  g_assert_true (nfl_document_set_description (doc, "NAT lesson", &error));
  g_assert_true (nfl_document_get_modified (doc));
  g_assert_cmpuint (history_depth (doc), ==, 2);
  g_assert_true (nfl_document_undo (doc));
  g_assert_false (nfl_document_get_modified (doc));
  g_assert_cmpstr (nfl_scenario_get_description (nfl_document_get_scenario (doc)), ==, typed);

  /* emptied: the file has none, and it loads empty */
  g_assert_true (nfl_document_set_description (doc, "", &error));
  g_assert_true (nfl_document_save (doc, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (nfl_document_load (other, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (nfl_scenario_get_description (nfl_document_get_scenario (other)), ==, "");

  remove_tmp_dir (dir);
}

static void
test_load_broken (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "broken.nflab", NULL);
  g_autofree char *missing_path = g_build_filename (dir, "missing.nflab", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(NflDocument) doc = tutorial_document ();
  g_autoptr(GError) error = NULL;
  guint changed = 0;
  State state = { 0 };

  g_assert_true (g_file_set_contents (path, "<?xml version=\"1.0\"?>\n<scenario version=\"1\">\n"
                                      "  <namespace name=\"ns1\" x=\"0\" y=\"0\">\n", -1, &error));
  g_assert_true (nfl_document_set_ip_forward (doc, "ns1", TRUE, &error));
  state_capture (doc, &state);
  g_signal_connect (doc, "changed", G_CALLBACK (count_cb), &changed);

  g_assert_false (nfl_document_load (doc, file, NULL, &error));
  g_assert_error (error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "broken.nflab"));
  g_clear_error (&error);
  g_assert_false (nfl_document_load (doc, missing, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  assert_unchanged (doc, &state);
  g_assert_null (nfl_document_get_file (doc));
  g_assert_cmpuint (changed, ==, 0);

  /* a save that fails changes nothing either */
  {
    g_autofree char *bad_path = g_build_filename (dir, "no-such-folder", "x.nflab", NULL);
    g_autoptr(GFile) bad = g_file_new_for_path (bad_path);

    g_assert_false (nfl_document_save (doc, bad, NULL, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    assert_unchanged (doc, &state);
    g_assert_null (nfl_document_get_file (doc));
  }
  state_clear (&state);
  remove_tmp_dir (dir);
}

typedef struct {
  gboolean  done;
  gboolean  ok;
  GError   *error;
} AsyncResult;

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  AsyncResult *out = user_data;

  out->ok = nfl_document_load_finish (NFL_DOCUMENT (source), result, &out->error);
  out->done = TRUE;
}

static void
run_load_async (NflDocument  *doc,
                GFile        *file,
                GCancellable *cancellable,
                AsyncResult  *out)
{
  *out = (AsyncResult) { 0 };
  nfl_document_load_async (doc, file, cancellable, load_done_cb, out);
  /* the callback never runs before the main loop does */
  g_assert_false (out->done);
  while (!out->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_load_async (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "lesson.nflab", NULL);
  g_autofree char *broken_path = g_build_filename (dir, "broken.nflab", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) broken = g_file_new_for_path (broken_path);
  g_autoptr(NflDocument) source = tutorial_document ();
  g_autoptr(NflDocument) doc = nfl_document_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GBytes) expected = NULL;
  g_autoptr(GError) error = NULL;
  AsyncResult result;
  State state = { 0 };
  guint changed = 0;

  g_assert_true (nfl_document_save (source, file, NULL, &error));
  g_assert_no_error (error);
  expected = bytes_of (source);
  g_assert_true (g_file_set_contents (broken_path, "<scenario version=\"9\"/>\n", -1, &error));

  g_free (nfl_document_add_namespace (doc, "old", 0, 0, &error));
  g_assert_no_error (error);
  state_capture (doc, &state);
  g_signal_connect (doc, "changed", G_CALLBACK (count_cb), &changed);

  /* cancelled: nothing happens */
  g_cancellable_cancel (cancellable);
  run_load_async (doc, file, cancellable, &result);
  g_assert_false (result.ok);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&result.error);
  assert_unchanged (doc, &state);

  /* broken: nothing happens */
  run_load_async (doc, broken, NULL, &result);
  g_assert_false (result.ok);
  g_assert_error (result.error, NFL_FORMAT_ERROR, NFL_FORMAT_ERROR_VERSION);
  g_clear_error (&result.error);
  assert_unchanged (doc, &state);
  g_assert_cmpuint (changed, ==, 0);

  /* good: the file's scenario, a fresh history, the file remembered */
  run_load_async (doc, file, NULL, &result);
  g_assert_no_error (result.error);
  g_assert_true (result.ok);
  g_assert_cmpuint (changed, ==, 1);
  assert_bytes (doc, expected);
  g_assert_false (nfl_document_can_undo (doc));
  g_assert_false (nfl_document_get_modified (doc));
  g_assert_true (g_file_equal (nfl_document_get_file (doc), file));

  state_clear (&state);
  remove_tmp_dir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nfl/engine/document/new", test_new);
  g_test_add_func ("/nfl/engine/document/display-title", test_display_title);
  g_test_add_func ("/nfl/engine/document/namespace/add", test_add_namespace);
  g_test_add_func ("/nfl/engine/document/namespace/add-refusals", test_add_namespace_refusals);
  g_test_add_func ("/nfl/engine/document/namespace/remove", test_remove_namespaces);
  g_test_add_func ("/nfl/engine/document/namespace/describe-removal", test_describe_removal);
  g_test_add_func ("/nfl/engine/document/namespace/rename", test_rename_namespace);
  g_test_add_func ("/nfl/engine/document/namespace/move", test_move);
  g_test_add_func ("/nfl/engine/document/namespace/notes", test_notes);
  g_test_add_func ("/nfl/engine/document/namespace/ip-forward", test_ip_forward);
  g_test_add_func ("/nfl/engine/document/link/propose-names", test_propose_link_names);
  g_test_add_func ("/nfl/engine/document/link/add", test_add_link);
  g_test_add_func ("/nfl/engine/document/link/remove", test_remove_link);
  g_test_add_func ("/nfl/engine/document/interface/rename", test_rename_interface);
  g_test_add_func ("/nfl/engine/document/interface/up", test_interface_up);
  g_test_add_func ("/nfl/engine/document/addresses", test_addresses);
  g_test_add_func ("/nfl/engine/document/routes", test_routes);
  g_test_add_func ("/nfl/engine/document/services", test_services);
  g_test_add_func ("/nfl/engine/document/title", test_title);
  g_test_add_func ("/nfl/engine/document/description", test_description);
  g_test_add_func ("/nfl/engine/document/commands/apply", test_apply_commands);
  g_test_add_func ("/nfl/engine/document/commands/refused", test_apply_commands_refused);
  g_test_add_func ("/nfl/engine/document/commands/after-other-edits", test_apply_commands_after_other_edits);
  g_test_add_func ("/nfl/engine/document/commands/probes", test_apply_commands_probes);
  g_test_add_func ("/nfl/engine/document/history/undo-redo", test_undo_redo);
  g_test_add_func ("/nfl/engine/document/history/notifications", test_notifications);
  g_test_add_func ("/nfl/engine/document/history/limit", test_history_limit);
  g_test_add_func ("/nfl/engine/document/history/signals", test_signals_see_complete_state);
  g_test_add_func ("/nfl/engine/document/file/save-load", test_save_load);
  g_test_add_func ("/nfl/engine/document/file/save-load-description", test_save_load_description);
  g_test_add_func ("/nfl/engine/document/file/load-broken", test_load_broken);
  g_test_add_func ("/nfl/engine/document/file/load-async", test_load_async);

  return g_test_run ();
}
