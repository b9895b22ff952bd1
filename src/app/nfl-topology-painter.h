/* nfl-topology-painter.h: the topology's geometry, and a cairo painter
 *
 * The canvas (NflTopologyView) and the image export share what is here:
 * where every box, port and link sits (in document units, the scenario's
 * x/y), the text of each box as Pango layouts, the colours, and the cairo
 * painter that draws them: into the canvas's tiles, for what a drag moves,
 * and into PNG, SVG and PDF files.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "nfl-engine.h"

G_BEGIN_DECLS

/* The name of a bridge's box: "NS/BRIDGE" ("/" is in no namespace name). */
char *nfl_topo_bridge_node_name (const char *ns,
                                 const char *bridge);

/* Document units (one unit is one pixel at zoom 1). */
#define NFL_TOPO_GRID            20.0
#define NFL_TOPO_NODE_WIDTH     184.0
#define NFL_TOPO_HEADER_HEIGHT   40.0
#define NFL_TOPO_ROW_HEIGHT      38.0
#define NFL_TOPO_LO_ROW_HEIGHT   22.0
#define NFL_TOPO_PADDING         14.0
#define NFL_TOPO_RADIUS          12.0
#define NFL_TOPO_PORT_RADIUS      5.0
#define NFL_TOPO_HANDLE_RADIUS    8.0
/* Below this zoom the interface rows are not labelled (unreadable). */
#define NFL_TOPO_TEXT_MIN_ZOOM    0.35

typedef struct {
  GdkRGBA canvas;      /* background */
  GdkRGBA card;        /* box fill, opaque */
  GdkRGBA fg;          /* text */
  GdkRGBA dim;         /* secondary text */
  GdkRGBA faint;       /* lo */
  GdkRGBA border;
  GdkRGBA separator;
  GdkRGBA shadow;
  GdkRGBA link;
  GdkRGBA grid;
  GdkRGBA pill;        /* the "host" badge */
  GdkRGBA accent_bg;
  GdkRGBA accent_fg;
  GdkRGBA accent;      /* accent as text */
  GdkRGBA accent_pill; /* the "router" badge */
  GdkRGBA hover;       /* a box under the pointer */
  GdkRGBA band;        /* rubber band fill */
} NflTopoPalette;

/* From the theme's named colours: @card may be translucent (dark style);
 * it is laid over @canvas so that links never show through a box. */
void nfl_topo_palette_init       (NflTopoPalette *palette,
                                  const GdkRGBA  *fg,
                                  const GdkRGBA  *canvas,
                                  const GdkRGBA  *card,
                                  const GdkRGBA  *accent_bg,
                                  const GdkRGBA  *accent_fg,
                                  const GdkRGBA  *accent,
                                  gboolean        dark);
/* Adwaita's light colours, for image export. */
void nfl_topo_palette_init_light (NflTopoPalette *palette);

typedef enum {
  NFL_TOPO_SIDE_LEFT  = -1,
  NFL_TOPO_SIDE_NONE  =  0,   /* lo: no port */
  NFL_TOPO_SIDE_RIGHT =  1,
} NflTopoSide;

typedef struct {
  char        *name;
  char        *addresses;     /* "10.1.0.1/32, 10.9.0.1/24", "" for none */
  gboolean     loopback;
  gboolean     up;
  NflTopoSide  side;
  double       row_y;         /* top of the row, from the box's top */
  double       row_height;
  int          peer_node;     /* -1: not linked to a namespace */
  int          peer_port;
  PangoLayout *label;         /* name (lo: name and address) */
  PangoLayout *address;       /* NULL for lo */
} NflTopoPort;

/* A namespace's box, or a bridge's: the bridge's box holds its ports
 * (which its namespace's box leaves out) and is joined to the bridge's row
 * in that box by a dashed line. */
typedef struct {
  char        *name;          /* unique: the namespace's, or "NS/BRIDGE" */
  char        *ns_name;       /* the namespace (a bridge's: the one it is in) */
  char        *label;         /* the title: the namespace's or the bridge's name */
  gboolean     bridge;
  /* a bridge's: where the line from its namespace arrives, the left or
   * right end of its header, or (NONE) the middle of its top edge when the
   * box is well below its namespace's */
  NflTopoSide  header_side;
  gboolean     router;
  double       x, y;          /* document units: the scenario's */
  double       height;
  gboolean     moving;        /* drawn at the geometry's move offset */
  NflTopoPort *ports;
  guint        n_ports;
  PangoLayout *title;
  PangoLayout *role;
  guint64      hash;          /* of everything drawn for it but its place */
  cairo_surface_t *image;     /* as drawn last, at image_scale, image_zoom */
  double       image_scale;   /* device pixels per document unit */
  double       image_zoom;
} NflTopoNode;

