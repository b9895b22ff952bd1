/* test-inspector.c: the inspector shows the model and edits it through
 * the document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "nfl-inspector.h"
#include "nfl-test-app.h"

typedef struct {
  GtkWindow    *window;
  NflInspector *inspector;
  NflDocument  *document;
} Fixture;

/* ---------------------------------------------------------------------- */
/* helpers                                                                 */
/* ---------------------------------------------------------------------- */

static NflDocument *
load_tutorial (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios",
                                                 "tutorial-topology.nflab", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  NflDocument *document = nfl_document_new ();

  g_assert_true (nfl_document_load (document, file, NULL, &error));
  g_assert_no_error (error);
  return document;
}

static gboolean
widget_is_drawn (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->document = load_tutorial ();
  fixture->inspector = NFL_INSPECTOR (nfl_inspector_new ());
  nfl_inspector_set_document (fixture->inspector, fixture->document);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 360, 1000);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->inspector));
  gtk_window_present (fixture->window);
  g_assert_true (nfl_test_wait_for (widget_is_drawn, fixture->inspector, 5000));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_object_ref (fixture->inspector);
  gtk_window_destroy (fixture->window);
  g_assert_finalize_object (fixture->inspector);
  g_assert_finalize_object (fixture->document);
}

static GtkWidget *
get_key (Fixture    *fixture,
         const char *key)
{
  GtkWidget *widget = nfl_test_find_keyed (fixture->inspector, key);

  if (widget == NULL)
    g_error ("no widget with the key “%s”", key);
  return widget;
}

static gpointer
child (Fixture    *fixture,
       const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (fixture->inspector), NFL_TYPE_INSPECTOR, name);
}

static const char *
visible_page (Fixture *fixture)
{
  return gtk_stack_get_visible_child_name (child (fixture, "stack"));
}

static NflNamespace *
find_ns (Fixture    *fixture,
         const char *name)
{
  return nfl_scenario_find_namespace (nfl_document_get_scenario (fixture->document), name);
}

/* As the user does it: type, then Enter. */
static void
type_and_enter (gpointer    row,
                const char *text)
{
  GtkEditable *delegate = gtk_editable_get_delegate (GTK_EDITABLE (row));

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_assert_true (GTK_IS_TEXT (delegate));
  g_signal_emit_by_name (delegate, "activate");
}

static gboolean
label_shows (GtkLabel   *label,
             const char *text)
{
  return gtk_widget_get_visible (GTK_WIDGET (label)) &&
         g_strcmp0 (gtk_label_get_text (label), text) == 0;
}

/* ---------------------------------------------------------------------- */
/* tests                                                                   */
/* ---------------------------------------------------------------------- */

static void
test_inspector_new (void)
{
  GtkWidget *inspector = nfl_inspector_new ();
  g_autoptr(NflDocument) document = load_tutorial ();

  g_object_ref_sink (inspector);
  g_assert_null (nfl_inspector_get_document (NFL_INSPECTOR (inspector)));
  nfl_inspector_set_document (NFL_INSPECTOR (inspector), document);
  g_assert_true (nfl_inspector_get_document (NFL_INSPECTOR (inspector)) == document);
  nfl_inspector_show_namespace (NFL_INSPECTOR (inspector), "ns2");
  nfl_inspector_show_link (NFL_INSPECTOR (inspector), "ns1", "veth1_ns1");
  nfl_inspector_show_scenario (NFL_INSPECTOR (inspector));
  g_assert_finalize_object (inspector);
}

