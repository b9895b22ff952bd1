/* nfl-window.h: a main window: one scenario, its topology and inspector
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nfl-engine.h"
#include "nfl-document.h"

G_BEGIN_DECLS

#define NFL_TYPE_WINDOW (nfl_window_get_type ())
G_DECLARE_FINAL_TYPE (NflWindow, nfl_window, NFL, WINDOW, AdwApplicationWindow)

NflWindow   *nfl_window_new               (GtkApplication *application);
NflDocument *nfl_window_get_document      (NflWindow      *self);
/* The tutorial's DNAT demo, from the program's resources, not modified. */
void         nfl_window_open_demo         (NflWindow      *self);
/* Loads @file in the background; an error is shown in the window (with
 * the file's line) and the current document stays. */
void         nfl_window_open_file         (NflWindow      *self,
                                           GFile          *file);
/* A scenario read back from an autosave: shown as unsaved work. */
void         nfl_window_recover           (NflWindow      *self,
                                           GFile          *autosave);
gboolean     nfl_window_shows_file        (NflWindow      *self,
                                           GFile          *file);
/* A message in the window's error banner (it stays until dismissed). */
void         nfl_window_show_error        (NflWindow      *self,
                                           const char     *message);
const char  *nfl_window_get_error         (NflWindow      *self);

G_END_DECLS
