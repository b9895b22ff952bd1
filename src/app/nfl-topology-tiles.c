/* nfl-topology-tiles.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "nfl-topology-tiles.h"

#define T NFL_TOPO_TILE_SIZE
/* Tiles this many tiles away from the area seen are kept (a pan back
 * finds them), farther ones dropped. */
#define KEEP_AROUND 2

typedef struct {
  int              column;
  int              row;
  guint64          fingerprint;
  guint64          serial;    /* of the content the fingerprint was checked against */
  cairo_surface_t *surface;
  GdkTexture      *texture;   /* made from surface when first appended */
} Tile;

struct _NflTopoTiles
{
  double      zoom;
  int         scale;
  GHashTable *tiles;          /* key (column, row) → Tile */
  double      tile_us;        /* what drawing a tile has taken, on average */
  gboolean    starved;        /* the last update had no time for any tile */
  guint       n_drawn;
};

static GdkTexture *
texture_new_for_image (cairo_surface_t *image)
{
  int stride = cairo_image_surface_get_stride (image);
  int height = cairo_image_surface_get_height (image);
  g_autoptr(GBytes) bytes = NULL;

  cairo_surface_flush (image);
  bytes = g_bytes_new (cairo_image_surface_get_data (image), (gsize) stride * height);
  /* GDK_MEMORY_DEFAULT is cairo's ARGB32 on every byte order */
  return gdk_memory_texture_new (cairo_image_surface_get_width (image), height, GDK_MEMORY_DEFAULT, bytes, stride);
}

static gint64
tile_key (int column,
          int row)
{
  return ((gint64) column << 32) | (guint32) row;
}

static Tile *
find_tile (NflTopoTiles *tiles,
           int           column,
           int           row)
{
  gint64 key = tile_key (column, row);

  return g_hash_table_lookup (tiles->tiles, &key);
}

static void
tile_free (gpointer data)
{
  Tile *tile = data;

  cairo_surface_destroy (tile->surface);
  g_clear_object (&tile->texture);
  g_free (tile);
}

NflTopoTiles *
nfl_topo_tiles_new (double zoom,
                    int    scale)
{
  NflTopoTiles *tiles;

  g_return_val_if_fail (zoom > 0, NULL);

  tiles = g_new0 (NflTopoTiles, 1);
  tiles->zoom = zoom;
  tiles->scale = MAX (1, scale);
  tiles->tiles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, tile_free);
  return tiles;
}

void
nfl_topo_tiles_free (NflTopoTiles *tiles)
{
  if (tiles == NULL)
    return;
  g_hash_table_unref (tiles->tiles);
  g_free (tiles);
}

double
nfl_topo_tiles_get_zoom (NflTopoTiles *tiles)
{
  return tiles->zoom;
}

int
nfl_topo_tiles_get_scale (NflTopoTiles *tiles)
{
  return tiles->scale;
}

gboolean
nfl_topo_tiles_is_empty (NflTopoTiles *tiles)
{
  return g_hash_table_size (tiles->tiles) == 0;
}

guint
nfl_topo_tiles_get_n_tiles (NflTopoTiles *tiles)
{
  return g_hash_table_size (tiles->tiles);
}

guint
nfl_topo_tiles_get_n_drawn (NflTopoTiles *tiles)
{
  return tiles->n_drawn;
}

/* The tiles that cover @area: columns [*c0, *c1], rows [*r0, *r1]. */
static void
tile_range (const graphene_rect_t *area,
            int                   *c0,
            int                   *r0,
            int                   *c1,
            int                   *r1)
{
  *c0 = (int) floor (area->origin.x / T);
  *r0 = (int) floor (area->origin.y / T);
  *c1 = (int) ceil ((area->origin.x + area->size.width) / T) - 1;
  *r1 = (int) ceil ((area->origin.y + area->size.height) / T) - 1;
  *c1 = MAX (*c1, *c0);
  *r1 = MAX (*r1, *r0);
}

static graphene_rect_t
tile_document_rect (NflTopoTiles *tiles,
                    int           column,
                    int           row)
{
  return GRAPHENE_RECT_INIT (column * T / tiles->zoom, row * T / tiles->zoom, T / tiles->zoom, T / tiles->zoom);
}

/* The dotted grid, in zoomed pixels: a dot every grid unit, or every five
 * when that would be too dense; on whole pixels so that it stays crisp. */
static void
paint_grid (cairo_t              *cr,
            NflTopoTiles         *tiles,
            const NflTopoPalette *palette,
            int                   column,
            int                   row)
{
  double spacing = NFL_TOPO_GRID * tiles->zoom;
  double dot = tiles->zoom >= 1.5 ? 2 : 1.5;
  double x0 = column * T, y0 = row * T;
  gint64 k0, l0;

  while (spacing < 14)
    spacing *= 5;
  k0 = (gint64) ceil ((x0 - dot) / spacing);
  l0 = (gint64) ceil ((y0 - dot) / spacing);
  for (gint64 k = k0; k * spacing < x0 + T + dot; k++)
    for (gint64 l = l0; l * spacing < y0 + T + dot; l++)
      cairo_rectangle (cr, floor (k * spacing) + 0.5 - dot / 2, floor (l * spacing) + 0.5 - dot / 2, dot, dot);
  nfl_topo_rgba_to_cairo (cr, &palette->grid);
  cairo_fill (cr);
}

