/* nfl-test-app.h: what the widget tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nfl-application.h"
#include "nfl-window.h"

G_BEGIN_DECLS

/* gtk_test_init () and adw_init () with a fresh XDG data folder (the
 * autosaves go there); prints "1..0 # SKIP …" and exits when there is no
 * display.  Call first in main (). */
void        nfl_test_app_init         (int         *argc,
                                       char      ***argv);
/* Runs the main loop until @condition (polled) holds or @timeout_ms pass;
 * returns whether it holds. */
gboolean    nfl_test_wait_for         (gboolean  (*condition) (gpointer data),
                                       gpointer     data,
                                       guint        timeout_ms);
/* Runs the main loop for @ms milliseconds. */
void        nfl_test_spin             (guint        ms);
/* A widget rendered to a texture, as it is on screen. */
GdkTexture *nfl_test_render_widget    (GtkWidget   *widget);
/* Writes @texture to @name in the build folder (for a person to look at);
 * returns the path. */
char       *nfl_test_save_png         (GdkTexture  *texture,
                                       const char  *name);

/* The application of a test run: registered, and held while tests open
 * and close windows. */
NflApplication *nfl_test_application_new (void);
/* A window of @app showing the tutorial's DNAT demo, mapped. */
NflWindow  *nfl_test_open_demo_window (NflApplication *app);
/* The widget under @root (itself included) whose object data "nfl-key"
 * is @key, or NULL: the inspector and the rule form mark their fields
 * so. */
GtkWidget  *nfl_test_find_keyed       (gpointer     root,
                                       const char  *key);

G_END_DECLS
