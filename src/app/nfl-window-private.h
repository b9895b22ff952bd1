/* nfl-window-private.h: what nfl-window*.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "nfl-window.h"

G_BEGIN_DECLS

struct _NflWindow
{
  AdwApplicationWindow  parent_instance;

  NflDocument          *document;
  GSettings            *settings;
  GCancellable         *cancellable;   /* the load in progress */
  GFile                *autosave_file; /* where this window's unsaved work goes */
  guint                 autosave_id;   /* the debounce timer */
  gint64                autosave_due;  /* when the pending changes must be written by */
  gpointer              autosave_job;  /* the write under way, or NULL */
  gboolean              autosave_again; /* changes came during it */
  gboolean              closing_confirmed;
  GCallback             after_save;    /* what waited for a Save As */
  gpointer              after_save_data;
  GtkWidget            *inspector;     /* NflInspector, in inspector_slot */
  GtkWidget            *topology;      /* NflTopologyView, in canvas_slot */

  /* template children */
  GtkWidget            *canvas_slot;
  GMenu                *edit_section;  /* "Undo Move ns2", rebuilt on change */
  GMenu                *primary_menu;
  GMenu                *recent_menu;
  GtkRevealer          *error_revealer;
  GtkLabel             *error_label;
  AdwLeaflet           *design_leaflet;
  GtkPaned             *design_paned;
  GtkWidget            *inspector_slot;
  GtkMenuButton        *primary_menu_button;
  GtkWidget            *rules_view;    /* NflRulesView */
  GtkWidget            *simulate_view; /* NflSimulateView */
  GtkSpinner           *spinner;
  AdwWindowTitle       *window_title;
  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *view_stack;
};

/* nfl-window-actions.c */
void  _nfl_window_class_install_actions (GtkWidgetClass *widget_class);
void  _nfl_window_actions_update       (NflWindow      *self);

/* nfl-window.c */
/* The rules view of @ns (NULL: the namespace the canvas selects, else
 * the first), sliding in over the topology */
void  _nfl_window_show_rules           (NflWindow      *self,
                                        const char     *ns);
void  _nfl_window_show_topology        (NflWindow      *self);

/* nfl-window-files.c */
void  _nfl_window_files_init           (NflWindow      *self);
void  _nfl_window_files_dispose        (NflWindow      *self);
/* Runs @then once the user has saved or discarded the unsaved changes
 * (at once when there are none); nothing when they cancel. */
void  _nfl_window_confirm_discard      (NflWindow      *self,
                                        GCallback       then,
                                        gpointer        data);
void  _nfl_window_open                 (NflWindow      *self);
void  _nfl_window_save                 (NflWindow      *self,
                                        gboolean        ask_for_file);
void  _nfl_window_import_commands      (NflWindow      *self);
void  _nfl_window_import_iptables_save (NflWindow      *self);
/* The second step of that import: which namespace @rules (taken) of
 * @file go to. */
void  _nfl_window_ask_restore_namespace (NflWindow     *self,
                                        GFile          *file,
                                        char           *rules);
void  _nfl_window_export              (NflWindow      *self,
                                        const char     *format);
void  _nfl_window_autosave_now         (NflWindow      *self);
void  _nfl_window_forget_autosave      (NflWindow      *self);

G_END_DECLS
