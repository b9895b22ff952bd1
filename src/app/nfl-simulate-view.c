/* nfl-simulate-view.c: send a packet and step it through the hooks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The view composes a probe, has the engine trace it on a copy of the
 * scenario in a worker thread (so that a scenario with thousands of
 * rules never blocks the main loop) and shows the engine's playback of
 * that trace step by step: the hook diagram, the chain and its rules,
 * the packet, the conntrack table, the log and the outcome.  Every word
 * and value it shows is the playback's.
 */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>

#include "nfl-hook-diagram.h"
#include "nfl-mini-topology.h"
#include "nfl-simulate-view.h"

/* the rules shown around the current one in a long chain */
#define CHAIN_WINDOW 40

struct _NflSimulateView {
  AdwBin          parent_instance;

  NflDocument    *document;
  NflPlayback    *playback;
  char           *traced_probe;   /* what the playback shows, for a live re-trace */
  guint32         seed;           /* of -m statistic --mode random's draws; Draw Again takes the next */
  GCancellable   *trace_cancellable;
  guint           play_id;
  gboolean        updating_composer;
  GtkStringList  *namespaces;
  GtkWidget      *diagram;
  GtkWidget      *topology;
  GMenu          *addresses_menu;
  GMenu          *probes_menu;
  GMenu          *export_menu;
  /* What the packet card, the chain and the text panes show: a step
   * that would show the same (a re-trace after an edit elsewhere, the
   * next rule of a long chain) leaves their widgets alone instead of
   * making and laying out new ones. */
  char           *shown_packet;
  char           *shown_chain;

  /* template children */
  GtkDropDown    *source_dropdown;
  GtkDropDown    *protocol_dropdown;
  GtkEntry       *destination_entry;
  GtkMenuButton  *addresses_button;
  GtkSpinButton  *port_spin;
  GtkMenuButton  *probes_button;
  GtkRevealer    *probe_error_revealer;
  GtkLabel       *probe_error_label;
  GtkRevealer    *changed_revealer;
  GtkStack       *stack;
  GtkButton      *send_button;
  GtkButton      *play_button;
  GtkButton      *draw_again_button;
  GtkScale       *speed_scale;
  GtkDropDown    *granularity_dropdown;
  GtkLabel       *position_label;
  GtkMenuButton  *export_button;
  GtkLabel       *step_label;
  GtkBox         *diagram_box;
  GtkBox         *side_box;
  GtkTextView    *outcome_view;
  GtkGrid        *packet_grid;
  GtkLabel       *chain_heading;
  GtkListBox     *chain_list;
  GtkLabel       *conntrack_label;
  GtkTextView    *log_view;
};

G_DEFINE_FINAL_TYPE (NflSimulateView, nfl_simulate_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PLAYBACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  RULE_REACHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_step (NflSimulateView *self, gboolean animate);
static void stop_playing (NflSimulateView *self);

/* ---------------------------------------------------------------------- */
/* the composer                                                            */
/* ---------------------------------------------------------------------- */

static const char *protocol_words[] = { "ping", "tcp", "udp" };

static char *
composed_probe (NflSimulateView *self)
{
  guint ns_index = gtk_drop_down_get_selected (self->source_dropdown);
  guint proto = gtk_drop_down_get_selected (self->protocol_dropdown);
  const char *ns;
  g_autofree char *dst = NULL;

  if (ns_index == GTK_INVALID_LIST_POSITION || proto >= G_N_ELEMENTS (protocol_words))
    return NULL;
  ns = gtk_string_list_get_string (self->namespaces, ns_index);
  dst = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->destination_entry))));
  if (proto == 0)
    return g_strdup_printf ("%s ping %s", ns, dst);
  return g_strdup_printf ("%s %s %s %s", ns, protocol_words[proto], dst,
                          gtk_editable_get_text (GTK_EDITABLE (self->port_spin)));
}

/* The probe when it is one the engine takes, else NULL with the reason. */
static char *
validated_probe (NflSimulateView  *self,
                 char            **reason)
{
  g_autofree char *text = composed_probe (self);
  g_autoptr(GError) error = NULL;
  NflProbe probe = { 0 };
  char *canonical;

  *reason = NULL;
  if (text == NULL)
    {
      *reason = g_strdup (_("Add a namespace to send a packet from."));
      return NULL;
    }
  if (*gtk_editable_get_text (GTK_EDITABLE (self->destination_entry)) == '\0')
    return NULL;   /* nothing typed yet: no reason to shout */
  if (!nfl_probe_parse (text, &probe, &error))
    {
      *reason = g_strdup (error->message);
      return NULL;
    }
  if (self->document == NULL ||
      nfl_scenario_find_namespace (nfl_document_get_scenario (self->document), probe.ns) == NULL)
    {
      *reason = g_strdup_printf (_("The scenario has no namespace “%s”."), probe.ns);
      nfl_probe_clear (&probe);
      return NULL;
    }
  canonical = nfl_probe_to_string (&probe);
  nfl_probe_clear (&probe);
  return canonical;
}

static void
composer_changed (NflSimulateView *self)
{
  g_autofree char *reason = NULL;
  g_autofree char *probe = NULL;

  if (self->updating_composer)
    return;
  probe = validated_probe (self, &reason);
  gtk_widget_set_sensitive (GTK_WIDGET (self->port_spin), gtk_drop_down_get_selected (self->protocol_dropdown) != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "simulate.send", probe != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "simulate.save-probe", probe != NULL);
  gtk_label_set_text (self->probe_error_label, reason ? reason : "");
  gtk_revealer_set_reveal_child (self->probe_error_revealer, reason != NULL);
  if (reason != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->destination_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->destination_entry), "error");
}

char *
nfl_simulate_view_dup_probe (NflSimulateView *self)
{
  g_autofree char *reason = NULL;

  g_return_val_if_fail (NFL_IS_SIMULATE_VIEW (self), NULL);
  return validated_probe (self, &reason);
}

