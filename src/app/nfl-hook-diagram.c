/* nfl-hook-diagram.c: the netfilter hooks of one namespace, and where the
 * packet is among them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The boxes and arrows only change with the size, the namespace and the
 * style, so they are recorded once as a render node and replayed, as
 * Sysprof caches its charts; each frame of the moving packet only draws
 * the highlights and the packet on top.  Where the packet is and which
 * boxes it skips comes from the engine's playback: the diagram computes
 * nothing about netfilter.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "nfl-hook-diagram.h"

#define COLUMNS 12
#define ROWS    5
#define MOVE_MS 260

typedef struct {
  const char *label;      /* two lines: table, chain */
  int         col, row;
  int         hook;       /* NflHook of a table box, else -1 */
  int         table;      /* NflTableId of a table box, else -1 */
} BoxInfo;

static const BoxInfo boxes[NFL_N_HOOK_BOXES] = {
  [NFL_HOOK_BOX_WIRE_IN]              = { N_("wire\nin"), 0, 0, -1, -1 },
  [NFL_HOOK_BOX_RAW_PREROUTING]       = { "raw\nPREROUTING", 1, 0, NFL_HOOK_PREROUTING, NFL_TABLE_RAW },
  [NFL_HOOK_BOX_CONNTRACK_PREROUTING] = { N_("conntrack\n"), 2, 0, -1, -1 },
  [NFL_HOOK_BOX_MANGLE_PREROUTING]    = { "mangle\nPREROUTING", 3, 0, NFL_HOOK_PREROUTING, NFL_TABLE_MANGLE },
  [NFL_HOOK_BOX_NAT_PREROUTING]       = { "nat\nPREROUTING", 4, 0, NFL_HOOK_PREROUTING, NFL_TABLE_NAT },
  [NFL_HOOK_BOX_ROUTING]              = { N_("routing\ndecision"), 5, 0, -1, -1 },
  [NFL_HOOK_BOX_MANGLE_INPUT]         = { "mangle\nINPUT", 5, 1, NFL_HOOK_INPUT, NFL_TABLE_MANGLE },
  [NFL_HOOK_BOX_FILTER_INPUT]         = { "filter\nINPUT", 5, 2, NFL_HOOK_INPUT, NFL_TABLE_FILTER },
  [NFL_HOOK_BOX_NAT_INPUT]            = { "nat\nINPUT", 5, 3, NFL_HOOK_INPUT, NFL_TABLE_NAT },
  [NFL_HOOK_BOX_LOCAL_PROCESS]        = { N_("local\nprocess"), 5, 4, -1, -1 },
  [NFL_HOOK_BOX_ROUTING_OUTPUT]       = { N_("routing\ndecision"), 6, 4, -1, -1 },
  [NFL_HOOK_BOX_RAW_OUTPUT]           = { "raw\nOUTPUT", 7, 4, NFL_HOOK_OUTPUT, NFL_TABLE_RAW },
  [NFL_HOOK_BOX_CONNTRACK_OUTPUT]     = { N_("conntrack\n"), 8, 4, -1, -1 },
  [NFL_HOOK_BOX_MANGLE_OUTPUT]        = { "mangle\nOUTPUT", 9, 4, NFL_HOOK_OUTPUT, NFL_TABLE_MANGLE },
  [NFL_HOOK_BOX_NAT_OUTPUT]           = { "nat\nOUTPUT", 9, 3, NFL_HOOK_OUTPUT, NFL_TABLE_NAT },
  [NFL_HOOK_BOX_FILTER_OUTPUT]        = { "filter\nOUTPUT", 9, 2, NFL_HOOK_OUTPUT, NFL_TABLE_FILTER },
  [NFL_HOOK_BOX_REROUTE]              = { N_("reroute\ncheck"), 9, 1, -1, -1 },
  [NFL_HOOK_BOX_MANGLE_FORWARD]       = { "mangle\nFORWARD", 6, 0, NFL_HOOK_FORWARD, NFL_TABLE_MANGLE },
  [NFL_HOOK_BOX_FILTER_FORWARD]       = { "filter\nFORWARD", 7, 0, NFL_HOOK_FORWARD, NFL_TABLE_FILTER },
  [NFL_HOOK_BOX_MANGLE_POSTROUTING]   = { "mangle\nPOSTROUTING", 9, 0, NFL_HOOK_POSTROUTING, NFL_TABLE_MANGLE },
  [NFL_HOOK_BOX_NAT_POSTROUTING]      = { "nat\nPOSTROUTING", 10, 0, NFL_HOOK_POSTROUTING, NFL_TABLE_NAT },
  [NFL_HOOK_BOX_WIRE_OUT]             = { N_("wire\nout"), 11, 0, -1, -1 },
};

