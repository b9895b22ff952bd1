/* nfl-playback.c: a trace as steps to walk forwards and backwards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The steps are made once, from the events: a run of rules that do not
 * match becomes one step per rule, a rule that matches takes in what its
 * target did (the verdict, its LOG line, the translation, the drop), and
 * the chain entries are not steps of their own.  Everything a step shows
 * is an index into the trace, so moving the cursor costs nothing and
 * backwards equals forwards.
 */
#include "config.h"

#include <string.h>

#include "nfl-playback.h"
#include "nfl-rule-words.h"
#include "nfl-ruleset.h"
#include "nfl-types.h"

struct _NflPlayback {
  GObject         parent_instance;
  NflTrace       *trace;
  NflScenario    *scenario;
  GArray         *steps;        /* NflPlaybackStep */
  guint8         *stops;        /* per step: bit G set when a stop of granularity G */
  GPtrArray      *sentences;    /* per step, made on demand */
  char           *outcome_sentence;
  int             end_step;       /* where the exchange ended, -1 unknown */
  guint           position;
  NflGranularity  granularity;
};

G_DEFINE_FINAL_TYPE (NflPlayback, nfl_playback, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_POSITION,
  PROP_GRANULARITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------------------- */
/* rules and names                                                         */
/* ---------------------------------------------------------------------- */

static NflNamespace *
namespace_at (NflPlayback *self,
              int          ns)
{
  GPtrArray *namespaces = nfl_scenario_get_namespaces (self->scenario);

  if (ns < 0 || (guint) ns >= namespaces->len)
    return NULL;
  return g_ptr_array_index (namespaces, ns);
}

static NflChain *
chain_at (NflPlayback *self,
          int          ns,
          int          table,
          int          chain)
{
  NflNamespace *n = namespace_at (self, ns);
  GPtrArray *chains;

  if (n == NULL || table < 0 || table >= NFL_N_TABLES || chain < 0)
    return NULL;
  chains = n->ruleset->tables[table].chains;
  return (guint) chain < chains->len ? g_ptr_array_index (chains, chain) : NULL;
}

static const NflRule *
rule_at (NflPlayback *self,
         int          ns,
         int          table,
         int          chain,
         int          rule)
{
  NflChain *c = chain_at (self, ns, table, chain);

  if (c == NULL || rule < 0 || (guint) rule >= c->rules->len)
    return NULL;
  return g_ptr_array_index (c->rules, rule);
}

static const char *
ns_name (NflPlayback *self,
         int          ns)
{
  const char *name = nfl_trace_get_namespace_name (self->trace, ns);
  return name ? name : "?";
}

/* "ns2 filter FORWARD" */
static void
append_chain_place (GString     *out,
                    NflPlayback *self,
                    int          ns,
                    int          table,
                    int          chain)
{
  NflChain *c = chain_at (self, ns, table, chain);

  g_string_append_printf (out, "%s %s %s", ns_name (self, ns), nfl_table_name (table), c ? c->name : "?");
}

/* "ns2 filter FORWARD rule 3 (-p icmp -j DROP)" */
static void
append_rule_place (GString     *out,
                   NflPlayback *self,
                   int          ns,
                   int          table,
                   int          chain,
                   int          rule)
{
  const NflRule *r = rule_at (self, ns, table, chain, rule);

  append_chain_place (out, self, ns, table, chain);
  g_string_append_printf (out, " rule %d", rule + 1);
  if (r != NULL)
    {
      g_autofree char *spec = nfl_rule_to_save_spec (r);
      g_string_append_printf (out, " (%s)", spec);
    }
}

/* ---------------------------------------------------------------------- */
/* fields                                                                  */
/* ---------------------------------------------------------------------- */

static const char *field_names[NFL_N_FIELDS] = {
  "SRC", "DST", "TTL", "TOS", "ID", "DF", "LEN", "SPT", "DPT", "ICMP", "TCP flags", "MARK", "Conntrack",
};

const char *
nfl_field_name (NflPacketField field)
{
  for (guint i = 0; i < NFL_N_FIELDS; i++)
    if (field == (1u << i))
      return field_names[i];
  return NULL;
}

static gboolean
has_ports (const NflIpHeader *ip)
{
  return ip->proto == NFL_PROTO_TCP || ip->proto == NFL_PROTO_UDP;
}

/* "ACK SYN", or "none" */
static void
append_tcp_flags (GString *out,
                  guint8   flags)
{
  gsize start = out->len;

  nfl_tcp_flags_append (out, flags);
  if (out->len == start)
    g_string_append (out, "none");
  else
    g_string_truncate (out, out->len - 1);
}

static void
append_ct_state (GString *out,
                 guint8   state)
{
  if (state == NFL_PACKET_CT_OFF)
    g_string_append (out, "not tracked (conntrack is off here)");
  else if (state == 0)
    g_string_append (out, "not looked up yet");
  else
    nfl_ct_states_append (state, out);
}

char *
nfl_field_format (NflPacketField   field,
                  const NflPacket *packet)
{
  const NflIpHeader *ip;
  char addr[16];
  GString *out;

  g_return_val_if_fail (packet != NULL, NULL);
  ip = &packet->ip;
  switch (field)
    {
    case NFL_FIELD_SRC:
      nfl_ipv4_format (ip->src, addr);
      return g_strdup (addr);
    case NFL_FIELD_DST:
      nfl_ipv4_format (ip->dst, addr);
      return g_strdup (addr);
    case NFL_FIELD_TTL:
      return g_strdup_printf ("%u", ip->ttl);
    case NFL_FIELD_TOS:
      return g_strdup_printf ("0x%02X", ip->tos);
    case NFL_FIELD_ID:
      return g_strdup_printf ("%u", ip->id);
    case NFL_FIELD_DF:
      return g_strdup (ip->df ? "set" : "not set");
    case NFL_FIELD_LEN:
      return g_strdup_printf ("%u", ip->len);
    case NFL_FIELD_SPORT:
      return has_ports (ip) ? g_strdup_printf ("%u", ip->sport) : NULL;
    case NFL_FIELD_DPORT:
      return has_ports (ip) ? g_strdup_printf ("%u", ip->dport) : NULL;
    case NFL_FIELD_ICMP:
      if (ip->proto != NFL_PROTO_ICMP)
        return NULL;
      if (ip->icmp_type == 0 || ip->icmp_type == 8)
        return g_strdup_printf ("type %u code %u id %u", ip->icmp_type, ip->icmp_code, ip->icmp_id);
      if (ip->icmp_type == 5)
        {
          char gateway[16];

          nfl_ipv4_format (ip->icmp_gateway, gateway);
          return g_strdup_printf ("type %u code %u gateway %s", ip->icmp_type, ip->icmp_code, gateway);
        }
      return g_strdup_printf ("type %u code %u", ip->icmp_type, ip->icmp_code);
    case NFL_FIELD_TCP_FLAGS:
      if (ip->proto != NFL_PROTO_TCP)
        return NULL;
      out = g_string_new (NULL);
      append_tcp_flags (out, ip->tcp_flags);
      return g_string_free (out, FALSE);
    case NFL_FIELD_MARK:
      return g_strdup_printf ("0x%x", packet->mark);
    case NFL_FIELD_CT_STATE:
      out = g_string_new (NULL);
      append_ct_state (out, packet->ct_state);
      return g_string_free (out, FALSE);
    default:
      return NULL;
    }
}

static guint
changed_fields (const NflPacket *a,
                const NflPacket *b)
{
  guint changed = 0;

  if (a->ip.src != b->ip.src) changed |= NFL_FIELD_SRC;
  if (a->ip.dst != b->ip.dst) changed |= NFL_FIELD_DST;
  if (a->ip.ttl != b->ip.ttl) changed |= NFL_FIELD_TTL;
  if (a->ip.tos != b->ip.tos) changed |= NFL_FIELD_TOS;
  if (a->ip.id != b->ip.id) changed |= NFL_FIELD_ID;
  if (a->ip.df != b->ip.df) changed |= NFL_FIELD_DF;
  if (a->ip.len != b->ip.len) changed |= NFL_FIELD_LEN;
  if (a->ip.sport != b->ip.sport) changed |= NFL_FIELD_SPORT;
  if (a->ip.dport != b->ip.dport) changed |= NFL_FIELD_DPORT;
  if (a->ip.icmp_type != b->ip.icmp_type || a->ip.icmp_code != b->ip.icmp_code || a->ip.icmp_id != b->ip.icmp_id ||
      a->ip.icmp_gateway != b->ip.icmp_gateway)
    changed |= NFL_FIELD_ICMP;
  if (a->ip.tcp_flags != b->ip.tcp_flags) changed |= NFL_FIELD_TCP_FLAGS;
  if (a->mark != b->mark) changed |= NFL_FIELD_MARK;
  if (a->ct_state != b->ct_state) changed |= NFL_FIELD_CT_STATE;
  return changed;
}

/* ---------------------------------------------------------------------- */
/* building the steps                                                      */
/* ---------------------------------------------------------------------- */

/* What a matching rule's (or a policy's) step takes in after the rule
 * itself: its target's verdict, LOG line, header change and drop, and
 * after a nat chain the translation it set up. */
static gboolean
belongs_to_verdict (const NflTraceEvent *event,
                    const NflTraceEvent *first)
{
  if (event->packet != first->packet)
    return FALSE;
  switch (event->kind)
    {
    case NFL_EVENT_TARGET:
    case NFL_EVENT_LOG:
    case NFL_EVENT_NFLOG:
    case NFL_EVENT_CHANGED:
      return first->kind == NFL_EVENT_RULE;
    case NFL_EVENT_NAT:
      return first->table == NFL_TABLE_NAT;
    case NFL_EVENT_DROPPED:
      /* the drop of a DROP or REJECT rule or of a DROP policy; a drop
       * right after an ACCEPT policy is the routing's */
      return first->kind == NFL_EVENT_RULE ||
             (first->kind == NFL_EVENT_POLICY && g_strcmp0 (first->text, "DROP") == 0);
    default:
      return FALSE;
    }
}

static void
add_step (NflPlayback         *self,
          const NflTraceEvent *event,
          guint                index,
          guint                last_event,
          guint                nth,
          int                  failed,
          guint                n_log_lines,
          GArray              *last_snapshot_of)
{
  NflTrace *trace = self->trace;
  const NflTraceEvent *last = nfl_trace_get_event (trace, last_event);
  NflPlaybackStep step = {
    .kind = event->kind,
    .event = index,
    .nth = nth,
    .last_event = last_event,
    .packet = event->packet,
    .ns = event->ns,
    .hook = event->hook,
    .table = event->table,
    .chain = event->chain,
    .rule = event->rule >= 0 ? event->rule + (int) nth : -1,
    .failed = failed,
    .snapshot = last->snapshot,
    .before = -1,
    .n_log_lines = n_log_lines,
  };

  if (event->packet > 0)
    {
      gint32 *seen;

      if (last_snapshot_of->len <= event->packet)
        {
          guint old = last_snapshot_of->len;
          g_array_set_size (last_snapshot_of, event->packet + 1);
          for (guint i = old; i < last_snapshot_of->len; i++)
            g_array_index (last_snapshot_of, gint32, i) = -1;
        }
      seen = &g_array_index (last_snapshot_of, gint32, event->packet);
      if (event->kind != NFL_EVENT_PACKET_CREATED)
        step.before = *seen;
      if (step.before >= 0)
        step.changed = changed_fields (nfl_trace_get_snapshot (trace, step.before),
                                       nfl_trace_get_snapshot (trace, step.snapshot));
      *seen = step.snapshot;
    }
  g_array_append_val (self->steps, step);
}

static void
build_steps (NflPlayback *self)
{
  NflTrace *trace = self->trace;
  guint n_events = nfl_trace_get_n_events (trace);
  g_autoptr(GArray) last_snapshot_of = g_array_new (FALSE, FALSE, sizeof (gint32));
  guint n_log_lines = 0;

  for (guint i = 0; i < n_events; i++)
    {
      const NflTraceEvent *event = nfl_trace_get_event (trace, i);
      guint last = i;

      switch (event->kind)
        {
        case NFL_EVENT_CHAIN:
          continue;   /* the chain's first rule or its policy says it */

        case NFL_EVENT_RULE:
          if (event->failed != NFL_RULE_MATCHED)
            {
              for (guint nth = 0; nth < event->n_rules; nth++)
                add_step (self, event, i, i, nth, nfl_trace_get_rule_failure (trace, event, nth),
                          n_log_lines, last_snapshot_of);
              continue;
            }
          G_GNUC_FALLTHROUGH;
        case NFL_EVENT_POLICY:
          while (last + 1 < n_events && belongs_to_verdict (nfl_trace_get_event (trace, last + 1), event))
            {
              last++;
              if (nfl_trace_get_event (trace, last)->kind == NFL_EVENT_LOG ||
                  nfl_trace_get_event (trace, last)->kind == NFL_EVENT_NFLOG)
                n_log_lines++;
            }
          add_step (self, event, i, last, 0, NFL_RULE_MATCHED, n_log_lines, last_snapshot_of);
          i = last;
          continue;

        case NFL_EVENT_LOG:
        case NFL_EVENT_NFLOG:
          n_log_lines++;
          break;

        default:
          break;
        }
      add_step (self, event, i, i, 0, NFL_RULE_MATCHED, n_log_lines, last_snapshot_of);
    }
}

/* A step is a stop of a granularity when the next step leaves its chain,
 * hook or namespace visit; the first and the last step are stops of
 * every granularity. */
static void
find_stops (NflPlayback *self)
{
  guint n = self->steps->len;

  self->stops = g_new0 (guint8, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      const NflPlaybackStep *s = &g_array_index (self->steps, NflPlaybackStep, i);
      const NflPlaybackStep *next = i + 1 < n ? &g_array_index (self->steps, NflPlaybackStep, i + 1) : NULL;
      guint8 bits = 1 << NFL_GRANULARITY_RULE;

      if (next == NULL || i == 0)
        bits = 0xf;
      else
        {
          gboolean same_visit = next->packet == s->packet && next->ns == s->ns;
          gboolean same_hook = same_visit && s->hook >= 0 && next->hook == s->hook;
          gboolean same_chain = same_hook && s->table >= 0 && next->table == s->table && next->chain == s->chain;

          if (!same_chain)
            bits |= 1 << NFL_GRANULARITY_CHAIN;
          if (!same_hook)
            bits |= 1 << NFL_GRANULARITY_HOOK;
          if (!same_visit)
            bits |= 1 << NFL_GRANULARITY_NAMESPACE;
        }
      self->stops[i] = bits;
    }
}

/* ---------------------------------------------------------------------- */
/* GObject                                                                 */
/* ---------------------------------------------------------------------- */

static void
nfl_playback_finalize (GObject *object)
{
  NflPlayback *self = NFL_PLAYBACK (object);

  g_clear_pointer (&self->trace, nfl_trace_unref);
  g_clear_object (&self->scenario);
  g_clear_pointer (&self->steps, g_array_unref);
  g_clear_pointer (&self->stops, g_free);
  g_clear_pointer (&self->sentences, g_ptr_array_unref);
  g_clear_pointer (&self->outcome_sentence, g_free);
  G_OBJECT_CLASS (nfl_playback_parent_class)->finalize (object);
}

static void
nfl_playback_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  NflPlayback *self = NFL_PLAYBACK (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;
    case PROP_GRANULARITY:
      g_value_set_int (value, self->granularity);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nfl_playback_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  NflPlayback *self = NFL_PLAYBACK (object);

  switch (prop_id)
    {
    case PROP_POSITION:
      nfl_playback_set_position (self, g_value_get_uint (value));
      break;
    case PROP_GRANULARITY:
      nfl_playback_set_granularity (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
nfl_playback_class_init (NflPlaybackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = nfl_playback_finalize;
  object_class->get_property = nfl_playback_get_property;
  object_class->set_property = nfl_playback_set_property;

  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GRANULARITY] =
    g_param_spec_int ("granularity", NULL, NULL, NFL_GRANULARITY_RULE, NFL_GRANULARITY_NAMESPACE,
                      NFL_GRANULARITY_RULE,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
nfl_playback_init (NflPlayback *self)
{
  self->steps = g_array_new (FALSE, FALSE, sizeof (NflPlaybackStep));
  self->end_step = -1;
}

NflPlayback *
nfl_playback_new (NflTrace    *trace,
                  NflScenario *scenario)
{
  NflPlayback *self;

  g_return_val_if_fail (trace != NULL, NULL);
  g_return_val_if_fail (NFL_IS_SCENARIO (scenario), NULL);

  self = g_object_new (NFL_TYPE_PLAYBACK, NULL);
  self->trace = nfl_trace_ref (trace);
  self->scenario = g_object_ref (scenario);
  build_steps (self);
  find_stops (self);
  self->sentences = g_ptr_array_new_full (self->steps->len, g_free);
  g_ptr_array_set_size (self->sentences, self->steps->len);
  return self;
}

NflTrace *
nfl_playback_get_trace (NflPlayback *self)
{
  g_return_val_if_fail (NFL_IS_PLAYBACK (self), NULL);
  return self->trace;
}

NflScenario *
nfl_playback_get_scenario (NflPlayback *self)
{
  g_return_val_if_fail (NFL_IS_PLAYBACK (self), NULL);
  return self->scenario;
}

guint
nfl_playback_get_n_steps (NflPlayback *self)
{
  g_return_val_if_fail (NFL_IS_PLAYBACK (self), 0);
  return self->steps->len;
}

const NflPlaybackStep *
nfl_playback_get_step (NflPlayback *self,
                       guint        index)
{
  g_return_val_if_fail (NFL_IS_PLAYBACK (self), NULL);
  g_return_val_if_fail (index < self->steps->len, NULL);
  return &g_array_index (self->steps, NflPlaybackStep, index);
}

gboolean
nfl_playback_is_stop (NflPlayback    *self,
                      guint           index,
                      NflGranularity  granularity)
{
  g_return_val_if_fail (NFL_IS_PLAYBACK (self), FALSE);
  g_return_val_if_fail (index < self->steps->len, FALSE);
  return (self->stops[index] >> granularity) & 1;
}

guint
nfl_playback_count_stops (NflPlayback    *self,
                          NflGranularity  granularity)
{
  guint count = 0;

  g_return_val_if_fail (NFL_IS_PLAYBACK (self), 0);
  for (guint i = 0; i < self->steps->len; i++)
    count += (self->stops[i] >> granularity) & 1;
  return count;
}

/* ---------------------------------------------------------------------- */
/* the cursor                                                              */
/* ---------------------------------------------------------------------- */

guint
nfl_playback_get_position (NflPlayback *self)
{
  g_return_val_if_fail (NFL_IS_PLAYBACK (self), 0);
  return self->position;
}

void
nfl_playback_set_position (NflPlayback *self,
                           guint        position)
{
  g_return_if_fail (NFL_IS_PLAYBACK (self));

  position = self->steps->len > 0 ? MIN (position, self->steps->len - 1) : 0;
  if (position == self->position)
    return;
  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

NflGranularity
nfl_playback_get_granularity (NflPlayback *self)
{
  g_return_val_if_fail (NFL_IS_PLAYBACK (self), NFL_GRANULARITY_RULE);
  return self->granularity;
}

void
nfl_playback_set_granularity (NflPlayback    *self,
                              NflGranularity  granularity)
{
  g_return_if_fail (NFL_IS_PLAYBACK (self));
  g_return_if_fail (granularity <= NFL_GRANULARITY_NAMESPACE);

  if (granularity == self->granularity)
    return;
  self->granularity = granularity;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GRANULARITY]);
}

gboolean
nfl_playback_step (NflPlayback *self)
{
  g_return_val_if_fail (NFL_IS_PLAYBACK (self), FALSE);

  for (guint i = self->position + 1; i < self->steps->len; i++)
    if (nfl_playback_is_stop (self, i, self->granularity))
      {
        nfl_playback_set_position (self, i);
        return TRUE;
      }
  return FALSE;
}

gboolean
nfl_playback_step_back (NflPlayback *self)
{
  g_return_val_if_fail (NFL_IS_PLAYBACK (self), FALSE);

  for (guint i = self->position; i-- > 0;)
    if (nfl_playback_is_stop (self, i, self->granularity))
      {
        nfl_playback_set_position (self, i);
        return TRUE;
      }
  return FALSE;
}

void
nfl_playback_restart (NflPlayback *self)
{
  nfl_playback_set_position (self, 0);
}

void
nfl_playback_jump_to_end (NflPlayback *self)
{
  g_return_if_fail (NFL_IS_PLAYBACK (self));
  if (self->steps->len > 0)
    nfl_playback_set_position (self, self->steps->len - 1);
}

gboolean
nfl_playback_is_at_end (NflPlayback *self)
{
  g_return_val_if_fail (NFL_IS_PLAYBACK (self), TRUE);
  return self->position + 1 >= self->steps->len;
}

/* ---------------------------------------------------------------------- */
/* packets, log, conntrack                                                 */
/* ---------------------------------------------------------------------- */

const NflPacket *
nfl_playback_get_packet (NflPlayback *self,
                         guint        index)
{
  const NflPlaybackStep *step = nfl_playback_get_step (self, index);

  if (step == NULL || step->packet == 0)
    return NULL;
  return nfl_trace_get_snapshot (self->trace, step->snapshot);
}

const NflPacket *
nfl_playback_get_packet_before (NflPlayback *self,
                                guint        index)
{
  const NflPlaybackStep *step = nfl_playback_get_step (self, index);

  if (step == NULL || step->before < 0)
    return NULL;
  return nfl_trace_get_snapshot (self->trace, step->before);
}

GPtrArray *
nfl_playback_get_log_lines (NflPlayback *self,
                            guint        index)
{
  const NflPlaybackStep *step = nfl_playback_get_step (self, index);
  GPtrArray *lines = g_ptr_array_new ();

  if (step == NULL)
    return lines;
  for (guint i = 0; i <= step->last_event && lines->len < step->n_log_lines; i++)
    {
      const NflTraceEvent *event = nfl_trace_get_event (self->trace, i);
      if (event->kind == NFL_EVENT_LOG || event->kind == NFL_EVENT_NFLOG)
        g_ptr_array_add (lines, event->text);
    }
  return lines;
}

GPtrArray *
nfl_playback_get_conntrack (NflPlayback *self,
                            guint        index,
                            int          ns)
{
  const NflPlaybackStep *step = nfl_playback_get_step (self, index);
  GPtrArray *entries = g_ptr_array_new ();
  guint n;

  if (step == NULL)
    return entries;
  n = nfl_trace_get_n_conntrack_records (self->trace);
  for (guint i = 0; i < n; i++)
    {
      const NflConntrackRecord *record = nfl_trace_get_conntrack_record (self->trace, i);
      gboolean replaced = FALSE;

      /* made before event @record->event: in effect from that one on */
      if (record->event > step->last_event)
        break;
      if (record->ns != ns)
        continue;
      for (guint k = 0; k < entries->len && !replaced; k++)
        {
          const NflConntrackRecord *old = g_ptr_array_index (entries, k);
          if (old->id == record->id)
            {
              entries->pdata[k] = (gpointer) record;
              replaced = TRUE;
            }
        }
      if (!replaced)
        g_ptr_array_add (entries, (gpointer) record);
    }
  return entries;
}

char *
nfl_playback_get_skip_reason (NflPlayback *self,
                              guint        index,
                              NflHook      hook,
                              NflTableId   table)
{
  const NflPlaybackStep *step = nfl_playback_get_step (self, index);
  const NflPlaybackStep *at_hook = NULL;
  const NflPacket *packet;
  NflNamespace *ns;
  const char *name;
  guint first, last;

  if (step == NULL || step->packet == 0 || table >= NFL_N_TABLES)
    return NULL;
  ns = namespace_at (self, step->ns);
  if (ns == NULL)
    return NULL;
  name = ns_name (self, step->ns);

  /* the packet's whole visit of this namespace */
  for (first = index; first > 0; first--)
    {
      const NflPlaybackStep *s = nfl_playback_get_step (self, first - 1);
      if (s->packet != step->packet || s->ns != step->ns)
        break;
    }
  for (last = index; last + 1 < self->steps->len; last++)
    {
      const NflPlaybackStep *s = nfl_playback_get_step (self, last + 1);
      if (s->packet != step->packet || s->ns != step->ns)
        break;
    }
  for (guint i = first; i <= last; i++)
    {
      const NflPlaybackStep *s = nfl_playback_get_step (self, i);
      if (s->hook != (int) hook)
        continue;
      if (s->table == (int) table)
        return NULL;   /* the chain runs */
      at_hook = s;
    }
  if (at_hook == NULL)
    return NULL;   /* the packet does not pass this hook */

  if (nfl_ruleset_get_builtin (ns->ruleset, table, hook) == NULL)
    return g_strdup_printf ("%s uses no %s table", name, nfl_table_name (table));
  if (table != NFL_TABLE_NAT)
    return NULL;
  packet = nfl_trace_get_snapshot (self->trace, at_hook->snapshot);
  if (packet->ct_state == NFL_PACKET_CT_OFF)
    return g_strdup_printf ("conntrack is off in %s (no rule needs it), and nat runs only on tracked packets", name);
  if (packet->ct_state == NFL_CT_UNTRACKED)
    return g_strdup ("the packet is untracked (NOTRACK): conntrack and nat skip it");
  if (packet->ct_state != NFL_CT_NEW)
    {
      g_autoptr(GString) state = g_string_new (NULL);
      append_ct_state (state, packet->ct_state);
      return g_strdup_printf ("nat sees only the first packet of a connection; this one is %s, "
                              "translated by its conntrack entry", state->str);
    }
  return g_strdup ("the connection's translation is already set up");
}

/* ---------------------------------------------------------------------- */
/* sentences                                                               */
/* ---------------------------------------------------------------------- */

typedef struct {
  int         match;   /* which -m, 0-based; -1: the ip part */
  int         seen;    /* -m clauses so far */
  GString    *out;
  const char *option;  /* the option wanted, NULL: all of the match */
} ClauseSearch;

static void
find_clause (const NflRuleClause *clause,
             gpointer             user_data)
{
  ClauseSearch *search = user_data;

  if (g_str_equal (clause->option, "-m"))
    {
      search->seen++;
      return;
    }
  if (g_str_equal (clause->option, "-j") || g_str_equal (clause->option, "-g"))
    return;
  if (search->match < 0 ? search->seen != 0 || clause->extension != NULL : search->seen != search->match + 1)
    return;
  if (search->option == NULL || g_str_equal (clause->option, search->option))
    {
      if (search->out->len > 0)
        g_string_append_c (search->out, ' ');
      nfl_rule_clause_append (search->out, clause);
    }
}

/* The words of the rule's option @option ("-s", "--dport", …) of match
 * @match (-1: the ip part), or of the whole match when @option is NULL. */
static char *
clause_text (const NflRule *rule,
             int            match,
             const char    *option)
{
  ClauseSearch search = { match, 0, g_string_new (NULL), option };

  nfl_rule_foreach_clause (rule, find_clause, &search);
  return g_string_free (search.out, FALSE);
}

static char *
protocol_words (guint8 proto)
{
  const char *name = nfl_protocol_name (proto);
  return name ? g_ascii_strup (name, -1) : g_strdup_printf ("protocol %u", proto);
}

static gboolean
port_in (const NflPortRange *range,
         guint16             port)
{
  return port >= range->lo && port <= range->hi;
}

/* The first -m physdev option (in iptables-save's order) that this
 * packet fails, as physdev_mt () tests them. */
static const char *
physdev_failing_option (const NflMatch  *m,
                        const NflPacket *packet)
{
  guint8 given = m->physdev.given, invert = m->physdev.invert;
  gboolean in = packet->physin[0] != '\0', out = packet->physout[0] != '\0';

  if ((given & NFL_PHYSDEV_IS_IN) && in == ((invert & NFL_PHYSDEV_IS_IN) != 0))
    return "--physdev-is-in";
  if ((given & NFL_PHYSDEV_IN) &&
      (in ? nfl_interface_pattern_matches (m->physdev.in, packet->physin) : FALSE) == ((invert & NFL_PHYSDEV_IN) != 0))
    return "--physdev-in";
  if ((given & NFL_PHYSDEV_IS_OUT) && out == ((invert & NFL_PHYSDEV_IS_OUT) != 0))
    return "--physdev-is-out";
  if ((given & NFL_PHYSDEV_OUT) &&
      (!out || nfl_interface_pattern_matches (m->physdev.out, packet->physout) == ((invert & NFL_PHYSDEV_OUT) != 0)))
    return "--physdev-out";
  return "--physdev-is-bridged";
}

/* Why an addrtype match failed: the address whose type is not in the
 * set, and its type as the match saw it. */
static char *
explain_addrtype (const NflMatch  *m,
                  NflNamespace    *ns,
                  const NflPacket *packet,
                  const char     **option)
{
  const char *dev_name = m->addrtype.limit_in ? packet->in : m->addrtype.limit_out ? packet->out : NULL;
  NflInterface *dev = dev_name != NULL && *dev_name ? nfl_namespace_find_interface (ns, dev_name) : NULL;
  gboolean source = m->addrtype.src_types != 0 &&
    ((m->addrtype.src_types & (1u << nfl_namespace_address_type (ns, packet->ip.src, dev))) != 0) ==
      m->addrtype.src_invert;
  guint32 addr = source ? packet->ip.src : packet->ip.dst;
  NflAddrType type = nfl_namespace_address_type (ns, addr, dev);
  char text[16];

  nfl_ipv4_format (addr, text);
  *option = source ? "--src-type" : "--dst-type";
  if (dev != NULL)
    return g_strdup_printf ("the %s %s is %s as %s sees it", source ? "source" : "destination", text,
                            nfl_addrtype_name (type), dev->name);
  return g_strdup_printf ("the %s %s is %s in %s", source ? "source" : "destination", text,
                          nfl_addrtype_name (type), ns->name);
}

/* "-m conntrack OPTION" of NFL_CT_OPT_* bit number @bit */
static const char *
ct_option_name (guint bit)
{
  static const char *const others[] = { "--ctproto", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                                        "--ctstatus", "--ctexpire", "--ctdir" };

  return others[bit] != NULL ? others[bit] : nfl_ct_tuple_option ((bit - 1) % 4, bit >= 5);
}

/* Why option @bit of -m conntrack @m failed, from @value, what the
 * simulator found in the packet's entry there. */
static char *
explain_ct_option (const NflMatch *m,
                   guint           bit,
                   guint32         value)
{
  static const char *const tuple_words[] = {
    "original source", "original destination", "reply source", "reply destination",
  };
  gboolean negated = (m->ct.inverted & (1u << bit)) != 0;
  guint opt = 1u << bit;
  char addr[16];

  if (opt == NFL_CT_OPT_DIR)
    return g_strdup (value ? "the packet goes the reply way, back to the side that opened the connection" :
                             "the packet goes the original way, as the connection's first packet went");
  if (opt == NFL_CT_OPT_PROTO)
    {
      g_autofree char *proto = protocol_words ((guint8) value);
      return g_strdup_printf ("the connection is %s", proto);
    }
  if (opt >= NFL_CT_OPT_ORIGSRC && opt < NFL_CT_OPT_ORIGSRCPORT)
    {
      nfl_ipv4_format (value, addr);
      return g_strdup_printf ("the entry's %s is %s%s", tuple_words[bit - 1], addr,
                              negated ? ", which the option excludes" : "");
    }
  if (opt >= NFL_CT_OPT_ORIGSRCPORT && opt < NFL_CT_OPT_STATUS)
    return g_strdup_printf ("the entry's %s port is %u%s", tuple_words[bit - 5], value,
                            negated ? ", which the option excludes" : "");
  if (opt == NFL_CT_OPT_EXPIRE)
    {
      if (value == 0)
        return g_strdup ("0 s are left: the entry is not confirmed yet (the connection's first packet confirms "
                         "it as it leaves POSTROUTING or INPUT), and an unconfirmed entry reads 0");
      return g_strdup_printf ("%u s %s left%s", value, value == 1 ? "is" : "are",
                              negated ? ", inside the range" : "");
    }
  if (opt == NFL_CT_OPT_STATUS)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(GString) has = g_string_new (NULL);

      nfl_ct_status_append (value, has);
      if (negated)
        {
          g_string_printf (out, "the entry is %s", has->str);
          return g_string_free (g_steal_pointer (&out), FALSE);
        }
      if (m->ct.status == 0)
        return g_strdup ("NONE asks for any of no statuses, so it matches no packet (\"! --ctstatus NONE\" "
                         "matches every tracked one)");
      if (m->ct.status & NFL_CT_STATUS_ASSURED)
        g_string_append (out, "; the entry is not assured yet (for TCP the handshake's third packet sets it, "
                              "for UDP traffic both ways for a while)");
      if (m->ct.status & NFL_CT_STATUS_SEEN_REPLY)
        g_string_append (out, "; no reply has been seen yet");
      if (m->ct.status & NFL_CT_STATUS_CONFIRMED)
        g_string_append (out, "; the entry is not confirmed yet (the connection's first packet confirms it as "
                              "it leaves POSTROUTING or INPUT)");
      if (m->ct.status & NFL_CT_STATUS_EXPECTED)
        g_string_append (out, "; no helper expected this connection");
      if (value != 0)
        g_string_append_printf (out, " (its status: %s)", has->str);
      return g_strdup (out->str + 2);
    }
  return NULL;
}

static char *
explain (const NflRule   *rule,
         NflNamespace    *ns,
         int              failed,
         gboolean         has_ct_value,
         guint32          ct_value,
         const NflPacket *packet)
{
  const NflIpHeader *ip = &packet->ip;
  char addr[16];
  g_autofree char *words = NULL;

  switch (failed)
    {
    case NFL_RULE_FAILED_SOURCE:
      nfl_ipv4_format (ip->src, addr);
      words = clause_text (rule, -1, "-s");
      return g_strdup_printf ("%s: the source is %s", words, addr);
    case NFL_RULE_FAILED_DESTINATION:
      nfl_ipv4_format (ip->dst, addr);
      words = clause_text (rule, -1, "-d");
      return g_strdup_printf ("%s: the destination is %s", words, addr);
    case NFL_RULE_FAILED_IN:
      words = clause_text (rule, -1, "-i");
      if (packet->in[0] == '\0')
        return g_strdup_printf ("%s: the packet has no input interface here", words);
      return g_strdup_printf ("%s: the packet came in on %s", words, packet->in);
    case NFL_RULE_FAILED_OUT:
      words = clause_text (rule, -1, "-o");
      if (packet->out[0] == '\0')
        return g_strdup_printf ("%s: the packet has no output interface here", words);
      return g_strdup_printf ("%s: the packet goes out on %s", words, packet->out);
    case NFL_RULE_FAILED_PROTOCOL:
      {
        g_autofree char *proto = protocol_words (ip->proto);
        words = clause_text (rule, -1, "-p");
        return g_strdup_printf ("%s: the packet is %s", words, proto);
      }
    case NFL_RULE_FAILED_FRAGMENT:
      words = clause_text (rule, -1, "-f");
      return g_strdup_printf ("%s: the packet is not a fragment", words);
    default:
      break;
    }

  if (nfl_rule_failure_match (failed) >= 0 && (guint) nfl_rule_failure_match (failed) < rule->n_matches)
    {
      int index = nfl_rule_failure_match (failed);
      const NflMatch *m = &rule->matches[index];
      const char *option = NULL;
      g_autofree char *value = NULL;

      switch (m->kind)
        {
        case NFL_MATCH_TCP:
        case NFL_MATCH_UDP:
          if (m->l4.has_sport && port_in (&m->l4.sport, ip->sport) == m->l4.sport_invert)
            option = "--sport", value = g_strdup_printf ("the source port is %u", ip->sport);
          else if (m->l4.has_dport && port_in (&m->l4.dport, ip->dport) == m->l4.dport_invert)
            option = "--dport", value = g_strdup_printf ("the destination port is %u", ip->dport);
          else if (m->l4.has_flags)
            {
              g_autoptr(GString) flags = g_string_new (NULL);
              append_tcp_flags (flags, ip->tcp_flags);
              option = "--tcp-flags";
              value = g_strdup_printf ("the packet's flags are %s", flags->str);
            }
          break;
        case NFL_MATCH_ICMP:
          option = "--icmp-type";
          if (ip->proto == NFL_PROTO_ICMP)
            value = g_strdup_printf ("the packet is ICMP type %u code %u", ip->icmp_type, ip->icmp_code);
          break;
        case NFL_MATCH_MULTIPORT:
          option = m->multiport.which == NFL_MULTIPORT_SOURCE ? "--sports" :
                   m->multiport.which == NFL_MULTIPORT_DESTINATION ? "--dports" : "--ports";
          value = m->multiport.which == NFL_MULTIPORT_SOURCE ?
                    g_strdup_printf ("the source port is %u", ip->sport) :
                  m->multiport.which == NFL_MULTIPORT_DESTINATION ?
                    g_strdup_printf ("the destination port is %u", ip->dport) :
                    g_strdup_printf ("the ports are %u and %u", ip->sport, ip->dport);
          break;
        case NFL_MATCH_CONNTRACK:
          /* the simulator tells which option failed, and what the entry had there */
          if (nfl_rule_failure_ct_part (failed) == NFL_RULE_FAILED_CT_NO_ENTRY)
            {
              option = ct_option_name (g_bit_nth_lsf (m->ct.given, -1));
              value = g_strdup ("the packet has no connection entry here (untracked, INVALID, or before "
                                "conntrack looked at it), and without one only --ctstate can match, "
                                "whatever the other options say");
              break;
            }
          if (nfl_rule_failure_ct_part (failed) >= NFL_RULE_FAILED_CT_OPTION && has_ct_value)
            {
              guint bit = nfl_rule_failure_ct_part (failed) - NFL_RULE_FAILED_CT_OPTION;

              option = ct_option_name (bit);
              value = explain_ct_option (m, bit, ct_value);
              break;
            }
          G_GNUC_FALLTHROUGH;
        case NFL_MATCH_STATE:
          {
            g_autoptr(GString) state = g_string_new (NULL);
            option = m->kind == NFL_MATCH_STATE ? "--state" : "--ctstate";
            append_ct_state (state, packet->ct_state);
            value = packet->ct_state == NFL_PACKET_CT_OFF || packet->ct_state == 0 ?
                      g_strdup ("the packet is not tracked") :
                      g_strdup_printf ("the packet's connection state is %s", state->str);
          }
          break;
        case NFL_MATCH_MARK:
          option = "--mark";
          value = g_strdup_printf ("the packet's mark is 0x%x", packet->mark);
          break;
        case NFL_MATCH_RECENT:
          {
            guint8 set = m->recent.check_set;
            guint32 addr_value = m->recent.side == NFL_RECENT_DEST ? ip->dst : ip->src;

            option = (set & NFL_RECENT_SET) ? "--set" : (set & NFL_RECENT_UPDATE) ? "--update" :
                     (set & NFL_RECENT_REMOVE) ? "--remove" : "--rcheck";
            nfl_ipv4_format (addr_value, addr);
            if (m->recent.invert)
              value = g_strdup_printf ("the %s %s is in the list %s (the lists start empty with the trace and "
                                       "fill as its packets go by)",
                                       m->recent.side == NFL_RECENT_DEST ? "destination" : "source", addr,
                                       m->recent.name);
            else if (m->recent.hit_count > 1)
              value = g_strdup_printf ("the list %s holds the %s %s fewer than %u times, or not at all (the lists "
                                       "start empty with the trace, and all its packets are at one moment, so "
                                       "--seconds keeps every hit)", m->recent.name,
                                       m->recent.side == NFL_RECENT_DEST ? "destination" : "source", addr,
                                       m->recent.hit_count);
            else
              value = g_strdup_printf ("the list %s does not hold the %s %s%s (the lists start empty with the "
                                       "trace and fill as its packets go by)", m->recent.name,
                                       m->recent.side == NFL_RECENT_DEST ? "destination" : "source", addr,
                                       (set & NFL_RECENT_TTL) ? " with this TTL" : "");
          }
          break;
        case NFL_MATCH_PKTTYPE:
          option = "--pkt-type";
          value = g_strdup (packet->in[0] == '\0' ?
                              "the packet is made here, so it is unicast (PACKET_HOST)" :
                              "the packet came in a frame to this namespace's own MAC address, so it is unicast "
                              "(the type goes by the frame, not by the IP destination)");
          break;
        case NFL_MATCH_OWNER:
          {
            guint8 bits = m->owner.match, inv = m->owner.invert;

            option = (bits & NFL_OWNER_SOCKET) ? "--socket-exists" : (bits & NFL_OWNER_UID) ? "--uid-owner" :
                     "--gid-owner";
            if (packet->socket == NFL_PACKET_SOCKET_NONE)
              value = g_strdup ("the packet has no socket (it is forwarded, or the kernel made it without "
                                "one), so only options that are all negated match");
            else if (packet->socket == NFL_PACKET_SOCKET_KERNEL)
              value = (bits & inv & NFL_OWNER_SOCKET) ?
                        g_strdup ("the kernel made it on a socket of its own (an ICMP message or the stack's "
                                  "RST), so a socket exists") :
                        g_strdup ("the kernel made it on a socket of its own (an ICMP message or the stack's "
                                  "RST), which has no owner: no uid or gid matches");
            else if (bits & inv & NFL_OWNER_SOCKET)
              value = g_strdup ("it leaves from a process's socket");
            else
              {
                option = (bits & NFL_OWNER_UID) && (m->owner.uid_min == 0) == ((inv & NFL_OWNER_UID) != 0) ?
                           "--uid-owner" : "--gid-owner";
                value = g_strdup ("it leaves from a socket of uid 0 and gid 0, with no supplementary groups "
                                  "(the probe, listeners and services run as root)");
              }
          }
          break;
        case NFL_MATCH_CONNMARK:
          option = "--mark";
          if (packet->ct_state == NFL_PACKET_CT_OFF || packet->ct_state == 0 ||
              packet->ct_state == NFL_CT_INVALID || packet->ct_state == NFL_CT_UNTRACKED)
            value = g_strdup ("the packet has no conntrack entry, so no connection mark (it matches neither "
                              "way)");
          else
            value = g_strdup_printf ("the connection's mark is 0x%x", packet->ct_mark);
          break;
        case NFL_MATCH_IPRANGE:
          if (m->iprange.has_src &&
              (ip->src >= m->iprange.src_lo && ip->src <= m->iprange.src_hi) == m->iprange.src_invert)
            {
              nfl_ipv4_format (ip->src, addr);
              option = "--src-range", value = g_strdup_printf ("the source is %s", addr);
            }
          else
            {
              nfl_ipv4_format (ip->dst, addr);
              option = "--dst-range", value = g_strdup_printf ("the destination is %s", addr);
            }
          break;
        case NFL_MATCH_ADDRTYPE:
          if (ns != NULL)
            value = explain_addrtype (m, ns, packet, &option);
          break;
        case NFL_MATCH_LENGTH:
          option = "--length";
          value = g_strdup_printf ("the packet is %u bytes long", ip->len);
          break;
        case NFL_MATCH_PHYSDEV:
          option = physdev_failing_option (m, packet);
          if (packet->physin[0] == '\0')
            value = g_strdup ("the packet did not come through a bridge port (or the bridge's namespace has "
                              "net.bridge.bridge-nf-call-iptables 0)");
          else if (packet->physout[0] == '\0')
            value = g_strdup_printf ("it came in by bridge port %s and has no output port: not yet, in "
                                     "PREROUTING, or none, as it is routed", packet->physin);
          else
            value = g_strdup_printf ("it is bridged from port %s to port %s", packet->physin, packet->physout);
          break;
        case NFL_MATCH_TTL:
          option = m->ttl.op == NFL_TTL_LT ? "--ttl-lt" : m->ttl.op == NFL_TTL_GT ? "--ttl-gt" : "--ttl-eq";
          value = g_strdup_printf ("the packet's TTL is %u", ip->ttl);
          break;
        case NFL_MATCH_STATISTIC:
          if (m->statistic.random)
            {
              option = "--probability";
              value = g_strdup ("this packet's random draw fell the other way (the draws follow the trace's seed: "
                                "another seed may take another path)");
              break;
            }
          option = "--every";
          value = g_strdup_printf ("the count of packets reaching the rule skips this one (it takes packet %u of "
                                   "every %u, counting from 0)", m->statistic.packet, m->statistic.every);
          break;
        case NFL_MATCH_LIMIT:
          option = "--limit";
          value = g_strdup_printf ("the rule's bucket of %u %s is empty: earlier packets of this exchange "
                                   "took them, and it refills only as time passes", m->limit.burst,
                                   m->limit.burst == 1 ? "packet" : "packets");
          break;
        case NFL_MATCH_COMMENT:
        default:
          break;
        }
      if (option != NULL)
        words = clause_text (rule, index, option);
      if (words == NULL || *words == '\0')
        {
          g_free (words);
          words = clause_text (rule, index, NULL);
        }
      if (value == NULL)
        return g_strdup_printf ("%s: the packet does not have it", words);
      return g_strdup_printf ("%s: %s", words, value);
    }
  return g_strdup ("the rule does not match this packet");
}

char *
nfl_playback_explain_failure (NflPlayback *self,
                              guint        index)
{
  const NflPlaybackStep *step = nfl_playback_get_step (self, index);
  const NflRule *rule;

  if (step == NULL || step->kind != NFL_EVENT_RULE || step->failed == NFL_RULE_MATCHED)
    return NULL;
  rule = rule_at (self, step->ns, step->table, step->chain, step->rule);
  if (rule == NULL)
    return NULL;
  {
    const NflTraceEvent *event = nfl_trace_get_event (self->trace, step->event);
    guint32 value = 0;
    gboolean has_value = nfl_trace_get_rule_failure_value (self->trace, event, step->nth, &value);

    return explain (rule, namespace_at (self, step->ns), step->failed, has_value, value,
                    nfl_trace_get_snapshot (self->trace, step->snapshot));
  }
}

static void
append_changes (GString         *out,
                const NflPacket *before,
                const NflPacket *after,
                guint            changed)
{
  static const struct { guint field; const char *words; } described[] = {
    { NFL_FIELD_SRC, "source" }, { NFL_FIELD_DST, "destination" },
    { NFL_FIELD_SPORT, "source port" }, { NFL_FIELD_DPORT, "destination port" },
    { NFL_FIELD_TTL, "TTL" }, { NFL_FIELD_TOS, "TOS" }, { NFL_FIELD_MARK, "mark" },
  };
  gsize start = out->len;

  for (guint i = 0; i < G_N_ELEMENTS (described); i++)
    if (changed & described[i].field)
      {
        g_autofree char *from = nfl_field_format (described[i].field, before);
        g_autofree char *to = nfl_field_format (described[i].field, after);
        g_string_append_printf (out, "%s%s %s becomes %s", out->len > start ? ", " : "",
                                described[i].words, from, to);
      }
}

/* The verdict of a matching rule's step, from the events it takes in. */
static const char *
verdict_of (NflPlayback           *self,
            const NflPlaybackStep *step,
            gboolean              *dropped)
{
  const char *target = NULL;

  *dropped = FALSE;
  for (guint i = step->event; i <= step->last_event; i++)
    {
      const NflTraceEvent *event = nfl_trace_get_event (self->trace, i);
      if (event->kind == NFL_EVENT_TARGET || event->kind == NFL_EVENT_POLICY)
        target = event->text;
      else if (event->kind == NFL_EVENT_DROPPED)
        *dropped = TRUE;
    }
  return target;
}

static gboolean
has_event (NflPlayback           *self,
           const NflPlaybackStep *step,
           NflEventKind           kind)
{
  for (guint i = step->event; i <= step->last_event; i++)
    if (nfl_trace_get_event (self->trace, i)->kind == kind)
      return TRUE;
  return FALSE;
}

/* the text of the step's first event of @kind that starts with @prefix */
static const char *
step_event_text (NflPlayback           *self,
                 const NflPlaybackStep *step,
                 NflEventKind           kind,
                 const char            *prefix)
{
  for (guint i = step->event; i <= step->last_event; i++)
    {
      const NflTraceEvent *event = nfl_trace_get_event (self->trace, i);

      if (event->kind == kind && event->text != NULL && g_str_has_prefix (event->text, prefix))
        return event->text;
    }
  return NULL;
}

static void
append_rule_effect (GString               *out,
                    NflPlayback           *self,
                    const NflPlaybackStep *step)
{
  const NflRule *rule = rule_at (self, step->ns, step->table, step->chain, step->rule);
  const NflPacket *after = nfl_trace_get_snapshot (self->trace, step->snapshot);
  const NflPacket *before = step->before >= 0 ? nfl_trace_get_snapshot (self->trace, step->before) : after;
  gboolean dropped;
  const char *verdict = verdict_of (self, step, &dropped);
  gsize start = out->len;

  append_changes (out, before, after, step->changed & ~NFL_FIELD_CT_STATE);
  if (out->len > start)
    {
      /* the port a random NAT chooses: the kernel draws it; the simulator
       * keeps the connection's port, which a trace can repeat */
      if (rule != NULL && (rule->target.nat_flags & NFL_NAT_RANDOM_FULLY))
        g_string_append (out, " (with --random-fully the kernel picks the port at random; here the connection "
                              "keeps its port, as it would without the option)");
      else if (rule != NULL && (rule->target.nat_flags & NFL_NAT_RANDOM))
        g_string_append (out, " (with --random the kernel picks the port at random; here the connection keeps "
                              "its port, as it would without the option)");
      else if (rule != NULL && (rule->target.nat_flags & NFL_NAT_PERSISTENT))
        g_string_append (out, " (--persistent: the kernel gives a client the same address of the range each time)");
      return;
    }
  if (rule == NULL)
    {
      g_string_append (out, verdict ? verdict : "counted");
      return;
    }
  switch (rule->target.kind)
    {
    case NFL_TARGET_NONE:
      g_string_append (out, "the packet is counted and goes on");
      break;
    case NFL_TARGET_ACCEPT:
      g_string_append (out, "the packet is accepted");
      break;
    case NFL_TARGET_DROP:
      g_string_append (out, "the packet is dropped");
      break;
    case NFL_TARGET_REJECT:
      g_string_append_printf (out, "the packet is rejected with %s",
                              nfl_reject_with_name (rule->target.reject_with));
      break;
    case NFL_TARGET_RETURN:
      g_string_append (out, "back to the calling chain");
      break;
    case NFL_TARGET_LOG:
      g_string_append (out, has_event (self, step, NFL_EVENT_LOG) ?
                       "the kernel prints a LOG line and the packet goes on" :
                       "LOG prints nothing here (nf_log_all_netns is 0) and the packet goes on");
      break;
    case NFL_TARGET_TCPMSS:
      {
        /* what the simulator did to the option: "MSS 1460 → 1200", why it stays, or the option added */
        const char *mss = step_event_text (self, step, NFL_EVENT_CHANGED, "MSS ");

        if (rule->target.tcpmss == NFL_TCPMSS_CLAMP)
          g_string_append (out, "TCPMSS (at most the path MTU, the smaller of the route out and the route back, "
                                "less 40): ");
        else
          g_string_append_printf (out, "TCPMSS (at most %u): ", rule->target.tcpmss);
        g_string_append (out, mss != NULL ? mss : "the segment has no MSS option and its header no room for one, "
                                                  "so nothing changes");
        g_string_append (out, "; the packet goes on");
      }
      break;
    case NFL_TARGET_CHECKSUM:
      g_string_append (out, "CHECKSUM --checksum-fill does nothing here: it fills in a checksum that offloading "
                       "left for the network card to finish (for a program that reads the packet first, such as "
                       "an old DHCP client in a virtual machine), and the simulated packets always carry a "
                       "complete one; the packet goes on");
      break;
    case NFL_TARGET_NFQUEUE:
      g_string_append (out, (rule->target.queue_flags & NFL_NFQUEUE_BYPASS) ?
                       "no program listens on the queue (none does in a trace): --queue-bypass accepts the packet "
                       "here, and the next table and hook go on" :
                       "no program listens on the queue (none does in a trace): the kernel drops the packet");
      break;
    case NFL_TARGET_NFLOG:
      g_string_append_printf (out, "a program listening on nflog group %u would receive a copy of the packet "
                              "(none listens in a trace); nothing goes to the kernel log, and the packet goes on",
                              rule->target.nflog_group);
      break;
    case NFL_TARGET_JUMP:
      g_string_append_printf (out, "jumps to %s", rule->target.chain);
      break;
    case NFL_TARGET_GOTO:
      g_string_append_printf (out, "goes to %s", rule->target.chain);
      break;
    case NFL_TARGET_NOTRACK:
      g_string_append (out, "conntrack will skip the packet");
      break;
    case NFL_TARGET_CT:
      g_string_append (out, rule->target.ct_notrack ? "conntrack will skip the packet" : "CT applied");
      break;
    case NFL_TARGET_CONNMARK:
      if (after->ct_state == NFL_PACKET_CT_OFF || after->ct_state == 0 || after->ct_state == NFL_CT_INVALID ||
          after->ct_state == NFL_CT_UNTRACKED)
        g_string_append (out, "CONNMARK does nothing: the packet has no conntrack entry (yet, in the raw table)");
      else if (rule->target.connmark_mode == NFL_CONNMARK_RESTORE)
        g_string_append_printf (out, "the packet's mark stays 0x%x (the connection's mark is 0x%x)",
                                after->mark, after->ct_mark);
      else if (after->ct_mark != before->ct_mark)
        g_string_append_printf (out, "the connection's mark becomes 0x%x; the packet goes on", after->ct_mark);
      else
        g_string_append_printf (out, "the connection's mark stays 0x%x; the packet goes on", after->ct_mark);
      break;
    default:
      if (dropped)
        g_string_append (out, "the packet is dropped");
      else
        g_string_append_printf (out, "%s, nothing in the header changes", verdict ? verdict : "applied");
      break;
    }
}

/* The text of an event that starts with "NS: " loses that prefix. */
static const char *
without_ns (const char *text,
            const char *ns)
{
  gsize len = strlen (ns);

  if (text != NULL && strncmp (text, ns, len) == 0 && text[len] == ':' && text[len + 1] == ' ')
    return text + len + 2;
  return text ? text : "";
}

static char *
make_sentence (NflPlayback *self,
               guint        index)
{
  const NflPlaybackStep *step = nfl_playback_get_step (self, index);
  const NflTraceEvent *event = nfl_trace_get_event (self->trace, step->event);
  const char *name = ns_name (self, step->ns);
  GString *out = g_string_new (NULL);

  /* a packet made on the way (an ICMP redirect) came in between: say
   * which packet goes on */
  if (step->kind != NFL_EVENT_PACKET_CREATED && index > 0 &&
      nfl_playback_get_step (self, index - 1)->packet > step->packet)
    g_string_append_printf (out, "packet %u again: ", step->packet);
  switch (step->kind)
    {
    case NFL_EVENT_PACKET_CREATED:
      g_string_append_printf (out, "packet %u: %s", step->packet, event->text);
      break;
    case NFL_EVENT_ROUTE:
      g_string_append_printf (out, "%s routing: %s", name, event->text);
      break;
    case NFL_EVENT_CONNTRACK:
      g_string_append_printf (out, "%s conntrack: %s", name, event->text);
      break;
    case NFL_EVENT_RULE:
      append_rule_place (out, self, step->ns, step->table, step->chain, step->rule);
      if (step->failed == NFL_RULE_MATCHED)
        {
          g_string_append (out, " matches: ");
          append_rule_effect (out, self, step);
        }
      else
        {
          g_autofree char *why = nfl_playback_explain_failure (self, index);
          g_string_append_printf (out, " does not match: %s", why ? why : "?");
        }
      break;
    case NFL_EVENT_POLICY:
      {
        gboolean dropped;
        const char *policy = verdict_of (self, step, &dropped);
        append_chain_place (out, self, step->ns, step->table, step->chain);
        g_string_append_printf (out, ": no rule decides, the policy %s applies", policy ? policy : "?");
        if (step->changed & ~NFL_FIELD_CT_STATE)
          {
            const NflPacket *after = nfl_trace_get_snapshot (self->trace, step->snapshot);
            const NflPacket *before = nfl_trace_get_snapshot (self->trace, step->before);
            g_string_append (out, "; ");
            append_changes (out, before, after, step->changed);
          }
      }
      break;
    case NFL_EVENT_RETURN:
      append_chain_place (out, self, step->ns, step->table, step->chain);
      g_string_append (out, ": the end of the chain, back to the calling chain");
      break;
    case NFL_EVENT_LINK:
      g_string_append_printf (out, "the packet crosses the link %s", event->text);
      break;
    case NFL_EVENT_NAT:
      if (step->changed & ~NFL_FIELD_CT_STATE)
        {
          g_string_append_printf (out, "%s nat, by the connection's conntrack entry: ", name);
          append_changes (out, nfl_trace_get_snapshot (self->trace, step->before),
                          nfl_trace_get_snapshot (self->trace, step->snapshot), step->changed);
        }
      else
        g_string_append_printf (out, "%s nat: %s", name, event->text);
      break;
    case NFL_EVENT_DROPPED:
      if (g_str_has_prefix (event->text, name) && event->text[strlen (name)] == ' ')
        g_string_append (out, event->text);
      else
        g_string_append_printf (out, "%s drops the packet: %s", name, without_ns (event->text, name));
      break;
    case NFL_EVENT_OUTCOME:
      g_string_append (out, nfl_playback_get_outcome_sentence (self));
      break;
    default:
      if (step->ns >= 0 && !g_str_has_prefix (event->text ? event->text : "", name))
        g_string_append_printf (out, "%s: %s", name, event->text ? event->text : "");
      else
        g_string_append (out, event->text ? event->text : "");
      break;
    }
  return g_string_free (out, FALSE);
}

const char *
nfl_playback_describe (NflPlayback *self,
                       guint        index)
{
  const NflPlaybackStep *step = nfl_playback_get_step (self, index);

  if (step == NULL)
    return NULL;
  if (self->sentences->pdata[index] == NULL)
    self->sentences->pdata[index] = make_sentence (self, index);
  return self->sentences->pdata[index];
}

/* The step that ended packet @packet (0: any packet), the last one. */
static const NflPlaybackStep *
end_of_packet (NflPlayback *self,
               guint        packet,
               gboolean     drops_only)
{
  for (guint i = self->steps->len; i-- > 0;)
    {
      const NflPlaybackStep *step = &g_array_index (self->steps, NflPlaybackStep, i);
      gboolean dropped = FALSE;

      if (packet != 0 && step->packet != packet)
        continue;
      if (step->kind == NFL_EVENT_RULE || step->kind == NFL_EVENT_POLICY)
        verdict_of (self, step, &dropped);
      if (dropped || step->kind == NFL_EVENT_DROPPED)
        return step;
      if (!drops_only && step->kind == NFL_EVENT_DELIVERED)
        return step;
    }
  return NULL;
}

static void
append_end (GString               *out,
            NflPlayback           *self,
            const NflPlaybackStep *end)
{
  const NflTraceEvent *event = nfl_trace_get_event (self->trace, end->event);
  const char *name = ns_name (self, end->ns);

  if (end->kind == NFL_EVENT_RULE)
    {
      const NflRule *rule = rule_at (self, end->ns, end->table, end->chain, end->rule);
      gboolean rejects = rule != NULL && rule->target.kind == NFL_TARGET_REJECT;

      g_string_append_printf (out, "%s %s the packet in ", name, rejects ? "rejects" : "drops");
      g_string_append_printf (out, "%s %s, rule %d", nfl_table_name (end->table),
                              chain_at (self, end->ns, end->table, end->chain)->name, end->rule + 1);
      if (rule != NULL)
        {
          g_autofree char *spec = nfl_rule_to_save_spec (rule);
          g_string_append_printf (out, " (%s)", spec);
        }
    }
  else if (end->kind == NFL_EVENT_POLICY)
    g_string_append_printf (out, "%s drops the packet in %s %s, by the chain's policy DROP", name,
                            nfl_table_name (end->table), chain_at (self, end->ns, end->table, end->chain)->name);
  else if (end->kind == NFL_EVENT_DELIVERED)
    g_string_append (out, event->text);
  else
    g_string_append (out, nfl_playback_describe (self, (guint) (end - &g_array_index (self->steps, NflPlaybackStep, 0))));
}

const char *
nfl_playback_get_outcome_sentence (NflPlayback *self)
{
  const char *outcome;
  const NflPlaybackStep *end;
  GString *out;

  g_return_val_if_fail (NFL_IS_PLAYBACK (self), NULL);
  if (self->outcome_sentence != NULL)
    return self->outcome_sentence;

  outcome = nfl_trace_get_outcome (self->trace);
  out = g_string_new (outcome);
  if (g_str_has_prefix (outcome, "stopped: "))
    {
      /* a rule kept as written: the outcome names it; the step that says
       * so is where the exchange ended */
      for (guint i = self->steps->len; i-- > 0;)
        if (g_array_index (self->steps, NflPlaybackStep, i).kind == NFL_EVENT_DROPPED)
          {
            self->end_step = (int) i;
            break;
          }
      self->outcome_sentence = g_string_free (out, FALSE);
      return self->outcome_sentence;
    }
  if (g_str_equal (outcome, "reply received") || g_str_equal (outcome, "connected"))
    {
      const NflTraceEvent *last = nfl_trace_get_event (self->trace, nfl_trace_get_n_events (self->trace) - 1);
      end = end_of_packet (self, last->packet, FALSE);
    }
  else if (g_str_equal (outcome, "no reply") || g_str_has_prefix (outcome, "send error"))
    end = end_of_packet (self, 0, TRUE);
  else
    end = end_of_packet (self, 1, FALSE);   /* refused or an ICMP error: what the probe met */
  if (end == NULL)
    {
      /* the probe's last step: a route that failed, say */
      for (guint i = self->steps->len; i-- > 0 && end == NULL;)
        {
          const NflPlaybackStep *step = &g_array_index (self->steps, NflPlaybackStep, i);
          if (step->packet == 1 && step->kind != NFL_EVENT_OUTCOME)
            end = step;
        }
    }
  if (end != NULL)
    {
      g_string_append (out, ": ");
      append_end (out, self, end);
      self->end_step = (int) (end - &g_array_index (self->steps, NflPlaybackStep, 0));
    }
  self->outcome_sentence = g_string_free (out, FALSE);
  return self->outcome_sentence;
}

int
nfl_playback_get_end_step (NflPlayback *self)
{
  g_return_val_if_fail (NFL_IS_PLAYBACK (self), -1);
  nfl_playback_get_outcome_sentence (self);
  return self->end_step;
}

gboolean
nfl_playback_step_drops (NflPlayback *self,
                         guint        index)
{
  const NflPlaybackStep *step = nfl_playback_get_step (self, index);

  if (step == NULL)
    return FALSE;
  for (guint i = step->event; i <= step->last_event; i++)
    if (nfl_trace_get_event (self->trace, i)->kind == NFL_EVENT_DROPPED)
      return TRUE;
  return FALSE;
}

char *
nfl_playback_explain (NflPlayback *self)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (NFL_IS_PLAYBACK (self), NULL);
  for (guint i = 0; i < self->steps->len; i++)
    {
      const NflPlaybackStep *step = &g_array_index (self->steps, NflPlaybackStep, i);
      if (step->kind == NFL_EVENT_OUTCOME)
        continue;
      g_string_append (out, nfl_playback_describe (self, i));
      g_string_append_c (out, '\n');
    }
  g_string_append_printf (out, "outcome: %s\n", nfl_playback_get_outcome_sentence (self));
  return g_string_free (out, FALSE);
}
