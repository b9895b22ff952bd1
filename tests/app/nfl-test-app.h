/* nfl-test-app.h: what the widget tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

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

G_END_DECLS