static const struct { NflHookBox from, to; } arrows[] = {
  { NFL_HOOK_BOX_WIRE_IN, NFL_HOOK_BOX_RAW_PREROUTING },
  { NFL_HOOK_BOX_RAW_PREROUTING, NFL_HOOK_BOX_CONNTRACK_PREROUTING },
  { NFL_HOOK_BOX_CONNTRACK_PREROUTING, NFL_HOOK_BOX_MANGLE_PREROUTING },
  { NFL_HOOK_BOX_MANGLE_PREROUTING, NFL_HOOK_BOX_NAT_PREROUTING },
  { NFL_HOOK_BOX_NAT_PREROUTING, NFL_HOOK_BOX_ROUTING },
  { NFL_HOOK_BOX_ROUTING, NFL_HOOK_BOX_MANGLE_FORWARD },
  { NFL_HOOK_BOX_MANGLE_FORWARD, NFL_HOOK_BOX_FILTER_FORWARD },
  { NFL_HOOK_BOX_FILTER_FORWARD, NFL_HOOK_BOX_MANGLE_POSTROUTING },
  { NFL_HOOK_BOX_ROUTING, NFL_HOOK_BOX_MANGLE_INPUT },
  { NFL_HOOK_BOX_MANGLE_INPUT, NFL_HOOK_BOX_FILTER_INPUT },
  { NFL_HOOK_BOX_FILTER_INPUT, NFL_HOOK_BOX_NAT_INPUT },
  { NFL_HOOK_BOX_NAT_INPUT, NFL_HOOK_BOX_LOCAL_PROCESS },
  { NFL_HOOK_BOX_LOCAL_PROCESS, NFL_HOOK_BOX_ROUTING_OUTPUT },
  { NFL_HOOK_BOX_ROUTING_OUTPUT, NFL_HOOK_BOX_RAW_OUTPUT },
  { NFL_HOOK_BOX_RAW_OUTPUT, NFL_HOOK_BOX_CONNTRACK_OUTPUT },
  { NFL_HOOK_BOX_CONNTRACK_OUTPUT, NFL_HOOK_BOX_MANGLE_OUTPUT },
  { NFL_HOOK_BOX_MANGLE_OUTPUT, NFL_HOOK_BOX_NAT_OUTPUT },
  { NFL_HOOK_BOX_NAT_OUTPUT, NFL_HOOK_BOX_FILTER_OUTPUT },
  { NFL_HOOK_BOX_FILTER_OUTPUT, NFL_HOOK_BOX_REROUTE },
  { NFL_HOOK_BOX_REROUTE, NFL_HOOK_BOX_MANGLE_POSTROUTING },
  { NFL_HOOK_BOX_MANGLE_POSTROUTING, NFL_HOOK_BOX_NAT_POSTROUTING },
  { NFL_HOOK_BOX_NAT_POSTROUTING, NFL_HOOK_BOX_WIRE_OUT },
};

struct _NflHookDiagram {
  GtkWidget     parent_instance;

  char         *ns;
  NflHookBox    current;
  NflHookBox    previous;
  gboolean      dropped;
  gboolean      taken[NFL_N_HOOK_BOXES];
  char         *skipped[NFL_N_HOOK_BOXES];   /* why, or NULL */
  AdwAnimation *move;

  /* the boxes and arrows, for this size and style */
  GskRenderNode *background;
  int            background_width, background_height;
  gboolean       background_dark;
};

G_DEFINE_FINAL_TYPE (NflHookDiagram, nfl_hook_diagram, GTK_TYPE_WIDGET)

const char *
nfl_hook_box_get_label (NflHookBox box)
{
  g_return_val_if_fail (box >= 0 && box < NFL_N_HOOK_BOXES, NULL);
  return boxes[box].label;
}

