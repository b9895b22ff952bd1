/* test-window.c: the main window as a user meets it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "nfl-application.h"
#include "nfl-import-dialog.h"
#include "nfl-test-app.h"
#include "nfl-window-private.h"

static NflApplication *app;

static NflWindow *
new_window (void)
{
  NflWindow *window = nfl_window_new (GTK_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* Closes @window as the user does, answering a "Save Changes?" dialog
 * with @response when one comes (NULL: there must be none). */
static void
close_window (NflWindow  *window,
              const char *response)
{
  g_object_ref (window);
  gtk_window_close (GTK_WINDOW (window));
  nfl_test_spin (50);
  if (response != NULL)
    {
      AdwMessageDialog *dialog = NULL;
      GListModel *toplevels = gtk_window_get_toplevels ();

      for (guint i = 0; i < g_list_model_get_n_items (toplevels) && dialog == NULL; i++)
        {
          g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
          if (ADW_IS_MESSAGE_DIALOG (w) && gtk_window_get_transient_for (GTK_WINDOW (w)) == GTK_WINDOW (window))
            dialog = ADW_MESSAGE_DIALOG (w);
        }
      g_assert_nonnull (dialog);
      g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save Changes?");
      adw_message_dialog_response (dialog, response);
      gtk_window_destroy (GTK_WINDOW (dialog));
      nfl_test_spin (50);
    }
  if (response == NULL || g_str_equal (response, "discard"))
    g_assert_finalize_object (window);
  else
    g_object_unref (window);
}

static void
test_new_and_finalize (void)
{
  NflWindow *window = new_window ();

  g_assert_true (nfl_test_wait_for (is_mapped, window, 5000));
  g_assert_null (nfl_window_get_error (window));
  close_window (window, NULL);
}

static void
test_demo (void)
{
  NflWindow *window = new_window ();
  NflDocument *document = nfl_window_get_document (window);
  NflScenario *scenario;

  nfl_window_open_demo (window);
  scenario = nfl_document_get_scenario (document);
  g_assert_cmpuint (nfl_scenario_get_namespaces (scenario)->len, ==, 3);
  g_assert_nonnull (nfl_scenario_find_namespace (scenario, "ns2"));
  /* the window title is the scenario's title; the demo is no file of the
   * user's and has no changes */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "The tutorial's DNAT demo");
  g_assert_null (nfl_document_get_file (document));
  g_assert_false (nfl_document_get_modified (document));
  close_window (window, NULL);
}

static gboolean
menu_has_label (GMenuModel *menu,
                const char *label)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autoptr(GMenuModel) submenu = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SUBMENU);

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &text) &&
          g_str_equal (text, label))
        return TRUE;
      if ((section && menu_has_label (section, label)) || (submenu && menu_has_label (submenu, label)))
        return TRUE;
    }
  return FALSE;
}