static void
test_inspector_namespace (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkWidget *veth1;
  GtkWidget *remove;

  nfl_inspector_show_namespace (fixture->inspector, "ns2");
  g_assert_cmpstr (visible_page (fixture), ==, "namespace");
  g_assert_cmpstr (gtk_editable_get_text (child (fixture, "name_row")), ==, "ns2");
  g_assert_true (gtk_switch_get_active (child (fixture, "forward_switch")));
  g_assert_cmpstr (adw_action_row_get_subtitle (child (fixture, "forward_row")), ==, "net.ipv4.ip_forward");

  veth1 = get_key (fixture, "interface:veth1_ns2");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (veth1)), ==, "veth1_ns2");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (veth1)), ==, "10.1.0.1/32");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (get_key (fixture, "interface:veth2_ns2"))),
                   ==, "10.2.0.1/32");
  g_assert_nonnull (get_key (fixture, "interface:lo"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (get_key (fixture, "address:veth1_ns2:10.1.0.1/32"))),
                   ==, "10.1.0.1/32");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (get_key (fixture, "interface-up:veth1_ns2"))));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (get_key (fixture, "interface-peer:veth1_ns2"))),
                   ==, "veth1_ns1 in ns1");
  remove = get_key (fixture, "address-remove:veth1_ns2:10.1.0.1/32");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (remove), ==, "Remove Address");
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Remove Address 10.1.0.1/32");

  /* routes as "ip route" prints them, services, rules */
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (get_key (fixture, "route:0"))),
                   ==, "10.1.0.0/24 dev veth1_ns2");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (get_key (fixture, "route:1"))),
                   ==, "10.2.0.0/24 dev veth2_ns2");
  g_assert_nonnull (get_key (fixture, "route-add"));
  g_assert_nonnull (get_key (fixture, "service-add"));
  g_assert_null (nfl_test_find_keyed (fixture->inspector, "service:0"));
  g_assert_cmpstr (adw_action_row_get_subtitle (child (fixture, "rules_row")), ==, "No rules");
  g_assert_false (gtk_widget_get_sensitive (child (fixture, "rules_row")));

  /* ns1's default route through its gateway */
  nfl_inspector_show_namespace (fixture->inspector, "ns1");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (get_key (fixture, "route:1"))),
                   ==, "default via 10.1.0.1 dev veth1_ns1");
  g_assert_false (gtk_switch_get_active (child (fixture, "forward_switch")));
  g_assert_null (nfl_test_find_keyed (fixture->inspector, "interface:veth1_ns2"));

  /* a name that is not there: the scenario */
  nfl_inspector_show_namespace (fixture->inspector, "nope");
  g_assert_cmpstr (visible_page (fixture), ==, "scenario");
}

static void
test_inspector_add_address (Fixture       *fixture,
                            gconstpointer  data)
{
  NflInterface *iface;
  GtkWidget *entry;

  nfl_inspector_show_namespace (fixture->inspector, "ns2");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (get_key (fixture, "interface:veth1_ns2")), TRUE);
  entry = get_key (fixture, "address-add:veth1_ns2");
  gtk_widget_grab_focus (entry);
  type_and_enter (entry, "10.1.0.2/24");

  iface = nfl_namespace_find_interface (find_ns (fixture, "ns2"), "veth1_ns2");
  g_assert_cmpuint (iface->addresses->len, ==, 2);
  g_assert_cmpuint (g_array_index (iface->addresses, NflAddress, 1).prefix_len, ==, 24);
  g_assert_nonnull (get_key (fixture, "address:veth1_ns2:10.1.0.2/24"));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (get_key (fixture, "interface:veth1_ns2"))),
                   ==, "10.1.0.1/32, 10.1.0.2/24");
  /* the entry is empty again, still open and still has the focus */
  entry = get_key (fixture, "address-add:veth1_ns2");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (get_key (fixture, "interface:veth1_ns2"))));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)), entry));

  /* and the remove button takes it away again */
  gtk_widget_activate (get_key (fixture, "address-remove:veth1_ns2:10.1.0.2/24"));
  nfl_test_spin (400);
  iface = nfl_namespace_find_interface (find_ns (fixture, "ns2"), "veth1_ns2");
  g_assert_cmpuint (iface->addresses->len, ==, 1);
  g_assert_null (nfl_test_find_keyed (fixture->inspector, "address:veth1_ns2:10.1.0.2/24"));
}

