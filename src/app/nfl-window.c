/* nfl-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "nfl-inspector.h"
#include "nfl-rules-view.h"
#include "nfl-simulate-view.h"
#include "nfl-topology-view.h"
#include "nfl-window-private.h"

G_DEFINE_FINAL_TYPE (NflWindow, nfl_window, ADW_TYPE_APPLICATION_WINDOW)

#define DEMO_RESOURCE "/io/github/netfilterlab/NetfilterLab/scenarios/tutorial-dnat-demo.nflab"

/* ---------------------------------------------------------------------- */
/* helpers                                                                 */
/* ---------------------------------------------------------------------- */

/* The header bar: the scenario's title, and as subtitle the file's name
 * with a mark while there are unsaved changes (Text Editor's way). */
static void
update_title (NflWindow *self)
{
  g_autofree char *title = nfl_document_dup_display_title (self->document);
  GFile *file = nfl_document_get_file (self->document);
  g_autofree char *name = file ? g_file_get_basename (file) : g_strdup (_("Not saved"));
  g_autofree char *subtitle = NULL;

  if (nfl_document_get_modified (self->document))
    /* Translators: the file name of a scenario with unsaved changes */
    subtitle = g_strdup_printf (_("%s •"), name);
  else
    subtitle = g_steal_pointer (&name);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

/* The primary menu's Undo and Redo items name the edit they undo. */
static void
update_edit_section (NflWindow *self)
{
  const char *undo = nfl_document_get_undo_label (self->document);
  const char *redo = nfl_document_get_redo_label (self->document);
  g_autofree char *undo_label = NULL;
  g_autofree char *redo_label = NULL;

  /* Translators: %s is an edit, such as “Move ns2” */
  undo_label = undo ? g_strdup_printf (_("_Undo %s"), undo) : g_strdup (_("_Undo"));
  /* Translators: %s is an edit, such as “Move ns2” */
  redo_label = redo ? g_strdup_printf (_("_Redo %s"), redo) : g_strdup (_("_Redo"));
  g_menu_remove_all (self->edit_section);
  g_menu_append (self->edit_section, undo_label, "win.undo");
  g_menu_append (self->edit_section, redo_label, "win.redo");
}

static void
update_recent_menu (NflWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  guint shown = 0;

  g_menu_remove_all (self->recent_menu);
  for (GList *l = items; l != NULL && shown < 10; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);
      g_autoptr(GMenuItem) item = NULL;

      if (!gtk_recent_info_has_application (info, g_get_application_name ()) ||
          !g_str_has_suffix (uri, ".nflab") || !gtk_recent_info_exists (info))
        continue;
      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s", uri);
      g_menu_append_item (self->recent_menu, item);
      shown++;
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
  if (shown == 0)
    {
      g_autoptr(GMenuItem) none = g_menu_item_new (_("No Recent Scenarios"), "win.none");
      g_menu_append_item (self->recent_menu, none);
    }
}

/* ---------------------------------------------------------------------- */
/* callbacks                                                               */
/* ---------------------------------------------------------------------- */

/* Title, Undo/Redo labels and enabled actions follow the document: after
 * each edit ("changed") and when only its file or saved state changes. */
static void
document_updated_cb (NflWindow *self)
{
  update_title (self);
  update_edit_section (self);
  _nfl_window_actions_update (self);
}

/* The inspector shows what the canvas selects: one namespace, one link,
 * or (nothing or several selected) the scenario. */
static void
topology_selection_changed_cb (NflWindow       *self,
                               NflTopologyView *view)
{
  NflInspector *inspector = NFL_INSPECTOR (self->inspector);
  g_auto(GStrv) names = nfl_topology_view_dup_selected_namespaces (view);
  g_autofree char *ns = NULL;
  g_autofree char *iface = NULL;

  g_auto(GStrv) nodes = nfl_topology_view_dup_selected_nodes (view);

  if (g_strv_length (names) == 1)
    nfl_inspector_show_namespace (inspector, names[0]);
  else if (g_strv_length (names) == 0 && g_strv_length (nodes) == 1)
    {
      /* a bridge's box: the namespace it is in, which lists it and its ports */
      g_auto(GStrv) parts = g_strsplit (nodes[0], "/", 2);
      nfl_inspector_show_namespace (inspector, parts[0]);
    }
  else if (g_strv_length (names) == 0 && nfl_topology_view_get_selected_link (view, &ns, &iface))
    nfl_inspector_show_link (inspector, ns, iface);
  else
    nfl_inspector_show_scenario (inspector);
}

static void
inspector_namespace_activated_cb (NflWindow  *self,
                                  const char *name)
{
  /* the inspector already shows it; the canvas selects it too */
  nfl_topology_view_select_namespace (NFL_TOPOLOGY_VIEW (self->topology), name);
}

static void
primary_menu_activated_cb (NflWindow *self)
{
  update_recent_menu (self);
}

/* ---------------------------------------------------------------------- */
/* GtkWindow                                                               */
/* ---------------------------------------------------------------------- */

static void
close_confirmed_cb (NflWindow *self)
{
  self->closing_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
nfl_window_close_request (GtkWindow *window)
{
  NflWindow *self = NFL_WINDOW (window);
  int width, height;

  if (!self->closing_confirmed && nfl_document_get_modified (self->document))
    {
      _nfl_window_confirm_discard (self, G_CALLBACK (close_confirmed_cb), NULL);
      return TRUE;
    }

  /* the user saved or discarded: nothing to recover next time */
  _nfl_window_forget_autosave (self);
  gtk_window_get_default_size (window, &width, &height);
  if (self->settings != NULL)
    {
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window))
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }
  return GTK_WINDOW_CLASS (nfl_window_parent_class)->close_request (window);
}

