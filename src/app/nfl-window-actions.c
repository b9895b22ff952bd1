/* nfl-window-actions.c: the win. actions and their enabled state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "nfl-rules-view.h"
#include "nfl-window-private.h"

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  _nfl_window_open (NFL_WINDOW (widget));
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (widget));
  NflWindow *self = NFL_WINDOW (widget);

  /* an untouched window takes the file; otherwise a new window does */
  if (!nfl_document_get_modified (self->document) && nfl_document_get_file (self->document) == NULL)
    nfl_window_open_file (self, file);
  else
    {
      NflWindow *other = nfl_window_new (app);
      nfl_window_open_file (other, file);
      gtk_window_present (GTK_WINDOW (other));
    }
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  _nfl_window_save (NFL_WINDOW (widget), FALSE);
}

static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  _nfl_window_save (NFL_WINDOW (widget), TRUE);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  nfl_document_undo (NFL_WINDOW (widget)->document);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  nfl_document_redo (NFL_WINDOW (widget)->document);
}

static void
import_commands_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  _nfl_window_import_commands (NFL_WINDOW (widget));
}

static void
import_iptables_save_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  _nfl_window_import_iptables_save (NFL_WINDOW (widget));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _nfl_window_export (NFL_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
autosave_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  _nfl_window_autosave_now (NFL_WINDOW (widget));
}

static void
dismiss_error_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  NflWindow *self = NFL_WINDOW (widget);

  gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  _nfl_window_actions_update (self);
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  adw_view_stack_set_visible_child_name (NFL_WINDOW (widget)->view_stack,
                                         g_variant_get_string (parameter, NULL));
}

/* The canvas's own actions answer only while it has the focus; these
 * make its shortcuts work anywhere in the window. */
static void
topology_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  NflWindow *self = NFL_WINDOW (widget);
  g_autofree char *forwarded = g_strconcat ("topology.", action_name + strlen ("win.topology-"), NULL);

  adw_view_stack_set_visible_child_name (self->view_stack, "design");
  gtk_widget_activate_action (self->topology, forwarded, NULL);
}

static void
show_rules_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  _nfl_window_show_rules (NFL_WINDOW (widget), parameter != NULL ? g_variant_get_string (parameter, NULL) : NULL);
}

static void
show_topology_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  _nfl_window_show_topology (NFL_WINDOW (widget));
}

static void
show_console_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  NflWindow *self = NFL_WINDOW (widget);

  _nfl_window_show_rules (self, NULL);
  if (nfl_rules_view_get_namespace (NFL_RULES_VIEW (self->rules_view)) != NULL)
    nfl_rules_view_show_console (NFL_RULES_VIEW (self->rules_view));
}

static void
log_every_chain_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  NflWindow *self = NFL_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!nfl_document_log_every_chain (self->document, NULL, &error))
    nfl_window_show_error (self, error->message);
  else
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (_("Every chain of every namespace logs its packets")));
}

void
_nfl_window_class_install_actions (GtkWidgetClass *widget_class)
{
  static const char *topology_actions[] = {
    "win.topology-add-namespace", "win.topology-add-link", "win.topology-zoom-in",
    "win.topology-zoom-out", "win.topology-zoom-fit",
  };

  for (guint i = 0; i < G_N_ELEMENTS (topology_actions); i++)
    gtk_widget_class_install_action (widget_class, topology_actions[i], NULL, topology_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.import-commands", NULL, import_commands_action);
  gtk_widget_class_install_action (widget_class, "win.import-iptables-save", NULL, import_iptables_save_action);
  gtk_widget_class_install_action (widget_class, "win.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-error", NULL, dismiss_error_action);
  /* what the 30-second timer does, on demand */
  gtk_widget_class_install_action (widget_class, "win.autosave", NULL, autosave_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.show-rules", "s", show_rules_action);
  gtk_widget_class_install_action (widget_class, "win.edit-rules", NULL, show_rules_action);
  gtk_widget_class_install_action (widget_class, "win.show-topology", NULL, show_topology_action);
  gtk_widget_class_install_action (widget_class, "win.show-console", NULL, show_console_action);
  gtk_widget_class_install_action (widget_class, "win.log-every-chain", NULL, log_every_chain_action);
  /* the placeholder item of an empty Open Recent menu */
  gtk_widget_class_install_action (widget_class, "win.none", NULL, NULL);
}

/* The enabled state of every window action, in one place. */
void
_nfl_window_actions_update (NflWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean loading = gtk_spinner_get_spinning (self->spinner);

  gtk_widget_action_set_enabled (widget, "win.undo", !loading && nfl_document_can_undo (self->document));
  gtk_widget_action_set_enabled (widget, "win.redo", !loading && nfl_document_can_redo (self->document));
  gtk_widget_action_set_enabled (widget, "win.save", !loading);
  gtk_widget_action_set_enabled (widget, "win.save-as", !loading);
  gtk_widget_action_set_enabled (widget, "win.import-commands", !loading);
  gtk_widget_action_set_enabled (widget, "win.import-iptables-save", !loading);
  gtk_widget_action_set_enabled (widget, "win.export", !loading);
  gtk_widget_action_set_enabled (widget, "win.dismiss-error", gtk_revealer_get_reveal_child (self->error_revealer));
  gtk_widget_action_set_enabled (widget, "win.log-every-chain", !loading);
  gtk_widget_action_set_enabled (widget, "win.none", FALSE);
}