static void
test_undo_named_in_menu (void)
{
  NflWindow *window = new_window ();
  NflDocument *document = nfl_window_get_document (window);
  GtkMenuButton *button;
  GMenuModel *menu;
  const char *names[] = { "ns2", NULL };
  g_autofree char *subtitle = NULL;

  nfl_window_open_demo (window);
  button = GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (window), NFL_TYPE_WINDOW,
                                                           "primary_menu_button"));
  menu = gtk_menu_button_get_menu_model (button);
  g_assert_true (menu_has_label (menu, "_Undo"));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL) &&
                  nfl_document_can_redo (document));

  g_assert_true (nfl_document_move_namespaces (document, names, 40, 0, NULL));
  g_assert_true (menu_has_label (menu, "_Undo Move ns2"));
  g_assert_true (nfl_document_get_modified (document));
  /* the unsaved mark in the header bar */
  g_object_get (gtk_widget_get_template_child (GTK_WIDGET (window), NFL_TYPE_WINDOW, "window_title"),
                "subtitle", &subtitle, NULL);
  g_assert_true (g_str_has_suffix (subtitle, "•"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_false (nfl_document_can_undo (document));
  g_assert_true (menu_has_label (menu, "_Redo Move ns2"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_true (menu_has_label (menu, "_Undo Move ns2"));
  close_window (window, "discard");
}

static void
test_unsaved_changes (void)
{
  NflWindow *window = new_window ();
  NflDocument *document = nfl_window_get_document (window);
  g_autofree char *name = NULL;

  nfl_window_open_demo (window);
  name = nfl_document_add_namespace (document, NULL, 100, 400, NULL);
  g_assert_nonnull (name);

  /* Cancel keeps the window and the work */
  close_window (window, "cancel");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_nonnull (nfl_scenario_find_namespace (nfl_document_get_scenario (document), name));
  g_assert_true (nfl_document_get_modified (document));

  /* Discard closes it */
  close_window (window, "discard");
}

static gboolean
not_busy (gpointer data)
{
  GtkSpinner *spinner = GTK_SPINNER (gtk_widget_get_template_child (data, NFL_TYPE_WINDOW, "spinner"));
  return !gtk_spinner_get_spinning (spinner);
}

static void
test_broken_file_keeps_document (void)
{
  NflWindow *window = new_window ();
  NflDocument *document = nfl_window_get_document (window);
  g_autofree char *dir = g_dir_make_tmp ("nfl-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "broken.nflab", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  const char *error;

  nfl_window_open_demo (window);
  before = nfl_scenario_to_xml_bytes (nfl_document_get_scenario (document), NULL);
  g_assert_true (g_file_set_contents (path, "<?xml version=\"1.0\"?>\n<scenario version=\"1\">\n"
                                            "  <namespace name=\"a\">\n</scenario>\n", -1, NULL));
  nfl_window_open_file (window, file);
  g_assert_true (nfl_test_wait_for (not_busy, window, 5000));

  /* the error is in the window, with the file's name and line */
  error = nfl_window_get_error (window);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error, "broken.nflab:"));
  /* and the demo is still there, unchanged */
  after = nfl_scenario_to_xml_bytes (nfl_document_get_scenario (document), NULL);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_null (nfl_document_get_file (document));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.dismiss-error", NULL));
  g_assert_null (nfl_window_get_error (window));
  close_window (window, NULL);
  g_unlink (path);
  g_rmdir (dir);
}

/* The tutorial's three namespaces, copied to a folder of their own. */
static GFile *
copy_topology (void)
{
  g_autofree char *dir = g_dir_make_tmp ("nfl-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "lab.nflab", NULL);
  g_autofree char *topology = g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios",
                                                     "tutorial-topology.nflab", NULL);
  g_autoptr(GFile) source = g_file_new_for_path (topology);
  GFile *file = g_file_new_for_path (path);

  g_assert_true (g_file_copy (source, file, G_FILE_COPY_NONE, NULL, NULL, NULL, NULL));
  return file;
}

/* Removes that copy, its backup and its folder. */
static void
remove_copy (GFile *file)
{
  g_autoptr(GFile) dir = g_file_get_parent (file);
  g_autofree char *backup = g_strconcat (g_file_peek_path (file), "~", NULL);

  g_unlink (g_file_peek_path (file));
  g_unlink (backup);
  g_rmdir (g_file_peek_path (dir));
}

static void
test_open_and_save (void)
{
  NflWindow *window = new_window ();
  NflDocument *document = nfl_window_get_document (window);
  g_autoptr(GFile) file = copy_topology ();
  g_autofree char *name = NULL;

  nfl_window_open_file (window, file);
  g_assert_true (nfl_test_wait_for (not_busy, window, 5000));
  g_assert_null (nfl_window_get_error (window));
  g_assert_true (nfl_window_shows_file (window, file));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "The tutorial's three namespaces");

  name = nfl_document_add_namespace (document, NULL, 600, 300, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  g_assert_false (nfl_document_get_modified (document));
  {
    g_autoptr(NflScenario) saved = nfl_scenario_load_xml (file, NULL, NULL);
    g_assert_nonnull (saved);
    g_assert_nonnull (nfl_scenario_find_namespace (saved, name));
  }
  close_window (window, NULL);
  remove_copy (file);
}

/* The autosave (UUID.nflab) that holds @needle, or NULL. */
static GFile *
find_autosave (const char *needle)
{
  g_autoptr(GFile) dir = nfl_application_get_autosave_dir (app);
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME, 0,
                                                                   NULL, NULL);
  GFileInfo *info;
  GFile *child;

  while (children != NULL && g_file_enumerator_iterate (children, &info, &child, NULL, NULL) && info != NULL)
    {
      g_autoptr(GBytes) bytes = NULL;

      if (!g_str_has_suffix (g_file_info_get_name (info), ".nflab"))
        continue;
      bytes = g_file_load_bytes (child, NULL, NULL, NULL);
      if (bytes != NULL && g_strstr_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), needle))
        return g_object_ref (child);
    }
  return NULL;
}

