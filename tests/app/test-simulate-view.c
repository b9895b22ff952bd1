/* test-simulate-view.c: the Simulate view steps through the engine's
 * playback and shows what it says
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "../engine/nfl-test-fixtures.h"
#include "nfl-hook-diagram.h"
#include "nfl-mini-topology.h"
#include "nfl-simulate-view.h"
#include "nfl-test-app.h"

typedef struct {
  GtkWindow       *window;
  NflSimulateView *view;
  NflDocument     *document;
} Fixture;

static gboolean
widget_is_drawn (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static void
show_document (Fixture     *fixture,
               NflDocument *document)
{
  fixture->document = document;
  fixture->view = NFL_SIMULATE_VIEW (nfl_simulate_view_new ());
  nfl_simulate_view_set_document (fixture->view, document);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1400, 900);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  gtk_window_present (fixture->window);
  g_assert_true (nfl_test_wait_for (widget_is_drawn, fixture->view, 5000));
}

/* Opens one of the shipped scenarios, data/scenarios/@name. */
static void
show_shipped (Fixture    *fixture,
              const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "scenarios", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  NflDocument *document = nfl_document_new ();

  g_assert_true (nfl_document_load (document, file, NULL, &error));
  g_assert_no_error (error);
  show_document (fixture, document);
}

static void
fixture_set_up_demo (Fixture       *fixture,
                     gconstpointer  data)
{
  show_shipped (fixture, "tutorial-dnat-demo.nflab");
}

static void
fixture_set_up_docker (Fixture       *fixture,
                       gconstpointer  data)
{
  show_shipped (fixture, "machine-docker-host.nflab");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->document);
  nfl_test_spin (50);
}

typedef struct {
  NflSimulateView *view;
  NflPlayback     *old;
} NewPlayback;

static gboolean
has_new_playback (gpointer data)
{
  NewPlayback *wait = data;
  return nfl_simulate_view_get_playback (wait->view) != NULL &&
         nfl_simulate_view_get_playback (wait->view) != wait->old;
}

/* The view traced again after an edit, within 10 s. */
static void
wait_for_new_playback (Fixture     *fixture,
                       NflPlayback *old)
{
  NewPlayback wait = { fixture->view, old };
  g_assert_true (nfl_test_wait_for (has_new_playback, &wait, 10000));
}

static void
send_and_wait (Fixture *fixture)
{
  NflPlayback *before = nfl_simulate_view_get_playback (fixture->view);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "simulate.send", NULL));
  wait_for_new_playback (fixture, before);
}

static char *
expected_log (NflPlayback *playback,
              guint        position)
{
  g_autoptr(GPtrArray) lines = nfl_playback_get_log_lines (playback, position);
  GString *text = g_string_new (NULL);

  /* the kernel's lines: what NFLOG hands to a program is left out */
  for (guint i = 0; i < lines->len; i++)
    if (!g_str_has_prefix (g_ptr_array_index (lines, i), "NFLOG group "))
      g_string_append_printf (text, "%s\n", (const char *) g_ptr_array_index (lines, i));
  if (position + 1 == nfl_playback_get_n_steps (playback))
    g_string_append_printf (text, "outcome: %s\n", nfl_trace_get_outcome (nfl_playback_get_trace (playback)));
  return g_string_free (text, FALSE);
}

/* What the view shows now, checked against the playback, as one string. */
static char *
check_and_describe (Fixture *fixture)
{
  NflPlayback *playback = nfl_simulate_view_get_playback (fixture->view);
  NflHookDiagram *diagram = NFL_HOOK_DIAGRAM (nfl_simulate_view_get_diagram (fixture->view));
  guint position = nfl_playback_get_position (playback);
  const NflPlaybackStep *step = nfl_playback_get_step (playback, position);
  g_autofree char *log = nfl_simulate_view_dup_log_text (fixture->view);
  g_autofree char *want_log = expected_log (playback, position);
  g_autofree char *packet = nfl_simulate_view_dup_packet_text (fixture->view);
  const NflPacket *headers = nfl_playback_get_packet (playback, position);
  guint shown = position;
  g_autofree char *outcome = nfl_simulate_view_dup_outcome_text (fixture->view);

  g_assert_cmpstr (nfl_simulate_view_get_step_text (fixture->view), ==, nfl_playback_describe (playback, position));
  g_assert_cmpstr (log, ==, want_log);
  if (step->kind == NFL_EVENT_OUTCOME && nfl_playback_get_end_step (playback) >= 0)
    shown = nfl_playback_get_end_step (playback);
  g_assert_cmpint (nfl_hook_diagram_get_current_box (diagram), ==, nfl_hook_box_for_step (playback, shown));
  if (headers != NULL)
    {
      g_autofree char *dst = nfl_field_format (NFL_FIELD_DST, headers);
      g_autofree char *ttl = nfl_field_format (NFL_FIELD_TTL, headers);
      g_autofree char *dst_line = g_strdup_printf ("DST %s", dst);
      g_autofree char *ttl_line = g_strdup_printf ("TTL %s", ttl);
      g_assert_nonnull (strstr (packet, dst_line));
      g_assert_nonnull (strstr (packet, ttl_line));
      if (step->changed & NFL_FIELD_DST)
        {
          g_autofree char *old = nfl_field_format (NFL_FIELD_DST, nfl_playback_get_packet_before (playback, position));
          g_autofree char *was = g_strdup_printf ("was %s", old);
          g_assert_nonnull (strstr (packet, was));
        }
    }
  return g_strdup_printf ("%u|%d|%s|%s|%s|%s", position, nfl_hook_diagram_get_current_box (diagram),
                          nfl_simulate_view_get_step_text (fixture->view), packet, log,
                          outcome);
}