/* ---------------------------------------------------------------------- */
/* which box a step is in                                                  */
/* ---------------------------------------------------------------------- */

static NflHookBox
table_box (int hook,
           int table)
{
  for (int i = 0; i < NFL_N_HOOK_BOXES; i++)
    if (boxes[i].hook == hook && boxes[i].table == table && hook >= 0)
      return i;
  return NFL_HOOK_BOX_NONE;
}

NflHookBox
nfl_hook_box_for_step (NflPlayback *playback,
                       guint        index)
{
  const NflPlaybackStep *step = nfl_playback_get_step (playback, index);
  const NflTraceEvent *event;

  if (step == NULL)
    return NFL_HOOK_BOX_NONE;
  event = nfl_trace_get_event (nfl_playback_get_trace (playback), step->event);
  if (step->table >= 0 && step->hook >= 0)
    return table_box (step->hook, step->table);
  switch (step->kind)
    {
    case NFL_EVENT_CONNTRACK:
      return step->hook == NFL_HOOK_OUTPUT ? NFL_HOOK_BOX_CONNTRACK_OUTPUT : NFL_HOOK_BOX_CONNTRACK_PREROUTING;
    case NFL_EVENT_NAT:
      if (step->hook >= 0)
        return table_box (step->hook, NFL_TABLE_NAT);
      return NFL_HOOK_BOX_ROUTING;
    case NFL_EVENT_ROUTE:
      if (event->text != NULL && g_str_has_prefix (event->text, "routed again"))
        return NFL_HOOK_BOX_REROUTE;
      /* a packet made here is routed before OUTPUT; one that came in,
       * after PREROUTING */
      for (guint i = index; i-- > 0;)
        {
          const NflPlaybackStep *before = nfl_playback_get_step (playback, i);
          if (before->packet != step->packet || before->ns != step->ns)
            break;
          if (before->kind == NFL_EVENT_PACKET_CREATED)
            return NFL_HOOK_BOX_ROUTING_OUTPUT;
          if (before->hook == NFL_HOOK_PREROUTING)
            return NFL_HOOK_BOX_ROUTING;
        }
      return NFL_HOOK_BOX_ROUTING;
    case NFL_EVENT_LINK:
      return NFL_HOOK_BOX_WIRE_OUT;
    case NFL_EVENT_PACKET_CREATED:
    case NFL_EVENT_DELIVERED:
    case NFL_EVENT_OUTCOME:
      return NFL_HOOK_BOX_LOCAL_PROCESS;
    case NFL_EVENT_CHANGED:
    case NFL_EVENT_DROPPED:
    default:
      /* where the step before it was: the TTL at forwarding, a drop by
       * routing */
      if (index > 0)
        {
          const NflPlaybackStep *before = nfl_playback_get_step (playback, index - 1);
          if (before->packet == step->packet && before->ns == step->ns)
            {
              NflHookBox box = nfl_hook_box_for_step (playback, index - 1);
              return box == NFL_HOOK_BOX_NAT_PREROUTING || box == NFL_HOOK_BOX_CONNTRACK_PREROUTING ?
                     NFL_HOOK_BOX_ROUTING : box;
            }
        }
      return NFL_HOOK_BOX_ROUTING;
    }
}

