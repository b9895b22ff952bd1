/* nfl-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "nfl-application.h"
#include "nfl-window.h"

struct _NflApplication
{
  AdwApplication  parent_instance;

  gboolean        recovery_checked;
};

G_DEFINE_FINAL_TYPE (NflApplication, nfl_application, ADW_TYPE_APPLICATION)

/* ---------------------------------------------------------------------- */
/* helpers                                                                 */
/* ---------------------------------------------------------------------- */

static NflWindow *
find_window_for (NflApplication *self,
                 GFile          *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (NFL_IS_WINDOW (l->data) && nfl_window_shows_file (l->data, file))
      return l->data;
  return NULL;
}

/* Autosaves left behind by a session that did not end normally: each
 * opens in a window of its own, as unsaved work.  Returns how many. */
static guint
recover_autosaves (NflApplication *self)
{
  g_autoptr(GFile) dir = nfl_application_get_autosave_dir (self);
  g_autoptr(GFileEnumerator) children = NULL;
  guint recovered = 0;

  if (self->recovery_checked)
    return 0;
  self->recovery_checked = TRUE;

  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NONE,
                                        NULL, NULL);
  if (children == NULL)
    return 0;
  for (;;)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;
      NflWindow *window;

      if (!g_file_enumerator_iterate (children, &info, &child, NULL, NULL) || info == NULL)
        break;
      if (!g_str_has_suffix (g_file_info_get_name (info), ".nflab"))
        continue;
      window = nfl_window_new (GTK_APPLICATION (self));
      nfl_window_recover (window, child);
      gtk_window_present (GTK_WINDOW (window));
      recovered++;
    }
  return recovered;
}

/* ---------------------------------------------------------------------- */
/* actions                                                                 */
/* ---------------------------------------------------------------------- */

static void
new_window_activated_cb (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  NflApplication *self = user_data;
  NflWindow *window = nfl_window_new (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (window));
}

static void
quit_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  NflApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* each window asks about its own unsaved changes before it closes */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static void
about_activated_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  NflApplication *self = user_data;
  static const char *developers[] = { "Netfilter Lab developers", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  adw_show_about_window (parent,
                         "application-name", _("Netfilter Lab"),
                         "application-icon", APPLICATION_ID,
                         "developer-name", _("Netfilter Lab developers"),
                         "version", PACKAGE_VERSION,
                         "comments", _("Learn how Linux netfilter and iptables treat packets: draw "
                                       "network namespaces, write rules and follow a packet through "
                                       "the hooks, on a simulator checked against the real kernel."),
                         "website", "https://github.com/netfilterlab/netfilter-lab",
                         "issue-url", "https://github.com/netfilterlab/netfilter-lab/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         /* Translators: your names, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static const GActionEntry app_actions[] = {
  { "new", new_window_activated_cb },
  { "quit", quit_activated_cb },
  { "about", about_activated_cb },
};

/* ---------------------------------------------------------------------- */
/* GApplication                                                            */
/* ---------------------------------------------------------------------- */

static void
nfl_application_startup (GApplication *app)
{
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.new", { "<Control>n", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.save", { "<Control>s", NULL } },
    { "win.save-as", { "<Control><Shift>s", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", NULL } },
    { "win.import-commands", { "<Control>i", NULL } },
    { "win.show-view::design", { "<Alt>1", NULL } },
    { "win.show-view::simulate", { "<Alt>2", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
    { "win.topology-add-namespace", { "<Control><Shift>n", NULL } },
    { "win.topology-add-link", { "<Control>l", NULL } },
    { "win.topology-zoom-in", { "<Control>plus", "<Control>equal", NULL } },
    { "win.topology-zoom-out", { "<Control>minus", NULL } },
    { "win.topology-zoom-fit", { "<Control>0", NULL } },
    { "win.edit-rules", { "<Control>r", NULL } },
    { "win.show-console", { "<Control>grave", NULL } },
  };

  G_APPLICATION_CLASS (nfl_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);
}

static void
nfl_application_activate (GApplication *app)
{
  NflApplication *self = NFL_APPLICATION (app);
  GtkWindow *window;

  if (recover_autosaves (self) > 0)
    return;
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window == NULL)
    window = nfl_application_open_window (self, NULL);
  gtk_window_present (window);
}

static void
nfl_application_open (GApplication  *app,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  NflApplication *self = NFL_APPLICATION (app);

  recover_autosaves (self);
  for (int i = 0; i < n_files; i++)
    gtk_window_present (nfl_application_open_window (self, files[i]));
}

static void
nfl_application_class_init (NflApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = nfl_application_startup;
  app_class->activate = nfl_application_activate;
  app_class->open = nfl_application_open;
}

static void
nfl_application_init (NflApplication *self)
{
}

/* ---------------------------------------------------------------------- */
/* public API                                                              */
/* ---------------------------------------------------------------------- */

NflApplication *
nfl_application_new (GApplicationFlags flags)
{
  return g_object_new (NFL_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", flags,
                       "resource-base-path", "/io/github/netfilterlab/NetfilterLab",
                       NULL);
}

GtkWindow *
nfl_application_open_window (NflApplication *self,
                             GFile          *file)
{
  NflWindow *window;

  g_return_val_if_fail (NFL_IS_APPLICATION (self), NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  if (file != NULL && (window = find_window_for (self, file)) != NULL)
    return GTK_WINDOW (window);
  window = nfl_window_new (GTK_APPLICATION (self));
  if (file != NULL)
    nfl_window_open_file (window, file);
  else
    nfl_window_open_demo (window);
  return GTK_WINDOW (window);
}

GFile *
nfl_application_get_autosave_dir (NflApplication *self)
{
  g_return_val_if_fail (NFL_IS_APPLICATION (self), NULL);
  return g_file_new_build_filename (g_get_user_data_dir (), "netfilter-lab", "autosave", NULL);
}
