/* nfl-topology-view-private.h: what nfl-topology-view*.c share, and the
 * hooks the tests drive the canvas through
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "nfl-topology-painter.h"
#include "nfl-topology-tiles.h"
#include "nfl-topology-view.h"

G_BEGIN_DECLS

typedef enum {
  NFL_HIT_NONE,
  NFL_HIT_NODE,
  NFL_HIT_PORT,
  NFL_HIT_HANDLE,
  NFL_HIT_LINK,
} NflHitKind;

typedef struct {
  NflHitKind kind;
  int        node;   /* NODE, PORT, HANDLE */
  int        port;   /* PORT */
  int        link;   /* LINK */
} NflHit;

typedef enum {
  NFL_DRAG_NONE,
  NFL_DRAG_PENDING,   /* pressed, not moved past the threshold yet */
  NFL_DRAG_MOVE,
  NFL_DRAG_PAN,
  NFL_DRAG_BAND,
  NFL_DRAG_LINK,
} NflDragMode;

struct _NflTopologyView
{
  GtkWidget          parent_instance;

  NflDocument       *document;
  NflTopoGeometry   *geometry;      /* NULL: rebuild from the scenario */
  NflTopoGeometry   *previous_geometry; /* before the change: layouts to reuse */
  NflTopoTiles      *tiles;         /* the still layer, at their zoom */
  NflTopoTiles      *stand_in;      /* an earlier zoom's, until tiles are complete */
  guint              zoom_settle_id; /* set while the zoom is changing */
  guint              tiles_tick_id; /* another frame to go on with the tiles */
  gboolean           drawn;         /* the last frame showed everything up to date */
  guint64            content_serial; /* changes with what the tiles show */
  gint64             changed_at;    /* when the document changed, until the next frame */
  NflTopoPalette     palette;
  gboolean           dark;
  char              *font;          /* the layouts' font, as a string */

  double             zoom;
  double             offset_x;      /* widget = document * zoom + offset */
  double             offset_y;
  gboolean           fit_pending;
  AdwAnimation      *zoom_animation; /* of the zoom buttons and keys */
  double             animation_from[3]; /* zoom, and the document point */
  double             animation_to[3];   /* in the middle of the view */

  GPtrArray         *node_widgets;  /* NflTopologyNode, one per namespace */
  GHashTable        *selected;      /* namespace names */
  char              *link_ns;       /* the selected link, as one end */
  char              *link_iface;

  NflHit             hover;
  double             pointer_x;
  double             pointer_y;
  gboolean           pointer_inside;

  NflDragMode        drag_mode;
  NflHit             drag_hit;
  GdkModifierType    drag_state;
  double             drag_x;        /* where the drag started, widget */
  double             drag_y;
  double             drag_dx;
  double             drag_dy;
  double             pan_x;         /* offset when the pan started */
  double             pan_y;
  GHashTable        *band_before;   /* the selection a Ctrl band adds to */
  char              *link_source;   /* "Add Link" waiting for a target */
  int                link_target;   /* node under the link drag, or -1 */

  double             menu_x;        /* document point of the context menu */
  double             menu_y;
  gboolean           menu_point_set;

  GtkWidget         *context_menu;
  GtkWidget         *link_popover;
  GtkWidget         *link_entry_a;
  GtkWidget         *link_entry_b;
  GtkWidget         *link_label_a;
  GtkWidget         *link_label_b;
  GtkWidget         *link_error;
  char              *link_ns_a;
  char              *link_ns_b;
  GtkWidget         *rename_popover;
  GtkWidget         *rename_entry;
  GtkWidget         *rename_error;
  char              *rename_ns;

  /* template */
  GtkWidget         *toolbar;
  GMenuModel        *canvas_menu;
  GMenuModel        *link_menu;
  GMenuModel        *namespace_menu;
};

