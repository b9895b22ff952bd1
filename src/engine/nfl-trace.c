/* nfl-trace.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "nfl-rule.h"
#include "nfl-trace-private.h"

G_DEFINE_BOXED_TYPE (NflTrace, nfl_trace, nfl_trace_ref, nfl_trace_unref)

static void
clear_event (gpointer data)
{
  NflTraceEvent *event = data;

  g_clear_pointer (&event->text, g_free);
}

NflTrace *
nfl_trace_new (void)
{
  NflTrace *trace = g_new0 (NflTrace, 1);

  g_atomic_ref_count_init (&trace->ref_count);
  trace->events = g_array_new (FALSE, FALSE, sizeof (NflTraceEvent));
  g_array_set_clear_func (trace->events, clear_event);
  trace->snapshots = g_array_new (FALSE, FALSE, sizeof (NflPacket));
  trace->ns_names = g_ptr_array_new_with_free_func (g_free);
  trace->conntrack = g_array_new (FALSE, FALSE, sizeof (NflConntrackRecord));
  trace->failure_values = g_array_new (FALSE, FALSE, sizeof (FailureValue));
  return trace;
}

NflTrace *
nfl_trace_ref (NflTrace *trace)
{
  g_return_val_if_fail (trace != NULL, NULL);
  g_atomic_ref_count_inc (&trace->ref_count);
  return trace;
}

void
nfl_trace_unref (NflTrace *trace)
{
  g_return_if_fail (trace != NULL);
  if (!g_atomic_ref_count_dec (&trace->ref_count))
    return;
  g_array_unref (trace->events);
  g_array_unref (trace->snapshots);
  g_ptr_array_unref (trace->ns_names);
  g_array_unref (trace->conntrack);
  g_array_unref (trace->failure_values);
  g_free (trace->failures);
  g_free (trace->outcome);
  g_free (trace);
}

void
_nfl_trace_clear (NflTrace *trace)
{
  g_array_set_size (trace->events, 0);
  g_array_set_size (trace->snapshots, 0);
  g_ptr_array_set_size (trace->ns_names, 0);
  g_array_set_size (trace->conntrack, 0);
  g_array_set_size (trace->failure_values, 0);
  trace->n_packets = 0;
  trace->n_failures = 0;
  trace->seed = 0;
  trace->n_draws = 0;
  g_clear_pointer (&trace->outcome, g_free);
}

guint32
_nfl_trace_snapshot (NflTrace        *trace,
                     const NflPacket *packet)
{
  /* consecutive events mostly see the same packet: keep one copy */
  if (trace->snapshots->len > 0)
    {
      const NflPacket *last = &g_array_index (trace->snapshots, NflPacket, trace->snapshots->len - 1);
      if (memcmp (last, packet, sizeof *packet) == 0)
        return trace->snapshots->len - 1;
    }
  g_array_append_val (trace->snapshots, *packet);
  return trace->snapshots->len - 1;
}

void
_nfl_trace_reserve_failures (NflTrace *trace,
                             guint     count)
{
  guint needed = trace->n_failures + count;

  if (needed <= trace->failures_size)
    return;
  trace->failures_size = MAX (MAX (256, needed), trace->failures_size * 2);
  trace->failures = g_renew (gint16, trace->failures, trace->failures_size);
}

void
_nfl_trace_add (NflTrace            *trace,
                const NflTraceEvent *event)
{
  g_array_append_val (trace->events, *event);
}

void
_nfl_trace_add_conntrack (NflTrace                 *trace,
                          const NflConntrackRecord *record)
{
  g_array_append_val (trace->conntrack, *record);
}

guint
nfl_trace_get_n_conntrack_records (NflTrace *trace)
{
  g_return_val_if_fail (trace != NULL, 0);
  return trace->conntrack->len;
}

const NflConntrackRecord *
nfl_trace_get_conntrack_record (NflTrace *trace,
                                guint     index)
{
  g_return_val_if_fail (trace != NULL, NULL);
  g_return_val_if_fail (index < trace->conntrack->len, NULL);
  return &g_array_index (trace->conntrack, NflConntrackRecord, index);
}

static void
append_tuple (GString                 *out,
              guint8                   proto,
              const NflConntrackTuple *t)
{
  char src[16], dst[16];

  nfl_ipv4_format (t->src, src);
  nfl_ipv4_format (t->dst, dst);
  g_string_append_printf (out, "src=%s dst=%s ", src, dst);
  if (proto == NFL_PROTO_ICMP)
    g_string_append_printf (out, "type=%u code=0 id=%u ", t->icmp_type, t->sport);
  else if (proto == NFL_PROTO_TCP || proto == NFL_PROTO_UDP)
    g_string_append_printf (out, "sport=%u dport=%u ", t->sport, t->dport);
}