static void
test_step_every_granularity (Fixture       *fixture,
                             gconstpointer  data)
{
  NflPlayback *playback;
  GtkDropDown *granularity;

  send_and_wait (fixture);
  playback = nfl_simulate_view_get_playback (fixture->view);
  granularity = GTK_DROP_DOWN (nfl_test_find_keyed (fixture->view, "granularity"));
  g_assert_nonnull (granularity);

  for (guint g = NFL_GRANULARITY_RULE; g <= NFL_GRANULARITY_NAMESPACE; g++)
    {
      g_autoptr(GPtrArray) forwards = g_ptr_array_new_with_free_func (g_free);

      gtk_drop_down_set_selected (granularity, g);
      g_assert_cmpint (nfl_playback_get_granularity (playback), ==, g);
      gtk_widget_activate_action (GTK_WIDGET (fixture->view), "simulate.restart", NULL);
      g_assert_cmpuint (nfl_playback_get_position (playback), ==, 0);
      g_ptr_array_add (forwards, check_and_describe (fixture));
      while (!nfl_playback_is_at_end (playback))
        {
          guint before = nfl_playback_get_position (playback);
          g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "simulate.step", NULL));
          g_assert_cmpuint (nfl_playback_get_position (playback), >, before);
          g_assert_true (nfl_playback_is_stop (playback, nfl_playback_get_position (playback), g));
          g_ptr_array_add (forwards, check_and_describe (fixture));
        }
      g_assert_cmpuint (forwards->len, ==, nfl_playback_count_stops (playback, g));
      {
        g_autofree char *outcome = nfl_simulate_view_dup_outcome_text (fixture->view);
        g_assert_cmpstr (outcome, ==, "reply received: the ping in ns3 receives its echo reply");
      }
      /* and back to the start: the same states */
      for (guint k = forwards->len - 1; k-- > 0;)
        {
          g_autofree char *state = NULL;
          gtk_widget_activate_action (GTK_WIDGET (fixture->view), "simulate.step-back", NULL);
          state = check_and_describe (fixture);
          g_assert_cmpstr (state, ==, g_ptr_array_index (forwards, k));
        }
      g_assert_cmpuint (nfl_playback_get_position (playback), ==, 0);
    }
}

static int
find_step (NflPlayback  *playback,
           guint16       packet,
           const char   *ns,
           NflEventKind  kind,
           int           table,
           guint         changed)
{
  NflTrace *trace = nfl_playback_get_trace (playback);

  for (guint i = 0; i < nfl_playback_get_n_steps (playback); i++)
    {
      const NflPlaybackStep *s = nfl_playback_get_step (playback, i);
      if (s->packet == packet && g_strcmp0 (nfl_trace_get_namespace_name (trace, s->ns), ns) == 0 &&
          s->kind == kind && (table < 0 || s->table == table) && (s->changed & changed) == changed)
        return i;
    }
  return -1;
}

/* The demo's key steps, looked at: the DNAT, the packet in ns1, the
 * reply in ns3; their images go to the build folder. */
