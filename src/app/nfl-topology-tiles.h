/* nfl-topology-tiles.h: the canvas's still layer, in cached tiles
 *
 * Everything on the canvas that does not follow the pointer (background,
 * grid, links, boxes) is drawn with cairo into square tiles of the zoomed
 * document, each kept with a fingerprint of what it shows.  A frame paints
 * the tiles it sees and draws again only those whose fingerprint changed,
 * for as long as its time allows, so that moving one box redraws the few
 * tiles under it and no frame waits for all of them; panning reuses every
 * tile.  Tiles are kept for one zoom: a new zoom starts a new set.
 *
 * Coordinates are "zoomed pixels": document units × zoom, so the widget
 * pixel of a zoomed pixel p is p + the view's (whole-pixel) offset.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "nfl-topology-painter.h"

G_BEGIN_DECLS

#define NFL_TOPO_TILE_SIZE 256

typedef struct _NflTopoTiles NflTopoTiles;

/* @scale: the widget's scale factor (device pixels per widget pixel) */
NflTopoTiles *nfl_topo_tiles_new       (double                 zoom,
                                        int                    scale);
void          nfl_topo_tiles_free      (NflTopoTiles          *tiles);
double        nfl_topo_tiles_get_zoom  (NflTopoTiles          *tiles);
int           nfl_topo_tiles_get_scale (NflTopoTiles          *tiles);
gboolean      nfl_topo_tiles_is_empty  (NflTopoTiles          *tiles);
/* How many tiles there are, and how many were drawn since @tiles was made. */
guint         nfl_topo_tiles_get_n_tiles (NflTopoTiles        *tiles);
guint         nfl_topo_tiles_get_n_drawn (NflTopoTiles        *tiles);
/* Draws the tiles of @area (zoomed pixels) that are missing or show
 * something else than @geometry (NULL: none) now, most needed first, as
 * many as likely end before g_get_monotonic_time () reaches @deadline (0:
 * all) and at least one if it has not been reached yet.
 * Returns whether every tile of @area is up to date.  Tiles well away
 * from @area are dropped.  @serial: changes whenever what @geometry shows
 * may have changed; a tile checked at this serial is not checked again. */
gboolean      nfl_topo_tiles_update    (NflTopoTiles          *tiles,
                                        NflTopoGeometry       *geometry,
                                        guint64                serial,
                                        const NflTopoPalette  *palette,
                                        const graphene_rect_t *area,
                                        gint64                 deadline);
/* Where tiles are painted: widget pixel = zoomed pixel × scale + (x, y). */
typedef struct {
  double scale;
  double x;
  double y;
} NflTopoPlace;

/* Paints the tiles of @area that there are (up to date or not) at @place,
 * scaled with @filter, and where there are none, @missing (NULL: nothing). */
void          nfl_topo_tiles_paint     (NflTopoTiles          *tiles,
                                        cairo_t               *cr,
                                        const graphene_rect_t *area,
                                        const NflTopoPlace    *place,
                                        cairo_filter_t         filter,
                                        const GdkRGBA         *missing);
/* Clips @cr to where the tiles of @area at @place are still missing (what
 * stands in for them is painted there only). */
void          nfl_topo_tiles_clip_to_missing (NflTopoTiles    *tiles,
                                        cairo_t               *cr,
                                        const graphene_rect_t *area,
                                        const NflTopoPlace    *place);
/* The same as texture nodes (a GL renderer keeps their textures). */
void          nfl_topo_tiles_append    (NflTopoTiles          *tiles,
                                        GtkSnapshot           *snapshot,
                                        const graphene_rect_t *area);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NflTopoTiles, nfl_topo_tiles_free)

G_END_DECLS