void
nfl_hook_diagram_show_step (NflHookDiagram *self,
                            NflPlayback    *playback,
                            guint           position,
                            gboolean        animate)
{
  const NflPlaybackStep *step;
  const char *ns = NULL;
  NflHookBox box;

  g_return_if_fail (NFL_IS_HOOK_DIAGRAM (self));

  memset (self->taken, 0, sizeof self->taken);
  for (int i = 0; i < NFL_N_HOOK_BOXES; i++)
    g_clear_pointer (&self->skipped[i], g_free);
  self->dropped = FALSE;
  box = NFL_HOOK_BOX_NONE;

  if (playback != NULL && position < nfl_playback_get_n_steps (playback))
    {
      /* the outcome is shown where the exchange ended */
      if (nfl_playback_get_step (playback, position)->kind == NFL_EVENT_OUTCOME &&
          nfl_playback_get_end_step (playback) >= 0)
        position = nfl_playback_get_end_step (playback);
      step = nfl_playback_get_step (playback, position);
      ns = nfl_trace_get_namespace_name (nfl_playback_get_trace (playback), step->ns);
      box = nfl_hook_box_for_step (playback, position);
      self->dropped = nfl_playback_step_drops (playback, position);

      /* the path of this packet through this namespace so far */
      for (guint i = position + 1; i-- > 0;)
        {
          const NflPlaybackStep *s = nfl_playback_get_step (playback, i);
          NflHookBox b;

          if (s->packet != step->packet || s->ns != step->ns)
            {
              if (s->packet == step->packet && s->kind == NFL_EVENT_LINK)
                self->taken[NFL_HOOK_BOX_WIRE_IN] = TRUE;
              break;
            }
          b = nfl_hook_box_for_step (playback, i);
          if (b != NFL_HOOK_BOX_NONE)
            self->taken[b] = TRUE;
        }
      for (int i = 0; i < NFL_N_HOOK_BOXES; i++)
        if (boxes[i].table >= 0)
          self->skipped[i] = nfl_playback_get_skip_reason (playback, position, boxes[i].hook, boxes[i].table);
    }

  if (g_strcmp0 (ns, self->ns) != 0)
    {
      g_free (self->ns);
      self->ns = g_strdup (ns);
      animate = FALSE;   /* a new namespace: the packet starts where it is */
    }
  self->previous = animate && self->current != NFL_HOOK_BOX_NONE ? self->current : box;
  self->current = box;
  adw_animation_reset (self->move);
  if (animate && self->previous != self->current)
    adw_animation_play (self->move);
  else
    adw_animation_skip (self->move);

  {
    g_autofree char *description = NULL;
    if (box != NFL_HOOK_BOX_NONE)
      {
        g_autofree char *label = g_strdelimit (g_strdup (_(boxes[box].label)), "\n", ' ');
        description = g_strdup_printf (_("%s: the packet is at %s"), ns, g_strstrip (label));
      }
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                    description ? description : _("No packet sent yet"), -1);
  }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

NflHookBox
nfl_hook_diagram_get_current_box (NflHookDiagram *self)
{
  g_return_val_if_fail (NFL_IS_HOOK_DIAGRAM (self), NFL_HOOK_BOX_NONE);
  return self->current;
}

const char *
nfl_hook_diagram_get_namespace (NflHookDiagram *self)
{
  g_return_val_if_fail (NFL_IS_HOOK_DIAGRAM (self), NULL);
  return self->ns;
}

/* ---------------------------------------------------------------------- */
/* drawing                                                                 */
/* ---------------------------------------------------------------------- */

typedef struct {
  double x, y, w, h;
} Rect;

typedef struct {
  double cell_w, cell_h, box_w, box_h, x0, y0, font;
} Layout;

static Layout
layout_for (int width,
            int height)
{
  Layout l;

  l.cell_w = width / (double) COLUMNS;
  l.cell_h = height / (double) ROWS;
  l.box_w = l.cell_w * 0.84;
  l.box_h = MIN (l.cell_h * 0.72, l.box_w * 0.62);
  l.x0 = 0;
  l.y0 = 0;
  /* "POSTROUTING" fits the box */
  l.font = CLAMP (MIN (l.box_w / 7.0, l.box_h / 3.2), 7.0, 22.0);
  return l;
}

static Rect
box_rect (const Layout *l,
          NflHookBox    box)
{
  Rect r;

  r.w = l->box_w;
  r.h = l->box_h;
  r.x = l->x0 + boxes[box].col * l->cell_w + (l->cell_w - r.w) / 2;
  r.y = l->y0 + boxes[box].row * l->cell_h + (l->cell_h - r.h) / 2;
  return r;
}

typedef struct {
  double fg[3], box[3], line[3], accent[3], taken[3], skipped[3], drop[3], packet[3];
} Palette;

static Palette
palette (gboolean dark)
{
  /* the libadwaita palette: window foreground, card, borders, accent
   * blue, success green, destructive red */
  if (dark)
    return (Palette) {
      { 1, 1, 1 }, { 0.19, 0.19, 0.21 }, { 0.55, 0.55, 0.58 }, { 0.21, 0.52, 0.89 },
      { 0.15, 0.37, 0.27 }, { 0.30, 0.30, 0.32 }, { 0.96, 0.38, 0.32 }, { 0.98, 0.80, 0.26 },
    };
  return (Palette) {
    { 0.14, 0.14, 0.16 }, { 1, 1, 1 }, { 0.55, 0.55, 0.58 }, { 0.21, 0.52, 0.89 },
    { 0.80, 0.93, 0.85 }, { 0.90, 0.90, 0.91 }, { 0.75, 0.11, 0.16 }, { 0.90, 0.65, 0.04 },
  };
}