void
nfl_simulate_view_set_probe (NflSimulateView *self,
                             const char      *text)
{
  NflProbe probe = { 0 };
  char dst[16];

  g_return_if_fail (NFL_IS_SIMULATE_VIEW (self));
  if (!nfl_probe_parse (text, &probe, NULL))
    return;
  self->updating_composer = TRUE;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->namespaces)); i++)
    if (g_str_equal (gtk_string_list_get_string (self->namespaces, i), probe.ns))
      gtk_drop_down_set_selected (self->source_dropdown, i);
  gtk_drop_down_set_selected (self->protocol_dropdown, probe.kind);
  nfl_ipv4_format (probe.dst, dst);
  gtk_editable_set_text (GTK_EDITABLE (self->destination_entry), dst);
  if (probe.kind != NFL_PROBE_PING)
    gtk_spin_button_set_value (self->port_spin, probe.port);
  self->updating_composer = FALSE;
  nfl_probe_clear (&probe);
  composer_changed (self);
}

/* The namespaces, the scenario's addresses and its saved probes. */
static void
refresh_composer (NflSimulateView *self)
{
  NflScenario *scenario = nfl_document_get_scenario (self->document);
  GPtrArray *namespaces = nfl_scenario_get_namespaces (scenario);
  GPtrArray *probes = nfl_scenario_get_probes (scenario);
  guint selected = gtk_drop_down_get_selected (self->source_dropdown);
  g_autofree char *selected_name = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint keep = GTK_INVALID_LIST_POSITION;

  if (selected != GTK_INVALID_LIST_POSITION && selected < g_list_model_get_n_items (G_LIST_MODEL (self->namespaces)))
    selected_name = g_strdup (gtk_string_list_get_string (self->namespaces, selected));

  self->updating_composer = TRUE;
  for (guint i = 0; i < namespaces->len; i++)
    {
      NflNamespace *ns = g_ptr_array_index (namespaces, i);
      g_ptr_array_add (names, ns->name);
      if (g_strcmp0 (ns->name, selected_name) == 0)
        keep = i;
    }
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->namespaces, 0, g_list_model_get_n_items (G_LIST_MODEL (self->namespaces)),
                          (const char * const *) names->pdata);
  if (namespaces->len > 0)
    gtk_drop_down_set_selected (self->source_dropdown, keep != GTK_INVALID_LIST_POSITION ? keep : 0);

  g_menu_remove_all (self->addresses_menu);
  for (guint i = 0; i < namespaces->len; i++)
    {
      NflNamespace *ns = g_ptr_array_index (namespaces, i);
      for (guint k = 0; k < ns->interfaces->len; k++)
        {
          NflInterface *iface = g_ptr_array_index (ns->interfaces, k);
          for (guint a = 0; a < iface->addresses->len && !iface->is_loopback; a++)
            {
              char addr[16];
              g_autofree char *label = NULL;
              g_autoptr(GMenuItem) item = NULL;

              nfl_ipv4_format (g_array_index (iface->addresses, NflAddress, a).addr, addr);
              /* Translators: an address in the destination menu, "10.1.0.10 (ns1 veth1_ns1)" */
              label = g_strdup_printf (_("%s (%s %s)"), addr, ns->name, iface->name);
              item = g_menu_item_new (label, NULL);
              g_menu_item_set_action_and_target_value (item, "simulate.set-destination", g_variant_new_string (addr));
              g_menu_append_item (self->addresses_menu, item);
            }
        }
    }
  /* the probes' destinations too: the DNAT demo's 169.254.169.254 */
  g_menu_remove_all (self->probes_menu);
  for (guint i = 0; i < probes->len; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (g_ptr_array_index (probes, i), NULL);
      g_menu_item_set_action_and_target_value (item, "simulate.use-probe",
                                               g_variant_new_string (g_ptr_array_index (probes, i)));
      g_menu_append_item (self->probes_menu, item);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->probes_button), probes->len > 0);
  self->updating_composer = FALSE;

  /* a scenario with saved probes opens with the first one composed */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->destination_entry)) == '\0' && probes->len > 0)
    nfl_simulate_view_set_probe (self, g_ptr_array_index (probes, 0));
  else
    composer_changed (self);
}

/* ---------------------------------------------------------------------- */
/* tracing                                                                 */
/* ---------------------------------------------------------------------- */

typedef struct {
  NflScenario *scenario;
  NflProbe     probe;
  gboolean     live;
  /* The view, weakly: the task is not the view's source object, since
   * the worker may drop the task's last reference, and a widget must
   * not be finalized in a worker thread. */
  GWeakRef     view;
} TraceJob;

static void
trace_job_free (TraceJob *job)
{
  g_weak_ref_clear (&job->view);
  g_clear_object (&job->scenario);
  nfl_probe_clear (&job->probe);
  g_free (job);
}

static void
trace_thread (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  TraceJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(NflTrace) trace = nfl_simulate (job->scenario, &job->probe, &error);

  if (trace == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, nfl_playback_new (trace, job->scenario), g_object_unref);
}

static void
position_changed_cb (NflSimulateView *self)
{
  update_step (self, TRUE);
}

static void
set_playback (NflSimulateView *self,
              NflPlayback     *playback)
{
  if (self->playback != NULL)
    g_signal_handlers_disconnect_by_data (self->playback, self);
  g_set_object (&self->playback, playback);
  if (playback != NULL)
    {
      nfl_playback_set_granularity (playback, gtk_drop_down_get_selected (self->granularity_dropdown));
      g_signal_connect_object (playback, "notify::position", G_CALLBACK (position_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  gtk_stack_set_visible_child_name (self->stack, playback ? "trace" : "empty");
  /* a trace that drew at random (-m statistic --mode random) can draw again */
  if (playback != NULL && nfl_trace_get_n_draws (nfl_playback_get_trace (playback)) > 0)
    {
      g_autofree char *tip = g_strdup_printf (_("Send the packet again with other random draws for "
                                                "-m statistic --mode random (this trace: seed %u)"),
                                              nfl_trace_get_seed (nfl_playback_get_trace (playback)));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->draw_again_button), tip);
      gtk_widget_set_visible (GTK_WIDGET (self->draw_again_button), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->draw_again_button), FALSE);
  update_step (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYBACK]);
}

static void
trace_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  TraceJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(NflSimulateView) self = g_weak_ref_get (&job->view);
  g_autoptr(GError) error = NULL;
  g_autoptr(NflPlayback) playback = g_task_propagate_pointer (G_TASK (result), &error);

  if (self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (playback == NULL)
    {
      gtk_label_set_text (self->probe_error_label, error->message);
      gtk_revealer_set_reveal_child (self->probe_error_revealer, TRUE);
      return;
    }
  gtk_revealer_set_reveal_child (self->changed_revealer, job->live);
  set_playback (self, playback);
}