static void
test_inspector_invalid_address (Fixture       *fixture,
                                gconstpointer  data)
{
  NflInterface *iface;
  GtkWidget *entry;

  nfl_inspector_show_namespace (fixture->inspector, "ns2");
  entry = get_key (fixture, "address-add:veth1_ns2");

  /* marked while typing */
  gtk_editable_set_text (GTK_EDITABLE (entry), "10.1.0.300/24");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "10.1.0.3/24");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "10.1.0.3/33");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));

  /* Enter changes nothing and says why */
  type_and_enter (entry, "10.1.0.300/24");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_true (gtk_widget_get_visible (child (fixture, "interfaces_error_label")));
  iface = nfl_namespace_find_interface (find_ns (fixture, "ns2"), "veth1_ns2");
  g_assert_cmpuint (iface->addresses->len, ==, 1);
  g_assert_false (nfl_document_can_undo (fixture->document));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "10.1.0.300/24");

  /* an address the engine refuses: its message, inline */
  {
    g_autoptr(NflDocument) copy = load_tutorial ();
    g_autoptr(GError) expected = NULL;

    g_assert_false (nfl_document_add_address (copy, "ns2", "veth1_ns2", "10.1.0.1/32", &expected));
    g_assert_nonnull (expected);
    type_and_enter (entry, "10.1.0.1/32");
    g_assert_true (label_shows (child (fixture, "interfaces_error_label"), expected->message));
    g_assert_true (gtk_widget_has_css_class (entry, "error"));
    g_assert_false (nfl_document_can_undo (fixture->document));
  }
}

static void
test_inspector_bad_route (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(NflDocument) copy = load_tutorial ();
  g_autoptr(GError) expected = NULL;
  GtkWidget *entry;

  /* what the engine says about a gateway that is not on-link */
  g_assert_false (nfl_document_add_route (copy, "ns2", "default via 10.9.9.9", &expected));
  g_assert_nonnull (expected);

  nfl_inspector_show_namespace (fixture->inspector, "ns2");
  entry = get_key (fixture, "route-add");
  type_and_enter (entry, "default via 10.9.9.9");
  g_assert_true (label_shows (child (fixture, "routes_error_label"), expected->message));
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpuint (find_ns (fixture, "ns2")->routes->len, ==, 2);
  g_assert_false (nfl_document_can_undo (fixture->document));

  /* typing again clears the message */
  gtk_editable_set_text (GTK_EDITABLE (entry), "default via 10.1.0.10");
  g_assert_false (gtk_widget_get_visible (child (fixture, "routes_error_label")));
  g_assert_false (gtk_widget_has_css_class (entry, "error"));

  /* a good one is added and listed */
  type_and_enter (get_key (fixture, "route-add"), "default via 10.1.0.10");
  g_assert_cmpuint (find_ns (fixture, "ns2")->routes->len, ==, 3);
  g_assert_nonnull (nfl_test_find_keyed (fixture->inspector, "route:2"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (get_key (fixture, "route-add"))), ==, "");
}

static void
test_inspector_forwarding (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkSwitch *toggle = child (fixture, "forward_switch");

  nfl_inspector_show_namespace (fixture->inspector, "ns2");
  g_assert_true (find_ns (fixture, "ns2")->ip_forward);
  gtk_switch_set_active (toggle, FALSE);
  g_assert_false (find_ns (fixture, "ns2")->ip_forward);
  g_assert_true (nfl_document_can_undo (fixture->document));

  /* undo: the switch follows the model */
  g_assert_true (nfl_document_undo (fixture->document));
  g_assert_true (find_ns (fixture, "ns2")->ip_forward);
  g_assert_true (gtk_switch_get_active (toggle));

  /* a change from elsewhere too */
  g_assert_true (nfl_document_set_ip_forward (fixture->document, "ns2", FALSE, NULL));
  g_assert_false (gtk_switch_get_active (toggle));
}

