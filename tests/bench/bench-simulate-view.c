/* bench-simulate-view.c: how long the Simulate view takes to draw and to
 * follow an edit
 *
 *   (a) a frame of the hook diagram alone at 1920 × 1080 while the packet
 *       moves: its snapshot () (the cached boxes and arrows replayed, the
 *       highlights and the packet drawn) and rendering the node with the
 *       window's renderer, one frame per step of the DNAT demo;
 *   (b) an edit in Design to a traced, redrawn Simulate view: the DNAT
 *       demo with 10,000 extra rules in filter FORWARD of ns2 (none
 *       matches), the probe sent; then, round after round, a rule appended
 *       to that chain through the document (or that edit undone), the
 *       trace made again in its thread, the new playback shown and a frame
 *       of the whole view (1400 × 900) drawn.
 *
 * Run under Xvfb with GSK_RENDERER=cairo (README.md).  Not a test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nfl-hook-diagram.h"
#include "nfl-simulate-view.h"

#define EXTRA_RULES 10000

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static void
report (const char *label,
        GArray     *times)
{
  g_array_sort (times, compare_doubles);
  printf ("%-58s median %6.2f ms  fastest %6.2f  slowest %6.2f  (%u)\n", label,
          g_array_index (times, double, times->len / 2), g_array_index (times, double, 0),
          g_array_index (times, double, times->len - 1), times->len);
}

static void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
drawn (GtkWidget *widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

/* A frame of @widget: its snapshot () and the node rendered; in ms. */
static double
frame (GtkWidget   *widget,
       GskRenderer *renderer,
       gint64       start)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!GDK_IS_MEMORY_TEXTURE (texture))
    {
      g_autofree guint8 *pixels = g_malloc ((gsize) width * height * 4);
      gdk_texture_download (texture, pixels, (gsize) width * 4);
    }
  return (g_get_monotonic_time () - start) / 1000.0;
}

static NflDocument *
demo_document (guint extra_rules)
{
  g_autofree char *path = g_build_filename (SOURCE_ROOT, "data", "scenarios", "tutorial-dnat-demo.nflab", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) commands = g_string_new (NULL);
  NflDocument *document = nfl_document_new ();

  if (!nfl_document_load (document, file, NULL, &error))
    g_error ("%s", error->message);
  for (guint i = 0; i < extra_rules; i++)
    g_string_append_printf (commands, "ip netns exec ns2 iptables -A FORWARD -s 10.200.%u.%u -j DROP\n",
                            i / 250, i % 250 + 1);
  if (extra_rules > 0 && !nfl_document_apply_commands (document, commands->str, NULL, &error))
    g_error ("%s", error->message);
  return document;
}

static GtkWindow *
window_with (GtkWidget *child,
             int        width,
             int        height)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, width, height);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  while (!drawn (child))
    g_main_context_iteration (NULL, TRUE);
  return window;
}

static void
bench_diagram (guint frames)
{
  g_autoptr(NflDocument) document = demo_document (0);
  NflScenario *scenario = nfl_document_get_scenario (document);
  g_autoptr(NflTrace) trace = NULL;
  g_autoptr(NflPlayback) playback = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  GtkWidget *diagram = nfl_hook_diagram_new ();
  GtkWindow *window;
  GskRenderer *renderer;
  NflProbe probe = { 0 };
  double first;

  if (!nfl_probe_parse (g_ptr_array_index (nfl_scenario_get_probes (scenario), 0), &probe, NULL))
    g_error ("the demo's probe");
  trace = nfl_simulate (scenario, &probe, NULL);
  nfl_probe_clear (&probe);
  playback = nfl_playback_new (trace, scenario);
  window = window_with (diagram, 1920, 1080);
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  printf ("renderer %s, diagram %d × %d, %u steps\n", G_OBJECT_TYPE_NAME (renderer),
          gtk_widget_get_width (diagram), gtk_widget_get_height (diagram), nfl_playback_get_n_steps (playback));

  nfl_hook_diagram_show_step (NFL_HOOK_DIAGRAM (diagram), playback, 0, FALSE);
  first = frame (diagram, renderer, g_get_monotonic_time ());
  for (guint i = 0; i < frames; i++)
    {
      guint position = (i + 1) % nfl_playback_get_n_steps (playback);
      gint64 start = g_get_monotonic_time ();
      double ms;

      /* the step and the move it starts are part of the frame */
      nfl_hook_diagram_show_step (NFL_HOOK_DIAGRAM (diagram), playback, position, TRUE);
      ms = frame (diagram, renderer, start);
      g_array_append_val (times, ms);
      spin ();
    }
  printf ("(a) first frame (boxes and arrows recorded)                %6.2f ms\n", first);
  report ("(a) a frame of the hook diagram, 1920x1080, packet moving", times);
  gtk_window_destroy (window);
  spin ();
}