static void
start_trace (NflSimulateView *self,
             const char      *probe_text,
             gboolean         live)
{
  TraceJob *job;
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->trace_cancellable);
  g_clear_object (&self->trace_cancellable);
  self->trace_cancellable = g_cancellable_new ();

  job = g_new0 (TraceJob, 1);
  if (!nfl_probe_parse (probe_text, &job->probe, NULL))
    {
      trace_job_free (job);
      return;
    }
  job->probe.seed = self->seed;
  /* the worker traces a snapshot: the document goes on changing */
  job->scenario = nfl_scenario_copy (nfl_document_get_scenario (self->document));
  job->live = live;
  if (probe_text != self->traced_probe)   /* a re-trace passes its own */
    {
      g_free (self->traced_probe);
      self->traced_probe = g_strdup (probe_text);
    }
  stop_playing (self);

  g_weak_ref_init (&job->view, self);
  task = g_task_new (NULL, self->trace_cancellable, trace_done_cb, NULL);
  g_task_set_source_tag (task, start_trace);
  g_task_set_task_data (task, job, (GDestroyNotify) trace_job_free);
  g_task_run_in_thread (task, trace_thread);
}

void
nfl_simulate_view_send (NflSimulateView *self)
{
  g_autofree char *probe = NULL;

  g_return_if_fail (NFL_IS_SIMULATE_VIEW (self));
  if ((probe = nfl_simulate_view_dup_probe (self)) == NULL)
    return;
  gtk_revealer_set_reveal_child (self->changed_revealer, FALSE);
  /* a new send draws as nflab trace does, from seed 0 */
  self->seed = 0;
  start_trace (self, probe, FALSE);
}

/* Another file: its own probes, nothing traced yet. */
static void
document_file_cb (NflSimulateView *self)
{
  g_cancellable_cancel (self->trace_cancellable);
  g_clear_pointer (&self->traced_probe, g_free);
  gtk_revealer_set_reveal_child (self->changed_revealer, FALSE);
  set_playback (self, NULL);
  self->updating_composer = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->destination_entry), "");
  self->updating_composer = FALSE;
  refresh_composer (self);
}

static void
document_changed_cb (NflSimulateView *self)
{
  refresh_composer (self);
  /* live: an edit in Design traces the same packet again */
  if (self->traced_probe != NULL)
    start_trace (self, self->traced_probe, TRUE);
}

/* ---------------------------------------------------------------------- */
/* showing a step                                                          */
/* ---------------------------------------------------------------------- */

static void
clear_container (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    {
      if (GTK_IS_LIST_BOX (widget))
        gtk_list_box_remove (GTK_LIST_BOX (widget), child);
      else if (GTK_IS_GRID (widget))
        gtk_grid_remove (GTK_GRID (widget), child);
      else
        gtk_widget_unparent (child);
    }
}

static GtkWidget *
small_label (const char *text,
             const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* Whether @key is what @shown says is on screen; if not, it becomes it. */
static gboolean
shows_already (char       **shown,
               GString     *key)
{
  if (g_strcmp0 (*shown, key->str) == 0)
    return TRUE;
  g_free (*shown);
  *shown = g_strdup (key->str);
  return FALSE;
}

/* One field of the packet card: its value, and the old one when this
 * step changed it. */
typedef struct {
  NflPacketField  field;
  char           *value;
  char           *was;     /* or NULL */
} CardRow;

static void
card_row_clear (CardRow *row)
{
  g_free (row->value);
  g_free (row->was);
}

static void
show_packet (NflSimulateView *self,
             guint            position)
{
  const NflPacket *packet = nfl_playback_get_packet (self->playback, position);
  const NflPacket *before = nfl_playback_get_packet_before (self->playback, position);
  const NflPlaybackStep *step = nfl_playback_get_step (self->playback, position);
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (CardRow));
  g_autoptr(GString) key = g_string_new (NULL);
  g_autofree char *title = NULL;
  int row = 0;

  g_array_set_clear_func (rows, (GDestroyNotify) card_row_clear);
  if (packet != NULL)
    {
      title = g_strdup_printf (_("Packet %u"), step->packet);
      g_string_append (key, title);
      for (guint f = 0; f < NFL_N_FIELDS; f++)
        {
          CardRow card = { 1u << f, nfl_field_format (1u << f, packet), NULL };

          if (card.value == NULL)
            continue;
          if ((step->changed & card.field) != 0 && before != NULL)
            {
              g_autofree char *old = nfl_field_format (card.field, before);
              /* Translators: the value a header field had before this step */
              card.was = g_strdup_printf (_("was %s"), old ? old : "—");
            }
          g_string_append_printf (key, "\n%u\t%s\t%d\t%s", f, card.value, (step->changed & card.field) != 0,
                                  card.was ? card.was : "");
          g_array_append_val (rows, card);
        }
    }
  if (shows_already (&self->shown_packet, key))
    return;

  clear_container (GTK_WIDGET (self->packet_grid));
  if (packet == NULL)
    return;
  gtk_grid_attach (self->packet_grid, small_label (title, "dim-label"), 0, row++, 2, 1);
  for (guint i = 0; i < rows->len; i++)
    {
      const CardRow *card = &g_array_index (rows, CardRow, i);
      gboolean changed = (step->changed & card->field) != 0;
      GtkWidget *value_label;

      gtk_grid_attach (self->packet_grid, small_label (nfl_field_name (card->field), "dim-label"), 0, row, 1, 1);
      value_label = small_label (card->value, changed ? "accent" : NULL);
      gtk_widget_add_css_class (value_label, "monospace");
      if (changed)
        gtk_widget_add_css_class (value_label, "heading");
      gtk_grid_attach (self->packet_grid, value_label, 1, row, 1, 1);
      row++;
      if (card->was != NULL)
        {
          GtkWidget *was_label = small_label (card->was, "dim-label");
          gtk_widget_add_css_class (was_label, "caption");
          gtk_grid_attach (self->packet_grid, was_label, 1, row++, 1, 1);
        }
    }
}