typedef struct {
  guint node_a, port_a;
  guint node_b, port_b;       /* a membership line: node_b's n_ports, its header */
  gboolean membership;        /* a bridge's row to the bridge's box */
} NflTopoLink;

typedef struct {
  NflTopoNode     *nodes;
  guint            n_nodes;
  NflTopoLink     *links;
  guint            n_links;
  GHashTable      *by_name;    /* name → index + 1 */
  double           move_dx, move_dy;
  gboolean         has_layouts;
} NflTopoGeometry;

NflTopoGeometry *nfl_topo_geometry_new       (NflScenario      *scenario);
void             nfl_topo_geometry_free      (NflTopoGeometry  *geometry);
/* Drops the boxes' images (the colours changed). */
void             nfl_topo_geometry_forget_images (NflTopoGeometry *geometry);
int              nfl_topo_geometry_find      (NflTopoGeometry  *geometry,
                                              const char       *name);
/* The Pango layouts of every box, made with @context (document units);
 * those of a box that shows the same in @previous (made with the same
 * context, or NULL) are taken from it. */
void             nfl_topo_geometry_ensure_layouts (NflTopoGeometry *geometry,
                                                   PangoContext    *context,
                                                   NflTopoGeometry *previous);
/* The box of @node where it is drawn (with the move offset when moving). */
graphene_rect_t  nfl_topo_node_rect          (NflTopoGeometry  *geometry,
                                              guint             node);
void             nfl_topo_port_center        (NflTopoGeometry  *geometry,
                                              guint             node,
                                              guint             port,
                                              double           *x,
                                              double           *y);
/* Where the "drag to link" handle of @node sits (its right edge). */
void             nfl_topo_handle_center      (NflTopoGeometry  *geometry,
                                              guint             node,
                                              double           *x,
                                              double           *y);
/* The bezier of a link: start, two control points, end (document units). */
void             nfl_topo_link_curve         (NflTopoGeometry  *geometry,
                                              const NflTopoLink *link,
                                              graphene_point_t  points[4]);
/* Whether (x, y) is within @tolerance of the curve. */
gboolean         nfl_topo_curve_hit          (const graphene_point_t points[4],
                                              double            x,
                                              double            y,
                                              double            tolerance);
/* Every box, and what is empty (0×0 at the origin) without namespaces. */
graphene_rect_t  nfl_topo_geometry_bounds    (NflTopoGeometry  *geometry);
gboolean         nfl_topo_geometry_node_touches_moving (NflTopoGeometry *geometry,
                                                        const NflTopoLink *link);

typedef enum {
  NFL_TOPO_PAINT_ALL,
  NFL_TOPO_PAINT_STILL,    /* all but the moving boxes and their links */
  NFL_TOPO_PAINT_MOVING,   /* only those */
} NflTopoPaintWhich;

/* Draws the topology with cairo in document units (set the transform
 * first; @geometry needs its layouts) as it looks at @zoom, which sets the
 * thinnest lines and smallest ports and whether interface rows are
 * labelled.  With @area (document units), only what reaches into it. */
void             nfl_topo_paint_cairo        (cairo_t          *cr,
                                              NflTopoGeometry  *geometry,
                                              const NflTopoPalette *palette,
                                              double            zoom,
                                              const graphene_rect_t *area,
                                              NflTopoPaintWhich which);
/* Where nfl_topo_paint_cairo () draws (document units; empty for none). */
graphene_rect_t  nfl_topo_paint_bounds       (NflTopoGeometry  *geometry,
                                              double            zoom,
                                              NflTopoPaintWhich which);
/* Fingerprints of what nfl_topo_paint_cairo () draws into each of
 * @areas: equal fingerprints, equal pixels (for the same zoom and
 * palette). */
void             nfl_topo_paint_fingerprints (NflTopoGeometry  *geometry,
                                              double            zoom,
                                              NflTopoPaintWhich which,
                                              const graphene_rect_t *areas,
                                              guint             n_areas,
                                              guint64          *fingerprints);

void             nfl_topo_rgba_to_cairo      (cairo_t          *cr,
                                              const GdkRGBA    *rgba);

G_END_DECLS