static void
test_demo_key_steps (Fixture       *fixture,
                     gconstpointer  data)
{
  NflPlayback *playback;
  GtkWidget *diagram;
  struct { int step; const char *name; const char *ns; NflHookBox box; const char *packet; } shots[3];

  send_and_wait (fixture);
  playback = nfl_simulate_view_get_playback (fixture->view);
  diagram = nfl_simulate_view_get_diagram (fixture->view);
  shots[0] = (typeof (shots[0])) { find_step (playback, 1, "ns2", NFL_EVENT_RULE, NFL_TABLE_NAT, NFL_FIELD_DST),
                                   "simulate-dnat.png", "ns2", NFL_HOOK_BOX_NAT_PREROUTING, "DST 10.1.0.10" };
  shots[1] = (typeof (shots[0])) { find_step (playback, 1, "ns1", NFL_EVENT_DELIVERED, -1, 0),
                                   "simulate-ns1.png", "ns1", NFL_HOOK_BOX_LOCAL_PROCESS, "TTL 63" };
  shots[2] = (typeof (shots[0])) { find_step (playback, 2, "ns3", NFL_EVENT_DELIVERED, -1, 0),
                                   "simulate-reply-ns3.png", "ns3", NFL_HOOK_BOX_LOCAL_PROCESS,
                                   "SRC 169.254.169.254" };
  for (guint i = 0; i < G_N_ELEMENTS (shots); i++)
    {
      g_autoptr(GdkTexture) texture = NULL;
      g_autofree char *path = NULL;
      g_autofree char *packet = NULL;

      g_assert_cmpint (shots[i].step, >=, 0);
      nfl_playback_set_position (playback, shots[i].step);
      nfl_test_spin (400);   /* the packet's move */
      g_assert_cmpstr (nfl_hook_diagram_get_namespace (NFL_HOOK_DIAGRAM (diagram)), ==, shots[i].ns);
      g_assert_cmpint (nfl_hook_diagram_get_current_box (NFL_HOOK_DIAGRAM (diagram)), ==, shots[i].box);
      packet = nfl_simulate_view_dup_packet_text (fixture->view);
      g_assert_nonnull (strstr (packet, shots[i].packet));
      texture = nfl_test_render_widget (diagram);
      path = nfl_test_save_png (texture, shots[i].name);
      g_test_message ("diagram at step %d: %s", shots[i].step, path);
    }
  /* the DNAT step names the rule and the change */
  nfl_playback_set_position (playback, shots[0].step);
  g_assert_cmpstr (nfl_simulate_view_get_step_text (fixture->view), ==,
                   "ns2 nat PREROUTING rule 2 (-d 169.254.169.254/32 -j DNAT --to-destination 10.1.0.10) "
                   "matches: destination 169.254.169.254 becomes 10.1.0.10");
}

typedef struct {
  char  *ns;
  guint  table;
  char  *chain;
  guint  number;
} RuleReached;

static void
rule_reached_cb (NflSimulateView *view,
                 const char      *ns,
                 guint            table,
                 const char      *chain,
                 guint            number,
                 RuleReached     *reached)
{
  g_free (reached->ns);
  g_free (reached->chain);
  *reached = (RuleReached) { g_strdup (ns), table, g_strdup (chain), number };
}

/* A step at a rule says which, for the rules view to follow. */
static void
test_rule_reached (Fixture       *fixture,
                   gconstpointer  data)
{
  RuleReached reached = { 0 };
  NflPlayback *playback;
  int dnat;

  send_and_wait (fixture);
  playback = nfl_simulate_view_get_playback (fixture->view);
  g_signal_connect (fixture->view, "rule-reached", G_CALLBACK (rule_reached_cb), &reached);
  dnat = find_step (playback, 1, "ns2", NFL_EVENT_RULE, NFL_TABLE_NAT, NFL_FIELD_DST);
  g_assert_cmpint (dnat, >, 0);
  nfl_playback_set_position (playback, dnat);
  g_assert_cmpstr (reached.ns, ==, "ns2");
  g_assert_cmpuint (reached.table, ==, NFL_TABLE_NAT);
  g_assert_cmpstr (reached.chain, ==, "PREROUTING");
  g_assert_cmpuint (reached.number, ==, 2);
  g_signal_handlers_disconnect_by_func (fixture->view, rule_reached_cb, &reached);
  g_free (reached.ns);
  g_free (reached.chain);
}

/* A bad probe is refused with the engine's reason, Send stays off, and
 * nothing is traced. */