static void
rounded_rect (cairo_t    *cr,
              const Rect *r,
              double      radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, r->x + r->w - radius, r->y + radius, radius, -G_PI_2, 0);
  cairo_arc (cr, r->x + r->w - radius, r->y + r->h - radius, radius, 0, G_PI_2);
  cairo_arc (cr, r->x + radius, r->y + r->h - radius, radius, G_PI_2, G_PI);
  cairo_arc (cr, r->x + radius, r->y + radius, radius, G_PI, 3 * G_PI_2);
  cairo_close_path (cr);
}

static void
centre_of (const Layout *l,
           NflHookBox    box,
           double       *x,
           double       *y)
{
  Rect r = box_rect (l, box);
  *x = r.x + r.w / 2;
  *y = r.y + r.h / 2;
}

/* An arrow from the edge of one box to the edge of the next. */
static void
draw_arrow (cairo_t      *cr,
            const Layout *l,
            NflHookBox    from,
            NflHookBox    to)
{
  Rect a = box_rect (l, from), b = box_rect (l, to);
  double x1, y1, x2, y2, angle, head = l->font * 0.6;

  if (boxes[from].row == boxes[to].row)
    {
      gboolean right = boxes[to].col > boxes[from].col;
      x1 = right ? a.x + a.w : a.x;
      x2 = right ? b.x : b.x + b.w;
      y1 = y2 = a.y + a.h / 2;
    }
  else if (boxes[from].col == boxes[to].col)
    {
      gboolean down = boxes[to].row > boxes[from].row;
      x1 = x2 = a.x + a.w / 2;
      y1 = down ? a.y + a.h : a.y;
      y2 = down ? b.y : b.y + b.h;
    }
  else
    {
      centre_of (l, from, &x1, &y1);
      centre_of (l, to, &x2, &y2);
    }
  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, x2, y2);
  cairo_stroke (cr);
  angle = atan2 (y2 - y1, x2 - x1);
  cairo_move_to (cr, x2, y2);
  cairo_line_to (cr, x2 - head * cos (angle - 0.45), y2 - head * sin (angle - 0.45));
  cairo_line_to (cr, x2 - head * cos (angle + 0.45), y2 - head * sin (angle + 0.45));
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
draw_label (cairo_t      *cr,
            const Layout *l,
            const Rect   *r,
            const char   *text,
            gboolean      bold)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", 2);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      n++;
  cairo_select_font_face (cr, "Cantarell", CAIRO_FONT_SLANT_NORMAL,
                          bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, l->font);
  for (guint i = 0, k = 0; lines[i] != NULL; i++)
    {
      cairo_text_extents_t ext;
      double y;

      if (*lines[i] == '\0')
        continue;
      cairo_text_extents (cr, lines[i], &ext);
      y = r->y + r->h / 2 + (k - (n - 1) / 2.0) * l->font * 1.2 + l->font * 0.35;
      cairo_move_to (cr, r->x + (r->w - ext.x_advance) / 2, y);
      cairo_show_text (cr, lines[i]);
      k++;
    }
}

static void
draw_background (cairo_t        *cr,
                 const Layout   *l,
                 const Palette  *p)
{
  cairo_set_line_width (cr, MAX (1.0, l->font / 10));
  cairo_set_source_rgb (cr, p->line[0], p->line[1], p->line[2]);
  for (guint i = 0; i < G_N_ELEMENTS (arrows); i++)
    draw_arrow (cr, l, arrows[i].from, arrows[i].to);
  for (int i = 0; i < NFL_N_HOOK_BOXES; i++)
    {
      Rect r = box_rect (l, i);
      gboolean table = boxes[i].table >= 0;

      rounded_rect (cr, &r, l->font * 0.5);
      cairo_set_source_rgb (cr, p->box[0], p->box[1], p->box[2]);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, p->line[0], p->line[1], p->line[2]);
      if (!table)
        {
          double dash = l->font * 0.4;
          cairo_set_dash (cr, &dash, 1, 0);
        }
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_set_source_rgb (cr, p->fg[0], p->fg[1], p->fg[2]);
      draw_label (cr, l, &r, table ? boxes[i].label : _(boxes[i].label), FALSE);
    }
}