static void
test_inspector_rename (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(NflDocument) copy = load_tutorial ();
  g_autoptr(GError) expected = NULL;
  GtkWidget *name_row = child (fixture, "name_row");

  nfl_inspector_show_namespace (fixture->inspector, "ns2");

  /* a name the kernel refuses is marked while typing */
  gtk_editable_set_text (GTK_EDITABLE (name_row), "a/b");
  g_assert_true (gtk_widget_has_css_class (name_row, "error"));

  /* a name that is taken: the engine's message, nothing changed */
  g_assert_false (nfl_document_rename_namespace (copy, "ns2", "ns1", &expected));
  type_and_enter (name_row, "ns1");
  g_assert_true (label_shows (child (fixture, "namespace_error_label"), expected->message));
  g_assert_true (gtk_widget_has_css_class (name_row, "error"));
  g_assert_nonnull (find_ns (fixture, "ns2"));
  g_assert_false (nfl_document_can_undo (fixture->document));

  type_and_enter (name_row, "router");
  g_assert_null (find_ns (fixture, "ns2"));
  g_assert_nonnull (find_ns (fixture, "router"));
  g_assert_cmpstr (visible_page (fixture), ==, "namespace");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "router");
  g_assert_false (gtk_widget_has_css_class (name_row, "error"));
  g_assert_false (gtk_widget_get_visible (child (fixture, "namespace_error_label")));
  /* the lists follow the new name */
  g_assert_nonnull (get_key (fixture, "interface:veth1_ns2"));

  /* undone, the namespace shown is gone: the scenario */
  g_assert_true (nfl_document_undo (fixture->document));
  g_assert_nonnull (find_ns (fixture, "ns2"));
  g_assert_cmpstr (visible_page (fixture), ==, "scenario");
}

static void
test_inspector_undo (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkTextBuffer *notes = gtk_text_view_get_buffer (child (fixture, "notes_view"));

  nfl_inspector_show_namespace (fixture->inspector, "ns3");
  type_and_enter (get_key (fixture, "service-add"), "tcp 80");
  g_assert_cmpuint (find_ns (fixture, "ns3")->services->len, ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (get_key (fixture, "service:0"))), ==, "tcp 80");

  g_assert_true (nfl_document_undo (fixture->document));
  g_assert_cmpuint (find_ns (fixture, "ns3")->services->len, ==, 0);
  g_assert_null (nfl_test_find_keyed (fixture->inspector, "service:0"));

  g_assert_true (nfl_document_redo (fixture->document));
  g_assert_nonnull (get_key (fixture, "service:0"));

  /* a bad service: the message, inline */
  type_and_enter (get_key (fixture, "service-add"), "sctp 80");
  g_assert_true (gtk_widget_get_visible (child (fixture, "services_error_label")));
  g_assert_cmpuint (find_ns (fixture, "ns3")->services->len, ==, 1);

  /* removed with its button */
  gtk_widget_activate (get_key (fixture, "service-remove:0"));
  nfl_test_spin (400);
  g_assert_cmpuint (find_ns (fixture, "ns3")->services->len, ==, 0);

  /* notes are applied as they are typed, and undone */
  gtk_text_buffer_set_text (notes, "The second host", -1);
  g_assert_cmpstr (find_ns (fixture, "ns3")->notes, ==, "The second host");
  g_assert_true (nfl_document_undo (fixture->document));
  g_assert_true (find_ns (fixture, "ns3")->notes == NULL || *find_ns (fixture, "ns3")->notes == '\0');
  {
    GtkTextIter start, end;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (notes, &start, &end);
    text = gtk_text_buffer_get_text (notes, &start, &end, FALSE);
    g_assert_cmpstr (text, ==, "");
  }

  /* the interface's up switch */
  gtk_switch_set_active (GTK_SWITCH (get_key (fixture, "interface-up:veth2_ns3")), FALSE);
  g_assert_false (nfl_namespace_find_interface (find_ns (fixture, "ns3"), "veth2_ns3")->up);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (get_key (fixture, "interface:veth2_ns3"))),
                   ==, "down · 10.2.0.10/32");
  g_assert_true (nfl_document_undo (fixture->document));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (get_key (fixture, "interface-up:veth2_ns3"))));
}