static void
draw_tile (NflTopoTiles          *tiles,
           Tile                  *tile,
           NflTopoGeometry       *geometry,
           const NflTopoPalette  *palette,
           const graphene_rect_t *document_area)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, T * tiles->scale, T * tiles->scale);
  cairo_t *cr;

  cairo_surface_set_device_scale (surface, tiles->scale, tiles->scale);
  cr = cairo_create (surface);
  cairo_translate (cr, -tile->column * T, -tile->row * T);
  nfl_topo_rgba_to_cairo (cr, &palette->canvas);
  cairo_paint (cr);
  paint_grid (cr, tiles, palette, tile->column, tile->row);
  if (geometry != NULL)
    {
      cairo_scale (cr, tiles->zoom, tiles->zoom);
      nfl_topo_paint_cairo (cr, geometry, palette, tiles->zoom, document_area, NFL_TOPO_PAINT_STILL);
    }
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* a new surface rather than drawing over the old one: a frame's
   * recording may still show the old one */
  g_clear_pointer (&tile->surface, cairo_surface_destroy);
  g_clear_object (&tile->texture);
  tile->surface = surface;
}

typedef struct {
  Tile           *tile;
  guint64         fingerprint;
  graphene_rect_t document_area;
  gboolean        missing;
  double          distance;   /* from the middle of the area */
} Pending;

static int
compare_pending (gconstpointer a,
                 gconstpointer b)
{
  const Pending *x = a, *y = b;

  /* a gap before a stale tile, then from the middle out */
  if (x->missing != y->missing)
    return x->missing ? -1 : 1;
  return (x->distance > y->distance) - (x->distance < y->distance);
}

static void
drop_far_tiles (NflTopoTiles *tiles,
                int           c0,
                int           r0,
                int           c1,
                int           r1)
{
  GHashTableIter iter;
  Tile *tile;

  g_hash_table_iter_init (&iter, tiles->tiles);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &tile))
    if (tile->column < c0 - KEEP_AROUND || tile->column > c1 + KEEP_AROUND ||
        tile->row < r0 - KEEP_AROUND || tile->row > r1 + KEEP_AROUND)
      g_hash_table_iter_remove (&iter);
}

gboolean
nfl_topo_tiles_update (NflTopoTiles          *tiles,
                       NflTopoGeometry       *geometry,
                       guint64                serial,
                       const NflTopoPalette  *palette,
                       const graphene_rect_t *area,
                       gint64                 deadline)
{
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (Pending));
  double middle_x = area->origin.x + area->size.width / 2;
  double middle_y = area->origin.y + area->size.height / 2;
  int c0, r0, c1, r1;
  guint done = 0;

  g_return_val_if_fail (tiles != NULL, TRUE);
  g_return_val_if_fail (palette != NULL, TRUE);

  tile_range (area, &c0, &r0, &c1, &r1);
  drop_far_tiles (tiles, c0, r0, c1, r1);
  for (int row = r0; row <= r1; row++)
    for (int column = c0; column <= c1; column++)
      {
        Pending p = { find_tile (tiles, column, row), 0, tile_document_rect (tiles, column, row), FALSE,
                      hypot ((column + 0.5) * T - middle_x, (row + 0.5) * T - middle_y) };

        /* checked already: nothing has changed since */
        if (p.tile != NULL && p.tile->serial == serial)
          continue;
        if (p.tile == NULL)
          {
            p.tile = g_new0 (Tile, 1);
            p.tile->column = column;
            p.tile->row = row;
            p.missing = TRUE;
          }
        g_array_append_val (pending, p);
      }

  /* what the tiles to check show now, and which of them show it already */
  {
    g_autofree graphene_rect_t *areas = g_new (graphene_rect_t, MAX (1, pending->len));
    g_autofree guint64 *fingerprints = g_new (guint64, MAX (1, pending->len));
    guint kept = 0;

    for (guint i = 0; i < pending->len; i++)
      areas[i] = g_array_index (pending, Pending, i).document_area;
    nfl_topo_paint_fingerprints (geometry, tiles->zoom, NFL_TOPO_PAINT_STILL, areas, pending->len, fingerprints);
    for (guint i = 0; i < pending->len; i++)
      {
        Pending *p = &g_array_index (pending, Pending, i);

        p->fingerprint = fingerprints[i];
        if (!p->missing && p->tile->fingerprint == p->fingerprint)
          p->tile->serial = serial;
        else
          g_array_index (pending, Pending, kept++) = *p;
      }
    g_array_set_size (pending, kept);
  }
  g_array_sort (pending, compare_pending);

  for (done = 0; done < pending->len; done++)
    {
      Pending *p = &g_array_index (pending, Pending, done);

      gint64 start = g_get_monotonic_time ();

      /* No tile that would likely end past the deadline.  But one at
       * least where there is none yet (unless the frame's time was up
       * before: the next frame's is not), and a stale one at least every
       * other frame, however little time changes leave. */
      if (deadline != 0 && start + tiles->tile_us > deadline &&
          (done > 0 || start >= deadline || (!p->missing && !tiles->starved)))
        break;
      draw_tile (tiles, p->tile, geometry, palette, &p->document_area);
      tiles->n_drawn++;
      tiles->tile_us = 0.8 * tiles->tile_us + 0.2 * (g_get_monotonic_time () - start);
      p->tile->fingerprint = p->fingerprint;
      p->tile->serial = serial;
      if (p->missing)
        g_hash_table_insert (tiles->tiles, g_memdup2 (&(gint64) { tile_key (p->tile->column, p->tile->row) }, sizeof (gint64)),
                             p->tile);
    }
  tiles->starved = done == 0 && pending->len > 0;
  /* tiles made for a gap that there was no time for */
  for (guint i = done; i < pending->len; i++)
    {
      Pending *p = &g_array_index (pending, Pending, i);

      if (p->missing)
        tile_free (p->tile);
    }
  return done == pending->len;
}