static void
draw_state (NflHookDiagram *self,
            cairo_t        *cr,
            const Layout   *l,
            const Palette  *p)
{
  double t = adw_animation_get_value (self->move);

  cairo_set_line_width (cr, MAX (1.5, l->font / 6));
  for (int i = 0; i < NFL_N_HOOK_BOXES; i++)
    {
      Rect r = box_rect (l, i);

      if (self->skipped[i] != NULL && i != self->current)
        {
          double dash = l->font * 0.3;
          rounded_rect (cr, &r, l->font * 0.5);
          cairo_set_source_rgb (cr, p->skipped[0], p->skipped[1], p->skipped[2]);
          cairo_fill_preserve (cr);
          cairo_set_source_rgb (cr, p->line[0], p->line[1], p->line[2]);
          cairo_set_dash (cr, &dash, 1, 0);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          cairo_set_source_rgba (cr, p->fg[0], p->fg[1], p->fg[2], 0.45);
          draw_label (cr, l, &r, boxes[i].label, FALSE);
        }
      else if (self->taken[i] && i != self->current)
        {
          rounded_rect (cr, &r, l->font * 0.5);
          cairo_set_source_rgb (cr, p->taken[0], p->taken[1], p->taken[2]);
          cairo_fill (cr);
          cairo_set_source_rgb (cr, p->fg[0], p->fg[1], p->fg[2]);
          draw_label (cr, l, &r, boxes[i].table >= 0 ? boxes[i].label : _(boxes[i].label), FALSE);
        }
    }

  if (self->current != NFL_HOOK_BOX_NONE)
    {
      Rect r = box_rect (l, self->current);
      double x0, y0, x1, y1, x, y, radius = l->font * 0.55;

      rounded_rect (cr, &r, l->font * 0.5);
      cairo_set_source_rgb (cr, p->accent[0], p->accent[1], p->accent[2]);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      draw_label (cr, l, &r, boxes[self->current].table >= 0 ? boxes[self->current].label :
                  _(boxes[self->current].label), TRUE);

      if (self->dropped)
        {
          double d = MIN (r.w, r.h) * 0.32, cx = r.x + r.w / 2, cy = r.y + r.h / 2;
          cairo_set_source_rgb (cr, p->drop[0], p->drop[1], p->drop[2]);
          cairo_set_line_width (cr, l->font / 2.5);
          cairo_move_to (cr, cx - d, cy - d);
          cairo_line_to (cr, cx + d, cy + d);
          cairo_move_to (cr, cx + d, cy - d);
          cairo_line_to (cr, cx - d, cy + d);
          cairo_stroke (cr);
        }

      /* the packet, on its way from the previous box */
      centre_of (l, self->previous != NFL_HOOK_BOX_NONE ? self->previous : self->current, &x0, &y0);
      centre_of (l, self->current, &x1, &y1);
      x = x0 + (x1 - x0) * t;
      y = y0 + (y1 - y0) * t - r.h / 2 - radius * 0.2;
      cairo_new_path (cr);
      cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, p->packet[0], p->packet[1], p->packet[2]);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, p->fg[0] * 0.3, p->fg[1] * 0.3, p->fg[2] * 0.3);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);
    }

  if (self->ns != NULL)
    {
      /* the namespace's name, large, in the space inside the paths */
      Layout big = *l;
      Rect title = { l->cell_w * 0.5, l->cell_h * 1.4, l->cell_w * 4.2, l->cell_h * 1.2 };
      big.font = l->font * 2.6;
      cairo_set_source_rgb (cr, p->fg[0], p->fg[1], p->fg[2]);
      draw_label (cr, &big, &title, self->ns, TRUE);
    }
}

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