static GtkWidget *
rule_row (const char *number,
          const char *spec,
          const char *state,
          gboolean    current)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *row = gtk_list_box_row_new ();

  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 8);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_box_append (GTK_BOX (line), small_label (number, "dim-label"));
  gtk_box_append (GTK_BOX (line), small_label (spec, "monospace"));
  gtk_box_append (GTK_BOX (box), line);
  if (state != NULL)
    gtk_box_append (GTK_BOX (box), small_label (state, current ? "accent" : "dim-label"));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  if (current)
    gtk_widget_add_css_class (row, "nfl-sim-current-rule");
  return row;
}

/* A row of the current chain's list. */
typedef struct {
  char     *number;
  char     *spec;
  char     *state;     /* or NULL */
  gboolean  current;
} ChainRow;

static void
chain_row_clear (ChainRow *row)
{
  g_free (row->number);
  g_free (row->spec);
  g_free (row->state);
}

static void
add_chain_row (GArray     *rows,
               const char *number,
               char       *spec,     /* (transfer full) */
               const char *state,
               gboolean    current)
{
  ChainRow row = { g_strdup (number), spec, g_strdup (state), current };
  g_array_append_val (rows, row);
}

/* The rules of the chain the packet is in, each marked with what the
 * playback says of it in this visit. */
static void
show_chain (NflSimulateView *self,
            guint            position)
{
  const NflPlaybackStep *step = nfl_playback_get_step (self->playback, position);
  NflScenario *scenario = nfl_playback_get_scenario (self->playback);
  GPtrArray *namespaces = nfl_scenario_get_namespaces (scenario);
  g_autoptr(GHashTable) states = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (ChainRow));
  g_autoptr(GString) key = g_string_new (NULL);
  NflNamespace *ns;
  NflChain *chain;
  guint first, last;
  int current = step->rule;
  g_autofree char *heading = NULL;

  g_array_set_clear_func (rows, (GDestroyNotify) chain_row_clear);
  if (step->table < 0 || step->chain < 0 || step->ns < 0 || (guint) step->ns >= namespaces->len)
    {
      heading = g_strdup (_("Current Chain"));
      add_chain_row (rows, "", g_strdup (_("The packet is in no chain at this step.")), NULL, FALSE);
    }
  else
    {
      ns = g_ptr_array_index (namespaces, step->ns);
      chain = g_ptr_array_index (ns->ruleset->tables[step->table].chains, step->chain);
      /* Translators: "Current Chain: ns2 nat PREROUTING" */
      heading = g_strdup_printf (_("Current Chain: %s %s %s"), ns->name, nfl_table_name (step->table), chain->name);

      /* this visit of the chain: the steps around the position */
      for (guint i = position + 1; i-- > 0;)
        {
          const NflPlaybackStep *s = nfl_playback_get_step (self->playback, i);
          if (s->packet != step->packet || s->ns != step->ns || s->hook != step->hook ||
              s->table != step->table || s->chain != step->chain)
            break;
          if (s->kind == NFL_EVENT_RULE && s->rule >= 0 && !g_hash_table_contains (states, GINT_TO_POINTER (s->rule + 1)))
            {
              char *state;

              if (s->failed == NFL_RULE_MATCHED)
                {
                  /* the sentence's effect: "matches: destination … becomes …" */
                  const char *effect = strstr (nfl_playback_describe (self->playback, i), " matches: ");
                  state = g_strdup (effect ? effect + 1 : _("matches"));
                }
              else
                state = nfl_playback_explain_failure (self->playback, i);
              g_hash_table_insert (states, GINT_TO_POINTER (s->rule + 1), state);
            }
        }

      if (current < 0)
        current = chain->rules->len;   /* the policy */
      first = current > CHAIN_WINDOW ? current - CHAIN_WINDOW : 0;
      last = MIN (chain->rules->len, (guint) current + CHAIN_WINDOW);
      if (first > 0)
        add_chain_row (rows, "…", g_strdup_printf (ngettext ("%u rule before", "%u rules before", first), first),
                       NULL, FALSE);
      for (guint r = first; r < last; r++)
        {
          char number[16];

          g_snprintf (number, sizeof number, "%u", r + 1);
          add_chain_row (rows, number, nfl_rule_to_save_spec (g_ptr_array_index (chain->rules, r)),
                         g_hash_table_lookup (states, GINT_TO_POINTER (r + 1)), (int) r == step->rule);
        }
      if (last < chain->rules->len)
        add_chain_row (rows, "…", g_strdup_printf (ngettext ("%u rule after", "%u rules after",
                                                             chain->rules->len - last),
                                                   chain->rules->len - last),
                       NULL, FALSE);
      if (chain->builtin)
        add_chain_row (rows, "", g_strdup_printf (_("policy %s"), nfl_policy_name (chain->policy)),
                       step->kind == NFL_EVENT_POLICY ? _("applies now") : NULL, step->kind == NFL_EVENT_POLICY);
    }

  g_string_append (key, heading);
  for (guint i = 0; i < rows->len; i++)
    {
      const ChainRow *row = &g_array_index (rows, ChainRow, i);
      g_string_append_printf (key, "\n%s\t%s\t%s\t%d", row->number, row->spec, row->state ? row->state : "",
                              row->current);
    }
  if (shows_already (&self->shown_chain, key))
    return;

  gtk_label_set_text (self->chain_heading, heading);
  clear_container (GTK_WIDGET (self->chain_list));
  for (guint i = 0; i < rows->len; i++)
    {
      const ChainRow *row = &g_array_index (rows, ChainRow, i);
      gtk_list_box_append (self->chain_list, rule_row (row->number, row->spec, row->state, row->current));
    }
}

static char *
log_text (NflSimulateView *self,
          guint            position)
{
  g_autoptr(GPtrArray) lines = nfl_playback_get_log_lines (self->playback, position);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (text, "%s\n", (const char *) g_ptr_array_index (lines, i));
  /* at the end, the outcome line too: the pane reads as `nflab trace` prints */
  if (nfl_playback_get_step (self->playback, position)->kind == NFL_EVENT_OUTCOME)
    g_string_append_printf (text, "outcome: %s\n", nfl_trace_get_outcome (nfl_playback_get_trace (self->playback)));
  return g_string_free (text, FALSE);
}