/* ---------------------------------------------------------------------- */
/* GObject                                                                 */
/* ---------------------------------------------------------------------- */

static void
nfl_window_dispose (GObject *object)
{
  NflWindow *self = NFL_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  _nfl_window_files_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), NFL_TYPE_WINDOW);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->document);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (nfl_window_parent_class)->dispose (object);
}

static void
nfl_window_class_init (NflWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = nfl_window_dispose;
  window_class->close_request = nfl_window_close_request;

  g_type_ensure (NFL_TYPE_RULES_VIEW);
  g_type_ensure (NFL_TYPE_SIMULATE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/netfilterlab/NetfilterLab/nfl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, NflWindow, canvas_slot);
  gtk_widget_class_bind_template_child (widget_class, NflWindow, design_leaflet);
  gtk_widget_class_bind_template_child (widget_class, NflWindow, design_paned);
  gtk_widget_class_bind_template_child (widget_class, NflWindow, edit_section);
  gtk_widget_class_bind_template_child (widget_class, NflWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, NflWindow, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, NflWindow, inspector_slot);
  gtk_widget_class_bind_template_child (widget_class, NflWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, NflWindow, primary_menu_button);
  gtk_widget_class_bind_template_child_full (widget_class, "recent_submenu", FALSE,
                                             G_STRUCT_OFFSET (NflWindow, recent_menu));
  gtk_widget_class_bind_template_child (widget_class, NflWindow, rules_view);
  gtk_widget_class_bind_template_child (widget_class, NflWindow, simulate_view);
  gtk_widget_class_bind_template_child (widget_class, NflWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, NflWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, NflWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, NflWindow, view_stack);

  _nfl_window_class_install_actions (widget_class);
}

static GSettings *
window_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* without the installed schema (a test of the widgets alone) the window
   * works, it only does not remember its size */
  if (source == NULL || (schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE)) == NULL)
    return NULL;
  return g_settings_new (APPLICATION_ID);
}

/* The rules view, where it is open, follows the rule the packet is at. */
static void
simulate_rule_reached_cb (NflWindow  *self,
                          const char *ns,
                          guint       table,
                          const char *chain,
                          guint       number)
{
  NflRulesView *view = NFL_RULES_VIEW (self->rules_view);

  if (g_strcmp0 (adw_leaflet_get_visible_child_name (self->design_leaflet), "rules") != 0 ||
      nfl_scenario_find_namespace (nfl_document_get_scenario (self->document), ns) == NULL)
    return;
  if (g_strcmp0 (nfl_rules_view_get_namespace (view), ns) != 0 || nfl_rules_view_get_table (view) != table ||
      g_strcmp0 (nfl_rules_view_get_chain (view), chain) != 0)
    nfl_rules_view_show (view, ns, table, chain);
  nfl_rules_view_select_rule (view, number);
}

