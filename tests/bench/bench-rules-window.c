/* bench-rules-window.c: how long a large scenario takes to open in the
 * window with its rules shown
 *
 *   bench-rules-window FILE.nflab NAMESPACE [CHAIN]
 *
 * Opens FILE in a new window (nfl_window_open_file (), which loads it in
 * the background), then, as a user would, the rules view of NAMESPACE
 * on its nat table, and prints the time until the file is loaded, until
 * the chain list holds every chain and the window has drawn it, and
 * then until CHAIN (by default the table's last one), picked by name,
 * shows its rules, and how many rows the chain list made.  The kube-proxy bench runs it on its 400-Service node
 * (README.md).  Run under Xvfb with GSK_RENDERER=cairo.  Not a test.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <stdlib.h>

#include "nfl-application.h"
#include "nfl-rules-view.h"
#include "nfl-window-private.h"

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until @condition holds; FALSE after 60 s. */
static gboolean
spin_until (Condition condition,
            gpointer  data)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > end)
        return FALSE;
      g_main_context_iteration (NULL, TRUE);
    }
  return TRUE;
}

typedef struct {
  NflWindow  *window;
  const char *ns;
  const char *chain;
  GtkWidget  *chain_list;
  guint       n_chains;
  gint64      frame_after;
} Bench;

static gboolean
mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
loaded (gpointer data)
{
  Bench *b = data;
  NflDocument *doc = nfl_window_get_document (b->window);

  return doc != NULL && nfl_scenario_find_namespace (nfl_document_get_scenario (doc), b->ns) != NULL;
}

/* the chains the list holds */
static guint
count_chains (GtkWidget *list)
{
  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list))));
}

/* the rows it made: a GtkListView makes them only around what is shown */
static guint
count_rows (GtkWidget *list)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    n++;
  return n;
}

/* the frame clock has painted a frame since the list changed */
static void
frame_painted_cb (GdkFrameClock *clock,
                  gpointer       data)
{
  Bench *b = data;

  if (b->frame_after > 0 && gdk_frame_clock_get_frame_time (clock) >= b->frame_after)
    b->frame_after = 0;
}

static gboolean
chains_shown (gpointer data)
{
  Bench *b = data;

  return gtk_widget_get_mapped (b->chain_list) && count_chains (b->chain_list) == b->n_chains &&
         b->frame_after == 0;
}

static gboolean
chain_shown (gpointer data)
{
  Bench *b = data;
  NflRulesView *view = NFL_RULES_VIEW (b->window->rules_view);

  return g_strcmp0 (nfl_rules_view_get_chain (view), b->chain) == 0 && b->frame_after == 0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(NflApplication) app = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *last = NULL;
  Bench b = { 0 };
  NflRulesView *view;
  NflTable *nat;
  GdkFrameClock *clock;
  gint64 start, t_loaded, t_chains, t_pick, t_picked;
  guint n_rows;

  if (argc < 3)
    {
      fprintf (stderr, "usage: %s FILE.nflab NAMESPACE [CHAIN]\n", argv[0]);
      return 2;
    }
  gtk_init ();
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  app = nfl_application_new (G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  g_application_hold (G_APPLICATION (app));

  b.window = nfl_window_new (GTK_APPLICATION (app));
  b.ns = argv[2];
  gtk_window_set_default_size (GTK_WINDOW (b.window), 1400, 900);
  gtk_window_present (GTK_WINDOW (b.window));
  if (!spin_until (mapped, b.window))
    g_error ("the window never showed");
  view = NFL_RULES_VIEW (b.window->rules_view);
  b.chain_list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (view), NFL_TYPE_RULES_VIEW, "chain_list"));
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (b.window));
  g_signal_connect (clock, "after-paint", G_CALLBACK (frame_painted_cb), &b);

  file = g_file_new_for_commandline_arg (argv[1]);
  start = g_get_monotonic_time ();
  nfl_window_open_file (b.window, file);
  if (!spin_until (loaded, &b))
    g_error ("%s never loaded: %s", argv[1], nfl_window_get_error (b.window));
  t_loaded = g_get_monotonic_time ();

  nat = nfl_ruleset_get_table (nfl_scenario_find_namespace (nfl_document_get_scenario (nfl_window_get_document (b.window)),
                                                            b.ns)->ruleset, NFL_TABLE_NAT);
  b.n_chains = nat->chains->len;
  last = g_strdup (argc > 3 ? argv[3] : ((NflChain *) g_ptr_array_index (nat->chains, nat->chains->len - 1))->name);
  b.frame_after = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (b.window), "win.show-rules", "s", b.ns);
  nfl_rules_view_show (view, b.ns, NFL_TABLE_NAT, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (b.window));
  if (!spin_until (chains_shown, &b))
    g_error ("the chain list never showed its %u chains (%u held)", b.n_chains, count_chains (b.chain_list));
  t_chains = g_get_monotonic_time ();
  n_rows = count_rows (b.chain_list);

  b.chain = last;
  t_pick = b.frame_after = g_get_monotonic_time ();
  nfl_rules_view_show (view, b.ns, NFL_TABLE_NAT, last);
  gtk_widget_queue_draw (GTK_WIDGET (b.window));
  if (!spin_until (chain_shown, &b))
    g_error ("chain %s never showed", last);
  t_picked = g_get_monotonic_time ();

  printf ("file loaded in the window               %8.1f ms\n", (t_loaded - start) / 1000.0);
  printf ("rules view with %4u nat chains drawn    %8.1f ms  (from the file: %.1f ms)\n", b.n_chains,
          (t_chains - t_loaded) / 1000.0, (t_chains - start) / 1000.0);
  printf ("chain %s picked by name, drawn %8.1f ms\n", last, (t_picked - t_pick) / 1000.0);
  printf ("rows the chain list made for its %u chains: %u\n", b.n_chains, n_rows);

  gtk_window_destroy (GTK_WINDOW (b.window));
  g_application_release (G_APPLICATION (app));
  return 0;
}