static gboolean
playback_is_not (NflSimulateView *view,
                 NflPlayback     *old)
{
  return nfl_simulate_view_get_playback (view) != NULL && nfl_simulate_view_get_playback (view) != old;
}

static void
bench_edit (guint rounds)
{
  g_autoptr(NflDocument) document = demo_document (EXTRA_RULES);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) edit_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) shown_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) layout_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frame_times = g_array_new (FALSE, FALSE, sizeof (double));
  GtkWidget *view = nfl_simulate_view_new ();
  GtkWindow *window;
  GskRenderer *renderer;

  nfl_simulate_view_set_document (NFL_SIMULATE_VIEW (view), document);
  window = window_with (view, 1400, 900);
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  nfl_simulate_view_send (NFL_SIMULATE_VIEW (view));
  while (nfl_simulate_view_get_playback (NFL_SIMULATE_VIEW (view)) == NULL)
    g_main_context_iteration (NULL, TRUE);
  spin ();
  printf ("ns2 filter FORWARD: %u rules; outcome: %s\n", EXTRA_RULES + 1,
          nfl_trace_get_outcome (nfl_playback_get_trace (nfl_simulate_view_get_playback (NFL_SIMULATE_VIEW (view)))));

  for (guint i = 0; i < rounds; i++)
    {
      NflPlayback *old = nfl_simulate_view_get_playback (NFL_SIMULATE_VIEW (view));
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      gint64 shown, laid_out;
      double edit_ms, ms, ms_shown, ms_layout;

      if (i % 2 == 0)
        nfl_document_apply_commands (document, "ip netns exec ns2 iptables -A FORWARD -s 10.201.0.1 -j DROP\n",
                                     NULL, &error);
      else
        nfl_document_undo (document);
      g_assert_no_error (error);
      edit_ms = (g_get_monotonic_time () - start) / 1000.0;
      while (!playback_is_not (NFL_SIMULATE_VIEW (view), old))
        g_main_context_iteration (NULL, TRUE);
      shown = g_get_monotonic_time ();
      /* the view lays itself out again for the new trace, as a frame does */
      gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, NULL, NULL, NULL, NULL);
      gtk_widget_size_allocate (view, &(GtkAllocation) { 0, 0, gtk_widget_get_width (view),
                                                        gtk_widget_get_height (view) }, -1);
      laid_out = g_get_monotonic_time ();
      ms = frame (view, renderer, start);
      ms_shown = (shown - start) / 1000.0 - edit_ms;
      ms_layout = (laid_out - shown) / 1000.0;
      g_array_append_val (times, ms);
      g_array_append_val (edit_times, edit_ms);
      g_array_append_val (shown_times, ms_shown);
      g_array_append_val (layout_times, ms_layout);
      ms -= (laid_out - start) / 1000.0;
      g_array_append_val (frame_times, ms);
      spin ();
    }
  report ("(b) of which the edit in the document (undo snapshot)", edit_times);
  report ("(b)   then traced in the thread and the playback shown", shown_times);
  report ("(b)   then the view laid out", layout_times);
  report ("(b)   then its frame (snapshot and render)", frame_times);
  report ("(b) edit -> traced again -> view drawn, 10,001 rules", times);
  gtk_window_destroy (window);
  spin ();
}

int
main (int    argc,
      char **argv)
{
  guint frames = argc > 1 ? (guint) atoi (argv[1]) : 120;
  const char *only = g_getenv ("BENCH_SIMULATE_ONLY");

  gtk_init ();
  adw_init ();
  if (only == NULL || strchr (only, 'a'))
    bench_diagram (frames);
  if (only == NULL || strchr (only, 'b'))
    bench_edit (MAX (frames / 4, 10));
  return 0;
}
