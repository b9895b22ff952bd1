/* nfl-test-app.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "nfl-test-app.h"

void
nfl_test_app_init (int    *argc,
                   char ***argv)
{
  g_autofree char *data_home = g_dir_make_tmp ("nfl-test-data-XXXXXX", NULL);

  /* the user's data folder of this run only: autosaves and recent files */
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  /* gtk_test_init () aborts without a display: say why instead */
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      printf ("1..0 # SKIP no display: run the widget tests under xvfb-run\n");
      exit (0);
    }
  gtk_test_init (argc, argv, NULL);
  adw_init ();
  /* what an action does is there at once (a test turns them on to see
   * one animated) */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

static gboolean
time_is_up_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
nfl_test_wait_for (gboolean (*condition) (gpointer data),
                   gpointer   data,
                   guint      timeout_ms)
{
  gboolean up = FALSE;
  guint id = g_timeout_add (timeout_ms, time_is_up_cb, &up);

  while (!condition (data) && !up)
    g_main_context_iteration (NULL, TRUE);
  if (!up)
    g_source_remove (id);
  return condition (data);
}

void
nfl_test_spin (guint ms)
{
  gboolean up = FALSE;

  g_timeout_add (ms, time_is_up_cb, &up);
  while (!up)
    g_main_context_iteration (NULL, TRUE);
}

GdkTexture *
nfl_test_render_widget (GtkWidget *widget)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width = 0, height = 0;

  /* a widget whose new layout is still pending draws nothing: give it
   * the frames it needs (up to a second) */
  for (guint tries = 0; node == NULL && tries < 50; tries++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      if (tries > 0)
        nfl_test_spin (20);
      width = gtk_widget_get_width (widget);
      height = gtk_widget_get_height (widget);
      g_assert_cmpint (width, >, 0);
      g_assert_cmpint (height, >, 0);
      gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

char *
nfl_test_save_png (GdkTexture *texture,
                   const char *name)
{
  char *path = g_test_build_filename (G_TEST_BUILT, name, NULL);

  g_assert_true (gdk_texture_save_to_png (texture, path));
  return path;
}

NflApplication *
nfl_test_application_new (void)
{
  NflApplication *app = nfl_application_new (G_APPLICATION_NON_UNIQUE);

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  g_application_hold (G_APPLICATION (app));
  return app;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

NflWindow *
nfl_test_open_demo_window (NflApplication *app)
{
  NflWindow *window = nfl_window_new (GTK_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
  nfl_window_open_demo (window);
  g_assert_true (nfl_test_wait_for (is_mapped, window, 5000));
  return window;
}

GtkWidget *
nfl_test_find_keyed (gpointer    root,
                     const char *key)
{
  if (g_strcmp0 (g_object_get_data (G_OBJECT (root), "nfl-key"), key) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = nfl_test_find_keyed (child, key);
      if (found != NULL)
        return found;
    }
  return NULL;
}