static gboolean
autosaved (gpointer needle)
{
  g_autoptr(GFile) file = find_autosave (needle);
  return file != NULL;
}

static void
test_autosave_and_recovery (void)
{
  NflWindow *window = new_window ();
  NflDocument *document = nfl_window_get_document (window);
  g_autoptr(GFile) kept = NULL;
  g_autofree char *name = NULL;
  guint windows_before;
  gint64 start;

  nfl_window_open_demo (window);
  name = nfl_document_add_namespace (document, "lost-work", 500, 500, NULL);
  g_assert_cmpstr (name, ==, "lost-work");

  /* written within 2 seconds of the edit */
  start = g_get_monotonic_time ();
  g_assert_true (nfl_test_wait_for (autosaved, "lost-work", 5000));
  g_test_message ("autosaved %" G_GINT64_FORMAT " ms after the edit",
                  (g_get_monotonic_time () - start) / G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (g_get_monotonic_time () - start, <=, 2500 * G_TIME_SPAN_MILLISECOND);
  kept = find_autosave ("lost-work");

  /* a crash: the window goes away without its close handling, the
   * autosave stays */
  gtk_window_destroy (GTK_WINDOW (window));
  nfl_test_spin (50);
  g_assert_true (g_file_query_exists (kept, NULL));

  /* the next start offers it back as unsaved work; it never had a file */
  windows_before = g_list_length (gtk_application_get_windows (GTK_APPLICATION (app)));
  g_application_activate (G_APPLICATION (app));
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (app))), ==, windows_before + 1);
  window = NFL_WINDOW (gtk_application_get_windows (GTK_APPLICATION (app))->data);
  document = nfl_window_get_document (window);
  g_assert_nonnull (nfl_scenario_find_namespace (nfl_document_get_scenario (document), "lost-work"));
  g_assert_true (nfl_document_get_modified (document));
  g_assert_null (nfl_document_get_file (document));

  /* discarding it removes the autosave for good */
  close_window (window, "discard");
  nfl_test_spin (100);
  g_assert_false (g_file_query_exists (kept, NULL));
}

/* Edits coming every 200 ms never let a 1-second quiet period pass: the
 * work is written all the same, while they go on (within 2 seconds of the
 * first on a quiet machine: the time is printed, not asserted, as a
 * loaded machine stretches it). */
static void
test_autosave_during_burst (void)
{
  NflWindow *window = new_window ();
  NflDocument *document = nfl_window_get_document (window);
  const char *names[] = { "busy-work", NULL };
  g_autofree char *name = NULL;
  gint64 start;
  gboolean written = FALSE;

  nfl_window_open_demo (window);
  name = nfl_document_add_namespace (document, "busy-work", 500, 500, NULL);
  start = g_get_monotonic_time ();
  while (!written && g_get_monotonic_time () - start < 10 * G_TIME_SPAN_SECOND)
    {
      g_assert_true (nfl_document_move_namespaces (document, names, 5, 0, NULL));
      written = nfl_test_wait_for (autosaved, "busy-work", 200);
    }
  g_assert_true (written);
  g_test_message ("autosaved %" G_GINT64_FORMAT " ms after the first of the edits",
                  (g_get_monotonic_time () - start) / G_TIME_SPAN_MILLISECOND);
  close_window (window, "discard");
}

/* Recovered work of a saved file keeps that file: still modified, and
 * Save writes it back there without asking. */
static void
test_recovery_keeps_file (void)
{
  NflWindow *window = new_window ();
  NflDocument *document = nfl_window_get_document (window);
  g_autoptr(GFile) file = copy_topology ();
  g_autoptr(GFile) kept = NULL;
  g_autofree char *name = NULL;

  nfl_window_open_file (window, file);
  g_assert_true (nfl_test_wait_for (not_busy, window, 5000));
  name = nfl_document_add_namespace (document, "file-work", 600, 300, NULL);
  g_assert_true (nfl_test_wait_for (autosaved, "file-work", 5000));
  kept = find_autosave ("file-work");
  gtk_window_destroy (GTK_WINDOW (window));
  nfl_test_spin (50);

  window = new_window ();
  document = nfl_window_get_document (window);
  nfl_window_recover (window, kept);
  g_assert_nonnull (nfl_scenario_find_namespace (nfl_document_get_scenario (document), "file-work"));
  g_assert_nonnull (nfl_document_get_file (document));
  g_assert_true (g_file_equal (nfl_document_get_file (document), file));
  g_assert_true (nfl_window_shows_file (window, file));
  g_assert_true (nfl_document_get_modified (document));

  /* Ctrl+S: back to that file, and the autosave is gone */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.save", NULL));
  g_assert_false (nfl_document_get_modified (document));
  {
    g_autoptr(NflScenario) saved = nfl_scenario_load_xml (file, NULL, NULL);
    g_assert_nonnull (saved);
    g_assert_nonnull (nfl_scenario_find_namespace (saved, "file-work"));
  }
  nfl_test_spin (100);
  g_assert_false (g_file_query_exists (kept, NULL));
  g_assert_false (autosaved ("file-work"));
  close_window (window, NULL);
  remove_copy (file);
}