static void
test_bad_probe (Fixture       *fixture,
                gconstpointer  data)
{
  GtkEditable *destination = GTK_EDITABLE (nfl_test_find_keyed (fixture->view, "destination"));
  GtkLabel *error = GTK_LABEL (nfl_test_find_keyed (fixture->view, "probe-error"));
  GtkWidget *send = nfl_test_find_keyed (fixture->view, "send");

  g_assert_nonnull (destination);
  gtk_editable_set_text (destination, "10.1.0.300");
  nfl_test_spin (50);
  g_assert_false (gtk_widget_is_sensitive (send));
  g_assert_nonnull (strstr (gtk_label_get_text (error), "“10.1.0.300” is not an IPv4 address"));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "simulate.send", NULL) &&
                  nfl_simulate_view_get_playback (fixture->view) != NULL);
  g_assert_null (nfl_simulate_view_get_playback (fixture->view));

  gtk_editable_set_text (destination, "10.1.0.10");
  nfl_test_spin (50);
  g_assert_true (gtk_widget_is_sensitive (send));
  g_assert_cmpstr (gtk_label_get_text (error), ==, "");
}

/* An edit traces again, and the view says so and starts over. */
static void
test_live_retrace (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *outcome = NULL;
  NflPlayback *first;

  send_and_wait (fixture);
  first = nfl_simulate_view_get_playback (fixture->view);
  nfl_playback_jump_to_end (first);
  g_assert_true (nfl_document_apply_commands (fixture->document,
                                              "ip netns exec ns2 iptables -I FORWARD -p icmp -j DROP\n",
                                              NULL, &error));
  g_assert_no_error (error);
  wait_for_new_playback (fixture, first);
  g_assert_cmpuint (nfl_playback_get_position (nfl_simulate_view_get_playback (fixture->view)), ==, 0);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (nfl_test_find_keyed (fixture->view, "changed")))); 
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "simulate.jump-to-end", NULL);
  outcome = nfl_simulate_view_dup_outcome_text (fixture->view);
  g_assert_cmpstr (outcome, ==, "no reply: ns2 drops the packet in filter FORWARD, rule 1 (-p icmp -j DROP)");
  /* the diagram ends where the packet was dropped */
  g_assert_cmpint (nfl_hook_diagram_get_current_box (NFL_HOOK_DIAGRAM (nfl_simulate_view_get_diagram (fixture->view))),
                   ==, NFL_HOOK_BOX_FILTER_FORWARD);

  /* and again after the next edit: undone, the reply comes back */
  first = nfl_simulate_view_get_playback (fixture->view);
  g_assert_true (nfl_document_undo (fixture->document));
  wait_for_new_playback (fixture, first);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "simulate.jump-to-end", NULL);
  g_free (outcome);
  outcome = nfl_simulate_view_dup_outcome_text (fixture->view);
  g_assert_cmpstr (outcome, ==, "reply received: the ping in ns3 receives its echo reply");
}

/* A trace that drew at random offers Draw Again: each click sends the
 * packet again with the next seed, and the seeds take both paths. */
static void
test_draw_again (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *button = nfl_test_find_keyed (fixture->view, "draw-again");
  gboolean replied = FALSE, dropped = FALSE;

  send_and_wait (fixture);
  g_assert_false (gtk_widget_get_visible (button));
  g_assert_true (nfl_document_apply_commands (fixture->document,
                                              "ip netns exec ns2 iptables -I FORWARD -m statistic --mode random "
                                              "--probability 0.5 -j DROP\n", NULL, &error));
  g_assert_no_error (error);
  send_and_wait (fixture);
  g_assert_true (gtk_widget_get_visible (button));
  for (guint32 seed = 0; seed < 12; seed++)
    {
      NflPlayback *playback = nfl_simulate_view_get_playback (fixture->view);
      NflTrace *trace = nfl_playback_get_trace (playback);
      const char *outcome = nfl_trace_get_outcome (trace);

      g_assert_cmpuint (nfl_trace_get_seed (trace), ==, seed);
      g_assert_cmpuint (nfl_trace_get_n_draws (trace), >=, 1);
      replied |= g_str_equal (outcome, "reply received");
      dropped |= g_str_equal (outcome, "no reply");
      g_assert_true (gtk_widget_activate (button));
      wait_for_new_playback (fixture, playback);
    }
  g_assert_true (replied);
  g_assert_true (dropped);
  /* Send starts again from seed 0 */
  send_and_wait (fixture);
  g_assert_cmpuint (nfl_trace_get_seed (nfl_playback_get_trace (nfl_simulate_view_get_playback (fixture->view))), ==, 0);
}

/* The Docker host's "client → published port": the small topology
 * moves the packet from the host through docker0 into web, and the
 * container's reply from web through docker0 back into the host. */