static void
show_conntrack (NflSimulateView *self,
                guint            position)
{
  const NflPlaybackStep *step = nfl_playback_get_step (self->playback, position);
  g_autoptr(GPtrArray) entries = nfl_playback_get_conntrack (self->playback, position, step->ns);
  NflTrace *trace = nfl_playback_get_trace (self->playback);
  GString *text = g_string_new (NULL);

  if (step->ns >= 0)
    g_string_append_printf (text, "%s\n", nfl_trace_get_namespace_name (trace, step->ns));
  for (guint i = 0; i < entries->len; i++)
    {
      g_autofree char *entry = nfl_conntrack_record_format (g_ptr_array_index (entries, i));
      g_string_append_printf (text, "%s\n", entry);
    }
  if (entries->len == 0)
    g_string_append (text, _("No connections tracked here yet"));
  else
    g_string_truncate (text, text->len - 1);
  gtk_label_set_text (self->conntrack_label, text->str);
  g_string_free (text, TRUE);
}

/* A text view's text set anew only when it differs: setting it lays the
 * whole text out again.  Returns whether it changed. */
static gboolean
set_text_if_new (GtkTextView *view,
                 const char  *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  g_autofree char *shown = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
  if (g_strcmp0 (shown, text) == 0)
    return FALSE;
  gtk_text_buffer_set_text (buffer, text, -1);
  return TRUE;
}

static void
update_step (NflSimulateView *self,
             gboolean         animate)
{
  guint position, n_steps, stop = 0, n_stops;
  NflGranularity granularity;
  g_autofree char *log = NULL;
  g_autofree char *counter = NULL;

  gboolean have = self->playback != NULL && nfl_playback_get_n_steps (self->playback) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "simulate.step", have && !nfl_playback_is_at_end (self->playback));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "simulate.jump-to-end", have && !nfl_playback_is_at_end (self->playback));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "simulate.play", have);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "simulate.step-back", have && nfl_playback_get_position (self->playback) > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "simulate.restart", have && nfl_playback_get_position (self->playback) > 0);
  if (!have)
    {
      nfl_hook_diagram_show_step (NFL_HOOK_DIAGRAM (self->diagram), NULL, 0, FALSE);
      nfl_mini_topology_show_step (NFL_MINI_TOPOLOGY (self->topology), NULL, 0);
      return;
    }

  position = nfl_playback_get_position (self->playback);
  n_steps = nfl_playback_get_n_steps (self->playback);
  granularity = nfl_playback_get_granularity (self->playback);
  n_stops = nfl_playback_count_stops (self->playback, granularity);
  for (guint i = 0; i <= position && i < n_steps; i++)
    stop += nfl_playback_is_stop (self->playback, i, granularity);
  /* Translators: the transport's counter, "Step 3 of 40" */
  counter = g_strdup_printf (_("Step %u of %u"), MAX (stop, 1), n_stops);
  gtk_label_set_text (self->position_label, counter);
  gtk_label_set_text (self->step_label, nfl_playback_describe (self->playback, position));

  nfl_hook_diagram_show_step (NFL_HOOK_DIAGRAM (self->diagram), self->playback, position, animate);
  {
    const NflPlaybackStep *step = nfl_playback_get_step (self->playback, position);
    NflTrace *trace = nfl_playback_get_trace (self->playback);
    GPtrArray *namespaces = nfl_scenario_get_namespaces (nfl_playback_get_scenario (self->playback));

    if (step->kind == NFL_EVENT_RULE && step->rule >= 0 && step->ns >= 0 && (guint) step->ns < namespaces->len)
      {
        NflNamespace *ns = g_ptr_array_index (namespaces, step->ns);
        NflChain *chain = g_ptr_array_index (ns->ruleset->tables[step->table].chains, step->chain);
        g_signal_emit (self, signals[RULE_REACHED], 0, nfl_trace_get_namespace_name (trace, step->ns),
                       (guint) step->table, chain->name, (guint) step->rule + 1);
      }
  }
  nfl_mini_topology_show_step (NFL_MINI_TOPOLOGY (self->topology), self->playback, position);
  show_packet (self, position);
  show_chain (self, position);
  show_conntrack (self, position);
  log = log_text (self, position);
  if (set_text_if_new (self->log_view, log))
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->log_view);
    GtkTextIter end;
    GtkTextMark *mark;

    /* the newest line in view */
    gtk_text_buffer_get_end_iter (buffer, &end);
    mark = gtk_text_buffer_create_mark (buffer, NULL, &end, FALSE);
    gtk_text_view_scroll_to_mark (self->log_view, mark, 0, TRUE, 0, 1);
    gtk_text_buffer_delete_mark (buffer, mark);
  }
  set_text_if_new (self->outcome_view,
                   nfl_playback_is_at_end (self->playback) ?
                   nfl_playback_get_outcome_sentence (self->playback) :
                   _("The packet is on its way. Step on, or jump to the end."));
}

/* ---------------------------------------------------------------------- */
/* actions                                                                 */
/* ---------------------------------------------------------------------- */