/* A change from elsewhere does not take the entry the user types in. */
static void
test_inspector_keeps_focus (Fixture       *fixture,
                            gconstpointer  data)
{
  GtkWidget *entry;
  GtkWidget *name_row = child (fixture, "name_row");

  nfl_inspector_show_namespace (fixture->inspector, "ns2");
  entry = get_key (fixture, "route-add");
  gtk_widget_grab_focus (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "10.5.0.0/16 via 10.1");
  gtk_editable_set_position (GTK_EDITABLE (entry), 5);

  /* a route from elsewhere: the list is rebuilt, the typing stays */
  g_assert_true (nfl_document_add_route (fixture->document, "ns2", "10.7.0.0/16 dev veth1_ns2", NULL));
  g_assert_nonnull (get_key (fixture, "route:2"));
  entry = get_key (fixture, "route-add");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "10.5.0.0/16 via 10.1");
  g_assert_cmpint (gtk_editable_get_position (GTK_EDITABLE (entry)), ==, 5);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)), entry));

  /* the name being typed stays too */
  gtk_editable_set_text (GTK_EDITABLE (name_row), "rout");
  g_assert_true (nfl_document_set_ip_forward (fixture->document, "ns2", FALSE, NULL));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "rout");
}

static void
namespace_activated_cb (NflInspector *inspector,
                        const char   *name,
                        char        **out)
{
  g_free (*out);
  *out = g_strdup (name);
}

static gboolean
string_is_set (gpointer data)
{
  return *(char **) data != NULL;
}

static void
test_inspector_scenario (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *activated = NULL;
  GtkWidget *row;

  g_signal_connect (fixture->inspector, "namespace-activated", G_CALLBACK (namespace_activated_cb), &activated);
  nfl_inspector_show_scenario (fixture->inspector);
  g_assert_cmpstr (visible_page (fixture), ==, "scenario");
  g_assert_cmpstr (gtk_editable_get_text (child (fixture, "title_row")), ==, "The tutorial's three namespaces");
  /* the description as paragraphs (the file's line breaks joined) */
  {
    GtkWidget *view = child (fixture, "description_view");
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
    /* a copy: typing replaces the scenario's string */
    g_autofree char *description = g_strdup (nfl_scenario_get_description (nfl_document_get_scenario (fixture->document)));
    g_autofree char *text = NULL;
    g_autofree char *shown = NULL;
    GtkTextIter start, end, cursor;

    g_assert_nonnull (strchr (description, '\n'));
    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    /* no line break but those between paragraphs */
    for (const char *p = strchr (text, '\n'); p != NULL; p = strchr (p + 2, '\n'))
      g_assert_true (p[1] == '\n');

    shown = g_strdup (text);

    /* typed: applied as typed, one step, undone into the field */
    gtk_text_buffer_insert (buffer, &end, "\nA line of mine.", -1);
    g_assert_true (g_str_has_suffix (nfl_scenario_get_description (nfl_document_get_scenario (fixture->document)),
                                     "\nA line of mine."));
    gtk_text_buffer_get_end_iter (buffer, &end);
    gtk_text_buffer_insert (buffer, &end, "!", -1);
    g_assert_cmpstr (nfl_document_get_undo_label (fixture->document), ==, "Edit Description");

    /* the document's change does not set the field again: the focus and
     * the cursor stay where the user types */
    gtk_widget_grab_focus (view);
    gtk_text_buffer_get_iter_at_offset (buffer, &cursor, 3);
    gtk_text_buffer_place_cursor (buffer, &cursor);
    gtk_text_buffer_insert_at_cursor (buffer, "x", -1);
    gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
    g_assert_cmpint (gtk_text_iter_get_offset (&cursor), ==, 4);
    g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->window)) == view);

    g_assert_true (nfl_document_undo (fixture->document));
    g_assert_cmpstr (nfl_scenario_get_description (nfl_document_get_scenario (fixture->document)), ==, description);
    g_free (text);
    gtk_text_buffer_get_bounds (buffer, &start, &end);
    text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (text, ==, shown);
    g_assert_false (nfl_document_can_undo (fixture->document));
  }
  g_assert_false (gtk_widget_get_visible (child (fixture, "namespaces_empty")));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (get_key (fixture, "namespace:ns1"))), ==, "host · 1 link");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (get_key (fixture, "namespace:ns2"))), ==, "router · 2 links");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (get_key (fixture, "namespace:ns3"))), ==, "host · 1 link");

  /* the title, applied on Enter */
  type_and_enter (child (fixture, "title_row"), "Three namespaces");
  g_assert_cmpstr (nfl_scenario_get_title (nfl_document_get_scenario (fixture->document)), ==, "Three namespaces");

  /* activating a namespace: the signal, and the namespace shown */
  row = get_key (fixture, "namespace:ns2");
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  gtk_widget_activate (row);
  g_assert_true (nfl_test_wait_for (string_is_set, &activated, 2000));
  g_assert_cmpstr (activated, ==, "ns2");
  g_assert_cmpstr (visible_page (fixture), ==, "namespace");
  g_assert_cmpstr (gtk_editable_get_text (child (fixture, "name_row")), ==, "ns2");

  /* a namespace added elsewhere is listed */
  nfl_inspector_show_scenario (fixture->inspector);
  g_free (nfl_document_add_namespace (fixture->document, "ns4", 0, 0, NULL));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (get_key (fixture, "namespace:ns4"))), ==, "host · 0 links");
}