/* The dialog @window has open, or NULL. */
static AdwMessageDialog *
dialog_of (NflWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_window_get_transient_for (GTK_WINDOW (w)) == GTK_WINDOW (window))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

/* The import dialog @window has open, or NULL. */
static NflImportDialog *
import_dialog_of (NflWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
      if (NFL_IS_IMPORT_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)) &&
          gtk_window_get_transient_for (GTK_WINDOW (w)) == GTK_WINDOW (window))
        return NFL_IMPORT_DIALOG (w);
    }
  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
import_dialog_gone (gpointer window)
{
  return import_dialog_of (window) == NULL;
}

static gboolean
has_error (gpointer dialog)
{
  return nfl_import_dialog_get_error (dialog) != NULL;
}

/* The button pressed as by the user: its "clicked", not the action. */
static void
press (GtkWidget *button)
{
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_widget_activate (button);
}

static void
test_import_commands (void)
{
  NflWindow *window = new_window ();
  NflDocument *document = nfl_window_get_document (window);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  NflImportDialog *dialog;
  GtkTextView *view;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *selected = NULL;
  g_autofree char *text = NULL;
  const char *wrong =
    "sudo ip netns add ns9\n"
    "sudo ip netns exec ns9 iptables -N my_chain\n"
    "sudo iptables -A -t nat -A PREROUTING -j my_chain\n";

  nfl_window_open_demo (window);
  g_assert_true (nfl_test_wait_for (is_mapped, window, 5000));
  before = nfl_scenario_to_xml_bytes (nfl_document_get_scenario (document), NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-commands", NULL));
  nfl_test_spin (50);
  dialog = import_dialog_of (window);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Import Commands");
  view = GTK_TEXT_VIEW (gtk_widget_get_template_child (GTK_WIDGET (dialog), NFL_TYPE_IMPORT_DIALOG, "text_view"));
  g_assert_true (gtk_text_view_get_monospace (view));
  gtk_test_accessible_assert_property (view, GTK_ACCESSIBLE_PROPERTY_LABEL, "Commands");
  buffer = gtk_text_view_get_buffer (view);

  /* a wrong third line, Import clicked: nothing applied, the dialog
   * stays with the text, the line is selected and the message shown
   * with the line and column */
  gtk_text_buffer_set_text (buffer, wrong, -1);
  press (find_button (GTK_WIDGET (dialog), "_Import"));
  g_assert_true (nfl_test_wait_for (has_error, dialog, 2000));
  nfl_test_spin (300);
  g_assert_true (import_dialog_of (window) == dialog);
  after = nfl_scenario_to_xml_bytes (nfl_document_get_scenario (document), NULL);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (nfl_document_can_undo (document));
  g_assert_null (nfl_scenario_find_namespace (nfl_document_get_scenario (document), "ns9"));
  g_assert_true (g_str_has_prefix (nfl_import_dialog_get_error (dialog), "Line 3, column "));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (text, ==, wrong);
  g_assert_true (gtk_text_buffer_get_selection_bounds (buffer, &start, &end));
  selected = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (selected, ==, "sudo iptables -A -t nat -A PREROUTING -j my_chain");

  /* fixed: all of it, as one step, and the dialog closes */
  gtk_text_buffer_set_text (buffer,
                            "sudo ip netns add ns9\n"
                            "sudo ip netns exec ns9 iptables -N my_chain\n"
                            "sudo ip netns exec ns9 iptables -t nat -N my_chain\n"
                            "sudo ip netns exec ns9 iptables -t nat -A PREROUTING -j my_chain\n", -1);
  press (find_button (GTK_WIDGET (dialog), "_Import"));
  g_assert_true (nfl_test_wait_for (import_dialog_gone, window, 2000));
  g_assert_nonnull (nfl_scenario_find_namespace (nfl_document_get_scenario (document), "ns9"));
  g_assert_cmpstr (nfl_document_get_undo_label (document), ==, "Import Commands");
  g_assert_true (nfl_document_undo (document));
  g_assert_null (nfl_scenario_find_namespace (nfl_document_get_scenario (document), "ns9"));
  g_assert_false (nfl_document_can_undo (document));

  /* Cancel closes it and changes nothing */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-commands", NULL));
  nfl_test_spin (50);
  dialog = import_dialog_of (window);
  g_assert_nonnull (dialog);
  press (find_button (GTK_WIDGET (dialog), "_Cancel"));
  g_assert_true (nfl_test_wait_for (import_dialog_gone, window, 2000));
  g_assert_false (nfl_document_can_undo (document));
  close_window (window, nfl_document_get_modified (document) ? "discard" : NULL);
}

/* More than the dialog takes is refused where it comes in, with a
 * message, and the text already there stays. */
static void
test_import_commands_too_large (void)
{
  NflWindow *window = new_window ();
  NflDocument *document = nfl_window_get_document (window);
  NflImportDialog *dialog = nfl_import_dialog_new (GTK_WINDOW (window), document);
  GtkTextView *view;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *huge = g_strnfill (NFL_IMPORT_DIALOG_MAX_BYTES + 1, 'x');
  g_autofree char *text = NULL;

  gtk_window_present (GTK_WINDOW (dialog));
  view = GTK_TEXT_VIEW (gtk_widget_get_template_child (GTK_WIDGET (dialog), NFL_TYPE_IMPORT_DIALOG, "text_view"));
  buffer = gtk_text_view_get_buffer (view);
  gtk_text_buffer_set_text (buffer, "ip netns add big\n", -1);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, huge, -1);
  g_assert_cmpint (gtk_text_buffer_get_char_count (buffer), ==, strlen ("ip netns add big\n"));
  g_assert_nonnull (nfl_import_dialog_get_error (dialog));
  g_assert_nonnull (strstr (nfl_import_dialog_get_error (dialog), "too large"));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (text, ==, "ip netns add big\n");

  /* what is there still imports */
  g_assert_true (nfl_import_dialog_import (dialog));
  g_assert_nonnull (nfl_scenario_find_namespace (nfl_document_get_scenario (document), "big"));
  nfl_test_spin (50);
  close_window (window, "discard");
}