char *
nfl_conntrack_record_format (const NflConntrackRecord *record)
{
  static const char *tcp_states[] = { NULL, "SYN_SENT", "SYN_RECV", "ESTABLISHED", "CLOSE" };
  GString *out = g_string_new (NULL);
  const char *proto = nfl_protocol_name (record->proto);

  if (proto != NULL)
    g_string_append_printf (out, "%s ", proto);
  else
    g_string_append_printf (out, "proto-%u ", record->proto);
  if (record->tcp_state != NFL_TCP_CT_NONE && (guint) record->tcp_state < G_N_ELEMENTS (tcp_states))
    g_string_append_printf (out, "%s ", tcp_states[record->tcp_state]);
  append_tuple (out, record->proto, &record->original);
  if (!(record->flags & NFL_CONNTRACK_SEEN_REPLY))
    g_string_append (out, "[UNREPLIED] ");
  append_tuple (out, record->proto, &record->reply);
  if (record->flags & NFL_CONNTRACK_SRC_NAT)
    g_string_append (out, "[SNAT] ");
  if (record->flags & NFL_CONNTRACK_DST_NAT)
    g_string_append (out, "[DNAT] ");
  /* conntrack -L prints mark=0 too; only a mark a rule set is news here */
  if (record->mark != 0)
    g_string_append_printf (out, "mark=%u ", record->mark);
  g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

void
_nfl_trace_set_outcome (NflTrace   *trace,
                        const char *outcome)
{
  g_free (trace->outcome);
  trace->outcome = g_strdup (outcome);
}

guint
nfl_trace_get_n_events (NflTrace *trace)
{
  g_return_val_if_fail (trace != NULL, 0);
  return trace->events->len;
}

const NflTraceEvent *
nfl_trace_get_event (NflTrace *trace,
                     guint     index)
{
  g_return_val_if_fail (trace != NULL, NULL);
  g_return_val_if_fail (index < trace->events->len, NULL);
  return &g_array_index (trace->events, NflTraceEvent, index);
}

int
nfl_trace_get_rule_failure (NflTrace            *trace,
                            const NflTraceEvent *event,
                            guint                nth)
{
  g_return_val_if_fail (trace != NULL, NFL_RULE_MATCHED);
  g_return_val_if_fail (event != NULL && event->kind == NFL_EVENT_RULE, NFL_RULE_MATCHED);
  g_return_val_if_fail (nth < event->n_rules, NFL_RULE_MATCHED);
  if (event->failed == NFL_RULE_MATCHED)
    return NFL_RULE_MATCHED;
  g_return_val_if_fail (event->failures + nth < trace->n_failures, NFL_RULE_MATCHED);
  return trace->failures[event->failures + nth];
}

int
nfl_rule_failure_match (int failed)
{
  if (failed < NFL_RULE_FAILED_MATCH_BASE)
    return -1;
  return (failed & NFL_RULE_FAILED_MATCH_MASK) - NFL_RULE_FAILED_MATCH_BASE;
}

guint
nfl_rule_failure_ct_part (int failed)
{
  if (failed < NFL_RULE_FAILED_MATCH_BASE)
    return NFL_RULE_FAILED_CT_UNTOLD;
  return (guint) failed >> NFL_RULE_FAILED_PART_SHIFT;
}

void
_nfl_trace_add_failure_value (NflTrace *trace,
                              guint     failure,
                              guint32   value)
{
  FailureValue fv = { failure, value };

  g_array_append_val (trace->failure_values, fv);
}

gboolean
nfl_trace_get_rule_failure_value (NflTrace            *trace,
                                  const NflTraceEvent *event,
                                  guint                nth,
                                  guint32             *value)
{
  guint want, lo = 0, hi;

  g_return_val_if_fail (trace != NULL, FALSE);
  g_return_val_if_fail (event != NULL && event->kind == NFL_EVENT_RULE, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  if (event->failed == NFL_RULE_MATCHED || nth >= event->n_rules)
    return FALSE;
  want = event->failures + nth;
  hi = trace->failure_values->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const FailureValue *fv = &g_array_index (trace->failure_values, FailureValue, mid);

      if (fv->failure == want)
        {
          *value = fv->value;
          return TRUE;
        }
      if (fv->failure < want)
        lo = mid + 1;
      else
        hi = mid;
    }
  return FALSE;
}

const NflPacket *
nfl_trace_get_snapshot (NflTrace *trace,
                        guint     index)
{
  g_return_val_if_fail (trace != NULL, NULL);
  g_return_val_if_fail (index < trace->snapshots->len, NULL);
  return &g_array_index (trace->snapshots, NflPacket, index);
}

guint
nfl_trace_get_n_packets (NflTrace *trace)
{
  g_return_val_if_fail (trace != NULL, 0);
  return trace->n_packets;
}

guint32
nfl_trace_get_seed (NflTrace *trace)
{
  g_return_val_if_fail (trace != NULL, 0);
  return trace->seed;
}

guint
nfl_trace_get_n_draws (NflTrace *trace)
{
  g_return_val_if_fail (trace != NULL, 0);
  return trace->n_draws;
}

const char *
nfl_trace_get_outcome (NflTrace *trace)
{
  g_return_val_if_fail (trace != NULL, NULL);
  return trace->outcome ? trace->outcome : "no reply";
}

const char *
nfl_trace_get_namespace_name (NflTrace *trace,
                              int       ns)
{
  g_return_val_if_fail (trace != NULL, NULL);
  if (ns < 0 || (guint) ns >= trace->ns_names->len)
    return NULL;
  return g_ptr_array_index (trace->ns_names, ns);
}

GPtrArray *
nfl_trace_get_log_lines (NflTrace *trace,
                         guint     max_packet)
{
  GPtrArray *lines = g_ptr_array_new ();
  guint runs = 0;
  int last = -1;

  g_return_val_if_fail (trace != NULL, lines);

  for (guint i = 0; i < trace->events->len; i++)
    {
      const NflTraceEvent *event = &g_array_index (trace->events, NflTraceEvent, i);

      if (event->kind != NFL_EVENT_LOG)
        continue;
      /* the log splits into packets where the packet changes: an ICMP
       * redirect's lines come between those of the packet it is about */
      if ((int) event->packet != last)
        runs++;
      last = event->packet;
      if (max_packet != 0 && runs > max_packet)
        break;
      g_ptr_array_add (lines, event->text);
    }
  return lines;
}