static void
test_inspector_empty (void)
{
  g_autoptr(NflDocument) document = nfl_document_new ();
  GtkWidget *inspector = g_object_ref_sink (nfl_inspector_new ());

  nfl_inspector_set_document (NFL_INSPECTOR (inspector), document);
  g_assert_true (gtk_widget_get_visible ((GtkWidget *) gtk_widget_get_template_child (inspector, NFL_TYPE_INSPECTOR,
                                                                        "namespaces_empty")));
  g_free (nfl_document_add_namespace (document, NULL, 0, 0, NULL));
  g_assert_false (gtk_widget_get_visible ((GtkWidget *) gtk_widget_get_template_child (inspector, NFL_TYPE_INSPECTOR,
                                                                         "namespaces_empty")));
  g_assert_nonnull (nfl_test_find_keyed (inspector, "namespace:ns1"));
  g_assert_finalize_object (inspector);
}

/* The Rules row counts the rules and the tables that hold them. */
static void
test_inspector_rules (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios",
                                                 "tutorial-log-all.nflab", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(NflDocument) document = nfl_document_new ();
  GtkWidget *inspector = g_object_ref_sink (nfl_inspector_new ());
  AdwActionRow *rules_row;
  NflNamespace *ns;
  g_autofree char *expected = NULL;
  guint rules = 0, tables = 0;

  g_assert_true (nfl_document_load (document, file, NULL, NULL));
  nfl_inspector_set_document (NFL_INSPECTOR (inspector), document);
  nfl_inspector_show_namespace (NFL_INSPECTOR (inspector), "ns2");
  ns = nfl_scenario_find_namespace (nfl_document_get_scenario (document), "ns2");
  for (guint t = 0; t < NFL_N_TABLES; t++)
    {
      guint in_table = 0;

      for (guint c = 0; ns->ruleset->tables[t].chains != NULL && c < ns->ruleset->tables[t].chains->len; c++)
        in_table += ((NflChain *) g_ptr_array_index (ns->ruleset->tables[t].chains, c))->rules->len;
      rules += in_table;
      tables += in_table > 0;
    }
  g_assert_cmpuint (rules, >, 1);
  g_assert_cmpuint (tables, >, 1);
  expected = g_strdup_printf ("%u rules in %u tables", rules, tables);
  rules_row = ADW_ACTION_ROW (gtk_widget_get_template_child (inspector, NFL_TYPE_INSPECTOR, "rules_row"));
  g_assert_cmpstr (adw_action_row_get_subtitle (rules_row), ==, expected);
  /* it opens the rules view of that namespace */
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (rules_row)));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (rules_row)), ==, "win.show-rules");
  g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (rules_row)), NULL),
                   ==, "ns2");
  g_assert_finalize_object (inspector);
}