/* The iptables-save import: a namespace that cannot be made keeps the
 * dialog open with what the user typed and the reason; corrected, the
 * rules come in. */
static void
test_import_iptables_save (void)
{
  NflWindow *window = new_window ();
  NflDocument *document = nfl_window_get_document (window);
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/lab.rules");
  AdwMessageDialog *dialog;
  GtkWidget *entry;

  nfl_window_open_demo (window);
  g_assert_true (nfl_test_wait_for (is_mapped, window, 5000));
  /* the file chooser's answer, the file read */
  _nfl_window_ask_restore_namespace (window, file,
                                     g_strdup ("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n"
                                               ":OUTPUT ACCEPT [0:0]\n-A INPUT -p tcp --dport 22 -j DROP\n"
                                               "COMMIT\n"));
  nfl_test_spin (50);
  dialog = dialog_of (window);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Import iptables-save");
  entry = gtk_widget_get_first_child (adw_message_dialog_get_extra_child (dialog));
  g_assert_true (GTK_IS_ENTRY (entry));

  gtk_editable_set_text (GTK_EDITABLE (entry), "no such/name");
  press (find_button (GTK_WIDGET (dialog), "_Import"));
  nfl_test_spin (400);
  /* the dialog (a message dialog closes itself; it comes back) */
  dialog = dialog_of (window);
  g_assert_nonnull (dialog);
  entry = gtk_widget_get_first_child (adw_message_dialog_get_extra_child (dialog));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "no such/name");
  /* the entry, the machine's interfaces and routes, the reason */
  g_assert_true (GTK_IS_EXPANDER (gtk_widget_get_next_sibling (entry)));
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (entry))));
  g_assert_false (nfl_document_can_undo (document));
  g_assert_null (nfl_window_get_error (window));

  /* with what "ip -br addr" printed on the machine, a wrong line first */
  {
    GtkWidget *expander = gtk_widget_get_next_sibling (entry);
    GtkWidget *areas = gtk_expander_get_child (GTK_EXPANDER (expander));
    GtkWidget *scrolled = gtk_widget_get_last_child (gtk_widget_get_first_child (areas));
    GtkTextView *addresses = GTK_TEXT_VIEW (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)));
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (addresses);

    gtk_text_buffer_set_text (buffer, "eth0 UP 10.9.0.300/24\n", -1);
    gtk_editable_set_text (GTK_EDITABLE (entry), "lab7");
    press (find_button (GTK_WIDGET (dialog), "_Import"));
    nfl_test_spin (400);
    dialog = dialog_of (window);
    g_assert_nonnull (dialog);
    entry = gtk_widget_get_first_child (adw_message_dialog_get_extra_child (dialog));
    expander = gtk_widget_get_next_sibling (entry);
    g_assert_true (gtk_expander_get_expanded (GTK_EXPANDER (expander)));
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_next_sibling (expander))),
                              "ip -br addr:1:9:"));
    g_assert_false (nfl_document_can_undo (document));
    areas = gtk_expander_get_child (GTK_EXPANDER (expander));
    scrolled = gtk_widget_get_last_child (gtk_widget_get_first_child (areas));
    addresses = GTK_TEXT_VIEW (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)));
    buffer = gtk_text_view_get_buffer (addresses);
    {
      GtkTextIter start, end;
      g_autofree char *kept = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      kept = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      g_assert_cmpstr (kept, ==, "eth0 UP 10.9.0.300/24\n");
    }
    gtk_text_buffer_set_text (buffer, "lo UNKNOWN 127.0.0.1/8\neth0 UP 10.9.0.3/24\n", -1);
  }
  press (find_button (GTK_WIDGET (dialog), "_Import"));
  nfl_test_spin (400);
  g_assert_null (dialog_of (window));
  g_assert_nonnull (nfl_scenario_find_namespace (nfl_document_get_scenario (document), "lab7"));
  g_assert_nonnull (nfl_scenario_find_namespace (nfl_document_get_scenario (document), "net-eth0"));
  g_assert_cmpstr (nfl_document_get_undo_label (document), ==, "Import the Machine lab7");
  close_window (window, "discard");
}