static void
stop_playing (NflSimulateView *self)
{
  if (self->play_id == 0)
    return;
  g_source_remove (self->play_id);
  self->play_id = 0;
  gtk_button_set_icon_name (self->play_button, "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button), _("Play (Space)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Play"), -1);
}

static gboolean
play_tick_cb (gpointer user_data)
{
  NflSimulateView *self = user_data;

  if (self->playback == NULL || !nfl_playback_step (self->playback) || nfl_playback_is_at_end (self->playback))
    {
      self->play_id = 0;
      stop_playing (self);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
draw_again_cb (GtkWidget *widget, const char *name, GVariant *param)
{
  NflSimulateView *self = NFL_SIMULATE_VIEW (widget);

  if (self->traced_probe == NULL)
    return;
  self->seed++;
  start_trace (self, self->traced_probe, FALSE);
}

static void
step_cb (GtkWidget *widget, const char *name, GVariant *param)
{
  NflSimulateView *self = NFL_SIMULATE_VIEW (widget);
  if (self->playback != NULL)
    nfl_playback_step (self->playback);
}

static void
step_back_cb (GtkWidget *widget, const char *name, GVariant *param)
{
  NflSimulateView *self = NFL_SIMULATE_VIEW (widget);
  if (self->playback != NULL)
    nfl_playback_step_back (self->playback);
}

static void
restart_cb (GtkWidget *widget, const char *name, GVariant *param)
{
  NflSimulateView *self = NFL_SIMULATE_VIEW (widget);
  stop_playing (self);
  if (self->playback != NULL)
    nfl_playback_restart (self->playback);
}

static void
jump_to_end_cb (GtkWidget *widget, const char *name, GVariant *param)
{
  NflSimulateView *self = NFL_SIMULATE_VIEW (widget);
  stop_playing (self);
  if (self->playback != NULL)
    nfl_playback_jump_to_end (self->playback);
}

static void
play_cb (GtkWidget *widget, const char *name, GVariant *param)
{
  NflSimulateView *self = NFL_SIMULATE_VIEW (widget);
  double speed = gtk_range_get_value (GTK_RANGE (self->speed_scale));

  if (self->play_id != 0 || self->playback == NULL)
    {
      stop_playing (self);
      return;
    }
  if (nfl_playback_is_at_end (self->playback))
    nfl_playback_restart (self->playback);
  self->play_id = g_timeout_add ((guint) (1000 / MAX (speed, 0.5)), play_tick_cb, self);
  gtk_button_set_icon_name (self->play_button, "media-playback-pause-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->play_button), _("Pause (Space)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->play_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pause"), -1);
}

static void
send_cb (GtkWidget *widget, const char *name, GVariant *param)
{
  nfl_simulate_view_send (NFL_SIMULATE_VIEW (widget));
}

static void
save_probe_cb (GtkWidget *widget, const char *name, GVariant *param)
{
  NflSimulateView *self = NFL_SIMULATE_VIEW (widget);
  g_autofree char *probe = nfl_simulate_view_dup_probe (self);
  g_autoptr(GError) error = NULL;

  if (probe == NULL || self->document == NULL)
    return;
  if (!nfl_document_add_probe (self->document, probe, &error))
    {
      gtk_label_set_text (self->probe_error_label, error->message);
      gtk_revealer_set_reveal_child (self->probe_error_revealer, TRUE);
    }
}

static void
use_probe_cb (GtkWidget *widget, const char *name, GVariant *param)
{
  nfl_simulate_view_set_probe (NFL_SIMULATE_VIEW (widget), g_variant_get_string (param, NULL));
}

static void
set_destination_cb (GtkWidget *widget, const char *name, GVariant *param)
{
  NflSimulateView *self = NFL_SIMULATE_VIEW (widget);
  gtk_editable_set_text (GTK_EDITABLE (self->destination_entry), g_variant_get_string (param, NULL));
}

static void
copy_log_cb (GtkWidget *widget, const char *name, GVariant *param)
{
  NflSimulateView *self = NFL_SIMULATE_VIEW (widget);
  g_autofree char *text = nfl_simulate_view_dup_log_text (self);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
}

typedef enum {
  EXPORT_LOG,
  EXPORT_EXPLANATION,
  EXPORT_PNG,
  EXPORT_SVG,
  EXPORT_PDF,
} ExportKind;

static gboolean
export_to (NflSimulateView  *self,
           ExportKind        kind,
           GFile            *file,
           GError          **error)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *text = NULL;
  int width = 1600, height = 700;
  cairo_surface_t *surface = NULL;
  cairo_status_t status;
  cairo_t *cr;

  switch (kind)
    {
    case EXPORT_LOG:
    case EXPORT_EXPLANATION:
      text = kind == EXPORT_LOG ? nfl_simulate_view_dup_log_text (self) : nfl_playback_explain (self->playback);
      return g_file_replace_contents (file, text, strlen (text), NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                      NULL, NULL, error);
    case EXPORT_PNG:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      break;
    case EXPORT_SVG:
      surface = cairo_svg_surface_create (path, width, height);
      break;
    case EXPORT_PDF:
      surface = cairo_pdf_surface_create (path, width, height);
      break;
    }
  cr = cairo_create (surface);
  nfl_hook_diagram_draw (NFL_HOOK_DIAGRAM (self->diagram), cr, width, height);
  cairo_destroy (cr);
  if (kind == EXPORT_PNG)
    cairo_surface_write_to_png (surface, path);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  NflSimulateView *self = user_data;
  ExportKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "kind"));
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      if (!export_to (self, kind, file, &error))
        {
          gtk_label_set_text (self->probe_error_label, error->message);
          gtk_revealer_set_reveal_child (self->probe_error_revealer, TRUE);
        }
    }
  g_object_unref (dialog);
}

static void
export_cb (GtkWidget *widget, const char *name, GVariant *param)
{
  NflSimulateView *self = NFL_SIMULATE_VIEW (widget);
  static const char *suggested[] = { "trace.log", "trace.txt", "hook-diagram.png", "hook-diagram.svg", "hook-diagram.pdf" };
  ExportKind kind = g_variant_get_int32 (param);
  GtkFileChooserNative *dialog;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->playback == NULL || kind < EXPORT_LOG || kind > EXPORT_PDF)
    return;
  dialog = gtk_file_chooser_native_new (_("Export"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested[kind]);
  g_object_set_data (G_OBJECT (dialog), "kind", GINT_TO_POINTER (kind));
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
save_log_cb (GtkWidget *widget, const char *name, GVariant *param)
{
  gtk_widget_activate_action (widget, "simulate.export", "i", EXPORT_LOG);
}

/* ---------------------------------------------------------------------- */
/* public                                                                  */
/* ---------------------------------------------------------------------- */

NflPlayback *
nfl_simulate_view_get_playback (NflSimulateView *self)
{
  g_return_val_if_fail (NFL_IS_SIMULATE_VIEW (self), NULL);
  return self->playback;
}

GtkWidget *
nfl_simulate_view_get_diagram (NflSimulateView *self)
{
  g_return_val_if_fail (NFL_IS_SIMULATE_VIEW (self), NULL);
  return self->diagram;
}

GtkWidget *
nfl_simulate_view_get_topology (NflSimulateView *self)
{
  g_return_val_if_fail (NFL_IS_SIMULATE_VIEW (self), NULL);
  return self->topology;
}

char *
nfl_simulate_view_dup_log_text (NflSimulateView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (NFL_IS_SIMULATE_VIEW (self), NULL);
  buffer = gtk_text_view_get_buffer (self->log_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  {
    /* what the kernel would log, as nflab trace prints it: the pane's
     * "NFLOG group …" lines (what a program would receive) stay out */
    g_autofree char *text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
    GString *kernel = g_string_new (NULL);

    for (guint i = 0; lines[i] != NULL; i++)
      {
        if (g_str_has_prefix (lines[i], "NFLOG group "))
          continue;
        g_string_append (kernel, lines[i]);
        if (lines[i + 1] != NULL)
          g_string_append_c (kernel, '\n');
      }
    return g_string_free (kernel, FALSE);
  }
}

char *
nfl_simulate_view_dup_packet_text (NflSimulateView *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (NFL_IS_SIMULATE_VIEW (self), NULL);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->packet_grid)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int column;
      gtk_grid_query_child (self->packet_grid, child, &column, NULL, NULL, NULL);
      g_string_append_printf (text, "%s%s", column == 0 && text->len > 0 ? "\n" : (text->len > 0 ? " " : ""),
                              gtk_label_get_text (GTK_LABEL (child)));
    }
  return g_string_free (text, FALSE);
}