static void
test_inspector_link (Fixture       *fixture,
                     gconstpointer  data)
{
  NflInterface *iface;

  nfl_inspector_show_link (fixture->inspector, "ns1", "veth1_ns1");
  g_assert_cmpstr (visible_page (fixture), ==, "link");
  g_assert_cmpstr (adw_preferences_group_get_title (child (fixture, "link_a_group")), ==, "ns1");
  g_assert_cmpstr (adw_preferences_group_get_title (child (fixture, "link_b_group")), ==, "ns2");
  g_assert_cmpstr (gtk_editable_get_text (child (fixture, "link_a_name_row")), ==, "veth1_ns1");
  g_assert_cmpstr (gtk_editable_get_text (child (fixture, "link_b_name_row")), ==, "veth1_ns2");
  g_assert_cmpstr (adw_action_row_get_subtitle (child (fixture, "link_a_addresses_row")), ==, "10.1.0.10/32");
  g_assert_cmpstr (adw_action_row_get_subtitle (child (fixture, "link_b_addresses_row")), ==, "10.1.0.1/32");

  /* both names can be changed */
  type_and_enter (child (fixture, "link_b_name_row"), "eth0");
  g_assert_nonnull (nfl_namespace_find_interface (find_ns (fixture, "ns2"), "eth0"));
  type_and_enter (child (fixture, "link_a_name_row"), "eth1");
  iface = nfl_namespace_find_interface (find_ns (fixture, "ns1"), "eth1");
  g_assert_nonnull (iface);
  g_assert_cmpstr (iface->peer->name, ==, "eth0");
  g_assert_cmpstr (visible_page (fixture), ==, "link");
  g_assert_cmpstr (gtk_editable_get_text (child (fixture, "link_a_name_row")), ==, "eth1");

  /* a bad name: inline, nothing changed */
  type_and_enter (child (fixture, "link_a_name_row"), "a name with spaces");
  g_assert_true (gtk_widget_get_visible (child (fixture, "link_error_label")));
  g_assert_true (gtk_widget_has_css_class (child (fixture, "link_a_name_row"), "error"));
  g_assert_nonnull (nfl_namespace_find_interface (find_ns (fixture, "ns1"), "eth1"));

  /* Remove Link: the namespace it was shown from */
  gtk_widget_activate (child (fixture, "remove_link_button"));
  nfl_test_spin (400);
  g_assert_null (nfl_namespace_find_interface (find_ns (fixture, "ns1"), "eth1"));
  g_assert_null (nfl_namespace_find_interface (find_ns (fixture, "ns2"), "eth0"));
  g_assert_cmpstr (visible_page (fixture), ==, "namespace");
  g_assert_cmpstr (gtk_editable_get_text (child (fixture, "name_row")), ==, "ns1");

  /* undone: the link is back, and can be shown again */
  g_assert_true (nfl_document_undo (fixture->document));
  nfl_inspector_show_link (fixture->inspector, "ns2", "eth0");
  g_assert_cmpstr (visible_page (fixture), ==, "link");
  g_assert_cmpstr (adw_preferences_group_get_title (child (fixture, "link_b_group")), ==, "ns1");
}