/* Where tile (@column, @row) lands in widget pixels, in whole pixels:
 * neighbours meet without a gap or an overlap at any scale. */
static void
widget_rect (int                 column,
             int                 row,
             const NflTopoPlace *place,
             cairo_rectangle_t  *rect)
{
  double x0 = round (column * T * place->scale + place->x);
  double y0 = round (row * T * place->scale + place->y);

  rect->x = x0;
  rect->y = y0;
  rect->width = round ((column + 1) * T * place->scale + place->x) - x0;
  rect->height = round ((row + 1) * T * place->scale + place->y) - y0;
}

void
nfl_topo_tiles_clip_to_missing (NflTopoTiles          *tiles,
                                cairo_t               *cr,
                                const graphene_rect_t *area,
                                const NflTopoPlace    *place)
{
  int c0, r0, c1, r1;

  tile_range (area, &c0, &r0, &c1, &r1);
  for (int row = r0; row <= r1; row++)
    for (int column = c0; column <= c1; column++)
      {
        cairo_rectangle_t rect;

        if (find_tile (tiles, column, row) != NULL)
          continue;
        widget_rect (column, row, place, &rect);
        cairo_rectangle (cr, rect.x, rect.y, rect.width, rect.height);
      }
  cairo_clip (cr);
}

void
nfl_topo_tiles_paint (NflTopoTiles          *tiles,
                      cairo_t               *cr,
                      const graphene_rect_t *area,
                      const NflTopoPlace    *place,
                      cairo_filter_t         filter,
                      const GdkRGBA         *missing)
{
  int c0, r0, c1, r1;

  /* A tile covers everything under it: copied, not blended, into whole
   * pixels, the pattern doing the scaling.  With the cairo renderer that
   * is a plain copy unscaled, and pixman's fast scaling otherwise. */
  cairo_save (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  tile_range (area, &c0, &r0, &c1, &r1);
  for (int row = r0; row <= r1; row++)
    for (int column = c0; column <= c1; column++)
      {
        Tile *tile = find_tile (tiles, column, row);
        cairo_pattern_t *pattern;
        cairo_rectangle_t rect;
        cairo_matrix_t matrix;

        widget_rect (column, row, place, &rect);
        if (tile == NULL)
          {
            if (missing != NULL)
              {
                nfl_topo_rgba_to_cairo (cr, missing);
                cairo_rectangle (cr, rect.x, rect.y, rect.width, rect.height);
                cairo_fill (cr);
              }
            continue;
          }
        /* widget pixel → the tile's own pixels */
        cairo_matrix_init (&matrix, 1 / place->scale, 0, 0, 1 / place->scale,
                           -place->x / place->scale - column * T, -place->y / place->scale - row * T);
        pattern = cairo_pattern_create_for_surface (tile->surface);
        cairo_pattern_set_matrix (pattern, &matrix);
        cairo_pattern_set_filter (pattern, filter);
        /* a widget pixel at the very edge may sample just outside */
        cairo_pattern_set_extend (pattern, CAIRO_EXTEND_PAD);
        cairo_set_source (cr, pattern);
        cairo_pattern_destroy (pattern);
        cairo_rectangle (cr, rect.x, rect.y, rect.width, rect.height);
        cairo_fill (cr);
      }
  cairo_restore (cr);
}

void
nfl_topo_tiles_append (NflTopoTiles          *tiles,
                       GtkSnapshot           *snapshot,
                       const graphene_rect_t *area)
{
  int c0, r0, c1, r1;

  tile_range (area, &c0, &r0, &c1, &r1);
  for (int row = r0; row <= r1; row++)
    for (int column = c0; column <= c1; column++)
      {
        Tile *tile = find_tile (tiles, column, row);

        if (tile == NULL)
          continue;
        if (tile->texture == NULL)
          tile->texture = texture_new_for_image (tile->surface);
        gtk_snapshot_append_texture (snapshot, tile->texture, &GRAPHENE_RECT_INIT (column * T, row * T, T, T));
      }
}