static void
test_shortcuts_window (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/netfilterlab/NetfilterLab/gtk/help-overlay.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

static void
test_remembers_size (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.netfilterlab.NetfilterLab");
  NflWindow *window = new_window ();

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  nfl_test_spin (50);
  close_window (window, NULL);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);

  /* the next window opens at that size */
  window = new_window ();
  {
    int width, height;
    gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
    g_assert_cmpint (width, ==, 900);
    g_assert_cmpint (height, ==, 640);
  }
  close_window (window, NULL);
}

int
main (int    argc,
      char **argv)
{
  int status;

  nfl_test_app_init (&argc, &argv);
  app = nfl_test_application_new ();

  g_test_add_func ("/nfl/app/window/new-and-finalize", test_new_and_finalize);
  g_test_add_func ("/nfl/app/window/demo", test_demo);
  g_test_add_func ("/nfl/app/window/undo-named-in-menu", test_undo_named_in_menu);
  g_test_add_func ("/nfl/app/window/unsaved-changes", test_unsaved_changes);
  g_test_add_func ("/nfl/app/window/broken-file-keeps-document", test_broken_file_keeps_document);
  g_test_add_func ("/nfl/app/window/open-and-save", test_open_and_save);
  g_test_add_func ("/nfl/app/window/autosave-and-recovery", test_autosave_and_recovery);
  g_test_add_func ("/nfl/app/window/autosave-during-burst", test_autosave_during_burst);
  g_test_add_func ("/nfl/app/window/recovery-keeps-file", test_recovery_keeps_file);
  g_test_add_func ("/nfl/app/window/import-commands", test_import_commands);
  g_test_add_func ("/nfl/app/window/import-commands-too-large", test_import_commands_too_large);
  g_test_add_func ("/nfl/app/window/import-iptables-save", test_import_iptables_save);
  g_test_add_func ("/nfl/app/window/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/nfl/app/window/remembers-size", test_remembers_size);
  status = g_test_run ();

  g_application_release (G_APPLICATION (app));
  g_clear_object (&app);
  return status;
}