static void
render (Fixture    *fixture,
        const char *name)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  /* as a reader sees it: nothing focused */
  gtk_window_set_focus (fixture->window, NULL);
  nfl_test_spin (300);
  /* the window: the inspector has no background of its own */
  texture = nfl_test_render_widget (GTK_WIDGET (fixture->window));
  path = nfl_test_save_png (texture, name);
  g_test_message ("wrote %s", path);
}

/* The page's start or end, for the rows below the window's height. */
static void
scroll_to (GtkWidget *page,
           gboolean   end)
{
  for (GtkWidget *w = gtk_widget_get_first_child (page); w != NULL; w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_SCROLLED_WINDOW (w))
      {
        GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (w));

        gtk_adjustment_set_value (adjustment, end ? gtk_adjustment_get_upper (adjustment) : 0);
        return;
      }
  g_assert_not_reached ();
}

static void
test_inspector_render (Fixture       *fixture,
                       gconstpointer  data)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  const struct { AdwColorScheme scheme; const char *suffix; } schemes[] = {
    { ADW_COLOR_SCHEME_FORCE_LIGHT, "light" },
    { ADW_COLOR_SCHEME_FORCE_DARK, "dark" },
  };

  g_assert_true (nfl_document_add_service (fixture->document, "ns2", "tcp 80", NULL));
  g_assert_true (nfl_document_set_notes (fixture->document, "ns2", "The router between the two hosts.", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      g_autofree char *name = NULL;

      adw_style_manager_set_color_scheme (style, schemes[i].scheme);

      nfl_inspector_show_scenario (fixture->inspector);
      name = g_strdup_printf ("inspector-scenario-%s.png", schemes[i].suffix);
      render (fixture, name);
      g_free (name);

      nfl_inspector_show_namespace (fixture->inspector, "ns2");
      scroll_to (child (fixture, "namespace_page"), FALSE);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (get_key (fixture, "interface:veth1_ns2")), TRUE);
      type_and_enter (get_key (fixture, "route-add"), "default via 10.9.9.9");
      name = g_strdup_printf ("inspector-namespace-%s.png", schemes[i].suffix);
      render (fixture, name);
      g_free (name);
      scroll_to (child (fixture, "namespace_page"), TRUE);
      name = g_strdup_printf ("inspector-namespace-end-%s.png", schemes[i].suffix);
      render (fixture, name);
      g_free (name);

      nfl_inspector_show_link (fixture->inspector, "ns1", "veth1_ns1");
      name = g_strdup_printf ("inspector-link-%s.png", schemes[i].suffix);
      render (fixture, name);
    }

  /* a new scenario: the empty state */
  {
    g_autoptr(NflDocument) empty = nfl_document_new ();

    nfl_inspector_set_document (fixture->inspector, empty);
    render (fixture, "inspector-empty-dark.png");
    nfl_inspector_set_document (fixture->inspector, fixture->document);
  }
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

int
main (int   argc,
      char *argv[])
{
  nfl_test_app_init (&argc, &argv);

#define ADD(path, func) \
  g_test_add ("/nfl/app/inspector/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/nfl/app/inspector/new", test_inspector_new);
  g_test_add_func ("/nfl/app/inspector/empty", test_inspector_empty);
  g_test_add_func ("/nfl/app/inspector/rules", test_inspector_rules);
  ADD ("namespace", test_inspector_namespace);
  ADD ("add-address", test_inspector_add_address);
  ADD ("invalid-address", test_inspector_invalid_address);
  ADD ("bad-route", test_inspector_bad_route);
  ADD ("forwarding", test_inspector_forwarding);
  ADD ("rename", test_inspector_rename);
  ADD ("undo", test_inspector_undo);
  ADD ("keeps-focus", test_inspector_keeps_focus);
  ADD ("scenario", test_inspector_scenario);
  ADD ("link", test_inspector_link);
  ADD ("render", test_inspector_render);

  return g_test_run ();
}