static void
test_topology_bridge (Fixture       *fixture,
                      gconstpointer  data)
{
  NflMiniTopology *topology = NFL_MINI_TOPOLOGY (nfl_simulate_view_get_topology (fixture->view));
  NflPlayback *playback;
  GString *travels = g_string_new (NULL);
  g_autofree char *all = NULL;

  nfl_simulate_view_set_probe (fixture->view, "client tcp 192.168.60.2 8080");
  send_and_wait (fixture);
  playback = nfl_simulate_view_get_playback (fixture->view);
  g_assert_cmpstr (nfl_trace_get_outcome (nfl_playback_get_trace (playback)), ==, "connected");
  for (guint i = 0; i < nfl_playback_get_n_steps (playback); i++)
    {
      g_auto(GStrv) travel = NULL;

      nfl_playback_set_position (playback, i);
      nfl_test_spin (1);
      travel = nfl_mini_topology_dup_travel (topology);
      if (travel[0] != NULL)
        {
          g_autofree char *joined = g_strjoinv (" > ", travel);
          g_string_append_printf (travels, "%s\n", joined);
        }
    }
  all = g_string_free (travels, FALSE);
  g_test_message ("%s", all);
  g_assert_nonnull (strstr (all, "client > docker\n"));
  g_assert_nonnull (strstr (all, "docker > docker/docker0 > web\n"));
  g_assert_nonnull (strstr (all, "web > docker/docker0 > docker\n"));
  g_assert_nonnull (strstr (all, "docker > client\n"));
}

/* On every kernel fixture, the log pane at the end holds what
 * `nflab trace --all-packets` prints for the same scenario and probe. */
static void
test_fixture_log (gconstpointer data)
{
  const char *dir = data;
  NflProbe probe = { 0 };
  g_autoptr(NflScenario) scenario = nfl_test_load_fixture (dir, &probe);
  g_autofree char *probe_text = nfl_probe_to_string (&probe);
  g_autofree char *tmp = NULL;
  g_autofree char *file_path = NULL;
  g_autofree char *nflab_out = NULL;
  g_autofree char *log = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  const char *nflab = g_getenv ("NFLAB");
  const char *argv[8];
  int status;
  Fixture fixture = { 0 };

  nfl_probe_clear (&probe);
  g_assert_nonnull (nflab);
  tmp = g_dir_make_tmp ("nfl-simulate-XXXXXX", &error);
  g_assert_no_error (error);
  file_path = g_build_filename (tmp, "fixture.nflab", NULL);
  file = g_file_new_for_path (file_path);
  g_assert_true (nfl_scenario_save_xml (scenario, file, NULL, &error));
  g_assert_no_error (error);
  argv[0] = nflab; argv[1] = "trace"; argv[2] = file_path; argv[3] = "--probe"; argv[4] = probe_text;
  argv[5] = "--all-packets"; argv[6] = NULL;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &nflab_out, NULL, &status,
                               &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  show_document (&fixture, nfl_document_new_for_scenario (scenario));
  nfl_simulate_view_set_probe (fixture.view, probe_text);
  send_and_wait (&fixture);
  gtk_widget_activate_action (GTK_WIDGET (fixture.view), "simulate.jump-to-end", NULL);
  log = nfl_simulate_view_dup_log_text (fixture.view);
  /* the copy leaves out what NFLOG hands to userspace, which is no kernel LOG line */
  g_assert_cmpstr (log, ==, nflab_out);
  fixture_tear_down (&fixture, NULL);
  g_unlink (file_path);
  g_rmdir (tmp);
}

int
main (int    argc,
      char **argv)
{
  nfl_test_app_init (&argc, &argv);

  g_test_add ("/nfl/app/simulate/step-every-granularity", Fixture, NULL, fixture_set_up_demo,
              test_step_every_granularity, fixture_tear_down);
  g_test_add ("/nfl/app/simulate/demo-key-steps", Fixture, NULL, fixture_set_up_demo, test_demo_key_steps,
              fixture_tear_down);
  g_test_add ("/nfl/app/simulate/rule-reached", Fixture, NULL, fixture_set_up_demo, test_rule_reached,
              fixture_tear_down);
  g_test_add ("/nfl/app/simulate/bad-probe", Fixture, NULL, fixture_set_up_demo, test_bad_probe, fixture_tear_down);
  g_test_add ("/nfl/app/simulate/topology-bridge", Fixture, NULL, fixture_set_up_docker, test_topology_bridge,
              fixture_tear_down);
  g_test_add ("/nfl/app/simulate/draw-again", Fixture, NULL, fixture_set_up_demo, test_draw_again, fixture_tear_down);
  g_test_add ("/nfl/app/simulate/live-retrace", Fixture, NULL, fixture_set_up_demo, test_live_retrace,
              fixture_tear_down);
  nfl_test_add_kernel_fixtures ("/nfl/app/simulate/log-equals-nflab", test_fixture_log);
  return g_test_run ();
}