void
nfl_hook_diagram_draw (NflHookDiagram *self,
                       cairo_t        *cr,
                       int             width,
                       int             height)
{
  Layout l = layout_for (width, height);
  Palette p = palette (is_dark ());

  g_return_if_fail (NFL_IS_HOOK_DIAGRAM (self));
  /* an image for slides and handouts: on the window's own background,
   * not transparent */
  if (is_dark ())
    cairo_set_source_rgb (cr, 0x24 / 255.0, 0x24 / 255.0, 0x24 / 255.0);
  else
    cairo_set_source_rgb (cr, 0xfa / 255.0, 0xfa / 255.0, 0xfa / 255.0);
  cairo_paint (cr);
  draw_background (cr, &l, &p);
  draw_state (self, cr, &l, &p);
}

static void
nfl_hook_diagram_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  NflHookDiagram *self = NFL_HOOK_DIAGRAM (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  gboolean dark = is_dark ();
  Layout l = layout_for (width, height);
  Palette p = palette (dark);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, width, height);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  if (self->background == NULL || self->background_width != width || self->background_height != height ||
      self->background_dark != dark)
    {
      g_clear_pointer (&self->background, gsk_render_node_unref);
      self->background = gsk_cairo_node_new (&bounds);
      cr = gsk_cairo_node_get_draw_context (self->background);
      draw_background (cr, &l, &p);
      cairo_destroy (cr);
      self->background_width = width;
      self->background_height = height;
      self->background_dark = dark;
    }
  gtk_snapshot_append_node (snapshot, self->background);
  cr = gtk_snapshot_append_cairo (snapshot, &bounds);
  draw_state (self, cr, &l, &p);
  cairo_destroy (cr);
}

static void
nfl_hook_diagram_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 420 : 240;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 1000 : 420;
}

static gboolean
query_tooltip_cb (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip,
                  gpointer    user_data)
{
  NflHookDiagram *self = NFL_HOOK_DIAGRAM (widget);
  Layout l = layout_for (gtk_widget_get_width (widget), gtk_widget_get_height (widget));

  for (int i = 0; i < NFL_N_HOOK_BOXES; i++)
    {
      Rect r = box_rect (&l, i);
      if (x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h)
        {
          g_autofree char *label = g_strdelimit (g_strdup (boxes[i].table >= 0 ? boxes[i].label : _(boxes[i].label)),
                                                 "\n", ' ');
          g_autofree char *text = self->skipped[i] != NULL ?
            g_strdup_printf (_("%s: skipped — %s"), g_strstrip (label), self->skipped[i]) :
            g_strdup (g_strstrip (label));
          gtk_tooltip_set_text (tooltip, text);
          return TRUE;
        }
    }
  return FALSE;
}

static void
move_cb (double   value,
         gpointer user_data)
{
  gtk_widget_queue_draw (GTK_WIDGET (user_data));
}

static void
nfl_hook_diagram_dispose (GObject *object)
{
  NflHookDiagram *self = NFL_HOOK_DIAGRAM (object);

  g_clear_object (&self->move);
  g_clear_pointer (&self->background, gsk_render_node_unref);
  for (int i = 0; i < NFL_N_HOOK_BOXES; i++)
    g_clear_pointer (&self->skipped[i], g_free);
  g_clear_pointer (&self->ns, g_free);
  G_OBJECT_CLASS (nfl_hook_diagram_parent_class)->dispose (object);
}

static void
nfl_hook_diagram_class_init (NflHookDiagramClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nfl_hook_diagram_dispose;
  widget_class->snapshot = nfl_hook_diagram_snapshot;
  widget_class->measure = nfl_hook_diagram_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "hookdiagram");
}

static void
nfl_hook_diagram_init (NflHookDiagram *self)
{
  AdwAnimationTarget *target = adw_callback_animation_target_new (move_cb, self, NULL);

  self->current = NFL_HOOK_BOX_NONE;
  self->previous = NFL_HOOK_BOX_NONE;
  self->move = adw_timed_animation_new (GTK_WIDGET (self), 0, 1, MOVE_MS, target);
  adw_timed_animation_set_easing (ADW_TIMED_ANIMATION (self->move), ADW_EASE_IN_OUT_CUBIC);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Hook Diagram"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("No packet sent yet"), -1);
}

GtkWidget *
nfl_hook_diagram_new (void)
{
  return g_object_new (NFL_TYPE_HOOK_DIAGRAM, NULL);
}