/* nfl-topology-view.c */
NflTopoGeometry *_nfl_topology_view_get_geometry  (NflTopologyView *self);
/* Pans to (@offset_x, @offset_y), rounded to whole pixels. */
void             _nfl_topology_view_pan_to        (NflTopologyView *self,
                                                   double           offset_x,
                                                   double           offset_y);
void             _nfl_topology_view_invalidate    (NflTopologyView *self,
                                                   gboolean         geometry);
/* Zooms in or out by @factor around the middle, or to fit (@fit), in a
 * short animation. */
void             _nfl_topology_view_animate_zoom  (NflTopologyView *self,
                                                   gboolean         fit,
                                                   double           factor);
/* Stops it where it is (the user scrolls or pans). */
void             _nfl_topology_view_stop_zoom_animation (NflTopologyView *self);
/* The zoom counts as settled now, not after a pause (benchmark, tests). */
void             _nfl_topology_view_settle_zoom   (NflTopologyView *self);
/* Whether the last frame showed the document as it is, every tile drawn
 * (tiles not drawn within a frame's time follow in the next frames). */
gboolean         _nfl_topology_view_is_drawn      (NflTopologyView *self);
void             _nfl_topology_view_to_widget     (NflTopologyView *self,
                                                   double           doc_x,
                                                   double           doc_y,
                                                   double          *x,
                                                   double          *y);
void             _nfl_topology_view_to_document   (NflTopologyView *self,
                                                   double           x,
                                                   double           y,
                                                   double          *doc_x,
                                                   double          *doc_y);
NflHit           _nfl_topology_view_hit           (NflTopologyView *self,
                                                   double           x,
                                                   double           y);
void             _nfl_topology_view_zoom_around   (NflTopologyView *self,
                                                   double           zoom,
                                                   double           x,
                                                   double           y);
void             _nfl_topology_view_set_selection (NflTopologyView *self,
                                                   const char * const *names,
                                                   const char      *link_ns,
                                                   const char      *link_iface);
gboolean         _nfl_topology_view_is_selected   (NflTopologyView *self,
                                                   const char      *name);
void             _nfl_topology_view_toggle        (NflTopologyView *self,
                                                   const char      *name);
void             _nfl_topology_view_update_actions (NflTopologyView *self);
void             _nfl_topology_view_set_hover     (NflTopologyView *self,
                                                   NflHit           hit);

/* nfl-topology-view-input.c: gestures, actions, menus and popovers */
void             _nfl_topology_view_class_init_input (GtkWidgetClass *widget_class);
void             _nfl_topology_view_init_input    (NflTopologyView *self);
void             _nfl_topology_view_dispose_input (NflTopologyView *self);
void             _nfl_topology_view_present_popovers (NflTopologyView *self);
void             _nfl_topology_view_cancel_drag   (NflTopologyView *self);

/* The drag gesture's handlers, callable from tests (widget coordinates,
 * offsets from the start as GtkGestureDrag gives them). */
void             _nfl_topology_view_drag_begin    (NflTopologyView *self,
                                                   double           x,
                                                   double           y,
                                                   GdkModifierType  state);
void             _nfl_topology_view_drag_update   (NflTopologyView *self,
                                                   double           dx,
                                                   double           dy);
void             _nfl_topology_view_drag_end      (NflTopologyView *self,
                                                   double           dx,
                                                   double           dy);
/* Opens the link popover for @ns_a and @ns_b with the proposed names. */
void             _nfl_topology_view_propose_link  (NflTopologyView *self,
                                                   const char      *ns_a,
                                                   const char      *ns_b);
/* The link popover's entries (for tests); NULL when it is not open. */
GtkWidget       *_nfl_topology_view_get_link_entry (NflTopologyView *self,
                                                    gboolean         first);
/* Where a new namespace goes: @doc_x/@doc_y or, without them, the visible
 * centre, moved off any box it would cover. */
void             _nfl_topology_view_free_spot     (NflTopologyView *self,
                                                   double          *doc_x,
                                                   double          *doc_y);

G_END_DECLS