static void
nfl_window_init (NflWindow *self)
{
  static const char *document_properties[] = { "modified", "file", "title" };
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->document = nfl_document_new ();
  self->settings = window_settings ();
  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  /* the menu's dynamic parts: Undo/Redo labels and the recent files */
  gtk_menu_button_set_menu_model (self->primary_menu_button, G_MENU_MODEL (self->primary_menu));
  g_signal_connect_object (self->primary_menu_button, "notify::active",
                           G_CALLBACK (primary_menu_activated_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->document, "changed", G_CALLBACK (document_updated_cb), self,
                           G_CONNECT_SWAPPED);
  for (guint i = 0; i < G_N_ELEMENTS (document_properties); i++)
    {
      g_autofree char *signal = g_strconcat ("notify::", document_properties[i], NULL);
      g_signal_connect_object (self->document, signal, G_CALLBACK (document_updated_cb), self,
                               G_CONNECT_SWAPPED);
    }

  self->topology = nfl_topology_view_new ();
  gtk_widget_set_hexpand (self->topology, TRUE);
  gtk_widget_set_vexpand (self->topology, TRUE);
  gtk_box_append (GTK_BOX (self->canvas_slot), self->topology);
  nfl_topology_view_set_document (NFL_TOPOLOGY_VIEW (self->topology), self->document);
  g_signal_connect_object (self->topology, "selection-changed",
                           G_CALLBACK (topology_selection_changed_cb), self, G_CONNECT_SWAPPED);

  self->inspector = nfl_inspector_new ();
  gtk_widget_set_hexpand (self->inspector, TRUE);
  gtk_box_append (GTK_BOX (self->inspector_slot), self->inspector);
  nfl_inspector_set_document (NFL_INSPECTOR (self->inspector), self->document);
  g_signal_connect_object (self->inspector, "namespace-activated",
                           G_CALLBACK (inspector_namespace_activated_cb), self, G_CONNECT_SWAPPED);

  nfl_rules_view_set_document (NFL_RULES_VIEW (self->rules_view), self->document);
  nfl_simulate_view_set_document (NFL_SIMULATE_VIEW (self->simulate_view), self->document);
  g_signal_connect_object (self->simulate_view, "rule-reached", G_CALLBACK (simulate_rule_reached_cb), self,
                           G_CONNECT_SWAPPED);

  /* the recent files are read when the menu opens, not for every window */
  _nfl_window_files_init (self);
  document_updated_cb (self);
}

/* ---------------------------------------------------------------------- */
/* the rules view                                                          */
/* ---------------------------------------------------------------------- */

void
_nfl_window_show_rules (NflWindow  *self,
                        const char *ns)
{
  NflScenario *scenario = nfl_document_get_scenario (self->document);
  GPtrArray *namespaces = nfl_scenario_get_namespaces (scenario);
  g_auto(GStrv) selected = nfl_topology_view_dup_selected_namespaces (NFL_TOPOLOGY_VIEW (self->topology));
  NflRulesView *view = NFL_RULES_VIEW (self->rules_view);

  if (ns == NULL || *ns == '\0')
    {
      if (g_strv_length (selected) >= 1)
        ns = selected[0];
      else if (nfl_rules_view_get_namespace (view) != NULL &&
               nfl_scenario_find_namespace (scenario, nfl_rules_view_get_namespace (view)) != NULL)
        ns = nfl_rules_view_get_namespace (view);
      else if (namespaces->len > 0)
        ns = ((NflNamespace *) g_ptr_array_index (namespaces, 0))->name;
      else
        {
          adw_toast_overlay_add_toast (self->toast_overlay,
                                       adw_toast_new (_("Add a namespace first: rules belong to a namespace")));
          return;
        }
    }
  if (nfl_scenario_find_namespace (scenario, ns) == NULL)
    return;
  if (g_strcmp0 (ns, nfl_rules_view_get_namespace (view)) != 0)
    nfl_rules_view_show (view, ns, NFL_TABLE_FILTER, NULL);
  else
    nfl_rules_view_show (view, ns, nfl_rules_view_get_table (view), nfl_rules_view_get_chain (view));
  adw_view_stack_set_visible_child_name (self->view_stack, "design");
  adw_leaflet_set_visible_child_name (self->design_leaflet, "rules");
}

void
_nfl_window_show_topology (NflWindow *self)
{
  adw_leaflet_set_visible_child_name (self->design_leaflet, "topology");
  gtk_widget_grab_focus (self->topology);
}

/* ---------------------------------------------------------------------- */
/* public API                                                              */
/* ---------------------------------------------------------------------- */

NflWindow *
nfl_window_new (GtkApplication *application)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  return g_object_new (NFL_TYPE_WINDOW, "application", application, NULL);
}

NflDocument *
nfl_window_get_document (NflWindow *self)
{
  g_return_val_if_fail (NFL_IS_WINDOW (self), NULL);
  return self->document;
}

void
nfl_window_open_demo (NflWindow *self)
{
  g_autoptr(GFile) demo = g_file_new_for_uri ("resource://" DEMO_RESOURCE);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (NFL_IS_WINDOW (self));

  if (!nfl_document_load (self->document, demo, NULL, &error))
    {
      nfl_window_show_error (self, error->message);
      return;
    }
  /* a lesson, not a file of the user's: Save asks where to put it */
  nfl_document_set_file (self->document, NULL);
  nfl_document_set_modified (self->document, FALSE);
}

gboolean
nfl_window_shows_file (NflWindow *self,
                       GFile     *file)
{
  GFile *mine;

  g_return_val_if_fail (NFL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  mine = nfl_document_get_file (self->document);
  return mine != NULL && g_file_equal (mine, file);
}

void
nfl_window_show_error (NflWindow  *self,
                       const char *message)
{
  g_return_if_fail (NFL_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  gtk_label_set_text (self->error_label, message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);
  _nfl_window_actions_update (self);
}

const char *
nfl_window_get_error (NflWindow *self)
{
  g_return_val_if_fail (NFL_IS_WINDOW (self), NULL);
  return gtk_revealer_get_reveal_child (self->error_revealer) ? gtk_label_get_text (self->error_label) : NULL;
}

