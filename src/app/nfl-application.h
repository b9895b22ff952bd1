/* nfl-application.h: the application: windows, files, app-wide actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define NFL_TYPE_APPLICATION (nfl_application_get_type ())
G_DECLARE_FINAL_TYPE (NflApplication, nfl_application, NFL, APPLICATION, AdwApplication)

NflApplication *nfl_application_new              (GApplicationFlags  flags);
/* A window showing @file, or the tutorial's demo when @file is NULL. */
GtkWindow      *nfl_application_open_window      (NflApplication    *self,
                                                  GFile             *file);
/* Where unsaved work is kept between autosaves (a folder of the user's
 * data directory). */
GFile          *nfl_application_get_autosave_dir (NflApplication    *self);

G_END_DECLS