char *
nfl_simulate_view_dup_outcome_text (NflSimulateView *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (NFL_IS_SIMULATE_VIEW (self), NULL);
  buffer = gtk_text_view_get_buffer (self->outcome_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

const char *
nfl_simulate_view_get_step_text (NflSimulateView *self)
{
  g_return_val_if_fail (NFL_IS_SIMULATE_VIEW (self), NULL);
  return gtk_label_get_text (self->step_label);
}

void
nfl_simulate_view_set_document (NflSimulateView *self,
                                NflDocument     *document)
{
  g_return_if_fail (NFL_IS_SIMULATE_VIEW (self));

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  g_clear_pointer (&self->traced_probe, g_free);
  set_playback (self, NULL);
  if (document == NULL)
    return;
  g_signal_connect_object (document, "changed", G_CALLBACK (document_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::file", G_CALLBACK (document_file_cb), self, G_CONNECT_SWAPPED);
  refresh_composer (self);
}

/* ---------------------------------------------------------------------- */
/* GObject                                                                 */
/* ---------------------------------------------------------------------- */

static void
granularity_changed_cb (NflSimulateView *self)
{
  if (self->playback != NULL)
    nfl_playback_set_granularity (self->playback, gtk_drop_down_get_selected (self->granularity_dropdown));
  update_step (self, FALSE);
}

static void
nfl_simulate_view_dispose (GObject *object)
{
  NflSimulateView *self = NFL_SIMULATE_VIEW (object);

  stop_playing (self);
  g_cancellable_cancel (self->trace_cancellable);
  g_clear_object (&self->trace_cancellable);
  if (self->playback != NULL)
    g_signal_handlers_disconnect_by_data (self->playback, self);
  g_clear_object (&self->playback);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_pointer (&self->traced_probe, g_free);
  g_clear_pointer (&self->shown_packet, g_free);
  g_clear_pointer (&self->shown_chain, g_free);
  g_clear_object (&self->addresses_menu);
  g_clear_object (&self->probes_menu);
  g_clear_object (&self->export_menu);
  gtk_widget_dispose_template (GTK_WIDGET (self), NFL_TYPE_SIMULATE_VIEW);
  G_OBJECT_CLASS (nfl_simulate_view_parent_class)->dispose (object);
}

static void
nfl_simulate_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  NflSimulateView *self = NFL_SIMULATE_VIEW (object);

  switch (prop_id)
    {
    case PROP_PLAYBACK:
      g_value_set_object (value, self->playback);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nfl_simulate_view_class_init (NflSimulateViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = nfl_simulate_view_dispose;
  object_class->get_property = nfl_simulate_view_get_property;

  properties[PROP_PLAYBACK] = g_param_spec_object ("playback", NULL, NULL, NFL_TYPE_PLAYBACK,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The step at a rule: namespace, table (NflTableId), chain, rule
   * number (1-based), so that a rules view can show the same rule. */
  signals[RULE_REACHED] =
    g_signal_new ("rule-reached", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 4, G_TYPE_STRING, G_TYPE_UINT, G_TYPE_STRING, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/netfilterlab/NetfilterLab/nfl-simulate-view.ui");
  gtk_widget_class_bind_template_child (widget_class, NflSimulateView, source_dropdown);
  gtk_widget_class_bind_template_child (widget_class, NflSimulateView, protocol_dropdown);
  gtk_widget_class_bind_template_child (widget_class, NflSimulateView, destination_entry);
  gtk_widget_class_bind_template_child (widget_class, NflSimulateView, addresses_button);
  gtk_widget_class_bind_template_child (widget_class, NflSimulateView, port_spin);
  gtk_widget_class_bind_template_child (widget_class, NflSimulateView, probes_button);
  gtk_widget_class_bind_template_child (widget_class, NflSimulateView, probe_error_revealer);
  gtk_widget_class_bind_template_child (widget_class, NflSimulateView, probe_error_label);
  gtk_widget_class_bind_template_child (widget_class, NflSimulateView, changed_revealer);
  gtk_widget_class_bind_template_child (widget_class, NflSimulateView, draw_again_button);
  gtk_widget_class_bind_template_child (widget_class, NflSimulateView, stack);
  gtk_widget_class_bind_template_child (widget_class, NflSimulateView, send_button);
  gtk_widget_class_bind_template_child (widget_class, NflSimulateView, play_button);
  gtk_widget_class_bind_template_child (widget_class, NflSimulateView, speed_scale);
  gtk_widget_class_bind_template_child (widget_class, NflSimulateView, granularity_dropdown);
  gtk_widget_class_bind_template_child (widget_class, NflSimulateView, position_label);
  gtk_widget_class_bind_template_child (widget_class, NflSimulateView, export_button);
  gtk_widget_class_bind_template_child (widget_class, NflSimulateView, step_label);
  gtk_widget_class_bind_template_child (widget_class, NflSimulateView, diagram_box);
  gtk_widget_class_bind_template_child (widget_class, NflSimulateView, side_box);
  gtk_widget_class_bind_template_child (widget_class, NflSimulateView, outcome_view);
  gtk_widget_class_bind_template_child (widget_class, NflSimulateView, packet_grid);
  gtk_widget_class_bind_template_child (widget_class, NflSimulateView, chain_heading);
  gtk_widget_class_bind_template_child (widget_class, NflSimulateView, chain_list);
  gtk_widget_class_bind_template_child (widget_class, NflSimulateView, conntrack_label);
  gtk_widget_class_bind_template_child (widget_class, NflSimulateView, log_view);

  gtk_widget_class_install_action (widget_class, "simulate.send", NULL, send_cb);
  gtk_widget_class_install_action (widget_class, "simulate.save-probe", NULL, save_probe_cb);
  gtk_widget_class_install_action (widget_class, "simulate.use-probe", "s", use_probe_cb);
  gtk_widget_class_install_action (widget_class, "simulate.set-destination", "s", set_destination_cb);
  gtk_widget_class_install_action (widget_class, "simulate.step", NULL, step_cb);
  gtk_widget_class_install_action (widget_class, "simulate.draw-again", NULL, draw_again_cb);
  gtk_widget_class_install_action (widget_class, "simulate.step-back", NULL, step_back_cb);
  gtk_widget_class_install_action (widget_class, "simulate.play", NULL, play_cb);
  gtk_widget_class_install_action (widget_class, "simulate.restart", NULL, restart_cb);
  gtk_widget_class_install_action (widget_class, "simulate.jump-to-end", NULL, jump_to_end_cb);
  gtk_widget_class_install_action (widget_class, "simulate.copy-log", NULL, copy_log_cb);
  gtk_widget_class_install_action (widget_class, "simulate.save-log", NULL, save_log_cb);
  gtk_widget_class_install_action (widget_class, "simulate.export", "i", export_cb);

}

/* The transport's keys work wherever the focus is in the window while
 * the view shows, before the window moves the focus with the arrows,
 * except in the fields that need those keys themselves. */
static void add_send_shortcut (NflSimulateView *self);

static gboolean
transport_key_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  /* a field of the hidden Design view may keep the focus: it types nothing */
  if (focus != NULL && !gtk_widget_get_mapped (focus))
    focus = NULL;
  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    if (GTK_IS_EDITABLE (w) || GTK_IS_TEXT_VIEW (w) || GTK_IS_RANGE (w) || GTK_IS_DROP_DOWN (w) ||
        GTK_IS_POPOVER (w))
      return FALSE;
  return gtk_widget_activate_action (widget, user_data, NULL);
}

static void
add_shortcuts (NflSimulateView *self)
{
  static const struct { guint key; const char *action; } transport[] = {
    { GDK_KEY_Right, "simulate.step" },
    { GDK_KEY_Left, "simulate.step-back" },
    { GDK_KEY_space, "simulate.play" },
    { GDK_KEY_Home, "simulate.restart" },
    { GDK_KEY_End, "simulate.jump-to-end" },
  };
  GtkEventController *capture = gtk_shortcut_controller_new ();

  /* at the window, before its own arrow-key focus moves */
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (capture), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_event_controller_set_propagation_phase (capture, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (transport); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (capture),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (transport[i].key, 0),
                                                            gtk_callback_action_new (transport_key_cb,
                                                                                     (gpointer) transport[i].action,
                                                                                     NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), capture);
  add_send_shortcut (self);
}

/* Ctrl+Return sends from anywhere in the window while the view shows. */
static void
add_send_shortcut (NflSimulateView *self)
{
  static const struct { guint key; GdkModifierType mods; const char *action; } keys[] = {
    { GDK_KEY_Return, GDK_CONTROL_MASK, "simulate.send" },
    { GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "simulate.send" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_GLOBAL);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key, keys[i].mods),
                                                            gtk_named_action_new (keys[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
nfl_simulate_view_init (NflSimulateView *self)
{
  static const struct { const char *label; ExportKind kind; } exports[] = {
    { N_("Diagram as _PNG…"), EXPORT_PNG },
    { N_("Diagram as _SVG…"), EXPORT_SVG },
    { N_("Diagram as P_DF…"), EXPORT_PDF },
    { N_("Trace in _Words…"), EXPORT_EXPLANATION },
    { N_("_LOG Lines…"), EXPORT_LOG },
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  add_shortcuts (self);
  /* the names tests find the fields by */
  g_object_set_data (G_OBJECT (self->destination_entry), "nfl-key", (gpointer) "destination");
  g_object_set_data (G_OBJECT (self->probe_error_label), "nfl-key", (gpointer) "probe-error");
  g_object_set_data (G_OBJECT (self->granularity_dropdown), "nfl-key", (gpointer) "granularity");
  g_object_set_data (G_OBJECT (self->changed_revealer), "nfl-key", (gpointer) "changed");
  g_object_set_data (G_OBJECT (self->draw_again_button), "nfl-key", (gpointer) "draw-again");
  g_object_set_data (G_OBJECT (self->send_button), "nfl-key", (gpointer) "send");

  self->namespaces = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->source_dropdown, G_LIST_MODEL (self->namespaces));
  g_object_unref (self->namespaces);   /* the drop-down holds it */

  self->diagram = nfl_hook_diagram_new ();
  gtk_widget_set_vexpand (self->diagram, TRUE);
  gtk_widget_set_hexpand (self->diagram, TRUE);
  gtk_box_append (self->diagram_box, self->diagram);
  /* the namespaces and links beside it, the packet on its way */
  self->topology = nfl_mini_topology_new ();
  gtk_widget_set_size_request (self->topology, -1, 120);
  gtk_widget_add_css_class (self->topology, "card");
  gtk_box_prepend (self->side_box, self->topology);

  self->addresses_menu = g_menu_new ();
  gtk_menu_button_set_menu_model (self->addresses_button, G_MENU_MODEL (self->addresses_menu));
  self->probes_menu = g_menu_new ();
  gtk_menu_button_set_menu_model (self->probes_button, G_MENU_MODEL (self->probes_menu));
  self->export_menu = g_menu_new ();
  for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_(exports[i].label), NULL);
      g_menu_item_set_action_and_target_value (item, "simulate.export", g_variant_new_int32 (exports[i].kind));
      g_menu_append_item (self->export_menu, item);
    }
  gtk_menu_button_set_menu_model (self->export_button, G_MENU_MODEL (self->export_menu));

  g_signal_connect_object (self->source_dropdown, "notify::selected", G_CALLBACK (composer_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->protocol_dropdown, "notify::selected", G_CALLBACK (composer_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->destination_entry, "changed", G_CALLBACK (composer_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->destination_entry, "activate", G_CALLBACK (nfl_simulate_view_send), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->port_spin, "value-changed", G_CALLBACK (composer_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->granularity_dropdown, "notify::selected", G_CALLBACK (granularity_changed_cb), self,
                           G_CONNECT_SWAPPED);
  composer_changed (self);
  update_step (self, FALSE);
}

GtkWidget *
nfl_simulate_view_new (void)
{
  return g_object_new (NFL_TYPE_SIMULATE_VIEW, NULL);
}
